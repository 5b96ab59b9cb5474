"""How a word or a name stands in its sentence, for the speaker passes: agreement of an
adjective with its noun, a person mention read as a nominative subject, a possessive pronoun
before a noun, a surname after a noun of relation, a gloss in Latin letters.

Shared by the noun phrases (``_descriptions``), the antecedents (``_antecedents``), the
subjects (``_subjects``) and the resolution (``_speakers``); it imports none of them.
"""

from __future__ import annotations

import re

from ...model import Entity, Mention
from .._speech import RELATION_NOUNS
from ._text import _Text, _Tok, _WORD, _has_case, _is_adj


def _possessive_of_noun(doc: _Text, tok: _Tok, end: int | None = None) -> bool:
    """Is "его"/"ее"/"их" a possessive before a noun that is the subject ("сообщила РБК его
    помощница", "сказал ее адвокат"), not the speaker ("по его словам" is the pronoun's)?"""
    if tok.low not in ("его", "ее", "её", "их"):
        return False
    i = doc._index(tok.end)
    nxt = doc.tokens[i] if i < len(doc.tokens) else None
    if nxt is None or end is not None and nxt.end > end or doc.text[tok.end : nxt.start].strip() or nxt.low in ("слова", "словам", "мнению", "слов"):
        return False
    return any(p.tag.POS == "NOUN" and p.tag.case == "nomn" for p in doc.parse(nxt.text)[:2]) or _is_adj(doc, nxt)


def _gloss(doc: _Text, m: Mention) -> bool:
    """Is a mention the name in Latin letters written in brackets after the name ("Карен
    Казарян (Karen Kazaryan) признал"): a gloss of the person named before it?"""
    return bool(re.match(r"[A-Za-z]", m.text)) and doc.text[max(0, m.start - 2) : m.start].strip() == "("


def _relation_of(doc: _Text, m: Mention, e: Entity) -> bool:
    """"официальный представитель Теру", "адвокат Джонсон": a bare surname after a noun of a
    relation to someone (a representative, a lawyer, kin), of a person the article named
    before, is that person's (an indeclinable genitive), not an apposition."""
    i = doc._index(m.start)
    if i == 0 or " " in m.text.strip() or doc.lemma(doc.tokens[i - 1].text) not in RELATION_NOUNS or not _has_case(doc, doc.tokens[i - 1], "nomn"):
        return False  # "в разговоре с агентом Джеймсон говорил": the noun is no subject
    if not e.last or m.text.strip().lower().replace("ё", "е") != e.last.lower().replace("ё", "е"):
        return False  # "младший брат Пётр": a first name in apposition
    return any(x.kind == "name" and x.start < m.start for x in e.mentions)


def _agreeing(doc: _Text, adj: _Tok, noun: _Tok) -> bool:
    """Can an adjective agree with the noun after it (some pair of readings)?"""
    nouns = [p for p in doc.parse(noun.text)[:4] if p.tag.POS == "NOUN"]
    return any(_agrees(a, n) for a in doc.parse(adj.text) if a.tag.POS in ("ADJF", "PRTF") for n in nouns)


def _agrees(adj, noun) -> bool:
    """Do an adjective reading and a noun reading agree in case, number and (singular) gender?"""
    if adj.tag.case != noun.tag.case or adj.tag.number != noun.tag.number:
        return False
    return noun.tag.number == "plur" or adj.tag.gender == noun.tag.gender or noun.tag.gender is None


def _nominative_mention(doc: _Text, m: Mention, e: Entity) -> bool:
    """Is a person mention in the nominative: its surname as in the base name ("Петрова" of
    Игорь Петров is a genitive), else readable in the nominative?"""
    words = _WORD.findall(m.text)
    if not words:
        return False
    fold = lambda w: w.lower().replace("ё", "е")  # noqa: E731
    if fold(words[-1]) in {fold(x) for x in (e.first, e.middle, e.last) if x}:
        return True  # written as in the base name: "Пётр", "Теру"
    if e.last and " " in e.name.strip():
        return False  # "Петрова" of Игорь Петров: another case
    return _is_subject(doc, m)


def _is_subject(doc: _Text, m: Mention) -> bool:
    """Can a person mention be a subject (its last word readable in the nominative)?"""
    words = _WORD.findall(m.text)
    return bool(words) and any(p.tag.case == "nomn" for p in doc.parse(words[-1])[:4])
