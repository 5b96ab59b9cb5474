"""Statements on real news (issue 15): the team's blind gold on ``../shared/eval/wikinews-ru``.

The gold (``tests/gold/statements/wikinews.jsonl``, made by ``scripts/wikinews_gold.py
statements``) holds every statement of 150 articles as offsets plus hashes: ``kind`` (direct:
the quoted words inside the marks; indirect: the reported clause), ``speaker`` (hashes of the
acceptable names, ``form_key``; the fullest name the article gives first), ``speaker_last``
(the key of that name's last word), ``speaker_kind`` (person, organisation, outlet, state,
group), ``cue`` and ``via`` (the relaying outlet's acceptable names, or null). An article with
no statement has one line ``{"doc", "none": true}``.

The texts are analysed as they are (no cleaning: the offsets hold). Scoring, per kind, as
``svodka eval quotes`` scores the team's gold: a statement svodka found matches a gold one of
the same kind when their spans overlap by half the longer one or one's normalised text
contains the other's. On matched statements: the speaker is right when its name is one of the
gold names, or, for a person, when its last word is the gold name's last word (a surname alone
names the person); ``via`` is scored on the matched statements whose gold has a relaying
outlet (and svodka's vias where the gold has none are counted apart). The held-out third
(``split_of``) is scored in every run; errors are listed from the dev part only.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..model import Document
from ..nlp._lexicon import QUOTE_MARKS
from ..nlp.models import Models
from ._private import prf
from .quotes import KINDS, _contains, _overlaps
from .wikinews import GOLD, REPORT_EXAMPLES, _stale, _texts, form_key, read_gold, split_of, texts_of

__all__ = ["STATEMENTS_GOLD", "evaluate_statements", "format_statements_report"]

STATEMENTS_GOLD = GOLD / "statements" / "wikinews.jsonl"


def _matches(q: Any, g: dict[str, Any], text: str) -> bool:
    """The team gold's rule (``quotes``): spans overlapping by half the longer, or one text containing the other."""
    return _overlaps((q.start, q.end), (g["start"], g["end"])) or _contains(q.text, text[g["start"] : g["end"]])


# A possessive before a description in lower case ("его адвокат", "Её владельцы", "мой кузен";
# not a name: "Наша Украина", "Наше радио").
_POSSESSIVE_PHRASE = re.compile(r"\b(?i:его|её|ее|их|мо[йяеёи]|сво[йяеёи])\s+([а-яё][\w-]*(?:\s+[\w-]+){0,4})")


def name_keys(name: str) -> set[str]:
    """``form_key`` of a name as written, without the quotation marks around it and inside «»:
    marks around a title are typography, not part of the name (the gold kept them for some
    outlets, «КоммерсантЪ», and a reader's answer may or may not); a name quoted inside it
    counts with straight marks and with «» alike (the gold wrote either), and so do marks around
    the last words ("РИА «Новости»" is "РИА Новости"); a final hard sign is spelling
    ("Коммерсантъ" is "Коммерсант"); a possessive before a description is no part of its
    name ("его адвокат" is "адвокат": the gold wrote a relation both ways)."""
    bare = name.strip().strip(QUOTE_MARKS).strip()
    forms = {name, bare, f"«{bare}»"}
    # a possessive before a description is not part of its name ("его адвокат" is "адвокат")
    if m := _POSSESSIVE_PHRASE.match(bare):
        forms.add(bare[m.start(1) :])
    # a final hard sign is the old spelling a brand keeps ("Коммерсантъ"), inflected away in
    # "заявил «Коммерсанту»": the same name
    forms |= {f[:-1] if f[-1:] in "ъЪ" else f for f in forms if f}
    forms |= {f + "ъ" for f in forms if f[-1:].lower() in "бвгджзклмнпрстфхцчшщ"}
    # the name part of a name with a type word before it may be quoted ("РИА «Новости»",
    # "агентство «Вести Юга»"): marks around the last words are typography too
    words = bare.split()
    if 2 <= len(words) <= 4:
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            forms |= {f"{head} «{tail}»", f'{head} "{tail}"'}
    # the marks inside a name are typography too: «собеседник "Коммерсанта"» is «собеседник «Коммерсанта»»
    forms |= {re.sub(r'"([^"]*)"', r"«\1»", f) for f in forms} | {re.sub("[«»]", '"', f) for f in forms}
    return {form_key(f) for f in forms}


def speaker_right(q: Any, g: dict[str, Any]) -> bool:
    """The speaker svodka gave is one the gold accepts (see the module docstring)."""
    name = q.speaker.name if q.speaker else None
    if not name or not g.get("speaker"):
        return False
    if name_keys(name) & set(g["speaker"]):
        return True
    return g.get("speaker_kind") == "person" and q.speaker.type == "PER" and form_key(name.split()[-1]) == g.get("speaker_last")


def _tally() -> dict[str, Counter]:
    return {k: Counter() for k in ("all", "dev", "heldout")}


def _gold_by_doc(gold: list[dict[str, Any]], texts: dict[str, str], problems: list[str]) -> dict[str, list[dict]]:
    """The gold statements of each article, those whose span no longer matches the text left out (and noted)."""
    by_doc: dict[str, list[dict]] = {}
    for g in gold:
        by_doc.setdefault(g["doc"], [])
        if not g.get("none"):
            if _stale(texts.get(g["doc"], ""), g["start"], g["end"], g["sha"]):
                problems.append(f"{g['doc']}: gold span {g['start']}-{g['end']} no longer matches the text")
                continue
            by_doc[g["doc"]].append(g)
    for doc, golds in by_doc.items():
        bare = _possessive_forms(texts.get(doc, ""))
        for n, g in enumerate(golds):
            if g.get("speaker"):
                golds[n] = {**g, "speaker": list(g["speaker"]) + [bare[k] for k in g["speaker"] if k in bare]}
    return by_doc


def _possessive_forms(text: str) -> dict[str, str]:
    """``form_key`` of each possessive phrase of a text -> the key of the phrase without its
    possessive: the gold wrote a relation both ways ("Его отец", "адвокат"), and a possessive
    names nobody out of its sentence; the scorer takes either as the same name."""
    out = {}
    for m in _POSSESSIVE_PHRASE.finditer(text):
        words = m.group(1).split()
        for n in range(1, len(words) + 1):
            out[form_key(text[m.start() : m.start(1)] + " ".join(words[:n]))] = form_key(" ".join(words[:n]))
    return out


class _Score:
    """The running counts of one evaluation: statements per kind, speakers and vias per part, dev examples."""

    def __init__(self) -> None:
        self.counts = {part: {k: Counter() for k in KINDS} for part in ("all", "dev", "heldout")}
        self.speakers = _tally()
        self.vias = _tally()
        self.examples: dict[str, list] = {"misses": [], "false": [], "wrong_speaker": [], "wrong_via": []}

    def article(self, doc: str, golds: list[dict], article: Any, text: str) -> None:
        """Match one article's statements to its gold and count them."""
        parts = ("all", split_of(doc))
        dev = parts[1] == "dev"
        used: set[int] = set()
        for g in golds:
            for part in parts:
                self.counts[part][g["kind"]]["gold"] += 1
        for q in article.quotes:
            kind = q.kind if q.kind in KINDS else "indirect"
            for part in parts:
                self.counts[part][kind]["pred"] += 1
            hit = next((i for i, g in enumerate(golds) if i not in used and g["kind"] == kind and _matches(q, g, text)), None)
            if hit is None:
                if dev:
                    self.examples["false"].append((doc, kind, q.text, q.speaker.name if q.speaker else None))
                continue
            used.add(hit)
            self.matched(doc, parts, kind, q, golds[hit], text)
        if dev:
            self.examples["misses"] += [(doc, g["kind"], text[g["start"] : g["end"]], None) for i, g in enumerate(golds) if i not in used]

    def matched(self, doc: str, parts: tuple[str, str], kind: str, q: Any, g: dict[str, Any], text: str) -> None:
        """Count a statement svodka found that matches the gold statement ``g``: its speaker and via."""
        ok = speaker_right(q, g)
        via_ok = bool(q.via) and bool(name_keys(q.via) & set(g["via"])) if g.get("via") else False
        for part in parts:
            self.counts[part][kind]["tp"] += 1
            self.speakers[part]["matched"] += 1
            self.speakers[part][f"ok:{g.get('speaker_kind')}"] += ok
            self.speakers[part][f"n:{g.get('speaker_kind')}"] += 1
            self.speakers[part]["ok"] += ok
            if g.get("via"):
                self.vias[part]["gold"] += 1
                self.vias[part]["ok"] += via_ok
            elif q.via:
                self.vias[part]["extra"] += 1
        if parts[1] == "dev" and not ok:
            self.examples["wrong_speaker"].append((doc, kind, text[g["start"] : g["end"]], q.speaker.name if q.speaker else None))
        if parts[1] == "dev" and g.get("via") and not via_ok:
            self.examples["wrong_via"].append((doc, kind, text[g["start"] : g["end"]], q.via))

    def result(self, part: str) -> dict[str, Any]:
        """The scores of one part (``all``, ``dev`` or ``heldout``)."""
        c = self.counts[part]
        result: dict[str, Any] = {k: {**prf(c[k]["tp"], c[k]["pred"], c[k]["gold"]), "tp": c[k]["tp"], "pred": c[k]["pred"], "gold": c[k]["gold"]} for k in KINDS}
        sp = self.speakers[part]
        result["speaker_accuracy"] = sp["ok"] / sp["matched"] if sp["matched"] else 0.0
        result["speaker_by_kind"] = {k[2:]: (sp[f"ok:{k[2:]}"] / n if n else 0.0, n) for k, n in sp.items() if k.startswith("n:")}
        vp = self.vias[part]
        result["via"] = vp["ok"] / vp["gold"] if vp["gold"] else 0.0
        result["via_gold"] = vp["gold"]
        result["via_extra"] = vp["extra"]
        return result


def evaluate_statements(path: str | Path, models: Models, gold_file: Path = STATEMENTS_GOLD) -> dict[str, Any]:
    """Analyse the gold's articles and score statements, speakers and vias (see the module docstring).

    Returns:
        dict with, for ``all``/``dev``/``heldout``: ``direct`` and ``indirect`` P/R/F1,
        ``speaker_accuracy``, ``speaker_by_kind``, ``via`` (accuracy where the gold has one)
        and ``via_extra``; ``statements``, ``documents``, examples of misses, false alarms and
        wrong speakers (dev), and ``problems``.
    """
    from ..pipeline import pipe, prepare

    started = time.perf_counter()
    gold = read_gold(Path(gold_file))
    problems: list[str] = []
    texts = _texts(gold, texts_of(Path(path)), problems)
    docs = sorted(texts)
    prepared = [prepare(Document(text=texts[d], path=d), no_clean=True) for d in docs]
    analysed = {a.path: a for a in pipe(prepared, models, on_error=lambda a, exc: problems.append(f"{a.path}: {exc}"))}
    by_doc = _gold_by_doc(gold, texts, problems)
    score = _Score()
    for doc, golds in by_doc.items():
        article = analysed.get(doc)
        if article is not None:
            score.article(doc, golds, article, texts[doc])
    out: dict[str, Any] = {"problems": problems, "documents": len(analysed), "statements": sum(len(v) for v in by_doc.values())}
    for part in ("all", "dev", "heldout"):
        out[part] = score.result(part)
    out["examples"] = {k: v[:REPORT_EXAMPLES] for k, v in score.examples.items()}
    out["dev_errors"] = score.examples  # every dev error, for --json
    out["seconds"] = time.perf_counter() - started
    return out


def format_statements_report(result: dict[str, Any]) -> str:
    """The evaluation as text."""
    lines = [f"Statements on real news (wikinews-ru, the team's blind gold): {result['documents']} articles, {result['statements']} statements"]
    for part, label in (("all", "all"), ("dev", "dev"), ("heldout", "held-out")):
        r = result[part]
        kinds = "  ".join(f"{k} P/R/F1 {r[k]['precision']:.3f}/{r[k]['recall']:.3f}/{r[k]['f1']:.3f} (gold {r[k]['gold']})" for k in KINDS)
        lines.append(f"  {label:<9} {kinds}  speaker {r['speaker_accuracy']:.3f}  via {r['via']:.3f} of {r['via_gold']} (+{r['via_extra']} not in gold)")
    by_kind = result["all"]["speaker_by_kind"]
    lines.append("  speaker accuracy by the gold speaker's kind: " + ", ".join(f"{k} {a:.2f} ({n})" for k, (a, n) in sorted(by_kind.items(), key=lambda kv: -kv[1][1])))
    for key, label in (("misses", "missed"), ("false", "false alarm"), ("wrong_speaker", "wrong speaker"), ("wrong_via", "wrong via")):
        for doc, kind, text, who in result["examples"][key]:
            extra = f" -> {who!r}" if key != "misses" else ""
            lines.append(f"    {label:<13} [{doc}] {kind}: {text[:90]!r}{extra}")
    for p in result["problems"]:
        lines.append(f"problem: {p}")
    lines.append(f"({result['seconds']:.1f} s)")
    return "\n".join(lines)
