"""The subject of a speech verb in the region before or after it.

``_scan_region`` looks for it where Russian news writes it: before the verb in the verb's own
clause (a coordinated verb shares the first one's subject: ``_subject_regions``), the nearest
person that depends on no noun before it and agrees with the verb, a pronoun, a place, the
nearest nominative speaker noun, an abbreviation; after the verb the first person of the
apposition, a name NER missed, a body's bare name, a noun phrase (``_descriptions``).
"""

from __future__ import annotations

import re

from ...model import Entity, Mention, Speaker
from .._lexicon import DOUBLE_CLOSING, DOUBLE_OPENING, FRONTED_CLAUSE_OPENERS, LOC_ABBREVIATIONS, NON_ENTITY_ABBREVIATIONS, QUOTED_NAME_HEADS
from ..names import normalize_mention
from .._speech import (
    ACCUSE_LEMMAS,
    CONFIRM_LEMMAS,
    NAMING_LEMMAS,
    QUANTITY_NOUNS,
    ORG_SPEAKER_NOUNS,
    OUTLET_NOUNS,
    PO_SLOVAM_NOUNS,
    REQUEST_LEMMAS,
    SPEAKER_NOUNS,
    SPEECH_LEMMAS,
    VIA_LEMMAS,
)
from ._outlets import _base_name, _dative, _heard, _name_at
from ._persons import _gender_fits, _trusted_role
from ._text import (
    _surnames,
    CLAUSE_MARK,
    BACK_ADVERBS,
    PRONOUNS,
    _Attribution,
    _Intervals,
    _Said,
    _Text,
    _Tok,
    _WORD,
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
)
from ._grammar import _agreeing, _agrees, _gloss, _is_subject, _nominative_mention, _possessive_of_noun, _relation_of
from ._descriptions import _np_speaker, _number_word
from ._antecedents import _pronoun

# Words that join a speech verb to an earlier verb of the same subject ("выразил уверенность
# ... и отметил", ", однако отметил", ", а затем добавил").
COORDINATORS = frozenset("и а но однако также затем потом позже позднее впоследствии тут же".split())

# Impersonal cues of a document ("говорится в пресс-релизе") or of the writer ("сообщается"):
# without a speaker of their own they go on with the last document's or the last speaker.
IMPERSONAL_CUES = ("уточняется", "говорится", "сообщается", "отмечается")

# The speech verbs that are also relaying verbs (of VIA_LEMMAS) whose subject after them is
# searched as a speech verb's: "Как сообщают в микроблоге представители группы" ("пишет",
# "цитирует" name an outlet relaying).
REPORTING_LEMMAS = frozenset({"сообщать"})

# A subject after its verb stands within this many words of it ("сообщила насчитывающая
# более 8 тысяч членов организация": 7).
MAX_SUBJECT_AFTER = 8


def _scan_region(
    doc: _Text, said: _Said, region: tuple[int, int], gender: str | None, reverse: bool, cue: _Attribution, narrow: bool = True
) -> Speaker | None:
    """The speaker written in a region next to the cue: before it (``reverse``) or after it
    (``narrow``: look for the subject's own part of the region first, ``_subject_regions``)."""
    start, end = region
    if reverse:
        end = _before_aside(doc, start, end)
    if end <= start:
        return None
    toks = doc.toks(start, end)
    mentions = _mentions_in(doc, start, end)
    # a pronoun subject or possessive ("он", "его слова", "По ее словам")
    # ("«Он погиб», — заявил X": the quoted words are no subject, unless the cue stands
    # inside the marks too, a quotation split by its attribution: "«A, — сказала она. — B»")
    outside = not doc.in_quote(cue.cue_start)
    pron = [t for t in toks if t.low in PRONOUNS and not (outside and doc.in_quote(t.start))]
    words = [t for t in toks if not doc.in_quote(t.start)] or toks
    verb_cue = _verb_cue(doc, cue)
    if reverse and verb_cue and narrow:
        regions = _subject_regions(doc, start, end, words)
        if regions:
            return next((sp for r in regions if (sp := _scan_region(doc, said, r, gender, reverse, cue, narrow=False)) is not None), None)
    pers = _candidate_persons(doc, mentions, start, gender, verb_cue)
    if reverse:
        return _subject_before(doc, said, (start, end), gender, cue, verb_cue, mentions, pers, pron, words)
    # after the cue: the first person of an apposition, skipping a dative outlet ("рассказал РБК источник")
    heard = _heard_before_body(doc, cue, start, end)
    if heard is not None:
        return _scan_region(doc, said, (heard, end), gender, reverse, cue, narrow)
    pronoun = _pronoun_after(doc, pron, pers, words, end)
    if pronoun is not None:
        return _pronoun(doc, said, pronoun, cue.cue_start, cue)
    person = _person_after(doc, pers, words)
    if person is not None:
        return _speaker_of(person[1])
    named = _unlisted_name(doc, words)
    if named is not None:
        return named
    found = _np_speaker(doc, said, words, mentions, gender, cue, end) or _bare_name(doc, cue, start, end)
    if found is None and (verb_cue or _reporting_verb(doc, cue)) and cue.cue not in IMPERSONAL_CUES:
        # "сообщила насчитывающая более 8 тысяч членов организация": the first nominative
        # speaker noun agreeing with the verb, past a participle's dependents; "Как сообщают
        # в микроблоге представители группы": a reporting verb's too, past its channel
        sub = _subject_after(doc, words[:MAX_SUBJECT_AFTER], gender, end)
        if sub:
            found = _np_speaker(doc, said, sub, _mentions_in(doc, sub[0].start, end), gender, cue, end)
    return found


def _heard_before_body(doc: _Text, cue: _Attribution, start: int, end: int) -> int | None:
    """"сообщили РИА Новости в пресс-службе базы": an outlet right after the verb and before
    "в <body>" heard the words (``via``; an indeclinable name shows no dative); the body spoke.
    Returns where the rest of the region starts."""
    found = _name_at(doc, start, end)
    if found is None or found[3] is None or found[3].type != "ORG":
        return None
    inside = re.match(r"\s+во?\s+(\w[\w-]*)", doc.text[found[1] : end])
    if inside is None:
        return None
    at = found[1] + inside.start(1)
    body = doc.lemma(inside.group(1)) in SPEAKER_NOUNS or any(m.start == at and e.type == "ORG" for m, e in _mentions_around(doc, at))
    if not body:
        return None  # "заявил Reuters в Вашингтоне": a place, not the body that spoke
    _heard(cue, _base_name(doc, found[2], found[3]))
    return found[1]


def _before_aside(doc: _Text, start: int, end: int) -> int:
    """Where the region before a verb ends without the aside in brackets closing it: "двое
    республиканцев (сенаторы от Северной Каролины и Огайо) заявили" (the subject stands before
    the brackets; a name in them is none)."""
    chunk = doc.text[start:end].rstrip()
    if not chunk.endswith(")") or doc.in_quote(start + len(chunk) - 1):
        return end
    depth = 0
    for k in range(len(chunk) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(chunk[k], 0)
        if depth == 0:
            return start + k if doc.text[start:start + k].strip() else end  # all in brackets: keep it
    return end


def _pronoun_after(doc: _Text, pron: list[_Tok], pers: list[tuple[Mention, Entity]], words: list[_Tok], end: int) -> _Tok | None:
    """The pronoun that is the speaker after the cue: opening the region, or after "слова",
    "мнению", "словам" ("сказал он", "по его словам"), before any person, and no possessive
    of the subject noun after it ("сказал его адвокат")."""
    if pron and pron[0].low in ("его", "ее", "её", "их", "он", "она", "они") and (not pers or pron[0].start < pers[0][0].start):
        first_word = words[0] if words else None
        if first_word is pron[0] or (first_word and first_word.low in ("слова", "мнению", "словам")) or pron[0] is (words[1] if len(words) > 1 else None):
            if not _possessive_of_noun(doc, pron[0], end):
                return pron[0]
    return None


def _person_after(doc: _Text, pers: list[tuple[Mention, Entity]], words: list[_Tok]) -> tuple[Mention, Entity] | None:
    """The person mention that is the speaker after the cue, or None when a plural speaker
    noun opening the region is (the name in another case its dependent)."""
    if not pers:
        return None
    # "сказал поддерживающий Петрова депутат Иван Сидоров": a name in another case
    # depends on a word before it; the nominative one is the subject
    subjects = [me for me in pers if _nominative_mention(doc, *me)]
    free = [me for me in pers if not _after_participle(doc, me[0])]
    lead = [t for t in words if not _is_adj(doc, t)][:1]  # "неназванных представителей"
    heads = [t for t in lead if t.end <= pers[0][0].start and _speaker_noun(doc, t) and all(p.tag.number == "plur" for p in doc.parse(t.text)[:2] if p.tag.POS == "NOUN")]
    if subjects or not heads:
        return (subjects or free or pers)[0]
    # "со ссылкой на неназванных представителей администрации Барака Обамы": a plural
    # speaker noun opening the region is the speaker, the name in another case its dependent
    return None


def _subject_after(doc: _Text, words: list[_Tok], gender: str | None, end: int) -> list[_Tok]:
    """The subject after the verb: the first speaker noun in the nominative agreeing with the
    verb in number (and gender), within the clause, with the adjectives right before it."""
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    for k, t in enumerate(words):
        if k and re.search(r"[,;:()—–]", doc.text[words[k - 1].end : t.start]):
            return []
        if not _speaker_noun(doc, t):
            continue
        if any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) and (want != "sing" or p.tag.gender in (gender, None) or "GNdr" in p.tag or "Ms-f" in p.tag) for p in doc.parse(t.text)[:3]):
            j = k
            while j > 0 and _agreeing(doc, words[j - 1], t) and doc.text[words[j - 1].end : words[j].start] == " ":
                j -= 1
            return words[j:]
    return []


def _after_participle(doc: _Text, m: Mention) -> bool:
    """Does a participle govern a name ("поддерживающий Чавеса законодатель")?"""
    i = doc._index(m.start)
    return i > 0 and doc.text[doc.tokens[i - 1].end : m.start] == " " and doc.parse(doc.tokens[i - 1].text)[0].tag.POS == "PRTF"


def _capitalised_body(doc: _Text, start: int, end: int) -> Speaker | None:
    """"сообщил Белый дом": a capitalised adjective and its noun in the nominative right after
    the verb, no entity of the article, name a body."""
    toks = doc.toks(start, end)[:2]
    if len(toks) < 2 or doc.text[start : toks[0].start].strip() or doc.text[toks[0].end : toks[1].start] != " ":
        return None
    adj, noun = toks
    if not adj.text[0].isupper() or noun.text[0].isupper() or _mentions_around(doc, adj.start) and any(m.start <= adj.start < m.end for m, _e in _mentions_around(doc, adj.start)):
        return None
    a = [p for p in doc.parse(adj.text)[:3] if p.tag.POS == "ADJF" and p.tag.case == "nomn"]
    n = [p for p in doc.parse(noun.text)[:3] if p.tag.POS == "NOUN" and p.tag.case == "nomn" and "anim" not in p.tag]
    if not any(_agrees(x, y) for x in a for y in n):
        return None
    return Speaker(f"{adj.text} {noun.text}", "ORG", None)


def _bare_name(doc: _Text, cue: _Attribution, start: int, end: int) -> Speaker | None:
    """A body's name without a noun opening the region after a speech verb: "сообщает The
    Guardian", "пишет «Вечерний город»" (a name in Latin letters or in quotation marks); a
    name in the dative heard the words ("сообщили «Северному курьеру»": ``via``)."""
    found = _name_at(doc, start, end)
    if found is None:
        return _capitalised_body(doc, start, end)
    if found[3] is not None and found[3].type != "ORG":
        return None
    written = doc.text[found[0] : found[1]].strip(DOUBLE_OPENING + DOUBLE_CLOSING + " ")
    if _dative(doc, written.split()[-1]):
        _heard(cue, _base_name(doc, found[2], found[3]))
        return None
    return Speaker(found[2], "ORG", found[3].id if found[3] is not None else None)


def _candidate_persons(doc: _Text, mentions: list[tuple[Mention, Entity]], start: int, gender: str | None, verb_cue: bool) -> list[tuple[Mention, Entity]]:
    """The person mentions of a region that may be the speaker."""
    pers = [me for me in mentions if me[1].type == "PER" and not _common_noun_person(doc, me) and _trusted_role(doc, *me) and not _gloss(doc, me[0])]
    # "по мнению администрации президента", "пресс-служба Путина сообщила": a person right
    # after an institution's noun owns it; an institution is never in apposition to a person
    pers = [me for me in pers if not _institution_before(doc, me[0], start)]
    if not verb_cue:
        return pers
    # a name depending on the noun before it is not the speaker ("пресс-секретарь Путина",
    # "помощник Хиллари Клинтон"), nor one that disagrees with the verb ("помощник Орловой сообщил")
    return [
        me for k, me in enumerate(pers)
        if not (_possessor(doc, me[0], start) and (_inflected(me[0], me[1]) or not _gender_fits(doc, me[1], gender) or _apposed(doc, me[0], pers[k + 1 :]) or _relation_of(doc, *me)))
        and (gender not in ("masc", "femn") or _gender_fits(doc, me[1], gender))
    ]


def _institution_before(doc: _Text, m: Mention, start: int) -> bool:
    """Does an organisation noun stand right before a person mention ("администрации президента")?"""
    i = doc._index(m.start)
    if i == 0 or doc.tokens[i - 1].start < start or doc.text[doc.tokens[i - 1].end : m.start] != " ":
        return False
    if not any(p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") in ORG_SPEAKER_NOUNS for p in doc.parse(doc.tokens[i - 1].text)[:2]):
        return False
    # the institution heads its phrase: not "глава ведомства Александр Жаров", "заведующий
    # кафедрой Приморского университета Олег Воронцов" (a title's genitive chain), not
    # "помощница в Госдуме Галина Лякишева" (a place)
    k = i - 1
    while k > 0 and doc.text[doc.tokens[k - 1].end : doc.tokens[k].start] == " " and _is_adj(doc, doc.tokens[k - 1]):
        k -= 1
    before = doc.tokens[k - 1] if k > 0 else None
    if before is None or before.end <= start:
        return True  # the institution opens the region ("по мнению | администрации президента")
    if doc.text[before.end : doc.tokens[k].start] != " ":
        return False  # "Арктики Северного (Арктического) федерального университета": a chain goes on
    if doc.lemma(before.text) in PO_SLOVAM_NOUNS:
        return True  # "по мнению администрации президента"
    return doc.parse(before.text)[0].tag.POS not in ("NOUN", "PREP")


def _subject_before(
    doc: _Text,
    said: _Said,
    region: tuple[int, int],
    gender: str | None,
    cue: _Attribution,
    verb_cue: bool,
    mentions: list[tuple[Mention, Entity]],
    pers: list[tuple[Mention, Entity]],
    pron: list[_Tok],
    words: list[_Tok],
) -> Speaker | None:
    """The subject before the verb: the nearest person; a pronoun; "Там"; an organisation or a
    description ("В пресс-службе X"); a place; the nearest nominative speaker noun."""
    start, end = region
    body = _relative_body(doc, words, end)
    if body is not None:
        return body
    pers = [me for me in pers if not _in_participle_clause(doc, me[0], start, end) and not _in_relative_clause(doc, me[0], start, end)]
    subject_pronoun = pron[-1] if pron and pron[-1].low in ("он", "она", "они") else None
    if pers and not (subject_pronoun is not None and subject_pronoun.start > pers[-1][0].end):
        return _family_pair(doc, pers[-1][0]) or _speaker_of(pers[-1][1])
    if subject_pronoun is not None:
        # "... имена — Алёша и Соня, она отмечала": the pronoun next to the verb is the subject
        return _pronoun(doc, said, subject_pronoun, cue.cue_start, cue)
    if words and words[-1].low in BACK_ADVERBS and said.speakers:
        return said.speakers[-1]
    quoted = _quoted_subject(doc, start, end)
    if quoted is not None:
        return quoted
    return _noun_subject(doc, said, region, gender, cue, verb_cue, mentions, words)


def _quoted_subject(doc: _Text, start: int, end: int) -> Speaker | None:
    """A body's name in quotation marks right before the verb, past adverbs only, with no noun
    before it: "«Ведомости» также писали, что", "«Газпром» заявил" (NER often misses them)."""
    pos = end
    for t in reversed(doc.toks(start, end)):
        if doc.in_quote(t.start) or not (_is_adverb(doc, t) and t.text[0].islower()):
            break
        pos = t.start
    close = len(doc.text[start:pos].rstrip()) + start - 1
    found = next((sp for sp in doc.spans if sp.close == close and sp.depth == 0), None) if close >= start else None
    if found is None or found.open < start:
        return None
    lead = doc.toks(start, found.open)
    if lead and (doc.lemma(lead[-1].text) in QUOTED_NAME_HEADS | OUTLET_NOUNS or not doc.text[lead[-1].end : found.open].strip()):
        return None  # "газета «Ведомости»": the noun's phrase is found by the noun
    name = doc.text[found.open + 1 : close].strip()
    if not name[:1].isupper() or len(name.split()) > 4:
        return None
    return Speaker(name, "ORG", None)


def _noun_subject(
    doc: _Text,
    said: _Said,
    region: tuple[int, int],
    gender: str | None,
    cue: _Attribution,
    verb_cue: bool,
    mentions: list[tuple[Mention, Entity]],
    words: list[_Tok],
) -> Speaker | None:
    """``_subject_before`` when no person or pronoun is the subject: a description or an
    organisation, a place, the nearest nominative speaker noun, an abbreviation, a surname NER
    missed."""
    start, end = region
    # a clause of its own before the subject ("представители прокуратуры провели допрос,
    # после которого официальный представитель ведомства заявил"): the subject nearest the
    # verb first
    nearest_first = verb_cue and any(_is_finite_verb(doc, t) and "," in doc.text[t.end : end] for t in words if not doc.in_quote(t.start))
    found = None if nearest_first else _np_speaker(doc, said, words, mentions, gender, cue, end)
    if found is None and verb_cue:
        found = _place_subject(doc, start, end)
    if found is None and verb_cue:
        # "Освещающие акцию блогеры сообщили", "После встречи министр заявил": the nearest
        # nominative speaker noun agreeing with the verb
        sub = _subject_words(doc, words, gender, end)
        if sub:
            found = _np_speaker(doc, said, sub, _mentions_in(doc, sub[0].start, end), gender, cue, end)
    if found is None and nearest_first:
        found = _np_speaker(doc, said, words, mentions, gender, cue, end)
    if found is None and verb_cue:
        found = _abbreviation_subject(doc, words, end)
    if found is None and verb_cue:
        found = _known_surname(doc, words, end, gender)
    return found


def _known_surname(doc: _Text, words: list[_Tok], end: int, gender: str | None) -> Speaker | None:
    """A person's surname as the article names them, right before the verb (past adverbs),
    where NER missed this mention ("Рено часто говорила: «...»"): that person."""
    k = len(words) - 1
    while k >= 0 and _is_adverb(doc, words[k]) and words[k].text[0].islower():
        k -= 1
    if k < 0 or not words[k].text[0].isupper() or doc.in_quote(words[k].start):
        return None
    if CLAUSE_MARK.search(doc.text[words[k].end : end]):
        return None
    # "Уильямс-младшая объявила": the surname with the epithet of the younger or elder namesake
    word = re.sub(r"-(?:младш|старш)(?:ий|ая)$", "", words[k].text.lower().replace("ё", "е"))
    people = [e for e in doc.article.entities if e.type == "PER" and word in _surnames(doc, e)]
    if gender in ("masc", "femn"):
        people = [e for e in people if _gender_fits(doc, e, gender)]
    people.sort(key=lambda e: -len(e.mentions))
    if not people or len(people) > 1 and len(people[0].mentions) <= 2 * len(people[1].mentions):
        return None  # a namesake as often named ("Роберт Рено", the brother): nobody sure
    return _speaker_of(people[0])


def _relative_body(doc: _Text, words: list[_Tok], end: int) -> Speaker | None:
    """"Путин, в пресс-службе которого сообщили": a relative clause right before the verb that
    names a body of the person or body before it ("в пресс-службе которого", "в окружении
    которой") speaks as that body (its noun in the nominative)."""
    if len(words) < 3 or words[-1].low not in ("которого", "которой", "которых") or doc.text[words[-1].end : end].strip():
        return None
    prep, noun = words[-3], words[-2]
    if prep.low not in ("в", "во", "у") or not _speaker_noun(doc, noun) or not re.search(r",\s*$", doc.text[max(0, prep.start - 3) : prep.start]):
        return None
    return Speaker(_nominative(doc, noun.text), "ORG", None, "organisation")


def _abbreviation_subject(doc: _Text, words: list[_Tok], end: int) -> Speaker | None:
    """An abbreviation right before the verb that NER did not tag: a body ("ИГ заявило"), or a
    state ("США заявили"); never a common noun ("СМИ")."""
    if not words or not re.fullmatch(r"[А-ЯЁA-Z]{2,8}", words[-1].text):
        return None
    gap = doc.text[words[-1].end : end].strip()
    if gap and not (gap[0] in DOUBLE_OPENING and gap[-1] in DOUBLE_CLOSING):
        return None
    word = words[-1].text
    if word in NON_ENTITY_ABBREVIATIONS:
        return None
    named = _name_at(doc, words[-1].end, end)
    if named is not None and not doc.text[named[1] : end].strip():
        # "ФК «Спартак» объявил": a legal form or kind before the quoted name
        return Speaker(named[3].name if named[3] is not None else named[2], "ORG", named[3].id if named[3] is not None else None)
    if len(words) > 1 and doc.text[words[-2].end : words[-1].start] == " " and doc.parse(words[-2].text)[0].tag.POS in ("NOUN", "ADJF", "PREP"):
        return None  # "пресс-служба МВД", "члены ЕС": a genitive of the noun before it
    if word in LOC_ABBREVIATIONS:
        return Speaker(word, "ORG", None, "state")
    return Speaker(word, "ORG", None, "organisation")


def _subject_regions(doc: _Text, start: int, end: int, words: list[_Tok]) -> list[tuple[int, int]]:
    """Where the subject of a speech verb stands in the region before it, in the order to try
    (empty: the whole region as it is).

    A verb coordinated with an earlier one shares its subject ("Президент выразил
    уверенность, что ..., и отметил", "позвонил младший брат и сказал", "пообещал ...,
    однако отметил"): the words before that first verb, then those between it and the
    coordinator (an inverted subject). After ", а" / ", но" / ";" the subject is in the
    verb's own clause ("Организация считает ..., а прокурор признал"), else it is the first
    verb's ("летал в Тбилиси, а недавно заявил").
    """
    text = doc.text
    # ``words`` are the region's words outside quotation marks, or all of them when every one
    # is quoted (then no clause of the speaker's stands here)
    if not words or doc.in_quote(words[0].start):
        return []
    outside = words
    k = len(outside)
    while k > 0 and outside[k - 1].low in COORDINATORS and not re.search(r"[;:.!?]", text[outside[k - 1].end : end]):
        k -= 1
    first_verb = next((t for t in outside if _is_finite_verb(doc, t)), None)
    shared = [(start, first_verb.start), (first_verb.end, outside[k].start if k < len(outside) else end)] if first_verb is not None and first_verb.start > start else []
    if 0 < k < len(outside) and any(t.low in ("и", "но", "однако", "а") for t in outside[k:]):
        return shared or [(start, end)]
    return _own_clause_regions(doc, outside, shared, end)


def _own_clause_regions(doc: _Text, outside: list[_Tok], shared: list[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    """The region of the verb's own clause, read back from the verb: after a colon ("Дело
    Политковской: дети убитой журналистки заявляют"), after ", а" / ", но" (then the shared
    subject's regions), after a relative pronoun with its own subject ("поклонник, которого
    певица попросила"); empty: none."""
    text = doc.text
    fronted = _after_fronted_clause(doc, outside, end)
    if fronted is not None:
        return [fronted]  # "Хотя её признали невиновной, многие полагали"
    for i in range(len(outside) - 1, 0, -1):
        t = outside[i]
        if re.search(r":\s", text[outside[i - 1].end : t.start]) and re.match(r"[а-яё]", t.text) and not doc.in_quote(outside[i - 1].end):
            return [(t.start, end)]  # "Дело Политковской: дети убитой журналистки заявляют"
        if t.low in ("а", "но", "однако") and re.search(r"[,;]\s*$", text[outside[i - 1].end : t.start]):
            own = (t.end, end)
            return [own] + [r for r in shared if r[1] <= t.start] if i + 1 < len(outside) else []
        if doc.lemma(t.text) == "который" and t.low not in ("который", "которая", "которое", "которые") and re.search(r",\s*$", text[outside[i - 1].end : t.start]) and "," not in text[t.end : end]:
            # "поклонник, которого певица попросила": the relative clause has its own subject
            return [(t.end, end)] if i + 1 < len(outside) else []
    return []


def _after_fronted_clause(doc: _Text, outside: list[_Tok], end: int) -> tuple[int, int] | None:
    """The main clause's words after a fronted subordinate clause ("Хотя её признали
    невиновной, многие полагали"): from the first comma past which no finite verb nor a
    relative pronoun stands (None: no such clause opens the region)."""
    if outside[0].low not in FRONTED_CLAUSE_OPENERS or not any(_is_finite_verb(doc, x) for x in outside):
        return None
    for i in range(1, len(outside)):
        if "," not in doc.text[outside[i - 1].end : outside[i].start]:
            continue
        rest = outside[i:]
        if not any(_is_finite_verb(doc, x) or doc.lemma(x.text) == "который" for x in rest):
            return (outside[i].start, end)
    return None


def _verb_cue(doc: _Text, attr: _Attribution) -> bool:
    """Is the cue a speech verb with a subject ("заявил"; "опроверг слухи", "назвал решение
    ошибочным", "обвиняет Россию в нападении": an evaluating verb's object is the statement),
    not "по словам" or a relaying verb?"""
    word = doc.text[attr.cue_start : attr.cue_end].split()
    if len(word) != 1 or not word[0][0].isalpha():
        return False
    lemma = doc.lemma(word[0])
    if attr.main_verb:
        return True  # "покинул зал, заявив": any finite verb has its subject
    return lemma in SPEECH_LEMMAS | REQUEST_LEMMAS | OBJECT_CUE_LEMMAS and lemma not in VIA_LEMMAS and doc.parse(word[0])[0].tag.POS == "VERB"


# Verbs whose object is the statement (``_verb_objects``): their subject speaks as a speech verb's.
OBJECT_CUE_LEMMAS = ACCUSE_LEMMAS | CONFIRM_LEMMAS | NAMING_LEMMAS


def _reporting_verb(doc: _Text, attr: _Attribution) -> bool:
    """Is the cue a finite "сообщать" ("сообщают", "сообщает"), a speech verb that is also an
    outlet's relaying verb (VIA_LEMMAS), so no ``_verb_cue``?"""
    word = doc.text[attr.cue_start : attr.cue_end].split()
    return len(word) == 1 and doc.lemma(word[0]) in REPORTING_LEMMAS and doc.parse(word[0])[0].tag.POS == "VERB"


def _possessor(doc: _Text, m: Mention, start: int) -> bool:
    """Does a name stand right after a person noun it may depend on ("помощник Хиллари Клинтон")?"""
    i = doc._index(m.start)
    if i == 0:
        return False
    prev = doc.tokens[i - 1]
    if prev.start < start or doc.text[prev.end : m.start].strip():
        return False
    return any(
        p.tag.POS == "NOUN" and ("anim" in p.tag or p.normal_form.replace("ё", "е") in SPEAKER_NOUNS) for p in doc.parse(prev.text)[:2]
    )


def _inflected(m: Mention, e: Entity) -> bool:
    """Is a person mention written in another form than the base name ("Путина" of "Путин")?"""
    words = _WORD.findall(m.text)
    return bool(words and e.last) and words[-1].lower().replace("ё", "е") != e.last.lower().replace("ё", "е")


def _apposed(doc: _Text, m: Mention, later: list[tuple[Mention, Entity]]) -> bool:
    """Is a name followed at once by another name ("пресс-секретарь Путина Дмитрий Песков")?"""
    return bool(later) and not doc.text[m.end : later[0][0].start].strip()


def _family_pair(doc: _Text, m: Mention) -> Speaker | None:
    """"Вера и Илья Беловы заявили": two first names sharing one surname in the plural speak
    together (a group, as written), not the second one alone."""
    words = doc.toks(m.start, m.end)
    i = doc._index(m.start)
    if len(words) < 2 or i < 2 or doc.tokens[i - 1].low != "и" or doc.text[doc.tokens[i - 2].end : m.start].strip() != "и":
        return None
    first = doc.tokens[i - 2]
    if not any("Name" in p.tag for p in doc.parse(first.text)[:2]) or not any("Name" in p.tag for p in doc.parse(words[0].text)[:2]):
        return None
    if not any("Surn" in p.tag and p.tag.number == "plur" and p.tag.case == "nomn" for p in doc.parse(words[-1].text)[:3]):
        return None
    return Speaker(doc.text[first.start : m.end], "OTHER", None, "group")


def _in_participle_clause(doc: _Text, m: Mention, start: int, end: int) -> bool:
    """Is a name the object inside a participle clause ("Врачи, оперировавшие Иванову, говорят")?"""
    text = doc.text
    comma = text.rfind(",", start, m.start)
    if comma < 0:
        return False
    if "," not in text[m.end : end]:
        return _unclosed_participle_clause(doc, comma, m)
    return any(
        any(p.tag.POS in ("PRTF", "GRND") for p in doc.parse(t.text)[:1]) for t in doc.toks(comma, m.start)
    )


def _unclosed_participle_clause(doc: _Text, comma: int, m: Mention) -> bool:
    """"Местный канал, находящийся под контролем Белова опровергает": a participle clause whose
    closing comma the writer left out. The participle after the comma agrees with the nominative
    noun before it (the subject), and the name hangs on a word of the clause that is no
    nominative ("контролем"): the name is not the subject."""
    lead = doc.toks(comma, m.start)
    i = doc._index(comma) - 1
    noun = doc.tokens[i] if i >= 0 else None
    if len(lead) < 2 or noun is None or doc.parse(lead[0].text)[0].tag.POS != "PRTF":
        return False
    if doc.parse(lead[0].text)[0].tag.case != "nomn" or not _agreeing(doc, lead[0], noun):
        return False
    return not any(p.tag.case == "nomn" for p in doc.parse(lead[-1].text)[:3])


# How far into a clause set off by commas its relative pronoun may stand ("на ноге у которого").
RELATIVE_LEAD_WORDS = 4


def _in_relative_clause(doc: _Text, m: Mention, start: int, end: int) -> bool:
    """Is a name inside a relative clause set off by commas before the verb ("продюсеры
    сериала, в котором актёр играет главную роль, объявили": the clause has its own subject)?"""
    text = doc.text
    comma = text.rfind(",", start, m.start)
    if comma < 0 or "," not in text[m.end : end]:
        return False
    # "которую окончил X", "в котором X играет", "на ноге у которого ... X", "отец которого X"
    lead = doc.toks(comma, m.start)[:RELATIVE_LEAD_WORDS]
    return any(doc.lemma(t.text) == "который" for t in lead)


def _place_subject(doc: _Text, start: int, end: int) -> Speaker | None:
    """A state or city speaking ("Южная Корея заявила", "официальный Киев заявлял"): type ORG.

    The place must be the nominative subject nearest the verb: not after a preposition
    ("в Москве"), with no speaker noun or verb between it and the cue.
    """
    best: tuple[Mention, Entity] | None = None
    for e in doc.article.entities:
        if e.type != "LOC":
            continue
        for m in e.mentions:
            if start <= m.start and m.end <= end and not doc.in_quote(m.start) and (best is None or m.start > best[0].start):
                best = (m, e)
    if best is None:
        return None
    m, e = best
    i = doc._index(m.start)
    prev = doc.tokens[i - 1] if i > 0 and doc.tokens[i - 1].start >= start else None
    first = doc.toks(m.start, m.end)[:1]
    if prev is not None and doc.parse(prev.text)[0].tag.POS == "PREP" or not first:
        return None
    if not any(p.tag.case == "nomn" for p in doc.parse(first[0].text)[:3]) or not _is_subject(doc, m):
        return None
    if any(_speaker_noun(doc, t) or _is_finite_verb(doc, t) for t in doc.toks(m.end, end)):
        return None
    return Speaker(e.name, "ORG", e.id)


def _subject_words(doc: _Text, words: list[_Tok], gender: str | None, end: int) -> list[_Tok]:
    """The subject noun phrase nearest the verb: its adjectives, a nominative speaker noun, the rest."""
    text = doc.text
    want = "plur" if gender == "plur" else "sing" if gender in ("masc", "femn") else None
    if not words or re.search(r"[,;:()—–\"«»]", text[words[-1].end : end]):
        return []  # "В документе, который подписал министр, говорится": not the subject
    for k in range(len(words) - 1, -1, -1):
        t = words[k]
        if k + 1 < len(words) and re.search(r"[,;:()—–\"«»]", text[t.end : words[k + 1].start]):
            return []
        if _is_finite_verb(doc, t):
            return []
        if k > 0 and doc.lemma(words[k - 1].text) in QUANTITY_NOUNS and _has_case(doc, t, "gent") and _speaker_noun(doc, t):
            return words[k - 1 :]  # "толпа болельщиков перекрыла", "группа активистов"
        if k > 0 and _number_word(doc, words[k - 1]) and _has_case(doc, t, "gent") and _speaker_noun(doc, t) and text[words[k - 1].end : t.start] == " ":
            return words[k - 1 :]  # "двое республиканцев заявили", "восемь сенаторов"
        if not _speaker_noun(doc, t):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and (want is None or p.tag.number == want) for p in doc.parse(t.text)[:3]):
            continue
        if k > 0 and text[words[k - 1].end : t.start] == " " and doc.parse(words[k - 1].text)[0].tag.POS == "NOUN" and _has_case(doc, t, "gent"):
            continue  # "Тело жертвы обнаружили": a genitive after its noun is not the subject
        return words[_subject_start(doc, words, k) :]
    return []


def _subject_start(doc: _Text, words: list[_Tok], k: int) -> int:
    """Where the subject headed by ``words[k]`` starts: its adjectives, and a nominative noun
    joined to it by "и" with that noun's adjectives ("Семья и близкие Политковской считают":
    both nouns)."""
    text = doc.text
    j = k
    while j > 0 and _is_adj(doc, words[j - 1]) and not text[words[j - 1].end : words[j].start].strip():
        j -= 1
    if j > 1 and words[j - 1].low == "и" and any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(words[j - 2].text)[:2]):
        j -= 2
        while j > 0 and _is_adj(doc, words[j - 1]) and not text[words[j - 1].end : words[j].start].strip():
            j -= 1
    return j


def _unlisted_name(doc: _Text, words: list[_Tok]) -> Speaker | None:
    """A person's name the NER stage missed: "по мнению ... профессора Ивана Сидорова".

    The last run of two or three capitalised words closing the region (not part of a person
    or place; NER sometimes swallows the name into the organisation before it) whose first word
    pymorphy3 reads as a first name and whose last as a surname, in one agreeing case.
    """
    if "not org" not in doc.memo:
        doc.memo["not org"] = _Intervals((m.start, m.end) for e in doc.article.entities if e.type != "ORG" for m in e.mentions)
    covered = doc.memo["not org"]
    run: list[_Tok] = []
    best: list[_Tok] = []
    for t in words:
        ok = t.text[0].isupper() and t.start not in covered
        if ok and run and doc.text[run[-1].end : t.start] == " ":
            run.append(t)
        elif ok:
            run = [t]
        else:
            run = []
        if 2 <= len(run) <= 3:
            best = list(run)
    if not best or best[-1] is not (words[-1] if words else None):
        return None  # the name closes the apposition ("..., Ивана Сидорова,")
    first = {p.tag.case for p in doc.parse(best[0].text)[:4] if "Name" in p.tag}
    last = {p.tag.case for p in doc.parse(best[-1].text)[:6] if "Surn" in p.tag}
    if not first & last:
        return None
    phrase = doc.text[best[0].start : best[-1].end]
    return Speaker(normalize_mention(phrase, "PER", doc.models), "PER", None)
