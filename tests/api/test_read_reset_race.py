"""Activity reads while another thread resets the tenant: a read sees the activity and its type
together or not at all, never an activity whose type a reset just removed (which failed the
call with a KeyError before)."""

from __future__ import annotations

import threading
import time

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.paths import BY_EVENT, CREATE, CREATE_TYPE, DETAILS, RETRIEVE
from support.running import Running
from support.seeded import LEAD

RUN_SECONDS = 1.5
CRASHED = "The API call failed"
"""How an unexpected exception answers (a 500 of unknown activity is the live answer, not this)."""
NEW_TYPE = {
    "ActivityEventName": "Race",
    "Score": 0,
    "Direction": 0,
    "Fields": [{"SchemaName": "mx_Custom_1", "DisplayName": "Note", "DataType": "String"}],
}


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))


def _churn(running: Running, stop: threading.Event, latest: list[tuple[str, int]]) -> None:
    """Create a type and an activity of it, publish both, reset (the type goes), again."""
    with requests.Session() as http:
        while not stop.is_set():
            made = http.post(running.url + CREATE_TYPE, params=running.keys, json=NEW_TYPE)
            code = made.json()["Message"]["Id"]
            body = {"RelatedProspectId": LEAD, "ActivityEvent": code, "Fields": []}
            posted = http.post(running.url + CREATE, params=running.keys, json=body)
            latest.append((posted.json()["Message"]["Id"], code))
            running.emulator.reset()


def _read(
    running: Running, stop: threading.Event, latest: list[tuple[str, int]], failed: list[str]
) -> None:
    """Read the newest published activity every way a type is looked up beside it."""
    with requests.Session() as http:
        while not stop.is_set():
            if not latest:
                continue
            activity_id, code = latest[-1]
            answers = [
                http.get(running.url + DETAILS, params={**running.keys, "activityId": activity_id}),
                http.post(
                    running.url + RETRIEVE,
                    params={**running.keys, "leadId": LEAD},
                    json={"Parameter": {"ActivityEvent": code}},
                ),
                http.post(
                    running.url + BY_EVENT,
                    params=running.keys,
                    json={"Parameter": {"ActivityEvent": code}},
                ),
            ]
            failed.extend(a.text for a in answers if CRASHED in a.text)


def test_reads_racing_resets_never_crash(running: Running) -> None:
    stop = threading.Event()
    latest: list[tuple[str, int]] = []
    failed: list[str] = []
    threads = [threading.Thread(target=_churn, args=(running, stop, latest))] + [
        threading.Thread(target=_read, args=(running, stop, latest, failed)) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    time.sleep(RUN_SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)

    assert len(latest) > 5, "the churn never got going"
    assert failed == []
