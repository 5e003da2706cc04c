"""The golden cases of the user lookup and the lead writes (Create, Update, CreateOrUpdate,
Capture): a success and the main errors of each.

Each answer is written by hand from the vendor's pages, the public evidence of the live API and
the fidelity ledger (which names the emulator's own choices), never recorded from the emulator.
The seed's records are those of fixtures/seed-default.json.
"""

from __future__ import annotations

from typing import Any

from scripts.golden_format import GENERATED, KAVYA, PRIYA, UNKNOWN, case, error
from scripts.golden_lead_calls import (
    CAPTURE,
    CREATE,
    DUPLICATE,
    ENTITY,
    INVALID,
    MANDATORY,
    UPDATE,
    UPSERT,
    USER,
    get,
)
from scripts.golden_shapes import API_USER

VENDOR_HOST = "api.leadsquared.com"
"""The Host a client calling through the proxy sends: the answer then names the region's host."""

NOT_A_LIST = (
    "Invalid Input! Cannot deserialize the current JSON object into type 'List<LeadProperty>': "
    "a lead write is a JSON array of {Attribute, Value}"
)


def _pairs(**values: Any) -> list[dict[str, Any]]:
    return [{"Attribute": name, "Value": value} for name, value in values.items()]


VENDOR_CREATE = _pairs(
    # The Create a Lead page's request but its custom field set, which the seed does not define.
    EmailAddress="john.smith@example.com", FirstName="John", LastName="Smith",
    Phone="8888888888", mx_City="Bangalore",
)  # fmt: skip


def _user(host: str) -> dict[str, Any]:
    """UserByAccessKey.Get (ledger user-record, user-service-urls): the page's keys with the
    emulator's own names and ids, the service URLs on `host`."""
    return {
        "Class": "1", "Group": "1", "SubRegionId": "1", "Id": API_USER,
        "Name": "LSQ Mock Admin", "PassPhrase": "admin@lsq-mock.example.com",
        "Role": "Administrator", "EmailAddress": None, "SessionId": "",
        "TimeZone": "Asia/Kolkata", "TokenId": None, "Type": "ApplicationUser",
        "OrgDisplayName": "lsq-mock", "OrgId": "5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
        "OrgShortCode": "10001", "OrgUniqueName": "lsqmock", "DefaultCountryCode": "91",
        "Website": "lsq-mock.example.com", "Street1": "", "Street2": "", "City": "Bengaluru",
        "State": "Karnataka", "Country": "India", "Phone": "+91-9000000000", "Fax": "",
        "Zip": "", "AssociatedPhoneNumbers": "+91-9000000000", "RestrictedFeatures": None,
        "CustomerType": "LSQ - Internal", "Plan": None, "UserType": "Regular",
        "MobileServiceURLs": {
            "ReportsURL": f"https://{host}/CommonServices",
            "FileUploadURL": f"https://{host}/File/Upload",
            "MobileNotificationURL": f"https://{host}/RegisterDevice.aspx",
        },
        "LSQCommonServiceURLs": {"api": host, "app": host, "tracking": host},
    }  # fmt: skip


def lead_write_cases() -> list[dict[str, Any]]:
    """The documented cases of the user lookup and the lead writes."""
    return [
        get(
            "200-user-by-access-key",
            "The key owner's record through the proxy (Host: api.leadsquared.com): its service "
            "URLs name the region's API host, which the proxy serves.",
            USER,
            _user(VENDOR_HOST),
            headers={"Host": VENDOR_HOST},
            contract=[],
        ),
        get(
            "401-user-by-access-key-wrong-keys",
            "A secret key that does not belong to the access key.",
            USER,
            error("MXUnAuthorizedAccessException",
                  "Invalid accessKey or secretKey: check your AccessKey and SecretKey"),
            params={"secretKey": "not-the-secret"},
            contract=[("$", "auth", None)],
        ),
        case(
            "200-lead-create",
            "The Create a Lead page's request: the new lead's id.",
            VENDOR_CREATE,
            path=CREATE,
            answer={"Status": "Success", "Message": {"Id": GENERATED}},
            contract=[],
            generated=["$.Message.Id"],
        ),
        case(
            "500-lead-create-duplicate-email",
            "An email another lead has, in another case: the live duplicate, nothing written.",
            _pairs(EmailAddress="Priya.Sharma@Example.com", FirstName="Priya"),
            path=CREATE,
            answer=error(DUPLICATE, "A Lead with same Email already exists."),
            contract=[("$", "duplicate-lead", None)],
        ),
        case(
            "500-lead-create-unknown-attribute",
            "An Attribute that is no lead field refuses the whole write.",
            _pairs(EmailAddress="new.lead@example.com", City="Pune"),
            path=CREATE,
            answer=error("MXUnknownAttributeException", "Attribute(s) does not exist - City."),
            contract=[("$[1].Attribute", "unknown-attribute", 2)],  # the body's 2nd item
        ),
        case(
            "400-lead-create-not-an-array",
            "One {Attribute, Value} object where the array is due (Json.NET's 400, seen live).",
            {"Attribute": "FirstName", "Value": "John"},
            path=CREATE,
            answer=error(INVALID, NOT_A_LIST),
            contract=[("$", "invalid-input:type", None)],
        ),
        case(
            "200-lead-update",
            "The Update a Lead page's request on a seeded lead: only those fields change.",
            _pairs(Phone="9999999999", mx_City="London"),
            path=UPDATE,
            params={"leadId": KAVYA},
            answer={"Status": "Success", "Message": {"AffectedRows": 1}},
            contract=[],
        ),
        case(
            "500-lead-update-unknown-lead",
            "A leadId of no lead: the logical 500 a gem's fixture shows.",
            _pairs(FirstName="Nobody"),
            path=UPDATE,
            params={"leadId": UNKNOWN},
            answer=error(ENTITY, "Lead does not exist in the system"),
            contract=[("?leadId", "unknown-lead", None)],
        ),
        case(
            "500-lead-update-missing-lead-id",
            "No leadId: the Error Handling page's example.",
            _pairs(FirstName="Nobody"),
            path=UPDATE,
            answer=error(MANDATORY, "'leadId' is mandatory for updating lead"),
            contract=[("?leadId", "mandatory-missing", None)],
        ),
        case(
            "200-lead-create-or-update",
            "The Create or Update a Lead page's request (SearchBy EmailAddress): no lead has "
            "the email, so one is created.",
            _pairs(EmailAddress="john.smith@acmeconsulting.co", FirstName="John",
                   LastName="Smith", Phone="+919845098450", SearchBy="EmailAddress"),
            path=UPSERT,
            answer={"Status": "Success", "Message": {"Id": GENERATED, "AffectedRows": 1}},
            contract=[],
            generated=["$.Message.Id"],
        ),
        case(
            "500-lead-create-or-update-duplicate-phone",
            "SearchBy EmailAddress finds no lead, and the phone is another lead's: the "
            "duplicate chatwoot meets live (it retries with SearchBy Phone).",
            _pairs(EmailAddress="arjun@work.example.com", Phone="+91-9123456780",
                   SearchBy="EmailAddress"),
            path=UPSERT,
            answer=error(DUPLICATE, "A Lead with same Phone Number already exists."),
            contract=[("$", "duplicate-lead", None)],
        ),
        case(
            "200-lead-capture-update",
            "Capture Leads with a seeded lead's email: that lead is updated.",
            _pairs(EmailAddress="priya.sharma@example.com", JobTitle="Architect"),
            path=CAPTURE,
            answer={"Status": "Success",
                    "Message": {"Id": PRIYA, "RelatedId": None, "IsCreated": False}},
            contract=[],
        ),
        case(
            "200-lead-capture-create",
            "Capture Leads matching no lead by email or phone: a lead is created.",
            _pairs(FirstName="Walk", LastName="In", EmailAddress="walk.in@example.com",
                   Phone="7000000001"),
            path=CAPTURE,
            answer={"Status": "Success",
                    "Message": {"Id": GENERATED, "RelatedId": None, "IsCreated": True}},
            contract=[],
            generated=["$.Message.Id"],
        ),
        case(
            "500-lead-capture-duplicate",
            "The email finds one lead, the phone is another's: the duplicate, at 500 by "
            "default (capture_duplicate_status 200 answers it 200, as also seen live).",
            _pairs(EmailAddress="priya.sharma@example.com", Phone="+91-9123456780"),
            path=CAPTURE,
            answer=error(DUPLICATE, "A Lead with same Phone Number already exists."),
            contract=[("$", "duplicate-lead", None)],
        ),
    ]  # fmt: skip
