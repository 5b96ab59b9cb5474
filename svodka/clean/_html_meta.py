"""What an HTML page says about its article besides the body (see ``clean.html``).

The page's metadata (meta tags, ``<title>``, canonical link, JSON-LD), the site name (from
metadata, else the logo, the ``<title>``, the copyright line, the host), the headline line,
the publication date (metadata only, then a byline next to the headline) and the view counter.
"""

from __future__ import annotations

from datetime import datetime, timezone

import json
import re
from ._dumpmeta import _domain

from lxml import etree

from ._counters import view_count
from ._dates import WEEKDAY, YEAR_RANGE, valid_date, find_date, resolve_date, url_date
from ._html_body import BYLINE_MAX_WORDS, _is_prose
from ._html_page import BLOCK_TAGS, _common_ancestor, _contains_words, _in_tags, _Line, _norm_space, _same_text, _words_norm
from ._names import NAME_MAX_WORDS, NAME_SEPARATORS, OUTLET_KIND, SECTION_PART, tidy_outlet
from ._outletshape import copyright_outlet
from .dump import clean_dump

# Separators between a headline and the site name in <title>/og:title ("Заголовок - Сайт").
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]+\s+|\s*:{2,}\s*|(?<=\w):\s+|\s*\|\s*|(?<=\w\w)[.!?]\s+(?=[А-ЯЁA-Z])")

# Words a headline line may carry beyond the metadata headline: a media marker ("(фото)").
# Together with digits (a date or time in the same <h1>) they are ignored when matching.
TITLE_EXTRA_WORDS = frozenset("фото видео photo video инфографика обновлено обновлено upd".split())

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
DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "published_time", "created",
)

# Lines around the headline searched for a byline date when the page has no date metadata.
BYLINE_WINDOW = 3

# The first lines of a page are its header (logo, clock), never a byline.
HEADER_LINES = 3

# A line under the text that shows a date and little else ("28 ноября 2011 г.", "15:19 28.11.2011").
DATE_LINE_MAX_WORDS = 5

# An ISO-like date at the start of a metadata value: 2017-03-28, 2017-03-28T10:00:00+03:00.
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?")

# A dotted date in metadata: 28.03.2017.
DOTTED_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


# --------------------------------------------------------------------------- metadata, site name


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
    name = _logo_name(root, url, headline) or _title_site(meta.get("<title>"), title) or _copyright_site(lines, url)
    if name:
        return name
    return _domain(url)


def _logo_name(root: etree._Element, url: str | None, headline: etree._Element | None) -> str | None:
    """The name shown by the site's logo: an element marked logo/brand/site-name before the headline.

    The site's own logo heads the page; logos after the headline, in footers and sidebars,
    or linking to another site belong to partners, informers and counters.
    """
    host = _domain(url) if url and "//" in url else None
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


def _own_link(el: etree._Element, host: str | None) -> bool:
    """Whether the links of a logo element stay on the site (relative, or to the page's host)."""
    links = [el] if el.tag == "a" else list(el.iter("a"))
    parent = el.getparent()
    if parent is not None and parent.tag == "a":
        links.append(parent)
    for a in links:
        href = (a.get("href") or "").strip()
        if href.startswith(("http://", "https://", "//")):
            link_host = _domain(href if not href.startswith("//") else "http:" + href) or ""
            if host is None or link_host != host:
                return False
    return True


def _clean_logo_text(text: str) -> str | None:
    """A logo's alt or text as a site name: generic words ("Логотип", "logo") dropped, short only."""
    text = _norm_space(LOGO_WORDS.sub(" ", text)).strip(" -–—|:,.")
    if not any(c.isalpha() for c in text) or sum(c.isalnum() for c in text) < 2 or len(text.split()) > NAME_MAX_WORDS:
        return None  # a letter styled in the logo's colour ("logo_red") is no name; "Т1" is
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


def _outlet_under_copyright(text: str) -> str | None:
    """The outlet a line under a company's copyright names by its kind: "ИА «Татар-информ»" alone,
    or the quoted name after the kind in a registration sentence ("Сетевое издание «Вестник»
    зарегистрировано Роскомнадзором, ..."): "© 2024 Филиал АО «...»" names the company only."""
    kind = OUTLET_KIND.match(text)
    if kind is None:
        return None
    quoted = re.match(r"[«\"„“]([^«»\"„“]{1,40})[»\"“”]", text[kind.end() :])
    if quoted:
        return tidy_outlet(quoted.group(1))
    return tidy_outlet(text) if len(text.split()) <= NAME_MAX_WORDS else None


def _copyright_site(lines: list[_Line], url: str | None = None) -> str | None:
    """The site named by the last copyright line of the page ("© 2020 Сайт. Все права защищены",
    "© 1999–2018 ООО «Лента.Ру»" on lenta.ru)."""
    host = _domain(url) if url and "//" in url else None
    tail = lines[-COPYRIGHT_LINES:]
    for k in range(len(tail) - 1, -1, -1):
        m = re.search(r"©|\(c\)|copyright", tail[k].text, re.I)
        if m:
            name = copyright_outlet(tail[k].text[m.start() :], host)
            if name is None and k + 1 < len(tail):
                name = _outlet_under_copyright(tail[k + 1].text.strip())
            if name:
                return name
    return None


# --------------------------------------------------------------------------- headline


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
    value = _byline_date(lines, title_idx, body)
    if value:
        return value, "byline"
    value = url_date(url)  # the address's date only when the page shows none (issue 16)
    if value:
        return value, "url"
    return None, None


def _shown_date(lines: list[_Line], title: str | None, url: str | None, crawled: str | None = None) -> tuple[str | None, str | None]:
    """The date shown with the article when the page's metadata has none (issue 16): the dump
    cleaner's reading of the page's visible lines (a date line under the headline, in the meta
    line with the views, a byline under the text; never a header clock, a feed or a comment),
    taken only when it found the same headline, so the date belongs to this article."""
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
    placeholder = False
    for line in window:
        if not any(c.isdigit() for c in line.text):
            continue  # the number is shown in the line itself
        value = _marked_count(line.element)
        if value == 0:
            # a marked counter at 0 is the page's placeholder that a script fills after loading
            # (the saved page never ran it): the article shows no count there; when it stands
            # with the article (not under its text) ...
            placeholder = placeholder or line.index <= body[-1].index
        elif value is not None:
            # ... a count past the text is a teaser's
            return None if placeholder and line.index > body[-1].index else value
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


# The largest offset from UTC a news site's local time has (hours).
MAX_UTC_OFFSET_HOURS = 14


def _local_time(published: str, how: str | None, shown: str | None) -> tuple[str, str | None]:
    """A machine date written in UTC ("2009-08-30T20:07:38+00:00") while the page shows the
    article's local time on another day ("00:07, 31 августа 2009"): the same instant, written
    with the page's own offset, so the date is the one the reader sees (issue 16: the date
    shown with the article). Unchanged unless the two differ by whole quarter-hours, within
    ``MAX_UTC_OFFSET_HOURS``, and their days differ."""
    if not shown or "T" not in shown or "T" not in published:
        return published, how
    try:
        machine = datetime.fromisoformat(published)
        seen = datetime.fromisoformat(shown)
    except ValueError:
        return published, how
    if machine.tzinfo is None or seen.tzinfo is not None or machine.date() == seen.date():
        return published, how
    # the page shows minutes: compare the machine time to the minute too
    offset = seen.replace(second=0, microsecond=0) - machine.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    minutes = offset.total_seconds() / 60
    if minutes % 15 or abs(minutes) > MAX_UTC_OFFSET_HOURS * 60:
        return published, how
    local = machine.astimezone(timezone(offset))
    return local.isoformat(), f"{how}, in the page's local time" if how else "local time"
