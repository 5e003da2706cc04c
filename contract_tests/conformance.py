"""The client conformance kit: does a LeadSquared client, in any shape, honour the bulk contract?

The user hands over an adapter, `adapter(updates, base_url, access_key, secret_key)`, that sends
`updates` (`{"ProspectActivityId", "ActivityNote"?, "Fields": {schema_name: python_value}}`) with
their client. Each scenario drives it against the emulator and judges it from the journal and the
trigger events. Conventions the adapter must follow:

- an error the API answers (401, 4xx, a 5xx it does not retry) raises an exception;
- a failed row (`ActivityUpdated: false`) is surfaced: the adapter raises, or returns a value whose
  text names the failed row's ProspectActivityId;
- `retries_on_5xx` declares what the client does after a 500 or a dropped connection.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import pytest

from lsq_mock.contract_tests.report import entry_lines, key_forms, redact
from lsq_mock.contract_tests.wire import BULK_PATH

if TYPE_CHECKING:
    from lsq_mock.contract_tests.handle import LsqMock

Adapter = Callable[[list[dict[str, Any]], str, str, str], Any]

MAX_ROWS = 25
RETRY_WINDOW_SECONDS = 0.5
MOST_429_ANSWERS = 3
KIT_ACTIVITIES = 60
KIT_EVENT = 9902
KIT_TYPE = {
    "ActivityEvent": KIT_EVENT,
    "ActivityEventName": "lsq-mock conformance kit",
    "Fields": [
        {"SchemaName": "mx_Custom_1", "DisplayName": "Label", "DataType": "String"},
        {"SchemaName": "mx_Custom_2", "DisplayName": "When", "DataType": "DateTime"},
    ],
}
KIT_LEAD = {"ProspectID": "c0ffee00-0000-4000-8000-0000000017ad", "EmailAddress": "kit@example.com"}
UNKNOWN_ACTIVITY = "00000000-0000-4000-8000-00000000dead"
LOGICAL_500 = ("MXInvalidInputException", "Invalid Input! Parameter Name: activity")
"""A 500 the live API answers for a call that fails on the tenant's data (observed)."""
WRONG_SECRET = "lsq-mock-wrong-secret-key"
IST = timezone(timedelta(hours=5, minutes=30))
EDT = timezone(timedelta(hours=-4))
DATETIMES = (
    (datetime(2026, 11, 20, 16, 30, tzinfo=IST), "2026-11-20 11:00:00"),
    (datetime(2026, 11, 20, 23, 15, 5, tzinfo=EDT), "2026-11-21 03:15:05"),
    (datetime(2026, 11, 20, 11, 0, tzinfo=UTC), "2026-11-20 11:00:00"),
)
"""(what the caller passes, what must go out): timezone-aware values and their UTC text."""


def activity_id(number: int) -> str:
    """The id of the kit's activity `number` (seeded into the emulator for each scenario)."""
    return f"c0ffee00-0000-4000-8000-{number:012d}"


def update(number: int, label: str) -> dict[str, Any]:
    """An update of the kit's activity `number` that changes its label."""
    return {
        "ProspectActivityId": activity_id(number),
        "Fields": {"mx_Custom_1": f"{label} {number}"},
    }


@dataclass
class Outcome:
    """What one adapter call did: its return value or exception, and everything it printed or
    logged while it ran."""

    returned: Any = None
    raised: BaseException | None = None
    output: str = ""

    def describe(self) -> str:
        """`raised X: message` or `returned <repr>`, cut to a readable length."""
        if self.raised is not None:
            text = f"raised {type(self.raised).__name__}: {self.raised}"
        else:
            text = f"returned {self.returned!r}"
        return text if len(text) <= 300 else text[:300] + "..."


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


@contextlib.contextmanager
def _captured() -> Iterator[list[str]]:
    """Collect what is logged (at the levels in force), printed and written to stderr."""
    handler, out, err = _Collect(), io.StringIO(), io.StringIO()
    root = logging.getLogger()
    root.addHandler(handler)
    collected: list[str] = []
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield collected
    finally:
        root.removeHandler(handler)
        collected.extend([*handler.lines, out.getvalue(), err.getvalue()])


class Kit:
    """One scenario's emulator, seeded with the kit's activities, and the adapter under test."""

    def __init__(self, handle: LsqMock, adapter: Adapter):
        self.handle = handle
        self.adapter = adapter
        handle.seed(
            activity_types=[KIT_TYPE],
            leads=[KIT_LEAD],
            activities=[
                {
                    "ProspectActivityId": activity_id(number),
                    "ActivityEvent": KIT_EVENT,
                    "RelatedProspectId": KIT_LEAD["ProspectID"],
                    "Fields": {"mx_Custom_1": "seeded", "mx_Custom_2": "2026-01-01 00:00:00"},
                }
                for number in range(1, KIT_ACTIVITIES + 1)
            ],
        )
        handle.set_rate_limit(0)
        handle.set_bulk_rate_limit(0)

    def call(self, updates: list[dict[str, Any]], *, secret_key: str | None = None) -> Outcome:
        """Run the adapter on `updates` against the emulator, capturing its output."""
        outcome = Outcome()
        with _captured() as output:
            try:
                outcome.returned = self.adapter(
                    updates,
                    self.handle.base_url,
                    self.handle.access_key,
                    secret_key or self.handle.secret_key,
                )
            except Exception as error:
                outcome.raised = error
        outcome.output = "\n".join(output)
        return outcome

    def settle(self, seconds: float = 2.0) -> None:
        """Wait until the call whose connection was dropped is journaled: the server finishes
        it after the client has already seen the connection close."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any((e["fault"] or {}).get("kind") == "drop" for e in self.handle.requests):
                return
            time.sleep(0.01)

    def requests(self) -> list[dict[str, Any]]:
        """The journaled calls of the bulk endpoint."""
        return [entry for entry in self.handle.requests if entry["path"] == BULK_PATH]

    def statuses(self) -> list[int]:
        """The status of each bulk call, in order."""
        return [entry["status"] for entry in self.requests()]

    def events_per_activity(self) -> Counter[str]:
        """How many Activity Update events each activity got (each one fires automations)."""
        return Counter(event["ProspectActivityId"] for event in self.handle.events)

    def repeated_changes(self) -> list[str]:
        """Activities that received the same change twice: the same row applied twice."""
        seen = Counter(
            (event["ProspectActivityId"], repr(event["Changes"]))
            for event in self.handle.events
            if event["Changes"]
        )
        return sorted({activity for (activity, _), count in seen.items() if count > 1})

    def fail(self, problem: str, outcome: Outcome, *notes: str) -> None:
        """Fail the scenario with the problem, what the adapter did, and the journal as evidence."""
        lines = [f"client conformance: {problem}", f"  the adapter {outcome.describe()}"]
        lines.extend(f"  {note}" for note in notes)
        journal = self.requests()
        lines.append(f"  journal ({len(journal)} bulk call(s)):")
        for entry in journal:
            head, *violations = entry_lines(entry)
            lines.append(f"    {head}  [{_summary(entry)}]")
            lines.extend(f"    {line}" for line in violations[:5])
        events = self.events_per_activity()
        lines.append(f"  events: {sum(events.values())} for {len(events)} activities")
        pytest.fail(redact("\n".join(lines), self.handle.secret_key), pytrace=False)


def _summary(entry: dict[str, Any]) -> str:
    body = _rows_sent(entry)
    rows = f"{len(body)} rows" if isinstance(body, list) else "no JSON array"
    return f"{rows}, keys in {_key_placement(entry)}, at {entry['timestamp']}"


def _rows_sent(entry: dict[str, Any]) -> Any:
    """The journaled body as JSON (a refused call keeps it as text)."""
    body = entry.get("body")
    if isinstance(body, str):
        with contextlib.suppress(ValueError):
            return json.loads(body)
    return body


def _key_placement(entry: dict[str, Any]) -> str:
    query, headers = entry["query"], {k.lower(): v for k, v in entry["headers"].items()}
    in_query = "accessKey" in query and "secretKey" in query
    in_headers = "x-lsq-accesskey" in headers and "x-lsq-secretkey" in headers
    return {(True, False): "query", (False, True): "headers", (True, True): "both"}.get(
        (in_query, in_headers), "neither"
    )


class ClientConformance:
    """The scenarios, as pytest tests: subclass with `adapter = staticmethod(my_adapter)`.

    Set `retries_on_5xx = True` if the client retries after a 500 or a dropped connection.
    """

    adapter: ClassVar[Adapter]
    retries_on_5xx: ClassVar[bool] = False

    pytestmark = pytest.mark.lsq_mock(strict=False)
    """Scenarios provoke errors on purpose; each judges the client by its own rule."""

    @pytest.fixture
    def kit(self, lsq_mock: LsqMock) -> Kit:
        """A fresh emulator holding the kit's activities, driving this class's adapter."""
        return Kit(lsq_mock, type(self).adapter)

    def test_more_than_25_updates_go_in_paced_batches_of_at_most_25(self, kit: Kit) -> None:
        kit.handle.set_bulk_rate_limit(1, RETRY_WINDOW_SECONDS)
        outcome = kit.call([update(n, "batch") for n in range(1, KIT_ACTIVITIES + 1)])
        oversized = [e for e in kit.requests() if len(_rows_sent(e) or []) > MAX_ROWS]
        events = kit.events_per_activity()
        note = (
            f"the bulk APIs take 1 call in {RETRY_WINDOW_SECONDS} s here (live: 1 in 5 s): "
            "the client must pace its batches, or wait and retry after a 429"
        )
        if outcome.raised is not None or oversized:
            kit.fail(
                f"{KIT_ACTIVITIES} updates were not sent in batches of at most 25", outcome, note
            )
        if set(events.values()) != {1} or len(events) != KIT_ACTIVITIES:
            kit.fail(
                f"the {KIT_ACTIVITIES} updates did not each arrive exactly once", outcome, note
            )
        batches = -(-KIT_ACTIVITIES // MAX_ROWS)
        if kit.statuses().count(429) > MOST_429_ANSWERS * batches:
            kit.fail("the client retried 429s without waiting", outcome, note)

    def test_a_429_is_retried_after_waiting(self, kit: Kit) -> None:
        kit.handle.set_bulk_rate_limit(1, RETRY_WINDOW_SECONDS)
        kit.handle.emulator.limiter.try_acquire(bulk=True)
        outcome = kit.call([update(n, "throttled") for n in (1, 2, 3)])
        statuses = kit.statuses()
        note = f"the window was 1 call in {RETRY_WINDOW_SECONDS} s; the client must wait it out"
        if outcome.raised is not None or statuses[-1:] != [200] or 429 not in statuses:
            kit.fail("a 429 was not retried to success", outcome, note)
        if statuses.count(429) > MOST_429_ANSWERS:
            kit.fail(
                f"the client retried {statuses.count(429)} times without waiting", outcome, note
            )
        if set(kit.events_per_activity().values()) != {1}:
            kit.fail("after the 429 the data did not arrive exactly once", outcome)

    def test_a_401_raises(self, kit: Kit) -> None:
        outcome = kit.call([update(1, "unauthorised")], secret_key=WRONG_SECRET)
        if 401 not in kit.statuses():
            kit.fail("the client did not reach the API with the keys it was given", outcome)
        if outcome.raised is None:
            kit.fail("a 401 was not surfaced: the adapter returned as if it succeeded", outcome)

    def test_a_failed_row_is_surfaced(self, kit: Kit) -> None:
        bad = {"ProspectActivityId": UNKNOWN_ACTIVITY, "Fields": {"mx_Custom_1": "ghost"}}
        outcome = kit.call([update(1, "row"), bad, update(2, "row")])
        if kit.statuses() != [200]:
            kit.fail("expected one bulk call answered 200 with a failed row 2", outcome)
        if outcome.raised is None and UNKNOWN_ACTIVITY not in str(outcome.returned):
            kit.fail(
                "a row answered ActivityUpdated: false was not surfaced",
                outcome,
                f"raise, or return a value naming {UNKNOWN_ACTIVITY}",
            )

    def test_a_transient_500_is_handled_as_declared(self, kit: Kit) -> None:
        kit.handle.fail_next(500)
        outcome = kit.call([update(1, "after 500"), update(2, "after 500")])
        self._judge_5xx(kit, outcome, "a 500", applied_before_failure=False)

    def test_a_logical_500_is_raised_not_retried(self, kit: Kit) -> None:
        kit.handle.fail_next(500, times=10, exception_type=LOGICAL_500[0], message=LOGICAL_500[1])
        outcome = kit.call([update(1, "refused"), update(2, "refused")])
        note = (
            f"a 500 {LOGICAL_500[0]} is the live API refusing the call on the tenant's data: "
            "sending it again never helps (retry only a transient MXUnexpectedException 500)"
        )
        if outcome.raised is None:
            kit.fail("a logical 500 was not surfaced", outcome, note)
        if len(kit.requests()) != 1:
            kit.fail(f"a logical 500 was retried ({len(kit.requests())} calls)", outcome, note)

    def test_a_dropped_connection_is_handled_as_declared(self, kit: Kit) -> None:
        kit.handle.fail_next("drop")
        outcome = kit.call([update(1, "after drop"), update(2, "after drop")])
        kit.settle()
        self._judge_5xx(kit, outcome, "a dropped connection", applied_before_failure=True)

    def _judge_5xx(
        self, kit: Kit, outcome: Outcome, failure: str, *, applied_before_failure: bool
    ) -> None:
        declared = f"retries_on_5xx = {self.retries_on_5xx}"
        calls = len(kit.requests())
        if kit.repeated_changes():
            kit.fail(f"after {failure} the same change was applied twice", outcome, declared)
        if self.retries_on_5xx:
            changed = {e["ProspectActivityId"] for e in kit.handle.events if e["Changes"]}
            if outcome.raised is not None or changed != {activity_id(1), activity_id(2)}:
                kit.fail(f"{failure} was not retried to success", outcome, declared)
        elif outcome.raised is None or calls != 1:
            kit.fail(f"{failure} was not surfaced as one failed call", outcome, declared)
        elif not applied_before_failure and kit.handle.events:
            kit.fail(f"data was written after {failure}", outcome, declared)

    def test_datetimes_go_out_as_utc(self, kit: Kit) -> None:
        updates = [
            {"ProspectActivityId": activity_id(n), "Fields": {"mx_Custom_2": value}}
            for n, (value, _) in enumerate(DATETIMES, start=1)
        ]
        outcome = kit.call(updates)
        sent = {
            row.get("ProspectActivityId"): field.get("Value")
            for entry in kit.requests()
            if isinstance(entry.get("body"), list)
            for row in entry["body"]
            for field in row.get("Fields") or []
            if isinstance(field, dict) and field.get("SchemaName") == "mx_Custom_2"
        }
        wrong = [
            f"{value.isoformat()} went out as {sent.get(activity_id(n))!r}, not {expected!r}"
            for n, (value, expected) in enumerate(DATETIMES, start=1)
            if sent.get(activity_id(n)) != expected
        ]
        if outcome.raised is not None or wrong:
            kit.fail("DateTime values did not go out as UTC 'YYYY-MM-DD HH:MM:SS'", outcome, *wrong)

    def test_keys_go_where_the_api_expects_and_never_into_logs(self, kit: Kit) -> None:
        outcome = kit.call([update(1, "keys"), update(2, "keys")])
        misplaced = [
            e["seq"] for e in kit.requests() if _key_placement(e) not in ("query", "headers")
        ]
        if outcome.raised is not None or misplaced or 401 in kit.statuses():
            kit.fail("the keys were not sent as accessKey/secretKey or x-LSQ-* headers", outcome)
        secret = kit.handle.secret_key
        leaked = [
            line
            for line in outcome.output.splitlines()
            if any(form in line for form in key_forms(secret))
        ]
        if leaked:
            kit.fail(
                "the secret key leaked into the logs, stdout or stderr",
                outcome,
                *(f"leaked: {redact(line, secret)[:200]}" for line in leaked[:3]),
            )


def load_adapter(spec: str) -> Adapter:
    """The callable `module:attribute` names (e.g. `myapp.lsq:send_updates`)."""
    module_name, sep, attribute = spec.partition(":")
    if not sep or not module_name or not attribute:
        raise ValueError(f"name the adapter as module:function, not {spec!r}")
    found: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        found = getattr(found, part)
    if not callable(found):
        raise TypeError(f"{spec} is not callable")
    return found


def run_conformance(
    spec: str, *, retries_on_5xx: bool = False, pytest_args: tuple[str, ...] = ()
) -> int:
    """Run every scenario on the adapter `spec` names, in a pytest of its own; its exit code.

    The adapter is loaded here first, so a wrong name fails at once with its reason. pytest runs
    in a fresh interpreter: it rewrites the asserts of its plugins' modules (lsq-mock's, Faker's)
    as it imports them, which it cannot do in a process that, like the CLI, already has.
    """
    here = str(Path.cwd())
    sys.path.insert(0, here)
    load_adapter(spec)
    with tempfile.TemporaryDirectory(prefix="lsq-conform-") as folder:
        module = Path(folder) / "test_client_conformance.py"
        module.write_text(
            "from lsq_mock.contract_tests.conformance import ClientConformance, load_adapter\n\n\n"
            "class TestClientConformance(ClientConformance):\n"
            f"    adapter = staticmethod(load_adapter({spec!r}))\n"
            f"    retries_on_5xx = {retries_on_5xx!r}\n",
            encoding="utf-8",
        )
        search_path = [here, *filter(None, [os.environ.get("PYTHONPATH")])]
        command = [sys.executable, "-m", "pytest", str(module), "--rootdir", folder, *pytest_args]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(search_path)}
        return subprocess.run(command, env=env, check=False).returncode
