"""Pass 1 (continued): direct statements, top-level quotes with an attribution.

``«...», — сказал X``, ``«...», сказал X``, ``X заявил: «...»``, ``X заявил, что «...»``, a
quote split by its attribution and paragraphs of one quote.
"""

from __future__ import annotations

import re

from .._lexicon import QUOTED_NAME_HEADS, DOUBLE_CLOSING, DOUBLE_OPENING, SPEAKER_VOICE_WORDS, TOGGLE_MARKS
from .._speech import (
    CALL_LEMMAS,
    CREDITING_LEMMAS,
    DOCUMENT_NOUNS,
    NAMING_LEMMAS,
    NICKNAMING_LEMMAS,
    PO_SLOVAM_NOUNS,
    PO_SLOVAM_PREPOSITIONS,
    QUANTITY_NOUNS,
    QUOTE_JOINERS,
    QUOTING_LEMMAS,
    REQUEST_LEMMAS,
    SPEECH_LEMMAS,
    TITLE_HEADS,
    VIA_LEMMAS,
    WORDS_NOUNS,
)
from ._outlets import OWNED_WORDS_NOUNS, _outlet_name
from ._text import (
    CLAUSE_MARK,
    DASHES,
    MAX_HEADLINE_SPEAKER_WORDS,
    MAX_TERM_WORDS,
    MAX_VERB_TO_CHTO,
    MIN_DIRECT_WORDS,
    MIN_STATEMENT_WORDS,
    PRONOUNS,
    _Attribution,
    _Item,
    _Span,
    _Text,
    _WORD,
    _is_cue_word,
    _is_adj,
    _is_finite_verb,
    _is_speech,
    _mentions_from,
    _mentions_in,
    _negated,
    _sentence_end,
    _lexicon_forms,
    _sentence_start,
    _Tok,
)

# After a closing mark: optional punctuation, a dash, then the attribution.
_AFTER_DASH = re.compile(r"[,.!?…]*\s*[-–—]\s*")


# Nouns of words or documents that attribute a paragraph quoted after a colon ("По его словам:").
WORDS_OF_COLON = (PO_SLOVAM_NOUNS | DOCUMENT_NOUNS) - {"ответ", "канал", "телеграм-канал", "текст"}


# Wiki markup's italics around a quotation (''«...»'', — сказал он): no part of the sentence;
# nor a stray straight mark doubling the quotation's guillemet (''"«...»'', ``_scan_marks``).
MARKUP_MARKS = "'" + TOGGLE_MARKS


# After a closing mark: a comma then the attribution without a dash ("«...», сказал он").
_AFTER_COMMA = re.compile(r",\s+")


# Inside one quote: "A, — отметил он. — B" (the attribution splits the quote).
# Verbs that credit a quoted fragment of the narrator's sentence to their subject.
CREDITING_VERBS = SPEECH_LEMMAS | REQUEST_LEMMAS | NAMING_LEMMAS | CALL_LEMMAS | CREDITING_LEMMAS

# Words opening a clause of its own after a comma ("..., после чего журналисты уехали", "..., а
# жители прозвали"): a crediting verb before them credits nothing after the clause's own verb.
CLAUSE_OPENERS = frozenset("а но однако зато после поэтому причем причём затем потом тогда".split())

_SPLIT = re.compile(r"([,.!?…]*)\s+[-–—]\s+([^«»\"„“”.!?:—–]{2,120}?)([.,:])\s+[-–—]\s+")


def _chain_after(doc: _Text, span: _Span, b_start: int, chain: list[tuple[int, int]], content: tuple[int, int]) -> list[tuple[int, int]]:
    """The unfinished multi-paragraph quote after an unclosed top-level quote.

    Extended by the quote's ``content`` when the quote opens its block and the next block opens
    with a quote mark (a paragraph of a longer quote); otherwise the chain is dropped.
    """
    nxt = doc.blocks[span.block + 1] if span.block + 1 < len(doc.blocks) else None
    if nxt and doc.text[nxt[0] : nxt[0] + 1] in DOUBLE_OPENING and span.open == b_start:
        return [*chain, content]
    return []


def _is_fragment(doc: _Text, span: _Span, b_start: int) -> bool:
    """Whether narrator's words precede the quote in its sentence: the quote is then a fragment."""
    lead = doc.text[_sentence_start(doc, span.open, b_start) : span.open]
    return bool(_WORD.findall(re.split(r":|\s[-–—]\s", lead)[-1]))


def _trailing_attribution(doc: _Text, c_end: int, b_end: int, b_kind: str, words: int, embedded: bool) -> _Attribution | None:
    """The attribution right after a quote's closing mark ``c_end``: after a dash, or after a
    comma when the quote is not a fragment of the narrator's sentence."""
    c_end += len(doc.text[c_end + 1 : b_end]) - len(doc.text[c_end + 1 : b_end].lstrip("'"))
    after = doc.text[c_end + 1 : b_end]
    m = _AFTER_DASH.match(after)
    m_comma = _AFTER_COMMA.match(after) if not m else None
    # the dash often has a non-breaking space before it (",\xa0— сказал он"): any space counts
    if m and after[: m.end()].strip().strip(",.!?…").strip() in tuple(DASHES):
        attr = _after_attribution(doc, c_end + 1 + m.end(), b_end, b_kind, dash=True)
        if attr is not None and attr.cue != "-" and not _speech_cue(doc, attr) and (attr.before is not None or words < MIN_STATEMENT_WORDS):
            return None  # "«екбург.рф» — их подала администрация": not a speech verb
        return attr
    if m_comma and not embedded:
        return _after_attribution(doc, c_end + 1 + m_comma.end(), b_end, b_kind, dash=False)
    return None


def _relayed_attribution(doc: _Text, span: _Span, attr: _Attribution, b_start: int, b_kind: str) -> _Attribution:
    """"X: «...», сообщает Лента.ру": the outlet after the quote relays, so the speaker is
    before the colon, with the outlet as ``via``; ``attr`` when no such colon clause is found."""
    colon = _colon_attribution(doc, span, b_start, b_kind, relayed=True)
    if colon is None:
        return attr
    colon.via = _outlet_name(doc, attr.cue_end, attr.after[1] if attr.after else attr.cue_end)
    return colon


def _other_attribution(
    doc: _Text, span: _Span, parts: list[tuple[int, int, _Attribution | None]], b_start: int, b_kind: str,
    last_attr: _Attribution | None, last_attr_end: int,
) -> _Attribution | None:
    """An attribution found elsewhere than after the quote: inside it (a split quote), before a
    colon, before "что", or the previous quote's when only a dash stands between them."""
    attr = parts[0][2] if len(parts) > 1 else None
    if attr is None:
        attr = _colon_attribution(doc, span, b_start, b_kind)
    if attr is None:
        attr = _chto_attribution(doc, span, b_start) or _po_slovam_attribution(doc, span, b_start)
    if attr is None and last_attr is not None and re.fullmatch(r"\s*[-–—]\s*", doc.text[last_attr_end:span.open] if last_attr_end <= span.open else "x"):
        attr = last_attr  # «A», — сказал он. — «B»
    if attr is None:
        attr = _words_attribution(doc, span, b_start)
    if attr is None and last_attr is not None and _quote_paragraph(doc, span) and span.block > 0:
        # «A», — сказал Петров. / «B»: a paragraph of one quotation after his goes on in his voice
        p_start, p_end, _k = doc.blocks[span.block - 1]
        if p_start < last_attr_end <= p_end + 1:
            attr = last_attr
    return attr


def _quote_paragraph(doc: _Text, span: _Span) -> bool:
    """Is a paragraph one quotation and nothing else?"""
    b_start, b_end, _kind = doc.blocks[span.block]
    return span.open == b_start and span.close is not None and not _WORD.search(doc.text[span.close + 1 : b_end])


def _words_attribution(doc: _Text, span: _Span, b_start: int) -> _Attribution | None:
    """"обратился к залу со словами «...»", "оканчивались словами «A» и «B»": the quotation is
    the words said, however short (``WORDS_NOUNS``); the speaker is before the noun."""
    s_start = _sentence_start(doc, span.open, b_start)
    lead = doc.text[s_start : span.open]
    # earlier quotations of the same list ("словами «A» и «B»") are skipped
    while True:
        shorter = re.sub(rf"[{DOUBLE_OPENING}][^{DOUBLE_OPENING}{DOUBLE_CLOSING}]*[{DOUBLE_CLOSING}]\s*(?:,|и|или)\s*$", "", lead)
        if shorter == lead:
            break
        lead = shorter
    m = re.search(r"(?:\bсо\s+)?\b(\w+)\s*:?\s*$", lead)
    if m is None or m.group(1).lower() not in WORDS_NOUNS:
        return None
    before = (_inverted_subject_start(doc, s_start, s_start + m.start()), s_start + m.start())
    return _Attribution(m.group(1).lower(), s_start + m.start(1), s_start + m.end(1), before=before)


# Words of an approximate count before a number ("около 100 демонстрантов").
_ABOUT = ("около", "более", "свыше", "почти", "порядка", "до")


def _inverted_subject_start(doc: _Text, start: int, end: int) -> int:
    """"В субботу собрались около 100 демонстрантов с криками «...»": after an intransitive
    finite verb, a subject of its own (a noun in the nominative, or a count: "около 100 демонстрантов")
    reaching the words noun is the one who shouted; the region starts after the verb.
    Otherwise (the subject before the verb: "Демонстранты собрались у мэрии с криками") the
    whole lead is the region."""
    toks = [t for t in doc.toks(start, end) if not doc.in_quote(t.start)]
    k = max((k for k, t in enumerate(toks) if _is_finite_verb(doc, t)), default=None)
    if k is None or k + 1 >= len(toks) or "intr" not in doc.parse(toks[k].text)[0].tag:
        return start  # "закончил речь словами": after a transitive verb, its object
    after = toks[k + 1 :]
    first = after[0]
    if first.low in _ABOUT and len(after) > 1 and (after[1].text.isdigit() or doc.parse(after[1].text)[0].tag.POS == "NUMR"):
        return after[1].start  # the count's noun names the group ("демонстранты")
    if first.text.isdigit() or any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(first.text)[:1]) or _is_adj(doc, first) and doc.parse(first.text)[0].tag.case == "nomn":
        return first.start
    return start


def _direct_items(doc: _Text) -> list[_Item]:
    """Attributed top-level quotes of every block."""
    text = doc.text
    items: list[_Item] = []
    tops = [s for s in doc.spans if s.depth == 0]
    chain: list[tuple[int, int]] = []  # contents of an unfinished multi-paragraph quote
    last_attr: _Attribution | None = None
    last_attr_end = -1
    for span in tops:
        b_start, b_end, b_kind = doc.blocks[span.block]
        c_start = span.open + 1
        if span.close is None:
            chain = _chain_after(doc, span, b_start, chain, (c_start, b_end))
            continue
        c_end = span.close
        parts = _split_parts(doc, c_start, c_end)
        words = len(_WORD.findall(text[c_start:c_end]))
        embedded = _is_fragment(doc, span, b_start)
        attr = _trailing_attribution(doc, c_end, b_end, b_kind, words, embedded)
        if attr is not None and _speech_cue(doc, attr, VIA_LEMMAS) and not chain:
            attr = _relayed_attribution(doc, span, attr, b_start, b_kind)
        if attr is None:
            attr = _other_attribution(doc, span, parts, b_start, b_kind, last_attr, last_attr_end)
        # a quoted name or term ("в «нормандском формате»") is not a statement
        term = words < MIN_DIRECT_WORDS or embedded and words <= MAX_TERM_WORDS and not _right_after_chto(doc, span, b_start)
        term = term and not chain and not (attr is not None and attr.cue in WORDS_NOUNS)
        if attr is None or term:
            chain = []
            continue
        items.extend(_Item("direct", cs, ce, attr) for cs, ce in chain)
        items.extend(_Item("direct", ps, pe, attr) for ps, pe, _a in parts)
        chain = []
        last_attr = attr
        last_attr_end = _sentence_end(doc, c_end + 1, b_end) + 1
    return items + _block_quote_items(doc, items)


def _speech_cue(doc: _Text, attr: _Attribution, lemmas: frozenset[str] = SPEECH_LEMMAS | VIA_LEMMAS) -> bool:
    """Is the attribution's cue word (its first word) one of these lemmas?"""
    word = doc.text[attr.cue_start : attr.cue_end].split()
    return bool(word) and word[0][0].isalpha() and doc.lemma(word[0]) in lemmas


def _split_parts(doc: _Text, start: int, end: int) -> list[tuple[int, int, _Attribution | None]]:
    """Cut a quote at an inner attribution "A, — отметил он. — B" into its parts."""
    text = doc.text
    for m in _SPLIT.finditer(text, start, end):
        words = _WORD.findall(m.group(2))
        if not words or not _is_cue_word(doc, words[0]) and not (len(words) > 1 and _is_cue_word(doc, words[1])):
            continue
        first_end = m.start() + (len(m.group(1)) if m.group(1) and m.group(1)[0] in "!?…" else 0)
        attr_start = m.start(2)
        attr = _after_attribution(doc, attr_start, m.end(2), "paragraph", dash=True)
        if attr is None:
            continue
        return [(start, first_end, attr), (m.end(), end, attr)]
    return [(start, end, None)]


def _after_attribution(doc: _Text, pos: int, b_end: int, b_kind: str, dash: bool) -> _Attribution | None:
    """Attribution written after a quote: "— сказал X", "— приводит его слова Y", "— министр"."""
    end = _sentence_end(doc, pos, b_end)
    # stop at a following quote ("— сказал он. — «...»" is handled by the sentence end)
    q = re.search(rf"[-–—]\s*[{DOUBLE_OPENING}]", doc.text[pos:end])
    if q:
        end = pos + q.start()
    toks = doc.toks(pos, end)
    if not toks:
        return None
    cue_i = None
    for i, t in enumerate(toks[:3]):
        if _is_cue_word(doc, t.text) and t.low not in PRONOUNS:
            cue_i = i
            break
    if cue_i is None:
        if b_kind == "title" and dash and len(toks) <= MAX_HEADLINE_SPEAKER_WORDS:
            return _Attribution("-", pos, pos, after=(pos, end), headline=doc.text[pos:end].strip())
        return None
    if not dash and doc.lemma(toks[cue_i].text) not in SPEECH_LEMMAS:
        return None
    cue = toks[cue_i]
    cue_end = cue.end
    # "приводит его слова", "приводит слова Хачатряна"
    if doc.lemma(cue.text) in ("приводить", "привести"):
        for t in toks[cue_i + 1 : cue_i + 4]:
            if t.low in ("слова", "слов"):
                cue_end = t.end
                break
    attr = _Attribution(doc.text[cue.start : cue_end].lower(), cue.start, cue_end)
    if cue_i > 0:  # "— он подчеркнул"
        attr.before = (pos, cue.start)
    attr.after = (cue.start if cue_end > cue.end else cue_end, end)
    if cue_end > cue.end:
        attr.after = (cue.end, end)
    return attr


def _colon_attribution(doc: _Text, span: _Span, b_start: int, b_kind: str, relayed: bool = False) -> _Attribution | None:
    """"X заявил: «...»", "X: «...»" (the clause before a colon right before the quote, or
    ending the paragraph before a quote that opens its own).

    ``relayed``: an outlet follows the quote ("X называет это злом: «...», сообщает Y"), so
    any person named in the clause before the colon is the speaker, however long the clause.
    """
    text = doc.text
    before = text[b_start : span.open]
    c_end = span.close if span.close is not None else doc.blocks[span.block][1]
    if len(_WORD.findall(text[span.open : c_end])) < MIN_STATEMENT_WORDS:
        return None
    if not before.strip() and span.block > 0:
        # "Министр сказал:\n«...»": the colon ends the paragraph before
        p_start, p_end, p_kind = doc.blocks[span.block - 1]
        if text[p_end - 1 : p_end] == ":" and p_kind != "title":
            return _colon_clause(doc, p_end - 1, p_start, p_kind, relayed)
        return None
    if not re.search(rf":\s*[{MARKUP_MARKS}]*$", before):
        return None
    colon = b_start + before.rstrip().rfind(":")
    attr = _colon_clause(doc, colon, b_start, b_kind, relayed)
    if attr is None and any(t.low in SPEAKER_VOICE_WORDS for t in doc.toks(span.open, c_end)):
        # "она отшутилась: «Это была аллергия на моего соперника»": words in someone's own voice
        # after a clause whose subject is a person
        s_start = _sentence_start(doc, colon, b_start)
        toks = [t for t in doc.toks(s_start, colon) if not doc.in_quote(t.start)]
        if any(t.low in ("он", "она", "они") for t in toks) or any(e.type == "PER" for _m, e in _mentions_in(doc, s_start, colon)):
            attr = _Attribution(":", colon, colon + 1, before=(s_start, colon))
    return attr


def _colon_clause(doc: _Text, colon: int, b_start: int, b_kind: str, relayed: bool = False) -> _Attribution | None:
    """The attribution in the clause before a colon at ``colon``: its last speech verb, else
    a short clause naming a speaker ("Министр Игорь Петров:"), any length when ``relayed``."""
    s_start = _sentence_start(doc, colon, b_start)
    toks = doc.toks(s_start, colon)
    if not toks:
        return None
    quoting = next((t for t in toks if not doc.in_quote(t.start) and doc.lemma(t.text) in QUOTING_LEMMAS), None)
    if quoting is not None and not any(e.type == "PER" and _quoting_person(doc, s_start, m.start) for m, e in _mentions_in(doc, s_start, quoting.start)):
        # "Слова министра приводит РИА Новости:", "CNN процитировало слова сенатора:": the
        # outlet relays (``via``), the owner of the words or the one quoted speaks; a person
        # quoting (a person named before the verb, no words noun before the name) is no relay ("Анна Орлова привела слова Игоря Петрова:" is Петров's as before,
        # "Петров процитировал классика и добавил:" is Петров's ``добавил``)
        return _Attribution(quoting.low, quoting.start, quoting.end, after=(s_start, colon))
    for t in reversed(toks):
        if not doc.in_quote(t.start) and _is_speech(doc, t):
            # "Он признал, что письмо настоящее:": the verb has its own reported clause too
            chto = bool(re.search(r",\s*(?:что|как)\b", doc.text[t.end : colon]))
            before: tuple[int, int] | None = (s_start, t.start)
            if doc.text[s_start : t.start].rstrip().endswith(",") and _is_finite_verb(doc, t) and _WORD.search(doc.text[t.end : colon]) and not chto:
                # "Усы Дали сохранили форму, рассказали эксперты, проводившие эксгумацию:": a
                # verb right after the clause it reports has its subject after it
                before = None
            return _Attribution(t.low, t.start, t.end, before=before, after=(t.end, colon), chto=chto)
    has_speaker = any(
        m.start >= s_start and m.end <= colon for m, _e in _mentions_from(doc, s_start, colon)
    ) or b_kind == "title"
    if has_speaker and (len(toks) <= MAX_HEADLINE_SPEAKER_WORDS + 3 or relayed):
        return _Attribution(":", colon, colon + 1, before=(s_start, colon))
    return None


def _colon_words_noun(doc: _Text, colon: int, b_start: int) -> _Attribution | None:
    """A colon clause that names words or a document instead of a speech verb, before a
    paragraph quoted without marks: "По его словам:", "В сообщении полиции приводится:",
    "Петров посвятил событию комментарий:" (``PO_SLOVAM_NOUNS``, ``DOCUMENT_NOUNS``); with
    someone named in the clause, a possessive, or the owner's words after the noun."""
    s_start = _sentence_start(doc, colon, b_start)
    toks = doc.toks(s_start, colon)
    for n in range(len(toks) - 1, -1, -1):
        t = toks[n]
        if doc.in_quote(t.start) or doc.lemma(t.text) not in WORDS_OF_COLON:
            continue
        start = n
        if start > 0 and toks[start - 1].low in PRONOUNS:
            start -= 1  # "по его словам"
        if start > 0 and toks[start - 1].low in PO_SLOVAM_PREPOSITIONS:
            start -= 1
        owned = start < n or n + 1 < len(toks) or any(m.start >= s_start for m, _e in _mentions_from(doc, s_start, colon))
        if not owned:
            return None
        verb = next((x for x in toks[n + 1 :] if _is_finite_verb(doc, x)), None)
        if verb is not None:  # "В сообщении полиции приводится:" reads as "в заявлении X говорится"
            return _Attribution(verb.low, verb.start, verb.end, before=(s_start, verb.start), after=(verb.end, colon))
        cue = toks[start]
        # "по его словам": the pronoun is the speaker (as ``_po_slovam_item`` reads it)
        after = (cue.start, t.end) if toks[n - 1].low in PRONOUNS and start < n else (t.end, colon)
        return _Attribution(doc.text[cue.start : t.end].lower(), cue.start, t.end, before=(s_start, cue.start), after=after)
    return None


def _listed(doc: _Text, attr: _Attribution, colon: int, then: list[_Tok]) -> bool:
    """Does a colon clause naming a document announce a list, not words ("В документе
    перечислены улицы:" then "Ленина, Мира и Садовая."): a predicate after its noun that is
    no verb of speech or quoting, and no verb in the paragraph after the colon?"""
    preds = [x for x in doc.toks(attr.cue_start, colon) if not doc.in_quote(x.start) and doc.parse(x.text)[0].tag.POS in ("VERB", "PRTS")]
    if not preds or any(_is_speech(doc, x) or doc.lemma(x.text).removesuffix("ся") in QUOTING_LEMMAS for x in preds):
        return False
    return not any(t.text[0].islower() and doc.parse(t.text)[0].tag.POS in ("VERB", "PRTS", "INFN", "PRED") for t in then)


def _block_quote_items(doc: _Text, taken: list[_Item]) -> list[_Item]:
    """Paragraphs quoted without marks after a paragraph ending in a colon ("Игорь Петров
    сказал:" / "В заявлении говорится:", then the words as their own paragraph).

    The paragraph is the speaker's whole statement when the colon clause attributes it
    (``_colon_clause``) and it has no quotation of its own. A paragraph on the next line
    always; one after a blank line only in someone's own voice (first or second person,
    ``SPEAKER_VOICE_WORDS``) and with no speech verb of the narrator's, so "Петров заявил:"
    before a lost quote does not take the next paragraph of the story.
    """
    items: list[_Item] = []
    quoted = {s.block for s in doc.spans if s.depth == 0 and s.open == doc.blocks[s.block][0]}
    starts = {it.start for it in taken}
    for bi in range(1, len(doc.blocks)):
        toks = _block_quote_candidate(doc, taken, bi, quoted, starts)
        if toks is None:
            continue
        attr = _block_quote_attribution(doc, bi, toks)
        if attr is not None:
            b_start, b_end, _b_kind = doc.blocks[bi]
            items.append(_Item("direct", b_start, b_end, attr))
            items.extend(_Item("direct", ns, ne, attr) for ns, ne in _block_quote_goes_on(doc, bi, quoted))
    return items


def _block_quote_candidate(doc: _Text, taken: list[_Item], bi: int, quoted: set[int], starts: set[int]) -> list[_Tok] | None:
    """The words of the block ``bi`` when it may be a quotation without marks: after a
    paragraph ending in a colon, no headline, no quotation or statement of its own, enough
    words, not a caption; None otherwise."""
    text = doc.text
    b_start, b_end, b_kind = doc.blocks[bi]
    _p_start, p_end, p_kind = doc.blocks[bi - 1]
    if b_kind == "title" or p_kind == "title" or text[p_end - 1 : p_end] != ":" or bi in quoted or b_start in starts:
        return None
    toks = doc.toks(b_start, b_end)
    if len(toks) < MIN_STATEMENT_WORDS or any(it.start >= b_start and it.end <= b_end for it in taken):
        return None
    if all(t.text[0].isupper() for t in toks):
        return None  # a caption or a signature ("И. Ф. Петров")
    return toks


def _block_quote_attribution(doc: _Text, bi: int, toks: list[_Tok]) -> _Attribution | None:
    """Who the block ``bi`` (its words ``toks``) is quoted from, by the paragraph before it
    ending in a colon; None when it is no quotation."""
    text = doc.text
    b_start = doc.blocks[bi][0]
    p_start, p_end, p_kind = doc.blocks[bi - 1]
    voice = any(t.low in SPEAKER_VOICE_WORDS for t in toks)
    words_attr = _colon_words_noun(doc, p_end - 1, p_start)
    if words_attr is not None and _listed(doc, words_attr, p_end - 1, toks):
        words_attr = None
    attr = _colon_clause(doc, p_end - 1, p_start, p_kind) or words_attr
    if re.search(r"\n[ \t\r]*\n", text[p_end:b_start]):
        # "По его словам:" alone before the paragraph announces nothing but the words; so does
        # a paragraph that is only a speech verb's clause ending at the colon ("Дежурный сказал:",
        # "Мэр Сергей Собянин в twitter написал:"), when the paragraph after the blank line is
        # short, opens with no figure (a date: the story going on) and has no verb of saying
        bare_po = words_attr is not None and words_attr.cue.startswith("по ") and not _WORD.search(text[_sentence_start(doc, p_end - 1, p_start) : words_attr.cue_start])
        said = (
            attr is not None
            and attr.cue_end <= p_end - 1
            and not _WORD.search(text[attr.cue_end : p_end - 1])
            and _is_speech_word(doc, attr.cue)
            and _sentence_start(doc, p_end - 1, p_start) == p_start
        )
        short = len(toks) <= MAX_ANNOUNCED_BLOCK_WORDS and not toks[0].text[0].isdigit()
        if not (voice or bare_po or said and short) or any(not doc.in_quote(t.start) and _is_speech(doc, t) for t in toks):
            return None
    if attr is None and voice:
        # "Депардьё отказался от гражданства:" then "Кто вы такой, чтобы судить меня": words in
        # someone's own voice after a colon clause naming a person are that person's
        s_start = _sentence_start(doc, p_end - 1, p_start)
        if any(e.type == "PER" and m.start >= s_start for m, e in _mentions_from(doc, s_start, p_end - 1)):
            attr = _Attribution(":", p_end - 1, p_end, before=(s_start, p_end - 1))
    return attr


# How many words a paragraph after a blank line may have and still be the words a speech verb
# announced with a colon ("Дежурный сказал:" / "Автобус врезался в остановку. Погибших нет.").
MAX_ANNOUNCED_BLOCK_WORDS = 40


def _is_speech_word(doc: _Text, cue: str) -> bool:
    """Is a cue a speech verb (its first word), not a colon or a noun ("по словам")?"""
    word = cue.split()[0] if cue.split() else ""
    return word.isalpha() and doc.lemma(word) in SPEECH_LEMMAS


def _block_quote_goes_on(doc: _Text, bi: int, quoted: set[int]) -> list[tuple[int, int]]:
    """The paragraphs that go on with the block quotation of paragraph ``bi`` ("В сообщении
    клуба говорится:" / "Мы потрясены ..." / "Наши мысли с его семьёй"): each on the very next
    line (no blank line between), in the speaker's own voice (``SPEAKER_VOICE_WORDS``), with
    no quotation of its own and no speech verb of the narrator's."""
    text = doc.text
    out: list[tuple[int, int]] = []
    for ni in range(bi + 1, len(doc.blocks)):
        n_start, n_end, n_kind = doc.blocks[ni]
        if n_kind == "title" or ni in quoted or re.search(r"\n[ \t\r]*\n", text[doc.blocks[ni - 1][1] : n_start]):
            break
        toks = doc.toks(n_start, n_end)
        if not any(t.low in SPEAKER_VOICE_WORDS for t in toks) or any(doc.in_quote(t.start) or _is_speech(doc, t) for t in toks):
            break
        out.append((n_start, n_end))
    return out


def _chto_attribution(doc: _Text, span: _Span, b_start: int) -> _Attribution | None:
    """"X заявил, что «...»": the quote is the speaker's direct statement inside reported speech
    when it ends the clause, or only quotations follow ("что «A», но «B»"); a quote after a
    verb of the narrator's in the clause ("что отставка является «...»") is a fragment of the
    indirect statement."""
    text = doc.text
    right_after = _right_after_chto(doc, span, b_start)
    s_start = _sentence_start(doc, span.open, b_start)
    toks = doc.toks(s_start, span.open)
    c_end = span.close if span.close is not None else doc.blocks[span.block][1]
    if not right_after and len(_WORD.findall(text[span.open : c_end])) < MIN_STATEMENT_WORDS:
        return None  # a short quoted name or label inside reported speech
    # "сказала, что хотела стать юристом, «потому что не хотела, чтобы мне указывали»": the
    # quote speaks in the first or second person inside a reported clause in the third, so its
    # words are the speaker's own, whatever verb of the narrator's leads to it
    own_voice = any(t.low in SPEAKER_VOICE_WORDS for t in doc.toks(span.open, c_end))
    if span.close is not None:
        s_end = _sentence_end(doc, span.close + 1, doc.blocks[span.block][1])
        if not _only_quotes(doc, span.close + 1, s_end):
            return None  # "что G8 «имеет другое значение» для Европы": the clause goes on, one indirect statement
    for k in range(len(toks) - 1, 0, -1):
        if toks[k].low != "что" or text[toks[k - 1].end : toks[k].start].strip() != "," or doc.in_quote(toks[k].start):
            continue
        if any(not doc.in_quote(t.start) and _is_finite_verb(doc, t) for t in toks[k + 1 :]) and not own_voice:
            return None  # "что отставка является «ритуальной жертвой»": a fragment of the narrator's clause
        for t in reversed(toks[max(0, k - 1 - MAX_VERB_TO_CHTO) : k]):
            if _is_speech(doc, t) and not _negated(doc, t):
                return _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, toks[k - 1].end), chto=True)
        return None
    return None


def _po_slovam_attribution(doc: _Text, span: _Span, b_start: int) -> _Attribution | None:
    """"По его словам, он «не боится ...»", "По словам очевидцев, нападавший «просто зашёл
    ...»": the quotation ending the sentence of a "по словам X," phrase, with only its subject
    before it, is the source's direct statement (as after "что", ``_chto_attribution``); the
    phrase's source is the speaker. Not when a verb of the narrator's stands before the quote
    or the clause goes on after it (a fragment of the indirect statement)."""
    text = doc.text
    if span.close is None or len(_WORD.findall(text[span.open : span.close])) < MIN_STATEMENT_WORDS:
        return None
    s_start = _sentence_start(doc, span.open, b_start)
    if not _only_quotes(doc, span.close + 1, _sentence_end(doc, span.close + 1, doc.blocks[span.block][1])):
        return None
    toks = doc.toks(s_start, span.open)
    for k, t in enumerate(toks):
        if t.low not in PO_SLOVAM_PREPOSITIONS or doc.in_quote(t.start):
            continue
        n = k + 1 + (k + 1 < len(toks) and toks[k + 1].low in PRONOUNS)
        if n >= len(toks) or toks[n].low != "словам" and doc.lemma(toks[n].text) not in ("мнение", "утверждение"):
            continue
        comma = text.find(",", toks[n].end, span.open)
        if comma < 0 or re.search(r"\s[-–—]\s", text[toks[n].end : comma]):
            return None  # "По мнению автора — это ...": the phrase ends at a dash, the clause goes on
        lead = [x for x in doc.toks(comma, span.open) if not doc.in_quote(x.start)]
        if any(doc.parse(x.text)[0].tag.POS in ("VERB", "PRTS", "INFN", "PRED") for x in lead) or any(
            doc.parse(x.text)[0].tag.POS in ("PRTF", "GRND") for x in lead[1:]
        ):
            return None  # a verb of the narrator's (a participle as the subject, "нападавший", is no verb)
        if len(doc.toks(comma, span.open)) > MAX_TERM_WORDS:
            return None  # more than a subject before the quotation: the narrator's clause
        if not any(doc.parse(x.text)[0].tag.POS in ("VERB", "PRTS", "ADJS", "PRED") for x in doc.toks(span.open, span.close) if x.text[0].islower()):
            return None  # a quoted name or phrase with no verb: "Петров «человек слова»"
        after = (t.start, toks[n].end) if n == k + 2 else (toks[n].end, comma)
        return _Attribution(text[t.start : toks[n].end].lower(), t.start, toks[n].end, before=(s_start, t.start), after=after, chto=True)
    return None


def _right_after_chto(doc: _Text, span: _Span, b_start: int) -> bool:
    """Does the quote open a reported clause ("добавив, что «впереди много работы»"): then its
    words are what was said, however few, not a term of the narrator's."""
    return bool(re.search(rf"\bчто\s*[{MARKUP_MARKS}]*$", doc.text[max(b_start, span.open - 12) : span.open]))


def _only_quotes(doc: _Text, start: int, end: int) -> bool:
    """Is ``text[start:end]`` only quotations and the words that join them (``QUOTE_JOINERS``)?"""
    return all(doc.in_quote(t.start) or t.low in QUOTE_JOINERS for t in doc.toks(start, end))


def _partial_items(doc: _Text, items: list[_Item]) -> list[_Item]:
    """Partial quotations: a speaker's own words quoted inside the narrator's or a reported
    sentence are a direct statement of that speaker (issue 15's convention).

    Inside a reported statement they take its speaker and cue ("сказала, что она «просто в
    восторге» и очень рада"); in the narrator's sentence, the nearest verb before them that
    credits words to its subject ("назвал выбор «историческим решением»", "критиковал «кафиров
    ...»", ``CREDITING_VERBS``). Either is kept only with a speaker found: nobody's words are a
    term ("Эту «удобную схему» нужно проработать, указывается в письме"). A quotation that
    opens (past an ellipsis) with anything but a lower-case letter is a name, a title or a figure («Спартак», «О мерах ...»), not words; so
    are titles and terms (``_titled``) and nicknames (``_nickname``); one already a direct
    statement is not taken twice.
    """
    text = doc.text
    taken = [(it.start, it.end) for it in items if it.kind == "direct"]
    reported = [it for it in items if it.kind == "indirect"]
    out: list[_Item] = []
    for span in doc.spans:
        if span.close is None:
            continue
        c_start, c_end = span.open + 1, span.close
        while c_start < c_end and text[c_start] in MARKUP_MARKS:
            c_start += 1
        while c_end > c_start and text[c_end - 1] in MARKUP_MARKS:
            c_end -= 1
        # the case of its first letter, past an ellipsis that opens a cut quotation («...историческим шагом»)
        first = next((ch for ch in text[c_start:c_end] if ch not in ".… "), "")
        if c_start >= c_end or not first.islower() or any(s < c_end and c_start < e for s, e in taken):
            continue
        # the innermost reported statement holding it: "Стоит отметить, что X сделал «...», как
        # заметил Y" is Y's
        outer = min((it for it in reported if it.start <= span.open and span.close < it.end), key=lambda it: it.end - it.start, default=None)
        attr = outer.attr if outer is not None else _crediting_attribution(doc, span) if span.depth == 0 else None
        if attr is not None and not _titled(doc, span, c_start, c_end) and not _nickname(doc, span):
            out.append(_Item("direct", c_start, c_end, attr, credited=True))
    return out


def _titled(doc: _Text, span: _Span, c_start: int, c_end: int) -> bool:
    """A quotation that is a title or a term: opening with a title noun («закон Димы Яковлева»;
    not what a verb just before it names: "назвали «указом против анонимности»"), right after
    one ("закона о запрете «...»", "статья «...»"), or after "так называемый"."""
    before = doc.toks(max(doc.blocks[span.block][0], span.open - 60), span.open)[-3:]
    lows = [t.low for t in before]
    if "так" in lows[:-1] and lows[-1].startswith("называем"):
        return True  # "по так называемому «делу крымских террористов»"
    inside = doc.toks(c_start, c_end)
    forms = _lexicon_forms(doc, "crediting", CREDITING_VERBS)
    # "назвали «указом ...»", "назвав его «делом всей команды»": what the verb names
    named = bool(before) and (before[-1].low in forms or len(before) > 1 and before[-2].low in forms and before[-1].low in PRONOUNS)
    if inside and doc.lemma(inside[0].text) in TITLE_HEADS and not named:
        return True
    lemmas = [doc.lemma(t.text) for t in before]
    heads = TITLE_HEADS | QUOTED_NAME_HEADS
    return bool(lemmas) and (lemmas[-1] in heads or len(lemmas) == 3 and lemmas[0] in heads and lemmas[1] in ("о", "об"))


def _nickname(doc: _Text, span: _Span) -> bool:
    """A quotation right after a naming verb in an indefinite-personal clause: a plural verb
    (or its infinitive after a plural "стали") with no nominative subject before it and no
    organisation named after "в" in its clause ("в Минфине назвали ...": the ministry's words;
    "ФСЭГ, который в прессе называют «...»" stays a nickname)."""
    b_start = doc.blocks[span.block][0]
    s_start = _sentence_start(doc, span.open, b_start)
    toks = [t for t in doc.toks(s_start, span.open) if not doc.in_quote(t.start)]
    k = next((i for i in range(len(toks) - 1, max(-1, len(toks) - 4), -1) if doc.lemma(toks[i].text) in NICKNAMING_LEMMAS), None)
    if k is None:
        return False
    verb = toks[k]
    if doc.parse(verb.text)[0].tag.POS == "INFN" and k > 0:
        k -= 1
        verb = toks[k]
    tag = doc.parse(verb.text)[0].tag
    if tag.POS != "VERB" or tag.number != "plur":
        return False
    clause = max((i + 1 for i in range(k) if doc.text[toks[i].end : toks[i + 1].start].strip() in (",", "—", "–", "-")), default=0)
    relative = max((i + 1 for i in range(clause, k) if toks[i].low.startswith("котор")), default=clause)
    if relative < k and any(e.type == "ORG" and re.search(r"(?i)(?:^|\s)во?\s+[«\"]?$", doc.text[toks[relative].start : m.start]) for m, e in _mentions_in(doc, toks[relative].start, verb.start)):
        return False  # "В Минфине назвали решение «историческим»": the body named speaks, as with "заявили"
    for t in toks[clause:k]:
        if t.low in ("который", "которого", "которую", "которое"):
            continue
        for p in doc.parse(t.text)[:2]:
            if "nomn" in p.tag and p.tag.POS in ("NOUN", "NPRO") and (p.tag.number == "plur" or p.normal_form in QUANTITY_NOUNS):
                return False
    return True


def _crediting_attribution(doc: _Text, span: _Span) -> _Attribution | None:
    """The verb of the quote's sentence that credits the quoted words to its subject: the
    nearest one before the quote, not negated, not inside another quotation, and not across a
    clause of its own opened by a conjunction after a comma ("оценил ситуацию, после чего
    журналисты уехали в «горячую точку»", "..., а жители прозвали мост «горбатым»": the quote is
    the other clause's; a clause the verb governs keeps it: "призвал не забывать о том, в каком
    положении оказались беженцы, «покинувшие свою землю»")."""
    b_start = doc.blocks[span.block][0]
    s_start = _sentence_start(doc, span.open, b_start)
    forms = _lexicon_forms(doc, "crediting", CREDITING_VERBS)
    toks = doc.toks(s_start, span.open)
    passed: list[_Tok] = []  # the words between the quote and the word read (parsed only when asked)
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if doc.in_quote(t.start):
            continue
        if t.low in forms:
            if _negated(doc, t):
                return None
            return _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, span.open))
        if (t.low in CLAUSE_OPENERS and k and CLAUSE_MARK.search(doc.text[toks[k - 1].end : t.start])
                and any(doc.parse(x.text)[0].tag.POS == "VERB" for x in passed)):
            return None
        passed.append(t)
    return None


def _quoting_person(doc: _Text, s_start: int, start: int) -> bool:
    """Is a person named at ``start`` the one quoting, not the owner of the words ("Анна Орлова
    привела слова ...", not "Слова Игоря Петрова приводит ...": no words noun before the name)?"""
    return not any(doc.lemma(t.text) in OWNED_WORDS_NOUNS for t in doc.toks(s_start, start))
