"""Loader for the factRuEval-2016 layout (``book_N.txt`` plus ``.spans/.objects/.coref/.facts``).

A folder holds one family of files per document; offsets are characters of ``book_N.txt``.

- ``.spans``: ``span_id type start length first_token n_tokens # text``
- ``.objects``: ``object_id Type span_id ... # text`` (Person, Org, Location, LocOrg, ...)
- ``.coref``: blank-line separated groups, a header ``group_id object_id ...`` then
  ``key value`` lines (``firstname``, ``lastname``, ``patronymic``, ``name``, ...)
- ``.facts``: blank-line separated facts, a header ``fact_id Kind`` then ``Role ref text`` lines;
  ``objN`` refers to a coref group, ``spanN`` to a span.

Gold NER spans follow the scoring convention of ``../shared/eval/README.md`` (the one the
published Russian NER tables use): a Person object's whole extent is PER; each ``org_name``
span inside an Org object is ORG; each ``loc_name`` span inside a Location or LocOrg object is
LOC; where gold spans overlap, the earlier (then the longer) one is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FactruDoc", "load_factru", "load_factru_doc"]

# Object types whose spans give gold spans, and which span types count (None: the whole object).
GOLD_RULES: dict[str, tuple[str, str | None]] = {
    "Person": ("PER", None),
    "Org": ("ORG", "org_name"),
    "Location": ("LOC", "loc_name"),
    "LocOrg": ("LOC", "loc_name"),
}


@dataclass
class FactruDoc:
    """One factRuEval document with its gold annotations.

    ``spans``: gold NER spans ``(start, end, type)`` per the scoring convention, sorted.
    ``persons``: coref groups of persons: ``{"first", "middle", "last", "spans": [(start, end)]}``
    (``spans`` are the extents of the group's Person objects).
    ``occupations``: Occupation facts: ``{"who_spans", "who_text", "position_text",
    "position_span", "where_text", "where_spans"}`` plus ``"<part>_alternatives"`` (all texts
    the gold gives, ``"a | b"`` split; ``*_text`` is the first); missing parts are ``None``/``[]``.
    ``objects``: every object: ``{"id", "type", "spans": [(start, end, span_type)]}``.
    """

    name: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    occupations: list[dict[str, Any]] = field(default_factory=list)
    objects: list[dict[str, Any]] = field(default_factory=list)


def _read(path: Path) -> str:
    """Read a file as UTF-8 keeping every character (offsets count them all)."""
    if not path.exists():
        return ""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _blocks(text: str) -> list[list[str]]:
    """Split a ``.coref``/``.facts`` file into blank-line separated groups of lines."""
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Keep the earlier (then longer) of overlapping spans, as the scoring convention says."""
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]), s[2])):
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end, kind))
    return kept


def _read_spans(path: Path) -> dict[str, tuple[int, int, str]]:
    """The ``.spans`` file: span id -> ``(start, end, span_type)``."""
    spans: dict[str, tuple[int, int, str]] = {}
    for line in _read(path).splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 4:
            start, length = int(parts[2]), int(parts[3])
            spans[parts[0]] = (start, start + length, parts[1])
    return spans


def _read_objects(path: Path, spans: dict[str, tuple[int, int, str]]) -> dict[str, dict[str, Any]]:
    """The ``.objects`` file: object id -> ``{"id", "type", "spans"}`` with the spans resolved and sorted."""
    objects: dict[str, dict[str, Any]] = {}
    for line in _read(path).splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            objects[parts[0]] = {
                "id": parts[0],
                "type": parts[1],
                "spans": sorted(spans[s] for s in parts[2:] if s in spans),
            }
    return objects


def _gold_spans(objects: dict[str, dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Gold NER spans of the objects per ``GOLD_RULES`` (overlaps not yet dropped)."""
    gold: list[tuple[int, int, str]] = []
    for obj in objects.values():
        rule = GOLD_RULES.get(obj["type"])
        if not rule or not obj["spans"]:
            continue
        label, span_type = rule
        if span_type is None:
            gold.append((min(s[0] for s in obj["spans"]), max(s[1] for s in obj["spans"]), label))
        else:
            gold.extend((s, e, label) for s, e, t in obj["spans"] if t == span_type)
    return gold


def _extent(objects: dict[str, dict[str, Any]], obj_id: str) -> tuple[int, int] | None:
    """The ``(start, end)`` an object covers, or None for an unknown or empty object."""
    obj = objects.get(obj_id)
    if not obj or not obj["spans"]:
        return None
    return min(s[0] for s in obj["spans"]), max(s[1] for s in obj["spans"])


def _coref_person(keys: dict[str, str], members: list[str], objects: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The person a coref group names (a Person member and a first or last name), or None."""
    is_person = any(objects.get(m, {}).get("type") == "Person" for m in members)
    if not (is_person and ("firstname" in keys or "lastname" in keys)):
        return None
    person_spans = sorted(
        {x for m in members if objects.get(m, {}).get("type") == "Person" for x in [_extent(objects, m)] if x}
    )
    return {
        "first": keys.get("firstname"),
        "middle": keys.get("patronymic"),
        "last": keys.get("lastname"),
        "spans": person_spans,
    }


def _read_coref(path: Path, objects: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The ``.coref`` file: the groups by id (``keys``, ``members``, ``spans``) and the persons among them."""
    groups: dict[str, dict[str, Any]] = {}
    persons: list[dict[str, Any]] = []
    for block in _blocks(_read(path)):
        header = block[0].split()
        members = header[1:]
        keys: dict[str, str] = {}
        for line in block[1:]:
            key, _, value = line.partition(" ")
            keys.setdefault(key, value.strip())
        extents = sorted({x for x in (_extent(objects, m) for m in members) if x})
        groups[header[0]] = {"keys": keys, "members": members, "spans": extents}
        person = _coref_person(keys, members, objects)
        if person is not None:
            persons.append(person)
    return groups, persons


def _alternatives(rest: str) -> list[str]:
    """The texts of a fact argument: ``"text | spanN other text | other"``, each ref dropped."""
    alternatives = [re.sub(r"^(?:obj|span)\d+\s+", "", alt.strip()) for alt in rest.split(" | ")]
    return [a for a in alternatives if a]


def _occupation(block: list[str], groups: dict[str, dict[str, Any]], spans: dict[str, tuple[int, int, str]]) -> dict[str, Any]:
    """One Occupation fact: the first Who, Position and Where arguments with their texts and offsets."""
    fact: dict[str, Any] = {
        "who_spans": [],
        "who_text": None,
        "position_text": None,
        "position_span": None,
        "where_text": None,
        "where_spans": [],
        "who_alternatives": [],
        "position_alternatives": [],
        "where_alternatives": [],
    }
    for line in block[1:]:
        parts = line.split(None, 2)
        if len(parts) < 2:
            continue
        role, ref = parts[0], parts[1]
        # "text | spanN other text | other": alternatives, each may carry its own ref.
        alternatives = _alternatives(parts[2] if len(parts) > 2 else "")
        value = alternatives[0] if alternatives else None
        target = _resolve(ref, groups, spans)
        key = role.lower()
        if role in ("Who", "Position", "Where") and fact[f"{key}_text"] is None:
            fact[f"{key}_text"] = value
            fact[f"{key}_alternatives"] = alternatives
            if role == "Position":
                fact["position_span"] = target[0] if target else None
            else:
                fact[f"{key}_spans"] = target
    return fact


def _read_occupations(
    path: Path, groups: dict[str, dict[str, Any]], spans: dict[str, tuple[int, int, str]]
) -> list[dict[str, Any]]:
    """The Occupation facts of a ``.facts`` file, in file order."""
    occupations: list[dict[str, Any]] = []
    for block in _blocks(_read(path)):
        header = block[0].split()
        if len(header) < 2 or header[1] != "Occupation":
            continue
        occupations.append(_occupation(block, groups, spans))
    return occupations


def load_factru_doc(txt_path: str | Path) -> FactruDoc:
    """Load one document given its ``book_N.txt`` path."""
    txt_path = Path(txt_path)
    base = txt_path.with_suffix("")
    text = _read(txt_path)
    spans = _read_spans(base.with_suffix(".spans"))
    objects = _read_objects(base.with_suffix(".objects"), spans)
    groups, persons = _read_coref(base.with_suffix(".coref"), objects)
    occupations = _read_occupations(base.with_suffix(".facts"), groups, spans)
    return FactruDoc(
        name=txt_path.stem,
        text=text,
        spans=_drop_overlaps(_gold_spans(objects)),
        persons=persons,
        occupations=occupations,
        objects=list(objects.values()),
    )


def _resolve(ref: str, groups: dict[str, dict[str, Any]], spans: dict[str, tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Offsets a fact argument points to: a coref group's object extents or one span."""
    match = re.fullmatch(r"(obj|span)(\d+)", ref)
    if not match:
        return []
    if match.group(1) == "obj":
        group = groups.get(match.group(2))
        return list(group["spans"]) if group else []
    span = spans.get(match.group(2))
    return [(span[0], span[1])] if span else []


def load_factru(directory: str | Path) -> list[FactruDoc]:
    """Load every ``book_N`` document of a factRuEval folder, in numeric order.

    Args:
        directory: a folder such as ``../shared/eval/factru-dev/devset``.
    Returns:
        The documents; an empty list when the folder holds none.
    """
    directory = Path(directory)

    def number(path: Path) -> tuple[int, str]:
        digits = re.sub(r"\D", "", path.stem)
        return (int(digits) if digits else 0, path.stem)

    return [load_factru_doc(p) for p in sorted(directory.glob("*.txt"), key=number)]
