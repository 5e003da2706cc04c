"""A well-formed call that fails on the tenant's data answers 500 with the MX envelope, as the
live API does; it is the client's mistake (journaled), unlike an injected 500."""

from __future__ import annotations

from lsq_mock import Settings
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path
from support.calls import last_exchange, post
from support.envelope import assert_envelope
from support.paths import UPDATE
from support.running import Running, start_server


def test_a_logical_500_is_journaled_as_the_clients_mistake(running: Running) -> None:
    answer = post(running, UPDATE, {"ProspectActivityId": "no-such-activity", "Fields": []})

    assert_envelope(answer, 500, "MXInvalidEntityException")
    [violation] = last_exchange(running)["contract"]
    assert violation["rule"] == "unknown-activity"
    assert last_exchange(running)["fault"] is None


def test_an_injected_500_is_not_the_clients_mistake(running: Running) -> None:
    running.emulator.faults.add(Fault(status=500))

    answer = post(running, UPDATE, {"ProspectActivityId": "no-such-activity", "Fields": []})

    assert_envelope(answer, 500, "MXUnexpectedException")
    assert last_exchange(running)["contract"] == []


def test_the_setting_answers_logical_errors_400_as_the_emulator_once_did() -> None:
    server, emulator, fake_time = start_server(
        Settings(seed=default_seed_path(), logical_error_status=400)
    )
    try:
        running = Running(server, emulator, fake_time)
        answer = post(running, UPDATE, {"ProspectActivityId": "no-such-activity", "Fields": []})
        assert_envelope(answer, 400, "MXInvalidEntityException")
        assert last_exchange(running)["contract"][0]["rule"] == "unknown-activity"
    finally:
        server.stop()
