"""Bounds of the NER stage (issue 11): razdel-safe runs, slovnet windows, offsets mapped back.

The texts are generated here from sentences we wrote. The whole-document bounds (time
budget, length cap, the probe shapes in one batch with a good document) are tested in
tests/test_pipeline_bounds.py.
"""

from __future__ import annotations

import re

import pytest

from svodka.model import Article
from svodka.nlp.ner import MAX_WINDOW_CHARS, MAX_WINDOW_TOKENS, tag_entities, windows
from svodka.nlp.text import MAX_TOKEN_CHARS, tokenizable

# razdel's atoms, the upper bound of its tokens the windows are measured in.
ATOM = re.compile(r"[а-яё]+|[a-z]+|\d+|\S", re.I)

SENTENCE = "Губернатор Андрей Петров приехал в Самару."


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "text, changed",
    [
        ("Губернатор Андрей Петров приехал в Самару. Дождь — до вечера.", False),
        ("Разделитель " + "-" * MAX_TOKEN_CHARS + " ровно на границе.", False),
        ("Разделитель " + "-" * 1000 + " длиннее границы.", True),
        ("Тире " + "—" * 128_000 + " внутри текста.", True),
        ("Блоб " + "аб1-." * 2000 + " в ленте.", True),
        ("Слово " + "а" * 5_000 + " длиннее границы.", True),
    ],
)
def test_bounds_tokenizable_keeps_offsets_and_ordinary_text(text, changed):
    out = tokenizable(text)
    assert len(out) == len(text)
    assert (out != text) is changed
    assert max(len(run) for run in out.split()) <= MAX_TOKEN_CHARS
    # Only long runs change: every word outside them is where it was.
    for m in re.finditer(r"\S{1,%d}(?=\s|$)" % MAX_TOKEN_CHARS, text):
        if (m.start() == 0 or text[m.start() - 1].isspace()) and len(m.group()) < MAX_TOKEN_CHARS:
            assert out[m.start() : m.end()] == m.group()


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "line, pieces",
    [
        (SENTENCE, 1),
        (" ".join([SENTENCE] * 250), 1),  # 1,750 atoms, 10,750 characters: whole, as before
        (" ".join([SENTENCE] * 3000), None),
        ("—" * 50_000, None),
        ("а" * 50_000, None),
        ("слово " * 30_000, None),
    ],
)
def test_bounds_windows_cover_the_line_within_bounds(line, pieces):
    got = windows(line)
    if pieces is not None:
        assert len(got) == pieces
    pos = 0
    for start, end in got:
        assert not line[pos:start].strip(), "a piece of the line is left out"
        assert end - start <= MAX_WINDOW_CHARS
        assert len(ATOM.findall(line[start:end])) <= MAX_WINDOW_TOKENS
        pos = end
    assert not line[pos:].strip()


@pytest.mark.issue(11)
def test_bounds_windows_cut_long_prose_at_sentence_ends():
    line = " ".join([SENTENCE] * 3000)
    got = windows(line)
    assert len(got) > 1
    for _, end in got[:-1]:
        assert line[:end].rstrip().endswith(".")


@pytest.mark.issue(11)
def test_bounds_long_line_tagged_in_windows_maps_offsets_back(models):
    # 3,000 sentences on one line: 21,000 atoms, eleven windows; entities in the last
    # window come back at offsets into the whole text.
    names = ["Андрей Петров", "Ирина Соколова", "Тимур Каримов"]
    sentences = [f"В понедельник {names[i % 3]} приехал в Самару." for i in range(3000)]
    article = tag_entities(Article(text="Новости дня\n\n" + " ".join(sentences)), models)
    spans = article.extras["ner_spans"]
    assert all(article.text[s:e] in names + ["Самару"] for s, e, _ in spans)
    persons = [s for s, _, k in spans if k == "PER"]
    assert len(persons) >= 2900 and persons[-1] > len(article.text) - 100


@pytest.mark.issue(11)
@pytest.mark.parametrize(
    "filler",
    ["-" * 128_000, "—" * 128_000, "-" * 1_000_000, "а" * 500_000, "аб1-." * 5_000],
)
def test_bounds_runs_and_long_tokens_inside_a_text_keep_its_entities(models, filler):
    text = f"{SENTENCE}\n\nДалее {filler} конец.\n\nМэр Ирина Соколова открыла мост в Казани."
    article = tag_entities(Article(text=text), models)
    found = {(article.text[s:e], k) for s, e, k in article.extras["ner_spans"]}
    assert {("Андрей Петров", "PER"), ("Ирина Соколова", "PER"), ("Казани", "LOC")} <= found


class _CountingText(str):
    """A text that adds up the characters of every slice taken of it: a stage that slices
    the whole text before each mention (quadratic) shows up here, whatever the machine's speed."""

    sliced = 0

    def __getitem__(self, key):
        out = str.__getitem__(self, key)
        if isinstance(key, slice):
            _CountingText.sliced += len(out)
        return out


def _many_persons(count: int) -> Article:
    """An article naming ``count`` persons, each after a title and a bracketed aside."""
    from svodka.model import Entity, Mention

    surnames = ["Петров", "Соколов", "Каримов", "Зуев", "Лебедев", "Орлов"]
    parts, entities, at = [], [], 0
    for i in range(count):
        name = f"Иван {surnames[i % 6]}"
        lead = f"Директор библиотеки (с {2000 + i % 20} года) "
        start = at + len(lead)
        parts.append(f"{lead}{name} открыл выставку в библиотеке.")
        at += len(parts[-1]) + 1
        mention = Mention(start, start + len(name), name, name, "name")
        entities.append(Entity(id=f"e{i}", type="PER", name=name, first="Иван", last=surnames[i % 6], mentions=[mention]))
    return Article(text=" ".join(parts), entities=entities)


@pytest.mark.parametrize("count", [200, 800])
def test_bounds_roles_read_text_around_each_name_not_all_before_it(models, count):
    # Every name asks whether a bracketed aside stands before it ("(с 2015 года)"): that is
    # read in a window before the name, not in a copy of all the text before (which made
    # the roles stage quadratic in the number of names).
    from svodka.nlp.roles import extract_roles

    article = _many_persons(count)
    assert article.text[article.entities[-1].mentions[0].start :].startswith("Иван")
    article.text = _CountingText(article.text)
    _CountingText.sliced = 0
    extract_roles(article, models)
    assert all(e.roles == ["директор библиотеки"] for e in article.entities)
    assert _CountingText.sliced < 10 * len(article.text)
