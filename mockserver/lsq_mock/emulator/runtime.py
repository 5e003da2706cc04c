"""What an emulator may change while it runs (PATCH /_mock/config), apart from its Settings.

One immutable value, swapped whole: a reader never sees half a change, and the Settings an
emulator started from stay as they were, for `reset()` and for every other emulator built from
them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.errors import InvalidInput
from lsq_mock.ratelimit import RateLimit
from lsq_mock.settings import (
    CHOICES,
    Credential,
    LeadUnsetValue,
    OffsetReading,
    Settings,
    UnauthorizedStyle,
    UnknownLeadStyle,
)


@dataclass(frozen=True)
class RuntimeConfig:
    """Rate limits, key pairs, latency, journal limits, webhook and the disputed answers
    (`settings.CHOICES`) in force now."""

    rate_limit: RateLimit
    bulk_rate_limit: RateLimit
    plan: str | None
    credentials: tuple[Credential, ...]
    latency_seconds: float
    journal_limit: int
    journal_bytes: int
    webhook_url: str | None
    logical_error_status: int
    rate_limit_status: int
    unauthorized_exception: UnauthorizedStyle
    retrieve_offset: OffsetReading
    unknown_lead_exception: UnknownLeadStyle
    unknown_activity_type_status: int
    capture_duplicate_status: int
    lead_unset_value: LeadUnsetValue
    is_mx_exception: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> RuntimeConfig:
        """The run-time values an emulator of `settings` starts with (and resets to)."""
        return cls(
            rate_limit=settings.rate_limit,
            bulk_rate_limit=settings.bulk_rate_limit,
            plan=settings.plan,
            credentials=tuple(settings.credentials),
            latency_seconds=settings.latency_seconds,
            journal_limit=settings.journal_limit,
            journal_bytes=settings.journal_bytes,
            webhook_url=settings.webhook_url,
            **{name: getattr(settings, name) for name in CHOICES},
        )

    def to_dict(self) -> dict[str, Any]:
        """The shape of `schemas/admin-config.schema.json`: what GET /_mock/config answers."""
        return {
            "rate_limit": _limit_dict(self.rate_limit),
            "bulk_rate_limit": _limit_dict(self.bulk_rate_limit),
            "plan": self.plan,
            "credentials": [
                {"access_key": c.access_key, "secret_key": c.secret_key} for c in self.credentials
            ],
            "latency_seconds": self.latency_seconds,
            "journal_limit": self.journal_limit,
            "journal_bytes": self.journal_bytes,
            "webhook_url": self.webhook_url,
            **{name: getattr(self, name) for name in CHOICES},
        }


def changes_of(patch: Mapping[str, Any]) -> dict[str, Any]:
    """The RuntimeConfig fields an `admin-config` patch (already checked) sets, as values; a
    `plan` and a `rate_limit` that say different things are refused (400)."""
    changes: dict[str, Any] = {}
    for key in ("rate_limit", "bulk_rate_limit"):
        if key in patch:
            limit = patch[key]
            changes[key] = RateLimit(int(limit["calls"]), float(limit["seconds"]))
    if "rate_limit" in patch:
        changes["plan"] = None  # a limit of its own is no plan's, unless `plan` says so
    if patch.get("plan") is not None:
        limit = RateLimit.for_plan(patch["plan"])
        if changes.get("rate_limit", limit) != limit:
            raise InvalidInput(
                f"Invalid Input! $.plan {patch['plan']!r} sets rate_limit to {limit.calls} calls "
                "in 5 seconds: send rate_limit or plan, not both",
                path="$.plan",
                rule="invalid-config",
            )
        changes.update(plan=patch["plan"], rate_limit=limit)
    elif "plan" in patch:
        changes["plan"] = None
    if "credentials" in patch:
        changes["credentials"] = tuple(Credential(**pair) for pair in patch["credentials"])
    if "latency_seconds" in patch:
        changes["latency_seconds"] = float(patch["latency_seconds"])
    for key in ("journal_limit", "journal_bytes"):
        if key in patch:
            changes[key] = int(patch[key])  # JSON Schema: 5.0 is an integer
    if "webhook_url" in patch:
        changes["webhook_url"] = patch["webhook_url"]
    for key, allowed in CHOICES.items():
        if key in patch:
            changes[key] = type(allowed[0])(patch[key])  # JSON Schema: 500.0 is 500
    return changes


def _limit_dict(limit: RateLimit) -> dict[str, Any]:
    return {"calls": limit.calls, "seconds": limit.seconds}
