"""Hostile bodies, for benchmarks/abuse.py (issue 24): each body of tests/support/hostile.py, just
under the 2 MiB limit, answered as its tests say and in well under a second, one at a time and
CLIENTS at once; the server's RSS sampled during the calls and read after them."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING

from bench_memory import CLIENTS, rss_mib

from support.calls import JSON
from support.hostile import HostileBody, hostile_bodies, url_path

if TYPE_CHECKING:
    from abuse import Abuse

BODY_SECONDS = 1.0
"""A hostile body answered later than this is a problem ("well under a second")."""
IN_FLIGHT_MIB = 24
"""What one hostile call may add to RSS while it runs: a 2 MiB body parses into up to about
17 MiB of Python values (170,000 keys), which the call holds until it ends. (A maximal body of
bench_memory.py, one long note, holds less: 16 MiB is its allowance.)"""
SETTLED_MIB = 6.0
"""RSS after one call may stand this far above RSS before it: what the journal keeps of it (a
body cut to 64 KiB, 100 violations), the allocator's rounding, and under granian its Rust core's
buffers grown once to a 2 MiB body; more was not given back."""
SAMPLE_SECONDS = 0.002
AT_ONCE_ROUNDS = 3


@contextmanager
def sampled_rss(pid: int) -> Iterator[list[float]]:
    """The RSS of `pid`, sampled on a thread while the block runs: the list holds the peak."""
    peak = [rss_mib(pid)]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(SAMPLE_SECONDS):
            peak[0] = max(peak[0], rss_mib(pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        done.set()
        sampler.join()
        peak[0] = max(peak[0], rss_mib(pid))


def check_hostile_bodies(abuse: Abuse) -> None:
    """Each hostile body alone, then every one of them from CLIENTS threads at once."""
    pid = abuse.server.process.pid
    bodies = hostile_bodies()
    start = rss_mib(pid)
    slowest = (0.0, "")
    peak_of_all = start
    for body in bodies:
        before = rss_mib(pid)
        with sampled_rss(pid) as peak:
            took = _send(abuse, body)
        after = rss_mib(pid)
        slowest = max(slowest, (took, body.name))
        peak_of_all = max(peak_of_all, peak[0])
        abuse.notes.append(
            f"{body.name} ({len(body.body) / 2**20:.2f} MiB): {took:.2f} s, RSS {before:.0f} -> "
            f"{peak[0]:.0f} -> {after:.0f} MiB"
        )
        if peak[0] - before > IN_FLIGHT_MIB:
            abuse.problems.append(
                f"{body.name}: RSS rose {peak[0] - before:.0f} MiB in the call, past the "
                f"{IN_FLIGHT_MIB} MiB a call in flight may hold"
            )
        if after - before > SETTLED_MIB:
            abuse.problems.append(
                f"{body.name}: RSS {after:.0f} MiB after the call, {before:.0f} before: "
                "not given back"
            )
    abuse.notes.append(
        f"hostile bodies one at a time: slowest {slowest[0]:.2f} s ({slowest[1]}), "
        f"RSS {start:.0f} MiB before, {peak_of_all:.0f} MiB at most, {rss_mib(pid):.0f} after"
    )
    _all_at_once(abuse, bodies)


def _all_at_once(abuse: Abuse, bodies: list[HostileBody]) -> None:
    """Every body from CLIENTS threads at once, in AT_ONCE_ROUNDS rounds, the emulator reset
    before each: RSS within the calls in flight at its peak; and after each round, what it kept
    (glibc keeps what the threads freed, for the next calls) no more than CLIENTS calls hold in
    flight: a round in a warm process adds little (a megabyte or two, in the 2026-12-07 run)."""
    pid = abuse.server.process.pid
    start = rss_mib(pid)
    afters = []
    for round_number in range(1, AT_ONCE_ROUNDS + 1):
        # The journal, the verdicts and the event log emptied: what is left is the allocator's.
        abuse.call("POST", "/_mock/reset", '{"forget_verdicts": true}', JSON, expect=200)
        before = rss_mib(pid)
        with sampled_rss(pid) as peak, ThreadPoolExecutor(CLIENTS) as pool:
            started = time.monotonic()
            # CLIENTS calls share the machine (and the GIL): each may take CLIENTS times as long.
            times = list(
                pool.map(lambda body: _send(abuse, body, CLIENTS * BODY_SECONDS), bodies * CLIENTS)
            )
            took = time.monotonic() - started
        time.sleep(0.5)  # for the last answers' memory to be given back
        afters.append(rss_mib(pid))
        bound = before + CLIENTS * IN_FLIGHT_MIB
        abuse.notes.append(
            f"hostile bodies x {CLIENTS} clients at once, round {round_number}: {len(times)} "
            f"calls in {took:.1f} s (slowest {max(times):.2f} s), RSS {before:.0f} -> "
            f"{peak[0]:.0f} (bound {bound:.0f}) -> {afters[-1]:.0f} MiB"
        )
        if peak[0] > bound:
            abuse.problems.append(f"hostile bodies at once: RSS {peak[0]:.0f} MiB, > {bound:.0f}")
    kept = start + CLIENTS * IN_FLIGHT_MIB
    if max(afters) > kept:
        abuse.problems.append(
            f"hostile bodies at once: RSS {max(afters):.0f} MiB after a round, past {kept:.0f} "
            f"(it began at {start:.0f}): more kept than {CLIENTS} calls hold in flight"
        )


def _send(abuse: Abuse, body: HostileBody, seconds: float = BODY_SECONDS) -> float:
    """Send one body; check its answer and that it came within `seconds`; how long it took."""
    started = time.monotonic()
    status, answer = abuse.call("POST", url_path(body), body.body, JSON, expect=body.status)
    took = time.monotonic() - started
    if status == body.status and body.fragment not in json.dumps(answer, separators=(",", ":")):
        abuse.problems.append(f"{body.name}: {str(answer)[:200]} lacks {body.fragment!r}")
    if took > seconds:
        abuse.problems.append(f"{body.name}: answered in {took:.2f} s, past {seconds:g} s")
    return took
