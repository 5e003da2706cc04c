"""HostPolicy: which Host headers reach the control plane, for each kind of bind."""

from __future__ import annotations

import pytest

from lsq_mock.emulator.hosts import HostPolicy, split_host_header


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Example.COM:8080", ("example.com", 8080)),
        ("example.com", ("example.com", None)),
        ("[::1]:80", ("::1", 80)),
        ("[::1]", ("::1", None)),
        ("::1", ("::1", None)),
        ("host:port", ("host", -1)),
        ("", ("", None)),
    ],
)
def test_split_host_header(header: str, expected: tuple[str, int | None]) -> None:
    assert split_host_header(header) == expected


def bound(host: str, port: int = 8080, allowed: tuple[str, ...] = ()) -> HostPolicy:
    policy = HostPolicy(allowed)
    policy.bind(host, port)
    return policy


@pytest.mark.parametrize(
    ("host", "header", "allowed"),
    [
        ("127.0.0.1", "127.0.0.1:8080", True),
        ("127.0.0.1", "localhost:8080", True),
        ("127.0.0.1", "[::1]:8080", True),
        ("127.0.0.1", "evil.example:8080", False),
        ("127.0.0.1", "127.0.0.1:8081", False),
        ("localhost", "127.0.0.1:8080", True),
        ("0.0.0.0", "192.168.1.20:8080", True),
        ("0.0.0.0", "localhost:8080", True),
        ("0.0.0.0", "box.local:8080", False),
        ("::", "[fe80::1]:8080", True),
        ("192.168.1.20", "192.168.1.20:8080", True),
        ("192.168.1.20", "127.0.0.1:8080", False),
        ("box.local", "BOX.local:8080", True),
    ],
)
def test_bound_policy(host: str, header: str, allowed: bool) -> None:
    assert bound(host).allows(header) is allowed


def test_port_80_may_be_left_out() -> None:
    assert bound("127.0.0.1", 80).allows("localhost")
    assert not bound("127.0.0.1", 8080).allows("localhost")


def test_before_binding_only_loopback_names_pass() -> None:
    policy = HostPolicy()

    assert policy.allows("localhost")
    assert policy.allows("127.0.0.1:5000")
    assert not policy.allows("evil.example")


def test_allowed_names_match_at_any_port_whatever_the_bind() -> None:
    policy = bound("127.0.0.1", allowed=(" Lsq-Mock ",))

    assert policy.allows("lsq-mock:9999")
    assert policy.allows("lsq-mock")
    assert not policy.allows("lsq-mock.evil:8080")
