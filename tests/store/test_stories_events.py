"""Stories as events (issue 17): the time bound, commentary, joining a story as a whole, and
what a story shows (outlets, the first outlet, growth, statements). Articles built by hand."""

from __future__ import annotations

import pytest

from svodka.store.database import select_in
from svodka.store.events import is_commentary

from .conftest import make_article
from .test_store import BRIDGE, GORDEEV, LAPTEVA, TRAM_A, TRAM_B, TRAM_CO, _bridge, _story_ids, _tram

BRIDGE_TITLE = "Новый мост через Сосновку открыт для движения"

pytestmark = pytest.mark.issue(17)

# An explainer of the tram deal by the team: the same people, the topic's background, no news.
TRAM_EXPLAINER = [
    "Трамвайная сеть Озёрска строилась в шестидесятые годы, и с тех пор вагонный парк обновлялся лишь дважды.",
    "Что известно о компании? «Северный трамвай» выпускает вагоны с 2012 года, ее возглавляет Инна Лаптева.",
    "Почему город решился на закупку? Мэр Павел Гордеев не раз говорил, что половина вагонов старше сорока лет.",
    "Чем это обернется для пассажиров? Эксперты ждут, что интервалы сократятся, но тарифы могут вырасти.",
]


@pytest.mark.parametrize("title, text, commentary", [
    ("Озёрск обновит трамвайный парк", "Мэр Озёрска 12 марта подписал соглашение о поставке вагонов.", False),
    ("Почему Озёрск меняет трамваи", "", True),
    ("Трамваи Озёрска: что известно о новой закупке", "", True),
    ("Мнение: городу нужны не вагоны, а новые рельсы", "", True),
    ("Дойдут ли новые трамваи до окраин?", "", True),
    ("Новые трамваи Озёрска", "Что случилось?\nГород закупит вагоны.\nСколько это стоит?\nЧетыре миллиарда.", True),
    ("Новые трамваи Озёрска", "Вагоны выйдут на линии весной. Зачем-то мэр промолчал о цене.", False),
])
def test_events_is_commentary(title, text, commentary):
    assert is_commentary(title, text) is commentary


# News headlines the team wrote: a quoted question or word is someone's speech, a rubric word
# in a sentence is news (none is commentary).
NEWS_HEADLINES = [
    "«Кто ответит за сорванный отопительный сезон?» — губернатор потребовал отставки главы ЖКХ",
    "Мэр Энска на встрече с жителями: «Почему дороги ремонтируют зимой?»",
    "«Зачем нам такой мост?»: жители Заречья вышли на митинг против стройки",
    "Глава МИД Армении: «Мы готовы к переговорам, но где гарантии?»",
    "Вице-премьер: «Что будет с ценами на бензин, решит рынок»",
    "Разбор завалов на месте обрушения дома в Северогорске продолжается вторые сутки",
    "Суд учел мнение потерпевших и назначил бывшему главе района реальный срок",
    "Песков дал комментарий по поводу задержания журналиста в Минске",
    "Колонка бензовозов перекрыла трассу М-4 после аварии под Ростовом",
    "Минтранс объяснил, как работает новая система оплаты проезда",
    "Итоги года подвел президент на большой пресс-конференции",
    "Точка зрения министра не изменилась: пошлины на зерно сохранят",
    "Эксперты разошлись во мнениях о причинах аварии на подстанции",
    "Центробанк сохранил ключевую ставку на уровне 16%",
    "Футболисты «Зенита» обыграли «Спартак» со счётом 2:1",
    "Губернатор объявил режим ЧС из-за паводка в трёх районах",
]
COMMENTARY_HEADLINES = [
    "Взрыв в Энске: что известно к этому часу",
    "Взрыв в Энске - что известно",
    "Колонка Ивана Петрова: городу нужны рельсы, а не вагоны",
    "Выборы в Энске: мнение эксперта",
    "Объясняем, что изменится с 1 марта",
    "Почему «Зенит» проиграл «Спартаку»",
    "Стив Джобс уходит. Что ждет «Яблоко»",
]


@pytest.mark.parametrize("title", NEWS_HEADLINES)
def test_events_news_headline_is_not_commentary(title):
    assert not is_commentary(title, "Губернатор подписал указ во вторник.\nДокумент вступает в силу сразу.")


@pytest.mark.parametrize("title", COMMENTARY_HEADLINES)
def test_events_commentary_headline(title):
    assert is_commentary(title, "")


def test_events_report_quoting_questions_is_not_commentary():
    """Witnesses' questions in a report (direct speech after a dash) are not a Q&A layout."""
    body = "Жители собрались у здания администрации.\n— Где были власти?\nСпросила пенсионерка Ирина Петрова.\n— Кто заплатит за ремонт?\nМэр обещал ответить."
    assert not is_commentary("Жители Заречья пришли к мэрии", body)


def test_store_stories_are_bounded_in_time(store):
    """Reports of the 14th, 15th and 18th: the third is past EVENT_DAYS from the first; the
    topic rules (events=False) chain it in."""
    ids = store.add_articles([_bridge("Заречные вести", 1, published="2024-05-14")]).ids
    ids += store.add_articles([_bridge("Речной курьер", 2, (1, "почти восемьсот", "около 790"), published="2024-05-15")]).ids
    ids += store.add_articles([_bridge("Область сегодня", 3, (3, "давно требует ремонта", "нуждается в ремонте"), published="2024-05-18")]).ids
    first, second, late = _story_ids(store, ids)
    assert first is not None and first == second and late is None
    store.recluster(events=False)
    assert len(set(_story_ids(store, ids))) == 1
    assert store.recluster() == 1 and _story_ids(store, ids)[2] is None


def test_store_stories_explainer_does_not_join_the_news(store):
    ents = [GORDEEV, LAPTEVA, TRAM_CO]
    ids = store.add_articles([_tram(1, TRAM_A, ents)]).ids
    ids += store.add_articles([_tram(2, TRAM_B, ents)]).ids
    ids += store.add_articles([_tram(3, TRAM_EXPLAINER, ents, title="Почему Озёрск меняет трамваи: что известно")]).ids
    a, b, explainer = _story_ids(store, ids)
    assert a is not None and a == b and explainer is None


@pytest.mark.parametrize("outlets, published, first", [
    (["Заречные вести", "Речной курьер"], ["2024-05-14T09:00", "2024-05-14T11:30"], "Заречные вести"),
    ([None, None], ["2024-05-14T09:00", "2024-05-14T11:30"], None),  # the issue's "0 изданий", "первым" on nobody
    ([None, "Речной курьер"], ["2024-05-14T09:00", "2024-05-14T11:30"], None),  # the unknown outlet was first
    (["Заречные вести", None], ["2024-05-14T09:00", "2024-05-14T11:30"], "Заречные вести"),
    (["Заречные вести", "Речной курьер"], [None, "2024-05-14T11:30"], None),  # an undated one may have been first
    (["Заречные вести", "Речной курьер"], ["2024-05-14T09:00+06:00", "2024-05-14T05:00+03:00"], "Речной курьер"),  # 02:00 UTC before 03:00 UTC
    (["Заречные вести", "Речной курьер"], ["2024-05-14T09:00", "2024-05-14T09:00"], None),  # a tie names nobody
    (["Речной курьер", "Заречные вести"], ["2024-05-14T09:00+03:00", "2024-05-14T06:00+00:00"], None),  # the same instant in two zones
    (["Заречные вести", "Заречные вести"], ["2024-05-14T09:00", "2024-05-14T09:00"], "Заречные вести"),  # one outlet twice: it was first
    (["Заречные вести", "Речной курьер"], ["2024-05-14", "2024-05-14T09:00"], None),  # a bare day is not midnight
    (["Заречные вести", "Речной курьер"], ["2024-05-13", "2024-05-14T09:00"], "Заречные вести"),  # a day before is first
])
def test_store_story_outlets_and_first(store, outlets, published, first):
    arts = []
    for n, (outlet, when) in enumerate(zip(outlets, published), 1):
        art = _bridge(outlet or "x", n, (1, "почти восемьсот", f"почти {n}00") if n > 1 else None, published=when)
        art.source = outlet
        arts.append(art)
    store.add_articles(arts)
    (listed,) = store.stories()
    story = store.story(listed["id"])
    known = [o for o in outlets if o]
    assert sorted(story["outlets"]) == sorted(set(known)) and story["sources"] == len(set(known))
    assert story["unknown_sources"] == outlets.count(None)
    assert (story["first"] or {}).get("source") == first
    assert [a["first"] for a in story["articles"]].count(True) == (1 if first else 0)
    assert listed["first"] == story["first"]


def test_store_story_growth_and_statements(store):
    arts = [_bridge("Заречные вести", 1, published="2024-05-14T09:10"), _bridge("Речной курьер", 2, (1, "почти восемьсот", "около 790"), published="2024-05-14T11:40")]
    store.add_articles(arts)
    (listed,) = store.stories()
    story = store.story(listed["id"])
    assert story["growth"] == {"step": "hour", "bars": [{"start": "2024-05-14T09:00", "articles": 1}, {"start": "2024-05-14T10:00", "articles": 0}, {"start": "2024-05-14T11:00", "articles": 1}]}
    assert isinstance(story["statements"], list)
    assert store.story(listed["id"] + 100) is None


def _dated_bridge(n: int, day: str | None, stated: str | None):
    """An outlet's bridge report published on ``day`` (None: undated) whose text names ``stated``."""
    art = _bridge(f"Газета {n}", n, (1, "почти восемьсот", f"почти {n}00"), published=day)
    if stated:
        art = make_article(art.title, BRIDGE[:4] + [f"Мост открыли {stated}, сообщил губернатор."], source=art.source, url=art.url, published=day,
                           dates=[{"text": stated, "from": STATED[stated]}])
    return art


STATED = {"14 мая": "2024-05-14", "15 мая": "2024-05-15", "19 мая": "2024-05-19"}


def test_store_stories_bound_undated_by_stated_day_across_batches(store):
    """Undated reports are placed by the day their text names, also when the story's members
    were stored in earlier batches (the span read back from the archive): the one naming the
    19th is past EVENT_DAYS from the 14th."""
    ids = []
    for n, stated in enumerate(["14 мая", "15 мая", "19 мая"], 1):
        ids += store.add_articles([_dated_bridge(n, None, stated)]).ids
    first, second, late = _story_ids(store, ids)
    assert first is not None and first == second and late is None
    assert store.recluster() == 1 and _story_ids(store, ids)[2] is None


def test_store_stories_span_read_does_not_grow_with_the_story(store, monkeypatch):
    """A reprint storm: adding one article to a story reads as many rows whatever the story's
    size (the story's span is one aggregated row, not its members)."""
    from svodka.store import events

    read: list[int] = []

    def counting(cur, sql, values, params=()):
        rows = select_in(cur, sql, values, params)
        read.append(len(rows))
        return rows

    def storm(n: int) -> int:
        store.add_articles([make_article(BRIDGE_TITLE, BRIDGE + [f"Сообщение номер {n}."], source=f"Газета {n}", url=f"https://{n}.test/storm", published="2024-05-14")])
        return n

    for n in range(1, 61):
        storm(n)
    monkeypatch.setattr(events, "select_in", counting)
    storm(1000)
    at_60 = sum(read)
    monkeypatch.setattr(events, "select_in", select_in)
    for n in range(61, 121):
        storm(n)
    read.clear()
    monkeypatch.setattr(events, "select_in", counting)
    storm(1001)
    assert sum(read) == at_60
    (listed,) = store.stories(limit=1)
    assert listed["size"] == 122


def test_store_stories_undated_story_lists_last_on_every_backend(store):
    """Stories of one size: the dated one first, the undated one after it (PostgreSQL sorts
    NULL first in a descending order, SQLite last)."""
    ents = [GORDEEV, LAPTEVA, TRAM_CO]
    store.add_articles([_tram(1, TRAM_A, ents, published=None), _tram(2, TRAM_B, ents, published=None)])
    store.add_articles([_bridge("Заречные вести", 3, published="2024-05-14"), _bridge("Речной курьер", 4, (1, "почти восемьсот", "около 790"), published="2024-05-14")])
    listed = store.stories()
    assert [s["size"] for s in listed] == [2, 2]
    assert listed[0]["last_published"] == "2024-05-14" and listed[1]["last_published"] is None


KRYLOV = {"id": "T9", "type": "PER", "name": "Виктор Крылов", "first": "Виктор", "last": "Крылов"}


@pytest.mark.parametrize("order", ["bridge, tram, digest", "bridge, digest, tram", "digest, bridge, tram"])
def test_store_stories_digest_of_two_events_does_not_join_them(store, order):
    """A digest reprinting a bridge opening and a tram deal is confirmed with both; stored
    last, it brought both (two articles in no story) into one story: in every order the two
    events stay apart."""
    made = {
        "bridge": lambda: make_article(BRIDGE_TITLE, BRIDGE, source="Заречные вести", url="https://a.test/1", published="2024-03-12", entities=[KRYLOV]),
        "tram": lambda: _tram(2, TRAM_A, [GORDEEV, LAPTEVA, TRAM_CO]),
        "digest": lambda: make_article("Главное за день", BRIDGE + TRAM_A, source="Дайджест", url="https://c.test/1", published="2024-03-12",
                                       entities=[KRYLOV, GORDEEV, LAPTEVA, TRAM_CO]),
    }
    ids = {name: store.add_articles([made[name]()]).ids[0] for name in order.split(", ")}
    story = dict(zip(ids, _story_ids(store, list(ids.values()))))
    assert story["bridge"] is None or story["bridge"] != story["tram"]
    store.recluster()
    story = dict(zip(ids, _story_ids(store, list(ids.values()))))
    assert story["bridge"] is None or story["bridge"] != story["tram"]


def test_store_stories_loners_of_one_event_join_together(store):
    """Two reports of the tram deal stored apart (no pair between them: a rewritten pair the
    finders miss is the same here) and a third confirmed with both: all three in one story."""
    from svodka.store import events

    confirmed = {3: [1, 2]}
    story_of: dict = {1: None, 2: None, 3: None}
    with store.db.write() as cur:
        events.join_events(cur, confirmed, story_of, 1, related=lambda a, b: True)
    assert story_of == {1: 1, 2: 1, 3: 1}
    story_of = {1: None, 2: None, 3: None}
    with store.db.write() as cur:
        events.join_events(cur, confirmed, story_of, 1, related=lambda a, b: False)
    assert story_of[3] == story_of[1] == 1 and story_of[2] is None


@pytest.mark.parametrize("outlets, published, first", [
    (["Заречные вести", "Речной курьер"], ["2024-05-14T08:00+06:00", "2024-05-14T06:00+03:00"], "Заречные вести"),  # 02:00 UTC before 03:00 UTC
    ([None, "Речной курьер"], ["2024-05-14T08:00", "2024-05-14T09:00"], None),  # the unknown outlet was first
])
def test_store_digest_names_the_first_outlet_as_the_story_page(store, outlets, published, first):
    """The digest's 'первым' follows the story page's rule: by the instant, nobody when not known
    (it compared the time strings and wrote 'первым источник неизвестен')."""
    from svodka.digest import render_html, render_markdown

    arts = []
    for n, (outlet, when) in enumerate(zip(outlets, published), 1):
        art = _bridge(outlet or "x", n, (1, "почти восемьсот", f"почти {n}00") if n > 1 else None, published=when)
        art.source = outlet
        arts.append(art)
    store.add_articles(arts)
    (listed,) = store.stories()
    data = store.digest(day="2024-05-14")
    named = data["stories"][0]["first"]
    assert (store.story(listed["id"])["first"] or {}).get("source") == first
    assert named["known"] is (first is not None) and named["source"] == first
    html, md = render_html(data), render_markdown(data)
    assert "источник неизвестен" not in html + md
    assert ("кто первым, неизвестно" in html and "кто первым, неизвестно" in md) is (first is None)
