"""Deliver trigger events to a URL in order, off the request path; failures counted, not raised.

Bounded whatever the receiver does: the queue holds at most QUEUE_EVENTS events and QUEUE_BYTES
bytes (the next are dropped and counted), each delivery is cut after its timeout however slowly
the receiver answers, and `close()` stops the sender at once without waiting for it.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
from collections import deque
from typing import Any
from urllib.parse import urlsplit

DELIVERY_TIMEOUT_SECONDS = 5.0
"""The most one delivery may take, from connecting to the end of the receiver's answer."""
QUEUE_EVENTS = 1_000
QUEUE_BYTES = 16 * 1024 * 1024
ANSWER_KEPT_BYTES = 64 * 1024
"""How much of a receiver's answer is read (and thrown away)."""


class WebhookSender:
    """POSTs each event as JSON to `url` from one daemon thread, so order is kept."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float = DELIVERY_TIMEOUT_SECONDS,
        max_events: int = QUEUE_EVENTS,
        max_bytes: int = QUEUE_BYTES,
    ):
        self.url = url
        self.timeout = timeout
        self.max_events = max_events
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queue: deque[bytes | threading.Event] = deque()
        self._queued_bytes = 0
        self._closed = False
        self._in_flight: http.client.HTTPConnection | None = None
        self.delivered = 0
        self.failed = 0
        self.dropped = 0
        self.last_error: str | None = None
        self._thread = threading.Thread(target=self._run, name="lsq-mock-webhook", daemon=True)
        self._thread.start()

    def send(self, event: dict[str, Any]) -> None:
        """Queue `event` for delivery; never blocks the caller. A full queue drops it (counted)."""
        data = json.dumps(event).encode()
        with self._lock:
            if (
                self._closed
                or len(self._queue) >= self.max_events
                or self._queued_bytes + len(data) > self.max_bytes
            ):
                self.dropped += 1
                return
            self._queue.append(data)
            self._queued_bytes += len(data)
            self._wake.notify()

    def status(self) -> dict[str, Any]:
        """Where deliveries stand: the URL, how many went through, failed or were dropped (the
        queue was full), how many wait, and the last error."""
        with self._lock:
            return {
                "url": self.url,
                "delivered": self.delivered,
                "failed": self.failed,
                "dropped": self.dropped,
                "pending": sum(1 for item in self._queue if isinstance(item, bytes)),
                "last_error": self.last_error,
            }

    def flush(self, timeout: float = DELIVERY_TIMEOUT_SECONDS) -> None:
        """Wait until every event queued so far was tried (for tests and shutdown)."""
        done = threading.Event()
        with self._lock:
            if self._closed:
                return
            self._queue.append(done)
            self._wake.notify()
        done.wait(timeout)

    def close(self) -> None:
        """Stop at once, without waiting: events not yet sent are dropped (counted), and one
        being sent is cut off."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for item in self._queue:
                if isinstance(item, threading.Event):
                    item.set()
                else:
                    self.dropped += 1
            self._queue.clear()
            self._queued_bytes = 0
            in_flight = self._in_flight
            self._wake.notify()
        if in_flight is not None:
            _cut(in_flight)

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._closed:
                    self._wake.wait()
                if self._closed:
                    return
                item = self._queue.popleft()
                if isinstance(item, bytes):
                    self._queued_bytes -= len(item)
            if isinstance(item, threading.Event):
                item.set()
            else:
                self._deliver(item)

    def _deliver(self, data: bytes) -> None:
        timed_out = threading.Event()
        try:
            status = self._post(data, timed_out)
            error = None if 200 <= status < 300 else f"HTTPError: the receiver answered {status}"
        except Exception as failure:  # any failure of the receiver is recorded, never raised
            error = f"{type(failure).__name__}: {failure}"
            # A socket read timing out (the socket's timeout is the delivery's) may beat the
            # watchdog by a hair on a busy machine: the delivery took too long all the same.
            if isinstance(failure, TimeoutError):
                timed_out.set()
        if timed_out.is_set():
            error = f"TimeoutError: the delivery took more than {self.timeout:g} s"
        with self._lock:
            if error is None:
                self.delivered += 1
            else:
                self.failed += 1
                self.last_error = error

    def _post(self, data: bytes, timed_out: threading.Event) -> int:
        """POST `data`; a watchdog cuts the connection when the delivery outlasts its timeout."""
        target = urlsplit(self.url)
        kind = (
            http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
        )
        connection = kind(target.hostname or "", target.port, timeout=self.timeout)
        path = (target.path or "/") + (f"?{target.query}" if target.query else "")

        def expire() -> None:
            timed_out.set()
            _cut(connection)

        watchdog = threading.Timer(self.timeout, expire)
        watchdog.daemon = True
        with self._lock:
            if self._closed:
                raise ConnectionAbortedError("the webhook was changed")
            self._in_flight = connection
        watchdog.start()
        try:
            connection.connect()
            with self._lock:  # closed while connecting: `close()` found no socket to cut
                if self._closed:
                    raise ConnectionAbortedError("the webhook was changed")
            connection.request(
                "POST",
                path,
                body=data,
                headers={"Content-Type": "application/json", "User-Agent": "lsq-mock-webhook"},
            )
            answer = connection.getresponse()
            answer.read(ANSWER_KEPT_BYTES)
            return answer.status
        finally:
            watchdog.cancel()
            with self._lock:
                self._in_flight = None
            connection.close()


def _cut(connection: http.client.HTTPConnection) -> None:
    """Wake whatever waits on `connection`'s socket (closing alone would not, on Linux)."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
