"""Archives at earlier schema versions, built for the migration tests.

svodka itself writes the latest schema only. To test a migration, ``build_old_archive``
creates a database at an earlier version (the migrations up to it, run by the same
``schema.migrate``) and writes articles into it the way svodka of that version stored
them with ``link=False``: source and article rows, resolved dates, the full-text index
(PostgreSQL's ``article_search`` without its filter columns before version 5), the story
band keys as one ``story_keys`` row per key (before version 6) and, from version 3, the
lemma aliases. ``open_store`` on the same database then migrates it; the articles are
linked by ``link_pending``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from svodka.model import Article
from svodka.store import Database, open_database, schema
from svodka.store.prepare import Prepared, Preparer
from svodka.store.search import Lemmatizer

__all__ = ["build_old_archive", "ALIASES_VERSION", "SEARCH_TABLE_VERSION", "BANDS_VERSION"]

# The version that added lemma_aliases and store_meta.
ALIASES_VERSION = 3
# The version that gave PostgreSQL's article_search its filter columns (id, source_id, day, n_quotes).
SEARCH_TABLE_VERSION = 5
# The version that moved band keys from story_keys (a row per key) to story_bands (a row per article).
BANDS_VERSION = 6


def build_old_archive(url: str | Path, version: int, articles: list[Article], lemmatizer: Lemmatizer, **options: Any) -> Database:
    """A database at schema ``version`` (below ``BANDS_VERSION``) holding ``articles``, not yet linked.

    Args:
        url: where (as for ``open_store``).
        version: the schema version to stop at.
        articles: analysed articles to store, in id order.
        lemmatizer: makes the index text (the test's, sharing its analyzer).
        options: backend options (PostgreSQL: ``schema``).

    Returns:
        The open ``Database`` (the caller closes it).
    """
    if version >= BANDS_VERSION:
        raise ValueError(f"version {version}: svodka itself writes archives from version {BANDS_VERSION} on (use open_store)")
    db = open_database(url, **options)
    schema.migrate(db, [m for m in schema.MIGRATIONS if m[0] <= version])
    preparer = Preparer(lemmatizer)
    prepared = [preparer.prepare(a) for a in articles]
    with db.write() as cur:
        _write(db, cur, version, prepared)
        if version >= ALIASES_VERSION:
            aliases = set(lemmatizer.new_aliases).union(*(p.aliases for p in prepared))
            cur.executemany("INSERT INTO lemma_aliases (lemma, first) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(aliases))
    return db


def _write(db: Database, cur: Any, version: int, prepared: list[Prepared]) -> None:
    """The rows an unlinked batch of that version wrote."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    names = sorted({p.article.source for p in prepared if p.article.source})
    cur.executemany("INSERT INTO sources (id, name) VALUES (?, ?)", list(enumerate(names, 1)))
    source_id = {name: i for i, name in enumerate(names, 1)}
    for aid, p in enumerate(prepared, 1):
        a = p.article
        cur.execute(
            "INSERT INTO articles (id, url, text_hash, source_id, title, lead, text, published, day, views, n_quotes, story_id, linked, ingested, raw) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)",
            [aid, p.url, p.text_hash, source_id.get(a.source), a.title, a.lead, a.text, a.published, p.day, a.views, len(a.quotes), now, p.raw],
        )
        for d in a.dates:
            if d.from_ and not d.relative:
                cur.execute('INSERT INTO dates (article_id, start, "end", text, date_from, date_to, relative) VALUES (?, ?, ?, ?, ?, ?, 0)', [aid, d.start, d.end, d.text, d.from_, d.to])
        _index(db, cur, version, aid, p)
        cur.executemany("INSERT INTO story_keys (key, day, article_id) VALUES (?, ?, ?)", [(k, p.day or "", aid) for k in p.band_keys])


def _index(db: Database, cur: Any, version: int, aid: int, p: Prepared) -> None:
    """One article's full-text row, in the table of that version."""
    if db.dialect == "sqlite":
        cur.execute("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", [aid, p.title_index, p.body_index])
    elif version < SEARCH_TABLE_VERSION:
        cur.execute(
            "INSERT INTO article_search (article_id, tsv) VALUES (?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D'))",
            [aid, p.title_index, p.body_index],
        )
    else:  # the filter columns of version 5 (language came with version 11)
        cur.execute(
            "INSERT INTO article_search (id, source_id, day, n_quotes, tsv) SELECT a.id, a.source_id, a.day, a.n_quotes, "
            "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D') FROM articles a WHERE a.id = ?",
            [p.title_index, p.body_index, aid],
        )
