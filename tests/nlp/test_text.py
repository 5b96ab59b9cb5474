"""The analysed text (issue 12): tokens, sentences and morphology once; pipe batches the tagger."""

from __future__ import annotations

import pickle

import pytest

from svodka import pipeline
from svodka.model import Article, Document
from svodka.nlp import ner
from svodka.nlp.text import AnalysedText, analysed, segment, sentence_end_at, sentence_start_at
from svodka.pipeline import STAGES, analyze_documents


def test_tokens_point_into_the_text_and_sentences_cover_them(models):
    text = "Министр сказал: «Мы готовы». Переговоры пройдут 5 мая.\nНовый абзац без точки"
    layer = AnalysedText(text, models.parse)
    assert all(text[s:e] == t for s, e, t in layer.items)
    sentences = [text[s.start : s.end] for s in layer.sentences]
    assert sentences == ["Министр сказал: «Мы готовы».", "Переговоры пройдут 5 мая.", "Новый абзац без точки"]
    assert layer.sentence_at(text.index("Переговоры")).first == layer.starts[text.index("Переговоры")]
    assert layer.parses(layer.starts[text.index("пройдут")])[0].normal_form == "пройти"
    assert [layer.items[i][2] for i in layer.starting(text.index("5"), text.index("мая") + 3)] == ["5", "мая"]


# Runs whose razdel tokens depend on the atom beside them ("а -б": "-б"; "1 .5": ".5"),
# signs, smileys, fractions and the like.
TRICKY_RUNS = [
    "а -б в", "1 .5 2", "кто- то", "1/ 2 3", "x_ y", "- 5", "5 -", "(ТАСС) —", "России, Казахстана.",
    "Yahoo! и :) ;-) и ...?! и --- и ***", "1,5 млн/сут. и 3\\4", "«Газпром»-а и т.д.", "ΔP mβж", "K ſ",
    "-", "а", ".", "-а", "а-", "1-", "-1", "_a_ b_", "1, 2, 3. 4/5. 6.",
]


@pytest.mark.issue(12)
@pytest.mark.parametrize("text", TRICKY_RUNS)
def test_tokens_by_runs_are_razdels(text):
    """Tokens found run by run (each run tokenised once per process) are razdel's over the whole text."""
    runs: dict = {}
    assert AnalysedText(text, None, runs).items == AnalysedText(text, None).items
    assert AnalysedText(text, None, runs).items == AnalysedText(text, None).items  # from the memo


@pytest.mark.issue(12)
def test_tokens_by_runs_are_razdels_on_the_sample():
    from ..conftest import SAMPLE

    runs: dict = {}
    for path in sorted((SAMPLE / "dumps").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert AnalysedText(text, None, runs).items == AnalysedText(text, None).items, path.name


def test_sentence_goes_on_after_an_abbreviation_in_lower_case(models):
    text = "Он прибыл в т. ч. из Москвы. Затем уехал."
    assert len(AnalysedText(text, models.parse).sentences) == 2


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    "text",
    [
        "Министр сказал: «Мы готовы». Переговоры пройдут 5 мая.\nНовый абзац без точки",
        "Суд отложил заседание! «Решение примут позже», — добавил судья. 12 человек ждали?! Нет.",
        "Мэр открыл мост (его строили три года). — Это праздник, — сказал он… Горожане пришли.",
    ],
)
def test_sentence_bounds_on_characters_agree_with_the_tokens(models, text):
    # One rule, two readings: the sentences of the analysed text, and the bounds the store
    # finds on characters around a statement read back (``sentence_start_at``/``sentence_end_at``).
    sentences = AnalysedText(text, models.parse).sentences
    assert len(sentences) >= 3
    for sentence in sentences:
        middle = (sentence.start + sentence.end) // 2
        first = sentence_start_at(text, middle)  # the break's end: spaces before the words
        assert first + len(text[first:]) - len(text[first:].lstrip()) == sentence.start
        assert sentence_end_at(text, middle + 1) == (None if sentence is sentences[-1] else sentence.end)


def test_segment_is_the_first_stage_and_every_stage_reuses_its_layer(models):
    assert STAGES[0] is segment
    article = Article.build("Заголовок", ["Глава МИД Казахстана Нурлан Жумабаев прибыл в Ташкент."])
    pipeline.run(article, models)
    layer = article.analysis
    assert isinstance(layer, AnalysedText) and analysed(article, models) is layer


@pytest.mark.issue(12)
def test_analysis_is_not_data(models):
    article = pipeline.run(Article.build("Заголовок", ["Нурлан Жумабаев прибыл в Ташкент."]), models)
    assert "analysis" not in article.to_dict()
    again = pickle.loads(pickle.dumps(article))
    assert again.analysis is None and again.entities == article.entities
    assert Article.from_dict(article.to_dict()).analysis is None


@pytest.mark.issue(12)
def test_pipe_tags_a_batch_of_articles_in_one_call(models, monkeypatch):
    calls = []
    real = ner.tag_entities_batch

    def counting(articles, m):
        calls.append(len(articles))
        return real(articles, m)

    monkeypatch.setattr(pipeline, "tag_entities_batch", counting)
    docs = [Document(text=f"Президент Узбекистана посетил Бишкек {i} мая.", path=f"{i}.txt") for i in range(1, 6)]
    out = list(analyze_documents(docs, models=models, no_clean=True, batch_size=4))
    assert calls == [4]  # the last, alone in its batch, goes through run
    assert [a.path for a in out] == [d.path for d in docs]
    assert all(any(e.type == "LOC" for e in a.entities) for a in out)


@pytest.mark.issue(12)
def test_pipe_batch_failure_falls_back_to_one_by_one(models, monkeypatch):
    def broken(articles, m):
        raise RuntimeError("tagger broke")

    monkeypatch.setattr(pipeline, "tag_entities_batch", broken)
    docs = [Document(text=f"Министр прибыл в Ташкент {i} мая.", path=f"{i}.txt") for i in range(1, 4)]
    out = list(analyze_documents(docs, models=models, no_clean=True))
    assert len(out) == 3 and all(a.entities for a in out)


@pytest.mark.issue(12)
def test_pipe_charges_the_batch_time_to_each_article_budget(models, monkeypatch):
    # A batch that took 1.2 s leaves each of its articles 0.8 s of a 2 s budget (review of issue 12:
    # each article got a fresh budget after the batch, so one could spend nearly twice its own).
    import time

    real_batch = pipeline.tag_entities_batch

    def slow_batch(articles, m):
        time.sleep(1.2)
        return real_batch(articles, m)

    def extract_roles(article, m):  # a stand-in slow on one article only
        if article.path == "slow.txt":
            time.sleep(1.0)
        return article

    stages = list(pipeline.STAGES)
    stages[[s.__name__ for s in stages].index("extract_roles")] = extract_roles
    monkeypatch.setattr(pipeline, "STAGES", stages)
    monkeypatch.setattr(pipeline, "tag_entities_batch", slow_batch)
    docs = [Document(text=f"Министр прибыл в Ташкент {i} мая.", path=p) for i, p in enumerate(["a.txt", "slow.txt", "b.txt"], 1)]
    rejected = []
    out = list(analyze_documents(docs, models=models, no_clean=True, time_budget=2, on_error=rejected.append))
    assert [a.path for a in out] == ["a.txt", "b.txt"]
    assert [e.name for e in rejected] == ["slow.txt"] and "time budget" in rejected[0].reason


@pytest.mark.issue(12)
def test_pipe_does_not_batch_around_a_replaced_tagger(models, monkeypatch):
    import functools

    called = []

    @functools.wraps(ner.tag_entities)
    def tag_entities(article, m):
        called.append(article.path)
        return ner.tag_entities(article, m)

    stages = list(pipeline.STAGES)
    stages[1] = tag_entities
    monkeypatch.setattr(pipeline, "STAGES", stages)
    docs = [Document(text=f"Министр прибыл в Ташкент {i} мая.", path=f"{i}.txt") for i in range(3)]
    list(analyze_documents(docs, models=models, no_clean=True))
    assert called == ["0.txt", "1.txt", "2.txt"]


def test_pipe_drops_the_analysed_text_of_what_it_yields(models):
    docs = [Document(text=f"Министр прибыл в Ташкент {i} мая.", path=f"{i}.txt") for i in range(3)]
    assert all(a.analysis is None for a in analyze_documents(docs, models=models, no_clean=True))


def test_long_runs_are_tokenised_but_not_remembered():
    """The per-process memo of runs is bounded by entries: only short runs (the words that
    recur) go in, so a text of long odd runs cannot fill it with hundreds of tokens each."""
    from svodka.nlp.text import RUN_MEMO_CHARS, AnalysedText

    runs: dict = {}
    long_run = "()" * RUN_MEMO_CHARS
    text = f"Слово, {long_run} и ещё (слово)."
    items = AnalysedText(text, lambda word: [], runs).items
    assert [t for _, _, t in items] == [t for _, _, t in AnalysedText(text, lambda word: []).items]
    assert runs and all(len(key[1]) <= RUN_MEMO_CHARS for key in runs)
