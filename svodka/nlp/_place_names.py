"""Base forms of place and organisation mentions, for ``names``.

``_normalize_phrase`` inflects the words up to the head noun into the nominative, the head keeping
its number as written, adjectives agreeing with the head, the genitive tail kept ("Центральной
Азией" -> "Центральная Азия"); ``_place_nominatives`` reads a place the dictionary does not know as
place names decline ("Феррары" -> "Феррара"); ``_place_context`` reads the case the words before
a place mention give it.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..model import Article, Mention
from .models import lexeme
from ._lexicon import FIXED_PLACE_PARTS, GENITIVE_PREPOSITIONS, PLACE_KIND_NOUNS, PLACE_LINKS, RUSSIAN_VOWELS
from .models import Models
from ._person_names import parses, _inflect, _key, _restore_case, _stem_tail


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

# Stem endings of feminine place names in -а ("Дорогинка", "Сребреница"): their oblique forms
# in -е/-у are read as feminine first.
FEMININE_STEMS = ("к", "иц")

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
