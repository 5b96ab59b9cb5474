"""The commands that read and analyse documents: ``svodka analyze`` (print) and ``svodka ingest`` (store).

``cli.py`` adds these ``*_cli`` functions to its app under their command names.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Optional

import typer

from ._cli_common import DbOption, SettingOption, _archive, _check_date, _date_opt, _Failures, _settings
from .errors import SvodkaError

# Seconds of ingest before a progress line appears (short runs print only the summary).
PROGRESS_AFTER = 3.0


class Format(str, Enum):
    """Output formats of ``analyze``."""

    json = "json"
    jsonl = "jsonl"
    text = "text"


def analyze_cli(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for stdin."),
    format: Format = typer.Option(Format.json, "--format", "-f", help="json, jsonl (one line per document, with path) or text."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Take the input verbatim as the body: offsets index the input."),
    source: Optional[str] = typer.Option(None, "--source", help="Source (outlet) name for every input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every input."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Largest input file in bytes (default 5 MB)."),
    setting: SettingOption = None,
) -> None:
    """Read, clean and analyse documents (files, directories, URLs, - for stdin); print one record per document.

    With --format json one document prints as an object, several as a list.
    """
    from .pipeline import analyze_documents

    failures = _Failures()
    try:
        settings = _settings(setting)
        if published:
            published = _check_date(published)
    except SvodkaError as exc:
        failures(exc.name, exc.reason)
        raise typer.Exit(2)
    limit = max_bytes if max_bytes is not None else settings.max_bytes
    seen = [0]

    def counted():
        for doc in _documents_for(paths, limit, settings.fetch_allow_private):
            seen[0] += 1
            yield doc

    records = analyze_documents(
        counted(),
        no_clean=no_clean,
        source=source,
        published=published,
        batch_size=settings.batch_size,
        on_error=lambda exc: failures(exc.name, exc.reason),
        time_budget=settings.time_budget,
        max_words=settings.max_words,
    )
    articles = []
    for article in records:
        if format is Format.jsonl:
            record = article.to_dict()
            record = {"path": article.path or article.url, **{k: v for k, v in record.items() if k != "path"}}
            typer.echo(json.dumps(record, ensure_ascii=False))
        elif format is Format.text:
            typer.echo(format_article(article))
        else:
            articles.append(article.to_dict())
    if format is Format.json and articles:
        payload = articles[0] if len(articles) == 1 else articles
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if not seen[0]:
        failures(", ".join(paths), "no documents found")
    if failures.count:
        raise typer.Exit(1)


def format_article(article) -> str:
    """A readable summary of one analysed article, for a person."""
    lines = [f"== {article.path or article.url or ''}"]
    lines.append(f"source:    {article.source or '-'}")
    lines.append(f"title:     {article.title or '-'}")
    lines.append(f"language:  {article.language}" + ("" if article.language == "ru" else " (not Russian: stored without analysis)"))
    pub = article.published or "unknown"
    lines.append(f"published: {pub}" + (f" ({article.published_how})" if article.published_how else ""))
    if article.views is not None:
        lines.append(f"views:     {article.views}")
    lines.append(f"paragraphs: {len(article.paragraphs)}; boilerplate lines removed: {len(article.boilerplate)}")
    if article.lead:
        lead = article.lead if len(article.lead) <= 160 else article.lead[:157] + "..."
        lines.append(f"lead:      {lead}")
    by_type: dict[str, list[str]] = {}
    for entity in article.entities:
        label = entity.name
        if entity.roles:
            label += f" ({'; '.join(entity.roles)})"
        by_type.setdefault(entity.type, []).append(f"{label} x{len(entity.mentions)}")
    for type_ in ("PER", "ORG", "LOC"):
        if type_ in by_type:
            lines.append(f"{type_}:       " + ", ".join(by_type[type_]))
    if article.dates:
        shown = []
        for d in article.dates:
            when = d.from_ if d.from_ == d.to else f"{d.from_}..{d.to}"
            shown.append(f"{d.text} -> {when if d.from_ else 'year unknown'}")
        lines.append("dates:     " + "; ".join(shown))
    for quote in article.quotes:
        who = quote.speaker.name if quote.speaker else "?"
        via = f", via {quote.via}" if quote.via else ""
        text = quote.text if len(quote.text) <= 200 else quote.text[:197] + "..."
        lines.append(f"  {who} ({quote.cue or quote.kind}{via}): {text}")
    return "\n".join(lines) + "\n"


def _documents_for(inputs: list[str], max_bytes: int, allow_private: str = ""):
    """Read paths and fetch URLs into documents (errors in place of what failed), lazily.

    A generator: the first document is analysed before the last file is read, so one
    input that is slow or huge to read costs only itself (issue 11). ``allow_private``
    is the ``fetch_allow_private`` setting (see ``Fetcher``).
    """
    import re as _re

    from .errors import FetchError, InputError
    from .ingest.readers import read_bytes, read_paths

    schemes = [i for i in inputs if _re.match(r"^[a-z][a-z0-9+.-]*://", i, _re.I)]
    urls = [i for i in schemes if i.lower().startswith(("http://", "https://"))]
    paths = [i for i in inputs if i not in schemes]
    for i in schemes:
        if i not in urls:
            yield InputError(i, "unsupported URL scheme: only http:// and https:// are fetched")
    if paths:
        yield from read_paths(paths, max_bytes=max_bytes, stdin=sys.stdin.buffer)
    if urls:
        from .ingest.fetch import Fetcher

        fetcher = Fetcher(max_bytes=max_bytes, allow_private=allow_private)
        for url in urls:
            try:
                fetched = fetcher.fetch(url)
            except FetchError as exc:
                yield exc
                continue
            for doc in read_bytes(fetched.data or b"", url, max_bytes=max_bytes):
                if not isinstance(doc, SvodkaError):
                    doc.url, doc.path, doc.fetched = doc.url or url, None, fetched.fetched
                yield doc


def ingest_cli(
    inputs: list[str] = typer.Argument(..., help="Files, directories, URLs, or - for stdin."),
    db: DbOption = None,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0, help="Analysis processes (0: one per core; never more than cores or batches)."),
    batch_size: Optional[int] = typer.Option(None, "--batch-size", min=1, help="Documents per batch and per transaction."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="Largest input file in bytes."),
    no_clean: bool = typer.Option(False, "--no-clean", help="Take each input verbatim as the body (as svodka analyze --no-clean)."),
    source: Optional[str] = typer.Option(None, "--source", help="Source (outlet) name for every input."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for every input."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Analyse on Dask: a scheduler address, or 'local' for a local process pool."),
    setting: SettingOption = None,
) -> None:
    """Read, clean, analyse (in parallel) and store documents; idempotent.

    Prints read / stored / duplicates / rejected (read = the sum of the other three); the
    exit code is 1 when any input was rejected (see svodka rejected).
    """
    from .ingest.job import ingest

    if published:
        published = _date_opt(published, "--published")
    failures = _Failures()
    with _archive(db, setting) as (store, settings):
        options = {
            "no_clean": no_clean, "source": source, "published": published,
            "time_budget": settings.time_budget, "max_words": settings.max_words,
        }
        if dask:
            summary = _ingest_dask(inputs, dask, store, settings, failures, batch_size, options)
        else:
            docs = _documents_for(inputs, max_bytes or settings.max_bytes, settings.fetch_allow_private)
            progress_cb, finish = _progress(quiet)
            from .cli_alerts import WEBHOOK_DRAIN_S, webhooks_for

            hooks = webhooks_for(store, settings)  # None unless a watchlist has a webhook
            try:
                summary = ingest(
                    docs,
                    store,
                    workers=workers if workers is not None else settings.workers,
                    batch_size=batch_size or settings.batch_size,
                    progress=progress_cb,
                    on_error=failures,
                    options=options,
                    on_alerts=hooks,
                )
            finally:
                finish()
                if hooks is not None:
                    hooks.close(timeout=WEBHOOK_DRAIN_S)
    typer.echo(summary.line(), err=True)
    if failures.count or summary.rejected:
        raise typer.Exit(1)


def _ingest_dask(inputs: list[str], address: str, store, settings, failures: "_Failures", batch_size: int | None, options: dict):
    """``ingest --dask``: analysis on a Dask cluster, storing in this process; returns the ``IngestSummary``."""
    from .ingest.job import store_records
    from .scale import iter_analyzed

    if any(i.startswith(("http://", "https://")) or i == "-" for i in inputs):
        raise SvodkaError("--dask", "takes files and directories only (fetch URLs without --dask)")
    from .cli_alerts import WEBHOOK_DRAIN_S, webhooks_for

    hooks = webhooks_for(store, settings)  # None unless a watchlist has a webhook
    try:
        records = iter_analyzed(inputs, scheduler=None if address == "local" else address, max_bytes=settings.max_bytes, options=options)
        return store_records(records, store, batch_size=batch_size or settings.batch_size, on_error=failures, on_alerts=hooks)
    finally:
        if hooks is not None:
            hooks.close(timeout=WEBHOOK_DRAIN_S)


def _progress(quiet: bool):
    """A rich progress line (inputs read, stored, rate) on stderr for long runs; returns (update, finish).

    Inputs are read as a stream, so the total is not known in advance: no bar, no ETA. It
    appears only on a terminal and after a few seconds, so short runs and logs stay clean.
    """
    if quiet or not sys.stderr.isatty():
        return None, lambda: None
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(), TextColumn("ingest: {task.completed} read, {task.fields[stored]} stored, {task.fields[rate]:.1f} docs/s"),
        TimeElapsedColumn(), console=Console(stderr=True), transient=True,
    )
    task = bar.add_task("ingest", total=None, stored=0, rate=0.0)
    start = time.perf_counter()
    started = [False]

    def update(done: int, stored: int) -> None:
        elapsed = time.perf_counter() - start
        if not started[0] and elapsed > PROGRESS_AFTER:
            bar.start()
            started[0] = True
        bar.update(task, completed=done, stored=stored, rate=done / max(elapsed, 1e-6))

    return update, bar.stop
