"""A single-activity call whose body lacks a mandatory key of its own is a well-formed call the
API cannot do: the live 500 MXMandatoryAttributeMissingException (the vendor's Error Handling
example; missing ActivityEvent seen live), written nowhere. A body that cannot be read, is not
an object or has a wrong type stays 400; the bulk endpoints keep their 400s."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, post
from support.envelope import assert_envelope
from support.paths import BULK_ADD, BULK_UPDATE, CREATE, CREATE_TYPE, UPDATE
from support.running import Running
from support.seeded import LEAD

MISSING = "MXMandatoryAttributeMissingException"
INVALID = "MXInvalidInputException"


@pytest.mark.parametrize(
    ("path", "body", "key_path", "message"),
    [
        (
            CREATE,
            {"RelatedProspectId": LEAD},
            "$.ActivityEvent",
            "'ActivityEvent' is mandatory for posting an activity",
        ),
        (
            CREATE,
            {"ActivityEvent": 203, "ActivityNote": "whose?"},
            "$.RelatedProspectId",
            "'RelatedProspectId' or 'EmailAddress' is mandatory for posting an activity",
        ),
        (
            UPDATE,
            {"Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}]},
            "$.ProspectActivityId",
            "'ProspectActivityId' is mandatory for updating an activity",
        ),
        (
            CREATE_TYPE,
            {"Description": "no name"},
            "$.ActivityEventName",
            "'ActivityEventName' is mandatory for creating an activity type",
        ),
    ],
    ids=["create-no-event", "create-no-lead", "update-no-id", "create-type-no-name"],
)
def test_a_missing_mandatory_key_is_the_live_500_and_nothing_is_written(
    running: Running, path: str, body: dict[str, Any], key_path: str, message: str
) -> None:
    before = running.emulator.store.counts()

    answer = post(running, path, body)

    assert assert_envelope(answer, 500, MISSING) == message
    assert contract(running) == [(key_path, "mandatory-missing")]
    assert running.emulator.store.counts() == before
    assert running.emulator.events.entries() == []


def test_an_empty_object_names_one_missing_key(running: Running) -> None:
    answer = post(running, CREATE, {})

    assert assert_envelope(answer, 500, MISSING).endswith("is mandatory for posting an activity")
    [(_, rule)] = contract(running)
    assert rule == "mandatory-missing"


def test_the_logical_status_setting_applies_to_a_missing_key(running: Running) -> None:
    patched = running.http.patch(running.url + "/_mock/config", json={"logical_error_status": 400})
    assert patched.status_code == 200, patched.text

    answer = post(running, UPDATE, {"Fields": []})

    assert_envelope(answer, 400, MISSING)


@pytest.mark.parametrize(
    ("path", "body", "problem"),
    [
        (CREATE, {"ActivityEvent": 203, "Fields": {}}, "$.Fields must be array, not object"),
        (UPDATE, {"ProspectActivityId": 7}, "$.ProspectActivityId must be string, not number"),
        (UPDATE, {"Fields": "none"}, "$.Fields must be array, not string"),
        (
            CREATE_TYPE,
            {"ActivityEventName": ""},
            "$.ActivityEventName has length 0; minLength is 1",
        ),
        (CREATE_TYPE, ["Webinar"], "$ must be object, not array"),
        (CREATE, "203", "$ must be object, not string"),
    ],
    ids=[
        "missing-lead-and-fields-object",
        "id-a-number",
        "missing-id-and-fields-string",
        "empty-name",
        "array",
        "string",
    ],
)
def test_a_wrong_type_stays_400_even_with_a_key_missing(
    running: Running, path: str, body: Any, problem: str
) -> None:
    answer = post(running, path, body)

    assert assert_envelope(answer, 400, INVALID) == f"Invalid Input! {problem}"


def test_a_body_that_is_not_json_stays_400(running: Running) -> None:
    answer = running.http.post(
        running.url + UPDATE,
        params=running.keys,
        data=b'{"Fields": [',
        headers={"Content-Type": "application/json"},
    )

    assert_envelope(answer, 400, INVALID)


@pytest.mark.parametrize(
    ("path", "rows", "problem"),
    [
        (BULK_UPDATE, [{"Fields": []}], "$[0].ProspectActivityId is required"),
        (BULK_ADD, [{"RelatedProspectId": LEAD}], "$[0].ActivityEvent is required"),
    ],
    ids=["bulk-update", "bulk-add"],
)
def test_a_bulk_row_missing_a_key_keeps_the_documented_400(
    running: Running, path: str, rows: list[dict[str, Any]], problem: str
) -> None:
    answer = post(running, path, rows)

    assert assert_envelope(answer, 400, INVALID) == f"Invalid Input! {problem}"
