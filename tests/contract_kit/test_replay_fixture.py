"""`lsq_mock_replay`: a cassette recorded on the tenant, replayed through the plugin, is a
regression test of the session's settings (`lsq_mock_settings`) for that tenant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.recording import planted_traffic, record

pytest_plugins = ["pytester"]

PASSING_TEST = """
def test_the_emulator_answers_as_our_tenant(lsq_mock_replay):
    found = lsq_mock_replay("tenant.jsonl", accept=["max-rows", "failed-row", "404"])
    assert len(found.accepted) == 3
"""
CALIBRATED = """
import pytest

from lsq_mock import Settings


@pytest.fixture(scope="session")
def lsq_mock_settings():
    return Settings(seed="default", unauthorized_exception="MXInvalidAccessDetailsException")
"""


@pytest.fixture(scope="module")
def cassette(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A recording of the stand-in tenant, with its four planted differences."""
    return record(tmp_path_factory.mktemp("replay") / "tenant.jsonl", planted_traffic)


@pytest.fixture
def project(pytester: pytest.Pytester, cassette: Path) -> pytest.Pytester:
    shutil.copy(cassette, pytester.path / "tenant.jsonl")
    return pytester


def test_the_tenant_s_settings_and_accepted_differences_pass(project: pytest.Pytester) -> None:
    project.makeconftest(CALIBRATED)
    project.makepyfile(test_tenant=PASSING_TEST)
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_settings_that_differ_from_the_tenant_s_fail_with_the_report(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(test_tenant=PASSING_TEST)
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*1 difference:",
            "*[[]401-body] ExceptionType: your tenant MXInvalidAccessDetailsException, the "
            "emulator MXUnAuthorizedAccessException",
            '*Settings(unauthorized_exception="MXInvalidAccessDetailsException")',
        ]
    )


def test_an_accepted_id_that_is_no_ledger_entry_fails(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_tenant="""
        def test_it(lsq_mock_replay):
            lsq_mock_replay("tenant.jsonl", accept=["max_rows"])
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*accept=[[]'max_rows'] are not ledger ids*"])
