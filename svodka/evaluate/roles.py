"""Evaluation of person roles on factRuEval Occupation facts (``factru-dev/devset`` layout).

Each document's text is analysed as ``Article(text=...)`` by ``tag_entities``,
``normalize_entities`` and ``extract_roles``. Each Occupation fact with a position gives a
gold pair (person, position); the person is the svodka PER entity whose name mentions overlap
the fact's Who spans (all such entities when NER split the person). Positions and roles are compared after normalisation (lower case,
``ё``->``е``, every word lemmatised with pymorphy3):

- **strict**: the lemma sequences are equal ("министра иностранных дел" = "министр
  иностранных дел"; "президента" != "президент России");
- **lenient**: the head noun lemmas are equal ("президента" ~ "президент России",
  "Премьер-министр" ~ "премьер-министр Великобритании").

Any of the gold alternatives ("a | b") may match. Pairs are deduplicated per person.
Recall counts gold pairs matched by a role of the mapped entity; precision counts svodka
(PER entity, role) pairs matching a gold position of the person the entity maps to. Roles of
persons the gold gives no Occupation for count against precision; the report also gives the
precision on persons that have one (the gold does not list every title).
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from ..model import Article, Entity
from ..nlp.models import Models
from ..nlp.roles import role_head, roles_of
from ._private import prf

__all__ = ["evaluate_roles", "format_roles_report"]

# How many misses and false roles the report lists.
REPORT_EXAMPLES = 12


def _lemmas(text: str, parse: Any) -> tuple[str, ...]:
    """Lemmas of a gold phrase's words, lower case, ``ё``->``е`` (svodka's roles carry theirs: ``Role.lemmas``)."""
    out = []
    for word in re.findall(r"\w+(?:-\w+)*", text.lower().replace("ё", "е")):
        ps = parse(word)
        out.append(ps[0].normal_form.replace("ё", "е") if ps else word)
    return tuple(out)


def _head(text: str, parse: Any) -> str | None:
    """Head noun lemma of a gold position, lower case, ``ё``->``е`` (svodka's roles carry theirs: ``Role.head``)."""
    head = role_head(text.lower(), parse)
    return head.replace("ё", "е") if head else None


def _entities_for(spans: list[tuple[int, int]], persons: list[Entity]) -> list[Entity]:
    """PER entities with a name mention overlapping the gold spans, most overlap first.

    More than one when NER split a person ("Бернд Пишетсридер (Bernd Pischetsrieder)"): the
    roles of all of them count, since merging is not what this evaluation measures.
    """
    scored = []
    for entity in persons:
        overlap = sum(
            max(0, min(e, m.end) - max(s, m.start)) for m in entity.mentions if m.kind == "name" for s, e in spans
        )
        if overlap:
            scored.append((-overlap, entity.id, entity))
    return [e for _, _, e in sorted(scored, key=lambda x: x[:2])]



def evaluate_roles(directory: str | Path, models: Models) -> dict[str, Any]:
    """Score svodka's person roles against the Occupation facts of a factRuEval folder.

    Args:
        directory: a folder such as ``../shared/eval/factru-dev/devset``.
        models: the loaded models.
    Returns:
        ``{"path", "documents", "seconds", "gold_pairs", "gold_persons_found", "svodka_pairs",
        "svodka_pairs_on_gold_persons", "lenient": {tp_gold, tp_pred, precision, recall, f1,
        precision_on_gold_persons}, "strict": {...}, "misses": [...], "false": [...]}``.
    """
    from ..nlp.names import normalize_entities
    from ..nlp.ner import tag_entities
    from ..nlp.roles import extract_roles
    from .factru import load_factru

    parse = models.parse
    docs = load_factru(directory)
    started = time.perf_counter()
    counts = {"gold": 0, "found": 0, "pred": 0, "pred_gold_persons": 0}
    tp = {level: {"gold": 0, "pred": 0, "pred_gold_persons": 0} for level in ("lenient", "strict")}
    misses: list[dict[str, Any]] = []
    false: list[dict[str, Any]] = []
    for doc in docs:
        article = Article(text=doc.text)
        for stage in (tag_entities, normalize_entities, extract_roles):
            article = stage(article, models)
        persons = [e for e in article.entities if e.type == "PER"]

        # Gold pairs: person (Who spans) -> positions, each with its alternatives.
        gold: dict[tuple, list[list[str]]] = {}
        for fact in doc.occupations:
            if not fact.get("position_text") or not fact.get("who_spans"):
                continue
            who = tuple(sorted(fact["who_spans"]))
            alternatives = fact.get("position_alternatives") or [fact["position_text"]]
            keys = gold.setdefault(who, [])
            lemma_sets = [_lemmas(a, parse) for a in alternatives]
            if not any(_lemmas(x[0], parse) in lemma_sets for x in keys):
                keys.append(alternatives)

        owner: dict[str, tuple] = {}  # entity id -> Who key it stands for
        for who, positions in gold.items():
            entities = _entities_for(list(who), persons)
            for entity in entities:
                owner.setdefault(entity.id, who)
            roles = [r for e in entities for r in roles_of(e, parse)]
            for alternatives in positions:
                counts["gold"] += 1
                counts["found"] += bool(entities)
                ok = {
                    "lenient": any(r.head == _head(a, parse) for r in roles for a in alternatives),
                    "strict": any(tuple(r.lemmas) == _lemmas(a, parse) for r in roles for a in alternatives),
                }
                for level, hit in ok.items():
                    tp[level]["gold"] += hit
                if not ok["lenient"] and len(misses) < REPORT_EXAMPLES * 4:
                    misses.append({"doc": doc.name, "gold": alternatives[0], "person": entities[0].name if entities else None, "roles": [r.text for r in roles]})

        for entity in persons:
            who = owner.get(entity.id)
            alternatives = [a for alts in gold.get(who, []) for a in alts] if who else []
            for role in roles_of(entity, parse):
                counts["pred"] += 1
                counts["pred_gold_persons"] += bool(alternatives)
                ok = {
                    "lenient": any(role.head == _head(a, parse) for a in alternatives),
                    "strict": any(tuple(role.lemmas) == _lemmas(a, parse) for a in alternatives),
                }
                for level, hit in ok.items():
                    tp[level]["pred"] += hit
                    tp[level]["pred_gold_persons"] += hit
                if not ok["lenient"] and len(false) < REPORT_EXAMPLES * 4:
                    false.append({"doc": doc.name, "person": entity.name, "role": role.text, "gold": alternatives, "annotated": bool(alternatives)})

    report: dict[str, Any] = {
        "path": str(directory),
        "documents": len(docs),
        "seconds": time.perf_counter() - started,
        "gold_pairs": counts["gold"],
        "gold_persons_found": counts["found"],
        "svodka_pairs": counts["pred"],
        "svodka_pairs_on_gold_persons": counts["pred_gold_persons"],
        "misses": misses,
        "false": false,
    }
    for level in ("lenient", "strict"):
        # Recall and precision count different things (gold pairs vs svodka pairs).
        scores = prf(tp[level]["pred"], counts["pred"], counts["gold"], tp_gold=tp[level]["gold"])
        scores["tp_gold"] = tp[level]["gold"]
        scores["tp_pred"] = tp[level]["pred"]
        scores["precision_on_gold_persons"] = (
            tp[level]["pred_gold_persons"] / counts["pred_gold_persons"] if counts["pred_gold_persons"] else 0.0
        )
        report[level] = scores
    return report


def format_roles_report(report: dict[str, Any]) -> str:
    """A plain-text summary of :func:`evaluate_roles` with some misses and false roles."""
    out = [
        f"person roles on {report.get('path', '')}: {report['documents']} documents in {report['seconds']:.1f} s",
        f"  gold (person, position) pairs: {report['gold_pairs']} (person found by svodka: {report['gold_persons_found']})",
        f"  svodka (person, role) pairs:   {report['svodka_pairs']} (on persons with a gold occupation: {report['svodka_pairs_on_gold_persons']})",
    ]
    for level in ("lenient", "strict"):
        s = report[level]
        out.append(
            f"  {level:<8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"   (gold matched {s['tp_gold']}/{report['gold_pairs']}, roles correct {s['tp_pred']}/{report['svodka_pairs']};"
            f" P on persons with gold occupation {s['precision_on_gold_persons']:.3f})"
        )
    if report.get("misses"):
        out.append("  missed gold positions (doc, gold, person, svodka roles):")
        for m in report["misses"][:REPORT_EXAMPLES]:
            out.append(f"    {m['doc']:<10} {m['gold']!r:<28} {m['person']!r:<28} {m['roles']}")
    if report.get("false"):
        out.append("  svodka roles not in gold (doc, person, role, gold positions):")
        for f in report["false"][:REPORT_EXAMPLES]:
            out.append(f"    {f['doc']:<10} {f['person']!r:<28} {f['role']!r:<40} {f['gold']}")
    return "\n".join(out)
