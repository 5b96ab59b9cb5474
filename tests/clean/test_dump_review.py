"""Review of issue 16's dump cleaning: regressions for defects found on written pages.

Every dump here is written for these tests (a fictional town paper, invented news).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from svodka.clean.dump import clean_dump

pytestmark = pytest.mark.issue(16)

SITE = "Заречные вести"
TITLE = "В Заречном после ремонта открылась городская библиотека"
LEAD = (
    "Мэр Заречного Анна Крылова открыла после ремонта городскую библиотеку, где теперь работает "
    "читальный зал для школьников и кружок робототехники."
)
BODY = (
    "Ремонт шёл почти два года: в здании заменили крышу, окна и отопление, а на первом этаже "
    "сделали пандус и лифт для маломобильных посетителей."
)
MORE = (
    "По словам директора библиотеки, в первый же день в неё записались более двухсот новых "
    "читателей, в основном семьи с детьми."
)


def _page(date_line: str, *, top: tuple[str, ...] = (SITE, "Главная"), bottom: tuple[str, ...] = ()) -> str:
    return "\n\n".join([*top, TITLE, date_line, LEAD, BODY, MORE, *bottom])


@pytest.mark.parametrize(
    "shown, crawled, expected",
    [
        # 22:30 UTC is 01:30 in Moscow: the page's "today" is already the 16th ...
        ("Сегодня, 01:10", "2024-03-15T22:30:00+00:00", "2024-03-16T01:10"),
        # ... and a full date of the 16th is not "after the crawl" (it was dropped).
        ("16.03.2024 01:10", "2024-03-15T22:30:00Z", "2024-03-16T01:10"),
        # A page east of Moscow shows its own morning while Moscow still has the evening before.
        ("16 марта 2024, 08:05", "2024-03-15T22:30:00+00:00", "2024-03-16T08:05"),
        # An age under a day counts back from the crawl time: 00:40 minus 3 hours is yesterday.
        ("3 часа назад", "2024-03-16T00:40:00+03:00", "2024-03-15"),
        ("час назад", "2024-03-16T00:30:00", "2024-03-15"),
        ("15 минут назад", "2024-03-16T12:00:00+03:00", "2024-03-16"),
        # A day-and-month 29 February takes the latest leap year, not none.
        ("29 февраля, 18:40", "2025-03-10", "2024-02-29T18:40"),
    ],
)
def test_dump_review_crawl_time_on_the_page_clock(shown, crawled, expected):
    assert clean_dump(_page(shown), crawled=crawled).published == expected


def test_dump_review_crawl_given_as_datetime():
    """A ``datetime`` crawl time (the signature allows ``date``, a datetime is one) gives an
    ISO date, not "2024-03-14T12:00:00+00:00T18:40"."""
    crawled = datetime(2024, 3, 15, 12, 0, tzinfo=timezone.utc)
    assert clean_dump(_page("Вчера, 18:40"), crawled=crawled).published == "2024-03-14T18:40"
    assert clean_dump(_page("14 марта, 18:40"), crawled=datetime(2024, 3, 15, 12)).published == "2024-03-14T18:40"


def test_dump_review_yearless_date_across_new_year_uses_page_today():
    """"31 декабря" on a page whose header says 2 January 2025 is 2024, though the copyright
    line already shows 2025 (it gave 2025-12-31, a date in the page's future)."""
    text = _page("31 декабря, 18:40", top=(SITE, "2 января 2025", "Главная"), bottom=("© 2012–2025 Заречные вести",))
    assert clean_dump(text).published == "2024-12-31T18:40"


def test_dump_review_unreadable_crawl_time_is_ignored():
    assert clean_dump(_page("15.03.2024 10:20"), crawled="вчера").published == "2024-03-15T10:20"
    assert clean_dump(_page("вчера"), crawled="2024-13-45").published is None


@pytest.mark.parametrize(
    "top, under_title",
    [
        (("«Заречные вести»", "Главная", "Общество"), ()),  # the logo line at the top
        (("Главная", "Общество"), ("«Заречные вести»",)),  # the source line under the headline
    ],
)
def test_dump_review_quoted_outlet_with_lowercase_second_word(top, under_title):
    """«Заречные вести» is a name by its quotes; capitals were counted on "«Заречные" (no
    letter first), so the line failed the name shape and the outlet was lost (None)."""
    text = "\n\n".join([*top, TITLE, *under_title, "15.03.2024", LEAD, BODY, MORE])
    assert clean_dump(text).source == "Заречные вести"


@pytest.mark.parametrize(
    "top, expected",
    [
        ("Политика Экономика Общество", "zarechnye-vesti.ru"),  # a menu of rubrics on one line
        ("Новости Статьи Видео", "zarechnye-vesti.ru"),
        ("Мир новостей", "Мир новостей"),  # a name that merely starts with a rubric word stays
    ],
)
def test_dump_review_menu_line_at_top_is_no_outlet(top, expected):
    """A menu flattened onto the first line was taken for the logo (two words or more,
    capitalised); every word a navigation label makes it a menu."""
    text = "\n\n".join([top, "Главная", TITLE, "15.03.2024 10:20", LEAD, BODY, MORE])
    assert clean_dump(text, url="https://zarechnye-vesti.ru/news/1").source == expected


SUBSCRIPTION = (
    "В Заречном стартовала подписная кампания на второе полугодие: жители района могут выписать "
    "газеты и журналы со скидкой до 20 мая.",
    "Оформить подписку на районную газету можно в любом отделении почты или у почтальона, а "
    "пенсионерам доставка обойдётся дешевле.",
    "В прошлом году на районную газету подписались более трёх тысяч семей, и в редакции "
    "рассчитывают сохранить тираж.",
)
PRIVACY = (
    "Популярный мессенджер с 1 июля изменит правила хранения переписки пользователей, сообщила "
    "пресс-служба компании.",
    "Новая редакция политики конфиденциальности разрешает хранить резервные копии чатов на "
    "серверах компании не дольше тридцати дней.",
    "Эксперты считают, что изменения связаны с требованиями регуляторов в нескольких странах, "
    "где работает сервис.",
)
BANNER = (
    "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы "
    "соглашаетесь с политикой конфиденциальности."
)


@pytest.mark.parametrize("title, paragraphs", [
    ("Почта начала подписную кампанию на второе полугодие", SUBSCRIPTION),
    ("Мессенджер изменит правила хранения переписки", PRIVACY),
])
def test_dump_review_news_about_subscriptions_and_privacy_keeps_its_sentences(title, paragraphs):
    """A news sentence naming "оформить подписку" or "политики конфиденциальности" is text; a
    banner says the same to the reader ("вы соглашаетесь") and stays chrome."""
    text = "\n\n".join([SITE, "Главная", BANNER, title, "15.03.2024 10:20", *paragraphs])
    article = clean_dump(text)
    assert article.title == title
    assert article.paragraphs == list(paragraphs)
    assert BANNER in article.boilerplate


def test_html_review_news_about_subscriptions_keeps_its_sentences():
    from svodka.clean.html import clean_html

    title = "Почта начала подписную кампанию на второе полугодие"
    paragraphs = [SUBSCRIPTION[1], SUBSCRIPTION[0], SUBSCRIPTION[2]]  # the banner words open the text
    html = (
        f"<html><head><title>{title}</title></head><body><div>{SITE}</div><div class='consent'><p>{BANNER}</p></div>"
        f"<h1>{title}</h1><div class='text'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>"
    )
    article = clean_html(html)
    assert article.paragraphs == paragraphs


def test_review_sentence_opening_with_ozvuchit_is_text():
    """"Озвучить" opened the chrome pattern for the "listen" widget with no end: a sentence
    "Озвучить сроки ... не готовы." was dropped from dumps and HTML pages alike."""
    from svodka.clean.html import clean_html

    said = "Озвучить сроки окончания работ в мэрии пока не готовы, но обещают закончить летом."
    text = "\n\n".join([SITE, "Главная", TITLE, "15.03.2024 10:20", LEAD, said, BODY, MORE, "Озвучить"])
    article = clean_dump(text)
    assert article.paragraphs == [LEAD, said, BODY, MORE]
    html = (
        f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div>Озвучить</div><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in (LEAD, said, BODY, MORE)) + "</div></body></html>"
    )
    assert clean_html(html).paragraphs == [LEAD, said, BODY, MORE]


@pytest.mark.parametrize(
    "top, bottom, expected",
    [
        (("«Наша версия»", "Главная"), (), "Наша версия"),  # "версия" is a widget word
        (("Газета «Поиск»", "Главная"), (), "Поиск"),  # "поиск" too
        (("Главная",), ("«Наша версия»",), "Наша версия"),  # the signature under the text
    ],
)
def test_dump_review_quoted_outlet_holding_a_widget_word(top, bottom, expected):
    """A quoted name holding a widget word ("Версия для слабовидящих", "Форма поиска") was
    rejected as an interface label and the outlet fell back to the domain; no widget is quoted."""
    text = "\n\n".join([*top, TITLE, "15.03.2024 10:20", LEAD, BODY, MORE, *bottom])
    assert clean_dump(text, url="https://example-media.ru/news/1").source == expected


@pytest.mark.parametrize("value", ["2024-02-31T10:00:00+03:00", "2023-02-29", "31.02.2024", "2024-03-15T25:10:00"])
def test_html_review_impossible_metadata_date_is_no_date(value):
    """A CMS writing 31 February (or hour 25) in its metadata gave that text as the
    publication date; it is no date, and the page's next source is read (here: the URL)."""
    from svodka.clean.html import clean_html

    html = (
        f"<html><head><meta property='article:published_time' content='{value}'><title>{TITLE}</title></head>"
        f"<body><h1>{TITLE}</h1><div class='text'><p>{LEAD}</p><p>{BODY}</p><p>{MORE}</p></div></body></html>"
    )
    article = clean_html(html, url="https://zarech.example/news/2024/03/15/biblioteka")
    assert (article.published, article.published_how) == ("2024-03-15", "url")


def test_dump_review_headline_in_capitals():
    """A headline set in capitals read as a menu (every word capitalised) and was lost; a
    menu in capitals (navigation words) stays chrome."""
    text = "\n\n".join([SITE, "НОВОСТИ ПОЛИТИКА ЭКОНОМИКА СПОРТ", TITLE.upper(), "15.03.2024 10:20", LEAD, BODY, MORE])
    article = clean_dump(text)
    assert article.title == TITLE.upper()
    assert article.paragraphs == [LEAD, BODY, MORE]
    assert "НОВОСТИ ПОЛИТИКА ЭКОНОМИКА СПОРТ" in article.boilerplate


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\u2028"])
def test_dump_review_any_line_break(brk):
    """A dump with bare "\\r" line ends (old Mac exports) or Unicode line separators was one
    line: no headline, the whole page one paragraph."""
    text = (brk * 2).join([SITE, TITLE, "15.03.2024 10:20", LEAD, BODY, MORE])
    article = clean_dump(text)
    assert (article.title, article.paragraphs) == (TITLE, [LEAD, BODY, MORE])


@pytest.mark.parametrize(
    "date_lines, expected",
    [
        (("Обновлено: 16.03.2024 12:00", "Опубликовано: 15.03.2024 10:20"), "2024-03-15T10:20"),
        (("Обновлено 16.03.2024 12:00 (опубликовано 15.03.2024 10:20)",), "2024-03-15T10:20"),
        (("Обновлено: 16.03.2024 12:00",), "2024-03-16T12:00"),  # nothing better shown
    ],
)
def test_dump_review_update_time_is_not_the_publication(date_lines, expected):
    """The first date line under the headline won even when it said "Обновлено"."""
    text = "\n\n".join([SITE, TITLE, *date_lines, LEAD, BODY, MORE])
    assert clean_dump(text).published == expected


def test_dump_review_page_today_stands_above_the_headline():
    """A yearless date takes its year from the page's "today" only when that date is the
    header's: a related item's date under a short article is no "today" (it gave 2011 here)."""
    text = "\n\n".join([
        SITE, TITLE, "16 янв, 17:10", LEAD, BODY, MORE,
        "Читайте также", "14.01.2012 Мэр открыл каток", "© 2012 Заречные вести",
    ])
    assert clean_dump(text).published == "2012-01-16T17:10"


@pytest.mark.parametrize("title", [
    "Десять лет назад Заречный остался без моста",  # "назад": the change's new date word
    "Вчера Заречный остался без света",
    "Заречный сегодня отмечает день города",
])
def test_dump_review_headline_holding_a_relative_date_word(title):
    """A short headline with "назад", "вчера" or "сегодня" was a date line (so never a
    headline, and a "feed item" to the block search); a relative date line is the date and
    at most a name."""
    text = "\n\n".join([SITE, "Главная", title, "15.03.2024 10:20", LEAD, BODY, MORE])
    article = clean_dump(text)
    assert (article.title, article.published) == (title, "2024-03-15T10:20")


def test_dump_review_relative_date_lines_still_dated():
    text = "\n\n".join([SITE, TITLE, "Ольга, два дня назад", LEAD, BODY, MORE])
    assert clean_dump(text, crawled="2024-05-02").published == "2024-04-30"


@pytest.mark.parametrize("title", [
    "С 1 апреля в Заречном подорожает проезд",  # a date after a preposition
    "8 марта в Заречном пройдёт праздничный концерт",  # a date opening the headline
    "Библиотеку в Заречном откроют 15 марта",  # a date closing it: the headline's words, kept whole
])
def test_dump_review_headline_with_a_date_in_words(title):
    """Headlines with a date in words were date lines (no headline, or the date cut off as if
    run on: "Библиотеку в Заречном откроют"), and the real date line under them was ignored."""
    text = "\n\n".join([SITE, "Главная", title, "15.03.2024 10:20", LEAD, BODY, MORE])
    article = clean_dump(text)
    assert (article.title, article.published) == (title, "2024-03-15T10:20")


@pytest.mark.parametrize("byline", ["Анна Петрова, 15 марта", "Анна Петрова, Заречный, 15 марта 2024 г."])
def test_dump_review_bylines_with_a_date_in_words_stay_date_lines(byline):
    text = "\n\n".join([SITE, "Главная", TITLE, byline, LEAD, BODY, MORE, "© 2024 Заречные вести"])
    article = clean_dump(text)
    assert (article.title, article.published) == (TITLE, "2024-03-15")


def test_review_html_page_with_only_a_relative_date_uses_the_fetch_time():
    """A fetched HTML page without date metadata showing «Сегодня, 10:20» got no date: the
    fetch time reached the dump cleaner only, not the HTML cleaner's reading of shown dates."""
    from svodka.clean import clean
    from svodka.model import Document

    html = (
        f"<html><head><title>{TITLE}</title></head><body><div class='logo'>{SITE}</div><h1>{TITLE}</h1>"
        f"<div class='date'>Сегодня, 10:20</div><div class='text'><p>{LEAD}</p><p>{BODY}</p><p>{MORE}</p></div></body></html>"
    )
    doc = Document(text=html, media_type="text/html", url="https://zarech.example/news/biblioteka",
                   fetched="2024-03-15T12:00:00+00:00")
    article = clean(doc)
    assert (article.published, article.published_how) == ("2024-03-15T10:20", "byline+crawl")


@pytest.mark.parametrize("top, url, expected", [
    ("Екатеринбург", "https://rg.example/2024/03/15/lib.html", "rg.example"),  # "rg" inside "ekaterinburg"
    ("Физика", "https://iz.example/1234/lib", "iz.example"),  # "iz" inside "fizika"
    ("Заречье-Инфо", "https://zarechye.example/news/1", "Заречье-Инфо"),  # a name spelling the domain still counts
])
def test_dump_review_short_domain_is_inside_many_words(top, url, expected):
    """A section or city line "spelled" a two-letter domain because the domain sat inside its
    transliteration, and became the outlet."""
    text = "\n\n".join(["Главная", top, TITLE, "15.03.2024 10:20", LEAD, BODY, MORE])
    assert clean_dump(text, url=url).source == expected


def test_dump_review_datelines_of_a_digest_are_no_comment_thread():
    """Two datelines ("Заречный, 14 марта") read as comment heads (a name and a date): the
    article was cut at the second and lost its second half."""
    extra = (
        "Как сообщили в администрации Озёрска, на ремонт дорог в этом году выделят почти "
        "двести миллионов рублей из бюджета."
    )
    paragraphs = [LEAD, BODY, MORE, extra]
    title = "Новости районов за неделю"
    text = "\n\n".join([SITE, "Главная", title, "15.03.2024 10:20", "Заречный, 14 марта", LEAD, BODY,
                        "Озёрск, 15 марта", MORE, extra])
    article = clean_dump(text)
    assert (article.title, article.paragraphs) == (title, paragraphs)


def test_dump_review_cookie_banner_without_a_pronoun_stays_chrome():
    banner = (
        "Сайт использует файлы cookie для корректной работы и анализа посещаемости, продолжение "
        "работы с сайтом означает согласие с их использованием."
    )
    text = "\n\n".join([SITE, "Главная", TITLE, "15.03.2024 10:20", LEAD, BODY, MORE, banner])
    article = clean_dump(text)
    assert article.paragraphs == [LEAD, BODY, MORE]
    assert banner in article.boilerplate


@pytest.mark.parametrize("url, expected", [
    ("https://zarech.example/news/1", "2024-01-16T00:10"),  # Moscow: 21:30 UTC is 00:30 next day
    ("https://zarech.example.ua/news/1", "2024-01-15T00:10"),  # Kyiv in winter: 23:30, same day
])
def test_dump_review_page_clock_by_domain_country(url, expected):
    """«Сегодня, 00:10» at 21:30 UTC is the next day in Moscow but not yet in Kyiv."""
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        zoneinfo.ZoneInfo("Europe/Kyiv")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone database (the cleaner then reads Moscow time)")
    assert clean_dump(_page("Сегодня, 00:10"), url=url, crawled="2024-01-15T21:30:00Z").published == expected
