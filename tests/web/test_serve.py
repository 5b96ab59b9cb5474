"""``svodka serve`` as a user meets it: it binds before it says where it serves, and a busy
port is one line and exit 1 (it used to print "serving ... at" and then fail with a traceback)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from svodka.errors import ConfigError
from svodka.web._server import bind

from .conftest import ROOT

# Seconds a server may take to start and answer on a loaded 2-core machine.
START_BOUND = 60


def _line_within(stream, seconds: float) -> str:
    """The next line of ``stream``, or AssertionError when none comes within ``seconds``.

    A plain ``readline()`` waits for ever on a server that never prints.
    """
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    assert got, f"no line within {seconds:g} s"
    return got[0].decode()


@pytest.fixture
def busy_port():
    """A port something else listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


@pytest.mark.issue(11)
def test_serve_busy_port_is_one_line_and_exit_1(tmp_path, busy_port):
    out = subprocess.run(
        [sys.executable, "-m", "svodka", "serve", "--db", str(tmp_path / "x.db"), "--port", str(busy_port)],
        capture_output=True, cwd=ROOT, timeout=START_BOUND, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    err = out.stderr.decode()
    assert out.returncode == 1, err
    assert err.splitlines() == [f"svodka: 127.0.0.1:{busy_port}: cannot listen: the port is in use (is another server running?); stop it or choose another --port"]


@pytest.mark.parametrize(
    "host, port, reason",
    [("127.0.0.1", None, "in use"), ("no-such-host.invalid", 0, "not an address"), ("192.0.2.1", 0, "not one of this machine's")],
)
def test_serve_bind_failures_are_config_errors(busy_port, host, port, reason):
    with pytest.raises(ConfigError, match=reason):
        bind(host, busy_port if port is None else port)


@pytest.mark.issue(11)
def test_serve_announces_the_bound_port_then_answers(tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "svodka", "serve", "--db", str(tmp_path / "x.db"), "--port", "0", "-s", "analyze_workers=0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        line = _line_within(server.stderr, START_BOUND)
        found = re.fullmatch(r"svodka: serving .*x\.db at http://127\.0\.0\.1:(\d+)/\n", line)
        assert found, line
        url = f"http://127.0.0.1:{found.group(1)}"
        deadline = time.monotonic() + START_BOUND
        while True:  # the port is bound before the line: connections queue until uvicorn accepts
            try:
                assert httpx.get(url + "/api/stats", timeout=START_BOUND).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_serve_line_within_is_bounded():
    read, write = os.pipe()
    try:
        started = time.monotonic()
        with os.fdopen(read, "rb", buffering=0) as silent, pytest.raises(AssertionError, match="no line"):
            _line_within(silent, 0.3)
        assert time.monotonic() - started < START_BOUND
    finally:
        os.close(write)


def _web_load():
    """bench/web_load.py as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("web_load", ROOT / "bench" / "web_load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.issue(11)
def test_web_load_serves_without_analysis_workers():
    # Two workers loading models would compete with the latency run for the 2 cores.
    command = _web_load().server_command("bench.db", 8123)
    assert command[command.index("-s") + 1] == "analyze_workers=0"


@pytest.mark.issue(11)
def test_web_load_kills_a_server_that_does_not_stop():
    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE,
    )
    try:
        assert _line_within(stubborn.stdout, START_BOUND) == "ready\n"  # SIGTERM is ignored from here
        _web_load().stop(stubborn, grace=0.5)
        assert stubborn.poll() is not None
    finally:
        if stubborn.poll() is None:
            stubborn.kill()
            stubborn.wait()
        stubborn.stdout.close()
