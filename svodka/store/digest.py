"""The daily svodka: what one day of the archive says, as data (``svodka.digest`` renders it).

    digest(db, lemmatizer, "2024-03-28")                    # the whole archive's day
    digest(db, lemmatizer, "2024-03-28", watchlist="kz")    # only what the watchlist matches

- **Top stories**: the day's articles grouped by story (an article alone is a story of its
  own), ranked by the outlets that reported it that day, then by its growth (articles that
  day against the day before), then by its articles that day. Each with its first outlet
  (the story's earliest article, whatever the day), the day's articles and its key
  statements: those made in the day's articles, speakers named first, most reprinted first.
- **Rising people**: persons whose mentions that day rose most against their usual level
  (mean mentions per day over the ``USUAL_DAYS`` before), with their last ``SPARK_DAYS``
  days of mentions for a sparkline.

With a watchlist, only the day's articles its terms match (``alerts.matching_articles``)
count, and the rising people are those named in them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from ..errors import InputError
from . import alerts, story_view
from .database import Database, select_in
from .search import Lemmatizer

__all__ = ["digest", "TOP_STORIES", "USUAL_DAYS", "SPARK_DAYS"]

# Stories in a digest at most.
TOP_STORIES = 10
# Statements shown per story at most, and articles listed per story at most.
STORY_STATEMENTS = 3
STORY_ARTICLES = 8
# Rising people listed at most, and the mentions a day needs to count as a rise.
RISERS = 8
MIN_RISE_MENTIONS = 2
# Days before the digest's day whose mean is a person's usual level.
USUAL_DAYS = 28
# A level added to the usual one before the ratio: a person never named before and named
# three times today rises by 6, not by infinity, and one named 10 times against a usual 4
# (x2.2) ranks below.
RISE_FLOOR = 0.5
# Days of the sparkline (the digest's day last).
SPARK_DAYS = 14
# The earliest digest day: the days before it that a digest reads must exist in the calendar.
EARLIEST_DAY = date.min + timedelta(days=max(USUAL_DAYS, SPARK_DAYS))


def _day(db: Database, day: Any) -> str:
    """The digest's day as ISO: the one given, else the newest day of the archive up to today."""
    if day:
        text = str(day).strip()
        try:
            the_day = date.fromisoformat(text) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else None
        except ValueError:
            the_day = None
        if the_day is None:
            raise InputError("--date", f"expected a date as YYYY-MM-DD, got {text[:40]!r}")
        if the_day < EARLIEST_DAY:  # the usual level reads USUAL_DAYS before it: no earlier than the calendar
            raise InputError("--date", f"{text} is before {EARLIEST_DAY.isoformat()}, the earliest day a digest is made for")
        return the_day.isoformat()
    today = date.today().isoformat()
    row = db.execute("SELECT MAX(day) FROM articles WHERE day <= ?", [today]).first()
    return row[0] if row and row[0] else today


def digest(db: Database, lem: Lemmatizer, day: Any = None, watchlist: str | None = None, top: int = TOP_STORIES) -> dict:
    """The day's svodka as a dict (see the module docstring).

    Returns:
        ``{"date", "watchlist", "articles", "outlets", "stories": [...], "risers": [...],
        "spark_days": [ISO days]}``; a story: ``id`` (None for an article alone), ``title``,
        ``articles`` and ``outlets`` that day, ``previous_day`` (its articles the day
        before), ``size`` and ``sources`` (the whole story), ``first`` (the earliest
        article: ``article_id``, ``title``, ``url``; ``source`` and ``published`` of the first
        outlet when ``known``, see ``_first``), ``items``
        (the day's articles) and ``statements`` (``quote_id``, ``speaker``, ``text``,
        ``kind``, ``count``, ``article_id``, ``source``); a riser: ``id``, ``name``,
        ``today``, ``usual``, ``days`` (mentions per day of ``spark_days``).

    Raises:
        InputError: ``day`` is not a date; WatchlistError: no such watchlist.
    """
    the_day = _day(db, day)
    rows = db.execute(
        "SELECT a.id, a.story_id, a.source_id, a.published, a.title, s.name, a.url FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
        "WHERE a.day = ?",
        [the_day],
    )
    rows = sorted(rows, key=lambda r: (alerts.publication_order(r[3]), r[0]))  # by time, not as text (offsets differ)
    if watchlist is not None:
        terms = alerts.watchlist(db, watchlist)["terms"]
        matched = alerts.matching_articles(db, lem, terms, [r[0] for r in rows])
        rows = [r for r in rows if r[0] in matched]
    ids = [r[0] for r in rows]
    stories = _top_stories(db, rows, the_day, top)
    spark_days = [(date.fromisoformat(the_day) - timedelta(days=i)).isoformat() for i in range(SPARK_DAYS - 1, -1, -1)]
    return {
        "date": the_day,
        "watchlist": watchlist,
        "articles": len(rows),
        "outlets": len({r[2] for r in rows if r[2] is not None}),
        "stories": stories,
        "risers": _risers(db, the_day, ids if watchlist is not None else None, spark_days),
        "spark_days": spark_days,
    }


def _top_stories(db: Database, rows: list[tuple], the_day: str, top: int) -> list[dict]:
    """The day's stories, best first (see the module docstring), at most ``top``."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for r in rows:
        groups[("s", r[1]) if r[1] is not None else ("a", r[0])].append(r)
    sids = [k[1] for k in groups if k[0] == "s"]
    previous = (date.fromisoformat(the_day) - timedelta(days=1)).isoformat()
    before: dict[int, int] = {}
    whole: dict[int, tuple] = {}
    if sids:
        with db.reading() as cur:
            before = dict(select_in(cur, "SELECT story_id, COUNT(*) FROM articles WHERE story_id IN ({in}) AND day = ? GROUP BY story_id", sids, [previous]))
            whole = {r[0]: r[1:] for r in select_in(cur, "SELECT id, size, sources, title FROM stories WHERE id IN ({in})", sids)}

    def rank(item: tuple[tuple, list[tuple]]) -> tuple:
        key, arts = item
        outlets = len({a[2] for a in arts if a[2] is not None}) or 1
        grew = len(arts) - (before.get(key[1], 0) if key[0] == "s" else 0)
        return (-outlets, -grew, -len(arts), arts[0][3] or "", key[1])

    out = []
    for key, arts in sorted(groups.items(), key=rank)[:top]:
        sid = key[1] if key[0] == "s" else None
        size, sources, title = whole.get(sid, (len(arts), 1, None))
        out.append({
            "id": sid,
            "title": title or arts[0][4],
            "articles": len(arts),
            "outlets": len({a[2] for a in arts if a[2] is not None}),
            "previous_day": before.get(sid, 0) if sid is not None else 0,
            "size": size,
            "sources": sources,
            "first": _first(db, sid, arts[0]),
            "items": [{"article_id": a[0], "title": a[4], "source": a[5], "published": a[3], "url": a[6]} for a in arts[:STORY_ARTICLES]],
            "statements": _statements(db, [a[0] for a in arts]),
        })
    return out


def _first(db: Database, sid: int | None, alone: tuple) -> dict:
    """The story's earliest article (the article itself when alone), with the first outlet and
    its time only when known (``story_view.first_report``: time zones compared as instants; a
    tie, an undated article or one of unknown outlet names nobody); ``known`` says which."""
    if sid is not None:
        earliest, first = story_view.first_report(db, sid)
        if earliest is not None:
            return {
                "article_id": earliest["id"], "title": earliest["title"], "source": first["source"] if first else None,
                "published": first["published"] if first else None, "url": earliest["url"], "known": first is not None,
            }
    row = alone
    return {"article_id": row[0], "title": row[4], "source": row[5], "published": row[3], "url": row[6], "known": bool(row[5])}


def _statements(db: Database, article_ids: list[int]) -> list[dict]:
    """The key statements made in these articles: speakers named first, most reprinted first, each where it appeared first."""
    seen: dict[int, dict] = {}
    with db.reading() as cur:
        found = select_in(
            cur,
            "SELECT q.id, COALESCE(e.name, q.speaker_name, qa.speaker_name), q.text, qa.kind, q.appearances, qa.article_id, s.name, a.published, qa.start "
            "FROM quote_appearances qa JOIN quotes q ON q.id = qa.quote_id JOIN articles a ON a.id = qa.article_id "
            "LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id WHERE qa.article_id IN ({in})",
            article_ids,
        )
        found.sort(key=lambda r: (alerts.publication_order(r[7]), r[5], r[8]))  # where each appeared first, by time
        for qid, speaker, text, kind, count, aid, source, _, _ in found:
            seen.setdefault(qid, {"quote_id": qid, "speaker": speaker, "text": text, "kind": kind, "count": count, "article_id": aid, "source": source})
    ranked = sorted(seen.values(), key=lambda q: (q["speaker"] is None, -(q["count"] or 0), q["quote_id"]))
    return ranked[:STORY_STATEMENTS]


def _risers(db: Database, the_day: str, article_ids: list[int] | None, spark_days: list[str]) -> list[dict]:
    """Persons whose mentions on the day rose most against their usual level (of ``article_ids``' persons when given)."""
    sql = (
        "SELECT d.entity_id, e.name, d.n FROM entity_days d JOIN entities e ON e.id = d.entity_id "
        "WHERE d.day = ? AND e.type = 'PER' AND e.merged_into IS NULL AND d.n >= ?"
    )
    today = {eid: (name, n) for eid, name, n in db.execute(sql, [the_day, MIN_RISE_MENTIONS])}
    if article_ids is not None:
        with db.reading() as cur:
            named = {r[0] for r in select_in(cur, "SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN ({in})", article_ids)}
        today = {eid: v for eid, v in today.items() if eid in named}
    if not today:
        return []
    start = (date.fromisoformat(the_day) - timedelta(days=USUAL_DAYS)).isoformat()
    history: dict[int, dict[str, int]] = defaultdict(dict)
    with db.reading() as cur:
        for eid, day, n in select_in(cur, "SELECT entity_id, day, n FROM entity_days WHERE entity_id IN ({in}) AND day >= ? AND day <= ?", sorted(today), [start, the_day]):
            history[eid][day] = n
    out = []
    for eid, (name, n) in today.items():
        usual = sum(v for d, v in history[eid].items() if d < the_day) / USUAL_DAYS
        out.append({"id": eid, "name": name, "today": n, "usual": round(usual, 2), "rise": round(n / (usual + RISE_FLOOR), 2), "days": [history[eid].get(d, 0) for d in spark_days]})
    out.sort(key=lambda r: (-r["rise"], -r["today"], r["name"]))
    return out[:RISERS]

