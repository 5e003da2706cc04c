"""Retrieve checks its lead and its type filter as Create does (a tenant without leads keeps
taking any lead id), and an unknown lead's envelope is a setting: 'Lead does not exist in the
system' by default, or 'Lead not found' (seen live for a deleted lead), on every endpoint."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, post
from support.envelope import assert_envelope
from support.paths import BULK_ADD, CREATE, RETRIEVE
from support.running import Running
from support.seeded import LEAD

UNKNOWN_LEAD = "00000000-0000-4000-8000-000000000000"
DEMO_ROW = {"ActivityEvent": 203, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}]}
REFERENCE = "MXInvalidEntityReferenceException"


def retrieve(running: Running, lead_id: str, body: Any = None) -> Any:
    return post(running, RETRIEVE, {} if body is None else body, leadId=lead_id)


def use_lead_not_found(running: Running) -> None:
    patched = running.http.patch(
        running.url + "/_mock/config", json={"unknown_lead_exception": REFERENCE}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["unknown_lead_exception"] == REFERENCE


def test_retrieve_of_an_unknown_lead_is_the_same_500_as_creates(running: Running) -> None:
    answer = retrieve(running, UNKNOWN_LEAD)

    message = assert_envelope(answer, 500, "MXInvalidEntityException")
    assert message == "Lead does not exist in the system"
    assert contract(running) == [("?leadId", "unknown-lead")]


@pytest.mark.parametrize("event", [999, "998"], ids=["number", "digits"])
def test_retrieve_filtered_by_an_unknown_type_is_the_same_500_as_creates(
    running: Running, event: Any
) -> None:
    answer = retrieve(running, LEAD, {"Parameter": {"ActivityEvent": event}})

    message = assert_envelope(answer, 500, "MXInvalidActivityException")
    assert message == "Event Code is invalid or empty"
    assert contract(running) == [("$.Parameter.ActivityEvent", "unknown-activity-type")]


def test_a_tenant_without_leads_retrieves_any_lead_id(running: Running) -> None:
    running.emulator.reset(empty=True)

    answer = retrieve(running, UNKNOWN_LEAD)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"RecordCount": 0, "ProspectActivities": []}


def test_lead_not_found_on_create(running: Running) -> None:
    use_lead_not_found(running)
    before = running.emulator.store.counts()

    answer = post(running, CREATE, {**DEMO_ROW, "RelatedProspectId": UNKNOWN_LEAD})

    assert assert_envelope(answer, 500, REFERENCE) == "Lead not found"
    assert contract(running) == [("$.RelatedProspectId", "unknown-lead")]
    assert running.emulator.store.counts() == before


def test_lead_not_found_in_a_bulk_add_row(running: Running) -> None:
    use_lead_not_found(running)

    answer = post(running, BULK_ADD, [{**DEMO_ROW, "RelatedProspectId": UNKNOWN_LEAD}])

    assert answer.status_code == 200, answer.text
    [row] = answer.json()["Response"]
    assert row["ActivityCreated"] is False
    assert (row["ExceptionType"], row["ExceptionMessage"]) == (REFERENCE, "Lead not found")


def test_lead_not_found_for_a_bulk_add_rows_unknown_email(running: Running) -> None:
    use_lead_not_found(running)

    answer = post(running, BULK_ADD, [{**DEMO_ROW, "EmailAddress": "nobody@example.com"}])

    [row] = answer.json()["Response"]
    assert row["ActivityCreated"] is False
    assert (row["ExceptionType"], row["ExceptionMessage"]) == (REFERENCE, "Lead not found")
    assert ("$[0].EmailAddress", "unknown-lead") in contract(running)


def test_lead_not_found_on_retrieve(running: Running) -> None:
    use_lead_not_found(running)

    assert assert_envelope(retrieve(running, UNKNOWN_LEAD), 500, REFERENCE) == "Lead not found"


def test_a_reset_puts_the_default_lead_envelope_back(running: Running) -> None:
    use_lead_not_found(running)
    running.http.post(running.url + "/_mock/reset", json={})

    answer = retrieve(running, UNKNOWN_LEAD)

    assert_envelope(answer, 500, "MXInvalidEntityException")
