"""A thread-safe, bounded, append-only log: the journal and the event log of the emulator."""

from __future__ import annotations

import threading
from collections import deque
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar


class Record(Protocol):
    """A NamedTuple of scalars, bytes and plain tuples that says what it is as JSON."""

    def __iter__(self) -> Any: ...

    def to_dict(self) -> dict[str, Any]:
        """The entry's JSON form (a fresh dict on every call)."""
        ...


R = TypeVar("R", bound=Record)


class BoundedLog(Generic[R]):
    """Keeps the newest `limit` entries; older ones are dropped and counted: memory stays flat.

    An entry is kept as one plain tuple, its number first: CPython's garbage collector stops
    walking a plain tuple of scalars (never a NamedTuple), and every object a request leaves
    behind is walked by the next collections, so a busy log makes every request slower.

    Numbers never repeat in a log's life: `clear()` forgets the entries, not the numbering, so a
    number read before a clear (an expectation, a report) never names a later entry.
    """

    def __init__(self, limit: int, record_type: type[R], sequence_key: str = "seq"):
        self.sequence_key = sequence_key
        self._record_type = record_type
        self._lock = threading.Lock()
        self._entries: deque[tuple[int, tuple[Any, ...]]] = deque(maxlen=max(limit, 1))
        self._appended = 0
        self._forgotten = 0

    def append(self, entry: R) -> int:
        """Add `entry` and return its 1-based sequence number (read back under `sequence_key`)."""
        with self._lock:
            self._appended += 1
            self._entries.append((self._appended, *entry))
            return self._appended

    def extend(self, entries: list[R]) -> int:
        """Add `entries` in order, under one lock; return the number of the first one."""
        with self._lock:
            first = self._appended + 1
            self._entries.extend((number, *entry) for number, entry in enumerate(entries, first))
            self._appended += len(entries)
            return first

    def entries(self) -> list[dict[str, Any]]:
        """The kept entries as fresh dicts, oldest first, each with its number."""
        with self._lock:
            kept = list(self._entries)
        record = self._record_type
        return [{**record(*values).to_dict(), self.sequence_key: n} for n, *values in kept]

    def numbered_after(self, after: int, limit: int | None = None) -> list[tuple[int, R]]:
        """(number, entry) of the kept entries numbered above `after`, oldest first, at most
        `limit`: a reader that polls gets only what it has not seen, without copying the rest."""
        with self._lock:
            start = max(after + 1 - self._oldest(), 0)  # the kept numbers run on without gaps
            stop = None if limit is None else start + limit
            kept = list(islice(self._entries, start, stop))
        record = self._record_type
        return [(n, record(*values)) for n, *values in kept]

    @property
    def numbers(self) -> tuple[int, int]:
        """(number of the oldest kept entry, of the newest ever added): (n + 1, n) when empty."""
        with self._lock:
            return self._oldest(), self._appended

    def _oldest(self) -> int:
        # Called with the lock held.
        return self._entries[0][0] if self._entries else self._appended + 1

    @property
    def last_number(self) -> int:
        """The number of the newest entry ever appended (0 before the first), kept or not."""
        with self._lock:
            return self._appended

    @property
    def dropped(self) -> int:
        """How many entries were dropped to stay within the limit since the last `clear()`."""
        with self._lock:
            return self._appended - self._forgotten - len(self._entries)

    @property
    def limit(self) -> int:
        """The most entries kept."""
        return self._entries.maxlen or 1

    def resize(self, limit: int) -> None:
        """Change the limit, keeping the newest entries."""
        with self._lock:
            self._entries = deque(self._entries, maxlen=max(limit, 1))

    def clear(self) -> None:
        """Forget every entry and the drop count (the dropped ones were older still); the
        numbering goes on. A forgotten entry is not counted as dropped."""
        with self._lock:
            self._entries.clear()
            self._forgotten = self._appended
