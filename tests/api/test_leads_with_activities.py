"""Leads and activities are one tenant over HTTP: an activity's RelatedProspectId is a lead's
ProspectID, so a lead Lead.Create just made takes activities at once, and the lead of any
activity is found by Leads.GetById (issue 22)."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import get, last_exchange, post
from support.envelope import assert_envelope
from support.leads import GUID, lead_by_id, leads_by_email, pairs, unlimited, write
from support.paths import (
    BULK_ADD,
    BY_EVENT,
    CREATE,
    LEAD_BY_PHONE,
    LEAD_CREATE,
    RECENTLY_MODIFIED,
    RETRIEVE,
)
from support.running import Running

ALL_TIME = {"FromDate": "2000-01-01 00:00:00", "ToDate": "2100-01-01 00:00:00"}


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _new_lead(running: Running, **values: Any) -> str:
    answer = write(running, LEAD_CREATE, pairs(**values))
    assert answer.status_code == 200, answer.text
    return str(answer.json()["Message"]["Id"])


def _visit(lead_id: str, note: str) -> dict[str, Any]:
    return {
        "RelatedProspectId": lead_id,
        "ActivityEvent": 201,
        "ActivityNote": note,
        "Fields": [{"SchemaName": "mx_Custom_1", "Value": note}],
    }


def test_a_lead_just_created_takes_an_activity_at_once(running: Running) -> None:
    lead_id = _new_lead(running, EmailAddress="anita.rao@example.com", Phone="9444400001")

    posted = post(running, CREATE, _visit(lead_id, "First visit"))

    assert posted.status_code == 200, posted.text
    activity_id = posted.json()["Message"]["Id"]
    listed = post(running, RETRIEVE, {}, leadId=lead_id).json()
    assert listed["RecordCount"] == 1
    assert listed["ProspectActivities"][0]["Id"] == activity_id
    assert listed["ProspectActivities"][0]["RelatedProspectId"] == lead_id


def test_a_lead_just_created_takes_activities_in_bulk(running: Running) -> None:
    lead_id = _new_lead(running, FirstName="Bulk")

    answer = post(running, BULK_ADD, [_visit(lead_id, "one"), _visit(lead_id, "two")])

    assert [row["ActivityCreated"] for row in answer.json()["Response"]] == [True, True]
    assert post(running, RETRIEVE, {}, leadId=lead_id).json()["RecordCount"] == 2


@pytest.mark.parametrize("feed", [BY_EVENT, RECENTLY_MODIFIED])
def test_the_lead_of_every_activity_is_found_by_id(running: Running, feed: str) -> None:
    body = {"Parameter": {**ALL_TIME, "ActivityEvent": 201}, "Paging": {"PageSize": 1000}}
    if feed == RECENTLY_MODIFIED:
        body["Parameter"].pop("ActivityEvent")
    found = post(running, feed, body).json()
    rows = found.get("List") or found["ProspectActivities"]
    assert rows

    for row in rows:
        lead = lead_by_id(running, row["RelatedProspectId"])
        assert lead is not None and lead["ProspectID"] == row["RelatedProspectId"]


def test_a_lead_created_by_posting_an_activity_by_email_is_found(running: Running) -> None:
    body = {
        "EmailAddress": "walk.in@example.com",
        "FirstName": "Walk",
        "Phone": "9444400002",
        **{k: v for k, v in _visit("", "walked in").items() if k != "RelatedProspectId"},
    }
    posted = post(running, CREATE, body)
    assert posted.status_code == 200, posted.text

    [lead] = leads_by_email(running, "walk.in@example.com")

    assert lead["FirstName"] == "Walk" and GUID.fullmatch(lead["ProspectID"])
    [by_phone] = get(running, LEAD_BY_PHONE, phone="9444400002").json()
    assert by_phone["ProspectID"] == lead["ProspectID"]
    retrieved = post(running, RETRIEVE, {}, leadId=lead["ProspectID"]).json()
    assert retrieved["ProspectActivities"][0]["Id"] == posted.json()["Message"]["Id"]


def test_a_seed_s_activities_bring_leads_the_lookups_find(running: Running) -> None:
    """A suite that seeds activities on lead ids of its own: each of those leads exists, bare,
    and the API then takes activities on it (and still refuses any other lead)."""
    seed = {
        "Activities": [
            {
                "ProspectActivityId": "a1000000-0000-4000-8000-000000000001",
                "ActivityEvent": 203,
                "RelatedProspectId": "b2000000-0000-4000-8000-000000000002",
                "Fields": {"mx_Custom_1": "hello"},
            }
        ],
    }
    assert post(running, "/_mock/seed", seed).status_code == 200

    lead = lead_by_id(running, "b2000000-0000-4000-8000-000000000002")

    assert lead is not None
    assert lead["EmailAddress"] is None and lead["ProspectAutoId"] == "1005"
    again = post(running, CREATE, _visit(lead["ProspectID"], "again"))
    assert again.status_code == 200, again.text
    other = post(running, CREATE, _visit("c3000000-0000-4000-8000-000000000003", "other"))
    assert other.json()["ExceptionType"] == "MXInvalidEntityException"


@pytest.mark.parametrize(
    ("details", "exception_type", "message", "path", "rule"),
    [
        (
            {"Phone": "+91-9876543210"},
            "MXDuplicateEntryException",
            "A Lead with same Phone Number already exists.",
            "$",
            "duplicate-lead",
        ),
        (
            {"Phone": "call me"},
            "MXInvalidInputException",
            "Phone (Phone) needs a phone number (digits, with + - ( ) . or spaces)",
            "$.Phone",
            "invalid-value:Phone",
        ),
    ],
    ids=["another-lead-s-phone", "not-a-phone"],
)
def test_an_activity_by_email_creates_its_lead_by_the_lead_rules(
    running: Running,
    details: dict[str, str],
    exception_type: str,
    message: str,
    path: str,
    rule: str,
) -> None:
    activities = running.emulator.store.counts()["Activities"]
    body = {"EmailAddress": "new.one@example.com", "ActivityEvent": 203, **details}

    answer = post(running, CREATE, body)

    assert assert_envelope(answer, 500, exception_type) == message
    assert [(v["path"], v["rule"]) for v in last_exchange(running)["contract"]] == [(path, rule)]
    assert leads_by_email(running, "new.one@example.com") == []
    assert running.emulator.store.counts()["Activities"] == activities
