"""The analyst's corrections of corpus entities (issue 14): merge, split, alias on both backends.

Each correction shows at once, survives a relink of the whole archive, and holds for a new
article that uses the corrected names. Every article here was written for these tests.
"""

from __future__ import annotations

import pytest

from svodka.errors import EntityError
from svodka.store.corrections import Corrections, form_key
from tests.store.conftest import make_article

pytestmark = pytest.mark.issue(14)


# --- fictional articles ---------------------------------------------------------------------------


def _article(n: int, title: str, text: str, entities: list[dict], *, published: str = "2024-03-1", quotes=()) -> object:
    """A one-paragraph article numbered ``n`` (its own URL and day)."""
    return make_article(title, [text], url=f"https://corr.test/{n}", published=f"{published}{n % 10}", entities=entities, quotes=quotes)


def scholz_full(n: int = 1):
    """The chancellor by his full name, and once in the dative."""
    return _article(
        n, "Канцлер провёл переговоры в Варшаве",
        "Канцлер Олаф Шольц провёл переговоры в Варшаве. Шольцу показали новый мост через реку.",
        [{"id": "T1", "type": "PER", "name": "Олаф Шольц", "first": "Олаф", "last": "Шольц", "roles": ["канцлер"], "forms": ["Олаф Шольц", "Шольцу"]}],
    )


def scholz_surname(n: int = 2):
    """The chancellor by his surname alone."""
    return _article(
        n, "Шольц ответил на вопросы журналистов",
        "Шольц ответил на вопросы журналистов после заседания. Слова Шольца повторили другие газеты.",
        [{"id": "T1", "type": "PER", "name": "Шольц", "last": "Шольц", "forms": ["Шольц", "Шольца"]}],
    )


def org_article(n: int, name: str, written: str | None = None):
    """An article about an organisation named ``name`` (written as ``written``)."""
    written = written or name
    return _article(
        n, f"Заявление: {written}",
        f"Вчера {written} опубликовал заявление о торговле. Представители сообщили, что {written} рассмотрит вопрос снова.",
        [{"id": "T1", "type": "ORG", "name": name, "forms": [written]}],
    )


def person_article(n: int, name: str, *, first=None, last=None, roles=(), quote: str | None = None):
    """An article about one person, maybe quoting them."""
    said = f" «{quote}», — сказал {name}." if quote else ""
    return _article(
        n, f"Новость номер {n}",
        f"Сегодня {name} выступил на заседании совета.{said}",
        [{"id": "T1", "type": "PER", "name": name, "first": first, "last": last, "roles": list(roles), "forms": [name]}],
        quotes=[{"text": quote, "speaker": name, "entity": "T1", "cue": "сказал"}] if quote else (),
    )


def _ids(store, name: str) -> list[int]:
    return store.find_entities(name)


def _one(store, name: str) -> dict:
    """The profile a name leads to (it must lead to one)."""
    profile = store.entity_profile(name)
    assert profile is not None, name
    return profile


def _corrections(store) -> Corrections:
    with store.db.reading() as cur:
        return Corrections.load(cur)


# --- finding an entity by any of its names ------------------------------------------------------


@pytest.mark.parametrize("written", ["Шольцу", "Шольц", "Олаф Шольц", "Шольца", "олаф шольц", "Олафу Шольцу"])
def test_corrections_entity_found_by_any_form(store, written):
    store.add_articles([scholz_full(1), scholz_surname(2)])
    (person,) = store.entities(type="PER")
    assert _ids(store, written)[:1] == [person["id"]]
    assert _one(store, written)["id"] == person["id"]


def test_corrections_aliases_carry_counts_most_used_first(store):
    store.add_articles([scholz_full(1), scholz_surname(2), scholz_surname(3)])
    profile = _one(store, "Шольц")
    assert all(set(a) == {"alias", "n"} for a in profile["aliases"])
    counts = [a["n"] for a in profile["aliases"]]
    assert counts == sorted(counts, reverse=True)
    assert {a["alias"] for a in profile["aliases"]} >= {"Олаф Шольц", "Шольц"}
    (row,) = store.entities(type="PER")
    assert row["aliases"] and {"alias", "n"} == set(row["aliases"][0])


def test_corrections_candidates_of_an_ambiguous_name(store):
    store.add_articles([person_article(1, "Иван Иванов", first="Иван", last="Иванов"), person_article(2, "Пётр Иванов", first="Пётр", last="Иванов")])
    found = store.entity_candidates("Иванов")
    assert {c["name"] for c in found} == {"Иван Иванов", "Пётр Иванов"}
    assert all({"id", "name", "type", "mentions", "articles", "first_seen", "last_seen", "aliases"} <= set(c) for c in found)
    profile = _one(store, "Иванов")
    assert [c["name"] for c in profile["candidates"]] == [c["name"] for c in found if c["id"] != profile["id"]]
    assert _one(store, "Пётр Иванов")["candidates"] == []


# --- merge --------------------------------------------------------------------------------------


def _two_unions(store):
    store.add_articles([org_article(1, "Европейский союз"), org_article(2, "Евросоюз")])
    assert len(store.entities(type="ORG")) == 2


def test_corrections_merge_applies_at_once(store):
    _two_unions(store)
    eu, short = _ids(store, "Европейский союз")[0], _ids(store, "Евросоюз")[0]
    done = store.merge_entities("Европейский союз", "Евросоюз")
    assert done["entity"]["id"] == eu and done["merged"] == [{"id": short, "type": "ORG", "name": "Евросоюз"}]
    (org,) = store.entities(type="ORG")
    assert org["id"] == eu and org["articles"] == 2 and org["mentions"] == 6  # three in each article
    assert _ids(store, "Евросоюза") == [eu] and _ids(store, str(short)) == [eu]  # the old id leads to it too
    profile = _one(store, "Евросоюз")
    assert {a["alias"] for a in profile["aliases"]} == {"Европейский союз", "Евросоюз"}
    assert [(m["old_id"], m["old_name"], m["reason"]) for m in profile["merges"]] == [(short, "Евросоюз", "analyst: merge")]
    assert [(c["action"], c["name"], c["target"]) for c in profile["corrections"]] == [("merge", "Евросоюз", "Европейский союз")]
    assert sum(store.entity_days(eu).values()) == 6
    assert len(store.search("", entity="Евросоюз")) == 2
    assert _corrections(store).joins == {"евросоюз": "Европейский союз"}


def test_corrections_merge_moves_statements_and_roles(store):
    store.add_articles([
        person_article(1, "Пётр Семёнов", first="Пётр", last="Семёнов", roles=["губернатор"]),
        person_article(2, "Петя Семёнов", first="Петя", last="Семёнов", roles=["губернатор области"], quote="Мост через реку откроют к осени этого года"),
    ])
    assert len(store.entities(type="PER")) == 2
    store.merge_entities("Пётр Семёнов", "Петя Семёнов")
    profile = _one(store, "Петя Семёнов")
    assert profile["name"] == "Пётр Семёнов" and profile["articles"] == 2
    assert {r["role"] for r in profile["roles"]} == {"губернатор", "губернатор области"}
    assert [q["speaker_id"] for q in profile["quotes"]] == [profile["id"]]
    assert store.quotes(speaker="Пётр Семёнов")


@pytest.mark.parametrize("a, b, status, words", [
    ("Европейский союз", "Европейский союз", 422, "itself"),
    ("Европейский союз", "Пётр Семёнов", 422, "person"),
    ("Европейский союз", "Никакой Организации", 404, "no such entity"),
    ("Никто Никакович", "Евросоюз", 404, "no such entity"),
])
def test_corrections_merge_refused_with_a_clear_error(store, a, b, status, words):
    _two_unions(store)
    store.add_articles([person_article(3, "Пётр Семёнов", first="Пётр", last="Семёнов")])
    with pytest.raises(EntityError) as caught:
        store.merge_entities(a, b)
    assert caught.value.status == status and words in str(caught.value)
    assert len(store.entities(type="ORG")) == 2  # nothing changed
    assert not _corrections(store)


def test_corrections_ambiguous_name_lists_the_candidates(store):
    store.add_articles([person_article(1, "Иван Иванов", first="Иван", last="Иванов"), person_article(2, "Пётр Иванов", first="Пётр", last="Иванов")])
    with pytest.raises(EntityError) as caught:
        store.merge_entities("Иванов", "Иван Иванов")
    assert caught.value.status == 409
    assert {c["name"] for c in caught.value.candidates} == {"Иван Иванов", "Пётр Иванов"}
    assert "Иван Иванов" in str(caught.value) and "Пётр Иванов" in str(caught.value) and "id" in str(caught.value)
    # by id it is clear
    ivan, petr = _ids(store, "Иван Иванов")[0], _ids(store, "Пётр Иванов")[0]
    store.merge_entities(ivan, str(petr))
    assert [e["id"] for e in store.entities(type="PER")] == [ivan]


# --- alias --------------------------------------------------------------------------------------


def test_corrections_alias_finds_the_entity(store):
    store.add_articles([org_article(1, "Министерство иностранных дел")])
    (mfa,) = store.entities(type="ORG")
    assert _ids(store, "МИД") == []
    done = store.alias_entity("Министерство иностранных дел", "МИД")
    assert done["entity"]["id"] == mfa["id"] and done["alias"] == "МИД" and done["merged"] == []
    assert _ids(store, "МИД") == [mfa["id"]]
    assert {"alias": "МИД", "n": 0} in _one(store, "МИД")["aliases"]  # no article has used it yet
    assert _corrections(store).joins == {"мид": "Министерство иностранных дел"}
    with store.db.reading() as cur:
        cur.execute("SELECT key FROM entity_keys WHERE entity_id = ?", [mfa["id"]])
        assert "мид" in {r[0] for r in cur.fetchall()}


def test_corrections_alias_naming_another_entity_merges_it(store):
    store.add_articles([org_article(1, "Государственная дума"), org_article(2, "Госдума")])
    duma = _ids(store, "Государственная дума")[0]
    done = store.alias_entity(duma, "Госдума")
    assert [m["name"] for m in done["merged"]] == ["Госдума"]
    (org,) = store.entities(type="ORG")
    assert org["id"] == duma and org["articles"] == 2
    assert [m["reason"] for m in _one(store, "Госдума")["merges"]] == ["analyst: alias"]


@pytest.mark.parametrize("name", ["", "  ", "—"])
def test_corrections_alias_needs_a_word(store, name):
    store.add_articles([org_article(1, "Государственная дума")])
    with pytest.raises(EntityError) as caught:
        store.alias_entity("Государственная дума", name)
    assert caught.value.status == 422


# --- split --------------------------------------------------------------------------------------


def _ivanovs(store):
    """Иван Иванов, and a lone "Иванов" the linker took for him (the only Иванов with a first name)."""
    store.add_articles([
        person_article(1, "Иван Иванов", first="Иван", last="Иванов", roles=["мэр"]),
        person_article(2, "Иванов", last="Иванов", roles=["тренер"], quote="Команда готова к финалу и победит в этом сезоне"),
        person_article(3, "Иван Иванов", first="Иван", last="Иванов"),
    ])
    (person,) = store.entities(type="PER")
    assert person["articles"] == 3
    return person


def test_corrections_split_applies_at_once(store):
    ivan = _ivanovs(store)
    done = store.split_entity("Иван Иванов", "иванов")
    new = done["split"]
    assert done["entity"]["id"] == ivan["id"] and done["entity"]["articles"] == 2 and done["articles"] == 1
    assert new["name"] == "Иванов" and new["type"] == "PER" and new["articles"] == 1 and new["mentions"] == 2
    assert {e["name"] for e in store.entities(type="PER")} == {"Иван Иванов", "Иванов"}
    lone = _one(store, str(new["id"]))
    assert [r["role"] for r in lone["roles"]] == ["тренер"] and [q["speaker_id"] for q in lone["quotes"]] == [new["id"]]
    assert [a["alias"] for a in lone["aliases"]] == ["Иванов"]
    kept = _one(store, str(ivan["id"]))
    assert [r["role"] for r in kept["roles"]] == ["мэр"] and kept["quotes"] == []
    assert "Иванов" not in {a["alias"] for a in kept["aliases"]}
    assert sum(store.entity_days(new["id"]).values()) == 2 and sum(store.entity_days(ivan["id"]).values()) == 2
    assert _ids(store, "Иванов")[0] == new["id"]  # the exact name first
    assert _corrections(store).apart == {"иванов"}


@pytest.mark.parametrize("form, words", [("Пётр Иванов", "never named so"), ("Иван Иванов", "nothing would stay")])
def test_corrections_split_refused_with_a_clear_error(store, form, words):
    store.add_articles([person_article(1, "Иван Иванов", first="Иван", last="Иванов")])
    with pytest.raises(EntityError) as caught:
        store.split_entity("Иван Иванов", form)
    assert caught.value.status == 422 and words in str(caught.value)
    assert not _corrections(store)


# --- corrections survive a relink and new articles ------------------------------------------------


def test_corrections_relink_rebuilds_entities_and_keeps_stories(store):
    store.add_articles([scholz_full(1), scholz_surname(2), org_article(3, "Евросоюз")])
    before = {(e["type"], e["name"], e["articles"], e["mentions"]) for e in store.entities()}
    stories = {a: store.article(a).extras["store"]["story"] for a in (1, 2, 3)}
    assert store.relink() == 3
    assert {(e["type"], e["name"], e["articles"], e["mentions"]) for e in store.entities()} == before
    assert {a: store.article(a).extras["store"]["story"] for a in (1, 2, 3)} == stories
    assert store.stats()["pending"] == 0
    assert _one(store, "Шольцу")["name"] == "Олаф Шольц"


def test_corrections_merge_survives_relink_and_new_articles(store):
    _two_unions(store)
    store.merge_entities("Европейский союз", "Евросоюз")
    store.relink()
    (org,) = store.entities(type="ORG")
    assert org["name"] == "Европейский союз" and org["articles"] == 2
    assert _ids(store, "Евросоюз") == [org["id"]]
    store.add_articles([org_article(4, "Евросоюз"), org_article(5, "Европейский союз")])
    (org,) = store.entities(type="ORG")
    assert org["articles"] == 4


def test_corrections_person_merge_survives_relink_and_new_articles(store):
    store.add_articles([person_article(1, "Пётр Семёнов", first="Пётр", last="Семёнов"), person_article(2, "Петя Семёнов", first="Петя", last="Семёнов")])
    store.merge_entities("Пётр Семёнов", "Петя Семёнов")
    store.relink()
    assert [(e["name"], e["articles"]) for e in store.entities(type="PER")] == [("Пётр Семёнов", 2)]
    store.add_articles([person_article(3, "Петя Семёнов", first="Петя", last="Семёнов")])
    assert [(e["name"], e["articles"]) for e in store.entities(type="PER")] == [("Пётр Семёнов", 3)]


def test_corrections_split_survives_relink_and_new_articles(store):
    _ivanovs(store)
    store.split_entity("Иван Иванов", "Иванов")
    store.relink()
    people = {e["name"]: e["articles"] for e in store.entities(type="PER")}
    assert people == {"Иван Иванов": 2, "Иванов": 1}
    lone = _one(store, "Иванов")
    assert lone["name"] == "Иванов" and [q["speaker_id"] for q in lone["quotes"]] == [lone["id"]]
    store.add_articles([person_article(4, "Иванов", last="Иванов"), person_article(5, "Иван Иванов", first="Иван", last="Иванов")])
    people = {e["name"]: e["articles"] for e in store.entities(type="PER")}
    assert people == {"Иван Иванов": 3, "Иванов": 2}


def test_corrections_alias_survives_relink_and_new_articles(store):
    store.add_articles([org_article(1, "Министерство иностранных дел")])
    store.alias_entity("Министерство иностранных дел", "МИД")
    store.relink()
    (mfa,) = store.entities(type="ORG")
    assert _ids(store, "МИД") == [mfa["id"]]
    store.add_articles([org_article(2, "МИД")])
    (mfa,) = store.entities(type="ORG")
    assert mfa["name"] == "Министерство иностранных дел" and mfa["articles"] == 2


def test_corrections_later_correction_of_a_name_wins(store):
    _ivanovs(store)
    store.split_entity("Иван Иванов", "Иванов")
    store.merge_entities("Иван Иванов", "Иванов")
    assert _corrections(store).apart == set() and _corrections(store).joins == {"иванов": "Иван Иванов"}
    store.relink()
    assert [(e["name"], e["articles"]) for e in store.entities(type="PER")] == [("Иван Иванов", 3)]


def test_corrections_drop_other_writers_entity_caches(open_backend, tmp_path):
    """A correction made by one Store is seen by another Store's linker (the 'entities' token)."""
    one = open_backend("sqlite")
    other = open_backend("sqlite")
    one.add_articles([org_article(1, "Европейский союз"), org_article(2, "Евросоюз")])
    other.add_articles([org_article(3, "Евросоюз")])  # other's cache now holds both unions
    one.merge_entities("Европейский союз", "Евросоюз")
    other.add_articles([org_article(4, "Европейский союз")])
    (org,) = other.entities(type="ORG")
    assert org["name"] == "Европейский союз" and org["articles"] == 4


def test_corrections_form_key_compares_names_loosely():
    assert form_key("  Олаф   ШОЛЬЦ ") == form_key("олаф шольц") == "олаф шольц"
    assert form_key("Пётр Семёнов") == form_key("Петр Семенов")
