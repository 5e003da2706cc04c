"""Benchmark lsq-mock against the framework floor, side by side in one run, and print a table.

    python benchmarks/bench_server.py                   # everything, about 1.5 minutes
    python benchmarks/bench_server.py --seconds 3 --rss-requests 20000   # quicker

Servers under test run in their own process (the load generator's threads would otherwise share
their GIL): the emulator and a bare Flask app answering the same 200 body without validation,
store or journal, each under werkzeug (threaded) and waitress. Both run at once and are measured
in alternating rounds, so a slow spell of a shared machine falls on both: compare the ratios,
absolute numbers move with whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workload import BULK_UPDATE, KEYS, bench_bodies, bench_settings, floor_app

from lsq_mock import Emulator, MockServer, Settings, create_app
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.wsgi_servers import make_wsgi_server

ROOT = Path(__file__).resolve().parent.parent

HEADERS = {"Content-Type": "application/json"}
CONNECTIONS = 4


def serve(kind: str, server: str) -> None:
    """Child-process mode: serve the emulator or the floor, print its URL, stop on stdin's end."""
    app = create_app(bench_settings()) if kind == "emulator" else floor_app()
    running = make_wsgi_server(app, server=server).start()
    print(running.url, flush=True)
    sys.stdin.read()
    running.stop()


@contextmanager
def served(kind: str, server: str) -> Iterator[tuple[str, int]]:
    """Run `serve(kind, server)` in a child process and yield its base URL and process id."""
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__)), "--serve", kind, "--server", server],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        yield child.stdout.readline().strip(), child.pid
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by process `pid` (Linux /proc): robust to noise."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _connection(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def _post(connection: http.client.HTTPConnection, body: bytes) -> int:
    connection.request("POST", f"{BULK_UPDATE}?{KEYS}", body, HEADERS)
    answer = connection.getresponse()
    answer.read()
    return answer.status


def latency(url: str, bodies: list[bytes], count: int) -> list[float]:
    """ms of each of `count` sequential calls over one keep-alive connection (after a warm-up)."""
    connection = _connection(url)
    for number in range(50):
        _post(connection, bodies[number % len(bodies)])
    times = []
    for number in range(count):
        start = time.perf_counter()
        status = _post(connection, bodies[number % len(bodies)])
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    connection.close()
    return times


def percentile(times: list[float], share: float) -> float:
    """The value below which `share` of `times` fall."""
    ordered = sorted(times)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def throughput(url: str, bodies: list[bytes], seconds: float) -> tuple[int, float]:
    """Calls answered and the seconds taken, over CONNECTIONS keep-alive connections."""
    done = [0] * CONNECTIONS
    failures: list[int] = []
    deadline = time.perf_counter() + seconds

    def load(slot: int) -> None:
        connection = _connection(url)
        number = slot
        while time.perf_counter() < deadline:
            status = _post(connection, bodies[number % len(bodies)])
            if status != 200:
                failures.append(status)
            number += 1
            done[slot] += 1
        connection.close()

    threads = [threading.Thread(target=load, args=(slot,)) for slot in range(CONNECTIONS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{url}: {len(failures)} non-200 answers, e.g. {failures[0]}")
    return sum(done), time.perf_counter() - start


def _until_answered(url: str, body: bytes, deadline: float = 30.0) -> None:
    give_up = time.perf_counter() + deadline
    while True:
        try:
            connection = _connection(url)
            if _post(connection, body) == 200:
                connection.close()
                return
        except OSError:
            if time.perf_counter() > give_up:
                raise
            time.sleep(0.005)


def start_in_process(body: bytes) -> tuple[float, float]:
    """ms from `MockServer(...)` to the first 200: the first in this process, then the median."""
    times = []
    for _ in range(6):
        start = time.perf_counter()
        with MockServer(Settings(seed=default_seed_path())) as server:
            _until_answered(server.url, body)
            times.append((time.perf_counter() - start) * 1000)
    return times[0], statistics.median(times[1:])


def start_process(command: list[str], body: bytes | None) -> float:
    """ms from spawning `command` to its first 200 (or to its exit when `body` is None)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    try:
        if body is None:
            child.wait(30)
        else:
            url = child.stdout.readline().split()[-1]
            _until_answered(url, body)
        return (time.perf_counter() - start) * 1000
    finally:
        child.terminate()
        child.wait(10)


def rss_mib() -> float:
    """This process's resident set size in MiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def rss_growth(bodies: list[bytes], total: int, marks: tuple[int, ...]) -> list[tuple[int, float]]:
    """RSS after `marks` journaled calls (default journal limit), driven through the WSGI app."""
    client = create_app(bench_settings()).test_client()
    seen = [(0, rss_mib())]
    for number in range(1, total + 1):
        answer = client.post(
            f"{BULK_UPDATE}?{KEYS}", data=bodies[number % len(bodies)], headers=HEADERS
        )
        if answer.status_code != 200:
            raise RuntimeError(f"call {number} answered {answer.status_code}")
        if number in marks:
            seen.append((number, rss_mib()))
    return seen


def reset_cost(activities: int, repeats: int = 30) -> tuple[float, float]:
    """Median ms of `Emulator.reset()` with `activities` seeded; also the first load's ms."""
    seed = load_json(default_seed_path())
    seed["Activities"] = [
        {
            "ProspectActivityId": f"00000000-0000-4000-9000-{number:012d}",
            "ActivityEvent": 201,
            "RelatedProspectId": "4b6a1b2c-5d0e-4f7a-9c3d-2e1f0a9b8c7d",
            "Fields": {"mx_Custom_1": f"Visit {number}", "mx_Custom_2": str(number)},
        }
        for number in range(activities)
    ]
    start = time.perf_counter()
    emulator = Emulator(Settings(seed=seed))
    load_ms = (time.perf_counter() - start) * 1000
    row = {"ProspectActivityId": seed["Activities"][0]["ProspectActivityId"], "Fields": []}
    times = []
    for _ in range(repeats):
        emulator.store.bulk_update([row])
        start = time.perf_counter()
        emulator.reset()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), load_ms


@dataclass
class Measured:
    """One server's samples, pooled over the rounds."""

    times: list[float] = field(default_factory=list)
    calls: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rates: list[float] = field(default_factory=list)
    """req/s of each round, to show the rounds' spread."""


def compare(server: str, bodies: list[bytes], options: argparse.Namespace) -> dict[str, Measured]:
    """Latency and throughput of the emulator and the floor, served at once, in alternate rounds."""
    measured = {"emulator": Measured(), "floor": Measured()}
    with ExitStack() as stack:
        running = {kind: stack.enter_context(served(kind, server)) for kind in measured}
        for round_number in range(options.rounds):
            order = list(measured) if round_number % 2 == 0 else list(reversed(measured))
            for kind in order:
                url, pid = running[kind]
                _progress(f"{kind} ({server}), round {round_number + 1} of {options.rounds}")
                sample = measured[kind]
                sample.times += latency(url, bodies, options.requests // options.rounds)
                cpu_before = cpu_seconds(pid)
                calls, seconds = throughput(url, bodies, options.seconds / options.rounds)
                sample.cpu_seconds += cpu_seconds(pid) - cpu_before
                sample.calls += calls
                sample.seconds += seconds
                sample.rates.append(calls / seconds)
    return measured


def print_comparison(server: str, measured: dict[str, Measured]) -> None:
    """The table rows of one server: pooled latency, CPU per call and req/s, as ratios."""
    emulator, floor = measured["emulator"], measured["floor"]
    for label, share in (("p50", 0.5), ("p99", 0.99)):
        emu, base = percentile(emulator.times, share), percentile(floor.times, share)
        print(f"| {server}: {label} latency (ms) | {emu:.2f} | {base:.2f} | {emu / base:.2f}x |")
    emu_cpu = emulator.cpu_seconds * 1000 / emulator.calls
    floor_cpu = floor.cpu_seconds * 1000 / floor.calls
    print(
        f"| {server}: server CPU per call (ms) | {emu_cpu:.2f} | {floor_cpu:.2f} "
        f"| {emu_cpu / floor_cpu:.2f}x |"
    )
    emu_rps, floor_rps = emulator.calls / emulator.seconds, floor.calls / floor.seconds
    spread = sorted(f / e for f, e in zip(floor.rates, emulator.rates, strict=True))
    print(
        f"| {server}: req/s, {CONNECTIONS} connections | {emu_rps:.0f} | {floor_rps:.0f} | "
        f"{floor_rps / emu_rps:.2f}x (floor/emulator; rounds {spread[0]:.2f}-{spread[-1]:.2f}x) |"
    )


def _progress(label: str) -> None:
    print(f"  measuring {label} ...", file=sys.stderr, flush=True)


def _timed(label: str, action: Callable[[], Any]) -> Any:
    _progress(label)
    return action()


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", choices=("emulator", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--server", default="werkzeug", help=argparse.SUPPRESS)
    parser.add_argument("--servers", default="werkzeug,waitress", help="WSGI servers to compare")
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds per server")
    parser.add_argument("--seconds", type=float, default=6.0, help="throughput time per server")
    parser.add_argument("--requests", type=int, default=1200, help="sequential calls per server")
    parser.add_argument("--rss-requests", type=int, default=100_000, help="0 skips the RSS run")
    options = parser.parse_args()
    if options.serve:
        serve(options.serve, options.server)
        return
    bodies = bench_bodies()
    print(f"# lsq-mock benchmark: 25-row bulk update, {len(bodies[0])} bytes a body\n")
    print("| measure | emulator | floor | ratio |")
    print("|---|---|---|---|")
    first, warm = _timed("in-process start", lambda: start_in_process(bodies[0]))
    print(
        f"| MockServer() to first 200, first in process / next (ms) "
        f"| {first:.1f} / {warm:.1f} | | |"
    )
    python = [sys.executable]
    for server in ("werkzeug", "waitress"):
        cli = [
            *python,
            "-m",
            "lsq_mock",
            "serve",
            "--port",
            "0",
            "--seed",
            "default",
            "--server",
            server,
        ]
        cli_ms = _timed(f"CLI start ({server})", lambda cli=cli: start_process(cli, bodies[0]))
        floor_ms = start_process([*python, "-c", "import flask"], None)
        print(
            f"| `lsq-mock serve --server {server}` to first 200 (ms); floor: "
            f"`python -c 'import flask'` | {cli_ms:.0f} | {floor_ms:.0f} "
            f"| {cli_ms / floor_ms:.2f}x |"
        )
    for server in options.servers.split(","):
        print_comparison(server, compare(server, bodies, options))
    reset_ms, load_ms = _timed("reset", lambda: reset_cost(10_000))
    print(
        f"| `Emulator.reset()` with 10,000 activities (ms); first seed load {load_ms:.0f} ms "
        f"| {reset_ms:.2f} | | |"
    )
    if options.rss_requests:
        total = options.rss_requests
        marks = tuple(sorted({min(total, mark) for mark in (10_000, 50_000, 100_000)}))
        seen = _timed("RSS", lambda: rss_growth(bodies, total, marks))
        text = ", ".join(f"{count:,}: {mib:.0f}" for count, mib in seen)
        print(f"| RSS (MiB) after N journaled calls (journal limit 10,000) | {text} | | |")
    print(
        "\nreq/s ratio is floor/emulator: 1.30x means the emulator keeps 77% of the floor's rate."
    )
    print(json.dumps({"python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
