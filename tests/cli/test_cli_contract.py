"""`lsq-mock check` and `lsq-mock conform`: contract checks any CI can run, as users run them."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from lsq_mock.cli import main
from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE
from support.system import require_command

ROOT = Path(__file__).resolve().parents[2]
CURL_CLIENT = r"""
set -euo pipefail
url="$1BULK_UPDATE"
shift
for value in "$@"; do
  curl -sf -o /dev/null -X POST "$url" -H 'Content-Type: application/json' \
    -H 'x-LSQ-AccessKey: u$rlsqmock0000000000000000000000000' \
    -H 'x-LSQ-SecretKey: lsqmocksecret00000000000000000000000000000' \
    -d "[{\"ProspectActivityId\": \"0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6\",
          \"Fields\": [{\"SchemaName\": \"mx_Custom_4\", \"Value\": \"$value\"}]}]"
done
""".replace("BULK_UPDATE", BULK_UPDATE)


@pytest.fixture
def served() -> Iterator[str]:
    """`python -m lsq_mock serve --port 0` in a subprocess; yields the URL it prints."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lsq_mock",
            "serve",
            "--port",
            "0",
            "--seed",
            "default",
            "--bulk-rate-limit",
            "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline() if process.stdout else ""
        assert first.startswith("lsq-mock listening on "), first
        yield first.removeprefix("lsq-mock listening on ").strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def run_curl_client(tmp_path: Path, url: str, *values: str) -> None:
    """The non-Python client under test: bash and curl, one request per DateTime value."""
    require_command("curl", "curl")
    script = tmp_path / "client.sh"
    script.write_text(CURL_CLIENT)
    subprocess.run(["bash", str(script), url, *values], check=True, timeout=30)


@pytest.mark.slow
def test_check_fails_ci_on_a_violation_and_writes_junit(served: str, tmp_path: Path) -> None:
    run_curl_client(tmp_path, served, "2026-11-20 11:00:00", "2026-11-20T11:00:00Z")
    report = tmp_path / "out.xml"
    result = subprocess.run(
        [sys.executable, "-m", "lsq_mock", "check", "--url", served, "--junit", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1, result.stderr
    assert "broke the LeadSquared API contract in 1 of 2 request(s)" in result.stdout
    assert f"request #2 POST {BULK_UPDATE} -> 200" in (result.stdout)
    assert "row 1  $[0].Fields[0].Value  [datetime-format]" in result.stdout
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure is not None
    assert cases[1].get("name") == (f"request #2 POST {BULK_UPDATE} -> 200")
    assert failure.get("message", "").startswith("[datetime-format] DateTime must be UTC")
    assert "row 1  $[0].Fields[0].Value  [datetime-format]" in (failure.text or "")

    runner = CliRunner()
    assert runner.invoke(main, ["reset", "--url", served]).exit_code == 0
    run_curl_client(tmp_path, served, "2026-11-21 09:15:00")
    after_reset = runner.invoke(main, ["check", "--url", served])
    assert after_reset.exit_code == 1, "a reset must not erase the evidence"
    assert "broke the LeadSquared API contract in 1 of 3 request(s)" in after_reset.output
    assert "[datetime-format]" in after_reset.output

    assert runner.invoke(main, ["reset", "--url", served, "--forget-verdicts"]).exit_code == 0
    run_curl_client(tmp_path, served, "2026-11-21 09:15:00")
    clean = runner.invoke(main, ["check", "--url", served, "--junit", str(report)])
    assert clean.exit_code == 0, clean.output
    assert "lsq-mock: 1 request(s), nothing that fails the run" in clean.output
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("1", "0")


def test_check_says_when_no_emulator_answers() -> None:
    result = CliRunner().invoke(main, ["check", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the emulator at http://127.0.0.1:9" in result.output


@pytest.mark.slow
def test_conform_runs_the_kit_on_an_adapter_and_fails_ci() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests")}
    command = [sys.executable, "-m", "lsq_mock", "conform", "example_clients:naive_adapter"]
    result = subprocess.run(
        [*command, *UNRELATED_PLUGINS, "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "5 failed, 4 passed" in result.stdout
    assert "warning" not in (result.stdout + result.stderr).lower()
    assert "a row answered ActivityUpdated: false was not surfaced" in result.stdout


def test_conform_names_an_adapter_it_cannot_load() -> None:
    result = CliRunner().invoke(main, ["conform", "no_such_module_here:send"])
    assert result.exit_code == 1
    assert "cannot load the adapter no_such_module_here:send" in result.output
