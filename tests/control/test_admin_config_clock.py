"""/_mock/config and /_mock/clock over real HTTP: what they answer, what they change, and the
400 envelope (with the path) for a body that would leave either half-changed."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.contract.schemaset import shipped_schemas
from support.envelope import refused_at
from support.running import Running


def test_get_config_answers_the_settings_in_force(running: Running) -> None:
    answer = running.http.get(running.url + "/_mock/config")

    assert answer.status_code == 200
    config = answer.json()
    assert shipped_schemas().is_valid("admin-config", config)
    assert config["rate_limit"] == {"calls": 25, "seconds": 5.0}
    assert config["credentials"] == [
        {"access_key": running.keys["accessKey"], "secret_key": running.keys["secretKey"]}
    ]
    assert config["latency_seconds"] == 0.0
    assert config["journal_limit"] == 10_000
    assert config["webhook_url"] is None


def test_patch_config_answers_the_whole_new_config(running: Running) -> None:
    answer = running.http.patch(
        running.url + "/_mock/config", json={"latency_seconds": 0.01, "journal_limit": 50}
    )

    assert answer.status_code == 200
    config = answer.json()
    assert config["latency_seconds"] == 0.01
    assert config["journal_limit"] == 50
    assert config["rate_limit"] == {"calls": 25, "seconds": 5.0}
    assert running.http.get(running.url + "/_mock/config").json() == config


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"speed": 3}, "$.speed"),
        ({"rate_limit": {"calls": -1, "seconds": 5}}, "$.rate_limit.calls"),
        ({"rate_limit": {"calls": 5}}, "$.rate_limit.seconds"),
        ({"credentials": []}, "$.credentials"),
        ({"credentials": [{"access_key": "a"}]}, "$.credentials[0].secret_key"),
        ({"latency_seconds": 61}, "$.latency_seconds"),
        ({"journal_limit": 0}, "$.journal_limit"),
        ({"webhook_url": "ftp://x"}, "$.webhook_url"),
        ({"latency_seconds": 1, "bogus": True}, "$.bogus"),
    ],
)
def test_bad_config_is_refused_whole_with_the_path(
    running: Running, patch: dict[str, Any], path: str
) -> None:
    before = running.http.get(running.url + "/_mock/config").json()

    answer = running.http.patch(running.url + "/_mock/config", json=patch)

    refused_at(answer, path)
    assert running.http.get(running.url + "/_mock/config").json() == before


def test_get_clock_answers_the_emulator_time(running: Running) -> None:
    answer = running.http.get(running.url + "/_mock/clock")

    assert answer.status_code == 200
    assert answer.json() == {"now": "2027-01-15 08:00:00", "epoch": 1_800_000_000.0}


def test_post_clock_advances_sets_and_returns_to_real_time(running: Running) -> None:
    url = running.url + "/_mock/clock"

    advanced = running.http.post(url, json={"advance": 90}).json()
    set_to = running.http.post(url, json={"set": "2030-05-06T07:08:09Z"}).json()
    set_space = running.http.post(url, json={"set": "2030-05-06 07:08:10"}).json()
    real = running.http.post(url, json={"real": True}).json()

    assert advanced == {"now": "2027-01-15 08:01:30", "epoch": 1_800_000_090.0}
    assert set_to["now"] == "2030-05-06 07:08:09"
    assert set_space["now"] == "2030-05-06 07:08:10"
    assert real == {"now": "2027-01-15 08:00:00", "epoch": 1_800_000_000.0}


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({}, "$"),
        ({"advance": 1, "real": True}, "$"),
        ({"advance": "10"}, "$.advance"),
        ({"real": False}, "$.real"),
        ({"set": "tomorrow"}, "$.set"),
        ({"set": "2030-13-45 10:00:00"}, "$.set"),
        ({"rewind": 5}, "$.rewind"),
        ({"advance": 1e300}, "$.advance"),
    ],
)
def test_bad_clock_body_is_refused_and_the_clock_kept(
    running: Running, body: dict[str, Any], path: str
) -> None:
    answer = running.http.post(running.url + "/_mock/clock", json=body)

    refused_at(answer, path)
    assert running.http.get(running.url + "/_mock/clock").json()["epoch"] == 1_800_000_000.0
    assert running.http.get(running.url + "/_mock/health").status_code == 200
