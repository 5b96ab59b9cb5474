"""JSON Lines and JSON input for the readers: one document per record (``text``, ``html``,
``url``, ``title``, ``published``, ``source``), a bad record an error of its own."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document
from ._decode import _decode_meta, _replaced
from ._html import _html_has_text
from ._private import DEFAULT_MAX_BYTES, too_big_reason

# Fields a JSON Lines record may carry; a record needs at least one of them.
JSONL_FIELDS = ("text", "html", "url", "title", "published", "source")

# File name extensions that are hints for a format the bytes alone may not show.
_EXT_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


def _looks_like_jsonl(stripped: str) -> bool:
    """The first line is a JSON object."""
    if not stripped.startswith("{"):
        return False
    end = stripped.find("\n")
    first = stripped if end < 0 else stripped[:end]  # not split(): that would copy the rest of the text
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def _read_jsonl(text: str, name: str, encoding: str, bad: int = 0, max_bytes: int | None = None) -> Iterator[Document | InputError]:
    """One document per JSON object line; a bad line is an error for that line only.

    A line longer than ``max_bytes`` characters (so at least that many bytes, in any encoding)
    is refused unparsed: a gzipped file may unpack to 20 x ``max_bytes``, and one record of it
    must not become a document bigger than an input may be (a 19 MB record took 273 MB to read
    and clean). JSON arrays, feeds and WARC need no such cap: a .json or feed is held to
    ``max_bytes`` whole, and a WARC record's body is read no further than its limit.
    """
    limit = max_bytes or DEFAULT_MAX_BYTES
    for lineno, line in _lines(text):
        record_name = f"{name}:{lineno}"
        if len(line) > limit:
            yield InputError(record_name, too_big_reason(len(line), limit).replace("file is", "record is at least"))
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputError(record_name, f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        yield _record_document(obj, record_name, encoding, bad)


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of a text numbered from 1, split on "\\n" only, a trailing "\\r" dropped.

    Not ``str.splitlines()``: it also splits on U+2028/U+2029 and U+0085, which JSON allows raw
    inside strings (``json.dumps(ensure_ascii=False)`` writes them so), and on \\x1c-\\x1e, which
    would shift the numbers of the lines after them; and it would hold every line of a file of
    up to 100 MB in one list.
    """
    start, lineno, end = 0, 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            stop = end
        lineno += 1
        yield lineno, text[start:stop - 1] if stop > start and text[stop - 1] == "\r" else text[start:stop]
        start = stop + 1


def _read_json(text: str, name: str, encoding: str, bad: int = 0) -> Iterator[Document | InputError]:
    """A .json file: one record object, or an array of them (named ``path:INDEX``)."""
    try:
        obj = json.loads(text)
    except ValueError as exc:
        raise InputError(name, f"malformed JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(obj, list):
        if not obj:
            raise InputError(name, "JSON array holds no records")
        for i, item in enumerate(obj, start=1):
            yield _record_document(item, f"{name}:{i}", encoding, bad)
    else:
        yield _record_document(obj, name, encoding, bad)


def _record_document(obj: Any, name: str, encoding: str, bad: int = 0) -> Document | InputError:
    """A Document from one JSON record with text/html/url/title/published/source fields."""
    if not isinstance(obj, dict):
        return InputError(name, f"expected a JSON object, got {type(obj).__name__}")
    if not any(obj.get(k) for k in JSONL_FIELDS):
        return InputError(name, f"record has none of the fields {', '.join(JSONL_FIELDS)}")
    for key in JSONL_FIELDS:
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return InputError(name, f"field {key!r} must be a string, got {type(obj[key]).__name__}")
    html, text, url = obj.get("html"), obj.get("text"), obj.get("url")
    meta = {k: obj[k] for k in ("title", "published", "source", "url") if obj.get(k)}
    declared = obj.get("language") or obj.get("lang")
    if isinstance(declared, str) and declared.strip():  # a hint to the language detection (clean)
        meta["language"] = declared.strip()
    if bad:  # the file was damaged UTF-8: say which records took replaced bytes
        meta.update(_decode_meta(_replaced(html, text, obj.get("title"))))
    if html:
        if not _html_has_text(html):
            return InputError(name, "malformed HTML: no text found in the record's html")
        return Document(text=html, media_type="text/html", path=name, url=url, encoding=encoding, meta=meta)
    if not text and not url:
        return InputError(name, "record has no text, html or url")
    return Document(text=text, media_type="text/plain", path=name, url=url, encoding=encoding, meta=meta)
