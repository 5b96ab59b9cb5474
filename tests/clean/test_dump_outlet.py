"""Issue 16: the outlet chooser of crawler dumps (``_dumpoutlet.site_name``).

Every dump here is written for these tests (fictional outlets and addresses, invented news).
Each case stands for a class of page on which the first-found name was wrong: a logo with its
tagline, a name line far below the page top, a name spelled unlike the address, a rubric naming
the city of the address, another site's domain, a counter, a partner's or a ministry's credit.
"""

from __future__ import annotations

import pytest

from svodka.clean._dumpoutlet import _host_agreement
from svodka.clean.dump import clean_dump

pytestmark = pytest.mark.issue(16)

TITLE = "В Заречном открыли новый пешеходный мост через реку Светлую"
LEAD = (
    "Пешеходный мост через реку Светлую открыли в Заречном после двух лет строительства, "
    "теперь жители левого берега дойдут до центра за десять минут."
)
BODY = (
    "Длина перехода составила сто двадцать метров, на нем установили освещение и пандусы, "
    "сообщили в городской администрации. Движение открыто круглосуточно."
)


def _dump(*lines: str) -> str:
    """A crawler-style dump: one line per block, blank lines between."""
    return "\n\n".join(lines)


MENU = ("Главная", "Политика", "Экономика", "Общество", "Спорт", "Культура")


@pytest.mark.parametrize(
    "name, host, agrees",
    [
        ("ПРОФИ-ВЕСТЬ", "profivest.com.ua", True),  # spelled unlike the address letter for letter
        ("Телеканал Каскадер", "kaskader.tv", True),  # the kind word before the name
        ("Наша Заречье", "nasha.zr.lv", True),  # the own label of a city-zone address
        ("Заречные Ведомости", "zv24.ru", True),  # initials and a number
        ("Вечерний Заречный", "vz.kg", True),  # two letters: the initials of a two-word name
        ("Вести Заречья Сегодня", "vz.kg", False),  # ... not the start of a longer one
        ("Слово и Факт", "sif.ua", True),  # initials with a short word
        ("Медицина в Заречном", "dozor.zarechny.ua", False),  # a rubric naming the address's city
        ("Приморец", "primagazeta.ru", False),  # four letters in common are not a name
        ("Форум", "zarforum.ru", False),  # a menu word inside the label
    ],
)
def test_dump_outlet_host_agreement(name, host, agrees):
    """A name agrees with the address by its transliteration, a part of it or its initials."""
    assert (_host_agreement(name, host) > 0) == agrees


def test_dump_outlet_logo_with_tagline():
    """A logo line with its tagline: the part that spells the address is the outlet."""
    page = _dump("Войти", "ZARVEST - Новости и жизнь Заречного", *MENU, TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://zarvest.example.net/news/1").source.lower() == "zarvest"


def test_dump_outlet_name_line_below_the_menus():
    """A name line that spells the address is the outlet even far below the page top."""
    page = _dump(*(MENU * 2), "ЗАРЕЧ-ИНФОРМ", "Главная", TITLE, LEAD, BODY, "Copyright © ООО «Зареч-Информ» 2024")
    assert clean_dump(page, url="https://zarechinform.com.ua/news/1").source.lower() == "зареч-информ"


def test_dump_outlet_signature_over_the_city_rubric():
    """A "// Name" signature under the headline wins over the rubric above it that names the
    city of the address ("Медицина в Заречном" on a zarechny zone)."""
    page = _dump(
        *MENU, "Медицина в Заречном", TITLE, "// Городской Страж", LEAD, BODY,
        "Copyright © 2006-2024 Городской Страж",
    )
    assert clean_dump(page, url="https://strazh.zarechny.ua/news/1").source == "Городской Страж"


def test_dump_outlet_name_under_the_text_repeated_in_the_footer():
    """An unquoted name under the text that spells the address and recurs in the footer beats
    the publisher named by the copyright line."""
    page = _dump(
        *MENU, TITLE, LEAD, BODY, "ЗИН-Информ.Север", "версия для печати",
        "© 2005-2024 Заречное информационное агентство.",
        "При использовании материалов ссылка на ЗИН-Информ.Север обязательна.",
    )
    assert clean_dump(page, url="https://zin.sv.ua/news/1").source == "ЗИН-Информ.Север"


def test_dump_outlet_another_sites_domain_is_not_the_outlet():
    """A domain next to the headline that is not the site's (a teaser of another site) is not
    the outlet; the copyright line is."""
    page = _dump(*MENU, "СОСЕДИ.ua", TITLE, LEAD, BODY, "© 2024 Заречная правда")
    assert clean_dump(page, url="https://zpravda.example/news/1").source == "Заречная правда"


@pytest.mark.parametrize("credit", ["Top.Mail.Ru", "Информационный партнер Торговой палаты", "Министерство здравоохранения"])
def test_dump_outlet_counter_or_credit_is_not_the_outlet(credit):
    """A counter, a partner's credit or a ministry credited above the headline is not the site."""
    page = _dump(credit, *MENU, TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://zpravda.example/news/1").source == "zpravda.example"


def test_dump_outlet_quoted_name_in_a_top_sentence():
    """A Latin brand quoted in a sentence at the page top („Zare Laiks” iznāk ...) that spells
    the address is the outlet."""
    page = _dump("„Zare Laiks” iznāk latviešu un krievu valodās visā Zarečjē.", *MENU, TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://zarelaiks.lv/ru/1").source == "Zare Laiks"


def test_dump_outlet_copyright_under_the_text_names_the_edition():
    """A copyright line right under the text names the edition; with the logo's initials and
    the name line above the headline it beats the network's domain in the footer."""
    page = _dump(
        *MENU, "РИА Заречный Вестник – Север", TITLE, LEAD, BODY, "© 2012, «Заречный Вестник – Север»",
        *(f"Строка подвала {i}" for i in range(3)), "© Медиа-группа «ZV2.Ru», 2004-2012.",
    )
    assert clean_dump(page, url="https://zv2.example/news/1").source == "Заречный Вестник – Север"


def test_dump_outlet_logo_inside_its_menu_line():
    """A logo flattened into the line of its menu links: the words left of the menu name the site."""
    page = _dump("Заречные Зори Политика Экономика Спорт", "Войти", TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://zori.example/news/1").source == "Заречные Зори"


def test_dump_outlet_end_of_the_date_line():
    """The outlet named at the end of the date line under the headline ("12.03.2024, 10:15 |
    Заречные Зори") when it spells the address."""
    page = _dump(*MENU, TITLE, "12.03.2024, 10:15 | Заречные Зори", LEAD, BODY)
    article = clean_dump(page, url="https://zori.example/news/1")
    assert article.source == "Заречные Зори"
    assert article.published.startswith("2024-03-12")


def test_dump_outlet_first_line_logo_before_its_tagline():
    """The first line is the logo and its tagline: the logo part is the outlet, even when the
    address does not spell it; a quoted slogan split at its dash is no name."""
    page = _dump("Заречные Зори — новости Заречного и области", *MENU, TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://news-zr.example/1").source == "Заречные Зори"
    page = _dump("«Главное - это люди»", *MENU, TITLE, LEAD, BODY)
    assert clean_dump(page, url="https://news-zr.example/1").source == "news-zr.example"


def test_dump_outlet_a_call_to_the_reader_is_no_name_and_the_company_of_the_site_is():
    """Real page classes (issue 16's saved-HTML set): a link or widget that calls the reader
    («Перейти в «Мою Ленту»», «Подпишитесь на «Заречье.Ру»») quotes a name but is none; a
    copyright held by a company of the site's own name names the outlet."""
    page = _dump(*MENU, "Подпишитесь на «Заречье.Ру»", TITLE, "Перейти в «Мою Ленту»", LEAD, BODY, "© 1999–2024 ООО «Заречье.Ру».")
    assert clean_dump(page, url="https://zarechye.ru/news/1").source == "Заречье.Ру"
