"""What the behaviour catalogue's predicates read: a journal entry as a `Call` (endpoint, status,
rules broken, fault, limit hit, where the keys went) and a trigger event's values as `Written`.

Made from the journal's JSON form (`schemas/journal-entry.schema.json`), which is public and
stable: a body the journal kept only in part is read as far as it goes, and the verdicts
(violations, status, fault, limit) never depend on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.catalogue.rules import Outcome, rule_of
from lsq_mock.contract.fields import SYSTEM_DEFINITIONS

ACCESS_KEY_PARAMETER = "accessKey"
ACCESS_KEY_HEADER = "x-LSQ-AccessKey"
SKIP_DROPDOWNS = "ValidateDropDownOptions"


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
    def from_entry(cls, entry: Mapping[str, Any]) -> Call:
        """The call a journal entry (its JSON form) records."""
        endpoint = endpoint_at(entry.get("path", ""))
        contract = entry.get("contract") or []
        fault = entry.get("fault") or {}
        query = entry.get("query") or {}
        caught = [(rule_of(v["rule"]), v) for v in contract]
        body = entry.get("body")
        return cls(
            endpoint=None if endpoint is None else endpoint.id,
            status=entry.get("status", 0),
            rules=frozenset(rule.id for rule, _ in caught if rule is not None),
            row_rules=frozenset(rule.id for rule, v in caught if rule is not None and v.get("row")),
            failed=any(rule is not None and rule.outcome is Outcome.LOGICAL for rule, _ in caught),
            fault=fault.get("kind"),
            fault_status=fault.get("status") if fault.get("kind") == "status" else None,
            rate_limit=entry.get("rate_limit"),
            keys_in_query=ACCESS_KEY_PARAMETER in query,
            keys_in_headers=ACCESS_KEY_HEADER in (entry.get("headers") or {}),
            skips_dropdowns_in_query=str(query.get(SKIP_DROPDOWNS, "")).lower() == "true",
            skips_dropdowns_on_a_row=any(
                isinstance(row, dict) and row.get(SKIP_DROPDOWNS) is True
                for row in (body if isinstance(body, list) else [body])
            ),
            rows=_rows(entry.get("response"), body),
        )


def _rows(response: Any, body: Any) -> int | None:
    answered = response.get("Response") if isinstance(response, dict) else None
    if isinstance(answered, list):
        return len(answered)
    return len(body) if isinstance(body, list) else None


@dataclass(frozen=True)
class Written:
    """One value a write stored, from its trigger event: the field's DataType, and the event."""

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
