"""The language of articles in the archive (issue 16): stored, filtered on, counted, found in an old archive.

The texts are the team's own, written for these tests.
"""

from __future__ import annotations

import pytest

from svodka.store import open_store, schema

from .conftest import make_article

# A Ukrainian and an Uzbek news item, and a Russian one.
UKRAINIAN = ["Уряд затвердив нову програму ремонту доріг. За словами міністра, роботи почнуться вже цього тижня і триватимуть до осені."]
UZBEK = ["Тошкентда янги мост қурилиши бошланди. Бу ҳақда шаҳар ҳокимлиги хабар берди, шунингдек қурилиш икки йил давом этиши маълум қилинди."]
RUSSIAN = ["Правительство утвердило новую программу ремонта дорог. По словам министра, работы начнутся уже на этой неделе и продлятся до осени."]


def _articles():
    ru = make_article("Программа ремонта дорог", RUSSIAN, url="https://t.test/ru", entities=[{"id": "e1", "type": "PER", "name": "Иван Петров", "forms": ["министра"]}])
    uk = make_article("Програма ремонту доріг", UKRAINIAN, url="https://t.test/uk")
    uz = make_article("Тошкентда янги мост", UZBEK, url="https://t.test/uz")
    uk.language, uz.language = "uk", "uz"
    return [ru, uk, uz]


@pytest.mark.issue(16)
def test_store_language_stored_counted_and_filtered(store):
    added = store.add_articles(_articles())
    assert added.stored == 3 and added.languages == {"ru": 1, "uk": 1, "uz": 1}
    assert store.stats()["articles_by_language"] == {"ru": 1, "uk": 1, "uz": 1}
    assert {store.article(i).language for i in added.ids} == {"ru", "uk", "uz"}
    # a word search and a listing without words, on each language
    assert [h.title for h in store.search("програма", lang="uk")] == ["Програма ремонту доріг"]
    assert store.search("програма", lang="ru") == []
    assert [h.title for h in store.search("", lang="uz")] == ["Тошкентда янги мост"]
    assert [h.title for h in store.search("программа", lang="ru")] == ["Программа ремонта дорог"]
    assert len(store.search("")) == 3 and store.search("", lang="und") == []
    assert [h.title for h in store.search("", lang="ru", source="Вечерний Тест")] == ["Программа ремонта дорог"]


@pytest.mark.issue(16)
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_store_language_migration_reads_old_articles(old_archive, morph, backend):
    """An archive made before v11 took every article for Russian: the migration reads each
    text's language, and the old analysis of one in another language is no longer linked."""
    ru, uk, _ = _articles()
    uk.language = "ru"  # as svodka stored it then, analysed as Russian
    uk.entities = make_article("Програма ремонту доріг", UKRAINIAN, entities=[{"id": "e1", "type": "PER", "name": "За словами", "forms": ["За словами"]}]).entities
    old = old_archive(backend, 5, [ru, uk])
    target = old.path if backend == "sqlite" else old.url
    options = {} if backend == "sqlite" else {"schema": old.schema}
    new = open_store(target, **options)
    new.use_parse(morph.parse)
    try:
        assert new.schema_version() == schema.LATEST_VERSION
        assert dict(new.db.execute("SELECT url, language FROM articles")) == {"https://t.test/ru": "ru", "https://t.test/uk": "uk"}
        assert new.link_pending() == 2
        assert [e["name"] for e in new.entities()] == ["Иван Петров"]
        uk_id = new.db.execute("SELECT id FROM articles WHERE language = 'uk'")[0][0]
        assert new.article(uk_id).entities == [] and new.article(uk_id).language == "uk"
        assert [h.title for h in new.search("програма", lang="uk")] == ["Програма ремонту доріг"]
    finally:
        new.close()
