"""Tests of svodka.evaluate.clean: the scoring rules on hand-made data, and the floors on pages-dev.

The pages-dev test reads ../shared/eval and is skipped when that folder is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svodka.evaluate.clean import decode_html, evaluate_clean, format_clean_report, normalize_text, score_page, source_ok

PAGES_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "pages-dev"

# Floors measured on pages-dev (dumps: word F1 0.977, title 0.975 when written); a drop
# below them is a regression of the dump cleaner.
DUMP_WORD_F1_FLOOR = 0.95
DUMP_TITLE_FLOOR = 0.95
# Outlet names on the 15 pages-dev dumps whose gold shows one (issue 16: 0.533 when set).
DUMP_SOURCE_FLOOR = 0.45
# HTML pages (word F1 0.989, title 1.000, published 0.850 measured): the issue's targets, and
# the published floor guards the metadata/byline date rules.
HTML_WORD_F1_FLOOR = 0.95
HTML_TITLE_FLOOR = 0.95
HTML_PUBLISHED_FLOOR = 0.80

LINES = [
    "Меню сайта",
    "Заголовок новости о погоде",
    "Первый абзац новости о погоде в городе и окрестностях.",
    "Второй абзац, в котором синоптики обещают снег и ветер.",
    "Подзаголовок внутри текста",
    "Третий абзац с выводами и прогнозом на выходные дни.",
    "Комментарий читателя о погоде и о снеге.",
]
GOLD = {"page": "x", "title": "Заголовок новости о погоде", "body_lines": [2, 3, 5], "optional_lines": [4]}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Ёлка, «Снег»!", "елка снег"),
        ("  Два   пробела\tи таб ", "два пробела и таб"),
        ("ＡＢＣ-12", "abc 12"),  # NFKC folds full-width letters
    ],
)
def test_eval_clean_normalize_text(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    "paragraphs,tp,fp",
    [
        ([LINES[2], LINES[3], LINES[5]], 3, 0),  # exact lines
        ([LINES[2] + " " + LINES[3], LINES[5]], 3, 0),  # a merged paragraph matches both lines
        ([LINES[2], LINES[4], LINES[5]], 2, 0),  # an optional line is ignored
        ([LINES[2], LINES[2]], 1, 1),  # a duplicate is a false positive
        ([LINES[2], LINES[6]], 1, 1),  # a comment is a false positive
        (["первый абзац новости о погоде в городе и окрестностях"], 1, 0),  # punctuation ignored
    ],
)
def test_eval_clean_line_matching(paragraphs, tp, fp):
    page = score_page(GOLD["title"], paragraphs, GOLD, LINES)
    assert (page["line_tp"], page["line_fp"]) == (tp, fp)


def test_eval_clean_word_counts_and_title():
    page = score_page("Заголовок новости о погоде.", [LINES[2], LINES[4], LINES[6]], GOLD, LINES)
    assert page["title_ok"]
    assert page["word_gold"] == sum(len(normalize_text(LINES[i]).split()) for i in (2, 3, 5))
    # Body and optional words count as correct, the comment's words not (except shared words).
    assert page["word_pred_ok"] < page["word_pred"]
    assert not score_page("Меню сайта", [], GOLD, LINES)["title_ok"]


def test_eval_clean_decode_html_late_charset():
    head = b"<html><head>" + b"<!-- x -->" * 3000
    page = head + '<meta charset="windows-1251"></head><body>Привет</body></html>'.encode("cp1251")
    assert "Привет" in decode_html(page)
    assert "Привет" in decode_html("<p>Привет</p>".encode("utf-8"))


def test_eval_clean_pages_dev_floor():
    if not PAGES_DEV.exists():
        pytest.skip("../shared/eval not present")
    report = evaluate_clean(PAGES_DEV)
    dumps = report["dumps"]
    assert dumps["word"]["f1"] >= DUMP_WORD_F1_FLOOR
    assert dumps["title_accuracy"] >= DUMP_TITLE_FLOOR
    assert dumps["word"]["f1"] > report["baseline"]["word"]["f1"]
    html = report["html"]
    assert html["word"]["f1"] >= HTML_WORD_F1_FLOOR
    assert html["title_accuracy"] >= HTML_TITLE_FLOOR
    assert html["published_accuracy"] >= HTML_PUBLISHED_FLOOR
    # Issue 16: the outlet's name is scored on the pages whose gold names it.
    assert dumps["source_pages"] == 15 and dumps["source_accuracy"] >= DUMP_SOURCE_FLOOR
    text = format_clean_report(report)
    assert "dumps (clean_dump)" in text and "baseline" in text
    # A row per site, with both cleaners.
    assert "per site" in text and sum(line.startswith("  01_argumenti.ru ") for line in text.splitlines()) == 1


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "predicted, site, host, ok",
    [
        ("Северный вестник", "Северный вестник", None, True),
        ("СЕВЕРНЫЙ ВЕСТНИК", "Северный вестник", None, True),
        ("Северный вестник", "// Северный вестник — новости Мурманска", None, True),
        ("Прослушать новость", "Северный вестник", None, False),
        (None, "Северный вестник", None, False),
        ("048.ua", "048.ua", "048.ua", True),
        # the name in the other alphabet: outlets write it both ways
        ("Zarechye.Ru", "Заречье.Ру", None, True),
        ("Северный Вестник", "Severny Vestnik", None, True),
        ("Zarechye.Ru", "Северный вестник", None, False),
        ("Северный вестник", None, "sever.ru", None),  # the page names no outlet: not scored
    ],
)
def test_eval_clean_source_ok(predicted, site, host, ok):
    assert source_ok(predicted, site, host) is ok


@pytest.mark.issue(16)
def test_eval_clean_cli_json_and_site_rows(tmp_path):
    """``svodka eval clean`` on a folder of the pages-dev layout (one page written here):
    ``--json`` gives the whole report, the text report a row per site."""
    import subprocess
    import sys

    lines = [
        "Северный вестник",
        "Главная",
        "В Мурманске открыли новый ледовый дворец для детей",
        "28.03.2017 14:05",
        "Администрация Мурманска открыла новый ледовый дворец, построенный на месте старого стадиона в Ленинском округе.",
        "Во дворце разместятся две ледовые арены, тренажёрный зал и трибуны на восемьсот зрителей, сообщили в мэрии.",
        "© 2017 Северный вестник",
    ]
    (tmp_path / "dumps").mkdir()
    (tmp_path / "html").mkdir()
    (tmp_path / "dumps" / "01_sever.example.txt").write_text("\n\n".join(lines), encoding="utf-8")
    html = "<html><head><title>{0}</title></head><body><div>{1}</div><h1>{0}</h1><p>{2}</p><p>{3}</p><p>{4}</p></body></html>"
    (tmp_path / "html" / "01_sever.example.html").write_text(html.format(lines[2], lines[0], lines[3], lines[4], lines[5]), encoding="utf-8")
    gold = {
        "page": "01_sever.example", "title_line": 2, "title": lines[2], "body_lines": [4, 5], "optional_lines": [],
        "site_name_line": 0, "published": "2017-03-28", "views": None,
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    run = lambda *a: subprocess.run([sys.executable, "-m", "svodka", "eval", "clean", *a], capture_output=True, cwd=root, timeout=300)  # noqa: E731
    out = run(str(tmp_path), "--json")
    assert out.returncode == 0, out.stderr.decode()
    report = json.loads(out.stdout)
    page = report["dumps"]["pages"][0]
    assert page["title_ok"] and page["published_ok"] and page["source_ok"] and page["word_f1"] == 1.0
    text = run(str(tmp_path)).stdout.decode()
    assert "per site" in text and "01_sever.example" in text


def test_eval_clean_dumps_only_without_html(tmp_path):
    """A set of crawler-text windows keeps no page bytes: with no ``html/`` folder the dumps are
    scored and the HTML part says why it is missing (issue 16's second real set)."""
    lines = [
        "Курс валют",
        "В Петрозаводске открыли новую библиотеку для школьников",
        "Новая библиотека открылась в здании бывшего кинотеатра на проспекте Ленина, сообщили в мэрии.",
        "В её фонде двенадцать тысяч книг, читальный зал и комната для настольных игр.",
    ]
    (tmp_path / "dumps").mkdir()
    (tmp_path / "dumps" / "01_onego.example.txt").write_text("\n".join(lines), encoding="utf-8")
    gold = {"page": "01_onego.example", "title_line": 1, "title": lines[1], "body_lines": [2, 3], "optional_lines": [],
            "site_name_line": None, "site_name": "onego.example", "published": None, "views": None}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    report = evaluate_clean(tmp_path)
    assert report["html"]["available"] is False and "html/" in report["html"]["reason"]
    assert report["dumps"]["pages"][0]["title_ok"]
    assert "html (clean_html): unavailable" in format_clean_report(report)


@pytest.mark.parametrize(
    "published,url_date,predicted,ok",
    [
        (None, "2021-04-02", "2021-04-02", True),  # the page shows none: the URL's date is the date
        (None, "2021-04-02", None, False),
        ("2021-04-01", "2021-04-02", "2021-04-02", False),  # a shown date wins over the URL's
        (None, None, None, True),
    ],
)
def test_eval_clean_published_takes_the_url_date_when_the_page_shows_none(published, url_date, predicted, ok):
    from svodka.evaluate.clean import _score_article
    from svodka.model import Article

    gold = dict(GOLD, published=published, url_date=url_date, views=None, site_name="x.example")
    article = Article(title=GOLD["title"], published=predicted)
    assert _score_article(article, gold, LINES)["published_ok"] is ok
