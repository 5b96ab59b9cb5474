"""The command line as a user meets it: one record per document, one line per failure, exit codes."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SAMPLE, SEED

SVODKA = [sys.executable, "-m", "svodka"]


def svodka(*args, stdin: bytes | None = None):
    return subprocess.run([*SVODKA, *args], capture_output=True, input=stdin, cwd=ROOT, timeout=300)


def test_cli_bad_inputs_one_line_each_and_exit_1(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    out = svodka("analyze", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    err = out.stderr.decode()
    assert "Traceback" not in err
    lines = [l for l in err.splitlines() if l.strip()]
    assert len(lines) == 3, err
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert sum(name in l for l in lines) == 1, err


def test_cli_good_input_still_processed_beside_bad(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Власти Казани открыли новый мост через Казанку.\n\nМост соединил два района города, сообщили в мэрии.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = svodka("analyze", "--no-clean", "--format", "jsonl", str(good), str(tmp_path / "empty.txt"))
    assert out.returncode == 1
    records = [json.loads(l) for l in out.stdout.decode().splitlines()]
    assert len(records) == 1 and records[0]["path"].endswith("good.txt")
    assert records[0]["text"] == good.read_text(encoding="utf-8")


def test_cli_invalid_published_is_a_clear_error(tmp_path):
    out = svodka("analyze", "--published", "30.03.2017", str(tmp_path))
    assert out.returncode == 2 and b"YYYY-MM-DD" in out.stderr and b"Traceback" not in out.stderr


def test_cli_stdin_is_read():
    out = svodka("analyze", "--no-clean", "--format", "jsonl", "-", stdin="Министр заявил, что мост откроют в мае.".encode())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"].startswith("Министр заявил")


@pytest.mark.issue(2)
def test_cli_seed_acceptance(seed_text):
    out = svodka("analyze", str(SEED), "--format", "json")
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["source"] == "Вестник Кавказа"
    assert record["title"] == "Мы хотим сделать Казахстан полюсом стабильности в Центральной Азии - глава МИД"
    assert len(record["paragraphs"]) == 6
    assert record["lead"] == record["paragraphs"][0] and record["lead"].startswith("Казахстанские власти намерены")
    assert record["paragraphs"][-1].endswith('развитие частного сектора".')
    assert record["views"] == 7535 and record["published"] is None
    visible = record["title"] + "\n".join(record["paragraphs"])
    for chrome in ("7535 просмотров", "Видео", "Все видео", "реклама", "COP29", "Баку, Азербайджан", "11-22 ноября"):
        assert chrome not in visible
        assert chrome in record["boilerplate"]


def test_cli_demo_corpus_text_summary():
    if not SAMPLE.is_dir():
        pytest.skip("sample corpus missing")
    out = svodka("analyze", str(SAMPLE), "--format", "text")
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    assert out.stdout.decode().count("== ") >= 30


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["search", "x", "--from", "yesterday"], 2, "YYYY-MM-DD"),
        (["search", "x", "--type", "PERSON"], 2, "PER"),
        (["ingest", "data/sample", "--workers", "-1"], 2, "--workers"),
        (["analyze", "ftp://example.org/a"], 1, "unsupported URL scheme"),
        (["analyze", "--max-bytes", "10", "data/sample/dumps/01_stepnoy-kurier_zhumabaev-tashkent.txt"], 1, "10-byte limit"),
    ],
)
def test_cli_usage_and_input_errors_are_one_clear_line(args, code, message):
    out = svodka(*args)
    err = out.stderr.decode()
    assert out.returncode == code, err
    assert message in err and "Traceback" not in err


def test_cli_read_commands_refuse_a_missing_archive(tmp_path):
    missing = tmp_path / "never.db"
    out = svodka("stats", "--db", str(missing))
    assert out.returncode == 1 and b"no archive here" in out.stderr
    assert not missing.exists()


def test_cli_version():
    out = svodka("--version")
    assert out.returncode == 0 and out.stdout.decode().startswith("svodka ")


@pytest.mark.issue(17)
def test_cli_stories_as_events_and_one_story(tmp_path):
    """The team's one-topic week (tests/fixtures/stories): three stories of one event each,
    their outlets and first outlet; one story in full; an unknown id is one clear line."""
    db = str(tmp_path / "a.db")
    assert svodka("ingest", "tests/fixtures/stories", "--db", db).returncode == 0
    rows = json.loads(svodka("stories", "--db", db, "--json").stdout)
    assert sorted(s["size"] for s in rows) == [2, 2, 3]
    reply = next(s for s in rows if s["size"] == 3)
    assert reply["outlets"] == ["Степной курьер", "Тянь-Шань Ньюс", "Восток-Пресс"] and reply["first"]["source"] == "Степной курьер"
    text = svodka("stories", str(reply["id"]), "--db", db).stdout.decode()
    assert "3 articles, 3 outlets: Степной курьер, Тянь-Шань Ньюс, Восток-Пресс" in text
    assert "first: Степной курьер, 2019-11-04T10:20:00+06:00" in text and "Ерлан Тасболатов" in text and "articles per hour" in text
    missing = svodka("stories", "9999", "--db", db)
    assert missing.returncode == 1 and b"no such story" in missing.stderr and b"Traceback" not in missing.stderr


def test_cli_story_text_cuts_statements_at_words():
    """A long statement is cut at a word with "…" (not mid-word), one without a speaker is the outlet's own report."""
    from svodka.cli import _story_text

    long = "Казахстан и Узбекистан в течение года подготовят соглашение о совместном использовании водно-энергетических ресурсов бассейна Сырдарьи"
    story = {
        "id": 1, "title": "Вода", "outlets": ["Восток-Пресс"], "sources": 1, "unknown_sources": 0, "size": 1, "first": None, "articles": [],
        "growth": {"step": "hour", "bars": []},
        "statements": [{"speaker": "Нурлан Жумабаев", "source": "Восток-Пресс", "text": long}, {"speaker": None, "source": "Восток-Пресс", "text": "паводок отступил"}],
    }
    lines = _story_text(story, full=True).splitlines()
    assert lines[-2] == "    Нурлан Жумабаев (Восток-Пресс): «Казахстан и Узбекистан в течение года подготовят соглашение о совместном использовании водно-энергетических ресурсов…»"
    assert lines[-1] == "    (own report) (Восток-Пресс): «паводок отступил»"


# Every module of the command line; none imports ``svodka.cli``, so any can come first.
CLI_MODULES = ["_cli_common", "_cli_ingest", "_cli_archive", "_cli_eval", "cli_alerts", "_cli_feeds", "cli"]


@pytest.mark.issue(12)
@pytest.mark.parametrize("module", CLI_MODULES)
def test_cli_modules_import_on_their_own(module):
    """Each module imports in a fresh interpreter (no import cycle), and the command tree
    ``svodka.cli`` builds afterwards is the same whichever module came first."""
    code = (
        f"import svodka.{module}, typer, svodka.cli as c; g = typer.main.get_command(c.app); "
        "print(' '.join(g.list_commands(None)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr.decode()
    assert out.stdout.decode().split() == [
        "analyze", "ingest", "search", "quotes", "entity", "relink", "stories", "stats", "rejected", "export",
        "serve", "digest", "watch", "eval", "alerts", "feeds",
    ]
