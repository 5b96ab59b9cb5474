"""The fetcher: never touches the network in tests (httpx.MockTransport)."""

import httpx
import pytest

from svodka.errors import FetchError
from svodka.ingest.fetch import USER_AGENT, Fetcher

PAGE = "<html><body><h1>Заголовок</h1><p>Текст статьи.</p></body></html>".encode("utf-8")


# A global address for every test host (no request leaves the MockTransport; no DNS is asked).
PUBLIC = "93.184.215.14"


def resolver(names: dict[str, list[str]] | None = None):
    """A resolver from a table; names not in it resolve to PUBLIC."""
    return lambda host, port: (names or {}).get(host, [PUBLIC])


def make(handler, names: dict[str, list[str]] | None = None, **kwargs):
    sleeps = []
    kwargs.setdefault("resolver", resolver(names))
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
        host_interval=1.0, sleep=sleeps.append, clock=lambda: now["t"], resolver=resolver(),
    )
    fetcher.fetch("https://a.example/1")
    fetcher.fetch("https://a.example/2")
    assert sleeps and max(sleeps) == pytest.approx(1.0)


@pytest.mark.parametrize("url", ["ftp://x.example/a", "not a url", "https://"])
def test_fetch_rejects_non_http_urls(url):
    fetcher, _ = make(lambda r: httpx.Response(200))
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch(url)


# --------------------------------------------------------------------------- no way in (issue 11)


class Streamed(httpx.SyncByteStream):
    """A response body produced chunk by chunk, counting what the fetcher pulled from it."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.pulled = 0

    def __iter__(self):
        for chunk in self.chunks:
            self.pulled += len(chunk)
            yield chunk


def no_robots(pages):
    """A handler: robots.txt is 404, ``pages`` maps host+path to a response (or a callable)."""
    seen = []

    def handler(request):
        seen.append(f"{request.url.host}{request.url.path}")
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        page = pages.get(f"{request.url.host}{request.url.path}")
        if page is None:
            return httpx.Response(404)
        return page() if callable(page) else page

    return handler, seen


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "url, names, kind",
    [
        ("http://127.0.0.1/", None, "loopback"),
        ("http://localhost:8080/admin", {"localhost": ["127.0.0.1", "::1"]}, "loopback"),
        ("http://2130706433/", {"2130706433": ["127.0.0.1"]}, "loopback"),  # 127.0.0.1 as one number
        ("http://[::1]/", None, "loopback"),
        ("http://0.0.0.0/", None, "unspecified"),
        ("http://[::]/", None, "unspecified"),
        ("http://10.1.2.3/", None, "private"),
        ("http://172.16.0.9/", None, "private"),
        ("http://router.example/", {"router.example": ["192.168.1.1"]}, "private"),
        ("http://169.254.169.254/latest/meta-data/", None, "link-local"),
        ("http://[fe80::1]/", None, "link-local"),
        ("http://100.64.0.1/", None, "non-global"),
        ("http://224.0.0.1/", None, "multicast"),
        ("http://[ff02::1]/", None, "multicast"),
        ("http://240.0.0.1/", None, "reserved"),
        ("http://255.255.255.255/", None, "reserved"),
        ("http://[fd12:3456::1]/", None, "private"),
        ("http://[fec0::1]/", None, "site-local"),
        ("http://[::ffff:127.0.0.1]/", None, "loopback"),
        ("http://[::ffff:10.0.0.1]/", None, "private"),
        ("http://[64:ff9b::a00:1]/", None, "private"),  # NAT64 form of 10.0.0.1
        ("http://[2002:a00:1::]/", None, "private"),  # 6to4 form of 10.0.0.1
        ("http://split.example/", {"split.example": [PUBLIC, "10.0.0.7"]}, "private"),
    ],
)
def test_fetch_refuses_addresses_that_are_not_global(url, names, kind):
    handler, seen = no_robots({})
    fetcher, sleeps = make(handler, names)
    with pytest.raises(FetchError, match=f"a {kind} address: refused") as caught:
        fetcher.fetch(url)
    assert caught.value.name == url and "fetch_allow_private" in caught.value.reason
    assert seen == [] and not [s for s in sleeps if s >= 1]  # nothing asked of the host, no retries


@pytest.mark.issue(11)
@pytest.mark.parametrize("location", ["http://169.254.169.254/latest/meta-data/", "http://intranet.example:8080/", "//127.0.0.1/x"])
def test_fetch_redirect_to_an_internal_address_is_refused(location):
    handler, seen = no_robots({"news.example/a": httpx.Response(302, headers={"location": location})})
    fetcher, _ = make(handler, {"intranet.example": ["10.0.0.5"]})
    with pytest.raises(FetchError, match=r"redirect to .*: .* address: refused") as caught:
        fetcher.fetch("https://news.example/a")
    assert caught.value.name == "https://news.example/a"
    assert seen == ["news.example/robots.txt", "news.example/a"]


@pytest.mark.issue(11)
@pytest.mark.parametrize("allow", ["intranet.example", ".example", "10.0.0.0/8", "10.0.0.5", ["intranet.example"]])
def test_fetch_allow_private_lets_named_hosts_and_networks_through(allow):
    handler, _ = no_robots({"intranet.example/a": httpx.Response(200, content=PAGE), "other.example/a": httpx.Response(200, content=PAGE)})
    names = {"intranet.example": ["10.0.0.5"], "other.internal": ["192.168.0.5"]}
    fetcher, _ = make(handler, names, allow_private=allow)
    assert fetcher.fetch("http://intranet.example/a").data == PAGE
    with pytest.raises(FetchError, match="private address: refused"):
        fetcher.fetch("http://other.internal/a")


@pytest.mark.issue(11)
@pytest.mark.parametrize("host, allowed", [("corp.example", True), ("news.corp.example", True), ("a.b.corp.example", True), ("corp.example.", True),
                                           ("evilcorp.example", False), ("corp.example.evil", False)])
def test_fetch_allow_private_leading_dot_is_the_name_and_every_name_under_it(host, allowed):
    """``.corp.example`` allowed names under it but not ``corp.example`` itself, though its docstring said so."""
    handler, _ = no_robots({f"{host}/a": httpx.Response(200, content=PAGE)})
    fetcher, _ = make(handler, {host: ["10.0.0.5"]}, allow_private=".corp.example")
    if allowed:
        assert fetcher.fetch(f"http://{host}/a").data == PAGE
    else:
        with pytest.raises(FetchError, match="private address: refused"):
            fetcher.fetch(f"http://{host}/a")


@pytest.mark.issue(11)
def test_fetch_allow_private_setting_is_validated():
    from svodka.config import load_settings
    from svodka.errors import ConfigError

    assert load_settings({"fetch_allow_private": "intranet.example, 10.0.0.0/8"}, environ={}).fetch_allow_private
    with pytest.raises(ConfigError, match="neither a host name nor a network"):
        load_settings({"fetch_allow_private": "http://intranet.example/"}, environ={})


@pytest.mark.issue(11)
def test_fetch_follows_redirects_itself_checking_robots_of_each_new_host():
    seen = []

    def handler(request):
        seen.append(f"{request.url.host}{request.url.path}")
        if request.url.host == "news.example" and request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.host == "mirror.example" and request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nDisallow: /private/\n")
        if request.url.path == "/a":
            return httpx.Response(301, headers={"location": "/b"})
        if request.url.path == "/b":
            return httpx.Response(302, headers={"location": "https://mirror.example/news/b"})
        if request.url.path == "/c":
            return httpx.Response(302, headers={"location": "https://mirror.example/private/c"})
        return httpx.Response(200, content=PAGE)

    fetcher, _ = make(handler)
    doc = fetcher.fetch("https://news.example/a")
    assert doc.url == "https://mirror.example/news/b" and doc.data == PAGE
    assert seen == ["news.example/robots.txt", "news.example/a", "news.example/b", "mirror.example/robots.txt", "mirror.example/news/b"]
    with pytest.raises(FetchError, match="robots.txt disallows fetching https://mirror.example/private/c"):
        fetcher.fetch("https://news.example/c")


@pytest.mark.issue(11)
def test_fetch_redirect_loop_stops_after_max_redirects():
    calls = []

    def handler(request):
        calls.append(request.url.path)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"location": "/loop"})

    fetcher, _ = make(handler)
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch("https://news.example/loop")
    assert calls.count("/loop") == 6


@pytest.mark.issue(11)
@pytest.mark.parametrize("location", ["file:///etc/passwd", "gopher://news.example/", "ftp://news.example/a"])
def test_fetch_redirect_to_another_scheme_is_refused_once_not_retried(location):
    handler, seen = no_robots({"news.example/a": httpx.Response(302, headers={"location": location})})
    fetcher, sleeps = make(handler)
    with pytest.raises(FetchError, match="only http\\(s\\) URLs are fetched"):
        fetcher.fetch("https://news.example/a")
    assert seen.count("news.example/a") == 1 and not [s for s in sleeps if s >= 1]


@pytest.mark.issue(11)
@pytest.mark.parametrize("status, attempts", [(400, 1), (401, 1), (403, 1), (404, 1), (410, 1), (451, 1), (408, 3), (429, 3), (503, 3)])
def test_fetch_retries_only_what_may_pass(status, attempts):
    handler, seen = no_robots({"news.example/a": lambda: httpx.Response(status)})
    fetcher, _ = make(handler, host_interval=0)
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetcher.fetch("https://news.example/a")
    assert seen.count("news.example/a") == attempts


@pytest.mark.issue(11)
def test_fetch_stops_reading_at_max_bytes():
    """A 1 GB body (made lazily) is read no further than the limit and a chunk: it was read whole (2 GB)."""
    body = Streamed(b"<p>" + b"a" * 65_533 for _ in range(16_384))
    handler, _ = no_robots({"news.example/huge": httpx.Response(200, stream=body, headers={"content-type": "text/html"})})
    fetcher, sleeps = make(handler, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="response is over the 1 MB limit"):
        fetcher.fetch("https://news.example/huge")
    assert body.pulled <= 1_000_000 + 2 * 65_536
    assert not [s for s in sleeps if s >= 1]  # over the limit is not retried


@pytest.mark.issue(11)
def test_fetch_refuses_a_declared_length_over_max_bytes_without_reading():
    body = Streamed(b"a" * 65_536 for _ in range(10))
    handler, _ = no_robots({"news.example/big": httpx.Response(200, stream=body, headers={"content-length": str(10**9)})})
    fetcher, _ = make(handler, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="over the 1 MB limit"):
        fetcher.fetch("https://news.example/big")
    assert body.pulled == 0


def _gzip_chunks(total: int):
    """A gzip stream of ``total`` zero bytes, yielded as it is compressed."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    for _ in range(total // 1_000_000):
        piece = packer.compress(b"\0" * 1_000_000)
        if piece:
            yield piece
    yield packer.flush()


@pytest.mark.issue(11)
def test_fetch_gzip_encoded_bomb_is_decoded_no_further_than_max_bytes():
    body = Streamed(_gzip_chunks(200_000_000))
    handler, _ = no_robots({"news.example/bomb": httpx.Response(200, stream=body, headers={"content-encoding": "gzip"})})
    fetcher, _ = make(handler, max_bytes=1_000_000)
    with pytest.raises(FetchError, match="over the 1 MB limit"):
        fetcher.fetch("https://news.example/bomb")
    assert body.pulled < 200_000  # a few compressed chunks, not the 200 MB they stand for


@pytest.mark.issue(11)
def test_fetch_decodes_gzip_and_refuses_double_encoding():
    import gzip

    ok = Streamed([gzip.compress(PAGE)])
    handler, _ = no_robots({
        "news.example/gz": httpx.Response(200, stream=ok, headers={"content-encoding": "gzip", "content-type": "text/html; charset=utf-8"}),
        "news.example/twice": httpx.Response(200, stream=Streamed([gzip.compress(gzip.compress(PAGE))]), headers={"content-encoding": "gzip, gzip"}),
    })
    fetcher, _ = make(handler)
    doc = fetcher.fetch("https://news.example/gz")
    assert doc.data == PAGE and doc.encoding == "utf-8"
    with pytest.raises(FetchError, match="encoded more than once"):
        fetcher.fetch("https://news.example/twice")


@pytest.mark.issue(11)
def test_fetch_own_client_connects_only_to_checked_addresses():
    """DNS that answers public to the check and private to the connection (rebinding) is refused at connect time."""
    calls = {"n": 0}

    def rebinding(host, port):
        calls["n"] += 1
        return [PUBLIC] if calls["n"] % 2 else ["127.0.0.1"]

    sleeps = []
    fetcher = Fetcher(resolver=rebinding, sleep=sleeps.append, host_interval=0)  # the real client: no request leaves
    with pytest.raises(FetchError, match="127.0.0.1, a loopback address: refused"):
        fetcher.fetch("http://rebind.example/a")
    assert not [s for s in sleeps if s >= 1]
    fetcher.client.close()


# --------------------------------------------------------------------------- one deadline per fetch (issue 11)


class Dribble(httpx.SyncByteStream):
    """A body sent one byte at a time, each byte ``seconds`` after the last on a fake clock."""

    def __init__(self, now: dict, seconds: float, size: int):
        self.now, self.seconds, self.size = now, seconds, size
        self.pulled = 0

    def __iter__(self):
        for _ in range(self.size):
            self.now["t"] += self.seconds
            self.pulled += 1
            yield b"a"


@pytest.mark.issue(11)
def test_fetch_dribbling_body_stops_at_the_deadline_not_retried():
    """One byte every 19 s is under the 20 s read timeout: without a deadline, 5 MB took 3 years."""
    now = {"t": 0.0}
    body = Dribble(now, 19.0, 5_000_000)
    handler, seen = no_robots({"news.example/slow": httpx.Response(200, stream=body, headers={"content-type": "text/html"})})
    fetcher, sleeps = make(handler, clock=lambda: now["t"], host_interval=0)
    with pytest.raises(FetchError, match="over the 60 s one fetch may take") as caught:
        fetcher.fetch("https://news.example/slow")
    assert caught.value.name == "https://news.example/slow" and "not retried" in caught.value.reason
    assert body.pulled == 4  # 76 s: past the deadline at the fourth byte
    assert seen.count("news.example/slow") == 1 and not [s for s in sleeps if s >= 1]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "page, asked",
    [
        (lambda: httpx.Response(503), 3),  # retried: the third answer comes at 75 s, no fourth attempt
        (lambda: httpx.Response(302, headers={"location": "/a"}), 3),  # redirected: the fourth hop is not made
    ],
)
def test_fetch_deadline_checked_at_each_retry_and_redirect(page, asked):
    now = {"t": 0.0}

    def slow():
        now["t"] += 25.0
        return page()

    handler, seen = no_robots({"news.example/a": slow})
    fetcher, _ = make(handler, clock=lambda: now["t"], host_interval=0, retries=10)
    with pytest.raises(FetchError, match="over the 60 s one fetch may take"):
        fetcher.fetch("https://news.example/a")
    assert seen.count("news.example/a") == asked


@pytest.mark.issue(11)
def test_fetch_deadline_is_per_fetch_and_robots_txt_counts_in_it():
    """A robots.txt dribbled past the deadline is not remembered as missing; the next fetch has its own minute."""
    now = {"t": 0.0}
    robots = {"n": 0}
    rules = b"User-agent: *\nDisallow: /private/\n"

    def handler(request):
        if request.url.path == "/robots.txt":
            robots["n"] += 1
            if robots["n"] == 1:
                return httpx.Response(200, stream=Dribble(now, 19.0, len(rules)))
            return httpx.Response(200, content=rules)
        return httpx.Response(200, content=PAGE)

    fetcher, _ = make(handler, clock=lambda: now["t"], host_interval=0)
    with pytest.raises(FetchError, match="over the 60 s one fetch may take"):
        fetcher.fetch("https://news.example/private/a")
    with pytest.raises(FetchError, match="robots.txt disallows"):
        fetcher.fetch("https://news.example/private/a")
    assert fetcher.fetch("https://news.example/public/a").data == PAGE
    assert robots["n"] == 2
