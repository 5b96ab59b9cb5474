"""Tests of svodka.nlp.quotes from a review of issue 15's statement rules: ordinary sentences
the new rules must leave alone (no statement, no via). Every sentence was written for these
tests; articles are built by hand with their entities, as in ``test_quotes.py``."""

from __future__ import annotations

import pytest

from svodka.nlp.quotes import extract_quotes
from tests.nlp.test_quotes import _article, _found
from tests.nlp.test_quotes_statements import _verbatim

PETROV = ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петров"])

# (case, paragraphs, entities, (speaker, via) of the last statement)
NO_INTERVIEW_CASES = [
    (
        "an interview refused gives no via",
        ["Игорь Петров отказался дать интервью газете «Северный курьер».", "Позже он заявил, что не будет комментировать расследование."],
        [PETROV],
        ("Игорь Петров", None),
    ),
    (
        "journalists sued give no via",
        ["Игорь Петров подал в суд на журналистов телеканала «Заря».", "Он заявил, что они распространяли ложные сведения."],
        [PETROV],
        ("Игорь Петров", None),
    ),
    (
        "journalists sent out give no via",
        ["Игорь Петров выгнал журналистов газеты «Северный курьер» с пресс-конференции.", "Он заявил, что не потерпит клеветы."],
        [PETROV],
        ("Игорь Петров", None),
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", NO_INTERVIEW_CASES, ids=[c[0] for c in NO_INTERVIEW_CASES])
def test_quote_review_no_interview_no_via(models, case, paragraphs, names, expected):
    q = extract_quotes(_article(None, paragraphs, names), models).quotes[-1]
    assert (q.speaker.name if q.speaker else None, q.via) == expected


# (case, paragraphs, entities, speaker of the last statement)
NO_AGENT_CASES = [
    (
        "the persons named before are the addressees of «Им сообщили», not its speakers",
        ["Студенты вышли на митинг у здания университета. Им сообщили, что занятия отменены до понедельника."],
        [],
        None,
    ),
    (
        "«Позже сообщили» with no addressee is an impersonal report",
        ["Спасатели вытащили из-под завала двух рабочих. Позже сообщили, что их состояние стабильно."],
        [],
        None,
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", NO_AGENT_CASES, ids=[c[0] for c in NO_AGENT_CASES])
def test_quote_review_no_plural_agent(models, case, paragraphs, names, expected):
    q = extract_quotes(_article(None, paragraphs, names), models).quotes[-1]
    assert (q.speaker.name if q.speaker else None) == expected


# (case, paragraphs, entities, expected statements as test_quotes._found reads them)
NO_STATEMENT_CASES = [
    (
        "«как долго» after a comma is an indirect question, no «Как сообщил X»",
        ["Никто не знает, как долго говорил министр с послом."],
        [],
        [],
    ),
    (
        "a bare dash before a speech verb with its object: one subject's two predicates",
        ["Водители недовольны новыми правилами - пишут жалобы в мэрию."],
        [],
        [],
    ),
    (
        "a standing confirmed by deeds, fronted, is no statement",
        ["Свою репутацию надёжного партнёра подтвердила компания «Северная сталь»."],
        [],
        [],
    ),
    (
        "a title confirmed by a win is no statement",
        ["Игорь Петров подтвердил свой титул чемпиона мира по шахматам."],
        [PETROV],
        [],
    ),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("case, paragraphs, names, expected", NO_STATEMENT_CASES, ids=[c[0] for c in NO_STATEMENT_CASES])
def test_quote_review_no_statement(models, case, paragraphs, names, expected):
    assert _found(extract_quotes(_article(None, paragraphs, names), models)) == expected


def test_quote_review_the_kept_forms(models):
    """The forms the rules were written for still read the same."""
    found = _found(extract_quotes(_article(None, ["Как ранее сообщил Игорь Петров, мост откроют в мае."], [PETROV]), models))
    assert found == [("indirect", "мост откроют в мае", "Игорь Петров", "ранее сообщил")] or found[0][1:3] == ("мост откроют в мае", "Игорь Петров")
    found = _found(extract_quotes(_article(None, ["Возбуждено уголовное дело - сообщил прокурор района Игорь Петров."], [PETROV]), models))
    assert [f[1:3] for f in found] == [("Возбуждено уголовное дело", "Игорь Петров")]


def test_quote_review_word_lists_are_named_subsets():
    from svodka.nlp import _speech

    assert _speech.QUOTING_LEMMAS <= _speech.VIA_LEMMAS
    assert _speech.REJECT_LEMMAS <= _speech.CONFIRM_LEMMAS


@pytest.mark.issue(15)
def test_quote_review_a_list_after_a_document_colon_is_no_quotation(models):
    """A colon clause naming a document with a verb of no speech ("перечислены") before a
    paragraph (one a line, as a --no-clean text reads): a list, not the document's words."""
    text = "Мэрия опубликовала план ремонта дорог. В документе перечислены улицы:\nЛенина, Мира, Садовая, Заводская и Лесная."
    assert _found(extract_quotes(_verbatim(text), models)) == []
    text = "Мэрия опубликовала план ремонта дорог. В документе говорится:\nРемонт начнётся в мае и закончится в сентябре."
    assert [f[:2] for f in _found(extract_quotes(_verbatim(text), models))] == [("direct", "Ремонт начнётся в мае и закончится в сентябре.")]


# (paragraph, the statement's text) of "по данным X S" with no comma after the source
NO_COMMA_SOURCE_CASES = [
    ("По данным Росстата цены выросли на пять процентов.", "цены выросли на пять процентов"),
    ("По данным полиции двух человек госпитализировали с ожогами.", "двух человек госпитализировали с ожогами"),
    ("По информации ГИБДД движения транспорта по мосту не будет до утра.", "движения транспорта по мосту не будет до утра"),
    ("По данным изданий мост откроют в мае.", "мост откроют в мае"),
]


@pytest.mark.issue(15)
@pytest.mark.parametrize("paragraph, expected", NO_COMMA_SOURCE_CASES, ids=[c[1] for c in NO_COMMA_SOURCE_CASES])
def test_quote_review_no_comma_source_leaves_the_statement_its_words(models, paragraph, expected):
    """The source's genitives end at the statement's own words: a lower-case word after a
    capitalised name or abbreviation, a numeral."""
    assert [f[1] for f in _found(extract_quotes(_article(None, [paragraph]), models))] == [expected]


@pytest.mark.issue(15)
@pytest.mark.xfail(strict=True, reason="PLAYER_ROLE_HEADS: an athlete description fits any role headed «капитан» or «чемпион», a police captain's too (not fixed)")
def test_quote_review_an_athlete_is_no_police_captain(models):
    petrov = ("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["капитан полиции"])
    paragraphs = ["Капитан полиции Игорь Петров задержал вора. Позже хоккеист заявил, что не видел нарушения."]
    q = extract_quotes(_article(None, paragraphs, [petrov]), models).quotes[-1]
    assert q.speaker is None or q.speaker.name != "Игорь Петров"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Игорь Петров оценил ситуацию, после чего журналисты уехали в «горячую точку».",
        "Игорь Петров прокомментировал решение, а журналисты отправились в «горячую точку».",
    ],
)
def test_quote_review_a_crediting_verb_credits_nothing_across_a_clause_of_its_own(models, paragraph):
    # the quotation sits in a clause with its own subject and verb, opened after a comma: a
    # scare-quoted term of the narrator's, not the words of the first clause's subject
    assert _found(extract_quotes(_article(None, [paragraph], [PETROV]), models)) == []


def test_quote_review_a_crediting_verb_keeps_the_clause_it_governs(models):
    paragraph = "Игорь Петров призвал не забывать о том, в каком положении оказались жители, «оставшиеся без крыши над головой»."
    found = _found(extract_quotes(_article(None, [paragraph], [PETROV]), models))
    assert ("direct", "оставшиеся без крыши над головой", "Игорь Петров", "призвал") in found


def test_quote_review_a_bare_company_is_no_ministry_named_after_it(models):
    # "компания" refers back to the body written as a company, not to the latest organisation
    names = [("o1", "ORG", "Вектор", ["Вектор"]), ("o2", "ORG", "Минфин", ["Минфину"])]
    paragraphs = ["Компания «Вектор» подала иск к Минфину. В компании заявили, что намерены добиться пересмотра решения."]
    found = _found(extract_quotes(_article(None, paragraphs, names), models))
    assert found == [("indirect", "намерены добиться пересмотра решения", "Вектор", "заявили")]


def test_quote_review_a_body_naming_something_is_no_nickname(models):
    # "в Минфине назвали" is the ministry's judgement, as "в Минфине заявили" is its statement;
    # "его называют" with nobody named stays a nickname
    names = [("o2", "ORG", "Минфин", ["Минфине"])]
    found = _found(extract_quotes(_article(None, ["В Минфине назвали решение «историческим»."], names), models))
    assert found == [("direct", "историческим", "Минфин", "назвали")]
    assert _found(extract_quotes(_article(None, ["Его часто называют «королём дорог»."], []), models)) == []
    union = [("o3", "ORG", "Союз зерновиков", ["Союз зерновиков", "СЗ"])]
    paragraph = "Союз зерновиков (СЗ), который в прессе часто называют «хлебным клубом», провёл встречу."
    assert _found(extract_quotes(_article(None, [paragraph], union), models)) == []


def test_quote_review_a_person_quoting_before_a_colon_is_no_relay(models):
    # the relay-before-a-colon rule is an outlet's ("Слова министра приводит РИА Новости:"); a
    # person who quotes another leaves the words to their owner, and a later speech verb is the cue
    orlova = ("e2", "PER", "Анна Орлова", ["Анна Орлова"])
    petrov = ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Игоря Петрова"])
    quoted = "Анна Орлова привела слова Игоря Петрова: «Мы справимся с любыми трудностями»."
    found = _found(extract_quotes(_article(None, [quoted], [petrov, orlova]), models))
    assert [(speaker) for _k, _t, speaker, _c in found] == ["Игорь Петров"]
    added = "Игорь Петров процитировал классика и добавил: «Мы справимся с любыми трудностями»."
    found = _found(extract_quotes(_article(None, [added], [petrov]), models))
    assert found == [("direct", "Мы справимся с любыми трудностями", "Игорь Петров", "добавил")]


def test_quote_review_a_cut_partial_quotation_opening_with_an_ellipsis_is_words(models):
    # the case of a partial quotation is read past the ellipsis that marks it cut
    paragraph = "Игорь Петров назвал решение «...историческим шагом для города»."
    found = _found(extract_quotes(_article(None, [paragraph], [PETROV]), models))
    assert found == [("direct", "...историческим шагом для города", "Игорь Петров", "назвал")]
