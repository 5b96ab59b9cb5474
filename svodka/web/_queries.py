"""The archive reads of the web layer: what the JSON API (app.py) and the HTML pages (pages.py) both ask.

Each is one call into the store's query functions (``svodka.store.queries`` through the
``Store``), with what both faces need around it: free-text parameters cleaned, stories
with their first outlet marked. Both faces import
this module; neither imports the other's routes.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from ..nlp.language import language_tag

__all__ = ["MAX_LIMIT", "MAX_OFFSET", "SEARCH_THREADS", "clean_query", "search", "language", "quotes", "stories", "entity_days"]

# Largest page size of every list endpoint.
MAX_LIMIT = 100
# Deepest offset a cursor may point to: deeper pages cost a scan of everything before them.
MAX_OFFSET = 10_000
# Searches (API and pages) computed at once, at most, each in a worker thread; the others
# wait their turn in the event loop. More threads only took turns at the GIL: 20 clients
# on 2 cores (bench/web_load.py, 100,000 articles), p95 158-180 ms with the 40 threads of
# FastAPI's pool, 105-135 ms with 4.
SEARCH_THREADS = 4


def clean_query(value: str | None) -> str | None:
    """A free-text parameter without control characters (NUL breaks SQLite and PostgreSQL)."""
    if value is None:
        return None
    cleaned = "".join(ch if ch.isprintable() else " " for ch in value).strip()
    return cleaned or None


def search(
    store, q: str | None, *, source: str | None, date_from, date_to, entity: str | None, entity_type: str | None, has_quote: bool | None, limit: int, offset: int,
    lang: str | None = None,
) -> list:
    """``Store.search`` with the free-text parameters cleaned (empty ones are no filter); ``lang`` a checked code (``language``)."""
    return store.search(
        clean_query(q) or "",
        source=clean_query(source),
        date_from=date_from,
        date_to=date_to,
        entity=clean_query(entity),
        entity_type=entity_type or None,
        has_quote=has_quote,
        lang=lang or None,
        limit=limit,
        offset=offset,
    )


def language(value: str | None) -> str | None:
    """The ``lang`` filter: a language code ("uz", "uz-Latn", "ukr" -> "uk"; "und"); None when empty.

    Raises:
        HTTPException: 422 for a value that is no language code.
    """
    value = (value or "").strip()
    if not value:
        return None
    code = language_tag(value)
    if code is None:
        raise HTTPException(422, "lang: expected a language code such as ru, uk, kk, uz (ISO 639-1) or und")
    return code


def quotes(store, speaker: str | None, about: str | None, source: str | None, date_from, date_to, limit: int, offset: int = 0) -> list[dict]:
    """``Store.quotes`` with the form fields cleaned: ``limit`` statements from ``offset`` on."""
    speaker, about, source = clean_query(speaker), clean_query(about), clean_query(source)
    return store.quotes(speaker=speaker, about=about, date_from=date_from, date_to=date_to, limit=limit, source=source, offset=offset)


def _with_first_source(story: dict) -> dict:
    """A story (``story_view``'s shape) with ``first_source``, the first outlet's name (None when not known)."""
    return {**story, "first_source": story["first"]["source"] if story.get("first") else None}


def stories(store, offset: int, limit: int) -> tuple[list[dict], bool]:
    """One page of stories (``Store.stories``), each with its first outlet, and whether more follow."""
    rows = store.stories(limit=offset + limit + 1)
    return [_with_first_source(s) for s in rows[offset : offset + limit]], len(rows) > offset + limit


def story(store, story_id: int) -> dict | None:
    """One story (``Store.story``) with ``first_source``; None when there is no such story."""
    row = store.story(story_id) if 0 < story_id < 2**62 else None
    return _with_first_source(row) if row else None


def entity_days(store, profile: dict[str, Any]) -> dict[str, int]:
    """Mentions per day of one corpus entity (weekly bars; the profile itself has months only)."""
    return store.entity_days(profile["id"])
