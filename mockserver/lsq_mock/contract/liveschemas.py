"""The shipped response schemas relaxed to what the evidence shows of the live API, for judging
a real tenant's answers (the provider suite); the emulator's own answers keep the strict ones.

The shipped schemas are the emulator's contract: closed, every key required, values bounded.
The vendor's samples they come from are cut short, so a real tenant may send keys they do not
show, leave out keys no evidence shows it always sends (each schema names those under
`x-live-optional`, with `because`), and carry values the samples never showed. The relaxed copy
keeps each schema's keys and JSON types, and its constants (`Status: "Success"`), and nothing
else: any object takes extra keys, the live-optional keys are not required, an enum becomes the
types of its values, and patterns, formats, lengths and bounds are dropped.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from lsq_mock.contract.schemaset import SchemaSet, shipped_schemas

LIVE_OPTIONAL = "x-live-optional"
"""The schema keyword naming the keys the live API is not shown to always send."""
_VALUE_BOUNDS = frozenset(
    {
        "pattern",
        "format",
        "contentMediaType",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "uniqueItems",
        "propertyNames",
    }
)
_SUBSCHEMA = frozenset({"items", "additionalProperties", "unevaluatedProperties", "not"})
_SUBSCHEMA_LISTS = frozenset({"oneOf", "anyOf", "allOf", "prefixItems"})
_SUBSCHEMA_MAPS = frozenset({"properties", "patternProperties", "$defs"})
_CLOSED = frozenset({"additionalProperties", "unevaluatedProperties"})
_JSON_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}


def relaxed(schema: Any) -> Any:
    """`schema` (a JSON Schema document or subschema) cut down to keys, types and constants."""
    if not isinstance(schema, dict):
        return schema
    optional = set(schema.get(LIVE_OPTIONAL, {}).get("keys", ()))
    kept: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword in _VALUE_BOUNDS or (keyword in _CLOSED and value is False):
            continue
        if keyword == "required":
            kept[keyword] = [name for name in value if name not in optional]
        elif keyword == "enum":
            if "type" not in schema:
                kept["type"] = sorted({_JSON_TYPES[type(item)] for item in value})
        elif keyword in _SUBSCHEMA:
            kept[keyword] = relaxed(value)
        elif keyword in _SUBSCHEMA_LISTS:
            kept[keyword] = [relaxed(item) for item in value]
        elif keyword in _SUBSCHEMA_MAPS:
            kept[keyword] = {name: relaxed(item) for name, item in value.items()}
        else:
            kept[keyword] = value
    return kept


@cache
def live_schemas() -> SchemaSet:
    """The shipped schemas, each relaxed (same names and $ids, so references stay relaxed)."""
    return SchemaSet(
        {name: relaxed(document) for name, document in shipped_schemas().documents.items()}
    )
