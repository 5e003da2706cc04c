"""The ledger's behaviours of leads (LeadManagement.svc) and of the key owner's user record."""

from __future__ import annotations

from lsq_mock.catalogue.ledger.behaviour import Behaviour, behaviour
from lsq_mock.catalogue.sources import (
    CAPTURE_DUPLICATE_LIVE,
    CAPTURE_LEAD_PAGE,
    CHATWOOT,
    CHATWOOT_LEADS,
    CREATE_LEAD_PAGE,
    CUSTOM_LEAD_FIELD_PAGE,
    LEAD_BY_EMAIL_PAGE,
    LEAD_BY_ID_CLIENTS,
    LEAD_BY_PHONE_PAGE,
    LEAD_CLIENTS,
    LEAD_FIELD_PAGE,
    LEAD_METADATA_PAGE,
    LEAD_SEARCH_PAGE,
    LEADS_GET_LIVE,
    QUICK_SEARCH_PAGE,
    UNKNOWN_ATTRIBUTE_LIVE,
    UPDATE_LEAD_PAGE,
    UPSERT_LEAD_PAGE,
    USER_CLIENTS,
    USER_PAGE,
    Chosen,
    Documented,
    NotEmulated,
    Observed,
)

FIELDS, WRITES, READS, USER = "Lead fields", "Lead writes", "Lead reads", "The user lookup"

BEHAVIOURS: tuple[Behaviour, ...] = (
    behaviour(
        "lead-system-fields",
        FIELDS,
        "every lead answer carries the vendor's system fields (ProspectID, ProspectAutoId, "
        "FirstName, LastName, EmailAddress, Company, Phone, Mobile, Source, ProspectStage, "
        "OwnerId, CreatedOn, ModifiedOn, DoNotEmail, ...) then the tenant's mx_* fields",
        Documented(LEAD_BY_EMAIL_PAGE),
        Chosen("the keys the samples show only on Object Type tenants (LeadType) are left out"),
    ),
    behaviour(
        "lead-values-as-text",
        FIELDS,
        'numbers and flags read back as text ("DoNotEmail": "0", "ProspectAutoId": "1016"), '
        "unset values as null, timestamps as 'YYYY-MM-DD HH:MM:SS.000'",
        Documented(LEAD_BY_EMAIL_PAGE),
        Observed(LEAD_CLIENTS),
        Chosen(
            'one client reports "-" for unset values on some reads (unconfirmed)',
            "lead_unset_value",
        ),
        Chosen(
            "a JSON number is stored as its text: 25.0 as '25', a float past 2^53 with its "
            "exponent (1e308 as '1e+308')"
        ),
    ),
    behaviour(
        "lead-custom-fields",
        FIELDS,
        "a seed's LeadFields define mx_* fields of DataType Text, Number, Email, Phone, Website, "
        "Date, DateTime, Time, Select (its Options), Boolean or CustomObject; each value is "
        "checked by its DataType as activity values are",
        Documented(CUSTOM_LEAD_FIELD_PAGE),
        Chosen(
            "each type's exact checks are the emulator's: Text up to 200 characters unless "
            "MaxLength says otherwise, Email name@domain, Phone digits with + - ( ) . or spaces, "
            "a Date with or without a time, Boolean stored as 1 or 0"
        ),
    ),
    behaviour(
        "lead-unique-fields",
        FIELDS,
        "EmailAddress and Phone are unique (email case-insensitive, phones on their last ten "
        "digits); a seed's UniqueLeadFields changes which fields are",
        Documented(CREATE_LEAD_PAGE),
        Chosen("how two values compare equal is the emulator's"),
    ),
    behaviour(
        "lead-defaults",
        FIELDS,
        "a new lead gets the next ProspectAutoId, ProspectStage 'Prospect', the flags and "
        "scores '0', and the key owner as OwnerId, CreatedBy and ModifiedBy",
        Documented(LEAD_BY_EMAIL_PAGE),
        Chosen("the samples show these values; that a new lead starts with them is a reading"),
    ),
    behaviour(
        "lead-activity-columns",
        FIELDS,
        "ProspectActivity*_Min/_Max, visits, landing pages and the other columns LeadSquared "
        "computes read as null",
        NotEmulated("activities and web tracking do not feed them"),
    ),
    behaviour(
        "lead-write-body",
        WRITES,
        'a lead write is a JSON array of {"Attribute", "Value"} (a custom field set may nest '
        "Fields of the same pairs); an object where the array is due answers 400",
        Documented(CREATE_LEAD_PAGE),
        Observed(LEAD_CLIENTS),
        Chosen(
            "Attributes match field names in any letter case (the Capture page writes "
            "ProspectId); a set's nested values are kept but only its Value is answered"
        ),
    ),
    behaviour(
        "lead-unknown-attribute",
        WRITES,
        "an Attribute that is no lead field refuses the whole write: 500 "
        "MXUnknownAttributeException 'Attribute(s) does not exist - <names>.'",
        Observed(UNKNOWN_ATTRIBUTE_LIVE),
        Chosen(
            "the message is the one public fakes use; no live message is public; it names "
            "the first 10 unknown attributes, each cut at 100 characters, and how many more"
        ),
    ),
    behaviour(
        "lead-read-only",
        WRITES,
        "a write setting a field LeadSquared keeps (ProspectAutoId, CreatedOn, Score, ...) is "
        "refused, 500 MXInvalidInputException",
        Chosen("the safer reading: what the live API does with them is not shown"),
    ),
    behaviour(
        "lead-duplicate",
        WRITES,
        "a write giving a unique field another lead's value answers 500 "
        "MXDuplicateEntryException 'A Lead with same Email already exists.' / 'A Lead with same "
        "Phone Number already exists.' and writes nothing",
        Observed(f"{CHATWOOT}; {CHATWOOT_LEADS}"),
        Chosen("another unique field's message names its display name"),
    ),
    behaviour(
        "lead-create",
        WRITES,
        'Lead.Create answers {"Status": "Success", "Message": {"Id": "<new ProspectID>"}}; a '
        "mandatory custom field left out answers MXMandatoryAttributeMissingException",
        Documented(CREATE_LEAD_PAGE),
    ),
    behaviour(
        "lead-update",
        WRITES,
        'Lead.Update?leadId= changes only the fields sent, answering {"AffectedRows": 1}; an '
        "unknown lead answers 500 MXInvalidEntityException 'Lead does not exist in the system'",
        Documented(UPDATE_LEAD_PAGE),
        Observed("a gem's fixture (observed-live.md)"),
    ),
    behaviour(
        "lead-create-or-update",
        WRITES,
        "Lead.CreateOrUpdate updates the lead SearchBy finds, else the one with the email, else "
        "the one with the Phone sent (on its Phone or Mobile), else creates one; a Mobile sent "
        "is no default search key, but SearchBy Phone searches by it",
        Documented(UPSERT_LEAD_PAGE),
        Observed(
            f"{CHATWOOT_LEADS}: it retries with SearchBy Phone on a duplicate, 'a duplicate "
            "mobile number match that the default search missed'"
        ),
        Chosen(
            "SearchBy takes EmailAddress, Phone, ProspectID or a unique field; others: 500; an "
            "empty or blank SearchBy is taken as none sent"
        ),
    ),
    behaviour(
        "lead-capture",
        WRITES,
        "Lead.Capture matches by ProspectId, then EmailAddress, then Phone (SearchBy first, "
        "unless all three are sent); a ProspectId whose lead has another email creates a lead; "
        "LeadUpdateBehavior DoNotUpdate, UpdateOnlyEmptyFields or DoNotUpdateUniqueFields",
        Documented(CAPTURE_LEAD_PAGE),
        Chosen(
            "an unknown ProspectId is no anonymous visitor here: the lead gets a new id; the "
            "answer carries Id, RelatedId (read by clients) and IsCreated (the emulator's)"
        ),
    ),
    behaviour(
        "lead-capture-duplicate",
        WRITES,
        "a Lead.Capture duplicate answers 500 like the other lead writes",
        Observed(CAPTURE_DUPLICATE_LIVE),
        Chosen("200 with Status Error was seen too", "capture_duplicate_status"),
    ),
    behaviour(
        "lead-events",
        WRITES,
        "lead writes record no trigger event",
        NotEmulated("the Update page says lead automations only run with postUpdatedLead=true"),
    ),
    behaviour(
        "lead-lookups",
        READS,
        "Leads.GetById?id=, Leads.GetByEmailaddress?emailaddress= (any letter case) and "
        "RetrieveLeadByPhoneNumber?phone= answer an array of leads; nothing found is 200 [] "
        "and no lookup scans the tenant",
        Documented(LEAD_BY_EMAIL_PAGE),
        Observed(LEAD_CLIENTS),
    ),
    behaviour(
        "lead-by-id",
        READS,
        "GET Leads.GetById?id= answers [the lead], or 200 [] for an id the tenant does not hold",
        Observed(LEAD_BY_ID_CLIENTS),
        Chosen("the vendor's page is not public here: the shape is Get a Lead by Email's"),
    ),
    behaviour(
        "lead-by-emailaddress",
        READS,
        "GET Leads.GetByEmailaddress?emailaddress= answers the leads with that email (any letter "
        "case), or 200 []",
        Documented(LEAD_BY_EMAIL_PAGE),
    ),
    behaviour(
        "lead-by-phone",
        READS,
        "the phone lookup searches Phone and Mobile, with or without the country code; of "
        "several leads it answers the one with the most recent activity",
        Documented(LEAD_BY_PHONE_PAGE),
        Chosen("numbers match on their last ten digits; with no activity, the last modified"),
    ),
    behaviour(
        "lead-search",
        READS,
        "Leads.Get filters on Parameter (LookupName case-sensitive, SqlOperator =, LIKE, >, <, "
        "<=, >=, <>), answers Columns.Include_CSV's fields, sorts by Sorting (Direction 1 "
        "descending) and pages by PageIndex from 1 and PageSize",
        Documented(LEAD_SEARCH_PAGE),
        Observed(LEADS_GET_LIVE),
        Chosen(
            "text compares case-insensitively, LIKE's % and _ as SQL's, numbers as numbers; IN "
            "(one version of the page) takes a comma list; PageSize defaults to 100, over 1000 "
            "answers 500; Include_CSV names match in any letter case (the vendor's samples "
            "write ProspectId)"
        ),
    ),
    behaviour(
        "lead-search-operator",
        READS,
        "a SqlOperator outside the list (!= among them) answers 500 MXInvalidEntityException",
        Observed(LEADS_GET_LIVE),
    ),
    behaviour(
        "lead-quick-search",
        READS,
        "Leads.GetByQuickSearch?key= answers the leads whose first or last name, email or "
        "company holds the key (any letter case), or whose Phone or Mobile holds its digits",
        Observed(f"{LEAD_CLIENTS}; chatwoot cites {QUICK_SEARCH_PAGE}"),
        Chosen("the page's text is not public here: which fields it searches is the emulator's"),
    ),
    behaviour(
        "lead-metadata",
        READS,
        "LeadsMetaData.Get answers a row per lead field (SchemaName, DisplayName, DataType, "
        "IsMandatory, MaxLength as text, RenderTypeTextValue, IsLeadIdentifier for unique "
        "fields, Options for Select); ?schemaName= only that field's, [] for none; "
        "excludeOptionSets=1 leaves out Options",
        Documented(LEAD_METADATA_PAGE),
        Documented(LEAD_FIELD_PAGE),
        Chosen("the row's other properties (RenderType numbers, dates, owners) are left out"),
    ),
    behaviour(
        "user-record",
        USER,
        "UserByAccessKey.Get answers the key owner's record (Id, Name, PassPhrase, Role, "
        "TimeZone, OrgShortCode, ...); a seed's User changes any of it",
        Documented(USER_PAGE),
        Observed(USER_CLIENTS),
        Chosen("the emulator's own name, org and ids"),
    ),
    behaviour(
        "user-service-urls",
        USER,
        "LSQCommonServiceURLs.api, .app and .tracking are host names without a scheme that "
        "lead back to the emulator",
        Documented(USER_PAGE),
        Observed(USER_CLIENTS),
    ),
)
