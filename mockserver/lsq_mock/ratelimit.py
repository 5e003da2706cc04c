"""The tenant's rate limits, as the vendor documents them: sliding windows of N calls in S seconds
on the emulator's clock, one for every call (the account's) and one for the bulk APIs."""

from __future__ import annotations

import math
import threading
from collections import deque
from dataclasses import dataclass
from typing import Literal, NamedTuple

from lsq_mock.clock import Clock
from lsq_mock.digits import ascii_int

PLAN_CALLS_PER_5_SECONDS = {
    "lite": 2,
    "pro": 5,
    "super": 10,
    "basic": 10,
    "standard": 15,
    "enterprise": 25,
}
"""API requests per 5 seconds by subscription plan, from the vendor's rate-limits page
(`catalogue.sources.RATE_LIMITS_PAGE`)."""


@dataclass(frozen=True)
class RateLimit:
    """At most `calls` calls in any `seconds` window; `calls == 0` turns the limit off."""

    calls: int = 25
    seconds: float = 5.0

    @classmethod
    def for_plan(cls, plan: str) -> RateLimit:
        """The account limit of a subscription plan (`lite`, `pro`, ... `enterprise`)."""
        calls = PLAN_CALLS_PER_5_SECONDS.get(plan.lower())
        if calls is None:
            raise ValueError(f"unknown plan {plan!r}; plans: {', '.join(PLAN_CALLS_PER_5_SECONDS)}")
        return cls(calls, 5.0)

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Read `25/5` (calls/seconds), `25` (per 5 s), or `0` for no limit."""
        calls_text, slash, seconds_text = text.strip().partition("/")
        calls = ascii_int(calls_text)
        whole, _, fraction = seconds_text.partition(".")
        if calls is None or (slash and ascii_int(whole + fraction) is None):
            raise ValueError(f"rate limit {text!r}: CALLS/SECONDS in ASCII digits (25/5, 2/0.5)")
        seconds = float(seconds_text) if slash else 5.0
        if not 0 < seconds < math.inf:
            raise ValueError(f"rate limit {text!r}: seconds must be > 0")
        return cls(calls, seconds)

    @property
    def enabled(self) -> bool:
        """Whether calls are limited at all."""
        return self.calls > 0

    def __str__(self) -> str:
        return f"{self.calls}/{self.seconds:g}" if self.enabled else "off"


ACCOUNT_LIMIT = RateLimit(25, 5.0)
"""The account limit the endpoint page states (25 in 5 s: the Enterprise plan's)."""
BULK_LIMIT = RateLimit(1, 5.0)
"""'For all plans, the rate limit for all Bulk APIs is 1 call in 5 seconds' (rate-limits page)."""


Window = Literal["account", "bulk"]
"""Which limit a call counts in: the account's (every call) or the bulk APIs' own."""


class Exceeded(NamedTuple):
    """The limit a refused call would have exceeded, and which window holds it."""

    window: Window
    limit: RateLimit


class _Window:
    """The times of the calls admitted within one limit's window (not locked on its own)."""

    def __init__(self, name: Window, limit: RateLimit):
        self.name: Window = name
        self.limit = limit
        self._admitted: deque[float] = deque()

    def has_room(self, now: float) -> bool:
        """Whether one more call fits now; forgets calls out of the window first."""
        if not self.limit.enabled:
            return True
        admitted = self._admitted
        # A clock moved back leaves calls "in the future": forget them rather than let them
        # hold the window shut until the clock catches up.
        while admitted and admitted[-1] > now:
            admitted.pop()
        horizon = now - self.limit.seconds
        while admitted and admitted[0] <= horizon:
            admitted.popleft()
        return len(admitted) < self.limit.calls

    def count(self, now: float) -> None:
        if self.limit.enabled:
            self._admitted.append(now)

    def clear(self) -> None:
        self._admitted.clear()


class TenantLimiter:
    """The account window (every call) and the bulk window (bulk API calls), checked together:
    a call is admitted only if it fits in each window it counts in, and then counts in each;
    a call refused with 429 counts in none."""

    def __init__(self, account: RateLimit, bulk: RateLimit, clock: Clock):
        self._account = _Window("account", account)
        self._bulk = _Window("bulk", bulk)
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def limit(self) -> RateLimit:
        """The account limit in force."""
        return self._account.limit

    @property
    def bulk_limit(self) -> RateLimit:
        """The bulk-API limit in force."""
        return self._bulk.limit

    def set_limits(self, account: RateLimit, bulk: RateLimit) -> None:
        """Change the limits at run time; calls already in the windows still count."""
        with self._lock:
            self._account.limit, self._bulk.limit = account, bulk

    def try_acquire(self, *, bulk: bool = False) -> Exceeded | None:
        """Count one call if it fits; else the limit it would exceed (and count nothing)."""
        with self._lock:
            now = self._clock.now()
            windows = (self._account, self._bulk) if bulk else (self._account,)
            for window in windows:
                if not window.has_room(now):
                    return Exceeded(window.name, window.limit)
            for window in windows:
                window.count(now)
            return None

    def reset(self) -> None:
        """Empty both windows."""
        with self._lock:
            self._account.clear()
            self._bulk.clear()
