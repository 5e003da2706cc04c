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
ID_CUTOFF = 0.9
"""Ids are long and alike (GUIDs): only a near copy of a known id is a near miss (a GUID with
three characters wrong at most)."""
FEW = 64
"""Up to this many candidates (a type's fields) are all compared; of more (a long option list),
only the neighbours of what was sent."""
NEIGHBOURS = 8
"""How many candidates on each side of where the sent one sorts, forwards and backwards."""
ID_NEIGHBOURS = 4
"""The same for ids, which differ by a typo and are compared cheaply."""


def closest(
    sent: str, candidates: Iterable[str], *, n: int = MAX_SUGGESTIONS, cutoff: float = NAME_CUTOFF
) -> list[str]:
    """Up to `n` of `candidates` most like `sent`, ignoring case; a match but for case first."""
    by_folded: dict[str, str] = {}
    for candidate in islice(candidates, MAX_CANDIDATES):
        if isinstance(candidate, str):
            by_folded.setdefault(candidate.casefold(), candidate)
    wanted = sent.strip().casefold()
    if wanted in by_folded:
        return [by_folded[wanted]]
    pool = list(by_folded) if len(by_folded) <= FEW else _neighbours(list(by_folded), wanted)
    found = difflib.get_close_matches(wanted, pool, n, cutoff)
    if not found:
        return []
    best = _likeness(wanted, found[0])
    return [by_folded[m] for m in found if _likeness(wanted, m) >= best - CLEARLY_WORSE]


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _neighbours(keys: list[str], wanted: str) -> list[str]:
    """The keys next to where `wanted` sorts, forwards and backwards: a typo keeps one end."""
    forwards = sorted(keys)
    backwards = sorted(key[::-1] for key in keys)
    near = _beside(forwards, wanted) + [key[::-1] for key in _beside(backwards, wanted[::-1])]
    return list(dict.fromkeys(near))


def _beside(order: list[str], probe: str) -> list[str]:
    at = bisect_left(order, probe)
    return order[max(at - NEIGHBOURS, 0) : at + NEIGHBOURS]


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
        display = definition.get("DisplayName")
        shown = display if isinstance(display, str) and display else name
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
        """The known id most like `sent`, if one is close enough (case and spaces ignored).

        Ids differ by a typo, not by wording: likeness is the share of characters an id has in
        common with `sent` at its start and at its end, a few string compares per neighbour.
        """
        wanted = sent.strip().casefold()
        best, best_likeness = None, ID_CUTOFF
        for order, probe in ((self._forwards, wanted), (self._backwards, wanted[::-1])):
            for key, known in _around(order, probe):
                likeness = _shared_ends(probe, key)
                if likeness > best_likeness or (likeness == 1.0 and best_likeness < 1.0):
                    best, best_likeness = known, likeness
        return best


def _around(order: list[tuple[str, str]], probe: str) -> list[tuple[str, str]]:
    at = bisect_left(order, (probe, ""))
    return order[max(at - ID_NEIGHBOURS, 0) : at + ID_NEIGHBOURS]


def _shared_ends(a: str, b: str) -> float:
    """The share of the longer string its common start and end with the other make up."""
    if a == b:
        return 1.0
    shared = _common_start(a, b) + _common_start(a[::-1], b[::-1])
    return min(shared, len(a), len(b)) / max(len(a), len(b), 1)


def _common_start(a: str, b: str) -> int:
    shorter = min(len(a), len(b))
    return next((n for n in range(shorter) if a[n] != b[n]), shorter)
