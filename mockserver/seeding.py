"""Seed data checked whole before anything is stored: the schema, then each type and activity.

Pure: given the seed and the field definitions already known, it returns what to store or raises
InvalidInput with the JSON path of the first problem, so a bad seed never stores half of itself.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.errors import InvalidInput
from lsq_mock.fields import SYSTEM_FIELDS, InvalidValue, check_value, field_definition
from lsq_mock.schemaset import SchemaSet

Definitions = dict[int, dict[str, dict[str, Any]]]
"""Field definitions by activity type code, then by schema name."""


@dataclass(frozen=True)
class CheckedSeed:
    """What a valid seed adds: types and field definitions by code, activities by id."""

    types: dict[int, dict[str, Any]]
    fields: Definitions
    activities: dict[str, dict[str, Any]]


def check_seed(
    seed: Mapping[str, Any], schemas: SchemaSet, known_fields: Definitions, now: str
) -> CheckedSeed:
    """Check `seed` against the seed schema and the types' fields; `now` stamps undated rows."""
    problem = schemas.first_violation("seed", seed, "invalid-seed")
    if problem is not None:
        raise InvalidInput.from_violation(problem, "Invalid seed!")
    types = {t["ActivityEvent"]: copy.deepcopy(t) for t in seed.get("ActivityTypes", [])}
    fields = {**known_fields}
    for index, activity_type in enumerate(seed.get("ActivityTypes", [])):
        names = [f["SchemaName"] for f in activity_type["Fields"]]
        duplicate = next((n for n in names if names.count(n) > 1), None)
        if duplicate:
            raise InvalidInput(
                f"Invalid seed! $.ActivityTypes[{index}] defines {duplicate} twice",
                path=f"$.ActivityTypes[{index}].Fields",
            )
        fields[activity_type["ActivityEvent"]] = {
            f["SchemaName"]: f for f in types[activity_type["ActivityEvent"]]["Fields"]
        }
    activities = _checked_activities(seed.get("Activities", []), fields, now)
    new_fields = {code: fields[code] for code in types}
    return CheckedSeed(types, new_fields, {a["ProspectActivityId"]: a for a in activities})


def _checked_activities(
    raw: Iterable[Mapping[str, Any]], fields: Definitions, now: str
) -> list[dict[str, Any]]:
    seen: set[str] = set()
    activities = []
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
            if value is not None:
                _check_seed_value(fields[code], code, name, value, path)
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


def _check_seed_value(
    definitions: dict[str, dict[str, Any]], code: int, name: str, value: Any, path: str
) -> None:
    value_path = f"{path}.{name}" if name in SYSTEM_FIELDS else f"{path}.Fields.{name}"
    definition = field_definition(definitions, name)
    if definition is None:
        raise InvalidInput(
            f"Invalid seed! {value_path} is not a field of activity type {code}", path=value_path
        )
    try:
        check_value(definition, value)
    except InvalidValue as error:
        raise InvalidInput(f"Invalid seed! {value_path}: {error}", path=value_path) from None
