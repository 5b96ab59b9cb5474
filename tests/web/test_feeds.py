"""/api/feeds, the /feeds page and /metrics over an archive with followed feeds."""

from __future__ import annotations

import pytest

from svodka.store import feeds as feed_store
from svodka.store import open_store

from .conftest import TestClient

pytestmark = pytest.mark.issue(17)


@pytest.fixture
def feeds_client(tmp_path, models, analysis):
    from svodka.web import create_app

    url = f"sqlite:///{tmp_path / 'feeds.db'}"
    with open_store(url) as store:
        ok, _ = feed_store.add_feed(store.db, "https://zv.example/rss", name="Заречные вести")
        down, _ = feed_store.add_feed(store.db, "https://rk.example/rss")
        paused, _ = feed_store.add_feed(store.db, "https://pk.example/rss")
        feed_store.set_paused(store.db, paused, True)
        feed_store.claim_feeds(store.db, "w", 2_000_000_000, 10, 60)
        feed_store.record_polls(store.db, "w", [
            feed_store.PollOutcome(ok, {"last_status": 200, "last_success": 1_700_000_000, "next_poll": 1_700_000_300, "items_per_day": 12.5},
                                   [("https://zv.example/1", "Мост", None, None, "Заречные вести")]),
            feed_store.PollOutcome(down, {"last_status": 500, "errors": 5, "failing": 1, "last_error": "HTTP 500", "next_poll": 1_700_086_400}),
        ])
    return TestClient(create_app(url, models=models, analysis=analysis))


def test_web_feeds_api(feeds_client):
    body = feeds_client.get("/api/feeds").json()
    feeds = {f["url"]: f for f in body["results"]}
    ok = feeds["https://zv.example/rss"]
    assert ok["status"] == "ok" and ok["last_success"] == "2023-11-14T22:13:20Z" and ok["items"] == 1 and ok["items_per_day"] == 12.5
    assert ok["next_poll_in"] == 0  # long due
    assert feeds["https://rk.example/rss"]["status"] == "failing" and feeds["https://rk.example/rss"]["last_error"] == "HTTP 500"
    assert feeds["https://pk.example/rss"]["status"] == "paused" and feeds["https://pk.example/rss"]["next_poll_in"] is None
    assert body["totals"] == {"feeds": 3, "paused": 1, "failing": 1, "polls": 2, "full_polls": 1, "items": 1, "items_waiting": 1}


def test_web_feeds_page(feeds_client):
    page = feeds_client.get("/feeds")
    assert page.status_code == 200 and "Заречные вести" in page.text and "не отвечает" in page.text and "HTTP 500" in page.text
    assert 'href="/feeds" aria-current="page"' in page.text
    assert "built-in method" not in page.text  # a dict's "items" key, not its method (Jinja's attribute lookup)
    assert "новых записей: 1," in page.text


def test_web_metrics_prometheus_text(feeds_client):
    reply = feeds_client.get("/metrics")
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/plain; version=0.0.4")
    lines = reply.text.splitlines()
    assert "# TYPE svodka_feed_polls_total counter" in lines and "svodka_feed_polls_total 2" in lines
    assert "svodka_feeds_failing 1" in lines and "svodka_feed_items_waiting 1" in lines and "svodka_articles 0" in lines
    samples = [line for line in lines if not line.startswith("#")]
    assert all(len(line.split(" ")) == 2 and line.split(" ")[1].isdigit() for line in samples)
