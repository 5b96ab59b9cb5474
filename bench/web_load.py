"""Serve an archive in one process and load it from another: the figure for the web layer.

    python bench/web_load.py --db build/bench.db [--clients 20] [--seconds 30]

Starts ``svodka serve`` on a free loopback port without analysis workers (they would load
models, two processes' worth of CPU, while latency is measured; the load reads only), waits
until it answers, runs ``bench/load.py`` in a second process, prints its figures, and stops
the server (killed if it does not stop when asked).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# Seconds the server has to stop after SIGTERM before it is killed.
STOP_GRACE_S = 30


def server_command(db: str, port: int) -> list[str]:
    """The ``svodka serve`` command of the benchmark: no analysis workers (reads only)."""
    return [sys.executable, "-m", "svodka", "serve", "--db", db, "--port", str(port), "-s", "analyze_workers=0"]


def stop(server: subprocess.Popen, grace: float = STOP_GRACE_S) -> None:
    """Stop ``server``: SIGTERM, then SIGKILL if it is still running after ``grace`` seconds."""
    server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="archive to serve (e.g. the one bench/store_bench.py built)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    if not Path(args.db).exists() and "://" not in args.db:
        print(f"web_load: {args.db}: no archive; run bench/store_bench.py --db {args.db} first", file=sys.stderr)
        return 1
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(server_command(args.db, port), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if httpx.get(f"{url}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            print("web_load: the server did not start within 60 s", file=sys.stderr)
            return 1
        print(f"web layer: {args.clients} clients for {args.seconds:g} s on / and on /api/search over {args.db}")
        return subprocess.call([sys.executable, str(ROOT / "bench" / "load.py"), "--url", url,
                                "--clients", str(args.clients), "--seconds", str(args.seconds)])
    finally:
        stop(server)


if __name__ == "__main__":
    sys.exit(main())
