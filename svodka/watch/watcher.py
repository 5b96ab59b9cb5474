"""``svodka watch``: poll every feed on its own schedule, fetch new items' pages, analyse and store them.

Three parts run in one process:

- **polling** (asyncio, ``Poller``): due feeds are claimed from the archive (leases), polled
  conditionally, and each poll's outcome (validators, schedule, errors, new items) written in
  one transaction (``store.feeds.record_polls``), a batch of polls at a time;
- **pages**: items waiting in the archive are claimed, those whose canonical URL is stored
  already are settled without a request, the others fetched (same politeness) and read
  (``read_bytes``: the page is cleaned from HTML later, in the pipeline); an item whose page
  cannot be had falls back to the feed's own summary when it has one;
- **analysis and storage**: ``ingest.job.ingest``, the same pipeline, workers and store path
  as ``svodka ingest``, in a thread (the models loaded once); then the items are "done".

Nothing lives only in memory: a watcher killed at any point leaves feeds whose leases expire
and items still "new", and the next watcher goes on from there. Items stored before the kill
are found by URL and not fetched again. ``stop`` (SIGTERM) ends polling, lets the batch in
hand be stored, gives back the leases and returns.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

from ..errors import StoreError, SvodkaError
from ..model import Document
from ..store import feeds as feed_store
from . import schedule
from .feeds import outlet_name, read_feed
from .poller import Poller

__all__ = ["WatchOptions", "Counters", "Watcher", "watch"]

# Tries of one archive operation while another writer holds the archive, and seconds between
# them (each try waits the lock's own timeout first: 60 tries are 11 minutes on SQLite, 31 on PostgreSQL).
STORE_ATTEMPTS = 60
STORE_RETRY = 1.0
# A page that failed in a way that may pass is tried again after PAGE_RETRY_DELAY seconds, for
# PAGE_RETRY_WINDOW seconds after its item was first seen; then the feed's summary stands in.
PAGE_RETRY_DELAY = 300
PAGE_RETRY_WINDOW = 3600
# Seconds a stopping watcher waits for the polls in flight (one request's deadline).
STOP_GRACE = 45.0


@dataclass
class WatchOptions:
    """How a watcher runs (``svodka watch`` options and settings)."""

    workers: int = 0  # analysis processes for a backlog; 0: one per core
    batch_size: int = 32  # items analysed and stored per transaction
    low: int = schedule.MIN_INTERVAL  # bounds of the adaptive interval, seconds
    high: int = schedule.MAX_INTERVAL
    lease: int = 300  # seconds a claim on a feed or item holds; a dead watcher's claims pass after it
    concurrency: int = 100  # polls in flight at once
    allow_private: str = ""  # the fetch_allow_private setting
    max_bytes: int = 5_000_000
    host_interval: float = 1.0
    owner: str = ""  # this watcher's name in leases (default host:pid)
    once: bool = False  # poll what is due once, store what it brings, and return
    fetch_pages: bool = True  # False: poll only, items wait in the archive (the bench's polling rate)
    analysis: dict[str, Any] = field(default_factory=dict)  # pipeline options (time_budget, max_words)


@dataclass
class Counters:
    """What a watcher did since it started (``/metrics``, the final line)."""

    polls: int = 0
    not_modified: int = 0
    full_downloads: int = 0
    poll_errors: int = 0
    items_new: int = 0
    pages_fetched: int = 0
    pages_skipped: int = 0  # already stored: not fetched
    page_fallbacks: int = 0  # the feed's summary used for a page that could not be had
    pages_deferred: int = 0  # a passing failure: the page tried again later
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0

    def line(self) -> str:
        """One summary line."""
        return " / ".join(f"{k.replace('_', ' ')} {v}" for k, v in asdict(self).items())


class Watcher:
    """One watcher over one archive. Call ``run()`` (async) or use ``watch()``.

    Args:
        store: an open store.
        options: ``WatchOptions``.
        resolver, transport: the poller's seams (tests).
        models: loaded models (default: loaded on the first batch to analyse).
        on_error: called with (name, reason) for each failed poll, page or document.
        on_alerts: called with the alerts each stored batch raised (``ingest``'s, e.g. webhooks).
        clock: epoch seconds (tests).
    """

    def __init__(self, store: Any, options: WatchOptions, *, resolver=None, transport=None, models: Any = None,
                 on_error: Callable[[str, str], None] | None = None, on_alerts: Callable[[list[dict]], Any] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.store, self.db, self.options = store, store.db, options
        self.owner = options.owner or f"{socket.gethostname()}:{os.getpid()}"
        self.poller = Poller(allow_private=options.allow_private, resolver=resolver, transport=transport,
                             host_interval=options.host_interval, max_bytes=options.max_bytes)
        self.models = models
        self.on_error = on_error or (lambda name, reason: None)
        self.on_alerts = on_alerts
        self.clock = clock
        self.counters = Counters()
        self.stopping: asyncio.Event | None = None  # made in run(): an Event belongs to its loop
        self._poll_finished = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._documents: asyncio.Queue | None = None

    def stop(self) -> None:
        """Finish the batch in hand and return from ``run`` (SIGTERM)."""
        if self.stopping is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self.stopping.set)  # from a signal handler or another thread alike

    async def run(self) -> Counters:
        """Poll, fetch, analyse and store until ``stop()`` (or, with ``once``, until nothing is due)."""
        self.stopping = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._documents = asyncio.Queue(maxsize=2)
        leases = asyncio.create_task(self._keep_leases())
        try:
            analysis = asyncio.create_task(self._analyse())
            pages = asyncio.create_task(self._pages() if self.options.fetch_pages else asyncio.sleep(0))
            pages.add_done_callback(self._stop_on_failure)  # else polling went on for ever, nothing stored
            await self._poll()
            self._poll_finished = True
            await pages
            await self._documents.put(None)
            await analysis
        finally:
            leases.cancel()
            await self.poller.close()
            await self._store(feed_store.release, self.db, self.owner)
        return self.counters

    def _stop_on_failure(self, task: asyncio.Task) -> None:
        """Stop the watcher when a part of it has failed (its error is raised from ``run``)."""
        if not task.cancelled() and task.exception() is not None:
            self.stopping.set()

    async def _keep_leases(self) -> None:
        """Renew this watcher's claims every third of a lease while it holds them.

        Items claimed wait in the queue behind two batches, and one batch's analysis (the
        models' first load, a backlog) may take longer than a lease: without renewal another
        watcher took those items over and analysed them a second time. A watcher that dies
        renews nothing, so its claims still pass to the others after ``lease`` seconds.
        """
        every = max(0.5, self.options.lease / 3)
        while True:
            await asyncio.sleep(every)
            try:
                await asyncio.to_thread(feed_store.renew, self.db, self.owner, int(self.clock()), self.options.lease)
            except Exception as exc:  # noqa: BLE001  (a busy or lost database: the next beat tries again)
                self.on_error("leases", f"not renewed: {exc}")

    # ------------------------------------------------------------------ polling

    async def _poll(self) -> None:
        """Claim due feeds and poll them, keeping up to ``concurrency`` polls in flight."""
        in_flight: set[asyncio.Task] = set()
        done: list[feed_store.PollOutcome] = []
        last_flush = time.monotonic()
        while not self.stopping.is_set():
            room = self.options.concurrency - len(in_flight)
            claimed = []
            if room > 0:
                claimed = await self._store(feed_store.claim_feeds, self.db, self.owner, int(self.clock()), room, self.options.lease)
                for feed in claimed:
                    in_flight.add(asyncio.create_task(self._poll_one(feed)))
            if not in_flight:
                if self.options.once:
                    break
                await self._sleep(await self._idle_seconds())
                continue
            finished, in_flight = await asyncio.wait(in_flight, timeout=0.25, return_when=asyncio.FIRST_COMPLETED)
            done.extend(t.result() for t in finished)
            if done and (len(done) >= 50 or time.monotonic() - last_flush > 0.25 or not in_flight):
                await self._record(done)
                done, last_flush = [], time.monotonic()
        if in_flight:  # stopping: the polls in hand are recorded (their items wait in the archive)
            # Polls still waiting for their host's turn (a request's deadline no longer counts
            # that wait) are dropped after STOP_GRACE: their feeds stay due, their leases given back.
            finished, waiting = await asyncio.wait(in_flight, timeout=STOP_GRACE)
            for task in waiting:
                task.cancel()
            done.extend(t.result() for t in finished)
        await self._record(done)

    async def _record(self, outcomes: list[feed_store.PollOutcome]) -> None:
        if outcomes:
            recorded = await self._store(feed_store.record_polls, self.db, self.owner, outcomes)
            self.counters.items_new += sum(len(v) for v in recorded.values())

    async def _idle_seconds(self) -> float:
        """Seconds to sleep when nothing is due: until the next feed is, at most 1 s (new feeds, other watchers)."""
        due = await self._store(feed_store.next_due, self.db)
        return 1.0 if due is None else min(1.0, max(0.05, due - self.clock()))

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stopping.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _poll_one(self, feed: dict) -> feed_store.PollOutcome:
        """Poll one feed; the outcome says what to write back (never raises)."""
        now = int(self.clock())
        reply = await self.poller.get(feed["url"], etag=feed["etag"], modified=feed["modified"])
        self.counters.polls += 1
        updates: dict[str, Any] = {"last_poll": now, "last_status": reply.status or None}
        items: list[tuple] = []
        error = reply.error
        facts = None
        if error is None and reply.status == 200:
            try:
                facts = await asyncio.to_thread(read_feed, reply.body, feed["url"])
            except SvodkaError as exc:
                error = exc.reason
            except Exception as exc:  # noqa: BLE001  (one feed's odd bytes must not take the batch of polls, and the watcher, down)
                error = f"unreadable feed: {type(exc).__name__}: {exc}"
        if error is not None:
            self.counters.poll_errors += 1
            self.on_error(feed["url"], error)
            errors = int(feed["errors"] or 0) + 1
            wait, failing = schedule.backoff(errors, high=self.options.high)
            updates.update(errors=errors, failing=int(failing), last_error=error[:500], next_poll=now + wait)
            return feed_store.PollOutcome(feed["id"], updates)
        elapsed = now - int(feed["last_success"] or now)
        if reply.status == 304:
            self.counters.not_modified += 1
            rate = schedule.observed_rate(feed["items_per_day"], 0, elapsed)
            ttl = feed["ttl"]
        else:
            self.counters.full_downloads += 1
            source = feed["name"] or outlet_name(facts.title)  # the name the user gave the feed first
            items = [(i.url, i.title, i.summary, i.published, source) for i in facts.items]
            new = await self._store(self._unseen, [i[0] for i in items])
            first = feed["last_success"] is None
            rate = schedule.observed_rate(None if first else feed["items_per_day"], len(new), elapsed, [i.published for i in facts.items] if first else None)
            ttl = facts.ttl
            updates.update(etag=reply.etag, modified=reply.modified)
        if reply.moved:
            updates["url"] = reply.moved  # moved for good: polled there from now on (record_polls checks it is free)
        period = schedule.interval(fixed=feed["fixed"], ttl=ttl, items_per_day=rate, low=self.options.low, high=self.options.high)
        updates.update(errors=0, failing=0, last_error=None, last_success=now, ttl=ttl, items_per_day=rate, period=period, next_poll=now + period)
        return feed_store.PollOutcome(feed["id"], updates, items)

    def _unseen(self, urls: list[str]) -> set[str]:
        """The URLs not yet in the item memory nor the archive (for the posting rate)."""
        from ..store.database import select_in

        with self.db.reading() as cur:
            known = {r[0] for r in select_in(cur, "SELECT url FROM feed_items WHERE url IN ({in})", urls)}
            known |= {r[0] for r in select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", urls)}
        return set(urls) - known

    # ------------------------------------------------------------------ pages

    async def _pages(self) -> None:
        """Claim waiting items, fetch their pages, hand the documents to the analysis."""
        cores = os.cpu_count() or 1
        limit = self.options.batch_size * max(1, min(self.options.workers or cores, cores))
        polling_done = False
        while True:
            items = await self._store(feed_store.claim_items, self.db, self.owner, int(self.clock()), limit, self.options.lease)
            if not items:
                if self.stopping.is_set() or polling_done:
                    return
                await self._sleep(0.2)
                # with ``once``, pages end when polling has ended and nothing waits
                polling_done = self.options.once and self._polling_over()
                continue
            known, _ = await self._store(self.store.known_documents, {i["url"] for i in items}, set())
            skipped = [i["url"] for i in items if i["url"] in known]
            if skipped:
                self.counters.pages_skipped += len(skipped)
                await self._store(feed_store.finish_items, self.db, skipped)
            todo = [i for i in items if i["url"] not in known]
            pages = await asyncio.gather(*(self._page(i) for i in todo))
            later = [i["url"] for i, page in zip(todo, pages) if page is None]
            if later:  # a passing failure: tried again later, not stored as the feed's summary for good
                self.counters.pages_deferred += len(later)
                await self._store(feed_store.defer_items, self.db, self.owner, later, int(self.clock()) + PAGE_RETRY_DELAY)
            docs = [page for page in pages if page is not None]
            if docs:
                await self._documents.put((docs, [i["url"] for i, page in zip(todo, pages) if page is not None]))
            if self.stopping.is_set():
                return

    def _polling_over(self) -> bool:
        return self.stopping.is_set() or self._poll_finished

    async def _page(self, item: dict) -> list[Document | SvodkaError] | None:
        """The documents of an item's page (or its summary, or an error); None: try the page again later.

        A page that fails in a way that may pass (no answer, 5xx, 429, too slow) is tried again
        for ``PAGE_RETRY_WINDOW`` seconds after its item was seen; one 503 used to store the
        feed's summary (or, with none, nothing) in its place for good.
        """
        from ..errors import FetchError, InputError
        from ..ingest.readers import read_bytes

        reply = await self.poller.get(item["url"])
        if reply.error is not None and not reply.permanent and self.clock() - int(item["seen"] or 0) < PAGE_RETRY_WINDOW:
            return None
        fetched = datetime.now(timezone.utc).isoformat(timespec="seconds")
        meta = {k: v for k, v in (("title", item["title"]), ("published", item["published"]), ("source", item["source"])) if v}
        if reply.error is None and reply.status == 200:
            self.counters.pages_fetched += 1
            out = []
            for doc in read_bytes(reply.body, item["url"], max_bytes=self.options.max_bytes):
                if isinstance(doc, Document):
                    doc.url, doc.path, doc.fetched = item["url"], None, fetched
                    doc.meta = {**{k: v for k, v in meta.items() if k != "title"}, **doc.meta}
                out.append(doc)
            return out
        if item["summary"] or item["title"]:
            self.counters.page_fallbacks += 1
            text = "\n\n".join(p for p in (item["summary"],) if p)
            return [Document(text=text or item["title"], media_type="application/x-feed-item", url=item["url"], fetched=fetched, meta=meta)]
        return [FetchError(item["url"], reply.error or f"HTTP {reply.status}") if reply.error else InputError(item["url"], "no page")]

    # ------------------------------------------------------------------ analysis

    async def _analyse(self) -> None:
        """Analyse and store what the pages part hands over, one batch at a time, in a thread.

        Any other failure (the models cannot be loaded, a bug) stops the watcher and is raised
        from ``run`` once the other parts have ended: the analysis used to die alone, the pages
        part then blocked on the full queue for ever and the watcher hung, polling, storing nothing.
        The batches still handed over are not analysed (their items wait in the archive).
        """
        failure: BaseException | None = None
        while True:
            got = await self._documents.get()
            if got is None:
                break
            if failure is not None:
                continue
            docs, urls = got
            try:
                await asyncio.to_thread(self._ingest, [d for group in docs for d in group])
            except StoreError as exc:  # the archive refused the batch: its items are claimed again later
                self.on_error("archive", f"batch of {len(urls)} items not stored: {exc.reason}")
                await self._store(feed_store.unclaim_items, self.db, self.owner, urls)
                await asyncio.sleep(STORE_RETRY)
                continue
            except Exception as exc:  # noqa: BLE001  (raised again below, after the others stop)
                failure = exc
                self.stopping.set()
                continue
            await self._store(feed_store.finish_items, self.db, urls)
        if failure is not None:
            raise failure

    async def _store(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a thread, tried again while the archive is busy.

        Another writer (``svodka ingest``, a recluster, another watcher's batch) may hold the
        archive's write lock past its timeout (10 s SQLite, 30 s PostgreSQL); the watcher is a
        daemon and waits for it instead of dying (``StoreError`` from one claim ended it).
        """
        for attempt in range(STORE_ATTEMPTS):
            try:
                return await asyncio.to_thread(fn, *args)
            except StoreError as exc:
                if attempt == STORE_ATTEMPTS - 1:
                    raise
                self.on_error("archive", f"{exc.reason} (trying again)")
                await asyncio.sleep(STORE_RETRY)

    def _ingest(self, documents: list) -> None:
        """``svodka ingest``'s path: the same pipeline, workers and store."""
        from ..ingest.job import ingest

        if self.models is None:
            from ..nlp.models import load_models

            self.models = load_models()
            self.store.use_parse(self.models.parse)
        summary = ingest(documents, self.store, workers=self.options.workers, batch_size=self.options.batch_size,
                         models=self.models, on_error=self.on_error, options=self.options.analysis, on_alerts=self.on_alerts)
        self.counters.stored += summary.stored
        self.counters.duplicates += summary.duplicates
        self.counters.rejected += summary.rejected


def watch(store: Any, options: WatchOptions, **kwargs: Any) -> Counters:
    """Run a watcher until it is stopped (SIGTERM, SIGINT) or, with ``options.once``, until nothing is due."""
    import signal

    watcher = Watcher(store, options, **kwargs)

    async def main() -> Counters:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.add_signal_handler(sig, watcher.stop)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
                pass
        return await watcher.run()

    return asyncio.run(main())
