"""A journal entry's one-line summary, as the inspector's table shows it. No HTTP here."""

from __future__ import annotations

import json
from typing import Any

from lsq_mock.journal.exchange import Exchange

ROW_SAVED_KEYS = ("ActivityUpdated", "ActivityCreated")
"""The key a bulk answer's row result says it was saved with (bulk update, bulk add)."""


def summarize(seq: int, exchange: Exchange) -> dict[str, Any]:
    """Time, method, path, status, rows saved and failed, violations and fault of one exchange.

    Made from the record itself: the request body is never parsed, so a summary of each of
    10,000 entries costs little more than reading its answer.
    """
    return {
        "seq": seq,
        "timestamp": exchange.timestamp.isoformat(timespec="milliseconds") + "Z",
        "method": exchange.method,
        "path": exchange.path,
        "status": exchange.status,
        "rows": _row_counts(exchange.response),
        "violations": len(exchange.contract),
        "fault": None if exchange.fault is None else exchange.fault.kind,
    }


def _row_counts(response: bytes | None) -> dict[str, int] | None:
    """{"saved": n, "failed": m} of a bulk answer (one result per row); None for other answers."""
    try:
        answer = json.loads(response) if response else None
    except ValueError:
        return None  # e.g. an answer cut short by a truncate fault
    rows = answer.get("Response") if isinstance(answer, dict) else None
    if not isinstance(rows, list):
        return None
    flags = [next((row[key] for key in ROW_SAVED_KEYS if key in row), None) for row in rows]
    if rows and not any(isinstance(flag, bool) for flag in flags):
        return None
    return {"saved": flags.count(True), "failed": flags.count(False)}
