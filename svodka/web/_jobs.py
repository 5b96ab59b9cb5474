"""What the analysis workers run: the jobs of /api/analyze and /api/ingest, as plain functions.

Each job is ``job(models, *args)``, runs in a worker process (``_pool``) and returns only
plain, picklable values: analysed ``Article`` objects, failures as ``Failure`` tuples (a
``SvodkaError`` does not survive pickling: its ``__init__`` takes more than the message) and
the number of inputs it read, so the caller can show ``read = stored + duplicates +
rejected`` from what was received rather than from what came out. This module imports no
web framework, so a worker starts light.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import StageError, SvodkaError
from ..model import Article, Document

__all__ = ["analyze_items", "analyze_files", "Failure", "item_name"]

# A failure as the parent receives it: (input name or None, HTTP status, message shown to the
# client ("name: reason"), the number of inputs it stands for (a reader's summary of many bad
# records of one file counts them all), the reason alone (what the archive records, as the
# CLI does)).
Failure = tuple[str | None, int, str, int, str]
# What a job returns: the analysed articles, the failures, and how many inputs it read.
Outcome = tuple[list[Article], list[Failure], int]


def item_name(label: str, index: int) -> str:
    """The name of request item ``index`` (0-based) without a URL: ``<request 3f9a0c1e #1>``.

    ``label`` is unique per request (the caller makes it), so the rejections of two requests
    never share a name: the archive merges rejected rows of the same name and reason.
    """
    return f"<{label} #{index + 1}>"


def _document(item: dict[str, Any], name: str) -> Document:
    """A Document from one request item (text or HTML), named ``name``."""
    if item.get("html") is not None:
        html = item["html"]
        return Document(data=html.encode("utf-8"), text=html, media_type="text/html", path=name, url=item.get("url"), encoding="utf-8")
    return Document(text=item["text"], media_type="text/plain", path=name, url=item.get("url"), encoding="utf-8")


def _out_of_memory(exc: SvodkaError) -> bool:
    """Whether ``exc`` stands for a MemoryError, by type (never by the words of its reason).

    A stage's exception reaches ``on_error`` as a StageError: its ``__cause__`` when it was
    raised ``from`` it, else (the pipeline hands it over from inside its ``except`` block)
    the exception being handled.
    """
    if isinstance(exc.__cause__, MemoryError):
        return True
    return isinstance(exc, StageError) and isinstance(sys.exc_info()[1], MemoryError)


class _Collector:
    """The ``on_error`` of a job: collects failures; stops the job at a MemoryError.

    After a MemoryError (the worker's address-space cap) the heap may be in any state, so
    the worker must not go on with the next input: raising MemoryError here ends the job at
    once, the worker exits and the request gets 413.
    """

    def __init__(self) -> None:
        self.failures: list[Failure] = []

    def __call__(self, exc: SvodkaError) -> None:
        if _out_of_memory(exc):
            raise MemoryError(exc.reason)
        self.failures.append((exc.name, int(exc.status), str(exc), exc.count, exc.reason))


def analyze_items(models: Any, items: list[dict[str, Any]], bounds: dict[str, Any] | None = None, label: str = "request") -> Outcome:
    """Clean and analyse request items (``AnalyzeRequest`` dicts); failures are collected.

    ``bounds`` are the settings ``time_budget`` and ``max_words`` (``analyze_documents``).
    An item is named by its URL, else ``item_name(label, i)``. Every item is one input read.
    """
    from ..pipeline import analyze_documents

    articles: list[Article] = []
    collect = _Collector()
    for i, item in enumerate(items):  # one at a time: each item has its own overrides
        articles.extend(
            analyze_documents(
                [_document(item, item.get("url") or item_name(label, i))],
                models=models,
                no_clean=bool(item.get("no_clean")),
                source=item.get("source"),
                published=item.get("published"),
                on_error=collect,
                **(bounds or {}),
            )
        )
    return articles, collect.failures, len(items)


def analyze_files(models: Any, files: list[tuple[str, bytes]], max_bytes: int, bounds: dict[str, Any] | None = None) -> Outcome:
    """Read uploaded files as ``svodka ingest`` does (any format, ``max_bytes`` each), then clean and analyse them.

    The inputs read are the records the readers found: a document each, and the count of
    every error they yielded (one for an unreadable file, N for a summary of N bad records).
    """
    from ..ingest.readers import read_bytes
    from ..pipeline import analyze_documents

    read = [0]

    def counted(items: Iterable[Document | SvodkaError]) -> Iterator[Document | SvodkaError]:
        for item in items:
            read[0] += item.count if isinstance(item, SvodkaError) else 1
            yield item

    collect = _Collector()
    documents = counted(doc for name, data in files for doc in read_bytes(data, name, max_bytes=max_bytes))
    articles = list(analyze_documents(documents, models=models, on_error=collect, **(bounds or {})))
    return articles, collect.failures, read[0]
