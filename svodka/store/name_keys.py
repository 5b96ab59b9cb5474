"""Comparable keys of names across the archive: one key per real-world organisation or place.

A name's key starts as the first base form of each word (``Lemmatizer.key``: "Верховного
суда США" -> "верховный суд сша"). Then:

* **Other names of one thing** share the key of the first name of their group
  (``NAME_GROUPS``: "ЕС", "Евросоюз", "Европейский союз"; "США", "Америка", "Соединённые
  Штаты"; "РФ", "Российская Федерация", "Россия"). The archive learns more pairs from
  articles ("Организация Объединённых Наций (ООН)" is one article entity with two names).
* **Bodies every state has** ("МИД", "Министерство обороны", "Верховный суд", "Центробанк")
  are keyed with their state: "МИД России", "российский МИД", "Министерство иностранных дел
  РФ" and a bare "МИД" in an article about Russia are all ``министерство:foreign|россия``.
  A bare body in an article with no country keeps its bare key. Ministries are recognised
  by the sectors of ``nlp._role_keys.MINISTRIES`` (the one home of ministry names).
* **First names** have their usual variants folded ("Билл" = "Уильям", "Наталия" =
  "Наталья"): ``first_name_key``.

The tables are written as names; their keys are computed with the archive's lemmatizer on
first use (``NameKeys``), so they match whatever the lemmatizer makes of article names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..nlp._lexicon import COUNTRY_ALIASES, COUNTRY_NAMES, COUNTRY_STEMS, INSTITUTION_HEADS, ORG_HEADS
from ..nlp._role_keys import MINISTRIES
from .search import normalize_word

if TYPE_CHECKING:
    from .search import Lemmatizer

__all__ = ["BARE_STATE", "HOME_COUNTRY", "NameKeys", "first_name_key", "name_keys", "same_first_letter"]

# Names of one organisation, bloc or state (the first is the group's key). Countries written
# by an abbreviation or another name come from ``nlp._lexicon.COUNTRY_ALIASES`` as well.
NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Россия", "Российская Федерация", "РФ"),
    ("США", "Соединённые Штаты Америки", "Соединённые Штаты", "Америка", "Штаты"),
    ("Великобритания", "Британия", "Соединённое Королевство"),
    ("Германия", "ФРГ", "Федеративная Республика Германия"),
    ("Китай", "КНР", "Китайская Народная Республика"),
    ("КНДР", "Северная Корея", "Корейская Народно-Демократическая Республика"),
    ("Южная Корея", "Республика Корея"),
    ("Белоруссия", "Беларусь", "Республика Беларусь"),
    ("Киргизия", "Кыргызстан", "Киргизская Республика", "Кыргызская Республика"),
    ("Молдавия", "Молдова", "Республика Молдова"),
    ("Казахстан", "Республика Казахстан"),
    ("Узбекистан", "Республика Узбекистан"),
    ("Таджикистан", "Республика Таджикистан"),
    ("Туркмения", "Туркменистан"),
    ("Азербайджан", "Азербайджанская Республика"),
    ("Армения", "Республика Армения"),
    ("Нидерланды", "Голландия"),
    ("Южная Осетия", "РЮО", "Республика Южная Осетия"),
    ("Северная Осетия", "Северная Осетия — Алания", "РСО-Алания"),
    ("Чечня", "Чеченская Республика"),
    ("Башкирия", "Башкортостан"),
    ("Якутия", "Республика Саха", "Саха"),
    ("Удмуртия", "Удмуртская Республика"),
    ("Чувашия", "Чувашская Республика"),
    ("Кабардино-Балкария", "Кабардино-Балкарская Республика", "КБР"),
    ("Карачаево-Черкесия", "Карачаево-Черкесская Республика", "КЧР"),
    ("Приморский край", "Приморье"),
    ("Краснодарский край", "Кубань"),
    ("Ставропольский край", "Ставрополье"),
    ("Пермский край", "Прикамье"),
    ("Красноярский край", "Красноярье"),
    ("Забайкальский край", "Забайкалье"),
    ("Ханты-Мансийский автономный округ", "ХМАО", "Югра", "Ханты-Мансийский автономный округ — Югра"),
    ("Ямало-Ненецкий автономный округ", "ЯНАО", "Ямал"),
    ("Большой театр", "ГАБТ"),
    ("ОАЭ", "Объединённые Арабские Эмираты"),
    ("Чехия", "Чешская Республика"),
    ("СССР", "Советский Союз", "Союз Советских Социалистических Республик"),
    ("ЕС", "Евросоюз", "Европейский союз"),
    ("ООН", "Организация Объединённых Наций"),
    ("НАТО", "Североатлантический альянс", "Организация Североатлантического договора"),
    ("СНГ", "Содружество Независимых Государств"),
    ("ОБСЕ", "Организация по безопасности и сотрудничеству в Европе"),
    ("ОДКБ", "Организация Договора о коллективной безопасности"),
    ("ШОС", "Шанхайская организация сотрудничества"),
    ("ЕАЭС", "Евразийский экономический союз"),
    ("МАГАТЭ", "Международное агентство по атомной энергии"),
    ("ОПЕК", "Организация стран — экспортёров нефти", "Организация стран-экспортёров нефти"),
    ("ВОЗ", "Всемирная организация здравоохранения"),
    ("МВФ", "Международный валютный фонд"),
    ("ВТО", "Всемирная торговая организация"),
    ("ПАСЕ", "Парламентская ассамблея Совета Европы"),
    ("ЕСПЧ", "Европейский суд по правам человека"),
    ("Еврокомиссия", "Европейская комиссия"),
    ("Европарламент", "Европейский парламент"),
    ("Госдума", "Государственная дума", "Дума"),
    ("Санкт-Петербург", "Петербург", "Питер", "Ленинград"),
    ("Исламское государство", "ИГ", "ИГИЛ", "ДАИШ"),
    ("Кремль", "Администрация Кремля", "Администрация президента России", "Администрация президента РФ"),
    ("Русская православная церковь", "РПЦ", "Русская православная церковь Московского патриархата", "РПЦ МП"),
    ("Совет Федерации", "Совфед", "СФ"),
    ("Белый дом", "Администрация президента США"),
    ("ФСБ", "Федеральная служба безопасности"),
    ("СК", "Следственный комитет", "СКР"),
    ("ЦРУ", "Центральное разведывательное управление"),
    ("ФБР", "Федеральное бюро расследований"),
    ("Би-би-си", "BBC", "Би-Би-Си"),
    ("Си-эн-эн", "CNN"),
    ("Единая Россия", "ЕР"),
    ("КПРФ", "Коммунистическая партия Российской Федерации"),
    ("ЛДПР", "Либерально-демократическая партия России"),
)

# What a bare state body is keyed with until the entity's other names or the article say its state.
BARE_STATE = "?"

# The state of a bare state body («МИД», «Верховный суд») in an article that names no state:
# Russian-language news writes the Russian ones bare.
HOME_COUNTRY = "россия"

# Words that open a tail NER takes into a name after «по»: «по этому вопросу», «по всей Европе».
TAIL_OPENERS = frozenset({"этот", "тот", "весь", "всё", "все", "данный", "такой", "свой", "который", "его", "их", "словам", "слово", "мнение", "данные"})

# The groups of NAME_GROUPS that are one state's own body: with that state written after them
# they are still themselves («Госдума РФ»); with another state, that state's body.
OWN_STATES: dict[str, str] = {
    "Госдума": "Россия", "Совет Федерации": "Россия", "ФСБ": "Россия", "СК": "Россия", "Кремль": "Россия",
    "КПРФ": "Россия", "ЛДПР": "Россия", "Единая Россия": "Россия", "Белый дом": "США", "ЦРУ": "США", "ФБР": "США",
}

# Names of one state's body that do not say it the usual way: name -> (body, state).
BODY_NAMES: dict[str, tuple[str, str]] = {
    "Банк России": ("Центральный банк", "Россия"),
    "Госдепартамент": ("МИД", "США"),  # the foreign ministry of the United States
    "Государственный департамент": ("МИД", "США"),
    "Госдеп": ("МИД", "США"),
    "Госдепартамент США": ("МИД", "США"),
    "Госдеп США": ("МИД", "США"),
}

# Bodies every state has, by their names (ministries come from MINISTRIES); the first name
# of each group is its key. A name is a body when it starts with one of these.
STATE_BODIES: tuple[tuple[str, ...], ...] = (
    ("Верховный суд",),
    ("Конституционный суд", "КС"),
    ("Правительство", "Кабинет министров", "Кабмин"),
    ("Парламент",),
    ("Сенат",),
    ("Генеральная прокуратура", "Генпрокуратура"),
    ("Центральный банк", "Центробанк", "ЦБ"),
    ("Национальный банк", "Нацбанк"),
    ("Центральная избирательная комиссия", "ЦИК", "Центризбирком"),
    ("Совет безопасности", "Совбез"),
    ("Посольство",),
    ("Пограничная служба", "Погранслужба"),
    ("Генеральный штаб", "Генштаб"),
)

# The abbreviations among MINISTRIES' one-word names (other one-word names there are plain
# nouns: "Труд" is a newspaper, not the labour ministry).
MINISTRY_ABBREVIATIONS = frozenset({"мид", "мида", "мвд", "мчс"})

# First names as news write them -> the usual full form (foreign short forms, spellings).
FIRST_NAME_VARIANTS: dict[str, str] = {
    "билл": "уильям", "вильям": "уильям", "джо": "джозеф", "боб": "роберт", "том": "томас",
    "джим": "джеймс", "тони": "энтони", "майк": "майкл", "дик": "ричард", "ник": "николас",
    "тед": "эдвард", "алекс": "александр", "саша": "александр", "наталия": "наталья",
    "софия": "софья", "мария": "мария", "марья": "мария", "дария": "дарья", "юлья": "юлия",
    "илия": "илья", "хилари": "хиллари", "жорж": "джордж",
}


# A full first name -> the first letters of the names that fold to it («томас»: т; «уильям»: у, б, в).
_INITIALS: dict[str, set[str]] = {}
for _short, _full in FIRST_NAME_VARIANTS.items():
    _INITIALS.setdefault(_full, {_full[0]}).add(_short[0])


def same_first_letter(a: str, b: str) -> bool:
    """An initial and a first name (keys) agree: the name, or a variant of it, starts with the initial."""
    return bool(_INITIALS.get(a, {a[0]}) & _INITIALS.get(b, {b[0]}))


def first_name_key(first: str | None) -> str | None:
    """A first name's key: lowercased, ё folded, its usual full form."""
    if not first:
        return first
    key = normalize_word(first)
    return FIRST_NAME_VARIANTS.get(key, key)


class NameKeys:
    """The tables' keys under one lemmatizer, and the keys of names (see the module docstring)."""

    def __init__(self, lemmatizer: "Lemmatizer") -> None:
        self.lem = lemmatizer
        self.canonical: dict[str, str] = {}
        for group in NAME_GROUPS:
            keys = [lemmatizer.key(n) for n in group]
            for k in keys:
                self.canonical.setdefault(k, keys[0])
        for word, country in COUNTRY_ALIASES.items():
            self.canonical.setdefault(word, self.canonical.get(country, country))
        # Bodies: key words -> the body's key; ministries by sector.
        self.bodies: dict[tuple[str, ...], str] = {}
        for group in STATE_BODIES:
            keys = [lemmatizer.key(n) for n in group]
            for k in keys:
                self.bodies.setdefault(tuple(k.split()), keys[0])
        for sector, names in MINISTRIES.items():
            if sector in ("government", "state"):
                continue
            for words in names:
                body = f"министерство:{sector}"
                if len(words) == 1 and (words[0].startswith("мин") or words[0] in MINISTRY_ABBREVIATIONS):
                    self.bodies.setdefault(words, body)  # "мид", "минфин", "минобороны" (not "Труд", a newspaper)
                self.bodies.setdefault(("министерство", *words), body)
        self.max_body = max(len(k) for k in self.bodies)
        self.own_state = {self.canonical.get(lemmatizer.key(g), lemmatizer.key(g)): self.place(lemmatizer.key(c)) for g, c in OWN_STATES.items()}
        self.countries = {self.canonical.get(lemmatizer.key(c), lemmatizer.key(c)) for c in COUNTRY_NAMES}
        self.countries |= {self.canonical.get(c, c) for c in COUNTRY_ALIASES.values()}
        stems = {((c.rstrip("аяиь") if len(c) > 5 else c), c) for c in self.countries if " " not in c}
        self.country_stems = sorted(((st, c) for st, c in stems if len(st) >= 4), key=lambda sc: (-len(sc[0]), sc))
        for name, (body, state) in BODY_NAMES.items():
            self.canonical[lemmatizer.key(name)] = self.key(lemmatizer.key(body), self.place(lemmatizer.key(state)))

    def place(self, key: str) -> str:
        """The key of a place or other name: its group's key when it has one."""
        return self.canonical.get(key, key)

    def country_of_adjective(self, word: str) -> str | None:
        """The country a relational adjective names ("российский" -> "россия"), if any."""
        got = self.canonical.get(word)
        if got in self.countries:
            return got
        if not word.endswith(("ский", "цкий")):
            return None
        for name, stems in COUNTRY_STEMS.items():
            if word.startswith(stems):
                return self.place(COUNTRY_ALIASES[name])
        for stem, country in self.country_stems:  # longest stem first: «австралийский» is not «австрия»
            if word.startswith(stem):
                return country
        return None

    def key(self, key: str, country: str | None = None) -> str:
        """The archive key of an organisation's or place's name key (see the module docstring).

        Args:
            key: ``Lemmatizer.key`` of the name.
            country: the article's country (``article_country``), for a bare state body;
                with none, ``HOME_COUNTRY``.
        """
        got = self.canonical.get(key)
        if got is not None:
            return got
        words = [w[:-1] if w.endswith("ъ") and len(w) > 2 else w for w in key.split()]  # «Коммерсантъ» = «Коммерсант»
        if "по" in words[1:]:  # «ЕС по этому вопросу», «Google по всей Европе»: a tail NER took in
            at = words.index("по", 1)
            head = " ".join(words[:at])
            if at + 1 < len(words) and words[at + 1] in TAIL_OPENERS and head not in ORG_HEADS and head not in INSTITUTION_HEADS:
                return self.key(head, country)  # not «УМВД по Москве», «Комитет по делам молодёжи»
        key = " ".join(words)
        if len(words) > 1 and words[0] == "республика":  # «Республика Карелия» = «Карелия»
            return self.key(" ".join(words[1:]), country)
        for n in range(len(words) - 1, 0, -1):  # «Госдума РФ», «ФСБ России»: a named body with its state
            head, rest = " ".join(words[:n]), self.place(" ".join(words[n:]))
            if head in self.canonical and rest in self.countries and self.canonical[head] not in self.countries:
                own = self.own_state.get(self.canonical[head])  # «СК РФ» is «СК»; «СК Армении» is Armenia's
                return self.canonical[head] if own == rest else f"{self.canonical[head]}|{rest}"
        adjective = self.country_of_adjective(words[0]) if len(words) > 1 else None
        start = 1 if adjective else 0
        for n in range(min(self.max_body, len(words) - start), 0, -1):
            body = self.bodies.get(tuple(words[start : start + n]))
            if body is None:
                continue
            rest = " ".join(words[start + n :])
            if adjective:
                return f"{body}|{adjective}" if not rest else key
            if not rest:
                return f"{body}|{country or HOME_COUNTRY}"
            return f"{body}|{self.place(rest)}"
        return key

    def is_country(self, key: str) -> bool:
        """Whether an archive key names a state."""
        return key in self.countries


_BY_LEMMATIZER: dict[int, NameKeys] = {}


def name_keys(lemmatizer: "Lemmatizer") -> NameKeys:
    """The ``NameKeys`` of a lemmatizer, made once."""
    got = _BY_LEMMATIZER.get(id(lemmatizer))
    if got is None or got.lem is not lemmatizer:
        got = _BY_LEMMATIZER[id(lemmatizer)] = NameKeys(lemmatizer)
    return got
