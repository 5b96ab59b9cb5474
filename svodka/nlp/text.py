"""The analysed text: tokens, sentences and morphology, computed once per article.

The first stage (``segment``) fills ``Article.analysis`` with an :class:`AnalysedText`, in
the manner of natasha's ``Doc``: razdel tokens with offsets into ``Article.text``,
sentences as token ranges, and each word's pymorphy3 parses from the process's one cache
(``Models.parse``). Later stages read this layer (``analysed(article, models)``) instead of
tokenising again: the NER tagger is fed these tokens (slovnet would otherwise run razdel
itself), the NER corrections look words up by offset in it.

Two views of the words: ``items``, razdel's tokens (punctuation included), for the
tagger; ``words``, words by the one rule ``WORD``, for the rule stages (roles, quotes).

The layer is a run-time view, not data: it is not serialised with the article (an article
read back from JSON gets it rebuilt on first use) and costs about 450 bytes per token;
``pipeline.pipe`` drops it once an article's stages are done.

Sentences are found on the tokens, not by a second razdel pass: a sentence ends after
``.``, ``!``, ``?`` or ``…`` (with closing quotes or brackets after it) when the next token
starts with a capital letter, a digit, a quote or a dash, and always at a line break.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from razdel import tokenize
from razdel.segmenters.punct import DASHES as _RAZDEL_DASHES
from razdel.segmenters.tokenize import ATOM as _RAZDEL_ATOM

from ..model import Article
from ._lexicon import CLOSING_MARKS, OPENING_MARKS
from .models import Models

__all__ = ["AnalysedText", "Sentence", "WORD", "SENTENCE_BREAK", "analysed", "segment", "sentence_end_at", "sentence_start_at", "tokenizable", "MAX_TOKEN_CHARS"]

# A word for the rule stages (roles, quotes): letters and digits, joined through hyphens
# ("Нур-Султан", "из-за"), "&" ("AT&T") and a dot before a lower-case domain part
# ("Газета.ру", "ria.ru"). razdel's tokens (``items``) are what slovnet was trained on; the
# rules count and look up words by this one rule, over the article (``AnalysedText.words``)
# or over a phrase (a role, a mention).
WORD = re.compile(r"\w+(?:[-‐‑&]\w+|\.(?=[a-zа-яё]{2})\w+)*")

# Runs of at most this many characters are remembered per process (``_tokens``).
RUN_MEMO_CHARS = 40

# razdel is quadratic on a run of characters it joins into one token; runs longer than this
# are cut first (``tokenizable``). No word of any language is this long.
MAX_TOKEN_CHARS = 200

# A run of non-space characters. razdel never joins tokens across a space, and its rules
# look past a run's edge only when the run begins or ends with a dash, "_", ".", ",", "/" or
# "\\" (``_EDGE_MARKS``), and then one atom further, at its kind alone (a dash joins "-б"
# after a word, not after a sign: "а -б"): a run's tokens depend on the run (and those
# kinds) alone. A run that is one atom (a word, a number) is one token; the others
# ("России,", "(ТАСС)") recur and are tokenised once per process (``_tokens``).
_RUN = re.compile(r"\S+")
# The characters razdel's joining rules (dash, underscore, float, fraction) look across.
_EDGE_MARKS = frozenset(_RAZDEL_DASHES + "_.,/\\")
# A run that is one of razdel's atoms: letters of one script, or digits.
_ONE_ATOM = re.compile(r"[а-яё]+|[a-z]+|\d+", re.I)
# A character of each kind of razdel's atoms, standing for the atom beside a run.
_KIND_SAMPLES = {"RU": "а", "LAT": "a", "INT": "0", "PUNCT": ".", "OTHER": "©"}

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_TOKEN_CHARS + 1))
_LONG_PUNCT = re.compile(r"[^\w\s]{%d,}" % (MAX_TOKEN_CHARS + 1))

# Tokens that end a sentence, what may follow them inside it (closing quotes, brackets), and
# how the next sentence may begin besides a capital or a digit (an opening quote, a dash).
_SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…", "?!", "!?", "...", "!!", "??", "!!!"})
_CLOSERS = frozenset(CLOSING_MARKS + ")]")
_SENTENCE_OPENERS = OPENING_MARKS + "—–-"

# The same rule on characters, for a text without its tokens (a statement's window read back
# from the archive: razdel there cost ~4 ms a statement): one of the end marks, more of them
# and closers, then spaces, an opener maybe and a capital or a digit; and always at a line
# break. Not after an initial ("В. Путин"), which the tokens' rule leaves to razdel.
_END_MARKS = "".join(sorted(set("".join(_SENTENCE_END_TOKENS))))
SENTENCE_BREAK = re.compile(
    rf"(?:(?<!\b[A-ZА-ЯЁ])\.|[{re.escape(_END_MARKS.replace('.', ''))}])[{re.escape(_END_MARKS)}]*[{re.escape(''.join(sorted(_CLOSERS)))}]*"
    rf"(?=[ \t\xa0]+[{re.escape(_SENTENCE_OPENERS)}]?\s*[A-ZА-ЯЁ0-9])"
    r"|\s*\n\s*"
)


def tokenizable(text: str) -> str:
    """``text`` with over-long runs of non-space characters blanked or broken, same length.

    A run of punctuation longer than ``MAX_TOKEN_CHARS`` (a rule of dashes) becomes spaces,
    any other (a base64 blob) gets a space every ``MAX_TOKEN_CHARS`` characters. Offsets into
    the result are offsets into ``text``; ordinary text comes back unchanged.
    """
    if _LONG_RUN.search(text) is None:
        return text
    text = _LONG_PUNCT.sub(lambda m: " " * len(m.group()), text)
    step = MAX_TOKEN_CHARS + 1

    def cut(match: re.Match) -> str:
        run = match.group()
        return "".join(run[i : i + MAX_TOKEN_CHARS] + " " for i in range(0, len(run), step))[: len(run)]

    return _LONG_RUN.sub(cut, text)


@dataclass(frozen=True)
class Sentence:
    """A sentence: its character extent and its tokens ``first`` .. ``last - 1``."""

    start: int
    end: int
    first: int
    last: int


class AnalysedText:
    """Tokens, sentences and morphology of one text.

    ``items[i]`` is token ``i`` as ``(start, end, text)`` (a tuple: the NER rules read
    millions of them); ``starts``/``ends`` map a character offset to the token that starts or
    ends there; ``parses(i)`` and ``best(i)`` give the token's pymorphy3 readings.
    """

    __slots__ = ("text", "items", "starts", "ends", "_stops", "_parse", "_sentences", "_sentence_starts", "_words")

    def __init__(self, text: str, parse: Any, runs: dict[tuple[str, str, str], list[tuple[int, int, str]]] | None = None):
        """``runs``: razdel's tokens of the runs already met (``_tokens``; a ``Models.memo``);
        None: razdel over the whole text. The tokens are the same either way."""
        self.text = text
        self.items: list[tuple[int, int, str]] = _tokens(tokenizable(text), runs)
        self.starts = {s: i for i, (s, _, _) in enumerate(self.items)}
        self.ends = {e: i for i, (_, e, _) in enumerate(self.items)}
        self._stops = [e for _, e, _ in self.items]  # sorted: tokens do not overlap
        self._parse = parse
        self._sentences: list[Sentence] | None = None
        self._sentence_starts: list[int] | None = None
        self._words: list[tuple[int, int, str]] | None = None

    def __len__(self) -> int:
        return len(self.items)

    def parses(self, i: int) -> list[Any]:
        """pymorphy3 parses of token ``i`` (``Models.parse``: once per word form per process)."""
        return self._parse(self.items[i][2])

    def inside(self, start: int, end: int) -> list[int]:
        """Indexes of tokens overlapping ``start..end``."""
        out = []
        for i in range(bisect_left(self._stops, start + 1), len(self.items)):
            if self.items[i][0] >= end:
                break
            out.append(i)
        return out

    def starting(self, start: int, end: int) -> range:
        """Indexes of the tokens that start inside ``start..end`` (each token in one such range
        of a partition, even one that runs past its end)."""
        first = bisect_left(self.items, start, key=_start)
        return range(first, max(first, bisect_left(self.items, end, key=_start)))

    @property
    def words(self) -> list[tuple[int, int, str]]:
        """The words of the text by the rule ``WORD``, as ``(start, end, word)`` (found on first use)."""
        if self._words is None:
            self._words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text)]
        return self._words

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences, in order (found on first use)."""
        if self._sentences is None:
            self._sentences = _sentences(self.text, self.items)
        return self._sentences

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding the character at ``offset``, if any."""
        sentences = self.sentences
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in sentences]
        k = bisect_right(self._sentence_starts, offset) - 1
        return sentences[k] if k >= 0 and offset < sentences[k].end else None


def _tokens(text: str, runs: dict[tuple[str | None, str, str | None], list[tuple[int, int, str]]] | None) -> list[tuple[int, int, str]]:
    """razdel's tokens of ``text`` as ``(start, end, text)``, run by run (see ``_RUN``): a run
    is remembered (``runs``) with the kinds of the atoms beside it where its edge makes them
    matter (None where not; "" for no atom there), and the runs not met yet are tokenised
    together (``_new_runs``)."""
    if runs is None:
        return [(t.start, t.stop, t.text) for t in tokenize(text)]
    found = [(m.start(), m.group()) for m in _RUN.finditer(text)]
    keys: list[tuple[str | None, str, str | None] | None] = [None] * len(found)
    new: dict[tuple[str | None, str, str | None], None] = {}
    one_atom = _ONE_ATOM.fullmatch
    for n, (_, run) in enumerate(found):
        if one_atom(run):
            continue
        before = (_kind(found[n - 1][1][-1]) if n else "") if run[0] in _EDGE_MARKS else None
        after = (_kind(found[n + 1][1][0]) if n + 1 < len(found) else "") if run[-1] in _EDGE_MARKS else None
        key = keys[n] = (before, run, after)
        if key not in runs:
            new[key] = None
    fresh = _new_runs(list(new)) if new else {}
    # Only short runs are kept for the process (words with their punctuation, the runs that
    # recur): the memo is bounded by entries, and a long run can hold a hundred tokens.
    runs.update((key, tokens) for key, tokens in fresh.items() if len(key[1]) <= RUN_MEMO_CHARS)
    items: list[tuple[int, int, str]] = []
    for (start, run), key in zip(found, keys):
        if key is None:  # one atom: one token
            items.append((start, start + len(run), run))
        else:
            items.extend((start + s, start + e, t) for s, e, t in (fresh.get(key) or runs[key]))
    return items


def _new_runs(keys: list[tuple[str | None, str, str | None]]) -> dict[tuple[str | None, str, str | None], list[tuple[int, int, str]]]:
    """razdel's tokens of runs (offsets in each), in one call: the runs joined by spaces,
    each with a character of the kind of atom beside it where that matters (a run at an
    edge of its text, with no atom there, alone)."""
    out = {key: _run_tokens(*key) for key in keys if "" in (key[0], key[2])}
    pieces: list[str] = []
    places: list[tuple[tuple[str | None, str, str | None], int, int]] = []  # key, start, end in the joined text
    pos = 0
    for key in keys:
        before, run, after = key
        if key in out:
            continue
        piece = (_KIND_SAMPLES[before] + " " if before else "") + run + (" " + _KIND_SAMPLES[after] if after else "")
        start = pos + (2 if before else 0)
        places.append((key, start, start + len(run)))
        pieces.append(piece)
        pos += len(piece) + 1
    tokens = [(t.start, t.stop, t.text) for t in tokenize(" ".join(pieces))]
    k = 0
    for key, start, end in places:
        while tokens[k][0] < start:  # a sample character's token
            k += 1
        found = []
        while k < len(tokens) and tokens[k][1] <= end:
            found.append((tokens[k][0] - start, tokens[k][1] - start, tokens[k][2]))
            k += 1
        out[key] = found
    return out


def _kind(char: str) -> str:
    """The kind of razdel's atom holding ``char`` (an atom is a run of one kind: one character tells)."""
    return _RAZDEL_ATOM.match(char).lastgroup


def _run_tokens(before: str | None, run: str, after: str | None) -> list[tuple[int, int, str]]:
    """razdel's tokens of one ``run`` (offsets in it) between atoms of the kinds ``before`` and ``after`` (None, "": none)."""
    left = _KIND_SAMPLES[before] + " " if before else ""
    right = " " + _KIND_SAMPLES[after] if after else ""
    tokens = list(tokenize(left + run + right))
    tokens = tokens[1 if left else 0 : len(tokens) - 1 if right else len(tokens)]
    return [(t.start - len(left), t.stop - len(left), t.text) for t in tokens]


def _start(item: tuple[int, int, str]) -> int:
    return item[0]


def _sentences(text: str, items: list[tuple[int, int, str]]) -> list[Sentence]:
    n = len(items)
    ends: set[int] = set()  # indexes of the last token of each sentence
    for i in range(n - 1):
        if "\n" in text[items[i][1] : items[i + 1][0]]:
            ends.add(i)
        elif items[i][2] in _SENTENCE_END_TOKENS:
            j = i + 1  # closing quotes and brackets right after the mark stay in the sentence
            while j < n and items[j][2] in _CLOSERS and items[j][0] == items[j - 1][1]:
                j += 1
            nxt = items[j][2] if j < n else ""
            if not nxt or nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _SENTENCE_OPENERS:
                ends.add(j - 1)
    if n:
        ends.add(n - 1)
    out: list[Sentence] = []
    first = 0
    for last in sorted(ends):
        if last >= first:
            out.append(Sentence(items[first][0], items[last][1], first, last + 1))
            first = last + 1
    return out


def sentence_start_at(text: str, offset: int) -> int:
    """Where the sentence holding ``text[offset]`` begins by ``SENTENCE_BREAK`` (0: at the text's start).

    Breaks are found from the text's start, not with ``endpos``: a break's look-ahead reads the
    first word after it. Linear in ``text``: meant for a window around the offset.
    """
    first = 0
    for m in SENTENCE_BREAK.finditer(text):
        if m.end() > offset:
            break
        first = m.end()
    return first


def sentence_end_at(text: str, end: int) -> int | None:
    """Where the sentence holding ``text[end - 1]`` ends by ``SENTENCE_BREAK``: after its marks
    and closers, or before a line break; ``end`` when a break ends right there (the sentence
    closes with it); None when no break follows in ``text``."""
    m = SENTENCE_BREAK.search(text, max(0, end - 1))
    if m is None:
        return None
    if m.end() <= end:
        return end
    return m.start() if "\n" in m.group() else m.end()


def segment(article: Article, models: Models) -> Article:
    """The first stage: fill ``article.analysis`` (tokens, sentences, morphology on demand)."""
    article.analysis = AnalysedText(article.text, models.parse, models.memo("razdel runs"))
    return article


def analysed(article: Article, models: Models) -> AnalysedText:
    """The article's analysed text, made now if no stage made it (an article built by hand or read from JSON)."""
    layer = article.analysis
    if layer is None or layer.text is not article.text:
        layer = article.analysis = AnalysedText(article.text, models.parse, models.memo("razdel runs"))
    return layer
