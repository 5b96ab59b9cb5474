"""The whole flow on documents: encodings give identical records, stages keep offsets valid."""

import pytest

from svodka.ingest.readers import read_bytes
from svodka.pipeline import analyze_documents

from .conftest import ROOT, SAMPLE


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


LANGUAGES = ROOT / "tests" / "fixtures" / "languages"


@pytest.mark.issue(16)
def test_pipeline_analyses_russian_articles_only(models):
    """Ukrainian, Kazakh and Uzbek articles keep their clean text and get no entities, dates or
    statements; the Russian ones (one quoting Ukrainian, one naming people in Kazakh spelling) are analysed."""
    docs = [d for p in sorted(LANGUAGES.iterdir()) for d in read_bytes(p.read_bytes(), p.name)]
    articles = {a.path: a for a in analyze_documents(docs, models=models)}
    assert {name: a.language for name, a in articles.items()} == {
        "kk_aktobe-hospital.txt": "kk",
        "ru_kostroma-bridge.txt": "ru",
        "ru_shymkent-akim.txt": "ru",
        "ru_uzhgorod-park.txt": "ru",
        "uk_poltava-bridge.txt": "uk",
        "uz_samarqand-tourism.txt": "uz",
        "uz_toshkent-book-fair.html": "uz",
    }
    for name, article in articles.items():
        if article.language == "ru":
            assert article.entities and article.quotes, name
        else:
            assert article.text and article.title and article.paragraphs, name
            assert (article.entities, article.dates, article.quotes) == ([], [], []), name
    persons = {e.name for a in articles.values() for e in a.entities if e.type == "PER"}
    assert {"Андрей Воронцов", "Остап Мельничук"} <= persons


@pytest.mark.issue(16)
def test_pipeline_needs_no_models_for_other_languages():
    """A batch without a Russian article loads no models."""
    docs = list(read_bytes((LANGUAGES / "kk_aktobe-hospital.txt").read_bytes(), "kk.txt"))
    (article,) = analyze_documents(docs, models=None)
    assert article.language == "kk" and not article.entities


@pytest.mark.issue(16)
def test_pipeline_run_leaves_other_languages_alone(models):
    from svodka.model import Article
    from svodka.pipeline import run

    article = Article.build("Бу ҳақда", ["Бу ҳақда Президент матбуот котиби маълум қилди. Шунингдек, томонлар ҳамкорликни муҳокама қилдилар."], language="uz")
    assert run(article, models).entities == []
    russian = Article.build("Иванов заявил", ["Министр Иван Иванов заявил журналистам, что переговоры продолжатся."])
    assert run(russian, models).entities
