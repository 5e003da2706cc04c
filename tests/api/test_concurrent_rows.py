"""Concurrent bulk updates over real HTTP: rows are applied whole, never torn, events counted."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO, VISIT, VISIT_2

THREADS = 8
CALLS_PER_THREAD = 20
TARGETS = (DEMO, VISIT, VISIT_2)
# Fields written together by every good row; each row sends one consistent tuple.
TUPLE_FIELDS: dict[str, tuple[str, ...]] = {
    DEMO: ("mx_Custom_1", "mx_Custom_2", "mx_Custom_3", "mx_Custom_5"),
    VISIT: ("mx_Custom_1", "mx_Custom_2", "mx_Custom_8"),
    VISIT_2: ("mx_Custom_1", "mx_Custom_2", "mx_Custom_8"),
}


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def _tuple(activity_id: str, thread: int, call: int) -> tuple[str, ...]:
    """Four values unique to (activity, thread, call): DEMO takes them as its four fields, the
    Site Visits as three fields and the ActivityNote."""
    tag = f"{TARGETS.index(activity_id)}.{thread}.{call}"
    return (f"summary {tag}", str(thread * 1000 + call), f"text {tag}", f"note {tag}")


def _row(activity_id: str, values: tuple[str, ...], *, bad: bool = False) -> dict[str, Any]:
    fields = [
        {"SchemaName": name, "Value": value}
        for name, value in zip(TUPLE_FIELDS[activity_id], values, strict=False)
    ]
    if bad:  # a valid-looking prefix, then a value the API refuses: nothing may be applied
        fields.append({"SchemaName": "mx_Custom_2", "Value": "not a number"})
    note = values[-1] if activity_id != DEMO else None
    return {"ProspectActivityId": activity_id, "ActivityNote": note, "Fields": fields}


def _stored_tuple(activity: dict[str, Any]) -> tuple[Any, ...]:
    fields = activity["Fields"]
    values = tuple(fields.get(name) for name in TUPLE_FIELDS[activity["ProspectActivityId"]])
    if activity["ProspectActivityId"] != DEMO:
        values += (activity["ActivityNote"],)
    return values


def _run_threads(target: Callable[[int], None], count: int) -> None:
    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not any(thread.is_alive() for thread in threads)


def test_concurrent_bulk_updates_never_tear_rows(running: Running) -> None:
    store = running.emulator.store
    sent: dict[str, set[tuple[Any, ...]]] = {a: {_stored_tuple(store.activity(a))} for a in TARGETS}
    refused: dict[str, set[tuple[Any, ...]]] = {a: set() for a in TARGETS}
    updated_rows: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()
    done = threading.Event()
    torn_reads: list[tuple[str, tuple[Any, ...]]] = []

    def writer(thread: int) -> None:
        with requests.Session() as http:
            for call in range(CALLS_PER_THREAD):
                rows, bad_flags = [], []
                for offset in range(len(TARGETS)):
                    activity_id = TARGETS[(thread + call + offset) % len(TARGETS)]
                    values = _tuple(activity_id, thread, call)
                    bad = (thread + call + offset) % 5 == 0
                    rows.append(_row(activity_id, values, bad=bad))
                    bad_flags.append(bad)
                    with lock:
                        (refused if bad else sent)[activity_id].add(values)
                answer = http.post(
                    running.url + BULK_UPDATE, params=running.keys, json=rows, timeout=10
                )
                if answer.status_code != 200:
                    failures.append(answer.text)
                    continue
                results = answer.json()["Response"]
                with lock:
                    updated_rows.append(sum(r["ActivityUpdated"] for r in results))
                if [not r["ActivityUpdated"] for r in results] != bad_flags:
                    failures.append(f"unexpected row results {results}")

    def reader() -> None:
        while not done.is_set():
            for activity_id in TARGETS:
                values = _stored_tuple(store.activity(activity_id))
                with lock:
                    known = values in sent[activity_id]
                if not known and len(torn_reads) < 10:
                    torn_reads.append((activity_id, values))

    watcher = threading.Thread(target=reader)
    watcher.start()
    try:
        _run_threads(writer, THREADS)
    finally:
        done.set()
        watcher.join(timeout=5)

    assert failures == []
    assert torn_reads == []
    events = running.emulator.events.entries()
    assert len(events) == sum(updated_rows) > 0
    assert sum(updated_rows) < THREADS * CALLS_PER_THREAD * len(TARGETS)  # some rows failed
    for activity_id in TARGETS:
        final = _stored_tuple(store.activity(activity_id))
        assert final in sent[activity_id], (activity_id, final)
        assert final not in refused[activity_id]
        # the last event of the activity describes the stored tuple
        last = next(e for e in reversed(events) if e["ProspectActivityId"] == activity_id)
        new_values = {c["SchemaName"]: c["NewValue"] for c in last["Changes"]}
        stored = store.activity(activity_id)
        for name in TUPLE_FIELDS[activity_id]:
            assert new_values[name] == stored["Fields"][name]
