"""Speaker noun phrases: the organisation or description a region's words name.

``_np_speaker`` reads "в пресс-службе X", "эксперты", "источник «Ъ» в правительстве",
"одного из советников губернатора": it skips prepositions, dates and a dative recipient
(an outlet there heard the words: ``via``), finds the head noun, takes its adjectives and
genitive tail, and turns the description into a speaker: a named body, the person holding
that role, the person it refers back to, else the description itself, kept as written in
the nominative (``_described_speaker``).
"""

from __future__ import annotations

import re

from ...model import Entity, Mention, Speaker
from .._lexicon import AGREEING_POSSESSIVES, DOUBLE_CLOSING, DOUBLE_OPENING, ONE_OF, THIRD_PERSON_POSSESSIVES
from .._speech import (
    ANONYMOUS_HEADS,
    ANONYMOUS_WORDS,
    QUANTITY_NOUNS,
    CONNECTIVES,
    DOCUMENT_NOUNS,
    OWN_PAGE_NOUNS,
    MEDIA_GROUP_NOUNS,
    ORG_SPEAKER_NOUNS,
    PEOPLE_PARTICIPLE_PHRASES,
)
from ._outlets import BODY_NOUNS, INTERVIEW_WORDS, _earlier_outlet, _heard, _is_outlet, _media_noun, _name_at, _named_body, _outlet_in_phrase
from ._persons import _countries, _described_antecedent, _person_by_role, _trusted_role
from ._text import (
    CLAUSE_MARK,
    NON_SPEAKER_WORDS,
    PRONOUNS,
    _Attribution,
    _Intervals,
    _Said,
    _Text,
    _Tok,
    _WORD,
    _case,
    _common_noun_person,
    _has_case,
    _is_adj,
    _is_adverb,
    _is_finite_verb,
    _mentions_around,
    _mentions_in,
    _nominative,
    _speaker_noun,
    _speaker_of,
    _window_start,
)
from ._grammar import _agreeing, _nominative_mention, _possessive_of_noun, _relation_of

# A name in quotation marks after a body noun has at most this many words ("газета «Новая
# газета»"); more is a statement, not a name.
MAX_NAME_WORDS = 6

# Nouns of an outlet's unnamed source: an outlet named after one relays it ("источник
# «Интерфакса»", "собеседники издания", "источники СМИ").
SOURCE_NOUNS = frozenset({"источник", "собеседник"})

# Possessive pronouns before a description's noun ("его адвокат"): a relation of someone.
POSSESSIVES = THIRD_PERSON_POSSESSIVES

# The possessives a speaker's name drops ("его адвокат", "мой кузен" -> "адвокат", "кузен"); not
# "наш": "наш корреспондент" is the outlet's own.
DROPPED_POSSESSIVES = THIRD_PERSON_POSSESSIVES | (AGREEING_POSSESSIVES - {"наш"})

# What may stand between two words of a description: nothing, or the marks of a quoted name.
PHRASE_GAPS = ("", "«", "»", "»«", '"', '«"', '"»')


def _np_speaker(
    doc: _Text, said: _Said, words: list[_Tok], mentions: list[tuple[Mention, Entity]], gender: str | None, cue: _Attribution, end: int = 0
) -> Speaker | None:
    """An organisation mention or a described speaker ("эксперты", "в ведомстве", "источник в X").

    ``words`` are the region's words outside quotation marks; ``end`` is where the region
    ends (a quoted name or a participle clause closing it belongs to the description).
    """
    if not words:
        return None
    end = max(end, words[-1].end)
    i, org_form = _skip_lead(doc, words)
    if org_form and i > 0:
        found = _name_at(doc, words[i - 1].end, end)
        if found is not None and found[3] is not None and found[3].type == "ORG" and (i == len(words) or words[i].start >= found[1] or words[i].start > found[0]):
            return _speaker_of(found[3])  # "В «Лаборатории Касперского» подтвердили"
        place = _place_after(doc, words, i, gender)
        if place is not None:
            return place  # "в Иране считают", "по сообщениям из Сеула"
    rest = words[i:]
    if not rest:
        return None
    rest, org = _past_recipient(doc, said, cue, rest, mentions, org_form)
    if org is not None:
        return org
    head = _head_noun(doc, rest) if rest else None
    if head is None:
        return None
    body = _body_speaker(doc, said, rest[head], cue, gender)
    if body is not None:
        if _dative_only(doc, rest[head]):
            _heard(cue, body.name)  # "рассказал изданию": the outlet heard it, it did not say it
            return None
        return body
    phrase = _noun_phrase(doc, rest, head, end)
    # an entity whose mention covers the phrase head (roles stage: "Глава МИД Казахстана")
    for m, e in _mentions_around(doc, rest[head].start):
        if m.start <= rest[head].start < m.end and not _common_noun_person(doc, (m, e)) and _trusted_role(doc, m, e):
            return _speaker_of(e)
    return _described_speaker(doc, said, rest[head], phrase, org_form, gender, cue)


def _body_speaker(doc: _Text, said: _Said, noun: _Tok, cue: _Attribution, gender: str | None = None) -> Speaker | None:
    """A body named right after its noun ("газета «Коммерсантъ»", "новостной портал «Элаф»",
    "фирма «Космос-Тур»"), or a bare singular outlet noun ("пишет издание") standing for the
    outlet the article named before."""
    named = _named_body(doc, noun, len(doc.text))
    if named is not None and len(_WORD.findall(named.name)) <= MAX_NAME_WORDS:
        return Speaker(named.name, "ORG", named.entity.id if named.entity else None, named.kind)
    if _media_noun(doc, noun) and not _plural_phrase(doc, noun, gender):
        name = _earlier_outlet(doc, said, noun, noun.start)
        if name is not None:
            return Speaker(name, "ORG", None, "outlet")
    return None


def _plural_phrase(doc: _Text, noun: _Tok, gender: str | None) -> bool:
    """Is a noun plural by its verb ("сообщают") or by the adjective before it ("Российские издания")?"""
    if gender == "plur":
        return True
    i = doc._index(noun.start)
    prev = doc.tokens[i - 1] if i > 0 else None
    if prev is None or doc.text[prev.end : noun.start].strip() or not _is_adj(doc, prev):
        return False
    return all(p.tag.number == "plur" for p in doc.parse(prev.text)[:3] if p.tag.POS in ("ADJF", "PRTF"))


def _skip_lead(doc: _Text, words: list[_Tok]) -> tuple[int, bool]:
    """Where a speaker phrase starts, past prepositions ("В пресс-службе X сообщили"),
    connectives, adverbs and a document noun ("в сообщении регулятора говорится"); and
    whether those words make it an organisation's place ("в", "из", "у", a document)."""
    i = 0
    org_form = False
    dates = _date_intervals(doc)
    while i < len(words) and (words[i].low in ("в", "во", "из", "у") or words[i].low in CONNECTIVES or _is_adverb(doc, words[i]) or words[i].start in dates):
        if words[i].start in dates or words[i].low in ("в", "во") and i + 1 < len(words) and words[i + 1].start in dates:
            i += 1  # "подтвердила в понедельник, 4 декабря, его партия": a date, not a place
            continue
        if words[i].low in ("в", "во", "из", "у"):
            org_form = True
        i += 1
    if i < len(words) and doc.lemma(words[i].text) in DOCUMENT_NOUNS:
        i += 1
        org_form = True
        return i, org_form
    # "Как сообщают на (официальном) сайте министерства": the owner's page, not the speaker
    # ("в микроблоге представители группы": a nominative subject after the page speaks itself)
    j = i + 1 if i < len(words) and words[i].low == "на" else i if i and words[i - 1].low in ("в", "во") else -1
    while 0 <= j < len(words) and _is_adj(doc, words[j]) and doc.lemma(words[j].text) not in OWN_PAGE_NOUNS:
        j += 1
    if 0 <= j < len(words) and doc.lemma(words[j].text) in OWN_PAGE_NOUNS:
        cases = {p.tag.case for p in doc.parse(words[j + 1].text)[:3] if p.tag.POS == "NOUN"} if j + 1 < len(words) else set()
        if "nomn" in cases and "gent" not in cases:
            return (i, org_form) if j == i else (j + 1, org_form)
        return j + 1, True
    return i, org_form


def _date_intervals(doc: _Text) -> _Intervals:
    """The date mentions of the article, as intervals (memoised)."""
    if "dates" not in doc.memo:
        doc.memo["dates"] = _Intervals((d.start, d.end) for d in doc.article.dates)
    return doc.memo["dates"]


def _place_after(doc: _Text, words: list[_Tok], i: int, gender: str | None) -> Speaker | None:
    """A state or city named right after "в"/"из" with no subject of its own: "в Иране
    считают", "по сообщениям из Сеула" (a plural verb without a subject, or a "по" cue)."""
    if i >= len(words) or words[i - 1].low not in ("в", "во", "из") or gender not in ("plur", None):
        return None
    if "places by start" not in doc.memo:  # the stage's mentions are persons and organisations only
        doc.memo["places by start"] = {m.start: (m, e) for e in doc.article.entities if e.type == "LOC" for m in e.mentions}
    found = doc.memo["places by start"].get(words[i].start)
    if found is None or any(t.start >= found[0].end for t in words[i:]):
        return None
    return Speaker(found[1].name, "ORG", found[1].id, "state")


def _past_recipient(
    doc: _Text, said: _Said, cue: _Attribution, rest: list[_Tok], mentions: list[tuple[Mention, Entity]], org_form: bool
) -> tuple[list[_Tok], Speaker | None]:
    """Skip a dative recipient right after the verb ("рассказал РБК источник", "сказал
    журналистам", "рассказали изданию источники": an outlet there goes to ``via``); an
    organisation mention there that no speaker noun follows is the speaker."""
    for m, e in mentions:
        if m.start <= rest[0].start < m.end and e.type == "ORG":
            after_org = [t for t in rest if t.start >= m.end]
            subject = None if org_form else _nominative_ahead(doc, after_org)
            if subject is not None:
                # "сообщил РИА Новости в четверг представитель мэрии": the outlet heard it
                _heard(cue, e.name)
                rest = after_org[subject:]
                break
            return rest, _speaker_of(e)
    while rest and _case(doc, rest[0]) == "datv" and (_dative_only(doc, rest[0]) or not cue.cue.startswith("по ")) and not org_form and len(rest) > 1:
        if _media_noun(doc, rest[0]):
            body = _body_speaker(doc, said, rest[0], cue)
            _heard(cue, body.name if body is not None else None)
            named = _named_body(doc, rest[0], len(doc.text))
            if named is not None:  # "сообщил журналу People представитель": past the name too
                rest = [t for t in rest if t.start >= named.end] or rest[1:2]
                continue
        rest = rest[1:]
    return rest, None


def _nominative_ahead(doc: _Text, toks: list[_Tok]) -> int | None:
    """Index of the nominative speaker noun (with its adjectives) that follows a recipient in
    the same clause ("... в четверг представитель мэрии"), or None."""
    for k, t in enumerate(toks[:6]):
        if k and CLAUSE_MARK.search(doc.text[toks[k - 1].end : t.start]) or _is_finite_verb(doc, t):
            return None
        if _speaker_noun(doc, t) and _case(doc, t) == "nomn":
            j = k
            while j > 0 and _is_adj(doc, toks[j - 1]) and _case(doc, toks[j - 1]) == "nomn":
                j -= 1
            return j
    return None


def _dative_only(doc: _Text, tok: _Tok) -> bool:
    """Is a noun written in the dative and no other case ("изданию", "агентству")?"""
    cases = {p.tag.case for p in doc.parse(tok.text)[:3] if p.tag.POS == "NOUN"}
    return cases == {"datv"}


def _number_word(doc: _Text, tok: _Tok) -> bool:
    """A numeral in the nominative ("двое", "восемь") or a number ("12")."""
    return tok.text.isdigit() or any(p.tag.POS == "NUMR" and p.tag.case == "nomn" for p in doc.parse(tok.text)[:2])


def _numeral(doc: _Text, tok: _Tok) -> bool:
    """A numeral written in words, in the nominative ("двое", "восемь"; not "3000")."""
    return not tok.text.isdigit() and _number_word(doc, tok)


def _plural_genitive(doc: _Text, tok: _Tok) -> bool:
    """A noun read in the genitive plural ("республиканцев"; not "12 августа")."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.tag.number == "plur" for p in doc.parse(tok.text)[:2])


def _head_noun(doc: _Text, rest: list[_Tok]) -> int | None:
    """Index of the speaker noun heading the phrase, after at most three adjectives (and
    after "один из": "один из советников губернатора" is headed by "советников")."""
    skip = 2 if len(rest) > 2 and rest[0].low in ONE_OF and rest[1].low == "из" else 0
    if len(rest) > 1 and _possessive_of_noun(doc, rest[0]):
        skip = 1  # "его адвокат", "ее крестница": the noun is the head
    if len(rest) > 1 and doc.lemma(rest[0].text) in QUANTITY_NOUNS and _speaker_noun(doc, rest[1]) and _has_case(doc, rest[1], "gent"):
        skip = 1  # "ряд СМИ", "часть экспертов": the group is the head
    if len(rest) > 1 and _number_word(doc, rest[0]) and _speaker_noun(doc, rest[1]) and _plural_genitive(doc, rest[1]):
        skip = 1  # "двое республиканцев", "восемь сенаторов": the counted noun is the head
    for k, t in enumerate(rest[skip : skip + 4], skip):
        if t.low in NON_SPEAKER_WORDS:
            return None
        if _speaker_noun(doc, t) or doc.lemma(t.text) in BODY_NOUNS and _named_body(doc, t, len(doc.text)) is not None:
            if k > skip and not _agreeing(doc, rest[k - 1], t) and _has_case(doc, rest[k - 1], "nomn"):
                return k - 1  # "знакомые артиста": the adjective is the noun, the noun its genitive
            return k  # a body noun with its name: "фирма «Космолёт»"
        if not _is_adj(doc, t):
            return None
    return None


def _noun_phrase(doc: _Text, rest: list[_Tok], head: int, end: int) -> list[_Tok]:
    """The description: adjectives, the head, then genitive words, names (a quoted name
    whole: "секретарь президиума «Единой партии»", "источник в «Северной железной дороге»")
    and "в"/"по" phrases; then an adjective clause after a comma that closes the region and
    says what the source is close to ("источник, близкий к ФСБ"). A participle clause of
    what someone did is not part of it ("посол Финляндии, посетивший стройку")."""
    phrase = rest[_modifiers_start(doc, rest, head) : head + 1]
    lemma = doc.lemma(rest[head].text)
    toks = doc.toks(rest[head].end, end)
    k = 0
    while k < len(toks):
        t = toks[k]
        gap = doc.text[phrase[-1].end : t.start].strip()
        if gap not in PHRASE_GAPS:
            break
        if doc.in_quote(t.start) and not doc.in_quote(phrase[-1].start):
            close = _quoted_name(doc, t.start)
            if close is None or not (t.text[0].isupper() or phrase[-1].low in ("в", "из")):
                break  # a statement in quotation marks, not a name
            inside = [x for x in toks[k:] if x.end <= close]
            phrase.extend(inside)
            k += len(inside)
            continue
        if t.low == "и" and k + 1 < len(toks) and _coordinated(doc, rest[head], toks[k + 1]):
            phrase.extend(toks[k : k + 2])  # "семья и близкие Политковской": both nouns
            k += 2
            continue
        if not _extends_phrase(doc, phrase, t, lemma):
            break
        phrase.append(t)
        k += 1
    return phrase + _closing_clause(doc, rest[head], phrase[-1].end, end)


def _coordinated(doc: _Text, head: _Tok, t: _Tok) -> bool:
    """Is a speaker noun after "и" in the head's case ("семья и близкие", "врачи и родственники")?"""
    cases = {p.tag.case for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN"}
    return _speaker_noun(doc, t) and any(p.tag.POS == "NOUN" and p.tag.case in cases for p in doc.parse(t.text)[:3])


def _closing_clause(doc: _Text, head: _Tok, pos: int, end: int) -> list[_Tok]:
    """", близкий к ФСБ", ", знакомый с ситуацией": a clause after a comma opened by a full
    adjective or a passive participle (not an active one, not a pronoun) agreeing with the
    head in number, running to the region's end, is how the writer names an unnamed source."""
    text = doc.text
    if not re.match(r",\s", text[pos : pos + 2]):
        return []
    toks = doc.toks(pos, end)
    if not toks or re.search(r"[^\s«»\"]", text[toks[-1].end : end].strip(" ,.")):
        return []
    if any(re.search(r"[,;:()—–.!?]", text[a.end : b.start]) for a, b in zip(toks, toks[1:])):
        return []
    number = {p.tag.number for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN"}
    first = doc.parse(toks[0].text)[0]
    # a passive participle says who the source is too ("масс-медиа, контролируемые группировкой
    # X", "телеканал, финансируемый правительством"); an active one tells what it did (one the
    # dictionary keeps as an adjective is read as one: "телеканал, принадлежащий движению X")
    passive = first.tag.POS == "PRTF" and first.tag.voice == "pssv"
    if first.tag.POS != "ADJF" and not passive or "Apro" in first.tag or first.tag.number not in number or any(_is_finite_verb(doc, t) for t in toks):
        return []
    return toks


def _modifiers_start(doc: _Text, rest: list[_Tok], head: int) -> int:
    """Where a description starts: the adjectives right before its head that agree with it
    ("Позднее неназванный представитель": "позднее" is an adverb here, not the head's), or
    the start of "один из ..." and "его адвокат"."""
    if head >= 2 and rest[0].low in ONE_OF and rest[1].low == "из" or head >= 1 and _possessive_of_noun(doc, rest[0]):
        return 0
    if head == 1 and (doc.lemma(rest[0].text) in QUANTITY_NOUNS or _numeral(doc, rest[0]) and _plural_genitive(doc, rest[1])):
        return 0  # "ряд СМИ", "двое республиканцев": the count in words is part of the group
    k = head
    while k > 0 and _agreeing(doc, rest[k - 1], rest[head]):
        k -= 1
    return k


def _quoted_name(doc: _Text, pos: int) -> int | None:
    """Where the quoted name holding ``pos`` closes (its closing mark), or None when ``pos`` is
    in a quotation of more than ``MAX_NAME_WORDS`` words (a statement, not a name)."""
    for span in reversed(doc.spans):  # by opening mark: the innermost holding pos comes first
        if span.open < pos and (span.close is None or pos < span.close):
            if span.close is None or len(_WORD.findall(doc.text[span.open : span.close])) > MAX_NAME_WORDS:
                return None
            return span.close
    return None


def _extends_phrase(doc: _Text, phrase: list[_Tok], t: _Tok, lemma: str) -> bool:
    """Does the word after a description (head lemma ``lemma``) belong to it?"""
    if t.low in ("со", "с", "на", "о", "об", "за", "для", "при", "после", "от", "до") and not t.text[0].isupper():
        return False  # "СМИ со ссылкой на": a preposition is read as an abbreviation in the genitive
    if lemma in ("источник", "представитель", "собеседник", "сотрудник") and t.low in ("в", "из"):
        nxt = doc.tokens[doc._index(t.end)] if doc._index(t.end) < len(doc.tokens) else None
        return nxt is None or nxt.low not in INTERVIEW_WORDS  # not "сотрудник ... в беседе с корреспондентом"
    nxt = doc.tokens[doc._index(t.end)] if doc._index(t.end) < len(doc.tokens) else None
    if t.low in ("в", "во") and lemma in ORG_SPEAKER_NOUNS and nxt is not None and nxt.text[0].isupper():
        return True  # "представительство банка в Душанбе"
    if t.low == "по" and doc.lemma(phrase[-1].text) in ORG_SPEAKER_NOUNS:
        return True  # "департамент по чрезвычайным ситуациям"
    if phrase[-1].low == "по" or (_case(doc, t) == "datv" and any(x.low == "по" for x in phrase)):
        return True
    if lemma in PEOPLE_PARTICIPLE_PHRASES:
        own = PEOPLE_PARTICIPLE_PHRASES[lemma]  # "оставшиеся в живых": the participle's own words
        n = next((len(phrase) - 1 - k for k, x in enumerate(phrase) if doc.lemma(x.text) == lemma), len(own))
        if n < len(own) and t.low == own[n]:
            return True
    if phrase[-1].low in ("в", "из") or _has_case(doc, t, "gent") or t.text[0].isupper() and t.low not in PRONOUNS:
        return not _is_finite_verb(doc, t)
    return _adjective_goes_on(doc, phrase, t)


def _adjective_goes_on(doc: _Text, phrase: list[_Tok], t: _Tok) -> bool:
    """"источники в правоохранительных органах": adjectives right after "в"/"из" go on to the
    noun they agree with (or another adjective in their case), which closes the place."""
    k = len(phrase) - 1
    while k > 0 and _is_adj(doc, phrase[k]):
        k -= 1
    if k == len(phrase) - 1 or phrase[k].low not in ("в", "из"):
        return False
    if _agreeing(doc, phrase[-1], t):
        return True
    cases = {p.tag.case for p in doc.parse(phrase[-1].text)[:3] if p.tag.POS in ("ADJF", "PRTF")}
    return _is_adj(doc, t) and any(p.tag.POS in ("ADJF", "PRTF") and p.tag.case in cases for p in doc.parse(t.text)[:3])


def _described_speaker(doc: _Text, said: _Said, head: _Tok, phrase: list[_Tok], org_form: bool, gender: str | None, cue: _Attribution) -> Speaker:
    """The speaker a description names: the person holding that role, the person it refers
    back to ("— отметил эксперт" after "По мнению X"), else the description itself."""
    p_start, p_end = phrase[0].start, phrase[-1].end
    text = doc.text
    desc = _balanced(text[p_start:p_end], text[p_end : p_end + 1])
    outlet = _outlet_in_phrase(doc, phrase, head)
    lemma = doc.lemma(head.text)
    media = next((t for t in phrase if t.start > head.start and _media_noun(doc, t)), None)
    for heard in _source_outlets(doc, said, phrase, head, lemma, org_form, outlet, media):
        _heard(cue, heard)
    normal = _description_name(doc, desc, phrase, head, org_form, cue)
    gender = _female_head(doc, head, gender)
    kind = "ORG" if org_form or lemma in ORG_SPEAKER_NOUNS else "OTHER"
    unnamed = _unnamed_description(doc, phrase, lemma, outlet)
    outlets_person = _outlets_person(lemma, outlet, media)
    inside = [(m, e) for m, e in _mentions_in(doc, head.end, p_end) if e.type == "PER"]
    named = _closing_name(doc, head, inside, p_end)
    if named is not None:
        return named  # "младший брат Пётр", "менеджер певицы Анна Орлова": the name closing it speaks
    if not unnamed:
        # "дочь актрисы" is the one introduced as "дочь погибшей Татьяна" (not the actress)
        person = _person_by_role(doc, normal, gender, cue.cue_start)
        if person is None and " и " in normal and gender in ("masc", "femn"):
            # "бывший премьер-министр Италии и лидер партии X объявил": one person with two
            # roles (the verb is singular), found by the first
            person = _person_by_role(doc, normal.split(" и ")[0], gender, cue.cue_start)
        if person is not None:
            return _speaker_of(person)
    if len(phrase) == 1 and lemma in BODY_BACK_NOUNS:
        body = _body_referred_back(doc, lemma, min(cue.cue_start, phrase[0].start), said.stated)
        if body is not None:
            return body  # "МИД Ардении обвинил ... В заявлении ведомства говорится": the ministry
    if kind == "OTHER" and cue.stmt_start >= 0 and lemma not in ANONYMOUS_HEADS and not unnamed and not inside and not outlets_person:
        # ("адвокат Насира", "дядя Шварца": somebody's relation refers back to nobody)
        antecedent = _referred_back(doc, said, head, phrase, lemma, gender, cue, desc)
        if antecedent is not None:
            return antecedent
    return Speaker(_without_possessive(doc, phrase, _lower_description(doc, head, normal, phrase[0])), kind, None)


def _without_possessive(doc: _Text, phrase: list[_Tok], name: str) -> str:
    """A description's name without the possessive that opens it: "его адвокат", "её
    владельцы", "мой кузен" name the speaker as "адвокат", "владельцы", "кузен" (the pronoun
    points at someone else and means nothing out of its sentence; ``DROPPED_POSSESSIVES``)."""
    first = phrase[0]
    if len(phrase) < 2 or not (first.low in DROPPED_POSSESSIVES or doc.lemma(first.text) in DROPPED_POSSESSIVES):
        return name
    rest = name.split(None, 1)
    return rest[1] if len(rest) == 2 else name


# Of them, the bodies often named in quotation marks ("банк «Пересвет»", "компания «Вектор»").
QUOTED_BODY_BACK_NOUNS = frozenset({"банк", "компания", "корпорация", "концерн", "холдинг", "клуб", "партия", "фонд"})

# Bare nouns of a body that refer back to the body just named ("ведомство", "пресс-служба":
# any non-media organisation; "министерство": a ministry; "банк", "компания", "клуб", "партия":
# an organisation, named in quotation marks too: «Пересвет»).
BODY_BACK_NOUNS = frozenset({"ведомство", "министерство", "пресс-служба"}) | QUOTED_BODY_BACK_NOUNS


def _body_referred_back(doc: _Text, lemma: str, pos: int, stated: list[tuple[int, int]] = ()) -> Speaker | None:
    """The organisation a bare "ведомство", "министерство", "пресс-служба", "банк", "компания",
    ... (``BODY_BACK_NOUNS``) refers back to: the latest organisation the narrator named (outside
    quotation marks, but for ``QUOTED_BODY_BACK_NOUNS``, and outside the statements ``stated``) in
    this or the previous paragraph, not an outlet. For "министерство", a ministry ("Министерство
    ...", "Мин...", "МИД"); for a ``QUOTED_BODY_BACK_NOUNS`` noun, first a body that noun was
    written with ("Компания «Вектор»", "банка «Пересвет»") or whose name holds it ("Сбербанк"):
    "Компания «Вектор» подала иск к Минфину. В компании заявили" is the company, not the
    ministry named last."""
    lo = _window_start(doc, pos)
    candidates = []
    for m, e in reversed(_mentions_in(doc, lo, pos)):
        if e.type != "ORG" or doc.in_quote(m.start) and lemma not in QUOTED_BODY_BACK_NOUNS or _is_outlet(doc, e.name, e):
            continue
        if any(start <= m.start < end for start, end in stated):
            continue  # a body named inside someone's words ("... отмечалось в Совете Безопасности"), not by the narrator
        name = e.name.lower()
        if lemma == "министерство" and not (name.startswith(("мин", "мид")) or "министерств" in name):
            continue
        if lemma not in QUOTED_BODY_BACK_NOUNS or _written_with(doc, lemma, m.start, name):
            return _speaker_of(e)
        candidates.append(e)
    return _speaker_of(candidates[0]) if candidates else None


def _written_with(doc: _Text, lemma: str, start: int, name: str) -> bool:
    """Is the organisation mention at ``start`` one of a ``lemma`` body: the noun right before
    it (past an opening mark: "компании «Вектор»") or inside its name ("Сбербанк", "Партия
    роста")?"""
    if lemma in name.replace("ё", "е"):
        return True
    before = doc.toks(max(0, start - 40), start)
    if not before or doc.text[before[-1].end : start].strip(DOUBLE_OPENING + '"' + " "):
        return False
    return doc.lemma(before[-1].text) == lemma


def _female_head(doc: _Text, head: _Tok, gender: str | None) -> str | None:
    """The speaker's gender: the verb's (``gender``), else "femn" for a female animate head
    noun ("27-летняя женщина утверждает": a woman, whatever the verb's tense)."""
    if gender is None and any(p.tag.POS == "NOUN" and p.tag.gender == "femn" and "anim" in p.tag for p in doc.parse(head.text)[:1]):
        return "femn"
    return gender


def _unnamed_description(doc: _Text, phrase: list[_Tok], lemma: str, outlet: tuple | None) -> bool:
    """Does the description name somebody who is never a named person of the article:
    "неназванный представитель", "его адвокат" (somebody without a name, or somebody's
    relation), "собеседник «Коммерсанта»" (the outlet's source, unnamed by design)?"""
    if outlet is not None and lemma in SOURCE_NOUNS:
        return True
    return any(t.low in POSSESSIVES or doc.lemma(t.text) in ANONYMOUS_WORDS for t in phrase)


def _outlets_person(lemma: str, outlet: tuple | None, media: _Tok | None) -> bool:
    """Is the description an outlet's person, not its source ("журналист газеты Yukon Sun":
    nobody the article talks about)?"""
    return (outlet is not None or media is not None) and lemma not in SOURCE_NOUNS


def _source_outlets(
    doc: _Text, said: _Said, phrase: list[_Tok], head: _Tok, lemma: str, org_form: bool, outlet: tuple | None, media: _Tok | None
) -> list[str | None]:
    """The outlets that heard a description's words, in the order to try for ``via``.

    "источник «Интерфакса» в правительстве", "в мэрии «Ъ» сообщили": the outlet heard it, the
    source (named by the whole description, as written) speaks; "президент ABC News" speaks
    for himself. "по данным источников российских СМИ": those media; "собеседник агентства":
    the agency the article named before.
    """
    found: list[str | None] = []
    if outlet is not None and (lemma in SOURCE_NOUNS or org_form):
        found.append(outlet[2])
    if outlet is not None or lemma not in SOURCE_NOUNS:
        return found
    k = next((i for i, t in enumerate(phrase) if t.start > head.start and t.low in MEDIA_GROUP_NOUNS), None)
    if k is not None:
        j = k
        while j > 0 and phrase[j - 1].start > head.start and _is_adj(doc, phrase[j - 1]):
            j -= 1
        found.append(_nominative(doc, doc.text[phrase[j].start : phrase[k].end]))
    if media is not None:
        found.append(_earlier_outlet(doc, said, media, media.start))
    return found


def _closing_name(doc: _Text, head: _Tok, inside: list[tuple[Mention, Entity]], p_end: int) -> Speaker | None:
    """The person named at the end of a singular description of a person ("младший брат
    Пётр", "менеджер певицы Анна Орлова"), in the nominative and no relation of someone: that
    person speaks (not "штаб Клинтон")."""
    singular = any(p.tag.number == "sing" and p.tag.case == "nomn" for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN")
    closing = inside[-1] if inside and inside[-1][0].end >= p_end and inside[-1][0].kind == "name" else None
    person_head = any(p.tag.POS == "NOUN" and "anim" in p.tag for p in doc.parse(head.text)[:2])
    if closing is not None and singular and person_head and _nominative_mention(doc, *closing) and not _relation_of(doc, *closing):
        return _speaker_of(inside[-1][1])
    return None


def _referred_back(
    doc: _Text, said: _Said, head: _Tok, phrase: list[_Tok], lemma: str, gender: str | None, cue: _Attribution, desc: str
) -> Speaker | None:
    """A definite description of a person refers back like a pronoun: "— отметил эксперт"
    after "По мнению X" is X (a singular animate head only)."""
    hp = doc.parse(head.text)[0]
    if "anim" not in hp.tag or hp.tag.number != "sing":
        return None
    bare = phrase[-1] is head  # "актриса", "опытный тренер": no tail of its own
    modified = phrase[0] is not head  # "федеральный прокурор": a word of its own before the head
    return _described_antecedent(doc, said, lemma, min(cue.stmt_start, cue.cue_start, phrase[0].start), gender, _countries(doc, desc), bare, modified)


def _balanced(desc: str, nxt: str) -> str:
    """A description with its quotation marks paired: the closing mark after it taken in
    ("президиума «Единой партии»"), a dangling opening mark dropped."""
    opened = sum(desc.count(c) for c in DOUBLE_OPENING if c != '"') - sum(desc.count(c) for c in DOUBLE_CLOSING if c != '"')
    straight = desc.count('"') % 2
    if (opened > 0 or straight) and nxt and nxt in DOUBLE_CLOSING:
        return desc + nxt
    if desc and desc[-1] in DOUBLE_OPENING:
        return desc[:-1].rstrip()
    return desc


def _description_name(doc: _Text, desc: str, phrase: list[_Tok], head: _Tok, org_form: bool, cue: _Attribution) -> str:
    """A description in the nominative, its words as written.

    A head that stands in the nominative (the subject: "Критики считают", "власти Венесуэлы
    объявили") keeps every word and its number; after "по словам", "в" or a document noun
    the head and its adjectives are put in the nominative ("собеседников «Ъ»" -> "собеседники
    «Ъ»"); "одного из советников" -> "один из советников".
    """
    first = phrase[0]
    if first.low in ONE_OF and len(phrase) > 2 and phrase[1].low == "из":
        gender = next((p.tag.gender for p in doc.parse(head.text)[:3] if p.tag.POS == "NOUN" and p.tag.gender), "masc")
        one = {"femn": "одна", "neut": "одно"}.get(str(gender), "один")
        return one + desc[len(first.text) :]
    oblique = org_form or cue.cue.startswith(("по ", "согласно")) or _after_preposition(doc, first)
    if not oblique and (any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(head.text)[:4]) or first is not head and _numeral(doc, first)):
        return desc  # the subject as written ("Критики считают", "двое республиканцев заявили")
    return _nominative_with_clause(doc, desc, phrase, head)


def _nominative_with_clause(doc: _Text, desc: str, phrase: list[_Tok], head: _Tok) -> str:
    """The base form of a description whose closing clause follows a comma: the phrase before
    the comma as any description, the clause's first word (its adjective or participle) put in
    the head's case, number and gender ("телеканала, принадлежащего движению X" ->
    "телеканал, принадлежащий движению X"), the rest as written."""
    start = phrase[0].start
    clause = next((t for a, t in zip(phrase, phrase[1:]) if t.start > head.start and "," in doc.text[a.end : t.start] and not doc.in_quote(t.start)), None)
    if clause is None:
        return _nominative(doc, desc)
    cut = desc.rfind(",", 0, clause.start - start)
    noun = next((p for p in doc.parse(head.text)[:4] if p.tag.POS == "NOUN"), None)
    word = next((p for p in doc.parse(clause.text)[:4] if p.tag.POS in ("ADJF", "PRTF")), None)
    if cut < 0 or noun is None or word is None:
        return _nominative(doc, desc)
    grammemes = {"nomn", "plur"} if noun.tag.number == "plur" else {"nomn", "sing", str(noun.tag.gender)}
    form = word.inflect(grammemes)
    if form is None:
        return _nominative(doc, desc)
    rest = desc[clause.end - start :]
    return _nominative(doc, desc[:cut]) + desc[cut : clause.start - start] + form.word + rest


def _after_preposition(doc: _Text, tok: _Tok) -> bool:
    """Does a preposition stand right before the token ("на источник", "у экспертов")?"""
    i = doc._index(tok.start)
    return i > 0 and doc.parse(doc.tokens[i - 1].text)[0].tag.POS == "PREP" and not doc.text[doc.tokens[i - 1].end : tok.start].strip()


def _lower_description(doc: _Text, head: _Tok, normal: str, first: _Tok | None = None) -> str:
    """A description written first in its sentence, in lower case unless its first word is a
    name or an abbreviation ("Местные СМИ" -> "местные СМИ", "МИД Франции" stays); a capital
    written inside the sentence is a name's ("В Кремле заявили": "Кремль")."""
    words = normal.split()
    if not words or not words[0][0].isupper() or words[0].isupper():
        return normal
    if first is not None and first.text[:1].isupper() and not _opens_sentence(doc, first):
        return normal
    tag = doc.parse(words[0])[0].tag
    if any(x in tag for x in ("Abbr", "Orgn", "Geox", "Name", "Surn")):
        return normal
    return normal[0].lower() + normal[1:]


def _opens_sentence(doc: _Text, tok: _Tok) -> bool:
    """Does a word open its sentence: nothing before it in its line but a mark, a dash or a
    quotation mark, or a sentence end before it?"""
    before = doc.text[max(0, tok.start - 200) : tok.start].rstrip(" \xa0" + DOUBLE_OPENING + "—–-(")
    return not before or before[-1] in ".!?…:\n" + DOUBLE_CLOSING
