"""Tests of svodka.nlp.names: base forms, name parts and merging, on names we chose."""

from __future__ import annotations

import pytest

from svodka.model import Article, Entity, Mention
from svodka.nlp.names import normalize_entities, normalize_mention, parse_person


@pytest.mark.parametrize(
    "text, kind, normal",
    [
        ("Абдрахманова", "PER", "Абдрахманов"),
        ("Жана-Марка Эйро", "PER", "Жан-Марк Эйро"),
        ("Анны Ивановой", "PER", "Анна Иванова"),
        ("Ивану Петровичу Сидорову", "PER", "Иван Петрович Сидоров"),
        ("Марией Кузнецовой", "PER", "Мария Кузнецова"),
        ("Центральной Азией", "LOC", "Центральная Азия"),
        ("Нижнем Новгороде", "LOC", "Нижний Новгород"),
        ("Казахстана", "LOC", "Казахстан"),
        ("МИД Казахстана", "ORG", "МИД Казахстана"),
        ("Министерства обороны России", "ORG", "Министерство обороны России"),
        ("Европейского союза", "ORG", "Европейский союз"),
        ("Госдумы", "ORG", "Госдума"),
    ],
)
def test_names_normal_form(models, text, kind, normal):
    assert normalize_mention(text, kind, models) == normal


@pytest.mark.parametrize(
    "text, kind, normal",
    [
        # a plural head stays plural, whatever case it is in
        ("Вооружённых сил Армении", "ORG", "Вооружённые силы Армении"),
        ("Вооружённые силы Армении", "ORG", "Вооружённые силы Армении"),
        ("Вооружёнными силами Армении", "ORG", "Вооружённые силы Армении"),
        ("Соединённых Штатов", "LOC", "Соединённые Штаты"),
        ("Соединённым Штатам", "LOC", "Соединённые Штаты"),
        ("Объединённых Арабских Эмиратов", "LOC", "Объединённые Арабские Эмираты"),
        ("Курильских островах", "LOC", "Курильские острова"),
        # a singular head stays singular
        ("Министерства иностранных дел", "ORG", "Министерство иностранных дел"),
        ("Центральной Азией", "LOC", "Центральная Азия"),
        ("Нижнем Новгороде", "LOC", "Нижний Новгород"),
        ("Государственной Думы", "ORG", "Государственная Дума"),
        # a word that is also a noun ("главное") agrees with the head as an adjective
        ("Главного управления МЧС России", "ORG", "Главное управление МЧС России"),
        # an adjective before an indeclinable abbreviation keeps its gender and number
        ("Жигулёвской ГЭС", "ORG", "Жигулёвская ГЭС"),
        ("Жигулевской ГЭС", "ORG", "Жигулёвская ГЭС"),
        ("Калининской АЭС", "ORG", "Калининская АЭС"),
        ("Генеральной Ассамблеи ООН", "ORG", "Генеральная Ассамблея ООН"),
        # a declined abbreviation loses its ending, not its capitals
        ("японского МИДа", "ORG", "японский МИД"),
        ("МИДа Казахстана", "ORG", "МИД Казахстана"),
    ],
)
def test_names_phrase_keeps_number_and_agrees_with_head(models, text, kind, normal):
    assert normalize_mention(text, kind, models) == normal


@pytest.mark.parametrize(
    "text, first, middle, last",
    [
        ("Кайрата Абдрахманова", "Кайрат", None, "Абдрахманов"),
        ("Абдрахманов", None, None, "Абдрахманов"),
        ("Жан-Марк Эйро", "Жан-Марк", None, "Эйро"),
        ("Ивану Петровичу Сидорову", "Иван", "Петрович", "Сидоров"),
        ("Анной Сергеевной Ивановой", "Анна", "Сергеевна", "Иванова"),
    ],
)
def test_names_person_parts(models, text, first, middle, last):
    info = parse_person(text, models)
    assert (info["first"], info["middle"], info["last"]) == (first, middle, last)


def _article(text: str, mentions: list[tuple[str, str]]) -> Article:
    """An article with one raw entity per (surface, type), as tag_entities leaves them."""
    entities = []
    pos = 0
    for n, (surface, kind) in enumerate(mentions, 1):
        start = text.index(surface, pos)
        pos = start + len(surface)
        entities.append(Entity(id=f"e{n}", type=kind, name=surface, mentions=[Mention(start, pos, surface, "")]))
    return Article(text=text, entities=entities)


def test_names_merge_person_mentions_to_fullest(models):
    text = "Абдрахманов прилетел утром. Кайрат Абдрахманов встретился с коллегой. Абдрахманова встретили в аэропорту."
    article = normalize_entities(
        _article(text, [("Абдрахманов", "PER"), ("Кайрат Абдрахманов", "PER"), ("Абдрахманова", "PER")]), models
    )
    (person,) = article.entities
    assert person.name == "Кайрат Абдрахманов"
    assert (person.first, person.last, person.id) == ("Кайрат", "Абдрахманов", "e1")
    assert [m.normal for m in person.mentions] == ["Абдрахманов", "Кайрат Абдрахманов", "Абдрахманов"]


@pytest.mark.issue(15)
def test_names_original_spelling_in_parentheses_is_the_same_person(models):
    text = "Компанию возглавляет Хосе Мартинес (José Martínez). Ранее Мигель Гарсия (Miguel García) ушёл."
    article = normalize_entities(
        _article(text, [("Хосе Мартинес", "PER"), ("José Martínez", "PER"), ("Мигель Гарсия", "PER"), ("Miguel García", "PER")]), models
    )
    assert [(e.name, [m.text for m in e.mentions]) for e in article.entities] == [
        ("Хосе Мартинес", ["Хосе Мартинес", "José Martínez"]),
        ("Мигель Гарсия", ["Мигель Гарсия", "Miguel García"]),
    ]


@pytest.mark.issue(15)
def test_names_latin_words_in_parentheses_that_do_not_spell_the_surname_stay_apart(models):
    text = "Гендиректор Иван Петров (Northern Oil) заявил о росте. Солист Фредди Меркьюри (Queen) выступил."
    article = normalize_entities(
        _article(text, [("Иван Петров", "PER"), ("Northern Oil", "PER"), ("Фредди Меркьюри", "PER"), ("Queen", "PER")]), models
    )
    assert len(article.entities) == 4


def test_names_a_latin_name_elsewhere_stays_apart(models):
    text = "Хосе Мартинес встретился с José Martínez (однофамильцем) в Мадриде."
    article = normalize_entities(_article(text, [("Хосе Мартинес", "PER"), ("José Martínez", "PER")]), models)
    assert len(article.entities) == 2


def test_names_conflicting_first_names_stay_apart(models):
    text = "Сергей Орлов и Андрей Орлов выступили вместе."
    article = normalize_entities(_article(text, [("Сергей Орлов", "PER"), ("Андрей Орлов", "PER")]), models)
    assert sorted(e.name for e in article.entities) == ["Андрей Орлов", "Сергей Орлов"]


def test_names_feminine_surname_joins_full_name(models):
    text = "Анна Иванова возглавила фонд. Ивановой поручили отчёт."
    article = normalize_entities(_article(text, [("Анна Иванова", "PER"), ("Ивановой", "PER")]), models)
    (person,) = article.entities
    assert person.name == "Анна Иванова"
    assert person.mentions[1].normal == "Иванова"


@pytest.mark.parametrize(
    "text, mentions, name",
    [
        # an East Asian name of three syllables keeps the middle one, and takes the nominative
        # a later full mention writes ("Муна" could only be guessed; "Мун" is written)
        ("Россия поддержит Пан Ги Муна. Пан Ги Мун прибыл в Москву.", ["Пан Ги Муна", "Пан Ги Мун"], "Пан Ги Мун"),
        ("Лидер страны Ким Чен Ын заявил о запуске.", ["Ким Чен Ын"], "Ким Чен Ын"),
        # a Russian full name is untouched by either rule
        ("Анна Иванова возглавила фонд. Анну Иванову поздравили.", ["Анна Иванова", "Анну Иванову"], "Анна Иванова"),
    ],
)
def test_names_east_asian_three_syllables_and_a_written_nominative(models, text, mentions, name):
    article = normalize_entities(_article(text, [(m, "PER") for m in mentions]), models)
    (person,) = article.entities
    assert person.name == name


def test_names_places_merge_by_base_form_and_ids_follow_order(models):
    text = "В Казахстане и Киргизии прошли выборы. Казахстан подвёл итоги."
    article = normalize_entities(
        _article(text, [("Казахстане", "LOC"), ("Киргизии", "LOC"), ("Казахстан", "LOC")]), models
    )
    assert [(e.id, e.name, len(e.mentions)) for e in article.entities] == [("e1", "Казахстан", 2), ("e2", "Киргизия", 1)]


@pytest.mark.parametrize(
    "text, first, last",
    [
        # unknown surnames in a case the first name proves decline regularly
        ("Хамидом Карзаем", "Хамид", "Карзай"),
        ("Григорием Карасиным", "Григорий", "Карасин"),
        ("Луисом Лулой", "Луис", "Лула"),
        # foreign surnames that never decline stay as written
        ("Жозе Баррозу", "Жозе", "Баррозу"),
    ],
)
def test_names_unknown_masculine_surname_in_proved_case(models, text, first, last):
    person = parse_person(text, models)
    assert (person["first"], person["last"]) == (first, last)


@pytest.mark.parametrize("text, last", [("Исмаилов", "Исмаилов"), ("Токтосунов", "Токтосунов"), ("Вепа Атаев", "Атаев")])
def test_names_surname_is_never_a_plural_first_name(models, text, last):
    assert parse_person(text, models)["last"] == last


def test_names_first_name_of_other_gender_does_not_hide_the_case(models):
    """"Вадима" is also a woman's name, but with a man's surname the pair is a genitive."""
    person = parse_person("Вадима Чебана", models)
    assert (person["first"], person["last"]) == ("Вадим", "Чебан")


@pytest.mark.parametrize(
    "text, merged",
    [
        ("МИД Казахстана выразил протест. Позже в МИД пояснили детали.", True),
        ("МИД Казахстана и МИД России провели консультации. В МИД не ответили.", False),
    ],
)
def test_names_short_org_name_joins_the_single_full_one(models, text, merged):
    from svodka.nlp.ner import tag_entities

    article = normalize_entities(tag_entities(Article(text=text), models), models)
    orgs = {e.name: len(e.mentions) for e in article.entities if e.type == "ORG"}
    assert ("МИД" not in orgs) is merged


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, normal",
    [
        # the regular endings of foreign names: -а/-я, -у/-ю, -ом/-ем, -ой/-ей
        ("Игоря Кестеля", "Игорь Кестель"),
        ("Эммануэля Макрона", "Эммануэль Макрон"),
        ("Бараком Обамой", "Барак Обама"),
        ("Пабло Неруды", "Пабло Неруда"),
        ("Хосни Мубараком", "Хосни Мубарак"),
        ("Лулы", "Лула"),
        # a woman's name: her surname in a consonant does not decline
        ("Камалы Харрис", "Камала Харрис"),
        ("Ангелы Меркель", "Ангела Меркель"),
        ("Милы Кунис", "Мила Кунис"),
        # names in -о, -и, -у, -е stay as written; a dictionary indeclinable name is not another name
        ("Рауля Кастро", "Рауль Кастро"),
        ("Муамара Каддафи", "Муамар Каддафи"),
        ("Тони Ивоби", "Тони Ивоби"),
        ("Али Хаменеи", "Али Хаменеи"),
        # a hyphenated part declines on its own
        ("Джорджа Буша-старшего", "Джордж Буш-старший"),
        # initials written onto the name stay, the name is read on its own
        ("Ю.Синдеева", "Ю.Синдеева"),
        ("В.Путину", "В.Путин"),
        # pymorphy3 guesses ё the writer did not write
        ("Марка Чепмена", "Марк Чепмен"),
    ],
)
def test_names_foreign_names_decline_as_names_do(models, text, normal):
    assert parse_person(text, models)["normal"] == normal


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, names, normal",
    [
        # a nominative written elsewhere in the text decides an ambiguous oblique form
        (
            "Премьер Кир Стармер прибыл в Берлин. Визит Кира Стармера продлился день.",
            ["Кир Стармер", "Кира Стармера"],
            "Кир Стармер",
        ),
        ("Канцлер Олаф Шольц выступил. Речь Олафа Шольца обсуждали.", ["Олаф Шольц", "Олафа Шольца"], "Олаф Шольц"),
        ("Переговоры с Шольцем прошли в Берлине. Шольц остался доволен.", ["Шольцем", "Шольц"], "Шольц"),
        # the verb a name is the subject of gives its gender
        ("Аделина Сотникова выиграла турнир.", ["Аделина Сотникова"], "Аделина Сотникова"),
        ("Симона Байлз заявила о завершении карьеры.", ["Симона Байлз"], "Симона Байлз"),
    ],
)
def test_names_document_decides_the_base_form(models, text, names, normal):
    article = normalize_entities(_article(text, [(name, "PER") for name in names]), models)
    normals = {m.text: m.normal for e in article.entities for m in e.mentions}
    assert normals[names[-1]] == normal


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, kind, normal",
    [
        # the adjective keeps its written stem ("высший" is filed under "высокий")
        ("Высшего суда", "ORG", "Высший суд"),
        ("Высший конституционный суд", "ORG", "Высший конституционный суд"),
        ("Высших курсах", "ORG", "Высшие курсы"),
        # and its degree: "древней" is not "древнейшая"
        ("Древней Руси", "LOC", "Древняя Русь"),
        ("Алабаме", "LOC", "Алабама"),
        ("МГИМО", "ORG", "МГИМО"),
    ],
)
def test_names_phrase_inflects_as_written(models, text, kind, normal):
    assert normalize_mention(text, kind, models) == normal


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, surface, normal",
    [
        # a place the dictionary lacks, in -а: a feminine nominative keeps it
        ("Вербара стоит на реке.", "Вербара", "Вербара"),
        ("Музеи Вербары открыты.", "Вербары", "Вербара"),
        # the oblique forms of a feminine place in -ка
        ("Жители собрались в Зорянке.", "Зорянке", "Зорянка"),
        # a masculine one in a consonant
        ("Жители собрались в Брестворде.", "Брестворде", "Брестворд"),
        # a genitive preposition makes -а the genitive of a masculine name
        ("Гость приехал из Брестворда утром.", "Брестворда", "Брестворд"),
        # after the noun of a kind of place the name is a nominative in apposition
        ("Пожар случился в городе Лаврима ночью.", "Лаврима", "Лаврима"),
        # a feminine kind of place: the name agrees with it
        ("Мост построят через реку Тылзу.", "Тылзу", "Тылза"),
        # a vowel and -я: a nominative, or after "из" the genitive of a name in -й
        ("Батальон прибыл из Кашпагая вчера.", "Кашпагая", "Кашпагай"),
        # hyphenated: each part on its own, indeclinable parts and the phrase after "на" stay
        ("Офис стоит на Гринлинг-стрит давно.", "Гринлинг-стрит", "Гринлинг-стрит"),
        ("Биржа на Гринлинг-стрите закрылась.", "Гринлинг-стрите", "Гринлинг-стрит"),
        ("Он жил в Ростове-на-Дону.", "Ростове-на-Дону", "Ростов-на-Дону"),
        ("Самолёт сел в Нью-Брэнтоне вечером.", "Нью-Брэнтоне", "Нью-Брэнтон"),
        # a town in -ск in the instrumental is the town, not the adjective
        ("Дым стоял над Луганском весь день.", "Луганском", "Луганск"),
    ],
)
def test_names_place_names_decline_as_nouns(models, text, surface, normal):
    article = normalize_entities(_article(text, [(surface, "LOC")]), models)
    assert [m.normal for e in article.entities for m in e.mentions] == [normal]


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, normal",
    [
        # a full name is a nominative before a man's genitive: the woman's first name
        # gives her surname its gender
        ("Аделина Мырзова", "Аделина Мырзова"),
        ("Октавия Штепанова", "Октавия Штепанова"),
        # a foreign surname in -а as written is a man's: a genitive first
        ("Джулиана Морренжа", "Джулиан Морренж"),
        ("Анны Ивановой", "Анна Иванова"),
        # a first name that may be a man's dative or a woman's accusative proves no case:
        # the surname the dictionary lacks stays as written
        ("Андриану Мунтеану", "Андриан Мунтеану"),
        ("Андриану Бросу", "Андриан Бросу"),
        # a man's first name that is his genitive only still proves it
        ("Вадима Чебана", "Вадим Чебан"),
        # in a surname's place a word in -и/-е/-у the dictionary knows only as a first
        # name's or a noun's oblique form is a foreign surname that does not decline
        ("Карим бен Салем Аль Тани", "Карим бен Салем Аль Тани"),
        ("Карима бен Салема Аль Тани", "Карим бен Салем Аль Тани"),
        ("Ж.-П.Трише", "Ж.-П.Трише"),
        ("Л.Драги", "Л.Драги"),
        ("Марен Аде", "Марен Аде"),
        # ... unless the first name proves the case
        ("Владимиру Жуку", "Владимир Жук"),
    ],
)
def test_names_full_name_case_and_gender(models, text, normal):
    assert parse_person(text, models)["normal"] == normal


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, surface, normal",
    [
        # a title the name agrees with proves the case of names the dictionary lacks
        ("Визит канцлера Федерации Ульфа Берстенса перенесли.", "Ульфа Берстенса", "Ульф Берстенс"),
        ("Фильм режиссёра Вима Кордерса показали в Каннах.", "Вима Кордерса", "Вим Кордерс"),
        # so does a preposition
        ("Встреча с Ульфом Берстенсом состоялась в среду.", "Ульфом Берстенсом", "Ульф Берстенс"),
        ("У Ульфа Берстенса нет вопросов.", "Ульфа Берстенса", "Ульф Берстенс"),
        # not a dictionary name in another case: "преемника Геннадию" is a dative
        ("В качестве преемника Геннадию Андреевичу предложили другого.", "Геннадию Андреевичу", "Геннадий Андреевич"),
        # not after a person noun the name may belong to ("дочь спортсмена Джианна")
        ("Погибла дочь спортсмена Лианна.", "Лианна", "Лианна"),
        # not for names that do not decline
        ("Визит премьера Федерации Маттео Ренци перенесли.", "Маттео Ренци", "Маттео Ренци"),
        # initials of two letters stay glued and the name keeps its capital
        ("Брат финансиста Дж.Сороса скончался.", "Дж.Сороса", "Дж.Сорос"),
    ],
)
def test_names_context_proves_the_case(models, text, surface, normal):
    article = normalize_entities(_article(text, [(surface, "PER")]), models)
    assert article.entities[0].mentions[0].normal == normal
