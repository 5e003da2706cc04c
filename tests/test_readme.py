"""The README's examples run: the curl call and the worked 429 example."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE
from support.running import Running

pytest_plugins = ["pytester"]

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def code_block_after(heading: str, language: str) -> str:
    """The first fenced block of `language` after `heading` in the README."""
    section = README.split(heading, 1)[1]
    match = re.search(rf"```{language}\n(.*?)```", section, re.S)
    assert match, f"no {language} block after {heading!r}"
    return match.group(1)


def test_curl_example_answers_as_shown(running: Running) -> None:
    command = code_block_after("## Try it with curl", "bash").replace(
        "http://127.0.0.1:8080", running.url
    )
    shown = json.loads(code_block_after("## Try it with curl", "json"))
    output = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=True)
    assert json.loads(output.stdout) == shown


def test_worked_429_example_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_example=code_block_after("### Worked example", "python"))
    pytester.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_five_line_fixture_example_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        my_client="""
        import requests

        def update_activities(base_url, access_key, secret_key, rows):
            return requests.post(
                base_url + "BULK_UPDATE",
                headers={"x-LSQ-AccessKey": access_key, "x-LSQ-SecretKey": secret_key},
                json=rows, timeout=5,
            ).json()
        """.replace("BULK_UPDATE", BULK_UPDATE)
    )
    example = code_block_after("## The pytest plugin", "python")
    pytester.makepyfile(test_example="import my_client\n\n" + example)
    pytester.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=1)


def test_every_code_block_is_closed() -> None:
    fences = re.findall(r"^```(\w*)$", README, re.M)
    openings, closings = fences[0::2], fences[1::2]
    assert len(fences) % 2 == 0
    assert all(openings), "a block opens without a language: an earlier block was left open"
    assert not any(closings)


def test_ci_runs_the_readme_test_command() -> None:
    commands = code_block_after("## The two commands", "bash")
    test_line = next(line for line in commands.splitlines() if line.endswith("# test it"))
    test_command = test_line.split("&&", 1)[1].split("#", 1)[0].strip()
    ci_script = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert test_command in ci_script.splitlines()
