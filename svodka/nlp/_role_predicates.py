"""Roles of persons given by predicates: "Петров стал мэром", "занимал пост министра".

The roles stage (``roles.py``) reads roles next to names itself and asks this module for the
roles a clause gives a person:

- a copula or appointment verb (any tense, a short or full participle, a gerund) with a role
  in the instrumental, either order: "стал мэром", "работал инженером", "был назначен
  послом", "Мэром города избран бывший баскетболист Петров", "назначенный министром";
  "одним из директоров компании" is "директор компании";
- a post noun with the role in the genitive: "занимал пост министра", "на посту главы",
  "ушёл с поста директора", "в качестве советника"; "кандидатом на пост мэра" keeps its post;
- a list of roles after one verb, each: "был министром, послом и депутатом";
- a circumstance between the verb and its role ("работал в Google инженером", "занимал в
  партии должность главы"), or the post before its verb ("пост мэра занял Петров");
- a post held whatever the verb: "приступил к работе на посту главы", "принёс присягу в
  качестве президента";
- a post taken or left, told by a noun: "заявил об уходе с поста главы", "поздравил Петрова с
  избранием на пост мэра", "после отставки Петрова с поста".

The person is the subject of the clause: a name in the nominative (of the verb's gender by
its first name), the person "он/она", "который" or a participle stands for; an appointing
verb's object, after its title, as a pronoun or after the role ("назначил замминистра
Петрова послом", "назначил его министром", "освободил от должности главы Петрова", "Петров,
которого назначили министром"); for a noun of taking or leaving a post, the person named
after it or the nearest one before it; with no subject in the clause (a
subject elided after "и", "а", a comma), the subject of the sentence or, when the sentence
names nobody, the person the sentence before was about, of the verb's gender.

No syntax parser: the role phrases of ``_role_phrases`` over the tokens and pymorphy3 parses
of the analysed text, and the person mentions of the earlier stages. The clauses themselves are
read in ``_role_clauses``; this module finds the person a clause is about.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..model import Entity, Mention
from ._lexicon import (
    APPOINTING_VERBS, CLAUSE_OPENERS, COPULA_FILLERS, OBJECT_PRONOUNS, OBJECT_RELATIVES, RELATIVE_PRONOUNS,
    STANDING_POSTS, SUBJECT_PRONOUNS,
)
from ._role_clauses import (
    Holders, MAX_APPOSITION_WORDS, MAX_CIRCUMSTANCE_WORDS, predicate_forms, _is_copula, _listed, _name_after, _nominal,
    _post_before, _post_event, _Predicate, _predicate_after, _predicate_before, _skip_back, _standing, _verb_parse,
)
from ._role_names import _name_cases
from ._role_phrases import _Analysis, _fold, _Phrase
from ._role_words import CLOSE_QUOTES, TOGGLE_QUOTES
from .text import AnalysedText

__all__ = ["predicate_forms", "read_predicates"]

# Most words between a copula and its subject (the name, a pronoun): "Петров в 2005 году стал".
MAX_SUBJECT_DISTANCE = 8

# How many sentences before a clause without a subject are searched for the person it is
# about ("Петров родился в Твери. Окончил институт. Работал инженером.").
TOPIC_SENTENCES = 2

# Parts of speech of the words of a circumstance before a participle ("в то время", "с 2010 года").
CIRCUMSTANCE_POS = frozenset({"PREP", "NOUN", "ADJF", "NUMR", "ADVB"})


def read_predicates(analysis: _Analysis, layer: AnalysedText, persons: list[Entity]) -> list[tuple[Entity, _Phrase]]:
    """The roles predicates give persons: (person, role phrase) in text order.

    "Петров стал мэром", "Мэром города стал Петров", "Он работал инженером", "занимал пост
    министра", "назначен на должность директора": a copula with a role in the instrumental
    (or a post noun with one in the genitive), and the person the clause is about.
    """
    holders = _name_tokens(analysis, persons)
    found: list[tuple[Entity, _Phrase]] = []
    taken: set[int] = set()  # first tokens of the roles read: a post a verb took is not read again
    forms = analysis.predicate_forms
    # only where a verb, a post-event noun or "на посту" may stand is any rule asked
    candidates = range(len(analysis.tokens)) if forms is None else [k for k, low in enumerate(analysis.lowers) if low in forms or low in STANDING_POSTS]
    for k in candidates:
        predicate = _predicate_at(analysis, holders, k)
        if predicate is None or predicate.phrase.first in taken:
            continue
        entity = _holder(analysis, layer, holders, predicate)
        if entity is not None:
            taken.add(predicate.phrase.first)
            found.extend((entity, phrase) for phrase in _listed(analysis, predicate.phrase))
    return found


def _predicate_at(analysis: _Analysis, holders: Holders, k: int) -> _Predicate | None:
    """The predicate at token ``k``: a verb with its role, a post held ("на посту главы"),
    or a post taken or left ("об уходе с поста главы")."""
    parse = _verb_parse(analysis, k)
    if parse is not None:
        return _predicate_after(analysis, holders, k, parse) or _predicate_before(analysis, k, parse) or _post_before(analysis, k, parse)
    return _standing(analysis, k) or _post_event(analysis, holders, k)


def _name_tokens(analysis: _Analysis, persons: list[Entity]) -> Holders:
    """Token -> (person, name mention) for every token inside a person's name."""
    starts = [t.start for t in analysis.tokens]
    holders: Holders = {}
    for entity in persons:
        for mention in entity.mentions:
            if mention.kind == "name":
                for i in analysis._covered(starts, mention.start, mention.end):
                    holders[i] = (entity, mention)
    return holders


def _standing_holder(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person holding a post "на посту X" is about: a name right before it ("деятельность
    Петрова на посту мэра"), the clause's subject, or the name right after the phrase at the
    clause's start ("В качестве мэра Петров ..."), or the person the text is about there."""
    k = predicate.verb
    if k > 0 and k - 1 in holders and not analysis.gap(k).strip():
        return holders[k - 1][0]
    entity, open_clause = _subject(analysis, layer, holders, predicate)
    if entity is not None or not open_clause or _nominal_subject(analysis, k):
        return entity
    return _named_after(analysis, holders, predicate.phrase.last + 1) or _topic(analysis, layer, holders, k, None, only_nominative=True)


def _nominal_subject(analysis: _Analysis, k: int) -> bool:
    """Does the clause of token ``k`` have a noun before it that reads first as a nominative
    ("а его правнук вернётся в качестве президента")?"""
    for i in range(k - 1, -1, -1):
        if analysis.gap(i + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            return False
        first = analysis.parses(i)[:1]
        if analysis.owner[i] is None and first and first[0].tag.POS == "NOUN" and first[0].tag.case == "nomn":
            return True
    return False


def _named_after(analysis: _Analysis, holders: Holders, j: int) -> Entity | None:
    """The first name from token ``j`` in its clause, if nominative: the subject of a clause
    a post opens ("В качестве мэра Петров ...", "в команду, в качестве заместителя, входит Петров")."""
    for i in range(j, min(len(analysis.tokens), j + MAX_APPOSITION_WORDS)):
        if analysis.gap(i).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES) not in (("", ",") if i == j else ("",)):
            return None
        if i in holders:
            entity, mention = holders[i]
            return entity if _nominative(analysis, mention) and _first_word_as_base(mention) else None
        if any(p.tag.POS in ("GRND", "PRTF", "PRTS", "INFN") for p in analysis.parses(i)[:1]):
            return None
    return None


def _first_word_as_base(mention: Mention) -> bool:
    """Is a name's first word as in its base form ("Роберт Мугабе", not "Роберта Мугабе")?"""
    return not (mention.normal and mention.text.split()) or mention.text.split()[0].lower() == mention.normal.split()[0].lower()


def _event_holder(analysis: _Analysis, layer: AnalysedText, holders: Holders, k: int) -> Entity | None:
    """The person taking or leaving a post at the noun at token ``k``: "его/её" before it, else
    the nearest person before it in its clause, in any case ("Петров заявил о своём уходе",
    "поздравил Петрова с избранием"), or the name before "который"."""
    if k > 0 and analysis.lower(k - 1) in OBJECT_PRONOUNS and not analysis.gap(k).strip():
        return _possessor(analysis, layer, holders, k - 1)
    for i in range(k - 1, max(-1, k - 1 - MAX_SUBJECT_DISTANCE), -1):
        if analysis.gap(i + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            return None
        if i in holders:
            return holders[i][0]
        if analysis.lower(i) in SUBJECT_PRONOUNS:
            return _antecedent(analysis, layer, holders, i)
        if analysis.lower(i) in RELATIVE_PRONOUNS:
            return holders[i - 1][0] if i - 1 in holders and analysis.gap(i).strip() == "," else None
        if analysis.lower(i) in CLAUSE_OPENERS or _other_subject(analysis, i):
            return None
    return None


def _possessor(analysis: _Analysis, layer: AnalysedText, holders: Holders, i: int) -> Entity | None:
    """The person "его"/"её" at token ``i`` stands for before a noun: the nearest name before
    it in its sentence that is not its subject ("телеграмму Рухани по случаю его избрания"),
    else the person the text is about there."""
    gender = OBJECT_PRONOUNS[analysis.lower(i)]
    for t in range(i - 1, _sentence_start(analysis, i), -1):
        if t in holders and not _nominative(analysis, holders[t][1]) and _gender_of(analysis, holders[t][0]) in (gender, None):
            return holders[t][0]
    return _topic(analysis, layer, holders, i, gender, only_nominative=False)


# -- the person -----------------------------------------------------------------------------


def _holder(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person a predicate gives its role to."""
    if predicate.kind == "standing":
        return _standing_holder(analysis, layer, holders, predicate)
    if predicate.kind == "event":
        return predicate.holder[0] if predicate.holder else _event_holder(analysis, layer, holders, predicate.verb)
    parse = predicate.parse
    if parse.tag.POS in ("VERB", "INFN", "GRND") and parse.normal_form in APPOINTING_VERBS:
        return _object(analysis, layer, holders, predicate)
    if parse.tag.POS == "PRTF":
        return _participle_holder(analysis, holders, predicate)
    if parse.tag.POS == "GRND":  # "Будучи министром, Петров ...": the subject of the sentence
        return _sentence_subject(analysis, layer, holders, predicate.verb)
    if predicate.holder is not None:  # "стал Петров мэром": a nominative name is the subject
        entity, mention = predicate.holder
        return entity if _nominative(analysis, mention) else None
    entity, open_clause = _subject(analysis, layer, holders, predicate)
    if entity is not None or not open_clause or predicate.inverted:
        return entity
    return _elided_subject(analysis, layer, holders, predicate)


def _object(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person an appointing verb appoints: the name after it ("назначил Петрова министром"),
    the person a pronoun object stands for ("назначил его", "её назначили") or, in a clause
    with none, the name before "которого" ("Петров, которого назначили")."""
    after = _name_after(analysis, holders, predicate.phrase.last + 1) if predicate.holder is None else None
    if after is not None:
        predicate = replace(predicate, holder=holders[after])  # "назначив советником (агронома) Петрова"
    if predicate.holder is not None:
        entity, mention = predicate.holder
        return None if _nominative_only(analysis, mention) else entity
    k = predicate.verb
    pronoun = predicate.pronoun if predicate.pronoun is not None else k - 1 if k > 0 and not analysis.gap(k).strip() else None
    if pronoun is not None and analysis.lower(pronoun) in OBJECT_PRONOUNS:
        return _pronoun_object(analysis, layer, holders, predicate, pronoun)
    return _name_before_plural(analysis, holders, predicate) or _relative_object(analysis, holders, predicate.verb)


def _relative_object(analysis: _Analysis, holders: Holders, k: int) -> Entity | None:
    """The name before "которого" in the clause of the verb at token ``k`` ("Петров, которого назначили")."""
    for i in range(k - 1, _sentence_start(analysis, k), -1):
        if analysis.lower(i) in OBJECT_RELATIVES and analysis.gap(i).strip() == "," and i - 1 in holders:
            return holders[i - 1][0]
    return None


def _name_before_plural(analysis: _Analysis, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person named right before a plural verb with no subject ("48-летнего Петрова назначили
    тренером"): one person cannot be its subject, so the name is its object; not a name joined
    to another ("Петров и Сидоров назначили")."""
    k = _skip_back(analysis, predicate.verb) + 1
    if predicate.parse.tag.number != "plur" or predicate.parse.tag.POS != "VERB" or k == 0 or k - 1 not in holders or analysis.gap(k).strip():
        return None
    entity, mention = holders[k - 1]
    first = k - 1
    while first - 1 in holders and holders[first - 1][1] is mention:
        first -= 1
    if first > 0 and (analysis.lower(first - 1) in ("и", "или") or first - 1 in holders) and not analysis.gap(first).strip():
        return None
    return None if _nominative_only(analysis, mention) else entity


def _pronoun_object(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate, pronoun: int) -> Entity | None:
    """The person an appointing verb's object pronoun at token ``pronoun`` stands for, never
    the verb's own subject ("Петров назначил его": not Петров himself)."""
    entity = _topic(analysis, layer, holders, pronoun, OBJECT_PRONOUNS[analysis.lower(pronoun)], only_nominative=False)
    subject, _open = _subject(analysis, layer, holders, replace(predicate, verb=min(predicate.verb, pronoun)))
    return None if entity is subject else entity


def _participle_holder(analysis: _Analysis, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person a participle describes: the name before its comma ("Петров, назначенный
    министром,"), in the participle's case."""
    k = _circumstance_start(analysis, predicate.verb)
    name = _before_original(analysis, k) if analysis.gap(k).strip() in ("),", ") —", ") –") else k - 1
    if k == 0 or analysis.gap(k).strip().lstrip(")").strip() not in (",", "—", "–", "-") or name not in holders:
        return _participle_before_name(analysis, holders, predicate)
    entity, mention = holders[name]
    cases = _name_cases(analysis, mention)
    case = _fold(predicate.parse.tag.case)
    return entity if cases is None or case in cases or (case == "nomn" and _nominative(analysis, mention)) else None


def _participle_before_name(analysis: _Analysis, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The person named right after a participle's role, the participle opening its sentence
    ("Занимающая с 2016 года пост премьер-министра Тереза Мэй выступила"): a name in the
    participle's case."""
    k, after = predicate.verb, predicate.phrase.last + 1
    if predicate.inverted or _sentence_start(analysis, k) != k - 1 or after not in holders or analysis.gap(after).strip():
        return None
    entity, mention = holders[after]
    cases = _name_cases(analysis, mention)
    case = _fold(predicate.parse.tag.case)
    return entity if (cases is None and case == "nomn") or (cases is not None and case in cases) else None


def _before_original(analysis: _Analysis, k: int) -> int:
    """The last token before a bracketed original name that ends before token ``k``
    ("Дэвид Уэстин (David Westin), ..."), or -1."""
    for i in range(k - 1, max(0, k - 6), -1):
        if "(" in analysis.gap(i):
            return i - 1
    return -1


def _circumstance_start(analysis: _Analysis, k: int) -> int:
    """The first token of a circumstance right before token ``k`` ("Петров, в прошлом
    занимавший пост", "с 2010 года возглавлявший"), or ``k`` when there is none."""
    i = k
    while i > 0 and k - i < MAX_CIRCUMSTANCE_WORDS and not analysis.gap(i).strip() and analysis.owner[i - 1] is None:
        if not any(p.tag.POS in CIRCUMSTANCE_POS or "NUMB" in p.tag for p in analysis.parses(i - 1)):
            break
        i -= 1
    return i if i < k and analysis.gap(i).strip() else k


def _subject(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate) -> tuple[Entity | None, bool]:
    """The person a predicate is about: a name in the nominative before the copula (or right
    after it, when the role comes first), or the person "он/она" or "который" stands for.

    Returns the person and whether the clause had no subject at all (its start was reached
    with no other subject in the way): then the subject is elided.
    """
    k, phrase = predicate.verb, predicate.phrase
    if predicate.inverted:  # "Министром он проработал", "Мэром стал Петров"
        for i in range(k - 1, phrase.last, -1):
            if analysis.lower(i) in SUBJECT_PRONOUNS:
                return _antecedent(analysis, layer, holders, i), False
        return _subject_after(analysis, holders, k), False
    infinitive = predicate.parse is not None and predicate.parse.tag.POS == "INFN"
    for i in range(k - 1, max(-1, k - 1 - MAX_SUBJECT_DISTANCE), -1):
        if analysis.gap(i + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            return None, True  # punctuation: the clause starts after token i
        if i in holders:
            entity, mention = holders[i]
            if _agrees(analysis, entity, mention, predicate.parse) or infinitive:  # "предложил Петрову стать мэром"
                return entity, False
            continue
        if analysis.lower(i) in SUBJECT_PRONOUNS:
            return _antecedent(analysis, layer, holders, i), False
        if analysis.lower(i) in RELATIVE_PRONOUNS:  # "Петров, который стал мэром"
            return (holders[i - 1][0] if i - 1 in holders and analysis.gap(i).strip() == "," else None), False
        if analysis.lower(i) in CLAUSE_OPENERS:
            return None, True  # "..., а в 2010 году был мэром": the subject of the sentence
        if _other_subject(analysis, i):
            return None, False
    return None, k <= MAX_SUBJECT_DISTANCE  # the text's start: no subject


def _other_subject(analysis: _Analysis, i: int) -> bool:
    """Is token ``i`` a subject other than a person (a noun that can only be nominative:
    "сын", "компания")?"""
    ps = analysis.parses(i)
    return bool(ps) and all(p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" for p in ps)


def _subject_after(analysis: _Analysis, holders: Holders, k: int) -> Entity | None:
    """A name in the nominative after the copula, maybe after its own title: "Мэром стал (был
    избран) Иван Петров", "Мэром избран легендарный баскетболист Иван Петров"."""
    j = k + 1
    while j < len(analysis.tokens) and j - k <= MAX_APPOSITION_WORDS and not analysis.gap(j).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
        if j in holders:
            entity, mention = holders[j]
            return entity if _nominative(analysis, mention) else None
        if not (analysis.lower(j) in COPULA_FILLERS or analysis.lower(j) in OBJECT_PRONOUNS or _is_copula(analysis, j) or analysis.owner[j] is not None or _nominal(analysis, j)):
            return None
        j += 1
    return None


def _elided_subject(analysis: _Analysis, layer: AnalysedText, holders: Holders, predicate: _Predicate) -> Entity | None:
    """The subject of a clause that has none: the subject of its sentence ("Петров окончил
    институт и работал инженером") or, when the sentence names nobody in the nominative
    before the verb, the person the sentences before were about; of the verb's gender when
    it has one."""
    parse = predicate.parse
    if parse.tag.number == "plur":
        return None
    gender = parse.tag.gender if parse.tag.gender in ("masc", "femn") else None
    return _topic(analysis, layer, holders, predicate.verb, gender, only_nominative=True)


def _topic(analysis: _Analysis, layer: AnalysedText, holders: Holders, k: int, gender: str | None, only_nominative: bool) -> Entity | None:
    """The person the text is about at token ``k``: the first name in the nominative (of
    ``gender``) in a subject's place earlier in its sentence, else in the sentences before
    (``TOPIC_SENTENCES``), up to one with another subject; a pronoun there leads further
    back. Unless ``only_nominative``, in the nearest stretch that names persons, the only
    one of ``gender`` will do too ("Лаптев поздравил Веру Ильину. Она стала директором")."""
    lenient = not only_nominative
    for lo, hi in _stretches_before(layer, analysis.tokens[k].start):
        entity, decided, named = _topic_in(analysis, holders, lo, hi, gender, lenient)
        if decided:
            return entity
        pronoun = _pronoun_in(analysis, lo, hi, gender)
        if pronoun is not None:  # "он покинул все должности, а затем ушёл с поста главы"
            return _antecedent(analysis, layer, holders, pronoun)
        lenient = lenient and not named
    return None


def _topic_in(analysis: _Analysis, holders: Holders, lo: int, hi: int, gender: str | None, lenient: bool) -> tuple[Entity | None, bool, bool]:
    """The person a stretch [lo, hi) is about: (the person, whether the stretch decides, whether it names anyone)."""
    found = [(t, holders[t]) for t in analysis.token_range(lo, hi) if t in holders and (t - 1 not in holders or holders[t - 1][1] is not holders[t][1])]
    subjects = [h for t, h in found if _subject_place(analysis, t)]
    entity = _subject_among(analysis, subjects, gender, only_nominative=True)
    if entity is None and found and lenient:
        entity = _subject_among(analysis, [h for _t, h in found], gender)
    # a nominative subject of another gender: the text is about someone else there
    decided = entity is not None or any(_nominative(analysis, m) for _e, m in subjects)
    return entity, decided, bool(found)


def _pronoun_in(analysis: _Analysis, lo: int, hi: int, gender: str | None) -> int | None:
    """The first token of "он"/"она" (of ``gender``) in the characters [lo, hi)."""
    for i in analysis.token_range(lo, hi):
        if analysis.lower(i) in SUBJECT_PRONOUNS and gender in (None, SUBJECT_PRONOUNS[analysis.lower(i)]):
            return i
    return None


def _stretches_before(layer: AnalysedText, offset: int) -> list[tuple[int, int]]:
    """The sentence of ``offset`` up to it, then the ``TOPIC_SENTENCES`` sentences before, nearest first."""
    sentence = layer.sentence_at(offset)
    if sentence is None:
        return []
    out = [(sentence.start, offset)]
    while len(out) <= TOPIC_SENTENCES:
        before = out[-1][0] - 1
        while before >= 0 and layer.text[before].isspace():
            before -= 1
        previous = layer.sentence_at(before) if before >= 0 else None
        if previous is None:
            break
        out.append((previous.start, previous.end))
    return out


def _subject_place(analysis: _Analysis, t: int) -> bool:
    """Can a name starting at token ``t`` be a subject by its place: not right after a
    preposition or a noun ("к ветви «Николаевичей»", "у Петрова")?"""
    if t == 0 or analysis.gap(t).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES + "«„"):
        return True
    first = analysis.parses(t - 1)[:1]
    return not first or first[0].tag.POS not in ("PREP", "NOUN")


def _sentence_subject(analysis: _Analysis, layer: AnalysedText, holders: Holders, k: int) -> Entity | None:
    """The first name in the nominative in the sentence of token ``k``, before or after it."""
    sentence = layer.sentence_at(analysis.tokens[k].start)
    if sentence is None:
        return None
    found = [holders[t] for t in analysis.token_range(sentence.start, sentence.end) if t in holders]
    return _subject_among(analysis, found, None, only_nominative=True)


def _sentence_start(analysis: _Analysis, k: int) -> int:
    """The token before the first token of the sentence of token ``k`` (-1 at the text's start)."""
    i = k - 1
    while i >= 0 and not any(c in analysis.gap(i + 1) for c in ".!?\n"):
        i -= 1
    return i


def _nominative(analysis: _Analysis, mention: Mention) -> bool:
    """Can a name mention be in the nominative (unknown foreign names can)?

    A mention whose last word differs from its base form's is inflected ("Лаптева" of
    "Лаптев"): the names stage knew the person, a parse alone would read a woman's surname.
    """
    if mention.normal and mention.text.split():
        return _last_word(mention.text) == _last_word(mention.normal)
    cases = _name_cases(analysis, mention)
    return cases is None or "nomn" in cases


def _nominative_only(analysis: _Analysis, mention: Mention) -> bool:
    """Is a name mention surely a subject (nominative, and no other case reads it)?"""
    cases = _name_cases(analysis, mention)
    return _nominative(analysis, mention) and cases is not None and cases <= {"nomn"}


def _last_word(name: str) -> str:
    """The last word of a name, lower case, ё as е."""
    return name.split()[-1].lower().replace("ё", "е")


def _antecedent(analysis: _Analysis, layer: AnalysedText, holders: Holders, i: int) -> Entity | None:
    """The person a pronoun at token ``i`` stands for: the person the text is about there, of
    the pronoun's gender (``_topic``)."""
    return _topic(analysis, layer, holders, i, SUBJECT_PRONOUNS[analysis.lower(i)], only_nominative=False)


def _subject_among(analysis: _Analysis, found: list[tuple[Entity, Mention]], gender: str | None, only_nominative: bool = False) -> Entity | None:
    """Of the names in a stretch, the first nominative one of ``gender`` (any, when None),
    else (unless ``only_nominative``) the only person of it."""
    agreeing = {e.id: e for e, _m in found if gender is None or _gender_of(analysis, e) in (gender, None)}
    subjects = [e for e, m in found if e.id in agreeing and _nominative(analysis, m)]
    if subjects or (len(agreeing) == 1 and not only_nominative):
        return (subjects or list(agreeing.values()))[0]
    return None


def _agrees(analysis: _Analysis, entity: Entity, mention: Mention, parse: Any) -> bool:
    """Can a name be the subject of a verb: in the nominative, and of its gender by the first
    name ("Зоя Петрова работал" cannot)?"""
    if not _nominative(analysis, mention):
        return False
    verb = parse.tag.gender if parse is not None and parse.tag.number != "plur" else None
    first = analysis.parse(entity.first) if entity.first and verb in ("masc", "femn") else []
    genders = {p.tag.gender for p in first if "Name" in p.tag}
    return len(genders) != 1 or verb in genders  # by the first name: a foreign surname's reading misleads


def _gender_of(analysis: _Analysis, entity: Entity) -> str | None:
    """A person's gender by the first name or surname (None when pymorphy3 does not know it)."""
    for word in (entity.first, entity.last):
        if not word:
            continue
        for p in analysis.parse(word):
            if {"Name", "Surn"} & set(p.tag.grammemes) and p.tag.gender in ("masc", "femn"):
                return p.tag.gender
    return None
