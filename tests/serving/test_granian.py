"""`--server granian`: granian's Rust HTTP core serving the emulator in this process; what it
answers itself, before the app, is its own bare status (docs/transport-errors.md)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import requests

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.serving.server import ServerStartError
from lsq_mock.serving.wsgi_servers import make_wsgi_server
from support.attacks import TRANSPORT_ATTACKS
from support.paths import BULK_UPDATE
from support.seeded import DEMO
from support.served import KEYS, Served, served

pytest.importorskip("granian")

ANSWERED_BY_GRANIAN = {
    "invalid-content-length": 400,
    "gzip-transfer-encoding": 400,
    "request-line-over-64k": 414,
    "over-100-headers": 431,
    "malformed-request-line": 400,
    "one-word-request-line": 400,
    "http-9": 400,
    "http-0.9": 400,
}
"""What granian refuses itself, with an empty body: the rest reach the app (the envelope)."""


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    args = ("--server", "granian", "--rate-limit", "0", "--bulk-rate-limit", "0")
    with served(*args, "--seed", "default") as handle:
        yield handle


def test_granian_serves_keeps_connections_and_stops_at_once() -> None:
    app = create_app(Settings(seed="default", bulk_rate_limit=RateLimit(0)))
    running = make_wsgi_server(app, server="granian").start()
    try:
        with requests.Session() as http:
            for _ in range(3):
                answer = http.post(
                    running.url_for(BULK_UPDATE),
                    params=KEYS,
                    json=[{"ProspectActivityId": DEMO}],
                    timeout=5,
                )
                assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
            assert answer.headers["Server"] == "granian"
            assert answer.headers.get("Connection", "keep-alive") != "close"
        requests.post(running.url_for("/_mock/faults"), json={"kind": "drop"}, timeout=5)
        dropped = requests.post(running.url_for(BULK_UPDATE), params=KEYS, json=[], timeout=5)
        assert dropped.status_code == 500
        assert "drop needs the werkzeug server" in dropped.json()["ExceptionMessage"]
    finally:
        running.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(running.url_for("/_mock/health"), timeout=1)


def test_a_busy_port_and_https_are_refused_at_once() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerStartError, match="already in use"):
            make_wsgi_server(create_app(Settings()), server="granian", port=port)
    with pytest.raises(ServerStartError, match="HTTPS needs the werkzeug server"):
        make_wsgi_server(create_app(Settings(https=True)), server="granian")


@pytest.mark.parametrize("case", list(TRANSPORT_ATTACKS))
def test_what_granian_refuses_itself_is_a_bare_status_the_rest_the_envelope(
    server: Served, case: str
) -> None:
    head, _, body = server.raw(TRANSPORT_ATTACKS[case][0].encode(), timeout=5).partition(
        b"\r\n\r\n"
    )
    status = int(head.split()[1])
    if case in ANSWERED_BY_GRANIAN:
        assert (status, body) == (ANSWERED_BY_GRANIAN[case], b"")
    else:
        assert b"application/json" in head.lower()
        assert body.startswith(b'{"Status":"Error"')
    assert requests.get(server.url + "/_mock/health", timeout=5).status_code == 200
