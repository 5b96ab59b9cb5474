"""Clean a flattened crawler dump (one text line per block, blank lines between) into an Article.

A dump holds the article somewhere among page chrome: menus, feeds, teasers, counters,
banners, share prompts, footers and reader comments. The cleaner works in four steps, all on
cheap per-line features (no models, a few precompiled regexes per line):

1. **Classify lines.** Each line gets a kind: ``body`` (a sentence-like line: enough words, a
   sentence ending or many words with commas, mostly Cyrillic, not a link list, not code, no
   chrome vocabulary), ``weak`` (a short sentence or a list item, body only inside the article
   block) or ``chrome`` (everything else; ``hard`` chrome for comment headers, feed items with
   times, legal lines and the like).
2. **Find the article block.** Lines score positive (body, by length) or negative (chrome);
   the best block is the maximum-sum run of lines, so in-text "Читайте также" links or a
   caption between paragraphs are bridged, while feeds and comment threads separated from the
   article by menus and headers are not. A block headed by a plausible headline gets a bonus.
3. **Find the headline** as the nearest plausible heading line (3-25 words, no final period,
   not chrome, not a date) before the block, skipping dates, bylines and counters; a deck
   under the headline (a heading line after the date line) is passed over as the headline,
   and joins the text when it stands right above it and retells the headline or the lead.
4. **Read the metadata near the article**: a view counter and a publication date only from the
   lines around the headline and the block edges (never from a header clock, a feed or a
   comment); a relative date ("Вчера, 18:40") only against the crawl time or a full date shown
   at the top of the page (``_dumpmeta``). A short outlet line at the top (or a signature under the text) is the source.

Every line that is neither headline nor body goes to ``Article.boilerplate`` in page order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from ..model import Article
from ._chrome import AD_LABEL, CHROME_PHRASES, CHROME_START, COMMENT_HEADER, FOOTER_PHRASES, NAV_WORDS, STOP_LABEL, comment_genre, is_banner
from ._counters import bare_count, view_count
from ._dumpmeta import CAPS_SAMPLE_WORDS, Crawl, caps_share, stems, crawl_clock, date_line, promo_line, published, site_name
from ._dates import SENTENCE_DATE_WORDS, ShownDate, find_date, sentence_date, wordy_untimed

__all__ = ["clean_dump", "clean_dump_batch"]

# Words a headline may have (fewer is a label, more is a paragraph).
TITLE_WORDS = (3, 25)

# How many lines before the article block the headline may be (dates, bylines, share buttons
# and tabs sit between; measured: at most 8 on the dev pages, portals included).
TITLE_WINDOW = 12

# How many lines after the block a date, byline or counter still belongs to the article.
AFTER_WINDOW = 8

# A date line after the text may hold this many other words (a byline: name, place).
AFTER_MAX_WORDS = 4

# The first lines of a page are its header: a date there is the header clock, not a byline.
HEADER_LINES = 3

# A sentence-like line needs this many words to count as body on its own; shorter sentences
# (promos, captions, comment one-liners, but also short paragraphs) only count inside a block.
BODY_MIN_WORDS = 10

# Lines this long count as body even without a final punctuation mark (quotes, cut endings).
BODY_LONG_WORDS = 20

# Share of capitalised words above which a line of 4+ words is a link list ("Политика Экономика").
LINK_CAPS_SHARE = 0.6

# Share of Cyrillic among the non-space characters a body line must reach (code, English ads).
MIN_CYRILLIC_SHARE = 0.45

# Characters of a line read for the Cyrillic share and chrome phrases: enough to judge a
# paragraph, and it keeps the cost per line flat on pages with very long lines.
SAMPLE_CHARS = 400


# Scores for the block search: a body line earns per word, chrome costs a fixed amount.
WORD_SCORE = 1 / 8
BODY_BASE = 1.0
WEAK_SCORE = 0.3
CHROME_COST = -1.0
HARD_CHROME_COST = -3.0

# Bonus for a block that has a plausible headline just before it, plus a bonus per share of
# the headline's word stems found in the block's first paragraphs (headlines retell the lead).
TITLE_BONUS = 1.5
TITLE_OVERLAP_BONUS = 4.0


# Weights for choosing the headline among candidates: a date line next to it, stems shared
# with the lead (up to 5), and distance in lines from the block.
TITLE_DATE_WEIGHT = 1.0
TITLE_SHARED_WEIGHT = 0.4
TITLE_DISTANCE_WEIGHT = 0.15
# Headlines longer than this many words are more likely decks or teaser leads.
TITLE_LONG_WORDS = 15
TITLE_LONG_WEIGHT = 0.1

# Bonus for a block whose headline has a date line next to it (articles show their date by
# the headline; teaser lists and comment threads seldom do).
DATE_BONUS = 3.0

# Each further line of an unbroken run of chrome costs this much more (a share of its cost):
# a caption or a "read also" link between paragraphs is bridged, a long run of menus, share
# buttons and "see also" lists ends the article.
RUN_ESCALATION = 0.5

# A headline farther than TITLE_WINDOW above the text is searched this far back, and must
# share this share of its word stems with the lead.
DISTANT_TITLE_WINDOW = 80
DISTANT_TITLE_SHARE = 0.5

# A block with no headline before it keeps this share of its score (feeds, comment threads).
NO_TITLE_FACTOR = 0.3

# Teaser lists (headline, lead, headline, lead...): a lead between two headlines in a chain
# of at least LIST_CHAIN such leads keeps this share of its score.
LIST_CHAIN = 3
LIST_WINDOW = 8  # lines either side searched for the rest of the chain
LIST_FACTOR = 0.2

# Extra cost of a heading-like line inside a run (teaser lists alternate headline and lead).
HEADING_COST = -0.5

# A line repeated in at least this share of the documents of a batch is site chrome.
BATCH_REPEAT_SHARE = 0.5
# ... and in at least this many documents (two copies of one story are not a template).
BATCH_REPEAT_MIN = 3

# A line of this many words ending like a sentence is prose, whatever word it starts with.
PROSE_MIN_WORDS = 15

# A run of this many chrome lines that holds a stop label cuts the block.
STOP_RUN = 3

# A comment head ("Ольга, 2 дня назад") has at most this many words, and a page holding at
# least this many such lines has a comment thread (one alone may be the byline).
USER_LINE_WORDS = 5
USER_LINES_MIN = 2

# A line showing a relative date without digits ("Вчера", "два дня назад") holds at most this
# many other words (a user name, "в", "обновлено").
RELATIVE_MAX_REST = 2

# A time at the start of a line ("19:23 Заголовок ...") marks a feed item.
_TIME_START = re.compile(r"^\s*\[?\d{1,2}:\d\d(?:\]|\s)")

# A line of at least this many words may hold chrome sentences glued to the article, and a
# glued chrome sentence has at most this many words.
GLUED_MIN_WORDS = 40
GLUED_MAX_CHROME_WORDS = 30
# A sentence end followed by a capital: where a glued line is split.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"]?[А-ЯЁA-Z])")

# A list bullet standing alone on its line: the marker of a teaser list's item (a feed of the
# author's or the rubric's other news under the text), never part of a paragraph (third
# windows set of issue 16).
_BARE_BULLET = re.compile(r"^[-–—•·*]$")

# Raw HTML or code shown as text ("код для блога").
_CODE = re.compile(r"</?[a-z][a-z0-9]*[\s>]|[{};]\s*$|=\s*\"")

# Cyrillic letters, for the Cyrillic share; everything but word characters and spaces.
_NOT_CYRILLIC = re.compile(r"[^а-яёА-ЯЁ]+")
_SPACES = re.compile(r"\s+")
# Line breaks of any platform: "\n", "\r\n", a bare "\r" (old Mac exports) and the Unicode
# line and paragraph separators (a bare "\r" kept the whole dump on one line).
_LINE_BREAK = re.compile("\r\n?|\n|\u2028|\u2029")
_DIGIT = re.compile(r"\d")
# A sentence boundary inside a line: prose, not a headline.
_SENTENCE_BREAK = re.compile(r"[а-яё]{2}[.!?] [А-ЯЁ]")
_WORD = re.compile(r"[а-яёa-z]+")

# A word of the comments label ("комментарии", "комментариев", "коментарии"): at a word's start,
# so the verb "прокомментировал" in a headline is no label.
_COMMENT_WORD = re.compile(r"(?<![а-яё])комм?ент")

# Closing quotes and brackets that may follow a sentence end.
_CLOSERS = "\"'»”’)]*"



# A count of the channel's audience or reactions ("72 001 подписчик", "1,2 тыс. читателей"): a
# counter of a blog platform's channel header, never a headline.
_AUDIENCE_COUNT = re.compile(r"(?i)^[\d\s.,]+(?:тыс\.?|млн\.?|k|к)?\s*(?:подписчик|читател|просмотр|лайк|реакци|оценк|отзыв|комментари)\w*$")

# A photo credit: a line carrying one is a caption, never the headline, even when it
# repeats the headline's words ("... жвачку. Фото с сайта example.ru").
_PHOTO_CREDIT = re.compile(r"(?i)(?:^|[\s.(])(?:фото|photo|иллюстрация|кадр)(?:\s*[:\-–—©]|\s+(?:с сайта|из|предоставлено|автора))")

# A caption ending with its photo credit, a photographer's name and the agency after a slash
# ("... и другие новости. Paulius Peleckis/BNS", "... на месте взрыва. Сергей Бобылев/ТАСС"):
# a paragraph ends like a sentence, not with a credit.
_CAPTION_CREDIT = re.compile(r"(?:^|[.!?]\s+)[A-ZА-ЯЁ][\w'-]+ [A-ZА-ЯЁ][\w'-]+ ?/ ?[A-ZА-ЯЁ][\w.-]*[A-ZА-ЯЁ]\s*$")


@dataclass(slots=True)
class _Line:
    """One non-empty dump line with the features the cleaner uses."""

    text: str
    words: int
    kind: str  # "body" | "weak" | "chrome" | "hard"
    heading: bool  # could be a headline
    sentence_end: bool
    dated: bool  # shows a date or time
    stop: bool = False  # a label opening related links or comments
    score: float = 0.0
    user: bool = False  # a user name with a time: the head of a reader comment (or a byline)


def _ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (closing quotes and brackets skipped)."""
    tail = text.rstrip(_CLOSERS + " ")
    return bool(tail) and tail[-1] in ".!?…;"


def _chrome_phrase(low: str, words: int, prose: bool = False) -> bool:
    """Whether a lower-cased line holds a chrome phrase (a short line naming comments counts).

    In prose (a long sentence) a web address is part of the text, not a link line.
    """
    sample = low[:SAMPLE_CHARS]
    if any(phrase in sample for phrase in (FOOTER_PHRASES if prose else CHROME_PHRASES)):
        return True
    if prose and is_banner(sample, prose):
        return True
    if "ссылк" in sample and "обязательн" in sample:
        return True  # "ссылка на ... обязательна"
    # A short line naming comments ("Комментарии 5", "Все комментарии"), not a headline with
    # the verb ("Мэр прокомментировал ситуацию с водой"): the word starts with "коммент".
    return words <= 8 and _COMMENT_WORD.search(sample) is not None


def _comment_header(low: str) -> bool:
    """A line that heads a reader comment ("#3 Имя 05.01.12", "(id: 123)", "Ответить")."""
    return "(id:" in low or bool(COMMENT_HEADER.match(low))


def _has_date(text: str, words: int) -> bool:
    """Cheap test that a line shows a date or a time (no full parse).

    "Сегодня", "вчера" and ages ("два дня назад") count only in lines that are the date and at
    most a name: in headlines and prose they are words, not dates; so is a date in words that
    belongs to a headline's sentence (``_dates.sentence_date``). Lines longer than a headline
    are never date lines, so they are not searched (speed).
    """
    if words > TITLE_WORDS[1]:
        return False
    if _DIGIT.search(text) is not None:
        if _TIME_START.match(text) is not None or re.search(r"\d:\d\d", text):
            return True
        shown = find_date(text)
        return shown is not None and not sentence_date(text, shown)
    if words > 8:
        return False
    low = text.lower()
    if not ("сегодня" in low or "вчера" in low or "назад" in low):
        return False
    # A relative date line is the date and little else ("Вчера", "Ольга, два дня назад"); a
    # headline holding the word is no date line ("Вчера Заречный остался без света",
    # "Десять лет назад ..."): a dated line is never taken for a headline.
    shown = find_date(text)
    if shown is None:
        return False
    return len(_WORD.findall((text[: shown.start] + " " + text[shown.end :]).lower())) <= RELATIVE_MAX_REST


def _cyrillic_share(text: str) -> float:
    """Share of Cyrillic letters among the non-space characters of a line's start (speed)."""
    head = text[:SAMPLE_CHARS]
    compact = len(head) - head.count(" ")
    return len(_NOT_CYRILLIC.sub("", head)) / compact if compact else 0.0


def _chrome_vocabulary(low: str, words: int, sentence_end: bool) -> bool:
    """Whether a lower-cased line opens with or holds chrome words.

    A long sentence is prose even when it opens with a chrome word ("Реклама алкоголя
    запрещена ...", "Вернуться к переговорам ...") or names a web address: only the footer
    phrases mark it.
    """
    prose = words >= PROSE_MIN_WORDS and sentence_end
    if comment_genre(low):
        # "Комментарий мэра по уборке снега": a headline, not the comments label; only the
        # chrome phrases (a footer, a banner) still mark it.
        return any(phrase in low[:SAMPLE_CHARS] for phrase in (FOOTER_PHRASES if prose else CHROME_PHRASES))
    return (not prose and bool(CHROME_START.match(low))) or _chrome_phrase(low, words, prose)


def _shows_code(text: str) -> bool:
    """Whether a line is raw HTML or code shown as text."""
    return ("<" in text or "{" in text) and bool(_CODE.search(text))


def _separators(text: str) -> int:
    """How many menu separators ("|", " » ", " / ", " • ") a line holds."""
    return text.count("|") + text.count(" » ") + text.count(" / ") + text.count(" • ")


def _link_list(tokens: list[str], sentence_end: bool, separators: int) -> bool:
    """Whether a line is a list of links: mostly capitalised words, or menu separators.

    A line in capitals says nothing by its capitals: a headline set in capitals ("ВЛАСТИ
    ЗАРЕЧНОГО ОТКРЫЛИ БИБЛИОТЕКУ") is no menu; it is one when most of its words are
    navigation labels ("НОВОСТИ ПОЛИТИКА ЭКОНОМИКА СПОРТ").
    """
    n = len(tokens)
    if separators >= 2:
        return True
    if n < 4 or sentence_end:
        return False
    if " ".join(tokens[:CAPS_SAMPLE_WORDS]).isupper():
        return 2 * sum(t.lower().strip(",.") in NAV_WORDS for t in tokens) >= n
    return caps_share(tokens) > LINK_CAPS_SHARE


def _prose_kind(text: str, words: int, dated: bool, sentence_end: bool) -> str:
    """Kind of a line by its sentence shape alone: ``body``, ``weak`` or ``chrome``."""
    if words >= BODY_MIN_WORDS and sentence_end:
        return "body"
    if words >= BODY_LONG_WORDS and ("," in text or _SENTENCE_BREAK.search(text)):
        return "body"
    if not dated and (words >= 3 and sentence_end or (text[:1] in "-–—•*" and words >= 3)):
        return "weak"
    return "chrome"


def _line_kind(text: str, words: int, dated: bool, sentence_end: bool, *, hard: bool, chrome_vocab: bool, foreign: bool) -> str:
    """Kind of a line: chrome by its flags first (``hard`` for the sure signs), then by its shape."""
    if hard:
        return "hard"
    if chrome_vocab:
        return "hard" if words >= 6 else "chrome"
    if dated and 4 <= words <= TITLE_WORDS[1] and not sentence_end:
        return "hard"  # a feed item: "19:23 Headline", "Headline 05/04, 12:30"
    if foreign:
        return "chrome"
    return _prose_kind(text, words, dated, sentence_end)


def _heading_words(text: str, words: int, dated: bool) -> int:
    """Words of a line read as a headline: a date run on at its end does not count; a date in
    words is part of a headline of at least ``SENTENCE_DATE_WORDS`` other words
    ("Библиотеку в Заречном откроют 15 марта"), shorter lines are bylines and date lines."""
    if not dated:
        return words
    # A headline may carry its own date run on at the end ("Заголовок 04.01.12 12:26").
    stripped, shown = _strip_date(text)
    if shown:
        return len(stripped.split())
    shown = find_date(text)
    if shown is not None and wordy_untimed(text, shown):
        other = len((text[: shown.start] + " " + text[shown.end :]).split())
        return other if other >= SENTENCE_DATE_WORDS else 0
    return 0


def _heading_shape(text: str, words: int, dated: bool, sentence_end: bool, separators: int) -> bool:
    """Whether a line is shaped like a headline: its length, its first letter and its ending."""
    first = text[:1]
    starts_ok = first.isupper() or first.isdigit() or first in "«\"„“'(-–—•*"
    return (
        TITLE_WORDS[0] <= _heading_words(text, words, dated) <= TITLE_WORDS[1]
        and not (separators and words <= 8 and not _bar_suffix(text, separators))
        and starts_ok
        and first not in "-–—•*("
        and not (sentence_end and text.rstrip(_CLOSERS + " ")[-1:] in ".;")
        and not _TIME_START.match(text)
        and not text.endswith(":")
        and _PHOTO_CREDIT.search(text) is None
        and _AUDIENCE_COUNT.match(text) is None
    )


def _bar_suffix(text: str, separators: int) -> bool:
    """A headline followed by its series' or outlet's name after one bar ("Провал переговоров |
    Заречье Live"): a headline of at least ``TITLE_WORDS[0]`` words before it, not a menu
    ("Новости | Спорт" has one word on each side)."""
    return separators == 1 and " | " in text and len(text.split(" | ", 1)[0].split()) >= TITLE_WORDS[0]


def _line_score(kind: str, words: int, heading: bool) -> float:
    """A line's score for the block search: body earns by its words, chrome costs."""
    if kind == "body":
        score = BODY_BASE + min(words, 120) * WORD_SCORE
    elif kind == "weak":
        score = WEAK_SCORE
    elif kind == "hard":
        score = HARD_CHROME_COST
    else:
        score = CHROME_COST
    if heading and kind != "body":
        score += HEADING_COST
    return score


def _classify(text: str, repeated: bool) -> _Line:
    """Features and kind of one line."""
    tokens = text.split()
    n = len(tokens)
    low = text.lower()
    dated = _has_date(text, n)
    sentence_end = _ends_sentence(text)
    cyrillic = _cyrillic_share(text) >= MIN_CYRILLIC_SHARE
    chrome_vocab = _chrome_vocabulary(low, n, sentence_end)
    code = _shows_code(text)
    separators = _separators(text)
    if _bar_suffix(text, separators):
        # "Заголовок | Заречье Live": the headline before the bar is judged, and a lower-case
        # word in it (a preposition, a verb) makes it a phrase, not a row of menu links.
        left = text.split(" | ", 1)[0].split()
        linky = not any(t[:1].islower() for t in left) and _link_list(left, sentence_end, 0)
    else:
        linky = _link_list(tokens, sentence_end, separators)
    comment = _comment_header(low)
    kind = _line_kind(
        text, n, dated, sentence_end,
        hard=repeated or code or comment or _BARE_BULLET.match(text) is not None, chrome_vocab=chrome_vocab,
        foreign=not cyrillic or linky or (not sentence_end and _CAPTION_CREDIT.search(text) is not None),
    )
    heading = (
        not (chrome_vocab or code or comment or linky)
        and cyrillic
        and _heading_shape(text, n, dated, sentence_end, separators)
    )
    line = _Line(text, n, kind, heading, sentence_end, dated, stop=bool(STOP_LABEL.match(low)) and n <= 6)
    line.score = _line_score(kind, n, heading)
    line.user = dated and n <= USER_LINE_WORDS and not sentence_end and _user_line(text)
    return line


def _user_line(text: str) -> bool:
    """A name and a time or age, nothing else: "Сергей_77 3 часа назад", "Ольга 28.03.2017 15:10".

    A place and a date in words without a time ("Заречный, 14 марта") is a dateline: a digest
    of news from several places has several, and they do not end the article.
    """
    shown = find_date(text)
    if shown is None or wordy_untimed(text, shown):
        return False
    rest = (text[: shown.start] + " " + text[shown.end :]).replace(",", " ").replace("·", " ").split()
    return 1 <= len(rest) <= 2 and rest[0][:1].isalpha()


def _strip_date(text: str) -> tuple[str, ShownDate | None]:
    """A headline without a date/time run on at its end ("Заголовок 04.01.12 12:26")."""
    shown = find_date(text) if _DIGIT.search(text, max(0, len(text) - 20)) is not None else None
    if shown and wordy_untimed(text, shown):
        return text, None  # "... откроют 15 марта": the headline's own words, not a run-on date
    if shown and shown.start > 0 and len(text) - shown.end <= 2 and shown.start >= len(text) // 2:
        # "(20.09.2023 07:21)" in brackets after the headline: the opening bracket goes too.
        return text[: shown.start].rstrip(" ,|-–—/([").rstrip(), shown
    return text, None


def _segments(lines: list[_Line]) -> list[tuple[int, int, float]]:
    """Maximal positive-sum runs of lines (Kadane with restarts): (start, end inclusive, sum).

    The k-th line of an unbroken run of chrome costs ``1 + RUN_ESCALATION * (k - 1)`` times
    its own cost, so long stretches of chrome separate blocks.
    """
    out: list[tuple[int, int, float]] = []
    best_sum, best_start, best_end = 0.0, -1, -1
    run_sum, run_start = 0.0, 0
    chrome_run = 0
    cuts = _cuts(lines)
    for i, line in enumerate(lines):
        score = line.score
        if line.kind in ("chrome", "hard"):
            chrome_run += 1
            score *= 1 + RUN_ESCALATION * (chrome_run - 1)
        elif line.kind == "body":
            chrome_run = 0
        if i in cuts:
            score = -1e9
        if run_sum <= 0:
            if best_end >= 0:
                out.append((best_start, best_end, best_sum))
            run_sum, run_start = 0.0, i
            best_sum, best_start, best_end = 0.0, -1, -1
        run_sum += score
        if run_sum > best_sum:
            best_sum, best_start, best_end = run_sum, run_start, i
    if best_end >= 0:
        out.append((best_start, best_end, best_sum))
    return out


def _overlap(title: str, text: str) -> float:
    """Share of a headline's stems that occur in a text."""
    title_stems = stems(title)
    return len(title_stems & stems(text)) / len(title_stems) if title_stems else 0.0


def _cuts(lines: list[_Line]) -> set[int]:
    """Lines that end any block: stop labels inside a run of ``STOP_RUN`` or more non-body lines,
    and the heads of reader comments (a name and a time) when there are several of them: a
    thread without its "Комментарии" label still never joins the article (issue 16)."""
    users = [i for i, line in enumerate(lines) if line.user]
    cuts: set[int] = set(users) if len(users) >= USER_LINES_MIN else set()
    i, n = 0, len(lines)
    while i < n:
        if lines[i].kind == "body":
            i += 1
            continue
        j = i
        while j < n and lines[j].kind != "body":
            j += 1
        if j - i >= STOP_RUN:
            cuts.update(k for k in range(i, j) if lines[k].stop)
        i = j
    return cuts


def _mark_lists(lines: list[_Line]) -> None:
    """Demote teaser lists: body lines each between two heading lines, three or more in a row."""
    n = len(lines)
    sandwiched = [
        0 < i < n - 1
        and line.kind == "body"
        and lines[i - 1].heading
        and (lines[i + 1].heading or lines[i + 1].dated and lines[i + 1].kind != "body")
        for i, line in enumerate(lines)
    ]
    for i, flag in enumerate(sandwiched):
        if flag and sum(sandwiched[max(0, i - LIST_WINDOW) : i + LIST_WINDOW + 1]) >= LIST_CHAIN:
            lines[i].score *= LIST_FACTOR


def _find_title(lines: list[_Line], start: int) -> int | None:
    """Index of the headline before the block starting at ``start``, or None.

    Candidates are heading-like lines up to ``TITLE_WINDOW`` lines back. The nearest wins
    unless an earlier one has a date line next to it (headlines sit by their date; decks and
    captions seldom do) or shares more words with the lead.
    """
    lo = max(0, start - TITLE_WINDOW)
    candidates = [i for i in range(start - 1, lo - 1, -1) if lines[i].heading and lines[i].kind != "body"]
    if not candidates:
        return None
    lead = " ".join(line.text for line in lines[start : start + 3])
    lead_stems = stems(lead)
    first = _WORD.findall(lines[start].text.lower())
    best, best_score = None, float("-inf")
    for i in candidates:
        words = _WORD.findall(lines[i].text.lower())
        if len(words) >= 5 and first[: len(words) - 1] == words[:-1]:
            continue  # a truncated copy of the lead (embed preview, teaser), not a headline
        shared = len(stems(lines[i].text) & lead_stems)
        dated = any(
            0 <= j < len(lines) and date_line(lines[j]) is not None for j in (i - 1, i + 1)
        ) or _strip_date(lines[i].text)[1] is not None
        score = (
            TITLE_DATE_WEIGHT * dated
            + TITLE_SHARED_WEIGHT * min(shared, 5)
            - TITLE_DISTANCE_WEIGHT * (start - i)
            - TITLE_LONG_WEIGHT * max(0, lines[i].words - TITLE_LONG_WORDS)
        )
        if score > best_score:
            best, best_score = i, score
    if best is not None and best - 1 in candidates and _deck_of(lines[best - 1], lines[best]):
        best -= 1  # "СКА обыграл ЦСКА" over "Петербургский СКА в гостях обыграл ЦСКА ...": its deck
    return best


# A deck (standfirst) under the headline has at least this many words: a label is shorter.
DECK_MIN_WORDS = 5


def _deck_of(title: _Line, line: _Line) -> bool:
    """Whether ``line`` is the deck of the headline ``title``: a longer heading line right under
    it that retells all of its word stems ("СКА обыграл ЦСКА" over "Петербургский СКА в гостях
    обыграл ЦСКА в матче ..."): news pages print a short headline over a standfirst."""
    title_stems = stems(title.text)
    return bool(title_stems) and line.words > title.words and title_stems <= stems(line.text)


def _deck(lines: list[_Line], title: int, start: int) -> int | None:
    """The deck between the headline and the text: the heading line right above the text (no
    date, no chrome), of at least ``DECK_MIN_WORDS`` words, that retells the headline (half the
    headline's stems are in it) or the lead (half its own stems are in the lead). It is the
    article's standfirst and belongs to the text, though it has no final stop."""
    i = start - 1
    if i <= title:
        return None
    line = lines[i]
    if not line.heading or line.kind == "body" or line.dated or line.stop or line.words < DECK_MIN_WORDS:
        return None
    lead = " ".join(lines[j].text for j in range(start, min(len(lines), start + 4)))
    if max(_overlap(lines[title].text, line.text), _overlap(line.text, lead)) < DISTANT_TITLE_SHARE:
        return None
    return i


def _distant_title(lines: list[_Line], start: int) -> int | None:
    """A headline far above the text (a gallery, a "listen" player or a banner in between):
    the heading line before the block that the lead is most about, when it is about it at all.

    A headline is what the first sentences are about, wherever the layout puts it: its words
    come back in the lead. A line that comes back elsewhere too (a news list repeats teasers)
    is not taken.
    """
    lead = " ".join(line.text for line in lines[start : start + 2])
    counts = Counter(line.text for line in lines)
    best, best_share = None, DISTANT_TITLE_SHARE
    for i in range(max(0, start - DISTANT_TITLE_WINDOW), start):
        line = lines[i]
        if not line.heading or line.kind == "body" or counts[line.text] > 1:
            continue
        share = _overlap(line.text, lead)
        if share >= best_share:
            best, best_share = i, share
    return best


def _lead_above(lines: list[_Line], title: int, start: int) -> list[int]:
    """The lead set between the headline and the picture that opens the text: body lines
    between them, when everything else there is the picture's block (a copy of the headline as
    its caption, a credit "Коллаж: ...", a subheading), never a feed or a widget (hard chrome)."""
    lead = [i for i in range(title + 1, start) if lines[i].kind == "body"]
    if not lead:
        return []
    others = [i for i in range(lead[0] + 1, start) if i not in lead]
    if any(lines[i].kind == "hard" or lines[i].stop for i in others):
        return []
    return lead


# A headline after the text is searched this many lines below it.
TITLE_AFTER_LINES = 2


def _title_after(lines: list[_Line], start: int, end: int) -> int | None:
    """A headline the crawl puts after the text (a lead set above the headline, a sticky
    header flattened last, a window that opens mid-page): with no headline before the text,
    a heading line right under it that retells the lead (``DISTANT_TITLE_SHARE`` of its stems)
    and occurs once on the page."""
    lead = " ".join(line.text for line in lines[start : start + 2])
    counts = Counter(line.text for line in lines)
    for i in range(end + 1, min(len(lines), end + 1 + TITLE_AFTER_LINES)):
        line = lines[i]
        if line.heading and line.kind != "body" and counts[line.text] == 1 and _overlap(line.text, lead) >= DISTANT_TITLE_SHARE:
            return i
    return None


def _classify_lines(texts: list[str], repeated: set[str] | frozenset[str]) -> list[_Line]:
    """Classify the lines of one dump, then demote ads, bare-label teasers and teaser lists."""
    lines = [_classify(t, t in repeated) for t in texts]
    for prev, line in zip(lines, lines[1:]):
        if AD_LABEL.match(prev.text.lower()):
            line.kind, line.score = "hard", HARD_CHROME_COST  # an inline advertisement
        elif prev.stop and prev.words <= 4 and line.kind in ("body", "weak"):
            line.kind, line.score = "chrome", CHROME_COST  # the teaser under a bare "Читайте также"
    _mark_widget(lines)
    _mark_lists(lines)
    return lines


# The heading of a comments widget ("Свежие комментарии"): readers' comments on other posts
# follow it up to the next headline.
_COMMENTS_WIDGET = re.compile(r"^(?:свежие|последние|новые|лучшие) комментари\w*$")

# The widget holds at most this many lines.
WIDGET_LINES = 12


def _mark_widget(lines: list[_Line]) -> None:
    """Demote a comments widget: the lines after its heading up to the next headline (a blog
    platform shows the channel's fresh comments above the post; third windows set of issue 16)."""
    for i, line in enumerate(lines):
        if _COMMENTS_WIDGET.match(line.text.lower()):
            for j in range(i + 1, min(len(lines), i + 1 + WIDGET_LINES)):
                if lines[j].heading:
                    break
                lines[j].kind, lines[j].score = "hard", HARD_CHROME_COST


def _block_value(lines: list[_Line], start: int, end: int, total: float) -> tuple[float, int | None]:
    """A block's value and its headline: the full sum and bonuses with a headline, a share without."""
    title = _find_title(lines, start)
    if title is None:
        return total * NO_TITLE_FACTOR, None
    lead = " ".join(lines[i].text for i in range(start, min(end + 1, start + 4)))
    value = total + (TITLE_BONUS + TITLE_OVERLAP_BONUS * _overlap(lines[title].text, lead))
    if any(date_line(lines[i]) for i in range(max(0, title - 2), start)) or _strip_date(lines[title].text)[1]:
        value += DATE_BONUS
    return value, title


def _best_block(lines: list[_Line]) -> tuple[int, int, int | None] | None:
    """The article block (start, end inclusive, headline index): the maximum-sum run, with a
    bonus when a headline stands right before it; None when no run scores above zero."""
    best: tuple[float, int, int, int | None] | None = None
    segments = _segments(lines)
    top = max((total for _, _, total in segments), default=0.0)
    for start, end, total in segments:
        if total * (1 + NO_TITLE_FACTOR) + TITLE_BONUS + TITLE_OVERLAP_BONUS + DATE_BONUS < top * NO_TITLE_FACTOR:
            continue  # cannot win even with every bonus (speed on pages with many small runs)
        value, title = _block_value(lines, start, end, total)
        if best is None or value > best[0]:
            best = (value, start, end, title)
    return None if best is None else best[1:]


def _block_body(lines: list[_Line], start: int, end: int) -> list[int]:
    """The body and weak lines of a block, without weak non-sentences at its edges.

    Short lines next to the article are mostly captions, credits and signatures.
    """
    body = [i for i in range(start, end + 1) if lines[i].kind in ("body", "weak")]
    while body and lines[body[0]].kind == "weak" and not lines[body[0]].sentence_end:
        body.pop(0)
    while body and lines[body[-1]].kind == "weak" and not lines[body[-1]].sentence_end:
        body.pop()
    return body


# A web address in a line ("nabchelny-news.ru"): a link or a promo, not a paragraph's cut end.
_WEB_ADDRESS = re.compile(r"[a-z0-9-]+\.(?:ru|com|net|org|info|news|su|ua|by|kz|uz|kg|md|lv|lt|ee|am|az|ge|рф)(?![a-z])")

# A paragraph cut off at the end of the crawl text has at least this many words.
CUT_MIN_WORDS = 3


def _cut_paragraph(line: _Line) -> bool:
    """Whether the dump's last line, right under the text, is its last paragraph cut off (a
    window or a crawl that ends mid-sentence: "... выставку, которая будет открыта с",
    "Иванов: — Само"): Cyrillic words with no sign of chrome (no chrome words, date, list
    label, bullet, menu row, code, promo or web address), though no final stop ends it."""
    text = line.text
    low = text.lower()
    return (
        line.words >= CUT_MIN_WORDS
        and not (line.dated or line.stop or line.kind == "hard")
        and _cyrillic_share(text) >= MIN_CYRILLIC_SHARE
        and not _chrome_vocabulary(low, line.words, line.sentence_end)
        and not promo_line(low)
        and _WEB_ADDRESS.search(low) is None
        and not _link_list(text.split(), line.sentence_end, _separators(text))
        and _PHOTO_CREDIT.search(text) is None
        and _CAPTION_CREDIT.search(text) is None
    )


def _lines_after(lines: list[_Line], end: int) -> list[int]:
    """Lines after the body that still belong to the article (up to comments or related lists)."""
    after = []
    for i in range(end + 1, min(len(lines), end + 1 + AFTER_WINDOW)):
        if lines[i].stop or _comment_header(lines[i].text.lower()) or _BARE_BULLET.match(lines[i].text):
            break  # comments and related lists (a bare bullet marks an item) carry dates of their own
        after.append(i)
    return after


def _near_metadata(
    lines: list[_Line], head: int, start: int, end: int, shown: ShownDate | None
) -> tuple[int | None, ShownDate | None]:
    """The view counter and the shown date (unless ``shown`` is known) from the metadata window:
    just before the headline ``head`` to a few lines after the body ``start..end``. An update's
    date ("Обновлено: ...") is taken only when no publication date is shown."""
    views: int | None = None
    if head < 0:
        return views, shown
    # Above the headline, but not the page's first lines (the header clock sits there) unless
    # the line right above the headline is a meta line: a full date with its time
    # ("16.09.2025, 16:35", "12:32, 12 мая 2024 Вс") is the article's, a header clock shows
    # the day alone (windows set of issue 16: crawl text that opens at the article).
    before = [i for i in range(max(HEADER_LINES, head - 3), head) if not lines[i].heading]
    if 0 < head <= HEADER_LINES and _timed_date(lines[head - 1]):
        before.append(head - 1)
    between = list(range(head + 1, start)) if start > head else []
    after = _lines_after(lines, end)
    feed = _feed_after(lines, after)
    for group in (between, after, before[::-1]):
        for i in group:
            # After the text, the dates of a feed's items are not the article's.
            if (shown is None or shown.updated) and not (group is after and feed):
                # After the text a dated headline is a feed item: fewer other words allowed.
                found = date_line(lines[i], AFTER_MAX_WORDS if group is after else 8)
                if found is not None and (shown is None or not found.updated):
                    shown = found  # a publication date wins over an update's
            if views is None and lines[i].words <= 12:
                views = view_count(lines[i].text) or _meta_count(lines[i])
    if views is None and after and after[0] == end + 1:
        views = _count_under_text(lines, end + 1)
    return views, shown


# A number alone on its line: "791", "12 408".
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:[\s\u00a0\u202f]\d{3})+$|^\d{2,}$")


def _count_under_text(lines: list[_Line], i: int) -> int | None:
    """A number alone right under the text is the view count (the eye icon is an image, the
    crawl text keeps the number): two digits or more, and no other bare number next to it
    (pagination, a row of share counters)."""
    if _BARE_NUMBER.match(lines[i].text) is None:
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
    return first + 1 < len(lines) and lines[first + 1].heading and lines[first + 1].kind != "body"


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


def _unique_lines(lines: list[_Line], body: list[int]) -> list[int]:
    """Body lines with hidden or repeated copies of a paragraph (a "read more" toggle) kept once."""
    seen: set[str] = set()
    unique = []
    for i in body:
        if lines[i].text not in seen:
            seen.add(lines[i].text)
            unique.append(i)
    return unique


def _clean_lines(
    texts: list[str], repeated: set[str] | frozenset[str] = frozenset(), crawl: Crawl | None = None, url: str | None = None
) -> dict:
    """The cleaning itself on the non-empty lines of one dump; returns the Article fields."""
    lines = _classify_lines(texts, repeated)
    if not lines:
        return {"title": None, "paragraphs": [], "boilerplate": [], "views": None, "published": None, "published_how": None, "source": None}

    body: list[int] = []
    title_idx: int | None = None
    start = end = -1
    block = _best_block(lines)
    if block is not None:
        start, end, title_idx = block
        body = _block_body(lines, start, end)
        if body:
            start, end = body[0], body[-1]

    if title_idx is None and body:
        title_idx = _distant_title(lines, start)
    if title_idx is None and body:
        title_idx = _title_after(lines, start, end)
    if title_idx is not None and body and title_idx < start:
        lead = _lead_above(lines, title_idx, start)
        if lead:
            body, start = lead + body, lead[0]
        deck = _deck(lines, title_idx, start)
        if deck is not None:
            body, start = [deck] + body, deck
    title: str | None = None
    title_date: ShownDate | None = None
    if title_idx is not None:
        title, title_date = _strip_date(lines[title_idx].text.strip())
    head = title_idx if title_idx is not None else start
    views, shown = _near_metadata(lines, head, start, end, title_date)

    if body and body[-1] == len(lines) - 2 and _cut_paragraph(lines[-1]):
        body.append(len(lines) - 1)
    body = _unique_lines(lines, body)
    body_set = set(body)
    source = site_name(lines, body, title_idx, url)
    date_iso, how = published(lines, shown, crawl, url, title_idx)
    boilerplate = [line.text for i, line in enumerate(lines) if i not in body_set and i != title_idx]
    return {
        "title": title,
        "paragraphs": [lines[i].text.strip() for i in body],
        "boilerplate": boilerplate,
        "views": views,
        "published": date_iso,
        "published_how": how,
        "source": source,
    }


# The crawl record's date field glued before the first line of the text it stores.
_RECORD_PREFIX = re.compile(r"^date \d{4}-\d\d-\d\d(?:\s+|$)")


def _split(text: str) -> list[str]:
    """Non-empty lines of a dump, whitespace collapsed, chrome sentences glued to the text cut off."""
    out: list[str] = []
    for raw in _LINE_BREAK.split(text):
        if raw.strip():
            line = _SPACES.sub(" ", raw).strip()
            if not out:
                # The crawl record's own field glued before the page's first line ("date
                # 2025-09-05 Собянин открыл выставку"): not the page's text, and not a date
                # the page shows (the record's, whichever day it means).
                line = _RECORD_PREFIX.sub("", line, count=1)
                if not line:
                    continue
            out.extend(_unglue(line))
    return out


def _unglue(line: str) -> list[str]:
    """A long line split from the chrome sentences a crawler glued to its start or end.

    Some pages keep the whole article in one text node, and the flattening joins the typo
    prompt, the "listen" widget or a consent banner to it ("Если Вы заметили ошибку, выделите
    ... Ctrl+Enter. Губернатор подписал ..."): the chrome then marks the whole line and the
    article is lost. Leading and trailing sentences that are chrome on their own become lines
    of their own; the rest is judged as the text it is.
    """
    if line.count(" ") < GLUED_MIN_WORDS:
        return [line]
    first = _SENTENCE_SPLIT.search(line)
    if first is None:
        return [line]
    last = None
    for last in _SENTENCE_SPLIT.finditer(line, max(first.end(), len(line) - SAMPLE_CHARS)):
        pass
    # Cheap test first: most long lines are plain text, neither end is chrome (speed).
    if not _chrome_sentence(line[: first.start()]) and not (last and _chrome_sentence(line[last.end() :])):
        return [line]
    parts = _SENTENCE_SPLIT.split(line)
    head, tail = 0, len(parts)
    while head < tail - 1 and _chrome_sentence(parts[head]):
        head += 1
    while tail - 1 > head and _chrome_sentence(parts[tail - 1]):
        tail -= 1
    if head == 0 and tail == len(parts):
        return [line]
    return parts[:head] + [" ".join(parts[head:tail])] + parts[tail:]


def _chrome_sentence(sentence: str) -> bool:
    """Whether one sentence is chrome by its words (a prompt, a widget, a banner)."""
    low = sentence.lower()
    words = sentence.count(" ") + 1
    return words <= GLUED_MAX_CHROME_WORDS and _chrome_vocabulary(low, words, False)


def _build(fields: dict, source: str | None, url: str | None) -> Article:
    return Article.build(
        fields["title"],
        fields["paragraphs"],
        source=source or fields["source"],
        url=url,
        views=fields["views"],
        published=fields["published"],
        published_how=fields["published_how"],
        boilerplate=fields["boilerplate"],
    )


def clean_dump(text: str, *, source: str | None = None, url: str | None = None, crawled: str | date | datetime | None = None) -> Article:
    """Recover headline, lead, paragraphs, outlet, views and date from a crawler text dump.

    Args:
        text: the dump: lines separated by (blank) lines, chrome included.
        source: the outlet's name when the caller knows it (wins over the one found on the page).
        url: the page's address, stored on the Article.
        crawled: when the crawler read the page (ISO text, ``date`` or ``datetime``): relative
            dates («сегодня», «3 часа назад») count from it, on the page's clock (a stamp with a
            zone is read in Moscow time; see ``_dumpmeta.Crawl``).

    Returns:
        an :class:`~svodka.model.Article` built with ``Article.build``; ``boilerplate`` holds every
        line that is neither headline nor body, in page order; ``views`` is ``None`` unless
        shown with the article, ``published`` unless shown with it or written in ``url``
        (``published_how`` says which: ``byline``, ``byline+crawl``, ``byline+url``, ``url``).
    """
    return _build(_clean_lines(_split(text), crawl=crawl_clock(crawled, url), url=url), source, url)


def clean_dump_batch(texts: Iterable[str], *, source: str | None = None) -> list[Article]:
    """Clean dumps of one site together: lines repeated across many of them are chrome.

    Args:
        texts: dumps from one source (a crawl of one site).
        source: the outlet's name, when known.

    Returns:
        one Article per dump, in order. With fewer than three dumps this is ``clean_dump``.
    """
    split = [_split(t) for t in texts]
    repeated: set[str] = set()
    if len(split) >= 3:
        counts = Counter(line for lines in split for line in set(lines))
        limit = max(BATCH_REPEAT_MIN, BATCH_REPEAT_SHARE * len(split))
        # Long lines stay out: a syndicated paragraph printed by several pages is still text.
        repeated = {line for line, n in counts.items() if n >= limit and len(line.split()) <= TITLE_WORDS[1]}
    return [_build(_clean_lines(lines, repeated), source, None) for lines in split]
