"""The metadata next to the article in a crawler dump (step 4 of ``clean.dump``): the meta line,
the date and the views.

A view counter and a publication date are read only from the lines around the headline and the
block edges, never from a header clock, a feed or a comment. Split from ``clean.dump`` (issue 12).
"""

from __future__ import annotations

import re

from ._counters import bare_count, sibling_counter, view_count
from ._dumpmeta import _YEAR, date_line
from ._dates import WEEKDAY, ShownDate, find_date
from ._chrome import NAV_WORDS
from ._dumplines import _Line
from ._dumpbody import _lines_after


# A date line after the text may hold this many other words (a byline: name, place).
AFTER_MAX_WORDS = 4

# The first lines of a page are its header: a date there is the header clock, not a byline.
HEADER_LINES = 3

# A full numeric date alone on its line ("05/12/2025", "24.01.2014"): right above the headline
# it is the article's date even at the page's top; a header clock names the weekday or the
# month in words (fourth windows set of issue 16).
_NUMERIC_DATE = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{4}\s*$")


def _near_metadata(
    lines: list[_Line], head: int, start: int, end: int, shown: ShownDate | None
) -> tuple[int | None, ShownDate | None]:
    """The view counter and the shown date (unless ``shown`` is known) from the metadata window:
    just before the headline ``head`` to a few lines after the body ``start..end``. An update's
    date ("Обновлено: ...") is taken only when no publication date is shown."""
    views: int | None = None
    if head < 0:
        return views, shown
    before = _lines_before(lines, head)
    between = list(range(head + 1, start)) if start > head else []
    after = _lines_after(lines, end)
    feed = _feed_after(lines, after)
    # a full date with its time right above the headline is the article's meta line: it comes
    # before the dates under the text (a teaser's "10 сентября, 19:34"; saved HTML set of issue 16)
    above = [head - 1] if head - 1 in before and _timed_date(lines[head - 1]) else []
    for group in (between, above, after, before[::-1]):
        in_after = group is after
        for i in group:
            # After the text, the dates of a feed's items are not the article's.
            if (shown is None or shown.updated) and not (in_after and feed):
                shown = _window_date(lines[i], shown, in_after)
            if views is None:
                views = _window_views(lines, i, under_headline=group is between and i == head + 1)
    if views is None and after and after[0] == end + 1:
        views = _count_under_text(lines, end + 1)
    if views is None:
        views = _beside_sibling(lines, between + above + before[::-1])
    if shown is None:
        shown = _date_off_window(lines, head, start, end, feed)
    return views, shown


def _lines_before(lines: list[_Line], head: int) -> list[int]:
    """The lines above the headline ``head`` that may hold its meta line, top to bottom."""
    # Above the headline, but not the page's first lines (the header clock sits there) unless
    # the line right above the headline is a meta line: a full date with its time
    # ("16.09.2025, 16:35", "12:32, 12 мая 2024 Вс") is the article's, a header clock shows
    # the day alone (windows set of issue 16: crawl text that opens at the article).
    before = [i for i in range(max(HEADER_LINES, head - 3), head)
              if not lines[i].heading and not _header_clock(lines[i], right_above=i == head - 1)]
    if 0 < head <= HEADER_LINES:
        # Right above the headline, or above the rubric's label standing over it ("14 октября
        # 2024" / "Происшествия" / headline; fifth fresh check set of issue 16).
        j = head - 2 if head >= 2 and lines[head - 1].text.strip().lower() in NAV_WORDS else head - 1
        if _top_date_line(lines[j]):
            before.append(j)
    return before


def _top_date_line(line: _Line) -> bool:
    """Whether a line among the page's first ones is the article's date, not a header clock: a
    full date with its time, a full numeric date alone, or a full date in words alone."""
    return bool(_timed_date(line) or _NUMERIC_DATE.match(line.text) or _plain_full_date(line))


def _window_date(line: _Line, shown: ShownDate | None, after: bool) -> ShownDate | None:
    """``shown``, or the date a line of the metadata window shows instead: a publication date
    wins over an update's."""
    # After the text a dated headline is a feed item: fewer other words allowed.
    found = date_line(line, AFTER_MAX_WORDS if after else 8)
    if found is not None and (shown is None or not found.updated):
        return found
    return shown


def _window_views(lines: list[_Line], i: int, under_headline: bool) -> int | None:
    """The view count a short line of the metadata window shows, or a bare number right under
    the headline."""
    views = None
    if lines[i].words <= 12:
        views = view_count(lines[i].text) or _meta_count(lines[i])
    if views is None and under_headline:
        # A number alone right under the headline, before the byline: the view count
        # whose eye icon the crawl dropped (fourth windows set of issue 16).
        views = _count_under_text(lines, i)
    return views


def _beside_sibling(lines: list[_Line], group: list[int]) -> int | None:
    """A number alone beside the meta row's other counter, the reading time or the comments
    («1 мин» / «767»; «3 945» / «75 комментариев»; saved pages habr.com, vc.ru): the view count
    whose eye icon the crawl dropped. The last resort of the metadata window: a labelled count
    anywhere in it wins (a bare number beside the reading time may be the comments or likes)."""
    for i in group:
        if any(0 <= j < len(lines) and sibling_counter(lines[j].text) for j in (i - 1, i + 1)):
            views = _count_under_text(lines, i)
            if views is not None:
                return views
    return None


def _date_off_window(lines: list[_Line], head: int, start: int, end: int, feed: bool) -> ShownDate | None:
    """The date when the metadata window shows none: glued to the lead right under the headline,
    else labelled as the publication's under the text (unless a feed follows the text: its
    items label their own dates so)."""
    if start == head + 1:
        found = _glued_lead_date(lines[start])
        if found is not None:
            return found
    return None if feed else _labelled_date(lines, end)


def _glued_lead_date(line: _Line) -> ShownDate | None:
    """A full date glued to the lead or opening its dateline."""
    glued = _GLUED_DATE.match(line.text) or _LEAD_DATELINE.match(line.text)
    found = find_date(glued.group(1)) if glued else None
    if found is not None and found.complete:
        # "28.02.202027 февраля ...": the date glued to the lead. Its year must be read: a
        # year the reader refuses ("СССР, 12 апреля 1961 года. ...", an anniversary) leaves
        # a day and month that would be dated to the crawl's year.
        return found
    return None


# A full numeric date glued to the first word of the lead under the headline, no space between
# ("28.02.2020" + "27 февраля в рамках ..."): the date element and the text flattened into one
# line (fresh check set of issue 16).
# A dateline opening the lead right under the headline with the full date, year included: a
# place or an agency in capitals, then the date ("ЗАРЕЧЬЕ-НОВОСТИ. 13 мая 2010 года ...",
# "МОСКВА, 13 мая 2010 г. ..."); without the year it may be any day's (third fresh check set).
_LEAD_DATELINE = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ -]{2,40}[.,]\s+(\d{1,2}\s+[а-яё]+\s+(?:19|20)\d\d)(?:\s+г(?:ода|\.))?[.,]?\s")
_GLUED_DATE = re.compile(r"^(\d{2}\.\d{2}\.(?:19|20)\d\d)(?=\d{1,2}\s+[а-яё]|[А-ЯЁ])")


# A publication date said in words, the blog template's footer ("This post was published on
# 19.12.2025 06:53"), searched this many lines under the text (reaction counters may stand
# between; fourth windows set's check of issue 16).
LABELLED_DATE_LINES = 24
# What may follow the labelled date on its line: the year's abbreviation, a time, a time zone.
_LABEL_REST = re.compile(r"(?i)^\s*(?:г\.|года?)?[\s,в]*(?:\d{1,2}:\d\d)?\s*(?:\(?(?:мск|msk|utc|gmt)[^\s]*\)?)?\s*\.?\s*$")
_PUBLISHED_LABEL = re.compile(r"(?i)^(?:this (?:post|article|entry) was published on|published on|дата публикации:?|опубликовано:?)\s")


def _labelled_date(lines: list[_Line], end: int) -> ShownDate | None:
    """The date a line under the text labels as the publication's, before any list heading."""
    for i in range(end + 1, min(len(lines), end + 1 + LABELLED_DATE_LINES)):
        if lines[i].stop:
            break
        label = _PUBLISHED_LABEL.match(lines[i].text)
        if label:
            found = find_date(lines[i].text)
            # The label and its date alone: a sentence opening so ("Опубликовано 12 марта 2019
            # года постановление ...", a teaser under the text) is no label.
            if (found is not None and found.complete and found.start <= label.end()
                    and _LABEL_REST.match(lines[i].text[found.end :])):
                return found
    return None


# A number alone on its line: "791", "12 408".
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:[\s\u00a0\u202f]\d{3})+$|^\d{2,}$")


def _header_clock(line: _Line, right_above: bool) -> bool:
    """A header clock: a line opening with the weekday's full name ("Пятница, 22 ноября 2024,
    12:17 мск"; above the headline with other lines between, the site's clock, not the
    article's date); right above the headline only when it shows no time ("Понедельник, 9
    июня, 2025"), a meta line there may name the weekday with the time (fresh check sets of
    issue 16)."""
    if not WEEKDAY.match(line.text.lstrip()):
        return False
    if not right_above:
        return True
    shown = find_date(line.text)
    return shown is None or shown.hour is None


def _plain_full_date(line: _Line) -> bool:
    """A short line that is a full date in words, year included, and nothing else ("14 октября
    2024"): a header clock names the weekday."""
    if not line.dated or line.words > 4 or WEEKDAY.search(line.text):
        return False
    shown = find_date(line.text)
    return shown is not None and shown.complete and shown.start == 0


def _count_under_text(lines: list[_Line], i: int) -> int | None:
    """A number alone right under the text is the view count (the eye icon is an image, the
    crawl text keeps the number): two digits or more, and no other bare number next to it
    (pagination, a row of share counters). A year (1900-2099) is the copyright's or an
    archive's, not a count."""
    if _BARE_NUMBER.match(lines[i].text) is None or _YEAR.fullmatch(lines[i].text.strip()):
        return None
    if i + 1 < len(lines) and _BARE_NUMBER.match(lines[i + 1].text) is not None:
        return None
    return int(re.sub(r"\D", "", lines[i].text))


def _feed_after(lines: list[_Line], after: list[int]) -> bool:
    """Whether the lines after the text are a feed: its first date heads a teaser's headline
    ("14 августа 2022" over "Не первым делом самолеты") and another date follows (one per item
    of a rubric feed). The article's own byline under the text is followed by tags, share
    buttons or a list label, not by a headline; an update's date is not counted.
    """
    days, first = set(), None
    for i in after:
        found = date_line(lines[i], AFTER_MAX_WORDS)
        if found is not None and not found.updated:
            first = i if first is None else first
            days.add((found.year, found.month, found.day, found.relative))
    if first is None or len(days) < 2:
        return False
    # The item's date under its headline ("Новогодняя ярмарка в Заречном" / "21 декабря 2025")
    # as well as over it (fresh check set of issue 16).
    return any(0 <= j < len(lines) and lines[j].heading and lines[j].kind != "body" and not lines[j].dated for j in (first + 1, first - 1))


def _timed_date(line: _Line) -> bool:
    """Whether a short line shows a complete date with its time (a meta line, not a clock)."""
    if not line.dated or line.words > 12:
        return False
    shown = find_date(line.text)
    return shown is not None and shown.complete and shown.hour is not None


def _meta_count(line: _Line) -> int | None:
    """A bare view count after the date and time of a meta line ("16.09.2025, 16:35 38496")."""
    if not line.dated:
        return None
    shown = find_date(line.text)
    if shown is None or shown.hour is None:
        return None
    return bare_count(line.text, shown.start, shown.end)
