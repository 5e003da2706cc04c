"""Deliver trigger events to a URL in order, off the request path; failures counted, not raised."""

from __future__ import annotations

import json
import queue
import threading
import urllib.request
from typing import Any

DELIVERY_TIMEOUT_SECONDS = 5.0


class WebhookSender:
    """POSTs each event as JSON to `url` from one daemon thread, so order is kept."""

    def __init__(self, url: str):
        self.url = url
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._lock = threading.Lock()
        self.delivered = 0
        self.failed = 0
        self.last_error: str | None = None
        self._thread = threading.Thread(target=self._run, name="lsq-mock-webhook", daemon=True)
        self._thread.start()

    def send(self, event: dict[str, Any]) -> None:
        """Queue `event` for delivery; never blocks the caller."""
        self._queue.put(event)

    def status(self) -> dict[str, Any]:
        """Where deliveries stand: the URL, how many went through or failed, the last error."""
        with self._lock:
            return {
                "url": self.url,
                "delivered": self.delivered,
                "failed": self.failed,
                "pending": self._queue.qsize(),
                "last_error": self.last_error,
            }

    def flush(self, timeout: float = DELIVERY_TIMEOUT_SECONDS) -> None:
        """Wait until every queued event was tried (for tests and shutdown)."""
        done = threading.Event()
        self._queue.put({"__flush__": done})
        done.wait(timeout)

    def close(self) -> None:
        """Stop the delivery thread after the events already queued."""
        self._queue.put(None)
        self._thread.join(DELIVERY_TIMEOUT_SECONDS)

    def _run(self) -> None:
        while (event := self._queue.get()) is not None:
            if "__flush__" in event:
                event["__flush__"].set()
                continue
            self._deliver(event)

    def _deliver(self, event: dict[str, Any]) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(event).encode(),
            headers={"Content-Type": "application/json", "User-Agent": "lsq-mock-webhook"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=DELIVERY_TIMEOUT_SECONDS) as answer:
                answer.read()
        except Exception as error:  # any failure of the receiver is recorded, never raised
            with self._lock:
                self.failed += 1
                self.last_error = f"{type(error).__name__}: {error}"
        else:
            with self._lock:
                self.delivered += 1
