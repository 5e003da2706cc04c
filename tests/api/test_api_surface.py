"""The served routes and the OpenAPI document agree; every route shares auth and body checks."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from lsq_mock import create_app
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import data_dir
from support.calls import ROUTES, last_exchange
from support.envelope import assert_envelope
from support.routes import served_rules
from support.running import Running
from support.seeded import LEAD

OPENAPI = data_dir("schemas") / "openapi.json"
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def served_operations() -> set[tuple[str, str]]:
    """(method, path) of every route of a fresh app outside the admin prefix."""
    return {
        (method, rule.rule)
        for rule in served_rules(create_app())
        if not rule.rule.startswith("/_mock/")
        for method in rule.methods - IGNORED_METHODS
    }


def documented_operations() -> set[tuple[str, str]]:
    """(method, path) of every operation of schemas/openapi.json outside the admin prefix."""
    paths = json.loads(OPENAPI.read_text(encoding="utf-8"))["paths"]
    return {
        (method.upper(), path)
        for path, item in paths.items()
        if not path.startswith("/_mock/")
        for method in item
    }


def test_every_served_route_is_documented_and_nothing_else_is() -> None:
    assert served_operations() == documented_operations()
    assert {(method, path) for method, path, _ in ROUTES} == served_operations()


def test_the_openapi_document_is_valid() -> None:
    spec, base_uri = read_from_filename(str(OPENAPI))
    validate(spec, base_uri=base_uri)


def references(node: Any) -> Iterator[str]:
    """Every `$ref` value inside `node`."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from [value] if key == "$ref" else references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def test_every_schema_the_openapi_document_names_is_shipped() -> None:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    named = {ref.partition("#")[0] for ref in references(document) if not ref.startswith("#")}
    shipped = {f"{name}.schema.json" for name in shipped_schemas().documents}
    assert named and named <= shipped


FIELDS = [{"SchemaName": "mx_Custom_1", "Value": "v"}, {"SchemaName": "Status", "Value": None}]
UPDATE_ROW = {
    "ProspectActivityId": "a",
    "ActivityNote": "n",
    "ValidateDropDownOptions": True,
    "Fields": FIELDS,
}
CREATE_ROW = {
    "ActivityEvent": 201,
    "RelatedProspectId": LEAD,
    "ActivityNote": "n",
    "ActivityDateTime": "2026-11-20 10:30:00",
    "Fields": FIELDS,
}
RETRIEVE = {"Parameter": {"ActivityEvent": 201}, "Paging": {"Offset": 0, "RowCount": 10}}
VALID_BODIES = [UPDATE_ROW, [UPDATE_ROW, UPDATE_ROW], CREATE_ROW, [CREATE_ROW], RETRIEVE]
ODD_VALUES = [None, True, 0, -1, 1.5, "", "x", "201", [], {}]
STRICT_SCHEMAS = sorted(name for name in shipped_schemas().documents if name.endswith(".strict"))


def places(node: Any) -> list[tuple[Any, Any]]:
    """(container, key or index) of every value inside `node`."""
    found: list[tuple[Any, Any]] = []
    keys = node.keys() if isinstance(node, dict) else range(len(node))
    for key in keys:
        found.append((node, key))
        if isinstance(node[key], dict | list):
            found.extend(places(node[key]))
    return found


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_a_body_passing_a_strict_schema_passes_its_lenient_one(data: st.DataObject) -> None:
    # The server checks only the strict schema when it passes, so each must imply its lenient one:
    # valid bodies, each changed in up to three places, are tried against every pair.
    body = copy.deepcopy(data.draw(st.sampled_from(VALID_BODIES)))
    for _ in range(data.draw(st.integers(0, 3))):
        container, key = data.draw(st.sampled_from(places(body) or [(body, None)]))
        action = data.draw(st.sampled_from(["drop", "replace", "add"]))
        if action == "drop" and key is not None:
            del container[key]
        elif action == "replace" and key is not None:
            container[key] = data.draw(st.sampled_from(ODD_VALUES))
        elif isinstance(container, dict):
            container["Extra"] = data.draw(st.sampled_from(ODD_VALUES))
    schemas = shipped_schemas()
    for strict in STRICT_SCHEMAS:
        if schemas.is_valid(strict, body):
            assert schemas.is_valid(strict.removesuffix(".strict"), body), (strict, body)


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[r[1] for r in ROUTES])
def test_a_call_without_keys_is_401_and_journaled(
    running: Running, method: str, path: str, body: Any
) -> None:
    answer = running.http.request(method, running.url + path, json=body)
    assert_envelope(answer, 401, "MXUnAuthorizedAccessException")
    exchange = last_exchange(running)
    assert (exchange["path"], exchange["status"]) == (path, 401)
    assert [v["rule"] for v in exchange["contract"]] == ["auth"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [route for route in ROUTES if route[0] == "POST"],
    ids=[r[1] for r in ROUTES if r[0] == "POST"],
)
def test_a_body_that_is_not_json_is_400(
    running: Running, method: str, path: str, body: Any
) -> None:
    answer = running.http.request(
        method,
        running.url + path,
        params={**running.keys, "leadId": "lead-1"},
        data=json.dumps(body),
        headers={"Content-Type": "text/plain"},
    )
    assert_envelope(answer, 400, "MXInvalidInputException")
    assert "Content-Type must be application/json" in answer.json()["ExceptionMessage"]
