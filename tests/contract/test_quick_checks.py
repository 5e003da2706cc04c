"""The hot path's quick field checks: they pass only what the full check stores as sent.

A value a quick check passes skips `check_value` entirely, so a quick check that passed anything
the full check refuses, converts or notes would change the API's behaviour.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lsq_mock.contract.fields import (
    SYSTEM_DEFINITIONS,
    CheckedValue,
    InvalidValue,
    check_value,
    quick_check,
)
from lsq_mock.contract.schemaset import shipped_schemas

TYPE_FIELD = shipped_schemas().schema("activity-type")["$defs"]["field"]
DATA_TYPES = [*TYPE_FIELD["properties"]["DataType"]["enum"], "Status", "Owner"]

OPTIONS = ["Home", "Car", "Big Car", " Home", "Café", ""]
ALPHABET = "0123456789-:. T+Z;abcHomeCar\u0663\u00a0\t"
TEMPLATES = [
    "2026-11-20",
    "2026-02-30",
    "2026-11-20 10:30:00",
    "2026-11-20 24:00:00",
    "2026-11-20T10:30:00",
    "2026-11-20 10:30:00.5",
    "2026-11-20 10:30:00+05:30",
    "\u0662026-11-20",
    "1e5",
    " 12 ",
    "+.5",
    "Home;Car",
    "Home; Big Car",
    "Home;;Car",
    "TRUE",
    "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59",
    "9F3C2A1E-7B6D-4C5E-8A9F-0E1D2C3B4A59",
]

definitions = st.fixed_dictionaries(
    {"SchemaName": st.just("mx_Custom_1"), "DataType": st.sampled_from(DATA_TYPES)},
    optional={
        "MaxLength": st.integers(0, 30) | st.none(),
        "IsMandatory": st.booleans(),
        "Options": st.lists(st.sampled_from(OPTIONS), max_size=4),
        "IsMultiSelect": st.booleans(),
    },
)
values = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats()
    | st.sampled_from(TEMPLATES + OPTIONS)
    | st.text(ALPHABET, max_size=40)
)


def stored_as_sent(field: dict[str, Any], value: Any, validate_dropdown: bool) -> bool:
    """Whether the full check accepts `value` unchanged and with no contract note."""
    try:
        checked = check_value(field, value, validate_dropdown=validate_dropdown)
    except InvalidValue:
        return False
    return checked == CheckedValue(value) and type(checked.value) is type(value)


@settings(max_examples=1500, deadline=None)
@given(field=definitions, value=values, validate_dropdown=st.booleans())
def test_a_quick_pass_is_a_full_pass_with_the_value_unchanged(
    field: dict[str, Any], value: Any, validate_dropdown: bool
) -> None:
    if quick_check(field, validate_dropdown=validate_dropdown)(value):
        assert stored_as_sent(field, value, validate_dropdown)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ({"DataType": "String", "MaxLength": 5}, "abcde"),
        ({"DataType": "Text"}, "x" * 2000),
        ({"DataType": "Number"}, "-12.50"),
        ({"DataType": "Date"}, "2024-02-29"),
        ({"DataType": "DateTime"}, "2026-11-20 10:30:00"),
        ({"DataType": "Boolean"}, "True"),
        ({"DataType": "Dropdown", "Options": ["Home", "Car"]}, "Car"),
        ({"DataType": "Dropdown", "Options": ["Home", "Car"], "IsMultiSelect": True}, "Home; Car"),
        ({"DataType": "SearchableDropdown", "Options": ["Home"]}, "Home"),
        (SYSTEM_DEFINITIONS["Status"], "Active"),
        (SYSTEM_DEFINITIONS["Owner"], "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"),
    ],
)
def test_the_usual_values_take_the_quick_path(field: dict[str, Any], value: str) -> None:
    field = {"SchemaName": "mx_Custom_1", **field}
    assert quick_check(field)(value)
    assert stored_as_sent(field, value, validate_dropdown=True)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ({"DataType": "String", "IsMandatory": True}, ""),
        ({"DataType": "String", "MaxLength": 3}, "abcd"),
        ({"DataType": "Number"}, 12),
        ({"DataType": "Date"}, "2026-02-30"),
        ({"DataType": "DateTime"}, "2026-11-20T10:30:00Z"),
        ({"DataType": "Boolean"}, True),
        ({"DataType": "Dropdown", "Options": ["Home"]}, "Car"),
    ],
)
def test_anything_else_is_left_to_the_full_check(field: dict[str, Any], value: Any) -> None:
    assert not quick_check({"SchemaName": "mx_Custom_1", **field})(value)
