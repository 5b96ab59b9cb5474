"""A second opinion on an HTML page's body: svodka's own run against trafilatura's text.

The run search of ``clean.html`` can take too little (a body cut to its lead when the text
sits in another element) or too much; trafilatura fails in other ways. When svodka's run holds
much less than the page's prose, trafilatura is asked too (only then: it costs time). When the
two disagree widely, the one that carries the article's sentences is kept: the sentences the
page itself gives as its summary (``og:description``/``description``, usually the lead), else
the headline's words in the first paragraphs; a run that is only the page's lead box (its summary)
is followed by the other's text. The disagreement is said in ``boilerplate`` (a
note first, then the paragraphs that were dropped) and in ``extras["extraction"]``.
"""

from __future__ import annotations

import re

from ._dumpmeta import stems

__all__ = ["Opinion", "second_opinion"]

# svodka's run is doubted when it holds less than this share of the prose after the headline.
DOUBT_SHARE = 0.5

# The two disagree widely when one has less than this share of the words of the other.
WIDE_SHARE = 0.5

# svodka's run is the page's lead box alone when it carries this share of the page's summary
# and has at most this many times its words.
LEAD_BOX_SHARE = 0.8
LEAD_BOX_WORDS = 1.5

# How many first paragraphs of a candidate are read for the article's sentences.
LEAD_PARAGRAPHS = 2


class Opinion:
    """The kept paragraphs, what was dropped, and how (``rules``, ``trafilatura``)."""

    __slots__ = ("paragraphs", "dropped", "how", "note")

    def __init__(self, paragraphs: list[str], how: str, dropped: list[str] | None = None, note: str | None = None):
        self.paragraphs = paragraphs
        self.how = how
        self.dropped = dropped or []
        self.note = note


def _words(paragraphs: list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _carries(paragraphs: list[str], summary: str) -> float:
    """Share of the summary's stems found in the first paragraphs."""
    want = stems(summary)
    if not want:
        return 0.0
    return len(want & stems(" ".join(paragraphs[:LEAD_PARAGRAPHS]))) / len(want)


# A line of at most this many words and no final stop under the headline is its deck.
DECK_MAX_WORDS = 25


def _past_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """A reading without the headline it opens with and the deck under it (trafilatura's may
    start so: "Заголовок", "Подзаголовок", then the lead): where its text starts."""
    if not paragraphs or not title or _WORD.findall(paragraphs[0].lower()) != _WORD.findall(title.lower()):
        return paragraphs
    rest = paragraphs[1:]
    if len(rest) > 1 and len(rest[0].split()) <= DECK_MAX_WORDS and not rest[0].rstrip(" »\"”").endswith((".", "!", "?", "…")):
        rest = rest[1:]
    return rest


def _holds(paragraphs: list[str], paragraph: str) -> bool:
    """Do the paragraphs hold a paragraph's words in order (spaces, a non-breaking one too,
    punctuation and case aside: trafilatura's typography is not svodka's)?"""
    words = " ".join(_WORD.findall(paragraph.lower()))
    text = " ".join(_WORD.findall(" ".join(paragraphs).lower()))
    return bool(words) and f" {words} " in f" {text} "


_WORD = re.compile(r"\w+")


def second_opinion(rules: list[str], prose_words, ask, title: str | None, summary: str | None) -> Opinion:
    """svodka's paragraphs, or trafilatura's when svodka's are doubtful and trafilatura's carry
    the article's sentences better.

    Args:
        rules: the paragraphs of svodka's run.
        prose_words: a function giving the words of all prose lines after the headline
            (before comments); called only when the run is short enough to doubt.
        ask: a function giving trafilatura's paragraphs (called only when needed).
        title: the headline; summary: the page's own description of the article, if any.
    """
    mine = _words(rules)
    if not rules or mine >= DOUBT_SHARE * prose_words():
        return Opinion(rules, "rules")
    other = ask()
    theirs = _words(other)
    if not other or min(mine, theirs) >= WIDE_SHARE * max(mine, theirs):
        return Opinion(rules, "rules")
    lead_box = summary and _carries(rules, summary) >= LEAD_BOX_SHARE and mine <= LEAD_BOX_WORDS * len(summary.split())
    if lead_box and not _holds(other, rules[0]):
        # the run is the page's lead box and nothing more (the summary itself, set apart from
        # the text, which the other's paragraphs hold without it): the article is both
        kept = rules + other
        note = f"svodka: its own run ({mine} words) is the page's lead only; trafilatura's text ({theirs} words) follows it"
        return Opinion(kept, "rules+trafilatura", [], note)
    probe = summary or title or ""
    text = _past_headline(other, title)
    take_other = _carries(text, probe) > _carries(rules, probe) or (
        _carries(text, probe) == _carries(rules, probe) and theirs > mine and _holds(other, rules[0])
    )
    kept, dropped = (other, rules) if take_other else (rules, other)
    note = (
        f"svodka: its own run ({mine} words) and trafilatura ({theirs} words) disagree; "
        f"kept {'trafilatura' if take_other else 'the run'}, the other below"
    )
    return Opinion(kept, "trafilatura" if take_other else "rules", dropped, note)
