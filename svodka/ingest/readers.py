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
- ``decode(data, declared=None)``: bytes to text, detecting UTF-8, cp1251 and koi8-r.
- ``parse_feed(data)``, ``feed_date(entry)``: a feed parsed safely, an item's date (``svodka watch``).

This module sniffs and dispatches (gzip, the record-error summary, stdin, directories); each
format family has a private module: ``_decode`` (bytes to text), ``_html``, ``_jsonl`` (JSON
Lines and JSON records), ``_feeds`` and ``_warc``.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Document
from ._decode import MAX_CONTROL_SHARE, _decode_meta, decode, decode_counted
from ._feeds import _looks_like_feed, _read_feed, feed_date, parse_feed
from ._html import _looks_like_html, _read_html
from ._jsonl import _EXT_JSONL, _looks_like_jsonl, _read_json, _read_jsonl
from ._private import (
    BINARY_MAGIC,
    DEFAULT_MAX_BYTES,
    SNIFF_BYTES,
    control_share,
    display_name,
    first_line,
    human_size,
    limit_text,
    too_big_reason,
)
from ._warc import _read_warc

__all__ = ["read_paths", "read_bytes", "parse_feed", "feed_date", "decode", "DEFAULT_MAX_BYTES"]

# A gzip member may expand to at most this many times ``max_bytes``: guards against gzip bombs
# while letting a full 5 MB .warc.gz (text compresses ~5-10x) through.
GZIP_EXPANSION_LIMIT = 20

# Bad records of one file (JSONL lines, JSON array items, feed items, WARC records) reported
# each as its own error; the rest are summed up in one error with ``count`` = how many, so one
# broken 20,000-line file gives 6 lines on stderr, not 20,000.
MAX_RECORD_ERRORS = 5

# A character that shows: not whitespace (no-break space included) nor an invisible format
# character (BOM, zero-width space/joiners, word joiner, soft hyphen). A text without one is empty.
_VISIBLE = re.compile(r"[^\s\ufeff\u200b-\u200d\u2060\u00ad]")


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
        yield InputError(name, f"cannot read: {type(exc).__name__}: {first_line(exc)}")
    if not yielded:  # every input is accounted for: a document or an error, never nothing
        yield InputError(name, "no documents found in the input")


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
