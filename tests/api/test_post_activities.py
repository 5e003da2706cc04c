"""Posting activities over HTTP: Create (one) and Bulk/CustomActivity/Add/ByLeadId (up to 25)."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, last_exchange, post, schema_problems
from support.envelope import assert_envelope
from support.paths import BULK_ADD, CREATE
from support.running import Running
from support.seeded import NEW_LEAD as LEAD

INVALID = "MXInvalidInputException"
SUMMARY = ("mx_Custom_1", "x")  # the Site Visit's mandatory field


def fields(*pairs: tuple[str, Any]) -> list[dict[str, Any]]:
    """A Fields array of (SchemaName, Value) pairs."""
    return [{"SchemaName": name, "Value": value} for name, value in pairs]


def visit(**changes: Any) -> dict[str, Any]:
    """A well-formed Site Visit (201) for LEAD, as the vendor's examples send it."""
    body = {
        "RelatedProspectId": LEAD,
        "ActivityEvent": 201,
        "ActivityNote": "Came with family",
        "ActivityDateTime": "2026-11-25 09:15:00",
        "Fields": fields(
            ("mx_Custom_1", "Second visit"), ("mx_Custom_2", "3"), ("mx_Custom_6", "Completed")
        ),
    }
    body.update(changes)
    return body


def test_create_stores_the_activity_and_answers_its_new_id(running: Running) -> None:
    answer = post(running, CREATE, visit())
    assert answer.status_code == 200
    assert schema_problems("activity-saved-response", answer.json()) == []
    activity_id = answer.json()["Message"]["Id"]
    stored = running.emulator.store.activity(activity_id)
    assert stored["RelatedProspectId"] == LEAD
    assert stored["ActivityEvent"] == 201
    assert stored["ActivityNote"] == "Came with family"
    assert stored["CreatedOn"] == "2026-11-25 09:15:00"
    assert stored["Fields"] == {
        "mx_Custom_1": "Second visit",
        "mx_Custom_2": "3",
        "mx_Custom_6": "Completed",
    }
    exchange = last_exchange(running)
    assert (exchange["path"], exchange["status"], exchange["contract"]) == (CREATE, 200, [])


def test_create_records_an_activity_create_event_with_every_value_set(running: Running) -> None:
    activity_id = post(running, CREATE, visit()).json()["Message"]["Id"]
    [event] = running.emulator.events.entries()
    assert event["EventType"] == "Activity Create"
    assert event["ProspectActivityId"] == activity_id
    assert {c["SchemaName"]: (c["OldValue"], c["NewValue"]) for c in event["Changes"]} == {
        "mx_Custom_1": (None, "Second visit"),
        "mx_Custom_2": (None, "3"),
        "mx_Custom_6": (None, "Completed"),
        "ActivityNote": (None, "Came with family"),
    }


def test_create_without_activity_datetime_is_dated_now(running: Running) -> None:
    body = visit()
    del body["ActivityDateTime"]
    activity_id = post(running, CREATE, body).json()["Message"]["Id"]
    now = running.emulator.clock.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    assert running.emulator.store.activity(activity_id)["CreatedOn"] == now


def test_an_iso_activity_datetime_is_stored_as_utc_and_journaled(running: Running) -> None:
    answer = post(running, CREATE, visit(ActivityDateTime="2026-11-25T14:45:00+05:30"))
    assert answer.status_code == 200
    stored = running.emulator.store.activity(answer.json()["Message"]["Id"])
    assert stored["CreatedOn"] == "2026-11-25 09:15:00"
    assert contract(running) == [("$.ActivityDateTime", "datetime-format")]


def test_tolerated_but_wrong_input_is_answered_and_journaled(running: Running) -> None:
    body = visit(ActivityEvent="201", Source="web")
    body["Fields"][1]["Value"] = 3
    answer = post(running, CREATE, body)
    assert answer.status_code == 200
    assert sorted(contract(running)) == [
        ("$.ActivityEvent", "contract:type"),
        ("$.Fields[1].Value", "contract:type"),
        ("$.Source", "contract:unknown-key"),
    ]


@pytest.mark.parametrize(
    ("body", "problem", "keyword"),
    [
        (
            {"RelatedProspectId": LEAD, "ActivityEvent": "Site Visit"},
            "$.ActivityEvent: 'Site Visit' does not match '^[1-9][0-9]{0,8}$'",
            "pattern",
        ),
        (
            {"RelatedProspectId": LEAD, "ActivityEvent": 201, "Fields": {}},
            "$.Fields must be array, not object",
            "type",
        ),
        (
            [{"RelatedProspectId": LEAD, "ActivityEvent": 201}],
            "$ must be object, not array",
            "type",
        ),
    ],
    ids=["event-name", "fields-object", "array"],
)
def test_a_body_off_the_schema_is_400_naming_the_path(
    running: Running, body: Any, problem: str, keyword: str
) -> None:
    answer = post(running, CREATE, body)
    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message == f"Invalid Input! {problem}"
    path = problem.split(" ")[0].rstrip(":")
    assert contract(running) == [(path, f"invalid-input:{keyword}")]


@pytest.mark.parametrize(
    ("changes", "path", "exception_type"),
    [
        ({"ActivityEvent": 999}, "$.ActivityEvent", "MXInvalidActivityException"),
        ({"ActivityDateTime": "25/11/2026"}, "$.ActivityDateTime", INVALID),
        ({"Fields": fields(SUMMARY, ("mx_Custom_42", "x"))}, "$.Fields[1].SchemaName", INVALID),
        ({"Fields": fields(SUMMARY, ("mx_Custom_2", "many"))}, "$.Fields[1].Value", INVALID),
        ({"Fields": fields(SUMMARY, ("mx_Custom_3", "2026-02-30"))}, "$.Fields[1].Value", INVALID),
        ({"Fields": fields(("mx_Custom_1", "x" * 51))}, "$.Fields[0].Value", INVALID),
        ({"Fields": fields(SUMMARY, ("mx_Custom_6", "Maybe"))}, "$.Fields[1].Value", INVALID),
        ({"Fields": fields(("mx_Custom_1", ""))}, "$.Fields[0].Value", INVALID),
        (
            {"Fields": fields(("mx_Custom_2", "1"))},
            "$.Fields",
            "MXMandatoryAttributeMissingException",
        ),
    ],
    ids=[
        "unknown-type",
        "bad-datetime",
        "unknown-field",
        "number",
        "date",
        "max-length",
        "dropdown",
        "mandatory-empty",
        "mandatory-absent",
    ],
)
def test_a_refused_activity_is_a_logical_500_and_nothing_is_stored(
    running: Running, changes: dict[str, Any], path: str, exception_type: str
) -> None:
    before = running.emulator.store.counts()["Activities"]
    answer = post(running, CREATE, visit(**changes))
    assert_envelope(answer, 500, exception_type)
    assert last_exchange(running)["contract"][0]["path"] == path
    assert running.emulator.store.counts()["Activities"] == before
    assert running.emulator.events.entries() == []


def test_validate_dropdown_options_true_skips_the_option_check(running: Running) -> None:
    unlisted = fields(SUMMARY, ("mx_Custom_6", "Maybe"))
    assert post(running, CREATE, visit(Fields=unlisted), ValidateDropDownOptions="true").ok
    assert post(running, CREATE, visit(Fields=unlisted, ValidateDropDownOptions=True)).ok


def test_bulk_add_posts_each_row_on_its_own(running: Running) -> None:
    rows = [visit(), visit(ActivityEvent=999), visit(ActivityNote="third")]
    answer = post(running, BULK_ADD, rows)
    assert answer.status_code == 200
    body = answer.json()
    assert schema_problems("bulk-add-response", body) == []
    first, second, third = body["Response"]
    assert [first["RowNumber"], second["RowNumber"], third["RowNumber"]] == [1, 2, 3]
    assert first["ActivityCreated"] and third["ActivityCreated"]
    assert first["ExceptionMessage"] is None
    assert second == {
        "RowNumber": 2,
        "ActivityCreated": False,
        "ProspectActivityId": None,
        "ExceptionType": "MXInvalidActivityException",
        "ExceptionMessage": "Event Code is invalid or empty",
    }
    stored = running.emulator.store.activity(third["ProspectActivityId"])
    assert stored["ActivityNote"] == "third"
    assert [(v["path"], v["row"]) for v in last_exchange(running)["contract"]] == [
        ("$[1].ActivityEvent", 2)
    ]


def test_bulk_add_reads_validate_dropdown_options_per_row(running: Running) -> None:
    unlisted = fields(SUMMARY, ("mx_Custom_6", "Maybe"))
    rows = [visit(Fields=unlisted, ValidateDropDownOptions=True), visit(Fields=unlisted)]
    results = post(running, BULK_ADD, rows).json()["Response"]
    assert [r["ActivityCreated"] for r in results] == [True, False]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "$ must be a non-empty array of activities"),
        ([{"RelatedProspectId": LEAD, "ActivityEvent": 203}] * 26, "the maximum limit is 25"),
        ({"RelatedProspectId": LEAD, "ActivityEvent": 203}, "$ must be array, not object"),
    ],
    ids=["empty", "26-rows", "object"],
)
def test_bulk_add_refuses_a_bad_batch_whole(running: Running, rows: Any, message: str) -> None:
    before = running.emulator.store.counts()["Activities"]
    answer = post(running, BULK_ADD, rows)
    assert_envelope(answer, 400, "MXInvalidInputException")
    assert message in answer.json()["ExceptionMessage"]
    assert running.emulator.store.counts()["Activities"] == before
