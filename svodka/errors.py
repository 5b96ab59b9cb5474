"""Typed errors of svodka, in one place.

Hierarchy::

    SvodkaError                 base of everything svodka raises on purpose
    ├── ConfigError             a setting is unknown or invalid, a config file unreadable; status 400
    ├── InputError              an input cannot be read (empty, binary, too big, undecodable,
    │                           malformed HTML/XML/feed/WARC, truncated gzip); status 400
    ├── ExtractionRejected      a document was read but holds no article text; status 422
    ├── StageError              an analysis stage failed on one article; status 500
    ├── FetchError              a URL could not be fetched (network, HTTP status, robots.txt); status 502
    ├── StoreError              the database is unreachable, locked or at a wrong schema; status 503
    ├── EntityError             an analyst's correction names no entity (404), a name that may mean
    │                           several (409, the candidates with it), or cannot apply: an entity
    │                           merged into itself, a person with an organisation, a form the
    │                           entity does not have (422)
    ├── LimitError              a request past a server limit: workers busy (503), too slow (504),
    │                           too much memory (413), client gone (499); the status comes with
    │                           the error
    └── WatchlistError          a watchlist that does not exist (404) or cannot be made as asked:
                                a bad name, no term, a webhook that is no http(s) URL (422)

Every message names the input and the reason and, where there is one, what to do next. A
rejected input is never a bare ``None``: readers yield the error object so the rest of a
batch goes on, and the CLI prints it as one line.
"""

from __future__ import annotations

__all__ = ["SvodkaError", "ConfigError", "InputError", "ExtractionRejected", "StageError", "FetchError", "StoreError", "EntityError", "LimitError", "WatchlistError"]


class SvodkaError(Exception):
    """Base class. ``name`` is the input (path, URL, record) the error is about.

    ``count`` is how many inputs the error stands for: 1, except when a reader summarises many
    bad records of one file in a single error (``"feed.jsonl: 19,995 more records: not JSON"``),
    so that ``read = stored + duplicates + rejected`` still counts every record.
    """

    status = 500

    def __init__(self, name: str | None, reason: str, *, count: int = 1):
        self.name = name
        self.reason = reason
        self.count = count
        super().__init__(f"{name}: {reason}" if name else reason)

    def rename(self, name: str | None) -> "SvodkaError":
        """The same error about another name (the input as the reader named it); returns self."""
        self.name = name
        self.args = (f"{name}: {self.reason}" if name else self.reason,)
        return self


class ConfigError(SvodkaError):
    """A setting is unknown or has an invalid value, or the config file cannot be read."""

    status = 400


class InputError(SvodkaError):
    """An input could not be read as a document."""

    status = 400


class ExtractionRejected(SvodkaError):
    """A document was read but no article could be extracted from it."""

    status = 422


class StageError(SvodkaError):
    """An analysis stage failed on one article (a bug: please report it with the input)."""

    status = 500


class FetchError(SvodkaError):
    """A URL could not be fetched."""

    status = 502


class StoreError(SvodkaError):
    """The database cannot be used."""

    status = 503


class EntityError(SvodkaError):
    """A correction of corpus entities (merge, split, alias) that cannot be made as asked.

    ``status`` is per error (404 no such entity, 409 an ambiguous name, 422 a refused
    correction); ``candidates`` lists the entities an ambiguous name may mean (dicts with
    id, name, type, mentions, first_seen, last_seen), so the caller can pick one by id.
    """

    status = 422

    def __init__(self, name: str | None, reason: str, *, status: int = 422, candidates: list[dict] | None = None):
        super().__init__(name, reason)
        self.status = status
        self.candidates = list(candidates or [])


class LimitError(SvodkaError):
    """A request ran into a limit of the server (busy workers, time budget, memory).

    ``status`` is per error; ``retry_after`` (seconds) is sent as ``Retry-After`` when set.
    """

    status = 503

    def __init__(self, name: str | None, reason: str, *, status: int = 503, retry_after: int | None = None):
        super().__init__(name, reason)
        self.status = status
        self.retry_after = retry_after


class WatchlistError(SvodkaError):
    """A watchlist that cannot be found (status 404) or made as asked (422).

    ``status`` is per error, as for ``EntityError``.
    """

    status = 422

    def __init__(self, name: str | None, reason: str, *, status: int = 422):
        super().__init__(name, reason)
        self.status = status
