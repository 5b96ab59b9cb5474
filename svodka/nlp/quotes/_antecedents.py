"""Pronouns and what they refer back to: "он", "она", "его", "их" and "По их словам".

A singular pronoun is the body that spoke last when its noun has the pronoun's gender, else
the last speaker unless a newer person subject came after that statement, else an unnamed
described subject or a person noun of the sentence before; a plural one is the last group
speaker, a plural person noun after it, or a plural description before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ...model import Mention, Speaker
from ._outlets import _named_outlets, _relay_before
from ._persons import _gender_fits, _trusted_role
from ._text import (
    PRONOUNS,
    _Attribution,
    _Said,
    _SENT_END,
    _Text,
    _Tok,
    _WORD,
    _block_starts,
    _common_noun_person,
    _ends_between,
    _first_tokens_outside_quotes,
    _is_adj,
    _is_finite_verb,
    _mentions_from,
    _mentions_in,
    _real_end,
    _sentence_end,
    _sentence_start,
    _speaker_noun,
    _speaker_of,
    _window_start,
)
from ._grammar import _gloss, _is_subject, _nominative_mention
from ._descriptions import _np_speaker


def _pronoun(doc: _Text, said: _Said, tok: _Tok, pos: int, cue: _Attribution | None = None) -> Speaker | None:
    """The antecedent of "он"/"она"/"его"/"ее"/"они": the latest compatible speaker or person."""
    want = PRONOUNS.get(tok.low)
    if want in ("masc", "femn"):
        body = _body_antecedent(doc, said, tok.start, want)
        if body is not None:
            return body
        return _antecedent(doc, said, tok.start, want) or _described_subject(doc, said, tok.start, want) or _person_noun_before(doc, tok.start, want)
    # "По словам собеседников «Ъ», ... По их словам": the last speaker, a group, in this or
    # the previous paragraph, unless a plural person noun stands after its statement
    # ("Жители ... Они говорят", "Правоцентристы стали обвинять ... Они обещают")
    last = _last_speaker(doc, said, tok.start, "plur")
    if last is not None and last[0] < _window_start(doc, tok.start):
        last = None
    toks = [t for t in doc.toks(max(0, tok.start - 200), tok.start)]
    for t in reversed(toks):
        if last is not None and t.start < last[1]:
            break
        p = doc.parse(t.text)[0]
        if p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag and p.tag.case == "nomn" and not doc.in_quote(t.start):
            if last is not None and t.low == last[2].name.split()[0].lower():
                break  # "полагают собеседники издания. По их словам": that speaker itself
            return Speaker(t.low, "OTHER", None)
    if last is not None:
        return last[2]
    # "со ссылкой на неназванных представителей администрации. По их словам": a plural
    # person noun in any case, with its description
    described = _plural_described(doc, said, toks)
    if described is not None:
        if cue is not None and cue.via is None:
            cue.via = _relay_before(doc, described[1])  # "передает X со ссылкой на источники. По их словам"
        return described[0]
    for s in reversed(said.speakers):
        if s.type in ("OTHER", "ORG"):
            return s
    return None


def _body_antecedent(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """"Об этом пишет газета «Коммерсант». По ее данным, ...": the pronoun is the body that
    spoke last, when its noun has the pronoun's gender and no person was named since."""
    if not said.spoken:
        return None
    st, en, sp = said.spoken[-1]
    if sp.type != "ORG" or st < _window_start(doc, pos):
        return None
    if any(e.type == "PER" and en <= m.start < pos for m, e in _mentions_from(doc, en, pos)):
        return None
    nouns = [lemma for at, lemma, name, _e in _named_outlets(doc) if name == sp.name and at < pos]
    words = _WORD.findall(sp.name)
    nouns += [words[0].lower()] if words and not words[0][0].isupper() else []  # "пресс-служба МИД"
    genders = {str(p.tag.gender) for n in nouns for p in doc.parse(n)[:1] if p.tag.POS == "NOUN"}
    return sp if genders == {gender} else None


def _person_noun_before(doc: _Text, pos: int, gender: str) -> Speaker | None:
    """Nobody named fits: the latest person noun of the pronoun's gender in the sentence
    before, in any case ("он отправил жене 33 сообщения. Она ответила": the wife)."""
    sentence = _sentence_start(doc, max(0, pos - 1), _window_start(doc, pos))
    before = _sentence_start(doc, max(0, sentence - 2), _window_start(doc, pos)) if sentence > 0 else sentence
    for t in reversed(doc.toks(before, pos)):
        if doc.in_quote(t.start) or len(t.text) < 3 or not t.text.islower():
            continue
        p = next((x for x in doc.parse(t.text)[:2] if x.tag.POS == "NOUN" and "anim" in x.tag and x.tag.number == "sing"), None)
        if p is not None and p.tag.gender == gender and not {"Name", "Surn", "Patr"} & set(p.tag.grammemes):
            lemma = p.normal_form
            return Speaker(lemma, "OTHER", None)
    return None


def _plural_described(doc: _Text, said: _Said, toks: list[_Tok]) -> tuple[Speaker, int] | None:
    """The latest plural animate noun (any case) of the words before a plural pronoun, as a
    description in the nominative with its adjectives and genitive tail; and where it starts."""
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if doc.in_quote(t.start) or not any(p.tag.POS == "NOUN" and p.tag.number == "plur" and "anim" in p.tag for p in doc.parse(t.text)[:1]):
            continue
        j = k
        while j > 0 and _is_adj(doc, toks[j - 1]) and doc.text[toks[j - 1].end : toks[j].start] == " ":
            j -= 1
        end = _sentence_end(doc, t.end, len(doc.text))
        probe = _Attribution("", t.start, t.start)
        found = _np_speaker(doc, said, [x for x in toks[j:] if x.end <= end], _mentions_in(doc, toks[j].start, end), "plur", probe, end)
        return (found, toks[j].start) if found is not None else None
    return None


def _described_subject(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """"Представитель министерства сообщил ... Позднее он заявил": an unnamed described subject.

    Used when no person is around: the latest sentence of this or the previous paragraph
    that opens with a singular speaker noun of the pronoun's gender (after adjectives) gives
    the description.
    """
    lo = _window_start(doc, pos)
    ends = _ends_between(doc, lo, pos)
    if ends is None:
        ends = [m.end() for m in _SENT_END.finditer(doc.text, lo, pos) if not doc.in_quote(m.start()) and _real_end(doc.text, m.start())]
    starts = [lo] + ends
    block_starts = _block_starts(doc)
    starts += block_starts[bisect_right(block_starts, lo) : bisect_left(block_starts, pos)]  # lo < b < pos
    for st in sorted(set(starts), reverse=True):
        if st >= pos:
            continue
        toks = _first_tokens_outside_quotes(doc, st, pos, 8)
        k = 0
        while k < len(toks) and _is_adj(doc, toks[k]):
            k += 1
        if k >= len(toks) or k > 3 or not _speaker_noun(doc, toks[k]):
            continue
        if not any(p.tag.POS == "NOUN" and p.tag.case == "nomn" and p.tag.number == "sing" and p.tag.gender == gender for p in doc.parse(toks[k].text)[:2]):
            continue
        verb = next((i for i, t in enumerate(toks) if _is_finite_verb(doc, t)), len(toks))
        probe = _Attribution("", pos, pos)
        sp = _np_speaker(doc, said, toks[:verb], _mentions_in(doc, st, toks[verb - 1].end if verb else st), gender, probe)
        if sp is not None:
            return sp
    return None


def _clause_subject(doc: _Text, m: Mention, pos: int) -> bool:
    """Is a nominative name the subject of a clause of its own, a verb next to it with no
    punctuation between ("Андрей Соколов провел совещание", "инициатором стал Заза
    Саралидзе"), not a name listed or in apposition ("носят имена — Алёша и Соня, она
    отмечала")?"""
    punct = r"[,;:.!?()—–«»\"]|\s-\s"
    for t in doc.toks(m.end, pos)[:8]:
        if re.search(punct, doc.text[m.end : t.start]):
            break
        if _is_finite_verb(doc, t) or doc.parse(t.text)[0].tag.POS in ("ADJS", "PRTS"):
            return True  # "Олег Данилов с оценками ведомства не согласен"
    i = doc._index(m.start)
    for t in reversed(doc.tokens[max(0, i - 10) : i]):
        if re.search(punct, doc.text[t.end : m.start]):
            return False
        if _is_finite_verb(doc, t):
            return True
    return False


def _last_speaker(doc: _Text, said: _Said, pos: int, gender: str | None) -> tuple[int, int, Speaker] | None:
    """The latest person who made a statement before ``pos``, agreeing with the gender
    ("plur": a group): a named person, or an unnamed one described by a noun of that gender
    and number ("— сказал пресс-секретарь губернатора. По его словам, ...")."""
    for st, en, sp in reversed(said.spoken):
        if st >= pos:
            continue
        if sp.type == "PER" and gender != "plur" and _gender_fits(doc, sp, gender):
            return st, en, sp
        if sp.type == "OTHER" and _description_gender(doc, sp.name) == gender:
            return st, en, sp
    return None


def _description_gender(doc: _Text, name: str) -> str | None:
    """The gender ("masc", "femn") or "plur" of a description's head noun ("пресс-секретарь
    губернатора": masc; "его отец": masc; "собеседники «Ъ»": plur)."""
    for w in _WORD.findall(name)[:4]:
        parses = [p for p in doc.parse(w)[:3] if p.tag.POS == "NOUN"]
        if not parses:
            continue
        p = next((x for x in parses if x.tag.case == "nomn"), parses[0])
        if p.tag.number == "plur":
            return "plur"
        return str(p.tag.gender) if p.tag.gender in ("masc", "femn") else None
    return None


def _antecedent(doc: _Text, said: _Said, pos: int, gender: str) -> Speaker | None:
    """Who "он"/"она" at ``pos`` is: the last speaker, unless a newer person subject came after.

    Names inside quotation marks are never candidates ("«Вопрос Фархада решен», — сказал он"
    is not Фархад's word). The last statement's speaker wins over mentions written after it
    that are not subjects ("... встретился с Ивановым. «...», — сказал он").
    """
    # The latest fitting mention, and the latest fitting subject, before pos. Which mentions
    # fit does not depend on pos: listed once per gender, then found by bisection (every
    # pronoun scanned every mention before it: quadratic).
    key = ("antecedents", gender, len(doc.mentions))
    if key not in doc.memo:
        fit, subjects = [], []
        for m, e in doc.mentions:
            if e.type != "PER" or doc.in_quote(m.start) or _common_noun_person(doc, (m, e)) or not _gender_fits(doc, e, gender) or not _trusted_role(doc, m, e) or _gloss(doc, m):
                continue
            fit.append((m, e))
            # a name in its base form ("Олега Табакова" of Олег Табаков is none, though
            # "Табакова" reads as a woman's surname in the nominative), a role ("Сам спикер")
            # readable as a nominative, or written as its base name by a verb ("тренер Патрик
            # Муратоглу")
            if (_is_subject(doc, m) if m.kind == "role" else _nominative_mention(doc, m, e)) and (_is_subject(doc, m) or _clause_subject(doc, m, m.end + 200)):
                subjects.append((m, e))
        doc.memo[key] = (fit, [m.start for m, _ in fit], subjects, [m.start for m, _ in subjects])
    fit, fit_starts, subjects, subject_starts = doc.memo[key]
    i, j = bisect_left(fit_starts, pos), bisect_left(subject_starts, pos)
    anyone = fit[i - 1] if i else None
    subject = subjects[j - 1] if j else None
    last = _last_speaker(doc, said, pos, gender)
    if last is not None and last[0] >= _window_start(doc, pos):
        st, en, sp = last
        stmt_end = _sentence_end(doc, en, len(doc.text))
        if subject is not None and subject[0].start > stmt_end and subject[1].id != sp.entity and _clause_subject(doc, subject[0], pos):
            return _speaker_of(subject[1])
        return sp
    if subject is not None:
        return _speaker_of(subject[1])
    if anyone is not None:
        return _speaker_of(anyone[1])
    return last[2] if last is not None else None
