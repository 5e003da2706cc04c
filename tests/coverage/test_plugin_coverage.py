"""Contract coverage in a user's pytest run (pytester): exactly what their tests exercised, alone
and merged across xdist workers, printed, written as JSON, and held to a threshold."""

from __future__ import annotations

import json

import pytest

from lsq_mock.catalogue.behaviours import BEHAVIOURS
from lsq_mock.coverage.text import percent
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
SHARE = 100 * len(KNOWN_SUBSET) / len(BEHAVIOURS)


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
    assert (report["exercised"], report["total"]) == (len(KNOWN_SUBSET), len(BEHAVIOURS))
    assert (report["requests"], report["unread"]) == (4, 0)
    tests = {b["id"]: b["tests"] for b in report["behaviours"]}
    assert tests["bulk-update/500-injected"] == ["test_cov.py::test_server_error"]
    assert tests["bulk-update/200"] == ["test_cov.py::test_bulk_limit", "test_cov.py::test_update"]
    assert tests["create/200"] == []


def test_the_terminal_summary_says_what_was_exercised_and_how_to_do_the_rest(
    project: pytest.Pytester,
) -> None:
    result = project.runpytest(*UNRELATED_PLUGINS, "--lsq-mock-coverage")

    result.assert_outcomes(passed=4)
    lines = result.stdout.lines
    assert (
        f"lsq-mock contract coverage: 6 of {len(BEHAVIOURS)} behaviours exercised "
        f"({percent(SHARE)}) by 4 request(s)"
    ) in lines
    assert (
        "Bulk update (POST /v2/ProspectActivity.svc/Bulk/CustomActivity/Update): 4 of 26" in lines
    )
    assert "  [x] 200 with every row updated  (2)" in lines
    assert "  [x] 429 from the bulk APIs' limit  (1)" in lines
    assert (
        "  [ ] 429 from the account's limit -- how: lsq_mock.set_rate_limit(1), then two calls"
    ) in lines
    assert "API-wide: 2 of 15" in lines


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
