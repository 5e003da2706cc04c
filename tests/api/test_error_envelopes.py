"""Every error the emulator answers, over real HTTP: its status, its wire ExceptionType, its whole
message, and whether it is journaled as the client's mistake (with the path and rule) or not."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from werkzeug import exceptions

from lsq_mock import Emulator, MockServer, Settings, create_app
from lsq_mock.api import gateway
from lsq_mock.api.call import Call as ApiCall
from lsq_mock.api.routes import HANDLERS
from lsq_mock.catalogue.vendor_apis import vendor_api
from lsq_mock.resources import default_seed_path
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from support.calls import ADMIN_CLIENT, get, post, row
from support.envelope import assert_envelope
from support.paths import (
    ACTIVITY_SETTING,
    BULK_UPDATE,
    CREATE,
    CREATE_TYPE,
    DETAILS,
    RETRIEVE,
    TYPES,
    UPDATE,
)
from support.running import Running
from support.seeded import DEMO, LEAD

INVALID = "MXInvalidInputException"
ENTITY = "MXInvalidEntityException"
UNAUTHORIZED = "MXUnAuthorizedAccessException"
CAPTURE = "/v2/OpportunityManagement.svc/Capture"
"""A real vendor API that lsq-mock does not emulate."""
CAPTURE_API = vendor_api("POST", CAPTURE)
assert CAPTURE_API is not None

Call = Callable[[Running], requests.Response]
API_ERRORS: list[tuple[str, Call, int, str, str, list[tuple[str, str]]]] = [
    # (case, call, status, ExceptionType, whole message, journaled (path, rule) of the client's)
    (
        "schema",
        lambda running: running.bulk_update([]),
        400,
        INVALID,
        "Invalid Input! $ must be a non-empty array of activities",
        [("$", "invalid-input:minItems")],
    ),
    (
        "body-too-large",
        lambda running: running.bulk_update([row(DEMO, ("mx_Custom_1", "x" * 2_100_000))]),
        413,
        INVALID,
        "Invalid Input! The request body exceeds 2097152 bytes.",
        [("$", "payload-too-large")],
    ),
    (
        "wrong-keys",
        lambda running: running.http.post(
            running.url + BULK_UPDATE, params={"accessKey": "x", "secretKey": "y"}, json=[]
        ),
        401,
        UNAUTHORIZED,
        "Invalid accessKey or secretKey: check your AccessKey and SecretKey",
        [("$", "auth")],
    ),
    (
        "no-keys",
        lambda running: running.http.post(running.url + BULK_UPDATE, json=[]),
        401,
        UNAUTHORIZED,
        "Missing accessKey and secretKey",
        [("$", "auth")],
    ),
    (
        "unknown-path",
        lambda running: post(running, "/v2/nope", []),
        404,
        "MXAPINotFoundException",
        "The API could not be found. Please check the API signature: POST /v2/nope",
        [("$", "unknown-api")],
    ),
    (
        "not-emulated",
        lambda running: post(running, CAPTURE, []),
        404,
        "MXAPINotFoundException",
        f"The API could not be found: lsq-mock does not emulate POST {CAPTURE} "
        f"({CAPTURE_API.title}) yet. It is a real LeadSquared API: see {CAPTURE_API.source}",
        [("$", "not-emulated")],
    ),
    (
        "missing-parameter",
        lambda running: get(running, DETAILS),
        500,
        "MXMandatoryAttributeMissingException",
        "'activityId' is mandatory for getting activity details",
        [("?activityId", "mandatory-missing")],
    ),
    (
        "unknown-activity-details",
        lambda running: get(running, DETAILS, activityId="nope"),
        500,
        "MXUnknownProspectActivityException",
        "Activity does not exist.",
        [("?activityId", "unknown-activity")],
    ),
    (
        "unknown-activity-update",
        lambda running: post(running, UPDATE, {"ProspectActivityId": "nope", "Fields": []}),
        500,
        ENTITY,
        "Activity 'nope' does not exist in the system",
        [("$.ProspectActivityId", "unknown-activity")],
    ),
    (
        "unknown-type",
        lambda running: post(running, CREATE, {"RelatedProspectId": LEAD, "ActivityEvent": 999}),
        500,
        "MXInvalidActivityException",
        "Event Code is invalid or empty",
        [("$.ActivityEvent", "unknown-activity-type")],
    ),
    (
        "unknown-type-setting",
        lambda running: get(running, ACTIVITY_SETTING, code="999"),
        500,
        "MXInvalidActivityException",
        "Event Code is invalid or empty",
        [("?code", "unknown-activity-type")],
    ),
    (
        "duplicate-type-name",
        lambda running: post(running, CREATE_TYPE, {"ActivityEventName": "Site Visit"}),
        500,
        "MXDuplicateEntryException",
        "Duplicate entry 'Site Visit' for key 'ActivityEventName'",
        [("$.ActivityEventName", "duplicate-entry")],
    ),
    (
        "page-too-large",
        lambda running: post(running, RETRIEVE, {"Paging": {"RowCount": 1001}}, leadId=LEAD),
        500,
        INVALID,
        "PageSize can not be more than 1000.",
        [("$.Paging.RowCount", "page-size")],
    ),
]


@pytest.mark.parametrize(
    ("call", "status", "exception_type", "message", "journaled"),
    [case[1:] for case in API_ERRORS],
    ids=[case[0] for case in API_ERRORS],
)
def test_an_api_error_is_its_envelope_and_journaled_as_the_clients_mistake(
    running: Running,
    call: Call,
    status: int,
    exception_type: str,
    message: str,
    journaled: list[tuple[str, str]],
) -> None:
    answer = call(running)

    assert assert_envelope(answer, status, exception_type) == message
    [entry] = running.emulator.journal.entries()
    assert entry["status"] == status
    assert [(v["path"], v["rule"], v["message"]) for v in entry["contract"]] == [
        (path, rule, message) for path, rule in journaled
    ]


def test_an_unknown_path_near_an_api_is_journaled_with_that_api_as_its_hint(
    running: Running,
) -> None:
    answer = post(running, BULK_UPDATE[:-1], [])

    message = assert_envelope(answer, 404, "MXAPINotFoundException")
    assert (
        message
        == f"The API could not be found. Please check the API signature: POST {BULK_UPDATE[:-1]}"
    )
    [entry] = running.emulator.journal.entries()
    [violation] = entry["contract"]
    assert (violation["rule"], violation["hint"]) == (
        "unknown-api",
        f"did you mean POST {BULK_UPDATE}?",
    )


def test_a_429_is_not_the_clients_mistake(running: Running) -> None:
    for _ in range(25):
        running.bulk_update([row(DEMO)])

    message = assert_envelope(
        running.bulk_update([row(DEMO)]), 429, "MXAPIRateLimitExceededException"
    )

    assert message == "API calls exceeded the limit of 25 in 5 second(s)"
    assert running.emulator.journal.entries()[-1]["contract"] == []


@pytest.mark.parametrize(
    ("path", "method", "status", "exception_type", "message"),
    [
        (
            "/_mock/activities/nope",
            "GET",
            404,
            ENTITY,
            "Activity 'nope' does not exist in the system",
        ),
        (
            "/_mock/faults",
            "DELETE",
            403,
            "MXForbiddenException",
            "DELETE /_mock/faults needs Content-Type: application/json (a body is optional "
            "where none is taken) or the X-LSQ-Mock-Client header",
        ),
    ],
    ids=["unknown-activity", "cross-site-form"],
)
def test_a_control_plane_error_is_its_envelope_and_never_journaled(
    running: Running, path: str, method: str, status: int, exception_type: str, message: str
) -> None:
    answer = running.http.request(method, running.url + path)

    assert assert_envelope(answer, status, exception_type) == message
    assert running.emulator.journal.entries() == []


def test_a_control_plane_body_too_large_is_the_413_naming_the_limit(running: Running) -> None:
    body = b'{"latency_seconds": "' + b"x" * 2_100_000 + b'"}'
    headers = {**ADMIN_CLIENT, "Content-Type": "application/json"}
    answer = running.http.patch(running.url + "/_mock/config", data=body, headers=headers)

    message = assert_envelope(answer, 413, INVALID)
    assert message == "Invalid Input! The request body exceeds 2097152 bytes."
    assert running.emulator.journal.entries() == []


def test_a_control_plane_crash_is_the_500_envelope_and_logged(
    running: Running, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    crash = RuntimeError("detail for the log only")

    def broken() -> dict[str, Any]:
        raise crash

    monkeypatch.setattr(running.emulator, "config", broken)
    answer = running.http.get(running.url + "/_mock/config")

    message = assert_envelope(answer, 500, "MXUnexpectedException")
    assert message == "The API call failed: RuntimeError"
    assert "detail for the log only" not in answer.text
    logged = [
        (record.getMessage(), record.exc_info and record.exc_info[1])
        for record in caplog.records
        if record.levelname == "ERROR"
    ]
    assert logged == [("unexpected error answering GET /_mock/config", crash)]


RAISED: dict[str, Exception] = {
    "bad-request": exceptions.BadRequest("the query string is malformed"),
    "unsupported": exceptions.UnsupportedMediaType("only JSON is taken here"),
    "internal": exceptions.InternalServerError("detail for the log only"),
    "unavailable": exceptions.ServiceUnavailable("detail for the log only"),
    "crash": RuntimeError("detail for the log only"),
}


@pytest.fixture
def raising(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Emulator]]:
    """A server whose CreateType endpoint raises the one of RAISED its `?raise=` names."""

    def raise_it(state: Emulator, call: ApiCall) -> Any:
        raise RAISED[call.arg("raise") or ""]

    monkeypatch.setitem(HANDLERS, "create-type", raise_it)
    emulator = Emulator(Settings(seed=default_seed_path()))
    with MockServer(app=create_app(emulator=emulator)) as server:
        yield server.url, emulator


@pytest.mark.parametrize(
    ("name", "status", "message", "journaled"),
    [
        ("bad-request", 400, "Invalid Input! the query string is malformed", True),
        ("unsupported", 400, "Invalid Input! only JSON is taken here", True),
        ("internal", 500, "The API call failed.", False),
        ("unavailable", 500, "The API call failed.", False),
        ("crash", 500, "The API call failed: RuntimeError", False),
    ],
)
def test_any_other_failure_is_the_envelope_a_client_error_journaled(
    raising: tuple[str, Emulator],
    caplog: pytest.LogCaptureFixture,
    name: str,
    status: int,
    message: str,
    journaled: bool,
) -> None:
    url, emulator = raising

    keys = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY, "raise": name}
    answer = requests.post(url + CREATE_TYPE, params=keys, timeout=5)

    exception_type = INVALID if status == 400 else "MXUnexpectedException"
    assert assert_envelope(answer, status, exception_type) == message
    assert "detail for the log only" not in answer.text
    expected = [("$", "invalid-input", message)] if journaled else []
    [entry] = emulator.journal.entries()
    assert [(v["path"], v["rule"], v["message"]) for v in entry["contract"]] == expected
    # Only a crash is logged, with its traceback, for whoever runs the server.
    logged = [
        (record.name, record.getMessage(), record.exc_info and record.exc_info[1])
        for record in caplog.records
        if record.levelname == "ERROR"
    ]
    crashes = [("lsq_mock", f"unexpected error answering POST {CREATE_TYPE}", RAISED[name])]
    assert logged == (crashes if name == "crash" else [])


def test_an_answer_that_is_not_json_is_the_envelope(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(HANDLERS, "create-type", lambda state, call: {"Id": object()})
    emulator = Emulator(Settings(seed=default_seed_path()))
    with MockServer(app=create_app(emulator=emulator)) as server:
        keys = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
        answer = requests.post(server.url + CREATE_TYPE, params=keys, timeout=5)

    message = assert_envelope(answer, 500, "MXUnexpectedException")
    assert message == "The API call failed: TypeError"


def test_a_call_the_journal_cannot_record_is_still_answered(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(state: Emulator, call: ApiCall) -> None:
        raise RuntimeError("journal defect")

    monkeypatch.setattr(gateway.journal, "record", broken)
    emulator = Emulator(Settings(seed=default_seed_path()))
    with MockServer(app=create_app(emulator=emulator)) as server:
        keys = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}
        answer = requests.get(server.url + TYPES, params=keys, timeout=5)

    assert answer.status_code == 200
    assert [row["ActivityEvent"] for row in answer.json()][:1] == [201]
    assert f"could not journal GET {TYPES}" in caplog.messages
