"""The watch part of ``make demo``: articles arriving from feeds, with no network.

    .venv/bin/python scripts/demo_watch.py --db build/demo.db [--seconds 70]

Starts the synthetic feed server on loopback (``svodka.watch.testserver``: Russian news the
team wrote, three outlets reporting the same events in their own words, each posting every
20 s), follows its feeds in the demo archive, adds a watchlist «демо» (the towns the demo
outlets write about), runs a watcher (``svodka watch``'s library) for ``--seconds`` and prints
each article as it is stored, each story as it grows and each alert as it fires, then the
feeds' health as ``svodka feeds list`` shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svodka.store import feeds as feed_store  # noqa: E402
from svodka.store import open_store  # noqa: E402
from svodka.watch.testserver import RESOLVER, FeedServer, FeedSpec  # noqa: E402
from svodka.watch.watcher import Watcher, WatchOptions  # noqa: E402

# Seconds between two items of one demo outlet, and the outlets.
EVERY = 20.0
OUTLETS = ("zarechye", "priozersk", "lesnogorsk")
# The demo's watchlist: towns the generated news is about (any form of the word matches).
WATCHED = ("Заречинск", "Приозёрск")


def _show_growth(store, known: set[int], sizes: dict[int, int], alerted: set[int], elapsed: float, quiet: bool = False) -> None:
    """Print the stories that grew since the last look, and the alerts that fired (``quiet``: only note them)."""
    marks = ",".join("?" * len(known)) or "NULL"
    for story_id, n in store.db.execute(f"SELECT story_id, COUNT(*) FROM articles WHERE story_id IS NOT NULL AND id IN ({marks}) GROUP BY story_id", list(known)):
        if n > 1 and sizes.get(story_id, 1) < n and not quiet:
            print(f"  +{elapsed:4.0f} s  сюжет {story_id}: {n} статьи  (/stories/{story_id})")
        sizes[story_id] = n
    for alert in reversed(store.alerts("демо", limit=50)):
        if alert["id"] not in alerted:
            alerted.add(alert["id"])
            print(f"  +{elapsed:4.0f} s  оповещение «демо» ({alert['kind']}): {alert.get('title') or ''}  (/alerts?watchlist=демо)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=float, default=70.0)
    args = parser.parse_args()
    now = time.time()
    with open_store(args.db) as store:
        # the texts follow the feed's name: another run of the demo gets other names, so new articles, not duplicates
        run = sum(".feeds.test" in f["url"] for f in feed_store.list_feeds(store.db)) // len(OUTLETS) + 1
    names = [f"{outlet}{run}" if run > 1 else outlet for outlet in OUTLETS]
    specs = [
        FeedSpec(name, published=[now - 2 * EVERY, now - EVERY], every=EVERY, started=now - k * EVERY / len(names), events=f"demo{run}")
        for k, name in enumerate(names)
    ]
    with FeedServer(specs) as server, open_store(args.db) as store:
        for name in names:
            feed_store.add_feed(store.db, server.url(name), name=f"Вестник {name}", fixed=10)
        store.add_watchlist("демо", queries=list(WATCHED))
        known = {r[0] for r in store.db.execute("SELECT id FROM articles")}
        alerted = {a["id"] for a in store.alerts("демо", limit=1000)}
        sizes: dict[int, int] = {}
        _show_growth(store, known, sizes, alerted, 0.0, quiet=True)
        options = WatchOptions(workers=1, allow_private=".feeds.test", host_interval=0.2)
        watcher = Watcher(store, options, resolver=RESOLVER, on_error=lambda name, reason: print(f"svodka: {name}: {reason}", file=sys.stderr))
        thread = threading.Thread(target=lambda: asyncio.run(watcher.run()), daemon=True)
        print(f"svodka watch: following {len(names)} feeds on a local server for {args.seconds:.0f} s (new items every {EVERY:.0f} s)")
        start = time.time()
        thread.start()
        while time.time() - start < args.seconds:
            time.sleep(1)
            for article_id, title, source in store.db.execute("SELECT id, title, (SELECT name FROM sources s WHERE s.id = a.source_id) FROM articles a ORDER BY id"):
                if article_id not in known:
                    known.add(article_id)
                    print(f"  +{time.time() - start:4.0f} s  {source or ''}: {title}")
            _show_growth(store, known, sizes, alerted, time.time() - start)
        watcher.stop()
        thread.join(120)
        for feed in feed_store.list_feeds(store.db):
            if any(f"/rss/{name}.xml" in feed["url"] and f":{server.port}/" in feed["url"] for name in names):
                print(f"  {feed['name']}: {feed['items']} items, {feed['polls']} polls ({feed['full_polls']} full downloads), errors {feed['errors']}")
        # the demo's feeds live on a server that is gone now: paused, so a later svodka watch leaves them
        for feed in feed_store.list_feeds(store.db):
            if ".feeds.test" in feed["url"]:
                feed_store.set_paused(store.db, feed["id"], True)


if __name__ == "__main__":
    main()
