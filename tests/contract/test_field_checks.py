"""Each data type's field check, built once per field: what it stores as sent, what it stores
converted with a note, and what it refuses (with the rule's suffix). The one path every write's
values take (issue 25: no quick path beside a full one)."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.contract.fields import (
    SYSTEM_DEFINITIONS,
    InvalidValue,
    MandatoryValueMissing,
    check_value,
    field_check,
)

GUID = "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"


def field(data_type: str, **more: Any) -> dict[str, Any]:
    return {"SchemaName": "mx_Custom_1", "DataType": data_type, **more}


STORED_AS_SENT = [
    (field("String", MaxLength=5), "abcde"),
    (field("String"), "x" * 200),
    (field("String"), 12),
    (field("Text"), "x" * 2000),
    (field("Number"), "-12.50"),
    (field("Number"), " 12 "),
    (field("Number"), "+.5"),
    (field("Number"), 3.5),
    (field("Date"), "2024-02-29"),
    (field("DateTime"), "2026-11-20 10:30:00"),
    (field("Boolean"), "True"),
    (field("Boolean"), False),
    (field("Dropdown", Options=["Home", "Car"]), "Car"),
    (field("Dropdown", Options=["Home", "Big Car"], IsMultiSelect=True), "Home; Big Car"),
    (field("SearchableDropdown", Options=["Home"]), "Home"),
    (SYSTEM_DEFINITIONS["Status"], "Active"),
    (SYSTEM_DEFINITIONS["Owner"], GUID.upper()),
    (field("Number", IsMandatory=False), ""),
    (field("Date"), None),
]


@pytest.mark.parametrize(("definition", "value"), STORED_AS_SENT)
def test_a_valid_value_is_stored_as_sent_with_no_note(
    definition: dict[str, Any], value: Any
) -> None:
    notes: list[str] = []
    assert field_check(definition)(value, notes) is value
    assert notes == []


@pytest.mark.parametrize(
    ("value", "stored", "cause"),
    [
        ("2026-11-20T10:30:00", "2026-11-20 10:30:00", "a 'T' separator"),
        ("2026-11-20T16:00:00+05:30", "2026-11-20 10:30:00", "a 'T' separator and a timezone"),
        ("2026-11-20 10:30:00.5", "2026-11-20 10:30:00", "fractional seconds"),
        ("2026-11-20", "2026-11-20 00:00:00", "a non-standard layout"),
    ],
)
def test_a_tolerated_datetime_is_stored_as_utc_with_a_note(
    value: str, stored: str, cause: str
) -> None:
    checked = check_value(field("DateTime"), value)
    assert checked.value == stored
    [note] = checked.notes
    assert cause in note and repr(stored) in note


@pytest.mark.parametrize(
    ("definition", "value", "says"),
    [
        (field("String", MaxLength=3), "abcd", "allows at most 3 characters; got 4"),
        (field("Number"), "1e5", "needs a number"),
        (field("Number"), float("nan"), "needs a number"),
        (field("Number"), True, "needs a number"),
        (field("Date"), "2026-02-30", "needs a date as YYYY-MM-DD"),
        (field("Date"), "\u0662026-11-20", "needs a date as YYYY-MM-DD"),
        # digits are ASCII only (lsq_mock.digits), as for every number read from text
        (field("DateTime"), "\u0662026-11-20 10:30:00", "needs a UTC date and time"),
        (field("Number"), "\u0663", "needs a number"),
        (field("DateTime"), "2026-11-20 24:00:00", "needs a UTC date and time"),
        (field("DateTime"), 20261120, "needs a UTC date and time"),
        (field("Boolean"), "yes", "needs true, false, 1 or 0; got 'yes'"),
        (field("Boolean"), 1, "a JSON number: send '1' or '0' as text"),
        (field("Dropdown", Options=["Home"]), "home", "'home' is not an option of mx_Custom_1"),
        (field("Dropdown", Options=["Home", "Car"], IsMultiSelect=True), "Home;;Car", "''"),
        (SYSTEM_DEFINITIONS["Owner"], "not-a-guid", "Owner needs a user id"),
    ],
)
def test_a_refused_value_raises_saying_why(
    definition: dict[str, Any], value: Any, says: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        field_check(definition)(value, [])
    assert says in str(refused.value)
    assert refused.value.rule == "invalid-value"


def test_skipping_dropdown_validation_takes_any_option() -> None:
    assert field_check(field("Dropdown", Options=["Home"]), validate_dropdown=False)("X", []) == "X"


@pytest.mark.parametrize("empty", ["", None])
def test_a_mandatory_field_refuses_an_empty_value(empty: Any) -> None:
    with pytest.raises(MandatoryValueMissing) as refused:
        field_check(field("Number", IsMandatory=True))(empty, [])
    assert str(refused.value) == "mx_Custom_1 is mandatory and cannot be empty"
    assert refused.value.rule == "mandatory-field"
