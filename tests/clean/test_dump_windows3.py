"""Issue 16, third real set: classes of page the third set of crawler-text windows showed.

Every dump here is written for these tests (fictional outlets, invented news). Each stands for
a class of Russian news page met in the third windows set (see scripts/realpages.py): the
tests name the class, never a site.
"""

from __future__ import annotations

import pytest

from svodka.clean.dump import clean_dump

pytestmark = pytest.mark.issue(16)

LEAD = (
    "В двух микрорайонах Заречного второй день подряд жители жалуются на мутную воду из-под "
    "крана, над причинами работают специалисты водоканала."
)
BODY = (
    "Для жителей организован подвоз питьевой воды, а лаборатория берет пробы каждые три часа, "
    "сообщили в пресс-службе городской администрации."
)


def _dump(*lines: str) -> str:
    """A crawler-style window: one line per block, blank lines between."""
    return "\n\n".join(lines)


@pytest.mark.parametrize("title", [
    "Ситуацию с водой прокомментировал мэр Заречного Петр Сомов",
    "Мэр прокомментировал перебои с водой",
])
def test_dump_windows3_headline_with_the_verb_comment(title):
    """A headline whose verb is "прокомментировал" names no comments: it is no comments label,
    and the date under it is the article's. Class: statements headed with the verb."""
    article = clean_dump(_dump(title, "25.06.2020 21:38", "—", "Новости Общества", LEAD, BODY))
    assert article.title == title
    assert (article.published or "")[:10] == "2020-06-25"


@pytest.mark.parametrize("label", ["Комментарии 5", "Все комментарии", "Коментарии (2)"])
def test_dump_windows3_comments_label_still_chrome(label):
    """The comments label itself stays chrome (its word opens the line)."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, label))
    assert label not in article.text


def test_dump_windows3_headline_with_its_series_name_after_a_bar():
    """A headline may carry its programme's or outlet's name after one bar, under a breadcrumb
    trail ("Главная — Политика — ..."): the trail is navigation, the line is the headline.
    Class: analysis and broadcast pages titled "Заголовок | Программа"."""
    title = "Провал переговоров в Заречье | Заречье Live TEXT"
    article = clean_dump(_dump(
        "Главная — Политика — Провал переговоров в Заречье | Заречье…", title, "Коллаж zarechye", LEAD, BODY,
    ))
    assert article.title == title
    assert not any(p.startswith("Главная") for p in article.paragraphs)


def test_dump_windows3_menu_with_a_bar_is_no_headline():
    """A menu row with one bar ("Новости Заречья | Спорт") stays a menu."""
    article = clean_dump(_dump("Новости Заречья | Спорт", "Вода в Заречном снова мутная", LEAD, BODY))
    assert article.title == "Вода в Заречном снова мутная"


def test_dump_windows3_short_headline_over_its_deck():
    """A short headline over a longer standfirst that retells it: the first is the headline,
    the standfirst opens the text though it has no final stop. Class: sport and news pages
    with a deck."""
    article = clean_dump(_dump(
        "Размер шрифта", "Новости Спорт", "Выйти", "«Заречье» обыграло «Маяк»",
        "Хоккеисты «Заречья» в гостях обыграли «Маяк» в матче регулярного чемпионата лиги",
        "В очередном матче регулярного чемпионата лиги хоккеисты «Заречья» оказались сильнее соперников из «Маяка».",
        "Встреча завершилась победой гостей в дополнительное время — 3:2, победную шайбу забросил капитан команды.",
    ))
    assert article.title == "«Заречье» обыграло «Маяк»"
    assert article.paragraphs[0].startswith("Хоккеисты «Заречья» в гостях")


@pytest.mark.parametrize("between", [(), ("Сегодня, 11:00", "Читать на сайте Zarechye-news.example")])
def test_dump_windows3_deck_between_headline_and_text(between):
    """The standfirst right above the text, retelling the headline or the lead, belongs to the
    text; a short label there does not."""
    title = "Экс-тренер «Маяка» Сомов: «В матче с «Заречьем» судейство вышло на первый план»"
    deck = "Бывший главный тренер «Маяка» Петр Сомов высказался о матче своей команды с «Заречьем» в первом стыковом матче"
    article = clean_dump(_dump("Новости спорта", title, *between, deck, LEAD, BODY))
    assert article.title == title
    assert article.paragraphs[0] == deck
    labelled = clean_dump(_dump(title, "Новости спорта", LEAD, BODY))
    assert labelled.paragraphs[0] == LEAD


@pytest.mark.parametrize("top", ["Размер шрифта", "Новости спорта", "Новости Общества", "Премьер-лига (РПЛ). Статьи"])
def test_dump_windows3_rubric_or_control_is_not_the_outlet(top):
    """A font-size control, a rubric in the genitive ("Новости спорта") or a rubric trail ending
    with a section word ("... . Статьи") at the top of the crawl text is no logo: the page names
    no outlet, so the domain is the source. Class: sport and news pages opening with a rubric."""
    article = clean_dump(_dump(top, "Вода в Заречном снова мутная", LEAD, BODY), url="https://zarechye-news.example/a/1")
    assert article.source == "zarechye-news.example"


def test_dump_windows3_news_of_a_place_stays_a_name():
    """"Новости <place>" is an outlet's name, not a rubric."""
    article = clean_dump(_dump("Новости Заречья", "Вода в Заречном снова мутная", LEAD, BODY), url="https://zarechye-news.example/a/1")
    assert article.source == "Новости Заречья"


@pytest.mark.parametrize("promo", [
    "Надоело читать десятки каналов? Мы собрали все важные новости района в одном Telegram-канале. "
    "Не пропусти, подписывайся! Telegram-канал издания \"Заречные вести\".",
    "Полный текст читайте в печатной или PDF версии «Заречных вестей».",
])
def test_dump_windows3_promo_under_the_text_is_chrome(promo):
    """A channel promo speaking to the reader as "ты" or a note sending to the print edition
    under the text is chrome, even as a full sentence. Class: regional pages with a channel or
    print promo under the article."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, promo))
    assert article.paragraphs == [LEAD, BODY]


@pytest.mark.parametrize("promo, name", [
    ("Надоело читать десятки каналов? Мы собрали все важные новости района в одном Telegram-канале. "
     "Не пропусти, подписывайся! Telegram-канал издания \"Заречные вести\".", "Заречные вести"),
    ("Подписывайтесь на ЗНС: Новости | Дзен | VK | Telegram", "ЗНС"),
])
def test_dump_windows3_promo_names_the_outlet(promo, name):
    """The outlet's own promo under the text names it: in straight quotes in the last sentence
    of a long promo, or unquoted before the list of its channels. Class: outlets whose brand
    differs from the host and shows only in the promo."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, promo), url="https://zns.example/a/1")
    assert article.source == name


def test_dump_windows3_follow_us_is_no_name():
    """"Подписывайтесь на Telegram: ..." names a channel, not the outlet."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, "Подписывайтесь на Telegram: @zns"), url="https://zns.example/a/1")
    assert article.source == "zns.example"


@pytest.mark.parametrize("heading", ["ПОСЛЕДНИЕ ОТ АВТОРА", "Политика"])
def test_dump_windows3_bulleted_feed_after_the_text(heading):
    """Under the text a heading and a list whose items each open with a bullet on its own line
    ("-", then a date, then a teaser) is a feed: its teasers are not the article and its dates
    are not the article's. Class: agency and newspaper pages with the author's or the rubric's
    other news under the text."""
    article = clean_dump(_dump(
        "Вода в Заречном снова мутная", LEAD, BODY, heading,
        "-", "2025-05-19 05:55",
        "Законодательное собрание соседней области приняло резолюцию о поддержке рыбацких артелей побережья.",
        "-", "2025-05-19 05:52",
        "Делегация Заречного прибыла в областной центр для переговоров о ремонте моста через реку.",
    ))
    assert article.paragraphs == [LEAD, BODY]
    assert article.published is None


@pytest.mark.parametrize("url, expected", [
    ("https://zarechye.example/ru/2009/3/3/42190", "2009-03-03"),  # segments without leading zeros
    ("https://zarechye.example/news/20240516095642697-Parlament-prinyal", "2024-05-16"),  # a timestamp id
    ("https://zarechye.example/news/20240516-vybory", "2024-05-16"),  # the plain date still
    ("https://zarechye.example/news/2024051612", None),  # eight digits and two more: an id, no stamp
    ("https://zarechye.example/ru/2009/13/3/42190", None),  # no month 13
])
def test_dump_windows3_url_date_forms(url, expected):
    """With no date shown, the address's date is the date: written as whole segments without
    leading zeros, or as the timestamp an id opens with (date and time run together). Class:
    newspaper archives and agency ids."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY), url=url)
    assert (article.published or "")[:10] == (expected or "")


def test_dump_windows3_relative_date_without_a_day_takes_the_address_date():
    """"Сегодня, 11:00" under the headline, with no crawl time and no "today" on the page,
    says no day: the address's date is the date. With the crawl time the byline wins. Class:
    regional portals dating their news relatively."""
    lines = ("Вода в Заречном снова мутная", "Сегодня, 11:00", LEAD, BODY)
    url = "https://zarechye.example/other/2024/12/21/41468.html"
    assert clean_dump(_dump(*lines), url=url).published[:10] == "2024-12-21"
    assert clean_dump(_dump(*lines), url=url, crawled="2024-12-22T09:00:00+03:00").published[:10] == "2024-12-22"


@pytest.mark.parametrize("tail, kept", [
    ("С 6 сентября жители Заречного смогут посетить выставку, которая будет открыта с", True),
    ("Сомов: — Само", True),
    ("Больше новостей на zarechye-news.example", False),
    ("Все важные новости — в канале «Заречные вести» в мессенджере", False),
    ("Теги: вода, водоканал", False),
])
def test_dump_windows3_last_paragraph_cut_off(tail, kept):
    """The crawl text's last line right under the text, cut off mid-sentence, is the text's
    last paragraph though no stop ends it; a promo, a web address or a label there is not.
    Class: windows and crawls that end mid-paragraph."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, tail))
    assert (article.paragraphs[-1] == tail) is kept


def test_dump_windows3_channel_header_of_a_blog_platform():
    """A blog platform's channel header above the post: the channel's name, its subscriber
    count (never a headline) and a "fresh comments" widget with readers' comments on other
    posts, up to the post's headline. Class: outlets republished on blog platforms."""
    title = "Театры Заречного откроют сезон премьерами"
    article = clean_dump(_dump(
        "Заречье новости", "72 001 подписчик", "Свежие комментарии", "• Алла",
        "Очень приятно, что просто так помогли человеку, значит не всё ещё потеряно в этом мире.",
        "• Иван Иванов", "Интересно, а кто поедет на этом поезде, наверное только туристы, других желающих нет.",
        title, LEAD, BODY,
    ))
    assert article.title == title
    assert article.paragraphs == [LEAD, BODY]


def test_dump_windows3_count_is_no_headline():
    """"1 204 просмотра" or "72 001 подписчик" alone is a counter, never the headline."""
    article = clean_dump(_dump("72 001 подписчик", LEAD, BODY))
    assert article.title != "72 001 подписчик"


def test_dump_windows3_record_date_field_before_the_first_line():
    """A stored crawl record may glue its date field before the page's first line (" date
    2025-09-05 <headline>"): the field is not the page's text, nor a date the page shows."""
    title = "Мэр Заречного открыл выставку в краеведческом музее"
    article = clean_dump(" date 2025-09-05 " + _dump(title, LEAD, BODY))
    assert article.title == title
    assert article.published is None


@pytest.mark.parametrize("tail, views", [("791", 791), ("12 408", 12408), ("1", None), ("2\n\n3", None)])
def test_dump_windows3_bare_number_under_the_text(tail, views):
    """A number alone right under the text is the view count (the eye icon is an image); a
    single digit or a row of numbers (pagination) is not. Class: agency pages with the counter
    under the article."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, BODY, tail))
    assert article.views == views


@pytest.mark.parametrize("meta", ["12.03.2024, 14:20 Переглядів: 1 204", "Переглядів 1204"])
def test_dump_windows3_ukrainian_view_counter(meta):
    """A Russian-language page of a Ukrainian site keeps its interface in Ukrainian: the
    counter "Переглядів" is the view count, and its line is chrome. Class: Ukrainian sites'
    Russian versions."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", meta, LEAD, BODY))
    assert article.views == 1204
    assert not any("Переглядів" in p for p in article.paragraphs)


@pytest.mark.parametrize("promo, name", [
    ("ЗАРЕЧЬЕ•FM в Telegram. Подпишись и читай новости района прямо сейчас", "ЗАРЕЧЬЕ•FM"),
    ("Заречье-Инфо в Дзене: все новости района", "Заречье-Инфо"),
])
def test_dump_windows3_outlet_before_its_channel(promo, name):
    """A promo by the headline that opens with the outlet's name before its channel
    ("RADIO•R в Telegram. Подпишись ...") names the outlet. Class: digests and radio sites
    whose crawl text shows no logo."""
    article = clean_dump(_dump("Вода в Заречном снова мутная", promo, LEAD, BODY), url="https://zarechye.example/?p=1")
    assert article.source == name


def test_dump_windows3_channel_sentence_in_the_text_names_nothing():
    """A paragraph saying where a ministry posted ("Минздрав в Telegram сообщил ...") is text."""
    line = "Минздрав в Telegram сообщил, что вода в Заречном снова пригодна для питья после проверки."
    article = clean_dump(_dump("Вода в Заречном снова мутная", LEAD, line, BODY), url="https://zarechye.example/?p=1")
    assert article.source == "zarechye.example"
