"""Watchlists, alerts and the digest from the command line (issue 17), on the sample corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from .conftest import ROOT, SAMPLE
from .test_webhooks import Receiver

pytestmark = pytest.mark.issue(17)

SVODKA = [sys.executable, "-m", "svodka"]


def svodka(*args, timeout=600, env=None):
    return subprocess.run([*SVODKA, *args], capture_output=True, cwd=ROOT, timeout=timeout, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def watched(tmp_path_factory):
    """A watchlist with a webhook made first, then the sample ingested in small batches."""
    db = str(tmp_path_factory.mktemp("alerts") / "svodka.db")
    receiver = Receiver([503])  # the first POST fails, its retry passes
    try:
        out = svodka("alerts", "add", "kz", "--entity", "Жумабаев", "--speaker", "Жумабаев", "--webhook", receiver.url, "--db", db)
        assert out.returncode == 0, out.stderr
        # the receiver is on loopback: allowed by the fetch_allow_private setting, as a user would
        out = svodka("ingest", str(SAMPLE), "--db", db, "--workers", "1", "--batch-size", "4", env={"SVODKA_FETCH_ALLOW_PRIVATE": "127.0.0.1"})
        assert out.returncode == 0, out.stderr
        yield db, receiver
    finally:
        receiver.close()


def test_cli_alerts_once_per_story_with_webhooks(watched):
    db, receiver = watched
    out = svodka("alerts", "show", "kz", "--json", "--db", db)
    rows = json.loads(out.stdout)
    # three outlets reported the story, Жумабаев spoke in it: one alert of each kind
    assert sorted(a["kind"] for a in rows) == ["statement", "story"]
    assert len({a["story_id"] for a in rows}) == 1
    statement = next(a for a in rows if a["kind"] == "statement")
    assert statement["detail"].startswith("Нурлан Жумабаев: «")
    # each went to the webhook (one after a retry), with a link into the archive
    assert sorted(b["kind"] for b in receiver.bodies) == ["statement", "story"]
    assert all(b["link"].startswith("http://127.0.0.1:8000/articles/") for b in receiver.bodies)


def test_cli_alerts_list_and_remove(watched, tmp_path):
    db, _ = watched
    listed = json.loads(svodka("alerts", "list", "--json", "--db", db).stdout)
    assert [(w["name"], w["alerts"]) for w in listed] == [("kz", 2)]
    out = svodka("alerts", "list", "--db", db)
    assert out.stdout.splitlines()[0].startswith("kz: 2 alerts, webhook http://127.0.0.1:")
    other = str(tmp_path / "other.db")
    assert svodka("alerts", "add", "tmp", "--query", "паводок", "--db", other).returncode == 0
    assert svodka("alerts", "list", "--db", other).stdout.splitlines()[0] == "tmp: 0 alerts"
    none = svodka("alerts", "show", "tmp", "--db", other)
    assert none.returncode == 0 and none.stdout == "" and none.stderr.startswith("no alerts in tmp yet;")
    out = svodka("alerts", "remove", "tmp", "--db", other)
    assert out.returncode == 0 and "removed watchlist tmp" in out.stderr
    out = svodka("alerts", "remove", "tmp", "--db", other)
    assert out.returncode == 1 and out.stderr == "svodka: tmp: no such watchlist; svodka alerts list shows them\n"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["alerts", "add", "a/b", "--entity", "X"], 1, "svodka: a/b: a watchlist name is 1-64 letters"),
        (["alerts", "add", "new"], 1, "svodka: new: a new watchlist needs a term"),
        (["digest", "--date", "2019-02-30"], 2, "svodka: --date: '2019-02-30' is not a date"),
        (["digest", "--watchlist", "nope"], 1, "svodka: nope: no such watchlist"),
        (["digest", "--date", "0001-01-01"], 2, "svodka: --date: 0001-01-01 is before 0001-01-29"),  # was an OverflowError traceback
        (["digest", "-o", str(ROOT)], 1, f"svodka: {ROOT}: cannot write the digest"),  # a directory: was a traceback
        (["alerts", "add", "..", "--entity", "X"], 1, "svodka: ..: a watchlist name is 1-64 letters"),
    ],
)
def test_cli_alerts_bad_input_is_one_line(watched, args, code, message):
    db, _ = watched
    out = svodka(*args, "--db", db)
    assert out.returncode == code
    assert out.stderr.startswith(message) and len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_cli_digest_formats(watched, tmp_path):
    db, _ = watched
    data = json.loads(svodka("digest", "--date", "2019-03-29", "--format", "json", "--db", db).stdout)
    assert data["date"] == "2019-03-29" and data["articles"] == 3 and data["outlets"] == 3
    top = data["stories"][0]
    assert top["articles"] == 3 and top["outlets"] == 3 and top["first"]["source"] == "Восток-Пресс"
    assert any(q["speaker"] == "Нурлан Жумабаев" for q in top["statements"])
    md = svodka("digest", "--date", "2019-03-29", "--format", "md", "--base-url", "https://svodka.example", "--db", db).stdout
    assert md.startswith("# Сводка за 2019-03-29") and "[3 статьи](https://svodka.example/stories/" in md
    # a paraphrase is marked as one, as in the HTML, not shown as if it were quoted word for word
    assert ", пересказ](https://svodka.example/articles/" in md and ", прямая речь" in md
    out = tmp_path / "digest.html"
    assert svodka("digest", "--date", "2019-03-29", "--watchlist", "kz", "-o", str(out), "--db", db).returncode == 0
    html = out.read_text(encoding="utf-8")
    assert "<style>" in html and "<script" not in html and 'src="' not in html  # self-contained
    ET.fromstring(html.split("<body>", 1)[1].split("</body>", 1)[0])  # the body is well-formed markup
    assert "список «kz»" in html and "Нурлан Жумабаев" in html
