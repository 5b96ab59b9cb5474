"""Turn a blind annotation of wikinews-ru texts into the project's gold (offsets + hashes).

Annotators write a working file outside the repository, with the text they read (issue 13):

    names: {"doc": "123.txt", "text": "Кира Стармера", "occurrence": "all", "type": "PER",
            "base": "Кир Стармер", "tags": ["foreign"]}
    roles: {"doc": "123.txt", "person": "Кир Стармер", "mentions": ["Кира Стармера", "Стармер"],
            "roles": [{"text": "премьер-министра Великобритании", "occurrence": 1, "kind": "apposition"}]}

``occurrence`` is 1-based, or "all" (the default) for every occurrence of the string as whole
words. This script finds the offsets in ``../shared/eval/wikinews-ru/texts`` and writes gold
that holds no text: each span as start/end plus a hash of the span, each base form as a hash of
its normalised spelling (``svodka.evaluate.wikinews.form_key``):

    .venv/bin/python scripts/wikinews_gold.py names WORK.jsonl [...] > tests/gold/names/wikinews.jsonl
    .venv/bin/python scripts/wikinews_gold.py roles WORK.jsonl [...] > tests/gold/roles/wikinews.jsonl
    .venv/bin/python scripts/wikinews_gold.py linking WORK.jsonl [...] > tests/gold/linking/wikinews.jsonl
    .venv/bin/python scripts/wikinews_gold.py statements WORK.jsonl [...] > tests/gold/statements/wikinews.jsonl

linking (issue 14), one line per (document, real-world entity), every spelling as written:

    {"doc": "123.txt", "id": "Владимир Путин", "type": "PER", "forms": ["Владимир Путин", "Путина"],
     "skip": [{"form": "Путина", "occurrence": 2}]}

Every whole-word occurrence of a form is a mention, longer forms first, never overlapping;
``skip`` leaves out the occurrences that are not mentions of that entity. The entity id is
kept as a hash of the normalised id (``entity_key``), after the cross-annotator spellings
of one entity in ``SAME_ENTITY`` are made one.

A string that is not in its document, or an occurrence past the last, is reported on stderr
and the line is skipped (exit 1 at the end).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from svodka.evaluate.wikinews import TEXTS, form_key, span_hash  # noqa: E402


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Offsets of ``needle`` in ``text`` as whole words (not inside a longer word)."""
    pattern = r"(?<![\w-])" + re.escape(needle) + r"(?![\w])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def spans(text: str, needle: str, occurrence: int | str, where: str, problems: list[str]) -> list[tuple[int, int]]:
    found = occurrences(text, needle)
    if not found:
        problems.append(f"{where}: {needle!r} not in the text")
        return []
    if occurrence in (None, "all"):
        return found
    if not 1 <= int(occurrence) <= len(found):
        problems.append(f"{where}: {needle!r} occurs {len(found)} times, not {occurrence}")
        return []
    return [found[int(occurrence) - 1]]


def names(records: list[dict], texts: Path, problems: list[str]) -> list[dict]:
    out: dict[tuple[str, int, int], dict] = {}
    for i, rec in enumerate(records):
        text = (texts / rec["doc"]).read_text(encoding="utf-8")
        for start, end in spans(text, rec["text"], rec.get("occurrence", "all"), f"{rec['doc']} line {i + 1}", problems):
            out[(rec["doc"], start, end)] = {
                "doc": rec["doc"], "start": start, "end": end, "sha": span_hash(text[start:end]),
                "type": rec["type"], "base": form_key(rec["base"]), "tags": sorted(rec.get("tags") or []),
            }
    return [out[k] for k in sorted(out)]


def roles(records: list[dict], texts: Path, problems: list[str]) -> list[dict]:
    out = []
    for i, rec in enumerate(records):
        text = (texts / rec["doc"]).read_text(encoding="utf-8")
        where = f"{rec['doc']} line {i + 1}"
        mentions = sorted({s for m in rec["mentions"] for s in spans(text, m, "all", where, problems)})
        person_roles = []
        for role in rec.get("roles") or []:
            for start, end in spans(text, role["text"], role.get("occurrence", 1), where, problems)[:1]:
                person_roles.append({"start": start, "end": end, "sha": span_hash(text[start:end]), "kind": role.get("kind", "other")})
        out.append({
            "doc": rec["doc"],
            "person": [[s, e, span_hash(text[s:e])] for s, e in mentions],
            "roles": person_roles,
        })
    return sorted(out, key=lambda r: (r["doc"], r["person"]))


# Ids two annotators spelled differently for one entity (normalised: lower case, ё = е).
SAME_ENTITY = {
    "администрация президента сша": "белый дом",
    "rt (телеканал)": "rt",
    "нью-йорк (город)": "нью-йорк",
    "джордж буш-младший": "джордж буш",
    "демократическая партия сша": "демократическая партия (сша)",
}


def entity_key(entity_id: str) -> str:
    """The gold's entity id: a hash of the annotator's id, normalised and reconciled."""
    key = " ".join(entity_id.lower().replace("ё", "е").split())
    key = SAME_ENTITY.get(key, key)
    return "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:11]


def linking(records: list[dict], texts: Path, problems: list[str]) -> list[dict]:
    by_doc: dict[str, list[dict]] = {}
    for rec in records:
        by_doc.setdefault(rec["doc"], []).append(rec)
    out = []
    for doc, recs in sorted(by_doc.items()):
        text = (texts / doc).read_text(encoding="utf-8")
        found = []
        for rec in recs:
            skips = {(s["form"], int(s["occurrence"])) for s in rec.get("skip") or []}
            for form in rec["forms"]:
                spans_ = occurrences(text, form)
                if not spans_:
                    problems.append(f"{doc}: {form!r} not in the text")
                found += [(s, e, rec) for i, (s, e) in enumerate(spans_, 1) if (form, i) not in skips]
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        taken: list[tuple[int, int]] = []
        for start, end, rec in found:
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            out.append({"doc": doc, "start": start, "end": end, "sha": span_hash(text[start:end]), "type": rec["type"], "entity": entity_key(rec["id"])})
    return sorted(out, key=lambda r: (r["doc"], r["start"]))


def statements(records: list[dict], texts: Path, problems: list[str]) -> list[dict]:
    """Statements (issue 15): span, kind, speaker names and kind, cue and via, as hashes.

    ``speaker`` is the list of acceptable names (``form_key`` each); ``speaker_last`` the key of
    the last word of the first name (a person's surname, for the lenient speaker match); a
    document with no statement keeps one line ``{"doc", "none": true}``.
    """
    out = []
    for i, rec in enumerate(records):
        text = (texts / rec["doc"]).read_text(encoding="utf-8")
        if rec.get("none"):
            out.append({"doc": rec["doc"], "none": True})
            continue
        where = f"{rec['doc']} line {i + 1}"
        for start, end in exact_spans(text, rec["text"], int(rec.get("occurrence", 1)), where, problems):
            names = [n for n in rec.get("speaker") or [] if n]
            via = rec.get("via")
            out.append({
                "doc": rec["doc"], "start": start, "end": end, "sha": span_hash(text[start:end]), "kind": rec["kind"],
                "speaker": [form_key(n) for n in names], "speaker_last": form_key(names[0].split()[-1]) if names else None,
                "speaker_kind": rec.get("speaker_kind"), "cue": form_key(rec.get("cue") or ""),
                "via": [form_key(v) for v in (via if isinstance(via, list) else [via])] if via else None,
            })
    return sorted(out, key=lambda r: (r["doc"], r.get("start", -1)))


def exact_spans(text: str, needle: str, occurrence: int, where: str, problems: list[str]) -> list[tuple[int, int]]:
    """Offsets of ``needle`` anywhere in ``text`` (statements need not start at a word)."""
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if len(found) < occurrence:
        problems.append(f"{where}: {needle[:60]!r} occurs {len(found)} times, not {occurrence}")
        return []
    return [found[occurrence - 1]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("layer", choices=["names", "roles", "linking", "statements"])
    parser.add_argument("work", nargs="+", type=Path)
    parser.add_argument("--texts", type=Path, default=TEXTS)
    args = parser.parse_args()
    records = [json.loads(line) for path in args.work for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    problems: list[str] = []
    gold = {"names": names, "roles": roles, "linking": linking, "statements": statements}[args.layer](records, args.texts, problems)
    for line in gold:
        print(json.dumps(line, ensure_ascii=False))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
