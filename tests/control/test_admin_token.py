"""With an admin token set, /_mock/ needs it; the emulated /v2 API is not affected."""

from __future__ import annotations

import pytest

from lsq_mock import Settings
from lsq_mock.resources import default_seed_path
from support.running import Running

TOKEN = "t"
ROW = {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b", "Fields": []}


@pytest.fixture
def settings() -> Settings:
    return Settings(seed=default_seed_path(), admin_token=TOKEN)


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("GET", "/_mock/requests"),
        ("GET", "/_mock/config"),
        ("POST", "/_mock/reset"),
        ("PATCH", "/_mock/config"),
        ("POST", "/_mock/faults"),
        ("DELETE", "/_mock/requests"),
        ("POST", "/_mock/clock"),
    ],
)
def test_admin_calls_without_the_token_get_a_401_envelope(
    running: Running, method: str, route: str
) -> None:
    answer = running.http.request(method, running.url + route, json={})

    assert answer.status_code == 401
    assert answer.json() == {
        "Status": "Error",
        "ExceptionType": "MXUnAuthorizedAccessException",
        "ExceptionMessage": "The admin API needs the admin token",
    }


@pytest.mark.parametrize(
    "headers",
    [
        {"X-LSQ-Mock-Token": "wrong"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "Basic dDp0"},
        {"Authorization": f"Bearer {TOKEN}x"},
    ],
)
def test_a_wrong_token_gets_401(running: Running, headers: dict[str, str]) -> None:
    answer = running.http.get(running.url + "/_mock/requests", headers=headers)

    assert answer.status_code == 401


@pytest.mark.parametrize(
    "headers", [{"X-LSQ-Mock-Token": TOKEN}, {"Authorization": f"Bearer {TOKEN}"}]
)
def test_the_token_in_either_header_is_accepted(running: Running, headers: dict[str, str]) -> None:
    config = running.http.get(running.url + "/_mock/config", headers=headers)
    queued = running.http.post(running.url + "/_mock/faults", json={"status": 500}, headers=headers)

    assert config.status_code == 200
    assert queued.status_code == 201
    assert running.bulk_update([ROW]).status_code == 500


def test_a_refused_admin_call_changes_nothing(running: Running) -> None:
    running.http.post(running.url + "/_mock/reset", json={"empty": True})
    running.http.post(running.url + "/_mock/faults", json={"status": 500})

    assert running.emulator.store.counts()["Activities"] > 0
    assert running.emulator.faults.pending() == []


def test_the_v2_api_does_not_need_the_admin_token(running: Running) -> None:
    answer = running.bulk_update([ROW])

    assert answer.status_code == 200
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert len(running.emulator.journal.entries()) == 1


@pytest.mark.parametrize("headers", [{}, {"X-LSQ-Mock-Token": "wrong"}])
def test_health_answers_without_the_token_and_tells_nothing_else(
    running: Running, headers: dict[str, str]
) -> None:
    answer = running.http.get(running.url + "/_mock/health", headers=headers)

    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "instance_id": running.emulator.instance_id}
