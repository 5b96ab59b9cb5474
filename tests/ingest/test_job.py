"""The ingest job: every input accounted for, a dead worker costs only its input, workers die with the ingest."""

import os
import subprocess
import sys
import time

import pytest

from svodka.errors import InputError
from svodka.ingest import job
from svodka.model import Article, Document
from svodka.store import open_store

from ..hostile import GOOD_TEXT


class _Store:
    """Just enough of a store to count what the job writes."""

    def __init__(self):
        self.articles, self.rejected = [], []

    def add_articles(self, articles, documents=None):
        self.articles.extend(articles)
        return type("R", (), {"stored": len(articles), "duplicates": 0})()

    def add_rejected(self, name, reason, count=1):
        self.rejected.append((name, reason))

    def known_documents(self, urls, hashes):
        return set(), set()


def _fake_batch(docs, models=None, prepare=True, hashes=None, options=None):
    if any(d.text == "CRASH" for d in docs):
        os._exit(1)  # a worker dying as if killed by the OOM killer
    return job.BatchResult([Article(text=d.text, title=d.text) for d in docs], list(hashes or []), [])


def _no_models(parent=None):
    pass


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


# --------------------------------------------------------------------------- issue 11


def _inputs(tag: str = "") -> list:
    """One good document, one that cleans to nothing, one reader error standing for 3 records."""
    return [
        Document(text=GOOD_TEXT + tag, path=f"good{tag}.txt"),
        Document(text="", media_type="application/x-article", path=f"empty{tag}.jsonl:1"),
        InputError(f"bad{tag}.jsonl", "3 records: not JSON", count=3),
    ]


@pytest.mark.issue(11)
@pytest.mark.parametrize("workers, batch_size", [(1, 32), (1, 1), (2, 1)])
def test_job_every_input_accounted_for(tmp_path, models, workers, batch_size):
    # Before: in-process ingest (--workers 1, or one batch) read the errors of a lazy
    # generator before it ran: "read 3 / stored 1 / rejected 0", exit 0.
    store = open_store(str(tmp_path / "a.db"))
    try:
        summary = job.ingest(_inputs(), store, workers=workers, batch_size=batch_size, models=models)
        assert (summary.read, summary.stored, summary.duplicates, summary.rejected) == (5, 1, 0, 4)
        assert summary.balanced
        rows = store.rejected(limit=None)
        assert sorted((r["name"], r["count"]) for r in rows) == [("bad.jsonl", 3), ("empty.jsonl:1", 1)]
        assert store.stats()["rejected"] == 4
    finally:
        store.close()


@pytest.mark.issue(11)
def test_job_reingest_skips_documents_before_analysis(tmp_path, models, monkeypatch):
    store = open_store(str(tmp_path / "a.db"))
    try:
        docs = [Document(text=GOOD_TEXT, path="a.txt"), Document(text=GOOD_TEXT.replace("два года", "три года"), path="b.txt", url="https://example.test/b")]
        first = job.ingest(docs, store, workers=1, models=models)
        assert (first.stored, first.duplicates) == (2, 0)

        def no_analysis(batch, *args, **kwargs):
            raise AssertionError(f"analysed again: {[d.name for d in batch]}")

        monkeypatch.setattr(job, "analyze_batch", no_analysis)
        again = [
            Document(text="  " + GOOD_TEXT.replace("\n\n", "\n \n") + "\n", path="copy-of-a.txt"),  # same text, other spacing
            Document(text="other text at a known URL", path="c.txt", url="https://example.test/b"),
            Document(text=GOOD_TEXT, path="a.txt"),
        ]
        second = job.ingest(again, store, workers=1, models=models)
        assert (second.read, second.stored, second.duplicates, second.rejected) == (3, 0, 3, 0)
    finally:
        store.close()


@pytest.mark.issue(11)
def test_job_store_records_counts_every_input():
    # The Dask path: records analysed elsewhere, rejections may stand for many records.
    store = _Store()
    records = [
        {"article": Article(text="Текст", title="Заголовок").to_dict()},
        {"rejected": ["feed.jsonl", "12 records: not JSON", 12]},
        {"rejected": ["x.bin", "binary file"]},
    ]
    summary = job.store_records(records, store)
    assert (summary.read, summary.stored, summary.rejected) == (14, 1, 13) and summary.balanced


# A parent that starts a pool the way ingest does, then is killed with SIGKILL.
_ORPHAN_SCRIPT = """
import functools, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from svodka._private import die_with_parent
pool = ProcessPoolExecutor(max_workers=2, initializer=functools.partial(die_with_parent, kernel_signal=True), initargs=(os.getpid(),))
futures = [pool.submit(time.sleep, 120) for _ in range(2)]
time.sleep(1.0)
print(" ".join(str(p) for p in pool._processes), flush=True)
os.kill(os.getpid(), 9)
"""


@pytest.mark.issue(11)
def test_job_workers_die_with_their_parent():
    # Before: kill -9 of `svodka ingest --workers 2` left both workers running (~250 MB each).
    proc = subprocess.run([sys.executable, "-c", _ORPHAN_SCRIPT], capture_output=True, text=True, timeout=60)
    pids = [int(p) for p in proc.stdout.split()]
    assert len(pids) == 2, proc.stderr
    deadline = time.monotonic() + 10
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if _running(p)]
        time.sleep(0.1)
    assert not alive, f"workers {alive} outlived their killed parent"


def _running(pid: int) -> bool:
    """A live (not zombie) process."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[-1][:1] not in ("Z", "X")
    except FileNotFoundError:
        return False


@pytest.mark.issue(11)
def test_job_pool_workers_are_told_their_parent(monkeypatch):
    seen = {}

    class Pool:
        def __init__(self, max_workers, mp_context=None, initializer=None, initargs=()):
            seen["initargs"], seen["start"] = initargs, mp_context.get_start_method()
            raise RuntimeError("stop here")

    monkeypatch.setattr(job, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    with pytest.raises(RuntimeError):
        job.ingest([Document(text="a", path="a"), Document(text="b", path="b")], _Store(), workers=2, batch_size=1)
    # forked: under a fork server (Python 3.14's default) the parent check would kill every worker
    assert seen == {"initargs": (os.getpid(),), "start": "fork"}


@pytest.mark.issue(11)
def test_job_a_dead_worker_costs_only_the_input_that_killed_it(monkeypatch):
    _fake_batch.__module__, _fake_batch.__qualname__ = job.__name__, "analyze_batch"
    _no_models.__module__, _no_models.__qualname__ = job.__name__, "_init_worker"
    monkeypatch.setattr(job, "analyze_batch", _fake_batch)
    monkeypatch.setattr(job, "_init_worker", _no_models)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    texts = ["a", "b", "CRASH", "c", "d", "e", "f", "g"]
    docs = [Document(text=t, path=f"{i}.txt") for i, t in enumerate(texts)]
    store = _Store()
    summary = job.ingest(docs, store, workers=2, batch_size=4)
    assert sorted(a.text for a in store.articles) == ["a", "b", "c", "d", "e", "f", "g"]
    assert [name for name, _ in store.rejected] == ["2.txt"]
    assert summary.balanced and summary.rejected == 1


@pytest.mark.issue(11)
def test_job_copies_in_one_run_follow_their_original(tmp_path, models):
    # A copy waits for its original: a duplicate when it is stored, rejected with it when not
    # (before: counted as a duplicate of an article that was never stored).
    store = open_store(str(tmp_path / "a.db"))
    try:
        empty = Document(text="", media_type="application/x-article", path="empty.jsonl:1")
        empty_copy = Document(text="", media_type="application/x-article", path="empty.jsonl:2")
        docs = [Document(text=GOOD_TEXT, path="a.txt"), empty, Document(text=GOOD_TEXT, path="a-copy.txt"), empty_copy]
        summary = job.ingest(docs, store, workers=1, batch_size=4, models=models)  # copies in the same batch
        assert (summary.read, summary.stored, summary.duplicates, summary.rejected) == (4, 1, 1, 2)
        reasons = {r["name"]: r["reason"] for r in store.rejected(limit=None)}
        assert sorted(reasons) == ["empty.jsonl:1", "empty.jsonl:2"]
        assert reasons["empty.jsonl:2"].startswith("same document as empty.jsonl:1, which was rejected")
    finally:
        store.close()


class _PickyStore(_Store):
    """A store that cannot take one record (as the store could not take a lone surrogate)."""

    def add_articles(self, articles, documents=None):
        if any(a.text == "POISON" for a in articles):
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return super().add_articles(articles, documents)


@pytest.mark.issue(11)
def test_job_a_record_the_store_refuses_costs_only_itself(monkeypatch):
    # Found by `make fuzz`: one article the store could not encode lost its batch and ended
    # the ingest with a traceback.
    def fake_batch(docs, models=None, prepare=True, hashes=None, options=None):
        return job.BatchResult([Article(text=d.text, path=d.path) for d in docs], list(hashes), [])

    monkeypatch.setattr(job, "analyze_batch", fake_batch)
    docs = [Document(text=t, path=f"{t}.txt") for t in ("a", "POISON", "b")]
    store = _PickyStore()
    summary = job.ingest(docs, store, workers=1, batch_size=3, models=object())
    assert sorted(a.text for a in store.articles) == ["a", "b"]
    assert [name for name, _ in store.rejected] == ["POISON.txt"] and summary.balanced


@pytest.mark.issue(11)
def test_job_a_broken_database_still_stops_the_ingest(monkeypatch):
    from svodka.errors import StoreError

    class Full(_Store):
        def add_articles(self, articles, documents=None):
            raise StoreError("a.db", "database or disk is full")

    monkeypatch.setattr(job, "analyze_batch", lambda docs, *a, **k: job.BatchResult([Article(text="x")], ["h"], []))
    with pytest.raises(StoreError):
        job.ingest([Document(text="x", path="x.txt")], Full(), workers=1, models=object())
