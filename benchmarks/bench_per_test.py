"""What one test costs with the `lsq_mock` fixture, beside a pytest-httpserver stub and an empty
test: 1,000 tests each making one bulk call, in a pytest run of their own.

    python benchmarks/bench_per_test.py               # 1,000 tests, 3 alternating rounds
    python benchmarks/bench_per_test.py --tests 200   # quicker

Each kind runs as its own `pytest -p no:cacheprovider -q` subprocess, timed from inside by a
conftest hook (first test's setup to last test's teardown, so start-up and collection are left
out); rounds alternate, so a slow spell of a shared machine falls on all three. The stub answers
the same 25-row body with a canned 200 and checks nothing: it is the floor a fixture that
validates, stores and journals is measured against (issue 25: at most 1.2x).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from workload import BULK_UPDATE, bench_bodies, bench_seed

CONFTEST = """
import json, time

import pytest

TIMES = {}


def pytest_runtest_setup(item):
    TIMES.setdefault("first", time.perf_counter())


def pytest_runtest_teardown(item, nextitem):
    if nextitem is None:
        TIMES["last"] = time.perf_counter()


def pytest_sessionfinish(session):
    with open("times.json", "w") as out:
        json.dump(TIMES, out)


@pytest.fixture(scope="session")
def lsq_mock_settings():
    from lsq_mock import RateLimit, Settings

    # The benchmark tenant (25 activities the body names), with the bulk limit off: every test
    # makes one bulk call at the same moment of the emulator's clock as the one before.
    return Settings(seed="seed.json", bulk_rate_limit=RateLimit(0))
"""

LSQ_MOCK_TEST = """
import json
import requests

BODY = json.loads(open("body.json").read())


def test_call_{n}(lsq_mock):
    keys = {{"accessKey": lsq_mock.access_key, "secretKey": lsq_mock.secret_key}}
    answer = requests.post(lsq_mock.base_url + {path!r}, params=keys, json=BODY, timeout=5)
    assert answer.status_code == 200
"""

STUB_TEST = """
import json
import requests

BODY = json.loads(open("body.json").read())
ANSWER = {{"Response": [{{"RowNumber": n, "ActivityUpdated": True}} for n in range(1, 26)]}}


def test_call_{n}(httpserver):
    httpserver.expect_request({path!r}, method="POST").respond_with_json(ANSWER)
    answer = requests.post(httpserver.url_for({path!r}), json=BODY, timeout=5)
    assert answer.status_code == 200
"""

EMPTY_TEST = """
def test_nothing_{n}():
    assert True
"""

KINDS = {"lsq_mock": LSQ_MOCK_TEST, "httpserver": STUB_TEST, "empty": EMPTY_TEST}


def write_project(folder: Path, kind: str, tests: int) -> None:
    """A test module of `tests` tests of `kind`, the conftest that times them, and the body."""
    folder.mkdir()
    (folder / "conftest.py").write_text(CONFTEST)
    (folder / "body.json").write_bytes(bench_bodies(1)[0])
    (folder / "seed.json").write_text(json.dumps(bench_seed()))
    template = textwrap.dedent(KINDS[kind])
    code = "".join(template.format(n=n, path=BULK_UPDATE) for n in range(tests))
    (folder / f"test_{kind}.py").write_text(code)


def run(folder: Path, tests: int) -> float:
    """Milliseconds per test of one pytest run in `folder`."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{folder.name}: pytest failed\n{done.stdout[-2000:]}")
    times = json.loads((folder / "times.json").read_text())
    return (times["last"] - times["first"]) / tests * 1000


def main() -> None:
    """Print each kind's ms per test (median of the rounds) and lsq_mock's ratio to the stub."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=1000, help="tests per run")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    options = parser.parse_args()
    results: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with tempfile.TemporaryDirectory(prefix="lsq-per-test-") as root:
        for kind in KINDS:
            write_project(Path(root) / kind, kind, options.tests)
        for _ in range(options.rounds):
            for kind in KINDS:
                results[kind].append(run(Path(root) / kind, options.tests))
    median = {kind: statistics.median(times) for kind, times in results.items()}
    print(f"{options.tests} tests, one bulk call each, median of {options.rounds} rounds:")
    for kind, value in median.items():
        rounds = ", ".join(f"{t:.2f}" for t in results[kind])
        print(f"  {kind:<11} {value:6.2f} ms per test  (rounds: {rounds})")
    ratio = median["lsq_mock"] / median["httpserver"]
    print(f"  lsq_mock / httpserver stub: {ratio:.2f}x (target: at most 1.2x)")


if __name__ == "__main__":
    main()
