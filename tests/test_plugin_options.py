"""The plugin's options: which strictness wins, marker checks, and settings no test can change."""

from __future__ import annotations

import pytest

from support.inner_pytest import UNRELATED_PLUGINS
from support.user_project import user_project

pytest_plugins = ["pytester"]


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A user project with the client."""
    return user_project(pytester)


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
            statuses = [
                push(other.base_url, other.access_key, other.secret_key,
                     [visit_time_row("2026-11-20 11:00:00")]).status_code
                for _ in range(2)
            ]
            assert statuses == [200, 200]
            assert other.emulator.config()["rate_limit"] == {"calls": 25, "seconds": 5.0}
            assert lsq_mock_settings.rate_limit.calls == 25
        """
    )
    project.runpytest(*UNRELATED_PLUGINS).assert_outcomes(passed=2)
