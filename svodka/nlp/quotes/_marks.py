"""Pass 1: pair the quotation marks of a block (before any sentence splitting)."""

from __future__ import annotations

import re

from .._lexicon import CLOSERS, CLOSING_MARKS, OPEN_ONLY_MARKS, OPENING_MARKS, QUOTE_MARKS, TOGGLE_MARKS
from ._text import DASHES, _Span

# Marks that open a quotation and are not the straight toggle: a straight " after one opens.
_OPENERS = "".join(m for m in OPENING_MARKS if m not in TOGGLE_MARKS)

# Any quotation mark.
_MARK = re.compile("[" + re.escape(QUOTE_MARKS) + "]")

# After a closing mark: punctuation and a dash, an attribution follows ('", - заметил он').
_ATTRIBUTION_AHEAD = re.compile(r"[,.!?…]*\s+[-–—]\s")


def _scan_marks(text: str, start: int, end: int, block: int) -> list[_Span]:
    """Pair the quote marks of one block; unclosed top-level quotes run to the block end.

    Opening-only marks (« „ ‹ ‘) open; “ closes an open „ and opens otherwise; a closing mark
    closes the nearest opener that accepts it (``CLOSERS``), dropping unclosed inner straight
    quotes; the straight " toggles by its neighbours (``_straight_mark``).
    """
    stack: list[tuple[str, int]] = []
    spans: list[_Span] = []
    for m in _MARK.finditer(text, start, end):  # the marks only: a character loop was the pass's cost
        i, ch = m.start(), m.group()
        top = stack[-1][0] if stack else None
        if ch in TOGGLE_MARKS:
            _straight_mark(text, i, start, end, block, stack, spans)
        elif ch in OPENING_MARKS and not (ch in CLOSING_MARKS and top is not None and ch in CLOSERS[top]):
            stack.append((ch, i))
        else:
            for k in range(len(stack) - 1, -1, -1):
                if ch in CLOSERS[stack[k][0]]:
                    o = stack[k][1]
                    del stack[k:]
                    spans.append(_Span(o, i, k, block))
                    break
    if len(stack) == 1 and stack[0][0] in TOGGLE_MARKS and text[stack[0][1] + 1 : stack[0][1] + 2] in _OPENERS:
        # ''"«Я не прошу одобрения»''.: a straight mark doubling a guillemet, never closed, is
        # a stray; the guillemets it stands before are the quotation
        stray = stack.pop()[1]
        if any(s.open == stray + 1 and s.close is not None for s in spans):
            for s in spans:
                s.depth -= s.open > stray
        else:
            stack.append((text[stray], stray))
    if stack:
        spans.append(_Span(stack[0][1], None, 0, block))
    return sorted(spans, key=lambda s: s.open)


def _straight_mark(text: str, i: int, start: int, end: int, block: int, stack: list[tuple[str, int]], spans: list[_Span]) -> None:
    """A straight " at ``i``: it opens after a space, a bracket, a colon or a dash, and closes an
    open straight quote before a space or punctuation; one mark may close two ('"..."мнутся", -')."""
    ch = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    top = stack[-1][0] if stack else None
    closes = top == ch and (not (nxt.isalnum()) or not (prev.isspace() or prev in "([:" + OPEN_ONLY_MARKS + DASHES))
    opens = prev.isspace() or prev in "([:/" + _OPENERS + DASHES or i == start
    if top == ch and closes and not (opens and nxt.isalnum()):
        o = stack.pop()[1]
        spans.append(_Span(o, i, len(stack), block))
        if stack and stack[-1][0] == ch and _ATTRIBUTION_AHEAD.match(text, i + 1, end):
            # '"... Остальные "мнутся", - заметил он': one mark closes the inner and the outer quote
            o = stack.pop()[1]
            spans.append(_Span(o, i, len(stack), block))
    elif opens or top != ch:
        stack.append((ch, i))
