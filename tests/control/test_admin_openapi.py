"""schemas/openapi.json is a valid OpenAPI document that describes every /_mock/ route served."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lsq_mock import create_app
from lsq_mock.api.inspector import UI_PATH
from support.routes import served_rules

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
OPENAPI = SCHEMAS / "openapi.json"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def document() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text())


def normalized(path: str) -> str:
    """`/_mock/activities/<activity_id>` and `/_mock/activities/{activityId}` alike."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path)


def served_admin_routes() -> dict[str, set[str]]:
    routes: dict[str, set[str]] = {}
    for rule in served_rules(create_app()):
        if rule.rule.startswith("/_mock/"):
            methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
            routes.setdefault(normalized(rule.rule), set()).update(methods)
    return routes


def documented_admin_routes() -> dict[str, set[str]]:
    return {
        normalized(path): set(item) & HTTP_METHODS
        for path, item in document()["paths"].items()
        if path.startswith("/_mock/")
    }


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def test_every_served_admin_route_is_documented_with_its_methods() -> None:
    served = served_admin_routes()

    assert served, "the app serves /_mock/ routes"
    assert documented_admin_routes() == served


def test_admin_operations_are_tagged_and_take_the_optional_admin_token_but_health() -> None:
    doc = document()
    schemes = doc["components"]["securitySchemes"]

    assert schemes["adminToken"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-LSQ-Mock-Token",
        "description": schemes["adminToken"]["description"],
    }
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method not in HTTP_METHODS:
                continue
            admin = path.startswith("/_mock/")
            assert ("control plane" in operation["tags"]) is admin, (path, method)
            if path == "/_mock/health":
                assert operation["security"] == [{}], "the readiness probe needs no token"
                assert "401" not in operation["responses"]
            elif admin:
                assert {} in operation["security"], f"{method} {path}: the token is optional"
                assert "403" in operation["responses"], f"{method} {path}: foreign Host"
            if admin and not path.startswith(UI_PATH) and path != "/_mock/health":
                assert {"adminToken": []} in operation["security"], (path, method)
                assert "401" in operation["responses"], (path, method)


@pytest.mark.parametrize(
    ("path", "method", "schema"),
    [
        ("/_mock/seed", "post", "seed.schema.json"),
        ("/_mock/reset", "post", "admin-reset.schema.json"),
        ("/_mock/config", "patch", "admin-config.schema.json"),
        ("/_mock/faults", "post", "admin-faults.schema.json"),
        ("/_mock/clock", "post", "admin-clock.schema.json"),
    ],
)
def test_admin_request_bodies_refer_to_their_schema_files(
    path: str, method: str, schema: str
) -> None:
    operation = document()["paths"][path][method]

    body_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body_schema == {"$ref": schema}
    assert "400" in operation["responses"]


def test_the_admin_schema_files_are_referenced() -> None:
    files = {ref.partition("#")[0] for ref in refs(document()) if not ref.startswith("#")}

    assert {
        "admin-config.schema.json",
        "admin-faults.schema.json",
        "admin-clock.schema.json",
        "admin-reset.schema.json",
        "seed.schema.json",
        "journal-entry.schema.json",
        "journal-summary.schema.json",
        "event.schema.json",
        "activity.schema.json",
        "activity-type.schema.json",
        "fault.schema.json",
    } <= files
