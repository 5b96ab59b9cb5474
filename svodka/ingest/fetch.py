"""Fetching URLs politely: timeouts, retries with backoff, a per-host rate limit, robots.txt.

The network sits behind a seam: ``Fetcher`` takes an ``httpx.Client`` (tests pass one built on
``httpx.MockTransport``), so the default test run never touches the network.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from datetime import datetime, timezone
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..model import Document

__all__ = ["Fetcher", "USER_AGENT"]

# Names svodka to site operators, with a way to learn what it is.
USER_AGENT = "svodka/0.1 (+https://github.com/svodka/svodka; news research crawler)"
# Connect/read timeouts in seconds: news sites that do not answer in 20 s rarely answer at all.
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
# Attempts per URL; waits grow 1 s, 2 s, 4 s between them.
RETRIES = 3
# Statuses worth retrying: rate limiting and passing server trouble.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Minimum seconds between two requests to one host.
HOST_INTERVAL = 1.0


class Fetcher:
    """Fetches URLs into ``Document`` objects, one host at a time at a polite rate.

    Args:
        client: the HTTP client; default a real one with svodka's User-Agent and timeouts.
        host_interval: minimum seconds between requests to one host.
        retries: attempts per URL.
        sleep, clock: injectable for tests.
    """

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        host_interval: float = HOST_INTERVAL,
        retries: int = RETRIES,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
        self.client.headers["User-Agent"] = USER_AGENT
        self.host_interval = host_interval
        self.retries = max(1, retries)
        self.sleep, self.clock = sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = self.host_interval - (self.clock() - last)
            if delay > 0:
                self.sleep(delay)
        self._last[host] = self.clock()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                self._wait_for(parts.netloc)
                response = self.client.get(root + "/robots.txt")
                if response.status_code >= 400:
                    parser = None  # no robots.txt: everything is allowed
                else:
                    parser.parse(response.text.splitlines())
            except httpx.HTTPError:
                parser = None
            self._robots[root] = parser
        parser = self._robots[root]
        return parser is None or parser.can_fetch(USER_AGENT, url)

    def fetch(self, url: str) -> Document:
        """Fetch one URL.

        Returns:
            A ``Document`` with the response bytes, the media type from Content-Type, the final
            URL and the fetch time.
        Raises:
            FetchError: for a bad URL, robots.txt refusal, an HTTP error status or a network failure
            after all retries.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        if not self._allowed(url):
            raise FetchError(url, "robots.txt disallows fetching this URL")
        error = "no attempt made"
        for attempt in range(self.retries):
            if attempt:
                self.sleep(2 ** (attempt - 1))
            self._wait_for(parts.netloc)
            try:
                response = self.client.get(url)
            except httpx.HTTPError as exc:
                error = f"network error: {type(exc).__name__}: {exc}"
                continue
            if response.status_code in RETRY_STATUSES:
                error = f"HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise FetchError(url, f"HTTP {response.status_code}")
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Document(
                data=response.content,
                media_type=ctype or "application/octet-stream",
                url=str(response.url),
                fetched=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                encoding=response.charset_encoding,
            )
        raise FetchError(url, f"{error} after {self.retries} attempts")
