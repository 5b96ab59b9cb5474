"""HTML cleaning: one news page -> ``Article`` (site name, headline, paragraphs, date, views).

How the body is found. The page is flattened into lines the way a crawler dump is (every
block element and ``<br>`` starts a line), after dropping invisible elements (scripts,
``display:none`` copies, form controls). The headline line is located from the page's own
metadata (og:title, JSON-LD, ``<title>``, ``<h1>``). The body is then the run of *prose
lines* (long, few links, sentence punctuation) that follows the headline; the run may
bridge a few lines of chrome between paragraphs (a caption, an inline "Читайте также", an
advert) but ends at a comments/related-news header or a long stretch of non-prose. Lines
that look like captions, source credits, share prompts or cross-links are dropped.

On the 40 pages of pages-dev this gives body word F1 ~0.96 where trafilatura alone gives
0.70 (``extract`` default) or 0.77 (``favor_precision``): on table layouts and portals it
keeps news feeds, comments and whole sidebars. trafilatura is still the fallback when no
headline can be anchored or no prose run follows it (``include_comments=False``,
``include_tables=False``, its date search off: we never take its date).

Captions and bylines are never body: lines inside ``<figure>``/``<figcaption>``, short lines
that credit a photo ("... Фото: пресс-служба"), and short lines of a byline label ("Автор:")
or of a date with only a name beside it ("5 июня 2019 г., 13:10 · Елена Шабунина").

The site name comes from og:site_name / JSON-LD publisher / application-name; a page without
them is read for what it shows: the header logo (alt text or text), the ``<title>`` part
beside the headline, the copyright line; the URL's host is the last resort. A view counter
is read in words ("Просмотров: 3 902", "3902 просмотра") or as a bare number in an element
marked as views (an eye icon, ``class="views"``, ``title="Просмотры"``).

The publication date comes ONLY from the page's own metadata (JSON-LD ``datePublished``,
``article:published_time`` and similar meta, a ``<time datetime>`` inside the article, a
date in the URL), never from dates seen in the visible text: on captured pages those are
header clocks, feed items and adverts ("11-22 ноября").

The parts live in private modules: ``_html_page`` (parsing, the flattened lines),
``_html_body`` (the prose run), ``_html_meta`` (metadata, site name, headline, date, views)
and ``_html_trafilatura`` (trafilatura's reading, as fallback and second opinion).
"""

from __future__ import annotations

import re

from ..errors import ExtractionRejected
from ..model import Article
from ._agree import DOUBT_SHARE, second_opinion
from ._html_body import _find_body, _prose_words
from ._html_meta import (
    _find_title,
    _local_time,
    _published,
    _read_meta,
    _shown_date,
    _shown_site_name,
    _site_name,
    _strip_site,
    _title_candidates,
    _views,
)
from ._html_page import _flatten, _parse, _prune, _same_text
from ._html_trafilatura import _trafilatura_paragraphs

__all__ = ["clean_html"]

# The language a page declares: the ``lang`` (or ``xml:lang``) attribute of its <html>
# element, looked for in the page's first characters (a doctype and comments may come first).
_HTML_LANG = re.compile(r"""<html\b[^>]*?(?<![\w-])lang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)""", re.I)
LANG_SCAN_CHARS = 4096


def clean_html(html: str, url: str | None = None, *, crawled: str | None = None) -> Article:
    """Extract the article of one news page.

    Args:
        html: the page as text (decoded by the reader).
        url: where the page came from, if known (site name and date fallbacks).
        crawled: when the page was fetched (ISO text, as ``Document.fetched``), if known: a
            date shown only as «Сегодня, 10:20» or «3 часа назад» counts from it.

    Returns:
        an ``Article`` built by ``Article.build`` with source, headline, paragraphs, url,
        published/published_how (from metadata only) and views.

    Raises:
        ExtractionRejected: when the page holds no article text.
    """
    root = _parse(html)
    if root is None:
        raise ExtractionRejected(url, "no article text found")
    meta = _read_meta(root)
    page_url = url or meta.get("og:url") or meta.get("canonical")
    site = _site_name(meta)
    _prune(root)
    lines = _flatten(root)
    title_candidates = _title_candidates(meta, site, lines)
    title_idx, title = _find_title(lines, title_candidates)
    if site is None:
        site = _shown_site_name(root, meta, lines, title_idx, title or (title_candidates[0] if title_candidates else None), page_url)
    paragraphs, body_lines = _find_body(lines, title_idx, title)
    how, boilerplate = "rules", []
    if not paragraphs:
        paragraphs = _trafilatura_paragraphs(html, url)
        how = "trafilatura"
    else:
        opinion = second_opinion(
            paragraphs,
            lambda: _prose_words(lines, title_idx, sum(len(p.split()) for p in paragraphs) / DOUBT_SHARE),
            lambda: _trafilatura_paragraphs(html, url),
            title,
            meta.get("og:description") or meta.get("description"),
        )
        if opinion.note:
            paragraphs, how = opinion.paragraphs, opinion.how
            boilerplate = [opinion.note, *opinion.dropped]
            body_lines = body_lines if how in ("rules", "rules+trafilatura") else []
    paragraphs = [p for p in paragraphs if not title or not _same_text(p, title)]
    if not paragraphs:
        raise ExtractionRejected(url or page_url, "no article text found")
    if not title and title_candidates:
        title = _strip_site(title_candidates[0], site)
    published, published_how = _published(meta, root, lines, title_idx, body_lines, page_url)
    if published is None:
        published, published_how = _shown_date(lines, title, page_url, crawled)
    elif "T" in published and published.endswith(("+00:00", "Z")):
        published, published_how = _local_time(published, published_how, _shown_date(lines, title, page_url, crawled)[0])
    views = _views(lines, title_idx, body_lines)
    article = Article.build(
        title or None,
        paragraphs,
        source=site,
        url=page_url,
        published=published,
        published_how=published_how,
        views=views,
        boilerplate=boilerplate,
    )
    article.extras["extraction"] = how
    return article


def page_language(html: str) -> str | None:
    """The language a page declares on its ``<html>`` element (``lang`` or ``xml:lang``), as written; None if none.

    Read from the page's start with a regular expression (the element opens the page), so
    it costs no second parse. A hint only: ``clean`` reads the language from the text.
    """
    match = _HTML_LANG.search(html[:LANG_SCAN_CHARS])
    return match.group(1) if match else None
