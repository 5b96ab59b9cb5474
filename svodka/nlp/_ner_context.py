"""NER corrections that read the words around a span (rules 8-11 of ``svodka.nlp.ner``).

How Russian news writes names that slovnet takes for persons or organisations:

8. a place in the genitive, governed by the word before it, stays out of the person after
   it: "губернатор Приморья Олег Кожемяко", "главы города Иванова Вячеслава Сверчкова"
   (LOC, then PER);
9. capitalised words after a street noun name the street ("на улице Михаила Грушевского"
   is one LOC with its head, as factRuEval marks "Манежной площади"); after "имени"/"им."
   following an institution they end its name, one ORG ("театр им. Галиаскара Камала");
10. a single Latin word formed like a process or scandal name ("Brexit", "Dieselgate"), or
    right after a noun of a process or disease ("пандемия Covid"), is not an ORG;
11. a lone one-word person that is no part of a full name in the text is a place when all
    its readings are place names ("Трансильвания", "граф Ливерпуля"), or when it is a first
    name that gives a capitalised place adjective in the same text ("Фархад" beside
    "Фархадская ГЭС": a name that gives a relational adjective names a place or object).

Spans are ``(start, end, type)`` tuples over the text; ``tokens`` is its ``AnalysedText``.
"""

from __future__ import annotations

import re

from ._lexicon import (
    PERSON_NAME_GRAMMEMES,
    PLACE_KIND_NOUNS,
    LATIN_PROCESS_SUFFIXES,
    NAMED_AFTER_MARKS,
    NAMED_INSTITUTION_HEADS,
    PROCESS_HEADS,
    QUOTED_NAME_HEADS,
    STREET_ABBREVIATIONS,
    STREET_HEADS,
    is_position,
)
from .models import Models
from ._person_names import NAME_PARTICLES, parses
from .text import AnalysedText

__all__ = ["split_place_from_person", "add_named_after", "drop_latin_processes", "retype_lone_places"]

Span = tuple[int, int, str]

# Most name words after a street noun or "имени" ("имени Роберта Габриэля Мугабе").
MAX_NAMED_AFTER_WORDS = 4

# A single Latin word in the form of an ordinary capitalised word ("Brexit", "Covid"): not
# an abbreviation ("BBC") nor an inner capital ("YouTube"), the forms organisations take.
PLAIN_LATIN_WORD = re.compile(r"[A-Z][a-z]+")

# A regnal number after a name ("имени Эдуарда VII").
ROMAN_NUMERAL = re.compile(r"[IVXL]+")


# Every form of a street noun starts with the first letters of its lemma ("улице", "площади"):
# a word that starts otherwise is not parsed to find out (the rule looks at every token).
STREET_PREFIX = 3
STREET_PREFIXES = frozenset(h[:STREET_PREFIX] for h in STREET_HEADS)

# A capitalised relational adjective, the form a place name gives ("Фархадской", "Московский").
RELATIONAL_ADJECTIVE = re.compile(r"[А-ЯЁ][а-яё-]*ск(?:ий|ая|ое|ие|ого|ой|ому|ую|им|ом|их|ими)")


# ---------------------------------------------------------------------------- rule 8


def split_place_from_person(text: str, tokens: AnalysedText, start: int, end: int, models: Models) -> list[Span]:
    """A person span that starts with a governed genitive place: the place, then the person.

    The first word must have a dictionary place reading in the genitive, the word before the
    span must govern it (a lower-case word or a position noun: "губернатор", "города"), and a
    first name plus a non-patronymic last word must follow ("Иванова Мария Петровна" after
    "гражданка" is a surname first, and stays).
    """
    whole = [(start, end, "PER")]
    inside = [i for i in tokens.inside(start, end) if tokens.items[i][2].isalpha()]
    if len(inside) < 3 or tokens.items[inside[0]][0] != start:
        return whole
    first, name, last = (tokens.items[i][2] for i in (inside[0], inside[1], inside[-1]))
    if not (_genitive_place(first, models) and _first_name(name, models) and _governed(tokens, inside[0], models)):
        return whole
    if any("Patr" in p.tag for p in parses(models, last)[:1]):
        return whole
    return [(start, tokens.items[inside[0]][1], "LOC"), (tokens.items[inside[1]][0], end, "PER")]


def _genitive_place(word: str, models: Models) -> bool:
    return any(p.is_known and "Geox" in p.tag and p.tag.case == "gent" for p in parses(models, word))


def _first_name(word: str, models: Models) -> bool:
    return word[:1].isupper() and any(p.is_known and "Name" in p.tag for p in parses(models, word))


def _governed(tokens: AnalysedText, index: int, models: Models) -> bool:
    """Is the token before ``index`` a word that governs a genitive (lower-case, or a position)?"""
    if index == 0:
        return False
    word = tokens.items[index - 1][2]
    if not word.isalpha():
        return False
    best = parses(models, word)[:1]
    return word.islower() or bool(best and is_position(best[0].normal_form))


# ---------------------------------------------------------------------------- rule 9


def add_named_after(text: str, tokens: AnalysedText, spans: list[Span], models: Models) -> list[Span]:
    """Rule 9: streets and "имени ..." names; the persons slovnet saw in them go."""
    out = list(spans)
    items = tokens.items
    for i in range(len(items)):
        word = items[i][2]
        low = word.lower()
        if low not in STREET_ABBREVIATIONS and low not in NAMED_AFTER_MARKS and word[:STREET_PREFIX].lower() not in STREET_PREFIXES:
            continue  # the first tests of ``_street`` and ``_named_after``, without two calls a token
        found = _street(tokens, i, out, models) or _named_after(tokens, i, out, models)
        if found is None:
            continue
        head, first, kind = found
        last = _name_run(tokens, first, models, coordinated=kind != "LOC")
        if last is None:
            continue
        start, end = head, items[last][1]
        held = [sp for sp in out if sp[0] < end and items[first][0] < sp[1]]
        if held and not any(k == "PER" for _, _, k in held):
            continue  # "улицы Лондона": slovnet's place or org stands
        out = [sp for sp in out if not (sp[0] < end and start < sp[1])]
        out.append((start, end, kind))
    return out


def _street(tokens: AnalysedText, i: int, spans: list[Span], models: Models) -> tuple[int, int, str] | None:
    """``(head start, first name token, "LOC")`` for a street noun at token ``i``, else None
    (also when the noun is in a place or org span already: "на Красной площади Путин")."""
    items = tokens.items
    word = items[i][2]
    nxt = i + 1
    if word.lower() in STREET_ABBREVIATIONS:
        if nxt < len(items) and items[nxt][2] == ".":
            nxt += 1
    else:
        if word[:STREET_PREFIX].lower() not in STREET_PREFIXES:
            return None
        best = parses(models, word)[:1]
        if not best or best[0].tag.POS != "NOUN" or best[0].normal_form not in STREET_HEADS:
            return None
    # The span scan only for street words (it is linear in the spans: not for every token).
    if any(s <= items[i][0] < e and k != "PER" for s, e, k in spans):
        return None
    if nxt < len(items) and items[nxt][2].lower() in NAMED_AFTER_MARKS:  # "улица имени Ленина"
        if items[nxt][2].lower() != "им":
            nxt += 1
        elif nxt + 1 < len(items) and items[nxt + 1][2] == ".":  # "им." (a bare "им" is a pronoun)
            nxt += 2
    return (items[i][0], nxt, "LOC") if nxt < len(items) else None


def _named_after(tokens: AnalysedText, i: int, spans: list[Span], models: Models) -> tuple[int, int, str] | None:
    """For "им."/"имени" at token ``i`` after an institution: ``(head start, first name token, "ORG")``.

    The institution is an ORG span or an institution noun right before. After other nouns
    ("день молодежи имени ...", "премия имени ...") the person stays; "по имени", "от имени"
    are not names at all.
    """
    items = tokens.items
    word = items[i][2].lower()
    if word not in NAMED_AFTER_MARKS or i == 0:
        return None
    first = i + 1
    if word == "им":
        if first >= len(items) or items[first][2] != ".":
            return None
        first += 1
    if first >= len(items):
        return None
    before = items[i - 1]
    org = next((sp for sp in spans if sp[1] == before[1] and sp[2] == "ORG"), None)
    if org is not None:
        return org[0], first, "ORG"
    best = parses(models, before[2])[:1]
    if not best or best[0].tag.POS != "NOUN" or best[0].normal_form not in NAMED_INSTITUTION_HEADS:
        return None
    return before[0], first, "ORG"


def _name_run(tokens: AnalysedText, first: int, models: Models, coordinated: bool) -> int | None:
    """Index of the last token of the capitalised name words from ``first`` (initials with
    their dots; "и" between names after "имени": "Станиславского и Немировича-Данченко").

    A street or institution is named after someone in the genitive ("улица Ленина"): a word
    that cannot be genitive ends the run ("на площади Путин выступил": the subject).
    """
    items = tokens.items
    last, words, j = None, 0, first
    while j < len(items) and words < MAX_NAMED_AFTER_WORDS:
        word = items[j][2]
        following = items[j + 1][2] if j + 1 < len(items) else ""
        if _name_word(word, models):
            last, words = j, words + 1
            if len(word) == 1 and following == ".":
                j += 1  # an initial: "им. А. С. Пушкина"
        elif last is not None and ROMAN_NUMERAL.fullmatch(word):
            last = j  # "Эдуарда VII"
        elif not (last is not None and following[:1].isupper() and _joins_names(word, coordinated)):
            break
        j += 1
    if last is not None and len(items[last][2]) == 1:
        return None  # initials with no surname after them
    return last


def _joins_names(word: str, coordinated: bool) -> bool:
    """A particle inside a name ("Шарля де Голля"), or "и" between names after "имени"."""
    return word in NAME_PARTICLES or (coordinated and word == "и")


def _name_word(word: str, models: Models) -> bool:
    """A capitalised word or an initial that can be the genitive of a name."""
    if not word[:1].isupper() or not word.replace("-", "").isalpha():
        return False
    return len(word) == 1 or _can_be_genitive(word, models)


def _can_be_genitive(word: str, models: Models) -> bool:
    """Can the word be genitive, as a name when it reads as one ("Путин" is no "путина")?"""
    readings = parses(models, word)
    names = [p for p in readings if PERSON_NAME_GRAMMEMES & p.tag.grammemes]
    return any(p.tag.case == "gent" for p in names or readings)


# ---------------------------------------------------------------------------- rule 10


def drop_latin_processes(text: str, tokens: AnalysedText, spans: list[Span], models: Models) -> list[Span]:
    """Rule 10: a plain Latin word formed like a process name, or after a process noun, is no ORG."""
    return [span for span in spans if not _latin_process(text, tokens, span, models)]


def _latin_process(text: str, tokens: AnalysedText, span: Span, models: Models) -> bool:
    start, end, kind = span
    word = text[start:end]
    if kind != "ORG" or not PLAIN_LATIN_WORD.fullmatch(word):
        return False
    index = tokens.starts.get(start)
    before = parses(models, tokens.items[index - 1][2])[:1] if index else []
    head = before[0].normal_form if before else None
    if head in QUOTED_NAME_HEADS:
        return False  # "компания Brexit": an organisation noun names it one
    return word.lower().endswith(LATIN_PROCESS_SUFFIXES) or head in PROCESS_HEADS


# ---------------------------------------------------------------------------- rule 11


def retype_lone_places(text: str, tokens: AnalysedText, spans: list[Span], models: Models) -> list[Span]:
    """Rule 11: a lone one-word person is a place when its readings or its adjective say so."""
    in_full_names = {
        _lemma(word, models)
        for s, e, k in spans
        if k == "PER" and len(text[s:e].split()) > 1
        for word in text[s:e].split()
    }
    adjectives: set[str] | None = None
    out = []
    for s, e, k in spans:
        word = text[s:e]
        if k == "PER" and word.isalpha() and _lemma(word, models) not in in_full_names:
            if adjectives is None:
                adjectives = _capitalised_adjective_lemmas(tokens, models)
            if _place_only(word, models) or _gives_adjective(word, adjectives, models):
                k = "LOC"
        out.append((s, e, k))
    return out


def _lemma(word: str, models: Models) -> str:
    best = parses(models, word)[:1]
    return best[0].normal_form if best else word.lower()


def _place_only(word: str, models: Models) -> bool:
    """Every reading a declinable place name, none a person's name ("Трансильвания", "Ливерпуля")."""
    readings = parses(models, word)
    return bool(readings) and all("Geox" in p.tag and "Fixd" not in p.tag and not PERSON_NAME_GRAMMEMES & p.tag.grammemes for p in readings)


def _gives_adjective(word: str, adjectives: set[str], models: Models) -> bool:
    """A first name (never a surname) whose relational adjective is in the text: "Фархад", "Фархадская"."""
    readings = parses(models, word)
    if not any("Name" in p.tag for p in readings) or any("Surn" in p.tag for p in readings):
        return False
    lemmas = {p.normal_form for p in readings if "Name" in p.tag}
    return any(lemma + "ский" in adjectives or lemma[:-1] + "ский" in adjectives for lemma in lemmas)


def _capitalised_adjective_lemmas(tokens: AnalysedText, models: Models) -> set[str]:
    """Lemmas of the capitalised relational adjectives of a text ("Фархадской" -> "фархадский").

    Not before a kind of place ("Владимирская область", "Ярославский край"): those are named
    after a town, and a lone "Владимир" or "Ярослав" in the same text is still a man."""
    out = set()
    items = tokens.items
    for n, (_s, _e, word) in enumerate(items):
        if not RELATIONAL_ADJECTIVE.fullmatch(word):
            continue
        after = parses(models, items[n + 1][2])[:1] if n + 1 < len(items) else []
        if after and after[0].normal_form in PLACE_KIND_NOUNS:
            continue
        out.update(p.normal_form for p in parses(models, word)[:1] if p.tag.POS == "ADJF")
    return out
