"""Events reach a webhook in order; a failing receiver is counted, never felt by the API."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest

from lsq_mock.contract.schemaset import shipped_schemas
from support.running import Running

ACTIVITY_ID = "bb9205fd-81b8-4d44-bf74-26f90e11790b"


class Receiver(HTTPServer):
    """Keeps every JSON body POSTed to it, in arrival order."""

    received: list[dict[str, Any]]


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.server.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def refused_url() -> str:
    """A loopback URL where nothing listens (the port was just freed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def set_webhook(running: Running, url: str | None) -> None:
    answer = running.http.patch(running.url + "/_mock/config", json={"webhook_url": url})
    assert answer.status_code == 200, answer.text
    assert answer.json()["webhook_url"] == url


def update(value: str) -> dict[str, Any]:
    return {
        "ProspectActivityId": ACTIVITY_ID,
        "Fields": [{"SchemaName": "mx_Custom_1", "Value": value}],
    }


def test_events_reach_the_webhook_in_order(running: Running, receiver: Receiver) -> None:
    set_webhook(running, f"http://127.0.0.1:{receiver.server_port}/hook")

    for value in ("one", "two", "three"):
        assert running.bulk_update([update(value)]).status_code == 200
    running.bulk_update([update("four"), update("five")])
    assert running.emulator.webhook is not None
    running.emulator.webhook.flush()

    logged = running.http.get(running.url + "/_mock/events").json()
    assert receiver.received == logged["events"]
    assert [e["Changes"][0]["NewValue"] for e in receiver.received] == [
        "one",
        "two",
        "three",
        "four",
        "five",
    ]
    assert [e["seq"] for e in receiver.received] == [1, 2, 3, 4, 5]
    assert all(shipped_schemas().is_valid("event", e) for e in receiver.received)
    assert logged["webhook"]["delivered"] == 5
    assert logged["webhook"]["failed"] == 0
    assert logged["webhook"]["last_error"] is None


def test_a_refusing_webhook_is_counted_failed_and_the_api_keeps_answering(
    running: Running,
) -> None:
    url = refused_url()
    set_webhook(running, url)

    answers = [running.bulk_update([update(f"v{n}")]) for n in range(3)]
    assert running.emulator.webhook is not None
    running.emulator.webhook.flush()

    assert [a.status_code for a in answers] == [200, 200, 200]
    status = running.http.get(running.url + "/_mock/events").json()
    assert len(status["events"]) == 3, "events are kept even when delivery fails"
    assert status["webhook"]["url"] == url
    assert status["webhook"]["failed"] == 3
    assert status["webhook"]["delivered"] == 0
    assert status["webhook"]["pending"] == 0
    assert status["webhook"]["last_error"]
    assert running.http.get(running.url + "/_mock/health").json()["status"] == "ok"


def test_a_receiver_that_answers_500_is_counted_failed(running: Running) -> None:
    class Failing(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(500)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return None

    failing = HTTPServer(("127.0.0.1", 0), Failing)
    thread = threading.Thread(target=failing.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        set_webhook(running, f"http://127.0.0.1:{failing.server_port}/")
        assert running.bulk_update([update("x")]).status_code == 200
        assert running.emulator.webhook is not None
        running.emulator.webhook.flush()
    finally:
        failing.shutdown()
        failing.server_close()
        thread.join()

    webhook = running.http.get(running.url + "/_mock/events").json()["webhook"]
    assert webhook["failed"] == 1
    assert "500" in webhook["last_error"]


def test_removing_the_webhook_stops_delivery(running: Running, receiver: Receiver) -> None:
    set_webhook(running, f"http://127.0.0.1:{receiver.server_port}/hook")
    running.bulk_update([update("sent")])
    assert running.emulator.webhook is not None
    running.emulator.webhook.flush()

    set_webhook(running, None)
    running.bulk_update([update("kept")])

    assert [e["Changes"][0]["NewValue"] for e in receiver.received] == ["sent"]
    events = running.http.get(running.url + "/_mock/events").json()
    assert events["webhook"] is None
    assert len(events["events"]) == 2
