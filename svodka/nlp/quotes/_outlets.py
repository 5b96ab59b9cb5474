"""Outlets and named bodies: who relays (``via``) and which outlet or body speaks.

"передает ТАСС", "приводит агентство слова X", "со ссылкой на" go to ``via``; "пишет газета
«Коммерсантъ»", "сообщает The Guardian", "фирма «Космос-Тур» сообщила" name the speaker;
a bare "издание" is the outlet the article named before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Entity, Quote
from ..names import normalize_mention
from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING, KNOWN_OUTLETS, ORG_HEADS, OUTLET_SHORT_NAMES, QUOTED_NAME_HEADS
from .._speech import (
    BROADCAST_NOUNS, CITING, DATA_NOUNS, DOCUMENT_NOUNS, REPORT_NOUNS, LATIN_NAME_ABBREVIATIONS, MEDIA_GROUP_NOUNS, MEDIA_NOUNS, OUTLET_NOUNS, QUOTING_LEMMAS,
    SOCIAL_NETWORKS, TIME_ADVERBS,
)
from bisect import bisect_right

from ._text import (
    CLAUSE_MARK,
    _in_short_quote,
    _lexicon_forms,
    PRONOUNS,
    _Attribution,
    _Said,
    _Text,
    _Tok,
    _block_starts,
    _WORD,
    _has_case,
    _is_adj,
    _is_finite_verb,
    _mentions_from,
    _mentions_in,
    _sentence_end,
    _sentence_start,
    _speaker_noun,
    speaker_key,
)

# Nouns of what a relaying outlet quotes ("цитирует X сообщение Y", "приводит X слова Y"):
# their genitive owner speaks.
OWNED_WORDS_NOUNS = DOCUMENT_NOUNS | {"слово", "высказывание", "цитата"}

# A name in double quotation marks: «Коммерсантъ», "Ведомости" (its text is group 1).
_QUOTED = rf"[{DOUBLE_OPENING}]([^{DOUBLE_CLOSING}]+)[{DOUBLE_CLOSING}]"
_QUOTED_RE = re.compile(_QUOTED)

# One word of a name in Latin letters ("Guardian", "E!", "Lenta.ru": dots only inside).
_LATIN_WORD = r"[A-Z][A-Za-z0-9&'’!+-]*(?:\.[A-Za-z0-9]+)*"

# A name in Latin letters, as outlets are written in Russian news: "The Guardian", "New York
# Times", "Der Spiegel", "Le Monde", "E! News"; lower-case particles only between capitals.
_LATIN_NAME = re.compile(rf"{_LATIN_WORD}(?: (?:(?:of|de|del|der|du|di|the|and|on|for|&) )?{_LATIN_WORD})*")

# Nouns that take a proper name right after them as the body they name ("газета «Известия»",
# "фирма «Космос-Тур»", "телеканал Al Jazeera"): the media and the quoted-name heads.
BODY_NOUNS = MEDIA_NOUNS | QUOTED_NAME_HEADS


@dataclass
class _Named:
    """A body named in the text: where, its name, its entity (if NER found it) and its kind."""

    start: int
    end: int
    name: str
    entity: Entity | None
    kind: str  # "outlet" | "organisation"

# A relaying outlet closing a reported statement: "..., передает агентство Восток-Пресс".
# ("..., пишет газета X, ссылаясь на пресс-службу": the outlet's own source closes it too)
_TRAILING_RELAY = re.compile(
    rf",\s*(?:передает|передаёт|пишет|сообщает|информирует)\s+(?P<outlet>[^,.;:!?]{{2,80}}?)(?:,?\s+{CITING}\s+[^.;:!?]{{2,120}}?)?\s*[.!?…]?\s*$"
)


# A relay written as a relative clause of the source: "По словам X, которые приводит ТАСС, S",
# "По данным полиции, на которые ссылается агентство Y, S", "X, слова которого цитирует Y,
# заявил": the outlet relays (``via``), the clause is neither the source nor the statement.
_RELATIVE_RELAY = re.compile(
    r",\s*(?:на\s+)?(?:слова\s+)?(?:которые|которое|которую|которых|которого|которой)\s+(?:(?:со\s+)?слова\s+)?"
    r"(?:приводит|приводят|привело|привела|привел|привёл|цитирует|цитируют|процитировало|процитировала|процитировал"
    r"|передает|передаёт|передают|публикует|опубликовало|опубликовала|ссылается|ссылаются|сослалось|сослалась|сослался)"
    r"\s+(?P<outlet>[^,;:.!?]{2,80}?)\s*(?=,)"
)


def _relative_relay(doc: _Text, pos: int, end: int) -> tuple[int, str | None] | None:
    """A relative relay clause right at ``pos`` (a comma): the comma that closes it and the outlet."""
    m = _RELATIVE_RELAY.match(doc.text, pos, end)
    if m is None:
        return None
    return m.end(), _outlet_name(doc, m.start("outlet"), m.end("outlet"))


def _relative_relay_in(doc: _Text, region: tuple[int, int]) -> tuple[int, str | None] | None:
    """A relative relay clause closing a subject region ("X, слова которого приводит Y,"): where
    the clause starts and the outlet."""
    start, end = region
    for m in _RELATIVE_RELAY.finditer(doc.text, start, end):
        if not doc.text[m.end() : end].strip(" ,"):
            return m.start(), _outlet_name(doc, m.start("outlet"), m.end("outlet"))
    return None


def _cited_figures(doc: _Text, start: int, end: int) -> int | None:
    """What "со ссылкой на" cites when it is figures or reports ("данные", "информация"; past
    their adjectives): where their owner's words start, right after the noun ("на данные ЦИК",
    "на информацию «Интерфакса»"), ``end`` for nobody's ("на данные экзитполов", "на
    предварительные данные"); None for anything else (a source: "на источник в мэрии")."""
    toks = doc.toks(start, end)

    def figures(t: _Tok) -> bool:  # "данные" is first read as the participle of "дать"
        return any(p.normal_form in DATA_NOUNS | REPORT_NOUNS for p in doc.parse(t.text)[:3])

    k = 0
    while k < len(toks) - 1 and not figures(toks[k]) and _is_adj(doc, toks[k]) and toks[k].text[0].islower():
        k += 1
    if not toks or not figures(toks[k]):
        return None
    if k + 1 < len(toks):
        nxt = toks[k + 1]
        gap = doc.text[toks[k].end : nxt.start]
        if not gap.strip(" " + DOUBLE_OPENING) and (nxt.text[0].isupper() or gap.strip() or doc.lemma(nxt.text) in ORG_HEADS):
            return toks[k].end
    return end


def _cut_via(doc: _Text, attr: _Attribution, region: tuple[int, int]) -> tuple[int, int]:
    """Take "передает X", "пишет газета X", "со ссылкой на" out of a region into ``attr.via``."""
    text = doc.text
    start, end = region
    cue_lemma = doc.lemma(text[attr.cue_start : attr.cue_end].split()[0]) if attr.cue_end > attr.cue_start else ""
    if cue_lemma in QUOTING_LEMMAS:
        return _relay_split(doc, attr, region)
    m = re.search(rf",\s*(передает|передаёт|пишет|сообщает|цитирует|информирует)\b|,?\s*\b{CITING}\b", text[start:end])
    if m is None:
        return region
    if not re.match(rf",?\s*{CITING}", m.group(0)):
        attr.via = _outlet_name(doc, start + m.end(), end)
        return start, start + m.start()
    # "пишет газета X со ссылкой на источник": the speaker is after the phrase; the source
    # spoke to the outlet (its next words come through it too)
    lead = start  # "пишут сегодня несколько СМИ со ссылкой на ...": the adverb is no part of the name
    for t in doc.toks(start, start + m.start()):
        if t.low not in TIME_ADVERBS:
            break
        lead = t.end
    owner = _cited_figures(doc, start + m.end(), end)
    if owner == end:
        return lead, start + m.start()  # "со ссылкой на данные экзитполов": nobody's figures, the outlet speaks
    outlet_end = start + m.start()
    attr.via = _outlet_name(doc, lead, outlet_end) or text[lead:outlet_end].strip(" ,") or None
    attr.heard = attr.via is not None
    # "со ссылкой на данные ЦИК": the figures' owner speaks; else the source cited
    return (owner, end) if owner is not None else (start + m.end(), end)


def _relay_split(doc: _Text, attr: _Attribution, region: tuple[int, int]) -> tuple[int, int]:
    """Split the words after "приводит"/"цитирует" into the outlet (``attr.via``) and the speaker.

    The outlet is the subject (nominative) and may stand before or after the speaker: "приводит
    агентство слова губернатора", "приводит слова министра РИА Новости", "цитирует его ТАСС",
    "цитирует губернатора агентство". The speaker is the owner of "слова" (a genitive or a
    possessive "его слова") or the object of "цитирует". Returns the speaker's region.
    """
    start, end = region
    toks = [t for t in doc.toks(start, end) if not doc.in_quote(t.start)]
    if not toks:
        return region
    owned = _owned_words(doc, attr, toks)
    if owned is not None:
        return owned
    outlet = _marked_outlet(doc, toks, start, end)
    if outlet is not None:
        outlet = (_with_outlet_noun(doc, toks, outlet[0]), outlet[1], outlet[2])
    else:
        outlet = _noun_outlet(doc, toks, end, attr.cue_start)
    if outlet is None:
        # a bare nominative inanimate word at the end: "цитирует его Интерфакс"
        p = doc.parse(toks[-1].text)[0]
        if p.tag.case == "nomn" and "anim" not in p.tag:
            attr.via = toks[-1].text
            return start, toks[-1].start
        return region
    o_start, o_end, attr.via = outlet
    return _relay_speaker(doc, toks, region, o_start, o_end)


def _owned_words(doc: _Text, attr: _Attribution, toks: list[_Tok]) -> tuple[int, int] | None:
    """"цитирует агентство X сообщение телеканала Y", "приводит газета X слова министра": the
    outlet written right after the verb, before the words or the document it quotes, relays
    (``attr.via``); their owner after them speaks, even when the owner is an outlet too.
    Returns the owner's region (None: no outlet alone stands before such a noun)."""
    k = next((k for k, t in enumerate(toks) if k > 0 and k + 1 < len(toks) and doc.lemma(t.text) in OWNED_WORDS_NOUNS), None)
    if k is None:
        return None
    before, noun = toks[:k], toks[k]
    outlet = _marked_outlet(doc, before, before[0].start, before[-1].end)
    if outlet is not None:
        outlet = (_with_outlet_noun(doc, before, outlet[0]), outlet[1], outlet[2])
    else:
        outlet = _noun_outlet(doc, before, before[-1].end, attr.cue_start)
    if outlet is None or outlet[0] != before[0].start or outlet[1] < before[-1].end:
        return None  # "цитирует его слова ТАСС": no outlet before the words
    attr.via = outlet[2]
    return noun.end, toks[-1].end


def _marked_outlet(doc: _Text, toks: list[_Tok], start: int, end: int) -> tuple[int, int, str] | None:
    """The outlet as ``(start, end, name)`` when an organisation mention or a quoted name marks
    it: at the end ("... РИА Новости", "«Вести»") or an organisation right after the verb."""
    text = doc.text
    tail = text[start:end].rstrip(" .,!?…")
    orgs = [(m, e) for m, e in _mentions_from(doc, start, end) if m.start >= start and m.end <= end and e.type == "ORG"]
    q = re.search(rf"{_QUOTED}$", tail)
    lead = toks[0].start
    if orgs and orgs[-1][0].end >= start + len(tail):
        m, e = orgs[-1]
        return m.start, m.end, e.name
    if orgs and orgs[0][0].start == lead and orgs[0][0].end < start + len(tail):
        # "цитирует ИА Regnum Минченко": the outlet right after the verb, the speaker after it
        m, e = orgs[0]
        return m.start, m.end, e.name
    if q:
        return start + q.start(), start + q.end(), q.group(1)
    return None


def _with_outlet_noun(doc: _Text, toks: list[_Tok], o_start: int) -> int:
    """The outlet's start with an outlet noun written before the name ("агентство «Вести Юга»")."""
    before = [t for t in toks if t.end <= o_start]
    if before and _outlet_noun(doc, before[-1]) and not doc.text[before[-1].end : o_start].strip(" " + DOUBLE_OPENING):
        return before[-1].start
    return o_start


def _noun_outlet(doc: _Text, toks: list[_Tok], end: int, cue_start: int) -> tuple[int, int, str] | None:
    """The outlet as ``(start, end, name)`` when an outlet noun in the nominative names it, with
    the name written after it or given earlier in the article (before ``cue_start``)."""
    for t in toks:
        if _outlet_noun(doc, t) and _has_case(doc, t, "nomn"):
            name = _name_after(doc, t.end, end)
            if name is not None:
                written = doc.text[name[0] : name[1]].strip()
                q = _QUOTED_RE.fullmatch(written)
                # the name is the outlet's, without its noun ("агентство «Вести Юга»": Вести Юга;
                # "газета St. Louis Post-Dispatch"), as in _named_outlet
                return t.start, name[1], q.group(1) if q else written
            return t.start, t.end, _named_outlet(doc, t, cue_start)
    return None


def _relay_speaker(doc: _Text, toks: list[_Tok], region: tuple[int, int], o_start: int, o_end: int) -> tuple[int, int]:
    """The speaker's region beside the outlet ``o_start..o_end``: the owner of "слова" ("его
    слова", "слова губернатора"), else the words on the other side of the outlet (the object of
    "цитирует")."""
    start, end = region
    words = [t for t in toks if t.low in ("слова", "слов") and not o_start <= t.start < o_end]
    if words:
        w = words[0]
        i = doc._index(w.start)
        prev = doc.tokens[i - 1] if i > 0 else None
        if prev is not None and prev.low in PRONOUNS and prev.start >= start:
            return prev.start, w.end  # _scan_region reads the possessive
        return (w.end, o_start) if o_start > w.start else (w.end, end)
    if not doc.text[o_end:end].strip(" .,!?…"):
        return start, o_start
    return o_end, end


def _outlet_noun(doc: _Text, tok: _Tok) -> bool:
    return any(p.normal_form.replace("ё", "е") in OUTLET_NOUNS and p.tag.POS == "NOUN" for p in doc.parse(tok.text)[:2])


def _name_after(doc: _Text, pos: int, end: int) -> tuple[int, int] | None:
    """The proper name right after an outlet noun: an ORG mention, «quoted» or capitalised words."""
    text = doc.text
    rest = text[pos:end]
    gap = len(rest) - len(rest.lstrip())
    at = pos + gap
    for m, _e in _mentions_from(doc, at, at):
        if m.start == at:
            return pos, m.end
    q = _QUOTED_RE.match(text[at:end])
    if q:
        return pos, at + q.end()
    stop = prev = latin = None
    for t in doc.toks(at, end):
        gap = text[stop:t.start].strip() if stop is not None else ""
        if not t.text[0].isupper() or gap and not (gap == "." and prev in LATIN_NAME_ABBREVIATIONS):
            break  # "газета St. Louis Post-Dispatch": a Latin abbreviation's period stays in the name
        if latin is None and "A" <= t.text[0] <= "Z":
            latin = t.start
        stop, prev = t.end, t.text
    if stop is not None and latin is not None and latin > at:
        return latin, stop  # "газета Сент-Луиса St. Louis Post-Dispatch": the place's genitive is no part of the name
    return (pos, stop) if stop is not None else None


def _named_outlet(doc: _Text, noun: _Tok, before: int) -> str:
    """A bare outlet noun ("агентство") with the name the article gave it earlier, if any."""
    lemma = doc.lemma(noun.text)
    best = None
    for t in doc.toks(0, before):
        if t.start != noun.start and t.text[0].islower() and _outlet_noun(doc, t) and doc.lemma(t.text) == lemma:
            name = _name_after(doc, t.end, min(len(doc.text), t.end + 60))
            if name is not None:
                best = doc.text[name[0] : name[1]].strip()
    if best is None:
        return noun.text
    q = _QUOTED_RE.fullmatch(best)
    return q.group(1) if q else best


def _outlet_name(doc: _Text, start: int, end: int) -> str | None:
    """The outlet named in a region: an organisation mention, a quoted name (with the word
    before its marks when the two are a known outlet: "РИА «Новости»" is РИА Новости), else the
    region's words."""
    for m, e in _mentions_from(doc, start, end):
        if m.start >= start and m.end <= end and e.type == "ORG":
            return _with_known_prefix(doc.text[start : m.start].rstrip(DOUBLE_OPENING + " "), e.name)
    q = _QUOTED_RE.search(doc.text[start:end])
    if q:
        return _with_known_prefix(doc.text[start : start + q.start()], q.group(1))
    words = doc.text[start:end].strip(" ,.")
    return words or None


def _with_known_prefix(before: str, name: str) -> str:
    """The name with the word written before its marks when the two are a known outlet
    ("РИА «Новости»" is РИА Новости; "агентство «Вести Юга»" stays Вести Юга)."""
    word = before.split()[-1:]
    if word and f"{word[0]} {name}".lower() in KNOWN_OUTLETS:
        return f"{word[0]} {name}"
    return name


def _org_starts(doc: _Text) -> frozenset[int]:
    """Where the organisation mentions of the text start (remembered per text)."""
    found = doc.memo.get("org starts")
    if found is None:
        found = doc.memo["org starts"] = frozenset(m.start for m, e in doc.mentions if e.type == "ORG")
    return found


def _name_at(doc: _Text, pos: int, end: int) -> tuple[int, int, str, Entity | None] | None:
    """The proper name starting at ``pos`` (after spaces), before ``end``: an organisation
    mention (also inside quotation marks), a «quoted» name, or a name in Latin letters."""
    text = doc.text
    at = pos
    while at < end and text[at] in " \xa0":
        at += 1
    if at >= end:
        return None
    for m, e in _mentions_from(doc, at, at + 1):
        if e.type == "ORG" and m.start in (at, at + 1) and m.end <= end and (m.start == at or text[at] in DOUBLE_OPENING):
            if m.start == at + 1 and m.end < end and text[m.end] in DOUBLE_CLOSING:
                return at, m.end + 1, m.text, e  # a quoted name stays as written: "каналу «Вести»"
            return at, m.end, e.name, e
    q = _QUOTED_RE.match(text[at:end])
    if q:
        name = q.group(1).strip()
        inner = next((e for m, e in _mentions_from(doc, at + 1, at + 1) if e.type == "ORG" and m.start == at + 1 and m.end == at + q.end() - 1), None)
        return (at, at + q.end(), name, inner) if name else None
    latin = _LATIN_NAME.match(text, at, end)
    if latin:
        return at, latin.end(), latin.group(), None
    return None


def _named_body(doc: _Text, noun: _Tok, end: int) -> _Named | None:
    """A body noun and the name right after it: "газета «Коммерсантъ»", "агентство Reuters",
    "фирма «Космос-Тур»" (an outlet when the noun is one of the media)."""
    lemma = doc.lemma(noun.text)
    if lemma not in BODY_NOUNS:
        return None
    if noun.text.isupper():
        return None  # "РИА Новости", "ООО": part of the name, not a noun before it
    found = _name_at(doc, noun.end, end)
    if found is None and lemma in MEDIA_NOUNS:
        found = _capitalised_run(doc, noun.end, end)  # "агентство Рейтер"
    if found is None:
        return None
    start, stop, name, entity = found
    return _Named(start, stop, name, entity, "outlet" if lemma in MEDIA_NOUNS else "organisation")


def _capitalised_run(doc: _Text, pos: int, end: int) -> tuple[int, int, str, Entity | None] | None:
    """One to three capitalised words right after ``pos`` (one space apart), as a name."""
    run: list[_Tok] = []
    last = pos
    for t in doc.toks(pos, end):
        if len(run) == 3 or doc.text[last : t.start] != " " or not t.text[0].isupper():
            break
        run.append(t)
        last = t.end
    if not run:
        return None
    return run[0].start, run[-1].end, doc.text[run[0].start : run[-1].end], None


def _media_noun(doc: _Text, tok: _Tok) -> bool:
    """Is a token a singular noun of the media ("издание", "агентству", "газета")? A word
    outside their forms is answered without a parse."""
    if tok.low not in _lexicon_forms(doc, "media nouns", MEDIA_NOUNS):
        return False
    return any(p.tag.POS == "NOUN" and p.tag.number == "sing" and p.normal_form.replace("ё", "е") in MEDIA_NOUNS for p in doc.parse(tok.text)[:2])


def _named_outlets(doc: _Text) -> list[tuple[int, str, str, Entity | None]]:
    """Every outlet the text names with its noun ("газета «Известия»", "агентство Рейтер"),
    in text order: (offset, noun lemma, name, entity). Built once per text."""
    if "named outlets" not in doc.memo:
        out = []
        forms = _lexicon_forms(doc, "media nouns", MEDIA_NOUNS)  # most words are none: no call for them
        for t in doc.tokens:
            if t.low in forms and _media_noun(doc, t):
                named = _named_body(doc, t, min(len(doc.text), t.end + 80))
                if named is not None:
                    out.append((t.start, doc.lemma(t.text), named.name, named.entity))
        doc.memo["named outlets"] = out
    return doc.memo["named outlets"]



def _earlier_outlet(doc: _Text, said: _Said, noun: _Tok, pos: int) -> str | None:
    """The outlet a bare "издание", "агентство", "газета" stands for: the latest named before
    ``pos`` with the same noun ("агентство Рейтер ... отмечает агентство"), else the latest
    outlet the statements so far were relayed by or spoke as, else the latest named one, else the
    latest outlet the text names at all (none: "собеседники газеты" stand for no outlet)."""
    lemma = doc.lemma(noun.text)
    named = [(at, n_lemma, name) for at, n_lemma, name, _e in _named_outlets(doc) if at < pos and at != noun.start]
    same = [name for _at, n_lemma, name in named if n_lemma == lemma]
    if same:
        return same[-1]
    spoken = [(at, name) for at, name in said.outlets if at < pos]
    candidates = spoken + [(at, name) for at, _l, name in named]
    if candidates:
        return max(candidates)[1]
    # else the latest outlet the text named at all ("передает РИА Новости ... — сказал собеседник агентства")
    return next((e.name for m, e in reversed(_mentions_in(doc, 0, pos)) if e.type == "ORG" and _is_outlet(doc, e.name, e)), None)


def _is_outlet(doc: _Text, name: str, entity: Entity | None = None) -> bool:
    """Is a name an outlet's: a well-known one (``KNOWN_OUTLETS``, in any case form), or one
    the article names with a media noun ("газета «Вечерний город»")?"""
    key = name.strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ").lower().replace("ё", "е")
    if not key:
        return False
    keys = {key, " ".join(doc.lemma(w) for w in key.split())}
    if entity is not None:
        keys.add(entity.name.lower().replace("ё", "е"))
    if keys & KNOWN_OUTLETS:
        return True
    if any(e is not None and e is entity or n.lower().replace("ё", "е") in keys for _at, _l, n, e in _named_outlets(doc)):
        return True
    return _spelled_out(doc, name) is not None  # "источники КП"


def _outlet_in_phrase(doc: _Text, phrase: list[_Tok], head: _Tok) -> tuple[int, int, str] | None:
    """An outlet named inside a description, right after its head or the head's genitive:
    "источник «Интерфакса»", "источник "Ъ" в правительстве", "в мэрии «Ъ» сообщили" (whose
    reporter heard it): ``(start, end, name)``, the outlet being the ``via``."""
    text = doc.text
    after = [t for t in phrase if t.start > head.start]
    for k, t in enumerate(after):
        at = t.start - 1 if t.start > 0 and text[t.start - 1] in DOUBLE_OPENING else t.start
        found = _name_at(doc, at, phrase[-1].end + 1)
        if found is not None and _is_outlet(doc, found[2], found[3]):
            return found[0], found[1], _base_name(doc, found[2], found[3])  # "источник «Интерфакса»"
        if k >= 2:
            break
    return None


# Words after which the outlet that heard the words is named: "в интервью телеканалу X",
# "дал интервью изданию X", "в беседе с корреспондентом издания", "в комментарии РБК", "в
# разговоре с ТАСС", "в ответ на запрос РБК" (lower case, as written).
INTERVIEW_WORDS = frozenset(
    {"интервью", "корреспондентом", "корреспонденту", "журналистом", "журналистам", "корреспондентам", "беседе", "комментарии", "разговоре", "запрос"}
)


def _words_outside_quotes(doc: _Text, s_start: int, s_end: int) -> list[_Tok]:
    """The words of a sentence outside quotation marks (a short quoted name counts), one list
    per sentence: its statements share it."""
    key = ("words outside quotes", s_start, s_end)
    toks = doc.memo.get(key)
    if toks is None:
        toks = doc.memo[key] = [t for t in doc.toks(s_start, s_end) if not doc.in_quote(t.start) or _in_short_quote(doc, t.start)]
    return toks


def _heard_by(doc: _Text, attr: _Attribution, said: _Said, subject_before: bool = False) -> str | None:
    """The outlet that heard the words, in the attribution's sentence outside quotation marks:
    "в интервью телеканалу X", "в беседе с корреспондентом издания", "сообщил «Интерфаксу»",
    "рассказал РИА Новости представитель X", "заявил изданию X", "Воробьев заявил «Ъ»"
    (``subject_before``: the verb's subject stands before it) (``via``)."""
    s_start, s_end = _attribution_sentence(doc, attr)
    toks = _words_outside_quotes(doc, s_start, s_end)
    for k, t in enumerate(toks):
        if t.low in INTERVIEW_WORDS:
            found = _outlet_after(doc, said, toks[k + 1 : k + 5], s_end, t.low == "интервью")
            if found is not None:
                return found
    on_air = _on_air(doc, said, attr, toks, s_end)
    if on_air is not None:
        return on_air
    return _recipient_after_verb(doc, said, attr, toks, s_end, subject_before)


# Words after the verb that name the channel the words were said on: "рассказал на телеканале
# NBC", "заявил в эфире радиостанции X" (lower case, as written).
ON_AIR_WORDS = frozenset({"на", "эфире"})

# How far after the verb the channel may be named: past the speaker's name and a programme
# ("заявил Игорь Петров в программе «Итоги недели» на телеканале X"), a clause mark stops it.
MAX_ON_AIR_WORDS = 10


def _on_air(doc: _Text, said: _Said, attr: _Attribution, toks: list[_Tok], s_end: int) -> str | None:
    """The channel the words were said on, right after the verb, before any punctuation: "на"
    and a media noun in the locative with its name ("рассказал на телеканале NBC"), "в эфире" and
    the outlet ("заявил в эфире телеканала X", "в эфире «Эха»"). Not "на сайте X" (its owner speaks)."""
    after = [t for t in toks if t.start >= attr.cue_end]
    if not any(t.low in ON_AIR_WORDS for t in after[:MAX_ON_AIR_WORDS]):
        return None  # no "на" nor "эфире" near the verb: nothing to read
    for k, t in enumerate(after[:MAX_ON_AIR_WORDS]):
        if CLAUSE_MARK.search(doc.text[after[k - 1].end if k else attr.cue_end : t.start]):
            break
        if _is_finite_verb(doc, t):
            break  # "сообщил, что матч покажут на телеканале X": the statement's own words
        if t.low not in ON_AIR_WORDS or t.low == "эфире" and (not k or after[k - 1].low != "в"):
            continue
        rest = after[k + 1 : k + 5]
        if t.low == "на" and rest and _media_noun(doc, rest[0]) and any(p.tag.case == "loct" and p.normal_form in BROADCAST_NOUNS for p in doc.parse(rest[0].text)[:2]):
            named = _named_body(doc, rest[0], s_end)
            return named.name if named is not None else None
        if t.low == "эфире":
            found = _outlet_after(doc, said, rest, s_end, False)
            if found is not None:
                return found
    return None


# How many words a social network and its "в" may stand from the verb ("написал вчера в своём
# Twitter", "В своём Twitter мэр Заречинска Игорь Петров написал").
MAX_NETWORK_WORDS = 8


def _social_network(tok: _Tok) -> str | None:
    """The social network a word names, in any case ending ("Инстаграме", "Telegram-канале")."""
    word = tok.low.strip(DOUBLE_OPENING + DOUBLE_CLOSING).split("-")[0]
    for stem, name in SOCIAL_NETWORKS.items():
        if word.startswith(stem) and len(word) - len(stem) <= 3:
            return name
    return None


def _network_beside(doc: _Text, attr: _Attribution) -> str | None:
    """The social network the words were written in, "в" it right next to the verb, before
    any punctuation: "сообщил сегодня в Инстаграме о разводе", "В своём Twitter мэр написал".
    Its post is this statement's only: the speaker's next words are not heard there."""
    s_start, s_end = _attribution_sentence(doc, attr)
    low = doc.text[s_start:s_end].lower()
    if not any(stem in low for stem in SOCIAL_NETWORKS):
        return None  # most sentences name no network: a few substring tests instead of a walk over the words
    toks = _words_outside_quotes(doc, s_start, s_end)
    after = [t for t in toks if t.start >= attr.cue_end][:MAX_NETWORK_WORDS]
    before = [t for t in toks if t.end <= attr.cue_start][-MAX_NETWORK_WORDS:]
    for side, words in ((after, after), (before, before[::-1])):
        edge = attr.cue_end if side is after else attr.cue_start
        for k, t in enumerate(words):
            gap = doc.text[edge : t.start] if side is after else doc.text[t.end : edge]
            if CLAUSE_MARK.search(gap.strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")) or _is_finite_verb(doc, t):
                break
            network = _social_network(t)
            if network is None:
                continue
            near = side[max(0, side.index(t) - 3) : side.index(t)]
            if any(x.low in ("в", "во") for x in near):
                return network
    return None


def _recipient_after_verb(doc: _Text, said: _Said, attr: _Attribution, toks: list[_Tok], s_end: int, subject_before: bool) -> str | None:
    """The outlet the words were said to, right after the verb or after its subject ("сообщил
    «Интерфаксу»", "сказал Петров «Интерфаксу»"): an outlet's noun in the dative, a known
    outlet in the dative or before the nominative speaker, any name in the dative."""
    after = [t for t in toks if t.start >= attr.cue_end]
    for k, t in enumerate(after[:6]):
        if k and CLAUSE_MARK.search(doc.text[after[k - 1].end : t.start].strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")):
            break
        at = t.start - 1 if t.start > 0 and doc.text[t.start - 1] in DOUBLE_OPENING else t.start
        if _media_noun(doc, t) and _dative(doc, t.text):
            named = _named_body(doc, t, s_end)
            return named.name if named is not None else _earlier_outlet(doc, said, t, t.start)
        if at == t.start and t.text[0].islower() and t.start not in _org_starts(doc):
            continue  # a lower-case word with no mark before it names nothing, unless an organisation starts there
        found = _name_at(doc, at, s_end)
        if found is None or found[3] is not None and found[3].type != "ORG" or found[2].lower() in MEDIA_GROUP_NOUNS:
            continue  # "сообщил СМИ": the media at large, no outlet
        if k and _media_noun(doc, after[k - 1]) and _has_case(doc, after[k - 1], "gent"):
            continue  # "сообщила главный редактор журнала The New Times ...": the speaker's outlet, not whom she told
        outlet = _is_outlet(doc, found[2], found[3])
        written = doc.text[found[0] : found[1]].strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")
        rest = [x for x in after[k + 1 :] if x.start >= found[1]]
        while rest and (rest[0].low in ("его", "ее", "её", "их") or _is_adj(doc, rest[0])):
            rest = rest[1:]  # "сообщила РБК его помощница", "рассказал ТАСС пресс-секретарь"
        dative = _dative(doc, written.split()[-1])
        # a known outlet in the dative or before the nominative speaker; any name in the
        # dative right after the verb ("сообщили «Северному курьеру» в мэрии")
        # (an outlet right after the verb whose subject stands before it: "Воробьев заявил «Ъ», что")
        if outlet and (dative or rest and _speaker_noun(doc, rest[0]) and _has_case(doc, rest[0], "nomn") or k == 0 and subject_before) or dative and k == 0:
            return _base_name(doc, found[2], found[3])
    return None


def _outlet_after(doc: _Text, said: _Said, toks: list[_Tok], end: int, dative: bool) -> str | None:
    """The outlet written right after "интервью" (its adjectives, a media noun, the name) or
    after "корреспондентом" (a media noun in the genitive or the name)."""
    k = 1 if toks and toks[0].low in ("с", "со") else 0  # "в беседе с австралийским изданием X"
    if k < len(toks) and toks[k].start > 0 and doc.text[toks[k].start - 1] in DOUBLE_OPENING:
        # a quoted name right there, its first word maybe an adjective ("в интервью «Новой газете»")
        found = _name_at(doc, toks[k].start - 1, end)
        if found is not None and (found[3] is None or found[3].type == "ORG"):
            return _base_name(doc, found[2], found[3])
    while k < len(toks) and _is_adj(doc, toks[k]):
        k += 1
    if 0 < k < len(toks) - 1 and toks[k].low in ("в", "на") and any(p.tag.POS == "PRTF" for p in doc.parse(toks[k - 1].text)[:2]):
        k += 1  # "в интервью, опубликованном в газете X": the outlet that printed it
    if k < len(toks) and _media_noun(doc, toks[k]):
        named = _named_body(doc, toks[k], end)
        return named.name if named is not None else _earlier_outlet(doc, said, toks[k], toks[k].start)
    if k < len(toks) and any(p.tag.POS == "NOUN" for p in doc.parse(toks[k].text)[:1]):
        # "в интервью Сомалийской службе «Голоса Америки»": the outlet whose service it is
        quoted = re.match(rf"\s*{_QUOTED}", doc.text[toks[k].end : end])
        if quoted is not None and len(quoted.group(1).split()) <= 4:
            return _base_name(doc, quoted.group(1).strip(), None)
    if k and toks[0].low not in ("с", "со") or not toks or k >= len(toks):
        return None
    return _outlet_name_at(doc, toks[k:], end)


def _outlet_name_at(doc: _Text, toks: list[_Tok], end: int) -> str | None:
    """The outlet named by the words ``toks`` right after "интервью" (maybe quoted): an
    organisation, a Latin name or a known outlet ("в интервью «Спорт-Курьеру»")."""
    at = toks[0].start - 1 if doc.text[toks[0].start - 1] in DOUBLE_OPENING else toks[0].start
    found = _name_at(doc, at, end)
    if found is None or found[3] is None and not re.match(_LATIN_NAME, found[2]) and not _is_outlet(doc, found[2]):
        return None
    if found[3] is not None and found[3].type != "ORG":
        return None
    return _base_name(doc, found[2], found[3])  # "в интервью «Спорт-Курьеру»"


def _dative(doc: _Text, word: str) -> bool:
    """Is a word read in the dative and never in the nominative ("Интерфаксу", "изданию")?"""
    parses = doc.parse(word)
    return any(p.tag.case == "datv" for p in parses[:3]) and not any(p.tag.case == "nomn" for p in parses)


def _attribution_sentence(doc: _Text, attr: _Attribution) -> tuple[int, int]:
    """The sentence holding an attribution's cue (quote-aware bounds; asked ~4 times a
    statement, so remembered per cue)."""
    key = ("attribution sentence", attr.cue_start, attr.cue_end)
    found = doc.memo.get(key)
    if found is None:
        starts = _block_starts(doc)
        b = max(0, bisect_right(starts, attr.cue_start) - 1)
        b_start, b_end, _kind = doc.blocks[b]
        found = doc.memo[key] = (_sentence_start(doc, attr.cue_start, b_start), _sentence_end(doc, attr.cue_end, b_end))
    return found


def _base_name(doc: _Text, written: str, entity: Entity | None) -> str:
    """The base form of a name written in an oblique case without a noun before it
    ("«Интерфаксу»", "«Известий»"): its entity's name, else the inflected name's nominative
    (a name in Latin letters as written)."""
    full = _spelled_out(doc, entity.name if entity is not None else written)
    if full is not None:
        return full  # "источники КП": «Комсомольская правда», as the article names it in full
    if entity is not None:
        return entity.name
    return written if written[:1].isascii() else normalize_mention(written, "ORG", doc.models)


def _spelled_out(doc: _Text, name: str) -> str | None:
    """The outlet an abbreviation stands for: the one the article names in full whose words'
    initials it is ("КП" after "Комсомольская правда", "МК" after "Московский комсомолец"),
    else the paper a short name stands for in Russian news ("«Ъ»": «Коммерсантъ»)."""
    abbr = name.strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")
    if abbr.lower() in ORG_HEADS:
        return None  # "Источник в СК": an institution's own abbreviation, not an outlet's initials
    if not re.fullmatch(r"[А-ЯЁA-Z]{2,4}", abbr):
        return OUTLET_SHORT_NAMES.get(abbr.lower())
    key = ("spelled out", abbr)
    if key not in doc.memo:
        full = [
            e.name for e in doc.article.entities
            if e.type == "ORG" and len(words := _WORD.findall(e.name)) == len(abbr)
            and "".join(w[0] for w in words).upper() == abbr and _is_outlet(doc, e.name, e)
        ]
        doc.memo[key] = full[0] if len(set(full)) == 1 else None
    return doc.memo[key] or OUTLET_SHORT_NAMES.get(abbr.lower())


# "... передает X со ссылкой на" right before the source it names.
_RELAY_TO_SOURCE = re.compile(rf"(?:передает|передаёт|сообщает|пишет|сообщил[аио]?|писал[аио]?)\s+(?P<outlet>[^,.;:!?]{{2,80}}?),?\s+{CITING}\s+$")


def _relay_before(doc: _Text, pos: int) -> str | None:
    """The outlet relaying the source named at ``pos``: "передает New York Times со ссылкой на
    [неназванных представителей]" (the outlet's name, or None)."""
    text = doc.text
    m = _RELAY_TO_SOURCE.search(text, max(0, pos - 160), pos)
    if m is None:
        return None
    return _outlet_name(doc, m.start("outlet"), m.end("outlet"))


# A sentence opening with the outlet that relays what follows: "Как передает агентство X, ...",
# "Как сообщает «Коммерсантъ», ...".
_RELAY_OPENING = re.compile(
    r"\s*(?:[Кк]ак\s+(?:передает|передаёт|передают|сообщает|сообщают|пишет|пишут)|[Пп]о\s+(?:данным|информации|сведениям))"
    r"\s+(?P<outlet>[^,.;:!?]{2,80}?)\s*,"
)


def _relay_opening(doc: _Text, attr: _Attribution) -> str | None:
    """The outlet of "Как передает агентство X, министр заявил, что ...", "По данным
    телеграм-канала X, водитель объясняет это так: ...": the sentence opens with a relaying
    outlet and the cue, after it, has a speaker of its own (the ``via``)."""
    s_start, _s_end = _attribution_sentence(doc, attr)
    m = _RELAY_OPENING.match(doc.text, s_start, attr.cue_start)
    if m is None or m.end() > attr.cue_start:
        return None
    outlet = _outlet_name(doc, m.start("outlet"), m.end("outlet"))
    return outlet if outlet is not None and _is_outlet(doc, outlet) or _media_noun_phrase(doc, m.start("outlet"), m.end("outlet")) else None


# The next sentence naming the outlet that relayed the statement before it: "Об этом сообщает
# ТАСС.", "Его слова приводит агентство X."
_RELAY_NEXT = re.compile(
    r"[.!?…»\"]*\s+(?:Об этом|Его слова|Ее слова|Её слова|Их слова|Эти слова)\s+"
    r"(?:сообщает|сообщают|пишет|пишут|передает|передаёт|передают|приводит|приводят)\s+(?P<outlet>[^.!?…,;:]{2,80}?)\s*[.!?…]"
)


def _relayed_in_next(doc: _Text, attr: _Attribution) -> str | None:
    """"Мост откроют, заявил Петров журналистам. Об этом сообщает ТАСС.": the outlet the next
    sentence names as the relay of a statement whose speaker is someone else (the ``via``)."""
    starts = _block_starts(doc)
    b = max(0, bisect_right(starts, attr.cue_start) - 1)
    b_end = doc.blocks[b][1]
    end = _sentence_end(doc, attr.cue_end, b_end)
    m = _RELAY_NEXT.match(doc.text, end, b_end)
    if m is None:
        return None
    outlet = _outlet_name(doc, m.start("outlet"), m.end("outlet"))
    return outlet if outlet is not None and (_is_outlet(doc, outlet) or _media_noun_phrase(doc, m.start("outlet"), m.end("outlet"))) else None


def _media_noun_phrase(doc: _Text, start: int, end: int) -> bool:
    """Does a phrase open with an outlet's noun ("агентство X", "газета «Y»")?"""
    first = doc.toks(start, end)[:1]
    return bool(first) and _media_noun(doc, first[0])


def _heard(attr: _Attribution, outlet: str | None) -> None:
    """The outlet the speaker spoke to goes to ``via`` (unless one is there already)."""
    if outlet and attr.via is None:
        attr.via = outlet
        attr.heard = True


def _relay_back(doc: _Text, stated: list[tuple[Quote, _Attribution]]) -> None:
    """"Столтенберг сообщил об отставке министра. Премьер также отметил, что A, передает
    агентство X": an outlet relaying a statement (not an interview, nor one quotation it
    cites) relays the same speaker's statements before it in the paragraph, back to
    another speaker's statement."""
    starts = _block_starts(doc)
    for i, (q, attr) in enumerate(stated):
        if not q.via or attr.heard or q.speaker is None or not q.cue:
            continue
        words = q.cue.split()
        if not words[0][0].isalpha() or doc.lemma(words[0]) in QUOTING_LEMMAS:
            continue
        block, key = bisect_right(starts, q.start), speaker_key(q.speaker)
        for p, _pattr in reversed(stated[:i]):
            if bisect_right(starts, p.start) != block or p.speaker is None or speaker_key(p.speaker) != key:
                break
            if p.via is None:
                p.via = q.via
    _relay_closing_paragraph(doc, stated)


def _relay_closing_paragraph(doc: _Text, stated: list[tuple[Quote, _Attribution]]) -> None:
    """"Пресс-служба МВД сообщила, что S. Сейчас выясняется, кому принадлежит оружие, передает
    РИА Новости.": a relay closing a paragraph whose last sentence states nothing of anyone's
    relays the paragraph's statements before it (those with no via, not an outlet's own); so
    does one whose last sentence is the outlet's own ("Сообщается, что S2, сообщает РБК")."""
    text = doc.text
    for b_start, b_end, kind in doc.blocks:
        if kind == "title":
            continue
        s_start = _sentence_start(doc, max(b_start, b_end - 1), b_start)
        if s_start <= b_start:
            continue  # a one-sentence paragraph: its relay is found with its statement
        m = _TRAILING_RELAY.search(text, s_start, b_end)
        if m is None:
            continue
        outlet = _outlet_name(doc, m.start("outlet"), m.end("outlet")) or m.group("outlet")
        if any(s_start <= q.start < b_end and (q.speaker is None or q.speaker.name.lower() != outlet.lower()) and not a.relay for q, a in stated):
            continue  # the last sentence is someone's statement: its relay is found with it
        for q, attr in stated:
            if b_start <= q.start < s_start and q.via is None and q.speaker is not None and q.speaker.kind != "outlet" and not attr.heard:
                q.via = outlet
