"""The write rules: which values a row may store on an activity of a type, and why not.

Pure functions of the tenant's types: they read, never write. A refusal is a RowFailure (the
row fails, or a single-activity call answers the error); a value the API tolerates but that
breaks the contract is noted as a Violation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from lsq_mock.catalogue import rules
from lsq_mock.contract.fields import SYSTEM_DEFINITIONS, InvalidValue, check_value
from lsq_mock.contract.nearmiss import field_hint
from lsq_mock.contract.violations import Violation
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


class RowPlace(NamedTuple):
    """Where a row is in its request, and what is noted of it: its JSON path (`$[3]`, or `$`
    for a single call's body), its 1-based number in a batch (None alone), whether dropdown
    validation is skipped, and the list its contract violations go to. (A NamedTuple: one is
    made per row, on the hot path.)"""

    path: str
    number: int | None
    skip_dropdown: bool
    notes: list[Violation]


def checked_values(
    types: ActivityTypes, code: int, row: Mapping[str, Any], place: RowPlace
) -> dict[str, Any]:
    """The values a row stores on an activity of type `code`, by schema name; or RowFailure.

    The hot path of every call (25 rows x N fields): one check per field, each made once per
    activity type."""
    skip_dropdown = place.skip_dropdown or row.get("ValidateDropDownOptions") is True
    checks = types.field_checks(code, skip_dropdown)
    new_values: dict[str, Any] = {}
    tolerated: list[str] = []
    for position, sent in enumerate(row.get("Fields") or ()):
        name, value = sent["SchemaName"], sent["Value"]
        check = checks.get(name)
        if check is None:
            raise _unknown_field(types, code, name, f"{place.path}.Fields[{position}]")
        try:
            stored = check(value, tolerated)
        except InvalidValue as error:
            value_path = f"{place.path}.Fields[{position}].Value"
            raise _refused(error, _definition(types, code, name), value, value_path) from None
        if tolerated:
            value_path = f"{place.path}.Fields[{position}].Value"
            place.notes.extend(
                Violation(value_path, rules.DATETIME_FORMAT, note, value, place.number)
                for note in tolerated
            )
            tolerated.clear()
        if name in new_values:
            place.notes.append(_sent_twice(name, f"{place.path}.Fields[{position}]", place))
        new_values[name] = stored
    if row.get("ActivityNote") is not None:
        new_values["ActivityNote"] = row["ActivityNote"]
    return new_values


def checked_value(
    definition: dict[str, Any], value: Any, path: str, place: RowPlace, skip_dropdown: bool
) -> Any:
    """The value to store for one field outside a row's Fields (ActivityDateTime, a seeded
    value); RowFailure if refused, a note on `place` if merely tolerated."""
    try:
        checked = check_value(definition, value, validate_dropdown=not skip_dropdown)
    except InvalidValue as error:
        raise _refused(error, definition, value, path) from None
    place.notes.extend(
        Violation(path, rules.DATETIME_FORMAT, note, value, place.number) for note in checked.notes
    )
    return checked.value


def _definition(types: ActivityTypes, code: int, name: str) -> dict[str, Any]:
    """The definition a field's check was made from: a system field's, else the type's."""
    return SYSTEM_DEFINITIONS.get(name) or types.fields(code)[name]


def _refused(error: InvalidValue, definition: dict[str, Any], value: Any, path: str) -> RowFailure:
    rule = f"{error.rule}:{definition['DataType']}"
    return RowFailure(InvalidData, str(error), path, rule, value, error.hint)


def _unknown_field(types: ActivityTypes, code: int, name: str, field_path: str) -> RowFailure:
    definitions = types.fields(code)
    return RowFailure(
        InvalidData,
        f"{name!r} is not a field of activity type {types.label(code)}",
        f"{field_path}.SchemaName",
        rules.UNKNOWN_FIELD,
        name,
        field_hint(name, {**definitions, **SYSTEM_DEFINITIONS}),
    )


def _sent_twice(name: str, field_path: str, place: RowPlace) -> Violation:
    where = "this activity" if place.number is None else f"row {place.number}"
    return Violation(
        f"{field_path}.SchemaName",
        rules.DUPLICATE_FIELD,
        f"{field_path}.SchemaName {name!r} is sent twice in {where}; the last value wins",
        name,
        place.number,
    )
