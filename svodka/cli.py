"""The command line: thin wrappers (``*_cli``) that parse arguments, call the library, format output.

Library code never prints or exits; everything a person sees is written here. Every failure
is one line on stderr naming the input and the reason, and the exit code is 1 when any
input failed, 0 otherwise; no tracebacks.

This module holds the app, the options and helpers the commands share, and ``main``; the
commands live in modules by concern, each adding its commands to ``app``: ``_cli_ingest``
(analyze, ingest), ``_cli_archive`` (search, quotes, entity, relink, stories, stats,
rejected, export, serve), ``_cli_eval`` (``svodka eval``), ``cli_alerts`` (alerts, digest)
and ``_cli_feeds`` (feeds, watch). They import these helpers, so they are imported at the end.
"""

from __future__ import annotations

import contextlib
import json
import sys
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

# Help text of the settings override every command takes.
SETTING_HELP = "Override a setting: -s name=value (see README: Settings)."

# Where the archive is, for every archive command.
DB_HELP = "Database: a SQLite path or sqlite:///path, or postgresql://... (default ./svodka.db or SVODKA_DATABASE_URL)."

# Options most commands share.
SettingOption = Annotated[Optional[list[str]], typer.Option("--setting", "-s", help=SETTING_HELP)]
DbOption = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON for scripts.")]


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


def _check_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise SvodkaError("--published", f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _date_opt(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return _check_date(value)
    except SvodkaError:
        raise SvodkaError(option, f"{value!r} is not a date in the form YYYY-MM-DD") from None


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


@contextlib.contextmanager
def _archive(db: str | None, setting: list[str] | None = None, *, must_exist: bool = False):
    """``_open`` for a ``with`` block: yields ``(store, settings)`` and closes the store when the block ends, however it ends."""
    store, settings = _open(db, setting, must_exist=must_exist)
    with store:
        yield store, settings


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


# The commands, by concern: each module adds its own to ``app`` when imported (in this order:
# the order of ``svodka --help``). They use this module's helpers, hence here, at the end.
from . import _cli_ingest, _cli_archive  # noqa: E402
from ._cli_eval import eval_app  # noqa: E402

app.add_typer(eval_app, name="eval")
# Watchlists, alerts and the digest live in their own module, which adds its commands to ``app``.
from . import cli_alerts  # noqa: E402,F401
# Following feeds (issue 17): ``svodka feeds ...`` and ``svodka watch`` live in _cli_feeds.py.
from ._cli_feeds import feeds_app, watch_cli  # noqa: E402

app.add_typer(feeds_app, name="feeds")
app.command("watch")(watch_cli)

# Imported from here by the tests.
_story_text = _cli_archive._story_text
_documents_for = _cli_ingest._documents_for


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
