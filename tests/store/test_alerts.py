"""Watchlists and alerts (issue 17): once per story, not once per reprint; statements; growth."""

from __future__ import annotations

import pytest

from svodka.errors import WatchlistError
from svodka.store import alerts as alerts_mod

from .conftest import make_article

pytestmark = pytest.mark.issue(17)

# A report the outlets reprint (a reprint changes its headline and a closing line only).
FERRY = (
    "Глава Озёрского района Ирина Воронцова заявила, что паромная переправа через Светлое озеро откроется в понедельник. "
    "По её словам, «паром будет ходить каждые два часа до поздней осени». Для жителей прибрежных сёл переправа остаётся "
    "единственной дорогой к районному центру, а в прошлом году её закрывали на ремонт причалов почти на месяц."
)
# Another event with the same person, in other words.
SCHOOL = (
    "В селе Камышовка после ремонта открылась школа на двести учеников. На открытии побывала глава района Ирина Воронцова, "
    "которая пообещала, что к зиме в школе заменят окна и построят новую котельную для всего села."
)
VORONTSOVA = {"id": "T1", "type": "PER", "name": "Ирина Воронцова", "first": "Ирина", "last": "Воронцова", "forms": ["Ирина Воронцова"]}
STATEMENT = "паром будет ходить каждые два часа до поздней осени"


def ferry(n: int, published: str, *, quote: bool = True):
    """The ferry report as printed by outlet ``n``."""
    return make_article(
        f"Переправа через Светлое озеро откроется в понедельник ({n})",
        [FERRY, f"Источник: редакция номер {n}."],
        source=f"Озёрный вестник {n}", url=f"https://ov{n}.example/parom", published=published,
        entities=[VORONTSOVA],
        quotes=[{"text": STATEMENT, "speaker": "Ирина Воронцова", "entity": "T1", "cue": "по её словам", "kind": "direct"}] if quote else [],
    )


def school(published: str = "2024-03-29T09:00:00"):
    return make_article(
        "В Камышовке открылась школа", [SCHOOL], source="Камышовская правда", url="https://kp.example/shkola", published=published, entities=[VORONTSOVA]
    )


def stored(store, articles) -> list[int]:
    """Store a batch and check it as ingest does; the new article ids."""
    ids = store.add_articles(articles).ids
    return ids


def test_alerts_story_once_per_story_not_per_reprint(store):
    store.add_watchlist("ozersk", entities=["Воронцова"])
    first = stored(store, [ferry(1, "2024-03-28T08:00:00")])
    new = store.check_alerts(first)
    assert [(a["kind"], a["article_id"], a["watchlist"]) for a in new] == [("story", first[0], "ozersk")]
    reprint = stored(store, [ferry(2, "2024-03-28T08:30:00")])
    assert store.article(reprint[0]).extras["store"]["story"] is not None  # the reprint joined the first one's story
    assert store.check_alerts(reprint) == []
    other = stored(store, [school()])
    assert [a["kind"] for a in store.check_alerts(other)] == ["story"]
    listed = store.alerts("ozersk")
    assert [a["article_id"] for a in listed] == [other[0], first[0]]  # newest first
    assert listed[0]["title"] == "В Камышовке открылась школа" and listed[0]["source"] == "Камышовская правда"


def test_alerts_statement_by_watched_speaker_once(store):
    store.add_watchlist("speaker", speakers=["Ирина Воронцова"])
    ids = stored(store, [ferry(1, "2024-03-28T08:00:00")])
    new = store.check_alerts(ids)
    assert [a["kind"] for a in new] == ["statement"]
    assert STATEMENT in new[0]["detail"] and new[0]["detail"].startswith("Ирина Воронцова")
    assert new[0]["quote_id"] is not None
    # the same statement reprinted, in the same batch as an article without it: no new alert
    assert store.check_alerts(stored(store, [ferry(2, "2024-03-28T08:10:00"), school()])) == []


def test_alerts_query_in_any_form_and_nothing_else(store):
    store.add_watchlist("school", queries=["новая котельная"])
    ids = stored(store, [ferry(1, "2024-03-28T08:00:00"), school()])
    new = store.check_alerts(ids)
    assert [(a["kind"], a["article_id"], a["term"]) for a in new] == [("story", ids[1], "query: новая котельная")]


def test_alerts_growth_once_when_a_story_speeds_up(store):
    store.add_watchlist("ozersk", entities=["Ирина Воронцова"])
    # two articles a day apart, then five within one hour
    early = stored(store, [ferry(1, "2024-03-26T08:00:00"), ferry(2, "2024-03-27T08:00:00")])
    assert [a["kind"] for a in store.check_alerts(early)] == ["story"]
    burst = stored(store, [ferry(n, f"2024-03-28T10:{10 * n - 20:02d}:00") for n in range(3, 8)])
    new = store.check_alerts(burst)
    assert [a["kind"] for a in new] == ["growth"]
    assert new[0]["detail"].startswith("5 статей за час") and new[0]["article_id"] == burst[-1]
    assert store.check_alerts(stored(store, [ferry(8, "2024-03-28T10:55:00")])) == []  # once per story


@pytest.mark.parametrize(
    "times, fast",
    [
        (["2024-03-28T10:00", "2024-03-28T10:10", "2024-03-28T10:20", "2024-03-28T10:30"], True),  # a new story, four in its first hour
        (["2024-03-28T10:00", "2024-03-28T10:10", "2024-03-28T10:20"], False),  # too few
        ([f"2024-03-{d:02d}T{h:02d}:{m:02d}" for d in range(20, 28) for h in range(24) for m in (0, 30)] + ["2024-03-28T00:10", "2024-03-28T00:20", "2024-03-28T00:30", "2024-03-28T00:40"], False),  # two an hour usually
        (["2024-03-28", "2024-03-28", "2024-03-28", "2024-03-28"], False),  # days without a time do not count
    ],
)
def test_alerts_growth_measure(times, fast):
    assert (alerts_mod.growth(times) is not None) is fast


def test_alerts_watchlists_add_list_remove(store):
    store.add_watchlist("kz", entities=["Кайрат Абдрахманов"], webhook="http://127.0.0.1:9/hook")
    store.add_watchlist("kz", speakers=["Абдрахманов"])  # adds a term
    (row,) = store.watchlists()
    assert row["name"] == "kz" and row["webhook"] == "http://127.0.0.1:9/hook" and row["alerts"] == 0
    assert row["terms"] == [{"kind": "entity", "value": "Кайрат Абдрахманов"}, {"kind": "speaker", "value": "Абдрахманов"}]
    assert store.remove_watchlist("kz")["name"] == "kz"
    assert store.watchlists() == []
    with pytest.raises(WatchlistError) as e:
        store.remove_watchlist("kz")
    assert e.value.status == 404


@pytest.mark.parametrize(
    "name, terms, message",
    [
        ("a/b", {"entities": ["X"]}, "letters, digits"),
        ("..", {"entities": ["X"]}, "not beginning with"),  # a dot segment: never deletable over HTTP
        (".", {"entities": ["X"]}, "not beginning with"),
        ("-x", {"entities": ["X"]}, "not beginning with"),
        ("new", {}, "needs a term"),
        ("hook", {"entities": ["X"], "webhook": "file:///etc/passwd"}, "not an http"),
        ("hook", {"entities": ["X"], "webhook": "http://xn--/"}, "not an http"),  # no host the sender can read
        ("hook", {"entities": ["X"], "webhook": "http://:80/"}, "not an http"),
        ("hook", {"entities": ["X"], "webhook": "http://[::1/"}, "not an http"),
        ("long", {"queries": ["слово " * 50]}, "1-200 characters"),
    ],
)
def test_alerts_watchlist_refused(store, name, terms, message):
    with pytest.raises(WatchlistError, match=message):
        store.add_watchlist(name, **terms)
    assert store.watchlists() == []


def test_alerts_removing_a_watchlist_removes_its_alerts(store):
    store.add_watchlist("ozersk", entities=["Воронцова"])
    store.check_alerts(stored(store, [ferry(1, "2024-03-28T08:00:00")]))
    assert len(store.alerts()) == 1
    store.remove_watchlist("ozersk")
    assert store.alerts() == []


def test_alerts_digest_of_a_day(store):
    """The day's stories by outlets, the first outlet, the statements, and the person whose mentions rose."""
    store.add_watchlist("school", queries=["котельная"])
    store.add_articles([ferry(n, f"2024-03-28T0{n}:00:00") for n in range(1, 4)] + [school("2024-03-28T12:00:00"), ferry(9, "2024-03-27T10:00:00", quote=False)])
    data = store.digest("2024-03-28")
    assert data["date"] == "2024-03-28" and data["articles"] == 4 and data["outlets"] == 4
    top, alone = data["stories"]
    assert (top["articles"], top["outlets"], top["previous_day"], top["size"]) == (3, 3, 1, 4)
    assert top["first"]["source"] == "Озёрный вестник 9"  # the story began the day before
    assert [(q["speaker"], q["text"], q["count"]) for q in top["statements"]] == [("Ирина Воронцова", STATEMENT, 3)]
    assert alone["id"] is None and alone["first"]["source"] == "Камышовская правда"
    (riser,) = data["risers"]
    assert riser["name"] == "Ирина Воронцова" and riser["days"][-2:] == [1, riser["today"]] and riser["today"] >= 4
    assert len(riser["days"]) == len(data["spark_days"]) == 14 and data["spark_days"][-1] == "2024-03-28"
    only = store.digest("2024-03-28", "school")
    assert [s["title"] for s in only["stories"]] == ["В Камышовке открылась школа"] and only["articles"] == 1
    assert store.digest("2024-03-30")["stories"] == []
    assert store.digest()["date"] == "2024-03-28"  # the newest day of the archive


def test_alerts_digest_renders_escaped_and_linked(store):
    from svodka.digest import render

    store.add_articles([ferry(1, "2024-03-28T08:00:00"), ferry(2, "2024-03-28T09:00:00")])
    data = store.digest("2024-03-28")
    data["stories"][0]["title"] = "<script>alert(1)</script> & Co"
    html = render(data, "html", "https://svodka.example/")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert 'href="https://svodka.example/stories/' in html and "<svg" in html
    md = render(data, "md", "https://svodka.example")
    assert "\\<script\\>" in md and "](https://svodka.example/articles/" in md


def test_alerts_check_seeks_the_batch_not_every_alert(tmp_path, parse):
    """Checking a batch must cost the batch, not the archive: no statement walks every alert of a
    watchlist (a count, or the quote check by watchlist) or every statement of a speaker (300,000
    alerts: 95 ms for the quote check, 250 ms for the count, per batch)."""
    import sqlite3

    from svodka.store import open_store

    st = open_store(tmp_path / "plan.db")
    st.use_parse(parse)
    try:
        st.add_watchlist("ozersk", entities=["Воронцова"], speakers=["Ирина Воронцова"])
        st.check_alerts(stored(st, [ferry(1, "2024-03-28T08:00:00")]))
        ran: list[str] = []
        st.db._conn.set_trace_callback(ran.append)
        reader = getattr(st.db._local, "reader", None)
        if reader is not None:
            reader.set_trace_callback(ran.append)
        st.check_alerts(stored(st, [ferry(2, "2024-03-28T08:30:00")]))  # the reprint: its story's alerts and quotes are looked up
        st.db._conn.set_trace_callback(None)
        if reader is not None:
            reader.set_trace_callback(None)
        plans = []
        with sqlite3.connect(tmp_path / "plan.db") as look:
            for sql in ran:
                if sql.lstrip().upper().startswith("SELECT") and ("alerts" in sql or "quote_appearances" in sql):
                    plans.append((sql, " | ".join(r[-1] for r in look.execute("EXPLAIN QUERY PLAN " + sql))))
        assert any("alerts_quote" in plan for _, plan in plans)  # the quote check ran, seeking the quotes
        for sql, plan in plans:
            assert "COUNT(al.id)" not in sql
            assert "alerts_watchlist" not in plan and "quote_appearances_speaker" not in plan and "SCAN alerts" not in plan, (sql, plan)
    finally:
        st.close()


def test_alerts_check_returns_its_own_alerts_when_another_writer_follows(store, monkeypatch):
    """Another ingest committing an alert right after this check's write must not have its
    alert returned here (sent to the webhook twice) in place of this check's own."""
    from contextlib import contextmanager

    store.add_watchlist("ozersk", entities=["Воронцова"])
    ids = stored(store, [ferry(1, "2024-03-28T08:00:00")])
    write, followed = store.db.write, []

    @contextmanager
    def then_another(*args, **kwargs):
        with write(*args, **kwargs) as cur:
            yield cur
        if not followed:  # the other writer, between this check's commit and its read-back
            followed.append(1)
            with write() as cur:
                cur.execute("INSERT INTO alerts (id, watchlist_id, kind, article_id, created) SELECT MAX(id) + 1, watchlist_id, 'story', article_id, created FROM alerts GROUP BY watchlist_id, article_id, created")

    monkeypatch.setattr(store.db, "write", then_another)
    new = store.check_alerts(ids)
    assert followed and len(new) == 1 and new[0]["id"] == min(a["id"] for a in store.alerts())


@pytest.mark.parametrize("day", ["0001-01-01", "0001-01-28", "2024-03-28junk", "2024-W13-4", "20240328", "2024-02-30"])
def test_alerts_digest_refuses_what_is_not_a_day_it_can_make(store, day):
    """A date with junk after it is not read as its first ten characters, and a day so early
    that the days before it fall off the calendar is refused, not an OverflowError traceback."""
    from svodka.errors import InputError

    with pytest.raises(InputError, match="--date"):
        store.digest(day)


def test_alerts_digest_of_the_last_calendar_day(store):
    assert store.digest("9999-12-31")["stories"] == [] and store.digest(" 2024-03-28 ")["date"] == "2024-03-28"


def test_alerts_point_at_the_first_dated_outlet_not_an_undated_reprint(store):
    """Reprints in one batch: the alert goes to the earliest published, an undated one last
    (it came first, sorted as the empty string); times in other zones compared as times."""
    store.add_watchlist("ozersk", entities=["Воронцова"], speakers=["Ирина Воронцова"])
    ids = stored(store, [ferry(1, "2024-03-28T08:00:00+03:00"), ferry(2, "2024-03-28T06:00:00Z"), ferry(3, None)])
    new = store.check_alerts(ids)
    assert sorted(a["kind"] for a in new) == ["statement", "story"] and {a["article_id"] for a in new} == {ids[0]}


def test_alerts_growth_measured_at_the_batch_not_at_an_article_dated_ahead(store):
    """One reprint dated twelve hours ahead (a wrong zone) moved the hour measured past the
    burst arriving now: seven reprints within minutes raised nothing."""
    store.add_watchlist("ozersk", entities=["Ирина Воронцова"])
    store.check_alerts(stored(store, [ferry(1, "2024-03-27T10:00:00"), ferry(2, "2024-03-28T20:00:00")]))
    burst = stored(store, [ferry(n, f"2024-03-28T08:{n}:00") for n in range(10, 17)])
    new = store.check_alerts(burst)
    assert [a["kind"] for a in new] == ["growth"] and new[0]["article_id"] == burst[-1]
    assert new[0]["detail"].startswith("7 статей за час")


def test_alerts_digest_first_outlet_across_time_zones(store):
    """Times are stored with their outlets' offsets: 11:00+06:00 (05:00 UTC) came before
    09:00+03:00 (06:00 UTC), though it sorts after it as text. The first outlet, the order of
    the day's articles and where a statement appeared first go by the time, not the text."""
    store.add_articles([ferry(1, "2024-03-28T09:00:00+03:00"), ferry(2, "2024-03-28T11:00:00+06:00")])
    (top,) = store.digest("2024-03-28")["stories"]
    assert top["first"]["source"] == "Озёрный вестник 2"
    assert [i["source"] for i in top["items"]] == ["Озёрный вестник 2", "Озёрный вестник 1"]
    assert top["statements"][0]["source"] == "Озёрный вестник 2"
