"""GET /_mock/requests?after=&limit=&summary=: what a poller has not seen, in full or as rows."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT, get
from support.envelope import assert_envelope
from support.paths import DETAILS
from support.running import Running, serving
from support.seeded import DEMO, VISIT

GOOD = {"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}]}
BAD = {"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "many"}]}


def read(running: Running, **params: Any) -> dict[str, Any]:
    answer = running.http.get(running.url + "/_mock/requests", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_without_parameters_the_answer_keeps_its_shape(running: Running) -> None:
    running.bulk_update([GOOD])

    assert list(read(running)) == ["requests", "dropped", "limit", "byte_limit"]


def test_after_and_limit_give_only_newer_entries_in_full(running: Running) -> None:
    for _ in range(3):
        running.bulk_update([GOOD])

    newer = read(running, after=1)
    one = read(running, after=1, limit=1)
    none = read(running, after=3)

    assert [entry["seq"] for entry in newer["requests"]] == [2, 3]
    assert newer["requests"] == read(running)["requests"][1:]
    assert [entry["seq"] for entry in one["requests"]] == [2]
    assert none["requests"] == []
    assert (newer["first"], newer["last"]) == (1, 3)
    assert (newer["dropped"], newer["limit"]) == (0, 10_000)


def test_a_summary_is_the_tables_row(running: Running) -> None:
    running.bulk_update([GOOD, BAD])
    get(running, DETAILS, id=DEMO)
    running.http.post(running.url + "/_mock/faults", json={"kind": "truncate"})
    running.bulk_update([GOOD])

    rows = read(running, after=0, summary="true")["requests"]

    schemas = shipped_schemas()
    assert all(schemas.is_valid("journal-summary", row) for row in rows), rows
    bulk, details, truncated = rows
    assert bulk["method"] == "POST" and bulk["path"].endswith("/Bulk/CustomActivity/Update")
    assert (bulk["status"], bulk["rows"], bulk["violations"]) == (
        200,
        {"saved": 1, "failed": 1},
        1,
    )
    assert bulk["fault"] is None
    assert bulk["timestamp"].endswith("Z")
    assert details["rows"] is None and details["seq"] == 2
    assert truncated["fault"] == "truncate" and truncated["rows"] is None


def test_violations_only_applies_to_incremental_reads(running: Running) -> None:
    running.bulk_update([GOOD])
    running.bulk_update([BAD])

    rows = read(running, after=0, summary="true", violations="true")["requests"]

    assert [row["seq"] for row in rows] == [2]


def test_a_bounded_journal_reports_its_oldest_kept_entry() -> None:
    with serving(Settings(seed=default_seed_path(), journal_limit=2)) as bounded:
        for _ in range(3):
            bounded.bulk_update([GOOD])

        answer = read(bounded, after=0, summary="true")

    assert (answer["first"], answer["last"]) == (2, 3)
    assert [row["seq"] for row in answer["requests"]] == [2, 3]


def test_after_a_forget_a_poller_can_tell_its_rows_are_gone(running: Running) -> None:
    running.bulk_update([GOOD])
    running.bulk_update([GOOD])
    seen = read(running, after=0)["last"]

    running.http.delete(running.url + "/_mock/requests", headers=ADMIN_CLIENT)
    answer = read(running, after=seen, summary="true")

    assert answer["requests"] == []
    assert answer["last"] < seen or answer["first"] > seen


@pytest.mark.parametrize(
    ("name", "value"),
    [("after", "-1"), ("after", "x"), ("limit", "0"), ("after", "1" * 40), ("limit", "²")],
)
def test_bad_numbers_get_the_envelope_with_their_parameter(
    running: Running, name: str, value: str
) -> None:
    answer = running.http.get(running.url + "/_mock/requests", params={name: value})

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert name in message
