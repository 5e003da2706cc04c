"""Benchmark lsq-mock against its peers and its framework floor, side by side in one run.

    python benchmarks/bench_server.py                   # everything, about four minutes
    python benchmarks/bench_server.py --seconds 12 --rss-requests 0   # quicker

Each server under test runs in its own process (peers.py says which and how they are measured):
`lsq-mock serve` under each server option, a bare Flask app answering the same 200 body without
validation, store or journal under the same server, and Prism mocking the bundled OpenAPI
document. All run at once and are measured in alternating rounds, so a slow spell of a shared
machine falls on all: compare the ratios, absolute numbers move with whatever else the machine
is doing. Then: start-up times, `Emulator.reset()`, and RSS as the journal fills.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from peers import (
    CONNECTIONS,
    HEADERS,
    load_generator,
    measure,
    print_table,
    started_targets,
    until_answered,
)
from workload import BULK_UPDATE, KEYS, bench_bodies, bench_settings, floor_app

from lsq_mock import Emulator, MockServer, Settings, create_app
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.serving.wsgi_servers import SERVER_NAMES, make_wsgi_server

ROOT = Path(__file__).resolve().parent.parent


def serve(kind: str, server: str) -> None:
    """Child-process mode: serve the emulator or the floor, print its URL, stop on stdin's end."""
    app = create_app(bench_settings()) if kind == "emulator" else floor_app()
    running = make_wsgi_server(app, server=server).start()
    print(running.url, flush=True)
    sys.stdin.read()
    running.stop()


def start_in_process(body: bytes) -> tuple[float, float]:
    """ms from `MockServer(...)` to the first 200: the first in this process, then the median."""
    times = []
    for _ in range(6):
        start = time.perf_counter()
        with MockServer(Settings(seed=default_seed_path())) as server:
            until_answered(server.url, body, deadline=30.0, pause=0.005)
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
            until_answered(url, body, deadline=30.0, pause=0.005)
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


def _progress(label: str) -> None:
    print(f"  measuring {label} ...", file=sys.stderr, flush=True)


def _timed(label: str, action: Callable[[], Any]) -> Any:
    _progress(label)
    return action()


def main() -> None:
    """Measure and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve", choices=("emulator", "floor"), help=argparse.SUPPRESS)
    parser.add_argument("--server", default="werkzeug", help=argparse.SUPPRESS)
    parser.add_argument(
        "--servers", default=",".join(SERVER_NAMES), help="server options to compare"
    )
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds")
    parser.add_argument("--seconds", type=float, default=24.0, help="load time per server")
    parser.add_argument("--requests", type=int, default=3000, help="sequential calls per server")
    parser.add_argument("--rss-requests", type=int, default=100_000, help="0 skips the RSS run")
    options = parser.parse_args()
    if options.serve:
        serve(options.serve, options.server)
        return
    bodies = bench_bodies()
    print(f"# lsq-mock benchmark: 25-row bulk update, {len(bodies[0])} bytes a body\n")
    print(
        f"Load: {load_generator()}, {CONNECTIONS} connections, {options.seconds:g} s a server in "
        f"{options.rounds} alternating rounds; latency: {options.requests} sequential calls over "
        "one connection.\n"
    )
    with ExitStack() as stack:
        targets = started_targets(stack, options.servers.split(","), bodies[0])
        measure(targets, bodies[0], options.rounds, options.seconds, options.requests)
        print_table(targets)
    print("\n| measure | emulator | floor | ratio |")
    print("|---|---|---|---|")
    first, warm = _timed("in-process start", lambda: start_in_process(bodies[0]))
    print(
        f"| MockServer() to first 200, first in process / next (ms) "
        f"| {first:.1f} / {warm:.1f} | | |"
    )
    floor_ms = start_process([sys.executable, "-c", "import flask"], None)
    for server in options.servers.split(","):
        cli = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--seed", "default"]
        cli += ["--server", server]
        cli_ms = _timed(f"CLI start ({server})", lambda cli=cli: start_process(cli, bodies[0]))
        print(
            f"| `lsq-mock serve --server {server}` to first 200 (ms); floor: "
            f"`python -c 'import flask'` | {cli_ms:.0f} | {floor_ms:.0f} "
            f"| {cli_ms / floor_ms:.2f}x |"
        )
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
    print(json.dumps({"python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
