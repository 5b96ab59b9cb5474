"""Issue 16, second real set: classes of page the crawler-text windows showed.

Every dump here is written for these tests (fictional outlets, invented news). Each stands for
a class of Russian news page met in the windows set (see scripts/realpages.py): the tests
name the class, never a site.
"""

from __future__ import annotations

import pytest

from svodka.clean.dump import clean_dump

pytestmark = pytest.mark.issue(16)

TITLE = "Сейм Заречья принял заявление о поддержке рыбаков"
LEAD = (
    "Сейм Заречья в четверг принял подготовленное комиссией по сельскому хозяйству заявление "
    "о поддержке рыбацких артелей побережья."
)
BODY = (
    "В заявлении отмечается, что артели третий год подряд теряют улов из-за холодной весны, "
    "и парламент просит правительство продлить льготы на топливо."
)


def _dump(*lines: str) -> str:
    """A crawler-style window: one line per block, blank lines between."""
    return "\n\n".join(lines)


@pytest.mark.parametrize(
    "lines",
    [
        # The window opens with the headline; an agency credit in capitals stands under the date.
        (TITLE, "19 февраля, 2026", "БАЛТА", LEAD, BODY),
        # The heading of a list after the text ("Новости партнеров") is no logo.
        (TITLE, LEAD, BODY, "Новости партнеров", "Выбор читателей"),
    ],
)
def test_dump_windows_logo_stands_above_the_headline(lines):
    """A short name-shaped line under the headline is a credit or a list heading, not the
    outlet: with nothing above the headline the outlet is the domain."""
    article = clean_dump(_dump(*lines), url="https://zarechye-news.example/post/seim")
    assert article.title == TITLE
    assert article.source == "zarechye-news.example"


@pytest.mark.parametrize("heading", ["САМОЕ ЧИТАЕМОЕ", "Новостные рубрики"])
def test_dump_windows_list_heading_is_not_the_outlet(heading):
    """The heading of a recommendation block at the top of the crawl text is no logo."""
    article = clean_dump(_dump(heading, TITLE, LEAD, BODY), url="https://zarechye-news.example/post/seim")
    assert article.source == "zarechye-news.example"


def test_dump_windows_teaser_date_under_a_list_heading_is_not_the_date():
    """A date under "Может быть интересно" after the text is a teaser's; the page shows none."""
    article = clean_dump(_dump(
        TITLE, LEAD, BODY, "Источник: Заречье-Пресс", "Может быть интересно",
        "Рыбный день в Заречье: программа праздника", "7 января 2026",
    ))
    assert article.title == TITLE
    assert article.published is None


@pytest.mark.parametrize(
    "meta,published,views",
    [
        ("16.09.2025, 16:35 38496", "2025-09-16", 38496),  # date, time and the eye icon's number
        ("12:32, 12 мая 2024 Вс", "2024-05-12", None),  # time first, weekday after
        ("Понедельник, 23 сентября 2024", None, None),  # a header clock: the day alone
    ],
)
def test_dump_windows_meta_line_above_the_headline(meta, published, views):
    """The line right above the headline, even as the crawl text's first line, is the
    article's meta line when it shows a full date with its time; a bare number after them is
    the view count (the eye icon is an image)."""
    article = clean_dump(_dump(meta, TITLE, LEAD, BODY))
    assert article.title == TITLE
    assert (article.published or "")[:10] == (published or "")
    assert article.views == views


def test_dump_windows_comment_genre_headline():
    """"Комментарий <кого> ..." is a headline of the genre, not the comments label; a bare
    "Комментарии (3)" after the text still is the label."""
    title = "Комментарий главы Заречного по уборке снега"
    lead = (
        "Сегодня, 19 ноября, глава Заречного Пётр Ильин прокомментирует ход уборки снега в городе "
        "и ситуацию, возникшую после сильных снегопадов последних дней."
    )
    article = clean_dump(_dump(title, "19 ноября 2012", lead, "Начало — в 15:00 в зале заседаний администрации.", "Комментарии (3)"))
    assert article.title == title
    assert article.published == "2012-11-19"
    assert "Комментарии (3)" in article.boilerplate


def test_dump_windows_rubric_feed_after_the_text():
    """A rubric feed after the text (rubric, date, teaser headline, lead; again) shows no date of
    the article; a byline under the text followed by another list keeps its date."""
    feed = _dump(
        TITLE, LEAD, BODY,
        "Официально", "14 августа 2022", "Рыбаки Заречья получили новые лодки", "Артели побережья обновили флот к осени",
        "Официально", "10 августа 2022", "Причал отремонтируют", "Работы начнутся в сентябре",
    )
    assert clean_dump(feed).published is None
    byline = _dump(
        TITLE, LEAD, BODY, "06.01.2012. Просмотров: 527", "Твитнуть", "ПОСЛЕДНИЕ ПУБЛИКАЦИИ",
        "Рыбаки Заречья получили новые лодки", "Иван Петров, 09.04.2013",
    )
    article = clean_dump(byline)
    assert article.published == "2012-01-06" and article.views == 527


@pytest.mark.parametrize(
    "promo,where",
    [
        ("Все важные новости — в канале «Заречные вести» в мессенджере", "after"),
        ("Здравствуйте! Новости «Заречные вести».", "under the headline"),
    ],
)
def test_dump_windows_outlet_names_itself_in_its_promo_line(promo, where):
    """With no logo in the crawl text, the outlet's own promo or greeting line names it in quotes."""
    lines = (TITLE, LEAD, BODY, promo) if where == "after" else (TITLE, promo, LEAD, BODY)
    article = clean_dump(_dump(*lines), url="https://zv.example/news/1")
    assert article.source == "Заречные вести"


def test_dump_windows_quoted_source_in_the_text_is_not_the_outlet():
    """An outlet the article quotes («Спорт-Вестник» сообщил) is the article's matter, not the site."""
    body = BODY + " Об этом сообщил «Спорт-Вестник» со ссылкой на свой канал в мессенджере."
    article = clean_dump(_dump(TITLE, LEAD, body), url="https://zv.example/news/1")
    assert article.source == "zv.example"


def test_dump_windows_headline_with_its_date_in_brackets():
    """A headline line ending with its date and time in brackets: the title drops both, the
    date is the publication date."""
    article = clean_dump(_dump("Новостные рубрики", TITLE + " (20.09.2023 07:21)", LEAD + " " + BODY))
    assert article.title == TITLE
    assert article.published.startswith("2023-09-20")


def test_dump_windows_agency_dateline_signs_the_outlet():
    """With no other name on the page, the signature of the agency dateline opening the lead
    is the outlet; a logo line above the headline still wins."""
    lead = "Заречье. 16 сентября. ЗАРЕЧЬЕ СЕГОДНЯ - " + LEAD
    article = clean_dump(_dump("16.09.2025, 16:35 1204", TITLE, lead, BODY), url="https://zs.example/rus/news/1")
    assert article.source.lower() == "заречье сегодня"
    # A reprint: the address is not the agency's (on zs.example, whose letters are the initials
    # of "Заречье Сегодня", the dateline would be the site's own signature).
    article = clean_dump(_dump("Северный вестник", "Главная", TITLE, lead, BODY), url="https://news.example/rus/news/1")
    assert article.source == "Северный вестник"


@pytest.mark.parametrize("rubric", ["В мире", "В регионах", "За рубежом"])
def test_dump_windows_place_rubric_is_not_the_outlet(rubric):
    """A rubric named by a place phrase above the headline is a section, not the site."""
    article = clean_dump(_dump(rubric, TITLE, LEAD, BODY), url="https://zv.example/ru/news/world-1")
    assert article.source == "zv.example"


def test_dump_windows_caption_ending_with_its_photo_credit():
    """A caption that repeats the headline and ends with "Имя Фамилия/АГЕНТСТВО" is no paragraph;
    a paragraph that names an agency inside a sentence still is."""
    caption = TITLE + ". Пётр Ильин. Анна Орлова/ЗАРПРЕСС"
    quoting = BODY[:-1] + ", сообщила Анна Орлова в интервью ЗАРПРЕСС."
    article = clean_dump(_dump(TITLE, LEAD, caption, quoting))
    assert caption not in article.paragraphs
    assert article.paragraphs == [LEAD, quoting]


def test_dump_windows_menu_word_inside_the_domain_is_not_the_outlet():
    """"Новости" spells a part of a domain like zanovosti.example and is still a menu word."""
    article = clean_dump(_dump("Новости", TITLE, TITLE, LEAD, BODY), url="http://zanovosti.example/glavnoe/seim.htm")
    assert article.source == "zanovosti.example"


@pytest.mark.parametrize("signature", ['"Заречные вести"', "„Заречные вести“", "«Заречные вести»"])
def test_dump_windows_quoted_signature_under_the_text(signature):
    """The outlet signs under the text with its name in quotes, straight ones included."""
    article = clean_dump(_dump(TITLE, LEAD, BODY, signature, "Авторские экскурсии"), url="https://zv.example/text/1")
    assert article.source == "Заречные вести"


def test_dump_windows_headline_after_the_text():
    """With no headline before the text, a heading line right under it that retells the lead is
    the headline (a lead set above it, a window opening mid-page); a teaser about something
    else under the text is not."""
    title = "Заречный сейм принял заявление о поддержке рыбацких артелей"
    article = clean_dump(_dump(LEAD, BODY, title, "ПО ТЕМЕ"))
    assert article.title == title and article.paragraphs == [LEAD, BODY]
    other = clean_dump(_dump(LEAD, BODY, "В Заречье открыли новую библиотеку для школьников", "ПО ТЕМЕ"))
    assert other.title is None


def test_dump_windows_lead_between_the_headline_and_the_picture():
    """A lead set under the headline, above the picture whose caption repeats the headline and
    a credit, belongs to the text."""
    text = _dump(
        "15:00, 23 Ноябрь 2025", TITLE, LEAD, TITLE, "Коллаж: Заречье-Пресс / Фотобанк",
        "Главное за неделю", BODY, BODY.replace("третий год", "второй год"),
    )
    article = clean_dump(text)
    assert article.title == TITLE
    assert article.paragraphs[0] == LEAD and len(article.paragraphs) == 3
    assert article.published.startswith("2025-11-23")


@pytest.mark.parametrize(
    "url,expected",
    [
        ("https://zv.example/text/11-04-2013/rajon", "2013-04-11"),  # a whole segment, day first
        ("https://zv.example/text/11.04.2013/", "2013-04-11"),
        ("https://zv.example/text/id11-04-2013/rajon", None),  # inside a longer segment: an id
        ("https://zv.example/text/31-02-2013/", None),  # no such day
    ],
)
def test_dump_windows_url_date_day_first(url, expected):
    from svodka.clean._dates import url_date

    assert url_date(url) == expected
