"""The leads a cassette's answers show, as a seed takes them: the properties a seed may set (not
those LeadSquared keeps, such as Origin), with the custom `mx_*` fields they use declared as
LeadFields (as LeadsMetaData.Get described them, else Text). No HTTP here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lsq_mock.contract.fields import InvalidValue
from lsq_mock.digits import ascii_int
from lsq_mock.tenant.leads.schema import LEAD_DATA_TYPES, SEEDABLE, LeadSchema
from lsq_mock.tenant.leads.values import check_lead_value

CUSTOM_PREFIX = "mx_"
FIELD_KEYS = ("SchemaName", "DisplayName", "DataType", "IsMandatory")
"""What a LeadFields entry takes from a LeadsMetaData.Get row as it is."""


def lead_fields(rows: Iterable[Mapping[str, Any]], used: Iterable[str]) -> list[dict[str, Any]]:
    """A LeadFields definition of each custom field in `used`: its LeadsMetaData.Get row if one
    was recorded, else a Text."""
    described = {
        row["SchemaName"]: row
        for row in rows
        if isinstance(row.get("SchemaName"), str) and row.get("DataType") in LEAD_DATA_TYPES
    }
    fields = []
    for name in sorted(set(used)):
        row = described.get(name)
        if row is None:
            fields.append({"SchemaName": name, "DataType": "Text"})
            continue
        definition = {key: row[key] for key in FIELD_KEYS if key in row}
        options = [o["Value"] for o in row.get("Options") or () if isinstance(o, dict)]
        if options:
            definition["Options"] = options
        if row.get("AllowMultiple") is True:
            definition["IsMultiSelect"] = True
        longest = ascii_int(str(row.get("MaxLength") or ""))
        if longest is not None and longest >= 1:
            definition["MaxLength"] = longest
        fields.append(definition)
    return fields


def seedable_lead(lead: Mapping[str, Any], custom: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """`lead` (as an answer showed it) with only what a seed may set and the emulator takes."""
    schema = LeadSchema(custom)
    kept: dict[str, Any] = {"ProspectID": lead["ProspectID"]}
    for name, value in lead.items():
        definition = schema.field(name)
        if name == "ProspectID" or value is None or definition is None:
            continue
        if definition.get("ReadOnly") and name not in SEEDABLE:
            continue
        try:
            check_lead_value(definition, value)
        except InvalidValue:
            continue
        kept[name] = value
    return kept


def custom_names(leads: Iterable[Mapping[str, Any]]) -> set[str]:
    """The custom lead fields the leads hold a value of."""
    return {
        name
        for lead in leads
        for name, value in lead.items()
        if name.startswith(CUSTOM_PREFIX) and value is not None
    }
