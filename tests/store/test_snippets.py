"""A statement in its sentence (``snippets.statement_sentence``): what the quotes views show (issue 15)."""

from __future__ import annotations

import pytest

from svodka.store.snippets import SENTENCE_CONTEXT, STATEMENT_SHOWN, sentence_of, statement_sentence

pytestmark = pytest.mark.issue(15)


def _marked(text: str, said: str, **cuts) -> str:
    """``text`` cut to the sentence of its first ``said``, the statement in [[ ]]."""
    start = text.index(said)
    out = statement_sentence(text, start, start + len(said), **cuts)
    return out["text"][: out["start"]] + "[[" + out["text"][out["start"] : out["end"]] + "]]" + out["text"][out["end"] :]


SENTENCES = [
    # (text, statement, shown)
    ("Мост обветшал. Мэр заявил, что мост закроют в мае. Ремонт займёт год.", "мост закроют в мае",
     "Мэр заявил, что [[мост закроют в мае]]."),
    ("Мост обветшал! Мэр спросил, закроют ли мост? Ремонт займёт год.", "закроют ли мост",
     "Мэр спросил, [[закроют ли мост]]?"),
    ("Вчера В. В. Петров заявил, что мост закроют. Ремонт займёт год.", "мост закроют",
     "Вчера В. В. Петров заявил, что [[мост закроют]]."),
    ("Мост закроют\n\nГлава города сказал: «Мы закроем мост в мае». Ремонт займёт год.", "Мы закроем мост в мае",
     "Глава города сказал: «[[Мы закроем мост в мае]]»."),
    ("Мост обветшал. «Мы закроем мост в мае», — сказал глава города. Ремонт займёт год.", "Мы закроем мост в мае",
     "«[[Мы закроем мост в мае]]», — сказал глава города."),
    ("Мост обветшал. «Мы закроем мост в мае!» — сказал глава города. Ремонт займёт год.", "Мы закроем мост в мае!",
     "«[[Мы закроем мост в мае!]]» — сказал глава города."),
    ("Мост обветшал. Глава города сообщил: мост закроют в мае. Ремонт займёт год.", "мост закроют в мае.",
     "Глава города сообщил: [[мост закроют в мае.]]"),
    ("Мэрия закроет мост\n\nМост закроют в мае, сообщили в мэрии.", "Мэрия закроет мост",
     "[[Мэрия закроет мост]]"),
    ("Глава города сказал: «Мост старый.\n\nМы закроем его в мае». Ремонт займёт год.", "Мост старый.\n\nМы закроем его в мае",
     "Глава города сказал: «[[Мост старый. Мы закроем его в мае]]»."),
    ("Глава   города\tсказал, что мост\nзакроют в мае.", "мост\nзакроют",
     "Глава города сказал, что [[мост закроют]] в мае."),
]


@pytest.mark.parametrize("text, said, shown", SENTENCES)
def test_snippets_statement_sentence_is_the_sentence_holding_it(text, said, shown):
    assert _marked(text, said) == shown


def test_snippets_statement_sentence_cut_windows_say_so():
    text = "ло, что мост закроют в мае, передает агент"
    assert _marked(text, "мост закроют в мае", cut_before=True, cut_after=True) == "… что [[мост закроют в мае]], передает …"


def test_snippets_statement_sentence_long_sentence_is_bounded():
    filler = ", ".join(f"на участке {i} заменят трубы" for i in range(40))
    text = f"Начало. Сообщили, что {filler}, а работы продлятся до осени, {filler}. Конец."
    out = _marked(text, "работы продлятся до осени")
    assert out.startswith("… ") and out.endswith(" …") and "[[работы продлятся до осени]]" in out
    assert SENTENCE_CONTEXT - 10 <= len(out) - 4 <= SENTENCE_CONTEXT + 10  # [[ ]] are not shown
    assert "Начало" not in out and "Конец" not in out


def test_snippets_statement_sentence_long_statement_is_cut():
    said = " ".join(["слово"] * 300)
    text = f"Он сказал: «{said}». Потом ушёл."
    out = statement_sentence(text, text.index(said), text.index(said) + len(said))
    shown = out["text"][out["start"] : out["end"]]
    assert out["text"].startswith("Он сказал: «") and shown.endswith(" …") and len(shown) <= STATEMENT_SHOWN + 2
    assert out["end"] == len(out["text"])  # nothing after a cut statement
    # the database's window holds only the statement's head: the same view
    window = text[: text.index(said) + STATEMENT_SHOWN + 1 + 320]
    assert statement_sentence(window, text.index(said), text.index(said) + len(said), cut_after=True) == out


def test_snippets_sentence_of_matches_the_database_window():
    filler = " ".join(f"Предложение номер {i} о городе." for i in range(60))
    text = f"{filler} Мэр заявил, что мост закроют в мае. {filler}"
    start = text.index("мост закроют")
    assert sentence_of(text, start, start + len("мост закроют в мае")) == {"text": "Мэр заявил, что мост закроют в мае.", "start": 16, "end": 34}
