"""The store's timestamps: the clock's now as the API writes it, formatted once a second."""

from __future__ import annotations

from datetime import UTC, datetime

from lsq_mock.clock import Clock
from lsq_mock.contract.fields import DATETIME_FORMAT


class SecondStamp:
    """Called for each row written: the clock's now as 'YYYY-MM-DD HH:MM:SS' UTC."""

    def __init__(self, clock: Clock):
        self._clock = clock
        self._stamp: tuple[float, str] = (float("nan"), "")

    def __call__(self) -> str:
        # Formatting costs more than checking a field, and the rows of a call share a second:
        # reuse the text within a second (not near its end, where rounding to microseconds, as
        # Clock.utcnow does, may carry into the next second).
        now = self._clock.now()
        second, text = self._stamp
        if now // 1 == second and now - second < 0.999:
            return text
        text = datetime.fromtimestamp(now, UTC).strftime(DATETIME_FORMAT)
        self._stamp = (now // 1, text)
        return text
