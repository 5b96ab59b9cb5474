"""Feeds to follow: canonical item URLs, feed discovery on a site's page, OPML, what a feed says.

Pure functions over bytes and strings (no network): ``svodka feeds add`` fetches the page and
calls ``discover_feeds`` on it; the watcher calls ``read_feed`` on every full download.

A news item is known by its canonical URL: scheme and host lower-cased, the default port and
the fragment dropped, tracking parameters (``TRACKING_PARAMS``) removed and the rest sorted, so
a feed that repeats its items with new ``utm_*`` tags does not make them new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

from ..errors import InputError

__all__ = [
    "TRACKING_PARAMS",
    "COMMON_FEED_PATHS",
    "FeedItem",
    "FeedFacts",
    "canonical_url",
    "outlet_name",
    "discover_feeds",
    "parse_opml",
    "read_feed",
    "parse_every",
    "find_feeds",
    "url_problem",
]

# Query parameters that say where a reader came from, not what the page is: removed from item
# URLs (prefixes end in "_"). Yandex (yclid, ysclid, _openstat), Google (gclid, utm_*, _ga, _gl, ...), Microsoft (msclkid), Meta
# (fbclid), Mailchimp (mc_*), and the "from=rss" tags Russian outlets add to feed links.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "yclid", "ysclid", "_openstat", "mc_cid", "mc_eid", "igshid", "from", "ref", "rss",
                   "_ga", "_gl", "dclid", "gbraid", "wbraid", "msclkid", "twclid", "ttclid", "srsltid")
# Where sites keep their feeds when the page links none (tried in order by ``svodka feeds add``).
COMMON_FEED_PATHS = ("/rss", "/rss.xml", "/feed", "/feed.xml", "/atom.xml", "/index.xml", "/rss/all", "/export/rss2/index.xml")
# Media types of feeds in <link rel="alternate">.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml", "text/xml", "application/xml")
# Seconds per sy:updatePeriod (RSS 1.0 syndication module).
UPDATE_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400}
# "10m", "2h", "30s", "1d": a polling interval given by the user.
_EVERY = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.I)
MAX_EVERY = 30 * 86400  # the longest interval --every, --min-interval, --max-interval and --lease take
_UNIT = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}
# Largest interval a feed may ask for that is kept (seconds): a year; the schedule caps it at
# its own ``high`` anyway, this keeps the stored number in range.
MAX_TTL = 365 * 86400
_DIGITS = re.compile(r"^[0-9]{1,12}$")


# A channel title's tail that names the feed, not the outlet: "Вестник — лента новостей",
# "Речной курьер: все новости", "Заречье | RSS".
_FEED_TAIL = re.compile(r"\s*[—–\-:|·]\s*(?:rss|atom|лента(?:\s+новостей)?|(?:все|главные|последние|свежие)?\s*новости|news(?:\s+feed)?|feed)\b[^—–|]*$", re.I)


def outlet_name(channel_title: str | None) -> str | None:
    """The outlet a feed's channel title names, without a tail naming the feed itself."""
    title = " ".join((channel_title or "").split())
    short = _FEED_TAIL.sub("", title)
    return (short or title) or None


def canonical_url(url: str) -> str:
    """The URL an item is known by: tracking parameters, fragment and default port gone, query sorted."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    # The query is filtered as written: decoding and re-encoding it would turn "?123" into
    # "?123=" and a cp1251 "?q=%EF%F0" into U+FFFD bytes (another URL, the page fetched from it not the item's).
    query = sorted(p for p in parts.query.split("&") if p and not _tracking(unquote_plus(p.split("=", 1)[0])))
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, "&".join(query), ""))


def url_problem(url: str) -> str | None:
    """Why a URL cannot be followed as a feed (None: it can): http(s), a host, a valid port, no spaces.

    ``feeds add --no-discover`` and OPML import take URLs without fetching them; a malformed
    one ("http://[::1", "http:///rss") was stored and failed every poll until marked failing.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return "not an http(s) URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
        return "not an http(s) URL"
    return None if port_ok else "not an http(s) URL (bad port)"


def _tracking(key: str) -> bool:
    key = key.lower()
    return any(key.startswith(p) if p.endswith("_") else key == p for p in TRACKING_PARAMS)


def parse_every(text: str) -> int:
    """Seconds of a polling interval written "10m", "2h", "90s" or "1d" (a bare number is minutes).

    Longer than ``MAX_EVERY`` is refused: a typo such as "400d" would silence a feed for a year
    (and a huge number would overflow the schedule's timestamps).

    Raises:
        ValueError: for anything else, zero, or past ``MAX_EVERY``.
    """
    match = _EVERY.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"not an interval: {text!r} (write 10m, 2h, 90s or 1d)")
    seconds = int(match.group(1)) * _UNIT[match.group(2).lower()]
    if seconds > MAX_EVERY:
        raise ValueError(f"{text!r} is longer than {MAX_EVERY // 86400} days")
    return seconds


class _Links(HTMLParser):
    """The feed links of a page's <link rel="alternate"> (and <a> to obvious feed URLs)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str | None]] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"]
        if tag != "link" or not a.get("href"):
            return
        rels = a.get("rel", "").lower().split()
        kind = a.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES:
            self.links.append((a["href"], a.get("title") or None))


def discover_feeds(html: str, base_url: str) -> list[tuple[str, str | None]]:
    """The feeds a page announces in ``<link rel="alternate" type="application/rss+xml" ...>``.

    Returns:
        (absolute URL, title or None) in page order, each URL once.
    """
    parser = _Links()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001  (html.parser gives up on some broken markup: keep what it found)
        pass
    base = urljoin(base_url, parser.base) if parser.base else base_url
    seen: dict[str, str | None] = {}
    for href, title in parser.links:
        url = urljoin(base, href.strip())
        if url.startswith(("http://", "https://")) and url not in seen:
            seen[url] = title
    return list(seen.items())


def parse_opml(data: bytes, name: str = "OPML") -> list[tuple[str, str | None]]:
    """The feeds of an OPML subscription list: every ``<outline xmlUrl=...>``, nested or not.

    Parsed with the standard library's expat without DTD or external entities (defusedxml-like:
    a DOCTYPE is refused).

    Returns:
        (feed URL, title or None), each URL once.
    Raises:
        InputError: the file is not XML, declares a DOCTYPE, or lists no feed.
    """
    import xml.parsers.expat

    found: dict[str, str | None] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag.lower() != "outline":
            return
        lower = {k.lower(): v for k, v in attrs.items()}
        url = (lower.get("xmlurl") or "").strip()
        if url_problem(url) is None and url not in found:
            found[url] = (lower.get("title") or lower.get("text") or "").strip() or None

    def doctype(*_args) -> None:
        raise ValueError("a DOCTYPE in OPML is refused (no entity expansion)")

    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except (xml.parsers.expat.ExpatError, ValueError) as exc:
        raise InputError(name, f"not an OPML file: {exc}") from None
    if not found:
        raise InputError(name, "OPML lists no feed (no <outline xmlUrl=...>)")
    return list(found.items())


@dataclass
class FeedItem:
    """One item of a feed: its canonical URL and what the feed says of it."""

    url: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None


@dataclass
class FeedFacts:
    """What one download of a feed says: its title, the interval it asks for, its items."""

    title: str | None = None
    ttl: int | None = None  # seconds: RSS <ttl>, or sy:updatePeriod / sy:updateFrequency
    items: list[FeedItem] = field(default_factory=list)


def read_feed(data: bytes, name: str) -> FeedFacts:
    """Read a feed's items and schedule hints (parsed safely: see ``readers.parse_feed``).

    Raises:
        InputError: malformed XML with no items, or not a feed at all.
    """
    from ..ingest.readers import feed_date, parse_feed
    from ..ingest._private import fragment_paragraphs

    parsed = parse_feed(data)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        exc = parsed.get("bozo_exception")
        detail = f": {str(exc).splitlines()[0]}" if exc and str(exc) else ""
        raise InputError(name, f"not a feed (malformed XML or no RSS/Atom){detail}")
    head = parsed.get("feed") or {}
    facts = FeedFacts(title=" ".join((head.get("title") or "").split()) or None, ttl=_ttl(head))
    seen: set[str] = set()
    for entry in entries:
        link = entry.get("link") or (entry.get("id") if str(entry.get("id", "")).startswith(("http://", "https://")) else None)
        if not link:
            continue
        # a relative <link> ("/news/1.html": feedparser has no base for bytes) is the feed's
        # address's; it was kept as it was, never fetched, and stored under a path for a URL
        url = canonical_url(urljoin(name, link.strip()) if name.startswith(("http://", "https://")) else link)
        if not url.startswith(("http://", "https://")):
            continue
        if url in seen:
            continue
        seen.add(url)
        html = entry.get("summary") or entry.get("description") or ""
        summary = "\n\n".join(fragment_paragraphs(html)) if html else ""
        title = " ".join((entry.get("title") or "").split()) or None
        facts.items.append(FeedItem(url, title, summary or None, feed_date(entry)))
    return facts


def _ttl(head: dict) -> int | None:
    """Seconds the feed asks to wait between polls, from <ttl> (minutes) or the syndication module.

    Only ASCII digits count (``str.isdigit`` takes "²", which ``int`` refuses), and the answer
    is capped at ``MAX_TTL``: a feed's absurd ``<ttl>99999999999999999999</ttl>`` must not
    overflow the archive's integer column (it took the whole batch of polls, and the watcher, down).
    """
    minutes = _count(head.get("ttl"))
    if minutes:
        return min(minutes * 60, MAX_TTL)
    period = UPDATE_PERIODS.get(str(head.get("sy_updateperiod") or "").strip().lower())
    if period:
        return min(MAX_TTL, max(1, period // (_count(head.get("sy_updatefrequency")) or 1)))
    return None


def _count(value: object) -> int | None:
    """A positive whole number written in ASCII digits, or None."""
    text = str(value or "").strip()
    return int(text) if _DIGITS.match(text) and int(text) > 0 else None


def _is_feed(data: bytes) -> bool:
    """Whether bytes are an RSS/Atom/RDF feed (what the readers sniff, then feedparser's word)."""
    head = data[:2048].lstrip().lower()
    if not head.startswith(b"<?xml") and not any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        return False
    from ..ingest.readers import parse_feed

    try:
        return bool(parse_feed(data).get("version"))
    except InputError:
        return False


def find_feeds(url: str, fetch) -> list[tuple[str, str | None]]:
    """The feeds to follow for a URL: the URL itself if it is a feed, else those its page announces,
    else the first of ``COMMON_FEED_PATHS`` on its site that is one.

    Args:
        url: a feed's or a site's URL.
        fetch: URL -> ``Document`` (``Fetcher.fetch``); raises ``FetchError``.
    Returns:
        (feed URL, title or None); the URL of a feed as given (after redirects: as fetched).
    Raises:
        FetchError: the URL cannot be fetched.
        InputError: it is neither a feed nor a page announcing one, and no common path holds one.
    """
    from ..ingest.readers import decode

    doc = fetch(url)
    data = doc.data or b""
    if _is_feed(data):
        return [(doc.url or url, None)]
    html, _ = decode(data, doc.encoding)
    found = discover_feeds(html, doc.url or url)
    if found:
        return found
    for path in COMMON_FEED_PATHS:
        candidate = urljoin(doc.url or url, path)
        try:
            got = fetch(candidate)
        except Exception:  # noqa: BLE001  (a missing path is the usual answer: try the next)
            continue
        if _is_feed(got.data or b""):
            return [(got.url or candidate, None)]
    raise InputError(url, "neither a feed nor a page that announces one (no <link rel=alternate>, none at the common paths)")
