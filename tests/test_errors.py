"""The error table over real HTTP: every status in the LeadSquared envelope, never HTML."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from lsq_mock import Settings, create_app
from lsq_mock.resources import default_seed_path
from support.calls import post_json_text, post_raw, row, snapshot
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO

INVALID = "MXInvalidInputException"
GOOD_ROW = row(DEMO, ("mx_Custom_1", "x"))

BODY_CASES: list[tuple[str, Any, str]] = [
    ("body-not-array", {"ProspectActivityId": DEMO}, "$ must be array"),
    ("empty-array", [], "$ must be a non-empty array"),
    ("26-rows", [GOOD_ROW] * 26, "$ has 26 activities; the maximum limit is 25"),
    ("row-not-object", [GOOD_ROW, "x"], "$[1] must be object"),
    ("missing-id", [GOOD_ROW, GOOD_ROW, {"Fields": []}], "$[2].ProspectActivityId is required"),
    ("id-not-string", [{"ProspectActivityId": 42}], "$[0].ProspectActivityId must be string"),
    ("id-empty", [{"ProspectActivityId": ""}], "$[0].ProspectActivityId"),
    ("fields-not-array", [{"ProspectActivityId": DEMO, "Fields": {}}], "$[0].Fields must be array"),
    (
        "field-without-schemaname",
        [GOOD_ROW] * 3 + [{"ProspectActivityId": DEMO, "Fields": [GOOD_ROW["Fields"][0], {}]}],
        "$[3].Fields[1].SchemaName is required",
    ),
    (
        "field-without-value",
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1"}]}],
        "$[0].Fields[0].Value is required",
    ),
    (
        "value-is-object",
        [{"ProspectActivityId": DEMO, "Fields": [{"SchemaName": "mx_Custom_1", "Value": {}}]}],
        "$[0].Fields[0].Value",
    ),
]


@pytest.mark.parametrize(
    ("body", "path_in_message"),
    [(body, path) for _, body, path in BODY_CASES],
    ids=[case for case, _, _ in BODY_CASES],
)
def test_bad_body_is_400_naming_the_json_path(
    running: Running, body: Any, path_in_message: str
) -> None:
    """Each structural problem of the body is a 400 envelope whose message names where."""
    before = snapshot(running)
    message = assert_envelope(running.bulk_update(body), 400, INVALID)
    assert path_in_message in message
    assert snapshot(running) == before
    assert running.emulator.events.entries() == []


def test_exactly_25_rows_is_accepted(running: Running) -> None:
    answer = running.bulk_update([GOOD_ROW] * 25)
    assert answer.status_code == 200
    assert [r["RowNumber"] for r in answer.json()["Response"]] == list(range(1, 26))


def test_missing_content_type_is_400(running: Running) -> None:
    message = assert_envelope(post_raw(running, "[]"), 400, INVALID)
    assert "Content-Type must be application/json" in message


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_wrong_content_type_is_400(running: Running, content_type: str) -> None:
    body = f'[{{"ProspectActivityId": "{DEMO}"}}]'
    message = assert_envelope(post_raw(running, body, {"Content-Type": content_type}), 400, INVALID)
    assert content_type in message


def test_content_type_with_charset_is_accepted(running: Running) -> None:
    body = f'[{{"ProspectActivityId": "{DEMO}"}}]'
    answer = post_raw(running, body, {"Content-Type": "application/json; charset=utf-8"})
    assert answer.status_code == 200


@pytest.mark.parametrize("text", ["[", "[{'a': 1}]", "", "[NaN]", "[1,]"])
def test_invalid_json_is_400(running: Running, text: str) -> None:
    message = assert_envelope(
        post_raw(running, text, {"Content-Type": "application/json"}), 400, INVALID
    )
    assert "not valid JSON" in message


def test_body_that_is_not_utf8_is_400(running: Running) -> None:
    answer = post_raw(running, b'["\xff\xfe"]', {"Content-Type": "application/json"})
    assert_envelope(answer, 400, INVALID)


def test_deeply_nested_body_is_400_not_500(running: Running) -> None:
    answer = post_raw(running, "[" * 100_000 + "]" * 100_000, {"Content-Type": "application/json"})
    assert_envelope(answer, 400, INVALID)


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
    assert "accessKey" in message and "secretKey" in message


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
    assert "<" not in answer.text
    assert path in message
    assert snapshot(running) == before


class TestBodyLimit:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path(), max_body_bytes=2048)

    def test_body_over_max_body_bytes_is_413(self, running: Running) -> None:
        body = [row(DEMO, ("mx_Custom_1", "y" * 40))] * 25
        before = snapshot(running)
        message = assert_envelope(post_json_text(running, body), 413, INVALID)
        assert "2048" in message
        assert snapshot(running) == before
        assert running.emulator.journal.entries()[-1]["status"] == 413

    def test_body_under_max_body_bytes_is_served(self, running: Running) -> None:
        assert post_json_text(running, [GOOD_ROW]).status_code == 200


def test_body_over_default_limit_is_413(running: Running) -> None:
    limit = running.emulator.settings.max_body_bytes
    text = '["' + "x" * limit + '"]'
    assert_envelope(post_raw(running, text, {"Content-Type": "application/json"}), 413, INVALID)


def test_rate_limited_call_is_429_with_vendor_message(running: Running) -> None:
    for _ in range(25):
        assert running.bulk_update([GOOD_ROW]).status_code == 200
    message = assert_envelope(
        running.bulk_update([GOOD_ROW]), 429, "MXAPIRateLimitExceededException"
    )
    assert message == "API calls exceeded the limit of 25 in 5 second(s)"


SECRET_DETAIL = "sensitive detail 7f3a"


@pytest.fixture
def crashing() -> Iterator[str]:
    """A real server whose app has an extra route that raises."""
    from lsq_mock import MockServer

    app = create_app(Settings(seed=default_seed_path()))

    @app.route("/v2/boom", methods=["GET", "POST"])
    def boom() -> str:
        raise RuntimeError(SECRET_DETAIL)

    with MockServer(app=app) as server:
        yield server.url


def test_unexpected_exception_is_500_envelope_without_traceback(
    crashing: str, caplog: pytest.LogCaptureFixture
) -> None:
    from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

    answer = requests.post(
        crashing + "/v2/boom",
        params={"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY},
        timeout=5,
    )
    message = assert_envelope(answer, 500, "MXUnexpectedException")
    assert SECRET_DETAIL not in answer.text
    assert "File " not in answer.text
    assert message.startswith("The API call failed")
