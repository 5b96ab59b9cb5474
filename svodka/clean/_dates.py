"""Publication dates as pages show them: "28.03.2017 14:05", "4 января 2012, 12:30", "Вчера, 18:40".

Shared by the dump and HTML cleaners. :func:`find_date` reads one short line (a byline, a
date line under a headline) into a :class:`ShownDate` whose parts may be missing (no year,
relative day); :func:`resolve_date` turns it into ISO text against a reference date found on
the same page (a header "today", a copyright year), or gives ``None`` when the page does not
say enough. Nothing here guesses from the clock of the machine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..nlp.dates import MONTH_FORMS, month_number
from ._names import FUNCTION_WORDS

__all__ = [
    "ShownDate", "find_date", "resolve_date", "parse_date", "url_date", "valid_date", "wordy_untimed", "sentence_date",
    "URL_DATE", "SENTENCE_DATE_WORDS", "WEEKDAY",
]

# A weekday's name ("Пятница, 22 ноября 2024", "в среду"): a header clock names it, a meta line
# by the headline seldom does. The one home of the weekday names for the cleaners.
WEEKDAY = re.compile(r"\b(понедельник|вторник|сред[аы]|четверг|пятниц[аы]|суббот[аы]|воскресень[ея])\b", re.I)

# Relative day words and their offsets from the page's "today".
RELATIVE_DAYS = {"сегодня": 0, "вчера": -1, "позавчера": -2}

# How many days back an age counts ("два дня назад", "неделю назад"); hours and minutes are
# today. Number words up to seven: older ages are shown as dates.
AGO_NUMBERS = {
    "один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
}
AGO_UNITS = {"минут": 0, "час": 0, "день": 1, "дня": 1, "дней": 1, "сутки": 1, "суток": 1, "недел": 7}
# Minutes per unit of an age under a day: "3 часа назад" at 00:40 was yesterday.
AGO_MINUTES = {"минут": 1, "час": 60}

# A date in a page address: "/2024/03/15/", "/20240315-", "_2024-03-15" (year first).
URL_DATE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_\-]?(0[1-9]|1[0-2])[/_\-]?(0[1-9]|[12]\d|3[01])(?!\d)")
# A whole path segment written day first, as Russian pages write dates: "/text/11-04-2013/",
# or three whole segments day, month, year: "/politics/22/04/2016/". Only whole segments:
# inside a longer one the digits may be an id.
URL_DATE_DAY_FIRST = re.compile(r"/(0[1-9]|[12]\d|3[01])([-./])(0[1-9]|1[0-2])\2(20\d{2}|19\d{2})(?=/|$)")
# A whole segment day, English month abbreviation, year run together: "/russia/22apr2016/".
URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
URL_DATE_MONTH_WORD = re.compile(rf"/(0?[1-9]|[12]\d|3[01])({'|'.join(URL_MONTHS)})(20\d{{2}}|19\d{{2}})(?=/|$)", re.IGNORECASE)
# Whole segments year, month, day without leading zeros: "/ru/2009/3/3/42190".
URL_DATE_UNPADDED = re.compile(r"/(20\d{2}|19\d{2})/(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?=/|$)")
# An id that opens with a timestamp, date and time run together ("/news/20240516095642697-..."):
# the time after the date (hours, minutes, seconds) says that the digits are a stamp, not a count.
URL_STAMP = re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d[0-5]\d")

# A date in words without a time is a headline's own words when it follows a preposition or
# stands among at least this many other words (see ``sentence_date``).
SENTENCE_DATE_WORDS = 4

# Years outside this range are not publication dates of web news (phone numbers, counters).
YEAR_RANGE = (1995, 2035)

# A month name in any form (the table of the date-mention stage) or an abbreviation, as a
# whole word ("12 маршрутов" is no date); page bylines write "16 янв" without a dot too.
_MONTH_WORD = rf"({MONTH_FORMS}|(?:янв|фев|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)(?![а-яё]))\.?"

# "28.03.2017", "28/03/17", "28-03-2017" (day first, as Russian pages write it).
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
# "2017-03-28" and "2011.11.28" (year first).
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)[-.](\d{1,2})[-.](\d{1,2})(?!\d)")
# "4 января 2012", "16 янв", "17 января 12 (16:49)".
_WORDY = re.compile(r"(?<!\d)(\d{1,2})\s+" + _MONTH_WORD + r"(?:\s*,?\s*((?:19|20)\d\d|\d\d(?![:.\d])))?", re.I)
# A year written right before a day and month: "2009 г., 19 октября", "2016, 12 мая".
_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:г\.|года)?\s*,\s*$", re.I)
# "12:30" or "12:30:05".
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?(?!\d)")
# Any digit: most lines have none and need no date search.
_DIGIT = re.compile(r"\d")
# "Сегодня", "вчера" as whole words.
_RELATIVE = re.compile(r"(?<![а-яё])(сегодня|вчера|позавчера)(?![а-яё])", re.I)
# Words of a line, for counting them around a date.
_LETTERS = re.compile(r"[а-яёa-z]+")
# An age: "3 часа назад", "два дня назад", "неделю назад", "минуту назад".
_AGO = re.compile(
    r"(?<![а-яё\d])(?:(\d{1,2}|" + "|".join(AGO_NUMBERS) + r")\s+)?"
    r"(минут\w*|час\w*|день|дня|дней|сутки|суток|недел\w*)\s+назад(?![а-яё])",
    re.I,
)


@dataclass
class ShownDate:
    """A date as shown on a page; missing parts are ``None``; ``relative`` is a day offset."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    relative: int | None = None  # 0 today, -1 yesterday; day/month/year then unknown
    minutes_ago: int | None = None  # an age under a day ("3 часа назад"): minutes before "now"
    updated: bool = False  # the line says it is the time of an update ("Обновлено: ..."), set by the dump cleaner
    start: int = 0  # where the date text starts and ends in the line
    end: int = 0

    @property
    def complete(self) -> bool:
        """Whether year, month and day are all known."""
        return None not in (self.year, self.month, self.day)


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    if year < 100:
        year += 2000
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def valid_date(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether a day exists ("31.02" does not); without a year, 29 February does."""
    if month is None or day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays valid
    except ValueError:
        return False
    return True


def find_date(line: str) -> ShownDate | None:
    """The first date shown in a line (absolute, partial or relative), with the time next to it.

    Returns:
        a :class:`ShownDate`, or ``None`` when the line shows no date.
    """
    found: ShownDate | None = None
    if _DIGIT.search(line) is not None:
        for m in _ISO.finditer(line):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if valid_date(y, mo, d) and _year(m.group(1)):
                found = ShownDate(y, mo, d, start=m.start(), end=m.end())
                break
        for m in _NUMERIC.finditer(line):
            d, mo, y = int(m.group(1)), int(m.group(3)), _year(m.group(4))
            if y and valid_date(y, mo, d) and (found is None or m.start() < found.start):
                found = ShownDate(y, mo, d, start=m.start(), end=m.end())
                break
        for m in _WORDY.finditer(line):
            d, mo = int(m.group(1)), month_number(m.group(2))
            y, at = _year(m.group(3)), m.start()
            before = _YEAR_BEFORE.search(line, 0, at) if y is None else None
            if before is not None:
                # the year written first ("2009 г., 19 октября, 14:01"; a fresh windows set of issue 16)
                y, at = _year(before.group(1)), before.start()
            if mo and valid_date(y, mo, d) and (found is None or at < found.start):
                found = ShownDate(y, mo, d, start=at, end=m.end())
                break
    if found is None:
        found = _relative(line)
        if found is None:
            return None
    # The time written next to the date (either side, within a few characters).
    for m in _TIME.finditer(line):
        near = m.start() - found.end if m.start() >= found.end else found.start - m.end()
        if 0 <= near <= 12:
            found.hour, found.minute = int(m.group(1)), int(m.group(2))
            found.start, found.end = min(found.start, m.start()), max(found.end, m.end())
            break
    return found


def _relative(line: str) -> ShownDate | None:
    """A relative day ("Вчера") or an age ("два дня назад") as a day offset from the page's today."""
    m = _RELATIVE.search(line)
    if m:
        return ShownDate(relative=RELATIVE_DAYS[m.group(1).lower()], start=m.start(), end=m.end())
    if "назад" not in line.lower():
        return None
    m = _AGO.search(line)
    if not m:
        return None
    count = m.group(1).lower() if m.group(1) else "1"
    n = int(count) if count.isdigit() else AGO_NUMBERS.get(count, 1)
    word = m.group(2).lower()
    unit = next((days for stem, days in AGO_UNITS.items() if word.startswith(stem)), 0)
    minutes = next((n * per for stem, per in AGO_MINUTES.items() if word.startswith(stem)), None)
    return ShownDate(relative=-n * unit, minutes_ago=minutes, start=m.start(), end=m.end())


def url_date(url: str | None) -> str | None:
    """The date written in a page's address path (``/2024/03/15/``, whole segments without
    leading zeros ``/2009/3/3/``, an id opening with a timestamp ``/20240516095642697-...``,
    a whole segment day first: ``/11-04-2013/`` (or three: ``/22/04/2016/``), or day, month abbreviation and year run
    together: ``/22apr2016/``), as ``YYYY-MM-DD``, or None."""
    if not url:
        return None
    from urllib.parse import urlparse

    try:
        path = urlparse(url).path
    except ValueError:  # "http://[bad/2024/01/02/x": an unclosed IPv6 bracket; the path after the host
        rest = url.split("//", 1)[-1].split("?", 1)[0].split("#", 1)[0]
        path = rest[rest.find("/") :] if "/" in rest else ""
    if match := URL_DATE_DAY_FIRST.search(path):
        day, month, year = match.group(1), match.group(3), match.group(4)
    elif match := URL_DATE.search(path) or URL_DATE_UNPADDED.search(path) or URL_STAMP.search(path):
        year, month, day = match.group(1), match.group(2), match.group(3)
    elif match := URL_DATE_MONTH_WORD.search(path):
        day, month, year = match.group(1), str(URL_MONTHS.index(match.group(2).lower()) + 1), match.group(3)
    else:
        return None
    if not valid_date(int(year), int(month), int(day)) or not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        return None
    return f"{year}-{int(month):02d}-{int(day):02d}"


def resolve_date(shown: ShownDate, today: date | None = None, year: int | None = None) -> str | None:
    """ISO text for a shown date: a relative day against ``today``, a missing year from ``year``.

    Args:
        shown: the date as found by :func:`find_date`.
        today: the page's own "today" (a header date), for "Сегодня"/"Вчера".
        year: a year the page implies (header date, copyright line), for "16 янв".

    Returns:
        ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``, or ``None`` when the page does not say enough.
    """
    if shown.relative is not None:
        if today is None:
            return None
        day = today + timedelta(days=shown.relative)
    else:
        y = shown.year or year or (today.year if today else None)
        if y is None or not valid_date(y, shown.month, shown.day):
            return None
        day = date(y, shown.month, shown.day)  # type: ignore[arg-type]
    if shown.hour is not None:
        return f"{day.isoformat()}T{shown.hour:02d}:{shown.minute:02d}"
    return day.isoformat()


def parse_date(text: str, today: date | None = None, year: int | None = None) -> str | None:
    """Find and resolve the first date in ``text`` (see :func:`find_date`, :func:`resolve_date`)."""
    shown = find_date(text)
    return resolve_date(shown, today, year) if shown else None


def wordy_untimed(text: str, shown: ShownDate) -> bool:
    """Whether a date is written with a month word and shown without a time ("8 марта")."""
    return (
        shown.hour is None
        and shown.relative is None
        and any(ch.isalpha() for ch in text[shown.start : shown.end])
    )


def sentence_date(text: str, shown: ShownDate) -> bool:
    """Whether a date belongs to the sentence of a headline, not to a date line: written in
    words without a time, and after a preposition ("С 1 апреля в Заречном подорожает проезд")
    or, without a year, among at least ``SENTENCE_DATE_WORDS`` longer words ("8 марта в
    Заречном пройдёт праздничный концерт"). "Анна Петрова, 8 марта", "Пятница, 15 марта 2024"
    and a byline with place and year ("Анна Петрова, Заречный, 28 ноября 2011 г.") stay date lines."""
    if not wordy_untimed(text, shown):
        return False
    before = _LETTERS.findall(text[: shown.start].lower())
    if before and before[-1] in FUNCTION_WORDS:
        return True
    if shown.year is not None:
        return False
    rest = _LETTERS.findall((text[: shown.start] + " " + text[shown.end :]).lower())
    return sum(len(w) >= 3 for w in rest) >= SENTENCE_DATE_WORDS
