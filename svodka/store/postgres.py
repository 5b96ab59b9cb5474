"""PostgreSQL backend (psycopg 3): tsvector search with a GIN index, advisory-lock single writer.

The URL is a libpq URL (``postgresql://user@host:5432/db``) and may carry
``?schema=name`` (ours, removed before connecting): the archive then lives in that schema
(created if missing), so several archives — or test runs — share one database.

Writes take ``pg_advisory_xact_lock`` first: one writer per archive at a time, like
SQLite's ``BEGIN IMMEDIATE``, which our id allocation (``MAX(id) + 1``) relies on.
"""

from __future__ import annotations

import re
import zlib
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from ..errors import StoreError
from .database import Database

__all__ = ["PostgresDatabase"]

# Seconds to wait for the server to accept a connection.
CONNECT_TIMEOUT = 5
# Milliseconds a writer waits for another writer's advisory lock before giving up.
LOCK_TIMEOUT_MS = 30_000
# Read connections at most (one per reading thread); further threads share the writer's.
MAX_READERS = 8
# A schema name we accept (it is interpolated into SET search_path).
SCHEMA_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


class _Cursor:
    """A psycopg cursor that takes ``?`` placeholders (the shared SQL's style)."""

    def __init__(self, cur: Any):
        self._cur = cur
        self._sql: dict[str, str] = {}

    def _convert(self, sql: str) -> str:
        """``?`` -> ``%s`` (the shared SQL holds no literal ``?`` or ``%``), cached."""
        got = self._sql.get(sql)
        if got is None:
            got = self._sql[sql] = sql.replace("?", "%s")
        return got

    def execute(self, sql: str, params: Any = ()) -> None:
        self._cur.execute(self._convert(sql), list(params) or None)

    def executemany(self, sql: str, rows: Any) -> None:
        rows = list(rows)
        if rows:
            self._cur.executemany(self._convert(sql), rows)

    def fetchall(self) -> list[tuple]:
        return self._cur.fetchall()

    def fetchone(self) -> tuple | None:
        return self._cur.fetchone()

    @property
    def description(self) -> Any:
        return self._cur.description


class PostgresDatabase(Database):
    """The archive in a PostgreSQL database (optionally in its own schema)."""

    dialect = "postgresql"
    driver_errors = (psycopg.Error,)

    def __init__(self, url: str, *, schema: str | None = None) -> None:
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        self.schema = schema or query.pop("schema", None)
        if self.schema is not None and not SCHEMA_RE.match(self.schema):
            raise StoreError(_redact(url), f"bad schema name {self.schema!r}: use letters, digits and _")
        self.url = urlunsplit(parts._replace(query=urlencode(query)))
        self._conn: psycopg.Connection | None = None
        super().__init__(_redact(url))

    def _open(self) -> None:
        """Connect (autocommit; writes open explicit transactions) and select the schema."""
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        self._conn = conn
        if self.schema:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            conn.execute(f'SET search_path TO "{self.schema}"')
        self._lock_key = zlib.crc32(f"svodka:{self.schema or 'public'}".encode())

    def _open_reader(self) -> psycopg.Connection | None:
        """An autocommit connection for the calling thread (up to ``MAX_READERS``)."""
        if self._conn is None or len(self._readers) >= MAX_READERS:
            return None
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        if self.schema:
            conn.execute(f'SET search_path TO "{self.schema}"')
        return conn

    def _reader_cursor(self, conn: psycopg.Connection) -> Any:
        """A ``?``-placeholder cursor on a read connection."""
        return _Cursor(conn.cursor())

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self.lock:
            self._close_readers()
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def drop_schema(self) -> None:
        """Drop this store's schema and everything in it (tests; never the public schema)."""
        if not self.schema:
            raise StoreError(self.name, "refusing to drop: the store has no schema of its own")
        with self.lock, self.guard("drop failed"):
            self._connection().execute(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE')

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """BEGIN, take the archive's advisory lock, yield a cursor; COMMIT or ROLLBACK."""
        conn = self._connection()
        with conn.transaction():
            cur = conn.cursor()
            cur.execute(f"SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}")
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [self._lock_key])
            yield _Cursor(cur)

    def _cursor(self) -> Any:
        """A cursor for one read (autocommit)."""
        return _Cursor(self._connection().cursor())

    def _explain_error(self, exc: BaseException) -> str:
        """Name the usual causes: server down, wrong credentials, lock timeout."""
        text = " ".join(str(exc).split())
        if isinstance(exc, psycopg.OperationalError) and ("connect" in text or "refused" in text or "timeout" in text):
            return f"cannot connect to PostgreSQL ({text}); is the server running and the URL right?"
        if "lock timeout" in text:
            return f"another writer holds the archive lock ({text}); retry when it has finished"
        return f"{type(exc).__name__}: {text}"

    def fts_insert(self, cur: Any, rows: list[tuple[int, str, str]]) -> None:
        """Add tsvector rows (title weighted A, body D, 'simple' config: no stemming) with the article's filter columns."""
        cur.executemany(
            "INSERT INTO article_search (id, source_id, day, n_quotes, language, tsv) SELECT a.id, a.source_id, a.day, a.n_quotes, a.language, "
            "setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'D') FROM articles a WHERE a.id = ?",
            [(title, body, aid) for aid, title, body in rows],
        )

    def language_condition(self) -> str:
        """The language filter: the copy on ``a`` (an article_search or articles row alike)."""
        return "a.language = ?"

    def fts_query(self, terms: list[tuple[str, ...]], filtered: bool = True) -> tuple[str, str, str, list, str]:
        """A tsquery of every term (any of its base forms), ranked by ts_rank_cd.

        ``a`` is the article_search row itself: it carries the columns the filters use.
        """
        query = " & ".join("(" + " | ".join(term) + ")" for term in terms)
        return (
            "article_search a CROSS JOIN to_tsquery('simple', ?) AS tq",
            "a.tsv @@ tq",
            "ts_rank_cd(a.tsv, tq)",
            [query],
            "a.id",
        )

    def rank(self, fts: tuple[str, str, str, list, str], conds: list[str], params: list, pool: int, limit: int, offset: int) -> list[tuple]:
        """The page's (id, score), ranked among the ``pool`` newest matches in one statement.

        Reading a tsvector is the cost here (out of line: ~6 us each with lz4, ~14 us with
        pglz), so only the scoring reads them: the subquery takes the newest matches from
        the GIN bitmap and the short rows (id and filter columns), and only its ``pool``
        rows are scored. The planner does not count that cost, so it matched a common word
        by a sequential scan testing every tsvector (p95 605 ms at 100k): hence
        ``enable_seqscan = off`` for this statement, and no btree index on article_search
        (schema version 5; with one on id the planner took the newest ids from it and tested
        their tsvectors, 170 ms), which leaves the GIN bitmap as the only way in. Two
        statements (the pool's oldest id, then the bounded ranking: ``Database.rank``) built
        the bitmap twice: ~60 ms for a word in a third of 100k articles, ~40 ms in one.
        """
        from_sql, match_sql, score_sql, match_params, id_sql = fts
        where = " AND ".join([match_sql] + conds)
        # The subquery is named ``a`` and keeps tsv and tq, so the score expression applies to it as is.
        sql = (
            f"SELECT a.id, {score_sql} AS score FROM (SELECT a.id, a.tsv, tq FROM {from_sql} WHERE {where} ORDER BY {id_sql} DESC LIMIT ?) a "
            "ORDER BY score DESC, a.id DESC LIMIT ? OFFSET ?"
        )
        with self.reading() as cur:
            cur.execute("BEGIN")
            try:
                cur.execute("SET LOCAL enable_seqscan = off")
                cur.execute(sql, match_params + params + [pool, limit, offset])
                return cur.fetchall()
            finally:
                cur.execute("COMMIT")  # read only; after an error this ends the failed transaction

    def size_bytes(self) -> int:
        """Tables, indexes and TOAST of the archive's schema."""
        rows = self.execute(
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        )
        return int(rows[0][0])
