"""What a client sent never makes lsq-mock's outputs ill-formed: a journaled path holding NUL or
ESC is escaped in `lsq-mock requests` and `lsq-mock check`, and the JUnit report stays XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lsq_mock.journal.junit import verdicts_to_junit
from lsq_mock.journal.report import printable
from support.cli import run_cli as lsq_mock
from support.running import Running

ROOT = Path(__file__).resolve().parents[2]
NASTY_PATH = "/v2/%00%1B[31mred%7F%C2%85"
"""Decoded: NUL, ESC (a terminal colour code), DEL and NEL, the C1 newline."""


@pytest.fixture
def nasty(running: Running) -> Running:
    """The fixture's server, with one call of a path full of control characters journaled."""
    answer = running.http.get(running.url + NASTY_PATH, params=running.keys, timeout=5)
    assert answer.status_code == 404
    assert "\x1b" in running.emulator.journal.entries()[-1]["path"]
    return running


def test_the_junit_report_of_control_characters_is_well_formed_xml(
    nasty: Running, tmp_path: Path
) -> None:
    report = tmp_path / "lsq.xml"

    finished = lsq_mock("check", "--url", nasty.url, "--junit", str(report))

    assert finished.returncode == 1, finished.stderr
    assert "\x1b" not in finished.stdout and "\\x1b[31mred" in finished.stdout
    case = ET.parse(report).getroot().find("testsuite/testcase")
    assert case is not None
    assert "\\x00\\x1b[31mred\\x7f\\x85" in case.attrib["name"]
    failure = case.find("failure")
    assert failure is not None and "\\x1b" in failure.attrib["message"]


def test_lsq_mock_requests_prints_control_characters_escaped(nasty: Running) -> None:
    finished = lsq_mock("requests", "--url", nasty.url)

    assert finished.returncode == 0, finished.stderr
    assert "/v2/\\x00\\x1b[31mred\\x7f\\x85 -> 404" in finished.stdout
    assert not any(char in finished.stdout for char in "\x00\x1b\x7f\x85")


def test_every_character_xml_forbids_is_escaped() -> None:
    forbidden = "".join(map(chr, [*range(0x20), 0xFFFE, 0xFFFF]))
    verdict = {"request": 1, "method": "GET", "path": forbidden, "status": 404, "findings": []}

    ET.fromstring(ET.tostring(verdicts_to_junit([verdict]).getroot()))
    assert printable("tab\there") == "tab\\x09here"
    assert printable("ok: é, 😀") == "ok: é, 😀"
