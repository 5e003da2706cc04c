"""A journaled call of the emulated API, as the journal keeps it, and what it keeps of large
parts (bodies cut with their length and hash, long texts clipped). No HTTP here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any, NamedTuple, Protocol

from lsq_mock.contract.violations import Violation

BODY_KEPT_BYTES = 64 * 1024
"""A body (sent or answered) longer than this is journaled cut to it, with its length and hash."""
TEXT_KEPT_CHARS = 2048
"""Most characters journaled of a path, host, query or header value, or a violation's text."""
CLIPPED = "…"

Cut = tuple[int | None, int, str | None]
"""A body journaled cut short: its length (None: not read, length unknown), the bytes kept, and
the SHA-256 of the whole body (None: not read). A plain tuple: the collector leaves it alone."""


class AppliedFault(Protocol):
    """What the journal keeps of a fault that stood in for a call (the emulator's `Fault`)."""

    @property
    def kind(self) -> str:
        """status, latency, drop or truncate."""
        ...

    def to_dict(self) -> dict[str, Any]:
        """The fault's JSON form (`schemas/fault.schema.json`)."""
        ...


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
    """The body as sent, when the server read it as JSON and it is kept whole."""
    text_body: str | None
    """Otherwise the body (or the part kept) as text; None when empty or not read."""
    body_cut: Cut | None
    status: int
    response: bytes | None
    """The answer's body (or the part kept), when it is JSON (possibly cut short by a fault)."""
    response_cut: Cut | None
    contract: tuple[Violation, ...]
    contract_omitted: int
    """How many more violations were found than `contract` describes."""
    fault: AppliedFault | None
    rate_limit: str | None = None
    """Which limit refused the call (`account` or `bulk`), when one did."""
    contract_omitted_capped: bool = False
    """Counting stopped: more violations were omitted than `contract_omitted` says."""

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
            "body_truncated": _cut_dict(self.body_cut),
            "status": self.status,
            "response": _response(self.response, self.response_cut),
            "response_truncated": _cut_dict(self.response_cut),
            "contract": [violation.to_dict() for violation in self.contract],
            "contract_omitted": self.contract_omitted,
            "contract_omitted_capped": self.contract_omitted_capped,
            "fault": None if self.fault is None else self.fault.to_dict(),
            "rate_limit": self.rate_limit,
        }


def cut_body(data: bytes) -> tuple[bytes, Cut | None]:
    """`data` as the journal keeps it: whole, or its first BODY_KEPT_BYTES and what was cut."""
    if len(data) <= BODY_KEPT_BYTES:
        return data, None
    return data[:BODY_KEPT_BYTES], (len(data), BODY_KEPT_BYTES, hashlib.sha256(data).hexdigest())


def not_read(length: int | None) -> Cut | None:
    """What the journal says of a body it did not read (of `length` bytes, if known)."""
    return (length, 0, None) if length else None


def clip(text: str, limit: int = TEXT_KEPT_CHARS) -> str:
    """`text`, or its first `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[:limit] + CLIPPED


def clip_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Query or header pairs with long names and values clipped."""
    return tuple((clip(name), clip(value)) for name, value in pairs)


def clip_violation(violation: Violation) -> Violation:
    """`violation` with a long path, message or text value clipped (a 1 MB unknown key)."""
    value = violation.value
    if (
        len(violation.path) <= TEXT_KEPT_CHARS
        and len(violation.message) <= TEXT_KEPT_CHARS
        and not (isinstance(value, str) and len(value) > TEXT_KEPT_CHARS)
    ):
        return violation
    return replace(
        violation,
        path=clip(violation.path),
        message=clip(violation.message),
        value=clip(value) if isinstance(value, str) else value,
    )


def _cut_dict(cut: Cut | None) -> dict[str, Any] | None:
    if cut is None:
        return None
    length, kept, sha256 = cut
    return {"length": length, "kept": kept, "sha256": sha256}


def _response(data: bytes | None, cut: Cut | None) -> Any:
    if data is None:
        return None
    return data.decode("utf-8", errors="replace") if cut else _decoded(data)


def _decoded(data: bytes) -> Any:
    """The JSON value of `data`, or None if it is not JSON (e.g. a truncated answer)."""
    try:
        return json.loads(data)
    except ValueError:
        return None
