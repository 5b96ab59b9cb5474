"""Evaluation of quotation extraction on the team's gold set (``tests/gold/quotes/*.jsonl``).

Each line of a gold file is one article: ``id``, ``title`` (optional), ``paragraphs``,
``published`` (optional), ``statements`` (``kind`` "direct"/"indirect", ``text`` an exact
substring of the article text, ``speaker`` a base form or a list of acceptable base forms,
``speaker_type``) and ``negatives`` (notes on what must not be found).

Scoring, per kind:

- a predicted statement matches a gold one of the same kind when their spans overlap by at
  least half of the longer span, or when one normalised text contains the other (NFKC, lower
  case, ``ё``->``е``, punctuation to spaces); each gold statement is matched at most once;
- precision, recall and F1 over all articles (micro);
- speaker accuracy on matched statements: the predicted speaker name equals the gold name (or
  one of the gold names), compared lower-case with ``ё``->``е`` and punctuation ignored.

Articles are analysed with ``Article.build(title, paragraphs, published=...)`` and the stages of
:mod:`svodka.pipeline` in order.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from ..model import Article, Quote
from .clean import normalize_text
from ._private import prf

__all__ = ["evaluate_quotes", "format_quotes_report", "score_article", "analyse_gold_article"]

# Share of the longer span a predicted and a gold span must overlap by to match.
MIN_OVERLAP = 0.5

# The statement kinds scored separately.
KINDS = ("direct", "indirect")

# How many misses and false alarms the report lists.
REPORT_ERRORS = 25


def _gold_spans(text: str, statements: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Offsets of the gold statements: each searched from the previous one's start."""
    out = []
    pos = 0
    for s in statements:
        i = text.find(s["text"], pos)
        if i < 0:
            i = text.find(s["text"])
        if i < 0:
            raise ValueError(f"gold statement not in the article text: {s['text']!r}")
        out.append((i, i + len(s["text"])))
        pos = i
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    longer = max(a[1] - a[0], b[1] - b[0])
    return longer > 0 and inter >= MIN_OVERLAP * longer


def _contains(a: str, b: str) -> bool:
    na, nb = normalize_text(a), normalize_text(b)
    return bool(na) and bool(nb) and (na in nb or nb in na)


def _names(speaker: Any) -> list[str]:
    names = speaker if isinstance(speaker, list) else [speaker]
    return [normalize_text(n) for n in names if n]


def score_article(article: Article, gold: dict[str, Any]) -> dict[str, Any]:
    """Match an analysed article's quotes against its gold statements.

    Returns:
        per kind: ``tp``, ``pred``, ``gold``, ``speaker_ok`` (matched with the right speaker);
        plus ``misses`` and ``false`` (lists of dicts for the report) and ``wrong_speaker``.
    """
    spans = _gold_spans(article.text, gold["statements"])
    out: dict[str, Any] = {k: {"tp": 0, "pred": 0, "gold": 0, "speaker_ok": 0} for k in KINDS}
    out["misses"], out["false"], out["wrong_speaker"] = [], [], []
    used: set[int] = set()
    for g in gold["statements"]:
        out[g["kind"]]["gold"] += 1
    for q in article.quotes:
        kind = q.kind if q.kind in KINDS else "indirect"
        out[kind]["pred"] += 1
        hit = None
        for gi, (g, span) in enumerate(zip(gold["statements"], spans)):
            if gi in used or g["kind"] != kind:
                continue
            if _overlaps((q.start, q.end), span) or _contains(q.text, g["text"]):
                hit = gi
                break
        if hit is None:
            out["false"].append({"article": gold["id"], "kind": kind, "text": q.text, "speaker": _name(q)})
            continue
        used.add(hit)
        out[kind]["tp"] += 1
        g = gold["statements"][hit]
        if normalize_text(_name(q) or "") in _names(g["speaker"]):
            out[kind]["speaker_ok"] += 1
        else:
            out["wrong_speaker"].append({"article": gold["id"], "kind": kind, "text": g["text"], "speaker": _name(q), "want": g["speaker"]})
    for gi, g in enumerate(gold["statements"]):
        if gi not in used:
            out["misses"].append({"article": gold["id"], "kind": g["kind"], "text": g["text"], "want": g["speaker"]})
    return out


def _name(q: Quote) -> str | None:
    return q.speaker.name if q.speaker else None


def analyse_gold_article(gold: dict[str, Any], models: Any) -> Article:
    """Build the article of a gold record and run the analysis stages on it."""
    from ..pipeline import run

    article = Article.build(gold.get("title"), gold["paragraphs"], published=gold.get("published"))
    return run(article, models)



def evaluate_quotes(path: Path | str, models: Any) -> dict[str, Any]:
    """Score quotation extraction on a gold file, or on every ``*.jsonl`` of a folder.

    Args:
        path: a gold ``.jsonl`` file or a folder of them (each file is reported apart).
        models: loaded models (:func:`svodka.nlp.models.load_models`).
    Returns:
        ``{"path", "files": {name: part}}``; a part has ``articles``, ``direct`` and
        ``indirect`` (precision/recall/f1/tp/pred/gold), ``speaker_accuracy`` (over matched
        statements of both kinds), ``seconds``, ``misses``, ``false`` and ``wrong_speaker``.
    """
    path = Path(path)
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    report: dict[str, Any] = {"path": str(path), "files": {}}
    for f in files:
        golds = [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
        started = time.perf_counter()
        totals = {k: {"tp": 0, "pred": 0, "gold": 0, "speaker_ok": 0} for k in KINDS}
        part: dict[str, Any] = {"articles": len(golds), "misses": [], "false": [], "wrong_speaker": []}
        for g in golds:
            scored = score_article(analyse_gold_article(g, models), g)
            for k in KINDS:
                for key in totals[k]:
                    totals[k][key] += scored[k][key]
            for key in ("misses", "false", "wrong_speaker"):
                part[key] += scored[key]
        for k in KINDS:
            part[k] = {**prf(totals[k]["tp"], totals[k]["pred"], totals[k]["gold"]), **totals[k]}
        matched = sum(totals[k]["tp"] for k in KINDS)
        part["speaker_accuracy"] = sum(totals[k]["speaker_ok"] for k in KINDS) / matched if matched else 0.0
        part["seconds"] = time.perf_counter() - started
        report["files"][f.stem] = part
    return report


def format_quotes_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate_quotes` with the first misses and false alarms."""
    out = [f"quotations on {report.get('path', '')}"]
    for name, part in report["files"].items():
        out.append(f"{name}: {part['articles']} articles, {part['seconds']:.2f}s")
        for k in KINDS:
            p = part[k]
            out.append(
                f"  {k:<9} P/R/F1 {p['precision']:.3f}/{p['recall']:.3f}/{p['f1']:.3f}  (tp {p['tp']}, pred {p['pred']}, gold {p['gold']})"
            )
        out.append(f"  speaker accuracy {part['speaker_accuracy']:.3f}")
        for key, label in (("misses", "missed"), ("false", "false alarm"), ("wrong_speaker", "wrong speaker")):
            for e in part[key][:REPORT_ERRORS]:
                extra = f" -> {e.get('speaker')!r}" if key != "misses" else ""
                want = f" want {e['want']!r}" if "want" in e else ""
                out.append(f"    {label:<13} [{e['article']}] {e['kind']}: {e['text'][:80]!r}{extra}{want}")
    return "\n".join(out)
