"""Leads: once a tenant holds them, activities are posted only on them, found by ProspectID or
by email; a tenant seeded without leads takes any lead id."""

from __future__ import annotations

import re
from typing import Any

import pytest

from lsq_mock import Settings
from lsq_mock.resources import default_seed_path, load_json
from support.calls import contract, last_exchange, post
from support.envelope import assert_envelope
from support.paths import BULK_ADD, CREATE
from support.running import Running
from support.seeded import LEAD

UNKNOWN_LEAD = "00000000-0000-4000-8000-000000000000"
GUID = re.compile(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}")


def demo(**lead: Any) -> dict[str, Any]:
    """A Product Demo (203, no mandatory field) on the lead given by `lead`'s keys."""
    return {"ActivityEvent": 203, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}], **lead}


def leads(running: Running) -> list[dict[str, Any]]:
    return running.http.get(running.url + "/_mock/leads").json()["Leads"]


def test_an_unknown_lead_id_is_the_live_500_and_nothing_is_written(running: Running) -> None:
    before = running.emulator.store.counts()

    answer = post(running, CREATE, demo(RelatedProspectId=UNKNOWN_LEAD))

    message = assert_envelope(answer, 500, "MXInvalidEntityException")
    assert message == "Lead does not exist in the system"
    assert contract(running) == [("$.RelatedProspectId", "unknown-lead")]
    assert running.emulator.store.counts() == before
    assert running.emulator.events.entries() == []


def test_an_email_finds_its_lead_whatever_its_case(running: Running) -> None:
    answer = post(running, CREATE, demo(EmailAddress="Priya.Sharma@EXAMPLE.com"))

    assert answer.status_code == 200, answer.text
    created = running.emulator.store.activity(answer.json()["Message"]["Id"])
    assert created["RelatedProspectId"] == LEAD
    assert last_exchange(running)["contract"] == []


@pytest.mark.parametrize(
    ("details", "kept"),
    [
        (
            {"FirstName": "New", "LastName": "Person", "Phone": "+91-1"},
            {"FirstName": "New", "LastName": "Person", "Phone": "+91-1"},
        ),
        (
            {"FirstName": "New", "LastName": "", "Phone": "+91-1"},
            {"FirstName": "New", "Phone": "+91-1"},
        ),
    ],
    ids=["all-details", "an-empty-one-is-left-out"],
)
def test_an_email_no_lead_has_creates_the_lead_with_the_details_sent(
    running: Running, details: dict[str, str], kept: dict[str, str]
) -> None:
    body = demo(EmailAddress="new.person@example.com", **details)

    answer = post(running, CREATE, body)

    assert answer.status_code == 200, answer.text
    [created] = [lead for lead in leads(running) if lead["EmailAddress"] == body["EmailAddress"]]
    assert GUID.fullmatch(created["ProspectID"])
    sent = {"EmailAddress": body["EmailAddress"], **kept}
    assert {name: created.get(name) for name in (*sent, "LastName")} == {"LastName": None, **sent}
    assert created["ProspectStage"] == "Prospect"
    activity = running.emulator.store.activity(answer.json()["Message"]["Id"])
    assert activity["RelatedProspectId"] == created["ProspectID"]


def test_no_lead_is_created_for_an_activity_that_is_refused(running: Running) -> None:
    before = leads(running)
    body = demo(EmailAddress="refused@example.com")
    body["Fields"] = [{"SchemaName": "mx_Custom_2", "Value": "not a number"}]

    answer = post(running, CREATE, body)

    assert_envelope(answer, 500, "MXInvalidInputException")
    assert leads(running) == before


def test_bulk_add_fails_only_the_row_of_an_unknown_lead(running: Running) -> None:
    rows = [demo(RelatedProspectId=LEAD), demo(RelatedProspectId=UNKNOWN_LEAD)]

    answer = post(running, BULK_ADD, rows)

    assert answer.status_code == 200
    first, second = answer.json()["Response"]
    assert first["ActivityCreated"] is True
    assert second == {
        "RowNumber": 2,
        "ActivityCreated": False,
        "ProspectActivityId": None,
        "ExceptionType": "MXInvalidEntityException",
        "ExceptionMessage": "Lead does not exist in the system",
    }


def test_bulk_add_takes_an_email_but_journals_it_as_off_the_contract(running: Running) -> None:
    answer = post(running, BULK_ADD, [demo(EmailAddress="priya.sharma@example.com")])

    assert answer.json()["Response"][0]["ActivityCreated"] is True
    assert sorted(contract(running)) == [
        ("$[0].EmailAddress", "contract:unknown-key"),
        ("$[0].RelatedProspectId", "contract:required"),
    ]


def test_bulk_add_never_creates_a_lead_from_an_email(running: Running) -> None:
    answer = post(running, BULK_ADD, [demo(EmailAddress="nobody@example.com")])

    assert answer.json()["Response"][0]["ExceptionType"] == "MXInvalidEntityException"
    assert all(lead["EmailAddress"] != "nobody@example.com" for lead in leads(running))


def test_reset_forgets_a_lead_created_by_a_call(running: Running) -> None:
    post(running, CREATE, demo(EmailAddress="fleeting@example.com"))

    running.http.post(running.url + "/_mock/reset", json={})

    assert all(lead["EmailAddress"] != "fleeting@example.com" for lead in leads(running))


@pytest.mark.parametrize(
    ("seed", "path"),
    [
        (
            {"Leads": [{"ProspectID": "other", "Phone": "9876543210"}]},
            "$.Leads[0].Phone",
        ),
        (
            {"Leads": [{"ProspectID": "other", "EmailAddress": "PRIYA.sharma@example.com"}]},
            "$.Leads[0].EmailAddress",
        ),
        ({"Leads": [{"ProspectID": "x"}, {"ProspectID": "x"}]}, "$.Leads[1].ProspectID"),
        ({"Leads": [{"ProspectID": "x", "City": "Pune"}]}, "$.Leads[0].City"),
    ],
    ids=["phone-taken", "email-taken", "id-twice", "no-such-field"],
)
def test_a_seed_that_breaks_the_lead_rules_is_refused_whole(
    running: Running, seed: dict[str, Any], path: str
) -> None:
    before = running.emulator.store.counts()

    answer = running.http.post(running.url + "/_mock/seed", json=seed)

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message.startswith(f"Invalid seed! {path}")
    assert running.emulator.store.counts() == before


def test_a_seeds_activities_bring_their_leads_but_the_api_still_refuses_unknown_ones(
    running: Running,
) -> None:
    own_lead = "suite-own-lead-1"
    seed = {
        "Activities": [
            {"ProspectActivityId": f"own-{n}", "ActivityEvent": 203, "RelatedProspectId": own_lead}
            for n in range(2)
        ]
    }

    answer = running.http.post(running.url + "/_mock/seed", json=seed)

    assert answer.status_code == 200, answer.text
    assert answer.json()["loaded"] == {
        "ActivityTypes": 0,
        "Leads": 0,
        "Activities": 2,
        "LeadsFromActivities": 1,
    }
    bare = running.emulator.store.lead(own_lead)
    assert (bare.get("FirstName"), bare.get("EmailAddress"), bare["ProspectStage"]) == (
        None,
        None,
        "Prospect",
    )
    assert post(running, CREATE, demo(RelatedProspectId=own_lead)).status_code == 200
    refused = post(running, CREATE, demo(RelatedProspectId=UNKNOWN_LEAD))
    assert_envelope(refused, 500, "MXInvalidEntityException")


class TestATenantWithoutLeads:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed={"ActivityTypes": load_json(default_seed_path())["ActivityTypes"]})

    def test_any_lead_id_is_accepted(self, running: Running) -> None:
        answer = post(running, CREATE, demo(RelatedProspectId="any-lead-at-all"))

        assert answer.status_code == 200, answer.text
        assert leads(running) == []

    def test_an_email_stands_for_the_same_lead_id_each_time(self, running: Running) -> None:
        emails = ("someone@example.com", "SOMEONE@example.com", "someone.else@example.com")
        answers = [post(running, CREATE, demo(EmailAddress=email)).json() for email in emails]

        store = running.emulator.store
        lead_ids = [store.activity(a["Message"]["Id"])["RelatedProspectId"] for a in answers]
        # The same id in every run and release: a user's expectations may hold it.
        assert lead_ids[0] == lead_ids[1] == "ff730855-3e29-57e3-bf09-7e0536a2a13e"
        assert GUID.fullmatch(lead_ids[2]) and lead_ids[2] != lead_ids[0]
        assert leads(running) == []
