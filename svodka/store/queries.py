"""The archive's read queries: functions over the database object.

Every reader of the archive goes through these: the ``Store`` methods of the same names
(the CLI, scripts), and the JSON API and the HTML pages (``svodka.web``) alike. Each takes
the ``Database`` first and, where words are matched in any grammatical form, the
``Lemmatizer`` the archive was indexed with.

    queries.search(db, lemmatizer, "Абдрахманов заявил", source="Вестник Кавказа")
    queries.entity_profile(db, lemmatizer, "Абдрахманов")
"""

from __future__ import annotations

import json
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from ..model import Article
from ..nlp.language import is_russian
from .database import Database, Results, marks, select_in
from .search import WORD_RE, Lemmatizer, form_key, normalize_word
from .snippets import SENTENCE_WINDOW, STATEMENT_SHOWN, Snippets, statement_sentence

__all__ = [
    "SearchHit", "article", "article_from_row", "articles", "entities", "entity_candidates", "entity_corrections", "entity_days", "entity_merges",
    "entity_profile", "find_entities", "languages", "load_raw", "name_nominatives", "quotes", "rejected", "search", "sources", "stats",
]

# Matches of a query ranked at most (the newest ones, see ``search``): BM25 over 2000
# rows costs a few ms; over the 37k matches of a common word at 100k articles, ~150 ms.
RANK_POOL = 2000
# ... or this many times the rows a page needs, for deep pages.
RANK_POOL_PAGES = 10
# Largest id the databases hold (signed 64-bit); a bigger number is no id of ours, and
# passing it to the driver raises OverflowError (a traceback and HTTP 500, issue 11).
MAX_ID = 2**63 - 1
# Keys of an entity row (``entities``, ``entity_profile``).
ENTITY_KEYS = ("id", "type", "name", "mentions", "articles", "first_seen", "last_seen")
# Aliases given with each entity of a list or of a profile's candidates (its most used).
LIST_ALIASES = 5
# Other entities a name may mean, listed at most with its profile (``candidates``).
MAX_CANDIDATES = 10
# Merges listed at most on a profile (the latest); an entity gathers one per surname-only
# entity and spelling it absorbed, hundreds for a much-reported person.
MAX_MERGES = 50


@dataclass
class SearchHit:
    """One search result. ``snippet`` is HTML-safe with matches in ``<mark>``."""

    article_id: int
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    snippet_text: str = ""  # the same window as plain text
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets into snippet_text


def load_raw(raw: Any) -> dict:
    """The stored Article dict from the compressed ``raw`` column."""
    return json.loads(zlib.decompress(bytes(raw)))


def article_from_row(text: str, raw: Any, language: str | None = None) -> Article:
    """Rebuild the stored Article (text and paragraphs from their columns).

    ``language``: the row's ``language`` column, which decides. An article stored before
    languages were told apart (schema v11 found its language) keeps the Russian analysis it
    was given in ``raw``: for another language that analysis is dropped here, so neither
    its pages nor ``svodka relink`` show its entities, dates or statements.
    """
    data = load_raw(raw)
    data["text"] = text
    out = Article.from_dict(data)
    if "paragraphs" not in data:
        out.paragraphs = [text[b.start : b.end] for b in out.blocks if b.kind == "paragraph"]
    if language is not None and language != out.language:
        out.language = language
        if not is_russian(language):
            out.entities, out.dates, out.quotes = [], [], []
    return out


def _iso_day(value: Any) -> str | None:
    """A date filter as an ISO day string (accepts date, datetime or str)."""
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


def _is_id(value: Any) -> bool:
    """Whether a name-or-id argument is an id (an int, or ASCII digits)."""
    return isinstance(value, int) or (isinstance(value, str) and value.strip().isascii() and value.strip().isdecimal())


# ---------------------------------------------------------------------------- articles


def article(db: Database, article_id: int) -> Article | None:
    """The stored Article, with ``extras["store"]`` = id, story, corpus entity ids; None if absent."""
    if not 0 < int(article_id) <= MAX_ID:  # the database cannot even compare it (OverflowError)
        return None
    row = db.execute("SELECT id, text, raw, story_id, language FROM articles WHERE id = ?", [int(article_id)]).first()
    if row is None:
        return None
    aid, text, raw, story, language = row
    out = article_from_row(text, raw, language)
    links = dict(db.execute("SELECT local_id, entity_id FROM article_entities WHERE article_id = ?", [aid]))
    out.extras["store"] = {"id": aid, "story": story, "entities": links}
    return out


def articles(db: Database, limit: int = 50, cursor: int | None = None) -> tuple[list[dict], int | None]:
    """Articles newest-ingested first, keyset-paginated.

    Args:
        limit: page size.
        cursor: the ``next`` value of the previous page (None for the first page).

    Returns:
        (rows, next cursor or None at the end).
    """
    rows = db.execute(
        "SELECT a.id, a.title, s.name, a.published, a.url, a.views, a.n_quotes, a.story_id FROM articles a LEFT JOIN sources s ON s.id = a.source_id "
        "WHERE a.id < ? ORDER BY a.id DESC LIMIT ?",
        [cursor if cursor is not None else 2**62, limit + 1],
    )
    page = Results(rows[:limit]).dicts(("id", "title", "source", "published", "url", "views", "quotes", "story"))
    return page, (page[-1]["id"] if len(rows) > limit else None)


def sources(db: Database) -> list[dict]:
    """Every source with its article count and first/last publication."""
    return db.execute(
        "SELECT s.id, s.name, COUNT(a.id), MIN(a.published), MAX(a.published) FROM sources s LEFT JOIN articles a ON a.source_id = s.id "
        "GROUP BY s.id, s.name ORDER BY COUNT(a.id) DESC, s.name"
    ).dicts(("id", "name", "articles", "first", "last"))


def rejected(db: Database, limit: int | None = 100) -> list[dict]:
    """The latest rejected inputs (all of them when ``limit`` is None), each with the number of inputs it stands for."""
    sql = "SELECT name, reason, at, n FROM rejected ORDER BY id DESC"
    rows = db.execute(sql + " LIMIT ?", [limit]) if limit is not None else db.execute(sql)
    return rows.dicts(("name", "reason", "at", "count"))


def languages(db: Database) -> dict[str, int]:
    """Articles per language (ISO 639-1; "und": none the text showed), most first.

    The (language, id) index answers it without reading the rows (schema v11).
    """
    return dict(db.execute("SELECT language, COUNT(*) FROM articles GROUP BY language ORDER BY COUNT(*) DESC, language"))


def stats(db: Database) -> dict:
    """Counts and dates of the archive, the schema version and the size on disk."""
    one = lambda sql: db.execute(sql)[0]  # noqa: E731
    # Days, not the published strings: those mix forms (with and without time or zone),
    # and their text order is not time order.
    n, first, last = one("SELECT COUNT(*), MIN(day), MAX(day) FROM articles")
    by_type = dict(db.execute("SELECT type, COUNT(*) FROM entities WHERE merged_into IS NULL GROUP BY type"))
    size = db.size_bytes()
    return {
        "articles": n,
        "pending": one("SELECT COUNT(*) FROM articles WHERE linked = 0")[0],
        "articles_by_language": languages(db),
        "sources": one("SELECT COUNT(*) FROM sources")[0],
        "entities": sum(by_type.values()),
        "entities_by_type": by_type,
        "quotes": one("SELECT COUNT(*) FROM quotes")[0],
        "quote_appearances": one("SELECT COUNT(*) FROM quote_appearances")[0],
        "stories": one("SELECT COUNT(*) FROM stories")[0],
        "rejected": one("SELECT COALESCE(SUM(n), 0) FROM rejected")[0],
        "first_published": first,
        "last_published": last,
        "schema_version": db.schema_version(),
        "size_bytes": size,
        "bytes_per_article": round(size / n) if n else None,
        "backend": db.dialect,
    }


# ---------------------------------------------------------------------------- search


def _source_filter(db: Database, source: str) -> list[int]:
    """Source ids whose name matches ``source`` case-insensitively (any script)."""
    want = source.casefold().strip()
    return [r[0] for r in db.execute("SELECT id, name FROM sources") if r[1].casefold() == want]


def _expand_terms(db: Database, terms: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Query terms with the index tokens of words having a term's base form as a non-first one.

    The index holds each word's first base form only; ``lemma_aliases`` maps the other base
    forms to it (see search.py), so recall equals indexing them all.
    """
    lemmas = sorted({lemma for term in terms for lemma in term})
    aliases: dict[str, list[str]] = defaultdict(list)
    for lemma, first in db.execute(f"SELECT lemma, first FROM lemma_aliases WHERE lemma IN ({marks(len(lemmas))})", lemmas):
        aliases[lemma].append(first)
    return [tuple(dict.fromkeys([*term, *(f for lemma in term for f in sorted(aliases[lemma]))])) for term in terms]


def _search_filters(db: Database, lem: Lemmatizer, source, date_from, date_to, entity, entity_type, has_quote, lang=None) -> tuple[list[str], list] | None:
    """The filters of a search as conditions on ``a`` and their parameters; None when nothing can match."""
    conds, params = [], []
    if lang:
        conds.append(db.language_condition())
        params.append(lang)
    if source:
        ids = _source_filter(db, source)
        if not ids:
            return None
        conds.append(f"a.source_id IN ({marks(len(ids))})")
        params.extend(ids)
    _add_day_range(conds, params, date_from, date_to)
    if entity is not None and entity != "":
        ids = find_entities(db, lem, entity)
        if not ids:
            return None
        conds.append(f"EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article_id = a.id AND ae.entity_id IN ({marks(len(ids))}))")
        params.extend(ids)
    if entity_type:
        conds.append("EXISTS (SELECT 1 FROM article_entities ae2 WHERE ae2.article_id = a.id AND ae2.type = ?)")
        params.append(entity_type)
    if has_quote is not None:
        conds.append("a.n_quotes > 0" if has_quote else "a.n_quotes = 0")
    return conds, params


def _add_day_range(conds: list[str], params: list, date_from: Any, date_to: Any) -> None:
    """Add the conditions of a day range on ``a.day`` (either end may be missing)."""
    for value, op in ((date_from, ">="), (date_to, "<=")):
        day = _iso_day(value)
        if day:
            conds.append(f"a.day {op} ?")
            params.append(day)


def _published_bounds(date_from: Any, date_to: Any) -> tuple[list[str], list]:
    """Bounds on ``a.published`` implied by a day range: the newest-first listing walks its index within them.

    ``day`` is the ISO day ``published`` starts with, so ``day >= D1`` implies
    ``published >= D1`` and ``day <= D2`` implies ``published <`` the day after D2: the
    bounds exclude nothing the day conditions keep. Without them SQLite took the day index
    for any range and sorted every article in it (400 ms at 100,000 articles for a range
    spanning the archive); with them it walks the published index and stops after a page.
    """
    conds, params = [], []
    if _iso_day(date_from):
        conds.append("a.published >= ?")
        params.append(_iso_day(date_from))
    if _iso_day(date_to):
        try:
            after = date.fromisoformat(_iso_day(date_to)) + timedelta(days=1)
        except ValueError:  # not a day: the day condition alone
            return conds, params
        conds.append("a.published < ?")
        params.append(after.isoformat())
    return conds, params


def search(
    db: Database,
    lem: Lemmatizer,
    query: str,
    *,
    source: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    entity: Any = None,
    entity_type: str | None = None,
    has_quote: bool | None = None,
    lang: str | None = None,
    limit: int = 20,
    offset: int = 0,
    snippets: Snippets | None = None,
) -> list[SearchHit]:
    """Full-text search over lemmatised title+text, ranked by BM25, with snippets.

    A query matching more than ``RANK_POOL`` articles (after filters) is ranked among its
    ``RANK_POOL`` most recently stored matches only (see the code for why).

    Args:
        query: words in any grammatical form, all must match ("Абдрахманов заявил"). An
            empty query lists the filtered articles newest first.
        source: outlet name (case-insensitive).
        date_from, date_to: publication day range, inclusive (ISO string or date).
        entity: corpus entity id or name (any form); articles mentioning it.
        entity_type: articles mentioning an entity of this type ("PER", "ORG", "LOC").
        has_quote: only articles with (True) or without (False) quotations.
        lang: only articles in this language (ISO 639-1 code: "ru", "uz"; "und" for the
            articles whose text showed none).
        limit, offset: paging.
        snippets: the archive's snippet maker (it keeps what it learned between searches);
            default a new one.

    Returns:
        ``SearchHit`` list, best first.
    """
    filters = _search_filters(db, lem, source, date_from, date_to, entity, entity_type, has_quote, lang)
    if filters is None:
        return []
    conds, params = filters
    terms = lem.query_terms(query or "")
    if not terms and WORD_RE.search(query or ""):
        return []  # only function words ("и в"): not indexed, nothing to find
    # Two steps: rank ids with small columns only, then read the texts of the page.
    if terms:
        # A very common word matches a third of the archive, and scoring every match was
        # the slow search (p95 154 ms at 100k on SQLite, 605 ms on PostgreSQL). Rank only
        # the newest matches (see ``Database.rank``). Trade-off: for such queries an older
        # article never ranks, however well it scores.
        pool = max(RANK_POOL, RANK_POOL_PAGES * (offset + limit))
        ranked = db.rank(db.fts_query(_expand_terms(db, terms), filtered=bool(conds)), conds, params, pool, limit, offset)
    else:
        bounds, bound_params = _published_bounds(date_from, date_to)
        where = " AND ".join(conds + bounds) or "1 = 1"
        sql = f"SELECT a.id, 0.0 AS score FROM articles a WHERE {where} ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
        ranked = db.execute(sql, params + bound_params + [limit, offset])
    if not ranked:
        return []
    scores = dict(ranked)
    page = {
        r[0]: r
        for r in db.execute(
            f"SELECT a.id, a.title, s.name, a.published, a.url, a.text FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks(len(scores))})",
            list(scores),
        )
    }
    snippets = snippets or Snippets(lem)
    hits = []
    for aid, _ in ranked:
        if aid in page:
            _, title, src, published, url, text = page[aid]
            snip = snippets.make(text, terms, key=aid)
            hits.append(SearchHit(aid, title, src, published, url, float(scores[aid]), snip.html, snip.text, snip.highlights))
    return hits


# ---------------------------------------------------------------------------- entities


def name_nominatives(word: str) -> list[str]:
    """The nominatives a name word may be a form of, as names decline ("Шольцу" -> "шольц"), normalised.

    pymorphy3 reads a surname it does not know as a common noun ("Шольцу" -> "шолец"),
    while the names stage gave the alias its nominative ("Шольц"): the query word is read
    by the names stage's own rule too (``svodka.nlp.names``), so every form of a name finds it.
    """
    from ..nlp.names import pattern_readings

    return list(dict.fromkeys(normalize_word(form) for _, _, form in pattern_readings(word)))


def find_entities(db: Database, lem: Lemmatizer, name_or_id: Any, type: str | None = None, limit: int = 20) -> list[int]:
    """Corpus entity ids for an id or a name in any grammatical form, best first.

    Every word of the name must match a word of one of the entity's aliases ("Абдрахманов"
    finds "Кайрат Абдрахманов"; "Шольцу" finds "Олаф Шольц", see ``name_nominatives``).
    Exact name matches come first, then the most mentioned.
    """
    if _is_id(name_or_id):
        if not 0 < int(name_or_id) <= MAX_ID:  # the database cannot even compare it (OverflowError)
            return []
        row = db.execute("SELECT id, merged_into FROM entities WHERE id = ?", [int(name_or_id)]).first()
        seen = set()
        while row and row[1] is not None and row[1] not in seen:  # follow merges
            seen.add(row[1])
            row = db.execute("SELECT id, merged_into FROM entities WHERE id = ?", [row[1]]).first()
        return [row[0]] if row else []
    words = WORD_RE.findall(str(name_or_id))
    terms = lem.query_terms(str(name_or_id), function_words=True)  # names keep their "и"
    if not terms:
        return []
    conds, params = [], []
    for word, term in zip(words, terms):
        variants = list(dict.fromkeys(list(term) + [normalize_word(t) for t in term] + name_nominatives(word)))
        conds.append(f"e.id IN (SELECT entity_id FROM entity_words WHERE word IN ({marks(len(variants))}))")
        params.extend(variants)
    if type:
        conds.append("e.type = ?")
        params.append(type)
    rows = db.execute(
        f"SELECT e.id, e.name, e.mentions FROM entities e WHERE e.merged_into IS NULL AND {' AND '.join(conds)} ORDER BY e.mentions DESC, e.id LIMIT ?",
        params + [max(limit, 50)],
    )
    want = normalize_word(" ".join(str(name_or_id).split()))
    rows.sort(key=lambda r: (normalize_word(r[1]) != want, -r[2], r[0]))
    return [r[0] for r in rows[:limit]]


def entities(db: Database, lem: Lemmatizer, type: str | None = None, query: str | None = None, limit: int = 50) -> list[dict]:
    """Corpus entities, most mentioned first; ``query`` matches names in any form.

    Each row carries ``aliases``: its ``LIST_ALIASES`` most used names, ``{"alias", "n"}``
    (``n``: how many article entities used it), most used first.
    """
    conds, params = ["merged_into IS NULL"], []
    if type:
        conds.append("type = ?")
        params.append(type)
    if query:
        ids = find_entities(db, lem, query, type=type, limit=limit)
        if not ids:
            return []
        conds.append(f"id IN ({marks(len(ids))})")
        params.extend(ids)
    rows = db.execute(
        f"SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE {' AND '.join(conds)} ORDER BY mentions DESC, id LIMIT ?",
        params + [limit],
    ).dicts(ENTITY_KEYS)
    return _with_aliases(db, rows, LIST_ALIASES)


def _with_aliases(db: Database, rows: list[dict], limit: int | None) -> list[dict]:
    """Give each entity row its ``aliases`` (``{"alias", "n"}``, most used first; at most ``limit``)."""
    found: dict[int, list[dict]] = defaultdict(list)
    if rows:
        with db.reading() as cur:
            for eid, alias, n in select_in(cur, "SELECT entity_id, alias, n FROM aliases WHERE entity_id IN ({in})", [r["id"] for r in rows]):
                found[eid].append({"alias": alias, "n": n})
    for row in rows:
        ranked = sorted(found[row["id"]], key=lambda a: (-a["n"], a["alias"]))
        row["aliases"] = ranked[:limit] if limit is not None else ranked
    return rows


def _entity_rows(db: Database, ids: list[int]) -> list[dict]:
    """Entity rows (``ENTITY_KEYS`` and top aliases) of ``ids``, in that order."""
    if not ids:
        return []
    rows = {r["id"]: r for r in db.execute(f"SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE id IN ({marks(len(ids))})", ids).dicts(ENTITY_KEYS)}
    return _with_aliases(db, [rows[i] for i in ids if i in rows], LIST_ALIASES)


def entity_candidates(db: Database, lem: Lemmatizer, name_or_id: Any, limit: int = MAX_CANDIDATES) -> list[dict]:
    """Every live entity a name may mean (``find_entities``), best first, as entity rows with top aliases.

    Args:
        name_or_id: a name in any form ("Шольцу", "Олаф Шольц"), an alias, or an id.
        limit: at most this many.

    Returns:
        dicts with id, type, name, mentions, articles, first_seen, last_seen and aliases.
    """
    return _entity_rows(db, find_entities(db, lem, name_or_id, limit=limit))


def entity_days(db: Database, entity_id: int) -> dict[str, int]:
    """Mentions per publication day (ISO) of one corpus entity, in day order."""
    return {str(day): int(n) for day, n in db.execute("SELECT day, n FROM entity_days WHERE entity_id = ? ORDER BY day", [entity_id])}


def entity_profile(db: Database, lem: Lemmatizer, name_or_id: Any, top: int = 10) -> dict | None:
    """Everything known about one corpus entity; None when not found.

    A name may mean several entities: the profile is the best match's (an exact name
    first, then the most mentioned), and ``candidates`` lists the others.

    Returns:
        dict with id, name, type, mentions, articles, first_seen, last_seen; aliases (every
        name it is known by, ``{"alias", "n"}``, most used first), roles (role, first_seen,
        last_seen, articles), co_mentioned (top entities sharing articles), quotes (latest),
        mentions_per_month, merges (the entities merged into it: old id and name, reason,
        when), corrections (the analyst's corrections naming it or its aliases), candidates
        (other entities the name may mean, as ``entity_candidates`` gives them).
    """
    ids = find_entities(db, lem, name_or_id, limit=MAX_CANDIDATES + 1)
    if not ids:
        return None
    eid = ids[0]
    profile = db.execute("SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE id = ?", [eid]).dicts(ENTITY_KEYS)[0]
    profile["aliases"] = db.execute("SELECT alias, n FROM aliases WHERE entity_id = ? ORDER BY n DESC, alias", [eid]).dicts(("alias", "n"))
    profile["roles"] = db.execute(
        "SELECT role, MIN(seen), MAX(seen), COUNT(DISTINCT article_id) FROM roles WHERE entity_id = ? GROUP BY role ORDER BY MIN(seen), role", [eid]
    ).dicts(("role", "first_seen", "last_seen", "articles"))
    profile["co_mentioned"] = db.execute(
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT b.article_id) FROM article_entities x JOIN article_entities b ON b.article_id = x.article_id "
        "JOIN entities e ON e.id = b.entity_id WHERE x.entity_id = ? AND b.entity_id <> ? GROUP BY e.id, e.name, e.type "
        "ORDER BY COUNT(DISTINCT b.article_id) DESC, e.id LIMIT ?",
        [eid, eid, top],
    ).dicts(("id", "name", "type", "articles"))
    profile["quotes"] = quotes(db, lem, speaker=eid, limit=top)
    months: Counter = Counter()
    for day, n in entity_days(db, eid).items():
        months[day[:7]] += n
    profile["mentions_per_month"] = dict(sorted(months.items()))
    profile["merges"] = entity_merges(db, eid)
    names = [profile["name"]] + [a["alias"] for a in profile["aliases"]]
    profile["corrections"] = entity_corrections(db, names)
    profile["candidates"] = _entity_rows(db, ids[1:])
    return profile


def entity_merges(db: Database, entity_id: int) -> list[dict]:
    """The merges into an entity, and into the entities merged into it, latest first (at most ``MAX_MERGES``).

    Walked back through ``entity_merges`` (indexed by ``into_id``; ``entities.merged_into``
    has no index, and a scan of it per profile grew with the archive).

    Returns:
        dicts with old_id, old_name, old_type, into_id, reason, at.
    """
    ids, frontier, rows, depth = {entity_id}, [entity_id], [], 0
    with db.reading() as cur:
        while frontier:
            found = select_in(
                cur,
                "SELECT m.old_id, e.name, e.type, m.into_id, m.reason, m.at FROM entity_merges m LEFT JOIN entities e ON e.id = m.old_id WHERE m.into_id IN ({in})",
                frontier,
            )
            rows.extend((depth, r) for r in found)
            frontier = sorted({r[0] for r in found} - ids)
            ids.update(frontier)
            depth += 1
    # Latest first; on the same second a merge into it before the merges into what it took in.
    rows.sort(key=lambda dr: (dr[1][5] is not None, dr[1][5] or "", -dr[0], dr[1][0]), reverse=True)
    return [dict(zip(("old_id", "old_name", "old_type", "into_id", "reason", "at"), r)) for _, r in rows[:MAX_MERGES]]


def entity_corrections(db: Database, names: list[str]) -> list[dict]:
    """The analyst's corrections whose name or target is one of ``names`` (compared as ``form_key``), oldest first.

    Returns:
        dicts with id, action, type, name, target, created.
    """
    keys = {form_key(n) for n in names} - {""}
    rows = db.execute("SELECT id, action, type, name, target, created FROM entity_corrections ORDER BY id").dicts(("id", "action", "type", "name", "target", "created"))
    return [r for r in rows if form_key(r["name"]) in keys or (r["target"] and form_key(r["target"]) in keys)]


# ---------------------------------------------------------------------------- quotes, stories


def _quote_filters(db: Database, lem: Lemmatizer, speaker: Any, about: str | None, date_from: Any, date_to: Any, source: str | None = None) -> tuple[list[str], list] | None:
    """The filters of ``quotes`` as conditions on ``q`` (the quote) and ``a`` (its earliest article); None when nothing can match."""
    conds, params = [], []
    if speaker is not None and speaker != "":
        ids = find_entities(db, lem, speaker)
        if ids:
            conds.append(f"EXISTS (SELECT 1 FROM quote_appearances x WHERE x.quote_id = q.id AND x.speaker_id IN ({marks(len(ids))}))")
            params.extend(ids)
        else:
            conds.append("EXISTS (SELECT 1 FROM quote_appearances x WHERE x.quote_id = q.id AND x.speaker_name LIKE ?)")
            params.append(f"%{speaker}%")
    if source:
        outlets = _source_filter(db, source)
        if not outlets:
            return None
        conds.append(
            "EXISTS (SELECT 1 FROM quote_appearances x JOIN articles b ON b.id = x.article_id "
            f"WHERE x.quote_id = q.id AND b.source_id IN ({marks(len(outlets))}))"
        )
        params.extend(outlets)
    for term in lem.query_terms(about or "", function_words=True):
        conds.append("(" + " OR ".join(["(' ' || q.lemmas || ' ') LIKE ?"] * len(term)) + ")")
        params.extend(f"% {t} %" for t in term)
    _add_day_range(conds, params, date_from, date_to)
    return conds, params


# Where the window of text read around a statement begins (``_sentences``): this many
# characters before it, or the article's start.
_WINDOW_START = f'(CASE WHEN qa.start > {SENTENCE_WINDOW} THEN qa.start - {SENTENCE_WINDOW} ELSE 0 END)'
# Where it ends: this many characters after the statement (or after its first
# ``STATEMENT_SHOWN`` characters + 1, for a longer one).
_WINDOW_END = f'(CASE WHEN qa."end" - qa.start > {STATEMENT_SHOWN} THEN qa.start + {STATEMENT_SHOWN + 1} ELSE qa."end" END + {SENTENCE_WINDOW})'


def _sentences(db: Database, appearances: list[int]) -> dict[int, dict]:
    """The sentence of each appearance (by id), with the statement's place in it (``snippets.statement_sentence``).

    One query for them all; the database cuts the window of text around each statement
    (``substr``), so a page of statements never carries its articles' whole texts.
    """
    out: dict[int, dict] = {}
    if not appearances:
        return out
    sql = (
        f'SELECT qa.id, qa.start - {_WINDOW_START}, qa."end" - {_WINDOW_START}, {_WINDOW_START}, {_WINDOW_END} - {_WINDOW_START}, '
        f"substr(a.text, {_WINDOW_START} + 1, {_WINDOW_END} - {_WINDOW_START}) "
        "FROM quote_appearances qa JOIN articles a ON a.id = qa.article_id WHERE qa.id IN ({in})"
    )
    with db.reading() as cur:
        for aid, start, end, lo, asked, window in select_in(cur, sql, appearances):
            # None for offsets past the text: the views show the statement alone
            out[aid] = statement_sentence(window or "", start, end, cut_before=lo > 0, cut_after=len(window or "") >= asked)
    return out


def quotes(
    db: Database,
    lem: Lemmatizer,
    speaker: Any = None,
    about: str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    limit: int = 50,
    *,
    source: str | None = None,
    offset: int = 0,
) -> list[dict]:
    """Corpus quotes, latest first, each with its earliest appearance and all appearances.

    Each quote is shown as its earliest appearance: the article's ``title``, ``source``
    (outlet), ``published`` and ``url``, the ``cue``, ``via`` (relaying outlet) and
    ``speaker_kind`` (person, organisation, outlet, state, group; None when not known) there,
    and ``sentence``: ``{"text", "start", "end"}``, the sentence of that article holding the
    statement and where the statement lies in it (``snippets.statement_sentence``).

    Args:
        speaker: entity id or name in any form ("Абдрахманов" matches "Кайрат
            Абдрахманов"); falls back to the written speaker name for non-entities.
        about: words (any form) that must all occur in the quotation.
        date_from, date_to: day range of the earliest appearance, inclusive.
        limit: at most this many quotes.
        source: only quotes that appeared in this outlet (its name, case-insensitive).
        offset: skip this many quotes first (pages).
    """
    filters = _quote_filters(db, lem, speaker, about, date_from, date_to, source)
    if filters is None:
        return []
    conds, params = filters
    where = " AND ".join(conds) or "1 = 1"
    out = db.execute(
        "SELECT q.id, q.text, q.speaker_id, COALESCE(e.name, q.speaker_name, qa.speaker_name), qa.speaker_kind, qa.kind, qa.cue, qa.via, qa.article_id, "
        "a.title, a.published, s.name, a.url, q.appearances, qa.id "
        "FROM quotes q JOIN quote_appearances qa ON qa.quote_id = q.id AND qa.earliest = 1 JOIN articles a ON a.id = qa.article_id "
        "LEFT JOIN sources s ON s.id = a.source_id LEFT JOIN entities e ON e.id = q.speaker_id "
        f"WHERE {where} ORDER BY a.published IS NULL, a.published DESC, q.id DESC LIMIT ? OFFSET ?",
        params + [limit, max(0, int(offset))],
    ).dicts(("id", "text", "speaker_id", "speaker", "speaker_kind", "kind", "cue", "via", "article_id", "title", "published", "source", "url", "count", "appearance"))
    sentences = _sentences(db, [row["appearance"] for row in out])
    for row in out:
        row["sentence"] = sentences.get(row.pop("appearance"))
    return _attach(
        db,
        out,
        "appearances",
        "SELECT qa.quote_id, qa.article_id, s.name, a.published, a.url, qa.earliest, qa.via FROM quote_appearances qa JOIN articles a ON a.id = qa.article_id "
        "LEFT JOIN sources s ON s.id = a.source_id WHERE qa.quote_id IN ({in}) ORDER BY qa.published IS NULL, qa.published, qa.article_id",
        ("article_id", "source", "published", "url", "earliest", "via"),
    )


def _attach(db: Database, rows: list[dict], field: str, sql: str, names: tuple[str, ...]) -> list[dict]:
    """Give each row (by its ``id``) the list ``field`` of its children: ``sql``'s rows, the
    parent id first, then the columns ``names``, selected for all the rows at once."""
    children: dict[int, list] = defaultdict(list)
    if rows:
        with db.reading() as cur:
            for r in select_in(cur, sql, [row["id"] for row in rows]):
                children[r[0]].append(dict(zip(names, r[1:])))
    for row in rows:
        row[field] = children[row["id"]]
    return rows
