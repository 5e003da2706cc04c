"""Row semantics of the bulk update over real HTTP: independence, atomicity, events, journal."""

from __future__ import annotations

from typing import Any

import pytest

from support.calls import contract, post_raw, row, snapshot
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import ALL_IDS, DEMO, FAKE_START_UTC, LOAN, LOAN_2, VISIT, VISIT_2

UNKNOWN_ID = "ffffffff-0000-4000-8000-000000000000"


def _results(running: Running, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    answer = running.bulk_update(rows)
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    return answer.json()["Response"]


def test_rows_are_numbered_from_one_in_order(running: Running) -> None:
    rows = [row(i, ("mx_Custom_1", "n")) for i in (DEMO, UNKNOWN_ID, LOAN_2, VISIT)]
    results = _results(running, rows)
    assert [r["RowNumber"] for r in results] == [1, 2, 3, 4]
    assert [r["ActivityUpdated"] for r in results] == [True, False, False, True]


def test_one_bad_row_never_fails_the_others(running: Running) -> None:
    rows = [
        row(DEMO, ("mx_Custom_1", "good one")),
        row(VISIT, ("mx_Custom_2", "not a number")),
        row(UNKNOWN_ID, ("mx_Custom_1", "x")),
        row(LOAN, ("mx_Custom_4", "Pune West")),
        row(VISIT_2, ("mx_Nope", "x")),
    ]
    results = _results(running, rows)
    assert results[0] == {"RowNumber": 1, "ActivityUpdated": True}
    assert results[3] == {"RowNumber": 4, "ActivityUpdated": True}
    assert [r["ActivityUpdated"] for r in results] == [True, False, False, True, False]
    store = running.emulator.store
    assert store.activity(DEMO)["Fields"]["mx_Custom_1"] == "good one"
    assert store.activity(LOAN)["Fields"]["mx_Custom_4"] == "Pune West"
    for failed in results[1], results[2], results[4]:
        assert set(failed) == {"RowNumber", "ActivityUpdated", "ExceptionType", "ExceptionMessage"}


def test_a_row_with_one_bad_field_applies_none_of_its_fields(running: Running) -> None:
    before = running.emulator.store.activity(VISIT)
    rows = [
        {
            "ProspectActivityId": VISIT,
            "ActivityNote": "should not be kept",
            "Fields": [
                {"SchemaName": "mx_Custom_1", "Value": "changed"},
                {"SchemaName": "mx_Custom_2", "Value": "9"},
                {"SchemaName": "mx_Custom_6", "Value": "Postponed"},
                {"SchemaName": "Status", "Value": "Closed"},
            ],
        }
    ]
    message = (
        "'Postponed' is not an option of mx_Custom_6 (options: Scheduled; Completed; Cancelled)"
    )
    assert _results(running, rows) == [
        {
            "RowNumber": 1,
            "ActivityUpdated": False,
            "ExceptionType": "MXInvalidInputException",
            "ExceptionMessage": message,
        }
    ]
    assert running.emulator.store.activity(VISIT) == before
    assert running.emulator.events.entries() == []
    assert contract(running) == [("$[0].Fields[2].Value", "invalid-value:Dropdown")]


def test_unknown_field_after_good_fields_applies_none(running: Running) -> None:
    before = running.emulator.store.activity(DEMO)
    rows = [row(DEMO, ("mx_Custom_1", "changed"), ("mx_Custom_9", "x"))]
    (result,) = _results(running, rows)
    assert result["ExceptionType"] == "MXInvalidInputException"
    assert result["ExceptionMessage"] == (
        "'mx_Custom_9' is not a field of activity type 'Product Demo' (ActivityEvent 203)"
    )
    assert running.emulator.store.activity(DEMO) == before
    assert contract(running) == [("$[0].Fields[1].SchemaName", "unknown-field")]


def test_unknown_activity_is_invalid_entity(running: Running) -> None:
    before = snapshot(running)
    (result,) = _results(running, [row(UNKNOWN_ID, ("mx_Custom_1", "x"))])
    assert result == {
        "RowNumber": 1,
        "ActivityUpdated": False,
        "ExceptionType": "MXInvalidEntityException",
        "ExceptionMessage": f"Activity '{UNKNOWN_ID}' does not exist in the system",
    }
    assert snapshot(running) == before
    assert contract(running) == [("$[0].ProspectActivityId", "unknown-activity")]


def test_field_of_another_activity_type_is_invalid_input(running: Running) -> None:
    """mx_Custom_6 exists on Site Visit, not on Loan Application."""
    (result,) = _results(running, [row(LOAN, ("mx_Custom_6", "Completed"))])
    assert result == {
        "RowNumber": 1,
        "ActivityUpdated": False,
        "ExceptionType": "MXInvalidInputException",
        "ExceptionMessage": (
            "'mx_Custom_6' is not a field of activity type 'Loan Application' (ActivityEvent 202)"
        ),
    }


def test_successful_update_sets_modified_on_from_the_clock(running: Running) -> None:
    before = running.emulator.store.activity(VISIT)
    _results(running, [row(VISIT, ("mx_Custom_2", "5"))])
    after = running.emulator.store.activity(VISIT)
    assert after["ModifiedOn"] == FAKE_START_UTC
    assert after["CreatedOn"] == before["CreatedOn"]
    running.fake_time.now += 3661
    _results(running, [row(VISIT, ("mx_Custom_2", "6"))])
    assert running.emulator.store.activity(VISIT)["ModifiedOn"] == "2027-01-15 09:01:01"


def test_failed_row_keeps_modified_on(running: Running) -> None:
    before = running.emulator.store.activity(VISIT)["ModifiedOn"]
    _results(running, [row(VISIT, ("mx_Custom_2", "x"))])
    assert running.emulator.store.activity(VISIT)["ModifiedOn"] == before


def test_update_appends_an_activity_update_event(running: Running) -> None:
    rows = [row(VISIT, ("mx_Custom_2", "5"), ("mx_Custom_6", "Completed"), ("mx_Custom_8", "n"))]
    _results(running, rows)
    (event,) = running.emulator.events.entries()
    assert event["EventType"] == "Activity Update"
    assert event["ProspectActivityId"] == VISIT
    assert event["ActivityEvent"] == 201
    assert event["RelatedProspectId"] == "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d"
    assert event["Timestamp"] == FAKE_START_UTC
    # mx_Custom_6 is already "Completed": not a change
    assert event["Changes"] == [
        {"SchemaName": "mx_Custom_2", "OldValue": "2", "NewValue": "5"},
        {"SchemaName": "mx_Custom_8", "OldValue": None, "NewValue": "n"},
    ]


def test_one_event_per_updated_row(running: Running) -> None:
    rows = [
        row(DEMO, ("mx_Custom_1", "a")),
        row(UNKNOWN_ID, ("mx_Custom_1", "a")),
        row(LOAN, ("mx_Custom_1", "x")),
        row(LOAN_2, ("mx_Custom_4", "Nashik")),
    ]
    results = _results(running, rows)
    updated = [r for r in results if r["ActivityUpdated"]]
    events = running.emulator.events.entries()
    assert len(events) == len(updated) == 2
    assert [e["ProspectActivityId"] for e in events] == [DEMO, LOAN_2]


def test_duplicate_activity_in_batch_is_journaled(running: Running) -> None:
    rows = [
        row(DEMO, ("mx_Custom_1", "first")),
        row(VISIT, ("mx_Custom_2", "1")),
        row(DEMO, ("mx_Custom_1", "second")),
    ]
    results = _results(running, rows)
    assert all(r["ActivityUpdated"] for r in results)
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "second"
    assert running.emulator.journal.entries()[-1]["contract"] == [
        {
            "path": "$[2].ProspectActivityId",
            "rule": "duplicate-activity",
            "kind": "contract",
            "message": (
                f"$[2].ProspectActivityId '{DEMO}' is also row 1 of this batch; "
                "send one row per activity"
            ),
            "value": DEMO,
            "row": 3,
        }
    ]


def test_duplicate_field_in_a_row_is_journaled_last_wins(running: Running) -> None:
    _results(running, [row(DEMO, ("mx_Custom_1", "a"), ("mx_Custom_1", "b"))])
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "b"
    assert contract(running) == [("$[0].Fields[1].SchemaName", "duplicate-field")]


def test_unknown_top_level_row_key_is_a_violation_but_200(running: Running) -> None:
    rows = [row(DEMO, ("mx_Custom_1", "ok"), ActivityDateTime="2026-01-01 00:00:00")]
    answer = running.bulk_update(rows)
    assert answer.status_code == 200
    assert answer.json()["Response"] == [{"RowNumber": 1, "ActivityUpdated": True}]
    assert contract(running) == [("$[0].ActivityDateTime", "contract:unknown-key")]


def test_unknown_key_in_a_field_is_a_violation_but_200(running: Running) -> None:
    rows = [
        {
            "ProspectActivityId": DEMO,
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "ok", "DataType": "String"}],
        }
    ]
    assert _results(running, rows)[0]["ActivityUpdated"] is True
    assert contract(running) == [("$[0].Fields[0].DataType", "contract:unknown-key")]


def test_clean_request_has_no_violation(running: Running) -> None:
    _results(running, [row(DEMO, ("mx_Custom_1", "ok"))])
    entry = running.emulator.journal.entries()[-1]
    assert entry["contract"] == []
    assert entry["status"] == 200
    assert entry["path"] == BULK_UPDATE
    assert entry["method"] == "POST"


def test_row_without_fields_updates_only_the_note(running: Running) -> None:
    results = _results(running, [{"ProspectActivityId": LOAN_2, "ActivityNote": "called"}])
    assert results == [{"RowNumber": 1, "ActivityUpdated": True}]
    assert running.emulator.store.activity(LOAN_2)["ActivityNote"] == "called"


def test_other_activities_are_untouched(running: Running) -> None:
    before = {a["ProspectActivityId"]: a for a in snapshot(running)}
    _results(running, [row(DEMO, ("mx_Custom_1", "only me"))])
    after = {a["ProspectActivityId"]: a for a in snapshot(running)}
    assert set(after) == set(ALL_IDS)
    for activity_id in set(ALL_IDS) - {DEMO}:
        assert after[activity_id] == before[activity_id]


GOOD = [row(DEMO, ("mx_Custom_1", "x"))]
REJECTED: list[tuple[str, int, dict[str, Any], dict[str, Any]]] = [
    # (case, status, query beyond the keys, what requests sends)
    ("400-schema", 400, {}, {"json": [*GOOD, {"Fields": []}]}),
    ("400-26-rows", 400, {}, {"json": GOOD * 26}),
    ("400-content-type", 400, {}, {"data": "[]", "headers": {"Content-Type": "text/plain"}}),
    ("401", 401, {"accessKey": "u$rx", "secretKey": None}, {"json": GOOD}),
]


@pytest.mark.parametrize(
    ("status", "query", "sent"), [case[1:] for case in REJECTED], ids=[c[0] for c in REJECTED]
)
def test_rejected_requests_never_change_the_store(
    running: Running, status: int, query: dict[str, Any], sent: dict[str, Any]
) -> None:
    before = snapshot(running)
    params = {**running.keys, **query}
    answer = running.http.post(running.url + BULK_UPDATE, params=params, **sent)
    assert answer.status_code == status, answer.text
    assert snapshot(running) == before
    assert running.emulator.events.entries() == []


def test_rejected_404_never_changes_the_store(running: Running) -> None:
    before = snapshot(running)
    rows = [row(DEMO, ("mx_Custom_1", "x"))]
    for method, path in (("PUT", BULK_UPDATE), ("POST", BULK_UPDATE + "/")):
        answer = running.http.request(method, running.url + path, params=running.keys, json=rows)
        assert answer.status_code == 404
    assert snapshot(running) == before
    assert running.emulator.events.entries() == []


def test_invalid_json_never_changes_the_store(running: Running) -> None:
    before = snapshot(running)
    text = f'[{{"ProspectActivityId": "{DEMO}", "Fields": [{{"SchemaName": "mx_Custom_1"'
    assert post_raw(running, text, {"Content-Type": "application/json"}).status_code == 400
    assert snapshot(running) == before
