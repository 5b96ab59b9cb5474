"""Who said what: direct quotations and reported speech, with speakers resolved to entities.

``extract_quotes`` runs after entities, roles and dates and fills ``article.quotes`` in text
order. It works block by block (title, paragraphs) in three passes:

1. **A character scanner pairs quote marks** before any sentence splitting (razdel cuts
   inside multi-sentence quotes): «ёлочки» and „лапки“ nest, “curly” pairs, and a straight
   ``"`` opens after a space/start/colon/dash and closes before a space or punctuation.
   A top-level quote is a *direct statement* only with an attribution: ``«...», — сказал X``
   (a speech verb after the dash; another verb only right after it and for a quote of three
   words or more; a bare description in a headline), ``«...», сказал X`` only when the quote
   opens its sentence, ``X заявил: «...»`` (with ``, сообщает Y`` after it Y goes to ``via``),
   ``X заявил, что «...»``, a quote split by its attribution (``«A, — отметил он. — B»``,
   two items), and paragraphs of one quote (a paragraph opening with « whose quote runs
   on into the next one). Names and titles in quotes have none and are skipped, and so is a
   quoted term of 1-3 words inside the narrator's sentence ("в «нормандском формате»"); a
   quote inside reported speech whose clause goes on after it is part of the indirect item.
   One straight mark may close an inner and the outer quote before ``", - сказал X``.
2. **Reported speech** is found per sentence (split around the quote spans) from cues whose
   pymorphy3 lemma is a speech verb: ``X заявил, что S``, ``По словам X, S``, ``Как сообщил X,
   S``, ``S, сказал X``, ``S. Об этом заявил X`` (not when S is reported speech already),
   ``S, говорится в заявлении X``, ``X рассказал о том, как S``, a second cue of the same
   subject (``добавила, что A, но подчеркнула, что B``: two items), plus the headline forms
   ``S - X`` and ``X: S``. "Как говорится," is an idiom, not a cue.
3. **Speakers** are resolved in text order: a PER/ORG mention next to the cue (the subject
   before the verb, or the first person of the apposition after it), a name NER missed
   ("Ивана Сидорова" closing the apposition), a role mention of the roles stage, a pronoun,
   a description matched against the persons' roles, a description referring back, else
   the description itself (type OTHER). A pronoun ("сказал он") is the last speaker unless
   a newer person subject came after that statement; a singular description ("— отметил
   эксперт") is the latest person introduced with a title or as a speaker in this or the
   previous paragraph. Both skip names inside quotation marks and agree with the verb's
   gender; with no person around, "он" is an unnamed described subject before it
   ("Представитель министерства сообщил ... он заявил"). A description or role mention
   refers only to a person named before it, never to one whose title names another country
   ("премьер-министр Израиля" is not the "британский премьер"; "глава государства" is a
   president). Before a speech verb a name that depends on the noun before it ("пресс-
   секретарь Путина Дмитрий Песков", "помощник Хиллари Клинтон сообщил"), disagrees with the
   verb, or sits inside a participle clause ("Врачи, оперировавшие X, говорят") is not the
   subject; then a nominative place is the speaker ("Южная Корея заявила", type ORG), else
   the nearest nominative speaker noun ("Освещающие акцию блогеры сообщили"). A relaying outlet ("передает ТАСС", "приводит агентство слова губернатора",
   "цитирует его газета X") goes to ``via``; the owner of "слова" or the object of
   "цитирует" is the speaker.

No parser: a word tokeniser, compiled regexes and pymorphy3 on candidate words only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Entity, Mention, Quote, Speaker
from ._speech import (
    ABBREVIATIONS,
    CLOSING_ABBREVIATIONS,
    CONNECTIVES,
    COUNTRY_STEMS,
    HEAD_OF_STATE_HEADS,
    IDIOM_CUES,
    ANONYMOUS_HEADS,
    DOCUMENT_NOUNS,
    EXPERT_HEADS,
    GENERIC_HEADS,
    HEAD_SYNONYMS,
    OPINION_ADJECTIVES,
    ORG_SPEAKER_NOUNS,
    OUTLET_NOUNS,
    PO_SLOVAM_NOUNS,
    SPEAKER_NOUNS,
    SPEECH_LEMMAS,
    VIA_LEMMAS,
)
from .models import Models

# Attribute on Models holding the per-word-form answer of ``_is_speech``.
SPEECH_CACHE_ATTR = "_svodka_speech_answers"
# Attribute on Models holding every word form of the speech lemmas.
SPEECH_FORMS_ATTR = "_svodka_speech_forms"

__all__ = ["extract_quotes"]

# Opening mark -> closing marks it accepts (some writers close „ with ”).
PAIRS = {"«": "»", "„": "“”", "“": "”", '"': '"'}

# Dashes writers put between a quote and its attribution.
DASHES = "-–—"

# A word: letters/digits joined by hyphens ("пресс-службе", "Кабардино-Балкарии"), an
# ampersand ("S&P", "AT&T") or a dot before a lower-case domain part ("NEWSru.com", "Лента.ру").
_WORD = re.compile(r"\w+(?:[-&]\w+|\.(?=[a-zа-яё]{2})\w+)*")

# A relaying outlet closing a reported statement: "..., передает агентство Восток-Пресс".
_TRAILING_RELAY = re.compile(r",\s*(?:передает|передаёт|пишет|сообщает|информирует)\s+(?P<outlet>[^,.;:!?]{2,80}?)\s*[.!?…]?\s*$")

# After a closing mark: optional punctuation, a dash, then the attribution.
_AFTER_DASH = re.compile(r"[,.!?…]*\s*[-–—]\s*")

# After a closing mark: punctuation and a dash, an attribution follows ('", - заметил он').
_ATTRIBUTION_AHEAD = re.compile(r"[,.!?…]*\s+[-–—]\s")

# After a closing mark: a comma then the attribution without a dash ("«...», сказал он").
_AFTER_COMMA = re.compile(r",\s+")

# Inside one quote: "A, — отметил он. — B" (the attribution splits the quote).
_SPLIT = re.compile(r"([,.!?…]*)\s+[-–—]\s+([^«»\"„“”.!?:—–]{2,120}?)([.,:])\s+[-–—]\s+")

# End of a sentence: terminal punctuation then a space (closing marks may stand between);
# the two character sets are named so that code looking back from a boundary uses the same.
_SENT_END_MARKS = ".!?…"
_SENT_END_CLOSERS = "»\"“”"
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


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    low: str


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
    resolved: bool = False


@dataclass
class _Item:
    kind: str
    start: int
    end: int
    attr: _Attribution


@dataclass
class _Span:
    """A pair of quote marks: ``open`` and ``close`` index the marks (close None: unclosed)."""

    open: int
    close: int | None
    depth: int
    block: int


@dataclass
class _Ctx:
    article: Article
    models: Models
    text: str
    blocks: list[tuple[int, int, str]]
    tokens: list[_Tok] = field(default_factory=list)
    parses: dict[str, Any] = field(default_factory=dict)
    mentions: list[tuple[Mention, Entity]] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)
    statements: list[tuple[int, int]] = field(default_factory=list)  # direct statement spans
    direct_cues: set[int] = field(default_factory=set)  # cue offsets already used by direct quotes
    # statements resolved so far: (start, end of the statement with its attribution, speaker)
    spoken: list[tuple[int, int, Speaker]] = field(default_factory=list)
    said: list[tuple[int, int]] = field(default_factory=list)  # text spans of those statements
    reported: list[tuple[int, int]] = field(default_factory=list)  # reported statements found so far
    pending: list["_Item"] = field(default_factory=list)  # second statements of a sentence ("..., но подчеркнул, что")
    # Results of pure per-entity and per-phrase helpers (entities do not change in this
    # stage): each description was checked against every person and all their roles again,
    # 22 s of 23 on a 110,000-character text with 900 statements (issue 11).
    memo: dict[Any, Any] = field(default_factory=dict)

    def parse(self, word: str) -> list[Any]:
        """pymorphy3 parses of a word, cached on the Models object across articles."""
        key = word.lower()
        got = self.parses.get(key)
        if got is None:
            got = self.parses[key] = self.models.parse(key)
        return got

    def lemma(self, word: str) -> str:
        return self.parse(word)[0].normal_form.replace("ё", "е")

    def toks(self, start: int, end: int) -> list[_Tok]:
        """Tokens fully inside [start, end)."""
        i = self._index(start)
        out = []
        while i < len(self.tokens) and self.tokens[i].end <= end:
            out.append(self.tokens[i])
            i += 1
        return out

    def _index(self, start: int) -> int:
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].start < start:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def in_quote(self, pos: int) -> bool:
        """Is a position inside any top-level pair of quote marks?"""
        key = ("in quote", len(self.spans))
        if key not in self.memo:
            self.memo[key] = _Intervals(
                (s.open + 1, s.close if s.close is not None else self.blocks[s.block][1]) for s in self.spans if s.depth == 0
            )
        return pos in self.memo[key]


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


# ---------------------------------------------------------------------------- entry point


def extract_quotes(article: Article, models: Models) -> Article:
    """Find direct and reported statements and their speakers; set ``article.quotes``.

    Args:
        article: an article after entities, roles and dates.
        models: loaded models (``models.parse`` is used).
    Returns:
        The same article with ``quotes`` in text order.
    """
    text = article.text
    blocks = [(b.start, b.end, b.kind) for b in article.blocks] if article.blocks else _split_blocks(text)
    ctx = _Ctx(article, models, text, blocks)
    ctx.tokens = [_Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in _WORD.finditer(text)]
    ctx.mentions = sorted(
        ((m, e) for e in article.entities if e.type in ("PER", "ORG") for m in e.mentions),
        key=lambda me: (me[0].start, -(me[0].end - me[0].start)),
    )
    for i, (start, end, _kind) in enumerate(blocks):
        ctx.spans.extend(_scan_marks(text, start, end, i))
    items = _direct_items(ctx)
    ctx.statements = [(it.start, it.end) for it in items]
    ctx.direct_cues = {it.attr.cue_start for it in items if not it.attr.chto}
    items += _indirect_items(ctx)
    items.sort(key=lambda it: (it.start, it.kind != "indirect"))
    quotes: list[Quote] = []
    history: list[Speaker] = []
    for it in items:
        attr = it.attr
        if not attr.resolved:
            _resolve(ctx, attr, history, it.start)
            attr.resolved = True
        start, end = _trim(text, it.start, it.end)
        if it.kind == "indirect":
            # "X заявил, что S, передает агентство Y": the relay is not part of S
            relay = _TRAILING_RELAY.search(text, start, end)
            if relay:
                attr.via = attr.via or _outlet_name(ctx, relay.start("outlet"), relay.end("outlet")) or relay.group("outlet")
                start, end = _trim(text, start, relay.start())
        if end - start < 2:
            continue
        quotes.append(Quote(it.kind, text[start:end], start, end, attr.speaker, attr.cue, attr.via))
        if attr.speaker is not None:
            history.append(attr.speaker)
            ctx.spoken.append((min(start, attr.cue_start), max(end, attr.cue_end), attr.speaker))
            ctx.said.append((start, end))
    article.quotes = quotes
    return article


def _split_blocks(text: str) -> list[tuple[int, int, str]]:
    """Blocks of a text without ``Article.blocks``: runs between blank lines."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if m.group().strip():
            out.append((m.start(), m.end(), "paragraph"))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and trailing commas/colons/dashes from a statement span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;—–-"):
        end -= 1
    return start, end


# ---------------------------------------------------------------------------- quote marks


def _scan_marks(text: str, start: int, end: int, block: int) -> list[_Span]:
    """Pair the quote marks of one block; unclosed top-level quotes run to the block end."""
    stack: list[tuple[str, int]] = []
    spans: list[_Span] = []
    for i in range(start, end):
        ch = text[i]
        if ch not in "«»„“”\"":
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        top = stack[-1][0] if stack else None
        if ch == '"':
            closes = top == '"' and (not (nxt.isalnum()) or not (prev.isspace() or prev in "([«„:" + DASHES))
            opens = prev.isspace() or prev in "([«„“:/" + DASHES or i == start
            if top == '"' and closes and not (opens and nxt.isalnum()):
                o = stack.pop()[1]
                spans.append(_Span(o, i, len(stack), block))
                if stack and stack[-1][0] == '"' and _ATTRIBUTION_AHEAD.match(text, i + 1, end):
                    # '"... Остальные "мнутся", - заметил он': one mark closes the inner and the outer quote
                    o = stack.pop()[1]
                    spans.append(_Span(o, i, len(stack), block))
            elif opens or top != '"':
                stack.append(('"', i))
            continue
        if ch == "«" or ch == "„":
            stack.append((ch, i))
            continue
        if ch == "“":
            if top == "„":
                o = stack.pop()[1]
                spans.append(_Span(o, i, len(stack), block))
            else:
                stack.append((ch, i))
            continue
        # closing » or ”: close the nearest matching opener, dropping unclosed inner straight quotes
        for k in range(len(stack) - 1, -1, -1):
            if ch in PAIRS[stack[k][0]]:
                o = stack[k][1]
                del stack[k:]
                spans.append(_Span(o, i, k, block))
                break
    if stack and stack[0][0] in "«„“\"":
        spans.append(_Span(stack[0][1], None, 0, block))
    return sorted(spans, key=lambda s: s.open)


# ---------------------------------------------------------------------------- direct quotes


def _sentence_start(ctx: _Ctx, pos: int, block_start: int) -> int:
    """Start of the sentence holding ``pos`` (the quote-aware boundary before it)."""
    ends = _ends_between(ctx, block_start, pos)
    if ends is not None:
        return ends[-1] if ends else block_start
    best = block_start
    for m in _SENT_END.finditer(ctx.text, block_start, pos):
        if not ctx.in_quote(m.start()) and _real_end(ctx.text, m.start()):
            best = m.end()
    return best


def _ends_between(ctx: _Ctx, lo: int, pos: int) -> list[int] | None:
    """Ends of the sentence boundaries that ``_SENT_END.finditer(text, lo, pos)`` finds and
    that are real (outside quotes, not an initial), from one scan of the whole text.

    Scanning from the paragraph start on every question was quadratic in a long paragraph
    (155 s for the quotes of a one-line text of a million characters). A boundary found
    from ``lo`` is one of the whole scan when no run of end marks crosses ``lo``, and the
    lookahead of ``_SENT_END`` ends every boundary found before ``pos`` short of it. None
    when a run may cross ``lo``: the caller scans as before.
    """
    if 0 < lo <= len(ctx.text) and ctx.text[lo - 1] in _SENT_END_MARKS + _SENT_END_CLOSERS:  # what ``_SENT_END`` can end with
        return None
    key = ("sentence ends", len(ctx.spans))
    if key not in ctx.memo:
        starts, ends = [], []
        for m in _SENT_END.finditer(ctx.text):
            if not ctx.in_quote(m.start()) and _real_end(ctx.text, m.start()):
                starts.append(m.start())
                ends.append(m.end())
        ctx.memo[key] = (starts, ends)
    starts, ends = ctx.memo[key]
    return ends[bisect_left(starts, lo) : bisect_left(ends, pos)]


def _real_end(text: str, pos: int) -> bool:
    """Is the period at ``pos`` a sentence end (not an initial or an abbreviation)?"""
    if text[pos] != ".":
        return True
    m = re.search(r"(\w+)$", text[max(0, pos - 12) : pos])
    if not m:
        return True
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "А. Иванов"
    if word.lower() not in ABBREVIATIONS or word[0].isupper():
        return True
    # "1,6 млрд руб. В пресс-службе ...": a unit closing a number ends the sentence before a capital
    closing = word.lower() in CLOSING_ABBREVIATIONS or text[max(0, pos - 3) : pos].lower() in ("т.д", "т.п")
    nxt = re.match(r"\s+[«\"„“(]?(\w)", text[pos + 1 : pos + 6])
    return closing and nxt is not None and nxt.group(1).isupper()


def _sentence_end(ctx: _Ctx, pos: int, block_end: int) -> int:
    """End of the sentence holding ``pos`` (before its final punctuation)."""
    for m in _SENT_END.finditer(ctx.text, pos, block_end):
        if not ctx.in_quote(m.start()) and _real_end(ctx.text, m.start()):
            return m.start()
    return block_end


def _is_cue_word(ctx: _Ctx, word: str) -> bool:
    """A verb (finite, gerund excluded) or a speech lemma: what may follow "», —"."""
    if not word or not word[0].isalpha():
        return False
    for p in ctx.parse(word)[:2]:
        if p.normal_form.replace("ё", "е") in SPEECH_LEMMAS:
            return True
        if p.tag.POS == "VERB":
            return True
    return False


def _direct_items(ctx: _Ctx) -> list[_Item]:
    """Attributed top-level quotes of every block."""
    text = ctx.text
    items: list[_Item] = []
    tops = [s for s in ctx.spans if s.depth == 0]
    chain: list[tuple[int, int]] = []  # contents of an unfinished multi-paragraph quote
    last_attr: _Attribution | None = None
    last_attr_end = -1
    for idx, span in enumerate(tops):
        b_start, b_end, b_kind = ctx.blocks[span.block]
        c_start = span.open + 1
        c_end = span.close if span.close is not None else b_end
        if span.close is None:
            # a paragraph of a longer quote when the next block opens with a quote mark
            nxt = ctx.blocks[span.block + 1] if span.block + 1 < len(ctx.blocks) else None
            if nxt and text[nxt[0] : nxt[0] + 1] in "«\"„“" and span.open == b_start:
                chain.append((c_start, c_end))
                continue
            chain = []
            continue
        parts = _split_parts(ctx, c_start, c_end)
        attr = None
        after = text[c_end + 1 : b_end]
        m = _AFTER_DASH.match(after)
        m_comma = _AFTER_COMMA.match(after) if not m else None
        words = len(_WORD.findall(text[c_start:c_end]))
        # words of the narrator before the quote in its sentence: the quote is a fragment
        lead = text[_sentence_start(ctx, span.open, b_start) : span.open]
        embedded = bool(_WORD.findall(re.split(r":|\s[-–—]\s", lead)[-1]))
        if m and after[: m.end()].strip(" ,.!?…") in tuple(DASHES):
            attr = _after_attribution(ctx, c_end + 1 + m.end(), b_end, b_kind, dash=True)
            if attr is not None and attr.cue != "-" and not _speech_cue(ctx, attr) and (attr.before is not None or words < MIN_STATEMENT_WORDS):
                attr = None  # "«екбург.рф» — их подала администрация": not a speech verb
        elif m_comma and not embedded:
            attr = _after_attribution(ctx, c_end + 1 + m_comma.end(), b_end, b_kind, dash=False)
        if attr is not None and _speech_cue(ctx, attr, VIA_LEMMAS) and not chain:
            # "X: «...», сообщает Лента.ру": the outlet relays, the speaker is before the colon
            colon = _colon_attribution(ctx, span, b_start, b_kind, relayed=True)
            if colon is not None:
                colon.via = _outlet_name(ctx, attr.cue_end, attr.after[1] if attr.after else attr.cue_end)
                attr = colon
        if attr is None and len(parts) > 1:
            attr = parts[0][2]
        if attr is None:
            attr = _colon_attribution(ctx, span, b_start, b_kind)
        if attr is None:
            attr = _chto_attribution(ctx, span, b_start)
        if attr is None and last_attr is not None and re.fullmatch(r"\s*[-–—]\s*", text[last_attr_end:span.open] if last_attr_end <= span.open else "x"):
            attr = last_attr  # «A», — сказал он. — «B»
        if attr is None:
            chain = []
            continue
        if (words < MIN_DIRECT_WORDS or embedded and words <= MAX_TERM_WORDS) and not chain:
            chain = []
            continue  # a quoted name or term ("в «нормандском формате»"), not a statement
        for cs, ce in chain:
            items.append(_Item("direct", cs, ce, attr))
        chain = []
        for ps, pe, _a in parts:
            items.append(_Item("direct", ps, pe, attr))
        last_attr = attr
        last_attr_end = _sentence_end(ctx, c_end + 1, b_end) + 1
    return items


def _speech_cue(ctx: _Ctx, attr: _Attribution, lemmas: frozenset[str] = SPEECH_LEMMAS | VIA_LEMMAS) -> bool:
    """Is the attribution's cue word (its first word) one of these lemmas?"""
    word = ctx.text[attr.cue_start : attr.cue_end].split()
    return bool(word) and word[0][0].isalpha() and ctx.lemma(word[0]) in lemmas


def _split_parts(ctx: _Ctx, start: int, end: int) -> list[tuple[int, int, _Attribution | None]]:
    """Cut a quote at an inner attribution "A, — отметил он. — B" into its parts."""
    text = ctx.text
    for m in _SPLIT.finditer(text, start, end):
        words = _WORD.findall(m.group(2))
        if not words or not _is_cue_word(ctx, words[0]) and not (len(words) > 1 and _is_cue_word(ctx, words[1])):
            continue
        first_end = m.start() + (len(m.group(1)) if m.group(1) and m.group(1)[0] in "!?…" else 0)
        attr_start = m.start(2)
        attr = _after_attribution(ctx, attr_start, m.end(2), "paragraph", dash=True)
        if attr is None:
            continue
        return [(start, first_end, attr), (m.end(), end, attr)]
    return [(start, end, None)]


def _after_attribution(ctx: _Ctx, pos: int, b_end: int, b_kind: str, dash: bool) -> _Attribution | None:
    """Attribution written after a quote: "— сказал X", "— приводит его слова Y", "— министр"."""
    end = _sentence_end(ctx, pos, b_end)
    # stop at a following quote ("— сказал он. — «...»" is handled by the sentence end)
    q = re.search(r"[-–—]\s*[«\"„“]", ctx.text[pos:end])
    if q:
        end = pos + q.start()
    toks = ctx.toks(pos, end)
    if not toks:
        return None
    cue_i = None
    for i, t in enumerate(toks[:3]):
        if _is_cue_word(ctx, t.text) and t.low not in PRONOUNS:
            cue_i = i
            break
    if cue_i is None:
        if b_kind == "title" and dash and len(toks) <= MAX_HEADLINE_SPEAKER_WORDS:
            return _Attribution("-", pos, pos, after=(pos, end), headline=ctx.text[pos:end].strip())
        return None
    if not dash and ctx.lemma(toks[cue_i].text) not in SPEECH_LEMMAS:
        return None
    cue = toks[cue_i]
    cue_end = cue.end
    # "приводит его слова", "приводит слова Хачатряна"
    if ctx.lemma(cue.text) in ("приводить", "привести"):
        for t in toks[cue_i + 1 : cue_i + 4]:
            if t.low in ("слова", "слов"):
                cue_end = t.end
                break
    attr = _Attribution(ctx.text[cue.start : cue_end].lower(), cue.start, cue_end)
    if cue_i > 0:  # "— он подчеркнул"
        attr.before = (pos, cue.start)
    attr.after = (cue.start if cue_end > cue.end else cue_end, end)
    if cue_end > cue.end:
        attr.after = (cue.end, end)
    return attr


def _colon_attribution(ctx: _Ctx, span: _Span, b_start: int, b_kind: str, relayed: bool = False) -> _Attribution | None:
    """"X заявил: «...»", "X: «...»" (the clause before a colon right before the quote).

    ``relayed``: an outlet follows the quote ("X называет это злом: «...», сообщает Y"), so
    any person named in the clause before the colon is the speaker, however long the clause.
    """
    text = ctx.text
    before = text[b_start : span.open]
    if not re.search(r":\s*$", before):
        return None
    colon = b_start + before.rstrip().rfind(":")
    c_end = span.close if span.close is not None else ctx.blocks[span.block][1]
    if len(_WORD.findall(text[span.open : c_end])) < MIN_STATEMENT_WORDS:
        return None
    s_start = _sentence_start(ctx, colon, b_start)
    toks = ctx.toks(s_start, colon)
    if not toks:
        return None
    for t in reversed(toks):
        if not ctx.in_quote(t.start) and _is_speech(ctx, t):
            attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, colon))
            return attr
    has_speaker = any(
        m.start >= s_start and m.end <= colon for m, _e in _mentions_from(ctx, s_start, colon)
    ) or b_kind == "title"
    if has_speaker and (len(toks) <= MAX_HEADLINE_SPEAKER_WORDS + 3 or relayed):
        return _Attribution(":", colon, colon + 1, before=(s_start, colon))
    return None


def _chto_attribution(ctx: _Ctx, span: _Span, b_start: int) -> _Attribution | None:
    """"X заявил, что «...»": the quote is a direct fragment inside reported speech."""
    text = ctx.text
    right_after = bool(re.search(r"\bчто\s*$", text[max(b_start, span.open - 12) : span.open]))
    s_start = _sentence_start(ctx, span.open, b_start)
    toks = ctx.toks(s_start, span.open)
    c_end = span.close if span.close is not None else ctx.blocks[span.block][1]
    if not right_after and len(_WORD.findall(text[span.open : c_end])) < MIN_STATEMENT_WORDS:
        return None  # a short quoted name or label inside reported speech
    if span.close is not None:
        s_end = _sentence_end(ctx, span.close + 1, ctx.blocks[span.block][1])
        if _WORD.search(text[span.close + 1 : s_end]):
            return None  # "что G8 «имеет другое значение» для Европы": the clause goes on, one indirect statement
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].low != "что" or text[toks[k - 1].end : toks[k].start].strip() != ",":
            continue
        for t in reversed(toks[max(0, k - 1 - MAX_VERB_TO_CHTO) : k]):
            if _is_speech(ctx, t) and not _negated(ctx, t):
                return _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, toks[k - 1].end), chto=True)
        return None
    return None


# ---------------------------------------------------------------------------- reported speech


def _is_speech(ctx: _Ctx, tok: _Tok) -> bool:
    """Is a token a speech verb (any form) or an opinion adjective ("уверен")?

    Asked for nearly every token, so the answer is cached per word form on the Models
    object: profiling on factRu showed this test at 65% of the stage's time uncached.
    """
    cache = ctx.models.__dict__.setdefault(SPEECH_CACHE_ATTR, {})
    found = cache.get(tok.low)
    if found is None:
        found = cache[tok.low] = _speech_form(ctx, tok)
    return found


def _speech_forms(models: Models) -> frozenset[str]:
    """Every word form of the speech lemmas (pymorphy3 lexemes), built once per Models.

    A token outside this set cannot be a speech verb, so most tokens are answered without
    a morphological parse; those inside are still parsed (a form may be ambiguous).
    """
    forms = models.__dict__.get(SPEECH_FORMS_ATTR)
    if forms is None:
        found: set[str] = set()
        for lemma in SPEECH_LEMMAS | OPINION_ADJECTIVES:
            for p in models.parse(lemma):
                if p.normal_form == lemma:
                    found.update(f.word.replace("ё", "е") for f in p.lexeme)
        forms = frozenset(found | {f.replace("е", "ё") for f in found})
        setattr(models, SPEECH_FORMS_ATTR, forms)
    return forms


def _speech_form(ctx: _Ctx, tok: _Tok) -> bool:
    """The uncached test of ``_is_speech``."""
    if not tok.text[0].isalpha() or tok.low in PRONOUNS:
        return False
    if tok.low not in _speech_forms(ctx.models) and tok.low.replace("ё", "е") not in _speech_forms(ctx.models):
        return False
    for p in ctx.parse(tok.text)[:3]:
        lemma = p.normal_form.replace("ё", "е")
        if p.tag.POS in ("VERB",) and lemma in SPEECH_LEMMAS:
            # "напомним", "думаете", "сообщалось": the writer or nobody, not a speaker
            if p.tag.person in ("1per", "2per") or p.tag.mood == "impr" or (p.tag.gender == "neut" and lemma.endswith("ся")):
                return False
            return True
        if p.tag.POS in ("ADJS", "PRTS") and lemma in OPINION_ADJECTIVES and p.tag.gender != "neut":
            return True
    return False


def _negated(ctx: _Ctx, tok: _Tok) -> bool:
    """"не сказал", "не согласился": the cue denies the statement."""
    i = ctx._index(tok.start)
    prev = ctx.tokens[i - 1] if i > 0 else None
    return bool(prev and prev.low == "не" and ctx.text[prev.end : tok.start].strip() == "")


def _sentences(ctx: _Ctx, b_start: int, b_end: int) -> list[tuple[int, int]]:
    """Quote-aware sentences of a block: (start, end) with end after the final punctuation."""
    out = []
    pos = b_start
    for m in _SENT_END.finditer(ctx.text, b_start, b_end):
        if ctx.in_quote(m.start()) or not _real_end(ctx.text, m.start()):
            continue
        out.append((pos, m.end()))
        pos = m.end()
    if ctx.text[pos:b_end].strip():
        out.append((pos, b_end))
    return [(s + len(ctx.text[s:e]) - len(ctx.text[s:e].lstrip()), e) for s, e in out]


def _body_end(text: str, start: int, end: int) -> int:
    """End of a sentence's content: before its final punctuation."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?…"):
        end -= 1
    return end


def _in_statement(ctx: _Ctx, pos: int) -> bool:
    key = ("statements", id(ctx.statements), len(ctx.statements))
    if key not in ctx.memo:
        ctx.memo[key] = _Intervals(ctx.statements)
    return pos in ctx.memo[key]


def _indirect_items(ctx: _Ctx) -> list[_Item]:
    """Reported speech of every block, plus the headline forms."""
    text = ctx.text
    items: list[_Item] = []
    for bi, (b_start, b_end, b_kind) in enumerate(ctx.blocks):
        sents = _sentences(ctx, b_start, b_end)
        for si, (s_start, s_end) in enumerate(sents):
            body_end = _body_end(text, s_start, s_end)
            item = _sentence_item(ctx, s_start, body_end, sents, si, bi)
            if item is None and b_kind == "title":
                item = _headline_item(ctx, s_start, body_end)
            for it in ([item] if item is not None else []) + ctx.pending:
                items.append(it)
                ctx.reported.append((it.start, it.end))
            ctx.pending.clear()
    return items


def _sentence_item(ctx: _Ctx, s_start: int, s_end: int, sents: list[tuple[int, int]], si: int, bi: int) -> _Item | None:
    """The reported statement of one sentence, if it has a speech cue."""
    text = ctx.text
    toks = ctx.toks(s_start, s_end)
    for i, t in enumerate(toks):
        if ctx.in_quote(t.start) or _in_statement(ctx, t.start):
            continue
        low = t.low
        # "По словам X, S" / "S, по мнению X"
        k = i + 2 if i + 2 < len(toks) and toks[i + 1].low in PRONOUNS else i + 1
        if low == "по" and k < len(toks) and ctx.lemma(toks[k].text) in PO_SLOVAM_NOUNS and toks[k].low != "слово":
            noun = toks[k]
            cue = text[t.start : noun.end].lower()
            attr_item = _around_attribution(ctx, toks, i, k + 1, s_start, s_end, cue, t.start, noun.end)
            if k == i + 2 and attr_item is not None:
                attr_item.attr.after = (t.start, noun.end)  # "по его словам": the pronoun is the speaker
            return attr_item
        if t.start in ctx.direct_cues or not _is_speech(ctx, t) or _negated(ctx, t):
            continue
        # "Как сообщил X, S"
        if i > 0 and toks[i - 1].low == "как" and text[toks[i - 1].end : t.start].strip() == "":
            if t.low.replace("ё", "е") in IDIOM_CUES and text[t.end : t.end + 2].lstrip().startswith(","):
                continue  # "Как говорится, ...": an idiom
            return _around_attribution(ctx, toks, i - 1, i + 1, s_start, s_end, t.low, t.start, t.end)
        # "X заявил, что S"
        item = _chto_item(ctx, toks, i, s_start, s_end)
        if item is not None:
            return item
        # "Об этом заявил X" / "заявил об этом X"
        window = [x.low for x in toks[max(0, i - 6) : i + 3] if not ctx.in_quote(x.start)]
        if "об" in window and "этом" in window and "что" not in [x.low for x in toks[i:]]:
            prev = _previous_statement_span(ctx, sents, si, bi)
            if prev is not None and any(prev[0] <= a < prev[1] for a, _b in ctx.reported):
                prev = None  # the sentence before is reported speech already: "Об этом" adds no statement
            if prev is not None:
                attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, s_end))
                return _Item("indirect", prev[0], prev[1], attr)
        # "S, сказал X" / "S, говорится в заявлении X"
        gap = text[toks[i - 1].end : t.start].strip().lstrip("»\"“”") if i > 0 else ""
        if i > 0 and gap in (",", ", —", ", -", ", –") and not _in_statement(ctx, toks[i - 1].start):
            comma = text.rfind(",", toks[i - 1].end, t.start)
            st = s_start
            if _in_statement(ctx, st) or _quoted_block(ctx, st, comma):
                continue
            if i + 1 < len(toks) and toks[i + 1].low in ("о", "об", "про", "что", "как"):
                continue  # "X, бежавший из страны, рассказал о том": the verb has its own object
            if len(_WORD.findall(text[st:comma])) < MIN_STATEMENT_WORDS:
                continue
            attr = _Attribution(t.low, t.start, t.end, after=(t.end, s_end))
            attr.backref = True
            return _Item("indirect", st, comma, attr)
    return None


def _quoted_block(ctx: _Ctx, start: int, end: int) -> bool:
    """Is ``text[start:end]`` just one quotation (a direct statement handled elsewhere)?"""
    chunk = ctx.text[start:end].strip()
    return bool(chunk) and chunk[0] in "«\"„“" and chunk[-1] in "»\"“”"


def _chto_item(ctx: _Ctx, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X заявил(а) [журналистам ...], что S" -> S to the sentence end."""
    text = ctx.text
    for j in range(i + 1, min(len(toks), i + 2 + MAX_VERB_TO_CHTO)):
        # "рассказал о том, как S": the "как"-clause is the statement
        about = toks[j].low == "как" and j >= 3 and toks[j - 1].low == "том" and toks[j - 2].low in ("о", "об") and toks[j - 3] is toks[i]
        if (toks[j].low == "что" or about) and text[toks[j - 1].end : toks[j].start].strip() == ",":
            if ctx.in_quote(toks[j].start):
                return None
            between = text[toks[i].end : toks[j - 1].end]
            if re.search(r"[!?;«»\"]|\.(?!\w)", between):
                return None  # a dot inside a word is a domain: "считают, пишет NEWSru.com, что"
            if toks[j - 1].low == "тем" and j >= 2 and toks[j - 2].low == "с":
                return None  # "согласился с тем, что" is agreement, "не согласился" denial
            attr = _Attribution(toks[i].low, toks[i].start, toks[i].end, before=(s_start, toks[i].start), after=(toks[i].end, toks[j - 1].end))
            # "В сообщении регулятора говорится, что": the speaker follows the document noun
            first = _Item("indirect", toks[j].end if not about else toks[j].start, s_end, attr)
            # "добавила, что A, но подчеркнула, что B": a second cue of the same subject
            for k in range(j + 1, len(toks) - 1):
                t = toks[k]
                if t.low in ("но", "а", "и") and text[toks[k - 1].end : t.start].strip() == ",":
                    v = toks[k + 1]
                    if ctx.in_quote(v.start) or not _is_speech(ctx, v) or _negated(ctx, v) or _is_adj(ctx, v):
                        continue
                    second = _chto_item(ctx, toks, k + 1, s_start, s_end)
                    if second is not None:
                        second.attr.before = (s_start, toks[i].start)
                        first.end = text.rfind(",", toks[k - 1].end, t.start)
                        ctx.pending.append(second)
                        break
            return first
        if toks[j].low == "что":
            return None
    return None


def _around_attribution(ctx: _Ctx, toks: list[_Tok], first: int, after_cue: int, s_start: int, s_end: int, cue: str, cue_start: int, cue_end: int) -> _Item | None:
    """"По словам X, S" / "Как сообщил X, S" / "S, по словам X" / "A, как отметили в X, B"."""
    text = ctx.text
    # the attribution runs to the next comma outside quotes
    comma = None
    for m in re.finditer(",", text[cue_end:s_end]):
        if not ctx.in_quote(cue_end + m.start()):
            comma = cue_end + m.start()
            break
    attr_end = comma if comma is not None else s_end
    attr = _Attribution(cue, cue_start, cue_end, after=(cue_end, attr_end))
    prefix = text[s_start:cue_start].strip(" ,")
    prefix_words = _WORD.findall(prefix.lower())
    if comma is None or not text[comma + 1 : s_end].strip():
        # "S, по словам X." -> S is the text before
        if len(prefix_words) < MIN_STATEMENT_WORDS:
            return None
        return _Item("indirect", s_start, cue_start, attr)
    if not prefix_words or " ".join(prefix_words) in CONNECTIVES or all(w in CONNECTIVES for w in prefix_words):
        return _Item("indirect", comma + 1, s_end, attr)
    if len(prefix_words) <= 3 and prefix.endswith(tuple("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")) and text[s_start:cue_start].rstrip().endswith(","):
        return _Item("indirect", s_start, s_end, attr)  # "Всемирный банк, как отметили в X, продолжит ..."
    return _Item("indirect", comma + 1, s_end, attr)


def _previous_statement_span(ctx: _Ctx, sents: list[tuple[int, int]], si: int, bi: int) -> tuple[int, int] | None:
    """What "Об этом" refers to: the previous sentence, or the previous paragraph."""
    if si > 0:
        s, e = sents[si - 1]
        return s, _body_end(ctx.text, s, e)
    if bi > 0 and ctx.blocks[bi - 1][2] != "title":
        s, e, _k = ctx.blocks[bi - 1]
        return s, e
    return None


def _headline_item(ctx: _Ctx, s_start: int, s_end: int) -> _Item | None:
    """"Statement - X" / "Statement — X" / "X: statement" in a headline."""
    text = ctx.text
    chunk = text[s_start:s_end]
    if _in_statement(ctx, s_start) or _in_statement(ctx, s_start + 1):
        return None
    for m in reversed(list(re.finditer(r"\s[-–—]\s", chunk))):
        pos = s_start + m.start()
        if ctx.in_quote(pos):
            continue
        right = text[s_start + m.end() : s_end]
        if len(_WORD.findall(right)) <= MAX_HEADLINE_SPEAKER_WORDS and _looks_like_speaker(ctx, s_start + m.end(), s_end):
            if len(_WORD.findall(text[s_start:pos])) >= MIN_STATEMENT_WORDS:
                attr = _Attribution("-", pos + 1, pos + 2, headline=right.strip())
                attr.after = (s_start + m.end(), s_end)
                return _Item("indirect", s_start, pos, attr)
        break
    m = re.search(r":\s", chunk)
    if m and not ctx.in_quote(s_start + m.start()):
        colon = s_start + m.start()
        rest = text[colon + 1 : s_end].strip()
        if rest and rest[0] not in "«\"„“" and len(_WORD.findall(rest)) >= MIN_STATEMENT_WORDS:
            if len(_WORD.findall(text[s_start:colon])) <= MAX_HEADLINE_SPEAKER_WORDS and _looks_like_speaker(ctx, s_start, colon):
                attr = _Attribution(":", colon, colon + 1, headline=text[s_start:colon].strip())
                attr.before = (s_start, colon)
                return _Item("indirect", colon + 1, s_end, attr)
    return None


def _looks_like_speaker(ctx: _Ctx, start: int, end: int) -> bool:
    """A PER/ORG mention, a role mention, or a phrase headed by a person/organisation noun."""
    for m, e in _mentions_from(ctx, start, end):
        if m.start >= start and m.end <= end:
            return True
    toks = [t for t in ctx.toks(start, end) if not ctx.in_quote(t.start)]
    if not toks or any(_is_finite_verb(ctx, t) or ctx.parse(t.text)[0].tag.POS == "ADVB" for t in toks):
        return False
    return _speaker_noun(ctx, toks[0]) or (len(toks) > 1 and _speaker_noun(ctx, toks[1]) and _is_adj(ctx, toks[0]))


def _is_finite_verb(ctx: _Ctx, tok: _Tok) -> bool:
    return ctx.parse(tok.text)[0].tag.POS == "VERB"


def _is_adj(ctx: _Ctx, tok: _Tok) -> bool:
    return ctx.parse(tok.text)[0].tag.POS in ("ADJF", "PRTF")


def _speaker_noun(ctx: _Ctx, tok: _Tok) -> bool:
    """A noun that may name a speaker: animate, or an organisation/source noun."""
    for p in ctx.parse(tok.text)[:2]:
        if p.tag.POS != "NOUN":
            continue
        lemma = p.normal_form.replace("ё", "е")
        if lemma in SPEAKER_NOUNS or "anim" in p.tag or "Orgn" in p.tag:
            return True
    return False


# ---------------------------------------------------------------------------- speakers


def _resolve(ctx: _Ctx, attr: _Attribution, history: list[Speaker], pos: int) -> None:
    """Fill ``attr.speaker`` and ``attr.via``."""
    gender = _cue_gender(ctx, attr)
    attr.stmt_start = pos
    after = attr.after
    # a relaying outlet after the speaker: "..., передает X", "со ссылкой на Y"
    if after:
        after = _cut_via(ctx, attr, after)
    speaker = None
    if attr.headline is not None:
        speaker = _phrase_speaker(ctx, attr, gender)
    if speaker is None and attr.before:
        speaker = _scan_region(ctx, attr.before, gender, history, reverse=True, cue=attr)
    if speaker is None and after:
        speaker = _scan_region(ctx, after, gender, history, reverse=False, cue=attr)
    if speaker is None and attr.backref and history:
        speaker = history[-1]
    if speaker is None and history and attr.cue in ("уточняется", "говорится", "сообщается", "отмечается"):
        speaker = history[-1]
    attr.speaker = _fuller_person(ctx, speaker)


def _cue_gender(ctx: _Ctx, attr: _Attribution) -> str | None:
    """Gender/number the cue verb requires of its subject: "masc", "femn", "plur" or None."""
    word = ctx.text[attr.cue_start : attr.cue_end].split()[0] if attr.cue_end > attr.cue_start else ""
    if not word or not word[0].isalpha():
        return None
    p = ctx.parse(word)[0]
    if p.tag.number == "plur":
        return "plur"
    if p.tag.gender in ("masc", "femn"):
        return str(p.tag.gender)  # a plain str: pymorphy3's value refuses comparison with "plur"
    return None


def _cut_via(ctx: _Ctx, attr: _Attribution, region: tuple[int, int]) -> tuple[int, int]:
    """Take "передает X", "пишет газета X", "со ссылкой на" out of a region into ``attr.via``."""
    text = ctx.text
    start, end = region
    cue_lemma = ctx.lemma(text[attr.cue_start : attr.cue_end].split()[0]) if attr.cue_end > attr.cue_start else ""
    if cue_lemma in ("приводить", "привести", "цитировать", "процитировать"):
        return _relay_split(ctx, attr, region)
    m = re.search(r",\s*(передает|передаёт|пишет|сообщает|цитирует|информирует)\b|\bсо ссылкой на\b", text[start:end])
    if m:
        if m.group(0).startswith("со ссылкой"):
            # "пишет газета X со ссылкой на источник": the speaker is after the phrase
            outlet = text[start : start + m.start()]
            attr.via = _outlet_name(ctx, start, start + m.start()) or outlet.strip() or None
            return start + m.end(), end
        attr.via = _outlet_name(ctx, start + m.end(), end)
        return start, start + m.start()
    return region


def _relay_split(ctx: _Ctx, attr: _Attribution, region: tuple[int, int]) -> tuple[int, int]:
    """Split the words after "приводит"/"цитирует" into the outlet (``attr.via``) and the speaker.

    The outlet is the subject (nominative) and may stand before or after the speaker: "приводит
    агентство слова губернатора", "приводит слова министра РИА Новости", "цитирует его ТАСС",
    "цитирует губернатора агентство". The speaker is the owner of "слова" (a genitive or a
    possessive "его слова") or the object of "цитирует". Returns the speaker's region.
    """
    text = ctx.text
    start, end = region
    toks = [t for t in ctx.toks(start, end) if not ctx.in_quote(t.start)]
    if not toks:
        return region
    # the outlet: an organisation mention or a quoted name at the end ("... РИА Новости", "«Вести»")
    o_start = o_end = None
    tail = text[start:end].rstrip(" .,!?…")
    orgs = [(m, e) for m, e in _mentions_from(ctx, start, end) if m.start >= start and m.end <= end and e.type == "ORG"]
    q = re.search(r"[«\"„“]([^»\"“”]+)[»\"“”]$", tail)
    lead = toks[0].start
    if orgs and orgs[-1][0].end >= start + len(tail):
        m, e = orgs[-1]
        o_start, o_end, attr.via = m.start, m.end, e.name
    elif orgs and orgs[0][0].start == lead and orgs[0][0].end < start + len(tail):
        # "цитирует ИА Regnum Минченко": the outlet right after the verb, the speaker after it
        m, e = orgs[0]
        o_start, o_end, attr.via = m.start, m.end, e.name
    elif q:
        o_start, o_end, attr.via = start + q.start(), start + q.end(), q.group(1)
    if o_start is not None:
        # an outlet noun written before the name belongs to the outlet ("агентство «Вести Юга»")
        before = [t for t in toks if t.end <= o_start]
        if before and _outlet_noun(ctx, before[-1]) and not text[before[-1].end : o_start].strip(" «\"„“"):
            o_start = before[-1].start
    else:
        # an outlet noun in the nominative, with the name written after it
        for t in toks:
            if _outlet_noun(ctx, t) and _has_case(ctx, t, "nomn"):
                o_start, o_end = t.start, t.end
                name = _name_after(ctx, t.end, end)
                if name is not None:
                    o_end = name[1]
                attr.via = text[o_start:o_end] if name is not None else _named_outlet(ctx, t, attr.cue_start)
                break
    if o_start is None:
        # a bare nominative inanimate word at the end: "цитирует его Интерфакс"
        p = ctx.parse(toks[-1].text)[0]
        if p.tag.case == "nomn" and "anim" not in p.tag:
            attr.via = toks[-1].text
            return start, toks[-1].start
        return region
    # the speaker: the owner of "слова" ("его слова", "слова губернатора"), else the words on
    # the other side of the outlet (the object of "цитирует")
    words = [t for t in toks if t.low in ("слова", "слов") and not o_start <= t.start < o_end]
    if words:
        w = words[0]
        i = ctx._index(w.start)
        prev = ctx.tokens[i - 1] if i > 0 else None
        if prev is not None and prev.low in PRONOUNS and prev.start >= start:
            return prev.start, w.end  # _scan_region reads the possessive
        return (w.end, o_start) if o_start > w.start else (w.end, end)
    if not text[o_end:end].strip(" .,!?…"):
        return start, o_start
    return o_end, end


def _outlet_noun(ctx: _Ctx, tok: _Tok) -> bool:
    return any(p.normal_form.replace("ё", "е") in OUTLET_NOUNS and p.tag.POS == "NOUN" for p in ctx.parse(tok.text)[:2])


def _name_after(ctx: _Ctx, pos: int, end: int) -> tuple[int, int] | None:
    """The proper name right after an outlet noun: an ORG mention, «quoted» or capitalised words."""
    text = ctx.text
    rest = text[pos:end]
    gap = len(rest) - len(rest.lstrip())
    at = pos + gap
    for m, _e in _mentions_from(ctx, at, at):
        if m.start == at:
            return pos, m.end
    q = re.match(r"[«\"„“][^»\"“”]+[»\"“”]", text[at:end])
    if q:
        return pos, at + q.end()
    stop = None
    for t in ctx.toks(at, end):
        if not t.text[0].isupper() or (stop is not None and text[stop:t.start].strip()):
            break
        stop = t.end
    return (pos, stop) if stop is not None else None


def _named_outlet(ctx: _Ctx, noun: _Tok, before: int) -> str:
    """A bare outlet noun ("агентство") with the name the article gave it earlier, if any."""
    lemma = ctx.lemma(noun.text)
    best = None
    for t in ctx.toks(0, before):
        if t.start != noun.start and t.text[0].islower() and _outlet_noun(ctx, t) and ctx.lemma(t.text) == lemma:
            name = _name_after(ctx, t.end, min(len(ctx.text), t.end + 60))
            if name is not None:
                best = ctx.text[name[0] : name[1]].strip()
    if best is None:
        return noun.text
    q = re.fullmatch(r"[«\"„“]([^»\"“”]+)[»\"“”]", best)
    return q.group(1) if q else f"{noun.text} {best}"


def _outlet_name(ctx: _Ctx, start: int, end: int) -> str | None:
    for m, e in _mentions_from(ctx, start, end):
        if m.start >= start and m.end <= end and e.type == "ORG":
            return e.name
    q = re.search(r"[«\"„“]([^»\"“”]+)[»\"“”]", ctx.text[start:end])
    if q:
        return q.group(1)
    words = ctx.text[start:end].strip(" ,.")
    return words or None


def _mentions_in(ctx: _Ctx, start: int, end: int) -> list[tuple[Mention, Entity]]:
    """PER/ORG mentions inside a region, outermost first when they nest."""
    out = []
    _mentions_around(ctx, start)  # fills the memo of mention starts
    starts = ctx.memo[("mention starts", len(ctx.mentions))]  # sorted: ctx.mentions is by start
    for m, e in ctx.mentions[bisect_left(starts, start) : bisect_right(starts, end)]:
        if m.start >= start and m.end <= end:
            if out and m.start < out[-1][0].end:
                if m.end - m.start > out[-1][0].end - out[-1][0].start:
                    out[-1] = (m, e)
                continue
            out.append((m, e))
    return out


def _mentions_from(ctx: _Ctx, start: int, end: int) -> list[tuple[Mention, Entity]]:
    """The part of ``ctx.mentions`` (in its order) starting in [start, end]: every mention
    inside a region is there (a scan of every mention per question was quadratic)."""
    _mentions_around(ctx, start)  # fills the memo of mention starts
    starts = ctx.memo[("mention starts", len(ctx.mentions))]
    return ctx.mentions[bisect_left(starts, start) : bisect_right(starts, end)]


def _mentions_around(ctx: _Ctx, pos: int) -> list[tuple[Mention, Entity]]:
    """The part of ``ctx.mentions`` (in its order) that may hold ``pos``: no mention starts
    further back than the longest is long (a scan of every mention per question was quadratic)."""
    key = ("mention starts", len(ctx.mentions))
    if key not in ctx.memo:
        ctx.memo[key] = [m.start for m, _ in ctx.mentions]
    if "longest mention" not in ctx.memo:
        ctx.memo["longest mention"] = max((m.end - m.start for m, _ in ctx.mentions), default=0)
    starts = ctx.memo[key]
    return ctx.mentions[bisect_left(starts, pos - ctx.memo["longest mention"]) : bisect_right(starts, pos)]


def _common_noun_person(ctx: _Ctx, me: tuple[Mention, Entity]) -> bool:
    """A one-word PER that is a common noun ("Аким пообещал" tagged as a name by NER)."""
    key = ("common noun person", id(me[0]), id(me[1]))
    if key not in ctx.memo:
        ctx.memo[key] = _common_noun_person_uncached(ctx, me)
    return ctx.memo[key]


def _common_noun_person_uncached(ctx: _Ctx, me: tuple[Mention, Entity]) -> bool:
    m, e = me
    if " " in m.text.strip() or e.first and e.last:
        return False
    if re.search(r"(?<!\w)" + re.escape(m.text.strip().lower()) + r"(?!\w)", ctx.text):
        return True  # the same word written in lower case elsewhere: a common noun
    if e.roles or _mid_sentence(ctx, m.start):
        return False  # capitalised inside a sentence, or given a title: a surname pymorphy3 does not know
    parses = ctx.parse(m.text)
    return not any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) for p in parses) and parses[0].tag.POS == "NOUN"


def _mid_sentence(ctx: _Ctx, pos: int) -> bool:
    """Is ``pos`` preceded by a lower-case word of the same sentence (so its capital is a name's)?"""
    i = ctx._index(pos)
    if i == 0:
        return False
    prev = ctx.tokens[i - 1]
    return prev.text[0].islower() and not re.search(r"[.!?…:\n«\"„“]", ctx.text[prev.end : pos])


def _speaker_of(entity: Entity, article: Article | None = None) -> Speaker:
    return Speaker(entity.name, entity.type, entity.id)


def _fuller_person(ctx: _Ctx, speaker: Speaker | None) -> Speaker | None:
    """A one-word person speaker ("Мамедов" of a headline) -> the person with that surname and a first name."""
    if speaker is None or " " in speaker.name or speaker.type not in ("PER", "OTHER"):
        return speaker
    word = speaker.name.lower()
    for e in ctx.article.entities:
        if e.type == "PER" and " " in e.name and e.last and e.last.lower() == word:
            return Speaker(e.name, "PER", e.id)
    return speaker


def _scan_region(ctx: _Ctx, region: tuple[int, int], gender: str | None, history: list[Speaker], reverse: bool, cue: _Attribution) -> Speaker | None:
    """The speaker written in a region next to the cue."""
    start, end = region
    if end <= start:
        return None
    toks = ctx.toks(start, end)
    mentions = _mentions_in(ctx, start, end)
    pers = [me for me in mentions if me[1].type == "PER"]
    # a pronoun subject or possessive ("он", "его слова", "По ее словам")
    pron = [t for t in toks if t.low in PRONOUNS]
    words = [t for t in toks if not ctx.in_quote(t.start)] or toks
    pers = [me for me in pers if not _common_noun_person(ctx, me) and _trusted_role(ctx, *me)]
    verb_cue = _verb_cue(ctx, cue)
    if verb_cue:
        # a name depending on the noun before it is not the speaker ("пресс-секретарь Путина",
        # "помощник Хиллари Клинтон"), nor one that disagrees with the verb ("помощник Орловой сообщил")
        pers = [
            me for k, me in enumerate(pers)
            if not (_possessor(ctx, me[0], start) and (_inflected(me[0], me[1]) or not _gender_fits(ctx, me[1], gender) or _apposed(ctx, me[0], pers[k + 1 :])))
            and (gender not in ("masc", "femn") or _gender_fits(ctx, me[1], gender))
        ]
    if reverse:
        # subject before the verb: the nearest person; an organisation; "В пресс-службе X"
        pers = [me for me in pers if not _in_participle_clause(ctx, me[0], start, end)]
        if pers:
            return _speaker_of(pers[-1][1])
        if pron and pron[-1].low in ("он", "она", "они"):
            return _pronoun(ctx, pron[-1], cue.cue_start, history)
        if words and words[-1].low in BACK_ADVERBS and history:
            return history[-1]
        found = _np_speaker(ctx, words, mentions, gender, cue, history)
        if found is None and verb_cue:
            found = _place_subject(ctx, start, end)
        if found is None and verb_cue:
            # "Освещающие акцию блогеры сообщили", "После встречи министр заявил": the nearest
            # nominative speaker noun agreeing with the verb
            sub = _subject_words(ctx, words, gender, end)
            if sub:
                found = _np_speaker(ctx, sub, _mentions_in(ctx, sub[0].start, end), gender, cue, history)
        return found
    # after the cue: the first person of an apposition, skipping a dative outlet ("рассказал РБК источник")
    if pron and pron[0].low in ("его", "ее", "её", "их", "он", "она", "они") and (not pers or pron[0].start < pers[0][0].start):
        first_word = words[0] if words else None
        if first_word is pron[0] or (first_word and first_word.low in ("слова", "мнению", "словам")) or pron[0] is (words[1] if len(words) > 1 else None):
            return _pronoun(ctx, pron[0], cue.cue_start, history)
    if pers:
        return _speaker_of(pers[0][1])
    named = _unlisted_name(ctx, words)
    if named is not None:
        return named
    return _np_speaker(ctx, words, mentions, gender, cue, history)


def _verb_cue(ctx: _Ctx, attr: _Attribution) -> bool:
    """Is the cue a speech verb with a subject ("заявил"), not "по словам" or a relaying verb?"""
    word = ctx.text[attr.cue_start : attr.cue_end].split()
    if len(word) != 1 or not word[0][0].isalpha():
        return False
    lemma = ctx.lemma(word[0])
    return lemma in SPEECH_LEMMAS and lemma not in VIA_LEMMAS and ctx.parse(word[0])[0].tag.POS == "VERB"


def _possessor(ctx: _Ctx, m: Mention, start: int) -> bool:
    """Does a name stand right after a person noun it may depend on ("помощник Хиллари Клинтон")?"""
    i = ctx._index(m.start)
    if i == 0:
        return False
    prev = ctx.tokens[i - 1]
    if prev.start < start or ctx.text[prev.end : m.start].strip():
        return False
    return any(
        p.tag.POS == "NOUN" and ("anim" in p.tag or p.normal_form.replace("ё", "е") in SPEAKER_NOUNS) for p in ctx.parse(prev.text)[:2]
    )


def _inflected(m: Mention, e: Entity) -> bool:
    """Is a person mention written in another form than the base name ("Путина" of "Путин")?"""
    words = _WORD.findall(m.text)
    return bool(words and e.last) and words[-1].lower().replace("ё", "е") != e.last.lower().replace("ё", "е")


def _apposed(ctx: _Ctx, m: Mention, later: list[tuple[Mention, Entity]]) -> bool:
    """Is a name followed at once by another name ("пресс-секретарь Путина Дмитрий Песков")?"""
    return bool(later) and not ctx.text[m.end : later[0][0].start].strip()


def _in_participle_clause(ctx: _Ctx, m: Mention, start: int, end: int) -> bool:
    """Is a name the object inside a participle clause ("Врачи, оперировавшие Иванову, говорят")?"""
    text = ctx.text
    comma = text.rfind(",", start, m.start)
    if comma < 0 or "," not in text[m.end : end]:
        return False
    return any(
        any(p.tag.POS in ("PRTF", "GRND") for p in ctx.parse(t.text)[:1]) for t in ctx.toks(comma, m.start)
    )


def _place_subject(ctx: _Ctx, start: int, end: int) -> Speaker | None:
    """A state or city speaking ("Южная Корея заявила", "официальный Киев заявлял"): type ORG.

    The place must be the nominative subject nearest the verb: not after a preposition
    ("в Москве"), with no speaker noun or verb between it and the cue.
    """
    best: tuple[Mention, Entity] | None = None
    for e in ctx.article.entities:
        if e.type != "LOC":
            continue
        for m in e.mentions:
            if start <= m.start and m.end <= end and not ctx.in_quote(m.start) and (best is None or m.start > best[0].start):
                best = (m, e)
    if best is None:
        return None
    m, e = best
    i = ctx._index(m.start)
    prev = ctx.tokens[i - 1] if i > 0 and ctx.tokens[i - 1].start >= start else None
    first = ctx.toks(m.start, m.end)[:1]
    if prev is not None and ctx.parse(prev.text)[0].tag.POS == "PREP" or not first:
        return None
    if not any(p.tag.case == "nomn" for p in ctx.parse(first[0].text)[:3]) or not _is_subject(ctx, m):
        return None
    if any(_speaker_noun(ctx, t) or _is_finite_verb(ctx, t) for t in ctx.toks(m.end, end)):
        return None
    return Speaker(e.name, "ORG", e.id)


def _subject_words(ctx: _Ctx, words: list[_Tok], gender: str | None, end: int) -> list[_Tok]:
    """The subject noun phrase nearest the verb: its adjectives, a nominative speaker noun, the rest."""
    text = ctx.text
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    if not words or re.search(r"[,;:()—–\"«»]", text[words[-1].end : end]):
        return []  # "В документе, который подписал министр, говорится": not the subject
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if k + 1 < len(words) and re.search(r"[,;:()—–\"«»]", text[t.end : words[k + 1].start]):
            return []
        if _is_finite_verb(ctx, t):
            return []
        if not _speaker_noun(ctx, t):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) for p in ctx.parse(t.text)[:3]):
            continue
        j = k
        while j > 0 and _is_adj(ctx, words[j - 1]) and not text[words[j - 1].end : words[j].start].strip():
            j -= 1
        return words[j:]
    return []


def _unlisted_name(ctx: _Ctx, words: list[_Tok]) -> Speaker | None:
    """A person's name the NER stage missed: "по мнению ... профессора Ивана Сидорова".

    The last run of two or three capitalised words closing the region (not part of a person
    or place; NER sometimes swallows the name into the organisation before it) whose first word
    pymorphy3 reads as a first name and whose last as a surname, in one agreeing case.
    """
    if "not org" not in ctx.memo:
        ctx.memo["not org"] = _Intervals((m.start, m.end) for e in ctx.article.entities if e.type != "ORG" for m in e.mentions)
    covered = ctx.memo["not org"]
    run: list[_Tok] = []
    best: list[_Tok] = []
    for t in words:
        ok = t.text[0].isupper() and t.start not in covered
        if ok and run and ctx.text[run[-1].end : t.start] == " ":
            run.append(t)
        elif ok:
            run = [t]
        else:
            run = []
        if 2 <= len(run) <= 3:
            best = list(run)
    if not best or best[-1] is not (words[-1] if words else None):
        return None  # the name closes the apposition ("..., Ивана Сидорова,")
    first = {p.tag.case for p in ctx.parse(best[0].text)[:4] if "Name" in p.tag}
    last = {p.tag.case for p in ctx.parse(best[-1].text)[:6] if "Surn" in p.tag}
    if not first & last:
        return None
    phrase = ctx.text[best[0].start : best[-1].end]
    try:
        from .names import normalize_mention

        name = normalize_mention(phrase, "PER", ctx.models)
    except Exception:  # the names stage is edited separately: keep the written form
        name = phrase
    return Speaker(name, "PER", None)


def _np_speaker(ctx: _Ctx, words: list[_Tok], mentions: list[tuple[Mention, Entity]], gender: str | None, cue: _Attribution, history: list[Speaker]) -> Speaker | None:
    """An organisation mention or a described speaker ("эксперты", "в ведомстве", "источник в X")."""
    text = ctx.text
    if not words:
        return None
    i = 0
    org_form = False
    # "В пресс-службе X сообщили", "говорится в заявлении X", "в сообщении регулятора говорится"
    while i < len(words) and (words[i].low in ("в", "во", "из", "у") or words[i].low in CONNECTIVES or _is_adverb(ctx, words[i])):
        if words[i].low in ("в", "во", "из", "у"):
            org_form = True
        i += 1
    if i < len(words) and ctx.lemma(words[i].text) in DOCUMENT_NOUNS:
        i += 1
        org_form = True
    rest = words[i:]
    if not rest:
        return None
    # skip a dative recipient right after the verb ("рассказал РБК источник", "сказал журналистам")
    for m, e in mentions:
        if m.start <= rest[0].start < m.end and e.type == "ORG":
            after_org = [t for t in rest if t.start >= m.end]
            if after_org and not org_form and _speaker_noun(ctx, after_org[0]) and _case(ctx, after_org[0]) == "nomn":
                rest = after_org
                break
            return _speaker_of(e)
    while rest and _case(ctx, rest[0]) == "datv" and not org_form and len(rest) > 1:
        rest = rest[1:]
    head = None
    for k, t in enumerate(rest[:4]):
        if t.low in NON_SPEAKER_WORDS:
            return None
        if _speaker_noun(ctx, t):
            head = k
            break
        if not _is_adj(ctx, t):
            return None
    if head is None:
        return None
    # the noun phrase: adjectives, the head, then genitive words / names
    phrase = [rest[0:head + 1][-1]] if head == 0 else rest[0 : head + 1]
    lemma = ctx.lemma(rest[head].text)
    for t in rest[head + 1 :]:
        if ctx.text[phrase[-1].end : t.start].strip() not in ("", "«", "»", "»«", "\""):
            break
        if lemma in ("источник", "представитель", "собеседник", "сотрудник") and t.low in ("в", "из"):
            phrase.append(t)
            continue
        nxt = ctx.tokens[ctx._index(t.end)] if ctx._index(t.end) < len(ctx.tokens) else None
        if t.low in ("в", "во") and lemma in ORG_SPEAKER_NOUNS and nxt is not None and nxt.text[0].isupper():
            phrase.append(t)  # "представительство банка в Душанбе"
            continue
        if t.low == "по" and ctx.lemma(phrase[-1].text) in ORG_SPEAKER_NOUNS:
            phrase.append(t)  # "департамент по чрезвычайным ситуациям"
            continue
        if phrase[-1].low == "по" or (_case(ctx, t) == "datv" and any(x.low == "по" for x in phrase)):
            phrase.append(t)
            continue
        if phrase[-1].low in ("в", "из") or _has_case(ctx, t, "gent") or t.text[0].isupper() and not t.low in PRONOUNS:
            if _is_finite_verb(ctx, t):
                break
            phrase.append(t)
            continue
        break
    p_start, p_end = phrase[0].start, phrase[-1].end
    # an entity whose mention covers the phrase head (roles stage: "Глава МИД Казахстана")
    for m, e in _mentions_around(ctx, rest[head].start):
        if m.start <= rest[head].start < m.end and not _common_noun_person(ctx, (m, e)) and _trusted_role(ctx, m, e):
            return _speaker_of(e)
    desc = text[p_start:p_end]
    if desc and desc[-1] in "«\"":
        desc = desc[:-1]
    normal = _nominative(ctx, desc)
    person = _person_by_role(ctx, normal, gender, cue.cue_start)
    if person is not None:
        return _speaker_of(person)
    kind = "ORG" if org_form or lemma in ORG_SPEAKER_NOUNS else "OTHER"
    if kind == "OTHER" and cue.stmt_start >= 0 and lemma not in ANONYMOUS_HEADS:
        # a definite description refers back like a pronoun: "— отметил эксперт" after "По мнению X"
        hp = ctx.parse(rest[head].text)[0]
        if "anim" in hp.tag and hp.tag.number == "sing":
            person = _described_antecedent(ctx, lemma, min(cue.stmt_start, cue.cue_start, p_start), gender, _countries(ctx, desc))
            if person is not None:
                return person
    if normal and not rest[head].text[0].isupper() or "Abbr" not in ctx.parse(rest[head].text)[0].tag:
        if normal and not any(x in ctx.parse(rest[head].text)[0].tag for x in ("Abbr", "Orgn", "Geox", "Name", "Surn")) and normal[0].isupper():
            normal = normal[0].lower() + normal[1:]
    return Speaker(normal, kind, None)


def _is_adverb(ctx: _Ctx, tok: _Tok) -> bool:
    return ctx.parse(tok.text)[0].tag.POS in ("ADVB", "CONJ", "PRCL")


def _has_case(ctx: _Ctx, tok: _Tok, case: str) -> bool:
    """Can a noun/adjective be read in this case (prepositions and verbs never)?"""
    if len(tok.text) < 2:
        return False  # "в" reads as the abbreviation of "вольт" in every case
    return any(p.tag.case == case and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") for p in ctx.parse(tok.text)[:3])


def _case(ctx: _Ctx, tok: _Tok) -> str | None:
    return ctx.parse(tok.text)[0].tag.case


def _nominative(ctx: _Ctx, phrase: str) -> str:
    """A description's base form: the head and its adjectives in the nominative."""
    try:
        from .names import normalize_mention
    except ImportError:  # the names stage is written separately
        return phrase
    try:
        return normalize_mention(phrase, "ORG", ctx.models)
    except Exception:  # a normaliser failure must not lose the statement
        return phrase


def _person_by_role(ctx: _Ctx, description: str, gender: str | None, pos: int) -> Entity | None:
    """The person whose role the description names ("глава МИД", "министр", "наставник")."""
    if "persons" not in ctx.memo:
        ctx.memo["persons"] = [
            e for e in ctx.article.entities if e.type == "PER" and not any(_common_noun_person(ctx, (m, e)) for m in e.mentions[:1])
        ]
    persons = ctx.memo["persons"]
    if not persons or not description or gender == "plur":  # "заявили министры" is not one person
        return None
    # Who fits a description does not depend on where it stands: checked once per description
    # (a long text asks "губернатор" hundreds of times), then the latest named before it wins.
    key = ("fitting", description, gender)
    if key not in ctx.memo:
        ctx.memo[key] = _persons_fitting(ctx, persons, description, gender)
    matches = []
    for e in ctx.memo[key]:
        starts = _mention_starts(ctx, e)
        if starts and starts[0] < pos:  # a description refers back, never to a person named later
            matches.append((starts[bisect_left(starts, pos) - 1], e))
    if not matches:
        return None
    matches.sort(key=lambda x: x[0])
    return matches[-1][1]


def _persons_fitting(ctx: _Ctx, persons: list[Entity], description: str, gender: str | None) -> list[Entity]:
    """The persons (in order) whose roles, apposition words and gender fit a description."""
    words = description.lower().split()
    head = ctx.lemma(words[0]) if words else ""
    if len(words) > 1 and ctx.parse(words[0])[0].tag.POS in ("ADJF", "PRTF"):
        head = ctx.lemma(words[1])
    heads = {head} | HEAD_SYNONYMS.get(head, set())
    try:
        from .roles import key_of, role_key, roles_match
    except ImportError:
        role_key = roles_match = None  # type: ignore[assignment]
    fitting = []
    countries = _countries(ctx, description)
    head_of_state = head == "глава" and len(words) > 1 and ctx.lemma(words[1]) == "государство"
    dk: Any = None
    if role_key is not None:
        try:
            dk = _role_key(ctx, role_key, description.lower())
        except Exception:  # the roles helpers may change under us
            dk = None
    for e in persons:
        if countries and any(_countries(ctx, r) and not _countries(ctx, r) & countries for r in e.roles):
            continue  # "премьер-министр Израиля" is not the "британский премьер"
        if head_of_state:
            # "глава государства" is a president (or a monarch), nobody else
            if _role_heads(ctx, e) & HEAD_OF_STATE_HEADS or _words_before(ctx, e) & HEAD_OF_STATE_HEADS:
                fitting.append(e)
            continue
        ok = False
        if dk is not None:
            try:
                ok = any((rk := key_of(r)) is not None and roles_match(dk, rk) for r in _roles(ctx, e))
            except Exception:  # the roles helpers may change under us
                ok = False
        if not ok:
            # the heads of the roles, not their dependents ("заместитель губернатора" is no "губернатор")
            role_words = _role_heads(ctx, e) | _words_before(ctx, e)
            ok = bool(heads & role_words)
            if not ok and head in GENERIC_HEADS and (e.roles or len(words) > 1):
                tail = [w for w in words[1:] if len(w) > 2]
                ok = not tail or any(w in ("ведомства", "дипведомства", "министерства", "региона", "республики", "города", "области", "края") for w in tail)
                ok = ok or any(w in r.lower() for w in tail for r in e.roles)
        if ok and gender in ("masc", "femn"):
            g = _entity_gender(ctx, e)
            ok = g is None or g == gender
        if ok:
            fitting.append(e)
    return fitting


def _mention_starts(ctx: _Ctx, e: Entity) -> list[int]:
    """Sorted start offsets of an entity's mentions (memoised)."""
    key = ("starts", id(e))
    if key not in ctx.memo:
        ctx.memo[key] = sorted(m.start for m in e.mentions)
    return ctx.memo[key]


def _role_key(ctx: _Ctx, role_key: Any, phrase: str) -> Any:
    """``roles.role_key`` of a phrase, memoised (an exception is raised again each time)."""
    key = ("role key", phrase)
    if key not in ctx.memo:
        try:
            ctx.memo[key] = (role_key(phrase, ctx.models.parse), None)
        except Exception as exc:
            ctx.memo[key] = (None, exc)
    value, exc = ctx.memo[key]
    if exc is not None:
        raise exc
    return value


def _trusted_role(ctx: _Ctx, m: Mention, e: Entity) -> bool:
    """May a role mention of the roles stage stand for its person here?

    Not when the person is named only later in the text (a description refers back), nor
    when the role names another country than the person's titles ("премьер-министр
    Израиля" linked to the "британский премьер").
    """
    if e.type != "PER" or m.kind != "role":
        return True
    if not any(x.kind == "name" and x.start < m.start for x in e.mentions):
        return False
    words = [ctx.lemma(w) for w in _WORD.findall(m.text.lower())]
    if words[:2] == ["глава", "государство"] and not (_role_heads(ctx, e) | _words_before(ctx, e)) & HEAD_OF_STATE_HEADS:
        return False  # "глава государства" is a president, not the head of a company
    countries = _countries(ctx, m.text)
    return not countries or not any(_countries(ctx, r) and not _countries(ctx, r) & countries for r in e.roles)


def _countries(ctx: _Ctx, phrase: str) -> set[str]:
    """Stems of the countries a role or description names ("премьер Израиля", "британский премьер").

    Place nouns (pymorphy3 ``Geox``) give their stem and, for a few, the stems of their
    adjectives ("США" -> "америк"); relational adjectives in "-ский" give their own stem.
    Two phrases name the same country when their stem sets meet.
    """
    key = ("countries", phrase)
    if key not in ctx.memo:
        ctx.memo[key] = _countries_uncached(ctx, phrase)
    return set(ctx.memo[key])


def _countries_uncached(ctx: _Ctx, phrase: str) -> set[str]:
    out: set[str] = set()
    for w in _WORD.findall(phrase):
        low = w.lower()
        p = ctx.parse(low)[0]
        if "Geox" in p.tag and p.tag.POS == "NOUN":
            lemma = p.normal_form.replace("ё", "е")
            out.update(COUNTRY_STEMS.get(lemma, (lemma[:4],)))
        elif p.tag.POS == "ADJF" and w[0].islower() and re.search(r"(?:ск|цк)ий$", p.normal_form) and len(p.normal_form) > 7:
            adj = p.normal_form
            if any(adj.startswith(stem) for stems in COUNTRY_STEMS.values() for stem in stems) or _geo_adjective(ctx, adj):
                out.add(next((stem for stems in COUNTRY_STEMS.values() for stem in stems if adj.startswith(stem)), adj[:4]))
    return out


def _geo_adjective(ctx: _Ctx, adj: str) -> bool:
    """Is an adjective in "-ский" made from a place name ("израильский" <- "Израиль")?"""
    stem = re.sub(r"(?:ск|цк)ий$", "", adj)
    for cand in (stem, stem + "ия", stem + "ь", stem + "а", stem[:-1] + "ия" if len(stem) > 4 else stem):
        if any("Geox" in p.tag for p in ctx.parse(cand)[:2]):
            return True
    return False


def _words_before(ctx: _Ctx, e: Entity) -> set[str]:
    """Lemmas of the few words written right before a person's name mentions (apposition)."""
    key = ("words before", id(e))
    if key not in ctx.memo:
        ctx.memo[key] = _words_before_uncached(ctx, e)
    return set(ctx.memo[key])


def _words_before_uncached(ctx: _Ctx, e: Entity) -> set[str]:
    out: set[str] = set()
    for m in e.mentions:
        if m.kind != "name":
            continue
        i = ctx._index(m.start)
        # walk back over the apposition; a verb or punctuation ends it ("Марк рассказал Ивану")
        run: list[_Tok] = []
        for t in reversed(ctx.tokens[max(0, i - 5) : i]):
            nxt = ctx.tokens[ctx._index(t.end)] if ctx._index(t.end) < len(ctx.tokens) else None
            if re.search(r"[.,;:!?()«»\"]", ctx.text[t.end : nxt.start if nxt is not None else t.end]) or _is_finite_verb(ctx, t):
                break
            run.insert(0, t)
        # its head is the first person noun: "заместитель губернатора" is a "заместитель"
        for t in run:
            if any(p.tag.POS == "NOUN" and "anim" in p.tag for p in ctx.parse(t.text)[:2]):
                out.add(ctx.lemma(t.text))
                break
    return out


def _entity_gender(ctx: _Ctx, e: Entity) -> str | None:
    """A person's gender from the first name (or the surname) by pymorphy3."""
    for word, tag in ((e.first, "Name"), (e.last, "Surn")):
        if not word:
            continue
        genders = {p.tag.gender for p in ctx.parse(word) if tag in p.tag and p.tag.gender}
        if len(genders) == 1:
            return str(genders.pop())
    return None


def _pronoun(ctx: _Ctx, tok: _Tok, pos: int, history: list[Speaker]) -> Speaker | None:
    """The antecedent of "он"/"она"/"его"/"ее"/"они": the latest compatible speaker or person."""
    want = PRONOUNS.get(tok.low)
    if want in ("masc", "femn"):
        return _antecedent(ctx, tok.start, want) or _described_subject(ctx, tok.start, want)
    # "Жители ... Они говорят": a plural person noun in the sentence before
    toks = [t for t in ctx.toks(max(0, tok.start - 200), tok.start)]
    for t in reversed(toks):
        p = ctx.parse(t.text)[0]
        if p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag and p.tag.case == "nomn":
            return Speaker(t.low, "OTHER", None)
    for s in reversed(history):
        if s.type in ("OTHER", "ORG"):
            return s
    return None


def _described_subject(ctx: _Ctx, pos: int, gender: str) -> Speaker | None:
    """"Представитель министерства сообщил ... Позднее он заявил": an unnamed described subject.

    Used when no person is around: the latest sentence of this or the previous paragraph
    that opens with a singular speaker noun of the pronoun's gender (after adjectives) gives
    the description.
    """
    lo = _window_start(ctx, pos)
    ends = _ends_between(ctx, lo, pos)
    if ends is None:
        ends = [m.end() for m in _SENT_END.finditer(ctx.text, lo, pos) if not ctx.in_quote(m.start()) and _real_end(ctx.text, m.start())]
    starts = [lo] + ends
    block_starts = _block_starts(ctx)
    starts += block_starts[bisect_right(block_starts, lo) : bisect_left(block_starts, pos)]  # lo < b < pos
    for st in sorted(set(starts), reverse=True):
        if st >= pos:
            continue
        toks = _first_tokens_outside_quotes(ctx, st, pos, 8)
        k = 0
        while k < len(toks) and _is_adj(ctx, toks[k]):
            k += 1
        if k >= len(toks) or k > 3 or not _speaker_noun(ctx, toks[k]):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" and p.tag.gender == gender for p in ctx.parse(toks[k].text)[:2]):
            continue
        verb = next((i for i, t in enumerate(toks) if _is_finite_verb(ctx, t)), len(toks))
        probe = _Attribution("", pos, pos)
        sp = _np_speaker(ctx, toks[:verb], _mentions_in(ctx, st, toks[verb - 1].end if verb else st), gender, probe, [])
        if sp is not None:
            return sp
    return None


def _window_start(ctx: _Ctx, pos: int) -> int:
    """Start of the paragraph before the one holding ``pos`` (a back-reference reaches that far)."""
    # the first block holding pos, found by bisection (blocks are in text order)
    block_starts = _block_starts(ctx)
    for i in range(max(0, bisect_right(block_starts, pos) - 2), len(ctx.blocks)):
        b_start, b_end, _kind = ctx.blocks[i]
        if b_start > pos:
            break
        if b_start <= pos <= b_end:
            if i > 0 and ctx.blocks[i - 1][2] != "title":
                return ctx.blocks[i - 1][0]
            return b_start
    return 0


def _block_starts(ctx: _Ctx) -> list[int]:
    """Start offsets of the blocks (memoised; blocks are sorted and do not overlap)."""
    if "block starts" not in ctx.memo:
        ctx.memo["block starts"] = [b for b, _e, _k in ctx.blocks]
    return ctx.memo["block starts"]


def _first_tokens_outside_quotes(ctx: _Ctx, start: int, end: int, limit: int) -> list[_Tok]:
    """The first ``limit`` tokens inside [start, end) not in quotes (was: all, then cut)."""
    out: list[_Tok] = []
    i = ctx._index(start)
    while i < len(ctx.tokens) and ctx.tokens[i].end <= end and len(out) < limit:
        if not ctx.in_quote(ctx.tokens[i].start):
            out.append(ctx.tokens[i])
        i += 1
    return out


def _gender_fits(ctx: _Ctx, speaker: Speaker | Entity, gender: str | None) -> bool:
    """Does a person agree with the verb's gender ("сказала" -> a woman)? Unknown fits."""
    if gender not in ("masc", "femn"):
        return gender != "plur"
    if isinstance(speaker, Entity):
        g = _entity_gender(ctx, speaker)
    else:
        e = next((x for x in ctx.article.entities if x.id == speaker.entity), None) if speaker.entity else None
        if e is not None:
            g = _entity_gender(ctx, e)
        else:
            words = speaker.name.split()
            g = _entity_gender(ctx, Entity("", "PER", speaker.name, first=words[0], last=words[-1])) if words else None
    return g is None or g == gender


def _is_subject(ctx: _Ctx, m: Mention) -> bool:
    """Can a person mention be a subject (its last word readable in the nominative)?"""
    words = _WORD.findall(m.text)
    return bool(words) and any(p.tag.case == "nomn" for p in ctx.parse(words[-1])[:4])


def _last_speaker(ctx: _Ctx, pos: int, gender: str | None) -> tuple[int, int, Speaker] | None:
    """The latest person who made a statement before ``pos``, agreeing with the gender."""
    for st, en, sp in reversed(ctx.spoken):
        if st < pos and sp.type == "PER" and _gender_fits(ctx, sp, gender):
            return st, en, sp
    return None


def _antecedent(ctx: _Ctx, pos: int, gender: str) -> Speaker | None:
    """Who "он"/"она" at ``pos`` is: the last speaker, unless a newer person subject came after.

    Names inside quotation marks are never candidates ("«Вопрос Фархада решен», — сказал он"
    is not Фархад's word). The last statement's speaker wins over mentions written after it
    that are not subjects ("... встретился с Ивановым. «...», — сказал он").
    """
    # The latest fitting mention, and the latest fitting subject, before pos. Which mentions
    # fit does not depend on pos: listed once per gender, then found by bisection (every
    # pronoun scanned every mention before it: quadratic).
    key = ("antecedents", gender, len(ctx.mentions))
    if key not in ctx.memo:
        fit, subjects = [], []
        for m, e in ctx.mentions:
            if e.type != "PER" or ctx.in_quote(m.start) or _common_noun_person(ctx, (m, e)) or not _gender_fits(ctx, e, gender) or not _trusted_role(ctx, m, e):
                continue
            fit.append((m, e))
            if _is_subject(ctx, m):
                subjects.append((m, e))
        ctx.memo[key] = (fit, [m.start for m, _ in fit], subjects, [m.start for m, _ in subjects])
    fit, fit_starts, subjects, subject_starts = ctx.memo[key]
    i, j = bisect_left(fit_starts, pos), bisect_left(subject_starts, pos)
    anyone = fit[i - 1] if i else None
    subject = subjects[j - 1] if j else None
    last = _last_speaker(ctx, pos, gender)
    if last is not None and last[0] >= _window_start(ctx, pos):
        st, en, sp = last
        stmt_end = _sentence_end(ctx, en, len(ctx.text))
        if subject is not None and subject[0].start > stmt_end and subject[1].id != sp.entity:
            return _speaker_of(subject[1])
        return sp
    if subject is not None:
        return _speaker_of(subject[1])
    if anyone is not None:
        return _speaker_of(anyone[1])
    return last[2] if last is not None else None


def _described_antecedent(ctx: _Ctx, head: str, pos: int, gender: str | None, countries: set[str] | None = None) -> Speaker | None:
    """The person a definite description refers back to ("— отметил эксперт" after "По мнению X").

    Candidates are persons introduced with a title (a role) or as speakers in this or the
    previous paragraph, outside quotation marks and reported statements (or the only person
    mentioned there when none is); the latest that agrees in gender and whose
    roles do not contradict the description wins.
    """
    if gender == "plur":
        return None
    lo = _window_start(ctx, pos)
    spoken_ids = {sp.entity for _s, _e, sp in ctx.spoken if sp.entity}
    cands: list[tuple[int, Speaker, Entity | None]] = []
    others: dict[str, tuple[int, Speaker, Entity]] = {}  # persons with neither title nor statement
    for m, e in _mentions_from(ctx, lo, pos):
        if m.start >= pos:
            break
        if m.start < lo or e.type != "PER" or ctx.in_quote(m.start) or _common_noun_person(ctx, (m, e)) or not _trusted_role(ctx, m, e):
            continue
        if m.start in _said_so_far(ctx):
            continue  # a person talked about in a statement is not its speaker
        if e.roles or e.id in spoken_ids or m.kind == "role":
            cands.append((m.start, _speaker_of(e), e))
        else:
            others.setdefault(e.id, (m.start, _speaker_of(e), e))
    for st, _en, sp in ctx.spoken:
        if lo <= st < pos and sp.type == "PER" and sp.entity is None:
            cands.append((st, sp, None))
    if not cands and len(others) == 1:
        cands = list(others.values())  # the only person around is clear enough
    cands.sort(key=lambda c: c[0])
    unnamed = _unnamed_mention(ctx, head, lo, pos)
    for p, sp, e in reversed(cands):
        if p < unnamed:
            return None  # "встретился с послом Киргизии ... Посол заверил": that person has no name
        if countries and e is not None and any(_countries(ctx, r) and not _countries(ctx, r) & countries for r in e.roles):
            continue  # "премьер Израиля" is not the "британский премьер"
        if _gender_fits(ctx, e if e is not None else sp, gender) and _role_fits(ctx, head, e):
            return sp
    return None


def _said_so_far(ctx: _Ctx) -> _Intervals:
    """The statements resolved so far as intervals (rebuilt when one is added; ``ctx.said``
    only grows). Scanning them for every mention was cubic on a one-paragraph text."""
    count, intervals = ctx.memo.get("said", (-1, None))
    if count != len(ctx.said):
        intervals = _Intervals(ctx.said)
        ctx.memo["said"] = (len(ctx.said), intervals)
    return intervals


def _tokens_with_lemma(ctx: _Ctx, lemma: str, lo: int, pos: int) -> list[_Tok]:
    """``[t for t in ctx.toks(lo, pos) if ctx.lemma(t.text) == lemma]`` from an index of the
    tokens by lemma built once per text (the scan lemmatised every token from ``lo``)."""
    if "by lemma" not in ctx.memo:
        by_lemma: dict[str, list[int]] = {}
        for i, t in enumerate(ctx.tokens):
            by_lemma.setdefault(ctx.lemma(t.text), []).append(i)
        ctx.memo["by lemma"] = by_lemma
        ctx.memo["token ends"] = [t.end for t in ctx.tokens]
    indexes = ctx.memo["by lemma"].get(lemma, [])
    first, stop = ctx._index(lo), bisect_right(ctx.memo["token ends"], pos)  # toks: start >= lo, end <= pos
    return [ctx.tokens[i] for i in indexes[bisect_left(indexes, first) : bisect_left(indexes, stop)]]


def _unnamed_mention(ctx: _Ctx, head: str, lo: int, pos: int) -> int:
    """Offset of the latest word with this lemma in [lo, pos) that names nobody (-1 if none).

    A word is attached to a name when a person mention covers it, follows it in the same
    clause ("эксперт фонда Иван Петров") or stands right before it ("Петров, эксперт фонда").
    """
    key = ("person mentions", len(ctx.mentions))
    if key not in ctx.memo:  # once per text, with bisection aids (was built and scanned per call)
        per_all = [m for m, e in ctx.mentions if e.type == "PER"]
        ctx.memo[key] = (per_all, [m.start for m in per_all], _Intervals((m.start, m.end) for m in per_all))
    per, per_starts, per_cover = ctx.memo[key]
    found = -1
    for t in _tokens_with_lemma(ctx, head, lo, pos):
        if ctx.in_quote(t.start) or t.start in per_cover:
            continue
        k = bisect_left(per_starts, t.end)  # per is by start: the first starting at or after t.end
        after = per[k] if k < len(per) else None
        if after is not None and not re.search(r"[.,;:!?()]", ctx.text[t.end : after.start]) and len(ctx.toks(t.end, after.start)) <= 8:
            continue
        # the last (in order) ending by t.start: none starting after t.start can
        before = next((per[i] for i in range(bisect_right(per_starts, t.start) - 1, -1, -1) if per[i].end <= t.start), None)
        if before is not None and ctx.text[before.end : t.start].strip() in (",", "—", "-", ", —"):
            continue
        found = t.start
    return found


def _role_heads(ctx: _Ctx, e: Entity) -> set[str]:
    """Lemmas of the head nouns of a person's roles ("министр иностранных дел" -> "министр")."""
    key = ("role heads", id(e))
    if key not in ctx.memo:
        ctx.memo[key] = _role_heads_uncached(ctx, e)
    return set(ctx.memo[key])


def _role_heads_uncached(ctx: _Ctx, e: Entity) -> set[str]:
    return {r.head for r in _roles(ctx, e) if r.head}


def _roles(ctx: _Ctx, e: Entity) -> list[Any]:
    """A person's roles as ``Role`` objects (read by the roles stage; built from the strings for old archives)."""
    key = ("roles", id(e))
    if key not in ctx.memo:
        from .roles import roles_of

        ctx.memo[key] = roles_of(e, ctx.models.parse)
    return ctx.memo[key]


def _role_fits(ctx: _Ctx, head: str, e: Entity | None) -> bool:
    """May a person with these roles be called by this description head?

    A profession description ("эксперт") fits anyone; an office ("министр", "посол") fits a
    person without known roles, or one whose role has the same head, a synonym or a generic
    head ("глава Минфина" is a "министр"), and never a role that merely depends on that office
    ("заместитель губернатора" is not "губернатор").
    """
    if e is None or not e.roles:
        return True
    heads = _role_heads(ctx, e)
    if head not in heads and any(head in r.lemmas for r in _roles(ctx, e)):
        return False  # "заместитель губернатора"
    if head in EXPERT_HEADS or head in GENERIC_HEADS:
        return True
    return bool(heads & ({head} | HEAD_SYNONYMS.get(head, set()) | GENERIC_HEADS))


def _phrase_speaker(ctx: _Ctx, attr: _Attribution, gender: str | None) -> Speaker | None:
    """The speaker of a headline: a mention inside the phrase, else the person holding the role."""
    region = attr.after if attr.cue in ("-",) else attr.before
    if region is None:
        return None
    start, end = region
    mentions = _mentions_in(ctx, start, end)
    pers = [me for me in mentions if me[1].type == "PER"]
    if pers:
        return _speaker_of(pers[-1][1])
    desc = ctx.text[start:end].strip()
    normal = _nominative(ctx, desc)
    person = _person_by_role(ctx, normal, gender, len(ctx.text))
    if person is not None:
        return _speaker_of(person)
    # a surname alone in a headline ("Беридзе: ...") that matches a person of the body
    words = _WORD.findall(desc)
    if len(words) == 1 and words[0][0].isupper():
        for e in ctx.article.entities:
            if e.type == "PER" and e.last and e.last.lower() == words[0].lower():
                return _speaker_of(e)
    if mentions:
        return _speaker_of(mentions[0][1])
    words_t = ctx.toks(start, end)
    if words_t:
        sp = _np_speaker(ctx, words_t, mentions, gender, attr, [])
        if sp is not None:
            return sp
    return Speaker(normal, "OTHER", None) if normal else None
