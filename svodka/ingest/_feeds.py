"""Feed input for the readers and ``svodka watch``: RSS, Atom and RDF parsed safely (decoded
here, the prolog and DOCTYPE dropped before feedparser sees it), one document per item."""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

from ..clean._names import outlet_from_title
from ..errors import InputError
from ..model import Document
from ._decode import _decode_meta, _replaced, decode_counted
from ._private import fragment_paragraphs

__all__ = ["parse_feed", "feed_date"]

# An XML declaration's encoding="...".
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)["']""", re.I)

# What starts a feed once the XML declaration, comments and doctype are skipped.
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)

# The start of an XML element: where a feed's root must begin once its prolog is dropped.
_ROOT_START = re.compile(r"<[A-Za-z_:]")
_EXT_FEED = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")


def _looks_like_feed(head: bytes, lower_name: str) -> bool:
    """RSS, Atom or RDF root element near the start."""
    text = head.decode("latin-1")
    if _FEED_START.match(text.lstrip("\ufeff\xef\xbb\xbf")):
        return True
    if lower_name.endswith(_EXT_FEED):
        stripped = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
        return stripped.startswith("<?xml") and "<html" not in stripped
    return False


def parse_feed(data: bytes) -> Any:
    """A feed's bytes parsed by feedparser safely: decoded here, its prolog (and DOCTYPE) dropped.

    The one way svodka parses a feed: the readers and ``svodka watch`` (watch/feeds.py) call it.
    Raises ``InputError`` for an unterminated DOCTYPE.
    """
    return _parse_feed(data)[0]


def _parse_feed(data: bytes) -> tuple[Any, str, int]:
    """(the parsed feed, the encoding it was decoded from, bytes that did not decode)."""
    import feedparser

    match = _XML_ENCODING.search(data[:1024])
    text, encoding, bad = decode_counted(data, match.group(1).decode("ascii") if match else None)
    body = _without_prolog(text)
    # feedparser is given bytes (never a string that could be taken for a URL to fetch).
    return feedparser.parse(('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")), encoding, bad


def _read_feed(data: bytes, name: str) -> Iterator[Document | InputError]:
    """RSS 2.0 / Atom / RDF: one document per item, HTML in descriptions flattened.

    The feed is decoded here and handed to feedparser as UTF-8 without its prolog: no DOCTYPE,
    so no entity declarations to expand (a 500 KB feed with one 50,000-character entity used
    150,000 times took feedparser past 4 GB) and no external DTD or entity to load.
    """
    parsed, encoding, bad = _parse_feed(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        exc = parsed.get("bozo_exception")
        detail = f": {str(exc).splitlines()[0]}" if exc and str(exc) else ""
        raise InputError(name, f"malformed XML/feed{detail}")
    if not entries:
        raise InputError(name, "feed holds no items")
    # The channel title names the outlet, often with a section: "Сайт — Лента новостей".
    feed_title = outlet_from_title((parsed.get("feed") or {}).get("title"))
    # The language the feed declares (RSS <language>, Atom xml:lang): a hint to clean's detection.
    feed_language = (parsed.get("feed") or {}).get("language")
    for i, entry in enumerate(entries, start=1):
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry["content"]), key=len)
        if not html:
            html = entry.get("summary") or entry.get("description") or ""
        paragraphs = fragment_paragraphs(html)
        title = " ".join((entry.get("title") or "").split()) or None
        if not paragraphs and not title:
            yield InputError(f"{name}:{i}", "feed item has neither title nor text")
            continue
        language = (entry.get("title_detail") or {}).get("language") or feed_language
        meta = {"title": title, "published": feed_date(entry), "source": feed_title, "language": language if isinstance(language, str) else None}
        link = entry.get("link")
        if link:
            meta["url"] = link
        yield Document(
            text="\n\n".join(paragraphs),
            media_type="application/x-feed-item",
            path=f"{name}:{i}",
            url=link,
            encoding=encoding,
            meta={k: v for k, v in meta.items() if v} | (_decode_meta(_replaced(title, html)) if bad else {}),
        )


def _without_prolog(text: str) -> str:
    """An XML document from its root element on: the declaration, comments, processing
    instructions and DOCTYPE (with any internal subset of entity declarations) dropped.

    Raises:
        InputError: (with no name) for an unterminated prolog construct, or text that is not
            an element where the root should start.
    """
    pos, end = 0, len(text)
    while True:
        while pos < end and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if text.startswith("<?", pos):
            pos = _after(text, "?>", pos + 2, "processing instruction")
        elif text.startswith("<!--", pos):
            pos = _after(text, "-->", pos + 4, "comment")
        elif text[pos:pos + 9].upper() == "<!DOCTYPE":
            pos = _after_doctype(text, pos + 9)
        else:
            break
    if not _ROOT_START.match(text, pos):
        raise InputError(None, "malformed XML/feed: text before the root element")
    return text[pos:]


def _after(text: str, close: str, pos: int, what: str) -> int:
    """The position just after ``close`` found from ``pos``; an unterminated construct is an InputError."""
    found = text.find(close, pos)
    if found < 0:
        raise InputError(None, f"malformed XML/feed: unterminated {what}")
    return found + len(close)


def _after_doctype(text: str, pos: int) -> int:
    """The position just after a DOCTYPE declaration whose name starts at ``pos``.

    Quoted strings, the ``[...]`` internal subset and, inside it, comments and processing
    instructions are skipped whole, so a ``>`` or ``]`` in them does not end the declaration.
    """
    end, subset = len(text), False
    while pos < end:
        char = text[pos]
        if char in "\"'":
            pos = _after(text, char, pos + 1, "DOCTYPE")
        elif subset and text.startswith("<!--", pos):
            pos = _after(text, "-->", pos + 4, "comment in the DOCTYPE")
        elif subset and text.startswith("<?", pos):
            pos = _after(text, "?>", pos + 2, "processing instruction in the DOCTYPE")
        elif char == "[" and not subset:
            subset, pos = True, pos + 1
        elif char == "]" and subset:
            subset, pos = False, pos + 1
        elif char == ">" and not subset:
            return pos + 1
        else:
            pos += 1
    raise InputError(None, "malformed XML/feed: unterminated DOCTYPE")


def feed_date(entry: Any) -> str | None:
    """An item's publication date as ISO 8601, keeping its UTC offset when the feed gives one."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).isoformat()  # RSS: RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return datetime.fromisoformat(raw.strip().replace("Z", "+00:00")).isoformat()  # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc).isoformat()
    return None
