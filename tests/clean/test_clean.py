"""Tests of svodka.clean (the dispatcher): every error it raises names the input it is about."""

from __future__ import annotations

import pytest

from svodka.clean import clean
from svodka.errors import ExtractionRejected
from svodka.ingest.readers import read_bytes
from svodka.model import Document

# A page with a menu and a footer but no article (written for these tests).
NO_ARTICLE = (
    "<html><head><meta property='og:url' content='https://zarechye.example/menu'></head><body>"
    "<div class='menu'><a href='/'>Главная</a> <a href='/news'>Новости</a></div>"
    "<div class='footer'>© Заречинский вестник</div></body></html>"
)


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "doc, name",
    [
        (Document(text=NO_ARTICLE, media_type="text/html", path="pages/menu.html"), "pages/menu.html"),
        (Document(text=NO_ARTICLE, media_type="text/html", url="https://zarechye.example/menu?from=feed"), "https://zarechye.example/menu?from=feed"),
        (Document(text=NO_ARTICLE, media_type="text/html", path="crawl.warc:7", url="https://zarechye.example/x"), "crawl.warc:7"),
        (Document(text="", media_type="application/x-feed-item", path="feed.rss:3"), "feed.rss:3"),
        (Document(text="Меню\nГлавная", media_type="text/plain", path="dump.txt"), "dump.txt"),
    ],
)
def test_clean_error_names_the_input(doc, name):
    with pytest.raises(ExtractionRejected) as caught:
        clean(doc)
    assert caught.value.name == name
    assert str(caught.value).startswith(f"{name}: ")


@pytest.mark.issue(11)
def test_clean_error_names_a_file_read_by_the_readers():
    (doc,) = read_bytes(NO_ARTICLE.encode("utf-8"), "inbox/menu.html")
    with pytest.raises(ExtractionRejected, match=r"^inbox/menu\.html: no article text found$"):
        clean(doc)


@pytest.mark.issue(11)
def test_clean_renames_errors_of_any_signature(monkeypatch):
    # Before: the error was rebuilt as type(exc)(name, reason, count=...), which fails for an
    # error class with another signature (LimitError takes status and retry_after).
    from svodka import clean as clean_module
    from svodka.errors import LimitError

    def refuse(doc):
        raise LimitError(None, "busy", status=503, retry_after=2)

    monkeypatch.setattr(clean_module, "_clean", refuse)
    with pytest.raises(LimitError) as caught:
        clean_module.clean(Document(text="x", path="in/a.txt"))
    assert caught.value.name == "in/a.txt" and str(caught.value) == "in/a.txt: busy" and caught.value.retry_after == 2


# --- the language of each input kind (issue 16); texts written for these tests

# A Kazakh news item (the team's own).
KAZAKH = (
    "Ақтөбеде жаңа аурухана ашылды\n\n"
    "Ақтөбе қаласында 300 орындық көпсалалы аурухана ашылды. Бұл туралы облыс әкімдігінің баспасөз қызметі хабарлады.\n\n"
    "Жаңа ауруханада хирургия, кардиология және балалар бөлімдері жұмыс істейді, сондай-ақ 400-ден астам дәрігер мен медбике жұмысқа қабылданды."
)
# A Russian news item (the team's own).
RUSSIAN = (
    "В Костроме открыли новый мост\n\n"
    "В Костроме в среду открыли движение по новому автомобильному мосту через Волгу. Строительство продолжалось почти три года, сообщили в пресс-службе администрации области.\n\n"
    "По словам главы города, мост позволит разгрузить центр и сократить время в пути для жителей заволжских районов."
)


def _page(body: str, lang: str | None) -> str:
    """An HTML page with the paragraphs of ``body`` (its first line the headline), declaring ``lang``."""
    title, *paras = body.split("\n\n")
    attr = f' lang="{lang}"' if lang else ""
    return f"<!DOCTYPE html><html{attr}><head><title>{title}</title></head><body><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "data, name, expected",
    [
        (KAZAKH, "inbox/kk.txt", "kk"),  # a text dump
        (RUSSIAN, "inbox/ru.txt", "ru"),
        (_page(KAZAKH, "ru"), "inbox/kk.html", "kk"),  # the page declares Russian: the text decides
        (_page(RUSSIAN, "en"), "inbox/ru.html", "ru"),
        (_page(RUSSIAN, None), "inbox/ru-nolang.html", "ru"),
        ('{"title": "Ақтөбеде жаңа аурухана ашылды", "text": ' + __import__("json").dumps(KAZAKH.split("\n\n", 1)[1], ensure_ascii=False) + "}\n", "inbox/kk.jsonl", "kk"),
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ақтөбе жаршысы</title><language>kk</language>'
            "<item><title>Ақтөбеде жаңа аурухана ашылды</title><description>" + KAZAKH.split("\n\n", 1)[1] + "</description></item></channel></rss>",
            "inbox/kk.rss",
            "kk",
        ),
    ],
    ids=["dump-kk", "dump-ru", "html-kk-declared-ru", "html-ru-declared-en", "html-ru", "jsonl-kk", "rss-kk"],
)
def test_clean_sets_the_language_of_every_input_kind(data, name, expected):
    (doc,) = read_bytes(data.encode("utf-8"), name)
    assert clean(doc).language == expected


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    "doc, expected",
    [
        # Too short to tell from the text: the declared language (a record's, a feed's, a page's).
        (Document(text="", media_type="application/x-article", meta={"title": "Ташкент", "language": "uz"}), "uz"),
        (Document(text=_page("Терма жамоа таркиби\n\nАзиз Каримов, Дилшод Рахимов, Бобур Алиев, Шерзод Усмонов, Ильёс Тошматов, Жасур Назаров, Сардор Маматов.", "uz-Cyrl"), media_type="text/html"), "uz"),
        (Document(text="", media_type="application/x-article", meta={"title": "Ташкент"}), "ru"),
    ],
)
def test_clean_takes_the_declared_language_when_the_text_cannot_tell(doc, expected):
    assert clean(doc).language == expected


@pytest.mark.issue(16)
def test_clean_verbatim_sets_the_language():
    from svodka.clean import verbatim

    assert verbatim(Document(text=KAZAKH, path="kk.txt")).language == "kk"
    assert verbatim(Document(text=RUSSIAN, path="ru.txt")).language == "ru"
    assert verbatim(Document(text="Ташкент", path="x.txt", meta={"language": "uz"})).language == "uz"
