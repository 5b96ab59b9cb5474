"""A synthetic news site on loopback: hundreds of feeds and their article pages, for tests, bench and demo.

Every feed behaves as its kind says (``KINDS``): a well-kept feed with validators and 304s, one
that fails with 500, answers slowly or not in time, redirects or loops, sends malformed or
huge XML, gzips, repeats its items with fresh tracking parameters. Hosts are names under
``.feeds.test`` resolved to 127.0.0.1 by ``RESOLVER`` (pass it to the poller with
``fetch_allow_private=".feeds.test"``), one site per feed so per-host limits apply per feed;
a host named ``blocked-*`` disallows everything in robots.txt, ``private-*`` its article pages.

Items appear over time: ``publish(feed)`` adds one now, and a feed made with ``every`` gets one
every ``every`` seconds by itself. The texts are Russian news written for this server (no
outside text). Every request is counted in ``hits`` (path -> count).
"""

from __future__ import annotations

import email.utils
import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["FeedServer", "FeedSpec", "KINDS", "RESOLVER", "DOMAIN", "article_html"]

# The domain of the synthetic sites.
DOMAIN = "feeds.test"
# What a feed may do (see the module docstring).
KINDS = ("ok", "gzip", "e500", "slow", "timeout", "redirect", "loop", "bad", "huge", "track", "ttl")
# Seconds a "slow" feed takes to answer, and a "timeout" one (longer than the tests' timeouts).
SLOW_SECONDS = 0.3
TIMEOUT_SECONDS = 5.0
# Items a "huge" feed lists (about 6.5 MB: past the default 5 MB bound).
HUGE_ITEMS = 20_000


def RESOLVER(host: str, port: int) -> list[str]:
    """Every ``*.feeds.test`` name is 127.0.0.1; other names do not resolve."""
    if host == DOMAIN or host.endswith("." + DOMAIN):
        return ["127.0.0.1"]
    raise OSError(f"{host}: not a test host")


@dataclass
class FeedSpec:
    """One synthetic feed: its kind, its items (publication times) and how they grow."""

    name: str
    kind: str = "ok"
    host: str = ""
    published: list[float] = field(default_factory=list)  # epoch seconds of its items, oldest first
    every: float | None = None  # a new item every so many seconds, by itself
    started: float = 0.0
    requests: int = 0
    # Feeds with the same ``events`` key report the same events in turn (item i of each is one
    # event, told in each outlet's words): what makes a story grow in ``make demo``.
    events: str = ""

    def items(self, now: float) -> list[float]:
        """The items visible at ``now`` (those scheduled by ``every`` included)."""
        if self.every:
            due = int((now - self.started) // self.every)
            while len(self.published) < due + self.initial:
                self.published.append(self.started + (len(self.published) - self.initial + 1) * self.every)
        return [t for t in self.published if t <= now]

    initial: int = 0


# Words of the generated articles (written for this server).
_CITIES = ("Заречинск", "Приозёрск", "Лесногорск", "Степновка", "Верхнедольск", "Каменка", "Озёрный", "Северолучск")
_PEOPLE = ("Павел Сорокин", "Анна Белова", "Игорь Лаптев", "Мария Гусева", "Олег Рябинин", "Светлана Мороз", "Денис Карпов")
_ROLES = ("глава администрации", "директор водоканала", "министр транспорта области", "председатель думы", "руководитель управления")
# (topic, plan, what the speaker promised, what residents said): each event its own words.
_TOPICS = (
    ("ремонт моста", "мост через реку закроют на ремонт до конца сезона", "объезд по старой дамбе откроют за неделю до закрытия моста",
     "водители грузовиков опасаются пробок на дамбе"),
    ("новая школа", "школу на девятьсот мест откроют к первому сентября", "набор в первые классы начнётся весной",
     "родители просят пустить к школе автобус из соседнего микрорайона"),
    ("отопление", "котельные переведут на газ до начала отопительного сезона", "тарифы на тепло после перевода не вырастут",
     "жильцы старых домов жалуются на холодные батареи прошлой зимой"),
    ("автобусы", "на маршруты выйдут двадцать новых автобусов", "интервал движения сократят до десяти минут",
     "пассажиры пригородных рейсов ждут новых машин и на своих линиях"),
    ("парк", "в парке у набережной высадят триста деревьев", "аллеи осветят фонарями на солнечных батареях",
     "волонтёры экологического клуба предложили помочь с посадкой"),
    ("дороги", "за лето отремонтируют сорок километров дорог", "подрядчик даст гарантию на покрытие пять лет",
     "автомобилисты составили карту самых опасных ям"),
)

# How each outlet opens its report of an event (``events`` feeds tell one event in several words).
_OPENINGS = ("В городе {city} объявили, что {plan}.", "Власти города {city} сообщили: {plan}.", "Как стало известно, в городе {city} {plan}.")


def article_html(feed: str, index: int, site: str, events: str = "") -> tuple[str, str]:
    """(title, HTML page) of item ``index`` of ``feed``: a short Russian news article, different for every item.

    With ``events``, the event (town, topic, speaker) follows the item's index and that key, not
    the feed, so feeds sharing the key report the same events; the wording stays the feed's own.
    """
    seed = sum(map(ord, events or feed)) * 31 + index * 7
    city, person, role = _CITIES[seed % len(_CITIES)], _PEOPLE[(seed // 3) % len(_PEOPLE)], _ROLES[(seed // 5) % len(_ROLES)]
    topic, plan, promise, voices = _TOPICS[(seed // 7) % len(_TOPICS)]
    title = f"{city}: {plan}" if events else f"{city}: {topic}, выпуск {index} ленты {feed}"
    opening = _OPENINGS[sum(map(ord, feed)) % len(_OPENINGS)] if events else _OPENINGS[0]
    paragraphs = [
        opening.format(city=city, plan=plan) + f" Решение приняли на заседании {index} числа, сообщает издание «{site}».",
        f"«Мы выполним все работы в срок, а {promise}», — заявил {role} {person}. По его словам, на проект "
        f"потратят {100 + seed % 900} миллионов рублей.",
        f"В городе {city} новость обсуждают уже несколько дней: {voices}.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title} — {site}</title>'
        f'<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}"></head>'
        f'<body><header><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav></header>'
        f"<article><h1>{title}</h1>{body}</article><footer>© {site}</footer></body></html>"
    )
    return title, page


class FeedServer:
    """The synthetic sites on 127.0.0.1 (a thread per request); use as a context manager.

    Args:
        feeds: the feeds to serve.
        port: 0 for any free port.
    """

    def __init__(self, feeds: list[FeedSpec] | None = None, port: int = 0) -> None:
        self.feeds: dict[str, FeedSpec] = {}
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        for spec in feeds or []:
            self.add(spec)
        handler = type("Handler", (_Handler,), {"server_ref": self})
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="feed-server", daemon=True)

    def add(self, spec: FeedSpec) -> FeedSpec:
        """Serve one more feed (its host defaults to ``<name>.feeds.test``)."""
        spec.host = spec.host or f"{spec.name}.{DOMAIN}"
        spec.started = spec.started or time.time()
        spec.initial = len(spec.published)
        self.feeds[spec.name] = spec
        return spec

    def url(self, name: str) -> str:
        """The feed's URL."""
        return f"http://{self.feeds[name].host}:{self.port}/rss/{name}.xml"

    def page_url(self, name: str, index: int, **query: str) -> str:
        """The URL of item ``index`` of a feed (as the feed lists it, before tracking parameters)."""
        extra = "".join(f"&{k}={v}" for k, v in query.items())
        return f"http://{self.feeds[name].host}:{self.port}/a/{name}/{index}.html" + ("?" + extra[1:] if extra else "")

    def publish(self, name: str, n: int = 1) -> None:
        """Add ``n`` items to a feed, published now."""
        with self.lock:
            now = time.time()
            self.feeds[name].published.extend([now] * n)

    def count(self, prefix: str) -> int:
        """Requests whose path starts with ``prefix``."""
        with self.lock:
            return sum(n for path, n in self.hits.items() if path.startswith(prefix))

    def __enter__(self) -> "FeedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # ------------------------------------------------------------------ responses

    def feed_body(self, spec: FeedSpec, now: float) -> tuple[bytes, str, str]:
        """(RSS bytes, ETag, Last-Modified) of a feed as it is at ``now``."""
        times = spec.items(now)
        count = HUGE_ITEMS if spec.kind == "huge" else len(times)
        newest = max(times) if times else spec.started
        etag = f'"{spec.name}-{count}"'
        modified = email.utils.formatdate(newest, usegmt=True)
        site = f"Вестник {spec.name}"
        parts = [
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
            f"<channel><title>{site} — лента новостей</title><link>http://{spec.host}/</link>"
        ]
        if spec.kind == "ttl":
            parts.append("<ttl>60</ttl><sy:updatePeriod>hourly</sy:updatePeriod>")
        shown = range(count - 1, max(-1, count - 50 - 1), -1) if spec.kind != "huge" else range(count)
        for i in shown:
            title, _ = article_html(spec.name, i, site, spec.events)
            link = f"http://{spec.host}:{self.port}/a/{spec.name}/{i}.html"
            if spec.kind == "track":
                link += f"?utm_source=rss&utm_campaign=c{spec.requests}&from=rss"
            when = email.utils.formatdate(times[i] if i < len(times) else newest, usegmt=True)
            parts.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{when}</pubDate>"
                         f"<description>Коротко: новость {i} ленты {spec.name}.</description></item>")
        parts.append("</channel></rss>")
        body = "".join(parts).encode("utf-8")
        if spec.kind == "bad":
            body = body[: len(body) // 2] + b"<item><title>\x00 & </broken>"
        return body, etag, modified


class _QuietServer(ThreadingHTTPServer):
    """A threading server that does not print the tracebacks of clients hanging up (a watcher's timeout)."""

    daemon_threads = True
    # Connections waiting to be accepted: a watcher opens up to --concurrency at once (the default
    # of 5 refused most of 200 and counted them as the feeds' errors).
    request_queue_size = 1024

    def handle_error(self, request, client_address) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    """Serves robots.txt, feeds and article pages by the kinds of ``FeedServer``."""

    server_ref: FeedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet: tests read ``hits``
        pass

    def do_GET(self) -> None:  # noqa: N802  (http.server's name)
        srv = self.server_ref
        path = urlsplit(self.path).path
        host = (self.headers.get("Host") or "").split(":")[0]
        with srv.lock:
            srv.hits[path] = srv.hits.get(path, 0) + 1
        if path == "/robots.txt":
            if host.startswith("blocked"):
                return self._send(200, b"User-agent: *\nDisallow: /\n", "text/plain")
            if host.startswith("private"):
                return self._send(200, b"User-agent: *\nDisallow: /a/\n", "text/plain")
            return self._send(404, b"no robots.txt here", "text/plain")
        spec = next((f for f in srv.feeds.values() if f.host == host), None)
        if path == "/":
            return self._home(host, spec)
        if path == "/rss" and spec is not None:  # a common feed path, for discovery without <link>
            return self._feed(spec.name)
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "rss" and parts[1].endswith(".xml"):
            return self._feed(parts[1][:-4])
        if len(parts) == 3 and parts[0] == "a" and parts[2].endswith(".html"):
            spec = srv.feeds.get(parts[1])
            if spec is None or not parts[2][:-5].isdigit():
                return self._send(404, b"not found", "text/plain")
            _, page = article_html(spec.name, int(parts[2][:-5]), f"Вестник {spec.name}", spec.events)
            return self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
        return self._send(404, b"not found", "text/plain")

    def _home(self, host: str, spec: FeedSpec | None) -> None:
        """A site's home page announcing its feed (or, on 127.0.0.1, every feed); ``nolink*`` sites announce none."""
        srv = self.server_ref
        shown = [spec] if spec is not None else (list(srv.feeds.values()) if host == "127.0.0.1" else [])
        links = "".join(
            f'<link rel="alternate" type="application/rss+xml" title="Вестник {f.name}" href="/rss/{f.name}.xml">'
            for f in shown if not f.name.startswith("nolink")
        )
        page = f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Главная</title>{links}</head><body><h1>Новости</h1></body></html>'
        return self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

    def _feed(self, name: str) -> None:
        srv = self.server_ref
        spec = srv.feeds.get(name)
        if spec is None:
            return self._send(404, b"no such feed", "text/plain")
        with srv.lock:
            spec.requests += 1
        if spec.kind == "e500":
            return self._send(500, b"internal error", "text/plain")
        if spec.kind == "slow":
            time.sleep(SLOW_SECONDS)
        if spec.kind == "timeout":
            time.sleep(TIMEOUT_SECONDS)
        if spec.kind == "redirect" and not self.path.startswith("/rss/" + name + ".xml?moved"):
            return self._send(301, b"", "text/plain", {"Location": f"/rss/{name}.xml?moved=1"})
        if spec.kind == "loop":
            return self._send(302, b"", "text/plain", {"Location": f"/rss/{name}.xml"})
        with srv.lock:
            body, etag, modified = srv.feed_body(spec, time.time())
        if spec.kind not in ("track",) and (self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified):
            return self._send(304, b"", None, {"ETag": etag, "Last-Modified": modified})
        headers = {"ETag": etag, "Last-Modified": modified} if spec.kind != "track" else {}
        if spec.kind == "gzip" and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        return self._send(200, body, "application/rss+xml; charset=utf-8", headers)

    def _send(self, status: int, body: bytes, ctype: str | None, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def main(argv: list[str] | None = None) -> None:
    """Run the server alone: ``python -m svodka.watch.testserver --feeds 1000 --every 600`` (bench, demo).

    Prints ``port N`` on its first line, then serves until killed. Each feed ``f<i>`` starts
    with ``--initial`` items and gets a new one every ``--every`` seconds, the feeds' first
    new items spread over that period. To follow it: ``svodka feeds add http://127.0.0.1:N/
    -s fetch_allow_private=127.0.0.1`` then ``svodka watch`` with the same setting. Items link
    to pages on ``f<i>.feeds.test``, a name only the tests' resolver knows, so a watcher
    started from the command line stores each item's feed summary (counted as a page
    fallback) instead of its page.
    """
    import argparse
    import inspect
    import random
    import sys

    parser = argparse.ArgumentParser(description=inspect.cleandoc(main.__doc__ or ""), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=100, help="how many feeds (f0, f1, ...)")
    parser.add_argument("--every", type=float, default=600.0, help="seconds between two items of one feed (0: none)")
    parser.add_argument("--initial", type=int, default=3, help="items each feed starts with")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--seed", type=int, default=17, help="seed of the generated items")
    args = parser.parse_args(argv)
    rand = random.Random(args.seed)
    now = time.time()
    feeds = []
    for i in range(args.feeds):
        every = args.every or None
        # initial items one period apart (their dates give the watcher the posting rate),
        # the next one due somewhere within the coming period
        offset = rand.uniform(0, args.every) if every else 0
        published = [now - offset - k * (args.every or 3600) for k in range(args.initial, 0, -1)]
        feeds.append(FeedSpec(f"f{i}", published=published, every=every, started=now - offset))
    server = FeedServer(feeds, port=args.port)
    print(f"port {server.port}", flush=True)
    sys.stdout.flush()
    with server:
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
