"""The ingest job: read, clean, analyse in parallel across cores, and store, batch by batch.

Reading is cheap and runs in the parent; analysis runs in worker processes that each load the
models once (the pool initializer); storing runs in the parent, one transaction per batch, so
an interrupted run (Ctrl-C, kill -9) leaves whole batches behind and a re-run completes it:
articles already stored are recognised by URL or normalised text and skipped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from ..errors import SvodkaError
from ..model import Article, Document

__all__ = ["IngestSummary", "ingest", "analyze_batch", "store_records"]

# Models of this worker process, set once by the pool initializer (None in the parent).
_WORKER_MODELS: Any = None


@dataclass
class IngestSummary:
    """What one ingest did: documents read, articles stored, duplicates skipped, inputs rejected."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input name, reason)

    def line(self) -> str:
        """The final summary line."""
        return f"read {self.read} / stored {self.stored} / duplicates {self.duplicates} / rejected {self.rejected}"


def _init_worker() -> None:
    global _WORKER_MODELS
    from ..nlp.models import load_models

    _WORKER_MODELS = load_models()


def analyze_batch(docs: list[Document], models: Any = None, prepare: bool = True) -> tuple[list[Any], list[tuple[str, str]]]:
    """Clean and analyse a batch; returns (records, (name, reason) errors). Runs in a worker.

    With ``prepare`` the records are ``svodka.store.prepare.Prepared`` (index text, band
    keys and stored JSON made here, in parallel, so the one writer only writes);
    without, the analysed ``Article`` objects.
    """
    from ..pipeline import analyze_documents

    models = models or _WORKER_MODELS
    errors: list[tuple[str, str]] = []
    articles = analyze_documents(
        docs,
        models=models,
        batch_size=max(1, len(docs)),
        on_error=lambda exc: errors.append((exc.name or "<input>", exc.reason)),
    )
    if not prepare:
        return articles, errors
    from ..store.prepare import prepare_articles

    return prepare_articles(articles, morph=getattr(models, "morph", None)), errors


def _batches(documents: Iterable[Document | SvodkaError], size: int, summary: IngestSummary, on_reject) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in documents:
        if isinstance(doc, SvodkaError):
            on_reject(doc.name or "<input>", doc.reason)
            continue
        summary.read += 1
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    documents: Iterable[Document | SvodkaError],
    store: Any,
    *,
    workers: int = 0,
    batch_size: int = 32,
    models: Any = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Analyse documents and store them.

    Args:
        documents: what the readers yield (documents, or errors in their place).
        store: an open store (``svodka.store.open_store``).
        workers: analysis processes; 0 = one per core; 1 = analyse in this process.
        batch_size: documents per analysis batch and per storage transaction.
        models: loaded models for ``workers == 1`` (loaded here when None).
        progress: called with (documents done, articles stored) after each batch.
        on_error: called with (input name, reason) for every rejected input.
    Returns:
        The summary counts.
    """
    summary = IngestSummary()

    def reject(name: str, reason: str) -> None:
        summary.rejected += 1
        summary.errors.append((name, reason))
        store.add_rejected(name, reason)
        if on_error:
            on_error(name, reason)

    def save(result: tuple[list[Any], list[tuple[str, str]]], n_docs: int, done: list[int]) -> None:
        records, errors = result
        for name, reason in errors:
            reject(name, reason)
        added = store.add_articles(list(records))
        summary.stored += added.stored
        summary.duplicates += added.duplicates
        done[0] += n_docs
        if progress:
            progress(done[0], summary.stored)

    done = [0]
    cores = os.cpu_count() or 1
    # More processes than cores only adds model loads (~150 MB and ~1 s each); more than
    # batches leaves some idle.
    workers = min(workers or cores, cores)
    if isinstance(documents, list):
        workers = min(workers, max(1, -(-len(documents) // max(1, batch_size))))
    batches = _batches(documents, batch_size, summary, reject)
    if workers == 1:
        if models is None:
            from ..nlp.models import load_models

            models = load_models()
        if hasattr(store, "use_morph"):
            store.use_morph(models.morph)  # one pymorphy3 analyzer in this process, not two
        for batch in batches:
            save(analyze_batch(batch, models, prepare=False), len(batch), done)  # the store prepares with its own caches
        return summary

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    pending: list[tuple[Any, list[Document]]] = []

    def isolate(suspects: list[list[Document]]) -> None:
        """After a worker died, run the batches that were in flight one at a time.

        Which batch killed the pool is unknown, so each is retried alone: the one that
        kills a worker again is rejected, the others are stored.
        """
        nonlocal pool
        for batch in suspects:
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=1, initializer=_init_worker)
            try:
                save(pool.submit(analyze_batch, batch).result(), len(batch), done)
            except BrokenProcessPool:
                for doc in batch:
                    reject(doc.name, "analysis worker died on this input (out of memory?); ingest it alone to retry")
                done[0] += len(batch)
        pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)

    def collect(future: Any, batch: list[Document]) -> None:
        """Store one finished batch; a dead worker costs its own input, not the ingest."""
        try:
            result = future.result()
        except BrokenProcessPool:
            suspects = [batch] + [b for _, b in pending]
            pending.clear()
            isolate(suspects)
            return
        save(result, len(batch), done)

    try:
        for batch in batches:
            pending.append((pool.submit(analyze_batch, batch), batch))
            # Keep a bounded window in flight, store in input order.
            while len(pending) > workers * 2:
                collect(*pending.pop(0))
        while pending:
            collect(*pending.pop(0))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return summary


def store_records(
    records: Iterable[dict],
    store: Any,
    *,
    batch_size: int = 32,
    on_error: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Store records analysed elsewhere (``svodka.scale``): ``{"article": dict}`` or ``{"rejected": [name, reason]}``.

    One transaction per ``batch_size`` articles, as in ``ingest``.
    """
    summary = IngestSummary()
    batch: list[Article] = []

    def flush() -> None:
        added = store.add_articles(batch)
        summary.stored += added.stored
        summary.duplicates += added.duplicates
        batch.clear()

    for record in records:
        if "rejected" in record:
            name, reason = record["rejected"]
            summary.rejected += 1
            summary.errors.append((name, reason))
            store.add_rejected(name, reason)
            if on_error:
                on_error(name, reason)
            continue
        summary.read += 1
        batch.append(Article.from_dict(record["article"]))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return summary
