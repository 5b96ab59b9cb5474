"""Write (or check) the stored expected output of `svodka analyze` (issue 12).

The team wrote these files before the issue-12 refactor so the refactor could be checked
against them: `tests/test_expected_output.py` compares today's output with them. Regenerate
only when an output change is intended, and say so in the commit message:

    .venv/bin/python scripts/expected_output.py          # rewrite both files
    .venv/bin/python scripts/expected_output.py --check  # exit 1 and list what differs

Two files:
- `tests/gold/analyze/sample.jsonl`: `svodka analyze --format jsonl data/sample`, verbatim
  (the sample corpus is the team's own text).
- `tests/gold/analyze/seed.tsv`: the founding example's output as one line per JSON leaf and
  per list length: `path<TAB>hash`, a hash of the value and never the text (real text stays
  out of the repo).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "analyze"
SAMPLE_FILE = GOLD / "sample.jsonl"
SEED_FILE = GOLD / "seed.tsv"
SEED = ROOT.parent / "shared" / "eval" / "seed" / "000_9284a0450e23592d.txt"


def analyze_output(*args: str) -> str:
    """What `svodka analyze ARGS` prints, run from the project root."""
    import os

    from svodka.cli import app

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["analyze", *args])
    finally:
        os.chdir(cwd)
    if result.exit_code != 0:
        raise RuntimeError(f"svodka analyze {' '.join(args)} exited {result.exit_code}: {result.output[-500:]}")
    return result.stdout


def leaves(value, path: str = "$") -> dict[str, str]:
    """Every leaf of a JSON value and every list's length, as path -> short hash of the value."""
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(leaves(item, f"{path}.{key}"))
    elif isinstance(value, list):
        out[f"{path}#len"] = str(len(value))
        for i, item in enumerate(value):
            out.update(leaves(item, f"{path}[{i}]"))
    else:
        out[path] = hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:16]
    return out


def differences(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """Expected leaves missing or changed in ``actual``; leaves only in ``actual`` are added fields."""
    return [f"{path}: {'missing' if path not in actual else 'changed'}" for path, digest in expected.items() if actual.get(path) != digest]


def sample_records() -> list[dict]:
    return [json.loads(line) for line in analyze_output("--format", "jsonl", "data/sample").splitlines() if line.strip()]


def seed_leaves() -> dict[str, str]:
    """The founding example's leaves, read by a path relative to the project root so that
    `$.path` is the same on every checkout (CI clones elsewhere)."""
    import os

    return leaves(json.loads(analyze_output("--format", "json", os.path.relpath(SEED, ROOT))))


def read_seed_file() -> dict[str, str]:
    return dict(line.split("\t") for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    records = sample_records()
    seeds = seed_leaves() if SEED.exists() else None
    if args.check:
        expected = [json.loads(line) for line in SAMPLE_FILE.read_text(encoding="utf-8").splitlines() if line]
        diffs = differences(leaves(expected), leaves(records))
        if seeds is not None:
            diffs += ["seed " + d for d in differences(read_seed_file(), seeds)]
        print("\n".join(diffs) or "no differences")
        return 1 if diffs else 0
    GOLD.mkdir(parents=True, exist_ok=True)
    SAMPLE_FILE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    if seeds is None:
        print(f"{SEED} absent: seed.tsv left as it is", file=sys.stderr)
    else:
        SEED_FILE.write_text("".join(f"{p}\t{h}\n" for p, h in seeds.items()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
