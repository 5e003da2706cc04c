"""What the HTTP server answers before the app, under `lsq-mock serve` with each server: the JSON
envelope, promptly, never HTML, plain text, a redirect or a hang (docs/transport-errors.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from lsq_mock.schemaset import shipped_schemas
from support.paths import BULK_UPDATE
from support.served import QUERY, SERVERS, Served, served

LIMIT = 2 * 1024 * 1024
POST_HEAD = (
    f"POST {BULK_UPDATE}?{QUERY} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
    "Connection: close\r\n"
)
CHUNKED = POST_HEAD + "Transfer-Encoding: chunked\r\n\r\n"
PER_SERVER = {
    # name: (request, {server: (status, a fragment of the message)})
    "chunk-size-not-hex": (
        CHUNKED + "ZZ\r\n[]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "Invalid chunk size")},
    ),
    "chunk-size-negative": (
        CHUNKED + "-2\r\n[]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "Invalid chunk size")},
    ),
    "chunk-without-crlf": (
        CHUNKED + "2\r\n[]XX1\r\n]\r\n0\r\n\r\n",
        {"werkzeug": (400, "could not be read"), "waitress": (400, "not properly terminated")},
    ),
    "double-slash": (
        f"GET /v2//ProspectActivity.svc/ActivityTypes.Get?{QUERY} HTTP/1.1\r\nHost: t\r\n"
        "Connection: close\r\n\r\n",
        {"werkzeug": (404, "could not be found"), "waitress": (404, "could not be found")},
    ),
    "invalid-content-length": (
        POST_HEAD + "Content-Length: abc\r\n\r\n[]",
        {"werkzeug": (400, "not valid JSON"), "waitress": (400, "Content-Length is invalid")},
    ),
    "gzip-transfer-encoding": (
        POST_HEAD + "Transfer-Encoding: gzip\r\n\r\n[]",
        {"werkzeug": (400, "not valid JSON"), "waitress": (501, "Transfer-Encoding")},
    ),
    "request-line-over-64k": (
        f"GET /v2/{'a' * 70_000} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (414, "Request-URI Too Long"), "waitress": (404, "could not be found")},
    ),
    "header-line-over-64k": (
        f"GET /v2/x HTTP/1.1\r\nHost: t\r\nX-Big: {'a' * 70_000}\r\nConnection: close\r\n\r\n",
        {"werkzeug": (431, "Line too long"), "waitress": (404, "could not be found")},
    ),
    "over-100-headers": (
        "GET /v2/x HTTP/1.1\r\nHost: t\r\n"
        + "".join(f"X-H{n}: v\r\n" for n in range(120))
        + "Connection: close\r\n\r\n",
        {"werkzeug": (431, "Too many headers"), "waitress": (404, "could not be found")},
    ),
    "malformed-request-line": (
        "GET /x y HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (400, "Bad request syntax"), "waitress": (400, "Start line is invalid")},
    ),
    "one-word-request-line": (
        "HELLO\r\n\r\n",
        {"werkzeug": (400, "Bad request syntax"), "waitress": (400, "Start line is invalid")},
    ),
    "http-9": (
        "GET /v2/x HTTP/9.9\r\nHost: t\r\nConnection: close\r\n\r\n",
        {"werkzeug": (505, "Invalid HTTP version"), "waitress": (404, "could not be found")},
    ),
    "http-0.9": (
        "GET /v2/x\r\n\r\n",
        {"werkzeug": (400, "HTTP/0.9"), "waitress": (404, "could not be found")},
    ),
}


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
    assert shipped_schemas().is_valid("error", envelope), envelope
    assert envelope["ExceptionType"].startswith("MX")
    return int(status_line.split()[1]), envelope


def server_name(server: Served) -> str:
    return requests.get(server.url + "/_mock/health", timeout=5).headers["Server"].split("/")[0]


@pytest.mark.parametrize("case", list(PER_SERVER))
def test_what_the_server_refuses_is_the_envelope(server: Served, case: str) -> None:
    request, expected = PER_SERVER[case]
    status, fragment = expected[server_name(server).lower()]

    answered, envelope = envelope_of(server.raw(request.encode(), timeout=5))

    assert answered == status
    assert fragment in envelope["ExceptionMessage"]
    assert requests.get(server.url + "/_mock/health", timeout=5).status_code == 200


def chunked(body: bytes, size: int = 65536) -> bytes:
    chunks = [body[at : at + size] for at in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


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
    requests.delete(server.url + "/_mock/requests", timeout=5)

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
