"""`Settings(https=True)` and `serve --https`: TLS from the local CA for loopback and the vendor's
host names; a client that does not trust the CA gets no answer, over TLS or plain HTTP."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from lsq_mock import MockServer, RateLimit, Settings, create_app
from lsq_mock.cli import main
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path
from lsq_mock.serving.server import ServerStartError
from lsq_mock.serving.wsgi_servers import make_wsgi_server
from lsq_mock.tls.trust import CA_DIR_ENV, CA_ENV_VARS
from lsq_mock_contract.handle import LsqMock
from support.paths import TYPES
from support.system import require_command

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"accessKey": Settings().primary.access_key, "secretKey": Settings().primary.secret_key}


@pytest.fixture
def https_server() -> Iterator[MockServer]:
    with MockServer(Settings(https=True, seed=default_seed_path())) as server:
        yield server


def test_serves_tls_with_a_certificate_from_the_local_ca(https_server: MockServer) -> None:
    assert https_server.url == f"https://127.0.0.1:{https_server.port}"
    assert https_server.ca_bundle == Path(os.environ[CA_DIR_ENV]) / "ca.pem"
    answer = requests.get(
        https_server.url_for(TYPES), params=KEYS, verify=https_server.ca_bundle, timeout=5
    )
    assert answer.status_code == 200
    assert len(answer.json()) == 3
    assert https_server.emulator.journal.entries()[-1]["host"] == f"127.0.0.1:{https_server.port}"


def test_a_client_that_does_not_trust_the_ca_gets_nothing(https_server: MockServer) -> None:
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(https_server.url_for(TYPES), params=KEYS, timeout=5)
    plain = https_server.url.replace("https://", "http://")
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(plain + TYPES, params=KEYS, timeout=5)
    assert https_server.emulator.journal.entries() == []


def test_a_silent_connection_does_not_hold_up_other_clients(https_server: MockServer) -> None:
    with socket.create_connection(("127.0.0.1", https_server.port)):  # never says hello
        answer = requests.get(
            https_server.url_for(TYPES), params=KEYS, verify=https_server.ca_bundle, timeout=5
        )
    assert answer.status_code == 200


def test_a_drop_fault_closes_the_tls_connection(https_server: MockServer) -> None:
    https_server.emulator.faults.add(Fault(kind="drop"))
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(
            https_server.url_for(TYPES), params=KEYS, verify=https_server.ca_bundle, timeout=5
        )
    again = requests.get(
        https_server.url_for(TYPES), params=KEYS, verify=https_server.ca_bundle, timeout=5
    )
    assert again.status_code == 200


def test_waitress_refuses_https_and_says_why() -> None:
    pytest.importorskip("waitress")
    app = create_app(Settings(https=True))
    with pytest.raises(ServerStartError, match="HTTPS needs the werkzeug server"):
        make_wsgi_server(app, server="waitress")
    refused = CliRunner().invoke(main, ["serve", "--https", "--server", "waitress", "--port", "0"])
    assert refused.exit_code == 1
    assert "HTTPS needs the werkzeug server" in refused.output


def test_fixture_factory_serves_https_and_gives_the_ca(
    lsq_mock_factory: Callable[..., LsqMock],
) -> None:
    handle = lsq_mock_factory(Settings(https=True, seed=default_seed_path()))
    assert handle.base_url.startswith("https://127.0.0.1:")
    assert handle.ca_bundle is not None and handle.ca_bundle.is_file()
    assert handle.ca_env == dict.fromkeys(CA_ENV_VARS, str(handle.ca_bundle))
    answer = requests.get(handle.url(TYPES), params=KEYS, verify=handle.ca_bundle, timeout=5)
    assert answer.status_code == 200
    assert [entry["status"] for entry in handle.journal] == [200]


def test_plain_fixture_has_no_ca(lsq_mock: LsqMock) -> None:
    assert lsq_mock.base_url.startswith("http://")
    assert lsq_mock.ca_bundle is None
    assert lsq_mock.ca_env == {}


@pytest.fixture(scope="module")
def served_https(ca_dir: Path) -> Iterator[tuple[int, Path]]:
    """`lsq-mock serve --https` in a subprocess: its port and CA file, read from its banner."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env[CA_DIR_ENV] = str(ca_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", "--https", "--port", "0", "--seed", "default"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    banner = _banner(process.stdout.readline)
    try:
        port = re.search(r"listening on https://127\.0\.0\.1:(\d+)", banner)
        ca = re.search(r"export CURL_CA_BUNDLE=(\S+)", banner)
        assert port and ca, banner
        yield int(port.group(1)), Path(ca.group(1))
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)


def _banner(readline: Callable[[], str]) -> str:
    lines: list[str] = []
    while not lines or "Ctrl-C to stop" not in lines[-1]:
        line = readline()
        assert line, "".join(lines)
        lines.append(line)
    return "".join(lines)


@pytest.mark.slow
@pytest.mark.parametrize("host", ["api.leadsquared.com", "api-in21.leadsquared.com", "localhost"])
def test_curl_reaches_the_vendor_host_name_with_resolve(
    served_https: tuple[int, Path], host: str
) -> None:
    require_command("curl", "curl")
    port, ca = served_https
    url = (
        f"https://{host}:{port}{TYPES}?accessKey={KEYS['accessKey']}&secretKey={KEYS['secretKey']}"
    )
    resolve = f"{host}:{port}:127.0.0.1"
    trusted = subprocess.run(
        ["curl", "-sS", "--fail", "--resolve", resolve, url],
        env={**os.environ, "CURL_CA_BUNDLE": str(ca)},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert trusted.returncode == 0, trusted.stderr
    assert '"ActivityEvent"' in trusted.stdout
    untrusted = subprocess.run(
        ["curl", "-sS", "--resolve", resolve, url],
        env={k: v for k, v in os.environ.items() if k != "CURL_CA_BUNDLE"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert untrusted.returncode == 60, untrusted.stderr  # peer certificate not verified
    assert untrusted.stdout == ""


def test_rate_limited_answers_come_over_tls_too() -> None:
    with MockServer(Settings(https=True, rate_limit=RateLimit(1, 60))) as server:
        calls = [
            requests.get(server.url_for(TYPES), params=KEYS, verify=server.ca_bundle, timeout=5)
            for _ in range(2)
        ]
    assert [call.status_code for call in calls] == [200, 429]


def test_the_clis_admin_commands_trust_the_local_ca_by_themselves(
    https_server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in CA_ENV_VARS:
        monkeypatch.delenv(variable, raising=False)
    requests.get(https_server.url_for(TYPES), params=KEYS, verify=https_server.ca_bundle, timeout=5)

    shown = CliRunner().invoke(main, ["requests", "--url", https_server.url])
    checked = CliRunner().invoke(main, ["check", "--url", https_server.url])

    assert shown.exit_code == 0, shown.output
    assert f"GET {TYPES}" in shown.output
    assert checked.exit_code == 0, checked.output
