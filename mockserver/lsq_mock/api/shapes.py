"""The vendor's reply shapes for reading activities and types, built from the store's records.

Each shape follows the vendor's page (and, where the page is cut short, what public clients read
live); where neither says, the fidelity ledger names the emulator's choice.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from lsq_mock.contract.fields import DATETIME_FORMAT, DEFAULT_MAX_LENGTH, SYSTEM_FIELDS

TYPE_IDS = uuid.UUID("0e7f3c3a-5b9d-4c41-9a6e-3d1b2f0c8a77")
"""Namespace of the stable GUID each activity type is given (the `ID` ActivityTypes.Get shows)."""
STATUS_OPTIONS = ("Active", "Inactive")
"""The system Status field's options, as GetActivityDetails shows them."""
CUSTOM_ACTIVITY = 2
"""`ActivityType` of a custom activity in Retrieve (the vendor's sample row)."""
DETAILS_MAX_LENGTH = 200
"""`MaxFieldLength` of a field without a MaxLength (the vendor's sample shows 200)."""


def option_set(options: Iterable[str] | None) -> str:
    """A field's options as the JSON string GetActivityDetails carries (empty: no options)."""
    values = list(options or ())
    if not values:
        return ""
    return json.dumps(
        [
            {
                "IsDefault": order == 0,
                "Text": "",
                "Value": value,
                "Order": order,
                "CanEdit": 1,
                "CanDelete": 1,
                "IsLastOption": int(order == len(values) - 1),
            }
            for order, value in enumerate(values)
        ],
        separators=(",", ":"),
    )


def type_row(activity_type: Mapping[str, Any]) -> dict[str, Any]:
    """One row of ActivityTypes.Get: the code and name, and the type's form as a JSON string."""
    name = activity_type["ActivityEventName"]
    form = [
        {
            "SchemaName": field["SchemaName"],
            "DisplayName": field.get("DisplayName") or field["SchemaName"],
            "DataType": field["DataType"],
            "IsMandatory": bool(field.get("IsMandatory")),
            "OptionSet": option_set(field.get("Options")),
        }
        for field in activity_type["Fields"]
    ]
    return {
        "ID": type_id(activity_type["ActivityEvent"]),
        "ActivityEvent": activity_type["ActivityEvent"],
        "ActivityEventName": name,
        "DisplayName": activity_type.get("DisplayName") or name,
        "EventType": 0,
        "EventDirection": activity_type.get("Direction", 0),
        "Tags": "",
        "ActivityProperties": json.dumps({"FormMetaData": form}, separators=(",", ":")),
    }


def details(activity: Mapping[str, Any], activity_type: Mapping[str, Any]) -> dict[str, Any]:
    """GetActivityDetails: the activity's id, its type's names, then every field of the type
    (set or not) and the system fields Status and Owner, each with its properties."""
    name = activity_type["ActivityEventName"]
    fields = [
        _detail(field, activity["Fields"].get(field["SchemaName"]), sequence)
        for sequence, field in enumerate(activity_type["Fields"], start=1)
    ]
    status = {
        "SchemaName": "Status",
        "DataType": "SearchableDropdown",
        "Options": STATUS_OPTIONS,
    }
    owner = {"SchemaName": "Owner", "DataType": "Owner"}
    fields.append(_detail(status, activity["Status"], len(fields) + 1))
    fields.append(_detail(owner, activity["Owner"], len(fields) + 1))
    return {
        "ID": activity["ProspectActivityId"],
        "Name": name,
        "DisplayName": activity_type.get("DisplayName") or name,
        "Fields": fields,
    }


def _detail(field: Mapping[str, Any], value: Any, sequence: int) -> dict[str, Any]:
    name = field["SchemaName"]
    return {
        "SchemaName": name,
        "InternalName": name,
        "DisplayName": field.get("DisplayName") or name,
        "Value": value,
        "DataType": field["DataType"],
        "IsMandatory": bool(field.get("IsMandatory")),
        "ShowInForm": field.get("ShowInForm", True),
        "Sequence": sequence,
        "ParentField": "",
        "OptionSet": option_set(field.get("Options")),
        "DependentOptionSet": "",
        "IsDefault": name in SYSTEM_FIELDS,
        "IsReadOnly": False,
        "RenderType": "",
        "ExportAsPlainText": False,
        "IsMultiSelectDropdown": bool(field.get("IsMultiSelect")),
        "IncludeOthersOption": False,
        "BehaviorOnMissingDropdownOption": 0,
        "IsOthersValue": False,
        "InternalSchemaName": "",
        "CustomObjectType": CUSTOM_ACTIVITY,
        "MaxFieldLength": field.get("MaxLength")
        or DEFAULT_MAX_LENGTH.get(field["DataType"])
        or DETAILS_MAX_LENGTH,
    }


def retrieve_row(
    activity: Mapping[str, Any], activity_type: Mapping[str, Any], user_id: str
) -> dict[str, Any]:
    """One activity of Retrieve: the vendor's columns, ModifiedOn and RelatedProspectId (seen
    live), `ActivityFields` (the live system keys and the custom values set), and every property
    not common to all activities as `Data`, a `{Key, Value}` array."""
    custom = {name: value for name, value in activity["Fields"].items() if value not in (None, "")}
    properties = {
        "ActivityEvent_Note": activity["ActivityNote"],
        "Status": activity["Status"],
        "Owner": activity["Owner"],
        "RelatedProspectId": activity["RelatedProspectId"],
        "ModifiedOn": activity["ModifiedOn"],
        **custom,
    }
    return {
        "Id": activity["ProspectActivityId"],
        "EventCode": activity["ActivityEvent"],
        "EventName": activity_type["ActivityEventName"],
        "ActivityScore": activity_type.get("Score") or 0,
        "CreatedOn": activity["CreatedOn"],
        "ModifiedOn": activity["ModifiedOn"],
        "RelatedProspectId": activity["RelatedProspectId"],
        "ActivityType": CUSTOM_ACTIVITY,
        "IsEmailType": False,
        "Type": "Outbound" if activity_type.get("Direction") == 1 else "Inbound",
        "SessionId": activity["ProspectActivityId"],
        "TrackLocation": activity_type.get("TrackLocation", 0),
        "Latitude": None,
        "Longitude": None,
        "Data": [
            {"Key": key, "Value": value}
            for key, value in properties.items()
            if value not in (None, "")
        ],
        "ActivityFields": {
            "ProspectActivityAutoId": auto_id(activity["ProspectActivityId"]),
            "ActivityEvent_Note": activity["ActivityNote"],
            "CreatedOn": us_datetime(activity["CreatedOn"]),
            "CreatedBy": user_id,
            "ModifiedBy": user_id,
            "Status": activity["Status"],
            "Owner": activity["Owner"],
            **custom,
        },
    }


def feed_row(
    activity: Mapping[str, Any],
    activity_type: Mapping[str, Any],
    user_id: str,
    *,
    remove_empty: bool = False,
) -> dict[str, Any]:
    """One activity of RetrieveByActivityEvent, flat as its page shows it: every value as text,
    the type's custom fields at the top level (those without a value left out when
    `RemoveEmptyValue` is true)."""
    fields = activity["Fields"]
    custom = {
        field["SchemaName"]: _text(fields.get(field["SchemaName"]))
        for field in activity_type["Fields"]
    }
    if remove_empty:
        custom = {name: value for name, value in custom.items() if value not in (None, "")}
    return {
        "ProspectActivityId": activity["ProspectActivityId"],
        "RelatedProspectId": activity["RelatedProspectId"],
        "ActivityType": str(CUSTOM_ACTIVITY),
        "ActivityEvent": str(activity["ActivityEvent"]),
        "ActivityEvent_Note": activity["ActivityNote"],
        "Status": activity["Status"],
        "Owner": activity["Owner"],
        **custom,
        "CreatedOn": activity["CreatedOn"],
        "CreatedBy": user_id,
        "ModifiedOn": activity["ModifiedOn"],
        "ModifiedBy": user_id,
    }


def setting(activity_type: Mapping[str, Any]) -> dict[str, Any]:
    """GetActivitySetting?code=: the type's id and names, and each of its fields (then Status
    and Owner) with their properties, as GetActivityDetails shows them, without values."""
    empty: dict[str, Any] = {"ProspectActivityId": "", "Fields": {}, "Status": None, "Owner": None}
    found = details(empty, activity_type)
    found["ID"] = type_id(activity_type["ActivityEvent"])
    return found


def type_id(code: int) -> str:
    """The stable GUID of the activity type of `code` (ActivityTypes.Get's `ID`)."""
    return str(uuid.uuid5(TYPE_IDS, str(code)))


def auto_id(activity_id: str) -> str:
    """A stable `ProspectActivityAutoId` for an activity (a numeric string, as live): the store
    numbers no activity, so the number is made from its id."""
    return str(int(uuid.UUID(activity_id).hex[:8], 16) % 9_000_000 + 1_000_000)


def us_datetime(stored: str) -> str:
    """'2026-07-31 05:33:50' as ActivityFields.CreatedOn reads live: '7/31/2026 5:33:50 AM'."""
    moment = datetime.strptime(stored[:19], DATETIME_FORMAT)
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment:%M:%S} {half}"


def _text(value: Any) -> str | None:
    """A value as the flat rows carry it: text, or null."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
