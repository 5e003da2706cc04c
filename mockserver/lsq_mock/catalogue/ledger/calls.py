"""The ledger's behaviours of calls: endpoints, keys, errors and rate limits."""

from __future__ import annotations

from lsq_mock.catalogue.ledger.behaviour import Behaviour, behaviour
from lsq_mock.catalogue.sources import (
    ACCOUNT_LIMITS_LIVE,
    BULK_ADD_PAGE,
    BULK_UPDATE_PAGE,
    CHATWOOT,
    CREATE_PAGE,
    CREATE_TYPE_PAGE,
    DETAILS_PAGE,
    ERRORS_PAGE,
    IS_MX_EXCEPTION_CLIENTS,
    LIVE_EXTRACTION,
    LIVE_RATE_LIMITS,
    QUERY_NAME_CASE,
    RATE_LIMITS_PAGE,
    RETRIEVE_PAGE,
    UPDATE_PAGE,
    WEBINAR,
    Chosen,
    Documented,
    Observed,
)

ENDPOINTS, AUTH, ERRORS, LIMITS = "Endpoints", "Keys", "Errors", "Rate limits"

BEHAVIOURS: tuple[Behaviour, ...] = (
    behaviour(
        "bulk-update",
        ENDPOINTS,
        "POST Bulk/CustomActivity/Update takes 1 to 25 rows of "
        "{ProspectActivityId, ActivityNote, Fields: [{SchemaName, Value}]} and answers "
        '{"Response": [{"RowNumber", "ActivityUpdated"}]}',
        Documented(BULK_UPDATE_PAGE),
    ),
    behaviour(
        "create",
        ENDPOINTS,
        "POST Create posts one activity on a lead and answers "
        '{"Status": "Success", "Message": {"Id": <activity id>}}',
        Documented(CREATE_PAGE),
        Observed(f"{CHATWOOT}: the answer read as Status and Message.Id"),
        Chosen("the page's own answer is not visible; the shape is the one its clients read"),
    ),
    behaviour(
        "update",
        ENDPOINTS,
        "POST CustomActivity/Update updates one activity by the rules of a "
        'bulk row and answers {"Status": "Success", "Message": {"Id": <its id>}}',
        Documented(UPDATE_PAGE),
        Chosen(
            "the page's sample answers an Id unlike the one it sent; the emulator answers "
            "the activity's own id"
        ),
    ),
    behaviour(
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
    behaviour(
        "retrieve",
        ENDPOINTS,
        "POST Retrieve?leadId= lists a lead's activities, optionally "
        "of one ActivityEvent, a page at a time",
        Documented(RETRIEVE_PAGE),
    ),
    behaviour(
        "details",
        ENDPOINTS,
        "GET GetActivityDetails?activityId= gives one activity with every field of its type",
        Documented(DETAILS_PAGE),
    ),
    behaviour(
        "activity-types",
        ENDPOINTS,
        "GET ActivityTypes.Get lists the tenant's activity types",
        Observed(f"{CHATWOOT}: ActivityEvent and ActivityEventName read from each row"),
        Chosen("the vendor's page for it is not public"),
    ),
    behaviour(
        "create-type",
        ENDPOINTS,
        "POST CreateType creates a custom activity type (only "
        "ActivityEventName mandatory; up to mx_Custom_50) whose fields are usable at once, and "
        'answers {"Status": "Success", "Message": {"Id": <event code>}}',
        Documented(CREATE_TYPE_PAGE),
        Observed(f"{CHATWOOT} and {WEBINAR}: the new code read from Message.Id, a number"),
        Chosen("the page's own answer is not visible; the shape is the one its clients read"),
    ),
    behaviour(
        "documented-keys",
        ENDPOINTS,
        "every request key a page documents is accepted without "
        "a violation (ProcessFilesAsync, IncludeLeadScore, ActivityOwnerEmail, ActivityEvent on "
        "an update, ...)",
        Documented(CREATE_PAGE),
        Documented(UPDATE_PAGE),
        Documented(BULK_ADD_PAGE),
    ),
    behaviour(
        "unknown-keys",
        ENDPOINTS,
        "a key no page documents is accepted and ignored, and journaled (contract:unknown-key)",
        Chosen(
            "the live API's answer to unknown keys is not shown; ignoring them would hide a "
            "misspelt key"
        ),
    ),
    behaviour(
        "keys-query-or-headers",
        AUTH,
        "keys go in the query string (accessKey, secretKey) or "
        "the x-LSQ-AccessKey / x-LSQ-SecretKey headers; a $ in a key works literal or %24-encoded",
        Documented(BULK_UPDATE_PAGE),
        Observed(f"{CHATWOOT}: the headers; the vendor's PHP library: the query string"),
    ),
    behaviour(
        "401",
        AUTH,
        "missing or wrong keys answer 401, checked before the body is read",
        Documented(BULK_UPDATE_PAGE),
    ),
    behaviour(
        "401-body",
        AUTH,
        "the 401 envelope is MXUnAuthorizedAccessException, with a message naming what is "
        "missing or wrong",
        Observed(
            "public code shows both MXUnAuthorizedAccessException (no message shown) and "
            f"MXInvalidAccessDetailsException 'Invalid Access Details provided.' ({LIVE_EXTRACTION}"
            ", its fake)"
        ),
        Chosen(
            "the first, as most clients check it; its message is the emulator's",
            "unauthorized_exception",
        ),
    ),
    behaviour(
        "query-names-any-case",
        AUTH,
        "query parameter names are read in any letter case (accesskey, leadid, LeadId)",
        Observed(QUERY_NAME_CASE),
        Chosen("no wrong-case name is shown refused live; paths stay exact"),
    ),
    behaviour(
        "envelope",
        ERRORS,
        'every error is {"Status": "Error", "ExceptionType": "MX...", '
        '"ExceptionMessage": ...} as application/json',
        Documented(ERRORS_PAGE),
        Observed(IS_MX_EXCEPTION_CLIENTS),
        Chosen("without IsMXException, as the page shows", "is_mx_exception"),
    ),
    behaviour(
        "400",
        ERRORS,
        "a body that is not JSON, not sent as JSON, or not the documented "
        "structure answers 400 MXInvalidInputException",
        Documented(BULK_UPDATE_PAGE),
    ),
    behaviour(
        "logical-500",
        ERRORS,
        "a well-formed call that fails on the tenant's data (unknown "
        "activity, type or lead, invalid value, missing mandatory field, duplicate name) "
        "answers 500 with the envelope on every single-activity endpoint",
        Documented(ERRORS_PAGE),
        Observed(f"{LIVE_EXTRACTION}: 'HTTP 500 means a logical error'"),
        Chosen("400 before this evidence was known", "logical_error_status"),
    ),
    behaviour(
        "missing-parameter",
        ERRORS,
        "a missing leadId or activityId, or a single-activity body without a mandatory key of "
        "its own (Create: ActivityEvent, RelatedProspectId or EmailAddress; CustomActivity/"
        "Update: ProspectActivityId; CreateType: ActivityEventName), answers 500 "
        "MXMandatoryAttributeMissingException \"'<key>' is mandatory for <what the call does>\"; "
        "a body that is not JSON, not an object or has a wrong type stays 400, and bulk rows "
        "keep theirs",
        Documented(ERRORS_PAGE),
        Observed(
            f"{LIVE_EXTRACTION}: 'missing ActivityEvent ... are all 500s' (seen on "
            "RetrieveByActivityEvent, there as MXInvalidInputException)"
        ),
        Chosen(
            "the messages follow the page's example \"'leadId' is mandatory for updating lead\"; "
            "the status follows the other logical errors",
            "logical_error_status",
        ),
    ),
    behaviour(
        "details-unknown",
        ERRORS,
        "GetActivityDetails of an unknown id answers 500 "
        "MXUnknownProspectActivityException 'Activity does not exist.'",
        Observed(f"{LIVE_EXTRACTION}: MXUnknownProspectActivityException for an unknown id"),
        Chosen("the message and the 500 are that project's fake's, written after its live runs"),
    ),
    behaviour(
        "update-unknown",
        ERRORS,
        "an update of an unknown activity answers 500 "
        "MXInvalidEntityException (a bulk row fails with it)",
        Observed(LIVE_EXTRACTION),
        Chosen("the status is observed; the type and message are the emulator's"),
    ),
    behaviour(
        "404",
        ERRORS,
        "an unknown path or method answers 404 MXAPINotFoundException before the keys are checked",
        Documented(BULK_UPDATE_PAGE),
        Chosen("no public 404 body is known"),
    ),
    behaviour(
        "413",
        ERRORS,
        "a body over 2 MiB answers 413 MXInvalidInputException",
        Chosen("the live limit is not known", "max_body_bytes"),
    ),
    behaviour(
        "account-limit",
        LIMITS,
        "every call counts in the account's sliding window: 25 calls "
        "in 5 s, or the plan's (Lite 2, Pro 5, Super 10, Basic 10, Standard 15, Enterprise 25)",
        Documented(BULK_UPDATE_PAGE),
        Documented(RATE_LIMITS_PAGE),
        Observed(ACCOUNT_LIMITS_LIVE),
        Chosen(
            "Enterprise's 25, as the endpoint page says; a tenant's own number (20, 72) is "
            "--rate-limit 20/5",
            "rate_limit",
        ),
    ),
    behaviour(
        "bulk-limit",
        LIMITS,
        "bulk update and bulk add also count in the bulk APIs' own "
        "window: 1 call in 5 s on every plan",
        Documented(RATE_LIMITS_PAGE),
        Chosen("an older version of the page gave 5 or 10 in 5 s", "bulk_rate_limit"),
    ),
    behaviour(
        "limit-message",
        LIMITS,
        "the over-limit envelope is MXAPIRateLimitExceededException "
        "'API calls exceeded the limit of N in 5 second(s)', naming the limit hit",
        Documented(BULK_UPDATE_PAGE),
    ),
    behaviour(
        "limit-status",
        LIMITS,
        "the over-limit envelope comes with 429",
        Observed(LIVE_RATE_LIMITS),
        Chosen("429, the endpoint page's code", "rate_limit_status"),
    ),
    behaviour(
        "limit-window",
        LIMITS,
        "calls answered 400 or 401 count; a call refused with 429 "
        "counts in no window; no Retry-After header",
        Chosen("the vendor says nothing of either"),
    ),
)
