"""The emulator's clock: real UTC time plus an offset that tests move instead of sleeping."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

EARLIEST = datetime(2, 1, 1, tzinfo=UTC).timestamp()
LATEST = datetime(9999, 1, 1, tzinfo=UTC).timestamp()
"""The range the clock may be moved to: datetimes exist there, with a year to spare either side."""


class Clock:
    """Seconds since the epoch, shifted by `advance` or `set`; `source` is injectable for tests."""

    def __init__(self, source: Callable[[], float] = time.time):
        self._source = source
        self._offset = 0.0
        self._lock = threading.Lock()

    def now(self) -> float:
        """The emulator's current time in seconds since the epoch."""
        return self._source() + self._offset

    def utcnow(self) -> datetime:
        """The emulator's current time as a naive UTC datetime."""
        return datetime.fromtimestamp(self.now(), UTC).replace(tzinfo=None)

    def advance(self, seconds: float) -> None:
        """Move the clock by `seconds` (back if negative); ValueError if that leaves the range."""
        with self._lock:
            _check_in_range(self._source() + self._offset + seconds)
            self._offset += seconds

    def set(self, when: datetime) -> None:
        """Make the clock read `when` (naive means UTC) from now on, still ticking."""
        aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
        _check_in_range(aware.timestamp())
        with self._lock:
            self._offset = aware.timestamp() - self._source()

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._offset = 0.0


def _check_in_range(epoch: float) -> None:
    # Out of this range every call would fail formatting the time: refuse the move instead.
    if not EARLIEST <= epoch <= LATEST:
        raise ValueError("the clock can only be moved between 0002-01-01 and 9999-01-01 (UTC)")
