"""The host's time zone, changed for a block: what the emulator stores must never depend on it."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager

HOST_ZONES = {"UTC0": 0, "IST-5:30": -19800, "VET4": 14400}
"""Zones without daylight saving (UTC, India's, Venezuela's), and their `time.timezone` (seconds
west of UTC). Written as POSIX TZ rules, so no zone database (tzdata) is needed."""


@contextmanager
def host_zone(name: str) -> Iterator[None]:
    """The process in zone `name` (TZ and `time.tzset`) for a `with` block, then as it was."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        # A TZ the C library cannot read falls back to UTC quietly: fail instead of passing.
        assert time.timezone == HOST_ZONES[name], f"TZ={name} did not take effect"
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
