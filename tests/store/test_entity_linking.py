"""One entity per person, organisation and place across the archive (issue 14).

Hand-built articles check each linking rule on both backends; a small corpus the team wrote
goes through the whole analysis and the store, as a user's articles would.
"""

from __future__ import annotations

from svodka.model import Document
from svodka.pipeline import pipe, prepare
from svodka.store import open_store
from svodka.store.name_keys import name_keys

from .conftest import make_article


def _article(n: int, entities: list[dict], published: str | None = None):
    names = " и ".join(f for e in entities for f in e.get("forms", [e["name"]]))
    return make_article(f"Сводка номер {n}", [f"Сегодня {names} обсуждали бюджет, сообщает корреспондент. Номер {n}."],
                        url=f"https://l.test/{n}", published=published or f"2024-05-{10 + n:02d}", entities=entities)


def _names(store, type_=None):
    return {e["name"]: e["articles"] for e in store.entities(type=type_)}


def test_other_names_of_one_bloc_state_and_city_are_one_entity(store):
    store.add_articles([
        _article(1, [{"id": "T1", "type": "ORG", "name": "ЕС", "forms": ["ЕС"]}]),
        _article(2, [{"id": "T1", "type": "ORG", "name": "Евросоюз", "forms": ["Евросоюз"]}]),
        _article(3, [{"id": "T1", "type": "ORG", "name": "Европейский союз", "forms": ["Европейский союз"]}]),
        _article(4, [{"id": "T1", "type": "LOC", "name": "США", "forms": ["США"]}, {"id": "T2", "type": "LOC", "name": "РФ", "forms": ["РФ"]}]),
        _article(5, [{"id": "T1", "type": "LOC", "name": "Соединённые Штаты", "forms": ["Соединённые Штаты"]},
                     {"id": "T2", "type": "LOC", "name": "Российская Федерация", "forms": ["Российская Федерация"]}]),
        _article(6, [{"id": "T1", "type": "ORG", "name": "Америка", "forms": ["Америка"]}]),  # NER's type may differ
    ])
    assert _names(store) == {"ЕС": 3, "США": 3, "РФ": 2}
    eu = store.entity_profile("Евросоюз")
    assert eu["name"] == "ЕС"


def _base_forms(article, *forms):
    """Give the first entity's mentions these base forms (make_article gives them all its name)."""
    for mention, form in zip(article.entities[0].mentions, forms):
        mention.normal = form
    return article


def test_an_article_naming_both_teaches_the_archive_the_pair(store):
    both = _article(3, [{"id": "T1", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями", "ЦТРЗ"]}])
    store.add_articles([
        _article(1, [{"id": "T1", "type": "ORG", "name": "ЦТРЗ", "forms": ["ЦТРЗ"]}]),
        _article(2, [{"id": "T1", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями"]}]),
        _base_forms(both, "Центр торговли редкими землями", "ЦТРЗ"),
        _article(4, [{"id": "T1", "type": "ORG", "name": "ЦТРЗ", "forms": ["ЦТРЗ"]}]),
    ])
    assert list(_names(store).values()) == [4]
    aliases = {a: n for a, n in store.db.execute("SELECT alias, n FROM aliases")}
    assert aliases == {"ЦТРЗ": 3, "Центр торговли редкими землями": 2}
    merges = list(store.db.execute("SELECT reason FROM entity_merges"))
    assert merges and "one article names both" in merges[0][0]


def test_state_bodies_are_keyed_by_their_state(store):
    store.add_articles([
        _article(1, [{"id": "T1", "type": "ORG", "name": "МИД Казахстана", "forms": ["МИД Казахстана"]}]),
        _article(2, [{"id": "T1", "type": "ORG", "name": "МИД", "forms": ["МИД"]},
                     {"id": "T2", "type": "LOC", "name": "Казахстан", "forms": ["Казахстан"]}]),
        _article(3, [{"id": "T1", "type": "ORG", "name": "Министерство иностранных дел Казахстана", "forms": ["Министерство иностранных дел Казахстана"]}]),
        _article(4, [{"id": "T1", "type": "ORG", "name": "МИД", "forms": ["МИД"]}, {"id": "T2", "type": "LOC", "name": "Армения", "forms": ["Армения"]}]),
        _article(5, [{"id": "T1", "type": "ORG", "name": "Верховный суд", "forms": ["Верховный суд"]}, {"id": "T2", "type": "LOC", "name": "Армения", "forms": ["Армения"]}]),
        _article(6, [{"id": "T1", "type": "ORG", "name": "Верховный суд", "forms": ["Верховный суд"]}, {"id": "T2", "type": "LOC", "name": "Грузия", "forms": ["Грузия"]}]),
    ])
    orgs = sorted((e["name"], e["articles"]) for e in store.entities(type="ORG"))
    assert orgs == [("Верховный суд", 1), ("Верховный суд", 1), ("МИД", 1), ("МИД Казахстана", 3)]  # Armenia's and Georgia's courts


def test_name_keys_tables():
    from svodka.store.search import Lemmatizer

    lem = Lemmatizer()
    nk = name_keys(lem)
    key = lambda name, country=None: nk.key(lem.key(name), country)  # noqa: E731
    assert key("МИД России") == key("российский МИД") == key("Министерство иностранных дел РФ") == key("МИД", "россия")
    assert key("Госдепартамента США") == key("МИД США")
    assert key("ЕС по этому вопросу") == key("Евросоюз")
    assert key("Комитет по делам молодёжи") != key("Комитет")
    assert key("Коммерсантъ") == key("Коммерсант")
    assert key("Республика Карелия") == key("Карелия")
    assert key("Труд", "россия") == "труд"  # a newspaper, not the labour ministry


def test_first_name_variants_and_a_wife_apart(store):
    store.add_articles([
        _article(1, [{"id": "T1", "type": "PER", "name": "Уильям Клинтон", "first": "Уильям", "last": "Клинтон", "forms": ["Уильям Клинтон"]}]),
        _article(2, [{"id": "T1", "type": "PER", "name": "Билл Клинтон", "first": "Билл", "last": "Клинтон", "forms": ["Билл Клинтон"]}]),
        _article(3, [{"id": "T1", "type": "PER", "name": "Хиллари Клинтон", "first": "Хиллари", "last": "Клинтон", "forms": ["Хиллари Клинтон"]}]),
    ])
    assert _names(store, "PER") == {"Уильям Клинтон": 2, "Хиллари Клинтон": 1}


def test_title_words_are_no_first_names_and_patronymics_need_the_surname(store):
    store.add_articles([
        _article(1, [{"id": "T1", "type": "PER", "name": "Игорь Долгов", "first": "Игорь", "last": "Долгов", "forms": ["Игорь Долгов"]}]),
        _article(2, [{"id": "T1", "type": "PER", "name": "Князь Долгов", "first": "Князь", "last": "Долгов", "forms": ["Князь Долгов"]}]),
        # The stages joined «Игоря Петровича» (another man) to «Игорь Долгов»: no patronymic for the archive.
        _base_forms(_article(3, [{"id": "T1", "type": "PER", "name": "Игорь Петрович Долгов", "first": "Игорь", "middle": "Петрович", "last": "Долгов",
                                  "forms": ["Игорь Долгов"]}]), "Игорь Долгов"),
        _article(4, [{"id": "T1", "type": "PER", "name": "Игорь Сергеевич Долгов", "first": "Игорь", "middle": "Сергеевич", "last": "Долгов",
                      "forms": ["Игорь Сергеевич Долгов"]}]),
    ])
    assert _names(store, "PER") == {"Игорь Сергеевич Долгов": 4}


def test_a_surname_alone_joins_the_famous_one(store):
    famous = [_article(i, [{"id": "T1", "type": "PER", "name": "Максим Гордеев", "first": "Максим", "last": "Гордеев", "forms": ["Максим Гордеев"]}], published=None)
              for i in range(1, 7)]
    other = _article(7, [{"id": "T1", "type": "PER", "name": "Олег Гордеев", "first": "Олег", "last": "Гордеев", "forms": ["Олег Гордеев"]}])
    lone = _article(8, [{"id": "T1", "type": "PER", "name": "Гордеев", "last": "Гордеев", "forms": ["Гордеев"]}])
    store.add_articles(famous + [other, lone])
    assert _names(store, "PER") == {"Максим Гордеев": 7, "Олег Гордеев": 1}


CORPUS = [
    ("Олаф Шольц прибыл в Тбилиси",
     "Федеральный канцлер Германии Олаф Шольц прибыл в Тбилиси с визитом. Шольца встретил премьер-министр Грузии Ираклий Гарибашвили."),
    ("Шольц обсудил с Гарибашвили транзит",
     "Канцлер ФРГ обсудил транзит грузов. «Мы готовы помогать», — сказал Шольц журналистам. Гарибашвили поблагодарил Шольца."),
    ("Гарибашвили: Евросоюз открыт для Грузии",
     "Ираклию Гарибашвили позвонил Олаф Шольц. По словам Гарибашвили, Европейский союз открыт для Грузии. Шольцу передали приглашение."),
]


def test_forms_of_one_person_land_in_one_entity_through_the_whole_analysis(models, tmp_path):
    docs = [Document(text=f"{title}\n\n{body}", path=f"{i}.txt", url=f"https://c.test/{i}") for i, (title, body) in enumerate(CORPUS)]
    articles = list(pipe([prepare(d, no_clean=True, published=f"2024-02-0{i + 1}") for i, d in enumerate(docs)], models))
    with open_store(tmp_path / "a.db") as store:
        store.add_articles(articles)
        people = {e["name"]: e["articles"] for e in store.entities(type="PER")}
        assert people.get("Олаф Шольц") == 3 and people.get("Ираклий Гарибашвили") == 3, people
        ids = {store.entity_profile(form)["id"] for form in ("Шольцу", "Шольц", "Олаф Шольц")}
        assert len(ids) == 1
        places = {e["name"]: e["articles"] for e in store.entities(type="LOC")}
        assert sum(n for name, n in places.items() if name in ("Германия", "ФРГ")) == 2 and not ("Германия" in places and "ФРГ" in places)


def _scholz(n, *, full=True):
    """An article naming Олаф Шольц in full (its mentions' base forms: the full name and the bare surname), or by surname."""
    if full:
        art = _article(n, [{"id": "T1", "type": "PER", "name": "Олаф Шольц", "first": "Олаф", "last": "Шольц", "forms": ["Олаф Шольц", "Шольц"]}])
        return _base_forms(art, "Олаф Шольц", "Шольц")
    return _article(n, [{"id": "T1", "type": "PER", "name": "Шольц", "last": "Шольц", "forms": ["Шольц"]}])


def test_a_split_surname_does_not_take_the_full_name_after_a_relink(store):
    store.add_articles([_scholz(1), _scholz(2), _scholz(3), _scholz(4, full=False), _scholz(5, full=False)])
    store.split_entity("Олаф Шольц", "Шольц")
    store.add_articles([_scholz(6)])
    store.relink()
    assert _names(store, "PER") == {"Олаф Шольц": 4, "Шольц": 2}


def test_a_merged_surname_does_not_take_a_namesake(store):
    ulrich = lambda n: _base_forms(_article(n, [{"id": "T1", "type": "PER", "name": "Ульрих Шольц", "first": "Ульрих", "last": "Шольц",  # noqa: E731
                                                 "forms": ["Ульрих Шольц", "Шольц"]}]), "Ульрих Шольц", "Шольц")
    store.add_articles([_scholz(1), _scholz(2), ulrich(3), ulrich(4), _scholz(5, full=False)])
    lone = [e["id"] for e in store.entities(type="PER") if e["name"] == "Шольц"]
    store.merge_entities("Олаф Шольц", lone[0])
    store.add_articles([ulrich(6)])
    store.relink()
    assert _names(store, "PER") == {"Олаф Шольц": 3, "Ульрих Шольц": 3}


def test_a_bare_body_takes_the_state_its_other_names_give(store):
    both = _base_forms(_article(3, [{"id": "T1", "type": "ORG", "name": "МИД Украины", "forms": ["МИД Украины", "МИД"]}]), "МИД Украины", "МИД")
    store.add_articles([
        _article(1, [{"id": "T1", "type": "ORG", "name": "МИД России", "forms": ["МИД России"]}]),
        _article(2, [{"id": "T1", "type": "ORG", "name": "МИД Украины", "forms": ["МИД Украины"]}]),
        both,
    ])
    assert _names(store, "ORG") == {"МИД России": 1, "МИД Украины": 2}
    assert not list(store.db.execute("SELECT * FROM entity_merges"))


def test_a_new_writer_finds_an_entity_by_each_of_its_keys(tmp_path):
    pair = _base_forms(_article(1, [{"id": "T1", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями", "ЦТРЗ"]}]),
                       "Центр торговли редкими землями", "ЦТРЗ")
    with open_store(tmp_path / "a.db") as store:
        store.add_articles([pair])
    with open_store(tmp_path / "a.db") as store:  # a fresh cache: loads the entity by one key, then meets the other
        store.add_articles([_article(2, [{"id": "T1", "type": "ORG", "name": "ЦТРЗ", "forms": ["ЦТРЗ"]}])])
        store.add_articles([_article(3, [{"id": "T1", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями"]}])])
        assert list(_names(store, "ORG").values()) == [3]


def test_initials_of_folded_first_names(store):
    store.add_articles([
        _article(1, [{"id": "T1", "type": "PER", "name": "Тони Блэр", "first": "Тони", "last": "Блэр", "forms": ["Тони Блэр"]}]),
        _article(2, [{"id": "T1", "type": "PER", "name": "Т. Блэр", "first": "Т.", "last": "Блэр", "forms": ["Т. Блэр"]}]),
        _article(3, [{"id": "T1", "type": "PER", "name": "Билл Клинтон", "first": "Билл", "last": "Клинтон", "forms": ["Билл Клинтон"]}]),
        _article(4, [{"id": "T1", "type": "PER", "name": "Б. Клинтон", "first": "Б.", "last": "Клинтон", "forms": ["Б. Клинтон"]}]),
    ])
    assert sorted(_names(store, "PER").values()) == [2, 2]


def test_a_merge_inside_one_article_counts_it_once(store):
    art = make_article("Сводка", ["ЦТРЗ и Центр торговли редкими землями, то есть Центр торговли редкими землями (ЦТРЗ), отчитались."],
                       url="https://l.test/one", entities=[
                           {"id": "T1", "type": "ORG", "name": "ЦТРЗ", "forms": ["ЦТРЗ"]},
                           {"id": "T2", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями"]},
                           {"id": "T3", "type": "ORG", "name": "Центр торговли редкими землями", "forms": ["Центр торговли редкими землями", "ЦТРЗ"]},
                       ])
    art.entities[2].mentions[-1].normal = "ЦТРЗ"
    store.add_articles([art])
    assert list(_names(store, "ORG").values()) == [1]
