"""Seed data checked whole before anything is stored, by the same rules as the API's writes.

Pure: given the seed and the tenant as it is, it returns what to store (values as the API would
store them: a DateTime with an offset becomes UTC) or raises InvalidInput with the JSON path of
the first problem, so a bad seed never stores half of itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.contract.fields import SYSTEM_FIELDS, field_definition
from lsq_mock.contract.schemaset import SchemaSet
from lsq_mock.errors import InvalidInput
from lsq_mock.tenant.activities import Activities, Activity
from lsq_mock.tenant.leads import Lead, Leads, LeadSchema
from lsq_mock.tenant.leads.seeded import check_lead_seed
from lsq_mock.tenant.rules import RowFailure, RowPlace, checked_value
from lsq_mock.tenant.types import ActivityTypes
from lsq_mock.tenant.user import DEFAULT_USER, seeded_user


@dataclass(frozen=True)
class CheckedSeed:
    """What a valid seed adds: types by code, the lead schema (None: unchanged), leads, the
    bare leads its activities bring, activities, and the key owner's record (None: unchanged)."""

    types: dict[int, dict[str, Any]]
    lead_schema: LeadSchema | None
    leads: list[Lead]
    bare_leads: list[Lead]
    activities: list[Activity]
    user: dict[str, Any] | None = None


def check_seed(
    seed: Mapping[str, Any],
    schemas: SchemaSet,
    tenant: tuple[ActivityTypes, Leads, Activities],
    now: str,
) -> CheckedSeed:
    """Check `seed` against the seed schema and the tenant; `now` stamps undated activities."""
    problem = schemas.first_violation("seed", seed, "invalid-seed")
    if problem is not None:
        raise InvalidInput.from_violation(problem, "Invalid seed!")
    types, leads, activities = tenant
    new_types = _checked_types(seed.get("ActivityTypes", []))
    staged = ActivityTypes()
    known = {code: found for code in types.codes() if (found := types.get(code)) is not None}
    staged.define({**known, **new_types})
    checked_leads = check_lead_seed(seed, leads, _refused)
    new_leads = checked_leads.leads
    new_ids = {lead["ProspectID"] for lead in new_leads}
    new_activities = _checked_activities(seed.get("Activities", []), staged, now)
    bare_leads = []
    if leads.emulated or new_leads or checked_leads.schema is not None:
        # A seed's activities bring the leads they name (a suite seeding its own activities on
        # its own lead ids keeps working); the API's own writes still refuse an unknown lead.
        wanted = dict.fromkeys(a["RelatedProspectId"] for a in new_activities)
        bare_leads = [{"ProspectID": i} for i in wanted if i not in leads and i not in new_ids]
    replaced = {activity["ProspectActivityId"] for activity in new_activities}
    kept = (a for a in activities.values() if a["ProspectActivityId"] not in replaced)
    _recheck_redefined(kept, new_types, staged)
    user = seed.get("User")
    return CheckedSeed(
        new_types,
        checked_leads.schema,
        new_leads,
        bare_leads,
        new_activities,
        None if user is None else seeded_user(DEFAULT_USER, user),
    )


def _refused(message: str, path: str) -> InvalidInput:
    return InvalidInput(f"Invalid seed! {message}", path=path, rule="invalid-seed")


def _checked_types(raw: list[Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    found: dict[int, dict[str, Any]] = {}
    for index, activity_type in enumerate(raw):
        path = f"$.ActivityTypes[{index}]"
        names = [f["SchemaName"] for f in activity_type["Fields"]]
        duplicate = next((n for n in names if names.count(n) > 1), None)
        if duplicate:
            raise _refused(f"{path} defines {duplicate} twice", f"{path}.Fields")
        code = activity_type["ActivityEvent"]
        if code in found:
            raise _refused(f"{path}.ActivityEvent {code} is defined twice", f"{path}.ActivityEvent")
        found[code] = copy.deepcopy(dict(activity_type))
    return found


def _checked_activities(
    raw: Iterable[Mapping[str, Any]], types: ActivityTypes, now: str
) -> list[Activity]:
    seen: set[str] = set()
    found = []
    for index, given in enumerate(raw):
        path = f"$.Activities[{index}]"
        activity_id, code = given["ProspectActivityId"], given["ActivityEvent"]
        if activity_id in seen:
            raise _refused(
                f"{path}.ProspectActivityId {activity_id!r} appears twice",
                f"{path}.ProspectActivityId",
            )
        seen.add(activity_id)
        if code not in types:
            raise _refused(
                f"{path}.ActivityEvent {code} is not a known activity type", f"{path}.ActivityEvent"
            )
        activity: Activity = {
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
        found.append(_checked_activity(activity, types, path))
    return found


def _checked_activity(activity: Activity, types: ActivityTypes, path: str) -> Activity:
    """`activity` with its values as the API stores them; InvalidInput if one is refused."""
    code = activity["ActivityEvent"]
    definitions = types.fields(code)
    stored = {**activity, "Fields": {}}
    values = {name: activity[name] for name in SYSTEM_FIELDS}
    values.update(activity["Fields"])
    for name, value in values.items():
        is_system = name in SYSTEM_FIELDS
        value_path = f"{path}.{name}" if is_system else f"{path}.Fields.{name}"
        definition = field_definition(definitions, name)
        if definition is None:
            raise _refused(
                f"{value_path} is not a field of activity type {types.label(code)}",
                value_path,
            )
        if value is not None:
            try:
                place = RowPlace(value_path, None, False, [])
                value = checked_value(definition, value, value_path, place, False)
            except RowFailure as failure:
                raise _refused(f"{value_path}: {failure.message}", value_path) from None
        (stored if is_system else stored["Fields"])[name] = value
    return stored


def _recheck_redefined(
    kept: Iterable[Activity],
    redefined: dict[int, dict[str, Any]],
    types: ActivityTypes,
) -> None:
    """Refuse a new definition of a type that an activity already stored could not satisfy."""
    for activity in kept:
        code = activity["ActivityEvent"]
        if code not in redefined:
            continue
        label = f"activity {activity['ProspectActivityId']!r}"
        try:
            _checked_activity(activity, types, label)
        except InvalidInput as problem:
            raise _refused(
                f"the new definition of ActivityEvent {code} does not fit the stored "
                f"{problem.message.removeprefix('Invalid seed! ')}",
                "$.ActivityTypes",
            ) from None
