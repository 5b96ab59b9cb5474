"""Tests of svodka.evaluate.quotes: the matching rules on hand-made data, the gold files' shape,
and the floors on the team's gold set (tests/gold/quotes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svodka.evaluate.quotes import evaluate_quotes, format_quotes_report, score_article
from svodka.model import Article, Quote, Speaker

GOLD = Path(__file__).resolve().parents[1] / "gold" / "quotes"

# Floors a bit below the figures measured when written (dev: direct 1.00/1.00, indirect
# 1.00/1.00, speaker 0.95; held-out first score before any fix: direct 1.00/0.875, indirect
# 0.97/0.97, speaker 0.96). A drop below them is a regression of svodka.nlp.quotes or of the
# entity stages it reads.
FLOORS = {
    # measured 1.0/1.0, 1.0/1.0, speaker 0.981 (2026-11-27; 0.982 with the о-phrase and 'по данным X'
    # statements of issue 15); the issue's targets are 0.95 / 0.85 / 0.90
    "dev": {"direct": (0.97, 0.97), "indirect": (0.95, 0.95), "speaker": 0.95},
    # measured 1.0 everywhere after fixes (first blind score: direct R 0.875, indirect 0.969, speaker 0.956);
    # speaker 0.980 once 'По данным издания' became a statement (the outlet noun is not resolved back)
    "heldout": {"direct": (0.95, 0.95), "indirect": (0.90, 0.90), "speaker": 0.92},
    # descriptions and pronouns that refer back; measured 1.0
    "backref": {"direct": (0.95, 0.95), "indirect": (0.90, 0.90), "speaker": 0.90},
}

# The gold set must keep covering every pattern with enough statements.
MIN_STATEMENTS = 150

TEXT = "Заголовок\n\nИван сказал, что дождь кончится. «Скоро выглянет солнце», — добавил он."


def _gold(statements):
    return {"id": "x", "statements": statements}


def _quote(kind, start, end, name):
    return Quote(kind, TEXT[start:end], start, end, Speaker(name, "PER") if name else None)


@pytest.mark.parametrize(
    "case, quotes, tp, speaker_ok",
    [
        ("exact span", [("indirect", "дождь кончится", "Иван")], 1, 1),
        ("overlap over half", [("indirect", "дождь кончится.", "иван")], 1, 1),
        ("wrong kind", [("direct", "дождь кончится", "Иван")], 0, 0),
        ("wrong speaker", [("indirect", "дождь кончится", "Пётр")], 1, 0),
        ("too short", [("indirect", "дождь", "Иван")], 1, 1),  # containment after normalising
        ("no speaker", [("indirect", "дождь кончится", None)], 1, 0),
    ],
)
def test_eval_quotes_matching(case, quotes, tp, speaker_ok):
    article = Article(text=TEXT)
    for kind, fragment, name in quotes:
        start = TEXT.find(fragment)
        article.quotes.append(_quote(kind, start, start + len(fragment), name))
    scored = score_article(article, _gold([{"kind": "indirect", "text": "дождь кончится", "speaker": ["Иван", "Иван Петров"]}]))
    assert scored["indirect"]["tp"] == tp
    assert scored["indirect"]["speaker_ok"] == speaker_ok


def test_eval_quotes_false_alarm_and_miss():
    article = Article(text=TEXT)
    start = TEXT.find("Скоро")
    article.quotes.append(_quote("direct", start, start + 20, "Иван"))
    scored = score_article(article, _gold([{"kind": "indirect", "text": "дождь кончится", "speaker": "Иван"}]))
    assert (scored["direct"]["pred"], scored["direct"]["tp"], scored["indirect"]["gold"]) == (1, 0, 1)
    assert len(scored["false"]) == 1 and len(scored["misses"]) == 1


def test_eval_quotes_gold_files_are_consistent():
    total = 0
    for path in sorted(GOLD.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            text = Article.build(g.get("title"), g["paragraphs"]).text
            for s in g["statements"]:
                assert s["kind"] in ("direct", "indirect")
                assert s["text"] in text, (g["id"], s["text"])
                assert s["speaker"]
            total += len(g["statements"])
    assert total >= MIN_STATEMENTS


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_eval_quotes_floors(models, name):
    report = evaluate_quotes(GOLD / f"{name}.jsonl", models)
    part = report["files"][name]
    floors = FLOORS[name]
    for kind in ("direct", "indirect"):
        p_floor, r_floor = floors[kind]
        assert part[kind]["precision"] >= p_floor, format_quotes_report(report)
        assert part[kind]["recall"] >= r_floor, format_quotes_report(report)
    assert part["speaker_accuracy"] >= floors["speaker"], format_quotes_report(report)
