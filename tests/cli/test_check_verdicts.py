"""`lsq-mock check` reads the run's verdicts: a reset cannot erase the evidence, only a finding
of the contract fails the run by default, outcomes and calls of vendor APIs lsq-mock does not
emulate are listed, and `--fail-on` / `--expect` widen or narrow that, as issue 23 asks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lsq_mock import RateLimit, Settings
from lsq_mock.cli import main
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from support.calls import get, post
from support.paths import BULK_UPDATE, CREATE, TYPES
from support.running import Running, serving
from support.seeded import VISIT

NOT_EMULATED = "/v2/OpportunityManagement.svc/Capture"
"""A real vendor API (its page: Create an Opportunity) that lsq-mock does not serve."""


def check(running: Running, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--url", running.url, *args])


def bad_datetime(running: Running) -> None:
    """A contract finding: a DateTime with a 'T' and a zone (stored, but not as documented)."""
    row = {"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_4", "Value": "x"}]}
    row["Fields"][0]["Value"] = "2026-01-02T09:00:00Z"
    assert post(running, BULK_UPDATE, [row]).status_code == 200


def unknown_lead(running: Running) -> None:
    """An outcome finding: a valid Create on a lead the tenant does not hold (the logical 500)."""
    body = {"RelatedProspectId": "no-such-lead", "ActivityEvent": 203}
    assert post(running, CREATE, body).status_code == 500


def test_a_violation_then_a_reset_still_fails_the_run_naming_the_rule(running: Running) -> None:
    bad_datetime(running)
    assert CliRunner().invoke(main, ["reset", "--url", running.url]).exit_code == 0

    result = check(running)

    assert result.exit_code == 1, result.output
    assert "[datetime-format]" in result.output
    assert "request #1 POST" in result.output


def test_forgetting_the_verdicts_is_its_own_act(running: Running) -> None:
    bad_datetime(running)
    forgot = CliRunner().invoke(main, ["reset", "--url", running.url, "--forget-verdicts"])
    assert forgot.exit_code == 0, forgot.output

    result = check(running)

    assert result.exit_code == 0, result.output
    assert "lsq-mock: 0 request(s), nothing that fails the run" in result.output


def test_the_admin_route_forgets_them_too(running: Running) -> None:
    bad_datetime(running)
    answer = running.http.delete(
        running.url + "/_mock/verdicts", headers={"X-LSQ-Mock-Client": "t"}
    )
    assert answer.json() == {"status": "forgotten"}
    assert check(running).exit_code == 0
    assert running.emulator.journal.entries(), "the journal is not the verdicts' to forget"


def test_an_outcome_alone_passes_listed_and_fails_with_fail_on_outcome(running: Running) -> None:
    unknown_lead(running)

    default = check(running)
    widened = check(running, "--fail-on", "outcome")
    accepted = check(running, "--fail-on", "outcome", "--expect", "unknown-lead")

    assert default.exit_code == 0, default.output
    assert "also found, not failing the run" in default.output
    assert "(outcome)" in default.output and "[unknown-lead]" in default.output
    assert widened.exit_code == 1 and "[unknown-lead]" in widened.output
    assert accepted.exit_code == 0, accepted.output


def test_a_vendor_api_not_emulated_passes_listed_but_a_typo_fails(running: Running) -> None:
    answer = post(running, NOT_EMULATED, [{"Attribute": "mx_Custom_1", "Value": "x"}])
    assert answer.status_code == 404
    assert "lsq-mock does not emulate" in answer.json()["ExceptionMessage"]

    listed = check(running)
    assert listed.exit_code == 0, listed.output
    assert "(not-emulated)" in listed.output and "[not-emulated]" in listed.output
    assert check(running, "--fail-on", "all").exit_code == 1

    post(running, "/v2/ProspectActivity.svc/Bulk/CustomActivity/Updat", [])
    typo = check(running)
    assert typo.exit_code == 1, typo.output
    assert "[unknown-api]" in typo.output
    assert "did you mean POST /v2/ProspectActivity.svc/Bulk/CustomActivity/Update?" in typo.output


def test_an_unknown_expected_rule_is_refused_at_once(running: Running) -> None:
    result = check(running, "--expect", "no-such-rule")
    assert result.exit_code == 2
    assert "unknown rule 'no-such-rule'" in result.output


def test_the_junit_report_fails_only_what_fails_the_run(running: Running, tmp_path: Path) -> None:
    bad_datetime(running)
    unknown_lead(running)
    report = tmp_path / "check.xml"

    assert check(running, "--junit", str(report)).exit_code == 1

    suite = ET.parse(report).getroot().find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("2", "1")
    contract, outcome = suite.findall("testcase")
    failure = contract.find("failure")
    assert failure is not None and failure.get("type") == "contract"
    assert outcome.find("failure") is None
    listed = outcome.find("system-out")
    assert listed is not None and "[unknown-lead]" in (listed.text or "")
    assert f"inspect: {running.url}/_mock/ui/#/requests/2" in (listed.text or "")


@pytest.mark.parametrize("kind", ["contract", "outcome", "not-emulated"])
def test_each_kind_is_in_the_verdicts_json(running: Running, kind: str) -> None:
    {"contract": bad_datetime, "outcome": unknown_lead}.get(
        kind, lambda r: post(r, NOT_EMULATED, [])
    )(running)
    [verdict] = running.http.get(running.url + "/_mock/verdicts").json()["verdicts"]
    assert {finding["kind"] for finding in verdict["findings"]} == {kind}
    assert shipped_schemas().first_violation("verdict", verdict, "verdict") is None
    assert verdict["request"] == 1 and verdict["verdict"] == 1


def test_verdicts_outlive_resets_and_a_reset_can_forget_them(running: Running) -> None:
    unknown_lead(running)
    running.emulator.reset()
    unknown_lead(running)
    assert [v.request for _, v in running.emulator.verdicts.numbered_after(0)] == [1, 2]
    running.emulator.reset(forget_verdicts=True)
    assert running.emulator.verdicts.numbered_after(0) == []


def test_links_follow_the_inspect_url_template(
    running: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In CI the emulator's own page is gone once the job ends: LSQ_MOCK_INSPECT_URL points the
    links at a place of the user's (an artifact), `{number}` the request, `{url}` the emulator."""
    bad_datetime(running)
    monkeypatch.setenv("LSQ_MOCK_INSPECT_URL", "https://ci.example/job/7/lsq#{number}@{url}")

    result = check(running)

    assert result.exit_code == 1
    assert f"inspect: https://ci.example/job/7/lsq#1@{running.url}\n" in result.output
    assert "/_mock/ui/" not in result.output


FEW_VERDICTS = Settings(seed=default_seed_path(), bulk_rate_limit=RateLimit(0), journal_limit=5)
"""An emulator that keeps only five verdicts, so ten good calls crowd a bad one out."""


def flood(running: Running, calls: int = 10) -> None:
    """Good calls: enough to drop every older verdict from FEW_VERDICTS's log."""
    for _ in range(calls):
        assert get(running, TYPES).status_code == 200


def test_a_violation_crowded_out_by_good_calls_still_fails_the_run(tmp_path: Path) -> None:
    with serving(FEW_VERDICTS) as running:
        bad_datetime(running)
        flood(running)
        report = tmp_path / "lsq-mock.xml"

        result = check(running, "--junit", str(report))
        expected = check(running, "--expect", "datetime-format")

    assert result.exit_code == 1, result.output
    assert "were dropped from the verdicts before they were checked" in result.output
    assert "datetime-format x1" in result.output
    assert "--journal-limit" in result.output
    [dropped] = [
        c for c in ET.parse(report).iter("testcase") if c.get("name") == "dropped verdicts"
    ]
    assert "datetime-format x1" in dropped.find("failure").get("message")
    assert expected.exit_code == 0, expected.output


def test_good_calls_crowded_out_fail_nothing() -> None:
    with serving(FEW_VERDICTS) as running:
        flood(running)
        result = check(running)

    assert result.exit_code == 0, result.output
    assert "(5 older verdicts were dropped before this check)" in result.output
