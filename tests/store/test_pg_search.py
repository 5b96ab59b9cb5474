"""PostgreSQL search: the ranking reads tsvectors through the GIN index only, and the search table's filter columns."""

from __future__ import annotations

import pytest

from svodka.store import open_store, postgres, schema
from tests.store.conftest import make_article
from tests.store.old_schema import SEARCH_TABLE_VERSION

# The outlets the notes alternate between (even, odd).
SOURCES = ["Вечерний Тест", "Речной курьер"]


def note(i: int):
    """A short fictional article ``i`` on a road repair; odd ones quote the mayor."""
    quoted = i % 2 == 1
    text = f"Мэр заявил, что ремонт дороги номер {i} завершат к осени." + (" «Работы идут по графику», — сказал мэр." if quoted else "")
    quotes = [{"text": "Работы идут по графику", "speaker": "мэр"}] if quoted else []
    return make_article(
        f"Ремонт дороги номер {i}", [text], url=f"https://p.test/{i}", source=SOURCES[i % 2], published=f"2024-05-{1 + i % 28:02d}", quotes=quotes
    )


@pytest.fixture
def pg(open_backend):
    """A fresh PostgreSQL store (skipped without SVODKA_TEST_DATABASE_URL)."""
    return open_backend("postgresql")


def test_postgres_search_ranks_through_the_gin_index_only(pg, monkeypatch):
    pg.add_articles([note(i) for i in range(40)])
    with pg.db.write() as cur:
        cur.execute("ANALYZE")
    plans = []
    execute = postgres._Cursor.execute

    def explain_first(self, sql, params=()):
        if "FROM article_search" in sql:
            execute(self, "EXPLAIN " + sql, params)
            plans.append("\n".join(r[0] for r in self.fetchall()))
        execute(self, sql, params)

    monkeypatch.setattr(postgres._Cursor, "execute", explain_first)
    # A word in every article: on 40 rows the planner would scan the table (and read
    # every tsvector); the ranking statement rules that out.
    assert len(pg.search("ремонт", limit=5)) == 5
    assert plans and all("Seq Scan" not in p for p in plans)
    assert "Bitmap Index Scan on article_search_tsv" in plans[0]


def test_postgres_search_table_copies_the_filter_columns(pg):
    pg.add_articles([note(i) for i in range(6)])
    differ = pg.db.execute(
        "SELECT COUNT(*) FROM articles a JOIN article_search s ON s.id = a.id "
        "WHERE (s.source_id, s.day, s.n_quotes) IS DISTINCT FROM (a.source_id, a.day, a.n_quotes)"
    )
    assert differ[0][0] == 0 and pg.db.execute("SELECT COUNT(*) FROM article_search")[0][0] == 6
    hits = pg.search("ремонт", source="Речной курьер", date_from="2024-05-03", has_quote=True)
    assert sorted(h.title for h in hits) == ["Ремонт дороги номер 3", "Ремонт дороги номер 5"]


def test_postgres_search_table_migrates_with_its_rows(old_archive, parse):
    old = old_archive("postgresql", SEARCH_TABLE_VERSION - 1, [note(i) for i in range(6)])  # into the search table of version 1
    new = open_store(old.url, schema=old.schema)
    new.use_parse(parse)
    try:
        assert new.schema_version() == schema.LATEST_VERSION
        assert len(new.search("ремонт дороги")) == 6
        assert [h.title for h in new.search("дороги номер 4")] == ["Ремонт дороги номер 4"]
        assert [h.title for h in new.search("ремонт", source="Речной курьер", has_quote=False)] == []
        assert len(new.search("ремонт", source="Речной курьер", has_quote=True)) == 3
        new.add_articles([note(6)])  # new rows go in with their filter columns
        assert [h.title for h in new.search("ремонт", date_from="2024-05-07")] == ["Ремонт дороги номер 6"]
    finally:
        new.close()
