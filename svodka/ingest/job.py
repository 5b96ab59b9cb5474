"""The ingest job: read, clean, analyse in parallel across cores, and store, batch by batch.

Reading is cheap and runs in the parent; analysis runs in worker processes that each load the
models once (the pool initializer); storing runs in the parent, one transaction per batch, so
an interrupted run (Ctrl-C, kill -9) leaves whole batches behind and a re-run completes it:
articles already stored are recognised by URL or normalised text and skipped.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from .._private import die_with_parent
from ..errors import StoreError, SvodkaError
from ..model import Article, Document
from ..nlp.language import RUSSIAN

__all__ = ["IngestSummary", "BatchResult", "ingest", "analyze_batch", "document_hash", "store_records", "raise_alerts"]

# Models of this worker process, set once by the pool initializer (None in the parent).
_WORKER_MODELS: Any = None


@dataclass
class IngestSummary:
    """What one ingest did, every input in exactly one of stored, duplicates, rejected.

    ``read`` counts every input: each document a reader yielded and each input it could not
    read (a reader error standing for ``count`` records counts that many), so
    ``read == stored + duplicates + rejected`` always holds (tested on every ingest path).
    """

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input name, reason)
    languages: dict[str, int] = field(default_factory=dict)  # stored articles per language

    def line(self) -> str:
        """The final summary line; it ends with the articles stored without the Russian analysis, by language."""
        line = f"read {self.read} / stored {self.stored} / duplicates {self.duplicates} / rejected {self.rejected}"
        if self.not_russian:
            line += " / not Russian: " + ", ".join(f"{lang} {n}" for lang, n in self.not_russian.items())
        return line

    @property
    def not_russian(self) -> dict[str, int]:
        """The articles stored in another language than Russian (no entities, no statements), most first."""
        other = [(lang, n) for lang, n in self.languages.items() if lang != RUSSIAN and n]
        return dict(sorted(other, key=lambda item: (-item[1], item[0])))

    def count_stored(self, added: Any) -> None:
        """Add what one ``Store.add_articles`` did (an ``AddResult``)."""
        self.stored += added.stored
        self.duplicates += added.duplicates
        for lang, n in getattr(added, "languages", {}).items():
            self.languages[lang] = self.languages.get(lang, 0) + n

    @property
    def balanced(self) -> bool:
        """Every input read is accounted for."""
        return self.read == self.stored + self.duplicates + self.rejected


@dataclass
class BatchResult:
    """What a worker returns for one batch (picklable).

    ``records[i]`` came from the document whose hash is ``hashes[i]``; ``errors`` are
    ``(name, reason, count, document hash)`` of the documents that gave no record.
    """

    records: list[Any] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    errors: list[tuple[str, str, int, str]] = field(default_factory=list)


def document_hash(doc: Document) -> str:
    """What identifies a raw input before any cleaning: its decoded text, whitespace collapsed.

    A re-ingested file has the same hash, so it is recognised before it costs a cleaning and
    an analysis (60 already stored files: 12.5 s of analysis before this, issue 11).
    """
    if doc.text is not None:
        body = " ".join(doc.text.split()).encode("utf-8", "surrogatepass")
    else:
        body = doc.data or b""
    head = f"{doc.media_type}\n{doc.url or ''}\n".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(head + body, digest_size=16).hexdigest()


def _init_worker(parent: int | None = None) -> None:
    global _WORKER_MODELS
    if parent is not None:
        # The pool is started by ingest's own thread and kept for the run: the kernel's
        # signal is safe here (see ``die_with_parent``).
        die_with_parent(parent, kernel_signal=True)
    from ..nlp.models import load_models

    _WORKER_MODELS = load_models()


def _pool(workers: int) -> ProcessPoolExecutor:
    """Analysis worker processes that load the models once and die with this process.

    Forked explicitly: Python 3.14 makes "forkserver" the default on Linux, whose workers'
    parent is the fork server, which ``die_with_parent`` would take for a dead ingest.
    """
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),))


def analyze_batch(
    docs: list[Document],
    models: Any = None,
    prepare: bool = True,
    hashes: list[str] | None = None,
    options: dict[str, Any] | None = None,
) -> BatchResult:
    """Clean and analyse a batch, fully (never lazily). Runs in a worker.

    With ``prepare`` the records are ``svodka.store.prepare.Prepared`` (index text, band
    keys and stored JSON made here, in parallel, so the one writer only writes);
    without, the analysed ``Article`` objects. ``hashes`` are the documents' hashes
    (``document_hash``), carried to the record each document gives. ``options`` are
    ``pipeline.prepare``'s overrides (``no_clean``, ``source``, ``published``).
    """
    from ..pipeline import analyze_documents

    models = models or _WORKER_MODELS
    hashes = hashes if hashes is not None else [document_hash(d) for d in docs]
    result = BatchResult()
    for doc, doc_hash in zip(docs, hashes):
        # One document at a time, so each record keeps its document's hash; the stages
        # run one article at a time in ``pipe`` anyway.
        for article in analyze_documents(
            [doc],
            models=models,
            batch_size=1,
            **(options or {}),
            on_error=lambda exc: result.errors.append((exc.name or doc.name, exc.reason, exc.count, doc_hash)),
        ):
            result.records.append(article)
            result.hashes.append(doc_hash)
    if prepare and result.records:
        from ..store.prepare import prepare_articles

        result.records = list(prepare_articles(result.records, parse=getattr(models, "parse", None)))
    return result


class _Screen:
    """Decides, before any cleaning or analysis, which documents are new.

    A document is a duplicate when the archive holds its URL or its document hash. A copy
    of a document that is still being analysed in this run waits for its original: it is a
    duplicate when the original is stored and rejected with it when the original is
    rejected. Only the hashes of batches in flight are kept, so memory does not grow with
    the number of inputs.
    """

    def __init__(self, store: Any, summary: IngestSummary, reject: Callable[..., None]) -> None:
        self.store, self.summary, self.reject = store, summary, reject
        self.in_flight: dict[str, list[str]] = {}  # hash -> names of copies waiting for it

    def new(self, pending: list[tuple[Document, str]]) -> tuple[list[Document], list[str]]:
        """The documents of ``pending`` to analyse, with their hashes."""
        known_urls, known_hashes = self.store.known_documents({d.url for d, _ in pending if d.url}, {h for _, h in pending})
        batch, hashes = [], []
        for doc, doc_hash in pending:
            if doc_hash in known_hashes or (doc.url and doc.url in known_urls):
                self.summary.duplicates += 1
            elif doc_hash in self.in_flight:
                self.in_flight[doc_hash].append(doc.name)
            else:
                self.in_flight[doc_hash] = []
                batch.append(doc)
                hashes.append(doc_hash)
        return batch, hashes

    def settle(self, hashes: list[str], result: BatchResult | None) -> None:
        """A batch is saved (``result``) or lost with its worker (None): settle its copies."""
        rejected = {e[3]: e for e in result.errors} if result else {}
        for doc_hash in hashes:
            copies = self.in_flight.pop(doc_hash, [])
            if not copies:
                continue
            if result is not None and doc_hash not in rejected:
                self.summary.duplicates += len(copies)
                continue
            original, reason = (rejected[doc_hash][0], rejected[doc_hash][1]) if doc_hash in rejected else ("its original", "the analysis worker died")
            for name in copies:
                self.reject(name, f"same document as {original}, which was rejected: {reason}")


def _batches(
    documents: Iterable[Document | SvodkaError],
    size: int,
    summary: IngestSummary,
    screen: _Screen,
    on_reject: Callable[[str, str, int], None],
    progress: Callable[[int, int], None] | None,
) -> Iterator[tuple[list[Document], list[str]]]:
    """Batches of documents not yet in the archive, with their hashes.

    Every input is counted in ``summary.read`` here; a reader's error is rejected, and a
    document already stored is a duplicate, before any cleaning or analysis.
    """
    pending: list[tuple[Document, str]] = []

    def flush() -> Iterator[tuple[list[Document], list[str]]]:
        batch, hashes = screen.new(pending)
        pending.clear()
        if progress:
            progress(summary.read, summary.stored)
        if batch:
            yield batch, hashes

    for doc in documents:
        if isinstance(doc, SvodkaError):
            summary.read += doc.count
            on_reject(doc.name or "<input>", doc.reason, doc.count)
            continue
        summary.read += 1
        pending.append((doc, document_hash(doc)))
        if len(pending) >= size:
            yield from flush()
    if pending:
        yield from flush()


def ingest(
    documents: Iterable[Document | SvodkaError],
    store: Any,
    *,
    workers: int = 0,
    batch_size: int = 32,
    models: Any = None,
    progress: Callable[[int, int], None] | None = None,
    on_error: Callable[[str, str], None] | None = None,
    options: dict[str, Any] | None = None,
    on_alerts: Callable[[list[dict]], Any] | None = None,
) -> IngestSummary:
    """Analyse documents and store them, reading the inputs as a stream.

    Args:
        documents: what the readers yield (documents, or errors in their place); read
            lazily, so one bad input costs only itself and nothing waits for the last file.
        store: an open store (``svodka.store.open_store``).
        workers: analysis processes; 0 = one per core; 1 = analyse in this process.
        batch_size: documents per analysis batch and per storage transaction.
        models: loaded models for ``workers == 1`` (loaded on the first batch when None).
        progress: called with (inputs read so far, articles stored) as the run goes.
        on_error: called with (input name, reason) for every rejected input.
        options: ``pipeline.prepare``'s overrides for every document (``no_clean``,
            ``source``, ``published``), as ``svodka analyze`` takes them.
        on_alerts: called with the new alerts of each stored batch (``raise_alerts``), e.g.
            ``Webhooks.send``; the alerts are recorded in the archive either way.
    Returns:
        The summary counts; ``read == stored + duplicates + rejected``.
    """
    summary = IngestSummary()

    def reject(name: str, reason: str, count: int = 1) -> None:
        summary.rejected += count
        summary.errors.append((name, reason))
        store.add_rejected(name, reason, count=count)
        if on_error:
            on_error(name, reason)

    screen = _Screen(store, summary, reject)

    def store_records(records: list[Any], record_hashes: list[str]) -> None:
        """One transaction for the batch; if a record breaks it, each record alone.

        A ``StoreError`` (the database itself: full disk, lost connection) stops the ingest;
        anything else is a record the store cannot take (a bug), and costs only that record.
        """
        try:
            added = store.add_articles(records, documents=record_hashes)
        except StoreError:
            raise
        except Exception:
            if len(records) == 1:
                raise
            for record, doc_hash in zip(records, record_hashes):
                try:
                    store_records([record], [doc_hash])
                except StoreError:
                    raise
                except Exception as exc:
                    article = getattr(record, "article", record)
                    reject(article.path or article.url or "<article>", f"could not be stored: {type(exc).__name__}: {exc}")
            return
        summary.count_stored(added)
        raise_alerts(store, added, on_alerts)

    def save(result: BatchResult, hashes: list[str]) -> None:
        for name, reason, count, _ in result.errors:
            reject(name, reason, count)
        if result.records:
            store_records(result.records, result.hashes)
        screen.settle(hashes, result)
        if progress:
            progress(summary.read, summary.stored)

    cores = os.cpu_count() or 1
    # More processes than cores only adds model loads (~150 MB and ~1 s each); more than
    # batches leaves some idle.
    workers = min(workers or cores, cores)
    batches: Iterator[tuple[list[Document], list[str]]] = _batches(documents, batch_size, summary, screen, reject, progress)
    # The inputs are a stream: read ahead as many batches as there would be workers, and
    # start no more workers than that (4 files need no second model load, and a re-ingest
    # of known files none at all).
    head = list(itertools.islice(batches, workers))
    if not head:
        return summary
    workers = max(1, min(workers, len(head)))
    batches = itertools.chain(head, batches)
    analyse = functools.partial(analyze_batch, prepare=True, options=options)
    if workers == 1:
        for batch, hashes in batches:
            if models is None:
                from ..nlp.models import load_models

                models = load_models()
                if hasattr(store, "use_parse"):
                    store.use_parse(models.parse)  # one pymorphy3 analyzer in this process, not two
            # the store prepares with its own caches
            save(analyze_batch(batch, models, prepare=False, hashes=hashes, options=options), hashes)
        return summary

    pool = _pool(workers)
    pending: list[tuple[Any, list[Document], list[str]]] = []

    def alone(batch: list[Document], hashes: list[str]) -> None:
        """Run one batch in a fresh one-worker pool; if that worker dies too, one document at a time.

        A dead worker then costs the one input that killed it, not its 31 batch mates.
        """
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = _pool(1)
        try:
            save(pool.submit(analyse, batch, hashes=hashes).result(), hashes)
            return
        except BrokenProcessPool:
            pass
        for doc, doc_hash in zip(batch, hashes):
            pool.shutdown(wait=False, cancel_futures=True)
            pool = _pool(1)
            try:
                save(pool.submit(analyse, [doc], hashes=[doc_hash]).result(), [doc_hash])
            except BrokenProcessPool:
                reject(doc.name, "analysis worker died on this input (out of memory?); ingest it alone to retry")
                screen.settle([doc_hash], None)

    def isolate(suspects: list[tuple[list[Document], list[str]]]) -> None:
        """After a worker died, run the batches that were in flight one at a time.

        Which batch killed the pool is unknown, so each is retried alone (see ``alone``).
        """
        nonlocal pool
        for batch, hashes in suspects:
            alone(batch, hashes)
        pool.shutdown(wait=False, cancel_futures=True)
        pool = _pool(workers)

    def collect(future: Any, batch: list[Document], hashes: list[str]) -> None:
        """Store one finished batch; a dead worker costs its own input, not the ingest."""
        try:
            result = future.result()
        except BrokenProcessPool:
            suspects = [(batch, hashes)] + [(b, h) for _, b, h in pending]
            pending.clear()
            isolate(suspects)
            return
        save(result, hashes)

    try:
        for batch, hashes in batches:
            try:
                future = pool.submit(analyse, batch, hashes=hashes)
            except BrokenProcessPool:  # a worker died since the last collect: submit refuses
                suspects = [(b, h) for _, b, h in pending] + [(batch, hashes)]
                pending.clear()
                isolate(suspects)
                continue
            pending.append((future, batch, hashes))
            # Keep a bounded window in flight, store in input order.
            while len(pending) > workers * 2:
                collect(*pending.pop(0))
        while pending:
            collect(*pending.pop(0))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return summary


def raise_alerts(store: Any, added: Any, on_alerts: Callable[[list[dict]], Any] | None = None) -> list[dict]:
    """The watchlists' alerts of a stored batch (``Store.check_alerts``), handed to ``on_alerts`` when any.

    The one place ingest raises alerts, after each batch's transaction (so ``svodka watch``,
    which ingests, raises them too). A store without watchlists costs one read.
    """
    check, ids = getattr(store, "check_alerts", None), getattr(added, "ids", None)
    if check is None or not ids:
        return []
    new = check(ids)
    if new and on_alerts is not None:
        on_alerts(new)
    return new


def store_records(
    records: Iterable[dict],
    store: Any,
    *,
    batch_size: int = 32,
    on_error: Callable[[str, str], None] | None = None,
    on_alerts: Callable[[list[dict]], Any] | None = None,
) -> IngestSummary:
    """Store records analysed elsewhere (``svodka.scale``): ``{"article": dict}`` or ``{"rejected": [name, reason(, count)]}``.

    One transaction per ``batch_size`` articles, as in ``ingest``, each followed by its
    alerts (``raise_alerts``); the summary counts every input (``read == stored + duplicates + rejected``).
    """
    summary = IngestSummary()
    batch: list[Article] = []

    def flush() -> None:
        added = store.add_articles(batch)
        summary.count_stored(added)
        raise_alerts(store, added, on_alerts)
        batch.clear()

    for record in records:
        if "rejected" in record:
            name, reason, *rest = record["rejected"]
            count = int(rest[0]) if rest else 1
            summary.read += count
            summary.rejected += count
            summary.errors.append((name, reason))
            store.add_rejected(name, reason, count=count)
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
