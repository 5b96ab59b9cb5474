"""The web app's edges shared by every router: parameter and body checks, and errors.

Errors are JSON ``{"error": {"status": N, "message": "..."}}`` under ``/api`` (validation
errors included) and an HTML page elsewhere; ``SvodkaError`` subclasses carry their status.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import SvodkaError
from ._jinja import _page
from ._queries import MAX_OFFSET

log = logging.getLogger("svodka.web")

# An offset cursor as the schema states it: a number from 0 to MAX_OFFSET.
OFFSET_PATTERN = r"^(?:[0-9]{1,4}|10000)$"

# Deepest nesting of a JSON body. Our bodies are 3 levels deep; 100,000 levels made the
# decoder raise RecursionError (a 500 before this limit).
MAX_JSON_DEPTH = 32


class _StatusError(SvodkaError):
    """An error with the status of the SvodkaError it reports (analysis failures)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(None, message)
        self.status = status


# ---------------------------------------------------------------------------- errors


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


# ---------------------------------------------------------------------------- checks


def _offset(cursor: str | None) -> int:
    """A list cursor (an offset as text; ``OFFSET_PATTERN`` has checked it) as an int; 422 past ``MAX_OFFSET``."""
    if not cursor:
        return 0
    value = int(cursor)
    if value > MAX_OFFSET:
        raise HTTPException(422, f"cursor: pages deeper than {MAX_OFFSET} results are not served; narrow the query")
    return value


def _day(name: str, value: str | None) -> date | None:
    """A date parameter (the pattern has checked YYYY-MM-DD) as a date; 422 when no such day."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RequestValidationError([{"loc": ("query", name), "msg": f"{value!r} is not a real date (YYYY-MM-DD)", "type": "date_parsing"}]) from None


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
