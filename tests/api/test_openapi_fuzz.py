"""schemathesis fuzzes the emulator from its own OpenAPI document: no 5xx, answers as documented."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.failures import ServerError
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lsq_mock import MockServer, RateLimit, Settings
from lsq_mock.resources import data_dir, default_seed_path

# from_path resolves the document's relative $refs against the schema files beside it.
schema = schemathesis.openapi.from_path(data_dir("schemas") / "openapi.json")


@schemathesis.check
def no_unexpected_error(
    ctx: object, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A 500 is allowed only as a logical refusal (the tenant's data refused a well-formed call,
    as the live API answers), never as the emulator's own MXUnexpectedException."""
    if response.status_code >= 500:
        body = response.json()
        if not isinstance(body, dict) or body.get("ExceptionType") == "MXUnexpectedException":
            raise ServerError(operation=case.operation.label, status_code=response.status_code)


CHECKS = [
    no_unexpected_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture(scope="module")
def server() -> Iterator[MockServer]:
    """One emulator for every generated case, without a rate limit (no 429 noise)."""
    with MockServer(
        Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))
    ) as running:
        yield running


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_emulator_keeps_its_openapi_contract(
    case: schemathesis.Case, server: MockServer
) -> None:
    credential = server.emulator.settings.primary
    # Generated security values would all be wrong keys (401): send the real ones.
    case.query = {
        **(case.query or {}),
        "accessKey": credential.access_key,
        "secretKey": credential.secret_key,
    }
    try:
        case.call_and_validate(base_url=server.url, checks=CHECKS)
    finally:
        # A generated admin call may queue faults, change keys or limits: never let it leak
        # into the next case.
        server.emulator.reset()
