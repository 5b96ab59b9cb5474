"""The analysis pool: jobs run in worker processes that are bounded, timed, capped and stopped.

Each test starts its own small pool with a loader that loads nothing (a worker then starts
in well under a second); the jobs are in ``_pool_jobs``.
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from svodka.errors import InputError, LimitError
from svodka.web._pool import AnalysisPool

from . import _pool_jobs as jobs

# Generous bound, in seconds, for a worker to start or be stopped on a loaded 2-core machine.
SLOW = 30


@pytest.fixture
def pool():
    """One worker, a 2-second budget, no models."""
    p = AnalysisPool(workers=1, timeout=2, loader=jobs.no_models)
    yield p
    p.close()


def _alive(pid: int | None) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    if pid is None:
        return False
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _gone_within(pid: int | None, seconds: float = SLOW) -> bool:
    deadline = time.monotonic() + seconds
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_pool_runs_jobs_in_one_worker_that_loaded_once(pool):
    first = asyncio.run(pool.run(jobs.echo, ["a"]))
    second = asyncio.run(pool.run(jobs.echo, ["b"]))
    assert first["value"] == "a" and second["value"] == "b"
    assert first["models"] == "no models"
    assert first["pid"] == second["pid"] == pool.pids()[0] != os.getpid()


@pytest.mark.issue(11)
def test_pool_stops_a_job_past_its_budget_and_starts_a_fresh_worker(pool):
    asyncio.run(pool.run(jobs.echo, [0]))
    old = pool.pids()[0]
    started = time.monotonic()
    with pytest.raises(LimitError) as caught:
        asyncio.run(pool.run(jobs.sleep, [60], budget=0.5))
    assert caught.value.status == 504 and "0.5 s" in str(caught.value)
    assert time.monotonic() - started < SLOW
    assert _gone_within(old)
    assert pool.pids()[0] != old and pool.busy() == 0
    assert asyncio.run(pool.run(jobs.echo, ["again"]))["value"] == "again"


@pytest.mark.issue(11)
def test_pool_stops_a_job_whose_client_is_gone(pool, tmp_path):
    mark = tmp_path / "pid"
    left = []

    async def gone() -> bool:  # the client leaves once the job is running
        if mark.exists() and not left:
            left.append(time.monotonic())
        return bool(left)

    with pytest.raises(LimitError) as caught:
        asyncio.run(pool.run(jobs.sleep, [60, str(mark)], gone=gone, budget=SLOW * 2))
    assert caught.value.status == 499
    assert _gone_within(int(mark.read_text()))
    assert pool.pids()[0] != int(mark.read_text())


@pytest.mark.issue(11)
def test_pool_client_gone_before_its_job_was_sent_keeps_the_loading_worker():
    # Nothing ran yet: killing the worker would only cost the next request a model reload.
    pool = AnalysisPool(workers=1, timeout=SLOW, loader=jobs.slow_models)
    try:
        pool.start()
        loading = pool.pids()[0]

        async def gone() -> bool:
            return True

        with pytest.raises(LimitError) as caught:
            asyncio.run(pool.run(jobs.echo, ["never sent"], gone=gone))
        assert caught.value.status == 499
        assert pool.busy() == 0 and pool.pids()[0] == loading and _alive(loading)
        answer = asyncio.run(pool.run(jobs.echo, ["next"]))
        assert answer["pid"] == loading and answer["models"] == "slow models" and answer["value"] == "next"
    finally:
        pool.close()


@pytest.mark.issue(11)
def test_pool_full_is_503_with_retry_after(pool):
    async def both():
        slow = asyncio.create_task(pool.run(jobs.sleep, [1.0]))
        while pool.busy() == 0:
            await asyncio.sleep(0.01)
        try:
            await pool.run(jobs.echo, ["second"])
        finally:
            assert await slow == "slept"

    with pytest.raises(LimitError) as caught:
        asyncio.run(both())
    assert caught.value.status == 503 and caught.value.retry_after >= 1


@pytest.mark.issue(11)
def test_pool_memory_cap_is_413_and_a_fresh_worker():
    pool = AnalysisPool(workers=1, timeout=SLOW, memory_mb=300, loader=jobs.no_models)
    try:
        assert asyncio.run(pool.run(jobs.hog, [20])) == 20 * 1024 * 1024
        old = pool.pids()[0]
        with pytest.raises(LimitError) as caught:
            asyncio.run(pool.run(jobs.hog, [1000]))
        assert caught.value.status == 413 and "300 MB" in str(caught.value)
        assert _gone_within(old)
        assert asyncio.run(pool.run(jobs.hog, [20])) == 20 * 1024 * 1024
    finally:
        pool.close()


def test_pool_job_errors_keep_their_class_and_status(pool):
    with pytest.raises(InputError) as caught:
        asyncio.run(pool.run(jobs.bad_input, ["upload.bin"]))
    assert caught.value.status == 400 and str(caught.value) == "upload.bin: not a document"
    assert asyncio.run(pool.run(jobs.echo, [1]))["value"] == 1  # the worker goes on


def test_pool_without_workers_refuses_with_503():
    pool = AnalysisPool(workers=0, loader=jobs.no_models)
    with pytest.raises(LimitError) as caught:
        asyncio.run(pool.run(jobs.echo, [1]))
    assert caught.value.status == 503 and "analyze_workers" in str(caught.value)


def test_pool_close_stops_every_worker():
    pool = AnalysisPool(workers=2, loader=jobs.no_models)
    pool.start()
    pids = pool.pids()
    assert all(_alive(pid) for pid in pids)
    pool.close()
    assert all(_gone_within(pid) for pid in pids)


def test_pool_worker_import_leaves_the_store_and_models_out():
    """A spawned analysis worker imports ``svodka.web._pool`` (so ``svodka.web``) under a memory
    cap: the store (datasketch, numpy) must not come with it (the alerts and feeds routes once
    brought it, and a 300 MB worker could no longer allocate 20 MB)."""
    import subprocess
    import sys

    code = "import sys, svodka.web._pool; print(','.join(m for m in ('svodka.store', 'datasketch', 'numpy', 'natasha') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""
