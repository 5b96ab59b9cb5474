"""The team's blind gold on ``../shared/eval/wikinews-ru`` (issue 13): names and roles.

The gold lives in the project as offsets plus hashes, never the text:

- ``tests/gold/names/wikinews.jsonl``: one name mention per line, ``doc``, ``start``, ``end``,
  ``sha`` (hash of the span as written), ``type`` (PER/ORG/LOC), ``base`` (hash of the base
  form's key, ``form_key``) and ``tags`` (foreign, female, multi, hyphen, abbr);
- ``tests/gold/roles/wikinews.jsonl``: one person per line, ``doc``, ``person`` (the spans of
  its name mentions, ``[start, end, sha]``) and ``roles`` (each a span of the text that gives
  the role, ``start``, ``end``, ``sha``, ``kind``: apposition, predicate, other).

A document is in the held-out half when ``split_of`` says so: the evaluation scores both
halves and lists errors from the dev half only, so that rules are written against one half
and checked on the other.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Article, Entity, Mention
from ..nlp.models import Models
from ..nlp.roles import roles_of
from ._private import analysed_texts, prf
from .roles import _head, _lemmas

__all__ = [
    "TEXTS", "form_key", "span_hash", "split_of", "is_wikinews",
    "evaluate_wikinews_names", "format_wikinews_names_report",
    "evaluate_wikinews_roles", "format_wikinews_roles_report",
]

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT.parent / "shared" / "eval" / "wikinews-ru" / "texts"


def span_hash(text: str) -> str:
    """A short hash of a span as written (checks that the offsets still point at it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def form_key(form: str) -> str:
    """A short hash of a base form, compared exactly but case-insensitively, ``ё`` = ``е``,
    any run of spaces as one."""
    key = " ".join(form.lower().replace("ё", "е").split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def split_of(doc: str) -> str:
    """``"heldout"`` for a third of the documents (by a hash of the name), else ``"dev"``."""
    return "heldout" if hashlib.sha256(doc.encode("utf-8")).digest()[0] % 3 == 0 else "dev"


# --------------------------------------------------------------------------- reading the gold

GOLD = ROOT / "tests" / "gold"
NAMES_GOLD = GOLD / "names" / "wikinews.jsonl"
ROLES_GOLD = GOLD / "roles" / "wikinews.jsonl"

# How many errors a report lists.
REPORT_EXAMPLES = 25

# Characters a mention's edge may differ by and still be the same mention («Арсенал» vs Арсенал).
EDGE_MARKS = "«»\"'“”„‘’ "


def is_wikinews(path: Path) -> bool:
    """Whether ``path`` is the wikinews-ru folder (or its ``texts``) rather than a factRuEval one."""
    return (path / "texts").is_dir() or (path.name == "texts" and not any(path.glob("*.spans")))


def texts_of(path: Path) -> Path:
    return path / "texts" if (path / "texts").is_dir() else path


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _texts(gold: list[dict[str, Any]], texts: Path, problems: list[str]) -> dict[str, str]:
    """The documents the gold names, read once; a missing file is a problem, not a crash."""
    out: dict[str, str] = {}
    for doc in sorted({g["doc"] for g in gold}):
        try:
            out[doc] = (texts / doc).read_text(encoding="utf-8")
        except OSError as exc:
            problems.append(f"{doc}: {exc.strerror or exc}")
    return out


def _stale(text: str, start: int, end: int, sha: str) -> bool:
    """The span's hash no longer matches the text (the texts changed under the gold)."""
    return span_hash(text[start:end]) != sha


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


# --------------------------------------------------------------------------- names


def _mention_index(article: Article) -> dict[tuple[int, int], tuple[Mention, Entity]]:
    """svodka's name mentions by their offsets, also by the offsets with quote marks trimmed."""
    index: dict[tuple[int, int], tuple[Mention, Entity]] = {}
    for entity in article.entities:
        for m in entity.mentions:
            if m.kind != "name":
                continue
            index.setdefault((m.start, m.end), (m, entity))
            lead = len(m.text) - len(m.text.lstrip(EDGE_MARKS))
            trail = len(m.text) - len(m.text.rstrip(EDGE_MARKS))
            index.setdefault((m.start + lead, m.end - trail), (m, entity))
    return index


def _natasha_forms(texts: dict[str, str]) -> dict[str, dict[tuple[int, int], str]]:
    """Plain natasha's base forms (its own segmenter, morphology tagger, NER and normaliser) by
    document and span: the baseline of the names report."""
    from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    segmenter, vocab = Segmenter(), MorphVocab()
    morph, ner = NewsMorphTagger(embedding), NewsNERTagger(embedding)
    out: dict[str, dict[tuple[int, int], str]] = {}
    for name, text in texts.items():
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        doc.tag_ner(ner)
        for span in doc.spans:
            span.normalize(vocab)
        out[name] = {(span.start, span.stop): span.normal for span in doc.spans}
    return out


def _score_mention(g: dict[str, Any], index: dict, natasha: dict | None, tally: Counter) -> str | None:
    """Count one gold mention in each of its groups; svodka's base form when it is wrong."""
    hit = index.get((g["start"], g["end"]))
    right = hit is not None and form_key(hit[0].normal) == g["base"]
    other = natasha.get((g["start"], g["end"])) if natasha is not None else None
    for group in ["all", g["type"], split_of(g["doc"])] + [f"tag:{t}" for t in g.get("tags") or []]:
        tally[(group, "gold")] += 1
        tally[(group, "found")] += hit is not None
        tally[(group, "right")] += right
        tally[(group, "type")] += hit is not None and hit[1].type == g["type"]
        tally[(group, "natasha_found")] += other is not None
        tally[(group, "natasha_right")] += other is not None and form_key(other) == g["base"]
    return hit[0].normal if hit is not None and not right else None


def evaluate_wikinews_names(path: str | Path, models: Models, gold_file: Path = NAMES_GOLD, baseline: bool = True) -> dict[str, Any]:
    """Base forms of name mentions against the team's blind gold on wikinews-ru.

    A gold mention is *found* when svodka has a name mention at the same offsets (quote marks
    at the edges aside); its base form is *right* when ``form_key`` of ``Mention.normal``
    equals the gold's. Accuracy is right / found (the issue's figure), also given per type,
    per tag and per half; coverage is found / gold. With ``baseline``, plain natasha's spans and
    base forms are scored the same way in the same run.
    """
    problems: list[str] = []
    gold = read_gold(gold_file)
    texts = _texts(gold, texts_of(Path(path)), problems)
    started = time.perf_counter()
    articles = dict(zip(texts, analysed_texts(list(texts.values()), models, list(texts))))
    natasha = _natasha_forms(texts) if baseline else {}
    tally: Counter = Counter()
    errors: list[dict[str, Any]] = []
    for g in gold:
        text = texts.get(g["doc"])
        if text is None:
            continue
        if _stale(text, g["start"], g["end"], g["sha"]):
            problems.append(f"{g['doc']} {g['start']}-{g['end']}: the text changed under the gold")
            continue
        error = _score_mention(g, _mention_index(articles[g["doc"]]), natasha.get(g["doc"]), tally)
        if error and split_of(g["doc"]) == "dev":
            errors.append({"doc": g["doc"], "mention": text[g["start"]:g["end"]], "svodka": error, "type": g["type"]})
    groups = sorted({group for group, _ in tally}, key=lambda x: (x != "all", x.startswith("tag:"), x))
    return {
        "path": str(path),
        "gold_file": str(gold_file),
        "documents": len(texts),
        "seconds": time.perf_counter() - started,
        "distinct": len({(g["doc"], g["base"]) for g in gold}),
        "groups": {
            group: {
                "gold": tally[(group, "gold")],
                "found": tally[(group, "found")],
                "coverage": _ratio(tally[(group, "found")], tally[(group, "gold")]),
                "accuracy": _ratio(tally[(group, "right")], tally[(group, "found")]),
                "type_accuracy": _ratio(tally[(group, "type")], tally[(group, "found")]),
                "natasha_coverage": _ratio(tally[(group, "natasha_found")], tally[(group, "gold")]) if natasha else None,
                "natasha_accuracy": _ratio(tally[(group, "natasha_right")], tally[(group, "natasha_found")]) if natasha else None,
            }
            for group in groups
        },
        "errors": errors,
        "problems": problems,
    }


def format_wikinews_names_report(result: dict[str, Any]) -> str:
    lines = [
        f"name base forms on {result['path']}: {result['groups'].get('all', {}).get('gold', 0)} gold mentions"
        f" in {result['documents']} documents ({result['gold_file']}), {result['seconds']:.1f} s",
        f"  {'group':<14} {'gold':>5} {'found':>6} {'coverage':>9} {'base form':>10} {'type':>6}"
        f"   natasha: {'coverage':>8} {'base form':>9}",
    ]
    for group, s in result["groups"].items():
        natasha = (
            f"   {'':>8} {s['natasha_coverage']:>8.3f} {s['natasha_accuracy']:>9.3f}" if s.get("natasha_accuracy") is not None else ""
        )
        lines.append(
            f"  {group:<14} {s['gold']:>5} {s['found']:>6} {s['coverage']:>9.3f} {s['accuracy']:>10.3f} {s['type_accuracy']:>6.3f}{natasha}"
        )
    if result["errors"]:
        lines.append(f"  wrong base forms, dev half ({len(result['errors'])}; the held-out half is scored, not shown):")
        for e in result["errors"][:REPORT_EXAMPLES]:
            lines.append(f"    {e['doc']:<9} {e['type']} {e['mention']!r} -> {e['svodka']!r}")
    for problem in result["problems"][:5]:
        lines.append(f"  problem: {problem}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- roles


def _owners(persons: list[dict[str, Any]], entities: list[Entity]) -> dict[str, int]:
    """svodka PER entity id -> index of the gold person whose name spans it overlaps most."""
    best: dict[str, tuple[int, int]] = {}
    for i, person in enumerate(persons):
        for entity in entities:
            overlap = sum(
                max(0, min(e, m.end) - max(s, m.start))
                for m in entity.mentions
                if m.kind == "name"
                for s, e, _ in person["person"]
            )
            if overlap and overlap > best.get(entity.id, (0, -1))[0]:
                best[entity.id] = (overlap, i)
    return {eid: i for eid, (_, i) in best.items()}


def _gold_roles(person: dict[str, Any], text: str, parse: Any) -> list[dict[str, Any]]:
    """The person's gold roles with their head and lemmas, one per lemma sequence."""
    out, seen = [], set()
    for role in person["roles"]:
        span = text[role["start"]:role["end"]]
        lemmas = _lemmas(span, parse)
        if lemmas in seen:
            continue
        seen.add(lemmas)
        out.append({**role, "text": span, "lemmas": lemmas, "head": _head(span, parse)})
    return out


def _role_hits(role: Any, gold: list[dict[str, Any]]) -> dict[str, bool]:
    return {
        "lenient": any(role.head is not None and role.head == g["head"] for g in gold),
        "strict": any(tuple(role.lemmas) == g["lemmas"] for g in gold),
    }


def _score_roles_doc(doc: str, people: list[dict[str, Any]], text: str, article: Article, parse: Any, tally: Counter, examples: dict) -> None:
    """Both sides of one document: gold roles found (recall) and svodka roles right (precision)."""
    entities = [e for e in article.entities if e.type == "PER"]
    owners = _owners(people, entities)
    golds = [_gold_roles(p, text, parse) for p in people]
    show = split_of(doc) == "dev"
    for i, gold in enumerate(golds):
        roles = [r for e in entities if owners.get(e.id) == i for r in roles_of(e, parse)]
        _count_gold(doc, gold, roles, tally, examples["misses"] if show else None)
    for entity in entities:
        i = owners.get(entity.id)
        gold = golds[i] if i is not None else []
        for role in roles_of(entity, parse):
            if not _count(tally, ("all", split_of(doc)), "pred", [role], gold) and show:
                examples["false"].append({"doc": doc, "person": entity.name, "role": role.text, "gold": [g["text"] for g in gold]})


def _count_gold(doc: str, gold: list[dict[str, Any]], roles: list[Any], tally: Counter, misses: list | None) -> None:
    """The recall side for one gold person: each gold role against the roles of its entities."""
    for g in gold:
        if not _count(tally, ("all", g.get("kind", "other"), split_of(doc)), "gold", roles, [g]) and misses is not None:
            misses.append({"doc": doc, "gold": g["text"], "kind": g.get("kind"), "roles": [r.text for r in roles]})


def _count(tally: Counter, groups: tuple[str, ...], side: str, roles: list[Any], gold: list[dict[str, Any]]) -> bool:
    """Count one gold role (``side`` "gold") or one svodka role ("pred") in ``groups``, matched
    when any of ``roles`` matches any of ``gold``; whether it matched leniently."""
    hits = {level: any(_role_hits(r, gold)[level] for r in roles) for level in ("lenient", "strict")}
    for group in groups:
        tally[(group, side)] += 1
        for level, hit in hits.items():
            tally[(group, f"{level}_{side}")] += hit
    return hits["lenient"]


def evaluate_wikinews_roles(path: str | Path, models: Models, gold_file: Path = ROLES_GOLD) -> dict[str, Any]:
    """Persons' roles against the team's blind gold on wikinews-ru.

    The gold lists, for each annotated article, every named person the text gives a role and
    every such role (a span of the text). A svodka PER entity stands for the gold person whose
    name spans it overlaps most; its roles are compared by head noun (lenient) and by the
    lemmas of every word (strict) with that person's gold roles. The annotation is exhaustive
    per article, so a role of an entity that stands for no gold person counts as false.
    Recall is also given per kind (apposition, predicate, other) and per half.
    """
    problems: list[str] = []
    gold = read_gold(gold_file)
    texts = _texts(gold, texts_of(Path(path)), problems)
    parse = models.parse
    started = time.perf_counter()
    tally: Counter = Counter()
    examples: dict[str, list] = {"misses": [], "false": []}
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for person in gold:
        if person["doc"] in texts:
            by_doc.setdefault(person["doc"], []).append(person)
    for doc, people in by_doc.items():
        text = texts[doc]
        spans = [(s, e, h) for p in people for s, e, h in p["person"]] + [(r["start"], r["end"], r["sha"]) for p in people for r in p["roles"]]
        if any(_stale(text, s, e, h) for s, e, h in spans):
            problems.append(f"{doc}: the text changed under the gold")
            continue
        _score_roles_doc(doc, people, text, analysed_texts([text], models, [doc])[0], parse, tally, examples)
    groups = sorted({group for group, _ in tally}, key=lambda x: (x != "all", x))
    scores = {}
    for group in groups:
        scores[group] = {"gold": tally[(group, "gold")], "pred": tally[(group, "pred")]}
        for level in ("lenient", "strict"):
            scores[group][level] = prf(tally[(group, f"{level}_pred")], tally[(group, "pred")], tally[(group, "gold")], tp_gold=tally[(group, f"{level}_gold")])
    return {
        "path": str(path),
        "gold_file": str(gold_file),
        "documents": len(by_doc),
        "persons": sum(len(p) for p in by_doc.values()),
        "seconds": time.perf_counter() - started,
        "groups": scores,
        **examples,
        "problems": problems,
    }


def format_wikinews_roles_report(result: dict[str, Any]) -> str:
    lines = [
        f"person roles on {result['path']}: {result['persons']} gold persons in {result['documents']} documents"
        f" ({result['gold_file']}), {result['seconds']:.1f} s",
        f"  {'group':<11} {'gold':>5} {'svodka':>7}   {'lenient P':>9} {'R':>6} {'F1':>6}   {'strict P':>8} {'R':>6} {'F1':>6}",
    ]
    for group, s in result["groups"].items():
        le, st = s["lenient"], s["strict"]

        def cell(value: float, width: int) -> str:
            return f"{value:>{width}.3f}" if s["pred"] else " " * width  # no svodka roles per kind

        lines.append(
            f"  {group:<11} {s['gold']:>5} {s['pred'] or '':>7}   {cell(le['precision'], 9)} {le['recall']:>6.3f} {cell(le['f1'], 6)}"
            f"   {cell(st['precision'], 8)} {st['recall']:>6.3f} {cell(st['f1'], 6)}"
        )
    for key, title in (("misses", "missed gold roles"), ("false", "svodka roles not in gold")):
        if result[key]:
            lines.append(f"  {title}, dev half ({len(result[key])}; the held-out half is scored, not shown):")
            for x in result[key][:REPORT_EXAMPLES]:
                if key == "misses":
                    lines.append(f"    {x['doc']:<9} {x['kind'] or '':<10} {x['gold']!r:<40} svodka: {x['roles']}")
                else:
                    lines.append(f"    {x['doc']:<9} {x['person']!r:<28} {x['role']!r:<40} gold: {x['gold']}")
    for problem in result["problems"][:5]:
        lines.append(f"  problem: {problem}")
    return "\n".join(lines)
