"""Helpers shared by the package's process pools (not public API).

``die_with_parent``: the one rule for "a worker never outlives the process that started it",
used by the ingest pool (``svodka/ingest/job.py``) and the web server's analysis pool
(``svodka/web/_pool.py``).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

__all__ = ["die_with_parent"]

# prctl(2) option: the signal the kernel sends this process when its parent exits.
PR_SET_PDEATHSIG = 1
# Seconds between a worker's checks that its parent is alive (an orphan exits within this).
PARENT_CHECK_S = 1.0


def die_with_parent(parent: int, *, kernel_signal: bool = False) -> None:
    """Make this worker process exit when ``parent`` has gone, ``kill -9`` included.

    A daemon thread polls the parent id every ``PARENT_CHECK_S`` (whatever thread started the
    worker). With ``kernel_signal`` Linux also sends SIGKILL at once (``PR_SET_PDEATHSIG``);
    the kernel sends it when the *thread* that started the worker ends, so only a pool
    started from a thread that lives as long as its process may ask for it (the ingest
    does; the web server starts workers from short-lived threads). Without either, a killed
    ``svodka ingest`` left its workers running (~250 MB each, one pair for 20 minutes,
    issue 11). ``parent`` is passed in, not read in the child: a parent that dies before the
    child looks would otherwise be taken for the parent.
    """
    if kernel_signal and sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no prctl: the thread below still does it
            pass
    if os.getppid() != parent:  # gone before we looked
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
