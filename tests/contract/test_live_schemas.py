"""The relaxed schemas the provider suite holds a real tenant to: keys and types the evidence
shows, extra keys allowed; the strict shipped schemas still refuse what they relax."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lsq_mock.contract.liveschemas import LIVE_OPTIONAL, live_schemas
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock_contract.provider_http import Expected, differences
from lsq_mock_contract.wire import Answer

ROW = {
    "Id": "c310391d-6784-418b-b61c-bca2d0a7a645",
    "EventCode": 3002,
    "EventName": "Stage Change",
    "ActivityScore": 0,
    "CreatedOn": "2018-12-12 10:36:00",
    "ActivityType": 0,
    "IsEmailType": False,
    "Type": "Inbound",
    "SessionId": "c310391d-6784-418b-b61c-bca2d0a7a645",
    "TrackLocation": 0,
    "Latitude": None,
    "Longitude": None,
    "Data": [{"Key": "PreviousStage", "Value": "Prospect"}],
}
"""A system event's row as a live client describes it: no ActivityFields."""
TYPE_ROW = {
    "ActivityEvent": 201,
    "ActivityEventName": "Site Visit",
    "DisplayName": "Site Visit",
    "EventType": 0,
    "EventDirection": 0,
    "Tags": "",
    "ActivityProperties": '{"FormMetaData":[]}',
}
"""A row of ActivityTypes.Get as a live probe reads it: no ID."""
SHORT_FIELD = {
    "SchemaName": "mx_Custom_1",
    "DisplayName": "Custom 1",
    "Value": "Value1",
    "DataType": "String",
    "IsMandatory": False,
    "ShowInForm": True,
    "Sequence": 1,
    "OptionSet": "",
}
"""A field as the vendor's Get Custom Fields of an Activity page shows it."""

LIVE_ANSWERS = [
    ("retrieve-activities-response", {"RecordCount": 1, "ProspectActivities": [ROW]}),
    ("activity-types-response", [TYPE_ROW]),
    (
        "activity-details-response",
        {"ID": ROW["Id"], "Name": "Demo", "DisplayName": "Demo", "Fields": [SHORT_FIELD]},
    ),
]


def _violations(schemas: Any, name: str, body: Any) -> list[str]:
    return [v.message for v in schemas.violations(name, body, "live")]


@pytest.mark.parametrize(("schema", "body"), LIVE_ANSWERS, ids=[s for s, _ in LIVE_ANSWERS])
def test_a_live_answer_without_the_keys_no_evidence_shows_passes_only_relaxed(
    schema: str, body: Any
) -> None:
    assert _violations(live_schemas(), schema, body) == []
    assert _violations(shipped_schemas(), schema, body) != []


def test_extra_keys_pass_relaxed_at_every_depth_and_never_strict() -> None:
    row = {**ROW, "ActivityFields": {}, "OwnerName": "Admin"}
    row["Data"] = [{"Key": "PreviousStage", "Value": "Prospect", "Order": 1}]
    body = {"RecordCount": 1, "ProspectActivities": [row], "Total": 1}

    assert _violations(live_schemas(), "retrieve-activities-response", body) == []
    assert _violations(shipped_schemas(), "retrieve-activities-response", body) == [
        "$.Total: unknown key 'Total'",
        "$.ProspectActivities[0].ModifiedOn is required",
        "$.ProspectActivities[0].RelatedProspectId is required",
        "$.ProspectActivities[0].OwnerName: unknown key 'OwnerName'",
        "$.ProspectActivities[0].Data[0].Order: unknown key 'Order'",
    ]


def test_keys_the_evidence_shows_stay_required_with_their_types() -> None:
    row = {key: value for key, value in ROW.items() if key != "Data"}
    body = {"RecordCount": "1", "ProspectActivities": [{**row, "EventCode": "3002"}]}

    assert _violations(live_schemas(), "retrieve-activities-response", body) == [
        "$.ProspectActivities[0].Data is required",
        "$.ProspectActivities[0].EventCode must be integer, not string",
        "$.RecordCount must be integer, not string",
    ]


def test_constants_and_the_types_of_enums_are_kept_bounds_are_not() -> None:
    saved = {"Status": "Success", "Message": {"Id": 7}}
    assert _violations(live_schemas(), "create-type-response", saved) == []
    assert _violations(live_schemas(), "create-type-response", {**saved, "Status": "Error"}) != []
    row = {**TYPE_ROW, "EventDirection": 2}
    assert _violations(live_schemas(), "activity-types-response", [row]) == []
    wrong = {**TYPE_ROW, "EventDirection": "Outbound"}
    assert _violations(live_schemas(), "activity-types-response", [wrong]) == [
        "$[0].EventDirection must be integer, not string"
    ]


def _live_optional(node: Any) -> list[tuple[dict[str, Any], list[str]]]:
    if isinstance(node, list):
        return [found for item in node for found in _live_optional(item)]
    if not isinstance(node, dict):
        return []
    here = [(node, node[LIVE_OPTIONAL]["keys"])] if LIVE_OPTIONAL in node else []
    return here + [found for value in node.values() for found in _live_optional(value)]


def test_each_live_optional_key_is_a_required_key_of_its_object_with_a_reason() -> None:
    marked = _live_optional(list(shipped_schemas().documents.values()))
    assert len(marked) == 3
    for node, keys in marked:
        assert set(keys) <= set(node["required"]) & set(node["properties"])
        assert node[LIVE_OPTIONAL]["because"]


def test_the_provider_suite_reports_no_difference_for_an_extra_key() -> None:
    body = {"Response": [{"RowNumber": 1, "ActivityUpdated": True, "Note": "x"}]}
    answer = Answer(200, "application/json", json.dumps(body).encode(), body)

    assert differences(answer, Expected(200, rows=(True,))) == []
