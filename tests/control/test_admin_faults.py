"""Faults queued through POST /_mock/faults, as a client of the emulated API sees them."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.emulator.faults import MAX_QUEUED_FAULTS
from support.calls import ADMIN_CLIENT
from support.envelope import assert_envelope
from support.markdown import ROOT
from support.paths import BULK_UPDATE
from support.running import Running

ACTIVITY_ID = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
EXCEPTION_TYPES = {
    400: "MXInvalidInputException",
    401: "MXUnAuthorizedAccessException",
    404: "MXAPINotFoundException",
    429: "MXAPIRateLimitExceededException",
    500: "MXUnexpectedException",
}


def row(value: str = "Changed", note: str | None = None) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "ProspectActivityId": ACTIVITY_ID,
        "Fields": [{"SchemaName": "mx_Custom_1", "Value": value}],
    }
    if note is not None:
        answer["ActivityNote"] = note
    return answer


def queue(running: Running, faults: Any) -> requests.Response:
    answer = running.http.post(running.url + "/_mock/faults", json=faults)
    assert answer.status_code == 201, answer.text
    return answer


def journal(running: Running) -> list[dict[str, Any]]:
    answer = running.http.get(running.url + "/_mock/requests")
    assert answer.status_code == 200
    entries = answer.json()["requests"]
    schemas = shipped_schemas()
    for entry in entries:
        assert schemas.is_valid("journal-entry", entry), schemas.violations(
            "journal-entry", entry, "test"
        )
    return entries


@pytest.mark.parametrize("status", sorted(EXCEPTION_TYPES))
def test_status_fault_answers_the_envelope_with_the_custom_message(
    running: Running, status: int
) -> None:
    queue(running, {"kind": "status", "status": status, "message": f"boom {status}"})

    answer = running.bulk_update([row()])

    assert answer.status_code == status
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {
        "Status": "Error",
        "ExceptionType": EXCEPTION_TYPES[status],
        "ExceptionMessage": f"boom {status}",
    }
    assert running.emulator.store.activity(ACTIVITY_ID)["Fields"]["mx_Custom_1"] == "Intro"
    [entry] = journal(running)
    assert entry["status"] == status
    assert entry["fault"]["status"] == status
    assert entry["fault"]["message"] == f"boom {status}"
    assert entry["response"]["ExceptionMessage"] == f"boom {status}"
    assert running.bulk_update([row()]).status_code == 200, "a fault is used once by default"


def test_status_fault_without_message_says_it_was_injected(running: Running) -> None:
    queue(running, {"status": 500})

    answer = running.bulk_update([row()])

    assert answer.status_code == 500
    assert answer.json()["ExceptionMessage"] == "Injected fault: status 500"


def test_latency_fault_delays_the_answer_once(running: Running) -> None:
    queue(running, {"kind": "latency", "latency_seconds": 0.2})

    slow = running.bulk_update([row()])
    slept_for_the_first = list(running.fake_time.slept)
    fast = running.bulk_update([row()])

    assert slow.status_code == 200
    assert slow.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert slept_for_the_first == [0.2]
    assert fast.status_code == 200
    assert running.fake_time.slept == [0.2]
    assert [entry["fault"] and entry["fault"]["kind"] for entry in journal(running)] == [
        "latency",
        None,
    ]


def test_drop_fault_processes_the_call_then_closes_without_an_answer(running: Running) -> None:
    queue(running, {"kind": "drop"})

    with pytest.raises(requests.ConnectionError):
        running.bulk_update([row("Dropped")])

    assert running.emulator.store.activity(ACTIVITY_ID)["Fields"]["mx_Custom_1"] == "Dropped"
    [entry] = journal(running)
    assert entry["fault"]["kind"] == "drop"
    assert entry["status"] == 200
    assert running.bulk_update([row()]).status_code == 200, "the next call is answered"


def test_drop_fault_processes_a_large_body_too(running: Running) -> None:
    rows = [row("Big", note="n" * 60_000 + str(number)) for number in range(25)]
    queue(running, {"kind": "drop"})

    with pytest.raises(requests.ConnectionError):
        running.bulk_update(rows)

    stored = running.emulator.store.activity(ACTIVITY_ID)
    assert stored["Fields"]["mx_Custom_1"] == "Big"
    assert stored["ActivityNote"].endswith("24")
    [entry] = journal(running)
    assert entry["status"] == 200


def test_truncate_fault_cuts_the_body_so_it_is_not_json(running: Running) -> None:
    queue(running, {"kind": "truncate"})

    answer = running.bulk_update([row()])

    assert answer.status_code == 200
    assert int(answer.headers["Content-Length"]) == len(answer.content)
    with pytest.raises(requests.JSONDecodeError):
        answer.json()
    [entry] = journal(running)
    assert entry["fault"]["kind"] == "truncate"
    whole = running.bulk_update([row()])
    assert whole.json()["Response"][0]["ActivityUpdated"] is True
    assert answer.content == whole.content[: len(whole.content) // 2]  # its first half exactly


def test_faults_are_consumed_in_the_order_queued(running: Running) -> None:
    queue(running, [{"status": 429, "message": "first"}, {"status": 500, "message": "second"}])
    queue(running, {"status": 404, "message": "third"})

    answers = [running.bulk_update([row()]) for _ in range(4)]

    assert [a.status_code for a in answers] == [429, 500, 404, 200]
    assert [a.json().get("ExceptionMessage") for a in answers[:3]] == ["first", "second", "third"]
    faults = [entry["fault"] for entry in journal(running)]
    assert [f and f["message"] for f in faults] == ["first", "second", "third", None]


def test_times_repeats_a_fault_and_the_queue_shows_what_is_left(running: Running) -> None:
    queue(running, {"status": 500, "times": 3})

    first = running.bulk_update([row()])
    pending = running.http.get(running.url + "/_mock/faults").json()["faults"]
    rest = [running.bulk_update([row()]).status_code for _ in range(3)]

    assert first.status_code == 500
    assert [fault["times"] for fault in pending] == [2]
    assert rest == [500, 500, 200]
    assert running.http.get(running.url + "/_mock/faults").json() == {"faults": []}
    # The journal shows the fault as it was when taken.
    assert [e["fault"]["times"] for e in journal(running) if e["fault"]] == [3, 2, 1]


def test_path_limits_a_fault_to_matching_calls(running: Running) -> None:
    queue(running, {"status": 500, "path": "/Bulk/CustomActivity/Update"})
    queue(running, {"status": 400, "path": "/no/such/endpoint"})

    other = running.http.get(running.url + "/v2/Elsewhere", params=running.keys)
    hit = running.bulk_update([row()])
    after = running.bulk_update([row()])

    assert other.status_code == 404
    assert other.json()["ExceptionType"] == "MXAPINotFoundException"
    assert hit.status_code == 500
    assert after.status_code == 200
    pending = running.http.get(running.url + "/_mock/faults").json()["faults"]
    assert [fault["path"] for fault in pending] == ["/no/such/endpoint"]


def test_a_fault_comes_before_the_keys_are_checked(running: Running) -> None:
    queue(running, {"status": 429, "message": "slow down"})

    answer = running.http.post(running.url + BULK_UPDATE, json=[row()])

    assert answer.status_code == 429
    assert answer.json()["ExceptionMessage"] == "slow down"
    assert running.http.post(running.url + BULK_UPDATE, json=[row()]).status_code == 401


def test_admin_calls_never_consume_faults(running: Running) -> None:
    queue(running, {"status": 500})

    assert running.http.get(running.url + "/_mock/health").status_code == 200
    assert running.http.get(running.url + "/_mock/activities").status_code == 200

    assert running.bulk_update([row()]).status_code == 500


def test_delete_faults_empties_the_queue(running: Running) -> None:
    queue(running, [{"status": 500}, {"kind": "drop"}])

    cleared = running.http.delete(running.url + "/_mock/faults", headers=ADMIN_CLIENT)

    assert cleared.status_code == 200
    assert cleared.json() == {"status": "cleared"}
    assert running.http.get(running.url + "/_mock/faults").json() == {"faults": []}
    assert running.bulk_update([row()]).status_code == 200


def test_post_faults_answers_the_queued_faults_with_defaults(running: Running) -> None:
    answer = queue(running, [{"kind": "latency", "latency_seconds": 0.01}, {}])

    assert answer.json() == {
        "queued": [
            {
                "kind": "latency",
                "status": 500,
                "message": None,
                "exception_type": None,
                "latency_seconds": 0.01,
                "times": 1,
                "path": None,
            },
            {
                "kind": "status",
                "status": 500,
                "message": None,
                "exception_type": None,
                "latency_seconds": 0.0,
                "times": 1,
                "path": None,
            },
        ]
    }
    schemas = shipped_schemas()
    assert all(schemas.is_valid("fault", fault) for fault in answer.json()["queued"])


STATUSES = "[400, 401, 404, 429, 500]"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"status": 503}, f"$.status: 503 is not one of {STATUSES}"),
        (
            {"kind": "explode"},
            "$.kind: 'explode' is not one of ['status', 'latency', 'drop', 'truncate']",
        ),
        ({"times": 0}, "$.times: 0 is less than the minimum of 1"),
        (
            {"latency_seconds": -1, "kind": "latency"},
            "$.latency_seconds: -1 is less than the minimum of 0",
        ),
        ({"colour": "red"}, "$.colour: unknown key 'colour'"),
        ({"kind": "latency"}, "a latency fault needs latency_seconds above 0"),
        ([{"status": 500}, {"status": 418}], f"$[1].status: 418 is not one of {STATUSES}"),
    ],
)
def test_bad_fault_is_refused_whole_with_the_path(
    running: Running, body: Any, problem: str
) -> None:
    answer = running.http.post(running.url + "/_mock/faults", json=body)

    assert assert_envelope(answer, 400, "MXInvalidInputException") == f"Invalid Input! {problem}"
    assert running.http.get(running.url + "/_mock/faults").json() == {"faults": []}


def test_an_empty_list_of_faults_is_refused(running: Running) -> None:
    answer = running.http.post(running.url + "/_mock/faults", json=[])

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message.startswith("Invalid Input! $ must be a non-empty array")
    assert running.http.get(running.url + "/_mock/faults").json() == {"faults": []}


def test_a_status_fault_can_play_a_logical_500(running: Running) -> None:
    queue(
        running,
        {
            "status": 500,
            "exception_type": "MXInvalidInputException",
            "message": "Invalid Input! Parameter Name: activity",
        },
    )

    answer = running.bulk_update([{"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b"}])

    assert assert_envelope(answer, 500, "MXInvalidInputException").endswith("Name: activity")
    entry = running.emulator.journal.entries()[-1]
    assert entry["fault"]["exception_type"] == "MXInvalidInputException"
    assert entry["contract"] == []


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [
        ("/_mock/faults", {"": 1}, "$."),
        ("/_mock/faults", [{"status": 500, "": 1}], "$[0]."),
        ("/_mock/config", {"": 1}, "$."),
    ],
)
def test_an_empty_key_is_refused_as_unknown_not_a_server_error(
    running: Running, path: str, body: Any, where: str
) -> None:
    answer = running.http.request(
        "PATCH" if path.endswith("config") else "POST", running.url + path, json=body
    )

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message == f"Invalid Input! {where}: unknown key ''"
    assert running.emulator.faults.pending() == []


def test_the_fault_queue_is_bounded_and_a_list_past_it_is_refused_whole(running: Running) -> None:
    half = {"kind": "latency", "latency_seconds": 0.01, "path": "/nowhere"}
    queue(running, [half] * (MAX_QUEUED_FAULTS // 2 + 1))

    refused = running.http.post(
        running.url + "/_mock/faults", json=[half] * (MAX_QUEUED_FAULTS // 2)
    )
    too_many = running.http.post(running.url + "/_mock/faults", json=[{}] * 120_000)

    assert "at most 1000 faults may be queued" in assert_envelope(refused, 400)
    assert "at most 1000 faults may be queued" in assert_envelope(too_many, 400)
    pending = running.http.get(running.url + "/_mock/faults").json()["faults"]
    assert len(pending) == MAX_QUEUED_FAULTS // 2 + 1


def test_the_fault_queue_takes_exactly_its_bound_and_not_one_more(running: Running) -> None:
    fault = {"kind": "latency", "latency_seconds": 0.01, "path": "/nowhere"}
    queue(running, [fault] * (MAX_QUEUED_FAULTS - 1))
    queue(running, fault)  # the last one the bound allows

    one_more = running.http.post(running.url + "/_mock/faults", json=fault)

    message = assert_envelope(one_more, 400)
    assert f"at most 1000 faults may be queued: {MAX_QUEUED_FAULTS} are, and 1 more" in message
    pending = running.http.get(running.url + "/_mock/faults").json()["faults"]
    assert len(pending) == MAX_QUEUED_FAULTS


def test_the_docs_state_the_fault_queues_bound() -> None:
    said = (ROOT / "docs" / "control-plane.md").read_text()

    assert f"At most\n{MAX_QUEUED_FAULTS:,} faults are queued at once" in said
