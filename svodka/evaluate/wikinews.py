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
from pathlib import Path

__all__ = ["TEXTS", "form_key", "span_hash", "split_of"]

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
