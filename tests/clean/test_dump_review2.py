"""Review fixes of the split dump cleaner: regressions for defects found on written pages.

Every dump here is written for these tests (fictional outlets, invented news).
"""

from __future__ import annotations

from svodka.clean.dump import clean_dump

TITLE = "Новый мост через Волгу в Заречном откроют в мае"
DATE = "12 марта 2024, 10:15"
BODY = [
    "Власти Заречного объявили, что новый мост через реку откроют в мае следующего года после всех проверок.",
    "По словам чиновников, работы идут по графику, а подрядчик уже завершил укладку асфальта на обоих съездах.",
    "Движение по старому мосту закроют на ремонт сразу после открытия нового перехода, уточнили в мэрии.",
]


def _dump(*lines: str) -> str:
    return "\n\n".join(lines)


def test_dump_review2_byline_is_no_outlet_by_initials():
    """A byline next to the headline («Валерия Зотова» on vz.*) reads as the host's initials,
    yet a first name and a surname are a person: the logo stays the outlet."""
    text = _dump("ВЗОР", "Политика Экономика Общество", TITLE, "Валерия Зотова", DATE, *BODY)
    assert clean_dump(text, url="https://vz.example/news/1").source == "ВЗОР"
    bare = _dump("Политика Экономика Общество", TITLE, "Валерия Зотова", DATE, *BODY)
    assert clean_dump(bare, url="https://vz.example/news/1").source == "vz.example"
    # An outlet's two-word name still agrees by initials.
    named = _dump("Вечерний Заречный", "Политика Экономика Общество", TITLE, DATE, *BODY)
    assert clean_dump(named, url="https://vz.example/news/1").source == "Вечерний Заречный"


def test_dump_review2_quoted_call_to_subscribe_is_news():
    """A news sentence quoting a swindler's «Подпишись на канал ...» stays in the text; the
    promo line and a long call to the reader outside quotes are still chrome."""
    quoted = (
        "Мошенники рассылали жителям Заречного сообщения «Подпишись на канал и получи приз», "
        "а затем списывали деньги с карт пенсионеров."
    )
    call = "Подписывайтесь на наш канал в мессенджере, чтобы первыми узнавать главные новости Заречного и всей области."
    promo = "Заречье-Инфо в мессенджере. Подпишись"
    text = _dump("Заречные вести", TITLE, DATE, BODY[0], quoted, BODY[1], BODY[2], call, promo)
    article = clean_dump(text, url="https://zarechye.example/news/1")
    assert article.paragraphs == [BODY[0], quoted, BODY[1], BODY[2]]
    # English-style “…” and straight quotes quote the call just the same
    for marks in ("“”", '""'):
        other = quoted.replace("«", marks[0]).replace("»", marks[1])
        text = _dump("Заречные вести", TITLE, DATE, BODY[0], other, BODY[1], BODY[2])
        assert clean_dump(text, url="https://zarechye.example/news/1").paragraphs == [BODY[0], other, BODY[1], BODY[2]]


def test_dump_review2_teaser_headline_last_is_no_cut_paragraph():
    """An unpunctuated teaser headline as the dump's last line is not the article's cut end;
    a line that breaks off (a preposition, a comma, a speech opened) still is."""
    teaser = "Синоптики пообещали тёплую погоду на выходных"
    text = _dump("Заречные вести", TITLE, DATE, *BODY, teaser)
    assert clean_dump(text, url="https://zarechye.example/news/1").paragraphs == BODY
    for cut in ("Открытие приурочат ко Дню города, а праздничный концерт пройдёт на", "По словам главы района, движение по новому мосту будет бесплатным,"):
        article = clean_dump(_dump("Заречные вести", TITLE, DATE, *BODY, cut), url="https://zarechye.example/news/1")
        assert article.paragraphs == [*BODY, cut]


def test_dump_review2_year_under_text_is_no_view_count():
    """A bare year under the text is no view count; a bare number that is no year still is."""
    text = _dump("Заречные вести", TITLE, DATE, *BODY, "2024")
    assert clean_dump(text, url="https://zarechye.example/news/1").views is None
    text = _dump("Заречные вести", TITLE, DATE, *BODY, "12 408")
    assert clean_dump(text, url="https://zarechye.example/news/1").views == 12408


def test_dump_review2_outlet_chooser_is_linear_in_a_long_menu(monkeypatch):
    """A top line of hundreds of parts spelling the host (a menu «Рубрика ...» on rubrika.*)
    over hundreds of lines: each part was counted over every line (quadratic, seconds per
    page); a line gives at most ``LINE_PARTS_MAX`` parts."""
    from svodka.clean import _dumpoutlet

    counted = []
    real = _dumpoutlet._repeats
    monkeypatch.setattr(_dumpoutlet, "_repeats", lambda *a: counted.append(a[0]) or real(*a))
    letters = "абвгдежзиклмнопрст"
    words = ["".join(letters[(k * 7 + j * 3) % len(letters)] for j in range(6)) + str(k) for k in range(1000)]
    menu = " | ".join(f"Рубрика {w}" for w in words)
    rows = [f"Рубрика {w} и другие материалы" for w in words]
    clean_dump(_dump(menu, TITLE, DATE, *BODY, *rows), url="https://rubrika.example/news/1")
    assert len(counted) <= _dumpoutlet.LINE_PARTS_MAX + 5


def test_dump_review2_unparsable_url_is_no_error():
    """An address with an unclosed IPv6 bracket has no host (the page's own name stays the
    source) and its path still dates the page."""
    article = clean_dump(_dump("Заречные вести", TITLE, *BODY), url="http://[bad/2024/01/02/x")
    assert article.source == "Заречные вести"
    assert article.published == "2024-01-02"
    assert clean_dump(_dump("Заречные вести", TITLE, *BODY), url="http://[bad").published is None
