"""Pass 1: pair the quotation marks of a block (before any sentence splitting)."""

from __future__ import annotations

import re

from ._text import DASHES, _Span

# Opening mark -> closing marks it accepts (some writers close „ with ”).
PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"'}


# After a closing mark: punctuation and a dash, an attribution follows ('", - заметил он').
_ATTRIBUTION_AHEAD = re.compile(r"[,.!?…]*\s+[-–—]\s")


def _scan_marks(text: str, start: int, end: int, block: int) -> list[_Span]:
    """Pair the quote marks of one block; unclosed top-level quotes run to the block end."""
    stack: list[tuple[str, int]] = []
    spans: list[_Span] = []
    for i in range(start, end):
        ch = text[i]
        if ch not in "«»„“”\"":
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        top = stack[-1][0] if stack else None
        if ch == '"':
            closes = top == '"' and (not (nxt.isalnum()) or not (prev.isspace() or prev in "([«„:" + DASHES))
            opens = prev.isspace() or prev in "([«„“:/" + DASHES or i == start
            if top == '"' and closes and not (opens and nxt.isalnum()):
                o = stack.pop()[1]
                spans.append(_Span(o, i, len(stack), block))
                if stack and stack[-1][0] == '"' and _ATTRIBUTION_AHEAD.match(text, i + 1, end):
                    # '"... Остальные "мнутся", - заметил он': one mark closes the inner and the outer quote
                    o = stack.pop()[1]
                    spans.append(_Span(o, i, len(stack), block))
            elif opens or top != '"':
                stack.append(('"', i))
            continue
        if ch == "«" or ch == "„":
            stack.append((ch, i))
            continue
        if ch == "“":
            if top == "„":
                o = stack.pop()[1]
                spans.append(_Span(o, i, len(stack), block))
            else:
                stack.append((ch, i))
            continue
        # closing » or ”: close the nearest matching opener, dropping unclosed inner straight quotes
        for k in range(len(stack) - 1, -1, -1):
            if ch in PAIRS[stack[k][0]]:
                o = stack[k][1]
                del stack[k:]
                spans.append(_Span(o, i, k, block))
                break
    if stack and stack[0][0] in "«„“\"":
        spans.append(_Span(stack[0][1], None, 0, block))
    return sorted(spans, key=lambda s: s.open)
