"""`lsq-mock serve --server waitress`: the optional production server serves, stops, and says
clearly what it cannot do (drop a connection)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.resources import default_seed_path
from lsq_mock.serving.server import ServerStartError
from lsq_mock.serving.wsgi_servers import make_wsgi_server
from support.paths import BULK_UPDATE
from support.seeded import DEMO

pytest.importorskip("waitress")

ROOT = Path(__file__).resolve().parents[2]


def test_waitress_serves_the_emulator_and_stops() -> None:
    app = create_app(
        Settings(seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0))
    )
    server = make_wsgi_server(app, server="waitress").start()
    credential = Settings().primary
    keys = {"accessKey": credential.access_key, "secretKey": credential.secret_key}
    try:
        answer = requests.post(
            server.url + BULK_UPDATE,
            params=keys,
            json=[{"ProspectActivityId": DEMO}],
            timeout=5,
        )
        assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
        requests.post(server.url + "/_mock/faults", json={"kind": "drop"}, timeout=5)
        dropped = requests.post(server.url + BULK_UPDATE, params=keys, json=[], timeout=5)
        assert dropped.status_code == 500
        assert "drop needs the werkzeug server" in dropped.json()["ExceptionMessage"]
    finally:
        stopping = threading.Thread(target=server.stop)
        stopping.start()
        stopping.join(10)  # a guard against a hang, not a measure of speed
    assert not stopping.is_alive()
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/_mock/health", timeout=1)


def test_an_unknown_server_is_refused() -> None:
    with pytest.raises(ServerStartError, match="unknown server"):
        make_wsgi_server(create_app(), server="gunicorn")


@pytest.mark.parametrize("server", ["werkzeug", "waitress"])
def test_a_busy_port_is_the_same_one_line_error_under_either_server(
    server: str, capfd: pytest.CaptureFixture[str]
) -> None:
    app = create_app(Settings())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ServerStartError) as raised:
            make_wsgi_server(app, server=server, port=port)
    assert str(raised.value) == f"cannot listen on 127.0.0.1:{port}: the port is already in use"
    assert capfd.readouterr() == ("", "")


@pytest.mark.slow
def test_cli_serves_under_waitress_until_sigterm() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--server", "waitress"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as child:
        try:
            assert child.stdout is not None
            url = child.stdout.readline().split()[-1]
            health = requests.get(url + "/_mock/health", timeout=5)
            assert health.json()["status"] == "ok"
            assert health.headers["Server"] == "waitress"
        finally:
            child.send_signal(signal.SIGTERM)
            assert child.wait(10) == 0
