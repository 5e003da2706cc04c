"""Factory payloads over HTTP: valid batches update every row; invalid ones get their verdict."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from faker import Faker

from lsq_mock import Settings
from lsq_mock.factories import INVALID_KINDS, fake_tenant, invalid_payload, valid_batch
from lsq_mock.resources import default_seed_path, load_json
from support.paths import BULK_UPDATE
from support.running import Running, start_server

TENANTS = {
    "fake": fake_tenant(2024, activity_types=5, leads=30, activities=120),
    "default": load_json(default_seed_path()),
}


@pytest.fixture(scope="module", params=sorted(TENANTS))
def served(request: pytest.FixtureRequest) -> Iterator[tuple[Running, dict[str, Any]]]:
    """One server per tenant (a generated one and the hand-written default seed) for the module."""
    tenant = TENANTS[request.param]
    server, emulator, fake_time = start_server(Settings(seed=tenant))
    try:
        with requests.Session() as http:
            yield Running(server, emulator, fake_time, http), tenant
    finally:
        server.stop()


@pytest.fixture
def running(served: tuple[Running, dict[str, Any]]) -> Running:
    """The tenant's server, reset to its seed (and an empty journal) for each test."""
    served[0].emulator.reset()
    return served[0]


@pytest.fixture
def tenant(served: tuple[Running, dict[str, Any]]) -> dict[str, Any]:
    return served[1]


@pytest.mark.parametrize("size", [1, 2, 5, "largest", None])
def test_valid_batches_update_every_row_with_no_contract_violation(
    running: Running, faker: Faker, tenant: dict[str, Any], size: int | str | None
) -> None:
    largest = min(25, len(tenant["Activities"]))
    rows = valid_batch(faker, tenant, largest if size == "largest" else size)
    answer = running.bulk_update(rows)
    assert answer.status_code == 200
    assert answer.json()["Response"] == [
        {"RowNumber": n, "ActivityUpdated": True} for n in range(1, len(rows) + 1)
    ]
    assert running.emulator.journal.entries()[-1]["contract"] == []
    for row in rows:
        stored = running.emulator.store.activity(row["ProspectActivityId"])
        for sent in row["Fields"]:
            holder = stored if sent["SchemaName"] == "Status" else stored["Fields"]
            assert holder[sent["SchemaName"]] == sent["Value"]


@pytest.mark.parametrize("kind", INVALID_KINDS)
def test_each_invalid_payload_gets_exactly_its_stated_violation(
    running: Running, faker: Faker, tenant: dict[str, Any], kind: str
) -> None:
    payload = invalid_payload(faker, tenant, kind)
    expected = payload.expected
    answer = running.http.post(
        running.url + BULK_UPDATE,
        params=running.keys,
        data=payload.content(),
        headers={"Content-Type": payload.content_type},
    )
    assert answer.status_code == expected.status
    body = answer.json()
    if expected.status != 200:
        assert body["ExceptionType"] == expected.exception_type
    else:
        rows = body["Response"]
        assert len(rows) == len(payload.body)
        for result in rows:
            failed = result["RowNumber"] == expected.row and expected.exception_type
            assert result["ActivityUpdated"] is not bool(failed)
            assert result.get("ExceptionType") == (expected.exception_type if failed else None)
    contract = [
        (v["path"], v["rule"], v["row"]) for v in running.emulator.journal.entries()[-1]["contract"]
    ]
    assert contract == [(expected.path, expected.rule, expected.row)]
