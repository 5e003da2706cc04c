"""The describing validator skips the array items the compiled validator passes and shows at most
SHOWN_CHARS of a value in a message: it must report what jsonschema's own validator does (each
message as far as a violation shows it), only without walking the valid items in Python; and a
check costs what its first violations and the count's cap do, whatever the body holds."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from lsq_mock.contract.bounded_keywords import SHOWN_CHARS, shown
from lsq_mock.contract.detailed import detailed_validators
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS

SCHEMAS = shipped_schemas()
REQUESTS = [
    name
    for name in SCHEMAS.documents
    if name.endswith(("-request", "-request.strict")) or name.startswith("admin-") or name == "seed"
]
"""Every schema a body is checked against: the API's requests and the admin API's."""
PLAIN_REGISTRY = Registry().with_resources(
    (doc["$id"], Resource.from_contents(doc)) for doc in SCHEMAS.documents.values()
)
DESCRIBING = detailed_validators(
    SCHEMAS.documents,
    jsonschema_rs.Registry([(doc["$id"], doc) for doc in SCHEMAS.documents.values()]),
)
KEYS = ["ProspectActivityId", "RelatedProspectId", "ActivityEvent", "ActivityNote", "Fields"]
KEYS += ["SchemaName", "Value", "Parameter", "Paging", "ActivityEventName", "Extra"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 300), st.sampled_from(["", "x", "203", "mx_C"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=30,
)
FIELD = st.fixed_dictionaries({"SchemaName": st.just("mx_Custom_1"), "Value": st.just("x")})
ROWS = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"ProspectActivityId": st.just("a"), "Fields": st.lists(FIELD | VALUES, max_size=5)}
        ),
        st.fixed_dictionaries({"RelatedProspectId": st.just("l"), "ActivityEvent": st.just(203)}),
        VALUES,
    ),
    max_size=30,
)


def plain_errors(name: str, instance: Any) -> list[tuple[str, str, str]]:
    validator = Draft202012Validator(SCHEMAS.schema(name), registry=PLAIN_REGISTRY)
    return sorted(
        (e.json_path, str(e.validator), e.message[:SHOWN_CHARS])
        for e in validator.iter_errors(instance)
    )


def described_errors(name: str, instance: Any) -> list[tuple[str, str, str]]:
    validator = DESCRIBING[name]
    return sorted(
        (e.json_path, str(e.validator), e.message[:SHOWN_CHARS])
        for e in validator.iter_errors(instance)
    )


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(REQUESTS), instance=ROWS | VALUES)
def test_the_describing_validator_finds_what_jsonschema_finds(name: str, instance: Any) -> None:
    assert described_errors(name, instance) == plain_errors(name, instance)


@pytest.mark.parametrize(
    ("name", "instance"),
    [
        ("bulk-update-request", [1] * 200_000),
        (
            "create-activity-request",
            {"RelatedProspectId": "l", "ActivityEvent": 203, "Fields": [1] * 200_000},
        ),
        (
            "bulk-update-request.strict",
            [{"ProspectActivityId": "a", **{f"k{n}": 1 for n in range(20_000)}}],
        ),
    ],
    ids=["bulk-of-numbers", "fields-of-numbers", "unknown-keys"],
)
def test_counting_stops_past_the_cap_and_says_more_than(name: str, instance: Any) -> None:
    found = SCHEMAS.check(name, instance, "contract")

    assert len(found.violations) == MAX_VIOLATIONS
    assert (found.more, found.more_uncounted) == (MAX_COUNTED, True)


def test_under_the_cap_the_rest_are_counted_exactly() -> None:
    found = SCHEMAS.check(
        "bulk-update-request", [{"ProspectActivityId": "a"}] * 25 + [1] * 500, "c"
    )

    # 26 rows are one too many (maxItems), and each of the 500 numbers is not a row
    assert (len(found.violations), found.more, found.more_uncounted) == (100, 401, False)


def test_a_check_for_an_answer_counts_nothing() -> None:
    found = SCHEMAS.check("bulk-update-request", [1] * 5_000, "request", count=False)

    assert (len(found.violations), found.more) == (MAX_VIOLATIONS, 0)


@pytest.mark.parametrize(
    "value",
    [[1] * 5, {"a": [1, {"b": "c"}], "d": None}, "x" * 400, ["x" * 400], [True, 2.5, None] * 200],
)
def test_a_value_is_shown_as_its_repr_up_to_the_limit(value: Any) -> None:
    whole = repr(value)
    expected = whole if len(whole) <= SHOWN_CHARS else whole[:SHOWN_CHARS] + "…"

    assert shown(value) == expected
