"""The key owner's user record, as Authenticate a User (UserByAccessKey.Get) answers it.

The tenant holds the record (a seed may change any key); the service hosts it names are given
by whoever answers, so a client that builds `https://{api}/v2/` keeps talking to the emulator.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lsq_mock.tenant.leads.records import DEFAULT_OWNER

SERVICE_URLS = "LSQCommonServiceURLs"

DEFAULT_USER: dict[str, Any] = {
    "Class": "1",
    "Group": "1",
    "SubRegionId": "1",
    "Id": DEFAULT_OWNER,
    "Name": "LSQ Mock Admin",
    "PassPhrase": "admin@lsq-mock.example.com",
    "Role": "Administrator",
    "EmailAddress": None,
    "SessionId": "",
    "TimeZone": "Asia/Kolkata",
    "TokenId": None,
    "Type": "ApplicationUser",
    "OrgDisplayName": "lsq-mock",
    "OrgId": "5d0c1b2a-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
    "OrgShortCode": "10001",
    "OrgUniqueName": "lsqmock",
    "DefaultCountryCode": "91",
    "Website": "lsq-mock.example.com",
    "Street1": "",
    "Street2": "",
    "City": "Bengaluru",
    "State": "Karnataka",
    "Country": "India",
    "Phone": "+91-9000000000",
    "Fax": "",
    "Zip": "",
    "AssociatedPhoneNumbers": "+91-9000000000",
    "RestrictedFeatures": None,
    "CustomerType": "LSQ - Internal",
    "Plan": None,
    "UserType": "Regular",
}
"""The record the vendor's sample shows, with the emulator's own name, org and ids: the user id
is the owner of every lead nobody else owns."""


def user_record(
    user: Mapping[str, Any], *, api_host: str, app_host: str, tracking_host: str
) -> dict[str, Any]:
    """`user` as UserByAccessKey.Get answers it, its service URLs naming these hosts (host names
    without a scheme, as live: `api-in21.leadsquared.com`, or the emulator's `127.0.0.1:8080`)."""
    record = copy.deepcopy(dict(user))
    record["MobileServiceURLs"] = {
        "ReportsURL": f"https://{app_host}/CommonServices",
        "FileUploadURL": f"https://{app_host}/File/Upload",
        "MobileNotificationURL": f"https://{app_host}/RegisterDevice.aspx",
    }
    record[SERVICE_URLS] = {"api": api_host, "app": app_host, "tracking": tracking_host}
    return record


def seeded_user(user: Mapping[str, Any], seed: Mapping[str, Any]) -> dict[str, Any]:
    """`user` with a seed's keys over it (the service URLs are never stored: hosts are given
    when the record is answered)."""
    merged = {**copy.deepcopy(dict(user)), **copy.deepcopy(dict(seed))}
    merged.pop(SERVICE_URLS, None)
    merged.pop("MobileServiceURLs", None)
    return merged
