"""The whole flow on documents: encodings give identical records, stages keep offsets valid."""

import pytest

from svodka.ingest.readers import read_bytes
from svodka.pipeline import analyze_documents

from .conftest import SAMPLE


def _analyse(data: bytes, name: str, models):
    docs = list(read_bytes(data, name))
    return [a.to_dict() for a in analyze_documents(docs, models=models)]


@pytest.mark.issue(2)
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_pipeline_seed_in_legacy_encoding_gives_identical_record(models, seed_text, encoding):
    utf8 = _analyse(seed_text.encode("utf-8"), "seed.txt", models)
    legacy = _analyse(seed_text.encode(encoding, errors="replace"), "seed.txt", models)
    if encoding == "koi8_r":  # koi8-r has no «» or long dashes; the seed uses neither
        assert seed_text.encode(encoding, errors="strict")
    assert legacy == utf8


def test_pipeline_offsets_index_text_on_sample_corpus(models):
    docs = [d for p in sorted(SAMPLE.rglob("*")) if p.is_file() for d in read_bytes(p.read_bytes(), str(p))]
    articles = list(analyze_documents(docs, models=models))
    assert len(articles) >= 30
    for a in articles:
        for e in a.entities:
            for m in e.mentions:
                assert a.text[m.start:m.end] == m.text, (a.path, m)
        for d in a.dates:
            assert a.text[d.start:d.end] == d.text, (a.path, d)
        for q in a.quotes:
            assert a.text[q.start:q.end] == q.text, (a.path, q)
        for b in a.blocks:
            assert a.text[b.start:b.end] in ([a.title] if b.kind == "title" else a.paragraphs)


@pytest.mark.issue(11)
def test_pipeline_prepare_replaces_lone_surrogates():
    # A JSON record's "\ud800" is a valid Python str that no encoding writes: found by `make fuzz`,
    # it made the store fail for the whole batch.
    from svodka.model import Document
    from svodka.pipeline import prepare

    doc = Document(text="Текст статьи о \ud800 погоде.", media_type="application/x-article", meta={"title": "Заголовок \udc80"}, path="r.jsonl:3")
    article = prepare(doc)
    assert "\ufffd" in article.text and article.title == "Заголовок \ufffd"
    assert article.extras["decode_errors"] == 2
    article.to_json().encode("utf-8")  # writable
