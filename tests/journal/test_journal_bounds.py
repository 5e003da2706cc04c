"""The journal and the event log are bounded by bytes, not only by count: whatever a client
sends, an entry stays small (bodies cut with their length and hash, texts clipped, violations
capped and counted) and the oldest entries go once the byte budget is spent."""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS
from lsq_mock.journal.exchange import BODY_KEPT_BYTES, TEXT_KEPT_CHARS
from lsq_mock.journal.log import BoundedLog, footprint
from lsq_mock.resources import default_seed_path
from lsq_mock.serving.memory import release_large_blocks
from lsq_mock.settings import DEFAULT_JOURNAL_BYTES
from support.calls import JSON, post_raw
from support.markdown import ROOT
from support.paths import BULK_UPDATE
from support.running import Running, serving
from support.seeded import DEMO

BUDGET = 512 * 1024


@pytest.fixture
def small_budget() -> Iterator[Running]:
    """A served emulator whose journal and event log may each hold only BUDGET bytes."""
    settings = Settings(
        seed=default_seed_path(), journal_bytes=BUDGET, bulk_rate_limit=RateLimit(0)
    )
    with serving(settings) as running:
        yield running


def journal(running: Running) -> dict[str, Any]:
    answer = running.http.get(running.url + "/_mock/requests", timeout=5)
    assert answer.status_code == 200
    body = answer.json()
    assert all(shipped_schemas().is_valid("journal-entry", e) for e in body["requests"])
    return body


def note_update(size: int) -> list[dict[str, Any]]:
    """A valid one-row update whose note holds `size` characters."""
    return [{"ProspectActivityId": DEMO, "ActivityNote": "n" * size}]


def test_a_large_body_is_journaled_cut_with_its_length_and_hash(running: Running) -> None:
    data = json.dumps(note_update(300_000)).encode()

    answer = post_raw(running, data, JSON)

    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    entry = journal(running)["requests"][-1]
    assert entry["body"] == data[:BODY_KEPT_BYTES].decode()
    assert entry["body_truncated"] == {
        "length": len(data),
        "kept": BODY_KEPT_BYTES,
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    assert entry["response"] == answer.json()
    assert entry["response_truncated"] is None


def test_a_small_body_is_journaled_whole_as_json(running: Running) -> None:
    rows = note_update(10)

    running.bulk_update(rows)

    entry = journal(running)["requests"][-1]
    assert entry["body"] == rows
    assert entry["body_truncated"] is None
    assert entry["contract_omitted"] == 0
    assert entry["contract_omitted_capped"] is False


NUMBERS = [{"SchemaName": "mx_Custom_2", "Value": n} for n in range(200)]


@pytest.mark.parametrize(
    ("rows", "first_path", "omitted", "capped"),
    [
        # 1,000 values sent as numbers, not strings: each counted; and what the store journals
        # after the schema's violations: 199 repeats of a field in each row, 4 repeats of the
        # activity.
        (
            [{"ProspectActivityId": DEMO, "Fields": NUMBERS}] * 5,
            "$[0].Fields[0].Value",
            5 * 200 - MAX_VIOLATIONS + 5 * 199 + 4,
            False,
        ),
        # 5,000 such values: the schema's count stops past MAX_COUNTED ("more than"), the
        # store's journaled repeats are counted on.
        (
            [{"ProspectActivityId": DEMO, "Fields": NUMBERS}] * 25,
            "$[0].Fields[0].Value",
            MAX_COUNTED + 25 * 199 + 24,
            True,
        ),
        (
            [{"ProspectActivityId": DEMO, **{f"x{n:03}": n for n in range(200)}}] * 25,
            "$[0].x000",
            MAX_COUNTED + 24,
            True,
        ),
    ],
    ids=["numbers", "numbers-past-the-count", "unknown-keys"],
)
def test_violations_are_capped_and_the_rest_counted(
    running: Running, rows: list[Any], first_path: str, omitted: int, capped: bool
) -> None:
    answer = running.http.post(
        running.url + BULK_UPDATE, params=running.keys, json=rows, timeout=30
    )

    assert answer.status_code == 200
    entry = journal(running)["requests"][-1]
    assert len(entry["contract"]) == MAX_VIOLATIONS
    assert entry["contract"][0]["path"] == first_path
    assert entry["contract_omitted"] == omitted
    assert entry["contract_omitted_capped"] is capped


def test_a_huge_unknown_key_is_clipped_in_the_journal(running: Running) -> None:
    key = "k" * 100_000

    answer = post_raw(running, json.dumps([{"ProspectActivityId": DEMO, key: 1}]), JSON)

    assert answer.status_code == 200
    (violation,) = journal(running)["requests"][-1]["contract"]
    assert violation["rule"] == "contract:unknown-key"
    assert len(violation["path"]) == len(violation["message"]) == TEXT_KEPT_CHARS + 1
    assert violation["path"].endswith("…")


def test_a_call_of_an_unknown_path_is_journaled_without_its_body(running: Running) -> None:
    path = "/v2/" + "x" * 5_000
    data = b"z" * 100_000

    answer = running.http.post(running.url + path, params=running.keys, data=data, timeout=5)

    assert answer.status_code == 404
    assert len(answer.json()["ExceptionMessage"]) < 2 * TEXT_KEPT_CHARS
    entry = journal(running)["requests"][-1]
    assert entry["body"] is None
    assert entry["body_truncated"] == {"length": len(data), "kept": 0, "sha256": None}
    assert entry["path"] == path[:TEXT_KEPT_CHARS] + "…"
    assert entry["query"]["secretKey"] == "***"


def test_the_journal_keeps_within_its_byte_budget(small_budget: Running) -> None:
    data = json.dumps(note_update(200_000)).encode()
    for _ in range(20):
        assert post_raw(small_budget, data, JSON).status_code == 200

    body = journal(small_budget)

    assert 1 <= len(body["requests"]) < 20
    assert body["dropped"] == 20 - len(body["requests"])
    assert body["byte_limit"] == BUDGET
    assert [e["seq"] for e in body["requests"]] == list(range(21 - len(body["requests"]), 21))
    assert small_budget.emulator.journal.bytes_held <= BUDGET


def test_the_event_log_keeps_within_the_same_budget(small_budget: Running) -> None:
    for n in range(20):
        assert small_budget.bulk_update(note_update(50_000 + n)).status_code == 200

    events = small_budget.http.get(small_budget.url + "/_mock/events", timeout=5).json()

    assert 1 <= len(events["events"]) < 20
    assert events["dropped"] == 20 - len(events["events"])
    assert len(events["events"][-1]["Changes"][0]["NewValue"]) == 50_019, events["events"][-1]
    assert small_budget.emulator.events.bytes_held <= BUDGET


def test_the_byte_budget_is_shown_and_patched_like_the_entry_limit(running: Running) -> None:
    for _ in range(4):
        post_raw(running, json.dumps(note_update(100_000)), JSON)
    config = running.http.get(running.url + "/_mock/config", timeout=5).json()
    assert config["journal_bytes"] == DEFAULT_JOURNAL_BYTES == 32 * 1024 * 1024
    assert len(journal(running)["requests"]) == 4

    patched = running.http.patch(
        running.url + "/_mock/config", json={"journal_bytes": 150_000}, timeout=5
    )

    assert patched.json()["journal_bytes"] == 150_000
    body = journal(running)
    assert [e["seq"] for e in body["requests"]] == [3, 4]
    assert body["dropped"] == 2


class Blob(NamedTuple):
    data: bytes

    def to_dict(self) -> dict[str, Any]:
        return {"size": len(self.data)}


def test_the_log_counts_what_its_entries_hold_and_keeps_the_newest() -> None:
    log = BoundedLog(100, Blob, byte_limit=250_000)
    assert footprint(Blob(b"x" * 100_000)) > 100_000

    for size in (100_000, 100_000, 100_000, 1_000_000):
        log.append(Blob(b"x" * size))

    assert [e["size"] for e in log.entries()] == [1_000_000]  # over the budget alone: kept
    assert log.dropped == 3
    log.resize(100, 2_000_000)
    log.append(Blob(b"y"))
    assert [e["size"] for e in log.entries()] == [1_000_000, 1]


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_large_blocks_are_given_back_under_glibc() -> None:
    """What keeps `lsq-mock serve`'s RSS near its budget (benchmarks/bench_memory.py)."""
    assert release_large_blocks() is True


def test_the_docs_state_where_counting_stops() -> None:
    said = " ".join((ROOT / "docs" / "control-plane.md").read_text().split())

    assert f"at most {MAX_VIOLATIONS} violations are described" in said
    assert f"up to {MAX_COUNTED:,} of the schema's beyond those described" in said
