"""The clauses that state a role, for ``_role_predicates``: a verb and its role, a post held or taken.

A copula or appointment verb with a role in the instrumental, either order ("стал мэром",
"Мэром города избран Петров"), a post noun with the role in the genitive ("занимал пост
министра"), a list of roles after one verb, a circumstance between the verb and its role, a post
held whatever the verb ("на посту главы") and a post taken or left told by a noun ("об уходе с
поста главы"). Who the clause is about is read in ``_role_predicates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..model import Entity, Mention
from ._lexicon import (
    ACTING_DUTIES, APPOINTING_VERBS, CIRCUMSTANCE_PO_NOUNS, COPULA_FILLERS, COPULA_VERBS, DATE_PREPOSITIONS,
    INSTRUMENTAL_PREPOSITIONS, LIST_WORDS, ONE_OF, POST_PREPOSITIONS, PREDICATE_PREPOSITIONS, DEED_NOUNS,
    OBJECT_PRONOUNS, POST_EVENT_NOUNS, POST_NOUNS, POST_VERBS, STANDING_POSTS, SUBJECT_PRONOUNS, TIME_GENITIVES,
)
from ._role_phrases import MAX_ADJECTIVES, MAX_TAIL_TOKENS, _Analysis, _fold, _Phrase, _phrase_at
from ._role_words import lexeme_forms, CLOSE_QUOTES, TOGGLE_QUOTES
from .dates import MONTH_FORMS


# Parts of speech of a predicate: a finite verb, an infinitive, a short or full participle
# ("назначен", "назначенный"), a gerund ("будучи", "став").
COPULA_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})

# Most words between an inverted copula and its name: "Мэром избран легендарный баскетболист
# Дэйв Бинг", "является министр промышленности и энергетики Катара Абдулла аль-Аттия".
MAX_APPOSITION_WORDS = 9

# Most roles in one list.
MAX_LISTED_ROLES = 6

# Most words of a circumstance between a verb and its role ("работал в компании инженером",
# "занимал в партии должность главы", "избран советом директоров председателем").
MAX_CIRCUMSTANCE_WORDS = 6

# Parts of speech a circumstance before a role may not hold: another verb, a conjunction
# starts another predicate ("был награждён орденом", "стал и остался").
CIRCUMSTANCE_STOP_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND", "CONJ", "PRED"})

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


def _nominal(analysis: _Analysis, j: int) -> bool:
    """Can token ``j`` stand in a title before a name (a noun, an adjective, a number)?"""
    return any(p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") or "LATN" in p.tag for p in analysis.parses(j)[:2])
