"""What a story shows (issue 17): its outlets, the first outlet with its time, its articles,
its statements with speakers, and how it grew.

One shape for the three faces (``svodka stories``, ``/api/stories[/{id}]``, the story pages):

- ``outlets``: the distinct known outlets, in the order they first reported; ``unknown_sources``:
  the articles whose outlet is not known. The stored ``stories.sources`` counts known outlets
  only, so a story of articles without an outlet used to read "34 статьи, 0 изданий".
- ``first``: the earliest article, with its outlet and time, only when both are known and no
  other article could have come before it or with it (an undated article, one of an unknown
  outlet, another outlet at the same time or within a bare day: then nobody is named first).
- ``growth``: articles per hour from the first report (per day when the story spans more
  than ``GROWTH_HOURS`` hours), for the page's bars.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any

from .database import Database, select_in

__all__ = ["first_report", "stories", "story", "GROWTH_HOURS", "STORY_STATEMENTS"]

# Hourly bars up to this many hours of a story's span; past it, daily bars.
GROWTH_HOURS = 96
# Statements listed on a story's page at most.
STORY_STATEMENTS = 50

_STORY_COLUMNS = ("id", "title", "size", "sources", "first_published", "last_published")
_ARTICLES_SQL = (
    "SELECT a.story_id, a.id, a.title, s.name, a.published, a.url FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
    "WHERE a.story_id IN ({in}) ORDER BY a.published IS NULL, a.published, a.id"
)


def instant(value: str | None) -> datetime | None:
    """A stored publication time as an aware UTC instant (a time without a zone read as UTC, a
    bare day as its midnight), so reports of outlets in different time zones compare; None
    when missing or unreadable. The one reading of ``articles.published`` as a moment (the
    alerts' growth and order use it too)."""
    if not value:
        return None
    try:
        t = datetime.fromisoformat(value)
    except ValueError:
        return None
    return t.astimezone(timezone.utc) if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _moment(value: str | None) -> datetime | None:
    """``instant`` as a naive UTC datetime (what the story view compares and subtracts)."""
    t = instant(value)
    return t.replace(tzinfo=None) if t is not None else None


def _growth(articles: list[dict]) -> dict[str, Any]:
    """Articles per hour (or per day) from the earliest dated article: ``{"step", "bars"}``."""
    times = sorted(t for t in (_moment(a.get("published")) for a in articles) if t is not None)
    if not times:
        return {"step": None, "bars": []}
    hourly = (times[-1] - times[0]) <= timedelta(hours=GROWTH_HOURS)
    start = times[0].replace(minute=0, second=0, microsecond=0)
    if not hourly:
        start = start.replace(hour=0)
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    counts: dict[int, int] = defaultdict(int)
    for t in times:
        counts[int((t - start) / step)] += 1
    bars = [{"start": (start + i * step).isoformat(timespec="minutes"), "articles": counts.get(i, 0)} for i in range(max(counts) + 1)]
    return {"step": "hour" if hourly else "day", "bars": bars}


def _shape(story: dict) -> dict:
    """Add ``outlets``, ``unknown_sources``, ``first`` and ``growth`` to a story with its articles (oldest first)."""
    articles = story.get("articles") or []
    # The store orders by the published string; outlets in other time zones need the instant.
    articles.sort(key=lambda a: (_moment(a.get("published")) is None, _moment(a.get("published")) or datetime.min, a["id"]))
    outlets = list(dict.fromkeys(a["source"] for a in articles if a.get("source")))
    earliest = articles[0] if articles else None
    first = None
    if earliest and earliest.get("source") and earliest.get("published") and not _doubtful_first(articles):
        first = {"source": earliest["source"], "published": earliest["published"], "article_id": earliest["id"]}
    story.update(outlets=outlets, sources=len(outlets), unknown_sources=sum(1 for a in articles if not a.get("source")), first=first, growth=_growth(articles))
    for a in articles:
        a["first"] = first is not None and a["id"] == first["article_id"]
    return story


def _latest(value: str) -> datetime:
    """The latest moment a publication time may stand for: a bare day (no time of day) may be
    any time until the next midnight, a time is itself."""
    t = _moment(value) or datetime.min
    return t + timedelta(days=1) - timedelta(microseconds=1) if len(value.strip()) <= 10 else t


def _doubtful_first(articles: list[dict]) -> bool:
    """Whether another outlet's article, or one of unknown outlet or time, may have come first
    or at the same moment: an undated article; a report of another (or unknown) outlet at the
    earliest time (a tie names nobody) or within the earliest article's bare day."""
    if any(_moment(a.get("published")) is None for a in articles):
        return True
    earliest = articles[0]
    until = _latest(earliest["published"])
    return any(
        _moment(a["published"]) <= until and (not a.get("source") or a["source"] != earliest["source"])
        for a in articles[1:]
    )


def stories(db: Database, limit: int = 20) -> list[dict]:
    """Stories (two or more articles), largest and most recent first, each in the shape of ``_shape``."""
    out = db.execute(
        f"SELECT {', '.join(_STORY_COLUMNS)} FROM stories ORDER BY size DESC, last_published IS NULL, last_published DESC, id LIMIT ?", [limit]
    ).dicts(_STORY_COLUMNS)
    _attach_articles(db, out)
    return [_shape(s) for s in out]


def _attach_articles(db: Database, rows: list[dict]) -> None:
    children: dict[int, list] = defaultdict(list)
    if rows:
        with db.reading() as cur:
            for r in select_in(cur, _ARTICLES_SQL, [row["id"] for row in rows]):
                children[r[0]].append(dict(zip(("id", "title", "source", "published", "url"), r[1:])))
    for row in rows:
        row["articles"] = children[row["id"]]


def first_report(db: Database, story_id: int) -> tuple[dict | None, dict | None]:
    """A story's earliest article (by the instant) and its first outlet by the rule of
    ``_shape`` (None when not known): what the digest names first, as the story page does."""
    rows = [{"id": story_id}]
    _attach_articles(db, rows)
    shaped = _shape(rows[0])
    return (shaped["articles"][0] if shaped["articles"] else None), shaped["first"]


def story(db: Database, story_id: int) -> dict | None:
    """One story with its articles, outlets, first outlet, growth and statements (None when unknown).

    ``statements``: each quote of the story's articles once, at its earliest appearance in the
    story, oldest first, with ``speaker`` (the corpus entity's name, else the written one),
    ``speaker_id``, ``speaker_kind``, ``kind`` (direct/indirect), ``cue``, ``via`` and the article's
    id, title, outlet and time.
    """
    rows = db.execute(f"SELECT {', '.join(_STORY_COLUMNS)} FROM stories WHERE id = ?", [story_id]).dicts(_STORY_COLUMNS)
    if not rows:
        return None
    _attach_articles(db, rows)
    out = _shape(rows[0])
    quotes = db.execute(
        "SELECT q.id, q.text, q.speaker_id, COALESCE(e.name, q.speaker_name, qa.speaker_name), qa.speaker_kind, qa.kind, qa.cue, qa.via, qa.article_id, a.title, s.name, a.published "
        "FROM quote_appearances qa JOIN quotes q ON q.id = qa.quote_id JOIN articles a ON a.id = qa.article_id "
        "LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id "
        "WHERE a.story_id = ? ORDER BY a.published IS NULL, a.published, qa.article_id, qa.start",
        [story_id],
    ).dicts(("id", "text", "speaker_id", "speaker", "speaker_kind", "kind", "cue", "via", "article_id", "title", "source", "published"))
    seen: set[int] = set()
    statements = []
    for q in quotes:
        if q["id"] not in seen:
            seen.add(q["id"])
            statements.append({**q, "sentence": None, "appearances": []})
    out["statements"] = statements[:STORY_STATEMENTS]
    return out
