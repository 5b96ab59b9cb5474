"""Watchers as processes: ``kill -9`` mid-batch and a restart; two watchers on one PostgreSQL archive.

Each watcher is ``tests/watch/run_watcher.py`` (``watch()`` with the test server's resolver),
analysing with the real pipeline, so these tests take tens of seconds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from svodka.store import feeds as feed_store
from svodka.store import open_store
from svodka.watch.testserver import FeedSpec

from .conftest import pg_url

pytestmark = pytest.mark.issue(17)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _watcher(db: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": ROOT}
    return subprocess.Popen([sys.executable, "-m", "tests.watch.run_watcher", db, *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _count(store, sql: str) -> int:
    return int(store.db.execute(sql).first()[0])


def _feeds(server, store, n: int, items: int) -> list[str]:
    """``n`` feeds of ``items`` items each, followed by the archive; every item page's URL."""
    now = time.time()
    pages = []
    for i in range(n):
        server.add(FeedSpec(f"p{i}", published=[now - 600 + k for k in range(items)]))
        feed_store.add_feed(store.db, server.url(f"p{i}"))
        pages += [f"/a/p{i}/{k}.html" for k in range(items)]
    return pages


def test_watch_kill9_restart_loses_nothing(tmp_path, feed_server):
    db = str(tmp_path / "archive.db")
    store = open_store(db)
    pages = _feeds(feed_server, store, 12, 6)
    first = _watcher(db, "--lease", "4", "--batch-size", "8")
    deadline = time.time() + 180
    while time.time() < deadline and _count(store, "SELECT COUNT(*) FROM articles") < 8:
        assert first.poll() is None, first.stderr.read()
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    before = {r[0] for r in store.db.execute("SELECT url FROM articles")}
    assert 8 <= len(before) < len(pages), "the kill came after the whole run: make the run longer"
    polls_before = {name: spec.requests for name, spec in feed_server.feeds.items()}
    time.sleep(4.5)  # the dead watcher's leases end
    second = _watcher(db, "--once", "--lease", "4", "--batch-size", "8")
    assert second.wait(180) == 0, second.stderr.read()
    stored = [r[0] for r in store.db.execute("SELECT url FROM articles")]
    assert len(stored) == len(set(stored)) == len(pages)  # nothing lost, nothing stored twice
    assert _count(store, "SELECT COUNT(*) FROM rejected") == 0
    for url in before:  # what was stored before the kill was not fetched (nor analysed) again
        assert feed_server.hits["/a/" + url.split("/a/")[1]] == 1
    assert {name: spec.requests for name, spec in feed_server.feeds.items()} == polls_before  # polled feeds not polled again
    assert _count(store, "SELECT COUNT(*) FROM feed_items WHERE state = 'new'") == 0
    store.close()


def test_watch_two_watchers_postgresql(feed_server):
    url = pg_url()
    store = open_store(url)  # made and migrated before the watchers start
    try:
        pages = _feeds(feed_server, store, 60, 2)
        # a few polls in flight each, so both watchers claim feeds while the other polls
        watchers = [_watcher(url, "--once", "--owner", f"w{i}", "--batch-size", "16", "--concurrency", "4") for i in range(2)]
        lines = []
        for w in watchers:
            assert w.wait(300) == 0, w.stderr.read()
            lines.append(w.stderr.read().strip().splitlines()[-1])
        polls = [int(line.split("polls ")[1].split(" ")[0]) for line in lines]
        assert sum(polls) == 60 and min(polls) > 0, lines  # both polled, together each feed once
        assert all(spec.requests == 1 for spec in feed_server.feeds.values())  # no feed polled twice
        assert all(feed_server.hits.get(page) == 1 for page in pages)  # no page fetched twice
        stored = [r[0] for r in store.db.execute("SELECT url FROM articles")]
        assert len(stored) == len(set(stored)) == len(pages)  # all items stored once
        owners = {r[0] for r in store.db.execute("SELECT lease_owner FROM feeds")}
        assert owners == {None}
    finally:
        store.db.drop_schema()
        store.close()


def test_watch_sigterm_finishes_the_batch_and_exits(tmp_path, feed_server):
    db = str(tmp_path / "archive.db")
    store = open_store(db)
    pages = _feeds(feed_server, store, 8, 6)
    watcher = _watcher(db, "--batch-size", "8")
    deadline = time.time() + 180
    while time.time() < deadline and _count(store, "SELECT COUNT(*) FROM articles") < 1:
        assert watcher.poll() is None, watcher.stderr.read()
        time.sleep(0.05)
    watcher.send_signal(signal.SIGTERM)
    assert watcher.wait(120) == 0, watcher.stderr.read()
    assert "stored" in watcher.stderr.read().strip().splitlines()[-1]
    # the leases are given back: another watcher goes on at once, and nothing is fetched twice
    assert _count(store, "SELECT COUNT(*) FROM feeds WHERE lease_owner IS NOT NULL") == 0
    assert _count(store, "SELECT COUNT(*) FROM feed_items WHERE lease_owner IS NOT NULL") == 0
    done = {r[0] for r in store.db.execute("SELECT url FROM feed_items WHERE state = 'done'")}
    stored = {r[0] for r in store.db.execute("SELECT url FROM articles")}
    assert done <= stored  # an item is done only once its article is stored
    rest = _watcher(db, "--once")
    assert rest.wait(180) == 0, rest.stderr.read()
    assert _count(store, "SELECT COUNT(*) FROM articles") == len(pages)
    assert all(feed_server.hits.get(page) == 1 for page in pages)
    store.close()
