"""`lsq-mock fake` writes a seed that `serve --seed` accepts; `serve --fake` starts with it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from faker import Faker

from lsq_mock.cli import main
from lsq_mock.factories import fake_tenant, valid_batch
from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from support.paths import BULK_UPDATE

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"accessKey": DEFAULT_ACCESS_KEY, "secretKey": DEFAULT_SECRET_KEY}


def test_fake_writes_the_same_file_for_the_same_seed(tmp_path: Path) -> None:
    out = tmp_path / "tenant.json"
    runner = CliRunner()
    written = runner.invoke(main, ["fake", "--seed", "9", "--activities", "40", "--out", str(out)])
    assert written.exit_code == 0, written.output
    printed = runner.invoke(main, ["fake", "--seed", "9", "--activities", "40"])
    assert printed.output == out.read_text(encoding="utf-8")
    assert json.loads(printed.output) == fake_tenant(9, activities=40)
    other = runner.invoke(main, ["fake", "--seed", "10", "--activities", "40"])
    assert other.output != printed.output


def test_fake_takes_the_knobs_of_fake_tenant() -> None:
    printed = CliRunner().invoke(
        main, ["fake", "--seed", "4", "--types", "2", "--leads", "7", "--activities", "9"]
    )

    assert printed.exit_code == 0, printed.output
    tenant = json.loads(printed.output)
    assert tenant == fake_tenant(4, activity_types=2, leads=7, activities=9)
    assert [len(tenant[key]) for key in ("ActivityTypes", "Leads", "Activities")] == [2, 7, 9]


def test_serve_refuses_seed_and_fake_together_and_activities_without_fake() -> None:
    runner = CliRunner()
    both = runner.invoke(main, ["serve", "--seed", "default", "--fake", "1"])
    assert both.exit_code == 2 and "not both" in both.output
    alone = runner.invoke(main, ["serve", "--activities", "5"])
    assert alone.exit_code == 2 and "--activities needs --fake" in alone.output


@contextmanager
def serving(*args: str) -> Iterator[tuple[str, str]]:
    """Run `python -m lsq_mock serve --port 0 ARGS` from this checkout; yield URL and banner."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-m", "lsq_mock", "serve", "--port", "0", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            first = process.stdout.readline()
            assert first.startswith("lsq-mock listening on "), first + process.stderr.read()
            banner = first  # the banner ends with the line saying how to stop
            for line in iter(process.stdout.readline, ""):
                banner += line
                if "Ctrl-C to stop" in line:
                    break
            yield first.split()[-1], banner
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0


def _all_rows_update(url: str, rows: list[dict[str, object]]) -> bool:
    answer = requests.post(url + BULK_UPDATE, params=KEYS, json=rows, timeout=10)
    assert answer.status_code == 200
    return all(row["ActivityUpdated"] for row in answer.json()["Response"])


@pytest.mark.slow
def test_serve_accepts_a_file_written_by_fake(tmp_path: Path, faker: Faker) -> None:
    out = tmp_path / "tenant.json"
    assert CliRunner().invoke(main, ["fake", "--seed", "3", "--out", str(out)]).exit_code == 0
    with serving("--seed", str(out)) as (url, banner):
        assert "6 activity types, 100 leads, 250 activities" in banner
        assert _all_rows_update(url, valid_batch(faker, fake_tenant(3), 25))


@pytest.mark.slow
def test_serve_fake_starts_with_the_generated_tenant(faker: Faker) -> None:
    with serving("--fake", "5", "--activities", "30") as (url, banner):
        assert "6 activity types, 100 leads, 30 activities" in banner
        assert _all_rows_update(url, valid_batch(faker, fake_tenant(5, activities=30), 10))
