"""The server's front door: one ASGI middleware that checks every request before any route.

In order: the request must carry exactly one well-formed Host header (400 otherwise: HTTP/1.1
requires it, and without it the next check cannot be made; HTTP/1.0 requests are held to the
same rule, since every client of this century sends Host); the Host must name this server
(421 otherwise: a DNS-rebinding page on ``evil.example`` must not reach a server on
127.0.0.1); the request target must be at most
``MAX_URL_BYTES`` (414); a state-changing request (POST, PUT, PATCH, DELETE) coming from a
browser page must come from this server's own origin or a configured one (403: a page
elsewhere must not make the visitor's browser post here, and a ``text/plain`` POST needs no
CORS preflight); the body must be at most ``max_body`` bytes (413, counted as it arrives).
Responses get the security headers (``nosniff``, ``Referrer-Policy`` and, on HTML, the CSP).

A client that sends no ``Origin`` and no ``Sec-Fetch-Site`` is not a browser page (browsers
send ``Origin`` on every cross-origin POST), so curl and scripts are not refused.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

__all__ = ["RequestGuard", "host_name", "normal_origin", "origin_text", "DEFAULT_HOSTS"]

# Host names always allowed: the loopback names a local user types.
DEFAULT_HOSTS = ("localhost", "127.0.0.1", "::1")
# Longest request target (path and query string) in bytes. A search form with every field at
# its 500-character limit, in Cyrillic (6 bytes per character percent-encoded), is ~12 KB.
MAX_URL_BYTES = 16 * 1024
# Methods that change state: these must come from an allowed origin.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values of a request that a page on another site started.
FOREIGN_FETCH_SITES = frozenset({b"cross-site", b"same-site"})
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


class RequestGuard:
    """ASGI middleware: Host, target length, origin and body size checks, security headers.

    Args:
        app: the ASGI app behind it.
        hosts: Host names answered (``host_name`` form); None answers any.
        origins: other origins allowed to send state-changing requests (``normal_origin`` form).
        max_body: largest request body in bytes.
        error: ``error(path, status, message, headers)`` -> a Response (JSON under /api, HTML elsewhere).
        headers: ``headers(path, content_type)`` -> the security headers to add to a response.
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
    ) -> None:
        self.app = app
        self.hosts = None if hosts is None else frozenset(hosts)
        self.origins = frozenset(origins)
        self.max_body = max_body
        self.error = error
        self.headers = headers

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
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(scope, send, 413, self._too_big())
            return
        chunks, size = [], 0
        while True:  # read the body here (at most max_body), then replay it to the app
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                await self._refuse(scope, send, 413, self._too_big())
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

    async def _refuse(self, scope, send, status: int, message: str) -> None:
        response = self.error(scope.get("path", ""), status, message)
        await response(scope, _no_receive, send)


async def _no_receive():
    """A receive channel for responses sent without reading the request."""
    return {"type": "http.disconnect"}
