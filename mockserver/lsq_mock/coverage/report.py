"""A coverage result: how often each catalogue entry was exercised (and by which tests), how many
journal entries were read, how many were lost before they could be; merged across tests and
xdist workers, and in the JSON shape of `schemas/coverage.schema.json`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lsq_mock.catalogue.behaviours import BEHAVIOURS, GROUPS, Exercise, group_name

MAX_TESTS_NAMED = 5
"""The most tests a behaviour's entry names (the first, in name order): examples, not a list."""


@dataclass
class Coverage:
    """Counts by behaviour id, with the tests that exercised each, and the journal read."""

    counts: Counter[str] = field(default_factory=Counter)
    tests: dict[str, set[str]] = field(default_factory=dict)
    requests: int = 0
    """Journal entries read."""
    unread: int = 0
    """Journal entries dropped (over the journal's limit) or forgotten before they were read."""

    def add(
        self,
        counts: Mapping[str, int],
        *,
        requests: int = 0,
        unread: int = 0,
        test: str | None = None,
    ) -> None:
        """Count what some traffic exercised (`test`: the test that sent it, if known)."""
        self.counts.update({key: n for key, n in counts.items() if n})
        self.requests += requests
        self.unread += unread
        if test is not None:
            for key, n in counts.items():
                if n:
                    self.tests.setdefault(key, set()).add(test)

    def merge(self, other: Coverage) -> None:
        """Add `other`'s counts, tests and journal figures to these."""
        self.counts.update(other.counts)
        self.requests += other.requests
        self.unread += other.unread
        for key, names in other.tests.items():
            self.tests.setdefault(key, set()).update(names)

    def copy(self) -> Coverage:
        """A copy that later counting leaves alone."""
        fresh = Coverage()
        fresh.merge(self)
        return fresh

    @property
    def total(self) -> int:
        """How many behaviours the catalogue holds."""
        return len(BEHAVIOURS)

    def was_exercised(self, behaviour: Exercise) -> bool:
        """Whether some traffic exercised `behaviour`."""
        return self.counts[behaviour.id] > 0

    @property
    def exercised(self) -> int:
        """How many of the catalogue's behaviours were exercised."""
        return sum(1 for behaviour in BEHAVIOURS if self.was_exercised(behaviour))

    @property
    def percent(self) -> float:
        """The share of behaviours exercised, 0 to 100."""
        return 100.0 * self.exercised / self.total

    def reaches(self, fail_under: float) -> bool:
        """Whether the share exercised, as reported (two decimals), is at least `fail_under`."""
        return round(self.percent, 2) >= fail_under

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`schemas/coverage.schema.json`)."""
        return {
            "total": self.total,
            "exercised": self.exercised,
            "percent": round(self.percent, 2),
            "requests": self.requests,
            "unread": self.unread,
            "groups": [{"id": group, "name": group_name(group)} for group in GROUPS],
            "behaviours": [
                {
                    "id": b.id,
                    "endpoint": b.endpoint,
                    "title": b.title,
                    "hint": b.hint,
                    "ledger": list(b.ledger),
                    "rule": b.rule,
                    "count": self.counts[b.id],
                    "tests": sorted(self.tests.get(b.id, ()))[:MAX_TESTS_NAMED],
                }
                for b in BEHAVIOURS
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Coverage:
        """A coverage read back from its JSON form (entries the catalogue lacks are left out)."""
        known = {b.id for b in BEHAVIOURS}
        found = cls(requests=int(data.get("requests", 0)), unread=int(data.get("unread", 0)))
        for entry in data.get("behaviours", []):
            if entry.get("id") in known and entry.get("count"):
                found.counts[entry["id"]] += int(entry["count"])
                if entry.get("tests"):
                    found.tests[entry["id"]] = set(entry["tests"])
        return found
