"""Models, loaded once per process by the caller and passed to the stages.

There are no module-level singletons: ``load_models()`` builds a ``Models`` and whoever
runs the pipeline (CLI, a worker process, a test session fixture) keeps it.
All models come from installed wheels (navec/slovnet in natasha, pymorphy3 dictionaries);
nothing is downloaded.
"""

from __future__ import annotations

import functools
import gc
import heapq
import os
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Models", "MorphCache", "inflect", "lexeme", "load_models", "MORPH_CACHE_WORDS", "MEMO_ENTRIES", "PARADIGM_ENTRIES"]

# Word forms whose parses the morphology cache keeps (least recently used go first). A
# form's parses take about 1.2 KB (pymorphy3's Parse tuples): the cache holds ~24 MB at most,
# and the analysis process stays within its 250 MB (issue 12) however long it runs. News is
# Zipfian: on the 100 longest wikinews texts (9,800 distinct forms looked up) 10,000 entries
# missed 2% more often than an unbounded cache.
MORPH_CACHE_WORDS = 20_000

# Entries in each of the other per-process caches (``Models.memo``): small values
# (a bool, a short list, a base form), ~200 bytes an entry.
MEMO_ENTRIES = 20_000

# Paradigms of pymorphy3's dictionary whose forms (and inflection choices) ``inflect`` and
# ``lexeme`` keep: a paradigm is shared by thousands of words ("Иванов", "Петров" ...), and
# the choice of a form depends on the paradigm alone, not on the word.
PARADIGM_ENTRIES = 4_000

# pymorphy3's typo guard on grammeme comparisons (``tag.case == "nomm"`` raises): off for
# speed (see ``load_models``); a test turns it on and runs the sample.
TYPED_GRAMMEMES = False

# Move what the process holds once the models are loaded (the models above all: ~40,000
# objects the collector would walk at every full collection) to Python's permanent
# generation (``gc.freeze``) at the end of ``load_models``. On the 100 longest wikinews texts a
# pass makes a few full collections: in-process alternating runs took 0.13-0.17 s a pass off
# (~3.0 s). NOTE for library users: ``gc.freeze`` is process-wide (what the process holds at
# that moment is never collected as a cycle, until the process loads again: see ``_freeze``;
# ``gc.unfreeze()`` undoes it); set
# ``svodka.nlp.models.FREEZE_LOADED = False`` before ``load_models()`` to keep the collector
# as it is.
FREEZE_LOADED = True


class MorphCache:
    """pymorphy3's ``parse``, once per word form per process: every stage calls this.

    ``cache(word)`` is ``morph.parse(word)`` remembered by the exact form (the analyser
    lower-cases, but "В" and "в" differ in the order of rare parses, so forms are not
    folded in general). A bounded LRU (``functools.lru_cache``, in C). Pickled without its
    contents.

    A capitalised Cyrillic word of two letters or more ("Отставка", "ЕС") gets the parses
    of its lower-case form, which pymorphy3 gives it too: its units read such a word
    lower-cased, and only those that keep the word as written in a parse (the unknown-word
    unit: "БДТ") differ, so a parse of the lower-case form that keeps the word is not
    reused. A sixth of the forms a text looks up are such capitals of a form met anyway.
    """

    def __init__(self, morph: Any, size: int = MORPH_CACHE_WORDS) -> None:
        self.morph = morph
        self.size = size
        # _read finds this cache through a weak reference: no cycle keeps a dropped cache alive.
        self._parse = functools.lru_cache(maxsize=size)(functools.partial(_read, morph, weakref.ref(self)))

    def __call__(self, word: str) -> list[Any]:
        return self._parse(word)

    def info(self):
        """Hits, misses and size (``functools._CacheInfo``)."""
        return self._parse.cache_info()

    def __getstate__(self) -> dict[str, Any]:
        return {"morph": self.morph, "size": self.size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["morph"], state["size"])


# A word whose capitals pymorphy3 reads as lower-case letters (see ``MorphCache``).
_FOLDABLE = re.compile(r"[а-яё]{2,}", re.IGNORECASE)


def _read(morph: Any, cache_ref: Any, word: str) -> list[Any]:
    """``morph.parse(word)`` for ``MorphCache``: a capitalised Cyrillic word by its lower-case form's parses."""
    if not word.islower() and _FOLDABLE.fullmatch(word):
        cache = cache_ref()
        if cache is not None:
            lower = word.lower()
            found = cache._parse(lower)
            # A unit that keeps the word itself (``(unit, word)``) would keep the capitals.
            if not any(len(step) == 2 and step[1] == lower for parse in found for step in parse.methods_stack):
                return found
    return morph.parse(word)


@dataclass
class Models:
    """The loaded models: slovnet's NER tagger (over navec's embeddings), pymorphy3 and its one cache.

    Every stage gets word parses from ``models.parse(word)``, never from ``morph.parse``:
    a word form is analysed once per process whichever stage meets it first.
    """

    ner: Any  # natasha.NewsNERTagger (slovnet, with navec's embeddings)
    morph: Any  # pymorphy3.MorphAnalyzer
    parse: MorphCache = field(init=False, repr=False, compare=False)
    # Other per-process answers about word forms (e.g. "is this form a speech verb?"), one
    # dict per purpose (``memo(name)``), emptied when one outgrows MEMO_ENTRIES.
    _memos: dict[str, dict[str, Any]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.parse = MorphCache(self.morph)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_memos"] = {}  # answers hold pymorphy3 parses, which do not pickle: sent empty
        return state

    def remember(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered in the cache ``name`` under ``key`` (``compute`` must not return None)."""
        memo = self._memos.get(name)  # ``memo(name)`` written out: this is asked ~1,700 times a text
        if memo is not None:
            found = memo.get(key)
            if found is not None:
                return found
        memo = self.memo(name)
        found = memo[key] = compute()
        return found

    def inflect(self, parse: Any, grammemes: frozenset[str]) -> Any | None:
        """``parse.inflect(grammemes)``, remembered per process (pymorphy3 builds the whole
        lexeme each time: a third of the inflections of a text were asked before). None
        when the form does not exist. The key is the parse itself (a tuple: equal parses
        inflect alike), ``grammemes`` a frozenset."""
        memo = self._memos.get("inflections")
        key = (parse, grammemes)
        if memo is not None and key in memo:
            return memo[key]
        found = self.memo("inflections")[key] = inflect(parse, grammemes)  # what it raises is the caller's
        return found

    def memo(self, name: str) -> dict[str, Any]:
        """The per-process cache called ``name`` (a plain dict keyed by word form)."""
        found = self._memos.get(name)
        if found is None or len(found) > MEMO_ENTRIES:
            found = self._memos[name] = {}
        return found


def inflect(parse: Any, grammemes: frozenset[str] | set[str]) -> Any | None:
    """``parse.inflect(grammemes)``, the same form, without building the word's lexeme.

    pymorphy3 builds every form of the word and picks the one most like ``parse`` with
    ``grammemes``; for a word read by a dictionary paradigm (a dictionary word, or a guess
    by a known suffix or a prefix before one) which form that is depends only on the
    paradigm and the form's place in it (``_form_choice``, remembered), and the word is
    built from its stem alone. Other parses go to pymorphy3 as they are.
    """
    read = _paradigm_reading(parse)
    if read is None:
        return parse.inflect(grammemes)
    choice = _form_choice(read[0], read[1], read[2], frozenset(grammemes))
    return None if choice is None else _form(parse, choice)


def lexeme(parse: Any) -> list[Any]:
    """``parse.lexeme``, the same forms in the same order (a paradigm read once, ``_paradigm``)."""
    read = _paradigm_reading(parse)
    if read is None:
        return parse.lexeme
    unit, para_id, _ = read
    prefix, stem, normal_form, rest = _stem(parse)
    make = type(parse)
    return [
        make(prefix + before + stem + after, tag, normal_form, 1.0, ((unit, before + stem + after, para_id, n), *rest))
        for n, (before, tag, after) in enumerate(_paradigm(unit, para_id))
    ]


# pymorphy3's units that guess a word by a dictionary paradigm, the word's forms being the
# paradigm's (a known suffix) or those with the unit's prefix before them (a prefix).
_SUFFIX_UNITS = frozenset({"KnownSuffixAnalyzer"})
_PREFIX_UNITS = frozenset({"KnownPrefixAnalyzer", "UnknownPrefixAnalyzer"})


def _paradigm_reading(parse: Any) -> tuple[Any, int, int] | None:
    """(dictionary unit, paradigm, place in it) of a parse whose lexeme is its paradigm's
    forms (see ``inflect``); None for any other parse (hyphenated words, initials, numbers)."""
    stack = parse.methods_stack
    if not 0 < len(stack) <= 2 or len(stack[0]) != 4 or not _is_dictionary(stack[0][0]):
        return None
    if len(stack) == 2 and type(stack[1][0]).__name__ not in _SUFFIX_UNITS | _PREFIX_UNITS:
        return None
    return stack[0][0], stack[0][2], stack[0][3]


def _is_dictionary(unit: Any) -> bool:
    """Is ``unit`` pymorphy3's DictionaryAnalyzer (or the known-suffix guesser's copy of it)?"""
    return any(cls.__name__ == "DictionaryAnalyzer" for cls in type(unit).__mro__)


def _form(parse: Any, n: int) -> Any:
    """Form ``n`` of the paradigm a parse is read by, as pymorphy3's lexeme has it."""
    (unit, _, para_id, _), *_ = parse.methods_stack
    prefix, stem, normal_form, rest = _stem(parse)
    before, tag, after = _paradigm(unit, para_id)[n]
    form = before + stem + after
    return type(parse)(prefix + form, tag, normal_form, 1.0, ((unit, form, para_id, n), *rest))


def _stem(parse: Any) -> tuple[str, str, str, tuple]:
    """(the guesser's prefix, the paradigm's stem, the normal form, the methods after the
    dictionary's) of a parse read by a paradigm: what each of its forms is built from."""
    (unit, _, para_id, idx), *rest = parse.methods_stack
    word, normal_form, prefix = parse.word, parse.normal_form, ""
    if rest and type(rest[0][0]).__name__ in _PREFIX_UNITS:
        prefix = rest[0][1]
        word, normal_form = word[len(prefix) :], normal_form[len(prefix) :]
    stem = unit.dict.build_stem(unit.dict.paradigms[para_id], idx, word)
    return prefix, stem, prefix + normal_form, tuple(rest)


# What is remembered of each pymorphy3 unit (its paradigms, the forms its inflect picks), kept
# with the unit and gone with it: a weak key, values that never refer back to the unit (an
# analyzer that is dropped takes its memory along; a cache keyed by the unit itself kept every
# analyzer of the process alive).
_PER_UNIT: weakref.WeakKeyDictionary[Any, tuple[dict, dict]] = weakref.WeakKeyDictionary()


def _memos(unit: Any) -> tuple[dict, dict]:
    memos = _PER_UNIT.get(unit)
    if memos is None:
        memos = _PER_UNIT[unit] = ({}, {})
    return memos


def _remember(memo: dict, key: Any, value: Any, limit: int) -> Any:
    """Keep ``value`` under ``key``, the oldest entry leaving once ``limit`` are kept."""
    if len(memo) >= limit:
        del memo[next(iter(memo))]
    memo[key] = value
    return value


def _paradigm(unit: Any, para_id: int) -> tuple[tuple[str, Any, str], ...]:
    """(prefix, tag, suffix) of each form of a paradigm of ``unit``'s dictionary."""
    memo = _memos(unit)[0]
    found = memo.get(para_id)
    if found is None:
        found = _remember(memo, para_id, tuple(unit.dict.build_paradigm_info(para_id)), PARADIGM_ENTRIES)
    return found


def _form_choice(unit: Any, para_id: int, idx: int, required: frozenset[str]) -> int | None:
    """Which form of the paradigm pymorphy3's inflect picks for form ``idx`` and ``required``
    (its ``MorphAnalyzer._inflect``, on the paradigm's tags); None: no such form."""
    memo = _memos(unit)[1]
    key = (para_id, idx, required)
    if key in memo:
        return memo[key]
    return _remember(memo, key, _choose_form(unit, para_id, idx, required), PARADIGM_ENTRIES * 4)


def _choose_form(unit: Any, para_id: int, idx: int, required: frozenset[str]) -> int | None:
    tags = [tag for _, tag, _ in _paradigm(unit, para_id)]
    possible = [n for n, tag in enumerate(tags) if required <= tag.grammemes]
    if not possible:
        required = unit.morph.TagClass.fix_rare_cases(required)
        possible = [n for n, tag in enumerate(tags) if required <= tag.grammemes]
    grammemes = tags[idx].updated_grammemes(required)

    def similarity(n: int) -> float:
        return len(grammemes & tags[n].grammemes) - 0.1 * len(grammemes ^ tags[n].grammemes)

    best = heapq.nlargest(1, possible, key=similarity)
    return best[0] if best else None


def load_models() -> Models:
    """Load every model svodka uses (about 1 s, ~160 MB)."""
    import pymorphy3
    from natasha import NewsEmbedding, NewsNERTagger

    # The tagger keeps what it needs of navec (the codes and their table) and has a vocabulary
    # of its own: navec's 250,000-word vocabulary (38 MB) is not kept past loading. Loaded
    # before pymorphy3, so the two are never in memory together (the peak is ~20 MB lower).
    ner = NewsNERTagger(NewsEmbedding())
    # The tagger's word list (250,000 words, read only by id) as a tuple, which Python's
    # collector stops scanning: as a list every full collection walked it (~5 ms of the
    # ~19 ms a full collection takes after loading, several times a pass on long texts).
    vocab = getattr(getattr(getattr(ner, "infer", None), "encoder", None), "words_vocab", None)
    if vocab is not None and isinstance(getattr(vocab, "items", None), list):
        vocab.items = tuple(vocab.items)
    morph = pymorphy3.MorphAnalyzer()
    # pymorphy3's switch for speed: ``tag.POS``, ``tag.case``... are plain strings, not ones
    # that check each comparison against the grammemes of their kind (the rules read ~3,000
    # of them a text: a tenth of the analysis went to the checks). NOTE for library users:
    # pymorphy3 keeps this on a tag class that every MorphAnalyzer of the process shares, so
    # after ``load_models()`` a comparison such as ``tag.case == "nomm"`` (a typo) is False in
    # your own analyzers too instead of raising; set ``svodka.nlp.models.TYPED_GRAMMEMES =
    # True`` before ``load_models()`` to keep the checks (slower). ``tests/nlp/test_morphology_once.py`` runs the sample with the checks.
    morph.TagClass.typed_grammemes = TYPED_GRAMMEMES
    _remember_grammemes(morph.TagClass)
    models = Models(ner=ner, morph=morph)
    if FREEZE_LOADED:
        _freeze()
    return models


# The process whose objects ``load_models`` last froze (its pid; see ``_freeze``).
_FROZEN = 0


def _freeze() -> None:
    """``gc.freeze`` what the process holds, for ``load_models``.

    A frozen object is never collected as a cycle, and loaded models hold cycles (pymorphy3's
    units point back at their analyzer): models a process dropped (a reload, a library user
    calling ``analyze_documents`` without models again and again) stayed for ever, ~40 MB a load.
    So a second load first unfreezes what an earlier load froze: the collection then frees
    models dropped since, and what is still held is frozen again. Dropped models are thus held
    until the next load at most. Only a load of this very process unfreezes: a worker forked
    after its parent loaded keeps the parent's objects frozen (unfrozen and walked, their
    pages would be copied).
    """
    global _FROZEN
    if _FROZEN == os.getpid():
        gc.unfreeze()
    gc.collect()  # what is garbage now is freed, not frozen
    gc.freeze()
    _FROZEN = os.getpid()


class _GrammemeOf:
    """``tag.POS``, ``tag.case`` ... (pymorphy3's ``_select_grammeme_from``), the answer
    remembered per tag string.

    pymorphy3 intersects the tag's grammemes with the category's on every read (two Python
    calls and a set); the rules read ~2,800 of them a text (a twentieth of the analysis). The
    answer depends on the tag string alone (a tag's grammemes are read from it), so it is
    computed once per tag string and category: a few thousand strings at most (the
    dictionary's tags and the guessers'). ``typed_grammemes`` is honoured as pymorphy3 does.
    """

    __slots__ = ("grammeme_set", "typed", "_answers")

    def __init__(self, original: Any) -> None:
        self.grammeme_set = original.grammeme_set
        self.typed = original.TypedGrammeme
        self._answers: dict[str, str | None] = {}

    def __get__(self, instance: Any, owner: Any) -> Any:
        if instance is None:  # read on the class: the descriptor itself
            return self
        try:
            found = self._answers[instance._str]
        except KeyError:
            grammemes = self.grammeme_set & instance.grammemes
            found = self._answers[instance._str] = next(iter(grammemes)) if grammemes else None
        if found is not None and owner.typed_grammemes:
            return self.typed(found)
        return found


def _remember_grammemes(tag_class: Any) -> None:
    """Put ``_GrammemeOf`` in place of each of pymorphy3's category descriptors on ``tag_class``
    (once: a second call finds none left). NOTE for library users: like ``typed_grammemes``,
    this is pymorphy3's tag class, shared by every MorphAnalyzer of the process; the values
    read are the same."""
    from pymorphy3.tagset import _select_grammeme_from

    for name, value in list(vars(tag_class).items()):
        if isinstance(value, _select_grammeme_from):
            setattr(tag_class, name, _GrammemeOf(value))
