"""Base forms and parts of person names, for ``names``.

``parse_person`` reads a person mention word by word with one case and one gender agreed across
the name parts ("Анны Ивановой" -> "Анна Иванова"), reading a name the dictionary does not know as
names decline in Russian (``FOREIGN_ENDINGS``, ``pattern_readings``), and splits it into
first/middle/last. ``parses`` caches pymorphy3's parses per ``Models`` object; the other modules of
the names stage read words through it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .models import inflect
from ._lexicon import PATRONYMIC_ENDINGS, RUSSIAN_VOWELS, fold_case
from .models import Models


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
    words = [w.strip(",;:") for w in _SPACES.split(text[len(_glued_initials(text)) :])]
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

# Initials written onto a name without a space (``_glued_initials``), and the spaces between words.
_GLUED_INITIALS = re.compile(r"(?:[А-ЯЁA-Z][а-яёa-z]?\.-?)+(?=[А-ЯЁA-Z][а-яёa-z])")
_SPACES = re.compile(r"\s+")


def _glued_initials(text: str) -> str:
    """Initials written onto a name without a space ("Ю." of "Ю.Синдеева", "Ж.-К." of "Ж.-К.Трише")."""
    found = _GLUED_INITIALS.match(text)
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


# The longest word of a three-syllable East Asian name written in Cyrillic ("Чжин", "Мун").
EAST_ASIAN_SYLLABLE = 4


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
        if len(core) == 3 and parts["middle"] is None and all(len(words[i]) <= EAST_ASIAN_SYLLABLE for i in core):
            # "Пан Ги Мун", "Ким Чен Ын", "Мун Чжэ Ин": an East Asian name of three short
            # syllables keeps its middle one (a Western middle name may be left out)
            parts["middle"] = forms[core[1]]
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
    """``_read_word``, remembered per process by (word, hints): a text repeats its names, and
    each name is read again in another context (a verb, a preposition, a list) and by the
    article-level rules (``names._name_cases``, ``names._proves_sex``). Not to be changed in place."""
    return models.remember("name word readings", (word, hints), lambda: _read_word(word, hints, models))


def _read_word(word: str, hints: frozenset[str], models: Models) -> list[tuple[str, str | None, float]]:
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
