"""Serving the app: ``serve`` (what ``svodka serve`` runs: bind first, then announce, then
serve with uvicorn), and ``running``, the same server in a background thread on a free
loopback port (browser tests, screenshots)."""

from __future__ import annotations

import contextlib
import errno
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ._guard import DEFAULT_HOSTS
from .app import _split, create_app

__all__ = ["bind", "free_port", "running", "serve", "server_config"]

# Seconds the server waits at its end for webhooks still being delivered (as svodka ingest does).
WEBHOOK_DRAIN_S = 10.0
# Addresses that mean "every interface": the Host a client sends is then some other name.
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
# Connections the kernel queues before the server accepts them (uvicorn's default).
LISTEN_BACKLOG = 2048
# Largest request head (request line and headers) the HTTP parser buffers, in bytes; a larger
# one gets the HTTP parser's 400 and the connection is closed. Four times the guard's
# MAX_URL_BYTES, so a target past that limit still gets a clean 414 with room for the headers
# (a browser's are under 8 KB), while a client that sends no end of head holds 64 KB, not 1 MB.
MAX_HEAD_BYTES = 64 * 1024
# Connections served at once (uvicorn's limit_concurrency); past it a request gets 503 at once.
# Each may hold a request head (64 KB) and a body of up to MAX_BODY_BYTES for up to the guard's
# BODY_TIMEOUT_S, so 64 connections bound that memory to about 340 MB. More would not serve
# faster: reads run in a thread pool of 40, analysis in analyze_workers (2) processes, and a
# browser opens at most 6 connections to a server.
MAX_CONNECTIONS = 64

# Seconds to wait for the server to accept connections before giving up.
START_TIMEOUT = 15.0


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(app, host: str = "127.0.0.1", port: int | None = None) -> Iterator[str]:
    """Serve ``app`` in a daemon thread; yields its base URL and stops it on exit."""
    import uvicorn


    port = port or free_port(host)
    server = uvicorn.Server(server_config(app, host, port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the test server on {host}:{port} did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port``; one clear ConfigError when it cannot be had.

    Binding comes before anything is announced: a busy port used to print "serving ..."
    and only then fail with uvicorn's ``[Errno 98]``.
    """
    where = f"{host}:{port}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(where, f"cannot listen: {host!r} is not an address of this machine ({exc})") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a restart need not wait out TIME_WAIT
        sock.bind(address)
        sock.listen(LISTEN_BACKLOG)
    except OSError as exc:
        sock.close()
        reasons = {
            errno.EADDRINUSE: "the port is in use (is another server running?); stop it or choose another --port",
            errno.EACCES: "permission denied (ports below 1024 need root); choose another --port",
            errno.EADDRNOTAVAIL: "the address is not one of this machine's; check --host",
        }
        raise ConfigError(where, f"cannot listen: {reasons.get(exc.errno, exc.strerror or str(exc))}") from None
    sock.set_inheritable(True)
    return sock


def server_config(app: Any, host: str, port: int, **options: Any):
    """The uvicorn configuration of ``serve`` (and of the test servers, so they behave alike)."""
    import uvicorn

    # h11 refuses a request head over its buffer (16 KB by default) with a 400 and closes the
    # connection, which a client still sending may see as a reset; past MAX_URL_BYTES the guard
    # answers 414 instead, so the head buffer must hold more than that (MAX_HEAD_BYTES).
    # h11 by name: "auto" would take httptools when installed, which ignores that buffer size.
    return uvicorn.Config(
        app, host=host, port=port, http="h11", h11_max_incomplete_event_size=MAX_HEAD_BYTES, limit_concurrency=MAX_CONNECTIONS, **options
    )


def serve(
    store_url: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    api_token: str | None = None,
    settings: Settings | None = None,
    announce: Any = None,
) -> None:
    """Run the app with uvicorn until interrupted (what ``svodka serve`` calls).

    Binds first, then starts the analysis workers, then calls ``announce(line)`` with the
    address it serves, then serves.

    Args:
        store_url: the archive (see ``open_store``).
        host: interface to bind; loopback unless told otherwise. Its name is answered too.
        port: TCP port (0: any free one; the announced line says which).
        api_token: bearer token for /api/ingest (default ``settings.api_token``, then
            ``$SVODKA_API_TOKEN``; none: ingest disabled).
        settings: the server settings (default: the defaults).
        announce: called with one line once the socket is bound, e.g. ``print``.

    Raises:
        ConfigError: the address cannot be bound (in use, not this machine's, no permission).
        StoreError: the archive cannot be opened.
    """
    import uvicorn

    sock = bind(host, port)
    try:
        app = create_app(store_url, api_token=api_token, settings=settings, hosts=[host])
        try:
            app.state.analysis.start()  # the models load while the server starts, not on the first request
            # The search's pymorphy3 analyzer too: made lazily, the first concurrent searches
            # each made one (0.5 s of CPU apiece; 2.6 s latencies in bench/web_load.py).
            app.state.store.lemmatizer.parse
            bound_host, bound_port = sock.getsockname()[:2]
            shown = f"[{bound_host}]" if ":" in bound_host else bound_host
            if announce is not None:
                announce(f"serving {store_url} at http://{shown}:{bound_port}/")
                if host in WILDCARD_HOSTS and not _split((settings or Settings()).allowed_hosts):
                    announce(f"answering only to the Host names {', '.join(DEFAULT_HOSTS)}; set allowed_hosts to this machine's names to be reached from elsewhere")
            uvicorn.Server(server_config(app, host, bound_port, log_level="info")).run(sockets=[sock])
        finally:  # not in a lifespan hook: test clients run startup/shutdown around every request
            app.state.webhooks.close(timeout=WEBHOOK_DRAIN_S)  # alerts still queued get their chance, bounded
            app.state.analysis.close()
            app.state.store.close()
    finally:
        sock.close()
