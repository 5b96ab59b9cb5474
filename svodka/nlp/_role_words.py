"""Words of role phrases, for ``_role_phrases``: tokens, quote marks and single-word readings.

The tokens of a text with "и.о." made one (``_merge_acting``), the quote marks around a token
(``_read_marks``), the forms of the lexicon's position words (``position_forms``,
``lexeme_forms``) and what one parse says: an occupation, a person's name, a gender.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import lexeme
from ._lexicon import (
    ACTING_ABBREVIATION, ACTING_DUTIES, PERSON_NAME_GRAMMEMES, AGE_ADJECTIVE_ENDING, CLOSE_ONLY_MARKS, EITHER_MARKS,
    FORMER_WORDS, GEO_ADJECTIVE_ENDINGS, NOT_POSITION_NOUNS, OPEN_ONLY_MARKS, POSITION_NOUNS, ROLE_EPITHETS,
)


# "исполняющий обязанности": an adjective that heads a title only before its noun.
ACTING_WORDS = {"исполняющий": ACTING_DUTIES}

# How many first letters an adjective heading a title ("уполномоченный", "управляющий",
# "исполняющий") shares with every one of its forms; the prefixes of those words.
ADJECTIVE_HEAD_PREFIX = 4
_ADJECTIVE_HEAD_PREFIXES = frozenset(w[:ADJECTIVE_HEAD_PREFIX] for w in POSITION_NOUNS | set(ACTING_WORDS))

# How an "и.о." token reads: the indeclinable word of the same meaning.
ACTING_READING = "врио"

# Quote marks: opening, closing, and the ambiguous ones that toggle (from the one table).
OPEN_QUOTES = OPEN_ONLY_MARKS
CLOSE_QUOTES = CLOSE_ONLY_MARKS
TOGGLE_QUOTES = EITHER_MARKS


@dataclass(slots=True)
class _Token:
    """A word of the text: its offsets and surface."""

    start: int
    end: int
    text: str


def position_forms(parse: Callable[[str], list[Any]]) -> frozenset[str]:
    """Every form (lower case, ё as е) of the nouns of the position lexicon, from pymorphy3's lexemes."""
    return lexeme_forms(POSITION_NOUNS, frozenset({"NOUN"}), parse)


def adjective_head_prefixes(parse: Callable[[str], list[Any]]) -> frozenset[str]:
    """The first letters of the position words an adjective may stand for, those pymorphy3
    reads as an adjective or participle ("управляющий", "уполномоченный", "исполняющий"): an
    adjective whose form shares none of them heads no title (``_Analysis.adjective_prefixes``)."""
    words = POSITION_NOUNS | set(ACTING_WORDS)
    return frozenset(w[:ADJECTIVE_HEAD_PREFIX] for w in words if any(p.tag.POS in ("ADJF", "PRTF") for p in parse(w)))


def lexeme_forms(lemmas: frozenset[str], pos: frozenset[str], parse: Callable[[str], list[Any]]) -> frozenset[str]:
    """Every form (lower case, ё as е) of the words ``lemmas`` read as ``pos``, from
    pymorphy3's lexemes (a verb's hold its participles and gerunds): a word outside them is
    none of those words, and need not be parsed to find that out."""
    forms: set[str] = set()
    for lemma in lemmas:
        for p in parse(lemma):
            if p.tag.POS in pos and p.normal_form.replace("ё", "е") == lemma.replace("ё", "е"):
                forms.update(f.word.replace("ё", "е") for f in lexeme(p))
        forms.add(lemma.replace("ё", "е"))
    return frozenset(forms)

def _merge_acting(text: str, tokens: list[_Token]) -> list[_Token]:
    """Tokens with each "и.о." made one, read as "врио" (its offsets are the text's)."""
    spans = [(m.start(), m.end()) for m in re.finditer(ACTING_ABBREVIATION, text)]
    if not spans:
        return tokens
    out: list[_Token] = []
    starts = [s for s, _ in spans]
    for token in tokens:
        k = bisect.bisect_right(starts, token.start) - 1  # the one span that may hold the token
        span = spans[k] if k >= 0 and token.start < spans[k][1] else None
        if span is None:
            out.append(token)
        elif not out or out[-1].start != span[0]:
            out.append(_Token(span[0], span[1], ACTING_READING))
    return out


def _read_marks(marks: str, quoted: bool) -> tuple[bool, bool, bool]:
    """Read the marks between two words of a tail: quotes up to the first other mark ("»." closes, then ends).

    Returns (another mark ends the tail, inside quotes after them, a quote opened from outside).
    """
    opened = False
    for ch in marks:
        if ch not in OPEN_QUOTES + CLOSE_QUOTES + TOGGLE_QUOTES:
            return True, quoted, opened
        if ch in OPEN_QUOTES or (ch in TOGGLE_QUOTES and not quoted):
            opened = opened or not quoted
            quoted = True
        else:
            quoted = False
    return False, quoted, opened


# pymorphy3 grammemes of proper nouns: such a noun names someone, it is no occupation.
PROPER_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"})


def _occupation_parses(parses: list[Any]) -> list[Any]:
    """Parses of a lower-case word as an animate common noun that may name an occupation
    ("пловчиха", "сенатор", "фельдшер"): not a proper noun, not in NOT_POSITION_NOUNS."""
    return [
        p
        for p in parses
        if p.tag.POS == "NOUN"
        and "anim" in p.tag
        and not PROPER_GRAMMEMES & set(p.tag.grammemes)
        and len(p.normal_form) > 2
        and p.normal_form.replace("ё", "е") not in NOT_POSITION_NOUNS
        and p.normal_form not in NOT_POSITION_NOUNS
    ]


def _person_name(parses: list[Any]) -> bool:
    """Do the parses of a capitalised word read it as a person's name: the best one, or a first
    name or patronymic pymorphy3 knows ("Прасковьи"), and no place?"""
    if any("Geox" in p.tag for p in parses):
        return False
    return bool(PERSON_NAME_GRAMMEMES & set(parses[0].tag.grammemes)) or any(p.is_known and {"Name", "Patr"} & set(p.tag.grammemes) for p in parses)


def _opens_phrase(parses: list[Any]) -> bool:
    """Is a word "бывшего" or "26-летнего": the start of another phrase, never a tail word?"""
    return any(p.tag.POS in ("ADJF", "PRTF") and (p.normal_form in FORMER_WORDS or p.normal_form.endswith(AGE_ADJECTIVE_ENDING)) for p in parses)


def _describes_person(parse: Any) -> bool:
    """Does an adjective before a title describe the person, not the post ("известный",
    "65-летний", "американский", "отравленный")?"""
    lemma = parse.normal_form
    if parse.tag.POS == "PRTF":  # a participle tells what befell the person: "отравленный"
        return True
    return lemma in ROLE_EPITHETS or lemma.endswith(AGE_ADJECTIVE_ENDING) or lemma.endswith(GEO_ADJECTIVE_ENDINGS)


def _gender(parse: Any) -> str | None:
    """Grammatical gender of a noun parse for agreement (common gender counts as masculine)."""
    if "ms-f" in parse.tag:
        return "masc"
    return parse.tag.gender
