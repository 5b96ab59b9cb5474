"""The case and gender of the names role phrases stand next to, for ``_role_phrases``.

A role next to a name takes the name's case (``_name_cases``): the cases its words may have,
read from pymorphy3's parses of a known name or noun and from how a bare surname declines
("Иван Черных" and Latin-script names never do).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Mention
from ._lexicon import PERSON_NAME_GRAMMEMES, RUSSIAN_VOWELS
from ._role_phrases import _Analysis, _fold, _WORD


# Final vowels of foreign names that do not decline ("Пеле", "Колодни", "Шойгу"); "-а/-я" do.
INDECLINABLE_VOWELS = "еёиоуыэю"

# Surname endings that never decline, even of a man: "Иван Черных", "Пётр Седых".
INDECLINABLE_SURNAME_ENDINGS = ("ых", "их")

# A word in Cyrillic letters only (hyphens allowed): a Latin-script name never declines.
CYRILLIC_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def _name_parses(parses: list[Any]) -> tuple[list[Any], bool]:
    """The parses that tell a name word's case, and whether they read it as a known name.

    Its readings as a name pymorphy3 knows ("Анны", "Джиму") or else as any noun it is an
    inflected form of (a guess for an unknown surname says little, and an unknown word in its
    base form may be indeclinable: "Мелани Хэмрик"); singular ones first ("Анны" is no
    plural nominative).
    """
    names = [p for p in parses if PERSON_NAME_GRAMMEMES & set(p.tag.grammemes) and p.is_known]
    known = bool(names)
    if not names:
        names = [p for p in parses if p.tag.POS == "NOUN" and (p.is_known or p.normal_form != p.word)]
    return [p for p in names if p.tag.number != "plur"] or names, known


def _name_cases(analysis: _Analysis, mention: Mention, gender: str | None = None) -> set[str] | None:
    """Cases a person's name mention can be in; None when nothing is known (foreign names).

    Words read as known names decide, other words only without them ("Анны Франк" is
    genitive, "франк" being a currency). A mention equal to its base form is taken
    as nominative too: pymorphy3 reads many surnames as plural first names in the genitive
    ("Иксанов", "Абдрахманов"). A man's surname on a consonant written as in its base form
    is a nominative whatever pymorphy3 guesses ("Джо Байден": the genitive is "Байдена");
    ``gender`` is the person's, when the mention itself does not show it.
    """
    key = (mention.text, mention.normal, gender)
    if key in analysis.name_cases:  # the same name, base form and gender read alike
        found = analysis.name_cases[key]
        return None if found is None else set(found)
    found = _read_name_cases(analysis, mention, gender)
    analysis.name_cases[key] = None if found is None else frozenset(found)
    return found


def _read_name_cases(analysis: _Analysis, mention: Mention, gender: str | None) -> set[str] | None:
    """``_name_cases`` of one mention, read."""
    by_strength: dict[bool, set[str] | None] = {True: None, False: None}
    words = [m.group() for m in _WORD.finditer(mention.text)]
    gender = _mention_gender(analysis, words) or gender
    for word in words:
        cases, known = _word_cases(analysis, word, mention, gender)
        if not cases:
            continue
        had = by_strength[known]
        by_strength[known] = cases if had is None else (had & cases or had | cases)
    result = by_strength[True] if by_strength[True] is not None else by_strength[False]
    if result is not None and mention.normal and mention.text == mention.normal:
        return result | {"nomn"}
    return result  # None for a name pymorphy3 cannot read ("Eminem"): any case


def _word_cases(analysis: _Analysis, word: str, mention: Mention, gender: str | None) -> tuple[set[str], bool]:
    """The cases one word of a name mention tells (empty when it tells none), and whether it
    tells them as a known name: indeclinable words and guesses open to five cases tell none."""
    ps = analysis.parse(word)
    if gender == "masc" and _bare_surname(word, mention, ps):
        return {"nomn"}, True
    if _indeclinable(word, mention, ps):
        return set(), False
    parses, known = _name_parses(ps)
    cases = {_fold(p.tag.case) for p in parses if p.tag.case}
    if len(cases) >= 5 or any("Fixd" in p.tag for p in ps if p.tag.POS == "NOUN"):
        return set(), known
    return cases, known


def _indeclinable(word: str, mention: Mention, parses: list[Any]) -> bool:
    """Is a word of a name one pymorphy3 does not know, written as in the mention's base form and
    ending in a vowel that does not decline ("Пеле", "Колодни"; not "-а/-я")? Its guessed
    case ("Пеле" as a locative of "пель") says nothing."""
    low = word.lower()
    return low[-1:] in INDECLINABLE_VOWELS and not any(p.is_known for p in parses) and word in (mention.normal or "").split()


def _mention_gender(analysis: _Analysis, words: list[str]) -> str | None:
    """The gender a known first name of the mention read as a nominative shows ("Джо"
    masculine; not "Пола", a man's name only in the genitive), if one does."""
    for word in words[:-1]:
        genders = {p.tag.gender for p in analysis.parse(word) if "Name" in p.tag and p.is_known and p.tag.case == "nomn"} - {None}
        if len(genders) == 1:
            return genders.pop()
    return None


def _bare_surname(word: str, mention: Mention, parses: list[Any]) -> bool:
    """Is a capitalised Cyrillic word the surname (the last word) of a man's name, one that
    declines and stands as in its base form: it ends in a consonant (not "-их/-ых", which do
    not decline), pymorphy3 knows no indeclinable man's reading of it, and the mention's base
    form holds it unchanged? (The first of a Spanish double surname is left bare in any
    case: "лидера блока Энрике Каприлес Радонски".)"""
    low = word.lower()
    if not word[:1].isupper() or not CYRILLIC_WORD.fullmatch(low) or low[-1] in RUSSIAN_VOWELS or low.endswith(INDECLINABLE_SURNAME_ENDINGS):
        return False
    if any("Fixd" in p.tag and "femn" not in p.tag for p in parses):
        return False
    return word in (mention.normal or "").split() and word == mention.text.split()[-1]
