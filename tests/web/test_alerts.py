"""Watchlists, alerts, Atom feeds and the digest over HTTP (issue 17), on a copy of the sample archive."""

from __future__ import annotations

import shutil

import feedparser
import pytest

from .conftest import TOKEN, TestClient

pytestmark = pytest.mark.issue(17)

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def alerts_client(sample_db, models, analysis, tmp_path_factory):
    """An app over a copy of the sample archive whose watchlist "kz" has read every article, in id order."""
    from svodka.store import open_store
    from svodka.web import create_app

    path = tmp_path_factory.mktemp("alerts") / "sample.db"
    shutil.copy(sample_db[len("sqlite:///") :], path)
    with open_store(path) as store:
        store.use_parse(models.parse)
        store.add_watchlist("kz", entities=["Жумабаев"], speakers=["Жумабаев"])
        ids = [r[0] for r in store.db.execute("SELECT id FROM articles ORDER BY id")]
        for i in range(0, len(ids), 4):  # as ingest batches them
            store.check_alerts(ids[i : i + 4])
    return TestClient(create_app(f"sqlite:///{path}", api_token=TOKEN, models=models, analysis=analysis))


def test_web_alerts_api_lists_watchlists_and_alerts(alerts_client):
    lists = alerts_client.get("/api/watchlists").json()["results"]
    assert [(w["name"], w["alerts"]) for w in lists] == [("kz", 2)]
    body = alerts_client.get("/api/alerts", params={"watchlist": "kz", "limit": 1}).json()
    assert len(body["results"]) == 1 and body["next"] == "1"
    assert body["results"][0]["kind"] in ("story", "statement") and body["results"][0]["watchlist"] == "kz"
    assert alerts_client.get("/api/alerts", params={"watchlist": "nope"}).status_code == 404


def test_web_alerts_writes_need_the_token(alerts_client):
    new = {"name": "volga", "query": ["паводок"]}
    assert alerts_client.post("/api/watchlists", json=new).status_code == 401
    assert alerts_client.post("/api/watchlists", json=new, headers={"Authorization": "Bearer wrong"}).status_code == 401
    made = alerts_client.post("/api/watchlists", json=new, headers=AUTH)
    assert made.status_code == 201 and made.json()["terms"] == [{"kind": "query", "value": "паводок"}]
    bad = alerts_client.post("/api/watchlists", json={"name": "x", "webhook": "ftp://a"}, headers=AUTH)
    assert bad.status_code == 422 and "error" in bad.json()
    assert alerts_client.delete("/api/watchlists/volga").status_code == 401
    assert alerts_client.delete("/api/watchlists/volga", headers=AUTH).json()["name"] == "volga"
    assert alerts_client.delete("/api/watchlists/volga", headers=AUTH).status_code == 404


def test_web_alerts_atom_feed_parses(alerts_client):
    answer = alerts_client.get("/alerts/kz.atom")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(answer.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "svodka: kz"
    assert len(feed.entries) == 2
    assert all(e.link.startswith("http://127.0.0.1:8000/articles/") and e.id and e.updated for e in feed.entries)
    assert any(e.title.startswith("Новое высказывание: ") for e in feed.entries)
    assert alerts_client.get("/alerts/nope.atom").status_code == 404


def test_web_alerts_pages(alerts_client):
    page = alerts_client.get("/alerts")
    assert page.status_code == 200 and 'href="/alerts/kz.atom"' in page.text and "Новое высказывание" in page.text
    assert "content-security-policy" in page.headers
    # each alert names the term that raised it in the page's words, not the store's "speaker: …"
    assert "· кто говорит: Жумабаев</p>" in page.text and "· о ком: Жумабаев</p>" in page.text and "speaker: " not in page.text
    digest = alerts_client.get("/digest", params={"date": "2019-03-29"})
    assert digest.status_code == 200 and "Сводка за 2019-03-29" in digest.text and "<svg" not in digest.text.split("Главные сюжеты")[0]
    assert "Восток-Пресс" in digest.text and 'href="/articles/' in digest.text
    mailed = alerts_client.get("/digest.html", params={"date": "2019-03-29", "watchlist": "kz"})
    assert mailed.status_code == 200 and "<style>" in mailed.text and "'unsafe-inline'" in mailed.headers["content-security-policy"]
    assert 'href="http://127.0.0.1:8000/articles/' in mailed.text
    assert alerts_client.get("/api/digest", params={"date": "2019-03-29"}).json()["stories"][0]["outlets"] == 3
    assert alerts_client.get("/api/digest", params={"date": "2019-02-30"}).status_code in (400, 422)
    for path in ("/api/digest", "/digest", "/digest.html"):  # days before the calendar can hold: refused, not a 500
        assert alerts_client.get(path, params={"date": "0001-01-01"}).status_code == 400
    assert alerts_client.get("/digest", params={"date": "2019-03-29junk"}).status_code == 400


def test_web_alerts_atom_feed_survives_control_characters():
    from svodka.web.alerts import atom_feed

    watchlist = {"name": "kz", "created": "2024-03-28T10:00:00+00:00", "terms": [{"kind": "query", "value": "мост\x07"}]}
    alert = {"id": 1, "kind": "story", "title": "Мост\x00 <закрыт> & \x1bвсё", "created": "2024-03-28T10:00:00+00:00", "published": "2024-03-28T09:00",
             "article_id": 5, "source": "Вестник", "detail": None, "term": "query: мост"}
    feed = feedparser.parse(atom_feed(watchlist, [alert], "https://svodka.example"))
    assert not feed.bozo and feed.entries[0].title == "Новый сюжет: Мост <закрыт> & всё"


def test_web_alerts_atom_entry_ids_differ_when_an_alert_id_is_reused():
    """Removing a watchlist deletes its alerts and their ids are given again (a watchlist is
    re-created to change its terms): the new alert must not take the old entry's id, which
    a reader that saw it would never show again."""
    from svodka.web.alerts import atom_feed

    watchlist = {"name": "kz", "created": "2024-03-28T10:00:00+00:00", "terms": []}
    old = {"id": 1, "kind": "story", "title": "Паром", "created": "2024-03-28T10:00:00+00:00", "article_id": 5}
    new = {**old, "title": "Школа", "created": "2024-04-02T09:30:00+00:00", "article_id": 9}
    ids = [feedparser.parse(atom_feed(watchlist, [a], "https://svodka.example")).entries[0].id for a in (old, new)]
    assert ids[0] != ids[1] and all(i.startswith("https://svodka.example/alerts/kz.atom#alert-1") for i in ids)


def test_web_alerts_public_list_hides_webhook_secrets(alerts_client):
    """GET /api/watchlists needs no token, and a webhook's path (or user:password) is often
    its secret: only its scheme and host are shown; the token holder who set it gets it whole."""
    hook = "https://bot:pw@hooks.example/services/T0SECRET/B0SECRET"
    made = alerts_client.post("/api/watchlists", json={"name": "hooked", "query": ["паводок"], "webhook": hook}, headers=AUTH)
    assert made.status_code == 201 and made.json()["webhook"] == hook
    try:
        listed = alerts_client.get("/api/watchlists")
        assert "SECRET" not in listed.text and "pw@" not in listed.text
        assert {w["name"]: w["webhook"] for w in listed.json()["results"]}["hooked"] == "https://hooks.example/…"
        assert "SECRET" not in alerts_client.get("/alerts").text
    finally:
        alerts_client.delete("/api/watchlists/hooked", headers=AUTH)
