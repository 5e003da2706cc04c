"""Bulk updates from several threads while another one queues faults and resets: no surprises."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO

CHAOS = "chaos"
RUN_SECONDS = 1.2
ROWS = [
    {
        "ProspectActivityId": DEMO,
        "Fields": [{"SchemaName": "mx_Custom_1", "Value": "busy"}],
    },
    {
        "ProspectActivityId": "0f8c6d2e-1a3b-4c5d-9e7f-a1b2c3d4e5f6",
        "Fields": [{"SchemaName": "mx_Custom_2", "Value": "7"}],
    },
    {"ProspectActivityId": "no-such-activity", "Fields": []},
]
FAULTS: list[dict[str, Any]] = [
    {"status": 500, "message": CHAOS},
    {"status": 429, "message": CHAOS},
    {"kind": "truncate"},
    {"kind": "drop"},
    {"kind": "latency", "latency_seconds": 0.01},
]


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def classify(running: Running, stop: threading.Event, problems: list[str], seen: list[str]) -> None:
    with requests.Session() as http:
        while not stop.is_set():
            try:
                answer = http.post(
                    running.url + BULK_UPDATE,
                    params=running.keys,
                    json=ROWS,
                    timeout=5,
                )
            except requests.ConnectionError:
                seen.append("dropped")
                continue
            try:
                body = answer.json()
            except requests.JSONDecodeError:
                seen.append("truncated")
                if answer.status_code != 200:
                    problems.append(f"truncated {answer.status_code}")
                continue
            if answer.status_code == 200:
                flags = [row["ActivityUpdated"] for row in body["Response"]]
                if flags != [True, True, False]:
                    problems.append(f"unexpected rows {body}")
                seen.append("ok")
            elif answer.status_code in (429, 500) and body.get("ExceptionMessage") == CHAOS:
                seen.append("injected")
            else:
                problems.append(f"{answer.status_code} {body}")


def test_updates_faults_and_resets_at_once(running: Running) -> None:
    seeded = running.emulator.store.activities()
    stop = threading.Event()
    problems: list[str] = []
    seen: list[str] = []
    workers = [
        threading.Thread(target=classify, args=(running, stop, problems, seen)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    admin_answers: list[int] = []
    with requests.Session() as admin:
        deadline = time.monotonic() + RUN_SECONDS
        round_ = 0
        while time.monotonic() < deadline:
            fault = FAULTS[round_ % len(FAULTS)]
            admin_answers.append(admin.post(running.url + "/_mock/faults", json=fault).status_code)
            if round_ % 3 == 2:
                admin_answers.append(admin.post(running.url + "/_mock/reset", json={}).status_code)
            admin_answers.append(admin.get(running.url + "/_mock/requests").status_code)
            round_ += 1
            time.sleep(0.005)
        stop.set()
    for worker in workers:
        worker.join(10)

    assert not any(worker.is_alive() for worker in workers)
    assert problems == []
    assert set(admin_answers) <= {200, 201}
    assert seen.count("ok") > 10
    assert {"injected", "truncated", "dropped"} <= set(seen)
    health = running.http.get(running.url + "/_mock/health")
    assert health.json() == {"status": "ok", "instance_id": running.emulator.instance_id}
    final = running.http.post(running.url + "/_mock/reset", json={})
    assert final.status_code == 200
    assert running.emulator.store.activities() == seeded
    assert running.http.get(running.url + "/_mock/requests").json()["requests"] == []
    assert running.bulk_update(ROWS[:1]).status_code == 200
