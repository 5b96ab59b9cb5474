"""The ingest job: a worker that dies costs its batch, not the ingest."""

import os

from svodka.ingest import job
from svodka.model import Article, Document


class _Store:
    """Just enough of a store to count what the job writes."""

    def __init__(self):
        self.articles, self.rejected = [], []

    def add_articles(self, articles):
        self.articles.extend(articles)
        return type("R", (), {"stored": len(articles), "duplicates": 0})()

    def add_rejected(self, name, reason):
        self.rejected.append((name, reason))


def _fake_batch(docs, models=None):
    if any(d.text == "CRASH" for d in docs):
        os._exit(1)  # a worker dying as if killed by the OOM killer
    return [Article(text=d.text, title=d.text) for d in docs], []


def _no_models():
    pass


import pytest


@pytest.mark.parametrize("crash_at", [0, 2, 5])
def test_job_worker_death_rejects_its_batch_and_goes_on(monkeypatch, crash_at):
    _fake_batch.__module__, _fake_batch.__qualname__ = job.__name__, "analyze_batch"
    _no_models.__module__, _no_models.__qualname__ = job.__name__, "_init_worker"
    monkeypatch.setattr(job, "analyze_batch", _fake_batch)
    monkeypatch.setattr(job, "_init_worker", _no_models)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    texts = ["a", "b", "c", "d", "e"]
    texts.insert(crash_at, "CRASH")
    docs = [Document(text=t, path=f"{i}.txt") for i, t in enumerate(texts)]
    store = _Store()
    summary = job.ingest(docs, store, workers=2, batch_size=1)
    assert sorted(a.text for a in store.articles) == ["a", "b", "c", "d", "e"]
    assert [name for name, _ in store.rejected] == [f"{crash_at}.txt"]
    assert summary.rejected == 1 and summary.stored == 5
