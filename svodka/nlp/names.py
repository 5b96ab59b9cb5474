"""Base forms of entity mentions and merging of mentions of one real-world thing.

``normalize_entities`` reads the mentions ``tag_entities`` found and:

- gives every mention its base form with pymorphy3 (``models.parse``): persons word by word
  with one case and one gender agreed across the name parts ("Анны Ивановой" -> "Анна
  Иванова", "Жана-Марка Эйро" -> "Жан-Марк Эйро"); places and organisations by inflecting the
  words up to the head noun into the nominative, the head keeping its number as written,
  adjectives agreeing with the head, and keeping the genitive tail ("Центральной Азией" ->
  "Центральная Азия", "Вооружённых сил Армении" -> "Вооружённые силы Армении"); before an
  indeclinable head an adjective keeps its own gender ("Жигулёвской ГЭС" -> "Жигулёвская ГЭС");
- splits person names into first/middle/last (pymorphy3's Name/Surn/Patr tags, patronymic
  endings; a lone surname is a last name);
- merges mentions: persons by last name with no conflicting first name, named by the fullest
  form in the article ("Абдрахманов" joins "Кайрат Абдрахманов"); places and organisations by
  equal base form;
- numbers the entities "e1", "e2"... in order of first mention.

Parses are cached per ``Models`` object (``parses``), so repeated words cost one lookup.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..model import Article, Entity, Mention
from ._lexicon import PATRONYMIC_ENDINGS
from .models import Models

__all__ = ["normalize_entities", "normalize_mention", "parse_person", "parses"]



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

# Parts of speech inflected to the nominative before the head of a place/org name.
AGREEING_POS = frozenset({"ADJF", "PRTF", "NUMR"})


# Case endings of masculine surnames by case, tried in order, with what replaces them in the
# nominative ("й?" adds -й after a vowel: "Карзаем" -> "Карзай", "Лепажем" -> "Лепаж").
SURNAME_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "ablt": (("ым", ""), ("ом", ""), ("ем", "й?"), ("ой", "а")),  # "Лулой" -> "Лула"
    "gent": (("а", ""), ("я", "й?")),
    "accs": (("а", ""), ("я", "й?")),
    # dative -у and locative -е are left alone: foreign surnames that never decline end so
    # too ("Баррозу", "Жозе").
}

def parses(models: Models, word: str) -> list[Any]:
    """pymorphy3 parses of a Cyrillic word (from the process's one cache, ``models.parse``); none for other words."""
    return models.parse(word) if _cyrillic(word) else []


def _cyrillic(word: str) -> bool:
    return any("а" <= c.lower() <= "я" or c in "ёЁ" for c in word)


def _restore_case(form: str, original: str) -> str:
    """Give ``form`` the capitalisation of ``original`` (per hyphen part; ALL CAPS kept)."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    form_parts, orig_parts = form.split("-"), original.split("-")
    if len(form_parts) != len(orig_parts):
        orig_parts = [original] * len(form_parts)
    return "-".join(f.capitalize() if o[:1].isupper() else f for f, o in zip(form_parts, orig_parts))


def _inflect(parse: Any, grammemes: set[str]) -> str | None:
    try:
        result = parse.inflect(grammemes)
    except (ValueError, KeyError):
        return None
    return result.word if result else None


# ---------------------------------------------------------------------------- persons


def parse_person(text: str, models: Models) -> dict[str, Any]:
    """Split a person mention into base-form parts (remembered per process: names recur).

    Args:
        text: the mention as written ("Жана-Марка Эйро", "Абдрахманова").
        models: loaded models (``models.parse``).
    Returns:
        ``{"first", "middle", "last", "normal", "last_keys", "gender"}``: parts in the
        nominative (``None`` when absent); ``last_keys`` are the lower-case base forms the last
        name may have (a lone "Абдрахманова" may be "абдрахманов" or "абдрахманова").
    """
    found = models.remember("person", text, lambda: _parse_person(text, models))
    return {**found, "last_keys": set(found["last_keys"])}


def _parse_person(text: str, models: Models) -> dict[str, Any]:
    words = [w.strip(",.;:") for w in text.split()]
    words = [w for w in words if w and any(c.isalpha() for c in w)]
    initials = [w for w in words if re.fullmatch(r"(?:[А-ЯЁA-Z]\.)+", w + ("" if w.endswith(".") else "."))]
    words = [w for w in words if w not in initials]
    case, gender = _agree(words, models)
    forms, tags, keys = _word_forms(words, case, gender, _case_proved(words, case, gender, models), models)
    parts = _name_parts(words, forms, tags, models)
    last_keys = set()
    for i, form in enumerate(forms):
        if parts["last"] is not None and parts["last"].endswith(form):
            last_keys |= keys[i]
    normal = " ".join(forms) if forms else text
    return {**parts, "normal": normal, "last_keys": last_keys, "gender": gender}


def _case_proved(words: list[str], case: str | None, gender: str | None, models: Models) -> bool:
    """Does a dictionary word that cannot be nominative ("Юрию") prove the name's case?

    Then unknown words are inflected too ("Мильнеру" -> "Мильнер"), else only Russian-looking
    ones. "Вадима" is also a woman's name in the nominative, but not for a man.
    """
    return case != "nomn" and any(
        p.is_known and p.tag.case == case for w in words for p in parses(models, w)[:1]
    ) and not any(
        p.is_known and p.tag.case == "nomn" and _nameish(p) and _gender_ok(p, gender)
        for w in words
        for p in parses(models, w)
    )


def _word_forms(
    words: list[str], case: str | None, gender: str | None, case_proved: bool, models: Models
) -> tuple[list[str], list[str | None], list[set[str]]]:
    """Per word of a name: its nominative, its dictionary name tag (Patr/Name/Surn) and its base-form keys."""
    forms: list[str] = []
    tags: list[str | None] = []
    keys: list[set[str]] = []
    for word in words:
        parse = _pick(word, case, gender, models)
        form = word
        tag = None
        if parse is not None:
            inflected = _inflect(parse, {"nomn", "sing"} if "Pltm" not in parse.tag else {"nomn"})
            known = _is_known(parse, word, models)
            if inflected and (known or case_proved or _key(inflected).endswith(RUSSIAN_NAME_ENDINGS)):
                form = _restore_case(inflected, word)
            # dictionary words only: pymorphy3 guesses Name/Surn for any unknown word
            if known:
                tag = next((t for t in ("Patr", "Name", "Surn") if t in parse.tag), None)
        elif case_proved and gender == "masc" and _cyrillic(word):
            form = _guess_masculine_nominative(word, case) or word
        forms.append(form)
        tags.append(tag)
        keys.append({_key(form)} | {_key(f) for f in _nominatives(word, models)})
    return forms, tags, keys


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


def _guess_masculine_nominative(word: str, case: str | None) -> str | None:
    """Nominative of an unknown man's surname in a case proved by the rest of the name.

    pymorphy3 has no reading of "Карзаем" or "Карасиным" as a surname in the instrumental,
    but the first name ("Хамидом") proves the case, and masculine surnames decline
    regularly: -ом/-ым/-ем (ablt), -а/-я (gent, accs).
    """
    for ending, replacement in SURNAME_ENDINGS.get(case or "", ()):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if replacement == "й?":  # a vowel before the ending: the stem ended in -й
                replacement = "й" if stem[-1].lower() in "аеёиоуыэюя" else ""
            return stem + replacement
    return None


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


def _agree(words: list[str], models: Models) -> tuple[str | None, str | None]:
    """The (case, gender) that best fits all words of a person's name."""
    # Per word, its name-like readings once: (case, gender or None for both, score with the
    # bonus for a dictionary name). Reading tags is the costly part; the 12 case-gender
    # pairs below only compare these.
    readings = [
        [
            (p.tag.case, None if p.tag.gender is None or "ms-f" in p.tag.grammemes else p.tag.gender,
             p.score + (0.5 if {"Name", "Surn", "Patr"} & p.tag.grammemes else 0.0))
            for p in parses(models, word)
            if _nameish(p)
        ]
        for word in words
    ]
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    for gender in ("masc", "femn"):
        for rank, case in enumerate(CASES):
            total = 0.0
            for found in readings:
                total += max((score for c, g, score in found if c == case and (g is None or g == gender)), default=0.0)
            # Ties: masculine first (a lone "Абдрахманова" is more often the genitive of
            # "Абдрахманов" in news; a full name in the article overrides it when merging),
            # then the nominative, then the order of CASES.
            total -= rank * 1e-3 + (0.0 if gender == "masc" else 0.01)
            if total > best[0]:
                best = (total, case, gender)
    return best[1], best[2]


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
        for p in parses(models, word)
        if _nameish(p) and p.tag.case == case and _gender_ok(p, gender)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (bool({"Name", "Surn", "Patr"} & p.tag.grammemes), p.score))


# ---------------------------------------------------------------------------- places, orgs


def normalize_mention(text: str, kind: str, models: Models) -> str:
    """Base form of one mention.

    Args:
        text: the mention as written.
        kind: "PER", "LOC" or "ORG".
        models: loaded models.
    Returns:
        The base form ("Центральной Азией" -> "Центральная Азия").
    """
    if kind == "PER":
        return parse_person(text, models)["normal"]
    return models.remember("phrase", text, lambda: _normalize_phrase(text, models))


def _normalize_phrase(text: str, models: Models) -> str:
    """Inflect the words up to the head noun into the nominative; keep the tail.

    The head keeps the number it has in the text ("Вооружённых сил" -> "Вооружённые силы",
    "Соединённых Штатов" -> "Соединённые Штаты"); the head's reading is the one its modifiers
    agree with, so "Вооружённые силы" is not read as the genitive singular "силы". An
    abbreviation or indeclinable word is a head too ("Жигулёвской ГЭС" -> "Жигулёвская ГЭС").
    """
    tokens = re.split(r"(\s+)", text)
    words = [(i, t) for i, t in enumerate(tokens) if t.strip()]
    position = _head_position([w for _, w in words], models)
    if position is None:
        return text
    modifiers = [parses(models, w) for _, w in words[:position]]
    modifiers = [[p for p in readings if p.tag.POS in AGREEING_POS] for readings in modifiers]
    i_head, head_word = words[position]
    head_parse = max(
        (p for p in parses(models, head_word) if p.tag.POS == "NOUN"),
        key=lambda p: (
            sum(any(_agrees(a, p) for a in readings) for readings in modifiers),
            bool({"Geox", "Orgn"} & p.tag.grammemes),
            p.score,
        ),
        default=None,
    )
    if head_parse is None:
        return text
    number = "plur" if "Pltm" in head_parse.tag else head_parse.tag.number or "sing"
    out = list(tokens)
    if _is_abbreviation(head_word) or "Fixd" in head_parse.tag:
        out[i_head] = _abbreviation_base(head_word, head_parse)
    else:
        head_form = _inflect(head_parse, {"nomn", number}) or _inflect(head_parse, {"nomn"})
        if head_form is None:
            return text
        out[i_head] = _restore_case(head_form, head_word)
    for (i, word), readings in zip(words[:position], modifiers):
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
            reading, own_number, gender = readings[0], number, head_parse.tag.gender
        else:
            continue
        grammemes = {"nomn", "plur"} if own_number == "plur" else {"nomn", "sing", gender or "masc"}
        form = _inflect(reading, grammemes)
        if form:
            out[i] = _restore_case(form, word)
    return "".join(out)


def _head_position(words: list[str], models: Models) -> int | None:
    """Index of the head noun of a place/org name: the first noun after its modifiers.

    A word that is a noun and also an adjective agreeing with the next word is a modifier
    ("Главного управления": "главное" is a noun too). Latin words, digits and other words
    that are neither stop the search (the name is then left as written).
    """
    for position, word in enumerate(words):
        if _is_abbreviation(word):
            return position
        best = parses(models, word)
        if not best:
            return None
        nouns = [p for p in best if p.tag.POS == "NOUN"]
        adjectives = [p for p in best if p.tag.POS in AGREEING_POS]
        if nouns and best[0].tag.POS not in AGREEING_POS:
            following = words[position + 1] if position + 1 < len(words) else None
            if not (adjectives and following and _modifies(adjectives, following, models)):
                return position
        elif best[0].tag.POS not in AGREEING_POS:
            return None
    return None


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
    parsed: dict[str, dict[str, Any]] = {}
    for entity in article.entities:
        for mention in entity.mentions:
            roles.setdefault(id(mention), []).extend(entity.roles)
            if entity.type == "PER" and mention.kind == "name":
                # one parse per distinct text (a long text repeats each name many times)
                if mention.text not in parsed:
                    parsed[mention.text] = parse_person(mention.text, models)
                info = {**parsed[mention.text]}
                info["last_keys"] = set(info["last_keys"])
                mention.normal = info["normal"]
                per.append((mention, info))
            else:
                if not mention.normal:
                    mention.normal = normalize_mention(mention.text, entity.type, models) if mention.kind == "name" else mention.text
                other.setdefault((entity.type, _key(mention.normal)), []).append(mention)
    other = _merge_short_orgs(other)
    entities: list[Entity] = []
    for (kind, _), mentions in other.items():
        names = [m.normal for m in mentions if m.kind == "name"] or [mentions[0].normal]
        counts = Counter(names)  # names.count per name was quadratic in the mentions
        entities.append(Entity(id="", type=kind, name=max(names, key=lambda n: (len(n), counts[n])), mentions=mentions))
    entities.extend(_merge_persons(per))
    for entity in entities:
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        for mention in entity.mentions:
            for role in roles.get(id(mention), []):
                if role not in entity.roles:
                    entity.roles.append(role)
    entities.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end) if e.mentions else (1 << 60, 0))
    for number, entity in enumerate(entities, 1):
        entity.id = f"e{number}"
    article.entities = entities
    return article


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
        if target["last"] and _key(target["last"]) in info["last_keys"] and info["first"] is None and info["middle"] is None:
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
