"""Review of the three cleaning rules added after c43c4e5 (the saved pages 26 to 31 and the sibling
counters): one test per defect found, each fixed.

Every dump here is written for these tests (fictional outlets, invented news). Each gave the right
answer at c43c4e5 and a wrong one under the first version of the rule.
"""

from __future__ import annotations

import pytest

from svodka.clean.dump import clean_dump

from .test_dump_saved29 import BODY, LEAD, STAMP, TITLE, _dump

pytestmark = pytest.mark.issue(16)

URL = "https://zarnitsa.example/news/1"


@pytest.mark.parametrize("promo", [
    "Подписывайтесь на Ольгу Кравец в Telegram",
    "Читайте Дмитрия Соколова в Дзене",
    "Следите за Марией Лебедевой в Telegram",
])
def test_review_promo_for_a_columnist_names_no_outlet(promo):
    """A column ends inviting the reader to its author's channel: the author is no outlet, the
    page names none, so the host stays the outlet (at c43c4e5 it did)."""
    article = clean_dump(_dump("Новости", TITLE, STAMP, LEAD, BODY, "Теги: мост, Заречный", promo), url=URL)
    assert article.source == "zarnitsa.example"


DATE = "6 января 2019, 09:43"


@pytest.mark.parametrize("above, headline", [
    # the story's label over the rubric chip over the headline
    ("Мост через Сосну", "В Заречном открыли новый мост через Сосну после ремонта"),
    # a related story's teaser over the rubric chip over the headline
    ("Ремонт моста через Сосну затянулся до весны", "Новый мост через Сосну в Заречном открыли после двух лет ремонта"),
])
def test_review_line_over_the_rubric_chip_is_no_headline(above, headline):
    """The rubric chip heads the headline under it; a shorter line above the chip that shares
    its words (a story label, another story's teaser) is not the headline of a "deck"."""
    article = clean_dump(_dump("Главная", "Общество", above, "Новости", headline, DATE, LEAD, BODY))
    assert article.title == headline


@pytest.mark.parametrize("row", [
    # reading time, the comment count whose speech-bubble icon the crawl dropped, the views
    ("4 мин", "12", "Просмотров: 3 945"),
    # comments, the likes whose heart icon the crawl dropped, the views with their eye
    ("75 комментариев", "18", "👁 3 945"),
])
def test_review_labelled_views_beat_a_bare_sibling(row):
    """A meta row whose view count is labelled: the bare number beside the reading time or
    the comments is another counter (comments, likes), not the views."""
    article = clean_dump(_dump("Меню", "Поиск", "Все уведомления", "Петр Сомов 6 января 2019", TITLE, *row, LEAD, BODY))
    assert article.views == 3945
