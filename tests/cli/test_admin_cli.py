"""`lsq-mock requests` and `lsq-mock reset` against the fixture's server, run as subprocesses."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS
from support.cli import run_cli as lsq_mock
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow  # each test runs the CLI in a new Python process


def test_requests_prints_each_call_and_its_violations(running: Running) -> None:
    running.bulk_update(
        [
            {
                "ProspectActivityId": DEMO,
                "Fields": [{"SchemaName": "mx_Custom_4", "Value": "2016-09-18T12:12:12"}],
            }
        ]
    )
    running.http.post(running.url + BULK_UPDATE)

    done = lsq_mock("requests", "--url", running.url)

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"#1 POST {BULK_UPDATE} -> 200"
    assert lines[1].startswith("    $[0].Fields[0].Value  [datetime-format]  ")
    assert f"#2 POST {BULK_UPDATE} -> 401" in lines
    assert any("[auth]" in line and "Missing accessKey" in line for line in lines)


def test_requests_violations_only(running: Running) -> None:
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": [], "Extra": True}])

    only = lsq_mock("requests", "--url", running.url, "--violations")

    assert only.returncode == 0, only.stderr
    assert "#1 " not in only.stdout
    assert "#2 POST" in only.stdout
    assert "$[0].Extra" in only.stdout


def test_requests_says_more_than_the_count_once_counting_stopped(running: Running) -> None:
    sent = MAX_VIOLATIONS + MAX_COUNTED + 1  # values sent as numbers, not strings
    numbers = [{"SchemaName": "mx_Custom_2", "Value": n} for n in range(sent)]
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": numbers}])
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": numbers[:150]}])

    done = lsq_mock("requests", "--url", running.url, "--violations")

    assert done.returncode == 0, done.stderr
    more = [line.strip() for line in done.stdout.splitlines() if line.strip().startswith("...")]
    assert more == [
        # the store's repeats of one field are counted beside the schema's MAX_COUNTED
        f"... and more than {MAX_COUNTED + sent - 1} more not described",
        f"... and {150 - MAX_VIOLATIONS + 149} more not described",
    ]


def test_requests_as_json(running: Running) -> None:
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])
    running.bulk_update([{"ProspectActivityId": DEMO, "Fields": [], "Extra": True}])

    as_json = lsq_mock("requests", "--url", running.url, "--json")

    assert as_json.returncode == 0, as_json.stderr
    journal = json.loads(as_json.stdout)
    assert [entry["seq"] for entry in journal["requests"]] == [1, 2]
    assert journal["dropped"] == 0


def test_requests_reports_dropped_entries(running: Running) -> None:
    running.http.patch(running.url + "/_mock/config", json={"journal_limit": 2})
    for _ in range(3):
        running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])

    done = lsq_mock("requests", "--url", running.url)

    assert done.returncode == 0, done.stderr
    assert "(1 older requests dropped; limits 2 entries, 32 MiB)" in done.stdout


def test_requests_says_when_nothing_was_journaled(running: Running) -> None:
    done = lsq_mock("requests", "--url", running.url)

    assert done.returncode == 0, done.stderr
    assert done.stdout == "no request journaled\n"


def test_requests_says_when_no_kept_request_broke_the_contract(running: Running) -> None:
    running.http.patch(running.url + "/_mock/config", json={"journal_limit": 1})
    for _ in range(2):
        running.bulk_update([{"ProspectActivityId": DEMO, "Fields": []}])

    done = lsq_mock("requests", "--url", running.url, "--violations")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "no journaled request broke the contract",
        "(1 older requests dropped; limits 1 entries, 32 MiB)",
    ]


def test_reset_restores_the_seed_and_prints_the_counts(running: Running) -> None:
    running.http.post(running.url + "/_mock/reset", json={"empty": True})

    done = lsq_mock("reset", "--url", running.url)

    assert done.returncode == 0, done.stderr
    counts = running.emulator.store.counts()
    assert done.stdout.strip() == (
        f"reset: {counts['ActivityTypes']} activity types, {counts['Activities']} activities"
    )
    assert counts["Activities"] > 0


def test_reset_empty_empties_the_store(running: Running) -> None:
    done = lsq_mock("reset", "--url", running.url, "--empty")

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "reset: 0 activity types, 0 activities"
    assert running.emulator.store.counts() == {"ActivityTypes": 0, "Leads": 0, "Activities": 0}


@pytest.mark.parametrize("command", ["requests", "reset"])
def test_an_unreachable_url_exits_1_with_a_clear_message(command: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"

    done = lsq_mock(command, "--url", url)

    assert done.returncode == 1
    assert f"Error: cannot reach the emulator at {url}" in done.stderr
    assert "Traceback" not in done.stderr
