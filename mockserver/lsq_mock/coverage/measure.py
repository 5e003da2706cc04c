"""Which catalogue entries some traffic exercised: pure, over the verdicts' and the events' JSON
forms, so it reads an emulator's own logs and a served one's alike."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.catalogue.traffic import Call, written_values

_BY_CALL = {
    endpoint: [
        (b.id, b.in_call)
        for b in BEHAVIOURS
        if b.in_call is not None and b.endpoint in (endpoint, API_WIDE)
    ]
    for endpoint in (*(e.id for e in ENDPOINTS), None)
}
"""The call predicates worth asking, by the endpoint called: its own and the API-wide ones."""
_BY_WRITE = [(b.id, b.in_write) for b in BEHAVIOURS if b.in_write is not None]


def exercised(
    verdicts: Iterable[Mapping[str, Any]],
    events: Iterable[Mapping[str, Any]] = (),
    types: Iterable[Mapping[str, Any]] = (),
) -> Counter[str]:
    """How many times each behaviour was exercised by the calls of `verdicts`, and by the values
    the trigger `events` stored (their DataType read from the tenant's activity `types`)."""
    counts: Counter[str] = Counter()
    for verdict in verdicts:
        call = Call.from_verdict(verdict)
        counts.update(behaviour for behaviour, seen in _BY_CALL[call.endpoint] if seen(call))
    # A run writes few kinds of value many times: each kind is asked once, counted as often.
    for written, times in Counter(written_values(events, types)).items():
        for behaviour, seen in _BY_WRITE:
            if seen(written):
                counts[behaviour] += times
    return counts


def endpoints_called(verdicts: Iterable[Mapping[str, Any]]) -> Counter[str]:
    """How many calls of `verdicts` each endpoint got: what coverage is measured over."""
    return Counter(verdict["endpoint"] for verdict in verdicts if verdict.get("endpoint"))
