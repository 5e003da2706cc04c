"""How many connections a server holds, and what happens past that: idle ones make way.

A connection is *waiting* while the server waits for its client (for a first request, the next
one, or the rest of its request line and headers) and *busy* while a call runs. At the limit, a
new connection is taken by hanging up the one that has waited longest, so no number of idle
connections keeps a new client (or the control plane) out; only when every connection held is
busy is the new one refused, at once, with a 503 envelope. Idle clients holding every slot (1,000
under waitress, 130 s of lock-out) are what this replaced.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections import OrderedDict
from typing import Any, NamedTuple

from lsq_mock.errors import ServerError

if sys.platform != "win32":  # Windows has no open-files limit to read or raise
    import resource

MAX_CONNECTIONS = 1000
"""Most connections werkzeug and waitress hold at once (each a thread under werkzeug, about
25 KiB): past it, idle ones make way."""
FD_RESERVE = 64
"""File descriptors kept back from connections for the process's own files and sockets."""
BUSY_STATUS = 503


def busy_answer(limit: int) -> bytes:
    """The raw HTTP answer to a connection refused because every one held is busy."""
    body = ServerError(
        f"The API call failed: the server holds {limit} connections and every one is busy "
        "with a call; try again when one ends",
        status=BUSY_STATUS,
    ).to_json()
    head = (
        f"HTTP/1.1 {BUSY_STATUS} Service Unavailable\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def connection_capacity(wanted: int) -> int:
    """`wanted`, or as many as the open-files limit leaves after FD_RESERVE (its soft limit is
    raised toward the hard one first): a server past that limit would fail to accept at all."""
    if sys.platform == "win32":
        return wanted
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = wanted + FD_RESERVE
    if soft != resource.RLIM_INFINITY and soft < needed:
        raised = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (raised, hard))
            soft = raised
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - FD_RESERVE))


class Admission(NamedTuple):
    """Whether a new connection is taken, and the waiting one to hang up to make room."""

    admitted: bool
    evicted: Any = None


class ConnectionTable:
    """The connections a server holds, in the order they began to wait; thread-safe."""

    def __init__(self, limit: int):
        self.limit = limit
        self._waiting: OrderedDict[Any, None] = OrderedDict()
        self._busy: set[Any] = set()
        self._lock = threading.Lock()

    def admit(self, connection: Any) -> Admission:
        """Take `connection` as waiting: at the limit, in place of the one waiting longest, or
        not at all if every connection is busy."""
        with self._lock:
            evicted = None
            if len(self._waiting) + len(self._busy) >= self.limit:
                if not self._waiting:
                    return Admission(False)
                evicted, _ = self._waiting.popitem(last=False)
            self._waiting[connection] = None
            return Admission(True, evicted)

    def waiting(self, connection: Any) -> None:
        """`connection` waits for its client from now on (the newest to wait)."""
        with self._lock:
            if connection in self._busy or connection in self._waiting:
                self._busy.discard(connection)
                self._waiting.pop(connection, None)
                self._waiting[connection] = None

    def busy(self, connection: Any) -> None:
        """A call runs on `connection`: it is not hung up to make room."""
        with self._lock:
            if connection in self._waiting:
                del self._waiting[connection]
                self._busy.add(connection)

    def forget(self, connection: Any) -> None:
        """`connection` is closed."""
        with self._lock:
            self._waiting.pop(connection, None)
            self._busy.discard(connection)

    def held(self) -> list[Any]:
        """Every connection held, waiting or busy."""
        with self._lock:
            return [*self._waiting, *self._busy]

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiting) + len(self._busy)


def hang_up(connection: socket.socket) -> None:
    """End a connection under the thread or loop that reads it: it reads end-of-stream."""
    with contextlib.suppress(OSError):
        # socket.socket's own shutdown: an SSLSocket's would drop its TLS state under the reader.
        socket.socket.shutdown(connection, socket.SHUT_RDWR)
