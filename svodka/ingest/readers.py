"""Readers: turn files, directories, stdin and byte strings into ``Document`` objects.

The format is chosen by sniffing the bytes (the file name is only a hint): gzip is opened,
``WARC/`` starts a WARC, ``<rss``/``<feed`` a feed, a leading ``{`` that parses is JSON Lines,
``<html``/``<!doctype html`` is HTML, anything else that decodes is a flattened text dump.

Every input that cannot be read becomes an ``InputError`` that is *yielded*, not raised, so
the rest of a batch goes on; its reason is one line, never a traceback. Every input yields at
least one item. Of a file's bad records (JSONL lines, feed items, WARC records) the first
``MAX_RECORD_ERRORS`` are errors of their own and the rest one error whose ``count`` says how
many it stands for. Mostly-valid UTF-8 is decoded with its bad bytes replaced by U+FFFD and
counted in ``Document.meta["decode_errors"]``. Feeds reach feedparser without their DOCTYPE, so
no entity is ever expanded or loaded; a gzip input read as one document must fit ``max_bytes``
once decompressed, and so must each record of a JSON Lines file (which may unpack to more).

Public functions:

- ``read_paths(paths, max_bytes=..., stdin=None)``: files, directories (walked in sorted
  order, hidden files skipped) and ``-`` for stdin.
- ``read_bytes(data, name)``: one input already in memory (used by the fetcher and the API).
- ``decode(data, declared=None)``: bytes to text, detecting UTF-8, cp1251 and koi8-r;
  ``decode_counted`` also returns how many bad UTF-8 sequences were replaced.
"""

from __future__ import annotations

import codecs
import contextlib
import email.utils
import io
import json
import os
import re
import sys
import threading
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any, BinaryIO

from ..clean._names import outlet_from_title
from ..errors import InputError
from ..model import Document
from ._private import (
    BINARY_MAGIC,
    control_share,
    cyrillic_quality,
    display_name,
    fragment_paragraphs,
    human_size,
    limit_text,
    plausible_share,
    too_big_reason,
)

__all__ = ["read_paths", "read_bytes", "parse_feed", "feed_date", "decode", "decode_counted", "DEFAULT_MAX_BYTES", "JSONL_FIELDS"]

# Largest input read by default (5 MB): a news page is rarely over 1 MB; a bigger file is
# usually a mistake (a video, a database dump). ``--max-bytes`` raises it.
DEFAULT_MAX_BYTES = 5_000_000

# A gzip member may expand to at most this many times ``max_bytes``: guards against gzip bombs
# while letting a full 5 MB .warc.gz (text compresses ~5-10x) through.
GZIP_EXPANSION_LIMIT = 20

# Fields a JSON Lines record may carry; a record needs at least one of them.
JSONL_FIELDS = ("text", "html", "url", "title", "published", "source")

# Bytes looked at when sniffing the format (the start of the input).
SNIFF_BYTES = 4096
# Largest decompressed body of one WARC record when no limit is given (a page is < 5 MB).
WARC_RECORD_MAX_BYTES = 20_000_000

# Code pages tried, after UTF-8, for bytes that are not UTF-8. These are the encodings of
# Russian-language sites; charset-normalizer's own guess is added to them.
# mac-cyrillic is left out: it differs from cp1251 only in a few letters and would tie with it.
FALLBACK_ENCODINGS = ("cp1251", "koi8-r", "cp866", "iso-8859-5")

# A decoding whose non-space characters are less than this share of plausible Latin/Cyrillic
# text is rejected as undecodable (real Russian text scores ~1.0, random bytes < 0.5).
MIN_PLAUSIBLE = 0.85

# A declared charset is kept unless another decoding looks better by this margin of
# cyrillic_quality (so that a correct declaration always wins ties).
DECLARED_MARGIN = 0.15

# Characters of a decoding that are scored (plausibility, lowercase Cyrillic): enough to tell
# code pages apart. Of a code page that is only a candidate, only these are kept: four whole
# decodings of a cp1251 JSON Lines file unpacked to 95 MB took 819 MB; the winner is decoded
# again in full.
SCORE_CHARS = 20_000

# Share of control characters from which a decoded text is taken for binary data.
MAX_CONTROL_SHARE = 0.01

# Bytes that are not UTF-8 are still read as damaged UTF-8 (each bad sequence becomes U+FFFD)
# while there is at most one bad sequence per this many well-formed non-ASCII characters (or
# a single one in a short text). An appended 0xFF in the founding example gives 1 bad sequence
# against 1,968 good characters; the same text in cp1251 or koi8-r gives 1,968 bad and 0 good,
# and 100 KB of random bytes 41,738 bad against 3,225 good: neither passes.
UTF8_GOOD_PER_BAD = 20

# A declared charset in HTML: <meta charset="..."> or http-equiv content="...; charset=...".
# Searched in the whole page, not only the first 20 KB (some pages declare it later).
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.\-]+)""", re.I)

# An XML declaration's encoding="...".
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([a-zA-Z0-9_.\-]+)["']""", re.I)

# What starts a feed once the XML declaration, comments and doctype are skipped.
_FEED_START = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*|<\?[^>]*\?>\s*)*<(rss|feed|rdf:RDF)\b", re.I | re.S)

# The start of an XML element: where a feed's root must begin once its prolog is dropped.
_ROOT_START = re.compile(r"<[A-Za-z_:]")

# Markers of an HTML document near its start.
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<div[\s>]|<p[\s>]", re.I)

# Bad records of one file (JSONL lines, JSON array items, feed items, WARC records) reported
# each as its own error; the rest are summed up in one error with ``count`` = how many, so one
# broken 20,000-line file gives 6 lines on stderr, not 20,000.
MAX_RECORD_ERRORS = 5

# A character that shows: not whitespace (no-break space included) nor an invisible format
# character (BOM, zero-width space/joiners, word joiner, soft hyphen). A text without one is empty.
_VISIBLE = re.compile(r"[^\s\ufeff\u200b-\u200d\u2060\u00ad]")

# File name extensions that are hints for a format the bytes alone may not show.
_EXT_JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_EXT_HTML = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
_EXT_FEED = (".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz")


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, detecting the encoding of Russian-language input.

    Order: a BOM; the declared charset if it decodes cleanly and looks like text at least
    as good as the alternatives; UTF-8 (mostly-valid UTF-8 too, its bad bytes replaced by
    U+FFFD: see ``decode_counted``); then the Cyrillic code pages and charset-normalizer's
    guess, taking the decoding whose letters are mostly lowercase Russian (or ASCII).

    Args:
        data: the raw bytes.
        declared: a charset named by the container (HTTP header, ``<meta charset>``), if any.

    Returns:
        ``(text, encoding)`` with the codec name used (``"utf-8"``, ``"cp1251"``, ...).

    Raises:
        InputError: (with no name) when no encoding gives plausible text.
    """
    text, encoding, _ = decode_counted(data, declared)
    return text, encoding


def decode_counted(data: bytes, declared: str | None = None) -> tuple[str, str, int]:
    """``decode``, also returning how many bad byte sequences were replaced by U+FFFD (0 for clean input)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", ""), 0
            except UnicodeDecodeError:
                break  # a lying BOM (or damaged UTF-8 after it): go on with detection
    # codec -> its decoding: whole for the declared charset and UTF-8, the first SCORE_CHARS
    # characters for the code pages tried after them (listed in ``partial``)
    candidates: dict[str, str] = {}
    partial: set[str] = set()
    declared_codec = _codec_name(declared) if declared else None
    if declared_codec:
        try:
            candidates[declared_codec] = data.decode(declared_codec)
        except UnicodeError:  # UnicodeDecodeError, or a codec that decodes nothing ("undefined")
            pass
    bad = 0
    try:
        utf8: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        utf8, bad = _damaged_utf8(data)
    if utf8 is not None and (declared_codec in (None, "utf-8") or declared_codec not in candidates):
        return utf8, "utf-8", bad
    if utf8 is not None:
        candidates["utf-8"] = utf8
    else:
        guess = _normalizer_guess(data)
        for codec in (*FALLBACK_ENCODINGS, guess):
            if not codec or codec in candidates:
                continue
            try:
                candidates[codec] = data.decode(codec)[:SCORE_CHARS]  # the whole decoding checks every byte
            except (UnicodeError, LookupError):
                continue
            partial.add(codec)
    if not candidates:
        raise InputError(None, "undecodable bytes: not UTF-8, cp1251 or koi8-r text")
    scored = {codec: _text_score(text) for codec, text in candidates.items()}
    best = max(scored, key=lambda c: scored[c])  # ties go to the first: declared, then FALLBACK_ENCODINGS order
    if declared_codec in scored and scored[declared_codec] >= scored[best] - DECLARED_MARGIN:
        best = declared_codec
    if plausible_share(candidates[best][:SCORE_CHARS]) < MIN_PLAUSIBLE:
        raise InputError(None, "undecodable bytes: not UTF-8, cp1251 or koi8-r text")
    text = data.decode(best) if best in partial else candidates[best]
    return text, best, bad if best == "utf-8" else 0


def _damaged_utf8(data: bytes) -> tuple[str | None, int]:
    """Mostly-valid UTF-8 with its bad sequences replaced, and their number; ``(None, 0)`` when it is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    # non-ASCII characters counted in C (encode drops them), not with a Python loop
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")
    if good and bad <= max(1, good // UTF8_GOOD_PER_BAD):
        return text, bad
    return None, 0


def _text_score(text: str) -> float:
    """Rank a decoding: plausible characters first, then lowercase-Cyrillic letters."""
    sample = text[:SCORE_CHARS]
    return plausible_share(sample) + cyrillic_quality(sample)


def _codec_name(name: str | None) -> str | None:
    """A Python codec name for a charset label, or None if unknown (``windows-1251`` -> ``cp1251``).

    Only text encodings count: ``hex``, ``base64``, ``rot13``, ``zlib`` are codecs too, but
    ``bytes.decode`` refuses them with a LookupError (a page declaring one was lost, and the
    API answered 500); a page or header that names one is read as if it named none.
    """
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return info.name.replace("_", "-")


def _normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding for the bytes, or None."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # the detector must never turn a readable input into a traceback
        return None
    return _codec_name(best.encoding) if best is not None else None


def _html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>``, anywhere in the page."""
    match = _META_CHARSET.search(data)
    return match.group(1).decode("ascii", "replace") if match else None


# --------------------------------------------------------------------------- entry points


def read_paths(
    paths: list[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | InputError]:
    """Read files, directories and stdin into documents.

    Args:
        paths: file or directory paths; ``-`` reads stdin. Directories are walked in sorted
            order; hidden files and directories (name starting with ``.``) are skipped.
        max_bytes: largest input accepted; a bigger file is an ``InputError``.
        stdin: a binary stream for ``-`` (default ``sys.stdin.buffer``).

    Yields:
        a ``Document`` per document found, or an ``InputError`` per input (or record) that
        could not be read.
    """
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            stream = getattr(stream, "buffer", stream)  # a text stream: use its bytes
            try:
                data = stream.read(max_bytes + 1)
            except OSError as exc:
                yield InputError("<stdin>", f"cannot read stdin: {exc.strerror or exc}")
                continue
            if isinstance(data, str):
                data = data.encode("utf-8")
            if len(data) > max_bytes:
                yield InputError("<stdin>", f"input is over the {max_bytes / 1_000_000:g} MB limit; raise it with --max-bytes")
                continue
            yield from read_bytes(data, "<stdin>", max_bytes=max_bytes)
        elif os.path.isdir(path):
            for file in _walk(path):
                yield from _read_file(file, max_bytes)
        else:
            yield from _read_file(path, max_bytes)


def _walk(root: str) -> Iterator[str]:
    """Files under a directory in sorted path order, hidden files and directories skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        yield root  # _read_file turns the problem into an InputError
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):  # not following links: no loops
            yield from _walk(entry.path)
        else:
            yield entry.path


def _read_file(path: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Read one file, turning every OS problem into an InputError."""
    name = display_name(path)  # what messages and the archive show; ``path`` is what the OS opens
    try:
        size = os.stat(path).st_size
        if not os.path.isfile(path):
            yield InputError(name, "not a regular file")
            return
        if size > max_bytes:
            yield InputError(name, too_big_reason(size, max_bytes))
            return
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        yield InputError(name, "no such file or directory")
        return
    except PermissionError:
        yield InputError(name, "cannot read: permission denied")
        return
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > max_bytes:  # grew while we looked
        yield InputError(name, too_big_reason(len(data), max_bytes))
        return
    yield from read_bytes(data, name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, *, max_bytes: int | None = None) -> Iterator[Document | InputError]:
    """Read one input held in memory.

    Args:
        data: the raw bytes (possibly gzip-compressed).
        name: the path or URL used in ``Document.path`` and in error messages; its extension
            is a hint when the bytes do not show the format.
        max_bytes: largest input accepted, and largest document a gzip input unpacks to and
            JSON Lines record (``None``: no limit on ``data`` itself, ``DEFAULT_MAX_BYTES`` for
            those).

    Yields:
        documents, or ``InputError`` objects for what cannot be read.
    """
    yielded = 0
    try:
        for item in _read_bytes(data, name, max_bytes):
            yielded += 1
            yield item
    except InputError as exc:
        yielded += 1
        yield InputError(exc.name or name, exc.reason, count=exc.count)
    except Exception as exc:  # a reader bug must not end the batch nor print a traceback
        yielded += 1
        yield InputError(name, f"cannot read: {type(exc).__name__}: {_first_line(exc)}")
    if not yielded:  # every input is accounted for: a document or an error, never nothing
        yield InputError(name, "no documents found in the input")


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message (reasons are one line)."""
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__


def _read_bytes(data: bytes, name: str, max_bytes: int | None) -> Iterator[Document | InputError]:
    """Sniff the format and dispatch; may raise InputError."""
    if max_bytes is not None and len(data) > max_bytes:
        raise InputError(name, too_big_reason(len(data), max_bytes))
    if not data.strip():
        raise InputError(name, "empty file")
    lower_name = name.lower()
    compressed = data[:2] == b"\x1f\x8b"
    if compressed:
        data = _gunzip(data, max_bytes)
        if not data.strip():
            raise InputError(name, "empty file (after gzip decompression)")
        lower_name = lower_name.removesuffix(".gz")
    if data.lstrip()[:5] == b"WARC/":
        # before the binary check: records may carry gzip-encoded HTTP bodies (NUL bytes)
        yield from _summarised(_read_warc(data, name, max_bytes), name, "records")
        return
    # Decompressed, only JSON Lines (read record by record, each record capped) may be bigger
    # than max_bytes. An input that cannot be JSON Lines is checked now, before it is decoded;
    # one that may be (a leading "{") is checked in each single-document branch below once
    # its format is known, so a "{" does not let a text, page or feed past the cap.
    records = lower_name.endswith(_EXT_JSONL) or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"
    if compressed and not records:
        _check_unpacked(data, name, max_bytes)
    if data.startswith(BINARY_MAGIC):
        raise InputError(name, "binary file (not text)")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(name, "binary file (not text)")
    if lower_name.endswith(".warc"):
        raise InputError(name, "malformed WARC: the file does not start with a WARC record")

    if _looks_like_feed(head, lower_name):
        if compressed:
            _check_unpacked(data, name, max_bytes)
        yield from _summarised(_read_feed(data, name), name, "items")
        return
    if _looks_like_html(head, lower_name):
        if compressed:
            _check_unpacked(data, name, max_bytes)
        yield _read_html(data, name)
        return
    text, encoding, bad = decode_counted(data)
    if control_share(text) > MAX_CONTROL_SHARE:
        raise InputError(name, "binary file (not text)")
    if not _VISIBLE.search(text):
        raise InputError(name, "empty file (only spaces, line breaks or a byte order mark)")
    stripped = text.lstrip()
    if lower_name.endswith(_EXT_JSONL) or _looks_like_jsonl(stripped):
        yield from _summarised(_read_jsonl(text, name, encoding, bad, max_bytes), name, "lines")
        return
    if lower_name.endswith(".json") and stripped[:1] in "[{":
        if compressed:
            _check_unpacked(data, name, max_bytes)
        yield from _summarised(_read_json(text, name, encoding, bad), name, "records")
        return
    if compressed:
        _check_unpacked(data, name, max_bytes)
    yield Document(data=data, text=text, media_type="text/plain", path=name, encoding=encoding, meta=_decode_meta(bad))


def _summarised(items: Iterator[Document | InputError], name: str, unit: str) -> Iterator[Document | InputError]:
    """Pass documents and the first ``MAX_RECORD_ERRORS`` record errors; sum up the rest in one error.

    Only errors about records of the file (named ``name:N``) are summed up; the summary comes
    last, with ``count`` = the records it stands for, its first and last record number, and the
    first of their reasons: ``f.jsonl: 19,995 more bad records (lines 6-20000), first: ...``.
    """
    shown = rest = 0
    first_reason = ""
    low = high = None
    prefix = f"{name}:"
    for item in items:
        if not isinstance(item, InputError) or not (item.name or "").startswith(prefix):
            yield item
            continue
        if shown < MAX_RECORD_ERRORS:
            shown += 1
            yield item
            continue
        rest += item.count
        first_reason = first_reason or item.reason
        number = item.name[len(prefix):]
        if number.isdigit():
            low = int(number) if low is None else min(low, int(number))
            high = int(number) if high is None else max(high, int(number))
    if rest:
        span = f" ({unit} {low}-{high})" if low is not None else ""
        yield InputError(name, f"{rest:,} more bad records{span}, first: {first_reason}", count=rest)


def _check_unpacked(data: bytes, name: str, max_bytes: int | None) -> None:
    """A decompressed input read as one document (page, feed, text, JSON) must fit ``max_bytes``.

    Only WARC and JSON Lines, read record by record, get the ``GZIP_EXPANSION_LIMIT`` allowance:
    a 5 MB upload that expands to a 100 MB feed would otherwise be parsed whole (a 4.7 MB feed
    of 3,000 items peaks at 60 MB and 0.9 s in feedparser; twenty times that, over 1 GB).
    """
    limit = max_bytes or DEFAULT_MAX_BYTES
    if len(data) > limit:
        raise InputError(name, f"decompresses to {human_size(len(data))}, over the {limit_text(limit)} limit; raise it with --max-bytes")


def _gunzip(data: bytes, max_bytes: int | None) -> bytes:
    """Decompress all gzip members; a cut-off stream is an InputError."""
    limit = (max_bytes or DEFAULT_MAX_BYTES) * GZIP_EXPANSION_LIMIT
    parts: list[bytes] = []  # one per member, joined at the end (one member: no copy of up to 100 MB)
    size = 0
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            parts.append(d.decompress(rest, limit - size + 1))
        except zlib.error as exc:
            raise InputError(None, f"malformed gzip: {exc}") from None
        size += len(parts[-1])
        if size > limit:
            raise InputError(None, f"gzip expands to over {limit / 1_000_000:g} MB; raise --max-bytes if this is intended")
        if not d.eof:
            raise InputError(None, "truncated gzip: the compressed stream ends early (incomplete download?)")
        rest = d.unused_data.lstrip(b"\x00")  # some writers pad members with zeros
        if rest and rest[:2] != b"\x1f\x8b":
            break  # trailing garbage after the last member: keep what was read, like gzip(1)
    return parts[0] if len(parts) == 1 else b"".join(parts)


# --------------------------------------------------------------------------- sniffers


def _looks_like_feed(head: bytes, lower_name: str) -> bool:
    """RSS, Atom or RDF root element near the start."""
    text = head.decode("latin-1")
    if _FEED_START.match(text.lstrip("\ufeff\xef\xbb\xbf")):
        return True
    if lower_name.endswith(_EXT_FEED):
        stripped = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
        return stripped.startswith("<?xml") and "<html" not in stripped
    return False


def _looks_like_html(head: bytes, lower_name: str) -> bool:
    """An HTML start (doctype, html/head/body tags) near the beginning, or .html with tags."""
    text = head.decode("latin-1").lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    start = text[:1024]
    if re.match(r"<!doctype\s+html|<html[\s>]|<head[\s>]", start, re.I):
        return True
    if start.startswith("<") and _HTML_START.search(text):
        return True
    return lower_name.endswith(_EXT_HTML) and "<" in text


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


# --------------------------------------------------------------------------- formats


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


def _decode_meta(bad: int) -> dict[str, Any]:
    """Document meta saying how many bad byte sequences decoding replaced (none: empty)."""
    return {"decode_errors": bad} if bad else {}


def _replaced(*texts: str | None) -> int:
    """U+FFFD characters in a record's fields: its share of a damaged file's replaced bytes."""
    return sum((t or "").count("\ufffd") for t in texts)


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


def _read_warc(data: bytes, name: str, max_bytes: int | None = None) -> Iterator[Document | InputError]:
    """HTML ``response`` records of a WARC (uncompressed bytes) as documents.

    What warcio would print on stderr (a record not followed by a blank line, a body that
    stops decompressing) is captured per record and becomes part of a reason instead.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    warcio_sys = _quiet_warcio()
    found = 0
    index = 0
    records = iter(ArchiveIterator(io.BytesIO(data), arc2warc=True))
    limit = max_bytes or WARC_RECORD_MAX_BYTES
    length_warning = False
    while True:
        record_name = f"{name}:{index + 1}"
        try:
            with warcio_sys.capture() as log:
                record = next(records, None)
                if record is None:
                    break
                index += 1
                picked = _warc_html_response(record, limit)
            length_warning = length_warning or "Content-Length" in log.getvalue()
        except ArchiveLoadFailed as exc:
            where = record_name if index else name
            yield InputError(where, f"malformed WARC: {_first_line(exc)}{_length_hint(length_warning)}")
            return
        except Exception as exc:  # warcio fails on broken headers with assorted errors (AttributeError, ValueError)
            where = record_name if index else name
            yield InputError(where, f"malformed WARC: cannot parse the record ({type(exc).__name__}){_length_hint(length_warning)}")
            return
        if picked is None:
            continue
        found += 1  # reported, as a document or an error: not also "holds no HTML response records"
        body, url, fetched, ctype, coding = picked
        if len(body) > limit:
            yield InputError(record_name, too_big_reason(len(body), limit).replace("file is", "record is at least"))
        elif coding and (log.getvalue().strip() or body[:2] == b"\x1f\x8b"):
            problem = log.getvalue().strip().splitlines()
            detail = f" ({problem[0]})" if problem else ""
            yield InputError(record_name, f"malformed WARC record: its {coding}-encoded body does not decompress{detail}")
        elif not body.strip():
            yield InputError(record_name, "empty response body")
        elif not ctype and not _looks_like_html(body[:SNIFF_BYTES], ".html"):
            found -= 1  # an untyped response that is not HTML: skipped like an image
        else:
            match = re.search(r"charset=([\w.:\-]+)", ctype)
            try:
                yield _read_html(body, record_name, url=url, fetched=fetched, declared=match.group(1) if match else None)
            except InputError as exc:
                yield InputError(exc.name or record_name, exc.reason)
    if not index:
        yield InputError(name, "malformed WARC: no records found")
    elif not found:
        yield InputError(name, f"WARC holds no HTML response records{_length_hint(length_warning)}")


def _warc_html_response(record: Any, limit: int) -> tuple[bytes, str | None, str | None, str, str] | None:
    """An HTML 2xx response record's (body up to ``limit`` + 1 bytes, url, date, content type, content coding), or None."""
    if record.rec_type != "response":
        return None
    http = record.http_headers
    if http is None:
        return None
    status = http.get_statuscode() or ""
    ctype = (http.get_header("Content-Type") or "").lower()
    if not status.startswith("2") or ("html" not in ctype and ctype):
        return None
    coding = (http.get_header("Content-Encoding") or "").strip().lower()
    body = record.content_stream().read(limit + 1)  # decompressed: a bomb stops here
    url = record.rec_headers.get_header("WARC-Target-URI")
    fetched = record.rec_headers.get_header("WARC-Date")
    return body, url, fetched, ctype, coding if coding not in ("", "identity") else ""


def _length_hint(warned: bool) -> str:
    """What warcio's "record not followed by newline" warning means, for a reason."""
    return " (a record's Content-Length does not match its content)" if warned else ""


class _WarcioSys:
    """Stands for ``sys`` inside warcio's modules, which write warnings straight to ``sys.stderr``.

    While a thread reads a WARC, its warcio writes go to that thread's buffer (and become
    reasons); other threads and everything outside warcio still see the real ``sys``.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def __getattr__(self, attr: str) -> Any:
        return getattr(sys, attr)

    @property
    def stderr(self) -> Any:
        """The capturing buffer while this thread reads a WARC, else the real stderr."""
        return getattr(self._local, "buffer", None) or sys.stderr

    @contextlib.contextmanager
    def capture(self) -> Iterator[io.StringIO]:
        """Collect warcio's stderr output in this thread for the duration of the block."""
        previous = getattr(self._local, "buffer", None)
        self._local.buffer = io.StringIO()
        try:
            yield self._local.buffer
        finally:
            self._local.buffer = previous


_WARCIO_SYS: _WarcioSys | None = None


def _quiet_warcio() -> _WarcioSys:
    """Route warcio's stderr writes through ``_WarcioSys`` and its log to a null handler (done once)."""
    global _WARCIO_SYS
    if _WARCIO_SYS is None:
        import logging

        import warcio.archiveiterator
        import warcio.bufferedreaders

        shim = _WarcioSys()
        for module in (warcio.archiveiterator, warcio.bufferedreaders):
            module.sys = shim  # type: ignore[attr-defined]
        # "Replacing spaces in invalid WARC-Target-URI" is a repair, not a problem: without a
        # handler of its own it would reach logging's last-resort handler, i.e. stderr.
        logging.getLogger("warcio").addHandler(logging.NullHandler())
        _WARCIO_SYS = shim
    return _WARCIO_SYS
