"""The story pages (issue 17): outlets with names, the first outlet only when known, the
articles, statements with speakers and growth; the same data in /api/stories/{id}."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from .conftest import TestClient

pytestmark = pytest.mark.issue(17)


def test_story_page_and_api_agree_on_the_sample(client):
    rows = client.get("/api/stories").json()["results"]
    assert rows, "the sample corpus has stories told by several outlets"
    listing = client.get("/stories").text
    for s in rows:
        assert f'href="/stories/{s["id"]}"' in listing
        one = client.get(f"/api/stories/{s['id']}").json()
        assert one["outlets"] and one["sources"] == len(one["outlets"]) and set(one) >= {"first", "growth", "statements", "articles"}
        html = htmllib.unescape(client.get(f"/stories/{s['id']}").text)
        assert re.search(rf"{one['size']} стать(я|и|ей), {one['sources']} издани(е|я|й): " + re.escape(", ".join(one["outlets"])), html)
        if one["first"]:
            assert f"Первым: <strong>{one['first']['source']}</strong>" in html
        for q in one["statements"]:
            assert q["text"][:40] in html
        if one["growth"]["step"] == "hour" and len(one["growth"]["bars"]) > 1:  # bars are UTC hours, article times local: the caption says so
            assert "часы по UTC, где у времени указан пояс" in html


def test_story_with_statements_shows_speakers(client):
    rows = client.get("/api/stories").json()["results"]
    stories = [client.get(f"/api/stories/{s['id']}").json() for s in rows]
    quoted = [s for s in stories if s["statements"]]
    assert quoted
    html = client.get(f"/stories/{quoted[0]['id']}").text
    assert any(q["speaker"] and q["speaker"] in html for q in quoted[0]["statements"])


@pytest.mark.parametrize("path, status", [("/api/stories/999999", 404), ("/stories/999999", 404), ("/api/stories/0", 404), ("/api/stories/x", 422)])
def test_story_unknown_is_not_found(client, path, status):
    assert client.get(path).status_code == status


def test_story_of_unknown_outlets_names_nobody_first(tmp_path):
    """The issue's page: '34 статьи, 0 изданий' and 'первым' on 'источник неизвестен'."""
    from svodka.store import open_store
    from svodka.web import create_app

    from ..store.test_store import _bridge

    url = f"sqlite:///{tmp_path / 'x.db'}"
    arts = [_bridge("x", 1, published="2024-05-14T09:00"), _bridge("x", 2, (1, "почти восемьсот", "около 790"), published="2024-05-14T10:30")]
    for a in arts:
        a.source = None
    with open_store(url) as store:
        store.add_articles(arts)
    web = TestClient(create_app(url))
    listing = web.get("/stories").text
    assert "0 изданий" not in listing and 'class="tag">первым' not in listing
    assert "2 статьи, 2 без указания издания" in listing
    assert "Кто сообщил первым, неизвестно" in listing
    sid = web.get("/api/stories").json()["results"][0]["id"]
    assert "<svg" in web.get(f"/stories/{sid}").text  # two hours: growth bars


def test_article_of_a_story_links_its_story_page(client):
    story = client.get("/api/stories").json()["results"][0]
    html = client.get(f"/articles/{story['articles'][0]['id']}").text
    assert f'href="/stories/{story["id"]}"' in html
