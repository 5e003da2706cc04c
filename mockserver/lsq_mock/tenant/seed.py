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
from lsq_mock.tenant.leads import Leads
from lsq_mock.tenant.rules import RowFailure, checked_value
from lsq_mock.tenant.types import ActivityTypes


@dataclass(frozen=True)
class CheckedSeed:
    """What a valid seed adds: types by code, leads, and activities."""

    types: dict[int, dict[str, Any]]
    leads: list[dict[str, Any]]
    activities: list[Activity]


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
    staged.define({**{code: types.get(code) for code in types.codes()}, **new_types})
    new_leads = _checked_leads(seed.get("Leads", []), leads)
    lead_ids = leads.ids() | {lead["ProspectID"] for lead in new_leads}
    new_activities = _checked_activities(seed.get("Activities", []), staged, lead_ids, now)
    replaced = {activity["ProspectActivityId"] for activity in new_activities}
    kept = (a for a in activities.values() if a["ProspectActivityId"] not in replaced)
    _recheck_redefined(kept, new_types, staged)
    return CheckedSeed(new_types, new_leads, new_activities)


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


def _checked_leads(raw: list[Mapping[str, Any]], leads: Leads) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    emails: dict[str, str] = {}
    for lead in leads.copies():
        if lead.get("EmailAddress"):
            emails[lead["EmailAddress"].casefold()] = lead["ProspectID"]
    for index, lead in enumerate(raw):
        path = f"$.Leads[{index}]"
        prospect_id = lead["ProspectID"]
        if prospect_id in found:
            raise _refused(f"{path}.ProspectID {prospect_id!r} appears twice", f"{path}.ProspectID")
        email = (lead.get("EmailAddress") or "").casefold()
        owner = emails.get(email)
        if email and owner is not None and owner != prospect_id:
            raise _refused(
                f"{path}.EmailAddress {lead['EmailAddress']!r} is already the email of lead "
                f"{owner!r}",
                f"{path}.EmailAddress",
            )
        if email:
            emails[email] = prospect_id
        found[prospect_id] = copy.deepcopy(dict(lead))
    return list(found.values())


def _checked_activities(
    raw: Iterable[Mapping[str, Any]], types: ActivityTypes, lead_ids: set[str], now: str
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
        found.append(_checked_activity(activity, types, lead_ids, path))
    return found


def _checked_activity(
    activity: Activity, types: ActivityTypes, lead_ids: set[str], path: str
) -> Activity:
    """`activity` with its values as the API stores them; InvalidInput if one is refused."""
    lead_id = activity["RelatedProspectId"]
    if lead_ids and lead_id not in lead_ids:
        raise _refused(
            f"{path}.RelatedProspectId {lead_id!r} is not a lead of the tenant",
            f"{path}.RelatedProspectId",
        )
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
                value = checked_value(definition, value, value_path, None, False, [])
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
            _checked_activity(activity, types, set(), label)
        except InvalidInput as problem:
            raise _refused(
                f"the new definition of ActivityEvent {code} does not fit the stored "
                f"{problem.message.removeprefix('Invalid seed! ')}",
                "$.ActivityTypes",
            ) from None
