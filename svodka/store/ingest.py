"""Writing articles into the archive: batches, documents and rejected inputs.

``add_articles`` runs one transaction per batch, all or nothing. Articles are recognised
by URL or by the hash of their normalised text, so a re-run after an interrupted ingest
(even ``kill -9``) skips what was committed and completes the rest. Ids are allocated
under the write lock (``MAX(id) + 1``) so rows go in with ``executemany``. Blocks, entity
mentions and relative dates live only in ``raw``: nothing queries them as rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Article
from ..nlp.language import UNDETERMINED
from . import linking, stories
from .database import Database, next_id, now, select_in
from .prepare import Prepared
from .writer import Writer

__all__ = ["AddResult", "add_articles", "add_rejected", "known_documents"]


@dataclass
class AddResult:
    """What ``add_articles`` did: articles stored, duplicates skipped, the new ids, and the stored articles per language."""

    stored: int
    duplicates: int
    ids: list[int] = field(default_factory=list)
    languages: dict[str, int] = field(default_factory=dict)


def add_articles(w: Writer, articles: list[Article | Prepared], *, link: bool = True, documents: list[str] | None = None) -> AddResult:
    """Store a batch of analysed articles in one transaction (all or nothing).

    Args:
        w: the archive's writer.
        articles: analysed ``Article`` objects, or ``Prepared`` records (see prepare.py:
            made in worker processes, so the writer only writes).
        link: also link corpus entities, quotes and stories now (in the same
            transaction). With ``link=False`` that work is deferred to ``linking.link_pending``.
        documents: the hash of the document each article came from (``documents[i]`` for
            ``articles[i]``; see ``ingest.job.document_hash``), recorded in the same
            transaction so a re-ingest recognises the input before analysing it.

    Returns:
        ``AddResult(stored, duplicates, ids, languages)``. An article already stored (same URL or
        same normalised text) counts as a duplicate and changes nothing.
    """
    w.lemmatizer.trim()  # between batches, never inside one
    prepared = [a if isinstance(a, Prepared) else w.preparer.prepare(a) for a in articles]
    pending = w.lemmatizer.new_aliases
    for p in prepared:
        if p.aliases:
            pending |= p.aliases
    with w.db.write() as cur:
        fresh = _fresh(cur, prepared)
        ids = _insert(w, cur, fresh, linked=link)
        if link and fresh:
            linking.link(w, cur, list(zip(ids, fresh)))
        aliases = w.store_aliases(cur)
        names = {n for p in fresh for n in (p.article.path, p.url) if n}
        if names:  # an input rejected once and stored at last is no longer rejected
            cur.executemany("DELETE FROM rejected WHERE name = ?", [[n] for n in names])
        if documents:
            stored = {id(p): aid for p, aid in zip(fresh, ids)}
            rows = {h: stored.get(id(p)) for h, p in zip(documents, prepared) if h}
            cur.executemany("INSERT INTO documents (hash, article_id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING", list(rows.items()))
    w.committed(aliases)
    languages: dict[str, int] = {}
    for p in fresh:
        lang = p.article.language or UNDETERMINED
        languages[lang] = languages.get(lang, 0) + 1
    return AddResult(stored=len(fresh), duplicates=len(articles) - len(fresh), ids=ids, languages=languages)


def known_documents(db: Database, urls: Iterable[str], hashes: Iterable[str]) -> tuple[set[str], set[str]]:
    """Which of these document URLs and document hashes the archive already holds.

    Read before a document is cleaned and analysed (``svodka ingest``), so re-ingesting a
    folder costs a lookup per input, not an analysis.
    """
    with db.reading() as cur:
        urls = {r[0] for r in select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", set(urls))}
        known = {r[0] for r in select_in(cur, "SELECT hash FROM documents WHERE hash IN ({in})", set(hashes))}
    return urls, known


def add_rejected(db: Database, name: str, reason: str, *, count: int = 1) -> None:
    """Record an input that yielded no article (name and reason), with the time.

    ``count`` is how many inputs the row stands for (a reader's summary of many bad records
    of one file). Idempotent like ``add_articles``: the same input rejected again for the
    same reason (a re-run of an ingest) only refreshes the time.
    """
    with db.write() as cur:
        cur.execute("SELECT id FROM rejected WHERE name = ? AND reason = ?", [name, reason])
        row = cur.fetchone()
        if row:
            cur.execute("UPDATE rejected SET at = ?, n = ? WHERE id = ?", [now(), count, row[0]])
        else:
            cur.execute("INSERT INTO rejected (name, reason, at, n) VALUES (?, ?, ?, ?)", [name, reason, now(), count])


def _fresh(cur: Any, prepared: list[Prepared]) -> list[Prepared]:
    """The articles of a batch not yet stored (by URL or text hash), first of each."""
    urls = {p.url for p in prepared if p.url}
    hashes = {p.text_hash for p in prepared}
    known_urls = {r[0] for r in select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", urls)}
    known_hashes = {r[0] for r in select_in(cur, "SELECT text_hash FROM articles WHERE text_hash IN ({in})", hashes)}
    fresh = []
    for p in prepared:
        if (p.url and p.url in known_urls) or p.text_hash in known_hashes:
            continue
        known_hashes.add(p.text_hash)
        if p.url:
            known_urls.add(p.url)
        fresh.append(p)
    return fresh


def _source_ids(cur: Any, names: set[str]) -> dict[str, int]:
    """Ids of source names, creating the missing ones."""
    ids = {r[1]: r[0] for r in select_in(cur, "SELECT id, name FROM sources WHERE name IN ({in})", names)}
    missing = sorted(names - ids.keys())
    if missing:
        start = next_id(cur, "sources")
        rows = [(start + i, n) for i, n in enumerate(missing)]
        cur.executemany("INSERT INTO sources (id, name) VALUES (?, ?)", rows)
        ids.update({n: i for i, n in rows})
    return ids


def _insert(w: Writer, cur: Any, fresh: list[Prepared], linked: bool) -> list[int]:
    """Insert the article rows, dates, full-text index and band keys; returns the new ids."""
    if not fresh:
        return []
    start = next_id(cur, "articles")
    ids = list(range(start, start + len(fresh)))
    sources = _source_ids(cur, {p.article.source for p in fresh if p.article.source})
    stamp = now()
    # Blocks, entity mentions and relative dates live only in ``raw``: nothing queries
    # them as rows (schema v3), and writing them was ~a quarter of the insert time.
    art_rows, date_rows, fts_rows, band_rows = [], [], [], []
    for aid, p in zip(ids, fresh):
        a = p.article
        art_rows.append((aid, p.url, p.text_hash, sources.get(a.source) if a.source else None, a.title, a.lead, a.text, a.published, p.day, a.views, len(a.quotes), None, int(linked), stamp, p.raw, a.language or UNDETERMINED))
        date_rows.extend((aid, d.start, d.end, d.text, d.from_, d.to, 0) for d in a.dates if d.from_ and not d.relative)
        fts_rows.append((aid, p.title_index, p.body_index))
        if p.band_keys:
            band_rows.append((aid, p.day or "", stories.pack_keys(p.band_keys)))
    cur.executemany(
        "INSERT INTO articles (id, url, text_hash, source_id, title, lead, text, published, day, views, n_quotes, story_id, linked, ingested, raw, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        art_rows,
    )
    if date_rows:
        cur.executemany('INSERT INTO dates (article_id, start, "end", text, date_from, date_to, relative) VALUES (?, ?, ?, ?, ?, ?, ?)', date_rows)
    w.db.fts_insert(cur, fts_rows)
    if band_rows:
        cur.executemany("INSERT INTO story_bands (article_id, day, keys) VALUES (?, ?, ?)", band_rows)
    if linked or w.bands is not None:  # else loaded when first needed (a link=False load may never need it)
        index = stories.band_index(w, cur, start - 1)  # rows of other writers first, then this batch's
        index.add(band_rows)
        index.last_id = ids[-1]
    return ids
