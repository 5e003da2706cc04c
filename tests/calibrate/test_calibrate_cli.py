"""`lsq-mock record` and `lsq-mock verify` as real subprocesses, against the stand-in tenant on
loopback: the recording holds no key, verify reports each planted difference and nothing else,
suggests the 401 setting, exits 1, and passes once the settings are applied and the rest
accepted; a write without --allow-writes never reaches the tenant."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from lsq_mock.tls.trust import default_ca_dir
from support.cli import run_cli
from support.paths import BULK_UPDATE, RETRIEVE
from support.recording import KEYS, planted_traffic
from support.seeded import LEAD, VISIT
from support.served import read_banner
from support.standin import (
    ACCESS_KEY,
    PLANTED,
    SECRET_KEY,
    ServedStandIn,
    key_spellings,
    serving_standin,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
LEDGER_TAG = re.compile(r"^    \[([\w-]+)\] ", re.M)


def lsq_mock(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=120, **kwargs)


@dataclass
class Recorder:
    url: str
    ca_bundle: Path
    process: subprocess.Popen[str]

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=15)
        return out


@contextmanager
def recording(target: str, out: Path, *args: str) -> Iterator[Recorder]:
    """`lsq-mock record --target TARGET --port 0 --out OUT ARGS` until the block ends."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lsq_mock",
            "record",
            "--target",
            target,
            "--port",
            "0",
            "--out",
            str(out),
            *args,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        banner = read_banner(process)
        url = re.search(r"listening on (\S+)", banner)
        assert url, f"no URL in {banner!r} (exit {process.poll()})"
        handle = Recorder(url.group(1), default_ca_dir() / "ca.pem", process)
        yield handle
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


@pytest.fixture
def standin() -> Iterator[ServedStandIn]:
    with serving_standin() as served:
        yield served


@pytest.fixture
def cassette(standin: ServedStandIn, tmp_path: Path) -> Path:
    path = tmp_path / "tenant.jsonl"
    with recording(standin.url, path, "--allow-writes") as recorder:
        planted_traffic(recorder.url, recorder.ca_bundle)
        printed = recorder.stop()
    assert "9 calls recorded, 0 writes refused" in printed
    return path


def ledger_ids(output: str) -> list[str]:
    """The ledger ids of the differences a verify report lists (before its suggestions)."""
    listed = output.split("Settings that remove differences", 1)[0]
    listed = listed.split("differences accepted", 1)[0] if "differences:" not in listed else listed
    return LEDGER_TAG.findall(listed.split("differences:", 1)[-1])


def test_the_cassette_holds_no_key_in_any_form(cassette: Path) -> None:
    text = cassette.read_text(encoding="utf-8")
    for key in (ACCESS_KEY, SECRET_KEY, "not-the-tenant-s-secret"):
        for spelling in key_spellings(key):
            assert spelling not in text, spelling
    assert all(json.loads(line) for line in text.splitlines())


def test_verify_reports_each_planted_difference_and_nothing_else(
    cassette: Path, tmp_path: Path
) -> None:
    junit, evidence = tmp_path / "verify.xml", tmp_path / "evidence.json"
    result = lsq_mock("verify", str(cassette), "--junit", str(junit), "--ledger-out", str(evidence))
    assert result.returncode == 1, result.stdout + result.stderr
    assert sorted(ledger_ids(result.stdout)) == sorted(PLANTED), result.stdout
    assert "--unauthorized-exception MXInvalidAccessDetailsException" in result.stdout
    assert 'Settings(unauthorized_exception="MXInvalidAccessDetailsException")' in result.stdout
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("9", "4")
    entries = {e["ledger"]: e for e in json.loads(evidence.read_text(encoding="utf-8"))["entries"]}
    assert {ledger for ledger, e in entries.items() if not e["agrees"]} == set(PLANTED)
    source = entries["401-body"]["source"]
    assert source.startswith('Observed("observed on your tenant (a stand-in on loopback), on 20')
    assert "MXInvalidAccessDetailsException" in source


def test_the_suggested_setting_removes_its_difference(cassette: Path) -> None:
    result = lsq_mock(
        "verify", str(cassette), "--unauthorized-exception", "MXInvalidAccessDetailsException"
    )
    assert result.returncode == 1
    assert sorted(ledger_ids(result.stdout)) == sorted(set(PLANTED) - {"401-body"}), result.stdout
    assert "Settings that remove differences" not in result.stdout


def test_the_printed_green_command_passes(cassette: Path) -> None:
    first = lsq_mock("verify", str(cassette))
    green = first.stdout.split("To go green:\n", 1)[1].splitlines()[0].strip()
    words = shlex.split(green)
    assert words[:3] == ["lsq-mock", "verify", str(cassette)]
    result = lsq_mock(*words[1:])
    assert result.returncode == 0, result.stdout
    assert "OK: the emulator answers every recorded call as the tenant did" in result.stdout
    assert "4 differences accepted" not in result.stdout  # the 401 is settled, not accepted
    assert "3 differences accepted (--accept):" in result.stdout


def test_a_write_without_allow_writes_never_reaches_the_tenant(
    standin: ServedStandIn, tmp_path: Path
) -> None:
    path = tmp_path / "read-only.jsonl"
    rows = [{"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "9"}]}]
    with recording(standin.url, path) as recorder:
        refused = requests.post(recorder.url + BULK_UPDATE, params=KEYS, json=rows, timeout=10)
        read = requests.post(
            recorder.url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10
        )
        printed = recorder.stop()
    assert refused.status_code == 403 and refused.json()["Status"] == "Error"
    assert read.status_code == 200
    assert standin.app.seen == [("POST", RETRIEVE)]
    assert "1 calls recorded, 1 writes refused" in printed
    result = lsq_mock("verify", str(path))
    assert result.returncode == 0, result.stdout
    assert "not replayed: 1 write refused while recording, 0 calls" in result.stdout


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--target", "https://example.com"], "not a LeadSquared API host"),
        (["--target", "http://api.leadsquared.com"], "https on port 443 only"),
    ],
)
def test_record_refuses_a_target_that_is_not_the_vendor_s(
    tmp_path: Path, args: list[str], problem: str
) -> None:
    result = lsq_mock("record", *args, "--out", str(tmp_path / "c.jsonl"), "--port", "0")
    assert result.returncode == 2 and problem in result.stderr
    assert not (tmp_path / "c.jsonl").exists()


def test_verify_says_what_is_wrong_with_a_file_that_is_not_a_cassette(tmp_path: Path) -> None:
    path = tmp_path / "not.jsonl"
    path.write_text('{"format": "something else"}\n', encoding="utf-8")
    result = lsq_mock("verify", str(path))
    assert result.returncode == 2 and "not an lsq-mock cassette" in result.stderr
    missing = lsq_mock("verify", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and "cannot be read" in missing.stderr
    unknown = lsq_mock("verify", str(path), "--accept", "no-such-entry")
    assert unknown.returncode == 2 and "not a fidelity ledger id" in unknown.stderr


def test_the_environment_of_the_tests_is_the_one_the_subprocesses_see() -> None:
    assert os.environ.get("LSQ_MOCK_CA_DIR")  # the conftest's CA, never the user's
