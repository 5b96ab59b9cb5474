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
    """An article with PER/ORG entities built by hand: ``names`` are (id, type, name, surface
    forms[, roles])."""
    article = Article.build(title, paragraphs)
    for eid, etype, name, forms, *roles in names:
        mentions = []
        for form in forms:
            start = 0
            while (i := article.text.find(form, start)) >= 0:
                mentions.append(Mention(i, i + len(form), form, name))
                start = i + len(form)
        first, _, last = name.partition(" ") if etype == "PER" else (None, "", None)
        if etype == "PER" and not last:
            first, last = None, name  # a surname alone
        mentions.sort(key=lambda m: m.start)
        entity = Entity(eid, etype, name, first=first or None, last=last or None, mentions=mentions)
        entity.roles = list(roles[0]) if roles else []
        article.entities.append(entity)
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
        ["Фильм «Горная дорога» покажут в клубе «Восток». Сквер в городе давно называют «каменным садом»."],
        [],
        [],
    ),
    (
        "a nickname credited to its speakers is a partial quotation",
        ["Горожане называют сквер «каменным садом»."],
        [],
        [("direct", "каменным садом", "горожане", "называют")],
    ),
    (
        "partial quotation inside reported speech",
        ["Игорь Петров сказал, что ремонт моста «идёт по графику» и закончится к осени."],
        [PETROV],
        [
            ("indirect", "ремонт моста «идёт по графику» и закончится к осени", "Игорь Петров", "сказал"),
            ("direct", "идёт по графику", "Игорь Петров", "сказал"),
        ],
    ),
    (
        "partial quotation after a naming or judging verb",
        ["Игорь Петров поддержал проект, назвав его «делом всей команды». Анна Орлова раскритиковала «поспешные решения»."],
        [PETROV, ORLOVA],
        [("direct", "делом всей команды", "Игорь Петров", "назвав"), ("direct", "поспешные решения", "Анна Орлова", "раскритиковала")],
    ),
    (
        "titles and terms inside reported speech are no partial quotations",
        [
            "Петров заявил, что поддержит закон о запрете «серых схем» на рынке.",
            "Орлова сообщила, что фигурантов по так называемому «делу перевозчиков» отпустили.",
        ],
        [PETROV, ORLOVA],
        [
            ("indirect", "поддержит закон о запрете «серых схем» на рынке", "Игорь Петров", "заявил"),
            ("indirect", "фигурантов по так называемому «делу перевозчиков» отпустили", "Анна Орлова", "сообщила"),
        ],
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


@pytest.mark.parametrize(
    "paragraph, speaker, via",
    [
        ("Слова Игоря Петрова приводит агентство «Вести Юга»: «Экспорт зерна вырос на треть».", "Игорь Петров", "Вести Юга"),
        ("Агентство «Вести Юга» процитировало слова Игоря Петрова: «Экспорт зерна вырос на треть».", "Игорь Петров", "Вести Юга"),
        ("По словам Петрова, которые приводит агентство «Вести Юга», экспорт зерна вырос на треть.", "Игорь Петров", "Вести Юга"),
        ("Петров, слова которого приводит агентство «Вести Юга», заявил, что экспорт зерна вырос на треть.", "Игорь Петров", "Вести Юга"),
    ],
)
def test_quotes_relay_before_colon_or_in_a_relative_clause(models, paragraph, speaker, via):
    """An outlet that quotes someone before a colon, or in a relative clause of the source,
    relays (``via``); the one quoted speaks."""
    article = extract_quotes(_article(None, [paragraph], [PETROV]), models)
    (quote,) = article.quotes
    assert (quote.speaker.name, quote.via, quote.text) == (speaker, via, quote.text)
    assert "Вести" not in quote.text and not quote.text.startswith("которые")


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


# --------------------------------------------------------------- speakers written as descriptions

SOKOLOV = ("e3", "PER", "Андрей Соколов", ["Андрей Соколов", "Андреем Соколовым", "Андрея Соколова", "Соколов"])

# (case, paragraphs, entities, the speaker of the last statement): "— отметил эксперт" refers back
# to the person just introduced, like a pronoun, when the roles stage could not match it.
DESCRIBED_CASES = [
    (
        "expert after по мнению with a title",
        [
            "Спрос на жилье в области снижается.",
            "По мнению доцента кафедры финансов Северного университета Игоря Петрова, ставки по ипотеке "
            "останутся высокими до осени. «Семьи откладывают покупку квартир, и застройщики это уже "
            "почувствовали», — отметил эксперт.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игоря Петрова"], ["доцент кафедры финансов Северного университета"])],
        "Игорь Петров",
    ),
    (
        "ecologist after a speaker with another title",
        [
            "Представитель общественного совета Андрей Соколов заявил, что сброс стоков в реку надо остановить. "
            "«Рыба в этом месте уже не нерестится», — подчеркнул эколог.",
        ],
        [SOKOLOV + (["представитель общественного совета"],)],
        "Андрей Соколов",
    ),
    (
        "female verb picks the woman",
        [
            "Директор заповедника Анна Орлова и лесничий Андрей Соколов провели учет птиц. Орлова "
            "сообщила, что гнезд стало больше. «Весна была ранней и теплой», — отметила специалист.",
        ],
        [ORLOVA + (["директор заповедника"],), SOKOLOV + (["лесничий"],)],
        "Анна Орлова",
    ),
    (
        "minister is the head of the ministry just quoted",
        [
            "Глава Минфина республики Игорь Петров заявил, что дефицит бюджета сократится. «Долг мы "
            "наращивать не будем», — сказал министр журналистам.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["глава Минфина республики"])],
        "Игорь Петров",
    ),
    (
        "the only person around, titled in words the roles stage missed",
        [
            "Трехкратный победитель турнира Андрей Соколов приехал на открытие сезона. Гроссмейстер "
            "уверен, что молодые шахматисты удивят публику.",
        ],
        [SOKOLOV],
        "Андрей Соколов",
    ),
    (
        "no person: the description stays",
        ["Цены на бензин вырастут к лету. «Рынок перегрет, запасы на минимуме», — считает аналитик."],
        [],
        "аналитик",
    ),
    (
        "verb gender disagrees: the description stays",
        ["Игорь Петров заявил, что урожай будет хорошим. «Зерна хватит на два года», — отметила эксперт."],
        [PETROV],
        "эксперт",
    ),
    (
        "a person met without a name is not the one named",
        [
            "Министр Игорь Петров встретился с послом Норвегии. Петров заявил, что сотрудничество продолжится.",
            "Посол, в свою очередь, заверил, что Осло поддерживает этот проект.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петров"], ["министр"])],
        "посол",
    ),
    (
        "an office does not fit a person known only as an expert",
        [
            "Политолог Андрей Соколов считает, что выборы пройдут спокойно. «Явка будет низкой», — "
            "сказал губернатор.",
        ],
        [SOKOLOV + (["политолог"],)],
        "губернатор",
    ),
    (
        "a deputy of the office is not the office",
        [
            "Заместитель губернатора Андрей Соколов сообщил, что дороги отремонтируют. «Деньги уже "
            "выделены», — сказал губернатор.",
        ],
        [SOKOLOV + (["заместитель губернатора"],)],
        "губернатор",
    ),
    (
        "a person named in the statement is not its speaker",
        [
            "Как считает экономист Игорь Петров, компания Андрея Соколова выиграет тендер, "
            "потому что Соколов предложил низкую цену. «Конкурентов у него почти нет», — добавил эксперт.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["экономист"]), SOKOLOV + (["бизнесмен"],)],
        "Игорь Петров",
    ),
    (
        "too far back: the description stays",
        [
            "Директор фонда Игорь Петров заявил, что цены стабилизируются.",
            "Рынок жилья в области остается сложным.",
            "Банки снизили ставки в марте.",
            "«Покупатели вернутся к осени», — считает эксперт.",
        ],
        [("e1", "PER", "Игорь Петров", ["Игорь Петров"], ["директор фонда"])],
        "эксперт",
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, speaker", DESCRIBED_CASES, ids=[c[0] for c in DESCRIBED_CASES])
def test_quotes_description_refers_back(models, case, paragraphs, names, speaker):
    quotes = extract_quotes(_article(None, paragraphs, names), models).quotes
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == speaker


# ------------------------------------------------------------------------- relaying outlets

GOVERNOR = ("e1", "PER", "Игорь Петров", ["Игорь Петров", "Петров"], ["губернатор области"])
MINISTER = ("e2", "PER", "Анна Орлова", ["Анна Орлова", "Орлова"], ["министр здравоохранения"])

# (case, paragraphs, entities, (speaker, via) of the last statement)
RELAY_CASES = [
    (
        "outlet before the owner of слова, named earlier",
        [
            "В области закрыли на карантин две школы, сообщает агентство Север-Информ.",
            "Губернатор Игорь Петров провел совещание. «Других мер пока не потребуется», — приводит "
            "агентство слова губернатора.",
        ],
        [GOVERNOR],
        ("Игорь Петров", "Север-Информ"),  # the outlet's name, without its noun
    ),
    (
        "outlet after the owner of слова",
        [
            "Министр Анна Орлова посетила новую больницу. «Оборудование закупили за год», — приводит "
            "слова министра агентство «Балтинформ»."
        ],
        [MINISTER],
        ("Анна Орлова", "Балтинформ"),
    ),
    (
        "organisation outlet at the end",
        ["Анна Орлова открыла поликлинику. «Очередей здесь не будет», — приводит слова министра Вестник Юга."],
        [MINISTER, ("e5", "ORG", "Вестник Юга", ["Вестник Юга"])],
        ("Анна Орлова", "Вестник Юга"),
    ),
    (
        "цитирует with a possessive object",
        ["Игорь Петров осмотрел мост. «Ремонт закончим к июлю», — цитирует его газета «Вечерний город»."],
        [GOVERNOR],
        ("Игорь Петров", "Вечерний город"),
    ),
    (
        "цитирует with a described object",
        ["Губернатор Игорь Петров приехал в район. «Школу достроят в этом году», — цитирует губернатора издание."],
        [GOVERNOR],
        ("Игорь Петров", "издание"),
    ),
    (
        "цитирует with the outlet right after the verb",
        ["Губернатор Игорь Петров приехал в район. «Школу достроят в этом году», — цитирует Вестник Юга Петрова."],
        [GOVERNOR, ("e5", "ORG", "Вестник Юга", ["Вестник Юга"])],
        ("Игорь Петров", "Вестник Юга"),
    ),
    (
        "цитирует an outlet's report: the outlet after the verb relays, the owner of the report speaks",
        ["«Сведения о закрытии порта ложны», — цитирует агентство Балтинформ сообщение телеканала Nord TV."],
        [("e5", "ORG", "Балтинформ", ["Балтинформ"]), ("e6", "ORG", "Nord TV", ["Nord TV"])],
        ("Nord TV", "Балтинформ"),
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, expected", RELAY_CASES, ids=[c[0] for c in RELAY_CASES])
def test_quotes_relay_outlet_and_speaker(models, case, paragraphs, names, expected):
    quote = extract_quotes(_article(None, paragraphs, names), models).quotes[-1]
    assert (quote.speaker.name if quote.speaker else None, quote.via) == expected


# --------------------------------------------------------------------------------- pronouns

# (case, paragraphs, entities, the speaker of the last statement)
PRONOUN_CASES = [
    (
        "a name in the genitive is no subject, though its surname reads as a woman's",
        [
            "Игорь Петров много лет играл в театре.",
            "Петров является учеником Андрея Соколова.",
            "Он поставил пьесу в театре под руководством Андрея Соколова.",
            "По его словам, он доволен своей работой.",
        ],
        [PETROV, ("e3", "PER", "Андрей Соколов", ["Андрея Соколова"])],
        "Игорь Петров",
    ),
    (
        "a name inside the quote is not the antecedent",
        [
            "Игорь Петров отметил, что проект согласован. «Предложение Андрея Соколова устроило все "
            "стороны», — сказал он."
        ],
        [PETROV, SOKOLOV],
        "Игорь Петров",
    ),
    (
        "the last speaker wins over a later non-subject",
        ["Игорь Петров заявил, что встретился с Андреем Соколовым. «Договоренность есть», — сказал он."],
        [PETROV, SOKOLOV],
        "Игорь Петров",
    ),
    (
        "a person subject named after the statement takes over",
        [
            "Игорь Петров заявил, что мост откроют в мае. Глава района Андрей Соколов провел совещание "
            "с подрядчиками. Он сообщил, что денег хватит.",
        ],
        [PETROV, SOKOLOV],
        "Андрей Соколов",
    ),
    (
        "the verb's gender picks the speaker",
        [
            "Анна Орлова сообщила, что набор продлят. Игорь Петров это подтвердил.",
            "«Заявления примем до августа», — сказала она.",
        ],
        [ORLOVA, PETROV],
        "Анна Орлова",
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, speaker", PRONOUN_CASES, ids=[c[0] for c in PRONOUN_CASES])
def test_quotes_pronoun_antecedent(models, case, paragraphs, names, speaker):
    quotes = extract_quotes(_article(None, paragraphs, names), models).quotes
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == speaker


def test_quotes_name_missed_by_ner(models):
    article = _article(None, ["По мнению профессора Северного университета Ивана Сидорова, зима будет мягкой."], [])
    (quote,) = extract_quotes(article, models).quotes
    assert (quote.speaker.name, quote.speaker.type) == ("Иван Сидоров", "PER")


def test_quotes_unknown_surname_inside_sentence(models):
    # pymorphy3 does not know the surname, but its capital inside the sentence marks a name
    article = _article(
        None,
        ["Накануне министр финансов Абдыкеримов сообщил, что бюджет будет исполнен."],
        [("e1", "PER", "Абдыкеримов", ["Абдыкеримов"], ["министр финансов"])],
    )
    (quote,) = extract_quotes(article, models).quotes
    assert (quote.speaker.name, quote.speaker.type) == ("Абдыкеримов", "PER")


# ------------------------------------------------- gaps found on real news (sentences written here)

KOREA = ("e7", "LOC", "Норвегия", ["Норвегия"])
MINSK = ("e8", "LOC", "Минск", ["Минск"])
PESKOV = ("e3", "PER", "Олег Зимин", ["Олег Зимин"], ["пресс-секретарь губернатора"])
GOV = ("e4", "PER", "Игорь Петров", ["Петрова", "Игорь Петров"])
CLINTON = ("e5", "PER", "Анна Орлова", ["Анны Орловой", "Анна Орлова"])

# (case, paragraphs, entities, expected [(kind, text, speaker, cue)])
REAL_GAP_CASES = [
    (
        "a state as the speaker",
        ["В тот же день Норвегия заявила, что отзывает посла для консультаций."],
        [KOREA],
        [("indirect", "отзывает посла для консультаций", "Норвегия", "заявила")],
    ),
    (
        "official city as the speaker",
        ["Ранее официальный Минск неоднократно заявлял, что не намерен вводить визы."],
        [MINSK],
        [("indirect", "не намерен вводить визы", "Минск", "заявлял")],
    ),
    (
        "a subject with a participle phrase",
        ["Освещающие забастовку журналисты сообщили, что у проходной собралось двести рабочих."],
        [],
        [("indirect", "у проходной собралось двести рабочих", "журналисты", "сообщили")],
    ),
    (
        "a pronoun pointing back to an unnamed description",
        ["Представитель министерства сообщил в пятницу о проверке фермы.", "Позднее он заявил, что вода в озере безопасна."],
        [],
        [
            ("indirect", "о проверке фермы", "представитель министерства", "сообщил"),  # a speech verb's о-phrase (issue 15)
            ("indirect", "вода в озере безопасна", "представитель министерства", "заявил"),
        ],
    ),
    (
        "the genitive possessor is not the speaker",
        ["«Бюджет примут в срок», — сказал пресс-секретарь Петрова Олег Зимин."],
        [GOV, PESKOV],
        [("direct", "Бюджет примут в срок", "Олег Зимин", "сказал")],
    ),
    (
        "an assistant of a woman, the verb is masculine",
        ["Помощник Анны Орловой сообщил, что визит отложен.", "Анна Орлова в это время была в Риме."],
        [CLINTON],
        [("indirect", "визит отложен", "помощник Анны Орловой", "сообщил")],
    ),
    (
        "a name inside a participle phrase is not the subject",
        ["Врачи, оперировавшие Игоря Петрова, говорят, что его жизни ничто не угрожает."],
        [("e4", "PER", "Игорь Петров", ["Игоря Петрова"])],
        [("indirect", "его жизни ничто не угрожает", "врачи", "говорят")],
    ),
    (
        "a short quoted term before a comma cue hides no statement",
        ["Говоря о встречах в «узком формате», Петров отметил, что все будет зависеть от погоды."],
        [("e4", "PER", "Игорь Петров", ["Петров"])],
        [("indirect", "все будет зависеть от погоды", "Игорь Петров", "отметил")],
    ),
    (
        "a quoted term with a comma cue is no quote",
        ["Автор вводит понятие «северная экономика», отмечает рецензент."],
        [],
        [("indirect", "Автор вводит понятие «северная экономика»", "рецензент", "отмечает")],
    ),
    (
        "a short quoted term inside a sentence is never direct",
        ["Эту «удобную схему» нужно проработать с учетом «реальных расходов», указывается в письме."],
        [],
        [("indirect", "Эту «удобную схему» нужно проработать с учетом «реальных расходов»", None, "указывается")],
    ),
    (
        "a dash attribution needs a speech verb",
        ["Варианты названий прислали горожане. «город-на-реке.рф» — его предложила мэрия."],
        [],
        [],
    ),
    (
        "по сообщениям X",
        ["По сообщениям спасателей, пострадавших нет."],
        [],
        [("indirect", "пострадавших нет", "спасатели", "по сообщениям")],
    ),
    (
        "сошлись во мнении",
        ["Участники совещания сошлись во мнении, что проект нужно доработать."],
        [],
        [("indirect", "проект нужно доработать", "участники совещания", "сошлись")],
    ),
    (
        "an outlet between the verb and что",
        ["Аналитики считают, пишет Kurier.info, что рынок восстановится к осени."],
        [],
        [("indirect", "рынок восстановится к осени", "аналитики", "считают")],
    ),
    (
        "как говорится is an idiom",
        ["Как говорится, первый блин комом."],
        [],
        [],
    ),
    (
        "об этом after reported speech adds nothing",
        ["Петров заявил, что мост откроют в мае. Об этом он заявил после встречи с подрядчиками."],
        [("e4", "PER", "Игорь Петров", ["Петров"])],
        [("indirect", "мост откроют в мае", "Игорь Петров", "заявил")],
    ),
    (
        "рассказал о том, как",
        ["Бывший министр Игорь Петров, покинувший пост в марте, рассказал о том, как готовилась реформа."],
        [("e4", "PER", "Игорь Петров", ["Игорь Петров"])],
        [("indirect", "как готовилась реформа", "Игорь Петров", "рассказал")],
    ),
    (
        "a name with an ampersand",
        ["Эксперты агентства R&B Ratings пишут, что риски для банков выросли."],
        [],
        [("indirect", "риски для банков выросли", "эксперты агентства R&B Ratings", "пишут")],
    ),
    (
        "two cues of one subject in a sentence",
        ["Анна Орлова добавила, что сроки не сдвинут, но подчеркнула, что смету пересмотрят."],
        [CLINTON],
        [
            ("indirect", "сроки не сдвинут", "Анна Орлова", "добавила"),
            ("indirect", "смету пересмотрят", "Анна Орлова", "подчеркнула"),
        ],
    ),
    (
        "a unit abbreviation ends the sentence before the speaker",
        ["Долг области составил 1,2 млрд руб. В пресс-службе банка сообщили, что просрочек нет."],
        [],
        [("indirect", "просрочек нет", "пресс-служба банка", "сообщили")],
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, expected", REAL_GAP_CASES, ids=[c[0] for c in REAL_GAP_CASES])
def test_quotes_real_news_gaps(models, case, paragraphs, names, expected):
    article = extract_quotes(_article(None, paragraphs, names), models)
    assert _found(article) == expected


def test_quotes_outlet_after_colon_quote_goes_to_via(models):
    article = _article(
        None,
        [
            "Архитектор Павел Зуев называет новый проект набережной ошибкой: «Город потеряет последний "
            "открытый вид на реку», сообщает «Вечерний Прибрежный»."
        ],
        [("e1", "PER", "Павел Зуев", ["Павел Зуев"])],
    )
    (quote,) = extract_quotes(article, models).quotes
    assert (quote.kind, quote.speaker.name, quote.via) == ("direct", "Павел Зуев", "Вечерний Прибрежный")


def test_quotes_nested_straight_quotes_closed_together(models):
    article = _article(
        None,
        ['"Я единственный, кто прямо говорит, что я "за" реформу. Остальные "мнутся", - заметил Петров.'],
        [("e4", "PER", "Игорь Петров", ["Петров"])],
    )
    (quote,) = extract_quotes(article, models).quotes
    assert quote.kind == "direct" and quote.speaker.name == "Игорь Петров"
    assert quote.text.startswith("Я единственный") and "мнутся" in quote.text


# (case, paragraphs, entities, the speaker of the last statement)
ROLE_ANTECEDENT_CASES = [
    (
        "a description with a country skips the other country's premier",
        [
            "Премьер-министр Норвегии Ян Ульсен прилетел в Осло. Британский премьер Дэвид Карр остался в Лондоне.",
            "Премьер-министр Норвегии заявил, что не поедет на саммит.",
        ],
        [
            ("e1", "PER", "Ян Ульсен", ["Ян Ульсен"], ["премьер-министр Норвегии"]),
            ("e2", "PER", "Дэвид Карр", ["Дэвид Карр"], ["британский премьер"]),
        ],
        "Ян Ульсен",
    ),
    (
        "only persons named before the statement",
        ["Премьер-министр Норвегии заявил, что не поедет на саммит. Британский премьер Дэвид Карр остался в Лондоне."],
        [("e2", "PER", "Дэвид Карр", ["Дэвид Карр"], ["британский премьер"])],
        "премьер-министр Норвегии",
    ),
    (
        "глава государства is the president",
        [
            "Президент Чили Мануэль Ортега встретился с главой госкорпорации Пабло Ривасом.",
            "«Мы не отступим», — сказал тогда глава государства.",
        ],
        [
            ("e1", "PER", "Мануэль Ортега", ["Мануэль Ортега"], ["президент Чили"]),
            ("e2", "PER", "Пабло Ривас", ["Пабло Ривасом"], ["глава госкорпорации"]),
        ],
        "Мануэль Ортега",
    ),
]


@pytest.mark.parametrize("case, paragraphs, names, speaker", ROLE_ANTECEDENT_CASES, ids=[c[0] for c in ROLE_ANTECEDENT_CASES])
def test_quotes_description_respects_order_and_country(models, case, paragraphs, names, speaker):
    quotes = extract_quotes(_article(None, paragraphs, names), models).quotes
    assert quotes[-1].speaker is not None and quotes[-1].speaker.name == speaker


@pytest.mark.parametrize(
    "sentence, text, via",
    [
        ("Министр экономики Павел Гурьев заявил, что завод откроют весной, передает агентство Заречье-Инфо.", "завод откроют весной", "Заречье-Инфо"),
        ("Мэр Ольга Светлова сообщила, что ремонт моста завершен, передает ТАСС.", "ремонт моста завершен", "ТАСС"),
    ],
)
def test_quotes_trailing_relay_goes_to_via(models, sentence, text, via):
    from svodka.pipeline import run

    article = run(Article.build("Новости Заречинска", [sentence]), models)
    (quote,) = article.quotes
    assert (quote.kind, quote.text, quote.via) == ("indirect", text, via)


RIA = ("o1", "ORG", "РИА Новости", ["РИА Новости"])


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "case, paragraphs, names, expected",
    [
        (
            "a quoted outlet as the subject of a speech verb",
            ["«Вечерний курьер» также писал, что мост откроют в мае."],
            [],
            [("мост откроют в мае", "Вечерний курьер", None)],
        ),
        (
            "an outlet before «в <body>» heard the words, the body spoke",
            ["«Все вопросы решает посольство», — сообщили РИА Новости в пресс-службе базы."],
            [RIA],
            [("Все вопросы решает посольство", "пресс-служба базы", "РИА Новости")],
        ),
        (
            "a journalist of an outlet: the outlet is the via",
            ["Клуб продлил контракт с игроком, сообщает спортивный обозреватель Yahoo Игорь Петров."],
            [PETROV],
            [("Клуб продлил контракт с игроком", "Игорь Петров", "Yahoo")],
        ),
        (
            "a source of an agency named before: the agency is the via",
            ["Посольство заявило, что нарушений нет, передает агентство «Вести Юга». «Все оборудование находилось здесь законно», — сказал собеседник агентства."],
            [],
            [("нарушений нет", "посольство", "Вести Юга"), ("Все оборудование находилось здесь законно", "собеседник агентства", "Вести Юга")],
        ),
        (
            "a relay closing a paragraph relays the paragraph; its own sentence goes on with the speaker before it",
            ["Пресс-служба МВД сообщила, что проверка продолжается. Сейчас выясняется, кому принадлежит оружие, передает РИА Новости."],
            [RIA],
            [("проверка продолжается", "пресс-служба МВД", "РИА Новости"), ("Сейчас выясняется, кому принадлежит оружие", "пресс-служба МВД", "РИА Новости")],
        ),
        (
            "the outlet a speaker works for is no recipient; the network she wrote in is the via",
            ["Об этом в своём твиттере сообщила главный редактор журнала The Northern Times Анна Орлова: «Мост откроют в мае»."],
            [ORLOVA],
            [("Мост откроют в мае", "Анна Орлова", "Твиттер")],
        ),
        (
            "a place's genitive between an outlet's noun and its Latin name is no part of the name",
            ["«Ему придется заработать место в основе», — цитирует слова Петрова главная газета Заречья Northern Post."],
            [PETROV],
            [("Ему придется заработать место в основе", "Игорь Петров", "Northern Post")],
        ),
        (
            "a bare «агентство» of a source is the outlet named before",
            ["Мост закроют на ремонт, передает РИА Новости. «Работы займут месяц», — сказал собеседник агентства."],
            [RIA],
            [("Мост закроют на ремонт", "РИА Новости", None), ("Работы займут месяц", "собеседник агентства", "РИА Новости")],
        ),
        (
            "a known outlet's word before its quoted name is part of it",
            ["Согласно сообщению РИА «Новости» со ссылкой на пресс-службу мэрии, мост закроют на ремонт."],
            [],
            [("мост закроют на ремонт", "пресс-служба мэрии", "РИА Новости")],
        ),
        (
            "a Latin abbreviation inside an outlet's name ends no sentence",
            ["«Ему придется заработать место в основе», — цитирует слова Петрова газета St. Louis Post-Dispatch."],
            [PETROV],
            [("Ему придется заработать место в основе", "Игорь Петров", "St. Louis Post-Dispatch")],
        ),
    ],
    ids=lambda c: c if isinstance(c, str) else None,
)
def test_quotes_relays_and_outlets_of_speakers(models, case, paragraphs, names, expected):
    """Issue 15 (batch qd's dev errors): who relays, who speaks."""
    article = extract_quotes(_article(None, paragraphs, names), models)
    assert [(q.text, q.speaker.name if q.speaker else None, q.via) for q in article.quotes] == expected


@pytest.mark.issue(15)
def test_quotes_bodies_named_by_example_speak(models):
    """«Такие организации, как X и Y, выразили протест»: the first body named after «как» speaks."""
    paragraphs = ["Такие правозащитные организации, как «Северный щит» и «Право голоса», выразили готовность защищать журналиста в суде."]
    names = [("o1", "ORG", "Северный щит", ["Северный щит"]), ("o2", "ORG", "Право голоса", ["Право голоса"])]
    (quote,) = extract_quotes(_article(None, paragraphs, names), models).quotes
    assert (quote.text, quote.speaker.name) == ("готовность защищать журналиста в суде", "Северный щит")


@pytest.mark.issue(15)
def test_quotes_a_bare_ministry_refers_to_the_body_the_narrator_named(models):
    """«В ведомстве отметили»: the body the narrator named, not one named inside earlier words."""
    paragraphs = [
        "МИД Заречья опубликовал комментарий к решению суда. В комментарии отмечается, что работу суда критиковали в Совете Безопасности ООН.",
        "В ведомстве отметили, что суд вынес всего четыре приговора.",
    ]
    names = [("o1", "ORG", "МИД Заречья", ["МИД Заречья"]), ("o2", "ORG", "Совет Безопасности ООН", ["Совете Безопасности ООН"])]
    article = extract_quotes(_article(None, paragraphs, names), models)
    last = article.quotes[-1]
    assert last.text == "суд вынес всего четыре приговора" and last.speaker.name == "МИД Заречья"
