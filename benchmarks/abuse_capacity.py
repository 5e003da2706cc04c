"""Capacity, for benchmarks/abuse.py (issue 12, item 9): /_mock/health answers within
HEALTH_SECONDS beside idle and silent clients, clients stalled mid-body, and API calls asleep on
latency faults."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from contextlib import ExitStack
from typing import TYPE_CHECKING

from support.calls import JSON
from support.served import QUERY

if TYPE_CHECKING:
    from abuse import Abuse

IDLE_CLIENTS = 500
"""Idle and silent connections held open while /_mock/health must still answer."""
HEALTH_SECONDS = 2.0
"""/_mock/health unanswered this long beside idle, slow or sleeping clients is a lock-out."""
SLEEPING_CALLS = 8
"""API calls held asleep on 3 s latency faults while /_mock/health must answer."""


def check_capacity(abuse: Abuse) -> None:
    """Issue 12, item 9: /_mock/health answers within HEALTH_SECONDS beside IDLE_CLIENTS idle
    and silent clients, clients stalled mid-body, and API calls sleeping on latency faults."""
    half = IDLE_CLIENTS // 2
    with ExitStack() as stack:
        for _ in range(half):
            idle = stack.enter_context(socket.create_connection(abuse.address, timeout=5))
            idle.sendall(b"GET /_mock/health HTTP/1.1\r\nHost: t\r\n\r\n")  # then silence
        for _ in range(IDLE_CLIENTS - half):  # connected, and never a byte
            stack.enter_context(socket.create_connection(abuse.address, timeout=5))
        _health_beside(abuse, f"{IDLE_CLIENTS} idle clients")
    with ExitStack() as stack:
        for _ in range(20):
            slow = stack.enter_context(socket.create_connection(abuse.address, timeout=5))
            slow.sendall(b"POST /v2/x HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n[")
        _health_beside(abuse, "20 clients stalled mid-body")
    fault = {"kind": "latency", "latency_seconds": 3, "times": SLEEPING_CALLS}
    abuse.call("POST", "/_mock/faults", json.dumps(fault), JSON, expect=201)
    types = f"/v2/ProspectActivity.svc/ActivityTypes.Get?{QUERY}"
    callers = [
        threading.Thread(target=abuse.call, args=("GET", types), daemon=True)
        for _ in range(SLEEPING_CALLS)
    ]
    for caller in callers:
        caller.start()
    time.sleep(0.3)
    _health_beside(abuse, f"{SLEEPING_CALLS} calls in 3 s latency faults")
    for caller in callers:
        caller.join(10)  # each sleeps 3 s: ten is a hang


def _health_beside(abuse: Abuse, what: str) -> None:
    """Note how soon /_mock/health answers; a lock-out (no 200 within HEALTH_SECONDS) is a
    problem."""
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection(*abuse.address, timeout=HEALTH_SECONDS)
        connection.request("GET", "/_mock/health")
        status = connection.getresponse().status
        connection.close()
    except OSError as error:
        took = time.monotonic() - started
        abuse.problems.append(
            f"health beside {what}: no answer in {took:.1f} s ({type(error).__name__})"
        )
        abuse.notes.append(f"health beside {what}: no answer in {took:.1f} s")
        return
    took = time.monotonic() - started
    abuse.notes.append(f"health beside {what}: {status} in {took * 1000:.0f} ms")
    if status != 200:
        abuse.problems.append(f"health beside {what}: {status}")
