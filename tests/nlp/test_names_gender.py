"""Tests of svodka.nlp.names on the gender and case of person names that the text proves
(issue 15's speakers): the verb a name is the subject of, the other mentions of the person
in the article. Sentences and names are the team's own."""

from __future__ import annotations

import pytest

from svodka.model import Article, Entity, Mention
from svodka.nlp.names import normalize_entities


def _normals(text: str, names: list[str], models) -> dict[str, str]:
    """Base form of each of ``names`` (in order of their first occurrence in ``text``)."""
    entities, pos = [], 0
    for n, name in enumerate(names, 1):
        start = text.index(name, pos)
        pos = start + len(name)
        entities.append(Entity(id=f"e{n}", type="PER", name=name, mentions=[Mention(start, pos, name, "")]))
    article = normalize_entities(Article(text=text, entities=entities), models)
    return {m.text: m.normal for e in article.entities for m in e.mentions}


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, name, normal",
    [
        # the past-tense verb a name is the subject of decides its gender and case against
        # the dictionary's frequencies (a man's genitive "Евгения Медведева" is commoner)
        ("Евгения Медведева ушла из сборной.", "Евгения Медведева", "Евгения Медведева"),
        ("Мирослава Немцова возглавила список.", "Мирослава Немцова", "Мирослава Немцова"),
        # an occupation noun before the name: the name is in apposition, still the subject
        ("Телеведущая Анфиса Чехова написала в соцсетях о новом шоу.", "Анфиса Чехова", "Анфиса Чехова"),
        ("Фигуристка Евгения Медведева сменила тренера.", "Евгения Медведева", "Евгения Медведева"),
        # a relation noun takes the other person's name in the genitive: the verb is the noun's
        ("Жена Евгения Медведева заявила о разводе.", "Евгения Медведева", "Евгений Медведев"),
        # so do in-laws, neighbours, colleagues, friends, assistants and pupils
        ("Тёща Александра Иванова рассказала о зяте.", "Александра Иванова", "Александр Иванов"),
        ("Свекровь Евгения Медведева пришла на суд.", "Евгения Медведева", "Евгений Медведев"),
        ("Соседка Александра Иванова рассказала, что он уехал.", "Александра Иванова", "Александр Иванов"),
        ("Помощница Александра Иванова отказалась от комментариев.", "Александра Иванова", "Александр Иванов"),
        ("Коллега Александра Иванова рассказала о нём.", "Александра Иванова", "Александр Иванов"),
        ("Подруга Евгения Медведева рассказала о нём.", "Евгения Медведева", "Евгений Медведев"),
        # after a preposition the name is in the case it governs
        ("У Евгения Медведева появилась идея.", "Евгения Медведева", "Евгений Медведев"),
        # a nominative noun after the verb is its subject ("задержала полиция")
        ("Евгения Медведева задержала полиция.", "Евгения Медведева", "Евгений Медведев"),
    ],
)
def test_names_subject_verb_gives_gender(models, text, name, normal):
    assert _normals(text, [name], models)[name] == normal


@pytest.mark.issue(15)
def test_names_noun_after_verb_is_its_subject(models):
    """"Стэна Ли навестила пресса": the verb agrees with "пресса", the name is an object."""
    text = "Художник Стэн Ли открыл выставку. Вечером Стэна Ли навестила пресса."
    assert _normals(text, ["Стэн Ли", "Стэна Ли"], models)["Стэна Ли"] == "Стэн Ли"


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, names, normal",
    [
        # a form only a woman's name has ("Зотовой", "Мирославы") proves the woman: her
        # other mentions are read as hers, in whatever case
        (
            "Кандидатуру Мирославы Зотовой поддержали депутаты. Президент предложил Мирославу Зотову на пост спикера.",
            ["Мирославы Зотовой", "Мирославу Зотову"],
            "Мирослава Зотова",
        ),
        (
            "Вчера Зотовой вручили мандат. Мирослава Зотова, по данным комиссии, набрала больше всех.",
            ["Зотовой", "Мирослава Зотова"],
            "Мирослава Зотова",
        ),
        # so does the feminine verb she is the subject of
        (
            "Корнеева стала первой в истории клуба. Тренер сборной не взял Аделину Корнееву в команду.",
            ["Корнеева", "Аделину Корнееву"],
            "Аделина Корнеева",
        ),
        (
            "Евгения Медведева выиграла турнир. Евгения Медведева, 18 лет, тренируется в Москве.",
            ["Евгения Медведева", "Евгения Медведева"],
            "Евгения Медведева",
        ),
        # another first name is another person: her father's genitive stays his
        (
            "Дарья Жукова открыла выставку. Жукова — дочь предпринимателя Александра Жукова.",
            ["Дарья Жукова", "Жукова", "Александра Жукова"],
            "Александр Жуков",
        ),
    ],
)
def test_names_article_proves_a_woman(models, text, names, normal):
    assert _normals(text, names, models)[names[-1]] == normal


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, normal",
    [
        # a word in -а the dictionary knows only as a woman's first name ("Авила"), in a
        # surname's place after a first name that proves no case, is a surname as written
        ("Хосе Авила", "Хосе Авила"),
        ("Педро Авила", "Педро Авила"),
        ("Рауль Стефана", "Рауль Стефана"),
        # a first name that proves the genitive still does
        ("Рауля Стефана", "Рауль Стефан"),
        # and a woman keeps her surname
        ("Анна Авила", "Анна Авила"),
    ],
)
def test_names_first_name_word_as_surname(models, text, normal):
    from svodka.nlp.names import parse_person

    assert parse_person(text, models)["normal"] == normal


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, normal",
    [
        # a Cyrillic letter without a period is a name of one letter, not an initial
        ("Сон Ю", "Сон Ю"),
        ("Пак Э Рин", "Пак Э Рин"),
        # initials keep being left out, also when the mention lost the last period
        ("Кравченко И. Ф", "Кравченко"),
        ("А. Б. Кравченко", "Кравченко"),
        # a Russian word of one letter is not a name ("В источниках" after a name)
        ("Сон В", "Сон"),
        # nor a Latin letter: a regnal number or an initial
        ("Людовика V", "Людовик"),
    ],
)
def test_names_one_letter_name(models, text, normal):
    from svodka.nlp.names import parse_person

    assert parse_person(text, models)["normal"] == normal


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, name, normal",
    [
        # a lone first name right after a feminine noun of a person is hers, in apposition
        ("У него есть дочь Серафима от первого брака.", "Серафима", "Серафима"),
        ("Врачи осмотрели дочь Юлию в клинике.", "Юлию", "Юлия"),
        ("Лучшим игроком турнира снова признана бразильянка Марта.", "Марта", "Марта"),
        # a feminine adjective right before a name agrees with it: a woman, whatever her name
        ("На лёд вышла 18-летняя Евгения Медведева.", "Евгения Медведева", "Евгения Медведева"),
        ("Перед стартом 18-летняя Евгения Медведева, по словам тренера, волновалась.", "Евгения Медведева", "Евгения Медведева"),
        # ", которая" after a name agrees with it, unless a noun before the name may own it
        (
            "Олимпийская чемпионка Алана Петрова, которая тренирует юниоров, уверена в успехе.",
            "Алана Петрова",
            "Алана Петрова",
        ),
        ("Жена Алана Петрова, которая тренирует юниоров, уверена в успехе.", "Алана Петрова", "Алан Петров"),
        # a man's first name has no woman's reading: nothing changes
        ("Его жена Сергея не знала.", "Сергея", "Сергей"),
        # a lone surname after a noun of kin is the relative's ("вдова Арафата")
        ("Письмо передала вдова Хрусталёва в пятницу.", "Хрусталёва", "Хрусталёв"),
    ],
)
def test_names_feminine_word_before_the_name(models, text, name, normal):
    assert _normals(text, [name], models)[name] == normal


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, name, normal",
    [
        # a noun is in the locative only after a preposition: without one a locative
        # reading proves nothing and the name stays as written
        ("Бронзу завоевал итальянец Даниэле Мартуччо.", "Даниэле Мартуччо", "Даниэле Мартуччо"),
        ("В экипаж вошли американец Фишер и француз Песке.", "Песке", "Песке"),
        # after a preposition, or a title in the locative after one, it is a locative
        ("Все говорили о Викторе Бирсе.", "Викторе Бирсе", "Виктор Бирс"),
        ("Он работал при президенте Джордже Бирсе.", "Джордже Бирсе", "Джордж Бирс"),
    ],
)
def test_names_locative_needs_a_preposition(models, text, name, normal):
    assert _normals(text, [name], models)[name] == normal


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text, names, name, normal",
    [
        # names in a list share their case: "Таня" is only a nominative, so the list is one
        (
            "В бюллетень вошли Мирослава Зотова, Таня Горелова и Зузана Ройтова.",
            ["Мирослава Зотова", "Таня Горелова", "Зузана Ройтова"],
            "Мирослава Зотова",
            "Мирослава Зотова",
        ),
        (
            "В бюллетень вошли Мирослава Зотова, Таня Горелова и Зузана Ройтова.",
            ["Мирослава Зотова", "Таня Горелова", "Зузана Ройтова"],
            "Зузана Ройтова",
            "Зузана Ройтова",
        ),
        # ... and a genitive one name proves holds for a foreign name that proves nothing
        ("Он учил Джона Мейолла, Отиса Раша и других.", ["Джона Мейолла", "Отиса Раша"], "Отиса Раша", "Отис Раш"),
        ("Расходы Клинтона и Гора проверили.", ["Клинтона", "Гора"], "Гора", "Гор"),
        # a note in brackets after a name does not end the list
        ("Дети: Олег (1990), Арина (2001) и Лев (2003).", ["Олег", "Арина", "Лев"], "Арина", "Арина"),
        # a name with its own title keeps what the title says
        (
            "Гостями стали Анна Рубцова и канцлер Ульф Берстенс.",
            ["Анна Рубцова", "Ульф Берстенс"],
            "Ульф Берстенс",
            "Ульф Берстенс",
        ),
    ],
)
def test_names_list_shares_its_case(models, text, names, name, normal):
    assert _normals(text, names, models)[name] == normal
