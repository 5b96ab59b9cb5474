"""The analyst's desk: a JSON API and server-rendered pages over the archive.

    app = create_app("sqlite:///svodka.db", api_token="secret")   # a FastAPI app
    serve("svodka.db", host="127.0.0.1", port=8000)                # what ``svodka serve`` runs

A thin layer over ``svodka.store`` (reads) and ``svodka.pipeline`` (``/api/analyze`` and
``/api/ingest``): routes parse and check parameters, call the library and format the result.
Handlers are plain functions, so FastAPI runs them in its thread pool; the Store guards its
one connection with a lock. NLP models load once per app, on the first request that needs them.

Errors are JSON ``{"error": {"status": N, "message": "..."}}`` under ``/api`` (validation
errors included) and an HTML page elsewhere; ``SvodkaError`` subclasses carry their status.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from datetime import date
from pathlib import Path
from typing import Any, Literal

from fastapi import Depends, FastAPI, File, Header, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, Field, ValidationError, model_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SvodkaError
from ..model import Article, Document
from . import _render

__all__ = ["create_app", "serve", "MAX_BODY_BYTES", "MAX_LIMIT"]

log = logging.getLogger("svodka.web")

# Largest request body accepted (bytes); bigger requests get 413 before any parsing.
MAX_BODY_BYTES = 5 * 1024 * 1024
# Largest page size of every list endpoint.
MAX_LIMIT = 100
# Deepest offset a cursor may point to: deeper pages cost a scan of everything before them.
MAX_OFFSET = 10_000
# Documents accepted by one /api/ingest call.
MAX_INGEST_DOCUMENTS = 100
# Largest document /api/analyze analyses (characters; a long news article is ~30,000). It
# needs no token, so it must not let one request hold a CPU for minutes.
MAX_ANALYZE_CHARS = 300_000
# The environment variable holding the ingest token when ``api_token`` is not given.
TOKEN_ENV = "SVODKA_API_TOKEN"
# Entity types, as the CLI spells them.
ENTITY_TYPES = ("PER", "ORG", "LOC")
# Content-Security-Policy of our own pages: no inline script, nothing from elsewhere. A second
# wall behind escaping: even a missed escape could not run a script.
PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# Media types /api/analyze reads: the JSON object, or the document itself as the body.
ANALYZE_TYPES = ("application/json", "text/plain", "text/html")
# Paths whose pages come from FastAPI (Swagger UI loads its own scripts): no CSP there.
NO_CSP_PREFIXES = ("/docs", "/redoc", "/openapi.json")

HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------- request/response bodies


class ErrorDetail(BaseModel):
    """What went wrong."""

    status: int
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The body of every 4xx/5xx response under /api."""

    error: ErrorDetail


class AnalyzeRequest(BaseModel):
    """One document to analyse: plain text (a crawler dump) or an HTML page."""

    text: str | None = Field(None, description="Plain text, e.g. a crawler dump with page chrome")
    html: str | None = Field(None, description="An HTML page")
    url: str | None = Field(None, max_length=2048, description="Where the page came from")
    published: str | None = Field(None, max_length=64, description="Publication date (ISO), overrides what is found")
    source: str | None = Field(None, max_length=256, description="Outlet name, overrides what is found")
    no_clean: bool = Field(False, description="Take the text as it is (no boilerplate removal)")

    @model_validator(mode="after")
    def _one_body(self) -> "AnalyzeRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class IngestRequest(BaseModel):
    """Documents to analyse and store."""

    documents: list[AnalyzeRequest] = Field(..., min_length=1, max_length=MAX_INGEST_DOCUMENTS)


class Failure(BaseModel):
    """A document that could not be analysed."""

    name: str | None
    status: int
    message: str


class AnalyzeResponse(BaseModel):
    """The analysed article (``Article.to_dict()``)."""

    article: dict[str, Any]


class IngestResponse(BaseModel):
    """What was stored."""

    stored: int
    duplicates: int
    ids: list[int]
    errors: list[Failure]


# Error statuses every API route may answer with, for the OpenAPI description.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "Not found"},
    413: {"model": ErrorBody, "description": "Request body over 5 MB"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
    503: {"model": ErrorBody, "description": "The database cannot be used"},
}

# The request body of /api/analyze for the OpenAPI description: FastAPI cannot describe a
# body read by hand, and three media types are accepted (a raw body takes its options from
# the query string).
ANALYZE_BODY: dict[str, Any] = {
    "required": True,
    "description": "The JSON object, or the document itself as text/plain (a crawler dump) or text/html "
    "(a page); for a raw body, `url`, `published`, `source` and `no_clean` come from the query string.",
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeRequest"}},
        "text/plain": {"schema": {"type": "string"}, "example": "Глава Заречинска Павел Сорокин заявил, что мост откроют в мае."},
        "text/html": {"schema": {"type": "string"}, "example": "<html><body><h1>Мост откроют в мае</h1><p>Глава Заречинска Павел Сорокин заявил...</p></body></html>"},
    },
}


# ---------------------------------------------------------------------------- middleware


class BodyLimit:
    """ASGI middleware: answer 413 to bodies over ``max_bytes`` (by header or as they stream in).

    The body is read here (at most ``max_bytes``) and replayed to the app, so an over-long
    chunked upload is refused before any handler sees it.
    """

    def __init__(self, app, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(scope, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._refuse(scope, send)
                return
            if not message.get("more_body"):
                break
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # after the body: disconnects and the like
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, send) -> None:
        message = f"request body is over the {self.max_bytes // (1024 * 1024)} MB limit; send fewer or smaller documents"
        response = _error_response(scope.get("path", ""), 413, message)
        await response(scope, _no_receive, send)


async def _no_receive():
    """A receive channel for responses sent without reading the request."""
    return {"type": "http.disconnect"}


# ---------------------------------------------------------------------------- errors

_templates: Environment | None = None


def _env() -> Environment:
    """The Jinja2 environment (autoescape on for every template)."""
    global _templates
    if _templates is None:
        _templates = Environment(
            loader=FileSystemLoader(str(HERE / "templates")),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        _templates.globals["TYPE_LABELS"] = _render.TYPE_LABELS
        _templates.globals["safe_href"] = _render.safe_href
        _templates.filters["plural"] = _render.plural
        _templates.filters["cue"] = _render.cue_text
        _templates.filters["day"] = lambda v: (str(v)[:10] if v else "")
        _templates.filters["when"] = lambda v: (str(v).replace("T", " ")[:16] if v else "")
    return _templates


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response."""
    return HTMLResponse(_env().get_template(name).render(**context), status_code=status)


def _is_api(path: str) -> bool:
    return path == "/api" or path.startswith("/api/")


def _error_response(path: str, status: int, message: str, details: list | None = None, headers: dict | None = None) -> Response:
    """JSON error under /api, an HTML page elsewhere."""
    if _is_api(path) or path.startswith("/openapi"):
        body: dict[str, Any] = {"status": status, "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    return _page("error.html", status=status, status_code=status, message=message, nav="", q="")


def _validation_message(errors: list[dict]) -> tuple[str, list[dict]]:
    """One readable line and a JSON-safe list from pydantic's validation errors."""
    details, lines = [], []
    for e in errors:
        where = ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "request"
        msg = str(e.get("msg", "invalid"))
        details.append({"field": where, "message": msg, "type": str(e.get("type", ""))})
        lines.append(f"{where}: {msg}")
    return "; ".join(lines) or "invalid request", details


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail, ensure_ascii=False)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return _error_response(request.url.path, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        message, details = _validation_message(list(exc.errors()))
        return _error_response(request.url.path, 422, message, details)

    @app.exception_handler(SvodkaError)
    async def svodka_error(request: Request, exc: SvodkaError):
        status = int(getattr(exc, "status", 500) or 500)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return _error_response(request.url.path, status, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return _error_response(request.url.path, 500, f"internal error ({type(exc).__name__}); the server log has the details")


# ---------------------------------------------------------------------------- helpers


def _offset(cursor: str | None) -> int:
    """A list cursor (an offset as text) as an int; 422 past ``MAX_OFFSET``."""
    if not cursor:
        return 0
    value = int(cursor)
    if value > MAX_OFFSET:
        raise HTTPException(422, f"cursor: pages deeper than {MAX_OFFSET} results are not served; narrow the query")
    return value


def _clean_query(value: str | None) -> str | None:
    """A free-text parameter without control characters (NUL breaks SQLite and PostgreSQL)."""
    if value is None:
        return None
    cleaned = "".join(ch if ch.isprintable() else " " for ch in value).strip()
    return cleaned or None


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


def _entity_days(store, profile: dict) -> dict[str, int]:
    """Mentions per day of one corpus entity (weekly bars; the profile itself has months only)."""
    return store.entity_days(profile["id"])


def _article_json(article: Article) -> dict[str, Any]:
    """A stored article as JSON: the full Article dict and its archive id on top."""
    data = article.to_dict()
    store_info = article.extras.get("store") or {}
    data = {"id": store_info.get("id"), "story": store_info.get("story"), **data}
    return data


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``(media type, charset)`` of a Content-Type header: ``("text/plain", "cp1251")``."""
    kind, _, params = (content_type or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return kind.strip().lower(), charset


async def _analyze_body(
    request: Request,
    url: str | None = Query(None, max_length=2048, description="Where the page came from (for a raw body; a JSON body's own field wins)"),
    published: str | None = Query(None, max_length=64, description="Publication date (ISO), overrides what is found (for a raw body; a JSON body's own field wins)"),
    source: str | None = Query(None, max_length=256, description="Outlet name, overrides what is found (for a raw body; a JSON body's own field wins)"),
    no_clean: bool = Query(False, description="Take the text as it is, without boilerplate removal (for a raw body; a JSON body's own field wins)"),
) -> AnalyzeRequest:
    """The /api/analyze request, from a JSON object or a raw text/plain or text/html body.

    A JSON object's own fields win; the query parameters fill in those it leaves out.
    """
    from ..ingest.readers import decode

    kind, charset = _media_type(request.headers.get("content-type"))
    data = await request.body()
    options = {"url": url, "published": published, "source": source, "no_clean": no_clean}
    if kind == "application/json" or kind.endswith("+json"):
        try:
            obj = json.loads(data)
        except ValueError as e:  # UnicodeDecodeError included
            raise RequestValidationError([{"loc": ("body",), "msg": f"invalid JSON ({e})", "type": "json_invalid"}]) from None
        if isinstance(obj, dict):
            obj = {**{k: v for k, v in options.items() if v not in (None, False)}, **obj}
        try:
            return AnalyzeRequest.model_validate(obj)
        except ValidationError as e:
            raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors(include_url=False)]) from None
    if kind in ("text/plain", "text/html"):
        text, _ = decode(data, charset)  # InputError (400) when the bytes are not text
        field = "html" if kind == "text/html" else "text"
        return AnalyzeRequest(**{field: text}, **options)
    got = f"got {kind!r}" if kind else "no Content-Type was sent"
    raise HTTPException(415, f"unsupported body ({got}): send one of {', '.join(ANALYZE_TYPES)} (JSON as {{\"text\": ...}} or {{\"html\": ...}})")


def _request_document(item: AnalyzeRequest, index: int = 0) -> Document:
    """A Document from one request item (text or HTML)."""
    name = item.url or f"<request {index}>"
    if item.html is not None:
        return Document(data=item.html.encode("utf-8"), text=item.html, media_type="text/html", path=name, url=item.url, encoding="utf-8")
    return Document(text=item.text, media_type="text/plain", path=name, url=item.url, encoding="utf-8")


# ---------------------------------------------------------------------------- the app


def create_app(store_url: str, *, api_token: str | None = None, models: Any = None) -> FastAPI:
    """The web app over the archive at ``store_url``.

    Args:
        store_url: a path, ``sqlite:///path`` or ``postgresql://...`` (see ``open_store``).
        api_token: the bearer token /api/ingest requires; default ``$SVODKA_API_TOKEN``.
            Without one, ingest is disabled (403).
        models: loaded NLP models to use (tests share theirs); default: loaded on the first
            /api/analyze or /api/ingest.

    Returns:
        A FastAPI application (ASGI).

    Raises:
        StoreError: the database cannot be opened.
    """
    from ..store import open_store

    store = open_store(store_url)

    token = api_token or os.environ.get(TOKEN_ENV) or None  # "" must not become a token anyone can send
    app = FastAPI(
        title="svodka",
        version="1",
        summary="Who said what, about whom, where and when, in Russian-language news.",
        description="Search the archive, read analysed articles, entity profiles, statements and stories; analyse or ingest new documents.",
        openapi_tags=[{"name": "archive", "description": "Read the archive"}, {"name": "analysis", "description": "Analyse and store documents"}],
    )
    app.state.store = store
    app.state.models = models
    if models is not None:
        store.use_morph(models.morph)  # one pymorphy3 analyzer per process
    models_lock = threading.Lock()
    ingest_lock = threading.Lock()  # one ingest at a time: the Store has one writer anyway

    def get_models():
        """The NLP models, loaded on first use (once per app)."""
        with models_lock:
            if app.state.models is None:
                from ..nlp.models import load_models

                app.state.models = load_models()
                store.use_morph(app.state.models.morph)
            return app.state.models

    def analyze(items: list[AnalyzeRequest]) -> tuple[list[Article], list[Failure]]:
        """Clean and analyse request items; failures are collected, not raised."""
        from ..pipeline import analyze_documents

        failures: list[Failure] = []
        articles: list[Article] = []
        model_set = get_models()
        for i, item in enumerate(items):  # per item: each has its own overrides
            errors: list[SvodkaError] = []
            found = list(
                analyze_documents(
                    [_request_document(item, i)],
                    models=model_set,
                    no_clean=item.no_clean,
                    source=item.source,
                    published=item.published,
                    on_error=errors.append,
                )
            )
            articles.extend(found)
            failures.extend(Failure(name=e.name, status=int(e.status), message=str(e)) for e in errors)
        return articles, failures

    def require_token(authorization: str | None = Header(None, description="Bearer <token>")) -> None:
        """Ingest needs ``Authorization: Bearer <token>``; 403 when the server has no token."""
        if token is None:
            raise HTTPException(403, f"ingest is disabled: start the server with {TOKEN_ENV} set (or api_token) to enable it")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer <token>'", headers={"WWW-Authenticate": "Bearer"})

    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html") and not request.url.path.startswith(NO_CSP_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        return response

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # ------------------------------------------------------------------ JSON API

    Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})")
    Cursor = Query(None, pattern=r"^\d{1,9}$", description="The 'next' value of the previous page")

    @app.get("/api/search", tags=["archive"], responses=ERROR_RESPONSES)
    def api_search(
        q: str = Query("", max_length=500, description="Words in any form; all must match. Empty: newest first"),
        source: str | None = Query(None, max_length=256, description="Outlet name (case-insensitive)"),
        date_from: date | None = Query(None, alias="from", description="Published on or after (YYYY-MM-DD)"),
        date_to: date | None = Query(None, alias="to", description="Published on or before (YYYY-MM-DD)"),
        entity: str | None = Query(None, max_length=256, description="Articles mentioning this entity (id or name)"),
        type: Literal["PER", "ORG", "LOC"] | None = Query(None, description="Articles mentioning an entity of this type"),
        has_quote: bool | None = Query(None, description="Only articles with (true) or without (false) statements"),
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Full-text search with filters, best first, with highlighted snippets."""
        offset = _offset(cursor)
        hits = store.search(
            _clean_query(q) or "",
            source=_clean_query(source),
            date_from=date_from,
            date_to=date_to,
            entity=_clean_query(entity),
            entity_type=type,
            has_quote=has_quote,
            limit=limit + 1,
            offset=offset,
        )
        more = len(hits) > limit
        return {"results": [_hit_dict(h) for h in hits[:limit]], "next": str(offset + limit) if more else None}

    @app.get("/api/articles", tags=["archive"], responses=ERROR_RESPONSES)
    def api_articles(limit: int = Limit, cursor: str | None = Cursor) -> dict[str, Any]:
        """Stored articles, newest ingested first."""
        rows, nxt = store.articles(limit=limit, cursor=int(cursor) if cursor else None)
        return {"results": rows, "next": str(nxt) if nxt is not None else None}

    @app.get("/api/articles/{article_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_article(article_id: int = PathParam(..., ge=1, le=2**62)) -> dict[str, Any]:
        """One stored article with its entities (linked to corpus ids), dates and statements."""
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id}")
        return _article_json(article)

    @app.get("/api/entities", tags=["archive"], responses=ERROR_RESPONSES)
    def api_entities(
        q: str | None = Query(None, max_length=256, description="Name in any form"),
        type: Literal["PER", "ORG", "LOC"] | None = Query(None),
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Corpus entities, most mentioned first."""
        offset = _offset(cursor)
        rows = store.entities(type=type, query=_clean_query(q), limit=offset + limit + 1)
        page = rows[offset : offset + limit]
        return {"results": page, "next": str(offset + limit) if len(rows) > offset + limit else None}

    @app.get("/api/entities/{entity_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_entity(entity_id: str = PathParam(..., min_length=1, max_length=256, description="Corpus entity id or a name in any form")) -> dict[str, Any]:
        """An entity profile: aliases, roles over time, co-mentioned entities, statements, mentions per week."""
        key = _clean_query(entity_id)
        profile = store.entity_profile(key) if key else None
        if profile is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        bars, step = _render.week_buckets(_entity_days(store, profile), max_bars=10**6, min_weeks=1)
        profile["mentions_per_week"] = {monday.isoformat(): n for monday, n in bars if n}
        return profile

    @app.get("/api/quotes", tags=["archive"], responses=ERROR_RESPONSES)
    def api_quotes(
        speaker: str | None = Query(None, max_length=256, description="Speaker: entity id or name in any form"),
        about: str | None = Query(None, max_length=500, description="Words that must all occur in the statement"),
        source: str | None = Query(None, max_length=256, description="Outlet where it appeared (case-insensitive)"),
        date_from: date | None = Query(None, alias="from"),
        date_to: date | None = Query(None, alias="to"),
        limit: int = Limit,
        cursor: str | None = Cursor,
    ) -> dict[str, Any]:
        """Statements, latest first, each with its earliest appearance and every reprint."""
        offset = _offset(cursor)
        rows = _quotes(store, speaker, about, source, date_from, date_to, offset + limit + 1)
        return {"results": rows[offset : offset + limit], "next": str(offset + limit) if len(rows) > offset + limit else None}

    @app.get("/api/stories", tags=["archive"], responses=ERROR_RESPONSES)
    def api_stories(limit: int = Limit, cursor: str | None = Cursor) -> dict[str, Any]:
        """Stories: the same event reported by several articles, largest first."""
        offset = _offset(cursor)
        rows = store.stories(limit=offset + limit + 1)
        return {"results": [_mark_first(s) for s in rows[offset : offset + limit]], "next": str(offset + limit) if len(rows) > offset + limit else None}

    @app.get("/api/sources", tags=["archive"], responses=ERROR_RESPONSES)
    def api_sources() -> dict[str, Any]:
        """Every outlet with its article count and first/last publication."""
        return {"results": store.sources()}

    @app.get("/api/stats", tags=["archive"], responses=ERROR_RESPONSES)
    def api_stats() -> dict[str, Any]:
        """Counts of the archive."""
        return store.stats()

    @app.post(
        "/api/analyze",
        tags=["analysis"],
        response_model=AnalyzeResponse,
        responses={**ERROR_RESPONSES, 400: {"model": ErrorBody, "description": "The document cannot be read"}, 415: {"model": ErrorBody, "description": "The body is not JSON, text/plain or text/html"}},
        openapi_extra={"requestBody": ANALYZE_BODY},
    )
    def api_analyze(body: AnalyzeRequest = Depends(_analyze_body)) -> dict[str, Any]:
        """Analyse one document (text or HTML); nothing is stored.

        Send the JSON object `{"text" | "html": ..., "url", "published", "source", "no_clean"}`,
        or the document itself: `curl -H 'Content-Type: text/plain' --data-binary @dump.txt '/api/analyze?source=...'`.
        """
        size = len(body.text or "") + len(body.html or "")
        if size > MAX_ANALYZE_CHARS:
            # analysis costs CPU in proportion to the text, and this endpoint needs no token
            raise _StatusError(413, f"document is {size} characters, over the {MAX_ANALYZE_CHARS} that /api/analyze takes; store long documents with svodka ingest")
        articles, failures = analyze([body])
        if not articles:
            f = failures[0] if failures else Failure(name=None, status=422, message="no article found")
            raise _StatusError(f.status, f.message)
        return {"article": articles[0].to_dict()}

    ingest_responses = {**ERROR_RESPONSES, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}}

    @app.post("/api/ingest", tags=["analysis"], response_model=IngestResponse, responses=ingest_responses, dependencies=[Depends(require_token)])
    def api_ingest(body: IngestRequest) -> dict[str, Any]:
        """Analyse and store documents (needs ``Authorization: Bearer <token>``)."""
        articles, failures = analyze(body.documents)
        return _store_articles(articles, failures)

    @app.post("/api/ingest/files", tags=["analysis"], response_model=IngestResponse, responses=ingest_responses, dependencies=[Depends(require_token)])
    def api_ingest_files(files: list[UploadFile] = File(..., description="Files in any format svodka reads (dumps, HTML, JSONL, feeds, WARC, gzip)")) -> dict[str, Any]:
        """Read uploaded files like ``svodka ingest`` does, analyse and store them."""
        from ..ingest.readers import read_bytes
        from ..pipeline import analyze_documents

        failures: list[Failure] = []
        documents = []
        for upload in files[:MAX_INGEST_DOCUMENTS]:
            data = upload.file.read(MAX_BODY_BYTES + 1)
            documents.extend(read_bytes(data, upload.filename or "<upload>", max_bytes=MAX_BODY_BYTES))
        errors: list[SvodkaError] = []
        articles = list(analyze_documents(documents, models=get_models(), on_error=errors.append))
        failures.extend(Failure(name=e.name, status=int(e.status), message=str(e)) for e in errors)
        return _store_articles(articles, failures)

    def _store_articles(articles: list[Article], failures: list[Failure]) -> dict[str, Any]:
        """Store analysed articles (one transaction) and report."""
        with ingest_lock:
            result = store.add_articles(articles) if articles else None
        for f in failures:
            try:
                store.add_rejected(f.name or "<request>", f.message)
            except SvodkaError:
                pass  # the report below still names it
        return {
            "stored": result.stored if result else 0,
            "duplicates": result.duplicates if result else 0,
            "ids": list(result.ids) if result else [],
            "errors": [f.model_dump() for f in failures],
        }

    @app.get("/api", include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse("/docs")

    # ------------------------------------------------------------------ pages

    from . import pages

    pages.install(app, store, _page)

    return app


class _StatusError(SvodkaError):
    """An error with the status of the SvodkaError it reports (analysis failures)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(None, message)
        self.status = status


def _mark_first(story: dict) -> dict:
    """A story with ``first_source``: the outlet of its earliest article (articles come oldest first)."""
    articles = story.get("articles") or []
    first = articles[0] if articles else None
    for i, a in enumerate(articles):
        a["first"] = i == 0
    return {**story, "first_source": first.get("source") if first else None}


def _quotes(store, speaker, about, source, date_from, date_to, limit: int) -> list[dict]:
    """``store.quotes`` with an outlet filter (the Store has none: filter its rows here)."""
    speaker, about, source = _clean_query(speaker), _clean_query(about), _clean_query(source)
    if not source:
        return store.quotes(speaker=speaker, about=about, date_from=date_from, date_to=date_to, limit=limit)
    want = source.casefold()
    # Over-fetch: only some quotes appeared in this outlet. Bounded by the deepest page.
    rows = store.quotes(speaker=speaker, about=about, date_from=date_from, date_to=date_to, limit=min(MAX_OFFSET + MAX_LIMIT, limit * 20))
    return [q for q in rows if any((a.get("source") or "").casefold() == want for a in q.get("appearances", []))][:limit]


def serve(store_url: str, host: str = "127.0.0.1", port: int = 8000, api_token: str | None = None) -> None:
    """Run the app with uvicorn until interrupted (what ``svodka serve`` calls).

    Args:
        store_url: the archive (see ``open_store``).
        host: interface to bind; loopback unless told otherwise.
        port: TCP port.
        api_token: bearer token for /api/ingest (default ``$SVODKA_API_TOKEN``; none: ingest disabled).
    """
    import uvicorn

    app = create_app(store_url, api_token=api_token)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:  # not in a lifespan hook: test clients run startup/shutdown around every request
        app.state.store.close()
