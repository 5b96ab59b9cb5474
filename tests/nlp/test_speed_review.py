"""Review of issue 12's speed changes: property tests against plain slovnet / plain pymorphy3,
and the process-wide effects (the collector's freeze, the shared tag class, threads)."""

from __future__ import annotations

import gc
import pickle
import threading
import weakref

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svodka.nlp import _tagger
from svodka.nlp.models import MorphCache

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Cyrillic of both cases with ё, Latin homoglyphs of Cyrillic letters, a hyphen, a digit,
# and letters whose case rules are unusual (rounded ve, a Cyrillic letter outside а-я, Greek).
ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯaeopcxyAEOPCXHKMTB-1ᲀіІΣς"
REAL = ["Орёл", "орёл", "ОРЁЛ", "Роза", "роза", "РОЗА", "Ёж", "ЁЖ", "ООН", "МИД", "Мид", "БДТ", "Иванов", "ИВАНОВ",
        "Кара-Балта", "Я", "я", "Оно", "ОНО", "Вера", "вера", "Надежда", "Лев", "лев", "Мир", "РФ", "Рф", "СМИ",
        "Cоюз", "Москвa", "Ёлкин", "ёЛКА", "ПрОкурор", "Ъ"]


def _words():
    return st.one_of(st.sampled_from(REAL), st.text(ALPHABET, min_size=1, max_size=12))


@SETTINGS
@given(words=st.lists(_words(), min_size=1, max_size=6))
def test_morph_cache_parses_as_plain_pymorphy3(models, words):
    """Whatever the order forms are met in (lower case first or not), the cache's parses are
    pymorphy3's own for each form."""
    cache = MorphCache(models.morph)
    for word in words + [w.lower() for w in words] + [w.upper() for w in words] + [w.title() for w in words]:
        assert cache(word) == models.morph.parse(word), word


def _random_item(models, rng, lengths):
    """A batch of lines of ``lengths`` tokens as slovnet's encoder builds it (padded to the
    longest), with random word ids (known words, unknown, padding) and shape ids."""
    encoder = models.ner.infer.encoder
    words, shapes = encoder.words_vocab, encoder.shapes_vocab
    size = max(lengths)
    word_id = np.full((len(lengths), size), words.pad_id, dtype=np.int64)
    shape_id = np.full((len(lengths), size), shapes.pad_id, dtype=np.int64)
    for row, n in enumerate(lengths):
        word_id[row, :n] = rng.integers(0, len(words.items), n)
        shape_id[row, :n] = rng.integers(0, len(shapes.items), n)
    pad_mask = np.arange(size)[None, :] >= np.array(lengths)[:, None]  # a known word may share the pad's id
    return word_id, shape_id, pad_mask


@SETTINGS
@given(lengths=st.lists(st.one_of(st.integers(1, 4), st.integers(1, 400)), min_size=1, max_size=5), seed=st.integers(0, 2**32 - 1))
def test_forward_pass_equals_slovnets_for_any_batch(models, lengths, seed):
    """One token, long lines, lines of mixed lengths (padding), any word and shape ids: the
    scores equal slovnet's to the bit and the labels are slovnet's."""
    model = models.ner.infer.model
    word_id, shape_id, pad_mask = _random_item(models, np.random.default_rng(seed), lengths)
    ours = model.head.proj(_tagger._encode(model, word_id, shape_id, pad_mask))
    theirs = model(word_id, shape_id, pad_mask)
    assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
    assert np.array_equal(ours, theirs)


@SETTINGS
@given(lines=st.lists(st.lists(st.sampled_from(["Москва", "и", "1984", "Putin", "ЫЩЬЪ", "«", "-", "ООН", "xyzzy", "Пётр", "заявил",
                                                "Кольцов", "Ivan", "№", "2026-12-07", "ъъъ", "M&A"]),
                               min_size=1, max_size=60), min_size=1, max_size=5))
def test_labels_equal_slovnets_through_the_encoder(models, lines):
    infer = models.ner.infer
    ours = [list(tags) for tags in _tagger._process(infer, _tagger._encoded(lines, infer.encoder, models))]
    theirs = [list(tags) for tags in infer.process(_tagger._encoded(lines, infer.encoder, models))]
    assert ours == theirs


def test_no_input_gives_no_labels(models):
    infer = models.ner.infer
    assert list(_tagger._process(infer, iter([]))) == list(infer.process(iter([]))) == []


def test_a_tag_pickles_and_reads_its_categories(models):
    """A Tag sent to a Dask worker (pickled) reads the same categories there (pymorphy3's
    Parse itself does not pickle, with or without svodka)."""
    for parse in models.morph.parse("Москвы") + models.morph.parse("бежали"):
        again = pickle.loads(pickle.dumps(parse.tag))
        assert again == parse.tag
        assert (again.POS, again.case, again.number, again.tense) == (parse.tag.POS, parse.tag.case, parse.tag.number, parse.tag.tense)


def test_a_second_analyzer_reads_the_same_categories(models):
    import pymorphy3

    other = pymorphy3.MorphAnalyzer()
    for word in ["стол", "Иванову", "бежали", "ООН", "xyz", "ыфвап"]:
        for a, b in zip(models.morph.parse(word), other.parse(word)):
            assert (a.tag.POS, a.tag.case, a.tag.gender, a.tag.tense) == (b.tag.POS, b.tag.case, b.tag.gender, b.tag.tense)


def test_threads_share_the_cache_and_read_the_same(models):
    words = [w for w in REAL] * 20
    expected = [models.morph.parse(w) for w in words]
    cache = MorphCache(models.morph)
    results: list = [None] * 4

    def work(k):
        results[k] = [cache(w) for w in words]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


@pytest.mark.slow
def test_models_loaded_again_free_the_dropped_ones(models):
    """A process that loads the models again (a reload, a test, a library user calling
    ``analyze_documents`` without models) frees the models it dropped: the collector's freeze
    at the end of ``load_models`` must not keep them for ever (a pymorphy3 analyzer holds
    cycles: its units point back at it)."""
    from svodka.nlp.models import load_models

    first = load_models()
    gone = weakref.ref(first.morph)
    del first
    second = load_models()
    gc.collect()
    assert gone() is None
    del second


def test_a_forked_worker_keeps_its_parents_models_frozen(models, monkeypatch):
    """A load in a worker forked after its parent loaded does not unfreeze the parent's
    objects (walking them would copy their pages into the worker)."""
    from svodka.nlp import models as models_module

    calls = []
    monkeypatch.setattr(models_module, "_FROZEN", models_module.os.getpid() + 1)  # frozen by the parent
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    models_module._freeze()
    assert calls == [] and models_module._FROZEN == models_module.os.getpid()
    models_module._freeze()
    assert calls == ["unfreeze"]
