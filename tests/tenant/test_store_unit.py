"""Unit tests of the pieces under the HTTP layer: store seeding, field checks, clock, logs."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any, NamedTuple

import pytest

from lsq_mock import Clock
from lsq_mock.contract.fields import InvalidValue, check_value
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.errors import EntityNotFound, InvalidInput
from lsq_mock.journal.log import BoundedLog
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.tenant import TenantStore
from support.seeded import DEMO

SEED: dict[str, Any] = load_json(default_seed_path())


def _store(seed: dict[str, Any] | None = None) -> TenantStore:
    store = TenantStore(shipped_schemas(), Clock(lambda: 1_800_000_000.0))
    store.load(seed if seed is not None else SEED)
    return store


def test_seed_loads_every_type_and_activity() -> None:
    assert _store().counts() == {"ActivityTypes": 3, "Leads": 4, "Activities": 5}


def test_seed_with_duplicate_activity_is_refused_whole() -> None:
    seed = copy.deepcopy(SEED)
    seed["Activities"].append(copy.deepcopy(seed["Activities"][0]))
    store = TenantStore(shipped_schemas(), Clock())
    with pytest.raises(InvalidInput) as refused:
        store.load(seed)
    message = f"Invalid seed! $.Activities[5].ProspectActivityId '{DEMO}' appears twice"
    assert refused.value.message == str(refused.value) == message  # str(): what a traceback shows
    assert store.counts() == {"ActivityTypes": 0, "Leads": 0, "Activities": 0}


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("mx_Custom_99", "x", "is not a field of activity type 'Site Visit' (ActivityEvent 201)"),
        (
            "mx_Custom_6",
            "Nope",
            ": 'Nope' is not an option of mx_Custom_6 (options: Scheduled; Completed; Cancelled)",
        ),
    ],
)
def test_seed_with_bad_field_is_refused(field: str, value: str, problem: str) -> None:
    seed = copy.deepcopy(SEED)
    seed["Activities"][1]["Fields"][field] = value
    with pytest.raises(InvalidInput) as caught:
        _store(seed)
    path = f"$.Activities[1].Fields.{field}"
    assert (caught.value.path, caught.value.rule) == (path, "invalid-seed")
    separator = "" if problem.startswith(":") else " "
    assert caught.value.message == f"Invalid seed! {path}{separator}{problem}"


def test_unknown_activity_lookup_raises() -> None:
    with pytest.raises(EntityNotFound) as refused:
        _store().activity("nope")
    assert refused.value.message == "Activity 'nope' does not exist in the system"


def test_store_returns_copies() -> None:
    store = _store()
    activity = store.activity(DEMO)
    activity["Fields"]["mx_Custom_1"] = "mutated"
    assert store.activity(activity["ProspectActivityId"])["Fields"]["mx_Custom_1"] == "Intro"


@pytest.mark.parametrize(
    ("data_type", "value"),
    [
        ("Date", "2023-02-29"),
        ("DateTime", "2023-04-31 00:00:00"),
        ("DateTime", "2023-01-01 24:00:00"),
    ],
)
def test_impossible_dates_are_refused(data_type: str, value: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        check_value({"SchemaName": "f", "DataType": data_type}, value)
    layout = (
        "a date as YYYY-MM-DD"
        if data_type == "Date"
        else ("a UTC date and time as YYYY-MM-DD HH:MM:SS")
    )
    assert str(refused.value) == f"f ({data_type}) needs {layout}; got {value!r}"


def test_dropdown_check_can_be_skipped() -> None:
    field = {"SchemaName": "f", "DataType": "Dropdown", "Options": ["A"]}
    with pytest.raises(InvalidValue):
        check_value(field, "B")
    assert check_value(field, "B", validate_dropdown=False).value == "B"


def test_clock_advance_and_set() -> None:
    clock = Clock(lambda: 1_800_000_000.0)
    clock.advance(60)
    assert clock.now() == 1_800_000_060.0
    clock.set(datetime(2030, 1, 1, 12, 0, 0))
    assert clock.utcnow() == datetime(2030, 1, 1, 12, 0, 0)
    clock.reset()
    assert clock.now() == 1_800_000_000.0


class Numbered(NamedTuple):
    """A log record for the tests: kept as a tuple, read as a dict."""

    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "Changes": [{"SchemaName": "mx_Custom_1"}]}


def test_bounded_log_keeps_newest_and_counts_dropped() -> None:
    log = BoundedLog(3, Numbered)
    for n in range(5):
        log.append(Numbered(n))
    assert [e["n"] for e in log.entries()] == [2, 3, 4]
    assert [e["seq"] for e in log.entries()] == [3, 4, 5]
    assert log.dropped == 2


def test_bounded_log_readers_get_fresh_dicts() -> None:
    log = BoundedLog(5, Numbered)
    log.append(Numbered(1))
    first = log.entries()[0]
    first["Changes"][0]["SchemaName"] = "changed"
    first.pop("seq")
    assert log.entries()[0] == {"n": 1, "Changes": [{"SchemaName": "mx_Custom_1"}], "seq": 1}
