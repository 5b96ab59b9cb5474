"""Alerts delivered to their watchlists' webhooks: a JSON POST each, from a background thread.

    hooks = Webhooks(base_url="http://127.0.0.1:8000")
    ingest(docs, store, on_alerts=hooks.send)    # send() queues and returns at once
    hooks.close(timeout=10)                      # at the end: a bounded wait for the queue to drain

The watcher must never wait for a slow or dead receiver, so ``send`` only puts the alerts
on a bounded queue (``QUEUE_SIZE``; past it an alert is dropped and counted, never
blocked on) and one daemon thread posts them. A failed POST (no connection, a timeout,
HTTP 429 or 5xx) is retried up to ``RETRIES`` times with exponential backoff
(``BACKOFF_S`` doubling, at most ``MAX_BACKOFF_S``); another 4xx is the receiver's refusal
and is not retried. A receiver that let every retry of an alert fail gets one try per alert
until one passes (a dead receiver must not hold every other watchlist's alerts behind its
backoff). The network sits behind an injectable ``httpx.Client``.

A webhook URL is written by whoever holds the API token, so it is held to the fetcher's rule
(``AddressGuard``, the ``fetch_allow_private`` setting): a host with a loopback, private or
otherwise non-global address is refused (not retried) unless the setting lists it, checked
before each POST and again, by the default client, at connect time (a DNS answer that changes
in between cannot take it to a private address).

The body of each POST (``payload``): the alert as the API lists it, with ``link``: its
article's page in the archive (``base_url``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import httpx

from .ingest.fetch import AddressGuard, Resolver, connect_refusal

__all__ = ["Webhooks", "payload", "QUEUE_SIZE", "RETRIES", "BACKOFF_S"]

log = logging.getLogger("svodka.webhooks")

# Alerts waiting for delivery at most; more are dropped (and counted) rather than waited for.
QUEUE_SIZE = 1000
# Retries of a failed POST after the first try.
RETRIES = 5
# Seconds before the first retry; doubled for each next one, capped at MAX_BACKOFF_S.
BACKOFF_S = 1.0
MAX_BACKOFF_S = 60.0
# Seconds each step of one POST may take (connect, send, each read of the answer) ...
TIMEOUT_S = 10.0
# ... and the whole POST: a receiver that dribbles its answer must not hold the one sender
# (and every other watchlist's alerts behind it) for hours.
DEADLINE_S = 30.0
# Statuses worth retrying: the receiver is busy or broken, not refusing.
RETRY_STATUSES = frozenset({408, 425, 429})
# Fields of an alert sent (the API's), besides the link.
FIELDS = ("id", "watchlist", "kind", "term", "title", "source", "published", "detail", "article_id", "story_id", "quote_id", "url", "created")


def payload(alert: dict, base_url: str = "") -> dict:
    """The JSON body of one alert's POST."""
    body = {k: alert.get(k) for k in FIELDS}
    body["link"] = f"{base_url.rstrip('/')}/articles/{alert.get('article_id')}"
    return body


class Webhooks:
    """A background sender of alerts to their ``webhook`` URLs.

    Args:
        base_url: the archive's address, for the links in the bodies.
        allow_private: hosts and networks that may be posted to although their addresses are
            not global (the setting ``fetch_allow_private``); by default none.
        resolver: host name -> addresses (default: the system resolver; tests pass a table).
        client: the ``httpx.Client`` to post with (tests inject one); default a new one whose
            connections go only to checked addresses.
        retries, backoff, timeout, deadline: see the module constants.
        queue_size: alerts waiting at most.
    """

    def __init__(
        self,
        base_url: str = "",
        *,
        allow_private: str = "",
        resolver: Resolver | None = None,
        client: httpx.Client | None = None,
        retries: int = RETRIES,
        backoff: float = BACKOFF_S,
        timeout: float = TIMEOUT_S,
        deadline: float = DEADLINE_S,
        queue_size: int = QUEUE_SIZE,
    ) -> None:
        self.base_url = base_url
        self.retries = retries
        self.backoff = backoff
        self.guard = AddressGuard(allow_private, resolver)
        self._client = client or self.guard.client(lifetime=deadline, timeout=timeout, headers={"User-Agent": "svodka-webhooks"})
        self._own_client = client is None
        self._queue: queue.Queue = queue.Queue(maxsize=queue_size)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.delivered = 0  # POSTs the receiver took (2xx/3xx)
        self.failed = 0  # alerts given up on (refused, or retries spent)
        self.dropped = 0  # alerts not queued: the queue was full or the sender closed
        self._down: set[str] = set()  # receivers whose last alert spent every retry (the sender's thread only)

    def send(self, alerts: list[dict]) -> int:
        """Queue the alerts that have a webhook; never blocks. Returns how many were queued."""
        queued = 0
        for alert in alerts:
            if not alert.get("webhook"):
                continue
            if self._stop.is_set():
                self.dropped += 1
                continue
            self._start()
            try:
                self._queue.put_nowait((alert["webhook"], payload(alert, self.base_url)))
                queued += 1
            except queue.Full:
                self.dropped += 1
                log.warning("webhook queue full: alert %s to %s dropped", alert.get("id"), alert["webhook"])
        return queued

    __call__ = send  # an ``on_alerts`` callback as it is

    def close(self, timeout: float = 10.0) -> None:
        """Wait at most ``timeout`` seconds in all for the queue to drain, then stop the sender (idempotent).

        One deadline for the whole wait: the end of ``svodka ingest`` is held up no longer than
        it says, even when the queue is full and the receiver hangs (the sender is a daemon
        thread: a POST still running does not keep the process).
        """
        thread = self._thread
        until = time.monotonic() + timeout
        if thread is not None:
            try:
                self._queue.put(None, timeout=max(0.0, until - time.monotonic()))  # after what is queued: the sender stops there
            except queue.Full:
                pass
            thread.join(max(0.0, until - time.monotonic()))
        self._stop.set()  # a sender still retrying gives up at its next wait
        if self._own_client:
            self._client.close()

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="svodka-webhooks", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None or self._stop.is_set():
                return
            url, body = item
            try:
                took = self._deliver(url, body)
            except Exception as exc:  # noqa: BLE001 - one bad URL must not end the sender for every other alert
                log.warning("webhook %s: %s: %s", url, type(exc).__name__, exc)
                took = False
            if took:
                self.delivered += 1
            else:
                self.failed += 1

    def _deliver(self, url: str, body: dict) -> bool:
        """POST one alert, retrying what may pass later; whether the receiver took it.

        A receiver whose last alert spent every retry gets one try per alert until one
        passes: one sender serves every watchlist, and a dead receiver's backoff (31 s an
        alert) must not hold the others' alerts behind it for hours.
        """
        refused = self.guard.refusal(url)
        if refused:
            log.warning("webhook %s: %s", url, refused)
            return False
        tries = 1 if url in self._down else self.retries + 1
        took = self._post(url, body, tries)
        if took:
            self._down.discard(url)
        elif took is None:
            self._down.add(url)
        return bool(took)

    def _post(self, url: str, body: dict, tries: int) -> bool | None:
        """Up to ``tries`` POSTs with backoff: True when taken, False when refused, None when every try failed."""
        for attempt in range(tries):
            if attempt and self._stop.wait(min(self.backoff * 2 ** (attempt - 1), MAX_BACKOFF_S)):
                return False  # closing: no more waiting
            try:
                # the status is all we need: the answer's body is not read (post() would read it
                # whole, however long a receiver makes it, into memory)
                with self._client.stream("POST", url, json=body) as response:
                    status = response.status_code
            except httpx.HTTPError as exc:
                refused = connect_refusal(exc)
                if refused:  # the address changed since the check above: refused all the same
                    log.warning("webhook %s: %s", url, refused)
                    return False
                log.warning("webhook %s: %s (try %d of %d)", url, type(exc).__name__, attempt + 1, tries)
                continue
            if status < 400:
                return True
            if status < 500 and status not in RETRY_STATUSES:
                log.warning("webhook %s refused alert %s: HTTP %d", url, body.get("id"), status)
                return False
            log.warning("webhook %s: HTTP %d (try %d of %d)", url, status, attempt + 1, tries)
        return None
