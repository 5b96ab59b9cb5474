"""Benchmark watchlists and alerts: what ``check_alerts`` adds to each stored batch, and the digest.

    .venv/bin/python bench/alerts_bench.py                 # SQLite, 20,000 articles, then 20 batches of 32
    .venv/bin/python bench/alerts_bench.py --n 100000 --watchlists 50

Generates already-analysed articles as ``store_bench.py`` does and stores them (no alerts),
then makes ``--watchlists`` watchlists (each: two persons of the archive as entities, one as
speaker, a query of two words) and stores 20 more batches of 32, timing ``add_articles``
and ``check_alerts`` apart: ingest calls the second after the first for every batch.
Analysis, which costs seconds per batch, is left out, so the share printed is an upper
bound of what alerts add to ``svodka ingest``. Then times ``digest`` of the busiest day.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_bench import NOUNS, QUOTES, TOPICS, load, make_article  # noqa: E402

from svodka.store import open_store  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="articles stored before the timing (default 20000)")
    ap.add_argument("--watchlists", type=int, default=10, help="watchlists checked (default 10)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = [q.format(T=rng.choice(TOPICS), N=rng.choice(NOUNS)) + f", сказал он в интервью номер {i}" for i, q in enumerate(QUOTES * 50)]
    articles = [make_article(i, rng, pool) for i in range(args.n + 20 * 32)]
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "alerts.db") as store:
        for i in range(0, args.n, 1000):
            store.add_articles(articles[i : min(i + 1000, args.n)])
        people = [e["name"] for e in store.entities(type="PER", limit=args.watchlists * 3)]
        for w in range(args.watchlists):
            store.add_watchlist(f"w{w}", entities=people[w * 2 : w * 2 + 2], speakers=people[w * 2 + 1 : w * 2 + 2], queries=[f"{rng.choice(NOUNS)} {rng.choice(TOPICS)}"])
        store_ms, check_ms, raised = [], [], 0
        for i in range(args.n, args.n + 20 * 32, 32):
            t = time.perf_counter()
            added = store.add_articles(articles[i : i + 32])
            store_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            raised += len(store.check_alerts(added.ids))
            check_ms.append((time.perf_counter() - t) * 1000)
        busiest = store.db.execute("SELECT day FROM articles GROUP BY day ORDER BY COUNT(*) DESC LIMIT 1").first()[0]
        t = time.perf_counter()
        data = store.digest(busiest)
        digest_ms = (time.perf_counter() - t) * 1000
    store_med, check_med = statistics.median(store_ms), statistics.median(check_ms)
    print(f"[alerts] {args.n} articles, {args.watchlists} watchlists ({args.watchlists * 4} terms): per batch of 32, store {store_med:.1f} ms, "
          f"check_alerts {check_med:.1f} ms (median of 20; {check_med / store_med:.0%} of the store time), {raised} alerts; {load()}")
    print(f"[digest] {busiest}: {data['articles']} articles, {len(data['stories'])} stories, {len(data['risers'])} risers in {digest_ms:.0f} ms")


if __name__ == "__main__":
    main()
