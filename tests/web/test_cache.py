"""ArchiveCache: values over the whole archive computed once, renewed when the archive changes."""

from __future__ import annotations

import threading
import time

from svodka.web._cache import ArchiveCache


class FakeStore:
    """Just what the cache reads: the newest article id."""

    def __init__(self) -> None:
        self.newest = 1

    def articles(self, limit: int = 50):
        return [{"id": self.newest}], None


def _wait_for(check, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def test_cache_computes_once_for_many_callers():
    cache, calls, started = ArchiveCache(FakeStore()), [], threading.Event()

    def slow():
        calls.append(1)
        started.set()
        time.sleep(0.2)
        return "value"

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("home", slow))) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == ["value"] * 10 and len(calls) == 1


def test_cache_serves_the_old_value_while_a_new_article_is_taken_in():
    store = FakeStore()
    cache = ArchiveCache(store, check=0)
    counter = iter(range(100))
    count = lambda: next(counter)  # noqa: E731
    assert cache.get("n", count) == 0
    assert cache.get("n", count) == 0  # same archive: same value
    store.newest = 2  # another process ingested
    assert cache.get("n", count) == 0  # served stale, renewed in the background
    assert _wait_for(lambda: cache.get("n", count) == 1)
    assert cache.get("n", count) == 1  # and kept


def test_cache_renews_after_its_time_to_live():
    cache = ArchiveCache(FakeStore(), ttl=0.05, check=0)
    counter = iter(range(1000))
    count = lambda: next(counter)  # noqa: E731
    assert cache.get("n", count) == 0
    time.sleep(0.1)
    assert _wait_for(lambda: cache.get("n", count) >= 1)


def test_cache_clear_recomputes_at_once():
    cache = ArchiveCache(FakeStore())
    assert cache.get("n", lambda: "old") == "old"
    cache.clear()
    assert cache.get("n", lambda: "new") == "new"


def test_cache_keeps_the_old_value_when_a_renewal_fails():
    store = FakeStore()
    cache = ArchiveCache(store, check=0)
    assert cache.get("n", lambda: "good") == "good"
    store.newest = 2

    def broken():
        raise RuntimeError("database went away")

    assert cache.get("n", broken) == "good"
    time.sleep(0.1)
    assert cache.get("n", lambda: "good") == "good"
