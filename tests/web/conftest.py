"""Web fixtures: the sample corpus analysed once, stored once, and the app over it.

The archive is built once per session (``data/sample`` analysed with the session models,
~10 s) and shared read-only by the API, page, schema and browser tests. Tests that write
(ingest) use ``fresh_app``, an app over its own empty archive.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from svodka.model import Article

# The project root (tests/web/ is two levels down).
ROOT = Path(__file__).resolve().parents[2]
# The bearer token the test apps require on /api/ingest.
TOKEN = "test-token-1"

with warnings.catch_warnings():  # starlette's TestClient warns about httpx; not our concern here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient as _TestClient  # noqa: E402


class TestClient(_TestClient):
    """Starlette's TestClient, addressed to http://localhost: the app answers only its own host names."""

    __test__ = False  # not a test class

    def __init__(self, app, base_url: str = "http://localhost", **options) -> None:
        super().__init__(app, base_url=base_url, **options)


@pytest.fixture(scope="session")
def analysis():
    """One analysis worker shared by the test apps (it loads its models once, ~2 s)."""
    from svodka.web._pool import AnalysisPool

    pool = AnalysisPool(workers=1, timeout=120)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def sample_articles(models) -> list[Article]:
    """Every document of data/sample, cleaned and analysed (once per session)."""
    from svodka.ingest.readers import read_paths
    from svodka.pipeline import analyze_documents

    return list(analyze_documents(read_paths([str(ROOT / "data" / "sample")]), models=models, on_error=lambda e: None))


@pytest.fixture(scope="session")
def sample_db(sample_articles, tmp_path_factory) -> str:
    """URL of an SQLite archive holding the analysed sample corpus."""
    from svodka.store import open_store

    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'sample.db'}"
    with open_store(url) as store:
        store.add_articles([Article.from_dict(a.to_dict()) for a in sample_articles])
    return url


@pytest.fixture(scope="session")
def app(sample_db, models, analysis):
    """The app over the sample archive (ingest token ``TOKEN``; shares the session models and worker)."""
    from svodka.web import create_app

    return create_app(sample_db, api_token=TOKEN, models=models, analysis=analysis)


@pytest.fixture(scope="session")
def client(app):
    """A TestClient over ``app`` (server errors raise in the test)."""
    return TestClient(app)


@pytest.fixture
def fresh_app(tmp_path, models, analysis):
    """An app over a new empty archive, for tests that write."""
    from svodka.web import create_app

    return create_app(f"sqlite:///{tmp_path / 'fresh.db'}", api_token=TOKEN, models=models, analysis=analysis)


@pytest.fixture
def fresh_client(fresh_app):
    return TestClient(fresh_app)


@pytest.fixture(scope="session")
def person(app) -> dict:
    """The person quoted most in the sample archive (an entity dict)."""
    store = app.state.store
    people = store.entities(type="PER", limit=30)
    return max(people, key=lambda e: (len(store.quotes(speaker=e["id"], limit=50)), e["mentions"], -e["id"]))
