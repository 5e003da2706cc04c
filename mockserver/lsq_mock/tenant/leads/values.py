"""One lead value: checked by its field's DataType as activity values are (`contract.fields`),
stored as the API reads it back (numbers and flags as text), and keyed for uniqueness."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lsq_mock.contract.fields import CheckedValue, InvalidValue, check_value
from lsq_mock.tenant.leads.schema import GUID

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"[0-9+\-() .]*[0-9][0-9+\-() .]*")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?")
_NOT_DIGITS = re.compile(r"\D")
PHONE_KEY_DIGITS = 10
"""Phones match on their last ten digits: the vendor's phone lookup takes a number 'with or
without the country-code', so +91-9876543210 and 9876543210 are one phone."""
EXACT_INTEGERS = 2**53
"""The largest integer a JSON number (a double) holds exactly."""
LEAD_DATETIME_SUFFIX = ".000"
"""What lead answers add to a stored 'YYYY-MM-DD HH:MM:SS' (the vendor's samples show it)."""


def check_lead_value(definition: dict[str, Any], value: Any) -> CheckedValue:
    """The value to store for a lead field (None for an empty one), or InvalidValue."""
    data_type = definition["DataType"]
    if value is None or value == "":
        check_value({**definition, "DataType": "String"}, value)  # raises if mandatory
        return CheckedValue(None)
    checked = _CHECKS[data_type](definition, value)
    return CheckedValue(_as_text(checked.value), checked.notes)


def _as_text(value: Any) -> str:
    """A stored value as the API reads it back: text (a JSON 25 or 25.0 reads "25"; a float
    past the integers a double holds exactly keeps its exponent: 1e308 reads "1e+308")."""
    if isinstance(value, float) and value.is_integer() and abs(value) <= EXACT_INTEGERS:
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _like(data_type: str, **extra: Any) -> Callable[[dict[str, Any], Any], CheckedValue]:
    """A check by the activity check of `data_type`, keeping the field's name and limits."""

    def check(definition: dict[str, Any], value: Any) -> CheckedValue:
        return check_value({**definition, "DataType": data_type, **extra}, value)

    return check


def _check_text(definition: dict[str, Any], value: Any) -> CheckedValue:
    """Text is checked as it will be stored (a JSON number or flag as its text), so MaxLength
    holds for what a read answers."""
    try:
        return check_value({**definition, "DataType": "String"}, _as_text(value))
    except InvalidValue as error:  # named by the field's own DataType, not the check's
        name = definition["SchemaName"]
        message = str(error).replace(f"{name} (String)", f"{name} ({definition['DataType']})")
        raise type(error)(message, error.hint) from None


def _check_shaped(
    shape: re.Pattern[str], what: str
) -> Callable[[dict[str, Any], Any], CheckedValue]:
    def check(definition: dict[str, Any], value: Any) -> CheckedValue:
        checked = _check_text(definition, value)
        if not isinstance(value, str) or shape.fullmatch(value.strip()) is None:
            raise InvalidValue(
                f"{definition['SchemaName']} ({definition['DataType']}) needs {what}"
            )
        return checked

    return check


def _check_boolean(definition: dict[str, Any], value: Any) -> CheckedValue:
    check_value({**definition, "DataType": "Boolean"}, value)
    text = str(value).lower()
    return CheckedValue("1" if text in ("true", "1") else "0")


def _check_date(definition: dict[str, Any], value: Any) -> CheckedValue:
    """A Date field takes a date, or a date and time (the vendor renders Date fields as either)."""
    if isinstance(value, str) and len(value) == 10:
        return check_value({**definition, "DataType": "Date"}, value)
    try:
        return check_value({**definition, "DataType": "DateTime"}, value)
    except InvalidValue:
        raise InvalidValue(
            f"{definition['SchemaName']} (Date) needs YYYY-MM-DD or YYYY-MM-DD HH:MM:SS; "
            f"got {value!r}"
        ) from None


def _check_guid(definition: dict[str, Any], value: Any) -> CheckedValue:
    try:
        return check_value({**definition, "DataType": "Owner"}, value)
    except InvalidValue:
        raise InvalidValue(
            f"{definition['SchemaName']} needs a GUID (a user or record id); got {value!r}"
        ) from None


def _check_custom_object(_definition: dict[str, Any], value: Any) -> CheckedValue:
    return CheckedValue(value)


_CHECKS: dict[str, Callable[[dict[str, Any], Any], CheckedValue]] = {
    "Text": _check_text,
    "Website": _check_text,
    "Email": _check_shaped(_EMAIL, "an email address (name@domain)"),
    "Phone": _check_shaped(_PHONE, "a phone number (digits, with + - ( ) . or spaces)"),
    "Time": _check_shaped(_TIME, "a time as HH:MM or HH:MM:SS"),
    "Number": _like("Number"),
    "Boolean": _check_boolean,
    "Date": _check_date,
    "DateTime": _like("DateTime"),
    "Select": _like("Dropdown"),
    GUID: _check_guid,
    "CustomObject": _check_custom_object,
}


def phone_key(value: Any) -> str | None:
    """The key two phones match on (their last ten digits), or None for one without digits."""
    if value is None:
        return None
    digits = _NOT_DIGITS.sub("", str(value))
    return digits[-PHONE_KEY_DIGITS:] or None


def unique_key(definition: dict[str, Any], value: Any) -> str | None:
    """The key a unique field's value is compared on (None: empty, never a duplicate)."""
    if value is None or value == "":
        return None
    if definition["DataType"] == "Phone":
        return phone_key(value)
    return str(value).strip().casefold()


def rendered(definition: dict[str, Any], value: Any, unset: Any) -> Any:
    """A stored value as a lead answer shows it: `unset` (null, or "-") when it has none."""
    if value is None:
        return unset
    if definition["DataType"] == "DateTime" and len(value) == 19:
        return value + LEAD_DATETIME_SUFFIX
    return value
