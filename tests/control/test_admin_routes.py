"""The /_mock/ routes of the store, journal and event log over real HTTP, and the 400 envelope for
bad input (config and clock: test_admin_config_clock.py)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest

from lsq_mock import Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT
from support.envelope import assert_envelope, refused_at
from support.running import Running, serving

SEED: dict[str, Any] = json.loads(default_seed_path().read_text())
ACTIVITY_ID = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
LEAD = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
NEW_TYPE = {
    "ActivityEvent": 250,
    "ActivityEventName": "Callback",
    "Fields": [{"SchemaName": "mx_Custom_1", "DataType": "String"}],
}
NEW_ACTIVITY = {
    "ProspectActivityId": "new-activity-1",
    "ActivityEvent": 250,
    "RelatedProspectId": LEAD,
    "Fields": {"mx_Custom_1": "call back"},
}


SEED_PROBLEM = "(?:Input|seed)"
"""A seed off its schema is "Invalid Input!", one breaking the seed rules "Invalid seed!"."""


def store_dump(running: Running) -> dict[str, Any]:
    store = running.emulator.store
    return {"types": store.activity_types(), "activities": store.activities()}


def test_health_answers_ok_and_is_never_cached(running: Running) -> None:
    answer = running.http.get(running.url + "/_mock/health")

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "instance_id": running.emulator.instance_id}
    assert answer.headers["Cache-Control"] == "no-store"


def test_health_names_the_instance_which_a_reset_keeps_and_another_server_does_not_share(
    running: Running,
) -> None:
    before = running.http.get(running.url + "/_mock/health").json()["instance_id"]
    running.http.post(running.url + "/_mock/reset", json={})
    after = running.http.get(running.url + "/_mock/health").json()["instance_id"]
    with serving(Settings()) as other:
        elsewhere = other.http.get(other.url + "/_mock/health").json()["instance_id"]

    assert re.fullmatch("[0-9a-f]{32}", before)
    assert after == before
    assert elsewhere != before


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/_mock/nothing-here"), ("PUT", "/_mock/health")]
)
def test_an_unknown_admin_route_or_method_is_a_404_envelope(
    running: Running, method: str, path: str
) -> None:
    answer = running.http.request(method, running.url + path)

    assert assert_envelope(answer, 404, "MXAPINotFoundException") == (
        f"The API could not be found. Please check the API signature: {method} {path}"
    )


def test_seed_adds_types_and_activities_and_reports_counts(running: Running) -> None:
    answer = running.http.post(
        running.url + "/_mock/seed",
        json={"ActivityTypes": [NEW_TYPE], "Activities": [NEW_ACTIVITY]},
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "status": "seeded",
        "loaded": {"ActivityTypes": 1, "Leads": 0, "Activities": 1},
        "total": {
            "ActivityTypes": len(SEED["ActivityTypes"]) + 1,
            "Leads": len(SEED["Leads"]),
            "Activities": len(SEED["Activities"]) + 1,
        },
    }
    stored = running.http.get(running.url + "/_mock/activities/new-activity-1").json()
    assert stored["Fields"] == {"mx_Custom_1": "call back"}
    assert shipped_schemas().is_valid("activity", stored)
    updated = running.bulk_update(
        [
            {
                "ProspectActivityId": "new-activity-1",
                "Fields": [{"SchemaName": "mx_Custom_1", "Value": "done"}],
            }
        ]
    )
    assert updated.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}


@pytest.mark.parametrize(
    ("seed", "path"),
    [
        (
            {"Activities": [{**NEW_ACTIVITY, "ActivityEvent": "250"}]},
            "$.Activities[0].ActivityEvent",
        ),
        ({"ActivityTypes": [NEW_TYPE], "Extra": []}, "$.Extra"),
        (
            {
                "ActivityTypes": [
                    {**NEW_TYPE, "Fields": [{"SchemaName": "bad", "DataType": "String"}]}
                ]
            },
            "$.ActivityTypes[0].Fields[0].SchemaName",
        ),
        (
            {"ActivityTypes": [NEW_TYPE], "Activities": [{**NEW_ACTIVITY, "ActivityEvent": 999}]},
            "$.Activities[0].ActivityEvent",
        ),
        (
            {"ActivityTypes": [NEW_TYPE], "Activities": [NEW_ACTIVITY, NEW_ACTIVITY]},
            "$.Activities[1].ProspectActivityId",
        ),
        (
            {
                "ActivityTypes": [NEW_TYPE],
                "Activities": [{**NEW_ACTIVITY, "Fields": {"mx_Custom_2": "x"}}],
            },
            "$.Activities[0].Fields.mx_Custom_2",
        ),
        (
            {
                "ActivityTypes": [
                    NEW_TYPE,
                    {**NEW_TYPE, "ActivityEvent": 251, "Fields": NEW_TYPE["Fields"] * 2},
                ]
            },
            "$.ActivityTypes[1]",
        ),
    ],
)
def test_bad_seed_is_refused_whole_with_the_path_and_nothing_stored(
    running: Running, seed: dict[str, Any], path: str
) -> None:
    before = store_dump(running)

    answer = running.http.post(running.url + "/_mock/seed", json=seed)

    refused_at(answer, path, SEED_PROBLEM)
    assert store_dump(running) == before


def test_seed_reports_the_first_problem_of_several(running: Running) -> None:
    seed = {
        "ActivityTypes": [NEW_TYPE],
        "Activities": [
            NEW_ACTIVITY,
            {**NEW_ACTIVITY, "ProspectActivityId": "b", "ActivityEvent": 0},
            {**NEW_ACTIVITY, "ProspectActivityId": "c", "ActivityEvent": -1},
        ],
    }

    answer = running.http.post(running.url + "/_mock/seed", json=seed)

    refused_at(answer, "$.Activities[1].ActivityEvent", SEED_PROBLEM)
    assert running.emulator.store.counts()["ActivityTypes"] == len(SEED["ActivityTypes"])


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("/_mock/seed", "post"),
        ("/_mock/config", "patch"),
        ("/_mock/faults", "post"),
        ("/_mock/clock", "post"),
    ],
)
def test_admin_bodies_must_be_json(running: Running, route: str, method: str) -> None:
    not_json = running.http.request(
        method, running.url + route, data="{nope", headers={"Content-Type": "application/json"}
    )
    wrong_type = running.http.request(method, running.url + route, data="a=1", headers=ADMIN_CLIENT)

    assert assert_envelope(not_json, 400, "MXInvalidInputException") == (
        "Invalid Input! The body is not valid JSON: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"
    )
    assert assert_envelope(wrong_type, 400, "MXInvalidInputException") == (
        "Invalid Input! The admin API takes a JSON body (application/json)"
    )


def test_activity_types_lists_the_seeded_types(running: Running) -> None:
    answer = running.http.get(running.url + "/_mock/activity-types")

    assert answer.status_code == 200
    types = answer.json()["ActivityTypes"]
    assert [t["ActivityEvent"] for t in types] == sorted(
        t["ActivityEvent"] for t in SEED["ActivityTypes"]
    )
    assert all(shipped_schemas().is_valid("activity-type", t) for t in types)


def test_activities_filter_by_event_and_lead(running: Running) -> None:
    url = running.url + "/_mock/activities"
    every = running.http.get(url).json()
    by_event = running.http.get(url, params={"ActivityEvent": 201}).json()
    by_lead = running.http.get(url, params={"RelatedProspectId": LEAD}).json()
    both = running.http.get(url, params={"ActivityEvent": 202, "RelatedProspectId": LEAD}).json()
    none = running.http.get(url, params={"ActivityEvent": 999}).json()

    assert every["RecordCount"] == len(SEED["Activities"]) == len(every["Activities"])
    assert all(shipped_schemas().is_valid("activity", a) for a in every["Activities"])
    assert {a["ActivityEvent"] for a in by_event["Activities"]} == {201}
    assert by_event["RecordCount"] == sum(a["ActivityEvent"] == 201 for a in SEED["Activities"])
    assert {a["RelatedProspectId"] for a in by_lead["Activities"]} == {LEAD}
    assert by_lead["RecordCount"] == sum(a["RelatedProspectId"] == LEAD for a in SEED["Activities"])
    assert [a["ProspectActivityId"] for a in both["Activities"]] == [
        "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e"
    ]
    assert none == {"Activities": [], "RecordCount": 0}


def test_activities_filter_by_a_non_integer_event_is_refused(running: Running) -> None:
    answer = running.http.get(running.url + "/_mock/activities", params={"ActivityEvent": "x"})

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message == "Invalid Input! ActivityEvent must be an integer; got 'x'"


@pytest.mark.parametrize(
    ("route", "parameter", "expected"),
    [
        ("/_mock/activities", "leadId", "ActivityEvent, RelatedProspectId"),
        ("/_mock/activities", "type", "ActivityEvent, RelatedProspectId"),
        ("/_mock/requests", "violation", "violations, after, limit, summary"),
    ],
)
def test_a_query_parameter_the_route_does_not_read_is_refused(
    running: Running, route: str, parameter: str, expected: str
) -> None:
    answer = running.http.get(running.url + route, params={parameter: "1"})

    assert assert_envelope(answer, 400, "MXInvalidInputException") == (
        f"Invalid Input! unknown query parameter {parameter!r}; expected one of {expected}"
    )


def test_one_activity_or_a_404_envelope(running: Running) -> None:
    found = running.http.get(f"{running.url}/_mock/activities/{ACTIVITY_ID}")
    missing = running.http.get(running.url + "/_mock/activities/no-such-activity")

    assert found.status_code == 200
    assert found.json()["ProspectActivityId"] == ACTIVITY_ID
    assert found.json()["Fields"]["mx_Custom_1"] == "Intro"
    assert missing.status_code == 404
    assert missing.json() == {
        "Status": "Error",
        "ExceptionType": "MXInvalidEntityException",
        "ExceptionMessage": "Activity 'no-such-activity' does not exist in the system",
    }


def test_requests_lists_then_delete_clears_the_journal(running: Running) -> None:
    running.bulk_update([{"ProspectActivityId": ACTIVITY_ID, "Fields": []}])
    running.bulk_update([{"ProspectActivityId": ACTIVITY_ID, "Fields": [], "Extra": 1}])

    listed = running.http.get(running.url + "/_mock/requests").json()
    only_bad = running.http.get(running.url + "/_mock/requests?violations=true").json()
    cleared = running.http.delete(running.url + "/_mock/requests", headers=ADMIN_CLIENT)
    after = running.http.get(running.url + "/_mock/requests").json()

    assert [e["seq"] for e in listed["requests"]] == [1, 2]
    assert listed["dropped"] == 0
    assert listed["limit"] == 10_000
    assert [e["seq"] for e in only_bad["requests"]] == [2]
    assert cleared.status_code == 200
    assert cleared.json() == {"status": "cleared"}
    assert after == {"requests": [], "dropped": 0, "limit": 10_000, "byte_limit": 32 * 1024**2}


def test_admin_calls_are_not_journaled(running: Running) -> None:
    running.http.get(running.url + "/_mock/health")
    running.http.get(running.url + "/_mock/nothing-here")

    assert running.http.get(running.url + "/_mock/requests").json()["requests"] == []


def test_events_lists_updates_without_a_webhook(running: Running) -> None:
    running.bulk_update(
        [
            {
                "ProspectActivityId": ACTIVITY_ID,
                "Fields": [{"SchemaName": "mx_Custom_1", "Value": "Z"}],
            }
        ]
    )

    answer = running.http.get(running.url + "/_mock/events").json()

    assert answer["webhook"] is None
    assert answer["dropped"] == 0
    [event] = answer["events"]
    assert shipped_schemas().is_valid("event", event), shipped_schemas().violations(
        "event", event, "test"
    )
    assert event["ProspectActivityId"] == ACTIVITY_ID
    assert event["Changes"] == [{"SchemaName": "mx_Custom_1", "OldValue": "Intro", "NewValue": "Z"}]


def test_reset_restores_the_seed_after_changes(running: Running) -> None:
    seeded = store_dump(running)
    running.http.post(
        running.url + "/_mock/seed",
        json={"ActivityTypes": [NEW_TYPE], "Activities": [NEW_ACTIVITY]},
    )
    running.bulk_update(
        [
            {
                "ProspectActivityId": ACTIVITY_ID,
                "Fields": [{"SchemaName": "mx_Custom_1", "Value": "Q"}],
            }
        ]
    )

    # No body, but said to be JSON (as a cross-site form cannot): taken as {}.
    answer = running.http.post(
        running.url + "/_mock/reset", headers={"Content-Type": "application/json"}
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "status": "reset",
        "ActivityTypes": len(SEED["ActivityTypes"]),
        "Leads": len(SEED["Leads"]),
        "Activities": len(SEED["Activities"]),
    }
    assert store_dump(running) == seeded


def test_reset_empty_empties_the_store(running: Running) -> None:
    answer = running.http.post(running.url + "/_mock/reset", json={"empty": True})

    assert answer.json() == {"status": "reset", "ActivityTypes": 0, "Leads": 0, "Activities": 0}
    assert running.http.get(running.url + "/_mock/activities").json()["RecordCount"] == 0
    assert running.http.get(running.url + "/_mock/activity-types").json() == {"ActivityTypes": []}
    row = {"ProspectActivityId": ACTIVITY_ID, "Fields": []}
    assert running.bulk_update([row]).json()["Response"][0]["ActivityUpdated"] is False
    again = running.http.post(running.url + "/_mock/reset", json={"empty": False}).json()
    assert again["Activities"] == len(SEED["Activities"])


@pytest.mark.parametrize(
    ("body", "path"), [({"empty": "yes"}, "$.empty"), ({"full": True}, "$.full"), ([], "$")]
)
def test_bad_reset_body_is_refused_and_nothing_reset(
    running: Running, body: Any, path: str
) -> None:
    running.bulk_update([{"ProspectActivityId": ACTIVITY_ID, "Fields": []}])

    answer = running.http.post(running.url + "/_mock/reset", json=body)

    refused_at(answer, path)
    assert len(running.http.get(running.url + "/_mock/requests").json()["requests"]) == 1


def test_seed_through_the_python_api_is_seen_over_http(running: Running) -> None:
    seed = copy.deepcopy({"ActivityTypes": [NEW_TYPE], "Activities": [NEW_ACTIVITY]})

    assert running.emulator.load(seed) == {"ActivityTypes": 1, "Leads": 0, "Activities": 1}

    answer = running.http.get(running.url + "/_mock/activities", params={"ActivityEvent": 250})
    assert answer.json()["RecordCount"] == 1
