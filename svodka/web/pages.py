"""The HTML pages: search, article, entity profile, statements, stories, sources.

Entity pages show every name an entity is known by with its count, its merges and the
analyst's corrections. When the server has a write token they also carry the correction
forms (merge, split, alias): ``static/app.js`` posts them to the JSON API with the token the
user types (kept in the tab's ``sessionStorage``, never in a cookie, so no other page can
make the browser send it), and the forms stay hidden without the script.

Server-rendered with Jinja2 (autoescape on); the article text is highlighted by
``_render.highlight`` from offsets, each piece escaped. Form fields arrive as strings (an
empty date field is ``from=``), so pages parse their filters leniently here: empty means
"no filter", a malformed value is a 422 page naming the field. The home page (no filter)
is the same for everyone: it is rendered once and kept while the archive stays the same
(``_cache``), as is the outlet list of the filter forms.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Callable
from urllib.parse import urlencode

import anyio
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from . import _queries, _render
from ._cache import ArchiveCache
from ._queries import MAX_LIMIT, MAX_OFFSET, clean_query

__all__ = ["install"]

# Results per page on the HTML pages.
PAGE_SIZE = 20
# Articles and statements listed on an entity profile.
PROFILE_ITEMS = 30


def _day(name: str, value: str | None) -> date | None:
    """A form date field: empty is None, else YYYY-MM-DD (422 otherwise)."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise HTTPException(422, f"{name}: expected a date as YYYY-MM-DD, got {value[:40]!r}") from None


def _offset(value: str | None) -> int:
    """A page's ``start`` field: empty is 0."""
    value = (value or "").strip()
    if not value:
        return 0
    if not value.isdigit() or int(value) > MAX_OFFSET:
        raise HTTPException(422, f"start: expected a number up to {MAX_OFFSET}")
    return int(value)


def _type(value: str | None) -> str | None:
    """An entity type field: empty is None, else PER/ORG/LOC."""
    value = (value or "").strip().upper()
    if not value:
        return None
    if value not in _render.TYPE_LABELS:
        raise HTTPException(422, "type: expected PER, ORG or LOC")
    return value


def _has_quote(value: str | None) -> bool | None:
    """A yes/no/any field."""
    value = (value or "").strip().lower()
    if value in ("", "any"):
        return None
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise HTTPException(422, "has_quote: expected yes, no or empty")


def _link(path: str, params: dict[str, Any]) -> str:
    """``path?query`` with the empty parameters left out."""
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return path + ("?" + urlencode(kept) if kept else "")


def _snippet(store, hit, query: bool):
    """A result card's snippet: the store's (matches marked) for a query, else the body's start.

    Without a query the store's snippet is the first words of the text, which begin with
    the headline the card already shows; the first paragraph says more.
    """
    if not query and not hit.highlights:
        article = store.article(hit.article_id)
        lead = _render.lead_snippet(article) if article is not None else ""
        if lead:
            return lead
    text, marks = _render.drop_title(hit.snippet_text, hit.highlights, hit.title)
    return _render.highlight_snippet(text, marks)


def install(app: FastAPI, store, page: Callable[..., HTMLResponse], cache: ArchiveCache, *, writable: bool = False) -> None:
    """Add the page routes to ``app`` (reading ``store``, rendering with ``page``, keeping in ``cache``).

    ``writable``: the server has a write token, so the entity pages offer the correction forms.
    """

    def sources() -> list[dict]:
        """Every outlet (the filter forms' list), from the cache."""
        return cache.get("sources", store.sources)

    Text = lambda: Query(None, max_length=500)  # noqa: E731  a free-text form field

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(
        request: Request,
        q: str | None = Text(),
        source: str | None = Text(),
        date_from: str | None = Query(None, alias="from", max_length=40),
        date_to: str | None = Query(None, alias="to", max_length=40),
        entity: str | None = Text(),
        type: str | None = Query(None, max_length=10),
        has_quote: str | None = Query(None, max_length=10),
        lang: str | None = Query(None, max_length=20),
        start: str | None = Query(None, max_length=10),
    ):
        filters = {
            "q": clean_query(q) or "",
            "source": clean_query(source) or "",
            "from": (date_from or "").strip(),
            "to": (date_to or "").strip(),
            "entity": clean_query(entity) or "",
            "type": _type(type) or "",
            "has_quote": (has_quote or "").strip().lower(),
            "lang": _queries.language(lang) or "",
        }
        offset = _offset(start)
        searching = any(filters.values())
        day_from, day_to, quoted = _day("from", filters["from"]), _day("to", filters["to"]), _has_quote(filters["has_quote"])
        if not searching and not offset:  # the home page: the same for everyone
            home = lambda: HTMLResponse(cache.get("home", lambda: render(filters, offset, searching, None, None, None).body))  # noqa: E731
            return await anyio.to_thread.run_sync(home)  # cached but for the first time: no search slot needed
        # A search slot: searches run a few at a time (see _queries.SEARCH_THREADS).
        return await anyio.to_thread.run_sync(lambda: render(filters, offset, searching, day_from, day_to, quoted), limiter=app.state.search_slots)

    def render(filters: dict, offset: int, searching: bool, day_from, day_to, quoted) -> HTMLResponse:
        """The search page for checked filters (the home page when nothing is asked)."""
        hits = _queries.search(
            store, filters["q"], source=filters["source"], date_from=day_from, date_to=day_to, entity=filters["entity"], entity_type=filters["type"],
            has_quote=quoted, lang=filters["lang"], limit=PAGE_SIZE + 1, offset=offset,
        )
        results = [{"hit": h, "snippet": _snippet(store, h, bool(filters["q"]))} for h in hits[:PAGE_SIZE]]
        context: dict[str, Any] = {
            "nav": "search",
            "q": filters["q"],
            "filters": filters,
            "results": results,
            "searching": searching,
            "offset": offset,
            "sources": sources(),
            "languages": cache.get("languages", store.languages),
            "next_link": _link("/", {**filters, "start": offset + PAGE_SIZE}) if len(hits) > PAGE_SIZE else None,
            "prev_link": _link("/", {**filters, "start": max(0, offset - PAGE_SIZE) or None}) if offset else None,
        }
        if not searching and not offset:
            context["stats"] = store.stats()
            context["top"] = {t: store.entities(type=t, limit=8) for t in ("PER", "ORG", "LOC")}
        return page("search.html", **context)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: int):
        article = store.article(article_id) if 0 < article_id < 2**62 else None
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        quotes = _render._quote_spans(article)
        mentions = _render._entity_spans(article)
        blocks = [
            {"kind": r.kind, "html": _render.highlight(article, r.start, r.end, quotes=quotes, entities=mentions)}
            for r in _render.article_regions(article)
        ]
        title_block = next((b for b in blocks if b["kind"] == "title"), None)
        body = [b for b in blocks if b["kind"] != "title"]
        links = (article.extras.get("store") or {}).get("entities") or {}
        by_type: dict[str, list] = {}
        for ent in sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)):
            by_type.setdefault(ent.type, []).append({"entity": ent, "id": links.get(ent.id)})
        statements = _render.article_statements(article, article_id)
        store_info = article.extras.get("store") or {}
        return page(
            "article.html",
            nav="",
            q="",
            article=article,
            article_id=article_id,
            story=store_info.get("story"),
            title_html=title_block["html"] if title_block else None,
            body=body,
            by_type=by_type,
            statements=statements,
            href=_render.safe_href(article.url),
        )

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(q: str | None = Text(), type: str | None = Query(None, max_length=10)):
        kind = _type(type)
        rows = store.entities(type=kind, query=clean_query(q), limit=MAX_LIMIT)
        for row in rows:
            row["other_aliases"] = _render.other_aliases(row["name"], row.get("aliases"))
        return page("entities.html", nav="entities", q="", query=clean_query(q) or "", kind=kind or "", rows=rows, writable=writable)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str, name: str | None = Query(None, max_length=256)):
        key = clean_query(entity_id)
        profile = store.entity_profile(key, top=12) if key and len(key) <= 256 else None
        if profile is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        if str(profile["id"]) != key:  # a name or a merged id: send to the canonical page (with the name, for its candidates)
            asked = None if key.isdecimal() else key
            return RedirectResponse(_link(f"/entities/{profile['id']}", {"name": asked if profile["candidates"] else None}), status_code=303)
        asked = clean_query(name)
        candidates = [c for c in store.entity_candidates(asked) if c["id"] != profile["id"]] if asked else []
        bars, step = _render.week_buckets(_queries.entity_days(store, profile))
        statements = store.quotes(speaker=profile["id"], limit=PROFILE_ITEMS)
        hits = store.search("", entity=profile["id"], limit=PROFILE_ITEMS)
        return page(
            "entity.html",
            nav="entities",
            q="",
            e=profile,
            aliases=_render.other_aliases(profile["name"], profile.get("aliases")),
            asked=asked,
            candidates=candidates,
            writable=writable,
            chart=_render.chart_svg(bars, step),
            weeks=len(bars) * step,
            statements=statements,
            articles=hits,
        )

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        speaker: str | None = Text(),
        about: str | None = Text(),
        source: str | None = Text(),
        date_from: str | None = Query(None, alias="from", max_length=40),
        date_to: str | None = Query(None, alias="to", max_length=40),
        start: str | None = Query(None, max_length=10),
    ):
        filters = {
            "speaker": clean_query(speaker) or "",
            "about": clean_query(about) or "",
            "source": clean_query(source) or "",
            "from": (date_from or "").strip(),
            "to": (date_to or "").strip(),
        }
        offset = _offset(start)
        rows = _queries.quotes(store, filters["speaker"], filters["about"], filters["source"], _day("from", filters["from"]), _day("to", filters["to"]), PAGE_SIZE + 1, offset)
        return page(
            "quotes.html",
            nav="quotes",
            q="",
            filters=filters,
            rows=rows[:PAGE_SIZE],
            sources=sources(),
            next_link=_link("/quotes", {**filters, "start": offset + PAGE_SIZE}) if len(rows) > PAGE_SIZE else None,
            prev_link=_link("/quotes", {**filters, "start": max(0, offset - PAGE_SIZE) or None}) if offset else None,
        )

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(start: str | None = Query(None, max_length=10)):
        offset = _offset(start)
        rows, more = _queries.stories(store, offset, PAGE_SIZE)
        return page(
            "stories.html",
            nav="stories",
            q="",
            rows=rows,
            next_link=_link("/stories", {"start": offset + PAGE_SIZE}) if more else None,
            prev_link=_link("/stories", {"start": max(0, offset - PAGE_SIZE) or None}) if offset else None,
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: int):
        row = _queries.story(store, story_id)
        if row is None:
            raise HTTPException(404, f"no story {story_id}")
        return page("story.html", nav="stories", q="", s=row)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page():
        return page("sources.html", nav="sources", q="", rows=sources(), link=_link)
