"""Every request key the vendor's pages document is accepted without a contract violation."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, post
from support.envelope import assert_envelope
from support.paths import BULK_ADD, BULK_UPDATE, CREATE, RETRIEVE, UPDATE
from support.running import Running
from support.seeded import DEMO, LEAD

FIELDS = [{"SchemaName": "mx_Custom_1", "Value": "x"}]
DOCUMENTED_BODIES: dict[str, tuple[str, Any]] = {
    # https://apidocs.leadsquared.com/post-an-activity-to-lead/
    "create": (
        CREATE,
        {
            "RelatedProspectId": LEAD,
            "ActivityEvent": 203,
            "ActivityNote": "note",
            "ProcessFilesAsync": True,
            "ActivityDateTime": "2026-11-20 10:00:00",
            "Fields": FIELDS,
            "IncludeLeadScore": True,
            "ValidateDropDownOptions": True,
        },
    ),
    # https://apidocs.leadsquared.com/post-activity-with-lead-email-address/
    "create-by-email": (
        CREATE,
        {
            "EmailAddress": "priya.sharma@example.com",
            "FirstName": "Priya",
            "LastName": "Sharma",
            "Phone": "+91-9876543210",
            "ActivityEvent": 203,
            "Fields": FIELDS,
        },
    ),
    # https://apidocs.leadsquared.com/update-activity/
    "update": (
        UPDATE,
        {
            "ProspectActivityId": DEMO,
            "ActivityEvent": 203,
            "ActivityNote": "note",
            "ProcessFilesAsync": True,
            "Fields": FIELDS,
        },
    ),
    # https://apidocs.leadsquared.com/bulk-update-activities/
    "bulk-update": (
        BULK_UPDATE,
        [{"ProspectActivityId": DEMO, "ActivityNote": "note", "Fields": FIELDS}],
    ),
    # https://apidocs.leadsquared.com/post-bulk-activities-on-leads/
    "bulk-add": (
        BULK_ADD,
        [
            {
                "RelatedProspectId": LEAD,
                "ActivityEvent": 203,
                "ActivityNote": "note",
                "ActivityOwnerEmail": "owner@example.com",
                "ActivityDateTime": "2026-11-20 10:00:00",
                "Fields": FIELDS,
            }
        ],
    ),
    # https://apidocs.leadsquared.com/get-activities-of-a-lead/
    "retrieve": (
        RETRIEVE,
        {"Parameter": {"ActivityEvent": 203}, "Paging": {"Offset": "1", "RowCount": "10"}},
    ),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTED_BODIES))
def test_a_body_with_every_documented_key_breaks_no_rule(running: Running, name: str) -> None:
    path, body = DOCUMENTED_BODIES[name]
    params = {"leadId": LEAD} if path == RETRIEVE else {}

    answer = post(running, path, body, **params)

    assert answer.status_code == 200, answer.text
    assert contract(running) == []


def test_an_update_naming_another_type_than_the_activitys_is_refused(running: Running) -> None:
    body = {"ProspectActivityId": DEMO, "ActivityEvent": 201, "Fields": FIELDS}

    answer = post(running, UPDATE, body)

    assert "is not the type of activity" in assert_envelope(answer, 500, "MXInvalidInputException")
    assert contract(running) == [("$.ActivityEvent", "wrong-activity-type")]
