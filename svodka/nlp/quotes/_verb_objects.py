"""Reported speech that is a speech verb's object, and where such a clause ends.

"X сообщил [журналистам] о Y" and "Об отставке министра сообщил X" (an "о"-phrase), "призвал
жителей не выходить" / "с просьбой передать" (a request's infinitive), "призвал к диалогу" (a
call's "к"-phrase), "пожаловались на пробки" (a complaint's "на"-phrase), "назвал A вопросом
недель" / "назвал обвинения беспочвенными" (a judgement's predicate noun or adjective),
"подтвердил отставку тренера" (a confirmed fact):
``_object_cue_item`` tries them for a cue of ``_reported``.
"""

from __future__ import annotations

import re
from typing import Any

from .._lexicon import CLAUSE_OPENERS, PREPOSITIONAL_GERUNDS, QUOTE_MARKS
from .._speech import (
    ACCUSE_LEMMAS,
    CALL_LEMMAS,
    COMPLAINT_LEMMAS,
    CLAIM_NOUNS,
    CONFIRM_LEMMAS,
    EXPRESS_LEMMAS,
    EXPRESSED_NOUNS,
    REJECT_LEMMAS,
    STANDING_NOUNS,
    NAMING_LEMMAS,
    NOT_PREDICATE_INSTRUMENTALS,
    ABOUT_LEMMAS,
    ABOUT_PREPOSITIONS,
    ADDRESSED_REQUEST_LEMMAS,
    REQUEST_LEMMAS,
    REQUEST_NOUNS,
    CONNECTIVES,
)
from ._according import _addressee_only
from ._text import (
    _lexicon_forms,
    _case,
    MAX_VERB_TO_CHTO,
    PRONOUNS,
    _Attribution,
    _Item,
    _Text,
    _Tok,
    _in_short_quote,
    _is_adj,
    _is_adverb,
    _is_finite_verb,
    _mentions_from,
    _negated,
    _speaker_noun,
)

# Words that may open a sentence before its fronted object ("Ещё одним кандидатом ...").
FRONTING_ADVERBS = frozenset("еще ещё также".split())

# What follows a bare adjective that is a judgement's predicate: the clause's end or "и"/"или"
# and another ("назвал обвинения беспочвенными и абсурдными").
PREDICATE_ADJECTIVE_END = re.compile(r"\s*(?:[,.;:!?)\n»\"—–]|$|(?:и|или)\s)")

# Prepositions of a source opening a judgement's sentence: "В ассоциации прогноз назвали
# осторожным", "У экспертов этот план считают ошибочным".
SOURCE_PREPOSITIONS = frozenset({"в", "во", "у"})


def _object_cue_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """The statement of a verb with an object of its own: a judgement with a predicate noun
    ("назвал освобождение вопросом недель"), a confirmed fact ("клуб подтвердил отставку
    тренера"), an "о"-phrase ("сообщил журналистам о переносе")."""
    t = toks[i]
    if t.low in _lexicon_forms(doc, "naming", NAMING_LEMMAS) and not _negated(doc, t):
        item = _naming_item(doc, toks, i, s_start, s_end) or _fronted_naming_item(doc, toks, i, s_start, s_end)
        if item is not None:
            return item
    if t.low in _lexicon_forms(doc, "confirm", CONFIRM_LEMMAS) and not _negated(doc, t):
        item = _confirmed_item(doc, toks, i, s_start, s_end) or _fronted_confirmed_item(doc, toks, i, s_start, s_end)
        if item is not None:
            return item
    if t.low in _lexicon_forms(doc, "accuse", ACCUSE_LEMMAS) and not _negated(doc, t):
        item = _accusation_item(doc, toks, i, s_start, s_end)
        if item is not None:
            return item
    if t.low in _lexicon_forms(doc, "about", ABOUT_LEMMAS) and not _negated(doc, t):
        item = _about_item(doc, toks, i, s_start, s_end)
        if item is not None and item.start > t.start and doc.parse(t.text)[0].tag.number == "plur" and _addressee_only(doc, s_start, t.start):
            return None  # "Пассажиров предупредили о задержке рейса": the people told, nobody named telling
        if item is not None:
            return item
    if t.low in _lexicon_forms(doc, "complaint", COMPLAINT_LEMMAS) and not _negated(doc, t):
        return _complaint_item(doc, toks, i, s_start, s_end)
    if t.low in _lexicon_forms(doc, "express", EXPRESS_LEMMAS) and not _negated(doc, t):
        return _expressed_item(doc, toks, i, s_start, s_end)
    return None


def _expressed_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"Лукашевич выразил готовность России поддержать кандидатуру", "выразила обеспокоенность
    ситуацией": a stance expressed with its noun (``EXPRESSED_NOUNS``) right after the verb is
    the statement, to the clause's end; not before "что" (the что-clause is the statement)."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS not in ("VERB", "GRND") or i + 1 >= len(toks):
        return None
    j = i + 1
    while j < len(toks) - 1 and (_is_adverb(doc, toks[j]) or _case(doc, toks[j]) == "datv") and not doc.text[toks[j - 1].end : toks[j].start].strip():
        j += 1  # "выразил также", "выразил родным соболезнования"
    obj = toks[j]
    if doc.text[toks[j - 1].end : obj.start].strip() or doc.in_quote(obj.start) or doc.lemma(obj.text) not in EXPRESSED_NOUNS:
        return None
    end = _clause_end(doc, toks, j, s_end)
    if re.match(r"\s*,\s*(?:что|чтобы)\b", doc.text[obj.end : obj.end + 12]) or end <= obj.end and doc.lemma(obj.text) in ("надежда", "уверенность"):
        return None
    attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, t.end))
    return _Item("indirect", obj.start, end, attr)


def _complaint_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"Жители пожаловались на пробки", "пожаловались премьер-министру на руководителя региона",
    "жалуясь на жестокое обращение": the "на"-phrase (after an addressee in the dative) to the
    clause's end, before the body complained to ("в полицию", "в вышестоящую инстанцию", "врачу").
    Not "пожаловался на то, что S" (the "что"-clause is what was said), nor a question ("Кто
    жаловался на шум?")."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS not in ("VERB", "GRND") or doc.lemma(t.text) not in COMPLAINT_LEMMAS:
        return None
    if doc.text[s_start : s_end + 1].rstrip(" \n\xa0" + QUOTE_MARKS).endswith("?"):  # the mark may close the span
        return None
    for j in range(i + 1, min(len(toks) - 1, i + 1 + MAX_VERB_TO_CHTO)):
        if doc.text[toks[j - 1].end : toks[j].start].strip() or doc.in_quote(toks[j].start) or _is_finite_verb(doc, toks[j]):
            return None
        if toks[j].low == "на":
            if toks[j + 1].low in ("то", "это", "том", "этом"):
                return None
            attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, toks[j].start))
            return _Item("indirect", toks[j].start, _before_addressee(doc, toks, j, _clause_end(doc, toks, j, s_end)), attr)
        if not _is_adverb(doc, toks[j]) and not any(p.tag.case in ("datv", "gent") for p in doc.parse(toks[j].text)[:3]):
            return None  # only an addressee ("главе района", "премьер-министру России") or an adverb before "на"
    return None


def _before_addressee(doc: _Text, toks: list[_Tok], j: int, end: int) -> int:
    """Where a complaint's "на"-phrase at ``toks[j]`` ends before the body it went to: "в"
    with an accusative ("на шум в полицию", "в суд", "в вышестоящую инстанцию") or a dative noun
    ("на здоровье врачу"), with its adjectives; ``end`` when there is none."""
    for k in range(j + 2, len(toks)):
        if toks[k].start >= end or doc.text[toks[k - 1].end : toks[k].start].strip():
            break
        cases = {p.tag.case for p in doc.parse(toks[k].text)[:3] if p.tag.POS in ("NOUN", "ADJF")}
        if toks[k].low in ("в", "во") and k + 1 < len(toks):
            nxt = {p.tag.case for p in doc.parse(toks[k + 1].text)[:3] if p.tag.POS in ("NOUN", "ADJF")}
            if "accs" in nxt and not nxt & {"loct", "loc2", "ablt"}:
                return len(doc.text[: toks[k].start].rstrip())
        elif cases == {"datv"} and doc.parse(toks[k - 1].text)[0].tag.POS != "PREP" and any(p.tag.POS == "NOUN" for p in doc.parse(toks[k].text)[:3]):
            m = k
            while m > j + 2 and _case(doc, toks[m - 1]) == "datv" and _is_adj(doc, toks[m - 1]):
                m -= 1
            return len(doc.text[: toks[m].start].rstrip())
    return end


def _about_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X сообщил [журналистам] о Y" -> "о Y" to the clause's end; "Об отставке министра
    сообщил X" / "О своих планах Юлия сообщила" -> the "о"-phrase before the subject."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS != "VERB" or doc.lemma(t.text) not in ABOUT_LEMMAS or _thing_subject(doc, toks, i):
        return None
    text = doc.text
    attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, s_end))
    governed = False  # after a preposition: "сообщил в понедельник о"
    for j in range(i + 1, min(len(toks) - 1, i + 1 + MAX_VERB_TO_CHTO)):
        if text[toks[j - 1].end : toks[j].start].strip() or doc.in_quote(toks[j].start) or _is_finite_verb(doc, toks[j]):
            break
        if toks[j].low not in ABOUT_PREPOSITIONS and not governed and _thing_object(doc, toks[j]):
            break  # "написал заявление об отставке": the phrase is the noun's
        pos = doc.parse(toks[j].text)[0].tag.POS
        governed = pos == "PREP" or governed and pos in ("ADJF", "NUMR", "PRTF")
        if toks[j].low in ABOUT_PREPOSITIONS:
            if toks[j + 1].low in ("этом", "том"):
                return None  # "сообщил об этом", "рассказал о том, как": other forms
            attr.after = (t.end, toks[j].start)
            return _Item("indirect", toks[j].start, _clause_end(doc, toks, j, s_end), attr)
    # the "о"-phrase opening the clause, before the subject and the verb
    return _about_phrase_before(doc, toks, i, s_start, attr)


def _about_phrase_before(doc: _Text, toks: list[_Tok], i: int, s_start: int, attr: _Attribution) -> _Item | None:
    """"Об отставке министра сообщил X", "О своих планах Юлия сообщила": the "о"-phrase
    opening the clause of the verb ``toks[i]``, up to where its subject starts."""
    text = doc.text
    t = toks[i]
    p = i - 1
    while p >= 0 and not text[toks[p].end : toks[p + 1].start].strip(" ") and not _is_finite_verb(doc, toks[p]):
        if toks[p].low in ABOUT_PREPOSITIONS and p + 1 < i and toks[p + 1].low not in ("этом", "том"):
            lead = text[s_start : toks[p].start].strip()
            if lead and not re.search(r"(?:^|[,:]|\s[-–—])$", lead) and lead.lower() not in CONNECTIVES:
                return None
            q = p + 1
            while q < i and not _is_finite_verb(doc, toks[q]) and toks[q].low not in ("он", "она", "оно", "они") and not (
                q > p + 1 and _opens_subject(doc, toks[q]) and not _after_preposition(doc, toks[q - 1])
            ):
                q += 1
            while q > p + 2 and (_is_adverb(doc, toks[q - 1]) or q < i and _opens_subject(doc, toks[q]) and _nominative_adj(doc, toks[q - 1])):
                q -= 1  # "Об отречении 79-летний монарх", "О кончине певца только сейчас сообщили": not the phrase's
            attr.before = (toks[q - 1].end, t.start)
            return _Item("indirect", toks[p].start, toks[q - 1].end, attr)
        p -= 1
    return None


def _opens_subject(doc: _Text, tok: _Tok) -> bool:
    """Does the subject start at ``tok``, ending the "о"-phrase before it ("О своих планах
    Юлия сообщила", "О своей беременности Уильямс-младшая объявила", "О переносе сроков
    министерство сообщило")? The phrase's own words are in other cases: a person's role in
    the genitive goes on with it ("Об отставке министра сообщил"); a name not read as a
    nominative is the phrase's too, as written ("Об отставке Т.Риис-Йохансона сообщил")."""
    parses = doc.parse(tok.text)
    if tok.text[0].isupper():
        # a name of the NER's starts the subject too, however pymorphy3 reads it ("Мадуро")
        return any(p.tag.case == "nomn" and p.tag.POS in ("NOUN", "ADJF") for p in parses[:2]) or any(
            m.start == tok.start and e.type == "PER" and m.kind != "role" for m, e in _mentions_from(doc, tok.start, tok.start)
        )
    if _mention_starts(doc, tok.start) and not any(m.start == tok.start and m.kind == "role" for m, _e in _mentions_from(doc, tok.start, tok.start)):
        return True
    return parses[0].tag.POS == "NOUN" and parses[0].tag.case == "nomn" and _speaker_noun(doc, tok)


def _after_preposition(doc: _Text, prev: _Tok) -> bool:
    """Is the word before a name a preposition ("О разговоре с Байденом рассказал сам Корреа"):
    the name is the phrase's, not the subject?"""
    return prev.text[0].islower() and doc.parse(prev.text)[0].tag.POS == "PREP"


def _nominative_adj(doc: _Text, tok: _Tok) -> bool:
    """An adjective or participle that can be nominative ("79-летний", "новый")."""
    return any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "nomn" for p in doc.parse(tok.text)[:2])


def _thing_subject(doc: _Text, toks: list[_Tok], i: int) -> bool:
    """Is the verb ``toks[i]`` said of a thing ("Фильм рассказывает о", "Практика говорит о"):
    the nominative noun right before it, after its words, is inanimate and names no speaker?"""
    k = i - 1
    while k >= 0 and not doc.text[toks[k].end : toks[k + 1].start].strip() and not (
        doc.parse(toks[k].text)[0].tag.POS == "NOUN" and doc.parse(toks[k].text)[0].tag.case == "nomn"
    ):
        if _is_finite_verb(doc, toks[k]) or toks[k].low in PRONOUNS:
            return False
        k -= 1
    if k < 0 or doc.text[toks[k].end : toks[k + 1].start].strip() or _mention_starts(doc, toks[k].start) or toks[k].text[0].isupper() and k > 0:
        return False
    return "inan" in doc.parse(toks[k].text)[0].tag and not _speaker_noun(doc, toks[k])


def _thing_object(doc: _Text, tok: _Tok) -> bool:
    """An inanimate noun that can be the verb's direct object ("написал статью о"), not a
    dative addressee ("рассказал прессе о") nor a speaker ("сообщило министерство о")."""
    parses = [p for p in doc.parse(tok.text)[:3] if p.tag.POS == "NOUN"]
    return (
        bool(parses)
        and "inan" in parses[0].tag
        and any(p.tag.case == "accs" for p in parses)
        and not any(p.tag.case == "datv" for p in parses)
        and not tok.text[0].isupper()
        and not _speaker_noun(doc, tok)
    )


def _mention_starts(doc: _Text, pos: int) -> bool:
    """Does a PER/ORG mention start at ``pos``?"""
    return any(m.start == pos for m, _e in _mentions_from(doc, pos, pos))


def _request_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X призвал [сторонников] выйти на улицы" / "потребовал лишить его мандата" / "обратился
    с просьбой передать ..." / "требует, чтобы S": what was asked or promised, from after the
    cue (the addressee with it) to the clause's end."""
    cue = _request_cue(doc, toks, i)
    if cue is None:
        return None
    noun, cue_end, j0, call = cue
    t = toks[i]
    if not noun and _asked_unnamed(doc, t, s_start):
        return None  # "Британцев призвали не трогать ...": the people asked, nobody named asking
    for j in range(j0, min(len(toks), j0 + MAX_VERB_TO_CHTO)):
        gap = _request_gap(doc, toks, j)
        if gap == "," and toks[j].low == "чтобы" and j == j0 and not noun:
            start = toks[j].end  # "требует, чтобы S"
        elif gap or doc.in_quote(toks[j].start) and not _in_short_quote(doc, toks[j].start):
            return None
        elif call and toks[j].low in ("к", "ко"):
            start = cue_end  # "призвал к диалогу", "призвал стороны к сдержанности": the call as written
        elif noun and j == j0 and toks[j].low in ABOUT_PREPOSITIONS:
            start = toks[j].start  # "обратился с просьбой о переизбрании": what was asked for
        elif doc.parse(toks[j].text)[0].tag.POS == "INFN":
            if not noun and _own_wish(doc, toks, i, j0, j):
                return None  # "пожелал остаться": a wish of his own
            start = cue_end
        elif _as_possible(toks, j):
            continue  # "пожелал ей как можно скорее набрать форму"
        elif doc.parse(toks[j].text)[0].tag.POS in ("VERB", "GRND", "CONJ") or toks[j].low == "что":
            return None
        else:
            continue
        attr = _Attribution(doc.text[t.start : cue_end].lower(), t.start, cue_end, before=(s_start, t.start), after=(cue_end, cue_end))
        item = _Item("indirect", start, _clause_end(doc, toks, j, s_end), attr)
        if noun:
            _fronted_request(doc, toks, i, j, item, s_end)
        return _call_as_said(doc, toks, item, s_end) if call else item
    return None


def _fronted_request(doc: _Text, toks: list[_Tok], i: int, j: int, item: _Item, s_end: int) -> None:
    """"С призывом к мэру уйти в отставку выступили активисты": a request noun fronted before
    its sentence's verb ends at that verb, and the verb's subject after it asked."""
    if any(_is_finite_verb(doc, x) for x in toks[:i] if x.start >= item.attr.before[0] and not doc.in_quote(x.start)):
        return  # "обратился к губернатору с просьбой ...": the verb and its subject stand before
    verb = next((x for x in toks[j + 1 :] if x.start < item.end and not doc.in_quote(x.start) and _is_finite_verb(doc, x)), None)
    if verb is None:
        return
    item.end = len(doc.text[: verb.start].rstrip())
    # the subject up to its clause's end ("выступили активисты партии, в которой ...")
    comma = next((x.start for x in toks if x.start > verb.end and not doc.in_quote(x.start) and "," in doc.text[verb.end : x.start]), s_end)
    item.attr.after = (verb.end, min(s_end, comma))


def _request_cue(doc: _Text, toks: list[_Tok], i: int) -> tuple[bool, int, int, bool] | None:
    """The cue of a request at ``toks[i]``: "с просьбой" (a ``REQUEST_NOUNS`` noun after "с")
    or a verb or gerund of ``REQUEST_LEMMAS``. Returns whether it is the noun, the cue's end,
    the index of the first token after it, and whether it is a call (``CALL_LEMMAS``: "призвал
    к ...")."""
    t = toks[i]
    if t.low == "с" and i + 1 < len(toks) and toks[i + 1].low in _lexicon_forms(doc, "request nouns", REQUEST_NOUNS) and doc.lemma(toks[i + 1].text) in REQUEST_NOUNS:
        return True, toks[i + 1].end, i + 2, doc.lemma(toks[i + 1].text) in CALL_LEMMAS
    if doc.parse(t.text)[0].tag.POS in ("VERB", "GRND") and doc.lemma(t.text) in REQUEST_LEMMAS:
        return False, t.end, i + 1, doc.lemma(t.text) in CALL_LEMMAS
    return None


def _asked_unnamed(doc: _Text, t: _Tok, s_start: int) -> bool:
    """A plural request verb ``t`` after nobody but the people asked ("Британцев призвали не
    трогать ..."): nobody named asking."""
    return doc.parse(t.text)[0].tag.number == "plur" and _addressee_only(doc, s_start, t.start)


def _as_possible(toks: list[_Tok], j: int) -> bool:
    """Is ``toks[j]`` in "как можно" ("пожелал ей как можно скорее набрать форму")?"""
    return toks[j].low == "как" and j + 1 < len(toks) and toks[j + 1].low == "можно" or toks[j - 1].low == "можно"


def _request_gap(doc: _Text, toks: list[_Tok], j: int) -> str:
    """The punctuation before ``toks[j]`` in a request; none after an initial ("предложил
    В.Путину баллотироваться") or around a short quotation ("предложил «распилить» закон")."""
    gap = doc.text[toks[j - 1].end : toks[j].start].strip()
    if gap == "." and re.fullmatch(r"[А-ЯЁA-Z]", toks[j - 1].text) or gap.strip(QUOTE_MARKS) == "" and _in_short_quote(doc, toks[j].start):
        return ""
    return gap


def _own_wish(doc: _Text, toks: list[_Tok], i: int, j0: int, j: int) -> bool:
    """A verb of ``ADDRESSED_REQUEST_LEMMAS`` at ``toks[i]`` with no dative addressee before
    its infinitive ``toks[j]``: a wish of the speaker's own ("пожелал остаться")."""
    return doc.lemma(toks[i].text) in ADDRESSED_REQUEST_LEMMAS and not any(_case(doc, x) == "datv" for x in toks[j0:j])


# A call "к" that is no statement but an idiom of blame: "призвать к ответу", "призвать к
# ответственности" (to bring to account).
CALL_IDIOM = re.compile(r"(?:\S+\s+){0,2}?ко?\s+ответ(?:у|ственности)\b", re.IGNORECASE)


def _call_as_said(doc: _Text, toks: list[_Tok], item: _Item, s_end: int) -> _Item | None:
    """A call's statement (``_request_item``), checked: none for the idioms "призвали к
    ответу", "призвать к ответственности"; "призвал не к войне, а к миру": the "а к"-part, not the
    rejected "не к"-phrase."""
    said = doc.text[item.start : item.end].lstrip()
    if CALL_IDIOM.match(said):
        return None
    rest = re.match(r"\s*,\s*а\s+(?=ко?\s)", doc.text[item.end : s_end])
    if re.match(r"не\s+ко?\s", said) and rest:
        k = next((n for n, x in enumerate(toks) if x.start >= item.end + rest.end()), None)
        if k is not None:
            item.start = toks[k].start
            item.end = _clause_end(doc, toks, k, s_end)
    return item


def _naming_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X назвал A B", "X считает A B", "объясняют A B" (A accusative, B instrumental: "назвал
    освобождение вопросом недель", "считает его политическим заключённым"): a judgement, the
    object and its predicate to the clause's end, with no punctuation between the verb and B."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS != "VERB" or doc.lemma(t.text) not in NAMING_LEMMAS or i > 0 and toks[i - 1].low == "как":
        return None  # "Как считает X, S": the attribution of S; a gerund only with its что-clause
    obj = False  # an accusative object read so far
    for j in range(i + 1, min(len(toks), i + 1 + MAX_VERB_TO_CHTO)):
        if doc.text[toks[j - 1].end : toks[j].start].strip() or doc.in_quote(toks[j].start) or _is_finite_verb(doc, toks[j]):
            return None
        parses = [p for p in doc.parse(toks[j].text)[:3] if p.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO")]
        if obj and _predicate(doc, toks[j]):
            end = _clause_end(doc, toks, j, s_end)
            colon = doc.text.find(":", toks[j].end, end + 1)
            if colon >= 0 and not doc.in_quote(colon):
                return None  # "называет проект ошибкой: «...»": the quotation after the colon is what was said
            attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, t.end))
            return _Item("indirect", toks[i + 1].start, end, attr)
        obj = obj or any(p.tag.case == "accs" for p in parses)
    return None


def _fronted_naming_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """A judgement whose object or predicate opens the sentence, before the subject: "Всю
    историю с письмом Петров назвал провокацией" (the accusative first, the predicate noun
    after the verb), "Одной из причин аварии эксперты называют износ труб" (the instrumental
    first, the object after the verb). The statement is the whole clause, subject and verb
    included: its parts stand on both sides of them. After a source in "в"/"у" see
    ``_sourced_naming_item``."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS != "VERB" or i + 1 >= len(toks):
        return None
    opening = next((k for k, x in enumerate(toks) if x.start >= s_start), None)
    if opening is None or opening + 2 > i:
        return None  # the fronted phrase and the subject stand before the verb
    k0 = _past_fronting_adverbs(toks, opening, i)
    first = toks[k0]
    if first.low in SOURCE_PREPOSITIONS and k0 == opening:
        return _sourced_naming_item(doc, toks, opening, i, s_end)
    if doc.in_quote(first.start) or first.text[0].isupper() and k0 > opening:
        return None  # a name after "Ещё"
    k = _fronted_noun(doc, toks, k0, i)
    noun = toks[k]
    if noun.text[0].isupper() or "," in doc.text[first.start : noun.start]:
        return None
    named = [m for m, _e in _mentions_from(doc, toks[k].end, t.start) if m.end == toks[i - 1].end]
    cases = _fronted_cases(doc, first, noun, t, named)
    if "nomn" in cases:
        return None  # the subject itself opens the sentence: the usual order
    end = _clause_end(doc, toks, i, s_end)
    after = [x for x in toks[i + 1 :] if x.end <= end]
    if not _completes_fronted(doc, cases, noun, after):
        return None
    subject = _subject_before_verb(doc, toks, k, i, named)
    attr = _Attribution(t.low, t.start, t.end, before=(toks[subject].start, t.start), after=(t.end, t.end))
    return _Item("indirect", toks[opening].start, end, attr)  # "Ещё одним кандидатом ...": the sentence whole


def _past_fronting_adverbs(toks: list[_Tok], opening: int, i: int) -> int:
    """The first token from ``opening`` (before the verb ``toks[i]``) that is no fronting
    adverb ("Ещё", ``FRONTING_ADVERBS``)."""
    k0 = opening
    while k0 < i and toks[k0].low in FRONTING_ADVERBS:
        k0 += 1
    return k0


def _fronted_noun(doc: _Text, toks: list[_Tok], k0: int, i: int) -> int:
    """The fronted phrase from ``toks[k0]``: adjectives and its noun (the index returned),
    in the accusative or the instrumental."""
    k = k0
    while k < i - 1 and doc.parse(toks[k].text)[0].tag.POS in ("ADJF", "PRTF", "NUMR", "NPRO") and not doc.text[toks[k].end : toks[k + 1].start].strip():
        k += 1
    return k


def _fronted_cases(doc: _Text, first: _Tok, noun: _Tok, verb: _Tok, named: list) -> set:
    """The cases the fronted noun can stand in; "accs" alone when a name before the verb is
    the subject ("Новый график Игорь Петров назвал удачным")."""
    cases = {p.tag.case for p in doc.parse(noun.text)[:2] if p.tag.POS == "NOUN"}
    own = any(m.end > noun.start for m, _e in _mentions_from(doc, first.start, noun.start)) or "(" in doc.text[noun.end : verb.start]
    if "nomn" in cases and named and not own and any(p.tag.POS == "NOUN" and p.tag.case == "accs" for p in doc.parse(noun.text)[:3]):
        return {"accs"}
    return cases


def _completes_fronted(doc: _Text, cases: set, noun: _Tok, after: list[_Tok]) -> bool:
    """Do the words after the verb (``after``, to the clause's end) complete the fronted
    phrase: a predicate after a fronted accusative, an accusative object after a fronted
    instrumental predicate noun; no finite verb, no quotation."""
    if not after or any(_is_finite_verb(doc, x) for x in after) or doc.in_quote(after[0].start):
        return False
    if "accs" in cases and "ablt" not in cases:
        return any(_predicate(doc, x) for x in after)
    if "ablt" in cases and _predicate_noun(doc, noun):
        return any(p.tag.case == "accs" and p.tag.POS in ("NOUN", "ADJF", "NUMR") for x in after[:3] for p in doc.parse(x.text)[:2])
    return False


def _subject_before_verb(doc: _Text, toks: list[_Tok], k: int, i: int, named: list) -> int:
    """The subject right before the verb ``toks[i]``, after the fronted noun ``toks[k]``: a
    name (``named``), or a noun with its adjectives ("эксперты"); its first token's index."""
    subject = i - 1
    if named:
        subject = next(n for n in range(k + 1, i) if toks[n].end > named[0].start)
    while subject - 1 > k and doc.parse(toks[subject - 1].text)[0].tag.POS in ("ADJF", "PRTF") and not doc.text[toks[subject - 1].end : toks[subject].start].strip():
        subject -= 1
    return subject


def _sourced_naming_item(doc: _Text, toks: list[_Tok], opening: int, i: int, s_end: int) -> _Item | None:
    """"В ассоциации отельеров Аджарии прогноз правительства назвали осторожным": a judgement
    whose object stands between its source ("в"/"у" and the source's words, the speaker) and
    the verb: the object (the first lower-case inanimate noun that can be accusative after the
    source's own noun, with its adjectives) to the predicate after the verb."""
    t = toks[i]
    if re.search(r"[,:;()]", doc.text[toks[opening].start : t.start]) or doc.in_quote(toks[opening].start):
        return None
    m = next((k for k in range(opening + 2, i) if not toks[k].text[0].isupper() and _inanimate_accusative(doc, toks[k])), None)
    if m is None:
        return None
    end = _clause_end(doc, toks, i, s_end)
    after = [x for x in toks[i + 1 :] if x.end <= end]
    if not after or any(_is_finite_verb(doc, x) for x in after) or doc.in_quote(after[0].start) or not any(_predicate(doc, x) for x in after):
        return None
    while m - 1 > opening + 1 and _nominative_adj(doc, toks[m - 1]) and not toks[m - 1].text[0].isupper():
        m -= 1  # "новый прогноз": the object's adjectives
    attr = _Attribution(t.low, t.start, t.end, before=(toks[opening].start, toks[m - 1].end), after=(t.end, t.end))
    return _Item("indirect", toks[m].start, end, attr)


def _inanimate_accusative(doc: _Text, tok: _Tok) -> bool:
    """An inanimate noun that can be accusative ("прогноз", "решение")."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "accs" and "inan" in p.tag for p in doc.parse(tok.text)[:2]) and not _speaker_noun(doc, tok)


def _accusation_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X обвинил мятежников в нападении на мечеть", "..., обвинив в убийстве хуситов": whom
    and of what, from after the verb (or its gerund) to the clause's end, when both follow it
    with nothing between but words: an accusative object and a "в"-phrase ("в том, что S": to
    the sentence's end, the что-clause is the charge). Not a passive
    ("обвиняется в", "обвинён"), nor "обвинили" with nobody named ("его обвинили" is a charge
    the text tells of only with its subject, read like any other)."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS not in ("VERB", "GRND"):
        return None
    v_prep = obj = False
    for j in range(i + 1, min(len(toks), i + 1 + MAX_VERB_TO_CHTO)):
        if doc.text[toks[j - 1].end : toks[j].start].strip() or doc.in_quote(toks[j].start) or _is_finite_verb(doc, toks[j]):
            break
        if toks[j].low in ("в", "во") and j + 1 < len(toks) and any(p.tag.case == "loct" for p in doc.parse(toks[j + 1].text)[:3]):
            v_prep = True  # "в убийстве"
        elif toks[j - 1].low not in ("в", "во") and _accusative(doc, toks[j], strict=v_prep):
            # whom: before the "в"-phrase, or after it when no genitive of that phrase
            # ("обвиняли в подкупе местных чиновников": the officials are not the accused)
            obj = True
        if v_prep and obj:
            attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, t.end))
            end = _clause_end(doc, toks, j, s_end)
            k = next((n for n in (j, j + 1) if n + 1 < len(toks) and toks[n].low == "том" and toks[n - 1].low in ("в", "во")), None)
            if k is not None and toks[k + 1].low == "что" and doc.text[toks[k].end : toks[k + 1].start].strip() == ",":
                end = s_end  # "обвинил руководителей в том, что они ...": the что-clause is what they are accused of
            return _Item("indirect", toks[i + 1].start, end, attr)
    return None


def _accusative(doc: _Text, tok: _Tok, strict: bool) -> bool:
    """Can a noun or pronoun be an accusative object (``strict``: and no genitive)?"""
    cases = {p.tag.case for p in doc.parse(tok.text)[:3] if p.tag.POS in ("NOUN", "NPRO")}
    return "accs" in cases and not (strict and "gent" in cases)


def _confirmed_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"X подтвердил отставку тренера", "подтвердила факт гибели", "опроверг слухи о Y"
    (``CONFIRM_LEMMAS``): the accusative object right after the verb, to the clause's end. Not
    a subject after the verb ("подтвердил пресс-секретарь", "подтвердило министерство": a
    nominative or a speaker's noun), an outlet in quotation marks, a name, or "это"."""
    t = toks[i]
    if doc.parse(t.text)[0].tag.POS != "VERB" or doc.lemma(t.text) not in CONFIRM_LEMMAS or i + 1 >= len(toks):
        return None
    j = i + 1
    while j < len(toks) - 1 and _is_adverb(doc, toks[j]) and not doc.text[toks[j - 1].end : toks[j].start].strip():
        j += 1  # "подтвердил также"
    obj = toks[j]
    if doc.text[toks[j - 1].end : obj.start].strip() or doc.in_quote(obj.start) or obj.text[0].isupper() or obj.low in ("это", "то"):
        return None
    # the phrase's head noun, past its adjectives and possessive ("его арест", "украинские источники")
    k = j
    while k < min(len(toks) - 1, j + 4) and doc.parse(toks[k].text)[0].tag.POS in ("ADJF", "PRTF", "NUMR", "NPRO") and not doc.text[toks[k].end : toks[k + 1].start].strip():
        k += 1
    head = toks[k]
    if head.text[0].isupper() or _speaker_noun(doc, head) or not any(p.tag.POS == "NOUN" and p.tag.case == "accs" for p in doc.parse(head.text)[:3]):
        return None  # "подтвердил пресс-секретарь", "подтвердили украинские источники": the subject
    if _no_words_confirmed(doc, t, head):
        return None
    end = _clause_end(doc, toks, j, s_end)
    for k in range(j + 1, len(toks)):
        if toks[k].start >= end:
            break
        if toks[k].low == "том" and toks[k - 1].low == "о" or doc.parse(toks[k].text)[0].tag.POS in ("VERB", "GRND", "INFN"):
            return None  # "опроверг информацию о том, что S": S is the statement; a clause of its own
    attr = _Attribution(t.low, t.start, t.end, before=(s_start, t.start), after=(t.end, t.end))
    return _Item("indirect", obj.start, end, attr)


# How many words a fronted object of a confirming verb may have ("Данную информацию", "Смерть музыканта").
MAX_FRONTED_OBJECT_WORDS = 6


def _fronted_confirmed_item(doc: _Text, toks: list[_Tok], i: int, s_start: int, s_end: int) -> _Item | None:
    """"Смерть музыканта подтвердил окружной коронер", "Данную информацию подтвердили в ГУВД":
    the confirmed fact opens the sentence, the source follows the verb. The opening words (no
    punctuation, no verb) are the object when their noun is an inanimate thing that can be
    accusative and cannot be the verb's subject (no nominative, or not agreeing with it:
    "Пресс-служба подтвердила отставку" keeps its subject first)."""
    t = toks[i]
    verb = doc.parse(t.text)[0]
    if verb.tag.POS != "VERB" or i + 1 >= len(toks) or toks[i + 1].start >= s_end:
        return None
    opening = next((k for k in range(i) if toks[k].start >= s_start), None)
    if opening is None or i - opening > MAX_FRONTED_OBJECT_WORDS:
        return None
    phrase = toks[opening:i]
    if any(doc.text[a.end : b.start].strip() for a, b in zip(phrase, [*phrase[1:], t])) or any(doc.in_quote(x.start) or _is_finite_verb(doc, x) for x in phrase):
        return None
    head = next((x for x in phrase if doc.parse(x.text)[0].tag.POS == "NOUN"), None)
    if head is None or _mention_starts(doc, head.start) or _speaker_noun(doc, head):
        return None
    if not _fronted_object_noun(doc, t, verb, phrase, head):
        return None
    # the noun phrase's first word: past an adverb ("Позже эту версию", "Вскоре его смерть")
    first = next(n for n, x in enumerate(phrase) if x is head or doc.parse(x.text)[0].tag.POS in ("ADJF", "PRTF", "NPRO", "NUMR"))
    attr = _Attribution(t.low, t.start, t.end, before=(t.start, t.start), after=(t.end, s_end))
    return _Item("indirect", phrase[first].start, phrase[-1].end, attr)


def _fronted_object_noun(doc: _Text, t: _Tok, verb: Any, phrase: list[_Tok], head: _Tok) -> bool:
    """Is the noun ``head`` of the words ``phrase`` before the verb ``t`` (its parse ``verb``)
    their confirmed object: an inanimate thing that can be accusative, not the verb's subject,
    no refusal's object or a standing proved by deeds?"""
    parses = [p for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN"]
    if not parses or "inan" not in parses[0].tag or not any(p.tag.case == "accs" for p in parses):
        return False
    if any(p.tag.case == "nomn" and _agrees_with_verb(p, verb) for p in parses):
        return False  # "Отставка подтвердилась", "Пресс-служба подтвердила": the subject
    if any(_opens_subject(doc, x) for x in phrase[phrase.index(head) + 1 :]):
        return False  # "Смерть музыканта коронер подтвердил": the subject before the verb, another order
    return not _no_words_confirmed(doc, t, head)


def _no_words_confirmed(doc: _Text, verb: _Tok, head: _Tok) -> bool:
    """A confirming or rejecting verb whose object is no words: a refusal of a thing ("отверг
    предложение", "Это предложение отвергли депутаты"), or a standing proved by deeds
    ("подтвердил свой титул", "Свою репутацию подтвердила компания")."""
    if doc.lemma(verb.text) in REJECT_LEMMAS and doc.lemma(head.text) not in CLAIM_NOUNS:
        return True
    return doc.lemma(head.text) in STANDING_NOUNS


def _agrees_with_verb(noun: Any, verb: Any) -> bool:
    """Can the nominative ``noun`` be the subject of the past or present ``verb`` (number, and gender in the past)?"""
    if verb.tag.number and noun.tag.number and verb.tag.number != noun.tag.number:
        return False
    return not (verb.tag.gender and noun.tag.gender and verb.tag.number == "sing" and verb.tag.gender != noun.tag.gender)


def _predicate(doc: _Text, tok: _Tok) -> bool:
    """The predicate of a judgement after its object: a noun (``_predicate_noun``) or a bare
    adjective in the instrumental ("назвали обвинения голословными", "считает решение
    ошибочным"; issue 15, the lead's convention), not a pronoun's ("таким", "своим"). The
    adjective closes the clause or a pair ("беспочвенными и абсурдными"): one before its noun
    is the noun's ("назвали противоречия во взглядах на проведение конституционной реформы")."""
    if _predicate_noun(doc, tok):
        return True
    if tok.text[0].isupper() or not PREDICATE_ADJECTIVE_END.match(doc.text, tok.end):
        return False
    return any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "ablt" and "Apro" not in p.tag for p in doc.parse(tok.text)[:2])


def _predicate_noun(doc: _Text, tok: _Tok) -> bool:
    """A common noun in the instrumental, the predicate of a judgement ("вопросом", "своей
    провинцией", "заключённым"): not a name or an indeclinable word read in every case
    ("назвали Гильермо", "ФСБ"), not a time ("вчера утром") nor "именем"."""
    if tok.text[0].isupper() or tok.low in NOT_PREDICATE_INSTRUMENTALS:
        return False
    parses = doc.parse(tok.text)
    if tok.low.endswith(("ым", "им", "ыми", "ими")) and any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case == "ablt" and "Subx" in p.tag for p in parses[:2]):
        return True  # "считает его политическим заключённым": an adjective used as a noun (not "-ой": a genitive too)
    return any(p.tag.POS == "NOUN" and p.tag.case == "ablt" and "Fixd" not in p.tag for p in parses[:2])


def _clause_end(doc: _Text, toks: list[_Tok], j: int, s_end: int, openers: bool = True) -> int:
    """Where the clause holding ``toks[j]`` ends: the sentence end, or a comma (outside quotes
    and brackets) before a word opening a clause ("а", "который", ``CLAUSE_OPENERS``; not with
    ``openers`` False: a что-clause goes on past them), a gerund, or words with a verb of their
    own ("..., глава ЛДПР потребовал ...")."""
    text = doc.text
    depth = 0
    for k in range(j + 1, len(toks)):
        gap = text[toks[k - 1].end : toks[k].start]
        depth += gap.count("(") - gap.count(")")
        if depth <= 0 and toks[k].low in ("и", "а", "но") and not gap.strip() and not doc.in_quote(toks[k].start):
            # "заявил о своем уходе и до последнего времени работал": a second predicate
            for x in toks[k + 1 :]:
                if "," in text[toks[k].end : x.start]:
                    break
                if not doc.in_quote(x.start) and _is_finite_verb(doc, x):
                    return toks[k - 1].end
        if "," not in gap and ";" not in gap or depth > 0 or doc.in_quote(toks[k - 1].end):
            continue
        comma = toks[k - 1].end + max(gap.find(","), gap.find(";"))
        if toks[k].low == "но" and k + 1 < len(toks) and toks[k + 1].low == "и":
            continue  # "не только A, но и B": one list
        if ";" in gap or openers and (toks[k].low in CLAUSE_OPENERS or toks[k].low.startswith("котор")) or doc.parse(toks[k].text)[0].tag.POS == "GRND" and toks[k].low not in PREPOSITIONAL_GERUNDS:
            return comma  # "..., который", "..., добавив, что": another clause ("начиная с" is none)
        for x in toks[k:]:
            if "," in text[toks[k].start : x.start]:
                break
            if not doc.in_quote(x.start) and _is_finite_verb(doc, x):
                return comma
    return s_end
