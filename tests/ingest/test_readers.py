"""Tests of svodka.ingest.readers: formats, encodings, directories, stdin and every kind of bad input."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from svodka.errors import InputError
from svodka.ingest.readers import decode, read_bytes, read_paths
from svodka.model import Document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

# A Russian paragraph of ~300 characters (written for these tests).
RU_TEXT = (
    "Администрация Заречинска объявила конкурс на лучший проект благоустройства набережной. "
    "Заявки принимаются до конца июня, а победителя выберут сами горожане на открытом голосовании. "
    "По словам главы города, работы начнутся уже следующей весной, если областной бюджет выделит "
    "обещанные средства."
)

# A short text: two words only, where statistics have little to go on.
RU_SHORT = "Привет, мир"


def docs_and_errors(items):
    """Split reader output into documents and errors."""
    items = list(items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, InputError)]


def warc_bytes(records: list[tuple[str, bytes, str]], *, gz: bool = False) -> bytes:
    """A WARC built with warcio: (url, body, content type) response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body, ctype in records:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        writer.write_record(record)
    return out.getvalue()


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8-r"])
@pytest.mark.parametrize("text", [RU_TEXT, RU_SHORT])
def test_readers_decode_detects_cyrillic_encodings(encoding, text):
    decoded, used = decode(text.encode(encoding))
    assert decoded == text
    assert used == encoding


def test_readers_decode_utf8_bom():
    decoded, used = decode(b"\xef\xbb\xbf" + RU_TEXT.encode("utf-8"))
    assert decoded == RU_TEXT and used == "utf-8"


def test_readers_decode_honours_declared_charset_only_when_it_fits():
    data = RU_TEXT.encode("cp1251")
    assert decode(data, "windows-1251") == (RU_TEXT, "cp1251")
    # a wrong declaration (koi8-r for cp1251 bytes) gives uppercase mojibake: not taken
    assert decode(data, "koi8-r") == (RU_TEXT, "cp1251")
    # a declared charset that cannot decode the bytes (utf-8) is ignored
    assert decode(data, "utf-8") == (RU_TEXT, "cp1251")


def test_readers_html_charset_declared_late(tmp_path):
    filler = "<!-- " + "x" * 25_000 + " -->"
    html = f"<html><head>{filler}<meta http-equiv='Content-Type' content='text/html; charset=windows-1251'></head><body><p>{RU_TEXT}</p></body></html>"
    path = tmp_path / "late.html"
    path.write_bytes(html.encode("cp1251"))
    (doc,) = read_paths([str(path)])
    assert doc.media_type == "text/html" and doc.encoding == "cp1251"
    assert RU_TEXT in doc.text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_readers_text_dump_in_legacy_encoding(tmp_path, encoding):
    path = tmp_path / "dump.txt"
    path.write_bytes(f"Заречинский вестник\n\n{RU_TEXT}\n".encode(encoding))
    (doc,) = read_paths([str(path)])
    assert doc.media_type == "text/plain" and doc.encoding == encoding
    assert RU_TEXT in doc.text


# --------------------------------------------------------------------------- formats


def test_readers_html_file():
    (doc,) = read_paths([str(FIXTURES / "article.html")])
    assert doc.media_type == "text/html"
    assert doc.path.endswith("article.html")
    assert "Верхнеозёрске" in doc.text and doc.data


def test_readers_html_sniffed_without_extension():
    (doc,) = read_bytes(b"<!DOCTYPE html><html><body><p>" + RU_TEXT.encode() + b"</p></body></html>", "page")
    assert doc.media_type == "text/html"


def test_readers_jsonl_records_and_bad_lines():
    docs, errors = docs_and_errors(read_paths([str(FIXTURES / "records.jsonl")]))
    first, second = docs
    assert first.media_type == "text/plain" and first.path.endswith("records.jsonl:1")
    assert first.text.startswith("В субботу")
    assert first.meta == {
        "title": "Открыт мост",
        "published": "2023-05-14",
        "source": "Вестник Приозерья",
        "url": "https://vestnik-priozerya.example/news/most",
    }
    assert second.media_type == "text/html" and second.url == "https://kurier.example/news/posevnaya"
    assert [e.name.rsplit(":", 1)[1] for e in errors] == ["3", "4", "6"]
    assert all("\n" not in e.reason for e in errors)


def test_readers_rss_items():
    docs, errors = docs_and_errors(read_paths([str(FIXTURES / "feed.rss")]))
    assert not errors and len(docs) == 2
    doc = docs[0]
    assert doc.media_type == "application/x-feed-item"
    assert doc.url == "https://vestnik-priozerya.example/news/most"
    assert doc.text == "В субботу в Верхнеозёрске открыли новый мост через реку Сурку.\n\nСтроительство заняло почти два года."
    assert doc.meta == {
        "title": "В Верхнеозёрске открыли новый мост",
        "published": "2023-05-14T09:30:00+03:00",
        "source": "Вестник Приозерья",
        "url": "https://vestnik-priozerya.example/news/most",
    }


@pytest.mark.parametrize(
    "channel, source",
    [
        ("Агентство Заречье-Пресс — Лента новостей", "Заречье-Пресс"),
        ("Заречный вестник | Главное", "Заречный вестник"),
        ("RSS - Заречный вестник", "Заречный вестник"),
        ("Заречный вестник", "Заречный вестник"),
    ],
)
def test_readers_feed_source_is_the_outlet(channel, source):
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{channel}</title><link>https://zarechye.example/</link>"
        "<item><title>В Заречье открыли каток</title><link>https://zarechye.example/n/1</link>"
        "<description>&lt;p&gt;Каток на центральной площади открылся в субботу.&lt;/p&gt;</description></item>"
        "</channel></rss>"
    ).encode("utf-8")
    (doc,) = read_bytes(rss, "feed.rss")
    assert doc.meta["source"] == source


def test_readers_feed_item_caption_left_out():
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Заречный вестник</title>'
        "<item><title>В Заречье открыли каток</title><link>https://zarechye.example/n/1</link>"
        "<description>&lt;figure&gt;&lt;img src='/k.jpg'&gt;&lt;figcaption&gt;Каток на площади. Фото: мэрия&lt;/figcaption&gt;&lt;/figure&gt;"
        "&lt;p&gt;Каток на центральной площади открылся в субботу.&lt;/p&gt;</description></item>"
        "</channel></rss>"
    ).encode("utf-8")
    (doc,) = read_bytes(rss, "feed.rss")
    assert doc.text == "Каток на центральной площади открылся в субботу."


def test_readers_atom_entries():
    (doc,) = read_paths([str(FIXTURES / "feed.atom")])
    assert doc.media_type == "application/x-feed-item"
    assert doc.url == "https://kurier.example/news/posevnaya"
    assert doc.text.split("\n\n") == [
        "Хозяйства области приступили к весеннему севу зерновых.",
        "Первыми в поле вышли аграрии Заречного района.",
    ]
    assert doc.meta["published"] == "2023-05-12T07:15:00+03:00"
    assert doc.meta["source"] == "Приозерский курьер"


@pytest.mark.parametrize("gz", [False, True])
def test_readers_warc_html_responses(tmp_path, gz):
    data = warc_bytes(
        [
            ("https://zarechye.example/news/1", f"<html><body><p>{RU_TEXT}</p></body></html>".encode("cp1251"), "text/html; charset=windows-1251"),
            ("https://zarechye.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
            ("https://zarechye.example/news/2", "<html><body><h1>Вторая</h1><p>Текст второй новости.</p></body></html>".encode(), "text/html"),
        ],
        gz=gz,
    )
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    docs, errors = docs_and_errors(read_paths([str(path)]))
    assert not errors
    assert [d.url for d in docs] == ["https://zarechye.example/news/1", "https://zarechye.example/news/2"]
    assert all(d.media_type == "text/html" and d.fetched for d in docs)
    assert RU_TEXT in docs[0].text and docs[0].encoding == "cp1251"


def test_readers_directory_walk_sorted_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("второй файл", encoding="utf-8")
    (tmp_path / "a.txt").write_text("первый файл", encoding="utf-8")
    (tmp_path / "c.txt").write_text("третий файл", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("скрытый", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("служебный", encoding="utf-8")
    docs = list(read_paths([str(tmp_path)]))
    assert [d.text for d in docs] == ["первый файл", "второй файл", "третий файл"]


def test_readers_stdin():
    stdin = io.BytesIO(RU_TEXT.encode("cp1251"))
    (doc,) = read_paths(["-"], stdin=stdin)
    assert doc.text == RU_TEXT and doc.path == "<stdin>" and doc.encoding == "cp1251"


def test_readers_gzipped_text(tmp_path):
    path = tmp_path / "dump.txt.gz"
    path.write_bytes(gzip.compress(RU_TEXT.encode("utf-8")))
    (doc,) = read_paths([str(path)])
    assert doc.text == RU_TEXT


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("nul.txt", b"abc\x00\x01\x02def" * 10, "binary file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("random.txt", bytes(range(0x80, 0xC0)) * 8, "undecodable bytes"),
        ("page.html", b"<html><head><title></title><script>var x = 1;</script></head><body><div></div></body></html>", "malformed HTML"),
        ("feed.xml", b"<?xml version='1.0'?>\n<rss version='2.0'><channel><<<>>> &broken;", "malformed XML/feed"),
        ("crawl.warc", b"WARC/1.0\r\nWARC-Type: response\r\nthis is not a header\r\n\r\n", "malformed WARC"),
        ("crawl.warc.gz", gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" + RU_TEXT.encode() * 40)[:120], "truncated gzip"),
        ("dump.txt.gz", gzip.compress(RU_TEXT.encode() * 40)[:-10], "truncated gzip"),
    ],
)
def test_readers_bad_input_is_one_line_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    (error,) = read_paths([str(path)])
    assert isinstance(error, InputError)
    assert error.name == str(path)
    assert reason in error.reason
    assert "\n" not in str(error) and "Traceback" not in str(error)


def test_readers_too_big(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 7_200_000)
    (error,) = read_paths([str(path)])
    assert error.reason == "file is 7.2 MB, over the 5 MB limit; raise it with --max-bytes"
    (doc,) = read_paths([str(path)], max_bytes=8_000_000)
    assert isinstance(doc, Document)


def test_readers_not_found_and_batch_goes_on(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text(RU_TEXT, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(read_paths([str(missing), str(good)]))
    assert isinstance(items[0], InputError) and items[0].reason == "no such file or directory"
    assert isinstance(items[1], Document)


def test_readers_read_bytes_never_raises_on_garbage():
    for data in (b"\x1f\x8b", b"WARC/", b"<rss", b"{", b"\xff\xfe\x00"):
        items = list(read_bytes(data, "x"))
        assert items and all(isinstance(i, (Document, InputError)) for i in items)


def test_readers_warc_record_over_limit_is_rejected_not_read_whole():
    """A gzip-encoded HTTP body inside a small WARC is a bomb: it stops at the limit."""
    import gzip

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = b"<html><body><h1>T</h1><p>" + "Текст статьи. ".encode() * 20000 + b"</p></body></html>"
    out = io.BytesIO()
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer = WARCWriter(out, gzip=False)
    writer.write_record(writer.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(gzip.compress(page)), http_headers=http))
    data = out.getvalue()
    assert len(data) < 100_000 < len(page)
    got = list(read_bytes(data, "bomb.warc", max_bytes=100_000))
    assert len(got) == 1 and isinstance(got[0], InputError) and "record is at least" in got[0].reason


# --------------------------------------------------------------------------- damaged UTF-8 (issue 11)

# An article of three paragraphs (written for these tests), as UTF-8.
RU_ARTICLE = (
    "Заречинский вестник\n\n"
    "В Заречинске открыли новую библиотеку\n\n"
    + RU_TEXT
    + "\n\nБиблиотека будет работать ежедневно с девяти утра до девяти вечера, а по субботам в ней "
    "пройдут встречи с местными писателями и краеведами.\n"
).encode("utf-8")


def _cut_last_letter(data: bytes) -> bytes:
    """The bytes with trailing ASCII dropped and the last (multi-byte) letter cut in half."""
    data = data.rstrip()
    while data[-1] < 0x80:
        data = data[:-1]
    return data[:-1]


def _mid_continuation(data: bytes) -> int:
    """Index of a UTF-8 continuation byte near the middle."""
    i = len(data) // 2
    while data[i] & 0xC0 != 0x80:
        i += 1
    return i


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: _mid_continuation(b)] + b[_mid_continuation(b) + 1 :], id="byte-dropped"),
        pytest.param(lambda b: b + b"\xff", id="0xff-appended"),
        pytest.param(_cut_last_letter, id="last-character-cut"),
        pytest.param(lambda b: b.replace(b"\n\n", b"\n\xc0\n", 1), id="bad-lead-byte"),
    ],
)
def test_readers_damaged_utf8_is_read_with_replacements(damage):
    from svodka.clean import clean

    (doc,) = read_bytes(damage(RU_ARTICLE), "article.txt")
    assert isinstance(doc, Document), doc
    assert doc.encoding == "utf-8" and doc.meta["decode_errors"] == 1
    assert doc.text.count("\ufffd") == 1
    assert clean(doc).extras["decode_errors"] == 1


@pytest.mark.issue(11)
@pytest.mark.parametrize("damage", ["drop", "ff", "cut"])
def test_readers_damaged_founding_example_keeps_its_article(seed_text, damage):
    from svodka.clean import clean

    data = seed_text.encode("utf-8")
    whole = clean(next(read_bytes(data, "seed.txt")))
    if damage == "drop":
        i = _mid_continuation(data)
        data = data[:i] + data[i + 1 :]
    elif damage == "ff":
        data += b"\xff"
    else:
        data = _cut_last_letter(data)
    (doc,) = read_bytes(data, "seed.txt")
    assert isinstance(doc, Document), doc
    article = clean(doc)
    assert article.extras["decode_errors"] == 1
    assert len(article.paragraphs) == len(whole.paragraphs)


@pytest.mark.issue(11)
def test_readers_damaged_html_and_jsonl_records_say_so():
    page = f"<html><body><h1>Новость</h1><p>{RU_TEXT}</p></body></html>".encode("utf-8")
    (doc,) = read_bytes(page[:60] + b"\xff" + page[60:], "page.html")
    assert doc.media_type == "text/html" and doc.meta["decode_errors"] == 1
    records = '{"text": "Первая запись о мосте."}\n{"text": "Вторая запись о мосте."}\n'.encode("utf-8")
    cut = records.index("Вторая".encode()) + 1  # inside the second record's first letter
    first, second = read_bytes(records[:cut] + records[cut + 1 :], "records.jsonl")
    assert "decode_errors" not in first.meta and second.meta["decode_errors"] == 1


@pytest.mark.issue(11)
@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_readers_legacy_encodings_are_not_taken_for_damaged_utf8(encoding):
    (doc,) = read_bytes(RU_ARTICLE.decode("utf-8").encode(encoding), "article.txt")
    assert doc.encoding == encoding and "decode_errors" not in doc.meta
    assert RU_TEXT in doc.text


# --------------------------------------------------------------------------- nothing vanishes (issue 11)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("bom.jsonl", b"\xef\xbb\xbf", "empty file"),
        ("bom-blank.jsonl", b"\xef\xbb\xbf\n \r\n\t\n", "empty file"),
        ("nbsp.jsonl", "\u00a0\u00a0\n\u00a0\n".encode("utf-8"), "empty file"),
        ("nbsp-cp1251.jsonl", b"\xa0\xa0\n\xa0", "empty file"),
        ("zero-width.txt", "\u200b\ufeff\u2060\n".encode("utf-8"), "empty file"),
        ("bom.ndjson.gz", gzip.compress(b"\xef\xbb\xbf\n\n"), "empty file"),
        ("empty.json", b"[]", "holds no records"),
        ("bom.json", b"\xef\xbb\xbf  ", "empty file"),
    ],
)
def test_readers_input_of_nothing_is_an_error_not_silence(name, data, reason):
    (error,) = read_bytes(data, name)
    assert isinstance(error, InputError) and error.name == name
    assert reason in error.reason


# --------------------------------------------------------------------------- many bad records, one summary (issue 11)


def _bad_jsonl(n: int) -> bytes:
    return '{"text": "Хорошая запись о мосте."}\n'.encode("utf-8") + b"".join(b"not json %d\n" % i for i in range(n))


def _bad_json_array(n: int) -> bytes:
    return ('[{"text": "Хорошая запись о мосте."}' + ", 17" * n + "]").encode("utf-8")


def _bad_feed(n: int) -> bytes:
    items = "<item><title>Мост открыт</title><description>Текст о мосте.</description></item>" + "<item><link>https://a.example/</link></item>" * n
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Вестник</title>{items}</channel></rss>'.encode("utf-8")


def _bad_warc(n: int) -> bytes:
    good = ("https://a.example/1", f"<html><body><p>{RU_TEXT}</p></body></html>".encode("utf-8"), "text/html")
    return warc_bytes([good] + [(f"https://a.example/e{i}", b"  ", "text/html") for i in range(n)])


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "name, make, n, reason",
    [
        ("big.jsonl", _bad_jsonl, 20_000, "19,995 more bad records (lines 7-20001), first: malformed JSON line: Expecting value at column 1"),
        ("big.json", _bad_json_array, 300, "295 more bad records (records 7-301), first: expected a JSON object, got int"),
        ("big.rss", _bad_feed, 40, "35 more bad records (items 7-41), first: feed item has neither title nor text"),
        ("big.warc", _bad_warc, 30, "25 more bad records (records 7-31), first: empty response body"),
    ],
)
def test_readers_many_bad_records_are_summarised_per_file(name, make, n, reason):
    docs, errors = docs_and_errors(read_bytes(make(n), name))
    assert len(docs) == 1
    *each, summary = errors
    assert [e.name for e in each] == [f"{name}:{i}" for i in range(2, 7)]
    assert summary.name == name and summary.reason == reason
    assert sum(e.count for e in errors) == n  # read = stored + rejected still holds


def _warc_with_bad_length() -> bytes:
    data = warc_bytes([("https://a.example/1", f"<html><body><p>{RU_TEXT}</p></body></html>".encode("utf-8"), "text/html")])
    length = int(data.split(b"Content-Length: ", 1)[1].split(b"\r\n", 1)[0])
    return data.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 10), 1) + data


def _warc_with_gzip_body(body: bytes) -> bytes:
    """A WARC of one response record whose HTTP body says it is gzip-encoded."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://a.example/z", "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def _broken_gzip_page() -> bytes:
    """A gzip-encoded page of ~240 KB of made-up words with 64 bytes overwritten in the middle."""
    import random

    rnd = random.Random(11)
    words = (("".join(rnd.choice("абвгдежзиклмнопрстуфхцчшщэюя") for _ in range(rnd.randint(2, 9)))) for _ in range(20_000))
    packed = gzip.compress(("<html><body><p>" + " ".join(words) + "</p></body></html>").encode("utf-8"))
    return packed[:30_000] + b"\xff" * 64 + packed[30_064:]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "make, docs_expected, reason",
    [
        (_warc_with_bad_length, 2, None),
        (lambda: warc_bytes([("https://a.example/a b", f"<html><body><p>{RU_TEXT}</p></body></html>".encode("utf-8"), "text/html")]), 1, None),
        (lambda: _warc_with_gzip_body(_broken_gzip_page()), 0, "gzip-encoded body does not decompress (Error -3"),
        (lambda: _warc_with_gzip_body(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 200), 0, "gzip-encoded body does not decompress"),
    ],
    ids=["wrong-content-length", "space-in-uri", "gzip-body-broken-midway", "gzip-body-broken-at-once"],
)
def test_readers_warc_problems_are_reasons_not_stderr(capfd, monkeypatch, make, docs_expected, reason):
    import logging

    monkeypatch.setattr(logging.root, "handlers", [])  # as outside pytest: no handler but the last-resort one
    docs, errors = docs_and_errors(read_bytes(make(), "crawl.warc"))
    assert len(docs) == docs_expected
    if reason:
        (error,) = errors
        assert error.name == "crawl.warc:1" and reason in error.reason
    else:
        assert not errors
    out, err = capfd.readouterr()
    assert err == "" and out == ""


# --------------------------------------------------------------------------- hostile XML and bombs (issue 11)


def _feed(prolog: str, description: str, title: str = "Заголовок") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{prolog}\n<rss version="2.0"><channel><title>Вестник</title>'
        f"<item><title>{title}</title><description>{description}</description></item></channel></rss>"
    ).encode("utf-8")


# One 50,000-character entity used 150,000 times: 500 KB that expand to 7.5 GB.
QUADRATIC_FEED = _feed('<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 50_000 + '">\n]>', "&a;" * 150_000)
# Nested entities, ten to a level: 10^9 copies of a 2-letter word.
LAUGHS_FEED = _feed(
    '<!DOCTYPE rss [\n<!ENTITY l0 "ха">\n'
    + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">\n' for i in range(1, 10))
    + "]>",
    "&l9;",
    title="Заголовок &l9;",
)
EXTERNAL_FEED = _feed('<!DOCTYPE rss [\n<!ENTITY e SYSTEM "file:///etc/passwd">\n]>', "Текст &e;", title="Заголовок &e;")
EXTERNAL_DTD_FEED = _feed('<!DOCTYPE rss SYSTEM "file:///etc/passwd">', "Текст о мосте.")


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_feed('<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 50_000 + '">\n]>', "&a;" * 2_000), id="quadratic-small"),
        pytest.param(LAUGHS_FEED, id="billion-laughs"),
        pytest.param(EXTERNAL_FEED, id="external-entity"),
        pytest.param(EXTERNAL_DTD_FEED, id="external-dtd"),
        pytest.param(_feed('<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>', "Текст о мосте."), id="parameter-entity"),
    ],
)
def test_readers_feed_entities_are_never_expanded_nor_loaded(data):
    items = list(read_bytes(data, "feed.rss"))
    assert items and all(isinstance(i, (Document, InputError)) for i in items)
    for doc in (i for i in items if isinstance(i, Document)):
        assert len(doc.text or "") + len(doc.meta.get("title", "")) < len(data)
        assert "root:" not in (doc.text or "") + doc.meta.get("title", "")
        assert "ха" * 100 not in (doc.text or "") + doc.meta.get("title", "")


def _read_in_limited_child(path, address_space: int, body: str):
    """Run ``body`` (with ``sys`` and ``read_paths`` imported, ``sys.argv[1]`` = ``path``) in a
    child process whose address space is capped, so a reader that blows up fails there, not here."""
    import subprocess
    import sys

    code = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))\n"
        "from svodka.ingest.readers import read_paths\n" + body
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.mark.issue(11)
def test_readers_quadratic_entity_feed_stays_small_in_a_memory_limited_process(tmp_path):
    """The probe's 500 KB feed, read in a child limited to 1 GB of address space (it took > 4 GB)."""
    path = tmp_path / "quadratic.rss"
    path.write_bytes(QUADRATIC_FEED)
    done = _read_in_limited_child(
        path,
        1_000_000_000,
        "(item,) = read_paths([sys.argv[1]])\n"
        "print(type(item).__name__, len(getattr(item, 'text', None) or ''), item.meta.get('title') if hasattr(item, 'meta') else item)\n",
    )
    kind, length, title = done.stdout.split(maxsplit=2)
    # the item is read (before: "cannot read: MemoryError"), its text no bigger than the feed's few bytes per "&a;"
    assert (kind, title.strip()) == ("Document", "Заголовок")
    assert int(length) < 4 * len(QUADRATIC_FEED)


@pytest.mark.issue(11)
def test_readers_feed_doctype_skipped_whole_and_legit_doctype_still_read():
    tricky = '<!DOCTYPE rss [\n<!-- a ] and a > in a comment -->\n<!ENTITY q "a > b ] c">\n<?pi ] > ?>\n]>'
    (doc,) = read_bytes(_feed(tricky, "Текст о мосте &q;."), "feed.rss")
    assert doc.meta["title"] == "Заголовок" and "a > b" not in doc.text
    netscape = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    (doc,) = read_bytes(_feed(netscape, "Текст о мосте."), "feed.rss")
    assert doc.text == "Текст о мосте."


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "data, reason",
    [
        (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "never closed\n<rss version="2.0"></rss>', "unterminated DOCTYPE"),
        (b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "x">\n<rss version="2.0"></rss>', "unterminated DOCTYPE"),
        (b'<?xml version="1.0"?>\njunk\n<!ENTITY a "x">\n<rss version="2.0"><channel><item><title>&a;</title></item></channel></rss>', "text before the root element"),
    ],
)
def test_readers_feed_with_broken_prolog_is_refused(data, reason):
    (error,) = read_bytes(data, "feed.rss")
    assert isinstance(error, InputError) and error.name == "feed.rss" and reason in error.reason


@pytest.mark.issue(11)
def test_readers_feed_item_with_a_megabyte_token_does_not_stall():
    import time

    start = time.monotonic()
    (doc,) = read_bytes(_feed("", "я" * 1_000_000), "feed.rss")
    assert len(doc.text) == 1_000_000
    assert time.monotonic() - start < 30  # a safety bound: it takes ~0.2 s


def _gzip_of_zeros(size: int) -> bytes:
    """A gzip stream of ``size`` zero bytes, compressed chunk by chunk (never held whole)."""
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b"0" * 1_000_000
    return b"".join(packer.compress(chunk) for _ in range(size // len(chunk))) + packer.flush()


@pytest.mark.issue(11)
def test_readers_gzip_bomb_stops_at_the_expansion_limit():
    bomb = _gzip_of_zeros(60_000_000)
    assert len(bomb) < 100_000
    (error,) = read_bytes(bomb, "bomb.jsonl.gz", max_bytes=1_000_000)
    assert "gzip expands to over 20 MB" in error.reason


@pytest.mark.issue(11)
@pytest.mark.parametrize("name, body", [("feed.rss.gz", _feed("", "Текст о мосте. " * 150_000)), ("page.html.gz", b"<html><body><p>" + "Текст о мосте. ".encode() * 150_000 + b"</p></body></html>")])
def test_readers_one_document_decompressed_past_max_bytes_is_refused(name, body):
    packed = gzip.compress(body)
    assert len(packed) < 1_000_000 < len(body)
    (error,) = read_bytes(packed, name, max_bytes=1_000_000)
    assert isinstance(error, InputError) and "decompresses to 3.9 MB, over the 1 MB limit" in error.reason
    docs, _ = docs_and_errors(read_bytes(packed, name, max_bytes=5_000_000))
    assert docs


# --------------------------------------------------------------------------- every document and record capped (issue 11)

# A text of 2.15 million characters that starts with "{" but is no JSON: ~14 KB gzipped.
BRACE_TEXT = "{" + "Администрация Заречинска объявила конкурс. " * 50_000


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "name, body",
    [
        ("dump.txt.gz", BRACE_TEXT.encode("utf-8")),
        ("dump.gz", BRACE_TEXT.encode("cp1251")),
        ("page.html.gz", ("{<p>" + BRACE_TEXT + "</p>").encode("utf-8")),
        ("data.json.gz", ('{"text": "' + BRACE_TEXT[1:] + '"\n}').encode("utf-8")),
    ],
)
def test_readers_gzip_starting_with_a_brace_is_held_to_max_bytes(name, body):
    """A leading "{" no longer lets a text or page unpacked past max_bytes through (a 64 KB dump.txt.gz became 18M characters)."""
    packed = gzip.compress(body)
    assert len(packed) < 100_000 and len(body) > 2_000_000
    (error,) = read_bytes(packed, name, max_bytes=1_000_000)
    assert isinstance(error, InputError) and error.name == name
    assert "over the 1 MB limit" in error.reason and error.reason.startswith("decompresses to")


@pytest.mark.issue(11)
@pytest.mark.parametrize("name", ["feed.jsonl.gz", "feed.gz"])
def test_readers_jsonl_record_over_max_bytes_is_refused_by_line(name):
    """One record of a gzipped JSON Lines file is capped at max_bytes (a 107 KB line became a 30 MB text)."""
    import json

    good = json.dumps({"text": RU_TEXT, "title": "Заголовок"}, ensure_ascii=False)
    huge = json.dumps({"text": BRACE_TEXT[1:]}, ensure_ascii=False)
    packed = gzip.compress("\n".join([good, huge, good]).encode("utf-8"))
    docs, errors = docs_and_errors(read_bytes(packed, name, max_bytes=1_000_000))
    assert [d.path for d in docs] == [f"{name}:1", f"{name}:3"]
    (error,) = errors
    assert error.name == f"{name}:2"
    assert error.reason == "record is at least 2.2 MB, over the 1 MB limit; raise it with --max-bytes"
    # the same file under a limit it fits: every record read
    docs, errors = docs_and_errors(read_bytes(packed, name, max_bytes=5_000_000))
    assert len(docs) == 3 and not errors


def _gzip_of_lines(line: str, count: int, encoding: str) -> bytes:
    """A gzip stream of ``count`` copies of ``line`` in ``encoding``, compressed in chunks (never held whole)."""
    import zlib

    packer = zlib.compressobj(1, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = ((line + "\n") * 1000).encode(encoding)
    return b"".join(packer.compress(chunk) for _ in range(count // 1000)) + packer.flush()


@pytest.mark.issue(11)
def test_readers_gzipped_cp1251_jsonl_of_90_mb_reads_in_a_memory_limited_process(tmp_path):
    """Under 1 MB gzipped, 90 MB of cp1251 JSON Lines unpacked: read in a child limited to 700 MB of
    address space (it peaked at 819 MB: every code page tried was kept as a whole decoding)."""
    import json
    line = json.dumps({"text": RU_TEXT * 10, "title": "Заголовок"}, ensure_ascii=False)
    path = tmp_path / "feed.gz"  # no .jsonl: sniffed from its first line
    path.write_bytes(_gzip_of_lines(line, 30_000, "cp1251"))
    assert path.stat().st_size < 1_000_000
    done = _read_in_limited_child(
        path,
        700_000_000,
        "kinds = {}\n"
        "for item in read_paths([sys.argv[1]]):\n"
        "    kinds[type(item).__name__] = kinds.get(type(item).__name__, 0) + 1\n"
        "    if type(item).__name__ != 'Document':\n"
        "        print(item)\n"
        "print(kinds)\n",
    )
    assert done.stdout.strip().splitlines()[-1] == "{'Document': 30000}", done.stdout[-500:]


@pytest.mark.issue(11)
def test_readers_jsonl_splits_on_newlines_only_keeping_line_numbers():
    """Raw U+2028/U+2029/U+0085 inside a string (as json.dumps(ensure_ascii=False) writes them) stay in the record."""
    import json

    first = json.dumps({"text": "Мост открыли\u2028в субботу.", "title": "Мост"}, ensure_ascii=False)
    second = json.dumps({"text": "Глава города\u2029сообщил\x85об этом."}, ensure_ascii=False)
    broken = '{"text": "a\x1cb"}'  # a raw control character: bad JSON, and still line 3
    data = "\r\n".join([first, second, broken, "", json.dumps({"text": "Четвёртая."})]).encode("utf-8")
    docs, errors = docs_and_errors(read_bytes(data, "r.jsonl"))
    assert [(d.path, d.text) for d in docs] == [
        ("r.jsonl:1", "Мост открыли\u2028в субботу."),
        ("r.jsonl:2", "Глава города\u2029сообщил\x85об этом."),
        ("r.jsonl:5", "Четвёртая."),
    ]
    (error,) = errors
    assert error.name == "r.jsonl:3" and error.reason.startswith("malformed JSON line")


@pytest.mark.issue(11)
@pytest.mark.parametrize("charset", ["hex", "base64", "rot13", "zlib", "bz2", "uu", "quopri", "undefined"])
def test_readers_declared_charset_that_is_no_text_encoding_is_ignored(charset):
    """``<meta charset="hex">`` lost the page ("cannot read: LookupError"); the API answered 500."""
    assert decode(RU_TEXT.encode("utf-8"), charset) == (RU_TEXT, "utf-8")
    assert decode(RU_TEXT.encode("cp1251"), charset) == (RU_TEXT, "cp1251")
    page = f"<html><head><meta charset='{charset}'></head><body><p>{RU_TEXT}</p></body></html>"
    for encoding in ("utf-8", "cp1251"):
        (doc,) = read_bytes(page.encode(encoding), "page.html")
        assert isinstance(doc, Document) and doc.encoding == encoding and RU_TEXT in doc.text
    feed = f'<?xml version="1.0" encoding="{charset}"?><rss version="2.0"><channel><item><title>Мост</title><description>{RU_TEXT}</description></item></channel></rss>'
    (doc,) = read_bytes(feed.encode("cp1251"), "feed.rss")
    assert isinstance(doc, Document) and doc.text == RU_TEXT
