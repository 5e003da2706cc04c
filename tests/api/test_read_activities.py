"""Reading over HTTP: Retrieve (a lead's activities), GetActivityDetails, ActivityTypes.Get."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from lsq_mock import Settings
from lsq_mock.resources import default_seed_path
from support.calls import JSON, contract, get, last_exchange, post, schema_problems
from support.envelope import assert_envelope
from support.paths import DETAILS, RETRIEVE, TYPES
from support.running import Running
from support.seeded import DEMO, LEAD, NEW_LEAD, VISIT


def retrieve(running: Running, body: Any, lead_id: str = LEAD) -> dict[str, Any]:
    """The Retrieve answer for `lead_id`, checked to be 200 and to match its schema."""
    answer = post(running, RETRIEVE, body, leadId=lead_id)
    assert answer.status_code == 200, answer.text
    assert schema_problems("retrieve-activities-response", answer.json()) == []
    return answer.json()


OWNER = "9f1b0c2e-5a4d-4e7b-8c6a-3d2e1f0a9b8c"
"""The key owner's user id in the shipped tenant: who created what the API wrote."""


def test_retrieve_lists_the_leads_activities_newest_first(running: Running) -> None:
    body = retrieve(running, {})
    assert body["RecordCount"] == 2
    visit, demo = body["ProspectActivities"]
    assert [visit["Id"], demo["Id"]] == [VISIT, DEMO]
    custom = {
        "mx_Custom_1": "First visit",
        "mx_Custom_2": "2",
        "mx_Custom_3": "2026-12-01",
        "mx_Custom_4": "2026-11-20 10:30:00",
        "mx_Custom_5": "true",
        "mx_Custom_6": "Completed",
        "mx_Custom_7": "Parking;Lift",
        "mx_Custom_9": "Lake View",
    }
    assert visit == {
        "Id": VISIT,
        "EventCode": 201,
        "EventName": "Site Visit",
        "ActivityScore": 0,
        "CreatedOn": "2026-11-20 10:45:00",
        "ModifiedOn": "2026-11-20 10:45:00",
        "RelatedProspectId": LEAD,
        "ActivityType": 2,
        "IsEmailType": False,
        "Type": "Inbound",
        "SessionId": VISIT,
        "TrackLocation": 0,
        "Latitude": None,
        "Longitude": None,
        "Data": [
            {"Key": "ActivityEvent_Note", "Value": "Walked through the show flat"},
            {"Key": "Status", "Value": "Active"},
            {"Key": "RelatedProspectId", "Value": LEAD},
            {"Key": "ModifiedOn", "Value": "2026-11-20 10:45:00"},
            *({"Key": name, "Value": value} for name, value in custom.items()),
        ],
        "ActivityFields": {
            "ProspectActivityAutoId": visit["ActivityFields"]["ProspectActivityAutoId"],
            "ActivityEvent_Note": "Walked through the show flat",
            "CreatedOn": "11/20/2026 10:45:00 AM",
            "CreatedBy": OWNER,
            "ModifiedBy": OWNER,
            "Status": "Active",
            "Owner": None,
            **custom,
        },
    }
    assert visit["ActivityFields"]["ProspectActivityAutoId"].isdigit()
    assert (
        visit["ActivityFields"]["ProspectActivityAutoId"]
        != (demo["ActivityFields"]["ProspectActivityAutoId"])
    )
    assert (last_exchange(running)["status"], last_exchange(running)["contract"]) == (200, [])


def test_retrieve_filters_by_activity_event(running: Running) -> None:
    body = retrieve(running, {"Parameter": {"ActivityEvent": 203}})
    assert body["RecordCount"] == 1
    assert [a["Id"] for a in body["ProspectActivities"]] == [DEMO]


@pytest.mark.parametrize(
    ("offset", "page"),
    [("0", [VISIT]), ("1", [VISIT]), ("2", [DEMO]), ("3", []), (2, [DEMO])],
    ids=["0-first-page", "1-first-page", "2-second-page", "past-the-end", "integer"],
)
def test_retrieve_offset_is_the_page_number(running: Running, offset: Any, page: list[str]) -> None:
    body = retrieve(running, {"Paging": {"Offset": offset, "RowCount": "1"}})
    assert body["RecordCount"] == 2
    assert [a["Id"] for a in body["ProspectActivities"]] == page


@pytest.mark.parametrize(
    ("offset", "page"), [(0, [VISIT]), ("1", [DEMO]), (2, [])], ids=["first", "second", "past"]
)
def test_the_setting_may_count_pages_from_0(running: Running, offset: Any, page: list[str]) -> None:
    patched = running.http.patch(
        running.url + "/_mock/config", json={"retrieve_offset": "page-from-0"}
    )
    assert patched.status_code == 200, patched.text

    body = retrieve(running, {"Paging": {"Offset": offset, "RowCount": 1}})

    assert (body["RecordCount"], [a["Id"] for a in body["ProspectActivities"]]) == (2, page)


@pytest.mark.parametrize(
    ("data", "headers"),
    [(b"{}", JSON), (b"[]", JSON), (b"", {}), (b"", JSON)],
    ids=["object", "array", "no-body", "no-body-json"],
)
def test_retrieve_lists_everything_for_an_empty_body_of_any_kind(
    running: Running, data: bytes, headers: dict[str, str]
) -> None:
    answer = running.http.post(
        running.url + RETRIEVE, params={**running.keys, "leadId": LEAD}, data=data, headers=headers
    )
    assert answer.status_code == 200, answer.text
    assert [a["Id"] for a in answer.json()["ProspectActivities"]] == [VISIT, DEMO]
    assert contract(running) == []


def test_a_page_over_1000_rows_is_the_live_500(running: Running) -> None:
    answer = post(running, RETRIEVE, {"Paging": {"Offset": "1", "RowCount": "1001"}}, leadId=LEAD)
    message = assert_envelope(answer, 500, "MXInvalidInputException")
    assert message == "PageSize can not be more than 1000."
    assert retrieve(running, {"Paging": {"RowCount": 1000}})["RecordCount"] == 2


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
    empty = {"RecordCount": 0, "ProspectActivities": []}
    assert retrieve(running, {}, lead_id=NEW_LEAD) == empty


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
    ],
    ids=["row-count-0", "offset-text", "offset-negative", "event-name"],
)
def test_retrieve_refuses_a_body_off_the_schema(
    running: Running, body: Any, path: str, keyword: str
) -> None:
    answer = post(running, RETRIEVE, body, leadId=LEAD)
    assert_envelope(answer, 400, "MXInvalidInputException")
    assert contract(running) == [(path, f"invalid-input:{keyword}")]


def test_retrieve_refuses_an_array_with_something_in_it(running: Running) -> None:
    answer = post(running, RETRIEVE, [{"Parameter": {}}], leadId=LEAD)

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message == "Invalid Input! $ must be an empty array (or an object) here"
    assert contract(running) == [("$", "invalid-input:maxItems")]


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
    assert list(body) == ["ID", "Name", "DisplayName", "Fields"]
    by_name = {f["SchemaName"]: f for f in body["Fields"]}
    assert list(by_name) == [f"mx_Custom_{n}" for n in range(1, 10)] + ["Status", "Owner"]
    assert by_name["mx_Custom_1"] == {
        "SchemaName": "mx_Custom_1",
        "InternalName": "mx_Custom_1",
        "DisplayName": "Visit Summary",
        "Value": "First visit",
        "DataType": "String",
        "IsMandatory": True,
        "ShowInForm": True,
        "Sequence": 1,
        "ParentField": "",
        "OptionSet": "",
        "DependentOptionSet": "",
        "IsDefault": False,
        "IsReadOnly": False,
        "RenderType": "",
        "ExportAsPlainText": False,
        "IsMultiSelectDropdown": False,
        "IncludeOthersOption": False,
        "BehaviorOnMissingDropdownOption": 0,
        "IsOthersValue": False,
        "InternalSchemaName": "",
        "CustomObjectType": 2,
        "MaxFieldLength": 50,
    }
    assert by_name["mx_Custom_8"]["Value"] is None
    assert [o["Value"] for o in json.loads(by_name["mx_Custom_6"]["OptionSet"])] == [
        "Scheduled",
        "Completed",
        "Cancelled",
    ]
    assert by_name["mx_Custom_7"]["IsMultiSelectDropdown"] is True
    status = by_name["Status"]
    assert (status["Value"], status["DataType"]) == ("Active", "SearchableDropdown")
    assert [o["Value"] for o in json.loads(status["OptionSet"])] == ["Active", "Inactive"]
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
    rows = answer.json()
    assert [(r["ActivityEvent"], r["ActivityEventName"]) for r in rows] == [
        (201, "Site Visit"),
        (202, "Loan Application"),
        (203, "Product Demo"),
    ]
    visit = rows[0]
    assert (visit["DisplayName"], visit["EventDirection"], visit["Tags"]) == ("Site Visit", 0, "")
    form = json.loads(visit["ActivityProperties"])["FormMetaData"]
    assert [f["SchemaName"] for f in form] == [f"mx_Custom_{n}" for n in range(1, 10)]
    assert form[0] == {
        "SchemaName": "mx_Custom_1",
        "DisplayName": "Visit Summary",
        "DataType": "String",
        "IsMandatory": True,
        "OptionSet": "",
    }
    assert uuid.UUID(visit["ID"]) and visit["ID"] == get(running, TYPES).json()[0]["ID"]
    assert (last_exchange(running)["path"], last_exchange(running)["status"]) == (TYPES, 200)


class TestOffsetAsRows:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path(), retrieve_offset="rows")

    @pytest.mark.parametrize(("offset", "page"), [(0, [VISIT]), (1, [DEMO]), (2, [])])
    def test_the_setting_reads_offset_as_rows_skipped(
        self, running: Running, offset: int, page: list[str]
    ) -> None:
        body = retrieve(running, {"Paging": {"Offset": offset, "RowCount": 1}})
        assert [a["Id"] for a in body["ProspectActivities"]] == page
