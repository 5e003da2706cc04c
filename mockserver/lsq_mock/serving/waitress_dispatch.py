"""waitress's thread pool split in two: calls of the /_mock/ admin API have threads of their
own, so API calls sleeping on latency faults never keep the admin API (health, reset) waiting.
Imported only with the optional waitress server."""

from __future__ import annotations

from typing import Any

from waitress.task import ThreadedTaskDispatcher

from lsq_mock.api.routes import CONTROL_PREFIX


class AdminApartDispatcher(ThreadedTaskDispatcher):  # type: ignore[misc]
    """waitress's dispatcher for API calls, which hands /_mock/ calls to a pool of their own."""

    def __init__(self, threads: int, admin_threads: int):
        super().__init__()
        self.admin = ThreadedTaskDispatcher()
        self.admin.set_thread_count(admin_threads)
        self.set_thread_count(threads)

    def add_task(self, task: Any) -> None:
        """Queue a connection's next request on the pool its path belongs to."""
        requests = getattr(task, "requests", None)
        if requests and str(getattr(requests[0], "path", "")).startswith(CONTROL_PREFIX):
            self.admin.add_task(task)
        else:
            super().add_task(task)

    def shutdown(self, cancel_pending: bool = True, timeout: float = 5) -> bool:
        """Stop both pools."""
        self.admin.shutdown(cancel_pending, timeout)
        return bool(super().shutdown(cancel_pending, timeout))
