"""The golden cases of the lead reads (by id, email, phone, quick search, criteria, metadata)
and the activity reads beside them: a success and the main errors of each.

Each answer is written by hand from the vendor's pages, the public evidence of the live API and
the fidelity ledger (which names the emulator's own choices), never recorded from the emulator.
The seed's records are those of fixtures/seed-default.json.
"""

from __future__ import annotations

import uuid
from typing import Any

from lsq_mock.api.shapes import TYPE_IDS
from lsq_mock.tenant.leads.answers import FIELD_IDS
from scripts.golden_format import ARJUN, KAVYA, PRIYA, UNKNOWN, VISIT, case, error
from scripts.golden_lead_calls import (
    BY_EMAIL,
    BY_EVENT,
    BY_ID,
    BY_PHONE,
    ENTITY,
    INVALID,
    MANDATORY,
    METADATA,
    QUICK,
    RECENT,
    SEARCH,
    SETTING,
    get,
)
from scripts.golden_shapes import API_USER, CAR_LOAN_ROW, LOAN_ROW, SEED_TYPES, detail

ROHAN = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
VISIT_2 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"

SYSTEM_FIELDS = (
    # Get a Lead by Email's sample, in its order, with the keys its other versions add.
    "ProspectID", "ProspectAutoId", "FirstName", "LastName", "EmailAddress", "Company", "Origin",
    "Phone", "Mobile", "Fax", "Website", "TimeZone", "Region", "JobTitle", "Source",
    "SourceMedium", "Notes", "SourceCampaign", "SourceContent", "DoNotEmail", "DoNotCall",
    "DoNotSMS", "DoNotTrack", "ProspectStage", "Grade", "Score", "Revenue", "EngagementScore",
    "TotalVisits", "PageViewsPerVisit", "AvgTimePerVisit", "RelatedProspectId",
    "ProspectActivityId_Min", "ProspectActivityDate_Min", "Web_Referrer", "Web_RefKeyword",
    "ProspectActivityId_Max", "ProspectActivityName_Max", "ProspectActivityDate_Max",
    "RelatedLandingPageId", "FirstLandingPageSubmissionId", "FirstLandingPageSubmissionDate",
    "OwnerId", "CreatedBy", "CreatedOn", "ModifiedBy", "ModifiedOn", "LeadConversionDate",
    "StatusCode", "StatusReason", "IsLead", "DeletionStatusCode", "LeadLastModifiedOn",
    "SourceReferrer", "SourceReferrerURL", "SourceIPAddress", "ConversionReferrerURL",
    "Latitude", "Longitude",
)  # fmt: skip
CUSTOM_FIELDS = ("mx_City", "mx_Budget", "mx_Property_Type", "mx_Site_Visit_Date")
"""The shipped seed's LeadFields, in its order: after the system fields in every lead answer."""
NEW_LEAD = {
    # ledger lead-defaults: what a lead holds that nobody set (flags and scores "0", a lead).
    "DoNotEmail": "0", "DoNotCall": "0", "DoNotSMS": "0", "DoNotTrack": "0",
    "ProspectStage": "Prospect", "Score": "0", "EngagementScore": "0", "StatusCode": "0",
    "StatusReason": "0", "IsLead": "1", "DeletionStatusCode": "0",
    "OwnerId": API_USER, "CreatedBy": API_USER, "ModifiedBy": API_USER,
}  # fmt: skip


def lead(created: str, modified: str, **values: str) -> dict[str, Any]:
    """A seeded lead as every lead read answers it (ledger lead-system-fields, lead-values-as-
    text): each system field, then each custom one; unset ones null; stamps with `.000`."""
    stamps = {"CreatedOn": created, "ModifiedOn": modified, "LeadLastModifiedOn": modified}
    held = {**NEW_LEAD, **{name: f"{when}.000" for name, when in stamps.items()}, **values}
    return {name: held.get(name) for name in (*SYSTEM_FIELDS, *CUSTOM_FIELDS)}


PRIYA_LEAD = lead(
    "2026-11-02 09:15:00", "2026-11-18 10:00:00",
    ProspectID=PRIYA, ProspectAutoId="1001", FirstName="Priya", LastName="Sharma",
    EmailAddress="priya.sharma@example.com", Phone="+91-9876543210", Company="Sharma Textiles",
    Source="Google Ads", ProspectStage="Opportunity", mx_City="Pune", mx_Budget="9500000",
    mx_Property_Type="Apartment", mx_Site_Visit_Date="2026-11-18",
)  # fmt: skip
KAVYA_LEAD = lead(
    "2026-11-08 14:45:00", "2026-11-20 16:10:00",
    ProspectID=KAVYA, ProspectAutoId="1003", FirstName="Kavya", LastName="Iyer",
    EmailAddress="kavya.iyer@example.com", Phone="+91-9988776655", Company="Iyer & Sons",
    Source="Website Chat", ProspectStage="Customer", DoNotEmail="1", mx_City="Chennai",
    mx_Property_Type="Plot",
)  # fmt: skip
ROHAN_LEAD = lead(
    "2026-11-12 08:05:00", "2026-11-12 08:05:00",
    ProspectID=ROHAN, ProspectAutoId="1004", FirstName="Rohan", LastName="Das",
    EmailAddress="rohan.das@example.com", Phone="+91-9012345678", Source="Facebook",
    mx_City="Kolkata",
)  # fmt: skip


VENDOR_SEARCH = {
    # The Search Leads by Criteria page's request, whole.
    "Parameter": {
        "LookupName": "CreatedOn", "LookupValue": "2015-01-01 14:36:59", "SqlOperator": ">"
    },
    "Columns": {"Include_CSV": "ProspectID, FirstName, LastName, EmailAddress"},
    "Sorting": {"ColumnName": "CreatedOn", "Direction": "1"},
    "Paging": {"PageIndex": 1, "PageSize": 100},
}  # fmt: skip
NOVEMBER = {"FromDate": "2026-11-01 00:00:00", "ToDate": "2026-11-30 23:59:59"}


def _feed_row(activity_id: str, lead_id: str, created: str, **values: str | None) -> dict[str, Any]:
    """A RetrieveByActivityEvent row of a seeded Site Visit with RemoveEmptyValue (ledger
    retrieve-by-event): flat, text, only the custom fields set, never modified."""
    return {
        "ProspectActivityId": activity_id,
        "RelatedProspectId": lead_id,
        "ActivityType": "2",
        "ActivityEvent": "201",
        **values,
        "CreatedOn": created,
        "CreatedBy": API_USER,
        "ModifiedOn": created,
        "ModifiedBy": API_USER,
    }


def _setting(code: int) -> dict[str, Any]:
    """GetActivitySetting (ledger activity-setting): GetActivityDetails' shape, no values."""
    number, name, fields = next(seeded for seeded in SEED_TYPES if seeded[0] == code)
    return {
        "ID": str(uuid.uuid5(TYPE_IDS, str(number))),
        "Name": name,
        "DisplayName": name,
        "Fields": [
            *(detail(field, None, sequence) for sequence, field in enumerate(fields, 1)),
            detail(
                ("Status", "Status", "SearchableDropdown", False, ("Active", "Inactive")),
                None,
                len(fields) + 1,
            ),
            detail(("Owner", "Owner", "Owner", False, ()), None, len(fields) + 2),
        ],
    }


PROPERTY_TYPE_ROW = {
    # Get a Lead Field's Properties (ledger lead-metadata): the row of a seeded Select field.
    "Entity": "1",
    "SchemaName": "mx_Property_Type",
    "DisplayName": "Property Type",
    "DataType": "Select",
    "IsMandatory": False,
    "MaxLength": None,
    "EntityAttributeId": str(uuid.uuid5(FIELD_IDS, "mx_Property_Type")),
    "Name": "mx_Property_Type",
    "EntityAttributeType": 2,
    "RenderTypeTextValue": "Dropdown",
    "IsVisible": True,
    "IsSearchable": True,
    "IsSortable": True,
    "AllowMultiple": False,
    "IsLeadIdentifier": False,
    "LockAfterCreate": 0,
    "Options": [{"Value": "Apartment"}, {"Value": "Villa"}, {"Value": "Plot"}],
}


def lead_read_cases() -> list[dict[str, Any]]:
    """The documented cases of the lead reads and the activity reads beside them."""
    return [*_read_cases(), *_feed_cases()]


def _read_cases() -> list[dict[str, Any]]:
    return [
        get("200-lead-by-id", "A seeded lead by its id: an array of the whole lead.", BY_ID,
            [PRIYA_LEAD], params={"id": PRIYA}, contract=[]),
        get("200-lead-by-id-unknown", "An id no lead has: 200 [] (live, per a connector).",
            BY_ID, [], params={"id": UNKNOWN}, contract=[]),
        get("500-lead-by-id-missing-id", "No id at all.", BY_ID,
            error(MANDATORY, "'id' is mandatory for getting a lead by id"),
            contract=[("?id", "mandatory-missing", None)]),
        get("200-lead-by-email", "A seeded lead by its email, in another case.", BY_EMAIL,
            [ROHAN_LEAD], params={"emailaddress": "Rohan.Das@example.com"}, contract=[]),
        get("200-lead-by-email-unknown", "An email no lead has: the page's empty array.",
            BY_EMAIL, [], params={"emailaddress": "nobody@example.com"}, contract=[]),
        get("200-lead-by-phone", "A seeded lead by its phone without the country code.",
            BY_PHONE, [KAVYA_LEAD], params={"phone": "9988776655"}, contract=[]),
        get("200-lead-by-phone-unknown", "A phone no lead has.", BY_PHONE, [],
            params={"phone": "9000000009"}, contract=[]),
        get("200-lead-quick-search", "Quick search by a last name.", QUICK, [ROHAN_LEAD],
            params={"key": "das"}, contract=[]),
        get("200-lead-quick-search-none", "Quick search that finds nobody: [].", QUICK, [],
            params={"key": "Zebediah"}, contract=[]),
        case(
            "200-leads-get",
            "The Search Leads by Criteria page's request: its columns, newest first.",
            VENDOR_SEARCH,
            path=SEARCH,
            answer=[
                {"ProspectID": lead_id, "FirstName": first, "LastName": last,
                 "EmailAddress": email}
                for lead_id, first, last, email in (
                    (ROHAN, "Rohan", "Das", "rohan.das@example.com"),
                    (KAVYA, "Kavya", "Iyer", "kavya.iyer@example.com"),
                    (ARJUN, "Arjun", "Mehta", "arjun.mehta@example.com"),
                    (PRIYA, "Priya", "Sharma", "priya.sharma@example.com"),
                )
            ],
            contract=[],
        ),
        case(
            "200-leads-get-lookup-name-case",
            "A LookupName in another case finds nothing, silently (seen live).",
            {"Parameter": {"LookupName": "firstname", "LookupValue": "Priya", "SqlOperator": "="}},
            path=SEARCH,
            answer=[],
            contract=[],
        ),
        case(
            "500-leads-get-operator",
            "SqlOperator != is not on the page's list: the live 500.",
            {"Parameter": {"LookupName": "FirstName", "LookupValue": "Priya", "SqlOperator": "!="}},
            path=SEARCH,
            answer=error(ENTITY, "SqlOperator '!=' is not supported: use one of =, LIKE, >, <, "
                                 "<=, >=, <>, IN"),
            contract=[("$.Parameter.SqlOperator", "search-operator", None)],
        ),
        case(
            "500-leads-get-page-too-large",
            "A PageSize over 1000.",
            {"Paging": {"PageIndex": 1, "PageSize": 1001}},
            path=SEARCH,
            answer=error(INVALID, "PageSize can not be more than 1000."),
            contract=[("$.Paging.PageSize", "page-size", None)],
        ),
        get("200-lead-metadata-one-field", "One lead field's properties by its schema name.",
            METADATA, [PROPERTY_TYPE_ROW], params={"schemaName": "mx_Property_Type"},
            contract=[]),
        get("200-lead-metadata-unknown-field", "A schema name of no lead field: [].", METADATA,
            [], params={"schemaName": "mx_Nope"}, contract=[]),
    ]  # fmt: skip


def _feed_cases() -> list[dict[str, Any]]:
    return [
        case(
            "200-retrieve-by-event",
            "The Get Activities by Activity Event page's request on the seed's Site Visits: "
            "flat rows, newest modified first, only the custom fields set.",
            {"Parameter": {**NOVEMBER, "ActivityEvent": 201, "RemoveEmptyValue": True},
             "Paging": {"PageIndex": 1, "PageSize": 100},
             "Sorting": {"ColumnName": "ModifiedOn", "Direction": 1}},
            path=BY_EVENT,
            answer={"RecordCount": 2, "List": [
                _feed_row(VISIT_2, ARJUN, "2026-11-21 08:00:00", ActivityEvent_Note=None,
                          Status=None, Owner=None, mx_Custom_1="Scheduled visit",
                          mx_Custom_6="Scheduled"),
                _feed_row(VISIT, PRIYA, "2026-11-20 10:45:00",
                          ActivityEvent_Note="Walked through the show flat", Status="Active",
                          Owner=None, mx_Custom_1="First visit", mx_Custom_2="2",
                          mx_Custom_3="2026-12-01", mx_Custom_4="2026-11-20 10:30:00",
                          mx_Custom_5="true", mx_Custom_6="Completed",
                          mx_Custom_7="Parking;Lift", mx_Custom_9="Lake View"),
            ]},
            contract=[],
        ),
        case(
            "500-retrieve-by-event-unknown-event",
            "An ActivityEvent that is no type of the tenant: Create's live answer.",
            {"Parameter": {**NOVEMBER, "ActivityEvent": 154}},
            path=BY_EVENT,
            answer=error("MXInvalidActivityException", "Event Code is invalid or empty"),
            contract=[("$.Parameter.ActivityEvent", "unknown-activity-type", None)],
        ),
        case(
            "500-retrieve-by-event-missing-event",
            "No ActivityEvent: the 500 a live extraction shows.",
            {"Parameter": NOVEMBER},
            path=BY_EVENT,
            answer=error(INVALID, "Invalid Input! Parameter Name: ActivityEvent"),
            contract=[("$.Parameter.ActivityEvent", "mandatory-missing", None)],
        ),
        case(
            "200-retrieve-recently-modified",
            "The Get Activities by Date Range page's request, narrowed to the Loan Applications: "
            "Retrieve's rows, newest created first.",
            {"Parameter": {**NOVEMBER, "ActivityEvent": 202},
             "Paging": {"PageIndex": 1, "PageSize": 20},
             "Sorting": {"ColumnName": "CreatedOn", "Direction": 1}},
            path=RECENT,
            answer={"RecordCount": 2, "ProspectActivities": [CAR_LOAN_ROW, LOAN_ROW]},
            contract=[],
        ),
        case(
            "500-retrieve-recently-modified-missing-date",
            "No ToDate: both dates are mandatory.",
            {"Parameter": {"FromDate": "2026-11-01 00:00:00"}},
            path=RECENT,
            answer=error(INVALID, "Invalid Input! Parameter Name: ToDate"),
            contract=[("$.Parameter.ToDate", "mandatory-missing", None)],
        ),
        get("200-activity-setting", "An activity type's fields, with their properties and no "
            "values.", SETTING, _setting(203), params={"code": "203"}, contract=[]),
        get("500-activity-setting-unknown-code", "A code of no activity type: Create's answer.",
            SETTING, error("MXInvalidActivityException", "Event Code is invalid or empty"),
            params={"code": "999"}, contract=[("?code", "unknown-activity-type", None)]),
    ]  # fmt: skip
