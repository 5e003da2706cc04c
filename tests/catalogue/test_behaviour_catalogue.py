"""The behaviour catalogue: one list, each entry resting on the ledger and the rules, its
endpoints the app's own routes, its 400 causes those the request schemas can give."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import create_app
from lsq_mock.catalogue import rules
from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS, GROUPS
from lsq_mock.catalogue.endpoints import ENDPOINTS, Endpoint
from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.contract.fields import DATA_TYPES
from lsq_mock.contract.schemaset import shipped_schemas
from support.routes import served_rules

REQUEST_SCHEMAS = {
    "bulk-update": "bulk-update-request",
    "bulk-add": "bulk-add-request",
    "create": "create-activity-request",
    "update": "activity-update-request",
    "retrieve": "retrieve-activities-request",
    "create-type": "create-type-request",
    "retrieve-by-event": "activity-feed-request",
    "retrieve-recently-modified": "activity-feed-request",
    "lead-create": "lead-write-request",
    "lead-update": "lead-write-request",
    "lead-create-or-update": "lead-write-request",
    "lead-capture": "lead-write-request",
    "lead-search": "lead-search-request",
}
"""The schema each endpoint with a body checks it against."""
KEYWORDS = {
    "type",
    "required",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "enum",
}
"""The JSON Schema keywords a refused body's rule can name."""


def test_each_behaviour_has_a_unique_id_a_hint_and_one_way_to_be_seen() -> None:
    ids = [b.id for b in BEHAVIOURS]

    assert len(ids) == len(set(ids))
    for behaviour in BEHAVIOURS:
        assert behaviour.title and behaviour.hint, behaviour.id
        assert (behaviour.in_call is None) != (behaviour.in_write is None), behaviour.id
        assert behaviour.endpoint in GROUPS, behaviour.id


def test_each_behaviour_rests_on_ledger_entries_and_catalogued_rules() -> None:
    ledger = {entry.id for entry in LEDGER}

    for behaviour in BEHAVIOURS:
        assert behaviour.ledger, behaviour.id
        assert set(behaviour.ledger) <= ledger, behaviour.id
        if behaviour.rule is not None:
            assert rules.rule_of(behaviour.rule) is not None, behaviour.id


def test_the_issues_list_is_there_for_every_endpoint() -> None:
    ids = {b.id for b in BEHAVIOURS}

    for e in ENDPOINTS:
        wanted = {f"{e.id}/{name}" for name in ("200", "401", "404", "429-account")}
        wanted |= {f"{e.id}/{kind}" for kind in ("500-injected", "drop", "truncate")}
        if e.bulk:
            wanted |= {f"{e.id}/{n}" for n in ("429-bulk", "batch-1", "batch-2-24", "batch-25")}
            wanted |= {f"{e.id}/failed-row/{rule}" for rule in e.logical}
        else:
            wanted |= {f"{e.id}/500-logical/{rule}" for rule in e.logical}
        wanted |= {f"{e.id}/400/{rule}" for rule in e.refused}
        assert wanted <= ids, sorted(wanted - ids)
    api_wide = {b.id for b in BEHAVIOURS if b.endpoint == API_WIDE}
    assert {"keys/query", "keys/headers", "validate-dropdowns/query"} <= api_wide
    assert {"validate-dropdowns/row", "404/unknown-path"} <= api_wide
    assert {f"data-type/{data_type}" for data_type in DATA_TYPES} <= api_wide


def test_the_endpoints_are_the_apps_routes() -> None:
    served = {
        (method, rule.rule)
        for rule in served_rules(create_app())
        if rule.rule.startswith("/v2/")
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }

    assert {(e.method, e.path) for e in ENDPOINTS} == served


def _keywords(doc: dict[str, Any], node: Any, found: set[str], seen: set[str]) -> None:
    """The keywords `node` of `doc` holds, following $refs (but not unreferenced $defs)."""
    if isinstance(node, list):
        for item in node:
            _keywords(doc, item, found, seen)
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "$defs":
            continue
        if key == "anyOf":
            found.add("required")  # the emulator's only anyOf asks for one key or another
        if key in KEYWORDS:
            found.add(key)
        if key == "$ref":
            if value not in seen:
                seen.add(value)
                target_doc, target = _resolve(doc, value)
                _keywords(target_doc, target, found, seen)
        else:
            _keywords(doc, value, found, seen)


def _resolve(doc: dict[str, Any], ref: str) -> tuple[dict[str, Any], Any]:
    file, _, pointer = ref.partition("#")
    target_doc = shipped_schemas().schema(file.removesuffix(".schema.json")) if file else doc
    node: Any = target_doc
    for part in filter(None, pointer.split("/")):
        node = node[part]
    return target_doc, node


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_each_400_cause_is_one_its_request_schema_can_give(endpoint: Endpoint) -> None:
    listed = {rule.removeprefix(f"{rules.REQUEST}:") for rule in endpoint.refused}
    schema = REQUEST_SCHEMAS.get(endpoint.id)
    if schema is None:
        assert listed == set(), "an endpoint without a body refuses none"
        return
    found: set[str] = set()
    document = shipped_schemas().schema(schema)
    _keywords(document, document, found, set())

    assert listed == found | {"content-type", "json"}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_an_endpoints_rules_answer_as_its_entries_say(endpoint: Endpoint) -> None:
    for rule_id in endpoint.logical:
        assert rules.rule_of(rule_id).outcome is rules.Outcome.LOGICAL, rule_id
    for rule_id in endpoint.refused:
        assert rules.rule_of(rule_id).outcome is rules.Outcome.REFUSED, rule_id


def test_every_data_type_of_the_type_schema_is_covered() -> None:
    field = shipped_schemas().schema("activity-type")["$defs"]["field"]
    enum = field["properties"]["DataType"]["enum"]

    assert set(DATA_TYPES) == {*enum, "Status", "Owner"}
