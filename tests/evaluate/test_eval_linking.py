"""Tests of svodka.evaluate.linking: B-cubed of mentions to corpus entities (issue 14).

The scoring is checked on texts the team writes here (tmp_path) with gold made by
scripts/wikinews_gold.py; the floor on the real gold skips when ../shared/eval is absent.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from svodka.evaluate.linking import b_cubed, evaluate_linking, format_linking_report

from ..conftest import ROOT

_spec = importlib.util.spec_from_file_location("wikinews_gold", ROOT / "scripts" / "wikinews_gold.py")
wikinews_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wikinews_gold)

# CI floor on the real gold. First blind score (the linker before issue 14): F1 0.902; the
# acceptance is F1 >= 0.95 (measured 0.950, held-out 0.957, when the floor was set).
FLOOR_F1 = 0.945

TEXTS = {
    "1.txt": "Олаф Шольц прибыл в Тбилиси\n\nФедеральный канцлер Германии Олаф Шольц прибыл в Тбилиси. Шольца встретили в аэропорту.",
    "2.txt": "Шольц обсудил транзит\n\nКанцлер обсудил транзит грузов через Грузию. Шольцу показали порт в Поти.",
}


def test_b_cubed_by_hand():
    gold = {1: "a", 2: "a", 3: "b"}
    assert b_cubed(gold, {1: "x", 2: "x", 3: "y"})["f1"] == 1.0
    split = b_cubed(gold, {1: "x", 2: "y", 3: "z"})
    assert split["precision"] == 1.0 and split["recall"] == pytest.approx((0.5 + 0.5 + 1) / 3)
    merged = b_cubed(gold, {1: "x", 2: "x", 3: "x"})
    assert merged["recall"] == 1.0 and merged["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert b_cubed(gold, {1: "x", 2: "y", 3: "z"}, among=[3])["f1"] == 1.0


def test_linking_scoring(models, tmp_path):
    texts = tmp_path / "wikinews" / "texts"
    texts.mkdir(parents=True)
    for name, text in TEXTS.items():
        (texts / name).write_text(text, encoding="utf-8")
    records = [
        {"doc": "1.txt", "id": "Олаф Шольц", "type": "PER", "forms": ["Олаф Шольц", "Шольца"]},
        {"doc": "1.txt", "id": "Тбилиси", "type": "LOC", "forms": ["Тбилиси"]},
        {"doc": "1.txt", "id": "Германия", "type": "LOC", "forms": ["Германии"]},
        {"doc": "2.txt", "id": "Олаф Шольц", "type": "PER", "forms": ["Шольц", "Шольцу"]},
        {"doc": "2.txt", "id": "Грузия", "type": "LOC", "forms": ["Грузию"]},
        {"doc": "2.txt", "id": "Поти", "type": "LOC", "forms": ["Поти"]},
    ]
    problems: list[str] = []
    gold = wikinews_gold.linking(records, texts, problems)
    assert not problems and len(gold) == 10
    assert all(set(g) == {"doc", "start", "end", "sha", "type", "entity"} for g in gold)  # offsets and hashes, never the text
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")
    result = evaluate_linking(tmp_path / "wikinews", models, path)
    assert result["mentions"] == 10 and result["documents"] == 2
    report = format_linking_report(result)
    assert result["all"]["precision"] == 1.0 and result["most_mentioned_split"]["corpus_entities"] == 1, report
    assert result["all"]["recall"] >= 0.7 - 1e-9, report  # mentions the NER misses count as entities of their own
    assert "B-cubed" in format_linking_report(result)


def test_linking_on_the_wikinews_gold(models, shared_eval):
    corpus = shared_eval / "wikinews-ru"
    if not (corpus / "texts").is_dir():
        pytest.skip("../shared/eval/wikinews-ru not present")
    result = evaluate_linking(corpus, models)
    assert not result["problems"]
    assert result["all"]["f1"] >= FLOOR_F1, format_linking_report(result)
