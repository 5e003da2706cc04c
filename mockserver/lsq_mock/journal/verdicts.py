"""A call's verdict, kept for the whole run: what `lsq-mock check`, the pytest plugin and
coverage read, so the three never disagree. No HTTP here.

The journal keeps each call whole and is emptied by every reset; the verdicts keep what a
verdict needs (endpoint, status, findings, fault, limit, where the keys went, rows) and survive
resets, so a reset between tests cannot erase the evidence. Forgetting them is its own act.
"""

from __future__ import annotations

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
