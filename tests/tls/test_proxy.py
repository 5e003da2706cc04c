"""The proxy: unmodified clients reach the emulator at https://api.leadsquared.com with only
environment variables set; every other host is refused, nothing leaves the machine, and its
tunnels are capped, time out and end with the server."""

from __future__ import annotations

import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests

from lsq_mock import MockServer, Settings, create_app
from lsq_mock.resources import default_seed_path
from lsq_mock.tls.proxy import ProxyServer
from lsq_mock.tls.trust import CA_DIR_ENV, ca_environment, proxy_environment
from support.calls import row
from support.paths import BULK_UPDATE, TYPES
from support.seeded import DEMO
from support.system import require_command

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"accessKey": Settings().primary.access_key, "secretKey": Settings().primary.secret_key}
VENDOR = "https://api.leadsquared.com"
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")
DEADLINE_SECONDS = 10.0


@pytest.fixture
def server() -> Iterator[MockServer]:
    with MockServer(Settings(seed=default_seed_path())) as server:
        yield server


@pytest.fixture
def proxy(server: MockServer) -> Iterator[ProxyServer]:
    with ProxyServer(server.app) as proxy:
        yield proxy


@pytest.fixture
def proxied(proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch) -> ProxyServer:
    """Only the environment says where the vendor's API is and which CA to trust."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    for name, value in ca_environment(_bundle(proxy)).items():
        monkeypatch.setenv(name, value)
    return proxy


@pytest.mark.parametrize("host", ["api.leadsquared.com", "api-in21.leadsquared.com"])
def test_requests_reaches_the_emulator_with_only_environment_variables(
    proxied: ProxyServer, server: MockServer, host: str
) -> None:
    answer = requests.get(f"https://{host}{TYPES}", params=KEYS, timeout=5)
    assert answer.status_code == 200
    assert len(answer.json()) == 3
    assert server.emulator.journal.entries()[-1]["host"] == host


def test_a_write_through_the_proxy_changes_the_store(
    proxied: ProxyServer, server: MockServer
) -> None:
    rows = [row(DEMO, ("mx_Custom_1", "through the proxy"))]
    answer = requests.post(VENDOR + BULK_UPDATE, params=KEYS, json=rows, timeout=5)
    assert answer.status_code == 200, answer.text
    assert server.emulator.store.activity(DEMO)["Fields"]["mx_Custom_1"] == "through the proxy"


def test_httpx_reaches_the_emulator_with_only_environment_variables(proxied: ProxyServer) -> None:
    answer = httpx.get(VENDOR + TYPES, params=KEYS, timeout=5)
    assert answer.status_code == 200


def test_a_client_that_does_not_trust_the_ca_fails_verification(
    proxied: ProxyServer, server: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ca_environment(_bundle(proxied)):
        monkeypatch.delenv(name)
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(VENDOR + TYPES, params=KEYS, timeout=5)
    assert server.emulator.journal.entries() == []


@pytest.mark.parametrize(
    "authority",
    [
        "example.com:443",
        "api.leadsquared.com.evil.test:443",
        "evil-api.leadsquared.com:443",
        "api.leadsquared.com:80",
        "api.leadsquared.com",
        "127.0.0.1:443",
        "[::1]:443",
        "user@api.leadsquared.com:443",
        "api.leadsquared.com:443/path",
    ],
)
def test_a_connect_to_any_other_host_or_port_is_refused(
    proxy: ProxyServer, server: MockServer, authority: str
) -> None:
    head, body = _exchange(proxy, f"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 403 "), head
    assert f"refused CONNECT {authority}" in body
    assert "Nothing is forwarded" in body
    assert server.emulator.journal.entries() == []


@pytest.mark.parametrize(
    "target",
    [
        "http://api.leadsquared.com" + TYPES,
        "https://example.com/",
        "https://api.leadsquared.com:8443/",
        TYPES,
    ],
)
def test_other_requests_to_the_proxy_are_refused(proxy: ProxyServer, target: str) -> None:
    head, body = _exchange(proxy, f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 403 "), head
    assert f"refused GET {target}" in body


def test_an_https_url_sent_in_the_clear_to_the_proxy_is_answered(
    proxy: ProxyServer, server: MockServer
) -> None:
    """What axios 1.7 sends through an HTTP proxy for an https:// URL."""
    query = "&".join(f"{name}={value}" for name, value in KEYS.items())
    head, body = _exchange(
        proxy,
        f"GET {VENDOR}{TYPES}?{query} HTTP/1.1\r\nHost: api.leadsquared.com\r\n"
        "Connection: close\r\n\r\n",
    )
    assert head.startswith(b"HTTP/1.1 200 "), head
    assert '"ActivityEvent"' in body
    assert server.emulator.journal.entries()[-1]["host"] == "api.leadsquared.com"


def test_no_name_is_looked_up_and_no_connection_leaves(
    proxy: ProxyServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[Any] = []
    connected: list[Any] = []
    lookup, connect = socket.getaddrinfo, socket.socket.connect

    def spy_lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        looked_up.append(host)
        return lookup(host, *args, **kwargs)

    def spy_connect(self: socket.socket, address: Any) -> None:
        connected.append(address[0])
        connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", spy_lookup)
    monkeypatch.setattr(socket.socket, "connect", spy_connect)
    _exchange(proxy, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
    _exchange(proxy, "GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\n\r\n")
    with _tunnel(proxy) as tls:
        tls.sendall(f"GET {TYPES} HTTP/1.1\r\nHost: api.leadsquared.com\r\n\r\n".encode())
        assert tls.recv(64).startswith(b"HTTP/1.1 401 ")
    assert set(looked_up) == {"127.0.0.1"}
    assert set(connected) == {"127.0.0.1"}


def test_tunnels_over_the_cap_are_answered_503(server: MockServer) -> None:
    with ProxyServer(server.app, max_tunnels=1) as proxy:
        first = _tunnel(proxy)
        with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
            head, _, body = _read_to_end(sock).decode().partition("\r\n\r\n")
        assert head.startswith("HTTP/1.1 503 "), head
        assert "too many open connections" in body
        first.close()
        _until(lambda: _opens_a_tunnel(proxy))  # the slot is free once the first thread ends


def test_an_idle_tunnel_is_closed(server: MockServer) -> None:
    with ProxyServer(server.app, idle_seconds=0.2) as proxy, _tunnel(proxy) as tls:
        assert _read_to_end(tls) == b""


def test_a_tunnel_whose_client_leaves_ends_its_thread(proxy: ProxyServer) -> None:
    before = set(threading.enumerate())
    tls = _tunnel(proxy)
    handlers = set(threading.enumerate()) - before
    assert handlers
    tls.close()
    _until(lambda: not any(thread.is_alive() for thread in handlers))


def test_stop_ends_open_tunnels_and_their_threads(server: MockServer) -> None:
    proxy = ProxyServer(server.app).start()
    before = set(threading.enumerate())
    with _tunnel(proxy) as tls:
        handlers = set(threading.enumerate()) - before
        proxy.stop()
        assert not any(thread.is_alive() for thread in handlers)
        assert _read_to_end(tls) == b""


def test_a_client_that_does_not_speak_tls_in_the_tunnel_is_dropped(proxy: ProxyServer) -> None:
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(b"CONNECT api.leadsquared.com:443 HTTP/1.1\r\n\r\n")
        assert _read_head(sock).startswith(b"HTTP/1.1 200 ")
        sock.sendall(b"GET / HTTP/1.1\r\nHost: api.leadsquared.com\r\n\r\n")
        assert not _read_to_end(sock).startswith(b"HTTP/")  # at most a TLS alert, then closed
    assert _opens_a_tunnel(proxy)


def test_the_proxy_serves_an_app_that_waitress_serves_directly() -> None:
    pytest.importorskip("waitress")
    from lsq_mock.serving.wsgi_servers import make_wsgi_server

    app = create_app(Settings(seed=default_seed_path()))
    with make_wsgi_server(app, server="waitress") as direct, ProxyServer(app) as proxy:
        session = requests.Session()
        session.trust_env = False
        proxied = session.get(
            VENDOR + TYPES,
            params=KEYS,
            proxies={"https": proxy.url},
            verify=_bundle(proxy),
            timeout=5,
        )
        assert proxied.status_code == 200
        assert requests.get(direct.url_for(TYPES), params=KEYS, timeout=5).json() == proxied.json()


@pytest.mark.slow
def test_serve_with_a_proxy_port_answers_curl_with_only_environment_variables(
    ca_dir: Path,
) -> None:
    require_command("curl", "curl")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env[CA_DIR_ENV] = str(ca_dir)
    command = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--proxy-port", "0"]
    process = subprocess.Popen(
        [*command, "--seed", "default"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    try:
        banner = ""
        while "Ctrl-C to stop" not in banner:
            line = process.stdout.readline()
            assert line, banner
            banner += line
        exports = dict(re.findall(r"export (\w+)=(\S+)", banner))
        proxy_variables = proxy_environment(exports["HTTPS_PROXY"])
        assert {name: exports[name] for name in proxy_variables} == proxy_variables
        client_env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES}
        client_env.update(exports)
        url = f"{VENDOR}{TYPES}?accessKey={KEYS['accessKey']}&secretKey={KEYS['secretKey']}"
        served = _curl(url, client_env, "--fail")
        assert served.returncode == 0, served.stderr
        assert '"ActivityEvent"' in served.stdout
        refused = _curl("https://example.com/", client_env)
        assert refused.returncode == 56, refused.stderr
        assert "CONNECT tunnel failed, response 403" in refused.stderr
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.communicate(timeout=15)[0].endswith("lsq-mock stopped\n")


def _curl(url: str, env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["curl", "-sS", *options, url], env=env, capture_output=True, text=True, timeout=30
    )


def _bundle(proxy: ProxyServer) -> Path:
    assert proxy.ca_bundle is not None
    return proxy.ca_bundle


def _exchange(proxy: ProxyServer, request: str) -> tuple[bytes, str]:
    """Send a raw request to the proxy; its answer's head and body (read until it closes)."""
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(request.encode())
        head, _, body = _read_to_end(sock).partition(b"\r\n\r\n")
    return head, body.decode()


def _tunnel(proxy: ProxyServer, host: str = "api.leadsquared.com") -> ssl.SSLSocket:
    """A TLS connection to `host` through the proxy, as a client that trusts the CA opens it."""
    sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=5)
    try:
        sock.sendall(f"CONNECT {host}:443 HTTP/1.1\r\nHost: {host}:443\r\n\r\n".encode())
        head = _read_head(sock)
        assert head.startswith(b"HTTP/1.1 200 "), head
        context = ssl.create_default_context(cafile=str(_bundle(proxy)))
        return context.wrap_socket(sock, server_hostname=host)
    except BaseException:
        sock.close()
        raise


def _opens_a_tunnel(proxy: ProxyServer) -> bool:
    try:
        _tunnel(proxy).close()
    except (AssertionError, OSError):
        return False
    return True


def _read_head(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(1)
        if not chunk:
            break
        data += chunk
    return data


def _read_to_end(sock: socket.socket) -> bytes:
    data = b""
    try:
        while chunk := sock.recv(4096):
            data += chunk
    except (ConnectionResetError, ssl.SSLError):
        pass
    return data


def _until(condition: Any) -> None:
    """Wait for `condition()` to hold (a thread to end, a slot to free); fail after a deadline."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "condition not met before the deadline"
        time.sleep(0.01)
