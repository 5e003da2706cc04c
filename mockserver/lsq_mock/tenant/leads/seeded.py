"""A seed's lead fields, unique fields and leads, checked by the same rules as lead writes.

Pure: given the seed and the tenant's leads, it returns what to store or raises InvalidInput with
the JSON path of the first problem, so a bad seed never stores half of itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.contract.fields import InvalidValue
from lsq_mock.errors import InvalidInput
from lsq_mock.tenant.leads.records import Lead, Leads
from lsq_mock.tenant.leads.schema import SEEDABLE, LeadSchema
from lsq_mock.tenant.leads.values import check_lead_value, unique_key

Refusal = Callable[[str, str], InvalidInput]
"""Makes the seed's refusal from a message and the JSON path it points at."""


@dataclass(frozen=True)
class CheckedLeads:
    """What a seed does to leads: the new lead schema (None: unchanged) and the leads to store."""

    schema: LeadSchema | None
    leads: list[Lead]


def check_lead_seed(seed: Mapping[str, Any], leads: Leads, refused: Refusal) -> CheckedLeads:
    """The seed's lead schema and leads, each value stored as a lead write would store it."""
    schema = _seeded_schema(seed, leads.schema, refused)
    new_leads = [
        _checked_lead(lead, schema or leads.schema, f"$.Leads[{index}]", refused)
        for index, lead in enumerate(seed.get("Leads", []))
    ]
    _check_ids(new_leads, refused)
    if schema is None:
        _check_unique(new_leads, leads, leads.schema, refused)
    else:
        _recheck_all(leads, new_leads, schema, refused)
    return CheckedLeads(schema, new_leads)


def _seeded_schema(
    seed: Mapping[str, Any], schema: LeadSchema, refused: Refusal
) -> LeadSchema | None:
    fields = seed.get("LeadFields")
    unique = seed.get("UniqueLeadFields")
    if fields is None and unique is None:
        return None
    names = [field["SchemaName"] for field in fields or []]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise refused(f"$.LeadFields defines {name} twice", f"$.LeadFields[{index}]")
    new = schema.with_custom(fields or [], unique)
    for index, name in enumerate(new.unique_fields):
        if new.field(name) is None:
            raise refused(
                f"$.UniqueLeadFields[{index}] {name!r} is not a lead field",
                f"$.UniqueLeadFields[{index}]",
            )
    return new


def _checked_lead(lead: Mapping[str, Any], schema: LeadSchema, path: str, refused: Refusal) -> Lead:
    stored: Lead = {"ProspectID": lead["ProspectID"]}
    for name, value in lead.items():
        if name == "ProspectID":
            continue
        definition = schema.field(name)
        if definition is None:
            raise refused(
                f"{path}.{name} is not a lead field of the tenant (define custom fields in "
                "$.LeadFields)",
                f"{path}.{name}",
            )
        if definition.get("ReadOnly") and name not in SEEDABLE:
            raise refused(f"{path}.{name} is kept by LeadSquared: a seed cannot set it", path)
        try:
            stored[name] = check_lead_value(definition, value).value
        except InvalidValue as error:
            raise refused(f"{path}.{name}: {error}", f"{path}.{name}") from None
    return stored


def _check_ids(new_leads: list[Lead], refused: Refusal) -> None:
    seen: set[str] = set()
    for index, lead in enumerate(new_leads):
        prospect_id = lead["ProspectID"]
        if prospect_id in seen:
            path = f"$.Leads[{index}].ProspectID"
            raise refused(f"{path} {prospect_id!r} appears twice", path)
        seen.add(prospect_id)


def _check_unique(
    new_leads: list[Lead],
    leads: Leads | None,
    schema: LeadSchema,
    refused: Refusal,
    first_seeded: int = 0,
) -> None:
    """Refuse a seeded lead whose unique value another lead (seeded, or kept) holds; the leads
    before `first_seeded` are kept ones, rechecked for new unique fields."""
    replaced = {lead["ProspectID"] for lead in new_leads}
    seen: dict[tuple[str, str], str] = {}
    for index, lead in enumerate(new_leads):
        for name in schema.unique_fields:
            definition = schema.field(name) or {}
            key = unique_key(definition, lead.get(name))
            if key is None:
                continue
            owner = seen.setdefault((name, key), lead["ProspectID"])
            kept = leads.holder(name, lead.get(name)) if leads is not None else None
            if kept in replaced:
                kept = None
            holder = owner if owner != lead["ProspectID"] else kept
            if holder is not None and holder != lead["ProspectID"]:
                seeded = index >= first_seeded
                path = f"$.Leads[{index - first_seeded}].{name}" if seeded else "$.UniqueLeadFields"
                where = path if seeded else f"lead {lead['ProspectID']!r}'s {name}"
                raise refused(
                    f"{where} {lead[name]!r} is already the {name} of lead {holder!r}", path
                )


def _recheck_all(leads: Leads, new_leads: list[Lead], schema: LeadSchema, refused: Refusal) -> None:
    """With new lead fields, every lead kept must still fit them, and all must be unique."""
    replaced = {lead["ProspectID"] for lead in new_leads}
    kept = [lead for lead in leads.values() if lead["ProspectID"] not in replaced]
    for lead in kept:
        label = f"lead {lead['ProspectID']!r}"
        for name, value in _custom_values(lead, schema):
            definition = schema.field(name) or {}
            try:
                check_lead_value(definition, value)
            except InvalidValue as error:
                raise refused(
                    f"the new definition of {name} does not fit the stored {label}: {error}",
                    "$.LeadFields",
                ) from None
    _check_unique([*kept, *new_leads], None, schema, refused, len(kept))


def _custom_values(lead: Lead, schema: LeadSchema) -> Iterable[tuple[str, Any]]:
    for definition in schema.custom:
        name = definition["SchemaName"]
        if lead.get(name) is not None:
            yield name, lead[name]
