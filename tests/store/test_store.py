"""The archive on both backends: idempotence, transactions, search, entities, quotes, stories."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from svodka.errors import StoreError
from svodka.store import ingest, linking, open_store, queries, schema, search
from svodka.store.stories import unpack_keys
from tests.store.conftest import STATEMENT_TEXTS, make_article, statement_articles

# --- fictional articles (written for these tests) -------------------------------------

MINISTER = {
    "id": "T1", "type": "PER", "name": "Кайрат Абдрахманов", "first": "Кайрат", "last": "Абдрахманов",
    "roles": ["министр иностранных дел Степной республики"], "forms": ["Кайрат Абдрахманов", "Абдрахманова", "Абдрахманов"],
}
MINISTER_QUOTE = "Мы намерены сделать республику центром стабильности и взаимовыгодного сотрудничества в регионе"


def visit_article(**kw):
    """The minister's visit to a capital: person, place, organisation, a quote, a date."""
    return make_article(
        "Абдрахманов посетил Лиссабон с рабочим визитом",
        [
            "Министр иностранных дел Степной республики Кайрат Абдрахманов посетил Лиссабон 28 марта.",
            f"«{MINISTER_QUOTE}», — заявил Абдрахманов на встрече с журналистами.",
            "В пресс-службе Министерства иностранных дел сообщили, что визит Абдрахманова продлится два дня.",
        ],
        entities=[
            MINISTER,
            {"id": "T2", "type": "LOC", "name": "Лиссабон", "forms": ["Лиссабон"]},
            {"id": "T3", "type": "ORG", "name": "Министерство иностранных дел", "forms": ["Министерства иностранных дел"]},
        ],
        quotes=[{"text": MINISTER_QUOTE, "speaker": "Абдрахманов", "entity": "T1", "cue": "заявил"}],
        dates=[{"text": "28 марта", "from": "2024-03-28"}],
        **kw,
    )


def harvest_article(**kw):
    """An unrelated story: harvest in a farming district, women speaking, no quote."""
    return make_article(
        "Аграрии Северного района собрали рекордный урожай",
        [
            "Аграрии Северного района завершили уборку зерновых и собрали рекордный урожай пшеницы.",
            "Глава района Ольга Смирнова заявила, что урожайность выросла на треть по сравнению с прошлым годом.",
        ],
        entities=[{"id": "T1", "type": "PER", "name": "Ольга Смирнова", "first": "Ольга", "last": "Смирнова", "roles": ["глава района"]}],
        **kw,
    )


# --- idempotence and transactions ---------------------------------------------------------


def test_store_add_is_idempotent(store):
    first = store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    assert (first.stored, first.duplicates) == (2, 0)
    before = store.stats()
    again = store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    assert (again.stored, again.duplicates) == (0, 2)
    # Same text under another URL, and the same URL with other text: both are the same article.
    moved = visit_article(url="https://mirror.test/x")
    edited = make_article("Другой заголовок", ["Совсем другой текст новости."], url="https://a.test/1")
    assert store.add_articles([moved, edited]).stored == 0
    # Duplicates inside one batch are stored once.
    twins = store.add_articles([make_article("Новость дня", ["Текст новости дня."]), make_article("Новость дня", ["Текст  новости   дня!"])])
    assert (twins.stored, twins.duplicates) == (1, 1)
    after = store.stats()
    assert after["articles"] == before["articles"] + 1
    for key in ("entities", "quotes", "quote_appearances", "stories"):
        assert after[key] == before[key]


def test_store_batch_is_all_or_nothing(store, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("crash in the middle of the batch")

    monkeypatch.setattr(linking, "_link_quotes", boom)
    with pytest.raises(RuntimeError):
        store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    stats = store.stats()
    assert (stats["articles"], stats["entities"], stats["sources"]) == (0, 0, 0)
    assert store.search("Абдрахманов") == []
    monkeypatch.undo()
    assert store.add_articles([visit_article(url="https://a.test/1")]).stored == 1  # a re-run completes it


def test_store_driver_error_mid_batch_is_store_error(store, monkeypatch):
    def bad_index(cur, rows):
        cur.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(store.db, "fts_insert", bad_index)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.add_articles([visit_article()])
    assert store.stats()["articles"] == 0


def test_store_deferred_linking_completes(store):
    result = store.add_articles([visit_article(url="https://a.test/1")], link=False)
    assert store.stats()["pending"] == 1 and store.stats()["entities"] == 0
    assert store.link_pending() == 1
    assert store.stats()["pending"] == 0
    assert store.entity_profile("Абдрахманов")["id"] == store.article(result.ids[0]).extras["store"]["entities"]["T1"]
    assert store.link_pending() == 0


# --- search -----------------------------------------------------------------------------------

SEARCH_CASES = [
    ("Абдрахманов заявил", ["Абдрахманов посетил Лиссабон с рабочим визитом"]),
    ("абдрахманова", ["Абдрахманов посетил Лиссабон с рабочим визитом"]),
    ("заявили", ["Абдрахманов посетил Лиссабон с рабочим визитом", "Аграрии Северного района собрали рекордный урожай"]),
    ("урожаи пшеницей", ["Аграрии Северного района собрали рекордный урожай"]),
    ("Абдрахманов урожай", []),
    ("Лиссабона", ["Абдрахманов посетил Лиссабон с рабочим визитом"]),
]


@pytest.mark.parametrize("query, titles", SEARCH_CASES)
def test_store_search_finds_inflected_forms(store, query, titles):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    assert sorted(h.title for h in store.search(query)) == sorted(titles)


def test_store_search_snippet_highlights(store):
    store.add_articles([visit_article(url="https://a.test/1")])
    (hit,) = store.search("Абдрахманов заявил")
    assert "<mark>заявил</mark>" in hit.snippet
    assert "<mark>Абдрахманов</mark>" in hit.snippet or "<mark>Абдрахманова</mark>" in hit.snippet
    marked = [hit.snippet_text[s:e] for s, e in hit.highlights]
    assert "заявил" in marked
    assert hit.score > 0 and hit.source == "Вечерний Тест" and hit.url == "https://a.test/1"


def test_store_search_ranks_title_matches_first(store):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    hits = store.search("район")
    assert hits[0].title.startswith("Аграрии")


FILTER_CASES = [
    ({"source": "вестник полей"}, ["harvest"]),
    ({"source": "Нет такого"}, []),
    ({"date_from": "2024-04-01"}, ["harvest"]),
    ({"date_to": "2024-03-31"}, ["visit"]),
    ({"date_from": "2024-03-28", "date_to": "2024-03-28"}, ["visit"]),
    ({"entity": "Абдрахманова"}, ["visit"]),
    ({"entity": "Смирновой"}, ["harvest"]),
    ({"entity_type": "LOC"}, ["visit"]),
    ({"has_quote": True}, ["visit"]),
    ({"has_quote": False}, ["harvest"]),
]


@pytest.mark.parametrize("filters, expected", FILTER_CASES)
def test_store_search_filters(store, filters, expected):
    store.add_articles([
        visit_article(url="https://a.test/1", source="Вечерний Тест", published="2024-03-28"),
        harvest_article(url="https://a.test/2", source="Вестник Полей", published="2024-08-15T10:00:00+03:00"),
    ])
    names = {"Абдрахманов посетил Лиссабон с рабочим визитом": "visit", "Аграрии Северного района собрали рекордный урожай": "harvest"}
    got = sorted(names[h.title] for h in store.search("заявить", **filters))
    assert got == sorted(expected)
    # An empty query lists by filters alone.
    assert sorted(names[h.title] for h in store.search("", **filters)) == sorted(expected)


def test_store_search_by_entity_id(store):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    eid = store.entity_profile("Абдрахманов")["id"]
    assert [h.title for h in store.search("", entity=eid)] == ["Абдрахманов посетил Лиссабон с рабочим визитом"]


# --- corpus entities -----------------------------------------------------------------------------


def _person_article(n: int, text_name: str, *, first=None, last=None, roles=(), name=None, forms=None, published=None):
    """A short article about one person (``name`` base form, ``forms`` as written)."""
    name = name or text_name
    return make_article(
        f"Новость номер {n} про {text_name}",
        [f"Сегодня {text_name} выступил на заседании, сообщает наш корреспондент. Номер сообщения {n}."],
        url=f"https://p.test/{n}",
        published=published or f"2024-0{1 + n % 9}-1{n % 10}",
        entities=[{"id": "T1", "type": "PER", "name": name, "first": first, "last": last, "roles": list(roles), "forms": forms or [text_name]}],
    )


@pytest.mark.parametrize("order", ["surname first", "full name first"])
def test_store_entities_merge_surname_with_full_name(store, order):
    lone = _person_article(1, "Абдрахманов", last="Абдрахманов", roles=["министр иностранных дел"])
    full = _person_article(2, "Кайрат Абдрахманов", first="Кайрат", last="Абдрахманов", roles=["глава МИД", "министр"])
    batches = [[lone], [full]] if order == "surname first" else [[full], [lone]]
    for batch in batches:
        store.add_articles(batch)
    people = store.entities(type="PER")
    assert len(people) == 1
    assert people[0]["name"] == "Кайрат Абдрахманов" and people[0]["articles"] == 2
    profile = store.entity_profile("Абдрахманова")
    assert {"Абдрахманов", "Кайрат Абдрахманов"} <= {a["alias"] for a in profile["aliases"]}
    assert {r["role"] for r in profile["roles"]} == {"министр иностранных дел", "глава МИД", "министр"}
    assert profile["mentions_per_month"] == {"2024-02": 2, "2024-03": 2}  # two mentions in each article


def test_store_entities_keep_two_ivanovs_apart(store):
    store.add_articles([
        _person_article(1, "Иван Иванов", first="Иван", last="Иванов"),
        _person_article(2, "Пётр Иванов", first="Пётр", last="Иванов"),
        _person_article(3, "Иванов", last="Иванов"),
        _person_article(4, "Иван Иванов", first="Иван", last="Иванов"),
        _person_article(5, "И. Иванов", first="И.", last="Иванов", name="И. Иванов"),
    ])
    by_name = {e["name"]: e for e in store.entities(type="PER")}
    assert set(by_name) == {"Иван Иванов", "Пётр Иванов", "Иванов"}  # the lone one is ambiguous
    assert by_name["Иван Иванов"]["articles"] == 3  # the initial "И." joins Иван (the exact first name wins)
    assert by_name["Пётр Иванов"]["articles"] == 1
    assert len(store.find_entities("Иванов")) == 3


def test_store_entities_roles_never_split_a_person(store):
    # One person of the archive has the surname: a surname alone is that person, whatever
    # role the article gives (people change posts; a role word does not make a new person).
    store.add_articles([
        _person_article(1, "Сергей Петров", first="Сергей", last="Петров", roles=["министр финансов"]),
        _person_article(2, "Петров", last="Петров", roles=["главный тренер сборной по хоккею"]),
        _person_article(3, "Сергей Петров", first="Сергей", last="Петров", roles=["миллиардер"]),
    ])
    people = {e["name"]: e["articles"] for e in store.entities(type="PER")}
    assert people == {"Сергей Петров": 3}


def test_store_entities_surname_shared_by_two_people(store):
    # Two persons with the surname: a surname alone joins the one sharing a role word, or
    # the one seen within a year of the article; otherwise it stays apart (listed as ambiguous).
    store.add_articles([
        _person_article(1, "Сергей Петров", first="Сергей", last="Петров", roles=["министр финансов"], published="2010-03-01"),
        _person_article(2, "Анна Петрова", first="Анна", last="Петрова", roles=["певица"], published="2010-03-02"),
        _person_article(3, "Олег Петров", first="Олег", last="Петров", roles=["тренер"], published="2019-05-01"),
        _person_article(4, "Петров", last="Петров", roles=["министр"], published="2019-06-01"),
        _person_article(5, "Петров", last="Петров", published="2019-07-01"),
        _person_article(6, "Петров", last="Петров", published="2014-01-01"),
    ])
    people = {e["name"]: e["articles"] for e in store.entities(type="PER")}
    assert people == {"Сергей Петров": 2, "Олег Петров": 2, "Анна Петрова": 1, "Петров": 1}


def test_store_entities_places_merge_by_normal_name(store):
    a = visit_article(url="https://a.test/1")
    b = make_article("Туристы едут в Лиссабон", ["Поток туристов в Лиссабон вырос."], url="https://a.test/3",
                     entities=[{"id": "T9", "type": "LOC", "name": "Лиссабон"}])
    store.add_articles([a])
    store.add_articles([b])
    (loc,) = store.entities(type="LOC")
    assert loc["articles"] == 2 and loc["mentions"] == 4  # two in each article


# --- quotes ------------------------------------------------------------------------------------------


def _reprint(outlet: str, published: str, n: int):
    """An outlet reprinting the minister's quote."""
    return make_article(
        f"{outlet}: глава МИД о планах республики ({n})",
        [f"«{MINISTER_QUOTE}», — цитирует Абдрахманова издание {outlet}."],
        source=outlet, url=f"https://{n}.test/q", published=published,
        entities=[{"id": "T1", "type": "PER", "name": "Кайрат Абдрахманов", "first": "Кайрат", "last": "Абдрахманов", "forms": ["Абдрахманова"]}],
        quotes=[{"text": MINISTER_QUOTE, "speaker": "Абдрахманов", "entity": "T1"}],
    )


def test_store_quote_propagation_marks_earliest(store):
    store.add_articles([_reprint("Газета Один", "2024-03-30", 1)])
    store.add_articles([_reprint("Газета Два", "2024-03-29T18:00:00", 2), _reprint("Газета Три", "2024-03-30", 3)])
    store.add_articles([visit_article(url="https://a.test/1", published="2024-03-28")])
    (quote,) = store.quotes()
    assert quote["count"] == 4 and quote["source"] == "Вечерний Тест"
    assert [a["earliest"] for a in quote["appearances"]] == [1, 0, 0, 0]
    assert [a["source"] for a in quote["appearances"]][:2] == ["Вечерний Тест", "Газета Два"]
    assert quote["speaker"] == "Кайрат Абдрахманов"


def test_store_quote_earliest_tie_broken_by_ingest_order(store):
    store.add_articles([_reprint("Газета Один", "2024-03-30", 1), _reprint("Газета Два", "2024-03-30", 2)])
    (quote,) = store.quotes()
    assert quote["source"] == "Газета Один"


QUOTE_FILTERS = [
    ({"speaker": "Абдрахманов"}, 1),
    ({"speaker": "Абдрахманова"}, 1),
    ({"speaker": "Кайрат Абдрахманов"}, 1),
    ({"speaker": "Смирнова"}, 0),
    ({"about": "стабильность"}, 1),
    ({"about": "урожай"}, 0),
    ({"date_from": "2024-03-29"}, 0),
    ({"date_to": "2024-03-28"}, 1),
]


@pytest.mark.parametrize("filters, count", QUOTE_FILTERS)
def test_store_quotes_filters(store, filters, count):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    assert len(store.quotes(**filters)) == count


# --- statements as the analyst reads them (issue 15) -------------------------------------------------------


def _said(row: dict) -> str:
    """The part of a row's sentence marked as the statement."""
    return row["sentence"]["text"][row["sentence"]["start"] : row["sentence"]["end"]]


@pytest.mark.issue(15)
def test_store_quotes_show_sentence_title_outlet_cue(store):
    store.add_articles(statement_articles())
    rows = {r["text"]: r for r in store.quotes()}
    bridge = rows[STATEMENT_TEXTS["bridge"]]
    assert bridge["sentence"]["text"] == "Глава Заречинска Павел Сорокин заявил, что мост закроют в мае, передает агентство Заречье."
    assert _said(bridge) == "мост закроют в мае"
    assert (bridge["title"], bridge["source"], bridge["published"], bridge["cue"], bridge["via"]) == (
        "Мэрия Заречинска закроет Северный мост", "Заречные вести", "2024-03-28", "заявил", "агентство Заречье")
    assert bridge["speaker_kind"] == "person" and bridge["speaker"] == "Павел Сорокин"
    park = rows[STATEMENT_TEXTS["park"]]
    assert park["speaker"] is None and park["source"] == "Вечерний Тест" and park["speaker_kind"] is None
    assert park["sentence"]["text"] == "По данным издания, на него потратят 40 миллионов рублей." and _said(park) == STATEMENT_TEXTS["park"]
    markup = rows[STATEMENT_TEXTS["markup"]]
    assert markup["sentence"]["text"] == "Директор теплосети Анна Белова сказала: «Мы <script>alert(1)</script> готовы к зиме»."


@pytest.mark.issue(15)
def test_store_quotes_sentence_of_a_long_sentence_is_bounded(store):
    store.add_articles(statement_articles())
    (row,) = [r for r in store.quotes() if r["text"] == STATEMENT_TEXTS["long"]]
    sentence = row["sentence"]["text"]
    assert _said(row) == STATEMENT_TEXTS["long"]
    assert sentence.startswith("… ") and sentence.endswith(" …") and len(sentence) <= 310
    assert "Первый абзац" not in sentence and "Последняя фраза" not in sentence
    assert row["speaker_kind"] == "organisation"


@pytest.mark.issue(15)
def test_store_quotes_offsets_past_the_text_show_the_statement_alone(store):
    from svodka.model import Quote, Speaker

    article = make_article("Короткая заметка", ["Текст заметки."], url="https://a.test/short")
    article.quotes.append(Quote("direct", "слова, которых нет в тексте", len(article.text) + 5, len(article.text) + 32, Speaker("Кто-то", "OTHER")))
    store.add_articles([article])
    (row,) = store.quotes()
    assert row["sentence"] is None and row["text"] == "слова, которых нет в тексте" and row["title"] == "Короткая заметка"


@pytest.mark.issue(15)
def test_store_quotes_by_outlet_and_page(store):
    store.add_articles(statement_articles())
    assert [r["text"] for r in store.quotes(source="заречные вести")] == [STATEMENT_TEXTS["long"], STATEMENT_TEXTS["bridge"]]
    assert store.quotes(source="Нет такого издания") == []
    everything = [r["id"] for r in store.quotes()]
    assert [r["id"] for r in store.quotes(limit=2, offset=1)] == everything[1:3]


# --- stories ---------------------------------------------------------------------------------------------

BRIDGE = [
    "В Заречной области открыли движение по новому мосту через реку Сосновку, строительство которого продолжалось три года.",
    "Длина переправы составляет почти восемьсот метров, по ней проходят четыре полосы движения и пешеходные дорожки.",
    "Губернатор области Виктор Крылов перерезал красную ленту и поблагодарил строителей за работу без выходных.",
    "Мост соединит левобережные районы с центром города и разгрузит старую переправу, которая давно требует ремонта.",
    "Стоимость проекта превысила двенадцать миллиардов рублей, значительную часть средств выделил федеральный бюджет.",
]


def _bridge(outlet: str, n: int, edit: tuple[int, str, str] | None = None, published="2024-05-14"):
    """One outlet's version of the bridge story (optionally with one sentence edited)."""
    paras = list(BRIDGE)
    if edit:
        i, old, new = edit
        paras[i] = paras[i].replace(old, new)
    return make_article(
        "Новый мост через Сосновку открыт для движения", paras, source=outlet, url=f"https://{n}.test/bridge", published=published,
        entities=[{"id": "T1", "type": "PER", "name": "Виктор Крылов", "first": "Виктор", "last": "Крылов"},
                  {"id": "T2", "type": "LOC", "name": "Заречная область", "forms": ["Заречной области"]}],
    )


def test_store_stories_cluster_near_duplicates(store):
    store.add_articles([
        _bridge("Заречные вести", 1),
        harvest_article(url="https://a.test/2"),
        _bridge("Речной курьер", 2, (1, "почти восемьсот", "около 790"), published="2024-05-15"),
    ])
    store.add_articles([_bridge("Область сегодня", 3, (3, "давно требует ремонта", "нуждается в ремонте"))])
    (story,) = store.stories()
    assert story["size"] == 3 and story["sources"] == 3
    assert story["title"] == "Новый мост через Сосновку открыт для движения"
    assert "Аграрии Северного района собрали рекордный урожай" not in [a["title"] for a in story["articles"]]
    assert store.recluster() == 1
    (again,) = store.stories()
    assert sorted(a["id"] for a in again["articles"]) == sorted(a["id"] for a in story["articles"])


def test_store_stories_respect_time_window(store):
    store.add_articles([_bridge("Заречные вести", 1), _bridge("Речной курьер", 2, (1, "почти восемьсот", "около 790"), published="2025-01-20")])
    assert store.stories() == []


# --- stories of rewritten reports (shared specific entities, see stories.py) --------------

TRAM_A = [
    "Мэр Озёрска Павел Гордеев и генеральный директор компании «Северный трамвай» Инна Лаптева 12 марта подписали соглашение о поставке тридцати низкопольных трамвайных вагонов.",
    "Первые вагоны поступят в город уже весной, остальные — до конца года. Новые трамваи оборудуют кондиционерами, зарядками для телефонов и местами для колясок.",
    "По словам Гордеева, обновление парка позволит закрыть самые изношенные маршруты и сократить интервалы движения вдвое.",
    "Стоимость контракта составит около четырёх миллиардов рублей, часть средств выделит областной бюджет.",
]
TRAM_B = [
    "Власти Озёрска договорились с компанией «Северный трамвай» о поставке тридцати новых вагонов, сообщил мэр города Павел Гордеев.",
    "Соглашение в мэрии 12 марта подписали Гордеев и глава компании Инна Лаптева. Вагоны будут низкопольными, с кондиционерами и местами для колясок.",
    "Первые трамваи выйдут на маршруты весной, все тридцать поступят до конца года.",
    "Мэр пояснил, что обновление парка позволит сократить интервалы движения вдвое. Контракт оценивается почти в четыре миллиарда рублей.",
]
# The same two people at another event of the same week: shares entities, not the story.
CHESS = [
    "В Озёрске завершился открытый городской шахматный турнир, в котором сыграли сто двадцать школьников из шести районов.",
    "Кубок победителю, девятикласснику Артёму Ершову, вручил мэр Павел Гордеев, а приз за самую красивую партию учредила Инна Лаптева.",
    "Судьи отметили, что юные шахматисты стали реже попадать в цейтнот и чаще доводили партии до эндшпиля.",
]
GORDEEV = {"id": "T1", "type": "PER", "name": "Павел Гордеев", "first": "Павел", "last": "Гордеев", "forms": ["Павел Гордеев", "Гордеева", "Гордеев"]}
LAPTEVA = {"id": "T2", "type": "PER", "name": "Инна Лаптева", "first": "Инна", "last": "Лаптева"}
TRAM_CO = {"id": "T3", "type": "ORG", "name": "Северный трамвай", "forms": ["Северный трамвай"]}
OZYORSK = {"id": "T4", "type": "LOC", "name": "Озёрск", "forms": ["Озёрска", "Озёрске"]}
MARCH_12 = {"text": "12 марта", "from": "2024-03-12"}


def _tram(n: int, paras: list[str], entities: list[dict], *, published: str | None = "2024-03-12", dates=(), title="Озёрск обновит трамвайный парк"):
    """One outlet's report (``n`` picks the outlet and URL) with the given annotations."""
    return make_article(
        f"{title} ({n})", paras, source=f"Газета {n}", url=f"https://{n}.test/tram", published=published, entities=entities, dates=list(dates),
    )


def _story_ids(store, ids: list[int]) -> list:
    """The story id of each stored article."""
    return [store.article(i).extras["store"]["story"] for i in ids]


ENTITY_STORY_CASES = [
    # (entities of both, date mentions, publication days, one story?)
    ([GORDEEV, LAPTEVA, TRAM_CO], False, ("2024-03-12", "2024-03-13"), True),  # three specific entities
    ([GORDEEV, TRAM_CO], False, ("2024-03-12", "2024-03-12"), True),  # a person and an organisation
    ([GORDEEV], True, ("2024-03-12", "2024-03-12"), True),  # one person and a resolved date
    ([GORDEEV], False, ("2024-03-12", "2024-03-12"), False),  # one person only
    ([GORDEEV, OZYORSK], False, ("2024-03-12", "2024-03-12"), False),  # a place does not count
    ([], False, ("2024-03-12", "2024-03-12"), False),  # the texts alone are too different for LSH
    ([GORDEEV, LAPTEVA, TRAM_CO], False, ("2024-03-12", "2024-04-02"), False),  # three weeks apart
    ([GORDEEV, LAPTEVA, TRAM_CO], False, (None, None), True),  # both undated
    ([GORDEEV, LAPTEVA, TRAM_CO], False, ("2024-03-12", None), False),  # one undated
]


@pytest.mark.parametrize("entities, dated, days, together", ENTITY_STORY_CASES)
def test_store_stories_join_rewritten_reports_by_entities(store, entities, dated, days, together):
    dates = [MARCH_12] if dated else []
    ids = store.add_articles([
        _tram(1, TRAM_A, entities, published=days[0], dates=dates),
        harvest_article(url="https://a.test/2", published=days[0]),
    ]).ids
    ids += store.add_articles([_tram(2, TRAM_B, entities, published=days[1], dates=dates)]).ids
    a, harvest, b = _story_ids(store, ids)
    assert harvest is None
    assert (a is not None and a == b) is together
    if together:
        assert store.recluster() == 1 and _story_ids(store, ids)[0] == _story_ids(store, ids)[2]


def test_store_stories_same_people_other_event_stay_apart(store):
    ids = store.add_articles([_tram(1, TRAM_A, [GORDEEV, LAPTEVA, TRAM_CO]), _tram(3, CHESS, [GORDEEV, LAPTEVA], title="Шахматный турнир")]).ids
    ids += store.add_articles([_tram(2, TRAM_B, [GORDEEV, LAPTEVA, TRAM_CO])]).ids
    tram_a, chess, tram_b = _story_ids(store, ids)
    assert tram_a is not None and tram_a == tram_b and chess is None


def test_store_stories_ignore_entities_common_in_the_archive(store):
    """An organisation in more than 5% of a 50+ article archive does not tie two reports."""
    common = [
        make_article(f"Сводка {i}", [f"Компания «Северный трамвай» опубликовала сводку номер {i} о работе линий."], url=f"https://c.test/{i}",
                     published=f"2023-0{1 + i % 9}-0{1 + i % 9}", entities=[TRAM_CO])
        for i in range(55)
    ]
    store.add_articles(common)
    ids = store.add_articles([_tram(1, TRAM_A, [GORDEEV, TRAM_CO]), _tram(2, TRAM_B, [GORDEEV, TRAM_CO])]).ids
    assert _story_ids(store, ids) == [None, None]


STORY_RULES = [
    ("is_specific", (40, 50), True),  # small archive: every entity counts
    ("is_specific", (5, 100), True),
    ("is_specific", (6, 100), False),
    ("resolved_date", ("2024-03-12", "2024-03-12"), True),
    ("resolved_date", ("2024-11-11", "2024-11-22"), True),
    ("resolved_date", ("2024-03-01", "2024-03-31"), False),  # a month
    ("resolved_date", ("2024-01-01", "2024-12-31"), False),  # a year
    ("resolved_date", (None, None), False),
    ("same_window", ("2024-03-12", "2024-03-19"), True),
    ("same_window", ("2024-03-12", "2024-03-20"), False),
    ("same_window", (None, None), True),
    ("same_window", ("2024-03-12", None), False),
    ("entity_candidate", (2, 0, False), True),
    ("entity_candidate", (1, 1, True), True),
    ("entity_candidate", (1, 1, False), False),
    ("entity_candidate", (1, 0, True), False),  # an organisation and a date
    ("jaccard", ({"a", "b"}, {"b", "c"}), 1 / 3),
    ("jaccard", (set(), set()), 0.0),
]


@pytest.mark.parametrize("name, args, expected", STORY_RULES)
def test_store_stories_rules(name, args, expected):
    from svodka.store import stories

    assert getattr(stories, name)(*args) == expected


def test_store_stories_content_words_drop_function_words(morph):
    from svodka.store.search import Lemmatizer
    from svodka.store.stories import ContentWords

    words = ContentWords(Lemmatizer(morph.parse)).lemma_set("Он сказал, что в 2024 году мэры городов подписали соглашение и для нас это важно")
    assert {"сказать", "мэр", "город", "подписать", "соглашение", "год"} <= words
    assert not words & {"он", "что", "для", "мы", "это", "2024"}


# --- quotes cut short by one outlet (fragments, see Store._join_fragments) -------------------------

TRAM_QUOTE = "Мы не станем закрывать ни один маршрут, пока новые вагоны не выйдут на линию, и пассажиры этой замены просто не заметят"
TRAM_QUOTE_CUT = "Мы не станем закрывать ни один маршрут, пока новые вагоны не выйдут на линию"


def _quoted(n: int, quote: str, speaker: dict = GORDEEV, published: str = "2024-03-12"):
    """An outlet quoting ``quote`` by ``speaker``."""
    name = speaker["name"]
    return make_article(
        f"{name} о новых трамваях ({n})", [f"«{quote}», — сказал {name} журналистам."], source=f"Газета {n}", url=f"https://{n}.test/q",
        published=published, entities=[speaker], quotes=[{"text": quote, "speaker": name, "entity": speaker["id"], "cue": "сказал"}],
    )


@pytest.mark.parametrize("batches", [
    [[TRAM_QUOTE_CUT], [TRAM_QUOTE]],  # the fragment first
    [[TRAM_QUOTE], [TRAM_QUOTE_CUT]],  # the whole quote first
    [[TRAM_QUOTE_CUT, TRAM_QUOTE, TRAM_QUOTE_CUT]],  # one batch
])
def test_store_quote_fragment_is_a_reprint(store, batches):
    n = 0
    for batch in batches:
        arts = []
        for quote in batch:
            n += 1
            arts.append(_quoted(n, quote, published=f"2024-03-1{n}"))
        store.add_articles(arts)
    (quote,) = store.quotes()
    assert quote["count"] == n and len(quote["appearances"]) == n
    assert quote["text"] == TRAM_QUOTE  # the longest text said
    assert [a["earliest"] for a in quote["appearances"]] == [1] + [0] * (n - 1)
    assert quote["source"] == "Газета 1"


@pytest.mark.parametrize("quote, speaker, counts", [
    ("пока новые вагоны не выйдут на линию", GORDEEV, [2]),  # a fragment from the middle
    (TRAM_QUOTE_CUT, LAPTEVA, [1, 1]),  # another speaker
    ("Мы не станем закрывать", GORDEEV, [1, 1]),  # under 30 normalised characters
    ("Мы не станем закрывать ни один маршрут, пока новые вагоны не выйдут на лин", GORDEEV, [1, 1]),  # not whole words
])
def test_store_quote_fragment_needs_same_speaker_and_whole_words(store, quote, speaker, counts):
    store.add_articles([_quoted(1, TRAM_QUOTE)])
    store.add_articles([_quoted(2, quote, speaker)])
    assert sorted(q["count"] for q in store.quotes()) == counts


def test_store_quote_short_fragment_stored_first_is_never_merged(store):
    """A quote too short for a key of its own is never merged, whichever comes first: a short
    fragment stored by an earlier batch is no pool for a later quote (a kill -9 and rerun, cut
    into other batches, stores what an uninterrupted ingest does)."""
    store.add_articles([_quoted(1, "Мы не станем закрывать")])
    store.add_articles([_quoted(2, TRAM_QUOTE)])
    assert sorted(q["count"] for q in store.quotes()) == [1, 1]


@pytest.mark.parametrize("cut", [[[0], [1], [2]], [[0, 1, 2]]])
def test_store_quote_short_quotes_take_no_room_in_the_fragment_pool(store, monkeypatch, cut):
    """The pool of a speaker's latest stored quotes a fragment is compared with holds quotes with
    a key of their own only: a short quote stored in between takes no room in it, so a cut into
    batches joins as one batch does (review of issue 15's kill -9 fix)."""
    from svodka.store import linking

    monkeypatch.setattr(linking, "QUOTE_FRAGMENT_POOL", 1)
    quotes = [TRAM_QUOTE, "Мы не станем закрывать", TRAM_QUOTE_CUT]
    for batch in cut:
        store.add_articles([_quoted(i + 1, quotes[i], published=f"2024-03-1{i + 1}") for i in batch])
    assert sorted(q["count"] for q in store.quotes()) == [1, 2]


# --- reading back ------------------------------------------------------------------------------------


def test_store_article_roundtrip_and_listing(store):
    original = visit_article(url="https://a.test/1")
    (aid,) = store.add_articles([original]).ids
    back = store.article(aid)
    extras = back.extras.pop("store")
    assert back.to_dict() == original.to_dict()
    assert extras["id"] == aid and set(extras["entities"]) == {"T1", "T2", "T3"}
    assert store.article(aid + 100) is None
    store.add_articles([harvest_article(url="https://a.test/2"), _bridge("Заречные вести", 3)])
    page, cursor = store.articles(limit=2)
    assert len(page) == 2 and cursor is not None
    rest, end = store.articles(limit=2, cursor=cursor)
    assert [r["id"] for r in page + rest] == [3, 2, 1] and end is None
    assert {s["name"]: s["articles"] for s in store.sources()} == {"Вечерний Тест": 2, "Заречные вести": 1}


def test_store_entity_profile(store):
    store.add_articles([visit_article(url="https://a.test/1"), _reprint("Газета Два", "2024-04-02", 2)])
    profile = store.entity_profile("Абдрахманов")
    assert profile["type"] == "PER" and profile["articles"] == 2
    assert profile["roles"][0]["first_seen"] == "2024-03-28"
    assert {c["name"] for c in profile["co_mentioned"]} == {"Лиссабон", "Министерство иностранных дел"}
    assert profile["quotes"][0]["text"] == MINISTER_QUOTE
    assert profile["mentions_per_month"] == {"2024-03": 4, "2024-04": 1}
    assert store.entity_profile("Никто Неизвестный") is None


def test_store_stats_and_rejected(store):
    store.add_articles([visit_article(url="https://a.test/1")])
    store.add_rejected("dump/0001.txt", "no article text")
    stats = store.stats()
    assert stats["articles"] == 1 and stats["rejected"] == 1 and stats["schema_version"] == schema.LATEST_VERSION
    assert stats["entities_by_type"] == {"PER": 1, "LOC": 1, "ORG": 1}
    assert stats["size_bytes"] > 0
    assert store.rejected()[0]["reason"] == "no article text"


def test_store_export(store):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    out = io.StringIO()
    assert store.export("jsonl", out) == 2
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["title"] == "Абдрахманов посетил Лиссабон с рабочим визитом" and first["quotes"]
    out = io.StringIO()
    store.export("csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["quotes"] for r in rows] == ["1", "0"]
    with pytest.raises(ValueError):
        store.export("xml", io.StringIO())


# --- schema and faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_schema_migrates_and_refuses_newer(old_archive, morph, backend):
    old = old_archive(backend, 1, [visit_article(url="https://a.test/1")])
    assert old.schema_version() == 1
    target = old.path if backend == "sqlite" else old.url
    options = {} if backend == "sqlite" else {"schema": old.schema}
    new = open_store(target, **options)
    new.use_parse(morph.parse)
    try:
        assert new.schema_version() == schema.LATEST_VERSION
        assert new.search("Абдрахманов")[0].title.startswith("Абдрахманов")
        assert new.link_pending() == 1  # the rows of version 1 link like today's
        assert new.entity_profile("Абдрахманов")["name"] == "Кайрат Абдрахманов"
        (quote,) = new.quotes()  # statements of a migrated archive: in their sentence, the kind of speaker unknown
        assert quote["sentence"]["text"] == f"«{MINISTER_QUOTE}», — заявил Абдрахманов на встрече с журналистами." and quote["speaker_kind"] is None
        with new.db.write() as cur:
            cur.execute("INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)", [99, "from the future", "2099-01-01"])
    finally:
        new.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(target, **options)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_band_keys_move_to_one_row_per_article(old_archive, morph, backend):
    shared_text = "Правительство республики утвердило новую программу развития дорожной сети на ближайшие пять лет, сообщили в министерстве транспорта."
    arts = [make_article(f"Дороги ({i})", [shared_text, f"Подробности номер {i}."], url=f"https://d.test/{i}", published="2024-05-02") for i in range(4)]
    old = old_archive(backend, 5, arts[:3])
    before = {}
    for aid, key in old.execute("SELECT article_id, key FROM story_keys"):
        before.setdefault(aid, set()).add(key)
    target = old.path if backend == "sqlite" else old.url
    options = {} if backend == "sqlite" else {"schema": old.schema}
    new = open_store(target, **options)
    new.use_parse(morph.parse)
    try:
        after = {aid: set(unpack_keys(keys)) for aid, keys in new.db.execute("SELECT article_id, keys FROM story_bands")}
        assert after == before and len(after) == 3
        assert new.link_pending() == 3  # one story, found through the moved keys
        assert len({r[0] for r in new.db.execute("SELECT story_id FROM articles")} - {None}) == 1
        new.add_articles(arts[3:])  # joins that story
        assert len({r[0] for r in new.db.execute("SELECT story_id FROM articles")}) == 1
        assert new.recluster() == 1
    finally:
        new.close()


def test_store_error_on_unreachable_postgres():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as info:
        open_store("postgresql://svodka:secret@127.0.0.1:9/none")
    assert "secret" not in str(info.value)


def test_store_error_on_locked_sqlite(tmp_path):
    path = tmp_path / "locked.db"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        st = open_store(path, timeout=0.2)
        with pytest.raises(StoreError, match="locked"):
            st.add_articles([visit_article()])
        holder.execute("ROLLBACK")
        assert st.add_articles([visit_article()]).stored == 1  # the lock is gone: it works
        st.close()
    finally:
        holder.close()


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.test/db", "unknown database URL scheme"),
    ("/nonexistent-dir/sub/archive.db", "does not exist"),
])
def test_store_error_on_bad_url(url, reason):
    with pytest.raises(StoreError, match=reason):
        open_store(url)


def test_store_error_on_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not a database file at all" * 100)
    with pytest.raises(StoreError, match="not a"):
        open_store(path)


def test_store_sqlite_url_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for url, file in [("sqlite:///rel.db", tmp_path / "rel.db"), (f"sqlite:///{tmp_path}/abs.db", tmp_path / "abs.db"), (None, tmp_path / "svodka.db")]:
        open_store(url).close()
        assert file.exists()


KILL_SCRIPT = """
import os, signal, sys
sys.path.insert(0, {root!r})
from tests.store.test_store import visit_article, harvest_article
from svodka.store import open_store
store = open_store({url!r}, **{options!r})
store.add_articles([harvest_article(url="https://a.test/2")])
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # kill -9 in the middle of the second batch
import svodka.store.linking
svodka.store.linking._link_quotes = die
store.add_articles([visit_article(url="https://a.test/1")])
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_survives_kill_mid_batch(open_backend, backend):
    import subprocess
    import sys
    from pathlib import Path

    st = open_backend(backend)
    url = st.db.path if backend == "sqlite" else st.db.url
    options = {} if backend == "sqlite" else {"schema": st.db.schema}
    root = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT.format(root=root, url=url, options=options)], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()
    assert st.stats()["articles"] == 1  # the first batch only: the killed one left nothing
    result = st.add_articles([harvest_article(url="https://a.test/2"), visit_article(url="https://a.test/1")])
    assert (result.stored, result.duplicates) == (1, 1)  # a re-run completes the ingest
    assert len(st.quotes(speaker="Абдрахманов")) == 1


def test_store_fast_dump_matches_model_to_dict():
    from svodka.store.prepare import dump_article

    article = visit_article(url="https://a.test/1")
    assert dump_article(article) == article.to_dict()


def test_store_takes_records_prepared_in_another_process(store):
    # What svodka ingest does: workers prepare (pickled across processes), the writer writes.
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from svodka.store.prepare import prepare_articles

    with ProcessPoolExecutor(1) as pool:
        records = pickle.loads(pickle.dumps(pool.submit(prepare_articles, [visit_article(url="https://a.test/1"), harvest_article()]).result()))
    # The worker met "Абдрахманова" first: its lemma aliases travel with the record.
    assert any(r.aliases for r in records)
    assert store.add_articles(records).stored == 2
    assert store.add_articles([visit_article(url="https://a.test/1")]).duplicates == 1
    assert [h.title for h in store.search("Абдрахманов заявил")] == [visit_article().title]
    for lemma in store.lemmatizer.lemmas("Абдрахманова"):  # non-first base forms: via the stored aliases
        assert store.search(lemma), lemma
    assert store.quotes(speaker="Абдрахманов")[0]["text"] == MINISTER_QUOTE


def test_store_links_worker_records_like_plain_articles(tmp_path):
    # Name keys, role words and alias forms come with a worker's record (EntityFacts): the
    # corpus entities must be the ones the writer makes from plain articles.
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    from svodka.store.prepare import prepare_articles

    arts = [visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2"), visit_article(url="https://a.test/3", published="2024-03-29")]
    with ProcessPoolExecutor(1) as pool:
        records = pickle.loads(pickle.dumps(pool.submit(prepare_articles, arts).result()))
    tables = []
    for name, batch in (("plain", arts), ("worker", records)):
        st = open_store(tmp_path / f"{name}.db")
        try:
            st.add_articles(batch)
            tables.append([st.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2") for t in ("entities", "aliases", "entity_words", "article_entities", "roles")])
        finally:
            st.close()
    assert tables[0] == tables[1]
    assert any("министр" in row[7] for row in tables[0][0])  # role words were linked


# --- speed paths: same answers as the straightforward ones ------------------------------------


def statement_article(i: int, **kw):
    """A short article of its own text (number ``i``): the minister said something."""
    return make_article(
        f"Заявление министра номер {i}",
        [f"Министр Кайрат Абдрахманов заявил журналистам о встрече номер {i} в Лиссабоне."],
        url=f"https://s.test/{i}",
        entities=[{**MINISTER, "forms": ["Кайрат Абдрахманов"]}],
        **kw,
    )


def test_store_lsh_candidates_match_brute_force(store, monkeypatch):
    from svodka.store import stories
    from svodka.store.stories import window_days

    monkeypatch.setattr(stories, "MAX_CANDIDATES", 5)  # cut the 30-odd candidates: ties and order matter
    shared_text = "Правительство республики утвердило новую программу развития дорожной сети на ближайшие пять лет, сообщили в министерстве транспорта."
    arts = [
        make_article(f"Дороги: программа утверждена ({i})", [shared_text, f"Подробности сообщения номер {i}."], url=f"https://d.test/{i}",
                     published=None if i % 7 == 0 else f"2024-05-{1 + i % 20:02d}")
        for i in range(40)
    ]
    for i in range(0, 40, 7):  # several batches: several runs in the index, merged as they grow
        store.add_articles(arts[i : i + 7])
    with store.db.write() as cur:
        cur.execute("SELECT article_id, day, keys FROM story_bands")
        rows = {aid: (day, set(unpack_keys(keys))) for aid, day, keys in cur.fetchall()}
        items = [(aid, sorted(ks), day or None) for aid, (day, ks) in sorted(rows.items()) if aid > 25]
        batched = stories._lsh_candidates(store.writer, cur, items)
    for aid, ks, day in items:  # by hand: every earlier article of the window, by shared keys
        lo, hi = window_days(day) if day else ("", "9999-12-31")
        shared = {other: len(set(ks) & oks) for other, (oday, oks) in rows.items() if other < aid and (oday == "" or lo <= oday <= hi)}
        best = sorted((-n, other) for other, n in shared.items() if n)[:5]
        assert batched.get(aid, {}) == {other: -n for n, other in best}, aid
    assert len(batched) >= 10


def test_store_probe_spans_statements(store, monkeypatch):
    from svodka.store import database

    monkeypatch.setattr(database, "PROBE_PARAMS", 6)  # 3 rows of 2 columns per statement
    rows = [(i, f"k{i}") for i in range(10)]
    with store.db.write() as cur:
        got = list(database.probe(cur, ("n", "k"), rows, "SELECT p.n, p.k FROM probe p"))
    assert sorted(got) == rows


def test_store_day_that_is_not_a_date_is_outside_dated_windows(store):
    # "2024-02-30" has a day's shape and is stored as one; it must not become "undated"
    # (a candidate of every window): the June article is not its story.
    shared = "Правительство республики утвердило новую программу развития дорожной сети на ближайшие пять лет, сообщили в министерстве транспорта."
    store.add_articles([make_article("Дороги", [shared, "Подробности: зима."], url="https://d.test/1", published="2024-02-30")])
    store.add_articles([make_article("Дороги", [shared, "Подробности: лето."], url="https://d.test/2", published="2024-06-10")])
    stories = [r[0] for r in store.db.execute("SELECT story_id FROM articles ORDER BY id")]
    assert stories[1] is None or stories[0] != stories[1], stories


def test_store_band_index_follows_other_writers_and_rollbacks(tmp_path):
    shared_text = "Правительство республики утвердило новую программу развития дорожной сети на ближайшие пять лет, сообщили в министерстве транспорта."
    arts = [make_article(f"Дороги ({i})", [shared_text, f"Подробности номер {i}."], url=f"https://d.test/{i}", published="2024-05-02") for i in range(6)]
    one, two = open_store(tmp_path / "a.db"), open_store(tmp_path / "a.db")
    try:
        one.add_articles(arts[:2])
        two.add_articles(arts[2:4])  # one's in-memory index has not seen these
        with pytest.raises(RuntimeError), one.db.write() as cur:
            ingest._insert(one.writer, cur, [one.writer.preparer.prepare(arts[4])], linked=True)
            raise RuntimeError("rolled back")
        assert one.writer.bands is None  # dropped with the failed batch (its id is free again)
        one.add_articles(arts[4:])
        stories = {r[0] for r in one.db.execute("SELECT story_id FROM articles")}
        assert len(stories) == 1 and None not in stories
        with one.db.write() as cur:
            assert one.writer.bands.last_id == 6 and len(one.writer.bands) == sum(len(r[0]) // 8 for r in one.db.execute("SELECT keys FROM story_bands"))
    finally:
        one.close()
        two.close()


def test_store_band_keys_match_datasketch_minhash():
    import hashlib

    import numpy as np
    from datasketch import MinHash

    from svodka.store.stories import BANDS, NUM_PERM, ROWS, Signer, shingles

    signer = Signer()
    rng = np.random.default_rng(5)
    for n in (6, 30, 400):  # too short to cluster, short, long
        hashes = [int(h) if h % 7 else 0 for h in rng.integers(1, 2**32, n)]  # 0: a word left out
        items = shingles(hashes)
        mh = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=signer._template.permutations, scheme=signer._template.scheme)
        mh.update_batch(items)
        values = mh.hashvalues
        expected = [
            int.from_bytes(hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8, person=bytes([b]) * 16).digest(), "big", signed=True)
            for b in range(BANDS)
        ] if len(items) >= 8 else []
        assert signer.band_keys(hashes) == expected


def test_store_search_ranks_only_the_newest_pool_of_common_words(store, monkeypatch):
    monkeypatch.setattr(queries, "RANK_POOL", 2)
    monkeypatch.setattr(queries, "RANK_POOL_PAGES", 1)
    store.add_articles([statement_article(i, published=f"2024-03-{10 + i}", source=f"Outlet {i % 2}") for i in range(5)] + [harvest_article(url="https://a.test/h")])
    # "заявить" is in all six (ids 1-6): a page of two is ranked among the two newest only.
    assert {h.article_id for h in store.search("заявить", limit=2)} == {5, 6}
    assert {h.article_id for h in store.search("заявить", limit=3)} == {4, 5, 6}  # a deeper page widens the pool
    # Filters apply while the pool is chosen, so a filtered search still fills its page.
    hits = store.search("заявить", source="Outlet 0", limit=2)
    assert {h.article_id for h in hits} == {3, 5} and {h.source for h in hits} == {"Outlet 0"}
    # Fewer matches than the pool: all ranked.
    assert [h.title for h in store.search("урожай", limit=2)] == ["Аграрии Северного района собрали рекордный урожай"]


def test_store_search_finds_non_first_base_forms(store):
    # "Абдрахманова" is indexed by its first base form only; a query for another base
    # form of it must still find it through lemma_aliases.
    store.add_articles([visit_article(url="https://a.test/1")])
    lem = store.lemmatizer
    for word in ("Абдрахманова", "стали", "Лиссабон"):
        for lemma in lem.lemmas(word):
            assert queries._expand_terms(store.db, [(lemma,)])  # never empty
    forms = lem.lemmas("Абдрахманова")
    for lemma in forms:
        assert store.search(lemma), lemma


def test_store_search_leaves_function_words_out(store):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    # Function words are not indexed and drop out of a query: the content words decide.
    assert [h.title for h in store.search("визит в Лиссабон")] == [visit_article().title]
    assert store.search("и в на") == []  # only function words: nothing, not everything
    assert store.search("Лиссабон и", source="Нет такого") == []
    # The snippet marks the content words only.
    snippet = store.search("Абдрахманов в Лиссабоне")[0].snippet
    assert "<mark>Лиссабон</mark>" in snippet and "<mark>в</mark>" not in snippet


def test_store_function_words_go_only_when_every_base_form_is_one(store):
    # "тем" is also the plural genitive of "тема", "том" a volume: both stay searchable.
    store.add_articles([make_article("Совет обсудил ряд тем", ["Депутаты выпустили второй том доклада."], url="https://a.test/t")])
    assert store.search("тема") and store.search("том доклада")
    # Quotations and names are matched on every word, function words included.
    store.add_articles([visit_article(url="https://a.test/1")])
    assert [q["text"] for q in store.quotes(about="Мы намерены")] == [MINISTER_QUOTE]
    assert store.quotes(about="мы и они") == []


def test_store_link_pending_keeps_pending_lemma_aliases(store):
    store.add_articles([visit_article(url="https://a.test/1")], link=False)
    store.lemmatizer.new_aliases.add(("ещёнеслово", "слово"))  # left pending by a failed batch, say
    assert store.link_pending() == 1
    assert not store.lemmatizer.new_aliases
    assert store.db.execute("SELECT first FROM lemma_aliases WHERE lemma = 'ещёнеслово'") == [("слово",)]


def test_store_sqlite_full_text_settings(open_backend):
    st = open_backend("sqlite")
    settings = dict(st.db.execute("SELECT k, v FROM article_fts_config WHERE k IN ('hashsize', 'automerge')"))
    assert settings == {"hashsize": schema.FTS_HASHSIZE, "automerge": schema.FTS_AUTOMERGE}
    (sql,) = st.db.execute("SELECT sql FROM sqlite_master WHERE name = 'article_fts'")[0]
    assert "tokenize='ascii'" in sql  # a new archive: see schema._remake_empty_full_text
    st.add_articles([make_article("NATO и ООН: итоги 2024 года", ["Саммит НАТО прошёл в Вильнюсе, сообщили в ООН."], url="https://n.test/1")])
    for query in ("nato", "НАТО", "ооН", "2024", "вильнюс", "итог"):
        assert st.search(query), query


def test_store_sqlite_archive_with_articles_keeps_its_full_text_index(old_archive, morph):
    old = old_archive("sqlite", 5, [visit_article(url="https://a.test/1")])
    new = open_store(old.path)
    new.use_parse(morph.parse)
    try:
        (sql,) = new.db.execute("SELECT sql FROM sqlite_master WHERE name = 'article_fts'")[0]
        assert "unicode61" in sql
        assert new.search("Абдрахманов заявил")
        new.add_articles([make_article("Абдрахманова встретили в Астане", ["Кайрат Абдрахманов прилетел в Астану."], url="https://a.test/2")])
        assert len(new.search("Абдрахманов")) == 2
    finally:
        new.close()


def test_store_entity_days_count_mentions_per_day(store):
    follow_up = make_article(
        "Абдрахманов вернулся из Лиссабона",
        ["Министр иностранных дел Кайрат Абдрахманов вернулся из поездки."],
        published="2024-03-29",
        entities=[MINISTER],
    )
    store.add_articles([visit_article(url="https://a.test/1"), follow_up])
    (eid,) = store.find_entities("Кайрат Абдрахманов")
    days = store.entity_days(eid)
    assert list(days) == ["2024-03-28", "2024-03-29"] and all(n >= 1 for n in days.values())
    assert store.entity_profile(eid)["mentions_per_month"] == {"2024-03": sum(days.values())}


def test_store_entity_cache_follows_other_writers(open_backend):
    first = open_backend("sqlite")
    second = open_store(first.db.path)
    second.lemmatizer._parse = first.lemmatizer.parse
    try:
        first.add_articles([statement_article(1)])
        second.add_articles([statement_article(2)])
        first.add_articles([statement_article(3)])  # its cache is stale: reloads
        people = first.entities(type="PER")
        assert len(people) == 1 and people[0]["articles"] == 3 and people[0]["mentions"] == 3
    finally:
        second.close()


def test_store_entity_cache_dropped_after_failed_batch(store, monkeypatch):
    store.add_articles([statement_article(1)])

    def die(*args):
        raise store.db.driver_errors[0]("disk I/O error (simulated)")

    with monkeypatch.context() as m:
        m.setattr(linking, "_link_quotes", die)
        with pytest.raises(StoreError):
            store.add_articles([statement_article(2)])
    store.add_articles([statement_article(2)])
    (person,) = store.entities(type="PER")
    assert person["articles"] == 2 and person["mentions"] == 2


def test_store_sqlite_reads_in_parallel_threads(open_backend):
    import threading

    st = open_backend("sqlite")
    st.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    errors, counts = [], []

    def reader():
        try:
            for _ in range(20):
                counts.append(len(st.search("заявить")))
                st.entity_profile("Абдрахманов")
        except Exception as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(3, 8):  # the writer goes on meanwhile
        st.add_articles([statement_article(i)])
    for t in threads:
        t.join()
    assert not errors and counts and min(counts) >= 2
    assert len(st.db._readers) >= 4  # each thread read on a connection of its own
    st.close()
    assert st.db._readers == []
    with pytest.raises(StoreError, match="closed"):
        st.search("заявить")


def test_store_rejected_again_is_recorded_once(store):
    store.add_rejected("dump/0002.txt", "empty file")
    store.add_rejected("dump/0002.txt", "empty file")
    store.add_rejected("dump/0002.txt", "binary file (not text)")
    assert sorted(r["reason"] for r in store.rejected()) == ["binary file (not text)", "empty file"]


def test_store_lemma_cache_trimmed_between_batches_only(monkeypatch):
    """A cache that fills up mid-article must not lose the words just learned."""
    from svodka.store import search

    monkeypatch.setattr(search, "CACHE_LIMIT", 3)
    lem = search.Lemmatizer()
    firsts, hashes = lem.analyse(["мыло", "рама", "мама", "окно", "дом"])
    assert None not in firsts and None not in hashes
    lem.trim()
    assert lem.analyse(["рамы"])[0] == ["рама"]


# --- issue 11: inputs accounted for -----------------------------------------------------------------


@pytest.mark.issue(11)
def test_store_known_documents_by_url_and_hash(store):
    first = visit_article(url="https://a.test/1")
    store.add_articles([first, harvest_article(url="https://a.test/2")], documents=["h1", "h2"])
    again = store.add_articles([visit_article(url="https://a.test/1")], documents=["h1-copy"])
    assert again.duplicates == 1
    urls, hashes = store.known_documents({"https://a.test/1", "https://a.test/9"}, {"h1", "h2", "h1-copy", "h9"})
    assert urls == {"https://a.test/1"}
    assert hashes == {"h1", "h2", "h1-copy"}  # a copy the store found to be a duplicate is known too


@pytest.mark.issue(11)
def test_store_rejected_rows_count_inputs_and_go_when_stored(store):
    store.add_rejected("feed.jsonl", "19,995 more bad records", count=19995)
    store.add_rejected("dump/0003.txt", "analysis worker died")
    assert store.stats()["rejected"] == 19996
    assert [r["count"] for r in store.rejected(limit=None)] == [1, 19995]
    article = visit_article(url="https://a.test/1")
    article.path = "dump/0003.txt"
    store.add_articles([article])
    assert [r["name"] for r in store.rejected(limit=None)] == ["feed.jsonl"]  # stored at last: no longer rejected


@pytest.mark.issue(11)
@pytest.mark.parametrize("given", [2**63, 2**64 + 5, "999999999999999999999999999999", "²", "0", -1])
def test_store_ids_out_of_range_are_not_found(store, given):
    store.add_articles([visit_article(url="https://a.test/1")])
    assert store.find_entities(given) == [] or given == "²"  # "²" is a name to look up, not an id
    assert store.entity_profile(given) is None
    if isinstance(given, int):
        assert store.article(given) is None


@pytest.mark.issue(11)
def test_store_export_rows_for_people(store):
    store.add_articles([visit_article(url="https://a.test/1"), harvest_article(url="https://a.test/2")])
    out = io.StringIO()
    store.export("csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["persons"] and rows[0]["places"] and rows[0]["organisations"]
    out = io.StringIO()
    assert store.export("csv", out, what="quotes") == 1
    (quote,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert quote["speaker"] and quote["text"] and quote["url"] == "https://a.test/1"
    out = io.StringIO()
    assert store.export("jsonl", out, what="quotes") == 1 and json.loads(out.getvalue())["speaker"]


def _straight_snippet(text: str, terms: list[tuple[str, ...]], lem, words: int = 30) -> tuple[str, list[tuple[int, int]]]:
    """The snippet made the straightforward way: every word's base forms asked one by one."""
    wanted = {lemma for term in terms for lemma in term}
    tokens = [(m.start(), m.end(), m.group()) for m in search.WORD_RE.finditer(text)]
    if not tokens:
        return text[:200], []
    hits = [i for i, (_, _, w) in enumerate(tokens) if not wanted.isdisjoint(lem.lemmas(w))]
    best_start, best_count = 0, 0
    for i, first in enumerate(hits):
        count = sum(1 for h in hits[i:] if h < first + words)
        if count > best_count:
            best_count, best_start = count, max(0, first - 3)
    window = tokens[best_start : best_start + words]
    start, end = window[0][0], window[-1][1]
    while end < len(text) and end - window[-1][1] < 2 and text[end] in ".,!?»\"":
        end += 1
    prefix, suffix = ("… " if start > 0 else ""), (" …" if end < len(text) else "")
    marks = [(s - start + len(prefix), e - start + len(prefix)) for k, (s, e, _) in enumerate(window, best_start) if k in hits]
    return prefix + text[start:end].replace("\n", " ") + suffix, marks


@pytest.mark.parametrize("query", ["Абдрахманов заявил", "урожай", "Лиссабон визит министр", "в", "", "республика центр регион", "2024"])
def test_store_snippets_match_the_straightforward_way(morph, query):
    from svodka.store.snippets import Snippets

    lem = search.Lemmatizer(morph.parse)
    snippets = Snippets(lem)  # one for all texts: what it learns of one text serves the next
    long_text = " ".join([visit_article().text] * 6 + [harvest_article().text] * 3)  # windows past the start
    texts = (visit_article().text, harvest_article().text, long_text, "", "…!", "Сто 100 сто.")
    terms = lem.query_terms(query)
    for key in (None, "first", "again"):  # words made, kept under a key, then read back
        for i, text in enumerate(texts):
            snip = snippets.make(text, terms, key=None if key is None else i)
            assert (snip.text, snip.highlights) == _straight_snippet(text, terms, lem), (query, key, text[:40])


def test_store_snippets_keep_a_bounded_number_of_texts(morph, monkeypatch):
    from svodka.store import snippets as module

    monkeypatch.setattr(module, "TEXTS_LIMIT", 3)
    snippets = module.Snippets(search.Lemmatizer(morph.parse))
    for i in range(10):
        snippets.make(f"Текст номер {i} о бюджете", [("бюджет",)], key=i)
    assert len(snippets._texts) <= 3 and 9 in snippets._texts


def test_store_listing_by_days_keeps_every_form_of_published(store):
    # The newest-first listing bounds ``published`` by the day range (queries._published_bounds):
    # it must keep exactly the articles whose day is in the range, whatever follows the day.
    published = ["2024-03-04T23:59:59+03:00", "2024-03-05", "2024-03-05 08:00", "2024-03-06T00:00:00Z", "2024-03-07", "вчера", None, "2024-03-06"]
    store.add_articles([make_article(f"Заметка {i}", [f"Текст заметки номер {i}."], url=f"https://l.test/{i}", published=p) for i, p in enumerate(published)])
    for lo, hi in [("2024-03-05", "2024-03-06"), ("2024-03-04", None), (None, "2024-03-05"), ("2024-03-06", "2024-03-06"), ("2024-02-30", "2024-02-31")]:
        hits = store.search("", date_from=lo, date_to=hi, limit=50)
        days = {i: p[:10] for i, p in enumerate(published) if p and p[:4] == "2024"}
        expected = {f"Заметка {i}" for i, d in days.items() if (lo is None or d >= lo) and (hi is None or d <= hi)}
        assert {h.title for h in hits} == expected, (lo, hi)
        assert [h.published for h in hits] == sorted((h.published for h in hits), reverse=True)
