"""Load test of a running svodka server: N concurrent clients for T seconds per target.

    .venv/bin/svodka serve --db bench.db --port 8000 &          # in another process
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000 --clients 20 --seconds 30 [--target home --target search]

Each client is a thread with its own ``httpx.Client`` (keep-alive) sending requests as fast
as answers come back. Targets, run one after the other, each for ``--seconds``:
``home`` is ``GET /``, the page a user sees first; ``search`` is ``GET /api/search`` with
queries drawn from a fixed list (single words, pairs, filters, empty queries, deep pages).
Prints, per target, requests, errors, throughput and p50/p95/p99 latency. Run it from a
separate process: the load generator must not share the server's interpreter (and GIL).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import threading
import time

import httpx

# Query words: themes common in Russian regional news (any form: the server lemmatises).
WORDS = ["бюджет", "мост", "урожай", "выборы", "завод", "школа", "больница", "дорога", "футбол", "театр", "налог", "кредит", "экспорт",
         "тариф", "парк", "вода", "порт", "зерно", "министр", "губернатор", "переговоры", "соглашение", "проект", "реформа", "граница",
         "Казахстан", "Армения", "Ташкент", "Самара", "мэрия", "строительство", "инвестиции", "железная дорога", "энергетика"]
# Extra filters mixed into some requests (fraction of requests in the comment).
FILTERS = [{}, {}, {}, {"has_quote": "true"}, {"type": "PER"}, {"from": "2019-01-01", "to": "2030-12-31"}, {"limit": 50}, {"cursor": "20"}]


def make_params(rng: random.Random) -> dict:
    """One varied search request."""
    roll = rng.random()
    if roll < 0.55:
        q = rng.choice(WORDS)
    elif roll < 0.9:
        q = " ".join(rng.sample(WORDS, 2))
    else:
        q = ""  # newest first, filters only
    return {"q": q, **rng.choice(FILTERS)}


# What each target requests: (path, parameters drawn with the client's generator).
TARGETS = {
    "home": ("/", lambda rng: {}),
    "search": ("/api/search", make_params),
}


def client_loop(url: str, target: str, deadline: float, seed: int, latencies: list, errors: list, lock: threading.Lock, timeout: float) -> None:
    """One client: request ``target`` until the deadline, recording latency (s) or the error."""
    rng = random.Random(seed)
    path, params_of = TARGETS[target]
    mine, bad = [], []
    with httpx.Client(base_url=url, timeout=timeout) as http:
        while time.perf_counter() < deadline:
            params = params_of(rng)
            t0 = time.perf_counter()
            try:
                r = http.get(path, params=params)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200:
                    bad.append(f"HTTP {r.status_code}: {r.text[:120]}")
                else:
                    mine.append(elapsed)
            except httpx.HTTPError as exc:
                bad.append(f"{type(exc).__name__}: {exc}")
    with lock:
        latencies.extend(mine)
        errors.extend(bad)


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted ``values``."""
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", default="http://127.0.0.1:8000", help="base URL of the server")
    ap.add_argument("--clients", type=int, default=20, help="concurrent clients (default 20)")
    ap.add_argument("--seconds", type=float, default=30, help="duration (default 30)")
    ap.add_argument("--timeout", type=float, default=30, help="per-request timeout in seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="what to load, repeatable (default: home, then search)")
    args = ap.parse_args()
    try:
        httpx.get(args.url + "/api/stats", timeout=10).raise_for_status()
    except httpx.HTTPError as exc:
        print(f"error: no svodka server at {args.url}: {exc}", file=sys.stderr)
        return 1
    failed = False
    for target in args.target or ["home", "search"]:
        failed |= run_target(args, target)
    return 1 if failed else 0


def run_target(args: argparse.Namespace, target: str) -> bool:
    """Load one target for ``args.seconds`` and print its figures; True when any request failed."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + args.seconds
    threads = [
        threading.Thread(target=client_loop, args=(args.url, target, deadline, args.seed * 1000 + i, latencies, errors, lock, args.timeout), daemon=True)
        for i in range(args.clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    total = len(latencies) + len(errors)
    print(f"[{target}] clients {args.clients}, {wall:.1f} s against {args.url}{TARGETS[target][0]}")
    print(f"[{target}] requests {total}, errors {len(errors)}, throughput {total / wall:.1f} req/s")
    if latencies:
        ms = lambda v: f"{v * 1000:.1f} ms"  # noqa: E731
        print(f"[{target}] latency p50 {ms(percentile(latencies, 50))}, p95 {ms(percentile(latencies, 95))}, p99 {ms(percentile(latencies, 99))}, "
              f"mean {ms(statistics.fmean(latencies))}, max {ms(latencies[-1])}")
    for message in sorted(set(errors))[:5]:
        print(f"[{target}]   error: {message}")
    return bool(errors)


if __name__ == "__main__":
    sys.exit(main())
