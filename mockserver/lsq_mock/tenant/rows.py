"""Writing one row: post an activity on a lead, or update one, by the write rules. No lock here:
the tenant's store holds its lock around every call and announces the events each write made."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.contract.violations import Violation
from lsq_mock.errors import (
    UNKNOWN_LEAD_ANSWERS,
    InvalidActivity,
    InvalidData,
    InvalidEntity,
    InvalidEntityReference,
    LSQError,
    MandatoryAttributeMissing,
)
from lsq_mock.tenant.activities import Activities, Activity
from lsq_mock.tenant.choices import TenantChoices
from lsq_mock.tenant.events import ACTIVITY_CREATE_EVENT, ACTIVITY_UPDATE_EVENT, ActivityEvent
from lsq_mock.tenant.leads import Leads
from lsq_mock.tenant.leads.writer import LeadWriter
from lsq_mock.tenant.rules import (
    TOP_LEVEL_VALUES,
    RowFailure,
    RowPlace,
    checked_value,
    checked_values,
)
from lsq_mock.tenant.types import ActivityTypes

ACTIVITY_DATETIME = {"SchemaName": "ActivityDateTime", "DataType": "DateTime"}
LEAD_OF_EMAIL = uuid.UUID("6c1f3e0a-2b4d-4e5f-9a8b-7c6d5e4f3a2b")
"""Namespace of the stable lead id an email stands for in a tenant without leads."""
LEAD_DETAILS = ("FirstName", "LastName", "Phone")
"""What Post an Activity with a Lead's Email Address gives a lead it creates."""


class RowWriter:
    """Applies rows to the tenant's activities, and reports each write as a trigger event."""

    def __init__(
        self,
        types: ActivityTypes,
        leads: Leads,
        activities: Activities,
        *,
        lead_writer: LeadWriter,
        stamp: Callable[[], str],
        announce: Callable[[ActivityEvent], None],
        choices: Callable[[], TenantChoices],
    ):
        self._types, self._leads, self._activities = types, leads, activities
        self._lead_writer = lead_writer
        self._stamp, self._announce, self._choices = stamp, announce, choices

    def update(self, row: Mapping[str, Any], place: RowPlace) -> str:
        """Apply `row` to its activity whole, or raise RowFailure; the activity's id."""
        path = place.path
        activity_id = row["ProspectActivityId"]
        activity = self._activities.get(activity_id)
        if activity is None:
            raise RowFailure(
                InvalidEntity,
                f"Activity {activity_id!r} does not exist in the system",
                f"{path}.ProspectActivityId",
                rules.UNKNOWN_ACTIVITY,
                activity_id,
                self._activities.near_miss(activity_id),
            )
        code = activity["ActivityEvent"]
        sent_code = row.get("ActivityEvent")
        if sent_code is not None and int(sent_code) != code:
            raise RowFailure(
                InvalidData,
                f"ActivityEvent {sent_code!r} is not the type of activity {activity_id!r} "
                f"({self._types.label(code)})",
                f"{path}.ActivityEvent",
                rules.WRONG_ACTIVITY_TYPE,
                sent_code,
            )
        new_values = checked_values(self._types, code, row, place)
        self._apply(self._activities.writable(activity_id), new_values, ACTIVITY_UPDATE_EVENT)
        return str(activity_id)

    def create(
        self, row: Mapping[str, Any], place: RowPlace, *, may_create_lead: bool = False
    ) -> str:
        """Post `row`'s activity whole, or raise RowFailure; the new activity's id.

        With `may_create_lead`, an EmailAddress no lead has creates that lead (Post an Activity
        with a Lead's Email Address documents it), once the activity itself is valid.
        """
        path = place.path
        sent_code = row["ActivityEvent"]
        code = int(sent_code)  # the request schema lets only integers and digit strings through
        if code not in self._types:
            raise unknown_activity_type(f"{path}.ActivityEvent", sent_code, self._types)
        lead_id, new_lead = self._lead_of(row, path, may_create_lead)
        new_values = checked_values(self._types, code, row, place)
        self._check_mandatory(code, new_values, path)
        happened = row.get("ActivityDateTime")
        created_on = (
            self._stamp()
            if happened is None or happened == ""
            else checked_value(ACTIVITY_DATETIME, happened, f"{path}.ActivityDateTime", place, True)
        )
        if new_lead is not None:
            self._leads.add([new_lead])
        activity: Activity = {
            "ProspectActivityId": str(uuid.uuid4()),
            "ActivityEvent": code,
            "RelatedProspectId": lead_id,
            "ActivityNote": None,
            "Status": None,
            "Owner": None,
            "Fields": {},
            "CreatedOn": created_on,
            "ModifiedOn": created_on,
        }
        self._activities.put(activity)
        self._apply(activity, new_values, ACTIVITY_CREATE_EVENT)
        return str(activity["ProspectActivityId"])

    def check_lead(self, lead_id: str, path: str) -> None:
        """Raise RowFailure if the tenant holds leads but not this one."""
        if self._leads.emulated and self._leads.get(lead_id) is None:
            raise unknown_lead(path, lead_id, self._choices().unknown_lead_exception)

    def _lead_of(
        self, row: Mapping[str, Any], path: str, may_create_lead: bool
    ) -> tuple[str, dict[str, Any] | None]:
        """The lead the row posts on, and a lead to create with the activity (or None).

        A tenant without leads takes any lead id, and an email stands for a stable id of its own.
        """
        lead_id = row.get("RelatedProspectId")
        if lead_id is not None:
            self.check_lead(lead_id, f"{path}.RelatedProspectId")
            return lead_id, None
        email = row["EmailAddress"]
        if not self._leads.emulated:
            return str(uuid.uuid5(LEAD_OF_EMAIL, email.casefold())), None
        found = self._leads.id_of_email(email)
        if found is not None:
            return found, None
        if not may_create_lead:
            raise unknown_lead(
                f"{path}.EmailAddress", email, self._choices().unknown_lead_exception
            )
        details = {"EmailAddress": email, **{key: row[key] for key in LEAD_DETAILS if row.get(key)}}
        try:
            new_lead = self._lead_writer.new_lead(details, path)
        except LSQError as refused:  # a value its field refuses, or another lead's email or phone
            raise RowFailure(
                type(refused), refused.message, refused.path, refused.rule, hint=refused.hint
            ) from None
        return new_lead["ProspectID"], new_lead

    def _check_mandatory(self, code: int, new_values: dict[str, Any], path: str) -> None:
        missing = next(
            (
                name
                for name, definition in self._types.fields(code).items()
                if definition.get("IsMandatory") and name not in new_values
            ),
            None,
        )
        if missing is not None:
            raise RowFailure(
                MandatoryAttributeMissing,
                f"{missing} is mandatory for activity type {self._types.label(code)}",
                f"{path}.Fields",
                rules.MANDATORY_FIELD,
                missing,
            )

    def _apply(self, activity: Activity, new_values: dict[str, Any], event_type: str) -> None:
        changes: list[Any] = []
        fields = activity["Fields"]
        for name, value in new_values.items():
            holder = activity if name in TOP_LEVEL_VALUES else fields
            old = holder.get(name)
            if old != value:
                changes += (name, old, value)
            holder[name] = value
        activity["ModifiedOn"] = stamp = self._stamp()
        self._announce(
            ActivityEvent(
                event_type,
                activity["ProspectActivityId"],
                activity["ActivityEvent"],
                activity["RelatedProspectId"],
                tuple(changes),
                stamp,
            )
        )


def unknown_lead(path: str, sent: str, exception_type: str) -> RowFailure:
    """The live API's answer for a lead it does not hold, of `exception_type` (one of
    UNKNOWN_LEAD_ANSWERS, both observed)."""
    error: type[InvalidEntity | InvalidEntityReference] = InvalidEntity
    if exception_type == InvalidEntityReference.exception_type:
        error = InvalidEntityReference
    message = UNKNOWN_LEAD_ANSWERS[error.exception_type]
    return RowFailure(error, message, path, rules.UNKNOWN_LEAD, sent)


def unknown_activity_type(path: str, sent: Any, types: ActivityTypes) -> RowFailure:
    """The live answer for an ActivityEvent that is no activity type of the tenant: its own
    words, with which codes the tenant has for the journal's hint."""
    return RowFailure(
        InvalidActivity,
        InvalidActivity.MESSAGE,
        path,
        rules.UNKNOWN_ACTIVITY_TYPE,
        sent,
        f"ActivityEvent {sent!r} is no activity type of the tenant; its codes are "
        + ", ".join(map(str, types.codes())),
    )


def duplicate_row(index: int, activity_id: str, first_row: int) -> Violation:
    """The note for a bulk row naming an activity an earlier row of the batch names too."""
    return Violation(
        path=f"$[{index}].ProspectActivityId",
        rule=rules.DUPLICATE_ACTIVITY,
        message=f"$[{index}].ProspectActivityId {activity_id!r} is also row {first_row} of this "
        "batch; send one row per activity",
        value=activity_id,
        row=index + 1,
    )
