"""`lsq-mock serve` as a real subprocess: prints its URL, serves, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from lsq_mock.cli import main
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from support.paths import BULK_UPDATE
from support.served import read_banner

ROOT = Path(__file__).resolve().parents[2]
SEED = "fixtures/seed-default.json"
URL_LINE = re.compile(r"listening on (http://127\.0\.0\.1:(\d+))")
STARTUP_SECONDS = 15


def _serve(*args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env.pop("PYTHONUNBUFFERED", None)  # the URL line must be flushed by the CLI itself
    return subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", *args],
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


def _read_banner(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Read stdout up to the end of the start banner (deadline-bound); return (url, banner)."""
    banner = read_banner(process)
    match = URL_LINE.search(banner)
    assert match, f"no URL line on stdout: {banner!r}"
    return match.group(1), banner


@pytest.fixture
def served() -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """A started `serve` process, its URL and its start banner."""
    process = _serve("--port", "0", "--seed", SEED)
    try:
        yield (process, *_read_banner(process))
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.mark.slow
def test_serve_answers_and_stops_on_sigterm(
    served: tuple[subprocess.Popen[str], str, str],
) -> None:
    process, url, _ = served
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


@pytest.mark.slow
def test_serve_prints_keys_and_seed_counts(
    served: tuple[subprocess.Popen[str], str, str],
) -> None:
    process, _, banner = served
    assert f"accessKey={DEFAULT_ACCESS_KEY}" in banner
    assert "rate limits 25/5 (account), 1/5 (bulk APIs)" in banner
    assert "3 activity types, 4 leads, 5 activities" in banner
    process.send_signal(signal.SIGINT)
    out, _ = _finish(process, 5)
    assert process.returncode == 0
    assert "lsq-mock stopped" in out


@pytest.mark.slow
def test_bad_rate_limit_is_a_usage_error() -> None:
    process = _serve("--port", "0", "--rate-limit", "abc")
    out, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode == 2
    assert "--rate-limit" in err
    assert "Traceback" not in err
    assert "listening" not in out


@pytest.mark.parametrize("value", ["5/0", "-1", "5/x", "5/nan", "1.5/5", "5/-2"])
def test_bad_rate_limit_values_are_usage_errors_in_process(value: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--rate-limit", value])
    assert result.exit_code == 2, result.output
    assert "--rate-limit" in result.output
    assert "listening" not in result.output


@pytest.mark.slow
def test_missing_seed_file_is_a_usage_error() -> None:
    process = _serve("--port", "0", "--seed", "fixtures/no-such-seed.json")
    _, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode == 2
    assert "no such file" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_busy_port_is_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = _serve("--port", str(port))
        out, err = _finish(process, STARTUP_SECONDS)
    assert process.returncode == 1
    assert err.splitlines() == [
        f"Error: cannot listen on 127.0.0.1:{port}: the port is already in use"
    ]
    assert out == ""


@pytest.mark.slow
def test_an_open_admin_api_off_loopback_is_warned_about() -> None:
    process = _serve("--host", "0.0.0.0", "--port", "0")
    try:
        assert process.stdout is not None
        assert "listening on http://0.0.0.0:" in process.stdout.readline()
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = _finish(process, STARTUP_SECONDS)
    assert "is not loopback and the /_mock/ admin API has no token" in errors


@pytest.mark.slow
def test_an_admin_token_silences_the_warning() -> None:
    process = _serve("--host", "0.0.0.0", "--port", "0", "--admin-token", "t")
    try:
        assert process.stdout is not None
        assert "listening on" in process.stdout.readline()
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = _finish(process, STARTUP_SECONDS)
    assert "warning" not in errors


@pytest.mark.slow
def test_plan_and_disputed_answers_are_set_from_the_command_line() -> None:
    process = _serve(
        *("--port", "0", "--seed", SEED, "--plan", "pro", "--bulk-rate-limit", "2/5"),
        *("--unknown-lead-exception", "MXInvalidEntityReferenceException"),
        *("--retrieve-offset", "page-from-0"),
        *("--is-mx-exception", "true"),  # any letter case, as a shell user writes a boolean
    )
    try:
        url, banner = _read_banner(process)
        assert "rate limits 5/5 (account), 2/5 (bulk APIs)" in banner
        config = requests.get(f"{url}/_mock/config", timeout=5).json()
        assert config["rate_limit"] == {"calls": 5, "seconds": 5.0}
        assert config["plan"] == "pro"
        assert config["bulk_rate_limit"] == {"calls": 2, "seconds": 5.0}
        assert config["unknown_lead_exception"] == "MXInvalidEntityReferenceException"
        assert config["retrieve_offset"] == "page-from-0"
        assert config["is_mx_exception"] is True
    finally:
        process.send_signal(signal.SIGTERM)
        _finish(process, 10)


def test_plan_and_rate_limit_together_are_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["serve", "--plan", "pro", "--rate-limit", "3/5"])
    assert result.exit_code == 2
    assert "give --rate-limit or --plan, not both" in result.output


def test_serve_help_says_a_seed_holds_leads_too() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "Seed file of {ActivityTypes, Leads, Activities}" in " ".join(result.output.split())


def test_a_disputed_answer_outside_its_choices_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["serve", "--retrieve-offset", "pages"])
    assert result.exit_code == 2
    assert "'page', 'page-from-0', 'rows'" in result.output


def test_a_disputed_answers_choices_are_shown_as_spelled_and_as_its_default() -> None:
    """Taken in any letter case, but shown as the vendor spells them, like the default beside."""
    result = CliRunner().invoke(main, ["serve", "--help"], terminal_width=200)
    refused = CliRunner().invoke(main, ["serve", "--unknown-lead-exception", "nope"])

    choices = "[MXInvalidEntityException|MXInvalidEntityReferenceException]"
    assert f"--unknown-lead-exception {choices}" in result.output
    assert "[default: MXInvalidEntityException]" in result.output
    assert "'MXInvalidEntityException', 'MXInvalidEntityReferenceException'" in refused.output
