"""Updating one activity over HTTP (CustomActivity/Update): the bulk update's rules, one row."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, last_exchange, post, schema_problems
from support.envelope import assert_envelope
from support.paths import UPDATE
from support.running import Running
from support.seeded import DEMO, VISIT


def test_update_applies_the_row_and_answers_the_id(running: Running) -> None:
    row = {
        "ProspectActivityId": VISIT,
        "ActivityNote": "Visit went well",
        "Fields": [
            {"SchemaName": "mx_Custom_6", "Value": "Cancelled"},
            {"SchemaName": "Status", "Value": "Closed"},
        ],
    }
    running.fake_time.now += 90
    answer = post(running, UPDATE, row)
    assert answer.status_code == 200
    assert answer.json() == {"Status": "Success", "Message": {"Id": VISIT}}
    assert schema_problems("activity-saved-response", answer.json()) == []
    stored = running.emulator.store.activity(VISIT)
    assert stored["Fields"]["mx_Custom_6"] == "Cancelled"
    assert stored["Status"] == "Closed"
    assert stored["ActivityNote"] == "Visit went well"
    assert stored["ModifiedOn"] == running.emulator.clock.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    [event] = running.emulator.events.entries()
    assert event["EventType"] == "Activity Update"
    assert event["Changes"] == [
        {"SchemaName": "mx_Custom_6", "OldValue": "Completed", "NewValue": "Cancelled"},
        {"SchemaName": "Status", "OldValue": "Active", "NewValue": "Closed"},
        {
            "SchemaName": "ActivityNote",
            "OldValue": "Walked through the show flat",
            "NewValue": "Visit went well",
        },
    ]
    assert (last_exchange(running)["status"], last_exchange(running)["contract"]) == (200, [])


def test_an_unknown_activity_is_a_logical_500(running: Running) -> None:
    answer = post(running, UPDATE, {"ProspectActivityId": "no-such-activity", "Fields": []})
    assert_envelope(answer, 500, "MXInvalidEntityException")
    assert "no-such-activity" in answer.json()["ExceptionMessage"]
    assert contract(running) == [("$.ProspectActivityId", "unknown-activity")]


def test_a_refused_row_changes_nothing(running: Running) -> None:
    before = running.emulator.store.activity(VISIT)
    row = {
        "ProspectActivityId": VISIT,
        "ActivityNote": "never saved",
        "Fields": [
            {"SchemaName": "mx_Custom_2", "Value": "4"},
            {"SchemaName": "mx_Custom_5", "Value": "perhaps"},
        ],
    }
    answer = post(running, UPDATE, row)
    assert_envelope(answer, 500, "MXInvalidInputException")
    assert contract(running) == [("$.Fields[1].Value", "invalid-value:Boolean")]
    assert running.emulator.store.activity(VISIT) == before
    assert running.emulator.events.entries() == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            {"ProspectActivityId": DEMO, "Fields": [{"Value": "x"}]},
            "$.Fields[0].SchemaName is required",
        ),
        ([{"ProspectActivityId": DEMO}], "$ must be object, not array"),
    ],
    ids=["no-schema-name", "bulk-array"],
)
def test_a_body_off_the_schema_is_400_naming_the_path(
    running: Running, body: Any, problem: str
) -> None:
    answer = post(running, UPDATE, body)
    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message == f"Invalid Input! {problem}"


def test_tolerated_but_wrong_input_is_answered_and_journaled(running: Running) -> None:
    row = {
        "ProspectActivityId": DEMO,
        "Fields": [
            {"SchemaName": "mx_Custom_2", "Value": 2017},
            {"SchemaName": "mx_Custom_4", "Value": "2016-09-18T12:12:12"},
        ],
        "Comment": "x",
    }
    assert post(running, UPDATE, row).status_code == 200
    assert sorted(contract(running)) == [
        ("$.Comment", "contract:unknown-key"),
        ("$.Fields[0].Value", "contract:type"),
        ("$.Fields[1].Value", "datetime-format"),
    ]
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_4"] == ("2016-09-18 12:12:12")


@pytest.mark.parametrize(
    "fields",
    [
        [{"SchemaName": "mx_Custom_9", "Value": "x"}],
        [{"SchemaName": "mx_Custom_2", "Value": "two"}],
        [{"SchemaName": "mx_Custom_1", "Value": None}],
        [{"SchemaName": "mx_Custom_7", "Value": "Parking;Sauna"}],
        [{"SchemaName": "Owner", "Value": "someone"}],
    ],
    ids=["unknown-field", "number", "mandatory-cleared", "multi-select", "owner"],
)
def test_single_and_bulk_update_refuse_a_row_alike(
    running: Running, fields: list[dict[str, Any]]
) -> None:
    row = {"ProspectActivityId": VISIT, "Fields": fields}
    single = post(running, UPDATE, row).json()
    [bulk_row] = running.bulk_update([row]).json()["Response"]
    assert bulk_row["ActivityUpdated"] is False
    assert (single["ExceptionType"], single["ExceptionMessage"]) == (
        bulk_row["ExceptionType"],
        bulk_row["ExceptionMessage"],
    )


def test_validate_dropdown_options_skips_the_option_check(running: Running) -> None:
    row = {
        "ProspectActivityId": VISIT,
        "Fields": [{"SchemaName": "mx_Custom_6", "Value": "Later"}],
    }
    assert post(running, UPDATE, row).status_code == 500
    assert post(running, UPDATE, row, ValidateDropDownOptions="true").status_code == 200
    assert post(running, UPDATE, {**row, "ValidateDropDownOptions": True}).status_code == 200
