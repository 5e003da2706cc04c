"""How lead reads answer: a lead object (every column, text or null) and LeadsMetaData.Get's rows.
Pure: from a stored lead and the tenant's lead schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from lsq_mock.tenant.leads.records import Lead
from lsq_mock.tenant.leads.schema import LeadSchema
from lsq_mock.tenant.leads.values import rendered

UNSET_VALUES: dict[str, Any] = {"null": None, "-": "-"}
"""What an unset value reads as, by the `lead_unset_value` setting: null (the vendor's samples)
or "-" (one client's report)."""
FIELD_IDS = uuid.UUID("2f6d8e1a-4b3c-4d5e-9f0a-1b2c3d4e5f6a")
"""Namespace of the stable EntityAttributeId a lead field's metadata row carries."""
RENDER_TYPES = {
    "Text": "Textbox",
    "Number": "Textbox",
    "Email": "Email",
    "Phone": "Phone",
    "Website": "URL",
    "Date": "Date",
    "DateTime": "DateTime",
    "Time": "Time",
    "Select": "Dropdown",
    "Boolean": "CheckBox",
    "CustomObject": "CustomObject",
    "GUID": "Textbox",
}
"""RenderTypeTextValue by DataType: the Create a Custom Lead Field page's pairs."""


def lead_answer(
    lead: Lead, schema: LeadSchema, columns: Iterable[str] | None = None, unset: Any = None
) -> dict[str, Any]:
    """`lead` as lead reads answer it: each column (default: every field) as text, or `unset`."""
    answer: dict[str, Any] = {}
    for name in schema.names() if columns is None else columns:
        definition = schema.field(name)
        if definition is not None:
            answer[name] = rendered(definition, lead.get(name), unset)
    return answer


def metadata_rows(schema: LeadSchema, schema_name: str | None = None) -> list[dict[str, Any]]:
    """LeadsMetaData.Get: a row per lead field, or only `schema_name`'s ([] if none has it)."""
    names = schema.names() if schema_name is None else [schema.resolve(schema_name)]
    return [_metadata_row(schema, name) for name in names if name is not None]


def _metadata_row(schema: LeadSchema, name: str) -> dict[str, Any]:
    definition = schema.field(name) or {}
    data_type = definition["DataType"]
    max_length = definition.get("MaxLength")
    row: dict[str, Any] = {
        "Entity": "1",
        "SchemaName": name,
        "DisplayName": definition.get("DisplayName") or name,
        "DataType": "Text" if data_type == "GUID" else data_type,
        "IsMandatory": bool(definition.get("IsMandatory")),
        "MaxLength": None if max_length is None else str(max_length),
        "EntityAttributeId": str(uuid.uuid5(FIELD_IDS, name)),
        "Name": name,
        "EntityAttributeType": 1 if definition.get("IsSystem") else 2,
        "RenderTypeTextValue": RENDER_TYPES[data_type],
        "IsVisible": True,
        "IsSearchable": True,
        "IsSortable": True,
        "AllowMultiple": bool(definition.get("IsMultiSelect")),
        "IsLeadIdentifier": schema.is_unique(name),
        "LockAfterCreate": 1 if definition.get("ReadOnly") else 0,
    }
    if data_type == "Select":
        row["Options"] = [{"Value": option} for option in definition.get("Options") or []]
    return row
