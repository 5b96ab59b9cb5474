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
