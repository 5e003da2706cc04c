"""The golden cases of the endpoints beside the bulk update: Create, CustomActivity/Update,
Retrieve, GetActivityDetails, ActivityTypes.Get, CreateType and Bulk/CustomActivity/Add/ByLeadId.

Each answer is written by hand from the vendor's pages, the public evidence of the live API and
the fidelity ledger (which names the emulator's own choices), never recorded from the emulator.
The seed's records are those of fixtures/seed-default.json.
"""

from __future__ import annotations

from typing import Any

from scripts.golden_format import (
    ARJUN,
    DEMO,
    GENERATED,
    KAVYA,
    PRIYA,
    UNKNOWN,
    VISIT,
    case,
    error,
)
from scripts.golden_shapes import (
    CAR_LOAN_ROW,
    DEMO_ROW,
    DEMO_VALUES,
    LOAN_ROW,
    OWNER,
    SEED_TYPES,
    VISIT_ROW,
    detail,
    type_row,
)

PREFIX = "/v2/ProspectActivity.svc"
CREATE, UPDATE = f"{PREFIX}/Create", f"{PREFIX}/CustomActivity/Update"
RETRIEVE, DETAILS = f"{PREFIX}/Retrieve", f"{PREFIX}/GetActivityDetails"
TYPES, CREATE_TYPE = f"{PREFIX}/ActivityTypes.Get", f"{PREFIX}/CreateType"
BULK_ADD = f"{PREFIX}/Bulk/CustomActivity/Add/ByLeadId"
NEXT_CODE = 204
"""The ledger's type-codes: a new type's code follows the highest the seed has (203)."""


def _fields(**values: str) -> list[dict[str, str]]:
    return [{"SchemaName": name, "Value": value} for name, value in values.items()]


VENDOR_TYPE = {
    # The request sample of the vendor's "Create a Custom Activity Type" page, whole.
    "ActivityEventName": "New Custom Activity Type",
    "Score": 5,
    "Description": "Activity type description",
    "Direction": 0,
    "TrackLocation": 1,
    "AllowAttachments": 1,
    "ShowInActivityGrid": 1,
    "CanDeleteActivity": False,
    "Fields": [
        {
            "SchemaName": f"mx_Custom_{n}",
            "DisplayName": f"Custom {n}",
            "Value": None,
            "DataType": "String",
            "IsMandatory": False,
            "ShowInForm": False,
            "Sequence": n,
            "OptionSet": None,
        }
        for n in (1, 2, 3)
    ],
}
LOAN_POST = {
    # Post an Activity on a Lead, in the shape of the vendor's sample, on a seeded lead.
    "RelatedProspectId": KAVYA,
    "ActivityEvent": 202,
    "ActivityNote": "Applied at the branch",
    "ProcessFilesAsync": True,
    "ActivityDateTime": "2026-11-24 12:13:44",
    "Fields": _fields(mx_Custom_1="1200000", mx_Custom_2="Personal"),
}


def _added(*rows: tuple[str, str] | None) -> dict[str, Any]:
    """A bulk add's answer: None for a row created, (ExceptionType, message) for one refused."""
    answers = []
    for number, refused in enumerate(rows, 1):
        if refused is None:
            answers.append(
                {
                    "RowNumber": number,
                    "ActivityCreated": True,
                    "ProspectActivityId": GENERATED,
                    "ExceptionMessage": None,
                }
            )
        else:
            kind, message = refused
            answers.append(
                {
                    "RowNumber": number,
                    "ActivityCreated": False,
                    "ProspectActivityId": None,
                    "ExceptionType": kind,
                    "ExceptionMessage": message,
                }
            )
    return {"Response": answers}


def _bulk_row(lead: str, owner: str, **values: str) -> dict[str, Any]:
    """A row in the shape of the vendor's Post Activities on Leads in Bulk sample."""
    return {
        "RelatedProspectId": lead,
        "ActivityEvent": 202,
        "ActivityNote": "Add/ByLeadId",
        "ActivityOwnerEmail": owner,
        "Fields": _fields(**values),
    }


def endpoint_cases() -> list[dict[str, Any]]:
    """The documented cases of the endpoints other than the bulk update."""
    return [
        case(
            "200-create",
            "Post an activity on a seeded lead, with every key of the vendor's sample.",
            LOAN_POST,
            path=CREATE,
            answer={"Status": "Success", "Message": {"Id": GENERATED}},
            contract=[],
            generated=["$.Message.Id"],
        ),
        case(
            "200-create-by-email",
            "Post an activity on the seeded lead found by its EmailAddress instead of its id.",
            {
                "EmailAddress": "kavya.iyer@example.com",
                "ActivityEvent": 202,
                "ActivityNote": "Note for the activity",
                "ActivityDateTime": "2026-11-24 12:13:44",
                "Fields": _fields(mx_Custom_1="300000"),
            },
            path=CREATE,
            answer={"Status": "Success", "Message": {"Id": GENERATED}},
            contract=[],
            generated=["$.Message.Id"],
        ),
        case(
            "200-update",
            "Update one activity with the keys of the vendor's sample; Message.Id is its id.",
            {
                "ProspectActivityId": VISIT,
                "ActivityEvent": 201,
                "ActivityNote": "Sample Note",
                "ProcessFilesAsync": True,
                "Fields": _fields(mx_Custom_6="Cancelled", mx_Custom_9="", Owner=OWNER),
            },
            path=UPDATE,
            answer={"Status": "Success", "Message": {"Id": VISIT}},
            contract=[],
        ),
        case(
            "200-retrieve-empty-body",
            "A lead's activities with the body {}: every one, newest first.",
            {},
            path=RETRIEVE,
            params={"leadId": PRIYA},
            answer={"RecordCount": 2, "ProspectActivities": [VISIT_ROW, DEMO_ROW]},
            contract=[],
        ),
        case(
            "200-retrieve-no-body",
            "A lead's activities with no body at all, as some clients send it.",
            text="",
            path=RETRIEVE,
            params={"leadId": KAVYA},
            answer={"RecordCount": 1, "ProspectActivities": [CAR_LOAN_ROW]},
            contract=[],
        ),
        case(
            "200-retrieve-one-type",
            "Only the activities of one ActivityEvent, as the vendor's sample asks.",
            {"Parameter": {"ActivityEvent": 202}, "Paging": {"Offset": "0", "RowCount": "10"}},
            path=RETRIEVE,
            params={"leadId": ARJUN},
            answer={"RecordCount": 1, "ProspectActivities": [LOAN_ROW]},
            contract=[],
        ),
        case(
            "200-retrieve-second-page",
            "Offset is the page number: page 2 of 1 row; RecordCount still counts every match.",
            {"Paging": {"Offset": "2", "RowCount": "1"}},
            path=RETRIEVE,
            params={"leadId": PRIYA},
            answer={"RecordCount": 2, "ProspectActivities": [DEMO_ROW]},
            contract=[],
        ),
        case(
            "500-retrieve-page-too-large",
            "A RowCount over 1000: the live 500.",
            {"Paging": {"Offset": "1", "RowCount": "1001"}},
            path=RETRIEVE,
            params={"leadId": PRIYA},
            answer=error("MXInvalidInputException", "PageSize can not be more than 1000."),
            contract=[("$.Paging.RowCount", "page-size", None)],
        ),
        case(
            "500-retrieve-unknown-lead",
            "A leadId of no lead, in a tenant that holds leads: Create's logical 500.",
            {},
            path=RETRIEVE,
            params={"leadId": UNKNOWN},
            answer=error("MXInvalidEntityException", "Lead does not exist in the system"),
            contract=[("?leadId", "unknown-lead", None)],
        ),
        case(
            "500-retrieve-unknown-type",
            "A Parameter.ActivityEvent that is no activity type of the tenant: Create's 500.",
            {"Parameter": {"ActivityEvent": 999}},
            path=RETRIEVE,
            params={"leadId": PRIYA},
            answer=error("MXInvalidActivityException", "Event Code is invalid or empty"),
            contract=[("$.Parameter.ActivityEvent", "unknown-activity-type", None)],
        ),
        case(
            "500-create-missing-activity-event",
            "No ActivityEvent: a mandatory attribute missing, the 500 of the Error Handling page.",
            {"RelatedProspectId": PRIYA, "ActivityNote": "which activity?"},
            path=CREATE,
            answer=error(
                "MXMandatoryAttributeMissingException",
                "'ActivityEvent' is mandatory for posting an activity",
            ),
            contract=[("$.ActivityEvent", "mandatory-missing", None)],
        ),
        case(
            "500-update-missing-activity-id",
            "No ProspectActivityId: a mandatory attribute missing.",
            {"Fields": _fields(mx_Custom_1="x")},
            path=UPDATE,
            answer=error(
                "MXMandatoryAttributeMissingException",
                "'ProspectActivityId' is mandatory for updating an activity",
            ),
            contract=[("$.ProspectActivityId", "mandatory-missing", None)],
        ),
        case(
            "500-create-type-missing-name",
            "No ActivityEventName, the one mandatory key of a new type.",
            {"Description": "nameless"},
            path=CREATE_TYPE,
            answer=error(
                "MXMandatoryAttributeMissingException",
                "'ActivityEventName' is mandatory for creating an activity type",
            ),
            contract=[("$.ActivityEventName", "mandatory-missing", None)],
        ),
        case(
            "200-activity-details",
            "One activity: its id, its type's names, every field of the type, Status and Owner.",
            method="GET",
            path=DETAILS,
            params={"activityId": DEMO},
            answer={
                "ID": DEMO,
                "Name": "Product Demo",
                "DisplayName": "Product Demo",
                "Fields": [
                    *(
                        detail(field, DEMO_VALUES[field[0]], sequence)
                        for sequence, field in enumerate(SEED_TYPES[2][2], 1)
                    ),
                    detail(
                        ("Status", "Status", "SearchableDropdown", False, ("Active", "Inactive")),
                        "Active",
                        6,
                    ),
                    detail(("Owner", "Owner", "Owner", False, ()), OWNER, 7),
                ],
            },
            contract=[],
        ),
        case(
            "500-activity-details-unknown",
            "An activity id the tenant does not hold: the live 500.",
            method="GET",
            path=DETAILS,
            params={"activityId": UNKNOWN},
            answer=error("MXUnknownProspectActivityException", "Activity does not exist."),
            contract=[("?activityId", "unknown-activity", None)],
        ),
        case(
            "200-activity-types",
            "Every activity type of the tenant, with the columns live clients read.",
            method="GET",
            path=TYPES,
            answer=[type_row(*seeded) for seeded in SEED_TYPES],
            contract=[],
        ),
        case(
            "200-create-type",
            "The vendor's Create a Custom Activity Type sample: the new code in Message.Id.",
            VENDOR_TYPE,
            path=CREATE_TYPE,
            answer={"Status": "Success", "Message": {"Id": NEXT_CODE}},
            contract=[],
        ),
        case(
            "500-create-type-duplicate",
            "A type name the tenant already has.",
            {"ActivityEventName": "Site Visit"},
            path=CREATE_TYPE,
            answer=error(
                "MXDuplicateEntryException",
                "Duplicate entry 'Site Visit' for key 'ActivityEventName'",
            ),
            contract=[("$.ActivityEventName", "duplicate-entry", None)],
        ),
        case(
            "200-bulk-add",
            "Two activities on two seeded leads, in the shape of the vendor's sample.",
            [
                _bulk_row(PRIYA, "example@example.com", mx_Custom_1="900000"),
                _bulk_row(ARJUN, "example2@example.com", mx_Custom_1="450000", mx_Custom_2="Car"),
            ],
            path=BULK_ADD,
            answer=_added(None, None),
            contract=[],
            generated=["$.Response[0].ProspectActivityId", "$.Response[1].ProspectActivityId"],
        ),
        case(
            "200-bulk-add-row-not-a-number",
            "A row with a value its field refuses fails alone; the row before it is created.",
            [
                _bulk_row(PRIYA, "example@example.com", mx_Custom_1="900000"),
                _bulk_row(ARJUN, "example2@example.com", mx_Custom_1="4,50,000"),
            ],
            path=BULK_ADD,
            answer=_added(
                None,
                ("MXInvalidInputException", "mx_Custom_1 (Number) needs a number; got '4,50,000'"),
            ),
            contract=[("$[1].Fields[0].Value", "invalid-value:Number", 2)],
            generated=["$.Response[0].ProspectActivityId"],
        ),
    ]
