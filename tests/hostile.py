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

__all__ = ["GOOD_TEXT", "SHAPES", "DAMAGES", "make", "damaged"]

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


def _count(r: random.Random, most: int) -> int:
    """How many items a container gets: none or one as often as any other number, since the
    empty and the single-item cases are where readers lose inputs."""
    return r.choice([0, 1, r.randint(0, most)])


def _bytes_text(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def random_bytes(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Noise, sometimes behind a misleading magic."""
    head = r.choice([b"", b"WARC/1.0\r\n", b"<rss>", b"{", b"<html>", b"\x1f\x8b", b"\xef\xbb\xbf", b"%PDF-1.4"])
    return "noise.bin", head + r.randbytes(r.randint(0, 4000 * scale))


# Ways to damage an input's bytes after it is made (``damaged``).
DAMAGES = ("none", "cut", "drop", "flip", "nul", "bom", "ff", "utf16", "gzip", "gzip-cut")


def damaged(data: bytes, how: str, where: int) -> bytes:
    """The bytes damaged one way (one of ``DAMAGES``), ``where`` choosing the spot."""
    spot = where % (len(data) + 1)
    if how == "cut":
        return data[:spot]
    if how == "drop" and data:
        i = spot % len(data)
        return data[:i] + data[i + 1 :]
    if how == "flip" and data:
        i = spot % len(data)
        return data[:i] + bytes([data[i] ^ 0xA5]) + data[i + 1 :]
    if how == "nul":
        return data[:spot] + b"\x00" + data[spot:]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    if how == "ff":
        return data + b"\xff"
    if how == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16")
    if how == "gzip":
        return gzip.compress(data)
    if how == "gzip-cut":
        packed = gzip.compress(data)
        return packed[: max(2, spot % len(packed))]
    return data


def mutated_good(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """The good article with bytes dropped, flipped, appended or cut mid-character."""
    data = GOOD_TEXT.encode(r.choice(["utf-8", "utf-8", "cp1251", "koi8-r"]), "replace")
    for _ in range(r.randint(1, 3)):
        data = damaged(data, r.choice(["cut", "drop", "flip", "nul", "ff"]), r.randrange(2**32))
    return "mutated.txt", data


def html(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """Broken, deep or lying HTML with script, styles and charset claims."""
    depth = r.randint(1, 300 * scale)
    tag = r.choice(["div", "p", "span", "table", "article", "li"])
    body = (f"<{tag}>" * depth) + _text(r, r.randint(0, 200 * scale)) + (f"</{tag}>" * r.randint(0, depth))
    head = r.choice([
        '<meta charset="utf-8">', '<meta charset="koi8-r">', '<meta charset="no-such">', '<meta charset="hex">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "",
    ])
    prolog = r.choice(["<!doctype html>", '<!DOCTYPE html [<!ENTITY a "xxxx">]>', "<?xml version='1.0'?>", ""])
    extra = r.choice([
        "<script>document.title='x'</script>", "<style>p{}</style>" * 50, '<img src=x onerror=alert(1)>',
        "<![CDATA[" + "x" * 100 + "]]>", "&amp;" * 1000, "<!--" + "-" * 500, '<a href="' + "h" * 5000 * scale + '">',
        "&#xD800;&#0;&a;", "",
    ])
    title = _text(r, r.randint(0, 12))
    page = f"{prolog}<html><head>{head}<title>{title}</title></head><body>{extra}{body}</body></html>"
    return "page.html", page.encode(r.choice(["utf-8", "cp1251"]), "replace")


def feed(r: random.Random, scale: int = 1) -> tuple[str, bytes]:
    """RSS or Atom with odd items, dates, entity declarations and long tokens."""
    items = []
    for i in range(_count(r, 20 * scale)):
        desc = r.choice([_text(r, r.randint(0, 60)), "x" * r.randint(1, 20000 * scale), "&e;", "<![CDATA[" + _text(r, 20) + "]]>"])
        date = r.choice(["Mon, 13 May 2024 10:00:00 +0300", "2024-99-99", "вчера", "", "Tue, 31 Feb 2023 25:61:00 GMT"])
        link = r.choice([f"https://example.test/{i}", "javascript:x", "&e;", ""])
        items.append(f"<item><title>{_text(r, 5)}</title><link>{link}</link><pubDate>{date}</pubDate><description>{desc}</description></item>")
    doctype = r.choice([
        "", '<!DOCTYPE rss [<!ENTITY e "' + "ха" * r.randint(1, 2000) + '">]>',
        '<!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;"><!ENTITY e "&b;&b;&b;&b;">]>',
        '<!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>', "<!DOCTYPE rss [", "<!-- c -->",
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
    for _ in range(_count(r, 30 * scale)):
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
    for i in range(_count(r, 5)):
        _, payload = r.choice([html, mutated_good, random_bytes])(r, scale)
        ctype = r.choice(["text/html; charset=utf-8", "text/plain", "application/octet-stream", "text/html; charset=bogus", "image/png", ""])
        fields = [("Content-Type", ctype)]
        if r.random() < 0.2:  # a body gzip-encoded in the HTTP response
            payload = gzip.compress(payload)
            fields.append(("Content-Encoding", "gzip"))
        uri = r.choice([f"https://example.test/{i}", f"https://example.test/{i} x"])
        if r.random() < 0.8:
            headers = StatusAndHeaders(r.choice(["200 OK", "404 Not Found", "301 Moved"]), fields, protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, r.choice(["response", "request"]), payload=io.BytesIO(payload), http_headers=headers)
        else:
            record = writer.create_warc_record(uri, r.choice(["resource", "metadata"]), payload=io.BytesIO(payload), warc_content_type=ctype or "text/html")
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
    return name + ".gz", damaged(data, "gzip-cut" if r.random() < 0.2 else "gzip", r.randrange(2**32))


# Every shape, by name.
SHAPES: dict[str, Callable[[random.Random, int], tuple[str, bytes]]] = {
    f.__name__: f for f in (random_bytes, mutated_good, html, feed, jsonl, warc, long_runs, gzipped)
}


def make(shape: str, seed: int, scale: int = 1) -> tuple[str, bytes]:
    """One hostile input of ``shape`` from ``seed``."""
    return SHAPES[shape](random.Random(seed), scale)
