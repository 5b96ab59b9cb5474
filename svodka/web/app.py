"""The analyst's desk: a JSON API and server-rendered pages over the archive.

    app = create_app("sqlite:///svodka.db", api_token="secret")   # a FastAPI app
    serve("svodka.db", host="127.0.0.1", port=8000)                # what ``svodka serve`` runs (``_server``)

A thin layer over ``svodka.store`` (reads, and the analyst's corrections of entities) and
``svodka.pipeline`` (``/api/analyze`` and ``/api/ingest``): routes parse and check
parameters, call the library and format the result. Everything that writes needs the bearer
token (ingest, corrections, relink).
Read handlers are plain functions, so FastAPI runs them in its thread pool (the Store keeps
a read connection per thread). Analysis runs in a small pool of worker processes
(``_pool``): bounded (503 when every worker is busy), timed (504) and stopped when the
client leaves; the models load once per worker. ``_guard`` checks every request first:
Host, target length, origin of state-changing requests, the ingest token (before the body
is read), body size and the time the body takes to arrive.

The reads both faces share (search, statements by outlet, stories, entity days) live in
``_queries``, which this module and ``pages`` (the HTML routes) import; the bodies of
requests and answers in ``_schemas``; binding and serving in ``_server``.

Errors are JSON ``{"error": {"status": N, "message": "..."}}`` under ``/api`` (validation
errors included) and an HTML page elsewhere; ``SvodkaError`` subclasses carry their status.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
from datetime import date
from pathlib import Path
from typing import Any, Literal

import anyio
from fastapi import Depends, FastAPI, File, Header, HTTPException, Path as PathParam, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ConfigError, SvodkaError
from ..model import Article
from ..webhooks import Webhooks
from . import _jobs, _queries, _render, alerts, feeds, pages
from ._cache import ArchiveCache
from ._guard import DEFAULT_HOSTS, BearerToken, RequestGuard, host_name, normal_origin, origin_text
from ._pool import AnalysisPool
from ._queries import MAX_LIMIT, MAX_OFFSET, SEARCH_THREADS, clean_query
from ._schemas import (
    ANALYSIS_RESPONSES,
    ANALYZE_BODY,
    DAY_PATTERN,
    ERROR_RESPONSES,
    MAX_INGEST_DOCUMENTS,
    AliasRequest,
    AnalyzeRequest,
    AnalyzeResponse,
    CorrectionResponse,
    ErrorBody,
    Failure,
    IngestRequest,
    IngestResponse,
    MergeRequest,
    RelinkResponse,
    SplitRequest,
)

__all__ = ["create_app", "MAX_BODY_BYTES", "MAX_INGEST_DOCUMENTS", "MAX_LIMIT"]

log = logging.getLogger("svodka.web")

# Largest request body accepted (bytes); bigger requests get 413 before any parsing. What the
# readers accept of one uploaded file is the max_bytes setting (5,000,000 bytes, as on the
# command line); this is 5 MiB, a little more, for the multipart framing around a file
# (boundaries and part headers: a few hundred bytes a file). A max_bytes set higher is still
# capped by it: one request is at most this big.
MAX_BODY_BYTES = 5 * 1024 * 1024
# An offset cursor as the schema states it: a number from 0 to MAX_OFFSET.
OFFSET_PATTERN = r"^(?:[0-9]{1,4}|10000)$"
# Deepest nesting of a JSON body. Our bodies are 3 levels deep; 100,000 levels made the
# decoder raise RecursionError (a 500 before this limit).
MAX_JSON_DEPTH = 32
# Largest document /api/analyze analyses (characters; a long news article is ~30,000). It
# needs no token, so it must not let one request hold a CPU for minutes.
MAX_ANALYZE_CHARS = 300_000
# The environment variable holding the ingest token when ``api_token`` is not given.
TOKEN_ENV = "SVODKA_API_TOKEN"
# Entity types, as the CLI spells them.
# Content-Security-Policy of our own pages: no inline script, nothing from elsewhere. A second
# wall behind escaping: even a missed escape could not run a script.
PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# Media types /api/analyze reads: the JSON object, or the document itself as the body.
ANALYZE_TYPES = ("application/json", "text/plain", "text/html")
# CSP of /docs: Swagger UI (served from the swagger-ui-bundle package, never a CDN) styles
# its elements inline, so styles may be inline there; scripts still only from this server.
DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# The headers every response gets (HTML ones also get a CSP).
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]
# Routes whose POSTs (and DELETEs) need the bearer token: checked by the guard before their body is read
# (ingest; the analyst's corrections of entities and the relink that applies them; watchlists).
TOKEN_PATHS = ("/api/ingest", "/api/entities", "/api/relink", "/api/watchlists")
# Documents an upload to /api/ingest/files is budgeted for (the pool's deadline per document
# each): its records are only known once read, in the worker. Ingest needs the token; this is
# a backstop.
INGEST_FILES_BUDGET_DOCS = 100
# Seconds the pool waits past a document's time_budget before it kills the worker (504 and a
# model reload of ~2 s). The worker rejects a slow document itself, cleanly, at time_budget;
# the pool must not beat it to it. The budget bounds only the analysis stages: reading and
# cleaning come first (0.6 s for a 5 MB page here), and the alarm cannot break into a long
# C call (a regex, a numpy operation), so it may ring late. 10 s covers both on a loaded machine.
ANALYZE_MARGIN_S = 10

HERE = Path(__file__).resolve().parent

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
        _templates.filters["speaker_kind"] = _render.speaker_kind_label
        _templates.filters["day"] = lambda v: (str(v)[:10] if v else "")
        _templates.filters["when"] = lambda v: (str(v).replace("T", " ")[:16] if v else "")
    return _templates


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template into an HTML response."""
    return HTMLResponse(_env().get_template(name).render(**context), status_code=status)


def _is_api(path: str) -> bool:
    """Whether ``path`` is under /api (JSON errors there)."""
    return path == "/api" or path.startswith("/api/")


def _error_response(path: str, status: int, message: str, details: list | None = None, headers: dict | None = None) -> Response:
    """JSON error under /api, an HTML page elsewhere."""
    if _is_api(path) or path.startswith("/openapi"):
        body: dict[str, Any] = {"status": status, "message": message}
        if details:
            body["details"] = details
        return JSONResponse({"error": body}, status_code=status, headers=headers)
    page = _page("error.html", status=status, status_code=status, message=message, nav="", q="")
    page.headers.update(headers or {})
    return page


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
        elif isinstance(exc.__cause__, RecursionError):  # FastAPI's own JSON parsing (/api/ingest)
            message = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
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
        retry = getattr(exc, "retry_after", None)
        details = getattr(exc, "candidates", None) or None  # an ambiguous entity name: what it may mean
        return _error_response(request.url.path, status, str(exc), details, headers={"Retry-After": str(retry)} if retry else None)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("%s %s failed", request.method, request.url.path)
        return _error_response(request.url.path, 500, f"internal error ({type(exc).__name__}); the server log has the details")


# ---------------------------------------------------------------------------- helpers


def _offset(cursor: str | None) -> int:
    """A list cursor (an offset as text; ``OFFSET_PATTERN`` has checked it) as an int; 422 past ``MAX_OFFSET``."""
    if not cursor:
        return 0
    value = int(cursor)
    if value > MAX_OFFSET:
        raise HTTPException(422, f"cursor: pages deeper than {MAX_OFFSET} results are not served; narrow the query")
    return value


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


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """``(media type, charset)`` of a Content-Type header: ``("text/plain", "cp1251")``."""
    kind, _, params = (content_type or "").partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"') or None
    return kind.strip().lower(), charset


def _json_depth(value: Any, limit: int) -> int:
    """How deeply ``value`` nests lists and objects, counting no further than ``limit + 1``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > limit:
                break
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def _parse_json(data: bytes) -> Any:
    """A JSON body; 400 when nested deeper than ``MAX_JSON_DEPTH``, 422 when not JSON."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise _StatusError(400, f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as e:  # UnicodeDecodeError included
        raise RequestValidationError([{"loc": ("body",), "msg": f"invalid JSON ({e})", "type": "json_invalid"}]) from None
    if _json_depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise _StatusError(400, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _validated(data: Any) -> "AnalyzeRequest":
    """An AnalyzeRequest from ``data``; pydantic's errors as a 422 naming the body fields."""
    try:
        return AnalyzeRequest.model_validate(data)
    except ValidationError as e:
        raise RequestValidationError([{**err, "loc": ("body", *err["loc"])} for err in e.errors(include_url=False)]) from None


async def _analyze_body(
    request: Request,
    url: str | None = Query(None, max_length=2048, description="Where the page came from (for a raw body; a JSON body's own field wins)"),
    published: str | None = Query(None, pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Publication date YYYY-MM-DD, overrides what is found (for a raw body; a JSON body's own field wins)"),
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
    # Parsing and charset detection of up to 5 MB go to a thread: the event loop must stay
    # free to answer others and to notice clients leaving.
    if kind == "application/json" or kind.endswith("+json"):
        obj = await run_in_threadpool(_parse_json, data)
        if isinstance(obj, dict):
            obj = {**{k: v for k, v in options.items() if v not in (None, False)}, **obj}
        return _validated(obj)
    if kind in ("text/plain", "text/html"):
        text, _ = await run_in_threadpool(decode, data, charset)  # InputError (400) when the bytes are not text
        field = "html" if kind == "text/html" else "text"
        return _validated({field: text, **options})
    got = f"got {kind!r}" if kind else "no Content-Type was sent"
    raise HTTPException(415, f"unsupported body ({got}): send one of {', '.join(ANALYZE_TYPES)} (JSON as {{\"text\": ...}} or {{\"html\": ...}})")


async def _json_only(request: Request) -> None:
    """A JSON route's check: the body is declared JSON (415) and nests at most ``MAX_JSON_DEPTH`` (400).

    FastAPI has parsed the body by now (``request.json()`` returns its cached result): a body
    of another type would only reach the schema check as bytes, and a deep one would be validated.
    """
    kind, _ = _media_type(request.headers.get("content-type"))
    if kind != "application/json" and not kind.endswith("+json"):
        got = f"got {kind!r}" if kind else "no Content-Type was sent"
        raise HTTPException(415, f"unsupported body ({got}): send application/json")
    try:
        parsed = await request.json()
    except ValueError:  # empty or not JSON: FastAPI's validation names it
        return
    if _json_depth(parsed, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        raise _StatusError(400, f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def _day(name: str, value: str | None) -> date | None:
    """A date parameter (the pattern has checked YYYY-MM-DD) as a date; 422 when no such day."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": f"{value!r} is not a real date (YYYY-MM-DD)", "type": "date_parsing"}]) from None


def _split(value: str) -> list[str]:
    """A comma-separated setting as a list of its non-empty items."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _security_headers(path: str, content_type: str) -> list[tuple[bytes, bytes]]:
    """Headers every response gets; HTML also gets the CSP (the docs page its own)."""
    if not content_type.startswith("text/html"):
        return SECURITY_HEADERS
    csp = DOCS_CSP if path in ("/docs", alerts.DIGEST_HTML_PATH) else PAGE_CSP  # the mailed digest's style is inline
    return [*SECURITY_HEADERS, (b"content-security-policy", csp.encode())]


# ---------------------------------------------------------------------------- the app


def create_app(
    store_url: str,
    *,
    api_token: str | None = None,
    models: Any = None,
    settings: Settings | None = None,
    hosts: list[str] | tuple[str, ...] = (),
    analysis: AnalysisPool | None = None,
) -> FastAPI:
    """The web app over the archive at ``store_url``.

    Args:
        store_url: a path, ``sqlite:///path`` or ``postgresql://...`` (see ``open_store``).
        api_token: the bearer token /api/ingest requires; default ``settings.api_token``,
            then ``$SVODKA_API_TOKEN``. Without one, ingest is disabled (403).
        models: loaded NLP models whose morphology the search shares (tests pass theirs);
            analysis itself runs in worker processes that load their own.
        settings: the server settings (allowed_hosts, allowed_origins, analyze_*); default
            the defaults.
        hosts: more Host names to answer, besides localhost, 127.0.0.1, ::1 and
            ``settings.allowed_hosts`` (``serve`` adds the address it binds).
        analysis: the worker pool to analyse in (tests share one); default a pool from
            ``settings``, started on the first analysis and closed by ``serve``.

    Returns:
        A FastAPI application (ASGI).

    Raises:
        StoreError: the database cannot be opened.
    """
    from ..store import open_store

    settings = settings or Settings()
    store = open_store(store_url)

    token = api_token or settings.api_token or os.environ.get(TOKEN_ENV) or None  # "" must not become a token anyone can send
    app = FastAPI(
        title="svodka",
        version="1",
        summary="Who said what, about whom, where and when, in Russian-language news.",
        description="Search the archive, read analysed articles, entity profiles, statements and stories; analyse or ingest new documents.",
        openapi_tags=[
            {"name": "archive", "description": "Read the archive"},
            {"name": "analysis", "description": "Analyse and store documents"},
            {"name": "corrections", "description": "Correct the archive's entities: merge, split, alias, relink (needs the token)"},
            {"name": "alerts", "description": "Watchlists (writing them needs the token), their alerts and the daily digest"},
        ],
        docs_url=None,  # our own /docs below: Swagger UI from an installed package, not a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.models = models
    if models is not None:
        store.use_parse(models.parse)  # one pymorphy3 analyzer per process
    pool = analysis or AnalysisPool(workers=settings.analyze_workers, timeout=settings.analyze_timeout, memory_mb=settings.analyze_memory_mb)
    app.state.analysis = pool
    # The pool's deadline per document: past the worker's own bound (time_budget plus a
    # margin), and never under the pool's timeout (analyze_timeout); with no time_budget,
    # the pool's timeout alone.
    budget = max(pool.timeout, settings.time_budget + ANALYZE_MARGIN_S) if settings.time_budget else pool.timeout
    bounds = {"time_budget": settings.time_budget, "max_words": settings.max_words}  # of each document, in the worker
    ingest_lock = threading.Lock()  # one ingest at a time: the Store has one writer anyway
    cache = app.state.cache = ArchiveCache(store)  # what the home page shows (see _cache)
    app.state.search_slots = anyio.CapacityLimiter(SEARCH_THREADS)  # searches at once (API and pages)
    app.state.webhooks = Webhooks(settings.base_url, allow_private=settings.fetch_allow_private)  # alerts of /api/ingest to their webhooks (a thread once one is sent)

    async def analyze(request: Request, items: list[AnalyzeRequest]) -> tuple[list[Article], list[_jobs.Failure], int]:
        """Clean and analyse request items in a worker: articles, failures (collected, not raised), inputs read.

        Items without a URL are named ``<request 3f9a0c1e #1>``: the id is new for every
        request, so rejections of different requests are never merged in the archive.
        """
        label = f"request {secrets.token_hex(4)}"
        return await pool.run(
            _jobs.analyze_items, [[item.model_dump() for item in items], bounds, label], gone=request.is_disconnected, budget=budget * max(1, len(items))
        )

    bearer = BearerToken(token, f"writing is disabled (ingest, entity corrections): start the server with {TOKEN_ENV} set (or api_token) to enable it")

    def require_token(authorization: str | None = Header(None, description="Bearer <token>")) -> None:
        """Writing (ingest, corrections) needs ``Authorization: Bearer <token>``; 403 when the server has no token.

        The guard has checked it before reading the body (TOKEN_PATHS); checked here again so
        the route stands on its own, and so the OpenAPI description names the header.
        """
        refused = bearer.refusal(authorization)
        if refused is not None:
            raise HTTPException(refused[0], refused[1], headers=refused[2])

    names = _split(settings.allowed_hosts)
    for name in names:
        if name != "*" and host_name(name) is None:
            raise ConfigError("allowed_hosts", f"{name!r} is not a host name like news.example, 10.0.0.5 or [::1] (a port may follow)")
    # A bound address that names no host (a wildcard "" or the like) adds nothing.
    allowed_hosts = None if "*" in names else {n for n in map(host_name, (*DEFAULT_HOSTS, *hosts, *names)) if n}
    origins = []
    for value in _split(settings.allowed_origins):
        origin = normal_origin(value)
        if origin is None:
            raise ConfigError("allowed_origins", f"{value!r} is not an origin like https://news.example or http://host:8080")
        origins.append(origin)
    if origins:  # pages on those origins may call the API: answer their CORS preflights
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            # as browsers write them (lowercase, no default port), the form the guard compares:
            # the raw setting "https://News.example:443" would match no preflight's Origin
            allow_origins=sorted({origin_text(o) for o in origins}),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(
        RequestGuard,
        hosts=allowed_hosts,
        origins=origins,
        max_body=MAX_BODY_BYTES,
        error=_error_response,
        headers=_security_headers,
        token=bearer,
        token_paths=TOKEN_PATHS,
    )

    _install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    # ------------------------------------------------------------------ JSON API

    Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})")
    Cursor = Query(None, pattern=OFFSET_PATTERN, description=f"The 'next' value of the previous page (pages end at offset {MAX_OFFSET})")
    From = Query(None, alias="from", pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Published on or after (YYYY-MM-DD)")
    To = Query(None, alias="to", pattern=DAY_PATTERN, json_schema_extra={"format": "date"}, description="Published on or before (YYYY-MM-DD)")

    @app.get("/api/search", tags=["archive"], responses=ERROR_RESPONSES)
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

        return await anyio.to_thread.run_sync(found, limiter=app.state.search_slots)

    @app.get("/api/articles", tags=["archive"], responses=ERROR_RESPONSES)
    def api_articles(limit: int = Limit, cursor: str | None = Query(None, pattern=r"^[0-9]{1,18}$", description="The 'next' value of the previous page")) -> dict[str, Any]:
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
        rows = store.entities(type=type, query=clean_query(q), limit=offset + limit + 1)
        page = rows[offset : offset + limit]
        return {"results": page, "next": str(offset + limit) if len(rows) > offset + limit else None}

    @app.get("/api/entities/{entity_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_entity(entity_id: str = PathParam(..., min_length=1, max_length=256, description="Corpus entity id or a name in any form")) -> dict[str, Any]:
        """An entity profile: aliases, roles over time, co-mentioned entities, statements, mentions per week."""
        key = clean_query(entity_id)
        profile = store.entity_profile(key) if key else None
        if profile is None:
            raise HTTPException(404, f"no entity {entity_id!r}")
        bars, step = _render.week_buckets(_queries.entity_days(store, profile), max_bars=10**6, min_weeks=1)
        profile["mentions_per_week"] = {monday.isoformat(): n for monday, n in bars if n}
        return profile

    @app.get("/api/quotes", tags=["archive"], responses=ERROR_RESPONSES)
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

    @app.get("/api/stories", tags=["archive"], responses=ERROR_RESPONSES)
    def api_stories(limit: int = Limit, cursor: str | None = Cursor) -> dict[str, Any]:
        """Stories: the same event reported by several articles, largest first."""
        offset = _offset(cursor)
        rows, more = _queries.stories(store, offset, limit)
        return {"results": rows, "next": str(offset + limit) if more else None}

    @app.get("/api/stories/{story_id}", tags=["archive"], responses=ERROR_RESPONSES)
    def api_story(story_id: int) -> dict[str, Any]:
        """One story: its outlets, the first outlet with its time, its articles, statements with speakers and growth per hour."""
        row = _queries.story(store, story_id)
        if row is None:
            raise HTTPException(404, f"no story {story_id}: see /api/stories for the stories there are")
        return row

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
        responses={**ERROR_RESPONSES, **ANALYSIS_RESPONSES, 415: {"model": ErrorBody, "description": "The body is not JSON, text/plain or text/html"}},
        openapi_extra={"requestBody": ANALYZE_BODY},
    )
    async def api_analyze(request: Request, body: AnalyzeRequest = Depends(_analyze_body)) -> dict[str, Any]:
        """Analyse one document (text or HTML); nothing is stored.

        Send the JSON object `{"text" | "html": ..., "url", "published", "source", "no_clean"}`,
        or the document itself: `curl -H 'Content-Type: text/plain' --data-binary @dump.txt '/api/analyze?source=...'`.
        The analysis runs in one of `analyze_workers` worker processes: when all are busy the
        answer is 503 with `Retry-After`; a document slower than `time_budget` seconds is
        rejected (422), and a worker still busy 10 s later (or past `analyze_timeout`) is stopped (504).
        """
        size = len(body.text or "") + len(body.html or "")
        if size > MAX_ANALYZE_CHARS:
            # analysis costs CPU in proportion to the text, and this endpoint needs no token
            raise _StatusError(413, f"document is {size} characters, over the {MAX_ANALYZE_CHARS} that /api/analyze takes; store long documents with svodka ingest")
        articles, failures, _ = await analyze(request, [body])
        if not articles:
            _, status, message, _, _ = failures[0] if failures else (None, 422, "no article found", 1, "no article found")
            raise _StatusError(status, message)
        return {"article": articles[0].to_dict()}

    ingest_responses = {**ERROR_RESPONSES, **ANALYSIS_RESPONSES, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}}

    @app.post(
        "/api/ingest",
        tags=["analysis"],
        response_model=IngestResponse,
        responses={**ingest_responses, 415: {"model": ErrorBody, "description": "The body is not application/json"}},
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    async def api_ingest(request: Request, body: IngestRequest) -> dict[str, Any]:
        """Analyse and store documents (needs ``Authorization: Bearer <token>``)."""
        articles, failures, read = await analyze(request, body.documents)
        return await run_in_threadpool(_store_articles, articles, failures, read)

    @app.post(
        "/api/ingest/files",
        tags=["analysis"],
        response_model=IngestResponse,
        responses=ingest_responses,
        dependencies=[Depends(require_token)],
        openapi_extra={"requestBody": {"required": True}},  # `files` is required: so is the body
    )
    async def api_ingest_files(
        request: Request,
        files: list[UploadFile] = File(..., min_length=1, description=f"Files in any format svodka reads (dumps, HTML, JSONL, feeds, WARC, gzip); at most {MAX_INGEST_DOCUMENTS}"),
    ) -> dict[str, Any]:
        """Read uploaded files like ``svodka ingest`` does (each at most the ``max_bytes`` setting), analyse and store them."""
        if len(files) > MAX_INGEST_DOCUMENTS:
            message = f"{len(files)} files sent; one request takes at most {MAX_INGEST_DOCUMENTS}: send the rest in another request"
            raise RequestValidationError([{"loc": ("body", "files"), "msg": message, "type": "too_long"}])
        # Whole files: the body limit (MAX_BODY_BYTES) bounds them; the reader refuses one
        # over max_bytes with its true size, as `svodka ingest` does.
        uploads = [(upload.filename or "<upload>", await upload.read()) for upload in files]
        found, failed, read = await pool.run(
            _jobs.analyze_files, [uploads, settings.max_bytes, bounds], gone=request.is_disconnected, budget=budget * INGEST_FILES_BUDGET_DOCS
        )
        return await run_in_threadpool(_store_articles, found, failed, read)

    def _store_articles(articles: list[Article], failures: list[_jobs.Failure], read: int) -> dict[str, Any]:
        """Store analysed articles (one transaction), record the rejected inputs, and report.

        ``read`` is how many inputs the job read. Each became an article (stored or a
        duplicate) or a failure (standing for ``count`` inputs); if some became neither, they
        are reported (and recorded) as rejected, so ``read = stored + duplicates + rejected``
        holds and no input goes unaccounted for.
        """
        with ingest_lock:
            result = store.add_articles(articles) if articles else None
            from ..ingest.job import raise_alerts  # here: importing the store would weigh on every analysis worker

            raise_alerts(store, result, app.state.webhooks.send)
        if result is not None and result.stored:
            cache.clear()  # the home page shows the newest articles and the counts
        stored = result.stored if result else 0
        duplicates = result.duplicates if result else 0
        failures = list(failures)
        missing = read - stored - duplicates - sum(f[3] for f in failures)
        if missing > 0:
            log.error("%d of %d inputs were read but neither stored nor rejected", missing, read)
            reason = f"{missing} input(s) read but neither stored nor rejected (a bug: please report it)"
            failures.append(("<request>", 500, reason, missing, reason))
        elif missing < 0:
            log.error("%d inputs read, %d accounted for", read, read - missing)
            read -= missing
        for name, _, _, count, reason in failures:
            try:
                store.add_rejected(name or "<request>", reason, count=count)  # the reason alone, as the CLI records it
            except SvodkaError:
                pass  # the report below still names it
        return {
            "read": read,
            "stored": stored,
            "duplicates": duplicates,
            "rejected": sum(f[3] for f in failures),
            "ids": list(result.ids) if result else [],
            "languages": dict(result.languages) if result else {},  # stored articles per language (only "ru" ones analysed)
            "errors": [Failure(name=n, status=st, message=m, count=c).model_dump() for n, st, m, c, _ in failures],
        }

    # ------------------------------------------------------------------ the analyst's corrections

    correction_responses = {
        **ERROR_RESPONSES,
        401: {"model": ErrorBody, "description": "No token, or a wrong one"},
        403: {"model": ErrorBody, "description": "Writing is disabled (the server has no token), or a POST from a page on another origin"},
        404: {"model": ErrorBody, "description": "No such entity"},
        409: {"model": ErrorBody, "description": "A name that may mean several entities; `details` lists them: name the one meant by its id"},
        415: {"model": ErrorBody, "description": "The body is not application/json"},
        422: {"model": ErrorBody, "description": "Invalid body, or a correction that cannot apply (an entity into itself, a person with an organisation, a form the entity lacks)"},
    }
    EntityRef = PathParam(..., min_length=1, max_length=256, description="Corpus entity id or a name in any form")

    def correct(do, entity: str, other: Any) -> dict[str, Any]:
        """Make one correction (the one writer at a time), then forget the cached home page."""
        with ingest_lock:
            result = do(clean_query(entity) or "", (clean_query(other) or "") if isinstance(other, str) else other)
        cache.clear()
        return result

    @app.post(
        "/api/entities/{entity_id}/merge", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_merge(body: MergeRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Merge the entity `other` into this one (needs the token).

        It stays one entity when the archive is linked again and in new articles: every name
        of `other` is recorded as a name of this one.
        """
        return correct(store.merge_entities, entity_id, body.other)

    @app.post(
        "/api/entities/{entity_id}/split", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_split(body: SplitRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Give the mentions of this entity by the name `form` an entity of their own (needs the token).

        They stay apart when the archive is linked again and in new articles.
        """
        return correct(store.split_entity, entity_id, body.form)

    @app.post(
        "/api/entities/{entity_id}/aliases", tags=["corrections"], response_model=CorrectionResponse, responses=correction_responses,
        dependencies=[Depends(require_token), Depends(_json_only)],
    )
    def api_entity_alias(body: AliasRequest, entity_id: str = EntityRef) -> dict[str, Any]:
        """Give this entity another name, `alias`: it is found and linked by it (needs the token).

        An entity named exactly so (a person for a person; an organisation or place
        otherwise) is merged into it.
        """
        return correct(store.alias_entity, entity_id, body.alias)

    @app.post(
        "/api/relink", tags=["corrections"], response_model=RelinkResponse,
        responses={k: v for k, v in correction_responses.items() if k not in (404, 409, 415)}, dependencies=[Depends(require_token)],
    )
    def api_relink() -> dict[str, Any]:
        """Link every stored article again (needs the token): entities and statements rebuilt, corrections applied, stories kept.

        Takes a while on a large archive (the whole archive is linked again); the answer
        comes when it is done.
        """
        with ingest_lock:
            n = store.relink()
        cache.clear()
        return {"articles": n}

    @app.get("/api", include_in_schema=False)
    def api_root() -> RedirectResponse:
        return RedirectResponse("/docs")

    swagger = _swagger_assets()
    if swagger is not None:
        app.mount("/docs/assets", StaticFiles(directory=str(swagger)), name="swagger")

    @app.get("/docs", include_in_schema=False)
    def docs_page() -> HTMLResponse:
        """Swagger UI over /openapi.json, its assets from this server; a plain list without them."""
        operations = [
            {"method": method.upper(), "path": path, "summary": op.get("summary") or ""}
            for path, item in app.openapi().get("paths", {}).items()
            for method, op in item.items()
        ]
        return _page("docs.html", swagger=swagger is not None, operations=operations)

    # ------------------------------------------------------------------ pages

    pages.install(app, store, _page, cache, writable=token is not None)
    app.include_router(alerts.router(store, settings, require_token, _page, writable=token is not None))
    app.include_router(feeds.router(store, _page))  # /api/feeds, /feeds, /metrics (issue 17)

    return app


def _swagger_assets() -> Path | None:
    """Swagger UI's files from the swagger-ui-bundle package; None when it is not installed."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = Path(swagger_ui_path)
    return path if (path / "swagger-ui-bundle.js").is_file() else None


class _StatusError(SvodkaError):
    """An error with the status of the SvodkaError it reports (analysis failures)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(None, message)
        self.status = status
