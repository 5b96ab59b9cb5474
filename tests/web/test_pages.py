"""The HTML pages rendered by the server (no browser): content, escaping, lenient forms, headers."""

from __future__ import annotations

import re

import pytest

from .conftest import TOKEN

# An article written to attack the pages: markup in the text must show as text.
HOSTILE_TEXT = (
    "Хроника Заречинска <script>window.__xss=1</script>\n\n"
    'Глава Заречинска Павел Сорокин заявил, что мост откроют в мае. <img src=x onerror="window.__xss=2">\n\n'
    "«Мы справимся <b>сами</b>», — сказал Сорокин журналистам."
)


@pytest.mark.parametrize("path", ["/", "/?q=вода", "/entities", "/entities?type=PER", "/quotes", "/stories", "/sources"])
def test_pages_render_with_viewport_and_csp(client, path):
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_pages_empty_form_fields_mean_no_filter(client):
    r = client.get("/", params={"q": "", "source": "", "from": "", "to": "", "entity": "", "type": "", "has_quote": ""})
    assert r.status_code == 200 and "Последние статьи" in r.text


@pytest.mark.parametrize("path, status", [("/?from=31.12.2019", 422), ("/?type=XYZ", 422), ("/articles/999999", 404), ("/entities/999999", 404), ("/nowhere", 404)])
def test_pages_errors_are_html(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text


def test_pages_search_highlights_and_links_articles(client):
    html = client.get("/", params={"q": "вода"}).text
    assert "<mark>" in html
    assert re.search(r'href="/articles/\d+"', html)


def test_pages_article_marks_entities_and_statements(client, person):
    aid = client.get("/api/quotes", params={"speaker": person["id"], "limit": 1}).json()["results"][0]["article_id"]
    html = client.get(f"/articles/{aid}").text
    assert f'href="/entities/{person["id"]}"' in html
    assert re.search(r'<a class="ent ent-PER ent-name" href="/entities/\d+" title="персона · [^"]+">', html)
    assert 'class="quote quote-' in html


def test_pages_entity_profile_has_chart_roles_statements_articles(client, person):
    html = client.get(f"/entities/{person['id']}").text
    assert '<svg class="chart"' in html and '<rect class="bar"' in html
    assert 'id="statements"' in html and 'id="articles"' in html
    assert person["name"] in html


def test_pages_entity_by_name_redirects_to_its_id(client, person):
    r = client.get(f"/entities/{person['name']}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/entities/{person['id']}"


def test_pages_quotes_filters(client, person):
    html = client.get("/quotes", params={"speaker": person["name"]}).text
    assert html.count('<li class="stmt">') >= 1


def test_pages_escape_hostile_article_text(fresh_client):
    ids = fresh_client.post(
        "/api/ingest", json={"documents": [{"text": HOSTILE_TEXT, "no_clean": True, "url": "javascript:alert(1)"}]}, headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()["ids"]
    html = fresh_client.get(f"/articles/{ids[0]}").text
    assert "<script>window" not in html and "<img src=x" not in html and "<b>сами" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    search = fresh_client.get("/", params={"q": "Заречинск"}).text
    assert "<script>window" not in search
