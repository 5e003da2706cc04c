"""One rule for which host a request is for, under every server (serving.request_host): its Host
header; the authority of an absolute-form target only when no Host header was sent. It decides
what the control plane's guard allows and what the journal records."""

from __future__ import annotations

import pytest
import requests

from lsq_mock.serving.request_host import request_host
from lsq_mock.serving.wsgi_servers import SERVER_NAMES
from support.paths import TYPES
from support.served import QUERY, raw_exchange
from support.servers import serving_with


@pytest.mark.parametrize(
    ("headers", "target", "host"),
    [
        (["127.0.0.1:8080"], "http://evil.example/_mock/health", "127.0.0.1:8080"),
        (["evil.example"], "http://127.0.0.1:8080/_mock/health", "evil.example"),
        ([""], "http://127.0.0.1:8080/", ""),
        (["a", "b"], "/x", "a,b"),
        ([], "HTTP://127.0.0.1:8080/_mock/health", "127.0.0.1:8080"),
        ([], "/_mock/health", None),
        ([], "//evil.example/_mock/health", None),
    ],
)
def test_the_host_header_counts_and_else_the_target(
    headers: list[str], target: str, host: str | None
) -> None:
    assert request_host(headers, target) == host


@pytest.mark.parametrize("server", SERVER_NAMES)
def test_every_server_keeps_the_one_rule(server: str) -> None:
    with serving_with(server) as running:
        address = (running.host, running.port)
        own = f"{running.host}:{running.port}"

        def status(target: str, head: str) -> bytes:
            answer = raw_exchange(address, f"GET {target} {head}\r\n\r\n".encode(), timeout=5)
            return answer.split(b" ", 2)[1]

        close = "HTTP/1.1\r\nConnection: close"
        assert status(f"http://{own}/_mock/health", f"{close}\r\nHost: evil.example") == b"403"
        assert status("http://evil.example/_mock/health", f"{close}\r\nHost: {own}") == b"200"
        assert status(f"http://{own}/_mock/health", "HTTP/1.0") == b"200"

        status(f"http://api.leadsquared.com{TYPES}?{QUERY}", f"{close}\r\nHost: {own}")
        journal = requests.get(running.url_for("/_mock/requests"), timeout=5).json()
        assert journal["requests"][-1]["host"] == own
