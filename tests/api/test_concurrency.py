"""Eight threads over HTTP at once: rows apply whole, the last writer wins, nothing is lost.

Also: the rate limiter admits at most N calls in any window while threads race for it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
import requests

from lsq_mock import Clock, RateLimit, Settings
from lsq_mock.ratelimit import Exceeded, TenantLimiter
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE
from support.running import Running

THREADS = 8
SECONDS = 2.0
# Site Visit activities: each row writes one tag into three places, which must always agree.
TARGETS = ["0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6", "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"]


@pytest.fixture(name="settings")
def unlimited_settings() -> Settings:
    """No rate limit for the update race; the limiter test installs its own."""
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def _row(activity_id: str, tag: str) -> dict[str, Any]:
    return {
        "ProspectActivityId": activity_id,
        "ActivityNote": tag,
        "Fields": [
            {"SchemaName": "mx_Custom_1", "Value": tag},
            {"SchemaName": "mx_Custom_8", "Value": tag},
        ],
    }


def _tags(activity: dict[str, Any]) -> set[str]:
    fields = activity["Fields"]
    return {activity["ActivityNote"], fields["mx_Custom_1"], fields["mx_Custom_8"]}


def _run_threads(work: Any) -> None:
    threads = [threading.Thread(target=work, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)


def test_parallel_overlapping_updates_apply_whole_and_the_last_writer_wins(
    running: Running,
) -> None:
    sent = Counter[str]()
    updated: list[str] = []
    torn: list[set[str]] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def writer(number: int) -> None:
        with requests.Session() as http:
            count = 0
            while time.perf_counter() < deadline:
                tags = [f"t{number}-{count}-{index}" for index in range(len(TARGETS))]
                order = TARGETS if count % 2 == 0 else TARGETS[::-1]
                rows = [_row(a, tag) for a, tag in zip(order, tags, strict=True)]
                answer = http.post(
                    running.url + BULK_UPDATE, params=running.keys, json=rows, timeout=10
                )
                with lock:
                    sent["calls"] += 1
                    updated.extend(
                        tag
                        for tag, result in zip(tags, answer.json()["Response"], strict=True)
                        if result["ActivityUpdated"]
                    )
                for activity_id in TARGETS:
                    seen = _tags(running.emulator.store.activity(activity_id))
                    if len(seen) != 1:
                        torn.append(seen)
                count += 1

    _run_threads(writer)
    assert not torn, f"half-applied rows seen: {torn[:3]}"
    assert len(updated) == sent["calls"] * len(TARGETS)
    events = running.emulator.events.entries()
    assert running.emulator.events.dropped == 0
    applied = [
        change["NewValue"]
        for e in events
        for change in e["Changes"]
        if change["SchemaName"] == "mx_Custom_1"
    ]
    assert sorted(applied) == sorted(updated)
    for activity_id in TARGETS:
        last = [e for e in events if e["ProspectActivityId"] == activity_id][-1]
        final = running.emulator.store.activity(activity_id)
        assert _tags(final) == {
            change["NewValue"]
            for change in last["Changes"]
            if change["SchemaName"] == "mx_Custom_1"
        }
    journal = running.emulator.journal
    assert len(journal.entries()) + journal.dropped == sent["calls"]


class _RecordingLimiter(TenantLimiter):
    """A limiter on a clock that ticks on every read, noting each admitted call's time."""

    def __init__(self, limit: RateLimit, tick: float):
        self._ticks = 0
        self._tick = tick
        self._reads = threading.local()
        self._source_lock = threading.Lock()
        self.admitted_at: list[float] = []
        super().__init__(limit, RateLimit(0), Clock(self._read))

    def _read(self) -> float:
        with self._source_lock:
            self._ticks += 1
            self._reads.now = self._ticks * self._tick
            return self._reads.now

    def try_acquire(self, *, bulk: bool = False) -> Exceeded | None:
        exceeded = super().try_acquire(bulk=bulk)
        if exceeded is None:
            self.admitted_at.append(self._reads.now)
        return exceeded


def test_the_limiter_never_admits_more_than_n_in_any_window(running: Running) -> None:
    limit = RateLimit(5, 1.0)
    limiter = _RecordingLimiter(limit, tick=0.02)
    running.emulator.limiter = limiter
    statuses = Counter[int]()
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS / 2

    def caller(number: int) -> None:
        with requests.Session() as http:
            while time.perf_counter() < deadline:
                answer = http.post(
                    running.url + BULK_UPDATE,
                    params=running.keys,
                    json=[{"ProspectActivityId": TARGETS[0]}],
                    timeout=10,
                )
                with lock:
                    statuses[answer.status_code] += 1

    _run_threads(caller)
    assert set(statuses) == {200, 429}
    admitted = sorted(limiter.admitted_at)
    assert len(admitted) == statuses[200]
    for index, moment in enumerate(admitted):
        in_window = [t for t in admitted[: index + 1] if t > moment - limit.seconds]
        assert len(in_window) <= limit.calls, (moment, in_window)
