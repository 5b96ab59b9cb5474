"""Reading role phrases in a text: a head noun naming a position, its adjectives and its tail.

The roles stage (``roles.py``) asks this module where role phrases stand next to names and
in descriptions; ``_role_keys.py`` reads a role's base form with the same tokens and parses.
A role phrase is a head noun naming a position (a lexicon, widened next to a name to any
animate common noun that names no relation, stance, nationality ...), agreeing adjectives before it
("официальный представитель", "генеральный директор"; "бывший" stays out), then a tail in
the genitive: nouns, adjectives, ORG/LOC mentions, "и" coordinations, a quoted name, and
(next to a name) a prepositional part ("посол России в США"). The base form puts the head
and its adjectives in the nominative singular with pymorphy3 and keeps the tail as written.

No syntax parser: a word tokeniser, pymorphy3 parses (``Models.parse``) and the entity
mentions of the earlier stages. The words and their single readings are in ``_role_words``,
the case of the name a role stands next to in ``_role_names``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Entity
from .models import inflect
from .text import WORD
from ._lexicon import (
    ACTING_ADVERB, ACTING_DUTIES, fold_case, ADDRESS_TITLES, EITHER_MARKS, FORMER_WORDS, OPEN_ONLY_MARKS,
    POSITION_NOUNS, RANKS, is_position,
)
from ._role_words import (
    ACTING_WORDS, ADJECTIVE_HEAD_PREFIX, CLOSE_QUOTES, OPEN_QUOTES, TOGGLE_QUOTES, _ADJECTIVE_HEAD_PREFIXES,
    _describes_person, _gender, _merge_acting, _occupation_parses, _opens_phrase, _person_name, _read_marks, _Token,
)

__all__ = ["CLOSE_QUOTES", "MAX_ADJECTIVES", "MAX_TAIL_TOKENS", "TAIL_POS", "TAIL_PREPOSITIONS", "TOGGLE_QUOTES"]

# The prefix of compact deputy titles, indeclinable: "замгубернатора", "замминистра".
DEPUTY_PREFIX = "зам"

# Ranks (_lexicon.RANKS) and titles of address: written between a title and a name
# ("представитель армии полковник Петров", "эмир Катара шейх Хамад"), they start an
# apposition of their own and never continue a tail.
RANK_NOUNS = RANKS | ADDRESS_TITLES

# What may stand between a sentence's end and its first word, and how much of it is read.
_OPENING_CHARS = frozenset(" \t" + OPEN_ONLY_MARKS + EITHER_MARKS + "-–—")
MAX_SENTENCE_GAP = 1000

# Prepositions allowed in a tail and the cases of what follows them: "посол России в США",
# "министр по делам молодёжи" (next to a name; descriptions allow fewer, see roles.py).
TAIL_PREPOSITIONS = {"в": {"loct", "loc2"}, "во": {"loct", "loc2"}, "на": {"loct", "loc2"}, "при": {"loct"}, "по": {"datv"}, "от": {"gent", "gen2"}}

# Longest tail in words: longer genitive chains are lists, not titles.
MAX_TAIL_TOKENS = 12

# Most adjectives taken before a head ("первый заместитель", "чрезвычайный и полномочный").
MAX_ADJECTIVES = 3

# Parts of speech that end a tail even when a rarer parse of the word is a genitive noun.
STOP_POS = frozenset({"VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "ADVB", "GRND", "PRED", "INTJ", "ADJS", "PRTS", "COMP"})

# Parts of speech of function words: a word read so first heads no title, whatever its rarer parses ("после").
FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL"})

# Parts of speech that may stand in a genitive tail.
TAIL_POS = frozenset({"NOUN", "ADJF", "PRTF", "NUMR"})

# Words: the one word rule of the analysed text ("премьер-министр", "Жана-Марка").
_WORD = WORD

# The case of every role phrase: a role next to a name takes the name's case.
ALL_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct"})


_fold = fold_case  # (the role modules' short name for it)

# The grammemes of a base form, as ``_Analysis.inflect`` takes them.
NOMINATIVE_SINGULAR = frozenset({"nomn", "sing"})
NOMINATIVE = frozenset({"nomn"})


def _inflect(parse: Any, grammemes: frozenset[str]) -> Any:
    """pymorphy3's inflect, not remembered (an ``_Analysis`` made without the models)."""
    return inflect(parse, grammemes)


@dataclass
class _Phrase:
    """A role phrase found in the text: token indexes and the chosen head parse."""

    first: int  # first token (an adjective or the head)
    head: int
    last: int  # last token of the tail (the head when there is no tail)
    head_parse: Any
    adjective_parses: list[Any]
    stop: int  # first token after the phrase not taken by the tail scan
    former: bool = False  # "бывший", "экс-"
    fixed: bool = False  # an indeclinable head ("врио", "замгубернатора"): written as in the text


class _Analysis:
    """Tokens of a text with cached pymorphy3 parses and the entity mentions over each token."""

    def __init__(
        self,
        text: str,
        parse: Callable[[str], list[Any]],
        entities: list[Entity] | None = None,
        words: list[tuple[int, int, str]] | None = None,
        heads: dict[tuple[str, bool], list[Any]] | None = None,
        forms: frozenset[str] | None = None,
    ):
        """``words``: the text's words when the analysed text has them already (``AnalysedText.words``);
        ``heads``: the per-process answers of ``head_parses`` by word form (``Models.memo``);
        ``forms``: every form of the position nouns (``position_forms``): a word outside it
        is no position by the lexicon, and is not parsed to find that out."""
        self.text = text
        self._heads = {} if heads is None else heads
        self._token_heads: dict[tuple[int, bool], list[Any]] = {}  # head_parses by token: asked by every rule
        # every form of the predicates' verbs and post-event nouns (``lexeme_forms``), when
        # the roles stage gives them: other words are not parsed by those rules
        self.predicate_forms: frozenset[str] | None = None
        # the first letters of the position words an adjective may stand for
        # (``adjective_head_prefixes``, when the roles stage gives them; else of all of them)
        self.adjective_prefixes = _ADJECTIVE_HEAD_PREFIXES
        self._forms = forms
        self.parse = parse  # models.parse: the process's one morphology cache
        # pymorphy3's inflect; the roles stage gives ``Models.inflect`` (remembered per process)
        self.inflect: Callable[[Any, frozenset[str]], Any] = _inflect
        found = words if words is not None else [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        self.tokens = _merge_acting(text, [_Token(*w) for w in found])
        # Per token, read once (every rule asks): the text between it and the token before,
        # its lower-case form (ё as е), whether it opens a sentence (filled when first asked).
        tokens = self.tokens
        self._gaps = [text[tokens[i - 1].end : t.start] for i, t in enumerate(tokens)]
        self._lowers = [t.text.lower().replace("ё", "е") for t in tokens]
        self._sentence_starts: list[bool | None] = [None] * len(tokens)
        self._reach: list[int] | None = None  # per token, ``sentence_reach`` (all found on first use)
        # ``_name_cases`` by (mention text, its base form, gender): a text repeats its names
        self.name_cases: dict[tuple[str, str | None, str | None], frozenset[str] | None] = {}
        # Per token: "PER" when inside a person's mention, "ORG"/"LOC" inside those, else None.
        self.owner: list[str | None] = [None] * len(self.tokens)
        # Per token: (start, end) of the ORG/LOC mention it lies in, to take it whole.
        self.span_end: list[int] = [-1] * len(self.tokens)
        # Per token: ``Entity.id`` of the ORG mention it lies in (a role's organisation).
        self.org: list[str | None] = [None] * len(self.tokens)
        starts = self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]  # in order too: words do not overlap
        for entity in entities or []:
            for mention in entity.mentions:
                for i in self._covered(starts, mention.start, mention.end):
                    if entity.type == "PER":
                        self.owner[i] = "PER"
                        self.org[i] = None
                    elif self.owner[i] != "PER":
                        self.owner[i] = entity.type
                        self.span_end[i] = max(self.span_end[i], mention.end)
                        if entity.type == "ORG":
                            self.org[i] = entity.id

    def _covered(self, starts: list[int], start: int, end: int) -> list[int]:
        """Indexes of tokens overlapping [start, end)."""
        i = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(i)
            i += 1
        return out

    def parses(self, i: int) -> list[Any]:
        """pymorphy3 parses of token ``i``."""
        return self.parse(self.tokens[i].text)

    def gap(self, i: int) -> str:
        """Text between token ``i - 1`` and token ``i``."""
        return self._gaps[i]

    def written(self, i: int) -> str:
        """Token ``i`` as written in the text, lower case ("и.о.", which reads as "врио")."""
        token = self.tokens[i]
        return self.text[token.start : token.end].lower()

    def lower(self, i: int) -> str:
        """Token ``i`` in lower case, ё as е."""
        return self._lowers[i]

    @property
    def lowers(self) -> list[str]:
        """Every token in lower case, ё as е (``lower``), for the scans over all of them."""
        return self._lowers

    # -- heads --------------------------------------------------------------------------
    def head_parses(self, i: int, widen: bool) -> list[Any]:
        """Parses of token ``i`` as the head of a role (empty when it is none): a position
        noun, or an adjective used as one ("уполномоченного", "исполняющей обязанности")."""
        out = self._token_heads.get((i, widen))
        if out is None:
            # the lexicon tests first: most words head nothing, and need not be parsed for the best parse's POS
            if self.owner[i] is not None or not (widen or self.may_head(i)):
                out = []
            else:
                out = self._noun_heads(i, widen) or self._adjective_heads(i)
            if out and self.parses(i)[0].tag.POS in FUNCTION_POS:
                out = []  # "После отставки": a preposition first, not "о после"
            self._token_heads[(i, widen)] = out
        return out

    def may_head(self, i: int) -> bool:
        """Can token ``i`` head a title by the lexicon at all: a form of a position noun
        (``_lexicon_heads``) or a word with a position word's first letters (``_adjective_lemmas``)?
        The same tests as theirs, before any memo or parse."""
        if self._forms is None:
            return True
        low = self._lowers[i]
        return low in self._forms or low.partition("-")[2] in self._forms or low[:ADJECTIVE_HEAD_PREFIX] in self.adjective_prefixes

    def _adjective_heads(self, i: int) -> list[Any]:
        """Parses of token ``i`` as an adjective standing for a position noun ("уполномоченный",
        "управляющий"; "исполняющий" before "обязанности"), when no noun it agrees with follows."""
        nxt = self.lower(i + 1) if i + 1 < len(self.tokens) and not self.gap(i + 1).strip() else ""
        out = [
            p
            for p, lemma_word in self._adjective_lemmas(self.tokens[i].text)
            if lemma_word in ACTING_WORDS and nxt == ACTING_WORDS[lemma_word] or lemma_word in POSITION_NOUNS
        ]
        if out and nxt and nxt not in ACTING_WORDS.values() and self._agrees(i + 1, out):
            return []  # "ведущего эксперта": an adjective of the noun after it
        return out

    def token_range(self, lo: int, hi: int) -> range:
        """The tokens starting in the characters [lo, hi)."""
        return range(bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi))

    def remember(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """A per-process answer about a word form, kept with the heads (``Models.memo``)."""
        if key in self._heads:
            return self._heads[key]
        value = self._heads[key] = compute()
        return value

    def _adjective_lemmas(self, word: str) -> list[tuple[Any, str]]:
        """The singular adjective and participle parses of a word form with their masculine
        nominative ("исполняющей" -> "исполняющий"), remembered with the heads (pymorphy3's
        inflect builds the whole lexeme: it was half the roles stage's time)."""
        key = (word, "adjective")
        out = self._heads.get(key)
        if out is None:
            out = []
            # an adjective's forms share its first letters: one that shares none with a
            # position word an adjective may stand for heads nothing, and is not inflected
            if word.lower().replace("ё", "е")[:ADJECTIVE_HEAD_PREFIX] not in self.adjective_prefixes:
                return out  # not remembered: the test is cheaper than the memo's room
            for p in self.parse(word):
                if p.tag.POS in ("ADJF", "PRTF") and p.tag.number == "sing":
                    lemma = inflect(p, {"nomn", "sing", "masc"})
                    out.append((p, lemma.word.replace("ё", "е") if lemma else ""))
            self._heads[key] = out
        return out

    def _agrees(self, i: int, adjectives: list[Any]) -> bool:
        """Is token ``i`` a noun in the case, number and gender of one of the adjective parses?"""
        forms = {(_fold(p.tag.case), p.tag.gender) for p in adjectives}
        first = self.parses(i)[:1]
        if first and first[0].tag.POS in STOP_POS:
            return False  # "уполномоченного по правам": "по" is a preposition, not the noun "ПО"
        return any(p.tag.POS == "NOUN" and p.tag.number == "sing" and (_fold(p.tag.case), _gender(p)) in forms for p in self.parses(i))

    def fixed(self, i: int, parses: list[Any]) -> bool:
        """Is the head at token ``i`` indeclinable: "врио", "замгубернатора" ("зам" + a genitive
        position, which pymorphy3 declines as a noun of its own)?"""
        if any("Fixd" in p.tag for p in parses):
            return True
        low = self.lower(i)
        if not low.startswith(DEPUTY_PREFIX) or len(low) < len(DEPUTY_PREFIX) + 4:
            return False
        rest = low[len(DEPUTY_PREFIX) :]
        return any(p.tag.POS == "NOUN" and _fold(p.tag.case) == "gent" and is_position(p.normal_form) for p in self.parse(rest))

    def _noun_heads(self, i: int, widen: bool) -> list[Any]:
        """Parses of token ``i`` as a position noun: one of the lexicon or, with ``widen``
        (next to a name), any animate common noun that names no non-position
        (``_occupation_parses``), in lower case or opening a sentence ("Пловчиха Юлия ...")."""
        word = self.tokens[i].text
        found = self._lexicon_heads(word)
        if found or not widen or not (word[:1].islower() or self.sentence_start(i)):
            return found
        key = (word.lower(), True)
        out = self._heads.get(key)
        if out is None:
            out = self._heads[key] = _occupation_parses(self.parse(word.lower()))
        if out and i + 1 < len(self.tokens) and not self.gap(i + 1).strip():
            adjectives = [p for p in self.parses(i) if p.tag.POS in ("ADJF", "PRTF") and p.tag.number == "sing"]
            if adjectives and self._agrees(i + 1, adjectives):
                return []  # "военного эксперта": an adjective of the noun after it
        return out

    def _lexicon_heads(self, word: str) -> list[Any]:
        """Parses of a word form as a noun of the position lexicon (cached by word form)."""
        key = (word, False)
        out = self._heads.get(key)
        if out is not None:
            return out
        low = word.lower().replace("ё", "е")
        # A word outside every form of the lexicon is no position by it, and is not parsed to find that out.
        if self._forms is not None and low not in self._forms and low.partition("-")[2] not in self._forms:
            return []  # not remembered: the test is cheaper than the memo's room
        out = [p for p in self.parse(word) if p.tag.POS == "NOUN" and ("anim" in p.tag or "Fixd" in p.tag) and is_position(p.normal_form.replace("ё", "е"))]
        self._heads[key] = out
        return out

    def sentence_start(self, i: int) -> bool:
        """Does token ``i`` open a sentence or a line (quotes and dashes before it aside)?"""
        found = self._sentence_starts[i]
        if found is None:
            found = self._sentence_starts[i] = self._opens_line(i)
        return found

    def sentence_reach(self, i: int) -> int:
        """The token opening a sentence (``sentence_start``) that token ``i`` is, or follows by at
        most MAX_ADJECTIVES words with nothing but spaces between; -1 when there is none.

        The roles stage asks this of every word: found for all of them in one pass the first
        time, not by walking back from each."""
        if self._reach is None:
            starts, gaps = self._sentence_starts, self._gaps
            reach, prev = [], -1
            for k in range(len(self.tokens)):
                opens = starts[k]
                if opens is None:
                    opens = starts[k] = self._opens_line(k)
                if opens:
                    prev = k
                elif k == 0 or prev < k - MAX_ADJECTIVES or gaps[k].strip():
                    prev = -1
                reach.append(prev)
            self._reach = reach
        return self._reach[i]

    def _opens_line(self, i: int) -> bool:
        # back over spaces, quotes and dashes only (not a slice of the text before: this is
        # asked for every capitalised word, and a slice made it quadratic)
        j = self.tokens[i].start - 1
        stop = max(-1, j - MAX_SENTENCE_GAP)
        while j > stop and self.text[j] in _OPENING_CHARS:
            j -= 1
        return j < 0 or j == stop or self.text[j] in ".!?…\n"

    def adjective_parse(self, i: int, cases: set[str], gender: str | None, number: str = "sing") -> Any | None:
        """A parse of token ``i`` as an adjective agreeing with a head in ``cases`` and ``number``.

        Of two lemmas that read the form alike ("основного": "основной", "основный") the
        relational one wins: titles are qualified by kind ("главный", "операционный"), and the
        qualitative reading is the rarer word; an adjective wins over a participle ("действующий").
        """
        found = []
        for p in self.parses(i):
            tag = p.tag
            if tag.POS not in ("ADJF", "PRTF") or "Apro" in tag or tag.number != number:
                continue
            if _fold(tag.case) not in cases:
                continue
            if gender and tag.gender and tag.gender != gender and _fold(tag.case) != "accs":
                continue
            found.append(p)
        relational = [p for p in found if "Qual" not in p.tag] or found
        return next((p for p in relational if p.tag.POS == "ADJF"), relational[0] if relational else None)

    # -- tails --------------------------------------------------------------------------
    def genitive(self, i: int) -> bool:
        """Can token ``i`` stand in a genitive tail ("иностранных", "дел", "МИД", "Google")?"""
        word = self.tokens[i].text
        ps = self.parses(i)
        best = ps[0].tag
        if best.POS in STOP_POS or "Apro" in best:
            return False
        if word[:1].isupper() and _person_name(ps):
            return False
        if "LATN" in best:
            return word[:1].isupper()
        if len(word) >= 2 and word.isupper():  # an abbreviation pymorphy3 does not know: "КЗЖ"
            return True
        if any(p.normal_form in RANK_NOUNS for p in ps if p.tag.POS == "NOUN"):
            return False
        if _opens_phrase(ps):
            return False
        return any(p.tag.POS in TAIL_POS and _fold(p.tag.case) == "gent" and "Apro" not in p.tag for p in ps)

    def in_cases(self, i: int, cases: set[str]) -> tuple[bool, bool]:
        """(token ``i`` is a noun/adjective in one of ``cases``, it is a noun)."""
        for p in self.parses(i):
            if p.tag.POS in TAIL_POS and p.tag.case in cases:
                return True, p.tag.POS == "NOUN"
        return False, False

    def takes(self, i: int) -> bool:
        """Can the tail go on with token ``i`` (a plain gap, not a person, a genitive)?"""
        if i >= len(self.tokens) or self.gap(i).strip() or self.owner[i] == "PER":
            return False
        return self.owner[i] is not None or self.genitive(i)

    def stops_tail(self, j: int) -> bool:
        """Does every tail scan stop before token ``j``, whatever its head: a line break or a mark
        other than a quote before it, the token outside any ORG/LOC mention (a mention is taken
        whole, marks inside it and all)?"""
        gap = self.gap(j)
        return self.owner[j] is None and ("\n" in gap or any(ch not in OPEN_QUOTES + CLOSE_QUOTES + TOGGLE_QUOTES for ch in gap.strip()))

    def scan_tail(self, head: int, prepositions: dict[str, set[str]]) -> tuple[int, int]:
        """Scan the tail after a head: (last token of the tail, first token not taken)."""
        n = len(self.tokens)
        last = head
        j = head + 1
        quoted = False
        before_quote = head
        after_preposition: set[str] | None = None
        last_preposition: set[str] | None = None  # cases of the last prepositional part, for "и"
        while j < n and j - head <= MAX_TAIL_TOKENS:
            gap = self.gap(j)
            marks = gap.strip()
            if "\n" in gap:
                break
            punctuation, quoted, opened = _read_marks(marks, quoted)
            if opened:
                before_quote = last
            if punctuation:
                break
            if self.owner[j] == "PER":
                break
            if quoted:
                last = j
                j += 1
                continue
            if marks and not quoted and last == j - 1 and self.text[self.tokens[last].end : self.tokens[j].start].strip()[:1] in OPEN_QUOTES:
                break
            if self.owner[j] is not None:
                end = self.span_end[j]
                while j < n and self.tokens[j].start < end:
                    last = j
                    j += 1
                after_preposition = None
                continue
            word = self.lower(j)
            if after_preposition is not None:
                ok, noun = self.in_cases(j, after_preposition)
                if not ok:
                    break
                last = j
                j += 1
                if noun:
                    last_preposition, after_preposition = after_preposition, None
                continue
            if word == "и":
                goes_on, cases = self._and_goes_on(j, last_preposition)
                if goes_on:
                    after_preposition = cases
                    j += 1
                    continue
            is_preposition, cases = self._preposition(j, prepositions)
            if is_preposition:
                if cases is None:
                    break
                after_preposition = cases
                j += 1
                continue
            if self.genitive(j):
                last = j
                j += 1
                continue
            break
        if quoted and self.text[self.tokens[last].end : self.tokens[last].end + 2].lstrip()[:1] in CLOSE_QUOTES + TOGGLE_QUOTES:
            quoted = False  # closed right after the last word: "... «Северный мост»."
        if quoted:  # an unclosed quote: the tail ends before it
            return before_quote, before_quote + 1
        if after_preposition is not None and last < j - 1:
            j = last + 1  # a preposition without its noun is not taken
        return last, j

    def _and_goes_on(self, j: int, last_preposition: set[str] | None) -> tuple[bool, set[str] | None]:
        """Does the tail go on after the "и" at token ``j``? (it does, the cases a prepositional part after it takes)"""
        if self._starts_role(j + 1):
            return False, None  # "губернатор области и бывший министр": two roles
        if self.takes(j + 1):
            return True, None
        if last_preposition and j + 1 < len(self.tokens) and self.in_cases(j + 1, last_preposition)[0]:
            return True, last_preposition  # "посол в Грузии и Армении"
        return False, None

    def _starts_role(self, j: int) -> bool:
        """Does a title start at token ``j``: a lexicon head after at most ``MAX_ADJECTIVES`` adjectives?"""
        for k in range(j, min(len(self.tokens), j + MAX_ADJECTIVES + 1)):
            if k > j and self.gap(k).strip():
                return False
            if self.head_parses(k, widen=False):
                return True
            if not any(p.tag.POS in ("ADJF", "PRTF") for p in self.parses(k)):
                return False
        return False

    def _preposition(self, j: int, prepositions: dict[str, set[str]]) -> tuple[bool, set[str] | None]:
        """Is token ``j`` a tail preposition right before a word? (it is, the cases its noun takes; None: the tail ends)"""
        word = self.lower(j)
        if word not in prepositions or j + 1 >= len(self.tokens) or self.gap(j + 1).strip():
            return False, None
        nxt = j + 1
        if self.owner[nxt] in ("ORG", "LOC") or self.in_cases(nxt, prepositions[word])[0]:
            return True, prepositions[word]
        return True, None

    def adjectives_before(self, head: int, cases: set[str], gender: str | None, number: str = "sing") -> tuple[int, list[Any], bool]:
        """Agreeing adjectives right before a head: (first token, their parses, former?)."""
        first = head
        parses: list[Any] = []
        former = False
        i = head - 1
        while i >= 0 and len(parses) < MAX_ADJECTIVES:
            if self.gap(i + 1).strip() or self.owner[i] is not None:
                break
            word = self.lower(i)
            if word == "и" and parses and i - 1 >= 0 and not self.gap(i).strip() and self.owner[i - 1] is None:
                p = self._post_adjective(i - 1, cases, gender, number)
                if p is None:
                    break
                parses.insert(0, p)
                first = i - 1
                i -= 2
                continue
            p = self._post_adjective(i, cases, gender, number) or self._acting_adverb(i)
            if p is None:
                break
            parses.insert(0, p)
            first = i
            if p.normal_form in FORMER_WORDS:
                former = True
                break
            i -= 1
        return first, parses, former

    def _post_adjective(self, i: int, cases: set[str], gender: str | None, number: str) -> Any | None:
        """An agreeing adjective at token ``i`` that qualifies the post, not the person (None otherwise)."""
        p = self.adjective_parse(i, cases, gender, number)
        return None if p is None or _describes_person(p) else p

    def _acting_adverb(self, i: int) -> Any | None:
        """The parse of "временно" right before "исполняющий обязанности" (None elsewhere)."""
        if self.lower(i) != ACTING_ADVERB or i + 2 >= len(self.tokens) or self.lower(i + 2) != ACTING_DUTIES:
            return None
        return next((p for p in self.parses(i) if p.tag.POS == "ADVB"), None)

    def phrase(self, head: int, cases: set[str], prepositions: dict[str, set[str]], widen: bool, number: str = "sing") -> _Phrase | None:
        """The role phrase headed by token ``head`` in one of ``cases`` and in ``number`` (a plural
        title shared by several names: "сенаторы Джон Маккейн и Марко Рубио")."""
        parses = self.head_parses(head, widen)
        fixed = bool(parses) and self.fixed(head, parses)
        head_parse = parses[0] if fixed else next((p for p in parses if p.tag.number == number and _fold(p.tag.case) in cases), None)
        if head_parse is None:
            return None
        head_cases = set(cases) if fixed else {_fold(p.tag.case) for p in parses if p.tag.number == number} & cases
        gender = _gender(head_parse)
        first, adjectives, former = self.adjectives_before(head, head_cases, gender, number)
        last, stop = self.scan_tail(head, prepositions)
        word = self.tokens[head].text.lower()
        if word.startswith("экс-"):
            former = True
        return _Phrase(first, head, last, head_parse, adjectives, stop, former, fixed)

    def base_form(self, phrase: _Phrase) -> str:
        """Head and adjectives in the nominative singular, the tail as written."""
        head = phrase.head_parse
        inflect = self.inflect
        nominative = None if phrase.fixed else inflect(head, NOMINATIVE_SINGULAR) or inflect(head, NOMINATIVE)
        head_word = nominative.word if nominative else self.written(phrase.head) if phrase.fixed else head.normal_form
        gender = _gender(nominative or head) or "masc"
        words = []
        for p in phrase.adjective_parses:
            adj = inflect(p, frozenset({"nomn", "sing", gender})) or inflect(p, NOMINATIVE_SINGULAR)
            words.append(adj.word if adj else p.normal_form)
        # Coordinated adjectives ("чрезвычайный и полномочный") keep their "и".
        adjective_text = []
        k = 0
        i = phrase.first
        while i < phrase.head:
            if self.lower(i) == "и":
                adjective_text.append("и")
            else:
                adjective_text.append(words[k])
                k += 1
            i += 1
        parts = adjective_text + [head_word]
        tail = self.span_text(phrase.head, phrase.last, tail_only=True)
        return " ".join(parts + ([tail] if tail else []))

    def span_text(self, first: int, last: int, tail_only: bool = False) -> str:
        """Text from token ``first`` (or after it) to token ``last``, quotes closed, spaces single."""
        if last <= first and tail_only:
            return ""
        start = self.tokens[first].end if tail_only else self.tokens[first].start
        end = self.span_end_of(first, last)
        return " ".join(self.text[start:end].split())

    def span_end_of(self, first: int, last: int) -> int:
        """End offset of a phrase, taking a closing quote when the phrase opened one."""
        start = self.tokens[first].start
        end = self.tokens[last].end
        inside = self.text[start:end]
        opened = sum(inside.count(c) for c in OPEN_QUOTES) - inside.count(CLOSE_QUOTES[0])
        toggles = sum(inside.count(c) for c in TOGGLE_QUOTES)
        while end < len(self.text) and self.text[end] in CLOSE_QUOTES + TOGGLE_QUOTES and (opened > 0 or toggles % 2):
            if self.text[end] in CLOSE_QUOTES:
                opened -= 1
            else:
                toggles += 1
            end += 1
        return end


def _phrase_at(analysis: _Analysis, k: int, cases: set[str], *, before_name: bool = True, widen: bool = True, prepositions: dict[str, set[str]] | None = None) -> _Phrase | None:
    """The role phrase starting at token ``k``, after at most ``MAX_ADJECTIVES`` adjectives.

    With ``before_name`` False, a phrase followed directly by a name is refused: it is that
    name's title ("генсеком ООН Паном Ги Муном, главой Афганистана Хамидом Карзаем").
    ``prepositions``: those its tail may take (``TAIL_PREPOSITIONS`` unless given).
    """
    for head in range(k, min(len(analysis.tokens), k + MAX_ADJECTIVES + 1)):
        if analysis.owner[head] is not None or (head > k and analysis.gap(head).strip()):
            return None
        if analysis.head_parses(head, widen=widen):
            phrase = analysis.phrase(head, cases, TAIL_PREPOSITIONS if prepositions is None else prepositions, widen=widen)
            if phrase is None or not _starts_at(analysis, phrase, k):
                return None
            if not before_name and _touches_name(analysis, phrase):
                return None
            return phrase
    return None


def _starts_at(analysis: _Analysis, phrase: _Phrase, k: int) -> bool:
    """Does the phrase start at token ``k``, or after adjectives there that describe the person
    and stay out of it ("Синклер, известный французский журналист")?"""
    return all(analysis.lower(i) == "и" or analysis.adjective_parse(i, set(ALL_CASES), None) is not None for i in range(k, phrase.first))


def _touches_name(analysis: _Analysis, phrase: _Phrase) -> bool:
    """Does a person's name follow the phrase directly (an apposition that did not agree)?"""
    stop = phrase.stop
    return stop < len(analysis.tokens) and stop == phrase.last + 1 and analysis.owner[stop] == "PER" and not analysis.gap(stop).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES)
