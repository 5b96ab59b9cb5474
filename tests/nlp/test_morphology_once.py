"""Each word form is analysed by pymorphy3 once per process, whichever stage meets it (issue 12)."""

from __future__ import annotations

from collections import Counter

import pytest

from svodka.nlp.models import Models, MorphCache
from svodka.pipeline import analyze_documents
from svodka.model import Document
from svodka.store.prepare import Preparer

from ..conftest import SAMPLE


class CountingMorph:
    """A pymorphy3 analyzer that counts ``parse`` calls per word form."""

    def __init__(self, morph):
        self.morph = morph
        self.calls: Counter[str] = Counter()

    def parse(self, word):
        self.calls[word] += 1
        return self.morph.parse(word)

    def __getattr__(self, name):
        return getattr(self.morph, name)


def _counting_models(models: Models) -> tuple[Models, CountingMorph]:
    morph = CountingMorph(models.morph)
    return Models(ner=models.ner, morph=morph), morph


def _analyse_and_prepare(text: str, models: Models) -> None:
    articles = list(analyze_documents([Document(text=text, path="x.txt")], models=models))
    preparer = Preparer()
    preparer.lemmatizer.share(models.parse)
    for article in articles:
        preparer.prepare(article)


@pytest.mark.issue(12)
def test_founding_example_parses_each_word_form_once(models, seed_text):
    counted, morph = _counting_models(models)
    _analyse_and_prepare(seed_text, counted)
    _analyse_and_prepare(seed_text, counted)  # a second article: everything is known already
    assert morph.calls, "no stage used the morphology cache"
    twice = {w: n for w, n in morph.calls.items() if n > 1}
    assert not twice, f"parsed more than once: {sorted(twice.items())[:20]}"


@pytest.mark.issue(12)
def test_sample_dump_parses_each_word_form_once(models):
    counted, morph = _counting_models(models)
    for path in sorted((SAMPLE / "dumps").glob("0*.txt"))[:3]:
        _analyse_and_prepare(path.read_text(encoding="utf-8"), counted)
    assert max(morph.calls.values()) == 1


def test_morph_cache_is_bounded_and_pickles_empty(models):
    import pickle

    cache = MorphCache(models.morph, size=3)
    for word in "один два три четыре".split():
        cache(word)
    assert cache.info().currsize == 3
    again = pickle.loads(pickle.dumps(cache))
    assert again.info().currsize == 0 and again("один")[0].normal_form == "один"


@pytest.mark.issue(12)
def test_no_module_parses_around_the_one_cache():
    """Only nlp/models.py calls pymorphy3's parse; every other module asks ``Models.parse``."""
    import re

    from ..conftest import ROOT

    direct = re.compile(r"\bmorph\.parse\(|MorphAnalyzer\(\)\.parse|_svodka_\w+_cache")
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "svodka").rglob("*.py"))
        if path.name != "models.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_models_pickle_without_their_memos_after_use(models):
    import pickle

    from svodka import pipeline
    from svodka.model import Article

    pipeline.run(Article.build("Заголовок", ["Министр иностранных дел Нурлан Жумабаев прибыл в Ташкент."]), models)
    assert any(models._memos.values())
    again = pickle.loads(pickle.dumps(models))
    assert again._memos == {} and again.parse("слово")[0].normal_form == "слово"


@pytest.mark.issue(12)
def test_sample_reads_the_same_with_pymorphy3_grammeme_checks(models):
    """``load_models`` turns pymorphy3's typed grammemes off (speed); on, a rule comparing a
    tag with a misspelt grammeme (``tag.case == "nomm"``) raises. The sample dumps are read
    with the checks on: no rule raises, and the analysis is the same as without them."""
    from svodka.ingest.readers import read_paths

    def analyse() -> list[dict]:
        fresh = Models(ner=models.ner, morph=models.morph)  # empty caches: every rule runs again
        docs = read_paths([str(SAMPLE / "dumps")])
        return [a.to_dict() for a in analyze_documents(docs, models=fresh)]

    tag_class = models.morph.TagClass
    plain = analyse()
    before = tag_class.typed_grammemes
    tag_class.typed_grammemes = True
    try:
        checked = analyse()
    finally:
        tag_class.typed_grammemes = before
    assert checked == plain and plain


def test_capitalised_forms_share_their_lower_case_parses(models):
    """A capitalised Cyrillic word gets its lower-case form's parses from the cache, which are
    pymorphy3's own for it; where pymorphy3 keeps the word as written (an unknown word), a
    single letter (an initial), a hyphen or Latin letters, the form is parsed itself."""
    morph = CountingMorph(models.morph)
    cache = MorphCache(morph)
    words = ["отставка", "Отставка", "ОТСТАВКА", "бдт", "БДТ", "в", "В", "нур-султан", "Нур-Султан", "eu", "EU", "Ёлка", "ёлка", "Заречье"]
    for word in words:
        assert cache(word) == models.morph.parse(word), word
    assert cache("Отставка") is cache("отставка")
    assert morph.calls["Отставка"] == morph.calls["ОТСТАВКА"] == morph.calls["Ёлка"] == 0
    assert morph.calls["Заречье"] == 0 and morph.calls["заречье"] == 1
    assert all(morph.calls[word] == 1 for word in ["БДТ", "В", "Нур-Султан", "EU", "отставка", "бдт"])


def test_remembered_grammeme_categories_read_as_pymorphy3_reads_them(models):
    """``tag.POS``, ``tag.case`` ... are remembered per tag string (``_GrammemeOf``): every tag
    of the dictionary, and the guessers' tags (Latin, numbers, punctuation, unknown words,
    hyphenated words), read the same as with pymorphy3's own descriptors, with the typed
    grammemes off and on."""
    from pymorphy3.tagset import _select_grammeme_from

    from svodka.nlp.models import _GrammemeOf

    tag_class = models.morph.TagClass
    ours = {name: value for name, value in vars(tag_class).items() if isinstance(value, _GrammemeOf)}
    assert set(ours) >= {"POS", "case", "number", "gender", "animacy", "tense", "person", "voice", "aspect", "mood"}
    theirs = {name: _select_grammeme_from(value.grammeme_set) for name, value in ours.items()}
    words = ["abc", "1984", "XIV", "!", "кукуруза", "ыфвапрщ", "по-русски", "Кара-Балта", "ИП", "В", "ёлка"]
    tags = list(models.morph.dictionary.gramtab) + [p.tag for word in words for p in models.morph.parse(word)]
    before = tag_class.typed_grammemes
    try:
        for typed in (False, True):
            tag_class.typed_grammemes = typed
            for tag in tags:
                for name, descriptor in theirs.items():
                    mine, expected = getattr(tag, name), descriptor.__get__(tag, tag_class)
                    assert (mine, type(mine).__name__) == (expected, type(expected).__name__), (str(tag), name)
    finally:
        tag_class.typed_grammemes = before


def test_inflections_agree_with_pymorphy3_and_keep_no_analyzer_alive():
    """``inflect``/``lexeme`` read forms from the paradigm as pymorphy3 would, and what they
    remember goes with the analyzer: a dropped analyzer is freed (a cache keyed by its units,
    module-wide, kept every analyzer of the process alive)."""
    import gc
    import weakref

    import pymorphy3

    from svodka.nlp.models import inflect, lexeme

    alive = []
    for _ in range(2):
        morph = pymorphy3.MorphAnalyzer()
        for word, grammemes in (("стол", {"gent"}), ("Иванов", {"datv"}), ("кошка", {"plur", "ablt"})):
            parse = morph.parse(word)[0]
            assert inflect(parse, grammemes) == parse.inflect(grammemes)
            assert [p.word for p in lexeme(parse)] == [p.word for p in parse.lexeme]
        alive.append(weakref.ref(morph))
        del morph, parse
        gc.collect()
    assert [ref() for ref in alive] == [None, None]


def test_loaded_models_are_out_of_the_collectors_walks(models):
    """``load_models`` freezes what is loaded (``FREEZE_LOADED``): Python's collector no longer
    walks the models at each full collection (issue 12)."""
    import gc

    from svodka.nlp import models as models_module

    assert models_module.FREEZE_LOADED
    assert gc.get_freeze_count() > 10_000
