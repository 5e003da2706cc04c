"""Idle connections never lock a new client or the control plane out (issue 24): past the most
connections a server holds, werkzeug and waitress hang up on the one that has waited longest for
its client; when every one has a call running, a new one is answered 503 at once; granian holds
far more than one process usually opens. The 2,000-connection run is benchmarks/abuse.py's."""

from __future__ import annotations

import resource
import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack, suppress

import pytest
import requests

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.api.app import emulator_of
from lsq_mock.emulator.faults import Fault
from lsq_mock.serving.connections import MAX_CONNECTIONS, ConnectionTable
from lsq_mock.serving.granian_server import GRANIAN_CONNECTIONS, HEADER_SECONDS
from lsq_mock.serving.server import ServingThread
from lsq_mock.serving.wsgi_servers import WAITRESS_THREADS, make_wsgi_server
from support.envelope import assert_envelope
from support.markdown import ROOT
from support.paths import TYPES
from support.served import KEYS

LIMIT = 12
"""The most connections the servers under test hold: small, so a test passes it cheaply."""
ANSWER_SECONDS = 2.0
GATED = ["werkzeug", "waitress"]


@pytest.fixture(params=GATED)
def server(request: pytest.FixtureRequest) -> Iterator[ServingThread]:
    """werkzeug or waitress holding at most LIMIT connections."""
    pytest.importorskip(request.param)
    app = create_app(Settings(rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)))
    with make_wsgi_server(app, server=request.param, max_connections=LIMIT) as running:
        yield running


def idle_clients(stack: ExitStack, server: ServingThread, count: int) -> list[socket.socket]:
    """`count` connections: some never send a byte, some sent a request and went silent, some
    stopped halfway through their headers."""
    openings = [b"", b"GET /_mock/health HTTP/1.1\r\nHost: t\r\n\r\n", b"GET /v2/x HTTP/1.1\r\n"]
    clients = []
    for number in range(count):
        client = stack.enter_context(socket.create_connection(("127.0.0.1", server.port), 5))
        client.sendall(openings[number % len(openings)])
        clients.append(client)
    return clients


def hung_up(client: socket.socket) -> bool:
    """Whether the server has closed `client` (after any answer it had for it)."""
    client.setblocking(False)
    try:
        while client.recv(65536):
            pass
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True
    return True


def test_idle_connections_past_the_limit_make_way_for_new_clients(server: ServingThread) -> None:
    with ExitStack() as stack:
        clients = idle_clients(stack, server, 4 * LIMIT)

        health = requests.get(server.url_for("/_mock/health"), timeout=ANSWER_SECONDS)
        types = requests.get(server.url_for(TYPES), params=KEYS, timeout=ANSWER_SECONDS)

        assert (health.status_code, types.status_code) == (200, 200)
        threading.Event().wait(0.5)  # for the hang-ups to arrive
        assert sum(hung_up(client) for client in clients) >= len(clients) - LIMIT
        assert hung_up(clients[0])  # the first to wait was among the first to go


@pytest.mark.parametrize("name", GATED)
def test_when_every_connection_is_busy_a_new_one_is_refused_at_once(name: str) -> None:
    pytest.importorskip(name)
    busy = WAITRESS_THREADS  # as many calls as waitress runs at once: each holds a connection
    app = create_app(Settings(rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)))
    with make_wsgi_server(app, server=name, max_connections=busy) as server:
        fault = {"kind": "latency", "latency_seconds": 3, "times": busy}
        emulator_of(app).faults.add(Fault(**fault))
        sleepers = [threading.Thread(target=_sleeping_call, args=(server,)) for _ in range(busy)]
        for sleeper in sleepers:
            sleeper.start()
        try:
            _wait_until_every_fault_is_taken(server)

            refused = requests.get(server.url_for("/_mock/health"), timeout=ANSWER_SECONDS)

            message = assert_envelope(refused, 503, "MXUnexpectedException")
            assert f"holds {busy} connections and every one is busy with a call" in message
        finally:
            for sleeper in sleepers:
                sleeper.join(10)


def _sleeping_call(server: ServingThread) -> None:
    with suppress(requests.RequestException):
        requests.get(server.url_for(TYPES), params=KEYS, timeout=10)


def _wait_until_every_fault_is_taken(server: ServingThread) -> None:
    faults = emulator_of(server.app).faults  # asked in process: every connection is taken
    for _ in range(500):
        if not faults.pending():
            return
        threading.Event().wait(0.01)
    pytest.fail("the latency faults were never all taken")


GRANIAN_IDLE = 1100
"""More than the 1,024 connections granian held, which locked new clients out for 30 s."""


def test_granian_holds_more_idle_connections_than_it_used_to() -> None:
    pytest.importorskip("granian")
    app = create_app(Settings(rate_limit=RateLimit(0)))
    with make_wsgi_server(app, server="granian") as running, ExitStack() as stack:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)  # as the server raised it
        if soft < 3 * GRANIAN_IDLE:
            pytest.skip(f"the open-files limit ({soft}) cannot hold both ends of {GRANIAN_IDLE}")
        idle_clients(stack, running, GRANIAN_IDLE)

        health = requests.get(running.url_for("/_mock/health"), timeout=ANSWER_SECONDS)

        assert health.status_code == 200


def test_the_table_makes_room_from_the_longest_waiting_never_from_a_busy_one() -> None:
    table = ConnectionTable(limit=3)
    for connection in ("a", "b", "c"):
        assert table.admit(connection) == (True, None)
    table.busy("a")
    table.busy("c")
    table.waiting("c")  # its call ended: it waits again, the newest to

    assert table.admit("d") == (True, "b")
    assert table.admit("e") == (True, "c")
    table.busy("d")
    table.busy("e")
    assert table.admit("f") == (False, None)
    assert sorted(table.held()) == ["a", "d", "e"]


@pytest.mark.slow
def test_granian_closes_a_connection_that_sends_no_request_head() -> None:
    pytest.importorskip("granian")
    app = create_app(Settings(rate_limit=RateLimit(0)))
    with make_wsgi_server(app, server="granian") as running, ExitStack() as stack:
        (silent,) = idle_clients(stack, running, 1)
        silent.settimeout(HEADER_SECONDS + ANSWER_SECONDS)

        assert silent.recv(1) == b""  # closed, not timed out


def test_the_docs_state_each_servers_threshold() -> None:
    said = " ".join((ROOT / "docs" / "performance.md").read_text().split())

    assert f"It holds at most {MAX_CONNECTIONS:,} connections" in said
    assert f"it holds {GRANIAN_CONNECTIONS:,} at once" in said
    assert f"request head {HEADER_SECONDS} s after it opened" in said
    assert f"Past {GRANIAN_CONNECTIONS:,} connections a new client waits" in said
