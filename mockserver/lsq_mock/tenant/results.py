"""What the store's operations answer: row results, a saved activity, a page, a snapshot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lsq_mock.contract.violations import Violation
from lsq_mock.tenant.activities import ActivitiesSnapshot
from lsq_mock.tenant.leads import LeadsSnapshot
from lsq_mock.tenant.user import DEFAULT_USER


@dataclass
class BulkOutcome:
    """Per-row results for the response, and the contract violations found in the rows."""

    results: list[dict[str, Any]] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)


@dataclass
class Saved:
    """The id of the activity a single create or update saved, and the violations found."""

    activity_id: str
    violations: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class TenantSnapshot:
    """The tenant's content at one moment, never mutated: what `restore` goes back to."""

    types: dict[int, dict[str, Any]] = field(default_factory=dict)
    leads: LeadsSnapshot = field(default_factory=LeadsSnapshot)
    activities: ActivitiesSnapshot = field(default_factory=ActivitiesSnapshot)
    user: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_USER))


@dataclass
class ActivityPage:
    """One page of activities, how many activities match in all, and the activity types of the
    page's activities by code (read with them, so a type is never missing for one of them)."""

    total: int
    activities: list[dict[str, Any]]
    types: dict[int, dict[str, Any]] = field(default_factory=dict)
