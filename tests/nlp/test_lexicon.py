"""Tests of svodka.nlp._lexicon: one home per word list, no drift between the stages."""

from __future__ import annotations

import pytest

from svodka.nlp import _lexicon, _role_keys, _role_phrases, _speech, ner
from svodka.nlp.quotes import _marks


def test_lexicon_speaker_nouns_cover_every_organisation_head():
    """The speaker rules accept every organisation head the entity stages know, and back."""
    assert _lexicon.ORG_HEADS <= _speech.SPEAKER_NOUNS
    assert _speech.ORG_SPEAKER_NOUNS == _lexicon.ORG_HEADS
    for word in ("кремль", "акимат", "госдеп", "центробанк", "генштаб"):
        assert word in _lexicon.ORG_HEADS and word in _speech.ORG_SPEAKER_NOUNS


def test_lexicon_named_subsets_are_subsets():
    assert _lexicon.LOC_TO_ORG_HEADS <= _lexicon.ORG_HEADS
    assert _lexicon.INSTITUTION_HEADS <= _lexicon.ORG_HEADS


@pytest.mark.parametrize("pair", ["«»", "„“", "„”", "“”", "‹›", "‘’", '""'])
def test_lexicon_quote_table_pairs(pair):
    opening, closing = pair
    assert opening in _lexicon.OPENING_MARKS and closing in _lexicon.CLOSING_MARKS
    assert closing in _lexicon.CLOSERS[opening]


def test_lexicon_one_quote_table_everywhere():
    """Every stage's quote-mark sets come from the one table."""
    assert (ner.OPEN_QUOTES, ner.CLOSE_QUOTES) == (_lexicon.OPENING_MARKS, _lexicon.CLOSING_MARKS)
    assert (_role_phrases.OPEN_QUOTES, _role_phrases.CLOSE_QUOTES, _role_phrases.TOGGLE_QUOTES) == (
        _lexicon.OPEN_ONLY_MARKS,
        _lexicon.CLOSE_ONLY_MARKS,
        _lexicon.EITHER_MARKS,
    )
    assert _marks.CLOSERS is _lexicon.CLOSERS
    assert set(_lexicon.OPEN_ONLY_MARKS + _lexicon.CLOSE_ONLY_MARKS + _lexicon.EITHER_MARKS) == set(_lexicon.QUOTE_MARKS)


def test_lexicon_one_country_table():
    """Roles' aliases and quotes' stems are two views of the one country table."""
    assert _role_keys.COUNTRY_ALIASES is _lexicon.COUNTRY_ALIASES
    assert set(_lexicon.COUNTRY_ALIASES) == set(_lexicon.COUNTRY_STEMS) == set(_lexicon.COUNTRIES)
    assert _lexicon.COUNTRY_ALIASES["рф"] == _lexicon.COUNTRY_ALIASES["россия"] == "россия"
