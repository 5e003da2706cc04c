"""MockServer: real ports, isolated state, clear bind errors, clean stop."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable

import pytest
import requests

from lsq_mock import Emulator, MockServer, ServerStartError, Settings
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from support.calls import row
from support.paths import BULK_UPDATE
from support.seeded import DEMO

KEYS = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}


def _update(server: MockServer, value: str) -> requests.Response:
    return requests.post(
        server.url_for(BULK_UPDATE),
        params=KEYS,
        json=[row(DEMO, ("mx_Custom_1", value))],
        timeout=5,
    )


def test_port_zero_gives_a_real_port() -> None:
    with MockServer(Settings(seed=default_seed_path())) as server:
        assert server.port > 0
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert _update(server, "x").status_code == 200


def test_two_servers_do_not_share_state() -> None:
    seed = Settings(seed=default_seed_path())
    with MockServer(seed) as first, MockServer(Settings(seed=default_seed_path())) as second:
        assert first.port != second.port
        assert _update(first, "only on the first").status_code == 200
        assert first.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "only on the first"
        assert second.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "Intro"
        assert len(first.emulator.events.entries()) == 1
        assert second.emulator.events.entries() == []
        assert len(second.emulator.journal.entries()) == 0


def test_two_servers_have_separate_rate_limits() -> None:
    with (
        MockServer(Settings(seed=default_seed_path())) as first,
        MockServer(Settings(seed=default_seed_path())) as second,
    ):
        assert _update(first, "x").status_code == 200
        limited = _update(first, "x")
        assert limited.status_code == 429
        assert limited.json()["ExceptionMessage"].endswith("limit of 1 in 5 second(s)")
        assert _update(second, "x").status_code == 200


def test_the_default_seed_by_name_is_the_shipped_seed() -> None:
    with MockServer(Settings(seed="default")) as server:
        by_path = Emulator(Settings(seed=default_seed_path())).store
        assert server.emulator.store.activities() == by_path.activities()
        assert _update(server, "by name").status_code == 200


def test_busy_port_raises_server_start_error_at_construction_and_prints_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerStartError) as raised:
            MockServer(port=port)
    assert str(raised.value) == f"cannot listen on 127.0.0.1:{port}: the port is already in use"
    assert capfd.readouterr() == ("", "")


def test_port_of_a_running_mock_server_is_busy() -> None:
    with MockServer() as server, pytest.raises(ServerStartError):
        MockServer(port=server.port)


def test_context_manager_stops_the_server() -> None:
    with MockServer(Settings(seed=default_seed_path())) as server:
        port = server.port
        assert _update(server, "x").status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.post(f"http://127.0.0.1:{port}{BULK_UPDATE}", params=KEYS, json=[], timeout=2)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_stop_without_start_releases_the_port() -> None:
    server = MockServer()
    port = server.port
    server.stop()
    with MockServer(port=port) as again:
        assert again.port == port


def test_start_twice_is_refused() -> None:
    with MockServer() as server, pytest.raises(RuntimeError):
        server.start()


def test_stop_is_idempotent() -> None:
    server = MockServer().start()
    server.stop()
    server.stop()


def _returns(action: Callable[[], None]) -> bool:
    """Run `action` on a daemon thread; whether it returned (a hang must not hang the suite)."""
    worker = threading.Thread(target=action, daemon=True)
    worker.start()
    worker.join(10)
    return not worker.is_alive()


@pytest.mark.parametrize("first", ["shutdown", "stop"])
def test_shutdown_and_stop_before_start_return_and_release_the_port(first: str) -> None:
    server = MockServer()
    port = server.port

    assert _returns(getattr(server, first))
    assert _returns(server.shutdown)
    assert _returns(server.stop)
    with pytest.raises(RuntimeError, match="stopped"):
        server.start()
    with MockServer(port=port) as again:
        assert again.port == port


def test_shutdown_after_start_is_idempotent() -> None:
    server = MockServer().start()
    assert _update(server, "x").status_code == 200

    assert _returns(server.shutdown)
    assert _returns(server.shutdown)
    assert _returns(server.stop)
