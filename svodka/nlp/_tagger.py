"""slovnet, fed the analysed text: lines in bounded windows, shortest first, ids remembered.

``raw_spans`` gives the tagger's spans of many texts in one go. slovnet gets the razdel tokens
of the analysed text (``nlp.text``: razdel runs once per text, not again inside slovnet), a
line at a time; lines longer than the window bounds are tagged in windows cut at sentence
ends (``windows``); lines of like length go into one call (slovnet pads a call to its
longest line); each word's vocabulary and shape ids are remembered per process. The rule
corrections over these spans are ``nlp.ner``'s.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from slovnet.shape import word_shape

from ._lexicon import CLOSING_MARKS
from .models import Models
from .text import AnalysedText

__all__ = ["TYPES", "MAX_WINDOW_TOKENS", "MAX_WINDOW_CHARS", "raw_spans", "windows"]

# Entity types slovnet produces and svodka keeps.
TYPES = ("PER", "LOC", "ORG")

# Bounds (issue 11): slovnet pads a call's lines to the longest and holds ~5 KB per token per
# line in its first conv layer, so one line of 128,000 tokens asked 3.3 GB and a
# 2.7 M-character one-line file 4 GB. A line longer than this many razdel atoms (an upper
# bound of its tokens) is tagged in windows cut at sentence ends, else at spaces; with
# NER_BATCH_TOKENS a call holds at most two such windows (~20 MB). The longest line of the eval texts (factRuEval dev, Wikinews, page dumps)
# has 1,170 atoms, so ordinary paragraphs are tagged whole as before.
MAX_WINDOW_TOKENS = 2_000
# ... and a window holds at most this many characters (long tokens: one 20,000-character
# window is a few ms of slovnet); the longest eval line has 5,270.
MAX_WINDOW_CHARS = 20_000
# razdel's atoms (its tokens are unions of these): Cyrillic, Latin, digit runs, other characters.
_ATOM = re.compile(r"[а-яё]+|[a-z]+|\d+|\S", re.I)
# A sentence end inside a long line, where a window is best cut (closing marks may follow it).
_SENTENCE_END = re.compile(r"[.!?…][%s')]*\s+" % re.escape(CLOSING_MARKS))


def windows(line: str) -> list[tuple[int, int]]:
    """``(start, end)`` pieces of a line for slovnet, each within the window bounds.

    A line within ``MAX_WINDOW_TOKENS`` atoms and ``MAX_WINDOW_CHARS`` characters is one
    piece. A longer one is cut at the last sentence end inside each window, else at its last
    space, else (one huge token) at the window's end.
    """
    if len(line) <= MAX_WINDOW_TOKENS:  # fewer characters than the bound: fewer atoms too
        return [(0, len(line))]
    ends = [m.end() for m in _ATOM.finditer(line)]
    if len(ends) <= MAX_WINDOW_TOKENS and len(line) <= MAX_WINDOW_CHARS:
        return [(0, len(line))]
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(line):
        first = bisect_left(ends, pos + 1)  # the first atom ending after pos
        limit = min(pos + MAX_WINDOW_CHARS, ends[first + MAX_WINDOW_TOKENS - 1] if first + MAX_WINDOW_TOKENS <= len(ends) else len(line))
        cut = limit
        if limit < len(line):
            last = None
            for last in _SENTENCE_END.finditer(line, pos, limit):
                pass
            if last is not None and last.end() > pos:
                cut = last.end()
            else:
                space = max(line.rfind(" ", pos, limit), line.rfind("\t", pos, limit))
                cut = space + 1 if space > pos else limit
        if line[pos:cut].strip():
            out.append((pos, cut))
        pos = cut
    return out


# slovnet pads every line of a call to the longest and its convolutions hold about 4 KB per
# padded token: lines go in order of length, at most NER_BATCH of them and NER_BATCH_TOKENS
# padded tokens per group, SLOVNET_BATCH lines per call. Measured on the 100 longest wikinews
# texts (CPU s of the tagger): calls of 8 lines 1.12, of 16 lines 1.09 with groups of 2,000
# tokens and 0.94-0.95 with groups of 3,000-4,000 (~10 MB more at the peak), of 32 lines 1.0,
# of 64 lines 1.36 (the arrays outgrow the caches).
NER_BATCH = 64
NER_BATCH_TOKENS = 4_000
SLOVNET_BATCH = 16


def raw_spans(layers: list[AnalysedText], models: Models) -> list[list[tuple[int, int, str]]]:
    """Slovnet spans ``(start, end, type)`` of many texts, tagged line by line in one batch.

    slovnet is fed the tokens of the analysed text (razdel runs once per text, not again
    inside slovnet), a line at a time; lines longer than the window bounds are tagged in
    windows (see ``windows``): time and memory stay linear in the text.

    Args:
        layers: the analysed texts (``nlp.text.analysed``) of several articles.
        models: loaded models; ``models.ner`` is natasha's ``NewsNERTagger``.
    Returns:
        For each text its spans with offsets into that text.
    """
    chunks: list[list[tuple[int, int, str]]] = []
    owners: list[int] = []
    for index, layer in enumerate(layers):
        pos = 0
        for line in layer.text.split("\n"):
            if line.strip():
                for start, end in windows(line):
                    tokens = [layer.items[i] for i in layer.starting(pos + start, pos + end)]
                    if tokens:
                        chunks.append(tokens)
                        owners.append(index)
            pos += len(line) + 1
    result: list[list[tuple[int, int, str]]] = [[] for _ in layers]
    infer = models.ner.infer
    for part in _batches(sorted(range(len(chunks)), key=lambda k: len(chunks[k])), chunks):
        inputs = _encoded([[t[2] for t in chunks[j]] for j in part], infer.encoder, models)
        for j, labels in zip(part, infer.decoder(_process(infer, inputs))):
            result[owners[j]].extend(_bio_spans(chunks[j], labels))
    for spans in result:
        spans.sort()
    return result


def _encoded(lines: list[list[str]], encoder: Any, models: Models) -> Iterator[Any]:
    """slovnet's input arrays for lines of words, SLOVNET_BATCH lines each.

    What slovnet's encoder does, with each word's (vocabulary id, shape id) remembered per
    process: the encoder computes the shape of every token again (a fifth of the tagger's time).
    """
    memo = models.memo("slovnet ids")
    words_vocab, shapes_vocab = encoder.words_vocab, encoder.shapes_vocab
    items = []
    for words in lines:
        ids = []
        for word in words:
            found = memo.get(word)
            if found is None:
                found = memo[word] = (words_vocab.encode(word.lower()), shapes_vocab.encode(word_shape(word)))
            ids.append(found)
        items.append(([i for i, _ in ids], [k for _, k in ids]))
    for k in range(0, len(items), SLOVNET_BATCH):
        yield encoder.input(items[k : k + SLOVNET_BATCH])


def _process(infer: Any, inputs: Iterator[Any]) -> Iterator[Any]:
    """slovnet's ``NERInfer.process``: the tag ids of each line, the same to the bit.

    slovnet's CNN layers copy their input three times a layer (a transposed pad, the conv's
    windows, the norm's temporaries): here the windows are cut from the padded tokens in one
    copy and the bias, ReLU and norm run in place on the conv's output. The matrix product
    gets the same operands (the windows as rows of ``(input, kernel)`` columns, C order; the
    kernel transposed) and every other step is the same element-wise arithmetic in the same
    order, so the scores are equal bit for bit (``tests/nlp/test_tagger.py`` checks it). A
    model of another make goes to slovnet itself.
    """
    model = infer.model
    if not _plain_cnn(model):
        yield from infer.process(inputs)
        return
    crf = model.head.crf
    for item in inputs:
        pad_mask = item.pad_mask
        scores = model.head.proj(_encode(model, item.word_id, item.shape_id, pad_mask))
        yield from crf.decode(scores, ~pad_mask)


def _plain_cnn(model: Any) -> bool:
    """Is ``model`` slovnet's NER tagger as ``_encode`` knows it (embedding, conv/ReLU/norm layers, projection + CRF)?"""
    from slovnet.exec import model as m

    return (
        type(model) is m.NER
        and type(model.emb) is m.WordShapeEmbedding
        and type(model.emb.word) is m.NavecEmbedding
        and type(model.emb.shape) is m.Embedding
        and type(model.encoder) is m.CNNEncoder
        and all(
            type(layer) is m.CNNEncoderLayer and type(layer.conv) is m.Conv1d and type(layer.relu) is m.ReLU and type(layer.norm) is m.BatchNorm1d
            for layer in model.encoder.layers
        )
        and type(model.head) is m.NERHead
        and type(model.head.proj) is m.Linear
    )


def _encode(model: Any, word_id: Any, shape_id: Any, pad_mask: Any) -> Any:
    """``model.encoder(model.emb(word_id, shape_id), pad_mask)``: lines x tokens x features, C order."""
    x = _embed(model.emb, word_id, shape_id)
    lines, length, _ = x.shape
    for layer in model.encoder.layers:
        conv, norm = layer.conv, layer.norm
        filters, features, kernel = conv.weight.shape
        pad = conv.padding
        padded = np.zeros((lines, length + 2 * pad, features), dtype=x.dtype)
        padded[:, pad : pad + length] = x
        length = length + 2 * pad - kernel + 1
        windows = sliding_window_view(padded, kernel, axis=1).reshape(lines * length, features * kernel)
        out = np.matmul(windows, conv.weight.array.reshape(filters, features * kernel).T)
        out += conv.bias.array
        np.maximum(out, 0, out=out)  # slovnet's ReLU, ``clip(0)``: numpy's clip with a minimum alone is this ufunc
        np.subtract(out, norm.mean.array, out=out)
        np.divide(out, norm.std.array, out=out)
        np.multiply(out, norm.weight.array, out=out)
        np.add(out, norm.bias.array, out=out)
        x = out.reshape(lines, length, filters)
        x[pad_mask] = 0
    return x


def _embed(emb: Any, word_id: Any, shape_id: Any) -> Any:
    """``emb(word_id, shape_id)``: each word's navec vector (its centroid in each of the
    quantised sub-spaces, taken as rows of one table: slovnet indexes a 3-d table by pairs)
    and its shape's vector, side by side; the same values."""
    codes = emb.word.codes.array  # sub-spaces x centroids x chunk
    spaces, centroids, chunk = codes.shape
    rows = emb.word.indexes.array[word_id.reshape(-1)] + np.arange(0, spaces * centroids, centroids)
    words = codes.reshape(spaces * centroids, chunk).take(rows.reshape(-1), axis=0).reshape(*word_id.shape, spaces * chunk)
    return np.concatenate((words, emb.shape(shape_id)), axis=-1)


def _batches(order: list[int], chunks: list[list]) -> Iterator[list[int]]:
    """Indexes of ``chunks`` (shortest first in ``order``) grouped for slovnet calls."""
    part: list[int] = []
    for j in order:
        if part and (len(part) >= NER_BATCH or (len(part) + 1) * len(chunks[j]) > NER_BATCH_TOKENS):
            yield part
            part = []
        part.append(j)
    if part:
        yield part


def _bio_spans(tokens: list[tuple[int, int, str]], labels: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end, type)`` of BIO labels over tokens, read as slovnet reads them
    (an I- label extends the open span whatever its type; one with no open span is dropped)."""
    out: list[tuple[int, int, str]] = []
    kind: str | None = None
    start = stop = 0
    for (token_start, token_end, _), label in zip(tokens, labels):
        part, _, label_kind = label.partition("-")
        if part == "B":
            if kind:
                out.append((start, stop, kind))
            kind, start, stop = label_kind, token_start, token_end
        elif part == "I":
            stop = token_end
        elif kind:
            out.append((start, stop, kind))
            kind = None
    if kind:
        out.append((start, stop, kind))
    return [s for s in out if s[2] in TYPES]
