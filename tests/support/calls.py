"""Calls of the emulated API with the tenant's keys, and what the tests read back from them."""

from __future__ import annotations

import json
from typing import Any

import requests

from lsq_mock.api.guard import CLIENT_HEADER
from lsq_mock.contract.schemaset import shipped_schemas
from support.paths import (
    ACTIVITY_SETTING,
    BULK_ADD,
    BULK_UPDATE,
    BY_EVENT,
    CREATE,
    CREATE_TYPE,
    DETAILS,
    LEAD_BY_EMAIL,
    LEAD_BY_ID,
    LEAD_BY_PHONE,
    LEAD_CAPTURE,
    LEAD_CREATE,
    LEAD_METADATA,
    LEAD_QUICK_SEARCH,
    LEAD_SEARCH,
    LEAD_UPDATE,
    LEAD_UPSERT,
    RECENTLY_MODIFIED,
    RETRIEVE,
    TYPES,
    UPDATE,
    USER,
)
from support.running import Running
from support.seeded import DEMO, LEAD

JSON = {"Content-Type": "application/json"}
"""The header of a body sent as JSON."""
ADMIN_CLIENT = {CLIENT_HEADER: "tests"}
"""What a body-less admin DELETE sends to show it is no cross-site form."""

ROUTES = [
    ("POST", BULK_UPDATE, [{"ProspectActivityId": DEMO}]),
    ("POST", CREATE, {"RelatedProspectId": LEAD, "ActivityEvent": 203}),
    ("POST", BULK_ADD, [{"RelatedProspectId": LEAD, "ActivityEvent": 203}]),
    ("POST", UPDATE, {"ProspectActivityId": DEMO}),
    ("POST", RETRIEVE, {}),
    ("GET", DETAILS, None),
    ("GET", TYPES, None),
    ("POST", CREATE_TYPE, {"ActivityEventName": "Route check"}),
    ("POST", BY_EVENT, {"Parameter": {"ActivityEvent": 201}}),
    ("POST", RECENTLY_MODIFIED, {"Parameter": {"FromDate": "2026-01-01", "ToDate": "2027-01-01"}}),
    ("GET", ACTIVITY_SETTING, None),
    ("GET", USER, None),
    ("POST", LEAD_CREATE, [{"Attribute": "EmailAddress", "Value": "route@example.com"}]),
    ("POST", LEAD_UPDATE, [{"Attribute": "FirstName", "Value": "Route"}]),
    ("POST", LEAD_UPSERT, [{"Attribute": "EmailAddress", "Value": "route@example.com"}]),
    ("POST", LEAD_CAPTURE, [{"Attribute": "EmailAddress", "Value": "route@example.com"}]),
    ("GET", LEAD_BY_ID, None),
    ("GET", LEAD_BY_EMAIL, None),
    ("GET", LEAD_BY_PHONE, None),
    ("GET", LEAD_QUICK_SEARCH, None),
    ("POST", LEAD_SEARCH, {"Parameter": {"LookupName": "FirstName", "LookupValue": "Priya"}}),
    ("GET", LEAD_METADATA, None),
]
"""(method, path, a body the route accepts): every emulated route, for the checks all share."""


def post(running: Running, path: str, body: Any, **params: str) -> requests.Response:
    """POST `body` as JSON to `path` with the keys in the query string."""
    return running.http.post(running.url + path, params={**running.keys, **params}, json=body)


def get(running: Running, path: str, **params: str) -> requests.Response:
    """GET `path` with the keys and `params` in the query string."""
    return running.http.get(running.url + path, params={**running.keys, **params})


def post_raw(
    running: Running,
    data: bytes | str,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
) -> requests.Response:
    """POST an exact body to the bulk endpoint with the tenant's keys in the query string."""
    return running.http.post(
        running.url + BULK_UPDATE,
        params={**running.keys, **(params or {})},
        data=data.encode() if isinstance(data, str) else data,
        headers=headers or {},
    )


def post_json_text(running: Running, body: Any) -> requests.Response:
    """POST `body` serialised to JSON with an explicit application/json content type."""
    return post_raw(running, json.dumps(body), JSON)


def snapshot(running: Running) -> list[dict[str, Any]]:
    """Every stored activity (deep copies), to compare before and after a request."""
    return running.emulator.store.activities()


def row(activity_id: str, *fields: tuple[str, Any], **extra: Any) -> dict[str, Any]:
    """A bulk row for `activity_id` with `(SchemaName, Value)` fields."""
    return {
        "ProspectActivityId": activity_id,
        "Fields": [{"SchemaName": name, "Value": value} for name, value in fields],
        **extra,
    }


def schema_problems(schema: str, body: Any) -> list[str]:
    """Why `body` does not conform to the shipped schema `schema` (empty when it does)."""
    return [v.message for v in shipped_schemas().violations(schema, body, "response")]


def last_exchange(running: Running) -> dict[str, Any]:
    """The journal's newest entry."""
    return running.emulator.journal.entries()[-1]


def contract(running: Running) -> list[tuple[str, str]]:
    """(path, rule) of each contract violation of the newest exchange."""
    return [(v["path"], v["rule"]) for v in last_exchange(running)["contract"]]
