"""An emulator's coverage since it started (or was last told to forget): its verdicts and events
read where they left off, on demand, never on the request path.

The verdicts outlive resets, and the events are read before a reset forgets them, so a suite
that resets between tests still gets the whole run's coverage; a verdict the bounded log dropped
before it was read is counted as unread, not guessed at.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from lsq_mock.coverage.measure import endpoints_called, exercised
from lsq_mock.coverage.report import Coverage
from lsq_mock.coverage.scope import Scope
from lsq_mock.journal.log import BoundedLog
from lsq_mock.journal.verdicts import Verdict
from lsq_mock.tenant import ActivityEvent


class CoverageTally:
    """What one emulator's traffic exercised, read from its logs up to the newest entries."""

    def __init__(
        self,
        verdicts: BoundedLog[Verdict],
        events: BoundedLog[ActivityEvent],
        activity_types: Callable[[], list[dict[str, Any]]],
    ):
        self._verdicts, self._events, self._types = verdicts, events, activity_types
        self._lock = threading.Lock()
        self._coverage = Coverage()
        self._verdicts_read = verdicts.last_number
        self._events_read = events.last_number

    def catch_up(self) -> None:
        """Read the verdicts and events added since the last read."""
        with self._lock:
            _, last = self._verdicts.numbers
            entries = self._verdicts.numbered_after(self._verdicts_read)
            events = self._events.numbered_after(self._events_read)
            # Numbers run on without gaps: those between the last read and the first still kept
            # (or, with none kept, the last added) were dropped or forgotten unread.
            newest = entries[-1][0] if entries else max(last, self._verdicts_read)
            unread = (entries[0][0] if entries else newest + 1) - self._verdicts_read - 1
            verdicts = [verdict.to_dict() for _, verdict in entries]
            counts = exercised(
                verdicts,
                (event.to_dict() for _, event in events),
                self._types() if events else (),
            )
            calls = endpoints_called(verdicts)
            self._coverage.add(counts, calls=calls, requests=len(entries), unread=unread)
            self._verdicts_read = newest
            self._events_read = events[-1][0] if events else self._events_read

    def report(self, scope: Scope = Scope.CALLED) -> Coverage:
        """The coverage so far, the newest traffic included, measured over `scope`."""
        self.catch_up()
        with self._lock:
            return self._coverage.over(scope)

    def forget(self) -> None:
        """Start again from nothing: what was exercised so far no longer counts."""
        with self._lock:
            self._coverage = Coverage()
            self._verdicts_read = self._verdicts.last_number
            self._events_read = self._events.last_number
