"""Word lists shared by the entity stages (NER corrections, normalisation), roles and quotes.

One home per concept: the quotation marks, the organisation head nouns, the countries and
the position nouns are defined here once; a stage that needs part of a list takes a named
subset of it (the speech-stage lists, used by ``nlp/quotes`` only, are in ``_speech.py``).

Every list holds general Russian knowledge (what an organisation head noun is, what a
well-known abbreviation stands for), never strings taken from an evaluation text. Words are
lower-case lemmas unless the comment says otherwise.
"""

from __future__ import annotations

import re

__all__ = [
    "ACTING_DUTIES",
    "ORIGINAL_NAME",
    "AGREEING_POSSESSIVES",
    "THIRD_PERSON_POSSESSIVES",
    "latin_letters",
    "RUSSIAN_VOWELS",
    "PERSON_NAME_GRAMMEMES",
    "CASE_FOLD",
    "fold_case",
    "COPULA_FILLERS",
    "CLAUSE_OPENERS",
    "FRONTED_CLAUSE_OPENERS",
    "PREPOSITIONAL_GERUNDS",
    "SPEAKER_VOICE_WORDS",
    "INSTRUMENTAL_PREPOSITIONS",
    "PREDICATE_PREPOSITIONS",
    "POST_PREPOSITIONS",
    "ONE_OF",
    "LIST_WORDS",
    "DATE_PREPOSITIONS",
    "QUOTE_PAIRS",
    "OPENING_MARKS",
    "CLOSING_MARKS",
    "TOGGLE_MARKS",
    "DOUBLE_OPENING",
    "DOUBLE_CLOSING",
    "OPEN_ONLY_MARKS",
    "CLOSE_ONLY_MARKS",
    "EITHER_MARKS",
    "QUOTE_MARKS",
    "CLOSERS",
    "COUNTRIES",
    "COUNTRY_ALIASES", "COUNTRY_NAMES",
    "COUNTRY_STEMS",
    "ORG_HEADS",
    "INSTITUTION_HEADS",
    "LOC_TO_ORG_HEADS",
    "KNOWN_ORG_NAMES",
    "GEO_ADJECTIVE_ENDINGS",
    "ORG_ABBREVIATIONS",
    "LOC_ABBREVIATIONS",
    "NON_ENTITY_ABBREVIATIONS",
    "KNOWN_OUTLETS",
    "OUTLET_SHORT_NAMES",
    "LEGAL_FORMS",
    "CLUB_FORMS",
    "QUOTED_NAME_HEADS",
    "PATRONYMIC_ENDINGS",
    "STREET_HEADS",
    "FIXED_PLACE_PARTS",
    "PLACE_KIND_NOUNS",
    "GENITIVE_PREPOSITIONS",
    "PERSON_PREPOSITION_CASES",
    "PLACE_LINKS",
    "STREET_ABBREVIATIONS",
    "NAMED_AFTER_MARKS",
    "NAMED_INSTITUTION_HEADS",
    "LATIN_PROCESS_SUFFIXES",
    "PROCESS_HEADS",
    "POSITION_NOUNS",
    "NOT_POSITION_NOUNS",
    "ADDRESS_TITLES",
    "RANKS",
    "FORMER_WORDS",
    "NEW_HOLDER_WORDS",
    "ACTING_ABBREVIATION",
    "ACTING_QUALIFIERS",
    "ACTING_ADVERB",
    "ROLE_EPITHETS",
    "AGE_ADJECTIVE_ENDING",
    "COPULA_VERBS",
    "POST_NOUNS",
    "TITLE_GOVERNING_NOUNS",
    "KIN_NOUNS",
    "POST_VERBS",
    "APPOINTING_VERBS",
    "DEED_NOUNS",
    "OBJECT_RELATIVES",
    "SUBJECT_PRONOUNS",
    "RELATIVE_PRONOUNS",
    "OBJECT_PRONOUNS",
    "OBLIQUE_PRONOUNS",
    "STANDING_POSTS",
    "POST_EVENT_NOUNS",
]

# Quotation marks as (opening, closing) pairs, the one table every stage reads. Russian
# writes «ёлочки» with „лапки“ inside; some writers close „ the English way (”), use “English”
# or ‹single› pairs, or the straight " that opens and closes alike (a toggle). The straight
# apostrophe ' is left out: in Russian news it is an apostrophe ("О'Нил"), not a quotation mark;
# ’ is one too, so it only closes a ‘ that was opened.
QUOTE_PAIRS = (("«", "»"), ("„", "“"), ("„", "”"), ("“", "”"), ("‹", "›"), ("‘", "’"), ('"', '"'))

# Marks that open a quotation ("“" opens an English pair and closes „ Russian lapki).
OPENING_MARKS = "".join(dict.fromkeys(o for o, _c in QUOTE_PAIRS))

# Marks that close a quotation.
CLOSING_MARKS = "".join(dict.fromkeys(c for _o, c in QUOTE_PAIRS))

# The double marks (« „ “ ” » and "), with which news quotes speech and names: the rules that
# look for a quotation right next to a word use these, because a single ’ there is most
# often an apostrophe ("Moody’s").
DOUBLE_OPENING = "".join(m for m in OPENING_MARKS if m not in "‹‘")
DOUBLE_CLOSING = "".join(m for m in CLOSING_MARKS if m not in "›’")

# Marks that open and close alike: which one a mark is depends on its neighbours.
TOGGLE_MARKS = "".join(o for o, c in QUOTE_PAIRS if o == c)

# Marks that only open, only close, or may do either (“ and the straight toggle "): a scanner
# without a stack of open pairs reads an either-mark by whether a quotation is open.
OPEN_ONLY_MARKS = "".join(m for m in OPENING_MARKS if m not in CLOSING_MARKS)
CLOSE_ONLY_MARKS = "".join(m for m in CLOSING_MARKS if m not in OPENING_MARKS)
EITHER_MARKS = "".join(m for m in OPENING_MARKS if m in CLOSING_MARKS)

# Every quotation mark.
QUOTE_MARKS = "".join(dict.fromkeys(OPENING_MARKS + CLOSING_MARKS))

# Opening mark -> the closing marks it accepts.
CLOSERS = {o: "".join(c for o2, c in QUOTE_PAIRS if o2 == o) for o in OPENING_MARKS}

# Countries written by an abbreviation, another name or an adjective of another stem: the
# lower-case lemma -> (the country it names, one key per country; the stems of the nouns and
# relational adjectives that name it: "США" - "американский").
COUNTRIES = {
    "сша": ("сша", ("америк", "сша")),
    "великобритания": ("великобритания", ("британ", "англ")),
    "англия": ("англия", ("англ", "британ")),
    "фрг": ("германия", ("герман", "немец", "фрг")),
    "германия": ("германия", ("герман", "немец")),
    "рф": ("россия", ("росси",)),
    "россия": ("россия", ("росси",)),
    "кнр": ("китай", ("китай", "кнр")),
    "китай": ("китай", ("китай",)),
    "кндр": ("кндр", ("северокорей", "кндр")),
    "оаэ": ("оаэ", ("эмират", "оаэ")),
    "нидерланды": ("нидерланды", ("нидерланд", "голланд")),
    "голландия": ("нидерланды", ("голланд", "нидерланд")),
    "америка": ("сша", ("америк", "сша")),
    "российский": ("россия", ("росси",)),
    # "-ция" whose adjective changes the consonant: "Турция" - "турецкий" ("турецкий лидер")
    "турция": ("турция", ("турц", "турец")),
    "греция": ("греция", ("грец", "греч")),
    "швеция": ("швеция", ("швец", "швед")),
}

# States by their usual Russian names: the archive keys a state body ("МИД", "Верховный суд")
# by the state an article is about (store/name_keys.py).
COUNTRY_NAMES = frozenset(
    """Россия США Украина Белоруссия Казахстан Киргизия Узбекистан Таджикистан Туркмения
    Азербайджан Армения Грузия Молдавия Латвия Литва Эстония Абхазия Великобритания Германия
    Франция Италия Испания Португалия Греция Турция Польша Чехия Словакия Венгрия Румыния
    Болгария Сербия Хорватия Черногория Словения Австрия Швейцария Бельгия Нидерланды Дания
    Швеция Норвегия Финляндия Исландия Ирландия Кипр Израиль Палестина Иран Ирак Сирия Ливан
    Иордания Египет Ливия Тунис Алжир Марокко Судан Эфиопия Кения Нигерия ЮАР Афганистан
    Пакистан Индия Китай Япония Монголия КНДР Вьетнам Таиланд Индонезия Малайзия Филиппины
    Австралия Канада Мексика Куба Венесуэла Колумбия Бразилия Аргентина Чили Перу Боливия
    Эквадор Саудовская Аравия ОАЭ Катар Кувейт Йемен Бахрейн Оман""".replace("Саудовская Аравия", "Саудовская_Аравия").split()
)
COUNTRY_NAMES = frozenset(c.replace("_", " ") for c in COUNTRY_NAMES) | {"Южная Корея"}

# The country a place word names, for the roles stage ("РФ" = "Россия").
COUNTRY_ALIASES = {word: country for word, (country, _stems) in COUNTRIES.items()}

# The stems that name a country, for the quotation stage ("британский премьер").
COUNTRY_STEMS = {word: stems for word, (_country, stems) in COUNTRIES.items()}

# Head nouns of organisation names: "министерство", "правительство Киргизии". Followed by a
# place in the genitive they make one organisation; heading a LOC span they make it an ORG;
# as the subject of a speech verb they make an organisation speaker ("в Кремле заявили").
ORG_HEADS = frozenset(
    """
    министерство минфин мид минобороны минэкономразвития минюст минздрав минтранс минэнерго
    правительство парламент сенат кабинет кабмин администрация мэрия муниципалитет
    посольство консульство генконсульство представительство постпредство миссия
    пресс-служба пресс-центр пресс-секретариат служба ведомство агентство комитет комиссия
    совет собрание дума палата союз федерация ассоциация партия фонд банк центробанк нацбанк коллегия
    суд прокуратура генпрокуратура полиция милиция армия флот штаб генштаб
    университет институт академия корпорация концерн компания холдинг
    евросоюз еврокомиссия европарламент генассамблея совбез госдума госдеп госдепартамент
    минсельхоз минобрнауки минпромторг минкультуры минприроды мвд мчс фсб фсо свр
    кремль акимат хокимият меджлис мажилис аппарат офис филиал отдел департамент управление
    правление регулятор авиакомпания минтруд минспорт минстрой минпросвещения ск
    """.split()
)

# Head nouns that turn a LOC span into an ORG ("Еврокомиссия", "Госдумы"): ORG_HEADS without
# nouns that also head country names ("Российская Федерация", "Советский Союз"), nor
# "кремль": factRuEval marks «Кремль» alone as a place, and turning it into an ORG lowered
# NER ORG precision on the factRu dev set (0.895 -> 0.893, LOC 0.944 -> 0.946).
LOC_TO_ORG_HEADS = ORG_HEADS - {"федерация", "союз", "республика", "штат", "палата", "совет", "кремль"}

# Multi-word organisation names whose head is ambiguous, as lemmas joined by spaces.
KNOWN_ORG_NAMES = frozenset({"европейский союз", "африканский союз", "евразийский экономический союз"})

# Endings of lemmas of geographic adjectives ("японский", "московский", "российский"): such an
# adjective, written in lower case right before an organisation, belongs to its name
# ("японского МИДа"), as the factRuEval convention marks it.
GEO_ADJECTIVE_ENDINGS = ("ский", "цкий")

# Lower-case geographic head nouns that a place adjective names ("Вологодской области",
# "Краснодарский край"): an adjective-only span before one, directly or through a list
# "Вологодской, Тульской и Белгородской областях", is a place, not an adjective.
GEO_HEADS = frozenset("область край округ республика район море океан остров полуостров залив пролив озеро река хребет нагорье равнина низменность пустыня".split())

# Nouns of a kind of place (lemmas) after which a place name stands in apposition, in the
# nominative whatever their case ("в городе Павия", "в штате Невада", "реку Куэнга").
PLACE_KIND_NOUNS = GEO_HEADS | frozenset(
    "город городок местечко штат село деревня посёлок поселок станица станция хутор аул провинция префектура графство регион коммуна столица".split()
)

# Prepositions that govern only the genitive: a place name after one is in the genitive
# ("из Арлингтона", "возле Бейт-Шемеша").
GENITIVE_PREPOSITIONS = frozenset("из от до у около близ возле вблизи вдоль для без после против среди вокруг мимо кроме из-за из-под".split())

# The cases a person's name takes after a preposition ("у Олафа Шольца", "с Олафом Шольцем",
# "к Киру Стармеру"): the genitive-only ones above, and the others as they govern a person.
PERSON_PREPOSITION_CASES: dict[str, frozenset[str]] = {
    **{p: frozenset({"gent"}) for p in GENITIVE_PREPOSITIONS},
    **{p: frozenset({"ablt"}) for p in ("с", "со", "перед", "передо", "между", "над", "надо")},
    **{p: frozenset({"datv"}) for p in ("к", "ко", "благодаря", "вопреки", "согласно")},
    **{p: frozenset({"loct"}) for p in ("о", "об", "обо", "при")},
}

# Head nouns that name one institution by themselves when a place in the genitive follows
# ("правительство Киргизии", "посольство Франции"): the merge of ORG_HEADS + place uses only
# these (singular), so "ведомств Франции" or "союз городов" stay apart.
INSTITUTION_HEADS = frozenset(
    """
    министерство минфин мид минобороны минэкономразвития минюст минздрав минтранс минэнерго
    минсельхоз минобрнауки минпромторг минкультуры минприроды мвд мчс фсб
    правительство парламент сенат кабмин администрация мэрия муниципалитет посольство
    консульство генконсульство представительство постпредство пресс-служба пресс-центр
    генпрокуратура прокуратура генштаб центробанк нацбанк госдеп госдепартамент
    """.split()
)

# Abbreviations that name organisations whatever the tagger says (upper-case, as written).
ORG_ABBREVIATIONS = frozenset(
    """
    ЕС ООН ОДКБ ШОС НАТО СНГ ЕАЭС ОБСЕ МВФ ВТО ЕАБР ЕБРР АБР АзБР МАГАТЭ ЮНЕСКО ЮНИСЕФ ВОЗ
    ОПЕК ОЭСР АСЕАН БРИКС ПАСЕ ЕЦБ ФРС ЦРУ ФБР АНБ МОК ФИФА УЕФА ФИДЕ ЦИК ЦБ
    МИД МВД МЧС ФСБ ФСО СВР ФАС ФНС ФСИН ФМС ГИБДД ГРУ КГБ РАН МГУ СПбГУ
    ЕАПК ЦАРЭС ЕврАзЭС ЛАГ
    """.split()
)

# Abbreviations that name places (countries, regions, stations): typed LOC.
LOC_ABBREVIATIONS = frozenset("РФ США КНР КНДР ОАЭ ЮАР ФРГ ГДР СССР ДНР ЛНР ЦАР МКС".split())

# Upper-case abbreviations that are common nouns, never names ("СМИ" is "the media").
NON_ENTITY_ABBREVIATIONS = frozenset("СМИ ВВП НДС ДТП ЧП ВУЗ ЖКХ ОПГ ИИ ПО ГМО НКО ЧМ ОИ".split())

# News outlets that Russian news cites by name without a noun ("сообщает ТАСС", "источник
# «Интерфакса»", "пишет The Guardian"): the wire agencies and the national papers and
# channels, Russian and foreign, lower case, as written in Russian text or in Latin letters
# ("ъ" is how «Коммерсантъ» signs itself). Outlets the article names with a noun ("газета
# «Вечерний город»") are found without this list.
KNOWN_OUTLETS = frozenset(
    """
    тасс итар-тасс риа_новости ria_novosti интерфакс прайм рбк ъ коммерсант коммерсантъ
    ведомости известия kommersant газета.ru газета.ру lenta.ru лента.ру newsru.com
    regnum регнум росбалт фонтанка fontanka.ru новая_газета российская_газета
    комсомольская_правда московский_комсомолец мк аиф аргументы_и_факты эхо_москвы
    интерфакс-украина униан укринформ белта казинформ кабар синьхуа киодо йонхап
    reuters рейтер рейтерс associated_press ассошиэйтед_пресс ap afp франс_пресс франс-пресс
    bloomberg блумберг bbc би-би-си cnn си-эн-эн al_jazeera аль-джазира dpa
    the_new_york_times new_york_times нью-йорк_таймс the_washington_post washington_post
    the_wall_street_journal wall_street_journal the_guardian guardian the_times financial_times
    the_independent the_telegraph daily_mail der_spiegel spiegel шпигель bild le_monde
    le_figaro el_pais forbes форбс politico euronews deutsche_welle dw sky_news fox_news
    """.split()
)
KNOWN_OUTLETS = frozenset(w.replace("_", " ") for w in KNOWN_OUTLETS)

# The short names Russian news gives the national papers ("собеседник «Ъ»", "источник КП"),
# lower case, with the full name an article names them by.
OUTLET_SHORT_NAMES = {
    "ъ": "Коммерсантъ",
    "кп": "Комсомольская правда",
    "мк": "Московский комсомолец",
    "аиф": "Аргументы и факты",
    "рг": "Российская газета",
}

# Legal-form descriptors written before a quoted company name: «ОАО "Газпром"». The name is
# the quoted part; the descriptor (also an agency type: «РИА "Новости"») is not part of it.
LEGAL_FORMS = frozenset("оао зао ооо пао ао нко гуп муп фгуп ип тоо риа".split())

# Abbreviations of a sports club's kind written before its quoted name: «ФК "Спартак"»,
# «ХК "Сокол"» (футбольный, хоккейный, баскетбольный, волейбольный, гандбольный клуб).
CLUB_FORMS = frozenset("фк пфк мфк хк бк вк гк".split())

# Nouns after which a quoted capitalised phrase is an organisation name: компания «Ромашка».
QUOTED_NAME_HEADS = frozenset(
    """
    компания фирма банк партия движение организация корпорация концерн холдинг группа
    агентство издание газета журнал телеканал радиостанция радио канал клуб фонд объединение
    ассоциация союз общество центр завод фабрика комбинат театр издательство предприятие
    ооо оао зао пао ао гуп муп фгуп тоо нко риа
    """.split()
)

# Nouns of streets and squares (lemmas): capitalised words after one name the street, not a
# person ("улица Ленина", "на площади Михаила Багаева", "по бульвару Шевченко").
STREET_HEADS = frozenset("улица проспект переулок площадь бульвар шоссе набережная проезд аллея тупик тракт сквер".split())

# Parts of hyphenated foreign place names that do not decline ("Нью-Йорке", "Санкт-Петербурге",
# "на Уолл-стрит": the English "street" stays as written), lower case.
FIXED_PLACE_PARTS = frozenset("нью санкт сан санта сент лос лас эль аль ла ле де дель стрит авеню".split())

# Russian prepositions inside a hyphenated place name: what follows them is a phrase of its
# own that keeps its case ("Ростове-на-Дону" -> "Ростов-на-Дону"). Not the particles of
# foreign names: there the last part declines ("Мар-дель-Платы" -> "Мар-дель-Плата").
PLACE_LINKS = frozenset("на над под у".split())

# The same heads abbreviated, as razdel tokens ("ул." is "ул" then "."; "пр-т", "б-р" whole).
STREET_ABBREVIATIONS = frozenset("ул просп пр-т пер пл б-р наб".split())

# Words that introduce the person a place or institution is named after ("театр имени
# Пушкина", "МГУ им. Ломоносова"), as razdel tokens.
NAMED_AFTER_MARKS = frozenset({"имени", "им"})

# Nouns whose "имени <Surname>" makes an institution's name (an ORG): the organisation heads
# and the nouns of quoted names, and institutions named after people in Russian news.
NAMED_INSTITUTION_HEADS = ORG_HEADS | QUOTED_NAME_HEADS | frozenset(
    """
    театр музей библиотека школа гимназия лицей училище колледж консерватория филармония
    больница госпиталь поликлиника клиника стадион аэропорт дворец цирк галерея
    """.split()
)

# Endings of English-formed names of political processes and scandals ("Brexit", "Grexit",
# "Megxit", "Dieselgate"): such a Latin word names an event, never an organisation.
LATIN_PROCESS_SUFFIXES = ("xit", "gate")

# Nouns (lemmas) naming a process, an event or a disease: a Latin word right after one is
# what it names ("пандемия Covid", "последствия Brexit"), not an organisation.
PROCESS_HEADS = frozenset(
    """
    пандемия эпидемия вирус коронавирус штамм болезнь процесс процедура референдум скандал
    последствие
    """.split()
)

# Endings of Russian patronymics: "Иванович", "Ивановна", "Ильинична", "Кузьмич".
PATRONYMIC_ENDINGS = ("вич", "вна", "ична", "инична", "ьич")


# Nouns naming a position or occupation (lemmas). Next to a name, any animate common noun
# outside NOT_POSITION_NOUNS counts too; a description without a name needs this list.
POSITION_NOUNS = frozenset(
    """
    министр замминистра глава руководитель президент вице-президент премьер премьер-министр
    вице-премьер председатель зампред зампредседателя сопредседатель губернатор вице-губернатор
    мэр вице-мэр градоначальник посол полпред постпред представитель депутат сенатор
    парламентарий спикер директор гендиректор замдиректора управляющий начальник замначальника
    заместитель помощник советник референт пресс-секретарь секретарь госсекретарь генсек
    генеральный лидер вождь командующий командир главком главнокомандующий генерал адмирал
    полковник офицер прокурор генпрокурор судья следователь адвокат нотариус эксперт аналитик
    политолог экономист социолог журналист корреспондент обозреватель редактор главред
    комментатор ведущий продюсер режиссёр режиссер актёр актер актриса певец певица музыкант
    композитор писатель поэт художник архитектор фотограф тренер наставник капитан вратарь
    нападающий защитник игрок спортсмен чемпион учёный ученый профессор академик ректор
    проректор декан преподаватель учитель врач хирург инженер бизнесмен предприниматель
    основатель владелец совладелец акционер инвестор банкир финансист дипломат чиновник
    омбудсмен уполномоченный атташе консул генконсул мэр-губернатор король королева принц
    принцесса монарх султан эмир патриарх митрополит епископ архиепископ муфтий раввин
    папа понтифик канцлер вице-канцлер госсекретарь казначей координатор куратор шеф
    астронавт космонавт пилот бортинженер член замглавы замгендиректора замгоссекретаря
    докладчик полузащитник форвард голкипер хореограф солист солистка дирижёр дирижер худрук
    главврач генерал-майор генерал-лейтенант генерал-полковник лейтенант майор подполковник
    маршал сержант лидер-вокалист наблюдатель председательница депутатка врио кандидат
    """.split()
)


# Kin and partners: a title in the genitive right after one is the relative's, not the title
# of a name that follows ("дочь спортсмена Джианна", "вдова президента Мария").
KIN_NOUNS = frozenset(
    """
    брат сестра сын дочь отец мать муж жена супруг супруга вдова вдовец невеста жених
    дед дедушка бабушка внук внучка внучок внучек правнук правнучка праправнук подружка дядя тётя тетя племянник племянница сирота близнец
    мама папаша пассия сожитель сожительница возлюбленный возлюбленная бойфренд любовник любовница
    тёща теща тесть свекровь свёкор свекор зять невестка сноха шурин деверь золовка свояк свояченица
    """.split()
)


# Animate common nouns that name no position: next to a name any other animate noun is
# taken for an occupation ("пловчиха", "сенатор", "фельдшер"), these say what a person is,
# has or went through, not the post he holds: relations and kin, age and sex, crowds,
# stances and party membership ("активист", "коммунист"), wealth ("миллиардер"), victims and
# suspects, residence, citizenship and nationality ("житель", "американец"), faith, fame,
# and forms of address ("мисс", "сэр"), which go with a name whatever its adjectives.
NOT_POSITION_NOUNS = frozenset(
    """
    житель жительница зритель зрительница читатель читательница слушатель слушательница
    родитель победитель победительница обладатель обладательница получатель
    участник участница сторонник сторонница противник противница родственник родственница
    собеседник собеседница соотечественник соотечественница современник союзник
    наследник наследница заложник заложница пленник пленница путник спутник спутница
    ровесник ровесница сверстник соплеменник
    клиент клиентка пациент пациентка оппонент конкурент претендент претендентка
    турист туристка террорист террористка экстремист пассажир пассажирка партнёр партнер
    партнёрша пенсионер пенсионерка ветеран
    человек люди лицо личность персона господин госпожа товарищ друг подруга приятель приятельница
    знакомый знакомая сосед соседка коллега земляк тёзка тезка
    женщина мужчина девушка парень юноша ребёнок ребенок мальчик девочка подросток малыш
    младенец старик старушка дама старший старшая младший младшая
    мисс миссис мистер мадам мадемуазель месье мсье синьор синьора сеньор сеньора фрау герр
    пани пан сэр леди
    соперник соперница преемник преемница предшественник предшественница поклонник
    поклонница любитель любительница почитатель возмутитель свидетель свидетельница
    нарушитель нарушительница похититель грабитель соратник соратница единомышленник
    напарник напарница избиратель избирательница потребитель пользователь покупатель
    посетитель налогоплательщик заявитель отправитель фанат фанатка болельщик болельщица
    кумир любимец любимица фаворит фаворитка герой героиня новичок легенда
    миллиардер мультимиллиардер миллионер мультимиллионер олигарх богач богачка
    коммунист коммунистка социалист консерватор лейборист националист монархист анархист единоросс
    либерал демократ республиканец троцкист марксист ленинист сталинист фашист нацист
    неонацист сепаратист исламист оппозиционер оппозиционерка популист активист активистка
    диссидент протестующий демонстрант митингующий радикал патриот
    жертва убийца преступник преступница бандит беглец беглянка виновник виновница
    потерпевший пострадавший фигурант фигурантка узник узница арестант каторжник
    гражданин гражданка подданный подданная уроженец уроженка горожанин горожанка
    эмигрант эмигрантка иммигрант иммигрантка мигрант мигрантка беженец беженка
    переселенец переселенка иностранец иностранка гость гостья хозяин хозяйка
    американец американка британец британка англичанин англичанка француз француженка
    немец немка итальянец итальянка испанец испанка россиянин россиянка украинец украинка
    белорус белоруска казах казашка грузин грузинка армянин армянка азербайджанец
    азербайджанка китаец китаянка японец японка кореец кореянка индиец индианка индеец
    израильтянин израильтянка еврей еврейка араб арабка турок турчанка иранец иранка
    поляк полька чех чешка швед шведка норвежец норвежка финн финка датчанин датчанка
    канадец канадка австралиец австралийка бразилец бразильянка аргентинец аргентинка
    мексиканец мексиканка кубинец кубинка латыш латышка литовец литовка эстонец эстонка
    серб сербка хорват хорватка болгарин болгарка румын румынка венгр венгерка грек гречанка
    голландец голландка бельгиец бельгийка швейцарец швейцарка австриец австрийка
    ирландец ирландка шотландец шотландка европеец европейка азиат африканец африканка
    чеченец чеченка татарин татарка башкир осетин осетинка ингуш дагестанец кавказец
    узбек узбечка таджик таджичка киргиз киргизка туркмен молдаванин молдаванка
    москвич москвичка петербуржец петербурженка киевлянин киевлянка сибиряк сибирячка
    мусульманин мусульманка христианин христианка католик католичка иудей буддист атеист
    верующий прихожанин прихожанка паломник бог
    постоялец злоумышленник неизвестный собака пёс кошка животное
    """.split()
) | KIN_NOUNS

# Nobility titles and forms of address ("принц Чарльз", "шейх Хамад", "князь Дмитрий"): a
# bare one before a name is part of how the person is called, not a post; with a qualifier
# or a tail it names a position ("наследный принц", "эмир Катара", "принц Уэльский").
# Military ranks: written between a title and a name ("представитель армии полковник
# Петров"), they start an apposition of their own and never continue another title's tail.
RANKS = frozenset(
    """
    генерал генерал-майор генерал-лейтенант генерал-полковник полковник подполковник майор
    лейтенант маршал адмирал сержант
    """.split()
)

ADDRESS_TITLES = frozenset(
    """
    принц принцесса князь княгиня княжна граф графиня герцог герцогиня барон баронесса
    маркиз маркиза виконт лорд шейх шейха инфант инфанта эрцгерцог
    """.split()
)

# "и.о." ("исполняющий обязанности"), which the word rule splits in two: read as one
# indeclinable word like "врио" (a regular expression over the text, any case, optional space).
ACTING_ABBREVIATION = r"(?<!\w)[иИ]\.\s?[оО]\.(?!\w)"

# The noun of "исполняющий обязанности" ("исполняющим обязанности генсека"): the post comes after it.
ACTING_DUTIES = "обязанности"

# Qualifiers that say a person acts in a post ("врио министра", "и.о. мэра", "исполняющий
# обязанности ректора"): kept in the role, they are not its head; the post noun after is.
ACTING_QUALIFIERS = frozenset({"врио", "исполняющий"})

# The adverb before "исполняющий обязанности" ("временно исполняющий обязанности"): part of the role.
ACTING_ADVERB = "временно"

# Words before a head that say the role is past ("бывший министр", "экс-президент"): kept in
# the role, and a description with one is no mention of a person holding the role now.
FORMER_WORDS = frozenset({"бывший", "экс", "прежний"})

# Adjectives of a description that point to a holder of the post other than the person just
# named ("Новый генсек ООН заступит ...", "Нынешний глава государства"): such a description
# gives nobody a role.
NEW_HOLDER_WORDS = frozenset({"новый", "нынешний", "будущий", "следующий", "очередной", "действующий", "тогдашний"})

# Adjectives before a title that describe the person, not the post ("известный актёр"):
# the role starts after them. Ages ("65-летний") end in AGE_ADJECTIVE_ENDING, nationalities
# and places ("американский", "голливудская") in GEO_ADJECTIVE_ENDINGS.
ROLE_EPITHETS = frozenset(
    """
    известный знаменитый легендарный культовый популярный великий выдающийся талантливый
    молодой пожилой старый опытный скандальный именитый прославленный видный маститый
    многолетний бессменный опальный знаменитейший известнейший небезызвестный
    """.split()
)

# The ending of age adjectives: "65-летний", "двенадцатилетний".
AGE_ADJECTIVE_ENDING = "летний"

# Verbs (lemmas) that link a person to a position noun in the instrumental: "стал министром
# финансов", "является депутатом", "назначен послом", "работал инженером", "проработал
# министром", "считался главой дома", "состоял членом"; with a post noun (POST_NOUNS) the
# genitive follows: "занимал пост министра". Participles and gerunds count ("назначенный
# министром", "будучи послом").
COPULA_VERBS = frozenset(
    """
    являться стать становиться быть назначить назначать избрать избирать работать проработать
    служить прослужить остаться оставаться утвердить утверждать переизбрать переизбирать
    трудиться занимать занять заступить вступить числиться пребывать выдвинуть выдвигать
    считаться состоять избираться поработать переназначить переназначать
    """.split()
)

# Verbs that take a post noun and the position in the genitive after it, besides the
# copulas: what a person holds, combines, takes, leaves or is removed from ("совмещает
# должность вице-спикера", "ушёл с поста главы", "освободил от должности директора").
POST_VERBS = COPULA_VERBS | frozenset(
    """
    совмещать совместить покинуть покидать уйти уходить оставить оставлять освободить освобождать
    уволить увольнять снять снимать отстранить отстранять вступать заступать перейти переходить
    вернуться возвращаться находиться сместить смещать
    """.split()
)

# Active verbs whose object, not their subject, gets the position: "президент назначил
# Петрова министром", "освободил Петрова от должности директора" (a short participle of them,
# "назначен", takes the subject as usual).
APPOINTING_VERBS = frozenset(
    """
    назначить назначать избрать избирать переизбрать переизбирать утвердить утверждать выдвинуть
    выдвигать освободить освобождать уволить увольнять снять снимать отстранить отстранять
    переназначить переназначать сместить смещать
    """.split()
)

# Nouns that after a copula say what a person did, won or caused, not a post he holds:
# "стал автором поправки", "стал чемпионом Европы", "считается родоначальником жанра",
# "оказался фигурантом дела" (a title next to a name may still use them: "чемпион мира Петров").
DEED_NOUNS = frozenset(
    """
    автор соавтор инициатор организатор спонсор исполнитель заказчик
    обвиняемый подозреваемый посредник рекордсмен номинант призёр призер лауреат чемпион
    вице-чемпион родоначальник основоположник финалист финалистка полуфиналист медалист
    медалистка донор
    """.split()
)

# Nouns of "a post" after which the position is a genitive: "занимал пост министра",
# "назначен на должность директора", "кресло мэра", "работал в качестве консультанта" (lemmas).
POST_NOUNS = frozenset({"пост", "должность", "кресло", "качество"})

# Nouns that govern a genitive title naming the post, not its holder: "на выборах президента
# США", "кандидат в мэры", "вступил в должность губернатора" (lemmas). A name after such a
# title is its holder only when it is provably a genitive too. Not "визит", "отставка":
# "визит председателя КНР Ху Цзиньтао" names the holder, whatever his name's case.
TITLE_GOVERNING_NOUNS = frozenset({"выборы", "праймериз"})

# Personal pronouns that stand for the person the text was about: "он стал мэром" (as
# written, lower case, by gender).
SUBJECT_PRONOUNS = {"он": "masc", "она": "femn"}

# Relative pronouns in the nominative after a comma: the person named before the comma is
# the subject ("Петров, который стал мэром").
RELATIVE_PRONOUNS = frozenset({"который", "которая"})

# Personal pronouns in the accusative, by gender: the object of an appointing verb
# ("президент назначил его министром", "её утвердили в должности судьи").
OBJECT_PRONOUNS = {"его": "masc", "её": "femn", "ее": "femn"}

# Third-person pronouns in the oblique cases (and the possessives его/её): a sentence that
# refers back to a person with one of them has someone else as its subject ("Петров вернулся
# в Тверь. Губернатор назначил его министром": the governor is not Петров).
OBLIQUE_PRONOUNS = frozenset("его её ее ему ей им ним нему него неё нее нём нем ней нею ими них ними их".split())

# Gerunds that work as prepositions ("начиная с мая", "включая детей", "судя по всему"): no
# predicate of their own.
PREPOSITIONAL_GERUNDS = frozenset({"начиная", "включая", "исходя", "судя", "учитывая", "считая", "глядя"})

# Words of the first and second person (pronouns and possessives, lower case): a paragraph
# with them speaks to the reader in someone's own voice ("Я благодарен клубу", "уважайте
# нас"), unlike the narrator's third person.
SPEAKER_VOICE_WORDS = frozenset(
    """
    я меня мне мной мною мы нас нам нами мой моя моё мое мои моего моей моему моим моих моими
    наш наша наше наши нашего нашей нашему нашим наших нашими вы вас вам вами ваш ваша ваше
    ваши вашего вашей вашему вашим ваших вашими
    """.split()
)

# Post nouns in the prepositional after their preposition: in what capacity the clause's
# subject acts, whatever its verb ("приступила к работе на посту главы", "принёс присягу в
# качестве президента", "остался на должности председателя"): preposition -> lemmas.
STANDING_POSTS = {"на": frozenset({"пост", "должность"}), "в": frozenset({"должность", "качество"}), "во": frozenset({"должность"})}

# Nouns of taking or leaving a post, before a post noun: "заявил об уходе с поста
# президента", "подал в отставку с поста", "поздравил с избранием на пост главы",
# "после вступления в должность губернатора", "снятие Петрова с поста" (lemmas).
POST_EVENT_NOUNS = frozenset(
    """
    уход отставка увольнение снятие освобождение отстранение смещение назначение избрание
    переизбрание переназначение вступление возвращение утверждение
    """.split()
)

# Relative pronouns in the accusative: the person named before the comma is the object of an
# appointing verb ("Петров, которого президент назначил министром").
OBJECT_RELATIVES = frozenset({"которого", "которую"})


# Nouns after "по" that make a circumstance, not a role's tail: "освобождён от должности
# министра по собственному желанию", "уволен по состоянию здоровья", "назначен по итогам конкурса".
CIRCUMSTANCE_PO_NOUNS = frozenset(
    """
    желание состояние итог результат случай инициатива приглашение просьба решение указ причина
    согласие представление рекомендация предложение требование распоряжение приказ соглашение
    """.split()
)

# Nouns of time that end a role's tail two words after its head: "главным дирижёром оркестра
# сезона 2015—2016" ("тренер года" right after its head stays a title).
TIME_GENITIVES = frozenset({"сезон", "год", "месяц", "период", "срок"})


def is_position(lemma: str) -> bool:
    """Is a noun lemma in the position lexicon ("премьер-министр", "экс-министр" too)?"""
    if lemma in POSITION_NOUNS:
        return True
    if "-" in lemma:
        prefix, rest = lemma.split("-", 1)
        return rest in POSITION_NOUNS and prefix in ("экс", "вице", "премьер", "зам", "и.о", "генерал", "пресс")
    return False


# ---------------------------------------------------------------------------- predicates (_role_predicates)

# Short words allowed between a copula and its role, or a role and its name ("стал уже",
# "был официально назначен", "избран вновь", "ушёл и с поста").
COPULA_FILLERS = frozenset({"уже", "также", "тоже", "теперь", "ранее", "прежде", "сейчас", "ныне", "официально", "был", "была", "было", "будет", "вновь", "снова", "впервые", "единогласно", "и"})

# Words that open a subordinate clause: a subject is not looked for past them.
CLAUSE_OPENERS = frozenset({"что", "чтобы", "если", "когда", "где", "как", "пока", "хотя", "но", "а", "однако"})

# Words that open a subordinate clause fronted before the main one ("Хотя X признали
# невиновной, многие полагали, что"): the main verb's subject stands after the clause's comma.
FRONTED_CLAUSE_OPENERS = frozenset({"хотя", "если", "когда", "пока", "поскольку"})

# Prepositions that govern the instrumental: "с министром" is company, not a predicate.
INSTRUMENTAL_PREPOSITIONS = frozenset({"с", "со", "над", "под", "перед", "за", "между", "рядом"})

# Prepositions a predicate role's tail may take: "представитель при ООН", "министр по делам",
# "член совета от региона"; "в/на" are left out: after a verb they start the clause's time
# and place ("стал мэром в прошлом году").
PREDICATE_PREPOSITIONS = {"при": {"loct"}, "по": {"datv"}, "от": {"gent", "gen2"}}

# Prepositions before a post noun: "на пост", "с поста", "от должности", "в должности", "на посту".
POST_PREPOSITIONS = frozenset({"на", "с", "со", "от", "в", "во"})

# "one of": "одним из директоров" names the post of a person among several holding it.
ONE_OF = frozenset({"одним", "одной", "один", "одна", "одного", "одну"})

# Words that join roles of one list after a comma or alone: "министром, послом и депутатом",
# "министром, а также депутатом", "мэром, а затем губернатором".
LIST_WORDS = frozenset({"и", "а", "также", "затем", "потом", "позже", "позднее"})

# Prepositions that open a date before a verb: "с 27 октября 2016 года назначен".
DATE_PREPOSITIONS = frozenset({"с", "со", "в", "до", "по"})


# ---------------------------------------------------------------------------- grammar (pymorphy3)

# Vowels: a man's name on one may not decline ("Шойгу", "Джо"); on a consonant it does ("Байден").
RUSSIAN_VOWELS = "аеёиоуыэюя"

# pymorphy3 grammemes of proper names of persons.
PERSON_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})

# Case variants pymorphy3 reports, folded to the six main cases.
CASE_FOLD = {"gen1": "gent", "gen2": "gent", "loc1": "loct", "loc2": "loct", "acc2": "accs", "voct": "nomn"}


def fold_case(case: str | None) -> str | None:
    """One of the six main cases for a pymorphy3 case grammeme."""
    return CASE_FOLD.get(case, case) if case else None


# A plain Russian-to-Latin transliteration: enough to compare a name with a domain or with its
# original spelling ("Бонет" and "Bonet").
TRANSLIT = {k: v.strip("_") for k, v in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", (
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split()))}


def latin_letters(text: str) -> str:
    """The letters and digits of a text in Latin (a plain transliteration), lower case."""
    return "".join(TRANSLIT.get(ch, ch) for ch in text.lower() if ch.isalnum())


# Letters transliterations disagree on, made one: "glavcom" and "glavkom", "profinews" and
# "profinyus", "kharkov" and "harkov", "izvestiya" and "izvestia".
LATIN_FOLDS = (("kh", "h"), ("ts", "c"), ("ck", "k"), ("c", "k"), ("w", "v"), ("x", "ks"), ("j", "y"),
               ("iy", "i"), ("yu", "u"), ("ye", "e"), ("ya", "a"), ("y", "i"), ("ew", "u"), ("eu", "u"))


def fold_latin(latin: str) -> str:
    """A Latin spelling with the letters transliterations disagree on made one."""
    for a, b in LATIN_FOLDS:
        latin = latin.replace(a, b)
    return latin


# Possessives before a noun ("его заместитель", "мой кузен"): somebody's relation, never a
# name of its own. The third person's do not inflect; the others agree with their noun (as
# lemmas: "моей супруге" is "мой").
THIRD_PERSON_POSSESSIVES = frozenset({"его", "её", "ее", "их"})
AGREEING_POSSESSIVES = frozenset({"мой", "наш", "твой", "ваш", "свой"})


# A name in Latin script in brackets right after a Russian one, its original spelling
# ("Скотт Хоровитц (Scott Horowitz)", "Хосе Луис Бонет (Josep Lluís Bonet)"); group 1 is the name.
ORIGINAL_NAME = re.compile(r"\s*\(\s*([A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ .'’-]{0,60}?)\s*\)")
