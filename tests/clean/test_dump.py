"""Tests of svodka.clean.dump (crawler dumps -> Article) and the date helper svodka.clean._dates.

The dumps below are written for these tests (fictional outlets, invented news); the seed
acceptance test reads ../shared/eval and is skipped when that folder is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from svodka.clean._dates import find_date, parse_date
from svodka.clean._names import outlet_from_copyright, outlet_from_title, sentence_case, tidy_outlet
from svodka.clean.dump import clean_dump, clean_dump_batch

EVAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval"
SEED = EVAL / "seed" / "000_9284a0450e23592d.txt"


def _dump(*lines: str) -> str:
    """A crawler-style dump: one line per block, blank lines between."""
    return "\n\n".join(lines)


# A regional daily: menus and a header clock on top, byline date, view counter, a "read also"
# teaser, footer and reader comments at the bottom.
NORTH = _dump(
    "Северный вестник",
    "Пн, 12.02.2018 09:15",
    "Главная",
    "Новости",
    "Экономика",
    "Общество",
    "Спорт",
    "Погода в Мурманске: -12 °C",
    "Общество",
    "В Мурманске откроют новый ледовый дворец для детских спортивных школ",
    "28.03.2017 14:05",
    "Просмотров: 1 204",
    "Администрация Мурманска утвердила проект нового ледового дворца, который будет построен на месте старого стадиона в Ленинском округе.",
    "Как сообщил заместитель главы города Пётр Самойлов, строительство начнётся летом и займёт около двух лет, а стоимость работ составит 850 млн рублей.",
    "Читайте также: Юные хоккеисты Мурманска взяли бронзу первенства округа",
    "Во дворце разместятся две ледовые арены, тренажёрный зал и раздевалки для команд, а также трибуны на восемьсот зрителей.",
    "«Дети будут тренироваться рядом с домом, а не ездить через весь город», — подчеркнул Самойлов на встрече с родителями.",
    "Теги: спорт, строительство, Мурманск",
    "Поделиться:",
    "© 2017 Северный вестник. Все права защищены.",
    "Комментарии (2)",
    "Иван 28.03.2017 15:10",
    "Давно пора было построить нормальный каток, наши дети ездят тренироваться в соседний город каждый день.",
    "Ответить",
    "Ольга 28.03.2017 16:45",
    "Посмотрим, построят ли к сроку, обещали уже не в первый раз, и каждый раз всё переносится.",
    "Ответить",
)

# A city portal: the header shows today's date, the article only "Вчера, 18:40"; a feed of
# other news below with times and long teasers.
RIVER = _dump(
    "Вход | Регистрация",
    "Сегодня: 15 марта 2019 года",
    "Речной портал",
    "Новости Афиша Справочник Форум Объявления",
    "Городская больница получила новый томограф",
    "Вчера, 18:40",
    "В городскую больницу номер два доставили современный томограф, купленный на средства областной программы модернизации здравоохранения.",
    "По словам главного врача Анны Кравец, первые пациенты пройдут обследование уже в начале апреля, запись откроется через регистратуру.",
    "Аппарат позволит быстрее выявлять болезни сердца и сосудов, а жителям района больше не придётся ездить на обследование в областной центр.",
    "Последние новости",
    "14:20 В центре города ограничат движение из-за ремонта моста",
    "13:05 Школьники заняли первое место на олимпиаде по физике",
    "Реклама",
    "Продаём пластиковые окна со скидкой до тридцати процентов, установка в течение недели после заказа.",
    "© Речной портал, 2019",
)

# A page with no publication date near the article: only a header clock and dated feed items.
LAKE = _dump(
    "Озёрные новости",
    "10:32 | 5 апреля 2013",
    "Политика Экономика Происшествия Культура",
    "Жители Приозёрска собрали тонну макулатуры за выходные",
    "Акция по сбору макулатуры прошла во всех пяти микрорайонах города, в ней участвовали школьники, пенсионеры и волонтёры экологического клуба.",
    "Вырученные деньги организаторы передадут приюту для бездомных животных, который давно нуждается в новых вольерах и утеплённых будках.",
    "Прочтений: 593",
    "Другие новости",
    "04.04.2013 В Приозёрске открылась выставка народных промыслов",
    "03.04.2013 Ледоход на реке начнётся на неделю раньше обычного",
    "Все права защищены. Перепечатка только с гиперссылкой на сайт.",
)

# (dump, source, title, first paragraph start, last paragraph end, paragraphs, views, published)
CASES = [
    (
        NORTH,
        "Северный вестник",
        "В Мурманске откроют новый ледовый дворец для детских спортивных школ",
        "Администрация Мурманска",
        "встрече с родителями.",
        4,
        1204,
        "2017-03-28T14:05",
    ),
    (
        RIVER,
        "Речной портал",  # no name line at the top: the copyright line names it (issue 16)
        "Городская больница получила новый томограф",
        "В городскую больницу",
        "в областной центр.",
        3,
        None,
        "2019-03-14T18:40",
    ),
    (
        LAKE,
        "Озёрные новости",
        "Жители Приозёрска собрали тонну макулатуры за выходные",
        "Акция по сбору",
        "утеплённых будках.",
        2,
        593,
        None,
    ),
]


@pytest.mark.parametrize("text,source,title,first,last,count,views,published", CASES)
def test_dump_recovers_article(text, source, title, first, last, count, views, published):
    article = clean_dump(text)
    assert article.title == title
    assert len(article.paragraphs) == count
    assert article.paragraphs[0].startswith(first)
    assert article.lead == article.paragraphs[0]
    assert article.paragraphs[-1].endswith(last)
    assert article.views == views
    assert article.published == published
    assert article.source == source
    if published:
        assert article.published_how == "byline"


@pytest.mark.parametrize(
    "text,chrome",
    [
        (NORTH, ["Пн, 12.02.2018 09:15", "Главная", "Просмотров: 1 204", "Читайте также", "Комментарии (2)", "Давно пора", "© 2017"]),
        (RIVER, ["Сегодня: 15 марта 2019 года", "Последние новости", "14:20 В центре", "Продаём пластиковые окна", "© Речной портал"]),
        (LAKE, ["10:32 | 5 апреля 2013", "Прочтений: 593", "04.04.2013 В Приозёрске", "Все права защищены"]),
    ],
)
def test_dump_moves_chrome_to_boilerplate(text, chrome):
    article = clean_dump(text)
    kept = [article.title or ""] + article.paragraphs
    for snippet in chrome:
        assert not any(snippet in part for part in kept), snippet
        assert any(snippet in line for line in article.boilerplate), snippet


def test_dump_boilerplate_keeps_page_order():
    article = clean_dump(NORTH)
    lines = [line for line in NORTH.split("\n") if line.strip()]
    expected = [line for line in lines if line != article.title and line not in article.paragraphs]
    assert article.boilerplate == expected


def test_dump_text_and_blocks_follow_model():
    article = clean_dump(NORTH, url="https://example.org/news/1")
    assert article.url == "https://example.org/news/1"
    assert article.text.startswith(article.title + "\n\n" + article.paragraphs[0])
    for block in article.blocks:
        assert article.span_text(block.start, block.end) in [article.title, *article.paragraphs]


def test_dump_source_argument_wins():
    assert clean_dump(NORTH, source="СВ").source == "СВ"


def test_dump_header_clock_is_not_a_publication_date():
    # Only the header clock shows a full date: published stays None.
    assert clean_dump(LAKE).published is None


def test_dump_relative_date_without_page_date_is_none():
    text = RIVER.replace("Сегодня: 15 марта 2019 года", "Добро пожаловать")
    assert clean_dump(text).published is None


def test_dump_empty_input():
    article = clean_dump("")
    assert article.title is None
    assert article.paragraphs == []


def _site_page(title: str, paragraphs: list[str]) -> str:
    """A page of one fictional site: shared menu, a shared sign-off line and footer."""
    return _dump(
        "Северный вестник",
        "Главная",
        "Новости",
        title,
        "12.03.2018 10:00",
        *paragraphs,
        "Редакция благодарит читателей за письма и ждёт новых историй о жизни нашего города.",
        "© 2018 Северный вестник",
    )


SITE_PAGES = [
    _site_page(
        "В Мурманске открыли новую библиотеку",
        [
            "Новая библиотека на улице Полярной открылась после ремонта, который продолжался почти два года.",
            "Читателям доступны сорок тысяч книг, компьютерный зал и отдельная комната для занятий детей.",
        ],
    ),
    _site_page(
        "Автобус номер пять изменит маршрут",
        [
            "С понедельника автобус номер пять будет проходить через новый микрорайон у залива.",
            "Как сообщили в транспортном управлении, интервал движения сократится до двенадцати минут.",
        ],
    ),
    _site_page(
        "На набережной высадят сто молодых лип",
        [
            "Весной на набережной появятся сто молодых лип, их высадят волонтёры и сотрудники парка.",
            "Деньги на саженцы собрали жители города во время благотворительной ярмарки в феврале.",
        ],
    ),
]


def test_dump_batch_treats_repeated_lines_as_chrome():
    single = clean_dump(SITE_PAGES[0])
    assert single.paragraphs[-1].startswith("Редакция благодарит")  # looks like text on its own
    articles = clean_dump_batch(SITE_PAGES)
    assert [a.title for a in articles] == [
        "В Мурманске открыли новую библиотеку",
        "Автобус номер пять изменит маршрут",
        "На набережной высадят сто молодых лип",
    ]
    for article in articles:
        assert len(article.paragraphs) == 2
        assert any(line.startswith("Редакция благодарит") for line in article.boilerplate)


def test_dump_batch_keeps_syndicated_text():
    articles = clean_dump_batch([NORTH, NORTH, RIVER, LAKE])
    assert articles[0].paragraphs == articles[1].paragraphs == clean_dump(NORTH).paragraphs


@pytest.mark.parametrize(
    "text,expected",
    [
        ("28.03.2017 14:05", "2017-03-28T14:05"),
        ("4 января 2012, 12:30", "2012-01-04T12:30"),
        ("Опубликовано: 16 Января 2012 г. 18:00", "2012-01-16T18:00"),
        ("[16:30/28.11.2011]", "2011-11-28T16:30"),
        ("2012-01-15 14:40:09", "2012-01-15T14:40"),
        ("17 января 12 (16:49)", "2012-01-17T16:49"),
        ("09 декабря 2011 г.", "2011-12-09"),
        ("Вчера, 18:40", None),  # relative, and no "today" given
        ("Без даты", None),
    ],
)
def test_dates_parse_absolute(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Вчера, 18:40", "2019-03-14T18:40"),
        ("Сегодня, 15:50", "2019-03-15T15:50"),
        ("16 янв | 17:10", "2019-01-16T17:10"),
    ],
)
def test_dates_parse_relative_to_page(text, expected):
    from datetime import date

    assert parse_date(text, today=date(2019, 3, 15)) == expected


def test_dates_find_date_reports_missing_year():
    shown = find_date("25 ноября в 16:27")
    assert (shown.year, shown.month, shown.day, shown.hour) == (None, 11, 25, 16)
    assert parse_date("25 ноября в 16:27", year=2011) == "2011-11-25T16:27"


@pytest.mark.parametrize(
    "logo, source",
    [
        ("ЗАРЕЧИНСКИЙ ВЕСТНИК", "Заречинский вестник"),
        ("РИА ЗАРЕЧЬЕ", "РИА Заречье"),
        ("ТАСС", "ТАСС"),
        ("Заречинский Вестник", "Заречинский Вестник"),  # mixed case is the outlet's own spelling
    ],
)
def test_dump_all_caps_site_name_in_sentence_case(logo, source):
    # The copyright line is left out: it names "Северный вестник", and a copyright line names
    # the outlet with more weight than a first line shaped like a logo (issue 16, outlet chooser).
    lines = [line for line in NORTH.split("\n\n")[1:] if not line.startswith("©")]
    assert clean_dump(_dump(logo, *lines)).source == source


@pytest.mark.parametrize(
    "name, expected",
    [
        ("ЗАРЕЧИНСКИЙ ВЕСТНИК", "Заречинский вестник"),
        ("РИА НОВОСТИ", "РИА Новости"),
        ("ВЕСТИ НА ЗАРЕЧЬЕ", "Вести на заречье"),  # a preposition is not an acronym
        ("ЗАРЕЧЬЕ-ИНФО ОНЛАЙН", "Заречье-Инфо онлайн"),
        ("ИА РБК", "ИА РБК"),  # acronyms only
        ("ТАСС", "ТАСС"),
        ("Вести Заречья", "Вести Заречья"),
    ],
)
def test_names_sentence_case(name, expected):
    assert sentence_case(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Агентство Заречье-Пресс", "Заречье-Пресс"),
        ("ИА «Заречье»", "Заречье"),
        ("Городской портал «Заречье Online»", "Заречье Online"),
        ("Российская газета", "Российская газета"),  # nothing named after the kind
        ("Агентство городских новостей", "Агентство городских новостей"),
        ("«ЗАРЕЧНАЯ ПРАВДА»", "Заречная правда"),
        ("", None),
    ],
)
def test_names_tidy_outlet(name, expected):
    assert tidy_outlet(name) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Агентство Заречье-Пресс — Лента новостей", "Заречье-Пресс"),
        ("Заречный вестник | RSS", "Заречный вестник"),
        ("Главное - Заречный вестник", "Заречный вестник"),
        ("Заречный вестник", "Заречный вестник"),
        ("Заречье - Экономика - Новости", "Заречье - Экономика - Новости"),  # two parts left: kept whole
    ],
)
def test_names_outlet_from_title(title, expected):
    assert outlet_from_title(title) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("© 2020 Заречье Ньюс", "Заречье Ньюс"),
        ("© 2011–2020 ИА «Заречье». Все права защищены.", "Заречье"),
        ("© Заречный вестник, 2019", "Заречный вестник"),
        ("(c) 2019 ООО «Медиа-Холдинг»", None),
        ("© 2019 Все права защищены", None),
        ("Все права защищены", None),
    ],
)
def test_names_outlet_from_copyright(line, expected):
    assert outlet_from_copyright(line) == expected


def test_dump_seed_acceptance():
    if not SEED.exists():
        pytest.skip("../shared/eval not present")
    article = clean_dump(SEED.read_text(encoding="utf-8"))
    assert article.source == "Вестник Кавказа"
    assert article.title == "Мы хотим сделать Казахстан полюсом стабильности в Центральной Азии - глава МИД"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("Казахстанские власти намерены")
    assert article.lead == article.paragraphs[0]
    assert article.paragraphs[-1].endswith('развитие частного сектора".')
    assert article.views == 7535
    assert article.published is None
    kept = [article.title] + article.paragraphs
    for chrome in ["7535 просмотров", "Видео", "Все видео", "реклама", "COP29", "Баку, Азербайджан", "11-22 ноября"]:
        assert chrome not in kept
        assert chrome in article.boilerplate


def test_dump_photo_caption_is_never_the_headline():
    text = _dump(
        "Заречинский вестник",
        "Главная",
        "Новости",
        "Биологи вывели морозостойкий сорт облепихи. Фото с сайта zarechye.example",
        "Биологи вывели морозостойкий сорт облепихи",
        "12.03.2021 10:15",
        "Селекционеры опытной станции под Заречинском вывели сорт облепихи, который переносит морозы до минус сорока градусов, сообщил директор станции Павел Гурьев.",
        "Первые саженцы поступят в питомники области весной следующего года, а фермерам их будут продавать по льготной цене.",
        "© Заречинский вестник",
    )
    article = clean_dump(text)
    assert article.title == "Биологи вывели морозостойкий сорт облепихи"


@pytest.mark.parametrize(
    "opening",
    [
        "Реклама алкоголя и табака в региональных СМИ будет запрещена с первого января, сообщили в областном правительстве на брифинге.",
        "Вернуться к переговорам о строительстве моста стороны договорились уже весной, после того как эксперты завершат проверку проекта.",
        "Подробности проекта опубликованы на сайте www.zarechye.example, где жители могут оставить свои предложения до конца месяца.",
    ],
)
def test_dump_long_sentence_starting_with_a_chrome_word_is_body(opening):
    text = _dump(
        "Заречинский вестник",
        "Главная",
        "Власти Заречинска меняют правила наружной рекламы",
        "Городская дума Заречинска приняла новые правила размещения наружной рекламы, которые вступят в силу весной следующего года.",
        opening,
        "Нарушителям грозят штрафы до пятисот тысяч рублей, уточнили в мэрии города.",
        "© Заречинский вестник",
    )
    article = clean_dump(text)
    assert opening in article.paragraphs


def _prose(count: int) -> list[str]:
    """``count`` varied sentences written for the bounds tests."""
    towns = ["Заречинске", "Степногорске", "Озёрске", "Верхнедольске"]
    works = ["ремонт моста", "строительство школы", "замену труб", "расширение парка"]
    return [f"В {towns[i % 4]} начали {works[i // 4 % 4]}, работы обойдутся в {i % 900 + 10} млн рублей." for i in range(count)]


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "shape",
    [
        "one line",  # a 4.9 MB dump with no line breaks
        "short lines",  # 100,000 menu and feed lines
        "one token",  # 2.5 million letters, no space
        "dated lines",  # a feed of 50,000 dated headlines
    ],
)
def test_dump_huge_dumps_clean_in_linear_time(shape):
    import time

    if shape == "one line":
        text = " ".join(_prose(50_000))
    elif shape == "short lines":
        text = "\n".join("12:30 Новости Заречинска" if i % 2 else "Главная | Новости | Спорт" for i in range(100_000))
    elif shape == "one token":
        text = "а" * 2_500_000
    else:
        text = "\n\n".join(f"{i % 28 + 1}.01.2012 Новость дня номер {i}" for i in range(50_000))
    started = time.monotonic()
    article = clean_dump(text)
    assert time.monotonic() - started < 30  # generous: 0.1-1 s measured
    assert article.paragraphs or article.boilerplate
