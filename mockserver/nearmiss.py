"""Near misses: the valid neighbour of a name, option or id a client got wrong (WireMock's idea).

Looked for only once a violation happened, among a bounded number of candidates, so a tenant of
10,000 activities costs a failing row a few dozen comparisons, never a scan of every id.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

MAX_CANDIDATES = 2000
"""The most names or options compared with what was sent (a type has at most 52 fields)."""
MAX_SUGGESTIONS = 3
NAME_CUTOFF = 0.6
CLEARLY_WORSE = 0.1
"""A suggestion this much less alike than the best is left out: one clear match reads best."""
ID_CUTOFF = 0.75
"""Ids are long and alike (GUIDs): only a near copy of a known id is a near miss."""
ID_NEIGHBOURS = 8
"""How many ids on each side of where the sent id sorts, forwards and backwards, are compared."""


def closest(
    sent: str, candidates: Iterable[str], *, n: int = MAX_SUGGESTIONS, cutoff: float = NAME_CUTOFF
) -> list[str]:
    """Up to `n` of `candidates` most like `sent`, ignoring case; a match but for case first."""
    by_folded: dict[str, str] = {}
    for candidate in islice(candidates, MAX_CANDIDATES):
        by_folded.setdefault(candidate.casefold(), candidate)
    wanted = sent.strip().casefold()
    if wanted in by_folded:
        return [by_folded[wanted]]
    found = difflib.get_close_matches(wanted, list(by_folded), n, cutoff)
    if not found:
        return []
    best = _likeness(wanted, found[0])
    return [by_folded[m] for m in found if _likeness(wanted, m) >= best - CLEARLY_WORSE]


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def did_you_mean(labels: Sequence[str]) -> str | None:
    """`did you mean 'a', 'b' or 'c'?` of labels already quoted, or None when there are none."""
    if not labels:
        return None
    listed = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"
    return f"did you mean {listed}?"


def field_hint(sent: Any, definitions: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The schema names of a type's fields nearest `sent`, by SchemaName or by DisplayName."""
    if not isinstance(sent, str):
        return None
    labels: dict[str, str] = {}
    for name, definition in islice(definitions.items(), MAX_CANDIDATES):
        shown = definition.get("DisplayName") or name
        label = repr(name) if shown == name else f"{name!r} ({shown})"
        labels.setdefault(name, label)
        labels.setdefault(shown, label)
    found = closest(sent, labels)
    return did_you_mean(list(dict.fromkeys(labels[key] for key in found)))


def option_hint(sent: str, options: Sequence[str]) -> str | None:
    """The dropdown options nearest `sent` (options match exactly, so case counts)."""
    return did_you_mean([repr(option) for option in closest(sent, options)])


class NearIds:
    """Known ids sorted forwards and backwards: the ids nearest a sent one are its neighbours in
    either order (a typo near its end keeps its start, and the other way round)."""

    def __init__(self, ids: Iterable[str]):
        folded = [(known.casefold(), known) for known in ids]
        self._forwards = sorted(folded)
        self._backwards = sorted((key[::-1], known) for key, known in folded)

    def nearest(self, sent: str) -> str | None:
        """The known id most like `sent`, if one is close enough (case and spaces ignored)."""
        wanted = sent.strip().casefold()
        by_folded = {
            known.casefold(): known
            for order, probe in ((self._forwards, wanted), (self._backwards, wanted[::-1]))
            for _, known in _around(order, probe)
        }
        if wanted in by_folded:
            return by_folded[wanted]
        scored = difflib.get_close_matches(wanted, list(by_folded), 1, ID_CUTOFF)
        return by_folded[scored[0]] if scored else None


def _around(order: list[tuple[str, str]], probe: str) -> list[tuple[str, str]]:
    at = bisect_left(order, (probe, ""))
    return order[max(at - ID_NEIGHBOURS, 0) : at + ID_NEIGHBOURS]
