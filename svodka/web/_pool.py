"""Analysis in worker processes: a small pool that bounds, times and cancels analysis requests.

    pool = AnalysisPool(workers=2, timeout=30, memory_mb=2048)
    articles, failures = await pool.run(_jobs.analyze_items, [items], gone=request.is_disconnected)
    pool.close()

CPU-bound Python in a thread cannot be stopped: in the probe of issue 11 one 250 KB body held
a core for over 300 s and went on after its client had left, and 300 such bodies took the
server to 13 GB. So every analysis runs in a worker process that loads the models once. A
request takes a free worker or gets 503 with ``Retry-After`` at once (no queue to pile up);
when its client disconnects or its time budget runs out the worker is killed (SIGKILL: the
work stops at once, whatever it was doing) and a fresh one is started in its place. A client
that leaves before its job reached the worker (the worker still loading its models) only
frees the slot: there is no work to stop, and a reload costs seconds. Each
worker's address space is capped (``RLIMIT_AS``), so one document cannot take the machine's
memory: past the cap the request gets 413 and the worker is replaced.

Jobs are module-level functions ``job(models, *args)`` (pickled by name) returning picklable
values; a ``SvodkaError`` they raise comes back to the caller with its class and status.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from .. import errors
from .._private import die_with_parent
from ..errors import LimitError, SvodkaError

__all__ = ["AnalysisPool"]

log = logging.getLogger("svodka.web")

# Seconds between checks that the client is still there while a job runs: a disconnect
# stops the work within this (a check costs a few microseconds).
CHECK_S = 0.1
# Seconds a new worker may take to import svodka and load the models before it is given up
# (about 2 s on an idle 2-core machine; 120 leaves room for a machine under heavy load).
START_TIMEOUT_S = 120.0
# Seconds a refused client is told to wait (Retry-After): an ordinary analysis takes well
# under a second, so a worker is usually free again by then.
RETRY_AFTER_S = 2
# Status of the LimitError raised when the client has gone (nginx's "client closed request").
CLIENT_GONE = 499
# Exit status of a worker that ran out of memory (its heap may be in any state: it quits).
MEMORY_EXIT = 75
# Threads of the numeric libraries in a worker: one, so a worker uses one core and the
# pool's size is the number of cores analysis can take.
WORKER_THREADS = "1"


def _load_models() -> Any:
    """The NLP models (the default loader of a worker)."""
    from ..nlp.models import load_models

    return load_models()


def _worker_main(conn, memory_mb: int, loader: Callable[[], Any], parent: int) -> None:
    """A worker process: load the models, then run jobs from ``conn`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C of the server: the parent stops us
    die_with_parent(parent)  # polling only: workers are started from short-lived threads
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, WORKER_THREADS)
    models = loader()
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return  # the parent has gone or closed the pipe
        try:
            reply = ("ok", job(models, *args))
        except MemoryError:
            os._exit(MEMORY_EXIT)
        except SvodkaError as exc:
            reply = ("error", (type(exc).__name__, exc.name, exc.reason, int(exc.status)))
        except Exception as exc:  # a bug in the job: report it, keep the worker
            reply = ("error", ("StageError", None, f"analysis failed: {type(exc).__name__}: {exc}", 500))
        try:
            conn.send(reply)
        except MemoryError:
            os._exit(MEMORY_EXIT)
        except (OSError, ValueError):
            return


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context, memory_mb: int, loader: Callable[[], Any]) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, memory_mb, loader, os.getpid()), name="svodka-analysis", daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def kill(self) -> None:
        """Stop the process now (SIGKILL) and reap it."""
        try:
            self.process.kill()
            self.process.join(timeout=10)
        except (OSError, ValueError, AssertionError):
            pass
        self.conn.close()


class _Slot:
    """A place for one worker; ``busy`` while a request holds it."""

    def __init__(self) -> None:
        self.worker: _Worker | None = None
        self.busy = False


class AnalysisPool:
    """Up to ``workers`` analyses at once, each in its own process, cancellable and timed.

    Args:
        workers: worker processes; 0 disables analysis (every run gets 503).
        timeout: default time budget of one run, in seconds (``run(budget=...)`` overrides).
        memory_mb: address-space cap of a worker in MB; 0 for none.
        start_method: multiprocessing start method; "spawn" by default: a fork of a server
            with threads (uvicorn's, the thread pool's) is not safe.
        loader: a module-level function a worker calls once to get the ``models`` its jobs
            receive; default ``load_models`` (tests of the pool itself pass a cheaper one).
    """

    def __init__(
        self,
        workers: int = 2,
        timeout: float = 30.0,
        memory_mb: int = 2048,
        start_method: str = "spawn",
        loader: Callable[[], Any] = _load_models,
    ) -> None:
        self.timeout = float(timeout)
        self.memory_mb = int(memory_mb)
        self._loader = loader
        self._context = multiprocessing.get_context(start_method)
        self._slots = [_Slot() for _ in range(max(0, int(workers)))]
        self._lock = threading.Lock()  # slots are taken from the event loop and from start()
        self._closed = False
        self._finalizer = weakref.finalize(self, AnalysisPool._kill_all, self._slots)

    @property
    def size(self) -> int:
        """How many analyses may run at once."""
        return len(self._slots)

    def pids(self) -> list[int | None]:
        """Process ids of the current workers (None where none is started)."""
        return [s.worker.pid if s.worker else None for s in self._slots]

    def busy(self) -> int:
        """How many workers are running a job now."""
        return sum(s.busy for s in self._slots)

    def start(self) -> None:
        """Start every worker now (they load their models in the background)."""
        with self._lock:
            for slot in self._slots:
                if slot.worker is None or not slot.worker.process.is_alive():
                    slot.worker = _Worker(self._context, self.memory_mb, self._loader)

    def close(self) -> None:
        """Stop every worker; later runs get 503."""
        self._closed = True
        self._finalizer()

    @staticmethod
    def _kill_all(slots: list[_Slot]) -> None:
        for slot in slots:
            if slot.worker is not None:
                slot.worker.kill()
                slot.worker = None

    async def run(
        self,
        job: Callable[..., Any],
        args: list[Any] | tuple[Any, ...] = (),
        *,
        gone: Callable[[], Awaitable[bool]] | None = None,
        budget: float | None = None,
    ) -> Any:
        """Run ``job(models, *args)`` in a free worker and return its result.

        Args:
            job: a module-level function (pickled by name).
            args: its arguments after the models (picklable).
            gone: an async check that the client has disconnected (``request.is_disconnected``).
            budget: seconds the job may run (default ``timeout``), not counting a new
                worker's start.

        Raises:
            LimitError: 503 (every worker busy, with ``retry_after``; analysis disabled),
                504 (budget spent), 413 (the worker's memory cap), 499 (client gone),
                500 (the worker died). The worker is replaced in every case but 503 (all busy)
                and 499 before the job was sent (the worker goes on loading, for the next).
            SvodkaError: what the job raised, with its status.
        """
        slot = self._take()
        sent = False  # from the moment the job may be in the worker, only a kill stops it
        try:
            worker = slot.worker
            if not worker.ready:
                await self._wait(worker, START_TIMEOUT_S, gone, starting=True)
                worker.ready = True
            sent = True
            try:
                await asyncio.to_thread(worker.conn.send, (job, tuple(args)))
            except (OSError, EOFError):  # it died between jobs
                raise LimitError(None, "the analysis worker died before the job reached it; retry", status=503, retry_after=RETRY_AFTER_S) from None
            kind, value = await self._wait(worker, self.timeout if budget is None else budget, gone)
        except LimitError as exc:
            if not sent and exc.status == CLIENT_GONE:
                self._release(slot)  # nothing to stop: the worker (still loading) stays for the next request
            else:
                self._replace(slot)  # killed mid-job (or it never started): a fresh worker takes its place
            raise
        except BaseException:
            self._replace(slot)
            raise
        self._release(slot)
        if kind == "ok":
            return value
        cls_name, name, reason, status = value
        cls = getattr(errors, cls_name, SvodkaError)
        err = (cls if isinstance(cls, type) and issubclass(cls, SvodkaError) else SvodkaError)(name, reason)
        err.status = status  # the job's own status (a subclass's default, or one set on the error)
        raise err

    def _take(self) -> _Slot:
        """A free slot with a live worker (started here if needed); 503 when none is free."""
        with self._lock:
            if self._closed or not self._slots:
                raise LimitError(None, "analysis is disabled on this server (analyze_workers = 0)", status=503)
            for slot in self._slots:
                if not slot.busy:
                    slot.busy = True
                    if slot.worker is None or not slot.worker.process.is_alive():
                        if slot.worker is not None:
                            slot.worker.kill()
                        slot.worker = _Worker(self._context, self.memory_mb, self._loader)
                    return slot
        raise LimitError(None, f"all {len(self._slots)} analysis workers are busy; retry in {RETRY_AFTER_S} s", status=503, retry_after=RETRY_AFTER_S)

    def _release(self, slot: _Slot) -> None:
        with self._lock:
            slot.busy = False

    def _replace(self, slot: _Slot) -> None:
        """Kill the slot's worker and start a fresh one (it loads its models while idle)."""
        with self._lock:
            if slot.worker is not None:
                log.info("analysis worker %s stopped", slot.worker.pid)
                slot.worker.kill()
            slot.worker = None if self._closed else _Worker(self._context, self.memory_mb, self._loader)
            slot.busy = False

    async def _wait(self, worker: _Worker, seconds: float, gone, starting: bool = False) -> tuple[str, Any]:
        """The worker's next message, watching the client and the clock meanwhile."""
        loop = asyncio.get_running_loop()
        readable = asyncio.Event()
        fd = worker.conn.fileno()
        loop.add_reader(fd, readable.set)
        deadline = loop.time() + seconds
        try:
            while not readable.is_set():
                if gone is not None and await gone():
                    raise LimitError(None, "the client closed the connection; the analysis was stopped", status=CLIENT_GONE)
                left = deadline - loop.time()
                if left <= 0:
                    if starting:
                        raise LimitError(None, f"the analysis worker did not start within {seconds:g} s", status=503, retry_after=RETRY_AFTER_S)
                    raise LimitError(None, f"the analysis took over {seconds:g} s and was stopped; send a shorter document", status=504)
                try:
                    await asyncio.wait_for(readable.wait(), min(CHECK_S, left))
                except asyncio.TimeoutError:
                    pass
        finally:
            loop.remove_reader(fd)
        try:
            return await asyncio.to_thread(worker.conn.recv)
        except (EOFError, OSError):
            worker.process.join(timeout=10)
            code = worker.process.exitcode
            if code == MEMORY_EXIT or code == -signal.SIGSEGV:
                raise LimitError(None, f"the analysis needed more than the {self.memory_mb} MB a worker may use; send a shorter document", status=413) from None
            raise LimitError(None, f"the analysis worker died (exit status {code}); the server log may say more", status=500) from None
