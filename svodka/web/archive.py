"""The archive's read API: search, articles, entities, statements, stories, outlets, counts.

Read handlers are plain functions, so FastAPI runs them in its thread pool (the Store keeps
a read connection per thread); a search waits for one of the app's search slots. Included in
the app with one line (``app.include_router(archive.router(store, search_slots))``).
"""

from __future__ import annotations

from typing import Any, Literal

import anyio
from fastapi import APIRouter, HTTPException, Path as PathParam, Query

from ..model import Article
from . import _queries, _render
from ._http import OFFSET_PATTERN, _day, _offset
from ._queries import MAX_LIMIT, MAX_OFFSET, clean_query
from ._schemas import DAY_PATTERN, ERROR_RESPONSES

__all__ = ["router"]


def _hit_dict(hit) -> dict[str, Any]:
    """A SearchHit as JSON, with the snippet HTML rebuilt (escaped) from its offsets."""
    return {
        "id": hit.article_id,
        "title": hit.title,
        "source": hit.source,
        "published": hit.published,
        "url": hit.url,
        "score": round(hit.score, 4),
        "snippet": str(_render.highlight_snippet(hit.snippet_text, hit.highlights)),
        "snippet_text": hit.snippet_text,
        "highlights": [list(h) for h in hit.highlights],
    }


def _article_json(article: Article) -> dict[str, Any]:
    """A stored article as JSON: the full Article dict and its archive id on top."""
    data = article.to_dict()
    store_info = article.extras.get("store") or {}
    data = {"id": store_info.get("id"), "story": store_info.get("story"), **data}
    return data


def router(store: Any, search_slots: anyio.CapacityLimiter) -> APIRouter:
    """The read routes over ``store``; searches at once bounded by ``search_slots``."""
    routes = APIRouter()

    Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})")
    Cursor = Query(None, pattern=OFFSET_PATTERN, description=f"The 'next' value of the previous page (pages end at offset {MAX_OFFSET})")
    From = Query(None, alias="from", pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Published on or after (YYYY-MM-DD)")
    To = Query(None, alias="to", pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Published on or before (YYYY-MM-DD)")

    @routes.get("/api/search", tags=["archive"], responses=ERROR_RESPONSES)
    async def api_search(
        q: str = Query("", max_length=500, description="Words in any form; all must match. Empty: newest first"),
        source: str | None = Query(None, max_length=256, description="Outlet name (case-insensitive)"),
        date_from: str | None = From,
        date_to: str | None = To,
        entity: str | None = Query(None, max_length=256, description="Articles mentioning this entity (id or name)"),
        type: Literal["PER", "ORG", "LOC"] | None = Query(None, description="Articles mentioning an entity of this type"),
        has_quote: bool | None = Query(None, description="Only articles with (true) or without (false) statements"),
        lang: str | None = Query(None, max_length=20, description="Only articles in this language: ISO 639-1 (ru, uk, kk, uz...), und for none the text showed"),
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Full-text search with filters, best first, with highlighted snippets."""
        offset = _offset(cursor)
        day_from, day_to = _day("from", date_from), _day("to", date_to)
        language = _queries.language(lang)

        def found() -> dict[str, Any]:
            hits = _queries.search(
                store, q, source=source, date_from=day_from, date_to=day_to, entity=entity, entity_type=type, has_quote=has_quote, limit=limit + 1, offset=offset,
                lang=language,
            )
            more = len(hits) > limit
            return {"results": [_hit_dict(h) for h in hits[:limit]], "next": str(offset + limit) if more else None}

        return await anyio.to_thread.run_sync(found, limiter=search_slots)

    @routes.get("/api/articles", tags=["archive"], responses=ERROR_RESPONSES)
    def api_articles(limit: int = Limit, cursor: str | None = Query(None, pattern=r"^[0-9]{1,18}$", description="The 'next' value of the previous page")) -> dict[str, Any]:
        """Stored articles, newest ingested first."""
        rows, nxt = store.articles(limit=limit, cursor=int(cursor) if cursor else None)
        return {"results": rows, "next": str(nxt) if nxt is not None else None}

    @routes.get("/api/articles/{article_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_article(article_id: int = PathParam(..., ge=1, le=2**62)) -> dict[str, Any]:
        """One stored article with its entities (linked to corpus ids), dates and statements."""
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return _article_json(article)

    @routes.get("/api/entities", tags=["archive"], responses=ERROR_RESPONSES)
    def api_entities(
        q: str | None = Query(None, max_length=256, description="Name in any form"),
        type: Literal["PER", "ORG", "LOC"] | None = Query(None),
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Corpus entities, most mentioned first."""
        offset = _offset(cursor)
        rows = store.entities(type=type, query=clean_query(q), limit=offset + limit + 1)
        page = rows[offset : offset + limit]
        return {"results": page, "next": str(offset + limit) if len(rows) > offset + limit else None}

    @routes.get("/api/entities/{entity_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_entity(entity_id: str = PathParam(..., min_length=1, max_length=256, description="Corpus entity id or a name in any form")) -> dict[str, Any]:
        """An entity profile: aliases, roles over time, co-mentioned entities, statements, mentions per week."""
        key = clean_query(entity_id)
        profile = store.entity_profile(key) if key else None
        if profile is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        bars, step = _render.week_buckets(_queries.entity_days(store, profile), max_bars=10**6, min_weeks=1)
        profile["mentions_per_week"] = {monday.isoformat(): n for monday, n in bars if n}
        return profile

    @routes.get("/api/quotes", tags=["archive"], responses=ERROR_RESPONSES)
    def api_quotes(
        speaker: str | None = Query(None, max_length=256, description="Speaker: entity id or name in any form"),
        about: str | None = Query(None, max_length=500, description="Words that must all occur in the statement"),
        source: str | None = Query(None, max_length=256, description="Outlet where it appeared (case-insensitive)"),
        date_from: str | None = From,
        date_to: str | None = To,
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Statements, latest first, each with its earliest appearance (article title, outlet, date, cue, via, speaker kind,
        and ``sentence``: the sentence holding it, with the statement's ``start``/``end`` in it) and every reprint."""
        offset = _offset(cursor)
        rows = _queries.quotes(store, speaker, about, source, _day("from", date_from), _day("to", date_to), limit + 1, offset)
        return {"results": rows[:limit], "next": str(offset + limit) if len(rows) > limit else None}

    @routes.get("/api/stories", tags=["archive"], responses=ERROR_RESPONSES)
    def api_stories(limit: int = Limit, cursor: str | None = Cursor) -> dict[str, Any]:
        """Stories: the same event reported by several articles, largest first."""
        offset = _offset(cursor)
        rows, more = _queries.stories(store, offset, limit)
        return {"results": rows, "next": str(offset + limit) if more else None}

    @routes.get("/api/stories/{story_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_story(story_id: int) -> dict[str, Any]:
        """One story: its outlets, the first outlet with its time, its articles, statements with speakers and growth per hour."""
        row = _queries.story(store, story_id)
        if row is None:
            raise HTTPException(404, f"no story {story_id}: see /api/stories for the stories there are")
        return row

    @routes.get("/api/sources", tags=["archive"], responses=ERROR_RESPONSES)
    def api_sources() -> dict[str, Any]:
        """Every outlet with its article count and first/last publication."""
        return {"results": store.sources()}

    @routes.get("/api/stats", tags=["archive"], responses=ERROR_RESPONSES)
    def api_stats() -> dict[str, Any]:
        """Counts of the archive."""
        return store.stats()

    return routes
