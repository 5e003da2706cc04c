"""PATCH /_mock/config, POST /_mock/clock and POST /_mock/reset change what the API does next."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import CHOICES
from support.paths import BULK_UPDATE
from support.running import Running

ACTIVITY_ID = "bb9205fd-81b8-4d44-bf74-26f90e11790b"
ROW = {"ProspectActivityId": ACTIVITY_ID, "Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}]}


def patch(running: Running, body: dict[str, Any]) -> dict[str, Any]:
    answer = running.http.patch(running.url + "/_mock/config", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def statuses(running: Running, count: int) -> list[int]:
    return [running.bulk_update([ROW]).status_code for _ in range(count)]


def test_rate_limit_patch_takes_effect_on_the_next_call(running: Running) -> None:
    patch(running, {"rate_limit": {"calls": 3, "seconds": 10}})

    codes = statuses(running, 4)
    refused = running.bulk_update([ROW])

    assert codes == [200, 200, 200, 429]
    assert refused.json() == {
        "Status": "Error",
        "ExceptionType": "MXAPIRateLimitExceededException",
        "ExceptionMessage": "API calls exceeded the limit of 3 in 10 second(s)",
    }


def test_rate_limit_zero_turns_the_limit_off(running: Running) -> None:
    patch(running, {"rate_limit": {"calls": 0, "seconds": 5}})

    assert set(statuses(running, 30)) == {200}


def test_clock_advance_lets_the_rate_limit_window_pass(running: Running) -> None:
    patch(running, {"rate_limit": {"calls": 2, "seconds": 5}})
    assert statuses(running, 3) == [200, 200, 429]

    moved = running.http.post(running.url + "/_mock/clock", json={"advance": 5.5})

    assert moved.status_code == 200
    assert statuses(running, 3) == [200, 200, 429]


def test_clock_moves_change_modified_on_of_the_next_update(running: Running) -> None:
    running.http.post(running.url + "/_mock/clock", json={"advance": 3600})
    running.bulk_update([ROW])
    after_advance = running.emulator.store.activity(ACTIVITY_ID)["ModifiedOn"]

    running.http.post(running.url + "/_mock/clock", json={"set": "2031-02-03 04:05:06"})
    running.bulk_update([ROW])
    after_set = running.http.get(f"{running.url}/_mock/activities/{ACTIVITY_ID}").json()

    assert after_advance == "2027-01-15 09:00:00"
    assert after_set["ModifiedOn"] == "2031-02-03 04:05:06"
    events = running.http.get(running.url + "/_mock/events").json()["events"]
    assert [e["Timestamp"] for e in events] == ["2027-01-15 09:00:00", "2031-02-03 04:05:06"]


def test_credentials_swap_refuses_old_keys_and_accepts_new_ones(running: Running) -> None:
    old = dict(running.keys)
    new = {"accessKey": "u$rnewaccess", "secretKey": "newsecret"}

    config = patch(
        running,
        {"credentials": [{"access_key": new["accessKey"], "secret_key": new["secretKey"]}]},
    )

    url = running.url + BULK_UPDATE
    with_old = running.http.post(url, params=old, json=[ROW])
    with_new = running.http.post(url, params=new, json=[ROW])
    with_new_headers = running.http.post(
        url,
        json=[ROW],
        headers={"x-LSQ-AccessKey": new["accessKey"], "x-LSQ-SecretKey": new["secretKey"]},
    )
    assert config["credentials"] == [{"access_key": "u$rnewaccess", "secret_key": "newsecret"}]
    assert with_old.status_code == 401
    assert with_old.json()["ExceptionType"] == "MXUnAuthorizedAccessException"
    assert with_new.status_code == 200
    assert with_new_headers.status_code == 200


def test_several_key_pairs_are_all_accepted(running: Running) -> None:
    patch(
        running,
        {
            "credentials": [
                {"access_key": running.keys["accessKey"], "secret_key": running.keys["secretKey"]},
                {"access_key": "u$rsecond", "secret_key": "second"},
            ]
        },
    )

    second = running.http.post(
        running.url + BULK_UPDATE,
        params={"accessKey": "u$rsecond", "secretKey": "second"},
        json=[ROW],
    )

    assert second.status_code == 200
    assert running.bulk_update([ROW]).status_code == 200


def test_latency_patch_delays_every_api_answer_but_not_admin_calls(running: Running) -> None:
    patch(running, {"latency_seconds": 0.2})

    answer = running.bulk_update([ROW])
    slept_for_the_call = list(running.fake_time.slept)
    running.http.get(running.url + "/_mock/health")
    slept_for_the_admin_call = list(running.fake_time.slept)
    patch(running, {"latency_seconds": 0})
    running.bulk_update([ROW])

    assert answer.status_code == 200
    assert slept_for_the_call == [0.2]
    assert slept_for_the_admin_call == [0.2]
    assert running.fake_time.slept == [0.2]


def test_reset_restores_config_clock_and_empties_journal_events_faults(running: Running) -> None:
    start_config = running.http.get(running.url + "/_mock/config").json()
    seeded = running.emulator.store.activities()
    patch(
        running,
        {
            "rate_limit": {"calls": 1, "seconds": 60},
            "credentials": [{"access_key": "u$rother", "secret_key": "other"}],
            "journal_limit": 3,
            "journal_bytes": 4096,
        },
    )
    running.http.post(running.url + "/_mock/clock", json={"advance": 86_400})
    running.http.post(
        running.url + BULK_UPDATE,
        params={"accessKey": "u$rother", "secretKey": "other"},
        json=[ROW],
    )
    running.http.post(running.url + "/_mock/faults", json={"status": 500, "times": 5})

    answer = running.http.post(running.url + "/_mock/reset", json={})

    assert answer.status_code == 200
    assert running.http.get(running.url + "/_mock/config").json() == start_config
    assert running.http.get(running.url + "/_mock/clock").json()["epoch"] == 1_800_000_000.0
    assert running.http.get(running.url + "/_mock/requests").json() == {
        "requests": [],
        "dropped": 0,
        "limit": start_config["journal_limit"],
        "byte_limit": start_config["journal_bytes"],
    }
    events = running.http.get(running.url + "/_mock/events").json()
    assert events["events"] == []
    assert events["dropped"] == 0
    assert running.http.get(running.url + "/_mock/faults").json() == {"faults": []}
    assert running.emulator.store.activities() == seeded
    assert statuses(running, 2) == [200, 200], "old keys work again, the window was emptied"


def test_reset_empties_the_rate_limit_window(running: Running) -> None:
    patch(running, {"rate_limit": {"calls": 25, "seconds": 5}})
    assert statuses(running, 26)[-1] == 429

    running.http.post(running.url + "/_mock/reset", json={})

    assert running.bulk_update([ROW]).status_code == 200


def test_python_api_has_the_same_powers(running: Running) -> None:
    emulator = running.emulator
    emulator.configure({"rate_limit": {"calls": 1, "seconds": 5}})
    emulator.faults.add(Fault(status=404, message="gone"))

    assert running.bulk_update([ROW]).status_code == 404
    assert running.bulk_update([ROW]).status_code == 200
    assert running.bulk_update([ROW]).status_code == 429
    emulator.clock.advance(6)
    assert running.bulk_update([ROW]).status_code == 200
    assert [e["status"] for e in emulator.journal.entries()] == [404, 200, 429, 200]
    assert len(emulator.events.entries()) == 2

    emulator.reset(empty=True)

    assert emulator.store.counts() == {"ActivityTypes": 0, "Leads": 0, "Activities": 0}
    assert emulator.journal.entries() == []


def test_a_config_patch_leaves_the_settings_object_unchanged(running: Running) -> None:
    settings = running.emulator.settings
    before = dataclasses.replace(settings)

    patched = patch(
        running,
        {
            "rate_limit": {"calls": 1, "seconds": 60},
            "credentials": [{"access_key": "u$rother", "secret_key": "other"}],
            "latency_seconds": 0.01,
            "journal_limit": 3,
            "webhook_url": "http://127.0.0.1:9/hook",
        },
    )

    assert running.emulator.settings is settings
    assert settings == before == Settings(seed=default_seed_path(), bulk_rate_limit=RateLimit(0))
    assert running.http.get(running.url + "/_mock/config").json() == patched
    assert patched["rate_limit"] == {"calls": 1, "seconds": 60}
    assert running.emulator.credentials[0].access_key == "u$rother"


def test_reset_returns_to_the_settings_values(running: Running) -> None:
    patch(
        running,
        {
            "plan": "lite",
            "journal_limit": 3,
            "journal_bytes": 4096,
            "rate_limit_status": 200,
        },
    )

    running.http.post(running.url + "/_mock/reset", json={})

    settings = running.emulator.settings
    assert running.http.get(running.url + "/_mock/config").json() == {
        "rate_limit": {"calls": settings.rate_limit.calls, "seconds": settings.rate_limit.seconds},
        "bulk_rate_limit": {
            "calls": settings.bulk_rate_limit.calls,
            "seconds": settings.bulk_rate_limit.seconds,
        },
        "credentials": [
            {"access_key": pair.access_key, "secret_key": pair.secret_key}
            for pair in settings.credentials
        ],
        "latency_seconds": settings.latency_seconds,
        "journal_limit": settings.journal_limit,
        "journal_bytes": settings.journal_bytes,
        "webhook_url": settings.webhook_url,
        "plan": settings.plan,
        **{name: getattr(settings, name) for name in CHOICES},
    }


def test_settings_cannot_be_changed_in_place() -> None:
    settings = Settings(credentials=[Settings().primary])  # type: ignore[arg-type]

    assert settings.credentials == (Settings().primary,)
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.rate_limit = settings.rate_limit  # type: ignore[misc]
