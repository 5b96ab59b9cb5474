"""``svodka watch`` in-process against the synthetic server: schedule, validators, dedup, errors, stop.

The analysis is the real pipeline (the session's models), one worker.
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from svodka.store import feeds as feed_store
from svodka.watch import schedule
from svodka.watch.testserver import RESOLVER, FeedSpec
from svodka.watch.watcher import Counters, Watcher, WatchOptions

from .conftest import ALLOW

pytestmark = pytest.mark.issue(17)


class Clock:
    """Epoch seconds the tests move forward."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _round(store, models, clock, errors=None, **options) -> Counters:
    """One ``--once`` run of a watcher at the clock's time."""
    opts = WatchOptions(workers=1, once=True, allow_private=ALLOW, host_interval=0, **options)
    watcher = Watcher(store, opts, resolver=RESOLVER, models=models, clock=clock,
                      on_error=(lambda name, reason: errors.append((name, reason))) if errors is not None else None)
    return asyncio.run(watcher.run())


def _stored_urls(store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT url FROM articles ORDER BY url")]


def test_watcher_kinds_validators_and_dedup(archive, models, feed_server):
    kinds = ["ok", "gzip", "e500", "slow", "redirect", "loop", "bad", "huge", "track", "ttl", "private-pages"]
    hour_ago = time.time() - 3600
    for i, kind in enumerate(kinds):
        name = "private-p" if kind == "private-pages" else f"k{i}"
        feed_server.add(FeedSpec(name, kind="ok" if kind == "private-pages" else kind, published=[hour_ago, hour_ago + 60]))
        feed_store.add_feed(archive.db, feed_server.url(name))
    clock, errors = Clock(), []
    first = _round(archive, models, clock, errors)
    good = ["k0", "k1", "k3", "k4", "k8", "k9", "private-p"]
    expected = sorted(feed_server.page_url(n, i) for n in good for i in (0, 1)) + [feed_server.page_url("k6", 1)]  # bad XML: the half read
    assert _stored_urls(archive) == sorted(expected)
    assert first.stored == len(expected) and first.rejected == 0
    assert first.page_fallbacks == 2  # robots.txt forbids private-p's pages: the feed's summaries are stored
    assert feed_server.count("/a/private-p/") == 0
    failed = {name.split("/")[-1]: reason for name, reason in errors}
    assert set(failed) == {"k2.xml", "k5.xml", "k7.xml"}
    assert "HTTP 500" in failed["k2.xml"] and "redirects" in failed["k5.xml"] and "limit" in failed["k7.xml"]
    feeds = {f["url"].split("/")[-1]: f for f in feed_store.list_feeds(archive.db)}
    assert feeds["k2.xml"]["errors"] == 1 and feeds["k2.xml"]["next_poll"] > clock.now and not feeds["k2.xml"]["failing"]
    assert feeds["k9.xml"]["ttl"] == 3600 and feeds["k9.xml"]["period"] == 3600  # the feed's <ttl> is a floor
    assert feeds["k0.xml"]["period"] == schedule.MIN_INTERVAL and feeds["k0.xml"]["etag"] == '"k0-2"'
    assert feeds["k4.xml?moved=1"]["url"] == feed_server.url("k4") + "?moved=1"  # a 301: followed at its new address

    # next round, everything due: 304s where validators exist, nothing fetched twice
    pages_before = feed_server.count("/a/")
    feed_server.publish("k0")
    clock.now += schedule.MAX_INTERVAL + 1
    second = _round(archive, models, clock)
    assert second.not_modified >= 5  # ok, gzip, slow, redirect, ttl
    assert second.stored == 1 and feed_server.page_url("k0", 2) in _stored_urls(archive)
    assert feed_server.count("/a/") == pages_before + 1  # only the new item's page; track's fresh utm tags are no new items
    assert feed_server.feeds["k8"].requests == 2 and second.items_new == 1


def test_watcher_failing_feed_retried_daily(archive, models, feed_server):
    feed_server.add(FeedSpec("down", kind="e500"))
    fid, _ = feed_store.add_feed(archive.db, feed_server.url("down"))
    clock = Clock()
    for _ in range(schedule.FAIL_AFTER):
        _round(archive, models, clock)
        clock.now = feed_store.find_feed(archive.db, fid)["next_poll"] + 1
    feed = feed_store.find_feed(archive.db, fid)
    assert feed["failing"] == 1 and feed["errors"] == schedule.FAIL_AFTER
    assert feed["next_poll"] - feed["last_poll"] == schedule.FAILING_RETRY
    assert feed_server.feeds["down"].requests == schedule.FAIL_AFTER
    # it answers again: healthy at the next daily try
    feed_server.feeds["down"].kind = "ok"
    feed_server.publish("down")
    _round(archive, models, clock)
    feed = feed_store.find_feed(archive.db, fid)
    assert (feed["failing"], feed["errors"], feed["items"]) == (0, 0, 1)


def test_watcher_stop_finishes_and_releases(archive, models, feed_server):
    for i in range(5):
        feed_server.add(FeedSpec(f"s{i}", published=[time.time() - 60]))
        feed_store.add_feed(archive.db, feed_server.url(f"s{i}"))
    opts = WatchOptions(workers=1, allow_private=ALLOW, host_interval=0)
    watcher = Watcher(archive, opts, resolver=RESOLVER, models=models)
    result = {}
    thread = threading.Thread(target=lambda: result.update(c=asyncio.run(watcher.run())))
    thread.start()
    deadline = time.time() + 120
    while time.time() < deadline and archive.db.execute("SELECT COUNT(*) FROM articles").first()[0] < 5:
        time.sleep(0.2)
    watcher.stop()
    thread.join(60)
    assert not thread.is_alive() and result["c"].stored == 5
    assert archive.db.execute("SELECT COUNT(*) FROM feeds WHERE lease_owner IS NOT NULL").first()[0] == 0


def test_watcher_hundreds_of_feeds_polled_once_then_304(archive, feed_server):
    now = time.time()
    for i in range(300):
        feed_server.add(FeedSpec(f"h{i}", kind=("ok", "gzip", "slow")[i % 3] if i % 50 else "ttl", published=[now - 120, now - 60]))
        feed_store.add_feed(archive.db, feed_server.url(f"h{i}"))
    clock = Clock()
    first = _round(archive, None, clock, fetch_pages=False)  # polling only: the items wait in the archive
    assert (first.polls, first.full_downloads, first.items_new) == (300, 300, 600)
    assert all(spec.requests == 1 for spec in feed_server.feeds.values())
    assert feed_store.feed_totals(archive.db)["items_waiting"] == 600
    clock.now += schedule.MAX_INTERVAL + 1
    second = _round(archive, None, clock, fetch_pages=False)
    assert (second.polls, second.not_modified, second.items_new) == (300, 300, 0)


def _mock_site(ttl: str = "30"):
    """A MockTransport site on x.feeds.test: robots.txt missing, a feed of two items, their pages."""
    import httpx

    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404, stream=httpx.ByteStream(b""))
        if request.url.path == "/rss.xml":
            items = "".join(f"<item><title>Новость {i}</title><link>http://x.feeds.test/a/{i}</link></item>" for i in (1, 2))
            body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Икс</title><ttl>{ttl}</ttl>{items}</channel></rss>'
            return httpx.Response(200, stream=httpx.ByteStream(body.encode()), headers={"content-type": "application/rss+xml"})
        page = f"<html><body><h1>Новость</h1><p>Текст заметки {request.url.path}.</p></body></html>"
        return httpx.Response(200, stream=httpx.ByteStream(page.encode()), headers={"content-type": "text/html; charset=utf-8"})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("ttl", ["²", "99999999999999999999"])
def test_watcher_survives_odd_ttl(archive, ttl):
    """A feed's odd <ttl> took the watcher down with every other poll of the batch (ValueError, OverflowError)."""
    feed_store.add_feed(archive.db, "http://x.feeds.test/rss.xml")
    feed_store.add_feed(archive.db, "http://y.feeds.test/rss.xml")
    opts = WatchOptions(once=True, fetch_pages=False, allow_private=ALLOW, host_interval=0)
    counters = asyncio.run(Watcher(archive, opts, resolver=RESOLVER, transport=_mock_site(ttl)).run())
    assert counters.polls == 2 and counters.poll_errors == 0
    assert [(f["polls"], f["ttl"]) for f in feed_store.list_feeds(archive.db)] == [(1, None), (1, None)]


def test_watcher_renews_item_leases_during_a_long_batch(archive):
    """Items in a batch analysed for longer than a lease stay this watcher's: no second watcher analyses them too."""
    clock, lease, taken = Clock(), 3, {}
    feed_store.add_feed(archive.db, "http://x.feeds.test/rss.xml")
    opts = WatchOptions(once=True, allow_private=ALLOW, host_interval=0, lease=lease, owner="A")
    watcher = Watcher(archive, opts, resolver=RESOLVER, transport=_mock_site(), clock=clock)

    def slow_ingest(documents):
        def lease_end():
            return archive.db.execute("SELECT MIN(lease_until) FROM feed_items WHERE lease_owner = 'A'").first()[0]

        first = lease_end()
        clock.now += lease - 1
        deadline = time.time() + 15  # a heartbeat comes every lease/3 s; this only bounds a failure
        while time.time() < deadline and (lease_end() or 0) <= first:
            time.sleep(0.1)
        clock.now += 2  # past the first claim's end
        taken["B"] = feed_store.claim_items(archive.db, "B", int(clock.now), 100, lease)

    watcher._ingest = slow_ingest
    asyncio.run(watcher.run())
    assert taken["B"] == []
    assert archive.db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'done'").first()[0] == 2


def test_watcher_waits_for_a_busy_archive(tmp_path):
    """Another writer holding the archive past the lock's timeout ended the watcher with a StoreError."""
    from svodka.store import open_store

    path = tmp_path / "a.db"
    ours, other = open_store(path, timeout=0.5), open_store(path)
    feed_store.add_feed(ours.db, "http://x.feeds.test/rss.xml")
    held, errors = threading.Event(), []

    def writer():
        with other.db.write() as cur:
            cur.execute("UPDATE feeds SET name = 'занято'")
            held.set()
            time.sleep(2)

    thread = threading.Thread(target=writer)
    thread.start()
    held.wait()
    opts = WatchOptions(once=True, fetch_pages=False, allow_private=ALLOW, host_interval=0)
    watcher = Watcher(ours, opts, resolver=RESOLVER, transport=_mock_site(), on_error=lambda name, reason: errors.append(name))
    counters = asyncio.run(watcher.run())
    thread.join()
    assert counters.polls == 1 and counters.items_new == 2 and "archive" in errors
    ours.close(), other.close()


def test_watcher_batch_refused_by_the_archive_is_claimed_again(archive):
    """A batch whose storing failed kept its items claimed (and renewed) by the watcher: never analysed."""
    from svodka.errors import StoreError

    feed_store.add_feed(archive.db, "http://x.feeds.test/rss.xml")
    opts = WatchOptions(once=True, allow_private=ALLOW, host_interval=0, owner="A")
    watcher = Watcher(archive, opts, resolver=RESOLVER, transport=_mock_site())
    batches = []

    def ingest(documents):
        batches.append(len(documents))
        if len(batches) == 1:
            raise StoreError("archive", "disk full")

    watcher._ingest = ingest
    asyncio.run(watcher.run())
    assert batches == [2]
    assert archive.db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'new' AND lease_owner IS NULL").first()[0] == 2
    again = Watcher(archive, opts, resolver=RESOLVER, transport=_mock_site())
    again._ingest = ingest
    asyncio.run(again.run())
    assert batches == [2, 2]
    assert archive.db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'done'").first()[0] == 2


def test_watcher_tries_a_failing_page_again(archive):
    """One 503 on an item's page stored the feed's summary in its place for good; now the page is tried again later."""
    import httpx

    from svodka.watch import watcher as watcher_module

    site, answers = _mock_site(), {"/a/1": [503]}

    def handler(request):
        codes = answers.get(request.url.path)
        if codes:
            return httpx.Response(codes.pop(0), stream=httpx.ByteStream(b"busy"))
        return site.handler(request)

    clock, kinds = Clock(), []
    feed_store.add_feed(archive.db, "http://x.feeds.test/rss.xml")

    def round_():
        opts = WatchOptions(once=True, allow_private=ALLOW, host_interval=0)
        w = Watcher(archive, opts, resolver=RESOLVER, transport=httpx.MockTransport(handler), clock=clock)
        w._ingest = lambda docs: kinds.extend((d.url, d.media_type) for group in [docs] for d in group)
        return asyncio.run(w.run())

    first = round_()
    assert first.pages_deferred == 1 and kinds == [("http://x.feeds.test/a/2", "text/html")]
    clock.now += watcher_module.PAGE_RETRY_DELAY + 1
    second = round_()
    assert second.pages_fetched == 1 and kinds[-1] == ("http://x.feeds.test/a/1", "text/html")
    assert archive.db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'done'").first()[0] == 2


def test_watcher_stop_drops_polls_still_waiting_for_their_host(archive, monkeypatch):
    """SIGTERM waited for every poll queued behind one host's slot (a minute for sixty feeds of one site)."""
    from svodka.watch import watcher as watcher_module

    monkeypatch.setattr(watcher_module, "STOP_GRACE", 0.5)
    for i in range(3):
        feed_store.add_feed(archive.db, f"http://x.feeds.test/rss.xml?part={i}")
    opts = WatchOptions(fetch_pages=False, allow_private=ALLOW, host_interval=5)  # robots.txt, then a feed every 5 s
    watcher = Watcher(archive, opts, resolver=RESOLVER, transport=_mock_site())
    result = {}
    thread = threading.Thread(target=lambda: result.update(c=asyncio.run(watcher.run())))
    thread.start()
    deadline = time.time() + 30
    while time.time() < deadline and watcher.counters.polls < 1:
        time.sleep(0.05)
    watcher.stop()
    thread.join(30)
    assert not thread.is_alive() and result["c"].polls == 1
    assert archive.db.execute("SELECT COUNT(*) FROM feeds WHERE lease_owner IS NOT NULL").first()[0] == 0
    assert archive.db.execute("SELECT COUNT(*) FROM feeds WHERE polls = 0").first()[0] == 2  # still due


def test_watcher_analysis_failure_stops_the_watcher(archive, feed_server):
    """The analysis dying (models missing) left the pages part blocked on the full queue: the watcher hung for ever."""
    feed_server.add(FeedSpec("f", published=[time.time() - 100 + i for i in range(6)]))
    feed_store.add_feed(archive.db, feed_server.url("f"))
    opts = WatchOptions(once=True, batch_size=1, workers=1, allow_private=ALLOW, host_interval=0)  # one item a batch: six batches
    watcher = Watcher(archive, opts, resolver=RESOLVER)

    def fail(documents):
        raise RuntimeError("models missing")

    watcher._ingest = fail
    result = {}

    def run():
        try:
            asyncio.run(watcher.run())
        except RuntimeError as exc:
            result["error"] = str(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive() and result == {"error": "models missing"}
    assert archive.db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'new' AND lease_owner IS NULL").first()[0] == 6


def test_watcher_pages_failure_stops_the_watcher(archive, feed_server):
    """The pages part dying left the watcher polling for ever, storing nothing."""
    feed_server.add(FeedSpec("f", published=[time.time() - 100]))
    feed_store.add_feed(archive.db, feed_server.url("f"))
    watcher = Watcher(archive, WatchOptions(allow_private=ALLOW, host_interval=0), resolver=RESOLVER)  # not --once

    async def fail(item):
        raise RuntimeError("page reader bug")

    watcher._page = fail
    result = {}

    def run():
        try:
            asyncio.run(watcher.run())
        except RuntimeError as exc:
            result["error"] = str(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive() and result == {"error": "page reader bug"}
