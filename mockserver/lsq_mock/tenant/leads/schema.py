"""The tenant's lead fields: the vendor's system fields, the seed's `mx_*` custom fields, and
which fields are unique. Pure data and lookups; no lock (the store holds its own)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

LEAD_DATA_TYPES = (
    "Text",
    "Number",
    "Email",
    "Phone",
    "Website",
    "Date",
    "DateTime",
    "Time",
    "Select",
    "Boolean",
    "CustomObject",
)
"""The DataTypes a custom lead field may have: the vendor's Create a Custom Lead Field list, with
DateTime (the system timestamps) and CustomObject (a custom field set, with nested Fields)."""
GUID = "GUID"
"""The DataType of system fields holding a record id (ProspectID, OwnerId); never a custom one."""

DEFAULT_UNIQUE_FIELDS = ("EmailAddress", "Phone")
"""Unique unless the tenant says otherwise (the vendor's Create a Lead page)."""
DEFAULT_STAGE = "Prospect"
"""ProspectStage of a lead created without one (the stage the vendor's samples start from)."""


@dataclass(frozen=True)
class SystemField:
    """One system field: its schema name, display name, DataType, and whether a write may set it."""

    name: str
    display: str
    data_type: str
    writable: bool = True
    max_length: int | None = None


def _text(name: str, display: str, writable: bool = True) -> SystemField:
    return SystemField(name, display, "Text", writable, 200)


def _read_only(name: str, display: str, data_type: str = "Text") -> SystemField:
    return SystemField(name, display, data_type, writable=False)


SYSTEM_FIELDS: tuple[SystemField, ...] = (
    _read_only("ProspectID", "Lead Id", GUID),
    _read_only("ProspectAutoId", "Lead Number", "Number"),
    _text("FirstName", "First Name"),
    _text("LastName", "Last Name"),
    SystemField("EmailAddress", "Email", "Email", max_length=100),
    _text("Company", "Company"),
    _read_only("Origin", "Origin"),
    SystemField("Phone", "Phone Number", "Phone", max_length=50),
    SystemField("Mobile", "Mobile Number", "Phone", max_length=50),
    SystemField("Fax", "Fax Number", "Phone", max_length=50),
    SystemField("Website", "Website", "Website", max_length=200),
    _text("TimeZone", "Time Zone"),
    _text("Region", "Region"),
    _text("JobTitle", "Job Title"),
    _text("Source", "Lead Source"),
    _text("SourceMedium", "Source Medium"),
    SystemField("Notes", "Notes", "Text", max_length=2000),
    _text("SourceCampaign", "Source Campaign"),
    _text("SourceContent", "Source Content"),
    SystemField("DoNotEmail", "Do Not Email", "Boolean"),
    SystemField("DoNotCall", "Do Not Call", "Boolean"),
    SystemField("DoNotSMS", "Do Not SMS", "Boolean"),
    SystemField("DoNotTrack", "Do Not Track", "Boolean"),
    _text("ProspectStage", "Lead Stage"),
    _text("Grade", "Grade"),
    _read_only("Score", "Lead Score", "Number"),
    SystemField("Revenue", "Revenue", "Number"),
    _read_only("EngagementScore", "Engagement Score", "Number"),
    _read_only("TotalVisits", "Total Visits", "Number"),
    _read_only("PageViewsPerVisit", "Page Views Per Visit", "Number"),
    _read_only("AvgTimePerVisit", "Average Time Per Visit", "Number"),
    _read_only("RelatedProspectId", "Related Lead Id", GUID),
    _read_only("ProspectActivityId_Min", "First Activity Id", GUID),
    _read_only("ProspectActivityDate_Min", "First Activity Date", "DateTime"),
    _text("Web_Referrer", "Referrer", writable=False),
    _text("Web_RefKeyword", "Referrer Keyword", writable=False),
    _read_only("ProspectActivityId_Max", "Last Activity Id", GUID),
    _read_only("ProspectActivityName_Max", "Last Activity"),
    _read_only("ProspectActivityDate_Max", "Last Activity Date", "DateTime"),
    _read_only("RelatedLandingPageId", "Landing Page Id", GUID),
    _read_only("FirstLandingPageSubmissionId", "First Landing Page Submission Id", GUID),
    _read_only("FirstLandingPageSubmissionDate", "First Landing Page Submission Date", "DateTime"),
    SystemField("OwnerId", "Owner", GUID),
    _read_only("CreatedBy", "Created By", GUID),
    _read_only("CreatedOn", "Created On", "DateTime"),
    _read_only("ModifiedBy", "Modified By", GUID),
    _read_only("ModifiedOn", "Modified On", "DateTime"),
    _read_only("LeadConversionDate", "Conversion Date", "DateTime"),
    _read_only("StatusCode", "Status Code", "Number"),
    _read_only("StatusReason", "Status Reason", "Number"),
    _read_only("IsLead", "Is Lead", "Boolean"),
    _read_only("DeletionStatusCode", "Deletion Status Code", "Number"),
    _read_only("LeadLastModifiedOn", "Lead Last Modified On", "DateTime"),
    _text("SourceReferrer", "Source Referrer"),
    _text("SourceReferrerURL", "Source Referrer URL"),
    _text("SourceIPAddress", "Source IP Address"),
    _read_only("ConversionReferrerURL", "Conversion Referrer URL"),
    SystemField("Latitude", "Latitude", "Number"),
    SystemField("Longitude", "Longitude", "Number"),
)
"""The system fields in the order the vendor's Get a Lead by Email sample lists them (with the
keys its other samples add): every lead answer carries each of them."""

SYSTEM_NAMES = tuple(field.name for field in SYSTEM_FIELDS)
DEFAULT_VALUES: Mapping[str, str] = {
    "ProspectStage": DEFAULT_STAGE,
    "DoNotEmail": "0",
    "DoNotCall": "0",
    "DoNotSMS": "0",
    "DoNotTrack": "0",
    "Score": "0",
    "EngagementScore": "0",
    "StatusCode": "0",
    "StatusReason": "0",
    "IsLead": "1",
    "DeletionStatusCode": "0",
}
"""What a new lead holds unless it is given another value (the vendor's samples show these)."""
SEEDABLE = frozenset(
    ("ProspectID", "ProspectAutoId", "Score", "CreatedBy", "CreatedOn", "ModifiedBy", "ModifiedOn")
)
"""Read-only fields a seed may still set (a seed describes leads that already exist)."""


def _system_definition(field: SystemField) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "SchemaName": field.name,
        "DisplayName": field.display,
        "DataType": field.data_type,
        "IsMandatory": False,
        "IsSystem": True,
        "ReadOnly": not field.writable,
    }
    if field.max_length is not None:
        definition["MaxLength"] = field.max_length
    return definition


_SYSTEM_DEFINITIONS = {field.name: _system_definition(field) for field in SYSTEM_FIELDS}


class LeadSchema:
    """The lead fields of one tenant: system then custom, by schema name, and the unique ones."""

    def __init__(
        self,
        custom: Iterable[Mapping[str, Any]] = (),
        unique: Iterable[str] = DEFAULT_UNIQUE_FIELDS,
    ):
        self._custom: dict[str, dict[str, Any]] = {
            field["SchemaName"]: {**copy.deepcopy(dict(field)), "IsSystem": False}
            for field in custom
        }
        self._all = {**_SYSTEM_DEFINITIONS, **self._custom}
        self._folded = {name.casefold(): name for name in self._all}
        self.unique_fields: tuple[str, ...] = tuple(unique)

    @property
    def custom(self) -> list[dict[str, Any]]:
        """The custom field definitions, as the seed gave them."""
        return [
            {k: v for k, v in field.items() if k != "IsSystem"} for field in self._custom.values()
        ]

    def names(self) -> tuple[str, ...]:
        """Every column of a lead answer: the system fields, then the custom ones."""
        return tuple(self._all)

    def field(self, name: str) -> dict[str, Any] | None:
        """The definition of `name` (exact, case-sensitive: as Leads.Get's LookupName), or None."""
        return self._all.get(name)

    def resolve(self, attribute: str) -> str | None:
        """The schema name a write's Attribute names, in any letter case, or None."""
        return self._folded.get(attribute.casefold())

    def is_unique(self, name: str) -> bool:
        """Whether no two leads may share a value of `name`."""
        return name in self.unique_fields

    def with_custom(
        self, custom: Iterable[Mapping[str, Any]], unique: Iterable[str] | None
    ) -> LeadSchema:
        """This schema with `custom` fields added or redefined and, if given, `unique` fields."""
        merged = {field["SchemaName"]: field for field in self.custom}
        merged.update({field["SchemaName"]: field for field in custom})
        return LeadSchema(merged.values(), self.unique_fields if unique is None else unique)
