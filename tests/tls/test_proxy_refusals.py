"""What the proxy tells a client it cannot serve: the error envelope where HTTP allows an answer
(a plain-HTTP vendor URL, another host), and a log line naming the fix where it does not (a TLS
handshake the client ends because it does not trust the local CA)."""

from __future__ import annotations

import json
import logging
import socket
import ssl
import time
from collections.abc import Iterator

import pytest
import requests

from lsq_mock import MockServer, Settings
from lsq_mock.tls.proxy import ProxyServer
from support.paths import TYPES

UNTRUSTED = (
    "lsq-mock proxy: the client refused the certificate for api.leadsquared.com (tlsv1 alert "
    "unknown ca): it does not trust lsq-mock's CA. Make it trust {ca}: "
    '`eval "$(lsq-mock ca --env)"` sets the variables most clients read; docs/clients.md has '
    "each language's"
)


@pytest.fixture
def proxy() -> Iterator[ProxyServer]:
    with MockServer(Settings()) as server, ProxyServer(server.app) as proxy:
        yield proxy


def test_a_plain_http_vendor_url_is_answered_with_the_envelope_saying_why(
    proxy: ProxyServer,
) -> None:
    """What a client sends with HTTP_PROXY set and an http:// vendor URL."""
    answer = requests.get(
        f"http://api.leadsquared.com{TYPES}", proxies={"http": proxy.url}, timeout=5
    )

    assert answer.status_code == 403
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {
        "Status": "Error",
        "ExceptionType": "MXForbiddenException",
        "ExceptionMessage": (
            f"lsq-mock proxy: refused GET http://api.leadsquared.com{TYPES}: the vendor's API is "
            "HTTPS only, and so is this proxy. Call https://api.leadsquared.com/... instead (the "
            "client then opens a CONNECT tunnel), trusting lsq-mock's CA "
            f"{proxy.ca_bundle} (`lsq-mock ca --env` prints the variables). Nothing is forwarded."
        ),
    }


def test_any_other_refusal_is_the_envelope_too(proxy: ProxyServer) -> None:
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as sock:
        sock.sendall(b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        answer = b""
        while chunk := sock.recv(4096):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")

    assert head.startswith(b"HTTP/1.1 403 ")
    assert b"\r\nContent-Type: application/json\r\n" in head
    envelope = json.loads(body)
    assert envelope["ExceptionType"] == "MXForbiddenException"
    assert envelope["ExceptionMessage"].startswith(
        "lsq-mock proxy: refused CONNECT example.com:443. Only CONNECT to api.leadsquared.com"
    )


def test_a_client_refusing_the_certificate_gets_a_log_line_naming_the_fix(
    proxy: ProxyServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Logged although the proxy is quiet: the client's own error names no fix."""
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        with requests.Session() as http, pytest.raises(requests.exceptions.SSLError):
            http.trust_env = False  # the system's roots only, whatever the environment says
            http.get(f"https://api.leadsquared.com{TYPES}", proxies={"https": proxy.url}, timeout=5)
        proxy.stop()  # its connection threads have ended, so has their logging

    assert logged(caplog) == [UNTRUSTED.format(ca=proxy.ca_bundle)]


def test_a_client_closing_during_the_handshake_is_told_the_likely_cause(
    proxy: ProxyServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Node.js and Java close without a certificate alert."""
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        sock = socket.create_connection(("127.0.0.1", proxy.port), timeout=5)
        sock.sendall(b"CONNECT api.leadsquared.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(4096).startswith(b"HTTP/1.1 200 ")
        context = ssl.create_default_context()
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        client = context.wrap_bio(incoming, outgoing, server_hostname="api.leadsquared.com")
        with pytest.raises(ssl.SSLWantReadError):
            client.do_handshake()
        sock.sendall(outgoing.read())  # the ClientHello; then hang up, as they do
        sock.recv(65536)
        sock.close()
        # A proxy that is stopping says nothing of connections it cuts itself: it is stopped
        # only once its thread has seen this hang-up (which, on a loaded machine, takes a while).
        deadline = time.monotonic() + 10
        while not logged(caplog) and time.monotonic() < deadline:
            time.sleep(0.01)
        proxy.stop()

    assert logged(caplog) == [
        "lsq-mock proxy: the client closed the connection during the TLS handshake for "
        "api.leadsquared.com: most often, it does not trust lsq-mock's CA. Make it trust "
        f'{proxy.ca_bundle}: `eval "$(lsq-mock ca --env)"` sets the variables most clients read; '
        "docs/clients.md has each language's"
    ]


def logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The proxy's own lines in the log, without werkzeug's `ADDRESS - - [TIME] ` prefix."""
    lines = [record.getMessage() for record in caplog.records]
    return [line.split("] ", 1)[1] for line in lines if "lsq-mock proxy:" in line]
