"""Relaying outlets: "передает ТАСС", "приводит агентство слова X", "со ссылкой на" go to ``via``."""

from __future__ import annotations

import re

from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING
from .._speech import OUTLET_NOUNS
from ._text import PRONOUNS, _Attribution, _Text, _Tok, _has_case, _mentions_from

# A name in double quotation marks: «Коммерсантъ», "Ведомости" (its text is group 1).
_QUOTED = rf"[{DOUBLE_OPENING}]([^{DOUBLE_CLOSING}]+)[{DOUBLE_CLOSING}]"

# A relaying outlet closing a reported statement: "..., передает агентство Восток-Пресс".
_TRAILING_RELAY = re.compile(r",\s*(?:передает|передаёт|пишет|сообщает|информирует)\s+(?P<outlet>[^,.;:!?]{2,80}?)\s*[.!?…]?\s*$")


def _cut_via(doc: _Text, attr: _Attribution, region: tuple[int, int]) -> tuple[int, int]:
    """Take "передает X", "пишет газета X", "со ссылкой на" out of a region into ``attr.via``."""
    text = doc.text
    start, end = region
    cue_lemma = doc.lemma(text[attr.cue_start : attr.cue_end].split()[0]) if attr.cue_end > attr.cue_start else ""
    if cue_lemma in ("приводить", "привести", "цитировать", "процитировать"):
        return _relay_split(doc, attr, region)
    m = re.search(r",\s*(передает|передаёт|пишет|сообщает|цитирует|информирует)\b|\bсо ссылкой на\b", text[start:end])
    if m:
        if m.group(0).startswith("со ссылкой"):
            # "пишет газета X со ссылкой на источник": the speaker is after the phrase
            outlet = text[start : start + m.start()]
            attr.via = _outlet_name(doc, start, start + m.start()) or outlet.strip() or None
            return start + m.end(), end
        attr.via = _outlet_name(doc, start + m.end(), end)
        return start, start + m.start()
    return region


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
                return t.start, name[1], doc.text[t.start : name[1]]
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
    q = re.match(_QUOTED, text[at:end])
    if q:
        return pos, at + q.end()
    stop = None
    for t in doc.toks(at, end):
        if not t.text[0].isupper() or (stop is not None and text[stop:t.start].strip()):
            break
        stop = t.end
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
    q = re.fullmatch(_QUOTED, best)
    return q.group(1) if q else f"{noun.text} {best}"


def _outlet_name(doc: _Text, start: int, end: int) -> str | None:
    for m, e in _mentions_from(doc, start, end):
        if m.start >= start and m.end <= end and e.type == "ORG":
            return e.name
    q = re.search(_QUOTED, doc.text[start:end])
    if q:
        return q.group(1)
    words = doc.text[start:end].strip(" ,.")
    return words or None
