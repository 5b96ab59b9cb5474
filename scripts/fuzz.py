"""``make fuzz``: hostile inputs through the readers, cleaners, analysis and ``svodka ingest``
for a few minutes, with time and peak memory per input (issue 11).

Two parts, each in its own processes so that one input cannot hide another's cost:

1. **analysis**: a worker process loads the models once and reads, cleans and analyses
   inputs one at a time (shapes from ``tests/hostile.py``, sizes up to ``--max-scale`` times
   the test sizes); the parent times each input and kills the worker when one takes over
   ``--limit`` seconds; the worker's peak RSS is read after each input.
2. **ingest**: folders of hostile files plus one good article go through ``svodka ingest``
   as a user runs it; the run must print no traceback, account for every input
   (read = stored + duplicates + rejected) and store the good article.

Prints one table: per shape, inputs tried, failures by kind, slowest input, peak memory.

    .venv/bin/python scripts/fuzz.py --minutes 5
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.hostile import GOOD_TEXT, SHAPES, make  # noqa: E402

# The bounds: no document over 30 s, no analysis process over 600 MB, for any input
# under max_bytes (the default setting; bigger inputs are refused before they are read).
MAX_BYTES = 5_000_000
TIME_LIMIT = 30.0
MEMORY_LIMIT_MB = 600
# Address space allowed to the analysis worker (virtual memory is ~2x RSS with the models' maps).
ADDRESS_SPACE_LIMIT = 4 * 1024**3
# The summary line of `svodka ingest`.
SUMMARY = re.compile(r"read (\d+) / stored (\d+) / duplicates (\d+) / rejected (\d+)")


def _worker(conn) -> None:
    """Analyse what the parent sends; answer (outcome, seconds, peak RSS in MB)."""
    from svodka.errors import SvodkaError
    from svodka.ingest.readers import read_bytes
    from svodka.model import Document
    from svodka.nlp.models import load_models
    from svodka.pipeline import analyze_documents

    models = load_models()
    # A safety net, not the measure: a runaway input fails here instead of taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    conn.send("ready")
    while True:
        job = conn.recv()
        if job is None:
            return
        name, data = job
        _reset_peak()
        start = time.perf_counter()
        outcome = "ok"
        try:
            items = list(read_bytes(data, name, max_bytes=MAX_BYTES))
            if not items:
                outcome = "vanished"
            docs = [i for i in items if isinstance(i, Document)]
            errors: list = []
            articles = list(analyze_documents(docs, models=models, on_error=errors.append))
            if any(not isinstance(e, SvodkaError) or not e.name for e in errors):
                outcome = "unnamed error"
            elif len(articles) + len(errors) != len(docs):
                outcome = "lost document"
        except MemoryError:
            outcome = "memory error"
        except Exception as exc:  # what must never happen: an exception escaping
            outcome = f"exception {type(exc).__name__}"
        conn.send((outcome, time.perf_counter() - start, _peak_mb()))


def _reset_peak() -> None:
    """Start a new peak-RSS measure for this process (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:  # not Linux: the peak is then over the worker's life
        pass


def _peak_mb() -> float:
    """Peak RSS since the last reset, in MB."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Analyser:
    """The analysis worker process, restarted after a timeout."""

    def __init__(self) -> None:
        self.proc = None
        self.conn = None

    def start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        if not self.conn.poll(120) or self.conn.recv() != "ready":
            raise SystemExit("fuzz: the analysis worker did not start")

    def run(self, name: str, data: bytes, limit: float):
        if self.proc is None or not self.proc.is_alive():
            self.start()
        self.conn.send((name, data))
        if self.conn.poll(limit):
            return self.conn.recv()
        self.proc.kill()
        self.proc.join()
        self.proc = None
        return ("over time", limit, None)

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.conn.send(None)
            self.proc.join(10)


def fuzz_ingest(r: random.Random, scale: int, timeout: float) -> list[str]:
    """One `svodka ingest` of hostile files plus a good one; the problems found."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(r.randint(1, 6)):
            shape = r.choice(sorted(SHAPES))
            name, data = make(shape, r.randrange(2**32), scale)
            (folder / f"{i:02d}_{name}").write_bytes(data)
        (folder / "50_good.txt").write_text(GOOD_TEXT, encoding="utf-8")
        db = Path(tmp) / "a.db"
        cmd = [sys.executable, "-m", "svodka", "ingest", str(folder), "--db", str(db), "--workers", r.choice(["1", "2"]), "--batch-size", "2", "-q"]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return [f"ingest over {timeout:.0f} s"]
        if "Traceback" in out.stderr:
            problems.append("ingest traceback: " + out.stderr.strip().splitlines()[-1][:160])
        m = SUMMARY.search(out.stderr)
        if not m:
            problems.append(f"ingest without summary (exit {out.returncode}): " + (out.stderr.strip().splitlines() or [""])[-1][:160])
        else:
            read, stored, dups, rejected = map(int, m.groups())
            if read != stored + dups + rejected:
                problems.append("ingest: read != stored + duplicates + rejected")
            if out.returncode != (1 if rejected else 0):
                problems.append(f"ingest exit {out.returncode} with {rejected} rejected")
        if problems:  # keep the inputs to reproduce it: `svodka ingest DIR --workers 1`
            kept = tempfile.mkdtemp(prefix="svodka-fuzz-")
            shutil.copytree(folder, Path(kept) / "in")
            problems = [f"{p} (inputs kept in {kept}/in)" for p in problems]
        if db.exists():
            con = sqlite3.connect(db)
            try:
                if not con.execute("SELECT 1 FROM articles WHERE title LIKE '%элеватор%'").fetchone():
                    problems.append("ingest lost the good article")
            finally:
                con.close()
        else:
            problems.append("ingest stored nothing")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="How long to run both parts together.")
    parser.add_argument("--seed", type=int, default=None, help="Random seed (default: time).")
    parser.add_argument("--max-scale", type=int, default=50, help="Largest size multiplier (1 = the test sizes).")
    parser.add_argument("--limit", type=float, default=TIME_LIMIT, help="Seconds one input may take.")
    parser.add_argument("--ingest-share", type=float, default=0.25, help="Share of the time spent on svodka ingest runs.")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    r = random.Random(seed)
    print(f"fuzz: seed {seed}, {args.minutes} min, sizes up to x{args.max_scale}, limit {args.limit:.0f} s, {MEMORY_LIMIT_MB} MB", flush=True)

    tried: dict[str, int] = defaultdict(int)
    failed: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    slowest: dict[str, float] = defaultdict(float)
    examples: list[str] = []
    peak_mb = 0.0
    analyser = Analyser()
    deadline = time.monotonic() + args.minutes * 60
    analysis_until = time.monotonic() + args.minutes * 60 * (1 - args.ingest_share)
    try:
        while time.monotonic() < analysis_until:
            shape = r.choice(sorted(SHAPES))
            scale = r.choice([1, 1, 2, 5, args.max_scale])
            input_seed = r.randrange(2**32)
            name, data = make(shape, input_seed, scale)
            outcome, seconds, peak = analyser.run(name, data, args.limit)
            tried[shape] += 1
            slowest[shape] = max(slowest[shape], seconds)
            if peak:
                peak_mb = max(peak_mb, peak)
            if peak and peak > MEMORY_LIMIT_MB:
                outcome = "over memory" if outcome == "ok" else outcome
                # Python keeps the pages it grew to: a fresh worker, so that this input's
                # peak is not charged to the next one.
                analyser.stop()
                analyser.proc = None
            if outcome != "ok":
                failed[shape][outcome] += 1
                examples.append(f"{shape} seed={input_seed} scale={scale} ({len(data)} bytes): {outcome}")
    finally:
        analyser.stop()
    runs = 0
    while time.monotonic() < deadline:
        scale = r.choice([1, 2, 5])
        problems = fuzz_ingest(r, scale, timeout=max(120.0, args.limit * 8))
        runs += 1
        tried["svodka ingest"] += 1
        for p in problems:
            failed["svodka ingest"][p.split(":")[0]] += 1
            examples.append(f"ingest run {runs}: {p}")

    print(f"{'shape':<14} {'inputs':>7} {'failures':>9}  {'slowest s':>9}  kinds")
    for shape in sorted(tried):
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(failed[shape].items())) or "-"
        print(f"{shape:<14} {tried[shape]:>7} {sum(failed[shape].values()):>9}  {slowest.get(shape, 0):>9.1f}  {kinds}")
    print(f"peak memory of the analysis process: {peak_mb:.0f} MB (limit {MEMORY_LIMIT_MB} MB)")
    examples.sort(key=lambda line: not line.startswith("ingest"))  # the rarer kind first
    for line in examples[:20]:
        print("  " + line)
    total = sum(sum(v.values()) for v in failed.values())
    print(f"fuzz: {sum(tried.values())} inputs, {total} failures (seed {seed})")
    sys.exit(1 if total else 0)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
