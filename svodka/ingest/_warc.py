"""WARC input for the readers: the HTML ``response`` records of a web archive as documents,
warcio's complaints on stderr turned into reasons."""

from __future__ import annotations

import contextlib
import io
import re
import sys
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..model import Document
from ._html import _looks_like_html, _read_html
from ._private import SNIFF_BYTES, first_line, too_big_reason

# Largest decompressed body of one WARC record when no limit is given (a page is < 5 MB).
WARC_RECORD_MAX_BYTES = 20_000_000


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
            yield InputError(where, f"malformed WARC: {first_line(exc)}{_length_hint(length_warning)}")
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
