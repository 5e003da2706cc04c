"""The GitHub Action (action.yml) runs as Actions runs it: its shell steps in order, with the files
and variables Actions gives a composite action's steps, then a sample client's steps and
`lsq-mock check`, as docs/ci.md shows them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml

from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
from lsq_mock.tls.trust import CA_ENV_VARS, proxy_environment
from support.markdown import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_SECONDS = 300
"""The install step builds lsq-mock and installs its dependencies from the package index."""
pytestmark = pytest.mark.slow

SAMPLE_CLIENT = textwrap.dedent(
    """
    import json, os, urllib.request

    access, secret = os.environ["LSQ_MOCK_ACCESS_KEY"], os.environ["LSQ_MOCK_SECRET_KEY"]
    keys = f"accessKey={access}&secretKey={secret}".replace("$", "%24")
    path = "/v2/ProspectActivity.svc/ActivityTypes.Get?" + keys
    # The base URL the action exported, then the vendor's own URL through its proxy.
    for base in (os.environ["LSQ_MOCK_URL"], "https://api.leadsquared.com"):
        with urllib.request.urlopen(base + path, timeout=10) as answer:
            print(base, answer.status, len(json.load(answer)), "activity types")
    row = {"ProspectActivityId": "bb9205fd-81b8-4d44-bf74-26f90e11790b",
           "Fields": [{"SchemaName": "mx_Custom_4", "Value": "2016-09-18T12:12:12"}]}
    update = urllib.request.Request(
        "https://api.leadsquared.com/v2/ProspectActivity.svc/Bulk/CustomActivity/Update?"
        + keys,
        data=json.dumps([row]).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(update, timeout=10) as answer:
        print("bulk update", answer.status)
    """
)
"""A client of the next steps: it knows nothing but the environment the action exported."""


@dataclass
class Runner:
    """What Actions gives the steps of one job: its files, its growing environment and PATH."""

    root: Path
    env: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.root / "temp").mkdir()
        (self.root / "workspace").mkdir()
        self.env_file, self.path_file = self.root / "github_env", self.root / "github_path"
        self.env_file.touch()
        self.path_file.touch()

    def run(
        self, script: str, step_env: dict[str, str], step_id: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """One `shell: bash` step, as Actions runs it (`bash --noprofile --norc -eo pipefail`).
        What it wrote to GITHUB_ENV and GITHUB_PATH holds from the next step on."""
        output_file = self.root / f"output-{len(self.outputs)}"
        output_file.touch()
        script_file = self.root / "step.sh"
        script_file.write_text(script, encoding="utf-8")
        base = {k: v for k, v in os.environ.items() if not k.startswith(("LSQ_MOCK_", "GITHUB_"))}
        env = {
            **base,
            **self.env,
            **step_env,
            "PATH": os.pathsep.join([*self.path, base["PATH"]]),
            "GITHUB_ENV": str(self.env_file),
            "GITHUB_PATH": str(self.path_file),
            "GITHUB_OUTPUT": str(output_file),
            "GITHUB_ACTION_PATH": str(ROOT),
            "GITHUB_WORKSPACE": str(self.root / "workspace"),
            "RUNNER_TEMP": str(self.root / "temp"),
        }
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=self.root / "workspace",
            env=env,
            capture_output=True,
            text=True,
            timeout=STEP_SECONDS,
        )
        self.env = {**self.env, **_env_lines(self.env_file.read_text(encoding="utf-8"))}
        self.path = self.path_file.read_text(encoding="utf-8").split()[::-1]
        self.outputs[step_id or str(len(self.outputs))] = _env_lines(
            output_file.read_text(encoding="utf-8")
        )
        return done

    def evaluate(self, value: str, inputs: dict[str, str]) -> str:
        """A value with `${{ ... }}` expressions, of the few kinds the action may use."""

        def one(match: re.Match[str]) -> str:
            kind, _, name = match.group(1).partition(".")
            if kind == "inputs":
                return inputs[name]
            if kind == "steps":
                step, _, output = name.partition(".outputs.")
                return self.outputs[step][output]
            raise AssertionError(f"an expression this test does not know: {match.group(0)}")

        return EXPRESSION.sub(one, value)


def _env_lines(text: str) -> dict[str, str]:
    """`NAME=value` lines of a GITHUB_ENV or GITHUB_OUTPUT file (the action writes no other)."""
    found = {}
    for line in text.splitlines():
        assert "<<" not in line.partition("=")[0], f"a multi-line value: {line}"
        name, separator, value = line.partition("=")
        assert separator, f"not NAME=value: {line!r}"
        found[name] = value
    return found


def action_inputs(given: dict[str, str]) -> dict[str, str]:
    """The action's inputs: `given`, and the others' defaults."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    assert set(given) <= set(inputs), set(given) - set(inputs)
    return {**inputs, **given}


def run_step(runner: Runner, step: dict[str, Any], inputs: dict[str, str]) -> str:
    """One step of the action; what it printed (it must succeed)."""
    step_env = {name: runner.evaluate(str(value), inputs) for name, value in step["env"].items()}
    done = runner.run(step["run"], step_env, step.get("id"))
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_action_is_a_composite_of_bash_steps_that_keep_expressions_out_of_scripts() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert [step.get("id") for step in STEPS] == [None, "serve"]
    for step in STEPS:
        assert step["shell"] == "bash"
        assert not EXPRESSION.search(step["run"]), "inputs reach scripts through env: only"


def test_the_action_serves_a_client_whose_calls_check_then_judges(tmp_path: Path) -> None:
    runner = Runner(tmp_path)
    inputs = action_inputs({"python": sys.executable, "port": "0", "proxy-port": "0"})
    install, serve = STEPS
    run_step(runner, install, inputs)
    shown = run_step(runner, serve, inputs)
    outputs = {
        name: runner.evaluate(spec["value"], inputs) for name, spec in ACTION["outputs"].items()
    }
    try:
        # What the action hands the next steps: the server it started, its keys, its own CA.
        health = requests.get(outputs["url"] + "/_mock/health", timeout=5).json()
        assert health == {"status": "ok", "instance_id": outputs["instance-id"]}
        assert shown.startswith(f"lsq-mock listening on {outputs['url']}")
        assert Path(outputs["log-file"]).read_text() == shown
        assert runner.env["LSQ_MOCK_URL"] == outputs["url"]
        assert runner.env["LSQ_MOCK_ACCESS_KEY"] == DEFAULT_ACCESS_KEY
        assert runner.env["LSQ_MOCK_SECRET_KEY"] == DEFAULT_SECRET_KEY
        ca_bundle = Path(outputs["ca-bundle"])
        assert ca_bundle.is_relative_to(tmp_path / "temp"), "the job's own CA, not the home's"
        assert all(runner.env[name] == str(ca_bundle) for name in CA_ENV_VARS)
        proxy_variables = proxy_environment(outputs["proxy-url"])
        assert {name: runner.env[name] for name in proxy_variables} == proxy_variables

        # A client step that knows only that environment, then `lsq-mock check` from the PATH.
        (tmp_path / "workspace" / "client.py").write_text(SAMPLE_CLIENT, encoding="utf-8")
        client = runner.run(f"{sys.executable} client.py", {})
        assert client.stdout.splitlines() == [
            f"{outputs['url']} 200 3 activity types",
            "https://api.leadsquared.com 200 3 activity types",
            "bulk update 200",
        ], client.stderr
        checked = runner.run("lsq-mock check", {})
        assert checked.returncode == 1, checked.stdout + checked.stderr
        assert "[datetime-format]" in checked.stdout
        journal = json.loads(runner.run("lsq-mock requests --json", {}).stdout)
        hosts = [entry["host"] for entry in journal["requests"]]
        assert hosts == [outputs["url"].removeprefix("http://"), *["api.leadsquared.com"] * 2]

        # The step fails, showing why, when its server cannot start (here: the port is taken).
        taken = action_inputs({"python": sys.executable, "port": outputs["url"].rsplit(":", 1)[1]})
        failed = runner.run(
            serve["run"], {n: runner.evaluate(str(v), taken) for n, v in serve["env"].items()}
        )
        assert failed.returncode == 1
        assert "lsq-mock did not start; what it printed:" in failed.stdout
        assert "the port is already in use" in failed.stdout
    finally:
        os.kill(int(outputs["pid"]), signal.SIGTERM)
