"""What the HTTP server answers before the app, under `lsq-mock serve` with each server: the JSON
envelope, promptly, never HTML, plain text, a redirect or a hang (docs/transport-errors.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from lsq_mock.contract.schemaset import shipped_schemas
from support.attacks import CHUNKED, LIMIT, TRANSPORT_ATTACKS, chunked
from support.calls import ADMIN_CLIENT
from support.served import SERVERS, Served, served


@pytest.fixture(scope="module", params=SERVERS)
def server(request: pytest.FixtureRequest) -> Iterator[Served]:
    """`lsq-mock serve` under each server, without rate limits."""
    args = ("--server", request.param, "--rate-limit", "0", "--bulk-rate-limit", "0")
    with served(*args, "--seed", "default") as handle:
        yield handle


def envelope_of(answer: bytes) -> tuple[int, dict[str, str]]:
    """The status and envelope of a raw HTTP answer, checked to be the JSON envelope."""
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    assert status_line.startswith("HTTP/1."), answer[:300]
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in header_lines)}
    assert headers["content-type"] == "application/json", answer[:300]
    envelope = json.loads(body)
    assert body.rstrip(b"\n") == json.dumps(envelope, separators=(",", ":")).encode()  # compact
    assert shipped_schemas().is_valid("error", envelope), envelope
    assert envelope["ExceptionType"].startswith("MX")
    return int(status_line.split()[1]), envelope


def server_name(server: Served) -> str:
    return requests.get(server.url + "/_mock/health", timeout=5).headers["Server"].split("/")[0]


@pytest.mark.parametrize("case", list(TRANSPORT_ATTACKS))
def test_what_the_server_refuses_is_the_envelope(server: Served, case: str) -> None:
    request, expected = TRANSPORT_ATTACKS[case]
    status, fragment = expected[server_name(server).lower()]

    answered, envelope = envelope_of(server.raw(request.encode(), timeout=5))

    assert answered == status
    assert fragment in envelope["ExceptionMessage"]
    assert requests.get(server.url + "/_mock/health", timeout=5).status_code == 200


@pytest.mark.parametrize(
    ("size", "status"), [(LIMIT, 400), (LIMIT + 1, 413), (LIMIT * 3 // 2, 413)]
)
def test_a_chunked_body_over_the_limit_is_413_never_cut_short(
    server: Served, size: int, status: int
) -> None:
    # Valid JSON for its first LIMIT bytes: a body cut to the limit would be taken.
    body = b"[]" + b" " * (size - 2)

    answered, envelope = envelope_of(server.raw(CHUNKED.encode() + chunked(body), timeout=10))

    assert answered == status, envelope
    if status == 400:  # read whole: the empty batch is what is wrong with it
        assert "non-empty array" in envelope["ExceptionMessage"]


def test_a_malformed_chunk_is_journaled_as_a_400(server: Served) -> None:
    requests.delete(server.url + "/_mock/requests", headers=ADMIN_CLIENT, timeout=5)

    server.raw((CHUNKED + "ZZ\r\n[]\r\n0\r\n\r\n").encode(), timeout=5)

    journaled = requests.get(server.url + "/_mock/requests", timeout=5).json()["requests"]
    if server_name(server) == "waitress":
        assert journaled == []  # refused by waitress, before the app
    else:
        assert [entry["status"] for entry in journaled] == [400]


@pytest.mark.parametrize(
    ("request_bytes", "status"),
    [
        (f"GET /v2/x HTTP/1.1\r\nHost: t\r\nX-Big: {'a' * 300_000}\r\n\r\n".encode(), 431),
        (CHUNKED.encode() + chunked(b" " * 3 * LIMIT), 413),
    ],
    ids=["headers-over-256k", "body-over-twice-the-limit"],
)
def test_what_waitress_refuses_unread_is_the_envelope_or_a_reset(
    request_bytes: bytes, status: int
) -> None:
    """The refusals that may not reach the client (docs/transport-errors.md): waitress writes
    the envelope, then closes with the request unread, which the client may see as a reset."""
    with served("--server", "waitress") as server:
        try:
            answered, _ = envelope_of(server.raw(request_bytes, timeout=5))
        except ConnectionResetError:
            answered = status
        assert answered == status
        assert requests.get(server.url + "/_mock/health", timeout=5).status_code == 200
