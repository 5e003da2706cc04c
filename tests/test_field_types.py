"""Every field type of the shipped seed over real HTTP: what is stored, what fails a row."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import row
from support.running import Running
from support.seeded import DEMO, LOAN, VISIT

OWNER = "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"

ACCEPTED: list[tuple[str, str, Any, Any]] = [
    # (activity, SchemaName, sent, stored)
    (VISIT, "mx_Custom_1", "s" * 50, "s" * 50),  # String, MaxLength 50
    (VISIT, "mx_Custom_2", "42", "42"),  # Number as text
    (VISIT, "mx_Custom_2", "-3.5", "-3.5"),
    (VISIT, "mx_Custom_2", 7, 7),  # Number as JSON number
    (VISIT, "mx_Custom_2", "", ""),  # optional field emptied
    (VISIT, "mx_Custom_3", "2024-02-29", "2024-02-29"),  # Date, leap day
    (VISIT, "mx_Custom_4", "2026-12-31 23:59:59", "2026-12-31 23:59:59"),  # DateTime
    (VISIT, "mx_Custom_5", "false", "false"),  # Boolean
    (VISIT, "mx_Custom_5", "1", "1"),
    (VISIT, "mx_Custom_5", True, True),
    (VISIT, "mx_Custom_6", "Cancelled", "Cancelled"),  # Dropdown
    (VISIT, "mx_Custom_7", "Gym;Pool", "Gym;Pool"),  # multi-select Dropdown
    (VISIT, "mx_Custom_7", "Parking", "Parking"),
    (VISIT, "mx_Custom_8", "t" * 2000, "t" * 2000),  # Text, MaxLength 2000
    (VISIT, "mx_Custom_9", "Palm Grove", "Palm Grove"),  # SearchableDropdown
    (VISIT, "mx_Custom_9", None, None),
    (DEMO, "mx_Custom_1", "d" * 200, "d" * 200),  # String, default MaxLength 200
    (LOAN, "mx_Custom_1", "1500000", "1500000"),  # mandatory Number
]

REFUSED: list[tuple[str, str, Any, str]] = [
    # (activity, SchemaName, sent, words in the row's message)
    (VISIT, "mx_Custom_1", "s" * 51, "at most 50"),
    (DEMO, "mx_Custom_1", "d" * 201, "at most 200"),
    (VISIT, "mx_Custom_8", "t" * 2001, "at most 2000"),
    (VISIT, "mx_Custom_1", "", "mandatory"),  # mandatory field emptied
    (VISIT, "mx_Custom_1", None, "mandatory"),
    (LOAN, "mx_Custom_1", "", "mandatory"),
    (VISIT, "mx_Custom_2", "twelve", "number"),
    (VISIT, "mx_Custom_2", "1,000", "number"),
    (VISIT, "mx_Custom_2", True, "number"),
    (VISIT, "mx_Custom_3", "2023-02-30", "YYYY-MM-DD"),  # impossible date
    (VISIT, "mx_Custom_3", "2023-13-01", "YYYY-MM-DD"),
    (VISIT, "mx_Custom_3", "01/02/2023", "YYYY-MM-DD"),
    (VISIT, "mx_Custom_3", "2023-01-01 10:00:00", "YYYY-MM-DD"),
    (VISIT, "mx_Custom_4", "2023-02-30 10:00:00", "YYYY-MM-DD HH:MM:SS"),  # impossible date
    (VISIT, "mx_Custom_4", "2023-01-01 25:00:00", "YYYY-MM-DD HH:MM:SS"),  # hour 25
    (VISIT, "mx_Custom_4", "2023-01-01 10:61:00", "YYYY-MM-DD HH:MM:SS"),
    (VISIT, "mx_Custom_4", "2023-02-30T10:00:00Z", "YYYY-MM-DD HH:MM:SS"),
    (VISIT, "mx_Custom_4", "yesterday", "YYYY-MM-DD HH:MM:SS"),
    (VISIT, "mx_Custom_4", 1700000000, "YYYY-MM-DD HH:MM:SS"),
    (VISIT, "mx_Custom_5", "yes", "true, false, 1 or 0"),
    (VISIT, "mx_Custom_6", "Postponed", "not an option"),
    (VISIT, "mx_Custom_6", "scheduled", "not an option"),  # options are case-sensitive
    (VISIT, "mx_Custom_6", "Scheduled;Completed", "not an option"),  # not multi-select
    (VISIT, "mx_Custom_7", "Parking;Sauna", "'Sauna' is not an option"),
    (VISIT, "mx_Custom_9", "Hill Top", "not an option"),
    (VISIT, "Owner", "not-a-guid", "GUID"),
    (VISIT, "Status", "x" * 201, "at most 200"),
]


@pytest.mark.parametrize(("activity_id", "name", "sent", "stored"), ACCEPTED)
def test_accepted_value_is_stored(
    running: Running, activity_id: str, name: str, sent: Any, stored: Any
) -> None:
    answer = running.bulk_update([row(activity_id, (name, sent))])
    assert answer.status_code == 200
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert running.emulator.store.activity(activity_id)["Fields"][name] == stored


@pytest.mark.parametrize(("activity_id", "name", "sent", "words"), REFUSED)
def test_refused_value_fails_the_row_and_changes_nothing(
    running: Running, activity_id: str, name: str, sent: Any, words: str
) -> None:
    before = running.emulator.store.activity(activity_id)
    answer = running.bulk_update([row(activity_id, (name, sent))])
    assert answer.status_code == 200
    (result,) = answer.json()["Response"]
    assert result["RowNumber"] == 1
    assert result["ActivityUpdated"] is False
    assert result["ExceptionType"] == "MXInvalidInputException"
    assert words in result["ExceptionMessage"]
    assert running.emulator.store.activity(activity_id) == before
    assert running.emulator.events.entries() == []
    violation = running.emulator.journal.entries()[-1]["contract"][-1]
    assert violation["path"] == "$[0].Fields[0].Value"
    expected_rule = "mandatory-field:" if words == "mandatory" else "invalid-value:"
    assert violation["rule"].startswith(expected_rule)
    assert violation["row"] == 1


def test_system_fields_status_and_owner(running: Running) -> None:
    new_owner = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    answer = running.bulk_update([row(DEMO, ("Status", "Closed"), ("Owner", new_owner))])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    stored = running.emulator.store.activity(DEMO)
    assert (stored["Status"], stored["Owner"]) == ("Closed", new_owner)
    assert "Status" not in stored["Fields"] and "Owner" not in stored["Fields"]
    change_names = {c["SchemaName"] for c in running.emulator.events.entries()[-1]["Changes"]}
    assert change_names == {"Status", "Owner"}
    assert stored["Owner"] != OWNER


def test_activity_note_is_updated(running: Running) -> None:
    answer = running.bulk_update([row(VISIT, ActivityNote="Second visit booked")])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    assert running.emulator.store.activity(VISIT)["ActivityNote"] == "Second visit booked"
    (event,) = running.emulator.events.entries()
    assert event["Changes"] == [
        {
            "SchemaName": "ActivityNote",
            "OldValue": "Walked through the show flat",
            "NewValue": "Second visit booked",
        }
    ]


def test_null_activity_note_keeps_the_note(running: Running) -> None:
    running.bulk_update([row(VISIT, ("mx_Custom_2", "3"), ActivityNote=None)])
    assert running.emulator.store.activity(VISIT)["ActivityNote"] == "Walked through the show flat"


@pytest.mark.parametrize(
    ("name", "sent"),
    [("mx_Custom_6", "Postponed"), ("mx_Custom_7", "Parking;Sauna"), ("mx_Custom_9", "Hill Top")],
)
def test_validate_dropdown_options_on_the_row_skips_validation(
    running: Running, name: str, sent: str
) -> None:
    answer = running.bulk_update([row(VISIT, (name, sent), ValidateDropDownOptions=True)])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    assert running.emulator.store.activity(VISIT)["Fields"][name] == sent


def test_validate_dropdown_options_on_one_row_only(running: Running) -> None:
    rows = [
        row(VISIT, ("mx_Custom_6", "Postponed"), ValidateDropDownOptions=True),
        row(VISIT, ("mx_Custom_6", "Postponed")),
        row(VISIT, ("mx_Custom_6", "Postponed"), ValidateDropDownOptions=False),
    ]
    results = running.bulk_update(rows).json()["Response"]
    assert [r["ActivityUpdated"] for r in results] == [True, False, False]


@pytest.mark.parametrize("flag", ["true", "True", "TRUE"])
def test_validate_dropdown_options_as_query_parameter(running: Running, flag: str) -> None:
    answer = running.bulk_update(
        [row(VISIT, ("mx_Custom_6", "Postponed"))], params={"ValidateDropDownOptions": flag}
    )
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_6"] == "Postponed"


def test_query_parameter_false_keeps_validation(running: Running) -> None:
    answer = running.bulk_update(
        [row(VISIT, ("mx_Custom_6", "Postponed"))], params={"ValidateDropDownOptions": "false"}
    )
    assert answer.json()["Response"][0]["ActivityUpdated"] is False


def test_skipping_dropdown_validation_keeps_other_checks(running: Running) -> None:
    answer = running.bulk_update(
        [row(VISIT, ("mx_Custom_6", "Postponed"), ("mx_Custom_2", "many"))],
        params={"ValidateDropDownOptions": "true"},
    )
    assert answer.json()["Response"][0]["ActivityUpdated"] is False
    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_6"] == "Completed"


def test_validate_dropdown_options_must_be_boolean(running: Running) -> None:
    answer = running.bulk_update([row(VISIT, ("mx_Custom_6", "x"), ValidateDropDownOptions="true")])
    assert answer.status_code == 400
    assert "$[0].ValidateDropDownOptions" in answer.json()["ExceptionMessage"]


@pytest.mark.parametrize(
    ("sent", "stored", "problem"),
    [
        ("2026-11-20T10:30:00", "2026-11-20 10:30:00", "'T' separator"),
        ("2026-11-20T10:30:00Z", "2026-11-20 10:30:00", "'T' separator and a timezone"),
        ("2026-11-20T16:00:00+05:30", "2026-11-20 10:30:00", "'T' separator and a timezone"),
        ("2026-11-20 05:30:00-05:00", "2026-11-20 10:30:00", "a timezone"),
        ("2026-11-20 10:30:00.000", "2026-11-20 10:30:00", "fractional seconds"),
        ("2026-11-20T23:30:00-02:00", "2026-11-21 01:30:00", "'T' separator and a timezone"),
    ],
)
def test_non_standard_datetime_is_stored_as_utc_and_journaled(
    running: Running, sent: str, stored: str, problem: str
) -> None:
    rows = [
        row(DEMO, ("mx_Custom_1", "ok")),
        row(VISIT, ("mx_Custom_1", "x"), ("mx_Custom_4", sent)),
    ]
    answer = running.bulk_update(rows)
    assert answer.json()["Response"][1] == {"RowNumber": 2, "ActivityUpdated": True}
    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_4"] == stored
    contract = running.emulator.journal.entries()[-1]["contract"]
    notes = [v for v in contract if v["rule"] == "datetime-format"]
    assert len(notes) == 1
    assert notes[0]["path"] == "$[1].Fields[1].Value"
    assert notes[0]["row"] == 2
    assert notes[0]["value"] == sent
    assert problem in notes[0]["message"]
    assert stored in notes[0]["message"]


def test_standard_datetime_has_no_violation(running: Running) -> None:
    running.bulk_update([row(VISIT, ("mx_Custom_4", "2026-11-20 10:30:00"))])
    assert running.emulator.journal.entries()[-1]["contract"] == []


def test_number_value_is_a_contract_violation_but_accepted(running: Running) -> None:
    """The strict schema wants every Value as a string; a JSON number is journaled."""
    answer = running.bulk_update([row(VISIT, ("mx_Custom_2", 5))])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    paths = [v["path"] for v in running.emulator.journal.entries()[-1]["contract"]]
    assert "$[0].Fields[0].Value" in paths
