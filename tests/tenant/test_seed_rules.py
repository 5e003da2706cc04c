"""Seeds go through the API's own write rules: values stored as the API stores them, and a new
definition of a type must fit the activities that type already holds."""

from __future__ import annotations

from typing import Any

from support.envelope import assert_envelope
from support.running import Running
from support.seeded import DEMO, LEAD, VISIT

VISIT_TYPE_WITHOUT_COMPLETED = {
    "ActivityEvent": 201,
    "ActivityEventName": "Site Visit",
    "Fields": [
        {"SchemaName": "mx_Custom_1", "DataType": "String", "MaxLength": 50},
        {
            "SchemaName": "mx_Custom_6",
            "DataType": "Dropdown",
            "Options": ["Scheduled", "Cancelled"],
        },
    ],
}


def _seed(running: Running, body: dict[str, Any]) -> Any:
    return running.http.post(running.url + "/_mock/seed", json=body)


def test_a_seeded_datetime_with_an_offset_is_stored_as_utc(running: Running) -> None:
    answer = _seed(
        running,
        {
            "Activities": [
                {
                    "ProspectActivityId": "seeded-offset",
                    "ActivityEvent": 203,
                    "RelatedProspectId": LEAD,
                    "Fields": {"mx_Custom_4": "2026-11-20T10:00:00+05:30"},
                }
            ]
        },
    )

    assert answer.status_code == 200, answer.text
    stored = running.emulator.store.activity("seeded-offset")
    assert stored["Fields"]["mx_Custom_4"] == "2026-11-20 04:30:00"


def test_a_seeded_value_the_api_refuses_is_refused_with_its_path(running: Running) -> None:
    answer = _seed(
        running,
        {
            "Activities": [
                {
                    "ProspectActivityId": "seeded-bad",
                    "ActivityEvent": 203,
                    "RelatedProspectId": LEAD,
                    "Fields": {"mx_Custom_2": "many"},
                }
            ]
        },
    )

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message.startswith("Invalid seed! $.Activities[0].Fields.mx_Custom_2: ")
    assert "needs a number" in message
    assert running.emulator.store.counts()["Activities"] == 5


def test_a_new_definition_the_stored_activities_do_not_fit_is_refused_whole(
    running: Running,
) -> None:
    before = running.emulator.store.activity_types()

    answer = _seed(running, {"ActivityTypes": [VISIT_TYPE_WITHOUT_COMPLETED]})

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert "new definition of ActivityEvent 201 does not fit" in message
    assert VISIT in message
    assert running.emulator.store.activity_types() == before


def test_a_new_definition_is_accepted_with_activities_that_replace_the_misfits(
    running: Running,
) -> None:
    fitting = [
        {
            "ProspectActivityId": activity["ProspectActivityId"],
            "ActivityEvent": 201,
            "RelatedProspectId": activity["RelatedProspectId"],
            "Fields": {"mx_Custom_1": "kept"},
        }
        for activity in running.emulator.store.activities(activity_event=201)
    ]

    answer = _seed(
        running, {"ActivityTypes": [VISIT_TYPE_WITHOUT_COMPLETED], "Activities": fitting}
    )

    assert answer.status_code == 200, answer.text
    assert running.emulator.store.activity(VISIT)["Fields"] == {"mx_Custom_1": "kept"}
    assert running.emulator.store.activity(DEMO)["ActivityEvent"] == 203
