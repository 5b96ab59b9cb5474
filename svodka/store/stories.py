"""Story clustering: articles of several outlets reporting the same event.

Each article gets a MinHash signature (datasketch) over word 2-shingles of its lemmatised
text (words of 3+ letters, each as the crc32 of its first base form). The signature is cut into ``BANDS`` bands of ``ROWS`` values; each band hashes to
one 64-bit *band key* stored in ``story_keys``. Two articles sharing a band key are a
candidate pair (classic LSH: with 21 bands of 3 the pair is found with probability ~0.5
at Jaccard 0.3, ~0.94 at 0.5, ~0.0002 at 0.02). Storing the keys in the database (instead
of an in-memory ``MinHashLSH``) keeps the index persistent, incremental and bounded in
memory at any corpus size.

A candidate is confirmed (``confirm``) when the two were published within
``WINDOW_DAYS`` and either are near-identical (many shared bands) or also share a corpus
entity or a resolved date. Confirmed pairs join stories (connected components).
"""

from __future__ import annotations

import hashlib
import numpy as np
from datetime import date, timedelta

from datasketch import MinHash
from datasketch.minhash import _fmix  # the pre-mix MinHash applies (see Signer)

__all__ = ["Signer", "confirm", "shingles", "window_days", "NUM_PERM", "BANDS", "ROWS"]

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
