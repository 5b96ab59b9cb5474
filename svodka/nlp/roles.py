"""Roles of persons: titles by apposition, and descriptions that stand for a person.

``extract_roles`` runs after NER and name normalisation and does two things:

1. **Roles by apposition.** A role phrase written next to a person's name becomes one of the
   person's ``Entity.roles``, in base form:

   - before the name: "министр иностранных дел Казахстана Кайрат Абдрахманов", "по словам
     главы Минфина Антона Силуанова" (-> "глава Минфина");
   - after the name and a comma or bracket: "Кайрат Абдрахманов, министр иностранных дел
     Казахстана, ...".

   A role phrase is a head noun naming a position (a lexicon, widened next to a name to any
   animate common noun that names no relation, stance, nationality ...), agreeing adjectives before it
   ("официальный представитель", "генеральный директор"; "бывший" stays out), then a tail in
   the genitive: nouns, adjectives, ORG/LOC mentions, "и" coordinations, a quoted name, and
   (next to a name) a prepositional part ("посол России в США", "председатель комитета по
   культуре"). The head must agree in case with the name. The base form puts the head and
   its adjectives in the nominative singular with pymorphy3 and keeps the tail as written.

2. **Role mentions.** A description without a name ("Глава МИД Казахстана отметил",
   "По мнению министра") that matches a role of exactly one person of the article becomes a
   ``Mention(kind="role")`` of that person, spanning the description only. Matching knows
   that "министр иностранных дел X" = "глава МИД X" = "руководитель дипведомства X" (a small
   canonicaliser of ministries and of head-of nouns); a bare head ("министра") matches
   persons holding a role with that head noun. When several persons match, the one mentioned
   earlier in the same paragraph wins if he alone is; otherwise no mention is added.

Roles given by predicates ("Петров стал мэром", "занимал пост министра") are read in
``_role_predicates``; the phrases themselves in ``_role_phrases``.

No syntax parser: a word tokeniser, pymorphy3 parses (cached per call) and the entity
mentions of the earlier stages.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..model import Article, Entity, Mention, Role
from ._role_keys import RoleKey, key_of, read_role, role_head, role_key, roles_match, roles_of
from ._lexicon import ORIGINAL_NAME, ACTING_QUALIFIERS, ADDRESS_TITLES, AGE_ADJECTIVE_ENDING, AGREEING_POSSESSIVES, DEED_NOUNS, KIN_NOUNS, NEW_HOLDER_WORDS, OBLIQUE_PRONOUNS, ROLE_EPITHETS, THIRD_PERSON_POSSESSIVES, TITLE_GOVERNING_NOUNS
from ._role_names import _name_cases
from ._role_phrases import ALL_CASES, MAX_TAIL_TOKENS, TAIL_PREPOSITIONS, _Analysis, _fold, _Phrase, _phrase_at, _touches_name
from ._role_words import adjective_head_prefixes, position_forms, CLOSE_QUOTES, TOGGLE_QUOTES
from ._role_predicates import predicate_forms, read_predicates
from .models import Models
from .text import WORD, AnalysedText, Sentence, analysed

__all__ = ["extract_roles", "key_of", "read_role", "role_head", "role_key", "roles_match", "roles_of", "RoleKey"]

# Possessives before a description: "его заместитель" is someone else's deputy, not a mention.
POSSESSIVES = THIRD_PERSON_POSSESSIVES | AGREEING_POSSESSIVES

# Only "по" is allowed in a description without a name (it forms ministry names); "в/на/при"
# there would swallow the sentence's circumstances.
DESCRIPTION_PREPOSITIONS = {"по": {"datv"}}

# Parts of speech (pymorphy3, best parse) that may follow a subject description as its
# predicate: "Политик заявил", "Журналист уверен", "Сам программист свою вину не признал".
PREDICATE_POS = frozenset({"VERB", "ADJS", "PRTS", "ADVB", "PRCL", "NPRO", "PRED"})


# Most role phrases chained by commas before one name ("лидер партии, депутат Петров").
MAX_CHAINED_ROLES = 2

# What may stand between a title and a name it shares with others, written before it: nothing or a comma.
PLAIN_GAPS = frozenset({"", ","})

# Dashes between a title and a name ("кандидат от партии — Иван Петров"), spaced in the text.
DASHES = frozenset({"-", "–", "—"})

# Most epithets between a title and a name ("министр, 60-летний Иван Петров").
MAX_EPITHETS = 2

# Longest bracketed aside between a title and a name, in characters ("(МОК)", "(с 2015 года)").
MAX_ASIDE_CHARS = 60

# Gap between a name and a role that follows it: a comma, an opening bracket or a dash
# ("Светлана Яковлева - директор фонда").
_AFTER_NAME_GAP = re.compile(r"\s*(?:[,(]|\s[-–—])\s*")



# -- the stage ---------------------------------------------------------------------------


def _blocks(article: Article) -> list[tuple[int, int]]:
    """Paragraph extents: ``Article.blocks`` or, without them, text split on blank lines."""
    if article.blocks:
        return [(b.start, b.end) for b in article.blocks]
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", article.text)]


def _add_role(entity: Entity, role: Role) -> None:
    """Add a role unless present; a role subsumed by a fuller one with the same head goes.

    ``entity.roles`` (base forms) and ``entity.role_details`` (the objects) stay parallel.
    """
    if role.text in entity.roles or role.head in ACTING_QUALIFIERS:
        return  # a qualifier with no post after it ("Петров, врио, ...") says no role
    entity.role_details.append(role)
    keys = [key_of(r) for r in entity.role_details]
    kept = []
    for n, k in enumerate(keys):
        subsumed = k is not None and any(
            o != n
            and other is not None
            and other.head == k.head
            and not k.rest
            and not k.places
            and not k.sector
            and k.adjectives <= other.adjectives
            and (other.rest or other.places or other.sector)
            for o, other in enumerate(keys)
        )
        if not subsumed:
            kept.append(entity.role_details[n])
    entity.role_details[:] = kept
    entity.roles[:] = [r.text for r in kept]


def _read_role(analysis: _Analysis, phrase: _Phrase) -> Role:
    """The role object of a phrase read in the text: base form, offsets, the ORG it names."""
    start = analysis.tokens[phrase.first].start
    end = analysis.span_end_of(phrase.first, phrase.last)
    organisation = next((analysis.org[k] for k in range(phrase.head + 1, phrase.last + 1) if analysis.org[k]), None)
    read = _role_reading(analysis, analysis.base_form(phrase))
    return dataclasses.replace(
        read, start=start, end=end, organisation=organisation, adjectives=list(read.adjectives), places=list(read.places),
        rest=list(read.rest), lemmas=list(read.lemmas),
    )


def _role_reading(analysis: _Analysis, text: str) -> Role:
    """``read_role`` of a base form without offsets, remembered per process with the heads: news
    repeat their roles ("президент России"), and a description is read as a key too. Never
    handed out: ``_read_role`` copies it."""
    return analysis.remember((text, "role reading"), lambda: read_role(text, analysis.parse))


def extract_roles(article: Article, models: Models) -> Article:
    """Record roles of persons (base forms and objects) and add role mentions for descriptions.

    Args:
        article: an article after ``tag_entities`` and ``normalize_entities``.
        models: the loaded models; only ``models.parse`` (pymorphy3, cached) is used.
    Returns:
        The same article: PER entities have ``roles`` (base forms) and ``role_details`` (the
        same roles as :class:`~svodka.model.Role` objects) filled and, where a description
        stands for one of them, a ``Mention(kind="role")`` whose ``normal`` is the
        description's base form.
    """
    persons = [e for e in article.entities if e.type == "PER"]
    if not persons or not article.text:
        return article
    for entity in persons:  # roles known before this stage (set by hand) become objects too
        entity.role_details = roles_of(entity, models.parse)
    forms = models.remember("lexicon forms", "positions", lambda: position_forms(models.parse))
    analysis = _Analysis(article.text, models.parse, article.entities, analysed(article, models).words, models.memo("position heads"), forms)
    analysis.predicate_forms = models.remember("lexicon forms", "predicates", lambda: predicate_forms(models.parse))
    analysis.inflect = models.inflect
    analysis.adjective_prefixes = models.remember("lexicon forms", "adjective heads", lambda: adjective_head_prefixes(models.parse))
    used = _read_appositions(analysis, persons)
    used |= _add_predicate_roles(analysis, analysed(article, models), persons)
    _add_role_mentions(article, analysis, analysed(article, models), persons, used)
    return article


def _read_appositions(analysis: _Analysis, persons: list[Entity]) -> set[int]:
    """Give persons the roles written next to their names; the tokens those phrases took."""
    starts = {t.start: i for i, t in enumerate(analysis.tokens)}
    ends = {t.end: i for i, t in enumerate(analysis.tokens)}
    used: set[int] = set()  # tokens of phrases already read as appositions
    names = _name_spans(analysis, persons, starts, ends)
    for entity in persons:
        for mention in entity.mentions:
            if mention.kind != "name":
                continue
            for phrase in _appositions(analysis, mention, starts, ends, names):
                if phrase is not None and not _address_only(analysis, phrase):
                    used.update(range(phrase.first, phrase.last + 1))
                    _add_role(entity, _read_role(analysis, phrase))
    return used


def _name_spans(analysis: _Analysis, persons: list[Entity], starts: dict[int, int], ends: dict[int, int]) -> dict[int, tuple[int, int, set[str] | None]]:
    """Name mentions by their first and by their last token: (first, last, the cases the name may be in)."""
    spans: dict[int, tuple[int, int, set[str] | None]] = {}
    for entity in persons:
        gender = _person_gender(entity, analysis)
        for mention in entity.mentions:
            first, last = _mention_tokens(analysis, mention, starts, ends)
            if mention.kind == "name" and first is not None and last is not None:
                spans[first] = spans[last] = (first, last, _name_cases(analysis, mention, gender))
    return spans


def _appositions(analysis: _Analysis, mention: Mention, starts: dict[int, int], ends: dict[int, int], names: dict[int, tuple[int, int, set[str] | None]]) -> list[_Phrase | None]:
    """The role phrases written before and after one name mention (``names``: all name mentions, ``_name_spans``)."""
    first, last = _mention_tokens(analysis, mention, starts, ends)
    if first is None or last is None or _family(analysis, mention):
        return []
    known = names[first][2] if first in names else None
    cases = known or set(ALL_CASES)
    before = _roles_before(analysis, first, cases) or _shared_roles_before(analysis, first, last, cases) or _possessed_title(analysis, first, cases, known, names)
    phrases: list[_Phrase | None] = [p for p in _own_titles(analysis, before, last, names) if not _governed(analysis, p, known)]
    phrases.extend(_and_more(analysis, _role_after(analysis, last, cases, names), cases))
    return phrases


def _own_titles(analysis: _Analysis, phrases: list[_Phrase], last: int, names: dict[int, tuple[int, int, set[str] | None]]) -> list[_Phrase]:
    """The titles before a name ending at token ``last`` that are its own: a name right before
    another name is the possessor inside the other's title ("советника Путина Михаила
    Лесина"), unless the title cannot agree with the other name ("дочь президента Ислама
    Каримова Лолла Каримова")."""
    holder = names.get(last + 1) if last + 1 < len(analysis.tokens) and not analysis.gap(last + 1).strip() else None
    if holder is None:
        return phrases
    return [p for p in phrases if not _head_cases(analysis, p) & (holder[2] or set(ALL_CASES))]


def _possessed_title(analysis: _Analysis, first: int, cases: set[str], known: set[str] | None, names: dict[int, tuple[int, int, set[str] | None]]) -> list[_Phrase]:
    """A title whose tail ends in another person's name in the genitive, right before the name
    at token ``first``: "адвокат Гибсона Стивен Колодни", "представитель фонда Анны Франк Иван
    Петров" (the tail keeps the name as written). The possessor must be a genitive, or, when
    its case is unknown ("Хиллари Клинтон"), the holder's known case must differ from it."""
    possessor = names.get(first - 1) if first > 0 and not analysis.gap(first).strip() else None
    if possessor is None:
        return []
    own = possessor[2]
    if not (own and "gent" in own) and not (own is None and known and "gent" not in known):
        return []
    phrase = _role_before(analysis, possessor[0], cases, between_marks=frozenset({""}))
    if phrase is None or phrase.former:
        return []
    phrase.last, phrase.stop = first - 1, first
    return [phrase]


def _head_cases(analysis: _Analysis, phrase: _Phrase) -> set[str]:
    """Every case the head of a phrase may be in (all of them for an indeclinable head)."""
    if phrase.fixed:
        return set(ALL_CASES)
    return {_fold(p.tag.case) for p in analysis.head_parses(phrase.head, widen=True) if p.tag.number == phrase.head_parse.tag.number}


def _governed(analysis: _Analysis, phrase: _Phrase, name_cases: set[str] | None) -> bool:
    """Is a genitive title right after a noun that governs it, the name after it not provably a
    genitive (``name_cases``): a post ("на выборах президента США Хиллари Клинтон") or a
    relative's title ("дочь спортсмена Джианна"; but "сына губернатора Семёна Лаптева" is the
    governor's name)?"""
    k = phrase.first
    if name_cases and "gent" in name_cases and "nomn" not in name_cases:
        return False
    if k == 0 or analysis.gap(k).strip() or _fold(phrase.head_parse.tag.case) != "gent":
        return False
    return any(p.tag.POS == "NOUN" and p.normal_form in TITLE_GOVERNING_NOUNS | KIN_NOUNS for p in analysis.parses(k - 1)[:2])


def _mention_tokens(analysis: _Analysis, mention: Mention, starts: dict[int, int], ends: dict[int, int]) -> tuple[int | None, int | None]:
    """The first and last tokens of a mention (None where no token starts or ends it)."""
    first = starts.get(mention.start)
    if first is None:  # the first token starting inside it, by bisection (tokens are in order)
        k = bisect.bisect_left(analysis.starts, mention.start)
        first = k if k < len(analysis.tokens) else None
    last = ends.get(mention.end)
    if last is None:  # the last token ending inside it
        k = bisect.bisect_right(analysis.ends, mention.end) - 1
        last = k if k >= 0 else None
    return first, last


def _family(analysis: _Analysis, mention: Mention) -> bool:
    """Is a one-word mention a family ("дом Романовых"): a surname read in the plural only?"""
    words = mention.text.split()
    ps = analysis.parse(words[0]) if len(words) == 1 else []
    surnames = [p for p in ps if "Surn" in p.tag]
    return bool(surnames) and all(p.tag.number == "plur" for p in surnames)


def _address_only(analysis: _Analysis, phrase: _Phrase) -> bool:
    """Is the phrase a bare title of address ("принц", "шейх"), part of how a person is called?"""
    return phrase.last == phrase.head and not phrase.adjective_parses and phrase.head_parse.normal_form in ADDRESS_TITLES


def _add_predicate_roles(analysis: _Analysis, layer: AnalysedText, persons: list[Entity]) -> set[int]:
    """Give persons the roles their predicates state (``_role_predicates``); the tokens those phrases took."""
    used: set[int] = set()
    for entity, phrase in read_predicates(analysis, layer, persons):
        for found in _and_more(analysis, phrase, {_fold(phrase.head_parse.tag.case)}):
            used.update(range(found.first, found.last + 1))
            _add_role(entity, _read_role(analysis, found))
    return used


def _add_role_mentions(article: Article, analysis: _Analysis, layer: AnalysedText, persons: list[Entity], used: set[int]) -> None:
    """Descriptions standing for a person, in text order (earlier ones help later ones).

    A description that matches no role of anyone may give one person a new role
    (``_described_person``): "Политик заявил" after a sentence about him alone.
    """
    role_keys = {e.id: [k for k in map(key_of, e.role_details) if k] for e in persons}
    tokens = analysis.tokens
    description_keys: dict[str, RoleKey | None] = {}  # a text repeats its descriptions
    blocks = _blocks(article)
    taken = sorted((m.start, m.end) for e in persons for m in e.mentions)  # grows with the role mentions added
    i = 0
    while i < len(tokens):
        # widened heads (a superset of the lexicon's) only where a sentence opens: elsewhere
        # the lexicon's alone, and a word that heads nothing by it is not parsed
        # a word of a mention heads nothing (``head_parses``); nor does a word outside the
        # lexicon's reach away from a sentence's opening (no widening there): both skipped unasked
        if i in used or analysis.owner[i] is not None or not (analysis.may_head(i) or analysis.sentence_reach(i) >= 0):
            i += 1
            continue
        opening = _opens_sentence(analysis, i)
        if not analysis.head_parses(i, widen=opening):
            i += 1
            continue
        phrase = analysis.phrase(i, {"nomn", "gent", "datv", "accs", "ablt", "loct"}, DESCRIPTION_PREPOSITIONS, widen=opening)
        if phrase is None or phrase.former or _after_possessive(analysis, phrase.first) or _touches_name(analysis, phrase):
            i += 1
            continue
        i = phrase.last + 1
        if any(k in used for k in range(phrase.first, phrase.last + 1)):
            continue
        normal = analysis.base_form(phrase)
        if normal not in description_keys:
            description_keys[normal] = key_of(_role_reading(analysis, normal))
        key = description_keys[normal]
        if key is None:
            continue
        start = tokens[phrase.first].start
        end = analysis.span_end_of(phrase.first, phrase.last)
        if _overlaps(taken, start, end):
            continue
        entity = _resolve(persons, role_keys, key, start, end, blocks) if _matches_any(role_keys, key) else _new_role(analysis, layer, persons, role_keys, phrase, key)
        if entity is None:
            continue
        entity.mentions.append(Mention(start, end, article.text[start:end], normal, "role"))
        bisect.insort(taken, (start, end))
    for entity in persons:
        entity.mentions.sort(key=lambda m: (m.start, m.end))


# Longer than any name or role mention: the reach of the overlap test.
MAX_MENTION_CHARS = 1000


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap one of the sorted ``spans`` (the persons' mentions)? Only
    those starting before ``end`` and at most ``MAX_MENTION_CHARS`` before ``start`` can."""
    j = bisect.bisect_left(spans, (end, -1)) - 1
    while j >= 0 and spans[j][0] > start - MAX_MENTION_CHARS:
        if spans[j][1] > start:
            return True
        j -= 1
    return False


def _matches_any(role_keys: dict[str, list[RoleKey]], key: RoleKey) -> bool:
    """Does a description match a role of any person?"""
    return any(roles_match(key, k) for keys in role_keys.values() for k in keys)


def _new_role(analysis: _Analysis, layer: AnalysedText, persons: list[Entity], role_keys: dict[str, list[RoleKey]], phrase: _Phrase, key: RoleKey) -> Entity | None:
    """The person a description gives a new role (added, with his keys), if any."""
    entity = _described_person(analysis, layer, persons, phrase, key)
    if entity is not None:
        _add_role(entity, _read_role(analysis, phrase))
        role_keys[entity.id] = [k for k in map(key_of, entity.role_details) if k]
    return entity


def _opens_sentence(analysis: _Analysis, i: int) -> bool:
    """Does token ``i`` open a sentence, alone or after adjectives ("94-летний политик")?"""
    k = analysis.sentence_reach(i)
    if k < 0:
        return False  # no sentence opens within reach: the words between need not be parsed
    return all(_adjective_form(analysis, analysis.tokens[j].text) for j in range(k, i))


def _adjective_form(analysis: _Analysis, word: str) -> bool:
    """Can a word form be an adjective or participle (remembered per process)?"""
    return analysis.remember((word, "adjective?"), lambda: any(p.tag.POS in ("ADJF", "PRTF") for p in analysis.parse(word)))


def _described_person(analysis: _Analysis, layer: AnalysedText, persons: list[Entity], phrase: _Phrase, key: RoleKey) -> Entity | None:
    """The one person a subject description opening a sentence tells a new role of, if any.

    "Нельсон Мандела скончался ... Политик был ...": a nominative occupation noun opening a
    sentence, then its predicate, stands for the one person the sentence before names, as
    its subject (``_antecedent``), of the gender the noun or its verb shows. A noun that
    names no occupation ("мужчина", "пострадавший", "жертва", "автор") gives no role; when in
    doubt, nobody.
    """
    sentence = _subject_description(analysis, layer, phrase)
    if sentence is None:
        return None
    entity = _antecedent(analysis, layer, persons, sentence)
    if entity is None or any(sentence.start <= m.start < sentence.end for m in entity.mentions):
        return None
    if any(w.lower() in OBLIQUE_PRONOUNS for w in WORD.findall(analysis.text, sentence.start, sentence.end)):
        return None  # the sentence refers to the person as an object: its subject is another
    if not _fits_roles(key, [k for k in map(key_of, entity.role_details) if k]):
        return None
    wanted = "femn" if phrase.head_parse.tag.gender == "femn" else _verb_gender(analysis, phrase)
    found = _person_gender(entity, analysis)
    return entity if wanted is None or found is None or wanted == found else None


def _subject_description(analysis: _Analysis, layer: AnalysedText, phrase: _Phrase) -> Sentence | None:
    """The sentence a description opens as its subject, when it may stand for a person named
    before: singular, nominative, no deed ("автор"), no new holder ("Новый министр"), no
    person in its tail ("адвокат футболиста"), its predicate after it."""
    head = phrase.head_parse
    if _fold(head.tag.case) != "nomn" or head.tag.number != "sing" or not _opens_sentence(analysis, phrase.first):
        return None
    if head.normal_form.replace("ё", "е") in DEED_NOUNS or not _predicate_follows(analysis, phrase) or _tail_names_person(analysis, phrase):
        return None
    sentence = layer.sentence_at(analysis.tokens[phrase.first].start)
    if sentence is None:
        return None
    before = WORD.findall(analysis.text, sentence.start, analysis.tokens[phrase.head].start)
    return None if any(p.normal_form in NEW_HOLDER_WORDS for w in before for p in analysis.parse(w)[:1]) else sentence


def _predicate_follows(analysis: _Analysis, phrase: _Phrase) -> bool:
    """Is the description followed by its predicate (a verb, a short form, an adverb or
    particle, a pronoun), not by a dash, bracket, preposition or name ("Министр финансов —
    Таро Асо", "Спортсмен из США Александр ...")? A comma only before "который"
    ("Рокер, которому ...")."""
    k = phrase.last + 1
    if k >= len(analysis.tokens):
        return False
    gap = analysis.gap(k).strip()
    if gap == ",":
        return any(p.normal_form == "который" for p in analysis.parses(k))
    best = analysis.parses(k)[0].tag
    return not gap and analysis.owner[k] is None and (best.POS in PREDICATE_POS or "Apro" in best)


def _fits_roles(key: RoleKey, known: list[RoleKey]) -> bool:
    """Can a description be one more role of a person with the ``known`` roles? Not when one
    of them names its head as another person ("пресс-секретарь президента" ... "Президент"),
    nor, for a description with a tail, when none of them shares a place, sector or word with
    it ("президент РФ" ... "Генеральный секретарь ООН")."""
    if any(key.head in k.rest for k in known):
        return False
    if not known or not (key.places or key.rest or key.sector):
        return True
    return any(key.places & k.places or key.rest & k.rest or (key.sector and key.sector == k.sector) for k in known)


def _tail_names_person(analysis: _Analysis, phrase: _Phrase) -> bool:
    """Does the tail hold a person noun ("адвокат футболиста", "зять президента")? Then the
    description is that person's relation, most often someone new."""
    return any(
        p.tag.POS == "NOUN" and "anim" in p.tag and _fold(p.tag.case) == "gent" and analysis.owner[k] is None
        for k in range(phrase.head + 1, phrase.last + 1)
        for p in analysis.parses(k)[:1]
    )


def _antecedent(analysis: _Analysis, layer: AnalysedText, persons: list[Entity], sentence: Sentence) -> Entity | None:
    """The one person named in the sentence before ``sentence``, as its subject (a name that
    may be nominative); None when that sentence names two or more, or none."""
    sentences = layer.sentences
    k = sentences.index(sentence)
    if k == 0:
        return None
    earlier = sentences[k - 1]
    named = [(e, m) for e in persons for m in e.mentions if earlier.start <= m.start < earlier.end and m.kind == "name"]
    if len({e.id for e, _m in named}) != 1:
        return None
    subject = any("nomn" in (_name_cases(analysis, m) or {"nomn"}) and not _family(analysis, m) for _e, m in named)
    return named[0][0] if subject else None


def _verb_gender(analysis: _Analysis, phrase: _Phrase) -> str | None:
    """The gender of a past-tense verb right after the description ("Министр добавила")."""
    k = phrase.last + 1
    for p in analysis.parses(k)[:1] if k < len(analysis.tokens) else []:
        if p.tag.POS == "VERB" and p.tag.tense == "past" and p.tag.number == "sing":
            return p.tag.gender
    return None


def _person_gender(entity: Entity, analysis: _Analysis) -> str | None:
    """A person's gender as the first name or surname tells it, read as the nominatives they are
    (None when they do not: "Пола" is a man's name only in the genitive)."""
    for word, grammeme in ((entity.first, "Name"), (entity.last, "Surn")):
        genders = {p.tag.gender for p in analysis.parse(word or "") if grammeme in p.tag and p.is_known and p.tag.case == "nomn"} - {None}
        if len(genders) == 1:
            return genders.pop()
    return None


def _role_before(analysis: _Analysis, name: int, cases: set[str], number: str = "sing", between_marks: frozenset[str] = PLAIN_GAPS) -> _Phrase | None:
    """The leftmost role phrase whose tail ends right before token ``name`` (a name or a comma),
    with one of ``between_marks`` between them."""
    if name == 0:
        return None
    # the phrase ends at token name - 1 whatever its head: the marks before the name first
    between = analysis.text[analysis.tokens[name - 1].end : analysis.tokens[name].start]
    if between.strip(" \t" + CLOSE_QUOTES + TOGGLE_QUOTES) not in between_marks:
        return None
    best = None
    for head in range(name - 1, max(-1, name - 2 - MAX_TAIL_TOKENS), -1):
        if analysis.owner[head] == "PER":
            break
        if head + 1 < name and analysis.stops_tail(head + 1):
            break  # no tail from here on reaches the name: its heads are not read
        if not analysis.head_parses(head, widen=True):
            continue
        phrase = analysis.phrase(head, cases, TAIL_PREPOSITIONS, widen=True, number=number)
        if phrase is None or phrase.stop != name or phrase.last != name - 1:
            continue
        best = phrase
    return best


def _nearest_role_before(analysis: _Analysis, name: int, cases: set[str]) -> _Phrase | None:
    """The role phrase nearest before the name at token ``name``, next to it or apart (``_title_end``)."""
    stop, between_marks, title_cases = _title_end(analysis, name, cases)
    phrase = _role_before(analysis, stop, title_cases, between_marks=between_marks)
    if phrase is not None and between_marks != {""} and _not_detached(analysis, phrase, between_marks):
        return None
    return phrase


def _title_end(analysis: _Analysis, name: int, cases: set[str]) -> tuple[int, frozenset[str], set[str]]:
    """Where a title written before the name at token ``name`` ends, the marks that may stand
    between them, and the cases it may take.

    Between the two may stand a bracketed aside ("президент Олимпийского комитета (ОК) Иван
    Петров", "глава компании (с 2015 года) Иван Петров"), a dash ("кандидат от партии — Иван
    Петров") or epithets of the person after a comma or none ("министр, 60-летний Иван Петров",
    "футболисту, легендарному Пеле"); without a comma the title is not a genitive (nor an
    animate accusative, its form), which would be the epithet's possessor ("адвоката
    35-летнего Петрова").
    """
    aside = _aside_before(analysis, name)
    if aside is not None:
        return aside, frozenset({"("}), cases
    if analysis.gap(name).strip() in DASHES and " " in analysis.gap(name):
        return name, DASHES, cases
    k = name
    while k > 0 and name - k < MAX_EPITHETS and not analysis.gap(k).strip() and _epithet(analysis, k - 1, cases):
        k -= 1
    if k == name:
        return name, frozenset({""}), cases
    if analysis.gap(k).strip() == ",":
        return k, frozenset({","}), cases
    return k, frozenset({""}), cases - {"gent", "accs"}  # an animate accusative is the genitive's form


def _not_detached(analysis: _Analysis, phrase: _Phrase, between_marks: frozenset[str]) -> bool:
    """Is a title kept from the name after it by a comma, dash or bracket another's: between
    commas after a name ("сына Рустама Минниханова, главы Татарстана, 23-летнего Ирека"), or
    a genitive right after a word that governs it ("старшей дочери президента — Малии",
    "крайне правого ... (FN)"; not "сообщил журналистам президент ... — ")?"""
    k = phrase.first
    if k == 0:
        return False
    if between_marks == {","} and _follows_name(analysis, k):
        return True
    if analysis.gap(k).strip() or _fold(phrase.head_parse.tag.case) != "gent":
        return False
    return analysis.parses(k - 1)[0].tag.POS in ("NOUN", "ADVB")


def _aside_before(analysis: _Analysis, name: int) -> int | None:
    """The first token inside a short bracketed aside right before token ``name`` (None without
    one, or when the bracket follows a person's name: "Павел Недвед (2004)")."""
    text = analysis.text
    end = analysis.tokens[name].start  # the end of the text before the name, spaces off
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0 or text[end - 1] != ")":
        return None
    # the window, not the text before the name: asked for every name, a slice of all the text before made it quadratic
    opening = text.rfind("(", max(0, end - MAX_ASIDE_CHARS), end)
    if opening < 0 or "\n" in text[opening:end] or ")" in text[opening : end - 1]:
        return None
    k = name
    while k > 0 and analysis.tokens[k - 1].start > opening:
        k -= 1
    if k == name or k == 0 or analysis.owner[k - 1] == "PER" or any(analysis.owner[i] == "PER" for i in range(k, name)):
        return None
    return k


def _epithet(analysis: _Analysis, i: int, cases: set[str]) -> bool:
    """Is token ``i`` an age or an epithet of a person ("60-летний", "легендарному") in one of ``cases``?"""
    return analysis.owner[i] is None and any(
        p.tag.POS == "ADJF" and _fold(p.tag.case) in cases and (p.normal_form in ROLE_EPITHETS or p.normal_form.endswith(AGE_ADJECTIVE_ENDING)) for p in analysis.parses(i)
    )


def _roles_before(analysis: _Analysis, name: int, cases: set[str]) -> list[_Phrase]:
    """Role phrases before the name at token ``name``, including chained ones.

    "лидер партии, депутат парламента Иван Петров" and "представитель армии полковник Иван
    Петров": both are roles of Петров, unless the earlier one follows another person's name
    ("Иванов, глава банка, депутат Петров").
    """
    first = _nearest_role_before(analysis, name, cases)
    phrases: list[_Phrase] = [] if first is None else [first]
    at = name if first is None else first.first
    while phrases and len(phrases) <= MAX_CHAINED_ROLES and at > 0 and analysis.gap(at).strip() in (",", ""):
        coordinated = at > 1 and analysis.lower(at - 1) == "и" and not analysis.gap(at).strip()
        phrase = _role_before(analysis, at - 1 if coordinated else at, cases)
        if phrase is None:
            break
        gap = analysis.text[analysis.tokens[phrase.last].end : analysis.tokens[at].start].strip(" \t" + CLOSE_QUOTES + TOGGLE_QUOTES)
        if gap not in (",", "", "и") or _follows_name(analysis, phrase.first):
            break
        phrases.append(phrase)
        at = phrase.first
    return phrases


def _shared_roles_before(analysis: _Analysis, first: int, last: int | None, cases: set[str]) -> list[_Phrase]:
    """A title written once for several names, read for each of them: a plural one before
    coordinated names ("сенаторы Джон Маккейн и Марко Рубио", "первым зампредам Жукову и
    Мельникову") and "один из" with a plural ("один из командиров ополчения Арсен Павлов")."""
    start = _list_start(analysis, first)
    if last is not None and (start < first or _name_follows(analysis, last)):
        plural = _role_before(analysis, start, cases, "plur")
        if plural is not None:
            return [plural]
    one_of = _role_before(analysis, first, {"gent"}, "plur")
    return [one_of] if one_of is not None and _after_one_of(analysis, one_of.first, cases) else []


def _list_start(analysis: _Analysis, first: int) -> int:
    """The first token of the first name of a list ("А, Б и В") the name at token ``first`` ends."""
    k = first
    while k > 1:
        j = k - 1
        if analysis.lower(j) == "и" and not analysis.gap(k).strip() and not analysis.gap(j).strip():
            j -= 1
        elif analysis.gap(k).strip() != ",":
            return k
        if analysis.owner[j] != "PER":
            return k
        while j > 0 and analysis.owner[j - 1] == "PER" and not analysis.gap(j).strip():
            j -= 1
        k = j
    return k


def _name_follows(analysis: _Analysis, last: int) -> bool:
    """Is the name ending at token ``last`` followed by "и" or a comma and another name?"""
    k = last + 1
    if k + 1 >= len(analysis.tokens):
        return False
    if analysis.gap(k).strip() == ",":
        return analysis.owner[k] == "PER"
    return analysis.lower(k) == "и" and not analysis.gap(k).strip() and not analysis.gap(k + 1).strip() and analysis.owner[k + 1] == "PER"


def _after_one_of(analysis: _Analysis, first: int, cases: set[str]) -> bool:
    """Is token ``first`` right after "один из" (a form of "один" in one of ``cases``)?"""
    if first < 2 or analysis.lower(first - 1) != "из" or analysis.gap(first).strip() or analysis.gap(first - 1).strip():
        return False
    return any(p.normal_form == "один" and _fold(p.tag.case) in cases for p in analysis.parses(first - 2))


def _follows_name(analysis: _Analysis, first: int) -> bool:
    """Is token ``first`` right after a person's name and a comma or dash?"""
    return first > 0 and analysis.owner[first - 1] == "PER" and bool(_AFTER_NAME_GAP.fullmatch(analysis.gap(first)))


def _and_more(analysis: _Analysis, phrase: _Phrase | None, cases: set[str]) -> list[_Phrase]:
    """A role phrase and the ones coordinated after it: "музыкант и поэт", "мэр, а затем губернатор"."""
    phrases: list[_Phrase] = []
    while phrase is not None and len(phrases) <= MAX_CHAINED_ROLES:
        phrases.append(phrase)
        k = phrase.last + 1
        if k + 1 >= len(analysis.tokens) or analysis.lower(k) != "и" or analysis.gap(k).strip() or analysis.gap(k + 1).strip():
            break
        phrase = _phrase_at(analysis, k + 1, cases, before_name=False)
    return phrases


def _role_after(analysis: _Analysis, name: int, cases: set[str], names: dict[int, tuple[int, int, set[str] | None]] | None = None) -> _Phrase | None:
    """A role phrase after the name at token ``name`` and a comma or bracket; its tail may end
    in another person's name that is provably a genitive, in a case the head is not, then a
    mark ("Иван Петров, представитель фонда Анны Франк, сказал")."""
    tokens = analysis.tokens
    name = _skip_original_name(analysis, name)
    k = name + 1
    if k >= len(tokens) or not _AFTER_NAME_GAP.fullmatch(analysis.text[tokens[name].end : tokens[k].start]):
        return None
    # Adjectives may come first: "Иван Петров, генеральный директор компании".
    phrase = _phrase_at(analysis, k, cases)
    if phrase is None or not _touches_name(analysis, phrase):
        return phrase
    possessor = (names or {}).get(phrase.stop)
    if possessor is None or not possessor[2] or "gent" not in possessor[2] or "nomn" in possessor[2]:
        return None
    if phrase.first != k or _head_cases(analysis, phrase) & possessor[2]:
        return None  # the name's own title: "..., норвежский драматург Юн Фоссе", "земляка Обамы, генпрокурора Патрика Фитцжеральда"
    end = possessor[1]
    if end + 1 < len(tokens) and not analysis.gap(end + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
        return None  # a name goes on: "представитель фонда Анны Франк Иван Петров" is his
    phrase.last, phrase.stop = end, end + 1
    return phrase


def _skip_original_name(analysis: _Analysis, name: int) -> int:
    """Past a name in the original script after a name: "Скотт Хоровитц (Scott Horowitz), ..."."""
    match = ORIGINAL_NAME.match(analysis.text, analysis.tokens[name].end)
    if not match:
        return name
    k = name
    while k + 1 < len(analysis.tokens) and analysis.tokens[k + 1].end <= match.end():
        k += 1
    return k


def _after_possessive(analysis: _Analysis, first: int) -> bool:
    """Is the phrase right after a possessive ("его заместитель")?"""
    return first > 0 and not analysis.gap(first).strip() and analysis.lower(first - 1) in POSSESSIVES


def _resolve(persons: list[Entity], role_keys: dict[str, list[RoleKey]], key: RoleKey, start: int, end: int, blocks: list[tuple[int, int]]) -> Entity | None:
    """The one person a description denotes: the only match, or the only one earlier in the paragraph."""
    candidates = [e for e in persons if any(roles_match(key, k) for k in role_keys[e.id])]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    block = next(((s, e) for s, e in blocks if s <= start < e), None)
    if block is None:
        return None
    recent = [e for e in candidates if any(block[0] <= m.start and m.end <= start for m in e.mentions)]
    return recent[0] if len(recent) == 1 else None
