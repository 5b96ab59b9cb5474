"""The analyst's corrections of corpus entities, kept as names so that re-linking keeps them.

Three actions, each one ``entity_corrections`` row (schema v9):

* ``merge``: every name of entity B means entity A: one row per alias of B, ``name`` the
  alias, ``target`` A's name.
* ``alias``: the name ``name`` means the entity named ``target``.
* ``split``: the name ``name`` stands apart: mentions by it make an entity of their own,
  whatever the surname or the keys say (``target`` NULL).

Rows are stored by name, never by id: ids change when the archive is linked again, names do
not. The linker (``corpus.Linker``) reads ``Corrections`` and rewrites an article entity
before it links it: a joined name links as its target would, a name apart links to its own.
A later correction of the same name replaces an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .search import WORD_RE, normalize_word

__all__ = ["Corrections", "form_key"]


def form_key(name: str) -> str:
    """A name as typed or as an alias, compared: its words lowercased, ё folded, space-joined."""
    return " ".join(normalize_word(w) for w in WORD_RE.findall(name))


@dataclass
class Corrections:
    """The corrections in force: joined names (form key -> target name) and names apart."""

    joins: dict[str, str] = field(default_factory=dict)
    apart: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.joins or self.apart)

    @classmethod
    def load(cls, cur: Any) -> "Corrections":
        """The corrections stored in the archive, later rows overriding earlier ones."""
        out = cls()
        cur.execute("SELECT action, name, target FROM entity_corrections ORDER BY id")
        for action, name, target in cur.fetchall():
            key = form_key(name)
            if not key:
                continue
            out.joins.pop(key, None)
            out.apart.discard(key)
            if action == "split":
                out.apart.add(key)
            elif target and form_key(target) != key:
                out.joins[key] = target
        return out
