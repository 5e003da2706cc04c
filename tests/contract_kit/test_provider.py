"""The provider suite against the emulator, and its real-target mode against a second emulator."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from werkzeug.wrappers import Request, Response

from lsq_mock import MockServer, RateLimit, Settings
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path
from lsq_mock_contract.provider import ProviderContract
from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE
from support.rewriting import rewrite_answers

pytest_plugins = ["pytester"]

ACTIVITY = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"
LEAD = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
SUITE = """
from lsq_mock_contract.provider import ProviderContract

class TestTenant(ProviderContract):
    pass
"""


class TestTheEmulatorIsFaithful(ProviderContract):
    """The shipped suite, run as any user would: the default target is the emulator."""


def _html_not_found(request: Request, answer: Response) -> Response:
    if answer.status_code != 404:
        return answer
    return Response("<html><body>Not Found</body></html>", 404, content_type="text/html")


def _someone_else(request: Request, answer: Response) -> Response:
    """A tenant whose email lookup answers a lead other than the one asked for."""
    if not request.path.endswith("Leads.GetByEmailaddress"):
        return answer
    leads = json.loads(answer.get_data())
    for lead in leads:
        lead["ProspectID"] = "someone-else"
    return Response(json.dumps(leads), 200, content_type="application/json")


@pytest.fixture
def tenant() -> Iterator[MockServer]:
    """A second emulator playing the real tenant: no rate limit, the shipped seed."""
    with MockServer(
        Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))
    ) as server:
        yield server


@pytest.fixture
def suite(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user project holding the provider suite."""
    pytester.makepyfile(test_tenant=SUITE)
    return pytester


def real_options(server: MockServer, *extra: str) -> list[str]:
    """The command line that aims the suite at `server` as if it were a real tenant."""
    credential = server.emulator.settings.primary
    return [
        *UNRELATED_PLUGINS,
        "--lsq-base-url",
        server.url,
        "--lsq-access-key",
        credential.access_key,
        "--lsq-secret-key",
        credential.secret_key,
        "--lsq-activity-id",
        ACTIVITY,
        "--lsq-field",
        "mx_Custom_4=2026-11-20 10:30:00",
        "--lsq-field",
        "mx_Custom_6=Completed",
        "--lsq-datetime-field",
        "mx_Custom_4",
        "--lsq-dropdown-field",
        "mx_Custom_6",
        "--lsq-unlisted-option",
        "Pending",
        "--lsq-lead-id",
        LEAD,
        *extra,
    ]


def test_a_faithful_tenant_passes_and_keeps_its_data(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    before = tenant.emulator.store.activities()
    types_before = tenant.emulator.store.activity_types()
    leads_before = tenant.emulator.store.leads()
    result = suite.runpytest(*real_options(tenant, "-rs"))
    result.assert_outcomes(passed=52, skipped=9)
    result.stdout.fnmatch_lines(["*SKIPPED*spends the tenant's API quota*--lsq-spend-quota*"])
    result.stdout.fnmatch_lines(["*SKIPPED*leaves records on the tenant*--lsq-allow-writes*"])
    after = tenant.emulator.store.activities()
    assert [a["Fields"] for a in after] == [a["Fields"] for a in before]
    assert tenant.emulator.store.activity_types() == types_before
    assert tenant.emulator.store.leads() == leads_before
    lead_writes = [e for e in tenant.emulator.journal.entries() if "/Lead." in e["path"]]
    assert lead_writes == []
    touched = {event["ProspectActivityId"] for event in tenant.emulator.events.entries()}
    assert touched == {ACTIVITY}


def test_the_answer_to_a_post_on_an_unknown_lead_is_reported(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    before = tenant.emulator.store.activities()
    result = suite.runpytest(*real_options(tenant, "-rP", "-k", "post_on_an_unknown_lead"))
    result.assert_outcomes(passed=1)
    seen = "MXInvalidEntityException: Lead does not exist in the system"
    result.stdout.fnmatch_lines([f"{tenant.url} answers a post on an unknown lead with 500 {seen}"])
    assert tenant.emulator.store.activities() == before


def test_an_unknown_lead_answered_with_another_type_fails_naming_both_seen_live(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    tenant.emulator.faults.add(
        Fault(status=500, message="no", exception_type="MXInvalidInputException", path="Create")
    )
    result = suite.runpytest(*real_options(tenant, "-k", "post_on_an_unknown_lead"))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "  - ExceptionType 'MXInvalidInputException', not MXInvalidEntityException or "
            "MXInvalidEntityReferenceException"
        ]
    )


def test_the_write_checks_run_only_when_opted_in(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    writes = ("--lsq-allow-writes", "--lsq-lead-email", "priya.sharma@example.com")
    mandatory = ("--lsq-field", "mx_Custom_1=First visit")
    result = suite.runpytest(
        *real_options(tenant, *writes, *mandatory, "-k", "by_email or create_type")
    )
    result.assert_outcomes(passed=2)
    posted = [a for a in tenant.emulator.store.activities() if a["ActivityNote"]]
    assert posted[-1]["ActivityNote"] == "lsq-mock provider suite"
    assert posted[-1]["RelatedProspectId"] == LEAD
    names = [t["ActivityEventName"] for t in tenant.emulator.store.activity_types()]
    assert names[-1].startswith("lsq-mock provider suite ")


def test_the_lead_writes_run_only_when_opted_in(suite: pytest.Pytester, tenant: MockServer) -> None:
    writes = (
        "four_ways or another_lead_s_email or refuses_an_update_whole or update_of_an_unknown_lead"
        " or write_that_is_an_object"
    )
    result = suite.runpytest(*real_options(tenant, "--lsq-allow-writes", "-k", writes))
    result.assert_outcomes(passed=5)
    written = [
        lead
        for lead in tenant.emulator.store.leads()
        if str(lead.get("EmailAddress")).startswith("lsq-mock-provider-")
    ]
    assert [(lead["FirstName"], lead["LastName"], lead["Source"]) for lead in written] == [
        ("lsq-mock", "provider suite", "lsq-mock")
    ]
    assert tenant.emulator.store.lead(LEAD)["FirstName"] == "Priya"


def test_a_lead_lookup_that_answers_another_lead_is_reported(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    rewrite_answers(tenant.app, _someone_else)
    result = suite.runpytest(*real_options(tenant, "-k", "by_its_email_in_any_case"))
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"  - the lead {LEAD} is not among them"])


def test_a_different_404_body_is_reported_with_expected_and_got(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    rewrite_answers(tenant.app, _html_not_found)
    result = suite.runpytest(*real_options(tenant))
    result.assert_outcomes(passed=51, failed=1, skipped=9)
    output = result.stdout.str()
    assert "FAILED test_tenant.py::TestTenant::test_an_unknown_path_gives_404" in output
    assert (
        f"{tenant.url} answered differently from the emulator's contract:\n"
        f"  sent:     POST {BULK_UPDATE[:-1]}"
        "?accessKey=***&secretKey=***  (keys: query)  body: [{" in output
    )
    assert (
        '  expected: 404 application/json {"Status":"Error","ExceptionType":"MX...Exception",'
        '"ExceptionMessage":"..."}\n'
        "  got:      404 text/html '<html><body>Not Found</body></html>'\n"
        "  - Content-Type 'text/html', not application/json\n"
        "  - the body is not JSON\n" in output
    )
    assert tenant.emulator.settings.primary.secret_key not in output


def test_a_forced_fault_is_reported_not_hidden(suite: pytest.Pytester, tenant: MockServer) -> None:
    tenant.emulator.faults.add(Fault(status=500, message="tenant is down"))
    result = suite.runpytest(*real_options(tenant, "-k", "good_rows"))
    result.assert_outcomes(failed=1)
    assert (
        '  expected: 200 application/json {"Response":[{"RowNumber":1,"ActivityUpdated":true}]}\n'
        '  got:      500 application/json {"Status":"Error","ExceptionType":'
        '"MXUnexpectedException","ExceptionMessage":"tenant is down"}\n'
        "  - status 500, not 200\n" in result.stdout.str()
    )


def test_the_429_check_runs_only_when_opted_in(suite: pytest.Pytester, tenant: MockServer) -> None:
    tenant.emulator.configure({"rate_limit": {"calls": 3, "seconds": 0.2}})
    result = suite.runpytest(*real_options(tenant, "--lsq-spend-quota", "-k", "429"))
    result.assert_outcomes(passed=1)
    statuses = [entry["status"] for entry in tenant.emulator.journal.entries()]
    assert statuses == [200, 200, 200, 429]


def test_the_bulk_limit_check_runs_only_when_opted_in(
    suite: pytest.Pytester, tenant: MockServer
) -> None:
    tenant.emulator.configure({"bulk_rate_limit": {"calls": 1, "seconds": 5}})
    result = suite.runpytest(*real_options(tenant, "--lsq-spend-quota", "-k", "bulk_apis"))
    result.assert_outcomes(passed=1)
    statuses = [entry["status"] for entry in tenant.emulator.journal.entries()]
    assert statuses == [200, 429]


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ([], "give --lsq-access-key and --lsq-secret-key"),
        (["--lsq-access-key", "u$rk", "--lsq-secret-key", "s"], "name the activities"),
    ],
)
def test_a_remote_host_is_refused_without_keys_and_ids(
    suite: pytest.Pytester, options: list[str], problem: str
) -> None:
    host = "https://api-in21.leadsquared.com"
    result = suite.runpytest(*UNRELATED_PLUGINS, "--lsq-base-url", host, *options)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*refusing to run the provider suite against {host}: {problem}*"])


def test_the_environment_alone_never_reaches_a_remote_host(
    suite: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LSQ_ACCESS_KEY", "u$rreal")
    monkeypatch.setenv("LSQ_SECRET_KEY", "real-secret")
    monkeypatch.setenv("LSQ_ACTIVITY_ID", ACTIVITY)
    suite.makepyfile(
        test_where="def test_where(lsq_target):\n    assert lsq_target.name == 'the emulator'\n"
    )
    suite.runpytest(*UNRELATED_PLUGINS, "test_where.py").assert_outcomes(passed=1)
    monkeypatch.delenv("LSQ_SECRET_KEY")
    monkeypatch.setenv("LSQ_BASE_URL", "https://api-in21.leadsquared.com")
    result = suite.runpytest(*UNRELATED_PLUGINS, "-k", "good_rows")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*refusing to run the provider suite against https://api-in21*"])
