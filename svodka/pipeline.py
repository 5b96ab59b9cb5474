"""The order of stages, on one screen.

    Document --clean--> Article --segment--> --tag_entities--> --normalize_entities-->
             --extract_roles--> --extract_dates--> --extract_quotes--> Article (annotated)

Each stage is ``stage(article, models) -> article``; adding one is a function plus a line in
``STAGES``. ``segment`` fills the analysed text (tokens, sentences, morphology from the one
cache on ``Models``: see ``nlp.text``) that every later stage reads. ``run`` analyses one
article; ``pipe`` analyses many: the first two stages run over a whole batch at once (the
NER tagger fills its batches with the lines of several articles), the rest per article, and
a failing article goes to the error handler instead of killing the batch.

The stages are the Russian analysis: they run for Russian articles only (``Article.language``,
read from the text when the document is cleaned: ``nlp.language``). An article in another
language, or in none that the text shows ("und"), passes through with its clean text and
no entities, dates or statements (issue 16: Uzbek function words had become persons).

Every document is bounded (issue 11): a text of more than ``max_words`` words is rejected
before any stage, and analysis that runs over ``time_budget`` seconds is stopped and the
document rejected (an alarm signal when running in the main thread, else a check between
stages). Either way the rejection is an ``ExtractionRejected`` naming the document and the
bound, and the rest of the batch goes on. Inside the stages the work is linear in the text
and slovnet sees bounded windows, so memory stays flat (see ``nlp._tagger``).
"""

from __future__ import annotations

import dataclasses
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .clean import clean, verbatim
from .config import Settings
from .errors import ExtractionRejected, StageError, SvodkaError
from .model import Article, Document
from .nlp.dates import extract_dates
from .nlp.language import is_russian
from .nlp.models import Models
from .nlp.names import normalize_entities
from .nlp.ner import tag_entities, tag_entities_batch
from .nlp.quotes import extract_quotes
from .nlp.roles import extract_roles
from .nlp.text import segment

__all__ = ["STAGES", "run", "pipe", "prepare", "analyze_documents"]

# Defaults of the bounds, from the settings (config.py says why these values).
TIME_BUDGET = Settings.time_budget
MAX_WORDS = Settings.max_words

# A lone UTF-16 surrogate: valid in a Python str, written by no encoding.
_SURROGATE = re.compile("[\ud800-\udfff]")

# A word for the length bound: the analysis costs about the same per word (slovnet tokens,
# pymorphy3 parses), whatever the characters around it.
_WORD = re.compile(r"\w+")

# The analysis stages in order. Later stages read what earlier ones wrote.
STAGES: list[Callable[[Article, Models], Article]] = [
    segment,  # the analysed text: tokens, sentences, morphology on demand
    tag_entities,  # slovnet NER + rule corrections -> entities with raw mentions
    normalize_entities,  # base forms, name parts, merge mentions of one thing
    extract_roles,  # titles of persons; description-only mentions become role mentions
    extract_dates,  # date mentions resolved against article.published
    extract_quotes,  # direct and reported speech with speakers resolved to entities
]

# ``pipe`` runs STAGES[:BATCHED] over a batch at once with ``tag_entities_batch`` (which
# segments each article too) and the rest per article.
BATCHED = 2

# Articles longer than this (characters) are analysed alone, never in a batch: a batch
# shares one time budget, which a long text must not spend for the others.
BATCH_MAX_CHARS = 50_000

# Articles whose lines the tagger takes together: enough lines to fill its calls with lines
# of like length (a short news item has 10-30), few enough that their analysed texts stay
# small in memory: at most TAG_TOGETHER articles and TAG_TOGETHER_CHARS characters (the
# analysed text holds ~450 bytes a token, ~70 a character: 200,000 characters are ~14 MB).
TAG_TOGETHER = 32
TAG_TOGETHER_CHARS = 200_000


class _Overtime(BaseException):
    """Raised by the alarm inside a stage; a BaseException so no ``except Exception`` in a
    stage can swallow it. ``token`` says whose budget ran out: a ``run`` inside another's
    budget must not take the outer alarm for its own."""

    def __init__(self, token: object = None) -> None:
        super().__init__()
        self.token = token


@contextmanager
def _alarm(seconds: float):
    """Raise ``_Overtime(token)`` after ``seconds`` (a real-time alarm: main thread, POSIX only).

    Yields the token its ``_Overtime`` carries. Not armed (the budget is then checked between
    stages only) off the main thread, when the caller's own alarm would ring sooner (the
    caller's ``_Overtime`` then passes through), or when the SIGALRM handler was set outside
    Python (it could not be put back). The caller's handler and timer come back afterwards.
    """
    token = object()
    armed = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is not None
        and not 0 < signal.getitimer(signal.ITIMER_REAL)[0] <= seconds
    )
    if not armed:
        yield token
        return

    def ring(signum, frame):
        raise _Overtime(token)

    previous = signal.signal(signal.SIGALRM, ring)
    started = time.monotonic()
    old_delay, old_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield token
    finally:
        while True:  # the alarm may ring here, after the work is done: disarm all the same
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except _Overtime:
                continue
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - started), 1e-3), old_interval)


def _too_long(text: str, max_words: int) -> int | None:
    """The number of words of ``text`` when over ``max_words`` (counting stops early), else None."""
    if max_words <= 0 or len(text) <= max_words:  # a word has at least one character
        return None
    count = 0
    for count, _ in enumerate(_WORD.finditer(text), 1):
        if count > max_words * 2:
            break
    return count if count > max_words else None


def run(article: Article, models: Models, *, time_budget: float = 0, max_words: int = 0, start: int = 0, spent: float = 0) -> Article:
    """Analyse one article in place and return it.

    Args:
        article: a cleaned article; one whose ``language`` is not Russian is returned as it
            is (after the word bound), the stages are the Russian analysis.
        models: loaded models.
        time_budget: seconds the analysis may take; 0 means no limit.
        max_words: longest text analysed, in words; 0 means no limit.
        start: the first stage to run (``pipe`` has run the ones before over a batch).
        spent: seconds of ``time_budget`` already spent on those (the batch's time).
    Raises:
        ExtractionRejected: the text is longer than ``max_words`` or the analysis ran over
            ``time_budget``; the reason names the bound and its setting.
        StageError: a stage returned something else than an article.
    """
    name = article.path or article.url
    words = _too_long(article.text, max_words)
    if words is not None:
        shown = f"{words:,}" if words <= max_words * 2 else f"over {max_words * 2:,}"
        raise ExtractionRejected(name, f"text too long to analyse: {shown} words (limit {max_words:,}, setting max_words)")
    if not is_russian(article.language):
        return article
    started = time.monotonic() - spent
    current = "start"
    mine = None
    try:
        with _alarm(max(time_budget - spent, 1e-3) if time_budget else 0) as mine:
            for stage in STAGES[start:]:
                if time_budget and time.monotonic() - started > time_budget:
                    raise _Overtime(mine)
                current = stage.__name__
                result = stage(article, models)
                if not isinstance(result, Article):  # not an assert: must hold under python -O
                    raise StageError(name, f"stage {stage.__name__} returned {type(result).__name__}")
                article = result
    except _Overtime as exc:
        if exc.token is not mine:  # an outer budget ran out first: it is the caller's to report
            raise
        raise ExtractionRejected(
            name, f"analysis took longer than the time budget of {time_budget:g} s (stopped in {current}, setting time_budget)"
        ) from None
    return article


def pipe(
    articles: Iterable[Article],
    models: Models,
    on_error: Callable[[Article, SvodkaError], None] | None = None,
    *,
    time_budget: float = 0,
    max_words: int = 0,
    batch_size: int = 32,
) -> Iterator[Article]:
    """Analyse many articles, ``batch_size`` (at most TAG_TOGETHER) at a time; failures go to ``on_error`` (default: re-raise).

    ``time_budget`` and ``max_words`` bound each article (see ``run``; 0: no limit). The
    batched stages of a batch share one ``time_budget``: when they run over it, or fail, the
    batch's articles are analysed one by one instead, so the slow or failing one is found.
    """
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += len(article.text)
        if len(batch) >= min(batch_size, TAG_TOGETHER) or chars >= TAG_TOGETHER_CHARS:
            yield from _pipe_batch(batch, models, on_error, time_budget, max_words)
            batch, chars = [], 0
    if batch:
        yield from _pipe_batch(batch, models, on_error, time_budget, max_words)


def _pipe_batch(batch, models, on_error, time_budget, max_words) -> Iterator[Article]:
    done, spent = _tag_together(batch, models, time_budget, max_words)
    for article in batch:
        try:
            together = id(article) in done
            result = run(article, models, time_budget=time_budget, max_words=max_words, start=BATCHED if together else 0, spent=spent if together else 0)
            result.analysis = None  # the layer is the stages' (~450 bytes a token): not kept past them
            yield result
        except SvodkaError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
        except Exception as exc:  # a bug in a stage: report it for this article, go on
            err = StageError(article.path or article.url, f"analysis failed: {type(exc).__name__}: {exc}")
            if on_error is None:
                raise err from exc
            on_error(article, err)


def _tag_together(batch: list[Article], models: Models, time_budget: float, max_words: int) -> tuple[set[int], float]:
    """Run STAGES[:BATCHED] over the batch's ordinary articles at once: the ids of those done,
    and the seconds it took (charged to each of them against its ``time_budget``).

    Too long, too many words, over the budget or a failure: nothing is done here and
    ``run`` takes every stage of each article alone (and reports what goes wrong).
    """
    if STAGES[:BATCHED] != [segment, tag_entities]:  # the stages were changed: no batching
        return set(), 0.0
    together = [a for a in batch if is_russian(a.language) and len(a.text) <= BATCH_MAX_CHARS and _too_long(a.text, max_words) is None]
    if len(together) < 2:
        return set(), 0.0
    started = time.monotonic()
    try:
        with _alarm(time_budget) as mine:
            tag_entities_batch(together, models)
    except _Overtime as exc:
        if exc.token is not mine:  # an outer budget ran out: the caller's to report
            raise
        return set(), 0.0
    except MemoryError:  # the caller's to handle (the worker is restarted), never retried here
        raise
    except Exception:  # found again, and reported for its own article, by ``run``
        return set(), 0.0
    spent = time.monotonic() - started
    if time_budget and spent > time_budget:  # no alarm off the main thread: checked after
        return set(), 0.0
    return {id(a) for a in together}, spent


def prepare(
    doc: Document,
    *,
    no_clean: bool = False,
    source: str | None = None,
    published: str | None = None,
) -> Article:
    """Clean one document into an article and apply the caller's source/date overrides.

    Lone surrogates (a JSON record's ``"\\ud800"``, a name read with ``surrogateescape``)
    become U+FFFD first: no text encoding can write them, and one such character in an
    article made the store fail for its whole batch (issue 11, found by ``make fuzz``).
    """
    doc = _without_surrogates(doc)
    article = verbatim(doc) if no_clean else clean(doc)
    if source:
        article.source = source
    if published:
        article.published, article.published_how = published, "cli"
    return article


def _without_surrogates(doc: Document) -> Document:
    """The document with lone surrogates in its text and metadata replaced (U+FFFD), counted in ``meta["decode_errors"]``."""
    found = 0

    def fix(value: Any) -> Any:
        nonlocal found
        if isinstance(value, str) and _SURROGATE.search(value):
            value, n = _SURROGATE.subn("\ufffd", value)
            found += n
        return value

    text = fix(doc.text)
    meta = {key: fix(value) for key, value in doc.meta.items()}
    if not found:
        return doc
    meta["decode_errors"] = int(meta.get("decode_errors") or 0) + found
    return dataclasses.replace(doc, text=text, meta=meta, path=fix(doc.path), url=fix(doc.url))


def analyze_documents(
    documents: Iterable[Document | SvodkaError],
    *,
    models: Models | None = None,
    no_clean: bool = False,
    source: str | None = None,
    published: str | None = None,
    batch_size: int = 32,
    on_error: Callable[[SvodkaError], None] | None = None,
    time_budget: float = TIME_BUDGET,
    max_words: int = MAX_WORDS,
) -> Iterator[Article]:
    """Clean and analyse documents (as readers yield them) into annotated articles.

    Args:
        documents: documents, or the errors a reader yielded in their place.
        models: loaded models; loaded here when None and at least one document needs them.
        no_clean, source, published: see ``prepare``.
        batch_size: articles analysed together.
        on_error: receives every input or stage error; the batch goes on. Default: re-raise.
        time_budget, max_words: the bounds of each document (settings ``time_budget`` and
            ``max_words``; 0 means no limit); a document over one is rejected, see ``run``.
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
        if models is None and any(is_russian(a.language) for a in batch):  # no models for other languages
            from .nlp.models import load_models

            models = load_models()
        yield from pipe(batch, models, on_error=lambda _article, exc: fail(exc), time_budget=time_budget, max_words=max_words, batch_size=batch_size)
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
