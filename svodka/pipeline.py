"""The order of stages, on one screen.

    Document --clean--> Article --tag_entities--> --normalize_entities--> --extract_roles-->
             --extract_dates--> --extract_quotes--> Article (annotated)

Each stage is ``stage(article, models) -> article``; adding one is a function plus a line in
``STAGES``. ``run`` analyses one article; ``pipe`` analyses many, batching the NER tagger,
and hands a failing article to the error handler instead of killing the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .clean import clean, verbatim
from .errors import StageError, SvodkaError
from .model import Article, Document
from .nlp.dates import extract_dates
from .nlp.models import Models
from .nlp.names import normalize_entities
from .nlp.ner import tag_entities
from .nlp.quotes import extract_quotes
from .nlp.roles import extract_roles

__all__ = ["STAGES", "run", "pipe", "prepare", "analyze_documents"]

# The analysis stages in order. Later stages read what earlier ones wrote.
STAGES: list[Callable[[Article, Models], Article]] = [
    tag_entities,  # slovnet NER + rule corrections -> entities with raw mentions
    normalize_entities,  # base forms, name parts, merge mentions of one thing
    extract_roles,  # titles of persons; description-only mentions become role mentions
    extract_dates,  # date mentions resolved against article.published
    extract_quotes,  # direct and reported speech with speakers resolved to entities
]


def run(article: Article, models: Models) -> Article:
    """Analyse one article in place and return it."""
    for stage in STAGES:
        result = stage(article, models)
        if not isinstance(result, Article):  # not an assert: must hold under python -O
            raise StageError(article.path or article.url, f"stage {stage.__name__} returned {type(result).__name__}")
        article = result
    return article


def pipe(
    articles: Iterable[Article],
    models: Models,
    on_error: Callable[[Article, SvodkaError], None] | None = None,
) -> Iterator[Article]:
    """Analyse many articles; failures go to ``on_error`` (default: re-raise)."""
    for article in articles:
        try:
            yield run(article, models)
        except SvodkaError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
        except Exception as exc:  # a bug in a stage: report it for this article, go on
            err = StageError(article.path or article.url, f"analysis failed: {type(exc).__name__}: {exc}")
            if on_error is None:
                raise err from exc
            on_error(article, err)


def prepare(
    doc: Document,
    *,
    no_clean: bool = False,
    source: str | None = None,
    published: str | None = None,
) -> Article:
    """Clean one document into an article and apply the caller's source/date overrides."""
    article = verbatim(doc) if no_clean else clean(doc)
    if source:
        article.source = source
    if published:
        article.published, article.published_how = published, "cli"
    return article


def analyze_documents(
    documents: Iterable[Document | SvodkaError],
    *,
    models: Models | None = None,
    no_clean: bool = False,
    source: str | None = None,
    published: str | None = None,
    batch_size: int = 32,
    on_error: Callable[[SvodkaError], None] | None = None,
) -> Iterator[Article]:
    """Clean and analyse documents (as readers yield them) into annotated articles.

    Args:
        documents: documents, or the errors a reader yielded in their place.
        models: loaded models; loaded here when None and at least one document needs them.
        no_clean, source, published: see ``prepare``.
        batch_size: articles analysed together.
        on_error: receives every input or stage error; the batch goes on. Default: re-raise.
    Returns:
        The analysed articles, in input order.
    """

    def fail(exc: SvodkaError) -> None:
        if on_error is None:
            raise exc
        on_error(exc)

    batch: list[Article] = []

    def flush() -> Iterator[Article]:
        nonlocal models
        if models is None:
            from .nlp.models import load_models

            models = load_models()
        yield from pipe(batch, models, on_error=lambda _article, exc: fail(exc))
        batch.clear()

    for doc in documents:
        if isinstance(doc, SvodkaError):
            fail(doc)
            continue
        try:
            batch.append(prepare(doc, no_clean=no_clean, source=source, published=published))
        except SvodkaError as exc:
            fail(exc)
        except Exception as exc:  # a cleaner bug must not lose the rest of the batch
            fail(StageError(doc.name, f"cleaning failed: {type(exc).__name__}: {exc}"))
        if len(batch) >= batch_size:
            yield from flush()
    if batch:
        yield from flush()
