"""The servers bench_server.py compares, each in its own process, and how each is measured.

Targets: `lsq-mock serve` under each server option (both rate limits off, every other setting
its default), the bare-Flask floor on the same server, and Prism 5 (`prism mock -v error`,
installed from the npm registry into a cache) fed the bundled OpenAPI document. Load comes from
wrk (`-t1 -c4`, one process, C) where installed, else from Python threads in this process; the
sequential latency from one keep-alive connection. Every answer is checked: wrk counts non-2xx
answers (a run with any fails), the latency calls are checked one by one.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from workload import BULK_UPDATE, KEYS, bench_seed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support.prism import NPM_MISSING, port_of, prism_executable, start_prism  # noqa: E402

HEADERS = {"Content-Type": "application/json"}
CONNECTIONS = 4
BUNDLED = ROOT / "schemas" / "openapi.bundled.json"
WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open("{body}", "rb")
wrk.body = file:read("*a")
file:close()
done = function(summary, latency, requests)
  io.write(string.format("LSQ %d %d %d\\n", summary.requests, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Target:
    """A server under test: its name, base URL and process id."""

    name: str
    url: str
    pid: int
    times: list[float] = field(default_factory=list)
    calls: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rates: list[float] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"{self.url}{BULK_UPDATE}?{KEYS}"


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        tasks = Path(f"/proc/{current}/task")
        for task in tasks.iterdir() if tasks.is_dir() else ():
            try:  # a thread (granian starts and ends them) may be gone by now
                pending += [int(child) for child in (task / "children").read_text().split()]
            except FileNotFoundError:
                continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds used so far by `pid` and its descendants."""
    total = 0.0
    for member in process_tree(pid):
        fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mib(pid: int) -> float:
    """The peak resident set (VmHWM) of `pid` and its descendants, in MiB."""
    total = 0
    for member in process_tree(pid):
        for line in Path(f"/proc/{member}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


def connect(url: str) -> http.client.HTTPConnection:
    """A keep-alive connection to the server at `url`."""
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)


def post_bulk(connection: http.client.HTTPConnection, body: bytes) -> int:
    """One bulk update on `connection`, read to the end; its status."""
    connection.request("POST", f"{BULK_UPDATE}?{KEYS}", body, HEADERS)
    answer = connection.getresponse()
    answer.read()
    return answer.status


def latency(target: Target, body: bytes, count: int) -> None:
    """ms of each of `count` sequential calls over one keep-alive connection, each checked."""
    connection = connect(target.url)
    for _ in range(20):
        post_bulk(connection, body)
    for _ in range(count):
        start = time.perf_counter()
        status = post_bulk(connection, body)
        target.times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"{target.name} answered {status}")
    connection.close()


def wrk_load(target: Target, script: Path, seconds: float) -> tuple[int, float]:
    """Calls answered and seconds taken by wrk over CONNECTIONS connections; every one 200
    (wrk takes whole seconds: `seconds` is rounded, at least 1)."""
    duration = f"-d{max(1, round(seconds))}s"
    started = time.perf_counter()
    run = subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", duration, "-s", str(script), target.path],
        capture_output=True,
        text=True,
        check=True,
    )
    took = time.perf_counter() - started
    line = next(line for line in run.stdout.splitlines() if line.startswith("LSQ "))
    calls, not_2xx, socket_errors = map(int, line.split()[1:])
    if not_2xx or socket_errors:
        raise RuntimeError(f"{target.name}: {not_2xx} non-2xx answers, {socket_errors} errors")
    return calls, took


def python_load(target: Target, body: bytes, seconds: float) -> tuple[int, float]:
    """Calls answered and seconds taken by CONNECTIONS Python threads; every one 200."""
    done = [0] * CONNECTIONS
    failures: list[int] = []
    deadline = time.perf_counter() + seconds

    def load(slot: int) -> None:
        connection = connect(target.url)
        while time.perf_counter() < deadline:
            status = post_bulk(connection, body)
            if status != 200:
                failures.append(status)
            done[slot] += 1
        connection.close()

    threads = [threading.Thread(target=load, args=(slot,)) for slot in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{target.name}: {len(failures)} non-200 answers, e.g. {failures[0]}")
    return sum(done), time.perf_counter() - started


def load_generator() -> str:
    """What sends the load: wrk when installed, else Python threads."""
    return "wrk" if shutil.which("wrk") else "python"


def measure(targets: list[Target], body: bytes, rounds: int, seconds: float, count: int) -> None:
    """Alternating rounds (forward, then backward): latency, then load, of each target."""
    with tempfile.TemporaryDirectory() as folder:
        body_file = Path(folder) / "body.json"
        body_file.write_bytes(body)
        script = Path(folder) / "post.lua"
        script.write_text(WRK_SCRIPT.format(body=body_file))
        use_wrk = load_generator() == "wrk"
        for number in range(rounds):
            for target in targets if number % 2 == 0 else reversed(targets):
                print(f"  {target.name}, round {number + 1} of {rounds}", file=sys.stderr)
                latency(target, body, count // rounds)
                before = cpu_seconds(target.pid)
                calls, took = (
                    wrk_load(target, script, seconds / rounds)
                    if use_wrk
                    else python_load(target, body, seconds / rounds)
                )
                target.cpu_seconds += cpu_seconds(target.pid) - before
                target.calls += calls
                target.seconds += took
                target.rates.append(calls / took)


def percentile(times: list[float], share: float) -> float:
    """The value below which `share` of `times` fall."""
    ordered = sorted(times)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


def until_answered(url: str, body: bytes, deadline: float = 60.0, pause: float = 0.05) -> None:
    """Post `body` every `pause` s until the server at `url` answers 200 (a refusal is retried)."""
    give_up = time.perf_counter() + deadline
    while True:
        try:
            connection = connect(url)
            if post_bulk(connection, body) == 200:
                connection.close()
                return
        except OSError:
            if time.perf_counter() > give_up:
                raise
        time.sleep(pause)


@contextmanager
def lsq_mock(server: str, body: bytes) -> Iterator[Target]:
    """`lsq-mock serve --server SERVER` with the benchmark tenant and no rate limit."""
    with tempfile.TemporaryDirectory() as folder:
        seed = Path(folder) / "seed.json"
        seed.write_text(json.dumps(bench_seed()))
        command = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--seed", str(seed)]
        command += ["--server", server, "--rate-limit", "0", "--bulk-rate-limit", "0"]
        with _child(command, f"lsq-mock/{server}", body) as target:
            yield target


@contextmanager
def floor(server: str, body: bytes) -> Iterator[Target]:
    """The bare-Flask floor served by SERVER (bench_server.py --serve floor)."""
    command = [sys.executable, str(Path(__file__).with_name("bench_server.py")), "--serve"]
    with _child([*command, "floor", "--server", server], f"floor/{server}", body) as target:
        yield target


@contextmanager
def _child(command: list[str], name: str, body: bytes) -> Iterator[Target]:
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        while line and "http://" not in line:
            line = child.stdout.readline()
        url = line.split()[-1]
        until_answered(url, body)
        yield Target(name, url, child.pid)
    finally:
        child.terminate()
        child.wait(10)


@contextmanager
def prism(body: bytes) -> Iterator[Target | None]:
    """Prism mocking the bundled OpenAPI document, quiet (`-v error`); None without npm."""
    executable = prism_executable()
    if executable is None:
        print(f"Prism skipped: {NPM_MISSING}", file=sys.stderr)
        yield None
        return
    child = start_prism(executable, BUNDLED, subprocess.DEVNULL)
    try:
        port = port_of(child)
        url = f"http://127.0.0.1:{port}"
        until_answered(url, body)
        yield Target("prism", url, child.pid)
    finally:
        child.terminate()
        child.wait(10)


def started_targets(stack: ExitStack, servers: list[str], body: bytes) -> list[Target]:
    """Every target running at once, in `stack`: lsq-mock and its floor per server, Prism."""
    targets = []
    for server in servers:
        targets.append(stack.enter_context(lsq_mock(server, body)))
        targets.append(stack.enter_context(floor(server, body)))
    peer = stack.enter_context(prism(body))
    if peer is not None:
        targets.append(peer)
    return targets


def print_table(targets: list[Target]) -> None:
    """One row per target, with its ratio to Prism's req/s where Prism ran."""
    reference = next((t for t in targets if t.name == "prism"), None)
    print(
        "| server | req/s (rounds) | server CPU per call (ms) | p50 / p99, one connection (ms) "
        "| p99/p50 | peak RSS (MiB) | req/s vs Prism |"
    )
    print("|---|---|---|---|---|---|---|")
    for target in targets:
        rate = target.calls / target.seconds
        p50, p99 = percentile(target.times, 0.5), percentile(target.times, 0.99)
        versus = f"{rate / (reference.calls / reference.seconds):.2f}x" if reference else "no Prism"
        print(
            f"| {target.name} | {rate:,.0f} ({min(target.rates):,.0f}-{max(target.rates):,.0f}) "
            f"| {target.cpu_seconds * 1000 / target.calls:.2f} | {p50:.2f} / {p99:.2f} "
            f"| {p99 / p50:.1f}x | {peak_rss_mib(target.pid):.0f} | {versus} |"
        )
    medians = {t.name: statistics.median(t.times) for t in targets}
    print(json.dumps({"median_latency_ms": {k: round(v, 3) for k, v in medians.items()}}))
