"""The lsq-mock pytest plugin: a running emulator per session, a fresh one per test, and a
contract check of whatever client the test drove against it.

Registered through the `pytest11` entry point; mockserver is imported only when a fixture is
used, so merely having lsq-mock installed costs other test suites nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lsq_mock_contract import coverage_plugin
from lsq_mock_contract.replay import lsq_mock_replay  # noqa: F401  (a fixture of this plugin)

if TYPE_CHECKING:
    from lsq_mock import MockServer, Settings
    from lsq_mock.catalogue.rules import FindingKind
    from lsq_mock_contract.handle import LsqMock
    from lsq_mock_contract.target import Target, TargetOptions

REPORT_KEY = pytest.StashKey[list[dict[str, Any]]]()
MARKER = "lsq_mock"
MARKER_OPTIONS = {"strict": "True|False", "fail_on": "'contract'|'outcome'|'all'"}
"""The options `@pytest.mark.lsq_mock(...)` takes, each with the values it takes."""
WORKER_OUTPUT_KEY = "lsq_mock_violations"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--lsq-mock-report FILE`, the `lsq_mock_strict` ini setting and the provider's target."""
    group = parser.getgroup("lsq-mock", "LeadSquared API emulator")
    group.addoption(
        "--lsq-mock-report",
        metavar="FILE",
        default=None,
        help="write every contract violation of the run to FILE as JSON",
    )
    coverage_plugin.add_options(group)
    _add_target_options(group)
    parser.addini(
        "lsq_mock_fail_on",
        default="outcome",
        help="which findings fail a strict test: contract (what the client sent is wrong "
        "whatever the tenant holds), outcome (also a valid request the tenant's data made fail: "
        "the default) or all (also calls of vendor APIs lsq-mock does not emulate)",
    )
    parser.addini(
        "lsq_mock_strict",
        type="bool",
        default=True,
        help="fail a test whose client broke the LeadSquared API contract (default: true); "
        "Settings(strict=...) and the lsq_mock(strict=...) marker take precedence",
    )


def _add_target_options(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--lsq-base-url",
        metavar="URL",
        help="run the provider suite against this host instead of the emulator (env LSQ_BASE_URL)",
    )
    group.addoption("--lsq-access-key", metavar="KEY", help="its access key (env LSQ_ACCESS_KEY)")
    group.addoption("--lsq-secret-key", metavar="KEY", help="its secret key (env LSQ_SECRET_KEY)")
    group.addoption(
        "--lsq-activity-id",
        metavar="ID",
        action="append",
        default=[],
        help="an activity the provider suite may update (repeat; env LSQ_ACTIVITY_ID=a,b)",
    )
    group.addoption(
        "--lsq-field",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="a field value the suite may write to those activities: the value they hold now",
    )
    group.addoption(
        "--lsq-datetime-field", metavar="NAME", help="one of --lsq-field that is a DateTime"
    )
    group.addoption(
        "--lsq-dropdown-field", metavar="NAME", help="one of --lsq-field that is a dropdown"
    )
    group.addoption(
        "--lsq-unlisted-option",
        metavar="VALUE",
        help="a value outside the dropdown's options the suite may write (then puts back)",
    )
    group.addoption(
        "--lsq-lead-id",
        metavar="ID",
        help="a lead the suite may read: its activities, and the lead lookups by its id, "
        "email and phone",
    )
    group.addoption(
        "--lsq-lead-email",
        metavar="EMAIL",
        help="the email the write checks post an activity by (a lead is created if none has it)",
    )
    group.addoption(
        "--lsq-spend-quota",
        action="store_true",
        help="also check the 429 answer, which spends the tenant's API quota",
    )
    group.addoption(
        "--lsq-allow-writes",
        action="store_true",
        help="also check Create by email, CreateType and the lead writes, which leave records "
        "on the tenant",
    )


def _target_options(config: pytest.Config) -> TargetOptions:
    from lsq_mock_contract.target import TargetOptions

    return TargetOptions(
        base_url=config.getoption("--lsq-base-url"),
        access_key=config.getoption("--lsq-access-key"),
        secret_key=config.getoption("--lsq-secret-key"),
        activity_ids=tuple(config.getoption("--lsq-activity-id")),
        fields=tuple(config.getoption("--lsq-field")),
        datetime_field=config.getoption("--lsq-datetime-field"),
        dropdown_field=config.getoption("--lsq-dropdown-field"),
        unlisted_option=config.getoption("--lsq-unlisted-option"),
        lead_id=config.getoption("--lsq-lead-id"),
        lead_email=config.getoption("--lsq-lead-email"),
        spend_quota=config.getoption("--lsq-spend-quota"),
        allow_writes=config.getoption("--lsq-allow-writes"),
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker, start collecting violations, refuse an unsafe `--lsq-base-url`."""
    if config.getoption("--lsq-base-url"):
        from lsq_mock_contract.target import TargetRefused, real_target

        try:
            real_target(_target_options(config))
        except TargetRefused as error:
            raise pytest.UsageError(str(error)) from None
    config.addinivalue_line(
        "markers",
        f"{MARKER}(strict=True, fail_on='outcome'): per-test options of the lsq-mock emulator; "
        "strict=False lets the test pass even if its client broke the API contract (beats "
        "Settings.strict and the lsq_mock_strict ini setting); fail_on says which findings fail "
        "it (contract, outcome or all; beats the lsq_mock_fail_on ini setting)",
    )
    config.stash[REPORT_KEY] = []
    if coverage_plugin.wanted(config):
        plugin = coverage_plugin.CoveragePlugin(config)
        config.pluginmanager.register(plugin, coverage_plugin.PLUGIN_NAME)


@pytest.fixture(scope="session")
def lsq_mock_settings() -> Settings:
    """The emulator's settings for the session: override this fixture to change keys, rate
    limit, seed or strictness (`Settings(strict=False)`; left unset, the ini setting decides)."""
    from lsq_mock import Settings
    from lsq_mock.resources import DEFAULT_SEED

    return Settings(seed=DEFAULT_SEED)


@pytest.fixture(scope="session")
def lsq_mock_server(lsq_mock_settings: Settings) -> Iterator[MockServer]:
    """A running emulator on a free loopback port, for the whole session (one per xdist worker)."""
    import gc

    from lsq_mock import MockServer

    with MockServer(lsq_mock_settings) as server:
        # What the session made so far (modules, schemas, the app, the seeded tenant) is left out
        # of later garbage collections while it runs: each full collection walked them all, a
        # pause of tens of milliseconds that made a test cost several times its call.
        gc.collect()
        gc.freeze()
        try:
            yield server
        finally:
            gc.unfreeze()


@pytest.fixture
def lsq_mock(
    request: pytest.FixtureRequest, lsq_mock_server: MockServer, lsq_mock_settings: Settings
) -> Iterator[LsqMock]:
    """The session's emulator, reset for this test; checks the client's requests at teardown."""
    from lsq_mock_contract.handle import LsqMock

    handle = LsqMock(
        lsq_mock_server,
        strict=_strictness(request, lsq_mock_settings),
        fail_on=_fail_on(request),
    )
    handle.reset()
    yield handle
    _finish(request, handle)


@pytest.fixture
def lsq_mock_factory(
    request: pytest.FixtureRequest, lsq_mock_settings: Settings
) -> Iterator[Callable[..., LsqMock]]:
    """Start extra, independent emulators in one test: `lsq_mock_factory(settings=None)`."""
    from lsq_mock import MockServer
    from lsq_mock_contract.handle import LsqMock

    started: list[LsqMock] = []

    def start(settings: Settings | None = None) -> LsqMock:
        server = MockServer(settings or lsq_mock_settings).start()
        handle = LsqMock(
            server,
            strict=_strictness(request, settings or lsq_mock_settings),
            fail_on=_fail_on(request),
        )
        started.append(handle)
        return handle

    yield start
    try:
        for handle in started:
            _finish(request, handle)
    finally:
        for handle in started:
            handle.server.stop()


@pytest.fixture(scope="session")
def lsq_real_target(pytestconfig: pytest.Config) -> Target | None:
    """The real host the `--lsq-*` options (or LSQ_* variables) name, or None: the emulator."""
    from lsq_mock_contract.target import TargetRefused, real_target

    try:
        return real_target(_target_options(pytestconfig))
    except TargetRefused as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def lsq_target(request: pytest.FixtureRequest, lsq_real_target: Target | None) -> Target:
    """What the provider suite checks: the real host if named, else this test's emulator."""
    if lsq_real_target is not None:
        return lsq_real_target
    from lsq_mock_contract.provider import emulator_target

    return emulator_target(request.getfixturevalue("lsq_mock"))


def _strictness(request: pytest.FixtureRequest, settings: Settings) -> bool:
    """The first that says: the closest `lsq_mock(strict=...)` marker, `Settings.strict`, the
    `lsq_mock_strict` ini setting (true unless set)."""
    markers = list(request.node.iter_markers(MARKER))
    for marker in markers:
        problem = _marker_problem(marker)
        if problem is not None:
            pytest.fail(
                f"@pytest.mark.{MARKER}: {problem}; valid options: "
                + ", ".join(f"{name}={kinds}" for name, kinds in MARKER_OPTIONS.items()),
                pytrace=False,
            )
    for marker in markers:
        if "strict" in marker.kwargs:
            return bool(marker.kwargs["strict"])
    if settings.strict is not None:
        return settings.strict
    return bool(request.config.getini("lsq_mock_strict"))


def _fail_on(request: pytest.FixtureRequest) -> frozenset[FindingKind]:
    """The kinds of finding that fail a strict test: the closest `lsq_mock(fail_on=...)`
    marker, else the `lsq_mock_fail_on` ini setting (default: outcome)."""
    from lsq_mock.journal.report import FAIL_ON

    for marker in request.node.iter_markers(MARKER):
        if "fail_on" in marker.kwargs:
            return FAIL_ON[marker.kwargs["fail_on"]]
    chosen = str(request.config.getini("lsq_mock_fail_on"))
    if chosen not in FAIL_ON:
        pytest.fail(
            f"lsq_mock_fail_on = {chosen!r}: choose one of {', '.join(FAIL_ON)}", pytrace=False
        )
    return FAIL_ON[chosen]


def _marker_problem(marker: pytest.Mark) -> str | None:
    if marker.args:
        return f"takes keyword options only, not {', '.join(map(repr, marker.args))}"
    for name, value in marker.kwargs.items():
        if name not in MARKER_OPTIONS:
            return f"unknown option {name!r}"
        if name == "fail_on":
            if value not in ("contract", "outcome", "all"):
                return f"fail_on must be 'contract', 'outcome' or 'all', not {value!r}"
        elif not isinstance(value, bool):
            return f"{name} must be True or False, not {value!r}"
    return None


def _finish(request: pytest.FixtureRequest, handle: LsqMock) -> None:
    coverage_plugin.count(request.config, handle, request.node.nodeid)
    request.config.stash[REPORT_KEY].extend(
        {**violation, "test": request.node.nodeid, "strict": handle.strict}
        for violation in handle.violations
    )
    report = handle.failure_report(advice=True) if handle.strict else None
    if report is not None:
        pytest.fail(report, pytrace=False)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write `--lsq-mock-report`; an xdist worker hands its violations to the controller instead
    (coverage_plugin does the same for coverage)."""
    config = session.config
    collected = config.stash.get(REPORT_KEY, [])
    worker_output = getattr(config, "workeroutput", None)
    if worker_output is not None:
        worker_output[WORKER_OUTPUT_KEY] = json.dumps(collected)
        return
    report_path = config.getoption("--lsq-mock-report")
    if report_path:
        Path(report_path).write_text(
            json.dumps({"violations": collected, "count": len(collected)}, indent=2) + "\n",
            encoding="utf-8",
        )


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """On the xdist controller: gather a finished worker's violations."""
    violations = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
    if violations:
        node.config.stash[REPORT_KEY].extend(json.loads(violations))
