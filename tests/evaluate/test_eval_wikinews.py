"""Tests of svodka.evaluate.wikinews: the team's blind gold on wikinews-ru (issue 13).

The scoring is checked on a texts folder the team writes here (tmp_path) with gold made by
scripts/wikinews_gold.py; the floors on the real gold skip when ../shared/eval is absent.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from svodka.evaluate.wikinews import (
    evaluate_wikinews_names,
    evaluate_wikinews_roles,
    form_key,
    format_wikinews_names_report,
    format_wikinews_roles_report,
    is_wikinews,
    split_of,
)

from ..conftest import ROOT

_spec = importlib.util.spec_from_file_location("wikinews_gold", ROOT / "scripts" / "wikinews_gold.py")
wikinews_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wikinews_gold)

# CI floors on the real gold (measured figures are in the README's quality table).
# First blind scores: names 0.971, roles lenient P 0.853 / R 0.487; the issue's acceptance
# is names >= 0.97 and roles R >= 0.80 at P >= 0.85 (measured 0.988 and 0.916 / 0.801 when
# the floors were set; the recall floor leaves a little room for changes upstream).
FLOORS = {"names": 0.975, "roles_recall": 0.78, "roles_precision": 0.85}

TEXT = (
    "Министр финансов Ольга Светлова встретилась с мэром Заречного\n\n"
    "В четверг министр финансов Ольга Светлова провела встречу с Игорем Кравцом, мэром Заречного. "
    "Светлову сопровождал заместитель министра Павел Дроздов. Ранее Дроздов работал аудитором."
)


@pytest.fixture()
def corpus(tmp_path):
    texts = tmp_path / "wikinews" / "texts"
    texts.mkdir(parents=True)
    (texts / "1.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "wikinews"


def _gold(tmp_path, layer, records):
    work = tmp_path / f"{layer}.work.jsonl"
    work.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    problems: list[str] = []
    convert = wikinews_gold.names if layer == "names" else wikinews_gold.roles
    gold = convert([json.loads(line) for line in work.read_text(encoding="utf-8").splitlines()], tmp_path / "wikinews" / "texts", problems)
    assert not problems
    out = tmp_path / f"{layer}.gold.jsonl"
    out.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    assert TEXT[:20] not in out.read_text(encoding="utf-8")  # offsets and hashes, never the text
    return out


def test_form_key_ignores_case_yo_and_spaces():
    assert form_key("Пётр  Сомов") == form_key("петр сомов")
    assert form_key("Пётр Сомов") != form_key("Пётр Сомова")


def test_split_is_stable_and_holds_out_about_a_third():
    docs = [f"{i}.txt" for i in range(600)]
    held = sum(split_of(d) == "heldout" for d in docs)
    assert 150 < held < 250
    assert split_of("7.txt") == split_of("7.txt")


def test_occurrences_are_whole_words():
    assert wikinews_gold.occurrences("Иван Иванович и Иванов", "Иван") == [(0, 4)]


def test_converter_reports_strings_not_in_the_text(tmp_path, corpus):
    problems: list[str] = []
    wikinews_gold.names([{"doc": "1.txt", "text": "Петрова", "type": "PER", "base": "Петров"}], corpus / "texts", problems)
    assert problems and "not in the text" in problems[0]


def test_is_wikinews(corpus, tmp_path):
    assert is_wikinews(corpus) and is_wikinews(corpus / "texts")
    assert not is_wikinews(tmp_path)


def test_names_scoring(models, tmp_path, corpus):
    gold = _gold(tmp_path, "names", [
        {"doc": "1.txt", "text": "Ольга Светлова", "type": "PER", "base": "Ольга Светлова", "tags": ["female", "multi"]},
        {"doc": "1.txt", "text": "Игорем Кравцом", "type": "PER", "base": "Игорь Кравец", "tags": ["multi"]},
        {"doc": "1.txt", "text": "Светлову", "type": "PER", "base": "Светлова", "tags": ["female"]},
        # a deliberately wrong gold base form: scored as an error
        {"doc": "1.txt", "text": "Дроздов", "occurrence": 2, "type": "PER", "base": "Дроздова"},
    ])
    result = evaluate_wikinews_names(corpus, models, gold)
    overall = result["groups"]["all"]
    assert overall["gold"] == 5
    assert overall["found"] == 5
    assert overall["accuracy"] == pytest.approx(4 / 5)
    assert result["groups"]["tag:female"]["accuracy"] == 1.0
    assert "base form" in format_wikinews_names_report(result)


def test_roles_scoring(models, tmp_path, corpus):
    gold = _gold(tmp_path, "roles", [
        {"doc": "1.txt", "person": "Ольга Светлова", "mentions": ["Ольга Светлова", "Светлову"],
         "roles": [{"text": "Министр финансов", "kind": "apposition"}]},
        {"doc": "1.txt", "person": "Павел Дроздов", "mentions": ["Павел Дроздов", "Дроздов"],
         "roles": [{"text": "заместитель министра", "kind": "apposition"}, {"text": "аудитором", "kind": "predicate"}]},
    ])
    result = evaluate_wikinews_roles(corpus, models, gold)
    overall = result["groups"]["all"]
    assert overall["gold"] == 3
    assert result["groups"]["apposition"]["gold"] == 2
    assert result["groups"]["apposition"]["lenient"]["recall"] == 1.0
    # Игорь Кравец is not in the gold: the annotation is exhaustive, so his role counts as false.
    assert overall["lenient"]["precision"] < 1.0
    assert "lenient P" in format_wikinews_roles_report(result)


def _real_corpus(shared_eval):
    corpus = shared_eval / "wikinews-ru"
    if not corpus.is_dir():
        pytest.skip("../shared/eval/wikinews-ru not present")
    return corpus


@pytest.mark.issue(13)
def test_names_on_the_wikinews_gold(models, shared_eval):
    result = evaluate_wikinews_names(_real_corpus(shared_eval), models, baseline=False)
    assert not result["problems"]
    overall = result["groups"]["all"]
    assert overall["gold"] >= 400 and result["distinct"] >= 100
    assert overall["accuracy"] >= FLOORS["names"]
    assert overall["coverage"] >= 0.95


@pytest.mark.issue(13)
def test_roles_on_the_wikinews_gold(models, shared_eval):
    result = evaluate_wikinews_roles(_real_corpus(shared_eval), models)
    assert not result["problems"]
    assert result["documents"] >= 60
    lenient = result["groups"]["all"]["lenient"]
    assert lenient["recall"] >= FLOORS["roles_recall"]
    assert lenient["precision"] >= FLOORS["roles_precision"]
