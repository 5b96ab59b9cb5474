"""The archive benchmark still runs (small N, SQLite only): it is what ``make bench`` reports."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_store_bench_runs_small(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SVODKA_TEST_DATABASE_URL"}
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "store_bench.py"), "--n", "300", "--batch", "100", "--workers", "1", "--split", "--vocab", "300", "--db", str(tmp_path / "b.db")],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    for line in ("[prepare] 300 articles", "[sqlite] split: store without linking", "[sqlite] N = 300", "[sqlite] search: 200 queries", "[postgresql] skipped"):
        assert line in out.stdout, out.stdout
