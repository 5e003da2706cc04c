"""What a Create a Custom Activity Type body defines, as the store keeps activity types. Pure."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

FLAG_PROPERTIES = ("TrackLocation", "AllowAttachments", "ShowInActivityGrid")
"""Type properties the vendor's sample sends as 0 or 1 (a JSON boolean is kept as 0 or 1)."""
TYPE_PROPERTIES = ("Score", "Description", "Direction", "CanDeleteActivity", *FLAG_PROPERTIES)
"""What the CreateType page documents besides the type's name and fields."""
FIELD_PROPERTIES = {
    "DisplayName": "DisplayName",
    "IsMandatory": "IsMandatory",
    "ShowInForm": "ShowInForm",
    "IsMultiSelectDropdown": "IsMultiSelect",
    "MaxFieldLength": "MaxLength",
}
"""A CreateType field's keys, and the names the store's field definitions give them."""


class InvalidDefinition(ValueError):
    """A type definition the API cannot store; `path` points at the part that is wrong."""

    def __init__(self, message: str, path: str):
        super().__init__(message)
        self.path = path


def type_from_request(body: Mapping[str, Any], code: int) -> dict[str, Any]:
    """The stored type a CreateType body defines, with event code `code`."""
    definition: dict[str, Any] = {
        "ActivityEvent": code,
        "ActivityEventName": body["ActivityEventName"],
    }
    for key in TYPE_PROPERTIES:
        value = body.get(key)
        if value is not None:
            definition[key] = int(value) if key in FLAG_PROPERTIES else value
    fields: list[dict[str, Any]] = []
    for index, sent in enumerate(body.get("Fields") or []):
        path = f"$.Fields[{index}]"
        if any(field["SchemaName"] == sent["SchemaName"] for field in fields):
            message = f"{path}.SchemaName {sent['SchemaName']} is defined twice"
            raise InvalidDefinition(message, f"{path}.SchemaName")
        fields.append(_field_from_request(sent, path))
    definition["Fields"] = fields
    return definition


def _field_from_request(sent: Mapping[str, Any], path: str) -> dict[str, Any]:
    field: dict[str, Any] = {"SchemaName": sent["SchemaName"], "DataType": sent["DataType"]}
    for key, stored_as in FIELD_PROPERTIES.items():
        if sent.get(key) not in (None, ""):
            field[stored_as] = sent[key]
    options = _options(sent.get("OptionSet"), f"{path}.OptionSet")
    if options is not None:
        field["Options"] = options
    return field


def _options(option_set: Any, path: str) -> list[str] | None:
    """The option values of an OptionSet: null, a JSON string of an array, or the array."""
    if option_set is None or option_set == "":
        return None
    if isinstance(option_set, str):
        try:
            option_set = json.loads(option_set)
        except ValueError:
            raise InvalidDefinition(f"{path} is not a JSON array of options", path) from None
    if not isinstance(option_set, list):
        raise InvalidDefinition(f"{path} is not an array of options", path)
    values = []
    for option in option_set:
        value = option.get("Value") if isinstance(option, dict) else option
        if not isinstance(value, str) or not value:
            raise InvalidDefinition(f"{path} holds an option without a text Value", path)
        values.append(value)
    return values
