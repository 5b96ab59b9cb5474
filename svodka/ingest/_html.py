"""HTML input for the readers: a page is sniffed, its declared charset read, and it is kept only
when it shows some text (the cleaner reads it later: ``clean.html``)."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Document
from ._decode import MAX_CONTROL_SHARE, _decode_meta, decode_counted
from ._private import control_share

# A declared charset in HTML: <meta charset="..."> or http-equiv content="...; charset=...".
# Searched in the whole page, not only the first 20 KB (some pages declare it later).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)

# Markers of an HTML document near its start.
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<div[\s>]|<p[\s>]", re.I)
_EXT_HTML = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


def _looks_like_html(head: bytes, lower_name: str) -> bool:
    """An HTML start (doctype, html/head/body tags) near the beginning, or .html with tags."""
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    start = text[:1024]
    if re.match(r"<!doctype\s+html|<html[\s>]|<head[\s>]", start, re.I):
        return True
    if start.startswith("<") and _HTML_START.search(text):
        return True
    return lower_name.endswith(_EXT_HTML) and "<" in text


def _html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>``, anywhere in the page."""
    match = _META_CHARSET.search(data)
    return match.group(1).decode("ascii", "replace") if match else None


def _read_html(data: bytes, name: str, *, url: str | None = None, fetched: str | None = None,
               declared: str | None = None) -> Document:
    """One HTML page; a page with no visible text is an InputError."""
    declared = declared or _html_declared_charset(data)
    text, encoding, bad = decode_counted(data, declared)
    if control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(name, "binary file (not text)")
    if not _html_has_text(text):
        raise InputError(name, "malformed HTML: no text found in the page")
    return Document(data=data, text=text, media_type="text/html", path=name, url=url, fetched=fetched, encoding=encoding,
                    meta=_decode_meta(bad))


def _html_has_text(text: str) -> bool:
    """Whether an HTML page has any visible text (lxml parses anything; this checks the result)."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return False
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    return any(ch.isalnum() for ch in root.text_content())
