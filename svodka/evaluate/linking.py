"""Cross-article entity linking on the team's blind gold (issue 14): B-cubed of mentions.

The gold (``tests/gold/linking/wikinews.jsonl``) holds every name mention of 164 wikinews-ru
articles chosen for the people, bodies and places they share: ``doc``, ``start``, ``end``,
``sha`` (hash of the span), ``type`` and ``entity`` (a hash of the annotators' id of the
real-world entity: the same person in two articles has one id).

The evaluation does what a user does: it analyses the raw texts (no cleaning, so the
offsets hold; the date on the second line, when there is one, is the article's date),
ingests them into a fresh SQLite archive in document order, and reads back which corpus
entity each mention went to. A gold mention takes the corpus entity of the svodka mention
with the same span, else of the one overlapping it most (a name mention before any other);
a mention svodka missed is a cluster of its own. B-cubed precision and recall are averaged
over gold mentions, for all documents, the dev part and the held-out part (``split_of``);
examples of splits and wrong merges are listed from the dev part only.

The baseline joins mentions across articles by exact name only: article entities with the same
type and the same normalised base form are one entity (what matching names as strings gives).
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..model import Document
from ..nlp.models import Models
from .wikinews import GOLD, REPORT_EXAMPLES, _stale, _texts, read_gold, split_of, texts_of

__all__ = ["LINKING_GOLD", "evaluate_linking", "format_linking_report", "b_cubed"]

LINKING_GOLD = GOLD / "linking" / "wikinews.jsonl"


def b_cubed(gold: dict[Any, Any], system: dict[Any, Any], among: list[Any] | None = None) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``system`` clusters against ``gold`` (item -> cluster).

    Clusters are formed over all items; the averages are over ``among`` (default: all).
    """
    g_members: dict[Any, set] = defaultdict(set)
    s_members: dict[Any, set] = defaultdict(set)
    for item, c in gold.items():
        g_members[c].add(item)
    for item, c in system.items():
        s_members[c].add(item)
    items = list(gold) if among is None else among
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "mentions": 0}
    p = r = 0.0
    for item in items:
        g, s = g_members[gold[item]], s_members[system[item]]
        common = len(g & s)
        p += common / len(s)
        r += common / len(g)
    p, r = p / len(items), r / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "mentions": len(items)}


def _date_line(text: str) -> str | None:
    """The article's date when its second line is one ("05/08/2008 10:35")."""
    from ..clean._dates import parse_date

    lines = text.split("\n", 3)
    line = lines[2] if len(lines) > 2 and not lines[1].strip() else (lines[1] if len(lines) > 1 else "")
    line = line.strip()
    if not line or len(line) > 40:
        return None
    return parse_date(line)


def _system_mentions(article: Any, links: dict[str, int]) -> list[tuple[int, int, bool, int | None, str]]:
    """(start, end, is a name, corpus entity id, normalised base form + type) of every mention."""
    out = []
    for e in article.entities:
        base = f"{e.type}:{' '.join(e.name.lower().replace('ё', 'е').split())}"
        for m in e.mentions:
            out.append((m.start, m.end, m.kind == "name", links.get(e.id), base))
    return out


def _match(g: dict[str, Any], mentions: list[tuple]) -> tuple | None:
    """The svodka mention a gold mention is: the same span, else the biggest overlap (names first)."""
    best, best_key = None, None
    for m in mentions:
        overlap = min(m[1], g["end"]) - max(m[0], g["start"])
        if overlap <= 0:
            continue
        key = ((m[0], m[1]) == (g["start"], g["end"]), m[2], overlap)
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best


def evaluate_linking(path: str | Path, models: Models, gold_file: Path = LINKING_GOLD, db: str | None = None) -> dict[str, Any]:
    """Ingest the gold's documents into a fresh archive and score mentions -> corpus entities.

    Args:
        path: the wikinews-ru folder (or its ``texts``).
        models: loaded models.
        gold_file: the gold (default ``tests/gold/linking/wikinews.jsonl``).
        db: the archive to build (default: a temporary SQLite file, removed after).

    Returns:
        dict with ``all``/``dev``/``heldout`` B-cubed (precision, recall, f1, mentions), the
        ``baseline`` (same base form) likewise, counts, ``missed`` (gold mentions svodka did
        not find), ``splits``/``merges`` (dev examples) and ``problems``.
    """
    from ..pipeline import pipe, prepare
    from ..store import open_store

    started = time.perf_counter()
    gold = read_gold(Path(gold_file))
    problems: list[str] = []
    texts = _texts(gold, texts_of(Path(path)), problems)
    docs = sorted(texts)
    articles = []
    for doc in docs:
        article = prepare(Document(text=texts[doc], path=doc, url=f"wikinews:{doc}"), no_clean=True, published=_date_line(texts[doc]))
        articles.append(article)
    analysed = list(pipe(articles, models, on_error=lambda a, exc: problems.append(f"{a.path}: {exc}")))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db or str(Path(tmp) / "linking.db"))
        try:
            result = store.add_articles(analysed)
            if result.duplicates:
                problems.append(f"{result.duplicates} documents are copies of others: their mentions are scored as the copies'")
            ids = {url: aid for aid, url in store.db.execute("SELECT id, url FROM articles")}
            stored = {a.path: store.article(ids[a.url]) for a in analysed if a.url in ids}
            names = {eid: name for eid, name in store.db.execute("SELECT id, name FROM entities")}
        finally:
            store.close()
    gold_of, system_of, baseline_of = {}, {}, {}
    missed = 0
    by_doc: dict[str, list[tuple]] = {}
    for doc, article in stored.items():
        by_doc[doc] = _system_mentions(article, article.extras.get("store", {}).get("entities", {}))
    for i, g in enumerate(gold):
        doc = g["doc"]
        if doc not in by_doc:
            continue
        if _stale(texts[doc], g["start"], g["end"], g["sha"]):
            problems.append(f"{doc}: gold span {g['start']}-{g['end']} no longer matches the text")
            continue
        gold_of[i] = g["entity"]
        m = _match(g, by_doc[doc])
        if m is None or m[3] is None:
            missed += 1
            system_of[i] = baseline_of[i] = ("missed", i)
        else:
            system_of[i], baseline_of[i] = m[3], m[4]
    dev = [i for i in gold_of if split_of(gold[i]["doc"]) == "dev"]
    held = [i for i in gold_of if split_of(gold[i]["doc"]) == "heldout"]
    out: dict[str, Any] = {
        "all": b_cubed(gold_of, system_of),
        "dev": b_cubed(gold_of, system_of, dev),
        "heldout": b_cubed(gold_of, system_of, held),
        "baseline": b_cubed(gold_of, baseline_of),
        "baseline_heldout": b_cubed(gold_of, baseline_of, held),
        "documents": len(stored),
        "mentions": len(gold_of),
        "entities": len(set(gold_of.values())),
        "missed": missed,
        "problems": problems,
    }
    out.update(_examples(gold, gold_of, system_of, dev, names, texts))
    out["seconds"] = time.perf_counter() - started
    return out


def _examples(gold: list[dict], gold_of: dict, system_of: dict, dev: list[int], names: dict[int, str], texts: dict[str, str]) -> dict[str, Any]:
    """Most-split gold entities and most-mixed corpus entities (dev part only), and the worst split overall as a number."""
    clusters: dict[str, Counter] = defaultdict(Counter)
    for i, e in gold_of.items():
        if not isinstance(system_of[i], tuple):
            clusters[e][system_of[i]] += 1
    worst = max(clusters.values(), key=lambda c: (sum(c.values()), len(c)), default=Counter())
    dev_set = set(dev)
    spelled = lambda i: texts[gold[i]["doc"]][gold[i]["start"] : gold[i]["end"]]  # noqa: E731
    split_rows = []
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i in dev:
        by_gold[gold_of[i]].append(i)
    for e, items in by_gold.items():
        parts = Counter(system_of[i] for i in items if not isinstance(system_of[i], tuple))
        if len(parts) > 1:
            split_rows.append((len(items), [f"{names.get(s, s)} ×{n}" for s, n in parts.most_common(6)], spelled(items[0])))
    split_rows.sort(key=lambda r: -r[0])
    by_system: dict[Any, set] = defaultdict(set)
    for i in dev:
        if not isinstance(system_of[i], tuple):
            by_system[system_of[i]].add(gold_of[i])
    merge_rows = []
    for s, ents in by_system.items():
        if len(ents) > 1:
            forms = sorted({spelled(i) for i in dev_set if system_of[i] == s})[:6]
            merge_rows.append((len(ents), names.get(s, str(s)), forms))
    merge_rows.sort(key=lambda r: -r[0])
    return {
        "most_mentioned_split": {"mentions": sum(worst.values()), "corpus_entities": len(worst)},
        "splits": [{"mentions": n, "parts": parts, "example": ex} for n, parts, ex in split_rows[:REPORT_EXAMPLES]],
        "merges": [{"gold_entities": n, "corpus_entity": name, "forms": forms} for n, name, forms in merge_rows[:REPORT_EXAMPLES]],
    }


def format_linking_report(result: dict[str, Any]) -> str:
    """The evaluation as text."""
    f = lambda s: f"P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  ({s['mentions']} mentions)"  # noqa: E731
    lines = [
        f"Cross-article linking, B-cubed over gold mentions: {result['documents']} articles, {result['mentions']} mentions of {result['entities']} entities",
        f"  all       {f(result['all'])}",
        f"  dev       {f(result['dev'])}",
        f"  held-out  {f(result['heldout'])}",
        f"  baseline (same base form and type): all {f(result['baseline'])}; held-out F1 {result['baseline_heldout']['f1']:.3f}",
        f"  gold mentions svodka did not find: {result['missed']}",
        f"  the most-mentioned entity: {result['most_mentioned_split']['mentions']} mentions in {result['most_mentioned_split']['corpus_entities']} corpus entities",
    ]
    if result["splits"]:
        lines.append("split entities (dev): mentions, corpus entities they went to")
        lines += [f"  {s['mentions']:>3}  «{s['example']}»: " + "; ".join(s["parts"]) for s in result["splits"]]
    if result["merges"]:
        lines.append("corpus entities holding several real ones (dev):")
        lines += [f"  {m['gold_entities']} in «{m['corpus_entity']}»: " + ", ".join(m["forms"]) for m in result["merges"]]
    for p in result["problems"]:
        lines.append(f"problem: {p}")
    lines.append(f"({result['seconds']:.1f} s)")
    return "\n".join(lines)
