"""The data model: JSON round-trips exactly; Article.build lays out text and blocks."""

import json

from hypothesis import given
from hypothesis import strategies as st

from svodka.model import Article, DateMention, Document, Entity, Mention, Quote, Role, Speaker

TEXT = st.text(max_size=40)
OPT_TEXT = st.none() | TEXT
INT = st.integers(min_value=0, max_value=10_000)

OPT_INT = st.none() | INT
roles = st.builds(
    Role,
    text=TEXT,
    start=OPT_INT,
    end=OPT_INT,
    head=OPT_TEXT,
    function=OPT_TEXT,
    sector=OPT_TEXT,
    adjectives=st.lists(TEXT, max_size=2),
    places=st.lists(TEXT, max_size=2),
    organisation=OPT_TEXT,
    rest=st.lists(TEXT, max_size=2),
    lemmas=st.lists(TEXT, max_size=3),
)
mentions = st.builds(Mention, start=INT, end=INT, text=TEXT, normal=TEXT, kind=st.sampled_from(["name", "role", "pronoun"]))
entities = st.builds(
    Entity,
    id=TEXT,
    type=st.sampled_from(["PER", "ORG", "LOC"]),
    name=TEXT,
    first=OPT_TEXT,
    middle=OPT_TEXT,
    last=OPT_TEXT,
    roles=st.lists(TEXT, max_size=3),
    mentions=st.lists(mentions, max_size=3),
    role_details=st.lists(roles, max_size=2),
)
dates = st.builds(DateMention, start=INT, end=INT, text=TEXT, from_=OPT_TEXT, to=OPT_TEXT, year=st.none() | INT, month=st.none() | INT, day=st.none() | INT, relative=st.booleans())
speakers = st.none() | st.builds(Speaker, name=TEXT, type=st.sampled_from(["PER", "ORG", "OTHER"]), entity=OPT_TEXT)
quotes = st.builds(Quote, kind=st.sampled_from(["direct", "indirect"]), text=TEXT, start=INT, end=INT, speaker=speakers, cue=OPT_TEXT, via=OPT_TEXT)
articles = st.builds(
    Article.build,
    OPT_TEXT,
    st.lists(TEXT, max_size=4),
    source=OPT_TEXT,
    url=OPT_TEXT,
    published=OPT_TEXT,
    views=st.none() | INT,
    boilerplate=st.lists(TEXT, max_size=3),
    entities=st.lists(entities, max_size=3),
    dates=st.lists(dates, max_size=2),
    quotes=st.lists(quotes, max_size=2),
    extras=st.dictionaries(st.text(max_size=5), st.none() | st.integers() | TEXT, max_size=2),
)
documents = st.builds(Document, data=st.none() | st.binary(max_size=50), text=OPT_TEXT, media_type=TEXT, path=OPT_TEXT, url=OPT_TEXT, fetched=OPT_TEXT, encoding=OPT_TEXT, meta=st.dictionaries(st.text(max_size=5), TEXT, max_size=2))


@given(articles)
def test_model_article_json_round_trip(article):
    assert Article.from_json(article.to_json()) == article
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


@given(documents)
def test_model_document_json_round_trip(doc):
    assert Document.from_json(doc.to_json()) == doc


def test_model_date_mention_serialises_range_as_from_to():
    data = DateMention(0, 5, "вчера", from_="2017-03-29", to="2017-03-29").to_dict()
    assert data["from"] == "2017-03-29" and "from_" not in data


def test_model_build_blocks_index_text():
    article = Article.build("Заголовок", ["Первый абзац.", "Второй абзац."])
    assert [article.text[b.start:b.end] for b in article.blocks] == ["Заголовок", "Первый абзац.", "Второй абзац."]
    assert article.lead == "Первый абзац."


def test_model_from_dict_copies_the_callers_containers():
    data = Article.build("Заголовок", ["Первый абзац.", "Второй абзац."], boilerplate=["Реклама"]).to_dict()
    article = Article.from_dict(data)
    article.paragraphs.append("Третий абзац.")
    article.boilerplate.clear()
    article.extras["x"] = 1
    assert data["paragraphs"] == ["Первый абзац.", "Второй абзац."] and data["boilerplate"] == ["Реклама"] and data["extras"] == {}
