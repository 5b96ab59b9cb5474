"""svodka benchmarks: figures and ratios against a baseline run side by side.

Each part runs in its own process (so peak memory is that part's own) pinned to one core
where the OS allows, and prints one JSON line that the parent collects:

- ``clean``: reading + cleaning throughput on the bundled sample corpus (dumps/s, HTML pages/s),
  each file repeated so a run lasts long enough to time.
- ``natasha``: plain natasha's full pipeline (segment, morph, syntax, NER, normalise) on the
  factRuEval dev texts (../shared/eval/factru-dev/devset, or the sample corpus when absent).
- ``svodka``: svodka's full analysis (reading, cleaning, NER, normalisation, roles, dates,
  quotes) on the same texts; ``svodka-noquotes`` the same without the quotes stage.

Usage: ``python bench/bench.py [--repeat N] [--parts clean,natasha,svodka,svodka-noquotes]``.
Not a test: figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
FACTRU = ROOT.parent / "shared" / "eval" / "factru-dev" / "devset"


def _pin_one_core() -> None:
    """Pin this process to one core: the targets are per core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _texts() -> tuple[str, list[str]]:
    """The analysis corpus: factRu dev texts if present, else the sample dumps."""
    if FACTRU.is_dir():
        files = sorted(FACTRU.glob("book_*.txt"))
        return "factRu devset", [f.read_text(encoding="utf-8") for f in files]
    files = sorted((SAMPLE / "dumps").glob("*.txt"))
    return "sample dumps", [f.read_text(encoding="utf-8", errors="replace") for f in files]


def part_clean(repeat: int) -> dict:
    """Reading + cleaning throughput per kind of input on one core."""
    from svodka.clean import clean
    from svodka.ingest.readers import read_bytes

    result = {}
    for kind, pattern in (("dumps", "dumps/*.txt"), ("html", "html/*.html")):
        blobs = [(p.name, p.read_bytes()) for p in sorted(SAMPLE.glob(pattern))]
        if not blobs:
            continue
        n, errors = 0, 0
        start = time.perf_counter()
        for _ in range(repeat):
            for name, data in blobs:
                for doc in read_bytes(data, name):
                    try:
                        clean(doc)
                    except Exception:
                        errors += 1
                    n += 1
        elapsed = time.perf_counter() - start
        result[kind] = {"docs": n, "seconds": round(elapsed, 3), "per_second": round(n / elapsed, 1), "errors": errors}
    return result


def part_natasha(repeat: int) -> dict:
    """Plain natasha's full pipeline on the analysis corpus."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter

    name, texts = _texts()
    emb = NewsEmbedding()
    segmenter, morph_vocab = Segmenter(), MorphVocab()
    morph, syntax, ner = NewsMorphTagger(emb), NewsSyntaxParser(emb), NewsNERTagger(emb)
    start = time.perf_counter()
    chars = 0
    for _ in range(repeat):
        for text in texts:
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)
            for span in doc.spans:
                span.normalize(morph_vocab)
            chars += len(text)
    elapsed = time.perf_counter() - start
    n = len(texts) * repeat
    return {"corpus": name, "docs": n, "seconds": round(elapsed, 3), "per_second": round(n / elapsed, 2), "chars_per_second": round(chars / elapsed), "peak_mb": round(_peak_mb(), 1)}


def part_svodka(repeat: int, quotes: bool = True) -> dict:
    """svodka's full analysis from bytes: read, clean, NER, names, roles, dates (, quotes)."""
    from svodka import pipeline
    from svodka.ingest.readers import read_bytes
    from svodka.nlp.models import load_models

    if not quotes:
        pipeline.STAGES[:] = [s for s in pipeline.STAGES if s.__name__ != "extract_quotes"]
    # Time each stage inside the run: the quotes share is then read off one run, not from
    # the difference of two runs (which the shared machine makes noisy by +-20%).
    stage_seconds: dict[str, float] = {}

    def timed(stage):
        def run_stage(article, models):
            t0 = time.perf_counter()
            try:
                return stage(article, models)
            finally:
                stage_seconds[stage.__name__] = stage_seconds.get(stage.__name__, 0.0) + time.perf_counter() - t0

        run_stage.__name__ = stage.__name__
        return run_stage

    pipeline.STAGES[:] = [timed(s) for s in pipeline.STAGES]
    name, texts = _texts()
    blobs = [t.encode("utf-8") for t in texts]
    models = load_models()
    start = time.perf_counter()
    n = chars = 0
    for _ in range(repeat):
        docs = (doc for i, blob in enumerate(blobs) for doc in read_bytes(blob, f"text{i}.txt"))
        for article in pipeline.analyze_documents(docs, models=models, no_clean=True, on_error=lambda e: None):
            n += 1
            chars += len(article.text)
    elapsed = time.perf_counter() - start
    return {"corpus": name, "docs": n, "seconds": round(elapsed, 3), "per_second": round(n / elapsed, 2), "chars_per_second": round(chars / elapsed), "peak_mb": round(_peak_mb(), 1),
            "stages": {k: round(v, 3) for k, v in stage_seconds.items()}}


PARTS = {
    "clean": lambda r: part_clean(r * 50),
    "natasha": part_natasha,
    "svodka": part_svodka,
    "svodka-noquotes": lambda r: part_svodka(r, quotes=False),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="passes over the corpus per part")
    parser.add_argument("--parts", default="clean,natasha,svodka,svodka-noquotes")
    parser.add_argument("--part", help=argparse.SUPPRESS)  # internal: run one part in this process
    args = parser.parse_args()
    if args.part:
        _pin_one_core()
        print(json.dumps(PARTS[args.part](args.repeat)))
        return

    results = {}
    for part in args.parts.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--part", part, "--repeat", str(args.repeat)],
            capture_output=True, text=True, cwd=ROOT,
        )
        if out.returncode:
            print(f"{part}: failed\n{out.stderr[-2000:]}", file=sys.stderr)
            continue
        results[part] = json.loads(out.stdout.strip().splitlines()[-1])

    print("svodka benchmark (one core per part, each part in its own process)")
    if "clean" in results:
        for kind, r in results["clean"].items():
            target = 500 if kind == "dumps" else 50
            print(f"  read+clean {kind:5}: {r['per_second']:8.1f} docs/s  (target >= {target}; {r['docs']} docs, {r['errors']} errors)")
    for part in ("natasha", "svodka", "svodka-noquotes"):
        if part in results:
            r = results[part]
            print(f"  {part:16} {r['per_second']:7.2f} docs/s {r['chars_per_second']:9d} chars/s  peak {r['peak_mb']:6.1f} MB  ({r['docs']} docs of {r['corpus']})")
    if "natasha" in results and "svodka" in results:
        ratio = results["svodka"]["seconds"] / results["natasha"]["seconds"]
        print(f"  time ratio svodka/natasha: {ratio:.2f} (target <= 1.0); svodka peak {results['svodka']['peak_mb']:.0f} MB (target < 600)")
    if "svodka" in results:
        stages = results["svodka"].get("stages", {})
        total = results["svodka"]["seconds"]
        print("  time per stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()) + f" of {total:.2f} s in all")
        if "extract_quotes" in stages:
            share = stages["extract_quotes"] / max(total - stages["extract_quotes"], 1e-9)
            print(f"  quotes stage cost: +{share:.1%} on top of the rest of the analysis, timed in the same run (target within 15%)")
    if "svodka" in results and "svodka-noquotes" in results:
        slow = results["svodka"]["seconds"] / results["svodka-noquotes"]["seconds"] - 1
        print(f"  (two separate runs with and without quotes differ by {slow:+.1%}; noisy on a shared machine)")


if __name__ == "__main__":
    main()
