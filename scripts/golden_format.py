"""The golden file format, defined once: what a case holds, and how its file is written.

A golden file is one exchange: `name` (its status first, e.g. `200-create`), `description`, an
optional `setup` (`rate_limit` with `calls_before`, `max_body_bytes`, or a `fault`), the
`request` (method, path, query, headers, and `body` as JSON or `body_text` as raw text), the exact
`response` (status, Content-Type, body), the violations journaled (`contract`) and, when the
answer holds ids the emulator makes up on each call, `generated`: the JSON paths of those values
(`$.Message.Id`, `$.Response[0].ProspectActivityId`). Each is a fresh UUID, shown in the body as
GENERATED; a replay checks it is a UUID and compares the rest exactly.
"""

from __future__ import annotations

import json
from typing import Any

from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

KEYS = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
JSON = {"Content-Type": "application/json"}
GENERATED = "(a UUID made up by the call)"
"""What a golden body holds where the answer carries a generated id (see `generated`)."""

# The records of fixtures/seed-default.json the cases name (every replay starts from that seed).
DEMO = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
VISIT = "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6"
LOAN = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
CAR_LOAN = "3c4d5e6f-7a8b-4c9d-8e0f-2a3b4c5d6e7f"
PRIYA = "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
ARJUN = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
KAVYA = "8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a"
UNKNOWN = "d4c3b2a1-0000-4000-8000-000000000000"
"""An id the seed does not hold."""

Violation = tuple[str, str, int | None]
"""A violation the journal must hold: (path, rule, row)."""


def case(
    name: str,
    description: str,
    body: Any = None,
    *,
    path: str,
    answer: Any,
    contract: list[Violation],
    method: str = "POST",
    text: str | None = None,
    query: dict[str, str] | None = None,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    setup: dict[str, Any] | None = None,
    generated: list[str] | None = None,
) -> dict[str, Any]:
    """A golden case: its request, and the answer and violations expected (status: the name's).
    `query` replaces the keys in the query string; `params` are sent after them."""
    request: dict[str, Any] = {
        "method": method,
        "path": path,
        "query": {**(KEYS if query is None else query), **(params or {})},
        "headers": (JSON if method == "POST" else {}) if headers is None else headers,
    }
    if text is not None:
        request["body_text"] = text
    elif body is not None:
        request["body"] = body
    built: dict[str, Any] = {"name": name, "description": description}
    if setup:
        built["setup"] = setup
    built["request"] = request
    built["response"] = {"status": int(name[:3]), "headers": JSON, "body": answer}
    built["contract"] = [{"path": at, "rule": rule, "row": row} for at, rule, row in contract]
    if generated:
        built["generated"] = generated
    return built


def error(exception_type: str, message: str) -> dict[str, Any]:
    """The error envelope."""
    return {"Status": "Error", "ExceptionType": exception_type, "ExceptionMessage": message}


def render(golden: dict[str, Any]) -> str:
    """The golden file's text for `golden`."""
    return json.dumps(golden, indent=2) + "\n"
