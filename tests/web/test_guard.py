"""The front door (``_guard``): Host, request-target length, origin of POSTs, body size, headers.

Over the session app (TestClient, addressed to http://localhost) unless a test needs a real
socket (the 414 test: a reset is only visible there).
"""

from __future__ import annotations

import socket
import time

import pytest

from svodka.config import Settings

from .conftest import TOKEN, TestClient

NEWS_TEXT = "Глава Заречинска Павел Сорокин заявил во вторник, что ремонт Северного моста начнётся в мае."


def _status(response) -> int:
    return response.status_code


# ---------------------------------------------------------------------------- Host


@pytest.mark.issue(11)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example", "[::2]:8000"])
@pytest.mark.parametrize("path", ["/api/stats", "/", "/docs"])
def test_guard_other_hosts_get_421(client, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 421, response.text
    if path.startswith("/api"):
        assert response.json()["error"]["status"] == 421 and "allowed_hosts" in response.json()["error"]["message"]
    else:
        assert "text/html" in response.headers["content-type"] and "<script" not in response.text.split("</head>")[1]


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1:8000", "[::1]:8000", "[::1]"])
def test_guard_loopback_names_are_answered(client, host):
    assert client.get("/api/stats", headers={"Host": host}).status_code == 200


def test_guard_configured_and_bound_hosts_are_answered(tmp_path, analysis):
    from svodka.web import create_app

    app = create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_hosts="news.example, Desk.Example:8443"), hosts=["10.1.2.3"], analysis=analysis)
    c = TestClient(app)
    for host in ["news.example", "desk.example", "10.1.2.3:8000", "localhost"]:
        assert c.get("/api/stats", headers={"Host": host}).status_code == 200, host
    assert c.get("/api/stats", headers={"Host": "evil.example"}).status_code == 421
    anyhost = TestClient(create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_hosts="*"), analysis=analysis))
    assert anyhost.get("/api/stats", headers={"Host": "evil.example"}).status_code == 200


@pytest.mark.issue(11)
@pytest.mark.parametrize("host", ["[localhost]evil", "[localhost]", "[::1]evil", "[::1]:80x", "evil.example@localhost", "local host", "localhost:8000:1", "[::1", "localhost/x"])
def test_guard_host_name_parses_strictly(host):
    from svodka.web._guard import host_name

    assert host_name(host) is None


@pytest.mark.parametrize(
    "host, name",
    [("localhost", "localhost"), ("LocalHost.:8000", "localhost"), ("localhost:", "localhost"), ("[::1]:8000", "::1"), ("[0:0::1]", "::1"), ("::1", "::1"), ("10.1.2.3:80", "10.1.2.3"), ("my_host.example", "my_host.example")],
)
def test_guard_host_name_of_well_formed_hosts(host, name):
    from svodka.web._guard import host_name

    assert host_name(host) == name


@pytest.mark.issue(11)
@pytest.mark.parametrize("host", ["[localhost]evil", "[::1]evil", "localhost:8000:1"])
def test_guard_malformed_host_is_400(client, host):
    response = client.get("/api/stats", headers={"Host": host})
    assert response.status_code == 400 and "Host" in response.json()["error"]["message"], response.text


async def _empty_body():
    return {"type": "http.request", "body": b"", "more_body": False}


def _asgi_status(app, headers: list[tuple[bytes, bytes]], method: str = "GET", http_version: str = "1.1", path: str = "/api/stats", receive=_empty_body, bound: float = 30) -> int:
    """The status ``app`` answers a bare ASGI request with these raw headers (what no test client sends).

    Fails when no answer comes within ``bound`` seconds.
    """
    import asyncio

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": http_version, "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": headers, "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(asyncio.wait_for(app(scope, receive, send), bound))
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


@pytest.mark.issue(11)
@pytest.mark.parametrize("allowed", ["", "*"])
@pytest.mark.parametrize(
    "headers",
    [[], [(b"host", b"")], [(b"host", b"  ")], [(b"host", b"localhost"), (b"host", b"evil.example")]],
    ids=["missing", "empty", "blank", "twice"],
)
@pytest.mark.parametrize("http_version", ["1.1", "1.0"])
def test_guard_missing_empty_or_repeated_host_is_400(tmp_path, analysis, allowed, headers, http_version):
    # HTTP/1.1 requires exactly one Host; HTTP/1.0 is held to the same rule (a Host is what the
    # rebinding check reads), and so is a server that answers any name.
    from svodka.web import create_app

    app = create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_hosts=allowed), analysis=analysis)
    assert _asgi_status(app, headers, http_version=http_version) == 400
    assert _asgi_status(app, [(b"host", b"localhost")], http_version=http_version) == 200


def test_guard_bad_allowed_hosts_setting_is_a_config_error(tmp_path):
    from svodka.errors import ConfigError
    from svodka.web import create_app

    with pytest.raises(ConfigError, match="allowed_hosts"):
        create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_hosts="news.example, [desk]x"))


# ---------------------------------------------------------------------------- origin of state-changing requests


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example", "Content-Type": "text/plain"},
        {"Origin": "http://evil.example", "Content-Type": "application/json"},
        {"Origin": "null", "Content-Type": "text/plain"},
        {"Origin": "http://localhost:9999", "Content-Type": "text/plain"},  # another port is another origin
        {"Origin": "https://localhost", "Content-Type": "text/plain"},  # another scheme too
        {"Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain"},  # no Origin, but a browser says whence
    ],
)
@pytest.mark.parametrize("path", ["/api/analyze", "/api/ingest"])
def test_guard_cross_origin_posts_are_refused(client, analysis, headers, path):
    busy = analysis.busy()
    body = NEWS_TEXT.encode() if "text/plain" in headers["Content-Type"] else b'{"text": "x"}'
    response = client.post(path, content=body, headers={**headers, "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403, response.text
    assert "refused" in response.json()["error"]["message"]
    assert analysis.busy() == busy  # nothing was started


@pytest.mark.parametrize(
    "headers",
    [
        {},  # curl, a script: no Origin
        {"Origin": "http://localhost"},  # our own page (Swagger UI's "try it out")
        {"Origin": "http://localhost:80"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},  # typed by the user
    ],
)
def test_guard_same_origin_and_non_browser_posts_pass(client, headers):
    response = client.post("/api/analyze", content=NEWS_TEXT.encode(), headers={**headers, "Content-Type": "text/plain"})
    assert response.status_code == 200, response.text


def test_guard_configured_origins_may_post_and_get_cors_answers(tmp_path, analysis):
    from svodka.web import create_app

    app = create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_origins="https://desk.example"), analysis=analysis)
    c = TestClient(app)
    ok = c.post("/api/analyze", json={"text": NEWS_TEXT}, headers={"Origin": "https://desk.example"})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == "https://desk.example"
    preflight = c.options("/api/analyze", headers={"Origin": "https://desk.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert c.post("/api/analyze", json={"text": NEWS_TEXT}, headers={"Origin": "https://evil.example"}).status_code == 403


@pytest.mark.issue(11)
@pytest.mark.parametrize("setting", ["https://Desk.Example:443", "https://desk.example.", "HTTPS://desk.example/"])
def test_guard_cors_answers_the_origins_the_guard_allows(tmp_path, analysis, setting):
    # The guard compares normalised origins; the CORS preflight must allow the very same ones.
    from svodka.web import create_app

    c = TestClient(create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_origins=setting), analysis=analysis))
    preflight = c.options("/api/analyze", headers={"Origin": "https://desk.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200, preflight.text
    assert preflight.headers["access-control-allow-origin"] == "https://desk.example"


def test_guard_origin_text_is_what_browsers_send():
    from svodka.web._guard import normal_origin, origin_text

    assert origin_text(normal_origin("https://News.Example:443")) == "https://news.example"
    assert origin_text(normal_origin("http://desk.example:8080/")) == "http://desk.example:8080"
    assert origin_text(normal_origin("http://[::1]:80")) == "http://[::1]"


def test_guard_bad_allowed_origins_setting_is_a_config_error(tmp_path):
    from svodka.errors import ConfigError
    from svodka.web import create_app

    with pytest.raises(ConfigError, match="allowed_origins"):
        create_app(f"sqlite:///{tmp_path / 'x.db'}", settings=Settings(allowed_origins="desk.example"))


def test_guard_reads_are_not_origin_checked(client):
    assert client.get("/api/stats", headers={"Origin": "http://evil.example"}).status_code == 200


# ---------------------------------------------------------------------------- request target and body


def _raw(base: str, request: bytes, timeout: float = 30) -> bytes:
    """Send raw bytes to the server at ``base``; the whole answer (until the server closes)."""
    host, port = base.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


@pytest.fixture(scope="module")
def live(sample_db, models, analysis):
    """A real uvicorn server (the settings ``serve`` uses) over the sample archive."""
    from svodka.web import create_app
    from svodka.web._server import running

    with running(create_app(sample_db, api_token=TOKEN, models=models, analysis=analysis)) as base:
        yield base


@pytest.mark.issue(11)
@pytest.mark.parametrize("path, kind", [("/api/search?q=", b"application/json"), ("/?q=", b"text/html")])
@pytest.mark.parametrize("size", [20_000, 60_000])
def test_guard_long_query_string_is_414_not_a_reset(live, path, kind, size):
    answer = _raw(live, b"GET " + path.encode() + b"a" * size + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414"), head[:200]
    assert kind in head.lower()
    if kind == b"application/json":
        assert b'"status":414' in body


def test_guard_query_string_under_the_limit_is_served(live):
    answer = _raw(live, b"GET /api/search?q=%D0%BC%D0%BE%D1%81%D1%82&source=" + b"%D0%B0" * 256 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_guard_body_over_limit_is_413_before_the_route(client, analysis):
    from svodka.web.app import MAX_BODY_BYTES

    response = client.post("/api/analyze", content=b"x" * (MAX_BODY_BYTES + 1), headers={"Content-Type": "text/plain"})
    assert response.status_code == 413 and analysis.busy() == 0


@pytest.mark.parametrize("path", ["/", "/api/stats", "/docs", "/nowhere"])
def test_guard_security_headers_on_every_answer(client, path):
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    if "text/html" in response.headers["content-type"]:
        assert "script-src 'self'" in response.headers["content-security-policy"]


# ---------------------------------------------------------------------------- what a client without the token can hold


async def _never():
    """A receive channel whose body never comes (a client that sent its head and stalls)."""
    import asyncio

    await asyncio.sleep(3600)


# Seconds within which a refusal that needs no body must come (the body never does).
NO_BODY_BOUND = 10


@pytest.mark.issue(11)
@pytest.mark.parametrize("path", ["/api/ingest", "/api/ingest/files", "/api/ingest/", "/api/entities/1/merge", "/api/entities/Шольц/aliases", "/api/relink"])
@pytest.mark.parametrize("auth, status", [(None, 401), (b"Bearer wrong", 401), (b"Basic " + TOKEN.encode(), 401)])
def test_guard_ingest_token_is_checked_before_the_body(app, path, auth, status):
    # 5 MB announced, nothing sent: the refusal must not wait for (or buffer) the body.
    headers = [(b"host", b"localhost"), (b"content-type", b"application/json"), (b"content-length", b"5000000")]
    headers += [(b"authorization", auth)] if auth else []
    assert _asgi_status(app, headers, method="POST", path=path, receive=_never, bound=NO_BODY_BOUND) == status


@pytest.mark.issue(11)
def test_guard_ingest_refusal_closes_the_connection(live):
    # The unread body must not keep the connection (a place under the connection limit) open.
    answer = _raw(live, b"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{", timeout=NO_BODY_BOUND)
    head = answer.partition(b"\r\n\r\n")[0].lower()
    assert head.startswith(b"http/1.1 401") and b"connection: close" in head, head


@pytest.mark.issue(11)
def test_guard_ingest_disabled_is_403_before_the_body(tmp_path, monkeypatch, analysis):
    from svodka.web import create_app

    monkeypatch.delenv("SVODKA_API_TOKEN", raising=False)
    app = create_app(f"sqlite:///{tmp_path / 'x.db'}", analysis=analysis)
    headers = [(b"host", b"localhost"), (b"content-type", b"application/json"), (b"content-length", b"5000000"), (b"authorization", b"Bearer x")]
    assert _asgi_status(app, headers, method="POST", path="/api/ingest", receive=_never, bound=NO_BODY_BOUND) == 403


@pytest.mark.issue(11)
def test_guard_unauthenticated_ingest_body_is_never_parsed(client):
    # FastAPI parsed (and refused) the JSON before the token dependency ran: a 422 to anyone.
    response = client.post("/api/ingest", content=b'{"documents": [' + b"1," * 1000, headers={"Content-Type": "application/json"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer", response.text


@pytest.mark.issue(11)
def test_guard_ingest_with_the_token_still_reads_the_body(fresh_client):
    response = fresh_client.post("/api/ingest", content=b"{not json", headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text


@pytest.mark.issue(11)
def test_guard_body_that_does_not_arrive_in_time_is_408(tmp_path, analysis, monkeypatch):
    from svodka.web import _guard, create_app

    monkeypatch.setattr(_guard, "BODY_TIMEOUT_S", 0.5)
    slow = create_app(f"sqlite:///{tmp_path / 'x.db'}", analysis=analysis)
    headers = [(b"host", b"localhost"), (b"content-type", b"text/plain"), (b"content-length", b"1000")]
    assert _asgi_status(slow, headers, method="POST", path="/api/analyze", receive=_never, bound=NO_BODY_BOUND) == 408


@pytest.mark.issue(11)
def test_guard_connections_past_the_limit_get_503(sample_db, analysis, monkeypatch):
    # Every connection may hold a head and a body: their number is bounded (uvicorn's limit_concurrency).
    from svodka.web import _server as web_app
    from svodka.web import create_app
    from svodka.web._server import running

    monkeypatch.setattr(web_app, "MAX_CONNECTIONS", 3)
    with running(create_app(sample_db, analysis=analysis)) as base:
        host, port = base.rsplit("//", 1)[1].split(":")
        held = [socket.create_connection((host, int(port)), timeout=30) for _ in range(3)]  # open, silent
        try:
            deadline = time.monotonic() + 30  # until the server has accepted the held ones
            while not (answer := _raw(base, b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")).startswith(b"HTTP/1.1 503"):
                assert time.monotonic() < deadline, answer[:200]
                time.sleep(0.1)
        finally:
            for s in held:
                s.close()


@pytest.mark.issue(11)
@pytest.mark.parametrize("where", ["header", "target"])
def test_guard_request_head_past_the_buffer_is_refused(live, where):
    # A head of 200 KB is not buffered (it was, up to 1 MB, per connection): the parser refuses it.
    big = b"a" * 200_000
    if where == "header":
        request = b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + big + b"\r\nConnection: close\r\n\r\n"
    else:
        request = b"GET /api/search?q=" + big + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    try:
        answer = _raw(live, request)
    except (ConnectionResetError, BrokenPipeError):
        answer = b""  # closed while we were still sending: refused all the same
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), answer[:200]
