"""Fuzz tests of the readers and the cleaner dispatcher: hostile bytes, HTML, feeds, WARC and JSONL.

Whatever goes in, ``read_bytes`` yields at least one item, each a ``Document`` or a
``SvodkaError`` (never an exception, never nothing), and ``svodka.clean.clean`` turns each
document into an article or raises a ``SvodkaError`` naming the document. The inputs are made
up here from small pieces; the budget keeps the whole file to a few seconds.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svodka.clean import clean
from svodka.errors import SvodkaError
from svodka.ingest.readers import read_bytes
from svodka.model import Document

# Examples per test: 3-12 ms each through read_bytes and clean, so the five tests take ~3 s
# together (a campaign of 400 per test found nothing more than 40 did: see the issue 11 note).
EXAMPLES = 60

# Settings of every fuzz test: no deadline (the first call loads lxml/feedparser/warcio);
# derandomized, like tests/test_fuzz.py: the same examples on every run, so CI cannot fail by
# chance (a campaign with more examples and a random seed is run by hand).
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], derandomize=True)

# File names whose extensions steer the sniffers.
NAMES = st.sampled_from(["in.txt", "in.html", "in.jsonl", "in.json", "in.rss", "in.xml", "in.warc", "in.txt.gz", "in.jsonl.gz", "in"])

# Words of made-up Russian news, markup pieces and troublemakers (BOM, NBSP, zero-width, U+FFFD, controls).
WORDS = st.sampled_from(
    ["Заречинск", "мост", "открыли", "в", "субботу", "глава", "города", "сообщил", "«Вестник»", "—", "2023", "года",
     "&amp;", "&nbsp;", "&a;", "&#0;", "&#xD800;", "<", ">", "]]>", "<![CDATA[", "\ufeff", "\u00a0", "\u200b", "\ufffd",
     "\x00", "\x1f", "\r", "\n", "\n\n", "я" * 300]
)
TEXT = st.lists(WORDS, max_size=40).map(" ".join)

# Ways to damage bytes after they are made.
DAMAGE = st.sampled_from(["none", "cut", "flip", "bom", "gzip", "gzip-cut", "ff", "utf16"])


def damaged(data: bytes, how: str, where: int) -> bytes:
    """The bytes damaged one way, ``where`` choosing the spot."""
    spot = where % (len(data) + 1)
    if how == "cut":
        return data[:spot]
    if how == "flip" and data:
        i = spot % len(data)
        return data[:i] + bytes([data[i] ^ 0xA5]) + data[i + 1 :]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "gzip":
        return gzip.compress(data)
    if how == "gzip-cut":
        packed = gzip.compress(data)
        return packed[: max(2, spot % len(packed))]
    if how == "ff":
        return data + b"\xff"
    if how == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16")
    return data


@st.composite
def html_pages(draw) -> bytes:
    """An HTML page of random structure and text, maybe declaring a charset or a DOCTYPE subset."""
    head = draw(st.sampled_from(["", "<!DOCTYPE html>", '<!DOCTYPE html [<!ENTITY a "xxxx">]>', "<?xml version='1.0'?>"]))
    meta = draw(st.sampled_from(["", "<meta charset='utf-8'>", "<meta charset='windows-1251'>", "<meta charset='nonsense'>", "<title>Т</title>"]))
    blocks = draw(st.lists(st.tuples(st.sampled_from(["p", "div", "h1", "script", "li", "a", "figcaption", "table"]), TEXT), max_size=8))
    body = "".join(f"<{tag}>{text}</{tag}>" for tag, text in blocks)
    close = draw(st.sampled_from(["</body></html>", "", "</div></div>"]))
    encoding = draw(st.sampled_from(["utf-8", "cp1251"]))
    return f"{head}<html><head>{meta}</head><body>{body}{close}".encode(encoding, "replace")


@st.composite
def feeds(draw) -> bytes:
    """An RSS or Atom feed with random items, entities, DOCTYPEs and CDATA."""
    doctype = draw(st.sampled_from(["", '<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 2000 + '">\n]>', '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
                                    '<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>', "<!DOCTYPE rss [", "<!-- c -->"]))
    items = draw(st.lists(st.tuples(TEXT, TEXT, st.sampled_from(["", "https://a.example/1", "javascript:x", "&a;"])), max_size=6))
    if draw(st.booleans()):
        entries = "".join(f"<item><title>{t}</title><link>{link}</link><description>{d}</description></item>" for t, d, link in items)
        xml = f'<rss version="2.0"><channel><title>{draw(TEXT)}</title>{entries}</channel></rss>'
    else:
        entries = "".join(f"<entry><title>{t}</title><link href='{link}'/><content type='html'><![CDATA[{d}]]></content></entry>" for t, d, link in items)
        xml = f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(TEXT)}</title>{entries}</feed>'
    return f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n{xml}'.encode("utf-8", "replace")


@st.composite
def warcs(draw) -> bytes:
    """A WARC of random response records (HTML and not), some gzip-encoded, before damage."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=draw(st.booleans()))
    for i in range(draw(st.integers(0, 4))):
        page = draw(html_pages())
        headers = [("Content-Type", draw(st.sampled_from(["text/html", "text/html; charset=windows-1251", "image/png", ""])))]
        if draw(st.booleans()):
            page = gzip.compress(page)
            headers.append(("Content-Encoding", "gzip"))
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"]))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        kind = draw(st.sampled_from(["response", "resource", "metadata"]))
        if kind == "response":
            record = writer.create_warc_record(f"https://a.example/{i} x", kind, payload=io.BytesIO(page), http_headers=http)
        else:
            record = writer.create_warc_record(f"https://a.example/{i}", kind, payload=io.BytesIO(page), warc_content_type="text/html")
        writer.write_record(record)
    return out.getvalue()


@st.composite
def jsonl_files(draw) -> bytes:
    """JSON Lines of good and bad records, blank and invisible lines."""
    record = st.one_of(
        st.fixed_dictionaries({"text": TEXT}, optional={"title": TEXT, "url": st.just("https://a.example/r"), "published": st.just("2023-05-14")}),
        st.fixed_dictionaries({"html": html_pages().map(lambda b: b.decode("utf-8", "replace"))}),
        st.fixed_dictionaries({"text": st.integers()}),
        st.lists(st.integers(), max_size=3),
        st.just({}),
    ).map(lambda obj: json.dumps(obj, ensure_ascii=draw(st.booleans())))
    line = st.one_of(record, st.sampled_from(["", " ", "\u00a0", "\ufeff", "not json", "{", "{\"text\": \"обрыв"]))
    return "\n".join(draw(st.lists(line, max_size=12))).encode("utf-8")


def check(data: bytes, name: str) -> None:
    """The fuzz property: at least one item; only Documents and SvodkaErrors; clean() names its errors; stderr untouched."""
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        items = list(read_bytes(data, name, max_bytes=2_000_000))
    assert not printed.getvalue(), printed.getvalue()[:300]
    assert items, f"{name}: nothing yielded for {data[:80]!r}"
    for item in items:
        assert isinstance(item, (Document, SvodkaError)), item
        if isinstance(item, SvodkaError):
            assert item.name and "\n" not in item.reason and item.count >= 1
            continue
        try:
            article = clean(item)
        except SvodkaError as exc:
            assert exc.name == item.name, (exc.name, item.name)
        else:
            assert article.paragraphs or article.title


@pytest.mark.issue(11)
@FUZZ
@given(data=st.binary(max_size=3000), name=NAMES)
def test_fuzz_readers_hostile_bytes(data, name):
    check(data, name)


@pytest.mark.issue(11)
@FUZZ
@given(page=html_pages(), damage=DAMAGE, where=st.integers(0, 10**6), name=NAMES)
def test_fuzz_readers_html(page, damage, where, name):
    check(damaged(page, damage, where), name)


@pytest.mark.issue(11)
@FUZZ
@given(feed=feeds(), damage=DAMAGE, where=st.integers(0, 10**6), name=NAMES)
def test_fuzz_readers_feeds(feed, damage, where, name):
    check(damaged(feed, damage, where), name)


@pytest.mark.issue(11)
@FUZZ
@given(warc=warcs(), damage=DAMAGE, where=st.integers(0, 10**6))
def test_fuzz_readers_warc(warc, damage, where):
    check(damaged(warc, damage, where), "crawl.warc")


@pytest.mark.issue(11)
@FUZZ
@given(lines=jsonl_files(), damage=DAMAGE, where=st.integers(0, 10**6), name=NAMES)
def test_fuzz_readers_jsonl(lines, damage, where, name):
    check(damaged(lines, damage, where), name)


@pytest.mark.issue(11)
def test_fuzz_readers_are_derandomized_and_small():
    """Every fuzz test here draws the same few examples on every run (they drew new ones each run)."""
    tests = [f for name, f in globals().items() if name.startswith("test_fuzz_readers_") and hasattr(f, "hypothesis")]
    assert len(tests) == 5
    for test in tests:
        chosen = test._hypothesis_internal_use_settings
        assert chosen.derandomize and chosen.max_examples <= EXAMPLES <= 100, test.__name__
