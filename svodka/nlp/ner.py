"""Named entities: natasha's slovnet tagger, then general rule corrections.

``tag_entities`` runs slovnet (``models.ner``) over ``Article.text`` paragraph by paragraph
(lines; measured on factRuEval dev: whole text 0.960/0.905/0.776 PER/LOC/ORG F1, by lines
0.957/0.909/0.783 at the same speed, and lines batch across articles) and corrects its
known faults with rules that hold on any news text:

1. span boundaries: a span never crosses brackets, bullets, line breaks or quote marks
   (slovnet glues "Имя Фамилия (Latin Name)" and "ОАО «Газпром»"); edge punctuation goes;
   a person span does not cross a comma;
2. spans with digits are not persons or places ("COP29"); a lone legal form or org head
   noun ("ОАО", "Концерн") and common-noun abbreviations ("СМИ") are not names;
3. well-known abbreviations are typed from the lexicon ("ЕС", "ООН", "ШОС" are ORG, "РФ" LOC),
   also where slovnet missed them;
4. a span made only of adjectives ("Казахстанские", "российский") is not an entity;
5. a LOC span headed by an organisation noun ("Еврокомиссия") or a known org name
   ("Европейского союза") is ORG; an ORG takes a lower-case geographic adjective before it
   ("японского МИДа": the factRuEval convention counts it in the name);
6. a written-out ministry ("министерства иностранных дел") is ORG; an ORG takes the
   "по/при ..." tail of its full name ("Комитет по иностранным делам");
   a capitalised quoted phrase after an org noun (компания «Ромашка», ОАО «Газпром») is ORG;
7. document consistency: every mention of one string (in any case form: "Нур-Султан",
   "Нур-Султане") takes the type most of its mentions have; a PER/LOC-ORG tie goes by
   evidence (a dictionary place name or "в/из/под ..." before it; a first name or an initial
   beside it); untagged occurrences of a tagged ORG/LOC string, and untagged occurrences
   of a tagged surname later or in the headline line, are tagged too;
8-11. the words around a span (``_ner_context``): a governed genitive place is not the start
   of a person ("губернатор Приморья Олег Кожемяко"); capitalised words after a street noun
   or "имени"/"им." name a street or an institution, not a person; a Latin process name
   ("Brexit") is not an ORG; a lone one-word "person" whose readings or adjective make it a
   place ("Трансильвания"; "Фархад" beside "Фархадская ГЭС") is a LOC.

Two views come out. ``Article.extras["ner_spans"]`` is the flat name view
(``[start, end, type]``, the factRuEval convention: names only, descriptors outside). The
entities then merge an organisation with the place that follows it in the genitive
("МИД Казахстана", "правительство Киргизии", "пресс-служба МИД Казахстана") into one ORG
mention; the place keeps its own LOC mention inside it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..model import Article, Entity, Mention
from ._lexicon import (
    DOUBLE_OPENING,
    CLOSERS,
    CLOSING_MARKS,
    OPENING_MARKS,
    GEO_ADJECTIVE_ENDINGS,
    GEO_HEADS,
    is_position,
    KNOWN_ORG_NAMES,
    LEGAL_FORMS,
    LOC_TO_ORG_HEADS,
    LOC_ABBREVIATIONS,
    NON_ENTITY_ABBREVIATIONS,
    ORG_ABBREVIATIONS,
    INSTITUTION_HEADS,
    ORG_HEADS,
    QUOTED_NAME_HEADS,
)
from ._ner_context import add_named_after, drop_latin_processes, retype_lone_places, split_place_from_person
from .models import Models
from .names import parses
from ._tagger import MAX_WINDOW_CHARS, MAX_WINDOW_TOKENS, TYPES, raw_spans, windows
from .text import AnalysedText, analysed

__all__ = ["tag_entities", "tag_entities_batch", "raw_spans", "correct_spans", "windows", "MAX_WINDOW_CHARS", "MAX_WINDOW_TOKENS"]

# Characters a span must not cross: brackets, bullets, quotes, line breaks.
SPLIT_CHARS = re.compile(r"[()\[\]{}•|«»\"“”„\n]+")

# Split characters for persons: also commas, two people in one span ("Овечкин, Фёдоров").
PER_SPLIT_CHARS = re.compile(r"[()\[\]{}•|«»\"“”„\n,;]+")

# Characters trimmed from span edges (apostrophes and dots inside names stay).
EDGE_STRIP = " \t\r\n,.;:!?-–—'\"«»“”„()[]{}•/\\*"

# Quote marks that open and close a quoted organisation name.
OPEN_QUOTES = OPENING_MARKS
CLOSE_QUOTES = CLOSING_MARKS

# Longest quoted name (in tokens) rule 6 accepts: longer quotes are titles or speech.
MAX_QUOTED_NAME_TOKENS = 6

# Longest genitive portfolio after "министерство" ("иностранных дел", "сельского хозяйства").
MAX_PORTFOLIO_WORDS = 3

# Prepositions that start the tail of an organisation's full name, and its longest tail.
TAIL_PREPOSITIONS = frozenset({"по", "при"})
MAX_TAIL_WORDS = 6

# What follows an adjective span up to the noun it qualifies: more capitalised adjectives
# joined by commas/"и"/"или", then the noun ("Тульской и Белгородской областях").
COORDINATED_ADJECTIVES = re.compile(
    r"(?:\s*(?:,|\sи|\sили)\s+[А-ЯЁ][а-яё-]+)*\s+(?P<noun>[А-ЯЁа-яё][а-яё-]+)"
)
# Common nouns that name one institution when capitalised ("Кремль опроверг ...").
CAPITALISED_INSTITUTIONS = frozenset("кремль ватикан пентагон смольный".split())
# A word inside a span (letters, digits and hyphens).
WORD_IN_SPAN = re.compile(r"[\w][\w\-]*")
# Prepositions of place: a string right after one is read as a place when its type is tied
# ("в Нур-Султане", "из Ташкента").
LOCATIVE_PREPOSITIONS = frozenset("в во из под над до через".split())
# Grammemes of adjectives and participles (rule 4).
ADJECTIVE_POS = frozenset({"ADJF", "ADJS", "PRTF", "PRTS"})

# Grammemes that mark a proper name in pymorphy3: such a word is a name even if it also
# parses as an adjective ("Южная", "Российская" in names stay when slovnet tags more).
NAME_GRAMMEMES = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad"})


def tag_entities(article: Article, models: Models) -> Article:
    """Find entity mentions in one article (the same code as ``tag_entities_batch``).

    Args:
        article: an article; only ``article.text`` is read.
        models: loaded models (``models.ner``, ``models.parse``).
    Returns:
        The article with ``entities`` (one Entity per distinct mention text and type,
        ``normal`` still empty) and ``extras["ner_spans"]`` (the flat name view).
    """
    return tag_entities_batch([article], models)[0]


def tag_entities_batch(articles: Iterable[Article], models: Models) -> list[Article]:
    """Find entity mentions in many articles, running slovnet over all of them at once."""
    articles = list(articles)
    layers = [analysed(article, models) for article in articles]
    for article, tokens, spans in zip(articles, layers, raw_spans(layers, models)):
        flat = correct_spans(article.text, spans, models, tokens)
        article.extras["ner_spans"] = [list(s) for s in flat]
        article.entities = _build_entities(article.text, _merge_org_places(article.text, flat, models, tokens))
    return articles


# ---------------------------------------------------------------------------- tokens


def _is_word(token: str) -> bool:
    """Has the token a letter? (Asked of every token: most are all letters, answered at once.)"""
    return token.isalpha() or any(c.isalpha() for c in token)


def _is_adjective_only(words: list[str], models: Models) -> bool:
    """True if every word reads as an adjective and none as a proper name (rule 4)."""
    for word in words:
        best = parses(models, word)
        if not best:
            return False
        if best[0].tag.POS not in ADJECTIVE_POS:
            return False
        if any(NAME_GRAMMEMES & p.tag.grammemes for p in best if p.tag.POS == "NOUN"):
            return False
    return True


def _names_following_noun(text: str, end: int, models: Models) -> bool:
    """Does an adjective span name the noun after it, perhaps through a coordinated list?

    "Центральной и Восточной Европы", "в Вологодской, Тульской и Белгородской областях":
    the adjectives are parts of place names. "Казахстанские власти" is not: the noun after
    it is a lower-case common noun.
    """
    m = COORDINATED_ADJECTIVES.match(text, end)
    if m is None:
        return False
    word = m.group("noun")
    best = parses(models, word)
    if not best or best[0].tag.POS != "NOUN":
        return False
    return word[0].isupper() or best[0].normal_form in GEO_HEADS


def _lemma(models: Models, word: str) -> str:
    best = parses(models, word)
    return best[0].normal_form if best else word.lower()


def _head_lemma(models: Models, words: list[str]) -> str | None:
    """Lemma of the first noun of a span (its head in Russian names), if any."""
    for word in words:
        best = parses(models, word)
        if best and best[0].tag.POS == "NOUN":
            return best[0].normal_form
    return None


# ---------------------------------------------------------------------------- corrections


def correct_spans(
    text: str, spans: list[tuple[int, int, str]], models: Models, tokens: "AnalysedText | None" = None
) -> list[tuple[int, int, str]]:
    """Apply the rule corrections to slovnet spans of one text.

    Args:
        text: the text the offsets index.
        spans: slovnet spans ``(start, end, type)``.
        models: loaded models (``models.parse`` for the word checks).
        tokens: the razdel tokens of ``text`` when the caller has them.
    Returns:
        Sorted, non-overlapping corrected spans.
    """
    tokens = tokens or AnalysedText(text, models.parse)
    out: list[tuple[int, int, str]] = []
    for start, end, kind in spans:
        for s, e in _split_span(text, start, end, kind):
            if kind == "PER":
                s = _trim_title(text, s, e, models)
            pieces = split_place_from_person(text, tokens, s, e, models) if kind == "PER" else [(s, e, kind)]
            out.extend(fixed for fixed in (_check_span(text, *piece, models) for piece in pieces) if fixed)
    out = add_named_after(text, tokens, out, models)
    out = drop_latin_processes(text, tokens, out, models)
    out = _add_abbreviations(text, tokens, out)
    out = _add_ministries(text, tokens, out, models)
    out = _extend_org_tails(text, tokens, out, models)
    out = _add_quoted_names(text, tokens, out, models)
    out = _make_consistent(text, tokens, out, models)
    out = retype_lone_places(text, tokens, out, models)
    out = [span for span in out if not _capitalised_common_noun(text, span, models)]
    return _resolve_overlaps(out)


def _capitalised_common_noun(text: str, span: tuple[int, int, str], models: Models) -> bool:
    """A one-word span that is only a common noun capitalised at a sentence start.

    "Элеватор в Костанайской области. Фото: ...", "Аэропорт возобновит работу": slovnet reads
    the capital as a name. A dictionary noun with no name reading at all, opening a sentence,
    is not an entity, unless it heads institutions ("Правительство", "Кремль" stay).
    """
    start, end, _ = span
    word = text[start:end]
    if not word[:1].isupper() or word.isupper() or not word.isalpha():
        return False
    before = text[max(0, start - 3) : start].rstrip(" \t—–-" + DOUBLE_OPENING)
    if before and before[-1] not in ".!?…\n":
        return False
    readings = parses(models, word)
    if not readings or not all(p.is_known and p.tag.POS == "NOUN" for p in readings):
        return False
    if any(NAME_GRAMMEMES & p.tag.grammemes for p in readings):
        return False
    return readings[0].normal_form not in ORG_HEADS | CAPITALISED_INSTITUTIONS


def _split_span(text: str, start: int, end: int, kind: str) -> list[tuple[int, int]]:
    """Rule 1: cut a span at brackets, bullets, quotes, line breaks; trim its edges."""
    pieces: list[tuple[int, int]] = []
    pattern = PER_SPLIT_CHARS if kind == "PER" else SPLIT_CHARS
    pos = start
    for match in pattern.finditer(text, start, end):
        pieces.append((pos, match.start()))
        pos = match.end()
    pieces.append((pos, end))
    out = []
    for s, e in pieces:
        while s < e and text[s] in EDGE_STRIP:
            s += 1
        while e > s and text[e - 1] in EDGE_STRIP:
            e -= 1
        if e > s and _is_word(text[s:e]):
            out.append((s, e))
    return out


def _trim_title(text: str, start: int, end: int, models: Models) -> int:
    """Start of a PER span past leading common nouns: "Вице-премьер-министр Бейшеналиев".

    slovnet sometimes takes a capitalised title (sentence-initial "Министр", "Губернатор")
    into the person. A leading word goes when it is a dictionary common noun with no name
    reading at all; the last word always stays ("Волк" alone may be a surname).
    """
    for match in WORD_IN_SPAN.finditer(text, start, end):
        if match.end() >= end:
            break
        readings = parses(models, match.group())
        if not readings or not is_position(readings[0].normal_form) or any(NAME_GRAMMEMES & p.tag.grammemes for p in readings):
            break
        start = match.end()
        while start < end and text[start].isspace():
            start += 1
    return start


# The words of a span (letters, digits, hyphens, periods, apostrophes), for ``_check_span``.
_SPAN_WORDS = re.compile(r"[\w\-.']+")


def _check_span(text: str, start: int, end: int, kind: str, models: Models) -> tuple[int, int, str] | None:
    """Rules 2-5 on one span: drop it, retype it or keep it."""
    surface = text[start:end]
    words = [w for w in _SPAN_WORDS.findall(surface) if _is_word(w)]
    if not words:
        return None
    if len(words) == 1:
        word = words[0]
        if word in ORG_ABBREVIATIONS:
            return (start, end, "ORG")
        if word in LOC_ABBREVIATIONS:
            return (start, end, "LOC")
        if word in NON_ENTITY_ABBREVIATIONS or word.lower() in LEGAL_FORMS:
            return None
        if word[:1].islower() is False and _lemma(models, word) in QUOTED_NAME_HEADS - ORG_HEADS:
            return None  # "Концерн", "Компания" alone: a descriptor, not a name
    if kind in ("PER", "LOC") and any(c.isdigit() for c in surface):
        return None
    if _is_adjective_only(words, models) and not _names_following_noun(text, end, models):
        return None
    if kind == "LOC" and (
        _head_lemma(models, words) in LOC_TO_ORG_HEADS or " ".join(_lemma(models, w) for w in words) in KNOWN_ORG_NAMES
    ):
        kind = "ORG"
    if kind == "ORG":
        start = _extend_geo_adjective(text, start, models)
    return (start, end, kind)


def _add_ministries(
    text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], models: Models
) -> list[tuple[int, int, str]]:
    """A written-out ministry is an ORG: "министерства иностранных дел", "министерстве
    финансов" (the noun plus its genitive portfolio), with a geographic adjective before it."""
    covered = _covered(spans)
    out = list(spans)
    items = tokens.items
    for i, (s, e, word) in enumerate(items):
        if s in covered or not word.lower().startswith("министерств"):
            continue
        end, j = None, i + 1
        while j < len(items) and j <= i + MAX_PORTFOLIO_WORDS and items[j][0] not in covered:
            best = parses(models, items[j][2])[:1]
            if not items[j][2].islower() or not best or best[0].tag.case != "gent":
                break
            if best[0].tag.POS == "NOUN":
                end = items[j][1]
            elif best[0].tag.POS != "ADJF":
                break
            j += 1
        if end is not None:
            out.append((_extend_geo_adjective(text, s, models), end, "ORG"))
    return out


def _extend_org_tails(
    text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], models: Models
) -> list[tuple[int, int, str]]:
    """An ORG takes a "по/при ..." tail of its full name ("Комитет по иностранным делам",
    "МЧС по Санкт-Петербургу", "Совет при президенте"): lower-case adjectives and nouns
    (and "и" between them) or place spans, ending on a noun or a place."""
    spans = sorted(spans)
    by_start = {s: (s, e, k) for s, e, k in spans}
    out: list[tuple[int, int, str]] = []
    absorbed: set[tuple[int, int, str]] = set()
    for span in spans:
        if span in absorbed:
            continue
        start, end, kind = span
        index = tokens.ends.get(end)
        if kind == "ORG" and index is not None:
            end = _tail_end(text, tokens, index + 1, by_start, absorbed, models) or end
        out.append((start, end, kind))
    return [x for x in out if x not in absorbed]


def _tail_end(text, tokens: AnalysedText, i: int, by_start, absorbed: set, models: Models) -> int | None:
    """End of a "по/при ..." tail starting at token ``i``, or None."""
    items = tokens.items
    if i >= len(items) or items[i][2].lower() not in TAIL_PREPOSITIONS:
        return None
    best, taken, count = None, [], 0
    j = i + 1
    while j < len(items) and count < MAX_TAIL_WORDS:
        s, e, word = items[j]
        span = by_start.get(s)
        if span and span[2] == "LOC":
            taken.append(span)
            best = span[1]
            j = tokens.ends.get(span[1], j) + 1
            count += 1
            continue
        if word == "и" and best is not None:
            j += 1
            continue
        first = parses(models, word)[:1]
        if not word.islower() or not first or first[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            break
        if first[0].tag.POS == "NOUN":
            best = e
            absorbed.update(taken)
        j += 1
        count += 1
    if best is None:
        return None
    absorbed.update(x for x in taken if x[1] <= best)
    return best


def _extend_geo_adjective(text: str, start: int, models: Models) -> int:
    """Start of an ORG widened over a lower-case geographic adjective before it ("японского МИДа")."""
    match = re.search(r"([а-яё]+)\s+$", text[max(0, start - 40) : start])
    if not match:
        return start
    word = match.group(1)
    best = parses(models, word)
    if best and best[0].tag.POS == "ADJF" and best[0].normal_form.endswith(GEO_ADJECTIVE_ENDINGS):
        return start - len(match.group(0))
    return start


def _add_abbreviations(text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Rule 3 for missed tokens: a known abbreviation outside every span is an entity."""
    covered = _covered(spans)
    out = list(spans)
    for s, e, word in tokens.items:
        if s in covered:
            continue
        if word in ORG_ABBREVIATIONS:
            out.append((s, e, "ORG"))
        elif word in LOC_ABBREVIATIONS:
            out.append((s, e, "LOC"))
    return out


def _covered(spans: list[tuple[int, int, str]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def _add_quoted_names(
    text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], models: Models
) -> list[tuple[int, int, str]]:
    """Rule 6: «Name» after an org noun or legal form is an ORG (what it held is replaced)."""
    items = tokens.items
    out = list(spans)
    for i in range(len(items) - 2):
        word = items[i][2]
        if not _is_word(word) or items[i + 1][2] not in OPEN_QUOTES:
            continue
        if word.lower() not in LEGAL_FORMS and _lemma(models, word) not in QUOTED_NAME_HEADS:
            continue
        first = i + 2
        if not items[first][2][:1].isupper():
            continue
        closers = CLOSERS[items[i + 1][2]]  # «Aphrodite’s Child»: ’ does not close «
        close = next(
            (j for j in range(first, min(len(items), first + MAX_QUOTED_NAME_TOKENS + 1)) if items[j][2] in closers),
            None,
        )
        if close is None or close == first:
            continue
        s, e = items[first][0], items[close - 1][1]
        out = [sp for sp in out if not (sp[0] < e and s < sp[1])]
        out.append((s, e, "ORG"))
    return out


def _make_consistent(
    text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], models: Models
) -> list[tuple[int, int, str]]:
    """Rule 7: one type per string of an article; untagged later surnames of persons are PER."""
    out = _vote_types(text, tokens, spans, models)
    out += _repeat_names(text, tokens, out)
    # Surnames: the last word of a person span, or a lone word whose best reading is a surname.
    surnames: set[str] = set()
    for s, e, k in out:
        if k != "PER":
            continue
        words = text[s:e].split()
        last = words[-1]
        if len(words) > 1 or any("Surn" in p.tag for p in parses(models, last)[:1]):
            surnames.update(_surname_keys(models, last))
    if not surnames:
        return out
    covered = _covered(out)
    first_per = min((s for s, _, k in out if k == "PER"), default=len(text))
    # A headline names the people its article names («Путин наградил ...» over «Владимир
    # Путин вручил ...»): its first line counts as after the first person too.
    headline_end = max(text.find("\n"), 0)
    for s, e, word in tokens.items:
        if s in covered or (s < first_per and s >= headline_end) or not word[:1].isupper() or len(word) < 3:
            continue
        if not surnames.isdisjoint(_surname_keys(models, word)):
            out.append((s, e, "PER"))
    return out


def _vote_types(
    text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], models: Models
) -> list[tuple[int, int, str]]:
    """Give every mention of one string (in any case form) the type most of its mentions have.

    Mentions are one string when their word-by-word base forms meet ("Нур-Султан" and
    "Нур-Султане"). A tie between a person and a place/org reading goes to the side with
    evidence in the text: a dictionary place name or a locative preposition before a mention
    ("в Нур-Султане") speaks for LOC/ORG; a name/surname reading with a first name or an
    initial beside it ("Андрей Королёв", "А. Королёв") for PER; with evidence on both sides
    or none, PER. A LOC/ORG tie goes to ORG when a mention is quoted, to LOC for a
    dictionary place name, else to the type of the first mention.
    """
    groups = _string_groups(text, spans, models)
    kinds: dict[int, str] = {}
    for members in groups:
        votes = Counter(spans[i][2] for i in members)
        top = max(votes.values())
        tied = [k for k in TYPES if votes[k] == top]
        kind = tied[0]
        if len(tied) > 1:
            kind = _break_tie(text, tokens, [spans[i] for i in members], tied, models)
        for i in members:
            kinds[i] = kind
    return [(s, e, kinds.get(i, k)) for i, (s, e, k) in enumerate(spans)]


def _string_groups(text: str, spans: list[tuple[int, int, str]], models: Models) -> list[list[int]]:
    """Indexes of spans grouped by string: equal surfaces, or equal word-by-word base forms.

    A word may have several base forms ("Иванова": "иванов", "иванова"); two mentions are
    one string when, word by word, their sets of base forms meet.
    """
    keys = [[_word_keys(models, w) for w in text[s:e].split()] for s, e, _ in spans]
    parent = list(range(len(spans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Candidates share the word count and a base form of the first word; within such a
    # bucket each span is compared with one representative per group found so far, not with
    # every other span (a long text repeats "России" hundreds of times: that was quadratic).
    buckets: dict[tuple[int, str], list[int]] = {}
    for i, words in enumerate(keys):
        for first in words[0] if words else ("",):
            buckets.setdefault((len(words), first), []).append(i)
    for members in buckets.values():
        reps: list[int] = []
        for i in members:
            for r in reps:
                if all(a & b for a, b in zip(keys[i], keys[r])):
                    if find(i) != find(r):
                        parent[find(i)] = find(r)
                    break
            else:
                reps.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(spans)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _word_keys(models: Models, word: str) -> frozenset[str]:
    """Lower-case base forms of a word of a name (ё as е): itself and its singular noun lemmas (remembered per process)."""
    def compute() -> frozenset[str]:
        keys = {word.lower()}
        keys.update(p.normal_form for p in parses(models, word) if p.tag.POS == "NOUN" and p.tag.number != "plur")
        return frozenset(k.replace("ё", "е") for k in keys)

    return models.remember("name word keys", word, compute)


def _break_tie(text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]], tied: list[str], models: Models) -> str:
    """The type of a tied string by evidence in the text (see ``_vote_types``)."""
    spans = sorted(spans)
    places = [k for k in tied if k != "PER"]
    if "PER" in tied:
        person = any(_person_evidence(text, tokens, s, e, models) for s, e, _ in spans)
        place = any(_place_evidence(text, tokens, s, e, models) for s, e, _ in spans)
        if person == place or not places:
            # nothing decides: slovnet's person reading of a string it also read as a
            # place or org is the likelier one (a surname looks like a place, rarely back)
            return "PER"
        if person:
            return "PER"
    if len(places) == 1:
        return places[0]
    # LOC or ORG: a quoted mention is a name of an organisation (places are not quoted:
    # Клуб «Бавария»), a dictionary place name is a place; else the first mention decides
    if any(_quoted(text, s, e) for s, e, _ in spans):
        return "ORG"
    if any(_is_place_name(text[s:e], models) for s, e, _ in spans):
        return "LOC"
    return next(k for _, _, k in spans if k in places)


def _quoted(text: str, start: int, end: int) -> bool:
    """Is a span enclosed in quote marks ("«Бавария»")?"""
    return start > 0 and end < len(text) and text[start - 1] in OPEN_QUOTES and text[end] in CLOSERS[text[start - 1]]


def _is_place_name(surface: str, models: Models) -> bool:
    """Does the last word of a string have a dictionary place-name reading (pymorphy3 Geox)?"""
    words = WORD_IN_SPAN.findall(surface)
    return bool(words) and any(p.is_known and "Geox" in p.tag for p in parses(models, words[-1]))


def _place_evidence(text: str, tokens: AnalysedText, start: int, end: int, models: Models) -> bool:
    """A dictionary place name, or a mention right after a locative preposition ("в Ташкенте")."""
    if _is_place_name(text[start:end], models):
        return True
    index = tokens.starts.get(start)
    return bool(index) and tokens.items[index - 1][2].lower() in LOCATIVE_PREPOSITIONS


def _person_evidence(text: str, tokens: AnalysedText, start: int, end: int, models: Models) -> bool:
    """A name/surname reading with a first name or an initial beside it (in or next to the span)."""
    words = [t for t in (tokens.items[i][2] for i in tokens.inside(start, end)) if _is_word(t)]
    if not any({"Name", "Surn"} & p.tag.grammemes for w in words for p in parses(models, w)):
        return False
    index, last = tokens.starts.get(start), tokens.ends.get(end)
    beside = []
    if index:
        beside.append(tokens.items[index - 1][2])
    if last is not None and last + 1 < len(tokens.items):
        beside.append(tokens.items[last + 1][2])
    inner = words if len(words) > 1 else []
    return any(_first_name_or_initial(w, models) for w in beside + inner[:-1])


def _first_name_or_initial(word: str, models: Models) -> bool:
    """A capitalised dictionary first name ("Андрей") or an initial ("А.", "А")."""
    if re.fullmatch(r"(?:[А-ЯЁA-Z]\.)+|[А-ЯЁ]", word):
        return True
    return word[:1].isupper() and any(p.is_known and "Name" in p.tag for p in parses(models, word))


def _repeat_names(text: str, tokens: AnalysedText, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Untagged occurrences of a tagged ORG/LOC string (capitalised, whole tokens) take its type."""
    covered = _covered(spans)
    known: dict[str, str] = {}
    for s, e, k in spans:
        surface = text[s:e]
        if k != "PER" and surface[:1].isupper() and len(surface) > 2:
            known.setdefault(surface, k)
    out = []
    starts, ends = tokens.starts, tokens.ends
    for surface, kind in known.items():
        s = text.find(surface)
        while s >= 0:
            e = s + len(surface)
            if s in starts and e in ends and not any(i in covered for i in range(s, e)):
                out.append((s, e, kind))
                covered.update(range(s, e))
            s = text.find(surface, e)
    return out


def _surname_keys(models: Models, word: str) -> list[str]:
    """Lower-case base forms a surname form may have ("Иванову" -> "иванов"; remembered per process)."""
    def compute() -> list[str]:
        keys = {word.lower()}
        keys.update(p.normal_form for p in parses(models, word) if p.tag.POS == "NOUN" and ("Surn" in p.tag or p.score >= 0.2))
        return sorted(keys)

    return models.remember("surname keys", word, compute)


def _resolve_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the earlier (then longer) of overlapping spans."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


# ---------------------------------------------------------------------------- entity view


def _merge_org_places(
    text: str, spans: list[tuple[int, int, str]], models: Models, tokens: "AnalysedText | None" = None
) -> list[tuple[int, int, str, list[tuple[int, int, str]]]]:
    """Merge an org (span or head noun) and the genitive place after it into one ORG.

    Returns ``(start, end, type, inner)`` where ``inner`` lists the spans merged into it.
    """
    tokens = tokens or AnalysedText(text, models.parse)
    items: list[tuple[int, int, str, list[tuple[int, int, str]]]] = [(s, e, k, []) for s, e, k in spans]
    items.sort(key=lambda x: x[0])
    # One pass, re-examining each merged item in place. Whether an item merges depends only
    # on it and the item before it, so the items before a merge need no second look (the
    # loop restarted from the first item after every merge: quadratic, 4 s of 13 on a
    # 440,000-character text).
    i = 0
    while i < len(items):
        s, e, k, inner = items[i]
        if k not in ("LOC", "ORG"):
            i += 1
            continue
        head = _org_before(text, tokens, s, items[i - 1] if i else None, models)
        if head is None or not _genitive(text[s:e], models):
            i += 1
            continue
        hs, prev = head
        if k == "ORG" and prev is None and not _is_place_tail(inner):
            # a head noun before an ORG span only extends ORGs that are "org + place"
            i += 1
            continue
        # What the new ORG holds: the places merged so far, and an ORG that is itself
        # "org + place" ("МИД Казахстана" inside "пресс-служба МИД Казахстана").
        merged_inner = (prev[3] if prev else []) + inner + ([(s, e, k)] if k == "LOC" or inner else [])
        new = (hs, e, "ORG", merged_inner)
        if prev is not None:  # prev is items[i - 1]: the new item takes both places
            items[i - 1 : i + 1] = [new]
            i -= 1
        else:  # a head noun between items[i - 1] and this one: the order holds
            items[i] = new
    return sorted(items, key=lambda x: x[0])


def _is_place_tail(inner: list[tuple[int, int, str]]) -> bool:
    return any(k == "LOC" for _, _, k in inner)


def _org_before(text, tokens: AnalysedText, start: int, prev, models: Models):
    """The org right before ``start``: ``(start, previous item or None)`` or None."""
    gap = text[prev[1] : start] if prev else None
    if prev and prev[2] == "ORG" and gap is not None and gap.strip() == "":
        return prev[0], prev
    index = tokens.starts.get(start)
    if index is None or index == 0:
        return None
    s, e, word = tokens.items[index - 1]
    if text[e:start].strip() or (prev and prev[1] > s):
        return None
    if word in ORG_ABBREVIATIONS:
        return s, None
    best = parses(models, word)
    if best and best[0].normal_form in INSTITUTION_HEADS and best[0].tag.number != "plur":
        return s, None
    return None


def _genitive(surface: str, models: Models) -> bool:
    """True if the span's first noun (or its first word) can be in the genitive."""
    words = [w for w in surface.split() if _is_word(w)]
    for word in words:
        best = parses(models, word)
        nouns = [p for p in best if p.tag.POS == "NOUN"]
        if nouns or word == words[-1]:
            return any(p.tag.case == "gent" for p in (nouns or best))
    return False


def _build_entities(text: str, items) -> list[Entity]:
    """One Entity per distinct (type, text); nested spans become mentions of their own."""
    flat: list[tuple[int, int, str]] = []
    for s, e, k, inner in items:
        flat.append((s, e, k))
        flat.extend(inner)
    groups: dict[tuple[str, str], Entity] = {}
    for s, e, k in sorted(set(flat)):
        key = (k, text[s:e])
        if key not in groups:
            groups[key] = Entity(id=f"e{len(groups) + 1}", type=k, name=text[s:e])
        groups[key].mentions.append(Mention(start=s, end=e, text=text[s:e], normal=""))
    return list(groups.values())
