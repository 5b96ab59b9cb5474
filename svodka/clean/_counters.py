"""View counters as pages show them: "Просмотров: 1 204", "7535 просмотров", "👁 3 902", and on
Russian-language pages of Ukrainian sites, whose interface is Ukrainian, "Переглядів: 1 204".

Shared by the dump and HTML cleaners, which decide *where* a counter may stand; this module
only reads one.
"""

from __future__ import annotations

import re

__all__ = ["VIEWS", "COMMENT_WORD", "view_count", "bare_count", "sibling_counter"]

# A count: digits with spaces as thousands separators ("1 204"), never running into more digits.
_NUMBER = r"(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+)(?!\d)"
# A counter: the word (or an eye) then the number, or the number then the word. A number
# right after another number, a dot or a colon is part of a date or time ("2019 1 204").
VIEWS = re.compile(
    r"(?:просмотр\w*|прочтени\w*|прочитан\w*|показ(?:ов|ы)\b|перегляд\w*|views?|hits?|👁\ufe0f?)\s*[:\-]?\s*" + _NUMBER
    + r"|(?<![\d.,:])" + _NUMBER + r"\s*(?:просмотр\w*|прочтени\w*|прочитан\w*|перегляд\w*|views?)\b",
    re.I,
)


def view_count(text: str) -> int | None:
    """The count a counter in ``text`` shows, or None."""
    m = VIEWS.search(text)
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group(1) or m.group(2))
    return int(digits) if digits else None


# A number alone after a date and its time on a meta line: "16.09.2025, 16:35 38496".
_BARE = re.compile(r"^[\s,|•·]*" + _NUMBER + r"\s*$")


def bare_count(text: str, date_start: int, date_end: int) -> int | None:
    """The view count of a meta line that shows a date, its time and one bare number after
    them ("16.09.2025, 16:35 38496"): the eye icon is an image, the crawl text keeps only the
    number. ``date_start``/``date_end`` bound the date and time in ``text``; anything else
    on the line (a second number, words) says nothing sure, and gives None."""
    if text[:date_start].strip(" ,|•·"):
        return None
    m = _BARE.match(text[date_end:])
    return int(re.sub(r"\D", "", m.group(1))) if m else None


# A word of the comments label ("комментарии", "комментариев", "коментарии"): at a word's start,
# so the verb "прокомментировал" in a headline is no label.
COMMENT_WORD = r"(?<![а-яё])комм?ент"

# The counters a meta row prints beside the view count, each on its own line of the crawl text:
# the reading time ("1 мин", "3 минуты чтения") and the comments ("75 комментариев").
_SIBLING = re.compile(r"(?i)^\s*\d[\d\s]*\s*(?:мин(?:ут[аы]?)?\.?(?:\s+чтения)?|" + COMMENT_WORD + r"\w*)\s*$")


def sibling_counter(text: str) -> bool:
    """Whether a line is a meta row's other counter, the reading time or the comment count: a
    bare number beside it is the view count whose eye icon the crawl dropped."""
    return _SIBLING.match(text) is not None
