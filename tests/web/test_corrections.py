"""The analyst's corrections over HTTP (issue 14): the API behind the write token, and the entity pages.

Each test writes, so each has its own archive (``fresh_app``), filled with articles written
for these tests and built by hand (no analysis).
"""

from __future__ import annotations

import re

import pytest

from tests.store.test_corrections import org_article, person_article, scholz_full, scholz_surname

from .conftest import TOKEN, TestClient

pytestmark = pytest.mark.issue(14)

AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Every correction route with a body it accepts (the entity is the organisation "Евросоюз").
ROUTES = [
    ("/api/entities/{id}/merge", {"other": "Европейский союз"}),
    ("/api/entities/{id}/split", {"form": "Евросоюз"}),
    ("/api/entities/{id}/aliases", {"alias": "ЕС"}),
    ("/api/relink", None),
]


@pytest.fixture
def archive(fresh_app):
    """The fresh app's archive: the chancellor (full name and surname), two unions, two Ивановs."""
    fresh_app.state.store.add_articles([
        scholz_full(1), scholz_surname(2), org_article(3, "Европейский союз"), org_article(4, "Евросоюз"),
        person_article(5, "Иван Иванов", first="Иван", last="Иванов"), person_article(6, "Пётр Иванов", first="Пётр", last="Иванов"),
    ])
    return fresh_app.state.store


def _id(store, name: str) -> int:
    return store.find_entities(name)[0]


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    return response.json()["error"]


# ---------------------------------------------------------------------------- the token


@pytest.mark.parametrize("path, body", ROUTES)
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}])
def test_corrections_api_needs_the_token(fresh_client, archive, path, body, headers):
    before = archive.entities()
    response = fresh_client.post(path.format(id=_id(archive, "Евросоюз")), json=body, headers=headers)
    _error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert archive.entities() == before


@pytest.mark.parametrize("path, body", ROUTES)
def test_corrections_api_disabled_without_a_server_token(tmp_path, monkeypatch, path, body):
    from svodka.web import create_app

    monkeypatch.delenv("SVODKA_API_TOKEN", raising=False)
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'x.db'}"))
    assert "SVODKA_API_TOKEN" in _error(client.post(path.format(id=1), json=body, headers=AUTH), 403)["message"]


def test_corrections_api_reads_stay_open(fresh_client, archive):
    assert fresh_client.get(f"/api/entities/{_id(archive, 'Евросоюз')}").status_code == 200


def test_corrections_api_documented(fresh_client):
    spec = fresh_client.get("/openapi.json").json()
    for path, _ in ROUTES:
        operation = spec["paths"][path.replace("{id}", "{entity_id}")]["post"]
        assert {"401", "403"} <= set(operation["responses"]) and operation["tags"] == ["corrections"]
        assert any(p["name"] == "authorization" for p in operation.get("parameters", []))


# ---------------------------------------------------------------------------- the corrections


def test_corrections_api_merge(fresh_client, archive):
    eu, short = _id(archive, "Европейский союз"), _id(archive, "Евросоюз")
    body = fresh_client.post(f"/api/entities/{eu}/merge", json={"other": short}, headers=AUTH).json()
    assert body["action"] == "merge" and body["entity"]["id"] == eu and body["entity"]["articles"] == 2
    assert body["merged"] == [{"id": short, "type": "ORG", "name": "Евросоюз"}]
    profile = fresh_client.get("/api/entities/Евросоюза").json()
    assert profile["id"] == eu
    assert {"alias": "Евросоюз", "n": 1} in profile["aliases"]
    assert [(m["old_id"], m["reason"]) for m in profile["merges"]] == [(short, "analyst: merge")]
    assert [c["action"] for c in profile["corrections"]] == ["merge"]


def test_corrections_api_merge_by_name_in_the_path(fresh_client, archive):
    body = fresh_client.post("/api/entities/Европейский союз/merge", json={"other": "Евросоюза"}, headers=AUTH).json()
    assert body["entity"]["name"] == "Европейский союз" and [m["name"] for m in body["merged"]] == ["Евросоюз"]


def test_corrections_api_split_and_alias(fresh_client, archive):
    scholz = _id(archive, "Олаф Шольц")
    split = fresh_client.post(f"/api/entities/{scholz}/split", json={"form": "Шольц"}, headers=AUTH).json()
    assert split["split"]["name"] == "Шольц" and split["entity"]["id"] == scholz and split["articles"] == 1
    alias = fresh_client.post(f"/api/entities/{scholz}/aliases", json={"alias": "канцлер Шольц"}, headers=AUTH).json()
    assert alias["alias"] == "канцлер Шольц" and alias["merged"] == []
    assert fresh_client.get("/api/entities", params={"q": "канцлер Шольц"}).json()["results"][0]["id"] == scholz


def test_corrections_api_relink(fresh_client, archive):
    before = {(e["type"], e["name"], e["articles"]) for e in archive.entities()}
    assert fresh_client.post("/api/relink", headers=AUTH).json() == {"articles": 6}
    assert {(e["type"], e["name"], e["articles"]) for e in archive.entities()} == before


def test_corrections_api_ambiguous_name_is_409_with_candidates(fresh_client, archive):
    error = _error(fresh_client.post(f"/api/entities/{_id(archive, 'Олаф Шольц')}/merge", json={"other": "Иванов"}, headers=AUTH), 409)
    assert {c["name"] for c in error["details"]} == {"Иван Иванов", "Пётр Иванов"}
    assert all({"id", "type", "mentions", "first_seen", "last_seen"} <= set(c) for c in error["details"])


@pytest.mark.parametrize("path, body, status", [
    ("/api/entities/{eu}/merge", {"other": "{eu}"}, 422),  # into itself
    ("/api/entities/{eu}/merge", {"other": "Иван Иванов"}, 422),  # a person into an organisation
    ("/api/entities/{eu}/merge", {"other": "Никакой Организации"}, 404),
    ("/api/entities/Никто Никакович/aliases", {"alias": "ЕС"}, 404),
    ("/api/entities/999999/split", {"form": "Шольц"}, 404),
    ("/api/entities/{eu}/split", {"form": "Шольц"}, 422),  # a form it does not have
    ("/api/entities/{eu}/aliases", {"alias": "  "}, 422),
    ("/api/entities/{eu}/merge", {"name": "Евросоюз"}, 422),  # the field is "other"
    ("/api/entities/{eu}/merge", {"other": ""}, 422),
    ("/api/entities/{eu}/aliases", {"alias": "Е" * 300}, 422),
])
def test_corrections_api_clear_errors(fresh_client, archive, path, body, status):
    eu = str(_id(archive, "Европейский союз"))
    before = archive.entities()
    body = {k: v.replace("{eu}", eu) for k, v in body.items()}
    error = _error(fresh_client.post(path.replace("{eu}", eu), json=body, headers=AUTH), status)
    assert error["message"] and "Traceback" not in error["message"]
    assert archive.entities() == before


def test_corrections_api_insists_on_json(fresh_client, archive):
    response = fresh_client.post(f"/api/entities/{_id(archive, 'Евросоюз')}/aliases", content='{"alias": "ЕС"}'.encode(), headers={**AUTH, "Content-Type": "text/plain"})
    _error(response, 415)


# ---------------------------------------------------------------------------- the pages


def test_corrections_pages_list_aliases_with_counts(fresh_client, archive):
    html = fresh_client.get("/entities", params={"type": "PER"}).text
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", html, re.S) if "Олаф Шольц" in r)
    assert re.search(r'<span class="alias">Шольц</span> <span class="alias-n"[^>]*>1</span>', row), row


def test_corrections_pages_profile_shows_aliases_merges_and_corrections(fresh_client, archive):
    eu, short = _id(archive, "Европейский союз"), _id(archive, "Евросоюз")
    archive.merge_entities(eu, short)
    html = fresh_client.get(f"/entities/{eu}").text
    assert re.search(r'<span class="alias">Евросоюз</span> <span class="alias-n"[^>]*>1</span>', html)
    merges = re.search(r'id="merges">(.*?)</section>', html, re.S).group(1)
    assert "Евросоюз" in merges and "analyst: merge" in merges and f"№ {short}" in merges
    assert "«Евросоюз» — это Европейский союз" in html


def test_corrections_pages_offer_the_forms_only_with_a_token(fresh_client, archive, tmp_path, monkeypatch):
    from svodka.web import create_app

    eu = _id(archive, "Европейский союз")
    html = fresh_client.get(f"/entities/{eu}").text
    for action in ("merge", "split", "aliases"):
        assert f'data-action="/api/entities/{eu}/{action}"' in html
    assert 'type="password"' in html and 'id="correct" hidden' in html  # shown by app.js, which posts with the token
    assert 'data-action="/api/entities/{into}/merge"' in fresh_client.get("/entities").text
    monkeypatch.delenv("SVODKA_API_TOKEN", raising=False)
    readonly = TestClient(create_app(archive.name))
    for page in (f"/entities/{eu}", "/entities"):
        assert "correct-form" not in readonly.get(page).text


def test_corrections_pages_script_posts_with_the_token():
    from svodka.web.app import HERE

    script = (HERE / "static" / "app.js").read_text(encoding="utf-8")
    assert '"Authorization": "Bearer " + token' in script and "sessionStorage" in script and "document.cookie" not in script


def test_corrections_pages_ambiguous_name_lists_candidates(fresh_client, archive):
    response = fresh_client.get("/entities/Иванов", follow_redirects=False)
    assert response.status_code == 303 and "name=" in response.headers["location"]
    html = fresh_client.get("/entities/Иванов").text
    candidates = re.search(r'class="candidates card">(.*?)</div>', html, re.S).group(1)
    shown = re.search(r"<h1>(.*?) <span", html).group(1)
    other = ({"Иван Иванов", "Пётр Иванов"} - {shown}).pop()
    assert other in candidates and "Иванов" in candidates
    assert "candidates" not in fresh_client.get(f"/entities/{_id(archive, 'Олаф Шольц')}").text
