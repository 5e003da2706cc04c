"""Helpers shared by the core tests: seeded ids, the error envelope, raw HTTP posts."""

from __future__ import annotations

import json
from typing import Any

import requests
from conftest import BULK_UPDATE, Running

DEMO = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
"""Product Demo (203): String, Number, String, DateTime, String."""
VISIT = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"
"""Site Visit (201): every field type of the seed is set."""
VISIT_2 = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
"""Site Visit (201) with only two fields set."""
LOAN = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
"""Loan Application (202)."""
LOAN_2 = "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f"
"""Loan Application (202) without note."""
ALL_IDS = (DEMO, VISIT, VISIT_2, LOAN, LOAN_2)
FAKE_START_UTC = "2027-01-15 08:00:00"
"""What the conftest FakeTime (1_800_000_000) reads as UTC."""


def assert_envelope(response: requests.Response, status: int, exception_type: str) -> str:
    """Check status, JSON content type and the exact three-key envelope; return the message."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert list(body) == ["Status", "ExceptionType", "ExceptionMessage"]
    assert body["Status"] == "Error"
    assert body["ExceptionType"] == exception_type
    assert isinstance(body["ExceptionMessage"], str) and body["ExceptionMessage"]
    assert "Traceback" not in response.text
    return body["ExceptionMessage"]


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
    return post_raw(running, json.dumps(body), {"Content-Type": "application/json"})


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
