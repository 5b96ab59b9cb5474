"""The server's front door: one ASGI middleware that checks every request before any route.

In order: the request must carry exactly one well-formed Host header (400 otherwise: HTTP/1.1
requires it, and without it the next check cannot be made; HTTP/1.0 requests are held to the
same rule, since every client of this century sends Host); the Host must name this server
(421 otherwise: a DNS-rebinding page on ``evil.example`` must not reach a server on
127.0.0.1); the request target must be at most
``MAX_URL_BYTES`` (414); a state-changing request (POST, PUT, PATCH, DELETE) coming from a
browser page must come from this server's own origin or a configured one (403: a page
elsewhere must not make the visitor's browser post here, and a ``text/plain`` POST needs no
CORS preflight); a request to a token route (``/api/ingest``) must carry the bearer token
(401; 403 when the server has none; the token routes are ingest and the analyst's entity corrections), checked before a byte of its body is read, so no one
without the token can make the server buffer or parse a body; the body must be at most
``max_body`` bytes (413, counted as it arrives) and arrive within ``body_timeout`` seconds
(408: a client trickling a body must not hold its buffer and a connection for ever).
Responses get the security headers (``nosniff``, ``Referrer-Policy`` and, on HTML, the CSP).

A client that sends no ``Origin`` and no ``Sec-Fetch-Site`` is not a browser page (browsers
send ``Origin`` on every cross-origin POST), so curl and scripts are not refused.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

import anyio

__all__ = ["RequestGuard", "BearerToken", "host_name", "normal_origin", "origin_text", "DEFAULT_HOSTS", "BODY_TIMEOUT_S"]

# Host names always allowed: the loopback names a local user types.
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")
# Longest request target (path and query string) in bytes. A search form with every field at
# its 500-character limit, in Cyrillic (6 bytes per character percent-encoded), is ~12 KB.
MAX_URL_BYTES = 16 * 1024
# Methods whose body the guard neither reads nor checks (requests of these have none).
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Methods that change state: these must come from an allowed origin.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values of a request that a page on another site started.
FOREIGN_FETCH_SITES = frozenset({b"cross-site", b"same-site"})
# Seconds a request body may take to arrive, from the guard's first read to its last byte. A
# full 5 MB body over a 1 Mbit/s uplink takes 42 s; past 60 s the answer is 408. Bounds how
# long a slow client holds a connection and up to ``max_body`` bytes of buffer.
BODY_TIMEOUT_S = 60.0
# Default ports, so that "http://localhost" and "http://localhost:80" are one origin.
DEFAULT_PORTS = {"http": 80, "https": 443}
# A host name or IPv4 address as a Host header carries it (lowercased): dot-separated labels of
# letters, digits, '-' and '_', an optional final dot. Stricter than RFC 3986's reg-name, which
# also allows sub-delims and percent-escapes no DNS name has.
HOST_NAME = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?")
# The port part of a Host header (RFC 3986: ``port = *DIGIT``, so it may be empty).
HOST_PORT = re.compile(r"[0-9]{0,5}")


def host_name(value: str) -> str | None:
    """The host of a Host header or an address, lowercase, without port or brackets; None if malformed.

    ``"News.Example:8000"`` -> ``"news.example"``, ``"[::1]:8000"`` and ``"::1"`` -> ``"::1"``;
    ``"[localhost]evil"``, ``"a b"``, ``"evil.example@localhost"`` -> None. Parsed strictly: a
    lenient parse that cut ``"[localhost]evil"`` to ``"localhost"`` let a foreign name through.
    """
    value = value.strip().lower()
    if value.startswith("["):  # [::1] or [::1]:8000: an IPv6 address and nothing else inside
        inside, bracket, rest = value[1:].partition("]")
        if not bracket or (rest and not (rest[0] == ":" and HOST_PORT.fullmatch(rest[1:]))):
            return None
        return _ipv6(inside)
    if value.count(":") > 1:  # a bare IPv6 address (a bound address or a setting, never a Host header)
        return _ipv6(value)
    name, colon, port = value.partition(":")
    if (colon and not HOST_PORT.fullmatch(port)) or not HOST_NAME.fullmatch(name):
        return None
    return name.rstrip(".")


def _ipv6(text: str) -> str | None:
    """An IPv6 address in its compressed form (``0:0::1`` -> ``::1``); None if it is not one."""
    try:
        return ipaddress.IPv6Address(text).compressed
    except ValueError:
        return None


def normal_origin(value: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an origin such as ``https://news.example:8443``; None if it is not one."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower().rstrip("."), port or DEFAULT_PORTS[scheme]


def origin_text(origin: tuple[str, str, int]) -> str:
    """An origin as browsers send it in ``Origin``: ``("https", "news.example", 443)`` -> ``"https://news.example"``.

    Lowercase, no default port, IPv6 in brackets: what CORSMiddleware compares verbatim.
    """
    scheme, host, port = origin
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}" if port == DEFAULT_PORTS[scheme] else f"{scheme}://{shown}:{port}"


class BearerToken:
    """The bearer token some routes require, checked in constant time.

    Both sides are hashed to SHA-256 before ``hmac.compare_digest``, so the time a check takes
    says nothing of the token's length nor of how much of it a guess got right, and a missing
    header, a wrong scheme and a wrong token cost the same work.

    Args:
        token: the token; None when the routes are disabled (every request then gets 403).
        disabled: the 403 message (what to set to enable the routes).
    """

    def __init__(self, token: str | None, disabled: str) -> None:
        self._digest = None if token is None else hashlib.sha256(token.encode()).digest()
        self.disabled = disabled

    def refusal(self, authorization: str | None) -> tuple[int, str, dict[str, str] | None] | None:
        """``(status, message, headers)`` unless ``authorization`` is ``Bearer <the token>``."""
        if self._digest is None:
            return 403, self.disabled, None
        scheme, _, given = (authorization or "").partition(" ")
        matches = hmac.compare_digest(hashlib.sha256(given.strip().encode()).digest(), self._digest)
        if not (matches & (scheme.lower() == "bearer")):  # no short circuit: the same work either way
            return 401, "missing or wrong token: send 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
        return None


class RequestGuard:
    """ASGI middleware: Host, target length, origin, token, body size and time checks, security headers.

    Args:
        app: the ASGI app behind it.
        hosts: Host names answered (``host_name`` form); None answers any.
        origins: other origins allowed to send state-changing requests (``normal_origin`` form).
        max_body: largest request body in bytes.
        error: ``error(path, status, message, headers=...)`` -> a Response (JSON under /api, HTML elsewhere).
        headers: ``headers(path, content_type)`` -> the security headers to add to a response.
        token: the bearer token of ``token_paths``; None: no route needs one.
        token_paths: paths (and everything under them) whose requests with a body need ``token``.
        body_timeout: seconds a body may take to arrive (default ``BODY_TIMEOUT_S``).
    """

    def __init__(
        self,
        app,
        *,
        hosts: Iterable[str] | None,
        origins: Iterable[tuple[str, str, int]] = (),
        max_body: int,
        error: Callable[..., Any],
        headers: Callable[[str, str], list[tuple[bytes, bytes]]],
        token: BearerToken | None = None,
        token_paths: Iterable[str] = (),
        body_timeout: float | None = None,
    ) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(hosts)
        self.origins = frozenset(origins)
        self.max_body = max_body
        self.error = error
        self.headers = headers
        self.token = token
        self.token_paths = tuple(p.rstrip("/") for p in token_paths)
        self.body_timeout = BODY_TIMEOUT_S if body_timeout is None else float(body_timeout)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        send = self._with_headers(scope.get("path", ""), send)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await self._refuse(scope, send, *refusal)
            return
        if scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        if self.token is not None and self._needs_token(scope.get("path", "")):
            refused = self.token.refusal(headers[b"authorization"].decode("latin-1") if b"authorization" in headers else None)
            if refused is not None:
                await self._refuse(scope, send, refused[0], refused[1], refused[2])
                return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(scope, send, 413, self._too_big())
            return
        chunks: list[bytes] = []
        try:
            with anyio.fail_after(self.body_timeout):
                if not await self._read_body(receive, chunks):
                    return  # the client left
        except TimeoutError:
            message = f"the request body did not arrive within {self.body_timeout:g} s; send it faster or in a smaller request"
            await self._refuse(scope, send, 408, message)
            return
        except _TooBig:
            await self._refuse(scope, send, 413, self._too_big())
            return
        body, sent = b"".join(chunks), False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # after the body: disconnects and the like
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _read_body(self, receive, chunks: list[bytes]) -> bool:
        """Read the whole body into ``chunks`` (at most ``max_body`` bytes, else ``_TooBig``); False if the client left."""
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return False
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                raise _TooBig
            if not message.get("more_body"):
                return True

    def _needs_token(self, path: str) -> bool:
        """Whether ``path`` is one of ``token_paths`` or under one."""
        return any(path == p or path.startswith(p + "/") for p in self.token_paths)

    def _refusal(self, scope, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        """``(status, message)`` when the request is refused before the app sees it."""
        hosts = [v for k, v in scope.get("headers") or [] if k.lower() == b"host"]
        raw_host = hosts[0].decode("latin-1") if len(hosts) == 1 else ""
        name = host_name(raw_host) if raw_host.strip() else None
        if name is None:
            got = "no Host header" if not hosts else "several Host headers" if len(hosts) > 1 else f"the Host header {raw_host[:100]!r}"
            return 400, f"a request must name the server in one Host header (got {got})"
        if self.hosts is not None and name not in self.hosts:
            shown = raw_host[:100]
            return 421, f"this server does not answer to the host {shown!r}; add it to the allowed_hosts setting if it is this server's name"
        target = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(scope.get("query_string") or b"")
        if target > MAX_URL_BYTES:
            return 414, f"the request target is {target} bytes, over the {MAX_URL_BYTES} this server reads; send fewer or shorter parameters"
        if scope["method"] in UNSAFE_METHODS:
            origin = headers.get(b"origin")
            if origin is not None:
                text = origin.decode("latin-1")
                own = normal_origin(f"{scope.get('scheme', 'http')}://{raw_host}")
                got = normal_origin(text)
                if got is None or (got != own and got not in self.origins):
                    return 403, f"cross-origin {scope['method']} from {text[:100]!r} refused; add the origin to the allowed_origins setting to allow it"
            elif headers.get(b"sec-fetch-site") in FOREIGN_FETCH_SITES:
                return 403, f"cross-site {scope['method']} refused (Sec-Fetch-Site: {headers[b'sec-fetch-site'].decode('latin-1')})"
        return None

    def _too_big(self) -> str:
        return f"request body is over the {self.max_body // (1024 * 1024)} MB limit; send fewer or smaller documents"

    def _with_headers(self, path: str, send):
        """``send`` that adds the security headers to the response start."""

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                content_type = next((v for k, v in message.get("headers", []) if k.lower() == b"content-type"), b"").decode("latin-1")
                extra = [(k, v) for k, v in self.headers(path, content_type) if k not in have]
                if extra:
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return send_with_headers

    async def _refuse(self, scope, send, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        if scope["method"] not in SAFE_METHODS:  # its body is left unread: no next request on this connection
            headers = {**(headers or {}), "Connection": "close"}
        response = self.error(scope.get("path", ""), status, message, headers=headers)
        await response(scope, _no_receive, send)


class _TooBig(Exception):
    """The body grew past ``max_body`` while it was read."""


async def _no_receive():
    """A receive channel for responses sent without reading the request."""
    return {"type": "http.disconnect"}
