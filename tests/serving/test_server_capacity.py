"""Issue 12, item 9, under each server: idle clients, clients stalled mid-body and API calls
sleeping on latency faults never lock a new client out of the admin API."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, suppress

import pytest
import requests

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.serving.server import ServingThread
from lsq_mock.serving.wsgi_servers import SERVER_NAMES, WAITRESS_THREADS, make_wsgi_server
from support.paths import TYPES
from support.served import KEYS

IDLE_CLIENTS = 150
"""More than waitress's own connection limit (100), which used to lock new clients out."""
ANSWER_SECONDS = 2.0
"""Below the latency faults' sleep: an answer within it did not wait for them."""


@pytest.fixture(params=SERVER_NAMES)
def server(request: pytest.FixtureRequest) -> Iterator[ServingThread]:
    if request.param != "werkzeug":
        pytest.importorskip(request.param)
    app = create_app(Settings(rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)))
    running = make_wsgi_server(app, server=request.param).start()
    try:
        yield running
    finally:
        running.stop()


def _health(server: ServingThread) -> int:
    return requests.get(server.url_for("/_mock/health"), timeout=ANSWER_SECONDS).status_code


def _sleeping_call(server: ServingThread) -> None:
    # Cut short when the server stops at the end of the test: only its start matters.
    with suppress(requests.RequestException):
        requests.get(server.url_for(TYPES), params=KEYS, timeout=10)


def test_idle_and_silent_clients_leave_room_for_a_new_one(server: ServingThread) -> None:
    address = ("127.0.0.1", server.port)
    with ExitStack() as stack:
        for number in range(IDLE_CLIENTS):
            idle = stack.enter_context(socket.create_connection(address, timeout=5))
            if number % 2:  # one request, then silence; the others never send a byte
                idle.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: t\r\n\r\n")
        assert _health(server) == 200


def test_clients_stalled_mid_body_leave_room_for_a_new_one(server: ServingThread) -> None:
    address = ("127.0.0.1", server.port)
    with ExitStack() as stack:
        for _ in range(2 * WAITRESS_THREADS):
            slow = stack.enter_context(socket.create_connection(address, timeout=5))
            slow.sendall(b"POST /v2/x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n[")
        assert _health(server) == 200


def test_calls_sleeping_on_latency_faults_never_hold_up_the_admin_api(
    server: ServingThread,
) -> None:
    sleepers = WAITRESS_THREADS  # as many as waitress has threads for API calls
    # Longer than a prompt answer, short enough for granian's stop(), which waits for them.
    fault = {"kind": "latency", "latency_seconds": ANSWER_SECONDS + 1, "times": sleepers}
    assert requests.post(server.url_for("/_mock/faults"), json=fault, timeout=5).ok
    calls = [threading.Thread(target=_sleeping_call, args=(server,)) for _ in range(sleepers)]
    for call in calls:
        call.daemon = True
        call.start()
    faults = requests.get(server.url_for("/_mock/faults"), timeout=ANSWER_SECONDS).json()
    while faults["faults"]:  # every fault taken: every call is asleep
        time.sleep(0.01)
        faults = requests.get(server.url_for("/_mock/faults"), timeout=ANSWER_SECONDS).json()
    assert _health(server) == 200
