"""Issue 16, fourth real set: classes of page the fourth set of crawler-text windows showed.

Every dump here is written for these tests (fictional outlets, invented news). Each stands for
a class of Russian news page met in the fourth windows set (see scripts/realpages.py): the
tests name the class, never a site.
"""

from __future__ import annotations

import pytest

from svodka.clean.dump import clean_dump
from svodka.clean._dumplines import _classify

pytestmark = pytest.mark.issue(16)

LEAD = (
    "Глава Заречного района Петр Сомов на заседании совета депутатов рассказал о ремонте "
    "школы и двух мостов, которые закончат до осени."
)
BODY = (
    "На эти работы из областного бюджета выделено сорок миллионов рублей, сообщили в "
    "пресс-службе районной администрации."
)


def _dump(*lines: str) -> str:
    """A crawler-style window: one line per block, blank lines between."""
    return "\n\n".join(lines)


@pytest.mark.parametrize("title", [
    "Почетным Гражданином Заречья стал бывший Глава Района Иван Громов",
    "Из жизни ушел Президент Федерации Шахмат Заречья Олег Луков",
])
def test_dump_windows4_headline_about_named_people(title):
    """A headline about named people has many capitals, but two lower-case words in a row make
    it a phrase, not a row of menu links. Class: obituaries and appointments naming officials."""
    article = clean_dump(_dump(title, LEAD, BODY))
    assert article.title == title


@pytest.mark.parametrize("menu", ["Политика Экономика Общество Спорт", "Новости Статьи Фото Видео Контакты"])
def test_dump_windows4_capitalised_menu_is_still_a_link_list(menu):
    """A row of capitalised menu labels stays a link list (a preposition is no content word)."""
    assert not _classify(menu, False).heading


@pytest.mark.parametrize("switch", ["EN", "Eng | Rus", "Қаз Рус", "РУ"])
def test_dump_windows4_language_switch_is_not_the_outlet(switch):
    """A language switch above the headline ("EN", a code in capitals) is no logo: the outlet
    falls back to the domain. Class: sites with editions in several languages."""
    article = clean_dump(_dump(switch, "Мосты в Заречном отремонтируют до осени", "24.01.2014", LEAD, BODY),
                         url="https://zarechye-vesti.example/news/1/")
    assert article.source == "zarechye-vesti.example"


def test_dump_windows4_cyrillic_language_code_after_the_record_date_is_not_the_outlet():
    """«РУ», the Russian edition's code in Cyrillic, left alone on the first line once the crawl
    record's date is taken off it, is no logo (fresh windows set 12 of issue 16: a Kazakh agency)."""
    title = "Субсидии, снегоходы, гонки на оленях — главное за неделю в Заречье"
    text = _dump(" date 2025-11-23 РУ", "15:00, 23 Ноябрь 2025", title, LEAD, title,
                 "Коллаж: Тундра-Инфо / Freepik", "Снегоходы для оленеводов", BODY)
    assert clean_dump(text, url="https://zarechye-vesti.example/ru/news/1/").source == "zarechye-vesti.example"


def test_dump_windows4_rubric_named_in_the_byline_is_not_the_outlet():
    """A rubric line at the top that the byline calls a department ("редактор отдела «...»") is
    the rubric, not the outlet, although it is logo-shaped and repeated. Class: AMP copies that
    open with the rubric and sign the author with his department."""
    article = clean_dump(_dump(
        "Соседние Страны", "13:37, 1 ноября 2025", "Мосты в Заречном отремонтируют до осени",
        "Олег Луков (редактор отдела «Соседние Страны»)", LEAD, BODY,
    ), url="https://zarechye-vesti.example/news/1/")
    assert article.source == "zarechye-vesti.example"


def test_dump_windows4_read_on_the_site_promo_glued_to_the_text():
    """A "Читать на сайте X" line glued to the first paragraph names the outlet; the glued
    paragraph's first word is not part of the name. Class: AMP and aggregator copies."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени",
        "Читать на сайте Северный Курьер" + LEAD,
        BODY,
    ), url="https://sevkur.example/amp/1")
    assert article.source == "Северный Курьер"


def test_dump_windows4_subscribe_line_with_a_bar_names_the_outlet():
    """A subscribe line under the text, the outlet's short name before a bar and its tagline
    ("Подписаться на ЗТВ|Новости Заречья") names the outlet. Class: regional TV sites that
    sign with their channel's promo."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени", LEAD, BODY,
        "Подписаться на ЗТВ|Новости Заречья и района", "Лента новостей",
    ), url="https://news-zarechye.example/society/2024/10/24/1.html")
    assert article.source == "ЗТВ"


def test_dump_windows4_headline_line_opening_with_its_date():
    """A news list's item page prints the list's line: the date, then the headline ("1.03.2022
    Заголовок"); the date is the article's and not part of the headline, and the pager under the
    text ("« предыдущая к списку новостей следующая »") is navigation. Class: small regional
    and institutional news sections."""
    article = clean_dump(_dump(
        "Новости", "1.03.2022 Мосты в Заречном отремонтируют до осени", LEAD, BODY,
        "« предыдущая к списку новостей следующая »", "Адрес: 123456, г. Заречный, ул. Мира, 1",
    ))
    assert article.title == "Мосты в Заречном отремонтируют до осени"
    assert (article.published or "")[:10] == "2022-03-01"
    assert not any("предыдущая" in p for p in article.paragraphs)


def test_dump_windows4_two_sentence_headline_printed_twice():
    """A headline of two sentences printed twice, once after its rubric label ("Город
    Заголовок"), under a weather widget: the copy without the label is the headline, and
    neither copy is a paragraph. Class: city portals with question headlines of weekly digests."""
    title = "Мосты закрыли и открыли снова. Что случилось в Заречье за неделю?"
    article = clean_dump(_dump(
        "ZARECHYE1", "Погода", "Сейчас в Заречном", "пасмурно, без осадков", "USD 87,99",
        "Город " + title, title, LEAD, BODY,
    ))
    assert article.title == title
    assert not any(title in p for p in article.paragraphs)


def test_dump_windows4_numeric_date_alone_above_the_headline():
    """A full numeric date alone right above the headline at the page's top ("05/12/2025"
    under a "fresh on the site" label) is the article's date, not a header clock. Class:
    regional portals that open at the article."""
    article = clean_dump(_dump("Свежее на сайте", "05/12/2025", "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert (article.published or "")[:10] == "2025-12-05"


def test_dump_windows4_header_clock_in_words_is_not_the_date():
    """A header clock in words (weekday, day, month) at the top stays the site's clock."""
    article = clean_dump(_dump("Среда, 25 февраля 2026", "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert (article.published or "")[:10] != "2026-02-25"


def test_dump_windows4_bare_number_under_the_headline_is_the_view_count():
    """A number alone between the headline and the byline is the view count (its eye icon
    dropped by the crawl). Class: national papers' sites with a counter under the headline."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени", "4009", "Олег Луков", "Фото: zarechye.example", LEAD, BODY,
    ))
    assert article.views == 4009


def test_dump_windows4_quote_with_its_credit_glued_on():
    """A cited statement closed by its stop with the speaker's credit glued after it
    ("«...».Пресс-служба ...") is part of the text, though no stop ends the line. Class: agency
    reports that set officials' quotes as blockquotes with a signature."""
    quote = "\"В настоящее время на мостах продолжаются ремонтные работы\".Пресс-служба акимата Заречного"
    article = clean_dump(_dump("Мосты в Заречном отремонтируют до осени", LEAD, quote, BODY))
    assert quote in article.paragraphs


def test_dump_windows4_last_line_of_two_sentences_cut_mid_word():
    """The window's last line holding two sentences and ending in a cut lower-case word ("...
    школу. Администрация просит ... до белор") is the text's last paragraph cut off, not a teaser."""
    cut = "В Заречье построят новую школу. Администрация просит жителей прислать свои предложения по проекту до белор"
    article = clean_dump(_dump("Мосты в Заречном отремонтируют до осени", LEAD, BODY, cut))
    assert cut in article.paragraphs


def test_dump_windows4_short_headline_with_an_ellipsis_over_byline_and_standfirst():
    """A short headline trailing off with an ellipsis, the author's name in capitals under it,
    then a standfirst without a stop: the headline is the line above the byline. Class: travel
    and feature pieces of weekly papers."""
    title = "Заречье: старое, новое, вечное..."
    article = clean_dump(_dump(
        title, "Ольга ЛУКОВА",
        "Поездка в главный город Заречья все чаще заменяет нашим туристам дальние курорты",
        LEAD, BODY,
    ))
    assert article.title == title
    assert article.paragraphs[0].startswith("Поездка в главный город Заречья")


def test_dump_windows4_long_line_with_an_ellipsis_is_no_headline():
    """A long line ending with three dots is a teaser's cut lead, not a headline."""
    teaser = "Местная администрация внезапно сообщила, что депутаты одобрили решение о передаче земель..."
    assert not _classify(teaser, False).heading


def test_dump_windows4_headline_under_its_rubric_label_over_a_caption():
    """The rubric's label, a short headline, then a longer caption-like line in heading type:
    the line right under the rubric is the headline. Class: opinion and analysis pages."""
    title = "Когда мосты молчат..."
    article = clean_dump(_dump("Политика", title, "Ремонтников в Заречном становится все больше и больше", LEAD, BODY))
    assert article.title == title


def test_dump_windows4_deck_under_the_headline_above_byline_and_credit():
    """Headline, standfirst, the author with his department, the photo credit, then the text:
    the standfirst right under the headline belongs to the text though a byline and a credit
    stand between. Class: AMP copies of national outlets."""
    deck = "Сомов назвал ремонт мостов главной задачей района на этот год"
    article = clean_dump(_dump(
        "Политика", "13:37, 1 ноября 2025", "Мосты в Заречном отремонтируют до осени", deck,
        "Олег Луков (редактор отдела «Политика»)", "Фото: Иван Громов / Заречье", LEAD, BODY,
    ))
    assert article.paragraphs[0] == deck


def test_dump_windows4_subscribe_promo_to_the_credited_source_is_not_the_outlet():
    """An aggregator copies a Telegram channel: it invites the reader to that channel and
    credits it as the source ("Источник: Telegram-канал ..."); the channel is the source, not
    the site, and the outlet falls back to the domain. Class: networks of city aggregators."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени", LEAD, BODY,
        "Подписаться на ЗТВ|Новости Заречья и района", "Источник: Telegram-канал \"ЗТВ | Новости Заречья и района\"",
        "Лента новостей",
    ), url="https://zarechye-news.example/society/2024/10/24/1.html")
    assert article.source == "zarechye-news.example"


def test_dump_windows4_blog_template_footer_names_date_and_publisher():
    """A blog template's footer under the text, after reaction counters: "This post was
    published on <date>" is the article's date, "Published by" and the account on the next line
    name the outlet. Class: AMP pages of news sites built on a blog engine."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени", LEAD, BODY,
        *(["+1", "0"] * 7),
        "This post was published on 19.12.2025 06:53", "Share", "Published by", "Заречье Daily", "Recent Posts",
    ), url="https://zar.example.org/mosty/amp")
    assert (article.published or "")[:10] == "2025-12-19"
    assert article.source == "Заречье Daily"


def test_dump_windows4_post_author_is_not_the_publisher():
    """"Published by" with a person's name is the post's author, not the outlet."""
    article = clean_dump(_dump("Мосты в Заречном отремонтируют до осени", LEAD, BODY, "Published by", "Олег Луков"),
                         url="https://zar.example.org/mosty/amp")
    assert article.source == "zar.example.org"


def test_dump_windows4_latin_logo_run_on_into_a_russian_tagline():
    """A Latin logo run on into its Russian tagline without a separator ("Zarechye Gateway на
    русском языке") gives the Latin name. Class: Russian editions of international portals."""
    article = clean_dump(_dump("Zarechye Gateway на русском языке", "Мосты в Заречном отремонтируют до осени", LEAD, BODY),
                         url="https://zar-gateway.example/wp/page/9")
    assert article.source == "Zarechye Gateway"


def test_dump_windows4_headline_announcing_a_quote_printed_twice():
    """A headline ending with a colon that announces a quote, printed twice above the quoted
    address: the colon does not make it a label. Class: aggregators of officials' statements."""
    title = "Глава Заречного района Петр Сомов обратился к жителям:"
    quote = "«Прошу всех сохранять спокойствие и без необходимости не выходить из дома в ближайшие дни»."
    article = clean_dump(_dump(title, title, quote, BODY, "Лента новостей"))
    assert article.title == title


def test_dump_windows4_rubric_feed_with_dates_under_the_teasers():
    """After the text, a rubric feed whose items give their date under the teaser's headline
    ("Новости Заречья" / headline / "21 декабря 2025"): its dates are not the article's."""
    article = clean_dump(_dump(
        "Мосты в Заречном отремонтируют до осени", LEAD, BODY,
        "Новости Заречья", "Новогодняя ярмарка открылась в Заречном", "21 декабря 2025",
        "Новости Заречья", "В Заречном зажгли главную елку района", "15 декабря 2025",
    ))
    assert article.published is None


def test_dump_windows4_header_clock_with_the_weekday_is_not_the_date():
    """A header clock opening with the weekday's full name, with rubric links between it and
    the headline, is the site's clock. Class: agency sites with a clock in the header."""
    article = clean_dump(_dump(
        "Заречное информационное агентство 18+", "Вывозим же!", "Подпишись на каналы", "ZarNews.ru",
        "Пятница, 22 ноября 2024, 12:17 мск", "Новости, Кратко, Популярное",
        "Архив", "Мосты в Заречном отремонтируют до осени", LEAD, BODY,
    ))
    assert article.published is None


def test_dump_windows4_paragraph_opening_whose_source_link_was_lost():
    """A copy with its links stripped leaves "Как сообщает" alone on a line and a sentence
    fragment after it: they stay inside the article, whose headline is the first line, not the
    fragment. Class: AMP copies of news with inline source links."""
    title = "Власти Заречья изменили прогноз курса рубля"
    article = clean_dump(_dump(
        title,
        "Власти Заречного района повысили прогноз среднегодового курса доллара на следующий год, а также оценку на этот год.",
        "Как сообщает",
        "В конце августа со ссылкой на материалы районного финансового управления сообщалось, что в проект",
        LEAD, BODY,
    ))
    assert article.title == title
    assert article.paragraphs[0].startswith("Власти Заречного района повысили")


def test_dump_windows4_paragraph_opening_with_by_the_data_of_is_no_credit_line():
    """A paragraph opening with "По данным ..." is text, not a source credit line: the logo it
    happens to name stays the outlet."""
    article = clean_dump(_dump(
        "Северный Курьер", "Мосты в Заречном отремонтируют до осени", LEAD,
        "По данным опроса издания «Северный Курьер», большинство жителей района поддерживают ремонт мостов и готовы мириться с объездами.",
        BODY,
    ), url="https://sevkur.example/news/1")
    assert article.source == "Северный Курьер"


def test_dump_windows4_quote_headline_with_the_speaker_after_a_dash():
    """A headline quoting someone with the speaker after a dash («...» — Петр Сомов) stays the
    headline: only a credit glued to the quote's stop makes a cited-statement line."""
    title = "«Мы обязательно справимся с паводком до конца недели» — Петр Сомов"
    assert clean_dump(_dump(title, LEAD, BODY)).title == title


def test_dump_windows4_latin_term_before_russian_words_is_no_logo():
    """One Latin word before Russian words at the top ("COVID-19 в Заречье") is a term, not a
    logo run on into its tagline."""
    article = clean_dump(_dump("COVID-19 в Заречье", "Мосты в Заречном отремонтируют до осени", LEAD, BODY),
                         url="https://zarechye-vesti.example/news/1/")
    assert article.source == "zarechye-vesti.example"


def test_dump_windows4_date_glued_to_the_lead():
    """A full numeric date glued to the first word of the lead right under the headline
    ("28.02.2020" + "27 февраля ...") is the article's date. Class: sport and regional pages
    whose date element is flattened into the text."""
    article = clean_dump(_dump(
        "«Заречье» обыграло «Северянку» и поднялось с последнего места",
        "28.02.202027 февраля в рамках очередного тура чемпионата области «Заречье» приняло на своем поле «Северянку», встреча завершилась победой хозяев.",
        BODY,
    ))
    assert (article.published or "")[:10] == "2020-02-28"


def test_dump_windows4_site_notice_above_the_headline():
    """A site notice over the page ("Ведутся технические работы... Приносим извинения за
    неудобства") is a banner, not the text's first paragraph: the headline under it is found."""
    title = "В Заречном откроют новый театральный сезон премьерой"
    article = clean_dump(_dump(
        "Ведутся технические работы. Это может временно повлиять на скорость работы сайта. Приносим извинения за неудобства!",
        title, LEAD, BODY,
    ))
    assert article.title == title
    assert not any("технические работы" in p for p in article.paragraphs)


@pytest.mark.parametrize("label", ["Добавить новость", "Вы здесь"])
def test_dump_windows4_interface_labels_are_not_the_outlet(label):
    """An "add news" link or a breadcrumb's "Вы здесь" label at the top is no logo."""
    article = clean_dump(_dump(label, "Мосты в Заречном отремонтируют до осени", LEAD, BODY),
                         url="https://zarechye-vesti.example/news/1/")
    assert article.source == "zarechye-vesti.example"


def test_dump_windows4_long_question_headline_over_its_date():
    """A long headline asking a question, with a short date line under it, is the headline, not
    the first paragraph. Class: feature and analysis pages."""
    title = "Реформа за здравие Как изменилась районная медицина в Заречье за пять лет?"
    article = clean_dump(_dump(title, "Добавлено: 04 ноября 2015", LEAD, BODY))
    assert article.title == title
    assert (article.published or "")[:10] == "2015-11-04"


def test_dump_windows4_agency_dateline_signed_first_with_the_full_date():
    """An agency's dateline that opens the lead with its hyphenated name in capitals and the
    full date ("ЗАРЕЧЬЕ-НОВОСТИ. 13 мая 2010 года ...") names the outlet and gives the date."""
    article = clean_dump(_dump(
        "Глава Заречного района вылетел в Северск",
        "ЗАРЕЧЬЕ-НОВОСТИ. 13 мая 2010 года глава Заречного района Петр Сомов вылетел в Северск на переговоры о ремонте мостов.",
        BODY, "Комментарии",
    ), url="https://zarechye-news.example/common/events/1")
    assert article.source == "ЗАРЕЧЬЕ-НОВОСТИ"
    assert (article.published or "")[:10] == "2010-05-13"


def test_dump_windows4_place_dateline_with_the_full_date_gives_the_date():
    """A place in capitals and the full date opening the lead ("ЗАРЕЧНЫЙ, 13 мая 2010 г.") gives
    the article's date; the place is no outlet."""
    article = clean_dump(_dump(
        "Глава Заречного района вылетел в Северск",
        "ЗАРЕЧНЫЙ, 13 мая 2010 г. Глава Заречного района Петр Сомов вылетел в Северск на переговоры о ремонте мостов.",
        BODY,
    ), url="https://zarechye-news.example/common/events/1")
    assert (article.published or "")[:10] == "2010-05-13"
    assert article.source == "zarechye-news.example"


def test_dump_windows4_rubric_label_glued_before_the_headline():
    """The rubric's label glued before the headline with a stop ("Новости. Заголовок") is no
    part of the headline. Class: video and AMP pages of broadcasters."""
    article = clean_dump(_dump("Новости. Мосты в Заречном отремонтируют до осени", "15 ноября 2023", "13:13", LEAD, BODY))
    assert article.title == "Мосты в Заречном отремонтируют до осени"


def test_dump_windows4_headline_with_the_portal_name_and_domain_after_it():
    """A headline line carrying the page's browser-title suffix ("— Городской портал | Zar24.tv —
    все новости города") is cut before it, and the domain there names the outlet, over a city
    label under the weather widget. Class: city portals."""
    article = clean_dump(_dump(
        "Среда, 25 февраля, 2026", "11.1 C", "Заречный",
        "Мосты в Заречном отремонтируют до осени — Городской портал Заречного | Zar24.tv — все новости города",
        LEAD, BODY,
    ), url="https://zar24.tv/mosty-v-zarechnom")
    assert article.title == "Мосты в Заречном отремонтируют до осени"
    assert article.source == "Zar24.tv"


def test_dump_windows4_full_date_in_words_over_the_rubric_at_the_top():
    """A full date in words with its year, then the rubric's label, then the headline at the
    page's top ("14 октября 2024" / "Происшествия" / headline): the article's date, where a
    header clock would name the weekday."""
    article = clean_dump(_dump("14 октября 2024", "Происшествия", "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert (article.published or "")[:10] == "2024-10-14"
    clock = clean_dump(_dump("Понедельник, 14 октября 2024", "Происшествия", "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert (clock.published or "")[:10] != "2024-10-14"


def test_dump_windows4_header_clock_right_above_the_headline_without_a_time():
    """A header clock with the weekday's full name and no time, right above the headline under a
    weather widget, is the site's clock; a meta line with a time there stays the article's."""
    clock = clean_dump(_dump("back to top", "23.9 C", "Заречье", "Понедельник, 9 июня, 2025",
                             "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert clock.published is None
    meta = clean_dump(_dump("back to top", "23.9 C", "Заречье", "Понедельник, 9 июня 2025, 12:32",
                            "Мосты в Заречном отремонтируют до осени", LEAD, BODY))
    assert (meta.published or "")[:10] == "2025-06-09"
