"""Contract coverage in a user's pytest run (pytester): exactly what their tests exercised, alone
and merged across xdist workers, printed, written as JSON, and held to a threshold."""

from __future__ import annotations

import json
import re

import pytest

from lsq_mock.catalogue.behaviours import BEHAVIOURS, GROUPS, group_name
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.coverage.text import percent
from lsq_mock_contract.coverage_plugin import NEVER_SHOWN
from support.inner_pytest import UNRELATED_PLUGINS
from support.user_project import user_project

pytest_plugins = ["pytester"]

TESTS = """
from client import push, visit_time_row

def test_update(lsq_mock):
    push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
         [visit_time_row("2030-01-01 00:00:00")])

def test_server_error(lsq_mock):
    lsq_mock.fail_next(500)
    answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                  [visit_time_row("2030-01-01 00:00:00")])
    assert answer.status_code == 500

def test_bulk_limit(lsq_mock):
    for _ in range(2):  # the bulk APIs take 1 call in 5 s
        answer = push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                      [visit_time_row("2030-01-01 00:00:00")])
    assert answer.status_code == 429

def test_no_emulator():
    assert True
"""
KNOWN_SUBSET = {
    "bulk-update/200": 2,
    "bulk-update/batch-1": 2,
    "keys/headers": 2,
    "data-type/DateTime": 2,
    "bulk-update/500-injected": 1,
    "bulk-update/429-bulk": 1,
}
"""What TESTS exercise: two updates answered 200, one injected 500, one bulk-limit 429."""
IN_SCOPE = [b.id for b in BEHAVIOURS if "bulk-update" in b.endpoints]
"""What the coverage of TESTS is over: bulk update's behaviours and the API-wide ones about it
(the only endpoint they call)."""
SHARE = 100 * len(KNOWN_SUBSET) / len(IN_SCOPE)


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user project whose tests exercise KNOWN_SUBSET."""
    user_project(pytester).makepyfile(test_cov=TESTS)
    return pytester


def written(project: pytest.Pytester) -> dict:
    return json.loads((project.path / "coverage.json").read_text())


def exercised(report: dict) -> dict[str, int]:
    return {b["id"]: b["count"] for b in report["behaviours"] if b["count"]}


@pytest.mark.parametrize(
    ("workers", "margin", "status"),
    [([], -0.01, pytest.ExitCode.OK), (["-n", "2"], 0.01, pytest.ExitCode.TESTS_FAILED)],
    ids=["alone-over-the-threshold", "xdist-under-it"],
)
def test_the_json_holds_exactly_what_the_tests_exercised(
    project: pytest.Pytester, workers: list[str], margin: float, status: pytest.ExitCode
) -> None:
    threshold = f"{SHARE + margin:.2f}"

    result = project.runpytest_subprocess(
        *UNRELATED_PLUGINS,
        *workers,
        *("--lsq-mock-coverage-json", "coverage.json"),
        *("--lsq-mock-coverage-fail-under", threshold),
    )

    result.assert_outcomes(passed=4)
    assert result.ret == status
    report = written(project)
    assert exercised(report) == KNOWN_SUBSET
    assert [b["id"] for b in report["behaviours"]] == IN_SCOPE
    assert (report["exercised"], report["total"]) == (len(KNOWN_SUBSET), len(IN_SCOPE))
    assert report["api"]["total"] == len(BEHAVIOURS)
    assert [(g["id"], g["calls"]) for g in report["groups"]] == [
        ("bulk-update", 4),
        ("API-wide", None),
    ]
    assert (report["requests"], report["unread"]) == (4, 0)
    tests = {b["id"]: b["tests"] for b in report["behaviours"]}
    assert tests["bulk-update/500-injected"] == ["test_cov.py::test_server_error"]
    assert tests["bulk-update/200"] == ["test_cov.py::test_bulk_limit", "test_cov.py::test_update"]
    assert tests["bulk-update/429-account"] == []


def coverage_section(result: pytest.RunResult) -> list[str]:
    """The lines of the run's coverage section, up to the next section or the run's last line."""
    lines = result.stdout.lines
    start = next(n for n, line in enumerate(lines) if "lsq-mock contract coverage" in line) + 1
    end = next(n for n in range(start, len(lines)) if lines[n].startswith(("===", "---")))
    while not lines[start]:  # pytest's blank line under the section's title
        start += 1
    return lines[start:end]


def test_the_terminal_summary_gives_totals_then_how_to_do_the_rest_on_one_screen(
    project: pytest.Pytester,
) -> None:
    result = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage")

    result.assert_outcomes(passed=4)
    section = coverage_section(result)
    assert section[:4] == [
        f"lsq-mock contract coverage: 6 of {len(IN_SCOPE)} behaviours exercised "
        f"({percent(SHARE)}) by 4 request(s) to the 1 endpoint called",
        f"  {group_name('bulk-update')}: 4 of 26, 4 call(s)",
        f"  API-wide: 2 of {len(IN_SCOPE) - 26}",
        f"  not called: {len(ENDPOINTS) - 1} endpoints, {len(BEHAVIOURS) - len(IN_SCOPE)} "
        "behaviours more (--lsq-mock-coverage-scope=api counts them)",
    ]
    assert (
        "  [ ] 429 from the account's limit -- how: lsq_mock.set_rate_limit(1), then two calls"
    ) in section
    assert section[-1] == (
        f"  ... and {len(IN_SCOPE) - 6 - NEVER_SHOWN} more (-v lists them all, "
        "--lsq-mock-coverage-json FILE keeps them)"
    )
    assert len(section) <= 24, "the summary fits a screen"
    named = [g for g in GROUPS if any(group_name(g) in line for line in section)]
    assert named == ["bulk-update", "API-wide"]


def test_verbose_lists_every_behaviour_never_exercised(project: pytest.Pytester) -> None:
    result = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage", "-v")

    section = coverage_section(result)
    never = [line for line in section if line.startswith("  [ ] ")]
    assert len(never) == len(IN_SCOPE) - len(KNOWN_SUBSET)
    assert not any(line.startswith("  ... and") for line in section)


def test_scope_api_measures_the_whole_api(project: pytest.Pytester) -> None:
    result = project.runpytest(
        *UNRELATED_PLUGINS,
        *("--lsq-mock-coverage", "--lsq-mock-coverage-scope", "api"),
        *("--lsq-mock-coverage-json", "coverage.json"),
    )

    result.assert_outcomes(passed=4)
    whole = 100 * len(KNOWN_SUBSET) / len(BEHAVIOURS)
    assert coverage_section(result)[0] == (
        f"lsq-mock contract coverage: 6 of {len(BEHAVIOURS)} behaviours exercised "
        f"({percent(whole)}) by 4 request(s), over the whole API"
    )
    creates = sum(1 for behaviour in BEHAVIOURS if behaviour.endpoint == "create")
    assert f"  {group_name('create')}: 0 of {creates}, never called" in coverage_section(result)
    report = written(project)
    assert (report["scope"], report["total"]) == ("api", len(BEHAVIOURS))


def test_fail_under_fails_the_run_below_the_threshold_and_passes_at_it(
    project: pytest.Pytester,
) -> None:
    at, above = f"{SHARE:.2f}", f"{SHARE + 0.01:.2f}"
    shown_at, shown_above = f"{float(at):g}", f"{float(above):g}"

    reached = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage-fail-under", at)
    missed = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage-fail-under", above)

    assert reached.ret == pytest.ExitCode.OK
    assert f"lsq-mock contract coverage reached: required {shown_at}%, got {percent(SHARE)}" in (
        reached.stdout.lines
    )
    missed.assert_outcomes(passed=4)
    assert missed.ret == pytest.ExitCode.TESTS_FAILED
    assert (
        f"lsq-mock contract coverage FAILED: not reached: required {shown_above}%, "
        f"got {percent(SHARE)}"
    ) in missed.stdout.lines


@pytest.mark.parametrize("threshold", ["150", "-5", "lots"])
def test_a_threshold_that_is_not_a_percentage_is_a_usage_error(
    project: pytest.Pytester, threshold: str
) -> None:
    result = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage-fail-under", threshold)

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert any("--lsq-mock-coverage-fail-under" in line for line in result.stderr.lines)


def test_without_the_options_no_coverage_is_counted_or_printed(project: pytest.Pytester) -> None:
    result = project.runpytest(*UNRELATED_PLUGINS)

    result.assert_outcomes(passed=4)
    assert "contract coverage" not in result.stdout.str()


def test_the_teardown_report_gives_the_near_miss(pytester: pytest.Pytester) -> None:
    user_project(pytester).makepyfile(
        test_typo="""
        from client import push, ACTIVITY

        def test_typo(lsq_mock):
            field = {"SchemaName": "Visit Tme", "Value": "2030-01-01 00:00:00"}
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [{"ProspectActivityId": ACTIVITY, "Fields": [field]}])
        """
    )
    result = pytester.runpytest(*UNRELATED_PLUGINS)

    result.assert_outcomes(passed=1, errors=1)
    lines = result.stdout.lines
    assert any(
        line.startswith("    row 1  $[0].Fields[0].SchemaName  [unknown-field]  'Visit Tme' is")
        for line in lines
    )
    assert "        hint: did you mean 'mx_Custom_4' (Visit Time)?" in lines


OLD_PROJECT = """
import pytest
import requests

BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
TYPE = {
    "ActivityEvent": 310,
    "ActivityEventName": "Webinar",
    "Fields": [{"SchemaName": "mx_Custom_1", "DataType": "Number"}],
}
LEAD = "7e57c0de-0000-4000-8000-000000000001"  # a lead id of the suite's own


def activity(number):
    return {
        "ProspectActivityId": f"7e57c0de-0000-4000-8000-{number:012d}",
        "ActivityEvent": 310,
        "RelatedProspectId": LEAD,
        "Fields": {"mx_Custom_1": "0"},
    }


@pytest.fixture
def tenant(lsq_mock):
    lsq_mock.seed(activity_types=[TYPE], activities=[activity(n) for n in range(1, 4)])
    return lsq_mock


def attended(base_url, keys, ids, minutes, sleep):
    rows = [
        {"ProspectActivityId": i, "Fields": [{"SchemaName": "mx_Custom_1", "Value": minutes}]}
        for i in ids
    ]
    while True:
        answer = requests.post(base_url + BULK, params=keys, json=rows, timeout=5)
        if answer.status_code != 429:
            return answer
        sleep(5)


@pytest.mark.parametrize("minutes", ["10", "45"])
def test_attendance_is_recorded(tenant, minutes):
    keys = {"accessKey": tenant.access_key, "secretKey": tenant.secret_key}
    ids = [activity(n)["ProspectActivityId"] for n in range(1, 4)]
    for _ in range(2):
        answer = attended(tenant.base_url, keys, ids, minutes, tenant.advance_clock)
        assert answer.json()["Response"][2] == {"RowNumber": 3, "ActivityUpdated": True}
    assert tenant.activity(ids[0])["Fields"]["mx_Custom_1"] == minutes
"""
"""A suite written for lsq-mock 0.1: its own type, and activities on a lead id of its own."""


def test_a_suite_written_for_0_1_passes_and_is_measured_on_the_endpoint_it_calls(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_old=OLD_PROJECT)

    result = pytester.runpytest_subprocess(
        *UNRELATED_PLUGINS, "-n", "2", "--lsq-mock-coverage", "-W", "error"
    )

    result.assert_outcomes(passed=2)
    section = coverage_section(result)
    named = [e.id for e in ENDPOINTS if any(group_name(e.id) in line for line in section)]
    assert named == ["bulk-update"]
    others = ("Bulk add", "Create", "Retrieve", "GetActivityDetails", "ActivityTypes.Get")
    assert not [line for line in section if any(name in line for name in others)]
    head = re.match(r"lsq-mock contract coverage: (\d+) of (\d+) behaviours", section[0])
    assert head is not None and 0 < int(head[1]) <= int(head[2]) < len(BEHAVIOURS)
    assert len(section) <= 24
