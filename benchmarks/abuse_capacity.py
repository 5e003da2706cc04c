"""Capacity, for benchmarks/abuse.py (issue 12, item 9; issue 24): /_mock/health and a new API
client are answered within HEALTH_SECONDS beside 2,000 idle connections (the time and the
server's RSS printed), clients stalled mid-body, and API calls asleep on latency faults."""

from __future__ import annotations

import http.client
import json
import resource
import socket
import threading
import time
from contextlib import ExitStack
from typing import TYPE_CHECKING

from abuse_bodies import sampled_rss
from bench_memory import rss_mib

from support.calls import JSON
from support.paths import TYPES
from support.served import QUERY

if TYPE_CHECKING:
    from abuse import Abuse

IDLE_CLIENTS = 2000
"""Idle connections held open while /_mock/health and a new client must still be answered: a
third never send a byte, a third sent a request and went silent, a third stopped mid-headers."""
IDLE_OPENINGS = (b"", b"GET /_mock/health HTTP/1.1\r\nHost: t\r\n\r\n", b"GET /v2/x HTTP/1.1\r\n")
HEALTH_SECONDS = 2.0
"""/_mock/health unanswered this long beside idle, slow or sleeping clients is a lock-out."""
SLEEPING_CALLS = 8
"""API calls held asleep on 3 s latency faults while /_mock/health must answer."""


def check_capacity(abuse: Abuse) -> None:
    """Issue 12, item 9 and issue 24: /_mock/health answers within HEALTH_SECONDS beside
    IDLE_CLIENTS idle connections, clients stalled mid-body, and API calls sleeping on latency
    faults; a new API client too, beside the idle ones."""
    _idle_connections(abuse)
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


def _idle_connections(abuse: Abuse) -> None:
    """IDLE_CLIENTS idle connections: how long they took to open, how soon /_mock/health and a
    new API client are answered beside them, and the server's RSS."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < IDLE_CLIENTS + 256 <= hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (IDLE_CLIENTS + 256, hard))
    pid = abuse.server.process.pid
    before = rss_mib(pid)
    with ExitStack() as stack, sampled_rss(pid) as peak:
        started = time.monotonic()
        for number in range(IDLE_CLIENTS):
            try:
                idle = stack.enter_context(socket.create_connection(abuse.address, timeout=10))
                idle.sendall(IDLE_OPENINGS[number % len(IDLE_OPENINGS)])
            except OSError as error:
                abuse.problems.append(f"idle connection {number + 1} not opened: {error!r}")
                break
        opened = time.monotonic() - started
        _health_beside(abuse, f"{IDLE_CLIENTS} idle connections (opened in {opened:.1f} s)")
        _health_beside(abuse, f"{IDLE_CLIENTS} idle connections", TYPES)
    time.sleep(1.0)  # for the server to see them close
    abuse.notes.append(
        f"{IDLE_CLIENTS} idle connections: RSS {before:.0f} MiB before, {peak[0]:.0f} MiB at "
        f"most, {rss_mib(pid):.0f} MiB after they closed"
    )


def _health_beside(abuse: Abuse, what: str, path: str = "/_mock/health") -> None:
    """Note how soon `path` (/_mock/health, or an API path on a new connection) answers; a
    lock-out (no 200 within HEALTH_SECONDS) is a problem."""
    call = "health" if path.startswith("/_mock/") else f"a new client's GET {path}"
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection(*abuse.address, timeout=HEALTH_SECONDS)
        connection.request("GET", path if path.startswith("/_mock/") else f"{path}?{QUERY}")
        status = connection.getresponse().status
        connection.close()
    except OSError as error:
        took = time.monotonic() - started
        abuse.problems.append(f"{call} beside {what}: no answer in {took:.1f} s ({error!r})")
        abuse.notes.append(f"{call} beside {what}: no answer in {took:.1f} s")
        return
    took = time.monotonic() - started
    abuse.notes.append(f"{call} beside {what}: {status} in {took * 1000:.0f} ms")
    if status != 200:
        abuse.problems.append(f"{call} beside {what}: {status}")
