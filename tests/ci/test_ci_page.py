"""docs/ci.md: its recipe by hand runs as printed; what it says of the action is action.yml's."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from support.markdown import ROOT, blocks

PAGE_PATH = ROOT / "docs" / "ci.md"
PAGE = PAGE_PATH.read_text(encoding="utf-8")
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BY_HAND = next(block for block in blocks(PAGE_PATH) if block.language == "bash")
EXAMPLE_PORT = "--port 8080"
GOOD_CLIENT = """#!/usr/bin/env python3
import json, os, urllib.request
access, secret = os.environ["LSQ_MOCK_ACCESS_KEY"], os.environ["LSQ_MOCK_SECRET_KEY"]
keys = f"accessKey={access}&secretKey={secret}".replace("$", "%24")
fields = [{"SchemaName": "mx_Custom_4", "Value": "2016-09-18 12:12:12"}]
row = {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b", "Fields": fields}
update = urllib.request.Request(
    os.environ["LSQ_MOCK_URL"] + "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update?" + keys,
    data=json.dumps([row]).encode(), headers={"Content-Type": "application/json"})
with urllib.request.urlopen(update, timeout=10) as answer:
    assert answer.status == 200
"""
BAD_CLIENT = GOOD_CLIENT.replace("2016-09-18 12:12:12", "2016-09-18T12:12:12Z")
"""An ISO DateTime: the emulator answers 200 (so the client's own tests pass) and journals a
contract violation, which `lsq-mock check` fails the job on."""


def _action_steps() -> list[dict[str, Any]]:
    """Every step of the page's and the README's workflows that uses the action."""
    found = []
    for page in (PAGE_PATH, ROOT / "README.md"):
        for block in blocks(page):
            if block.language == "yaml":
                steps = yaml.safe_load(block.source)["jobs"]["lsq-contract"]["steps"]
                found += [
                    step for step in steps if step.get("uses", "").startswith("<owner>/lsq-mock@")
                ]
    return found


def test_the_workflows_give_only_the_action_s_inputs_and_read_only_its_outputs() -> None:
    steps = _action_steps()
    assert len(steps) == 2
    text = PAGE + (ROOT / "README.md").read_text(encoding="utf-8")
    for step in steps:
        assert set(step.get("with", {})) <= set(ACTION["inputs"]), step
        used = set(re.findall(rf"steps\.{step['id']}\.outputs\.([\w-]+)", text))
        assert used and used <= set(ACTION["outputs"]), used


def test_the_tables_are_the_action_s_inputs_and_outputs() -> None:
    table = PAGE.split("<!-- action:start -->\n", 1)[1].split("<!-- action:end -->", 1)[0]
    rows = [line.strip("|").split(" | ") for line in table.splitlines() if line.startswith("| `")]
    inputs = [
        (f"`{name}`", f"`{spec['default']}`" if spec["default"] else "(empty)", spec["description"])
        for name, spec in ACTION["inputs"].items()
    ]
    outputs = [(f"`{name}`", spec["description"]) for name, spec in ACTION["outputs"].items()]
    assert [tuple(cell.strip() for cell in row) for row in rows] == [*inputs, *outputs]


def _run_by_hand(tmp_path: Path, client: str, port: str = "0") -> subprocess.CompletedProcess[str]:
    """The page's recipe by hand, as a CI step's shell runs it (`set -e`), in a fresh folder,
    with `client` as the tests it runs, on `port`; the server it started is stopped after."""
    runner = tmp_path / "run-my-client-tests"
    runner.write_text(client.replace("python3", sys.executable, 1), encoding="utf-8")
    runner.chmod(runner.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LSQ_MOCK_")}
    env["LSQ_MOCK_CA_DIR"] = os.environ["LSQ_MOCK_CA_DIR"]
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env["PATH"]])
    script = "set -e\n" + BY_HAND.source.replace(EXAMPLE_PORT, f"--port {port}")
    try:
        return subprocess.run(
            ["bash", "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        ready = tmp_path / "lsq-mock.json"
        if ready.exists():
            os.kill(json.loads(ready.read_text())["pid"], signal.SIGTERM)


@pytest.mark.slow
def test_by_hand_a_good_client_passes(tmp_path: Path) -> None:
    assert EXAMPLE_PORT in BY_HAND.source
    done = _run_by_hand(tmp_path, GOOD_CLIENT)

    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "lsq-mock.xml").is_file()
    assert (tmp_path / "lsq-mock.log").read_text().startswith("lsq-mock listening on http://")


@pytest.mark.slow
def test_by_hand_a_client_that_breaks_the_contract_fails_the_job(tmp_path: Path) -> None:
    done = _run_by_hand(tmp_path, BAD_CLIENT)

    assert done.returncode == 1, done.stdout + done.stderr
    assert "[datetime-format]" in done.stdout


@pytest.mark.slow
def test_by_hand_a_server_that_cannot_start_stops_the_job_before_the_tests(
    tmp_path: Path,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = _run_by_hand(
            tmp_path, GOOD_CLIENT + "open('ran', 'w')\n", str(taken.getsockname()[1])
        )

    assert done.returncode == 1
    assert "exited before it was ready" in done.stderr
    assert not (tmp_path / "ran").exists(), "the client's tests ran against another server"
    assert "the port is already in use" in (tmp_path / "lsq-mock.log").read_text()
