"""Store fixtures: a fresh store per test on each backend, and a hand-built Article factory.

PostgreSQL runs when ``SVODKA_TEST_DATABASE_URL`` is set; every test gets its own random
schema, dropped afterwards, so runs never collide. No NLP model is loaded here: articles
are built by hand with offsets found in their own text.
"""

from __future__ import annotations

import os
import re
import uuid
from typing import Any

import pytest

from svodka.model import Article, DateMention, Entity, Mention, Quote, Speaker
from svodka.store import open_store

# The PostgreSQL server for tests (e.g. postgresql://postgres@127.0.0.1:5432/test).
PG_ENV = "SVODKA_TEST_DATABASE_URL"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def morph():
    """One pymorphy3 analyzer for the session (stores would each create their own)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@pytest.fixture(scope="session")
def parse(morph):
    """One morphology cache for the session, as ``Models.parse`` is one per process."""
    from svodka.nlp.models import MorphCache

    return MorphCache(morph)


def _open(backend: str, tmp_path, **options):
    """A fresh store on ``backend`` (pytest skips PostgreSQL without the env variable)."""
    if backend == "sqlite":
        return open_store(tmp_path / "archive.db", **options)
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL store tests skipped")
    return open_store(url, schema=f"svodka_test_{uuid.uuid4().hex[:12]}", **options)


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path, parse):
    """A fresh, empty store; the PostgreSQL schema is dropped afterwards."""
    st = _open(request.param, tmp_path)
    st.use_parse(parse)  # share the analyzer: the store would build its own lazily
    yield st
    if request.param == "postgresql":
        st.db.drop_schema()
    st.close()


@pytest.fixture
def open_backend(tmp_path, parse):
    """A factory ``open_backend(backend, **options)`` for tests that reopen stores."""
    opened = []

    def factory(backend: str, **options):
        st = _open(backend, tmp_path, **options)
        st.use_parse(parse)
        opened.append(st)
        return st

    yield factory
    for st in opened:
        try:
            if st.dialect == "postgresql" and st.db._conn is not None:
                st.db.drop_schema()
        finally:
            st.close()


@pytest.fixture
def old_archive(tmp_path, parse):
    """A factory ``old_archive(backend, version, articles)``: an archive at an earlier schema (see old_schema.py).

    Returns the open ``Database``; reopen it with ``open_store(db.path)`` (SQLite) or
    ``open_store(db.url, schema=db.schema)`` (PostgreSQL) to migrate it.
    """
    from svodka.store.search import Lemmatizer
    from tests.store.old_schema import build_old_archive

    made = []

    def factory(backend: str, version: int, articles: list[Article]):
        if backend == "sqlite":
            url, options = tmp_path / "old.db", {}
        else:
            url = os.environ.get(PG_ENV)
            if not url:
                pytest.skip(f"{PG_ENV} not set: PostgreSQL store tests skipped")
            options = {"schema": f"svodka_test_{uuid.uuid4().hex[:12]}"}
        db = build_old_archive(url, version, articles, Lemmatizer(parse), **options)
        made.append(db)
        return db

    yield factory
    for db in made:
        try:
            if db.dialect == "postgresql" and db._conn is not None:
                db.drop_schema()
        finally:
            db.close()


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of ``needle`` in ``text`` as (start, end)."""
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)]


def _mentions(text: str, forms: list[str], normal: str) -> list[Mention]:
    """Mentions of the surface ``forms`` (longest first, never overlapping), in text order."""
    taken: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        for s, e in _spans(text, form):
            if all(e <= a or s >= b for a, b in taken):
                taken.append((s, e))
    return [Mention(s, e, text[s:e], normal) for s, e in sorted(taken)]


def make_article(
    title: str,
    paragraphs: list[str],
    *,
    source: str = "Вечерний Тест",
    url: str | None = None,
    published: str | None = "2024-03-28",
    entities: list[dict[str, Any]] = (),
    quotes: list[dict[str, Any]] = (),
    dates: list[dict[str, Any]] = (),
) -> Article:
    """An analysed Article built by hand.

    Args:
        entities: dicts with ``id``, ``type``, ``name``, optional ``first``/``middle``/``last``,
            ``roles`` and ``forms`` (surface forms to find in the text as mentions; default
            the name), each form's base form being ``name``.
        quotes: dicts with ``text`` (found in the article), ``speaker`` (name),
            ``entity`` (local entity id), ``kind`` (default "direct"), ``cue``, ``via`` and
            ``speaker_kind`` (``Speaker.kind``: person, organisation, outlet, state, group).
        dates: dicts with ``text`` (found in the article) and ``from``.
    """
    art = Article.build(title, paragraphs, source=source, url=url, published=published)
    for e in entities:
        mentions = _mentions(art.text, e.get("forms", [e["name"]]), e["name"])
        art.entities.append(
            Entity(
                id=e["id"], type=e["type"], name=e["name"], first=e.get("first"), middle=e.get("middle"),
                last=e.get("last"), roles=list(e.get("roles", [])), mentions=mentions,
            )
        )
    for q in quotes:
        start, end = _spans(art.text, q["text"])[0]
        speaker = Speaker(q["speaker"], "PER" if q.get("entity") else "OTHER", q.get("entity")) if q.get("speaker") else None
        if speaker is not None and q.get("speaker_kind"):
            speaker.kind = q["speaker_kind"]  # a field of Speaker, or (before the model has it) an attribute of this one
        art.quotes.append(Quote(q.get("kind", "direct"), q["text"], start, end, speaker, q.get("cue"), q.get("via")))
    for d in dates:
        start, end = _spans(art.text, d["text"])[0]
        art.dates.append(DateMention(start, end, d["text"], d.get("from"), d.get("to", d.get("from"))))
    return art


@pytest.fixture
def article_factory():
    """``make_article`` as a fixture."""
    return make_article


# The statements every face shows the same way (issue 15): a reported statement with its cue,
# relaying outlet and speaker kind; an unattributed one (the outlet's own report); a direct
# quotation with markup in it; one deep in a sentence longer than its view.
STATEMENT_TEXTS = {
    "bridge": "мост закроют в мае",
    "park": "на него потратят 40 миллионов рублей",
    "markup": "Мы <script>alert(1)</script> готовы к зиме",
    "long": "работы продлятся до осени",
}


def statement_articles() -> list[Article]:
    """Four articles whose statements show their sentence, title, outlet, date and cue (see ``STATEMENT_TEXTS``)."""
    filler = ", ".join(f"на участке номер {i} заменят трубы и опоры" for i in range(12))
    return [
        make_article(
            "Мэрия Заречинска закроет Северный мост",
            ["Мост через Зарю обветшал за полвека.", "Глава Заречинска Павел Сорокин заявил, что мост закроют в мае, передает агентство Заречье. Ремонт займёт год."],
            source="Заречные вести", url="https://zv.example/most", published="2024-03-28",
            entities=[{"id": "T1", "type": "PER", "name": "Павел Сорокин", "first": "Павел", "last": "Сорокин"}],
            quotes=[{"text": STATEMENT_TEXTS["bridge"], "speaker": "Павел Сорокин", "entity": "T1", "kind": "indirect", "cue": "заявил",
                     "via": "агентство Заречье", "speaker_kind": "person"}],
        ),
        make_article(
            "В Заречинске откроют новый парк",
            ["Новый парк у реки откроют летом. По данным издания, на него потратят 40 миллионов рублей. Проект утвердили весной."],
            source="Вечерний Тест", url="https://vt.example/park", published="2024-03-29",
            quotes=[{"text": STATEMENT_TEXTS["park"], "kind": "indirect", "cue": "по данным"}],
        ),
        make_article(
            "Котельные <b>Заречинска</b> готовы к зиме",
            ["Директор теплосети Анна Белова сказала: «Мы <script>alert(1)</script> готовы к зиме». Отопление дадут в октябре."],
            source="Речной курьер", url="https://rk.example/teplo", published="2024-03-30",
            entities=[{"id": "T1", "type": "PER", "name": "Анна Белова", "first": "Анна", "last": "Белова"}],
            quotes=[{"text": STATEMENT_TEXTS["markup"], "speaker": "Анна Белова", "entity": "T1", "cue": "сказала"}],
        ),
        make_article(
            "Водоканал Заречинска заменит трубы",
            [f"Первый абзац о городе. В водоканале сообщили, что {filler}, а работы продлятся до осени, {filler}. Последняя фраза."],
            source="Заречные вести", url="https://zv.example/truby", published="2024-03-31",
            entities=[{"id": "T1", "type": "ORG", "name": "водоканал", "forms": ["водоканале"]}],
            quotes=[{"text": STATEMENT_TEXTS["long"], "speaker": "водоканал", "entity": "T1", "kind": "indirect", "cue": "сообщили",
                     "speaker_kind": "organisation"}],
        ),
    ]
