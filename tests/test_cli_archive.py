"""The archive from the command line: ingest, search, quotes, entity, idempotence, kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, SAMPLE, SEED

SVODKA = [sys.executable, "-m", "svodka"]


def svodka(*args, timeout=600):
    return subprocess.run([*SVODKA, *args], capture_output=True, cwd=ROOT, timeout=timeout, text=True)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The sample corpus (plus the seed when present) ingested once."""
    db = tmp_path_factory.mktemp("archive") / "svodka.db"
    inputs = [str(SAMPLE)] + ([str(SEED)] if SEED.exists() else [])
    out = svodka("ingest", *inputs, "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith("read ")
    return db, inputs


def _contents(db) -> dict:
    """What an archive holds, independent of ids and insertion order."""
    con = sqlite3.connect(db)
    try:
        titles = sorted(r[0] or "" for r in con.execute("SELECT title FROM articles"))
        quotes = sorted(r[0] for r in con.execute("SELECT text FROM quotes"))
        entities = sorted(f"{t}:{n}" for t, n in con.execute("SELECT type, name FROM entities"))
    finally:
        con.close()
    return {"titles": titles, "quotes": quotes, "entities": entities}


def test_cli_archive_reingest_stores_nothing_new(archive):
    db, inputs = archive
    before = _contents(db)
    out = svodka("ingest", *inputs, "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert " / stored 0 / " in out.stderr
    assert _contents(db) == before


def test_cli_archive_search_finds_inflected_forms(archive):
    db, _ = archive
    out = svodka("search", "Жумабаев заявил", "--db", str(db), "--json")
    hits = json.loads(out.stdout)
    assert hits and all("Жумабаев" in (h["title"] or "") + h["snippet_text"] for h in hits[:1])


def test_cli_archive_quotes_by_speaker_surname(archive):
    db, _ = archive
    rows = json.loads(svodka("quotes", "--speaker", "Жумабаев", "--db", str(db), "--json").stdout)
    assert rows and all(r["speaker"] == "Нурлан Жумабаев" for r in rows)
    direct = json.loads(svodka("quotes", "--speaker", "Жумабаев", "--kind", "direct", "--db", str(db), "--json").stdout)
    assert direct and all(r["kind"] == "direct" for r in direct)


def test_cli_archive_entity_profile_shows_role(archive):
    db, _ = archive
    out = svodka("entity", "Нурлан Жумабаев", "--db", str(db))
    assert out.returncode == 0, out.stderr
    assert "министр иностранных дел Казахстана" in out.stdout


@pytest.mark.issue(5)
def test_cli_archive_seed_acceptance(archive, seed_text):
    db, _ = archive
    hits = json.loads(svodka("search", "Абдрахманов", "--db", str(db), "--json").stdout)
    assert any(h["source"] == "Вестник Кавказа" for h in hits)
    direct = json.loads(svodka("quotes", "--speaker", "Абдрахманов", "--kind", "direct", "--db", str(db), "--json").stdout)
    assert len(direct) == 2
    out = svodka("entity", "Кайрат Абдрахманов", "--db", str(db))
    assert "министр иностранных дел Казахстана" in out.stdout


def test_cli_archive_unknown_entity_is_a_clear_error(archive):
    db, _ = archive
    out = svodka("entity", "Никто Никакович", "--db", str(db))
    assert out.returncode == 1 and "no such entity" in out.stderr and "Traceback" not in out.stderr


def test_cli_archive_rejected_input_is_recorded(tmp_path):
    db = tmp_path / "r.db"
    (tmp_path / "empty.txt").write_bytes(b"")
    out = svodka("ingest", str(tmp_path / "empty.txt"), "--db", str(db), "--workers", "1")
    assert out.returncode == 1 and "empty.txt" in out.stderr and "Traceback" not in out.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM rejected").fetchone()[0] == 1


def test_cli_archive_unreachable_database_is_a_clear_error(tmp_path):
    out = svodka("stats", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert out.returncode == 1 and "Traceback" not in out.stderr and out.stderr.strip()


def test_cli_archive_kill_9_then_rerun_matches_uninterrupted(archive, tmp_path):
    reference, inputs = archive
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([*SVODKA, "ingest", *inputs, "--db", str(db), "--workers", "1", "--batch-size", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(db, timeout=1)
            stored = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            stored = 0
        if stored >= 4:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored >= 4, "the ingest ended before it could be interrupted"
    out = svodka("ingest", *inputs, "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert _contents(db) == _contents(reference)
