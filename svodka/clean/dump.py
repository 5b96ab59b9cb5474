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

The steps live in private siblings (issue 12): ``_dumplines`` (1, the kinds and the chrome-line
tests), ``_dumpbody`` (2), ``_dumptitle`` (3), ``_dumpnear`` (4, the meta line, date and views),
``_dumpmeta`` (the date, the crawl clock) and ``_dumpoutlet`` (the outlet's name); this module
runs them and glues a dump's lines back (``_split``, ``_unglue``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from ..model import Article
from ._dumpmeta import Crawl, _domain, crawl_clock, published
from ._dumpoutlet import site_name, split_site_suffix
from ._dates import ShownDate
from ._dumplines import SAMPLE_CHARS, TITLE_WORDS, _Line, _chrome_vocabulary, _classify_lines, _strip_date, _strip_rubric
from ._dumptitle import _deck, _distant_title, _lead_above, _over_its_date, _title_after
from ._dumpbody import _best_block, _block_body, _cut_paragraph
from ._dumpnear import _near_metadata

__all__ = ["clean_dump", "clean_dump_batch"]

# A line repeated in at least this share of the documents of a batch is site chrome.
BATCH_REPEAT_SHARE = 0.5
# ... and in at least this many documents (two copies of one story are not a template).
BATCH_REPEAT_MIN = 3

# A line of at least this many words may hold chrome sentences glued to the article, and a
# glued chrome sentence has at most this many words.
GLUED_MIN_WORDS = 40
GLUED_MAX_CHROME_WORDS = 30
# A sentence end followed by a capital: where a glued line is split.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+(?=[«\"]?[А-ЯЁA-Z])")
_SPACES = re.compile(r"\s+")
# Line breaks of any platform: "\n", "\r\n", a bare "\r" (old Mac exports) and the Unicode
# line and paragraph separators (a bare "\r" kept the whole dump on one line).
_LINE_BREAK = re.compile("\r\n?|\n|\u2028|\u2029")


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
    if title_idx is None and body:
        title_idx = _over_its_date(lines, start)
    # the lines from the headline to the text hold its meta line, a deck joining the text or not
    meta_start = start
    if title_idx is not None and body and title_idx < start:
        lead = _lead_above(lines, title_idx, start)
        if lead:
            body, start = lead + body, lead[0]
        meta_start = start
        deck = _deck(lines, title_idx, start)
        if deck is not None:
            body, start = [deck] + body, deck
    title: str | None = None
    title_date: ShownDate | None = None
    if title_idx is not None:
        title, title_date = _strip_date(lines[title_idx].text.strip())
        title = _strip_rubric(split_site_suffix(title, _domain(url))[0])
    head = title_idx if title_idx is not None else start
    # A date opening the headline ("1.03.2022 Заголовок", a list item's page) is the article's
    # only when the page shows none of its own: the headline may open with the day it is about
    # ("11.09.2001 Атака, изменившая мир ...") over the page's own date line.
    opening = title_date if title_date is not None and title_date.start == 0 else None
    views, shown = _near_metadata(lines, head, meta_start, end, None if opening else title_date)
    if shown is None:
        shown = opening

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
