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
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from typing import Any

from ..model import Article, Entity, Mention
from .models import inflect, lexeme  # pymorphy3's, by paradigm (see models.inflect)
from ._lexicon import (
    FIXED_PLACE_PARTS, GENITIVE_PREPOSITIONS, PATRONYMIC_ENDINGS, PERSON_PREPOSITION_CASES, PLACE_KIND_NOUNS, PLACE_LINKS,
    RELATIVE_PRONOUNS, RUSSIAN_VOWELS, fold_case,
)
from ._speech import RELATION_NOUNS
from .models import Models

__all__ = ["normalize_entities", "normalize_mention", "parse_person", "parses", "pattern_readings"]



# Cases tried when agreeing the parts of a person's name, nominative first (ties go to it).
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

# Words a name may carry that stay as written: particles of foreign names.
NAME_PARTICLES = frozenset("ибн бин бен аль ал эль ла ле де ди да дель дер фон ван ван-дер де-ла".split())

# Endings of Russian-made names: an unknown (guessed) word is put into the nominative only
# when the result ends like this ("Абдрахманова" -> "Абдрахманов"); foreign names the
# dictionary does not know stay as written ("Маэхара", "Пелоси").
RUSSIAN_NAME_ENDINGS = (
    "ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ской", "ова", "ева", "ёва", "ина", "ына",
    "ская", "цкая", "ич", "ук", "юк", "ко", "енко",
)

# The case of a name that is the subject of a verb.
_SUBJECT = "nomn"

# What agreement with the past-tense verb a name is the subject of adds to a reading: more
# than the dictionary's frequencies can (a man's genitive "Евгения Медведева" scores 1.0
# above the woman's nominative), since the verb's gender is grammar, not frequency
# ("Евгения Медведева ушла": a woman; with +1 the two readings tied and the man won).
SUBJECT_WEIGHT = 3.0

# What the person's gender proved elsewhere in the article (``_women_of_article``) adds to a
# reading of that gender: more than the dictionary's frequencies ("Мирославу Немцову": a
# man's dative scores 0.2 above the woman's accusative, "Евгения Медведева" 1.0), less than
# the case the words before the name prove with the frequencies ("дочь предпринимателя
# Александра Жукова" stays her father's genitive beside "Дарья Жукова": 1.0 + 1.0).
SEX_WEIGHT = 1.5

# A hint (``normalize_mention``) that the words before a place mention put it in the genitive.
GENITIVE_HINT = "#gent"
# ... and that it stands in apposition to a noun of a kind of place, in the nominative.
APPOSITION_HINT = "#appos"
# ... to a feminine one ("реку Крымзу"): the name is feminine too, as a rule.
FEMININE_APPOSITION_HINT = "#appos-femn"

# Endings of the plural oblique cases: pymorphy3's guess reads these ("Росводресурсах").
PLURAL_ENDINGS = ("ах", "ях", "ами", "ями")

# Parts of speech inflected to the nominative before the head of a place/org name.
AGREEING_POS = frozenset({"ADJF", "PRTF", "NUMR"})


# How a foreign (or any undictionaried) name inflects in Russian, by (case, gender): the
# ending as written and what replaces it in the nominative, best first. "ь|й" is -ь after a
# consonant and -й after a vowel ("Кестеля" -> "Кестель", "Мюррея" -> "Мюррей"); "а|я" is -я
# after -и/-ь and -а after г, к, х and hushing letters ("Гарсии" -> "Гарсия", "Норьеги" ->
# "Норьега"); "а/я" is -я after -и/-ь/-й, else -а ("Монтойе" -> "Монтойя", "Обаме" -> "Обама").
# Feminine names ending in a consonant do not decline ("Ангелы Меркель"): no row.
FOREIGN_ENDINGS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("gent", "masc"): (("а", ""), ("я", "ь|й"), ("ы", "а"), ("и", "а|я")),  # Шольца, Обамы
    ("accs", "masc"): (("а", ""), ("я", "ь|й"), ("у", "а"), ("ю", "я")),
    ("datv", "masc"): (("у", ""), ("ю", "ь|й"), ("е", "а/я")),  # Шольцу, Обаме
    ("ablt", "masc"): (("ом", ""), ("ым", ""), ("ем", "ь|й"), ("ой", "а"), ("ей", "а|я")),  # Шольцем, Лулой
    ("loct", "masc"): (("е", ""), ("е", "а/я")),  # о Сноудене, об Обаме
    ("gent", "femn"): (("ы", "а"), ("и", "а|я")),  # Камалы
    ("accs", "femn"): (("у", "а"), ("ю", "я")),
    ("datv", "femn"): (("е", "а/я"), ("и", "я")),
    ("ablt", "femn"): (("ой", "а"), ("ей", "а|я")),
    ("loct", "femn"): (("е", "а/я"), ("и", "я")),
}

# Letters after which Russian spelling writes -и, not -ы, and -ем, not -ём/-ом, in endings
# of -а nouns and hard stems ("Норьеги" from "Норьега", "Шольцем" from "Шольц").
HUSHING_VELAR = "гкхжшчщц"

# Stem endings of feminine place names in -а ("Дорогинка", "Сребреница"): their oblique forms
# in -е/-у are read as feminine first.
FEMININE_STEMS = ("к", "иц")

# Last letters of names that may not decline at all ("Пелоси", "Баррозу", "Саломе", "Кастро").
INDECLINABLE_ENDINGS = "оиуеэю"

# Endings of adjective-like surnames ("Долгорукому"): they follow the adjective, not a noun.
ADJECTIVE_ENDINGS = ("ого", "его", "ому", "ему")

# Endings of the instrumental that few names have in the nominative ("Джонсоном", "Карасиным"):
# an unknown word so ended is read as a nominative less readily.
OBLIQUE_ENDINGS = ("ом", "ым")  # not -ем: "Бэкхем", "Дарем"

def parses(models: Models, word: str) -> list[Any]:
    """pymorphy3 parses of a Cyrillic word (from the process's one cache, ``models.parse``); none for other words."""
    return models.parse(word) if _cyrillic(word) else []


def _cyrillic(word: str) -> bool:
    return _CYRILLIC_LETTER.search(word) is not None


# A Cyrillic letter of Russian (one regex search, not a Python test per character).
_CYRILLIC_LETTER = re.compile("[а-яА-ЯёЁ]")


def _restore_case(form: str, original: str) -> str:
    """Give ``form`` the capitalisation of ``original`` (per hyphen part; ALL CAPS kept)."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    form_parts, orig_parts = form.split("-"), original.split("-")
    if len(form_parts) != len(orig_parts):
        orig_parts = [original] * len(form_parts)
    return "-".join(f.capitalize() if o[:1].isupper() else f for f, o in zip(form_parts, orig_parts))


def _inflect(parse: Any, grammemes: set[str], models: Models | None = None) -> str | None:
    """The word of ``parse`` with ``grammemes`` (remembered per process when ``models`` is given)."""
    try:
        result = models.inflect(parse, frozenset(grammemes)) if models is not None else inflect(parse, grammemes)
    except (ValueError, KeyError):
        return None
    return result.word if result else None


# ---------------------------------------------------------------------------- persons


def parse_person(
    text: str, models: Models, written: frozenset[str] = frozenset(), gender: str | None = None,
    cases: frozenset[str] = frozenset(), sex: str | None = None, locative: bool = True,
) -> dict[str, Any]:
    """Split a person mention into base-form parts (remembered per process: names recur).

    Args:
        text: the mention as written ("Жана-Марка Эйро", "Абдрахманова").
        models: loaded models (``models.parse``).
        written: the document's other evidence, the keys (``_key``) of words written in
            its person names: a nominative written there decides an oblique form here
            ("Стармера" is "Стармер" when "Стармер" is written elsewhere).
        gender: the gender of a past-tense verb the mention is the subject of ("заявила":
            "femn"), or None.
        cases: the cases the words before the name allow (``_context_cases``): a title the
            name agrees with ("канцлера Германии Олафа Шольца": gent/accs), a preposition
            that takes one case ("у Олафа Шольца"); a reading in one of them proves its case.
        sex: the person's gender when the rest of the article proves it (``_women_of_article``),
            in whatever case the name is: "Мирославу Немцову" is a woman's accusative, not a
            man's dative, in an article that writes "Мирославы Немцовой".
        locative: False when no preposition stands before the name, nor before a title in
            the locative it agrees with ("при президенте Джордже Буше"): a noun is in the
            locative only after one, so a reading in it proves nothing and the words stay as
            written ("француз Песке" is no "Песок", "итальянец Даниэле Гароццо" no "Даниэл").
    Returns:
        ``{"first", "middle", "last", "normal", "last_keys", "gender"}``: parts in the
        nominative (``None`` when absent); ``last_keys`` are the lower-case base forms the last
        name may have (a lone "Абдрахманова" may be "абдрахманов" or "абдрахманова").
    """
    words = _name_words(text)
    # only the evidence that bears on this name is part of the key
    hints = frozenset(
        _key(form) for word in words for _, _, form in pattern_readings(word) if _key(form) in written
    ) - {_key(word) for word in words}
    found = models.remember(
        "person", (text, hints, gender, cases, sex, locative),
        lambda: _parse_person(text, words, hints, gender, models, cases, sex, locative),
    )
    return {**found, "last_keys": set(found["last_keys"])}


def _name_words(text: str) -> list[str]:
    """The words of a person mention, initials and punctuation left out ("Ю.Синдеева" -> ["Синдеева"]).

    A capital letter alone is an initial when written with a period, or when another initial
    of the mention is ("Михальчука И. Ф": the mention lost the last period); else a Cyrillic
    one is a name of one letter ("Гидеон Ю", "Ким Ю На") unless it is a Russian word of one
    letter (``ONE_LETTER_WORDS``: "В источниках" after a name), a Latin one a numeral or an
    initial as before ("Николая I", "John S Pistole").
    """
    words = [w.strip(",;:") for w in re.split(r"\s+", text[len(_glued_initials(text)) :])]
    words = [w for w in words if w and any(c.isalpha() for c in w)]
    dotted = any(_INITIALS.fullmatch(w) for w in words)
    return [
        w.strip(".") for w in words
        if not _INITIALS.fullmatch(w + ("" if w.endswith(".") or _one_letter_name(w, dotted) else "."))
    ]


def _one_letter_name(word: str, dotted: bool) -> bool:
    """Is a capital letter written without a period a name of one letter ("Ю"), see ``_name_words``?"""
    return not dotted and _cyrillic(word) and word.lower() not in ONE_LETTER_WORDS


# Russian words of one letter (prepositions, conjunctions, "я"): never a name of one letter.
ONE_LETTER_WORDS = frozenset("а в и к о с у я".split())

# Initials written with periods ("В.", "В.В.").
_INITIALS = re.compile(r"(?:[А-ЯЁA-Z]\.)+")


def _glued_initials(text: str) -> str:
    """Initials written onto a name without a space ("Ю." of "Ю.Синдеева", "Ж.-К." of "Ж.-К.Трише")."""
    found = re.match(r"(?:[А-ЯЁA-Z][а-яёa-z]?\.-?)+(?=[А-ЯЁA-Z][а-яёa-z])", text)
    return found.group(0) if found else ""


def _parse_person(
    text: str, words: list[str], hints: frozenset[str], verb_gender: str | None, models: Models,
    cases: frozenset[str] = frozenset(), sex: str | None = None, locative: bool = True,
) -> dict[str, Any]:
    # the last word stands where a surname does: after a first name or initials
    surname_last = len(words) > 1 or "." in text
    cases = cases if _context_fits(words, cases, models) else frozenset()
    case, gender = _agree(words, hints, verb_gender, models, surname_last, cases, sex)
    if case == "loct" and not locative:
        case = _SUBJECT  # no preposition governs the name: its words stay as written ("Дайсуке")
    # the case is proved by a dictionary word or the document, or (weaker: not for names
    # that may not decline) by the words before the name or a name that cannot be read as a
    # nominative
    proved = _case_proved(words, case, gender, models) or any(
        _key(form) in hints for word in words for form in _foreign_nominatives(word, case, gender)
    )
    by_form = case in cases or any(_not_nominative(word, case, gender, hints, models) for word in words)
    forms, tags = [], []
    for n, word in enumerate(words):
        weak = by_form and not word.lower().endswith(tuple(INDECLINABLE_ENDINGS))
        form, tag = _word_form(word, case, gender, proved or weak, hints, models)
        if n == len(words) - 1 and surname_last and not proved and _foreign_surname_like(word, models):
            form, tag = word, None  # "Тамима бен Хамада Аль Тани": nothing proves "Таня"
        forms.append(form)
        tags.append(tag)
    parts = _name_parts(words, forms, tags, models)
    last_keys = _last_keys(words, forms, parts["last"], models)
    # initials written onto the name stay in its base form ("Ю.Синдеева" -> "Ю.Синдеев")
    normal = _glued_initials(text) + " ".join(forms) if forms else text
    return {**parts, "normal": normal, "last_keys": last_keys, "gender": gender}


def _context_fits(words: list[str], cases: frozenset[str], models: Models) -> bool:
    """May the words before a name decide its case? Not when a dictionary word of the name
    that declines may be in another case ("преемника Геннадию": a dative, whatever the title)."""
    for word in words:
        known = [p for p in parses(models, word) if p.is_known and _nameish(p) and "Fixd" not in p.tag]
        if any(fold_case(p.tag.case) not in cases for p in known):
            return False
    return bool(cases)


def _last_keys(words: list[str], forms: list[str], last: str | None, models: Models) -> set[str]:
    """The lower-case base forms the last name may have (a lone "Абдрахманова": "абдрахманов", "абдрахманова")."""
    keys: set[str] = set()
    for word, form in zip(words, forms):
        if last is not None and last.endswith(form):
            keys |= {_key(form)} | {_key(f) for f in _nominatives(word, models)}
            keys |= {_key(f) for _, _, f in pattern_readings(word)}
    return keys


def _case_proved(words: list[str], case: str | None, gender: str | None, models: Models) -> bool:
    """Does a dictionary word that cannot be nominative ("Юрию") prove the name's case?

    Then unknown words are inflected too ("Мильнеру" -> "Мильнер"), else only Russian-looking
    ones. "Вадима" is also a woman's name in the nominative, but not for a man.
    """
    return case != "nomn" and any(
        p.is_known and p.tag.case == case and not _other_gender_reading(w, gender, models)
        for w in words
        for p in parses(models, w)[:1]
    ) and not any(
        p.is_known and p.tag.case == "nomn" and _nameish(p) and _gender_ok(p, gender)
        for w in words
        for p in parses(models, w)
    )


def _other_gender_reading(word: str, gender: str | None, models: Models) -> bool:
    """Has a word an oblique dictionary name reading of the other gender ("Андриану": "Андриана")?

    Such a word does not prove its case: "Андриану Канду" may be a woman's accusative
    ("Вадима" as a woman's nominative does not count: a nominative proves nothing oblique).
    """
    return any(
        p.is_known and {"Name", "Surn"} & p.tag.grammemes and p.tag.case != "nomn" and not _gender_ok(p, gender)
        for p in parses(models, word)
    )


def _word_form(
    word: str, case: str | None, gender: str | None, proved: bool, hints: frozenset[str], models: Models
) -> tuple[str, str | None]:
    """One word of a name in the nominative, and its dictionary name tag (Patr/Name/Surn or None).

    A dictionary word is inflected. An unknown one takes the nominative written elsewhere
    in the document, else the regular one of a name when the case is proved (or pymorphy3's
    guess when it looks Russian), else stays as written ("Маэхара", "Пелоси").
    """
    parse = _pick(word, case, gender, models)
    if parse is not None and _is_known(parse, word, models):
        inflected = _inflect(parse, {"nomn", "sing"} if "Pltm" not in parse.tag else {"nomn"}, models)
        tag = next((t for t in ("Patr", "Name", "Surn") if t in parse.tag), None)
        return (_restore_case(inflected, word) if inflected else word), tag
    return _unknown_form(word, parse, case, gender, proved, hints), None


def _unknown_form(
    word: str, parse: Any | None, case: str | None, gender: str | None, proved: bool, hints: frozenset[str]
) -> str:
    """The nominative of a name word the dictionary does not know (see ``_word_form``)."""
    candidates = _foreign_nominatives(word, case, gender) if _cyrillic(word) else []
    hinted = [form for form in candidates if _key(form) in hints]
    if hinted:
        return hinted[0]
    inflected = _inflect(parse, {"nomn", "sing"}) if parse is not None else None
    if inflected and (proved or _key(inflected).endswith(RUSSIAN_NAME_ENDINGS)):
        return _keep_e(_restore_case(inflected, word), word)
    if candidates and (proved or _key(candidates[0]).endswith(RUSSIAN_NAME_ENDINGS)):
        return candidates[0]
    return word


def _keep_e(form: str, word: str) -> str:
    """A guessed form keeps the writer's е: pymorphy3 guesses ё ("Чэпмен" -> "Чэпмён")."""
    return form if "ё" in word.lower() else form.replace("ё", "е").replace("Ё", "Е")


def _name_parts(words: list[str], forms: list[str], tags: list[str | None], models: Models) -> dict[str, Any]:
    """First, middle and last name among the words of a name (their nominatives ``forms``)."""
    parts: dict[str, Any] = {"first": None, "middle": None, "last": None}
    particles = [i for i, w in enumerate(words) if w.lower() in NAME_PARTICLES and i < len(words) - 1]
    core = [i for i in range(len(words)) if i not in particles]
    # patronymic: a dictionary patronymic, or a -вич/-вна word between two other words
    for n, i in enumerate(core):
        inner = 0 < n < len(core) - 1
        if tags[i] == "Patr" or (inner and words[i].lower().endswith(PATRONYMIC_ENDINGS)):
            parts["middle"] = forms[i]
            core.remove(i)
            break
    if len(core) == 1:
        i = core[0]
        role = "first" if tags[i] == "Name" and not _could_be_surname(words[i], models) else "last"
        parts[role] = forms[i]
    elif core:
        first, last = core[0], core[-1]
        # "Фамилия Имя" order only when the dictionary says so for both words
        if tags[first] == "Surn" and tags[last] == "Name" and not any(
            "Name" in p.tag for p in parses(models, words[first])
        ):
            first, last = last, first
        parts["first"] = forms[first]
        parts["last"] = forms[last]
        if particles and particles[-1] == core[-1] - 1 and last == core[-1]:
            parts["last"] = words[particles[-1]] + " " + forms[last]  # "Ле Пен", "ван Гог"
    else:
        parts["last"] = " ".join(forms) or None
    return parts


def _foreign_nominatives(word: str, case: str | None, gender: str | None) -> list[str]:
    """Nominatives an undictionaried name may have in ``case`` and ``gender``, best first.

    The regular inflection of names in Russian (``FOREIGN_ENDINGS``): "Шольца" (gent, masc)
    -> "Шольц", "Кестеля" -> "Кестель", "Камалы" (gent, femn) -> "Камала", "Лулой" -> "Лула".
    """
    found: list[str] = []
    if word.lower().endswith(ADJECTIVE_ENDINGS):
        return found  # an adjective-like surname ("Долгорукому") is not a foreign name
    for ending, replacement in FOREIGN_ENDINGS.get((case or "", gender or ""), ()):
        stem = word[: -len(ending)]
        if not word.lower().endswith(ending) or len(stem) < 2 or not stem[-1].isalpha():
            continue
        tail = _stem_tail(stem.lower()[-1], replacement)
        if tail is not None and stem + tail not in found:
            found.append(stem + tail)
    return found


def _stem_tail(last: str, replacement: str) -> str | None:
    """What ends a nominative after a stem ending in ``last`` (None: no such nominative)."""
    if replacement == "ь|й":
        return "й" if last in RUSSIAN_VOWELS else "" if last in "жшчщц" else "ь"
    if replacement == "а|я":
        # -и after a vowel or a soft consonant: Гарсии, Лии; elsewhere -и ends the name
        # as written ("Каддафи", "Саркози": they do not decline)
        return "а" if last in HUSHING_VELAR else "я" if last in "иь" else None
    if replacement == "а/я":
        return "я" if last in "иьй" else "а"
    if replacement == "" and last in RUSSIAN_VOWELS:
        return None  # "Моа", "Ноу": no stem ends so
    return replacement


@functools.lru_cache(maxsize=20_000)
def pattern_readings(word: str) -> tuple[tuple[str, str | None, str], ...]:
    """(case, gender, nominative) readings of an undictionaried name word, the nominative first.

    A pure function of the spelling, asked several times per name: remembered (bounded) like
    the parses.

    Besides ``FOREIGN_ENDINGS``: a name ending in a vowel other than -а/-я ("Пелоси",
    "Баррозу") and a woman's name ending in a consonant ("Меркель") read the same in every case.
    """
    # a nominative singular never ends in -ы, and a name seldom in -ом/-ем/-ым
    readings: list[tuple[str, str | None, str]] = [] if word.lower().endswith("ы") else [("nomn", None, word)]
    last = word[-1:].lower()
    for case in CASES[1:]:
        if last in INDECLINABLE_ENDINGS:
            readings.append((case, None, word))
        elif last not in RUSSIAN_VOWELS:
            readings.append((case, "femn", word))
    for (case, gender) in FOREIGN_ENDINGS:
        readings.extend((case, gender, form) for form in _foreign_nominatives(word, case, gender))
    return tuple(readings)


def _is_known(parse: Any, word: str, models: Models) -> bool:
    """A dictionary reading; a hyphenated word counts when all its parts are known ("Жан-Марк")."""
    if parse.is_known:
        return True
    parts = [p for p in word.split("-") if p]
    return len(parts) > 1 and all(parses(models, p)[:1] and parses(models, p)[0].is_known for p in parts)


def _could_be_surname(word: str, models: Models) -> bool:
    """True if some reading of a word is a surname ("Ким" is both a name and a surname)."""
    return any("Surn" in p.tag for p in parses(models, word))


def _key(text: str | None) -> str:
    """Comparison key: lower case, ё as е."""
    return (text or "").lower().replace("ё", "е")


def _nominatives(word: str, models: Models) -> frozenset[str]:
    """Every nominative singular a (proper-noun) word form may come from (remembered per process)."""
    def compute() -> frozenset[str]:
        forms = (_inflect(p, {"nomn", "sing"}) for p in parses(models, word) if p.tag.POS == "NOUN")
        return frozenset(f for f in forms if f)

    return models.remember("nominatives", word, compute)


def _agree(
    words: list[str], hints: frozenset[str], verb_gender: str | None, models: Models, surname_last: bool = False,
    cases: frozenset[str] = frozenset(), sex: str | None = None,
) -> tuple[str | None, str | None]:
    """The (case, gender) that best fits all words of a person's name (and the verb it is the
    subject of, and the ``cases`` the words before it allow).

    ``surname_last``: the last word stands where a surname does (after a first name or initials).
    """
    # Per word, its name-like readings once (``_word_readings``); the 12 case-gender pairs
    # below only compare these.
    readings = _name_readings(words, hints, models, surname_last)
    woman = len(words) > 1 and _woman_named(words[0], models)
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    for gender in ("masc", "femn"):
        for rank, case in enumerate(CASES):
            scores = [
                max((score for c, g, score in found if c == case and (g is None or g == gender)), default=0.0)
                for found in readings
            ]
            total = sum(scores)
            # the verb agrees with its subject, when every word may be read so
            if all(scores) and (case, gender) == (_SUBJECT, verb_gender):
                total += SUBJECT_WEIGHT
            if all(scores) and case in cases:
                total += 1.0
            if all(scores) and gender == sex:
                total += SEX_WEIGHT
            total -= _tie_penalty(rank, gender, woman)
            if total > best[0]:
                best = (total, case, gender)
    return best[1], best[2]


def _name_readings(
    words: list[str], hints: frozenset[str], models: Models, surname_last: bool
) -> list[list[tuple[str, str | None, float]]]:
    """``_word_readings`` of each word; a ``_foreign_surname_like`` last word in a surname's place reads as written."""
    readings = [_word_readings(word, hints, models) for word in words]
    if surname_last and words and _foreign_surname_like(words[-1], models):
        readings[-1] = _as_written_readings(words[-1], models)
    elif len(words) > 1 and words[-1].lower().endswith(("а", "я")) and not _russian_made(words[-1]):
        # a foreign surname in -а/-я as written is a man's ("Обама"): a woman's is seldom
        # so ended, so "Джулиана Ассанжа" is no woman's nominative
        readings[-1] = [(c, "masc" if c == "nomn" and g is None else g, s) for c, g, s in readings[-1]]
        if not _could_be_surname(words[-1], models):
            readings[-1] = _first_name_as_surname(readings[-1])
    return readings


def _first_name_as_surname(found: list[tuple[str, str | None, float]]) -> list[tuple[str, str | None, float]]:
    """Readings of a surname-placed word in -а/-я the dictionary knows only as a first name ("Авила", "Стефана").

    As a nominative it is a woman's first name there, but in a surname's place a man's
    surname as written too ("Хосе Авила" is no "Хосе Авил": nothing in "Хосе" proves a
    genitive); its oblique readings stay.
    """
    return [(c, None if c == "nomn" and g == "femn" else g, s) for c, g, s in found]


def _tie_penalty(rank: int, gender: str, woman: bool) -> float:
    """What breaks a tie between two (case, gender) readings of a name: the smaller the better.

    Masculine first (a lone "Абдрахманова" is more often the genitive of "Абдрахманов" in
    news, and "Курмана Исмаилова" the genitive of "Курман Исмаилов"; a full name in the
    article overrides it when merging), then the nominative, then the order of CASES. A name
    that starts with a woman's first name (``_woman_named``) is a nominative first:
    "Аделина Сотникова" is a woman before she is a man's genitive.
    """
    return rank * 1e-3 + (0.0 if gender == "masc" else 1e-4 if woman else 0.01)


def _woman_named(word: str, models: Models) -> bool:
    """Is a word a woman's first name in the nominative before it is a man's in another case?

    "Аделина", "Октавия" are; "Александра", "Вадима" and even "Эдварда", "Богдана" (the
    dictionary reads them a woman's as often as a man's genitive) are not: a man's
    genitive is the commoner in news.
    """
    names = [p for p in parses(models, word) if p.is_known and "Name" in p.tag]
    woman = max((p.score for p in names if p.tag.gender == "femn" and p.tag.case == "nomn"), default=0.0)
    return woman > max((p.score for p in names if p.tag.gender == "masc"), default=0.0)


def _foreign_surname_like(word: str, models: Models) -> bool:
    """Is a surname-placed word in -и/-е/-у/-ю/-о known only as another word's form ("Тани", "Трише", "Драги")?

    The dictionary reads it as a first name's or a common noun's oblique form ("Таня",
    "Триша", "драга"), never as a surname: in a surname's place it is more likely a foreign
    surname that does not decline.
    """
    known = _known_nameish(word, models)
    return (
        word.lower().endswith(tuple(INDECLINABLE_ENDINGS))
        and bool(known)
        and not any("Surn" in p.tag or "Fixd" in p.tag or p.tag.case == "nomn" for p in known)
    )


def _as_written_readings(word: str, models: Models) -> list[tuple[str, str | None, float]]:
    """Readings of a ``_foreign_surname_like`` word: as written in every case, its dictionary ones without the name bonus."""
    own = [(c, g, s - _name_bonus(p)) for (c, g, s), p in zip(_dictionary_readings(word, False, models), _known_nameish(word, models))]
    return own + [(case, None, 1.0) for case in CASES]


def _known_nameish(word: str, models: Models) -> tuple[Any, ...]:
    """The parses ``_dictionary_readings`` reads (not guessed), in its order (remembered per process)."""
    return models.remember("known nameish", word, lambda: tuple(p for p in _nameish_parses(word, models) if _is_known(p, word, models)))


def _nameish_parses(word: str, models: Models) -> tuple[Any, ...]:
    """The ``_nameish`` parses of a word, in pymorphy3's order (remembered per process: every
    rule on a name word reads them, and names recur)."""
    return models.remember("nameish", word, lambda: tuple(p for p in parses(models, word) if _nameish(p)))


def _russian_made(word: str) -> bool:
    """Is an unknown name Russian-made ("Ройтова", "Мардахаеву", "Сколимовского")? pymorphy3 guesses those well."""
    key = _key(word)
    return key.endswith(RUSSIAN_NAME_ENDINGS + ADJECTIVE_ENDINGS) or any(
        _key(form).endswith(RUSSIAN_NAME_ENDINGS) for _, _, form in pattern_readings(word)
    )


def _not_nominative(word: str, case: str | None, gender: str | None, hints: frozenset[str], models: Models) -> bool:
    """Does a foreign name read better in ``case`` than as a nominative ("Джонсоном", "Лулы"): its form proves the case."""
    if any(p.is_known for p in parses(models, word)) or _russian_made(word):
        return False
    found = _word_readings(word, hints, models)
    best = max((s for c, g, s in found if c == case and (g is None or g == gender)), default=0.0)
    return best > max((s for c, _, s in found if c == "nomn"), default=0.0) + 0.05


def _word_readings(word: str, hints: frozenset[str], models: Models) -> list[tuple[str, str | None, float]]:
    """(case, gender or None for both, score) of the readings of one word of a name.

    Dictionary readings score their probability, with a bonus for a name (an indeclinable
    name more: "Тони" is not "Тоня"). An unknown word reads as a name does
    (``pattern_readings``, not pymorphy3's guesses, which tag any word a name; but a
    Russian-made one as pymorphy3 guesses it), more readily when the nominative it gives
    is written elsewhere in the document.
    """
    unknown = _reads_as_unknown(word, models)
    russian = unknown and _russian_made(word)
    readings = _dictionary_readings(word, russian, models)
    if word.lower() in NAME_PARTICLES or not _cyrillic(word) or russian:
        return readings
    if not unknown:
        # a dictionary word is another name only as a name the dictionary lacks, written
        # in the document ("Кира" is "Кир" next to "Кир Стармер"; "Юлию" is not "Юлия")
        return readings + [r for r in _scored_patterns(word, hints, 0.5) if r[2] > 1 and _new_nominative(r, word, models)]
    # a common noun's own readings first ("Ангелике" is "Ангелика")
    indeclinable = word.lower().endswith(tuple(INDECLINABLE_ENDINGS))
    return readings + _scored_patterns(word, hints, 0.3 if readings and indeclinable else 0.5)


def _new_nominative(reading: tuple[str, str | None, float], word: str, models: Models) -> bool:
    """Does a pattern reading give a word a nominative the dictionary does not ("Кира": "Кир")?"""
    case, gender, _ = reading
    known = {_key(f) for f in _nominatives(word, models)}
    return all(_key(f) not in known for f in _foreign_nominatives(word, case, gender))


def _scored_patterns(word: str, hints: frozenset[str], base: float) -> list[tuple[str, str | None, float]]:
    """``pattern_readings`` scored: ``base``, less for a nominative in -ом/-ым, more for a nominative the document writes."""
    readings = []
    for case, gender, form in pattern_readings(word):
        score = 0.4 if form == word and case == "nomn" and word.lower().endswith(OBLIQUE_ENDINGS) else base
        readings.append((case, gender, score + (0.6 if form != word and _key(form) in hints else 0.0)))
    return readings


def _dictionary_readings(word: str, guessed: bool, models: Models) -> list[tuple[str, str | None, float]]:
    """A word's name-like readings in the dictionary (and pymorphy3's guesses, if ``guessed``)."""
    return [
        (p.tag.case, None if p.tag.gender is None or "ms-f" in p.tag.grammemes else p.tag.gender, p.score + _name_bonus(p))
        for p in (_nameish_parses(word, models) if guessed else _known_nameish(word, models))
    ]


def _reads_as_unknown(word: str, models: Models) -> bool:
    """Does a name word take the name patterns: no dictionary reading as a name-like noun?

    A word in -у/-о/-и/-е the dictionary knows only as a common noun may be an
    indeclinable name too ("Тору" is not "тора").
    """
    indeclinable = word.lower().endswith(tuple(INDECLINABLE_ENDINGS))
    return not any(
        _is_known(p, word, models) and (not indeclinable or {"Name", "Surn", "Patr"} & p.tag.grammemes)
        for p in _nameish_parses(word, models)
    )


def _name_bonus(parse: Any) -> float:
    """Extra score of a dictionary name reading, more for an indeclinable name."""
    return (0.5 if {"Name", "Surn", "Patr"} & parse.tag.grammemes else 0.0) + (0.5 if "Fixd" in parse.tag else 0.0)


def _nameish(parse: Any) -> bool:
    """A singular noun, or an adjective-like surname ("Долгорукий", "Толстой").

    Plural readings are out: a person mention names one person, and pymorphy3 reads unknown
    surnames in -ов/-ев as the genitive plural of a first name ("Исмаилов" -> "Исмаил").
    """
    return (parse.tag.POS == "NOUN" or "Surn" in parse.tag) and parse.tag.number != "plur"


def _gender_ok(parse: Any, gender: str | None) -> bool:
    """True if a parse fits the gender (common-gender and genderless words fit both)."""
    return parse.tag.gender is None or "ms-f" in parse.tag.grammemes or gender is None or parse.tag.gender == gender


def _pick(word: str, case: str | None, gender: str | None, models: Models) -> Any | None:
    """The parse of a name word in the agreed case and gender, names preferred."""
    candidates = [
        p
        for p in _nameish_parses(word, models)
        if p.tag.case == case and _gender_ok(p, gender)
        and (p.is_known or {"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes or _russian_made(word))
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (bool({"Name", "Surn", "Patr"} & p.tag.grammemes), "Fixd" in p.tag, p.score))


# ---------------------------------------------------------------------------- places, orgs


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


def _place_context(text: str, mention: Mention, models: Models) -> str | None:
    """The case the word before a place mention gives it: ``GENITIVE_HINT``, ``APPOSITION_HINT`` or None.

    The genitive after a preposition that governs only the genitive ("из Арлингтона"), a
    common noun or abbreviation ("житель Глендейла", "КПП Газиантепа") or an adjective in the
    genitive ("нью-йоркского Карнеги-Холла"); the nominative of an apposition after a noun of
    a kind of place ("в городе Павия").
    """
    before = re.search(r"([А-ЯЁа-яё-]+)[ \t]+$", text[max(0, mention.start - 40) : mention.start])
    if not before:
        return None
    word = before.group(1)
    best = parses(models, word)[:1]
    if word.lower() in GENITIVE_PREPOSITIONS or _is_abbreviation(word):
        return GENITIVE_HINT
    if not best or not word.islower():
        return None
    if best[0].tag.POS == "NOUN" and best[0].normal_form in PLACE_KIND_NOUNS:
        return FEMININE_APPOSITION_HINT if best[0].tag.gender == "femn" else APPOSITION_HINT
    if best[0].tag.POS == "NOUN":
        return GENITIVE_HINT
    return GENITIVE_HINT if best[0].tag.POS in AGREEING_POS and best[0].tag.case == "gent" else None


def _place_nominatives(word: str, genitive: bool = False) -> list[str]:
    """Nominatives an undictionaried one-word place name may have, best first.

    Place names decline as nouns: feminine in -а/-я ("Феррары", "Ферраре" -> "Феррара";
    a word in -а is taken as a feminine nominative before the genitive of a masculine one,
    unless ``genitive``: "из Арлингтона"), masculine in a consonant ("Бахмуте", "Бахмутом"
    -> "Бахмут"). A locative or dative in -е/-у is feminine after -к and -иц ("Дорогинке",
    "Сребренице"; not -ск, "Омске"), else masculine first. Names in -о/-и/-у/-э and a
    consonant stay.
    """
    low, stem = word.lower(), word[:-1]
    last = stem[-1:].lower()
    if (low.endswith(("ом", "ой", "ей")) or (low.endswith("я") and last in RUSSIAN_VOWELS)) and len(stem) > 2:
        return _place_two_letter(word, genitive)
    if len(stem) < 2 or not stem[-1].isalpha() or last in RUSSIAN_VOWELS:
        return [word]
    if low[-1] in "еюу":
        return _place_dative_locative(word)
    if low[-1] in "ая":
        masculine = stem + (_stem_tail(last, "ь|й") or "" if low[-1] == "я" else "")
        return [masculine, word] if genitive else [word, masculine]
    if low[-1] in "ыи":
        return _place_genitive(word)
    return [word]


def _place_genitive(word: str) -> list[str]:
    """Nominatives of a place word in -ы/-и: a feminine one ("Феррары", "Аляски"), or -и as written."""
    stem = word[:-1]
    if word[-1].lower() == "ы":
        return [stem + "а"]
    last = stem[-1].lower()
    tail = _stem_tail(last, "а|я")
    # a doubled consonant: a foreign name that does not decline ("Кентукки")
    return [stem + tail, word] if tail and stem[-2:-1].lower() != last else [word]


def _place_two_letter(word: str, genitive: bool) -> list[str]:
    """Nominatives of a place word in -ом/-ой/-ей or a vowel and -я.

    "Сиртом" -> "Сирт"; -ой/-ей is as written first ("Хубэй"); "Капшагая" is "Капшагай"
    in the genitive, else a nominative.
    """
    base = word[:-2]
    if word.lower().endswith("я"):
        return [word[:-1] + "й", word] if genitive else [word, word[:-1] + "й"]
    if word.lower().endswith("ом"):
        return [base, word] if base[-1:].lower() not in RUSSIAN_VOWELS else [word]
    return [word, base + ("а" if word[-2].lower() == "о" else "я")]


def _place_dative_locative(word: str) -> list[str]:
    """Nominatives of a place word in -е/-у/-ю (``_place_nominatives``): masculine or feminine."""
    low, stem = word.lower(), word[:-1]
    last = stem[-1].lower()
    if last in "ьи":
        return [stem] if low.endswith("ью") else [word]  # "Катынью"; "Межигорье" is a nominative
    if low[-1] == "ю":  # a soft stem: "Кемлю"
        masc, femn = stem + (_stem_tail(last, "ь|й") or ""), stem + "я"
    else:  # a hard one: "Бахмуте", "Ферраре"
        masc, femn = stem, stem + (_stem_tail(last, "а/я") or "")
    feminine = low[:-1].endswith(FEMININE_STEMS) and not low[:-1].endswith(("ск", "цк"))
    return [femn, masc, word] if feminine else [masc, femn, word]


def _place_word(word: str, hints: frozenset[str], models: Models) -> str:
    """The nominative of a place-name word the dictionary does not know (``_place_nominatives``).

    A hyphenated word is read part by part: parts that do not decline stay ("Нью-", "-стрит",
    "Карнеги-": a part before a hyphen in a vowel), and so does all that follows a preposition
    or particle ("Ростове-на-Дону" -> "Ростов-на-Дону"); a part the dictionary knows is
    inflected as it says ("Санта-Барбаре" -> "Санта-Барбара", "Сан-Хосе" stays).
    """
    parts = word.split("-")
    out = []
    for n, part in enumerate(parts):
        if part.lower() in PLACE_LINKS and 0 < n < len(parts) - 1:
            out.extend(parts[n:])
            break
        last = n == len(parts) - 1
        out.append(_place_part(part, hints, models, last) if last or part[-1:].lower() not in RUSSIAN_VOWELS else part)
    return "-".join(out)


def _place_part(part: str, hints: frozenset[str], models: Models, last: bool) -> str:
    """The nominative of one part of a place name (a whole one-word name when ``last`` and alone)."""
    # "в городе Павия": the apposition is a nominative (but "города Мар-дель-Платы" agrees)
    apposition = hints & {APPOSITION_HINT, FEMININE_APPOSITION_HINT}
    if part.lower() in FIXED_PLACE_PARTS or (apposition and part[-1:].lower() in "ая"):
        return part
    known = [p for p in parses(models, part) if p.is_known and p.tag.POS == "NOUN" and p.tag.number != "plur"]
    if known:
        return _known_part(part, known[0])
    return _pick_place(_place_nominatives(part, GENITIVE_HINT in hints), hints)


def _pick_place(candidates: list[str], hints: frozenset[str]) -> str:
    """The nominative of a place word: an indeclinable part, then one the document or a
    feminine apposition ("реку Крымзу") supports, then the first."""
    fixed = [c for c in candidates if c.lower() in FIXED_PLACE_PARTS]
    hinted = [c for c in candidates if _key(c) in hints or (FEMININE_APPOSITION_HINT in hints and c[-1:] in "ая")]
    return (fixed or hinted or candidates)[0]


def _known_part(part: str, parse: Any) -> str:
    """A dictionary word in a place name, in the nominative (an indeclinable one as written)."""
    form = None if "Fixd" in parse.tag else _inflect(parse, {"nomn", "sing"})
    return _restore_case(form, part) if form else part


def _proved_places(article: Article) -> frozenset[str]:
    """Keys of the nominatives that the article's place-name words prove: those with one reading ("Феррары")."""
    found = set()
    names = (m.text for e in article.entities if e.type == "LOC" for m in e.mentions if m.kind == "name")
    for word in (w for text in names for w in text.split()):
        candidates = {_key(c) for c in _place_nominatives(word)}
        if len(candidates) == 1:
            found |= candidates
    return frozenset(found)


def _normalize_phrase(text: str, models: Models, place: bool = False, hints: frozenset[str] = frozenset()) -> str:
    """Inflect the words up to the head noun into the nominative; keep the tail.

    The head keeps the number it has in the text ("Вооружённых сил" -> "Вооружённые силы",
    "Соединённых Штатов" -> "Соединённые Штаты"); the head's reading is the one its modifiers
    agree with, so "Вооружённые силы" is not read as the genitive singular "силы". An
    abbreviation or indeclinable word is a head too ("Жигулёвской ГЭС" -> "Жигулёвская ГЭС").
    A ``place`` whose head the dictionary lacks declines as place names do (``_place_word``).
    """
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t.strip()]
    position = _head_position([w for _, w in words], models)
    if position is None:
        return text
    modifiers = [parses(models, w) for _, w in words[:position]]
    modifiers = [[p for p in readings if p.tag.POS in AGREEING_POS] for readings in modifiers]
    i_head, head_word = words[position]
    head_parse = _head_reading(head_word, modifiers, models)
    if head_parse is None:
        return text
    agreed = any(_agrees(a, head_parse) for readings in modifiers for a in readings)
    if place and not agreed and _undictionaried(head_word, models):
        # pymorphy3 guesses any ending ("Феррара" as the genitive of "Феррар")
        head_form: str | None = _place_word(head_word, hints, models)
    else:
        head_form = _head_form(head_word, head_parse, models)
    return _with_modifiers(tokens, words[:position], modifiers, (i_head, head_form), head_parse)


def _with_modifiers(
    tokens: list[str], before: list[tuple[int, str]], modifiers: list[list[Any]], head: tuple[int, str | None],
    head_parse: Any,
) -> str:
    """The phrase with its head (index in ``tokens``, base form) and the modifiers before it in the nominative."""
    i_head, head_form = head
    text = "".join(tokens)
    if head_form is None:
        return text
    out = list(tokens)
    out[i_head] = head_form
    for (i, word), readings in zip(before, modifiers):
        form = _modifier_form(word, readings, head_parse)
        if form:
            out[i] = form
    return "".join(out)


def _head_reading(head_word: str, modifiers: list[list[Any]], models: Models) -> Any | None:
    """The noun reading of a head that most modifiers agree with (then a place or org, then the likeliest)."""
    return max(
        (p for p in parses(models, head_word) if p.tag.POS == "NOUN"),
        key=lambda p: (
            sum(any(_agrees(a, p) for a in readings) for readings in modifiers),
            bool({"Geox", "Orgn"} & p.tag.grammemes),
            p.score,
        ),
        default=None,
    )


def _number(parse: Any) -> str:
    """The number a noun reading keeps in the base form."""
    return "plur" if "Pltm" in parse.tag else parse.tag.number or "sing"


def _head_form(head_word: str, head_parse: Any, models: Models) -> str | None:
    """The head in the nominative, its number as written; an abbreviation loses only its ending."""
    if _is_abbreviation(head_word) or "Fixd" in head_parse.tag:
        return _abbreviation_base(head_word, head_parse)
    form = _inflect(head_parse, {"nomn", _number(head_parse)}, models) or _inflect(head_parse, {"nomn"}, models)
    return _restore_case(form, head_word) if form else None


def _modifier_form(word: str, readings: list[Any], head_parse: Any) -> str | None:
    """A modifier of the head in the nominative, agreeing with the head (None: left as written)."""
    # the head's own gender first: "Сочи" is of common gender in the dictionary
    agreeing = sorted(
        (p for p in readings if _agrees(p, head_parse)), key=lambda p: p.tag.gender != head_parse.tag.gender
    )
    if agreeing:
        # the adjective's own number and gender: it agrees with the head as written, and
        # an indeclinable head has no case to agree in ("Жигулёвской ГЭС": femn)
        reading, own_number, gender = agreeing[0], agreeing[0].tag.number, agreeing[0].tag.gender
    elif readings:
        # no agreement as written ("Ставропольского и Шигонского районов"): the head's
        reading, own_number, gender = readings[0], _number(head_parse), head_parse.tag.gender
    else:
        return None
    grammemes = {"nomn", "plur"} if own_number == "plur" else {"nomn", "sing", gender or "masc"}
    form = _inflect_as_written(reading, grammemes, word)
    return _restore_case(form, word) if form else None


def _undictionaried(word: str, models: Models) -> bool:
    """A word the dictionary does not know as a noun (a hyphenated one as a whole), nor an
    abbreviation nor a plural (pymorphy3's guess reads "Росводресурсах" well)."""
    if _is_abbreviation(word) or word.lower().endswith(PLURAL_ENDINGS):
        return False
    return not any(p.is_known and p.tag.POS == "NOUN" for p in parses(models, word))


def _inflect_as_written(parse: Any, grammemes: set[str], word: str) -> str | None:
    """The form of ``parse``'s word with ``grammemes`` that is spelt most like ``word``.

    pymorphy3 files "высший" and "высочайший" under one lemma ("высокий"): "Высшего суда"
    is "Высший суд", the form that keeps the written stem, not the first one found.
    """
    degree = {"Supr", "Cmp2"} & parse.tag.grammemes  # "древней" is not "древнейшая"
    forms = [
        f.word
        for f in lexeme(parse)
        if grammemes <= f.tag.grammemes and f.tag.POS == parse.tag.POS
        and {"Supr", "Cmp2"} & f.tag.grammemes == degree
    ]
    if not forms:
        return _inflect(parse, grammemes)
    written = _key(word)
    return max(forms, key=lambda f: len(os.path.commonprefix([_key(f), written])))


def _head_position(words: list[str], models: Models) -> int | None:
    """Index of the head noun of a place/org name: the first noun after its modifiers.

    A word that is a noun and also an adjective agreeing with the next word is a modifier
    ("Главного управления": "главное" is a noun too). Latin words, digits and other words
    that are neither stop the search (the name is then left as written).
    """
    for position, word in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        verdict = _is_head(word, following, models)
        if verdict is not False:
            return position if verdict else None
    return None


def _is_head(word: str, following: str | None, models: Models) -> bool | None:
    """Is a word the head of its name (True), a modifier before it (False), or neither (None)?"""
    if _is_abbreviation(word):
        return True
    best = parses(models, word)
    if not best:
        return None
    nouns = [p for p in best if p.tag.POS == "NOUN"]
    adjectives = [p for p in best if p.tag.POS in AGREEING_POS]
    if nouns and best[0].tag.POS not in AGREEING_POS:
        return not (adjectives and following and _modifies(adjectives, following, models))
    if following is None and _is_place_noun(nouns):
        return True  # a last word that is a place too: "над Луганском" (not "луганский")
    return False if best[0].tag.POS in AGREEING_POS else None


def _is_place_noun(nouns: list[Any]) -> bool:
    """Is one of the noun readings a place or organisation name ("Луганском": "Луганск")?"""
    return any({"Geox", "Orgn"} & p.tag.grammemes for p in nouns)


def _modifies(adjectives: list[Any], word: str, models: Models) -> bool:
    """True if one adjective reading agrees with a noun reading of ``word``."""
    return any(_agrees(a, p) for a in adjectives for p in parses(models, word) if p.tag.POS == "NOUN")


def _agrees(adjective: Any, noun: Any) -> bool:
    """Do an adjective and a noun reading agree in case, number and gender?

    An indeclinable noun (Fixd) agrees in any case; common-gender nouns in any gender.
    """
    a, n = adjective.tag, noun.tag
    if a.case != n.case and "Fixd" not in n and not (a.case in ("accs", "nomn") and n.case in ("accs", "nomn")):
        return False
    number = "plur" if "Pltm" in n else n.number
    if a.number != number:
        return False
    return number == "plur" or n.gender is None or "Ms-f" in n or a.gender == n.gender


def _is_abbreviation(word: str) -> bool:
    """An abbreviation, perhaps with a case ending: "ГЭС", "МИДа", "ОАЭ"."""
    return len(word) > 1 and word[:2].isupper() and word[:2].isalpha()


def _abbreviation_base(word: str, parse: Any) -> str:
    """Base form of an abbreviation or indeclinable head: "МИДа" -> "МИД", "ГЭС" stays."""
    if word.isupper() or not _is_abbreviation(word):
        return word
    form = _inflect(parse, {"nomn", "sing"}) or word
    caps = len(word) - len(word.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"))
    return form[:caps].upper() + form[caps:] if form.lower().startswith(word[:caps].lower()) else word


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
    entities = _other_entities(_merge_short_orgs(other)) + _merge_persons(per)
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


def _after_preposition(text: str, mention: Mention, models: Models) -> bool:
    """Does a preposition stand right before a name (it may then be in the locative: "о Сноудене")?"""
    before = re.search(r"([А-ЯЁа-яё]+)[ \t]+$", text[max(0, mention.start - 20) : mention.start])
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
    before = re.search(r"([А-ЯЁа-яё0-9-]+)[ \t]+$", text[max(0, mention.start - 40) : mention.start])
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
    after = re.match(r"[ \t]*,[ \t]+([а-яё]+)", text[mention.end : mention.end + 30])
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
    before = re.findall(r"[А-ЯЁа-яё-]+|[^\sА-ЯЁа-яё-]", text[max(0, mention.start - 80) : mention.start])
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
    found = re.match(r"[ \t]+([а-яё]+)", text[mention.end : mention.end + 40])
    before = re.search(r"([А-ЯЁа-яё-]+)[ \t]+$", text[max(0, mention.start - 40) : mention.start])
    if not found or (before and not _subject_may_follow(before.group(1), models)):
        return None
    verbs = [p for p in parses(models, found.group(1)) if p.tag.POS == "VERB" and p.tag.tense == "past"]
    genders = {p.tag.gender for p in verbs if p.tag.number == "sing"}
    gender = genders.pop() if len(genders) == 1 and verbs and verbs[0] is parses(models, found.group(1))[0] else None
    after = re.match(r"[ \t]+([А-ЯЁа-яё-]+)", text[mention.end + found.end() : mention.end + found.end() + 40])
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
