"""A thread-safe, bounded, append-only log: the journal and the event log of the emulator."""

from __future__ import annotations

import copy
import json
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class EncodedJSON:
    """A JSON value kept as its bytes until the log is read.

    A parsed 25-row body is ~200 objects that the garbage collector walks on every full collection
    for as long as the entry is kept: bytes are one object, and about 5x smaller.
    """

    data: bytes

    def decode(self) -> Any:
        """The value, or None if the bytes are not JSON (e.g. a truncated answer)."""
        try:
            return json.loads(self.data)
        except ValueError:
            return None


class Record(Protocol):
    """An entry kept in a compact form and turned into its JSON-ready dict when read."""

    def to_dict(self) -> dict[str, Any]:
        """The entry's JSON form (a fresh dict on every call)."""
        ...


Entry = dict[str, Any] | Record


class BoundedLog:
    """Keeps the newest `limit` entries; older ones are dropped and counted: memory stays flat."""

    def __init__(self, limit: int, sequence_key: str = "seq"):
        self.sequence_key = sequence_key
        self._lock = threading.Lock()
        self._entries: deque[tuple[int, Entry]] = deque(maxlen=max(limit, 1))
        self._appended = 0

    def append(self, entry: Entry) -> int:
        """Add `entry` and return its 1-based sequence number (read back under `sequence_key`)."""
        with self._lock:
            self._appended += 1
            self._entries.append((self._appended, entry))
            return self._appended

    def entries(self) -> list[dict[str, Any]]:
        """The kept entries as dicts, oldest first, EncodedJSON decoded, each with its number."""
        with self._lock:
            kept = list(self._entries)
        return [{**_decoded(entry), self.sequence_key: number} for number, entry in kept]

    @property
    def dropped(self) -> int:
        """How many entries were dropped to stay within the limit."""
        with self._lock:
            return self._appended - len(self._entries)

    @property
    def limit(self) -> int:
        """The most entries kept."""
        return self._entries.maxlen or 1

    def resize(self, limit: int) -> None:
        """Change the limit, keeping the newest entries."""
        with self._lock:
            self._entries = deque(self._entries, maxlen=max(limit, 1))

    def clear(self) -> None:
        """Forget every entry and the drop count."""
        with self._lock:
            self._entries.clear()
            self._appended = 0


def _decoded(entry: Entry) -> dict[str, Any]:
    """A reader's own copy of `entry`, JSON bytes decoded: changing it never changes the log."""
    if not isinstance(entry, dict):
        return entry.to_dict()
    return {
        key: value.decode() if isinstance(value, EncodedJSON) else copy.deepcopy(value)
        for key, value in entry.items()
    }
