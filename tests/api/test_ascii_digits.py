"""Every place lsq-mock reads a number from text reads ASCII digits 0-9 and nothing else
(lsq_mock.digits): `²` passes `str.isdigit()` and fails `int()` (a 500), `٣` is read as
3 by `int()`, and `int()` also takes signs, spaces and underscores, and fails past 4,300 digits."""

from __future__ import annotations

import socket
from typing import Any

import click
import pytest

from lsq_mock.cli.params import ByteSizeType
from lsq_mock.contract.violations import Violation, row_of
from lsq_mock.digits import ascii_int
from lsq_mock.emulator.hosts import split_host_header
from lsq_mock.errors import InvalidActivity
from lsq_mock.serving.wsgi_servers import SERVER_NAMES
from lsq_mock_contract.provider_http import RATE_LIMIT_MESSAGE, _described
from lsq_mock_contract.provider_posting import event_code_of
from support.calls import JSON
from support.envelope import assert_envelope, refused_at
from support.paths import ACTIVITY_SETTING, CREATE, RETRIEVE, UPDATE
from support.running import Running
from support.seeded import DEMO, LEAD
from support.served import raw_exchange
from support.servers import serving_with

NOT_ASCII_DIGITS = ["\u00b2", "\u2460", "\u0663", "\uff13", "+3", "-3", " 3", "3 ", "1_0", "3\n"]
"""Superscript two, circled one, Arabic-Indic three, fullwidth three; what else int() takes."""
CLOSE = b"Connection: close\r\n\r\n"


@pytest.mark.parametrize("text", [*NOT_ASCII_DIGITS, "", "9" * 19, "9" * 5000, "0x3"])
def test_ascii_int_reads_nothing_but_ascii_digits(text: str) -> None:
    assert ascii_int(text) is None


@pytest.mark.parametrize(
    ("text", "number"), [("0", 0), ("203", 203), ("007", 7), ("9" * 18, 10**18 - 1)]
)
def test_ascii_int_reads_ascii_digits(text: str, number: int) -> None:
    assert ascii_int(text) == number


@pytest.mark.parametrize("event", ["%C2%B2", "%E2%91%A0", "%D9%A3", "%2B3", "1_0", "9" * 5000])
def test_the_activities_filter_refuses_what_is_not_ascii_digits(
    running: Running, event: str
) -> None:
    answer = running.http.get(f"{running.url}/_mock/activities?ActivityEvent={event}")

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message.startswith("Invalid Input! ActivityEvent must be an integer; got ")


def test_the_activities_filter_reads_ascii_digits(running: Running) -> None:
    answer = running.http.get(f"{running.url}/_mock/activities?ActivityEvent=0203")

    assert answer.status_code == 200
    assert {a["ActivityEvent"] for a in answer.json()["Activities"]} == {203}


@pytest.mark.parametrize(
    ("header", "port"),
    [
        ("127.0.0.1:\u00b2", -1),
        ("127.0.0.1:\u0663", -1),
        ("[::1]:\u0668\u0660", -1),
        ("localhost:" + "9" * 5000, -1),
        ("localhost:+80", -1),
        ("Example:8080", 8080),
    ],
)
def test_a_host_header_port_is_read_as_ascii_digits(header: str, port: int) -> None:
    assert split_host_header(header)[1] == port


@pytest.mark.parametrize("server", SERVER_NAMES)
def test_a_host_port_that_is_not_digits_is_refused_not_a_500(server: str) -> None:
    with serving_with(server) as running:
        for port in (b"\xb2", b"\xd9\xa3", b"9" * 5000):
            request = b"GET /_mock/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + b"\r\n"
            answer = raw_exchange((running.host, running.port), request + CLOSE, timeout=5)

            assert answer.startswith(b"HTTP/1.1 403 "), answer[:200]
            assert b"is not this server's address" in answer


@pytest.mark.parametrize("code", ["203\n", "\u0662\u0660\u0663", "+203"])
@pytest.mark.parametrize(
    ("path", "body", "at"),
    [
        (CREATE, {"RelatedProspectId": LEAD}, "$.ActivityEvent"),
        (UPDATE, {"ProspectActivityId": DEMO}, "$.ActivityEvent"),
        (f"{RETRIEVE}?leadId={LEAD}", {"Parameter": {}}, "$.Parameter.ActivityEvent"),
    ],
    ids=["create", "update", "retrieve"],
)
def test_an_event_code_as_text_is_ascii_digits_alone(
    running: Running, code: str, path: str, body: dict[str, Any], at: str
) -> None:
    if "Parameter" in body:
        body = {"Parameter": {"ActivityEvent": code}}
    else:
        body = {**body, "ActivityEvent": code}
    answer = running.http.post(
        running.url + path, params=running.keys, json=body, headers=JSON, timeout=10
    )

    refused_at(answer, at)


@pytest.mark.parametrize("key", ["RowCount", "Offset"])
def test_paging_as_text_is_ascii_digits_alone(running: Running, key: str) -> None:
    answer = running.http.post(
        f"{running.url}{RETRIEVE}?leadId={LEAD}",
        params=running.keys,
        json={"Paging": {key: "5\n"}},
        timeout=10,
    )

    refused_at(answer, f"$.Paging.{key}")


@pytest.mark.parametrize(
    ("path", "row"), [("$[3].Fields[0]", 4), ("$[\u0663]", None), ("$[]", None)]
)
def test_a_violation_row_is_read_from_ascii_digits(path: str, row: int | None) -> None:
    assert row_of(path) == row


@pytest.mark.parametrize("size", ["\u0663MiB", "\u00b2", "1_0", "9" * 30])
def test_a_byte_size_option_is_ascii_digits(size: str) -> None:
    with pytest.raises(click.BadParameter):
        ByteSizeType().convert(size, None, None)


@pytest.mark.parametrize(
    ("value", "code"), [(201, 201), ("201", 201), ("\u0662\u0660\u0661", None), (True, None)]
)
def test_the_provider_suite_reads_an_event_code_as_ascii_digits(
    value: Any, code: int | None
) -> None:
    assert event_code_of(value) == code


def test_the_provider_suite_reads_a_rate_limit_message_in_ascii_digits() -> None:
    arabic = "API calls exceeded the limit of \u0662\u0665 in \u0665 second(s)"

    assert RATE_LIMIT_MESSAGE.search(arabic) is None
    assert RATE_LIMIT_MESSAGE.search(arabic.replace("\u0662\u0665", "25").replace("\u0665", "5"))


def test_the_provider_suite_reads_a_row_number_in_ascii_digits() -> None:
    found = Violation("$.Response[\u0663].X", "schema:type", "$.Response[\u0663].X is bad")

    assert _described("bulk-update-response", found) == (
        "bulk-update-response.schema.json: $.Response[\u0663].X is bad"
    )


@pytest.mark.parametrize("length", [b"-5", b"+2", b"\xd9\xa3", b"1_0"])
def test_a_content_length_that_is_not_ascii_digits_ends_the_connection(
    running: Running, length: bytes
) -> None:
    # werkzeug reads no body of such a length; what follows must not be read as a new request
    head = f"POST {CREATE} HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n".encode()
    pipelined = b"[]GET /_mock/health HTTP/1.1\r\nHost: t\r\n\r\n"
    with socket.create_connection((running.server.host, running.server.port), timeout=5) as sock:
        sock.sendall(head + b"Content-Length: " + length + b"\r\n\r\n" + pipelined)
        answer = b"".join(iter(lambda: sock.recv(65536), b""))

    assert answer.count(b"HTTP/1.1 ") == 1, answer


@pytest.mark.parametrize("code", ["9" * 5000, "\u0662\u0660\u0663", "\u00b2"])
def test_an_activity_setting_code_that_is_not_ascii_digits_is_no_type(
    running: Running, code: str
) -> None:
    answer = running.http.get(
        running.url + ACTIVITY_SETTING, params={**running.keys, "code": code}, timeout=10
    )

    assert answer.json()["ExceptionType"] == InvalidActivity.exception_type, answer.text[:200]
