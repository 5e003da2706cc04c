"""The host's time zone, changed for a block: what the emulator stores must never depend on it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

HOST_ZONES = {"UTC": 0, "Asia/Kolkata": -19800, "America/Caracas": 14400}
"""Zones without daylight saving, and their `time.timezone` (seconds west of UTC)."""


@contextmanager
def host_zone(name: str) -> Iterator[None]:
    """The process in zone `name` (TZ and `time.tzset`) for a `with` block, then as it was."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        # Without the zone database TZ falls back to UTC quietly: fail instead of passing.
        assert time.timezone == HOST_ZONES[name], f"no zone data for {name} (install tzdata)"
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
