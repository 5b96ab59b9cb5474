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
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Entity
from ..nlp.models import Models
from ..nlp.roles import role_head, roles_of
from ._private import analysed_texts, prf

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



def _analysed_persons(text: str, models: Models) -> list[Entity]:
    """The PER entities, with their roles, of a text analysed by NER, name normalisation and roles."""
    return [e for e in analysed_texts([text], models)[0].entities if e.type == "PER"]


def _gold_pairs(occupations: list[dict[str, Any]], parse: Any) -> dict[tuple, list[list[str]]]:
    """Gold pairs of a document: a person's sorted Who spans -> its positions, each a list of
    alternatives; a position whose first text has the lemmas of one already listed is dropped."""
    gold: dict[tuple, list[list[str]]] = {}
    for fact in occupations:
        if not fact.get("position_text") or not fact.get("who_spans"):
            continue
        who = tuple(sorted(fact["who_spans"]))
        alternatives = fact.get("position_alternatives") or [fact["position_text"]]
        keys = gold.setdefault(who, [])
        lemma_sets = [_lemmas(a, parse) for a in alternatives]
        if not any(_lemmas(x[0], parse) in lemma_sets for x in keys):
            keys.append(alternatives)
    return gold


def _matches(roles: list[Any], alternatives: list[str], parse: Any) -> dict[str, bool]:
    """Whether any role matches any gold alternative, by head noun (lenient) and by lemmas (strict)."""
    return {
        "lenient": any(r.head == _head(a, parse) for r in roles for a in alternatives),
        "strict": any(tuple(r.lemmas) == _lemmas(a, parse) for r in roles for a in alternatives),
    }


def _score_gold(
    name: str, gold: dict[tuple, list[list[str]]], persons: list[Entity], parse: Any
) -> tuple[dict[str, tuple], Counter, list[dict[str, Any]]]:
    """The recall side of one document: each gold pair against the roles of its person's entities.

    Returns the owners (entity id -> the Who key it stands for), the tallies (``gold``,
    ``found``, ``<level>_gold``) and the missed gold positions in order.
    """
    owner: dict[str, tuple] = {}
    tally: Counter = Counter()
    misses: list[dict[str, Any]] = []
    for who, positions in gold.items():
        entities = _entities_for(list(who), persons)
        for entity in entities:
            owner.setdefault(entity.id, who)
        roles = [r for e in entities for r in roles_of(e, parse)]
        for alternatives in positions:
            tally["gold"] += 1
            tally["found"] += bool(entities)
            ok = _matches(roles, alternatives, parse)
            for level, hit in ok.items():
                tally[f"{level}_gold"] += hit
            if not ok["lenient"]:
                misses.append({"doc": name, "gold": alternatives[0], "person": entities[0].name if entities else None, "roles": [r.text for r in roles]})
    return owner, tally, misses


def _score_roles(
    name: str, gold: dict[tuple, list[list[str]]], owner: dict[str, tuple], persons: list[Entity], parse: Any
) -> tuple[Counter, list[dict[str, Any]]]:
    """The precision side of one document: each (PER entity, role) pair against the gold
    positions of the person the entity stands for.

    Returns the tallies (``pred``, ``pred_gold_persons``, ``<level>_pred``,
    ``<level>_pred_gold_persons``) and the roles not in gold, in order.
    """
    tally: Counter = Counter()
    false: list[dict[str, Any]] = []
    for entity in persons:
        who = owner.get(entity.id)
        alternatives = [a for alts in gold.get(who, []) for a in alts] if who else []
        for role in roles_of(entity, parse):
            tally["pred"] += 1
            tally["pred_gold_persons"] += bool(alternatives)
            ok = _matches([role], alternatives, parse)
            for level, hit in ok.items():
                tally[f"{level}_pred"] += hit
                tally[f"{level}_pred_gold_persons"] += hit
            if not ok["lenient"]:
                false.append({"doc": name, "person": entity.name, "role": role.text, "gold": alternatives, "annotated": bool(alternatives)})
    return tally, false


def _level_scores(tally: Counter, level: str) -> dict[str, Any]:
    """Precision, recall and F1 at one level (``lenient`` or ``strict``) from the summed tallies."""
    # Recall and precision count different things (gold pairs vs svodka pairs).
    scores = prf(tally[f"{level}_pred"], tally["pred"], tally["gold"], tp_gold=tally[f"{level}_gold"])
    scores["tp_gold"] = tally[f"{level}_gold"]
    scores["tp_pred"] = tally[f"{level}_pred"]
    scores["precision_on_gold_persons"] = (
        tally[f"{level}_pred_gold_persons"] / tally["pred_gold_persons"] if tally["pred_gold_persons"] else 0.0
    )
    return scores


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
    from .factru import load_factru

    parse = models.parse
    docs = load_factru(directory)
    started = time.perf_counter()
    tally: Counter = Counter()
    misses: list[dict[str, Any]] = []
    false: list[dict[str, Any]] = []
    for doc in docs:
        persons = _analysed_persons(doc.text, models)
        gold = _gold_pairs(doc.occupations, parse)
        owner, gold_tally, doc_misses = _score_gold(doc.name, gold, persons, parse)
        pred_tally, doc_false = _score_roles(doc.name, gold, owner, persons, parse)
        tally.update(gold_tally)
        tally.update(pred_tally)
        misses.extend(doc_misses)
        false.extend(doc_false)

    report: dict[str, Any] = {
        "path": str(directory),
        "documents": len(docs),
        "seconds": time.perf_counter() - started,
        "gold_pairs": tally["gold"],
        "gold_persons_found": tally["found"],
        "svodka_pairs": tally["pred"],
        "svodka_pairs_on_gold_persons": tally["pred_gold_persons"],
        "misses": misses[: REPORT_EXAMPLES * 4],
        "false": false[: REPORT_EXAMPLES * 4],
    }
    for level in ("lenient", "strict"):
        report[level] = _level_scores(tally, level)
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
