"""Outlet names as pages and feeds show them, tidied into the name a reader would cite.

Shared by the dump and HTML cleaners and the feed reader. A site shows its name in many
dresses: a feed titled "Агентство Восток-Пресс — Лента новостей", a logo line in capitals
("ФЕРГАНСКИЙ ВЕСТНИК"), a copyright line "© 2020 ИА «Заречье». Все права защищены". The
helpers here strip what is not the name (a section, the kind of outlet, years, legal words)
and put capitals right; they never invent a name the text does not hold.
"""

from __future__ import annotations

import re

from ..nlp._person_names import RUSSIAN_NAME_ENDINGS

__all__ = ["COPYRIGHT_HEAD", "COUNTER_NAME", "CREDIT_WORDS", "FUNCTION_WORDS", "NAME_SEPARATORS", "tidy_outlet", "outlet_from_title", "outlet_from_copyright", "person_shaped", "sentence_case"]

# Separators between an outlet's name and a section or a headline: "Сайт — Новости",
# "Сайт | Главное", "Сайт - RSS", "Сайт :: Статья". Spaces around them are required, so a
# hyphenated name ("Восток-Пресс", "Тянь-Шань") is never split.
NAME_SEPARATORS = re.compile(r"\s+(?:[—–|-]|::|»)\s+")

# Visit counters and ratings whose buttons a page shows in its footer ("Рейтинг@Mail.ru",
# "Top.Mail.Ru", "LiveInternet", "Яндекс.Метрика"): never the outlet's name.
COUNTER_NAME = re.compile(
    r"(?:top\.?mail\.ru|рейтинг@mail|liveinternet|яндекс\.?метрик|yandex\.?metri[ck]|rambler'?s? ?top|top ?100|"
    r"openstat|hotlog|bigmir\)?net|счетчик|счётчик)",
    re.I,
)

# Words of a credit line naming someone else than the outlet: a partner or a sponsor
# ("Информационный партнер ТПП России", "При поддержке ...").
CREDIT_WORDS = re.compile(r"(?<!\w)(?:партн[её]р\w*|спонсор\w*|при поддержке|partner\w*|sponsor\w*)", re.I)

# Parts of a feed or page title that name a section of the site, not the site: what is left
# beside them is the outlet ("Лента новостей", "Главное", "RSS", "Все новости").
SECTION_PART = re.compile(
    r"^(?:rss(?:[- ](?:лента|канал|feed))?|atom|feed|news|latest(?: news)?|top stories|главное|главные новости|"
    r"лента(?: новостей)?|новостная лента|(?:все |последние |свежие |главные )?новости(?: дня| часа| сегодня)?|"
    r"статьи|публикации|материалы|все материалы|свежие материалы|новое|последнее)$",
    re.I,
)

# The kind of outlet written before its name, with up to two adjectives ("Агентство
# Восток-Пресс", "ИА «Заречье»", "Медицинский портал «Здоровье»", "Сайт газеты Вечерний
# Город"): dropped when a capitalised or quoted name follows, so "Российская газета" and
# "Первый канал" stay whole. "Радио" and "Телеканал" stay out: they are often the name itself.
OUTLET_KIND = re.compile(
    r"^(?:(?:[а-яё-]+(?:ая|ое|ый|ий|ой|ые)\s+){0,2}(?:агентство(?: новостей)?|информагентство|издание|"
    r"интернет-издание|газета|интернет-газета|еженедельник|журнал|портал|интернет-портал|медиа[- ]?группа|"
    r"медиахолдинг|новостная служба|служба новостей|сайт(?: газеты| журнала| издания| агентства)?)|иа|сми)"
    r"\s+(?=(?-i:[«\"“„A-ZА-ЯЁ]))",
    re.I,
)

# The kind of outlet written after its name, in words no name ends with ("N + 1
# Интернет-издание"; "Российская газета" keeps its "газета").
OUTLET_KIND_AFTER = re.compile(r"\s+(?:интернет-издание|сетевое издание|(?:электронное )?периодическое издание|интернет-газета)$", re.I)

# What follows a copyright sign but is not the outlet: founders, publishers, web designers,
# a company form (Russian ООО/ЗАО, Ukrainian ЧАО/ПАТ/ТОВ).
COPYRIGHT_NOT_NAME = re.compile(
    r"^(?:учредител|издател|филиал|разработ|дизайн|создание|продвижение|поддержка|хостинг|design|developed|powered|made by|"
    r"(?:ооо|оао|зао|ао|пао|чао|пат|тов|ип|llc|ltd|inc)\b)",
    re.I,
)

# Legal words of a copyright line that end the name ("Все права защищены", "ООО ...").
COPYRIGHT_TAIL = re.compile(
    r"\s*(?:[.,;|]\s|\.$|\s—\s|\s-\s|\s/\s|все права|all rights|перепечатка|при (?:использовании|цитировании|перепечатке)|"
    r"использование материалов|18\+|16\+|12\+|6\+|0\+)",
    re.I,
)

# Start of a copyright line: the sign or word, then years ("© 2011–2020", "(c) 2019,").
COPYRIGHT_HEAD = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:19|20)\d\d)?\s*[,.]?\s*)?", re.I)

# Years at the end of a copyright name ("Тянь-Шань Ньюс, 2020").
TRAILING_YEARS = re.compile(r"[\s,]*(?:(?:19|20)\d\d\s*[-–—]?\s*)+$")

# Words of at most this many letters written in capitals are acronyms and stay in capitals
# when an all-capitals name is put in sentence case ("РИА", "ТАСС", "ИА").
ACRONYM_MAX_LETTERS = 4

# Short words that are never acronyms: prepositions and conjunctions inside a name.
FUNCTION_WORDS = frozenset("в во на по из и у о об за до от к ко с со для при над под без через".split())

# An outlet name has at most this many words; longer text is a slogan or a sentence.
NAME_MAX_WORDS = 6

# Quotes around a name ("«Северная панорама»").
_QUOTES = "«»\"“”„'"


def sentence_case(name: str) -> str:
    """An all-capitals name of several words in sentence case, acronyms kept.

    "ФЕРГАНСКИЙ ВЕСТНИК" -> "Ферганский вестник", "РИА НОВОСТИ" -> "РИА Новости" (the first
    word that is not an acronym gets the capital). Names in mixed case, and one-word names
    ("ТАСС", "REGNUM"), are returned as they are: capitals there are the outlet's choice.
    """
    words = name.split()
    letters = [c for c in name if c.isalpha()]
    if len(words) < 2 or not letters or any(c.islower() for c in letters):
        return name
    if all(len(_letters(w)) <= ACRONYM_MAX_LETTERS for w in words):
        return name  # "ИА РБК": acronyms only
    out, capital_done = [], False
    for word in words:
        size = len(_letters(word))
        low = word.lower()
        if low.strip(_QUOTES + ".,") in FUNCTION_WORDS and out:
            out.append(low)  # "ВЕСТИ НА ДОНУ" -> "Вести на дону": a preposition is no acronym
        elif 2 <= size <= ACRONYM_MAX_LETTERS:
            out.append(word)
        elif not capital_done:
            # each part of a hyphenated first word: "ТЯНЬ-ШАНЬ НЬЮС" -> "Тянь-Шань ньюс"
            out.append("-".join(_capitalise(p) for p in low.split("-")))
            capital_done = True
        else:
            out.append(low)
    return " ".join(out)


def _capitalise(word: str) -> str:
    """The first letter of a word (after opening quotes) in capitals."""
    for i, c in enumerate(word):
        if c.isalpha():
            return word[:i] + c.upper() + word[i + 1 :]
    return word


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def tidy_outlet(name: str | None) -> str | None:
    """An outlet's name without its kind, quotes and extra spaces, capitals put right.

    "Агентство Восток-Пресс" -> "Восток-Пресс", "ИА «Заречье»" -> "Заречье",
    "ФЕРГАНСКИЙ ВЕСТНИК" -> "Ферганский вестник". Returns ``None`` for an empty name.
    """
    if not name:
        return None
    name = " ".join(name.split())
    stripped = OUTLET_KIND_AFTER.sub("", OUTLET_KIND.sub("", name, count=1), count=1)
    if stripped and stripped != name and any(c.isalpha() for c in stripped):
        name = stripped
    if len(name) > 2 and name[0] in _QUOTES and name[-1] in _QUOTES and not any(q in name[1:-1] for q in "«»"):
        name = name[1:-1].strip()
    return sentence_case(name) or None


def outlet_from_title(title: str | None) -> str | None:
    """The outlet part of a feed or site title: "Восток-Пресс — Лента новостей" -> "Восток-Пресс".

    The title is split at " — ", " | ", " - ", " :: "; parts that name a section of the site
    ("Лента новостей", "Новости", "Главное", "RSS") are dropped. When one part is left it is
    the outlet (tidied by :func:`tidy_outlet`); otherwise the whole title is (tidied).
    """
    if not title:
        return None
    title = " ".join(title.split())
    parts = [p.strip() for p in NAME_SEPARATORS.split(title) if p.strip()]
    kept = [p for p in parts if not SECTION_PART.match(p.strip(" .:"))]
    if len(parts) > 1 and len(kept) == 1:
        return tidy_outlet(kept[0])
    return tidy_outlet(title)


def outlet_from_copyright(line: str) -> str | None:
    """The outlet named by a copyright line: "© 2011–2020 ИА «Заречье». Все права защищены" -> "Заречье".

    Returns ``None`` when the line is not a copyright line or what follows the sign is not a
    short name (a sentence, only years, a company form such as "ООО").
    """
    head = COPYRIGHT_HEAD.match(line)
    if not head or head.end() == 0:
        return None
    rest = line[head.end():].strip()
    cut = COPYRIGHT_TAIL.search(rest)
    if cut:
        rest = rest[: cut.start()]
    rest = TRAILING_YEARS.sub("", rest).strip(" ,.;:-–—")
    if not rest or not any(c.isalpha() for c in rest) or len(rest.split()) > NAME_MAX_WORDS:
        return None
    if COPYRIGHT_NOT_NAME.match(rest):
        return None  # a founder, a publisher company or the site's designer
    first = rest.lstrip(_QUOTES)[:1]
    if not (first.isupper() or first.isdigit()):
        return None
    return tidy_outlet(rest)


# Adjective endings: a first word ending so opens an outlet's name ("Вечерний Бишкек"), not a
# person's first name.
_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
# A word of a name in Cyrillic, its surname possibly in capitals ("Ольга ЛУКОВА").
_NAME_WORD = re.compile(r"^[А-ЯЁ][а-яёА-ЯЁ-]+$")


def person_shaped(words: list[str], *, capitals: bool = False) -> bool:
    """Two capitalised words reading as a first name and a Russian surname ("Валерия Зотова",
    "Кирилл Петров"; with ``capitals`` the surname may be in capitals, "Ольга ЛУКОВА", as
    bylines print it): a person, never an outlet ("Вечерний Бишкек" starts with an adjective,
    "Российская газета" goes on in lower case)."""
    if len(words) != 2:
        return False
    if capitals:
        if not all(_NAME_WORD.match(w) for w in words):
            return False
    elif not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    first, last = (w.lower() for w in words)
    return not first.endswith(_ADJECTIVE_ENDINGS) and last.endswith(RUSSIAN_NAME_ENDINGS)
