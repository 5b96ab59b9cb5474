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
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlparse

import lxml.html
from lxml import etree

from ..errors import ExtractionRejected
from ..model import Article
from ._agree import DOUBT_SHARE, second_opinion
from ._chrome import WIDGET_START, is_banner
from ._counters import view_count
from ._dates import YEAR_RANGE, valid_date, find_date, resolve_date, url_date
from ._names import NAME_MAX_WORDS, NAME_SEPARATORS, SECTION_PART, outlet_from_copyright, tidy_outlet

__all__ = ["clean_html"]

# Elements whose content is never visible text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head",
    "select", "option", "button", "textarea", "input", "label", "map", "canvas", "video", "audio",
)

# Elements that start a new line when the page is flattened (as in the crawler dumps).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul caption summary menu".split()
)

# Tags of headings: a heading line is never a body paragraph (subheadings are optional in gold).
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())

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

# Headline match: two strings match when equal or when one contains the other with at least
# this share of its words (the scoring rule of pages-dev, also a sane rule for the matching).
TITLE_CONTAIN_SHARE = 0.9

# The language a page declares: the ``lang`` (or ``xml:lang``) attribute of its <html>
# element, looked for in the page's first characters (a doctype and comments may come first).
_HTML_LANG = re.compile(r"""<html\b[^>]*?(?<![\w-])lang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)""", re.I)
LANG_SCAN_CHARS = 4096

# Separators between a headline and the site name in <title>/og:title ("Заголовок - Сайт").
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]+\s+|\s*:{2,}\s*|(?<=\w):\s+|\s*\|\s*|(?<=\w\w)[.!?]\s+(?=[А-ЯЁA-Z])")

# Words a headline line may carry beyond the metadata headline: a media marker ("(фото)").
# Together with digits (a date or time in the same <h1>) they are ignored when matching.
TITLE_EXTRA_WORDS = frozenset("фото видео photo video инфографика обновлено обновлено upd".split())

# Lines that end the article: headers of comments, related news and feeds. Matched at the
# start of a short line (case-insensitive).
STOP_LINE = re.compile(
    r"^\s*(?:комментари[йиея]|\d+\s+комментари|обсуждение|обсудить|добавить комментарий|оставить комментарий|"
    r"ваш комментарий|ваше мнение|отзывы|новости по теме|другие новости|другие статьи|другие материалы|"
    r"похожие (?:новости|статьи|материалы)|последние новости|все новости|ещ[её] (?:новости|по теме)|"
    r"материалы по теме|статьи по теме|по теме|больше по теме|популярное|самое популярное|читаемое|"
    r"главное за|лента новостей|новости партн[её]ров|реклама на сайте|теги|метки|ключевые слова|рубрики)\b",
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

# Elements holding a picture and its caption: their text is not the body (unless long).
FIGURE_TAGS = frozenset(("figure", "figcaption"))
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

# A line that is only a date/time, a byline-like dateline or a counter ("09.12.2011 // 10:19").
DATE_ONLY_LINE = re.compile(r"^[\s\d.:/|,\-–—]*(?:\d{1,2}\s+[а-яё]+\s+\d{4}(?:\s*г\.?)?)?[\s\d.:/|,\-–—]*$", re.I)

# Sentence end: what a paragraph line ends with.
SENTENCE_END = re.compile(r"[.!?…»\"”)]\s*$")

# A counter shown as a number in an element marked as views (class, id or title): an eye
# icon ("icon-eye", "fa-eye") next to the number, or "views", "просмотры", "hits".
VIEW_MARK = re.compile(r"(?:^|[^a-z])(?:views?|eye|hits|pageviews?)(?:$|[^a-z])|views?_?count|просмотр|прочтени", re.I)

# A counter's own text: a number, spaces as thousands separators ("3 902").
COUNT_TEXT = re.compile(r"^\s*(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+)\s*$")

# Class or id of an element that shows the site's logo or name ("header__logo", "site-logo",
# "navbar-brand", "site-name"); "logon", "blogger" and "siLogo" are not such tokens.
LOGO_MARK = re.compile(r"(?:^|[\s_-])(?:logo(?:type|tip)?|brand|site-?name|site-?title|sitename)(?:$|[\s_-]|\d)", re.I)
# Only the first few such elements are read: the header's logo comes first on a page.
LOGO_MAX_ELEMENTS = 5
# Generic words of a logo's alt text ("Логотип сайта", "logo").
LOGO_WORDS = re.compile(r"\b(?:логотип(?:\s+сайта)?|лого|logo(?:type)?|на главную|перейти на главную)\b", re.I)
# The copyright line is searched among this many last lines of the page (the footer).
COPYRIGHT_LINES = 40

# Meta names (name/property/itemprop) that carry the publication date, most trusted first.
# Lines around the headline searched for a byline date when the page has no date metadata.
BYLINE_WINDOW = 3
# The first lines of a page are its header (logo, clock), never a byline.
HEADER_LINES = 3
# A weekday name marks a calendar/clock line ("Среда, 10 апреля 2013"); bylines rarely carry one.
WEEKDAY = re.compile(r"\b(понедельник|вторник|сред[аы]|четверг|пятниц[аы]|суббот[аы]|воскресень[ея])\b", re.I)
# A line under the text that shows a date and little else ("28 ноября 2011 г.", "15:19 28.11.2011").
DATE_LINE_MAX_WORDS = 5
# A byline is short: a longer line with a date is a teaser or a sentence of the text.
BYLINE_MAX_WORDS = 12
DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time", "created",
)

# An ISO-like date at the start of a metadata value: 2017-03-28, 2017-03-28T10:00:00+03:00.
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")

# A dotted date in metadata: 28.03.2017.
DOTTED_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass
class _Line:
    """One flattened line of the page."""

    text: str
    link_chars: int
    element: etree._Element  # the block element the line belongs to
    heading: bool
    index: int = 0
    figure: bool = False  # inside <figure>/<figcaption>: a picture's caption or credit
    caption: bool | None = None  # a caption, credit or byline (see _is_caption); computed once

    @cached_property
    def words(self) -> int:
        """Words of the line, counted once: the body search and the second opinion ask often,
        and splitting a page-long line each time made big pages slow."""
        return len(self.text.split())

    @property
    def link_share(self) -> float:
        return self.link_chars / max(1, len(self.text))


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
            body_lines = body_lines if how == "rules" else []
    paragraphs = [p for p in paragraphs if not title or not _same_text(p, title)]
    if not paragraphs:
        raise ExtractionRejected(url or page_url, "no article text found")
    if not title and title_candidates:
        title = _strip_site(title_candidates[0], site)
    published, published_how = _published(meta, root, lines, title_idx, body_lines, page_url)
    if published is None:
        published, published_how = _shown_date(lines, title, page_url, crawled)
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


# --------------------------------------------------------------------------- parsing


def page_language(html: str) -> str | None:
    """The language a page declares on its ``<html>`` element (``lang`` or ``xml:lang``), as written; None if none.

    Read from the page's start with a regular expression (the element opens the page), so
    it costs no second parse. A hint only: ``clean`` reads the language from the text.
    """
    match = _HTML_LANG.search(html[:LANG_SCAN_CHARS])
    return match.group(1) if match else None



def _parse(html: str) -> etree._Element | None:
    """Parse HTML text with lxml; None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    data = html.encode("utf-8", "replace")
    try:
        return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (etree.ParserError, ValueError):
        return None


def _read_meta(root: etree._Element) -> dict[str, str]:
    """Page metadata: meta tags (lower-cased names), <title>, canonical link, JSON-LD fields."""
    meta: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or el.get("datetime") or "").strip()
        if key and value and key not in meta:
            meta[key] = value
    title_el = root.find(".//title")
    if title_el is not None and title_el.text_content().strip():
        meta["<title>"] = " ".join(title_el.text_content().split())
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.setdefault("canonical", link.get("href").strip())
    for el in root.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(el.text_content())
        except (ValueError, TypeError):
            continue
        for obj in _jsonld_objects(data):
            for key in ("headline", "datePublished", "dateCreated"):
                if isinstance(obj.get(key), str) and f"ld:{key}" not in meta:
                    meta[f"ld:{key}"] = obj[key].strip()
            publisher = obj.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                meta.setdefault("ld:publisher", publisher["name"].strip())
    return meta


def _jsonld_objects(data) -> list[dict]:
    """All dict nodes of a JSON-LD document (top level, lists and @graph)."""
    out: list[dict] = []
    stack = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            out.append(node)
            if "@graph" in node:
                stack.append(node["@graph"])
    return out


def _site_name(meta: dict[str, str]) -> str | None:
    """The site name the metadata gives: og:site_name, JSON-LD publisher, application-name."""
    for key in ("og:site_name", "ld:publisher", "application-name"):
        if meta.get(key):
            return " ".join(meta[key].split())
    return None


def _shown_site_name(
    root: etree._Element,
    meta: dict[str, str],
    lines: list[_Line],
    title_idx: int | None,
    title: str | None,
    url: str | None,
) -> str | None:
    """The site name a page without name metadata shows, most trusted first, else the URL's host.

    A logo in the header (its image's alt or title, else its text), then the ``<title>`` part
    beside the headline ("Заголовок — Сайт", "Сайт :: Заголовок"), then the copyright line
    ("© 2020 Сайт"). The host of the URL is the last resort.
    """
    headline = lines[title_idx].element if title_idx is not None else None
    name = _logo_name(root, url, headline) or _title_site(meta.get("<title>"), title) or _copyright_site(lines)
    if name:
        return name
    if url:
        host = urlparse(url if "//" in url else "//" + url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _logo_name(root: etree._Element, url: str | None, headline: etree._Element | None) -> str | None:
    """The name shown by the site's logo: an element marked logo/brand/site-name before the headline.

    The site's own logo heads the page; logos after the headline, in footers and sidebars,
    or linking to another site belong to partners, informers and counters.
    """
    host = urlparse(url).hostname if url and "//" in url else None
    found: list[etree._Element] = []
    body = root.find("body")
    for el in (body if body is not None else root).iter():
        if el is headline or len(found) >= LOGO_MAX_ELEMENTS:
            break
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        marks = f"{el.get('class') or ''} {el.get('id') or ''}"
        if marks.strip() and LOGO_MARK.search(marks):
            found.append(el)
    for el in found:
        if _in_tags(el, ("footer", "aside")) or not _own_link(el, host):
            continue
        images = [el] if el.tag == "img" else list(el.iter("img"))
        texts = [img.get("alt") or img.get("title") or "" for img in images]
        texts += [el.get("title") or "", next((t for t in el.itertext() if t.strip()), "")]
        for text in texts:
            name = _clean_logo_text(text)
            if name:
                return name
    return None


def _in_tags(el: etree._Element, tags: tuple[str, ...]) -> bool:
    """Whether an element is inside (or is) one of the given tags."""
    while el is not None:
        if isinstance(el.tag, str) and el.tag.lower() in tags:
            return True
        el = el.getparent()
    return False


def _own_link(el: etree._Element, host: str | None) -> bool:
    """Whether the links of a logo element stay on the site (relative, or to the page's host)."""
    links = [el] if el.tag == "a" else list(el.iter("a"))
    parent = el.getparent()
    if parent is not None and parent.tag == "a":
        links.append(parent)
    for a in links:
        href = (a.get("href") or "").strip()
        if href.startswith(("http://", "https://", "//")):
            link_host = urlparse(href if not href.startswith("//") else "http:" + href).hostname or ""
            if host is None or link_host.removeprefix("www.") != host.removeprefix("www."):
                return False
    return True


def _clean_logo_text(text: str) -> str | None:
    """A logo's alt or text as a site name: generic words ("Логотип", "logo") dropped, short only."""
    text = _norm_space(LOGO_WORDS.sub(" ", text)).strip(" -–—|:,.")
    if not text or not any(c.isalpha() for c in text) or len(text.split()) > NAME_MAX_WORDS:
        return None
    if SECTION_PART.match(text) or text.lower() in ("главная", "на главную", "home", "main"):
        return None
    return _as_name(text)


def _as_name(text: str) -> str | None:
    """A tidied outlet name, or None for text that does not read as one (Russian in lower case)."""
    first = next((c for c in text if c.isalpha()), "")
    if first.islower() and re.match(r"[а-яё]", first):
        return None  # "новости Волгограда", "сайт города": a description, not a name
    return tidy_outlet(text)


def _title_site(page_title: str | None, headline: str | None) -> str | None:
    """The site name in ``<title>``: the part farthest from the headline ("Заголовок — Рубрика — Сайт")."""
    if not page_title or not headline:
        return None
    parts = [p.strip() for p in NAME_SEPARATORS.split(page_title) if p.strip()]
    at = next((i for i, p in enumerate(parts) if _same_text(p, headline) or _contains_words(p, headline)), None)
    if at is None or len(parts) < 2:
        return None
    others = [(abs(i - at), i, p) for i, p in enumerate(parts) if i != at and not SECTION_PART.match(p)]
    others = [o for o in others if len(o[2].split()) <= NAME_MAX_WORDS and any(c.isalpha() for c in o[2])]
    if not others:
        return None
    return _as_name(max(others)[2])


def _copyright_site(lines: list[_Line]) -> str | None:
    """The site named by the last copyright line of the page ("© 2020 Сайт. Все права защищены")."""
    for line in reversed(lines[-COPYRIGHT_LINES:]):
        m = re.search(r"©|\(c\)|copyright", line.text, re.I)
        if m:
            name = outlet_from_copyright(line.text[m.start() :])
            if name:
                return name
    return None


def _prune(root: etree._Element) -> None:
    """Drop invisible elements: scripts, form controls, and display:none/hidden subtrees."""
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    hidden = root.xpath(
        '//*[@hidden or @aria-hidden="true" or contains(translate(@style, "DISPLAYNONE ", "displaynone"), "display:none")'
        ' or contains(translate(@style, "VISIBLITYHDN ", "visiblityhdn"), "visibility:hidden")]'
    )
    for el in hidden:
        if el.getparent() is not None and el.tag not in ("html", "body"):
            el.drop_tree()


def _flatten(root: etree._Element) -> list[_Line]:
    """The visible text as lines: block elements and <br> start new lines."""
    lines: list[_Line] = []
    parts: list[str] = []
    state = {"link": 0, "block": root, "heading": False, "figure": False}

    def flush() -> None:
        text = _norm_space("".join(parts))
        if text:
            link = min(state["link"], len(text))
            lines.append(_Line(text, link, state["block"], state["heading"], len(lines), state["figure"]))
        parts.clear()
        state["link"] = 0
        state["heading"] = False
        state["figure"] = False

    def walk(el: etree._Element, in_link: bool, block: etree._Element, heading: bool, figure: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments and processing instructions
            if el.tail:
                add(el.tail, in_link, block, heading, figure)
            return
        tag = tag.lower()
        is_block = tag in BLOCK_TAGS
        outer_figure = figure
        if is_block:
            flush()
            block = el
            heading = heading or tag in HEADING_TAGS
            figure = figure or tag in FIGURE_TAGS
        if tag == "br":
            flush()
        link_here = in_link or tag == "a"
        if el.text:
            add(el.text, link_here, block, heading, figure)
        for child in el:
            walk(child, link_here, block, heading, figure)
        if is_block:
            flush()
        if el.tail:
            add(
                el.tail,
                in_link,
                el.getparent() if is_block else block,
                heading if not is_block else _in_heading(el.getparent()),
                outer_figure,
            )

    def add(text: str, in_link: bool, block: etree._Element, heading: bool, figure: bool) -> None:
        if not parts or not "".join(parts).strip():
            state["block"] = block
        if heading:
            state["heading"] = True
        if figure:
            state["figure"] = True
        parts.append(text)
        if in_link:
            state["link"] += len(_norm_space(text))

    body = root.find("body")
    walk(body if body is not None else root, False, root, False, False)
    flush()
    return lines


def _in_heading(el: etree._Element | None) -> bool:
    """Whether an element is inside a heading."""
    while el is not None:
        if isinstance(el.tag, str) and el.tag.lower() in HEADING_TAGS:
            return True
        el = el.getparent()
    return False


def _norm_space(text: str) -> str:
    """Collapse whitespace and drop invisible characters (zero-width space, soft hyphen, BOM)."""
    text = re.sub(r"[\u200b\u200c\u200d\u00ad\ufeff]", "", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- headline


def _words_norm(text: str) -> list[str]:
    """Normalised words for comparisons: NFKC, lower case, ё->е, punctuation removed."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return re.sub(r"[^\w\s]|_", " ", text).split()


def _same_text(a: str, b: str) -> bool:
    """Equal, or one contains the other and the shorter has >= 90% of the longer's words."""
    wa, wb = _words_norm(a), _words_norm(b)
    if not wa or not wb:
        return False
    sa, sb = " ".join(wa), " ".join(wb)
    if sa == sb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return (sa in sb or sb in sa) and len(short) >= TITLE_CONTAIN_SHARE * len(long_)


def _title_candidates(meta: dict[str, str], site: str | None, lines: list[_Line]) -> list[str]:
    """Headline strings from metadata (og:title, JSON-LD, <title>), as written, best first."""
    out: list[str] = []
    for key in ("og:title", "ld:headline", "twitter:title", "title", "<title>"):
        raw = _norm_space(meta.get(key) or "")
        if raw and raw not in out:
            out.append(raw)
    return out


def _strip_site(title: str, site: str | None) -> str:
    """A metadata headline without its " - Site" / "Site | " parts (for pages with no matching line)."""
    parts = [p.strip() for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) <= 1:
        return title
    if site:
        kept = [p for p in parts if not _same_text(p, site) and _norm_space(p).lower() not in site.lower()]
        if kept:
            parts = kept
    return max(parts, key=lambda p: len(p.split()))


def _find_title(lines: list[_Line], candidates: list[str]) -> tuple[int | None, str | None]:
    """The headline line: a line that is (a segment of) a metadata headline, else the best <h1>.

    A line matches a metadata headline when the two are equal, when the line is a run of at
    least three of its words (``<title>`` adds the site name, a rubric, a date), or when the
    line holds one of its parts plus only digits (a date in the same ``<h1>``). When several
    lines match (breadcrumb, teaser, the article heading), the one followed soonest by prose
    is taken: that one heads the article.
    """
    matches: list[tuple[float, int, str]] = []
    for cand in candidates:
        cwords = _words_norm(cand)
        if not cwords:
            continue
        ctext = f" {' '.join(cwords)} "
        parts = [p for p in TITLE_SEPARATORS.split(cand) if len(_words_norm(p)) >= 3]
        for line in lines:
            if line.words > len(cwords) + 12 or line.words < 2:
                continue
            lwords = _words_norm(line.text)
            if not lwords:
                continue
            title = None
            if _same_text(line.text, cand):
                title, quality = line.text, 1.0
            elif len(lwords) >= min(3, len(cwords)) and f" {' '.join(lwords)} " in ctext:
                title, quality = line.text, 0.5 + 0.5 * len(lwords) / len(cwords)
            else:
                for part in parts:
                    if _contains_words(line.text, part):
                        extra = " ".join(lwords).replace(" ".join(_words_norm(part)), " ", 1)
                        if all(w.isdigit() or w in TITLE_EXTRA_WORDS for w in extra.split()):
                            # a date in the <h1> is not part of the headline; "(фото)" is
                            only_digits = all(w.isdigit() for w in extra.split())
                            title, quality = (_norm_space(part) if only_digits else line.text), 0.9
                            break
            if title:
                matches.append((_title_line_score(lines, line) + quality, line.index, title))
    if not matches:
        for line in lines:
            if line.heading and line.element.tag.lower() == "h1" and 2 <= line.words <= 40 and line.link_share < 0.5:
                matches.append((_title_line_score(lines, line), line.index, line.text))
    if not matches:
        return None, None
    matches.sort(key=lambda m: (-m[0], m[1]))
    _, idx, title = matches[0]
    return idx, title


def _contains_words(text: str, sub: str) -> bool:
    """Whether the normalised words of ``sub`` occur in ``text`` in a row."""
    a, b = " ".join(_words_norm(text)), " ".join(_words_norm(sub))
    return bool(b) and f" {b} " in f" {a} "


def _title_line_score(lines: list[_Line], line: _Line) -> float:
    """How well a headline line heads an article: prose soon after, a heading tag, not a link."""
    prose_after = 0
    for nxt in lines[line.index + 1 : line.index + 1 + 30]:
        if _is_prose(nxt):
            prose_after += nxt.words / (1 + (nxt.index - line.index) / 10)
    score = min(prose_after, 200) / 200
    if line.heading:
        score += 0.3
    if line.link_share > 0.5:
        score -= 0.5
    return score


# --------------------------------------------------------------------------- body


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
        if len(between) > CONTINUE_MAX_GAP or any(_is_stop(line) for line in between):
            break
        if not all(_inside(line.element, container) for line in run):
            break
        out.extend(run)
    return out


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


def _inside(el: etree._Element, container: etree._Element) -> bool:
    """Whether an element is the container or lies inside it."""
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


def _trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    """Fallback: trafilatura's main text as paragraphs (no comments, tables or date search)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    try:
        text = trafilatura.extract(
            html,
            url=url,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=False,
            date_extraction_params={"extensive_search": False},
            deduplicate=True,
        )
    except Exception:  # trafilatura may fail on odd markup; the caller rejects the page
        return []
    if not text:
        return []
    out = []
    for line in text.split("\n"):
        line = _norm_space(line)
        if line and not JUNK_LINE.match(line) and len(line.split()) >= SHORT_MIN_WORDS and not _is_caption_text(line):
            out.append(line)
    return out


# --------------------------------------------------------------------------- date, views


def _published(
    meta: dict[str, str],
    root: etree._Element,
    lines: list[_Line],
    title_idx: int | None,
    body: list[_Line],
    url: str | None,
) -> tuple[str | None, str | None]:
    """The publication date from the page's metadata only, and how it was found."""
    for key in ("ld:datePublished", "ld:dateCreated"):
        value = _iso(meta.get(key))
        if value:
            return value, "json-ld"
    for key in DATE_META:
        value = _iso(meta.get(key))
        if value:
            return value, "meta"
    value = _time_in_article(lines, title_idx, body)
    if value:
        return value, "time"
    value = url_date(url)
    if value:
        return value, "url"
    value = _byline_date(lines, title_idx, body)
    if value:
        return value, "byline"
    return None, None


def _shown_date(lines: list[_Line], title: str | None, url: str | None, crawled: str | None = None) -> tuple[str | None, str | None]:
    """The date shown with the article when the page's metadata has none (issue 16): the dump
    cleaner's reading of the page's visible lines (a date line under the headline, in the meta
    line with the views, a byline under the text; never a header clock, a feed or a comment),
    taken only when it found the same headline, so the date belongs to this article."""
    from .dump import clean_dump

    if not title:
        return None, None
    article = clean_dump("\n\n".join(line.text for line in lines), url=url, crawled=crawled)
    if article.published and article.title and _same_text(article.title, title):
        return article.published, article.published_how
    return None, None


def _byline_date(lines: list[_Line], title_idx: int | None, body: list[_Line]) -> str | None:
    """A full date shown in a short line right next to the headline, when metadata has none.

    Many pages (older CMSs especially) carry no date metadata, only a byline such as
    "28.03.2017 14:05" under or over the headline. Only short lines within
    ``BYLINE_WINDOW`` lines of the headline, before the body, count, and only dates with a
    year: adverts and feeds sit elsewhere, and a relative or yearless date needs a page date
    we cannot trust here.
    """
    if title_idx is None:
        return None
    body_start = lines.index(body[0]) if body and body[0] in lines else len(lines)
    lo = max(0, title_idx - BYLINE_WINDOW)
    hi = min(len(lines), title_idx + BYLINE_WINDOW + 1, max(body_start, title_idx + 1))
    order = sorted(range(lo, hi), key=lambda i: (abs(i - title_idx), i < title_idx))
    for i in order:
        if i == title_idx or lines[i].words > BYLINE_MAX_WORDS:
            continue
        if i < title_idx and (i < HEADER_LINES or WEEKDAY.search(lines[i].text)):
            continue  # "Среда, 10 апреля 2013" above a headline is a header clock, not a byline
        shown = find_date(lines[i].text)
        if shown and shown.year and shown.month and shown.day:
            return resolve_date(shown)
    # Some CMSs print the date under the text ("15:19 28.11.2011" by the permalink): a line
    # that is little more than a full date, right after the last body line, counts too.
    end = lines.index(body[-1]) + 1 if body and body[-1] in lines else None
    for i in range(end or len(lines), min(len(lines), (end or len(lines)) + BYLINE_WINDOW)):
        text = lines[i].text
        shown = find_date(text)
        if shown and shown.year and shown.month and shown.day and lines[i].words <= DATE_LINE_MAX_WORDS:
            return resolve_date(shown)
    return None


def _iso(value: str | None) -> str | None:
    """A metadata date value as ISO 8601 (date, or datetime with offset), else None."""
    if not value:
        return None
    m = ISO_DATE.match(value)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        if not (valid_date(int(y), int(mo), int(d)) and YEAR_RANGE[0] <= int(y) <= YEAR_RANGE[1]):
            return None  # "0001-01-01T00:00:00" is a CMS placeholder, "2024-02-31" no date
        if hh is not None and (int(hh) > 23 or int(mm) > 59 or int(ss or 0) > 59):
            return None
        if hh is None:
            return f"{y}-{mo}-{d}"
        out = f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}"
        if tz:
            out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return out
    m = DOTTED_DATE.match(value)
    if m and valid_date(int(m.group(3)), int(m.group(2)), int(m.group(1))) and YEAR_RANGE[0] <= int(m.group(3)) <= YEAR_RANGE[1]:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _time_in_article(lines: list[_Line], title_idx: int | None, body: list[_Line]) -> str | None:
    """A ``<time datetime>`` inside the article: in the container of headline and body."""
    anchors = [line.element for line in body]
    if title_idx is not None:
        anchors.insert(0, lines[title_idx].element)
    if not anchors:
        return None
    container = _common_ancestor(anchors)
    if container is None or container.tag in ("html", "body"):
        return None
    for el in container.iter("time"):
        value = _iso(el.get("datetime"))
        if value:
            return value
    return None


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    """The lowest element containing all given elements."""
    paths = []
    for el in elements:
        path = []
        while el is not None:
            path.append(el)
            el = el.getparent()
        paths.append(path[::-1])
    common = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common


def _views(lines: list[_Line], title_idx: int | None, body: list[_Line]) -> int | None:
    """A view counter shown near the article, else None.

    First a counter in words ("Просмотров: 527", "3902 просмотра"), then a bare number in an
    element marked as views (an eye icon before "3 902", ``class="views"``,
    ``title="Просмотры"``): the words are the surer sign, so they win anywhere in the window.
    """
    if not body:
        return None
    lo = (title_idx if title_idx is not None else body[0].index) - 5
    hi = body[-1].index + 8
    window = [line for line in lines[max(0, lo) : hi] if line.words <= 12]
    for line in window:
        value = view_count(line.text)
        if value is not None:
            return value
    for line in window:
        if not any(c.isdigit() for c in line.text):
            continue  # the number is shown in the line itself
        value = _marked_count(line.element)
        if value is not None:
            return value
    return None


def _marked_count(block: etree._Element) -> int | None:
    """A number shown in (or right after) an element marked as a view counter in this block."""
    for el in _inline_elements(block):
        marks = " ".join(el.get(a) or "" for a in ("class", "id", "title", "itemprop", "aria-label"))
        if not marks.strip() or not VIEW_MARK.search(marks):
            continue
        own = el.text_content()
        m = COUNT_TEXT.match(own)
        if m is None and not own.strip():
            m = COUNT_TEXT.match(el.tail or "")  # an icon, and the number after it
        if m:
            return int(re.sub(r"\D", "", m.group(1)))
    return None


def _inline_elements(block: etree._Element):
    """The block and the elements inside it that are not blocks of their own."""
    yield block
    stack = list(block)[::-1]
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag.lower() in BLOCK_TAGS:
            continue
        yield el
        stack.extend(list(el)[::-1])
