"""GET /_mock/requests: exactly what the client sent, what it was answered, and what was wrong."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT
from support.paths import BULK_UPDATE
from support.running import Running, start_server

ACTIVITY_ID = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
DEMO_TIME = "mx_Custom_4"  # a DateTime field of the seeded activity's type


def journal(running: Running) -> dict[str, Any]:
    answer = running.http.get(running.url + "/_mock/requests")
    assert answer.status_code == 200
    body = answer.json()
    schemas = shipped_schemas()
    for entry in body["requests"]:
        assert schemas.is_valid("journal-entry", entry), schemas.violations(
            "journal-entry", entry, "test"
        )
    return body


def only_entry(running: Running) -> dict[str, Any]:
    [entry] = journal(running)["requests"]
    return entry


def update(value: Any, *, field: str = "mx_Custom_1", **extra: Any) -> dict[str, Any]:
    return {
        "ProspectActivityId": ACTIVITY_ID,
        "Fields": [{"SchemaName": field, "Value": value}],
        **extra,
    }


def rules(entry: dict[str, Any]) -> list[tuple[str, str]]:
    return [(v["path"], v["rule"]) for v in entry["contract"]]


def test_a_clean_call_is_journaled_whole(running: Running) -> None:
    rows = [update("Clean")]

    answer = running.bulk_update(rows, headers={"User-Agent": "my-client/1.0"})

    entry = only_entry(running)
    assert entry["seq"] == 1
    assert entry["timestamp"] == "2027-01-15T08:00:00.000Z"
    assert entry["method"] == "POST"
    assert entry["path"] == BULK_UPDATE
    assert entry["query"] == {"accessKey": running.keys["accessKey"], "secretKey": "***"}
    assert entry["headers"]["User-Agent"] == "my-client/1.0"
    assert entry["headers"]["Content-Type"] == "application/json"
    assert entry["body"] == rows
    assert entry["status"] == 200
    assert entry["response"] == answer.json()
    assert entry["contract"] == []
    assert entry["fault"] is None


def test_the_secret_is_redacted_in_query_and_header(running: Running) -> None:
    secret = running.keys["secretKey"]
    running.bulk_update([update("Q")])
    running.http.post(
        running.url + BULK_UPDATE,
        json=[update("H")],
        headers={"x-LSQ-AccessKey": running.keys["accessKey"], "x-LSQ-SecretKey": secret},
    )

    raw = running.http.get(running.url + "/_mock/requests").text
    by_query, by_header = journal(running)["requests"]

    assert secret not in raw
    assert by_query["query"]["secretKey"] == "***"
    assert by_header["headers"]["x-LSQ-SecretKey"] == "***"
    assert by_header["headers"]["x-LSQ-AccessKey"] == running.keys["accessKey"]
    assert by_header["status"] == 200


def test_a_400_is_journaled_with_its_cause_and_path(running: Running) -> None:
    running.bulk_update([{"ProspectActivityId": ACTIVITY_ID, "Fields": [{"Value": "x"}]}])

    entry = only_entry(running)
    assert entry["status"] == 400
    assert entry["response"]["ExceptionType"] == "MXInvalidInputException"
    first = entry["contract"][0]
    assert first["path"] == "$[0].Fields[0].SchemaName"
    assert first["rule"].startswith("invalid-input")
    assert first["row"] == 1
    assert first["message"] in entry["response"]["ExceptionMessage"]


def test_a_body_that_is_not_json_is_journaled_as_text(running: Running) -> None:
    running.http.post(
        running.url + BULK_UPDATE,
        params=running.keys,
        data="[{oops",
        headers={"Content-Type": "application/json"},
    )

    entry = only_entry(running)
    assert entry["status"] == 400
    assert entry["body"] == "[{oops"
    assert "not valid JSON" in entry["contract"][0]["message"]


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        ({}, "Missing accessKey and secretKey"),
        ({"accessKey": "u$rwrong", "secretKey": "wrong"}, "Invalid accessKey or secretKey"),
    ],
)
def test_a_401_is_journaled_with_its_cause(
    running: Running, keys: dict[str, str], reason: str
) -> None:
    running.http.post(running.url + BULK_UPDATE, params=keys, json=[update("x")])

    entry = only_entry(running)
    assert entry["status"] == 401
    assert entry["contract"] == [
        {
            "path": "$",
            "rule": "auth",
            "kind": "contract",
            "message": entry["response"]["ExceptionMessage"],
            "value": None,
            "row": None,
        }
    ]
    assert reason in entry["contract"][0]["message"]


def test_row_failures_are_journaled_with_row_and_path(running: Running) -> None:
    rows = [
        update("fine"),
        {"ProspectActivityId": "no-such-activity", "Fields": []},
        update("x", field="mx_Custom_99"),
        update("not a number", field="mx_Custom_2"),
    ]

    running.bulk_update(rows)

    entry = only_entry(running)
    assert entry["status"] == 200
    assert [r["ActivityUpdated"] for r in entry["response"]["Response"]] == [
        True,
        False,
        False,
        False,
    ]
    found = {(v["row"], v["path"], v["rule"]) for v in entry["contract"]}
    assert (2, "$[1].ProspectActivityId", "unknown-activity") in found
    assert (3, "$[2].Fields[0].SchemaName", "unknown-field") in found
    assert (4, "$[3].Fields[0].Value", "invalid-value:Number") in found
    assert not any(v["row"] == 1 for v in entry["contract"])


@pytest.mark.parametrize("sent", ["2016-09-18T12:12:12", "2016-09-18 12:12:12+05:30"])
def test_a_tolerated_datetime_is_stored_but_journaled(running: Running, sent: str) -> None:
    answer = running.bulk_update([update(sent, field=DEMO_TIME)])

    assert answer.json()["Response"][0]["ActivityUpdated"] is True
    entry = only_entry(running)
    assert ("$[0].Fields[0].Value", "datetime-format") in rules(entry)
    violation = next(v for v in entry["contract"] if v["rule"] == "datetime-format")
    assert violation["value"] == sent
    assert violation["row"] == 1
    assert violation["message"]


def test_a_duplicate_activity_in_one_batch_is_journaled(running: Running) -> None:
    answer = running.bulk_update([update("a"), update("b")])

    assert [r["ActivityUpdated"] for r in answer.json()["Response"]] == [True, True]
    entry = only_entry(running)
    assert ("$[1].ProspectActivityId", "duplicate-activity") in rules(entry)


def test_an_unknown_key_is_tolerated_but_journaled(running: Running) -> None:
    answer = running.bulk_update([update("a", Colour="red")])

    assert answer.status_code == 200
    entry = only_entry(running)
    assert any(path == "$[0].Colour" for path, _ in rules(entry)), entry["contract"]


def test_journal_is_bounded_oldest_dropped_and_counted() -> None:
    server, emulator, _time = start_server(
        Settings(seed=default_seed_path(), journal_limit=5, bulk_rate_limit=RateLimit(0))
    )
    try:
        with requests.Session() as http:
            keys = {"accessKey": emulator.settings.primary.access_key, "secretKey": "bad"}
            for _ in range(8):
                http.post(server.url + BULK_UPDATE, params=keys, json=[update("x")])
            body = http.get(server.url + "/_mock/requests").json()
    finally:
        server.stop()

    assert [entry["seq"] for entry in body["requests"]] == [4, 5, 6, 7, 8]
    assert body["dropped"] == 3
    assert body["limit"] == 5


def test_events_are_bounded_too() -> None:
    server, emulator, _time = start_server(
        Settings(seed=default_seed_path(), journal_limit=5, bulk_rate_limit=RateLimit(0))
    )
    try:
        credential = emulator.settings.primary
        keys = {"accessKey": credential.access_key, "secretKey": credential.secret_key}
        with requests.Session() as http:
            for number in range(8):
                answer = http.post(
                    server.url + BULK_UPDATE, params=keys, json=[update(f"v{number}")]
                )
                assert answer.status_code == 200
            body = http.get(server.url + "/_mock/events").json()
    finally:
        server.stop()

    assert [event["seq"] for event in body["events"]] == [4, 5, 6, 7, 8]
    assert [event["Changes"][0]["NewValue"] for event in body["events"]] == [
        "v3",
        "v4",
        "v5",
        "v6",
        "v7",
    ]
    assert body["dropped"] == 3
    assert all(shipped_schemas().is_valid("event", event) for event in body["events"])


def test_journal_limit_can_shrink_at_run_time(running: Running) -> None:
    for value in "abcd":
        running.bulk_update([update(value)])

    running.http.patch(running.url + "/_mock/config", json={"journal_limit": 2})

    body = journal(running)
    assert [entry["seq"] for entry in body["requests"]] == [3, 4]
    assert body["limit"] == 2
    assert body["dropped"] == 2


def test_python_api_reads_the_same_journal_and_events(running: Running) -> None:
    running.bulk_update([update("py")])

    over_http = journal(running)["requests"]
    events = running.http.get(running.url + "/_mock/events").json()["events"]

    assert running.emulator.journal.entries() == over_http
    assert running.emulator.events.entries() == events


def test_forgetting_the_journal_keeps_its_numbering(running: Running) -> None:
    running.bulk_update([update("first")])
    running.bulk_update([update("second")])

    forgot = running.http.delete(running.url + "/_mock/requests", headers=ADMIN_CLIENT)
    running.bulk_update([update("third")])
    running.emulator.journal.clear()
    running.bulk_update([update("fourth")])

    assert forgot.json() == {"status": "cleared"}
    body = journal(running)
    assert [entry["seq"] for entry in body["requests"]] == [4]
    assert body["dropped"] == 0, "a forget is not a drop"
    running.http.post(running.url + "/_mock/reset", json={})
    running.bulk_update([update("after reset")])
    assert [entry["seq"] for entry in journal(running)["requests"]] == [5]
