"""The ledger's behaviours of data: rows, values, posting, leads, reading, activity types,
and what is not emulated."""

from __future__ import annotations

from lsq_mock.catalogue.ledger.behaviour import Behaviour, behaviour
from lsq_mock.catalogue.sources import (
    BULK_UPDATE_PAGE,
    CHATWOOT,
    CREATE_BY_EMAIL_PAGE,
    CREATE_PAGE,
    DETAILS_PAGE,
    INVALID_EVENT_CODE_LIVE,
    LIVE_CLIENTS,
    LIVE_EXTRACTION,
    LIVE_PROBE,
    RETRIEVE_PAGE,
    RETRIEVE_ROWS_LIVE,
    UPDATE_PAGE,
    Chosen,
    Documented,
    NotEmulated,
    Observed,
)

ROWS, VALUES, POSTING, LEADS = "Bulk update rows", "Field values", "Posting", "Leads"
READING, TYPES, OUT = "Reading", "Activity types", "Not emulated"

BEHAVIOURS: tuple[Behaviour, ...] = (
    behaviour(
        "max-rows", ROWS, "at most 25 rows a call; 26 answers 400", Documented(BULK_UPDATE_PAGE)
    ),
    behaviour(
        "failed-row",
        ROWS,
        'a refused row answers {"RowNumber", "ActivityUpdated": false, '
        '"ExceptionType", "ExceptionMessage"} and never fails the other rows',
        Chosen("modelled on bulk add's row results; no live failed row is public"),
    ),
    behaviour(
        "whole-rows",
        ROWS,
        "a row applies all of its fields or none",
        Chosen("the safer reading: a client that passes here passes live"),
    ),
    behaviour(
        "duplicate-activity",
        ROWS,
        "the same ProspectActivityId twice in a batch applies both rows in order, and is journaled",
        Documented(BULK_UPDATE_PAGE),
        Chosen("the vendor's own sample does it; the journal says it is still a mistake"),
    ),
    behaviour(
        "validate-dropdowns",
        ROWS,
        '"ValidateDropDownOptions": true skips dropdown '
        "validation, read on a row or in the query string",
        Documented(BULK_UPDATE_PAGE),
        Chosen("where the key goes is not shown"),
    ),
    behaviour(
        "update-events",
        ROWS,
        "each applied row records an Activity Update event (old and "
        "new values), even when nothing changed",
        Documented(BULK_UPDATE_PAGE),
        Chosen("the call is what triggers rules, so every applied row announces one"),
    ),
    behaviour(
        "datetime", VALUES, "a DateTime is UTC 'YYYY-MM-DD HH:MM:SS'", Documented(BULK_UPDATE_PAGE)
    ),
    behaviour(
        "datetime-tolerated",
        VALUES,
        "a DateTime with a 'T', a timezone or fractions is "
        "stored converted to UTC and journaled (datetime-format)",
        Chosen("whether the live API accepts them is not shown"),
    ),
    behaviour(
        "data-types",
        VALUES,
        "String and Text up to MaxLength (200 unset for String), Number, "
        "Date, DateTime, Boolean (true, false, 1, 0), Dropdown and SearchableDropdown (one of "
        "the options; a multi-select joins them with ';'), Status text, Owner a GUID",
        Documented(DETAILS_PAGE),
        Chosen("each type's exact checks are the emulator's"),
    ),
    behaviour(
        "options-exact",
        VALUES,
        "dropdown options match exactly (case-sensitive)",
        Chosen("the safer reading"),
    ),
    behaviour(
        "empty-clears",
        VALUES,
        'an empty value ("" or null) clears a field unless it is mandatory',
        Documented(UPDATE_PAGE),
        Chosen(
            "the page's sample sends empty values; that they clear the field is the "
            "emulator's reading"
        ),
    ),
    behaviour(
        "values-as-strings",
        VALUES,
        "a Value sent as a JSON number or boolean is accepted and "
        "journaled (contract:type): the vendor's examples send strings",
        Documented(BULK_UPDATE_PAGE),
        Chosen("accepting it is the emulator's choice"),
    ),
    behaviour(
        "activity-datetime",
        POSTING,
        "ActivityDateTime becomes CreatedOn; absent or empty: now",
        Documented(CREATE_PAGE),
        Chosen("the default to now"),
    ),
    behaviour(
        "mandatory-on-create",
        POSTING,
        "posting without a mandatory field answers "
        "MXMandatoryAttributeMissingException; sending it empty, MXInvalidInputException",
        Chosen("the exception types of these two cases are not shown"),
    ),
    behaviour(
        "create-events",
        POSTING,
        "posting an activity records an Activity Create event",
        Chosen("kept like the Activity Update events, for tests of automations"),
    ),
    behaviour(
        "invalid-event-code",
        POSTING,
        "an ActivityEvent of no activity type of the tenant (or of one it disabled) answers 500 "
        "MXInvalidActivityException 'Event Code is invalid or empty' (a bulk add row fails with "
        "it; Retrieve's filter answers it too)",
        Observed(INVALID_EVENT_CODE_LIVE),
        Chosen(
            "200 {Status: Failed, Message: {Message: 'Invalid event code'}} was seen too",
            "unknown_activity_type_status",
        ),
    ),
    behaviour(
        "event-code-as-text",
        POSTING,
        "an ActivityEvent sent as a digit string is accepted and journaled (contract:type)",
        Chosen("the vendor's examples send an integer"),
    ),
    behaviour(
        "unknown-lead",
        LEADS,
        "in a tenant that holds leads, an unknown RelatedProspectId (Retrieve: leadId) "
        "answers 500 MXInvalidEntityException 'Lead does not exist in the system' and writes "
        "nothing (bulk add: the row fails)",
        Observed(f"{LIVE_EXTRACTION}; {CHATWOOT}"),
        Observed(
            f"{CHATWOOT}, PR 14818: posting on a deleted or merged lead answers "
            "MXInvalidEntityReferenceException 'Lead not found'"
        ),
        Chosen("the first, seen for a lead that never existed", "unknown_lead_exception"),
    ),
    behaviour(
        "lead-by-email",
        LEADS,
        "Create finds the lead by EmailAddress (case-insensitive), and "
        "creates it with FirstName, LastName and Phone when no lead has that email",
        Documented(CREATE_BY_EMAIL_PAGE),
    ),
    behaviour(
        "no-leads",
        LEADS,
        "a tenant seeded without leads takes any lead id, and an email "
        "stands for a lead id of its own",
        Chosen("leads are optional in a seed"),
    ),
    behaviour(
        "bulk-add-by-email",
        LEADS,
        "bulk add finds a lead by EmailAddress but journals it "
        "(its page documents only RelatedProspectId) and never creates a lead",
        Chosen("accepted, as Create documents it; journaled, as bulk add does not"),
    ),
    behaviour(
        "retrieve-body",
        READING,
        "Retrieve takes {}, [] or no body at all for no filter",
        Documented(RETRIEVE_PAGE),
        Observed("the vendor's PHP library posts {} when given no body"),
        Chosen("[] and an empty body read as {}"),
    ),
    behaviour(
        "retrieve-paging",
        READING,
        "Paging.Offset is the page number (0 and 1 both the first "
        "page); RowCount defaults to 25; over 1000 answers 500 'PageSize can not be more than "
        "1000.'",
        Documented(RETRIEVE_PAGE),
        Observed(LIVE_EXTRACTION),
        Chosen(
            "the page's two examples send 0 and 1 for the first page; 'page-from-0' serves "
            "clients that count pages from 0, 'rows' reads rows skipped",
            "retrieve_offset",
        ),
    ),
    behaviour(
        "retrieve-unknown",
        READING,
        "in a tenant that holds leads, Retrieve of an unknown leadId answers Create's logical "
        "500 for an unknown lead, and a Parameter.ActivityEvent of no activity type Create's "
        "for an unknown type; a tenant seeded without leads answers any lead id with no rows",
        Chosen(
            "no public answer of Retrieve for either is known: Create's observed answers are "
            "reused (Leads.GetById answers [] live for an unknown lead)",
        ),
    ),
    behaviour(
        "retrieve-rows",
        READING,
        "each row has the page's columns (Id, EventCode, EventName, "
        "ActivityScore, CreatedOn, ActivityType, IsEmailType, Type, SessionId, TrackLocation, "
        "Latitude, Longitude), ModifiedOn and RelatedProspectId; ActivityFields holds "
        "ProspectActivityAutoId, ActivityEvent_Note, CreatedOn, CreatedBy, ModifiedBy, Status, "
        "Owner and the custom values set; and Data, an array of {Key, Value} holding the other "
        "properties and the custom values again",
        Documented(RETRIEVE_PAGE),
        Observed(LIVE_CLIENTS),
        Observed(RETRIEVE_ROWS_LIVE),
        Chosen(
            "the values of ActivityType, Type, SessionId and what Data holds; "
            "ProspectActivityAutoId is a stable number made from the activity's id"
        ),
    ),
    behaviour(
        "read-timestamps",
        READING,
        "read back, an activity's CreatedOn and ModifiedOn are UTC 'YYYY-MM-DD HH:MM:SS', "
        "ActivityFields.CreatedOn is UTC 'M/D/YYYY h:mm:ss AM' and a lead's dates end in '.000'",
        Documented(RETRIEVE_PAGE),
        Observed(RETRIEVE_ROWS_LIVE),
    ),
    behaviour(
        "retrieve-order",
        READING,
        "newest first by CreatedOn; RecordCount counts every match; an unknown lead has none",
        Chosen("the order is not documented"),
    ),
    behaviour(
        "details-shape",
        READING,
        "GetActivityDetails is ID, Name, DisplayName and Fields: each "
        "field of the type then Status (a SearchableDropdown) and Owner, with their properties "
        "(OptionSet as JSON text)",
        Documented(DETAILS_PAGE),
        Chosen("no keys beyond what the page shows"),
    ),
    behaviour(
        "types-shape",
        TYPES,
        "ActivityTypes.Get rows carry ID, ActivityEvent, "
        "ActivityEventName, DisplayName, EventType, EventDirection, Tags and "
        "ActivityProperties (JSON text whose FormMetaData lists the fields)",
        Observed(
            f"{LIVE_PROBE} reads these columns but ID, which the Update Activity Type page implies"
        ),
        Chosen("their values for a custom type (EventType 0, Tags empty, a stable ID)"),
    ),
    behaviour(
        "type-codes",
        TYPES,
        "a new type's event code follows the highest the tenant has (from 201)",
        Chosen("the vendor's samples number custom types from 201"),
    ),
    behaviour(
        "duplicate-type",
        TYPES,
        "a type name already taken answers 500 "
        "MXDuplicateEntryException \"Duplicate entry '<name>' for key 'ActivityEventName'\"",
        Observed(f"{CHATWOOT}, PR 13910: MXDuplicateEntryException, for a duplicate lead"),
        Chosen("that a taken type name answers it, and the message, are the emulator's"),
    ),
    behaviour(
        "lookup-types",
        OUT,
        "Product, lead and user lookup field types",
        NotEmulated("a seed cannot define them; CreateType refuses them with 400"),
    ),
    behaviour(
        "files-scores-users",
        OUT,
        "files (ProcessFilesAsync, getFileURL), lead scores "
        "(IncludeLeadScore) and users (ActivityOwnerEmail; Owner is any GUID)",
        NotEmulated("accepted and ignored"),
    ),
    behaviour(
        "other-apis",
        OUT,
        "the other LeadSquared APIs (opportunities, tasks, sales activities, users, lists, "
        "attachments, the async APIs: docs/reference/vendor-apis.md lists each)",
        NotEmulated(
            "they answer 404 saying so, journaled as not-emulated: never the client's fault"
        ),
    ),
    behaviour(
        "quotas",
        OUT,
        "daily call quotas and a dedicated database's bulk limits",
        NotEmulated("only the 5-second windows are counted"),
    ),
)
