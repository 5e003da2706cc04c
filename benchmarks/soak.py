"""Soak `lsq-mock serve` with mixed traffic, faults and resets; print what went wrong and peak RSS.

    python benchmarks/soak.py                     # 60 s
    python benchmarks/soak.py --seconds 20 --server waitress   # or granian

Four client threads send valid 25-row batches, malformed bodies, wrong keys and unknown paths;
a control thread queues faults (status, latency, truncate, drop) and resets the emulator. An
error is an unexpected 5xx, a non-200 answer that is not the JSON envelope, more broken answers
than faults queued to break them, or a server that died. Exits 1 if it found any.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from workload import BULK_UPDATE, KEYS, bench_bodies, bench_seed

from lsq_mock.serving.wsgi_servers import SERVER_NAMES

ROOT = Path(__file__).resolve().parent.parent

JSON = {"Content-Type": "application/json"}
CLIENTS = 4
FAULTS: list[dict[str, Any]] = [
    {"kind": "status", "status": 500},
    {"kind": "status", "status": 429},
    {"kind": "status", "status": 401},
    {"kind": "latency", "latency_seconds": 0.01},
    {"kind": "truncate"},
    {"kind": "drop"},
]


class Soak:
    """Traffic against one server, and the tally of what came back."""

    def __init__(self, url: str, deadline: float, server: str):
        parts = urlsplit(url)
        self.address = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.deadline = deadline
        self.can_drop = server == "werkzeug"
        self.lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.queued: Counter[str] = Counter()
        self.broken: Counter[str] = Counter()
        self.errors: list[str] = []
        self.bodies = bench_bodies(4)

    def _call(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(*self.address, timeout=10)
        try:
            connection.request(method, path, body, JSON)
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def _error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)

    def client(self, seed: int) -> None:
        """Send a random mix of good and bad calls until the deadline."""
        pick = random.Random(seed)
        while time.monotonic() < self.deadline:
            choice = pick.random()
            body = self.bodies[pick.randrange(len(self.bodies))]
            if choice < 0.6:
                path = f"{BULK_UPDATE}?{KEYS}"
            elif choice < 0.75:
                path, body = f"{BULK_UPDATE}?{KEYS}", pick.randbytes(pick.randrange(1, 200))
            elif choice < 0.85:
                path = f"{BULK_UPDATE}?accessKey=wrong&secretKey=wrong"
            else:
                path = f"/v2/NoSuch.svc/{pick.randrange(1000)}?{KEYS}"
            self._check(path, body)

    def _check(self, path: str, body: bytes) -> None:
        try:
            status, data = self._call("POST", path, body)
        except (ConnectionError, http.client.HTTPException):
            with self.lock:
                self.broken["dropped"] += 1
            return
        except OSError as error:
            self._error(f"POST {path[:60]}: {error!r}")
            return
        with self.lock:
            self.statuses[status] += 1
        try:
            answer = json.loads(data)
        except ValueError:
            with self.lock:
                self.broken["truncated"] += 1
            return
        message = answer.get("ExceptionMessage", "") if isinstance(answer, dict) else ""
        injected = message.startswith("Injected fault")
        if status >= 500 and not injected:
            self._error(f"unexpected {status} for POST {path[:60]}: {data[:200]!r}")
        elif status != 200 and not (isinstance(answer, dict) and answer.get("Status") == "Error"):
            self._error(f"{status} without the envelope: {data[:200]!r}")

    def control(self) -> None:
        """Queue faults and reset the emulator now and then, until the deadline."""
        pick = random.Random(0)
        faults = [f for f in FAULTS if self.can_drop or f["kind"] != "drop"]
        while time.monotonic() < self.deadline:
            time.sleep(0.05)
            if pick.random() < 0.05:
                status, data = self._call("POST", "/_mock/reset", b"{}")
            else:
                fault = pick.choice(faults)
                status, data = self._call("POST", "/_mock/faults", json.dumps(fault).encode())
                if status == 201:
                    with self.lock:
                        self.queued[fault["kind"]] += 1
            if status >= 300:
                self._error(f"control call answered {status}: {data[:200]!r}")

    def unexplained(self) -> list[str]:
        """Broken answers beyond the faults queued to break them."""
        problems = []
        for seen, kind in (("truncated", "truncate"), ("dropped", "drop")):
            if self.broken[seen] > self.queued[kind]:
                problems.append(f"{self.broken[seen]} {seen} answers, {self.queued[kind]} queued")
        return problems


def peak_rss_mib(pid: int) -> float:
    """Peak resident set size of process `pid` in MiB (Linux VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    """Run the soak and print the summary; 1 if anything went wrong."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--server", choices=SERVER_NAMES, default="werkzeug")
    options = parser.parse_args()
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as seed_file:
        json.dump(bench_seed(), seed_file)
    command = [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", "--rate-limit", "0"]
    command += ["--bulk-rate-limit", "0", "--seed", seed_file.name, "--server", options.server]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[-1]
        soak = Soak(url, time.monotonic() + options.seconds, options.server)
        threads = [threading.Thread(target=soak.client, args=(n,)) for n in range(CLIENTS)]
        threads.append(threading.Thread(target=soak.control))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rss = peak_rss_mib(server.pid)
        alive = server.poll() is None and soak._call("GET", "/_mock/health")[0] == 200
    finally:
        server.terminate()
        server.wait(10)
        Path(seed_file.name).unlink()
    errors = soak.errors + soak.unexplained() + ([] if alive else ["the server died"])
    calls = sum(soak.statuses.values()) + soak.broken["dropped"]
    print(f"soak: {options.seconds:g} s under {options.server}, {calls} API calls")
    print(f"  statuses: {dict(sorted(soak.statuses.items()))}")
    print(f"  faults queued: {dict(soak.queued)}; broken answers seen: {dict(soak.broken)}")
    print(f"  server peak RSS: {rss:.0f} MiB; alive at the end: {alive}")
    print(f"  errors: {len(errors)}")
    for error in errors[:20]:
        print(f"    {error}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
