"""Hostile input at the edges, over real HTTP: every answer is a 200 or the envelope, never 5xx."""

from __future__ import annotations

import socket

import pytest
import requests

from support.calls import JSON, post_raw
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE
from support.running import Running

SEEDED = "bb9205fd-81b8-4d44-bf74-26f90e11790b"


def _query(running: Running) -> str:
    return "&".join(f"{key}={value.replace('$', '%24')}" for key, value in running.keys.items())


def test_ten_megabytes_are_refused_from_the_headers_without_reading_the_body(
    running: Running,
) -> None:
    with socket.create_connection((running.server.host, running.server.port), timeout=5) as raw:
        raw.sendall(
            f"POST {BULK_UPDATE}?{_query(running)} HTTP/1.1\r\nHost: test\r\n"
            f"Content-Type: application/json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n".encode()
            + b"[" * 65536
        )
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = raw.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert b"Content-Type: application/json" in head
    assert b'"ExceptionType":"MXInvalidInputException"' in body
    assert running.emulator.journal.entries()[-1]["status"] == 413


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b"[" + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"]", "nested too deeply"),
        (b'[{"ProspectActivityId": "\xff\xfe"}]', "not UTF-8"),
        (b'[{"ProspectActivityId": "a\x00b"}]', "control character"),
        (
            b'[{"ProspectActivityId": "x", '
            b'"Fields": [{"SchemaName": "mx_Custom_1", "Value": 1e400}]}]',
            "out of range",
        ),
        (
            b'[{"ProspectActivityId": "x", "Fields": [{"SchemaName": "mx_Custom_2", "Value": 1'
            + b"0" * 5000
            + b"}]}]",
            "digits",
        ),
        (b'[{"ProspectActivityId": NaN}]', "NaN is not JSON"),
    ],
    ids=["100k-brackets", "5k-objects", "invalid-utf8", "raw-nul", "1e400", "5000-digits", "nan"],
)
def test_bodies_the_parser_refuses_answer_400(running: Running, body: bytes, reason: str) -> None:
    before = running.emulator.store.activities()
    assert reason in assert_envelope(post_raw(running, body, JSON), 400)
    assert running.emulator.store.activities() == before


def test_escaped_nul_in_strings_and_keys_is_just_data(running: Running) -> None:
    answer = post_raw(running, b'[{"ProspectActivityId": "a\\u0000b", "\\u0000": "\\u0000"}]', JSON)
    assert answer.status_code == 200
    assert answer.json()["Response"][0]["ExceptionType"] == "MXInvalidEntityException"


def test_a_thousand_digit_number_is_a_number(running: Running) -> None:
    value = 10**1000
    answer = running.bulk_update(
        [{"ProspectActivityId": SEEDED, "Fields": [{"SchemaName": "mx_Custom_2", "Value": value}]}]
    )
    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert running.emulator.store.activity(SEEDED)["Fields"]["mx_Custom_2"] == value
    assert requests.get(running.url + "/_mock/requests", timeout=5).status_code == 200


def test_duplicate_keys_keep_the_last_value_as_json_parsers_do(running: Running) -> None:
    body = b'[{"ProspectActivityId": "nope", "ProspectActivityId": "%s"}]' % SEEDED.encode()
    assert post_raw(running, body, JSON).json() == {
        "Response": [{"RowNumber": 1, "ActivityUpdated": True}]
    }


def test_huge_clock_moves_are_refused_and_leave_the_clock_working(running: Running) -> None:
    for body in ({"advance": 1e300}, {"advance": -1e300}, {"set": "9999-12-31T23:59:59"}):
        answer = requests.post(running.url + "/_mock/clock", json=body, timeout=5)
        assert "clock can only be moved" in assert_envelope(answer, 400)
    answer = requests.post(running.url + "/_mock/clock", json={"set": "2026-13-01T00:00:00"})
    assert "month must be in 1..12" in assert_envelope(answer, 400)
    assert running.bulk_update([{"ProspectActivityId": SEEDED}]).status_code == 200


def test_a_stalled_client_does_not_block_the_others(running: Running) -> None:
    with socket.create_connection((running.server.host, running.server.port), timeout=5) as raw:
        raw.sendall(
            f"POST {BULK_UPDATE}?{_query(running)} HTTP/1.1\r\nHost: test\r\n"
            "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{".encode()
        )
        with socket.create_connection((running.server.host, running.server.port), timeout=5):
            for _ in range(5):
                # Blocked, a call would time out: the timeout turns a hang into a failure.
                answer = running.bulk_update([{"ProspectActivityId": SEEDED}], timeout=5)
                assert answer.status_code == 200
