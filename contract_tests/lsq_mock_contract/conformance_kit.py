"""The conformance kit's machinery: the kit's tenant, the adapter's calls with their output
captured, the journal read as evidence, and the runner behind `lsq-mock conform`."""

from __future__ import annotations

import contextlib
import importlib
import inspect
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
from typing import TYPE_CHECKING, Any

import pytest

from lsq_mock.journal.report import entry_lines, redact
from lsq_mock_contract.wire import BULK_PATH

if TYPE_CHECKING:
    from lsq_mock.journal.types import JournalEntry
    from lsq_mock_contract.handle import LsqMock

Adapter = Callable[..., Any]
"""`adapter(updates, base_url, access_key, secret_key)`, and if it takes them, the keywords
`sleep` (the kit's: like `time.sleep`, it moves the emulator's clock instead of waiting) and
`clock` (seconds on that clock, like `time.monotonic`)."""
CLOCK_KEYWORDS = ("sleep", "clock")

MAX_ROWS = 25
RETRY_WINDOW_SECONDS = 0.5
"""The bulk window for an adapter that waits for real: 1 call in 0.5 s instead of the live 5."""
LIVE_WINDOW_SECONDS = 5.0
"""The bulk window for an adapter that takes the kit's sleep: the live 1 call in 5 s, which
costs no time on the kit's clock."""
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
    slept: float | None = None
    """Seconds the adapter waited on the kit's clock (None: it does not take the kit's sleep)."""

    def describe(self) -> str:
        """`raised X: message` or `returned <repr>`, cut to a readable length, and how long it
        waited on the kit's clock."""
        if self.raised is not None:
            text = f"raised {type(self.raised).__name__}: {self.raised}"
        else:
            text = f"returned {self.returned!r}"
        text = text if len(text) <= 300 else text[:300] + "..."
        if self.slept is not None:
            text += f" (after waiting {self.slept:g} s on the kit's clock)"
        return text


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


def clock_keywords(adapter: Adapter) -> tuple[str, ...]:
    """Which of `sleep` and `clock` the adapter takes as keywords (both, if it takes **kwargs)."""
    try:
        parameters = inspect.signature(adapter).parameters.values()
    except (TypeError, ValueError):  # a builtin or C callable without a signature
        return ()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return CLOCK_KEYWORDS
    named = {p.name for p in parameters if p.kind is not inspect.Parameter.POSITIONAL_ONLY}
    return tuple(name for name in CLOCK_KEYWORDS if name in named)


class Kit:
    """One scenario's emulator, seeded with the kit's activities, and the adapter under test."""

    def __init__(self, handle: LsqMock, adapter: Adapter):
        self.handle = handle
        self.adapter = adapter
        self.keywords = clock_keywords(adapter)
        self.window = LIVE_WINDOW_SECONDS if "sleep" in self.keywords else RETRY_WINDOW_SECONDS
        """The bulk window the scenarios that pace or throttle set."""
        self._slept = 0.0
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

    def sleep(self, seconds: float) -> None:
        """The sleep the kit hands an adapter: moves the emulator's clock (its rate-limit
        windows, its timestamps) by `seconds` at once, instead of waiting."""
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        self.handle.advance_clock(seconds)
        self._slept += seconds

    def clock(self) -> float:
        """The emulator's clock in seconds: what the kit's `sleep` moves."""
        return self.handle.emulator.clock.now()

    def call(self, updates: list[dict[str, Any]], *, secret_key: str | None = None) -> Outcome:
        """Run the adapter on `updates` against the emulator, capturing its output; with the
        kit's sleep and clock if it takes them."""
        outcome = Outcome()
        given = {"sleep": self.sleep, "clock": self.clock}
        keywords = {name: given[name] for name in self.keywords}
        slept_before = self._slept
        with _captured() as output:
            try:
                outcome.returned = self.adapter(
                    updates,
                    self.handle.base_url,
                    self.handle.access_key,
                    secret_key or self.handle.secret_key,
                    **keywords,
                )
            except Exception as error:
                outcome.raised = error
        outcome.output = "\n".join(output)
        if "sleep" in self.keywords:
            outcome.slept = self._slept - slept_before
        return outcome

    def settle(self, seconds: float = 2.0) -> None:
        """Wait until the call whose connection was dropped is journaled: the server finishes
        it after the client has already seen the connection close."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if any((e["fault"] or {}).get("kind") == "drop" for e in self.handle.journal):
                return
            time.sleep(0.01)

    def requests(self) -> list[JournalEntry]:
        """The journaled calls of the bulk endpoint."""
        return [entry for entry in self.handle.journal if entry["path"] == BULK_PATH]

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


def _summary(entry: JournalEntry) -> str:
    body = rows_sent(entry)
    rows = f"{len(body)} rows" if isinstance(body, list) else "no JSON array"
    return f"{rows}, keys in {key_placement(entry)}, at {entry['timestamp']}"


def rows_sent(entry: JournalEntry) -> Any:
    """The journaled body as JSON (a refused call keeps it as text)."""
    body = entry.get("body")
    if isinstance(body, str):
        with contextlib.suppress(ValueError):
            return json.loads(body)
    return body


def key_placement(entry: JournalEntry) -> str:
    """Where a journaled call carried its keys: query, headers, both or neither."""
    query, headers = entry["query"], {k.lower(): v for k, v in entry["headers"].items()}
    in_query = "accessKey" in query and "secretKey" in query
    in_headers = "x-lsq-accesskey" in headers and "x-lsq-secretkey" in headers
    return {(True, False): "query", (False, True): "headers", (True, True): "both"}.get(
        (in_query, in_headers), "neither"
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
    adapter: Adapter = found
    return adapter


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
            "from lsq_mock_contract.conformance import ClientConformance, load_adapter\n\n\n"
            "class TestClientConformance(ClientConformance):\n"
            f"    adapter = staticmethod(load_adapter({spec!r}))\n"
            f"    retries_on_5xx = {retries_on_5xx!r}\n",
            encoding="utf-8",
        )
        search_path = [here, *filter(None, [os.environ.get("PYTHONPATH")])]
        command = [sys.executable, "-m", "pytest", str(module), "--rootdir", folder, *pytest_args]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(search_path)}
        return subprocess.run(command, env=env, check=False).returncode
