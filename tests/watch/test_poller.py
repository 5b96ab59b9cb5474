"""The async poller against the synthetic feed server: validators, gzip, redirects, errors, robots, limits."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from svodka.watch.poller import Poller
from svodka.watch.testserver import RESOLVER, FeedSpec

from .conftest import ALLOW

pytestmark = pytest.mark.issue(17)


def _get(url: str, **kwargs) -> list:
    """Replies of GETs of ``url`` in turn, the validators of each passed to the next."""
    poller_args = {k: kwargs.pop(k) for k in ("deadline", "timeout", "max_bytes", "allow_private") if k in kwargs}
    times = kwargs.pop("times", 1)

    async def run():
        poller = Poller(allow_private=poller_args.pop("allow_private", ALLOW), resolver=RESOLVER, host_interval=0, **poller_args)
        replies, etag, modified = [], None, None
        try:
            for _ in range(times):
                reply = await poller.get(url, etag=etag, modified=modified)
                replies.append(reply)
                etag, modified = reply.etag or etag, reply.modified or modified
        finally:
            await poller.close()
        return replies

    return asyncio.run(run())


def test_poller_conditional_get(feed_server):
    feed_server.add(FeedSpec("ok", published=[1.0, 2.0]))
    first, second = _get(feed_server.url("ok"), times=2)
    assert first.status == 200 and b"<rss" in first.body and first.etag == '"ok-2"'
    assert second.status == 304 and second.body == b""  # a 304 costs no body
    feed_server.publish("ok")
    third = _get(feed_server.url("ok"))[0]
    assert third.status == 200 and third.etag == '"ok-3"'


def test_poller_gzip(feed_server):
    feed_server.add(FeedSpec("gz", kind="gzip", published=[1.0]))
    reply = _get(feed_server.url("gz"))[0]
    assert reply.status == 200 and reply.body.startswith(b"<?xml")


def test_poller_redirects(feed_server):
    feed_server.add(FeedSpec("moved", kind="redirect", published=[1.0]))
    feed_server.add(FeedSpec("loop", kind="loop"))
    moved, again = _get(feed_server.url("moved"), times=2)
    assert moved.status == 200 and moved.url.endswith("/rss/moved.xml?moved=1") and moved.moved == moved.url  # 301: moved for good
    assert again.status == 304  # the validators go with every hop
    loop = _get(feed_server.url("loop"))[0]
    assert loop.error and "more than 5 redirects" in loop.error and loop.permanent
    assert feed_server.count("/rss/loop.xml") == 6  # bounded


@pytest.mark.parametrize(
    "kind, options, error",
    [
        ("e500", {}, "HTTP 500"),
        ("timeout", {"timeout": httpx.Timeout(0.5)}, "ReadTimeout"),
        ("timeout", {"deadline": 0.5}, "over the 0.5 s"),
        ("huge", {}, "over the 5 MB limit"),
    ],
)
def test_poller_errors(feed_server, kind, options, error):
    feed_server.add(FeedSpec("f", kind=kind, published=[1.0]))
    reply = _get(feed_server.url("f"), **options)[0]
    assert reply.error and error in reply.error


def test_poller_slow_answers(feed_server):
    feed_server.add(FeedSpec("slow", kind="slow", published=[1.0]))
    assert _get(feed_server.url("slow"))[0].status == 200


def test_poller_robots(feed_server):
    feed_server.add(FeedSpec("blocked-site", published=[1.0]))
    feed_server.add(FeedSpec("private-site", published=[1.0]))
    blocked = _get(feed_server.url("blocked-site"))[0]
    assert blocked.error and "robots.txt disallows" in blocked.error and blocked.permanent
    assert feed_server.count("/rss/blocked-site.xml") == 0
    assert _get(feed_server.url("private-site"))[0].status == 200  # the feed is allowed, its pages not
    page = _get(feed_server.page_url("private-site", 0))[0]
    assert page.error and "robots.txt" in page.error


def test_poller_refuses_private_addresses(feed_server):
    feed_server.add(FeedSpec("ok", published=[1.0]))
    reply = _get(feed_server.url("ok"), allow_private="")[0]
    assert reply.error and "loopback address: refused" in reply.error and reply.permanent
    assert feed_server.count("/") == 0
    direct = _get(f"http://127.0.0.1:{feed_server.port}/rss/ok.xml", allow_private="")[0]
    assert direct.error and "refused" in direct.error


def test_poller_one_request_at_a_time_per_host(feed_server):
    import time

    feed_server.add(FeedSpec("slow", kind="slow", published=[1.0]))

    async def run():
        poller = Poller(allow_private=ALLOW, resolver=RESOLVER, host_interval=0.2)
        try:
            start = time.monotonic()
            replies = await asyncio.gather(*(poller.get(feed_server.url("slow")) for _ in range(3)))
            return replies, time.monotonic() - start
        finally:
            await poller.close()

    replies, seconds = asyncio.run(run())
    assert all(r.status == 200 for r in replies)
    # three answers of 0.3 s each, one after another, 0.2 s apart (robots.txt first): not in parallel
    assert seconds >= 3 * 0.3 + 2 * 0.2


def test_poller_wait_for_the_host_is_not_the_deadline(feed_server):
    """Pages queued behind one host's slot timed out before their turn (a feed's 60 new items: 15 stored as summaries)."""
    feed_server.add(FeedSpec("many", published=[float(i) for i in range(1, 11)]))

    async def run():
        poller = Poller(allow_private=ALLOW, resolver=RESOLVER, host_interval=0.4, deadline=2.0)
        try:
            return await asyncio.gather(*(poller.get(feed_server.page_url("many", i)) for i in range(10)))
        finally:
            await poller.close()

    replies = asyncio.run(run())  # about 4 s in the host's queue in all, each request far under its 2 s
    assert [r.error for r in replies] == [None] * 10 and all(r.status == 200 for r in replies)


def test_poller_reads_robots_once_for_requests_arriving_together(feed_server):
    """Each of a host's requests arriving together read robots.txt itself (sixty feeds of a site: sixty reads)."""
    feed_server.add(FeedSpec("site", published=[float(i) for i in range(1, 6)]))

    async def run():
        poller = Poller(allow_private=ALLOW, resolver=RESOLVER, host_interval=0)
        try:
            return await asyncio.gather(*(poller.get(feed_server.page_url("site", i)) for i in range(5)))
        finally:
            await poller.close()

    replies = asyncio.run(run())
    assert all(r.status == 200 for r in replies) and feed_server.count("/robots.txt") == 1
