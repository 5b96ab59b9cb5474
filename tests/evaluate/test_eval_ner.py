"""Tests of svodka.evaluate.ner and the factRuEval loader.

The scoring is checked on a tiny corpus we write into tmp_path in the factRuEval layout;
the floors on the real dev set are checked when ../shared/eval is present.
"""

from __future__ import annotations

import pytest

from svodka.evaluate.factru import load_factru
from svodka.evaluate.ner import evaluate_names, evaluate_ner, format_names_report, format_ner_report, score_spans

# F1 floors: the targets (svodka measured 0.977/0.939/0.853 on factru-dev/devset,
# natasha 0.960/0.905/0.776); svodka must also stay at or above natasha on every type.
FLOORS = {"PER": 0.970, "LOC": 0.930, "ORG": 0.850}

# A document of our own in the factRuEval layout.
TEXT = "Глава МИД Ромашкии Иван Петров прибыл в Лютоград."
SPANS = """\
1 org_name 6 3 2 1  # 2 МИД
2 loc_name 10 8 3 1  # 3 Ромашкии
3 name 19 4 4 1  # 4 Иван
4 surname 24 6 5 1  # 5 Петров
5 loc_name 40 8 8 1  # 8 Лютоград
6 job 0 5 1 1  # 1 Глава
"""
OBJECTS = """\
10 Org 1 2 # МИД Ромашкии
11 LocOrg 2 # Ромашкии
12 Person 3 4 # Иван Петров
13 Location 5 # Лютоград
"""
COREF = """\
1 12
firstname Иван
lastname Петров

2 11
name Ромашкия
"""
FACTS = """\
1-0 Occupation
Who obj1 Петров Иван
Position span6 глава
Where obj2 Ромашкия
"""


@pytest.fixture
def tiny(tmp_path):
    for suffix, content in [(".txt", TEXT), (".spans", SPANS), (".objects", OBJECTS), (".coref", COREF), (".facts", FACTS)]:
        (tmp_path / f"book_1{suffix}").write_text(content, encoding="utf-8")
    return tmp_path


def test_factru_loads_gold_spans_persons_occupations(tiny):
    (doc,) = load_factru(tiny)
    assert [(doc.text[s:e], k) for s, e, k in doc.spans] == [
        ("МИД", "ORG"),
        ("Ромашкии", "LOC"),
        ("Иван Петров", "PER"),
        ("Лютоград", "LOC"),
    ]
    assert doc.persons == [{"first": "Иван", "middle": None, "last": "Петров", "spans": [(19, 30)]}]
    (fact,) = doc.occupations
    assert (fact["who_spans"], fact["position_text"], fact["where_text"]) == ([(19, 30)], "глава", "Ромашкия")


def test_eval_ner_token_scores(tiny):
    (doc,) = load_factru(tiny)
    # "МИД Ромашкии" as one ORG: МИД right, Ромашкии a wrong ORG and a missed LOC
    scores = score_spans([doc], [[(6, 18, "ORG"), (19, 30, "PER")]])
    assert scores["ORG"]["tp"] == 1 and scores["ORG"]["fp"] == 1
    assert scores["LOC"]["fn"] == 2 and scores["PER"]["f1"] == 1.0


def test_eval_ner_runs_on_tiny_corpus(tiny, models):
    result = evaluate_ner(tiny, models)
    assert set(result["svodka"]) == {"PER", "LOC", "ORG"}
    assert "natasha" in format_ner_report(result)
    names = evaluate_names(tiny, models)
    assert names["persons"] == 1
    assert "first" in format_names_report(names)


def test_eval_ner_floors_on_factru_dev(models, shared_eval):
    devset = shared_eval / "factru-dev" / "devset"
    if not devset.is_dir():
        pytest.skip("factru-dev not present")
    result = evaluate_ner(devset, models)
    for kind, floor in FLOORS.items():
        assert result["svodka"][kind]["f1"] >= floor, format_ner_report(result)
        assert result["svodka"][kind]["f1"] >= result["natasha"][kind]["f1"], kind
