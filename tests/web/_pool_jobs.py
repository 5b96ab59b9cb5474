"""Jobs and a model loader for the analysis-pool tests, run in worker processes.

A module of its own, importing nothing heavy, so a test worker starts in a fraction of a
second (the real loader takes ~2 s and 200 MB). The worker imports it by name.
"""

from __future__ import annotations

import os
import time

from svodka.errors import InputError


def no_models() -> str:
    """A loader that loads nothing."""
    return "no models"


# Seconds ``slow_models`` takes to "load".
SLOW_LOAD_S = 3.0


def slow_models() -> str:
    """A loader that takes ``SLOW_LOAD_S`` (a worker still loading when its client leaves)."""
    time.sleep(SLOW_LOAD_S)
    return "slow models"


def echo(models, value):
    """The value back, with what the worker got as models and its process id."""
    return {"value": value, "models": models, "pid": os.getpid()}


def sleep(models, seconds: float, mark: str | None = None):
    """Sleep (a job that outlives its budget); writes its pid to ``mark`` first when given."""
    if mark:
        with open(mark, "w") as fh:
            fh.write(str(os.getpid()))
    time.sleep(seconds)
    return "slept"


def hog(models, megabytes: int):
    """Allocate ``megabytes`` and touch them (a job past the memory cap)."""
    block = bytearray(megabytes * 1024 * 1024)
    block[::4096] = b"x" * len(block[::4096])
    return len(block)


def bad_input(models, name: str):
    """Raise an InputError (status 400)."""
    raise InputError(name, "not a document")


def slow_analyze_items(models, items, bounds=None, label="request"):
    """Stands in for ``_jobs.analyze_items``: sleeps long enough to be stopped."""
    time.sleep(300)
    return [], [], len(items)
