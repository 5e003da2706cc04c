"""The tenant's state and its rules: activity types, activities, posting and updating. No HTTP here.

One lock guards everything, so each row is applied whole or not at all, and readers never see a
half-applied row, under any number of server threads.
"""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from lsq_mock.clock import Clock
from lsq_mock.errors import (
    EntityNotFound,
    InvalidEntity,
    InvalidInput,
    LSQError,
    MandatoryAttributeMissing,
)
from lsq_mock.fields import (
    DATETIME_FORMAT,
    SYSTEM_DEFINITIONS,
    SYSTEM_FIELDS,
    InvalidValue,
    QuickCheck,
    check_value,
    field_definition,
    quick_check,
)
from lsq_mock.schemaset import SchemaSet
from lsq_mock.seeding import check_seed
from lsq_mock.violations import Violation

ACTIVITY_UPDATE_EVENT = "Activity Update"
ACTIVITY_CREATE_EVENT = "Activity Create"
DEFAULT_ROW_COUNT = 25
ACTIVITY_DATETIME = {"SchemaName": "ActivityDateTime", "DataType": "DateTime"}
_TOP_LEVEL_VALUES = frozenset((*SYSTEM_FIELDS, "ActivityNote"))


class ActivityEvent(NamedTuple):
    """A trigger event as the store records it: a tuple of scalars (cheap to make, and left alone
    by the garbage collector), turned into its JSON form only when someone reads it."""

    event_type: str
    activity_id: str
    activity_event: int
    related_prospect_id: str
    changes: tuple[Any, ...]
    """SchemaName, OldValue, NewValue of each value the event changed, one after another (flat:
    one object for the collector instead of one per value)."""
    timestamp: str

    def to_dict(self) -> dict[str, Any]:
        """The event's JSON form (`schemas/event.schema.json`)."""
        return {
            "EventType": self.event_type,
            "ProspectActivityId": self.activity_id,
            "ActivityEvent": self.activity_event,
            "RelatedProspectId": self.related_prospect_id,
            "Changes": [
                {"SchemaName": name, "OldValue": old, "NewValue": new}
                for name, old, new in zip(*[iter(self.changes)] * 3, strict=True)
            ],
            "Timestamp": self.timestamp,
        }


ActivityListener = Callable[[list[ActivityEvent]], None]
"""Called with each write's events, in order, while the store is still locked."""


@dataclass
class BulkOutcome:
    """Per-row results for the response, and the contract violations found in the rows."""

    results: list[dict[str, Any]] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


@dataclass
class Saved:
    """The id of the activity a single create or update saved, and the violations found."""

    activity_id: str
    violations: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class StoreSnapshot:
    """A store's content at one moment, never mutated: what `restore` goes back to."""

    types: dict[int, dict[str, Any]]
    fields: dict[int, dict[str, dict[str, Any]]]
    activities: dict[str, dict[str, Any]]


@dataclass
class ActivityPage:
    """One page of activities, and how many activities match in all."""

    total: int
    activities: list[dict[str, Any]]


class _RowFailure(Exception):
    """Why one activity (a row, or a single call's body) was refused: its error, path and rule."""

    def __init__(
        self, error: type[LSQError], message: str, path: str, rule: str, value: Any = None
    ):
        super().__init__(message)
        self.error, self.message = error, message
        self.path, self.rule, self.value = path, rule, value

    def answer(self) -> dict[str, Any]:
        """The row result's exception keys."""
        return {"ExceptionType": self.error.exception_type, "ExceptionMessage": self.message}

    def violation(self, row: int | None) -> Violation:
        """The journal's record of the refusal."""
        return Violation(self.path, self.rule, self.message, self.value, row)

    def as_error(self) -> LSQError:
        """The envelope error a single-activity endpoint answers with."""
        return self.error(self.message, path=self.path, rule=self.rule)


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
        self._unannounced: list[ActivityEvent] = []
        """Events of the write in progress, handed to the listener in one call when it ends."""
        self._quick_checks: dict[tuple[int, bool], dict[str, QuickCheck]] = {}
        """Per (type, validate dropdowns): each field's quick check, made on first use."""
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

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock for one write (a batch, or one activity), then announce its events."""
        with self._lock:
            try:
                yield
            finally:
                events, self._unannounced = self._unannounced, []
                if events and self._on_event is not None:
                    self._on_event(events)

    # -- seeding -------------------------------------------------------------------------------

    def load(self, seed: Mapping[str, Any]) -> dict[str, int]:
        """Add (or replace) the seed's types and activities; reject the whole seed on a problem."""
        with self._lock:
            checked = check_seed(seed, self._schemas, self._fields, self._timestamp())
            self._types.update(checked.types)
            self._fields = {**self._fields, **checked.fields}
            self._quick_checks = {}
            self._activities.update(checked.activities)
        return {"ActivityTypes": len(checked.types), "Activities": len(checked.activities)}

    def snapshot(self) -> StoreSnapshot:
        """The content now, copied once, so that `restore` can go back to it without re-checking."""
        with self._lock:
            return StoreSnapshot(
                types=copy.deepcopy(self._types),
                fields=copy.deepcopy(self._fields),
                activities={key: _copied(a) for key, a in self._activities.items()},
            )

    def restore(self, snapshot: StoreSnapshot | None) -> None:
        """Go back to `snapshot` (or empty) at once: no reader sees it half done.

        Activities are shared with the snapshot until written (copy on write), so restoring
        10,000 of them costs a dict copy, not a re-validation of the seed.
        """
        with self._lock:
            self._quick_checks = {}
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

    def activity_type(self, code: int) -> dict[str, Any]:
        """One activity type by its event code, or EntityNotFound."""
        with self._lock:
            found = self._types.get(code)
            if found is None:
                raise EntityNotFound(f"Activity type {code} does not exist in the system")
            return copy.deepcopy(found)

    def lead_activities(
        self,
        lead_id: str,
        *,
        activity_event: int | None = None,
        offset: int = 0,
        row_count: int = DEFAULT_ROW_COUNT,
    ) -> ActivityPage:
        """One page of a lead's activities, newest first, and how many match in all."""
        found = self.activities(activity_event=activity_event, related_prospect_id=lead_id)
        order = sorted(range(len(found)), key=lambda i: (found[i]["CreatedOn"], i), reverse=True)
        return ActivityPage(len(found), [found[i] for i in order[offset : offset + row_count]])

    # -- posting and updating activities -------------------------------------------------------

    def create_activity(
        self, body: Mapping[str, Any], *, skip_dropdown_validation: bool = False
    ) -> Saved:
        """Post one activity whole or not at all; a refusal is raised as the API's error."""
        return self._write_one(
            lambda notes: self._create_row("$", None, body, skip_dropdown_validation, notes)
        )

    def update_activity(
        self, row: Mapping[str, Any], *, skip_dropdown_validation: bool = False
    ) -> Saved:
        """Apply one row by the bulk update's rules; a refusal is raised as the API's error."""
        return self._write_one(
            lambda notes: self._update_row("$", None, row, skip_dropdown_validation, notes)
        )

    def bulk_add(
        self, rows: list[Mapping[str, Any]], *, skip_dropdown_validation: bool = False
    ) -> BulkOutcome:
        """Post each row's activity whole or not at all; one failed row never fails the others."""

        def attempt(index: int, row: Mapping[str, Any], notes: list[Violation]) -> dict[str, Any]:
            activity_id = self._create_row(
                f"$[{index}]", index + 1, row, skip_dropdown_validation, notes
            )
            return {
                "ActivityCreated": True,
                "ProspectActivityId": activity_id,
                "ExceptionMessage": None,
            }

        def refused(failure: _RowFailure) -> dict[str, Any]:
            return {"ActivityCreated": False, "ProspectActivityId": None, **failure.answer()}

        return self._write_rows(rows, attempt, refused)

    def bulk_update(
        self, rows: list[Mapping[str, Any]], *, skip_dropdown_validation: bool = False
    ) -> BulkOutcome:
        """Apply each row whole or not at all; one failed row never fails the others."""
        first_row_of: dict[str, int] = {}

        def attempt(index: int, row: Mapping[str, Any], notes: list[Violation]) -> dict[str, Any]:
            number = index + 1
            activity_id = row["ProspectActivityId"]
            if activity_id in first_row_of:
                notes.append(
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
            self._update_row(f"$[{index}]", number, row, skip_dropdown_validation, notes)
            return {"ActivityUpdated": True}

        def refused(failure: _RowFailure) -> dict[str, Any]:
            return {"ActivityUpdated": False, **failure.answer()}

        return self._write_rows(rows, attempt, refused)

    def _write_one(self, run: Callable[[list[Violation]], str]) -> Saved:
        """Save one activity under `_writing()`; a refusal is raised as the API's error."""
        notes: list[Violation] = []
        with self._writing():
            try:
                activity_id = run(notes)
            except _RowFailure as failure:
                raise failure.as_error() from None
        return Saved(activity_id, notes)

    def _write_rows(
        self,
        rows: list[Mapping[str, Any]],
        attempt: Callable[[int, Mapping[str, Any], list[Violation]], dict[str, Any]],
        refused: Callable[[_RowFailure], dict[str, Any]],
    ) -> BulkOutcome:
        """Save each row under one `_writing()`; a refused row is answered, the others go on."""
        outcome = BulkOutcome()
        with self._writing():
            for index, row in enumerate(rows):
                number = index + 1
                try:
                    result = attempt(index, row, outcome.violations)
                except _RowFailure as failure:
                    result = refused(failure)
                    outcome.violations.append(failure.violation(number))
                outcome.results.append({"RowNumber": number, **result})
        return outcome

    def _update_row(
        self,
        path: str,
        number: int | None,
        row: Mapping[str, Any],
        skip_dropdown: bool,
        notes: list[Violation],
    ) -> str:
        # Here and in _create_row, the caller holds `_writing()`.
        activity_id = row["ProspectActivityId"]
        activity = self._activities.get(activity_id)
        if activity is None:
            raise _RowFailure(
                InvalidEntity,
                f"Activity {activity_id!r} does not exist in the system",
                f"{path}.ProspectActivityId",
                "unknown-activity",
                activity_id,
            )
        new_values = self._checked_values(
            activity["ActivityEvent"], row, path, number, skip_dropdown, notes
        )
        if activity is self._pristine.get(activity_id):
            activity = self._activities[activity_id] = _copied(activity)
        self._apply(activity, new_values, ACTIVITY_UPDATE_EVENT)
        return activity_id

    def _create_row(
        self,
        path: str,
        number: int | None,
        row: Mapping[str, Any],
        skip_dropdown: bool,
        notes: list[Violation],
    ) -> str:
        sent_code = row["ActivityEvent"]
        code = int(sent_code)  # the request schema lets only integers and digit strings through
        if code not in self._types:
            raise _RowFailure(
                InvalidInput,
                f"ActivityEvent {sent_code!r} is not an activity type of the tenant",
                f"{path}.ActivityEvent",
                "unknown-activity-type",
                sent_code,
            )
        new_values = self._checked_values(code, row, path, number, skip_dropdown, notes)
        missing = next(
            (
                name
                for name, definition in self._fields[code].items()
                if definition.get("IsMandatory") and name not in new_values
            ),
            None,
        )
        if missing is not None:
            raise _RowFailure(
                MandatoryAttributeMissing,
                f"{missing} is mandatory for activity type {self._type_label(code)}",
                f"{path}.Fields",
                "mandatory-field",
                missing,
            )
        happened = row.get("ActivityDateTime")
        created_on = (
            self._timestamp()
            if happened is None or happened == ""
            else _checked(
                ACTIVITY_DATETIME, happened, f"{path}.ActivityDateTime", number, True, notes
            )
        )
        activity_id = str(uuid.uuid4())
        activity: dict[str, Any] = {
            "ProspectActivityId": activity_id,
            "ActivityEvent": code,
            "RelatedProspectId": row["RelatedProspectId"],
            "ActivityNote": None,
            "Status": None,
            "Owner": None,
            "Fields": {},
            "CreatedOn": created_on,
            "ModifiedOn": created_on,
        }
        self._activities[activity_id] = activity
        self._apply(activity, new_values, ACTIVITY_CREATE_EVENT)
        return activity_id

    def _checked_values(
        self,
        code: int,
        row: Mapping[str, Any],
        path: str,
        number: int | None,
        skip_dropdown: bool,
        notes: list[Violation],
    ) -> dict[str, Any]:
        # The hot path of every call (25 rows x N fields): most rows pass every field's quick
        # check and are stored as sent; any other row gets the full checks, which decide.
        skip_dropdown = skip_dropdown or row.get("ValidateDropDownOptions") is True
        sent_fields = row.get("Fields") or []
        new_values = self._quickly_checked(code, sent_fields, skip_dropdown)
        if new_values is None:
            new_values = self._checked_in_full(
                code, sent_fields, path, number, skip_dropdown, notes
            )
        if row.get("ActivityNote") is not None:
            new_values["ActivityNote"] = row["ActivityNote"]
        return new_values

    def _quickly_checked(
        self, code: int, sent_fields: list[Mapping[str, Any]], skip_dropdown: bool
    ) -> dict[str, Any] | None:
        """The values to store, if every field passes its quick check once; else None."""
        checks = self._quick_checks.get((code, skip_dropdown))
        if checks is None:
            definitions = {**self._fields[code], **SYSTEM_DEFINITIONS}
            checks = self._quick_checks[(code, skip_dropdown)] = {
                name: quick_check(definition, validate_dropdown=not skip_dropdown)
                for name, definition in definitions.items()
            }
        new_values: dict[str, Any] = {}
        for sent in sent_fields:
            name, value = sent["SchemaName"], sent["Value"]
            check = checks.get(name)
            if check is None or not check(value):
                return None
            new_values[name] = value
        return new_values if len(new_values) == len(sent_fields) else None

    def _checked_in_full(
        self,
        code: int,
        sent_fields: list[Mapping[str, Any]],
        path: str,
        number: int | None,
        skip_dropdown: bool,
        notes: list[Violation],
    ) -> dict[str, Any]:
        definitions = self._fields[code]
        validate_dropdown = not skip_dropdown
        new_values: dict[str, Any] = {}
        for position, sent in enumerate(sent_fields):
            name, value = sent["SchemaName"], sent["Value"]
            definition = field_definition(definitions, name)
            if definition is None:
                raise _RowFailure(
                    InvalidInput,
                    f"{name!r} is not a field of activity type {self._type_label(code)}",
                    f"{path}.Fields[{position}].SchemaName",
                    "unknown-field",
                    name,
                )
            try:
                checked = check_value(definition, value, validate_dropdown=validate_dropdown)
            except InvalidValue as error:
                raise _refusal(
                    error, definition, f"{path}.Fields[{position}].Value", value
                ) from None
            if checked.notes:
                value_path = f"{path}.Fields[{position}].Value"
                notes.extend(
                    Violation(value_path, "datetime-format", note, value, number)
                    for note in checked.notes
                )
            value = checked.value
            if name in new_values:
                field_path = f"{path}.Fields[{position}]"
                notes.append(
                    Violation(
                        f"{field_path}.SchemaName",
                        "duplicate-field",
                        f"{field_path}.SchemaName {name!r} is sent twice in "
                        f"{'this activity' if number is None else f'row {number}'}; "
                        "the last value wins",
                        name,
                        number,
                    )
                )
            new_values[name] = value
        return new_values

    def _type_label(self, code: int) -> str:
        return f"{self._types[code]['ActivityEventName']!r} (ActivityEvent {code})"

    def _apply(self, activity: dict[str, Any], new_values: dict[str, Any], event_type: str) -> None:
        changes: list[Any] = []
        fields = activity["Fields"]
        for name, value in new_values.items():
            holder = activity if name in _TOP_LEVEL_VALUES else fields
            old = holder.get(name)
            if old != value:
                changes += (name, old, value)
            holder[name] = value
        activity["ModifiedOn"] = stamp = self._timestamp()
        self._unannounced.append(
            ActivityEvent(
                event_type,
                activity["ProspectActivityId"],
                activity["ActivityEvent"],
                activity["RelatedProspectId"],
                tuple(changes),
                stamp,
            )
        )


def _checked(
    definition: dict[str, Any],
    value: Any,
    path: str,
    number: int | None,
    validate_dropdown: bool,
    notes: list[Violation],
) -> Any:
    try:
        checked = check_value(definition, value, validate_dropdown=validate_dropdown)
    except InvalidValue as error:
        raise _refusal(error, definition, path, value) from None
    notes.extend(Violation(path, "datetime-format", note, value, number) for note in checked.notes)
    return checked.value


def _refusal(error: InvalidValue, definition: dict[str, Any], path: str, value: Any) -> _RowFailure:
    """The row failure for a value `check_value` refused, with its rule and the value sent."""
    rule = f"{error.rule}:{definition['DataType']}"
    return _RowFailure(InvalidInput, str(error), path, rule, value)


def _copied(activity: dict[str, Any]) -> dict[str, Any]:
    # Values are JSON scalars: copying the two dicts is a full copy.
    return {**activity, "Fields": dict(activity["Fields"])}
