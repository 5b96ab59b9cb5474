"""The commands over the archive: search, statements, entities (and the analyst's corrections),
relink, stories, counts, rejected inputs, export and ``svodka serve``.

``cli.py`` adds these ``*_cli`` functions to its app under their command names.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from ._cli_common import DbOption, JsonFlag, SettingOption, _archive, _date_opt, _echo_json, _table, one_line
from .errors import SvodkaError


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
    with _archive(db, setting, must_exist=True) as (store, _):
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
    with _archive(db, setting, must_exist=True) as (store, _):
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
    with _archive(db, setting, must_exist=True) as (store, _):
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
    with _archive(db, setting, must_exist=True) as (store, _):
        do = {"merge": store.merge_entities, "split": store.split_entity, "alias": store.alias_entity}[action]
        result = do(words[1], words[2])
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


def relink_cli(
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Link every stored article again: corpus entities and statements rebuilt, the analyst's corrections applied, stories kept."""
    with _archive(db, setting, must_exist=True) as (store, _):
        n = store.relink()
    if as_json:
        _echo_json({"articles": n})
        return
    typer.echo(f"relinked {n} articles", err=True)


def stories_cli(
    story_id: int = typer.Argument(None, help="One story by id: its outlets, first outlet, articles, statements and growth."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=1000),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Stories (one event in several articles): outlets, the first outlet with its time, articles; one story in full by id."""
    with _archive(db, setting, must_exist=True) as (store, _):
        rows = [store.story(story_id)] if story_id is not None else store.stories(limit=limit)
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


def stats_cli(
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Counts of what the archive holds."""
    with _archive(db, setting, must_exist=True) as (store, _):
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


def rejected_cli(
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="Only the latest N (default: every one)."),
    as_json: JsonFlag = False,
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Every input the archive rejected, by name, with its reason (latest first)."""
    with _archive(db, setting, must_exist=True) as (store, _):
        rows = store.rejected(limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        typer.echo("no rejected inputs", err=True)
    for row in rows:
        many = f" ({row['count']} inputs)" if (row.get("count") or 1) > 1 else ""
        typer.echo(f"{one_line(row.get('name') or '')}: {one_line(row.get('reason') or '')}{many}")


def export_cli(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="parquet needs pip install 'svodka[parquet]'."),
    what: ExportWhat = typer.Option(ExportWhat.articles, "--what", help="articles (one row per article: title, outlet, date, URL, persons, organisations, places) or quotes (one row per statement)."),
    output: Path = typer.Option(Path("-"), "--output", "-o", help="File to write (default stdout)."),
    db: DbOption = None,
    setting: SettingOption = None,
) -> None:
    """Export the articles with their analysis, or every statement."""
    with _archive(db, setting, must_exist=True) as (store, _):
        if format is ExportFormat.parquet:
            _export_parquet(store, output, what.value)
            return
        if str(output) == "-":
            n = store.export(format.value, sys.stdout, what=what.value)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = store.export(format.value, fh, what=what.value)
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


def serve_cli(
    db: DbOption = None,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; localhost unless told otherwise."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    setting: SettingOption = None,
) -> None:
    """Serve the web interface and the JSON API over the archive."""
    from .config import Settings
    from .web import serve

    with _archive(db, setting) as (_, settings):
        pass  # opened (and closed) here, so that an archive that cannot be opened fails before "serving"
    if settings.base_url == Settings.base_url and (host, port) != ("127.0.0.1", 8000):
        # links in the digest, the Atom feeds and webhooks point at this server unless told otherwise
        settings.base_url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    # binds before announcing: a busy port is one line and exit 1, not "serving" then a traceback
    serve(db or settings.database_url, host=host, port=port, api_token=settings.api_token or None, settings=settings,
          announce=lambda line: typer.echo(f"svodka: {line}", err=True))
