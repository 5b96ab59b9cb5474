"""Evaluation of entities on factRuEval (``eval ner``, ``eval names``).

``evaluate_ner`` scores svodka and plain natasha (raw slovnet spans over the whole text) in
the same run, with the convention of ``../shared/eval/README.md``: razdel tokens, each marked
inside/outside a span of a type for gold and for prediction, precision/recall/F1 per type
(PER, LOC, ORG) over tokens. Texts are analysed as with ``--no-clean``: ``Article(text=...)``
so offsets index the file.

svodka's prediction is its flat name view, ``Article.extras["ner_spans"]`` (set by
``tag_entities``): the entity mentions before "org + genitive place" merging, which the
convention scores as two names ("МИД" ORG, "Казахстана" LOC). When the view is missing the
entity mentions are scored, innermost span winning each token.

``evaluate_names`` matches each gold person (a coref group with first/last name) to the
svodka PER entity whose mentions overlap its spans most and reports the accuracy of first
and last names (lower case, ё as е; a gold part the entity lacks counts as wrong).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from razdel import tokenize

from ..model import Article
from ..nlp.models import Models
from .factru import FactruDoc, load_factru
from ._private import analysed_texts, prf

__all__ = ["evaluate_ner", "format_ner_report", "evaluate_names", "format_names_report", "score_spans"]

# Entity types scored, in report order.
TYPES = ("PER", "LOC", "ORG")


def _analyse(docs: list[FactruDoc], models: Models, problems: list[str] | None = None) -> list[Article]:
    """svodka's entity stages (and roles: a failure there is noted in ``problems``) on the raw texts."""
    return analysed_texts([d.text for d in docs], models, [d.name for d in docs], problems)


def _predicted_spans(article: Article) -> list[tuple[int, int, str]]:
    """svodka's spans to score: the flat name view, else the entity mentions."""
    view = article.extras.get("ner_spans")
    if view is not None:
        return [(s, e, k) for s, e, k in view]
    spans = [(m.start, m.end, e.type) for e in article.entities for m in e.mentions if m.kind == "name"]
    # innermost wins: shorter spans are marked last
    return sorted(spans, key=lambda s: -(s[1] - s[0]))


def _token_labels(tokens: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str | None]:
    labels: list[str | None] = [None] * len(tokens)
    for start, end, kind in spans:
        for i, (a, b) in enumerate(tokens):
            if a < end and start < b:
                labels[i] = kind
    return labels


def score_spans(docs: list[FactruDoc], predictions: list[list[tuple[int, int, str]]]) -> dict[str, dict[str, float]]:
    """Token-level IO precision/recall/F1 per type.

    Args:
        docs: gold documents.
        predictions: for each document, predicted ``(start, end, type)`` spans.
    Returns:
        ``{type: {"precision", "recall", "f1", "tp", "fp", "fn"}}``.
    """
    counts = {t: [0, 0, 0] for t in TYPES}
    for doc, predicted in zip(docs, predictions):
        tokens = [(t.start, t.stop) for t in tokenize(doc.text)]
        gold = _token_labels(tokens, doc.spans)
        pred = _token_labels(tokens, predicted)
        for g, p in zip(gold, pred):
            if g == p and g in counts:
                counts[g][0] += 1
            else:
                if p in counts:
                    counts[p][1] += 1
                if g in counts:
                    counts[g][2] += 1
    out = {}
    for kind, (tp, fp, fn) in counts.items():
        out[kind] = {**prf(tp, tp + fp, tp + fn), "tp": tp, "fp": fp, "fn": fn}
    return out


def evaluate_ner(directory: str | Path, models: Models) -> dict[str, Any]:
    """Score svodka and plain natasha NER on a factRuEval folder.

    Args:
        directory: e.g. ``../shared/eval/factru-dev/devset``.
        models: loaded models.
    Returns:
        ``{"documents", "svodka": {type: scores}, "natasha": {type: scores},
        "seconds": {"svodka", "natasha"}}``.
    """
    docs = load_factru(directory)
    started = time.perf_counter()
    natasha = [[(s.start, s.stop, s.type) for s in models.ner(d.text).spans] for d in docs]
    natasha_seconds = time.perf_counter() - started
    started = time.perf_counter()
    problems: list[str] = []
    articles = _analyse(docs, models, problems)
    svodka_seconds = time.perf_counter() - started
    return {
        "documents": len(docs),
        "problems": problems,
        "svodka": score_spans(docs, [_predicted_spans(a) for a in articles]),
        "natasha": score_spans(docs, natasha),
        "seconds": {"svodka": svodka_seconds, "natasha": natasha_seconds},
    }


def format_ner_report(result: dict[str, Any]) -> str:
    """A plain-text table of ``evaluate_ner``'s result."""
    lines = [f"NER on {result['documents']} documents (token-level IO, razdel tokens)"]
    lines.append(f"{'system':<8} {'type':<4} {'P':>6} {'R':>6} {'F1':>6}")
    for system in ("svodka", "natasha"):
        for kind in TYPES:
            s = result[system][kind]
            lines.append(f"{system:<8} {kind:<4} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    seconds = result.get("seconds", {})
    if seconds:
        lines.append(
            f"time: svodka {seconds['svodka']:.1f} s (ner + normalise + roles), natasha {seconds['natasha']:.1f} s (ner only)"
        )
    problems = result.get("problems") or []
    if problems:
        lines.append(f"{len(problems)} problems, first: {problems[0]}")
    return "\n".join(lines)


def _key(text: str | None) -> str:
    return (text or "").strip().lower().replace("ё", "е")


def evaluate_names(directory: str | Path, models: Models) -> dict[str, Any]:
    """Accuracy of first and last names of gold persons matched to svodka PER entities.

    Args:
        directory: a factRuEval folder.
        models: loaded models.
    Returns:
        ``{"persons", "matched", "first": {"correct", "total", "accuracy"}, "last": {...},
        "errors": [(doc, gold, predicted), ...]}``.
    """
    docs = load_factru(directory)
    articles = _analyse(docs, models)
    persons = matched = 0
    tallies = {"first": [0, 0], "last": [0, 0]}
    errors: list[tuple[str, str, str]] = []
    for doc, article in zip(docs, articles):
        entities = [e for e in article.entities if e.type == "PER"]
        for person in doc.persons:
            persons += 1
            best, best_overlap = None, 0
            for entity in entities:
                overlap = sum(
                    max(0, min(e, m.end) - max(s, m.start)) for s, e in person["spans"] for m in entity.mentions
                )
                if overlap > best_overlap:
                    best, best_overlap = entity, overlap
            if best is None:
                continue
            matched += 1
            wrong = False
            for part in ("first", "last"):
                if person[part]:
                    tallies[part][1] += 1
                    if _key(person[part]) == _key(getattr(best, part)):
                        tallies[part][0] += 1
                    else:
                        wrong = True
            if wrong:
                gold = " ".join(p for p in (person["first"], person["last"]) if p)
                errors.append((doc.name, gold, f"{best.first or '-'} {best.last or '-'}"))
    return {
        "persons": persons,
        "matched": matched,
        **{
            part: {"correct": c, "total": t, "accuracy": c / t if t else 0.0}
            for part, (c, t) in tallies.items()
        },
        "errors": errors,
    }


def format_names_report(result: dict[str, Any], max_errors: int = 15) -> str:
    """A plain-text summary of ``evaluate_names``'s result."""
    lines = [f"names: {result['matched']}/{result['persons']} gold persons matched to a PER entity"]
    for part in ("first", "last"):
        r = result[part]
        lines.append(f"{part:<6} {r['accuracy']:.3f} ({r['correct']}/{r['total']})")
    for doc, gold, predicted in result["errors"][:max_errors]:
        lines.append(f"  {doc}: gold {gold!r}, svodka {predicted!r}")
    return "\n".join(lines)
