"""Tests of svodka.clean.html: body, headline, site name and date precedence on pages we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svodka.clean.html import clean_html
from svodka.errors import ExtractionRejected

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

# The pages-dev gold set beside the repository (optional: real third-party pages).
PAGES_DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "pages-dev"

# A body that any page below can carry: three paragraphs of a fictional news item.
BODY = """
<p>Городская дума Заречинска утвердила программу ремонта дворов на ближайшие три года. На работы направят около 300 млн рублей из городского и областного бюджетов.</p>
<p>В первую очередь отремонтируют дворы в старых кварталах, где асфальт не меняли больше двадцати лет, сообщил председатель комиссии по благоустройству Олег Ручьёв.</p>
<p>Жители смогут сами предложить, что появится в их дворе: детская площадка, парковка или сквер. Заявки начнут принимать в июне.</p>
"""


def page(head: str = "", before: str = "", body: str = BODY, after: str = "", h1: str = "Дума утвердила программу ремонта дворов") -> str:
    """A small news page with the given head, chrome before/after and body."""
    return (
        f"<html><head><meta charset='utf-8'>{head}</head><body>"
        f"<div class='menu'><a href='/'>Главная</a> <a href='/news'>Новости</a></div>{before}"
        f"<div class='article'><h1>{h1}</h1>{body}</div>{after}"
        "<div class='footer'>© Заречинский вестник</div></body></html>"
    )


def test_html_body_without_chrome():
    article = clean_html((FIXTURES / "article.html").read_text(encoding="utf-8"))
    assert article.title == "В Верхнеозёрске открыли новый мост через Сурку"
    assert article.source == "Вестник Приозерья"
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith("В субботу в Верхнеозёрске")
    text = article.text
    for chrome in ("Фото:", "Читайте также", "Комментарии", "Наконец-то", "томограф", "Перепечатка", "Просмотров"):
        assert chrome not in text
    assert article.views == 1245
    assert article.lead == article.paragraphs[0]


def test_html_paragraphs_exclude_headline():
    article = clean_html(page(body=f"<p>Дума утвердила программу ремонта дворов</p>{BODY}"))
    assert article.title == "Дума утвердила программу ремонта дворов"
    assert all("Дума утвердила программу" not in p for p in article.paragraphs)
    assert article.text.startswith(article.title + "\n\n")


@pytest.mark.parametrize(
    "head, url, expected",
    [
        ('<meta property="og:site_name" content="Заречинский вестник">'
         '<script type="application/ld+json">{"publisher": {"name": "ООО Вестник"}}</script>', None, "Заречинский вестник"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Вестник Заречья"}}</script>'
         '<meta name="application-name" content="ВЗ">', None, "Вестник Заречья"),
        ('<meta name="application-name" content="Заречье.Сегодня">', "https://zarechye.example/news/1", "Заречье.Сегодня"),
        ("", "https://www.zarechye.example/news/1", "zarechye.example"),
        ("", None, None),
    ],
)
def test_html_site_name_precedence(head, url, expected):
    assert clean_html(page(head=head), url=url).source == expected


@pytest.mark.parametrize(
    "head, h1, expected",
    [
        # <title> carries the site name: stripped, the h1 that matches is the headline
        ("<title>Дума утвердила программу ремонта дворов - Заречинский вестник</title>", None, "Дума утвердила программу ремонта дворов"),
        ("<title>Заречинский вестник | Дума утвердила программу ремонта дворов</title>", None, "Дума утвердила программу ремонта дворов"),
        # og:title wins over <title>
        ('<meta property="og:title" content="Дума утвердила программу ремонта дворов">'
         "<title>Новости :: Заречинский вестник</title>", None, "Дума утвердила программу ремонта дворов"),
        # the h1 also holds the time: the headline is the metadata title
        ("<title>Дума утвердила программу ремонта дворов</title>",
         "Дума утвердила программу ремонта дворов <span>14.05.23 10:15</span>", "Дума утвердила программу ремонта дворов"),
        # no metadata at all: the h1
        ("", None, "Дума утвердила программу ремонта дворов"),
    ],
)
def test_html_headline(head, h1, expected):
    html = page(head=head) if h1 is None else page(head=head, h1=h1)
    assert clean_html(html).title == expected


def test_html_headline_prefers_the_heading_of_the_article():
    teaser = "<div class='top'><a href='/x'>Дума утвердила программу ремонта дворов</a></div>" + "<p><a href='/y'>Ещё одна новость</a></p>" * 40
    article = clean_html(page(head="<title>Дума утвердила программу ремонта дворов</title>", before=teaser))
    assert article.title == "Дума утвердила программу ремонта дворов"
    assert article.paragraphs[0].startswith("Городская дума Заречинска")


@pytest.mark.parametrize(
    "head, before, body_extra, url, published, how",
    [
        # JSON-LD first, even when a meta tag says otherwise
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-05-14T09:30:00+03:00"}</script>'
         '<meta property="article:published_time" content="2023-05-10">', "", "", None, "2023-05-14T09:30:00+03:00", "json-ld"),
        ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2023-05-14"}]}</script>',
         "", "", None, "2023-05-14", "json-ld"),
        ('<meta property="article:published_time" content="2023-05-10T08:00:00Z">', "", "", None, "2023-05-10T08:00:00+00:00", "meta"),
        ('<meta name="pubdate" content="2023-05-09">', "", "", None, "2023-05-09", "meta"),
        # a <time> inside the article counts, one in a sidebar does not
        ("", "", '<time datetime="2023-05-08T12:00">8 мая</time>', None, "2023-05-08T12:00:00", "time"),
        ("", '<div class="side"><time datetime="2013-04-10">10 апреля</time></div>', "", None, None, None),
        # a date in the URL
        ("", "", "", "https://zarechye.example/2023/05/07/dvory.html", "2023-05-07", "url"),
        ("", "", "", "https://zarechye.example/news/20230506-dvory", "2023-05-06", "url"),
        # nothing in the metadata: no date, whatever the text says
        ("", "<div class='clock'>Среда, 10 апреля 2013</div>", "", None, None, None),
    ],
)
def test_html_published_from_metadata_only(head, before, body_extra, url, published, how):
    article = clean_html(page(head=head, before=before, body=body_extra + BODY), url=url)
    assert (article.published, article.published_how) == (published, how)


def test_html_advert_date_is_not_the_publication_date():
    banner = (
        "<div class='banner'><a href='/expo'><b>Выставка «Дом и сад»</b> 11-22 ноября, "
        "Экспоцентр Заречья. Приходите всей семьёй!</a></div>"
    )
    article = clean_html(page(before=banner, head="<title>Дума утвердила программу ремонта дворов</title>"))
    assert article.published is None
    assert article.published_how is None
    assert "ноября" not in article.text


def test_html_jsonld_date_with_advert_banner():
    banner = "<div class='banner'>Ярмарка мёда 11-22 ноября в Гостином дворе</div>"
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-03"}</script>'
    assert clean_html(page(head=head, before=banner)).published == "2023-11-03"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body></body></html>",
        "<html><body><div class='menu'><a href='/'>Главная</a></div></body></html>",
        "",
    ],
)
def test_html_no_text_is_rejected(html):
    with pytest.raises(ExtractionRejected) as info:
        clean_html(html, url="https://zarechye.example/empty")
    assert "no article text found" in str(info.value)


def test_html_pages_dev_quality():
    """Body word F1 and headline accuracy on ../shared/eval/pages-dev stay >= 0.95."""
    if not (PAGES_DEV / "gold.jsonl").exists():
        pytest.skip("../shared/eval not present")
    from svodka.evaluate.clean import evaluate_clean

    report = evaluate_clean(PAGES_DEV.resolve())["html"]
    assert report["word"]["f1"] >= 0.95, report["word"]
    assert report["title_accuracy"] >= 0.95


@pytest.mark.parametrize(
    "body_extra, published",
    [
        # a byline under the headline, and no date metadata: the byline is the date
        ("<div class='byline'>28.03.2017 14:05 | Ольга Светлова</div>", "2017-03-28T14:05"),
        ("<div class='byline'>4 января 2012, 12:30</div>", "2012-01-04T12:30"),
        # a yearless or relative byline cannot be trusted without a page date
        ("<div class='byline'>Вчера, 18:40</div>", None),
    ],
)
def test_html_byline_date_when_metadata_has_none(body_extra, published):
    article = clean_html(page(body=body_extra + BODY))
    assert article.published == published
    assert article.published_how == ("byline" if published else None)
