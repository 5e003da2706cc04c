"""A call's verdict, kept for the whole run: what `lsq-mock check`, the pytest plugin and
coverage read, so the three judge the same evidence (each by its own `fail_on`). No HTTP here.

The journal keeps each call whole and is emptied by every reset; the verdicts keep what a
verdict needs (endpoint, status, findings, fault, limit, where the keys went, rows) and survive
resets, so a reset between tests cannot erase the evidence. Forgetting them is its own act.
"""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Set as AbstractSet
from datetime import datetime
from typing import Any, NamedTuple

from lsq_mock.contract.violations import Violation


class Verdict(NamedTuple):
    """One call's verdict: scalars and plain tuples, made into a dict when read."""

    request: int
    """The call's number in the journal (numbers are never reused, across resets too)."""
    timestamp: datetime
    method: str
    path: str
    endpoint: str | None
    """The endpoint's id (`bulk-update`), or None for a path the API does not serve."""
    status: int
    findings: tuple[Violation, ...]
    omitted: int
    """How many more findings there were than `findings` describes."""
    fault: str | None
    """The kind of fault that stood in (status, latency, drop, truncate), if any."""
    fault_status: int | None
    rate_limit: str | None
    keys_in_query: bool
    keys_in_headers: bool
    skips_dropdowns_in_query: bool
    skips_dropdowns_on_a_row: bool
    rows: int | None
    """How many rows a batch held (its answer's, else its body's), or None."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`schemas/verdict.schema.json`), made fresh."""
        return {
            "request": self.request,
            "timestamp": self.timestamp.isoformat(timespec="milliseconds") + "Z",
            "method": self.method,
            "path": self.path,
            "endpoint": self.endpoint,
            "status": self.status,
            "findings": [finding.to_dict() for finding in self.findings],
            "omitted": self.omitted,
            "fault": self.fault,
            "fault_status": self.fault_status,
            "rate_limit": self.rate_limit,
            "keys_in_query": self.keys_in_query,
            "keys_in_headers": self.keys_in_headers,
            "skips_dropdowns_in_query": self.skips_dropdowns_in_query,
            "skips_dropdowns_on_a_row": self.skips_dropdowns_on_a_row,
            "rows": self.rows,
        }


FINDINGS_AT = 1 + Verdict._fields.index("findings")
"""Where a verdict's findings sit in the log's (number, *fields) form of it."""
REQUEST_AT = 1 + Verdict._fields.index("request")
RECENT_DROPS = 1024
"""How many dropped verdicts with findings are remembered by number (the counts are whole)."""


class DroppedSince(NamedTuple):
    """The findings dropped after some verdict, by rule, and whether every one is known."""

    rules: dict[str, int]
    complete: bool
    """False when more dropped verdicts with findings followed it than RECENT_DROPS remembers."""


class DroppedFindings:
    """The rules broken by verdicts the log dropped for room: a check still fails a run whose
    failing calls were crowded out, so a client cannot hide a bad call behind many good ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: Counter[str] = Counter()
        self._recent: deque[tuple[int, int, tuple[str, ...]]] = deque(maxlen=RECENT_DROPS)
        self._forgotten_up_to = 0
        """The number of the newest verdict whose findings `_recent` no longer holds."""

    def note(self, dropped: tuple[Any, ...]) -> None:
        """The verdict log's `on_drop`: count the rules of a dropped verdict's findings."""
        findings: tuple[Violation, ...] = dropped[FINDINGS_AT]
        if findings:
            rules = tuple(finding.rule for finding in findings)
            with self._lock:
                self._rules.update(rules)
                if len(self._recent) == RECENT_DROPS:
                    self._forgotten_up_to = self._recent[0][0]
                self._recent.append((dropped[0], dropped[REQUEST_AT], rules))

    def rules(self) -> dict[str, int]:
        """How many findings of each rule were dropped unread since the last `clear()`."""
        with self._lock:
            return dict(self._rules)

    def rules_after(
        self, number: int, ignored: AbstractSet[tuple[int, int]] = frozenset()
    ) -> DroppedSince:
        """The same, of the verdicts numbered above `number` only, less the (request, index of
        the finding) pairs in `ignored` (what a test expected)."""
        with self._lock:
            recent = list(self._recent)
            complete = self._forgotten_up_to <= number
        counts = Counter(
            rule
            for seen, request, rules in recent
            if seen > number
            for index, rule in enumerate(rules)
            if (request, index) not in ignored
        )
        return DroppedSince(dict(counts), complete)

    def clear(self) -> None:
        """Forget the counts, with the verdicts they were of."""
        with self._lock:
            self._rules.clear()
            self._recent.clear()
            self._forgotten_up_to = 0
