"""Where an emulated behaviour comes from: the vendor's page, public evidence of live answers,
or the emulator's own choice (and the setting that changes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

PAGES = "https://apidocs.leadsquared.com"
BULK_UPDATE_PAGE = f"{PAGES}/bulk-update-activities/"
CREATE_PAGE = f"{PAGES}/post-an-activity-to-lead/"
CREATE_BY_EMAIL_PAGE = f"{PAGES}/post-activity-with-lead-email-address/"
UPDATE_PAGE = f"{PAGES}/update-activity/"
BULK_ADD_PAGE = f"{PAGES}/post-bulk-activities-on-leads/"
RETRIEVE_PAGE = f"{PAGES}/get-activities-of-a-lead/"
DETAILS_PAGE = f"{PAGES}/get-activity-details/"
CREATE_TYPE_PAGE = f"{PAGES}/create-new-activity-type-api/"
RATE_LIMITS_PAGE = f"{PAGES}/rate-limits/"
ERRORS_PAGE = f"{PAGES}/error-handling/"
CREATE_LEAD_PAGE = f"{PAGES}/create-a-lead/"
UPDATE_LEAD_PAGE = f"{PAGES}/update-a-lead/"
UPSERT_LEAD_PAGE = f"{PAGES}/create-or-update/"
CAPTURE_LEAD_PAGE = f"{PAGES}/capture-lead/"
LEAD_BY_EMAIL_PAGE = f"{PAGES}/get-a-lead-by-email-id/"
LEAD_BY_PHONE_PAGE = f"{PAGES}/get-lead-by-phone/"
LEAD_SEARCH_PAGE = f"{PAGES}/search-by-lead-criteria/"
QUICK_SEARCH_PAGE = f"{PAGES}/quick-search/"
LEAD_METADATA_PAGE = f"{PAGES}/meta-data/"
LEAD_FIELD_PAGE = f"{PAGES}/get-lead-field-properties/"
CUSTOM_LEAD_FIELD_PAGE = f"{PAGES}/create-custom-lead-field/"
USER_PAGE = f"{PAGES}/user-authentication/"
BY_EVENT_PAGE = f"{PAGES}/bulk-retrieve-activities-by-activity-event/"
BY_DATE_PAGE = f"{PAGES}/retrieve-prospect-activities/"
ACTIVITY_SETTING_PAGE = f"{PAGES}/get-details-of-activity-type/"

LIVE_EXTRACTION = (
    "karthik-curelo/google_ads, docs/LSQ_EXTRACTION.md, verified against a live account "
    "(api-in21, 2026-09)"
)
CHATWOOT = "chatwoot/chatwoot, app/services/crm/leadsquared/ (a production integration)"
WEBINAR = "akshat4447/Webinar_campaign, lib/leadsquared.ts"
LIVE_CLIENTS = (
    "live client code found by the project (stored files 34207800668, a PHP client reading "
    "ActivityFields.mx_Custom_1; 63418286132, notes: ActivityFields absent on system events "
    "3001 and 3002, everything in Data[{Key, Value}])"
)
LEAD_CLIENTS = (
    "about ten public clients of the activity APIs calling the lead APIs beside them "
    "(shared/spec/observed-live.md, 'Added 2026-12-07')"
)
UNKNOWN_ATTRIBUTE_LIVE = (
    "a TypeScript integration's notes, 'LSQ rejects the ENTIRE update when any attribute is "
    "unknown', confirmed live (stored file 61886444491), and its client (70701181602)"
)
CAPTURE_DUPLICATE_LIVE = (
    "Lead.Capture duplicates seen answered 200 with Status Error (observed-live.md); a PHP form "
    "handler reads ExceptionMessage 'A Lead with same Phone Number already exists.' from "
    "Capture's answer (stored file 34568560570), a TypeScript one expects a failed status "
    "(53857009976)"
)
LEADS_GET_LIVE = (
    "observed-live.md: LookupName case-sensitive (a wrong case answers []), != answers "
    "MXInvalidEntityException, a Query wrapper is ignored; a schema audit misled by a silently "
    "ignored filter (stored file 63457949594)"
)
CHATWOOT_LEADS = (
    "chatwoot/chatwoot, app/services/crm/leadsquared/api/lead_client.rb: CreateOrUpdate's "
    "MXDuplicateEntryException for a phone its default search missed, retried with SearchBy=Phone"
)
USER_CLIENTS = (
    "chatwoot's setup_service.rb (LSQCommonServiceURLs.api and .app, TimeZone), a WordPress "
    "plugin (.api, .tracking, OrgShortCode), a Python wrapper (Name, PassPhrase): each builds "
    "https://{api}/v2/ for its later calls"
)
LEAD_BY_ID_CLIENTS = (
    "the vendor's PHP library (LeadSquared/php-library, leadsquared.php), a Python wrapper "
    "(stored file 13015124660) and a TypeScript client (70120946927) call Leads.GetById?id= and "
    "read an array; a connector's notes: an unknown id answers 200 [] (observed-live.md)"
)
INVALID_EVENT_CODE_LIVE = (
    "a TypeScript client's regression tests after a live outage (a deactivated custom activity "
    "type failed every Create): 500 MXInvalidActivityException 'Event Code is invalid or empty' "
    "with IsMXException, and 200 {Status: Failed, Message: {Message: 'Invalid event code'}} "
    "(stored file 61338747473)"
)
RETRIEVE_ROWS_LIVE = (
    "a PowerShell client's record shape 'confirmed live 2026-08-08' (stored file 63245987643) and "
    "a Deno test reproducing live records (63420166999): top-level ModifiedOn and "
    "RelatedProspectId; ActivityFields with ProspectActivityAutoId, ActivityEvent_Note, "
    "CreatedOn as '7/31/2026 5:33:50 AM', CreatedBy, ModifiedBy, Status, Owner"
)
IS_MX_EXCEPTION_CLIENTS = (
    "a client's fixtures add IsMXException: true to the envelope (stored file 61338747473); a "
    "web form reads it (70836980678); the Error Handling page and every other public body lack it"
)
ACCOUNT_LIMITS_LIVE = (
    "tenants seen with 'API calls exceeded the limit of 20 in 5 second(s)' (Java backfill "
    "notes, stored file 67286211645) and 'of 72' (a TS app, 69410463384); an older copy of the "
    "rate-limits page gives Pro 10 and Super 20 (bulk 5 and 10) and says limits can be raised"
)
QUERY_NAME_CASE = (
    "the Capture page's own URL writes accesskey and secretkey; public clients send leadid "
    "(a Python wrapper, stored file 13015124660); the service is WCF, whose URI templates match "
    "query names in any case"
)
LIVE_PROBE = "a live probe script (stored files 66577721324, 66561925744)"
LIVE_RATE_LIMITS = (
    "429 in a TS app (stored file 69410463384), 403 in a TS client (56224167863), 200 in Java "
    "backfill notes (67286211645), each with the same envelope"
)


@dataclass(frozen=True)
class Documented:
    """The vendor's own page says so."""

    url: str
    standing: ClassVar[str] = "documented"


@dataclass(frozen=True)
class Observed:
    """Public code or threads whose authors ran against a live tenant show it."""

    evidence: str
    standing: ClassVar[str] = "observed"


@dataclass(frozen=True)
class Chosen:
    """Nobody public shows it: the emulator's choice, and the setting that changes it, if any."""

    why: str
    setting: str | None = None
    """A field of `Settings` (each has a `lsq-mock serve` option of the same name)."""
    standing: ClassVar[str] = "chosen"


@dataclass(frozen=True)
class NotEmulated:
    """Part of the real API that the emulator leaves out, and what it does instead."""

    why: str
    standing: ClassVar[str] = "not emulated"


Source = Documented | Observed | Chosen | NotEmulated
