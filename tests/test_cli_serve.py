"""`lsq-mock serve` as a real subprocess: prints its URL, serves, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from conftest import BULK_UPDATE

from mockserver.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

ROOT = Path(__file__).resolve().parent.parent
SEED = "fixtures/seed-default.json"
URL_LINE = re.compile(r"listening on (http://127\.0\.0\.1:(\d+))")
STARTUP_SECONDS = 15


def _serve(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env.pop("PYTHONUNBUFFERED", None)  # the URL line must be flushed by the CLI itself
    return subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """Wait for the process to exit; kill it (and fail) if it does not in time."""
    try:
        return process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise


def _read_url(process: subprocess.Popen[str]) -> str:
    """Read stdout until the line with the URL, with a deadline (a hung server fails the test)."""
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = URL_LINE.search(line)
            if match:
                found.append(match.group(1))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(STARTUP_SECONDS)
    assert found, "no URL line on stdout"
    return found[0]


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = _serve("--port", "0", "--seed", SEED)
    try:
        yield process, _read_url(process)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def test_serve_answers_and_stops_on_sigterm(served: tuple[subprocess.Popen[str], str]) -> None:
    process, url = served
    assert not url.endswith(":0")
    answer = requests.post(
        url + BULK_UPDATE,
        params={"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY},
        json=[
            {
                "ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b",
                "Fields": [{"SchemaName": "mx_Custom_1", "Value": "from the CLI test"}],
            }
        ],
        timeout=5,
    )
    assert answer.status_code == 200
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    process.send_signal(signal.SIGTERM)
    out, err = _finish(process, 5)
    assert process.returncode == 0, err
    assert "lsq-mock stopped" in out
    assert "Traceback" not in err


def test_serve_prints_keys_and_seed_counts(served: tuple[subprocess.Popen[str], str]) -> None:
    process, _ = served
    process.send_signal(signal.SIGINT)
    out, _ = _finish(process, 5)
    assert process.returncode == 0
    assert f"accessKey={DEFAULT_ACCESS_KEY}" in out
    assert "3 activity types, 5 activities" in out
    assert "rate limit 25/5" in out


@pytest.mark.parametrize("value", ["abc", "5/0", "-1", "5/x", "5/nan", "1.5/5"])
def test_bad_rate_limit_is_a_usage_error(value: str) -> None:
    process = _serve("--port", "0", "--rate-limit", value)
    out, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode == 2
    assert "--rate-limit" in err
    assert "Traceback" not in err
    assert "listening" not in out


def test_missing_seed_file_is_a_usage_error() -> None:
    process = _serve("--port", "0", "--seed", "fixtures/no-such-seed.json")
    _, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode == 2
    assert "no such file" in err
    assert "Traceback" not in err


def test_busy_port_is_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = _serve("--port", str(port))
        out, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode not in (0, None)
    assert "Traceback" not in err
    assert f"cannot listen on 127.0.0.1:{port}" in err
    assert "listening on" not in out
