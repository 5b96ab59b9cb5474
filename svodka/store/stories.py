"""Story clustering: articles of several outlets reporting the same event.

Each article gets a MinHash signature (datasketch) over word 2-shingles of its lemmatised
text (words of 3+ letters, each as the crc32 of its first base form). The signature is cut into ``BANDS`` bands of ``ROWS`` values; each band hashes to
one 64-bit *band key*. Two articles sharing a band key are a candidate pair (classic LSH:
with 21 bands of 3 the pair is found with probability ~0.5 at Jaccard 0.3, ~0.94 at 0.5,
~0.0002 at 0.02). The keys are stored as one ``story_bands`` row per article and looked
up in memory (``BandIndex``): the index is persistent and incremental like a table, and a
batch probes it in a few numpy calls.

A candidate is confirmed (``confirm``) when the two were published within
``WINDOW_DAYS`` and either are near-identical (many shared bands) or also share a corpus
entity or a resolved date. Confirmed pairs join stories (connected components).

Rewritten reports (the same event told by another outlet in its own words) rarely share
enough 2-shingles for a band collision, so a second candidate source looks at *who* the
articles are about: two articles published within ``WINDOW_DAYS`` of each other (or both
undated) that share at least ``MIN_SHARED_ENTITIES`` *specific* corpus entities (PER or
ORG; places name a region, not an event; entities in more than ``COMMON_ENTITY_SHARE`` of
the archive name a beat, not an event), or one specific person and a resolved date
(``resolved_date``), are candidates (``entity_candidate``). They are confirmed when the
sets of their content lemmas overlap (``jaccard`` >= ``LEMMA_JACCARD``): the same people
in a different event of the same week rarely share a third of the vocabulary.
Candidates come from the ``article_entities`` index (bounded per article), never from
all pairs.

The archive side (the end of this module) runs in the writer's transaction:
``assign_stories`` joins each new article to the story of its confirmed candidates,
``recluster`` rebuilds every story from the stored band keys.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from datasketch import MinHash
from datasketch.minhash import _fmix  # the pre-mix MinHash applies (see Signer)

from .database import chunks, marks, next_id, probe, select_in
from .events import join_events, keep_event_pairs, related_by_words
from .search import WORD_RE

if TYPE_CHECKING:
    from .writer import Writer

__all__ = [
    "BandIndex", "Signer", "ContentWords", "pack_keys", "unpack_keys", "confirm", "entity_candidate", "is_specific", "jaccard", "resolved_date", "same_window",
    "shingles", "window_days", "NUM_PERM", "BANDS", "ROWS", "assign_stories", "band_index", "recluster",
]

# MinHash permutations, and their split into LSH bands (BANDS * ROWS == NUM_PERM).
NUM_PERM = 63
BANDS = 21
ROWS = 3
# Fixed seed: band keys must be the same in every process and every run.
SEED = 20170329
# Mixes two word hashes into one shingle hash (an odd 32-bit multiplier).
SHINGLE_MULT = 0x9E3779B1
# Articles with fewer shingles than this are not clustered (too short to judge).
MIN_SHINGLES = 8
# At least this many shared bands (of BANDS) confirm a pair on text alone: a reprint.
STRONG_BANDS = 7
# Articles more than this many days apart are different stories (when both dates known).
WINDOW_DAYS = 7
# At most this many candidates are examined per article (boilerplate-heavy texts).
MAX_CANDIDATES = 50

# --- the second candidate source: shared specific entities (see the module docstring)
# Entity types that can tie two reports to one event (places only say where).
STORY_ENTITY_TYPES = ("PER", "ORG")
# An entity in more than this share of the archive's articles is not specific to an event
# (the government, a ministry on every beat) ...
COMMON_ENTITY_SHARE = 0.05
# ... judged only once the archive has more than this many articles (shares of a few
# dozen articles say nothing).
COMMON_ENTITY_MIN_ARCHIVE = 50
# Specific entities two articles must share to be a candidate on entities alone.
MIN_SHARED_ENTITIES = 2
# Content-lemma Jaccard that confirms an entity candidate. On data/sample the 15 true
# pairs of its multi-outlet stories score 0.25-0.47; the closest false pairs sharing
# entities score 0.19 (the same governor on another port, seven weeks later) and 0.15;
# unrelated pairs at most 0.14. 0.22 sits between the weakest true and the closest false.
LEMMA_JACCARD = 0.22
# A date mention spanning at most this many days is "resolved" (a day or an event's few
# days: "с 11 по 22 ноября"), unlike a month or a year that many stories mention.
RESOLVED_DATE_DAYS = 15
# Entity candidates confirmed (lemma sets compared) per article at most, most shared first.
MAX_ENTITY_CANDIDATES = 10
# Entity postings (article_entities rows) read per article at most, newest first: bounds
# the work for an entity near the COMMON_ENTITY_SHARE line in a large archive.
MAX_ENTITY_POSTINGS = 2000
# pymorphy3 parts of speech that carry no topic: pronouns, prepositions, conjunctions,
# particles, interjections, predicatives.
FUNCTION_POS = frozenset({"NPRO", "PREP", "CONJ", "PRCL", "INTJ", "PRED"})
# Content lemmas shorter than this are left out (as for shingles: "год" stays, "на" goes).
MIN_CONTENT_CHARS = 3


def shingles(word_hashes: list[int]) -> list[int]:
    """Distinct 32-bit hashes of word 2-shingles, from per-word hashes (0 = word left out)."""
    return _shingle_array(word_hashes).tolist()


def _shingle_array(word_hashes: list[int]) -> np.ndarray:
    """``shingles`` as a uint32 array (what the signature needs)."""
    words = np.array(word_hashes, dtype=np.uint64)
    words = words[words != 0]
    if len(words) < 2:
        return np.empty(0, dtype=np.uint32)
    pairs = (words[:-1] * np.uint64(SHINGLE_MULT) + words[1:]) & np.uint64(0xFFFFFFFF)
    return np.unique(pairs).astype(np.uint32)


class Signer:
    """Computes band keys; holds the permutations once (creating them is the slow part).

    The signature is datasketch's ``MinHash(scheme="affine32").update_batch`` computed
    directly in numpy (same values, tested): one (shingles x permutations) product and a
    column minimum. Measured 258 -> 98 us per 400-word article; the per-item Python
    ``hashfunc`` calls and the MinHash object were most of the cost.
    """

    def __init__(self) -> None:
        self._template = MinHash(num_perm=NUM_PERM, seed=SEED)
        if self._template.scheme != "affine32":  # the direct computation below is affine32's
            raise RuntimeError(f"datasketch MinHash scheme {self._template.scheme!r} unexpected; update stories.Signer")
        a, b = self._template.permutations
        self._a = np.asarray(a, dtype=np.uint32).reshape(1, -1)
        self._b = np.asarray(b, dtype=np.uint32).reshape(1, -1)
        self._person = [bytes([band]) * 16 for band in range(BANDS)]

    def signature(self, word_hashes: list[int]) -> np.ndarray | None:
        """The MinHash values (uint32, ``NUM_PERM``), or None when the text is too short."""
        items = _shingle_array(word_hashes)
        if len(items) < MIN_SHINGLES:
            return None
        hv = _fmix(items.reshape(-1, 1), 32)  # datasketch's pre-mix of every input hash
        return (hv * self._a + self._b).min(axis=0)  # uint32 arithmetic wraps: mod 2^32

    def band_keys(self, word_hashes: list[int]) -> list[int]:
        """The LSH band keys of a text given as per-word hashes (``Lemmatizer.analyse``).

        Returns [] when the text is too short to cluster.
        """
        values = self.signature(word_hashes)
        if values is None:
            return []
        raw = values.tobytes()
        width = ROWS * values.itemsize
        blake, person = hashlib.blake2b, self._person
        return [
            int.from_bytes(blake(raw[band * width : (band + 1) * width], digest_size=8, person=person[band]).digest(), "big", signed=True)  # fits BIGINT
            for band in range(BANDS)
        ]


# How ``story_bands.keys`` holds an article's band keys: little-endian int64s.
KEY_DTYPE = np.dtype("<i8")


def pack_keys(keys: list[int]) -> bytes:
    """An article's distinct band keys as one blob (``story_bands.keys``)."""
    return np.array(sorted(set(keys)), dtype=KEY_DTYPE).tobytes()


def unpack_keys(blob: bytes) -> list[int]:
    """The band keys of a ``story_bands.keys`` blob."""
    return np.frombuffer(blob, dtype=KEY_DTYPE).tolist()


# ``day_number`` of a day that is not a date ("2024-02-30" has a day's shape): outside
# every dated window, as the string compare of the story_keys table mostly had it.
NOT_A_DAY = -1


def day_number(day: str | None) -> int:
    """A day as a number for ``BandIndex``: its ordinal; 0 when undated; ``NOT_A_DAY`` when not a date."""
    if not day:
        return 0
    d = _day(day)
    return d.toordinal() if d is not None else NOT_A_DAY


class BandIndex:
    """The archive's LSH band keys in memory: which earlier articles share keys with new ones.

    The persistent copy is one ``story_bands`` row per article (its keys packed in one
    blob), written in id order: an append at the end of the table. The earlier layout, a
    row per key in a key-ordered table, rewrote nearly every leaf page of a growing B-tree
    in every batch: a third of the ingest time at 40,000 articles.

    In memory the keys are a few sorted runs of numpy arrays (key, article id, day number)
    merged as they grow, log-structured: a batch adds one run, two runs of similar size
    merge, so there are about log2(archive / batch) runs and each key is re-sorted about
    as often. 16 bytes per key, ``BANDS`` keys per article: 34 MB at 100,000 articles.
    ``last_id`` is the highest article id added: the store reads rows past it (written by
    another process) before adding its own.
    """

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (keys int64, ids int32, days int32), sorted by key
        self.last_id = 0

    def __len__(self) -> int:
        return sum(len(run[0]) for run in self._runs)

    def add(self, rows: list[tuple[int, str | None, bytes]]) -> None:
        """Add ``(article id, ISO day or None, packed keys)`` rows, ids ascending and past ``last_id``."""
        rows = [r for r in rows if r[0] > self.last_id]
        if not rows:
            return
        if rows[-1][0] >= 2**31:
            raise OverflowError("article ids past 2^31 do not fit the band index")
        counts = np.fromiter((len(r[2]) // 8 for r in rows), dtype=np.int64, count=len(rows))
        self.last_id = rows[-1][0]
        if not counts.sum():
            return
        keys = np.frombuffer(b"".join(bytes(r[2]) for r in rows), dtype=KEY_DTYPE).astype(np.int64)
        ids = np.repeat(np.fromiter((r[0] for r in rows), dtype=np.int32, count=len(rows)), counts)
        days = np.repeat(np.fromiter((day_number(r[1]) for r in rows), dtype=np.int32, count=len(rows)), counts)
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], ids[order], days[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (k1, i1, d1), (k2, i2, d2) = self._runs.pop(), self._runs.pop()
            keys, ids, days = np.concatenate([k2, k1]), np.concatenate([i2, i1]), np.concatenate([d2, d1])
            order = np.argsort(keys, kind="stable")
            self._runs.append((keys[order], ids[order], days[order]))

    def candidates(self, items: list[tuple[int, list[int], str | None]], limit: int) -> dict[int, dict[int, int]]:
        """Earlier articles sharing band keys with each article: article -> {candidate: shared keys}.

        ``items`` are (article id, band keys, ISO day or None). A candidate must have a
        smaller id and lie in the article's time window (``window_days``); an undated
        article sees every day, an undated candidate is seen from every day, a candidate
        whose day is not a date only from undated articles. Each article
        keeps its ``limit`` candidates with the most shared keys, earlier ids first on ties.
        """
        per = [(aid, set(keys), day_number(day)) for aid, keys, day in items if keys]
        if not per or not self._runs:
            return {}
        counts = np.array([len(k) for _, k, _ in per], dtype=np.int64)
        p_key = np.fromiter((k for _, keys, _ in per for k in keys), dtype=np.int64, count=int(counts.sum()))
        order = np.argsort(p_key)  # sorted probes: each binary search starts where the last ended (3x faster)
        p_key = p_key[order]
        p_aid = np.repeat(np.array([a for a, _, _ in per], dtype=np.int64), counts)[order]
        span = WINDOW_DAYS
        p_lo = np.repeat(np.array([d - span if d > 0 else -(2**31) for _, _, d in per], dtype=np.int64), counts)[order]
        p_hi = np.repeat(np.array([d + span if d > 0 else 2**31 for _, _, d in per], dtype=np.int64), counts)[order]
        found = []
        for keys, ids, days in self._runs:
            lo = np.searchsorted(keys, p_key, "left")
            hit = keys[np.minimum(lo, len(keys) - 1)] == p_key  # most probes find nothing
            n = np.zeros(len(p_key), dtype=np.int64)
            n[hit] = np.searchsorted(keys, p_key[hit], "right") - lo[hit]
            total = int(n.sum())
            if not total:
                continue
            which = np.repeat(np.arange(len(p_key)), n)  # the probe of each match
            pos = np.arange(total) - np.repeat(np.cumsum(n) - n, n) + lo[which]  # its place in the run
            other, day, aid = ids[pos].astype(np.int64), days[pos], p_aid[which]
            ok = (other < aid) & ((day == 0) | ((day >= p_lo[which]) & (day <= p_hi[which])))
            found.append((aid[ok] << 31) | other[ok])  # (article, candidate) as one number: ids < 2^31
        if not found:
            return {}
        pairs, shared = np.unique(np.concatenate(found), return_counts=True)
        out: dict[int, dict[int, int]] = {}
        for pair, k in zip(pairs.tolist(), shared.tolist()):
            out.setdefault(pair >> 31, {})[pair & 0x7FFFFFFF] = k
        return {aid: dict(sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]) for aid, cands in out.items()}


def _day(value: str | None) -> date | None:
    """The date of an ISO day string, or None."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def window_days(day: str) -> tuple[str, str]:
    """The first and last ISO day of the story window around ``day``."""
    d = _day(day)
    if d is None:
        return ("", "9999-12-31")
    span = timedelta(days=WINDOW_DAYS)
    return ((d - span).isoformat(), (d + span).isoformat())


def confirm(shared_bands: int, day_a: str | None, day_b: str | None, entities_a: set, entities_b: set, dates_a: set, dates_b: set) -> bool:
    """Whether an LSH candidate pair is one story (see the module docstring).

    Args:
        shared_bands: band keys the two articles share.
        day_a, day_b: their publication days (ISO), when known.
        entities_a, entities_b: their corpus entity ids.
        dates_a, dates_b: resolved dates (ISO ``from``) mentioned in them.

    Returns:
        True when the pair should be in one story.
    """
    a, b = _day(day_a), _day(day_b)
    if a and b and abs((a - b).days) > WINDOW_DAYS:
        return False
    if shared_bands >= STRONG_BANDS:
        return True
    if entities_a & entities_b or dates_a & dates_b:
        return True
    # Neither has anything to confirm with: ask for more text evidence.
    return not (entities_a or entities_b or dates_a or dates_b) and shared_bands >= 2


class ContentWords:
    """Sets of content lemmas of texts (``Lemmatizer`` first base forms, function words out).

    Numbers are left out too: every report of the week carries sums and years. The part of
    speech of each lemma is looked up once and cached (bounded like the lemma cache).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self._lemmatizer = lemmatizer
        self._content: dict[str, bool] = {}  # lemma -> is a content word

    def lemma_set(self, text: str) -> frozenset[str]:
        """The distinct content lemmas of ``text``."""
        firsts, _ = self._lemmatizer.analyse(WORD_RE.findall(text or ""))
        known = self._content
        if len(known) > 500_000:  # the lemmatizer's own cache bound
            known.clear()
        out = []
        for lemma in set(firsts):
            ok = known.get(lemma)
            if ok is None:
                ok = known[lemma] = len(lemma) >= MIN_CONTENT_CHARS and not lemma.isdigit() and self._lemmatizer.parse(lemma)[0].tag.POS not in FUNCTION_POS
            if ok:
                out.append(lemma)
        return frozenset(out)


def jaccard(a: frozenset | set, b: frozenset | set) -> float:
    """|a & b| / |a | b| (0.0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def is_specific(articles: int, archive_size: int) -> bool:
    """Whether an entity mentioned in ``articles`` articles can tie two reports together."""
    return archive_size <= COMMON_ENTITY_MIN_ARCHIVE or articles <= COMMON_ENTITY_SHARE * archive_size


def resolved_date(date_from: str | None, date_to: str | None) -> bool:
    """Whether a date mention names a day or a short span (not a month, year or open range)."""
    a, b = _day(date_from), _day(date_to or date_from)
    return a is not None and b is not None and 0 <= (b - a).days <= RESOLVED_DATE_DAYS


def same_window(day_a: str | None, day_b: str | None) -> bool:
    """Entity candidates' time rule: both dated within ``WINDOW_DAYS``, or both undated."""
    a, b = _day(day_a), _day(day_b)
    if a is None or b is None:
        return a is None and b is None
    return abs((a - b).days) <= WINDOW_DAYS


def entity_candidate(shared: int, shared_persons: int, shared_date: bool) -> bool:
    """Whether two articles in one window are an entity candidate pair.

    Args:
        shared: specific PER/ORG corpus entities both mention.
        shared_persons: how many of them are persons.
        shared_date: they mention the same resolved date (``resolved_date``).
    """
    return shared >= MIN_SHARED_ENTITIES or (shared_persons >= 1 and shared_date)


# ---------------------------------------------------------------------------- the archive side

# Rows that read the resolved absolute dates of articles (what confirmation compares).
_DATES_SQL = "SELECT article_id, date_from, date_to FROM dates WHERE relative = 0 AND date_from IS NOT NULL AND article_id IN ({in})"


def band_index(w: Writer, cur: Any, upto: int) -> BandIndex:
    """The writer's in-memory band index, brought up to article id ``upto`` (under the write lock).

    Loads the archive's ``story_bands`` on first use (~0.1 s at 100,000 articles), then
    only the rows other writers stored since (ids are allocated under the write lock, so
    theirs are all past ``last_id``). A failed write drops the index (``Writer.forget``).
    """
    index = w.bands
    if index is None:
        index = w.bands = BandIndex()
    if index.last_id < upto:
        cur.execute("SELECT article_id, day, keys FROM story_bands WHERE article_id > ? AND article_id <= ? ORDER BY article_id", [index.last_id, upto])
        index.add(cur.fetchall())
        index.last_id = upto
    return index


def _archive_size(cur: Any) -> int:
    """The newest article id (ids are dense: the archive size without a count)."""
    cur.execute("SELECT COALESCE(MAX(id), 0) FROM articles")
    return int(cur.fetchone()[0])


def _lsh_candidates(w: Writer, cur: Any, items: list[tuple[int, list[int], str | None]]) -> dict[int, dict[int, int]]:
    """Earlier articles sharing band keys with each article: article -> {candidate: shared keys}.

    From the in-memory band index (``BandIndex.candidates``: time window, earlier ids, the
    ``MAX_CANDIDATES`` with the most shared keys), brought up to the archive's newest
    article first.
    """
    return band_index(w, cur, _archive_size(cur)).candidates(items, MAX_CANDIDATES)


def _confirmed_lsh(w: Writer, cur: Any, items: list[tuple[int, list[int], str | None]]) -> tuple[dict[int, list[int]], dict[int, int | None]]:
    """LSH candidates confirmed with facts (days, entities, dates) read for the whole batch at once.

    Returns:
        article -> confirmed earlier articles, and the story of every article read.
    """
    shared = _lsh_candidates(w, cur, items)
    if not shared:
        return {}, {}
    ids = sorted(set(shared) | {c for found in shared.values() for c in found})
    info = {r[0]: (r[1], r[2]) for r in select_in(cur, "SELECT id, day, story_id FROM articles WHERE id IN ({in})", ids)}
    ents: dict[int, set] = defaultdict(set)
    for a, e in select_in(cur, "SELECT article_id, entity_id FROM article_entities WHERE article_id IN ({in})", ids):
        ents[a].add(e)
    dates: dict[int, set] = defaultdict(set)
    for a, d in select_in(cur, "SELECT article_id, date_from FROM dates WHERE relative = 0 AND date_from IS NOT NULL AND article_id IN ({in})", ids):
        dates[a].add(d)
    confirmed: dict[int, list[int]] = {}
    for aid, found in shared.items():
        day = info[aid][0]
        ok = [c for c in found if confirm(found[c], day, info[c][0], ents[aid], ents[c], dates[aid], dates[c])]
        if ok:
            confirmed[aid] = ok
    return confirmed, {a: sid for a, (_, sid) in info.items()}


def assign_stories(w: Writer, cur: Any, items: list[tuple[int, list[int], str | None]], *, events: bool = True) -> None:
    """Join each article to the story of its confirmed neighbours (earlier ids only).

    Two candidate sources (see the module docstring): LSH band keys (``_confirmed_lsh``)
    and shared specific entities (``_entity_pairs``). The story assignment then runs in
    memory before one write-back: as events (``events.join_events``: commentary needs more
    than shared names, a story's span is bounded, an article joins a story as a whole), or,
    with ``events=False``, as the union of the stories of confirmed pairs (the topic rules).
    """
    confirmed, story_of = _confirmed_lsh(w, cur, items)
    for aid, more in _entity_pairs(w, cur, [(aid, day) for aid, _, day in items], confirmed).items():
        confirmed[aid] = confirmed.get(aid, []) + more
    if events and confirmed:
        confirmed = keep_event_pairs(w, cur, confirmed)
    if not confirmed:
        return
    unknown = sorted(({c for ok in confirmed.values() for c in ok} | set(confirmed)) - story_of.keys())
    story_of.update(select_in(cur, "SELECT id, story_id FROM articles WHERE id IN ({in})", unknown))
    if events:
        changed = join_events(cur, confirmed, story_of, next_id(cur, "stories"), related_by_words(w, cur))
        cur.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(story_of[a], a) for a in sorted(changed)])
        for sid in sorted({story_of[a] for a in changed}):
            _refresh_story(cur, sid)
        return
    parent: dict[int, int] = {}  # story merges: story id -> the story it joined

    def find(sid: int) -> int:
        while sid in parent:
            sid = parent[sid]
        return sid

    next_story = next_id(cur, "stories")
    changed: set[int] = set()
    for aid in sorted(confirmed):
        ok = confirmed[aid]
        roots = sorted({find(story_of[c]) for c in ok + [aid] if story_of.get(c) is not None})
        if roots:
            target = roots[0]
            for other in roots[1:]:
                parent[other] = target
        else:
            target = next_story
            next_story += 1
        for member in ok + [aid]:
            if story_of.get(member) is None or find(story_of[member]) != target:
                story_of[member] = target
                changed.add(member)
    merged = sorted(parent)
    for chunk in chunks(merged):  # rows outside this batch's view follow their story
        for old in chunk:
            cur.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [find(old), old])
        cur.execute(f"DELETE FROM stories WHERE id IN ({marks(len(chunk))})", chunk)
    cur.executemany("UPDATE articles SET story_id = ? WHERE id = ?", [(find(story_of[a]), a) for a in sorted(changed)])
    for sid in sorted({find(story_of[a]) for a in changed} | {find(m) for m in merged}):
        _refresh_story(cur, sid)


def _specific_entities(cur: Any, day_of: dict[int, str | None]) -> dict[int, dict[int, list]]:
    """Each article's specific PER/ORG corpus entities: article -> entity -> [type, own mentions]."""
    archive = _archive_size(cur)
    mine: dict[int, dict[int, list]] = defaultdict(dict)
    for aid, eid, kind, n, seen in select_in(
        cur,
        "SELECT ae.article_id, ae.entity_id, ae.type, ae.mentions, e.articles FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
        f"WHERE ae.article_id IN ({{in}}) AND ae.type IN ({marks(len(STORY_ENTITY_TYPES))})",
        list(day_of),
        STORY_ENTITY_TYPES,
    ):
        if seen >= 2 and is_specific(seen, archive):  # mentioned elsewhere, and not everywhere
            mine[aid].setdefault(eid, [kind, 0])[1] += n
    return mine


def _live_entities(cur: Any, day_of: dict[int, str | None], mine: dict[int, dict[int, list]], could_pair) -> dict[int, set[int]]:
    """Article -> its entities another article of its window may share (``entity_days`` says which)."""
    live: dict[int, set[int]] = defaultdict(set)
    probes = []
    for aid, ents in mine.items():
        if not could_pair(aid, ents):
            continue
        if day_of[aid] is None:  # entity_days holds dated mentions only: probe undated ones directly
            live[aid] = set(ents)
        else:
            lo, hi = window_days(day_of[aid])
            probes.extend((aid, eid, lo, hi) for eid in ents)
    for aid, eid, day, n in probe(
        cur,
        ("article_id", "entity_id", "lo", "hi"),
        probes,
        "SELECT p.article_id, p.entity_id, d.day, d.n FROM probe p JOIN entity_days d ON d.entity_id = p.entity_id AND d.day >= p.lo AND d.day <= p.hi",
    ):
        own = mine[aid][eid][1]
        # Another article's mention: on another day, or more mentions on this day than
        # this article's own (an article with no mention rows cannot be told apart).
        if day != day_of[aid] or n > own or own == 0:
            live[aid].add(eid)
    return live


def _sharing(cur: Any, aid: int, day: str | None, eids: list[int]) -> list[tuple]:
    """Earlier articles of the window sharing ``eids`` with ``aid``: (article, shared, shared persons)."""
    window, params = "a.day IS NULL", []
    if day is not None:
        window, params = "a.day >= ? AND a.day <= ?", list(window_days(day))
    cur.execute(
        "SELECT p.article_id, COUNT(DISTINCT p.entity_id), COUNT(DISTINCT CASE WHEN p.type = 'PER' THEN p.entity_id END) "
        f"FROM (SELECT article_id, entity_id, type FROM article_entities WHERE entity_id IN ({marks(len(eids))}) AND article_id < ? "
        f"ORDER BY article_id DESC LIMIT ?) p JOIN articles a ON a.id = p.article_id WHERE {window} GROUP BY p.article_id",
        eids + [aid, MAX_ENTITY_POSTINGS] + params,
    )
    return cur.fetchall()


def _add_resolved(cur: Any, resolved: dict[int, set[str]], ids: Iterable[int]) -> None:
    """Add the resolved dates (``resolved_date``) the articles ``ids`` mention to ``resolved``."""
    for a, d_from, d_to in select_in(cur, _DATES_SQL, list(ids)):
        if resolved_date(d_from, d_to):
            resolved[a].add(d_from)


def _entity_pairs(w: Writer, cur: Any, items: list[tuple[int, str | None]], skip: dict[int, list[int]]) -> dict[int, list[int]]:
    """Earlier articles sharing specific entities with each article, confirmed by lemma overlap.

    The second candidate source, bounded per article: ``entity_days`` (keyed by entity and
    day) first says whether any other article of the window mentions the entity at all,
    which ends the work for most articles; the rest read at most ``MAX_ENTITY_POSTINGS``
    postings and compare lemma sets with at most ``MAX_ENTITY_CANDIDATES`` articles. Pairs
    in ``skip`` (confirmed already) are left out.

    Returns:
        article id -> confirmed earlier article ids.
    """
    if not items:
        return {}
    day_of = dict(items)
    mine = _specific_entities(cur, day_of)
    if not mine:
        return {}
    resolved: dict[int, set[str]] = defaultdict(set)
    _add_resolved(cur, resolved, mine)

    def could_pair(aid: int, eids: Iterable[int]) -> bool:
        kinds = [mine[aid][e][0] for e in eids]
        return len(kinds) >= MIN_SHARED_ENTITIES or ("PER" in kinds and bool(resolved[aid]))

    found: dict[int, list[tuple[int, int, int]]] = {}  # article -> [(candidate, shared, shared persons)]
    for aid, eids in sorted(_live_entities(cur, day_of, mine, could_pair).items()):
        if not could_pair(aid, eids):
            continue
        done = set(skip.get(aid, ()))
        rows = [r for r in _sharing(cur, aid, day_of[aid], sorted(eids)) if r[0] not in done and (r[1] >= MIN_SHARED_ENTITIES or (r[2] and resolved[aid]))]
        if rows:
            found[aid] = rows
    if not found:
        return {}
    _add_resolved(cur, resolved, sorted({c for rows in found.values() for c, n, _ in rows if n < MIN_SHARED_ENTITIES} - resolved.keys()))
    pairs: dict[int, list[int]] = {}
    for aid, rows in found.items():
        ok = [(n, c) for c, n, persons in rows if entity_candidate(n, persons, bool(resolved[aid] & resolved.get(c, set())))]
        if ok:
            pairs[aid] = [c for _, c in sorted(ok, reverse=True)[:MAX_ENTITY_CANDIDATES]]
    return _confirm_by_lemmas(w, cur, pairs) if pairs else {}


def _confirm_by_lemmas(w: Writer, cur: Any, pairs: dict[int, list[int]]) -> dict[int, list[int]]:
    """The entity candidates whose content lemmas overlap enough (``LEMMA_JACCARD``)."""
    if w.content is None:
        w.content = ContentWords(w.lemmatizer)
    ids = set(pairs) | {c for cands in pairs.values() for c in cands}
    lemmas = {aid: w.content.lemma_set(text) for aid, text in select_in(cur, "SELECT id, text FROM articles WHERE id IN ({in})", sorted(ids))}
    out: dict[int, list[int]] = {}
    for aid, cands in pairs.items():
        ok = [c for c in cands if jaccard(lemmas.get(aid, frozenset()), lemmas.get(c, frozenset())) >= LEMMA_JACCARD]
        if ok:
            out[aid] = ok
    return out


def _refresh_story(cur: Any, sid: int) -> None:
    """Recompute a story's title (its earliest article's), size, sources and dates."""
    cur.execute("SELECT COUNT(*), COUNT(DISTINCT source_id), MIN(published), MAX(published) FROM articles WHERE story_id = ?", [sid])
    size, sources, first, last = cur.fetchone()
    cur.execute("SELECT title FROM articles WHERE story_id = ? ORDER BY published IS NULL, published, id LIMIT 1", [sid])
    row = cur.fetchone()
    cur.execute("DELETE FROM stories WHERE id = ?", [sid])
    if size:
        cur.execute("INSERT INTO stories (id, title, size, sources, first_published, last_published) VALUES (?, ?, ?, ?, ?, ?)", [sid, row[0] if row else None, size, sources, first, last])


def recluster(w: Writer, chunk: int = 5000, *, events: bool = True) -> int:
    """Rebuild all stories from the stored band keys, in ingest order (one transaction).

    ``events=False`` joins confirmed pairs into connected components with no event check:
    the topic rules before issue 17, kept as the baseline of ``svodka eval stories``.

    Returns:
        The number of stories with two or more articles.
    """
    with w.db.write() as cur:
        cur.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
        cur.execute("DELETE FROM stories")
        last = 0
        while True:
            cur.execute("SELECT id, day FROM articles WHERE id > ? AND linked = 1 ORDER BY id LIMIT ?", [last, chunk])
            arts = cur.fetchall()
            if not arts:
                break
            keys = {a: unpack_keys(k) for a, k in select_in(cur, "SELECT article_id, keys FROM story_bands WHERE article_id IN ({in})", [a[0] for a in arts])}
            assign_stories(w, cur, [(a, keys.get(a, []), d) for a, d in arts], events=events)
            last = arts[-1][0]
        cur.execute("SELECT COUNT(*) FROM stories")
        return int(cur.fetchone()[0])
