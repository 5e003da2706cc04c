"""The activity endpoints' paths, calls with the tenant's keys, and checks the tests share."""

from __future__ import annotations

from typing import Any

import requests
from conftest import BULK_UPDATE, Running

from lsq_mock.schemaset import shipped_schemas

PREFIX = "/v2/ProspectActivity.svc"
CREATE = f"{PREFIX}/Create"
BULK_ADD = f"{PREFIX}/Bulk/CustomActivity/Add/ByLeadId"
UPDATE = f"{PREFIX}/CustomActivity/Update"
RETRIEVE = f"{PREFIX}/Retrieve"
DETAILS = f"{PREFIX}/GetActivityDetails"
TYPES = f"{PREFIX}/ActivityTypes.Get"

# (method, path, a body the route accepts): every emulated route, for the checks all share.
ROUTES = [
    ("POST", BULK_UPDATE, [{"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b"}]),
    ("POST", CREATE, {"RelatedProspectId": "lead-1", "ActivityEvent": 203}),
    ("POST", BULK_ADD, [{"RelatedProspectId": "lead-1", "ActivityEvent": 203}]),
    ("POST", UPDATE, {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b"}),
    ("POST", RETRIEVE, {}),
    ("GET", DETAILS, None),
    ("GET", TYPES, None),
]

SEEDED_LEAD = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
SEEDED_DEMO = "bb9205fd-81b8-4d44-bf74-26f90e11790b"  # Product Demo (203), 2016-09-01 09:30:00
SEEDED_VISIT = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"  # Site Visit (201), 2026-11-20 10:45:00


def post(running: Running, path: str, body: Any, **params: str) -> requests.Response:
    """POST `body` as JSON to `path` with the keys in the query string."""
    return running.http.post(running.url + path, params={**running.keys, **params}, json=body)


def get(running: Running, path: str, **params: str) -> requests.Response:
    """GET `path` with the keys and `params` in the query string."""
    return running.http.get(running.url + path, params={**running.keys, **params})


def schema_problems(schema: str, body: Any) -> list[str]:
    """Why `body` does not conform to the shipped schema `schema` (empty when it does)."""
    return [v.message for v in shipped_schemas().violations(schema, body, "response")]


def envelope(response: requests.Response) -> tuple[int, str]:
    """The status and ExceptionType of an error answer, after checking its body is the envelope."""
    body = response.json()
    problems = schema_problems("error", body)
    if problems:
        raise AssertionError(f"not the LeadSquared error envelope ({problems}): {body}")
    return response.status_code, body["ExceptionType"]


def last_exchange(running: Running) -> dict[str, Any]:
    """The journal's newest entry."""
    return running.emulator.journal.entries()[-1]


def contract(running: Running) -> list[tuple[str, str]]:
    """(path, rule) of each contract violation of the newest exchange."""
    return [(v["path"], v["rule"]) for v in last_exchange(running)["contract"]]
