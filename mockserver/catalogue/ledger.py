"""The fidelity ledger: every behaviour the emulator has, each with where it comes from. The one
definition: the docs page and the README's summary are generated from it (a test fails when they
drift), and the behaviour coverage report names its entries."""

from __future__ import annotations

from dataclasses import dataclass

from lsq_mock.catalogue.sources import (
    BULK_ADD_PAGE,
    BULK_UPDATE_PAGE,
    CHATWOOT,
    CREATE_BY_EMAIL_PAGE,
    CREATE_PAGE,
    CREATE_TYPE_PAGE,
    DETAILS_PAGE,
    ERRORS_PAGE,
    LIVE_EXTRACTION,
    RATE_LIMITS_PAGE,
    RETRIEVE_PAGE,
    UPDATE_PAGE,
    WEBINAR,
    Chosen,
    Documented,
    NotEmulated,
    Observed,
    Source,
)


@dataclass(frozen=True)
class Behaviour:
    """One behaviour: what the emulator does, and each source it rests on (strongest first)."""

    id: str
    area: str
    does: str
    sources: tuple[Source, ...]

    @property
    def standing(self) -> str:
        """documented, observed, chosen or not emulated: the standing of its first source."""
        return self.sources[0].standing


def _b(id: str, area: str, does: str, *sources: Source) -> Behaviour:
    return Behaviour(id, area, does, sources)


ENDPOINTS, AUTH, ERRORS, LIMITS = "Endpoints", "Keys", "Errors", "Rate limits"
ROWS, VALUES, POSTING, LEADS = "Bulk update rows", "Field values", "Posting", "Leads"
READING, TYPES, OUT = "Reading", "Activity types", "Not emulated"

LEDGER: tuple[Behaviour, ...] = (
    _b(
        "bulk-update",
        ENDPOINTS,
        "POST Bulk/CustomActivity/Update takes 1 to 25 rows of "
        "{ProspectActivityId, ActivityNote, Fields: [{SchemaName, Value}]} and answers "
        '{"Response": [{"RowNumber", "ActivityUpdated"}]}',
        Documented(BULK_UPDATE_PAGE),
    ),
    _b(
        "create",
        ENDPOINTS,
        "POST Create posts one activity on a lead and answers "
        '{"Status": "Success", "Message": {"Id": <activity id>}}',
        Documented(CREATE_PAGE),
        Observed(f"{CHATWOOT}: the answer read as Status and Message.Id"),
    ),
    _b(
        "update",
        ENDPOINTS,
        "POST CustomActivity/Update updates one activity by the rules of a "
        'bulk row and answers {"Status": "Success", "Message": {"Id": <its id>}}',
        Documented(UPDATE_PAGE),
    ),
    _b(
        "bulk-add",
        ENDPOINTS,
        "POST Bulk/CustomActivity/Add/ByLeadId posts 1 to 25 "
        'activities and answers {"Response": [{"RowNumber", "ActivityCreated", '
        '"ProspectActivityId", "ExceptionMessage"}]}',
        Documented(BULK_ADD_PAGE),
        Chosen(
            "the page shows only the start of a row result; the other keys are those public "
            f"clients read ({WEBINAR})"
        ),
    ),
    _b(
        "retrieve",
        ENDPOINTS,
        "POST Retrieve?leadId= lists a lead's activities, optionally "
        "of one ActivityEvent, a page at a time",
        Documented(RETRIEVE_PAGE),
    ),
    _b(
        "details",
        ENDPOINTS,
        "GET GetActivityDetails?activityId= gives one activity with every field of its type",
        Documented(DETAILS_PAGE),
    ),
    _b(
        "activity-types",
        ENDPOINTS,
        "GET ActivityTypes.Get lists the tenant's activity types",
        Observed(f"{CHATWOOT}: ActivityEvent and ActivityEventName read from each row"),
        Chosen("the vendor's page for it is not public"),
    ),
    _b(
        "create-type",
        ENDPOINTS,
        "POST CreateType creates a custom activity type (only "
        "ActivityEventName mandatory; up to mx_Custom_50) whose fields are usable at once, and "
        'answers {"Status": "Success", "Message": {"Id": <event code>}}',
        Documented(CREATE_TYPE_PAGE),
        Observed(f"{CHATWOOT} and {WEBINAR}: the new code read from Message.Id, a number"),
    ),
    _b(
        "documented-keys",
        ENDPOINTS,
        "every request key a page documents is accepted without "
        "a violation (ProcessFilesAsync, IncludeLeadScore, ActivityOwnerEmail, ActivityEvent on "
        "an update, ...)",
        Documented(CREATE_PAGE),
        Documented(UPDATE_PAGE),
        Documented(BULK_ADD_PAGE),
    ),
    _b(
        "unknown-keys",
        ENDPOINTS,
        "a key no page documents is accepted and ignored, and journaled (contract:unknown-key)",
        Chosen(
            "the live API's answer to unknown keys is not shown; ignoring them would hide a "
            "misspelt key"
        ),
    ),
    _b(
        "keys-query-or-headers",
        AUTH,
        "keys go in the query string (accessKey, secretKey) or "
        "the x-LSQ-AccessKey / x-LSQ-SecretKey headers; a $ in a key works literal or %24-encoded",
        Documented(BULK_UPDATE_PAGE),
        Observed(f"{CHATWOOT}: the headers; the vendor's PHP library: the query string"),
    ),
    _b(
        "401",
        AUTH,
        "missing or wrong keys answer 401, checked before the body is read",
        Documented(BULK_UPDATE_PAGE),
    ),
    _b(
        "401-body",
        AUTH,
        "the 401 envelope is MXUnAuthorizedAccessException",
        Observed(
            "public code shows both MXUnAuthorizedAccessException and "
            "MXInvalidAccessDetailsException 'Invalid Access Details provided.'"
        ),
        Chosen("the first, as most clients check it", "unauthorized_exception"),
    ),
    _b(
        "envelope",
        ERRORS,
        'every error is {"Status": "Error", "ExceptionType": "MX...", '
        '"ExceptionMessage": ...} as application/json',
        Documented(ERRORS_PAGE),
    ),
    _b(
        "400",
        ERRORS,
        "a body that is not JSON, not sent as JSON, or not the documented "
        "structure answers 400 MXInvalidInputException",
        Documented(BULK_UPDATE_PAGE),
    ),
    _b(
        "logical-500",
        ERRORS,
        "a well-formed call that fails on the tenant's data (unknown "
        "activity, type or lead, invalid value, missing mandatory field, duplicate name) "
        "answers 500 with the envelope on every single-activity endpoint",
        Documented(ERRORS_PAGE),
        Observed(f"{LIVE_EXTRACTION}: 'HTTP 500 means a logical error'"),
        Chosen("400 before this evidence was known", "logical_error_status"),
    ),
    _b(
        "missing-parameter",
        ERRORS,
        "a missing leadId or activityId answers 500 MXMandatoryAttributeMissingException naming it",
        Documented(ERRORS_PAGE),
    ),
    _b(
        "details-unknown",
        ERRORS,
        "GetActivityDetails of an unknown id answers 500 "
        "MXUnknownProspectActivityException 'Activity does not exist.'",
        Observed(LIVE_EXTRACTION),
    ),
    _b(
        "update-unknown",
        ERRORS,
        "an update of an unknown activity answers 500 "
        "MXInvalidEntityException (a bulk row fails with it)",
        Observed(LIVE_EXTRACTION),
        Chosen("the status is observed; the type and message are the emulator's"),
    ),
    _b(
        "404",
        ERRORS,
        "an unknown path or method answers 404 MXAPINotFoundException before the keys are checked",
        Documented(BULK_UPDATE_PAGE),
        Chosen("no public 404 body is known"),
    ),
    _b(
        "413",
        ERRORS,
        "a body over 2 MiB answers 413 MXInvalidInputException",
        Chosen("the live limit is not known", "max_body_bytes"),
    ),
    _b(
        "account-limit",
        LIMITS,
        "every call counts in the account's sliding window: 25 calls "
        "in 5 s, or the plan's (Lite 2, Pro 5, Super 10, Basic 10, Standard 15, Enterprise 25)",
        Documented(BULK_UPDATE_PAGE),
        Documented(RATE_LIMITS_PAGE),
        Chosen("Enterprise's 25, as the endpoint page says", "rate_limit"),
    ),
    _b(
        "bulk-limit",
        LIMITS,
        "bulk update and bulk add also count in the bulk APIs' own "
        "window: 1 call in 5 s on every plan",
        Documented(RATE_LIMITS_PAGE),
        Chosen("an older version of the page gave 5 or 10 in 5 s", "bulk_rate_limit"),
    ),
    _b(
        "limit-message",
        LIMITS,
        "the over-limit envelope is MXAPIRateLimitExceededException "
        "'API calls exceeded the limit of N in 5 second(s)', naming the limit hit",
        Documented(BULK_UPDATE_PAGE),
    ),
    _b(
        "limit-status",
        LIMITS,
        "the over-limit envelope comes with 429",
        Observed("429 usually; 403 and 200 seen by other public clients"),
        Chosen("429, the endpoint page's code", "rate_limit_status"),
    ),
    _b(
        "limit-window",
        LIMITS,
        "calls answered 400 or 401 count; a call refused with 429 "
        "counts in no window; no Retry-After header",
        Chosen("the vendor says nothing of either"),
    ),
    _b("max-rows", ROWS, "at most 25 rows a call; 26 answers 400", Documented(BULK_UPDATE_PAGE)),
    _b(
        "failed-row",
        ROWS,
        'a refused row answers {"RowNumber", "ActivityUpdated": false, '
        '"ExceptionType", "ExceptionMessage"} and never fails the other rows',
        Chosen("modelled on bulk add's row results; no live failed row is public"),
    ),
    _b(
        "whole-rows",
        ROWS,
        "a row applies all of its fields or none",
        Chosen("the safer reading: a client that passes here passes live"),
    ),
    _b(
        "duplicate-activity",
        ROWS,
        "the same ProspectActivityId twice in a batch applies both rows in order, and is journaled",
        Documented(BULK_UPDATE_PAGE),
        Chosen("the vendor's own sample does it; the journal says it is still a mistake"),
    ),
    _b(
        "validate-dropdowns",
        ROWS,
        '"ValidateDropDownOptions": true skips dropdown '
        "validation, read on a row or in the query string",
        Documented(BULK_UPDATE_PAGE),
        Chosen("where the key goes is not shown"),
    ),
    _b(
        "update-events",
        ROWS,
        "each applied row records an Activity Update event (old and "
        "new values), even when nothing changed",
        Documented(BULK_UPDATE_PAGE),
        Chosen("the call is what triggers rules, so every applied row announces one"),
    ),
    _b("datetime", VALUES, "a DateTime is UTC 'YYYY-MM-DD HH:MM:SS'", Documented(BULK_UPDATE_PAGE)),
    _b(
        "datetime-tolerated",
        VALUES,
        "a DateTime with a 'T', a timezone or fractions is "
        "stored converted to UTC and journaled (datetime-format)",
        Chosen("whether the live API accepts them is not shown"),
    ),
    _b(
        "data-types",
        VALUES,
        "String and Text up to MaxLength (200 unset for String), Number, "
        "Date, DateTime, Boolean (true, false, 1, 0), Dropdown and SearchableDropdown (one of "
        "the options; a multi-select joins them with ';'), Status text, Owner a GUID",
        Observed("the vendor's Get Activity Details sample: DataType and MaxFieldLength 200"),
        Chosen("each type's exact checks are the emulator's"),
    ),
    _b(
        "options-exact",
        VALUES,
        "dropdown options match exactly (case-sensitive)",
        Chosen("the safer reading"),
    ),
    _b(
        "empty-clears",
        VALUES,
        'an empty value ("" or null) clears a field unless it is mandatory',
        Documented(UPDATE_PAGE),
    ),
    _b(
        "values-as-strings",
        VALUES,
        "a Value sent as a JSON number or boolean is accepted and "
        "journaled (contract:type): the vendor's examples send strings",
        Documented(BULK_UPDATE_PAGE),
        Chosen("accepting it is the emulator's choice"),
    ),
    _b(
        "activity-datetime",
        POSTING,
        "ActivityDateTime becomes CreatedOn; absent or empty: now",
        Documented(CREATE_PAGE),
        Chosen("the default to now"),
    ),
    _b(
        "mandatory-on-create",
        POSTING,
        "posting without a mandatory field answers "
        "MXMandatoryAttributeMissingException; sending it empty, MXInvalidInputException",
        Chosen("the exception types of these two cases are not shown"),
    ),
    _b(
        "create-events",
        POSTING,
        "posting an activity records an Activity Create event",
        Chosen("kept like the Activity Update events, for tests of automations"),
    ),
    _b(
        "event-code-as-text",
        POSTING,
        "an ActivityEvent sent as a digit string is accepted and journaled (contract:type)",
        Chosen("the vendor's examples send an integer"),
    ),
    _b(
        "unknown-lead",
        LEADS,
        "in a tenant that holds leads, an unknown RelatedProspectId "
        "answers 500 MXInvalidEntityException 'Lead does not exist in the system' and writes "
        "nothing (bulk add: the row fails)",
        Observed(f"{LIVE_EXTRACTION}; {CHATWOOT}"),
    ),
    _b(
        "lead-by-email",
        LEADS,
        "Create finds the lead by EmailAddress (case-insensitive), and "
        "creates it with FirstName, LastName and Phone when no lead has that email",
        Documented(CREATE_BY_EMAIL_PAGE),
    ),
    _b(
        "no-leads",
        LEADS,
        "a tenant seeded without leads takes any lead id, and an email "
        "stands for a lead id of its own",
        Chosen("leads are optional in a seed"),
    ),
    _b(
        "bulk-add-by-email",
        LEADS,
        "bulk add finds a lead by EmailAddress but journals it "
        "(its page documents only RelatedProspectId) and never creates a lead",
        Chosen("accepted, as Create documents it; journaled, as bulk add does not"),
    ),
    _b(
        "retrieve-body",
        READING,
        "Retrieve takes {}, [] or no body at all for no filter",
        Documented(RETRIEVE_PAGE),
        Observed("public clients send all three, and it works"),
    ),
    _b(
        "retrieve-paging",
        READING,
        "Paging.Offset is the page number (0 and 1 both the first "
        "page); RowCount defaults to 25; over 1000 answers 500 'PageSize can not be more than "
        "1000.'",
        Documented(RETRIEVE_PAGE),
        Observed(LIVE_EXTRACTION),
        Chosen("the page's two examples send 0 and 1 for the first page", "retrieve_offset"),
    ),
    _b(
        "retrieve-rows",
        READING,
        "each row has the page's columns (Id, EventCode, EventName, "
        "ActivityScore, CreatedOn, ActivityType, IsEmailType, Type, SessionId, TrackLocation, "
        "Latitude, Longitude), the custom values set as ActivityFields, and the other properties "
        "as Data, an array of {Key, Value}",
        Documented(RETRIEVE_PAGE),
        Observed("public clients read ActivityFields and Data[{Key, Value}] live"),
        Chosen("the values of ActivityType, Type, SessionId and what Data holds"),
    ),
    _b(
        "retrieve-order",
        READING,
        "newest first by CreatedOn; RecordCount counts every match; an unknown lead has none",
        Chosen("the order is not documented"),
    ),
    _b(
        "details-shape",
        READING,
        "GetActivityDetails is ID, Name, DisplayName and Fields: each "
        "field of the type then Status (a SearchableDropdown) and Owner, with their properties "
        "(OptionSet as JSON text)",
        Documented(DETAILS_PAGE),
        Chosen("no keys beyond what the page shows"),
    ),
    _b(
        "types-shape",
        TYPES,
        "ActivityTypes.Get rows carry ID, ActivityEvent, "
        "ActivityEventName, DisplayName, EventType, EventDirection, Tags and "
        "ActivityProperties (JSON text whose FormMetaData lists the fields)",
        Observed("a public probe script of the live API reads these columns"),
        Chosen("their values for a custom type (EventType 0, Tags empty, a stable ID)"),
    ),
    _b(
        "type-codes",
        TYPES,
        "a new type's event code follows the highest the tenant has (from 201)",
        Chosen("the vendor's samples number custom types from 201"),
    ),
    _b(
        "duplicate-type",
        TYPES,
        "a type name already taken answers 500 "
        "MXDuplicateEntryException \"Duplicate entry '<name>' for key 'ActivityEventName'\"",
        Observed(f"{CHATWOOT}: MXDuplicateEntryException for duplicates"),
    ),
    _b(
        "lookup-types",
        OUT,
        "Product, lead and user lookup field types",
        NotEmulated("a seed cannot define them; CreateType refuses them with 400"),
    ),
    _b(
        "files-scores-users",
        OUT,
        "files (ProcessFilesAsync, getFileURL), lead scores "
        "(IncludeLeadScore) and users (ActivityOwnerEmail; Owner is any GUID)",
        NotEmulated("accepted and ignored"),
    ),
    _b(
        "other-apis",
        OUT,
        "the other LeadSquared APIs (leads, opportunities, "
        "RetrieveByActivityEvent, the async APIs)",
        NotEmulated("they answer 404"),
    ),
    _b(
        "quotas",
        OUT,
        "daily call quotas and a dedicated database's bulk limits",
        NotEmulated("only the 5-second windows are counted"),
    ),
)
"""Every behaviour, grouped by area in the order a reader meets them."""

AREAS = tuple(dict.fromkeys(behaviour.area for behaviour in LEDGER))
