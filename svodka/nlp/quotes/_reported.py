"""Pass 2: reported speech, per sentence, from speech cues (the headline forms in _headlines)."""

from __future__ import annotations

import re
from bisect import bisect_left

from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING
from ..dates import MONTH_FORMS, WEEKDAY
from .._speech import (
    ACCUSE_LEMMAS,
    ATTENTION_LEMMAS,
    CITING,
    CONFIRM_LEMMAS,
    OWN_POSSESSIVES,
    TIME_ADVERBS,
    NAMING_LEMMAS,
    ABOUT_LEMMAS,
    IMPERSONAL_MODALS,
    NARRATION_LEMMAS,
    QUOTE_JOINERS,
    RELAY_FORMS,
    REQUEST_LEMMAS,
    SPEECH_LEMMAS,
    VIA_LEMMAS,
    MEDIA_VERBS,
    IDIOM_CUES,
    PO_SLOVAM_PREPOSITIONS,
)
from ._according import (
    CLAUSE_POS,
    MAX_SOURCE_WORDS,
    _around_attribution,
    _impersonal,
    _po_slovam_item,
    _po_slovam_noun,
    _source_words,
    _verbless_phrase,
)
from ._direct import _only_quotes
from ._outlets import _is_outlet, _media_noun, _name_at, _named_body, _outlet_name
from ._text import (
    _lexicon_forms,
    _process_forms,
    _speech_forms,
    MAX_VERB_TO_CHTO,
    MIN_STATEMENT_WORDS,
    PRONOUNS,
    _Attribution,
    _Direct,
    _Item,
    _Text,
    _Tok,
    _WORD,
    _body_end,
    _is_adj,
    _in_short_quote,
    _is_adverb,
    _is_finite_verb,
    _is_speech,
    _negated,
    _sentences,
    _speaker_noun,
)
from ._headlines import _headline_item
from ._verb_objects import _about_item, _clause_end, _object_cue_item, _request_item


def _indirect_items(doc: _Text, direct: _Direct) -> list[_Item]:
    """Reported speech of every block, plus the headline forms."""
    text = doc.text
    items: list[_Item] = []
    reported: list[tuple[int, int]] = []  # reported statements found so far
    for bi, (b_start, b_end, b_kind) in enumerate(doc.blocks):
        sents = _sentences(doc, b_start, b_end)
        for si, (s_start, s_end) in enumerate(sents):
            body_end = _body_end(text, s_start, s_end)
            found = _sentence_items(doc, direct, reported, s_start, body_end, sents, si, bi)
            if not found and b_kind == "title":
                headline = _headline_item(doc, direct, s_start, body_end)
                found = [headline] if headline is not None else []
            for it in found:
                if _quotations(doc, it.start, it.end) > 1 and any(s.open + 1 in direct.statements for s in doc.spans if it.start <= s.open < it.end):
                    continue  # "пояснил, что «A», но «B»": the speaker's direct statements, no reported one
                items.append(it)
                reported.append((it.start, it.end))
    return items


def _quotations(doc: _Text, start: int, end: int) -> int:
    """How many quotations a clause is made of (0 when it has words of the narrator's own)."""
    if not _only_quotes(doc, start, end):
        return 0
    return sum(1 for s in doc.spans if s.depth == 0 and start <= s.open < end)


def _sentence_items(
    doc: _Text, direct: _Direct, reported: list[tuple[int, int]], s_start: int, s_end: int, sents: list[tuple[int, int]], si: int, bi: int
) -> list[_Item]:
    """The reported statements of one sentence, cue by cue: after a statement the scan goes on
    past it ("Петров пообещал A, а Орлова сообщила о B": two)."""
    toks = doc.toks(s_start, s_end)
    # the cue tokens of the sentence (nine tokens in ten are none), from the text's list of
    # them: their indexes in ``toks`` (which starts at ``base`` in ``doc.tokens``)
    cues = _cue_indexes(doc)
    base = bisect_left(doc._bounds()[0], s_start)
    j = bisect_left(cues, base)
    items: list[_Item] = []
    i = 0
    while j < len(cues) and cues[j] - base < len(toks):
        if cues[j] - base < i:
            j += 1
            continue
        i = cues[j] - base
        found, stop = _cue_items(doc, direct, reported, toks, i, s_start, s_end, sents, si, bi)
        items.extend(found)
        if stop:
            break
        if found:
            reach = max(toks[i].end, *(it.end for it in found))
            while i < len(toks) and toks[i].start < reach:
                i += 1
            continue
        i += 1
    _relayed_inner(doc, items)
    # a statement inside another's reported words is one statement (an outlet relaying
    # "X объявил об уходе, сообщает Y" has left: X's stays, with Y for via)
    return [it for it in items if not any(o is not it and o.start <= it.start and it.end <= o.end for o in items)]


def _relayed_inner(doc: _Text, items: list[_Item]) -> None:
    """"X объявил об уходе, сообщает Associated Press", "X подтвердил отставку, передает
    агентство Y": an outlet relaying a sentence whose own cue names its speaker relays that
    speaker's statement. The outer item ("S, сообщает Y") goes, the inner one stays with Y as
    its ``via`` (removed from ``items`` in place)."""
    for o in list(items):
        if not (o.attr.backref and o.attr.after and _relaying_cue(doc, o.attr)):
            continue
        inner = [it for it in items if it is not o and o.start <= it.start and it.end <= o.end and o.start <= it.attr.cue_start < o.end]
        if not inner:
            continue
        outlet = _outlet_name(doc, *o.attr.after)
        media = doc.lemma(o.attr.cue.split()[0]) in MEDIA_VERBS  # "пишет X", "передает X": an outlet's verbs
        if outlet is None or not (media or _is_outlet(doc, outlet) or re.match(r"[A-Z]", outlet) or any(_media_noun(doc, t) for t in doc.toks(*o.attr.after))):
            continue  # "..., сообщает пресс-служба": not an outlet relaying
        items.remove(o)
        for it in inner:
            it.attr.via = it.attr.via or _outlet_name_only(doc, outlet, o.attr.after)


def _relaying_cue(doc: _Text, attr: _Attribution) -> bool:
    """Is a cue after its statement a relaying verb in the present ("сообщает", "передает", "пишет")?"""
    word = doc.text[attr.cue_start : attr.cue_end].split()[:1]
    return bool(word) and doc.lemma(word[0]) in VIA_LEMMAS and doc.parse(word[0])[0].tag.tense == "pres"


def _outlet_name_only(doc: _Text, outlet: str, region: tuple[int, int]) -> str:
    """The outlet's name without its noun ("агентство «Северинформ»" -> "Северинформ")."""
    for t in doc.toks(*region):
        if _media_noun(doc, t):
            named = _named_body(doc, t, region[1])
            if named is not None:
                return named.name
    return outlet.strip()


def _cue_indexes(doc: _Text) -> list[int]:
    """The indexes in ``doc.tokens`` of the tokens in ``_cue_words``, in order (listed once per text)."""
    found = doc.memo.get("cue indexes")
    if found is None:
        cue_words = _cue_words(doc)
        found = doc.memo["cue indexes"] = [k for k, t in enumerate(doc.tokens) if t.low in cue_words]
    return found


def _cue_words(doc: _Text) -> frozenset[str]:
    """Every word ``_cue_items`` can find a statement at: the forms of the speech, "о"-phrase
    and request verbs, "по"/"согласно", "с" and the relaying verbs. Any other token is no cue,
    so it skips the cue tests (their per-token checks were the stage's largest cost, issue 15)."""
    def compute() -> frozenset[str]:
        return frozenset(
            _speech_forms(doc.models) | _lexicon_forms(doc, "about", ABOUT_LEMMAS) | _lexicon_forms(doc, "request", REQUEST_LEMMAS)
            | _lexicon_forms(doc, "naming", NAMING_LEMMAS) | _lexicon_forms(doc, "confirm", CONFIRM_LEMMAS)
            | _lexicon_forms(doc, "accuse", ACCUSE_LEMMAS)
            | PO_SLOVAM_PREPOSITIONS | RELAY_FORMS | {"с"}
        )

    return _process_forms(doc.models, "cue words", compute)


def _cue_items(
    doc: _Text, direct: _Direct, reported: list[tuple[int, int]], toks: list[_Tok], i: int, s_start: int, s_end: int,
    sents: list[tuple[int, int]], si: int, bi: int,
) -> tuple[list[_Item], bool]:
    """The statements the token ``toks[i]`` is the cue of (none when it is no cue; two for
    "добавила, что A, но подчеркнула, что B"), and whether the sentence has no other."""
    t = toks[i]
    if doc.in_quote(t.start) or t.start in direct.statements:
        return _quoted_cue_items(doc, direct, toks, i, s_start, s_end), False
    if t.low in PO_SLOVAM_PREPOSITIONS:
        found = _po_slovam_cue_items(doc, toks, i, s_start, s_end)
        if found is not None:
            return found
    if t.start in direct.cues:
        return _colon_cue_items(doc, direct, toks, i, s_start, s_end), False
    item = _object_cue_item(doc, toks, i, s_start, s_end)
    if item is not None:
        return [item], False
    speech = _is_speech(doc, t)
    if not speech:
        return _non_speech_cue_items(doc, direct, toks, i, s_start, s_end)
    return _speech_cue_items(doc, direct, reported, toks, i, s_start, s_end, sents, si, bi)


def _po_slovam_cue_items(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> tuple[list[_Item], bool] | None:
    """The statement of "по словам X" at the preposition ``toks[i]`` and whether the sentence
    has no other; None when the preposition opens no such phrase."""
    t = toks[i]
    # "По словам X, S" / "S, по мнению X" / "по официальным данным МВД, S" (not in brackets:
    # "(по другим данным, 6 января)" is an aside)
    if doc.text.count("(", s_start, t.start) <= doc.text.count(")", s_start, t.start):
        k = _po_slovam_noun(doc, toks, i)
        if k is not None:
            item = _po_slovam_item(doc, toks, i, k, s_start, s_end)
            return ([item] if item is not None else []), True
    if doc.text[max(0, t.start - 20) : t.start].rstrip().endswith("("):
        # "(по его словам, он не жалуется на здоровье)": an aside opening with someone's words
        k = _po_slovam_noun(doc, toks, i)
        close = doc.text.find(")", t.end, s_end)
        if k is not None and close > 0 and doc.lemma(toks[k].text) in ("слово", "мнение"):
            item = _po_slovam_item(doc, toks, i, k, t.start, close)
            return ([item] if item is not None else []), False
    return None


def _colon_cue_items(doc: _Text, direct: _Direct, toks: list[_Tok], i: int, s_start: int, s_end: int) -> list[_Item]:
    """The reported statements of the cue ``toks[i]`` of a direct statement (its quotation
    read already): the "о"-phrase before the colon, or the clause before an inverted cue."""
    t = toks[i]
    # "заявила о Y: «...»", "рассказал о Y:\n<the quoted paragraph>": the "о"-phrase up to
    # the colon is a statement too, the quotation's words another (the wikinews gold's convention)
    item = _about_item(doc, toks, i, s_start, s_end) if not _negated(doc, t) else None
    colon = doc.text.find(":", item.start, item.end + 1) if item is not None and item.start > t.start else -1
    after = doc.text[colon + 1 : colon + 4].lstrip(" \xa0")
    if colon >= 0 and not doc.in_quote(colon) and after[:1] and after[0] in DOUBLE_OPENING + "\n":
        item.end = len(doc.text[:colon].rstrip())
        return [item]
    if item is None and _inverted_colon_cue(doc, toks, i, s_start, s_end):
        # "S, рассказали эксперты:" then their words: S is theirs too, reported
        item = _cue_after_item(doc, direct, toks, i, s_start, s_end)
        return [item] if item is not None else []
    return []


def _speech_cue_items(
    doc: _Text, direct: _Direct, reported: list[tuple[int, int]], toks: list[_Tok], i: int, s_start: int, s_end: int,
    sents: list[tuple[int, int]], si: int, bi: int,
) -> tuple[list[_Item], bool]:
    """The statements of a speech verb's form ``toks[i]`` (a request, "Как сообщил X, S", "X
    заявил, что S", "Об этом сообщил X", "S, сказал X") and whether the sentence has no other."""
    t = toks[i]
    if _negated(doc, t):
        return [], False
    if t.low in _lexicon_forms(doc, "request", REQUEST_LEMMAS):
        item = _request_item(doc, toks, i, s_start, s_end)  # "пообещал поставить вопрос"
        if item is not None:
            return [item], False
    found_kak = _kak_cue_items(doc, toks, i, s_start, s_end)
    if found_kak is not None:
        return found_kak
    # "X заявил, что S"
    found = _chto_item(doc, toks, i, s_start, s_end)
    if found:
        return found, max(it.end for it in found) >= s_end
    if doc.parse(t.text)[0].tag.POS in ("GRND", "PRTF"):
        return [], False  # "..., объяснив своё решение": a gerund or participle reports only with its "что"-clause
    item = _ob_etom_item(doc, reported, toks, i, s_start, s_end, sents, si, bi)
    if item is None:
        item = _cue_after_item(doc, direct, toks, i, s_start, s_end)
        if item is not None and _gerund_chto_after(doc, toks, i):
            return [item], False  # "S, сообщило агентство X, добавив, что S2": S2 follows
    return ([item] if item is not None else []), item is not None


def _kak_cue_items(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> tuple[list[_Item], bool] | None:
    """"Как сообщил X, S", "Как ранее сообщал X, S" (an adverb or two between): the statement
    and whether the sentence has no other; None when no "как" opens the cue's phrase."""
    t = toks[i]
    h = i - 1
    while h > 0 and i - h <= 2 and toks[h].low in TIME_ADVERBS and not doc.text[toks[h].end : toks[h + 1].start].strip():
        h -= 1
    if h >= 0 and toks[h].low == "как" and not re.search(r"[^\w\s]", doc.text[toks[h].end : t.start]):
        if t.low.replace("ё", "е") in IDIOM_CUES and doc.text[t.end : t.end + 2].lstrip().startswith(","):
            return [], False  # "Как говорится, ...": an idiom
        item = _around_attribution(doc, s_start, s_end, t.low, toks[h + 1].start if h < i - 1 else t.start, t.end)
        return ([item] if item is not None else []), True
    return None


def _gerund_chto_after(doc: _Text, toks: list[_Tok], i: int) -> bool:
    """Does a speech gerund with its own "что" follow the cue in its sentence ("..., сообщило
    агентство X, добавив, что S")?"""
    for k in range(i + 1, len(toks) - 1):
        if toks[k + 1].low == "что" and doc.text[toks[k].end : toks[k + 1].start].strip() == ",":
            return doc.parse(toks[k].text)[0].tag.POS == "GRND" and _is_speech(doc, toks[k])
    return False


def _quoted_cue_items(doc: _Text, direct: _Direct, toks: list[_Tok], i: int, s_start: int, s_end: int) -> list[_Item]:
    """A cue inside a quotation or a direct statement.

    "«...позвонили из полиции и сообщили, что вызывают всех»": reported speech inside a
    speaker's own words is a statement too (its "что"-form only); "тех, кто думает, что", "я
    всегда говорил, что": nobody's, or the speaker's own words again.
    """
    t = toks[i]
    generic = any(x.low in ("кто", "я", "мы", "меня", "нас") or x.low.startswith("котор") for x in toks[max(0, i - 3) : i])
    if t.start in direct.statements and t.start not in direct.cues and not generic and _is_speech(doc, t) and not _negated(doc, t):
        end = next((sp.close for sp in doc.spans if sp.depth == 0 and sp.close is not None and sp.open < t.start < sp.close), s_end)
        inner = re.search(r"[.!?…](?=\s)", doc.text[t.end : min(s_end, end)])  # the quoted sentence's end
        return _chto_item(doc, toks, i, s_start, t.end + inner.start() if inner else min(s_end, end))
    if t.low in PO_SLOVAM_PREPOSITIONS and t.start in direct.statements and i + 1 < len(toks) and toks[i + 1].low not in OWN_POSSESSIVES:
        # "«По словам специалистов, он вёл себя как ...»": another source inside the quotation
        k = _po_slovam_noun(doc, toks, i)
        span = next((sp for sp in doc.spans if sp.depth == 0 and sp.close is not None and sp.open < t.start < sp.close), None)
        if k is None or span is None or _WORD.search(doc.text[span.open : t.start]):
            return []  # the phrase opens the quotation
        end = min(s_end, span.close)
        comma = doc.text.find(",", toks[k].end, end)
        if comma < 0 or len(_WORD.findall(doc.text[comma:end])) < MIN_STATEMENT_WORDS:
            return []
        after = (t.start, toks[k].end) if k == i + 2 and toks[i + 1].low in PRONOUNS else (toks[k].end, comma)
        attr = _Attribution(doc.text[t.start : toks[k].end].lower(), t.start, toks[k].end, after=after)
        return [_Item("indirect", comma + 1, end, attr)]
    return []


def _non_speech_cue_items(doc: _Text, direct: _Direct, toks: list[_Tok], i: int, s_start: int, s_end: int) -> tuple[list[_Item], bool]:
    """A word that is no speech verb's form, answered without a parse (most are): a request
    ("с просьбой", "призвал"), an infinitive after a verb of its subject ("успел заявить, что
    S"), a relaying verb with its source ("передает X со ссылкой на Y")."""
    t = toks[i]
    if (t.low == "с" or t.low in _lexicon_forms(doc, "request", REQUEST_LEMMAS)) and not _negated(doc, t):
        item = _request_item(doc, toks, i, s_start, s_end)
        return ([item] if item is not None else []), False
    if t.low in _speech_forms(doc.models) and _said_infinitive(doc, toks, i):
        found = _chto_item(doc, toks, i, s_start, s_end)  # "успел заявить, что S"
        return found, bool(found)
    if t.low in RELAY_FORMS and (re.search(CITING, doc.text[t.end : s_end]) or _relay_of_news(doc, toks, i, s_start, s_end)):
        # "S, передает агентство X со ссылкой на Y": Y's words relayed; without a source, the
        # words of the statement before it, else the outlet's own report ("Карантин продлен,
        # передает агентство X": the real news gold counts it, issue 15)
        item = _cue_after_item(doc, direct, toks, i, s_start, s_end)
        return ([item] if item is not None else []), item is not None
    return [], False


def _relay_of_news(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> bool:
    """Is "передает" at ``toks[i]`` an outlet relaying the clause before it ("S, передает
    агентство X", "S, передает «Вестник»"), not a verb with an object ("передают привет
    болельщикам", "передает снимки на Землю") nor after a clause with no predicate ("Прямую
    трансляцию передает Первый канал")? The outlet stands right after it (a media noun, or a
    name the article gives an outlet), and the words before it hold a finite verb or a short
    participle ("продлен")."""
    nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].start < s_end else None
    if nxt is None:
        return False
    if not _media_noun(doc, nxt):
        at = nxt.start - 1 if doc.text[nxt.start - 1] in DOUBLE_OPENING else nxt.start
        found = _name_at(doc, at, s_end)
        if found is None or not _is_outlet(doc, found[2], found[3]):
            return False
    return any(
        not doc.in_quote(x.start) and (_is_finite_verb(doc, x) or doc.parse(x.text)[0].tag.POS in ("PRTS", "ADJS"))
        for x in toks[:i] if x.start >= s_start
    )


def _said_infinitive(doc: _Text, toks: list[_Tok], i: int) -> bool:
    """A speech verb's infinitive after a finite verb of a subject ("успел заявить", "поспешил
    сообщить"), not after a negation or a modal word ("нельзя сказать", "можно сказать")."""
    t = toks[i]
    p = doc.parse(t.text)[0]
    if p.tag.POS != "INFN" or p.normal_form.replace("ё", "е") not in SPEECH_LEMMAS or i == 0:
        return False
    prev = doc.parse(toks[i - 1].text)[0]
    if prev.tag.POS != "VERB" or prev.tag.person in ("1per", "2per") or prev.normal_form.replace("ё", "е") in IMPERSONAL_MODALS:
        return False  # "следует отметить, что": the writer's
    return not _negated(doc, toks[i - 1]) and not doc.text[toks[i - 1].end : t.start].strip()


# Words of a date ("в среду 23 марта 2016 года"): no speaker among them.
DATE_WORD = re.compile(rf"\d+|{MONTH_FORMS}|{WEEKDAY}|года|году|г")

# How many words may stand between "Об этом" opening a sentence and its verb ("Об этом в
# среду 23 марта 2016 года сообщил X": eight).
MAX_OB_ETOM_TO_VERB = 12


def _ob_etom_item(
    doc: _Text, reported: list[tuple[int, int]], toks: list[_Tok], i: int, s_start: int, s_end: int, sents: list[tuple[int, int]], si: int, bi: int
) -> _Item | None:
    """"S. Об этом заявил X" / "заявил об этом X": S is the sentence (or paragraph) before."""
    t = toks[i]
    window = [x.low for x in toks[max(0, i - 6) : i + 3] if not doc.in_quote(x.start)]
    this = i > 0 and toks[i - 1].low == "это" and toks[i - 1].start == s_start  # "S. Это сообщила X"
    # "Об этом в среду 23 марта 2016 года сообщил X": a date or a place between, no other verb
    opening = any(
        toks[k].low == "этом" and toks[k - 1].low == "об" and toks[k - 1].start >= s_start and not any(_is_finite_verb(doc, x) for x in toks[k + 1 : i])
        for k in range(max(1, i - MAX_OB_ETOM_TO_VERB), i)
    )
    if ("об" not in window or "этом" not in window) and not this and not opening or "что" in [x.low for x in toks[i:]]:
        return None
    prev = _previous_statement_span(doc, sents, si, bi)
    if prev is None or any(prev[0] <= a < prev[1] for a, _b in reported):
        return None  # the sentence before is reported speech already: "Об этом" adds no statement
    # the subject is not in a date between "Об этом" and the verb ("в среду 23 марта 2016 года")
    lo = max([s_start] + [x.end for x in toks[max(0, i - MAX_OB_ETOM_TO_VERB) : i] if x.start >= s_start and DATE_WORD.fullmatch(x.low)])
    attr = _Attribution(t.low, t.start, t.end, before=(lo, t.start), after=(t.end, s_end))
    return _Item("indirect", prev[0], prev[1], attr)


def _cue_after_item(doc: _Text, direct: _Direct, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"S, сказал X" / "S, говорится в заявлении X": S is the sentence up to the comma."""
    text, t = doc.text, toks[i]
    so = i > 0 and t.low != "так" and toks[i - 1].low == "так"  # "S, — так говорится в тексте"
    if so:
        i -= 1
    gap = re.sub(r"\s+", " ", text[toks[i - 1].end : toks[i].start].strip().lstrip(")»\"“”'")) if i > 0 else ""
    if i == 0 or toks[i - 1].start in direct.statements:
        return None
    if gap in ("—", "-", "–") and not so and doc.parse(t.text)[0].tag.POS == "VERB" and re.match(r"\s", text[toks[i - 1].end : toks[i - 1].end + 1]):
        # "Возбуждено уголовное дело - сообщил прокурор X": a dash with no comma before the cue
        if i + 1 < len(toks) and _object_noun_next(doc, toks[i + 1]):
            return None  # "Водители недовольны - пишут жалобы в мэрию": the same subject's second predicate
        comma = text.rfind(gap, toks[i - 1].end, toks[i].start)
    elif gap not in (",", ", —", ", -", ", –"):
        return None
    else:
        comma = text.rfind(",", toks[i - 1].end, toks[i].start)
    if s_start in direct.statements or _quoted_block(doc, s_start, comma):
        return None
    if i + 1 + so < len(toks) and toks[i + 1 + so].low in ("о", "об", "про", "что", "как"):
        return None  # "X, бежавший из страны, рассказал о том": the verb has its own object
    if gap == "," and not so and _parenthetical_cue(doc, toks, i, s_start, comma, s_end):
        # "Без сомнения, пишет газета X, речь идёт о ...", "Новый мост, сообщил X, откроют в мае":
        # the cue and its subject set off by commas inside the statement
        item = _around_attribution(doc, s_start, s_end, t.low, t.start, t.end)
        if item is not None and item.end > t.end:
            return item
    if len(_WORD.findall(text[s_start:comma])) < MIN_STATEMENT_WORDS:
        return None
    if _closes_phrase_of_subject(doc, s_start, comma):
        return None  # "Петров в докладе, посвящённом мосту, отметил его значение": the cue's own subject
    attr = _Attribution(t.low, t.start, t.end, after=(t.end, s_end))
    attr.backref = True
    return _Item("indirect", s_start, comma, attr)


def _object_noun_next(doc: _Text, tok: _Tok) -> bool:
    """Is the word after a cue a noun that cannot be its speaker (no name, no speaker noun):
    the verb's object ("пишут жалобы"), not its subject ("сообщил прокурор", "пишет газета")?"""
    return tok.text[0].islower() and doc.parse(tok.text)[0].tag.POS == "NOUN" and not _speaker_noun(doc, tok)


def _inverted_colon_cue(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> bool:
    """Is the cue ``toks[i]`` of a colon's quotation also the trailing cue of a clause before
    it ("S, рассказали эксперты:"): a finite verb with its subject after it (no preposition or
    object: "признал вину, пожаловался на ..." is a list of the subject's acts), the sentence
    ending with the colon, and a verb of its own in S ("Пресс-секретарь группы, жена X,
    сказала:" is an apposition; "В сообщении, выпущенном в воскресенье, говорится:" a document)?"""
    t = toks[i]
    if i + 1 >= len(toks) or _negated(doc, t) or not doc.text[t.end : s_end].rstrip().endswith(":"):
        return False
    if doc.parse(t.text)[0].tag.POS != "VERB" or doc.parse(toks[i + 1].text)[0].tag.POS in ("PREP", "CONJ", "PRCL", "ADVB", "NPRO"):
        return False
    return any(x.text[0].islower() and not doc.in_quote(x.start) and doc.parse(x.text)[0].tag.POS in CLAUSE_POS for x in doc.toks(s_start, t.start))


def _parenthetical_cue(doc: _Text, toks: list[_Tok], i: int, s_start: int, comma: int, s_end: int) -> bool:
    """Is the cue ``toks[i]`` after ``comma`` a parenthetical with its subject after it ("A,
    пишет газета X, B"): a finite verb, a word that can be its subject next, a comma closing
    it with a clause of three words or more after, and before it only a short or verbless
    phrase (a clause there is a statement of its own: "S, сообщил X, и ...")?"""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS != "VERB" or i + 1 >= len(toks) or toks[i + 1].start >= s_end:
        return False
    if doc.parse(toks[i + 1].text)[0].tag.POS in ("PREP", "CONJ", "PRCL", "ADVB", "INFN", "VERB") or toks[i + 1].low in ("что", "как"):
        return False
    close = doc.text.find(",", toks[i + 1].end, s_end)
    if close < 0 or len(_WORD.findall(doc.text[close:s_end])) < MIN_STATEMENT_WORDS or doc.in_quote(close):
        return False
    if any(_is_finite_verb(doc, x) for x in doc.toks(t.end, close)):
        return False  # "S, сообщил X, который заявил ...": no parenthetical
    return len(_WORD.findall(doc.text[s_start:comma])) < MIN_STATEMENT_WORDS or _verbless_phrase(doc, s_start, comma + 1)


def _closes_phrase_of_subject(doc: _Text, s_start: int, comma: int) -> bool:
    """Does the comma before a trailing cue close a participle or gerund phrase set off after
    words with no verb of their own ("Петров в докладе, посвящённом мосту, отметил ...")? Then
    those words are the cue's subject and its circumstances, not a statement ("Мост закроют из-
    за долгов, накопившихся за год, сказал Петров" has its verb before the phrase)."""
    inner = doc.text.rfind(",", s_start, comma)
    if inner < 0:
        return False
    opener = doc.toks(inner, comma)[:1]
    if not opener or doc.in_quote(opener[0].start) or doc.parse(opener[0].text)[0].tag.POS not in ("PRTF", "GRND"):
        return False
    return not any(_is_finite_verb(doc, t) or doc.parse(t.text)[0].tag.POS in CLAUSE_POS for t in doc.toks(s_start, inner))


def _quoted_block(doc: _Text, start: int, end: int) -> bool:
    """Is ``text[start:end]`` just one quotation (a direct statement handled elsewhere)?"""
    chunk = doc.text[start:end].strip()
    return bool(chunk) and chunk[0] in DOUBLE_OPENING and chunk[-1] in DOUBLE_CLOSING


def _chto_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> list[_Item]:
    """"X заявил(а) [журналистам ...], что S" -> S to the sentence end (empty: not this form).

    A second cue of the same subject ("добавила, что A, но подчеркнула, что B") cuts S at
    its comma and adds its own statements after it.
    """
    text = doc.text
    for j in range(i + 1, min(len(toks), i + 2 + MAX_VERB_TO_CHTO)):
        # "рассказал о том, как S": the "как"-clause is the statement
        about = toks[j].low == "как" and j >= 3 and toks[j - 1].low == "том" and toks[j - 2].low in ("о", "об") and toks[j - 3] is toks[i]
        # "рассказал однажды, как S"
        about = about or toks[j].low == "как" and doc.lemma(toks[i].text) in NARRATION_LEMMAS and all(_is_adverb(doc, x) for x in toks[i + 1 : j])
        gap = text[toks[j - 1].end : toks[j].start].strip()
        if gap[:1] in DOUBLE_CLOSING and _in_short_quote(doc, toks[j - 1].start):
            gap = gap[1:].strip()  # "заявил «Северинформу», что S": a quoted name before the comma
        # "отметив что S": a missing comma right after the cue (not "сказал что-то", one token)
        bare = j == i + 1 and toks[j].low == "что" and gap == "" and _is_speech(doc, toks[i]) and doc.parse(toks[i].text)[0].tag.POS in ("VERB", "GRND")
        if (toks[j].low == "что" or about) and (gap == "," or bare):
            if _not_reported_chto(doc, toks, i, j, s_start):
                return []
            first = _chto_statement(doc, toks, i, j, s_start, s_end, about)
            if first is None:
                return []
            return _with_second_cue(doc, toks, i, j, s_start, s_end, first)
        if toks[j].low == "что":
            return []
    return []


# A quoted name of one to three words ("«Интерфаксу»", "«Вести Юга»").
_QUOTED_NAME = re.compile(rf"[{DOUBLE_OPENING}][^{DOUBLE_CLOSING}{DOUBLE_OPENING}\s]+(?: [^{DOUBLE_CLOSING}{DOUBLE_OPENING}\s]+){{0,2}}[{DOUBLE_CLOSING}]")


def _not_reported_chto(doc: _Text, toks: list[_Tok], i: int, j: int, s_start: int) -> bool:
    """Is the "что" at ``toks[j]`` after the cue ``toks[i]`` no reported speech: inside a
    quotation, past the end of the cue's clause, agreement ("согласился с тем, что"), a
    relative "что" ("ту, что"), or an impersonal cue with no source ("Отмечается, что S")?"""
    text = doc.text
    if doc.in_quote(toks[j].start) and not doc.in_quote(toks[i].start):
        return True
    # "заявил «Интерфаксу», что": a quoted name of one to three words is a word like any other
    between = _QUOTED_NAME.sub("X", text[toks[i].end : toks[j].start]).rstrip(", ")
    if re.search(r"[!?;«»\"]|\.(?!\w)", between):
        return True  # a dot inside a word is a domain: "считают, пишет NEWSru.com, что"
    if "," in between and doc.parse(toks[i].text)[0].tag.POS == "GRND":
        return True  # "Министр, комментируя решение, заявил, что": the gerund's phrase ended
    if j - 1 > i and "," in between and doc.parse(toks[j - 1].text)[0].tag.POS == "GRND":
        return True  # "..., сообщило агентство X, добавив, что S": the gerund's own "что"
    if j - 1 > i and _is_finite_verb(doc, toks[i]) and _is_finite_verb(doc, toks[j - 1]) and _is_speech(doc, toks[j - 1]):
        return True  # "признали невиновной, многие полагали, что": the later verb's "что"
    if toks[j - 1].low == "тем" and j >= 2 and toks[j - 2].low == "с":
        return True  # "согласился с тем, что" is agreement, "не согласился" denial
    if doc.lemma(toks[i].text) in ATTENTION_LEMMAS:
        noun = next((t for t in toks[i + 1 : j] if not _is_adverb(doc, t)), None)  # "обратил также внимание"
        if noun is None or noun.low != "внимание":
            return True  # "обратил внимание, что S", not "обратил на себя внимание тем, что"
    if toks[j - 1].low in ("ту", "та", "тот", "те", "тех", "той"):
        return True  # "модели, напоминающей ту, что существовала": a relative "что"
    if _impersonal(doc, toks[i]) and not _source_words(doc, s_start, toks[i].start) and not _source_words(doc, toks[i].end, toks[j - 1].end):
        return True  # "Отмечается, что S", "Считают, что S": nobody's words
    return False


def _chto_statement(doc: _Text, toks: list[_Tok], i: int, j: int, s_start: int, s_end: int, about: bool) -> _Item | None:
    """The statement of "X заявил, что S" (cue ``toks[i]``, "что"/"как" ``toks[j]``): S from
    after "что" (from "как") to the sentence's or the participle clause's end, cut before a
    colon's quotation or a second attribution ("по его словам"); None: S is a quotation only."""
    attr = _Attribution(toks[i].low, toks[i].start, toks[i].end, before=(s_start, toks[i].start), after=(toks[i].end, toks[j - 1].end))
    # "В сообщении регулятора говорится, что": the speaker follows the document noun
    end = s_end
    if doc.parse(toks[i].text)[0].tag.POS in ("PRTF", "GRND"):
        end = _clause_end(doc, toks, j, s_end, openers=False)  # "Петров, выразивший уверенность, что S, покинул зал"
    first = _Item("indirect", toks[j].end if not about else toks[j].start, end, attr)
    if not _after_colon_quotation(doc, first, s_end):
        return None
    _cut_before_colon_quotation(doc, first, s_end)
    _cut_at_second_attribution(doc, toks, j, s_end, first)
    return first


def _after_colon_quotation(doc: _Text, first: _Item, s_end: int) -> bool:
    """Move the start of a "что"-statement past a colon's quotation that opens it ("заявлял,
    что: «не просил ...», и письмо он не посылал"): the quotation is direct speech, the
    reported clause, if any, follows it. False: there is none, the statement is the quotation."""
    lead = re.match(rf"\s*:\s*[{DOUBLE_OPENING}]", doc.text[first.start : s_end])
    if lead:
        span = next((sp for sp in doc.spans if sp.depth == 0 and sp.open == first.start + lead.end() - 1 and sp.close is not None), None)
        rest = doc.toks(span.close + 1, s_end) if span is not None else []
        while rest and rest[0].low in QUOTE_JOINERS:
            rest = rest[1:]
        if not rest or doc.in_quote(rest[0].start):
            return False
        first.start = rest[0].start
    return True


def _cut_before_colon_quotation(doc: _Text, first: _Item, s_end: int) -> None:
    """End a "что"-statement at a colon before a quotation ("заявил, что станция готова:
    «...»": the quotation after the colon is his direct statement)."""
    text = doc.text
    for colon in re.finditer(rf":\s*(?:[{DOUBLE_OPENING}]|$)", text[first.start : s_end]):
        if _WORD.search(text[first.start : first.start + colon.start()]) and not doc.in_quote(first.start + colon.start()):
            first.end = first.start + colon.start()
            break


def _cut_at_second_attribution(doc: _Text, toks: list[_Tok], j: int, s_end: int, first: _Item) -> None:
    """End a "что"-statement (its "что" ``toks[j]``) before a second attribution, which starts
    a statement of its own ("заявил, что A, по его словам, B")."""
    text = doc.text
    for k in range(j + 1, len(toks) - 1):
        if toks[k].low in PO_SLOVAM_PREPOSITIONS and text[toks[k - 1].end : toks[k].start].strip().lstrip(DOUBLE_CLOSING) == "," and not doc.in_quote(toks[k].start):
            n = _po_slovam_noun(doc, toks, k)
            if n is not None and text[toks[n].end : toks[n].end + 1] == ",":
                while toks[k - 1].low in ("но", "а", "и", "однако") and "," in text[toks[k - 2].end : toks[k - 1].start]:
                    k -= 1  # "что A, но, по его словам, B"
                first.end = min(first.end, text.rfind(",", toks[k - 1].end, toks[k].start))
                break
            if n is not None and k >= 3 and toks[k - 1].low == "этом" and toks[k - 2].low == "об" and _named_source_comma(doc, toks, n, s_end):
                # "что A: об этом, по сведениям источников издания, B": B is the sources', about A
                cut = max(text.rfind(p, toks[k - 3].end, toks[k - 2].start) for p in ":;,")
                if cut > first.start and any(doc.parse(x.text)[0].tag.POS in CLAUSE_POS for x in doc.toks(first.start, cut) if x.text[0].islower()):
                    first.end = min(first.end, cut)
                    break


def _named_source_comma(doc: _Text, toks: list[_Tok], n: int, s_end: int) -> bool:
    """Does a comma end the source of "по сведениям X" (the noun ``toks[n]``) within a few words, with no verb?"""
    for x in toks[n + 1 : n + 1 + MAX_SOURCE_WORDS]:
        if x.start >= s_end or _is_finite_verb(doc, x):
            return False
        if doc.text[x.end : x.end + 1] == ",":
            return True
    return False


def _with_second_cue(doc: _Text, toks: list[_Tok], i: int, j: int, s_start: int, s_end: int, first: _Item) -> list[_Item]:
    """"добавила, что A, но подчеркнула, что B": a second cue of the same subject cuts the
    first statement at its comma and adds its own statements after it."""
    text = doc.text
    for k in range(j + 1, len(toks) - 1):
        t = toks[k]
        if t.low in ("но", "а", "и") and text[toks[k - 1].end : t.start].strip() == ",":
            v = toks[k + 1]
            if doc.in_quote(v.start) or not _is_speech(doc, v) or _negated(doc, v) or _is_adj(doc, v):
                continue
            more = _chto_item(doc, toks, k + 1, s_start, s_end)
            if more:
                more[0].attr.before = (s_start, toks[i].start)
                first.end = text.rfind(",", toks[k - 1].end, t.start)
                return [first] + more[1:] + more[:1]
        if t.low in ("он", "она", "они") and re.fullmatch(r",?\s*[—–-]\s*", text[toks[k - 1].end : t.start]) and not doc.in_quote(t.start):
            # "сказал, что шокирован известием — он назвал сына добрым человеком": a new clause
            # of the speaker's, its own cue after the dash, ends the first statement
            v = toks[k + 1]
            if doc.in_quote(v.start) or _negated(doc, v):
                continue
            more = _chto_item(doc, toks, k + 1, s_start, s_end) or [x for x in [_object_cue_item(doc, toks, k + 1, s_start, s_end)] if x is not None]
            if more:
                first.end = toks[k - 1].end
                return [first, *more]
    return [first]


def _previous_statement_span(doc: _Text, sents: list[tuple[int, int]], si: int, bi: int) -> tuple[int, int] | None:
    """What "Об этом" refers to: the previous sentence, or the previous paragraph."""
    if si > 0:
        s, e = sents[si - 1]
        return s, _body_end(doc.text, s, e)
    if bi > 0 and doc.blocks[bi - 1][2] != "title":
        s, e, _k = doc.blocks[bi - 1]
        return s, e
    return None
