"""The feed list and its state in the archive (schema v12): both backends, leases between watchers."""

from __future__ import annotations

import pytest

from svodka.store import feeds as feed_store
from svodka.store import schema

pytestmark = pytest.mark.issue(17)


def test_store_feeds_add_list_pause_remove(archive):
    db = archive.db
    assert archive.schema_version() == schema.LATEST_VERSION
    first, new = feed_store.add_feed(db, "https://zv.example/rss", name="Заречные вести", fixed=600)
    assert new and feed_store.add_feed(db, "https://zv.example/rss") == (first, False)
    second, _ = feed_store.add_feed(db, "https://rk.example/feed.xml")
    feeds = feed_store.list_feeds(db)
    assert [f["url"] for f in feeds] == ["https://zv.example/rss", "https://rk.example/feed.xml"]
    assert feeds[0]["name"] == "Заречные вести" and feeds[0]["fixed"] == 600 and feeds[0]["next_poll"] == 0
    assert feed_store.find_feed(db, str(second))["url"] == "https://rk.example/feed.xml"
    assert feed_store.find_feed(db, "https://zv.example/rss")["id"] == first
    feed_store.set_paused(db, first, True)
    assert [f["id"] for f in feed_store.claim_feeds(db, "w1", 100, 10, 60)] == [second]
    feed_store.set_paused(db, first, False)
    feed_store.remove_feed(db, second)
    assert feed_store.find_feed(db, second) is None and len(feed_store.list_feeds(db)) == 1


def test_store_feeds_leases(archive):
    db = archive.db
    ids = [feed_store.add_feed(db, f"https://s{i}.example/rss")[0] for i in range(10)]
    a = feed_store.claim_feeds(db, "watcher-a", 1000, 6, lease=60)
    b = feed_store.claim_feeds(db, "watcher-b", 1000, 6, lease=60)
    assert len(a) == 6 and len(b) == 4 and not {f["id"] for f in a} & {f["id"] for f in b}
    assert feed_store.claim_feeds(db, "watcher-c", 1030, 10, lease=60) == []  # all leased
    # watcher-a dies: its leases end at 1060, and watcher-c takes its feeds after that
    taken = feed_store.claim_feeds(db, "watcher-c", 1061, 10, lease=60)
    assert sorted(f["id"] for f in taken) == sorted(ids)  # b's leases ended too
    # a late poll of a feed no longer leased by its poller is not recorded
    late = feed_store.record_polls(db, "watcher-a", [feed_store.PollOutcome(a[0]["id"], {"next_poll": 5000, "etag": "x"}, [("https://s0.example/1", "t", None, None, None)])])
    assert late == {} and feed_store.find_feed(db, a[0]["id"])["etag"] is None
    # the lease holder's poll is: validators, schedule, items; the lease ends
    got = feed_store.record_polls(db, "watcher-c", [feed_store.PollOutcome(a[0]["id"], {"next_poll": 5000, "etag": '"v1"', "last_status": 200}, [("https://s0.example/1", "t", "s", None, "S0")])])
    assert got == {a[0]["id"]: ["https://s0.example/1"]}
    row = feed_store.find_feed(db, a[0]["id"])
    assert (row["etag"], row["next_poll"], row["lease_owner"], row["items"], row["polls"], row["full_polls"]) == ('"v1"', 5000, None, 1, 1, 1)
    assert row["last_item"] == "https://s0.example/1"


def test_store_feeds_items_once(archive):
    from tests.store.conftest import make_article

    db = archive.db
    fid, _ = feed_store.add_feed(db, "https://zv.example/rss")
    archive.add_articles([make_article("Мост закроют", ["Мост через Зарю закроют в мае."], url="https://zv.example/stored")])
    items = [(u, None, None, None, None) for u in ("https://zv.example/stored", "https://zv.example/new", "https://zv.example/new")]
    feed_store.claim_feeds(db, "w", 10, 1, 60)
    assert feed_store.record_polls(db, "w", [feed_store.PollOutcome(fid, {"next_poll": 0}, items)]) == {fid: ["https://zv.example/new"]}
    feed_store.claim_feeds(db, "w", 10, 1, 60)
    assert feed_store.record_polls(db, "w", [feed_store.PollOutcome(fid, {}, items)]) == {fid: []}  # seen: not new again
    one = feed_store.claim_items(db, "w", 100, 10, 60)
    assert [i["url"] for i in one] == ["https://zv.example/new"]
    assert feed_store.claim_items(db, "other", 100, 10, 60) == []  # leased
    assert [i["url"] for i in feed_store.claim_items(db, "other", 161, 10, 60)] == ["https://zv.example/new"]  # lease over
    feed_store.finish_items(db, ["https://zv.example/new"])
    assert feed_store.claim_items(db, "w", 10_000, 10, 60) == []
    totals = feed_store.feed_totals(db)
    assert totals["feeds"] == 1 and totals["items"] == 1 and totals["items_waiting"] == 0 and totals["polls"] == 2


def test_store_feeds_release(archive):
    db = archive.db
    feed_store.add_feed(db, "https://zv.example/rss")
    assert feed_store.claim_feeds(db, "w", 10, 5, 600)
    feed_store.release(db, "w")
    assert feed_store.claim_feeds(db, "v", 11, 5, 600)  # given back: no wait for the lease


def test_store_find_feed_odd_keys(archive):
    """'svodka feeds pause ²' (str.isdigit, int refuses) and a 20-digit id were tracebacks."""
    feed_id, _ = feed_store.add_feed(archive.db, "https://zv.example/rss")
    assert feed_store.find_feed(archive.db, str(feed_id))["url"] == "https://zv.example/rss"
    assert feed_store.find_feed(archive.db, "²") is None and feed_store.find_feed(archive.db, "9" * 20) is None
