"""The front door (``_guard``): Host, request-target length, origin of POSTs, body size, headers.

Over the session app (TestClient, addressed to http://localhost) unless a test needs a real
socket (the 414 test: a reset is only visible there).
"""

from __future__ import annotations

import socket

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
@pytest.mark.parametrize("size", [20_000, 100_000, 500_000])
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
