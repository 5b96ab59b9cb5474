"""The watched feeds on the web: ``/api/feeds``, the ``/feeds`` page and ``/metrics`` (Prometheus text).

All three read the feed state ``svodka watch`` keeps in the archive (``store.feeds``), so they
show every watcher's work, whichever process serves them. Included in the app with one line
(``app.include_router(feeds.router(store, _page))``).
"""

from __future__ import annotations

import time
from typing import Any, Callable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, PlainTextResponse


__all__ = ["router", "metrics_text"]

# The Prometheus text exposition format's media type.
PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# (metric, type, help, key of feed_totals) written at /metrics.
METRICS = (
    ("svodka_feeds", "gauge", "Feeds followed.", "feeds"),
    ("svodka_feeds_paused", "gauge", "Feeds paused.", "paused"),
    ("svodka_feeds_failing", "gauge", "Feeds marked failing (retried daily).", "failing"),
    ("svodka_feed_polls_total", "counter", "Polls of every feed.", "polls"),
    ("svodka_feed_full_downloads_total", "counter", "Polls that downloaded the feed (not a 304).", "full_polls"),
    ("svodka_feed_items_total", "counter", "New items found in the feeds.", "items"),
    ("svodka_feed_items_waiting", "gauge", "Items whose pages wait to be fetched and stored.", "items_waiting"),
    ("svodka_articles", "gauge", "Articles in the archive.", "articles"),
)


def _feed_json(feed: dict, now: float) -> dict[str, Any]:
    """A feed for the API: its state, the times as ISO 8601 and seconds from now."""
    out = {k: feed[k] for k in ("id", "url", "name", "site", "paused", "failing", "errors", "last_error", "last_status", "items", "items_per_day",
                                "polls", "full_polls", "period", "ttl", "fixed", "last_item")}
    for key in ("last_success", "last_poll", "next_poll"):
        value = feed[key]
        out[key] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(value)) if value else None
    out["status"] = "paused" if feed["paused"] else "failing" if feed["failing"] else "errors" if feed["errors"] else "ok" if feed["last_success"] else "new"
    out["next_poll_in"] = None if feed["paused"] else max(0, int(feed["next_poll"] - now))
    return out


def metrics_text(store: Any) -> str:
    """The archive's feed and article counts in the Prometheus text format."""
    from ..store import feeds as feed_store  # not at import: analysis workers import svodka.web

    totals = feed_store.feed_totals(store.db)
    totals["articles"] = int(store.db.execute("SELECT COUNT(*) FROM articles").first()[0])
    lines = []
    for name, kind, help_text, key in METRICS:
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}", f"{name} {totals[key]}"]
    return "\n".join(lines) + "\n"


def router(store: Any, page: Callable[..., HTMLResponse]) -> APIRouter:
    """The routes over ``store``, rendering pages with ``page``."""
    from ..store import feeds as feed_store  # not at import: analysis workers import svodka.web

    routes = APIRouter()

    @routes.get("/api/feeds", tags=["archive"])
    def api_feeds() -> dict[str, Any]:
        """Every followed feed with its health: status, last success, next poll, errors, items per day."""
        now = time.time()
        return {"results": [_feed_json(f, now) for f in feed_store.list_feeds(store.db)], "totals": feed_store.feed_totals(store.db)}

    @routes.get("/metrics", include_in_schema=False)
    def metrics() -> PlainTextResponse:
        return PlainTextResponse(metrics_text(store), media_type=PROMETHEUS_TYPE)

    @routes.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page() -> HTMLResponse:
        now = time.time()
        rows = [_feed_json(f, now) for f in feed_store.list_feeds(store.db)]
        return page("feeds.html", nav="feeds", rows=rows, totals=feed_store.feed_totals(store.db))

    return routes
