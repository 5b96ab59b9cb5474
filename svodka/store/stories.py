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
Candidates come from the ``article_entities`` index (the store bounds them per article),
never from all pairs.
"""

from __future__ import annotations

import hashlib
import numpy as np
from datetime import date, timedelta

from typing import Any

from datasketch import MinHash
from datasketch.minhash import _fmix  # the pre-mix MinHash applies (see Signer)

from .search import WORD_RE

__all__ = [
    "BandIndex", "Signer", "ContentWords", "pack_keys", "unpack_keys", "confirm", "entity_candidate", "is_specific", "jaccard", "resolved_date", "same_window",
    "shingles", "window_days", "NUM_PERM", "BANDS", "ROWS",
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
