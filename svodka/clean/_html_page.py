"""The page as lines: HTML parsed, invisible elements dropped, the visible text flattened.

``clean.html`` reads a page through these lines, the way a crawler dump reads (every block
element and ``<br>`` starts a line), and compares texts with the helpers here (normalised
words, "the same headline").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import lxml.html
from lxml import etree

# Elements whose content is never visible text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "head",
    "select", "option", "button", "textarea", "input", "label", "map", "canvas", "video", "audio",
)

# Elements that start a new line when the page is flattened (as in the crawler dumps).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul caption summary menu".split()
)

# Tags of headings: a heading line is never a body paragraph (subheadings are optional in gold).
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())

# Elements holding a picture and its caption: their text is not the body (unless long).
FIGURE_TAGS = frozenset(("figure", "figcaption"))

# Headline match: two strings match when equal or when one contains the other with at least
# this share of its words (the scoring rule of pages-dev, also a sane rule for the matching).
TITLE_CONTAIN_SHARE = 0.9


@dataclass
class _Line:
    """One flattened line of the page."""

    text: str
    link_chars: int
    element: etree._Element  # the block element the line belongs to
    heading: bool
    index: int = 0
    figure: bool = False  # inside <figure>/<figcaption>: a picture's caption or credit
    caption: bool | None = None  # a caption, credit or byline (see _is_caption); computed once

    @cached_property
    def words(self) -> int:
        """Words of the line, counted once: the body search and the second opinion ask often,
        and splitting a page-long line each time made big pages slow."""
        return len(self.text.split())

    @property
    def link_share(self) -> float:
        return self.link_chars / max(1, len(self.text))


# --------------------------------------------------------------------------- parsing


def _parse(html: str) -> etree._Element | None:
    """Parse HTML text with lxml; None when there is nothing to parse."""
    if not html or not html.strip():
        return None
    data = html.encode("utf-8", "replace")
    try:
        return lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (etree.ParserError, ValueError):
        return None


def _prune(root: etree._Element) -> None:
    """Drop invisible elements: scripts, form controls, and display:none/hidden subtrees."""
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    hidden = root.xpath(
        '//*[@hidden or @aria-hidden="true" or contains(translate(@style, "DISPLAYNONE ", "displaynone"), "display:none")'
        ' or contains(translate(@style, "VISIBLITYHDN ", "visiblityhdn"), "visibility:hidden")]'
    )
    for el in hidden:
        if el.getparent() is not None and el.tag not in ("html", "body"):
            el.drop_tree()


def _flatten(root: etree._Element) -> list[_Line]:
    """The visible text as lines: block elements and <br> start new lines."""
    lines: list[_Line] = []
    parts: list[str] = []
    state = {"link": 0, "block": root, "heading": False, "figure": False}

    def flush() -> None:
        text = _norm_space("".join(parts))
        if text:
            link = min(state["link"], len(text))
            lines.append(_Line(text, link, state["block"], state["heading"], len(lines), state["figure"]))
        parts.clear()
        state["link"] = 0
        state["heading"] = False
        state["figure"] = False

    def walk(el: etree._Element, in_link: bool, block: etree._Element, heading: bool, figure: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments and processing instructions
            if el.tail:
                add(el.tail, in_link, block, heading, figure)
            return
        tag = tag.lower()
        is_block = tag in BLOCK_TAGS
        outer_figure = figure
        if is_block:
            flush()
            block = el
            heading = heading or tag in HEADING_TAGS
            figure = figure or tag in FIGURE_TAGS
        if tag == "br":
            flush()
        link_here = in_link or tag == "a"
        if el.text:
            add(el.text, link_here, block, heading, figure)
        for child in el:
            walk(child, link_here, block, heading, figure)
        if is_block:
            flush()
        if el.tail:
            add(
                el.tail,
                in_link,
                el.getparent() if is_block else block,
                heading if not is_block else _in_heading(el.getparent()),
                outer_figure,
            )

    def add(text: str, in_link: bool, block: etree._Element, heading: bool, figure: bool) -> None:
        if not parts or not "".join(parts).strip():
            state["block"] = block
        if heading:
            state["heading"] = True
        if figure:
            state["figure"] = True
        parts.append(text)
        if in_link:
            state["link"] += len(_norm_space(text))

    body = root.find("body")
    walk(body if body is not None else root, False, root, False, False)
    flush()
    return lines


def _in_heading(el: etree._Element | None) -> bool:
    """Whether an element is inside a heading."""
    while el is not None:
        if isinstance(el.tag, str) and el.tag.lower() in HEADING_TAGS:
            return True
        el = el.getparent()
    return False


# --------------------------------------------------------------------------- texts and elements


def _norm_space(text: str) -> str:
    """Collapse whitespace and drop invisible characters (zero-width space, soft hyphen, BOM)."""
    text = re.sub(r"[\u200b\u200c\u200d\u00ad\ufeff]", "", text)
    return " ".join(text.split())


def _words_norm(text: str) -> list[str]:
    """Normalised words for comparisons: NFKC, lower case, ё->е, punctuation removed."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return re.sub(r"[^\w\s]|_", " ", text).split()


def _same_text(a: str, b: str) -> bool:
    """Equal, or one contains the other and the shorter has >= 90% of the longer's words."""
    wa, wb = _words_norm(a), _words_norm(b)
    if not wa or not wb:
        return False
    sa, sb = " ".join(wa), " ".join(wb)
    if sa == sb:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return (sa in sb or sb in sa) and len(short) >= TITLE_CONTAIN_SHARE * len(long_)


def _contains_words(text: str, sub: str) -> bool:
    """Whether the normalised words of ``sub`` occur in ``text`` in a row."""
    a, b = " ".join(_words_norm(text)), " ".join(_words_norm(sub))
    return bool(b) and f" {b} " in f" {a} "


def _in_tags(el: etree._Element, tags: tuple[str, ...]) -> bool:
    """Whether an element is inside (or is) one of the given tags."""
    while el is not None:
        if isinstance(el.tag, str) and el.tag.lower() in tags:
            return True
        el = el.getparent()
    return False


def _inside(el: etree._Element, container: etree._Element) -> bool:
    """Whether an element is the container or lies inside it."""
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


def _common_ancestor(elements: list[etree._Element]) -> etree._Element | None:
    """The lowest element containing all given elements."""
    paths = []
    for el in elements:
        path = []
        while el is not None:
            path.append(el)
            el = el.getparent()
        paths.append(path[::-1])
    common = None
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    return common
