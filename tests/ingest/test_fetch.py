"""The fetcher: never touches the network in tests (httpx.MockTransport)."""

import httpx
import pytest

from svodka.errors import FetchError
from svodka.ingest.fetch import USER_AGENT, Fetcher

PAGE = "<html><body><h1>Заголовок</h1><p>Текст статьи.</p></body></html>".encode("utf-8")


def make(handler, **kwargs):
    sleeps = []
    fetcher = Fetcher(httpx.Client(transport=httpx.MockTransport(handler)), sleep=sleeps.append, **kwargs)
    return fetcher, sleeps


def test_fetch_returns_document_with_user_agent():
    seen = []

    def handler(request):
        seen.append(request)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html; charset=utf-8"})

    fetcher, _ = make(handler)
    doc = fetcher.fetch("https://news.example/a/1")
    assert doc.media_type == "text/html" and doc.data == PAGE and doc.url == "https://news.example/a/1"
    assert doc.fetched
    assert all(r.headers["user-agent"] == USER_AGENT for r in seen)


def test_fetch_retries_with_backoff_then_succeeds():
    calls = {"n": 0}

    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls["n"] += 1
        return httpx.Response(503) if calls["n"] < 3 else httpx.Response(200, content=PAGE)

    fetcher, sleeps = make(handler, host_interval=0)
    assert fetcher.fetch("https://news.example/a").data == PAGE
    assert [s for s in sleeps if s >= 1] == [1, 2]


def test_fetch_gives_up_with_clear_error():
    fetcher, _ = make(lambda r: httpx.Response(404) if r.url.path == "/robots.txt" else httpx.Response(500), host_interval=0)
    with pytest.raises(FetchError, match="HTTP 500 after 3 attempts"):
        fetcher.fetch("https://news.example/a")


def test_fetch_respects_robots_txt():
    def handler(request):
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        return httpx.Response(200, content=PAGE)

    fetcher, _ = make(handler)
    assert fetcher.fetch("https://news.example/public/1").data == PAGE
    with pytest.raises(FetchError, match="robots.txt"):
        fetcher.fetch("https://news.example/private/1")


def test_fetch_rate_limits_per_host():
    now = {"t": 0.0}
    sleeps = []
    fetcher = Fetcher(
        httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404) if r.url.path == "/robots.txt" else httpx.Response(200, content=PAGE))),
        host_interval=1.0, sleep=sleeps.append, clock=lambda: now["t"],
    )
    fetcher.fetch("https://a.example/1")
    fetcher.fetch("https://a.example/2")
    assert sleeps and max(sleeps) == pytest.approx(1.0)


@pytest.mark.parametrize("url", ["ftp://x.example/a", "not a url", "https://"])
def test_fetch_rejects_non_http_urls(url):
    fetcher, _ = make(lambda r: httpx.Response(200))
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch(url)
