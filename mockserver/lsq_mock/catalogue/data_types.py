"""The field data types the API knows, and the system fields every activity has: the names the
field checks (`contract.fields`), the behaviour catalogue and the traffic readers share."""

from __future__ import annotations

from typing import Any

DATA_TYPES = (
    "String",
    "Text",
    "Status",
    "Number",
    "Date",
    "DateTime",
    "Boolean",
    "Dropdown",
    "SearchableDropdown",
    "Owner",
)
"""Every DataType a value is checked against: a type's fields, then the system Status and Owner."""
SYSTEM_FIELDS = ("Status", "Owner")


def system_field(schema_name: str) -> dict[str, Any]:
    """The definition of a system field (`Status`, or `Owner`: a user id)."""
    data_type = "Owner" if schema_name == "Owner" else "Status"
    return {"SchemaName": schema_name, "DataType": data_type}


SYSTEM_DEFINITIONS = {name: system_field(name) for name in SYSTEM_FIELDS}
