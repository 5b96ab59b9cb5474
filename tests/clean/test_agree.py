"""Tests of svodka.clean._agree: the second opinion on an HTML body (issue 16), on texts written here."""

from __future__ import annotations

import pytest

from svodka.clean._agree import second_opinion

pytestmark = pytest.mark.issue(16)

LEAD = "Городская дума Заречинска утвердила программу ремонта дворов на ближайшие три года."
TEXT = [
    LEAD,
    "В первую очередь отремонтируют дворы в старых кварталах, где асфальт не меняли больше двадцати лет.",
    "Жители смогут сами предложить, что появится в их дворе: детская площадка, парковка или сквер.",
    "Подрядчиков выберут на конкурсе, а за качеством работ будут следить общественные инспекторы.",
]
FEED = [
    "Новый сквер у вокзала откроют к осени, сообщили в мэрии, там посадят двести деревьев и поставят скамейки.",
    "На улице Речной начали ремонт теплотрассы, движение транспорта ограничено до конца месяца по выходным.",
    "В городской библиотеке прошла выставка детского рисунка, в которой участвовали триста школьников города.",
    "Футбольный клуб Заречинска выиграл кубок области, обыграв в финале команду из соседнего района.",
] * 2


def test_agree_sure_run_asks_nobody():
    asked = []
    opinion = second_opinion(TEXT, lambda: 60, lambda: asked.append(1) or [], "Дума утвердила ремонт дворов", None)
    assert opinion.paragraphs == TEXT and opinion.how == "rules" and not asked and opinion.note is None


def test_agree_cut_run_takes_the_fuller_text_with_the_lead():
    """svodka kept only the lead; trafilatura has the whole article, starting with it."""
    opinion = second_opinion([LEAD], lambda: 200, lambda: TEXT, "Дума утвердила программу ремонта дворов", LEAD)
    assert opinion.paragraphs == TEXT and opinion.how == "trafilatura"
    assert opinion.note.startswith("svodka:") and opinion.dropped == [LEAD]


def test_agree_keeps_the_article_against_a_feed():
    """svodka's run is short, trafilatura took a news feed: the run carries the article's sentences."""
    opinion = second_opinion(TEXT[:2], lambda: 400, lambda: FEED, "Дума утвердила программу ремонта дворов", LEAD)
    assert opinion.paragraphs == TEXT[:2] and opinion.how == "rules"
    assert opinion.note and opinion.dropped == FEED


def test_agree_a_lead_box_alone_is_followed_by_the_text_it_sits_apart_from():
    """Issue 16, a real page class (a lead box above the text, in another element): svodka's run
    is the page's summary and nothing more, trafilatura's text has the article without it: both."""
    opinion = second_opinion([LEAD], lambda: 200, lambda: TEXT[1:], "Дума утвердила программу ремонта дворов", LEAD)
    assert opinion.paragraphs == TEXT and opinion.how == "rules+trafilatura" and not opinion.dropped
    assert "lead only" in opinion.note


@pytest.mark.parametrize("lead", [
    "Мэрия города решила открыть новый мост через\xa0реку осенью этого года.",  # a non-breaking space
    "Мэрия города решила открыть новый мост через реку осенью этого года",  # no final period
])
def test_agree_a_lead_box_the_text_holds_in_other_typography_is_not_doubled(lead):
    # trafilatura's text holds the lead with its own spaces and marks: the article is its text
    # alone, the lead is not written twice
    summary = "Мэрия города решила открыть новый мост через реку осенью этого года"
    rules = ["Мэрия города решила открыть новый мост через реку осенью этого года."]
    body = ["Текст статьи идёт дальше и рассказывает о мосте подробно, с цифрами и сроками работ. " * 3] * 4
    opinion = second_opinion(rules, lambda: 400, lambda: [lead, *body], "Мост откроют", summary)
    assert opinion.how == "trafilatura" and len(opinion.paragraphs) == 5
