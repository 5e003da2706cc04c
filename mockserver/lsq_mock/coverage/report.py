"""A coverage result: how often each catalogue entry was exercised (and by which tests), which
endpoints were called, how many journal entries were read and how many were lost before they
could be; merged across tests and xdist workers, measured over a scope (the endpoints called, or
the whole API), and in the JSON shape of `schemas/coverage.schema.json`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS, GROUPS, Exercise, group_name
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.coverage.scope import Scope, in_scope

MAX_TESTS_NAMED = 5
"""The most tests a behaviour's entry names (the first, in name order): examples, not a list."""


@dataclass
class Coverage:
    """Counts by behaviour id, with the tests that exercised each, the calls by endpoint and the
    journal read; `scope` says which behaviours the totals are over."""

    counts: Counter[str] = field(default_factory=Counter)
    tests: dict[str, set[str]] = field(default_factory=dict)
    requests: int = 0
    """Journal entries read."""
    unread: int = 0
    """Journal entries dropped (over the journal's limit) or forgotten before they were read."""
    calls: Counter[str] = field(default_factory=Counter)
    """Calls by endpoint id (a path the API does not serve is no endpoint's)."""
    scope: Scope = Scope.CALLED

    def add(
        self,
        counts: Mapping[str, int],
        *,
        calls: Mapping[str, int] | None = None,
        requests: int = 0,
        unread: int = 0,
        test: str | None = None,
    ) -> None:
        """Count what some traffic exercised and the endpoints it called (`test`: the test that
        sent it, if known)."""
        self.counts.update({key: n for key, n in counts.items() if n})
        self.calls.update({key: n for key, n in (calls or {}).items() if n})
        self.requests += requests
        self.unread += unread
        if test is not None:
            for key, n in counts.items():
                if n:
                    self.tests.setdefault(key, set()).add(test)

    def merge(self, other: Coverage) -> None:
        """Add `other`'s counts, calls, tests and journal figures to these."""
        self.counts.update(other.counts)
        self.calls.update(other.calls)
        self.requests += other.requests
        self.unread += other.unread
        for key, names in other.tests.items():
            self.tests.setdefault(key, set()).update(names)

    def copy(self) -> Coverage:
        """A copy, over the same scope, that later counting leaves alone."""
        fresh = Coverage(scope=self.scope)
        fresh.merge(self)
        return fresh

    def over(self, scope: Scope) -> Coverage:
        """The same counts, measured over `scope`."""
        return replace(self.copy(), scope=scope)

    @property
    def behaviours(self) -> tuple[Exercise, ...]:
        """The behaviours the totals are over, in the catalogue's order."""
        return tuple(b for b in BEHAVIOURS if in_scope(b, self.scope, self.calls, self.counts))

    @property
    def groups(self) -> tuple[str, ...]:
        """The groups (endpoints, then API-wide) that hold a behaviour in scope, in report order."""
        held = {b.endpoint for b in self.behaviours}
        return tuple(group for group in GROUPS if group in held)

    def members(self, group: str) -> tuple[Exercise, ...]:
        """The behaviours in scope of `group`."""
        return tuple(b for b in self.behaviours if b.endpoint == group)

    @property
    def not_called(self) -> tuple[str, ...]:
        """The endpoints no call reached, in the catalogue's order."""
        return tuple(e.id for e in ENDPOINTS if not self.calls[e.id])

    @property
    def outside(self) -> int:
        """How many of the catalogue's behaviours the scope leaves out."""
        return len(BEHAVIOURS) - len(self.behaviours)

    @property
    def total(self) -> int:
        """How many behaviours the scope holds."""
        return len(self.behaviours)

    def was_exercised(self, behaviour: Exercise) -> bool:
        """Whether some traffic exercised `behaviour`."""
        return self.counts[behaviour.id] > 0

    @property
    def exercised(self) -> int:
        """How many of the scope's behaviours were exercised."""
        return sum(1 for behaviour in self.behaviours if self.was_exercised(behaviour))

    @property
    def percent(self) -> float:
        """The share of the scope's behaviours exercised, 0 to 100 (0 for an empty scope)."""
        total = self.total
        return 100.0 * self.exercised / total if total else 0.0

    def reaches(self, fail_under: float) -> bool:
        """Whether the share exercised, as reported (two decimals), is at least `fail_under`."""
        return round(self.percent, 2) >= fail_under

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`schemas/coverage.schema.json`): the scope's behaviours, and the
        rest counted."""
        whole = self.over(Scope.API)
        return {
            "scope": self.scope.value,
            "total": self.total,
            "exercised": self.exercised,
            "percent": round(self.percent, 2),
            "requests": self.requests,
            "unread": self.unread,
            "api": {
                "total": whole.total,
                "exercised": whole.exercised,
                "percent": round(whole.percent, 2),
            },
            "outside": {"endpoints": len(self.not_called), "behaviours": self.outside},
            "groups": [self._group_dict(group) for group in self.groups],
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
                for b in self.behaviours
            ],
        }

    def _group_dict(self, group: str) -> dict[str, Any]:
        members = self.members(group)
        return {
            "id": group,
            "name": group_name(group),
            "calls": None if group == API_WIDE else self.calls[group],
            "total": len(members),
            "exercised": sum(1 for b in members if self.was_exercised(b)),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Coverage:
        """A coverage read back from its JSON form (entries the catalogue lacks are left out).
        A form without `scope` (lsq-mock 0.1's) was over the whole API."""
        known = {b.id for b in BEHAVIOURS}
        found = cls(
            requests=int(data.get("requests", 0)),
            unread=int(data.get("unread", 0)),
            scope=Scope(data.get("scope", Scope.API.value)),
        )
        for entry in data.get("behaviours", []):
            if entry.get("id") in known and entry.get("count"):
                found.counts[entry["id"]] += int(entry["count"])
                if entry.get("tests"):
                    found.tests[entry["id"]] = set(entry["tests"])
        for group in data.get("groups", []):
            if group.get("calls"):
                found.calls[group["id"]] += int(group["calls"])
        return found
