"""The error table over real HTTP: every status in the LeadSquared envelope, never HTML."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lsq_mock import Settings
from lsq_mock.errors import PayloadTooLarge, transport_error
from lsq_mock.resources import default_seed_path
from support.attacks import TRANSPORT_ATTACKS
from support.calls import post_json_text, post_raw, row, snapshot
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE, TYPES
from support.running import Running
from support.seeded import DEMO
from support.served import raw_exchange

INVALID = "MXInvalidInputException"
GOOD_ROW = row(DEMO, ("mx_Custom_1", "x"))

BODY_CASES: list[tuple[str, Any, str, str]] = [
    # (case, body, the whole message after "Invalid Input! ", the path journaled with the rule)
    ("body-not-array", {"ProspectActivityId": DEMO}, "$ must be array, not object", "type"),
    ("empty-array", [], "$ must be a non-empty array of activities", "minItems"),
    (
        "26-rows",
        [GOOD_ROW] * 26,
        "$ has 26 activities; the maximum limit is 25 activities",
        "maxItems",
    ),
    ("row-not-object", [GOOD_ROW, "x"], "$[1] must be object, not string", "type"),
    (
        "missing-id",
        [GOOD_ROW, GOOD_ROW, {"Fields": []}],
        "$[2].ProspectActivityId is required",
        "required",
    ),
    (
        "id-not-string",
        [{"ProspectActivityId": 42}],
        "$[0].ProspectActivityId must be string, not number",
        "type",
    ),
    (
        "id-empty",
        [{"ProspectActivityId": ""}],
        "$[0].ProspectActivityId has length 0; minLength is 1",
        "minLength",
    ),
    (
        "fields-not-array",
        [{"ProspectActivityId": DEMO, "Fields": {}}],
        "$[0].Fields must be array, not object",
        "type",
    ),
    (
        "field-without-schemaname",
        [GOOD_ROW] * 3 + [{"ProspectActivityId": DEMO, "Fields": [GOOD_ROW["Fields"][0], {}]}],
        "$[3].Fields[1].SchemaName is required",
        "required",
    ),
    (
        "field-without-value",
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1"}]}],
        "$[0].Fields[0].Value is required",
        "required",
    ),
    (
        "value-is-object",
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": {}}]}],
        "$[0].Fields[0].Value must be string or number or boolean or null, not object",
        "type",
    ),
]


@pytest.mark.parametrize(
    ("body", "problem", "keyword"),
    [case[1:] for case in BODY_CASES],
    ids=[case[0] for case in BODY_CASES],
)
def test_bad_body_is_400_naming_the_json_path(
    running: Running, body: Any, problem: str, keyword: str
) -> None:
    """Each structural problem of the body is a 400 envelope: "Invalid Input! " and where."""
    before = snapshot(running)
    message = assert_envelope(running.bulk_update(body), 400, INVALID)
    assert message == f"Invalid Input! {problem}"
    path = problem.split(" ")[0]
    [violation] = running.emulator.journal.entries()[-1]["contract"]
    assert (violation["path"], violation["rule"], violation["message"]) == (
        path,
        f"invalid-input:{keyword}",
        message,
    )
    assert snapshot(running) == before
    assert running.emulator.events.entries() == []


def test_exactly_25_rows_is_accepted(running: Running) -> None:
    answer = running.bulk_update([GOOD_ROW] * 25)
    assert answer.status_code == 200
    assert [r["RowNumber"] for r in answer.json()["Response"]] == list(range(1, 26))


def test_missing_content_type_is_400(running: Running) -> None:
    message = assert_envelope(post_raw(running, "[]"), 400, INVALID)
    assert message == "Invalid Input! Content-Type must be application/json; none was sent"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_400(running: Running, content_type: str) -> None:
    body = f'[{{"ProspectActivityId": "{DEMO}"}}]'
    message = assert_envelope(post_raw(running, body, {"Content-Type": content_type}), 400, INVALID)
    assert message == f"Invalid Input! Content-Type must be application/json; got {content_type!r}"


def test_content_type_with_charset_is_accepted(running: Running) -> None:
    body = f'[{{"ProspectActivityId": "{DEMO}"}}]'
    answer = post_raw(running, body, {"Content-Type": "application/json; charset=utf-8"})
    assert answer.status_code == 200


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[", "Expecting value: line 1 column 2 (char 1)"),
        (
            "[{'a': 1}]",
            "Expecting property name enclosed in double quotes: line 1 column 3 (char 2)",
        ),
        ("", "Expecting value: line 1 column 1 (char 0)"),
        ("[NaN]", "NaN is not JSON"),
        ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
        (b'["\xff\xfe"]', "it is not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply"),
        ("[" + "9" * 5000 + "]", f"the number {'9' * 40}... has 5000 digits (at most 4300)"),
    ],
    ids=[
        "open",
        "single-quotes",
        "empty",
        "nan",
        "trailing-comma",
        "not-utf8",
        "too-deep",
        "too-many-digits",
    ],
)
def test_invalid_json_is_400_saying_why(running: Running, text: str | bytes, problem: str) -> None:
    message = assert_envelope(
        post_raw(running, text, {"Content-Type": "application/json"}), 400, INVALID
    )
    assert message == f"Invalid Input! The body is not valid JSON: {problem}"


def test_bad_keys_win_over_bad_body(running: Running) -> None:
    """Keys are checked before the body: a bad body with bad keys is a 401."""
    answer = running.http.post(
        running.url + BULK_UPDATE,
        params={"accessKey": "u$rwrong", "secretKey": "nope"},
        data="not json",
        headers={"Content-Type": "text/plain"},
    )
    assert_envelope(answer, 401, "MXUnAuthorizedAccessException")


def test_missing_keys_with_bad_body_is_401(running: Running) -> None:
    answer = running.http.post(running.url + BULK_UPDATE, data="[")
    message = assert_envelope(answer, 401, "MXUnAuthorizedAccessException")
    assert message == "Missing accessKey and secretKey"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v2/ProspectActivity.svc/Bulk/CustomActivity/Nope"),
        ("POST", "/nope"),
        ("GET", "/"),
        ("POST", "/v1/ProspectActivity.svc/Bulk/CustomActivity/Update"),
        ("GET", BULK_UPDATE),
        ("PUT", BULK_UPDATE),
        ("DELETE", BULK_UPDATE),
    ],
)
def test_unknown_path_or_method_is_404_envelope(running: Running, method: str, path: str) -> None:
    before = snapshot(running)
    answer = running.http.request(method, running.url + path, params=running.keys, json=[GOOD_ROW])
    message = assert_envelope(answer, 404, "MXAPINotFoundException")
    assert message == (
        f"The API could not be found. Please check the API signature: {method} {path}"
    )
    assert snapshot(running) == before


class TestBodyLimit:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path(), max_body_bytes=2048)

    def test_body_over_max_body_bytes_is_413(self, running: Running) -> None:
        body = [row(DEMO, ("mx_Custom_1", "y" * 40))] * 25
        before = snapshot(running)
        message = assert_envelope(post_json_text(running, body), 413, INVALID)
        assert message == "Invalid Input! The request body exceeds 2048 bytes."
        assert snapshot(running) == before
        assert running.emulator.journal.entries()[-1]["status"] == 413

    def test_body_under_max_body_bytes_is_served(self, running: Running) -> None:
        assert post_json_text(running, [GOOD_ROW]).status_code == 200


UNREAD = ("MXInvalidInputException", "Invalid Input! The request could not be read.")


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        (400, "  ", UNREAD),
        (431, " Headers too big ", ("MXInvalidInputException", "Invalid Input! Headers too big")),
        (505, "", UNREAD),
        (500, "", ("MXUnexpectedException", "The API call failed.")),
        (502, "upstream", ("MXUnexpectedException", "The API call failed.")),
        (413, "", ("MXInvalidInputException", PayloadTooLarge(2**21).message)),
    ],
)
def test_what_a_server_refuses_by_itself_reads_as_the_apis_envelope(
    status: int, reason: str, expected: tuple[str, str]
) -> None:
    """The envelope only: the server answers it under its own status (a 431 stays a 431)."""
    error = transport_error(status, reason, limit_bytes=2**21)

    assert (error.exception_type, error.message) == expected


def raw_answer(running: Running, request: bytes) -> tuple[bytes, bytes]:
    """Send `request` as it is on a new connection; the answer's head and body."""
    head, _, body = raw_exchange(("127.0.0.1", running.server.port), request).partition(b"\r\n\r\n")
    return head, body


def test_a_malformed_chunk_is_the_400_envelope_saying_so(running: Running) -> None:
    head, body = raw_answer(running, TRANSPORT_ATTACKS["chunk-size-not-hex"][0].encode())

    assert head.startswith(b"HTTP/1.1 400 ")
    assert json.loads(body) == {
        "Status": "Error",
        "ExceptionType": "MXInvalidInputException",
        "ExceptionMessage": "Invalid Input! The body could not be read: a chunk of it is "
        "malformed, or the client stopped sending it",
    }


def test_werkzeugs_own_refusal_is_the_compact_envelope(running: Running) -> None:
    """What werkzeug refuses before the app (here an HTTP version it does not speak) is written
    by lsq-mock's handler, byte for byte as compact as the app's own envelopes."""
    head, body = raw_answer(running, TRANSPORT_ATTACKS["http-9"][0].encode())

    assert head.startswith(b"HTTP/1.1 505 ")
    assert body == (
        b'{"Status":"Error","ExceptionType":"MXInvalidInputException",'
        b'"ExceptionMessage":"Invalid Input! Invalid HTTP version (9.9)"}'
    )


def test_a_host_werkzeug_cannot_encode_is_still_routed(running: Running) -> None:
    """A Host label over 63 characters: werkzeug's routing refused it before any handler ran,
    with an HTML 500; no route depends on the Host."""
    headers = {"Host": "x" * 300}

    answer = running.http.get(running.url + TYPES, params=running.keys, headers=headers)

    assert answer.status_code == 200
    assert [row["ActivityEvent"] for row in answer.json()][:1] == [201]
