"""The write rules over real HTTP, as a user reads them back: each refusal's whole row answer,
and each violation journaled whole (path, rule, message, value, row), on every write endpoint."""

from __future__ import annotations

import re
from typing import Any

from support.calls import last_exchange, post, row
from support.envelope import assert_envelope
from support.paths import BULK_ADD, CREATE, UPDATE
from support.running import Running
from support.seeded import DEMO, FAKE_START_UTC, LEAD, VISIT

GUID = re.compile(r"[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}")
DEMO_TYPE = "'Product Demo' (ActivityEvent 203)"
INVALID = "MXInvalidInputException"


OUTCOMES = {"unknown-activity", "unknown-activity-type", "mandatory-field", "unknown-lead"}
OUTCOMES |= {"wrong-activity-type", "duplicate-entry"}
"""The rules whose breach is the tenant's data's doing (issue 23's "outcome" findings)."""


def violation(
    path: str, rule: str, message: str, value: Any, row: int | None, hint: str | None = None
) -> dict[str, Any]:
    """A journaled violation, as GET /_mock/requests shows it (a near miss adds its hint)."""
    kind = "outcome" if rule.split(":")[0] in OUTCOMES else "contract"
    found = {"path": path, "rule": rule, "kind": kind, "message": message, "value": value}
    return found | {"row": row} | ({"hint": hint} if hint else {})


def failed(number: int, exception_type: str, message: str) -> dict[str, Any]:
    """A bulk update's answer for a refused row."""
    return {
        "RowNumber": number,
        "ActivityUpdated": False,
        "ExceptionType": exception_type,
        "ExceptionMessage": message,
    }


def test_a_field_sent_twice_in_a_row_is_journaled_and_the_last_value_wins(
    running: Running,
) -> None:
    answer = running.bulk_update([row(DEMO, ("mx_Custom_1", "a"), ("mx_Custom_1", "b"))])

    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "b"
    message = "$[0].Fields[1].SchemaName 'mx_Custom_1' is sent twice in row 1; the last value wins"
    assert last_exchange(running)["contract"] == [
        violation("$[0].Fields[1].SchemaName", "duplicate-field", message, "mx_Custom_1", 1)
    ]


def test_a_field_sent_twice_in_one_activity_is_journaled_without_a_row(running: Running) -> None:
    answer = post(running, UPDATE, row(DEMO, ("mx_Custom_1", "a"), ("mx_Custom_1", "b")))

    assert answer.json() == {"Status": "Success", "Message": {"Id": DEMO}}
    message = (
        "$.Fields[1].SchemaName 'mx_Custom_1' is sent twice in this activity; the last value wins"
    )
    assert last_exchange(running)["contract"] == [
        violation("$.Fields[1].SchemaName", "duplicate-field", message, "mx_Custom_1", None)
    ]


def test_an_update_naming_another_type_fails_its_row(running: Running) -> None:
    before = running.emulator.store.activity(DEMO)

    answer = running.bulk_update([row(DEMO, ("mx_Custom_1", "a"), ActivityEvent=201)])

    message = f"ActivityEvent 201 is not the type of activity '{DEMO}' ({DEMO_TYPE})"
    assert answer.json() == {"Response": [failed(1, INVALID, message)]}
    assert last_exchange(running)["contract"][-1] == violation(
        "$[0].ActivityEvent", "wrong-activity-type", message, 201, 1
    )
    assert running.emulator.store.activity(DEMO) == before


def test_an_update_naming_its_own_type_applies_even_as_text(running: Running) -> None:
    answer = running.bulk_update([row(DEMO, ("mx_Custom_1", "a"), ActivityEvent="203")])

    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert running.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "a"


def test_an_unknown_field_and_an_unknown_activity_are_journaled_whole(running: Running) -> None:
    unknown = "ffffffff-0000-4000-8000-000000000000"
    rows = [row(DEMO, ("mx_Custom_9", "a")), row(unknown, ("mx_Custom_1", "a"))]

    answer = running.bulk_update(rows)

    not_a_field = f"'mx_Custom_9' is not a field of activity type {DEMO_TYPE}"
    no_activity = f"Activity '{unknown}' does not exist in the system"
    assert answer.json() == {
        "Response": [
            failed(1, INVALID, not_a_field),
            failed(2, "MXInvalidEntityException", no_activity),
        ]
    }
    assert last_exchange(running)["contract"] == [
        violation(
            *("$[0].Fields[0].SchemaName", "unknown-field", not_a_field, "mx_Custom_9", 1),
            "did you mean 'mx_Custom_5' (Reference), 'mx_Custom_4' (Demo Time) or 'mx_Custom_3' "
            "(Product)?",
        ),
        violation("$[1].ProspectActivityId", "unknown-activity", no_activity, unknown, 2),
    ]


def test_skipping_the_option_check_holds_on_the_full_checks_path(running: Running) -> None:
    """A value that needs the full checks (a DateTime to convert) takes the whole row there."""
    fields = (("mx_Custom_6", "Postponed"), ("mx_Custom_4", "2026-11-20T10:30:00Z"))

    answer = running.bulk_update([row(VISIT, *fields, ValidateDropDownOptions=True)])

    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    stored = running.emulator.store.activity(VISIT)["Fields"]
    assert (stored["mx_Custom_6"], stored["mx_Custom_4"]) == ("Postponed", "2026-11-20 10:30:00")


def test_bulk_add_answers_and_journals_each_row_on_its_own(running: Running) -> None:
    rows = [
        {"RelatedProspectId": LEAD, "ActivityEvent": 203},
        {"RelatedProspectId": LEAD, "ActivityEvent": 999},
        {
            "RelatedProspectId": LEAD,
            "ActivityEvent": 202,
            "Fields": [{"SchemaName": "mx_Custom_2", "Value": "Car"}],
        },
        {"RelatedProspectId": LEAD, "ActivityEvent": 203, "ActivityDateTime": "2026-11-20T10:00Z"},
        {"RelatedProspectId": "no-such-lead", "ActivityEvent": 203},
    ]

    results = post(running, BULK_ADD, rows).json()["Response"]

    first, fourth = results[0]["ProspectActivityId"], results[3]["ProspectActivityId"]
    unknown_type = "Event Code is invalid or empty"
    mandatory = "mx_Custom_1 is mandatory for activity type 'Loan Application' (ActivityEvent 202)"
    no_lead = "Lead does not exist in the system"
    assert results == [
        {
            "RowNumber": 1,
            "ActivityCreated": True,
            "ProspectActivityId": first,
            "ExceptionMessage": None,
        },
        {
            "RowNumber": 2,
            "ActivityCreated": False,
            "ProspectActivityId": None,
            "ExceptionType": "MXInvalidActivityException",
            "ExceptionMessage": unknown_type,
        },
        {
            "RowNumber": 3,
            "ActivityCreated": False,
            "ProspectActivityId": None,
            "ExceptionType": "MXMandatoryAttributeMissingException",
            "ExceptionMessage": mandatory,
        },
        {
            "RowNumber": 4,
            "ActivityCreated": True,
            "ProspectActivityId": fourth,
            "ExceptionMessage": None,
        },
        {
            "RowNumber": 5,
            "ActivityCreated": False,
            "ProspectActivityId": None,
            "ExceptionType": "MXInvalidEntityException",
            "ExceptionMessage": no_lead,
        },
    ]
    note = (
        "DateTime must be UTC 'YYYY-MM-DD HH:MM:SS'; '2026-11-20T10:00Z' has a 'T' separator "
        "and a timezone (the emulator stored '2026-11-20 10:00:00')"
    )
    assert last_exchange(running)["contract"] == [
        violation(
            "$[1].ActivityEvent",
            "unknown-activity-type",
            unknown_type,
            999,
            2,
            "ActivityEvent 999 is no activity type of the tenant; its codes are 201, 202, 203",
        ),
        violation("$[2].Fields", "mandatory-field", mandatory, "mx_Custom_1", 3),
        violation("$[3].ActivityDateTime", "datetime-format", note, "2026-11-20T10:00Z", 4),
        violation("$[4].RelatedProspectId", "unknown-lead", no_lead, "no-such-lead", 5),
    ]
    assert running.emulator.store.activity(fourth)["CreatedOn"] == "2026-11-20 10:00:00"


def test_a_posted_activity_is_stored_whole_with_a_new_guid(running: Running) -> None:
    body = {"RelatedProspectId": LEAD, "ActivityEvent": 203, "ActivityDateTime": ""}

    ids = [post(running, CREATE, body).json()["Message"]["Id"] for _ in range(2)]

    assert all(GUID.fullmatch(activity_id) for activity_id in ids) and ids[0] != ids[1]
    assert running.emulator.store.activity(ids[0]) == {
        "ProspectActivityId": ids[0],
        "ActivityEvent": 203,
        "RelatedProspectId": LEAD,
        "ActivityNote": None,
        "Status": None,
        "Owner": None,
        "Fields": {},
        "CreatedOn": FAKE_START_UTC,
        "ModifiedOn": FAKE_START_UTC,
    }


def test_a_posted_activity_with_a_bad_time_is_refused_naming_the_key(running: Running) -> None:
    body = {"RelatedProspectId": LEAD, "ActivityEvent": 203, "ActivityDateTime": "yesterday"}

    message = assert_envelope(post(running, CREATE, body), 500, INVALID)

    assert message == (
        "ActivityDateTime (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; "
        "got 'yesterday'"
    )
    assert [(v["path"], v["rule"]) for v in last_exchange(running)["contract"]] == [
        ("$.ActivityDateTime", "invalid-value:DateTime")
    ]


def test_bulk_add_journals_a_rows_own_number_and_an_unknown_email(running: Running) -> None:
    fields = [{"SchemaName": "mx_Custom_1", "Value": value} for value in ("a", "b")]
    rows = [
        {"RelatedProspectId": LEAD, "ActivityEvent": 203, "Fields": fields},
        {"EmailAddress": "nobody@example.com", "ActivityEvent": 203},
    ]

    results = post(running, BULK_ADD, rows).json()["Response"]

    assert [result["ActivityCreated"] for result in results] == [True, False]
    twice = "$[0].Fields[1].SchemaName 'mx_Custom_1' is sent twice in row 1; the last value wins"
    no_lead = "Lead does not exist in the system"
    assert last_exchange(running)["contract"][-2:] == [
        violation("$[0].Fields[1].SchemaName", "duplicate-field", twice, "mx_Custom_1", 1),
        violation("$[1].EmailAddress", "unknown-lead", no_lead, "nobody@example.com", 2),
    ]
