"""How the provider suite talks to its target and judges the answers: exact requests out, and
every difference from the emulator's contract (status, type, schema, rows) spelled out. Bodies
are held to the shipped schemas relaxed to what the evidence shows
(`lsq_mock.contract.liveschemas`):
a real tenant may add keys, and leave out the keys no evidence shows it always sends."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest

from lsq_mock.contract.liveschemas import live_schemas
from lsq_mock.contract.violations import Violation
from lsq_mock_contract.target import Target
from lsq_mock_contract.wire import BULK_PATH, UNPARSED, Answer, exchange

PACING_RETRIES = 3
RATE_LIMIT_MESSAGE = re.compile(
    r"API calls exceeded the limit of (\d+) in (\d+(?:\.\d+)?) second", re.ASCII
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
    """What the emulator answers: a status, and either an MX error type (or one of several the
    evidence shows) or the rows' outcomes; a 200 answer is also held to `schema` (the bulk
    update's response unless named)."""

    status: int
    exception_type: str | tuple[str, ...] | None = None
    rows: tuple[bool, ...] | None = None
    message: re.Pattern[str] | None = None
    schema: str = "bulk-update-response"

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
        elif self.status == 200:
            body = f"(a {self.schema} body)"
        else:
            kind = " or ".join(self.exception_types) or "MX...Exception"
            text = self.message.pattern if self.message else "..."
            body = json.dumps(
                {"Status": "Error", "ExceptionType": kind, "ExceptionMessage": text},
                separators=(",", ":"),
            )
        return f"{self.status} application/json {body}"

    @property
    def exception_types(self) -> tuple[str, ...]:
        """The MX types accepted (none: any)."""
        kind = self.exception_type
        return (kind,) if isinstance(kind, str) else kind or ()


def differences(answer: Answer, expected: Expected) -> list[str]:
    """Every way `answer` departs from `expected` and from the relaxed response schemas."""
    found = []
    if answer.status != expected.status:
        found.append(f"status {answer.status}, not {expected.status}")
    if answer.mimetype != "application/json":
        found.append(f"Content-Type {answer.content_type!r}, not application/json")
    if answer.json is UNPARSED:
        return [*found, "the body is not JSON"]
    schema = expected.schema if answer.status == 200 else "error"
    found.extend(
        _described(schema, violation)
        for violation in live_schemas().violations(schema, answer.json, "schema")
    )
    body = answer.json if isinstance(answer.json, dict) else {}
    allowed = expected.exception_types
    if allowed and body.get("ExceptionType") not in allowed:
        found.append(f"ExceptionType {body.get('ExceptionType')!r}, not {' or '.join(allowed)}")
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


_ROW_PATH = re.compile(r"\$\.Response\[(\d+)\](?:\.(\w+))?", re.ASCII)


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


def content_differs(target: Target, sent: Sent, answer: Answer, why: str) -> None:
    """Fail as `expect` does, for an answer of the right status and shape whose content is not
    what the call asked for (`why`)."""
    lines = [
        f"{target.name} answered differently from the emulator's contract:",
        f"  sent:     {sent.describe(target)}",
        f"  got:      {answer.status} {answer.content_type or '(no type)'} {answer.shown()}",
        f"  - {why}",
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
        query: dict[str, str] | None = None,
        pace: bool = True,
    ) -> tuple[Sent, Answer]:
        """POST `body` (as JSON) or `raw` to `path` with `query`; keys by `auth`: query,
        query-literal, headers, wrong, none. With `pace`, a 429 is waited out and retried: only
        the 429 tests want to see one."""
        data = raw if raw is not None else json.dumps(body).encode()
        url, headers = self._placed(self.target.base_url + path, auth)
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        headers["Content-Type"] = content_type
        sent = Sent("POST", url, auth, content_type, data)
        answer = exchange("POST", url, body=data, headers=headers)
        for _ in range(PACING_RETRIES if pace else 0):
            if answer.status != 429:
                break
            self.target.wait(window_of(answer))
            answer = exchange("POST", url, body=data, headers=headers)
        return sent, answer

    def get(self, path: str, *, auth: str = "query", **query: str) -> tuple[Sent, Answer]:
        """GET `path` with `query` in the query string; keys by `auth`, as `post` places them."""
        url, headers = self._placed(self.target.base_url + path, auth)
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        answer = exchange("GET", url, headers=headers)
        return Sent("GET", url, auth, "", b""), answer

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
