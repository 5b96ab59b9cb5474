"""The analyst's corrections from the command line (issue 14): svodka entity merge|split|alias, svodka relink.

The archive is built from articles written for these tests (by hand, no analysis), one per
test, since every correction writes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from svodka.store import open_store
from tests.store.test_corrections import org_article, person_article, scholz_full, scholz_surname

from .conftest import ROOT

pytestmark = pytest.mark.issue(14)

SVODKA = [sys.executable, "-m", "svodka"]


def svodka(*args):
    return subprocess.run([*SVODKA, *args], capture_output=True, cwd=ROOT, timeout=300, text=True)


@pytest.fixture
def db(tmp_path):
    """An archive file: the chancellor (full name and surname), two unions, two Ивановs."""
    path = tmp_path / "svodka.db"
    with open_store(path) as store:
        store.add_articles([
            scholz_full(1), scholz_surname(2), org_article(3, "Европейский союз"), org_article(4, "Евросоюз"),
            person_article(5, "Иван Иванов", first="Иван", last="Иванов"), person_article(6, "Пётр Иванов", first="Пётр", last="Иванов"),
        ])
    return str(path)


def _profile(db: str, *name: str) -> dict:
    out = svodka("entity", *name, "--db", db, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", [["Шольцу"], ["Шольц"], ["Олаф Шольц"], ["Олаф", "Шольц"]])
def test_cli_corrections_entity_by_any_form(db, name):
    profile = _profile(db, *name)
    assert profile["name"] == "Олаф Шольц" and profile["candidates"] == []
    assert {"alias": "Шольц", "n": 1} in profile["aliases"]


def test_cli_corrections_entity_prints_aliases_with_counts(db):
    out = svodka("entity", "Шольцу", "--db", db)
    assert out.returncode == 0 and "Шольц (1)" in out.stdout and "did you mean" not in out.stdout


def test_cli_corrections_ambiguous_name_lists_candidates(db):
    out = svodka("entity", "Иванов", "--db", db)
    assert out.returncode == 0, out.stderr
    shown, rest = out.stdout.split("did you mean", 1)
    first = shown.splitlines()[0]
    other = "Пётр Иванов" if first.startswith("Иван Иванов") else "Иван Иванов"
    assert other in rest and "PER" in rest and "2024-03-1" in rest
    profile = _profile(db, "Иванов")
    assert [c["name"] for c in profile["candidates"]] == [other]


def test_cli_corrections_merge(db):
    out = svodka("entity", "merge", "Европейский союз", "Евросоюза", "--db", db)
    assert out.returncode == 0, out.stderr
    assert "merged" in out.stdout and "Евросоюз" in out.stdout and "Европейский союз" in out.stdout
    profile = _profile(db, "Евросоюз")
    assert profile["name"] == "Европейский союз" and profile["articles"] == 2
    assert [m["reason"] for m in profile["merges"]] == ["analyst: merge"]
    assert "merged into it:" in svodka("entity", "Евросоюз", "--db", db).stdout


def test_cli_corrections_split_and_alias_as_json(db):
    split = json.loads(svodka("entity", "split", "Олаф Шольц", "Шольц", "--db", db, "--json").stdout)
    assert split["action"] == "split" and split["split"]["name"] == "Шольц"
    alias = json.loads(svodka("entity", "alias", "Европейский союз", "ЕС", "--db", db, "--json").stdout)
    assert alias["alias"] == "ЕС"
    assert _profile(db, "ЕС")["name"] == "Европейский союз"
    assert _profile(db, "Шольц")["id"] == split["split"]["id"]


def test_cli_corrections_relink(db):
    before = json.loads(svodka("stats", "--db", db, "--json").stdout)["entities"]
    svodka("entity", "merge", "Европейский союз", "Евросоюз", "--db", db)
    out = svodka("relink", "--db", db)
    assert out.returncode == 0 and "relinked 6 articles" in out.stderr
    assert json.loads(svodka("relink", "--db", db, "--json").stdout) == {"articles": 6}
    assert json.loads(svodka("stats", "--db", db, "--json").stdout)["entities"] <= before


@pytest.mark.parametrize("args, code, words", [
    (["merge", "Иванов", "Олаф Шольц"], 1, "may mean 2 entities"),  # ambiguous: the candidates named
    (["merge", "Европейский союз", "Европейский союз"], 1, "itself"),
    (["merge", "Олаф Шольц", "Евросоюз"], 1, "person"),
    (["merge", "Никто Никакович", "Евросоюз"], 1, "no such entity"),
    (["split", "Олаф Шольц", "Меркель"], 1, "never named so"),
    (["alias", "Евросоюз", " "], 1, "at least one word"),
    (["merge", "Евросоюз"], 2, "takes two arguments"),
    (["split", "Олаф Шольц", "Шольц", "лишнее"], 2, "takes two arguments"),
])
def test_cli_corrections_errors_are_one_line(db, args, code, words):
    out = svodka("entity", *args, "--db", db)
    assert out.returncode == code, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and words in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("svodka: ")


def test_cli_corrections_need_an_archive(tmp_path):
    out = svodka("entity", "merge", "А", "Б", "--db", str(tmp_path / "none.db"))
    assert out.returncode == 1 and "no archive here" in out.stderr
    assert not (tmp_path / "none.db").exists()
