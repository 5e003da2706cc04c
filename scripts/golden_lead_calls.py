"""What the lead goldens share: the paths they call, the exception types they expect, a GET case.

The paths are those of the vendor's pages (LeadManagement.svc, the user lookup, and the activity
reads beside the lead endpoints); scripts/golden_lead_writes.py and scripts/golden_lead_reads.py
build their cases from them.
"""

from __future__ import annotations

from typing import Any

from scripts.golden_format import case

LEADS = "/v2/LeadManagement.svc"
USER = "/v2/Authentication.svc/UserByAccessKey.Get"
CREATE, UPDATE = f"{LEADS}/Lead.Create", f"{LEADS}/Lead.Update"
UPSERT, CAPTURE = f"{LEADS}/Lead.CreateOrUpdate", f"{LEADS}/Lead.Capture"
BY_ID, BY_EMAIL = f"{LEADS}/Leads.GetById", f"{LEADS}/Leads.GetByEmailaddress"
BY_PHONE, QUICK = f"{LEADS}/RetrieveLeadByPhoneNumber", f"{LEADS}/Leads.GetByQuickSearch"
SEARCH, METADATA = f"{LEADS}/Leads.Get", f"{LEADS}/LeadsMetaData.Get"
ACTIVITIES = "/v2/ProspectActivity.svc"
BY_EVENT = f"{ACTIVITIES}/CustomActivity/RetrieveByActivityEvent"
RECENT = f"{ACTIVITIES}/RetrieveRecentlyModified"
SETTING = f"{ACTIVITIES}/CustomActivity/GetActivitySetting"

ENTITY = "MXInvalidEntityException"
INVALID = "MXInvalidInputException"
DUPLICATE = "MXDuplicateEntryException"
MANDATORY = "MXMandatoryAttributeMissingException"


def get(name: str, description: str, path: str, answer: Any, **kwargs: Any) -> dict[str, Any]:
    """A golden case of a GET (no body; the keys and `params` in the query)."""
    return case(name, description, method="GET", path=path, answer=answer, **kwargs)
