"""The archive: analysed articles stored, linked across the corpus, and searchable.

    store = open_store("svodka.db")            # or "sqlite:///path", "postgresql://..."
    store.add_articles(articles)               # one transaction per batch, idempotent
    store.search("Абдрахманов заявил", source="Вестник Кавказа")
    store.quotes(speaker="Абдрахманов"); store.entity_profile("Абдрахманов"); store.stories()

Modules: ``database`` (the database object: connections, the single writer, reads in
parallel), ``sqlite``/``postgres`` (its backends), ``schema`` (migrations), ``writer`` (the
writer's caches), ``ingest`` (articles, documents, rejected inputs), ``linking`` (across
the corpus) with ``corpus`` (entities) and ``stories`` (MinHash LSH clustering), ``queries``
(every read), ``export``, ``search`` (lemmatised index text and snippets), ``prepare``
(records made in worker processes), and ``base``: the ``Store`` facade over them all.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from . import schema
from .base import AddResult, SearchHit, Store
from .database import Database

__all__ = ["open_store", "open_database", "Store", "Database", "AddResult", "SearchHit", "DEFAULT_URL"]

# Where the archive lives when no URL is given: one SQLite file in the working directory.
DEFAULT_URL = "./svodka.db"


def open_store(url: str | Path | None = None, **options) -> Store:
    """Open (creating and migrating as needed) the archive at ``url``.

    Args:
        url: ``postgresql://...`` (or ``postgres://``; ``?schema=name`` selects a schema),
            ``sqlite:///path/to/file.db``, or a plain file path. Default ``./svodka.db``.
        options: backend options (SQLite: ``timeout`` seconds; PostgreSQL: ``schema``).

    Returns:
        A ``Store``.

    Raises:
        StoreError: the database cannot be opened, is locked, or has a newer schema.
    """
    db = open_database(url, **options)
    try:
        schema.migrate(db)
    except BaseException:
        db.close()
        raise
    return Store(db)


def open_database(url: str | Path | None = None, **options) -> Database:
    """The database object at ``url`` (see ``open_store``), connected but not migrated."""
    text = str(url) if url is not None else DEFAULT_URL
    if text.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresDatabase

        return PostgresDatabase(text, **options)
    if text.startswith("sqlite://"):
        text = text[len("sqlite://") :]
        text = text[1:] if text.startswith("/") else text  # sqlite:///rel.db -> rel.db; sqlite:////abs -> /abs
        if text == "":
            text = ":memory:"
    elif "://" in text:
        raise StoreError(text, "unknown database URL scheme: use a file path, sqlite:///path or postgresql://...")
    from .sqlite import SQLiteDatabase

    return SQLiteDatabase(text, **options)
