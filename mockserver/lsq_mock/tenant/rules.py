"""The write rules: which values a row may store on an activity of a type, and why not.

Pure functions of the tenant's types: they read, never write. A refusal is a RowFailure (the
row fails, or a single-activity call answers the error); a value the API tolerates but that
breaks the contract is noted as a Violation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.contract.fields import SYSTEM_DEFINITIONS, InvalidValue, check_value, field_definition
from lsq_mock.contract.nearmiss import field_hint
from lsq_mock.contract.violations import MAX_VIOLATIONS, Violation
from lsq_mock.errors import InvalidData, LSQError
from lsq_mock.tenant.types import ActivityTypes

TOP_LEVEL_VALUES = frozenset(("Status", "Owner", "ActivityNote"))
"""Values kept on the activity itself; every other value is one of its `Fields`."""


class RowFailure(Exception):
    """Why one activity (a row, or a single call's body) was refused: its error, path and rule."""

    def __init__(
        self,
        error: type[LSQError],
        message: str,
        path: str,
        rule: str,
        value: Any = None,
        hint: str | None = None,
    ):
        super().__init__(message)
        self.error, self.message = error, message
        self.path, self.rule, self.value, self.hint = path, rule, value, hint

    def answer(self) -> dict[str, Any]:
        """The row result's exception keys."""
        return {"ExceptionType": self.error.exception_type, "ExceptionMessage": self.message}

    def violation(self, row: int | None) -> Violation:
        """The journal's record of the refusal."""
        return Violation(self.path, self.rule, self.message, self.value, row, self.hint)

    def as_error(self) -> LSQError:
        """The envelope error a single-activity endpoint answers with."""
        return self.error(self.message, path=self.path, rule=self.rule, hint=self.hint)


def checked_values(
    types: ActivityTypes,
    code: int,
    row: Mapping[str, Any],
    path: str,
    number: int | None,
    skip_dropdown: bool,
    notes: list[Violation],
) -> dict[str, Any]:
    """The values a row stores on an activity of type `code`, by schema name; or RowFailure.

    The hot path of every call (25 rows x N fields): most rows pass every field's quick check
    and are stored as sent; any other row gets the full checks, which decide.
    """
    skip_dropdown = skip_dropdown or row.get("ValidateDropDownOptions") is True
    sent_fields = row.get("Fields") or []
    new_values = _quickly_checked(types, code, sent_fields, skip_dropdown)
    if new_values is None:
        new_values = _checked_in_full(types, code, sent_fields, path, number, skip_dropdown, notes)
    if row.get("ActivityNote") is not None:
        new_values["ActivityNote"] = row["ActivityNote"]
    return new_values


def _quickly_checked(
    types: ActivityTypes, code: int, sent_fields: list[Mapping[str, Any]], skip_dropdown: bool
) -> dict[str, Any] | None:
    """The values to store, if every field passes its quick check once; else None."""
    checks = types.quick_checks(code, skip_dropdown)
    new_values: dict[str, Any] = {}
    for sent in sent_fields:
        name, value = sent["SchemaName"], sent["Value"]
        check = checks.get(name)
        if check is None or not check(value):
            return None
        new_values[name] = value
    return new_values if len(new_values) == len(sent_fields) else None


def _checked_in_full(
    types: ActivityTypes,
    code: int,
    sent_fields: list[Mapping[str, Any]],
    path: str,
    number: int | None,
    skip_dropdown: bool,
    notes: list[Violation],
) -> dict[str, Any]:
    definitions = types.fields(code)
    new_values: dict[str, Any] = {}
    for position, sent in enumerate(sent_fields):
        name, value = sent["SchemaName"], sent["Value"]
        field_path = f"{path}.Fields[{position}]"
        definition = field_definition(definitions, name)
        if definition is None:
            raise RowFailure(
                InvalidData,
                f"{name!r} is not a field of activity type {types.label(code)}",
                f"{field_path}.SchemaName",
                rules.UNKNOWN_FIELD,
                name,
                field_hint(name, {**definitions, **SYSTEM_DEFINITIONS}),
            )
        value = checked_value(
            definition, value, f"{field_path}.Value", number, skip_dropdown, notes
        )
        if name in new_values:
            note(notes, partial(_sent_twice, field_path, name, number))
        new_values[name] = value
    return new_values


def _sent_twice(field_path: str, name: str, number: int | None) -> Violation:
    return Violation(
        f"{field_path}.SchemaName",
        rules.DUPLICATE_FIELD,
        f"{field_path}.SchemaName {name!r} is sent twice in "
        f"{'this activity' if number is None else f'row {number}'}; the last value wins",
        name,
        number,
    )


def checked_value(
    definition: dict[str, Any],
    value: Any,
    path: str,
    number: int | None,
    skip_dropdown: bool,
    notes: list[Violation],
) -> Any:
    """The value to store for one field; RowFailure if refused, a note if merely tolerated."""
    try:
        checked = check_value(definition, value, validate_dropdown=not skip_dropdown)
    except InvalidValue as error:
        rule = f"{error.rule}:{definition['DataType']}"
        raise RowFailure(InvalidData, str(error), path, rule, value, error.hint) from None
    for said in checked.notes:
        note(notes, partial(Violation, path, rules.DATETIME_FORMAT, said, value, number))
    return checked.value


def note(notes: list[Violation], made: Callable[[], Violation]) -> None:
    """Journal one more note: made while the journal can still describe it; past MAX_VIOLATIONS,
    where it is only counted, the last note stands in for it (50,000 repeats of one field cost
    50,000 list slots, not 20 MB of notes no one reads)."""
    notes.append(made() if len(notes) < MAX_VIOLATIONS else notes[-1])
