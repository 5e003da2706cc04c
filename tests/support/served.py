"""`lsq-mock serve` in a subprocess, for black-box tests where the server (werkzeug or waitress)
and the command line matter: started on a free port, stopped with SIGTERM, its stderr kept."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
SERVERS = ("werkzeug", "waitress")
KEYS = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
QUERY = f"accessKey={DEFAULT_ACCESS_KEY}&secretKey={DEFAULT_SECRET_KEY}"
"""The default keys as a query string, for requests written by hand."""
STARTUP_SECONDS = 45
"""How long a started `lsq-mock serve` may take to listen: a second or so on a quiet machine,
much more on a CI runner busy with the other worker (only a failing start waits this long)."""


@dataclass
class Served:
    """A running `lsq-mock serve`: its URL and address; its stderr once it has stopped."""

    process: subprocess.Popen[str]
    url: str = ""
    stderr_lines: list[str] = field(default_factory=list)
    _stderr_reader: threading.Thread | None = None

    def read_stderr(self) -> None:
        """Keep reading stderr on a thread, so a chatty server never blocks on a full pipe."""
        stream = self.process.stderr
        assert stream is not None
        self._stderr_reader = threading.Thread(
            target=lambda: self.stderr_lines.extend(iter(stream.readline, "")), daemon=True
        )
        self._stderr_reader.start()

    @property
    def address(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80

    def raw(self, data: bytes, timeout: float = 5.0) -> bytes:
        """Send `data` on a new connection; the answer (see `raw_exchange`)."""
        return raw_exchange(self.address, data, timeout)

    def stop(self) -> str:
        """SIGTERM, wait, and return everything it wrote to stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._stderr_reader is not None:
            self._stderr_reader.join(5)
        if self.process.stderr is not None:
            self.process.stderr.close()
        return "".join(self.stderr_lines)


@contextmanager
def served(*args: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """`lsq-mock serve --port 0 ARGS`, with no LSQ_MOCK_* variable but those in `env`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", *args],
        cwd=ROOT,
        env={**environment, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    handle = Served(process)
    handle.read_stderr()
    try:
        handle.url = _url_line(process)
        yield handle
    finally:
        handle.stop()
        process.stdout.close()


def raw_exchange(address: tuple[str, int], data: bytes, timeout: float = 5.0) -> bytes:
    """Send `data` as it is on a new connection to `address`; return the answer, read up to its
    Content-Length or until the server closes (a hang fails the caller: the socket timeout is
    the guard)."""
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(data)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
            if _complete(answer):
                break
    return answer


def _complete(answer: bytes) -> bool:
    """Whether `answer` holds a whole HTTP response with a Content-Length."""
    head, found, body = answer.partition(b"\r\n\r\n")
    if not found:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def read_banner(process: subprocess.Popen[str], seconds: float = STARTUP_SECONDS) -> str:
    """What `lsq-mock serve` printed up to its banner's last line ("Ctrl-C to stop"), read on a
    thread so that a server that never starts fails the test instead of hanging it."""
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in iter(process.stdout.readline, ""):
            lines.append(line)
            if "Ctrl-C to stop" in line:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    return "".join(lines)


def _url_line(process: subprocess.Popen[str]) -> str:
    banner = read_banner(process)
    found = [line.split()[-1] for line in banner.splitlines() if "listening on" in line]
    assert found, f"lsq-mock serve did not start in {STARTUP_SECONDS} s (exit {process.poll()})"
    return found[0]
