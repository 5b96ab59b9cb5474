"""The attribution phrases of reported speech: "по словам X, S" / "S, по данным X" / "Как
сообщил X, S", their sources, and the impersonal cues that name none."""

from __future__ import annotations

import re

from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING
from .._speech import CONNECTIVES, DATA_NOUNS, PO_SLOVAM_NOUNS, QUANTITY_WORDS, REPORT_NOUNS
from ._outlets import _relative_relay
from ._text import (
    BACK_ADVERBS,
    DASHES,
    MIN_STATEMENT_WORDS,
    PRONOUNS,
    _Attribution,
    _Item,
    _Text,
    _Tok,
    _WORD,
    _is_adj,
    _is_adverb,
    _mentions_from,
    _present_participle,
)

# Parts of speech that make a headline's words a clause: what someone says, not a topic.
CLAUSE_POS = frozenset({"VERB", "ADJS", "PRTS", "PRED", "INFN"})


def _impersonal(doc: _Text, tok: _Tok) -> bool:
    """A cue with no subject of its own: a reflexive or short passive ("сообщается", "было
    заявлено") or the third person plural ("считают", "полагают") that speaks for nobody in
    particular."""
    p = doc.parse(tok.text)[0]
    return p.tag.POS == "VERB" and (p.tag.number == "plur" or tok.low.endswith(("ся", "сь"))) or p.tag.POS == "PRTS"


def _source_words(doc: _Text, start: int, end: int) -> bool:
    """Does a region name a source ("в МВД", "СМИ", "в заявлении X", "Там" of the last one):
    any word past the connectives and adverbs ("Также отмечается", "Кроме того, считают"),
    unless they are only the people addressed ("Туристов предупредили, что S")?"""
    if _addressee_only(doc, start, end):
        return False
    return any(
        t.low in BACK_ADVERBS or t.low not in CONNECTIVES and not _is_adverb(doc, t) and doc.lemma(t.text) != "быть" for t in doc.toks(start, end)
    )


def _po_slovam_noun(doc: _Text, toks: list[_Tok], i: int) -> int | None:
    """The index of the noun of "по словам" / "по его данным" / "согласно официальным данным
    МВД" after the preposition ``toks[i]`` (past a possessive pronoun or two adjectives); none
    for figures of nobody ("по предварительным данным")."""
    k = i + 1
    if k < len(toks) and toks[k].low in PRONOUNS:
        k += 1
    else:
        while k < i + 3 and k < len(toks) and _is_adj(doc, toks[k]) and not doc.text[toks[k - 1].end : toks[k].start].strip():
            k += 1
    if k < len(toks) and toks[k].low != "слово" and doc.lemma(toks[k].text) in PO_SLOVAM_NOUNS:
        if doc.lemma(toks[k].text) in DATA_NOUNS and not _data_source(doc, toks, i, k):
            return None  # "по предварительным данным, S", "по данным на 1 марта": nobody's words
        if doc.lemma(toks[k].text) in REPORT_NOUNS and k > i + 1 and toks[i + 1].low not in PRONOUNS and not _data_source(doc, toks, i, k):
            # "по некоторым сообщениям, S", "по неофициальной информации, S": nobody's; not
            # "по неподтверждённой информации, сообщённой X, S" (a participle names the source)
            if k + 1 >= len(toks) or doc.parse(toks[k + 1].text)[0].tag.POS != "PRTF":
                return None
        return k
    return None


def _po_slovam_item(doc: _Text, toks: list[_Tok], i: int, k: int, s_start: int, s_end: int) -> _Item | None:
    """"По словам X, S" / "S, по мнению X" / "по его словам" (``toks[k]`` is the noun)."""
    t, noun = toks[i], toks[k]
    opens = all(w in CONNECTIVES for w in _WORD.findall(doc.text[s_start : t.start].lower()))  # "И по их словам ..."
    if k == i + 2 and toks[i + 1].low in PRONOUNS and opens and k + 1 < len(toks) and not doc.text[noun.end : toks[k + 1].start].strip():
        # "По его словам он доволен": no comma, but the phrase ends with its noun
        attr = _Attribution(doc.text[t.start : noun.end].lower(), t.start, noun.end, after=(t.start, noun.end))
        return _Item("indirect", toks[k + 1].start, s_end, attr)
    source_end = _source_without_comma(doc, toks, i, k, s_start, s_end)
    if source_end is not None:
        # "По данным изданий 39-летний уроженец ...", "Однако по сообщению директора музея Николая
        # Буркова музей является ...": no comma, the source's genitive words end the phrase
        attr = _Attribution(doc.text[t.start : noun.end].lower(), t.start, noun.end, after=(noun.end, toks[source_end - 1].end))
        return _Item("indirect", toks[source_end].start, s_end, attr)
    item = _around_attribution(doc, s_start, s_end, doc.text[t.start : noun.end].lower(), t.start, noun.end)
    if k == i + 2 and toks[i + 1].low in PRONOUNS and item is not None:
        item.attr.after = (t.start, noun.end)  # "по его словам": the pronoun is the speaker
    return item


# How many words the source of "по данным X" may have when no comma ends it ("директора музея Николая Буркова").
MAX_SOURCE_WORDS = 6


def _source_without_comma(doc: _Text, toks: list[_Tok], i: int, k: int, s_start: int, s_end: int) -> int | None:
    """"По данным изданий S" opening its sentence (after a connective: "Однако по сообщению
    X S") with no comma after the source: the index of the statement's first token, where the
    source's words (genitives, a quoted or Latin name: "СМИ", "«Фонтанки»", "Reuters") end;
    None when a comma ends the source (the usual form) or the words after it are too few."""
    text = doc.text
    if k > i + 1 or not all(w in CONNECTIVES for w in _WORD.findall(text[s_start : toks[i].start].lower())):
        return None  # "По официальным данным Уго Чавес скончался": an adjective's figures name nobody
    n = k + 1
    named = False  # a quoted or Latin name read: it ends the source ("портала Ivanovo News работы ...")
    capital = False  # a capitalised name or abbreviation read: a lower-case word after it is the statement's
    while n < len(toks) and toks[n].start < s_end and n <= k + MAX_SOURCE_WORDS:
        if text[toks[n - 1].end : toks[n].start].strip().strip(DOUBLE_OPENING + DOUBLE_CLOSING):
            return None  # a comma or a dash ends the source: the usual form
        name = doc.in_quote(toks[n].start) or _latin(toks[n])
        if not (name or not named and _genitive_or_name(doc, toks[n])):
            break
        if not name and (capital and toks[n].text[0].islower() or doc.parse(toks[n].text)[0].tag.POS == "NUMR"):
            break  # "По данным Росстата цены выросли", "по данным полиции двух человек госпитализировали": the statement's words
        named = named or name
        capital = capital or toks[n].text[0].isupper()
        n += 1
    else:
        return None
    if n == k + 1 or text[toks[n - 1].end : toks[n].start].strip().strip(DOUBLE_CLOSING):
        return None
    if len(_WORD.findall(text[toks[n].start : s_end])) < MIN_STATEMENT_WORDS:
        return None
    # the clause has its verb (or a dash) before any comma: "По словам одного из советников
    # губернатора, S", "По мнению члена комитета по обороне X, S" is the source going on
    for x in toks[n:]:
        if x.start >= s_end or text[toks[n].start : x.start].count(",") > _quoted_commas(doc, toks[n].start, x.start):
            return None
        if text[toks[n].start : x.start].rstrip().endswith(tuple(DASHES)):
            return n
        if x.text[0].islower() and not doc.in_quote(x.start) and doc.parse(x.text)[0].tag.POS in CLAUSE_POS:
            return n  # not a name read as a verb or a short adjective ("Турсунова")
    return None


def _quoted_commas(doc: _Text, start: int, end: int) -> int:
    """How many commas of ``text[start:end]`` are inside quotation marks."""
    return sum(1 for m in re.finditer(",", doc.text[start:end]) if doc.in_quote(start + m.start()))


def _latin(tok: _Tok) -> bool:
    return tok.text.isascii() and tok.text[0].isalpha()


def _genitive_or_name(doc: _Text, tok: _Tok) -> bool:
    """Can a word be part of a source after "по данным": a genitive ("изданий", "директора
    музея"), an indeclinable abbreviation ("СМИ") or a word in Latin letters ("Reuters")?"""
    if _latin(tok):
        return True
    parses = doc.parse(tok.text)[:3]
    if parses[0].tag.POS in ("PREP", "CONJ", "PRCL", "VERB", "INFN", "ADVB"):
        return False  # "в" is read as a letter's name too
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") for p in parses)


def _data_source(doc: _Text, toks: list[_Tok], i: int, k: int) -> bool:
    """Does "по данным" / "по сообщениям" / "согласно опросу" (the noun ``toks[k]``) name whose
    figures or reports they are: a possessive before the noun ("по его данным"), a word right
    after it that is no preposition, adverb or number ("по данным МВД", "по данным
    «Коммерсанта»", not "по данным на 1 марта"), or "из"/"от" and a name ("по сообщениям из
    Сеула")?"""
    if k == i + 2 and toks[i + 1].low in PRONOUNS:
        return True
    if k + 1 >= len(toks) or doc.text[toks[k].end : toks[k + 1].start].strip().strip(DOUBLE_OPENING).strip():
        return False
    nxt = toks[k + 1]
    if nxt.low in ORIGIN_PREPOSITIONS and k + 2 < len(toks) and toks[k + 2].text[0].isupper():
        return True  # "по сообщениям из Сеула", "по информации от МВД": the place or body they come from
    return not nxt.text[0].isdigit() and doc.parse(nxt.text)[0].tag.POS not in ("PREP", "ADVB", "CONJ", "PRCL", "NUMR")


# Prepositions of where figures or reports come from: "по сообщениям из Сеула", "по данным от МВД".
ORIGIN_PREPOSITIONS = frozenset({"из", "от"})


def _oblique_participle(doc: _Text, tok: _Tok) -> bool:
    """"По мнению телеканала, принадлежащего движению X, S": a present participle kept as an
    adjective by the dictionary, in the source's oblique case, goes on naming the source (a
    nominative one opens the statement: "настоящий доклад ...")."""
    return _present_participle(doc, tok) and doc.parse(tok.text)[0].tag.case != "nomn"


def _around_attribution(doc: _Text, s_start: int, s_end: int, cue: str, cue_start: int, cue_end: int) -> _Item | None:
    """"По словам X, S" / "Как сообщил X, S" / "S, по словам X" / "A, как отметили в X, B"."""
    text = doc.text
    # the attribution runs to the next comma outside quotes and brackets, past a participle
    # phrase of its noun ("По информации, полученной от X, S")
    comma = None
    depth = 0
    for m in re.finditer(r"[,()]", text[cue_end:s_end]):
        depth += {"(": 1, ")": -1}.get(m.group(), 0)
        if m.group() == "," and depth <= 0 and not doc.in_quote(cue_end + m.start()):
            comma = cue_end + m.start()
            nxt = doc.toks(comma, s_end)[:1]
            if not (nxt and (doc.parse(nxt[0].text)[0].tag.POS == "PRTF" or _oblique_participle(doc, nxt[0]))):
                break
    attr_end = comma if comma is not None else s_end
    relay = _relative_relay(doc, comma, s_end) if comma is not None else None
    if relay is not None:
        comma = relay[0]  # "По словам X, которые приводит ТАСС, S": the statement after the relay
    attr = _Attribution(cue, cue_start, cue_end, after=(cue_end, attr_end), via=relay[1] if relay else None)
    cue_toks = doc.toks(cue_start, cue_end)
    if len(cue_toks) == 1 and _impersonal(doc, cue_toks[0]) and not _source_words(doc, cue_end, attr_end):
        return None  # "Как сообщается, S", "который, как полагают, ...": nobody's words
    # "Новый мост, как сообщил X, откроют в мае": the words before "как", as before "по словам"
    lead_end = cue_start
    before = doc.toks(s_start, cue_start)[-1:]
    if before and before[0].low == "как" and not text[before[0].end : cue_start].strip():
        lead_end = before[0].start
    prefix = text[s_start:lead_end].strip(" ,")
    prefix_words = _WORD.findall(prefix.lower())
    if comma is None or not text[comma + 1 : s_end].strip():
        # "S, по словам X." -> S is the text before, set off by a comma ("запомнилась по
        # заявлениям", "чемпион мира по версии WBC" are no attribution)
        if len(prefix_words) < MIN_STATEMENT_WORDS or not text[s_start:lead_end].rstrip().endswith(","):
            return None
        return _Item("indirect", s_start, lead_end, attr)  # "S, как сообщил X."
    if not prefix_words or " ".join(prefix_words) in CONNECTIVES or all(w in CONNECTIVES for w in prefix_words):
        return _Item("indirect", comma + 1, s_end, attr)
    if (
        (len(prefix_words) <= 3 or len(prefix_words) <= MAX_FRONTED_PART_WORDS and _verbless_phrase(doc, s_start, lead_end))
        and prefix.endswith(tuple("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"))
        and text[s_start:lead_end].rstrip().endswith(",")
        and _clause_part(doc, s_start, lead_end)
    ):
        return _Item("indirect", s_start, s_end, attr)  # "Всемирный банк, как отметили в X, продолжит ..."
    return _Item("indirect", comma + 1, s_end, attr)


# How many words a phrase before a mid-sentence attribution may have and still be the
# statement's ("Одним препятствием для отправки наблюдателей, по мнению ОБСЕ, является ...").
MAX_FRONTED_PART_WORDS = 8


def _verbless_phrase(doc: _Text, start: int, end: int) -> bool:
    """Is ``text[start:end]`` (up to its final comma) one phrase: no comma inside, no verb?"""
    if "," in doc.text[start:end].rstrip().rstrip(",") or any(doc.in_quote(t.start) for t in doc.toks(start, end)):
        return False
    return not any(doc.parse(t.text)[0].tag.POS in CLAUSE_POS | {"GRND", "PRTF"} for t in doc.toks(start, end))


def _clause_part(doc: _Text, start: int, end: int) -> bool:
    """Are the words before a mid-sentence attribution part of the statement's clause ("Новый
    мост", "Целью регулирования", "А. Сельцовский", "В Словакию"), not a connective ("Более
    того", "В целом", "После этого")? A name after the first word, else a noun and no
    preposition first."""
    toks = doc.toks(start, end)
    if not toks:
        return False
    if any(t.text[0].isupper() for t in toks[1:]):
        return True
    return doc.parse(toks[0].text)[0].tag.POS != "PREP" and any(p.tag.POS == "NOUN" for t in toks for p in doc.parse(t.text)[:1])


def _addressee_only(doc: _Text, start: int, end: int) -> bool:
    """Is the region before a third-person plural verb only its fronted object, the people
    addressed, with no subject ("Британцев призвали не трогать ...", "Жителей Заречного
    попросили ...", "Их предупредили, что ..."): words past the connectives and adverbs, every
    one a noun, adjective or pronoun in the accusative (or the genitive of a name after it:
    "Жителей Заречного") with no nominative reading (no preposition: "В мэрии жителей
    призвали" names its source)? Such a verb speaks for nobody named."""
    toks = doc.toks(start, end)
    if any(doc.parse(t.text)[0].tag.POS == "PREP" and not (k + 1 < len(toks) and toks[k + 1].low in CONNECTIVES) for k, t in enumerate(toks)):
        return False  # "В мэрии жителей призвали" names its source; "Кроме того, их" does not
    if any(t.text[0].isdigit() or doc.lemma(t.text) in QUANTITY_WORDS for t in toks):
        return False  # "Несколько торговых сетей объявили": a quantity and its genitive are the subject
    words = [t for t in toks if t.low not in CONNECTIVES and not _is_adverb(doc, t)]
    if not words or any(doc.in_quote(t.start) for t in words):
        return False
    if any(m.end <= end for m, e in _mentions_from(doc, start, end) if e.type == "PER"):
        return False  # "Столбунов, однако, сомневается": a surname read as a plural genitive is a subject
    return _accusative_words(doc, words)


def _accusative_words(doc: _Text, words: list[_Tok]) -> bool:
    """Is every word a noun, adjective or pronoun in the accusative (or the genitive of a name
    after it: "Жителей Заречного") with no nominative reading, at least one accusative?"""
    accusative = False
    for t in words:
        parses = [p for p in doc.parse(t.text)[:3] if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO")]
        if parses and parses[0].tag.POS == "NPRO":
            parses = [p for p in parses if p.tag.POS == "NPRO"]  # "их": not the possessive's reading
        if accusative and t.text[:1].isupper() and any(p.tag.case == "gent" for p in parses):
            continue  # "Жителей Самары": a name's genitive after the people, though "Самары" reads nominative too
        if not parses or len(t.text) < 2 or any(p.tag.case == "nomn" for p in parses) or not any(p.tag.case in ("accs", "gent") for p in parses):
            return False  # "Ему сообщили, что S": the dative is told, by those just named
        accusative = accusative or any(p.tag.case == "accs" for p in parses)
    return accusative
