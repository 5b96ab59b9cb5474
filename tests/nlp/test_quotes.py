"""Tests of svodka.nlp.quotes: direct and reported speech with speakers.

Two kinds of cases: articles with entities built by hand (the stage alone, no NER), and short
articles run through the whole pipeline. The founding seed is checked when ../shared/eval is
present. Every text here was written for these tests.
"""

from __future__ import annotations

import pytest

from svodka.model import Article, Entity, Mention
from svodka.nlp.quotes import extract_quotes


def _article(title, paragraphs, names=()):
    """An article with PER/ORG entities built by hand: ``names`` are (id, type, name, surface forms)."""
    article = Article.build(title, paragraphs)
    for eid, etype, name, forms in names:
        mentions = []
        for form in forms:
            start = 0
            while (i := article.text.find(form, start)) >= 0:
                mentions.append(Mention(i, i + len(form), form, name))
                start = i + len(form)
        first, _, last = name.partition(" ") if etype == "PER" else (None, "", None)
        article.entities.append(Entity(eid, etype, name, first=first or None, last=last or None, mentions=mentions))
    return article


def _found(article):
    return [(q.kind, q.text, q.speaker.name if q.speaker else None, q.cue) for q in article.quotes]


PETROV = ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петров"])
ORLOVA = ("e2", "PER", "Анна Орлова", ["Анна Орлова", "Орлова"])

# (case, paragraphs, entities, expected [(kind, text, speaker, cue)])
HAND_CASES = [
    (
        "guillemets and em dash",
        ["«Мост откроем к осени, работы идут по графику», — сказал Игорь Петров."],
        [PETROV],
        [("direct", "Мост откроем к осени, работы идут по графику", "Игорь Петров", "сказал")],
    ),
    (
        "straight quotes and hyphen",
        ['"Цены на топливо расти не будут", - подчеркнул Петров журналистам.'],
        [PETROV],
        [("direct", "Цены на топливо расти не будут", "Игорь Петров", "подчеркнул")],
    ),
    (
        "colon form, curly quotes",
        ["Игорь Петров заявил: “Решение примем до конца недели”."],
        [PETROV],
        [("direct", "Решение примем до конца недели", "Игорь Петров", "заявил")],
    ),
    (
        "quote split by its attribution",
        ["«Денег хватит на всех, — отметила Орлова. — Но очереди никто не отменял»."],
        [ORLOVA],
        [
            ("direct", "Денег хватит на всех", "Анна Орлова", "отметила"),
            ("direct", "Но очереди никто не отменял", "Анна Орлова", "отметила"),
        ],
    ),
    (
        "nested quotes",
        ["«Контракт с „Северсталью“ мы продлим на год», — сообщил Петров."],
        [PETROV],
        [("direct", "Контракт с „Северсталью“ мы продлим на год", "Игорь Петров", "сообщил")],
    ),
    (
        "quote inside reported speech",
        ["Игорь Петров заявил, что «ремонт школ завершится к сентябрю»."],
        [PETROV],
        [
            ("indirect", "«ремонт школ завершится к сентябрю»", "Игорь Петров", "заявил"),
            ("direct", "ремонт школ завершится к сентябрю", "Игорь Петров", "заявил"),
        ],
    ),
    (
        "что-clause, female verb, pronoun",
        ["Анна Орлова сообщила, что набор в колледж продлят. Она добавила, что мест хватит всем."],
        [ORLOVA],
        [
            ("indirect", "набор в колледж продлят", "Анна Орлова", "сообщила"),
            ("indirect", "мест хватит всем", "Анна Орлова", "добавила"),
        ],
    ),
    (
        "по словам / сказал at the end",
        ["По словам Петрова, дорогу откроют в мае.", "Движение будет реверсивным, сказал он."],
        [("e1", "PER", "Игорь Петров", ["Петрова"])],
        [
            ("indirect", "дорогу откроют в мае", "Игорь Петров", "по словам"),
            ("indirect", "Движение будет реверсивным", "Игорь Петров", "сказал"),
        ],
    ),
    (
        "об этом заявил",
        ["Завод перейдет на четырехдневную неделю. Об этом заявил Игорь Петров."],
        [PETROV],
        [("indirect", "Завод перейдет на четырехдневную неделю", "Игорь Петров", "заявил")],
    ),
    (
        "уверена as a cue",
        ["Орлова уверена, что урожай будет хорошим."],
        [ORLOVA],
        [("indirect", "урожай будет хорошим", "Анна Орлова", "уверена")],
    ),
    (
        "scare quotes and titles are not statements",
        ["Фильм «Горная дорога» покажут в клубе «Восток». Горожане называют сквер «каменным садом»."],
        [],
        [],
    ),
    (
        "refusals and speech without content",
        ["Игорь Петров ничего не сказал журналистам и от комментариев отказался."],
        [PETROV],
        [],
    ),
    (
        "dialogue without attribution",
        ["— Ты придешь завтра?", "— Не знаю, как получится."],
        [],
        [],
    ),
    (
        "denied view is not a statement",
        ["Петров не согласился с тем, что цены завышены."],
        [PETROV],
        [],
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, expected", HAND_CASES, ids=[c[0] for c in HAND_CASES])
def test_quotes_hand_built(models, case, paragraphs, names, expected):
    article = extract_quotes(_article(None, paragraphs, names), models)
    assert _found(article) == expected
    for q in article.quotes:
        assert article.text[q.start : q.end] == q.text


def test_quotes_multi_paragraph_quote(models):
    article = _article(
        None,
        [
            "«Первый этап мы закончили. Теперь самое сложное.",
            "«Второй этап займет два года», — сказал Петров.",
        ],
        [PETROV],
    )
    found = _found(extract_quotes(article, models))
    assert found == [
        ("direct", "Первый этап мы закончили. Теперь самое сложное.", "Игорь Петров", "сказал"),
        ("direct", "Второй этап займет два года", "Игорь Петров", "сказал"),
    ]


def test_quotes_via_outlet(models):
    article = _article(
        None,
        ["Игорь Петров выступил на форуме. «Экспорт зерна вырос на треть», — приводит его слова агентство «Вести Юга»."],
        [PETROV],
    )
    (quote,) = extract_quotes(article, models).quotes
    assert (quote.speaker.name, quote.cue, quote.via) == ("Игорь Петров", "приводит его слова", "Вести Юга")


def test_quotes_headline_dash_and_colon(models):
    dash = _article("Налоги для самозанятых не вырастут - Петров", ["Текст новости без цитат."], [PETROV])
    colon = _article("Орлова: школы перейдут на новый график", ["Текст новости без цитат."], [ORLOVA])
    assert _found(extract_quotes(dash, models)) == [("indirect", "Налоги для самозанятых не вырастут", "Игорь Петров", "-")]
    assert _found(extract_quotes(colon, models)) == [("indirect", "школы перейдут на новый график", "Анна Орлова", ":")]


def test_quotes_press_service_pipeline(models):
    from svodka.pipeline import run

    article = Article.build(
        "В Оренбурге закроют мост",
        ["В пресс-службе администрации Оренбурга сообщили, что мост через Урал закроют на ремонт."],
    )
    (quote,) = run(article, models).quotes
    assert quote.kind == "indirect" and quote.text == "мост через Урал закроют на ремонт"
    assert quote.speaker.type == "ORG" and quote.speaker.name.lower().startswith("пресс-служба")


SEED_EXPECTED = [
    ("indirect", "Мы хотим сделать Казахстан полюсом стабильности", "Кайрат Абдрахманов", "-", None),
    ("indirect", "Казахстанские власти намерены", "Кайрат Абдрахманов", "заявил", None),
    ("indirect", "Абдрахманов посетил Париж", "пресс-служба МИД Казахстана", "сообщили", None),
    ("direct", "Мы нацелены на то,", "Кайрат Абдрахманов", "подчеркнул", None),
    ("indirect", "Астана придерживается принципа", "Кайрат Абдрахманов", "отметил", None),
    ("direct", "Нас радуют", "Кайрат Абдрахманов", "приводит его слова", "РИА Новости"),
    ("indirect", "это еще раз доказывает,", "Кайрат Абдрахманов", "по мнению", None),
    ("indirect", "в Центральной Азии может быть сформирована", "Кайрат Абдрахманов", "уверен", None),
]


def test_quotes_seed(models, seed_text):
    from svodka.pipeline import run

    try:
        from svodka.clean.dump import clean_dump
    except ImportError:
        lines = [line for line in seed_text.split("\n") if line.strip()]
        article = Article.build(lines[1], lines[2:9])
    else:
        article = clean_dump(seed_text)
    quotes = run(article, models).quotes
    assert len(quotes) == len(SEED_EXPECTED)
    for q, (kind, fragment, speaker, cue, via) in zip(quotes, SEED_EXPECTED):
        assert q.kind == kind and fragment in q.text
        assert (q.speaker.name, q.cue, q.via) == (speaker, cue, via)
    assert quotes[2].speaker.type == "ORG"
    assert not any("Экономическое развитие" in q.text for q in quotes)
