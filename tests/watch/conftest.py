"""Watch fixtures: the synthetic feed server on loopback and a fresh archive on each backend.

The server's hosts (``*.feeds.test``) resolve to 127.0.0.1 through ``RESOLVER`` only, and the
watcher reaches them because the tests allow ``.feeds.test`` (``fetch_allow_private``).
PostgreSQL runs when ``SVODKA_TEST_DATABASE_URL`` is set (a schema per test, dropped after).
"""

from __future__ import annotations

import os
import uuid

import pytest

from svodka.store import open_store
from svodka.watch.testserver import FeedServer

# The PostgreSQL server for tests, as in tests/store/conftest.py.
PG_ENV = "SVODKA_TEST_DATABASE_URL"
# What the tests allow the poller to reach.
ALLOW = ".feeds.test"


@pytest.fixture
def feed_server():
    """A running, empty synthetic feed server; add feeds with ``feed_server.add(FeedSpec(...))``."""
    with FeedServer() as server:
        yield server


def pg_url() -> str:
    """The test PostgreSQL URL with a fresh schema, or a skip."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL watch tests skipped")
    return f"{url}{'&' if '?' in url else '?'}schema=svodka_test_{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["sqlite", "postgresql"])
def archive(request, tmp_path):
    """A fresh archive on each backend; the PostgreSQL schema is dropped afterwards."""
    st = open_store(tmp_path / "archive.db") if request.param == "sqlite" else open_store(pg_url())
    yield st
    if request.param == "postgresql":
        st.db.drop_schema()
    st.close()
