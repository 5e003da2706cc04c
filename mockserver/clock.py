"""The emulator's clock: real UTC time plus an offset that tests move instead of sleeping."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime


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
        """Move the clock forward (or back, if negative) by `seconds`."""
        with self._lock:
            self._offset += seconds

    def set(self, when: datetime) -> None:
        """Make the clock read `when` (naive means UTC) from now on, still ticking."""
        aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
        with self._lock:
            self._offset = aware.timestamp() - self._source()

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._offset = 0.0
