"""The analysed text the quotation stage reads, and what it asks of it.

The shared types (tokens, quote spans, attributions, statement items), the read-only
``_Text`` (tokens, mentions, quote spans, parses), quote-aware sentence boundaries,
morphological predicates on tokens, and mention look-ups by offset.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ...model import Article, Entity, Mention, Speaker
from ..models import Models, lexeme
from .._lexicon import DOUBLE_OPENING
from ..text import WORD
from ..names import normalize_mention
from .._person_names import _CYRILLIC_LETTER
from .._speech import (
    ABBREVIATIONS,
    LATIN_NAME_ABBREVIATIONS,
    CLOSING_ABBREVIATIONS,
    DOCUMENT_NOUNS,
    FIRM_HOUSE_ADJECTIVES,
    OPINION_ADJECTIVES,
    PEOPLE_PARTICIPLE_LEMMAS,
    PEOPLE_PARTICIPLE_PHRASES,
    PEOPLE_QUANTIFIER_LEMMAS,
    PLURAL_SPEAKER_NOUNS,
    SPEAKER_NOUNS,
    SPEECH_LEMMAS,
)

# Dashes writers put between a quote and its attribution.
DASHES = "-–—"


_WORD = WORD  # the one word rule of the analysed text (nlp/text.py)


# End of a sentence: terminal punctuation then a space (closing marks may stand between);
# the two character sets are named so that code looking back from a boundary uses the same.
_SENT_END_MARKS = ".!?…"


_SENT_END_CLOSERS = "»\"“”"


_SENT_END_CHARS = _SENT_END_MARKS + _SENT_END_CLOSERS
_SENT_END = re.compile(f"[{re.escape(_SENT_END_MARKS)}]+[{re.escape(_SENT_END_CLOSERS)}]?(?=\\s)")


# Words shorter than this many do not make a statement (names and titles in quotes are short).
MIN_DIRECT_WORDS = 2


# A quoted fragment inside the narrator's sentence of at most this many words is a term
# ("в «нормандском формате»", "«эффективную модель»"), never a direct statement by itself.
MAX_TERM_WORDS = 3


# A statement found by a colon or a headline needs this many words.
MIN_STATEMENT_WORDS = 3


# How many words may stand between a speech verb and its ", что" ("заявил журналистам в
# кулуарах форума, что").
MAX_VERB_TO_CHTO = 10


# A headline speaker ("- глава МИД", "Источник:") has at most this many words.
MAX_HEADLINE_SPEAKER_WORDS = 6


# Pronouns that stand for a speaker, with the gender/number they require.
PRONOUNS = {
    "он": "masc", "его": "masc", "него": "masc", "она": "femn", "ее": "femn", "её": "femn",
    "нее": "femn", "неё": "femn", "они": "plur", "их": "plur", "них": "plur",
}


# Adverbs that point back to the previous speaker ("Там пояснили").
BACK_ADVERBS = frozenset({"там", "тут", "здесь"})


# Pronoun-like words that are never a described speaker.
NON_SPEAKER_WORDS = frozenset({"это", "что", "который", "все", "всё", "кто", "никто", "ничто", "себя", "сам"})






# A mark that ends a clause between two words (a comma, a bracket, a dash, a sentence end).
CLAUSE_MARK = re.compile(r"[,;:.!?()—–]")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass
class _Span:
    """A pair of quote marks: ``open`` and ``close`` index the marks (close None: unclosed)."""

    open: int
    close: int | None
    depth: int
    block: int


@dataclass
class _Attribution:
    """Where a statement's speaker is written: the cue and the regions to search."""

    cue: str
    cue_start: int
    cue_end: int
    before: tuple[int, int] | None = None  # subject region before the cue (scanned right to left)
    after: tuple[int, int] | None = None  # region after the cue (scanned left to right)
    headline: str | None = None  # a headline speaker phrase ("глава МИД")
    backref: bool = False  # "Об этом"/"уточняется в сообщении": fall back to the previous speaker
    chto: bool = False  # the cue of "X заявил, что «...»", shared with the reported statement
    stmt_start: int = -1  # start of the (first) statement this attribution serves
    speaker: Speaker | None = None
    via: str | None = None
    heard: bool = False  # ``via`` is the outlet the speaker spoke to ("сказал «Интерфаксу»"), not a relay
    relay: bool = False  # "S2, передает X" going on with the speaker before it (X is the via)
    main_verb: bool = False  # the finite verb a gerund or request noun depends on (its subject speaks)
    resolved: bool = False


@dataclass
class _Item:
    kind: str
    start: int
    end: int
    attr: _Attribution
    credited: bool = False  # words the narrator credits to a verb's subject: kept only with a speaker


@dataclass(frozen=True)
class _Direct:
    """What the direct-quote pass found, read by the reported-speech pass."""

    statements: "_Intervals"  # direct statement spans
    cues: frozenset[int]  # cue offsets used by direct quotes (a "что" cue is shared)


@dataclass
class _Said:
    """The statements resolved so far (the running state of speaker resolution): a pronoun,
    "Там" or a description refers back to them."""

    # (start, end of the statement with its attribution, speaker)
    spoken: list[tuple[int, int, Speaker]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # text spans of those statements
    stated: list[tuple[int, int]] = field(default_factory=list)  # text spans of every statement so far, speaker or not
    speakers: list[Speaker] = field(default_factory=list)  # their speakers, in order
    # (offset, name) of the outlets that relayed or spoke so far: what a bare "издание" is
    outlets: list[tuple[int, str]] = field(default_factory=list)
    # the speakers of statements from a document ("говорится в заявлении X"), in order
    documents: list[Speaker] = field(default_factory=list)
    # the latest outlet each speaker (``speaker_key``) spoke to: an interview goes on (an
    # outlet that relayed one quote, "приводит его слова X", relays that quote only)
    vias: dict[str, str] = field(default_factory=dict)
    _intervals: tuple[int, Any] = (-1, None)

    def add(self, start: int, end: int, attr: _Attribution) -> None:
        """Record a statement whose attribution found a speaker."""
        assert attr.speaker is not None
        self.speakers.append(attr.speaker)
        self.spoken.append((min(start, attr.cue_start), max(end, attr.cue_end), attr.speaker))
        self.spans.append((start, end))
        self.add_outlets(attr)
        if attr.cue in ("говорится", "отмечается", "указывается", "подчеркивается") and attr.speaker.type == "ORG" or attr.speaker.name in DOCUMENT_NOUNS:
            self.documents.append(attr.speaker)

    def add_outlets(self, attr: _Attribution) -> None:
        """Record the outlet that relayed a statement or spoke it."""
        if attr.via:
            self.outlets.append((attr.cue_start, attr.via))
            if attr.speaker is not None and attr.heard:
                self.vias[speaker_key(attr.speaker)] = attr.via
        if attr.speaker is not None and attr.speaker.kind == "outlet":
            self.outlets.append((attr.cue_start, attr.speaker.name))

    def intervals(self) -> "_Intervals":
        """The statement spans as intervals (rebuilt when one is added; they only grow).
        Scanning them for every mention was cubic on a one-paragraph text."""
        count, intervals = self._intervals
        if count != len(self.spans):
            intervals = _Intervals(self.spans)
            self._intervals = (len(self.spans), intervals)
        return intervals


def speaker_key(speaker: Speaker) -> str:
    """One key per speaker of an article: its entity; an unnamed speaker is itself (the same
    object: a pronoun or a description that referred back to it), never another group of
    the same name ("эксперты" twice are not one source)."""
    return speaker.entity or f"object:{id(speaker)}"


class _Intervals:
    """Half-open intervals ``[lo, hi)``, asked whether any holds a point: a bisection and a
    running maximum instead of a scan of every interval on every question (quadratic)."""

    def __init__(self, pairs: Any):
        pairs = sorted(pairs)
        self.los = [lo for lo, _ in pairs]
        self.reach: list[int] = []
        top = -1
        for _, hi in pairs:
            top = max(top, hi)
            self.reach.append(top)

    def __contains__(self, x: int) -> bool:
        i = bisect_right(self.los, x)
        return i > 0 and self.reach[i - 1] > x


@dataclass
class _Text:
    """The article as the stage reads it: set up once by ``extract_quotes``, then only read.

    ``memo`` caches pure functions of the text and its entities; word parses come from
    the process's one morphology cache (``models.parse``).
    """

    article: Article
    models: Models
    text: str
    blocks: list[tuple[int, int, str]]  # (start, end, kind) of the title and paragraphs
    tokens: list[_Tok]
    mentions: list[tuple[Mention, Entity]]  # PER/ORG mentions by start, longest first
    spans: list[_Span]  # the paired quote marks of every block
    # Results of pure per-entity and per-phrase helpers (entities do not change in this
    # stage): each description was checked against every person and all their roles again,
    # 22 s of 23 on a 110,000-character text with 900 statements (issue 11).
    memo: dict[Any, Any] = field(default_factory=dict)
    parses: dict[str, list[Any]] = field(default_factory=dict)  # ``parse`` by the word as written
    lemmas: dict[str, str] = field(default_factory=dict)  # ``lemma`` by the word as written

    def remember(self, key: Any, compute: Any) -> Any:
        """``memo[key]``, computed by ``compute()`` the first time."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def parse(self, word: str) -> list[Any]:
        """pymorphy3 parses of a word (lower-cased), from the process's one cache (and, by the
        word as written, from the text's own: asked ~230 times a text, mostly of words met)."""
        parses = self.parses.get(word)
        if parses is None:
            parses = self.parses[word] = self.models.parse(word.lower())
        return parses

    def lemma(self, word: str) -> str:
        found = self.lemmas.get(word)  # asked ~60 times a text
        if found is None:
            found = self.lemmas[word] = self.parse(word)[0].normal_form.replace("ё", "е")
        return found

    def toks(self, start: int, end: int) -> list[_Tok]:
        """Tokens fully inside [start, end)."""
        starts, ends = self._bounds()
        i = bisect_left(starts, start)
        # tokens do not overlap: their ends are sorted as their starts are
        return self.tokens[i : max(i, bisect_right(ends, end))]

    def _index(self, start: int) -> int:
        """Index of the first token starting at or after ``start``."""
        return bisect_left(self._bounds()[0], start)

    def _bounds(self) -> tuple[list[int], list[int]]:
        """The starts and the ends of the tokens, in order (listed once per text)."""
        found = self.memo.get("token bounds")
        if found is None:
            found = self.memo["token bounds"] = ([t.start for t in self.tokens], [t.end for t in self.tokens])
        return found

    def in_quote(self, pos: int) -> bool:
        """Is a position inside any top-level pair of quote marks?"""
        found = self.memo.get("in quote")
        if found is None:
            found = self.memo["in quote"] = _Intervals(
                (s.open + 1, s.close if s.close is not None else self.blocks[s.block][1]) for s in self.spans if s.depth == 0
            )
        # ``pos in found`` written out: asked ~240 times a text
        i = bisect_right(found.los, pos)
        return i > 0 and found.reach[i - 1] > pos


def _sentence_start(doc: _Text, pos: int, block_start: int) -> int:
    """Start of the sentence holding ``pos`` (the quote-aware boundary before it)."""
    if not _run_crosses(doc, block_start):
        # the last boundary of ``_ends_between`` read off the table, without the list
        starts, ends = _ends_table(doc)
        i, j = bisect_left(starts, block_start), bisect_left(ends, pos)
        return ends[j - 1] if j > i else block_start
    best = block_start
    for m in _SENT_END.finditer(doc.text, block_start, pos):
        if not doc.in_quote(m.start()) and _real_end(doc.text, m.start()):
            best = m.end()
    return best


def _ends_between(doc: _Text, lo: int, pos: int) -> list[int] | None:
    """Ends of the sentence boundaries that ``_SENT_END.finditer(text, lo, pos)`` finds and
    that are real (outside quotes, not an initial), from one scan of the whole text.

    Scanning from the paragraph start on every question was quadratic in a long paragraph
    (155 s for the quotes of a one-line text of a million characters). A boundary found
    from ``lo`` is one of the whole scan when no run of end marks crosses ``lo``, and the
    lookahead of ``_SENT_END`` ends every boundary found before ``pos`` short of it. None
    when a run may cross ``lo``: the caller scans as before.
    """
    if _run_crosses(doc, lo):
        return None
    starts, ends = _ends_table(doc)
    return ends[bisect_left(starts, lo) : bisect_left(ends, pos)]


def _run_crosses(doc: _Text, lo: int) -> bool:
    """May a run of sentence-end marks cross ``lo`` (what ``_SENT_END`` can end with is right before it)?"""
    return 0 < lo <= len(doc.text) and doc.text[lo - 1] in _SENT_END_CHARS


def _ends_table(doc: _Text) -> tuple[list[int], list[int]]:
    """Starts and ends of every real sentence boundary of the text, from one scan (memoised)."""
    key = ("sentence ends", len(doc.spans))
    found = doc.memo.get(key)
    if found is None:
        starts, ends = [], []
        for m in _SENT_END.finditer(doc.text):
            if not doc.in_quote(m.start()) and _real_end(doc.text, m.start()):
                starts.append(m.start())
                ends.append(m.end())
        found = doc.memo[key] = (starts, ends)
    return found


_LAST_WORD = re.compile(r"(\w+)$")


def _real_end(text: str, pos: int) -> bool:
    """Is the period at ``pos`` a sentence end (not an initial or an abbreviation)? An
    exclamation mark inside a Latin name ("E! News", "Yahoo! Japan") is none either."""
    if text[pos] == "!":
        return not (re.search(r"(?<!\w)[A-Z][A-Za-z]*$", text[max(0, pos - 12) : pos]) and re.match(r" [A-Z][a-z]", text[pos + 1 : pos + 4]))
    if text[pos] != ".":
        return True
    m = _LAST_WORD.search(text[max(0, pos - 12) : pos])
    if not m:
        return True
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "А. Иванов"
    if word in LATIN_NAME_ABBREVIATIONS and re.match(r" [A-Z]", text[pos + 1 : pos + 3]):
        return False  # "St. Louis Post-Dispatch", "Dr. Smith": inside a Latin name
    if word.lower() not in ABBREVIATIONS or word[0].isupper():
        return True
    # "1,6 млрд руб. В пресс-службе ...": a unit closing a number ends the sentence before a capital
    closing = word.lower() in CLOSING_ABBREVIATIONS or text[max(0, pos - 3) : pos].lower() in ("т.д", "т.п")
    nxt = re.match(rf"\s+[{DOUBLE_OPENING}(]?(\w)", text[pos + 1 : pos + 6])
    return closing and nxt is not None and nxt.group(1).isupper()


def _sentence_end(doc: _Text, pos: int, block_end: int) -> int:
    """End of the sentence holding ``pos`` (before its final punctuation)."""
    for m in _SENT_END.finditer(doc.text, pos, block_end):
        if not doc.in_quote(m.start()) and _real_end(doc.text, m.start()):
            return m.start()
    return block_end


def _sentences(doc: _Text, b_start: int, b_end: int) -> list[tuple[int, int]]:
    """Quote-aware sentences of a block: (start, end) with end after the final punctuation."""
    out = []
    pos = b_start
    for m in _SENT_END.finditer(doc.text, b_start, b_end):
        if doc.in_quote(m.start()) or not _real_end(doc.text, m.start()):
            continue
        out.append((pos, m.end()))
        pos = m.end()
    if doc.text[pos:b_end].strip():
        out.append((pos, b_end))
    return [(s + len(doc.text[s:e]) - len(doc.text[s:e].lstrip()), e) for s, e in out]


def _body_end(text: str, start: int, end: int) -> int:
    """End of a sentence's content: before its final punctuation."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…"):
        end -= 1
    return end


def _window_start(doc: _Text, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos`` (a back-reference reaches that far)."""
    # the first block holding pos, found by bisection (blocks are in text order)
    block_starts = _block_starts(doc)
    for i in range(max(0, bisect_right(block_starts, pos) - 2), len(doc.blocks)):
        b_start, b_end, _kind = doc.blocks[i]
        if b_start > pos:
            break
        if b_start <= pos <= b_end:
            if i > 0 and doc.blocks[i - 1][2] != "title":
                return doc.blocks[i - 1][0]
            return b_start
    return 0


def _block_starts(doc: _Text) -> list[int]:
    """Start offsets of the blocks (memoised; blocks are sorted and do not overlap)."""
    if "block starts" not in doc.memo:
        doc.memo["block starts"] = [b for b, _e, _k in doc.blocks]
    return doc.memo["block starts"]


def _first_tokens_outside_quotes(doc: _Text, start: int, end: int, limit: int) -> list[_Tok]:
    """The first ``limit`` tokens inside [start, end) not in quotes (was: all, then cut)."""
    out: list[_Tok] = []
    i = doc._index(start)
    while i < len(doc.tokens) and doc.tokens[i].end <= end and len(out) < limit:
        if not doc.in_quote(doc.tokens[i].start):
            out.append(doc.tokens[i])
        i += 1
    return out


def _is_finite_verb(doc: _Text, tok: _Tok) -> bool:
    return doc.parse(tok.text)[0].tag.POS == "VERB"


def _is_adj(doc: _Text, tok: _Tok) -> bool:
    return doc.parse(tok.text)[0].tag.POS in ("ADJF", "PRTF")


# The suffix of a present active participle with its ending ("принадлежащего", "работающих").
_PRES_ACTIVE = re.compile(r"(?:ущ|ющ|ащ|ящ)(?:ий|ая|ее|ие|его|ей|их|ему|им|ую|ими|ем|ым|ыми|ых)$")


def _present_participle(doc: _Text, tok: _Tok) -> bool:
    """A present active participle ("работающий", "находящегося"), also where the dictionary
    keeps it as an adjective of its own ("принадлежащего" is read ADJF first)."""
    first = doc.parse(tok.text)[0]
    if first.tag.POS == "PRTF":
        return first.tag.tense == "pres" and first.tag.voice == "actv"
    return first.tag.POS == "ADJF" and bool(_PRES_ACTIVE.search(tok.low))


def _in_short_quote(doc: _Text, pos: int) -> bool:
    """Is ``pos`` inside a quotation of at most three words (a name: «Интерфаксу», "Вести Юга"; a word
    in scare quotes: «распилить»)? (Remembered per position: asked for every quoted word of a sentence.)"""
    memo = doc.memo.setdefault("short quote", {})
    found = memo.get(pos)
    if found is None:
        found = memo[pos] = _in_short_quote_uncached(doc, pos)
    return found


def _in_short_quote_uncached(doc: _Text, pos: int) -> bool:
    for span in reversed(doc.spans):
        if span.open < pos and span.close is not None and pos < span.close:
            short = doc.memo.setdefault("short spans", {})  # one count per quotation, not per word of it
            if span.open not in short:
                short[span.open] = len(doc.text[span.open + 1 : span.close].split()) <= 3
            return short[span.open]
    return False


def _is_adverb(doc: _Text, tok: _Tok) -> bool:
    return doc.parse(tok.text)[0].tag.POS in ("ADVB", "CONJ", "PRCL")


def _has_case(doc: _Text, tok: _Tok, case: str) -> bool:
    """Can a noun/adjective be read in this case (prepositions and verbs never)?"""
    if len(tok.text) < 2:
        return False  # "в" reads as the abbreviation of "вольт" in every case
    return any(p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") for p in doc.parse(tok.text)[:3])


def _case(doc: _Text, tok: _Tok) -> str | None:
    return doc.parse(tok.text)[0].tag.case


def _followed_by(doc: _Text, tok: _Tok, words: tuple[str, ...]) -> bool:
    """Do these words (lower case) follow the token, with nothing but spaces between?"""
    i = doc._index(tok.end)
    nxt = doc.tokens[i : i + len(words)]
    prev = [tok] + nxt[:-1]
    return len(nxt) == len(words) and all(t.low == w and not doc.text[a.end : t.start].strip() for a, t, w in zip(prev, nxt, words))


def _speaker_noun(doc: _Text, tok: _Tok) -> bool:
    """A noun that may name a speaker: animate, or an organisation/source noun."""
    for p in doc.parse(tok.text)[:2]:
        if p.tag.POS == "PRTF" and p.tag.number == "plur" and p.normal_form.replace("ё", "е") in PEOPLE_PARTICIPLE_LEMMAS:
            return True  # "опрошенные", "собравшиеся": people
        if p.tag.POS == "PRTF" and p.tag.number == "plur" and p.normal_form in PEOPLE_PARTICIPLE_PHRASES:
            return _followed_by(doc, tok, PEOPLE_PARTICIPLE_PHRASES[p.normal_form])  # "оставшиеся в живых"
        if p.tag.POS == "ADJF" and p.tag.number == "plur" and p.tag.case == "nomn" and p.normal_form in PEOPLE_QUANTIFIER_LEMMAS:
            return _stands_alone(doc, tok)  # "Многие полагали": people ("многие эксперты": the noun)
        if p.tag.POS != "NOUN":
            continue
        lemma = p.normal_form.replace("ё", "е")
        if lemma in PLURAL_SPEAKER_NOUNS and p.tag.number != "plur":
            continue  # "власти заявили", not "власть"
        if lemma in SPEAKER_NOUNS or "anim" in p.tag or "Orgn" in p.tag:
            return True
        if lemma == "дом" and _firm_house(doc, tok):
            return True
    return False


def _stands_alone(doc: "_Text", tok: _Tok) -> bool:
    """Is the word no adjective of a noun or adjective right after it ("Многие полагали", not
    "Некоторые эксперты считают")?"""
    i = doc._index(tok.start)
    nxt = doc.tokens[i + 1] if i + 1 < len(doc.tokens) else None
    if nxt is None or doc.text[tok.end : nxt.start].strip():
        return True
    return not any(p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in doc.parse(nxt.text)[:2])


def _firm_house(doc: "_Text", tok: _Tok) -> bool:
    """Is "дом" a firm by the adjective right before it ("в аукционном доме")?"""
    i = doc._index(tok.start)
    prev = doc.tokens[i - 1] if i > 0 else None
    return prev is not None and not doc.text[prev.end : tok.start].strip() and any(
        p.tag.POS == "ADJF" and p.normal_form.replace("ё", "е") in FIRM_HOUSE_ADJECTIVES for p in doc.parse(prev.text)[:2]
    )


def _is_cue_word(doc: _Text, word: str) -> bool:
    """A verb (finite, gerund excluded) or a speech lemma: what may follow "», —"."""
    if not word or not word[0].isalpha():
        return False
    for p in doc.parse(word)[:2]:
        if p.normal_form.replace("ё", "е") in SPEECH_LEMMAS:
            return True
        if p.tag.POS == "VERB":
            return True
    return False


def _is_speech(doc: _Text, tok: _Tok) -> bool:
    """Is a token a speech verb (any form) or an opinion adjective ("уверен")?

    Asked for nearly every token, so the answer is cached per word form on the Models
    object: profiling on factRu showed this test at 65% of the stage's time uncached.
    """
    return doc.models.remember("speech", tok.low, lambda: _speech_form(doc, tok))


def _speech_forms(models: Models) -> frozenset[str]:
    """Every word form of the speech lemmas (pymorphy3 lexemes), built once per Models.

    A token outside this set cannot be a speech verb, so most tokens are answered without
    a morphological parse; those inside are still parsed (a form may be ambiguous).
    """
    def compute() -> frozenset[str]:
        found: set[str] = set()
        for lemma in SPEECH_LEMMAS | OPINION_ADJECTIVES:
            for p in models.parse(lemma):
                if p.normal_form == lemma:
                    found.update(f.word.replace("ё", "е") for f in lexeme(p))
        return frozenset(found | {f.replace("е", "ё") for f in found})

    return _process_forms(models, "speech", compute)


def _lexicon_forms(doc: _Text, name: str, lemmas: frozenset[str]) -> frozenset[str]:
    """Every word form of a list of lemmas (pymorphy3 lexemes, "ё" as "е" and as written),
    built once per Models: a token outside it is no form of them, without a parse."""
    key = ("lexicon forms", name)  # the text's own copy first: asked ~260 times a text
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = _models_lexicon_forms(doc, name, lemmas)
    return found


def _models_lexicon_forms(doc: _Text, name: str, lemmas: frozenset[str]) -> frozenset[str]:
    """``_lexicon_forms`` from the cache of the Models."""
    def compute() -> frozenset[str]:
        found: set[str] = set()
        for lemma in lemmas:
            for p in doc.models.parse(lemma):
                if p.normal_form.replace("ё", "е") == lemma:
                    found.update(f.word.replace("ё", "е") for f in lexeme(p))
        return frozenset(found | {f.replace("е", "ё") for f in found})

    return _process_forms(doc.models, name, compute)


# The word forms of the lemma lists by morphology dictionary: constants of the dictionary,
# built once per process (~10% of the stage on the factRu dev texts when rebuilt each pass).
_FORMS_BY_MORPH: "weakref.WeakKeyDictionary[Any, dict[str, frozenset[str]]]" = weakref.WeakKeyDictionary()


def _process_forms(models: Models, name: str, compute: Any) -> frozenset[str]:
    """``compute()``: the word forms of a lemma list, remembered for the morphology dictionary
    ``models.morph`` (past ``models._memos``, which a caller may empty to time text the process
    has not seen: these depend on no text)."""
    try:
        table = _FORMS_BY_MORPH.setdefault(models.morph, {})
    except TypeError:  # a dictionary that takes no weak reference
        return models.remember("lexicon forms", name, compute)
    found = table.get(name)
    if found is None:
        found = table[name] = compute()
    return found


def _speech_form(doc: _Text, tok: _Tok) -> bool:
    """The uncached test of ``_is_speech``."""
    if not tok.text[0].isalpha() or tok.low in PRONOUNS:
        return False
    if tok.low not in _speech_forms(doc.models) and tok.low.replace("ё", "е") not in _speech_forms(doc.models):
        return False
    for p in doc.parse(tok.text)[:3]:
        lemma = p.normal_form.replace("ё", "е")
        if lemma in SPEECH_LEMMAS and (p.tag.POS == "PRTF" and "actv" in p.tag or p.tag.POS == "PRTS" and p.tag.gender == "neut"):
            # "депутат, выразивший убеждение, что S"; "В заявлении было сказано, что S"
            return True
        if p.tag.POS in ("VERB", "GRND") and lemma in SPEECH_LEMMAS:
            # a gerund shares its clause's subject: "..., добавив, что S", "сообщив, что S"
            # "напомним", "думаете", "сообщалось": the writer or nobody, not a speaker
            if p.tag.person in ("1per", "2per") or p.tag.mood == "impr" or (p.tag.gender == "neut" and lemma.endswith("ся")):
                return False
            return True
        if p.tag.POS in ("ADJS", "PRTS") and lemma in OPINION_ADJECTIVES and p.tag.gender != "neut":
            return True
    return False


def _negated(doc: _Text, tok: _Tok) -> bool:
    """"не сказал", "не согласился": the cue denies the statement."""
    i = doc._index(tok.start)
    prev = doc.tokens[i - 1] if i > 0 else None
    return bool(prev and prev.low == "не" and doc.text[prev.end : tok.start].strip() == "")


def _mentions_in(doc: _Text, start: int, end: int) -> list[tuple[Mention, Entity]]:
    """PER/ORG mentions inside a region, outermost first when they nest."""
    out = []
    _mentions_around(doc, start)  # fills the memo of mention starts
    starts = doc.memo[("mention starts", len(doc.mentions))]  # sorted: doc.mentions is by start
    for m, e in doc.mentions[bisect_left(starts, start) : bisect_right(starts, end)]:
        if m.start >= start and m.end <= end:
            if out and m.start < out[-1][0].end:
                if m.end - m.start > out[-1][0].end - out[-1][0].start:
                    out[-1] = (m, e)
                continue
            out.append((m, e))
    return out


def _mentions_from(doc: _Text, start: int, end: int) -> list[tuple[Mention, Entity]]:
    """The part of ``doc.mentions`` (in its order) starting in [start, end]: every mention
    inside a region is there (a scan of every mention per question was quadratic)."""
    _mentions_around(doc, start)  # fills the memo of mention starts
    starts = doc.memo[("mention starts", len(doc.mentions))]
    return doc.mentions[bisect_left(starts, start) : bisect_right(starts, end)]


def _mentions_around(doc: _Text, pos: int) -> list[tuple[Mention, Entity]]:
    """The part of ``doc.mentions`` (in its order) that may hold ``pos``: no mention starts
    further back than the longest is long (a scan of every mention per question was quadratic)."""
    key = ("mention starts", len(doc.mentions))
    if key not in doc.memo:
        doc.memo[key] = [m.start for m, _ in doc.mentions]
    if "longest mention" not in doc.memo:
        doc.memo["longest mention"] = max((m.end - m.start for m, _ in doc.mentions), default=0)
    starts = doc.memo[key]
    return doc.mentions[bisect_left(starts, pos - doc.memo["longest mention"]) : bisect_right(starts, pos)]


def _common_noun_person(doc: _Text, me: tuple[Mention, Entity]) -> bool:
    """A one-word PER that is a common noun ("Аким пообещал" tagged as a name by NER)."""
    key = ("common noun person", id(me[0]), id(me[1]))
    if key not in doc.memo:
        doc.memo[key] = _common_noun_person_uncached(doc, me)
    return doc.memo[key]


def _lower_case_elsewhere(text: str, word: str) -> bool:
    r"""``re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)`` without compiling a
    pattern per word (a whole-text search for each one-word PER, 3% of the stage)."""
    if not word:
        return re.search(r"(?<!\w)(?!\w)", text) is not None
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if (pos == 0 or not _is_word_char(text[pos - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        pos = text.find(word, pos + 1)
    return False


def _is_word_char(ch: str) -> bool:
    r"""Does ``\w`` match the character (in a str pattern)?"""
    return ch.isalnum() or ch == "_"


def _common_noun_person_uncached(doc: _Text, me: tuple[Mention, Entity]) -> bool:
    m, e = me
    if " " in m.text.strip() or e.first and e.last:
        return False
    if _lower_case_elsewhere(doc.text, m.text.strip().lower()):
        return True  # the same word written in lower case elsewhere: a common noun
    if e.roles or _mid_sentence(doc, m.start):
        return False  # capitalised inside a sentence, or given a title: a surname pymorphy3 does not know
    parses = doc.parse(m.text)
    return not any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses) and parses[0].tag.POS == "NOUN"


def _mid_sentence(doc: _Text, pos: int) -> bool:
    """Is ``pos`` preceded by a lower-case word of the same sentence (so its capital is a name's)?"""
    i = doc._index(pos)
    if i == 0:
        return False
    prev = doc.tokens[i - 1]
    return prev.text[0].islower() and not re.search(rf"[.!?…:\n{DOUBLE_OPENING}]", doc.text[prev.end : pos])


def _surnames(doc: _Text, e: Entity) -> frozenset[str]:
    """A person's surnames as the article writes them (lower case, ``ё`` as ``е``): the base
    name's, and the last word of its full mentions in Latin letters ("Bonet" of "Хосе Луис
    Бонет (Josep Lluís Bonet)": the original spelling the names stage joined to it)."""
    key = ("surnames", e.id)
    if key not in doc.memo:
        fold = lambda w: w.lower().replace("ё", "е")  # noqa: E731
        words = {fold(e.last)} if e.last else set()
        words |= {fold(m.text.split()[-1]) for m in e.mentions if len(m.text.split()) > 1 and not _CYRILLIC_LETTER.search(m.text)}
        doc.memo[key] = frozenset(words)
    return doc.memo[key]


def _speaker_of(entity: Entity, article: Article | None = None) -> Speaker:
    return Speaker(entity.name, entity.type, entity.id)


def _nominative(doc: _Text, phrase: str) -> str:
    """A description's base form: the head and its adjectives in the nominative."""
    return normalize_mention(phrase, "ORG", doc.models)
