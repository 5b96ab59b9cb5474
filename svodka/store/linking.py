"""Linking stored articles across the corpus: entities, quotes, stories.

``link`` runs in the batch's write transaction (``ingest.add_articles``) or later, for
articles stored with ``link=False``, in ``link_pending``. Entities are linked first
(``corpus.link_entities``): quotes need their speakers' corpus ids. Then each quotation
becomes one corpus quote with its appearances: the same words reprinted by other outlets
(the hash of the normalised words, ``quote_key``), or a fragment of a quote of the same
speaker (``_join_fragments``), are one quote, its earliest appearance marked. Stories
last (``stories.assign_stories``).
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter, defaultdict
from typing import Any

from . import corpus, corrections, stories
from .database import chunks, marks, next_id, select_in
from .prepare import Prepared
from .queries import article_from_row
from .search import WORD_RE, normalize_word
from .writer import Writer

__all__ = ["link", "link_pending", "relink", "quote_key"]

# Quotes shorter than this (normalised characters) are never merged across articles:
# "да", "нет", "это неправда" are said by many people about many things.
QUOTE_MIN_KEY_CHARS = 30
# A new quotation is compared (as a fragment, see ``_join_fragments``) with at most this
# many of its speaker's latest stored quotes: bounds the work for a much-quoted speaker.
QUOTE_FRAGMENT_POOL = 200

# What ``relink`` empties: every row the linker writes (entities, quotes, their links and
# logs). Stories, articles and the analyst's corrections stay.
LINKED_TABLES = ("entities", "entity_keys", "aliases", "entity_words", "article_entities", "roles", "entity_days", "quotes", "quote_appearances", "entity_merges")

# A quotation of the batch: (article id, its Prepared, the Quote, its key).
_Found = tuple[int, Prepared, Any, str]


def link(w: Writer, cur: Any, items: list[tuple[int, Prepared]], *, with_stories: bool = True) -> None:
    """Corpus entities, quote propagation and stories (unless ``with_stories`` is False) for freshly stored articles."""
    mapping = corpus.link_entities(w, cur, items)
    _link_quotes(w, cur, items, mapping)
    if with_stories:
        stories.assign_stories(w, cur, [(aid, p.band_keys, p.day) for aid, p in items])


def link_pending(w: Writer, batch: int = 1000, *, with_stories: bool = True) -> int:
    """Link entities, quotes and stories of articles stored with ``link=False``.

    Safe to re-run after an interruption: each chunk commits on its own.

    Args:
        batch: articles linked per transaction.
        with_stories: False links entities and quotes only (``relink``: the articles keep
            their stories).

    Returns:
        The number of articles linked.
    """
    done = 0
    while True:
        with w.db.write() as cur:
            cur.execute("SELECT id, text, raw, language FROM articles WHERE linked = 0 ORDER BY id LIMIT ?", [batch])
            rows = cur.fetchall()
            if not rows:
                return done
            # The language column decides: an article in another language links nothing.
            items = [(r[0], w.preparer.prepare(article_from_row(r[1], r[2], r[3]))) for r in rows]
            link(w, cur, items, with_stories=with_stories)
            for chunk in chunks([aid for aid, _ in items]):
                cur.execute(f"UPDATE articles SET linked = 1 WHERE id IN ({marks(len(chunk))})", chunk)
            aliases = w.store_aliases(cur)
        w.committed(aliases)
        done += len(items)


def relink(w: Writer, batch: int = 1000) -> int:
    """Link the whole archive again: every corpus entity and quote rebuilt from the stored articles.

    For a linker that changed, and to apply the analyst's corrections (``entity_corrections``,
    read by the linker) everywhere. The corpus rows (``LINKED_TABLES``) are emptied and every
    article is marked unlinked in one transaction, then linked in chunks of ``batch`` like
    ``link_pending``, without stories: the articles keep theirs (``recluster`` rebuilds them).
    If interrupted, run it again (``link_pending`` would also join the rest to stories).
    Last, the aliases the analyst gave are given back (``corrections.restore_aliases``: an
    alias no article uses is no article entity's form).

    Returns:
        The number of articles linked.
    """
    with w.db.write() as cur:
        for table in LINKED_TABLES:
            cur.execute(f"DELETE FROM {table}")
        cur.execute("UPDATE articles SET linked = 0 WHERE linked <> 0")
        w.entities = None  # every writer's corpus entities are gone: a new token says so
        cur.execute("UPDATE store_meta SET value = ? WHERE key = 'entities'", [uuid.uuid4().hex])
    linked = link_pending(w, batch, with_stories=False)
    corrections.restore_aliases(w)
    return linked


def _quote_norm(text: str) -> str:
    """A quotation's words, lowercased with ё folded, space-joined (what its key hashes)."""
    return " ".join(normalize_word(w) for w in WORD_RE.findall(text))


def quote_key(text: str) -> str | None:
    """The propagation key of a quotation: hash of its normalised words (None if short)."""
    norm = _quote_norm(text)
    if len(norm) < QUOTE_MIN_KEY_CHARS:
        return None
    return hashlib.sha1(norm.encode()).hexdigest()


def _join_fragments(cur: Any, found: list[_Found], known: dict[str, list], mapping: dict[tuple[int, str], int]) -> tuple[list[_Found], dict[str, str]]:
    """Give a quotation that is a fragment of (or contains) another of the same speaker that one's key.

    Outlets cut a long quote short ("Мы пришли ... с готовностью слушать" for the whole
    sentence and its continuation), or print more of it than the first did: the same words
    of the same corpus speaker are one quote. Only quotations with a key of their own
    (``QUOTE_MIN_KEY_CHARS`` normalised characters or more), not yet stored, and with a
    speaker entity are compared: with the speaker's ``QUOTE_FRAGMENT_POOL`` latest stored
    quotes and with this batch's earlier ones.

    Returns:
        ``found`` with the joined keys, and key -> the longest text met for a joined quote
        (its text to show).
    """
    speaker_of = lambda aid, q: mapping.get((aid, q.speaker.entity)) if q.speaker and q.speaker.entity else None  # noqa: E731
    open_ = [i for i, (aid, _, q, key) in enumerate(found) if key not in known and speaker_of(aid, q) is not None and quote_key(q.text) == key]
    if not open_:
        return found, {}
    pool: dict[int, list[tuple[str, str, str]]] = defaultdict(list)  # speaker -> [(key, normalised text, text)]
    for sid in sorted({speaker_of(found[i][0], found[i][2]) for i in open_}):
        # a stored quote joins only with a key of its own, as this batch's do: a short one
        # ("2:3": "<article>:<index>", never a hash) stored by an earlier batch is never merged,
        # nor takes room in the pool (the result must not depend on how the input was cut into
        # batches)
        cur.execute(
            "SELECT id, key, text FROM quotes WHERE speaker_id = ? AND key NOT LIKE ? ORDER BY id DESC LIMIT ?", [sid, "%:%", QUOTE_FRAGMENT_POOL]
        )
        for qid, key, text in cur.fetchall():
            known.setdefault(key, [qid, sid])
            pool[sid].append((key, _quote_norm(text), text))
    out, longest = list(found), {}
    for i in open_:
        aid, p, q, key = found[i]
        sid = speaker_of(aid, q)
        norm = _quote_norm(q.text)
        padded = f" {norm} "
        for other, other_norm, other_text in pool[sid]:
            if other != key and (padded in f" {other_norm} " or f" {other_norm} " in padded):
                out[i] = (aid, p, q, other)
                best = longest.get(other, other_text)
                if len(q.text) > len(best):
                    longest[other] = q.text
                break
        else:
            if all(other != key for other, _, _ in pool[sid]):
                pool[sid].append((key, norm, q.text))
    return out, longest


def _link_quotes(w: Writer, cur: Any, items: list[tuple[int, Prepared]], mapping: dict[tuple[int, str], int]) -> None:
    """One corpus quote per distinct quotation; appearances, with the earliest marked."""
    found: list[_Found] = []
    for aid, p in items:
        for i, q in enumerate(p.article.quotes):
            key = quote_key(q.text) or f"{aid}:{i}"  # short: never merged
            found.append((aid, p, q, key))
    if not found:
        return
    known = {r[1]: [r[0], r[2]] for r in select_in(cur, "SELECT id, key, speaker_id FROM quotes WHERE key IN ({in})", {f[3] for f in found})}
    found, longest = _join_fragments(cur, found, known, mapping)
    for key, text in longest.items():  # a fragment's quote shows the longest text said
        if key in known:
            cur.execute("UPDATE quotes SET text = ?, lemmas = ? WHERE id = ?", [text, w.lemmatizer.index_text(text), known[key][0]])
    new_quotes, app_rows, touched = _quote_rows(w, cur, found, known, longest, mapping)
    if new_quotes:
        cur.executemany("INSERT INTO quotes (id, key, text, lemmas, speaker_id, speaker_name, appearances) VALUES (?, ?, ?, ?, ?, ?, ?)", list(new_quotes.values()))
    cur.executemany(
        'INSERT INTO quote_appearances (id, quote_id, article_id, kind, start, "end", speaker_name, speaker_type, speaker_kind, speaker_id, cue, via, published, earliest) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        app_rows,
    )
    if touched:
        _mark_earliest(cur, touched, app_rows, {q[0] for q in new_quotes.values()})


def _quote_rows(
    w: Writer, cur: Any, found: list[_Found], known: dict[str, list], longest: dict[str, str], mapping: dict[tuple[int, str], int]
) -> tuple[dict[str, list], list[tuple], set[int]]:
    """The new quote rows (by key), the appearance rows, and the stored quotes they add to.

    Stored quotes learn their speaker here when they had none.
    """
    next_quote = next_id(cur, "quotes")
    next_app = next_id(cur, "quote_appearances")
    new_quotes: dict[str, list] = {}
    app_rows = []
    counts: Counter = Counter(f[3] for f in found)
    touched: set[int] = set()
    for aid, p, q, key in found:
        sp = q.speaker
        speaker_id = mapping.get((aid, sp.entity)) if sp and sp.entity else None
        if key in known:
            qid = known[key][0]
            touched.add(qid)
            if known[key][1] is None and speaker_id is not None:
                known[key][1] = speaker_id
                cur.execute("UPDATE quotes SET speaker_id = ?, speaker_name = ? WHERE id = ?", [speaker_id, sp.name, qid])
        elif key in new_quotes:
            qid = new_quotes[key][0]
            if new_quotes[key][4] is None and speaker_id is not None:
                new_quotes[key][4], new_quotes[key][5] = speaker_id, sp.name
        else:
            qid = next_quote
            next_quote += 1
            text = longest.get(key, q.text)
            new_quotes[key] = [qid, key, text, w.lemmatizer.index_text(text), speaker_id, sp.name if sp else None, counts[key]]
        # A quote seen once so far is its own earliest appearance.
        earliest = int(key not in known and counts[key] == 1)
        if not earliest:
            touched.add(qid)
        # Speaker.kind (person, organisation, outlet, state, group) is read where the model has it.
        kind = getattr(sp, "kind", None) if sp else None
        app_rows.append((next_app, qid, aid, q.kind, q.start, q.end, sp.name if sp else None, sp.type if sp else None, kind, speaker_id, q.cue, q.via, p.article.published, earliest))
        next_app += 1
    return new_quotes, app_rows, touched


def _mark_earliest(cur: Any, touched: set[int], app_rows: list[tuple], fresh_ids: set[int]) -> None:
    """Move the earliest mark of quotes seen again, and count their new appearances.

    Earliest: by published date (unknown dates last), then ingest order. The new earliest
    is the old one or one of this batch's appearances: no rescan needed.
    """
    order = lambda row: (row[2] is None, row[2] or "", row[3], row[1])  # noqa: E731  (quote, id, published, article)
    best: dict[int, tuple] = {}
    for row in select_in(cur, "SELECT quote_id, id, published, article_id FROM quote_appearances WHERE earliest = 1 AND quote_id IN ({in})", sorted(touched)):
        best[row[0]] = row
    old_best = {q: r[1] for q, r in best.items()}
    for app in app_rows:
        qid = app[1]
        if qid in touched:
            row = (qid, app[0], app[12], app[2])
            if qid not in best or order(row) < order(best[qid]):
                best[qid] = row
    flips = []
    for qid, row in best.items():
        if old_best.get(qid) != row[1]:
            if qid in old_best:
                flips.append((0, old_best[qid]))
            flips.append((1, row[1]))
    cur.executemany("UPDATE quote_appearances SET earliest = ? WHERE id = ?", flips)
    added = Counter(app[1] for app in app_rows if app[1] in touched and app[1] not in fresh_ids)
    cur.executemany("UPDATE quotes SET appearances = appearances + ? WHERE id = ?", [(n, qid) for qid, n in added.items()])
