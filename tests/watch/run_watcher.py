"""A watcher process for the tests: ``svodka watch`` with the synthetic server's resolver.

    python -m tests.watch.run_watcher DB_URL [--once] [--lease S] [--batch-size N] [--owner NAME] [--concurrency N]

The CLI resolves host names with the system resolver, which knows nothing of ``*.feeds.test``;
this runs the same ``watch()`` with ``testserver.RESOLVER`` instead (kill -9 and two-watcher tests).
"""

from __future__ import annotations

import argparse
import sys

from svodka.store import open_store
from svodka.watch.testserver import RESOLVER
from svodka.watch.watcher import WatchOptions, watch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--once", action="store_true")
    parser.add_argument("--lease", type=int, default=300)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--owner", default="")
    parser.add_argument("--concurrency", type=int, default=100)
    args = parser.parse_args()
    store = open_store(args.db)
    options = WatchOptions(workers=1, batch_size=args.batch_size, once=args.once, lease=args.lease, owner=args.owner, concurrency=args.concurrency,
                           allow_private=".feeds.test", host_interval=0)
    counters = watch(store, options, resolver=RESOLVER)
    store.close()
    print(counters.line(), file=sys.stderr)


if __name__ == "__main__":
    main()
