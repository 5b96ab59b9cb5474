"""The Store: one interface over SQLite and PostgreSQL, and all logic that needs no dialect.

A backend (``sqlite.py``, ``postgres.py``) only says how to connect, how to open the write
transaction (one writer at a time), how to fill and query its full-text index, and which
driver errors mean "database unusable". Everything else — idempotent batch ingest, corpus
entities, quote propagation, stories, the queries — is written once here in SQL both
engines accept (``?`` placeholders; the PostgreSQL cursor rewrites them).

Writes: ``add_articles`` runs one transaction per batch, all or nothing. Articles are
recognised by URL or by the hash of their normalised text, so a re-run after an
interrupted ingest (even ``kill -9``) skips what was committed and completes the rest.
Ids are allocated under the write lock (``MAX(id) + 1``) so rows go in with ``executemany``.

Speed (bench/store_bench.py; the measurements sit next to each choice): one base form
per word in the full-text index (``lemma_aliases`` keeps recall), MinHash in plain numpy,
no rows for what only ``raw`` needs (blocks, mentions), corpus entities kept in memory
between batches while no other writer links, story band keys looked up in memory
(``stories.BandIndex``) and stored one row per article, name keys and role words made
where the record is prepared (``corpus.EntityFacts``), per-thread read connections, and
common words ranked among their newest ``RANK_POOL`` matches.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import threading
import uuid
import zlib
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..errors import StoreError
from ..model import Article
from . import schema
from .corpus import CorpusEntity, EntityFacts, Linker
from .prepare import Prepared, Preparer
from .search import WORD_RE, Lemmatizer, make_snippet, normalize_word
from .stories import (
    LEMMA_JACCARD,
    MAX_CANDIDATES,
    MAX_ENTITY_CANDIDATES,
    MAX_ENTITY_POSTINGS,
    MIN_SHARED_ENTITIES,
    STORY_ENTITY_TYPES,
    BandIndex,
    ContentWords,
    confirm,
    entity_candidate,
    is_specific,
    jaccard,
    pack_keys,
    resolved_date,
    unpack_keys,
    window_days,
)

__all__ = ["Store", "AddResult", "SearchHit"]

# Parameters per ``IN (...)`` list: below SQLite's 32766 variables, and keeps plans cheap.
IN_CHUNK = 500
# Parameters per ``_probe`` statement (rows x columns of its VALUES list).
PROBE_PARAMS = 2000
# Quotes shorter than this (normalised characters) are never merged across articles:
# "да", "нет", "это неправда" are said by many people about many things.
QUOTE_MIN_KEY_CHARS = 30
# A new quotation is compared (as a fragment, see ``_join_fragments``) with at most this
# many of its speaker's latest stored quotes: bounds the work for a much-quoted speaker.
QUOTE_FRAGMENT_POOL = 200
# Entity columns read into ``CorpusEntity`` (in this order).
ENTITY_COLUMNS = "id, type, name, key, last_key, first_key, middle_key, role_words, mentions, articles, first_seen, last_seen, merged_into"
# Corpus entities kept in memory between batches at most (then the cache starts afresh).
ENTITY_CACHE_LIMIT = 300_000
# The schema version that added ``lemma_aliases`` and ``store_meta``.
ALIASES_VERSION = 3
# The schema version from which band keys live in story_bands (see stories.BandIndex).
BANDS_VERSION = 6
# Matches of a query ranked at most (the newest ones, see ``search``): BM25 over 2000
# rows costs a few ms; over the 37k matches of a common word at 100k articles, ~150 ms.
RANK_POOL = 2000
# ... or this many times the rows a page needs, for deep pages.
RANK_POOL_PAGES = 10
# Largest id the databases hold (signed 64-bit); a bigger number is no id of ours, and
# passing it to the driver raises OverflowError (a traceback and HTTP 500, issue 11).
MAX_ID = 2**63 - 1
# Columns of ``export("csv")``: one row per article, names of each type joined by "; ".
CSV_ARTICLE_COLUMNS = ("id", "url", "source", "published", "title", "views", "persons", "organisations", "places", "quotes", "story")
# Columns of ``export(..., what="quotes")``: one row per statement.
CSV_QUOTE_COLUMNS = ("article_id", "url", "source", "published", "title", "speaker", "kind", "cue", "via", "text")


@dataclass
class AddResult:
    """What ``add_articles`` did: articles stored, duplicates skipped, and the new ids."""

    stored: int
    duplicates: int
    ids: list[int] = field(default_factory=list)


@dataclass
class SearchHit:
    """One search result. ``snippet`` is HTML-safe with matches in ``<mark>``."""

    article_id: int
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    snippet_text: str = ""  # the same window as plain text
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets into snippet_text


@dataclass
class _EntityCache:
    """Corpus entities kept in memory between batches while this Store is the only writer.

    Valid while ``store_meta['entities']`` still holds ``token`` (the value this Store
    wrote with its last linked batch); any other writer changes it, and the cache is
    rebuilt. The key sets say which names and surnames have all their entities loaded.
    """

    linker: Linker
    token: str = ""
    keys: set[str] = field(default_factory=set)  # LOC/ORG (and surname-less) keys fully loaded
    last_keys: set[str] = field(default_factory=set)  # surnames fully loaded
    alias_ids: set[int] = field(default_factory=set)  # entities whose stored aliases are loaded
    aliases: set[tuple[int, str]] = field(default_factory=set)  # (entity id, alias) known stored


def _load_raw(raw: Any) -> dict:
    """The stored Article dict from the compressed ``raw`` column."""
    return json.loads(zlib.decompress(bytes(raw)))


def _quote_norm(text: str) -> str:
    """A quotation's words, lowercased with ё folded, space-joined (what its key hashes)."""
    return " ".join(normalize_word(w) for w in WORD_RE.findall(text))


def _iso_day(value: Any) -> str | None:
    """A date filter as an ISO day string (accepts date, datetime or str)."""
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def _chunks(values: list, size: int = IN_CHUNK) -> Iterator[list]:
    """Split a list into IN-list sized pieces."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _marks(n: int) -> str:
    """``?, ?, ?`` for an IN list of ``n`` values."""
    return ", ".join(["?"] * n)


def _now() -> str:
    """The current UTC time, ISO 8601."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The archive. Use ``svodka.store.open_store(url)`` to get one.

    Thread-safe. Writes go through one connection under a lock (one writer). Reads use a
    connection of their own per thread (``_reading``), so web requests run in parallel with
    each other and with an ingest; backends without that (SQLite ``:memory:``) read on
    the writer's connection under the lock.
    """

    dialect = ""  # "sqlite" | "postgresql"
    driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, name: str, *, migrations=None) -> None:
        self.name = name
        self._lock = threading.RLock()
        self._local = threading.local()  # .reader: this thread's read connection
        self._readers: list[Any] = []  # every read connection opened, closed by ``close``
        self._closed = False
        self.lemmatizer = Lemmatizer()  # pymorphy3 analyzer created on first use
        self._preparer = Preparer(self.lemmatizer)  # for plain Articles given to add_articles
        self._content: ContentWords | None = None  # content-lemma sets of story candidates
        self._entities: _EntityCache | None = None  # corpus entities kept between batches
        self._bands: BandIndex | None = None  # the LSH band keys of the archive, loaded on first write
        self._migrations = schema.MIGRATIONS if migrations is None else migrations
        with self._guard("cannot open the database"):
            self._open()
            self._migrate()

    # ------------------------------------------------------------------ backend hooks

    def _open(self) -> None:
        """Connect (backend)."""
        raise NotImplementedError

    def _connection(self) -> Any:
        """The backend's open write connection (``self._conn``), or a StoreError after ``close``."""
        conn = getattr(self, "_conn", None)
        if conn is None:
            raise StoreError(self.name, "the store is closed")
        return conn

    def use_parse(self, parse: Any) -> None:
        """Share the process's morphology cache (``Models.parse``) instead of loading another analyzer."""
        self.lemmatizer.share(parse)

    def close(self) -> None:
        """Close the connection."""
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A write transaction holding the single-writer lock; yields a cursor (backend)."""
        raise NotImplementedError
        yield

    def _cursor(self) -> Any:
        """A cursor for reads on the writer's connection (backend)."""
        raise NotImplementedError

    def _open_reader(self) -> Any:
        """A new read-only connection, or None to read on the writer's (backend)."""
        return None

    def _reader_cursor(self, conn: Any) -> Any:
        """A cursor on a read connection (backend)."""
        raise NotImplementedError

    def _close_readers(self) -> None:
        """Close every read connection (backends call this from ``close``)."""
        self._closed = True
        readers, self._readers = self._readers, []
        for conn in readers:
            try:
                conn.close()
            except Exception:  # noqa: BLE001  (closing is best effort; the file stays consistent)
                pass

    def _fts_insert(self, cur: Any, rows: list[tuple[int, str, str]]) -> None:
        """Index (article id, lemmatised title, lemmatised body) rows (backend)."""
        raise NotImplementedError

    def _fts_query(self, terms: list[tuple[str, ...]]) -> tuple[str, str, str, list, str]:
        """(FROM/JOIN clause, WHERE condition, score expression, params, indexed id column) of a search (backend).

        The FROM clause names ``a`` a row with the columns ``search`` filters on: id, source_id, day, n_quotes.
        """
        raise NotImplementedError

    def _rank(self, fts: tuple[str, str, str, list, str], conds: list[str], params: list, pool: int, limit: int, offset: int) -> list[tuple]:
        """(id, score) of one page of a search, best first, ranked among its ``pool`` newest matches.

        Args:
            fts: what ``_fts_query`` returned for the query's terms.
            conds, params: the filters, as conditions on ``a`` (the articles) and their parameters.

        Two statements: the id of the pool's oldest match, then the ranked scan bounded by
        it. Finding that id is cheap where the index is walked in id order without scoring
        (FTS5); PostgreSQL ranks in one statement instead (postgres.py).
        """
        from_sql, match_sql, score_sql, match_params, id_sql = fts
        where = " AND ".join([match_sql] + conds)
        params = match_params + params
        floor = self._read(f"SELECT {id_sql} FROM {from_sql} WHERE {where} ORDER BY {id_sql} DESC LIMIT 1 OFFSET ?", params + [pool - 1])
        if floor:
            where += f" AND {id_sql} >= ?"
            params = params + [floor[0][0]]
        return self._read(f"SELECT a.id, {score_sql} AS score FROM {from_sql} WHERE {where} ORDER BY score DESC, a.id DESC LIMIT ? OFFSET ?", params + [limit, offset])

    def _expand_terms(self, terms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """Query terms with the index tokens of words having a term's base form as a non-first one.

        The index holds each word's first base form only; ``lemma_aliases`` maps the other
        base forms to it (see search.py), so recall equals indexing them all.
        """
        lemmas = sorted({lemma for term in terms for lemma in term})
        if self._migrations[-1][0] < ALIASES_VERSION:  # opened with older migrations (tests)
            return terms
        aliases: dict[str, list[str]] = defaultdict(list)
        for lemma, first in self._read(f"SELECT lemma, first FROM lemma_aliases WHERE lemma IN ({_marks(len(lemmas))})", lemmas):
            aliases[lemma].append(first)
        return [tuple(dict.fromkeys([*term, *(f for lemma in term for f in sorted(aliases[lemma]))])) for term in terms]

    def _store_aliases(self, cur: Any) -> set[tuple[str, str]]:
        """Write the lemma aliases met since the last batch; returns them (drop them after commit)."""
        pending = set(self.lemmatizer.new_aliases)
        if pending and self._migrations[-1][0] >= ALIASES_VERSION:
            cur.executemany("INSERT INTO lemma_aliases (lemma, first) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(pending))
        return pending

    def _explain_error(self, exc: BaseException) -> str:
        """A human reason for a driver error (backend)."""
        return f"{type(exc).__name__}: {exc}".strip()

    def size_bytes(self) -> int:
        """Bytes the database takes on disk (backend)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ plumbing

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        """Turn driver errors into ``StoreError`` with a clear message."""
        try:
            yield
        except StoreError:
            raise
        except self.driver_errors as exc:
            raise StoreError(self.name, f"{what}: {self._explain_error(exc)}") from exc

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """One write transaction (all or nothing), errors as ``StoreError``."""
        with self._lock:
            try:
                with self._guard("write failed, nothing was changed"), self._transaction() as cur:
                    yield cur
            except BaseException:
                self._entities = None  # the caches may hold this batch's rolled-back changes
                self._bands = None
                raise

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """A read cursor: this thread's own connection, or the writer's under the lock."""
        conn = getattr(self._local, "reader", None)
        if conn is None and not self._closed:
            with self._guard("cannot open a read connection"):
                conn = self._open_reader()
            if conn is not None:
                with self._lock:
                    self._readers.append(conn)
                self._local.reader = conn
        if conn is None or self._closed:
            with self._lock, self._guard("read failed"):
                yield self._cursor()
        else:
            with self._guard("read failed"):
                yield self._reader_cursor(conn)

    def _read(self, sql: str, params: Iterable = ()) -> list[tuple]:
        """Run one query and return all rows."""
        with self._reading() as cur:
            cur.execute(sql, list(params))
            return cur.fetchall()

    def _probe(self, cur: Any, columns: tuple[str, ...], rows: list[tuple], select: str) -> Iterator[tuple]:
        """Rows of ``select`` over a CTE ``probe (columns)`` holding ``rows``, a few hundred per statement."""
        marks = "(" + ", ".join(["?"] * len(columns)) + ")"
        for chunk in _chunks(rows, PROBE_PARAMS // len(columns)):
            cur.execute(f"WITH probe ({', '.join(columns)}) AS (VALUES {', '.join([marks] * len(chunk))}) {select}", [v for row in chunk for v in row])
            yield from cur.fetchall()

    def _select_in(self, cur: Any, sql: str, values: Iterable, params: Iterable = ()) -> list[tuple]:
        """Run ``sql`` (with ``{in}`` for the IN list) over ``values`` in chunks."""
        rows: list[tuple] = []
        for chunk in _chunks(list(values)):
            cur.execute(sql.format(**{"in": _marks(len(chunk))}), list(chunk) + list(params))
            rows.extend(cur.fetchall())
        return rows

    def _migrate(self) -> None:
        """Bring the schema to the latest version this code knows, or refuse a newer one."""
        latest = self._migrations[-1][0]
        try:  # a plain read first: an up-to-date archive opens even while a writer holds the lock
            current = self.schema_version()
        except StoreError:
            current = -1  # no schema_version table yet
        if current > latest:
            raise StoreError(self.name, f"database schema version {current} is newer than this svodka knows ({latest}); upgrade svodka")
        if current == latest:
            return
        with self._lock, self._transaction() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)")
        for version, description, common, per_dialect in self._migrations:
            if version <= current:
                continue
            with self._lock, self._transaction() as cur:
                cur.execute("SELECT MAX(version) FROM schema_version")
                if (cur.fetchone()[0] or 0) >= version:  # another process migrated meanwhile
                    continue
                for step in schema.statements(self.dialect, common, per_dialect):
                    if callable(step):
                        step(cur, self.dialect)
                    else:
                        cur.execute(step)
                cur.execute("INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)", [version, description, _now()])

    def schema_version(self) -> int:
        """The schema version of the database (0 when empty)."""
        return self._read("SELECT MAX(version) FROM schema_version")[0][0] or 0

    # ------------------------------------------------------------------ ingest

    def add_articles(self, articles: list[Article | Prepared], *, link: bool = True, documents: list[str] | None = None) -> AddResult:
        """Store a batch of analysed articles in one transaction (all or nothing).

        Args:
            articles: analysed ``Article`` objects, or ``Prepared`` records (see
                prepare.py: made in worker processes, so the writer only writes).
            link: also link corpus entities, quotes and stories now (in the same
                transaction). With ``link=False`` that work is deferred to ``link_pending()``.
            documents: the hash of the document each article came from (``documents[i]``
                for ``articles[i]``; see ``ingest.job.document_hash``), recorded in the same
                transaction so a re-ingest recognises the input before analysing it.

        Returns:
            ``AddResult(stored, duplicates, ids)``. An article already stored (same URL or
            same normalised text) counts as a duplicate and changes nothing.
        """
        self.lemmatizer.trim()  # between batches, never inside one
        prepared = [a if isinstance(a, Prepared) else self._preparer.prepare(a) for a in articles]
        pending = self.lemmatizer.new_aliases
        for p in prepared:
            if p.aliases:
                pending |= p.aliases
        with self._write() as cur:
            fresh = self._fresh(cur, prepared)
            ids = self._insert(cur, fresh, linked=link)
            if link and fresh:
                self._link(cur, list(zip(ids, fresh)))
            aliases = self._store_aliases(cur)
            names = {n for p in fresh for n in (p.article.path, p.url) if n}
            if names:  # an input rejected once and stored at last is no longer rejected
                cur.executemany("DELETE FROM rejected WHERE name = ?", [[n] for n in names])
            if documents:
                stored = {id(p): aid for p, aid in zip(fresh, ids)}
                rows = {h: stored.get(id(p)) for h, p in zip(documents, prepared) if h}
                cur.executemany(
                    "INSERT INTO documents (hash, article_id) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING",
                    list(rows.items()),
                )
        self.lemmatizer.new_aliases -= aliases  # committed: a failed batch keeps them pending
        return AddResult(stored=len(fresh), duplicates=len(articles) - len(fresh), ids=ids)

    def known_documents(self, urls: Iterable[str], hashes: Iterable[str]) -> tuple[set[str], set[str]]:
        """Which of these document URLs and document hashes the archive already holds.

        Read before a document is cleaned and analysed (``svodka ingest``), so re-ingesting
        a folder costs a lookup per input, not an analysis.
        """
        with self._reading() as cur:
            urls = {r[0] for r in self._select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", set(urls))}
            known = {r[0] for r in self._select_in(cur, "SELECT hash FROM documents WHERE hash IN ({in})", set(hashes))}
        return urls, known

    def add_rejected(self, name: str, reason: str, *, count: int = 1) -> None:
        """Record an input that yielded no article (name and reason), with the time.

        ``count`` is how many inputs the row stands for (a reader's summary of many bad
        records of one file). Idempotent like ``add_articles``: the same input rejected
        again for the same reason (a re-run of an ingest) only refreshes the time.
        """
        with self._write() as cur:
            cur.execute("SELECT id FROM rejected WHERE name = ? AND reason = ?", [name, reason])
            row = cur.fetchone()
            if row:
                cur.execute("UPDATE rejected SET at = ?, n = ? WHERE id = ?", [_now(), count, row[0]])
            else:
                cur.execute("INSERT INTO rejected (name, reason, at, n) VALUES (?, ?, ?, ?)", [name, reason, _now(), count])

    def _fresh(self, cur: Any, prepared: list[Prepared]) -> list[Prepared]:
        """The articles of a batch not yet stored (by URL or text hash), first of each."""
        urls = {p.url for p in prepared if p.url}
        hashes = {p.text_hash for p in prepared}
        known_urls = {r[0] for r in self._select_in(cur, "SELECT url FROM articles WHERE url IN ({in})", urls)}
        known_hashes = {r[0] for r in self._select_in(cur, "SELECT text_hash FROM articles WHERE text_hash IN ({in})", hashes)}
        fresh = []
        for p in prepared:
            if (p.url and p.url in known_urls) or p.text_hash in known_hashes:
                continue
            known_hashes.add(p.text_hash)
            if p.url:
                known_urls.add(p.url)
            fresh.append(p)
        return fresh

    def _next_id(self, cur: Any, table: str) -> int:
        """The next free id of ``table`` (called under the write lock)."""
        cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return int(cur.fetchone()[0])

    def _source_ids(self, cur: Any, names: set[str]) -> dict[str, int]:
        """Ids of source names, creating the missing ones."""
        ids = {r[1]: r[0] for r in self._select_in(cur, "SELECT id, name FROM sources WHERE name IN ({in})", names)}
        missing = sorted(names - ids.keys())
        if missing:
            start = self._next_id(cur, "sources")
            rows = [(start + i, n) for i, n in enumerate(missing)]
            cur.executemany("INSERT INTO sources (id, name) VALUES (?, ?)", rows)
            ids.update({n: i for i, n in rows})
        return ids

    def _insert(self, cur: Any, fresh: list[Prepared], linked: bool) -> list[int]:
        """Insert the article rows, paragraphs, mentions, dates, index and band keys."""
        if not fresh:
            return []
        start = self._next_id(cur, "articles")
        ids = list(range(start, start + len(fresh)))
        sources = self._source_ids(cur, {p.article.source for p in fresh if p.article.source})
        now = _now()
        # Blocks, entity mentions and relative dates live only in ``raw``: nothing queries
        # them as rows (schema v3), and writing them was ~a quarter of the insert time.
        art_rows, date_rows, fts_rows, band_rows = [], [], [], []
        for aid, p in zip(ids, fresh):
            a = p.article
            art_rows.append((aid, p.url, p.text_hash, sources.get(a.source) if a.source else None, a.title, a.lead, a.text, a.published, p.day, a.views, len(a.quotes), None, int(linked), now, p.raw))
            date_rows.extend((aid, d.start, d.end, d.text, d.from_, d.to, 0) for d in a.dates if d.from_ and not d.relative)
            fts_rows.append((aid, p.title_index, p.body_index))
            if p.band_keys:
                band_rows.append((aid, p.day or "", pack_keys(p.band_keys)))
        cur.executemany(
            "INSERT INTO articles (id, url, text_hash, source_id, title, lead, text, published, day, views, n_quotes, story_id, linked, ingested, raw) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            art_rows,
        )
        if date_rows:
            cur.executemany('INSERT INTO dates (article_id, start, "end", text, date_from, date_to, relative) VALUES (?, ?, ?, ?, ?, ?, ?)', date_rows)
        self._fts_insert(cur, fts_rows)
        if self._migrations[-1][0] < BANDS_VERSION:  # an older schema (tests of migrations)
            key_rows = [(k, day, aid) for aid, day, keys in band_rows for k in unpack_keys(keys)]
            cur.executemany("INSERT INTO story_keys (key, day, article_id) VALUES (?, ?, ?)", key_rows)
        elif band_rows:
            cur.executemany("INSERT INTO story_bands (article_id, day, keys) VALUES (?, ?, ?)", band_rows)
        if linked or self._bands is not None:  # else loaded when first needed (a link=False load may never need it)
            index = self._band_index(cur, start - 1)  # rows of other writers first, then this batch's
            index.add(band_rows)
            index.last_id = ids[-1]
        return ids

    def _band_index(self, cur: Any, upto: int) -> BandIndex:
        """The in-memory band index, brought up to article id ``upto`` (under the write lock).

        Loads the archive's ``story_bands`` on first use (~0.1 s at 100,000 articles), then
        only the rows other writers stored since (ids are allocated under the write lock,
        so theirs are all past ``last_id``). A failed write drops the index (``_write``).
        """
        index = self._bands
        if index is None:
            index = self._bands = BandIndex()
        if index.last_id < upto:
            if self._migrations[-1][0] >= BANDS_VERSION:
                cur.execute("SELECT article_id, day, keys FROM story_bands WHERE article_id > ? AND article_id <= ? ORDER BY article_id", [index.last_id, upto])
                index.add(cur.fetchall())
            index.last_id = upto
        return index

    # ------------------------------------------------------------------ deferred work

    def link_pending(self, batch: int = 1000) -> int:
        """Link entities, quotes and stories of articles stored with ``link=False``.

        Safe to re-run after an interruption: each chunk commits on its own.

        Returns:
            The number of articles linked.
        """
        done = 0
        while True:
            with self._write() as cur:
                cur.execute("SELECT id, text, raw FROM articles WHERE linked = 0 ORDER BY id LIMIT ?", [batch])
                rows = cur.fetchall()
                if not rows:
                    return done
                items = [(r[0], self._preparer.prepare(self._article_from_row(cur, r[0], r[1], r[2]))) for r in rows]
                self._link(cur, items)
                for chunk in _chunks([aid for aid, _ in items]):
                    cur.execute(f"UPDATE articles SET linked = 1 WHERE id IN ({_marks(len(chunk))})", chunk)
                aliases = self._store_aliases(cur)
            self.lemmatizer.new_aliases -= aliases
            done += len(items)

    def _link(self, cur: Any, items: list[tuple[int, Prepared]]) -> None:
        """Corpus entities, quote propagation and stories for freshly stored articles."""
        mapping = self._link_entities(cur, items)
        self._link_quotes(cur, items, mapping)
        self._assign_stories(cur, [(aid, p.band_keys, p.day) for aid, p in items])

    def _load_entities(self, cur: Any, keys: set[str], last_keys: set[str]) -> list[CorpusEntity]:
        """Candidate corpus entities for a batch: by normal name and by surname."""
        rows = self._select_in(cur, f"SELECT {ENTITY_COLUMNS} FROM entities WHERE key IN ({{in}}) AND merged_into IS NULL", keys)
        rows += self._select_in(cur, f"SELECT {ENTITY_COLUMNS} FROM entities WHERE last_key IN ({{in}}) AND merged_into IS NULL", last_keys)
        seen, out = set(), []
        for r in rows:
            if r[0] in seen:
                continue
            seen.add(r[0])
            out.append(CorpusEntity(*r[:7], set(filter(None, (r[7] or "").split())), *r[8:]))
        return out

    def _entity_cache(self, cur: Any) -> _EntityCache:
        """The corpus entities kept from earlier batches, or a fresh cache if another writer wrote since."""
        cache = self._entities
        if self._migrations[-1][0] < ALIASES_VERSION:  # no store_meta (opened with older migrations: tests)
            cache = None
        else:
            cur.execute("SELECT value FROM store_meta WHERE key = 'entities'")
            row = cur.fetchone()
            if cache is not None and (row is None or row[0] != cache.token):
                cache = None  # another writer (process or Store) linked meanwhile: reload
        if cache is None:
            cache = _EntityCache(Linker([], 0, self.lemmatizer))
        return cache

    def _link_entities(self, cur: Any, items: list[tuple[int, Prepared]]) -> dict[tuple[int, str], int]:
        """Link every article entity to a corpus entity; write entities, links, roles, days.

        The candidate entities, their stored aliases and role words stay in memory between
        batches (``_EntityCache``) while no other writer links: re-reading every entity of
        every surname in the batch grew with the archive (108 us/article at 20k).

        Returns:
            (article id, local entity id) -> corpus entity id.
        """
        lem = self.lemmatizer
        cache = self._entities = self._entity_cache(cur)
        keys, last_keys = set(), set()
        for _, p in items:
            for f in p.entity_facts:
                if f.last_key:
                    last_keys.add(f.last_key)
                else:
                    keys.add(f.key)
        linker = cache.linker
        keys -= cache.keys
        last_keys -= cache.last_keys
        for ent in self._load_entities(cur, keys, last_keys):
            if ent.id not in linker.by_id:
                linker._index(ent)
        cache.keys |= keys
        cache.last_keys |= last_keys
        linker.next_id = self._next_id(cur, "entities")
        linker.merges = []
        touched: dict[int, CorpusEntity] = {}  # entities this batch created or changed
        raw_links: list[tuple[int, str, CorpusEntity, Any, EntityFacts]] = []
        for aid, p in items:
            seen_here: dict[int, int] = {}
            for e, f in zip(p.article.entities, p.entity_facts):
                ent = linker.link(e.type, e.name, f)
                touched[ent.id] = ent
                raw_links.append((aid, e.id, ent, e, f))
                if ent.id not in seen_here:
                    ent.see(len(e.mentions), p.day)
                    seen_here[ent.id] = 1
                else:
                    ent.mentions += len(e.mentions)
        # Merges first: they repoint rows of earlier batches.
        for old, _ in linker.merges:
            touched[old] = linker.by_id[old]
            into = linker.resolve(old).id
            if not linker.by_id[old].new:
                self._merge_rows(cur, old, into)
        new = [e for e in touched.values() if e.new]
        changed = [e for e in touched.values() if e.dirty and not e.new]
        if new:
            cur.executemany(
                f"INSERT INTO entities ({ENTITY_COLUMNS}) VALUES ({_marks(13)})",
                [(e.id, e.type, e.name, e.key, e.last_key, e.first_key, e.middle_key, " ".join(sorted(e.role_words)), e.mentions, e.articles, e.first_seen, e.last_seen, e.merged_into) for e in new],
            )
        if changed:
            cur.executemany(
                "UPDATE entities SET name = ?, first_key = ?, middle_key = ?, role_words = ?, mentions = ?, articles = ?, first_seen = ?, last_seen = ?, merged_into = ? WHERE id = ?",
                [(e.name, e.first_key, e.middle_key, " ".join(sorted(e.role_words)), e.mentions, e.articles, e.first_seen, e.last_seen, e.merged_into, e.id) for e in changed],
            )
        mapping: dict[tuple[int, str], int] = {}
        link_rows, role_rows = [], []
        days: Counter = Counter()
        aliases: set[tuple[int, str]] = set()
        day_of = {aid: p.day for aid, p in items}
        for aid, local, ent, e, f in raw_links:
            cid = linker.resolve(ent.id).id
            if (aid, local) in mapping:
                continue
            mapping[(aid, local)] = cid
            link_rows.append((aid, local, cid, e.type, e.name, len(e.mentions)))
            role_rows.extend((cid, aid, r, day_of[aid]) for r in dict.fromkeys(e.roles))
            if day_of[aid]:
                days[(cid, day_of[aid])] += len(e.mentions)
            aliases.update((cid, form) for form in f.forms)
        cur.executemany("INSERT INTO article_entities (article_id, local_id, entity_id, type, name, mentions) VALUES (?, ?, ?, ?, ?, ?)", link_rows)
        if role_rows:
            cur.executemany("INSERT INTO roles (entity_id, article_id, role, seen) VALUES (?, ?, ?, ?)", role_rows)
        if days:
            cur.executemany(
                "INSERT INTO entity_days (entity_id, day, n) VALUES (?, ?, ?) ON CONFLICT (entity_id, day) DO UPDATE SET n = entity_days.n + excluded.n",
                [(cid, day, n) for (cid, day), n in days.items()],
            )
        for e in touched.values():  # written: clean in the cache (a failed batch drops the cache)
            e.new = e.dirty = False
        if aliases:  # only aliases not stored yet (reads only for entities not seen before)
            unknown = sorted({cid for cid, _ in aliases} - cache.alias_ids)
            cache.aliases.update(self._select_in(cur, "SELECT entity_id, alias FROM aliases WHERE entity_id IN ({in})", unknown))
            cache.alias_ids.update(unknown)
            aliases -= cache.aliases
            cache.aliases |= aliases
        if aliases:
            alias_rows = sorted(aliases)
            cur.executemany("INSERT INTO aliases (entity_id, alias) VALUES (?, ?) ON CONFLICT DO NOTHING", alias_rows)
            words = {(w, cid) for cid, alias in alias_rows for token in WORD_RE.findall(alias) for w in lem.lemmas(token)}
            words |= {(normalize_word(t), cid) for cid, alias in alias_rows for t in WORD_RE.findall(alias)}
            cur.executemany("INSERT INTO entity_words (word, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", sorted(words))
        if self._migrations[-1][0] >= ALIASES_VERSION:
            cache.token = uuid.uuid4().hex
            cur.execute("UPDATE store_meta SET value = ? WHERE key = 'entities'", [cache.token])
        if len(linker.by_id) > ENTITY_CACHE_LIMIT or len(cache.aliases) > 4 * ENTITY_CACHE_LIMIT:
            self._entities = None  # bounded memory: start afresh next batch
        return mapping

    def _merge_rows(self, cur: Any, old: int, into: int) -> None:
        """Repoint every row of corpus entity ``old`` to ``into`` (stored in earlier batches)."""
        for table, column in (("article_entities", "entity_id"), ("roles", "entity_id"), ("quotes", "speaker_id"), ("quote_appearances", "speaker_id")):
            cur.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [into, old])
        cur.execute(
            "INSERT INTO entity_days (entity_id, day, n) SELECT ?, day, n FROM entity_days WHERE entity_id = ? "
            "ON CONFLICT (entity_id, day) DO UPDATE SET n = entity_days.n + excluded.n",
            [into, old],
        )
        cur.execute("DELETE FROM entity_days WHERE entity_id = ?", [old])
        for table, column in (("aliases", "alias"), ("entity_words", "word")):
            cur.execute(f"INSERT INTO {table} (entity_id, {column}) SELECT ?, {column} FROM {table} WHERE entity_id = ? ON CONFLICT DO NOTHING", [into, old])
            cur.execute(f"DELETE FROM {table} WHERE entity_id = ?", [old])

    @staticmethod
    def quote_key(text: str) -> str | None:
        """The propagation key of a quotation: hash of its normalised words (None if short)."""
        norm = _quote_norm(text)
        if len(norm) < QUOTE_MIN_KEY_CHARS:
            return None
        return hashlib.sha1(norm.encode()).hexdigest()

    def _join_fragments(self, cur: Any, found: list[tuple], known: dict[str, list], mapping: dict[tuple[int, str], int]) -> tuple[list[tuple], dict[str, str]]:
        """Give a quotation that is a fragment of (or contains) another of the same speaker that one's key.

        Outlets cut a long quote short ("Мы пришли ... с готовностью слушать" for the whole
        sentence and its continuation), or print more of it than the first did: the same
        words of the same corpus speaker are one quote. Only quotations with a key of their
        own (``QUOTE_MIN_KEY_CHARS`` normalised characters or more), not yet stored, and with
        a speaker entity are compared: with the speaker's ``QUOTE_FRAGMENT_POOL`` latest
        stored quotes and with this batch's earlier ones.

        Returns:
            ``found`` with the joined keys, and key -> the longest text met for a joined
            quote (its text to show).
        """
        speaker_of = lambda aid, q: mapping.get((aid, q.speaker.entity)) if q.speaker and q.speaker.entity else None  # noqa: E731
        open_ = [i for i, (aid, _, q, key) in enumerate(found) if key not in known and speaker_of(aid, q) is not None and self.quote_key(q.text) == key]
        if not open_:
            return found, {}
        pool: dict[int, list[tuple[str, str, str]]] = defaultdict(list)  # speaker -> [(key, normalised text, text)]
        for sid in sorted({speaker_of(found[i][0], found[i][2]) for i in open_}):
            cur.execute("SELECT id, key, text FROM quotes WHERE speaker_id = ? ORDER BY id DESC LIMIT ?", [sid, QUOTE_FRAGMENT_POOL])
            for qid, key, text in cur.fetchall():
                pool[sid].append((key, _quote_norm(text), text))
                known.setdefault(key, [qid, sid])
        out, longest = list(found), {}
        for i in open_:
            aid, p, q, key = found[i]
            sid = speaker_of(aid, q)
            norm = _quote_norm(q.text)
            padded = f" {norm} "
            for other, other_norm, other_text in pool[sid]:
                if other != key and (padded in f" {other_norm} " or f" {other_norm} " in padded):
                    out[i] = (aid, p, q, other)
                    best = longest.get(other, other_text)
                    if len(q.text) > len(best):
                        longest[other] = q.text
                    break
            else:
                if all(other != key for other, _, _ in pool[sid]):
                    pool[sid].append((key, norm, q.text))
        return out, longest

    def _link_quotes(self, cur: Any, items: list[tuple[int, Prepared]], mapping: dict[tuple[int, str], int]) -> None:
        """One corpus quote per distinct quotation; appearances, with the earliest marked."""
        found: list[tuple[int, Prepared, Any, str]] = []
        for aid, p in items:
            for i, q in enumerate(p.article.quotes):
                key = self.quote_key(q.text) or f"{aid}:{i}"  # short: never merged
                found.append((aid, p, q, key))
        if not found:
            return
        known = {r[1]: [r[0], r[2]] for r in self._select_in(cur, "SELECT id, key, speaker_id FROM quotes WHERE key IN ({in})", {f[3] for f in found})}
        found, longest = self._join_fragments(cur, found, known, mapping)
        next_quote = self._next_id(cur, "quotes")
        next_app = self._next_id(cur, "quote_appearances")
        new_quotes: dict[str, list] = {}
        app_rows = []
        counts: Counter = Counter(f[3] for f in found)
        touched: set[int] = set()
        for key, text in longest.items():  # a fragment's quote shows the longest text said
            if key in known:
                cur.execute("UPDATE quotes SET text = ?, lemmas = ? WHERE id = ?", [text, self.lemmatizer.index_text(text), known[key][0]])
        for aid, p, q, key in found:
            sp = q.speaker
            speaker_id = mapping.get((aid, sp.entity)) if sp and sp.entity else None
            if key in known:
                qid = known[key][0]
                touched.add(qid)
                if known[key][1] is None and speaker_id is not None:
                    known[key][1] = speaker_id
                    cur.execute("UPDATE quotes SET speaker_id = ?, speaker_name = ? WHERE id = ?", [speaker_id, sp.name, qid])
            elif key in new_quotes:
                qid = new_quotes[key][0]
                if new_quotes[key][4] is None and speaker_id is not None:
                    new_quotes[key][4], new_quotes[key][5] = speaker_id, sp.name
            else:
                qid = next_quote
                next_quote += 1
                text = longest.get(key, q.text)
                new_quotes[key] = [qid, key, text, self.lemmatizer.index_text(text), speaker_id, sp.name if sp else None, counts[key]]
            # A quote seen once so far is its own earliest appearance.
            earliest = int(key not in known and counts[key] == 1)
            if not earliest:
                touched.add(qid)
            app_rows.append((next_app, qid, aid, q.kind, q.start, q.end, sp.name if sp else None, sp.type if sp else None, speaker_id, q.cue, q.via, p.article.published, earliest))
            next_app += 1
        if new_quotes:
            cur.executemany("INSERT INTO quotes (id, key, text, lemmas, speaker_id, speaker_name, appearances) VALUES (?, ?, ?, ?, ?, ?, ?)", list(new_quotes.values()))
        cur.executemany(
            'INSERT INTO quote_appearances (id, quote_id, article_id, kind, start, "end", speaker_name, speaker_type, speaker_id, cue, via, published, earliest) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            app_rows,
        )
        if not touched:
            return
        # Earliest: by published date (unknown dates last), then ingest order. The new
        # earliest is the old one or one of this batch's appearances: no rescan needed.
        order = lambda row: (row[2] is None, row[2] or "", row[3], row[1])  # noqa: E731  (quote, id, published, article)
        best: dict[int, tuple] = {}
        for row in self._select_in(cur, "SELECT quote_id, id, published, article_id FROM quote_appearances WHERE earliest = 1 AND quote_id IN ({in})", sorted(touched)):
            best[row[0]] = row
        old_best = {q: r[1] for q, r in best.items()}
        for app in app_rows:
            qid = app[1]
            if qid in touched:
                row = (qid, app[0], app[11], app[2])
                if qid not in best or order(row) < order(best[qid]):
                    best[qid] = row
        flips = []
        for qid, row in best.items():
            if old_best.get(qid) != row[1]:
                if qid in old_best:
                    flips.append((0, old_best[qid]))
                flips.append((1, row[1]))
        cur.executemany("UPDATE quote_appearances SET earliest = ? WHERE id = ?", flips)
        fresh_ids = {q[0] for q in new_quotes.values()}
        added = Counter(app[1] for app in app_rows if app[1] in touched and app[1] not in fresh_ids)
        cur.executemany("UPDATE quotes SET appearances = appearances + ? WHERE id = ?", [(n, qid) for qid, n in added.items()])

    def _assign_stories(self, cur: Any, items: list[tuple[int, list[int], str | None]]) -> None:
        """Join each article to the story of its confirmed neighbours (earlier ids only).

        Two candidate sources (see stories.py): LSH band keys (``_lsh_candidates``),
        confirmed with facts (days, entities, dates) read for the whole batch at once; and
        shared specific entities (``_entity_pairs``). The story assignment then runs in
        memory (union of story ids) before one write-back.
        """
        shared = self._lsh_candidates(cur, items)
        confirmed: dict[int, list[int]] = {}
        story_of: dict[int, int | None] = {}
        if shared:
            ids = sorted(set(shared) | {c for found in shared.values() for c in found})
            info = {r[0]: (r[1], r[2]) for r in self._select_in(cur, "SELECT id, day, story_id FROM articles WHERE id IN ({in})", ids)}
            ents: dict[int, set] = defaultdict(set)
            for a, e in self._select_in(cur, "SELECT article_id, entity_id FROM article_entities WHERE article_id IN ({in})", ids):
                ents[a].add(e)
            dates: dict[int, set] = defaultdict(set)
            for a, d in self._select_in(cur, "SELECT article_id, date_from FROM dates WHERE relative = 0 AND date_from IS NOT NULL AND article_id IN ({in})", ids):
                dates[a].add(d)
            story_of = {a: sid for a, (_, sid) in info.items()}
            for aid, found in shared.items():
                day = info[aid][0]
                ok = [c for c in found if confirm(found[c], day, info[c][0], ents[aid], ents[c], dates[aid], dates[c])]
                if ok:
                    confirmed[aid] = ok
        for aid, more in self._entity_pairs(cur, [(aid, day) for aid, _, day in items], confirmed).items():
            confirmed[aid] = confirmed.get(aid, []) + more
        if not confirmed:
            return
        unknown = sorted(({c for ok in confirmed.values() for c in ok} | set(confirmed)) - story_of.keys())
        story_of.update(self._select_in(cur, "SELECT id, story_id FROM articles WHERE id IN ({in})", unknown))
        parent: dict[int, int] = {}  # story merges: story id -> the story it joined

        def find(sid: int) -> int:
            while sid in parent:
                sid = parent[sid]
            return sid

        next_story = self._next_id(cur, "stories")
        changed: set[int] = set()
        for aid in sorted(confirmed):
            ok = confirmed[aid]
            roots = sorted({find(story_of[c]) for c in ok + [aid] if story_of.get(c) is not None})
            if roots:
                target = roots[0]
                for other in roots[1:]:
                    parent[other] = target
            else:
                target = next_story
                next_story += 1
            for member in ok + [aid]:
                if story_of.get(member) is None or find(story_of[member]) != target:
                    story_of[member] = target
                    changed.add(member)
        merged = sorted(parent)
        for chunk in _chunks(merged):  # rows outside this batch's view follow their story
            for old in chunk:
                cur.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [find(old), old])
            cur.execute(f"DELETE FROM stories WHERE id IN ({_marks(len(chunk))})", chunk)
        cur.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(find(story_of[a]), a) for a in sorted(changed)])
        for sid in sorted({find(story_of[a]) for a in changed} | {find(m) for m in merged}):
            self._refresh_story(cur, sid)

    def _lsh_candidates(self, cur: Any, items: list[tuple[int, list[int], str | None]]) -> dict[int, dict[int, int]]:
        """Earlier articles sharing band keys with each article: article -> {candidate: shared keys}.

        From the in-memory band index (``BandIndex.candidates``: time window, earlier ids,
        the ``MAX_CANDIDATES`` with the most shared keys), brought up to the archive's newest
        article first.
        """
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM articles")
        return self._band_index(cur, int(cur.fetchone()[0])).candidates(items, MAX_CANDIDATES)

    def _entity_pairs(self, cur: Any, items: list[tuple[int, str | None]], skip: dict[int, list[int]]) -> dict[int, list[int]]:
        """Earlier articles sharing specific entities with each article, confirmed by lemma overlap.

        The second candidate source of stories.py, bounded per article: ``entity_days``
        (keyed by entity and day) first says whether any other article of the window
        mentions the entity at all, which ends the work for most articles; the rest read at
        most ``MAX_ENTITY_POSTINGS`` postings and compare lemma sets with at most
        ``MAX_ENTITY_CANDIDATES`` articles. Pairs in ``skip`` (confirmed already) are left out.

        Returns:
            article id -> confirmed earlier article ids.
        """
        if not items:
            return {}
        day_of = dict(items)
        cur.execute("SELECT COALESCE(MAX(id), 0) FROM articles")
        archive = int(cur.fetchone()[0])  # ids are dense: the archive size without a count
        mine: dict[int, dict[int, list]] = defaultdict(dict)  # article -> specific entity -> [type, own mentions]
        for aid, eid, kind, n, seen in self._select_in(
            cur,
            "SELECT ae.article_id, ae.entity_id, ae.type, ae.mentions, e.articles FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
            f"WHERE ae.article_id IN ({{in}}) AND ae.type IN ({_marks(len(STORY_ENTITY_TYPES))})",
            list(day_of),
            STORY_ENTITY_TYPES,
        ):
            if seen >= 2 and is_specific(seen, archive):  # mentioned elsewhere, and not everywhere
                mine[aid].setdefault(eid, [kind, 0])[1] += n
        if not mine:
            return {}
        resolved: dict[int, set[str]] = defaultdict(set)
        for a, d_from, d_to in self._select_in(cur, "SELECT article_id, date_from, date_to FROM dates WHERE relative = 0 AND date_from IS NOT NULL AND article_id IN ({in})", list(mine)):
            if resolved_date(d_from, d_to):
                resolved[a].add(d_from)

        def could_pair(aid: int, eids: Iterable[int]) -> bool:
            kinds = [mine[aid][e][0] for e in eids]
            return len(kinds) >= MIN_SHARED_ENTITIES or ("PER" in kinds and bool(resolved[aid]))

        live: dict[int, set[int]] = defaultdict(set)  # article -> entities another article of its window may share
        probes = []
        for aid, ents in mine.items():
            if not could_pair(aid, ents):
                continue
            if day_of[aid] is None:  # entity_days holds dated mentions only: probe undated ones directly
                live[aid] = set(ents)
            else:
                lo, hi = window_days(day_of[aid])
                probes.extend((aid, eid, lo, hi) for eid in ents)
        for aid, eid, day, n in self._probe(
            cur,
            ("article_id", "entity_id", "lo", "hi"),
            probes,
            "SELECT p.article_id, p.entity_id, d.day, d.n FROM probe p JOIN entity_days d ON d.entity_id = p.entity_id AND d.day >= p.lo AND d.day <= p.hi",
        ):
            own = mine[aid][eid][1]
            # Another article's mention: on another day, or more mentions on this day than
            # this article's own (an article with no mention rows cannot be told apart).
            if day != day_of[aid] or n > own or own == 0:
                live[aid].add(eid)
        found: dict[int, list[tuple[int, int, int]]] = {}  # article -> [(candidate, shared, shared persons)]
        for aid in sorted(live):
            eids = sorted(live[aid])
            if not could_pair(aid, eids):
                continue
            window, params = "a.day IS NULL", []
            if day_of[aid] is not None:
                window, params = "a.day >= ? AND a.day <= ?", list(window_days(day_of[aid]))
            cur.execute(
                "SELECT p.article_id, COUNT(DISTINCT p.entity_id), COUNT(DISTINCT CASE WHEN p.type = 'PER' THEN p.entity_id END) "
                f"FROM (SELECT article_id, entity_id, type FROM article_entities WHERE entity_id IN ({_marks(len(eids))}) AND article_id < ? "
                f"ORDER BY article_id DESC LIMIT ?) p JOIN articles a ON a.id = p.article_id WHERE {window} GROUP BY p.article_id",
                eids + [aid, MAX_ENTITY_POSTINGS] + params,
            )
            done = set(skip.get(aid, ()))
            rows = [r for r in cur.fetchall() if r[0] not in done and (r[1] >= MIN_SHARED_ENTITIES or (r[2] and resolved[aid]))]
            if rows:
                found[aid] = rows
        if not found:
            return {}
        dated = sorted({c for rows in found.values() for c, n, _ in rows if n < MIN_SHARED_ENTITIES} - resolved.keys())
        for a, d_from, d_to in self._select_in(cur, "SELECT article_id, date_from, date_to FROM dates WHERE relative = 0 AND date_from IS NOT NULL AND article_id IN ({in})", dated):
            if resolved_date(d_from, d_to):
                resolved[a].add(d_from)
        pairs: dict[int, list[int]] = {}
        for aid, rows in found.items():
            ok = [(n, c) for c, n, persons in rows if entity_candidate(n, persons, bool(resolved[aid] & resolved.get(c, set())))]
            if ok:
                pairs[aid] = [c for _, c in sorted(ok, reverse=True)[:MAX_ENTITY_CANDIDATES]]
        if not pairs:
            return {}
        if self._content is None:
            self._content = ContentWords(self.lemmatizer)
        ids = set(pairs) | {c for cands in pairs.values() for c in cands}
        lemmas = {aid: self._content.lemma_set(text) for aid, text in self._select_in(cur, "SELECT id, text FROM articles WHERE id IN ({in})", sorted(ids))}
        out: dict[int, list[int]] = {}
        for aid, cands in pairs.items():
            ok = [c for c in cands if jaccard(lemmas.get(aid, frozenset()), lemmas.get(c, frozenset())) >= LEMMA_JACCARD]
            if ok:
                out[aid] = ok
        return out

    def _refresh_story(self, cur: Any, sid: int) -> None:
        """Recompute a story's title (its earliest article's), size, sources and dates."""
        cur.execute("SELECT COUNT(*), COUNT(DISTINCT source_id), MIN(published), MAX(published) FROM articles WHERE story_id = ?", [sid])
        size, sources, first, last = cur.fetchone()
        cur.execute("SELECT title FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, id LIMIT 1", [sid])
        row = cur.fetchone()
        cur.execute("DELETE FROM stories WHERE id = ?", [sid])
        if size:
            cur.execute("INSERT INTO stories (id, title, size, sources, first_published, last_published) VALUES (?, ?, ?, ?, ?, ?)", [sid, row[0] if row else None, size, sources, first, last])

    def recluster(self, chunk: int = 5000) -> int:
        """Rebuild all stories from the stored band keys, in ingest order (one transaction).

        Returns:
            The number of stories with two or more articles.
        """
        with self._write() as cur:
            cur.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
            cur.execute("DELETE FROM stories")
            last = 0
            while True:
                cur.execute("SELECT id, day FROM articles WHERE id > ? AND linked = 1 ORDER BY id LIMIT ?", [last, chunk])
                arts = cur.fetchall()
                if not arts:
                    break
                keys = {a: unpack_keys(k) for a, k in self._select_in(cur, "SELECT article_id, keys FROM story_bands WHERE article_id IN ({in})", [a[0] for a in arts])}
                self._assign_stories(cur, [(a, keys.get(a, []), d) for a, d in arts])
                last = arts[-1][0]
            cur.execute("SELECT COUNT(*) FROM stories")
            return int(cur.fetchone()[0])

    # ------------------------------------------------------------------ reading articles

    def _article_from_row(self, cur: Any, aid: int, text: str, raw: str) -> Article:
        """Rebuild the stored Article (text and paragraphs from their columns)."""
        data = _load_raw(raw)
        data["text"] = text
        article = Article.from_dict(data)
        if "paragraphs" not in data:
            article.paragraphs = [text[b.start : b.end] for b in article.blocks if b.kind == "paragraph"]
        return article

    def article(self, article_id: int) -> Article | None:
        """The stored Article, with ``extras["store"]`` = id, story, corpus entity ids; None if absent."""
        if not 0 < int(article_id) <= MAX_ID:  # the database cannot even compare it (OverflowError)
            return None
        rows = self._read("SELECT id, text, raw, story_id FROM articles WHERE id = ?", [int(article_id)])
        if not rows:
            return None
        aid, text, raw, story = rows[0]
        article = self._article_from_row(None, aid, text, raw)
        links = dict(self._read("SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", [aid]))
        article.extras["store"] = {"id": aid, "story": story, "entities": links}
        return article

    def articles(self, limit: int = 50, cursor: int | None = None) -> tuple[list[dict], int | None]:
        """Articles newest-ingested first, keyset-paginated.

        Args:
            limit: page size.
            cursor: the ``next`` value of the previous page (None for the first page).

        Returns:
            (rows, next cursor or None at the end).
        """
        rows = self._read(
            "SELECT a.id, a.title, s.name, a.published, a.url, a.views, a.n_quotes, a.story_id FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
            "WHERE a.id < ? ORDER BY a.id DESC LIMIT ?",
            [cursor if cursor is not None else 2**62, limit + 1],
        )
        keys = ("id", "title", "source", "published", "url", "views", "quotes", "story")
        page = [dict(zip(keys, r)) for r in rows[:limit]]
        return page, (page[-1]["id"] if len(rows) > limit else None)

    def sources(self) -> list[dict]:
        """Every source with its article count and first/last publication."""
        rows = self._read(
            "SELECT s.id, s.name, COUNT(a.id), MIN(a.published), MAX(a.published) FROM sources s LEFT JOIN articles a ON a.source_id = s.id "
            "GROUP BY s.id, s.name ORDER BY COUNT(a.id) DESC, s.name"
        )
        return [dict(zip(("id", "name", "articles", "first", "last"), r)) for r in rows]

    # ------------------------------------------------------------------ search

    def _source_filter(self, source: str) -> list[int]:
        """Source ids whose name matches ``source`` case-insensitively (any script)."""
        want = source.casefold().strip()
        return [r[0] for r in self._read("SELECT id, name FROM sources") if r[1].casefold() == want]

    def find_entities(self, name_or_id: Any, type: str | None = None, limit: int = 20) -> list[int]:
        """Corpus entity ids for an id or a name in any grammatical form, best first.

        Every word of the name must match a word of one of the entity's aliases
        ("Абдрахманов" finds "Кайрат Абдрахманов"). Exact name matches come first, then
        the most mentioned.
        """
        if isinstance(name_or_id, int) or (isinstance(name_or_id, str) and name_or_id.strip().isascii() and name_or_id.strip().isdecimal()):
            if not 0 < int(name_or_id) <= MAX_ID:  # the database cannot even compare it (OverflowError)
                return []
            rows = self._read("SELECT id, merged_into FROM entities WHERE id = ?", [int(name_or_id)])
            seen = set()
            while rows and rows[0][1] is not None and rows[0][1] not in seen:  # follow merges
                seen.add(rows[0][1])
                rows = self._read("SELECT id, merged_into FROM entities WHERE id = ?", [rows[0][1]])
            return [rows[0][0]] if rows else []
        terms = self.lemmatizer.query_terms(str(name_or_id), function_words=True)  # names keep their "и"
        if not terms:
            return []
        conds, params = [], []
        for term in terms:
            variants = list(term) + [normalize_word(t) for t in term]
            variants = list(dict.fromkeys(variants))
            conds.append(f"e.id IN (SELECT entity_id FROM entity_words WHERE word IN ({_marks(len(variants))}))")
            params.extend(variants)
        if type:
            conds.append("e.type = ?")
            params.append(type)
        rows = self._read(
            f"SELECT e.id, e.name, e.mentions FROM entities e WHERE e.merged_into IS NULL AND {' AND '.join(conds)} ORDER BY e.mentions DESC, e.id LIMIT ?",
            params + [max(limit, 50)],
        )
        want = normalize_word(" ".join(str(name_or_id).split()))
        rows.sort(key=lambda r: (normalize_word(r[1]) != want, -r[2], r[0]))
        return [r[0] for r in rows[:limit]]

    def search(
        self,
        query: str,
        *,
        source: str | None = None,
        date_from: Any = None,
        date_to: Any = None,
        entity: Any = None,
        entity_type: str | None = None,
        has_quote: bool | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search over lemmatised title+text, ranked by BM25, with snippets.

        A query matching more than ``RANK_POOL`` articles (after filters) is ranked among
        its ``RANK_POOL`` most recently stored matches only (see the code for why).

        Args:
            query: words in any grammatical form, all must match ("Абдрахманов заявил").
                An empty query lists the filtered articles newest first.
            source: outlet name (case-insensitive).
            date_from, date_to: publication day range, inclusive (ISO string or date).
            entity: corpus entity id or name (any form); articles mentioning it.
            entity_type: articles mentioning an entity of this type ("PER", "ORG", "LOC").
            has_quote: only articles with (True) or without (False) quotations.
            limit, offset: paging.

        Returns:
            ``SearchHit`` list, best first.
        """
        conds, params = [], []
        if source:
            ids = self._source_filter(source)
            if not ids:
                return []
            conds.append(f"a.source_id IN ({_marks(len(ids))})")
            params.extend(ids)
        if _iso_day(date_from):
            conds.append("a.day >= ?")
            params.append(_iso_day(date_from))
        if _iso_day(date_to):
            conds.append("a.day <= ?")
            params.append(_iso_day(date_to))
        if entity is not None and entity != "":
            ids = self.find_entities(entity, limit=20)
            if not ids:
                return []
            conds.append(f"EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND ae.entity_id IN ({_marks(len(ids))}))")
            params.extend(ids)
        if entity_type:
            conds.append("EXISTS (SELECT 1 FROM article_entities ae2 WHERE ae2.article_id = a.id AND ae2.type = ?)")
            params.append(entity_type)
        if has_quote is not None:
            conds.append("a.n_quotes > 0" if has_quote else "a.n_quotes = 0")
        terms = self.lemmatizer.query_terms(query or "")
        if not terms and WORD_RE.search(query or ""):
            return []  # only function words ("и в"): not indexed, nothing to find
        # Two steps: rank ids with small columns only, then read the texts of the page.
        if terms:
            # A very common word matches a third of the archive, and scoring every match
            # was the slow search (p95 154 ms at 100k on SQLite, 605 ms on PostgreSQL). Rank
            # only the newest matches (see ``_rank``). Trade-off: for such queries an older
            # article never ranks, however well it scores.
            pool = max(RANK_POOL, RANK_POOL_PAGES * (offset + limit))
            ranked = self._rank(self._fts_query(self._expand_terms(terms)), conds, params, pool, limit, offset)
        else:
            where = " AND ".join(conds) or "1 = 1"
            sql = f"SELECT a.id, 0.0 AS score FROM articles a WHERE {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
            ranked = self._read(sql, params + [limit, offset])
        if not ranked:
            return []
        scores = dict(ranked)
        page = {
            r[0]: r
            for r in self._read(
                f"SELECT a.id, a.title, s.name, a.published, a.url, a.text FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({_marks(len(scores))})",
                list(scores),
            )
        }
        rows = [page[aid] + (scores[aid],) for aid, _ in ranked if aid in page]
        hits = []
        for aid, title, src, published, url, text, score in rows:
            snip = make_snippet(text, terms, self.lemmatizer)
            hits.append(SearchHit(aid, title, src, published, url, float(score), snip.html, snip.text, snip.highlights))
        return hits

    # ------------------------------------------------------------------ entities, quotes, stories

    def entities(self, type: str | None = None, query: str | None = None, limit: int = 50) -> list[dict]:
        """Corpus entities, most mentioned first; ``query`` matches names in any form."""
        conds, params = ["merged_into IS NULL"], []
        if type:
            conds.append("type = ?")
            params.append(type)
        if query:
            ids = self.find_entities(query, type=type, limit=limit)
            if not ids:
                return []
            conds.append(f"id IN ({_marks(len(ids))})")
            params.extend(ids)
        rows = self._read(
            f"SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE {' AND '.join(conds)} ORDER BY mentions DESC, id LIMIT ?",
            params + [limit],
        )
        return [dict(zip(("id", "type", "name", "mentions", "articles", "first_seen", "last_seen"), r)) for r in rows]

    def entity_profile(self, name_or_id: Any, top: int = 10) -> dict | None:
        """Everything known about one corpus entity; None when not found.

        Returns:
            dict with id, name, type, aliases, roles (role, first_seen, last_seen,
            articles), co_mentioned (top entities sharing articles), quotes (latest),
            mentions_per_month, mentions, articles, first_seen, last_seen, alternatives
            (other entities the name could mean).
        """
        ids = self.find_entities(name_or_id)
        if not ids:
            return None
        eid = ids[0]
        row = self._read("SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE id = ?", [eid])[0]
        profile = dict(zip(("id", "type", "name", "mentions", "articles", "first_seen", "last_seen"), row))
        profile["aliases"] = sorted(r[0] for r in self._read("SELECT alias FROM aliases WHERE entity_id = ?", [eid]))
        profile["roles"] = [
            dict(zip(("role", "first_seen", "last_seen", "articles"), r))
            for r in self._read("SELECT role, MIN(seen), MAX(seen), COUNT(DISTINCT article_id) FROM roles WHERE entity_id = ? GROUP BY role ORDER BY MIN(seen), role", [eid])
        ]
        profile["co_mentioned"] = [
            dict(zip(("id", "name", "type", "articles"), r))
            for r in self._read(
                "SELECT e.id, e.name, e.type, COUNT(DISTINCT b.article_id) FROM article_entities x JOIN article_entities b ON b.article_id = x.article_id "
                "JOIN entities e ON e.id = b.entity_id WHERE x.entity_id = ? AND b.entity_id <> ? GROUP BY e.id, e.name, e.type "
                "ORDER BY COUNT(DISTINCT b.article_id) DESC, e.id LIMIT ?",
                [eid, eid, top],
            )
        ]
        profile["quotes"] = self.quotes(speaker=eid, limit=top)
        months: Counter = Counter()
        for day, n in self.entity_days(eid).items():
            months[day[:7]] += n
        profile["mentions_per_month"] = dict(sorted(months.items()))
        profile["alternatives"] = [e for e in ids[1:6]]
        return profile

    def entity_days(self, entity_id: int) -> dict[str, int]:
        """Mentions per publication day (ISO) of one corpus entity, in day order."""
        return {str(day): int(n) for day, n in self._read("SELECT day, n FROM entity_days WHERE entity_id = ? ORDER BY day", [entity_id])}

    def quotes(self, speaker: Any = None, about: str | None = None, date_from: Any = None, date_to: Any = None, limit: int = 50) -> list[dict]:
        """Corpus quotes, latest first, each with its earliest appearance and all appearances.

        Args:
            speaker: entity id or name in any form ("Абдрахманов" matches "Кайрат
                Абдрахманов"); falls back to the written speaker name for non-entities.
            about: words (any form) that must all occur in the quotation.
            date_from, date_to: day range of the earliest appearance, inclusive.
            limit: at most this many quotes.
        """
        conds, params = [], []
        if speaker is not None and speaker != "":
            ids = self.find_entities(speaker)
            if ids:
                conds.append(f"EXISTS (SELECT 1 FROM quote_appearances x WHERE x.quote_id = q.id AND x.speaker_id IN ({_marks(len(ids))}))")
                params.extend(ids)
            else:
                conds.append("EXISTS (SELECT 1 FROM quote_appearances x WHERE x.quote_id = q.id AND x.speaker_name LIKE ?)")
                params.append(f"%{speaker}%")
        for term in self.lemmatizer.query_terms(about or "", function_words=True):
            conds.append("(" + " OR ".join(["(' ' || q.lemmas || ' ') LIKE ?"] * len(term)) + ")")
            params.extend(f"% {t} %" for t in term)
        if _iso_day(date_from):
            conds.append("a.day >= ?")
            params.append(_iso_day(date_from))
        if _iso_day(date_to):
            conds.append("a.day <= ?")
            params.append(_iso_day(date_to))
        where = " AND ".join(conds) or "1 = 1"
        rows = self._read(
            "SELECT q.id, q.text, q.speaker_id, COALESCE(e.name, q.speaker_name, qa.speaker_name), qa.kind, qa.cue, qa.article_id, a.published, s.name, a.url, q.appearances "
            "FROM quotes q JOIN quote_appearances qa ON qa.quote_id = q.id AND qa.earliest = 1 JOIN articles a ON a.id = qa.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id "
            f"WHERE {where} ORDER BY a.published IS NULL, a.published DESC, q.id DESC LIMIT ?",
            params + [limit],
        )
        keys = ("id", "text", "speaker_id", "speaker", "kind", "cue", "article_id", "published", "source", "url", "count")
        out = [dict(zip(keys, r)) for r in rows]
        apps: dict[int, list] = defaultdict(list)
        if out:
            with self._reading() as cur:
                for r in self._select_in(
                    cur,
                    "SELECT qa.quote_id, qa.article_id, s.name, a.published, a.url, qa.earliest, qa.via FROM quote_appearances qa JOIN articles a ON a.id = qa.article_id "
                    "LEFT JOIN sources s ON s.id = a.source_id WHERE qa.quote_id IN ({in}) ORDER BY qa.published IS NULL, qa.published, qa.article_id",
                    [q["id"] for q in out],
                ):
                    apps[r[0]].append(dict(zip(("article_id", "source", "published", "url", "earliest", "via"), r[1:])))
        for q in out:
            q["appearances"] = apps[q["id"]]
        return out

    def stories(self, limit: int = 20) -> list[dict]:
        """Stories (two or more articles), largest and most recent first, with their articles."""
        rows = self._read("SELECT id, title, size, sources, first_published, last_published FROM stories ORDER BY size DESC, last_published DESC, id LIMIT ?", [limit])
        out = [dict(zip(("id", "title", "size", "sources", "first_published", "last_published"), r)) for r in rows]
        members: dict[int, list] = defaultdict(list)
        if out:
            with self._reading() as cur:
                for r in self._select_in(
                    cur,
                    "SELECT a.story_id, a.id, a.title, s.name, a.published, a.url FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
                    "WHERE a.story_id IN ({in}) ORDER BY a.published IS NULL, a.published, a.id",
                    [s["id"] for s in out],
                ):
                    members[r[0]].append(dict(zip(("id", "title", "source", "published", "url"), r[1:])))
        for s in out:
            s["articles"] = members[s["id"]]
        return out

    def rejected(self, limit: int | None = 100) -> list[dict]:
        """The latest rejected inputs (all of them when ``limit`` is None), each with the number of inputs it stands for."""
        sql = "SELECT name, reason, at, n FROM rejected ORDER BY id DESC"
        rows = self._read(sql + " LIMIT ?", [limit]) if limit is not None else self._read(sql)
        return [dict(zip(("name", "reason", "at", "count"), r)) for r in rows]

    def stats(self) -> dict:
        """Counts and dates of the archive, the schema version and the size on disk."""
        one = lambda sql: self._read(sql)[0]  # noqa: E731
        # Days, not the published strings: those mix forms (with and without time or zone),
        # and their text order is not time order.
        articles, first, last = one("SELECT COUNT(*), MIN(day), MAX(day) FROM articles")
        by_type = dict(self._read("SELECT type, COUNT(*) FROM entities WHERE merged_into IS NULL GROUP BY type"))
        size = self.size_bytes()
        return {
            "articles": articles,
            "pending": one("SELECT COUNT(*) FROM articles WHERE linked = 0")[0],
            "sources": one("SELECT COUNT(*) FROM sources")[0],
            "entities": sum(by_type.values()),
            "entities_by_type": by_type,
            "quotes": one("SELECT COUNT(*) FROM quotes")[0],
            "quote_appearances": one("SELECT COUNT(*) FROM quote_appearances")[0],
            "stories": one("SELECT COUNT(*) FROM stories")[0],
            "rejected": one("SELECT COALESCE(SUM(n), 0) FROM rejected")[0],
            "first_published": first,
            "last_published": last,
            "schema_version": self.schema_version(),
            "size_bytes": size,
            "bytes_per_article": round(size / articles) if articles else None,
            "backend": self.dialect,
        }

    def export(self, fmt: str, out: TextIO | str | Path, *, what: str = "articles") -> int:
        """Write the archive as JSON lines (the full Article) or CSV (rows a spreadsheet reads).

        Args:
            fmt: "jsonl" or "csv".
            out: a text stream or a path.
            what: "articles" (one row or line per article; CSV columns in ``CSV_ARTICLE_COLUMNS``)
                or "quotes" (one per statement, with its article; ``CSV_QUOTE_COLUMNS``).

        Returns:
            The number of rows (articles or statements) written.
        """
        if fmt not in ("jsonl", "csv"):
            raise ValueError(f"unknown export format {fmt!r}: use 'jsonl' or 'csv'")
        if what not in ("articles", "quotes"):
            raise ValueError(f"unknown export {what!r}: use 'articles' or 'quotes'")
        if isinstance(out, (str, Path)):
            with open(out, "w", encoding="utf-8", newline="") as fh:
                return self.export(fmt, fh, what=what)
        writer = csv.writer(out) if fmt == "csv" else None
        if writer:
            writer.writerow(CSV_QUOTE_COLUMNS if what == "quotes" else CSV_ARTICLE_COLUMNS)
        n, last = 0, 0
        while True:
            rows = self._read(
                "SELECT a.id, a.url, s.name, a.published, a.title, a.views, a.text, a.raw, a.story_id FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
                "WHERE a.id > ? ORDER BY a.id LIMIT 1000",
                [last],
            )
            if not rows:
                return n
            for aid, url, src, published, title, views, text, raw, story in rows:
                if what == "quotes":
                    data = _load_raw(raw)
                    for q in data.get("quotes", []):
                        speaker = (q.get("speaker") or {}).get("name")
                        record = [aid, url, src, published, title, speaker, q.get("kind"), q.get("cue"), q.get("via"), q.get("text")]
                        if writer:
                            writer.writerow(record)
                        else:
                            out.write(json.dumps(dict(zip(CSV_QUOTE_COLUMNS, record)), ensure_ascii=False) + "\n")
                        n += 1
                    continue
                if writer:
                    data = _load_raw(raw)
                    names: dict[str, list[str]] = {"PER": [], "ORG": [], "LOC": []}
                    for e in data.get("entities", []):
                        if e.get("type") in names and e.get("name"):
                            names[e["type"]].append(e["name"])
                    writer.writerow([aid, url, src, published, title, views, *("; ".join(names[t]) for t in ("PER", "ORG", "LOC")),
                                     len(data.get("quotes", [])), story])
                else:
                    article = self._article_from_row(None, aid, text, raw)
                    article.extras["store"] = {"id": aid, "story": story}
                    out.write(article.to_json() + "\n")
                n += 1
            last = rows[-1][0]


def export_string(store: Store, fmt: str) -> str:
    """``Store.export`` into a string (tests, small archives)."""
    buf = io.StringIO()
    store.export(fmt, buf)
    return buf.getvalue()
