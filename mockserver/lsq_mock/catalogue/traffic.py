"""What the behaviour catalogue's predicates read: a call's verdict as a `Call` (endpoint,
status, rules broken, fault, limit hit, where the keys went) and a trigger event's values as
`Written`. Made from the verdicts' JSON form (`schemas/verdict.schema.json`), which is public
and stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from lsq_mock.catalogue.data_types import SYSTEM_DEFINITIONS
from lsq_mock.catalogue.rules import Outcome, rule_of


@dataclass(frozen=True)
class Call:
    """One journaled call, as the behaviour predicates see it."""

    endpoint: str | None
    """The endpoint's id (`bulk-update`), or None for a path the API does not serve."""
    status: int
    rules: frozenset[str]
    """The catalogue rules its violations broke (`invalid-value`, not `invalid-value:Number`)."""
    row_rules: frozenset[str]
    """Those of them broken by a row (a bulk call's failed or tolerated rows)."""
    failed: bool
    """Whether a logical rule failed a row or the call."""
    fault: str | None
    """The kind of fault applied to it (status, latency, drop, truncate), if any."""
    fault_status: int | None
    rate_limit: str | None
    """Which limit refused it (`account`, `bulk`), if one did."""
    keys_in_query: bool
    keys_in_headers: bool
    skips_dropdowns_in_query: bool
    skips_dropdowns_on_a_row: bool
    rows: int | None
    """How many rows a batch held (from the answer, else the body), or None."""

    @property
    def answered(self) -> bool:
        """Whether the endpoint itself answered it, and the answer reached the client whole."""
        return self.fault in (None, "latency") and self.rate_limit is None

    @classmethod
    def from_verdict(cls, verdict: Mapping[str, Any]) -> Call:
        """The call a verdict (its JSON form) records."""
        caught = [(rule_of(v["rule"]), v) for v in verdict.get("findings") or []]
        return cls(
            endpoint=verdict.get("endpoint"),
            status=verdict.get("status", 0),
            rules=frozenset(rule.id for rule, _ in caught if rule is not None),
            row_rules=frozenset(rule.id for rule, v in caught if rule is not None and v.get("row")),
            failed=any(rule is not None and rule.outcome is Outcome.LOGICAL for rule, _ in caught),
            fault=verdict.get("fault"),
            fault_status=verdict.get("fault_status"),
            rate_limit=verdict.get("rate_limit"),
            keys_in_query=bool(verdict.get("keys_in_query")),
            keys_in_headers=bool(verdict.get("keys_in_headers")),
            skips_dropdowns_in_query=bool(verdict.get("skips_dropdowns_in_query")),
            skips_dropdowns_on_a_row=bool(verdict.get("skips_dropdowns_on_a_row")),
            rows=verdict.get("rows"),
        )


class Written(NamedTuple):
    """One value a write stored, from its trigger event: the field's DataType, and the event.
    (A NamedTuple: a run writes many, counted by equality.)"""

    data_type: str
    event_type: str


def written_values(
    events: Iterable[Mapping[str, Any]], types: Iterable[Mapping[str, Any]]
) -> Iterator[Written]:
    """Each non-empty value the events (their JSON form) stored, with its field's DataType; a
    field of a type the tenant no longer has, or the ActivityNote, has none and is left out."""
    data_types = {
        activity_type["ActivityEvent"]: {
            **{name: d["DataType"] for name, d in SYSTEM_DEFINITIONS.items()},
            **{f["SchemaName"]: f["DataType"] for f in activity_type.get("Fields", [])},
        }
        for activity_type in types
    }
    for event in events:
        fields = data_types.get(event.get("ActivityEvent"), {})
        for change in event.get("Changes", []):
            data_type = fields.get(change.get("SchemaName"))
            if data_type is not None and change.get("NewValue") not in (None, ""):
                yield Written(data_type, event.get("EventType", ""))
