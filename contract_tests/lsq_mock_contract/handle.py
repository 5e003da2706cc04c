"""`LsqMock`: what the `lsq_mock` fixture yields: URL, keys, and the emulator's controls."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from lsq_mock import MockServer
from lsq_mock.catalogue.rules import FindingKind, resolve
from lsq_mock.emulator import Emulator
from lsq_mock.emulator.faults import Fault, FaultKind
from lsq_mock.journal.report import (
    FAIL_ON,
    failing,
    failing_dropped,
    flatten,
    format_dropped,
    format_findings,
    format_report,
)
from lsq_mock.journal.types import EventEntry, JournalEntry, VerdictEntry
from lsq_mock.tls.trust import ca_environment

FAULT_KINDS = ("drop", "truncate", "latency")


class ContractViolationError(AssertionError):
    """The client broke the API's contract: what `check_contract()` raises, and an
    `expect_violations` block that no request matched."""


@dataclass
class LsqMock:
    """A running emulator for one test: base_url, keys, seeding, journal and fault controls."""

    server: MockServer
    strict: bool = True
    fail_on: frozenset[FindingKind] = FAIL_ON["outcome"]
    """The kinds of finding that fail a strict test: the contract's and the outcomes by default
    (a test chose its tenant's data; `expect_violations` accepts what it provokes on purpose)."""
    _expected: set[tuple[int, int]] = field(default_factory=set)
    _verdicts_since: int = 0
    """The number of the run's last verdict before this test (its own come after)."""

    @property
    def emulator(self) -> Emulator:
        """The emulator's full Python API (store, journal, events, faults, clock, limiter)."""
        return self.server.emulator

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT` (`https://` under `Settings(https=True)`): point the client
        under test here instead of the real host."""
        return self.server.url

    @property
    def ca_bundle(self) -> Path | None:
        """The local CA's certificate, for the client to trust, when serving HTTPS; else None."""
        return self.server.ca_bundle

    @property
    def ca_env(self) -> dict[str, str]:
        """REQUESTS_CA_BUNDLE, SSL_CERT_FILE, NODE_EXTRA_CA_CERTS, CURL_CA_BUNDLE: `ca_bundle`
        for each (empty over plain HTTP), e.g. for `monkeypatch.setenv` or a subprocess."""
        return {} if self.ca_bundle is None else ca_environment(self.ca_bundle)

    @property
    def access_key(self) -> str:
        """The tenant's access key."""
        return self.emulator.credentials[0].access_key

    @property
    def secret_key(self) -> str:
        """The tenant's secret key."""
        return self.emulator.credentials[0].secret_key

    def url(self, path: str) -> str:
        """The absolute URL of `path` on the emulator."""
        return self.server.url_for(path)

    def seed(
        self,
        activity_types: list[dict[str, Any]] | None = None,
        activities: list[dict[str, Any]] | None = None,
        leads: list[dict[str, Any]] | None = None,
    ) -> dict[str, int]:
        """Add activity types, leads and activities (all or nothing; a bad seed raises with its
        path). In a tenant that holds leads, an activity on a lead id it lacks brings that lead,
        bare (counted as `LeadsFromActivities`); the API still refuses activities on unknown
        leads."""
        return self.emulator.load(
            {
                "ActivityTypes": activity_types or [],
                "Leads": leads or [],
                "Activities": activities or [],
            }
        )

    @property
    def leads(self) -> list[dict[str, Any]]:
        """The tenant's leads (a tenant with none takes activities on any lead id)."""
        return self.emulator.store.leads()

    def lead(self, lead_id: str) -> dict[str, Any]:
        """The stored lead, every value it holds, as the emulator holds it now (EntityNotFound
        when the tenant has no such lead)."""
        return self.emulator.store.lead(lead_id)

    def activity(self, activity_id: str) -> dict[str, Any]:
        """The stored activity, as the emulator holds it now."""
        return self.emulator.store.activity(activity_id)

    def activities(self, **filters: Any) -> list[dict[str, Any]]:
        """Stored activities, filtered by `activity_event` and/or `related_prospect_id`."""
        return self.emulator.store.activities(**filters)

    @property
    def journal(self) -> list[JournalEntry]:
        """The journal: every request the client sent, its answer and its contract verdict."""
        return cast("list[JournalEntry]", self.emulator.journal.entries())

    @property
    def requests(self) -> list[JournalEntry]:
        """Deprecated: the journal under its old name, which shadowed the `requests` library."""
        warnings.warn(
            "LsqMock.requests is deprecated: use LsqMock.journal (the name shadowed the "
            "requests library in tests that import it)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.journal

    @property
    def verdicts(self) -> list[VerdictEntry]:
        """This test's verdicts: each request's findings (with their kind), status and fault."""
        found = self.emulator.verdicts.numbered_after(self._verdicts_since)
        return [cast("VerdictEntry", verdict.to_dict()) for _, verdict in found]

    @property
    def events(self) -> list[EventEntry]:
        """The Activity Update trigger events, oldest first."""
        return cast("list[EventEntry]", self.emulator.events.entries())

    @property
    def violations(self) -> list[dict[str, Any]]:
        """Every contract violation so far, each with the request it was found in and whether
        an `expect_violations` block accounted for it (`"expected"`)."""
        return flatten(self.verdicts, expected=self._expected)

    def fail_next(
        self,
        fault: int | str | Fault = 500,
        times: int = 1,
        *,
        message: str | None = None,
        exception_type: str | None = None,
        latency_seconds: float = 0.0,
        path: str | None = None,
    ) -> Fault:
        """Break the next `times` API calls: a status (400/401/404/429/500), or a fault kind:
        "drop" (close the connection), "truncate" (malformed body), "latency" (slow answer)."""
        if isinstance(fault, Fault):
            chosen = fault
        elif isinstance(fault, str):
            if fault not in FAULT_KINDS:
                raise ValueError(f"fault kind must be one of {FAULT_KINDS} or a status code")
            chosen = Fault(
                kind=cast(FaultKind, fault),
                message=message,
                exception_type=exception_type,
                latency_seconds=latency_seconds,
                times=times,
                path=path,
            )
        else:
            chosen = Fault(
                status=fault,
                message=message,
                exception_type=exception_type,
                latency_seconds=latency_seconds,
                times=times,
                path=path,
            )
        self.emulator.faults.add(chosen)
        return chosen

    def advance_clock(self, seconds: float) -> None:
        """Move the emulator's clock (rate-limit window, timestamps) without sleeping."""
        self.emulator.clock.advance(seconds)

    def set_clock(self, when: datetime) -> None:
        """Make the emulator's clock read `when` (naive means UTC)."""
        self.emulator.clock.set(when)

    def set_rate_limit(self, calls: int, seconds: float = 5.0) -> None:
        """Change the account's limit (every call counts) for this test; 0 turns it off.
        The next test's reset restores the session's settings."""
        self.emulator.configure({"rate_limit": {"calls": calls, "seconds": seconds}})

    def set_bulk_rate_limit(self, calls: int, seconds: float = 5.0) -> None:
        """Change the bulk APIs' own limit (live: 1 call in 5 s) for this test; 0 turns it off.
        The next test's reset restores the session's settings."""
        self.emulator.configure({"bulk_rate_limit": {"calls": calls, "seconds": seconds}})

    def reset(self) -> None:
        """Back to the session's start state: seed, config, real clock, empty journal."""
        self.emulator.reset()
        self._expected.clear()
        self._verdicts_since = self.emulator.verdicts.last_number

    @contextmanager
    def expect_violations(self, *names: str) -> Iterator[list[dict[str, Any]]]:
        """Expect the client to break each of `names` inside the block: a rule of the catalogue
        (`invalid-value:Number`), a prefix of one (`invalid-value`, `contract`), or an
        invalid-payload kind (`non-string-value`). A name that is none of these raises at once.

        Yields a list filled at exit with the matching violations; they no longer fail the test.
        A name with no matching violation fails the block, naming the rules that did fire.
        Violations are remembered by their request's journal number, which is never reused,
        even after the journal is cleared.
        """
        if not names:
            raise ValueError("name at least one rule, e.g. 'datetime-format' or 'invalid-input'")
        wanted = {name: resolve(name) for name in names}
        start = self.emulator.verdicts.last_number
        seen: list[dict[str, Any]] = []
        yield seen
        missing = set(names)
        fired: set[str] = set()
        for _, verdict in self.emulator.verdicts.numbered_after(start):
            for index, finding in enumerate(verdict.findings):
                fired.add(finding.rule)
                matched = [name for name, rule in wanted.items() if _matches(finding.rule, rule)]
                if matched:
                    missing.difference_update(matched)
                    self._expected.add((verdict.request, index))
                    seen.append({**finding.to_dict(), "request": verdict.request})
        if missing:
            did = f"the rules that fired were {sorted(fired)}" if fired else "no rule fired"
            raise ContractViolationError(
                f"expected the client to break {sorted(missing)}, but no request did; {did}"
            )

    def unexpected_violations(self) -> list[dict[str, Any]]:
        """This test's verdicts with findings that fail it (of `fail_on`'s kinds) and that no
        `expect_violations` block accounted for, each keeping only those findings."""
        return failing(self.verdicts, self.fail_on, ignored=self._expected)

    def failure_report(self, *, advice: bool = False) -> str | None:
        """What fails this test, readable: its unexpected findings, and those its verdicts held
        that were dropped unread (more calls than the verdicts keep); None when nothing does.
        `advice` adds how a test silences the findings it meant."""
        found = self.unexpected_violations()
        dropped = self.emulator.dropped_findings.rules_after(self._verdicts_since, self._expected)
        lost = failing_dropped(dropped.rules, self.fail_on)
        reports = []
        if found:
            report = format_report if advice else format_findings
            reports.append(report(found, len(self.verdicts), base_url=self.base_url))
        hint = "override lsq_mock_settings with a larger journal_limit"
        if lost:
            reports.append(format_dropped(lost, hint))
        if not dropped.complete:
            reports.append(
                f"lsq-mock: this test made so many calls with findings that those dropped from "
                f"the verdicts can no longer be told apart from earlier tests'; {hint}"
            )
        return "\n".join(reports) or None

    def check_contract(self) -> None:
        """Raise ContractViolationError with a readable report if the client broke the contract."""
        report = self.failure_report()
        if report is not None:
            raise ContractViolationError(report)


def _matches(rule: str, wanted: str) -> bool:
    return rule == wanted or rule.startswith(f"{wanted}:")
