"""The vendor's real API, as far as its pages and public clients show it: each endpoint's method,
path under `/v2/` and source. It tells a call to a real API that lsq-mock does not emulate (not
the client's fault) from a path that is no API at all (a typo, which stays `unknown-api`).

Matching is exact, in the vendor's own spelling (`Leads.GetByEmailaddress`). The live API is a
.NET WCF service (`*.svc`), whose routes usually match any case, and one public client calls
`LeadManagement.svc/createnote`; but nobody public shows a wrong-case call answered, so another
case is not taken for a vendor API: `nearest` names the spelling the client probably meant.
A path under a known service with an unknown operation (`LeadManagement.svc/Lead.Creat`) is no
vendor API either: such a path is far likelier a typo than an operation this list lacks, and a
real one found later is one more row here, not a rule.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from lsq_mock.catalogue.sources import PAGES

V2 = "/v2/"
GET = "GET"
POST = "POST"

PHP_LIBRARY = (
    "https://github.com/LeadSquared/php-library/blob/03f71697a9cd16bdee46cc44960ceaf37b4a2fcc/"
    "leadsquared/leadsquared.php"
)
"""The vendor's own PHP client: the source where no page of the endpoint was found."""
PYTHON_WRAPPER = "stored file 13015124660 (a public Python wrapper of the v2 API)"
TASK_CLIENTS = "stored files 55767060088, 14257091201, 55917531848 (public clients)"
CLIENT_SOURCES = (PHP_LIBRARY, PYTHON_WRAPPER, TASK_CLIENTS)
"""Public client code, cited where none of the vendor's pages for the endpoint was found."""


@dataclass(frozen=True)
class VendorApi:
    """One endpoint of the vendor's API."""

    service: str
    """The WCF service: `LeadManagement.svc`."""
    operation: str
    """The operation under it: `Lead.Create`, `Bulk/CustomActivity/Update`."""
    method: str
    title: str
    """The vendor page's title (or, for client evidence, what the call does)."""
    source: str
    """The vendor page's URL, or one of `CLIENT_SOURCES`."""

    @property
    def path(self) -> str:
        """The request path: `/v2/LeadManagement.svc/Lead.Create`."""
        return f"{V2}{self.service}/{self.operation}"


def _service(name: str, *rows: tuple[str, str, str, str]) -> tuple[VendorApi, ...]:
    """A service's endpoints from (method, operation, title, page slug or client source) rows."""
    return tuple(
        VendorApi(name, operation, method, title, _source(source))
        for method, operation, title, source in rows
    )


def _source(source: str) -> str:
    return source if source in CLIENT_SOURCES else f"{PAGES}/{source}"


VENDOR_APIS: tuple[VendorApi, ...] = (
    *_service(
        "Authentication.svc",
        (GET, "UserByAccessKey.Get", "Authenticate a User", "user-authentication/"),
    ),
    *_service(
        "LeadManagement.svc",
        (POST, "Lead.Create", "Create a Lead", "create-a-lead/"),
        (POST, "Lead.Update", "Update a Lead", "update-a-lead/"),
        (POST, "Lead.CreateOrUpdate", "Create or Update a Lead", "create-or-update/"),
        (POST, "Lead.Capture", "Capture Leads", "capture-lead/"),
        (POST, "Lead.Convert", "Convert a visitor to a lead", PHP_LIBRARY),
        (POST, "Lead/Bulk/Create", "Create Leads in Bulk", "create-leads-in-bulk/"),
        (
            POST,
            "Lead/Bulk/CreateOrUpdate",
            "Create or Update Leads in Bulk",
            "bulk-create-or-update/",
        ),
        (POST, "Lead/Bulk/Update", "Update leads in bulk", PYTHON_WRAPPER),
        (GET, "Lead/Delete/ById", "Delete a Lead", "lead-delete/"),
        (POST, "Lead.Merge", "Merge two leads", PYTHON_WRAPPER),
        (GET, "Leads.GetById", "Get a lead by id", PHP_LIBRARY),
        (GET, "Leads.GetByEmailaddress", "Get a Lead by Email", "get-a-lead-by-email-id/"),
        (GET, "RetrieveLeadByPhoneNumber", "Get a Lead by Phone Number", "get-lead-by-phone/"),
        (GET, "Leads.GetByQuickSearch", "Quick search of leads", PHP_LIBRARY),
        (POST, "Leads.Get", "Search Leads by Criteria", "search-by-lead-criteria/"),
        (POST, "Leads.RecentlyModified", "Get Leads by Date Range", "get-leads-by-date-range/"),
        (POST, "Leads/Retrieve/ByIds", "Get Leads in Bulk by Ids", "get-leads-in-bulk-by-ids/"),
        (POST, "Leads/Retrieve/BySearchParameter", "Get Leads in a List", "get-leads-in-a-list-2"),
        (GET, "LeadsMetaData.Get", "Get Metadata", "meta-data/"),
        (GET, "LeadOwner.Get", "Get the owner of a lead", PYTHON_WRAPPER),
        (POST, "CreateLeadField", "Create a custom lead field", PYTHON_WRAPPER),
        (POST, "LeadField/Dropdown/Options/Push", "Add dropdown options", PYTHON_WRAPPER),
        (POST, "LeadField/Dropdown/Options/Remove", "Remove dropdown options", PYTHON_WRAPPER),
        (POST, "MarkEmailInvalid", "Mark a lead's email invalid", PYTHON_WRAPPER),
        (POST, "MarkEmailValid", "Mark a lead's email valid", PYTHON_WRAPPER),
        (POST, "DeleteStageChangeHistory", "Delete stage change history", PYTHON_WRAPPER),
        (POST, "DeleteUserAssignmentChangeHistory", "Delete owner change history", PYTHON_WRAPPER),
        (POST, "CreateCustom", "Create a Lead and Activity", "create-lead-and-activity/"),
        (POST, "CreateNote", "Create a Note", "create-notes-with-attachment/"),
        (POST, "RetrieveNote", "Get a Lead's Notes", "get-all-notes-of-lead/"),
        (POST, "UpdateNote", "Update a Note", "update-note/"),
        (GET, "DeleteNote", "Delete a note", PYTHON_WRAPPER),
        (GET, "RetrieveTaskByLeadId", "Get Tasks by Lead Id", "retrieve-tasks-by-leadid/"),
        (GET, "Lists.Get", "Get All Lists", "retrieve-all-lists/"),
        (GET, "List/Retrieve/MemberCount", "Count the leads in a list", PHP_LIBRARY),
        (GET, "List.CheckLead", "Check whether a lead is in a list", PHP_LIBRARY),
        (POST, "AddLeadToStaticList", "Add a lead to a static list", PHP_LIBRARY),
    ),
    *_service(
        "LeadSegmentation.svc",
        (POST, "AddLeadsToStaticList", "Add Leads to a Static List", "add-leads-to-a-static-list/"),
        (POST, "CreateEmptyList", "Create Empty Static List", "create-empty-static-list/"),
        (
            GET,
            "RemoveLeadFromStaticList",
            "Remove a Lead from a Static List",
            "remove-lead-from-static-list/",
        ),
    ),
    *_service(
        "ProspectActivity.svc",
        (POST, "Create", "Post an Activity on a Lead", "post-an-activity-to-lead/"),
        (POST, "CustomActivity/Update", "Update an Activity", "update-activity/"),
        (
            POST,
            "Bulk/CustomActivity/Add/ByLeadId",
            "Post Activities on Leads in Bulk (Using Lead Id)",
            "post-bulk-activities-on-leads/",
        ),
        (
            POST,
            "Bulk/CustomActivity/Add/ByLeadField",
            "Post Activities on Leads in Bulk Using (Unique Lead Fields)",
            "post-activities-to-leads-in-bulk-using-unique-lead-fields/",
        ),
        (
            POST,
            "Bulk/CustomActivity/Add/ByOpportunityId",
            "Post Bulk Activities on Opportunities",
            "post-bulk-activities-on-opportunities/",
        ),
        (
            POST,
            "Bulk/CustomActivity/Update",
            "Update Activities in Bulk",
            "bulk-update-activities/",
        ),
        (POST, "Retrieve", "Get Activities of a Lead", "get-activities-of-a-lead/"),
        (
            POST,
            "RetrieveRecentlyModified",
            "Get Activities by Date Range",
            "retrieve-prospect-activities/",
        ),
        (
            POST,
            "CustomActivity/RetrieveByActivityEvent",
            "Get Activities by Activity Event",
            "bulk-retrieve-activities-by-activity-event/",
        ),
        (
            POST,
            "Activity/Retrieve/BySearchParameter",
            "Activity Advanced Search",
            "activity-advanced-search/",
        ),
        (
            POST,
            "GetLeadReferences",
            "Get Activities by Lead Reference",
            "get-activities-by-lead-reference/",
        ),
        (
            POST,
            "RetrieveActivityChange",
            "Get Activity Change History",
            "get-activity-change-history/",
        ),
        (GET, "GetActivityDetails", "Get Activity Details", "get-activity-details/"),
        (GET, "ActivityTypes.Get", "Get the list of activity types", PHP_LIBRARY),
        (
            GET,
            "CustomActivity/GetActivitySetting",
            "Get Activity Type Details",
            "get-details-of-activity-type/",
        ),
        (POST, "CreateType", "Create a Custom Activity Type", "create-new-activity-type-api/"),
        (POST, "DeleteActivities", "Delete Activities of a Lead", "delete-activities/"),
        (
            POST,
            "Attachment/Add",
            "Attach a File to a Custom or Sales Activity",
            "attach-a-file-to-activities/",
        ),
    ),
    *_service(
        "CompanyActivity.svc",
        (
            POST,
            "Retrieve",
            "Retrieve Account Activities by Account Id",
            "retrieve-account-activities-by-account-id/",
        ),
        (
            GET,
            "RetrieveById",
            "Retrieve an Account Activity by Activity Id",
            "retrieve-an-account-activity-by-activity-id/",
        ),
    ),
    *_service(
        "CompanyManagement.svc",
        (POST, "Company.Create", "Create an Account", "create-an-account/"),
        (POST, "Company.Update", "Update an Account", "update-an-account/"),
        (POST, "Company.Get", "Get an Account", "get-an-account/"),
        (GET, "Company.Delete", "Delete an Account", "delete-an-account/"),
    ),
    *_service(
        "OpportunityManagement.svc",
        (POST, "Capture", "Capture Opportunities", "capture-opportunities/"),
        (POST, "Update", "Update an Opportunity", "update-an-opportunity/"),
        (GET, "Delete", "Delete an Opportunity", "delete-an-opportunity/"),
        (GET, "GetOpportunityDetails", "Get an Opportunity by Id", "get-an-opportunity-by-id/"),
        (
            POST,
            "GetOpportunitiesOfLead",
            "Get Opportunities by Lead Id",
            "get-opportunities-by-lead-id/",
        ),
        (
            POST,
            "GetOpportunitiesById",
            "Get Opportunities in Bulk by Ids",
            "get-opportunities-in-bulk-by-ids/",
        ),
        (
            POST,
            "GetOpportunitiesByUniqueLeadField",
            "Get Opportunities by Unique Lead Field",
            "get-opportunities-by-unique-lead-field",
        ),
        (
            POST,
            "Retrieve/BySearchParameter",
            "Opportunity Advanced Search",
            "opportunity-advanced-search/",
        ),
        (
            GET,
            "IsOpportunityEnabled",
            "Check If Opportunity Feature Is Enabled",
            "check-if-opportunity-feature-is-enabled/",
        ),
    ),
    *_service(
        "Task.svc",
        (POST, "Create", "Create an Appointment", "create-task-appointment/"),
        (POST, "Bulk/Create", "Create Tasks in Bulk", "create-tasks-in-bulk/"),
        (POST, "Update", "Update a Task", "update-task/"),
        (POST, "Retrieve", "Get Tasks", "retrieve-tasks/"),
        (GET, "Retrieve.GetById", "Get a task by id", TASK_CLIENTS),
        (GET, "MarkComplete", "Mark a task complete", TASK_CLIENTS),
        (POST, "DeleteTasks", "Delete Tasks in Bulk", "delete-tasks-in-bulk/"),
        (GET, "RetrieveTaskType", "Get List of Task Types", "get-list-of-task-types-2/"),
        (
            POST,
            "RetrieveAppointments/ByUserEmailAddress",
            "Get Appointments by Email Address",
            "get-appointments-by-email-address/",
        ),
        (POST, "RetrieveAppointments/ByUserSearchCriteria", "Appointments by user", TASK_CLIENTS),
        (
            POST,
            "RetrieveAvailableSlots/ByUserEmailAddress",
            "Get Available Slots of Users by Email Address",
            "get-available-slots-of-users-by-user-email-address/",
        ),
        (POST, "RetrieveAvailableSlots/ByUserId", "Available slots of users by id", TASK_CLIENTS),
        (
            POST,
            "BulkUpdateAppointmentTime",
            "Bulk Update Appointment Timings",
            "bulk-update-appointment-timings/",
        ),
    ),
    *_service(
        "UserManagement.svc",
        (GET, "Users.Get", "Get Users", "get-users"),
        (GET, "User/Retrieve/ByUserId", "Get a User by Id", "get-user-by-id/"),
        (GET, "User/Retrieve/ByEmailAddress", "Get a User by Email Address", "?p=548"),
        (POST, "User/Create", "Create a User", "create-a-user/"),
        (POST, "User/AdvancedSearch", "User Advanced Search", "user-advanced-search/"),
    ),
    *_service(
        "SalesActivity.svc",
        (POST, "Create", "Post a Sales Activity", "post-or-add-a-sales-activity-to-a-lead/"),
        (POST, "Update", "Update a sales activity", PHP_LIBRARY),
        (GET, "RetrieveActivity", "Get a sales activity", PHP_LIBRARY),
        (GET, "RetrieveSetting", "Get Sales Activity Settings", "get-sales-activity-settings/"),
        (POST, "CreateProduct", "Create a product", PHP_LIBRARY),
        (POST, "UpdateProduct", "Update a product", PHP_LIBRARY),
        (POST, "RetrieveProducts", "Search products", PHP_LIBRARY),
        (GET, "DeleteProduct", "Delete a product", PHP_LIBRARY),
    ),
    *_service(
        "EmailMarketing.svc",
        (POST, "SendEmailToLead", "Send an Email to a Lead", "?p=1154"),
        (POST, "ScheduleEmailToLead", "Schedule an email to a lead", PHP_LIBRARY),
    ),
    *_service(
        "Webhook.svc",
        (POST, "Create", "Create a Webhook", "create-a-webhook/"),
        (POST, "Update", "Update a Webhook", "update-a-webhook/"),
        (POST, "Retrieve", "Retrieve a Webhook", "retrieve-a-webhook/"),
    ),
)
"""Every `/v2/` endpoint found on the vendor's pages (or, where no page was found, in the vendor's
own PHP client or public clients), by service. Async APIs (`asyncapi*` hosts) and portal APIs
(`portalapi*` hosts) are not under `/v2/` and are left out."""

_BY_PATH = {api.path: api for api in VENDOR_APIS}
_BY_CALL = {f"{api.service}/{api.operation}".casefold(): api for api in VENDOR_APIS}
_BY_SERVICE: dict[str, dict[str, VendorApi]] = {
    service.casefold(): {
        api.operation.casefold(): api for api in VENDOR_APIS if api.service == service
    }
    for service in dict.fromkeys(api.service for api in VENDOR_APIS)
}


def vendor_api(method: str, path: str) -> VendorApi | None:
    """The vendor API a request's method and path (no query string) call, spelt exactly as the
    vendor spells it; None for anything else, a wrong method or another case included."""
    api = _BY_PATH.get(path)
    return api if api is not None and api.method == method else None


def is_vendor_api(method: str, path: str) -> bool:
    """Whether a request calls a real vendor API (emulated or not)."""
    return vendor_api(method, path) is not None


def nearest(path: str) -> VendorApi | None:
    """The vendor API a path that is none probably meant: the same call in another case or
    without `/v2/`, else a close spelling (`Lead.Creat`); None when nothing is close. For
    messages, not for matching."""
    call = path.casefold().removeprefix(V2.casefold()).lstrip("/")
    if call in _BY_CALL:
        return _BY_CALL[call]
    service, _, operation = call.partition("/")
    # Within a known service only the operation is compared: the shared service name would
    # make every operation of that service look close.
    candidates = _BY_SERVICE.get(service)
    if candidates is not None:
        close = difflib.get_close_matches(operation, candidates, n=1, cutoff=0.85)
        return candidates[close[0]] if close else None
    close = difflib.get_close_matches(call, _BY_CALL, n=1, cutoff=0.9)
    return _BY_CALL[close[0]] if close else None
