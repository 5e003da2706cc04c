"""Validation of one field value by its data type: what the API accepts, stores and tolerates.

`check_value` raises InvalidValue for a value the API refuses (the row fails), and returns notes
for a value it tolerates but that breaks the documented contract (journaled as a violation).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.data_types import DATA_TYPES, SYSTEM_DEFINITIONS, SYSTEM_FIELDS
from lsq_mock.contract.nearmiss import option_hint

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DEFAULT_MAX_LENGTH = {"String": 200, "Status": 200}

# ASCII digits only (lsq_mock.digits): `\d` alone would take '٣' as a digit.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)
_DATETIME_FRACTION = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,6}", re.ASCII)
_GUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_BOOLEAN_TEXT = {"true", "false", "1", "0"}


class InvalidValue(ValueError):
    """The API refuses this value for this field; the message says why, `hint` what was near."""

    rule = rules.INVALID_VALUE

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class MandatoryValueMissing(InvalidValue):
    """A mandatory field was sent empty."""

    rule = rules.MANDATORY_FIELD


class CheckedValue(NamedTuple):
    """The value to store, and contract notes for a value the API tolerated but should not get.

    A NamedTuple, not a frozen dataclass: one is made per field of every row, on the hot path.
    """

    value: Any
    notes: tuple[str, ...] = ()


def field_definition(definitions: dict[str, dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The definition of field `name` among a type's `definitions`, or of a system field."""
    return SYSTEM_DEFINITIONS.get(name) or definitions.get(name)


FieldCheck = Callable[[Any, list[str]], Any]
"""One field's check, made once: given a value (and a list for notes), the value to store; a
note appended for a value the API tolerates but that breaks the contract; InvalidValue raised
for a value it refuses."""


def check_value(
    field: dict[str, Any], value: Any, *, validate_dropdown: bool = True
) -> CheckedValue:
    """Check `value` against `field` (a type's field definition) and say what to store."""
    notes: list[str] = []
    stored = field_check(field, validate_dropdown=validate_dropdown)(value, notes)
    return CheckedValue(stored, tuple(notes))


def field_check(field: dict[str, Any], *, validate_dropdown: bool = True) -> FieldCheck:
    """The check of `field`'s values, its limits and options read once (a store keeps it per
    activity type): a value as the vendor's examples send it passes in one test, and only any
    other value is looked at further."""
    return _BUILDERS[field["DataType"]](field, validate_dropdown)


def _empty(field: dict[str, Any], value: Any) -> Any:
    """An empty value ("" or null): it clears the field, unless the field is mandatory."""
    if field.get("IsMandatory"):
        raise MandatoryValueMissing(f"{field['SchemaName']} is mandatory and cannot be empty")
    return value


def _is_empty(value: Any) -> bool:
    return value is None or value == ""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _string(field: dict[str, Any], _: bool) -> FieldCheck:
    limit = field.get("MaxLength") or DEFAULT_MAX_LENGTH.get(field["DataType"]) or math.inf

    def check(value: Any, notes: list[str]) -> Any:
        if type(value) is str and 0 < len(value) <= limit:
            return value
        if _is_empty(value):
            return _empty(field, value)
        text = _text(value)
        if len(text) > limit:
            raise InvalidValue(
                f"{_label(field)} allows at most {limit} characters; got {len(text)}"
            )
        return value

    return check


def _label(field: dict[str, Any]) -> str:
    """`mx_Custom_1 (String)`, or just `Status` for a system field."""
    name, data_type = field["SchemaName"], field["DataType"]
    return name if name == data_type else f"{name} ({data_type})"


def _number(field: dict[str, Any], _: bool) -> FieldCheck:
    def check(value: Any, notes: list[str]) -> Any:
        if type(value) is str and _NUMBER.fullmatch(value.strip()):
            return value
        if _is_empty(value):
            return _empty(field, value)
        if _is_number(value) and value == value and abs(value) != math.inf:
            return value
        raise InvalidValue(f"{field['SchemaName']} (Number) needs a number; got {value!r}")

    return check


def _date(field: dict[str, Any], _: bool) -> FieldCheck:
    def check(value: Any, notes: list[str]) -> Any:
        if _is_iso(_DATE, date.fromisoformat, value):
            return value
        if _is_empty(value):
            return _empty(field, value)
        raise InvalidValue(
            f"{field['SchemaName']} (Date) needs a date as YYYY-MM-DD; got {value!r}"
        )

    return check


def _datetime(field: dict[str, Any], _: bool) -> FieldCheck:
    name = field["SchemaName"]

    def check(value: Any, notes: list[str]) -> Any:
        if _is_iso(_DATETIME, datetime.fromisoformat, value):
            return value
        if _is_empty(value):
            return _empty(field, value)
        refusal = InvalidValue(
            f"{name} (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; got {value!r}"
        )
        if not isinstance(value, str):
            raise refusal
        return _tolerated_datetime(name, value, refusal, notes)

    return check


def _tolerated_datetime(name: str, value: str, refusal: InvalidValue, notes: list[str]) -> str:
    """A DateTime in another ISO layout (a 'T', a zone, fractions), stored as UTC with a note."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise refusal from None
    zoned = parsed.tzinfo is not None
    if zoned:
        try:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:
            raise InvalidValue(
                f"{name} (DateTime) falls outside years 1 to 9999 in UTC; got {value!r}"
            ) from None
    # isoformat pads the year to four digits, where strftime's %Y gives '1' for year 1.
    stored = parsed.isoformat(sep=" ", timespec="seconds")
    notes.append(_datetime_note(value, stored, zoned))
    return stored


def _datetime_note(value: str, stored: str, zoned: bool) -> str:
    # Whether it had a zone is the parser's verdict: in `2026-11-20+05:30` the '+' is read as
    # the separator and 05:30 as the time, so that value has no zone to name.
    if _DATETIME_FRACTION.fullmatch(value):
        problem = "fractional seconds"
    elif "T" in value or "t" in value:
        problem = "a 'T' separator" + (" and a timezone" if zoned else "")
    elif zoned:
        problem = "a timezone"
    else:
        problem = "a non-standard layout"
    return (
        f"DateTime must be UTC 'YYYY-MM-DD HH:MM:SS'; {value!r} has {problem} "
        f"(the emulator stored {stored!r})"
    )


def _boolean(field: dict[str, Any], _: bool) -> FieldCheck:
    def check(value: Any, notes: list[str]) -> Any:
        if isinstance(value, bool) or (isinstance(value, str) and value.lower() in _BOOLEAN_TEXT):
            return value
        if _is_empty(value):
            return _empty(field, value)
        got = (
            f"{value!r}, a JSON number: send '1' or '0' as text"
            if _is_number(value)
            else repr(value)
        )
        raise InvalidValue(f"{field['SchemaName']} (Boolean) needs true, false, 1 or 0; got {got}")

    return check


def _is_number(value: Any) -> bool:
    """A JSON number (Python reads `true` as a bool, which is an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _dropdown(field: dict[str, Any], validate_dropdown: bool) -> FieldCheck:
    if not validate_dropdown:
        return lambda value, notes: _empty(field, value) if _is_empty(value) else value
    options = field.get("Options") or []
    known = frozenset(options)
    multi = bool(field.get("IsMultiSelect"))

    def check(value: Any, notes: list[str]) -> Any:
        if type(value) is str and value in known and not multi and value:
            return value
        if _is_empty(value):
            return _empty(field, value)
        text = _text(value)
        chosen = [part.strip() for part in text.split(";")] if multi else [text]
        unknown = [part for part in chosen if part not in known]
        if unknown:
            raise InvalidValue(
                f"{unknown[0]!r} is not an option of {field['SchemaName']} "
                f"(options: {'; '.join(options)})",
                option_hint(unknown[0], options),
            )
        return value

    return check


def _owner(field: dict[str, Any], _: bool) -> FieldCheck:
    def check(value: Any, notes: list[str]) -> Any:
        if isinstance(value, str) and _GUID.fullmatch(value):
            return value
        if _is_empty(value):
            return _empty(field, value)
        raise InvalidValue(f"Owner needs a user id (a GUID); got {value!r}")

    return check


_BUILDERS: dict[str, Callable[[dict[str, Any], bool], FieldCheck]] = {
    "String": _string,
    "Text": _string,
    "Status": _string,
    "Number": _number,
    "Date": _date,
    "DateTime": _datetime,
    "Boolean": _boolean,
    "Dropdown": _dropdown,
    "SearchableDropdown": _dropdown,
    "Owner": _owner,
}
if tuple(_BUILDERS) != DATA_TYPES:
    raise RuntimeError("a data type of catalogue.data_types has no check here, or the reverse")

__all__ = ["DATA_TYPES", "SYSTEM_DEFINITIONS", "SYSTEM_FIELDS", "check_value", "field_check"]


def _is_iso(layout: re.Pattern[str], parse: Callable[[str], object], value: Any) -> bool:
    """Whether `value` is text in `layout` (ASCII digits) that `parse` takes: a real date."""
    if type(value) is not str or not value.isascii() or layout.fullmatch(value) is None:
        return False
    try:
        parse(value)
    except ValueError:
        return False
    return True
