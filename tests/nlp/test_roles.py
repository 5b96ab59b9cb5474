"""Tests of svodka.nlp.roles: roles by apposition, base forms, role mentions.

Sentences are our own. Unit cases build the entities by hand (as NER and normalisation would
leave them) so they test this stage alone; the seed case runs the whole pipeline.
"""

from __future__ import annotations

import re

import pytest

from svodka.model import Article, Entity, Mention
from svodka.nlp.roles import extract_roles, key_of, read_role, role_head, role_key, roles_match, roles_of


def _article(text: str, persons: dict[str, list[str]], others: dict[str, str] | None = None) -> Article:
    """An Article with PER entities (base name -> surface forms) and ORG/LOC mentions (surface -> type)."""
    entities = []
    taken: list[tuple[int, int]] = []
    for n, (name, surfaces) in enumerate(persons.items(), 1):
        mentions = []
        for surface in sorted(surfaces, key=len, reverse=True):
            for m in re.finditer(re.escape(surface), text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                mentions.append(Mention(m.start(), m.end(), surface, name, "name"))
        first, _, last = name.partition(" ")
        entities.append(Entity(id=f"e{n}", type="PER", name=name, first=first, last=last or None, mentions=sorted(mentions, key=lambda x: x.start)))
    for n, (surface, kind) in enumerate((others or {}).items(), len(entities) + 1):
        mentions = [Mention(m.start(), m.end(), surface, surface, "name") for m in re.finditer(re.escape(surface), text)]
        entities.append(Entity(id=f"e{n}", type=kind, name=surface, mentions=mentions))
    return Article(text=text, entities=entities)


def _person(article: Article, name: str) -> Entity:
    return next(e for e in article.entities if e.name == name)


@pytest.mark.parametrize(
    "text, persons, others, name, role",
    [
        # apposition before the name, nominative
        (
            "Об этом сообщил министр иностранных дел Казахстана Кайрат Абдрахманов.",
            {"Кайрат Абдрахманов": ["Кайрат Абдрахманов"]},
            {"Казахстана": "LOC"},
            "Кайрат Абдрахманов",
            "министр иностранных дел Казахстана",
        ),
        # apposition before the name, genitive: the head goes to the nominative, the tail stays
        (
            "По словам главы Минфина Антона Силуанова, доходы бюджета выросли.",
            {"Антон Силуанов": ["Антона Силуанова"]},
            {"Минфина": "ORG"},
            "Антон Силуанов",
            "глава Минфина",
        ),
        (
            "Делегацию принял президент России Владимир Путин.",
            {"Владимир Путин": ["Владимир Путин"]},
            {"России": "LOC"},
            "Владимир Путин",
            "президент России",
        ),
        # coordination in the tail, a hyphenated foreign name in the genitive
        (
            "Он прибыл по приглашению министра иностранных дел и международного развития Франции Жана-Марка Эйро.",
            {"Жан-Марк Эйро": ["Жана-Марка Эйро"]},
            {"Франции": "LOC"},
            "Жан-Марк Эйро",
            "министр иностранных дел и международного развития Франции",
        ),
        # apposition after the name and a comma
        (
            "Кайрат Абдрахманов, министр иностранных дел Казахстана, открыл заседание.",
            {"Кайрат Абдрахманов": ["Кайрат Абдрахманов"]},
            {"Казахстана": "LOC"},
            "Кайрат Абдрахманов",
            "министр иностранных дел Казахстана",
        ),
        # after the name and a dash
        (
            "В дискуссии участвовала Ольга Зимина - директор фонда «Северный мост».",
            {"Ольга Зимина": ["Ольга Зимина"]},
            {"Северный мост": "ORG"},
            "Ольга Зимина",
            "директор фонда «Северный мост»",
        ),
        # feminine person, masculine title
        (
            "Министр здравоохранения Анна Петрова посетила новую больницу.",
            {"Анна Петрова": ["Анна Петрова"]},
            None,
            "Анна Петрова",
            "министр здравоохранения",
        ),
        # agreeing adjectives go to the nominative with the head
        (
            "Как заявила официальный представитель МИД Молдавии Ирина Лазарева, визит перенесён.",
            {"Ирина Лазарева": ["Ирина Лазарева"]},
            {"МИД Молдавии": "ORG"},
            "Ирина Лазарева",
            "официальный представитель МИД Молдавии",
        ),
        (
            "Письмо подписал первого заместителя губернатора области Петра Сомова.",
            {"Пётр Сомов": ["Петра Сомова"]},
            None,
            "Пётр Сомов",
            "первый заместитель губернатора области",
        ),
        # a quoted company name in the tail
        (
            "Генеральный директор компании «Полярный лён» Игорь Кряжев подписал договор.",
            {"Игорь Кряжев": ["Игорь Кряжев"]},
            {"Полярный лён": "ORG"},
            "Игорь Кряжев",
            "генеральный директор компании «Полярный лён»",
        ),
        # a prepositional part next to a name
        (
            "Посол Норвегии в Латвии Эрик Ланде вручил верительные грамоты.",
            {"Эрик Ланде": ["Эрик Ланде"]},
            {"Норвегии": "LOC", "Латвии": "LOC"},
            "Эрик Ланде",
            "посол Норвегии в Латвии",
        ),
        # "бывший" is kept, in the nominative
        (
            "Встреча с бывшим министром финансов Олегом Вяземским прошла в мэрии.",
            {"Олег Вяземский": ["Олегом Вяземским"]},
            None,
            "Олег Вяземский",
            "бывший министр финансов",
        ),
        # a head found by its suffix (not in the lexicon) next to a name
        (
            "Как считает культуролог Вера Ильина, музей переживает подъём.",
            {"Вера Ильина": ["Вера Ильина"]},
            None,
            "Вера Ильина",
            "культуролог",
        ),
        # a copula: "стал министром"
        (
            "Вчера Семён Лаптев стал министром транспорта края.",
            {"Семён Лаптев": ["Семён Лаптев"]},
            None,
            "Семён Лаптев",
            "министр транспорта края",
        ),
        # two roles chained before one name
        (
            "Выступил лидер партии «Зелёный край», депутат областной думы Глеб Орехов.",
            {"Глеб Орехов": ["Глеб Орехов"]},
            {"Зелёный край": "ORG"},
            "Глеб Орехов",
            "депутат областной думы",
        ),
    ],
)
def test_roles_apposition(models, text, persons, others, name, role):
    article = extract_roles(_article(text, persons, others), models)
    assert role in _person(article, name).roles


@pytest.mark.parametrize(
    "text, persons, name",
    [
        # not a position: a relation noun next to a name
        ("Рядом стоял сосед Павел Крылов.", {"Павел Крылов": ["Павел Крылов"]}, "Павел Крылов"),
        # a plural head is not an apposition of one person (before a list it is each one's: test_roles_shared_titles)
        ("Выступили министры Павел Крылов.", {"Павел Крылов": ["Павел Крылов"]}, "Павел Крылов"),
        # a head in another case than the name: "журналистам" is not Петров's title
        ("Об этом сказал журналистам Павел Крылов.", {"Павел Крылов": ["Павел Крылов"]}, "Павел Крылов"),
        # an acting qualifier with no post after it is no role
        ("Павел Крылов, врио, выступил.", {"Павел Крылов": ["Павел Крылов"]}, "Павел Крылов"),
        ("Павел Крылов, исполняющий обязанности, уехал.", {"Павел Крылов": ["Павел Крылов"]}, "Павел Крылов"),
    ],
)
def test_roles_no_role(models, text, persons, name):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == []


# Two foreign ministers, then descriptions of one of them.
MINISTERS = (
    "Министр иностранных дел Казахстана Кайрат Абдрахманов встретился с министром иностранных дел "
    "Бельгии Луком Ванденбергом.\n\n"
    "Глава МИД Казахстана отметил рост торговли. Руководитель дипведомства Казахстана также выступил. "
    "По мнению министра, проблем нет.\n\n"
    "Глава внешнеполитического ведомства Бельгии ответил на вопросы.\n\n"
    "Позже министр заявил, что визит удался."
)


@pytest.mark.parametrize(
    "description, normal, name",
    [
        ("Глава МИД Казахстана", "глава МИД Казахстана", "Кайрат Абдрахманов"),
        ("Руководитель дипведомства Казахстана", "руководитель дипведомства Казахстана", "Кайрат Абдрахманов"),
        # a bare head in an oblique case: the one minister mentioned earlier in the paragraph
        ("министра", "министр", "Кайрат Абдрахманов"),
        ("Глава внешнеполитического ведомства Бельгии", "глава внешнеполитического ведомства Бельгии", "Лук Ванденберг"),
    ],
)
def test_roles_description_mentions(models, description, normal, name):
    article = _article(
        MINISTERS,
        {"Кайрат Абдрахманов": ["Кайрат Абдрахманов"], "Лук Ванденберг": ["Луком Ванденбергом"]},
        {"Казахстана": "LOC", "Бельгии": "LOC", "МИД Казахстана": "ORG"},
    )
    article = extract_roles(article, models)
    person = _person(article, name)
    roles = [m for m in person.mentions if m.kind == "role"]
    assert description in [m.text for m in roles]
    mention = next(m for m in roles if m.text == description)
    assert article.text[mention.start : mention.end] == description
    assert mention.normal == normal


def test_roles_description_ambiguous_not_matched(models):
    # "министр" in the last paragraph: both persons hold a "министр" role, neither is near.
    article = _article(
        MINISTERS,
        {"Кайрат Абдрахманов": ["Кайрат Абдрахманов"], "Лук Ванденберг": ["Луком Ванденбергом"]},
        {"Казахстана": "LOC", "Бельгии": "LOC"},
    )
    article = extract_roles(article, models)
    last_paragraph = MINISTERS.rindex("министр заявил")
    mentions = [m for e in article.entities for m in e.mentions if m.kind == "role"]
    assert all(m.start < last_paragraph for m in mentions)


def test_roles_description_shared_head_same_paragraph(models):
    text = "Министр финансов Борис Ляхов и министр обороны Павел Игнатов провели встречу. Министр подчеркнул её важность."
    article = extract_roles(_article(text, {"Борис Ляхов": ["Борис Ляхов"], "Павел Игнатов": ["Павел Игнатов"]}), models)
    assert not [m for e in article.entities for m in e.mentions if m.kind == "role"]


def test_roles_mentions_do_not_overlap_names(models):
    text = "Глава МИД Казахстана Кайрат Абдрахманов прибыл в Брюссель. Глава МИД Казахстана провёл переговоры."
    article = extract_roles(_article(text, {"Кайрат Абдрахманов": ["Кайрат Абдрахманов"]}, {"Казахстана": "LOC"}), models)
    person = _person(article, "Кайрат Абдрахманов")
    assert person.roles == ["глава МИД Казахстана"]
    roles = [m for m in person.mentions if m.kind == "role"]
    assert [(m.text, m.start) for m in roles] == [("Глава МИД Казахстана", text.rindex("Глава МИД"))]
    names = [m for m in person.mentions if m.kind == "name"]
    assert not any(r.start < n.end and n.start < r.end for r in roles for n in names)


@pytest.mark.parametrize(
    "description, role, expected",
    [
        ("глава МИД Казахстана", "министр иностранных дел Казахстана", True),
        ("руководитель дипведомства Казахстана", "министр иностранных дел Казахстана", True),
        ("глава внешнеполитического ведомства Казахстана", "министр иностранных дел Казахстана", True),
        ("глава Минфина", "министр финансов России", True),
        ("глава военного ведомства", "министр обороны России", True),
        ("глава МИД Франции", "министр иностранных дел Казахстана", False),
        ("министр финансов", "министр обороны", False),
        ("министр", "министр иностранных дел Казахстана", True),
        ("президент", "президент России", True),
        ("глава государства", "президент России", True),
        ("глава правительства", "премьер-министр Израиля", True),
        ("президент России", "президент компании «Заря»", False),
        ("директор", "генеральный директор компании", True),
        ("генеральный директор", "директор компании", False),
    ],
)
def test_roles_match_synonyms(models, description, role, expected):
    assert roles_match(role_key(description, models.parse), role_key(role, models.parse)) is expected


@pytest.mark.parametrize(
    "role, head",
    [
        ("министр иностранных дел Казахстана", "министр"),
        ("первый заместитель председателя правительства", "заместитель"),
        ("премьер-министр Израиля", "премьер-министр"),
        ("главы", "глава"),
    ],
)
def test_roles_head(models, role, head):
    assert role_head(role, models.parse) == head


def test_roles_seed_acceptance(models, seed_text):
    """The founding example: roles of both ministers and three descriptions of Абдрахманов."""
    from svodka.nlp.names import normalize_entities
    from svodka.nlp.ner import tag_entities

    try:
        from svodka.clean.dump import clean_dump

        article = clean_dump(seed_text)
    except ImportError:
        lines = seed_text.splitlines()[2:9]
        article = Article.build(None, [line for line in lines if line.strip()])
    for stage in (tag_entities, normalize_entities, extract_roles):
        article = stage(article, models)
    persons = {e.last: e for e in article.entities if e.type == "PER"}
    kairat = persons["Абдрахманов"]
    assert "министр иностранных дел Казахстана" in kairat.roles
    role_mentions = [m.text for m in kairat.mentions if m.kind == "role"]
    for description in ("Глава МИД Казахстана", "Руководитель дипведомства Казахстана", "министра"):
        assert description in role_mentions
    eyro = next(e for e in article.entities if e.type == "PER" and "Эйро" in e.name)
    assert "министр иностранных дел и международного развития Франции" in eyro.roles


def test_roles_enumeration_titles_go_to_the_following_name(models):
    """In "title A, title B" lists each title belongs to the name after it, not before."""
    from svodka.nlp.names import normalize_entities
    from svodka.nlp.ner import tag_entities

    text = ("На саммит приехали президент Армении Ашот Галстян, премьер-министр Грузии Леван Кобахидзе, "
            "председатель правительства Киргизии Тимур Осмонов.")
    article = extract_roles(normalize_entities(tag_entities(Article(text=text), models), models), models)
    roles = {e.last: e.roles for e in article.entities if e.type == "PER"}
    assert roles["Галстян"] == ["президент Армении"]
    assert roles["Кобахидзе"] == ["премьер-министр Грузии"]
    assert roles["Осмонов"] == ["председатель правительства Киргизии"]


def test_roles_possessor_name_does_not_take_the_title(models):
    from svodka.nlp.names import normalize_entities
    from svodka.nlp.ner import tag_entities

    text = "Об этом сообщил пресс-секретарь Осмонова Айбек Жумалиев."
    article = extract_roles(normalize_entities(tag_entities(Article(text=text), models), models), models)
    assert all(not e.roles for e in article.entities if e.type == "PER" and e.last == "Осмонов")


@pytest.mark.parametrize(
    "description, role, match",
    [
        ("министр", "глава Минфина", True),
        ("министр", "руководитель дипведомства Казахстана", True),
        ("министр", "глава правительства", False),
        ("министр", "президент России", False),
    ],
)
def test_roles_bare_minister_is_the_head_of_a_ministry(models, description, role, match):
    assert roles_match(role_key(description, models.parse), role_key(role, models.parse)) is match


@pytest.mark.issue(12)
def test_roles_objects_read_once_with_offsets_org_and_places(models):
    text = "По словам главы Минфина России Антона Силуанова, доходы выросли. Иван Петров, первый заместитель председателя правительства, возразил."
    article = _article(text, {"Антон Силуанов": ["Антона Силуанова"], "Иван Петров": ["Иван Петров"]}, {"Минфина": "ORG", "России": "LOC"})
    article = extract_roles(article, models)
    minister, deputy = _person(article, "Антон Силуанов"), _person(article, "Иван Петров")
    assert [r.text for r in minister.role_details] == minister.roles == ["глава Минфина России"]
    role = minister.role_details[0]
    assert text[role.start : role.end] == "главы Минфина России"
    assert (role.head, role.function, role.sector, role.places) == ("глава", "head", "finance", ["россия"])
    assert role.organisation == next(e.id for e in article.entities if e.name == "Минфина")
    (deputy_role,) = deputy.role_details
    assert text[deputy_role.start : deputy_role.end] == "первый заместитель председателя правительства"
    assert (deputy_role.head, deputy_role.adjectives, deputy_role.organisation) == ("заместитель", ["первый"], None)
    assert deputy_role.lemmas == ["первый", "заместитель", "председатель", "правительство"]


@pytest.mark.issue(12)
def test_roles_subsumed_role_goes_from_strings_and_objects(models):
    text = "Министр Борис Ляхов приехал. Министр финансов Борис Ляхов выступил."
    article = extract_roles(_article(text, {"Борис Ляхов": ["Борис Ляхов"]}), models)
    person = _person(article, "Борис Ляхов")
    assert person.roles == ["министр финансов"]
    assert [r.text for r in person.role_details] == person.roles


@pytest.mark.issue(12)
def test_roles_of_builds_objects_for_an_old_archive(models):
    """An entity read back from JSON written before ``role_details`` gets its roles built from the strings."""
    old = Entity.from_dict({"id": "e1", "type": "PER", "name": "Кайрат Абдрахманов", "roles": ["министр иностранных дел Казахстана"]})
    assert old.role_details == []
    (role,) = roles_of(old, models.parse)
    assert (role.text, role.start, role.end) == ("министр иностранных дел Казахстана", None, None)
    assert (role.head, role.sector, role.places) == ("министр", "foreign", ["казахстан"])
    assert roles_match(role_key("глава МИД Казахстана", models.parse), key_of(role))
    fresh = read_role("министр иностранных дел Казахстана", models.parse, 3, 37)
    old.role_details = [fresh]
    assert roles_of(old, models.parse) == [fresh]  # objects present: read, not rebuilt


def _pipeline_roles(models, text: str) -> dict[str, list[str]]:
    """Roles by person name after NER, normalisation and roles."""
    from svodka.nlp.names import normalize_entities
    from svodka.nlp.ner import tag_entities

    article = extract_roles(normalize_entities(tag_entities(Article(text=text), models), models), models)
    return {e.name: e.roles for e in article.entities if e.type == "PER"}


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, role",
    [
        # a copula and a role in the instrumental, words between the name and the verb
        ("Семён Лаптев в 2004 году стал мэром Твери.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "мэр Твери"),
        ("Семён Лаптев работал инженером.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "инженер"),
        ("Семён Лаптев был избран председателем совета.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "председатель совета"),
        # a post noun with the genitive
        ("Семён Лаптев занимал пост министра обороны.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "министр обороны"),
        ("Семён Лаптев назначен на должность директора завода.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "директор завода"),
        # the role first, the name after the verb
        ("Мэром Твери стал Семён Лаптев.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "мэр Твери"),
        # a pronoun: the person of the sentence before, of the pronoun's gender
        ("Семён Лаптев родился в Твери. Министром он проработал пять лет.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "министр"),
        ("Лаптев поздравил Веру Ильину. Она стала директором школы.", {"Лаптев": ["Лаптев"], "Вера Ильина": ["Веру Ильину"]}, "Вера Ильина", "директор школы"),
        # "который" after a comma stands for the name before it
        ("Семён Лаптев, который стал мэром, уехал.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев", "мэр"),
        # an adjective heading the title, in the gender of the text
        ("Вера Ильина была назначена исполняющей обязанности ректора.", {"Вера Ильина": ["Вера Ильина"]}, "Вера Ильина", "исполняющая обязанности ректора"),
    ],
)
def test_roles_predicates(models, text, persons, name, role):
    article = extract_roles(_article(text, persons), models)
    assert role in _person(article, name).roles


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name",
    [
        # someone else is the subject
        ("Семён Лаптев приехал. Сын Лаптева стал мэром.", {"Семён Лаптев": ["Семён Лаптев", "Лаптева"]}, "Семён Лаптев"),
        # "с министром" is company, not a predicate
        ("С министром встретился Семён Лаптев.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев"),
        # the pronoun's gender differs from the only person before it
        ("Семён Лаптев приехал. Она стала директором школы.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев"),
        # a title inside an unrelated noun phrase
        ("На выборах президента Семён Лаптев не голосовал.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев"),
        # wealth and party membership are no positions
        ("Миллиардер Семён Лаптев купил клуб.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев"),
        ("Коммунист Семён Лаптев выступил.", {"Семён Лаптев": ["Семён Лаптев"]}, "Семён Лаптев"),
    ],
)
def test_roles_predicates_no_role(models, text, persons, name):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == []


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, roles",
    [
        # coordinated titles each, before and after the name, in any case
        ("Выступил музыкант и поэт Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["музыкант", "поэт"]),
        ("Вечер памяти музыканта и поэта Глеба Орехова прошёл в клубе.", {"Глеб Орехов": ["Глеба Орехова"]}, "Глеб Орехов", ["музыкант", "поэт"]),
        ("Глеб Орехов, музыкант и поэт, выступил.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["музыкант", "поэт"]),
        # a new title after "и" starts its own role
        ("Выступил губернатор области и бывший министр финансов Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["губернатор области", "бывший министр финансов"]),
        # ages, nationalities, epithets stay out; the post stays
        ("Выступил известный американский 65-летний актёр Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["актёр"]),
        # qualifiers agreed in the base form; an adjective read by its relational lemma
        ("Об этом заявил экс-президент Украины Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["экс-президент Украины"]),
        ("По словам основного операционного директора компании Глеба Орехова, планы прежние.", {"Глеб Орехов": ["Глеба Орехова"]}, "Глеб Орехов", ["основной операционный директор компании"]),
        ("По словам уполномоченного авиакомпании Веры Ильиной, рейс задержан.", {"Вера Ильина": ["Веры Ильиной"]}, "Вера Ильина", ["уполномоченный авиакомпании"]),
        # indeclinable heads are written as in the text
        ("Письмо направлено замгубернатора области Глебу Орехову.", {"Глеб Орехов": ["Глебу Орехову"]}, "Глеб Орехов", ["замгубернатора области"]),
        ("Приехал врио губернатора Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["врио губернатора"]),
        ("Приехал исполняющий обязанности губернатора Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["исполняющий обязанности губернатора"]),
    ],
)
def test_roles_coordination_and_qualifiers(models, text, persons, name, roles):
    article = extract_roles(_article(text, persons), models)
    assert sorted(_person(article, name).roles) == sorted(roles)


@pytest.mark.issue(13)
def test_roles_latin_name_and_genitive_title(models):
    roles = _pipeline_roles(models, "Билеты на концерт рэпера Eminem раскуплены. Звучала музыка композитора Петра Ильича Чайковского.")
    assert roles.get("Eminem") == ["рэпер"]
    assert roles.get("Пётр Ильич Чайковский") == ["композитор"]


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, roles",
    [
        # any animate common noun next to a name is an occupation, also opening a sentence
        ("Пловчиха Вера Ильина выиграла заплыв.", {"Вера Ильина": ["Вера Ильина"]}, "Вера Ильина", ["пловчиха"]),
        ("Об этом рассказал фельдшер Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["фельдшер"]),
        ("Глеб Орехов, конгрессмен от Техаса, выступил.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["конгрессмен от Техаса"]),
        # a word that is also an adjective of the noun after it is no head ("военный")
        ("По мнению военного эксперта Глеба Орехова, учения прошли.", {"Глеб Орехов": ["Глеба Орехова"]}, "Глеб Орехов", ["военный эксперт"]),
        # a title of address counts with a qualifier, not bare
        ("Приехал наследный принц Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", ["наследный принц"]),
        # an unknown surname does not decide the case of a name a known first name gives
        ("Письмо направлено министру обороны Джиму Мэттису.", {"Джим Мэттис": ["Джиму Мэттису"]}, "Джим Мэттис", ["министр обороны"]),
    ],
)
def test_roles_open_class_heads(models, text, persons, name, roles):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == roles


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name",
    [
        # nationality, residence, kin, stances and titles of address are no occupations
        ("Американец Глеб Орехов выиграл забег.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов"),
        ("Житель деревни Глеб Орехов нашёл клад.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов"),
        ("Его подруга Вера Ильина промолчала.", {"Вера Ильина": ["Вера Ильина"]}, "Вера Ильина"),
        ("Активист Глеб Орехов вышел на пикет.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов"),
        ("Принц Глеб Орехов приехал в Лондон.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов"),
        ("Загадочная мисс Вера Ильина улыбнулась.", {"Вера Ильина": ["Вера Ильина"]}, "Вера Ильина"),
        # a capitalised noun inside a sentence may be a name, not a title
        ("Вчера Кузнец Глеб Орехов выступил.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов"),
    ],
)
def test_roles_open_class_no_role(models, text, persons, name):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == []


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, role, head, adjectives",
    [
        # an acting qualifier stays in the role; the post after it is the head
        ("Приехал врио министра транспорта Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", "врио министра транспорта", "министр", ["врио"]),
        ("Приехал и.о. мэра Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", "и.о. мэра", "мэр", ["врио"]),
        ("Глеб Орехов, временно исполняющий обязанности ректора, выступил.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", "временно исполняющий обязанности ректора", "ректор", ["временно", "врио"]),
        # a compound is headed by its part that names an occupation
        ("Выступил боксёр-тяжеловес Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", "боксёр-тяжеловес", "боксер", []),
        # an adjective heading a title
        ("Выступил главный управляющий компании Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, "Глеб Орехов", "главный управляющий компании", "управляющий", ["главный"]),
    ],
)
def test_roles_heads_past_qualifiers(models, text, persons, name, role, head, adjectives):
    article = extract_roles(_article(text, persons), models)
    found = {r.text: r for r in _person(article, name).role_details}
    assert role in found
    assert (found[role].head, found[role].adjectives) == (head, adjectives)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, roles",
    [
        # a plural title before coordinated names is each one's, in the singular
        (
            "Выступили депутаты Глеб Орехов и Вера Ильина.",
            {"Глеб Орехов": ["Глеб Орехов"], "Вера Ильина": ["Вера Ильина"]},
            {"Глеб Орехов": ["депутат"], "Вера Ильина": ["депутат"]},
        ),
        (
            "Письмо направлено первым заместителям Глебу Орехову и Вере Ильиной.",
            {"Глеб Орехов": ["Глебу Орехову"], "Вера Ильина": ["Вере Ильиной"]},
            {"Глеб Орехов": ["первый заместитель"], "Вера Ильина": ["первый заместитель"]},
        ),
        # a singular title is the first name's only
        (
            "Выступили тренер Глеб Орехов и Вера Ильина.",
            {"Глеб Орехов": ["Глеб Орехов"], "Вера Ильина": ["Вера Ильина"]},
            {"Глеб Орехов": ["тренер"], "Вера Ильина": []},
        ),
        # "один из" and a plural
        ("Погиб один из командиров батальона Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, {"Глеб Орехов": ["командир батальона"]}),
    ],
)
def test_roles_shared_titles(models, text, persons, roles):
    article = extract_roles(_article(text, persons), models)
    assert {name: _person(article, name).roles for name in persons} == roles


@pytest.mark.issue(13)
def test_roles_family_name_has_no_role(models):
    text = "Умер старший представитель дома Орловых князь Глеб Орлов."
    article = extract_roles(_article(text, {"Орловых": ["Орловых"], "Глеб Орлов": ["Глеб Орлов"]}), models)
    assert _person(article, "Орловых").roles == []


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, role",
    [
        # a bare occupation opening the next sentence, the one person named before as subject
        ("Иван Петров скончался в больнице. Музыкант долго болел.", {"Иван Петров": ["Иван Петров"]}, "Иван Петров", "музыкант"),
        # adjectives before it, a relative clause after it
        ("Анна Смирнова выиграла забег. 30-летняя бегунья, которой рукоплескал стадион, расплакалась.", {"Анна Смирнова": ["Анна Смирнова"]}, "Анна Смирнова", "бегунья"),
        # a tail sharing a place with a role the person has
        ("Президент Кубы Хосе Гарсия прибыл в Москву. Глава Кубы провёл переговоры.", {"Хосе Гарсия": ["Хосе Гарсия"]}, "Хосе Гарсия", "глава Кубы"),
    ],
)
def test_roles_description_gives_new_role(models, text, persons, name, role):
    article = extract_roles(_article(text, persons), models)
    assert role in _person(article, name).roles


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons",
    [
        # two persons in the sentence before: nobody
        ("Иван Петров встретился с Олегом Сидоровым. Музыкант долго говорил.", {"Иван Петров": ["Иван Петров"], "Олег Сидоров": ["Олегом Сидоровым"]}),
        # the person named before not as subject
        ("Полиция нашла машину Ивана Петрова. Журналист рассказал об этом.", {"Иван Петров": ["Ивана Петрова"]}),
        # a new holder of a post
        ("Иван Петров ушёл в отставку. Новый министр заступит в понедельник.", {"Иван Петров": ["Иван Петров"]}),
        # a relation of a person: someone else
        ("Иван Петров был арестован. Адвокат футболиста подал жалобу.", {"Иван Петров": ["Иван Петров"]}),
        # the head names another person in the person's own role
        ("Пресс-секретарь президента Иван Петров выступил. Президент поблагодарил всех.", {"Иван Петров": ["Иван Петров"]}),
        # a dash: a list of posts, not a subject
        ("Иван Петров вошёл в кабинет. Министр финансов — Олег Сидоров.", {"Иван Петров": ["Иван Петров"], "Олег Сидоров": ["Олег Сидоров"]}),
        # a feminine noun for a man
        ("Иван Петров вышел на сцену. Певица запела.", {"Иван Петров": ["Иван Петров"]}),
        # no occupation
        ("Иван Петров попал в аварию. Пострадавший доставлен в больницу.", {"Иван Петров": ["Иван Петров"]}),
    ],
)
def test_roles_description_no_new_role(models, text, persons):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, "Иван Петров").roles in ([], ["пресс-секретарь президента"])


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name, roles",
    [
        # a man's surname on a consonant as written in its base form is a nominative: a
        # genitive title before it is another noun's ("выборах президента"), not his
        ("На выборах президента Чили Джо Мэнсфилд набрал больше голосов.", {"Джо Мэнсфилд": ["Джо Мэнсфилд"]}, "Джо Мэнсфилд", []),
        ("На выборах президента Чили Мэнсфилд набрал больше голосов.", {"Джо Мэнсфилд": ["Мэнсфилд"]}, "Джо Мэнсфилд", []),
        # a title governed by a post noun needs a provable genitive (a woman's surname does not decline)
        ("На выборах президента Чили Хиллари Мэнсфилд набрала больше голосов.", {"Хиллари Мэнсфилд": ["Хиллари Мэнсфилд"]}, "Хиллари Мэнсфилд", []),
        # ... which a declined name gives, and a nominative title stays his
        ("Визит президента Чили Джо Мэнсфилда прошёл спокойно.", {"Джо Мэнсфилд": ["Джо Мэнсфилда"]}, "Джо Мэнсфилд", ["президент Чили"]),
        ("Президент Чили Джо Мэнсфилд набрал больше голосов.", {"Джо Мэнсфилд": ["Джо Мэнсфилд"]}, "Джо Мэнсфилд", ["президент Чили"]),
        # a woman's surname and an unknown script stay open to any case
        ("Визит президента Чили Хиллари Мэнсфилд прошёл спокойно.", {"Хиллари Мэнсфилд": ["Хиллари Мэнсфилд"]}, "Хиллари Мэнсфилд", ["президент Чили"]),
        # "-ых" surnames do not decline
        ("Письмо министра Петра Седых опубликовано.", {"Пётр Седых": ["Петра Седых"]}, "Пётр Седых", ["министр"]),
    ],
)
def test_roles_name_case_decides_a_genitive_title(models, text, persons, name, roles):
    article = extract_roles(_article(text, persons, {"Чили": "LOC"}), models)
    assert sorted(_person(article, name).roles) == sorted(roles)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, others, name, roles",
    [
        # a bracketed abbreviation or aside between the title and the name
        ("Выступил президент Всемирной ассоциации шахматистов (ВАШ) Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, {"Всемирной ассоциации шахматистов": "ORG", "ВАШ": "ORG"}, "Глеб Орехов", ["президент Всемирной ассоциации шахматистов"]),
        ("Директор завода (с 2015 года) Глеб Орехов ушёл в отставку.", {"Глеб Орехов": ["Глеб Орехов"]}, {}, "Глеб Орехов", ["директор завода"]),
        # a spaced dash
        ("Кандидат от партии — Глеб Орехов набрал треть голосов.", {"Глеб Орехов": ["Глеб Орехов"]}, {}, "Глеб Орехов", ["кандидат от партии"]),
        ("Министр культуры — Глеб Орехов.", {"Глеб Орехов": ["Глеб Орехов"]}, {}, "Глеб Орехов", ["министр культуры"]),
        # an age or an epithet of the person, after a comma or none
        ("Мэр города, 60-летний Глеб Орехов, подал в отставку.", {"Глеб Орехов": ["Глеб Орехов"]}, {}, "Глеб Орехов", ["мэр города"]),
        ("Приз вручили бывшему вратарю сборной, легендарному Глебу Орехову.", {"Глеб Орехов": ["Глебу Орехову"]}, {}, "Глеб Орехов", ["бывший вратарь сборной"]),
        ("Секретарь горкома 54-летний Глеб Орехов выступил первым.", {"Глеб Орехов": ["Глеб Орехов"]}, {}, "Глеб Орехов", ["секретарь горкома"]),
    ],
)
def test_roles_title_apart_from_the_name(models, text, persons, others, name, roles):
    article = extract_roles(_article(text, persons, others), models)
    assert sorted(_person(article, name).roles) == sorted(roles)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, name",
    [
        # without a comma a genitive before an age is the possessor: "адвоката 35-летнего"
        ("Письмо адвоката 35-летнего Глеба Орехова опубликовано.", {"Глеб Орехов": ["Глеба Орехова"]}, "Глеб Орехов"),
        # a title in commas after another name is his, not the next one's
        ("Он вспомнил сына Семёна Лаптева, мэра Твери, 23-летнего Глеба Лаптева.", {"Семён Лаптев": ["Семёна Лаптева"], "Глеб Лаптев": ["Глеба Лаптева"]}, "Глеб Лаптев"),
        # a genitive title governed by the noun before it, then a dash
        ("В этот день младшей дочери министра — Вере — исполнилось десять лет.", {"Вера": ["Вере"]}, "Вера"),
        # a preposition that pymorphy3 also reads as a noun ("о после")
        ("После отставки Глеба Орехова пост пустовал.", {"Глеб Орехов": ["Глеба Орехова"]}, "Глеб Орехов"),
        # a genitive title after a kin noun is the relative's, whatever the name's case
        ("Среди пассажиров была 12-летняя дочь хоккеиста Вера.", {"Вера": ["Вера"]}, "Вера"),
        ("Цветы возложила вдова губернатора Вера Ильина.", {"Вера Ильина": ["Вера Ильина"]}, "Вера Ильина"),
        ("Он встретился с женой министра Верой Ильиной.", {"Вера Ильина": ["Верой Ильиной"]}, "Вера Ильина"),
    ],
)
def test_roles_title_apart_from_the_name_no_role(models, text, persons, name):
    article = extract_roles(_article(text, persons), models)
    assert _person(article, name).roles == []


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text, persons, roles",
    [
        # a genitive name inside the tail: the title is the next name's, the possessor gets none
        ("Об этом сообщил пресс-секретарь Лаптева Глеб Орехов.", {"Семён Лаптев": ["Лаптева"], "Глеб Орехов": ["Глеб Орехов"]}, {"Семён Лаптев": [], "Глеб Орехов": ["пресс-секретарь Лаптева"]}),
        ("Письмо помощника Лаптева Глеба Орехова опубликовано.", {"Семён Лаптев": ["Лаптева"], "Глеб Орехов": ["Глеба Орехова"]}, {"Семён Лаптев": [], "Глеб Орехов": ["помощник Лаптева"]}),
        ("Представитель фонда Веры Ильиной Глеб Орехов отказался от комментариев.", {"Вера Ильина": ["Веры Ильиной"], "Глеб Орехов": ["Глеб Орехов"]}, {"Вера Ильина": [], "Глеб Орехов": ["представитель фонда Веры Ильиной"]}),
        ("Глеб Орехов, представитель фонда Веры Ильиной, отказался от комментариев.", {"Вера Ильина": ["Веры Ильиной"], "Глеб Орехов": ["Глеб Орехов"]}, {"Вера Ильина": [], "Глеб Орехов": ["представитель фонда Веры Ильиной"]}),
        # a title that cannot agree with the next name stays with the name it agrees with
        ("Сын губернатора области Семёна Лаптева Глеб Лаптев уехал.", {"Семён Лаптев": ["Семёна Лаптева"], "Глеб Лаптев": ["Глеб Лаптев"]}, {"Семён Лаптев": ["губернатор области"], "Глеб Лаптев": []}),
        # after a name, a genitive name agreeing with the head is the holder of that title
        ("Он позвал земляка Лаптева, мэра Твери Глеба Орехова.", {"Семён Лаптев": ["Лаптева"], "Глеб Орехов": ["Глеба Орехова"]}, {"Семён Лаптев": [], "Глеб Орехов": ["мэр Твери"]}),
    ],
)
def test_roles_genitive_name_in_the_tail(models, text, persons, roles):
    article = extract_roles(_article(text, persons, {"Твери": "LOC"}), models)
    assert {name: _person(article, name).roles for name in roles} == roles
