"""The plugin's verdicts, in a user's own pytest run: which kinds of finding fail a test (the
contract's and outcomes by default, `lsq_mock_fail_on` and the marker change it), a call of a
vendor API lsq-mock does not emulate fails nothing, and a failure is readable: identical
findings grouped by row, the inspector's link per request, a mismatched expectation naming
the rules that did fire."""

from __future__ import annotations

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.user_project import user_project

pytest_plugins = ["pytester"]

OUTCOME_TEST = """
import requests

CREATE = "/v2/ProspectActivity.svc/Create"

def test_posts_on_an_unknown_lead(lsq_mock):
    keys = {"accessKey": lsq_mock.access_key, "secretKey": lsq_mock.secret_key}
    body = {"RelatedProspectId": "no-such-lead", "ActivityEvent": 203}
    answer = requests.post(lsq_mock.url(CREATE), params=keys, json=body, timeout=5)
    assert answer.status_code == 500
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    return user_project(pytester)


def test_an_outcome_fails_a_strict_test_by_default(project: pytest.Pytester) -> None:
    project.makepyfile(test_outcome=OUTCOME_TEST)
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    assert "[unknown-lead]" in result.stdout.str()


def test_fail_on_contract_lets_an_outcome_pass(project: pytest.Pytester) -> None:
    project.makepyfile(test_outcome=OUTCOME_TEST)
    project.makeini("[pytest]\nlsq_mock_fail_on = contract\n")
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_the_marker_beats_the_ini_setting(project: pytest.Pytester) -> None:
    marked = OUTCOME_TEST.replace(
        "def test_posts",
        "import pytest\n\n@pytest.mark.lsq_mock(fail_on='outcome')\ndef test_posts",
    )
    project.makepyfile(test_outcome=marked)
    project.makeini("[pytest]\nlsq_mock_fail_on = contract\n")
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1, errors=1)


def test_a_wrong_fail_on_is_refused_naming_the_choices(project: pytest.Pytester) -> None:
    project.makepyfile(test_outcome=OUTCOME_TEST)
    project.makeini("[pytest]\nlsq_mock_fail_on = sometimes\n")
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(errors=1)
    assert "lsq_mock_fail_on = 'sometimes': choose one of contract, outcome, all" in (
        result.stdout.str()
    )


def test_a_vendor_api_not_emulated_fails_nothing_but_is_reported(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        test_opportunity="""
        import requests

        def test_captures_an_opportunity(lsq_mock):
            url = lsq_mock.url("/v2/OpportunityManagement.svc/Capture")
            answer = requests.post(url, json=[], timeout=5)
            assert answer.status_code == 404
            [finding] = lsq_mock.violations
            assert (finding["rule"], finding["kind"]) == ("not-emulated", "not-emulated")
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_a_failure_groups_rows_and_links_the_inspector(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_thirty="""
        from client import push, visit_time_row

        def test_thirty_bad_rows(lsq_mock):
            rows = [visit_time_row("2026-11-20T11:00:00Z") for _ in range(3)]
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key, rows)
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    output = result.stdout.str()
    # The report names the finding once for its three rows (pytest's own summary may repeat
    # the first line of the report, under CI=1 in full).
    assert "row 1  $[0].Fields[0].Value" not in output, output
    assert "rows 1, 2, 3  $[*].Fields[0].Value  [datetime-format]" in output
    result.stdout.fnmatch_lines(["*inspect: http://127.0.0.1:*/_mock/ui/#/requests/1"])


def test_a_mismatched_expectation_names_the_rules_that_fired(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_mismatch="""
        from client import push, visit_time_row

        def test_expects_the_wrong_rule(lsq_mock):
            with lsq_mock.expect_violations("invalid-value"):
                push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                     [visit_time_row("2026-11-20T11:00:00Z")])
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(failed=1, errors=1)
    assert (
        "expected the client to break ['invalid-value'], but no request did; "
        "the rules that fired were ['datetime-format']" in result.stdout.str()
    )


def test_the_failure_links_follow_the_inspect_url_template(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSQ_MOCK_INSPECT_URL", "https://ci.example/lsq/{number}")
    project.makepyfile(
        test_one="""
        from client import push, visit_time_row

        def test_one_bad_row(lsq_mock):
            push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
                 [visit_time_row("2026-11-20T11:00:00Z")])
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*inspect: https://ci.example/lsq/1"])


FEW_VERDICTS_CONFTEST = """
import pytest
from lsq_mock import Settings
from lsq_mock.resources import DEFAULT_SEED

@pytest.fixture(scope="session")
def lsq_mock_settings():
    return Settings(seed=DEFAULT_SEED, journal_limit=5)
"""
GOOD_CALLS = """
    for _ in range(10):
        types = requests.get(lsq_mock.url(TYPES), params=keys, timeout=5)
        assert types.status_code == 200
"""


def test_a_finding_crowded_out_of_the_verdicts_still_fails_the_test(
    project: pytest.Pytester,
) -> None:
    crowded = OUTCOME_TEST.replace(
        'CREATE = "', 'TYPES = "/v2/ProspectActivity.svc/ActivityTypes.Get"\nCREATE = "'
    )
    project.makeconftest(FEW_VERDICTS_CONFTEST)
    project.makepyfile(test_outcome=crowded + GOOD_CALLS)
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    assert "unknown-lead x1" in result.stdout.str()
    assert "larger journal_limit" in result.stdout.str()


def test_an_expected_finding_crowded_out_fails_nothing(project: pytest.Pytester) -> None:
    expected = OUTCOME_TEST.replace(
        'CREATE = "', 'TYPES = "/v2/ProspectActivity.svc/ActivityTypes.Get"\nCREATE = "'
    ).replace(
        "    answer = requests.post(",
        "    with lsq_mock.expect_violations('unknown-lead'):\n        answer = requests.post(",
    )
    project.makeconftest(FEW_VERDICTS_CONFTEST)
    project.makepyfile(test_outcome=expected + GOOD_CALLS)
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1)


NOT_EMULATED_CALLS = """
    for _ in range(1100):
        requests.post(lsq_mock.url("/v2/OpportunityManagement.svc/Capture"), params=keys, timeout=5)
"""


def test_a_finding_crowded_out_by_more_findings_than_are_remembered_still_fails(
    project: pytest.Pytester,
) -> None:
    """Past RECENT_DROPS dropped verdicts with findings (here of a kind that fails nothing), the
    test cannot be told it is clean: it fails, saying to raise the limit."""
    project.makeconftest(FEW_VERDICTS_CONFTEST)
    project.makepyfile(test_outcome=OUTCOME_TEST + NOT_EMULATED_CALLS)
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(passed=1, errors=1)
    assert "larger journal_limit" in result.stdout.str()
