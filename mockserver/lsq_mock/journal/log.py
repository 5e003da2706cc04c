"""A thread-safe, bounded, append-only log: the journal and the event log of the emulator."""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime
from itertools import islice
from typing import Any, Generic, Protocol, TypeVar

ENTRY_OVERHEAD_BYTES = 100
"""What keeping one more entry costs beyond its own objects: its slots in the two deques, its
number, and the allocator's rounding."""


class Record(Protocol):
    """A NamedTuple of scalars, bytes and plain tuples that says what it is as JSON."""

    def __iter__(self) -> Any: ...

    def to_dict(self) -> dict[str, Any]:
        """The entry's JSON form (a fresh dict on every call)."""
        ...


R = TypeVar("R", bound=Record)


def footprint(value: Any) -> int:
    """The bytes `value` holds in memory: itself, and what it refers to through tuples and
    dataclass fields. It errs high, so a budget kept by it bounds the real memory: objects
    shared with others (interned names, a value the store holds too) are counted again, and a
    string's object header twice. Sizes are taken in C (`map` over `__sizeof__`; sys.getsizeof
    is six times slower), and only nested containers are walked in Python."""
    if isinstance(value, tuple):
        size = GC_HEADER_BYTES + _object_size(value)
        size += sum(map(_object_size, value)) + sum(map(_str_size, filter(_is_str, value)))
        for item in value:
            if type(item) not in _SCALARS:
                size += footprint(item) - _object_size(item)
        return size
    fields = getattr(value, "__dict__", None)
    if fields is not None:
        return GC_HEADER_BYTES + _object_size(value) + footprint(tuple(fields.values()))
    return sys.getsizeof(value)


def ascii_texts_size(texts: tuple[Any, ...]) -> int | None:
    """What `footprint` counts for the items of `texts` when all are ASCII strings, in two C
    passes (a join and an ASCII test) instead of three calls per item; None otherwise."""
    if None in texts:
        return None
    try:
        joined = "".join(texts)
    except TypeError:  # an item that is not a string
        return None
    return len(texts) * _ASCII_STR_BYTES + len(joined) if joined.isascii() else None


GC_HEADER_BYTES = 16
"""What the garbage collector adds to a container it tracks (a tuple, a dataclass)."""
_object_size = object.__sizeof__  # exact for tuples, bytes, ints, floats; a str's header only
_str_size = str.__sizeof__
_is_str = str.__instancecheck__
_SCALARS = frozenset((str, bytes, int, float, bool, type(None), datetime))
_ASCII_STR_BYTES = _object_size("") + _str_size("")
"""What `footprint` counts for an ASCII string besides its characters (its header twice)."""


class BoundedLog(Generic[R]):
    """Keeps the newest `limit` entries within `byte_limit` bytes; older ones are dropped and
    counted: memory stays flat however large the entries are. The newest entry is always kept.

    An entry is kept as one plain tuple, its number first: CPython's garbage collector stops
    walking a plain tuple of scalars (never a NamedTuple), and every object a request leaves
    behind is walked by the next collections, so a busy log makes every request slower.

    Numbers never repeat in a log's life: `clear()` forgets the entries, not the numbering, so a
    number read before a clear (an expectation, a report) never names a later entry.
    """

    def __init__(
        self,
        limit: int,
        record_type: type[R],
        sequence_key: str = "seq",
        byte_limit: int | None = None,
        sizer: Callable[[R], int] = footprint,
        on_drop: Callable[[tuple[Any, ...]], None] | None = None,
    ):
        self.sequence_key = sequence_key
        self._on_drop = on_drop
        """Told of each entry dropped for room, as (number, *fields), with the lock held."""
        self._sizer = sizer
        """The entry's `footprint`, or a faster function that counts the same."""
        self._record_type = record_type
        self._lock = threading.Lock()
        self._entries: deque[tuple[int, tuple[Any, ...]]] = deque()
        self._sizes: deque[int] = deque()
        self._bytes = 0
        self._limit = max(limit, 1)
        self._byte_limit = byte_limit
        self._appended = 0
        self._forgotten = 0

    def append(self, entry: R) -> int:
        """Add `entry` and return its 1-based sequence number (read back under `sequence_key`)."""
        size = self._sizer(entry) + ENTRY_OVERHEAD_BYTES
        with self._lock:
            self._appended += 1
            self._keep((self._appended, *entry), size)
            self._trim()
            return self._appended

    def extend(self, entries: list[R]) -> int:
        """Add `entries` in order, under one lock; return the number of the first one."""
        sizes = [size + ENTRY_OVERHEAD_BYTES for size in map(self._sizer, entries)]
        with self._lock:
            first = self._appended + 1
            self._entries.extend([(number, *entry) for number, entry in enumerate(entries, first)])
            self._sizes.extend(sizes)
            self._bytes += sum(sizes)
            self._appended += len(entries)
            self._trim()
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
        """How many entries were dropped to stay within the limits since the last `clear()`."""
        with self._lock:
            return self._appended - self._forgotten - len(self._entries)

    @property
    def limit(self) -> int:
        """The most entries kept."""
        return self._limit

    @property
    def byte_limit(self) -> int | None:
        """The most bytes the kept entries may hold (None: no byte limit)."""
        return self._byte_limit

    @property
    def bytes_held(self) -> int:
        """The bytes the kept entries hold, as `footprint` counts them."""
        with self._lock:
            return self._bytes

    def resize(self, limit: int, byte_limit: int | None = None) -> None:
        """Change the limits, keeping the newest entries that fit."""
        with self._lock:
            self._limit = max(limit, 1)
            self._byte_limit = byte_limit
            self._trim()

    def clear(self) -> None:
        """Forget every entry and the drop count (the dropped ones were older still); the
        numbering goes on. A forgotten entry is not counted as dropped."""
        with self._lock:
            self._entries.clear()
            self._sizes.clear()
            self._bytes = 0
            self._forgotten = self._appended

    def _keep(self, values: tuple[Any, ...], size: int) -> None:
        self._entries.append(values)
        self._sizes.append(size)
        self._bytes += size

    def _trim(self) -> None:
        """Drop the oldest entries until both limits hold (the newest one stays)."""
        entries, sizes, on_drop = self._entries, self._sizes, self._on_drop
        for _ in range(min(len(entries) - self._limit, len(entries) - 1)):  # over the count
            dropped = entries.popleft()
            self._bytes -= sizes.popleft()
            if on_drop is not None:
                on_drop(dropped)
        byte_limit = self._byte_limit
        while len(entries) > 1 and (
            len(entries) > self._limit or (byte_limit is not None and self._bytes > byte_limit)
        ):
            dropped = entries.popleft()
            self._bytes -= sizes.popleft()
            if on_drop is not None:
                on_drop(dropped)
