"""SQLite backend: one file, WAL mode, a single writer (``BEGIN IMMEDIATE``), FTS5 search.

WAL lets readers (the web UI) go on while one ingest writes; each reading thread gets its
own read-only connection, so readers also run in parallel with each other (the SQL part:
the Python part of a search, snippets, still takes the GIL). ``BEGIN IMMEDIATE`` takes the
write lock at the start of the transaction, so two writers queue (up to ``timeout``)
instead of failing half-way; a writer that still cannot get it gets a ``StoreError``.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from ..errors import StoreError
from .database import Database

__all__ = ["SQLiteDatabase"]

# Seconds a writer waits for another writer's lock before giving up.
DEFAULT_TIMEOUT = 10.0
# Page cache per connection, in KiB (negative = KiB for SQLite): 64 MiB keeps FTS merges in memory.
CACHE_KIB = 65536
# Prepared statements kept per connection: IN lists of many lengths would evict the default 128.
STATEMENT_CACHE = 1024
# FTS5 column weights for BM25: a word in the title counts like this many in the body.
TITLE_WEIGHT = 5.0
# Page cache of each read connection, in KiB: one per reading thread, and mmap serves the rest.
READER_CACHE_KIB = 16384
# Bytes of the file read through mmap instead of read() calls (readers and the writer).
MMAP_BYTES = 1 << 30
# WAL pages before an automatic checkpoint (default 1000 = 4 MB): a 1000-article batch
# writes ~10 MB, so the default checkpointed (and fsynced) inside every commit; commits
# took 3.7 s of 20 batches at 20k articles (cProfile), 2.5 s with this.
WAL_AUTOCHECKPOINT = 8000


class SQLiteDatabase(Database):
    """The archive in one SQLite file."""

    dialect = "sqlite"
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: str | Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        super().__init__(self.path)

    def _open(self) -> None:
        """Open the file (creating it), switch to WAL, set the busy timeout."""
        if self.path != ":memory:":
            parent = Path(self.path).resolve().parent
            if not parent.is_dir():
                raise StoreError(self.path, f"directory {parent} does not exist; create it or choose another path")
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False, cached_statements=STATEMENT_CACHE)
        self._conn = conn
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")

    def _open_reader(self) -> sqlite3.Connection | None:
        """A read-only connection for the calling thread (none for ``:memory:``: it is private)."""
        if self.path == ":memory:" or self._conn is None:
            return None
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False, cached_statements=STATEMENT_CACHE)
        conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB}")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        conn.execute("PRAGMA query_only = 1")
        return conn

    def _reader_cursor(self, conn: sqlite3.Connection) -> sqlite3.Cursor:
        """A cursor on a read connection."""
        return conn.cursor()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self.lock:
            self._close_readers()
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; ``ROLLBACK`` on any exception."""
        conn = self._connection()
        cur = conn.cursor()
        cur.execute("BEGIN IMMEDIATE")
        try:
            yield cur
        except BaseException:
            if conn.in_transaction:
                conn.rollback()
            raise
        conn.commit()

    def _cursor(self) -> Any:
        """A cursor on the shared connection."""
        return self._connection().cursor()

    def _explain_error(self, exc: BaseException) -> str:
        """Name the usual causes: another writer holds the lock; not a database file."""
        text = str(exc)
        if "locked" in text or "busy" in text:
            return f"database is locked by another process (waited {self.timeout:g} s); wait for the other writer to finish and retry"
        if "not a database" in text or "malformed" in text:
            return f"{text}: this file is not a svodka SQLite archive (or is damaged)"
        if "unable to open" in text or "readonly" in text:
            return f"{text}: check the path and its permissions"
        return f"{type(exc).__name__}: {text}"

    def fts_insert(self, cur: Any, rows: list[tuple[int, str, str]]) -> None:
        """Add rows to the contentless FTS5 table."""
        cur.executemany("INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)", rows)

    def fts_query(self, terms: list[tuple[str, ...]], filtered: bool = True) -> tuple[str, str, str, list, str]:
        """An FTS5 MATCH of every term (any of its base forms), BM25 ranked; joined to the articles for filters only.

        Without filters the ranking reads the full-text index alone: joining each of the
        ``RANK_POOL`` matches to its article row was a third of a common word's ranking
        (5.8 -> 3.9 ms at 100,000 articles).
        """
        groups = []
        for term in terms:
            alts = " OR ".join('"' + t.replace('"', "") + '"' for t in term)
            groups.append(f"({alts})")
        match = " AND ".join(groups)
        if not filtered:
            return ("article_fts", "article_fts MATCH ?", f"-bm25(article_fts, {TITLE_WEIGHT}, 1.0)", [match], "article_fts.rowid")
        return (
            # CROSS JOIN: SQLite keeps the left table outermost. Left to itself it drove the
            # id-ordered pool query from the source/day index, one MATCH per article (0.8 s).
            "article_fts CROSS JOIN articles a",
            "article_fts MATCH ? AND a.id = article_fts.rowid",
            f"-bm25(article_fts, {TITLE_WEIGHT}, 1.0)",  # bm25 is lower-is-better; score higher-is-better
            [match],
            "article_fts.rowid",  # FTS5 walks a MATCH in rowid order and seeks rowid bounds
        )

    def size_bytes(self) -> int:
        """The database file plus its WAL."""
        if self.path == ":memory:":
            return 0
        return sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))
