"""The calls public LeadSquared clients make to the user lookup, the lead endpoints and the
activity reads beside them, as their code sends them: method, path, where the keys go, the query
and a body in their shape. Each names its client and where its code was read (a repository path,
or the code index's stored file id, as lsq_mock.catalogue.sources cites them).

Bodies keep each client's shape and keys; values, and custom fields the shipped tenant does not
define (a client's own `mx_Tracking_Number`), are the shipped seed's, so that every call is one
the tenant can answer: the point is that each reaches its endpoint, never a 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from support.leads import ARJUN, KAVYA, PRIYA, ROHAN

KeyPlace = Literal["query", "query-literal", "query-lowercase", "headers"]
"""Where a client puts its keys: `?accessKey=&secretKey=` (URL-encoded, or pasted in unencoded,
`$` and all), `?accesskey=&secretkey=` (the Capture page's own spelling), or the x-LSQ-* headers."""

CHATWOOT = "chatwoot app/services/crm/leadsquared (stored files 437624732, 52086431969, 536595805)"
PY_WRAPPER = "a Python v2 wrapper (stored file 13015124660)"
TS_CLIENT = "a TypeScript LeadSquared client (stored file 70120946927)"
TS_FORM = "a TypeScript shipment webhook (stored file 53857009976)"
PY_SCRIPT = "a Python integration script (stored file 34108029501)"
PY_FEED = "a Python activity export (stored file 14257091201)"
JS_FEED = "a JS activity sync (stored file 62600173158)"
PY_CONNECTOR = "a Python CRM connector and its tests (stored files 68526161174, 71351407624)"
SETTINGS_READER = "a TypeScript activity-type reader (stored file 69382277671)"
PHP_LIBRARY = "LeadSquared/php-library leadsquared/leadsquared.php"
WORDPRESS = "a WordPress plugin (stored file 28979955390)"
CAPTURE_PAGE = "the vendor's Capture Leads page (https://apidocs.leadsquared.com/capture-lead/)"


@dataclass(frozen=True)
class Recorded:
    """One call as a public client sends it."""

    client: str
    method: str
    path: str
    """Under /v2/, as the client writes it (a query string in it is kept, as chatwoot's)."""
    keys: KeyPlace = "query"
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path.split('?')[0]} ({self.client.split(' (')[0]})"


def _pairs(**values: Any) -> list[dict[str, Any]]:
    return [{"Attribute": name, "Value": value} for name, value in values.items()]


CHATWOOT_CONTACT = _pairs(
    FirstName="Leela",
    LastName="Menon",
    EmailAddress="leela.menon@example.com",
    Mobile="+91-9333300001",
    Source="Chatwoot",
)
NOVEMBER = {"FromDate": "2026-11-01 00:00:00", "ToDate": "2026-11-30 23:59:59"}

TRAFFIC: tuple[Recorded, ...] = (
    # The user lookup: the first call of chatwoot's setup and of the Python wrapper.
    Recorded(CHATWOOT, "GET", "Authentication.svc/UserByAccessKey.Get", keys="headers"),
    Recorded(PY_WRAPPER, "GET", "Authentication.svc/UserByAccessKey.Get"),
    Recorded(WORDPRESS, "GET", "Authentication.svc/UserByAccessKey.Get", keys="query-literal"),
    # chatwoot: look the contact up, create or update it (retried with SearchBy), post on it.
    Recorded(
        CHATWOOT,
        "GET",
        "LeadManagement.svc/Leads.GetByQuickSearch",
        keys="headers",
        query={"key": "leela.menon@example.com"},
    ),
    Recorded(
        CHATWOOT, "POST", "LeadManagement.svc/Lead.CreateOrUpdate", "headers", {}, CHATWOOT_CONTACT
    ),
    Recorded(
        CHATWOOT,
        "POST",
        "LeadManagement.svc/Lead.CreateOrUpdate",
        "headers",
        {},
        [*CHATWOOT_CONTACT, {"Attribute": "SearchBy", "Value": "Phone"}],
    ),
    Recorded(
        CHATWOOT,
        "POST",
        f"LeadManagement.svc/Lead.Update?leadId={ROHAN}",
        "headers",
        {},
        _pairs(FirstName="Rohan", Source="Chatwoot"),
    ),
    Recorded(
        CHATWOOT,
        "POST",
        "ProspectActivity.svc/Create",
        "headers",
        {},
        {
            "RelatedProspectId": ROHAN,
            "ActivityEvent": 203,
            "ActivityNote": "Conversation started on the website",
        },
    ),
    # The Python wrapper: every lead call, keys in the query string.
    Recorded(
        PY_WRAPPER,
        "POST",
        "LeadManagement.svc/Lead.Create",
        body=_pairs(
            EmailAddress="john.smith@example.com",
            FirstName="John",
            LastName="Smith",
            Phone="8888888888",
            mx_City="Bangalore",
        ),
    ),
    Recorded(
        PY_WRAPPER,
        "POST",
        "LeadManagement.svc/Lead.Capture",
        body=_pairs(
            FirstName="Bret",
            LastName="Lee",
            EmailAddress="bret.lee@example.com",
            Phone="8888888801",
            SearchBy="Phone",
        ),
    ),
    Recorded(
        PY_WRAPPER,
        "POST",
        "LeadManagement.svc/Lead.CreateOrUpdate",
        body=_pairs(
            EmailAddress="john.smith@acmeconsulting.co",
            FirstName="John",
            Phone="+919845098450",
            SearchBy="EmailAddress",
        ),
    ),
    Recorded(
        PY_WRAPPER,
        "POST",
        "LeadManagement.svc/Lead.Update",
        query={"leadid": KAVYA},
        body=_pairs(Phone="9999999999", mx_City="London"),
    ),
    Recorded(PY_WRAPPER, "GET", "LeadManagement.svc/LeadsMetaData.Get"),
    Recorded(
        PY_WRAPPER, "GET", "LeadManagement.svc/LeadsMetaData.Get", query={"schemaName": "mx_City"}
    ),
    Recorded(PY_WRAPPER, "GET", "LeadManagement.svc/Leads.GetById", query={"id": PRIYA}),
    Recorded(
        PY_WRAPPER,
        "GET",
        "LeadManagement.svc/Leads.GetByEmailaddress",
        query={"emailaddress": "priya.sharma@example.com"},
    ),
    Recorded(
        PY_WRAPPER,
        "GET",
        "LeadManagement.svc/RetrieveLeadByPhoneNumber",
        query={"phone": "9876543210"},
    ),
    Recorded(
        PY_WRAPPER, "GET", "LeadManagement.svc/Leads.GetByQuickSearch", query={"key": "Sharma"}
    ),
    Recorded(
        PY_WRAPPER,
        "POST",
        "LeadManagement.svc/Leads.Get",
        body={
            "Parameter": {
                "LookupName": "CreatedOn",
                "LookupValue": "2015-01-01 14:36:59",
                "SqlOperator": ">",
            },
            "Columns": {"Include_CSV": "ProspectID, FirstName, LastName, EmailAddress"},
            "Sorting": {"ColumnName": "CreatedOn", "Direction": "1"},
            "Paging": {"PageIndex": 1, "PageSize": 100},
        },
    ),
    # A TypeScript client: the same calls, typed, with its own defaults.
    Recorded(TS_CLIENT, "GET", "LeadManagement.svc/Leads.GetById", query={"id": ARJUN}),
    Recorded(
        TS_CLIENT,
        "GET",
        "LeadManagement.svc/Leads.GetByEmailaddress",
        query={"emailaddress": "arjun.mehta@example.com"},
    ),
    Recorded(
        TS_CLIENT,
        "GET",
        "LeadManagement.svc/RetrieveLeadByPhoneNumber",
        query={"phone": "+919123456780"},
    ),
    Recorded(TS_CLIENT, "GET", "LeadManagement.svc/Leads.GetByQuickSearch", query={"key": "Arjun"}),
    Recorded(
        TS_CLIENT,
        "POST",
        "LeadManagement.svc/Leads.Get",
        body={"Parameter": {"LookupName": "ProspectStage", "LookupValue": "Prospect"}},
    ),
    Recorded(
        TS_CLIENT,
        "POST",
        "LeadManagement.svc/Lead.Create",
        body=_pairs(EmailAddress="ts.lead@example.com", FirstName="Typed"),
    ),
    Recorded(
        TS_CLIENT,
        "POST",
        "LeadManagement.svc/Lead.Update",
        query={"leadId": ARJUN},
        body=_pairs(ProspectStage="Opportunity"),
    ),
    Recorded(
        TS_CLIENT,
        "POST",
        "LeadManagement.svc/Lead.CreateOrUpdate",
        query={"postUpdatedLead": "true", "searchBy": "EmailAddress"},
        body=_pairs(EmailAddress="ts.lead@example.com", Company="Typed Ltd"),
    ),
    Recorded(
        TS_CLIENT,
        "POST",
        "ProspectActivity.svc/RetrieveRecentlyModified",
        body={"Parameter": NOVEMBER},
    ),
    Recorded(TS_CLIENT, "GET", "LeadManagement.svc/LeadsMetaData.Get"),
    # Web-form and webhook code: Capture, by the page's own lower-case key names, and back.
    Recorded(
        TS_FORM,
        "POST",
        "LeadManagement.svc/Lead.Capture",
        body=_pairs(Phone="9333300002", mx_City="Pune"),
    ),
    Recorded(
        TS_FORM, "GET", "LeadManagement.svc/Leads.GetByQuickSearch", query={"key": "9333300002"}
    ),
    Recorded(
        CAPTURE_PAGE,
        "POST",
        "LeadManagement.svc/Lead.Capture",
        keys="query-lowercase",
        query={"LeadUpdateBehavior": "DoNotUpdate"},
        body=_pairs(FirstName="Form", EmailAddress="form.fill@example.com"),
    ),
    Recorded(PHP_LIBRARY, "GET", "LeadManagement.svc/Leads.GetById", query={"id": KAVYA}),
    Recorded(
        PY_SCRIPT,
        "GET",
        "LeadManagement.svc/Leads.GetById",
        keys="query-literal",
        query={"id": ROHAN},
    ),
    # The activity reads beside the leads.
    Recorded(
        PY_FEED,
        "POST",
        "ProspectActivity.svc/CustomActivity/RetrieveByActivityEvent",
        body={
            "Parameter": {**NOVEMBER, "ActivityEvent": 201, "IncludeCustomFields": 1},
            "Paging": {"PageIndex": 1, "PageSize": 1000},
            "Sorting": {"ColumnName": "CreatedOn", "Direction": 1},
        },
    ),
    Recorded(
        JS_FEED,
        "POST",
        "ProspectActivity.svc/CustomActivity/RetrieveByActivityEvent",
        body={
            "Parameter": {"ActivityEvent": 202, **NOVEMBER},
            "Paging": {"PageIndex": 1, "PageSize": 100},
            "Sorting": {"ColumnName": "ModifiedOn", "Direction": 1},
        },
    ),
    Recorded(
        PY_CONNECTOR,
        "POST",
        "ProspectActivity.svc/CustomActivity/RetrieveByActivityEvent",
        body={"Parameter": {**NOVEMBER, "ActivityEvent": 203}},
    ),
    Recorded(
        SETTINGS_READER,
        "GET",
        "ProspectActivity.svc/CustomActivity/GetActivitySetting",
        query={"code": "201"},
    ),
    Recorded(
        TS_CLIENT,
        "POST",
        "ProspectActivity.svc/RetrieveRecentlyModified",
        body={
            "Parameter": {"FromDate": "2017-01-01 00:00:00", "ToDate": "2026-12-31 23:59:59"},
            "Paging": {"PageIndex": 1, "PageSize": 20},
            "Sorting": {"ColumnName": "CreatedOn", "Direction": 1},
        },
    ),
)
"""Every call, in an order one tenant can answer (later calls may find what earlier ones made)."""
