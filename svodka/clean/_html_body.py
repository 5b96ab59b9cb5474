"""The body of an HTML page: the run of prose lines after the headline (see ``clean.html``).

Which lines are prose, captions, bylines or stop labels, how prose lines join into runs
across small gaps of chrome, and which run is the article (the first substantial one after
the headline, continued past a block of links, with a lead set apart before it).
"""

from __future__ import annotations

import re
from typing import Any

from ._chrome import TYPO_PROMPT, WIDGET_START, is_banner
from ._dates import find_date
from ._html_page import _common_ancestor, _inside, _Line, _same_text

# A line is prose when it has at least this many words ...
PROSE_MIN_WORDS = 8
# ... and at most this share of its characters inside links (teasers and menus are links).
PROSE_MAX_LINK_SHARE = 0.3

# A shorter line still joins the body if it ends like a sentence and has this many words.
SHORT_MIN_WORDS = 3

# The body run may bridge at most this many non-prose lines between two prose lines ...
GAP_MAX_LINES = 4
# ... holding at most this many words in all (a caption, "Читайте также" and a link).
GAP_MAX_WORDS = 40

# Among the prose runs after the headline, a run further away counts less: its weight is
# words / (1 + distance / RUN_DISTANCE_SCALE), distance in lines from the headline.
RUN_DISTANCE_SCALE = 25

# A line of this many words naming a banner phrase is a banner only when it speaks to the
# reader (``_chrome.is_banner``), as in the dump cleaner.
BANNER_PROSE_WORDS = 15

# The first prose run after the headline with at least this many words is the body.
FIRST_RUN_MIN_WORDS = 30

# A run that continues the article after a block of links (issue 16) starts at most this many
# lines after the article's last paragraph.
CONTINUE_MAX_GAP = 30

# A lead set apart from the text starts at most this many lines under the headline.
LEAD_MAX_DISTANCE = 4

# Lines that end the article: headers of comments, related news and feeds. Matched at the
# start of a short line (case-insensitive).
STOP_LINE = re.compile(
    r"^\s*(?:комментари[йиея]|\d+\s+комментари|обсуждение|обсудить|добавить комментарий|оставить комментарий|"
    r"ваш комментарий|ваше мнение|отзывы|новости по теме|другие новости|другие статьи|другие материалы|"
    r"похожие (?:новости|статьи|материалы)|последние новости|все новости|ещ[её] (?:новости|по теме)|"
    r"материалы по теме|статьи по теме|по теме|больше по теме|популярное|самое популярное|читаемое|"
    r"главное за|лента новостей|новости партн[её]ров|реклама на сайте|теги|метки|ключевые слова|рубрики|"
    + TYPO_PROMPT + r")\b",  # the typo prompt closes the text
    re.I,
)

# Lines that are chrome inside or around the body: cross-links, source credits, photo
# credits, share/print/typo prompts, view counters. Dropped wherever they stand.
JUNK_LINE = re.compile(
    r"^\s*(?:читайте (?:также|еще|ещё|тоже)|смотрите (?:также|тоже)|смотри также|см\. также|новость по теме|"
    r"по теме:|подробнее|источник\b|по материалам|по информации|фото\b|фото:|foto|photo|видео:|"
    r"иллюстрация|автор фото|фотограф|©|\(c\)|copyright|перепечатка|при (?:использовании|цитировании|перепечатке)|"
    r"поделиться|поделитесь|подписывайтесь|подпишитесь|присоединяйтесь|следите за|версия для печати|"
    r"распечатать|печать|отправить другу|сообщить об ошибке|нашли ошибку|если вы (?:заметили|нашли)|"
    r"выделите (?:ее|её|орфографическую|ошибку|текст)|просмотр(?:ов|ы)|прочитано|реклама|рекламa|теги|метки|"
    r"добавить в|твитнуть|нравится|мне нравится|" + WIDGET_START + ")",
    re.I,
)

# Photo captions and credits inside a line ("Элеватор под Костанаем. Фото: пресс-служба",
# "Фото — ТАСС", "Источник фото: ..."): such a short line is never a paragraph.
CAPTION = re.compile(
    r"(?:^|[\s.,;(|/])(?:фото|фотограф(?:ия|ии)?|photo|иллюстрация|коллаж|инфографика|кадр)\s*(?::|[—–]|-\s)"
    r"|источник фото|фото предоставлен|фото из открытых источников|фото из архива|архивное фото",
    re.I,
)

# A caption or credit line has at most this many words (a paragraph that quotes "фото:" is longer).
CAPTION_MAX_WORDS = 30

# A line inside <figure> with more words than this is text after all (sites that wrap the body).
FIGURE_MAX_WORDS = 60

# Labels that open a byline or a credit ("Автор: ...", "Текст: ...", "Фото: ...").
BYLINE_LABEL = re.compile(
    r"^\s*(?:автор[ыа]?|текст|фото|фотограф|подготовил[аи]?|корреспондент|редактор|by)\s*[:—–]", re.I
)

# Words a byline may hold beside its date and the author's name ("5 июня 2019 г., 13:10").
BYLINE_WORDS = frozenset("г года год опубликовано обновлено дата публикации автор текст фото мск".split())

# A byline names at most this many people's words (first name, surname, a second author).
BYLINE_NAME_WORDS = 5

# A byline is short: a longer line with a date is a teaser or a sentence of the text.
BYLINE_MAX_WORDS = 12

# A line that is only a date/time, a byline-like dateline or a counter ("09.12.2011 // 10:19").
DATE_ONLY_LINE = re.compile(r"^[\s\d.:/|,\-–—]*(?:\d{1,2}\s+[а-яё]+\s+\d{4}(?:\s*г\.?)?)?[\s\d.:/|,\-–—]*$", re.I)

# Sentence end: what a paragraph line ends with.
SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")


# --------------------------------------------------------------------------- lines


def _is_prose(line: _Line) -> bool:
    """A long line with few links and sentence punctuation: a paragraph candidate; a consent,
    cookie or subscription banner is a sentence too, but never the article (issue 16)."""
    if line.heading or line.link_share > PROSE_MAX_LINK_SHARE or line.words < PROSE_MIN_WORDS:
        return False
    if not re.search(r"[.,!?…:;]", line.text):
        return False
    if is_banner(line.text.lower(), line.words >= BANNER_PROSE_WORDS):
        return False
    return not JUNK_LINE.match(line.text) and not _is_caption(line)


def _is_caption(line: _Line) -> bool:
    """A picture's caption or credit, or a byline: text around the article, never its body."""
    if line.caption is None:
        line.caption = (line.figure and line.words <= FIGURE_MAX_WORDS) or _is_caption_text(line.text, line.words)
    return line.caption


def _is_caption_text(text: str, words: int | None = None) -> bool:
    """Whether a line of text is a photo caption/credit or a byline (author, date, time).

    Captions name the photo's source ("Элеватор под Костанаем. Фото: пресс-служба"); bylines
    are short lines of a label ("Автор:", "Текст:") or of a date or time with only a name
    beside it ("5 июня 2019 г., 13:10 · Елена Шабунина"). A short sentence that merely holds
    a date ("Визит прошел 28-29 марта.") has lower-case words and is not a byline.

    Args:
        text: one line, spaces collapsed.
        words: its word count, when already known.
    """
    words = len(text.split()) if words is None else words
    if words > CAPTION_MAX_WORDS:
        return False
    if CAPTION.search(text):
        return True
    if words > BYLINE_MAX_WORDS:
        return False
    if BYLINE_LABEL.match(text):
        return True
    return _is_dated_name(text)


def _is_dated_name(text: str) -> bool:
    """A date or time and at most a name: "Ирина Полевая, 14 мая 2023", "28.03.2017 14:05 | Ольга"."""
    shown = find_date(text) if re.search(r"\d", text) else None
    if shown is None or (shown.relative is None and not (shown.day and shown.month)):
        return False
    rest = text[: shown.start] + " " + text[shown.end :]
    rest = re.sub(r"(?<!\d)([01]?\d|2[0-3]):[0-5]\d(?!\d)", " ", rest)
    names = [w for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", rest) if w.lower() not in BYLINE_WORDS]
    return len(names) <= BYLINE_NAME_WORDS and all(w[0].isupper() for w in names)


def _is_short_paragraph(line: _Line) -> bool:
    """A short line that still reads as a sentence of the body ("Подробности позже.")."""
    return (
        not line.heading
        and line.link_share <= PROSE_MAX_LINK_SHARE
        and line.words >= SHORT_MIN_WORDS
        and bool(SENTENCE_END.search(line.text))
        and not JUNK_LINE.match(line.text)
        and not DATE_ONLY_LINE.match(line.text)
        and not _is_caption(line)
    )


def _is_stop(line: _Line) -> bool:
    """A header that ends the article (comments, related news, tags)."""
    return line.words <= 8 and bool(STOP_LINE.match(line.text))


# --------------------------------------------------------------------------- runs


def _runs(lines: list[_Line], start: int) -> list[list[_Line]]:
    """Runs of prose from ``start``: prose lines joined across small gaps of chrome."""
    runs: list[list[_Line]] = []
    current: list[_Line] = []
    gap: list[_Line] = []
    after_advert = False
    for line in lines[start:]:
        if _is_stop(line):
            if current:
                runs.append(current)
            current, gap = [], []
            continue
        advert = after_advert
        after_advert = bool(re.match(r"^\s*реклама\b", line.text, re.I)) and line.words <= 3
        if _is_prose(line) and not advert:
            if current and gap:
                gap_words = sum(g.words for g in gap)
                if len(gap) > GAP_MAX_LINES or gap_words > GAP_MAX_WORDS:
                    runs.append(current)
                    current = []
                else:
                    current.extend(g for g in gap if _is_short_paragraph(g))
            current.append(line)
            gap = []
        elif current:
            gap.append(line)
            if len(gap) > GAP_MAX_LINES and sum(g.words for g in gap) > 0:
                runs.append(current)
                current, gap = [], []
    if current:
        runs.append(current)
    return runs


def _find_body(lines: list[_Line], title_idx: int | None, title: str | None) -> tuple[list[str], list[_Line]]:
    """The article paragraphs: the best prose run after the headline."""
    start = title_idx + 1 if title_idx is not None else 0
    runs = _runs(lines, start)
    if not runs:
        return [], []

    def weight(run: list[_Line]) -> float:
        words = sum(line.words for line in run)
        if title_idx is None:
            return words
        return words / (1 + (run[0].index - title_idx) / RUN_DISTANCE_SCALE)

    best = None
    if title_idx is not None:
        # The article follows its headline: the first substantial run after it is the body;
        # later runs are feeds, teasers and comments (often longer than a short news item).
        best = next((run for run in runs if sum(line.words for line in run) >= FIRST_RUN_MIN_WORDS), None)
    if best is None:
        best = max(runs, key=weight)
    position = next(i for i, run in enumerate(runs) if run is best)
    best = _continue_run(lines, runs, position)
    if title_idx is not None:
        best = _lead_before(lines, runs, position, best, title_idx)
    paragraphs = [line.text for line in best if not (title and _same_text(line.text, title))]
    return paragraphs, best


def _prose_words(lines: list[_Line], title_idx: int | None, enough: float) -> int:
    """Words of the prose lines after the headline, up to the first stop label after the text
    (comments and related news are not the article's). Counting stops past ``enough`` (speed):
    only whether the run holds under half of them matters."""
    following = lines[(title_idx or 0) + 1 :]
    if sum(line.words for line in following) <= enough:
        return 0  # even every word after the headline would not make the run doubtful
    total = 0
    for line in following:
        if total > enough:
            break
        if _is_stop(line) and total:
            break
        if _is_prose(line):
            total += line.words
    return total


def _continue_run(lines: list[_Line], runs: list[list[_Line]], position: int) -> list[_Line]:
    """The article run with the runs that continue it inside the same article element.

    An article interrupted by a block of links ("Читайте также" with six teasers, a gallery,
    an embedded poll) is two runs; the second half is the article too when its paragraphs sit
    in the element that holds the first half's paragraphs and no stop label (comments, related
    news) stands between. The element is the common parent of the run's paragraphs, so a run
    of one paragraph (whose parent may be the whole page) is not continued.
    """
    best = runs[position]
    if len(best) < 2:
        return best
    container = _common_ancestor([line.element for line in best])
    if container is None or container.tag in ("body", "html"):
        return best
    out = list(best)
    for run in runs[position + 1 :]:
        between = lines[out[-1].index + 1 : run[0].index]
        # a stop label of a box set in the text ("Материалы по теме" of an <aside> or an
        # "inline" box of links) stops nothing: the text goes on after it (saved HTML set of
        # issue 16: lenta.ru, two layouts)
        if len(between) > CONTINUE_MAX_GAP or any(_is_stop(line) and not _inline_box(line.element, container) for line in between):
            break
        if not all(_inside(line.element, container) for line in run):
            break
        out.extend(run)
    return out


def _inline_box(el: Any, container: Any) -> bool:
    """Is an element inside a box set in the text, below the article's container: an <aside>,
    or an element whose class names it inline ("b-inline-topics-box", "box-inline-topic")?"""
    while el is not None and el is not container:
        if isinstance(el.tag, str) and (el.tag.lower() == "aside" or "inline" in (el.get("class") or "").lower()):
            return True
        el = el.getparent()
    return False


def _lead_before(lines: list[_Line], runs: list[list[_Line]], position: int, best: list[_Line], title_idx: int) -> list[_Line]:
    """The article run with a short lead run set apart between the headline and it.

    Many layouts put the lead in a box of its own under the headline, then a gallery, a player
    or a block of links, then the text: the lead is a run too short to be the body. A run that
    starts within ``LEAD_MAX_DISTANCE`` lines of the headline, before the body, with no stop
    label between, is the lead (issue 16).
    """
    if position == 0:
        return best
    run = runs[position - 1]
    if run[0].index - title_idx > LEAD_MAX_DISTANCE or run[0].index <= title_idx:
        return best
    between = lines[run[-1].index + 1 : best[0].index]
    if len(between) > CONTINUE_MAX_GAP or any(_is_stop(line) for line in between):
        return best
    return run + best
