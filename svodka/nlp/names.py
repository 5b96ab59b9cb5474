"""Base forms of entity mentions and merging of mentions of one real-world thing.

``normalize_entities`` reads the mentions ``tag_entities`` found and:

- gives every mention its base form with pymorphy3 (``models.parse``): persons word by word
  with one case and one gender agreed across the name parts ("Анны Ивановой" -> "Анна
  Иванова", "Жана-Марка Эйро" -> "Жан-Марк Эйро"); places and organisations by inflecting the
  words up to the head noun into the nominative, the head keeping its number as written,
  adjectives agreeing with the head, and keeping the genitive tail ("Центральной Азией" ->
  "Центральная Азия", "Вооружённых сил Армении" -> "Вооружённые силы Армении"); before an
  indeclinable head an adjective keeps its own gender ("Жигулёвской ГЭС" -> "Жигулёвская ГЭС");
- reads a place the dictionary does not know as place names decline (``_place_nominatives``:
  "Феррары" -> "Феррара", a word in -а stays a feminine nominative unless the word before it
  governs the genitive, "из Арлингтона"), a hyphenated one part by part ("Уолл-стрите" ->
  "Уолл-стрит", "Ростове-на-Дону" -> "Ростов-на-Дону"), and a nominative the article's other
  forms of the place prove;
- reads a name the dictionary does not know as names decline in Russian (``FOREIGN_ENDINGS``:
  "Кестеля" -> "Кестель", "Камалы Харрис" -> "Камала Харрис"; names in -о/-и/-у/-е and a
  woman's surname in a consonant stay as written), and uses the rest of the document: a
  nominative written in another of its person names ("Стармера" -> "Стармер" next to
  "Стармер"), the gender of the past-tense verb a name is the subject of ("заявила", also
  after an occupation noun: "Телеведущая Анфиса Чехова написала"), a woman another mention
  proves ("Мирославу Немцову" beside "Мирославы Немцовой"), the case the other names of a
  list prove ("Яна Бобошикова, Таня Фишерова"), a feminine noun before a lone first name
  ("дочь Серафима"), and no locative without a preposition ("итальянец Даниэле Гароццо");
  in a surname's place a word in -и/-е/-у the dictionary knows only as another word's
  oblique form is a foreign surname as written ("Аль Тани" is not "Таня", "Ж.-К.Трише"), a
  full name that starts with a woman's first name is a nominative first ("Аделина
  Сотникова"), and a first name that may be a woman's accusative ("Андриану") proves no case;
  adjectives of places and organisations keep their written stem ("Высшего" -> "Высший");
- splits person names into first/middle/last (pymorphy3's Name/Surn/Patr tags, patronymic
  endings; a lone surname is a last name);
- merges mentions: persons by last name with no conflicting first name, named by the fullest
  form in the article ("Абдрахманов" joins "Кайрат Абдрахманов"); places and organisations by
  equal base form;
- numbers the entities "e1", "e2"... in order of first mention.

Parses are cached per ``Models`` object (``parses``), so repeated words cost one lookup.

Person names are read in ``_person_names``, places and organisations in ``_place_names``; this
module reads the article around the mentions and merges them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from typing import Any

from ..model import Article, Entity, Mention
from ._lexicon import ORIGINAL_NAME, PERSON_PREPOSITION_CASES, RELATIVE_PRONOUNS, fold_case, latin_letters
from ._speech import RELATION_NOUNS
from .models import Models
from ._person_names import (
    parse_person, parses, pattern_readings, _CYRILLIC_LETTER, _could_be_surname, _key, _known_nameish, _name_readings, _name_words,
)
from ._place_names import _normalize_phrase, _place_context, _place_nominatives, _proved_places

__all__ = ["normalize_entities", "normalize_mention", "parse_person", "parses", "pattern_readings"]


# ---------------------------------------------------------------------------- mentions


def normalize_mention(
    text: str, kind: str, models: Models, written: frozenset[str] = frozenset(), context: str | None = None
) -> str:
    """Base form of one mention.

    Args:
        text: the mention as written.
        kind: "PER", "LOC" or "ORG".
        models: loaded models.
        written: keys of the nominatives the document's other place names prove
            (``_proved_places``): "Бахмута" is "Бахмут" next to "Бахмуте", not "Бахмута".
        context: the case the words before the mention give it (``_place_context``): a
            place word in -а is a masculine genitive after "из" ("из Арлингтона"), and stays
            as written after a noun of a kind of place ("в городе Павия").
    Returns:
        The base form ("Центральной Азией" -> "Центральная Азия").
    """
    if kind == "PER":
        return parse_person(text, models)["normal"]
    place = kind == "LOC"
    hints = frozenset(
        _key(form) for word in text.split() for form in _place_nominatives(word) if place and _key(form) in written
    ) | ({context} if place and context else set())
    return models.remember("phrase", (text, place, hints), lambda: _normalize_phrase(text, models, place, hints))


# ---------------------------------------------------------------------------- merging


def normalize_entities(article: Article, models: Models) -> Article:
    """Fill ``Mention.normal``, merge mentions of one thing, name and number the entities.

    Args:
        article: an article after ``tag_entities``.
        models: loaded models (``models.parse``).
    Returns:
        The article with merged ``entities`` ("e1", "e2"... in order of first mention).
    """
    per: list[tuple[Mention, dict[str, Any]]] = []
    other: dict[tuple[str, str], list[Mention]] = {}
    roles: dict[int, list[str]] = {}
    parsed: dict[tuple[str, str | None], dict[str, Any]] = {}
    written = _written_name_words(article, models)
    places = _proved_places(article)
    for entity in article.entities:
        for mention in entity.mentions:
            roles.setdefault(id(mention), []).extend(entity.roles)
            if entity.type == "PER" and mention.kind == "name":
                per.append((mention, _person_info(article.text, mention, written, parsed, models)))
            else:
                if not mention.normal:
                    mention.normal = _other_normal(article.text, mention, entity.type, places, models)
                other.setdefault((entity.type, _key(mention.normal)), []).append(mention)
    _coordinated_names(article.text, per, written, models)
    _women_of_article(article.text, per, written, models)
    entities = _other_entities(_merge_short_orgs(other)) + _merge_originals(article.text, _merge_persons(per))
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        for role in (role for mention in entity.mentions for role in roles.get(id(mention), [])):
            if role not in entity.roles:
                entity.roles.append(role)
    entities.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end) if e.mentions else (1 << 60, 0))
    for number, entity in enumerate(entities, 1):
        entity.id = f"e{number}"
    article.entities = entities
    return article


def _other_entities(groups: dict[tuple[str, str], list[Mention]]) -> list[Entity]:
    """One place or organisation per group of mentions, named by its longest (then commonest) base form."""
    entities = []
    for (kind, _), mentions in groups.items():
        names = [m.normal for m in mentions if m.kind == "name"] or [mentions[0].normal]
        counts = Counter(names)  # names.count per name was quadratic in the mentions
        entities.append(Entity(id="", type=kind, name=max(names, key=lambda n: (len(n), counts[n])), mentions=mentions))
    return entities


def _person_info(
    text: str, mention: Mention, written: frozenset[str], parsed: dict[tuple[str, str | None], dict[str, Any]],
    models: Models,
) -> dict[str, Any]:
    """Parse a person mention (``parse_person``) and fill its ``normal``; ``parsed`` remembers the article's parses."""
    # one parse per distinct text and verb gender (a long text repeats each name many times)
    cases = _context_cases(text, mention, models)
    key = (
        mention.text, _verb_gender(text, mention, models), cases, _apposition_sex(text, mention, models),
        "loct" in cases or _after_preposition(text, mention, models),
    )
    if key not in parsed:
        parsed[key] = parse_person(mention.text, models, written, key[1], key[2], key[3], key[4])
    info = {**parsed[key]}
    info["last_keys"] = set(info["last_keys"])
    mention.normal = info["normal"]
    return info


# The word right before a mention (letters only; with digits and hyphens; with hyphens) and
# after it (lower case, after a comma; any case), precompiled: asked of every person mention.
_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)[ \t]+$")
_TOKEN_BEFORE = re.compile(r"([А-ЯЁа-яё0-9-]+)[ \t]+$")
_HYPHENED_BEFORE = re.compile(r"([А-ЯЁа-яё-]+)[ \t]+$")
_WORD_AFTER_COMMA = re.compile(r"[ \t]*,[ \t]+([а-яё]+)")
_LOWER_AFTER = re.compile(r"[ \t]+([а-яё]+)")
_HYPHENED_AFTER = re.compile(r"[ \t]+([А-ЯЁа-яё-]+)")
# The words and single other characters of the text before a mention (``_context_cases``).
_WORDS_AND_MARKS = re.compile(r"[А-ЯЁа-яё-]+|[^\sА-ЯЁа-яё-]")


def _after_preposition(text: str, mention: Mention, models: Models) -> bool:
    """Does a preposition stand right before a name (it may then be in the locative: "о Сноудене")?"""
    before = _WORD_BEFORE.search(text, max(0, mention.start - 20), mention.start)
    return bool(before) and any(p.tag.POS == "PREP" for p in parses(models, before.group(1))[:1])


def _apposition_sex(text: str, mention: Mention, models: Models) -> str | None:
    """"femn" for a name right after a feminine adjective, a lone first name right after a
    feminine noun of a person, or a name ", которая" follows (``_relative_sex``), else None.

    The adjective agrees with the name ("25-летнюю Нааму Иссахар" is "Наама"; a participle
    may govern it instead: "отравленная Новичком"). The lone first name is hers, in
    apposition ("дочь Серафима", "бразильянка Марта", "дочь Юлию"), not a man's genitive
    ("Серафим"): a man a noun of kin is said of is named with his surname ("жена Андрея
    Панина"), and a lone surname after one stays his ("вдова Арафата").
    """
    before = _TOKEN_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    best = parses(models, before.group(1))[:1] if before else []
    tag = best[0].tag if best else None
    if tag is not None and tag.number == "sing" and tag.gender == "femn":
        if tag.POS == "ADJF" and "Apro" not in tag:
            return "femn"  # an adjective agreeing with the name: "25-летнюю Нааму Иссахар" (not "которую")
        words = _name_words(mention.text)
        lone = len(words) == 1 and not _could_be_surname(words[0], models)
        if lone and tag.POS == "NOUN" and "anim" in tag and any("Name" in p.tag for p in parses(models, words[0])):
            return "femn"
    return _relative_sex(text, mention, before.group(1) if before else None, models)


def _coordinated_names(
    text: str, per: list[tuple[Mention, dict[str, Any]]], written: frozenset[str], models: Models
) -> None:
    """Read again the person names of a list in the case its other names prove (in place).

    Names joined by a comma or "и" share their case: in "Яна Бобошикова, Таня Фишерова и
    Зузана Ройтова" "Таня" is only a nominative, so "Яна Бобошикова" is a woman's nominative,
    not the genitive of "Ян Бобошиков"; in "Олега Сенцова, Александра Кольченко" the genitive.
    The case is the one every name of the list may be in, when some name allows no other.
    """
    ordered = sorted(range(len(per)), key=lambda n: per[n][0].start)
    chains: list[list[int]] = []
    for n in ordered:
        previous = chains[-1][-1] if chains else None
        if previous is not None and _LIST_GAP.fullmatch(text[per[previous][0].end : per[n][0].start]):
            chains[-1].append(n)
        else:
            chains.append([n])
    for chain in (c for c in chains if len(c) > 1):
        allowed = [_name_cases(per[n][0].text, models) for n in chain]
        shared = frozenset.intersection(*allowed)
        if not shared or all(a == shared for a in allowed):
            continue  # no name narrows the case down, or they all read alike already
        for n in chain:
            mention, info = per[n]
            if _context_cases(text, mention, models):
                continue  # its own title or preposition says more
            sex = _apposition_sex(text, mention, models) or _sex_in_cases(mention.text, shared, models)
            again = parse_person(
                mention.text, models, written, _verb_gender(text, mention, models), shared, sex,
                _after_preposition(text, mention, models),
            )
            mention.normal = again["normal"]
            per[n] = (mention, {**again, "last_keys": set(again["last_keys"])})


# What stands between two names of a list: a comma, "и", or both, after a note in brackets
# on the first name ("Софья (1995), Арина (2001) и Илья (2003)").
_LIST_GAP = re.compile(r"[ \t]*(?:\([^()\n]*\)[ \t]*)?,?[ \t]*(?:и[ \t]+)?")


def _sex_in_cases(text: str, cases: frozenset[str], models: Models) -> str | None:
    """The one gender a person name may have in ``cases`` ("Яна Бобошикова" as a nominative: a woman's), else None.

    The case a list proves is one a dictionary name may not be in by itself (``_context_fits``),
    but its gender in that case is the evidence ``parse_person`` takes.
    """
    words = _name_words(text)
    readings = _name_readings(words, frozenset(), models, len(words) > 1 or "." in text)
    sexes = [
        sex for sex in ("masc", "femn")
        if readings and all(any(c in cases and g in (sex, None) for c, g, _ in r) for r in readings)
    ]
    return sexes[0] if len(sexes) == 1 else None


def _name_cases(text: str, models: Models) -> frozenset[str]:
    """The cases every word of a person name may be in (its name readings)."""
    words = _name_words(text)
    readings = _name_readings(words, frozenset(), models, len(words) > 1 or "." in text)
    found = [frozenset(c for c, _, _ in r) for r in readings if r]
    return frozenset.intersection(*found) if found else frozenset()


def _relative_sex(text: str, mention: Mention, before: str | None, models: Models) -> str | None:
    """"femn" when ", которая" follows a name that no noun before it may own ("Олимпийская
    чемпионка Алана Цаболова, которая тренирует юниоров"), else None.

    The relative pronoun agrees with the name in gender; after "жена Алана Цаболова" it may
    be the wife's.
    """
    if before and not _subject_may_follow(before, models):
        return None
    after = _WORD_AFTER_COMMA.match(text, mention.end, mention.end + 30)
    found = parses(models, after.group(1))[:1] if after else []
    woman = found and found[0].normal_form in RELATIVE_PRONOUNS and found[0].tag.gender == "femn" and found[0].tag.number == "sing"
    return "femn" if woman else None


def _women_of_article(
    text: str, per: list[tuple[Mention, dict[str, Any]]], written: frozenset[str], models: Models
) -> None:
    """Read as a woman's the mentions of a person the rest of the article proves a woman (in place).

    A woman is proved by a mention that only a woman's name can be ("Мирославы Немцовой",
    "Чеховой": no man's name ends so) or one that is the subject of a feminine verb
    ("Сотникова стала первой"); then another mention of that surname read as a man's
    ("Мирославу Немцову" as a dative, "Аделина Сотникова" as a genitive) is read again as a
    woman's when it may be one and its first name is not another ("дочь предпринимателя
    Александра Жукова" beside "Дарья Жукова" is her father's genitive).
    """
    proved = [info for mention, info in per if _proves_sex(text, mention, info, "femn", models)]
    women: dict[str, set[str | None]] = {}  # her surname -> her first names (None: not written)
    for info in proved:
        if info["last"]:
            women.setdefault(_key(info["last"]), set()).add(info["first"])
    firsts = {_key(info["first"]) for info in proved if info["first"]}  # a lone "Аделина" is hers
    if not proved:
        return
    for n, (mention, info) in enumerate(per):
        lone = len(_name_words(mention.text)) == 1  # "Аделина" may be her first name or her surname
        if info["gender"] == "femn" or not (info["last_keys"] & women.keys() or lone):
            continue
        cases = _context_cases(text, mention, models)
        again = parse_person(
            mention.text, models, written, _verb_gender(text, mention, models), cases,
            sex="femn", locative="loct" in cases or _after_preposition(text, mention, models),
        )
        named = women.get(_key(again["last"]), set())
        # a lone "Жуковой" is one of the women the article names in full ("Дарья Жукова")
        hers = any(_same_first(first, again["first"]) for first in ({f for f in named if f} or named))
        if again["gender"] == "femn" and (hers or (lone and _key(again["normal"]) in firsts)):
            mention.normal = again["normal"]
            per[n] = (mention, {**again, "last_keys": set(again["last_keys"])})


def _proves_sex(text: str, mention: Mention, info: dict[str, Any], sex: str, models: Models) -> bool:
    """Does a person mention read as ``sex`` prove it: a word of the name only that sex's, or a verb of that gender?"""
    if info["gender"] != sex:
        return False
    words = _name_words(mention.text)
    readings = _name_readings(words, frozenset(), models, len(words) > 1 or "." in mention.text)
    if any(found and all(g == sex for _, g, _ in found) for found in readings):
        return True
    return _verb_gender(text, mention, models) == sex


def _other_normal(text: str, mention: Mention, kind: str, places: frozenset[str], models: Models) -> str:
    """Base form of a place or organisation mention (a descriptor stays as written)."""
    if mention.kind != "name":
        return mention.text
    context = _place_context(text, mention, models) if kind == "LOC" else None
    return normalize_mention(mention.text, kind, models, places, context)


def _written_name_words(article: Article, models: Models) -> frozenset[str]:
    """Keys of the words written in the article's person names that can only be nominatives.

    "Стармер" and "Шольц" are (a foreign name in a consonant reads the same in every case,
    not as another word's oblique form); "Петра" and "Обама" are not ("Пётр", "Обам").
    """
    return frozenset(
        _key(word)
        for entity in article.entities
        if entity.type == "PER"
        for mention in entity.mentions
        if mention.kind == "name"
        for word in _name_words(mention.text)
        if _only_nominative(word, models)
    )


def _only_nominative(word: str, models: Models) -> bool:
    """Can a name word be read only as a nominative (its dictionary readings, or the name patterns)?"""
    known = _known_nameish(word, models)
    if known:
        return all(p.tag.case == "nomn" for p in known)
    return all(form == word for _, _, form in pattern_readings(word))


def _context_cases(text: str, mention: Mention, models: Models) -> frozenset[str]:
    """The cases the words right before a person's name allow it, or none.

    A preposition allows the case it governs a person in ("у", "для": the genitive; "с": the
    instrumental; ``PERSON_PREPOSITION_CASES``);
    a title the name stands in apposition to, the nearest lower-case word before it past
    capitalised words of its tail ("канцлера Германии Олафа Шольца", "президенту Аргентины"),
    allows the cases that person noun may be in, when none of them is the nominative.
    """
    before = _WORDS_AND_MARKS.findall(text, max(0, mention.start - 80), mention.start)
    if before and before[-1].lower() in PERSON_PREPOSITION_CASES:
        return PERSON_PREPOSITION_CASES[before[-1].lower()]
    for k in range(len(before) - 1, max(-1, len(before) - 5), -1):
        word = before[k]
        if not word[0].isalpha():
            return frozenset()  # punctuation: no apposition across it
        if word[0].isupper():
            continue
        found = _person_noun_cases(word, models)
        # "дочь спортсмена Джианна": after a person noun the name may be that person's
        if k and before[k - 1][0].isalpha() and _person_noun_cases(before[k - 1], models):
            return frozenset()
        return frozenset() if "nomn" in found else found
    return frozenset()


def _person_noun_cases(word: str, models: Models) -> frozenset[str]:
    """The cases of a word that can only be a singular animate noun ("канцлера": gent, accs), else none."""
    nouns = [p for p in parses(models, word) if p.tag.POS == "NOUN"]
    if not nouns or len(nouns) < len(parses(models, word)) or not all("anim" in p.tag and p.tag.number == "sing" for p in nouns):
        return frozenset()
    return frozenset(fold_case(p.tag.case) for p in nouns)


def _verb_gender(text: str, mention: Mention, models: Models) -> str | None:
    """Gender of a singular past-tense verb right after a name ("Харрис заявила": "femn"), else None.

    Not when a noun stands right before the name: the verb may agree with it ("сборная
    Вячеслава Быкова встретилась").
    """
    found = _LOWER_AFTER.match(text, mention.end, mention.end + 40)
    before = _HYPHENED_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if not found or (before and not _subject_may_follow(before.group(1), models)):
        return None
    verbs = [p for p in parses(models, found.group(1)) if p.tag.POS == "VERB" and p.tag.tense == "past"]
    genders = {p.tag.gender for p in verbs if p.tag.number == "sing"}
    gender = genders.pop() if len(genders) == 1 and verbs and verbs[0] is parses(models, found.group(1))[0] else None
    after = _HYPHENED_AFTER.match(text, found.end(), found.end() + 40)
    if gender and after and _subject_after_verb(after.group(1), gender, models):
        return None  # "Навального задержала полиция": the verb agrees with the noun after it
    return gender


def _subject_may_follow(word: str, models: Models) -> bool:
    """May a name after ``word`` be the subject of the verb that follows the name?

    Not after a preposition ("у Алана Цаболова появилась": the name is in its case) nor after
    a noun the verb may agree with ("сборная Вячеслава Быкова встретилась", "жена Алана
    Цаболова заявила"); after an animate noun of a person's occupation in the nominative the
    name stands in apposition to it ("Телеведущая Анфиса Чехова написала"). A relation noun
    ("жена", "адвокат") takes the name of the other person in the genitive.
    """
    best = parses(models, word)[:1]
    if not best or best[0].tag.POS == "PREP":
        return False
    if best[0].tag.POS != "NOUN":
        return True
    tag = best[0].tag
    return "anim" in tag and tag.case == "nomn" and tag.number == "sing" and best[0].normal_form not in RELATION_NOUNS


def _subject_after_verb(word: str, gender: str, models: Models) -> bool:
    """Is the word after a verb a nominative noun of its gender ("задержала полиция"), never an object?"""
    found = parses(models, word)
    first = found[0].tag if found else None
    return (
        first is not None and first.POS == "NOUN" and first.case == "nomn" and first.number == "sing"
        and first.gender == gender and not any(p.tag.case == "accs" for p in found)
    )


def _merge_short_orgs(groups: dict[tuple[str, str], list[Mention]]) -> dict[tuple[str, str], list[Mention]]:
    """An ORG named by the start of exactly one longer ORG of the article is that ORG.

    "глава МИД" after "МИД Казахстана", "правительство" after "правительство Киргизии":
    within one article the short name refers back to the full one. With two candidates
    ("МИД Казахстана" and "МИД России") the short one stays on its own.
    """
    orgs = [key for key in groups if key[0] == "ORG"]
    for key in orgs:
        longer = [other for other in orgs if other != key and other in groups and other[1].startswith(key[1] + " ")]
        if len(longer) == 1 and key in groups:
            groups[longer[0]].extend(groups.pop(key))
    return groups


def _fullness(info: dict[str, Any]) -> int:
    return sum(info[k] is not None for k in ("first", "middle", "last"))


def _merge_persons(per: list[tuple[Mention, dict[str, Any]]]) -> list[Entity]:
    """Group person mentions: same last name and no conflicting first name."""
    groups: list[dict[str, Any]] = []
    # Groups a mention may join, by key: the last-name keys of each group and its first name.
    # ``_compatible`` needs one of them to meet, so only these groups are tried (every group
    # was: 4.6 million checks, 15 s, for 12,000 mentions of 400 people).
    by_last: dict[str, set[int]] = {}
    by_first: dict[str, set[int]] = {}

    def index(g: int) -> None:
        group = groups[g]
        if group["last"] is not None:
            for key in {_key(group["last"])} | group["keys"]:
                by_last.setdefault(key, set()).add(g)
        if group["first"] is not None:
            by_first.setdefault(_key(group["first"]), set()).add(g)

    for mention, info in sorted(per, key=lambda x: (-_fullness(x[1]), x[0].start)):
        if info["last"] is not None:
            candidates = set().union(*(by_last.get(k, ()) for k in {_key(info["last"])} | info["last_keys"]))
        elif info["first"] is not None:
            candidates = by_first.get(_key(info["first"]), set())
        else:
            candidates = set()
        target, target_g = None, -1
        for g in sorted(candidates):
            group = groups[g]
            if _compatible(group, info):
                if target is None or (info["first"] and _key(group["first"]) == _key(info["first"])):
                    target, target_g = group, g
        if target is None:
            groups.append({**info, "mentions": [mention], "keys": set(info["last_keys"])})
            index(len(groups) - 1)
            continue
        target["mentions"].append(mention)
        for part in ("first", "middle", "last"):
            if target[part] is None and info[part] is not None:
                target[part] = info[part]
        if _nominative_of(target, info):
            target["last"] = info["last"]  # "Пан Ги Муна" ... "Пан Ги Мун": the form the text writes as a nominative
        lone = info["first"] is None and info["middle"] is None and "." not in mention.normal
        if target["last"] and _key(target["last"]) in info["last_keys"] and lone:
            mention.normal = target["last"]  # a lone "Абдрахманова" read like the full name
        target["keys"] |= info["last_keys"]
        index(target_g)
    out = []
    for group in groups:
        name = " ".join(p for p in (group["first"], group["middle"], group["last"]) if p)
        out.append(
            Entity(
                id="",
                type="PER",
                name=name or group["normal"],
                first=group["first"],
                middle=group["middle"],
                last=group["last"],
                mentions=group["mentions"],
            )
        )
    return out


# How alike a surname and its original spelling are, transliterated ("Мартинес" / "Martínez").
ORIGINAL_LIKENESS = 0.6


def _merge_originals(text: str, persons: list[Entity]) -> list[Entity]:
    """A person named in Cyrillic with the original spelling in parentheses after it
    (``ORIGINAL_NAME``) is one person under both spellings: the mentions of the Latin name join
    the Cyrillic one, which names the entity. The Latin name's surname must spell the Cyrillic
    one ("Иван Петров (Gazprom Neft)" is a company, "Фредди Меркьюри (Queen)" a band)."""
    latin = {e.mentions[0].start: e for e in persons if e.mentions and not any(_CYRILLIC_LETTER.search(m.text) for m in e.mentions)}
    merged: set[int] = set()
    for host in persons:
        for m in host.mentions:
            original = ORIGINAL_NAME.match(text, m.end) if _CYRILLIC_LETTER.search(m.text) else None
            e = latin.get(original.start(1)) if original else None
            if e is not None and id(e) not in merged and host.last and e.last and _spells(host.last, e.last):
                host.mentions.extend(e.mentions)
                merged.add(id(e))
    return [e for e in persons if id(e) not in merged]


def _spells(cyrillic: str, latin: str) -> bool:
    """Does a Latin surname spell a Cyrillic one (transliterated, accents dropped)?"""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", latin.lower()) if ch.isalnum())
    return SequenceMatcher(None, latin_letters(cyrillic), plain).ratio() >= ORIGINAL_LIKENESS


def _nominative_of(group: dict[str, Any], info: dict[str, Any]) -> bool:
    """Does a later full mention (the same first name) write the group's last name in the form
    the group's first mention could only guess as its nominative ("Пан Ги Муна" kept "Муна" as
    written; "Пан Ги Мун" is one of its nominatives, "Муна" none of "Мун"'s)?"""
    if not (group["last"] and info["last"] and group["first"] and info["first"]) or _key(group["first"]) != _key(info["first"]):
        return False
    key = _key(info["last"])
    return key != _key(group["last"]) and key in group["keys"] and _key(group["last"]) not in info["last_keys"]


def _compatible(group: dict[str, Any], info: dict[str, Any]) -> bool:
    """True if a mention may name the person of a group."""
    if info["last"] is not None:
        if group["last"] is None:
            return False
        if not ({_key(group["last"])} | group["keys"]) & ({_key(info["last"])} | info["last_keys"]):
            return False
        return _same_first(group["first"], info["first"])
    if info["first"] is not None:
        return group["first"] is not None and _key(group["first"]) == _key(info["first"])
    return False


def _same_first(a: str | None, b: str | None) -> bool:
    """First names agree: one absent, equal, or one is the other's initial."""
    if a is None or b is None:
        return True
    a, b = _key(a).rstrip("."), _key(b).rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))
