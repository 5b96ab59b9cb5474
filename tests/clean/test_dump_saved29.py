"""Issue 16, the saved pages 26 to 31: classes of page the last saved pages showed.

Every dump here is written for these tests (fictional outlets, invented news). Each stands for
a class of Russian news page met among the saved real pages (see scripts/realpages.py): the
tests name the class, never a site.
"""

from __future__ import annotations

import pytest

from svodka.clean.dump import clean_dump

from .test_dump_windows3 import _dump

pytestmark = pytest.mark.issue(16)

TITLE = "В Заречном открыли новый мост через Сосну"
STAMP = "Воскресенье, 6 января 2019, 09:43"
LEAD = (
    "В Заречном после двух лет ремонта открыли движение по мосту через Сосну, первыми по нему "
    "проехали автобусы городских маршрутов."
)
BODY = (
    "Мост рассчитан на четыре полосы движения, ремонт обошелся областному бюджету в 1,2 млрд "
    "рублей, сообщили в мэрии Заречного."
)


@pytest.mark.parametrize("promo, name", [
    ("Подписывайтесь на #Зарница в Telegram и Facebook и читайте самые важные новости первыми!", "Зарница"),
    ("Следите за #Зарница в Дзене и VK", "Зарница"),
])
def test_saved_promo_names_the_outlet_before_its_channel(promo, name):
    """The outlet's own call to follow it names it as a hashtag before the channel it invites
    to, when the page shows its name nowhere else (capitals there may be a columnist's name). Class: outlets whose brand differs from
    the host and shows only in the promo under the text."""
    article = clean_dump(_dump("Новости", TITLE, STAMP, LEAD, BODY, "Теги: мост, Заречный", promo),
                         url="https://zarnitsa.example/news/1")
    assert article.source == name


def test_saved_promo_to_a_channel_names_no_outlet():
    """"Подписывайтесь на Telegram в ..." names a channel, not the outlet."""
    article = clean_dump(_dump("Новости", TITLE, STAMP, LEAD, BODY, "Подписывайтесь на Telegram в приложении"),
                         url="https://zarnitsa.example/news/1")
    assert article.source == "zarnitsa.example"


HEADLINE = "Починили: старый мост через Сосну снова открыт для машин"
DECK = "В Заречном после ремонта открыли для машин старый мост через Сосну — автобусы пойдут по нему с понедельника"


def test_saved_headline_over_the_rubric_chip_and_its_deck():
    """A headline, the rubric's chip under it, then a longer deck retelling it, then the
    counters and the text: the headline heads the article, the deck is its standfirst. Class:
    news sites printing a rubric chip between headline and deck."""
    article = clean_dump(_dump("Разработка", "Сети", "Рассказать о баге", HEADLINE, "Новости", DECK,
                               "0", "21 открытий96 показов", LEAD, BODY))
    assert article.title == HEADLINE


def test_saved_menu_item_over_the_chip_is_no_headline():
    """A menu item over the chip does not retell the deck: the deck stays the headline."""
    article = clean_dump(_dump("Разработка", "Сети", "Рассказать о баге", "Новости", DECK,
                               "0", "21 открытий96 показов", LEAD, BODY))
    assert article.title == DECK


@pytest.mark.parametrize("meta, views", [
    (("Сегодня в 12:00 Петр Сомов", "3 945", "75 комментариев", TITLE), 3945),
    (("Петр Сомов 6 января 2019", TITLE, "1 мин", "767", "Городская среда"), 767),
])
def test_saved_bare_number_beside_another_counter_is_the_views(meta, views):
    """A number alone on its line beside the meta row's other counter, the comment count or the
    reading time, is the view count whose eye icon the crawl dropped. Class: blog-platform and
    media sites printing a row of icon counters by the headline."""
    article = clean_dump(_dump("Меню", "Поиск", "Все уведомления", *meta, LEAD, BODY))
    assert article.views == views


def test_saved_bare_number_beside_no_counter_is_no_views():
    """A number alone beside a line that is no counter (a rubric) is not taken for the views."""
    article = clean_dump(_dump("Меню", "Поиск", "Все уведомления", "Петр Сомов 6 января 2019", TITLE, "Городская среда", "767", "Мосты", LEAD, BODY))
    assert article.views is None
