"""Hostile inputs for the fuzz tests and ``make fuzz``: each generator turns a seeded random
source into one input file (name, bytes) of one shape an attacker or a broken crawler makes.

Plain functions over ``random.Random`` so that the hypothesis test (which draws the seed and
the shape) and ``scripts/fuzz.py`` (which runs for minutes, with bigger inputs) share them.
``scale`` multiplies the sizes: 1 in ``make test``, more in ``make fuzz``. Every text here was
written by the team.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable

__all__ = ["GOOD_TEXT", "SHAPES", "make"]

# A short article of our own: what must survive in the same batch as the hostile inputs.
GOOD_TEXT = (
    "Степной курьер\n"
    "Главная / Новости / Экономика\n\n"
    "В Павлодаре открыли новый элеватор на сто тысяч тонн зерна\n\n"
    "12 мая 2024, 10:15 | Просмотров: 1532\n\n"
    "Аким Павлодарской области Асаин Байханов открыл в пятницу новый элеватор в пригороде "
    "Павлодара. «Элеватор примет урожай уже этой осенью и снимет нагрузку с железной дороги», — "
    "заявил Байханов на церемонии открытия.\n\n"
    "Строительство обошлось в 4,2 млрд тенге и заняло два года, сообщили в пресс-службе "
    "акимата области. По словам директора предприятия Ерлана Сейтказина, на элеваторе будут "
    "работать 140 человек.\n\n"
    "Подписывайтесь на наш канал в Telegram\n"
)

# Pieces hostile texts are made of: Russian words, punctuation runs, odd characters.
WORDS = "в на и что заявил министр Казахстан Москва сообщили по словам года области".split()
ODD = ["\u00a0", "\u200b", "\ufeff", "\u2028", "\x00", "\x1b", "\ud800", "—", "–", "-", "«", "»", "„", "“", "\"", "'", "…", "\t", "\r"]


def _text(r: random.Random, n: int) -> str:
    """n pieces of words, odd characters and punctuation."""
    out = []
    for _ in range(n):
        pick = r.random()
        if pick < 0.7:
            out.append(r.choice(WORDS))
        elif pick < 0.85:
            out.append(r.choice(ODD) * r.randint(1, 5))
        else:
            out.append(r.choice(".!?,:;") + ("\n" if r.random() < 0.3 else ""))
    return " ".join(out)


def _bytes_text(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def random_bytes(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Noise, sometimes behind a misleading magic."""
    head = r.choice([b"", b"WARC/1.0\r\n", b"<rss>", b"{", b"<html>", b"\x1f\x8b", b"\xef\xbb\xbf", b"%PDF-1.4"])
    return "noise.bin", head + r.randbytes(r.randint(0, 4000 * scale))


def mutated_good(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """The good article with bytes dropped, flipped, appended or cut mid-character."""
    data = bytearray(GOOD_TEXT.encode(r.choice(["utf-8", "utf-8", "cp1251", "koi8-r"]), "replace"))
    for _ in range(r.randint(1, 3)):
        op = r.randrange(5)
        at = r.randrange(len(data)) if data else 0
        if op == 0 and data:
            del data[at]
        elif op == 1:
            data.append(0xFF)
        elif op == 2:
            data = data[: max(1, len(data) - r.randint(1, 3))]
        elif op == 3 and data:
            data[at] = r.randrange(256)
        else:
            data[at:at] = b"\x00"
    return "mutated.txt", bytes(data)


def html(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Broken, deep or lying HTML with script, styles and charset claims."""
    depth = r.randint(1, 300 * scale)
    tag = r.choice(["div", "p", "span", "table", "article", "li"])
    body = (f"<{tag}>" * depth) + _text(r, r.randint(0, 200 * scale)) + (f"</{tag}>" * r.randint(0, depth))
    head = r.choice([
        '<meta charset="utf-8">', '<meta charset="koi8-r">', '<meta charset="no-such">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "",
    ])
    extra = r.choice([
        "<script>document.title='x'</script>", "<style>p{}</style>" * 50, '<img src=x onerror=alert(1)>',
        "<![CDATA[" + "x" * 100 + "]]>", "&amp;" * 1000, "<!--" + "-" * 500, '<a href="' + "h" * 5000 * scale + '">',
        "",
    ])
    title = _text(r, r.randint(0, 12))
    page = f"<!doctype html><html><head>{head}<title>{title}</title></head><body>{extra}{body}</body></html>"
    return "page.html", _bytes_text(page)


def feed(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """RSS or Atom with odd items, dates, entity declarations and long tokens."""
    items = []
    for i in range(r.randint(0, 20 * scale)):
        desc = r.choice([_text(r, r.randint(0, 60)), "x" * r.randint(1, 20000 * scale), "&e;", "<![CDATA[" + _text(r, 20) + "]]>"])
        date = r.choice(["Mon, 13 May 2024 10:00:00 +0300", "2024-99-99", "вчера", "", "Tue, 31 Feb 2023 25:61:00 GMT"])
        items.append(f"<item><title>{_text(r, 5)}</title><link>https://example.test/{i}</link><pubDate>{date}</pubDate><description>{desc}</description></item>")
    doctype = r.choice([
        "", '<!DOCTYPE rss [<!ENTITY e "' + "ха" * r.randint(1, 2000) + '">]>',
        '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY e "&b;&b;&b;&b;">]>',
        '<!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    ])
    if r.random() < 0.5:
        doc = f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel><title>Лента</title>{"".join(items)}</channel></rss>'
    else:
        entries = "".join(i.replace("<item>", "<entry>").replace("</item>", "</entry>").replace("description", "summary") for i in items)
        doc = f'<?xml version="1.0" encoding="utf-8"?>{doctype}<feed xmlns="http://www.w3.org/2005/Atom"><title>Лента</title>{entries}</feed>'
    if r.random() < 0.2:
        doc = doc[: r.randrange(len(doc))]  # cut off
    return r.choice(["feed.rss", "feed.xml", "feed.atom"]), _bytes_text(doc)


def _json_value(r: random.Random, depth: int) -> object:
    """A random JSON value, nested up to ``depth``."""
    pick = r.randrange(7 if depth > 0 else 4)
    if pick == 0:
        return _text(r, r.randint(0, 30))
    if pick == 1:
        return r.choice([0, -1, 2**70, 1.5e308, None, True])
    if pick == 2:
        return r.choice(["", "2024-05-12", "9999-99-99", '"><script>x</script>', "\u00a0"])
    if pick == 3:
        return "x" * r.randint(0, 3000)
    if pick == 4:
        return [_json_value(r, depth - 1) for _ in range(r.randint(0, 4))]
    fields = ["text", "html", "url", "title", "published", "source", "other"]
    return {r.choice(fields): _json_value(r, depth - 1) for _ in range(r.randint(0, 5))}


def jsonl(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """JSON Lines with good, bad, empty, BOM-only and deeply nested records."""
    lines = []
    for _ in range(r.randint(0, 30 * scale)):
        pick = r.random()
        if pick < 0.3:
            lines.append(json.dumps({"text": GOOD_TEXT.replace("Павлодар", r.choice(WORDS)), "title": _text(r, 6)}, ensure_ascii=r.random() < 0.5))
        elif pick < 0.6:
            lines.append(json.dumps(_json_value(r, 4), ensure_ascii=False))
        elif pick < 0.7:
            lines.append("[" * r.randint(1, 5000 * scale))
        elif pick < 0.8:
            lines.append(r.choice(["", " ", "\u00a0", "\ufeff", "\t"]))
        else:
            lines.append(_text(r, 10))
    data = "\n".join(lines)
    prefix = r.choice(["", "\ufeff"])
    return "records.jsonl", _bytes_text(prefix + data)


def warc(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """WARC files with odd records, payloads and truncation."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=r.random() < 0.5)
    for i in range(r.randint(0, 5)):
        _, payload = r.choice([html, mutated_good, random_bytes])(r, scale)
        ctype = r.choice(["text/html; charset=utf-8", "text/plain", "application/octet-stream", "text/html; charset=bogus"])
        headers = StatusAndHeaders(r.choice(["200 OK", "404 Not Found", "301 Moved"]), [("Content-Type", ctype)], protocol="HTTP/1.1")
        if r.random() < 0.8:
            record = writer.create_warc_record(f"https://example.test/{i}", r.choice(["response", "request"]),
                                               payload=io.BytesIO(payload), http_headers=headers)
        else:
            record = writer.create_warc_record(f"https://example.test/{i}", "resource", payload=io.BytesIO(payload),
                                               warc_content_type=ctype)
        writer.write_record(record)
    data = buf.getvalue()
    if data and r.random() < 0.3:
        data = data[: r.randrange(len(data))]
    return r.choice(["crawl.warc", "crawl.warc.gz"]), data


def long_runs(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Texts with runs that are expensive to tokenise: dashes, one long token, many tiny sentences."""
    n = r.randint(1000, 20000) * scale
    middle = r.choice([
        "-" * n, "—" * n, "x" * n, ". " * n, "А. " * (n // 3), "«" * n, ("слово " * n), "\n" * n,
        " ".join("Б" + str(i) + "." for i in range(n // 4)),
    ])
    return "runs.txt", _bytes_text(GOOD_TEXT + "\n\n" + middle + "\n\n" + GOOD_TEXT.split("\n\n", 3)[-1])


def gzipped(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Any other shape, gzipped (sometimes cut short)."""
    name, data = r.choice([html, feed, jsonl, mutated_good, long_runs])(r, scale)
    packed = gzip.compress(data)
    if r.random() < 0.2:
        packed = packed[: r.randrange(len(packed))]
    return name + ".gz", packed


# Every shape, by name.
SHAPES: dict[str, Callable[[random.Random, int], tuple[str, bytes]]] = {
    f.__name__: f for f in (random_bytes, mutated_good, html, feed, jsonl, warc, long_runs, gzipped)
}


def make(shape: str, seed: int, scale: int = 1) -> tuple[str, bytes]:
    """One hostile input of ``shape`` from ``seed``."""
    return SHAPES[shape](random.Random(seed), scale)
