"""Contract coverage in a pytest run: its options, each test's traffic counted at teardown, the
workers' counts merged on the xdist controller, the JSON file, the threshold and the summary.

Registered by the lsq-mock plugin only when an `--lsq-mock-coverage*` option asks for coverage,
so a run without them counts nothing and imports nothing of it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from lsq_mock.coverage import Coverage
    from lsq_mock_contract.handle import LsqMock

PLUGIN_NAME = "lsq_mock_coverage"
WORKER_COVERAGE_KEY = "lsq_mock_coverage"
SCOPES = ("called", "api")
"""`--lsq-mock-coverage-scope`'s choices: `lsq_mock.coverage.Scope`'s values, written out so
that merely having lsq-mock installed imports none of the emulator (a test holds them equal)."""
WIDEN = "--lsq-mock-coverage-scope=api"
NEVER_SHOWN = 10
"""How many never-exercised behaviours the terminal summary lists without `-v`: it fits a
screen; the JSON file holds them all."""
MORE = "-v lists them all, --lsq-mock-coverage-json FILE keeps them"


def add_options(group: pytest.OptionGroup) -> None:
    """The coverage options, in the lsq-mock group of `pytest --help`."""
    group.addoption(
        "--lsq-mock-coverage",
        action="store_true",
        help="print which API behaviours the tests exercised, and how to exercise the others",
    )
    group.addoption(
        "--lsq-mock-coverage-json",
        metavar="FILE",
        default=None,
        help="write the contract coverage to FILE as JSON",
    )
    group.addoption(
        "--lsq-mock-coverage-fail-under",
        metavar="PCT",
        type=_percentage,
        default=None,
        help="fail the run if the tests exercised less than PCT percent of the API behaviours "
        "in scope",
    )
    group.addoption(
        "--lsq-mock-coverage-scope",
        choices=SCOPES,
        default=SCOPES[0],
        help="measure coverage over the endpoints the tests called (called, the default), or "
        "the whole API (api)",
    )


def _percentage(text: str) -> float:
    """A threshold from 0 to 100, as `lsq-mock coverage --fail-under` takes it."""
    value = float(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage from 0 to 100")
    return value


def wanted(config: pytest.Config) -> bool:
    """Whether an option asks for coverage (the scope alone does not)."""
    return bool(
        config.getoption("--lsq-mock-coverage")
        or config.getoption("--lsq-mock-coverage-json")
        or config.getoption("--lsq-mock-coverage-fail-under") is not None
    )


def count(config: pytest.Config, handle: LsqMock, test: str) -> None:
    """Add what `test`'s traffic exercised, read before the next test's reset forgets it."""
    plugin = config.pluginmanager.get_plugin(PLUGIN_NAME)
    if plugin is not None:
        plugin.count(handle, test)


def terminal_lines(coverage: Coverage, *, verbose: bool) -> Iterator[str]:
    """The summary `--lsq-mock-coverage` prints: the totals, then the first NEVER_SHOWN
    behaviours never exercised (every one when `verbose`)."""
    from lsq_mock.coverage.text import summary_lines

    return summary_lines(coverage, widen=WIDEN, limit=None if verbose else NEVER_SHOWN, more=MORE)


class CoveragePlugin:
    """The run's coverage, and the hooks that report it."""

    def __init__(self, config: pytest.Config):
        from lsq_mock.coverage import Coverage, Scope

        self.config = config
        self.coverage = Coverage(scope=Scope(config.getoption("--lsq-mock-coverage-scope")))

    def count(self, handle: LsqMock, test: str) -> None:
        """Add what one test's emulator received."""
        from lsq_mock.coverage import endpoints_called, exercised

        emulator = handle.emulator
        verdicts = handle.verdicts
        counts = exercised(verdicts, handle.events, emulator.store.activity_types())
        self.coverage.add(
            counts,
            calls=endpoints_called(verdicts),
            requests=len(verdicts),
            unread=emulator.verdicts.dropped,
            test=test,
        )

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Hand a worker's coverage to the controller; on the controller, write the JSON file
        and fail a run under the threshold."""
        worker_output = getattr(self.config, "workeroutput", None)
        if worker_output is not None:
            worker_output[WORKER_COVERAGE_KEY] = json.dumps(self.coverage.to_dict())
            return
        path = self.config.getoption("--lsq-mock-coverage-json")
        if path:
            text = json.dumps(self.coverage.to_dict(), indent=2) + "\n"
            Path(path).write_text(text, encoding="utf-8")
        fail_under = self.config.getoption("--lsq-mock-coverage-fail-under")
        reached = fail_under is None or self.coverage.reaches(fail_under)
        if not reached and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        """The summary (`--lsq-mock-coverage`): the totals, then what never was exercised (the
        first few, all with `-v`); and the threshold's verdict."""
        if hasattr(self.config, "workeroutput"):
            return
        from lsq_mock.coverage.text import threshold_line

        if self.config.getoption("--lsq-mock-coverage"):
            verbose = self.config.getoption("verbose") > 0
            terminalreporter.section("lsq-mock contract coverage")
            for line in terminal_lines(self.coverage, verbose=verbose):
                terminalreporter.write_line(line)
        fail_under = self.config.getoption("--lsq-mock-coverage-fail-under")
        if fail_under is not None:
            reached = self.coverage.reaches(fail_under)
            terminalreporter.write_line(
                threshold_line(self.coverage, fail_under), green=reached, red=not reached, bold=True
            )

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        """On the xdist controller: add a finished worker's coverage."""
        from lsq_mock.coverage import Coverage

        output = getattr(node, "workeroutput", {})
        if output.get(WORKER_COVERAGE_KEY):
            self.coverage.merge(Coverage.from_dict(json.loads(output[WORKER_COVERAGE_KEY])))
