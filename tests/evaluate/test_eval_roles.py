"""Tests of svodka.evaluate.roles: the report on factRuEval Occupation facts and its format."""

from __future__ import annotations

import pytest

from svodka.evaluate.roles import evaluate_roles, format_roles_report

# A hand-made report: the formatter must print every figure the lead reads.
REPORT = {
    "path": "devset",
    "documents": 2,
    "seconds": 0.5,
    "gold_pairs": 4,
    "gold_persons_found": 4,
    "svodka_pairs": 5,
    "svodka_pairs_on_gold_persons": 3,
    "lenient": {"precision": 0.6, "recall": 0.75, "f1": 0.667, "tp_gold": 3, "tp_pred": 3, "precision_on_gold_persons": 1.0},
    "strict": {"precision": 0.2, "recall": 0.25, "f1": 0.222, "tp_gold": 1, "tp_pred": 1, "precision_on_gold_persons": 0.333},
    "misses": [{"doc": "book_1", "gold": "мэра", "person": "Пётр Сомов", "roles": []}],
    "false": [{"doc": "book_2", "person": "Олег Вяземский", "role": "политолог", "gold": [], "annotated": False}],
}


@pytest.mark.parametrize("needle", ["lenient  P 0.600  R 0.750  F1 0.667", "strict", "gold (person, position) pairs: 4", "'мэра'", "'политолог'"])
def test_eval_roles_format(needle):
    assert needle in format_roles_report(REPORT)


def test_eval_roles_devset(models, shared_eval):
    devset = shared_eval / "factru-dev" / "devset"
    if not devset.is_dir():
        pytest.skip("../shared/eval/factru-dev/devset not present")
    report = evaluate_roles(devset, models)
    assert report["documents"] > 100
    assert report["gold_pairs"] > 150
    # Measured 0.73 lenient F1 when written; the floor leaves room for NER changes upstream.
    assert report["lenient"]["f1"] >= 0.6
    assert report["strict"]["recall"] <= report["lenient"]["recall"]
    assert "lenient" in format_roles_report(report)
