"""The headline forms of reported speech: "Statement - X", "X: statement"."""

from __future__ import annotations

import re

from .._lexicon import DOUBLE_OPENING
from ._according import CLAUSE_POS
from ._text import (
    MAX_HEADLINE_SPEAKER_WORDS,
    MIN_STATEMENT_WORDS,
    _Attribution,
    _Direct,
    _Item,
    _Text,
    _WORD,
    _is_adj,
    _is_finite_verb,
    _mentions_from,
    _speaker_noun,
)


def _headline_item(doc: _Text, direct: _Direct, s_start: int, s_end: int) -> _Item | None:
    """"Statement - X" / "Statement — X" / "X: statement" in a headline."""
    text = doc.text
    chunk = text[s_start:s_end]
    if s_start in direct.statements or s_start + 1 in direct.statements:
        return None
    for m in reversed(list(re.finditer(r"\s[-–—]\s", chunk))):
        pos = s_start + m.start()
        if doc.in_quote(pos):
            continue
        right = text[s_start + m.end() : s_end]
        if len(_WORD.findall(right)) <= MAX_HEADLINE_SPEAKER_WORDS and _looks_like_speaker(doc, s_start + m.end(), s_end):
            if len(_WORD.findall(text[s_start:pos])) >= MIN_STATEMENT_WORDS:
                attr = _Attribution("-", pos + 1, pos + 2, headline=right.strip())
                attr.after = (s_start + m.end(), s_end)
                return _Item("indirect", s_start, pos, attr)
        break
    m = re.search(r":\s", chunk)
    if m and not doc.in_quote(s_start + m.start()):
        colon = s_start + m.start()
        rest = text[colon + 1 : s_end].strip()
        if rest and rest[0] not in DOUBLE_OPENING and len(_WORD.findall(rest)) >= MIN_STATEMENT_WORDS and _is_clause(doc, colon + 1, s_end):
            if len(_WORD.findall(text[s_start:colon])) <= MAX_HEADLINE_SPEAKER_WORDS and _looks_like_speaker(doc, s_start, colon):
                attr = _Attribution(":", colon, colon + 1, headline=text[s_start:colon].strip())
                attr.before = (s_start, colon)
                return _Item("indirect", colon + 1, s_end, attr)
    return None


def _is_clause(doc: _Text, start: int, end: int) -> bool:
    """Does a headline's part say something (a verb, a short adjective, a predicative, a copula
    dash), unlike a topic ("Константин Сомов: выставка спустя полвека")?"""
    if re.search(r"\s[-–—]\s", doc.text[start:end]):
        return True  # "Петров: налоги — не главное"
    return any(doc.parse(t.text)[0].tag.POS in CLAUSE_POS for t in doc.toks(start, end) if not doc.in_quote(t.start))


def _looks_like_speaker(doc: _Text, start: int, end: int) -> bool:
    """A PER/ORG mention, a role mention, or a phrase headed by a person/organisation noun."""
    for m, e in _mentions_from(doc, start, end):
        if m.start >= start and m.end <= end:
            return True
    toks = [t for t in doc.toks(start, end) if not doc.in_quote(t.start)]
    if not toks or any(_is_finite_verb(doc, t) or doc.parse(t.text)[0].tag.POS == "ADVB" for t in toks):
        return False
    return _speaker_noun(doc, toks[0]) or (len(toks) > 1 and _speaker_noun(doc, toks[1]) and _is_adj(doc, toks[0]))
