"""The single writer's state: what the writing modules share between batches.

The database object holds the connections and the write lock; the ``Writer`` next to it
holds what one writer keeps in memory while no other writer changes the archive: the
lemmatizer (with the lemma aliases it met and has not stored yet), corpus entities
(``corpus.EntityCache``), the LSH band index (``stories.BandIndex``) and the content-lemma
sets of story candidates. The caches are valid only for committed data, so a failed write
drops them (``forget``, hooked to the database's rollbacks).

The modules that write take it: ``ingest`` (articles, documents, rejected inputs),
``linking`` (corpus entities and quotes, deferred linking), ``stories`` (story assignment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .database import Database
from .prepare import Preparer
from .search import Lemmatizer

if TYPE_CHECKING:  # only for annotations: those modules import this one
    from .corpus import EntityCache
    from .stories import BandIndex, ContentWords

__all__ = ["Writer"]


@dataclass
class Writer:
    """The archive's one writer: its database and what it keeps between batches."""

    db: Database
    lemmatizer: Lemmatizer = field(default_factory=Lemmatizer)  # pymorphy3 analyzer created on first use
    preparer: Preparer | None = None  # for plain Articles given to add_articles
    entities: EntityCache | None = None  # corpus entities kept between batches
    bands: BandIndex | None = None  # the LSH band keys of the archive, loaded on first write
    content: ContentWords | None = None  # content-lemma sets of story candidates

    def __post_init__(self) -> None:
        if self.preparer is None:
            self.preparer = Preparer(self.lemmatizer)
        self.db.on_rollback(self.forget)

    def forget(self) -> None:
        """Drop the caches: they may hold a rolled-back batch's changes."""
        self.entities = None
        self.bands = None

    def store_aliases(self, cur: Any) -> set[tuple[str, str]]:
        """Write the lemma aliases met since the last batch; returns them (drop them after commit)."""
        pending = set(self.lemmatizer.new_aliases)
        if pending:
            cur.executemany("INSERT INTO lemma_aliases (lemma, first) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(pending))
        return pending

    def committed(self, aliases: set[tuple[str, str]]) -> None:
        """After a commit: the aliases it stored are pending no more (a failed batch keeps them)."""
        self.lemmatizer.new_aliases -= aliases
