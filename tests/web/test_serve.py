"""``svodka serve`` as a user meets it: it binds before it says where it serves, and a busy
port is one line and exit 1 (it used to print "serving ... at" and then fail with a traceback)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from svodka.errors import ConfigError
from svodka.web.app import bind

from .conftest import ROOT

# Seconds a server may take to start and answer on a loaded 2-core machine.
START_BOUND = 60


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
        line = server.stderr.readline().decode()
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
        server.wait(timeout=30)
