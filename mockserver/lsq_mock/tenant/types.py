"""The tenant's activity types: their definitions by event code, and each field's check.

Not locked on its own: the tenant's store holds its lock around every call.
"""

from __future__ import annotations

import copy
from typing import Any

from lsq_mock.contract.fields import SYSTEM_DEFINITIONS, FieldCheck, field_check

Definitions = dict[str, dict[str, Any]]
"""One type's field definitions by schema name."""


class ActivityTypes:
    """Activity types by event code, with their field definitions by schema name."""

    def __init__(self) -> None:
        self._types: dict[int, dict[str, Any]] = {}
        self._fields: dict[int, Definitions] = {}
        self._checks: dict[tuple[int, bool], dict[str, FieldCheck]] = {}
        """Per (type, skip dropdown validation): each field's check, made on first use."""

    def __contains__(self, code: object) -> bool:
        return code in self._types

    def __len__(self) -> int:
        return len(self._types)

    def codes(self) -> list[int]:
        """Every event code, in order."""
        return sorted(self._types)

    def get(self, code: int) -> dict[str, Any] | None:
        """The type of `code` as stored (not a copy), or None."""
        return self._types.get(code)

    def copies(self) -> list[dict[str, Any]]:
        """Every type, by event code, as copies the caller may keep."""
        return [copy.deepcopy(self._types[code]) for code in self.codes()]

    def fields(self, code: int) -> Definitions:
        """The field definitions of type `code` by schema name (not a copy)."""
        return self._fields[code]

    def name(self, code: int) -> str:
        """The type's ActivityEventName."""
        name: str = self._types[code]["ActivityEventName"]
        return name

    def label(self, code: int) -> str:
        """`'Site Visit' (ActivityEvent 201)`, for messages."""
        return f"{self.name(code)!r} (ActivityEvent {code})"

    def find_by_name(self, name: str) -> int | None:
        """The event code of the type called `name` (case-insensitive), or None."""
        wanted = name.casefold()
        return next(
            (
                code
                for code, t in self._types.items()
                if t["ActivityEventName"].casefold() == wanted
            ),
            None,
        )

    def define(self, types: dict[int, dict[str, Any]]) -> None:
        """Add or replace types (already checked): each field definition indexed by name."""
        for code, activity_type in types.items():
            self._types[code] = activity_type
            self._fields[code] = {f["SchemaName"]: f for f in activity_type["Fields"]}
        self._checks = {}

    def field_checks(self, code: int, skip_dropdown: bool) -> dict[str, FieldCheck]:
        """Each field's check for type `code` (the system fields included), made once."""
        checks = self._checks.get((code, skip_dropdown))
        if checks is None:
            definitions = {**self._fields[code], **SYSTEM_DEFINITIONS}
            checks = self._checks[(code, skip_dropdown)] = {
                name: field_check(definition, validate_dropdown=not skip_dropdown)
                for name, definition in definitions.items()
            }
        return checks

    def snapshot(self) -> dict[int, dict[str, Any]]:
        """The types now, copied, for `restore`."""
        return copy.deepcopy(self._types)

    def restore(self, types: dict[int, dict[str, Any]]) -> None:
        """Go back to `types` (a snapshot, shared: never mutated afterwards)."""
        self._types, self._fields = {}, {}
        self.define(dict(types))
