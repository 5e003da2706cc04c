"""Faults queued on purpose for the next matching calls of the emulated API. No HTTP here."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from lsq_mock.errors import STATUS_ERRORS

FaultKind = Literal["status", "latency", "drop", "truncate"]
FAULT_STATUSES = tuple(STATUS_ERRORS)
MAX_QUEUED_FAULTS = 1000
"""Most faults queued at once: every call of the API looks through them, and a 2 MiB list once
queued 120,000 (a second of work, memory held until cleared)."""


class TooManyFaults(ValueError):
    """Queuing these faults would put more than MAX_QUEUED_FAULTS in the queue."""


@dataclass
class Fault:
    """What to do to a call: answer `status`, add latency, drop the connection, truncate the body.

    `times` is how many matching calls it affects; `path` (a substring) limits it to some paths.
    """

    kind: FaultKind = "status"
    status: int = 500
    message: str | None = None
    exception_type: str | None = None
    """For a status fault: the ExceptionType to answer (default: the status's own)."""
    latency_seconds: float = 0.0
    times: int = 1
    path: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("status", "latency", "drop", "truncate"):
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if self.kind == "status" and self.status not in FAULT_STATUSES:
            raise ValueError(f"status must be one of {FAULT_STATUSES}, not {self.status}")
        if self.times < 1:
            raise ValueError("times must be at least 1")
        if self.latency_seconds < 0:
            raise ValueError("latency_seconds must not be negative")
        if self.kind == "latency" and self.latency_seconds == 0:
            raise ValueError("a latency fault needs latency_seconds above 0")
        if self.kind != "latency" and self.latency_seconds:
            raise ValueError(f"latency_seconds is for a latency fault, not a {self.kind} fault")
        if self.kind != "status" and (
            self.message is not None or self.exception_type or self.status != 500
        ):
            raise ValueError(
                f"status, message and exception_type are for a status fault, not a {self.kind} "
                "fault"
            )

    def matches(self, path: str) -> bool:
        """Whether this fault applies to a call of `path`."""
        return self.path is None or self.path in path

    def to_dict(self) -> dict[str, Any]:
        """The admin API's JSON form."""
        return asdict(self)


class FaultQueue:
    """Faults in the order they were queued; each matching call consumes one use of the first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[Fault] = deque()

    def add(self, *faults: Fault) -> None:
        """Queue `faults` after those already queued, all or none: TooManyFaults past
        MAX_QUEUED_FAULTS."""
        with self._lock:
            if len(self._queue) + len(faults) > MAX_QUEUED_FAULTS:
                raise TooManyFaults(
                    f"at most {MAX_QUEUED_FAULTS} faults may be queued: {len(self._queue)} are, "
                    f"and {len(faults)} more were sent"
                )
            self._queue.extend(faults)

    def take(self, path: str) -> Fault | None:
        """Consume one use of the first fault matching `path` and return it as it was; else None."""
        with self._lock:
            for fault in self._queue:
                if fault.matches(path):
                    taken = replace(fault)
                    fault.times -= 1
                    if fault.times == 0:
                        self._queue.remove(fault)
                    return taken
            return None

    def pending(self) -> list[Fault]:
        """The faults still queued, with their remaining uses."""
        with self._lock:
            return [replace(fault) for fault in self._queue]

    def clear(self) -> None:
        """Drop every queued fault."""
        with self._lock:
            self._queue.clear()
