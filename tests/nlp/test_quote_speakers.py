"""Tests of svodka.nlp.quotes: who said it (speakers of every kind) and the relaying outlet (issue 15).

Every sentence here was written for these tests. Articles are built by hand with their entities
(the quotes stage alone), as in ``test_quotes.py``.
"""

from __future__ import annotations

import pytest

from svodka.nlp.quotes import extract_quotes
from tests.nlp.test_quotes import _article

PETROV = ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петров"])


def _last(paragraphs, names=()):
    """The last statement of an article built by hand: (speaker name, speaker kind, via)."""
    quotes = extract_quotes(_article(None, paragraphs, names), _article.models).quotes
    assert quotes, "no statement found"
    q = quotes[-1]
    return (q.speaker.name if q.speaker else None, q.speaker.kind if q.speaker else None, q.via)


@pytest.fixture(autouse=True)
def _models(models):
    _article.models = models  # the session's models, for ``_last``


# ------------------------------------------------------------------ outlets and named bodies

# (case, paragraphs, entities, (speaker, kind, via) of the last statement)
OUTLET_CASES = [
    (
        "an outlet's editorial board speaks for the outlet",
        ["По мнению редакции The Northern Star, мэр Заречинска изменил жизнь горожан."],
        [],
        ("The Northern Star", "outlet", None),
    ),
    (
        "a club named by its kind and its quoted name, NER having kept the kind alone",
        ["ФК «Северные волки» объявил об отставке главного тренера."],
        [("e1", "ORG", "ФК", ["ФК"]), ("e2", "ORG", "Северные волки", ["Северные волки"])],
        ("ФК «Северные волки»", "organisation", None),
    ),
    (
        "an outlet named with its noun speaks",
        ["Мост через Сунгу закроют на ремонт до осени. Об этом пишет газета «Вечерний Заречинск»."],
        [],
        ("Вечерний Заречинск", "outlet", None),
    ),
    (
        "a name in Latin letters after a media verb",
        ["Мэр Заречинска подаст в отставку до конца месяца, сообщает The Northern Star."],
        [],
        ("The Northern Star", "outlet", None),
    ),
    (
        "an outlet noun with adjectives before the verb",
        ["Ранее новостной портал «Речной край» отмечал, что паром перестанет ходить зимой."],
        [],
        ("Речной край", "outlet", None),
    ),
    (
        "a bare outlet noun is the outlet named before with that noun",
        [
            "Паводок затопил два села, передает агентство «Северинформ».",
            "Как отмечает агентство, вода начала спадать только к вечеру.",
        ],
        [],
        ("Северинформ", "outlet", None),
    ),
    (
        "a bare издание is the outlet that relayed the statement before",
        [
            "Завод закроют до весны, сообщает The Northern Star со ссылкой на источник в мэрии.",
            "Как пишет издание, рабочим уже выплатили зарплату за три месяца.",
        ],
        [],
        ("The Northern Star", "outlet", None),
    ),
    (
        "a company named with its noun in quotation marks",
        ["Фирма «Космолёт» сообщила, что первый полет состоится в мае."],
        [],
        ("Космолёт", "organisation", None),
    ),
    (
        "an outlet mention speaks",
        ["Паром перестанет ходить зимой, пишет Северинформ."],
        [("e9", "ORG", "Северинформ", ["Северинформ"])],
        ("Северинформ", "outlet", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", OUTLET_CASES, ids=[c[0] for c in OUTLET_CASES])
def test_quote_speakers_outlets_and_named_bodies(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


# ------------------------------------------------------------------ groups kept whole

GROUP_CASES = [
    (
        "people named by a participle speak as a group, counted or not",
        ["Большинство опрошенных считают, что цены вырастут."],
        [],
        ("большинство опрошенных", "group", None),
    ),
    (
        "a passive participle after a comma says who the unnamed source is",
        ["Между тем масс-медиа, контролируемые группировкой «Заря», заявляют, что министр уйдет в отставку."],
        [],
        ("масс-медиа, контролируемые группировкой «Заря»", "group", None),
    ),
    (
        "an active participle after a comma tells what the source did",
        ["Посол Финляндии, посетивший стройку, заявил, что мост откроют к осени."],
        [],
        ("посол Финляндии", "group", None),
    ),
    (
        "an examination speaks as one body",
        ["Игорь Петров погиб от удара током.", "Точное время смерти не установлено, сообщает судмедэкспертиза."],
        [PETROV],
        ("судмедэкспертиза", "group", None),
    ),
    (
        "a reporting verb's subject after its channel",
        ["Как сообщают в микроблоге представители фонда «Берег», суд оставил решение в силе."],
        [],
        ("представители фонда «Берег»", "group", None),
    ),
    (
        "a reporting verb's channel on the owner's site is no speaker, its owner is",
        ["Как сообщают на официальном сайте министерства, приказ подписан."],
        [],
        ("министерство", "organisation", None),
    ),
    (
        "a reporting verb's microblog: its owner speaks, not a genitive word",
        ["Как сообщают в микроблоге министерства, приказ подписан."],
        [],
        ("министерство", "organisation", None),
    ),
    ("the media as a group", ["Местные СМИ сообщают, что паром перестанет ходить зимой."], [], ("местные СМИ", "group", None)),
    ("plural outlets are a group", ["Российские издания пишут, что паром перестанет ходить зимой."], [], ("российские издания", "group", None)),
    ("the authorities, plural as written", ["Власти провинции заявили, что дорогу откроют в мае."], [], ("власти провинции", "group", None)),
    ("a plural animate noun keeps its number", ["Критики, в свою очередь, считают, что реформа провалилась."], [], ("критики", "group", None)),
    ("один из in the nominative", ["По словам одного из советников мэра, дорогу откроют в мае."], [], ("один из советников мэра", "group", None)),
    ("a plural source after по словам", ["По словам собеседников газеты, дорогу откроют в мае."], [], ("собеседники газеты", "group", None)),
    (
        "a quoted name inside a description",
        ["Секретарь президиума «Союза садоводов» утверждает, что взносы не вырастут."],
        [],
        ("секретарь президиума «Союза садоводов»", "group", None),
    ),
    (
        "an adjective clause naming a source",
        ["Подозреваемый дал показания, сообщает The Northern Star со ссылкой на источник, близкий к следствию."],
        [],
        ("источник, близкий к следствию", "group", "The Northern Star"),
    ),
    (
        "a possessive before the noun is no part of the name (it points outside the statement)",
        ["Политик подал апелляцию в областной суд. Об этом сообщил его адвокат."],
        [],
        ("адвокат", "group", None),
    ),
    (
        "an agreeing possessive goes too",
        ["Когда я вернулся из армии, мой кузен сказал мне, что знает одну модель."],
        [],
        ("кузен", "group", None),
    ),
    (
        "a place after в keeps its adjectives and their noun",
        ["На трассе у Заречинска произошла авария. Эту информацию подтверждают источники в правоохранительных органах области."],
        [],
        ("источники в правоохранительных органах области", "group", None),
    ),
    (
        "two adjectives after в, before the verb",
        ["Источник в местных силовых структурах сообщил, что водителя задержали."],
        [],
        ("источник в местных силовых структурах", "group", None),
    ),
    (
        "a participle the dictionary keeps as an adjective closes the source of по мнению",
        ["По мнению телеканала, принадлежащего движению «Северный фронт», министр ушёл из-за провала операции."],
        [],
        ("телеканал, принадлежащий движению «Северный фронт»", "outlet", None),
    ),
    (
        "a participle the dictionary keeps as an adjective closes the source of по словам",
        ["По словам газеты, принадлежащей холдингу «Заречье-Медиа», мост закроют до осени."],
        [],
        ("газета, принадлежащая холдингу «Заречье-Медиа»", "outlet", None),
    ),
    (
        "a participle clause of a deed is not part of the name",
        ["Врачи, оперировавшие пострадавшего, говорят, что его жизни ничто не угрожает."],
        [],
        ("врачи", "group", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", GROUP_CASES, ids=[c[0] for c in GROUP_CASES])
def test_quote_speakers_groups_kept_whole(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


# ------------------------------------------------------------------ the outlet that heard it (via)

VIA_CASES = [
    (
        "an interview told of before does not go on into words said earlier",
        ["Игорь Петров рассказал «Северинформу», что уходит из политики.", "Ранее он заявлял, что останется в думе до конца срока."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "an outlet relaying a sentence whose cue has its own speaker is the via",
        ["Игорь Петров объявил об уходе из городской думы, сообщает агентство «Северинформ»."],
        [PETROV],
        ("Игорь Петров", "person", "Северинформ"),
    ),
    (
        "an outlet's initials stand for the outlet the article names in full",
        ["Мост закроют на ремонт, пишет газета «Северный вестник».", "Кроме того, источники СВ сообщили о переносе сроков."],
        [("o1", "ORG", "Северный вестник", ["Северный вестник"]), ("o2", "ORG", "СВ", ["СВ"])],
        ("источники СВ", "group", "Северный вестник"),
    ),
    (
        "an institution's abbreviation is not an outlet's initials",
        ["Мост закроют на ремонт, пишет газета «Северный курьер».", "Источник в СК сообщил, что уголовное дело возбуждено."],
        [("o1", "ORG", "Северный курьер", ["Северный курьер"]), ("o2", "ORG", "СК", ["СК"])],
        ("источник в СК", "group", None),
    ),
    (
        "an outlet in the dative after the verb",
        ["Дорогу откроют в мае, сообщил «Интерфаксу» глава района Игорь Петров."],
        [PETROV],
        ("Игорь Петров", "person", "Интерфакс"),
    ),
    (
        "an indeclinable outlet before the nominative speaker",
        ["Дорогу откроют в мае, сообщил РИА Новости в четверг представитель мэрии."],
        [("e9", "ORG", "РИА Новости", ["РИА Новости"])],
        ("представитель мэрии", "group", "РИА Новости"),
    ),
    (
        "an outlet noun in the dative with a Latin name",
        ["Игорь Петров рассказал изданию The Northern Star, что уходит из политики."],
        [PETROV],
        ("Игорь Петров", "person", "The Northern Star"),
    ),
    (
        "в интервью a service of an outlet: the outlet",
        ["В интервью русской службе «Голоса Севера» Игорь Петров сказал, что рад свободе."],
        [PETROV],
        ("Игорь Петров", "person", "Голос Севера"),
    ),
    (
        "a known outlet right after the verb whose subject stands before it",
        ["Глава исполкома Игорь Петров заявил ТАСС, что у партии нет позиции."],
        [PETROV, ("e9", "ORG", "ТАСС", ["ТАСС"])],
        ("Игорь Петров", "person", "ТАСС"),
    ),
    (
        "в интервью with the outlet noun",
        ["В интервью телеканалу «Заря» Игорь Петров заявил, что уходит из политики."],
        [PETROV],
        ("Игорь Петров", "person", "Заря"),
    ),
    (
        "a bare outlet noun in the dative is the outlet named before",
        [
            "Газета «Вечерний Заречинск» опубликовала список кандидатов.",
            "Как рассказали изданию осведомленные источники, Игорь Петров в нем первый.",
        ],
        [PETROV],
        ("осведомленные источники", "group", "Вечерний Заречинск"),
    ),
    (
        "a possessive noun before the name: the name speaks",
        ["Похороны пройдут в субботу, сообщила «Вестям» его помощница Анна Орлова."],
        [("e2", "PER", "Анна Орлова", ["Анна Орлова"])],
        ("Анна Орлова", "person", "Вести"),
    ),
    (
        "a quoted name in the dative right after the verb heard it",
        ["Решение опубликуют в пятницу, сообщили «Северному курьеру» в мэрии."],
        [],
        ("мэрия", "organisation", "Северный курьер"),
    ),
    (
        "a source of a known outlet: the outlet relays",
        ["Источник «Интерфакса» в мэрии пояснил, что дорогу откроют в мае."],
        [],
        ("источник «Интерфакса» в мэрии", "group", "Интерфакс"),
    ),
    (
        "the outlet that speaks is not its own via",
        ["Как отмечает Би-би-си, паром перестанет ходить зимой."],
        [("e9", "ORG", "Би-би-си", ["Би-би-си"])],
        ("Би-би-си", "outlet", None),
    ),
    (
        "the channel the words were said on, after the verb",
        ["О планах на сезон Игорь Петров рассказал на телеканале North Vision в утренней программе."],
        [PETROV],
        ("Игорь Петров", "person", "North Vision"),
    ),
    (
        "the outlet of a broadcast after «в эфире»",
        ["Игорь Петров заявил в эфире радиостанции «Северная волна», что мост откроют в мае."],
        [PETROV],
        ("Игорь Петров", "person", "Северная волна"),
    ),
    (
        "a channel inside the statement is no via",
        ["Игорь Петров сообщил, что матч покажут на телеканале «Спорт-Север»."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", VIA_CASES, ids=[c[0] for c in VIA_CASES])
def test_quote_speakers_via_heard_by(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


# ------------------------------------------------------------------ the subject of the verb

SOKOLOV = ("e3", "PER", "Андрей Соколов", ["Андрей Соколов", "Соколова", "Соколов"])

SUBJECT_CASES = [
    (
        "a press release whose author the text does not name speaks as itself",
        ["Премию вручили в столице.", "Писательница удостоена награды как «мастер короткого рассказа», указывается в пресс-релизе."],
        [],
        ("пресс-релиз", "organisation", None),
    ),
    (
        "the survivors named by a participle with its own words",
        ["Полиция объявила, что пожар начался из-за поджога.", "Однако оставшиеся в живых утверждали, что пожар начался от взрыва."],
        [],
        ("оставшиеся в живых", "group", None),
    ),
    (
        "a crowd given by a count after an inverted verb shouts the words",
        ["Жители Заречинска протестуют против застройки.", "В субботу у здания мэрии собрались около 200 демонстрантов с криками «Верните нам парк»."],
        [],
        ("демонстранты", "group", None),
    ),
    (
        "the subject before the verb still shouts them",
        ["Жители Заречинска протестуют против застройки.", "Демонстранты собрались у здания мэрии с криками «Верните нам парк»."],
        [],
        ("демонстранты", "group", None),
    ),
    (
        "two first names sharing a plural surname speak together",
        ["Анна и Игорь Беловы заявили, что не будут присутствовать на процессе."],
        [("e1", "PER", "Игорь Беловы", ["Игорь Беловы"]), ("e2", "PER", "Анна", ["Анна"])],
        ("Анна и Игорь Беловы", "group", None),
    ),
    (
        "a first name and a full name in the singular are not one family",
        ["Мария и Игорь Белов заявили, что не будут присутствовать на процессе."],
        [("e1", "PER", "Игорь Белов", ["Игорь Белов"]), ("e2", "PER", "Мария", ["Мария"])],
        ("Игорь Белов", "person", None),
    ),
    (
        "a name in a participle clause whose closing comma is left out is not the subject",
        ["Местный канал, находящийся под контролем Игоря Петрова опровергает эти сообщения."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        ("местный канал", "outlet", None),
    ),
    (
        "a name after the participle clause without a comma is still the subject when nominative",
        ["Вчера, выступая в парламенте, Игорь Петров заявил, что мост откроют в мае."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "a place in brackets before the verb is an aside, the counted group the subject (its words as written)",
        ["Двое депутатов (от Вологды и Твери) заявили о намерении поддержать закон."],
        [("e5", "LOC", "Тверь", ["Твери"]), ("e6", "LOC", "Вологда", ["Вологды"])],
        ("двое депутатов", "group", None),
    ),
    (
        "a coordinated verb shares the first verb's subject",
        ["Президент Игорь Петров выразил уверенность, что кандидатуру Соколова утвердят, и отметил, что «выбор очевиден для всех»."],
        [PETROV, SOKOLOV],
        ("Игорь Петров", "person", None),
    ),
    (
        "an inverted subject between the verbs",
        ["Ночью ей позвонил младший брат Андрей Соколов и сказал, что уезжает из города."],
        [SOKOLOV],
        ("Андрей Соколов", "person", None),
    ),
    (
        "the subject of the verb's own clause after ', а'",
        ["Комитет требует оправдать Соколова, а прокурор Игорь Петров признал, что доказательств нет."],
        [PETROV, SOKOLOV, ("e9", "ORG", "Комитет", ["Комитет"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a side that speaks as one",
        ["Суд приговорил Андрея Соколова к штрафу, однако защита утверждает, что денег у него нет."],
        [("e3", "PER", "Андрей Соколов", ["Андрея Соколова"])],
        ("защита", "group", None),
    ),
    (
        "a genitive after its noun is not the subject",
        ["Тело жертвы обнаружили утром и считают, что смерть наступила ночью."],
        [],
        (None, None, None),
    ),
    (
        "a person inside a relative clause before the verb is not its subject",
        ["Продюсеры сериала «Тихий берег», в котором Андрей Соколов играет главную роль, объявили о съёмках второго сезона."],
        [("e3", "PER", "Андрей Соколов", ["Андрей Соколов"])],
        ("продюсеры сериала «Тихий берег»", "group", None),
    ),
    (
        "a pronoun inside the quotation is not the subject of the verb after it",
        ["Вчера умер Андрей Соколов.", "«Он был настоящим героем», — заявил Игорь Петров, добавив, что памятник поставят весной."],
        [PETROV, ("e3", "PER", "Андрей Соколов", ["Андрей Соколов"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "the outlet of a document noun",
        ["Газета «Вечерний Заречинск» опубликовала интервью с мэром.", "В материале издания отмечается, что мэр не пойдет на выборы."],
        [],
        ("Вечерний Заречинск", "outlet", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", SUBJECT_CASES, ids=[c[0] for c in SUBJECT_CASES])
def test_quote_speakers_subject_of_the_verb(case, paragraphs, names, expected):
    quotes = extract_quotes(_article(None, paragraphs, names), _article.models).quotes
    q = quotes[-1] if quotes else None
    assert (q.speaker.name if q and q.speaker else None, q.speaker.kind if q and q.speaker else None, q.via if q else None) == expected


# ------------------------------------------------------------------ resolution that follows the text

def _last_titled(title, paragraphs, names=()):
    """Like ``_last``, for an article with a headline."""
    quotes = extract_quotes(_article(title, paragraphs, names), _article.models).quotes
    q = quotes[-1]
    return (q.speaker.name if q.speaker else None, q.speaker.kind if q.speaker else None)


RESOLUTION_CASES = [
    (
        "a surname NER missed, with the epithet of the younger namesake",
        ["Теннисистка Анна Соколова пропустит сезон.", "О своей беременности Соколова-младшая объявила в апреле, сообщив, что ожидает ребёнка к осени."],
        [("e1", "PER", "Анна Соколова", ["Анна Соколова"])],
        ("Анна Соколова", "person", None),
    ),
    (
        "an office with a word of its own is somebody new, not the one untitled person around",
        ["Игорь Петров стал символом несправедливости.", "Многие считают его невиновным, а областной прокурор признал в суде, что он не знает, кто поджёг склад."],
        [PETROV],
        ("областной прокурор", "group", None),
    ),
    (
        "a plural verb with no subject speaks for the plural persons the sentence before names",
        ["Студента допросили агенты службы безопасности. Ему сообщили, что обвинений не будет."],
        [],
        ("агенты службы безопасности", "group", None),
    ),
    (
        "a body in a relative clause of the person speaks, not the person",
        ["Соболезнования семье выразил мэр Заречинска Игорь Петров, в пресс-службе которого сообщили: «Мэр скорбит вместе с родными»."],
        [PETROV],
        ("пресс-служба", "organisation", None),
    ),
    (
        "a body named inside the sentence keeps its capital",
        ["В Кремле заявили, что мост откроют к осени."],
        [],
        ("Кремль", "organisation", None),
    ),
    (
        "a group counted in words keeps its count",
        ["Восемь сенаторов заявили, что поддержат закон."],
        [],
        ("восемь сенаторов", "group", None),
    ),
    (
        "a country accusing another speaks as a state",
        ["Северия обвиняет Южную Ардению в нарушении перемирия."],
        [("e1", "LOC", "Северия", ["Северия"]), ("e2", "LOC", "Южная Ардения", ["Южную Ардению"])],
        ("Северия", "state", None),
    ),
    (
        "a paper's short name is the paper",
        ["По словам собеседников «Ъ», порт закроют на ремонт до весны."],
        [],
        ("собеседники «Ъ»", "group", "Коммерсантъ"),
    ),
    (
        "a pronoun is the unnamed speaker just quoted",
        ["Мост закроют на ремонт, заявил пресс-секретарь губернатора.", "По его словам, объезд откроют через неделю."],
        [],
        ("пресс-секретарь губернатора", "group", None),
    ),
    (
        "a plural pronoun is the plural source of the sentence before",
        [
            "Завод закроют, сообщает The Northern Star со ссылкой на неназванных представителей мэрии. "
            "По их словам, рабочих переведут на другие предприятия."
        ],
        [],
        ("неназванные представители мэрии", "group", "The Northern Star"),
    ),
    (
        "a plural pronoun is the group just quoted",
        ["По словам собеседников газеты, сделка сорвалась. По их мнению, покупатель вернется весной."],
        [],
        ("собеседники газеты", "group", None),
    ),
    (
        "an unnamed description is not the person named with that role",
        [
            "Представитель министерства Игорь Петров сообщил, что школы откроют в сентябре.",
            "Позднее неназванный представитель министерства рассказал, что часть школ откроют в октябре.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["представитель министерства"])],
        ("неназванный представитель министерства", "group", None),
    ),
    (
        "a description of somebody's relation is not that somebody",
        ["Игорь Петров подал апелляцию. Его адвокат сказал, что решение суда будет обжаловано."],
        [PETROV],
        ("адвокат", "group", None),
    ),
    (
        "a description refers back to the unnamed speaker just quoted",
        [
            "Паром перестанет ходить зимой, сообщил «Северинформу» представитель пароходства.",
            "«Лед встанет рано», — сказал собеседник агентства.",
        ],
        [],
        ("представитель пароходства", "group", "Северинформ"),  # the interview goes on
    ),
    (
        "a politician's description is the person in office just named",
        [
            "Спикер парламента Игорь Петров временно сложил полномочия.",
            "Он отверг все обвинения. Тем не менее, парламентарий заявил, что вернётся к работе осенью.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["спикер парламента"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a leader of a country by its adjective of another consonant",
        ["Президент Турции Игорь Петров прилетел в Анкару.", "По словам турецкого лидера, переговоры пройдут в пятницу."],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["президент Турции"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a description by the sport is the athlete just named, whatever his position",
        [
            "Нападающий клуба «Северные волки» Игорь Петров объявил о завершении карьеры.",
            "«Пришло время уступить место молодым», — сказал хоккеист.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["нападающий клуба"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a performer is the singer just named",
        ["Певица Вера Лунина отменила гастроли.", "По словам артистки, она вернется на сцену осенью."],
        [("e1", "PER", "Вера Лунина", ["Вера Лунина"], ["певица"])],
        ("Вера Лунина", "person", None),
    ),
    (
        "the monarch is the king named in the narrative, not the one named in his quoted words",
        [
            "Король Северии Эдмунд III выступил с обращением к народу.",
            "Эдмунд III повелел оказать «всю возможную поддержку будущему королю Арнольду».",
            "Монарх также призвал граждан к единству.",
        ],
        [
            ("e1", "PER", "Эдмунд III", ["Эдмунд III"], ["король Северии"]),
            ("e2", "PER", "Арнольд", ["Арнольду"], ["король"]),
        ],
        ("Эдмунд III", "person", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", RESOLUTION_CASES, ids=[c[0] for c in RESOLUTION_CASES])
def test_quote_speakers_resolution_follows_the_text(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


@pytest.mark.issue(15)
def test_quote_speakers_profession_is_the_headline_subject():
    # nobody else with a title fits "актёр": the one person of the headline who fits
    title = "Игорь Петров получил звезду на аллее славы"
    paragraphs = [
        "Поздравить Игоря Петрова пришли его супруга Анна Орлова и режиссер Андрей Соколов.",
        "Выступая на церемонии, актёр признался, что гордится наградой.",
    ]
    names = [
        ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Игоря Петрова"]),
        ("e2", "PER", "Анна Орлова", ["Анна Орлова"], ["супруга"]),
        ("e3", "PER", "Андрей Соколов", ["Андрей Соколов"], ["режиссер"]),
    ]
    assert _last_titled(title, paragraphs, names) == ("Игорь Петров", "person")


@pytest.mark.issue(15)
def test_quote_speakers_bare_description_reaches_back_to_the_headline_subject_who_spoke():
    title = "Анна Орлова рассказала о болезни"
    paragraphs = [
        "Певица Анна Орлова сообщила, что перенесла операцию.",
        "Врачи давно советовали ей лечь в клинику.",
        "Операция прошла в апреле.",
        "Певица не жалеет о своем решении и сообщила, что скоро вернется на сцену.",
    ]
    names = [("e1", "PER", "Анна Орлова", ["Анна Орлова"])]
    assert _last_titled(title, paragraphs, names) == ("Анна Орлова", "person")


RELATION_CASES = [
    (
        "a bare surname after a relation noun is the other person's",
        [
            "Актер Жан Дюбуа женится.",
            "Как сообщил журналу People официальный представитель Дюбуа, свадьба пройдет летом.",
        ],
        [("e1", "PER", "Жан Дюбуа", ["Жан Дюбуа", "Дюбуа"])],
        ("официальный представитель Дюбуа", "group", "People"),
    ),
    (
        "somebody's lawyer is nobody else",
        [
            "Судья Андрей Соколов оставил Петрова под стражей.",
            "Адвокат Петрова заявил, что его подзащитный не признает вины.",
        ],
        [("e1", "PER", "Игорь Петров", ["Петрова"]), ("e3", "PER", "Андрей Соколов", ["Андрей Соколов"], ["судья"])],
        ("адвокат Петрова", "group", None),
    ),
    (
        "the name closing a description speaks",
        ["Ночью ей позвонил младший брат Андрей и сказал, что уезжает из города."],
        [("e3", "PER", "Андрей", ["Андрей"])],
        ("Андрей", "person", None),
    ),
    (
        "a name governed by a participle is not the subject",
        ["«Решение суда мы обжалуем», — сказал поддерживающий Петрова депутат Андрей Соколов."],
        [("e1", "PER", "Игорь Петров", ["Петрова"]), ("e3", "PER", "Андрей Соколов", ["Андрей Соколов"])],
        ("Андрей Соколов", "person", None),
    ),
    (
        "an outlet's source is unnamed by design",
        [
            "Игорь Петров остался в совете директоров.",
            "«Решение по нему уже принято», — объяснил собеседник «Интерфакса».",
        ],
        [PETROV],
        ("собеседник «Интерфакса»", "group", "Интерфакс"),
    ),
    (
        "a guessed first name says nothing of gender",
        ["В разговоре с агентом Эверитт Джеймсон говорил, что готов ко всему."],
        [("e7", "PER", "Эверитт Джеймсон", ["Эверитт Джеймсон"])],
        ("Эверитт Джеймсон", "person", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", RELATION_CASES, ids=[c[0] for c in RELATION_CASES])
def test_quote_speakers_relations_and_names(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


PLACE_AND_DOCUMENT_CASES = [
    # review of issue 15's sixth session: a document belongs to whoever made it public, never to
    # the subject of any sentence that mentions it
    (
        "a document criticised by someone is its owner's («раскритиковал заявление ФСБ»)",
        ["Премьер Игорь Петров раскритиковал заявление ФСБ. В заявлении говорится, что в городе задержаны трое."],
        [PETROV, ("e2", "ORG", "ФСБ", ["ФСБ"])],
        ("ФСБ", "organisation", None),
    ),
    (
        "a document received or read out is not the reader's («получил письмо от», «зачитал обращение X»)",
        ["Игорь Петров получил письмо от губернатора. В письме говорится, что завод закроют."],
        [PETROV],
        (None, None, None),
    ),
    (
        "«в нём» stands for the document with its owner («обращение Анны Орловой»)",
        ["Игорь Петров зачитал вслух обращение Анны Орловой. В нём говорится, что завод закроют."],
        [PETROV, ("e2", "PER", "Анна Орлова", ["Анны Орловой"])],
        ("Анна Орлова", "person", None),
    ),
    (
        "«в ней» does not stand for a neuter document («письмо»)",
        ["Игорь Петров написал письмо в прокуратуру Северии. В ней заявили, что проверка начата."],
        [PETROV],
        (None, None, None),
    ),
    (
        "a later statement with «заявил» does not make its speaker the author of the body's statement",
        [
            "В заявлении министерства транспорта Северии говорится, что переговоры продолжатся. Министр Игорь Петров накануне заявил о визите в Москву. "
            "В заявлении также отмечается, что санкции будут сняты."
        ],
        [PETROV],
        ("министерство транспорта Северии", "organisation", None),
    ),
    (
        "a body's genitive after a noun is no subject («Сотрудники ФСБ нашли письмо»)",
        ["Сотрудники ФСБ нашли у задержанного письмо. В письме говорится, что взрыв готовили месяц."],
        [("e2", "ORG", "ФСБ", ["ФСБ"])],
        (None, None, None),
    ),
    (
        "a company in Latin letters named after its founder stays the company («Boeing заявил»)",
        ["Компанию основал Уильям Боинг (William Boeing).", "Boeing заявил, что выплатит компенсации."],
        [("e1", "PER", "Уильям Боинг", ["Уильям Боинг", "William Boeing"]), ("e2", "ORG", "Boeing", ["Boeing"])],
        ("Boeing", "organisation", None),
    ),
    (
        "a bare «источник» after another source is that nearer source, not the one an outlet relayed",
        [
            "Как сообщил «Северинформ» источник в полиции, задержаны двое. Источник, близкий к семье погибшего, рассказал, что мужчина получал угрозы. "
            "По словам источника, семья уже обратилась к адвокату."
        ],
        [],
        ("источник", "group", None),
    ),
    (
        "a person inside a relative clause whose pronoun stands deeper («на ноге у которого») is not the subject",
        ["Однако план провалился, когда Игорь Петров, на руке у которого есть татуировка с портретом Анны Орловой, передумал и сообщил, что отказывается."],
        [PETROV, ("e2", "PER", "Анна Орлова", ["Анны Орловой"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "the narrator's «Напомним,» opens no clause of the speaker's",
        ["Напомним, в министерстве транспорта заявили о закрытии моста."],
        [],
        ("министерство транспорта", "organisation", None),
    ),
    (
        "«коллегия» is a body that speaks",
        ["Коллегия адвокатов Заречинска сообщила, что подаст жалобу."],
        [],
        ("коллегия адвокатов Заречинска", "organisation", None),
    ),
    (
        "two roles joined by «и» with a singular verb are one person, found by the first",
        ["Суд сократил срок Игорю Петрову, бывшему мэру Заречинска.", "Вчера бывший мэр Заречинска и лидер партии «Мосты» объявил о своем уходе из политики."],
        [("e1", "PER", "Игорь Петров", ["Игорю Петрову"], ["бывший мэр Заречинска"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a surname alone in Latin letters is the person under its original spelling",
        ["Компанию возглавляет Хосе Мартинес (José Martínez).", "Однако Martínez признал, что сценарий изменился."],
        [("e1", "PER", "Хосе Мартинес", ["Хосе Мартинес", "José Martínez"]), ("e2", "PER", "Martínez", ["Martínez"])],
        ("Хосе Мартинес", "person", None),
    ),
    (
        "a Latin body named like a person stays a body when the verb is not a person's",
        ["Завод основал Генри Форд (Henry Ford).", "Ford сообщила, что продажи выросли."],
        [("e1", "PER", "Генри Форд", ["Генри Форд", "Henry Ford"]), ("e2", "ORG", "Ford", ["Ford"])],
        ("Ford", "organisation", None),
    ),
    (
        "a document the narrator named with its author speaks for the author",
        ["Министерство транспорта Северии опубликовало комментарий к решению суда. В официальном комментарии отмечается, что мост закроют на год."],
        [("e1", "ORG", "Министерство транспорта Северии", ["Министерство транспорта Северии"])],
        ("Министерство транспорта Северии", "organisation", None),
    ),
    (
        "«в нём» is the document of the sentence before",
        ["Министерство транспорта Северии опубликовало комментарий к решению суда. В нём сказано, что мост закроют на год."],
        [("e1", "ORG", "Министерство транспорта Северии", ["Министерство транспорта Северии"])],
        ("Министерство транспорта Северии", "organisation", None),
    ),
    (
        "a congratulation is the one who congratulated, not the site that published it",
        [
            "С юбилеем актёра поздравил губернатор Игорь Петров. Об этом сообщается на сайте правительства области.",
            "В поздравлении, в частности, говорится, что актёр воспитал не одно поколение зрителей.",
        ],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "the author is read only from a sentence that names the document or its verb",
        ["Игорь Петров подписал указ о мосте. Мост закроют на год.", "В заявлении говорится, что ремонт начнётся весной."],
        [PETROV],
        (None, None, None),
    ),
    (
        "an auction house is a firm that speaks",
        ["Картина продана за миллион долларов. Об этом сообщили в аукционном доме, который провел торги."],
        [],
        ("аукционный дом", "organisation", None),
    ),
    (
        "a bare «ведомство» is the body just named",
        ["Министерство транспорта Северии закрыло мост.", "В заявлении ведомства говорится, что ремонт займет год."],
        [("e1", "ORG", "Министерство транспорта Северии", ["Министерство транспорта Северии"])],
        ("Министерство транспорта Северии", "organisation", None),
    ),
    (
        "a verdict nobody is named behind is the court's",
        ["Суд приговорил водителя к двум годам ограничения свободы.", "В приговоре отмечается, что вины врачей в гибели пешехода нет."],
        [],
        ("суд", "organisation", None),
    ),
    (
        "the interview a source spoke in is no part of its description",
        ["Сотрудник мэрии в беседе с корреспондентом газеты отметил, что мост откроют к осени."],
        [],
        ("сотрудник мэрии", "group", None),
    ),
    (
        "a document nobody is named behind speaks as itself",
        ["Губернатор подписал программу развития области.", "Документ предлагает закрыть два убыточных завода до конца года."],
        [],
        ("документ", "organisation", None),
    ),
    (
        "a document then speaks on in an impersonal cue",
        ["В докладе говорится, что дорог в области стало больше.", "Также планируется построить два моста, отмечается в тексте."],
        [],
        ("доклад", "organisation", None),
    ),
    (
        "a message whose owner the text names is no speaker of its own",
        ["В сообщении Северной верфи говорится, что заказ выполнят в срок."],
        [],
        (None, None, None),
    ),
    (
        "в + a country with a plural verb and no subject",
        ["Так, в Норвегии считают, что генсеком станет Игорь Петров."],
        [PETROV, ("e5", "LOC", "Норвегия", ["Норвегии"])],
        ("Норвегия", "state", None),
    ),
    (
        "a body in quotation marks after в",
        ["В «Северной верфи» подтвердили задержание и подчеркнули, что расследование касается частного лица."],
        [("e9", "ORG", "Северная верфь", ["Северной верфи"])],
        ("Северная верфь", "organisation", None),
    ),
    (
        "an outlet citing a source before the verb relays it",
        ["Газета «Вечерний Заречинск» ранее сообщала со ссылкой на неназванные источники, что мэр уйдет в отставку."],
        [],
        ("неназванные источники", "group", "Вечерний Заречинск"),
    ),
    (
        "a document without its owner is the last document's body",
        [
            "Комитет защиты реки распространил заявление, в котором говорится, что завод загрязняет воду.",
            "В пресс-релизе также говорится, что анализы воды провели независимые лаборатории.",
        ],
        [("e9", "ORG", "Комитет защиты реки", ["Комитет защиты реки"])],
        ("Комитет защиты реки", "organisation", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", PLACE_AND_DOCUMENT_CASES, ids=[c[0] for c in PLACE_AND_DOCUMENT_CASES])
def test_quote_speakers_places_dates_documents(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


@pytest.mark.issue(15)
def test_quote_speakers_date_after_the_verb_is_no_place():
    from svodka.model import Article
    from svodka.pipeline import run

    article = run(Article.build("Новости", ["Бывший президент страны погиб в бою, подтвердила в понедельник, 4 декабря, его партия."]), _article.models)
    q = article.quotes[-1]
    assert (q.speaker.name, q.speaker.kind) == ("партия", "organisation")


MORE_CASES = [
    (
        "a role with an organisation: the holder of that organisation's post",
        [
            "Глава Высшего военного совета маршал Андрей Соколов поручил Игорю Петрову сформировать правительство.",
            "Игорь Петров в прошлом был главой правительства. В обращении к нации глава военного совета сообщил, что принял отставку кабинета.",
        ],
        [
            ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Игорю Петрову"], ["глава правительства"]),
            ("e3", "PER", "Андрей Соколов", ["Андрей Соколов"], ["глава Высшего военного совета"]),
        ],
        ("Андрей Соколов", "person", None),
    ),
    (
        "the pronoun next to the verb is its subject, not a name listed before it",
        ["Анна Орлова сказала, что любит русские романы. Ее дочери носят русские имена — Соня и Наташа, она отмечала, что так звали героинь Толстого."],
        [("e2", "PER", "Анна Орлова", ["Анна Орлова"]), ("e4", "PER", "Соня", ["Соня"]), ("e5", "PER", "Наташа", ["Наташа"])],
        ("Анна Орлова", "person", None),
    ),
    (
        "an organisation named for a person NER cut off",
        ["Комитет защиты Игоря Петрова распространил заявление, в котором говорится, что суд был несправедлив."],
        [("e9", "ORG", "Комитет защиты", ["Комитет защиты"]), ("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        ("Комитет защиты Игоря Петрова", "organisation", None),
    ),
    (
        "a person right after an institution's noun owns it",
        ["Отставка могла быть воспринята, по мнению администрации президента, как слабость власти."],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров", "президента"], ["президент"])],
        ("администрация президента", "organisation", None),
    ),
    (
        "an institution inside a title's genitive chain owns nobody",
        ["По мнению заведующего кафедрой Северного университета Игоря Петрова, плотина снизит риск паводков."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "an institution after a parenthesis inside a title owns nobody",
        ["По мнению директора института Северного (Арктического) федерального университета Игоря Петрова, порту придется конкурировать."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "an outlet before the speaker noun with a possessive heard it",
        ["Похороны пройдут в субботу, сообщила РБК его помощница Анна Орлова."],
        [("e2", "PER", "Анна Орлова", ["Анна Орлова"]), ("e9", "ORG", "РБК", ["РБК"])],
        ("Анна Орлова", "person", "РБК"),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", MORE_CASES, ids=[c[0] for c in MORE_CASES])
def test_quote_speakers_more_resolution(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


GROUP_MORE_CASES = [
    ("a part of a group", ["Ряд СМИ сообщил, что певица давно болеет."], [], ("ряд СМИ", "group", None)),
    ("an abbreviation NER missed before the verb", ["Накануне ИГ заявило, что нападение устроил его сторонник."], [], ("ИГ", "organisation", None)),
    (
        "a subject after the verb past a participle's words",
        ["Решение приняли единогласно. Об этом сообщила насчитывающая восемь тысяч членов организация."],
        [],
        ("организация", "group", None),
    ),
    ("a capitalised body after the verb", ["Президент встретился с семьей политика, сообщил Белый дом."], [], ("Белый дом", "organisation", None)),
    (
        "a pronoun with no named person of its gender: the person noun before",
        ["В день нападения он отправил жене десятки сообщений. Она ответила: «Только суд решит твою судьбу»."],
        [],
        ("жена", "group", None),
    ),
    ("coordinated nouns are one group", ["Семья и близкие Петрова считают, что следствие могло узнать больше."], [], ("семья и близкие Петрова", "group", None)),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", GROUP_MORE_CASES, ids=[c[0] for c in GROUP_MORE_CASES])
def test_quote_speakers_more_groups(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


GLOSS_CASES = [
    (
        "a name in Latin letters in brackets is a gloss of the name before it",
        ["Житель Глендейла Карен Казарян (Karen Kazaryan) признал, что взломал почту."],
        [("e1", "PER", "Карен Казарян", ["Карен Казарян"]), ("e2", "PER", "Karen Kazaryan", ["Karen Kazaryan"])],
        ("Карен Казарян", "person", None),
    ),
    (
        "a feminine noun is a woman whatever the verb's tense",
        ["Суд над Игорем Петровым продолжается. 27-летняя женщина утверждает, что подверглась нападению."],
        [("e1", "PER", "Игорь Петров", ["Игорем Петровым"])],
        ("27-летняя женщина", "group", None),
    ),
    (
        "an outlet's journalist is nobody the article talks about",
        ["Ресторан Игоря Петрова пользовался дурной славой. «Женщинам туда лучше не ходить», — написал журналист газеты."],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"])],
        ("журналист газеты", "group", None),
    ),
    (
        "the source of an outlet named by its noun: that outlet relays",
        [
            "Генерала задержали в Москве, сообщает агентство «Интерфакс».",
            "По словам источника агентства, генерал брал взятки с 2008 года.",
        ],
        [],
        ("источник агентства", "group", "Интерфакс"),
    ),
    ("a coalition speaks", ["Коалиция заявила, что у нее есть поддержка 101 депутата."], [], ("коалиция", "group", None)),
    (
        "в беседе с изданием: the outlet heard it",
        ["В беседе с австралийским изданием Sydney Herald режиссер Игорь Петров сказал, что больше не будет снимать."],
        [PETROV],
        ("Игорь Петров", "person", "Sydney Herald"),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", GLOSS_CASES, ids=[c[0] for c in GLOSS_CASES])
def test_quote_speakers_glosses_and_outlets_people(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


@pytest.mark.issue(15)
def test_quote_speakers_gender_from_the_verb_after_the_name():
    # the dictionary reads "Флоранс" as a man's name; the verb after it says otherwise
    paragraphs = [
        "Игорь Петров предложил проверять дипломы авторов.",
        "Председатель фонда Флоранс Девуар высказалась против идеи Петрова. Она сказала: «Проблема в качестве статей, а не в дипломах».",
    ]
    names = [("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петрова"]), ("e2", "PER", "Флоранс Девуар", ["Флоранс Девуар"])]
    assert _last(paragraphs, names) == ("Флоранс Девуар", "person", None)


# cues without a subject of their own (the statement finder reads them: gerunds, participles,
# requests)
MAIN_VERB_CASES = [
    (
        "a gerund's subject is its verb's",
        ["Игорь Петров уже публично извинился перед Соколовым, сообщив, что не помнит того вечера."],
        [PETROV, ("e3", "PER", "Андрей Соколов", ["Соколовым"])],
        ("Игорь Петров", "person", None),
    ),
    (
        "a gerund after coordinated verbs: the subject before the first",
        ["Отец Андрея Соколова не дослушал приговор и покинул зал до конца заседания, заявив: «Не могу слушать это вранье»."],
        [("e3", "PER", "Андрей Соколов", ["Андрея Соколова"])],
        ("отец Андрея Соколова", "group", None),
    ),
    (
        "a gerund in the clause after ', а'",
        ["Мэр пообещал разобраться, а депутат Игорь Петров назвал его лжецом, заявив, что проверка не нужна."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "a participle's person",
        ["Ранее выступил депутат Игорь Петров, выразивший убеждение, что закон приведет к репрессиям."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "a request noun: the subject of the verb, not whom it addressed",
        ["В прошлом году епархия обратилась к губернатору Игорю Петрову с просьбой передать собор церкви."],
        [("e1", "PER", "Игорь Петров", ["Игорю Петрову"], ["губернатор"])],
        ("епархия", "group", None),
    ),
    (
        "a crowd of people",
        ["Толпа болельщиков перекрыла проспект, требуя наказать виновных."],
        [],
        ("толпа болельщиков", "group", None),
    ),
    (
        "a relative clause has its own subject",
        ["Один из поклонников, которого певица попросила выйти на сцену, понял ее неправильно."],
        [],
        ("певица", "group", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", MAIN_VERB_CASES, ids=[c[0] for c in MAIN_VERB_CASES])
def test_quote_speakers_cues_without_a_subject(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


@pytest.mark.issue(15)
def test_quote_speakers_subject_written_as_its_base_name():
    # "Муратоглу" reads as no nominative to pymorphy3; written as the base name, by a verb, it is a subject
    paragraphs = [
        "Певицу поздравили ее сестра Анна Орлова и тренер Патрик Муратоглу. Он также пожелал ей скорее вернуться на сцену, добавив, что «впереди много работы»."
    ]
    names = [("e2", "PER", "Анна Орлова", ["Анна Орлова"], ["сестра"]), ("e4", "PER", "Патрик Муратоглу", ["Патрик Муратоглу"], ["тренер"])]
    assert _last(paragraphs, names) == ("Патрик Муратоглу", "person", None)


@pytest.mark.issue(15)
def test_quote_speakers_a_cited_source_keeps_its_outlet():
    paragraphs = [
        "Глава комиссии покинет свой пост, передает The Northern Star со ссылкой на неназванных представителей мэрии. "
        "По их словам, заявление сделают сегодня."
    ]
    assert _last(paragraphs) == ("неназванные представители мэрии", "group", "The Northern Star")


VIA_MORE_CASES = [
    (
        "«S2, передает X» goes on with the statement of the sentence right before it",
        ["Пресс-служба МВД сообщила, что проверка продолжается. Сейчас выясняется, кому принадлежит оружие, передает агентство «Северинформ»."],
        [],
        ("пресс-служба МВД", "organisation", "Северинформ"),
    ),
    (
        "... not across a sentence of narration: the outlet's own report",
        ["Губернатор Игорь Петров заявил, что мост откроют к осени. Строительство моста началось в 2019 году. Его стоимость составила 10 млрд рублей, передает агентство «Северинформ»."],
        [PETROV],
        ("Северинформ", "outlet", None),
    ),
    (
        "... nor after someone's question",
        ["Почему мост не открыли раньше, спросил губернатора журналист Игорь Петров? Работы ведутся круглосуточно, передает агентство «Северинформ»."],
        [PETROV],
        ("Северинформ", "outlet", None),
    ),
    (
        "... and the interview outlet of the speaker before stays his",
        [
            "Министр транспорта Игорь Петров заявил «Интерфаксу», что мост откроют к осени. Работы ведутся круглосуточно, передает агентство «Северинформ».",
            "Министр также отметил, что в городе построят новый вокзал.",
        ],
        [PETROV],
        ("Игорь Петров", "person", "Интерфакс"),
    ),
    (
        "an outlet citing nobody's figures («со ссылкой на данные экзитполов») speaks itself",
        ["Кандидат набирает более половины голосов, передает телеканал «Северный курьер» со ссылкой на предварительные данные."],
        [("e2", "ORG", "Северный курьер", ["Северный курьер"])],
        ("Северный курьер", "outlet", None),
    ),
    (
        "an outlet citing a body's figures relays the body («со ссылкой на данные ЦИК»)",
        ["Кандидат набирает более половины голосов, сообщает «Северинформ» со ссылкой на данные ЦИК."],
        [("e2", "ORG", "ЦИК", ["ЦИК"])],
        ("ЦИК", "organisation", "Северинформ"),
    ),
    (
        "a sentence opening «По данным <outlet>,»: the speaker of its colon quote speaks through it",
        ["По данным телеграм-канала Northern Wire, водитель автобуса Игорь Петров объясняет аварию так:", "Меня подрезал грузовик, я уходил от удара."],
        [PETROV, ("e2", "ORG", "Northern Wire", ["Northern Wire"])],
        ("Игорь Петров", "person", "Northern Wire"),
    ),
    (
        "a source referred back by its bare noun is heard through the same outlet",
        ["Министр уйдет в отставку, сообщает «Северинформ» со ссылкой на источник в правительстве.", "По словам источника, преемник уже выбран."],
        [],
        ("источник", "group", "Северинформ"),
    ),
    (
        "Об этом ... рассказал изданию X: the outlet heard the statement before",
        ["Бывший мэр Игорь Петров сообщил о разводе с женой. Об этом он рассказал изданию The Northern Star."],
        [PETROV],
        ("Игорь Петров", "person", "The Northern Star"),
    ),
    (
        "an outlet's head speaks for himself",
        ["Президент телекомпании «Заря» Игорь Петров объявил о своей отставке."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "the sources of the media: the media relay",
        ["Решение об отставке было принято еще в мае, сообщили источники российских СМИ."],
        [],
        ("источники российских СМИ", "group", "российские СМИ"),
    ),
    (
        "an interview to an outlet whose quoted name opens with an adjective",
        ["Игорь Петров в интервью «Северному курьеру» заявил, что мост откроют к осени."],
        [PETROV],
        ("Игорь Петров", "person", "Северный курьер"),
    ),
    (
        "a sentence opening with the relaying outlet: the speaker of its cue speaks through it",
        ["Как передает агентство «Северинформ», глава района Игорь Петров заявил, что мост откроют к осени."],
        [PETROV],
        ("Игорь Петров", "person", "Северинформ"),
    ),
    (
        "«ссылаясь на» before the verb: the source cited speaks, the outlet relays",
        ["Газета «Вечерний Заречинск», ссылаясь на источники в мэрии, пишет, что мост откроют к осени."],
        [],
        ("источники в мэрии", "group", "Вечерний Заречинск"),
    ),
    (
        "«ссылаясь на» after a relay closing the statement: the cue's speaker speaks through the outlet",
        ["Глава района Игорь Петров заявил, что мост откроют к осени, пишет газета «Вечерний Заречинск», ссылаясь на пресс-службу района."],
        [PETROV],
        ("Игорь Петров", "person", "Вечерний Заречинск"),
    ),
    (
        "the channel named after the speaker and the programme",
        ["Мост откроют к осени, заявил Игорь Петров в программе «Итоги недели» на телеканале «Север-24»."],
        [PETROV],
        ("Игорь Петров", "person", "Север-24"),
    ),
    (
        "the next sentence names the outlet that relayed a statement of someone else",
        ["Мост откроют к осени, заявил Игорь Петров журналистам. Об этом сообщает агентство «Северинформ»."],
        [PETROV],
        ("Игорь Петров", "person", "Северинформ"),
    ),
    (
        "the next sentence names the outlet that quoted the words",
        ["«Мост откроем к осени», — заявил Игорь Петров. Его слова приводит газета «Вечерний Заречинск»."],
        [PETROV],
        ("Игорь Петров", "person", "Вечерний Заречинск"),
    ),
    (
        "an interview told of in a sentence with no statement goes on into the person's words",
        ["Игорь Петров дал интервью газете «Вечерний Заречинск».", "Он заявил, что мост откроют к осени."],
        [PETROV],
        ("Игорь Петров", "person", "Вечерний Заречинск"),
    ),
    (
        "a comment to an outlet",
        ["Мост откроют к осени, сказал Игорь Петров в комментарии «Северинформу»."],
        [PETROV],
        ("Игорь Петров", "person", "Северинформ"),
    ),
    (
        "a talk with an outlet",
        ["Мост откроют к осени, сказал Игорь Петров в разговоре с The Northern Star."],
        [PETROV],
        ("Игорь Петров", "person", "The Northern Star"),
    ),
    (
        "an answer to an outlet's request",
        ["Мост откроют к осени, уточнил Игорь Петров в ответ на запрос The Northern Star."],
        [PETROV],
        ("Игорь Петров", "person", "The Northern Star"),
    ),
    (
        "an interview printed by an outlet",
        ["Мост откроют к осени, сказал Игорь Петров в интервью, опубликованном в газете «Вечерний Заречинск»."],
        [PETROV],
        ("Игорь Петров", "person", "Вечерний Заречинск"),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", VIA_MORE_CASES, ids=[c[0] for c in VIA_MORE_CASES])
def test_quote_speakers_more_vias(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


LATE_CASES = [
    (
        "a pronoun is the outlet that spoke last when its noun has that gender",
        ["Россия не нашла кандидата на пост генсека. Об этом пишет газета «Вечерний Заречинск».", "По ее данным, все претенденты отказались."],
        [],
        ("Вечерний Заречинск", "outlet", None),
    ),
    (
        "the о-phrase before the verb is the statement, the subject after it",
        ["Об отставке министра сообщил сегодня глава правительства Игорь Петров."],
        [PETROV],
        ("Игорь Петров", "person", None),
    ),
    (
        "a headline's colon ends the clause before the subject",
        ["Дело Соколова: дети журналистки заявляют о нелегитимности процесса"],
        [("e3", "PER", "Андрей Соколов", ["Соколова"])],
        ("дети журналистки", "group", None),
    ),
    (
        "a kind of body before its quoted name",
        ["5 августа ФК «Северный» объявил об отставке главного тренера."],
        [("e9", "ORG", "Северный", ["Северный"])],
        ("Северный", "organisation", None),
    ),
    ("the authorities' bodies", ["По данным правоохранительных органов, следов ограбления нет."], [], ("правоохранительные органы", "group", None)),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", LATE_CASES, ids=[c[0] for c in LATE_CASES])
def test_quote_speakers_late_rules(case, paragraphs, names, expected):
    assert _last(paragraphs, names) == expected


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "case, second, via",
    [
        ("the same speaker 'also' speaks to an outlet next: one interview", "В интервью телеканалу «Заря» Петров также рассказал, что мост откроют в мае.", "Заря"),
        ("another speaker's interview is not his", "В интервью телеканалу «Заря» Орлова также рассказала, что мост откроют в мае.", None),
        ("without 'также' the next interview may be another", "В интервью телеканалу «Заря» Петров рассказал, что мост откроют в мае.", None),
    ],
)
def test_quote_speakers_the_interview_goes_on_before(case, second, via):
    paragraphs = ["Мэр Игорь Петров рассказал о договоренности с подрядчиком.", second]
    names = [PETROV, ("e2", "PER", "Анна Орлова", ["Орлова"])]
    quotes = extract_quotes(_article(None, paragraphs, names), _article.models).quotes
    assert (quotes[0].text, quotes[0].speaker.name, quotes[0].via) == ("о договоренности с подрядчиком", "Игорь Петров", via)


@pytest.mark.issue(15)
def test_quote_speakers_relay_at_the_paragraph_end_covers_the_same_speaker_before():
    paragraphs = [
        "О закрытии моста сообщил мэр Заречинска Игорь Петров. Градоначальник также отметил, что "
        "объезд откроют через неделю, передает агентство «Северинформ».",
        "Ранее Анна Орлова заявила, что ремонт затянется.",
    ]
    names = [PETROV, ("e2", "PER", "Анна Орлова", ["Анна Орлова"])]
    quotes = extract_quotes(_article(None, paragraphs, names), _article.models).quotes
    assert [(q.speaker.name, q.via) for q in quotes] == [
        ("Игорь Петров", "Северинформ"),
        ("Игорь Петров", "Северинформ"),
        ("Анна Орлова", None),
    ]


@pytest.mark.issue(15)
def test_quote_speakers_quoting_outlet_relays_its_quotation_only():
    paragraphs = [
        "Игорь Петров сообщил о закрытии моста. «Объезд откроют через неделю», — приводит его слова "
        "агентство «Северинформ»."
    ]
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.speaker.name, q.via) for q in quotes] == [("Игорь Петров", None), ("Игорь Петров", "Северинформ")]


@pytest.mark.issue(15)
def test_quote_speakers_headline_description_is_the_person_the_lead_names():
    title = "Бывший мэр, обвиняемый во взятке, заявил о своей невиновности"
    paragraphs = [
        "52-летний заречинец Игорь Петров заявил о своей невиновности на заседании областного суда.",
        "Суд продлил ему арест на два месяца.",
    ]
    quotes = extract_quotes(_article(title, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes][:2] == [
        ("о своей невиновности", "Игорь Петров"),
        ("о своей невиновности на заседании областного суда", "Игорь Петров"),
    ]


@pytest.mark.issue(15)
def test_quote_speakers_verb_joined_by_and_goes_on_with_the_last_speaker():
    paragraphs = [
        "Глава Заречинского района Игорь Петров сказал, что ремонт моста не затянется. «Это обычная работа "
        "в рамках плана», — и добавил, что «губернатор с этим планом согласился»."
    ]
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.kind, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("indirect", "Игорь Петров"),
        ("direct", "Игорь Петров"),
        ("direct", "Игорь Петров"),
    ]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Игорь Петров сообщил сегодня в Инстаграме о своём уходе из клуба."], [("Игорь Петров", "Инстаграм")]),
        (["В своём Twitter мэр Заречинска Игорь Петров написал, что уходит в отставку."], [("Игорь Петров", "Twitter")]),
        (["Игорь Петров написал в Telegram-канале, что мост откроют в мае."], [("Игорь Петров", "Telegram")]),
        # a network inside the statement is its own words; a post is heard by nobody after it
        (["Игорь Петров сообщил, что видео опубликовано в Instagram."], [("Игорь Петров", None)]),
        (
            ["Игорь Петров написал в Facebook, что уходит в отставку. Позже Петров заявил, что передумал."],
            [("Игорь Петров", "Facebook"), ("Игорь Петров", None)],
        ),
    ],
)
def test_quote_speakers_social_network_hosts_the_words(paragraphs, expected):
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.speaker.name if q.speaker else None, q.via) for q in quotes] == expected


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Игорь Петров возглавил клуб «Северные волки». Многие полагали, что этот шаг положит конец его карьере."], ("многие", "group", None)),
        (["Мост закрыли на ремонт. Некоторые считают, что ремонт затянется до зимы."], ("некоторые", "group", None)),
        # the quantifier of a noun is part of its group, not the group
        (["Мост закрыли на ремонт. Некоторые жители уверены, что ремонт затянется до зимы."], ("некоторые жители", "group", None)),
    ],
)
def test_quote_speakers_quantifier_alone_is_a_group(paragraphs, expected):
    assert _last(paragraphs, [PETROV]) == expected


@pytest.mark.issue(15)
def test_quote_speakers_gerund_after_an_inverted_verb_shares_its_subject_after_it():
    paragraphs = [
        "Король Заречии перенёс операцию. Король проходил лечение в столичной клинике, сообщило "
        "государственное информационное агентство «Северинформ», добавив, что у него было диагностировано воспаление."
    ]
    quotes = extract_quotes(_article(None, paragraphs, []), _article.models).quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("Король проходил лечение в столичной клинике", "Северинформ"),
        ("у него было диагностировано воспаление", "Северинформ"),
    ]


@pytest.mark.issue(15)
def test_quote_speakers_the_chto_belongs_to_the_later_speech_verb():
    paragraphs = ["Игорь Петров покинул клуб. Суд признал его невиновным, однако болельщики полагали, что тренер виноват в поражении."]
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.text, q.speaker.name if q.speaker else None, q.cue) for q in quotes] == [
        ("тренер виноват в поражении", "болельщики", "полагали")
    ]


@pytest.mark.issue(15)
def test_quote_speakers_subject_after_a_fronted_subordinate_clause():
    paragraphs = [
        "Анна Светлова возглавила клуб. Хотя на суде Анну Светлову признали невиновной, многие полагали, "
        "что этот случай положит конец её карьере."
    ]
    names = [("e2", "PER", "Анна Светлова", ["Анна Светлова", "Анну Светлову"])]
    assert _last(paragraphs, names) == ("многие", "group", None)


@pytest.mark.issue(15)
def test_quote_speakers_fronted_request_noun_is_asked_by_the_subject_after_the_verb():
    paragraphs = [
        "Ранее с призывом к мэру уйти в отставку выступали активисты партии «Северный путь», в которой "
        "Игорь Петров состоял до 2010 года."
    ]
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes] == [
        ("к мэру уйти в отставку", "активисты партии «Северный путь»")
    ]




@pytest.mark.issue(15)
def test_quote_speakers_surname_ner_missed_before_the_verb():
    paragraphs = [
        "В Заречинске скончалась бывший мэр Анна Дюпре. Анна Дюпре руководила городом десять лет.",
        "Её брат Пьер Дюпре писал для местной газеты. Анна Дюпре вышла на пенсию в 2010 году.",
        "Дюпре часто говорила: «За всё отвечаю я», позаимствовав эту фразу у одного из президентов.",
    ]
    # NER found the full names, not the surname before the verb; the brother is named once
    names = [("e2", "PER", "Анна Дюпре", ["Анна Дюпре"]), ("e3", "PER", "Пьер Дюпре", ["Пьер Дюпре"])]
    quotes = extract_quotes(_article(None, paragraphs, names), _article.models).quotes
    assert [(q.text, q.speaker.name if q.speaker else None) for q in quotes][-1] == ("За всё отвечаю я", "Анна Дюпре")


@pytest.mark.issue(15)
def test_quote_speakers_exclamation_mark_inside_a_latin_name_ends_no_sentence():
    paragraphs = ["Певец Игорь Петров отменил концерт. В интервью E! News он объяснил это тем, что «в городе сейчас небезопасно»."]
    quotes = extract_quotes(_article(None, paragraphs, [PETROV]), _article.models).quotes
    assert {(q.speaker.name if q.speaker else None, q.via) for q in quotes} == {("Игорь Петров", "E! News")}


def test_quote_speakers_owner_clause_is_no_part_of_the_statement(models):
    """"По мнению телеканала, принадлежащего движению X, S": the participle clause names the
    source ("принадлежащего" is read as an adjective first), the statement is S."""
    quotes = extract_quotes(_article(None, ["По мнению телеканала, принадлежащего движению «Северный фронт», министр ушёл из-за провала операции."], ()), models).quotes
    assert [q.text for q in quotes] == ["министр ушёл из-за провала операции"]
