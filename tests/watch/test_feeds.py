"""Feed list helpers: canonical item URLs, intervals, discovery, OPML, reading a feed."""

from __future__ import annotations

import pytest

from svodka.errors import InputError
from svodka.watch.feeds import canonical_url, discover_feeds, parse_every, parse_opml, read_feed

pytestmark = pytest.mark.issue(17)


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("https://Vestnik.example/news/1?utm_source=rss&utm_medium=feed", "https://vestnik.example/news/1"),
        ("https://vestnik.example:443/news/1#comments", "https://vestnik.example/news/1"),
        ("http://vestnik.example:8080/a?b=2&a=1&fbclid=x&from=rss", "http://vestnik.example:8080/a?a=1&b=2"),
        ("https://vestnik.example", "https://vestnik.example/"),
        ("https://vestnik.example/a?id=5&yclid=9&_openstat=abc", "https://vestnik.example/a?id=5"),
        # the query kept as written: a bare "?123" is no "?123=", a cp1251 query no U+FFFD bytes
        ("https://gazeta.example/news.php?12345&utm_campaign=x", "https://gazeta.example/news.php?12345"),
        ("https://gazeta.example/search?q=%EF%F0%E8&gclid=1", "https://gazeta.example/search?q=%EF%F0%E8"),
        ("https://gazeta.example/p?a=1+2&b=%2B&x=a%26b&Utm_Medium=y", "https://gazeta.example/p?a=1+2&b=%2B&x=a%26b"),
        ("https://gazeta.example/n?id=7&_gl=1*abc&_ga=2.1&msclkid=z&srsltid=q", "https://gazeta.example/n?id=7"),
    ],
)
def test_feeds_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("text, seconds", [("10m", 600), ("2h", 7200), ("90s", 90), ("1d", 86400), ("15", 900), ("30d", 30 * 86400)])
def test_feeds_parse_every(text, seconds):
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "ten minutes", "5w", "-3m", "31d", "400d", "99999999999d"])
def test_feeds_parse_every_refuses(text):
    with pytest.raises(ValueError):
        parse_every(text)


def test_feeds_discover_links():
    html = (
        '<html><head><base href="https://gazeta.example/ru/">'
        '<link rel="alternate" type="application/rss+xml" title="Главное" href="rss/main.xml">'
        '<link rel="alternate" type="application/atom+xml" href="https://gazeta.example/atom">'
        '<link rel="alternate" hreflang="en" href="/en/">'
        '<link rel="stylesheet" type="text/css" href="/s.css">'
        '<link rel="alternate" type="application/rss+xml" href="rss/main.xml"></head></html>'
    )
    assert discover_feeds(html, "https://gazeta.example/") == [
        ("https://gazeta.example/ru/rss/main.xml", "Главное"),
        ("https://gazeta.example/atom", None),
    ]


def test_feeds_parse_opml_nested():
    data = """<?xml version="1.0" encoding="utf-8"?><opml version="2.0"><body>
      <outline text="Регионы"><outline text="Заречные вести" type="rss" xmlUrl="https://zv.example/rss"/>
      <outline title="Речной курьер" xmlUrl="https://rk.example/feed.xml"/></outline>
      <outline text="дубль" xmlUrl="https://zv.example/rss"/><outline text="без адреса"/>
      <outline text="битый" xmlUrl="http://[::1"/><outline text="без хоста" xmlUrl="http:///rss"/></body></opml>""".encode()
    assert parse_opml(data) == [("https://zv.example/rss", "Заречные вести"), ("https://rk.example/feed.xml", "Речной курьер")]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"not xml at all <", "not an OPML file"),
        (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "x">]><opml><body><outline xmlUrl="http://a/&a;"/></body></opml>', "DOCTYPE"),
        (b"<opml><body><outline text='pusto'/></body></opml>", "lists no feed"),
    ],
)
def test_feeds_parse_opml_refuses(data, reason):
    with pytest.raises(InputError, match=reason):
        parse_opml(data, "subs.opml")


def test_feeds_read_feed_items_and_ttl():
    data = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Заречные вести</title><ttl>30</ttl>
      <item><title>Мост закроют</title><link>https://zv.example/most?utm_source=rss</link><description>&lt;p&gt;Мост закроют в мае.&lt;/p&gt;</description>
      <pubDate>Thu, 28 Mar 2024 10:00:00 +0300</pubDate></item>
      <item><title>Мост закроют (повтор)</title><link>https://zv.example/most?utm_source=tg</link></item>
      <item><title>Без ссылки</title></item></channel></rss>""".encode()
    facts = read_feed(data, "zv")
    assert facts.title == "Заречные вести" and facts.ttl == 1800
    assert [(i.url, i.title, i.summary) for i in facts.items] == [("https://zv.example/most", "Мост закроют", "Мост закроют в мае.")]
    assert facts.items[0].published.startswith("2024-03-28T10:00:00")


def test_feeds_read_feed_syndication_period():
    data = b"""<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
      <sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>"""
    assert read_feed(data, "t").ttl == 900


@pytest.mark.parametrize(
    "hint, ttl",
    [
        ("<ttl>²</ttl>", None),  # str.isdigit says yes, int() says no: it crashed the watcher
        ("<ttl>99999999999999999999</ttl>", None),  # overflowed the archive's integer column
        ("<ttl>0</ttl>", None),
        ("<ttl>-5</ttl>", None),
        ("<ttl>9999999</ttl>", 365 * 86400),
        ("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>²</sy:updateFrequency>", 3600),
        ("<sy:updatePeriod>fortnightly</sy:updatePeriod>", None),
    ],
)
def test_feeds_read_feed_odd_ttl(hint, ttl):
    data = f"""<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
      {hint}<item><title>a</title><link>https://t.example/1</link></item></channel></rss>""".encode()
    assert read_feed(data, "t").ttl == ttl


def test_feeds_read_feed_refuses_html():
    with pytest.raises(InputError, match="not a feed"):
        read_feed("<html><body><p>Страница</p></body></html>".encode(), "page")


def test_feeds_find_feeds(feed_server):
    from svodka.ingest.fetch import Fetcher
    from svodka.watch.feeds import find_feeds
    from svodka.watch.testserver import RESOLVER, FeedSpec

    feed_server.add(FeedSpec("linked"))
    feed_server.add(FeedSpec("nolink1"))
    fetcher = Fetcher(allow_private=".feeds.test", resolver=RESOLVER, host_interval=0, retries=1)
    port = feed_server.port
    # a feed's own URL; a home page announcing it; a page announcing none, its feed at /rss
    assert find_feeds(feed_server.url("linked"), fetcher.fetch) == [(feed_server.url("linked"), None)]
    assert find_feeds(f"http://linked.feeds.test:{port}/", fetcher.fetch) == [(feed_server.url("linked"), "Вестник linked")]
    assert find_feeds(f"http://nolink1.feeds.test:{port}/", fetcher.fetch) == [(f"http://nolink1.feeds.test:{port}/rss", None)]
    with pytest.raises(InputError, match="neither a feed"):
        find_feeds(f"http://nobody.feeds.test:{port}/", fetcher.fetch)


@pytest.mark.parametrize("title, outlet", [
    ("Вестник Заречья — лента новостей", "Вестник Заречья"),
    ("Речной курьер: все новости", "Речной курьер"),
    ("Заречье | RSS", "Заречье"),
    ("Новости Приозёрска", "Новости Приозёрска"),  # the outlet's own name, kept
    ("Лента новостей", "Лента новостей"),
    ("", None),
])
def test_outlet_name_drops_a_tail_naming_the_feed(title, outlet):
    from svodka.watch.feeds import outlet_name

    assert outlet_name(title) == outlet


def test_feeds_read_feed_relative_links():
    """A relative <link> was kept as a path: never fetchable, stored under "/news/..." for a URL."""
    data = """<?xml version="1.0"?><rss version="2.0"><channel><title>Заречные вести</title>
      <item><title>Мост</title><link>/news/2024/05/most.html?utm_source=rss</link></item>
      <item><title>Школа</title><link>shkola.html</link></item>
      <item><title>Почта</title><link>mailto:red@zv.example</link></item></channel></rss>""".encode()
    facts = read_feed(data, "https://zv.example/rss/all.xml")
    assert [i.url for i in facts.items] == ["https://zv.example/news/2024/05/most.html", "https://zv.example/rss/shkola.html"]
