"""The command line: thin wrappers (``*_cli``) that parse arguments, call the library, format output.

Library code never prints or exits; everything a person sees is written here. Every failure
is one line on stderr naming the input and the reason, and the exit code is 1 when any
input failed, 0 otherwise; no tracebacks.

This module is the entry point: the app, its command tree (written out below, in the order of
``svodka --help``) and ``main``. The commands live in modules by concern: ``_cli_ingest``
(analyze, ingest), ``_cli_archive`` (search, quotes, entity, relink, stories, stats, rejected,
export, serve), ``_cli_eval`` (``svodka eval``), ``cli_alerts`` (alerts, digest) and
``_cli_feeds`` (feeds, watch). They share the options and helpers of ``_cli_common`` and
import nothing from here, so each can be imported on its own.
"""

from __future__ import annotations

import sys

import typer

from ._cli_archive import (
    _story_text,
    entity_cli,
    export_cli,
    quotes_cli,
    rejected_cli,
    relink_cli,
    search_cli,
    serve_cli,
    stats_cli,
    stories_cli,
)
from ._cli_eval import eval_app
from ._cli_feeds import feeds_app, watch_cli
from ._cli_ingest import _documents_for, analyze_cli, ingest_cli
from .cli_alerts import alerts_app, digest_cli
from .errors import SvodkaError

# _story_text and _documents_for: the tests import them from here.
__all__ = ["app", "main", "_story_text", "_documents_for"]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="svodka: who said what, about whom, where and when, in Russian-language news.",
    pretty_exceptions_enable=False,
)


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


# The command tree. ``svodka --help`` lists the commands in this order, then the groups.
app.command("analyze")(analyze_cli)
app.command("ingest")(ingest_cli)
app.command("search")(search_cli)
app.command("quotes")(quotes_cli)
app.command("entity")(entity_cli)
app.command("relink")(relink_cli)
app.command("stories")(stories_cli)
app.command("stats")(stats_cli)
app.command("rejected")(rejected_cli)
app.command("export")(export_cli)
app.command("serve")(serve_cli)
app.command("digest")(digest_cli)
app.command("watch")(watch_cli)
app.add_typer(eval_app, name="eval")
app.add_typer(alerts_app, name="alerts")
app.add_typer(feeds_app, name="feeds")


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
