"""The client conformance kit: does a LeadSquared client, in any shape, honour the bulk contract?

The user hands over an adapter, `adapter(updates, base_url, access_key, secret_key)`, that sends
`updates` (`{"ProspectActivityId", "ActivityNote"?, "Fields": {schema_name: python_value}}`) with
their client. Each scenario drives it against the emulator and judges it from the journal and the
trigger events. Conventions the adapter must follow:

- an error the API answers (401, 4xx, a 5xx it does not retry) raises an exception;
- a failed row (`ActivityUpdated: false`) is surfaced: the adapter raises, or returns a value whose
  text names the failed row's ProspectActivityId;
- `retries_on_5xx` declares what the client does after a 500 or a dropped connection.

An adapter that takes a `sleep` keyword gets the kit's: it moves the emulator's clock instead of
waiting, so a client that waits out a 429 (the live window, 5 s) costs no time; a `clock`
keyword gets a reading of that clock in seconds, for a client that paces itself. Hand them to
the client as its sleep and its clock. An adapter that takes neither waits for real, on a bulk
window of 0.5 s instead of the live 5.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import pytest

from lsq_mock.journal.report import key_forms, redact
from lsq_mock_contract.conformance_kit import (
    DATETIMES,
    KIT_ACTIVITIES,
    LOGICAL_500,
    MAX_ROWS,
    MOST_429_ANSWERS,
    UNKNOWN_ACTIVITY,
    WRONG_SECRET,
    Adapter,
    Kit,
    Outcome,
    activity_id,
    key_placement,
    load_adapter,
    rows_sent,
    run_conformance,
    update,
)

if TYPE_CHECKING:
    from lsq_mock_contract.handle import LsqMock

__all__ = ["ClientConformance", "load_adapter", "run_conformance"]


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
        kit.handle.set_bulk_rate_limit(1, kit.window)
        outcome = kit.call([update(n, "batch") for n in range(1, KIT_ACTIVITIES + 1)])
        oversized = [e for e in kit.requests() if len(rows_sent(e) or []) > MAX_ROWS]
        events = kit.events_per_activity()
        note = (
            f"the bulk APIs take 1 call in {kit.window:g} s here (live: 1 in 5 s): "
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
        kit.handle.set_bulk_rate_limit(1, kit.window)
        kit.handle.emulator.limiter.try_acquire(bulk=True)
        outcome = kit.call([update(n, "throttled") for n in (1, 2, 3)])
        statuses = kit.statuses()
        note = f"the window was 1 call in {kit.window:g} s; the client must wait it out"
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
            e["seq"] for e in kit.requests() if key_placement(e) not in ("query", "headers")
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
