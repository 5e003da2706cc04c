"""The plugin's options: which strictness wins, marker checks, and settings no test can change."""

from __future__ import annotations

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.user_project import user_project

pytest_plugins = ["pytester"]

BROKEN_CALL = """
from client import push, visit_time_row

def break_the_contract(lsq_mock):
    push(lsq_mock.base_url, lsq_mock.access_key, lsq_mock.secret_key,
         [visit_time_row("2026-11-20T11:00:00Z")])
"""
"""A helper the user tests call: one request with a DateTime the API does not take."""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user project with the client and a helper that breaks the contract once."""
    user_project(pytester).makepyfile(breaker=BROKEN_CALL)
    return pytester


def settings_override(strict: str) -> str:
    """A conftest.py overriding `lsq_mock_settings`, with `strict` as the Settings argument."""
    return (
        "import pytest\n"
        "from lsq_mock import Settings\n\n"
        "@pytest.fixture(scope='session')\n"
        "def lsq_mock_settings():\n"
        f"    return Settings(seed='default'{strict})\n"
    )


@pytest.mark.parametrize(
    ("ini", "override", "outcome"),
    [
        pytest.param("", None, {"passed": 1, "errors": 1}, id="default-strict"),
        pytest.param("false", None, {"passed": 1}, id="ini-alone"),
        pytest.param("false", "", {"passed": 1}, id="ini-under-an-override"),
        pytest.param("true", ", strict=False", {"passed": 1}, id="settings-over-ini"),
        pytest.param("false", ", strict=True", {"passed": 1, "errors": 1}, id="settings-strict"),
    ],
)
def test_strictness_comes_from_settings_then_ini_then_default(
    project: pytest.Pytester, ini: str, override: str | None, outcome: dict[str, int]
) -> None:
    if ini:
        project.makeini(f"[pytest]\nlsq_mock_strict = {ini}\n")
    if override is not None:
        project.makeconftest(settings_override(override))
    project.makepyfile(
        test_it="""
        from breaker import break_the_contract

        def test_breaks(lsq_mock):
            break_the_contract(lsq_mock)
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(**outcome)


def test_the_marker_wins_over_settings_and_ini(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nlsq_mock_strict = true\n")
    project.makeconftest(settings_override(", strict=False"))
    project.makepyfile(
        test_marked="""
        import pytest
        from breaker import break_the_contract

        @pytest.mark.lsq_mock(strict=True)
        def test_strict_by_marker(lsq_mock):
            break_the_contract(lsq_mock)

        @pytest.mark.lsq_mock(strict=True)
        def test_strict_by_marker_on_a_factory_server(lsq_mock_factory):
            break_the_contract(lsq_mock_factory())
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2, errors=2)


@pytest.mark.parametrize(
    ("marker", "complaint"),
    [
        ("strcit=False", "unknown option 'strcit'"),
        ("False", "takes keyword options only, not False"),
        ("strict='no'", "strict must be True or False, not 'no'"),
    ],
)
def test_a_wrong_marker_option_fails_the_test_naming_the_valid_ones(
    project: pytest.Pytester, marker: str, complaint: str
) -> None:
    project.makepyfile(
        test_typo=f"""
        import pytest
        from breaker import break_the_contract

        @pytest.mark.lsq_mock({marker})
        def test_typo(lsq_mock):
            break_the_contract(lsq_mock)
        """
    )
    result = project.runpytest(*UNRELATED_PLUGINS)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [f"*@pytest.mark.lsq_mock: {complaint}; valid options: strict=True|False*"]
    )
    assert "Traceback" not in result.stdout.str()


def test_a_rate_limit_set_in_one_test_does_not_reach_a_later_factory_server(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(
        test_leak="""
        from client import push, visit_time_row

        def test_sets_a_rate_limit(lsq_mock):
            lsq_mock.set_rate_limit(1, 60)
            assert lsq_mock.emulator.config()["rate_limit"] == {"calls": 1, "seconds": 60}

        def test_a_factory_server_has_the_session_settings(lsq_mock_factory, lsq_mock_settings):
            other = lsq_mock_factory()
            statuses = []
            for _ in range(2):
                statuses.append(push(other.base_url, other.access_key, other.secret_key,
                                     [visit_time_row("2026-11-20 11:00:00")]).status_code)
                other.advance_clock(5)  # past the bulk APIs' window, not a 1-in-60 s one
            assert statuses == [200, 200]
            assert other.emulator.config()["rate_limit"] == {"calls": 25, "seconds": 5.0}
            assert lsq_mock_settings.rate_limit.calls == 25
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)
