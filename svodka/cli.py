"""The command line: thin wrappers (``*_cli``) that parse arguments, call the library, format output.

Library code never prints or exits; everything a person sees is written here. Every failure
is one line on stderr naming the input and the reason, and the exit code is 1 when any
input failed, 0 otherwise; no tracebacks.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import SvodkaError

__all__ = ["app", "main"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="svodka: who said what, about whom, where and when, in Russian-language news.",
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(no_args_is_help=True, help="Measure quality on evaluation data (../shared/eval or your own).")
app.add_typer(eval_app, name="eval")

# The team's quotes gold set, beside the package in a checkout.
GOLD_QUOTES = Path(__file__).resolve().parents[1] / "tests" / "gold" / "quotes"
# Help text of the settings override every command takes.
SETTING_HELP = "Override a setting: -s name=value (see README: Settings)."
# Where the archive is, for every archive command.
DB_HELP = "Database: a SQLite path or sqlite:///path, or postgresql://... (default ./svodka.db or SVODKA_DATABASE_URL)."
# Options most commands share.
SettingOption = Annotated[Optional[list[str]], typer.Option("--setting", "-s", help=SETTING_HELP)]
DbOption = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON for scripts.")]
# Seconds of ingest before a progress line appears (short runs print only the summary).
PROGRESS_AFTER = 3.0


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"svodka {__version__}")
        raise typer.Exit()


@app.callback()
def _main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """svodka: who said what, about whom, where and when, in Russian-language news."""


class EntityType(str, Enum):
    """Entity types for filters."""

    PER = "PER"
    ORG = "ORG"
    LOC = "LOC"


class Kind(str, Enum):
    """Statement kinds."""

    direct = "direct"
    indirect = "indirect"


class ExportFormat(str, Enum):
    """Export formats."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class ExportWhat(str, Enum):
    """What ``export`` writes a row for."""

    articles = "articles"
    quotes = "quotes"


class Format(str, Enum):
    """Output formats of ``analyze``."""

    json = "json"
    jsonl = "jsonl"
    text = "text"


class _Failures:
    """Counts failed inputs and prints each as one line on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, name: str | None, reason: str) -> None:
        self.count += 1
        typer.echo(f"svodka: {one_line(name)}: {one_line(reason)}" if name else f"svodka: {one_line(reason)}", err=True)


def one_line(text: str) -> str:
    """Control characters (a newline in a file name) escaped, so one input stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _settings(overrides: list[str] | None):
    from .config import load_settings

    pairs = {}
    for item in overrides or []:
        key, _, value = item.partition("=")
        pairs[key.strip()] = value.strip()
    return load_settings(pairs)


@app.command("analyze")
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


def _check_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise SvodkaError("--published", f"{value!r} is not a date in the form YYYY-MM-DD") from None


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


def _eval_dir(path: Path) -> Path:
    if not path.exists():
        typer.echo(f"svodka: {path}: not found (give the folder of the evaluation data; see README: Quality)", err=True)
        raise typer.Exit(2)
    return path


@eval_app.command("clean")
def eval_clean_cli(
    path: Path = typer.Argument(..., help="A pages-dev style folder (dumps/, html/, gold.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole report (per-page figures included) as JSON."),
) -> None:
    """Body precision/recall/F1 (word and line level), headline, date, views and source accuracy,
    for dumps and HTML, with a row per site."""
    from .evaluate.clean import evaluate_clean, format_clean_report

    report = evaluate_clean(_eval_dir(path))
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_clean_report(report))


@eval_app.command("ner")
def eval_ner_cli(path: Path = typer.Argument(..., help="A factRuEval folder (book_N.txt, .spans, .objects).")) -> None:
    """Token-level P/R/F1 per type for svodka and plain natasha on the same texts."""
    from .evaluate.ner import evaluate_ner, format_ner_report
    from .nlp.models import load_models

    typer.echo(format_ner_report(evaluate_ner(_eval_dir(path), load_models())))


@eval_app.command("names")
def eval_names_cli(
    path: Path = typer.Argument(..., help="A factRuEval folder with .coref files, or wikinews-ru (the team's blind gold)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/names/wikinews.jsonl)."),
) -> None:
    """Base forms of name mentions (wikinews-ru gold), or person first/last names (factRuEval coreference)."""
    from .evaluate import ner, wikinews

    _eval_gold_or_factru(path, gold, wikinews.NAMES_GOLD, (wikinews.evaluate_wikinews_names, wikinews.format_wikinews_names_report), (ner.evaluate_names, ner.format_names_report))


@eval_app.command("roles")
def eval_roles_cli(
    path: Path = typer.Argument(..., help="A factRuEval folder with .facts files, or wikinews-ru (the team's blind gold)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/roles/wikinews.jsonl)."),
) -> None:
    """Roles of persons against the team's wikinews-ru gold or factRuEval's Occupation facts."""
    from .evaluate import roles, wikinews

    _eval_gold_or_factru(path, gold, wikinews.ROLES_GOLD, (wikinews.evaluate_wikinews_roles, wikinews.format_wikinews_roles_report), (roles.evaluate_roles, roles.format_roles_report))


def _eval_gold_or_factru(path: Path, gold: Path | None, default_gold: Path, on_wikinews: tuple, on_factru: tuple) -> None:
    """Run an evaluation as ``(evaluate, format)`` on the wikinews gold (``path`` is wikinews-ru)
    or on a factRuEval folder, and print its report."""
    from .evaluate.wikinews import is_wikinews
    from .nlp.models import load_models

    folder = _eval_dir(path)
    if is_wikinews(folder):
        evaluate, report = on_wikinews
        typer.echo(report(evaluate(folder, load_models(), _eval_dir(gold or default_gold))))
    else:
        evaluate, report = on_factru
        typer.echo(report(evaluate(folder, load_models())))


@eval_app.command("linking")
def eval_linking_cli(
    path: Path = typer.Argument(..., help="The wikinews-ru folder (the team's blind gold of entity ids)."),
    gold: Path = typer.Option(None, help="The gold file (default: tests/gold/linking/wikinews.jsonl)."),
    as_json: JsonFlag = False,
) -> None:
    """Cross-article linking: ingest the gold's articles into a fresh archive, B-cubed of mentions to corpus entities."""
    from .evaluate.linking import LINKING_GOLD, evaluate_linking, format_linking_report
    from .nlp.models import load_models

    result = evaluate_linking(_eval_dir(path), load_models(), _eval_dir(gold or LINKING_GOLD))
    if as_json:
        _echo_json(result)
    else:
        typer.echo(format_linking_report(result))


@eval_app.command("stories")
def eval_stories_cli(
    path: Path = typer.Argument(None, help="The wikinews-ru folder (the team's blind gold of events); without it, data/sample only."),
    sample: Path = typer.Option(None, help="The sample corpus (default: data/sample)."),
    as_json: JsonFlag = False,
) -> None:
    """Stories as events: B-cubed and pairwise F1 against the team's gold, beside the topic rules and every article alone."""
    from .evaluate.stories import evaluate_stories, format_stories_report
    from .evaluate.wikinews import ROOT
    from .nlp.models import load_models

    try:
        result = evaluate_stories(_eval_dir(sample or ROOT / "data" / "sample"), _eval_dir(path) if path else None, load_models())
    except SvodkaError as exc:
        typer.echo(f"svodka: {exc}", err=True)
        raise typer.Exit(2)
    if as_json:
        _echo_json(result)
    else:
        typer.echo(format_stories_report(result))
    if any(r.get("problems") or r.get("missing") for r in result.values() if isinstance(r, dict)):
        raise typer.Exit(1)  # some gold articles were not read or stored: the scores are of the rest


@eval_app.command("quotes")
def eval_quotes_cli(
    path: Path = typer.Argument(GOLD_QUOTES, help="A quotes gold folder (default: the team's gold set in tests/gold/quotes), or wikinews-ru (the team's blind gold of real news)."),
    gold: Path = typer.Option(None, help="The wikinews gold file (default: tests/gold/statements/wikinews.jsonl)."),
    as_json: JsonFlag = False,
) -> None:
    """Precision/recall/F1 of direct and indirect statements, speaker accuracy (and via on real news)."""
    from .evaluate.quotes import evaluate_quotes, format_quotes_report
    from .evaluate.statements import STATEMENTS_GOLD, evaluate_statements, format_statements_report
    from .evaluate.wikinews import is_wikinews
    from .nlp.models import load_models

    folder = _eval_dir(path)
    if is_wikinews(folder):
        result = evaluate_statements(folder, load_models(), _eval_dir(gold or STATEMENTS_GOLD))
        _echo_json(result) if as_json else typer.echo(format_statements_report(result))
    else:
        report = evaluate_quotes(folder, load_models())
        _echo_json(report) if as_json else typer.echo(format_quotes_report(report))


# --------------------------------------------------------------------------- the archive


def _open(db: str | None, setting: list[str] | None = None, *, must_exist: bool = False):
    """Open the store named on the command line, else by the settings.

    Commands that only read pass ``must_exist``: a mistyped SQLite path is an error, not a new
    empty archive.
    """
    from .store import open_store

    settings = _settings(setting)
    url = db or settings.database_url
    path = _sqlite_path(url)
    if must_exist and path is not None and not path.exists():
        raise SvodkaError(str(path), f"no archive here; create one with: svodka ingest PATH --db {path}")
    return open_store(url), settings


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL or path (as ``open_store`` reads it), None for other databases."""
    if url.startswith("sqlite://"):
        rest = url[len("sqlite://") :]
        rest = rest[1:] if rest.startswith("/") else rest
    elif "://" in url:
        return None
    else:
        rest = url
    return None if rest in ("", ":memory:") else Path(rest)


def _echo_json(value) -> None:
    import dataclasses

    def default(o):
        if dataclasses.is_dataclass(o):
            return dataclasses.asdict(o)
        return str(o)

    typer.echo(json.dumps(value, ensure_ascii=False, indent=2, default=default))


def _table(title: str, columns: list[str], rows: list[list]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*["" if v is None else str(v) for v in row])
    Console().print(table)


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


@app.command("ingest")
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
    store, settings = _open(db, setting)
    options = {
        "no_clean": no_clean, "source": source, "published": published,
        "time_budget": settings.time_budget, "max_words": settings.max_words,
    }
    failures = _Failures()
    if dask:
        _ingest_dask(inputs, dask, store, settings, failures, batch_size, options)
        return
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
        store.close()
        if hooks is not None:
            hooks.close(timeout=WEBHOOK_DRAIN_S)
    typer.echo(summary.line(), err=True)
    if failures.count or summary.rejected:
        raise typer.Exit(1)


def _ingest_dask(inputs: list[str], address: str, store, settings, failures: "_Failures", batch_size: int | None, options: dict) -> None:
    """``ingest --dask``: analysis on a Dask cluster, storing in this process."""
    from .ingest.job import store_records
    from .scale import iter_analyzed

    if any(i.startswith(("http://", "https://")) or i == "-" for i in inputs):
        raise SvodkaError("--dask", "takes files and directories only (fetch URLs without --dask)")
    from .cli_alerts import WEBHOOK_DRAIN_S, webhooks_for

    hooks = webhooks_for(store, settings)  # None unless a watchlist has a webhook
    try:
        records = iter_analyzed(inputs, scheduler=None if address == "local" else address, max_bytes=settings.max_bytes, options=options)
        summary = store_records(records, store, batch_size=batch_size or settings.batch_size, on_error=failures, on_alerts=hooks)
    finally:
        store.close()
        if hooks is not None:
            hooks.close(timeout=WEBHOOK_DRAIN_S)
    typer.echo(summary.line(), err=True)
    if failures.count or summary.rejected:
        raise typer.Exit(1)


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


@app.command("search")
def search_cli(
    query: str = typer.Argument(..., help="Words in any grammatical form: 'Абдрахманов заявил'."),
    source: Optional[str] = typer.Option(None, "--source", help="Only this outlet."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on or after YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on or before YYYY-MM-DD."),
    entity: Optional[str] = typer.Option(None, "--entity", help="Mentions this entity (name or id)."),
    entity_type: Optional[EntityType] = typer.Option(None, "--type", help="Mentions an entity of this type."),
    has_quote: bool = typer.Option(False, "--has-quote", help="Only articles with statements."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only articles in this language (ISO 639-1: ru, uk, kk, uz...; und: none the text showed)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Full-text search that understands Russian morphology, ranked by BM25."""
    date_from, date_to = _date_opt(date_from, "--from"), _date_opt(date_to, "--to")
    lang = _lang_opt(lang)
    store, _ = _open(db, setting, must_exist=True)
    hits = store.search(query, source=source, date_from=date_from, date_to=date_to,
                        entity=entity, entity_type=entity_type.value if entity_type else None, has_quote=has_quote or None, lang=lang, limit=limit)
    if as_json:
        _echo_json(hits)
        return
    if not hits:
        typer.echo("no articles found", err=True)
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    for hit in hits:
        console.print(f"[bold]{hit.article_id}[/] {escape(hit.title or '-')}  [dim]{escape(hit.source or '')} {hit.published or ''}[/]")
        text, marked, pos = hit.snippet_text, [], 0
        for start, end in hit.highlights:
            marked.append(escape(text[pos:start]) + "[reverse]" + escape(text[start:end]) + "[/reverse]")
            pos = end
        marked.append(escape(text[pos:]))
        console.print("    " + "".join(marked))


def _lang_opt(value: str | None) -> str | None:
    """``--lang``: a language code ("uz", "uz-Latn", "ukr" -> "uk"; "und"), or a usage error (exit 2)."""
    if value is None or not value.strip():
        return None
    from .nlp.language import language_tag

    code = language_tag(value)
    if code is None:
        raise SvodkaError("--lang", f"{value!r} is no language code (ISO 639-1, e.g. ru, uk, kk, uz; und)")
    return code


def _date_opt(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return _check_date(value)
    except SvodkaError:
        raise SvodkaError(option, f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.command("quotes")
def quotes_cli(
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Who said it (any form of the name)."),
    about: Optional[str] = typer.Option(None, "--about", help="Whom or what it mentions."),
    date_from: Optional[str] = typer.Option(None, "--from", help="On or after YYYY-MM-DD."),
    date_to: Optional[str] = typer.Option(None, "--to", help="On or before YYYY-MM-DD."),
    kind: Optional[Kind] = typer.Option(None, "--kind", help="direct (quotations) or indirect (reported speech)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Statements: who said what, when, in which outlet."""
    date_from, date_to = _date_opt(date_from, "--from"), _date_opt(date_to, "--to")
    store, _ = _open(db, setting, must_exist=True)
    rows = store.quotes(speaker=speaker, about=about, date_from=date_from, date_to=date_to,
                        limit=limit if kind is None else limit * 4)
    if kind:
        rows = [q for q in rows if q.get("kind") == kind.value][:limit]
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        typer.echo("no statements found", err=True)
    for q in rows:
        typer.echo(format_statement(q))


# What marks a statement's own words inside its sentence in text output.
SAID_OPEN, SAID_CLOSE = "[[", "]]"


def format_statement(q: dict) -> str:
    """A statement (a row of ``Store.quotes``) as three lines: who said it, its sentence, its article.

        [Вестник Кавказа, 2017-03-30] Кайрат Абдрахманов (person; заявил, via РИА Новости) (+2 reprints)
            Как заявил глава МИД, [[Казахстан намерен стать полюсом стабильности]].
            article 12: Мы хотим сделать Казахстан полюсом стабильности

    An unattributed statement is the outlet's own report: ``Вестник Кавказа (own report)``.
    The statement's words are marked ``[[...]]`` in the sentence of the article it comes from.
    """
    where = ", ".join(str(x) for x in (q.get("source"), q.get("published")) if x)
    via_name = q.get("via") or next((a.get("via") for a in q.get("appearances") or [] if a.get("earliest") and a.get("via")), None)
    cue = q.get("cue") or ""
    cue = cue if any(c.isalpha() for c in cue) else ""  # a bare ":" or "-" says nothing
    said = ", ".join(x for x in (cue, f"via {via_name}" if via_name else "") if x)
    label = "; ".join(x for x in (q.get("speaker_kind") or "", said) if x)
    who = q.get("speaker") or (f"{q['source']} (own report)" if q.get("source") else "?")
    reprints = (q.get("count") or 1) - 1
    more = f" (+{reprints} reprint{'s' if reprints > 1 else ''})" if reprints else ""
    first = f"[{where}] {who}{f' ({label})' if label else ''}{more}"
    sentence = q.get("sentence")
    if sentence:
        text, a, b = sentence["text"], sentence["start"], sentence["end"]
        marked = f"{text[:a]}{SAID_OPEN}{text[a:b]}{SAID_CLOSE}{text[b:]}"
    else:
        marked = f"{SAID_OPEN}{q.get('text') or ''}{SAID_CLOSE}"
    article = f"article {q['article_id']}: {one_line(q.get('title') or '(no title)')}" if q.get("article_id") is not None else ""
    # one_line: stored text may carry control characters (a terminal escape), printed escaped
    return "\n".join(x for x in (one_line(first), "    " + one_line(marked), "    " + article if article else "") if x)


# The corrections ``svodka entity`` takes before its two arguments, and what they mean.
ENTITY_CORRECTIONS = {
    "merge": "svodka entity merge A B      (B becomes A)",
    "split": "svodka entity split ENTITY FORM   (the mentions by FORM become an entity of their own)",
    "alias": "svodka entity alias ENTITY NAME   (ENTITY is also called NAME)",
}


@app.command("entity")
def entity_cli(
    words: list[str] = typer.Argument(..., help="A name in any form, or an entity id; or a correction: merge A B, split ENTITY FORM, alias ENTITY NAME."),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Profile: roles over time, aliases, co-mentioned entities, latest statements, mentions per month.

    Corrections (kept when the archive is linked again, see svodka relink): `svodka entity
    merge A B` makes B part of A; `svodka entity split ENTITY FORM` gives the mentions by the
    name FORM an entity of their own; `svodka entity alias ENTITY NAME` gives ENTITY another
    name. Entities are named by id or by a name in any form.
    """
    if words[0] in ENTITY_CORRECTIONS:
        _entity_correction_cli(words, as_json, db, setting)
        return
    name = " ".join(words)
    store, _ = _open(db, setting, must_exist=True)
    profile = store.entity_profile(name)  # an id or a name; the store tells them apart
    if profile is None:
        typer.echo(f"svodka: {one_line(name)}: no such entity in the archive", err=True)
        raise typer.Exit(1)
    if as_json:
        _echo_json(profile)
        return
    typer.echo(f"{profile['name']} [{profile['type']}]  id {profile['id']}; {profile.get('mentions')} mentions in {profile.get('articles')} articles, {profile.get('first_seen') or '?'} .. {profile.get('last_seen') or '?'}")
    if profile.get("aliases"):
        typer.echo("aliases: " + ", ".join(f"{a['alias']} ({a['n']})" for a in profile["aliases"]))
    if profile.get("roles"):
        _table("roles", ["role", "first seen", "last seen", "articles"], [[r["role"], r["first_seen"], r["last_seen"], r["articles"]] for r in profile["roles"]])
    if profile.get("co_mentioned"):
        _table("mentioned with", ["entity", "type", "articles"], [[c["name"], c["type"], c["articles"]] for c in profile["co_mentioned"]])
    if profile.get("quotes"):
        typer.echo("latest statements:")
        for q in profile["quotes"]:
            typer.echo("\n".join("  " + line for line in format_statement(q).splitlines()))
    if profile.get("mentions_per_month"):
        typer.echo("mentions per month: " + ", ".join(f"{m}: {n}" for m, n in profile["mentions_per_month"].items()))
    if profile.get("merges"):
        typer.echo("merged into it: " + "; ".join(f"{m['old_id']} {m['old_name'] or '?'} ({m['reason']}{', ' + str(m['at'])[:10] if m['at'] else ''})" for m in profile["merges"]))
    if profile.get("candidates"):
        typer.echo(f"did you mean another {one_line(name)}?")
        _table("candidates", ["id", "name", "type", "mentions", "first seen", "last seen"], [[c["id"], c["name"], c["type"], c["mentions"], c["first_seen"], c["last_seen"]] for c in profile["candidates"]])


def _entity_correction_cli(words: list[str], as_json: bool, db: str | None, setting: list[str] | None) -> None:
    """``svodka entity merge|split|alias X Y``: make the correction and say what it did."""
    action = words[0]
    if len(words) != 3:
        typer.echo(f"svodka: entity {action}: takes two arguments: {ENTITY_CORRECTIONS[action]}", err=True)
        raise typer.Exit(2)
    store, _ = _open(db, setting, must_exist=True)
    try:
        do = {"merge": store.merge_entities, "split": store.split_entity, "alias": store.alias_entity}[action]
        result = do(words[1], words[2])
    finally:
        store.close()
    if as_json:
        _echo_json(result)
        return
    entity = result["entity"]
    label = lambda e: f"{e['id']} {e['name']} [{e['type']}]"  # noqa: E731
    if action == "merge":
        typer.echo(f"merged {label(result['merged'][0])} into {label(entity)}: {entity['mentions']} mentions in {entity['articles']} articles")
    elif action == "alias":
        typer.echo(f"{label(entity)} is also called «{result['alias']}»")
        for merged in result["merged"]:
            typer.echo(f"merged {label(merged)} into it: it was named so")
    else:
        new = result["split"]
        typer.echo(f"split «{result['form']}» off {label(entity)}: {label(new)}, {new['mentions']} mentions in {new['articles']} articles; {entity['articles']} articles stay")


@app.command("relink")
def relink_cli(
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Link every stored article again: corpus entities and statements rebuilt, the analyst's corrections applied, stories kept."""
    store, _ = _open(db, setting, must_exist=True)
    try:
        n = store.relink()
    finally:
        store.close()
    if as_json:
        _echo_json({"articles": n})
        return
    typer.echo(f"relinked {n} articles", err=True)


@app.command("stories")
def stories_cli(
    story_id: int = typer.Argument(None, help="One story by id: its outlets, first outlet, articles, statements and growth."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Stories (one event in several articles): outlets, the first outlet with its time, articles; one story in full by id."""
    store, _ = _open(db, setting, must_exist=True)
    try:
        rows = [store.story(story_id)] if story_id is not None else store.stories(limit=limit)
    finally:
        store.close()
    if story_id is not None and rows[0] is None:
        typer.echo(f"svodka: story {story_id}: no such story (svodka stories lists them)", err=True)
        raise typer.Exit(1)
    if as_json:
        _echo_json(rows[0] if story_id is not None else rows)
        return
    for story in rows:
        typer.echo(_story_text(story, full=story_id is not None))


def _story_text(story: dict, full: bool) -> str:
    """A story as text: the head lines, its articles (the first outlet marked), and when
    ``full`` its growth as text bars and its statements."""
    from .digest import short_statement

    outlets = ", ".join(story["outlets"]) or "-"
    unknown = f"; {story['unknown_sources']} without an outlet" if story["unknown_sources"] else ""
    first = story["first"]
    lines = [
        f"story {story['id']}: {story.get('title') or ''}",
        f"  {story['size']} articles, {story['sources']} outlets: {outlets}{unknown}",
        f"  first: {first['source']}, {first['published']}" if first else "  first: not known (an article without outlet or time, or another outlet at the same time, may have been first)",
    ]
    for art in story["articles"]:
        mark = "*" if art.get("first") else " "
        lines.append(f"  {mark} {art.get('published') or '?':<25} {art.get('source') or '-':<24} {art.get('title') or ''}")
    if full:
        growth = story["growth"]
        if growth["bars"]:
            lines.append(f"  articles per {growth['step']} (UTC where the time has a zone):")
            lines += [f"    {b['start']}  {'#' * b['articles']}" for b in growth["bars"] if b["articles"]]
        lines.append(f"  statements: {len(story['statements'])}")
        for q in story["statements"]:
            # cut at words, with "…", as the digest does; no speaker is the outlet's own report
            lines.append(f"    {q.get('speaker') or '(own report)'} ({q.get('source') or '-'}): «{short_statement(q['text'], 120)}»")
    return "\n".join(lines)


@app.command("stats")
def stats_cli(
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Counts of what the archive holds."""
    store, _ = _open(db, setting, must_exist=True)
    stats = store.stats()
    if as_json:
        _echo_json(stats)
        return
    rows = []
    for key, value in stats.items():
        if isinstance(value, dict):
            rows.extend([f"{key.replace('_', ' ')}: {k}", v] for k, v in value.items())
        else:
            rows.append([key.replace("_", " "), value])
    _table("archive", ["what", "value"], rows)


@app.command("rejected")
def rejected_cli(
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="Only the latest N (default: every one)."),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Every input the archive rejected, by name, with its reason (latest first)."""
    store, _ = _open(db, setting, must_exist=True)
    rows = store.rejected(limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        typer.echo("no rejected inputs", err=True)
    for row in rows:
        many = f" ({row['count']} inputs)" if (row.get("count") or 1) > 1 else ""
        typer.echo(f"{one_line(row.get('name') or '')}: {one_line(row.get('reason') or '')}{many}")


@app.command("export")
def export_cli(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="parquet needs pip install 'svodka[parquet]'."),
    what: ExportWhat = typer.Option(ExportWhat.articles, "--what", help="articles (one row per article: title, outlet, date, URL, persons, organisations, places) or quotes (one row per statement)."),
    output: Path = typer.Option(Path("-"), "--output", "-o", help="File to write (default stdout)."),
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Export the articles with their analysis, or every statement."""
    store, _ = _open(db, setting, must_exist=True)
    format = format.value
    if format == "parquet":
        _export_parquet(store, output, what.value)
        return
    if str(output) == "-":
        n = store.export(format, sys.stdout, what=what.value)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = store.export(format, fh, what=what.value)
    typer.echo(f"exported {n} {what.value}", err=True)


def _export_parquet(store, output: Path, what: str = "articles") -> None:
    import io

    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise SvodkaError("--format parquet", "needs pyarrow: pip install 'svodka[parquet]'") from None
    if str(output) == "-":
        raise SvodkaError("--format parquet", "parquet is binary: give a file with --output")
    buffer = io.StringIO()
    n = store.export("jsonl", buffer, what=what)
    rows = [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]
    flat = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in r.items()} for r in rows]
    pq.write_table(pa.Table.from_pylist(flat), output)
    typer.echo(f"exported {n} {what}", err=True)


@app.command("serve")
def serve_cli(
    db: DbOption = None,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; localhost unless told otherwise."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    setting: SettingOption = None,
) -> None:
    """Serve the web interface and the JSON API over the archive."""
    from .config import Settings
    from .web import serve

    store, settings = _open(db, setting)  # fails here, before "serving", if the archive cannot be opened
    store.close()
    if settings.base_url == Settings.base_url and (host, port) != ("127.0.0.1", 8000):
        # links in the digest, the Atom feeds and webhooks point at this server unless told otherwise
        settings.base_url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    # binds before announcing: a busy port is one line and exit 1, not "serving" then a traceback
    serve(db or settings.database_url, host=host, port=port, api_token=settings.api_token or None, settings=settings,
          announce=lambda line: typer.echo(f"svodka: {line}", err=True))


# Watchlists, alerts and the digest live in their own module, which adds its commands to ``app``.
from . import cli_alerts  # noqa: E402,F401
# Following feeds (issue 17): ``svodka feeds ...`` and ``svodka watch`` live in _cli_feeds.py
# (imported here, at the end, because they use this module's helpers).
from ._cli_feeds import feeds_app, watch_cli  # noqa: E402

app.add_typer(feeds_app, name="feeds")
app.command("watch")(watch_cli)


def main() -> None:
    """Entry point: run the app, turning expected failures into one line and an exit code."""
    try:
        app()
    except SvodkaError as exc:
        typer.echo(f"svodka: {exc}", err=True)
        # a bad option value is a usage error (2); a bad input or database is a failure (1)
        sys.exit(2 if (exc.name or "").startswith("-") else 1)
    except KeyboardInterrupt:
        typer.echo("svodka: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
