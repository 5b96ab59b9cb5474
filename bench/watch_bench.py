"""Benchmark ``svodka watch`` against the synthetic feed server on loopback (issue 17).

    .venv/bin/python bench/watch_bench.py                      # 1,000 feeds
    .venv/bin/python bench/watch_bench.py --feeds 300 --latency-seconds 120

Two parts, the server (``python -m svodka.watch.testserver``) in a process of its own:

1. **Polling rate**: 1,000 feeds already polled once (validators known), then every feed made
   due again, ``--rounds`` times; the watcher polls only (no pages, no analysis), pinned to
   one core. Prints feeds polled per minute (target >= 1,000) and the share of polls that
   cost a full download (feeds with a new item since the last round; the rest are 304s).
2. **Latency**: a fresh archive, the same feeds each posting an item every ``--every``
   seconds, a watcher at its schedule (adaptive interval within ``--low``..``--high``)
   fetching, analysing on the machine's cores and storing, for ``--latency-seconds``. Prints
   the time from an item appearing on the server to its article being stored (searchable:
   the full-text index is written in the same transaction): p50, p95 (target <= 60 s), max.

The machine may be shared: the load average is printed with the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from svodka.store import feeds as feed_store  # noqa: E402
from svodka.store import open_store  # noqa: E402
from svodka.watch.testserver import RESOLVER  # noqa: E402
from svodka.watch.watcher import Watcher, WatchOptions  # noqa: E402


def start_server(feeds: int, every: float, cpu: int | None, initial: int = 3) -> tuple[subprocess.Popen, int]:
    """The synthetic server in its own process (on core ``cpu`` when given); returns it and its port."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "-m", "svodka.watch.testserver", "--feeds", str(feeds), "--every", str(every), "--initial", str(initial)],
                              stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(server.pid, {cpu})
    port = int(server.stdout.readline().split()[1])
    return server, port


def follow(store, feeds: int, port: int) -> None:
    for i in range(feeds):
        feed_store.add_feed(store.db, f"http://f{i}.feeds.test:{port}/rss/f{i}.xml")


def run_once(store, **options) -> tuple[float, object]:
    """One ``--once`` watcher run; (seconds, counters)."""
    opts = WatchOptions(once=True, allow_private=".feeds.test", host_interval=1.0, **options)
    watcher = Watcher(store, opts, resolver=RESOLVER)
    start = time.perf_counter()
    counters = asyncio.run(watcher.run())
    return time.perf_counter() - start, counters


def polling_rate(args) -> None:
    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    server, port = start_server(args.feeds, 3600.0, cores[-1] if len(cores) > 1 else None)
    if len(cores) > 1:
        os.sched_setaffinity(0, {cores[0]})  # the watcher on one core, the server on another
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "watch.db")
            follow(store, args.feeds, port)
            seconds, first = run_once(store, fetch_pages=False, concurrency=args.concurrency)
            print(f"first poll of {args.feeds} feeds (full downloads): {seconds:.1f} s, {first.polls / seconds * 60:,.0f} feeds/min")
            polls = full = 0
            total = 0.0
            for _ in range(args.rounds):
                store.db.execute_write_fn(lambda cur: cur.execute("UPDATE feeds SET next_poll = 0"))
                seconds, counters = run_once(store, fetch_pages=False, concurrency=args.concurrency)
                total += seconds
                polls += counters.polls
                full += counters.full_downloads
            print(f"conditional polling, {args.rounds} rounds of {args.feeds} feeds on one core, a fresh watcher each (robots.txt read again): "
                  f"{polls / total * 60:,.0f} feeds/min (target >= 1,000); full downloads {full / max(polls, 1):.1%} of polls")
            long_running(store, args)
            store.close()
    finally:
        server.kill()
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, set(cores) or {0})


def long_running(store, args) -> None:
    """The same rounds by one watcher that keeps running (robots.txt known, connections kept): every feed made due, the polls counted."""
    opts = WatchOptions(allow_private=".feeds.test", host_interval=1.0, fetch_pages=False, concurrency=args.concurrency, low=86400, high=86400)
    watcher = Watcher(store, opts, resolver=RESOLVER)
    thread = threading.Thread(target=lambda: asyncio.run(watcher.run()))
    thread.start()
    total, polls, full = 0.0, 0, 0
    try:
        for round_ in range(args.rounds + 1):
            base, base_full = watcher.counters.polls, watcher.counters.full_downloads
            start = time.perf_counter()
            store.db.execute_write_fn(lambda cur: cur.execute("UPDATE feeds SET next_poll = 0"))
            while watcher.counters.polls < base + args.feeds:
                time.sleep(0.05)
            if round_:  # the first round reads robots.txt: not counted
                total += time.perf_counter() - start
                polls += watcher.counters.polls - base
                full += watcher.counters.full_downloads - base_full
            time.sleep(1.0)  # the last polls recorded
    finally:
        watcher.stop()
        thread.join()
    print(f"conditional polling, {args.rounds} rounds of {args.feeds} feeds on one core, one long-running watcher: "
          f"{polls / total * 60:,.0f} feeds/min; full downloads {full / max(polls, 1):.1%} of polls")


def latency(args) -> None:
    # no initial items: a backlog of thousands to analyse first would be measured, not the schedule
    server, port = start_server(args.feeds, args.every, None, initial=0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(Path(tmp) / "watch.db")
            follow(store, args.feeds, port)
            opts = WatchOptions(allow_private=".feeds.test", host_interval=1.0, low=args.low, high=args.high, workers=0,
                                concurrency=args.concurrency)
            watcher = Watcher(store, opts, resolver=RESOLVER)
            result = {}
            thread = threading.Thread(target=lambda: result.update(c=asyncio.run(watcher.run())))
            start = time.time()
            thread.start()
            time.sleep(args.latency_seconds)
            watcher.stop()
            thread.join()
            # items that appeared once the watcher was running (the feeds' initial backlog is not latency);
            # when an item appeared is its pubDate in the feed, kept in feed_items
            rows = store.db.execute("SELECT a.ingested, i.published FROM articles a JOIN feed_items i ON i.url = a.url").dicts()
            delays = []
            for row in rows:
                published = datetime.fromisoformat(row["published"]).timestamp() if row["published"] else None
                if published is not None and published > start:
                    delays.append(datetime.fromisoformat(row["ingested"]).timestamp() - published)
            store.close()
        counters = result["c"]
        print(f"latency over {args.latency_seconds} s, {args.feeds} feeds each posting every {args.every:g} s, interval {args.low}..{args.high} s: "
              f"{len(delays)} items; " + (f"p50 {statistics.median(delays):.1f} s, p95 {_p95(delays):.1f} s (target <= 60 s), max {max(delays):.1f} s" if delays else "none"))
        print(f"  watcher: {counters.line()}")
    finally:
        server.kill()


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--every", type=float, default=900.0, help="seconds between two items of one feed (latency part)")
    parser.add_argument("--low", type=int, default=15, help="shortest interval (latency part)")
    parser.add_argument("--high", type=int, default=45, help="longest interval (latency part): the wait for a poll is most of the latency")
    parser.add_argument("--latency-seconds", type=int, default=240)
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--skip-polling", action="store_true")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.skip_polling:
        polling_rate(args)
    if not args.skip_latency:
        latency(args)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
