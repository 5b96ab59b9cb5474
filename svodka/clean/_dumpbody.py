"""The article block of a crawler dump (step 2 of ``clean.dump``): the body's run of paragraphs.

Lines score by kind and length; the best block is the maximum-sum run between cuts (comment
headers, stop labels), with a bonus for a block headed by a plausible headline; then the body
lines of the block, and the lines that may still belong to it after its end. Split from
``clean.dump`` (issue 12).
"""

from __future__ import annotations

import re

from ._dates import _TIME
from ._dumpmeta import STEM_LENGTH, date_line, promo_line, stems
from ._names import FUNCTION_WORDS
from ._dumplines import MIN_CYRILLIC_SHARE, _BARE_BULLET, _CAPTION_CREDIT, _Line, _PHOTO_CREDIT, _chrome_vocabulary, _comment_header, _cyrillic_share, _link_list, _separators, _strip_date
from ._dumptitle import _find_title, _overlap


# How many lines after the block a date, byline or counter still belongs to the article.
AFTER_WINDOW = 8

# Bonus for a block that has a plausible headline just before it, plus a bonus per share of
# the headline's word stems found in the block's first paragraphs (headlines retell the lead).
TITLE_BONUS = 1.5
TITLE_OVERLAP_BONUS = 4.0

# Bonus for a block whose headline has a date line next to it (articles show their date by
# the headline; teaser lists and comment threads seldom do).
DATE_BONUS = 3.0

# Each further line of an unbroken run of chrome costs this much more (a share of its cost):
# a caption or a "read also" link between paragraphs is bridged, a long run of menus, share
# buttons and "see also" lists ends the article.
RUN_ESCALATION = 0.5

# A block with no headline before it keeps this share of its score (feeds, comment threads).
NO_TITLE_FACTOR = 0.3

# A run of this many chrome lines that holds a stop label cuts the block.
STOP_RUN = 3
USER_LINES_MIN = 2


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


# A labelled line of an article's signature: its author, its tags ("Источник:" is left out: a
# photo's credit says it inside a text too).
_META_LABEL = re.compile(r"^[|•/\s]*(?:теги|тэги|метки|автор|авторы)\s*:")


def _signature_date(lines: list[_Line], k: int, i: int, j: int) -> bool:
    """Whether line ``k`` of the chrome run ``i..j-1`` is the date of the article's signature
    under its text, the author or the tags labelled next to it: what follows is the page's
    (saved HTML set of issue 16: ixbt.com)."""
    if date_line(lines[k]) is None:
        return False
    return any(":" in lines[n].text and _META_LABEL.match(lines[n].text.lower()) for n in (k - 1, k + 1) if i <= n < j)


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
            cuts.update(k for k in range(i, j) if lines[k].stop or _signature_date(lines, k, i, j))
        i = j
    return cuts


def _block_value(lines: list[_Line], start: int, end: int, total: float) -> tuple[float, int | None]:
    """A block's value and its headline: the full sum and bonuses with a headline, a share without."""
    title = _find_title(lines, start)
    if title is None:
        return total * NO_TITLE_FACTOR, None
    overlap = _overlap(lines[title].text, _lead_text(lines, start, end), STEM_LENGTH)
    dated = _dated(lines, title, start)
    if overlap == 0 and not dated:
        return total * NO_TITLE_FACTOR, title
    value = total + (TITLE_BONUS + TITLE_OVERLAP_BONUS * overlap)
    if dated:
        value += DATE_BONUS
    return value, title


def _dated(lines: list[_Line], title: int, start: int) -> bool:
    """Whether a headline shows a date: in its own line, or in the lines from just above it to
    its run's start (the byline under it)."""
    return any(date_line(lines[i]) for i in range(max(0, title - 2), start)) or bool(_strip_date(lines[title].text)[1])


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
    if best is None:
        return None
    _value, start, end, title = best
    inner = _headline_inside(lines, start, end, title)
    if inner is not None:
        return inner
    return _first_half(lines, segments, start, end, title) or (start, end, title)


# A box of links interrupting an article ("Контекст", "Читайте также" with teasers and their
# dates) is at most this many lines long and holds at least this many teaser headlines.
INTERRUPTION_LINES = 16
INTERRUPTION_TEASERS = 2

# The first half's headline is the second half's when this share of its content stems comes
# back in the second half.
HALVES_OVERLAP = 0.5
# A heading sharing less than this share of its stems with a lead is about none of it (a stray
# pronoun, "него", may be shared).
TEASER_OVERLAP = 0.2


def _first_half(lines: list[_Line], segments: list[tuple[int, int, float]], start: int, end: int, title: int | None) -> tuple[int, int, int] | None:
    """The article an inserted box of links cut in two, when the run chosen is its second half:
    its "headline" is a teaser of the box above it, and the run just above the box is headed by
    a headline that the second half is about too (an article keeps both halves, issue 16)."""
    if title is None or _overlap(lines[title].text, _lead_text(lines, start, end)) >= INNER_TITLE_OVERLAP:
        return None  # the run's headline retells its lead: the article's own, not a teaser
    for s, e, total in segments:
        if not (e < title < start and start - e - 1 <= INTERRUPTION_LINES):
            continue
        if not _interruption(lines, e, start):
            return None
        _value, first_title = _block_value(lines, s, e, total)
        if first_title is None:
            return None
        if sum(lines[k].kind == "body" for k in range(s, e + 1)) < 2 and not _dated(lines, first_title, s):
            return None  # a half of an article has paragraphs, or its lead under a dated headline
        if len(stems(lines[first_title].text, STEM_LENGTH)) < 3:
            return None
        second = " ".join(lines[k].text for k in range(start, end + 1))
        if _overlap(lines[first_title].text, second, STEM_LENGTH) >= HALVES_OVERLAP:
            return s, end, first_title
        # or the second half's heading is about none of it while the first half's retells its
        # lead: a teaser's headline over the rest of the text (lenta.ru's «Материалы по теме:»)
        if (_overlap(lines[title].text, _lead_text(lines, start, end), STEM_LENGTH) < TEASER_OVERLAP
                and _overlap(lines[first_title].text, _lead_text(lines, s, e), STEM_LENGTH) >= INNER_TITLE_OVERLAP):
            return s, end, first_title
    return None


def _interruption(lines: list[_Line], end: int, start: int) -> bool:
    """Whether the lines between two runs are a box of links set into a text: short, no
    paragraph, at least ``INTERRUPTION_TEASERS`` teaser headlines."""
    gap = range(end + 1, start)
    return (start - end - 1 <= INTERRUPTION_LINES and not any(lines[k].kind == "body" for k in gap)
            and sum(lines[k].heading for k in gap) >= INTERRUPTION_TEASERS)


# A headline found inside a run heads the article when this share of its stems comes back
# in the lines after it.
INNER_TITLE_OVERLAP = 0.5


def _headline_inside(lines: list[_Line], start: int, end: int, title: int | None) -> tuple[int, int, int] | None:
    """The article inside a run whose own headline heads nothing of it (none, or one whose
    words do not come back in its lead): a run that bridged a glued news ribbon and the article
    starts at the heading line inside it that the next lines are about ("Лента новостей ...
    Заголовок / фото / Первый абзац ..."), when body lines follow it."""
    if title is not None and _overlap(lines[title].text, _lead_text(lines, start, end), STEM_LENGTH) > 0:
        return None
    for i in range(start + 1, end):
        if not lines[i].heading or lines[i].kind == "body":
            continue
        if any(lines[j].kind == "body" and not _TIME.search(lines[j].text) for j in range(start, i)):
            break  # text before the heading: the article's own subheading, not a ribbon's end
        after = [j for j in range(i + 1, end + 1) if lines[j].kind == "body"]
        lead = _lead_text(lines, after[0], end) if after else ""
        # a lead retells its headline in other words; a ribbon that lists it repeats it whole
        if len(after) >= 2 and lines[i].text not in lead and _overlap(lines[i].text, lead) >= INNER_TITLE_OVERLAP:
            return after[0], end, i
    return None


def _lead_text(lines: list[_Line], start: int, end: int) -> str:
    """The first lines of a run, as a headline's words are looked for in them."""
    return " ".join(lines[i].text for i in range(start, min(end + 1, start + 4)))


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

# A line longer than this ending in a lower-case word is a paragraph, not a teaser headline.
CUT_PARAGRAPH_WORDS = 20

# A word cut in two at the end of the crawl ("в праздник Бл") has at most this many letters.
CUT_FRAGMENT_LETTERS = 2

# The signs that a line breaks off: a comma, dash, colon or opening quote at its end, or a
# speech opened and cut ("Иванов: — Само").
_OPEN_END = re.compile(r"[,:;\-–—(«\"„]\s*$|:\s*[—–-]\s*\S+$")


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
        and _breaks_off(text, line.words)
    )


def _breaks_off(text: str, words: int) -> bool:
    """Whether a line without a final stop reads as cut, not as a teaser headline ("Синоптики
    пообещали тёплую погоду на выходных"): it ends open (``_OPEN_END``), on a preposition or a
    cut word of one or two letters ("будет открыта с", "в праздник Бл"), or it is as long as a
    paragraph and ends in a lower-case word."""
    if _OPEN_END.search(text):
        return True
    last = re.findall(r"\w+", text)[-1:]
    if not last:
        return False
    word = last[0]
    if len(word) <= CUT_FRAGMENT_LETTERS or word.lower() in FUNCTION_WORDS:
        return True
    # A paragraph's length, or two sentences in the line ("... товаров. Минторг просит ... с
    # север"): prose, not a teaser headline, cut in a lower-case word.
    return (words > CUT_PARAGRAPH_WORDS or _sentences(text)) and word.islower()


# Each sentence of a two-sentence cut line has at least this many words: a footer's short
# phrases between stops ("Редакция газеты. Реклама в газете и на сайте", "... д. 5. Телефон
# редакции") are no prose.
CUT_SENTENCE_WORDS = 4
# A sentence's end before the next one: a word of three letters at least before the stop, so an
# abbreviation ("ул. Ленина", "г. Заречный") ends none.
_SENTENCE_END = re.compile(r"(?<=[а-яё]{3}[.!?])\s+(?=[А-ЯЁ])")


def _sentences(text: str) -> bool:
    """Whether a line holds two sentences or more, each of a few words at least."""
    parts = _SENTENCE_END.split(text)
    return len(parts) > 1 and min(len(part.split()) for part in parts) >= CUT_SENTENCE_WORDS


def _lines_after(lines: list[_Line], end: int) -> list[int]:
    """Lines after the body that still belong to the article (up to comments or related lists)."""
    after = []
    for i in range(end + 1, min(len(lines), end + 1 + AFTER_WINDOW)):
        if lines[i].stop or _comment_header(lines[i].text.lower()) or _BARE_BULLET.match(lines[i].text):
            break  # comments and related lists (a bare bullet marks an item) carry dates of their own
        after.append(i)
    return after
