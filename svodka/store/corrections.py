"""The analyst's corrections of corpus entities, kept as names so that re-linking keeps them.

Three actions, each one ``entity_corrections`` row (schema v9):

* ``merge``: every name of entity B means entity A: one row per alias of B, ``name`` the
  alias, ``target`` A's name.
* ``alias``: the name ``name`` means the entity named ``target``.
* ``split``: the name ``name`` stands apart: mentions by it make an entity of their own,
  whatever the surname or the keys say (``target`` NULL).

Rows are stored by name, never by id: ids change when the archive is linked again, names do
not. The linker (``corpus.Linker``) reads ``Corrections`` and rewrites an article entity
before it links it: a joined name links as its target would, a name apart links to its own.
A later correction of the same name replaces an earlier one.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import EntityError
from . import queries
from .database import chunks, marks, next_id, now, select_in
from .search import WORD_RE, Lemmatizer, form_key, normalize_word

if TYPE_CHECKING:
    from .writer import Writer

__all__ = ["Corrections", "form_key", "merge", "alias", "split", "resolve", "restore_aliases", "alias_words"]


@dataclass
class Corrections:
    """The corrections in force: joined names (form key -> target name) and names apart."""

    joins: dict[str, str] = field(default_factory=dict)
    apart: set[str] = field(default_factory=set)
    groups: dict[str, str] = field(default_factory=dict)  # form key -> "PER" or "*" (organisations, places): whom it applies to

    def applies(self, key: str, type_: str) -> bool:
        """Whether the correction of this form key is about an entity of ``type_``'s kind (persons apart from the rest)."""
        group = self.groups.get(key)
        return not group or group == ("PER" if type_ == "PER" else "*")

    def __bool__(self) -> bool:
        return bool(self.joins or self.apart)

    @classmethod
    def load(cls, cur: Any) -> "Corrections":
        """The corrections stored in the archive, later rows overriding earlier ones."""
        out = cls()
        cur.execute("SELECT action, type, name, target FROM entity_corrections ORDER BY id")
        for action, type_, name, target in cur.fetchall():
            key = form_key(name)
            if not key:
                continue
            out.joins.pop(key, None)
            out.apart.discard(key)
            out.groups[key] = ("PER" if type_ == "PER" else "*") if type_ else ""
            if action == "split":
                out.apart.add(key)
            elif target and form_key(target) != key:
                out.joins[key] = target
        return out


# ---------------------------------------------------------------------------- the store operations
#
# Each runs in one write transaction: it records its ``entity_corrections`` rows (so that
# re-linking makes the same correction again) and changes the stored archive at once (so
# that every page and query shows it without a relink). Then it drops the writer's
# in-memory corpus entities and gives ``store_meta['entities']`` a new token, so every
# writer (this one, other processes) reloads them before it links again.
#
# ``corpus`` is imported inside the functions: the linker in ``corpus`` reads this module's
# ``Corrections``.

# Why an analyst's merge was made, in ``entity_merges.reason``.
MERGE_REASON = "analyst: merge"
# The same, when an alias named another entity exactly (``alias``).
ALIAS_REASON = "analyst: alias"
# Candidates named in the message of an ambiguous name (all of them travel with the error).
SHOWN_CANDIDATES = 5
# Merges followed at most from an id to the live entity (a loop would be a bug; never spin).
MAX_MERGE_CHAIN = 100


def _is_person(type_: str) -> bool:
    """Persons link by name parts; organisations and places by name keys: the two never merge."""
    return type_ == "PER"


def _worded(name: str | None, refusal: str) -> tuple[str, str]:
    """A name the analyst typed, spaces folded, and its ``form_key``; one without a word is refused (422)."""
    text = " ".join((name or "").split())
    key = form_key(text)
    if not key:
        raise EntityError(text or None, refusal, status=422)
    return text, key


def alias_words(alias: str, lem: Lemmatizer) -> set[str]:
    """The words an alias is found by (``entity_words``): every base form of each word, and the word itself.

    The rule of ``corpus._write_aliases``, for the aliases the analyst adds and the entities
    a split rebuilds.
    """
    tokens = WORD_RE.findall(alias)
    return {w for t in tokens for w in lem.lemmas(t)} | {normalize_word(t) for t in tokens}


def _row(cur: Any, entity_id: int) -> dict | None:
    """The stored entity ``entity_id`` as a dict, following merges to the live one; None when absent."""
    for _ in range(MAX_MERGE_CHAIN):
        cur.execute("SELECT id, type, name, key, last_key, first_key, middle_key, role_words, merged_into FROM entities WHERE id = ?", [entity_id])
        found = cur.fetchone()
        if found is None:
            return None
        row = dict(zip(("id", "type", "name", "key", "last_key", "first_key", "middle_key", "role_words", "merged_into"), found))
        if row["merged_into"] is None:
            return row
        entity_id = row["merged_into"]
    return None


def _summary(cur: Any, entity_id: int) -> dict:
    """What a correction reports of an entity: ``queries.ENTITY_KEYS``."""
    cur.execute("SELECT id, type, name, mentions, articles, first_seen, last_seen FROM entities WHERE id = ?", [entity_id])
    return dict(zip(queries.ENTITY_KEYS, cur.fetchone()))


def _describe(c: dict) -> str:
    """A candidate in an error message: ``12 Олаф Шольц (PER, 40 mentions, 2024-01-03..2024-05-30)``."""
    seen = f", {c['first_seen']}..{c['last_seen']}" if c.get("first_seen") else ""
    return f"{c['id']} {c['name']} ({c['type']}, {c['mentions']} mentions{seen})"


def resolve(w: Writer, ref: Any, cur: Any) -> dict:
    """The live entity an id or a name means, or an ``EntityError``.

    A name is looked up in any form (``queries.find_entities``); when it finds several
    entities, the one whose name, else the one alias of which, is the name as typed
    (``form_key``) is meant; otherwise the name is ambiguous (409, with the candidates).

    Args:
        ref: an entity id (int or digits) or a name.
        cur: the write transaction's cursor (the entity is read there).
    """
    text = " ".join(str(ref).split())
    if not text:
        raise EntityError(None, "no entity named: give an entity id or a name", status=422)
    ids = queries.find_entities(w.db, w.lemmatizer, text, limit=queries.MAX_CANDIDATES)
    if len(ids) > 1:
        key = form_key(text)
        cur.execute(f"SELECT id, name FROM entities WHERE id IN ({marks(len(ids))})", ids)
        named = [i for i, name in cur.fetchall() if form_key(name) == key]
        if len(named) != 1:
            cur.execute(f"SELECT DISTINCT entity_id, alias FROM aliases WHERE entity_id IN ({marks(len(ids))})", ids)
            named = sorted({i for i, alias in cur.fetchall() if form_key(alias) == key})
        if len(named) == 1:
            ids = named
        else:
            found = queries._entity_rows(w.db, ids)
            shown = "; ".join(_describe(c) for c in found[:SHOWN_CANDIDATES]) + ("; ..." if len(found) > SHOWN_CANDIDATES else "")
            raise EntityError(text, f"may mean {len(found)} entities: {shown}; give the one meant by its id", status=409, candidates=found)
    row = _row(cur, ids[0]) if ids else None
    if row is None:
        raise EntityError(text, "no such entity in the archive (see svodka entity NAME for the names it knows)", status=404)
    return row


def _record(cur: Any, rows: list[tuple[str, str | None, str, str | None]]) -> None:
    """Record corrections: (action, type, name, target) each."""
    stamp = now()
    cur.executemany("INSERT INTO entity_corrections (action, type, name, target, created) VALUES (?, ?, ?, ?, ?)", [(*r, stamp) for r in rows])


def _invalidate(w: Writer, cur: Any) -> None:
    """Every writer's in-memory corpus entities are stale now: drop ours, and tell the others by a new token."""
    w.entities = None
    cur.execute("UPDATE store_meta SET value = ? WHERE key = 'entities'", [uuid.uuid4().hex])


def _add_aliases(w: Writer, cur: Any, entity: dict, aliases: dict[str, int]) -> None:
    """Give ``entity`` these aliases (alias -> count to add), the words they are found by and, beyond persons, their keys."""
    from .corpus import name_key

    if not aliases:
        return
    eid = entity["id"]
    cur.executemany(
        "INSERT INTO aliases (entity_id, alias, n) VALUES (?, ?, ?) ON CONFLICT (entity_id, alias) DO UPDATE SET n = aliases.n + excluded.n",
        [(eid, alias, n) for alias, n in sorted(aliases.items())],
    )
    words = sorted({word for alias in aliases for word in alias_words(alias, w.lemmatizer)})
    cur.executemany("INSERT INTO entity_words (word, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [(word, eid) for word in words])
    if not _is_person(entity["type"]):
        keys = sorted({name_key(alias, w.lemmatizer) for alias in aliases} - {""})
        cur.executemany("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [(k, eid) for k in keys])


def _recount(cur: Any, ids: list[int]) -> None:
    """Mentions, articles, first and last day of entities, from the article entities they hold (as the linker counts them)."""
    for eid in ids:
        cur.execute(
            "SELECT COALESCE(SUM(ae.mentions), 0), COUNT(DISTINCT ae.article_id), MIN(a.day), MAX(a.day) "
            "FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ?",
            [eid],
        )
        mentions, articles, first, last = cur.fetchone()
        cur.execute("UPDATE entities SET mentions = ?, articles = ?, first_seen = ?, last_seen = ? WHERE id = ?", [mentions, articles, first, last, eid])


def _role_words(w: Writer, cur: Any, ids: list[int]) -> None:
    """Entities' role words again, from the roles they hold now (bounded as the linker bounds them)."""
    from .corpus import MAX_ROLE_WORDS, role_words

    for eid in ids:
        cur.execute("SELECT DISTINCT role FROM roles WHERE entity_id = ?", [eid])
        words = sorted(role_words([r[0] for r in cur.fetchall()], w.lemmatizer))[:MAX_ROLE_WORDS]
        cur.execute("UPDATE entities SET role_words = ? WHERE id = ?", [" ".join(words), eid])


def _merge_into(w: Writer, cur: Any, into: dict, old: dict, reason: str) -> None:
    """Fold the live entity ``old`` into ``into``: its corrections, rows (``corpus._merge_rows``), counts, the merge log."""
    from .corpus import _merge_rows

    # The names articles gave the entity (never the base forms of single mentions: a bare
    # surname recorded as a join would send every namesake to ``into``).
    cur.execute("SELECT DISTINCT name FROM article_entities WHERE entity_id = ?", [old["id"]])
    names = list(dict.fromkeys([old["name"], *sorted(a for (a,) in cur.fetchall())]))
    _record(cur, [("merge", old["type"], name, into["name"]) for name in names])
    if not _is_person(old["type"]):  # its own key, should an older archive lack the row
        cur.execute("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [old["key"], old["id"]])
    _merge_rows(cur, old["id"], into["id"])  # links, roles, statements, days, aliases (counts summed), words, keys
    cur.execute("UPDATE entities SET merged_into = ? WHERE id = ?", [into["id"], old["id"]])
    cur.execute(
        "UPDATE entities SET named_from = (SELECT MIN(named_from) FROM entities WHERE id IN (?, ?)), named_to = (SELECT MAX(named_to) FROM entities WHERE id IN (?, ?)) WHERE id = ?",
        [into["id"], old["id"], into["id"], old["id"], into["id"]],
    )
    _recount(cur, [into["id"]])
    _role_words(w, cur, [into["id"]])
    cur.execute("INSERT INTO entity_merges (old_id, into_id, reason, at) VALUES (?, ?, ?, ?)", [old["id"], into["id"], reason, now()])


def _brief(row: dict) -> dict:
    """An entity as a correction's answer names it: id, type, name."""
    return {"id": row["id"], "type": row["type"], "name": row["name"]}


def merge(w: Writer, a: Any, b: Any) -> dict:
    """Merge entity B into entity A: one entity from now on, and after every relink.

    B's rows (article links, roles, statements, days, aliases) become A's, B points to A
    (``merged_into``), the merge is logged with its reason (``entity_merges``), and every
    name of B is recorded as a name of A (a ``merge`` correction per alias).

    Args:
        a: the entity that stays: an id or a name (any form; an ambiguous one is refused).
        b: the entity merged into it.

    Returns:
        ``{"action": "merge", "entity": A as it is now (queries.ENTITY_KEYS), "merged": [B's id, type, name]}``.

    Raises:
        EntityError: a name matches no entity (404) or several (409); A and B are one
            entity, or one is a person and the other not (422).
    """
    with w.db.write() as cur:
        into, old = resolve(w, a, cur), resolve(w, b, cur)
        if into["id"] == old["id"]:
            raise EntityError(str(b), f"is {into['name']} (id {into['id']}) already: an entity cannot be merged into itself", status=422)
        if _is_person(into["type"]) != _is_person(old["type"]):
            raise EntityError(str(b), f"{old['name']} is {old['type']} and {into['name']} is {into['type']}: a person and an organisation or place are never one entity", status=422)
        _merge_into(w, cur, into, old, MERGE_REASON)
        _invalidate(w, cur)
        aliases = w.store_aliases(cur)
        out = {"action": "merge", "entity": _summary(cur, into["id"]), "merged": [_brief(old)]}
    w.committed(aliases)
    return out


def alias(w: Writer, entity: Any, name: str) -> dict:
    """Give an entity another name: found by it at once, and linked by it after a relink and in new articles.

    An entity of a compatible type (persons with persons; organisations and places with
    each other) named exactly ``name`` is the same one, and is merged into it.

    Args:
        entity: an id or a name (any form; an ambiguous one is refused).
        name: the alias, as it is written ("ЕС", "Олаф Шольц").

    Returns:
        ``{"action": "alias", "entity": the entity now, "alias": name, "merged": [the entities merged in]}``.

    Raises:
        EntityError: no such entity (404), an ambiguous name (409), an alias without a word (422).
    """
    alias_text, key = _worded(name, "an alias needs at least one word")
    with w.db.write() as cur:
        row = resolve(w, entity, cur)
        _record(cur, [("alias", row["type"], alias_text, row["name"])])
        _add_aliases(w, cur, row, {alias_text: 0})  # no article has used it yet
        same = [i for i in queries.find_entities(w.db, w.lemmatizer, alias_text, limit=queries.MAX_CANDIDATES) if i != row["id"]]
        merged = []
        for other in filter(None, (_row(cur, i) for i in same)):
            if other["id"] != row["id"] and form_key(other["name"]) == key and _is_person(other["type"]) == _is_person(row["type"]):
                _merge_into(w, cur, row, other, ALIAS_REASON)
                merged.append(_brief(other))
        _invalidate(w, cur)
        aliases = w.store_aliases(cur)
        out = {"action": "alias", "entity": _summary(cur, row["id"]), "alias": alias_text, "merged": merged}
    w.committed(aliases)
    return out


def _named(w: Writer, cur: Any, name: str, type_: str | None) -> dict | None:
    """The live entity called ``name`` (its name as ``form_key``), else the best the name finds, of a type compatible with ``type_``."""
    fits = lambda row: row is not None and (type_ is None or _is_person(row["type"]) == _is_person(type_))  # noqa: E731
    rows = [_row(cur, i) for i in queries.find_entities(w.db, w.lemmatizer, name, limit=queries.MAX_CANDIDATES)]
    rows = [r for r in rows if fits(r)]
    return next((r for r in rows if form_key(r["name"]) == form_key(name)), rows[0] if rows else None)


def restore_aliases(w: Writer) -> int:
    """Give back the aliases the analyst added (``alias`` corrections still in force) to the entities they name.

    A relink rebuilds the aliases from the articles, and an alias no article has used yet
    ("ФРО") would be lost; new articles written so are linked by ``Corrections`` anyway.

    Returns:
        The number of aliases given back.
    """
    with w.db.write() as cur:
        in_force = Corrections.load(cur)
        cur.execute("SELECT type, name, target FROM entity_corrections WHERE action = 'alias' ORDER BY id")
        latest = {form_key(name): (type_, name, target) for type_, name, target in cur.fetchall()}
        given = 0
        for key, (type_, name, target) in sorted(latest.items()):
            row = _named(w, cur, target, type_) if in_force.joins.get(key) == target else None
            if row is not None:
                _add_aliases(w, cur, row, {name: 0})
                given += 1
        if given:
            _invalidate(w, cur)
        aliases = w.store_aliases(cur)
    w.committed(aliases)
    return given


def _article_entities(cur: Any, ids: list[int]) -> dict[int, tuple[Any, dict]]:
    """The stored articles ``ids``: article id -> (its day, the stored Article)."""
    out = {}
    for aid, day, text, raw, language in select_in(cur, "SELECT id, day, text, raw, language FROM articles WHERE id IN ({in})", ids):
        article = queries.article_from_row(text, raw, language)
        out[aid] = (day, article)
    return out


def _split_rows(cur: Any, old_id: int, new_id: int, moved: dict[int, set[str]]) -> set[str]:
    """Give the split entity the roles and statements of the article entities it took.

    Roles and statements are stored per article, not per article entity, so each article
    concerned is read again: its article entities say whose each role and statement is.

    Returns:
        The name mentions of the article entities it took, as the articles wrote them.
    """
    articles = _article_entities(cur, sorted(moved))
    cur.execute("SELECT article_id, local_id, entity_id FROM article_entities WHERE entity_id IN (?, ?)", [old_id, new_id])
    links = {(aid, local): cid for aid, local, cid in cur.fetchall() if aid in moved}
    role_rows, spelled = [], set()
    for aid, (day, article) in articles.items():
        for e in article.entities:
            cid = links.get((aid, e.id))
            if cid is not None:
                role_rows.extend((cid, aid, r, day) for r in dict.fromkeys(e.roles))
            if e.id in moved[aid]:
                spelled.update(m.text for m in e.mentions if m.kind == "name")
    for chunk in chunks(sorted(moved)):
        cur.execute(f"DELETE FROM roles WHERE entity_id IN (?, ?) AND article_id IN ({marks(len(chunk))})", [old_id, new_id, *chunk])
    cur.executemany("INSERT INTO roles (entity_id, article_id, role, seen) VALUES (?, ?, ?, ?)", role_rows)
    # Statements: an appearance is the article quote at its offsets, spoken by a local entity.
    rows = select_in(cur, 'SELECT id, quote_id, article_id, start, "end" FROM quote_appearances WHERE article_id IN ({in}) AND speaker_id = ?', sorted(moved), [old_id])
    flips, quotes_touched = [], set()
    for app_id, quote_id, aid, start, end in rows:
        _, article = articles[aid]
        spoken = next((q for q in article.quotes if q.start == start and q.end == end), None)
        if spoken is not None and spoken.speaker and spoken.speaker.entity in moved[aid]:
            flips.append((new_id, app_id))
            quotes_touched.add(quote_id)
    cur.executemany("UPDATE quote_appearances SET speaker_id = ? WHERE id = ?", flips)
    for quote_id in sorted(quotes_touched):  # a quote is the split entity's when none of its appearances is the old one's
        cur.execute(
            "UPDATE quotes SET speaker_id = ? WHERE id = ? AND speaker_id = ? AND NOT EXISTS (SELECT 1 FROM quote_appearances WHERE quote_id = ? AND speaker_id = ?)",
            [new_id, quote_id, old_id, quote_id, old_id],
        )
    return spelled


def _split_names(w: Writer, cur: Any, old: dict, new: dict, taken: set[str], spelled: set[str]) -> None:
    """The words and keys the two entities of a split are found by.

    The new entity: the words of its aliases and of the mentions it took as written
    (``spelled``), and its key alone (set apart: the linker's ``APART`` key of the form).
    The old one loses the words and keys only the aliases and mentions it gave up made
    (what its other articles wrote is not read again; keys made with an article's state,
    ``corpus.name_key``, stay).
    """
    from .corpus import name_key

    words = lambda texts: {word for t in texts for word in alias_words(t, w.lemmatizer)}  # noqa: E731
    cur.execute("SELECT alias FROM aliases WHERE entity_id = ?", [new["id"]])
    given = {a for (a,) in cur.fetchall()} | {new["name"]}
    cur.executemany("INSERT INTO entity_words (word, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING", [(word, new["id"]) for word in sorted(words(given | spelled))])
    cur.execute("INSERT INTO entity_keys (key, entity_id) VALUES (?, ?)", [new["key"], new["id"]])
    cur.execute("SELECT alias FROM aliases WHERE entity_id = ?", [old["id"]])
    kept = {a for (a,) in cur.fetchall()} | {old["name"]}
    gone = sorted(words(taken | spelled) - words(kept))
    cur.executemany("DELETE FROM entity_words WHERE word = ? AND entity_id = ?", [(word, old["id"]) for word in gone])
    if not _is_person(old["type"]):
        gone_keys = sorted({name_key(a, w.lemmatizer) for a in taken} - {name_key(a, w.lemmatizer) for a in kept} - {old["key"]})
        cur.executemany("DELETE FROM entity_keys WHERE key = ? AND entity_id = ?", [(k, old["id"]) for k in gone_keys])


def _redays(cur: Any, ids: list[int]) -> None:
    """Mentions per day of entities, again from the article entities they hold."""
    cur.execute(f"DELETE FROM entity_days WHERE entity_id IN ({marks(len(ids))})", ids)
    cur.execute(
        "INSERT INTO entity_days (entity_id, day, n) SELECT ae.entity_id, a.day, SUM(ae.mentions) FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
        f"WHERE ae.entity_id IN ({marks(len(ids))}) AND a.day IS NOT NULL GROUP BY ae.entity_id, a.day",
        ids,
    )


def _renamed_days(cur: Any, entity: dict) -> None:
    """A person's days named in full (``named_from``/``named_to``), again from the article entities it holds."""
    if not _is_person(entity["type"]):
        return
    cur.execute("SELECT ae.name, a.day FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? AND a.day IS NOT NULL", [entity["id"]])
    days = sorted(day for name, day in cur.fetchall() if len(name.split()) > 1)  # a first name with the surname
    cur.execute("UPDATE entities SET named_from = ?, named_to = ? WHERE id = ?", [days[0] if days else None, days[-1] if days else None, entity["id"]])


def split(w: Writer, entity: Any, form: str) -> dict:
    """Split the mentions by one name off an entity: a new entity of their own, now and after every relink.

    The article entities of ``entity`` named ``form`` (compared as ``form_key``: case and ё
    do not matter) move to a new entity named so, with their roles, their statements and
    the alias; both entities' counts and mentions per day are counted again from what
    they hold. The new entity is keyed as the linker keys a name set apart (``corpus.APART``),
    so new articles and a relink find it.

    Args:
        entity: an id or a name (any form; an ambiguous one is refused).
        form: the name to split off, as the entity's aliases list it ("Шольц").

    Returns:
        ``{"action": "split", "entity": the entity now, "split": the new entity, "form": form, "articles": articles moved}``.

    Raises:
        EntityError: no such entity (404), an ambiguous name (409), a form the entity is
            never named by, or the only name it has (422).
    """
    from .corpus import apart_key

    form_text, key = _worded(form, "a name to split off needs at least one word")
    with w.db.write() as cur:
        row = resolve(w, entity, cur)
        cur.execute("SELECT article_id, local_id, name FROM article_entities WHERE entity_id = ?", [row["id"]])
        links = cur.fetchall()
        moved = [r for r in links if form_key(r[2]) == key]
        if not moved:
            names = sorted({r[2] for r in links})
            raise EntityError(form_text, f"{row['name']} (id {row['id']}) is never named so in an article; its names: {', '.join(names[:20]) or 'none'}", status=422)
        if len(moved) == len(links):
            raise EntityError(form_text, f"every article names {row['name']} (id {row['id']}) so: nothing would stay; merge or alias instead", status=422)
        _record(cur, [("split", row["type"], form_text, None)])
        name = Counter(r[2] for r in moved).most_common(1)[0][0]
        new = {"id": next_id(cur, "entities"), "type": row["type"], "name": name, "key": apart_key(form_text)}
        cur.execute("INSERT INTO entities (id, type, name, key) VALUES (?, ?, ?, ?)", [new["id"], new["type"], new["name"], new["key"]])
        cur.executemany("UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?", [(new["id"], aid, local) for aid, local, _ in moved])
        by_article: dict[int, set[str]] = {}
        for aid, local, _ in moved:
            by_article.setdefault(aid, set()).add(local)
        spelled = _split_rows(cur, row["id"], new["id"], by_article)
        # The aliases of the name go with it (their counts too); the new entity has its name as one.
        cur.execute("SELECT alias, n FROM aliases WHERE entity_id = ?", [row["id"]])
        taken = {a: n for a, n in cur.fetchall() if form_key(a) == key}
        cur.executemany("DELETE FROM aliases WHERE entity_id = ? AND alias = ?", [(row["id"], a) for a in sorted(taken)])
        given = taken or {name: len(moved)}
        cur.executemany("INSERT INTO aliases (entity_id, alias, n) VALUES (?, ?, ?)", [(new["id"], a, n) for a, n in sorted(given.items())])
        if form_key(row["name"]) == key:  # the entity was called by the name it lost: by its most used other one now
            rest = Counter(r[2] for r in links if form_key(r[2]) != key)
            row["name"] = rest.most_common(1)[0][0]
            cur.execute("UPDATE entities SET name = ? WHERE id = ?", [row["name"], row["id"]])
        _split_names(w, cur, row, new, set(taken), spelled)
        _renamed_days(cur, row)
        _recount(cur, [row["id"], new["id"]])
        _redays(cur, [row["id"], new["id"]])
        _role_words(w, cur, [row["id"], new["id"]])
        _invalidate(w, cur)
        aliases = w.store_aliases(cur)
        out = {"action": "split", "entity": _summary(cur, row["id"]), "split": _summary(cur, new["id"]), "form": form_text, "articles": len(by_article)}
    w.committed(aliases)
    return out
