"""What the command modules share: the options every command takes, the archive, failures and output.

The bottom of the CLI: it imports no command module, so each (``_cli_ingest``, ``_cli_archive``,
``_cli_eval``, ``cli_alerts``, ``_cli_feeds``) imports it and can be imported on its own;
``cli.py`` builds the app from them.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import SvodkaError

# Help text of the settings override every command takes.
SETTING_HELP = "Override a setting: -s name=value (see README: Settings)."

# Where the archive is, for every archive command.
DB_HELP = "Database: a SQLite path or sqlite:///path, or postgresql://... (default ./svodka.db or SVODKA_DATABASE_URL)."

# Options most commands share.
SettingOption = Annotated[Optional[list[str]], typer.Option("--setting", "-s", help=SETTING_HELP)]
DbOption = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]
JsonFlag = Annotated[bool, typer.Option("--json", help="JSON for scripts.")]


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


@contextlib.contextmanager
def _archive(db: str | None, setting: list[str] | None = None, *, must_exist: bool = False):
    """The store named on the command line, else by the settings, for a ``with`` block: yields
    ``(store, settings)`` and closes the store when the block ends, however it ends.

    Commands that only read pass ``must_exist``: a mistyped SQLite path is an error, not a new
    empty archive.
    """
    from .store import open_store

    settings = _settings(setting)
    url = db or settings.database_url
    path = _sqlite_path(url)
    if must_exist and path is not None and not path.exists():
        raise SvodkaError(str(path), f"no archive here; create one with: svodka ingest PATH --db {path}")
    with open_store(url) as store:
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
