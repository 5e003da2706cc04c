"""The tenant's state and its rules: activity types, activities, and the bulk update. No HTTP here.

One lock guards everything, so each row is applied whole or not at all, and readers never see a
half-applied row, under any number of server threads.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mockserver.clock import Clock
from mockserver.errors import EntityNotFound, InvalidInput
from mockserver.fields import (
    DATETIME_FORMAT,
    SYSTEM_FIELDS,
    InvalidValue,
    check_value,
    system_field,
)
from mockserver.schemaset import SchemaSet
from mockserver.violations import Violation

ACTIVITY_UPDATE_EVENT = "Activity Update"
_TOP_LEVEL_VALUES = frozenset((*SYSTEM_FIELDS, "ActivityNote"))
_SYSTEM_DEFINITIONS = {name: system_field(name) for name in SYSTEM_FIELDS}
ActivityListener = Callable[[dict[str, Any]], None]


@dataclass
class BulkOutcome:
    """Per-row results for the response, and the contract violations found in the rows."""

    results: list[dict[str, Any]] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class StoreSnapshot:
    """A store's content at one moment, never mutated: what `restore` goes back to."""

    types: dict[int, dict[str, Any]]
    fields: dict[int, dict[str, dict[str, Any]]]
    activities: dict[str, dict[str, Any]]


class _RowFailure(Exception):
    def __init__(self, exception_type: str, message: str, path: str, rule: str, value: Any = None):
        super().__init__(message)
        self.exception_type, self.message = exception_type, message
        self.path, self.rule, self.value = path, rule, value


class ActivityStore:
    """Activity types and activities of one tenant, with the API's validation rules."""

    def __init__(self, schemas: SchemaSet, clock: Clock, on_event: ActivityListener | None = None):
        self._schemas = schemas
        self._clock = clock
        self._on_event = on_event
        self._lock = threading.RLock()
        self._types: dict[int, dict[str, Any]] = {}
        self._fields: dict[int, dict[str, dict[str, Any]]] = {}
        self._activities: dict[str, dict[str, Any]] = {}
        self._pristine: dict[str, dict[str, Any]] = {}
        """Activities still shared with the snapshot last restored: copied before a write."""
        self._stamp: tuple[float, str] = (float("nan"), "")

    def _timestamp(self) -> str:
        # Formatting costs more than checking a field, and the rows of a call share a second:
        # reuse the text within a second (not near its end, where rounding to microseconds, as
        # Clock.utcnow does, may carry into the next second).
        now = self._clock.now()
        second, text = self._stamp
        if now // 1 == second and now - second < 0.999:
            return text
        text = datetime.fromtimestamp(now, UTC).strftime(DATETIME_FORMAT)
        self._stamp = (now // 1, text)
        return text

    # -- seeding -------------------------------------------------------------------------------

    def load(self, seed: Mapping[str, Any]) -> dict[str, int]:
        """Add (or replace) the seed's types and activities; reject the whole seed on a problem."""
        problem = self._schemas.first_violation("seed", seed, "invalid-seed")
        if problem is not None:
            raise InvalidInput(f"Invalid seed! {problem.message}", path=problem.path)
        types = [copy.deepcopy(t) for t in seed.get("ActivityTypes", [])]
        with self._lock:
            fields = dict(self._fields)
            for index, activity_type in enumerate(types):
                code = activity_type["ActivityEvent"]
                names = [f["SchemaName"] for f in activity_type["Fields"]]
                duplicate = next((n for n in names if names.count(n) > 1), None)
                if duplicate:
                    raise InvalidInput(
                        f"Invalid seed! $.ActivityTypes[{index}] defines {duplicate} twice",
                        path=f"$.ActivityTypes[{index}].Fields",
                    )
                fields[code] = {f["SchemaName"]: f for f in activity_type["Fields"]}
            activities = self._checked_seed_activities(seed.get("Activities", []), fields)
            for activity_type in types:
                self._types[activity_type["ActivityEvent"]] = activity_type
            self._fields = fields
            self._activities.update((a["ProspectActivityId"], a) for a in activities)
        return {"ActivityTypes": len(types), "Activities": len(activities)}

    def _checked_seed_activities(
        self, raw: Iterable[Mapping[str, Any]], fields: dict[int, dict[str, dict[str, Any]]]
    ) -> list[dict[str, Any]]:
        now, seen, activities = self._timestamp(), set(), []
        for index, given in enumerate(raw):
            path = f"$.Activities[{index}]"
            activity_id, code = given["ProspectActivityId"], given["ActivityEvent"]
            if activity_id in seen:
                raise InvalidInput(
                    f"Invalid seed! {path}.ProspectActivityId {activity_id!r} appears twice",
                    path=f"{path}.ProspectActivityId",
                )
            seen.add(activity_id)
            if code not in fields:
                raise InvalidInput(
                    f"Invalid seed! {path}.ActivityEvent {code} is not a known activity type",
                    path=f"{path}.ActivityEvent",
                )
            values = {"Status": given.get("Status"), "Owner": given.get("Owner")}
            values.update((given.get("Fields") or {}).items())
            for name, value in values.items():
                if value is None:
                    continue
                definition = self._definition(fields[code], name)
                value_path = f"{path}.{name}" if name in SYSTEM_FIELDS else f"{path}.Fields.{name}"
                if definition is None:
                    raise InvalidInput(
                        f"Invalid seed! {value_path} is not a field of activity type {code}",
                        path=value_path,
                    )
                try:
                    check_value(definition, value)
                except InvalidValue as error:
                    raise InvalidInput(
                        f"Invalid seed! {value_path}: {error}", path=value_path
                    ) from None
            activities.append(
                {
                    "ProspectActivityId": activity_id,
                    "ActivityEvent": code,
                    "RelatedProspectId": given["RelatedProspectId"],
                    "ActivityNote": given.get("ActivityNote"),
                    "Status": given.get("Status"),
                    "Owner": given.get("Owner"),
                    "Fields": dict(given.get("Fields") or {}),
                    "CreatedOn": given.get("CreatedOn", now),
                    "ModifiedOn": given.get("ModifiedOn", given.get("CreatedOn", now)),
                }
            )
        return activities

    def replace(self, seed: Mapping[str, Any] | None) -> None:
        """Swap the whole content for `seed` (or nothing) at once: no reader sees it half done."""
        with self._lock:
            self._types.clear()
            self._fields.clear()
            self._activities.clear()
            if seed is not None:
                self.load(seed)

    def snapshot(self) -> StoreSnapshot:
        """The content now, copied once, so that `restore` can go back to it without re-checking."""
        with self._lock:
            return StoreSnapshot(
                types=copy.deepcopy(self._types),
                fields=copy.deepcopy(self._fields),
                activities={key: _copied(a) for key, a in self._activities.items()},
            )

    def restore(self, snapshot: StoreSnapshot | None) -> None:
        """Go back to `snapshot` (or empty) at once: the cheap reset between tests.

        Activities are shared with the snapshot until written (copy on write), so restoring
        10,000 of them costs a dict copy, not a re-validation of the seed.
        """
        with self._lock:
            if snapshot is None:
                self._types, self._fields, self._activities = {}, {}, {}
                self._pristine = {}
                return
            self._types = dict(snapshot.types)
            self._fields = dict(snapshot.fields)
            self._activities = dict(snapshot.activities)
            self._pristine = snapshot.activities

    # -- reading -------------------------------------------------------------------------------

    def activity_types(self) -> list[dict[str, Any]]:
        """Every activity type, by event code."""
        with self._lock:
            return [copy.deepcopy(self._types[code]) for code in sorted(self._types)]

    def activities(
        self, *, activity_event: int | None = None, related_prospect_id: str | None = None
    ) -> list[dict[str, Any]]:
        """The activities, optionally only of one type and/or one lead, in insertion order."""
        with self._lock:
            return [
                copy.deepcopy(a)
                for a in self._activities.values()
                if (activity_event is None or a["ActivityEvent"] == activity_event)
                and (related_prospect_id is None or a["RelatedProspectId"] == related_prospect_id)
            ]

    def activity(self, activity_id: str) -> dict[str, Any]:
        """One activity, or EntityNotFound."""
        with self._lock:
            found = self._activities.get(activity_id)
            if found is None:
                raise EntityNotFound(f"Activity {activity_id!r} does not exist in the system")
            return copy.deepcopy(found)

    def counts(self) -> dict[str, int]:
        """How many types and activities the store holds."""
        with self._lock:
            return {"ActivityTypes": len(self._types), "Activities": len(self._activities)}

    # -- the bulk update -----------------------------------------------------------------------

    def bulk_update(
        self, rows: list[Mapping[str, Any]], *, skip_dropdown_validation: bool = False
    ) -> BulkOutcome:
        """Apply each row whole or not at all; one failed row never fails the others."""
        outcome = BulkOutcome()
        first_row_of: dict[str, int] = {}
        for index, row in enumerate(rows):
            number = index + 1
            activity_id = row["ProspectActivityId"]
            if activity_id in first_row_of:
                outcome.violations.append(
                    Violation(
                        path=f"$[{index}].ProspectActivityId",
                        rule="duplicate-activity",
                        message=f"$[{index}].ProspectActivityId {activity_id!r} is also row "
                        f"{first_row_of[activity_id]} of this batch; send one row per activity",
                        value=activity_id,
                        row=number,
                    )
                )
            first_row_of.setdefault(activity_id, number)
            skip = skip_dropdown_validation or row.get("ValidateDropDownOptions") is True
            try:
                self._update_row(index, row, skip, outcome.violations)
            except _RowFailure as failure:
                outcome.results.append(
                    {
                        "RowNumber": number,
                        "ActivityUpdated": False,
                        "ExceptionType": failure.exception_type,
                        "ExceptionMessage": failure.message,
                    }
                )
                outcome.violations.append(
                    Violation(failure.path, failure.rule, failure.message, failure.value, number)
                )
            else:
                outcome.results.append({"RowNumber": number, "ActivityUpdated": True})
        return outcome

    def _update_row(
        self, index: int, row: Mapping[str, Any], skip_dropdown: bool, notes: list[Violation]
    ) -> None:
        # The hot path of every call (25 rows x N fields): JSON paths are built only when needed.
        activity_id = row["ProspectActivityId"]
        with self._lock:
            activity = self._activities.get(activity_id)
            if activity is None:
                raise _RowFailure(
                    "MXInvalidEntityException",
                    f"Activity {activity_id!r} does not exist in the system",
                    f"$[{index}].ProspectActivityId",
                    "unknown-activity",
                    activity_id,
                )
            if activity is self._pristine.get(activity_id):
                activity = self._activities[activity_id] = _copied(activity)
            definitions = self._fields[activity["ActivityEvent"]]
            validate_dropdown = not skip_dropdown
            new_values: dict[str, Any] = {}
            for position, sent in enumerate(row.get("Fields") or []):
                name, value = sent["SchemaName"], sent["Value"]
                definition = _SYSTEM_DEFINITIONS.get(name) or definitions.get(name)
                if definition is None:
                    type_name = self._types[activity["ActivityEvent"]]["ActivityEventName"]
                    raise _RowFailure(
                        "MXInvalidInputException",
                        f"{name!r} is not a field of activity type {type_name!r} "
                        f"(ActivityEvent {activity['ActivityEvent']})",
                        f"$[{index}].Fields[{position}].SchemaName",
                        "unknown-field",
                        name,
                    )
                try:
                    checked = check_value(definition, value, validate_dropdown=validate_dropdown)
                except InvalidValue as error:
                    raise _RowFailure(
                        "MXInvalidInputException",
                        str(error),
                        f"$[{index}].Fields[{position}].Value",
                        f"invalid-value:{definition['DataType']}",
                        value,
                    ) from None
                if checked.notes:
                    value_path = f"$[{index}].Fields[{position}].Value"
                    notes.extend(
                        Violation(value_path, "datetime-format", note, value, index + 1)
                        for note in checked.notes
                    )
                if name in new_values:
                    field_path = f"$[{index}].Fields[{position}]"
                    notes.append(
                        Violation(
                            f"{field_path}.SchemaName",
                            "duplicate-field",
                            f"{field_path}.SchemaName {name!r} is sent twice in row {index + 1}; "
                            "the last value wins",
                            name,
                            index + 1,
                        )
                    )
                new_values[name] = checked.value
            if row.get("ActivityNote") is not None:
                new_values["ActivityNote"] = row["ActivityNote"]
            self._apply(activity, new_values)

    def _apply(self, activity: dict[str, Any], new_values: dict[str, Any]) -> None:
        changes = []
        fields = activity["Fields"]
        for name, value in new_values.items():
            holder = activity if name in _TOP_LEVEL_VALUES else fields
            old = holder.get(name)
            if old != value:
                changes.append({"SchemaName": name, "OldValue": old, "NewValue": value})
            holder[name] = value
        activity["ModifiedOn"] = self._timestamp()
        if self._on_event is not None:
            self._on_event(
                {
                    "EventType": ACTIVITY_UPDATE_EVENT,
                    "ProspectActivityId": activity["ProspectActivityId"],
                    "ActivityEvent": activity["ActivityEvent"],
                    "RelatedProspectId": activity["RelatedProspectId"],
                    "Changes": changes,
                    "Timestamp": activity["ModifiedOn"],
                }
            )

    @staticmethod
    def _definition(definitions: dict[str, dict[str, Any]], name: str) -> dict[str, Any] | None:
        if name in SYSTEM_FIELDS:
            return system_field(name)
        return definitions.get(name)


def _copied(activity: dict[str, Any]) -> dict[str, Any]:
    # Values are JSON scalars: copying the two dicts is a full copy.
    return {**activity, "Fields": dict(activity["Fields"])}
