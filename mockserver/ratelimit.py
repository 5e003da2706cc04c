"""The tenant's rate limit: a sliding window of N calls in S seconds, on the emulator's clock."""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass

from lsq_mock.clock import Clock


@dataclass(frozen=True)
class RateLimit:
    """At most `calls` calls in any `seconds` window; `calls == 0` turns the limit off."""

    calls: int = 25
    seconds: float = 5.0

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Read `25/5` (calls/seconds), `25` (per 5 s), or `0` for no limit."""
        calls_text, slash, seconds_text = text.partition("/")
        calls = int(calls_text)
        seconds = float(seconds_text) if slash else 5.0
        if calls < 0 or not 0 < seconds < math.inf:
            raise ValueError(f"rate limit {text!r}: calls must be >= 0 and seconds > 0")
        return cls(calls, seconds)

    @property
    def enabled(self) -> bool:
        """Whether calls are limited at all."""
        return self.calls > 0

    def __str__(self) -> str:
        return f"{self.calls}/{self.seconds:g}" if self.enabled else "off"


class SlidingWindowLimiter:
    """Admits a call if fewer than `limit.calls` were admitted in the last `limit.seconds`."""

    def __init__(self, limit: RateLimit, clock: Clock):
        self._limit = limit
        self._clock = clock
        self._admitted: deque[float] = deque()
        self._lock = threading.Lock()

    @property
    def limit(self) -> RateLimit:
        """The limit in force."""
        return self._limit

    def set_limit(self, limit: RateLimit) -> None:
        """Change the limit at run time; calls already in the window still count."""
        with self._lock:
            self._limit = limit

    def try_acquire(self) -> bool:
        """Count one call and say whether it is within the limit (a refused call is not counted)."""
        with self._lock:
            if not self._limit.enabled:
                return True
            now = self._clock.now()
            horizon = now - self._limit.seconds
            while self._admitted and self._admitted[0] <= horizon:
                self._admitted.popleft()
            if len(self._admitted) >= self._limit.calls:
                return False
            self._admitted.append(now)
            return True

    def reset(self) -> None:
        """Empty the window."""
        with self._lock:
            self._admitted.clear()
