"""The answers of the reading endpoints (Retrieve, GetActivityDetails, ActivityTypes.Get) for
the records of fixtures/seed-default.json, laid out by hand as the vendor's pages, the public
evidence and the fidelity ledger describe them: the golden cases' expectations, not the
emulator's code.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from lsq_mock.api.shapes import TYPE_IDS
from lsq_mock.resources import default_seed_path, load_json
from scripts.golden_format import ARJUN, CAR_LOAN, DEMO, KAVYA, LOAN, PRIYA, VISIT

OWNER = "9f3c2a1e-7b6d-4c5e-8a9f-0e1d2c3b4a59"
"""The Owner of the seeded demo activity."""

Field = tuple[str, str, str, bool, tuple[str, ...]]
"""A seeded field: (SchemaName, DisplayName, DataType, IsMandatory, options)."""
SEED_TYPES: list[tuple[int, str, list[Field]]] = [
    (
        seeded["ActivityEvent"],
        seeded["ActivityEventName"],
        [
            (
                field["SchemaName"],
                field["DisplayName"],
                field["DataType"],
                field.get("IsMandatory", False),
                tuple(field.get("Options", ())),
            )
            for field in seeded["Fields"]
        ],
    )
    for seeded in load_json(default_seed_path())["ActivityTypes"]
]
"""The activity types of fixtures/seed-default.json (201, 202, 203), read from it."""


def option_set(options: tuple[str, ...]) -> str:
    """Options as the vendor's Get Activity Details sample writes them: JSON text, the first the
    default, the last marked; no options is the empty string."""
    if not options:
        return ""
    items = [
        {
            "IsDefault": order == 0,
            "Text": "",
            "Value": value,
            "Order": order,
            "CanEdit": 1,
            "CanDelete": 1,
            "IsLastOption": int(order == len(options) - 1),
        }
        for order, value in enumerate(options)
    ]
    return json.dumps(items, separators=(",", ":"))


def type_row(code: int, name: str, fields: list[Field]) -> dict[str, Any]:
    """A row of ActivityTypes.Get (ledger: types-shape; ID a GUID stable per event code)."""
    form = [
        {
            "SchemaName": schema,
            "DisplayName": display,
            "DataType": kind,
            "IsMandatory": mandatory,
            "OptionSet": option_set(options),
        }
        for schema, display, kind, mandatory, options in fields
    ]
    return {
        "ID": str(uuid.uuid5(TYPE_IDS, str(code))),
        "ActivityEvent": code,
        "ActivityEventName": name,
        "DisplayName": name,
        "EventType": 0,
        "EventDirection": 0,
        "Tags": "",
        "ActivityProperties": json.dumps({"FormMetaData": form}, separators=(",", ":")),
    }


def detail(field: Field, value: str | None, sequence: int) -> dict[str, Any]:
    """A field of GetActivityDetails, with every property the vendor's sample shows."""
    schema, display, kind, mandatory, options = field
    return {
        "SchemaName": schema,
        "InternalName": schema,
        "DisplayName": display,
        "Value": value,
        "DataType": kind,
        "IsMandatory": mandatory,
        "ShowInForm": True,
        "Sequence": sequence,
        "ParentField": "",
        "OptionSet": option_set(options),
        "DependentOptionSet": "",
        "IsDefault": schema in ("Status", "Owner"),
        "IsReadOnly": False,
        "RenderType": "",
        "ExportAsPlainText": False,
        "IsMultiSelectDropdown": False,
        "IncludeOthersOption": False,
        "BehaviorOnMissingDropdownOption": 0,
        "IsOthersValue": False,
        "InternalSchemaName": "",
        "CustomObjectType": 2,
        "MaxFieldLength": 200,
    }


API_USER = "9f1b0c2e-5a4d-4e7b-8c6a-3d2e1f0a9b8c"
"""The shipped tenant's key owner: who created and modified every activity it holds."""
AUTO_IDS = {DEMO: "6909181", VISIT: "9861230", LOAN: "6372254", CAR_LOAN: "4703407"}
"""Each seeded activity's ProspectActivityAutoId as Retrieve answers it (made from its id)."""
US_CREATED = {
    DEMO: "9/1/2016 9:30:00 AM",
    VISIT: "11/20/2026 10:45:00 AM",
    LOAN: "11/22/2026 2:05:00 PM",
    CAR_LOAN: "11/23/2026 11:00:00 AM",
}
"""Each seeded activity's CreatedOn as ActivityFields shows it live (M/D/YYYY h:mm:ss AM)."""


def retrieve_row(
    activity_id: str,
    code: int,
    created: str,
    lead: str,
    note: str | None,
    status: str | None,
    **custom: str,
) -> dict[str, Any]:
    """A row of Retrieve (ledger: retrieve-rows): the page's columns and the live ModifiedOn
    and RelatedProspectId, then the properties not common to all activities as Data
    [{Key, Value}] (empty ones left out), and ActivityFields: the live system keys and the custom
    values set. A seeded activity was never modified, so ModifiedOn is CreatedOn."""
    name = next(name for number, name, _ in SEED_TYPES if number == code)
    properties = {
        "ActivityEvent_Note": note,
        "Status": status,
        "Owner": OWNER if activity_id == DEMO else None,
        "RelatedProspectId": lead,
        "ModifiedOn": created,
        **custom,
    }
    return {
        "Id": activity_id,
        "EventCode": code,
        "EventName": name,
        "ActivityScore": 0,
        "CreatedOn": created,
        "ModifiedOn": created,
        "RelatedProspectId": lead,
        "ActivityType": 2,
        "IsEmailType": False,
        "Type": "Inbound",
        "SessionId": activity_id,
        "TrackLocation": 0,
        "Latitude": None,
        "Longitude": None,
        "Data": [{"Key": key, "Value": value} for key, value in properties.items() if value],
        "ActivityFields": {
            "ProspectActivityAutoId": AUTO_IDS[activity_id],
            "ActivityEvent_Note": note,
            "CreatedOn": US_CREATED[activity_id],
            "CreatedBy": API_USER,
            "ModifiedBy": API_USER,
            "Status": status,
            "Owner": properties["Owner"],
            **custom,
        },
    }


DEMO_VALUES = {
    "mx_Custom_1": "Intro",
    "mx_Custom_2": "2015",
    "mx_Custom_3": "CRM",
    "mx_Custom_4": "2016-09-01 10:00:00",
    "mx_Custom_5": "web",
}
DEMO_ROW = retrieve_row(
    DEMO, 203, "2016-09-01 09:30:00", PRIYA, "Demo booked from the website", "Active",
    **DEMO_VALUES,
)  # fmt: skip
VISIT_ROW = retrieve_row(
    VISIT, 201, "2026-11-20 10:45:00", PRIYA, "Walked through the show flat", "Active",
    mx_Custom_1="First visit", mx_Custom_2="2", mx_Custom_3="2026-12-01",
    mx_Custom_4="2026-11-20 10:30:00", mx_Custom_5="true", mx_Custom_6="Completed",
    mx_Custom_7="Parking;Lift", mx_Custom_9="Lake View",
)  # fmt: skip
LOAN_ROW = retrieve_row(
    LOAN, 202, "2026-11-22 14:05:00", ARJUN, "Pre-approved", None,
    mx_Custom_1="2500000", mx_Custom_2="Home", mx_Custom_3="2026-11-22 14:05:00",
    mx_Custom_4="Pune East",
)  # fmt: skip
CAR_LOAN_ROW = retrieve_row(
    CAR_LOAN, 202, "2026-11-23 11:00:00", KAVYA, None, None,
    mx_Custom_1="800000", mx_Custom_2="Car",
)  # fmt: skip
