"""Search snippets: the window of an article's original text holding the most query words, marked.

The text is split into words with their offsets, the words whose base forms meet the
query's are marked, and the ``SNIPPET_WORDS``-long window with the most marks is cut.

Which written words have a base form of the query is asked of ``Snippets``, which keeps
the inverse of the lemmatizer's answers: base form -> the written words having it. A text's
distinct words are matched with a few set operations, and only words never seen before
are lemmatised (``Lemmatizer.lemmas``: the same base forms as the index). Deciding it per
word with a lookup and an ``isdisjoint`` was half the time of a search (bench/web_load.py:
12 of 23 ms a request at 100,000 articles).

A statement is shown in its sentence (``statement_sentence``): the reads fetch a window of
the article text around it (``queries.quotes``: cut by the database, never the whole text)
and the sentence is found in the window by the analysis's rule on characters
(``nlp.text.sentence_start_at`` / ``sentence_end_at``).
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Sequence

from ..nlp.text import sentence_end_at, sentence_start_at
from .search import WORD_RE, Lemmatizer

__all__ = ["Snippet", "Snippets", "SNIPPET_WORDS", "SENTENCE_CONTEXT", "SENTENCE_WINDOW", "STATEMENT_SHOWN", "statement_sentence", "sentence_of"]

# Snippet window, in words, and the markers put around matched words in ``Snippet.html``.
SNIPPET_WORDS = 30
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
# The words of a text and what lies between them in one C call: [gap, word, gap, word, ..., gap].
_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
# Written words whose base forms ``Snippets`` keeps at most (then it starts afresh): bounded memory.
KNOWN_LIMIT = 500_000
# Texts whose words ``Snippets`` keeps at most (~4.5 KB each, 18 MB in all; bench/web_load.py
# met 6,000 texts in 60 s of searches at 100,000 articles, 80-90% of them again).
TEXTS_LIMIT = 4096
# Characters of a statement's sentence shown around it at most (before and after together):
# a short statement gets its whole sentence up to ~300 characters in all.
SENTENCE_CONTEXT = 300
# ... and at least this many, however long the statement (the cue often follows it: "— заявил он").
SENTENCE_CONTEXT_MIN = 80
# Characters of the statement itself shown at most; a longer one is cut at a word, with "…".
STATEMENT_SHOWN = 600
# Characters of article text read on each side of a statement to find its sentence: what
# may be shown, and a few more for the look-ahead of a sentence break.
SENTENCE_WINDOW = SENTENCE_CONTEXT + 20
# A run of whitespace, shown as one space.
_SPACES = re.compile(r"\s+")


@dataclass
class Snippet:
    """A window of the original text with the matched words located in it."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)  # offsets into ``text``

    @property
    def html(self) -> str:
        """The snippet HTML-escaped, matched words wrapped in ``<mark>``."""
        return self.marked(MARK_OPEN, MARK_CLOSE, escape=True)

    def marked(self, open_: str, close: str, escape: bool = False) -> str:
        """The snippet with ``open_``/``close`` around each matched word."""
        out, pos = [], 0
        esc = html.escape if escape else (lambda s: s)
        for start, end in self.highlights:
            out.append(esc(self.text[pos:start]))
            out.append(open_ + esc(self.text[start:end]) + close)
            pos = end
        out.append(esc(self.text[pos:]))
        return "".join(out)


class _Forms:
    """Written words whose base forms are known, and base form -> those words (one generation)."""

    def __init__(self) -> None:
        self.known: set[str] = set()
        self.words: dict[str, list[str]] = {}


class Snippets:
    """Makes snippets for one archive's searches; shared by the threads that search it.

    Thread-safe without a lock (under load, searches queued behind the one lemmatising
    for them all): every change is one C-level operation (``setdefault``, ``append``,
    ``update``), a word's base forms are filed before it is marked known, and a search
    reads one generation throughout. Two threads may file the same new word twice: a
    duplicate in a list, harmless to the sets made from it.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._forms = _Forms()
        self._texts: dict[Any, tuple[str, array]] = {}  # article id -> its words and their ends (texts never change)

    def matching(self, words: set[str], wanted: set[str]) -> set[str]:
        """The words of ``words`` having a base form (``Lemmatizer.lemmas``) in ``wanted``."""
        forms = self._forms
        new = words - forms.known
        if new:
            if len(forms.known) > KNOWN_LIMIT:  # bounded memory: start afresh
                forms = self._forms = _Forms()
                new = words
            for word in new:
                for lemma in self.lemmatizer.lemmas(word):
                    forms.words.setdefault(lemma, []).append(word)
            forms.known.update(new)
        found: set[str] = set()
        for lemma in wanted:
            found.update(forms.words.get(lemma, ()))
        return words & found

    def _words(self, text: str, key: Any) -> tuple[Sequence[str], Sequence[int]]:
        """The words of ``text`` and where each ends; kept under ``key`` (an article id) when given.

        Kept compact: the words as one string, the offsets in an array; about 4.5 KB a text. Making the snippets of a page of results
        again (the same query, a popular article) costs ~10 instead of ~100 us a text.
        """
        got = self._texts.get(key) if key is not None else None
        if got is not None:
            return (got[0].split(" ") if got[0] else []), got[1]
        parts = _SPLIT_RE.split(text)  # words at the odd places
        found, ends = parts[1::2], list(accumulate(map(len, parts)))[1::2]
        if key is not None:
            if len(self._texts) >= TEXTS_LIMIT:  # bounded: the oldest goes (racing threads may both miss it)
                try:
                    del self._texts[next(iter(self._texts))]
                except (StopIteration, RuntimeError, KeyError):
                    pass
            self._texts[key] = (" ".join(found), array("i", ends))  # a word has no space
        return found, ends

    def make(self, text: str, terms: list[tuple[str, ...]], words: int = SNIPPET_WORDS, key: Any = None) -> Snippet:
        """Cut the ``words``-long window of ``text`` holding the most query words, and mark them.

        Args:
            text: the original article text (title and paragraphs).
            terms: the query as given by ``Lemmatizer.query_terms``.
            words: window length in words.
            key: what identifies ``text`` for good (its article id): its words are kept
                for the next snippet of the same text.

        Returns:
            A ``Snippet``; with no match, the first ``words`` words unmarked.
        """
        found, ends = self._words(text, key)
        if not found:
            return Snippet(text[:200])
        good = self.matching(set(found), {lemma for term in terms for lemma in term}) if terms else set()
        hits = [i for i, w in enumerate(found) if w in good] if good else []
        best_start, best_count = 0, 0
        j = 0
        for i, first in enumerate(hits):  # sliding window over hit positions
            while j < len(hits) and hits[j] < first + words:
                j += 1
            if j - i > best_count:
                best_count, best_start = j - i, max(0, first - 3)
        last = min(best_start + words, len(found)) - 1
        start, word_end = ends[best_start] - len(found[best_start]), ends[last]
        end = word_end
        # Extend to the end of the sentence punctuation right after the last word.
        while end < len(text) and end - word_end < 2 and text[end] in ".,!?»\"":
            end += 1
        chunk = text[start:end].replace("\n", " ")
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(text) else ""
        shift = len(prefix) - start
        marks = [(ends[k] - len(found[k]) + shift, ends[k] + shift) for k in hits if best_start <= k <= last]
        return Snippet(prefix + chunk + suffix, marks)


def _cut_head(text: str, keep: int) -> str:
    """The last ``keep`` characters of ``text`` from a word start, "…" before them when cut."""
    if len(text) <= keep:
        return text
    tail = text[len(text) - keep :]
    space = tail.find(" ")
    return "…" + (tail[space:] if 0 <= space < len(tail) - 1 else tail)


def _cut_tail(text: str, keep: int) -> str:
    """The first ``keep`` characters of ``text`` up to a word end, "…" after them when cut."""
    if len(text) <= keep:
        return text
    head = text[:keep]
    space = head.rfind(" ")
    return (head[:space] if space > 0 else head).rstrip(" ,;:—–-") + " …"


def statement_sentence(window: str, start: int, end: int, *, cut_before: bool = False, cut_after: bool = False) -> dict | None:
    """A statement in its sentence, as shown: the sentence's text and where the statement lies in it.

    The sentence is bounded by the sentences around it and by ``SENTENCE_CONTEXT``
    characters around the statement (at least ``SENTENCE_CONTEXT_MIN``); the statement by
    ``STATEMENT_SHOWN``. Whitespace runs show as one space; "…" marks a cut.

    Args:
        window: the article text around the statement (or all of it).
        start, end: the statement in ``window`` (end exclusive; past the window's end when
            the window holds only the statement's first ``STATEMENT_SHOWN`` characters).
        cut_before, cut_after: whether the article goes on before / after ``window``.

    Returns:
        ``{"text", "start", "end"}``: the sentence and the statement's offsets in it; None
        when the statement is not in ``window`` (offsets past the article's text).
    """
    if not 0 <= start < len(window) or end <= start:
        return None
    whole = end <= len(window)  # a window may hold only the head of a long statement
    end = min(end, len(window))
    said = _SPACES.sub(" ", window[start:end])
    shown = whole and len(said) <= STATEMENT_SHOWN
    if len(said) > STATEMENT_SHOWN:
        said = _cut_tail(said, STATEMENT_SHOWN)
    elif not whole:
        said += " …"
    # The sentence's bounds: the last break before the statement, the first at or after its end.
    first = sentence_start_at(window, start)
    before_cut = cut_before and first == 0
    last, after_cut = end, False
    if shown:
        found = sentence_end_at(window, end)
        last, after_cut = (len(window), cut_after) if found is None else (found, False)
    before = _SPACES.sub(" ", window[first:start]).lstrip()
    after = _SPACES.sub(" ", window[end:last]).rstrip() if shown else ""
    if before_cut:  # the window may begin inside a word
        before = before[before.find(" ") + 1 :]
    if after_cut:
        after = after[: max(after.rfind(" "), 0)]
    room = max(SENTENCE_CONTEXT - len(said), SENTENCE_CONTEXT_MIN)
    keep_before = max(room // 2, room - len(after))
    before = _cut_head(before, keep_before)
    after = _cut_tail(after, max(room - len(before), room // 2))
    if before_cut and not before.startswith("…"):
        before = "… " + before
    if after_cut and not after.endswith("…"):
        after += " …"
    return {"text": before + said + after, "start": len(before), "end": len(before) + len(said)}


def sentence_of(text: str, start: int, end: int) -> dict | None:
    """``statement_sentence`` for a statement of the whole ``text`` (an article read whole), from the window around it."""
    lo = max(0, start - SENTENCE_WINDOW)
    hi = min(len(text), max(start, min(end, start + STATEMENT_SHOWN + 1)) + SENTENCE_WINDOW)
    return statement_sentence(text[lo:hi], start - lo, end - lo, cut_before=lo > 0, cut_after=hi < len(text))
