"""Reading over HTTP: Retrieve (a lead's activities), GetActivityDetails, ActivityTypes.Get."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, get, last_exchange, post, schema_problems
from support.envelope import assert_envelope
from support.paths import DETAILS, RETRIEVE, TYPES
from support.running import Running
from support.seeded import DEMO, LEAD, VISIT


def retrieve(running: Running, body: Any, lead_id: str = LEAD) -> dict[str, Any]:
    """The Retrieve answer for `lead_id`, checked to be 200 and to match its schema."""
    answer = post(running, RETRIEVE, body, leadId=lead_id)
    assert answer.status_code == 200, answer.text
    assert schema_problems("retrieve-activities-response", answer.json()) == []
    return answer.json()


def test_retrieve_lists_the_leads_activities_newest_first(running: Running) -> None:
    body = retrieve(running, {})
    assert body["RecordCount"] == 2
    visit, demo = body["ProspectActivities"]
    assert [visit["Id"], demo["Id"]] == [VISIT, DEMO]
    assert visit == {
        "Id": VISIT,
        "EventCode": 201,
        "EventName": "Site Visit",
        "RelatedProspectId": LEAD,
        "CreatedOn": "2026-11-20 10:45:00",
        "ModifiedOn": "2026-11-20 10:45:00",
        "ActivityNote": "Walked through the show flat",
        "Status": "Active",
        "Owner": None,
        "Data": running.emulator.store.activity(VISIT)["Fields"],
    }
    assert (last_exchange(running)["status"], last_exchange(running)["contract"]) == (200, [])


def test_retrieve_filters_by_activity_event(running: Running) -> None:
    body = retrieve(running, {"Parameter": {"ActivityEvent": 203}})
    assert body["RecordCount"] == 1
    assert [a["Id"] for a in body["ProspectActivities"]] == [DEMO]


@pytest.mark.parametrize(
    "paging", [{"Offset": "1", "RowCount": "1"}, {"Offset": 1, "RowCount": 1}], ids=["str", "int"]
)
def test_retrieve_pages_with_strings_or_integers(running: Running, paging: dict[str, Any]) -> None:
    body = retrieve(running, {"Paging": paging})
    assert body["RecordCount"] == 2
    assert [a["Id"] for a in body["ProspectActivities"]] == [DEMO]


def test_retrieve_returns_25_by_default_and_counts_them_all(running: Running) -> None:
    store = running.emulator.store
    store.load({"Leads": [{"ProspectID": "busy-lead"}]})
    for day in range(1, 31):
        store.create_activity(
            {
                "RelatedProspectId": "busy-lead",
                "ActivityEvent": 203,
                "ActivityDateTime": f"2026-10-{day:02d} 12:00:00",
            }
        )
    body = retrieve(running, {}, lead_id="busy-lead")
    assert body["RecordCount"] == 30
    dates = [a["CreatedOn"] for a in body["ProspectActivities"]]
    assert dates == [f"2026-10-{day:02d} 12:00:00" for day in range(30, 5, -1)]


def test_retrieve_of_a_lead_without_activities_is_empty(running: Running) -> None:
    assert retrieve(running, {}, lead_id="nobody") == {"RecordCount": 0, "ProspectActivities": []}


def test_retrieve_without_lead_id_is_a_logical_500_naming_it(running: Running) -> None:
    answer = post(running, RETRIEVE, {})
    assert_envelope(answer, 500, "MXMandatoryAttributeMissingException")
    assert "'leadId'" in answer.json()["ExceptionMessage"]
    assert contract(running) == [("?leadId", "mandatory-missing")]


@pytest.mark.parametrize(
    ("body", "path", "keyword"),
    [
        ({"Paging": {"RowCount": "0"}}, "$.Paging.RowCount", "pattern"),
        ({"Paging": {"Offset": "ten"}}, "$.Paging.Offset", "pattern"),
        ({"Paging": {"Offset": -1}}, "$.Paging.Offset", "minimum"),
        ({"Parameter": {"ActivityEvent": "Site Visit"}}, "$.Parameter.ActivityEvent", "pattern"),
        ([], "$", "type"),
    ],
    ids=["row-count-0", "offset-text", "offset-negative", "event-name", "array"],
)
def test_retrieve_refuses_a_body_off_the_schema(
    running: Running, body: Any, path: str, keyword: str
) -> None:
    answer = post(running, RETRIEVE, body, leadId=LEAD)
    assert_envelope(answer, 400, "MXInvalidInputException")
    assert contract(running) == [(path, f"invalid-input:{keyword}")]


def test_retrieve_journals_keys_it_ignores(running: Running) -> None:
    retrieve(running, {"Parameter": {"ActivityEvent": 201, "FromDate": "2026-01-01"}})
    assert contract(running) == [("$.Parameter.FromDate", "contract:unknown-key")]


def test_details_list_every_field_of_the_type_with_its_value(running: Running) -> None:
    answer = get(running, DETAILS, activityId=VISIT)
    assert answer.status_code == 200
    body = answer.json()
    assert schema_problems("activity-details-response", body) == []
    assert (body["ID"], body["Name"], body["DisplayName"]) == (
        VISIT,
        "Site Visit",
        "Site Visit",
    )
    by_name = {f["SchemaName"]: f for f in body["Fields"]}
    assert list(by_name) == [f"mx_Custom_{n}" for n in range(1, 10)] + ["Status", "Owner"]
    assert by_name["mx_Custom_1"] == {
        "SchemaName": "mx_Custom_1",
        "DisplayName": "Visit Summary",
        "Value": "First visit",
        "DataType": "String",
        "IsMandatory": True,
    }
    assert by_name["mx_Custom_8"]["Value"] is None
    assert by_name["Status"]["Value"] == "Active"
    assert (last_exchange(running)["status"], last_exchange(running)["contract"]) == (200, [])


def test_details_of_an_unknown_activity_is_the_live_500(running: Running) -> None:
    answer = get(running, DETAILS, activityId="no-such-activity")
    message = assert_envelope(answer, 500, "MXUnknownProspectActivityException")
    assert message == "Activity does not exist."
    assert contract(running) == [("?activityId", "unknown-activity")]


def test_details_without_activity_id_is_a_logical_500_naming_it(running: Running) -> None:
    answer = get(running, DETAILS)
    assert_envelope(answer, 500, "MXMandatoryAttributeMissingException")
    assert "'activityId'" in answer.json()["ExceptionMessage"]


def test_activity_types_lists_each_event_code_and_name(running: Running) -> None:
    answer = get(running, TYPES)
    assert answer.status_code == 200
    assert schema_problems("activity-types-response", answer.json()) == []
    assert answer.json() == [
        {"ActivityEvent": 201, "ActivityEventName": "Site Visit"},
        {"ActivityEvent": 202, "ActivityEventName": "Loan Application"},
        {"ActivityEvent": 203, "ActivityEventName": "Product Demo"},
    ]
    assert (last_exchange(running)["path"], last_exchange(running)["status"]) == (TYPES, 200)
