"""Create a Custom Activity Type over HTTP: the new type's code comes back, and its fields are
usable at once by posting, bulk updating and listing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lsq_mock.resources import data_dir, load_json
from support.calls import contract, get, post, schema_problems
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE, CREATE, CREATE_TYPE, DETAILS, TYPES
from support.running import Running
from support.seeded import LEAD

STAGE = {
    "SchemaName": "mx_Custom_4",
    "DisplayName": "Stage",
    "DataType": "Dropdown",
    "IsMandatory": True,
    "OptionSet": json.dumps([{"Value": "Open"}, {"Value": "Won"}]),
}
"""A dropdown field in the OptionSet form GetActivityDetails shows."""
VENDOR_BODY: dict[str, Any] = load_json(data_dir("fixtures") / "golden" / "200-create-type.json")[
    "request"
]["body"]
"""The request sample of the vendor's Create a Custom Activity Type page, as its golden holds it."""
VENDOR_SAMPLE: dict[str, Any] = {**VENDOR_BODY, "Fields": [*VENDOR_BODY["Fields"], STAGE]}
"""That sample, with the dropdown field added."""


def stage(activity_id: str, value: str) -> dict[str, Any]:
    """A bulk row setting the new type's dropdown, mx_Custom_4."""
    return {
        "ProspectActivityId": activity_id,
        "Fields": [{"SchemaName": "mx_Custom_4", "Value": value}],
    }


def create_type(running: Running, body: dict[str, Any]) -> int:
    answer = post(running, CREATE_TYPE, body)
    assert answer.status_code == 200, answer.text
    assert schema_problems("create-type-response", answer.json()) == []
    return answer.json()["Message"]["Id"]


def test_the_vendors_sample_creates_a_type_after_the_highest_code(running: Running) -> None:
    code = create_type(running, VENDOR_SAMPLE)

    assert code == 204  # the shipped seed's types are 201 to 203
    assert contract(running) == []
    [row] = [r for r in get(running, TYPES).json() if r["ActivityEvent"] == code]
    assert row["ActivityEventName"] == "New Custom Activity Type"
    form = json.loads(row["ActivityProperties"])["FormMetaData"]
    assert [f["SchemaName"] for f in form] == [
        "mx_Custom_1",
        "mx_Custom_2",
        "mx_Custom_3",
        "mx_Custom_4",
    ]


def test_a_new_types_fields_are_usable_at_once(running: Running) -> None:
    code = create_type(running, VENDOR_SAMPLE)
    body = {
        "RelatedProspectId": LEAD,
        "ActivityEvent": code,
        "Fields": [
            {"SchemaName": "mx_Custom_1", "Value": "hello"},
            {"SchemaName": "mx_Custom_4", "Value": "Open"},
        ],
    }

    created = post(running, CREATE, body)
    activity_id = created.json()["Message"]["Id"]
    updated = post(
        running,
        BULK_UPDATE,
        [
            {
                "ProspectActivityId": activity_id,
                "Fields": [{"SchemaName": "mx_Custom_4", "Value": "Won"}],
            }
        ],
    )
    refused = post(
        running,
        BULK_UPDATE,
        [
            {
                "ProspectActivityId": activity_id,
                "Fields": [{"SchemaName": "mx_Custom_4", "Value": "Lost"}],
            }
        ],
    )

    assert created.status_code == 200, created.text
    assert updated.json()["Response"][0]["ActivityUpdated"] is True
    assert refused.json()["Response"][0]["ActivityUpdated"] is False
    details = get(running, DETAILS, activityId=activity_id).json()
    values = {field["SchemaName"]: field["Value"] for field in details["Fields"]}
    assert (details["Name"], values["mx_Custom_1"], values["mx_Custom_4"]) == (
        "New Custom Activity Type",
        "hello",
        "Won",
    )


def test_a_mandatory_field_of_a_new_type_is_enforced(running: Running) -> None:
    code = create_type(running, VENDOR_SAMPLE)

    answer = post(running, CREATE, {"RelatedProspectId": LEAD, "ActivityEvent": code})

    assert_envelope(answer, 500, "MXMandatoryAttributeMissingException")


def test_only_the_name_is_mandatory(running: Running) -> None:
    code = create_type(running, {"ActivityEventName": "Bare"})
    assert running.emulator.store.activity_type(code)["Fields"] == []


def test_a_name_already_taken_is_the_live_duplicate_entry(running: Running) -> None:
    answer = post(running, CREATE_TYPE, {"ActivityEventName": "site visit"})

    message = assert_envelope(answer, 500, "MXDuplicateEntryException")
    assert message == "Duplicate entry 'site visit' for key 'ActivityEventName'"
    assert contract(running) == [("$.ActivityEventName", "duplicate-entry")]
    assert len(running.emulator.store.activity_types()) == 3


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        (
            [{"SchemaName": "mx_Custom_1", "DataType": "String"}] * 2,
            "$.Fields[1].SchemaName",
        ),
        (
            [{"SchemaName": "mx_Custom_1", "DataType": "Dropdown", "OptionSet": "not json"}],
            "$.Fields[0].OptionSet",
        ),
    ],
    ids=["field-twice", "option-set-not-json"],
)
def test_a_definition_the_api_cannot_store_is_a_logical_500(
    running: Running, fields: list[dict[str, Any]], path: str
) -> None:
    answer = post(running, CREATE_TYPE, {"ActivityEventName": "Broken", "Fields": fields})

    assert_envelope(answer, 500, "MXInvalidInputException")
    assert contract(running) == [(path, "invalid-type")]
    assert len(running.emulator.store.activity_types()) == 3


def one_field(**field: str) -> dict[str, Any]:
    return {"ActivityEventName": "x", "Fields": [field]}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (
            {
                "ActivityEventName": "x",
                "Fields": [{"SchemaName": "mx_Custom_51", "DataType": "String"}],
            },
            "$.Fields[0].SchemaName",
        ),
        (
            {
                "ActivityEventName": "x",
                "Fields": [{"SchemaName": "mx_Custom_1", "DataType": "Product"}],
            },
            "$.Fields[0].DataType",
        ),
    ],
    ids=["field-51", "data-type-not-emulated"],
)
def test_a_body_off_the_schema_is_400(running: Running, body: dict[str, Any], path: str) -> None:
    answer = post(running, CREATE_TYPE, body)

    assert_envelope(answer, 400, "MXInvalidInputException")
    assert contract(running)[0][0] == path


def test_an_undocumented_key_is_journaled(running: Running) -> None:
    create_type(running, {"ActivityEventName": "Extra", "Colour": "blue"})
    assert contract(running) == [("$.Colour", "contract:unknown-key")]


def test_reset_forgets_a_created_type(running: Running) -> None:
    create_type(running, {"ActivityEventName": "Fleeting"})
    running.http.post(running.url + "/_mock/reset", json={})
    assert [r["ActivityEvent"] for r in get(running, TYPES).json()] == [201, 202, 203]
