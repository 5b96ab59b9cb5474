"""Analysis over HTTP: ``/api/analyze`` (nothing stored), ``/api/ingest`` and ``/api/ingest/files``.

Analysis runs in a small pool of worker processes (``_pool``): bounded (503 when every worker
is busy), timed (504) and stopped when the client leaves; the models load once per worker.
Ingest needs the bearer token and stores under the app's one writer lock. Included in the app
with one line (``app.include_router(analysis.router(...))``).
"""

from __future__ import annotations

import logging
import secrets
import threading
from typing import Any, Callable

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from ..config import Settings
from ..errors import SvodkaError
from ..model import Article
from ..webhooks import Webhooks
from . import _jobs
from ._cache import ArchiveCache
from ._http import _json_only, _media_type, _parse_json, _StatusError
from ._pool import AnalysisPool
from ._schemas import (
    ANALYSIS_RESPONSES,
    ANALYZE_BODY,
    DAY_PATTERN,
    ERROR_RESPONSES,
    MAX_INGEST_DOCUMENTS,
    AnalyzeRequest,
    AnalyzeResponse,
    ErrorBody,
    Failure,
    IngestRequest,
    IngestResponse,
)

__all__ = ["router", "MAX_ANALYZE_CHARS", "ANALYZE_MARGIN_S"]

log = logging.getLogger("svodka.web")

# Largest document /api/analyze analyses (characters; a long news article is ~30,000). It
# needs no token, so it must not let one request hold a CPU for minutes.
MAX_ANALYZE_CHARS = 300_000

# Media types /api/analyze reads: the JSON object, or the document itself as the body.
ANALYZE_TYPES = ("application/json", "text/plain", "text/html")

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


def router(
    store: Any,
    settings: Settings,
    pool: AnalysisPool,
    require_token: Callable[..., None],
    ingest_lock: threading.Lock,
    cache: ArchiveCache,
    webhooks: Webhooks,
) -> APIRouter:
    """The analysis routes over ``store``, analysing in ``pool``; writing checked by ``require_token``
    and done under ``ingest_lock``; the home page's ``cache`` cleared and alerts sent to ``webhooks``."""
    routes = APIRouter()

    # The pool's deadline per document: past the worker's own bound (time_budget plus a
    # margin), and never under the pool's timeout (analyze_timeout); with no time_budget,
    # the pool's timeout alone.
    budget = max(pool.timeout, settings.time_budget + ANALYZE_MARGIN_S) if settings.time_budget else pool.timeout
    bounds = {"time_budget": settings.time_budget, "max_words": settings.max_words}  # of each document, in the worker

    async def analyze(request: Request, items: list[AnalyzeRequest]) -> tuple[list[Article], list[_jobs.Failure], int]:
        """Clean and analyse request items in a worker: articles, failures (collected, not raised), inputs read.

        Items without a URL are named ``<request 3f9a0c1e #1>``: the id is new for every
        request, so rejections of different requests are never merged in the archive.
        """
        label = f"request {secrets.token_hex(4)}"
        return await pool.run(
            _jobs.analyze_items, [[item.model_dump() for item in items], bounds, label], gone=request.is_disconnected, budget=budget * max(1, len(items))
        )

    @routes.post(
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

    @routes.post(
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

    @routes.post(
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

            raise_alerts(store, result, webhooks.send)
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

    return routes
