"""The activity reads beside the leads, over HTTP, as the vendor's pages show them: activities by
activity event (CustomActivity/RetrieveByActivityEvent, "Get Activities by Activity Event"), by
date range (RetrieveRecentlyModified, "Get Activities by Date Range") and an activity type's
fields (CustomActivity/GetActivitySetting, "Get Activity Type Details")."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import get, post, schema_problems
from support.envelope import assert_envelope
from support.leads import ARJUN, PRIYA, unlimited
from support.paths import ACTIVITY_SETTING, BY_EVENT, CREATE, CREATE_TYPE, RECENTLY_MODIFIED, TYPES
from support.running import Running
from support.seeded import DEMO, FAKE_START_UTC, LOAN, LOAN_2, VISIT, VISIT_2

NOVEMBER = {"FromDate": "2026-11-01 00:00:00", "ToDate": "2026-11-30 23:59:59"}
"""The month every seeded activity but the Product Demo (2016) was created and modified in."""
SITE_VISIT_FIELDS = [f"mx_Custom_{n}" for n in range(1, 10)]


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _by_event(running: Running, body: Any) -> dict[str, Any]:
    answer = post(running, BY_EVENT, body)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    assert schema_problems("activity-feed-response", found) == []
    return found


def _ids(rows: list[dict[str, Any]], key: str = "ProspectActivityId") -> list[str]:
    return [row[key] for row in rows]


# -- CustomActivity/RetrieveByActivityEvent ------------------------------------------------------


def test_by_event_answers_the_page_s_shape_newest_modified_first(running: Running) -> None:
    body = {
        # The page's sample, on the seed's Site Visit type and dates.
        "Parameter": {**NOVEMBER, "ActivityEvent": 201, "RemoveEmptyValue": False},
        "Paging": {"PageIndex": 1, "PageSize": 100},
        "Sorting": {"ColumnName": "ModifiedOn", "Direction": 1},
    }

    found = _by_event(running, body)

    assert list(found) == ["RecordCount", "List"]
    assert found["RecordCount"] == 2
    assert _ids(found["List"]) == [VISIT_2, VISIT]
    row = found["List"][1]
    assert (row["RelatedProspectId"], row["ActivityType"], row["ActivityEvent"]) == (
        PRIYA,
        "2",
        "201",
    )
    assert (row["CreatedOn"], row["mx_Custom_2"], row["mx_Custom_6"]) == (
        "2026-11-20 10:45:00",
        "2",
        "Completed",
    )
    assert set(SITE_VISIT_FIELDS) <= set(row)
    assert row["mx_Custom_8"] is None
    assert {type(value) for value in row.values()} <= {str, type(None)}


def test_remove_empty_value_leaves_out_the_fields_without_a_value(running: Running) -> None:
    body = {"Parameter": {**NOVEMBER, "ActivityEvent": 201, "RemoveEmptyValue": True}}

    rows = {row["ProspectActivityId"]: row for row in _by_event(running, body)["List"]}

    custom = sorted(name for name in rows[VISIT_2] if name.startswith("mx_"))
    assert custom == ["mx_Custom_1", "mx_Custom_6"]
    assert "mx_Custom_8" not in rows[VISIT] and rows[VISIT]["mx_Custom_9"] == "Lake View"


@pytest.mark.parametrize(
    ("column", "order"),
    [
        ("CreatedOn", [LOAN, LOAN_2]),
        ("Created On", [LOAN, LOAN_2]),
        ("createdon", [LOAN, LOAN_2]),
        ("ModifiedOn", [LOAN_2, LOAN]),
    ],
)
def test_sorting_by_created_or_modified_on_oldest_first(
    running: Running, column: str, order: list[str]
) -> None:
    """The page: activities come 'based on Modified Date', but 'you can sort the result by
    created on date by passing the Column Name as Created On in the Sorting parameter'. LOAN was
    created first and modified last."""
    update = {"ProspectActivityId": LOAN, "Fields": [{"SchemaName": "mx_Custom_4", "Value": "x"}]}
    assert post(running, "/v2/ProspectActivity.svc/CustomActivity/Update", update).ok
    body = {
        "Parameter": {
            "FromDate": "2026-11-01 00:00:00",
            "ToDate": "2027-12-31 00:00:00",
            "ActivityEvent": 202,
        },
        "Sorting": {"ColumnName": column, "Direction": 0},
    }

    assert _ids(_by_event(running, body)["List"]) == order


def test_paging_by_page_index_keeps_the_whole_record_count(running: Running) -> None:
    body = {
        "Parameter": {**NOVEMBER, "ActivityEvent": 201},
        "Paging": {"PageIndex": 2, "PageSize": 1},
    }

    found = _by_event(running, body)

    assert found["RecordCount"] == 2 and _ids(found["List"]) == [VISIT]


def test_the_date_range_bounds_what_is_answered(running: Running) -> None:
    body = {
        "Parameter": {
            "FromDate": "2026-11-21 00:00:00",
            "ToDate": "2026-11-30 00:00:00",
            "ActivityEvent": 201,
        }
    }

    found = _by_event(running, body)

    assert (found["RecordCount"], _ids(found["List"])) == (1, [VISIT_2])


def test_an_activity_posted_now_is_in_a_range_that_covers_now(running: Running) -> None:
    posted = post(
        running,
        CREATE,
        {
            "RelatedProspectId": ARJUN,
            "ActivityEvent": 203,
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "Follow-up"}],
        },
    )
    new_id = posted.json()["Message"]["Id"]
    body = {
        "Parameter": {
            "FromDate": "2027-01-01 00:00:00",
            "ToDate": "2027-12-31 00:00:00",
            "ActivityEvent": 203,
        },
        "Paging": {"PageIndex": 1, "PageSize": 1000},
    }

    [row] = _by_event(running, body)["List"]

    assert (row["ProspectActivityId"], row["RelatedProspectId"]) == (new_id, ARJUN)
    assert row["CreatedOn"] == row["ModifiedOn"] == FAKE_START_UTC


def test_an_event_with_no_activity_in_range_answers_zero_rows(running: Running) -> None:
    body = {
        "Parameter": {
            "FromDate": "2030-01-01 00:00:00",
            "ToDate": "2030-12-31 00:00:00",
            "ActivityEvent": 202,
        }
    }

    assert _by_event(running, body) == {"RecordCount": 0, "List": []}


def test_without_an_activity_event_it_is_a_logical_500(running: Running) -> None:
    answer = post(running, BY_EVENT, {"Parameter": NOVEMBER})

    message = assert_envelope(answer, 500, "MXInvalidInputException")
    assert "ActivityEvent" in message


def test_an_event_code_of_no_type_is_the_live_invalid_activity(running: Running) -> None:
    answer = post(running, BY_EVENT, {"Parameter": {**NOVEMBER, "ActivityEvent": 154}})

    message = assert_envelope(answer, 500, "MXInvalidActivityException")
    assert message == "Event Code is invalid or empty"


def test_a_page_over_1000_rows_is_the_live_500(running: Running) -> None:
    body = {"Parameter": {**NOVEMBER, "ActivityEvent": 201}, "Paging": {"PageSize": 1001}}

    message = assert_envelope(post(running, BY_EVENT, body), 500, "MXInvalidInputException")
    assert message == "PageSize can not be more than 1000."


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"Parameter": {**NOVEMBER, "ActivityEvent": "two hundred one"}},
        {"Parameter": {"FromDate": "01/11/2026", "ActivityEvent": 201}},
    ],
    ids=["array", "event-not-a-number", "date-not-the-page-s-format"],
)
def test_a_body_off_the_page_s_shape_is_a_400(running: Running, body: Any) -> None:
    assert_envelope(post(running, BY_EVENT, body), 400, "MXInvalidInputException")


def test_a_python_client_s_include_custom_fields_is_taken(running: Running) -> None:
    body = {
        "Parameter": {**NOVEMBER, "ActivityEvent": 202, "IncludeCustomFields": 1},
        "Paging": {"PageIndex": 1, "PageSize": 1000},
    }

    assert _by_event(running, body)["RecordCount"] == 2


# -- RetrieveRecentlyModified --------------------------------------------------------------------


def _recent(running: Running, body: Any) -> dict[str, Any]:
    answer = post(running, RECENTLY_MODIFIED, body)
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    assert schema_problems("retrieve-activities-response", found) == []
    return found


def test_by_date_range_answers_every_type_as_retrieve_s_rows(running: Running) -> None:
    body = {
        # The page's sample, on the seed's dates.
        "Parameter": NOVEMBER,
        "Paging": {"PageIndex": 1, "PageSize": 20},
        "Sorting": {"ColumnName": "CreatedOn", "Direction": 1},
    }

    found = _recent(running, body)

    assert list(found) == ["RecordCount", "ProspectActivities"]
    assert found["RecordCount"] == 4
    assert _ids(found["ProspectActivities"], "Id") == [LOAN_2, LOAN, VISIT_2, VISIT]
    row = found["ProspectActivities"][-1]
    assert (row["EventCode"], row["EventName"], row["RelatedProspectId"]) == (
        201,
        "Site Visit",
        PRIYA,
    )
    assert row["CreatedOn"] == "2026-11-20 10:45:00"


def test_by_date_range_narrows_to_one_activity_event(running: Running) -> None:
    body = {"Parameter": {**NOVEMBER, "ActivityEvent": 202}}

    assert _ids(_recent(running, body)["ProspectActivities"], "Id") == [LOAN_2, LOAN]


def test_by_date_range_pages_from_1(running: Running) -> None:
    body = {
        "Parameter": {"FromDate": "2016-01-01 00:00:00", "ToDate": "2026-12-31 23:59:59"},
        "Paging": {"PageIndex": 2, "PageSize": 2},
        "Sorting": {"ColumnName": "CreatedOn", "Direction": 0},
    }

    found = _recent(running, body)

    assert found["RecordCount"] == 5
    assert _ids(found["ProspectActivities"], "Id") == [VISIT_2, LOAN]


def test_an_update_moves_an_activity_into_the_range_of_its_modification(running: Running) -> None:
    running.fake_time.now += 3600
    updated = post(
        running,
        "/v2/ProspectActivity.svc/CustomActivity/Update",
        {"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_5", "Value": "app"}]},
    )
    assert updated.status_code == 200, updated.text
    body = {"Parameter": {"FromDate": "2027-01-15 08:30:00", "ToDate": "2027-01-15 09:30:00"}}

    [row] = _recent(running, body)["ProspectActivities"]

    assert (row["Id"], row["CreatedOn"], row["ModifiedOn"]) == (
        DEMO,
        "2016-09-01 09:30:00",
        "2027-01-15 09:00:00",
    )


@pytest.mark.parametrize("missing", ["FromDate", "ToDate"])
def test_from_and_to_dates_are_mandatory(running: Running, missing: str) -> None:
    parameter = {key: value for key, value in NOVEMBER.items() if key != missing}

    answer = post(running, RECENTLY_MODIFIED, {"Parameter": parameter})

    assert missing in assert_envelope(answer, 500, "MXInvalidInputException")


# -- CustomActivity/GetActivitySetting -----------------------------------------------------------


def test_activity_setting_answers_the_type_s_fields_as_the_page_shows(running: Running) -> None:
    answer = get(running, ACTIVITY_SETTING, code="202")

    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert schema_problems("activity-details-response", found) == []
    assert (found["Name"], found["DisplayName"]) == ("Loan Application", "Loan Application")
    type_ids = {row["ActivityEvent"]: row["ID"] for row in get(running, TYPES).json()}
    assert found["ID"] == type_ids[202]
    first = found["Fields"][0]
    assert {key: first[key] for key in ("SchemaName", "Value", "DataType", "IsMandatory")} == {
        "SchemaName": "mx_Custom_1",
        "Value": None,
        "DataType": "Number",
        "IsMandatory": True,
    }
    page_keys = {"DisplayName", "ShowInForm", "Sequence", "OptionSet"}
    assert all(page_keys <= set(field) for field in found["Fields"])
    assert [field["SchemaName"] for field in found["Fields"]] == [
        "mx_Custom_1",
        "mx_Custom_2",
        "mx_Custom_3",
        "mx_Custom_4",
        "Status",
        "Owner",
    ]
    assert all(field["Value"] is None for field in found["Fields"])


@pytest.mark.parametrize("code", ["999", "abc", "-1"])
def test_a_code_of_no_type_is_the_live_invalid_activity(running: Running, code: str) -> None:
    answer = get(running, ACTIVITY_SETTING, code=code)

    assert assert_envelope(answer, 500, "MXInvalidActivityException") == (
        "Event Code is invalid or empty"
    )


def test_without_a_code_it_is_a_logical_500_naming_it(running: Running) -> None:
    message = assert_envelope(
        get(running, ACTIVITY_SETTING), 500, "MXMandatoryAttributeMissingException"
    )

    assert "'code'" in message


def test_a_type_created_over_the_api_answers_at_once(running: Running) -> None:
    body = {
        "ActivityEventName": "Callback",
        "Fields": [{"SchemaName": "mx_Custom_1", "DisplayName": "Reason", "DataType": "String"}],
    }
    code = post(running, CREATE_TYPE, body).json()["Message"]["Id"]

    found = get(running, ACTIVITY_SETTING, code=str(code)).json()

    assert found["Name"] == "Callback"
    assert found["Fields"][0]["DisplayName"] == "Reason"
