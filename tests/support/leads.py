"""Lead write bodies and the shipped seed's leads, for the tenant's lead tests, and the calls the
HTTP tests of the lead endpoints make (each over real HTTP, with the tenant's keys)."""

from __future__ import annotations

import re
from typing import Any

import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.calls import get, post
from support.paths import LEAD_BY_EMAIL, LEAD_BY_ID, LEAD_SEARCH
from support.running import Running

PRIYA = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
"""priya.sharma@example.com, +91-9876543210, Pune."""
ARJUN = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
"""arjun.mehta@example.com, +91-9123456780, mobile +91-9123456781."""
KAVYA = "8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a"
ROHAN = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
"""rohan.das@example.com, +91-9012345678: no activities."""
UNKNOWN = "00000000-0000-4000-8000-000000000000"
GUID = re.compile(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000")
"""How a lead answer writes a timestamp (the vendor's samples: '2017-11-30 07:38:00.000')."""
DUPLICATE_EMAIL = "A Lead with same Email already exists."
DUPLICATE_PHONE = "A Lead with same Phone Number already exists."
SAMPLE_KEYS = (
    "ProspectID",
    "ProspectAutoId",
    "FirstName",
    "LastName",
    "EmailAddress",
    "Company",
    "Origin",
    "Phone",
    "Mobile",
    "Website",
    "TimeZone",
    "Source",
    "SourceMedium",
    "Notes",
    "SourceCampaign",
    "SourceContent",
    "DoNotEmail",
    "DoNotCall",
    "ProspectStage",
    "Score",
    "Revenue",
    "EngagementScore",
    "TotalVisits",
    "PageViewsPerVisit",
    "AvgTimePerVisit",
    "RelatedProspectId",
    "ProspectActivityId_Min",
    "ProspectActivityDate_Min",
    "Web_Referrer",
    "Web_RefKeyword",
    "ProspectActivityId_Max",
    "ProspectActivityName_Max",
    "ProspectActivityDate_Max",
    "RelatedLandingPageId",
    "FirstLandingPageSubmissionId",
    "FirstLandingPageSubmissionDate",
    "OwnerId",
    "CreatedBy",
    "CreatedOn",
    "ModifiedBy",
    "ModifiedOn",
    "LeadConversionDate",
    "StatusCode",
    "StatusReason",
    "IsLead",
)
"""The keys of the vendor's Get a Lead by Email sample, in its order (before its mx_* fields)."""


def pairs(**values: Any) -> list[dict[str, Any]]:
    """A lead write body: one {Attribute, Value} per keyword."""
    return [{"Attribute": name, "Value": value} for name, value in values.items()]


def unlimited() -> Settings:
    """The shipped seed with no rate limit: a test of the lead endpoints makes many calls at one
    moment of the fake clock."""
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def write(running: Running, path: str, body: Any, **params: str) -> requests.Response:
    """A lead write: `body` posted as JSON to `path`."""
    return post(running, path, body, **params)


def lead_by_id(running: Running, lead_id: str) -> dict[str, Any] | None:
    """The lead Leads.GetById answers for `lead_id`, or None for its `[]`."""
    answer = get(running, LEAD_BY_ID, id=lead_id)
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert len(found) <= 1, found
    return found[0] if found else None


def leads_by_email(running: Running, email: str) -> list[dict[str, Any]]:
    """What Leads.GetByEmailaddress answers for `email`."""
    answer = get(running, LEAD_BY_EMAIL, emailaddress=email)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


def every_lead(running: Running, *columns: str) -> list[dict[str, Any]]:
    """Every lead of the tenant, by an unfiltered Leads.Get (these columns, else all)."""
    body: dict[str, Any] = {"Paging": {"PageIndex": 1, "PageSize": 1000}}
    if columns:
        body["Columns"] = {"Include_CSV": ",".join(columns)}
    answer = post(running, LEAD_SEARCH, body)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found
