"""The tenant's state and its operations: seeding, reading, posting and updating. No HTTP here.

One lock guards types, leads and activities together, so each row is applied whole or not at all,
and readers never see a half-applied row, under any number of server threads.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.clock import Clock
from lsq_mock.contract.schemaset import SchemaSet
from lsq_mock.contract.violations import Violation
from lsq_mock.errors import DuplicateEntry, EntityNotFound, InvalidData
from lsq_mock.tenant.activities import Activities, PageOrder
from lsq_mock.tenant.choices import DefaultChoices, TenantChoices
from lsq_mock.tenant.definitions import InvalidDefinition, type_from_request
from lsq_mock.tenant.events import (
    ActivityEvent,
    ActivityListener,
)
from lsq_mock.tenant.leads import Leads
from lsq_mock.tenant.leads.writer import LeadWriter
from lsq_mock.tenant.leadstore import LeadOperations
from lsq_mock.tenant.paging import DEFAULT_ROW_COUNT
from lsq_mock.tenant.results import ActivityPage, BulkOutcome, Saved, TenantSnapshot
from lsq_mock.tenant.rows import RowWriter, duplicate_row, unknown_activity_type
from lsq_mock.tenant.rules import RowFailure, RowPlace
from lsq_mock.tenant.seed import check_seed
from lsq_mock.tenant.stamp import SecondStamp
from lsq_mock.tenant.types import ActivityTypes
from lsq_mock.tenant.user import DEFAULT_USER

FIRST_CUSTOM_CODE = 201
"""The event code of a tenant's first custom activity type (as the vendor's samples show)."""


class TenantStore(LeadOperations):
    """Activity types, leads, activities and the key owner's user record of one tenant, with
    the API's rules for writing (the lead operations are `LeadOperations`')."""

    def __init__(
        self,
        schemas: SchemaSet,
        clock: Clock,
        on_event: ActivityListener | None = None,
        choices: Callable[[], TenantChoices] = DefaultChoices,
    ):
        self._schemas = schemas
        self._choices = choices
        """The disputed answers in force now (read on each call, as the configuration changes)."""
        self._clock = clock
        self._on_event = on_event
        self._lock = threading.RLock()
        self._timestamp = SecondStamp(clock)
        self._types = ActivityTypes()
        self._leads = Leads(stamp=self._timestamp)
        self._activities = Activities()
        self._user = dict(DEFAULT_USER)
        self._lead_writer = LeadWriter(self._leads, self._timestamp)
        self._unannounced: list[ActivityEvent] = []
        """Events of the write in progress, handed to the listener in one call when it ends."""
        self._rows = RowWriter(
            self._types,
            self._leads,
            self._activities,
            lead_writer=self._lead_writer,
            stamp=self._timestamp,
            announce=self._unannounced.append,
            choices=choices,
        )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the lock for one write (a batch, or one activity), then announce its events."""
        with self._lock:
            try:
                yield
            finally:
                events = self._unannounced[:]
                self._unannounced.clear()
                if events and self._on_event is not None:
                    self._on_event(events)

    # -- seeding -------------------------------------------------------------------------------

    def load(self, seed: Mapping[str, Any]) -> dict[str, int]:
        """Add (or replace) the seed's types, lead fields, leads, activities and user; refuse it
        whole on a problem. Activities on lead ids the tenant lacks bring them as bare leads
        (when the tenant holds leads), counted as `LeadsFromActivities`."""
        with self._lock:
            tenant = (self._types, self._leads, self._activities)
            checked = check_seed(seed, self._schemas, tenant, self._timestamp())
            self._types.define(checked.types)
            if checked.lead_schema is not None:
                self._leads.define(checked.lead_schema)
            if checked.user is not None:
                self._user = checked.user
                self._leads.owner_id = checked.user["Id"]
            self._leads.add([*checked.leads, *checked.bare_leads])
            for activity in checked.activities:
                self._activities.put(activity)
        loaded = {
            "ActivityTypes": len(checked.types),
            "Leads": len(checked.leads),
            "Activities": len(checked.activities),
        }
        if checked.bare_leads:
            loaded["LeadsFromActivities"] = len(checked.bare_leads)
        return loaded

    def snapshot(self) -> TenantSnapshot:
        """The content now, copied once, so that `restore` can go back to it without re-checking."""
        with self._lock:
            return TenantSnapshot(
                self._types.snapshot(),
                self._leads.snapshot(),
                self._activities.snapshot(),
                copy.deepcopy(self._user),
            )

    def restore(self, snapshot: TenantSnapshot | None) -> None:
        """Go back to `snapshot` (or empty) at once: no reader sees it half done."""
        snapshot = snapshot or TenantSnapshot()
        with self._lock:
            self._types.restore(snapshot.types)
            self._leads.restore(snapshot.leads)
            self._activities.restore(snapshot.activities)
            self._user = copy.deepcopy(snapshot.user)
            self._leads.owner_id = self._user["Id"]

    def create_type(self, body: Mapping[str, Any]) -> int:
        """Add the custom activity type a CreateType body defines; its new event code.

        Codes follow the highest the tenant has (custom types start after 200); a name already
        taken (case-insensitive) is refused as the API refuses a duplicate entry.
        """
        with self._lock:
            name = body["ActivityEventName"]
            if self._types.find_by_name(name) is not None:
                raise DuplicateEntry(
                    f"Duplicate entry '{name}' for key 'ActivityEventName'",
                    path="$.ActivityEventName",
                )
            code = max([FIRST_CUSTOM_CODE - 1, *self._types.codes()]) + 1
            try:
                definition = type_from_request(body, code)
            except InvalidDefinition as problem:
                raise InvalidData(
                    str(problem), path=problem.path, rule=rules.INVALID_TYPE
                ) from None
            self._types.define({code: definition})
            return code

    # -- reading -------------------------------------------------------------------------------

    def activity_types(self) -> list[dict[str, Any]]:
        """Every activity type, by event code."""
        with self._lock:
            return self._types.copies()

    def field_data_types(self) -> list[dict[str, Any]]:
        """Each activity type cut to its event code and its fields' DataTypes (what coverage
        reads of it), built without copying the whole type: coverage asks on every reset."""
        with self._lock:
            return [
                {
                    "ActivityEvent": code,
                    "Fields": [
                        {"SchemaName": name, "DataType": definition["DataType"]}
                        for name, definition in self._types.fields(code).items()
                    ],
                }
                for code in self._types.codes()
            ]

    def activity_type(self, code: int) -> dict[str, Any]:
        """One activity type by its event code, or EntityNotFound."""
        with self._lock:
            found = self._types.get(code)
            if found is None:
                raise EntityNotFound(f"Activity type {code} does not exist in the system")
            return copy.deepcopy(found)

    def leads(self) -> list[dict[str, Any]]:
        """Every lead of the tenant (a tenant with none takes activities on any lead id)."""
        with self._lock:
            return self._leads.copies()

    def activities(
        self, *, activity_event: int | None = None, related_prospect_id: str | None = None
    ) -> list[dict[str, Any]]:
        """The activities, optionally only of one type and/or one lead, in insertion order."""
        with self._lock:
            found = (
                self._activities.values()
                if related_prospect_id is None
                else self._activities.of_lead(related_prospect_id)
            )
            return [
                copy.deepcopy(a)
                for a in found
                if activity_event is None or a["ActivityEvent"] == activity_event
            ]

    def activity(self, activity_id: str) -> dict[str, Any]:
        """One activity, or EntityNotFound."""
        with self._lock:
            found = self._activities.get(activity_id)
            if found is None:
                raise EntityNotFound(f"Activity {activity_id!r} does not exist in the system")
            return copy.deepcopy(found)

    def activity_with_type(self, activity_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """One activity and its activity type, read together; or EntityNotFound."""
        with self._lock:
            found = self._activities.get(activity_id)
            activity_type = None if found is None else self._types.get(found["ActivityEvent"])
            if found is None or activity_type is None:
                raise EntityNotFound(f"Activity {activity_id!r} does not exist in the system")
            return copy.deepcopy(found), copy.deepcopy(activity_type)

    def near_activity(self, activity_id: str) -> str | None:
        """A hint naming the known activity id nearest an unknown one (a near miss), or None."""
        with self._lock:
            return self._activities.near_miss(activity_id)

    def counts(self) -> dict[str, int]:
        """How many types, leads and activities the store holds."""
        with self._lock:
            return {
                "ActivityTypes": len(self._types),
                "Leads": len(self._leads),
                "Activities": len(self._activities),
            }

    def lead_activities(
        self,
        lead_id: str,
        *,
        activity_event: int | None = None,
        offset: int = 0,
        row_count: int = DEFAULT_ROW_COUNT,
    ) -> ActivityPage:
        """One page of a lead's activities, newest first, and how many match in all. A lead
        the tenant does not hold (when it holds leads) or a type it does not have is refused
        as Create refuses them, at Retrieve's `?leadId` and `$.Parameter.ActivityEvent`."""
        with self._lock:
            try:
                self._rows.check_lead(lead_id, "?leadId")
                if activity_event is not None and activity_event not in self._types:
                    raise unknown_activity_type(
                        "$.Parameter.ActivityEvent", activity_event, self._types
                    )
            except RowFailure as failure:
                raise failure.as_error() from None
            total, page = self._activities.newest_of_lead(
                lead_id, activity_event, offset, row_count
            )
            return ActivityPage(total, page, self._types_of(page))

    def activities_modified(
        self, activity_event: int | None, low: str, high: str, order: PageOrder
    ) -> ActivityPage:
        """One page of the activities (of one type, if given) last modified between `low` and
        `high`, in `order`; a type the tenant does not have is refused as Create refuses it."""
        with self._lock:
            if activity_event is not None and activity_event not in self._types:
                failure = unknown_activity_type(
                    "$.Parameter.ActivityEvent", activity_event, self._types
                )
                raise failure.as_error()
            total, page = self._activities.modified_between(activity_event, low, high, order)
            return ActivityPage(total, page, self._types_of(page))

    def _types_of(self, activities: Iterable[Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
        """Copies of the types of `activities`, by code (the lock held)."""
        codes = {activity["ActivityEvent"] for activity in activities}
        return {code: copy.deepcopy(self._types.get(code) or {}) for code in codes}

    # -- posting and updating activities -------------------------------------------------------

    def create_activity(
        self, body: Mapping[str, Any], *, skip_dropdown_validation: bool = False
    ) -> Saved:
        """Post one activity whole or not at all; a refusal is raised as the API's error."""
        return self._write_one(
            lambda notes: self._rows.create(
                body, RowPlace("$", None, skip_dropdown_validation, notes), may_create_lead=True
            )
        )

    def update_activity(
        self, row: Mapping[str, Any], *, skip_dropdown_validation: bool = False
    ) -> Saved:
        """Apply one row by the bulk update's rules; a refusal is raised as the API's error."""
        return self._write_one(
            lambda notes: self._rows.update(
                row, RowPlace("$", None, skip_dropdown_validation, notes)
            )
        )

    def bulk_add(
        self, rows: list[Mapping[str, Any]], *, skip_dropdown_validation: bool = False
    ) -> BulkOutcome:
        """Post each row's activity whole or not at all; one failed row never fails the others."""

        def attempt(index: int, row: Mapping[str, Any], notes: list[Violation]) -> dict[str, Any]:
            place = RowPlace(f"$[{index}]", index + 1, skip_dropdown_validation, notes)
            activity_id = self._rows.create(row, place)
            return {
                "ActivityCreated": True,
                "ProspectActivityId": activity_id,
                "ExceptionMessage": None,
            }

        def refused(failure: RowFailure) -> dict[str, Any]:
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
                notes.append(duplicate_row(index, activity_id, first_row_of[activity_id]))
            first_row_of.setdefault(activity_id, number)
            self._rows.update(row, RowPlace(f"$[{index}]", number, skip_dropdown_validation, notes))
            return {"ActivityUpdated": True}

        def refused(failure: RowFailure) -> dict[str, Any]:
            return {"ActivityUpdated": False, **failure.answer()}

        return self._write_rows(rows, attempt, refused)

    def _write_one(self, run: Callable[[list[Violation]], str]) -> Saved:
        """Save one activity under `_writing()`; a refusal is raised as the API's error."""
        notes: list[Violation] = []
        with self._writing():
            try:
                activity_id = run(notes)
            except RowFailure as failure:
                raise failure.as_error() from None
        return Saved(activity_id, notes)

    def _write_rows(
        self,
        rows: list[Mapping[str, Any]],
        attempt: Callable[[int, Mapping[str, Any], list[Violation]], dict[str, Any]],
        refused: Callable[[RowFailure], dict[str, Any]],
    ) -> BulkOutcome:
        """Save each row under one `_writing()`; a refused row is answered, the others go on."""
        outcome = BulkOutcome()
        with self._writing():
            for index, row in enumerate(rows):
                number = index + 1
                try:
                    result = attempt(index, row, outcome.violations)
                except RowFailure as failure:
                    result = refused(failure)
                    outcome.violations.append(failure.violation(number))
                outcome.results.append({"RowNumber": number, **result})
        return outcome
