"""Helpers of the readers: limits, byte sniffing, text plausibility, HTML fragments to paragraphs."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

__all__ = [
    "BINARY_MAGIC",
    "plausible_share",
    "cyrillic_quality",
    "control_share",
    "fragment_paragraphs",
    "human_size",
    "limit_text",
    "too_big_reason",
    "parse_allow_list",
    "DEFAULT_MAX_BYTES",
    "SNIFF_BYTES",
    "first_line",
]

# Leading bytes of common binary formats a user may pass by mistake (images, PDF, archives,
# office files, executables). A gzip stream (1f 8b) is not here: readers open it.
BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"PK\x03\x04",  # zip, docx, xlsx, epub
    b"\x7fELF",
    b"MZ",  # Windows executables
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"RIFF",
    b"\x00\x00\x01\x00",  # .ico
    b"SQLite format 3",
)

# Largest input read by default (5 MB): a news page is rarely over 1 MB; a bigger file is
# usually a mistake (a video, a database dump). ``--max-bytes`` raises it.
DEFAULT_MAX_BYTES = 5_000_000

# Bytes looked at when sniffing the format (the start of the input).
SNIFF_BYTES = 4096

# Characters a decoded Russian or English text is made of: ASCII, Latin-1 punctuation, the
# Russian, Ukrainian and Belarusian letters, general punctuation (dashes, quotes, ellipsis),
# "№" and "₽". Random bytes read in a one-byte code page give mostly other symbols (box
# drawing, Serbian/Macedonian letters, "€"), which is how undecodable input and a wrong code
# page (cp1251 read as mac-cyrillic turns "я" into "€") are told.
# Characters outside that set (and not whitespace), counted by ``plausible_share``.
_IMPLAUSIBLE = re.compile(r"[^\u0020-\u007e\u00a0-\u00bf\u0410-\u044fЁёІіЇїЄєҐґЎў\u2010-\u2030\u2116\u20bd\s]")

# Lowercase Russian letters: in a right decoding of Russian text most letters are these.
# A cp1251 text read as koi8-r (or the other way) gives mostly uppercase letters instead, and
# UTF-8 read as cp1251 gives "Р"/"С" followed by symbols.
_GOOD_LETTER = re.compile(r"[A-Za-zа-яё]")
_LETTER = re.compile(r"[^\W\d_]")
# Whitespace characters.
_SPACE = re.compile(r"\s")

# C0 control characters other than tab, newlines and form feed: text files do not have them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# A host name in the fetch allow-list: letters, digits, hyphens and dots (IDN hosts in their
# xn-- form), optionally starting with a dot for "this name and every name under it".
_HOST_NAME = re.compile(r"\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?")

# Block-level HTML tags that start a new paragraph when a feed item's HTML is flattened.
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr td th section article header footer figure "
    "figcaption dd dt dl hr".split()
)

# Elements whose text is never shown to a reader.
_INVISIBLE_TAGS = frozenset("script style noscript template svg iframe object embed head".split())

# Elements whose text is shown but is not the item's text: a picture's caption and credit.
_CAPTION_TAGS = frozenset(("figcaption",))


def plausible_share(text: str) -> float:
    """Share of non-space characters that belong in a Latin/Cyrillic text (1.0 for an empty text)."""
    # Counted with two regex scans, not a Python loop per character: 5x faster on a page.
    total = len(text) - len(_SPACE.findall(text))
    if not total:
        return 1.0
    return 1.0 - len(_IMPLAUSIBLE.findall(text)) / total


def cyrillic_quality(text: str) -> float:
    """How much a decoding looks like real text: share of letters that are ASCII or lowercase Russian.

    Uppercase Cyrillic and exotic letters count against: they are what a wrong one-byte
    code page produces. A text without letters scores 1.0 (nothing to judge).
    """
    letters = len(_LETTER.findall(text))
    if not letters:
        return 1.0
    return len(_GOOD_LETTER.findall(text)) / letters


def control_share(text: str) -> float:
    """Share of characters that are control characters (binary data read as text)."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def human_size(n: int) -> str:
    """A byte count as megabytes for messages: 7_200_000 -> '7.2 MB'."""
    mb = n / 1_000_000
    return f"{mb:.1f} MB" if mb >= 0.1 else f"{n} bytes"


def limit_text(n: int) -> str:
    """A limit without useless decimals: 5_000_000 -> '5 MB', 10 -> '10-byte'."""
    return f"{n / 1_000_000:g} MB" if n >= 100_000 else f"{n}-byte"


def too_big_reason(size: int, limit: int) -> str:
    """The one-line reason for a file over the size limit."""
    return f"file is {human_size(size)}, over the {limit_text(limit)} limit; raise it with --max-bytes"


def parse_allow_list(entries: str | Iterable[str]) -> tuple[frozenset[str], tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]]:
    """Hosts and networks of the ``fetch_allow_private`` setting: ``"intranet.example, .corp.example, 10.0.0.0/8"``.

    Entries are separated by commas or spaces; a network (or a single address) is written in
    CIDR form, a host name as it is (a leading dot: the name and every name under it).

    Raises:
        ValueError: for an entry that is neither a network nor a host name.
    """
    if isinstance(entries, str):
        entries = entries.replace(",", " ").split()
    hosts: set[str] = set()
    networks = []
    for entry in entries:
        entry = entry.strip().strip("[]").lower()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
            continue
        except ValueError:
            pass
        if not _HOST_NAME.fullmatch(entry):
            raise ValueError(f"{entry!r} is neither a host name nor a network such as 10.0.0.0/8")
        hosts.add(entry.rstrip("."))
    return frozenset(hosts), tuple(networks)


def fragment_paragraphs(html: str) -> list[str]:
    """Flatten an HTML fragment (a feed item's description) into paragraphs of plain text.

    Block elements and ``<br>`` end a paragraph; inline elements stay inside it; whitespace
    is collapsed; picture captions (``<figcaption>``) are left out. Plain text without tags is
    split on blank lines.
    """
    if not html or not html.strip():
        return []
    if "<" not in html:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", html) if p.strip()]
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return [" ".join(html.split())] if html.strip() else []
    parts: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            parts.append(line)
        current.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _INVISIBLE_TAGS or tag in _CAPTION_TAGS or not isinstance(el.tag, str):
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return parts


def display_name(path: str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 as ``\\xff``.

    ``os.scandir`` gives such bytes as lone surrogates, which the databases refuse
    (``UnicodeEncodeError``: a file named ``bad\\xff.txt`` aborted a whole ingest, issue 11).
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (reasons are one line)."""
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__
