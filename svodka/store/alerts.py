"""Watchlists and alerts: what an analyst follows, and what the archive told them of it.

    add_watchlist(db, "kazakhstan", entities=["Кайрат Абдрахманов"], webhook="https://hooks.example/x")
    new = check_alerts(db, lemmatizer, [101, 102, 103])   # after each stored batch (ingest does it)
    alerts(db, "kazakhstan")

A watchlist has a name, terms and an optional webhook. Each term says what to follow:

- ``entity``: stories about it (an article that mentions the entity: ``article_entities``);
- ``speaker``: its new statements (``quote_appearances`` by its entity, else by the name written);
- ``query``: stories whose articles match the words, in any grammatical form (the full-text index).

``check_alerts`` reads a batch of new articles against every watchlist and records three
kinds of alert: ``story`` (an entity or query term matched), ``statement`` (a watched
speaker spoke) and ``growth`` (a story of the watchlist grows fast: ``GROWTH_*``).

Once per story, not once per reprint: an alert of a kind is not raised again for an
article whose story holds an article that raised one already (the story's articles are
compared, not its id: stories merge and are rebuilt), and a statement alert not again for
a quote that raised one (a reprinted statement is one corpus quote). An article alone is
its own story until another joins it. Growth is measured on the articles' publication
times, not the clock, so an archive loaded late raises the alerts it would have raised as
the news came; articles published without a time of day do not count for it.

Names of entities and speakers are resolved when a batch is checked, not when the
watchlist is made: a watchlist made before its person is in the archive works, and merges
and relinks are followed. A name resolves as ``queries.find_entities`` reads it (every
entity it may mean: "Иванов" follows every Ivanov).
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable

from ..errors import WatchlistError
from . import story_view
from .database import Database, marks, next_id, select_in
from .queries import _expand_terms, find_entities
from .search import Lemmatizer

__all__ = [
    "TERM_KINDS", "ALERT_KINDS", "add_watchlist", "remove_watchlist", "watchlists", "watchlist", "alerts", "check_alerts", "matching_articles", "growth",
    "NAME_RE", "publication_order",
]

# What a watchlist term follows (see the module docstring).
TERM_KINDS = ("entity", "speaker", "query")
# The kinds of alert.
ALERT_KINDS = ("story", "statement", "growth")
# A watchlist name: letters, digits, "_", "." and "-" (it is a path segment of its Atom feed and
# of its DELETE), beginning with a letter, digit or "_": "." and ".." are dot segments that
# clients resolve away, so such a watchlist could be made but never deleted over HTTP.
NAME_RE = re.compile(r"^\w[\w.-]{0,63}$")
# Longest term (characters): a name or a few words.
MAX_TERM_CHARS = 200
# Terms of one watchlist at most (each is a few queries per batch).
MAX_TERMS = 50
# The recent window of the growth measure.
GROWTH_WINDOW = timedelta(hours=1)
# A story grows fast when the window holds at least this many of its articles ...
GROWTH_MIN_ARTICLES = 4
# ... and this many times its usual rate: its earlier articles per hour since its first,
# over at least GROWTH_BASE_HOURS (a story two hours old has no usual rate yet: its first
# articles are spread over a day, so four reprints within its first hour is fast).
GROWTH_FACTOR = 4.0
GROWTH_BASE_HOURS = 24.0
# Characters of a statement kept in its alert.
STATEMENT_CHARS = 300


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _is_http_url(url: str) -> bool:
    """Whether ``url`` is an http(s) URL with a host, as the webhook sender (httpx) will read it.

    A URL the sender cannot read (``http://xn--/``, ``http://:80/``) is refused when it is
    set, not found out at each delivery.
    """
    import httpx

    if not re.match(r"^https?://[^\s/]+", url, re.I):
        return False
    try:
        parsed = httpx.URL(url)
        return parsed.scheme in ("http", "https") and bool(parsed.host)
    except (httpx.InvalidURL, ValueError, UnicodeError):
        return False


def _clean_term(value: Any) -> str:
    return " ".join(str(value or "").split())


# ---------------------------------------------------------------------------- watchlists


def add_watchlist(
    db: Database, name: str, *, entities: Iterable[str] = (), speakers: Iterable[str] = (), queries: Iterable[str] = (), webhook: str | None = None
) -> dict:
    """Create the watchlist ``name``, or add terms to it (and set its webhook when given).

    Raises:
        WatchlistError: a bad name, no term for a new watchlist, a term too long, or a
            webhook that is not an http(s) URL (422).
    """
    name = (name or "").strip()
    if not NAME_RE.match(name):
        raise WatchlistError(name or "<empty>", "a watchlist name is 1-64 letters, digits, '_', '.' or '-', not beginning with '.' or '-'")
    terms = [(kind, _clean_term(v)) for kind, values in zip(TERM_KINDS, (entities, speakers, queries)) for v in values or ()]
    for kind, value in terms:
        if not value or len(value) > MAX_TERM_CHARS:
            raise WatchlistError(name, f"--{kind}: a term is 1-{MAX_TERM_CHARS} characters")
    if webhook is not None:
        webhook = webhook.strip() or None
        if webhook and not _is_http_url(webhook):
            raise WatchlistError(name, f"webhook {webhook[:100]!r} is not an http:// or https:// URL")
    with db.write() as cur:
        cur.execute("SELECT id FROM watchlists WHERE name = ?", [name])
        row = cur.fetchone()
        if row is None:
            if not terms:
                raise WatchlistError(name, "a new watchlist needs a term: --entity, --speaker or --query")
            wid = next_id(cur, "watchlists")
            cur.execute("INSERT INTO watchlists (id, name, webhook, created) VALUES (?, ?, ?, ?)", [wid, name, webhook, _now()])
        else:
            wid = row[0]
            if webhook is not None:
                cur.execute("UPDATE watchlists SET webhook = ? WHERE id = ?", [webhook, wid])
        cur.execute("SELECT COUNT(*) FROM watch_terms WHERE watchlist_id = ?", [wid])
        if cur.fetchone()[0] + len(terms) > MAX_TERMS:
            raise WatchlistError(name, f"a watchlist has at most {MAX_TERMS} terms")
        cur.executemany(
            "INSERT INTO watch_terms (watchlist_id, kind, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", [(wid, k, v) for k, v in dict.fromkeys(terms)]
        )
    return watchlist(db, name)


def remove_watchlist(db: Database, name: str) -> dict:
    """Delete a watchlist with its terms and alerts; returns what it was (404 when there is none)."""
    gone = watchlist(db, name)
    with db.write() as cur:
        for table, column in (("alerts", "watchlist_id"), ("watch_terms", "watchlist_id"), ("watchlists", "id")):
            cur.execute(f"DELETE FROM {table} WHERE {column} = ?", [gone["id"]])
    return gone


def watchlists(db: Database) -> list[dict]:
    """Every watchlist by name: id, name, webhook, created, terms ``[{"kind", "value"}]``, alerts (count), last_alert."""
    return _read_watchlists(db)


def watchlist(db: Database, name: str) -> dict:
    """One watchlist (as in ``watchlists``); WatchlistError 404 when there is none by that name."""
    for row in _read_watchlists(db, name):
        return row
    raise WatchlistError(name, "no such watchlist; svodka alerts list shows them", status=404)


def _read_watchlists(db: Database, name: str | None = None, counts: bool = True) -> list[dict]:
    """The watchlists (the one named ``name`` when given) with their terms; with ``counts`` their alerts counted.

    ``check_alerts`` reads them without counts: counting walks every alert of a watchlist
    (250 ms at 300,000 alerts), which a batch must not pay.
    """
    where, params = ("WHERE w.name = ?", [name]) if name is not None else ("", [])
    if counts:
        rows = db.execute(
            "SELECT w.id, w.name, w.webhook, w.created, COUNT(al.id), MAX(al.created) FROM watchlists w LEFT JOIN alerts al ON al.watchlist_id = w.id "
            f"{where} GROUP BY w.id, w.name, w.webhook, w.created ORDER BY w.name",
            params,
        ).dicts(("id", "name", "webhook", "created", "alerts", "last_alert"))
    else:
        rows = db.execute(f"SELECT w.id, w.name, w.webhook, w.created FROM watchlists w {where} ORDER BY w.name", params).dicts(("id", "name", "webhook", "created"))
    terms: dict[int, list[dict]] = defaultdict(list)
    with db.reading() as cur:
        sql = "SELECT watchlist_id, kind, value FROM watch_terms WHERE watchlist_id IN ({in}) ORDER BY watchlist_id, kind, value"
        for wid, kind, value in select_in(cur, sql, [r["id"] for r in rows]) if rows else ():
            terms[wid].append({"kind": kind, "value": value})
    for row in rows:
        row["terms"] = terms[row["id"]]
    return rows


def alerts(db: Database, name: str | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Alerts newest first (of one watchlist when ``name`` is given), with their article's title, outlet, date and URL.

    Each: id, watchlist, kind, article_id, story_id, quote_id, term, detail, created,
    title, source, published, url.
    """
    conds, params = [], []
    if name is not None:
        conds.append("al.watchlist_id = ?")
        params.append(watchlist(db, name)["id"])
    return _alert_rows(db, conds, params, limit, offset)


def _alert_rows(db: Database, conds: list[str], params: list, limit: int, offset: int = 0) -> list[dict]:
    """The alerts meeting ``conds`` newest first (as ``alerts`` lists them)."""
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    return db.execute(
        "SELECT al.id, w.name, al.kind, al.article_id, al.story_id, al.quote_id, al.term, al.detail, al.created, a.title, s.name, a.published, a.url "
        "FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id LEFT JOIN articles a ON a.id = al.article_id LEFT JOIN sources s ON s.id = a.source_id "
        f"{where} ORDER BY al.id DESC LIMIT ? OFFSET ?",
        params + [limit, max(0, int(offset))],
    ).dicts(("id", "watchlist", "kind", "article_id", "story_id", "quote_id", "term", "detail", "created", "title", "source", "published", "url"))


# ---------------------------------------------------------------------------- matching


def matching_articles(db: Database, lem: Lemmatizer, terms: list[dict], ids: list[int], names: dict[str, list[int]] | None = None) -> dict[int, list[dict]]:
    """Which of the articles ``ids`` the terms match: article id -> its matches.

    A match is ``{"kind": "story", "term": "entity: X"}`` for an entity or query term, and
    ``{"kind": "statement", "term": "speaker: X", "quote_id", "speaker", "text"}`` for each
    statement of a watched speaker. The digest reads a day's articles through it too.
    ``names`` keeps the entities each name resolved to, so watchlists sharing a name
    resolve it once per batch.
    """
    found: dict[int, list[dict]] = defaultdict(list)
    if not ids:
        return found
    names = {} if names is None else names
    for term in terms:
        kind, value = term["kind"], term["value"]
        label = f"{kind}: {value}"
        if kind in ("entity", "speaker") and value not in names:
            names[value] = find_entities(db, lem, value)
        if kind == "entity":
            for aid in _entity_articles(db, names[value], ids):
                found[aid].append({"kind": "story", "term": label})
        elif kind == "query":
            for aid in _query_articles(db, lem, value, ids):
                found[aid].append({"kind": "story", "term": label})
        elif kind == "speaker":
            for aid, quote_id, speaker, text in _statements(db, value, names[value], ids):
                found[aid].append({"kind": "statement", "term": label, "quote_id": quote_id, "speaker": speaker, "text": text})
    return found


def _entity_articles(db: Database, eids: list[int], ids: list[int]) -> set[int]:
    """The articles of ``ids`` that mention one of the entities ``eids`` (what a name may mean)."""
    if not eids:
        return set()
    with db.reading() as cur:
        sql = f"SELECT DISTINCT article_id FROM article_entities WHERE article_id IN ({{in}}) AND entity_id IN ({marks(len(eids))})"
        return {r[0] for r in select_in(cur, sql, ids, eids)}


def _query_articles(db: Database, lem: Lemmatizer, query: str, ids: list[int]) -> set[int]:
    """The articles of ``ids`` holding every word of ``query`` (any form), as ``queries.search`` matches them.

    The index is read between the batch's lowest and highest id (a new batch's ids are the
    newest, consecutive): FTS5 seeks rowid bounds, where an ``IN`` list of ids made it walk
    every match of a common word (5 ms a term at 5,000 articles, growing with the archive).
    """
    terms = lem.query_terms(query)
    if not terms:
        return set()
    from_sql, match_sql, _, match_params, id_sql = db.fts_query(_expand_terms(db, terms), filtered=False)
    wanted = set(ids)
    with db.reading() as cur:
        cur.execute(f"SELECT {id_sql} FROM {from_sql} WHERE {match_sql} AND {id_sql} >= ? AND {id_sql} <= ?", match_params + [min(ids), max(ids)])
        return {r[0] for r in cur.fetchall() if r[0] in wanted}


def _statements(db: Database, speaker: str, eids: list[int], ids: list[int]) -> list[tuple]:
    """(article, quote, speaker, text) of the statements in ``ids`` by ``speaker``: its entities ``eids``, else the name written."""
    if eids:
        # "+": the batch's articles are sought (quote_appearances_article), not every statement
        # the speaker ever made (quote_appearances_speaker, SQLite's choice without the "+").
        cond, params = f"+qa.speaker_id IN ({marks(len(eids))})", list(eids)
    else:
        cond, params = "qa.speaker_name LIKE ?", [f"%{speaker}%"]
    sql = (
        "SELECT qa.article_id, qa.quote_id, COALESCE(e.name, qa.speaker_name), q.text FROM quote_appearances qa JOIN quotes q ON q.id = qa.quote_id "
        f"LEFT JOIN entities e ON e.id = qa.speaker_id WHERE qa.article_id IN ({{in}}) AND {cond} ORDER BY qa.article_id, qa.start"
    )
    with db.reading() as cur:
        return select_in(cur, sql, ids, params)


# ---------------------------------------------------------------------------- growth


def _time(published: str | None) -> datetime | None:
    """A publication time with its time of day (UTC when it names no zone); None for a bare day."""
    return story_view.instant(published) if published and len(published) > 10 else None


# Later than any publication time: where undated articles sort.
_LAST = datetime.max.replace(tzinfo=timezone.utc)


def publication_order(published: str | None) -> datetime:
    """Where an article sorts by publication: its time, a bare day at its start, undated last.

    Times are stored with their outlets' offsets, so as text 09:00+03:00 sorts before
    11:00+06:00, which came an hour earlier: order by this, not by the column.
    """
    return story_view.instant(published) or _LAST


def growth(published: Iterable[str | None], at: datetime | None = None) -> dict | None:
    """How fast a story grows, from its articles' publication times; None when it does not grow fast.

    ``at``: the moment measured (the newest of the batch's articles); articles dated after it
    do not count, so one article dated hours ahead (a wrong time zone) does not move the
    window past the burst that is arriving.

    Returns:
        ``{"recent": articles in the hour up to its newest, "usual": its earlier articles
        per hour, "at": the newest time}`` when ``recent >= GROWTH_MIN_ARTICLES`` and
        ``recent >= GROWTH_FACTOR * usual``.
    """
    times = sorted(t for t in map(_time, published) if t is not None and (at is None or t <= at))
    if len(times) < GROWTH_MIN_ARTICLES:
        return None
    start = times[-1] - GROWTH_WINDOW
    recent = sum(1 for t in times if t > start)
    earlier = len(times) - recent
    hours = max((start - times[0]).total_seconds() / 3600, GROWTH_BASE_HOURS)
    usual = earlier / hours
    if recent >= GROWTH_MIN_ARTICLES and recent >= GROWTH_FACTOR * usual:
        return {"recent": recent, "usual": round(usual, 2), "at": times[-1].isoformat()}
    return None


# ---------------------------------------------------------------------------- checking a batch


def check_alerts(db: Database, lem: Lemmatizer, article_ids: Iterable[int]) -> list[dict]:
    """Read newly stored articles against every watchlist; record and return the new alerts.

    Called after each stored batch (``svodka.ingest.job.ingest``), in a transaction of its
    own: the batch is committed whatever happens here. Returns the new alerts as
    ``alerts`` lists them, each with its watchlist's ``webhook`` (for delivery).
    """
    ids = sorted(set(article_ids))
    if not ids:
        return []
    lists = [w for w in _read_watchlists(db, counts=False) if w["terms"]]
    if not lists:
        return []
    names: dict[str, list[int]] = {}  # each name resolved once for every watchlist
    found = {w["id"]: matching_articles(db, lem, w["terms"], ids, names) for w in lists}
    if not any(found.values()):
        return []
    made: list[tuple] = []
    with db.write() as cur:
        info = {r[0]: r[1:] for r in select_in(cur, "SELECT id, story_id, published FROM articles WHERE id IN ({in})", ids)}
        members = _members(cur, {sid for sid, _ in info.values() if sid is not None})
        for w in lists:
            made.extend(_alerts_of(cur, w["id"], found[w["id"]], info, members))
        if made:
            first = next_id(cur, "alerts")
            stamp = _now()
            rows = [(first + i, *row, stamp) for i, row in enumerate(made)]
            cur.executemany(
                "INSERT INTO alerts (id, watchlist_id, kind, article_id, story_id, quote_id, term, detail, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
            )
    if not made:
        return []
    hooks = {w["name"]: w["webhook"] for w in lists}
    # read back by their ids: another process's alerts committed since are not ours to send
    new = _alert_rows(db, ["al.id >= ?", "al.id < ?"], [first, first + len(made)], len(made))
    for a in new:
        a["webhook"] = hooks.get(a["watchlist"])
    return sorted(new, key=lambda a: a["id"])


def _members(cur: Any, story_ids: set[int]) -> dict[int, list[tuple[int, str | None]]]:
    """Story -> its articles (id, published)."""
    out: dict[int, list[tuple[int, str | None]]] = defaultdict(list)
    for sid, aid, published in select_in(cur, "SELECT story_id, id, published FROM articles WHERE story_id IN ({in})", sorted(story_ids)):
        out[sid].append((aid, published))
    return out


def _alerted(cur: Any, wid: int, kind: str, column: str, values: Iterable[int]) -> set[int]:
    """Which of ``values`` (of ``column``: article_id, quote_id) raised an alert of ``kind`` in watchlist ``wid``."""
    # "+watchlist_id": not an index of its own for the planner; SQLite otherwise walks every
    # alert of the watchlist (alerts_watchlist) instead of seeking the quotes (alerts_quote).
    sql = f"SELECT {column} FROM alerts WHERE {column} IN ({{in}}) AND +watchlist_id = ? AND kind = ?"
    return {r[0] for r in select_in(cur, sql, sorted(set(values)), [wid, kind])}


def _by_story(found: dict[int, list[dict]], info: dict[int, tuple], kind: str) -> dict[tuple, list[tuple[int, dict]]]:
    """The batch's matches of ``kind`` by story, earliest published first: ("s", story) or ("a", article) for an article alone."""
    groups: dict[tuple, list[tuple[int, dict]]] = defaultdict(list)
    # earliest dated first, undated last: an alert points at the outlet that had it first,
    # not at a reprint of unknown time (None sorted as "" came before every date)
    for aid in sorted(found, key=lambda a: (publication_order(info.get(a, (None, None))[1]), a)):
        sid = info.get(aid, (None,))[0]
        for match in found[aid]:
            if match["kind"] == kind:
                groups[("s", sid) if sid is not None else ("a", aid)].append((aid, match))
    return groups


def _alerts_of(cur: Any, wid: int, found: dict[int, list[dict]], info: dict[int, tuple], members: dict[int, list]) -> list[tuple]:
    """The new alerts of one watchlist: (watchlist, kind, article, story, quote, term, detail) rows."""
    rows: list[tuple] = []
    for kind in ("story", "statement"):
        groups = _by_story(found, info, kind)
        if not groups:
            continue
        story_articles = {key: ([m for m, _ in members[key[1]]] if key[0] == "s" else [key[1]]) for key in groups}
        done = _alerted(cur, wid, kind, "article_id", [a for arts in story_articles.values() for a in arts])
        quoted = _alerted(cur, wid, kind, "quote_id", [m["quote_id"] for ms in groups.values() for _, m in ms]) if kind == "statement" else set()
        for key, matches in groups.items():
            fresh = [(aid, m) for aid, m in matches if m.get("quote_id") not in quoted]
            if not fresh or done & set(story_articles[key]):
                continue
            aid, m = fresh[0]
            detail = f"{m['speaker'] or ''}: «{m['text'][:STATEMENT_CHARS]}»" if kind == "statement" else None
            rows.append((wid, kind, aid, key[1] if key[0] == "s" else None, m.get("quote_id"), m["term"], detail))
    rows.extend(_growth_alerts(cur, wid, found, info, members))
    return rows


def _growth_alerts(cur: Any, wid: int, found: dict[int, list[dict]], info: dict[int, tuple], members: dict[int, list]) -> list[tuple]:
    """Growth alerts of one watchlist: its stories in this batch that grow fast, once per story."""
    stories: dict[int, str] = {}
    now: dict[int, datetime] = {}  # story -> the newest time of its articles in this batch
    for aid, matches in found.items():
        sid, published = info.get(aid, (None, None))
        moment = _time(published)
        if sid is not None and matches and moment is not None:
            stories.setdefault(sid, matches[0]["term"])
            now[sid] = max(now.get(sid, moment), moment)
    if not stories:
        return []
    done = _alerted(cur, wid, "growth", "article_id", [a for sid in stories for a, _ in members[sid]])
    rows = []
    for sid, term in sorted(stories.items()):
        arts = members[sid]
        if done & {a for a, _ in arts}:
            continue
        fast = growth((p for _, p in arts), now[sid])
        if fast is None:
            continue
        newest = max((r for r in arts if (_time(r[1]) or _LAST) <= now[sid]), key=lambda r: (_time(r[1]), r[0]))[0]
        detail = f"{fast['recent']} статей за час; обычно {fast['usual']:g} в час"
        rows.append((wid, "growth", newest, sid, None, term, detail))
    return rows
