"""DateTime values over real HTTP: stored as UTC 'YYYY-MM-DD HH:MM:SS' whatever the host's zone,
and each tolerated layout journaled with the note that names what is wrong with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from support.calls import post, row
from support.envelope import assert_envelope
from support.paths import BULK_ADD, CREATE
from support.running import Running
from support.seeded import DEMO, FAKE_START_UTC, LEAD, VISIT
from support.zones import HOST_ZONES, host_zone

NON_STANDARD = [
    # (sent, stored, what the note says is wrong with it)
    ("2026-11-20T10:30:00", "2026-11-20 10:30:00", "a 'T' separator"),
    ("2026-11-20t10:30:00", "2026-11-20 10:30:00", "a 'T' separator"),
    ("2026-11-20T10:30", "2026-11-20 10:30:00", "a 'T' separator"),
    ("2026-11-20T10:30:00Z", "2026-11-20 10:30:00", "a 'T' separator and a timezone"),
    ("2026-11-20T16:00:00+05:30", "2026-11-20 10:30:00", "a 'T' separator and a timezone"),
    ("2026-11-20T23:30:00-02:00", "2026-11-21 01:30:00", "a 'T' separator and a timezone"),
    ("2026-11-20 05:30:00-05:00", "2026-11-20 10:30:00", "a timezone"),
    ("2026-11-20 10:30:00Z", "2026-11-20 10:30:00", "a timezone"),
    ("2026-11-20 16:00:00+0530", "2026-11-20 10:30:00", "a timezone"),
    ("2026-11-20 10:30:00.000", "2026-11-20 10:30:00", "fractional seconds"),
    ("2026-11-20 10:30:00.999999", "2026-11-20 10:30:00", "fractional seconds"),
    ("2026-11-20 10:30", "2026-11-20 10:30:00", "a non-standard layout"),
    ("2026-11-20", "2026-11-20 00:00:00", "a non-standard layout"),
    # Python reads the '+' as the separator and 05:30 as the time: no zone to name.
    ("2026-11-20+05:30", "2026-11-20 05:30:00", "a non-standard layout"),
]
ZONED = [(sent, stored) for sent, stored, problem in NON_STANDARD if "timezone" in problem]


@pytest.fixture(params=list(HOST_ZONES))
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The host in each of several zones in turn (UTC, east and west of it)."""
    with host_zone(request.param):
        yield request.param


def note(sent: str, stored: str, problem: str) -> str:
    """The whole journaled message for a DateTime the API tolerates but should not get."""
    return (
        f"DateTime must be UTC 'YYYY-MM-DD HH:MM:SS'; {sent!r} has {problem} "
        f"(the emulator stored {stored!r})"
    )


@pytest.mark.parametrize(("sent", "stored", "problem"), NON_STANDARD)
def test_a_non_standard_datetime_is_stored_as_utc_and_journaled_with_its_cause(
    running: Running, sent: str, stored: str, problem: str
) -> None:
    rows = [
        row(DEMO, ("mx_Custom_1", "ok")),
        row(VISIT, ("mx_Custom_1", "x"), ("mx_Custom_4", sent)),
    ]

    answer = running.bulk_update(rows)

    assert answer.json()["Response"][1] == {"RowNumber": 2, "ActivityUpdated": True}
    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_4"] == stored
    assert running.emulator.journal.entries()[-1]["contract"] == [
        {
            "path": "$[1].Fields[1].Value",
            "rule": "datetime-format",
            "kind": "contract",
            "message": note(sent, stored, problem),
            "value": sent,
            "row": 2,
        }
    ]


def test_a_tolerated_datetime_is_noted_once_whatever_follows_it_in_the_row(
    running: Running,
) -> None:
    sent, stored, problem = NON_STANDARD[0]

    running.bulk_update([row(VISIT, ("mx_Custom_4", sent), ("mx_Custom_2", "3"), ("Status", "x"))])

    assert [
        (v["path"], v["message"]) for v in running.emulator.journal.entries()[-1]["contract"]
    ] == [("$[0].Fields[0].Value", note(sent, stored, problem))]


@pytest.mark.parametrize(("sent", "stored"), ZONED)
def test_an_offset_is_converted_to_utc_whatever_the_hosts_zone(
    running: Running, zone: str, sent: str, stored: str
) -> None:
    running.bulk_update([row(VISIT, ("mx_Custom_4", sent))])

    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_4"] == stored


def test_an_activitys_own_time_is_utc_whatever_the_hosts_zone(running: Running, zone: str) -> None:
    sent: dict[str, Any] = {
        "RelatedProspectId": LEAD,
        "ActivityEvent": 203,
        "ActivityDateTime": "2026-11-20T16:00:00+05:30",
    }
    posted = post(running, CREATE, sent).json()["Message"]["Id"]
    stamped = post(running, CREATE, {"RelatedProspectId": LEAD, "ActivityEvent": 203})

    assert running.emulator.store.activity(posted)["CreatedOn"] == "2026-11-20 10:30:00"
    stamped_id = stamped.json()["Message"]["Id"]
    assert running.emulator.store.activity(stamped_id)["CreatedOn"] == FAKE_START_UTC
    assert running.emulator.journal.entries()[-1]["timestamp"] == "2027-01-15T08:00:00.000Z"


def test_a_standard_datetime_is_stored_as_sent_with_no_note(running: Running) -> None:
    running.bulk_update([row(VISIT, ("mx_Custom_4", "2026-11-20 10:30:00"))])

    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_4"] == "2026-11-20 10:30:00"
    assert running.emulator.journal.entries()[-1]["contract"] == []


OUT_OF_RANGE = [
    # Valid as written, but past year 1 or 9999 once the offset is taken away.
    ("0001-01-01 00:00:00+05:30", "mx_Custom_4 (DateTime) falls outside years 1 to 9999 in UTC"),
    ("9999-12-31 23:59:59-05:30", "mx_Custom_4 (DateTime) falls outside years 1 to 9999 in UTC"),
]


@pytest.mark.parametrize(("sent", "refusal"), OUT_OF_RANGE)
def test_an_offset_that_leaves_the_calendar_fails_the_row_not_the_server(
    running: Running, sent: str, refusal: str
) -> None:
    before = running.emulator.store.activity(VISIT)

    answer = running.bulk_update([row(VISIT, ("mx_Custom_4", sent))])

    assert answer.json() == {
        "Response": [
            {
                "RowNumber": 1,
                "ActivityUpdated": False,
                "ExceptionType": "MXInvalidInputException",
                "ExceptionMessage": f"{refusal}; got {sent!r}",
            }
        ]
    }
    assert running.emulator.store.activity(VISIT) == before


def test_an_activity_time_past_the_calendar_is_a_logical_error(running: Running) -> None:
    sent = {
        "RelatedProspectId": LEAD,
        "ActivityEvent": 203,
        "ActivityDateTime": "9999-12-31 23:59:59-05:30",
    }

    answer = post(running, CREATE, sent)

    assert assert_envelope(answer, 500, "MXInvalidInputException") == (
        "ActivityDateTime (DateTime) falls outside years 1 to 9999 in UTC; "
        "got '9999-12-31 23:59:59-05:30'"
    )


def test_a_refused_activity_time_fails_its_row_and_is_journaled_with_the_value_sent(
    running: Running,
) -> None:
    refusal = (
        "ActivityDateTime (DateTime) needs a UTC date and time as YYYY-MM-DD HH:MM:SS; "
        "got 'yesterday'"
    )
    rows = [{"RelatedProspectId": LEAD, "ActivityEvent": 203, "ActivityDateTime": "yesterday"}]

    answer = post(running, BULK_ADD, rows)

    assert answer.json()["Response"] == [
        {
            "RowNumber": 1,
            "ActivityCreated": False,
            "ProspectActivityId": None,
            "ExceptionType": "MXInvalidInputException",
            "ExceptionMessage": refusal,
        }
    ]
    assert running.emulator.journal.entries()[-1]["contract"] == [
        {
            "path": "$[0].ActivityDateTime",
            "rule": "invalid-value:DateTime",
            "kind": "contract",
            "message": refusal,
            "value": "yesterday",
            "row": 1,
        }
    ]


def test_a_seed_value_past_the_calendar_is_refused_with_its_path(running: Running) -> None:
    activity = {
        "ProspectActivityId": "seeded-1",
        "ActivityEvent": 203,
        "RelatedProspectId": LEAD,
        "Fields": {"mx_Custom_4": "0001-01-01 00:00:00+05:30"},
    }

    answer = running.http.post(running.url + "/_mock/seed", json={"Activities": [activity]})

    assert assert_envelope(answer, 400, "MXInvalidInputException") == (
        "Invalid seed! $.Activities[0].Fields.mx_Custom_4: mx_Custom_4 (DateTime) falls outside "
        "years 1 to 9999 in UTC; got '0001-01-01 00:00:00+05:30'"
    )


def test_a_year_before_1000_is_stored_with_four_digits(running: Running) -> None:
    running.bulk_update([row(VISIT, ("mx_Custom_4", "0099-03-04T05:06:07"))])

    assert running.emulator.store.activity(VISIT)["Fields"]["mx_Custom_4"] == "0099-03-04 05:06:07"
