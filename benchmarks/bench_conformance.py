"""Time the client conformance kit's nine scenarios: `python -m benchmarks.bench_conformance`.

The client is the one a user writes from the vendor's page: batches of 25, keys in the headers,
and on a 429 it waits the live window, 5 s, before it tries again. It runs twice: sleeping with
`time.sleep` (what every adapter did before the kit offered its clock), and taking the kit's
`sleep`, which moves the emulator's clock instead of waiting. Each run is its own pytest
process; the script prints its wall time and the slowest scenarios.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

CLIENT = textwrap.dedent(
    '''
    import time

    import requests

    from lsq_mock_contract.conformance import ClientConformance

    BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
    LIVE_WINDOW = 5.0


    class LeadSquaredError(RuntimeError):
        pass


    def send(updates, base_url, access_key, secret_key, sleep=time.sleep):
        """Batches of 25; a 429 waits the live window; a transient 5xx or lost answer retried."""
        failed = []
        with requests.Session() as http:
            http.headers.update({"x-LSQ-AccessKey": access_key, "x-LSQ-SecretKey": secret_key})
            for start in range(0, len(updates), 25):
                batch = updates[start : start + 25]
                rows = [
                    {
                        "ProspectActivityId": u["ProspectActivityId"],
                        "Fields": [
                            {"SchemaName": k, "Value": text(v)} for k, v in u["Fields"].items()
                        ],
                    }
                    for u in batch
                ]
                for result in post(http, base_url + BULK, rows, sleep):
                    if not result["ActivityUpdated"]:
                        failed.append(batch[result["RowNumber"] - 1]["ProspectActivityId"])
        return failed


    def post(http, url, rows, sleep):
        for attempt in range(5):
            try:
                answer = http.post(url, json=rows, timeout=10)
            except requests.ConnectionError:
                sleep(0.01 * 2**attempt)
                continue
            if answer.status_code == 429:
                sleep(LIVE_WINDOW)
                continue
            if answer.status_code == 500 and answer.json().get("ExceptionType") in (
                None,
                "MXUnexpectedException",
            ):
                sleep(0.01 * 2**attempt)
                continue
            if answer.status_code != 200:
                raise LeadSquaredError(f"{answer.status_code}: {answer.text[:200]}")
            return answer.json()["Response"]
        raise LeadSquaredError("gave up")


    def text(value):
        if hasattr(value, "astimezone"):
            from datetime import UTC

            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        return str(value)


    def sleeps_for_real(updates, base_url, access_key, secret_key):
        return send(updates, base_url, access_key, secret_key)


    class TestSleepingForReal(ClientConformance):
        adapter = staticmethod(sleeps_for_real)
        retries_on_5xx = True


    class TestTakingTheKitsSleep(ClientConformance):
        adapter = staticmethod(send)
        retries_on_5xx = True
    '''
)
RUNS = ("TestSleepingForReal", "TestTakingTheKitsSleep")
DURATION = re.compile(r"^(\d+\.\d+)s call\s+\S+::(test_\w+)", re.M)


def run(module: Path, test_class: str) -> tuple[float, str, list[tuple[float, str]]]:
    """Wall seconds of one pytest run of `test_class`, its last line, and its slowest calls."""
    command = [
        *(sys.executable, "-m", "pytest", f"{module}::{test_class}", "-q"),
        *("-p", "no:cacheprovider", "-p", "no:randomly", "--durations=3"),
        *("--rootdir", str(module.parent)),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    slowest = [(float(seconds), name) for seconds, name in DURATION.findall(done.stdout)]
    return wall, last, slowest


def main() -> None:
    """Print each run's wall time (pytest's start-up included) and its slowest scenarios."""
    with tempfile.TemporaryDirectory(prefix="bench-conform-") as folder:
        module = Path(folder) / "test_bench_client.py"
        module.write_text(CLIENT, encoding="utf-8")
        for test_class in RUNS:
            wall, last, slowest = run(module, test_class)
            print(f"{test_class}: {wall:.1f} s wall, pytest says: {last}")
            for seconds, name in slowest:
                print(f"    {seconds:6.2f} s  {name}")


if __name__ == "__main__":
    main()
