"""Roles of persons given by predicates: "Петров стал мэром", "занимал пост министра".

The roles stage (``roles.py``) reads roles next to names itself and asks this module for the
roles a clause gives its subject: a copula or appointment verb with a role in the
instrumental ("стал мэром", "работал инженером", "назначен послом", "Мэром города стал
Петров"), or a post noun with one in the genitive ("занимал пост министра", "назначен на
должность директора"); the subject is a person's name in the nominative, or the person a
pronoun ("он", "она") or a relative pronoun ("Петров, который стал мэром") stands for.

No syntax parser: the role phrases of ``_role_phrases`` over the tokens and pymorphy3 parses
of the analysed text, and the person mentions of the earlier stages.
"""

from __future__ import annotations

from ..model import Entity, Mention
from ._lexicon import COPULA_VERBS, POST_NOUNS, RELATIVE_PRONOUNS, SUBJECT_PRONOUNS
from ._role_phrases import CLOSE_QUOTES, MAX_TAIL_TOKENS, TAIL_PREPOSITIONS, TOGGLE_QUOTES, _Analysis, _name_cases, _Phrase, _phrase_at
from .text import AnalysedText

__all__ = ["read_predicates"]

# Short words allowed between a copula and its role, or a role and its name ("стал уже",
# "был официально назначен", "избран вновь").
COPULA_FILLERS = frozenset({"уже", "также", "тоже", "теперь", "ранее", "прежде", "сейчас", "ныне", "официально", "был", "была", "было", "будет", "вновь", "снова", "впервые", "единогласно"})

# Parts of speech of a copula: a finite verb, an infinitive, a short participle ("назначен").
COPULA_POS = frozenset({"VERB", "INFN", "PRTS"})

# Most words between a copula and its subject (the name, a pronoun): "Петров в 2005 году стал".
MAX_SUBJECT_DISTANCE = 8

# Words that open a subordinate clause: a subject is not looked for past them.
CLAUSE_OPENERS = frozenset({"что", "чтобы", "если", "когда", "где", "как", "пока", "хотя", "но", "а", "однако"})

# Prepositions that govern the instrumental: "с министром" is company, not a predicate.
INSTRUMENTAL_PREPOSITIONS = frozenset({"с", "со", "над", "под", "перед", "за", "между", "рядом"})



def read_predicates(analysis: _Analysis, layer: AnalysedText, persons: list[Entity]) -> list[tuple[Entity, _Phrase]]:
    """The roles predicates give persons: (person, role phrase) in text order.

    "Петров стал мэром", "Мэром города стал Петров", "Он работал инженером", "занимал пост
    министра", "назначен на должность директора": a copula with a role in the instrumental
    (or a post noun with one in the genitive), and the person the clause is about.
    """
    holders = _name_tokens(analysis, persons)
    found: list[tuple[Entity, _Phrase]] = []
    for k in range(len(analysis.tokens)):
        if not _is_copula(analysis, k):
            continue
        phrase = _predicate_after(analysis, k) or _predicate_before(analysis, k)
        if phrase is None:
            continue
        entity = _subject(analysis, layer, holders, k, phrase)
        if entity is not None:
            found.append((entity, phrase))
    return found


def _name_tokens(analysis: _Analysis, persons: list[Entity]) -> dict[int, tuple[Entity, Mention]]:
    """Token -> (person, name mention) for every token inside a person's name."""
    starts = [t.start for t in analysis.tokens]
    holders: dict[int, tuple[Entity, Mention]] = {}
    for entity in persons:
        for mention in entity.mentions:
            if mention.kind == "name":
                for i in analysis._covered(starts, mention.start, mention.end):
                    holders[i] = (entity, mention)
    return holders


def _is_copula(analysis: _Analysis, k: int) -> bool:
    """Is token ``k`` a verb or short participle that links a person to a position?"""
    if analysis.owner[k] is not None or not analysis.tokens[k].text[:1].islower():
        return False
    return any(p.tag.POS in COPULA_POS and p.normal_form in COPULA_VERBS for p in analysis.parses(k))


def _predicate_after(analysis: _Analysis, k: int) -> _Phrase | None:
    """The role after the copula at token ``k``: "стал министром", "занял пост министра"."""
    tokens = analysis.tokens
    j = k + 1
    while j < len(tokens) and j - k <= 2 and not analysis.gap(j).strip() and analysis.lower(j) in COPULA_FILLERS:
        j += 1
    cases = {"ablt"}
    if j + 1 < len(tokens) and analysis.lower(j) == "на" and not analysis.gap(j + 1).strip() and _is_post(analysis, j + 1):
        j += 1
    if j < len(tokens) and not analysis.gap(j).strip() and _is_post(analysis, j):
        j += 1
        cases = {"gent"}
    if j >= len(tokens) or analysis.gap(j).strip():
        return None
    return _phrase_at(analysis, j, cases, before_name=False, widen=False)


def _is_post(analysis: _Analysis, j: int) -> bool:
    """Is token ``j`` a post noun ("пост", "должности")?"""
    return any(p.tag.POS == "NOUN" and p.normal_form in POST_NOUNS for p in analysis.parses(j))


def _skip_back(analysis: _Analysis, k: int) -> int:
    """The last token before the copula at ``k`` past fillers and a pronoun ("Министром он был")."""
    end = k - 1
    while end >= 0 and k - end <= 3 and (analysis.lower(end) in COPULA_FILLERS or analysis.lower(end) in SUBJECT_PRONOUNS):
        end -= 1
    return end


def _predicate_before(analysis: _Analysis, k: int) -> _Phrase | None:
    """A role in the instrumental before the copula at token ``k``: "Министром он проработал",
    "Мэром города стал Петров"; not after a preposition ("с министром")."""
    end = _skip_back(analysis, k)
    if end < 0 or analysis.gap(end + 1).strip():
        return None
    for head in range(end, max(-1, end - MAX_TAIL_TOKENS), -1):
        if analysis.owner[head] == "PER" or analysis.gap(head + 1).strip():
            return None
        if not analysis.head_parses(head, widen=False):
            continue
        phrase = analysis.phrase(head, {"ablt"}, TAIL_PREPOSITIONS, widen=False)
        if phrase is None or phrase.last != end:
            return None
        before = phrase.first - 1
        if before >= 0 and not analysis.gap(phrase.first).strip() and analysis.lower(before) in INSTRUMENTAL_PREPOSITIONS:
            return None
        return phrase
    return None


def _subject(analysis: _Analysis, layer: AnalysedText, holders: dict[int, tuple[Entity, Mention]], k: int, phrase: _Phrase) -> Entity | None:
    """The person a predicate is about: a name in the nominative before the copula (or right
    after it, when the role comes first), or the person "он/она" stands for."""
    inverted = phrase.last < k
    between = range(k - 1, phrase.last, -1) if inverted else range(0)  # "Министром он проработал"
    before = range(min(k, phrase.first) - 1, max(-1, min(k, phrase.first) - 1 - MAX_SUBJECT_DISTANCE), -1)
    for i in [*between, *before]:
        if i not in between and analysis.gap(i + 1).strip(" " + CLOSE_QUOTES + TOGGLE_QUOTES):
            break  # punctuation: the clause starts after token i
        if i in holders:
            entity, mention = holders[i]
            if _nominative(analysis, mention):
                return entity
            continue
        if analysis.lower(i) in SUBJECT_PRONOUNS:
            return _antecedent(analysis, layer, holders, i)
        if analysis.lower(i) in RELATIVE_PRONOUNS:  # "Петров, который стал мэром"
            return holders[i - 1][0] if i - 1 in holders and analysis.gap(i).strip() == "," else None
        if _clause_edge(analysis, i):
            break
    return _subject_after(analysis, holders, k) if inverted else None


def _clause_edge(analysis: _Analysis, i: int) -> bool:
    """Does token ``i`` open the clause ("что", "но") or is it a subject other than a person
    (a noun that can only be nominative: "сын", "компания")?"""
    if analysis.lower(i) in CLAUSE_OPENERS:
        return True
    ps = analysis.parses(i)
    return bool(ps) and all(p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" for p in ps)


def _subject_after(analysis: _Analysis, holders: dict[int, tuple[Entity, Mention]], k: int) -> Entity | None:
    """A name in the nominative right after the copula: "Мэром стал (был избран) Иван Петров"."""
    j = k + 1
    while j < len(analysis.tokens) and j - k <= 3 and not analysis.gap(j).strip():
        if j in holders:
            entity, mention = holders[j]
            return entity if _nominative(analysis, mention) else None
        if not (analysis.lower(j) in COPULA_FILLERS or _is_copula(analysis, j)):
            return None
        j += 1
    return None


def _nominative(analysis: _Analysis, mention: Mention) -> bool:
    """Can a name mention be in the nominative (unknown foreign names can)?

    A mention whose last word differs from its base form's is inflected ("Лаптева" of
    "Лаптев"): the names stage knew the person, a parse alone would read a woman's surname.
    """
    if mention.normal and mention.text.split():
        return _last_word(mention.text) == _last_word(mention.normal)
    cases = _name_cases(analysis, mention)
    return cases is None or "nomn" in cases


def _last_word(name: str) -> str:
    """The last word of a name, lower case, ё as е."""
    return name.split()[-1].lower().replace("ё", "е")


def _antecedent(analysis: _Analysis, layer: AnalysedText, holders: dict[int, tuple[Entity, Mention]], i: int) -> Entity | None:
    """The person a pronoun at token ``i`` stands for: the subject (first nominative name of
    the pronoun's gender) earlier in its sentence, else in the sentence before; without a
    nominative one, the only person of that gender there."""
    gender = SUBJECT_PRONOUNS[analysis.lower(i)]
    start = analysis.tokens[i].start
    sentence = layer.sentence_at(start)
    if sentence is None:
        return None
    before = len(layer.text[: sentence.start].rstrip()) - 1
    previous = layer.sentence_at(before) if before >= 0 else None
    for lo, hi in ((sentence.start, start), (previous.start, previous.end) if previous else (0, 0)):
        found = [holders[t] for t in sorted(holders) if lo <= analysis.tokens[t].start < hi]
        if found:
            return _subject_among(analysis, found, gender)
    return None


def _subject_among(analysis: _Analysis, found: list[tuple[Entity, Mention]], gender: str) -> Entity | None:
    """Of the names in a stretch, the first nominative one of ``gender``, else the only person of it."""
    agreeing = {e.id: e for e, _m in found if _gender_of(analysis, e) in (gender, None)}
    subjects = [e for e, m in found if e.id in agreeing and _nominative(analysis, m)]
    if subjects or len(agreeing) == 1:
        return (subjects or list(agreeing.values()))[0]
    return None


def _gender_of(analysis: _Analysis, entity: Entity) -> str | None:
    """A person's gender by the first name or surname (None when pymorphy3 does not know it)."""
    for word in (entity.first, entity.last):
        if not word:
            continue
        for p in analysis.parse(word):
            if {"Name", "Surn"} & set(p.tag.grammemes) and p.tag.gender in ("masc", "femn"):
                return p.tag.gender
    return None
