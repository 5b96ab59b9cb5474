"""Webhooks (issue 17): JSON POSTs from a background thread, retried with backoff, never blocking the caller."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from svodka.webhooks import Webhooks, payload

pytestmark = pytest.mark.issue(17)

# The receivers listen on loopback: allowed as the fetch_allow_private setting would allow it.
LOCAL = "127.0.0.1"
ALERT = {"id": 7, "watchlist": "ozersk", "kind": "story", "term": "entity: Ирина Воронцова", "title": "Переправа откроется", "article_id": 12}


class Receiver:
    """A local HTTP server answering each POST with the next status of ``statuses`` (then 200)."""

    def __init__(self, statuses=(), delay: threading.Event | None = None):
        self.statuses = list(statuses)
        self.bodies: list[dict] = []
        self.tries = 0
        self.gate = delay
        self.done = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                if receiver.gate is not None:
                    receiver.gate.wait(10)
                receiver.tries += 1
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if status == 200:
                    receiver.bodies.append(json.loads(body))
                    receiver.done.set()
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        if self.gate is not None:
            self.gate.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def factory(*args, **kwargs):
        made.append(Receiver(*args, **kwargs))
        return made[-1]

    yield factory
    for r in made:
        r.close()


def test_webhooks_retry_failures_then_deliver(receiver):
    r = receiver([500, 503])
    hooks = Webhooks("http://archive.example:8000/", backoff=0.01, allow_private=LOCAL)
    assert hooks.send([{**ALERT, "webhook": r.url}]) == 1
    assert r.done.wait(10)
    hooks.close()
    assert r.tries == 3 and hooks.delivered == 1 and hooks.failed == 0
    (body,) = r.bodies
    assert body["watchlist"] == "ozersk" and body["title"] == "Переправа откроется"
    assert body["link"] == "http://archive.example:8000/articles/12"


def test_webhooks_a_refusal_is_not_retried_and_spent_retries_give_up(receiver):
    refused, broken = receiver([404]), receiver([500] * 10)
    hooks = Webhooks(backoff=0.01, retries=2, allow_private=LOCAL)
    hooks.send([{**ALERT, "webhook": refused.url}, {**ALERT, "id": 8, "webhook": broken.url}])
    hooks.close(timeout=10)
    assert refused.tries == 1 and broken.tries == 3
    assert hooks.failed == 2 and hooks.delivered == 0


def test_webhooks_never_block_the_caller(receiver):
    gate = threading.Event()  # the receiver hangs until the test ends
    r = receiver(delay=gate)
    hooks = Webhooks(queue_size=2, backoff=0.01, allow_private=LOCAL)
    # the first is taken by the sender (stuck on the receiver), two wait, the rest are dropped
    queued = sum(hooks.send([{**ALERT, "id": i, "webhook": r.url}]) for i in range(10))
    assert queued <= 3 + 1 and hooks.dropped >= 10 - 4
    gate.set()
    hooks.close(timeout=10)


def test_webhooks_skip_alerts_without_a_hook():
    hooks = Webhooks()
    assert hooks.send([dict(ALERT)]) == 0
    hooks.close()
    assert payload(ALERT)["link"] == "/articles/12"


def test_webhooks_refuse_private_addresses_unless_allowed(receiver):
    """A token holder must not make the server POST into its own network (SSRF): loopback,
    private and names resolving to them are refused, once, without retries."""
    r = receiver()
    port = r.url.split(":")[2].split("/")[0]
    table = {"intranet.example": ["10.0.0.7"], "mixed.example": ["93.184.216.34", "127.0.0.1"]}
    hooks = Webhooks(backoff=0.01, resolver=lambda host, port: table[host])
    urls = [r.url, f"http://[::1]:{port}/hook", "http://intranet.example/hook", f"http://mixed.example:{port}/hook", "http://169.254.169.254/latest"]
    assert hooks.send([{**ALERT, "id": i, "webhook": u} for i, u in enumerate(urls)]) == len(urls)
    hooks.close(timeout=10)
    assert r.tries == 0 and hooks.failed == len(urls) and hooks.delivered == 0


def test_webhooks_check_the_address_again_at_connect_time(receiver):
    """A name that resolves to a public address at the check and to loopback at connect time
    (DNS rebinding) is refused by the connection itself, not retried."""
    r = receiver()
    port = r.url.split(":")[2].split("/")[0]
    answers = iter([["93.184.216.34"]])
    hooks = Webhooks(backoff=0.01, resolver=lambda host, port: next(answers, ["127.0.0.1"]))
    hooks.send([{**ALERT, "webhook": f"http://rebind.example:{port}/hook"}])
    hooks.close(timeout=10)
    assert r.tries == 0 and hooks.failed == 1


def test_webhooks_allowed_private_network_is_posted_to(receiver):
    r = receiver()
    port = r.url.split(":")[2].split("/")[0]
    hooks = Webhooks(backoff=0.01, allow_private="127.0.0.0/8", resolver=lambda host, port: ["127.0.0.1"])
    hooks.send([{**ALERT, "webhook": f"http://hooks.internal:{port}/hook"}])
    assert r.done.wait(10)
    hooks.close(timeout=10)
    assert hooks.delivered == 1


def test_webhooks_bad_allow_setting_is_a_config_error():
    from svodka.errors import ConfigError

    with pytest.raises(ConfigError, match="fetch_allow_private"):
        Webhooks(allow_private="[bad]x")


def test_webhooks_do_not_read_the_answer_body():
    """A receiver answering 200 with an endless body: the status is taken and the body left
    unread (post() read it into memory without end, and the sender never came back)."""
    import socket

    stop = threading.Event()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer():
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n")
        try:
            while not stop.is_set():
                conn.sendall(b"x" * 65536)
        except OSError:
            pass  # the sender hung up: what we want
        finally:
            conn.close()

    threading.Thread(target=answer, daemon=True).start()
    hooks = Webhooks(backoff=0.01, allow_private=LOCAL)
    try:
        hooks.send([{**ALERT, "webhook": f"http://127.0.0.1:{server.getsockname()[1]}/hook"}])
        hooks.close(timeout=30)
        assert hooks.delivered == 1
    finally:
        stop.set()
        server.close()


def test_webhooks_give_up_on_a_receiver_that_dribbles():
    """A receiver sending its answer a byte at a time, each within the read timeout, held the
    one sender (and every alert behind it) for as long as it liked; now a POST has a deadline."""
    import socket

    stop = threading.Event()
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def dribble():
        conn, _ = server.accept()
        conn.recv(65536)
        try:
            while not stop.wait(0.1):
                conn.sendall(b"X-")  # a header line that never ends
        except OSError:
            pass
        finally:
            conn.close()

    threading.Thread(target=dribble, daemon=True).start()
    hooks = Webhooks(retries=0, timeout=5, deadline=1, allow_private=LOCAL)
    try:
        hooks.send([{**ALERT, "webhook": f"http://127.0.0.1:{server.getsockname()[1]}/hook"}])
        hooks.close(timeout=30)
        assert hooks.failed == 1 and hooks.delivered == 0
    finally:
        stop.set()
        server.close()


def test_webhooks_a_url_httpx_cannot_read_does_not_end_the_sender(receiver):
    """``http://xn--/`` raised an IDNA error (not an httpx one) in the sender thread, which
    died: every later alert of every watchlist was queued and never sent."""
    r = receiver()
    hooks = Webhooks(backoff=0.01, retries=0, allow_private=LOCAL, resolver=lambda host, port: ["127.0.0.1"])
    hooks.send([{**ALERT, "webhook": "http://xn--/hook"}, {**ALERT, "id": 8, "webhook": r.url}])
    assert r.done.wait(10)
    hooks.close(timeout=10)
    assert hooks.failed == 1 and hooks.delivered == 1


def test_webhooks_a_dead_receiver_gets_one_try_per_alert_until_it_answers(receiver):
    """Every alert to a broken receiver spent all its retries and backoff (31 s apiece by
    default) while every other watchlist's alerts waited behind it in the one sender."""
    broken, fine = receiver([500] * 6 + [200]), receiver()
    hooks = Webhooks(backoff=0.01, retries=2, allow_private=LOCAL)
    hooks.send([{**ALERT, "id": i, "webhook": broken.url} for i in range(3)] + [{**ALERT, "id": 9, "webhook": fine.url}])
    assert fine.done.wait(10)
    hooks.close(timeout=10)
    assert broken.tries == 3 + 1 + 1 and fine.tries == 1  # 3 for the first alert, then one each
    assert hooks.failed == 3 and hooks.delivered == 1
    again = Webhooks(backoff=0.01, retries=2, allow_private=LOCAL)
    again._down.add(broken.url)
    again.send([{**ALERT, "webhook": broken.url}, {**ALERT, "id": 2, "webhook": broken.url}])
    again.close(timeout=10)
    # one try (the 6th 500), then one that passes: up again, so its retries come back
    assert again.failed == 1 and again.delivered == 1 and broken.url not in again._down
