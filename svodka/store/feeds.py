"""The feeds ``svodka watch`` follows and their state, in the archive (schema version 12).

Everything a watcher must not lose lives here, so ``kill -9`` and a restart lose nothing and
fetch nothing twice: per-feed validators (ETag, Last-Modified), schedule (``next_poll``),
error count and the last item seen; and per item (``feed_items``, keyed by canonical URL)
whether its page still waits to be stored ("new") or not ("done"). A poll's outcome and the
new items it found are written in one transaction, so validators never move past items that
were not recorded.

Several watchers share one archive by leases: a watcher claims due feeds (and waiting items)
by writing its name and a lease end on them; others skip them until the lease ends, so a dead
watcher's claims pass to the living after ``lease`` seconds. On PostgreSQL the claim reads
the rows ``FOR UPDATE SKIP LOCKED``; on SQLite the write lock (``BEGIN IMMEDIATE``) orders
the claims. Times are whole epoch seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .database import Database, execute_in, next_id, select_in
from .database import now as iso_now  # ``now`` is the poll time (seconds) of the functions below

__all__ = [
    "FEED_COLUMNS",
    "PollOutcome",
    "add_feed",
    "list_feeds",
    "find_feed",
    "remove_feed",
    "set_paused",
    "claim_feeds",
    "record_polls",
    "claim_items",
    "finish_items",
    "release",
    "unclaim_items",
    "defer_items",
    "renew",
    "next_due",
    "feed_totals",
]

# The columns of a feed row as ``list_feeds`` and ``claim_feeds`` return them.
FEED_COLUMNS = (
    "id", "url", "name", "site", "fixed", "paused", "added", "etag", "modified", "ttl", "period", "next_poll", "last_poll",
    "last_success", "last_status", "errors", "failing", "last_error", "last_item", "items", "items_per_day", "polls",
    "full_polls", "lease_owner", "lease_until",
)
_SELECT = "SELECT " + ", ".join(FEED_COLUMNS) + " FROM feeds"


@dataclass
class PollOutcome:
    """What one poll of one feed changes in its row, and the items it found.

    ``items`` are (canonical URL, title, summary, published, source); only those not yet in
    ``feed_items`` nor stored as articles are recorded (and counted in the feed's ``items``).
    """

    feed_id: int
    updates: dict[str, Any]
    items: list[tuple[str, str | None, str | None, str | None, str | None]] = field(default_factory=list)


def add_feed(db: Database, url: str, *, name: str | None = None, site: str | None = None, fixed: int | None = None) -> tuple[int, bool]:
    """Follow a feed (or update the name and interval of one followed); returns (id, whether it is new)."""
    with db.write() as cur:
        cur.execute("SELECT id FROM feeds WHERE url = ?", [url])
        row = cur.fetchone()
        if row:
            if name is not None or fixed is not None or site is not None:
                cur.execute(
                    "UPDATE feeds SET name = COALESCE(?, name), fixed = COALESCE(?, fixed), site = COALESCE(?, site) WHERE id = ?",
                    [name, fixed, site, row[0]],
                )
            return int(row[0]), False
        feed_id = next_id(cur, "feeds")
        cur.execute(
            "INSERT INTO feeds (id, url, name, site, fixed, added, next_poll) VALUES (?, ?, ?, ?, ?, ?, 0)",
            [feed_id, url, name, site, fixed, iso_now()],
        )
        return feed_id, True


def list_feeds(db: Database) -> list[dict]:
    """Every feed followed, with its state, in the order they were added."""
    return db.execute(_SELECT + " ORDER BY id").dicts(FEED_COLUMNS)


def find_feed(db: Database, key: str | int) -> dict | None:
    """A feed by id or URL, or None.

    An id is ASCII digits that fit the column ("²" passes ``str.isdigit`` and failed ``int``; a
    20-digit number overflowed the driver: tracebacks from ``svodka feeds pause``).
    """
    text = str(key).strip()
    is_id = text.isascii() and text.isdigit()
    if is_id and len(text) > 18:
        return None
    rows = db.execute(_SELECT + (" WHERE id = ?" if is_id else " WHERE url = ?"), [int(text) if is_id else text])
    return rows.dicts(FEED_COLUMNS)[0] if rows else None


def remove_feed(db: Database, feed_id: int) -> None:
    """Stop following a feed: its row and its item memory go (its stored articles stay)."""
    with db.write() as cur:
        cur.execute("DELETE FROM feed_items WHERE feed_id = ?", [feed_id])
        cur.execute("DELETE FROM feeds WHERE id = ?", [feed_id])


def set_paused(db: Database, feed_id: int, paused: bool) -> None:
    """Pause a feed (never polled) or resume it (polled at once)."""
    with db.write() as cur:
        if paused:
            cur.execute("UPDATE feeds SET paused = 1 WHERE id = ?", [feed_id])
        else:
            cur.execute("UPDATE feeds SET paused = 0, failing = 0, errors = 0, next_poll = 0 WHERE id = ?", [feed_id])


def _skip_locked(db: Database) -> str:
    """The row-lock clause of a claim: other watchers' claims in progress are skipped (PostgreSQL)."""
    return " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""


def claim_feeds(db: Database, owner: str, now: int, limit: int, lease: int) -> list[dict]:
    """Claim up to ``limit`` due feeds for ``owner`` until ``now + lease``; returns their rows, most overdue first.

    Due: not paused, ``next_poll <= now``, and not leased (or the lease over): a feed this
    watcher polls now is leased by it, and not claimed twice.
    """
    with db.write() as cur:
        cur.execute(
            "SELECT id FROM feeds WHERE paused = 0 AND next_poll <= ? AND (lease_until IS NULL OR lease_until < ?) "
            "ORDER BY next_poll, id LIMIT ?" + _skip_locked(db),
            [now, now, limit],
        )
        ids = [r[0] for r in cur.fetchall()]
        if not ids:
            return []
        execute_in(cur, "UPDATE feeds SET lease_owner = ?, lease_until = ? WHERE id IN ({in})", ids, [owner, now + lease])
        rows = select_in(cur, _SELECT + " WHERE id IN ({in}) ORDER BY next_poll, id", ids)
    return [dict(zip(FEED_COLUMNS, r)) for r in rows]


# Columns a poll may set on its feed (``PollOutcome.updates`` keys).
_UPDATABLE = frozenset(FEED_COLUMNS) - {"id", "name", "site", "fixed", "paused", "added", "items", "polls", "full_polls", "lease_owner", "lease_until"}


def record_polls(db: Database, owner: str, outcomes: list[PollOutcome]) -> dict[int, list[str]]:
    """Write polls' outcomes and their new items in one transaction; the feeds' leases end.

    A feed no longer leased by ``owner`` (its lease ran out and another watcher took it) is
    left alone: that watcher's poll counts, not this late one.

    Returns:
        feed id -> the canonical URLs of the items recorded as new.
    """
    recorded: dict[int, list[str]] = {}
    if not outcomes:
        return recorded
    with db.write() as cur:
        ours = {r[0] for r in select_in(cur, "SELECT id FROM feeds WHERE id IN ({in}) AND lease_owner = ?", [o.feed_id for o in outcomes], [owner])}
        urls = {i[0] for o in outcomes if o.feed_id in ours for i in o.items}
        known = {r[0] for r in select_in(cur, "SELECT url FROM feed_items WHERE url IN ({in})", urls)}
        known |= {r[0] for r in select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", urls)}
        seen = iso_epoch()
        for outcome in outcomes:
            if outcome.feed_id not in ours:
                continue
            fresh = []
            for url, title, summary, published, source in outcome.items:
                if url in known:
                    continue
                known.add(url)
                fresh.append((url, outcome.feed_id, seen, "new", title, summary, published, source))
            cur.executemany(
                "INSERT INTO feed_items (url, feed_id, seen, state, title, summary, published, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", fresh
            )
            recorded[outcome.feed_id] = [f[0] for f in fresh]
            updates = {k: v for k, v in outcome.updates.items() if k in _UPDATABLE}
            if "url" in updates:  # a feed moved for good: its new address, unless another followed feed has it
                cur.execute("SELECT 1 FROM feeds WHERE url = ?", [updates["url"]])
                if cur.fetchone():
                    del updates["url"]
            if fresh:
                updates["last_item"] = fresh[0][0]
            sets = ", ".join(f"{k} = ?" for k in updates)
            full = 1 if outcome.updates.get("last_status") == 200 else 0
            cur.execute(
                f"UPDATE feeds SET {sets + ', ' if sets else ''}items = items + ?, polls = polls + 1, full_polls = full_polls + ?, "
                "lease_owner = NULL, lease_until = NULL WHERE id = ?",
                [*updates.values(), len(fresh), full, outcome.feed_id],
            )
    return recorded


def iso_epoch() -> int:
    """Now, in whole epoch seconds."""
    import time

    return int(time.time())


def claim_items(db: Database, owner: str, now: int, limit: int, lease: int) -> list[dict]:
    """Claim up to ``limit`` items whose pages wait to be stored, oldest first (see ``claim_feeds``)."""
    columns = ("url", "feed_id", "seen", "title", "summary", "published", "source")
    with db.write() as cur:
        cur.execute(
            "SELECT url FROM feed_items WHERE state = 'new' AND (lease_until IS NULL OR lease_until < ?) "
            "ORDER BY seen, url LIMIT ?" + _skip_locked(db),
            [now, limit],
        )
        urls = [r[0] for r in cur.fetchall()]
        if not urls:
            return []
        execute_in(cur, "UPDATE feed_items SET lease_owner = ?, lease_until = ? WHERE url IN ({in})", urls, [owner, now + lease])
        rows = select_in(cur, "SELECT " + ", ".join(columns) + " FROM feed_items WHERE url IN ({in}) ORDER BY seen, url", urls)
    return [dict(zip(columns, r)) for r in rows]


def finish_items(db: Database, urls: Iterable[str]) -> None:
    """The items' pages are stored or rejected: never fetched again."""
    urls = list(urls)
    if not urls:
        return
    with db.write() as cur:
        execute_in(cur, "UPDATE feed_items SET state = 'done', lease_owner = NULL, lease_until = NULL WHERE url IN ({in})", urls)


def unclaim_items(db: Database, owner: str, urls: Iterable[str]) -> None:
    """Give back ``owner``'s claims on these items, still waiting (their batch was not stored): claimed again later."""
    urls = list(urls)
    with db.write() as cur:
        execute_in(cur, "UPDATE feed_items SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND url IN ({in})", urls, [owner])


def defer_items(db: Database, owner: str, urls: Iterable[str], until: int) -> None:
    """Give back ``owner``'s claims on these items and keep every watcher off them until ``until`` (a page to try again later)."""
    urls = list(urls)
    with db.write() as cur:
        execute_in(cur, "UPDATE feed_items SET lease_owner = NULL, lease_until = ? WHERE lease_owner = ? AND url IN ({in})", urls, [until, owner])


def release(db: Database, owner: str) -> None:
    """Give up every lease of ``owner`` (a watcher stopping cleanly): others may take them at once."""
    with db.write() as cur:
        cur.execute("UPDATE feeds SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [owner])
        cur.execute("UPDATE feed_items SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", [owner])


def renew(db: Database, owner: str, now: int, lease: int) -> None:
    """Extend every lease ``owner`` holds to ``now + lease`` (a live watcher's heartbeat: see ``Watcher._keep_leases``)."""
    with db.write() as cur:
        cur.execute("UPDATE feeds SET lease_until = ? WHERE lease_owner = ?", [now + lease, owner])
        cur.execute("UPDATE feed_items SET lease_until = ? WHERE lease_owner = ? AND state = 'new'", [now + lease, owner])


def next_due(db: Database) -> int | None:
    """The earliest ``next_poll`` of a feed that may be polled (not paused), or None when there is none."""
    row = db.execute("SELECT MIN(next_poll) FROM feeds WHERE paused = 0").first()
    return int(row[0]) if row and row[0] is not None else None


def feed_totals(db: Database) -> dict[str, int]:
    """Counts for health pages and /metrics: feeds, paused, failing, items waiting, items done, polls, full downloads."""
    row = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(paused), 0), COALESCE(SUM(failing), 0), COALESCE(SUM(polls), 0), COALESCE(SUM(full_polls), 0), "
        "COALESCE(SUM(items), 0) FROM feeds"
    ).first()
    waiting = db.execute("SELECT COUNT(*) FROM feed_items WHERE state = 'new'").first()
    keys = ("feeds", "paused", "failing", "polls", "full_polls", "items")
    totals = {k: int(v or 0) for k, v in zip(keys, row or (0,) * 6)}
    totals["items_waiting"] = int(waiting[0]) if waiting else 0
    return totals
