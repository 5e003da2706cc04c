"""The lead endpoints (LeadManagement.svc), and the user lookup (Authentication.svc) a client
calls first to find its tenant's API host."""

from __future__ import annotations

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.endpoints.model import BODY_RULES, V2, Endpoint, schema_rules

PREFIX = f"{V2}/LeadManagement.svc"

_WRITE = (
    rules.UNKNOWN_ATTRIBUTE,
    rules.READ_ONLY_FIELD,
    rules.INVALID_VALUE,
    rules.MANDATORY_FIELD,
    rules.DUPLICATE_LEAD,
)
"""What refuses any lead write whole (a 500 with the envelope)."""
_WRITE_BODY = (*BODY_RULES, *schema_rules("type", "required", "minItems", "minLength"))

LEAD_ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "user-record",
        "UserByAccessKey.Get",
        "GET",
        f"{V2}/Authentication.svc/UserByAccessKey.Get",
    ),
    Endpoint(
        "lead-create",
        "Lead.Create",
        "POST",
        f"{PREFIX}/Lead.Create",
        logical=_WRITE,
        refused=_WRITE_BODY,
    ),
    Endpoint(
        "lead-update",
        "Lead.Update",
        "POST",
        f"{PREFIX}/Lead.Update",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_LEAD, *_WRITE),
        refused=_WRITE_BODY,
    ),
    Endpoint(
        "lead-create-or-update",
        "Lead.CreateOrUpdate",
        "POST",
        f"{PREFIX}/Lead.CreateOrUpdate",
        logical=(rules.SEARCH_BY, *_WRITE),
        refused=_WRITE_BODY,
    ),
    Endpoint(
        "lead-capture",
        "Lead.Capture",
        "POST",
        f"{PREFIX}/Lead.Capture",
        logical=(rules.SEARCH_BY, rules.UPDATE_BEHAVIOR, *_WRITE),
        refused=_WRITE_BODY,
    ),
    Endpoint(
        "lead-by-id",
        "Leads.GetById",
        "GET",
        f"{PREFIX}/Leads.GetById",
        logical=(rules.MANDATORY_MISSING,),
    ),
    Endpoint(
        "lead-by-emailaddress",
        "Leads.GetByEmailaddress",
        "GET",
        f"{PREFIX}/Leads.GetByEmailaddress",
        logical=(rules.MANDATORY_MISSING,),
    ),
    Endpoint(
        "lead-by-phone",
        "RetrieveLeadByPhoneNumber",
        "GET",
        f"{PREFIX}/RetrieveLeadByPhoneNumber",
        logical=(rules.MANDATORY_MISSING,),
    ),
    Endpoint(
        "lead-quick-search",
        "Leads.GetByQuickSearch",
        "GET",
        f"{PREFIX}/Leads.GetByQuickSearch",
        logical=(rules.MANDATORY_MISSING,),
    ),
    Endpoint(
        "lead-search",
        "Leads.Get",
        "POST",
        f"{PREFIX}/Leads.Get",
        logical=(rules.SEARCH_OPERATOR, rules.PAGE_SIZE),
        refused=(*BODY_RULES, *schema_rules("type", "minLength", "pattern", "minimum", "enum")),
        reads=True,
    ),
    Endpoint("lead-metadata", "LeadsMetaData.Get", "GET", f"{PREFIX}/LeadsMetaData.Get"),
)
"""The user lookup, the lead writes, the lookups and searches, then the lead fields."""
