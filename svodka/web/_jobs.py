"""What the analysis workers run: the jobs of /api/analyze and /api/ingest, as plain functions.

Each job is ``job(models, *args)``, runs in a worker process (``_pool``) and returns only
plain, picklable values: analysed ``Article`` objects and failures as ``(name, status,
message)`` tuples (a ``SvodkaError`` does not survive pickling: its ``__init__`` takes more
than the message). This module imports no web framework, so a worker starts light.
"""

from __future__ import annotations

from typing import Any

from ..errors import StageError, SvodkaError
from ..model import Article, Document

__all__ = ["analyze_items", "analyze_files"]

# A failure as the parent receives it: (input name or None, HTTP status, message, the number
# of inputs it stands for: a reader's summary of many bad records of one file counts them all).
Failure = tuple[str | None, int, str, int]


def _document(item: dict[str, Any], index: int) -> Document:
    """A Document from one request item (text or HTML)."""
    name = item.get("url") or f"<request {index}>"
    if item.get("html") is not None:
        html = item["html"]
        return Document(data=html.encode("utf-8"), text=html, media_type="text/html", path=name, url=item.get("url"), encoding="utf-8")
    return Document(text=item["text"], media_type="text/plain", path=name, url=item.get("url"), encoding="utf-8")


def _failure(exc: SvodkaError) -> Failure:
    """A failure as a picklable tuple; a stage that ran out of memory stops the worker.

    The pipeline reports a failing stage as a StageError naming the exception, and goes on;
    after a MemoryError (the worker's address-space cap) the heap may be in any state, so
    the worker must not go on: re-raising makes it exit, and the request gets 413.
    """
    if isinstance(exc, StageError) and "MemoryError" in exc.reason:
        raise MemoryError(exc.reason)
    return (exc.name, int(exc.status), str(exc), exc.count)


def analyze_items(models: Any, items: list[dict[str, Any]], bounds: dict[str, Any] | None = None) -> tuple[list[Article], list[Failure]]:
    """Clean and analyse request items (``AnalyzeRequest`` dicts); failures are collected.

    ``bounds`` are the settings ``time_budget`` and ``max_words`` (``analyze_documents``).
    """
    from ..pipeline import analyze_documents

    articles: list[Article] = []
    failures: list[Failure] = []
    for i, item in enumerate(items):  # one at a time: each item has its own overrides
        errors: list[SvodkaError] = []
        articles.extend(
            analyze_documents(
                [_document(item, i)],
                models=models,
                no_clean=bool(item.get("no_clean")),
                source=item.get("source"),
                published=item.get("published"),
                on_error=errors.append,
                **(bounds or {}),
            )
        )
        failures.extend(_failure(e) for e in errors)
    return articles, failures


def analyze_files(models: Any, files: list[tuple[str, bytes]], max_bytes: int, bounds: dict[str, Any] | None = None) -> tuple[list[Article], list[Failure]]:
    """Read uploaded files as ``svodka ingest`` does (any format), then clean and analyse them."""
    from ..ingest.readers import read_bytes
    from ..pipeline import analyze_documents

    errors: list[SvodkaError] = []
    documents = [doc for name, data in files for doc in read_bytes(data, name, max_bytes=max_bytes)]
    articles = list(analyze_documents(documents, models=models, on_error=errors.append, **(bounds or {})))
    return articles, [_failure(e) for e in errors]
