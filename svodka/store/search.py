"""Lemmatised text for full-text search, and query terms.

The database full-text engines (SQLite FTS5, PostgreSQL tsvector with the ``simple``
config) know nothing of Russian morphology, so we index a *lemmatised copy* of the title
and text: every word is replaced by its pymorphy3 base forms ("заявила" -> "заявить").
A query is lemmatised the same way, so "Абдрахманов заявил" finds "Абдрахманова заявила".

A word can have several base forms ("Абдрахманов" is also a form of the name "Абдрахман";
"стали" is "стать" or "сталь"). The index holds only the *first* (most likely) base form
of each word; every other base form ``l`` of a word whose first form is ``f`` is recorded
once as an alias pair ``(l, f)`` (table ``lemma_aliases``). A query word matches the
index tokens of its own base forms plus the first forms aliased to them: exactly the
documents the former "index up to ``MAX_LEMMAS`` forms per word" scheme matched (recall
over precision, BM25 sorts it out), with one token per word instead of ~1.6 (the
full-text insert cost and index size drop by about a third).

Snippets (the matched words in the original text) are made in snippets.py.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

__all__ = ["Lemmatizer", "tokenize", "normalize_word", "form_key", "STOP_LEMMAS"]

# A word: a run of letters, or a run of digits. Hyphenated words split in two ("пресс-служба"),
# as both FTS engines would split them anyway.
WORD_RE = re.compile(r"[^\W\d_]+|\d+")
# At most this many distinct base forms are indexed per word (most words have 1-2).
MAX_LEMMAS = 3
# Words longer than this are indexed as they are, not looked up (URLs, glued tokens).
MAX_WORD_LEN = 40
# The lemma cache is cleared when it grows beyond this many words (bounded memory).
CACHE_LIMIT = 500_000
# Words shorter than this get no shingle hash (prepositions, conjunctions): see stories.py.
SHINGLE_MIN_WORD = 3
# Function words left out of the full-text index and dropped from search queries:
# prepositions, conjunctions, particles, personal and demonstrative pronouns, "быть". A
# word goes only when *every* base form of it is one of these ("те": тот/ты), so "том"
# (тот or том) and "тем" (тем, тот or тема) stay. A third of the words of Russian news;
# indexing them cost a third of the index writes and ranked nothing. "ли" is not here
# (also a surname: Ли). Trade-off: a query of such words only ("Мы", "Оно") finds nothing.
STOP_LEMMAS = frozenset(
    "в на и с со не ни что к о об по за из у от до для как а но это же бы то он она они оно мы вы я ты ее их "
    "быть который этот тот свой весь все так уже еще при под над через также или если чтобы только когда где "
    "да нет либо себя чем тем там тут вот даже".split()
)


def normalize_word(word: str) -> str:
    """Lowercase and fold ё to е (sources spell it either way)."""
    return word.lower().replace("ё", "е")


def form_key(name: str) -> str:
    """A name as typed or as an alias, compared: its words lowercased, ё folded, space-joined.

    The analyst's corrections (``corrections.py``) are kept and matched by it, and the reads
    of them (``queries.entity_corrections``) find them by it.
    """
    return " ".join(normalize_word(w) for w in WORD_RE.findall(name))


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Words of ``text`` as ``(start, end, word)``, offsets end-exclusive."""
    return [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


class Lemmatizer:
    """pymorphy3 base forms with a cache; one per Store, the analyzer is created lazily."""

    def __init__(self, parse: Any = None):
        self._parse = parse  # a MorphCache: Models.parse, shared by the stages and the store
        self._cache: dict[str, tuple[str, ...]] = {}  # word as written -> base forms
        self._joined: dict[str, str] = {}  # word as written -> base forms joined by spaces
        self._hashes: dict[str, int] = {}  # word as written -> crc32 of its first base form (0: too short)
        self._first: dict[str, str] = {}  # word as written -> its first base form
        self._token: dict[str, str] = {}  # word as written -> its index token: the first base form, "" for a function word
        # (other base form, first base form) pairs of ambiguous words met since the owner
        # last stored them (see the module docstring); the store drains it per batch.
        self.new_aliases: set[tuple[str, str]] = set()

    def share(self, parse: Any) -> None:
        """Use the process's morphology cache (``Models.parse``) if no analyzer is made yet."""
        if self._parse is None and parse is not None:
            self._parse = parse

    @property
    def parse(self) -> Any:
        """pymorphy3 parses of a word (``Models.parse``, or a cache of our own analyzer made on first use, about 0.3 s)."""
        if self._parse is None:
            import pymorphy3

            from ..nlp.models import MorphCache

            self._parse = MorphCache(pymorphy3.MorphAnalyzer())
        return self._parse

    def lemmas(self, word: str) -> tuple[str, ...]:
        """All distinct base forms of one word (lowercased, ё folded), best first."""
        got = self._cache.get(word)
        if got is not None:
            return got
        key = normalize_word(word)
        if key.isdigit() or len(key) > MAX_WORD_LEN or len(key) < 2:
            got = (key,)
        else:
            seen: list[str] = []
            for reading in self.parse(key):
                form = normalize_word(reading.normal_form)
                if form not in seen:
                    seen.append(form)
                    if len(seen) >= MAX_LEMMAS:
                        break
            got = tuple(seen) or (key,)
        self._cache[word] = got
        return got

    def trim(self) -> None:
        """Empty the caches when they outgrow ``CACHE_LIMIT``.

        Called by the writer between batches only: clearing inside ``analyse`` would drop
        words learned a moment earlier in the same call.
        """
        if len(self._cache) >= CACHE_LIMIT or len(self._first) >= CACHE_LIMIT:
            self._cache.clear()
            self._joined.clear()
            self._hashes.clear()
            self._first.clear()
            self._token.clear()

    def joined(self, word: str) -> str:
        """The base forms of a word joined by spaces (its share of the index text)."""
        got = self._joined.get(word)
        if got is None:
            got = self._joined[word] = " ".join(self.lemmas(word))
        return got

    def analyse(self, words: list[str]) -> tuple[list[str], list[int]]:
        """For many words at once: first base forms (index tokens) and their hashes (shingles).

        All lookups are C-level ``map(dict.get)``; only unseen words take the slow path.
        """
        firsts = list(map(self._first.get, words))
        if None in firsts:
            for word in set(words).difference(self._first):  # C-level: only the unseen words
                self._learn(word)
            firsts = [f if f is not None else self._first.get(w) or self._learn(w) for f, w in zip(firsts, words)]
        hashes = list(map(self._hashes.get, words))
        if None in hashes:  # another thread trimmed the caches meanwhile: learn again
            hashes = [h if h is not None else (self._learn(w), self._hashes[w])[1] for h, w in zip(hashes, words)]
        return firsts, hashes

    def _learn(self, word: str) -> str:
        """Cache the index token and shingle hash of an unseen word; note its aliases."""
        lemmas = self.lemmas(word)
        first = lemmas[0]
        self._first[word] = first
        self._token[word] = "" if STOP_LEMMAS.issuperset(lemmas) else first
        self._hashes[word] = zlib.crc32(first.encode()) or 1 if len(first) >= SHINGLE_MIN_WORD else 0
        for other in lemmas[1:]:
            self.new_aliases.add((other, first))
        return first

    def index_copy(self, words: list[str]) -> str:
        """The full-text index copy of ``words``: their index tokens (``_learn``), function words out."""
        get = self._token.get
        tokens = [get(w) for w in words]
        if None in tokens:  # unseen (or trimmed meanwhile by another thread): learn them
            tokens = [t if t is not None else (self._learn(w), self._token[w])[1] for t, w in zip(tokens, words)]
        return " ".join(filter(None, tokens))

    def first(self, word: str) -> str:
        """The first (most likely) base form of a word."""
        got = self._cache.get(word)
        return got[0] if got is not None else self.lemmas(word)[0]

    def index_text(self, text: str) -> str:
        """Every base form of every word of ``text`` (quotations' ``lemmas``, matched by LIKE)."""
        return " ".join(map(self.joined, WORD_RE.findall(text)))

    def query_terms(self, query: str, function_words: bool = False) -> list[tuple[str, ...]]:
        """A query as a list of words, each a tuple of its base forms (any may match).

        Function words (all base forms in ``STOP_LEMMAS``, as the index leaves them out) are
        dropped unless ``function_words``: names and quotations are matched on every word.
        """
        terms = [self.lemmas(w) for w in WORD_RE.findall(query)]
        return terms if function_words else [t for t in terms if not STOP_LEMMAS.issuperset(t)]

    def key(self, text: str) -> str:
        """A name as one comparable key: the first base form of each word, space-joined."""
        return " ".join(self.lemmas(w)[0] for w in WORD_RE.findall(text))
