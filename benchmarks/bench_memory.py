"""RSS of `lsq-mock serve` while it takes thousands of maximal bodies: flat, within its budget.

    python benchmarks/bench_memory.py                                 # 3,000 bodies, each server
    python benchmarks/bench_memory.py --requests 400 --servers werkzeug --journal-bytes 16MiB

Four client threads send bodies just under the 2 MiB limit, in turn: a valid update whose note
is the whole body (journaled cut; its event holds the old and the new note), the same sent
chunked, a body that is not JSON (journaled cut, with its hash), and one to an unknown path
(journaled without its body). The server's RSS is read from /proc every 100 requests. The
journal and the event log may each hold --journal-bytes, so the bound printed is the RSS at
start plus twice that, plus what the requests in flight hold.
"""

from __future__ import annotations

import argparse
import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from workload import BULK_UPDATE, KEYS, bench_seed, extra_activity_id

from lsq_mock.serving.wsgi_servers import SERVER_NAMES
from lsq_mock.settings import DEFAULT_JOURNAL_BYTES

ROOT = Path(__file__).resolve().parent.parent
MAX_BODY = 2 * 1024 * 1024
CLIENTS = 4
IN_FLIGHT_MIB_PER_CLIENT = 16
"""What one request in flight may hold (the body, its copies, its parsed value): an allowance."""
SIZES = {"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}


def parse_size(text: str) -> int:
    """`64MiB`, `512KiB` or a number of bytes (what `lsq-mock serve --journal-bytes` takes)."""
    for unit, factor in SIZES.items():
        if text.endswith(unit):
            return int(text.removesuffix(unit)) * factor
    return int(text)


def maximal_bodies() -> list[tuple[str, str, dict[str, str], bytes]]:
    """(name, path, headers, body) of each kind of body sent, each just under the limit. The two
    notes differ, so each update's event holds an old and a new note of ~2 MB."""

    def update(letter: str) -> bytes:
        note = letter * (MAX_BODY - 200)
        rows = [{"ProspectActivityId": extra_activity_id(1), "ActivityNote": note}]
        return json.dumps(rows).encode()

    text = b"x" * (MAX_BODY - 10)
    json_type = {"Content-Type": "application/json"}
    return [
        ("note", f"{BULK_UPDATE}?{KEYS}", json_type, update("a")),
        ("chunked-note", f"{BULK_UPDATE}?{KEYS}", {**json_type, "chunked": "1"}, update("b")),
        ("not-json", f"{BULK_UPDATE}?{KEYS}", json_type, text),
        ("unknown-path", f"/v2/NoSuch.svc/x?{KEYS}", json_type, text),
    ]


def rss_mib(pid: int, field: str = "VmRSS") -> float:
    """Resident set size (or its peak, VmHWM) of process `pid` in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(server: str, journal_bytes: str) -> tuple[subprocess.Popen[str], str, Path]:
    """`lsq-mock serve` of the benchmark tenant, without rate limits; its process, URL, seed."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as seed_file:
        json.dump(bench_seed(), seed_file)
    command = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--rate-limit", "0"]
    command += ["--bulk-rate-limit", "0", "--seed", seed_file.name, "--server", server]
    command += ["--journal-bytes", journal_bytes]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    return process, process.stdout.readline().split()[-1], Path(seed_file.name)


def send(address: tuple[str, int], path: str, headers: dict[str, str], body: bytes) -> int:
    """POST `body` (chunked if the headers say so) and return the status."""
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        if headers.get("chunked"):
            pieces = (body[at : at + 65536] for at in range(0, len(body), 65536))
            sent = {k: v for k, v in headers.items() if k != "chunked"}
            connection.request("POST", path, pieces, sent, encode_chunked=True)
        else:
            connection.request("POST", path, body, headers)
        answer = connection.getresponse()
        answer.read()
        return answer.status
    except OSError:  # closed while sending: granian does so when the app leaves a body unread
        return 0
    finally:
        connection.close()


def run(server: str, requests: int, journal_bytes: str) -> dict[str, object]:
    """Send `requests` maximal bodies to one server; RSS samples and what went wrong."""
    process, url, seed = start_server(server, journal_bytes)
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 80)
    bodies = maximal_bodies()
    expected = {"note": {200}, "chunked-note": {200}, "not-json": {400}, "unknown-path": {404}}
    if server == "granian":  # it answers a body the app leaves unread, and closes
        expected["unknown-path"].add(0)  # docs/transport-errors.md
    counter = iter(range(requests))
    lock = threading.Lock()
    samples: list[tuple[int, float]] = [(0, rss_mib(process.pid))]
    problems: list[str] = []

    def client() -> None:
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            name, path, headers, body = bodies[number % len(bodies)]
            status = send(address, path, headers, body)
            with lock:
                if status not in expected[name]:
                    problems.append(f"{name}: {status}, not {expected[name]}")
                if (number + 1) % 100 == 0:
                    samples.append((number + 1, rss_mib(process.pid)))

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        peak = rss_mib(process.pid, "VmHWM")
    finally:
        process.terminate()
        process.wait(10)
        seed.unlink()
    return {
        "seconds": time.monotonic() - started,
        "samples": sorted(samples),
        "peak": peak,
        "problems": problems,
    }


def main() -> int:
    """Run each server and print its RSS over time; 1 if RSS went past its bound."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--servers", nargs="+", default=list(SERVER_NAMES))
    parser.add_argument("--journal-bytes", default=f"{DEFAULT_JOURNAL_BYTES // 2**20}MiB")
    options = parser.parse_args()
    budget_mib = parse_size(options.journal_bytes) / 1024**2
    failed = False
    for server in options.servers:
        result = run(server, options.requests, options.journal_bytes)
        samples = result["samples"]
        assert isinstance(samples, list)
        start = samples[0][1]
        bound = start + 2 * budget_mib + CLIENTS * IN_FLIGHT_MIB_PER_CLIENT
        half = [rss for sent, rss in samples if sent >= options.requests // 2]
        first_half = [rss for sent, rss in samples if 0 < sent < options.requests // 2]
        print(f"{server}: {options.requests} bodies of ~2 MiB in {result['seconds']:.0f} s")
        print("  requests  RSS MiB")
        for sent, rss in samples[:: max(1, len(samples) // 10)] + samples[-1:]:
            print(f"  {sent:8d}  {rss:7.0f}")
        print(
            f"  at start {start:.0f} MiB; peak {result['peak']:.0f} MiB; bound {bound:.0f} MiB "
            f"(start + 2 x {budget_mib:.0f} MiB journal and events + {CLIENTS} requests in flight)"
        )
        if half and first_half:
            print(
                f"  max RSS, first half {max(first_half):.0f} MiB, second half {max(half):.0f} MiB"
            )
        problems = result["problems"]
        assert isinstance(problems, list)
        if problems:
            print(f"  unexpected answers: {len(problems)}, e.g. {problems[:3]}")
        peak = result["peak"]
        assert isinstance(peak, float)
        if peak > bound or problems:
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
