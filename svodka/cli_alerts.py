"""The command line of watchlists, alerts and the daily digest (``cli.py`` adds ``alerts_app`` and ``digest_cli`` to its app).

    svodka alerts add NAME --entity "…" | --speaker "…" | --query "…" [--webhook URL]
    svodka alerts list | remove NAME | show [NAME]
    svodka digest [--date D] [--watchlist W] [--format html|md|json] [-o FILE]

Thin wrappers like the rest of the CLI: they parse, call the store and print.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ._cli_common import DbOption, JsonFlag, SettingOption, _archive, _date_opt, _echo_json, one_line
from .errors import SvodkaError

__all__ = ["alerts_app", "digest_cli", "webhooks_for"]

alerts_app = typer.Typer(no_args_is_help=True, help="Watchlists and their alerts: new stories about an entity, new statements by a speaker, fast-growing stories.")
# Seconds ``svodka ingest`` waits at its end for webhooks still being delivered.
WEBHOOK_DRAIN_S = 10.0


class DigestFormat(str, Enum):
    """Formats of the digest."""

    html = "html"
    md = "md"
    json = "json"


def webhooks_for(store, settings):
    """A ``Webhooks`` sender when a watchlist of the archive has a webhook, else None (no thread, no client)."""
    if not any(w.get("webhook") for w in store.watchlists()):
        return None
    from .webhooks import Webhooks

    return Webhooks(settings.base_url, allow_private=settings.fetch_allow_private)


@alerts_app.command("add")
def alerts_add_cli(
    name: str = typer.Argument(..., help="The watchlist's name (letters, digits, _ . -); an existing one gets the terms added."),
    entity: Optional[list[str]] = typer.Option(None, "--entity", help="Alert on new stories about this entity (any form of its name)."),
    speaker: Optional[list[str]] = typer.Option(None, "--speaker", help="Alert on new statements by this speaker."),
    query: Optional[list[str]] = typer.Option(None, "--query", help="Alert on new stories whose articles hold these words (any form)."),
    webhook: Optional[str] = typer.Option(None, "--webhook", help="POST each alert as JSON to this http(s) URL ('' removes it); a loopback or private host must be listed in the fetch_allow_private setting."),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Create a watchlist, or add terms (or a webhook) to one."""
    with _archive(db, setting) as (store, _):
        row = store.add_watchlist(name, entities=entity or [], speakers=speaker or [], queries=query or [], webhook=webhook)
    if as_json:
        _echo_json(row)
        return
    typer.echo(f"watchlist {row['name']}: " + "; ".join(f"{t['kind']} {t['value']}" for t in row["terms"]), err=True)


@alerts_app.command("list")
def alerts_list_cli(as_json: JsonFlag = False, db: DbOption = None, setting: SettingOption = None) -> None:
    """Every watchlist with its terms, webhook and alerts so far."""
    with _archive(db, setting, must_exist=True) as (store, _):
        rows = store.watchlists()
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        typer.echo("no watchlists; add one with: svodka alerts add NAME --entity NAME", err=True)
    for w in rows:
        hook = f", webhook {w['webhook']}" if w.get("webhook") else ""
        typer.echo(f"{w['name']}: {w['alerts']} alert{'' if w['alerts'] == 1 else 's'}{hook}")
        for t in w["terms"]:
            typer.echo(f"  {t['kind']}: {one_line(t['value'])}")


@alerts_app.command("remove")
def alerts_remove_cli(name: str = typer.Argument(..., help="The watchlist to delete, with its alerts."), db: DbOption = None, setting: SettingOption = None) -> None:
    """Delete a watchlist and its alerts."""
    with _archive(db, setting, must_exist=True) as (store, _):
        gone = store.remove_watchlist(name)
    typer.echo(f"removed watchlist {gone['name']} ({gone['alerts']} alerts)", err=True)


@alerts_app.command("show")
def alerts_show_cli(
    name: Optional[str] = typer.Argument(None, help="One watchlist's alerts (default: every watchlist's)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000, help="How many alerts, newest first."),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """The latest alerts, newest first."""
    with _archive(db, setting, must_exist=True) as (store, _):
        rows = store.alerts(name, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:  # an empty answer says so, rather than print nothing
        typer.echo(f"no alerts{' in ' + name if name else ''} yet; they are raised as svodka ingest or svodka watch store articles", err=True)
    for a in rows:
        when = str(a.get("published") or "?").replace("T", " ")[:16]
        typer.echo(f"[{a['watchlist']}] {a['kind']:<9} {when:<16} {a.get('source') or '-'}: {one_line(a.get('title') or '')}")
        if a.get("detail"):
            typer.echo(f"    {one_line(a['detail'])}")
        typer.echo(f"    article {a['article_id']}; {a.get('term') or ''}")


def digest_cli(
    day: Optional[str] = typer.Option(None, "--date", help="The day YYYY-MM-DD (default: the newest day of the archive)."),
    watchlist: Optional[str] = typer.Option(None, "--watchlist", help="Only what this watchlist follows."),
    format: DigestFormat = typer.Option(DigestFormat.html, "--format", "-f", help="html (self-contained, email-ready), md or json."),
    output: Path = typer.Option(Path("-"), "--output", "-o", help="File to write (default stdout)."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Where the links point (default: the base_url setting)."),
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """The daily svodka: the day's top stories with their first outlet and key statements, and the people rising."""
    from .digest import render

    if day:
        day = _date_opt(day, "--date")
    with _archive(db, setting, must_exist=True) as (store, settings):
        text = render(store.digest(day, watchlist), format.value, base_url if base_url is not None else settings.base_url)
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:  # a directory, a missing folder, no permission: one line, not a traceback
            raise SvodkaError(str(output), f"cannot write the digest: {exc.strerror or exc}") from None
        typer.echo(f"wrote {output}", err=True)

