"""Cleaning: a ``Document`` becomes an ``Article`` (source, title, lead, paragraphs, date, views).

``clean`` picks the cleaner by the document's media type: crawler text dumps go to
``clean.dump``, HTML pages to ``clean.html``, records that already carry their fields (JSONL
objects, feed items) are taken as they are. ``verbatim`` is ``--no-clean``: the input is the
body as it stands, so offsets index the input file.

Both give the article its ``language``, read from its text (``nlp.language``): the language
the input declares (an HTML page's ``lang`` attribute, a feed's or record's ``language``) is
a hint only, taken when the text is too short to tell.
"""

from __future__ import annotations

import re
import sys
import types

from ..errors import ExtractionRejected, SvodkaError
from ..model import Article, Block, Document
from ..nlp.language import detect_language

__all__ = ["clean", "verbatim"]

# A paragraph break: a line break followed by optional spaces and another line break.
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def verbatim(doc: Document) -> Article:
    """The input taken as it is: ``text`` is the document text, paragraphs are its blank-line blocks."""
    text = doc.text or ""
    blocks, paragraphs, pos = [], [], 0
    for m in list(PARAGRAPH_BREAK.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped)
            blocks.append(Block(start, start + len(stripped), "paragraph"))
            paragraphs.append(stripped)
        if m:
            pos = m.end()
    article = Article(
        text=text,
        title=None,
        lead=paragraphs[0] if paragraphs else None,
        paragraphs=paragraphs,
        blocks=blocks,
        url=doc.url,
        path=doc.path,
        source=doc.meta.get("source"),
        published=doc.meta.get("published"),
        published_how="record" if doc.meta.get("published") else None,
    )
    _carry_decode_errors(doc, article)
    article.language = detect_language(text, hint=doc.meta.get("language"))
    return article


def _carry_decode_errors(doc: Document, article: Article) -> None:
    """Say in the article that its input was damaged UTF-8 (bad bytes replaced by U+FFFD), as the reader found."""
    if doc.meta.get("decode_errors"):
        article.extras["decode_errors"] = doc.meta["decode_errors"]


def _record(doc: Document) -> Article:
    """A record that names its own fields (JSONL object with text, feed item)."""
    paragraphs = [p.strip() for p in PARAGRAPH_BREAK.split(doc.text or "") if p.strip()]
    if not paragraphs and not doc.meta.get("title"):
        raise ExtractionRejected(doc.name, "record has no text")
    how = "feed" if doc.media_type == "application/x-feed-item" else "record"
    return Article.build(
        doc.meta.get("title"),
        paragraphs,
        source=doc.meta.get("source"),
        url=doc.url or doc.meta.get("url"),
        published=doc.meta.get("published"),
        published_how=how if doc.meta.get("published") else None,
    )


def clean(doc: Document) -> Article:
    """Turn one document into an article, by its media type.

    Args:
        doc: a document from a reader; ``doc.text`` holds the decoded text.
    Returns:
        The article, with ``path``/``url`` copied from the document.
    Raises:
        ExtractionRejected: when the document holds no article text; like every error raised
            here it is named after the input (``doc.name``: path, ``path:record`` or URL).
    """
    try:
        article = _clean(doc)
    except SvodkaError as exc:
        if exc.name == doc.name:
            raise
        # The cleaners know the page URL at most (clean_html(url=None) names nothing, or the
        # page's og:url): the user needs the input that failed, as the reader named it.
        raise exc.rename(doc.name) from None
    article.language = detect_language(article.text, hint=_declared_language(doc))
    return article


def _declared_language(doc: Document) -> str | None:
    """The language the input declares: the reader's (a feed's, a record's), else an HTML page's ``lang``."""
    if doc.meta.get("language"):
        return doc.meta["language"]
    if doc.media_type == "text/html":
        from .html import page_language

        return page_language(doc.text or "")
    return None


def _clean(doc: Document) -> Article:
    """``clean`` without the error naming."""
    if doc.media_type == "text/html":
        from .html import clean_html

        article = clean_html(doc.text or "", url=doc.url, crawled=doc.fetched)
        if doc.meta.get("title") and not article.title:
            article = Article.build(doc.meta["title"], article.paragraphs, **_keep(article))
    elif doc.media_type == "text/plain" and not doc.meta.get("title"):
        from .dump import clean_dump

        article = clean_dump(doc.text or "", url=doc.url, crawled=doc.fetched)
    else:
        article = _record(doc)
    if not article.paragraphs and not article.title:
        raise ExtractionRejected(doc.name, "no article text found")
    article.path = doc.path
    article.url = article.url or doc.url
    for key in ("source", "published"):
        if doc.meta.get(key) and not getattr(article, key):
            setattr(article, key, doc.meta[key])
            if key == "published":
                article.published_how = "record"
    _carry_decode_errors(doc, article)
    return article


def _keep(article: Article) -> dict:
    """The metadata fields of an article, to rebuild it with another title."""
    return {
        k: getattr(article, k)
        for k in ("source", "url", "published", "published_how", "views", "language", "boilerplate")
    }


class _CallableModule(types.ModuleType):
    """``svodka.clean`` itself cleans: ``from svodka import clean; clean(doc)``.

    The package and its main function share a name, and which of the two ``svodka.clean``
    is depends on import order (issue 11); a callable module is both, whatever the order.
    """

    def __call__(self, doc: Document) -> Article:
        return clean(doc)


sys.modules[__name__].__class__ = _CallableModule

