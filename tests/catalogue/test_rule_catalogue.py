"""The rule catalogue is the one list of violation rules: every rule the emulator journals is in
it, every invalid-payload kind names its rule there, and expect_violations reads it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from faker import Faker

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.rules import RULES, resolve, rule_for_kind, rule_of
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.factories import INVALID_KINDS, fake_tenant, invalid_payload
from lsq_mock.resources import default_seed_path, load_json
from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE
from support.running import Running

pytest_plugins = ["pytester"]

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
    "const",
    "anyOf",
    "additionalProperties",
    "unevaluatedProperties",
}
"""The JSON Schema keywords that can refuse a value."""
REQUESTS = (
    "bulk-update",
    "create-activity",
    "bulk-add",
    "activity-update",
    "retrieve-activities",
    "create-type",
)


def _keywords(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in KEYWORDS and not (
                key in ("additionalProperties", "unevaluatedProperties") and value is not False
            ):
                yield key
            yield from _keywords(value)
    elif isinstance(node, list):
        for item in node:
            yield from _keywords(item)


def _schema_rules(suffix: str, prefix: str) -> set[str]:
    documents = shipped_schemas().documents
    found = {kw for name in REQUESTS for kw in _keywords(documents[f"{name}-request{suffix}"])}
    unknown = {"additionalProperties", "unevaluatedProperties"}
    found = {rules.UNKNOWN_KEY if kw in unknown else kw for kw in found} - {"anyOf"}
    return {f"{prefix}:{kw}" for kw in found}


def test_every_keyword_a_request_schema_refuses_with_is_a_rule() -> None:
    lenient = _schema_rules("", rules.REQUEST) - {f"{rules.REQUEST}:const"}
    cataloged = {r.id for r in RULES if r.id.startswith(f"{rules.REQUEST}:")}
    assert lenient - cataloged == set()
    not_schema = {rules.CONTENT_TYPE, rules.NOT_JSON}
    assert cataloged - not_schema - lenient == set(), "a catalogued keyword no schema uses"


def test_every_keyword_only_a_strict_schema_uses_is_a_contract_rule() -> None:
    strict = _schema_rules(".strict", rules.CONTRACT)
    cataloged = {r.id for r in RULES if r.id.startswith(f"{rules.CONTRACT}:")}
    assert strict - cataloged == set()


def test_every_invalid_payload_kind_is_catalogued_once_under_the_rule_it_breaks() -> None:
    catalogued = [kind for rule in RULES for kind in rule.kinds]
    assert sorted(catalogued) == sorted(INVALID_KINDS)
    faker = Faker()
    for seed in (default_seed_path(), None):
        tenant = load_json(seed) if seed else fake_tenant(3)
        for kind in INVALID_KINDS:
            expected = invalid_payload(faker, tenant, kind).expected
            assert rule_of(expected.rule) is rule_for_kind(kind), kind


def test_every_violation_the_payload_kinds_provoke_is_catalogued(running: Running) -> None:
    faker = Faker()
    faker.seed_instance(11)
    tenant = load_json(default_seed_path())
    for kind in INVALID_KINDS:
        payload = invalid_payload(faker, tenant, kind)
        requests.post(
            running.url + BULK_UPDATE,
            params=running.keys,
            data=payload.content(),
            headers={"Content-Type": payload.content_type},
            timeout=10,
        )
    journaled = {v["rule"] for e in running.emulator.journal.entries() for v in e["contract"]}
    assert journaled and {rule for rule in journaled if rule_of(rule) is None} == set()


def test_ids_are_unique_and_every_rule_says_what_it_means() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.meaning and rule.outcome for rule in RULES)


@pytest.mark.parametrize(
    ("name", "resolved"),
    [
        ("non-string-value", "contract:type"),
        ("not-a-number", "invalid-value"),
        ("invalid-value:Number", "invalid-value:Number"),
        ("invalid-value", "invalid-value"),
        ("contract", "contract"),
        ("datetime-format", "datetime-format"),
    ],
)
def test_a_name_resolves_to_the_rule_it_means(name: str, resolved: str) -> None:
    assert resolve(name) == resolved


@pytest.mark.parametrize("name", ["non-string-vale", "invalid", "contract:typo", ""])
def test_a_name_that_is_no_rule_prefix_or_kind_is_refused_at_once(name: str) -> None:
    with pytest.raises(ValueError, match=f"unknown rule {name!r}"):
        resolve(name)


def test_expect_violations_takes_the_kind_names_of_invalid_payloads(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        test_kinds="""
        import pytest, requests

        BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"

        def test_a_number_sent_as_a_number(lsq_mock):
            row = {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b",
                   "Fields": [{"SchemaName": "mx_Custom_2", "Value": 2017}]}
            with lsq_mock.expect_violations("non-string-value") as seen:
                requests.post(lsq_mock.base_url + BULK, json=[row], timeout=5,
                              params={"accessKey": lsq_mock.access_key,
                                      "secretKey": lsq_mock.secret_key})
            assert [v["rule"] for v in seen] == ["contract:type"]

        def test_a_misspelt_name_fails_at_once(lsq_mock):
            with pytest.raises(ValueError, match="unknown rule 'non-string-vale'"):
                with lsq_mock.expect_violations("non-string-vale"):
                    pass
        """
    )
    pytester.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)
