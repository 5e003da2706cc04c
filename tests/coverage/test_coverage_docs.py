"""docs/coverage.md says what the code does: its options are the plugin's and the command's,
and its example summary is what the summary prints for that traffic."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from lsq_mock.cli.remote import coverage as coverage_command
from lsq_mock.coverage import Coverage
from lsq_mock.coverage.scope import Scope
from lsq_mock_contract.coverage_plugin import SCOPES, terminal_lines

PAGE = (Path(__file__).resolve().parents[2] / "docs" / "coverage.md").read_text(encoding="utf-8")
EXAMPLE_TRAFFIC = {
    "bulk-update/200": 2,
    "bulk-update/batch-1": 2,
    "keys/headers": 2,
    "data-type/DateTime": 2,
    "bulk-update/500-injected": 1,
    "bulk-update/429-bulk": 1,
}
"""What the page's three example tests exercise (tests/test_plugin_coverage.py runs them)."""


def text_blocks() -> list[str]:
    return re.findall(r"```text\n(.*?)```", PAGE, flags=re.DOTALL)


def test_the_page_has_one_title_and_names_every_option(pytestconfig: pytest.Config) -> None:
    options = [
        "--" + dest.replace("_", "-")
        for dest in vars(pytestconfig.option)
        if dest.startswith("lsq_mock_coverage")
    ]
    flags = [
        flag
        for param in coverage_command.params
        if isinstance(param, click.Option)
        for flag in param.opts
    ]

    assert PAGE.startswith("# Contract coverage\n") and "\n# " not in PAGE
    assert len(options) == 4
    for name in [*options, *flags]:
        assert name in PAGE, name


def test_the_example_summary_is_what_the_summary_prints() -> None:
    shown = [line for line in text_blocks()[0].splitlines() if line]
    coverage = Coverage()
    coverage.add(EXAMPLE_TRAFFIC, calls={"bulk-update": 4}, requests=4)
    printed = [line for line in terminal_lines(coverage, verbose=False) if line]

    positions = [printed.index(line) for line in shown]
    assert positions == sorted(positions), "the example keeps the summary's order"


def test_the_scope_choices_are_the_scopes() -> None:
    assert tuple(scope.value for scope in Scope) == SCOPES
    assert SCOPES[0] == Scope.CALLED  # the default, in the plugin and the command alike
    for scope in Scope:
        assert f"`{scope.value}`" in PAGE or f"={scope.value}`" in PAGE
