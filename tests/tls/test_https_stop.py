"""`serve --https --proxy-port` stops promptly on SIGTERM, whatever its connections are doing:
idle kept-alive TLS, a call asleep in the app, a silent socket, an open tunnel."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from lsq_mock.tls.trust import CA_DIR_ENV
from support.paths import TYPES
from support.served import QUERY

ROOT = Path(__file__).resolve().parents[2]
STOP_DEADLINE_SECONDS = 2.0
"""Far above what stopping takes (milliseconds), far below the waits a stuck stop hits (5 s)."""
pytestmark = pytest.mark.slow


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or 0


def _call(ca: ssl.SSLContext, url: str, host: str, *, read: bool) -> ssl.SSLSocket:
    """A kept-alive TLS connection to `url` (a tunnel when `host` is the vendor's) that sent one
    call; its answer read (`read`) or still awaited."""
    raw = socket.create_connection(_address(url), timeout=5)
    if host == "api.leadsquared.com":
        raw.sendall(f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n".encode())
        assert raw.recv(4096).startswith(b"HTTP/1.1 200 ")
    connection = ca.wrap_socket(raw, server_hostname=host)
    connection.sendall(f"GET {TYPES}?{QUERY} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    if read:
        assert connection.recv(65536).startswith(b"HTTP/1.1 ")
    return connection


def test_sigterm_stops_an_https_server_and_its_proxy_at_once(tmp_path: Path, ca_dir: Path) -> None:
    ready_file = tmp_path / "ready.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env[CA_DIR_ENV] = str(ca_dir)
    command = [sys.executable, "-m", "lsq_mock", "serve", "--https", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--proxy-port", "0", "--ready-file", str(ready_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    held: list[socket.socket] = []
    try:
        waited = subprocess.run(
            [sys.executable, "-m", "lsq_mock", "wait", str(ready_file), "--pid", str(process.pid)],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert waited.returncode == 0, waited.stderr
        ready = json.loads(ready_file.read_text())
        ca = ssl.create_default_context(cafile=ready["ca_bundle"])
        held.append(_call(ca, ready["url"], "localhost", read=True))
        held.append(_call(ca, ready["proxy_url"], "api.leadsquared.com", read=True))
        held.append(socket.create_connection(_address(ready["url"]), timeout=5))
        held.append(socket.create_connection(_address(ready["proxy_url"]), timeout=5))
        held.append(_call(ca, ready["url"], "localhost", read=False))
        held.append(_call(ca, ready["proxy_url"], "api.leadsquared.com", read=False))

        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=STOP_DEADLINE_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        for connection in held:
            connection.close()

    assert process.returncode == 0, errors
    assert "Traceback" not in errors
