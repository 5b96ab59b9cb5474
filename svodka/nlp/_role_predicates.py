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
of the analysed text, and the person mentions of the earlier stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..model import Entity, Mention
from ._lexicon import ACTING_DUTIES, APPOINTING_VERBS, CIRCUMSTANCE_PO_NOUNS, CLAUSE_OPENERS, COPULA_FILLERS, COPULA_VERBS, DATE_PREPOSITIONS, INSTRUMENTAL_PREPOSITIONS, LIST_WORDS, ONE_OF, POST_PREPOSITIONS, PREDICATE_PREPOSITIONS, DEED_NOUNS, OBJECT_PRONOUNS, OBJECT_RELATIVES, POST_EVENT_NOUNS, POST_NOUNS, POST_VERBS, RELATIVE_PRONOUNS, STANDING_POSTS, SUBJECT_PRONOUNS, TIME_GENITIVES
from ._role_names import _name_cases
from ._role_phrases import MAX_ADJECTIVES, MAX_TAIL_TOKENS, _Analysis, _fold, _Phrase, _phrase_at
from ._role_words import lexeme_forms, CLOSE_QUOTES, TOGGLE_QUOTES
from .dates import MONTH_FORMS
from .text import AnalysedText

__all__ = ["predicate_forms", "read_predicates"]

# Parts of speech of a predicate: a finite verb, an infinitive, a short or full participle
# ("назначен", "назначенный"), a gerund ("будучи", "став").
COPULA_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})

# Most words between a copula and its subject (the name, a pronoun): "Петров в 2005 году стал".
MAX_SUBJECT_DISTANCE = 8

# Most words between an inverted copula and its name: "Мэром избран легендарный баскетболист
# Дэйв Бинг", "является министр промышленности и энергетики Катара Абдулла аль-Аттия".
MAX_APPOSITION_WORDS = 9

# How many sentences before a clause without a subject are searched for the person it is
# about ("Петров родился в Твери. Окончил институт. Работал инженером.").
TOPIC_SENTENCES = 2

# Most roles in one list.
MAX_LISTED_ROLES = 6

# Most words of a circumstance between a verb and its role ("работал в компании инженером",
# "занимал в партии должность главы", "избран советом директоров председателем").
MAX_CIRCUMSTANCE_WORDS = 6

# Parts of speech a circumstance before a role may not hold: another verb, a conjunction
# starts another predicate ("был награждён орденом", "стал и остался").
CIRCUMSTANCE_STOP_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND", "CONJ", "PRED"})

# Parts of speech of the words of a circumstance before a participle ("в то время", "с 2010 года").
CIRCUMSTANCE_POS = frozenset({"PREP", "NOUN", "ADJF", "NUMR", "ADVB"})

# An ordinal written in digits before a role: "43-м президентом", "3-м патриархом".
_DIGIT_ORDINAL = re.compile(r"\d+-[а-я]{1,3}")

# A word of a date: a number, a month, "года" ("с 27 октября 2016 года").
_DATE_WORD = re.compile(r"\d+|" + MONTH_FORMS + r"|года|году|г")

# Most words of a date between an inverted role and its verb.
MAX_DATE_WORDS = 6


@dataclass
class _Predicate:
    """A predicate found at a verb: the verb, its parse, the role, and a name between them."""

    verb: int  # the verb; the preposition of a post held, the noun of a post taken or left
    parse: Any  # the verb's parse (None when there is no verb)
    phrase: _Phrase
    holder: tuple[Entity, Mention] | None = None  # "назначил Петрова министром": the object
    kind: str = "verb"  # "verb"; "standing": "на посту главы"; "event": "об уходе с поста главы"
    pronoun: int | None = None  # "назначил его министром": the object pronoun's token

    @property
    def inverted(self) -> bool:
        """Does the role come before the verb ("Мэром стал Петров")?"""
        return self.phrase.last < self.verb


Holders = dict[int, tuple[Entity, Mention]]


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


# -- the verb and its role ------------------------------------------------------------------


def predicate_forms(parse: Any) -> frozenset[str]:
    """Every form of the verbs, the post-event nouns and the nouns of a post held ("на посту")
    the predicates read (for ``_Analysis.predicate_forms``)."""
    nouns = POST_EVENT_NOUNS | frozenset().union(*STANDING_POSTS.values())
    return lexeme_forms(POST_VERBS, frozenset({"VERB", "INFN"}), parse) | lexeme_forms(nouns, frozenset({"NOUN"}), parse)


def _may_be_predicate(analysis: _Analysis, k: int) -> bool:
    """Can token ``k`` be one of the predicates' verbs or nouns (post events, posts held) at all?"""
    forms = analysis.predicate_forms
    return forms is None or analysis.lower(k) in forms


def _verb_parse(analysis: _Analysis, k: int) -> Any | None:
    """The parse of token ``k`` as a verb (any form) that links a person to a position, if it is one."""
    if analysis.owner[k] is not None or not (analysis.tokens[k].text[:1].islower() or analysis.sentence_start(k)):
        return None
    word = analysis.tokens[k].text
    if not _may_be_predicate(analysis, k):
        return None
    return analysis.remember(
        (word, "post verb"),
        lambda: next((p for p in analysis.parse(word) if p.tag.POS in COPULA_POS and p.normal_form in POST_VERBS), None),
    )


def _is_copula(analysis: _Analysis, k: int) -> bool:
    """Is token ``k`` a verb that takes a role in the instrumental ("стал", "назначен")?"""
    parse = _verb_parse(analysis, k)
    return parse is not None and parse.normal_form in COPULA_VERBS


def _occupation(analysis: _Analysis, phrase: _Phrase | None) -> _Phrase | None:
    """The phrase, if its head names an occupation or post: a position noun or an animate noun
    of an occupation's suffix (``_Analysis.head_parses``), not a deed ("автором", "чемпионом")."""
    if phrase is None or phrase.head_parse.normal_form.replace("ё", "е") in DEED_NOUNS:
        return None
    return phrase


def _role_at(analysis: _Analysis, j: int, cases: set[str], before_name: bool = False) -> _Phrase | None:
    """The role phrase starting at token ``j`` in one of ``cases``: "министром обороны",
    "одним из директоров компании", "кандидатом на пост мэра"; one right before a name only
    when ``before_name``."""
    if j + 1 < len(analysis.tokens) and _DIGIT_ORDINAL.fullmatch(analysis.lower(j)) and not analysis.gap(j + 1).strip():
        j += 1  # "43-м президентом США": the role is "президент США"
    if j >= len(analysis.tokens):
        return None
    if analysis.lower(j) in ONE_OF:
        return _one_of(analysis, j)
    phrase = _occupation(analysis, _phrase_at(analysis, j, cases, before_name=before_name, widen=True, prepositions=PREDICATE_PREPOSITIONS))
    phrase = phrase or _before_genitive_name(analysis, j, cases)
    return _trimmed(analysis, _with_post(analysis, _before_one_of(analysis, phrase))) if phrase else None


def _trimmed(analysis: _Analysis, phrase: _Phrase) -> _Phrase:
    """The phrase with its tail cut before a circumstance ("по собственному желанию", "сезона
    2015—2016"), the object's own title before its name ("губернатором области единоросса
    Петрова") and "и др."; a dangling "по внешним и" carried on to its noun or cut off."""
    for i in range(phrase.head + 1, phrase.last + 1):
        if _circumstance_starts(analysis, phrase, i):
            phrase = replace(phrase, last=i - 1, stop=i)
            break
    if phrase.last - 1 > phrase.head and analysis.lower(phrase.last) in ("др", "пр") and analysis.lower(phrase.last - 1) == "и":
        phrase = replace(phrase, last=phrase.last - 2, stop=phrase.last - 1)
    phrase = replace(phrase, adjective_parses=[_qualitative(analysis, p) for p in phrase.adjective_parses])
    return _coordinated_end(analysis, phrase)


def _coordinated_noun(analysis: _Analysis, last: int) -> int | None:
    """The noun that adjectives after the "и" at token ``last`` lead to, in the case of the
    adjective before it ("по внешним и межрегиональным связям"), or None."""
    cases = {p.tag.case for p in analysis.parses(last - 1) if p.tag.POS == "ADJF"}
    j = last + 1
    while cases and j < len(analysis.tokens) and j - last <= MAX_ADJECTIVES + 1 and not analysis.gap(j).strip():
        ps = analysis.parses(j)
        if any(p.tag.POS == "NOUN" and p.tag.case in cases for p in ps[:2]):
            return j
        if not any(p.tag.POS == "ADJF" and p.tag.case in cases for p in ps):
            return None
        j += 1
    return None


def _qualitative(analysis: _Analysis, adjective: Any) -> Any:
    """Of two adjectives written alike, the qualitative one a role's epithet is ("временным":
    "временный", not "временной")."""
    if "Qual" in adjective.tag:
        return adjective
    same = [p for p in analysis.parse(adjective.word) if "Qual" in p.tag and p.tag.POS == adjective.tag.POS and p.tag.case == adjective.tag.case and p.tag.number == adjective.tag.number and p.tag.gender == adjective.tag.gender]
    return same[0] if same else adjective


def _circumstance_starts(analysis: _Analysis, phrase: _Phrase, i: int) -> bool:
    """Does a circumstance or another person's title start at token ``i`` of a role's tail?"""
    word = analysis.lower(i)
    if word == "по":
        nouns = [p for k in range(i + 1, min(i + 3, phrase.last + 1)) for p in analysis.parses(k)[:1] if p.tag.POS == "NOUN"]
        return bool(nouns) and nouns[0].normal_form in CIRCUMSTANCE_PO_NOUNS
    if i < phrase.head + 2 or analysis.owner[i] is not None:
        return False
    first = analysis.parses(i)[:1]
    if first and first[0].tag.POS == "NOUN" and first[0].normal_form in TIME_GENITIVES:
        return True
    return phrase.last + 1 < len(analysis.tokens) and analysis.owner[phrase.last + 1] == "PER" and _title_of_name(analysis, phrase, i)


def _title_of_name(analysis: _Analysis, phrase: _Phrase, i: int) -> bool:
    """Is token ``i`` a person noun after a genitive of a thing, opening the title of the name
    that ends the tail ("губернатором Московской области единоросса Андрея Петрова")?"""
    before = analysis.parses(i - 1) if analysis.lower(i - 1) != ACTING_DUTIES else []  # "исполняющим обязанности заместителя"
    if not before or before[0].tag.POS != "NOUN" or "anim" in before[0].tag or not any(p.tag.POS == "NOUN" and _fold(p.tag.case) == "gent" for p in before):
        return False
    return any(p.tag.POS == "NOUN" and "anim" in p.tag and p.tag.number == "sing" and _fold(p.tag.case) == "gent" for p in analysis.parses(i)[:1])


def _coordinated_end(analysis: _Analysis, phrase: _Phrase) -> _Phrase:
    """A tail ending on "и" or an adjective with no noun ("председателем комитета по внешним и"):
    carried on through adjectives of the same case to their noun ("по внешним и межрегиональным
    экономическим связям"), else cut before its dangling part."""
    last = phrase.last
    if last <= phrase.head or analysis.lower(last) not in ("и", "или"):
        return phrase
    noun = _coordinated_noun(analysis, last)
    if noun is not None:
        return replace(phrase, last=noun, stop=noun + 1)
    cut = last - 1
    while cut > phrase.head and any(p.tag.POS in ("ADJF", "PREP") for p in analysis.parses(cut)[:1]):
        cut -= 1
    return replace(phrase, last=cut, stop=cut + 1)


def _before_genitive_name(analysis: _Analysis, j: int, cases: set[str]) -> _Phrase | None:
    """The role at token ``j`` right before a name that is not its title but its genitive
    ("стал советником Медведева": the name cannot be in the role's case)."""
    phrase = _occupation(analysis, _phrase_at(analysis, j, cases, before_name=True, widen=True, prepositions=PREDICATE_PREPOSITIONS))
    after = phrase.last + 1 if phrase else len(analysis.tokens)
    if after >= len(analysis.tokens) or analysis.owner[after] != "PER" or analysis.gap(after).strip():
        return None
    case = _fold(phrase.head_parse.tag.case)
    readings = [p for p in analysis.parses(after) if {"Name", "Surn"} & set(p.tag.grammemes)]
    return phrase if readings and all(_fold(p.tag.case) != case for p in readings) else None


def _before_one_of(analysis: _Analysis, phrase: _Phrase) -> _Phrase:
    """The phrase cut before "и одним из ...", which starts the next role of a list."""
    for i in range(phrase.head + 1, phrase.last):
        if analysis.lower(i) == "и" and analysis.lower(i + 1) in ONE_OF:
            return replace(phrase, last=i - 1, stop=i)
    return phrase


def _one_of(analysis: _Analysis, j: int) -> _Phrase | None:
    """"одним из (крупнейших) директоров компании" at token ``j``: the plural head read as one post."""
    if j + 2 >= len(analysis.tokens) or analysis.lower(j + 1) != "из" or analysis.gap(j + 1).strip():
        return None
    for head in range(j + 2, min(len(analysis.tokens), j + 3 + MAX_ADJECTIVES)):
        if analysis.gap(head).strip() or analysis.owner[head] is not None:
            return None
        parses = [p for p in analysis.head_parses(head, widen=True) if p.tag.number == "plur" and _fold(p.tag.case) == "gent"]
        if parses:
            last, stop = analysis.scan_tail(head, PREDICATE_PREPOSITIONS)
            return _occupation(analysis, _Phrase(head, head, last, parses[0], [], stop))
        if not any(p.tag.POS in ("ADJF", "PRTF", "NUMR") for p in analysis.parses(head)):
            return None
    return None


def _with_post(analysis: _Analysis, phrase: _Phrase) -> _Phrase:
    """The phrase with a post it aims at: "кандидат на пост мэра", "кандидат в депутаты"."""
    j = phrase.last + 1
    if j + 1 >= len(analysis.tokens) or analysis.gap(j).strip() or analysis.gap(j + 1).strip() or analysis.lower(j) not in ("на", "в"):
        return phrase
    if _is_post(analysis, j + 1):
        aimed = _phrase_at(analysis, j + 2, {"gent"}, before_name=False, widen=True, prepositions=PREDICATE_PREPOSITIONS) if j + 2 < len(analysis.tokens) else None
        return replace(phrase, last=aimed.last, stop=aimed.stop) if aimed and not analysis.gap(j + 2).strip() else phrase
    if any(p.tag.number == "plur" and p.tag.case == "nomn" for p in analysis.head_parses(j + 1, widen=True)):
        return replace(phrase, last=j + 1, stop=j + 2)  # "в депутаты": the old accusative
    return phrase


def _is_post(analysis: _Analysis, j: int) -> bool:
    """Is token ``j`` a post noun ("пост", "должности")?"""
    return any(p.tag.POS == "NOUN" and p.normal_form in POST_NOUNS for p in analysis.parses(j))


def _skip_fillers(analysis: _Analysis, j: int, most: int) -> int:
    """The first token from ``j`` past at most ``most`` fillers and adverbs ("стал уже", "был официально")."""
    start = j
    while j < len(analysis.tokens) and j - start < most and not analysis.gap(j).strip():
        if analysis.lower(j) not in COPULA_FILLERS and not _adverb(analysis, j):
            break
        j += 1
    return j


def _adverb(analysis: _Analysis, j: int) -> bool:
    """Is token ``j`` an adverb by its likeliest reading ("автоматически", "единогласно")?"""
    parses = analysis.parses(j)
    return bool(parses) and parses[0].tag.POS == "ADVB"


def _predicate_after(analysis: _Analysis, holders: Holders, k: int, parse: Any) -> _Predicate | None:
    """The role after the verb at token ``k``: "стал министром", "занял пост министра",
    "назначил Петрова министром", "освободил Петрова от должности директора"; for an
    appointing verb, also its object after a title ("назначил замминистра Петрова послом"),
    a pronoun ("назначил его послом") or the role ("освободил от должности главы Петрова")."""
    start = _skip_fillers(analysis, k + 1, 2)
    predicate = _role_after(analysis, k, parse, *_past_object(analysis, holders, start))
    if predicate is None and parse.normal_form in APPOINTING_VERBS and parse.tag.POS in ("VERB", "INFN", "GRND"):
        predicate = _appointed(analysis, holders, k, parse, start)
    return predicate or _role_past_circumstance(analysis, holders, k, parse, start)


def _appointed(analysis: _Analysis, holders: Holders, k: int, parse: Any, start: int) -> _Predicate | None:
    """The role an appointing verb at token ``k`` gives an object at token ``start`` that is
    a pronoun ("назначил его послом"), a name after its title ("назначил замминистра
    Петрова послом") or a name after the role ("освободил от должности главы Петрова")."""
    if start < len(analysis.tokens) and analysis.lower(start) in OBJECT_PRONOUNS and not analysis.gap(start).strip():
        predicate = _role_after(analysis, k, parse, _skip_fillers(analysis, start + 1, 2), None)
        return replace(predicate, pronoun=start) if predicate else None
    titled = _past_title(analysis, holders, start)
    if titled is not None:
        return _role_after(analysis, k, parse, *_past_object(analysis, holders, titled))
    return _role_after(analysis, k, parse, start, None, object_after=holders)


def _role_after(analysis: _Analysis, k: int, parse: Any, j: int, holder: tuple[Entity, Mention] | None, object_after: Holders | None = None) -> _Predicate | None:
    """The role at token ``j`` (maybe after a post noun) of the verb at token ``k``; with
    ``object_after``, only a role right before a name, which is the verb's object."""
    j, post = _past_post(analysis, j)
    cases = {"gent"} if post else {"ablt"} if parse.normal_form in COPULA_VERBS else set()
    if not cases or j >= len(analysis.tokens) or analysis.gap(j).strip():
        return None
    if object_after is None:
        phrase = _role_at(analysis, j, cases)
        return _Predicate(k, parse, phrase, holder) if phrase else None
    phrase = _role_at(analysis, j, cases, before_name=True)
    after = _name_after(analysis, object_after, phrase.last + 1) if phrase else None
    return _Predicate(k, parse, phrase, object_after[after]) if phrase and after is not None else None


def _name_after(analysis: _Analysis, holders: Holders, j: int) -> int | None:
    """The first token of a name at token ``j`` or after its own title there ("... области
    единоросса Петрова"), None when no name follows."""
    if j >= len(analysis.tokens) or analysis.gap(j).strip():
        return None
    return j if j in holders else _past_title(analysis, holders, j)


def _role_past_circumstance(analysis: _Analysis, holders: Holders, k: int, parse: Any, j: int) -> _Predicate | None:
    """The role of the verb at token ``k`` after a circumstance from token ``j``: "работал в
    Google инженером", "занимал в партии должность главы", "стал в 2010 году мэром"; not
    after a preposition of company ("был с министром"), a name or another verb."""
    if j >= len(analysis.tokens) or analysis.gap(j).strip():
        return None
    for i in range(j + 1, min(len(analysis.tokens), j + 1 + MAX_CIRCUMSTANCE_WORDS)):
        if analysis.gap(i).strip():
            return None
        first = analysis.parses(i - 1)[:1]
        if i - 1 in holders or analysis.lower(i - 1) in ONE_OF or (analysis.owner[i - 1] is None and first and _ends_circumstance(first[0], parse)):
            return None
        if not _after_instrumental_preposition(analysis, i):
            predicate = _role_after(analysis, k, parse, i, None)
            if predicate is not None:
                return predicate
    return None


def _ends_circumstance(word: Any, verb: Any) -> bool:
    """Does a word's likeliest parse end a circumstance after a verb: another verb, a
    conjunction, a noun in the instrumental after an active verb (its own complement:
    "считался кандидатом на пост"; after a passive one it is the agent: "избран советом")?"""
    return word.tag.POS in CIRCUMSTANCE_STOP_POS or (word.tag.POS == "NOUN" and word.tag.case == "ablt" and "pssv" not in verb.tag)


def _past_title(analysis: _Analysis, holders: Holders, j: int) -> int | None:
    """The first token of a name after a title at token ``j`` ("заместителя министра Петрова",
    "64-летнего Петрова"), or None when no name follows the nominal words there."""
    for i in range(j, min(len(analysis.tokens), j + MAX_APPOSITION_WORDS)):
        if analysis.gap(i).strip() and i > j:
            return None
        if i in holders:
            return i if i > j else None
        if analysis.owner[i] is None and not _nominal(analysis, i) or analysis.lower(i) in POST_PREPOSITIONS:
            return None
    return None


def _past_object(analysis: _Analysis, holders: Holders, j: int) -> tuple[int, tuple[Entity, Mention] | None]:
    """Past a name at token ``j`` ("назначил Петрова министром"): the next token and the name."""
    holder = holders.get(j) if j < len(analysis.tokens) and not analysis.gap(j).strip() else None
    if holder is None:
        return j, None
    while j in holders and holders[j][1] is holder[1]:
        j += 1
    return _skip_fillers(analysis, j, 2), holder


def _past_post(analysis: _Analysis, j: int) -> tuple[int, bool]:
    """Past a post noun at token ``j``, maybe after its preposition ("на пост", "от должности"):
    the next token and whether there was one."""
    n = len(analysis.tokens)
    if j + 1 < n and analysis.lower(j) in POST_PREPOSITIONS and not analysis.gap(j + 1).strip() and _is_post(analysis, j + 1):
        j += 1
    if j < n and not analysis.gap(j).strip() and _is_post(analysis, j):
        return j + 1, True
    return j, False


def _skip_back(analysis: _Analysis, k: int) -> int:
    """The last token before the copula at ``k`` past fillers, adverbs and a pronoun
    ("Министром он был", "мэром автоматически стал")."""
    end = k - 1
    while end >= 0 and k - end <= 3 and (analysis.lower(end) in COPULA_FILLERS or analysis.lower(end) in SUBJECT_PRONOUNS or _adverb(analysis, end)):
        end -= 1
    return end


def _predicate_before(analysis: _Analysis, k: int, parse: Any) -> _Predicate | None:
    """A role in the instrumental before the copula at token ``k``: "Министром он проработал",
    "Мэром города стал Петров", "Кандидатом на пост мэра будет Петров"; not after a
    preposition ("с министром")."""
    if parse.normal_form not in COPULA_VERBS or parse.tag.POS in ("PRTF", "GRND"):
        return None
    end = _past_date_back(analysis, _skip_back(analysis, k))
    if end < 0 or analysis.gap(end + 1).strip():
        return None
    for head in range(end, max(-1, end - MAX_TAIL_TOKENS), -1):
        if analysis.owner[head] == "PER" or analysis.gap(head + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            return None
        if not analysis.head_parses(head, widen=True):
            continue
        phrase = analysis.phrase(head, {"ablt"}, PREDICATE_PREPOSITIONS, widen=True)
        phrase = _with_post(analysis, phrase) if _occupation(analysis, phrase) else None
        if phrase is None or analysis.span_end_of(phrase.first, phrase.last) < analysis.tokens[end].end:
            continue  # a word of a longer tail ("министерства" in "министром министерства")
        if phrase.last != end or _after_instrumental_preposition(analysis, phrase.first):
            return None
        return _Predicate(k, parse, phrase)
    return None


def _past_date_back(analysis: _Analysis, end: int) -> int:
    """The last token before a date that ends at token ``end`` ("Мэром с 27 октября 2016 года
    назначен"), or ``end`` when no date with its preposition ends there."""
    i = end
    while i >= 0 and end - i < MAX_DATE_WORDS and _DATE_WORD.fullmatch(analysis.lower(i)) and not analysis.gap(i + 1).strip():
        i -= 1
    if i == end or i < 0 or analysis.lower(i) not in DATE_PREPOSITIONS or analysis.gap(i + 1).strip():
        return end
    return i - 1


def _post_before(analysis: _Analysis, k: int, parse: Any) -> _Predicate | None:
    """A post noun and its role before the verb at token ``k``: "пост мэра занял Петров",
    "На должность директора назначен Петров", "Пост премьера он занимал"."""
    if parse.tag.POS in ("PRTF", "GRND"):
        return None
    end = _skip_back(analysis, k)
    for post in range(end - 1, max(-1, end - 1 - MAX_TAIL_TOKENS), -1):
        if analysis.gap(post + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            return None
        if _is_post(analysis, post):
            phrase = _role_at(analysis, post + 1, {"gent"})
            if phrase is None or phrase.last != end:
                return None
            return _Predicate(k, parse, phrase)
    return None


def _after_instrumental_preposition(analysis: _Analysis, first: int) -> bool:
    """Is token ``first`` right after "с", "над", "перед" ("с министром": company)?"""
    return first > 0 and not analysis.gap(first).strip() and analysis.lower(first - 1) in INSTRUMENTAL_PREPOSITIONS


def _listed(analysis: _Analysis, phrase: _Phrase) -> list[_Phrase]:
    """A role and the roles listed after it in its case: "министром, послом и депутатом",
    "спецпредставителем президента и одним из директоров компании"."""
    case = _fold(phrase.head_parse.tag.case)
    cases = {"ablt"} if case is None or phrase.head_parse.tag.number == "plur" else {case}  # "одним из директоров, ..."
    phrases = [phrase]
    while len(phrases) < MAX_LISTED_ROLES:
        j = _next_in_list(analysis, phrases[-1].last + 1)
        nxt = _role_at(analysis, j, cases) if j is not None else None
        if nxt is None or nxt.former:
            break
        phrases.append(nxt)
    return phrases


def _next_in_list(analysis: _Analysis, j: int) -> int | None:
    """The token where the next item of a list starts after a comma, "и", ", а также" at
    token ``j`` (None when no list goes on there)."""
    n = len(analysis.tokens)
    j, gap = _past_brackets(analysis, j)
    if j >= n or gap not in ("", ","):
        return None
    comma = gap == ","
    start = j
    while j < n and j - start < 2 and analysis.lower(j) in LIST_WORDS and (j == start or not analysis.gap(j).strip()):
        j += 1
    if (j == start and not comma) or j >= n or (j > start and analysis.gap(j).strip()):
        return None
    return j


def _past_brackets(analysis: _Analysis, j: int) -> tuple[int, str]:
    """Past a bracketed aside at token ``j`` ("директором компании (ООО «Ромашка»), а также
    ..."): the token after it and the marks left before that token."""
    n = len(analysis.tokens)
    if j >= n or not analysis.gap(j).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES).startswith("("):
        return j, analysis.gap(j).strip() if j < n else ""
    start = j
    j += 1
    while j < n and j - start <= MAX_TAIL_TOKENS and ")" not in analysis.gap(j):
        j += 1
    if j >= n or ")" not in analysis.gap(j):
        return n, ""
    return j, analysis.gap(j).split(")", 1)[1].strip()


def _standing(analysis: _Analysis, k: int) -> _Predicate | None:
    """A post held at token ``k``, whatever the verb: "на посту главы", "в должности
    директора", "в качестве советника" (``STANDING_POSTS``)."""
    lemmas = STANDING_POSTS.get(analysis.lower(k))
    j = k + 1
    if lemmas is None or j + 1 >= len(analysis.tokens) or analysis.gap(j).strip() or analysis.gap(j + 1).strip():
        return None
    if not _may_be_predicate(analysis, j):
        return None  # no form of a post noun: "в 2010 году", "на встрече"
    if not any(p.tag.POS == "NOUN" and p.normal_form in lemmas and _fold(p.tag.case) == "loct" for p in analysis.parses(j)):
        return None
    phrase = _role_at(analysis, j + 1, {"gent"})
    return _Predicate(k, None, phrase, kind="standing") if phrase else None


def _post_event(analysis: _Analysis, holders: Holders, k: int) -> _Predicate | None:
    """A post taken or left at the noun at token ``k`` ("уходе с поста главы", "избранием на
    пост мэра", "отставку с должности директора"), with the person named between the noun
    and the post ("отставки Петрова с поста"), if any; None when a description stands there
    ("увольнении главы ведомства с поста")."""
    word = analysis.tokens[k].text
    if not _may_be_predicate(analysis, k) or not analysis.remember((word, "post event"), lambda: any(p.tag.POS == "NOUN" and p.normal_form in POST_EVENT_NOUNS for p in analysis.parse(word)[:2])):
        return None
    found = _to_post(analysis, holders, k + 1)
    if found is None:
        return None
    j, holder = found
    phrase = _role_at(analysis, j, {"gent"}) if j < len(analysis.tokens) and not analysis.gap(j).strip() else None
    return _Predicate(k, None, phrase, holder, kind="event") if phrase else None


def _to_post(analysis: _Analysis, holders: Holders, j: int) -> tuple[int, tuple[Entity, Mention] | None] | None:
    """From token ``j`` after a noun of taking or leaving, past a name (with its title) or
    "в отставку" and a post noun: the token after the post noun and the name; None when no
    post noun follows or a description stands before it."""
    holder: tuple[Entity, Mention] | None = None
    described = False
    for i in range(j, min(len(analysis.tokens), j + 1 + MAX_APPOSITION_WORDS)):
        if analysis.gap(i).strip():
            return None
        after, post = _past_post(analysis, i)
        if post:
            return None if described and holder is None else (after, holder)
        if i in holders:
            holder = holder or holders[i]
        elif analysis.owner[i] is None and analysis.lower(i) not in ("в", "отставку"):
            if not _nominal(analysis, i):
                return None
            described = True
    return None


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


def _nominal(analysis: _Analysis, j: int) -> bool:
    """Can token ``j`` stand in a title before a name (a noun, an adjective, a number)?"""
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") or "LATN" in p.tag for p in analysis.parses(j)[:2])


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
