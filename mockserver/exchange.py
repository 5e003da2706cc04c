"""A journaled call of the emulated API, as the journal keeps it. No HTTP here."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, NamedTuple

from lsq_mock.faults import Fault
from lsq_mock.violations import Violation


class Exchange(NamedTuple):
    """One journaled call: scalars, bytes and plain tuples only, made into a dict when read.

    The journal keeps it as one plain tuple, which the garbage collector stops walking; a full
    journal of dicts and parsed bodies was walked by collections during every later request.
    """

    timestamp: datetime
    method: str
    host: str
    """The host the client asked for (its Host header): `127.0.0.1:8080`, `api.leadsquared.com`."""
    path: str
    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    json_body: bytes | None
    """The body as sent, when the server read it as JSON."""
    text_body: str | None
    """Otherwise the body's first 64 KiB as text (None when empty, or too large to read)."""
    status: int
    response: bytes | None
    """The answer's body, when it is JSON (possibly cut short by a `truncate` fault)."""
    contract: tuple[Violation, ...]
    fault: Fault | None
    rate_limit: str | None = None
    """Which limit refused the call (`account` or `bulk`), when one did."""

    def to_dict(self) -> dict[str, Any]:
        """The journal entry's JSON form (`schemas/journal-entry.schema.json`), made fresh."""
        return {
            "timestamp": self.timestamp.isoformat(timespec="milliseconds") + "Z",
            "method": self.method,
            "host": self.host,
            "path": self.path,
            "query": dict(self.query),
            "headers": dict(self.headers),
            "body": self.text_body if self.json_body is None else _decoded(self.json_body),
            "status": self.status,
            "response": None if self.response is None else _decoded(self.response),
            "contract": [violation.to_dict() for violation in self.contract],
            "fault": None if self.fault is None else self.fault.to_dict(),
            "rate_limit": self.rate_limit,
        }


def _decoded(data: bytes) -> Any:
    """The JSON value of `data`, or None if it is not JSON (e.g. a truncated answer)."""
    try:
        return json.loads(data)
    except ValueError:
        return None
