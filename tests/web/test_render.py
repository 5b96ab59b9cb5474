"""Server-side HTML pieces: highlighting from offsets (escaped piece by piece), snippets, links, the chart."""

from __future__ import annotations

from datetime import date

import pytest

from svodka.model import Article, Block, Entity, Mention, Quote, Speaker
from svodka.web import _render

HOSTILE = '<script>window.__xss=1</script> Иван Петров <img src=x onerror="alert(1)">'


def _article(text: str, mentions: list[tuple[str, str, int]] = (), quotes: list[tuple[int, int]] = (), linked: bool = True) -> Article:
    """An article with one entity per (type, id, start-of-word) mention and statements by offsets."""
    art = Article(text=text)
    for i, (typ, word, start) in enumerate(mentions):
        art.entities.append(Entity(id=f"e{i}", type=typ, name=word, mentions=[Mention(start, start + len(word), word, word)]))
    for start, end in quotes:
        art.quotes.append(Quote(kind="direct", text=text[start:end], start=start, end=end, speaker=Speaker("Иван Петров", "PER", "e0")))
    if linked:
        art.extras["store"] = {"entities": {e.id: 100 + i for i, e in enumerate(art.entities)}}
    return art


def test_render_highlight_escapes_every_piece():
    start = HOSTILE.index("Иван")
    art = _article(HOSTILE, [("PER", "Иван Петров", start)])
    html = str(_render.highlight(art, 0, len(HOSTILE)))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert '<a class="ent ent-PER ent-name" href="/entities/100" title="персона · Иван Петров">Иван Петров</a>' in html


def test_render_highlight_nests_mentions_inside_statements():
    text = "Он сказал: Иван Петров придёт завтра. Конец."
    q_start, q_end = text.index("Иван"), text.index(".") + 1
    art = _article(text, [("PER", "Иван Петров", text.index("Иван"))], [(q_start, q_end)])
    html = str(_render.highlight(art, 0, len(text)))
    assert html.count('<span class="quote quote-direct"') == 1
    assert html.index('<span class="quote') < html.index("<a ") < html.index("</a>") < html.index("</span>")


def test_render_highlight_splits_a_mention_crossing_a_statement_edge():
    text = "слово Анна Смирнова сказала"
    art = _article(text, [("PER", "Анна Смирнова", 6)], [(0, 10)])  # the statement ends inside the name
    html = str(_render.highlight(art, 0, len(text)))
    assert html.count("<a ") == 2 and html.count("</a>") == 2
    assert html.count("<span") == html.count("</span>") == 1


def test_render_highlight_clips_to_the_region():
    text = "Заголовок\n\nАбзац про Омск."
    art = _article(text, [("LOC", "Омск", text.index("Омск"))])
    title = str(_render.highlight(art, 0, 9))
    body = str(_render.highlight(art, 11, len(text)))
    assert title == "Заголовок" and "Омск</a>" in body


def test_render_unlinked_mentions_are_spans():
    art = _article("Омск", [("LOC", "Омск", 0)], linked=False)
    assert str(_render.highlight(art, 0, 4)).startswith('<span class="ent ent-LOC ent-name"')


def test_render_tooltip_attribute_is_escaped():
    art = _article('"Рога" и копыта', [("ORG", '"Рога"', 0)])
    html = str(_render.highlight(art, 0, len(art.text)))
    assert 'title="организация · &#34;Рога&#34;"' in html


@pytest.mark.parametrize(
    "text, highlights, expected",
    [
        ("a <b> c", [(0, 1)], "<mark>a</mark> &lt;b&gt; c"),
        ("<i>x</i>", [(3, 4)], "&lt;i&gt;<mark>x</mark>&lt;/i&gt;"),
        ("abc", [], "abc"),
        ("abcdef", [(0, 2), (1, 3), (4, 6)], "<mark>ab</mark>cd<mark>ef</mark>"),  # overlaps skipped
    ],
)
def test_render_highlight_snippet(text, highlights, expected):
    assert str(_render.highlight_snippet(text, highlights)) == expected


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://example.ru/a", "https://example.ru/a"),
        ("http://example.ru", "http://example.ru"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ("", None),
        (None, None),
        ("/relative/path", None),
    ],
)
def test_render_safe_href(url, expected):
    assert _render.safe_href(url) == expected


def test_render_article_regions_without_blocks_split_on_blank_lines():
    art = Article(text="Первый абзац.\n\n\nВторой абзац.\n \nТретий.")
    regions = _render.article_regions(art)
    assert [art.text[r.start : r.end].strip() for r in regions] == ["Первый абзац.", "Второй абзац.", "Третий."]


@pytest.mark.parametrize(
    "days, min_weeks, expected_bars, expected_total",
    [
        ({}, 13, 0, 0),
        ({"2019-03-25": 2, "2019-03-31": 3}, 1, 1, 5),  # Monday and Sunday of one ISO week
        ({"2019-03-25": 2, "2019-04-15": 1}, 1, 4, 3),  # gaps filled with zero weeks
        ({"2019-03-27": 8}, 13, 13, 8),  # a single week padded to a quarter
        ({"2019-01-07": 1, "2021-12-27": 1}, 1, 52, 2),  # 156 weeks grouped 3 per bar
    ],
)
def test_render_week_buckets(days, min_weeks, expected_bars, expected_total):
    bars, step = _render.week_buckets(days, max_bars=60, min_weeks=min_weeks)
    assert len(bars) == expected_bars
    assert sum(n for _, n in bars) == expected_total
    assert all(d.weekday() == 0 for d, _ in bars)


def test_render_chart_svg_has_one_bar_per_bucket():
    bars = [(date(2019, 3, 25), 4), (date(2019, 4, 1), 0), (date(2019, 4, 8), 2)]
    svg = str(_render.chart_svg(bars))
    assert svg.startswith("<svg") and svg.count('<rect class="bar"') == 3
    assert "неделя с 2019-03-25: 4 упоминания" in svg
    assert "svg" not in str(_render.chart_svg([]))


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, "статей"),
        (1, "статья"),
        (2, "статьи"),
        (4, "статьи"),
        (5, "статей"),
        (11, "статей"),
        (12, "статей"),
        (14, "статей"),
        (21, "статья"),
        (22, "статьи"),
        (34, "статьи"),
        (101, "статья"),
        (111, "статей"),
        (112, "статей"),
        (251, "статья"),
        (None, "статей"),
    ],
)
def test_render_plural(n, expected):
    assert _render.plural(n, "статья", "статьи", "статей") == expected


@pytest.mark.parametrize(
    "name, aliases, expected",
    [
        ("Армения", [("Армения", 3)], []),
        ("Мурманск", [("МУРМАНСК", 1), ("Мурманск", 2)], []),  # case does not make another name
        ("Пётр Семёнов", [("Петр Семенов", 1), ("Семёнов", 4)], [("Семёнов", 4)]),  # nor does ё for е
        ("Анна  Ковалёва", [("Анна Ковалёва ", 2), ("Ковалёва", 3), ("ковалева", 1)], [("Ковалёва", 4)]),  # spacing; duplicates once, counts summed
        ("МИД Казахстана", [("МИД", 5), ("МИД Казахстана", 2)], [("МИД", 5)]),
        ("Омск", [], []),
        ("Омск", None, []),
    ],
)
def test_render_other_aliases(name, aliases, expected):
    given = None if aliases is None else [{"alias": a, "n": n} for a, n in aliases]
    assert _render.other_aliases(name, given) == [{"alias": a, "n": n} for a, n in expected]


@pytest.mark.parametrize(
    "cue, expected",
    [("заявил", "заявил"), ("по словам", "по словам"), (":", ""), ("", ""), (None, ""), (" сообщил:", "сообщил"), ("по его\nсловам", "по его словам")],
)
def test_render_cue_text(cue, expected):
    assert _render.cue_text(cue) == expected


def test_render_quote_tooltip_shows_the_cue_without_quotation_marks():
    text = "Иван Петров заявил, что мост откроют в мае."
    art = Article(text=text)
    art.quotes.append(Quote(kind="indirect", text="мост откроют в мае", start=25, end=43, speaker=Speaker("Иван Петров", "PER"), cue="заявил", via="Агентство Заречье"))
    html = str(_render.highlight(art, 0, len(text)))
    assert 'title="Иван Петров · косвенная речь · заявил · через Агентство Заречье"' in html
    assert "«" not in html


def _blocked(parts: list[tuple[str, str]]) -> Article:
    """An article assembled from (kind, text) blocks joined by blank lines."""
    art, pos = Article(), 0
    for kind, chunk in parts:
        art.text += ("\n\n" if art.text else "") + chunk
        pos = len(art.text) - len(chunk)
        art.blocks.append(Block(pos, pos + len(chunk), kind))
    art.title = next((c for k, c in parts if k == "title"), None)
    return art


@pytest.mark.parametrize(
    "article, expected",
    [
        (_blocked([("title", "Мост закроют"), ("paragraph", "Северный мост закроют в мае."), ("paragraph", "Ремонт займёт год.")]), "Северный мост закроют в мае. Ремонт займёт год."),
        (Article(text="Мост закроют\n\nСеверный мост закроют в мае.", title="Мост закроют"), "Северный мост закроют в мае."),  # no blocks: the headline paragraph is skipped
        (Article(text="Мост закроют. Северный мост\nзакроют в мае.", title="Мост закроют"), "Северный мост закроют в мае."),  # headline glued to the body
        (_blocked([("title", "Только заголовок")]), ""),
    ],
)
def test_render_lead_snippet_skips_the_headline(article, expected):
    assert _render.lead_snippet(article) == expected


def test_render_lead_snippet_is_cut_at_a_word_count():
    art = _blocked([("title", "Заголовок"), ("paragraph", " ".join(f"слово{i}" for i in range(50)))])
    snippet = _render.lead_snippet(art, words=10)
    assert snippet == " ".join(f"слово{i}" for i in range(10)) + " …"


@pytest.mark.parametrize(
    "snippet, highlights, title, expected, expected_marks",
    [
        ("Мост закроют Северный мост закроют в мае …", [(0, 4), (13, 21)], "Мост закроют", "Северный мост закроют в мае …", [(0, 8)]),
        ("Мост закроют: ремонт в мае", [], "Мост закроют", "ремонт в мае", []),
        ("Мост закроют ремонт в мае", [(0, 4)], "Мост закроют", "ремонт в мае", []),  # the match in the headline shows in the card's title
        ("Мост закроют …", [(0, 4)], "Мост закроют", "Мост закроют …", [(0, 4)]),  # nothing but the headline
        ("… закроют ремонт в мае", [(2, 9)], "Мост закроют", "… закроют ремонт в мае", [(2, 9)]),
        ("Ремонт в мае", [], None, "Ремонт в мае", []),
    ],
)
def test_render_drop_title(snippet, highlights, title, expected, expected_marks):
    assert _render.drop_title(snippet, highlights, title) == (expected, expected_marks)
