"""slovnet's NER tagger run by svodka's own forward pass (``nlp._tagger._process``): the same scores to the bit (issue 12)."""

from __future__ import annotations

import numpy as np

from svodka.nlp import _tagger
from svodka.nlp.text import AnalysedText

# The team's own lines, of unlike lengths (a call pads its lines to the longest).
LINES = [
    "Губернатор Заречной области Пётр Кольцов встретился с главой компании «Северный луч».",
    "Москва",
    "В среду в Новоборске открылся филиал Фонда развития малых городов, сообщила пресс-служба мэрии.",
    "Министр иностранных дел Республики Ольмания Анна Верес прибыла в Ташкент с двухдневным визитом; "
    "переговоры с коллегой из Узбекистана продлятся до пятницы, а в субботу делегация отправится в Самарканд.",
    "«Мы готовы к диалогу», — заявил Игорь Лунин.",
]


def _inputs(models):
    encoder = models.ner.infer.encoder
    lines = [[t[2] for t in AnalysedText(line, models.parse).items] for line in LINES]
    return list(_tagger._encoded(lines, encoder, models)) + list(_tagger._encoded(lines[:2], encoder, models))


def test_tagger_forward_pass_gives_slovnets_scores_bit_for_bit(models):
    model = models.ner.infer.model
    assert _tagger._plain_cnn(model)
    for item in _inputs(models):
        ours = model.head.proj(_tagger._encode(model, item.word_id, item.shape_id, item.pad_mask))
        theirs = model(item.word_id, item.shape_id, item.pad_mask)
        assert ours.dtype == theirs.dtype and ours.shape == theirs.shape
        assert np.array_equal(ours, theirs)


def test_tagger_labels_are_slovnets(models):
    infer = models.ner.infer
    ours = [list(tags) for tags in _tagger._process(infer, _inputs(models))]
    theirs = [list(tags) for tags in infer.process(_inputs(models))]
    assert ours == theirs and len(ours) == len(LINES) + 2
    assert any(any(tags) for tags in ours)  # some names tagged


def test_tagger_model_of_another_make_goes_to_slovnet(models):
    class Other:
        model = object()

        def process(self, inputs):
            yield from (["O"] for _ in inputs)

    assert not _tagger._plain_cnn(Other.model)
    assert list(_tagger._process(Other(), [1, 2])) == [["O"], ["O"]]


def test_tagger_embedding_is_slovnets(models):
    emb = models.ner.infer.model.emb
    for item in _inputs(models):
        ours, theirs = _tagger._embed(emb, item.word_id, item.shape_id), emb(item.word_id, item.shape_id)
        assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
