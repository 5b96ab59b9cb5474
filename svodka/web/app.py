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

This module builds the app (settings, guard, token, the docs page) and includes the routers:
``archive`` (the read API), ``analysis`` (analyse and ingest), ``corrections``, ``pages``
(the HTML routes), ``alerts`` and ``feeds``. The reads both faces share (search, statements
by outlet, stories, entity days) live in ``_queries``; parameter and body checks and the
error responses in ``_http``; the templates' environment in ``_jinja``; the bodies of
requests and answers in ``_schemas``; binding and serving in ``_server``.

Errors are JSON ``{"error": {"status": N, "message": "..."}}`` under ``/api`` (validation
errors included) and an HTML page elsewhere; ``SvodkaError`` subclasses carry their status.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from ..config import Settings
from ..errors import ConfigError
from ..webhooks import Webhooks
from . import alerts, archive, corrections, feeds, pages
from ._cache import ArchiveCache
from ._guard import DEFAULT_HOSTS, BearerToken, RequestGuard, host_name, normal_origin, origin_text
from ._http import _error_response, _install_error_handlers
from ._jinja import HERE, _page
from ._pool import AnalysisPool
from ._queries import SEARCH_THREADS
from ._schemas import MAX_INGEST_DOCUMENTS
from .analysis import ANALYZE_MARGIN_S, MAX_ANALYZE_CHARS, router as analysis_router

# MAX_INGEST_DOCUMENTS, MAX_ANALYZE_CHARS and ANALYZE_MARGIN_S are imported from here by the tests.
__all__ = ["create_app", "MAX_BODY_BYTES", "MAX_INGEST_DOCUMENTS", "MAX_ANALYZE_CHARS", "ANALYZE_MARGIN_S"]

# Largest request body accepted (bytes); bigger requests get 413 before any parsing. What the
# readers accept of one uploaded file is the max_bytes setting (5,000,000 bytes, as on the
# command line); this is 5 MiB, a little more, for the multipart framing around a file
# (boundaries and part headers: a few hundred bytes a file). A max_bytes set higher is still
# capped by it: one request is at most this big.
MAX_BODY_BYTES = 5 * 1024 * 1024

# The environment variable holding the ingest token when ``api_token`` is not given.
TOKEN_ENV = "SVODKA_API_TOKEN"

# Content-Security-Policy of our own pages: no inline script, nothing from elsewhere. A second
# wall behind escaping: even a missed escape could not run a script.
PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

# CSP of /docs: Swagger UI (served from the swagger-ui-bundle package, never a CDN) styles
# its elements inline, so styles may be inline there; scripts still only from this server.
DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

# The headers every response gets (HTML ones also get a CSP).
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin")]

# Routes whose POSTs (and DELETEs) need the bearer token: checked by the guard before their body is read
# (ingest; the analyst's corrections of entities and the relink that applies them; watchlists).
TOKEN_PATHS = ("/api/ingest", "/api/entities", "/api/relink", "/api/watchlists")


def _split(value: str) -> list[str]:
    """A comma-separated setting as a list of its non-empty items."""
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _security_headers(path: str, content_type: str) -> list[tuple[bytes, bytes]]:
    """Headers every response gets; HTML also gets the CSP (the docs page its own)."""
    if not content_type.startswith("text/html"):
        return SECURITY_HEADERS
    csp = DOCS_CSP if path in ("/docs", alerts.DIGEST_HTML_PATH) else PAGE_CSP  # the mailed digest's style is inline
    return [*SECURITY_HEADERS, (b"content-security-policy", csp.encode())]


def _hosts_and_origins(settings: Settings, hosts: list[str] | tuple[str, ...]) -> tuple[set[str] | None, list[tuple[str, str, int]]]:
    """The Host names the app answers (None: any) and the origins allowed to call it, from the settings.

    Raises:
        ConfigError: a name in ``allowed_hosts`` or ``allowed_origins`` that is not one.
    """
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
    return allowed_hosts, origins


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
    ingest_lock = threading.Lock()  # one ingest at a time: the Store has one writer anyway
    cache = app.state.cache = ArchiveCache(store)  # what the home page shows (see _cache)
    app.state.search_slots = anyio.CapacityLimiter(SEARCH_THREADS)  # searches at once (API and pages)
    app.state.webhooks = Webhooks(settings.base_url, allow_private=settings.fetch_allow_private)  # alerts of /api/ingest to their webhooks (a thread once one is sent)

    bearer = BearerToken(token, f"writing is disabled (ingest, entity corrections): start the server with {TOKEN_ENV} set (or api_token) to enable it")

    def require_token(authorization: str | None = Header(None, description="Bearer <token>")) -> None:
        """Writing (ingest, corrections) needs ``Authorization: Bearer <token>``; 403 when the server has no token.

        The guard has checked it before reading the body (TOKEN_PATHS); checked here again so
        the route stands on its own, and so the OpenAPI description names the header.
        """
        refused = bearer.refusal(authorization)
        if refused is not None:
            raise HTTPException(refused[0], refused[1], headers=refused[2])

    allowed_hosts, origins = _hosts_and_origins(settings, hosts)
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

    app.include_router(archive.router(store, app.state.search_slots))
    app.include_router(analysis_router(store, settings, pool, require_token, ingest_lock, cache, app.state.webhooks))
    app.include_router(corrections.router(store, require_token, ingest_lock, cache))

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
