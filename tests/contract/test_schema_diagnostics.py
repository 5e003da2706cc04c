"""Diagnostics that name the real difference: a body held against a schema with alternatives
(a row result either updated or failed) is reported by the branch it was meant to be."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from werkzeug.wrappers import Request, Response

from lsq_mock import MockServer, RateLimit, Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from lsq_mock_contract.provider_http import Expected, differences
from lsq_mock_contract.wire import Answer
from support.inner_pytest import UNRELATED_PLUGINS
from support.rewriting import rewrite_answers

pytest_plugins = ["pytester"]

UPDATED = {"RowNumber": 1, "ActivityUpdated": True}


def answer(body: Any) -> Answer:
    return Answer(200, "application/json", json.dumps(body).encode(), body)


def messages(schema: str, body: Any) -> list[str]:
    return [v.message for v in shipped_schemas().violations(schema, body, "schema")]


def test_a_failed_row_without_exception_type_reads_as_that() -> None:
    failed = {"RowNumber": 2, "ActivityUpdated": False, "ExceptionMessage": "no such activity"}

    found = differences(answer({"Response": [UPDATED, failed]}), Expected(200, rows=(True, False)))

    assert found == ["row 2: ExceptionType missing"]


@pytest.mark.parametrize(
    ("result", "difference"),
    [
        (
            {"RowNumber": 1, "ActivityUpdated": "yes"},
            'row 1: ActivityUpdated must be true or false, not "yes"',
        ),
        (
            {"RowNumber": "1", "ActivityUpdated": True},
            "row 1: RowNumber must be integer, not string",
        ),
    ],
    ids=["neither-branch", "wrong-type-in-the-branch"],
)
def test_other_row_differences_name_the_row_and_the_key(result: dict, difference: str) -> None:
    found = differences(answer({"Response": [result]}), Expected(200))

    assert found == [difference]


def test_a_bulk_add_failed_row_is_held_against_the_failed_branch() -> None:
    failed = {"RowNumber": 1, "ActivityCreated": False, "ProspectActivityId": None}

    assert messages("bulk-add-response", {"Response": [failed]}) == [
        "$.Response[0].ExceptionType is required",
        "$.Response[0].ExceptionMessage is required",
    ]


def test_a_value_of_no_branch_still_says_what_it_is() -> None:
    assert messages("bulk-update-response", {"Response": [5]}) == [
        "$.Response[0]: 5 is not valid under any of the given schemas"
    ]


def _without_exception_types(request: Request, response: Response) -> Response:
    body = response.get_json(silent=True)
    if isinstance(body, dict) and isinstance(body.get("Response"), list):
        for result in body["Response"]:
            result.pop("ExceptionType", None)
        response.set_data(json.dumps(body))
    return response


@pytest.fixture
def careless_tenant() -> Iterator[MockServer]:
    """A host that answers failed rows without their ExceptionType."""
    settings = Settings(
        seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)
    )
    server = MockServer(settings)
    rewrite_answers(server.app, _without_exception_types)
    with server:
        yield server


def test_the_provider_suite_reports_the_missing_key_by_row(
    pytester: pytest.Pytester, careless_tenant: MockServer
) -> None:
    pytester.makepyfile(
        test_tenant="from lsq_mock_contract.provider import ProviderContract\n\n"
        "class TestTenant(ProviderContract):\n    pass\n"
    )
    credential = careless_tenant.emulator.settings.primary
    result = pytester.runpytest(
        *UNRELATED_PLUGINS,
        *("--lsq-base-url", careless_tenant.url),
        *("--lsq-access-key", credential.access_key, "--lsq-secret-key", credential.secret_key),
        *("--lsq-activity-id", "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"),
        *("-k", "unknown_activity_fails_only_its_row"),
    )

    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    assert "  - row 2: ExceptionType missing\n" in output
    assert "True was expected" not in output
