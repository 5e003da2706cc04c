"""Every field type of the shipped seed over real HTTP: what is stored, what fails a row."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import post, row
from support.envelope import assert_envelope
from support.paths import CREATE, CREATE_TYPE
from support.running import Running
from support.seeded import DEMO, LEAD, LOAN, VISIT

VISIT_OPTIONS = "(options: Scheduled; Completed; Cancelled)"
STRING, TEXT, STATUS = "mx_Custom_1 (String)", "mx_Custom_8 (Text)", "Status"
MANDATORY = "mx_Custom_1 is mandatory and cannot be empty"
NUMBER = "mx_Custom_2 (Number) needs a number; got"
DATE = "mx_Custom_3 (Date) needs a date as YYYY-MM-DD; got"
DATETIME = "mx_Custom_4 (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; got"
BOOLEAN = "mx_Custom_5 (Boolean) needs true, false, 1 or 0; got"
OWNER = "Owner needs a user id (a GUID); got"
ARABIC_2023 = "\u0662\u0660\u0662\u0663"
"""2023 in Arabic-Indic digits, which `\\d` and strptime read as digits: values are read by
ASCII digits only (lsq_mock.digits), so no field type takes them."""
ARABIC_3 = "\u0663"

ACCEPTED: list[tuple[str, str, Any]] = [
    # (activity, SchemaName, sent): each is stored exactly as sent
    (VISIT, "mx_Custom_1", "s" * 50),  # String, MaxLength 50
    (VISIT, "mx_Custom_1", 12345),  # a JSON number in a String field
    (VISIT, "mx_Custom_1", 10**49),  # ... whose 50 digits are just within MaxLength 50
    (VISIT, "mx_Custom_1", True),  # a JSON boolean in a String field
    (VISIT, "mx_Custom_2", "42"),  # Number as text
    (VISIT, "mx_Custom_2", "-3.5"),
    (VISIT, "mx_Custom_2", "5."),
    (VISIT, "mx_Custom_2", ".5"),
    (VISIT, "mx_Custom_2", " 12 "),
    (VISIT, "mx_Custom_2", 7),  # Number as JSON number
    (VISIT, "mx_Custom_2", -2.5),
    (VISIT, "mx_Custom_2", ""),  # optional field emptied
    (VISIT, "mx_Custom_3", "2024-02-29"),  # Date, leap day
    (VISIT, "mx_Custom_4", "2026-12-31 23:59:59"),  # DateTime
    (VISIT, "mx_Custom_5", "false"),  # Boolean
    (VISIT, "mx_Custom_5", "TRUE"),
    (VISIT, "mx_Custom_5", "1"),
    (VISIT, "mx_Custom_5", "0"),
    (VISIT, "mx_Custom_5", True),
    (VISIT, "mx_Custom_6", "Cancelled"),  # Dropdown
    (VISIT, "mx_Custom_7", "Gym;Pool"),  # multi-select Dropdown
    (VISIT, "mx_Custom_7", "Gym; Pool"),
    (VISIT, "mx_Custom_7", "Parking"),
    (VISIT, "mx_Custom_8", "t" * 2000),  # Text, MaxLength 2000
    (VISIT, "mx_Custom_9", "Palm Grove"),  # SearchableDropdown
    (VISIT, "mx_Custom_9", None),
    (VISIT, "Owner", "9F3C2A1E-7B6D-4C5E-8A9F-0E1D2C3B4A59"),  # a GUID in capitals
    (VISIT, "Status", "x" * 200),
    (DEMO, "mx_Custom_1", "d" * 200),  # String, default MaxLength 200
    (LOAN, "mx_Custom_1", "1500000"),  # mandatory Number
    # An empty value clears an optional field of any type: stored as sent, "" or null.
    (DEMO, "mx_Custom_1", ""),
    (VISIT, "mx_Custom_3", ""),
    (VISIT, "mx_Custom_4", ""),
    (VISIT, "mx_Custom_4", None),
    (VISIT, "mx_Custom_5", ""),
    (VISIT, "mx_Custom_5", None),
    (VISIT, "mx_Custom_6", ""),
    (VISIT, "mx_Custom_7", ""),
    (VISIT, "mx_Custom_9", ""),
    (VISIT, "Owner", ""),
    (VISIT, "Owner", None),
]

# fmt: off
REFUSED: list[tuple[str, str, Any, str, str]] = [
    # (activity, SchemaName, sent, the row's whole message, the rule it is journaled with)
    (VISIT, "mx_Custom_1", "s" * 51, f"{STRING} allows at most 50 characters; got 51",
     "invalid-value:String"),
    (VISIT, "mx_Custom_1", 10**50, f"{STRING} allows at most 50 characters; got 51",
     "invalid-value:String"),
    (DEMO, "mx_Custom_1", "d" * 201, f"{STRING} allows at most 200 characters; got 201",
     "invalid-value:String"),
    (VISIT, "mx_Custom_8", "t" * 2001, f"{TEXT} allows at most 2000 characters; got 2001",
     "invalid-value:Text"),
    (VISIT, "Status", "x" * 201, f"{STATUS} allows at most 200 characters; got 201",
     "invalid-value:Status"),
    (VISIT, "mx_Custom_1", "", MANDATORY, "mandatory-field:String"),
    (VISIT, "mx_Custom_1", None, MANDATORY, "mandatory-field:String"),
    (LOAN, "mx_Custom_1", "", MANDATORY, "mandatory-field:Number"),
    (VISIT, "mx_Custom_2", "twelve", f"{NUMBER} 'twelve'", "invalid-value:Number"),
    (VISIT, "mx_Custom_2", "1,000", f"{NUMBER} '1,000'", "invalid-value:Number"),
    (VISIT, "mx_Custom_2", "1e5", f"{NUMBER} '1e5'", "invalid-value:Number"),
    (VISIT, "mx_Custom_2", ".", f"{NUMBER} '.'", "invalid-value:Number"),
    (VISIT, "mx_Custom_2", True, f"{NUMBER} True", "invalid-value:Number"),
    (VISIT, "mx_Custom_3", "2023-02-30", f"{DATE} '2023-02-30'", "invalid-value:Date"),
    (VISIT, "mx_Custom_3", "2023-13-01", f"{DATE} '2023-13-01'", "invalid-value:Date"),
    (VISIT, "mx_Custom_3", "01/02/2023", f"{DATE} '01/02/2023'", "invalid-value:Date"),
    (VISIT, "mx_Custom_3", "20261120", f"{DATE} '20261120'", "invalid-value:Date"),
    (VISIT, "mx_Custom_3", 20261120, f"{DATE} 20261120", "invalid-value:Date"),
    (VISIT, "mx_Custom_3", "2023-01-01 10:00:00", f"{DATE} '2023-01-01 10:00:00'",
     "invalid-value:Date"),
    (VISIT, "mx_Custom_4", "2023-02-30 10:00:00", f"{DATETIME} '2023-02-30 10:00:00'",
     "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", f"{ARABIC_2023}-02-30 10:00:00",
     f"{DATETIME} '{ARABIC_2023}-02-30 10:00:00'", "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", f"{ARABIC_2023}-11-20 10:30:00",
     f"{DATETIME} '{ARABIC_2023}-11-20 10:30:00'", "invalid-value:DateTime"),
    (VISIT, "mx_Custom_3", f"{ARABIC_2023}-11-20", f"{DATE} '{ARABIC_2023}-11-20'",
     "invalid-value:Date"),
    (VISIT, "mx_Custom_2", ARABIC_3, f"{NUMBER} '{ARABIC_3}'", "invalid-value:Number"),
    (VISIT, "mx_Custom_2", "\u00b2", f"{NUMBER} '\u00b2'", "invalid-value:Number"),
    (VISIT, "mx_Custom_4", "2023-01-01 25:00:00", f"{DATETIME} '2023-01-01 25:00:00'",
     "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", "2023-01-01 10:61:00", f"{DATETIME} '2023-01-01 10:61:00'",
     "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", "2023-02-30T10:00:00Z", f"{DATETIME} '2023-02-30T10:00:00Z'",
     "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", "yesterday", f"{DATETIME} 'yesterday'", "invalid-value:DateTime"),
    (VISIT, "mx_Custom_4", 1700000000, f"{DATETIME} 1700000000", "invalid-value:DateTime"),
    (VISIT, "mx_Custom_5", "yes", f"{BOOLEAN} 'yes'", "invalid-value:Boolean"),
    (VISIT, "mx_Custom_5", 0, f"{BOOLEAN} 0, a JSON number: send '1' or '0' as text",
     "invalid-value:Boolean"),
    (VISIT, "mx_Custom_6", "Postponed",
     f"'Postponed' is not an option of mx_Custom_6 {VISIT_OPTIONS}", "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_6", "scheduled",  # options are case-sensitive
     f"'scheduled' is not an option of mx_Custom_6 {VISIT_OPTIONS}", "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_6", "Scheduled;Completed",  # not multi-select
     f"'Scheduled;Completed' is not an option of mx_Custom_6 {VISIT_OPTIONS}",
     "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_6", 3,
     f"'3' is not an option of mx_Custom_6 {VISIT_OPTIONS}", "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_6", True,
     f"'true' is not an option of mx_Custom_6 {VISIT_OPTIONS}", "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_6", False,
     f"'false' is not an option of mx_Custom_6 {VISIT_OPTIONS}", "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_7", "Parking;Sauna",
     "'Sauna' is not an option of mx_Custom_7 (options: Parking; Lift; Gym; Pool)",
     "invalid-value:Dropdown"),
    (VISIT, "mx_Custom_9", "Hill Top",
     "'Hill Top' is not an option of mx_Custom_9 (options: Green Meadows; Lake View; Palm Grove)",
     "invalid-value:SearchableDropdown"),
    (VISIT, "Owner", "not-a-guid", f"{OWNER} 'not-a-guid'", "invalid-value:Owner"),
    (VISIT, "Owner", 42, f"{OWNER} 42", "invalid-value:Owner"),
]
# fmt: on


def stored(activity: dict[str, Any], name: str) -> Any:
    """The value of `name` on a stored activity: a system field's on the activity itself."""
    return activity[name] if name in ("Status", "Owner") else activity["Fields"][name]


@pytest.mark.parametrize(("activity_id", "name", "sent"), ACCEPTED)
def test_accepted_value_is_stored_as_sent(
    running: Running, activity_id: str, name: str, sent: Any
) -> None:
    answer = running.bulk_update([row(activity_id, (name, sent))])
    assert answer.status_code == 200
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    kept = stored(running.emulator.store.activity(activity_id), name)
    assert (kept, type(kept)) == (sent, type(sent))


NEAR_MISSES = {
    "scheduled": "did you mean 'Scheduled'?",
    "Scheduled;Completed": "did you mean 'Scheduled' or 'Completed'?",
}
"""The journal's hint for a refused dropdown value that is close to an option (never sent)."""


@pytest.mark.parametrize(("activity_id", "name", "sent", "message", "rule"), REFUSED)
def test_refused_value_fails_the_row_and_changes_nothing(
    running: Running, activity_id: str, name: str, sent: Any, message: str, rule: str
) -> None:
    before = running.emulator.store.activity(activity_id)
    answer = running.bulk_update([row(activity_id, (name, sent))])
    assert answer.status_code == 200
    assert answer.json()["Response"] == [
        {
            "RowNumber": 1,
            "ActivityUpdated": False,
            "ExceptionType": "MXInvalidInputException",
            "ExceptionMessage": message,
        }
    ]
    assert running.emulator.store.activity(activity_id) == before
    assert running.emulator.events.entries() == []
    near_miss = NEAR_MISSES.get(sent) if isinstance(sent, str) else None
    assert running.emulator.journal.entries()[-1]["contract"][-1] == {
        "path": "$[0].Fields[0].Value",
        "rule": rule,
        "kind": "outcome" if rule.startswith("mandatory-field") else "contract",
        "message": message,
        "value": sent,
        "row": 1,
        **({"hint": near_miss} if near_miss else {}),
    }


def test_system_fields_status_and_owner(running: Running) -> None:
    new_owner = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
    answer = running.bulk_update([row(DEMO, ("Status", "Closed"), ("Owner", new_owner))])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    stored = running.emulator.store.activity(DEMO)
    assert (stored["Status"], stored["Owner"]) == ("Closed", new_owner)
    assert "Status" not in stored["Fields"] and "Owner" not in stored["Fields"]
    change_names = {c["SchemaName"] for c in running.emulator.events.entries()[-1]["Changes"]}
    assert change_names == {"Status", "Owner"}


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
    [
        ("mx_Custom_6", "Postponed"),
        ("mx_Custom_7", "Parking;Sauna"),
        ("mx_Custom_9", "Hill Top"),
        ("mx_Custom_6", ""),  # an empty value still clears, stored as sent
        ("mx_Custom_9", None),
    ],
)
def test_validate_dropdown_options_on_the_row_skips_validation(
    running: Running, name: str, sent: str | None
) -> None:
    answer = running.bulk_update([row(VISIT, (name, sent), ValidateDropDownOptions=True)])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    assert running.emulator.store.activity(VISIT)["Fields"][name] == sent


def dropdown_type(running: Running, name: str, options: list[str], **field: Any) -> int:
    """The code of a new activity type `name`, made by CreateType, whose one field is a
    dropdown of `options`."""
    definition = {"SchemaName": "mx_Custom_1", "DataType": "Dropdown", **field}
    body = {
        "ActivityEventName": name,
        "Fields": [{**definition, "OptionSet": [{"Value": option} for option in options]}],
    }
    answer = post(running, CREATE_TYPE, body)
    assert answer.status_code == 200, answer.text
    return int(answer.json()["Message"]["Id"])


def post_dropdown(running: Running, code: int, value: str, **params: str) -> Any:
    """Post an activity of type `code` with its dropdown set to `value`."""
    field = {"SchemaName": "mx_Custom_1", "Value": value}
    body = {"RelatedProspectId": LEAD, "ActivityEvent": code, "Fields": [field]}
    return post(running, CREATE, body, **params)


def test_skipping_dropdown_validation_keeps_a_mandatory_dropdown_mandatory(
    running: Running,
) -> None:
    code = dropdown_type(running, "Deal Stage", ["Open", "Won"], IsMandatory=True)

    kept = post_dropdown(running, code, "Lost", ValidateDropDownOptions="true")
    empty = post_dropdown(running, code, "", ValidateDropDownOptions="true")

    assert kept.status_code == 200, kept.text
    stored = running.emulator.store.activity(kept.json()["Message"]["Id"])
    assert stored["Fields"] == {"mx_Custom_1": "Lost"}
    assert assert_envelope(empty, 500, "MXInvalidInputException") == (
        "mx_Custom_1 is mandatory and cannot be empty"
    )


def test_a_multi_select_value_is_read_option_by_option_even_if_whole_it_is_one(
    running: Running,
) -> None:
    """A multi-select's value is its options joined by ';': an option holding a ';' is read
    as two, so it cannot be chosen (in a single-select dropdown it can)."""
    multi = dropdown_type(running, "Outcomes", ["Open;Won"], IsMultiSelectDropdown=True)
    single = dropdown_type(running, "Outcome", ["Open;Won"])

    refused = post_dropdown(running, multi, "Open;Won")
    taken = post_dropdown(running, single, "Open;Won")

    assert assert_envelope(refused, 500, "MXInvalidInputException") == (
        "'Open' is not an option of mx_Custom_1 (options: Open;Won)"
    )
    assert taken.status_code == 200, taken.text


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


def test_number_value_is_a_contract_violation_but_accepted(running: Running) -> None:
    """The strict schema wants every Value as a string; a JSON number is journaled."""
    answer = running.bulk_update([row(VISIT, ("mx_Custom_2", 5))])
    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    paths = [v["path"] for v in running.emulator.journal.entries()[-1]["contract"]]
    assert "$[0].Fields[0].Value" in paths
