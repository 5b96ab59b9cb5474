"""Polling feeds and fetching item pages over async HTTP (httpx), politely and safely.

The safety rules are the fetcher's (ingest/fetch.py), asked of the same ``AddressGuard``:
http(s) only, every address checked per request and again at connect time (a checked async
connection backend), at most ``MAX_REDIRECTS`` redirects each checked like the first,
robots.txt of every host, a body bound (after gzip/deflate decoding) and a deadline per
request. Politeness: one request at a time per host and ``host_interval`` seconds between two.
A feed is asked conditionally (``If-None-Match`` / ``If-Modified-Since``): a 304 costs a
round trip and no body.

The network sits behind two seams, as in the fetcher: ``transport`` (an
``httpx.AsyncBaseTransport``; tests may pass ``httpx.MockTransport``) and ``resolver``.
"""

from __future__ import annotations

import asyncio
import time
import urllib.robotparser
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

from ..errors import FetchError
from ..ingest.fetch import (
    ACCEPT_ENCODING,
    MAX_BYTES,
    MAX_REDIRECTS,
    REDIRECT_STATUSES,
    ROBOTS_MAX_BYTES,
    USER_AGENT,
    AddressGuard,
    BodyDecoder,
    Resolver,
    _Refused,
    _RefusedConnect,
    connect_refusal,
)

__all__ = ["Poller", "Reply", "POLL_TIMEOUT", "POLL_DEADLINE", "HOST_INTERVAL"]

# Connect/read timeouts of one request, in seconds: a feed server that does not answer in
# 15 s is tried again on its backoff schedule instead of holding a slot.
POLL_TIMEOUT = httpx.Timeout(15.0, connect=10.0)
# Wall-clock seconds one poll or page fetch may take in all (robots.txt and redirects included).
POLL_DEADLINE = 45.0
# Minimum seconds between two requests to one host (the fetcher's HOST_INTERVAL is the same).
HOST_INTERVAL = 1.0
# How long a host's robots.txt is trusted before it is read again (seconds): a day.
ROBOTS_TTL = 86400


@dataclass
class Reply:
    """The outcome of one request: a status with body, or an error (``status`` 0 when nothing answered).

    ``url`` is the final URL after redirects. ``error`` says why there is no usable body
    (network, HTTP status, robots.txt, refused address, too big, too slow).
    """

    status: int = 0
    body: bytes = b""
    url: str = ""
    etag: str | None = None
    modified: str | None = None
    error: str | None = None
    permanent: bool = False  # the error will not pass by retrying (robots.txt, refusal, 4xx)
    moved: str | None = None  # the new address after permanent redirects only (301, 308)


class Poller:
    """Async HTTP for ``svodka watch``: conditional GETs of feeds, GETs of item pages.

    Args:
        allow_private: the ``fetch_allow_private`` setting.
        resolver: host name -> addresses (tests map their hosts to 127.0.0.1).
        transport: an async transport (default: httpx's, connecting only to checked addresses).
        host_interval: minimum seconds between two requests to one host.
        max_bytes: largest body read, after decoding.
        deadline: seconds one ``get`` may take in all.
        timeout: per-read timeouts.
    """

    def __init__(
        self,
        *,
        allow_private: str | Iterable[str] = "",
        resolver: Resolver | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        host_interval: float = HOST_INTERVAL,
        max_bytes: int = MAX_BYTES,
        deadline: float = POLL_DEADLINE,
        timeout: httpx.Timeout = POLL_TIMEOUT,
        max_connections: int = 200,
    ) -> None:
        self.guard = AddressGuard(allow_private, resolver)
        self.custom_resolver = resolver is not None
        self.check_each = transport is not None  # a given transport has no connect-time check: check per request
        if transport is None:
            transport = httpx.AsyncHTTPTransport(retries=0, limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections))
            pool = getattr(transport, "_pool", None)
            if pool is not None and hasattr(pool, "_network_backend"):
                pool._network_backend = _CheckedAsyncBackend(pool._network_backend, self._addresses)
        self.client = httpx.AsyncClient(transport=transport, timeout=timeout, follow_redirects=False, headers={"User-Agent": USER_AGENT})
        self.host_interval = host_interval
        self.max_bytes = max_bytes
        self.deadline = deadline
        self._hosts: dict[str, tuple[asyncio.Lock, list[float]]] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self.requests = 0  # requests sent (robots.txt included), for the counters

    async def close(self) -> None:
        """Close the connections."""
        await self.client.aclose()

    async def _addresses(self, host: str, port: int) -> list[str]:
        """The checked addresses of a host; the system resolver runs in a thread (it blocks)."""
        if self.custom_resolver:
            return self.guard.addresses(host, port)
        return await asyncio.to_thread(self.guard.addresses, host, port)

    async def get(self, url: str, *, etag: str | None = None, modified: str | None = None) -> Reply:
        """GET a URL (conditionally when given validators), following checked redirects; never raises."""
        try:
            return await self._follow(httpx.URL(url), etag, modified, _Budget(self.deadline))
        except asyncio.TimeoutError:
            return Reply(url=url, error=f"over the {self.deadline:g} s one request may take")
        except _Refused as exc:
            return Reply(url=url, error=str(exc), permanent=True)
        except (httpx.InvalidURL, ValueError) as exc:
            return Reply(url=url, error=f"not an http(s) URL: {exc}", permanent=True)

    async def _follow(self, url: httpx.URL, etag: str | None, modified: str | None, budget: "_Budget") -> Reply:
        """GET with redirects followed; the validators go with every hop (they are the final resource's)."""
        first = str(url)
        moved = True  # every redirect so far permanent (301, 308): the feed has a new address
        for hop in range(MAX_REDIRECTS + 1):
            if url.scheme not in ("http", "https") or not url.host:
                return Reply(url=first, error=f"not an http(s) URL: {str(url)[:200]}", permanent=True)
            if not await self._allowed(url, budget):
                return Reply(url=first, error=f"robots.txt disallows fetching {url}", permanent=True)
            headers = {"Accept-Encoding": ACCEPT_ENCODING}
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
            reply = await self._request(url, headers, self.max_bytes, budget)
            if reply.status not in REDIRECT_STATUSES:
                if hop and moved and reply.error is None:
                    reply.moved = str(url)
                return reply
            moved = moved and reply.status in (301, 308)
            location = reply.url  # the Location header, carried in ``url`` by _request
            try:
                url = url.join(location.strip())
            except (httpx.InvalidURL, ValueError):
                return Reply(url=first, error=f"HTTP {reply.status} redirect to an invalid URL", permanent=True)
        return Reply(url=first, error=f"more than {MAX_REDIRECTS} redirects", permanent=True)

    async def _request(self, url: httpx.URL, headers: dict[str, str], limit: int, budget: "_Budget", truncate: bool = False) -> Reply:
        """One GET under the host's slot; a redirect comes back with its Location in ``url``.

        Only the time holding the slot counts against the deadline (``budget``): the wait for
        the host's turn does not. A feed's sixty new items on one host wait a minute for their
        turns at one request a second; counted in, every page after the 45th timed out unasked
        and its item was stored as the feed's summary.
        """
        host = url.netloc.decode("ascii")
        lock, last = self._hosts.setdefault(host, (asyncio.Lock(), [0.0]))
        async with lock:
            wait = last[0] + self.host_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            started = time.monotonic()
            try:
                if budget.left <= 0:
                    raise asyncio.TimeoutError
                return await asyncio.wait_for(self._send(url, headers, limit, truncate), budget.left)
            finally:
                budget.left -= time.monotonic() - started
                last[0] = time.monotonic()

    async def _send(self, url: httpx.URL, headers: dict[str, str], limit: int, truncate: bool) -> Reply:
        """The request itself (the caller holds the host's slot)."""
        try:
            if self.check_each:
                await self._addresses(url.raw_host.decode("ascii"), url.port or (443 if url.scheme == "https" else 80))
            self.requests += 1
            async with self.client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in REDIRECT_STATUSES:
                    location = response.headers.get("location")
                    if not location:
                        return Reply(url=str(url), error=f"HTTP {status} redirect without a Location", permanent=True)
                    return Reply(status=status, url=location)
                etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
                if status == 304:
                    return Reply(status=304, url=str(url), etag=etag, modified=modified)
                if not 200 <= status < 300:
                    return Reply(status=status, url=str(url), error=f"HTTP {status}", permanent=400 <= status < 500 and status not in (408, 429))
                try:
                    body = await _read_body(response, limit, truncate)
                except FetchError as exc:  # too big, or an encoding not decoded: the same next time
                    return Reply(status=status, url=str(url), error=exc.reason.split("; raise it")[0], permanent=True)
                return Reply(status=status, body=body, url=str(url), etag=etag, modified=modified)
        except httpx.HTTPError as exc:
            refused = connect_refusal(exc)
            if refused:
                raise _Refused(refused) from None
            return Reply(url=str(url), error=f"network error: {type(exc).__name__}: {exc}".rstrip(": "))

    async def _allowed(self, url: httpx.URL, budget: "_Budget") -> bool:
        """Whether the host's robots.txt lets svodka fetch the URL (none to be had: yes).

        One read of it per host at a time: the requests to a host that arrive together wait for
        the first one's (each used to read robots.txt itself, so a site's sixty feeds polled
        together read it sixty times, a second apart, before the first feed).
        """
        root = f"{url.scheme}://{url.netloc.decode('ascii')}"
        async with self._robots_locks.setdefault(root, asyncio.Lock()):
            cached = self._robots.get(root)
            if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
                parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
                reply = await self._request(httpx.URL(root + "/robots.txt"), {"Accept-Encoding": ACCEPT_ENCODING}, ROBOTS_MAX_BYTES, budget, truncate=True)
                if reply.status == 200 and reply.body:
                    parser.parse(reply.body.decode("utf-8", "replace").splitlines())
                else:
                    parser = None  # none, or none to be had: everything is allowed
                cached = self._robots[root] = (time.monotonic(), parser)
        parser = cached[1]
        return parser is None or parser.can_fetch(USER_AGENT, str(url))


class _Budget:
    """Seconds one ``get`` may still spend holding host slots (robots.txt and redirects included)."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds


async def _read_body(response: httpx.Response, limit: int, truncate: bool) -> bytes:
    """The body decoded from gzip/deflate, no more than ``limit`` bytes of output (the fetcher's ``BodyDecoder``).

    Raises:
        FetchError: past the limit, or an encoding not decoded.
    """
    decoder = BodyDecoder(response.headers, limit, truncate)
    async for chunk in response.aiter_raw():
        if decoder.add(chunk):
            break
    return decoder.body()


import httpcore  # noqa: E402  (httpx's own dependency; the async backend below extends it)


class _CheckedAsyncBackend(httpcore.AsyncNetworkBackend):
    """Resolves a host with the policy's resolver, checks its addresses and connects to a checked one."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, addresses) -> None:
        self._inner = inner
        self._addresses = addresses

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        """Connect to the first checked address of ``host`` that answers."""
        try:
            addresses = await self._addresses(host, port)
        except _Refused as exc:
            raise _RefusedConnect(str(exc)) from None
        except httpx.ConnectError as exc:
            raise httpcore.ConnectError(str(exc)) from None
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address, socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"cannot connect to {host}")

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        """Never: URLs name hosts, not sockets."""
        raise _RefusedConnect("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
