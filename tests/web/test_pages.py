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


def _lede(html: str) -> str:
    """The archive counts line of the home page, tags stripped."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", re.search(r'<p class="lede">(.*?)</p>', html, re.S).group(1)))


def test_pages_home_counts_agree_with_their_numbers(client):
    from svodka.web._render import plural

    stats = client.get("/api/stats").json()
    lede = _lede(client.get("/").text)
    for n, forms in [
        (stats["articles"], ("статья", "статьи", "статей")),
        (stats["sources"], ("источника", "источников", "источников")),
        (stats["entities"], ("сущность", "сущности", "сущностей")),
        (stats["quotes"], ("высказывание", "высказывания", "высказываний")),
        (stats["stories"], ("сюжет", "сюжета", "сюжетов")),
    ]:
        assert f"{n} {plural(n, *forms)}" in lede, lede


def test_pages_story_and_entity_counts_are_declined(client, person):
    profile = client.get(f"/api/entities/{person['id']}").json()
    html = client.get(f"/entities/{person['id']}").text
    n = profile["mentions"]
    assert re.search(rf"{n} упоминани(е|я|й) в {profile['articles']} стать(е|ях)", html)
    for m in re.finditer(r"(\d+) (статья|статьи|статей), (\d+) (издание|издания|изданий)", client.get("/stories").text):
        assert (int(m.group(1)) % 10 == 1 and int(m.group(1)) % 100 != 11) == (m.group(2) == "статья")


@pytest.mark.parametrize("path", ["/", "/?source=&has_quote=yes", "/?q=вода", "/?q=Казахстан"])
def test_pages_listing_snippets_start_with_the_body_not_the_headline(client, path):
    html = client.get(path).text
    cards = re.findall(r'class="result-title" href="/articles/\d+">(.*?)</a>.*?<p class="snippet">(.*?)</p>', html, re.S)
    assert cards
    for title, snippet in cards:
        text = re.sub(r"</?mark>", "", snippet)
        assert text.strip() and not text.startswith(title[:40]), (title, snippet)


def test_pages_search_snippets_keep_their_marks(client):
    assert "<mark>" in client.get("/", params={"q": "вода"}).text


def test_pages_entity_aliases_leave_out_the_name(client):
    store = client.app.state.store
    shown = hidden = 0
    for e in store.entities(limit=40):
        html = client.get(f"/entities/{e['id']}").text
        aliases = re.findall(r'<span class="alias">(.*?)</span>', html)
        assert e["name"] not in aliases
        if "Также:" in html:
            shown += 1
            assert aliases
        else:
            hidden += 1
    assert shown and hidden  # people have surnames as aliases; most places have none


def test_pages_speech_cues_are_plain_text(client, person):
    html = client.get("/quotes").text + client.get(f"/entities/{person['id']}").text
    cues = re.findall(r'<span class="cue">(.*?)</span>', html)
    assert cues and not any("«" in c or "»" in c for c in cues)
    assert not re.search(r'<span class="muted">«[^<]*»</span>', html)


def test_pages_article_statements_show_cue_and_relaying_outlet(fresh_app):
    from svodka.model import Article, Block, Quote, Speaker

    from .conftest import TestClient

    title, body = "Мэрия Заречинска закроет Северный мост", "Глава Заречинска Павел Сорокин заявил, что мост закроют в мае, передает агентство Заречье."
    text = f"{title}\n\n{body}"
    start = text.index("мост закроют")
    quote = Quote("indirect", "мост закроют в мае", start, start + len("мост закроют в мае"), Speaker("Павел Сорокин", "PER"), cue="заявил", via="агентство Заречье")
    article = Article(text=text, title=title, blocks=[Block(0, len(title), "title"), Block(len(title) + 2, len(text), "paragraph")], quotes=[quote])
    article_id = fresh_app.state.store.add_articles([article]).ids[0]
    html = TestClient(fresh_app).get(f"/articles/{article_id}").text
    assert '<span class="cue">заявил</span>' in html and '<span class="cue">через агентство Заречье</span>' in html
    assert "«заявил»" not in html


def test_pages_home_top_entities_all_link_to_their_pages(client):
    html = client.get("/").text
    top = html[html.index("Чаще всего в архиве") : html.index("</section>", html.index("Чаще всего в архиве"))]
    chips = re.findall(r'<(a|span) class="chip chip-(\w+)"( href="/entities/(\d+)")?>', top)
    assert {c[1] for c in chips} == {"PER", "ORG", "LOC"}
    assert all(tag == "a" and eid for tag, _, _, eid in chips)
    for eid in {c[3] for c in chips}:
        assert client.get(f"/entities/{eid}").status_code == 200


# ---------------------------------------------------------------------------- limits and the cached home page (issue 11)

HUGE = str(2**64)


@pytest.mark.issue(11)
@pytest.mark.parametrize("path, status", [(f"/entities/{HUGE}", 404), (f"/articles/{HUGE}", 404), (f"/?entity={HUGE}", 200), (f"/quotes?speaker={HUGE}", 200)])
def test_pages_ids_past_64_bits_never_fail(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")


@pytest.mark.issue(11)
def test_pages_home_is_computed_once_and_renewed_by_an_ingest(fresh_app, monkeypatch):
    from .conftest import TestClient

    store, calls = fresh_app.state.store, []
    real_stats = store.stats
    monkeypatch.setattr(store, "stats", lambda: calls.append(1) or real_stats())
    c = TestClient(fresh_app)
    first = c.get("/").text
    assert c.get("/").text == first and c.get("/?q=&source=").text == first
    assert len(calls) == 1
    text = "Мост откроют в мае\n\nГлава Заречинска Павел Сорокин заявил, что ремонт Северного моста закончат в мае."
    stored = c.post("/api/ingest", json={"documents": [{"text": text}]}, headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert stored["stored"] == 1
    assert "Мост откроют в мае" in c.get("/").text and len(calls) == 2


# ---------------------------------------------------------------------------- statements as the analyst reads them (issue 15)


@pytest.fixture(params=["sqlite", "postgresql"])
def statements_client(request, tmp_path, models, analysis):
    """A client over an archive of ``statement_articles`` on each backend (PostgreSQL in a schema of its own)."""
    import os
    import uuid

    from svodka.store import open_store
    from svodka.web import create_app
    from tests.store.conftest import PG_ENV, statement_articles

    from .conftest import TestClient

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'statements.db'}"
    else:
        if not os.environ.get(PG_ENV):
            pytest.skip(f"{PG_ENV} not set: PostgreSQL page tests skipped")
        url = f"{os.environ[PG_ENV]}?schema=svodka_test_{uuid.uuid4().hex[:12]}"
    with open_store(url) as store:
        store.add_articles(statement_articles())
    app = create_app(url, api_token=TOKEN, models=models, analysis=analysis)
    yield TestClient(app)
    if request.param == "postgresql":
        app.state.store.db.drop_schema()
    app.state.store.close()


def _statement(html: str, said: str) -> str:
    """The ``<li class="stmt">`` of the page whose marked words are ``said`` (escaped as the page has them)."""
    from markupsafe import escape

    items = re.findall(r'<li class="stmt">.*?</li>', html, flags=re.S)
    found = [item for item in items if f">{escape(said)}</mark>" in item]
    assert len(found) == 1, f"{said!r} marked in {len(found)} statements"
    return found[0]


@pytest.mark.issue(15)
def test_pages_quotes_show_sentence_title_outlet_date_cue(statements_client):
    from tests.store.conftest import STATEMENT_TEXTS

    html = statements_client.get("/quotes").text
    item = _statement(html, STATEMENT_TEXTS["bridge"])
    assert ('Глава Заречинска Павел Сорокин заявил, что <mark class="said said-indirect">мост закроют в мае</mark>, '
            "передает агентство Заречье.") in item
    assert ">Мэрия Заречинска закроет Северный мост</a>" in item and "Заречные вести" in item and "2024-03-28" in item
    assert '<span class="cue">заявил</span>' in item and '<span class="cue">через агентство Заречье</span>' in item
    assert '<span class="tag kind">персона</span>' in item
    assert '<span class="tag kind">организация</span>' in _statement(html, STATEMENT_TEXTS["long"])


@pytest.mark.issue(15)
def test_pages_quotes_unattributed_statement_is_the_outlets_own_report(statements_client):
    from tests.store.conftest import STATEMENT_TEXTS

    for path in ("/quotes", "/quotes?source=Вечерний+Тест"):
        html = statements_client.get(path).text
        assert "без источника" not in html and "неизвестн" not in html and "не найден" not in html
        item = _statement(html, STATEMENT_TEXTS["park"])
        assert '<span class="who">Вечерний Тест</span> <span class="tag own">сообщение издания</span>' in item
        assert "По данным издания, " in item and '<span class="cue">по данным</span>' in item


@pytest.mark.issue(15)
def test_pages_quotes_escape_the_sentence_and_title(statements_client):
    from tests.store.conftest import STATEMENT_TEXTS

    html = statements_client.get("/quotes").text
    assert "<script>alert" not in html and "<b>Заречинска" not in html
    item = _statement(html, STATEMENT_TEXTS["markup"])
    assert "Мы &lt;script&gt;alert(1)&lt;/script&gt; готовы к зиме</mark>»." in item
    assert "Котельные &lt;b&gt;Заречинска&lt;/b&gt; готовы к зиме</a>" in item


@pytest.mark.issue(15)
def test_pages_article_and_entity_show_statements_in_their_sentence(statements_client):
    from tests.store.conftest import STATEMENT_TEXTS

    row = next(r for r in statements_client.get("/api/quotes").json()["results"] if r["text"] == STATEMENT_TEXTS["bridge"])
    assert row["title"] == "Мэрия Заречинска закроет Северный мост" and row["speaker_kind"] == "person"
    assert row["sentence"]["text"][row["sentence"]["start"] : row["sentence"]["end"]] == STATEMENT_TEXTS["bridge"]
    article = statements_client.get(f"/articles/{row['article_id']}").text
    item = _statement(article, STATEMENT_TEXTS["bridge"])
    assert "Павел Сорокин заявил, что <mark" in item and '<span class="cue">заявил</span>' in item
    entity = statements_client.get(f"/entities/{row['speaker_id']}").text
    item = _statement(entity, STATEMENT_TEXTS["bridge"])
    assert ">Мэрия Заречинска закроет Северный мост</a>" in item and "Заречные вести" in item
    park = next(r for r in statements_client.get("/api/quotes").json()["results"] if r["text"] == STATEMENT_TEXTS["park"])
    article = statements_client.get(f"/articles/{park['article_id']}").text
    assert '<span class="who">Вечерний Тест</span> <span class="tag own">сообщение издания</span>' in _statement(article, STATEMENT_TEXTS["park"])


@pytest.mark.issue(15)
def test_pages_quotes_filter_by_outlet_and_page_in_the_database(statements_client):
    html = statements_client.get("/quotes", params={"source": "заречные вести"}).text
    assert html.count('<li class="stmt">') == 2
    first = statements_client.get("/api/quotes", params={"limit": 2}).json()
    second = statements_client.get("/api/quotes", params={"limit": 2, "cursor": first["next"]}).json()
    assert first["next"] == "2" and second["next"] is None
    assert len({r["id"] for r in first["results"] + second["results"]}) == 4
