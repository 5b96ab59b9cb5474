"""The quotes stage's shortcuts (issue 15, its cost) answer as the code they replace."""

from __future__ import annotations

import random
import re

from svodka.model import Article
from svodka.nlp.models import MorphCache
from svodka.nlp.quotes._text import _lower_case_elsewhere, _speech_forms, _Text, _lexicon_forms


def test_lower_case_elsewhere_is_the_word_bounded_search():
    rng = random.Random(15)
    chars = "ад_1 .Ё²-xY"
    for _ in range(20000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        word = "".join(rng.choice(chars) for _ in range(rng.randint(0, 3)))
        expected = re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text) is not None
        assert _lower_case_elsewhere(text, word) == expected, (text, word)
    assert _lower_case_elsewhere("Аким сказал, что аким района уехал.", "аким")
    assert not _lower_case_elsewhere("Аким сказал, что акимат закрыт.", "аким")


def test_lexicon_forms_outlive_an_emptied_models_cache(models):
    """The forms of the lemma lists are constants of the dictionary: a caller emptying
    ``models._memos`` (the benchmark, every pass) gets the same sets without a rebuild."""
    doc = _Text(Article(text="Газета сообщила."), models, "Газета сообщила.", [], [], [], [])
    speech, media = _speech_forms(models), _lexicon_forms(doc, "test: газета", frozenset({"газета"}))
    assert "сообщила" in speech and "газете" in media
    saved = models.parse, models._memos
    try:
        models.parse, models._memos = MorphCache(models.morph), {}
        fresh = _Text(Article(text="x"), models, "x", [], [], [], [])
        assert _speech_forms(models) is speech
        assert _lexicon_forms(fresh, "test: газета", frozenset({"газета"})) is media
    finally:
        models.parse, models._memos = saved
