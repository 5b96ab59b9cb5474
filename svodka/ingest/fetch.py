"""Fetching URLs politely and safely: timeouts, retries with backoff, a per-host rate limit,
robots.txt, and no way in to the machine's own network.

URLs may come from strangers (the links of a watched feed), so the fetcher:

- fetches ``http``/``https`` only, and refuses a host any of whose addresses is not global
  (loopback, private, link-local, shared, multicast, reserved, unspecified, IPv6 unique- or
  site-local, and the IPv4-mapped, NAT64 and 6to4 forms of those) unless the user lists the
  host or network in the ``fetch_allow_private`` setting;
- follows redirects itself, at most ``MAX_REDIRECTS``, checking every new URL the same way:
  scheme, addresses after DNS resolution, the robots.txt of each new host;
- streams the body and stops reading at ``max_bytes`` (counted after gzip/deflate decoding);
- retries only what may pass (network errors, 408, 429, 5xx), never a refusal;
- gives up on a URL after ``FETCH_DEADLINE`` seconds in all (each read has its own timeout too),
  and does not retry it.

The network sits behind two seams: ``Fetcher`` takes an ``httpx.Client`` (tests pass one built on
``httpx.MockTransport``) and a ``resolver`` (tests pass a dict lookup), so tests need neither
network nor DNS. The fetcher's own client also checks at connect time: its connection backend
resolves, checks and connects to the checked address in one step, so a DNS answer that changes
between the check and the connection cannot take it to a private address.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx

from ..errors import FetchError
from ..model import Document
from ._private import limit_text, parse_allow_list

__all__ = ["Fetcher", "AddressGuard", "BodyDecoder", "USER_AGENT", "MAX_REDIRECTS", "system_resolver", "address_refusal", "connect_refusal"]

# Names svodka to site operators, with a way to learn what it is.
USER_AGENT = "svodka/0.1 (+https://github.com/svodka/svodka; news research crawler)"
# Connect/read timeouts in seconds: news sites that do not answer in 20 s rarely answer at all.
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# Wall-clock seconds one ``fetch()`` may take, robots.txt, redirects, retries and their waits
# included. TIMEOUT bounds each read, not the whole: a server sending one byte every 19 s would
# hold a 5 MB body for three years, per redirect and per attempt. A news page comes in a few
# seconds; three attempts with their 1 s + 2 s waits and a redirect or two fit in a minute.
FETCH_DEADLINE = 60.0
# Attempts per URL; waits grow 1 s, 2 s, 4 s between them.
RETRIES = 3
# Statuses worth retrying: a request timeout, rate limiting and passing server trouble. Every
# other 4xx is the same on the next try.
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# Statuses that redirect (with a Location header).
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Redirects followed per URL: a news link needs two or three (http -> https -> canonical);
# RFC 9309 asks crawlers to follow at least five for robots.txt.
MAX_REDIRECTS = 5
# Minimum seconds between two requests to one host.
HOST_INTERVAL = 1.0
# Largest response read by default, in bytes after decoding (readers.DEFAULT_MAX_BYTES).
MAX_BYTES = 5_000_000
# robots.txt read up to this many bytes, the rest ignored (RFC 9309: at least 500 KiB parsed).
ROBOTS_MAX_BYTES = 512_000
# Content codings asked for and decoded here, with a bound on the output (br and zstd are not
# asked for: httpx would decode them whole, without a bound).
ACCEPT_ENCODING = "gzip, deflate"

# The charset parameter of a Content-Type header.
_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:\-]+)""", re.I)

# NAT64 (RFC 6052): an IPv4 address in the last 32 bits; judged by that address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# A host name and port -> its addresses: the resolver seam (tests pass a table).
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    """The IPv4 and IPv6 addresses a host name resolves to, from the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_refusal(address: str) -> str | None:
    """Why an address may not be fetched without the user's leave (``"private"``, ...), or None if it is global."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unparsable"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if inner is not None:
            return address_refusal(str(inner))
        if ip.is_site_local:
            return "site-local"
    for word, flag in (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),  # before "private": 240.0.0.0/4 is both
        ("private", ip.is_private),
    ):
        if flag:
            return word
    return None if ip.is_global else "non-global"


class _Refused(Exception):
    """An address or a URL the fetcher will not go to: never retried."""


class _Overtime(FetchError):
    """A fetch past its deadline: never retried, and not taken for a missing robots.txt."""


@dataclass
class _Reply:
    """One response: status, headers, the body read (empty for a redirect) and its URL."""

    status: int
    headers: httpx.Headers
    body: bytes
    url: httpx.URL


class AddressGuard:
    """Which hosts svodka may connect to: global addresses, and the private ones the user allowed.

    The one home of that rule for everything that connects to a URL a stranger may have
    written: the fetcher (links of a watched feed) and the webhooks (a URL given by anyone
    holding the token). Refuses a host any of whose addresses ``address_refusal`` refuses,
    unless the host or the address's network is listed in ``allow_private`` (the setting
    ``fetch_allow_private``).

    Args:
        allow_private: ``"intranet.example, .corp.example, 10.0.0.0/8"``; an iterable of such
            entries works too.
        resolver: host name -> addresses (default: the system resolver).

    Raises:
        ConfigError: for an ``allow_private`` entry that is neither a host nor a network.
    """

    def __init__(self, allow_private: str | Iterable[str] = "", resolver: Resolver | None = None) -> None:
        try:
            self.allowed_hosts, self.allowed_networks = parse_allow_list(allow_private)
        except ValueError as exc:
            from ..errors import ConfigError

            raise ConfigError("fetch_allow_private", str(exc)) from None
        self.resolver = resolver or system_resolver

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of a host, all checked; raises ``_Refused`` for one not allowed.

        A host is refused if *any* of its addresses is not global: a name that resolves to
        both a public and a private address could be connected to either.
        """
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            try:
                addresses = self.resolver(host, port)
            except (OSError, UnicodeError) as exc:
                raise httpx.ConnectError(f"cannot resolve {host}: {exc}") from None
            if not addresses:
                raise httpx.ConnectError(f"cannot resolve {host}: no addresses")
        for address in addresses:
            kind = address_refusal(address)
            if kind and not self.allowed_private(host, address):
                where = f"{host} resolves to {address}" if address != host else address
                raise _Refused(f"{where}, a {kind} address: refused (list it in the fetch_allow_private setting to fetch it)")
        return addresses

    def allowed_private(self, host: str, address: str) -> bool:
        """Whether the user allowed this host or the network of this address.

        A host entry allows that name; one with a leading dot (``.corp.example``) allows the
        name itself (``corp.example``) and every name under it (``news.corp.example``).
        """
        host = host.lower().rstrip(".")
        if host in self.allowed_hosts or any(host.endswith(s) or host == s[1:] for s in self.allowed_hosts if s.startswith(".")):
            return True
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        return any(ip.version == net.version and ip in net for net in self.allowed_networks)

    def refusal(self, url: str | httpx.URL) -> str | None:
        """Why a URL's host may not be connected to (a one-line reason), or None if it may.

        A host that cannot be resolved is not refused here: connecting will fail anyway.
        """
        try:
            url = httpx.URL(url)
            host = url.raw_host.decode("ascii")
        except (httpx.InvalidURL, TypeError, ValueError, UnicodeError):
            return "not an http(s) URL"
        try:
            self.addresses(host, url.port or (443 if url.scheme == "https" else 80))
        except _Refused as exc:
            return str(exc)
        except httpx.ConnectError:
            return None
        return None

    def client(self, lifetime: float | None = None, **kwargs) -> httpx.Client:
        """A real client (``httpx.Client(**kwargs)``) whose connections resolve, check and connect in one step.

        ``lifetime``: seconds each request may take in all (connections are then not kept
        alive, so a connection's lifetime is its request's).
        """
        transport = httpx.HTTPTransport(retries=0, **({"limits": httpx.Limits(max_keepalive_connections=0)} if lifetime else {}))
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):  # httpcore 1.x; else the per-request check alone
            pool._network_backend = _CheckedBackend(pool._network_backend, self.addresses, lifetime)
        return httpx.Client(follow_redirects=False, transport=transport, **kwargs)


class Fetcher:
    """Fetches URLs into ``Document`` objects, one host at a time at a polite rate.

    Args:
        client: the HTTP client; default a real one with svodka's User-Agent and timeouts whose
            connections go only to checked addresses.
        host_interval: minimum seconds between requests to one host.
        retries: attempts per URL.
        max_bytes: largest body read (after decoding); reading stops there.
        max_redirects: redirects followed per URL.
        allow_private: hosts and networks that may be fetched although their addresses are
            not global: ``"intranet.example, .corp.example, 10.0.0.0/8"`` (the setting
            ``fetch_allow_private``); an iterable of such entries works too.
        resolver: host name -> addresses (default: the system resolver).
        deadline: wall-clock seconds one ``fetch()`` may take in all (``FETCH_DEADLINE``).
        sleep, clock: injectable for tests.
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        host_interval: float = HOST_INTERVAL,
        retries: int = RETRIES,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        allow_private: str | Iterable[str] = "",
        resolver: Resolver | None = None,
        deadline: float = FETCH_DEADLINE,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.guard = AddressGuard(allow_private, resolver)
        self.client = client or self.guard.client(timeout=TIMEOUT)
        self.client.headers["User-Agent"] = USER_AGENT
        self.host_interval = host_interval
        self.retries = max(1, retries)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.deadline = deadline
        self.sleep, self.clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def addresses(self, host: str, port: int) -> list[str]:
        """The addresses of a host, all checked (``AddressGuard.addresses``)."""
        return self.guard.addresses(host, port)

    # ------------------------------------------------------------------ politeness

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = self.host_interval - (self.clock() - last)
            if delay > 0:
                self.sleep(delay)
        self._last[host] = self.clock()

    def _allowed(self, url: httpx.URL, until: float) -> bool:
        """Whether robots.txt of the URL's host lets svodka fetch it (no robots.txt: yes).

        Read within the deadline ``until`` of the fetch that asks; running out of time is not
        taken for "no robots.txt" (``_Overtime`` goes up, nothing is remembered).
        """
        root = f"{url.scheme}://{url.netloc.decode('ascii')}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                reply = self._follow(httpx.URL(root + "/robots.txt"), limit=ROBOTS_MAX_BYTES, retries=1, robots=False, until=until, truncate=True)
                parser.parse(reply.body.decode("utf-8", "replace").splitlines())
            except _Overtime:
                raise
            except (FetchError, _Refused):
                parser = None  # none, or none to be had: everything is allowed
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, str(url))

    # ------------------------------------------------------------------ fetching

    def fetch(self, url: str) -> Document:
        """Fetch one URL, following redirects.

        Returns:
            A ``Document`` with the response bytes, the media type from Content-Type, the final
            URL and the fetch time.
        Raises:
            FetchError: (named by ``url``) for a URL that is not http(s), a refused address or
            redirect, robots.txt refusal, an HTTP error status, a body over ``max_bytes``, a
            fetch past its ``deadline`` or a network failure after all retries.
        """
        try:
            start = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise FetchError(url, "not an http(s) URL") from None
        if start.scheme not in ("http", "https") or not start.host:
            raise FetchError(url, "not an http(s) URL")
        until = self.clock() + self.deadline
        try:
            reply = self._follow(start, limit=self.max_bytes, retries=self.retries, robots=True, until=until)
        except _Refused as exc:
            raise FetchError(url, str(exc)) from None
        except FetchError as exc:
            raise FetchError(url, exc.reason) from None
        ctype = reply.headers.get("content-type", "").split(";")[0].strip().lower()
        charset = _CHARSET.search(reply.headers.get("content-type", ""))
        return Document(
            data=reply.body,
            media_type=ctype or "application/octet-stream",
            url=str(reply.url),
            fetched=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            encoding=charset.group(1) if charset else None,
        )

    def _follow(self, url: httpx.URL, *, limit: int, retries: int, robots: bool, until: float, truncate: bool = False) -> _Reply:
        """GET a URL, following at most ``max_redirects`` redirects, each checked like the first, all by ``until``."""
        for hop in range(self.max_redirects + 1):
            self._in_time(until)
            if robots and not self._allowed(url, until):
                raise FetchError(None, f"robots.txt disallows fetching {url}" if hop else "robots.txt disallows fetching this URL")
            try:
                reply = self._get(url, limit=limit, retries=retries, until=until, truncate=truncate)
            except _Refused as exc:
                raise _Refused(f"redirect to {url}: {exc}" if hop else str(exc)) from None
            if reply.status not in REDIRECT_STATUSES:
                return reply
            location = reply.headers.get("location")
            if not location:
                raise FetchError(None, f"HTTP {reply.status} redirect without a Location")
            try:
                url = url.join(location.strip())
            except (httpx.InvalidURL, ValueError):
                raise FetchError(None, f"HTTP {reply.status} redirect to an invalid URL") from None
            if url.scheme not in ("http", "https") or not url.host:
                raise _Refused(f"redirect to {location.strip()[:200]} refused: only http(s) URLs are fetched")
        raise FetchError(None, f"more than {self.max_redirects} redirects")

    def _in_time(self, until: float, wait: float = 0.0) -> float:
        """Seconds left before ``until`` after waiting ``wait`` more; ``_Overtime`` when none are."""
        left = until - self.clock() - wait
        if left <= 0:
            raise _Overtime(None, f"over the {self.deadline:g} s one fetch may take (redirects and retries included): given up, not retried")
        return left

    def _get(self, url: httpx.URL, *, limit: int, retries: int, until: float, truncate: bool) -> _Reply:
        """One GET, redirects not followed, retried while the failure may pass and time is left; the body read up to ``limit``."""
        error = "no attempt made"
        port = url.port or (443 if url.scheme == "https" else 80)
        host = url.raw_host.decode("ascii")  # IDNA-encoded, as the connection will use it
        for attempt in range(retries):
            if attempt:
                self._in_time(until, 2 ** (attempt - 1))  # a wait that would end past the deadline is not begun
                self.sleep(2 ** (attempt - 1))
            try:
                self.addresses(host, port)
                self._wait_for(url.netloc.decode("ascii"))
                left = self._in_time(until)
                with self.client.stream("GET", url, headers={"Accept-Encoding": ACCEPT_ENCODING}, follow_redirects=False,
                                        timeout=_capped(self.client.timeout, left)) as response:
                    status = response.status_code
                    if status in REDIRECT_STATUSES:
                        return _Reply(status, response.headers, b"", url)
                    if status in RETRY_STATUSES:
                        error = f"HTTP {status}"
                        continue
                    if status >= 300 or status < 200:
                        raise FetchError(None, f"HTTP {status}")
                    body = _read_body(response, limit, truncate, lambda: self._in_time(until))
                    return _Reply(status, response.headers, body, url)
            except httpx.HTTPError as exc:
                refused = _refusal_in(exc)
                if refused is not None:
                    raise refused from None
                error = f"network error: {type(exc).__name__}: {exc}"
        raise FetchError(None, error if retries == 1 else f"{error} after {retries} attempts")  # "after 1 attempts" says nothing


def _capped(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """A client's timeouts, none longer than ``seconds`` (what is left of a fetch's deadline)."""

    def cap(value: float | None) -> float:
        return seconds if value is None else min(value, seconds)

    return httpx.Timeout(connect=cap(timeout.connect), read=cap(timeout.read), write=cap(timeout.write), pool=cap(timeout.pool))


class BodyDecoder:
    """A response body decoded from gzip/deflate chunk by chunk, no more than ``limit`` bytes of output.

    The one home of the body rules: the fetcher (``_read_body``) and ``svodka watch``'s async
    poller feed it the raw chunks as they come.

    Raises:
        FetchError: (no name) past the limit (unless ``truncate``: then the first ``limit``
            bytes are kept and ``add`` says it is done), or an encoding not decoded here.
    """

    def __init__(self, headers: httpx.Headers, limit: int, truncate: bool) -> None:
        self.limit, self.truncate = limit, truncate
        self.over = f"response is over the {limit_text(limit)} limit; raise it with --max-bytes"
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit and not truncate:
            raise FetchError(None, self.over)  # said up front: nothing read
        codings = [c.strip().lower() for c in headers.get("content-encoding", "").split(",")]
        self.codings = [c for c in codings if c and c != "identity"]
        if len(self.codings) > 1:
            raise FetchError(None, f"response encoded more than once ({', '.join(self.codings)}): refused")
        if self.codings and self.codings[0] not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(None, f"response in an unsupported content encoding ({self.codings[0]})")
        self.decoder = zlib.decompressobj(zlib.MAX_WBITS | 32) if self.codings else None  # 32: a gzip or zlib header
        self.out = bytearray()

    def add(self, chunk: bytes) -> bool:
        """Decode one raw chunk; True once the body is complete (truncated at the limit)."""
        if self.decoder is not None:
            try:
                chunk = self.decoder.decompress(chunk, self.limit + 1 - len(self.out))  # never more than one byte past the limit
            except zlib.error:
                if self.out or self.codings[0] != "deflate":
                    raise FetchError(None, f"malformed {self.codings[0]}-encoded response") from None
                self.decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent raw, without the zlib header
                chunk = self.decoder.decompress(chunk, self.limit + 1)
        self.out += chunk
        if len(self.out) > self.limit:
            if self.truncate:
                del self.out[self.limit :]
                return True
            raise FetchError(None, self.over)
        return False

    def body(self) -> bytes:
        """What was decoded."""
        return bytes(self.out)


def _read_body(response: httpx.Response, limit: int, truncate: bool, in_time: Callable[[], object] = lambda: None) -> bytes:
    """The body, decoded from gzip/deflate, read no further than ``limit`` bytes of output (``BodyDecoder``).

    ``in_time`` is called after every chunk read and raises once the fetch is past its deadline.

    Raises:
        FetchError: (no name) past the limit (unless ``truncate``: then the first ``limit``
            bytes), past the deadline, or for an encoding that is not decoded here.
    """
    decoder = BodyDecoder(response.headers, limit, truncate)
    if response.is_stream_consumed:  # a response built in memory (a test's MockTransport): httpx has decoded it
        body = response.content
        if len(body) > limit and not truncate:
            raise FetchError(None, decoder.over)
        return body[:limit]
    # iter_raw() without a chunk size: each piece as the network gives it (at most 64 KB a
    # read). With one, httpx gathers that many bytes before yielding, so a server dribbling a
    # byte at a time would be looked at (deadline, limit) once per 64 KB.
    for chunk in response.iter_raw():
        in_time()
        if decoder.add(chunk):
            break
    return decoder.body()


def connect_refusal(exc: BaseException) -> str | None:
    """The reason an ``AddressGuard`` client refused to connect, if that is what an httpx error is."""
    refused = _refusal_in(exc)
    return str(refused) if refused is not None else None


def _refusal_in(exc: BaseException) -> _Refused | None:
    """A refusal raised by the checked connection backend, found among an httpx error's causes."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, _RefusedConnect):
            return _Refused(seen.reason)
        seen = seen.__cause__ or seen.__context__
    return None


try:  # the checked connection backend: an httpcore network backend (httpx's own dependency)
    import httpcore

    class _RefusedConnect(httpcore.ConnectError):
        """A connection the checked backend refused (httpx reports it as a ConnectError)."""

        def __init__(self, reason: str) -> None:
            super().__init__(reason)
            self.reason = reason

    class _CheckedBackend(httpcore.NetworkBackend):
        """Resolves a host, checks its addresses and connects to a checked one (no second lookup)."""

        def __init__(self, inner: httpcore.NetworkBackend, addresses: Callable[[str, int], list[str]], lifetime: float | None = None) -> None:
            self._inner = inner
            self._addresses = addresses
            self._lifetime = lifetime

        def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            """Connect to the first checked address of ``host`` that answers."""
            try:
                addresses = self._addresses(host, port)
            except _Refused as exc:
                raise _RefusedConnect(str(exc)) from None
            except httpx.ConnectError as exc:
                raise httpcore.ConnectError(str(exc)) from None
            failure: Exception | None = None
            for address in addresses:
                try:
                    stream = self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address, socket_options=socket_options)
                    return _DeadlineStream(stream, time.monotonic() + self._lifetime) if self._lifetime else stream
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                    failure = exc
            raise failure or httpcore.ConnectError(f"cannot connect to {host}")

        def connect_unix_socket(self, path, timeout=None, socket_options=None):
            """Never: URLs name hosts, not sockets."""
            raise _RefusedConnect("unix sockets are not fetched")

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    class _DeadlineStream(httpcore.NetworkStream):
        """A connection with a lifetime: each read and write waits no longer than what is left of it.

        httpx's timeouts bound each read, not the whole: a peer sending a byte every few
        seconds holds a request for hours.
        """

        def __init__(self, inner: httpcore.NetworkStream, until: float) -> None:
            self._inner = inner
            self._until = until

        def _left(self, timeout: float | None) -> float:
            left = self._until - time.monotonic()
            if left <= 0:
                raise httpcore.ReadTimeout("the connection outlived its deadline")
            return left if timeout is None else min(timeout, left)

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._inner.read(max_bytes, self._left(timeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._inner.write(buffer, self._left(timeout))

        def close(self) -> None:
            self._inner.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, self._left(timeout)), self._until)

        def get_extra_info(self, info: str):
            return self._inner.get_extra_info(info)

except ImportError:  # pragma: no cover - httpx always brings httpcore

    class _RefusedConnect(Exception):  # type: ignore[no-redef]
        """Stand-in when httpcore is missing: never raised."""

        reason = ""
