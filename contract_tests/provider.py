"""The provider suite: is a server (the emulator, or the real API) faithful to the bulk contract?

Subclass `ProviderContract` (fsspec style) and it runs against the `lsq_target` fixture: the
emulator, or the real host named by `--lsq-base-url` and friends. Every answer is checked against
the shipped schemas, and any difference fails with what was expected and what came back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest

from lsq_mock.catalogue.rules import UNKNOWN_KEY
from lsq_mock.contract_tests.target import Target
from lsq_mock.contract_tests.wire import BULK_PATH, UNPARSED, Answer, exchange
from lsq_mock.schemaset import shipped_schemas
from lsq_mock.violations import Violation

if TYPE_CHECKING:
    from lsq_mock.contract_tests.handle import LsqMock

UNKNOWN_ACTIVITY = "00000000-0000-0000-0000-000000000000"
IMPOSSIBLE_DATETIME = "2026-02-30 10:00:00"
MAX_ROWS = 25
MAX_CALLS_FOR_429 = 200
PACING_RETRIES = 3
RATE_LIMIT_MESSAGE = re.compile(r"API calls exceeded the limit of (\d+) in (\d+(?:\.\d+)?) second")

EMULATOR_EVENT = 9901
EMULATOR_ACTIVITY = "c0ffee00-0000-4000-8000-00000000c0de"
EMULATOR_TYPE = {
    "ActivityEvent": EMULATOR_EVENT,
    "ActivityEventName": "lsq-mock provider suite",
    "Fields": [
        {"SchemaName": "mx_Custom_1", "DisplayName": "Label", "DataType": "String"},
        {"SchemaName": "mx_Custom_2", "DisplayName": "When", "DataType": "DateTime"},
        {
            "SchemaName": "mx_Custom_3",
            "DisplayName": "Stage",
            "DataType": "Dropdown",
            "Options": ["Alpha", "Beta"],
        },
    ],
}
EMULATOR_LEAD = {
    "ProspectID": "c0ffee00-0000-4000-8000-0000000017ad",
    "EmailAddress": "provider-suite@example.com",
}
EMULATOR_VALUES = {
    "mx_Custom_1": "contract",
    "mx_Custom_2": "2026-01-15 09:30:00",
    "mx_Custom_3": "Alpha",
}


def emulator_target(handle: LsqMock) -> Target:
    """The emulator as a target: its own activity seeded, the vendor's 25/5 limit, its clock."""
    handle.seed(
        activity_types=[EMULATOR_TYPE],
        leads=[EMULATOR_LEAD],
        activities=[
            {
                "ProspectActivityId": EMULATOR_ACTIVITY,
                "ActivityEvent": EMULATOR_EVENT,
                "RelatedProspectId": EMULATOR_LEAD["ProspectID"],
                "Fields": EMULATOR_VALUES,
            }
        ],
    )
    handle.set_rate_limit(25, 5)
    return Target(
        base_url=handle.base_url,
        access_key=handle.access_key,
        secret_key=handle.secret_key,
        activity_ids=(EMULATOR_ACTIVITY,),
        fields=EMULATOR_VALUES,
        datetime_field="mx_Custom_2",
        dropdown_field="mx_Custom_3",
        unlisted_option="Gamma (from Mavis DB)",
        spend_quota=True,
        wait=handle.advance_clock,
        name="the emulator",
    )


@dataclass(frozen=True)
class Sent:
    """One request of the suite, described without its keys."""

    method: str
    url: str
    auth: str
    content_type: str
    body: bytes

    def describe(self, target: Target) -> str:
        """`POST /v2/...?accessKey=***  (keys: query)  body: [...]`, keys blanked out."""
        path = self.url.removeprefix(target.base_url)
        body = self.body.decode("utf-8", errors="replace")
        body = body if len(body) <= 300 else body[:300] + "..."
        return target.redact(f"{self.method} {path}  (keys: {self.auth})  body: {body}")


@dataclass(frozen=True)
class Expected:
    """What the emulator answers: a status, and either an MX error type or the rows' outcomes."""

    status: int
    exception_type: str | None = None
    rows: tuple[bool, ...] | None = None
    message: re.Pattern[str] | None = None

    def describe(self) -> str:
        """The expected answer as status, type and a body template."""
        if self.rows is not None:
            results = [
                {"RowNumber": n, "ActivityUpdated": True}
                if ok
                else {"RowNumber": n, "ActivityUpdated": False, "ExceptionType": "MX...Exception"}
                for n, ok in enumerate(self.rows, start=1)
            ]
            body = json.dumps({"Response": results}, separators=(",", ":"))
        else:
            kind = self.exception_type or "MX...Exception"
            text = self.message.pattern if self.message else "..."
            body = json.dumps(
                {"Status": "Error", "ExceptionType": kind, "ExceptionMessage": text},
                separators=(",", ":"),
            )
        return f"{self.status} application/json {body}"


def differences(answer: Answer, expected: Expected) -> list[str]:
    """Every way `answer` departs from `expected` and from the shipped response schemas."""
    found = []
    if answer.status != expected.status:
        found.append(f"status {answer.status}, not {expected.status}")
    if answer.mimetype != "application/json":
        found.append(f"Content-Type {answer.content_type!r}, not application/json")
    if answer.json is UNPARSED:
        return [*found, "the body is not JSON"]
    schema = "bulk-update-response" if answer.status == 200 else "error"
    found.extend(
        _described(schema, violation)
        for violation in shipped_schemas().violations(schema, answer.json, "schema")
    )
    body = answer.json if isinstance(answer.json, dict) else {}
    if expected.exception_type and body.get("ExceptionType") != expected.exception_type:
        found.append(f"ExceptionType {body.get('ExceptionType')!r}, not {expected.exception_type}")
    message = body.get("ExceptionMessage")
    if expected.message and not (isinstance(message, str) and expected.message.search(message)):
        found.append(f"ExceptionMessage {message!r} does not match {expected.message.pattern!r}")
    if expected.rows is not None and answer.status == 200:
        results = body.get("Response")
        got = (
            [row.get("ActivityUpdated") if isinstance(row, dict) else row for row in results]
            if isinstance(results, list)
            else []
        )
        if got != list(expected.rows):
            found.append(f"ActivityUpdated per row {got}, not {list(expected.rows)}")
    return found


_ROW_PATH = re.compile(r"\$\.Response\[(\d+)\](?:\.(\w+))?")


def _described(schema: str, violation: Violation) -> str:
    """A response's departure from `schema` in a reader's words: a row result's by its row
    number and key ("row 2: ExceptionType missing"), anything else with the schema's name."""
    found = _ROW_PATH.match(violation.path)
    if found is None:
        return f"{schema}.schema.json: {violation.message}"
    row, key = int(found.group(1)) + 1, found.group(2)
    keyword = violation.rule.rpartition(":")[2]
    if key and keyword == "required":
        return f"row {row}: {key} missing"
    if key and keyword == UNKNOWN_KEY:
        return f"row {row}: {key} is not a key of a row result"
    told = violation.message.removeprefix(found.group(0).removesuffix(f".{key}" if key else ""))
    return f"row {row}: {told.lstrip('.: ')}"


def expect(target: Target, sent: Sent, answer: Answer, expected: Expected) -> None:
    """Fail with sent / expected / got and each difference if `answer` is not what is expected."""
    found = differences(answer, expected)
    if not found:
        return
    lines = [
        f"{target.name} answered differently from the emulator's contract:",
        f"  sent:     {sent.describe(target)}",
        f"  expected: {expected.describe()}",
        f"  got:      {answer.status} {answer.content_type or '(no type)'} {answer.shown()}",
        *(f"  - {item}" for item in found),
    ]
    pytest.fail(target.redact("\n".join(lines)), pytrace=False)


class Api:
    """The suite's own sender: the bulk endpoint of one target, with keys placed as asked."""

    def __init__(self, target: Target):
        self.target = target

    def row(self, activity_id: str, **values: str) -> dict[str, Any]:
        """A row writing the target's named values (plus `values`) to `activity_id`."""
        fields = {**self.target.fields, **values}
        return {
            "ProspectActivityId": activity_id,
            "Fields": [{"SchemaName": name, "Value": value} for name, value in fields.items()],
        }

    def post(
        self,
        body: Any = None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
        auth: str = "query",
        path: str = BULK_PATH,
        pace: bool = True,
    ) -> tuple[Sent, Answer]:
        """POST `body` (as JSON) or `raw`; keys by `auth`: query, query-literal, headers, wrong,
        none. With `pace`, a 429 is waited out and retried: only the 429 test wants to see one."""
        data = raw if raw is not None else json.dumps(body).encode()
        url, headers = self._placed(self.target.base_url + path, auth)
        headers["Content-Type"] = content_type
        sent = Sent("POST", url, auth, content_type, data)
        answer = exchange("POST", url, body=data, headers=headers)
        for _ in range(PACING_RETRIES if pace else 0):
            if answer.status != 429:
                break
            self.target.wait(window_of(answer))
            answer = exchange("POST", url, body=data, headers=headers)
        return sent, answer

    def _placed(self, url: str, auth: str) -> tuple[str, dict[str, str]]:
        access, secret = self.target.access_key, self.target.secret_key
        match auth:
            case "query":
                return f"{url}?{urlencode({'accessKey': access, 'secretKey': secret})}", {}
            case "query-literal":
                return f"{url}?accessKey={access}&secretKey={secret}", {}
            case "headers":
                return url, {"x-LSQ-AccessKey": access, "x-LSQ-SecretKey": secret}
            case "wrong":
                wrong = {"accessKey": access, "secretKey": "lsq-mock-wrong-secret"}
                return f"{url}?{urlencode(wrong)}", {}
            case "none":
                return url, {}
        raise ValueError(f"unknown auth placement {auth!r}")

    @contextmanager
    def restoring(self, activity_id: str) -> Iterator[None]:
        """Write the named values back after the block, in case the target stored something else."""
        try:
            yield
        finally:
            self.post([self.row(activity_id)])


def window_of(answer: Answer) -> float:
    """The seconds of the window a 429 names (5, the vendor's figure, if it names none)."""
    message = answer.json.get("ExceptionMessage", "") if isinstance(answer.json, dict) else ""
    found = RATE_LIMIT_MESSAGE.search(message or "")
    return float(found.group(2)) if found else 5.0


BAD_REQUESTS: dict[str, tuple[str, str]] = {
    "wrong-content-type": ("text/plain", '[{"ProspectActivityId": "{id}", "Fields": []}]'),
    "not-json": ("application/json", '[{"ProspectActivityId": "{id}", '),
    "empty-array": ("application/json", "[]"),
    "object-not-array": ("application/json", '{"ProspectActivityId": "{id}", "Fields": []}'),
    "row-without-id": ("application/json", '[{"Fields": []}]'),
    "id-not-a-string": ("application/json", '[{"ProspectActivityId": 12345, "Fields": []}]'),
    "fields-not-an-array": (
        "application/json",
        '[{"ProspectActivityId": "{id}", "Fields": {"SchemaName": "x", "Value": "y"}}]',
    ),
    "field-without-schema-name": (
        "application/json",
        '[{"ProspectActivityId": "{id}", "Fields": [{"Value": "y"}]}]',
    ),
}
"""Each documented cause of a 400, as (Content-Type, body with `{id}` for the activity id)."""

INVALID_INPUT = "MXInvalidInputException"
UNAUTHORIZED = "MXUnAuthorizedAccessException"
RATE_LIMIT_EXCEEDED = "MXAPIRateLimitExceededException"


class ProviderContract:
    """Every documented behaviour of Update Activities in Bulk, checked against `target`.

    Subclass it in a test module; override the `target` fixture to aim it elsewhere. It writes only
    the target's named values to its named activities, and spends quota only if `spend_quota`.
    """

    pytestmark = pytest.mark.lsq_mock(strict=False)
    """The suite breaks the contract on purpose; the emulator must not fail it for that."""

    @pytest.fixture
    def target(self, lsq_target: Target) -> Target:
        """The server under test: by default the plugin's `lsq_target` (emulator or real host)."""
        return lsq_target

    @pytest.fixture
    def api(self, target: Target) -> Api:
        """The suite's sender for `target`."""
        return Api(target)

    @pytest.mark.parametrize("auth", ["query", "query-literal", "headers"])
    def test_keys_are_accepted_in_query_or_headers(
        self, target: Target, api: Api, auth: str
    ) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], auth=auth)
        expect(target, sent, answer, Expected(200, rows=(True,)))

    @pytest.mark.parametrize("auth", ["wrong", "none"])
    def test_wrong_or_missing_keys_give_401(self, target: Target, api: Api, auth: str) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], auth=auth)
        expect(target, sent, answer, Expected(401, UNAUTHORIZED))

    @pytest.mark.parametrize("cause", sorted(BAD_REQUESTS))
    def test_each_malformed_request_gives_400(self, target: Target, api: Api, cause: str) -> None:
        content_type, template = BAD_REQUESTS[cause]
        raw = template.replace("{id}", target.activity_ids[0]).encode()
        sent, answer = api.post(raw=raw, content_type=content_type)
        expect(target, sent, answer, Expected(400, INVALID_INPUT))

    def test_more_than_25_rows_give_400(self, target: Target, api: Api) -> None:
        rows = [api.row(target.activity_ids[0])] * (MAX_ROWS + 1)
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(400, INVALID_INPUT))

    def test_an_unknown_path_gives_404(self, target: Target, api: Api) -> None:
        sent, answer = api.post([api.row(target.activity_ids[0])], path=BULK_PATH[:-1])
        expect(target, sent, answer, Expected(404))

    def test_good_rows_are_updated(self, target: Target, api: Api) -> None:
        rows = [api.row(activity_id) for activity_id in target.activity_ids]
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(200, rows=(True,) * len(rows)))

    def test_an_unknown_activity_fails_only_its_row(self, target: Target, api: Api) -> None:
        rows = [api.row(target.activity_ids[0]), api.row(UNKNOWN_ACTIVITY)]
        sent, answer = api.post(rows)
        expect(target, sent, answer, Expected(200, rows=(True, False)))

    def test_a_utc_datetime_is_accepted(self, target: Target, api: Api) -> None:
        name = _needs(target.datetime_field, "--lsq-datetime-field")
        row = _only(api.row(target.activity_ids[0]), name)
        sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(True,)))

    def test_an_impossible_datetime_fails_its_row(self, target: Target, api: Api) -> None:
        name = _needs(target.datetime_field, "--lsq-datetime-field")
        activity_id = target.activity_ids[0]
        with api.restoring(activity_id):
            row = _only(api.row(activity_id, **{name: IMPOSSIBLE_DATETIME}), name)
            sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(False,)))

    def test_a_listed_dropdown_option_is_accepted(self, target: Target, api: Api) -> None:
        name = _needs(target.dropdown_field, "--lsq-dropdown-field")
        sent, answer = api.post([_only(api.row(target.activity_ids[0]), name)])
        expect(target, sent, answer, Expected(200, rows=(True,)))

    @pytest.mark.parametrize("skip_validation", [False, True])
    def test_an_unlisted_option_fails_unless_validation_is_skipped(
        self, target: Target, api: Api, skip_validation: bool
    ) -> None:
        name = _needs(target.dropdown_field, "--lsq-dropdown-field")
        unlisted = _needs(target.unlisted_option, "--lsq-unlisted-option")
        activity_id = target.activity_ids[0]
        row = _only(api.row(activity_id, **{name: unlisted}), name)
        if skip_validation:
            row["ValidateDropDownOptions"] = True
        with api.restoring(activity_id):
            sent, answer = api.post([row])
        expect(target, sent, answer, Expected(200, rows=(skip_validation,)))

    def test_too_many_calls_give_429(self, target: Target, api: Api) -> None:
        if not target.spend_quota:
            pytest.skip("spends the tenant's API quota: opt in with --lsq-spend-quota")
        probe = [api.row(UNKNOWN_ACTIVITY)]
        for _ in range(MAX_CALLS_FOR_429):
            sent, answer = api.post(probe, pace=False)
            if answer.status == 429:
                break
            expect(target, sent, answer, Expected(200, rows=(False,)))
        expect(target, sent, answer, Expected(429, RATE_LIMIT_EXCEEDED, message=RATE_LIMIT_MESSAGE))
        target.wait(window_of(answer))


def _needs(value: str | None, option: str) -> str:
    if value is None:
        pytest.skip(f"the target names no such field or value (give {option})")
    return value


def _only(row: dict[str, Any], name: str) -> dict[str, Any]:
    return {**row, "Fields": [item for item in row["Fields"] if item["SchemaName"] == name]}
