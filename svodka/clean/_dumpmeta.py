"""The metadata of a crawler dump around its article: the publication date (the outlet: ``_dumpoutlet``).

Split from ``clean.dump`` (issue 16), which finds the article; this module reads what the
page says about it. Both work on the dump's classified lines (objects with ``text``,
``words``, ``kind``, ``dated``: ``_dumplines._Line``).

**Date.** The date shown with the article (found by ``dump``: byline, under the headline,
in the meta line with the views) is resolved here. A relative date («сегодня, 19:20», «два
дня назад») counts from the crawl time when the crawler recorded it, else from the page's own
"today" (a full date in the header); a date shown without a year takes the year of the URL,
else of the crawl or the page's "today" (the latest such date not after that day), else of
the copyright line. When the page shows no date, the URL's date is the date; a date after the
crawl day is never the publication date (the URL's date then, or none). ``published_how``
says which: ``byline``, ``byline+crawl``, ``byline+url``, ``url``.

A crawl time is read on the page's clock (see :class:`Crawl`): crawlers stamp UTC
(``2024-03-15T22:30:00Z``), Russian-language pages show Moscow time (or their country's), so at 22:30 UTC a page's
"сегодня" is already the 16th, and "3 часа назад" at 00:40 was yesterday.

The outlet's name, chosen from the same lines, is ``_dumpoutlet``'s (split from here, issue 12).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
from urllib.parse import urlparse

from ._dates import ShownDate, valid_date, find_date, resolve_date, url_date

__all__ = ["Crawl", "caps_share", "crawl_clock", "date_line", "published", "stems", "STEM_LENGTH"]

# How many first tokens the capitals share is read from (link lists are all capitals).
CAPS_SAMPLE_WORDS = 30

# The copyright line is searched among this many last lines.
COPYRIGHT_LINES = 80

# A full date in a short line among this many first lines is the page's "today" (header clock).
TODAY_LINES = 30

# Crude stems of words (prefixes): the one rule by which the cleaners compare texts without
# morphology (headline and lead in ``dump``, a name and the article here, two bodies in ``_agree``).
STEM_LENGTH = 4

# The clock Russian-language news pages show: Moscow time, or the time of the country of the
# page's domain (outlets in Ukraine, Kazakhstan, the Baltics show their own). A crawl stamp
# with a zone is read on it; a stamp without one is taken as the page's clock already.
PAGE_ZONE = "Europe/Moscow"
PAGE_CLOCK = timezone(timedelta(hours=3))  # when the zone database is missing
DOMAIN_ZONES = {
    "ua": "Europe/Kyiv", "by": "Europe/Minsk", "kz": "Asia/Almaty", "uz": "Asia/Tashkent",
    "kg": "Asia/Bishkek", "md": "Europe/Chisinau", "lv": "Europe/Riga", "lt": "Europe/Vilnius",
    "ee": "Europe/Tallinn", "az": "Asia/Baku", "am": "Asia/Yerevan", "ge": "Asia/Tbilisi",
}

# The easternmost clock a page may show (regional outlets run up to UTC+12, and a dateline
# may be anywhere): a shown day is after the crawl only when it is after the crawl's day there.
EASTERNMOST_CLOCK = timezone(timedelta(hours=14))

# A day-and-month date on 29 February takes the latest leap year within this many years.
LEAP_SEARCH_YEARS = 8

# Words saying a date line gives the time of an update, not of the publication.
_UPDATED = re.compile(r"(?:обновлен\w*|изменен\w*|updated|upd)\W*$", re.I)
_WORD = re.compile(r"[а-яёa-z]+")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def caps_share(tokens: list[str]) -> float:
    """Share of word tokens that start with a capital letter (link lists are all capitals)."""
    alpha = upper = 0
    for token in tokens[:CAPS_SAMPLE_WORDS]:
        first = token[0]
        if first.isalpha():
            alpha += 1
            upper += first.isupper()
    return upper / alpha if alpha else 1.0


def date_line(line, max_rest: int = 8) -> ShownDate | None:
    """The date of a short metadata line (byline, date line); feed items and prose are skipped.

    ``max_rest`` is how many other words (longer than two letters) the line may hold: a byline
    has a name and a place, a feed item has a whole headline.
    """
    if not line.dated or line.kind == "body" or line.words > 12:
        return None
    shown = find_date(line.text)
    if shown is None:
        return None
    rest = (line.text[: shown.start] + " " + line.text[shown.end :]).split()
    if len([w for w in rest if len(w) > 2]) > max_rest:
        return None  # a teaser headline with its time, not a date line
    if _UPDATED.search(line.text[: shown.start]):
        # "Обновлено 16.03 12:00 (опубликовано 15.03 10:20)": the publication is the other date.
        other = find_date(line.text[shown.end :])
        if other is not None and other.relative is None:
            return other
        shown.updated = True
    return shown


def _page_today(lines, head: int | None = None) -> date | None:
    """The page's own "today": a complete date in a short line at the top (header clock/date),
    above the headline ``head`` (below it stand the article's own date and related news)."""
    for line in lines[: TODAY_LINES if head is None else min(TODAY_LINES, head)]:
        if line.dated and line.words <= 10:
            shown = find_date(line.text)
            if shown and shown.complete:
                return date(shown.year, shown.month, shown.day)  # type: ignore[arg-type]
    return None


def _page_year(lines) -> int | None:
    """A year the page implies for dates shown without one: the latest year of a copyright line."""
    for line in reversed(lines[-COPYRIGHT_LINES:]):
        low = line.text.lower()
        if "©" in line.text or "(c)" in low or "copyright" in low:
            years = [int(y) for y in _YEAR.findall(line.text)]
            if years:
                return max(years)
    return None


@dataclass(frozen=True)
class Crawl:
    """When the crawler read the page, on the page's clock.

    ``day`` is the page's "today" («сегодня»), ``time`` the moment ages («3 часа назад») count
    back from (``None`` when the stamp gave a day only), ``latest`` the latest day any page
    clock showed at that moment (the bound for dates "after the crawl").
    """

    day: date
    time: datetime | None
    latest: date


def _page_zone(url: str | None) -> tzinfo:
    """The clock of a page: its domain's country's zone, else Moscow time."""
    host = _domain(url) or ""
    name = DOMAIN_ZONES.get(host.rsplit(".", 1)[-1], PAGE_ZONE)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return PAGE_CLOCK


def crawl_clock(crawled: str | date | datetime | None, url: str | None = None) -> Crawl | None:
    """The crawl as a :class:`Crawl`, from ISO text (``2024-03-15``, ``2024-03-15T22:30:00Z``,
    with or without a zone), a ``date`` or a ``datetime``; ``None`` when absent or unreadable.
    A zoned stamp is read on the clock of the page at ``url`` (``_page_zone``)."""
    if crawled is None:
        return None
    if not isinstance(crawled, date):
        text = str(crawled).strip()
        try:
            crawled = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" else text)
        except ValueError:
            try:
                crawled = date.fromisoformat(text[:10])
            except ValueError:
                return None
        if len(text) <= 10 and isinstance(crawled, datetime):
            crawled = crawled.date()  # "2024-03-15": a day, no moment
    if not isinstance(crawled, datetime):
        return Crawl(crawled, None, crawled)
    if crawled.tzinfo is None:
        return Crawl(crawled.date(), crawled, crawled.date())
    local = crawled.astimezone(_page_zone(url)).replace(tzinfo=None)
    return Crawl(local.date(), local, crawled.astimezone(EASTERNMOST_CLOCK).date())


def _latest_year(shown: ShownDate, latest: date) -> int:
    """The year of a day-and-month date seen on ``latest``: the latest such date not after it
    (29 February: the latest leap year)."""
    year = latest.year - 1 if (shown.month, shown.day) > (latest.month, latest.day) else latest.year
    for candidate in range(year, year - LEAP_SEARCH_YEARS, -1):
        if valid_date(candidate, shown.month, shown.day):
            return candidate
    return year


# A shown day and month (no year) further than this many days from the address's full date is
# not the article's: publication and address differ by a day or two at most (time zones, a late
# edit), a list's or a clock's date by anything.
URL_DISAGREES_DAYS = 7


def published(
    lines, shown: ShownDate | None, crawl: Crawl | None, url: str | None, head: int | None = None
) -> tuple[str | None, str | None]:
    """The publication date (ISO) of a shown date and how it was resolved; the URL's date when
    none is shown. ``head`` is the headline's line (the page's "today" stands above it)."""
    value, how = _resolve(lines, shown, crawl, url, head)
    if value and crawl is not None and value[:10] > crawl.latest.isoformat():
        # A date after the crawl is no publication date (an event announced, a typo'd year):
        # the page does not support it.
        value, how = url_date(url), "url"
    return (value, how) if value else (None, None)


def _relative_today(shown: ShownDate, crawl: Crawl) -> date:
    """The day a relative date counts from: the crawl's day, or for an age under a day
    («3 часа назад») the day of the crawl time minus that age."""
    if shown.minutes_ago is not None and crawl.time is not None:
        return (crawl.time - timedelta(minutes=shown.minutes_ago)).date()
    return crawl.day


def _resolve(
    lines, shown: ShownDate | None, crawl: Crawl | None, url: str | None, head: int | None
) -> tuple[str | None, str | None]:
    """``published`` before the check that a date was found."""
    from_url = url_date(url)
    if shown is None:
        return from_url, "url"
    if shown.relative is not None:
        if crawl is not None:
            return resolve_date(shown, _relative_today(shown, crawl)), "byline+crawl"
        value = resolve_date(shown, _page_today(lines, head))
        # "Сегодня, 11:00" with no crawl time and no "today" on the page says no day: the
        # address's date, as for a page that shows none.
        return (value, "byline") if value else (from_url, "url")
    if shown.year is not None:
        return resolve_date(shown), "byline"
    if from_url:
        # the year that puts the day nearest the address's date ("31 декабря" under 2024/01/01)
        address = date.fromisoformat(from_url)
        values = [v for v in (resolve_date(shown, year=address.year + k) for k in (0, -1, 1)) if v]
        nearest = min(((abs((date.fromisoformat(v[:10]) - address).days), v) for v in values), default=None)
        if nearest is not None and nearest[0] > URL_DISAGREES_DAYS:
            # a day and month months away from the address's full date: a list's or the
            # header's ("28 марта" over a story whose address says 2019/09/28; fresh windows set 12)
            return from_url, "url"
        return (nearest[1] if nearest else None), "byline+url"
    if crawl is not None:
        return resolve_date(shown, year=_latest_year(shown, crawl.latest)), "byline+crawl"
    today = _page_today(lines, head)
    if today is not None:
        # The header's "today" bounds the year as a crawl day does: "31 декабря" seen on
        # 2 January is last year's, whatever year the copyright line already shows.
        return resolve_date(shown, year=_latest_year(shown, today)), "byline"
    return resolve_date(shown, year=_page_year(lines)), "byline"


def stems(text: str, shortest: int = STEM_LENGTH - 1) -> set[str]:
    """Crude stems of the words of a text of ``shortest`` letters or more (prefixes: no
    morphology needed for overlap; ``STEM_LENGTH`` leaves out the three-letter function words
    "для", "что", "как")."""
    return {w[:STEM_LENGTH] for w in _WORD.findall(text.lower()) if len(w) >= shortest}


# Self-promotion of an outlet: an invitation to its channels or a greeting that names it in
# quotes ("Все важные новости — в канале «Вестник» в мессенджере", "Подписывайтесь на
# «Вестник» в Дзене", "Здравствуйте! Новости «Вестник».", since the third windows set also in
# straight quotes, or unquoted before its channels: "Подписывайтесь на НСН: Дзен | Telegram",
# or before the channel it invites to: "RADIO•R в Telegram. Подпишись ..."). Searched in each
# sentence of the line, lower-cased.
_PROMO = re.compile(r"(?<![а-яё])(?:канал[а-яё]*|подпис[а-яё]+|следите|читайте нас|мессенджер[а-яё]*|telegram|телеграм[а-яё]*|дзен[а-яё]*|новости «)")


def promo_line(low: str) -> bool:
    """Whether a lower-cased line invites the reader to the outlet's channels or site
    ("Все важные новости — в канале «...» в мессенджере", "Больше новостей на example.ru")."""
    return _PROMO.search(low) is not None or _MORE_NEWS.search(low) is not None


# "Больше новостей на ...", "Ещё больше новостей в ...", "Все новости — на ...".
_MORE_NEWS = re.compile(r"(?:больше|все) (?:новостей|новости|материалов)(?: [-–—])? (?:на|в) ")


def _domain(url: str | None) -> str | None:
    """The host of a page address without ``www.``, e.g. ``tundra-info.ru``; none for an address
    that does not parse ("http://[bad/...": an unclosed IPv6 bracket)."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else host or None
