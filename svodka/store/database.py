"""The database object: connections, the single writer, reads in parallel.

    db = SQLiteDatabase("svodka.db")           # or PostgresDatabase(url, schema=...)
    schema.migrate(db)
    db.execute("SELECT id, title FROM articles WHERE id = ?", [1]).first()
    db.execute_write_fn(lambda cur: cur.execute("DELETE FROM rejected"))
    with db.write() as cur: ...                # one transaction, all or nothing

One writer: writes go through one connection under a lock, in a transaction the backend
opens so that a second writer (another process) queues instead of failing half-way
(SQLite ``BEGIN IMMEDIATE``, PostgreSQL an advisory lock). Reads use a connection of their
own per thread, so web requests run in parallel with each other and with an ingest;
backends without that (SQLite ``:memory:``) read on the writer's connection under the lock.

A backend (``sqlite.py``, ``postgres.py``) says how to connect, how to open the write
transaction, how to fill and query its full-text index and which driver errors mean
"database unusable". All other SQL is written once, in text both engines accept (``?``
placeholders; the PostgreSQL cursor rewrites them), by the modules that take this object:
``ingest``, ``corpus``, ``linking``, ``stories``, ``queries``, ``export``.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import StoreError

__all__ = ["Database", "Results", "select_in", "execute_in", "probe", "chunks", "marks", "next_id", "now", "IN_CHUNK", "PROBE_PARAMS"]

# Parameters per ``IN (...)`` list: below SQLite's 32766 variables, and keeps plans cheap.
IN_CHUNK = 500
# Parameters per ``probe`` statement (rows x columns of its VALUES list).
PROBE_PARAMS = 2000

T = TypeVar("T")


class Results(list):
    """The rows of one read (tuples, as the driver gives them) with their column names."""

    def __init__(self, rows: Iterable[tuple] = (), columns: Iterable[str] = ()) -> None:
        super().__init__(rows)
        self.columns = tuple(columns)

    def first(self) -> tuple | None:
        """The first row, or None when there is none."""
        return self[0] if self else None

    def dicts(self, keys: Iterable[str] | None = None) -> list[dict]:
        """Each row as a dict, keyed by ``keys`` (default: the column names)."""
        names = tuple(keys) if keys is not None else self.columns
        return [dict(zip(names, row)) for row in self]


def chunks(values: list, size: int = IN_CHUNK) -> Iterator[list]:
    """Split a list into IN-list sized pieces."""
    for i in range(0, len(values), size):
        yield values[i : i + size]


def marks(n: int) -> str:
    """``?, ?, ?`` for an IN list of ``n`` values."""
    return ", ".join(["?"] * n)


def select_in(cur: Any, sql: str, values: Iterable, params: Iterable = ()) -> list[tuple]:
    """Run ``sql`` (with ``{in}`` for the IN list) over ``values`` in chunks; all rows."""
    rows: list[tuple] = []
    for chunk in chunks(list(values)):
        cur.execute(sql.format(**{"in": marks(len(chunk))}), list(chunk) + list(params))
        rows.extend(cur.fetchall())
    return rows


def execute_in(cur: Any, sql: str, values: Iterable, before: Iterable = ()) -> None:
    """Run a write ``sql`` (with ``{in}`` for the IN list, after the ``before`` parameters) over ``values`` in chunks."""
    for chunk in chunks(list(values)):
        cur.execute(sql.format(**{"in": marks(len(chunk))}), list(before) + list(chunk))


def probe(cur: Any, columns: tuple[str, ...], rows: list[tuple], select: str) -> Iterator[tuple]:
    """Rows of ``select`` over a CTE ``probe (columns)`` holding ``rows``, a few hundred per statement."""
    row_marks = "(" + marks(len(columns)) + ")"
    for chunk in chunks(rows, PROBE_PARAMS // len(columns)):
        cur.execute(f"WITH probe ({', '.join(columns)}) AS (VALUES {', '.join([row_marks] * len(chunk))}) {select}", [v for row in chunk for v in row])
        yield from cur.fetchall()


def next_id(cur: Any, table: str) -> int:
    """The next free id of ``table`` (called under the write lock: ids are ours to allocate)."""
    cur.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
    return int(cur.fetchone()[0])


def now() -> str:
    """The current UTC time, ISO 8601: how the archive stamps its rows."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _columns(cur: Any) -> tuple[str, ...]:
    """The column names of a cursor's last statement (none for a statement without rows)."""
    description = getattr(cur, "description", None)
    return tuple(d[0] for d in description) if description else ()


class Database:
    """One archive database: the single writer's connection and per-thread read connections.

    Thread-safe. Use a backend (``SQLiteDatabase``, ``PostgresDatabase``); ``open_store``
    makes one, migrates it and wraps it in a ``Store``.
    """

    dialect = ""  # "sqlite" | "postgresql"
    driver_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.RLock()  # the single writer (and reads on its connection)
        self._local = threading.local()  # .reader: this thread's read connection
        self._readers: list[Any] = []  # every read connection opened, closed by ``close``
        self._closed = False
        self._rollback_hooks: list[Callable[[], None]] = []  # called when a write fails
        with self.guard("cannot open the database"):
            self._open()

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

    def close(self) -> None:
        """Close every connection (backend; idempotent)."""
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A write transaction on the writer's connection; yields a cursor (backend)."""
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

    def _explain_error(self, exc: BaseException) -> str:
        """A human reason for a driver error (backend)."""
        return f"{type(exc).__name__}: {exc}".strip()

    def size_bytes(self) -> int:
        """Bytes the database takes on disk (backend)."""
        raise NotImplementedError

    def fts_insert(self, cur: Any, rows: list[tuple[int, str, str]]) -> None:
        """Index (article id, lemmatised title, lemmatised body) rows (backend)."""
        raise NotImplementedError

    def fts_query(self, terms: list[tuple[str, ...]], filtered: bool = True) -> tuple[str, str, str, list, str]:
        """(FROM/JOIN clause, WHERE condition, score expression, params, indexed id column) of a search (backend).

        With ``filtered`` the FROM clause names ``a`` a row with the columns ``search``
        filters on: id, source_id, day, n_quotes, language (without, it may leave them out).
        """
        raise NotImplementedError

    def language_condition(self) -> str:
        """The search filter on an article's language, a condition on ``a`` with one parameter.

        SQLite: looked up in the (language, id) index, never read from the row, where the
        column comes after text and raw (schema v11). PostgreSQL reads the copy on the row.
        """
        return "EXISTS (SELECT 1 FROM articles la WHERE la.language = ? AND la.id = a.id)"

    def rank(self, fts: tuple[str, str, str, list, str], conds: list[str], params: list, pool: int, limit: int, offset: int) -> list[tuple]:
        """(id, score) of one page of a search, best first, ranked among its ``pool`` newest matches.

        Args:
            fts: what ``fts_query`` returned for the query's terms.
            conds, params: the filters, as conditions on ``a`` (the articles) and their parameters.

        Two statements: the id of the pool's oldest match, then the ranked scan bounded by
        it. Finding that id is cheap where the index is walked in id order without scoring
        (FTS5); PostgreSQL ranks in one statement instead (postgres.py).
        """
        from_sql, match_sql, score_sql, match_params, id_sql = fts
        where = " AND ".join([match_sql] + conds)
        params = match_params + params
        with self.reading() as cur:
            cur.execute(f"SELECT {id_sql} FROM {from_sql} WHERE {where} ORDER BY {id_sql} DESC LIMIT 1 OFFSET ?", params + [pool - 1])
            floor = cur.fetchone()
            if floor:
                where += f" AND {id_sql} >= ?"
                params = params + [floor[0]]
            cur.execute(f"SELECT {id_sql}, {score_sql} AS score FROM {from_sql} WHERE {where} ORDER BY score DESC, {id_sql} DESC LIMIT ? OFFSET ?", params + [limit, offset])
            return cur.fetchall()

    # ------------------------------------------------------------------ plumbing

    def _close_readers(self) -> None:
        """Close every read connection (backends call this from ``close``)."""
        self._closed = True
        readers, self._readers = self._readers, []
        for conn in readers:
            try:
                conn.close()
            except Exception:  # noqa: BLE001  (closing is best effort; the file stays consistent)
                pass

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """Call ``hook()`` whenever a write transaction fails (caches of the writer drop what it held)."""
        self._rollback_hooks.append(hook)

    @contextmanager
    def guard(self, what: str) -> Iterator[None]:
        """Turn driver errors into ``StoreError`` with a clear message."""
        try:
            yield
        except StoreError:
            raise
        except self.driver_errors as exc:
            raise StoreError(self.name, f"{what}: {self._explain_error(exc)}") from exc

    @contextmanager
    def write(self) -> Iterator[Any]:
        """One write transaction under the writer's lock (all or nothing), errors as ``StoreError``."""
        with self.lock:
            try:
                with self.guard("write failed, nothing was changed"), self._transaction() as cur:
                    yield cur
            except BaseException:
                for hook in self._rollback_hooks:
                    hook()
                raise

    def execute_write_fn(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn(cursor)`` in one write transaction (the single writer) and return its result."""
        with self.write() as cur:
            return fn(cur)

    @contextmanager
    def reading(self) -> Iterator[Any]:
        """A read cursor: this thread's own connection, or the writer's under the lock."""
        conn = getattr(self._local, "reader", None)
        if conn is None and not self._closed:
            with self.guard("cannot open a read connection"):
                conn = self._open_reader()
            if conn is not None:
                with self.lock:
                    self._readers.append(conn)
                self._local.reader = conn
        if conn is None or self._closed:
            with self.lock, self.guard("read failed"):
                yield self._cursor()
        else:
            with self.guard("read failed"):
                yield self._reader_cursor(conn)

    def execute(self, sql: str, params: Iterable = ()) -> Results:
        """Run one read and return all its rows."""
        with self.reading() as cur:
            cur.execute(sql, list(params))
            return Results(cur.fetchall(), _columns(cur))

    def schema_version(self) -> int:
        """The schema version of the database (0 when empty)."""
        return self.execute("SELECT MAX(version) FROM schema_version")[0][0] or 0

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
