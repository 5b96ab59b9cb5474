"""The command line of following feeds: ``svodka feeds add|import|list|remove|pause|resume`` and ``svodka watch``.

Thin wrappers over ``svodka.watch`` and ``svodka.store.feeds``, in the style of ``cli.py`` (with the
helpers of ``_cli_common``): one line per failed input on stderr, exit code 1 when any failed.
``cli.py`` adds ``feeds_app`` and ``watch_cli`` to its app.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

from ._cli_common import DbOption, JsonFlag, SettingOption, _archive, _echo_json, _Failures, _table
from .errors import SvodkaError

__all__ = ["feeds_app", "watch_cli"]

feeds_app = typer.Typer(no_args_is_help=True, help="The feeds svodka watch follows (kept in the archive).")


def _every(value: str | None, option: str = "--every") -> int | None:
    """An interval option in seconds, or a usage error naming the option it came from."""
    if value is None:
        return None
    from .watch.feeds import parse_every

    try:
        return parse_every(value)
    except ValueError as exc:
        raise SvodkaError(option, str(exc)) from None


@feeds_app.command("add")
def feeds_add_cli(
    urls: list[str] = typer.Argument(..., help="Feed URLs, or sites' pages whose feeds are discovered."),
    name: Optional[str] = typer.Option(None, "--name", help="A name for the feed (default: its title)."),
    every: Optional[str] = typer.Option(None, "--every", help="Poll this often (10m, 2h, 90s) instead of the adaptive schedule."),
    no_discover: bool = typer.Option(False, "--no-discover", help="Add the URLs as they are, without fetching them."),
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Follow feeds. A site's page is accepted: its feeds are found (<link rel=alternate>, common paths).

    A feed on this machine or a private network needs -s fetch_allow_private=HOST (here and for svodka watch).
    """
    from .ingest.fetch import Fetcher
    from .store import feeds as feed_store
    from .watch.feeds import find_feeds, outlet_name, url_problem

    fixed = _every(every)
    failures = _Failures()
    with _archive(db, setting) as (store, settings):
        fetcher = None if no_discover else Fetcher(allow_private=settings.fetch_allow_private, retries=1)
        for url in urls:
            problem = url_problem(url)
            if problem:
                failures(url, problem)
                continue
            try:
                found = [(url, None)] if fetcher is None else find_feeds(url, fetcher.fetch)
            except SvodkaError as exc:
                failures(url, exc.reason)
                continue
            for feed_url, title in found:
                feed_id, new = feed_store.add_feed(store.db, feed_url, name=name or outlet_name(title), site=url if feed_url != url else None, fixed=fixed)
                typer.echo(f"{'added' if new else 'already followed'}: {feed_id} {feed_url}")
    if failures.count:
        raise typer.Exit(1)


@feeds_app.command("import")
def feeds_import_cli(
    path: Path = typer.Argument(..., help="An OPML file (a feed reader's export)."),
    every: Optional[str] = typer.Option(None, "--every", help="Poll every imported feed this often."),
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Follow every feed of an OPML subscription list."""
    from .errors import InputError
    from .store import feeds as feed_store
    from .watch.feeds import parse_opml

    fixed = _every(every)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None
    found = parse_opml(data, str(path))
    added = 0
    with _archive(db, setting) as (store, _):
        for url, title in found:
            _, new = feed_store.add_feed(store.db, url, name=title, fixed=fixed)
            added += new
    typer.echo(f"imported {len(found)} feed{'' if len(found) == 1 else 's'} ({added} new) from {path}", err=True)


def _ago(epoch: int | None, now: float) -> str:
    """"3m ago", "in 2h", "never"."""
    if not epoch:
        return "never" if epoch is None else "now"
    delta = int(epoch - now)
    text = _span(abs(delta))
    return f"in {text}" if delta > 0 else f"{text} ago"


def _span(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _status(feed: dict) -> str:
    if feed["paused"]:
        return "paused"
    if feed["failing"]:
        return "failing"
    if feed["errors"]:
        return f"errors {feed['errors']}"
    return "ok" if feed["last_success"] else "new"


@feeds_app.command("list")
def feeds_list_cli(as_json: JsonFlag = False, db: DbOption = None, setting: SettingOption = None) -> None:
    """Each feed with its health: last success, next poll, error count, items per day."""
    from .store import feeds as feed_store

    with _archive(db, setting, must_exist=True) as (store, _):
        feeds = feed_store.list_feeds(store.db)
    if as_json:
        _echo_json(feeds)
        return
    if not feeds:
        typer.echo("no feeds followed; add one with: svodka feeds add URL", err=True)
        return
    now = time.time()
    rows = [
        [f["id"], f["url"], _status(f), _ago(f["last_success"], now), "" if f["paused"] else _ago(f["next_poll"], now),
         f["errors"], "" if f["items_per_day"] is None else f"{f['items_per_day']:.1f}", f["items"]]
        for f in feeds
    ]
    # the URL names the feed; names and the last error are in --json
    _table(f"{len(feeds)} feed{'' if len(feeds) == 1 else 's'}", ["id", "feed", "status", "last ok", "next poll", "errors", "per day", "items"], rows)


def _each_feed(keys: list[str], db: str | None, setting: list[str] | None, action) -> None:
    """Apply ``action(db, feed)`` to the feeds named by id or URL; an unknown one is a failure."""
    from .store import feeds as feed_store

    failures = _Failures()
    with _archive(db, setting, must_exist=True) as (store, _):
        for key in keys:
            feed = feed_store.find_feed(store.db, key)
            if feed is None:
                failures(key, "no such feed (see svodka feeds list)")
                continue
            typer.echo(action(store.db, feed))
    if failures.count:
        raise typer.Exit(1)


@feeds_app.command("remove")
def feeds_remove_cli(feeds: list[str] = typer.Argument(..., help="Feed ids or URLs."), db: DbOption = None, setting: SettingOption = None) -> None:
    """Stop following feeds (their stored articles stay)."""
    from .store import feeds as feed_store

    def action(database, feed):
        feed_store.remove_feed(database, feed["id"])
        return f"removed: {feed['id']} {feed['url']}"

    _each_feed(feeds, db, setting, action)


@feeds_app.command("pause")
def feeds_pause_cli(feeds: list[str] = typer.Argument(..., help="Feed ids or URLs."), db: DbOption = None, setting: SettingOption = None) -> None:
    """Stop polling feeds until they are resumed."""
    from .store import feeds as feed_store

    def action(database, feed):
        feed_store.set_paused(database, feed["id"], True)
        return f"paused: {feed['id']} {feed['url']}"

    _each_feed(feeds, db, setting, action)


@feeds_app.command("resume")
def feeds_resume_cli(feeds: list[str] = typer.Argument(..., help="Feed ids or URLs."), db: DbOption = None, setting: SettingOption = None) -> None:
    """Poll paused or failing feeds again, at once."""
    from .store import feeds as feed_store

    def action(database, feed):
        feed_store.set_paused(database, feed["id"], False)
        return f"resumed: {feed['id']} {feed['url']}"

    _each_feed(feeds, db, setting, action)


def _warn_if_no_feeds(store, once: bool) -> bool:
    """True (after the one line saying so) when the archive follows no feed.

    ``--once`` then fails; a long-running watcher only warns, as feeds added later are polled.
    """
    from .store import feeds as feed_store

    if feed_store.list_feeds(store.db):
        return False
    hint = f"no feeds followed; add one with: svodka feeds add URL --db {store.name}"
    typer.echo(f"svodka: {store.name}: {hint}" + ("" if once else " (watching for feeds added later)"), err=True)
    return True


def watch_cli(
    db: DbOption = None,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=0, help="Analysis processes for a backlog (0: one per core)."),
    min_interval: str = typer.Option("5m", "--min-interval", help="Shortest adaptive interval between polls of a feed."),
    max_interval: str = typer.Option("6h", "--max-interval", help="Longest adaptive interval."),
    concurrency: int = typer.Option(100, "--concurrency", min=1, help="Polls in flight at once (one per host at a time still)."),
    lease: str = typer.Option("5m", "--lease", help="How long a claim on a feed holds: a dead watcher's feeds pass to others after it."),
    once: bool = typer.Option(False, "--once", help="Poll what is due once, store what it brings, and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no line per failed poll or page."),
    setting: SettingOption = None,
) -> None:
    """Poll the followed feeds on their schedules, fetch new items' pages, analyse and store them (SIGTERM: finish the batch and exit)."""
    from .watch.watcher import WatchOptions, watch

    low, high, lease_s = (_every(v, o) for v, o in ((min_interval, "--min-interval"), (max_interval, "--max-interval"), (lease, "--lease")))
    if low > high:
        raise SvodkaError("--min-interval", f"{min_interval} is longer than --max-interval {max_interval}")
    failures = _Failures()
    with _archive(db, setting) as (store, settings):
        if _warn_if_no_feeds(store, once) and once:
            raise typer.Exit(1)
        options = WatchOptions(
            workers=workers if workers is not None else settings.workers, batch_size=settings.batch_size, low=low, high=high,
            lease=lease_s, concurrency=concurrency, allow_private=settings.fetch_allow_private, max_bytes=settings.max_bytes, once=once,
            analysis={"time_budget": settings.time_budget, "max_words": settings.max_words},
        )
        from .cli_alerts import WEBHOOK_DRAIN_S, webhooks_for

        hooks = webhooks_for(store, settings)  # None unless a watchlist has a webhook when the watcher starts
        typer.echo(f"svodka: watching the feeds of {store.name} (SIGTERM or Ctrl-C: finish the batch in hand and stop)", err=True)
        try:
            counters = watch(store, options, on_error=None if quiet else failures, on_alerts=hooks)
        finally:
            if hooks is not None:
                hooks.close(timeout=WEBHOOK_DRAIN_S)
    typer.echo(counters.line(), err=True)
    if once and (failures.count or counters.poll_errors or counters.rejected):
        raise typer.Exit(1)  # one round is a batch: a failed poll or page makes it fail, as in svodka ingest
