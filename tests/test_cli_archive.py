"""The archive from the command line: ingest, search, quotes, entity, idempotence, kill -9."""

from __future__ import annotations

import json
import os
import re
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


# --------------------------------------------------------------------------- issue 11

BIG_ID = "999999999999999999999999999999"  # over 2^63: the database driver cannot take it


@pytest.fixture()
def mixed_folder(tmp_path):
    """A folder with one good dump, an empty file, a binary file and a bad file whose name has a newline."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = next((SAMPLE / "dumps").glob("01_*.txt"))
    (folder / "good.txt").write_bytes(good.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "two\nlines.txt").write_bytes(b"")
    return folder


@pytest.mark.issue(11)
def test_cli_archive_file_names_that_are_not_utf8(tmp_path):
    # Before: a file named b"bad\xff.txt" aborted the whole ingest with UnicodeEncodeError.
    folder = tmp_path / "in"
    folder.mkdir()
    good = next((SAMPLE / "dumps").glob("01_*.txt")).read_bytes()
    with open(os.path.join(os.fsencode(folder), b"good\xfe.txt"), "wb") as fh:
        fh.write(good)
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(b"")
    db = tmp_path / "a.db"
    out = svodka("ingest", str(folder), "--db", str(db), "--workers", "1")
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1] == "read 2 / stored 1 / duplicates 0 / rejected 1"
    assert "bad\\xff.txt: empty file" in out.stderr
    assert svodka("rejected", "--db", str(db)).stdout.strip().endswith("bad\\xff.txt: empty file")


@pytest.mark.issue(11)
@pytest.mark.parametrize("how", [["--workers", "1"], ["--workers", "2", "--batch-size", "1"], ["--dask", "local"]], ids=["one-process", "pool", "dask"])
def test_cli_archive_ingest_accounts_for_every_input(tmp_path, mixed_folder, how):
    db = tmp_path / "a.db"
    out = svodka("ingest", str(mixed_folder), "--db", str(db), *how)
    lines = out.stderr.strip().splitlines()
    assert out.returncode == 1
    assert lines[-1] == "read 4 / stored 1 / duplicates 0 / rejected 3"
    assert len(lines) == 4 and all(line.startswith("svodka: ") for line in lines[:-1]), lines  # one line each
    assert any("two\\nlines.txt" in line for line in lines)
    listed = svodka("rejected", "--db", str(db)).stdout.strip().splitlines()
    assert len(listed) == 3 and {"empty.txt", "blob.bin", "two\\nlines.txt"} == {l.split(": ")[0].rsplit("/", 1)[-1] for l in listed}
    again = svodka("ingest", str(mixed_folder), "--db", str(db), *how)
    assert again.stderr.strip().splitlines()[-1] == "read 4 / stored 0 / duplicates 1 / rejected 3"
    assert again.returncode == 1


@pytest.mark.issue(11)
@pytest.mark.parametrize("args", [
    ["entity", BIG_ID],
    ["search", "мост", "--entity", BIG_ID],
    ["quotes", "--speaker", BIG_ID],
])
def test_cli_archive_huge_ids_are_not_found_not_a_traceback(archive, args):
    db, _ = archive
    out = svodka(*args, "--db", str(db))
    assert "Traceback" not in out.stderr and "OverflowError" not in out.stderr
    assert out.returncode in (0, 1) and len(out.stderr.strip().splitlines()) <= 1, out.stderr


@pytest.mark.issue(11)
def test_cli_archive_ingest_takes_analyze_overrides(tmp_path):
    db = tmp_path / "a.db"
    dump = next((SAMPLE / "dumps").glob("05_*.txt"))
    out = svodka("ingest", str(dump), "--db", str(db), "--source", "Наш вестник", "--published", "2024-05-01", "--no-clean")
    assert out.returncode == 0, out.stderr
    row = sqlite3.connect(db).execute("SELECT s.name, a.published, a.title, a.text FROM articles a JOIN sources s ON s.id = a.source_id").fetchone()
    assert row[:3] == ("Наш вестник", "2024-05-01", None)
    assert row[3] == dump.read_text(encoding="utf-8")  # verbatim: the chrome stays
    bad = svodka("ingest", str(dump), "--db", str(db), "--published", "9999-99-99")
    assert bad.returncode == 2 and "--published" in bad.stderr


@pytest.mark.issue(11)
def test_cli_archive_export_csv_rows_for_people(archive, tmp_path):
    import csv

    db, _ = archive
    out = svodka("export", "--format", "csv", "--db", str(db))
    rows = list(csv.DictReader(out.stdout.splitlines()))
    assert rows and set(rows[0]) >= {"title", "source", "published", "url", "persons", "organisations", "places"}
    assert any("Нурлан Жумабаев" in r["persons"].split("; ") for r in rows)
    quotes = list(csv.DictReader(svodka("export", "--format", "csv", "--what", "quotes", "--db", str(db)).stdout.splitlines()))
    assert len(quotes) > len(rows) and {"speaker", "kind", "text", "title"} <= set(quotes[0])
    assert any(q["speaker"] == "Нурлан Жумабаев" and q["text"] for q in quotes)


@pytest.mark.issue(11)
def test_cli_archive_stats_dates_are_days(archive):
    db, _ = archive
    stats = json.loads(svodka("stats", "--json", "--db", str(db)).stdout)
    for key in ("first_published", "last_published"):
        assert len(stats[key]) == 10 and stats[key][4] == "-", stats[key]


@pytest.mark.issue(11)
def test_cli_inputs_are_read_as_a_stream(monkeypatch):
    # Before: every input was read (list(read_paths(...))) before the first was analysed,
    # so one input that exhausts memory lost the whole batch.
    from svodka import cli
    from svodka.ingest import readers
    from svodka.model import Document

    read = []

    def fake_read_paths(paths, **kwargs):
        for p in paths:
            read.append(p)
            yield Document(text="x", path=p)

    monkeypatch.setattr(readers, "read_paths", fake_read_paths)
    docs = cli._documents_for(["a.txt", "b.txt"], 1000)
    assert next(docs).path == "a.txt" and read == ["a.txt"]


LANGUAGES = ROOT / "tests" / "fixtures" / "languages"


@pytest.mark.issue(16)
def test_cli_archive_mixed_languages(tmp_path):
    """A crawl folder with Ukrainian, Kazakh and Uzbek (Cyrillic and Latin) articles beside Russian ones:
    each stored with its language, only the Russian ones analysed, no function word of another
    language among the archive's entities; search filters by language."""
    from svodka.nlp._languages import FUNCTION_WORDS

    db = tmp_path / "mixed.db"
    out = svodka("ingest", str(LANGUAGES), "--db", str(db), "--workers", "1")
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines()[-1] == "read 7 / stored 7 / duplicates 0 / rejected 0 / not Russian: uz 2, kk 1, uk 1"
    con = sqlite3.connect(db)
    try:
        languages = {r[0].rsplit("/", 1)[-1]: r[1] for r in con.execute("SELECT COALESCE(url, title), language FROM articles")}
        analysed = {lang: n for lang, n in con.execute("SELECT a.language, COUNT(*) FROM article_entities e JOIN articles a ON a.id = e.article_id GROUP BY a.language")}
        quoted = {lang for (lang,) in con.execute("SELECT DISTINCT a.language FROM quote_appearances q JOIN articles a ON a.id = q.article_id")}
        names = [r[0] for r in con.execute("SELECT name FROM entities")]
    finally:
        con.close()
    assert sorted(languages.values()) == ["kk", "ru", "ru", "ru", "uk", "uz", "uz"]
    assert set(analysed) == {"ru"} and quoted == {"ru"}
    foreign = set().union(*(words for lang, words in FUNCTION_WORDS.items() if lang != "ru"))
    assert names and not [n for n in names if {w.lower() for w in n.split()} & foreign]
    assert {"Андрей Воронцов", "Остап Мельничук"} <= set(names)
    hits = json.loads(svodka("search", "", "--lang", "uz", "--db", str(db), "--json").stdout)
    assert sorted(h["title"] for h in hits) == ["Toshkentda xalqaro kitob yarmarkasi boshlandi", "Самарқандда янги сайёҳлик маркази очилди"]
    hits = json.loads(svodka("search", "мост", "--lang", "ru", "--db", str(db), "--json").stdout)
    assert [h["title"] for h in hits] == ["В Костроме открыли движение по новому мосту через Волгу"]
    stats = json.loads(svodka("stats", "--json", "--db", str(db)).stdout)
    assert stats["articles_by_language"] == {"ru": 3, "uz": 2, "kk": 1, "uk": 1}
    bad = svodka("search", "", "--lang", "klingon", "--db", str(db))
    assert bad.returncode == 2 and "--lang" in bad.stderr


@pytest.mark.issue(16)
def test_cli_analyze_text_shows_the_language():
    out = svodka("analyze", str(LANGUAGES / "kk_aktobe-hospital.txt"), "--format", "text")
    assert out.returncode == 0, out.stderr
    assert "language:  kk (not Russian: stored without analysis)" in out.stdout
    record = json.loads(svodka("analyze", str(LANGUAGES / "uk_poltava-bridge.txt")).stdout)
    assert record["language"] == "uk" and record["entities"] == [] and record["quotes"] == []


# ---------------------------------------------------------------------------- statements as the analyst reads them (issue 15)


@pytest.fixture(params=["sqlite", "postgresql"])
def statements_db(request, tmp_path):
    """An archive of ``statement_articles`` on each backend: its --db value."""
    import uuid

    from svodka.store import open_store
    from tests.store.conftest import PG_ENV, statement_articles

    if request.param == "sqlite":
        url = str(tmp_path / "statements.db")
    else:
        if not os.environ.get(PG_ENV):
            pytest.skip(f"{PG_ENV} not set: PostgreSQL CLI tests skipped")
        url = f"{os.environ[PG_ENV]}?schema=svodka_test_{uuid.uuid4().hex[:12]}"
    store = open_store(url)
    store.add_articles(statement_articles())
    yield url
    if request.param == "postgresql":
        store.db.drop_schema()
    store.close()


@pytest.mark.issue(15)
def test_cli_archive_quotes_show_sentence_title_outlet_cue(statements_db):
    out = svodka("quotes", "--db", statements_db)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    i = lines.index("[Заречные вести, 2024-03-28] Павел Сорокин (person; заявил, via агентство Заречье)")
    assert lines[i + 1] == "    Глава Заречинска Павел Сорокин заявил, что [[мост закроют в мае]], передает агентство Заречье."
    assert re.fullmatch(r"    article \d+: Мэрия Заречинска закроет Северный мост", lines[i + 2])
    assert "    Директор теплосети Анна Белова сказала: «[[Мы <script>alert(1)</script> готовы к зиме]]»." in lines
    assert "[Заречные вести, 2024-03-31] водоканал (organisation; сообщили)" in lines


@pytest.mark.issue(15)
def test_cli_archive_quotes_unattributed_statement_is_the_outlets_own_report(statements_db):
    out = svodka("quotes", "--db", statements_db)
    lines = out.stdout.splitlines()
    i = lines.index("[Вечерний Тест, 2024-03-29] Вечерний Тест (own report) (по данным)")
    assert lines[i + 1] == "    По данным издания, [[на него потратят 40 миллионов рублей]]."
    assert not any(line.startswith("[") and "] ?" in line for line in lines)
    rows = json.loads(svodka("quotes", "--db", statements_db, "--json").stdout)
    park = next(r for r in rows if r["speaker"] is None)
    assert park["source"] == "Вечерний Тест" and park["title"] == "В Заречинске откроют новый парк"
    assert park["sentence"]["text"][park["sentence"]["start"] : park["sentence"]["end"]] == "на него потратят 40 миллионов рублей"


@pytest.mark.issue(15)
def test_cli_archive_entity_statements_in_their_sentence(statements_db):
    out = svodka("entity", "Павел Сорокин", "--db", statements_db)
    assert out.returncode == 0, out.stderr
    assert "      Глава Заречинска Павел Сорокин заявил, что [[мост закроют в мае]], передает агентство Заречье." in out.stdout.splitlines()
