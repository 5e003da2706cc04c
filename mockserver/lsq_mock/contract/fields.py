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
from lsq_mock.contract.nearmiss import option_hint

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
SYSTEM_FIELDS = ("Status", "Owner")
DEFAULT_MAX_LENGTH = {"String": 200, "Status": 200}

# ASCII digits only (lsq_mock.contract.digits): `\d` alone would take '٣' as a digit.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", re.ASCII)
_DATETIME_FRACTION = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{1,6}", re.ASCII)
_GUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_BOOLEAN_TEXT = {"true", "false", "1", "0"}
QuickCheck = Callable[[Any], bool]


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


def system_field(schema_name: str) -> dict[str, Any]:
    """The definition of a system field (`Status`, or `Owner`: a user id)."""
    data_type = "Owner" if schema_name == "Owner" else "Status"
    return {"SchemaName": schema_name, "DataType": data_type}


SYSTEM_DEFINITIONS = {name: system_field(name) for name in SYSTEM_FIELDS}


def field_definition(definitions: dict[str, dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The definition of field `name` among a type's `definitions`, or of a system field."""
    return SYSTEM_DEFINITIONS.get(name) or definitions.get(name)


def check_value(
    field: dict[str, Any], value: Any, *, validate_dropdown: bool = True
) -> CheckedValue:
    """Check `value` against `field` (a type's field definition) and say what to store."""
    name, data_type = field["SchemaName"], field["DataType"]
    if value is None or value == "":
        if field.get("IsMandatory"):
            raise MandatoryValueMissing(f"{name} is mandatory and cannot be empty")
        return CheckedValue(value)
    checker = _CHECKERS[data_type]
    return checker(field, value, validate_dropdown)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_string(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    text = _text(value)
    limit = field.get("MaxLength") or DEFAULT_MAX_LENGTH.get(field["DataType"])
    if limit is not None and len(text) > limit:
        raise InvalidValue(f"{_label(field)} allows at most {limit} characters; got {len(text)}")
    return CheckedValue(value)


def _label(field: dict[str, Any]) -> str:
    """`mx_Custom_1 (String)`, or just `Status` for a system field."""
    name, data_type = field["SchemaName"], field["DataType"]
    return name if name == data_type else f"{name} ({data_type})"


def _check_number(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    if _is_number(value) and value == value and abs(value) != math.inf:
        return CheckedValue(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        return CheckedValue(value)
    raise InvalidValue(f"{field['SchemaName']} (Number) needs a number; got {value!r}")


def _check_date(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return CheckedValue(value)
    raise InvalidValue(f"{field['SchemaName']} (Date) needs a date as YYYY-MM-DD; got {value!r}")


def _check_datetime(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    name = field["SchemaName"]
    refusal = InvalidValue(
        f"{name} (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; got {value!r}"
    )
    if not isinstance(value, str):
        raise refusal
    if _DATETIME.fullmatch(value):
        try:
            # On ASCII digits (all _DATETIME matches), fromisoformat gives strptime's verdict for
            # this layout, 10x faster.
            datetime.fromisoformat(value)
        except ValueError:
            raise refusal from None
        return CheckedValue(value)
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
    return CheckedValue(stored, (_datetime_note(value, stored, zoned),))


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


def _check_boolean(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    if isinstance(value, bool) or (isinstance(value, str) and value.lower() in _BOOLEAN_TEXT):
        return CheckedValue(value)
    got = f"{value!r}, a JSON number: send '1' or '0' as text" if _is_number(value) else repr(value)
    raise InvalidValue(f"{field['SchemaName']} (Boolean) needs true, false, 1 or 0; got {got}")


def _is_number(value: Any) -> bool:
    """A JSON number (Python reads `true` as a bool, which is an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_dropdown(field: dict[str, Any], value: Any, validate_dropdown: bool) -> CheckedValue:
    if not validate_dropdown:
        return CheckedValue(value)
    text = _text(value)
    options = field.get("Options") or []
    chosen = [part.strip() for part in text.split(";")] if field.get("IsMultiSelect") else [text]
    unknown = [part for part in chosen if part not in options]
    if unknown:
        raise InvalidValue(
            f"{unknown[0]!r} is not an option of {field['SchemaName']} "
            f"(options: {'; '.join(options)})",
            option_hint(unknown[0], options),
        )
    return CheckedValue(value)


def _check_owner(field: dict[str, Any], value: Any, _: bool) -> CheckedValue:
    if isinstance(value, str) and _GUID.fullmatch(value):
        return CheckedValue(value)
    raise InvalidValue(f"Owner needs a user id (a GUID); got {value!r}")


_CHECKERS: dict[str, Callable[[dict[str, Any], Any, bool], CheckedValue]] = {
    "String": _check_string,
    "Text": _check_string,
    "Status": _check_string,
    "Number": _check_number,
    "Date": _check_date,
    "DateTime": _check_datetime,
    "Boolean": _check_boolean,
    "Dropdown": _check_dropdown,
    "SearchableDropdown": _check_dropdown,
    "Owner": _check_owner,
}
DATA_TYPES = tuple(_CHECKERS)
"""Every DataType a value is checked against: a type's fields, then the system Status and Owner."""


def quick_check(field: dict[str, Any], *, validate_dropdown: bool = True) -> QuickCheck:
    """A test, made once per field, that passes only values `check_value` stores as sent.

    The hot path's shortcut: a value it passes needs no other check (no refusal, no note, no
    conversion); a value it fails is not wrong, only left to `check_value`, which decides.
    """
    data_type = field["DataType"]
    if data_type in ("String", "Text", "Status"):
        limit = field.get("MaxLength") or DEFAULT_MAX_LENGTH.get(data_type) or math.inf
        return lambda value: type(value) is str and 0 < len(value) <= limit
    if data_type == "Number":
        return lambda value: type(value) is str and _NUMBER.fullmatch(value) is not None
    if data_type == "Date":
        return lambda value: _is_iso(_DATE, date.fromisoformat, value)
    if data_type == "DateTime":
        return lambda value: _is_iso(_DATETIME, datetime.fromisoformat, value)
    if data_type == "Boolean":
        return lambda value: type(value) is str and value.lower() in _BOOLEAN_TEXT
    if data_type in ("Dropdown", "SearchableDropdown"):
        return _quick_dropdown(field, validate_dropdown)
    if data_type == "Owner":
        return lambda value: type(value) is str and _GUID.fullmatch(value) is not None
    return lambda value: False


def _is_iso(layout: re.Pattern[str], parse: Callable[[str], object], value: Any) -> bool:
    if type(value) is not str or not value.isascii() or layout.fullmatch(value) is None:
        return False
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _quick_dropdown(field: dict[str, Any], validate_dropdown: bool) -> QuickCheck:
    if not validate_dropdown:
        return lambda value: type(value) is str and value != ""
    options = frozenset(field.get("Options") or ()) - {""}
    if field.get("IsMultiSelect"):
        return lambda value: (
            type(value) is str and all(part.strip() in options for part in value.split(";"))
        )
    return lambda value: type(value) is str and value in options
