"""The conformance kit: a good client passes every scenario, a naive one fails the right ones."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from example_clients import good_adapter, sleeping_adapter

from lsq_mock_contract.conformance import ClientConformance
from lsq_mock_contract.conformance_kit import (
    LIVE_WINDOW_SECONDS,
    Kit,
    clock_keywords,
    update,
)
from lsq_mock_contract.handle import LsqMock
from support.inner_pytest import UNRELATED_PLUGINS
from support.paths import BULK_UPDATE

pytest_plugins = ["pytester"]

SCENARIOS = {
    "test_more_than_25_updates_go_in_paced_batches_of_at_most_25",
    "test_a_429_is_retried_after_waiting",
    "test_a_401_raises",
    "test_a_failed_row_is_surfaced",
    "test_a_transient_500_is_handled_as_declared",
    "test_a_logical_500_is_raised_not_retried",
    "test_a_dropped_connection_is_handled_as_declared",
    "test_datetimes_go_out_as_utc",
    "test_keys_go_where_the_api_expects_and_never_into_logs",
}
NAIVE_FAILS = {
    "test_more_than_25_updates_go_in_paced_batches_of_at_most_25",
    "test_a_429_is_retried_after_waiting",
    "test_a_failed_row_is_surfaced",
    "test_datetimes_go_out_as_utc",
    "test_keys_go_where_the_api_expects_and_never_into_logs",
}


class TestTheGoodClientConforms(ClientConformance):
    """The well-behaved requests client passes every scenario, as any user's subclass would,
    waiting out the live 5 s windows on the kit's clock."""

    adapter = staticmethod(good_adapter)
    retries_on_5xx = True


class TestTheGoodClientSleepingForRealConforms(ClientConformance):
    """The same client, as an adapter that does not take the kit's sleep: it waits for real, on
    the kit's short windows."""

    adapter = staticmethod(sleeping_adapter)
    retries_on_5xx = True


def test_the_kits_sleep_moves_the_emulators_clock_instead_of_waiting(lsq_mock: LsqMock) -> None:
    readings = []

    def adapter(
        updates: list[dict[str, Any]],
        base_url: str,
        access_key: str,
        secret_key: str,
        *,
        sleep: Callable[[float], None],
        clock: Callable[[], float],
    ) -> object:
        readings.append(clock())
        sleep(3600)
        readings.append(clock())
        with pytest.raises(ValueError, match="non-negative"):
            sleep(-1)
        return good_adapter(updates, base_url, access_key, secret_key, sleep)

    kit = Kit(lsq_mock, adapter)
    kit.handle.set_bulk_rate_limit(1, kit.window)
    outcome = kit.call([update(n, "paced") for n in range(1, 61)])

    assert outcome.raised is None, outcome.describe()
    assert kit.window == LIVE_WINDOW_SECONDS
    assert 3600 <= readings[1] - readings[0] < 3660
    assert kit.statuses() == [200, 429, 200, 429, 200]  # each 429 waited out on the kit's clock
    assert outcome.slept == 3600 + 2 * LIVE_WINDOW_SECONDS
    assert "after waiting 3610 s on the kit's clock" in outcome.describe()
    stamps = [datetime.fromisoformat(e["timestamp"].rstrip("Z")) for e in kit.requests()]
    assert (stamps[-1] - stamps[0]).total_seconds() >= 2 * LIVE_WINDOW_SECONDS


def positional(
    updates: list[dict[str, Any]], base_url: str, access_key: str, secret_key: str
) -> None:
    return None


def keyword_sleep_only(
    updates: list[dict[str, Any]],
    base_url: str,
    access_key: str,
    secret_key: str,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    return None


def any_keywords(
    updates: list[dict[str, Any]],
    base_url: str,
    access_key: str,
    secret_key: str,
    **options: object,
) -> None:
    return None


def positional_only_sleep(
    updates: list[dict[str, Any]],
    base_url: str,
    access_key: str,
    secret_key: str,
    sleep: Callable[[float], None],
    /,
) -> None:
    return None


@pytest.mark.parametrize(
    ("adapter", "keywords"),
    [
        (positional, ()),
        (keyword_sleep_only, ("sleep",)),
        (any_keywords, ("sleep", "clock")),
        (positional_only_sleep, ()),
        (print, ()),
    ],
    ids=["neither", "sleep", "kwargs", "positional-only", "builtin"],
)
def test_the_kit_hands_over_only_the_keywords_an_adapter_takes(
    adapter: Callable[..., object], keywords: tuple[str, ...]
) -> None:
    assert clock_keywords(adapter) == keywords


def test_the_kit_has_the_documented_scenarios() -> None:
    assert {name for name in dir(ClientConformance) if name.startswith("test_")} == SCENARIOS


def test_the_naive_client_fails_exactly_what_it_breaks(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        example_clients=Path(__file__).parents[1].joinpath("example_clients.py").read_text(),
        test_naive="""
        from lsq_mock_contract.conformance import ClientConformance
        from example_clients import naive_adapter

        class TestNaive(ClientConformance):
            adapter = staticmethod(naive_adapter)
        """,
    )
    result = pytester.runpytest(*UNRELATED_PLUGINS, "-rf")
    reports = result.reprec.getreports("pytest_runtest_logreport")  # type: ignore[attr-defined]
    failed = {r.nodeid.rsplit("::", 1)[1] for r in reports if r.when == "call" and r.failed}
    assert failed == NAIVE_FAILS
    result.assert_outcomes(passed=len(SCENARIOS) - len(NAIVE_FAILS), failed=len(NAIVE_FAILS))
    output = result.stdout.str()
    assert "client conformance: 60 updates were not sent in batches of at most 25" in output
    assert f"request #1 POST {BULK_UPDATE} -> 400" in output
    assert "$ has 60 activities; the maximum limit is 25 activities" in output
    assert "client conformance: a 429 was not retried to success" in output
    assert "a row answered ActivityUpdated: false was not surfaced" in output
    assert "the adapter returned None" in output
    assert (
        "2026-11-20T16:30:00+05:30 went out as '2026-11-20T16:30:00+05:30', "
        "not '2026-11-20 11:00:00'" in output
    )
    assert "the secret key leaked into the logs, stdout or stderr" in output
    assert "leaked: lsq: POST http://127.0.0.1:" in output
    assert "&secretKey=*** (2 updates)" in output
    assert "lsqmocksecret" not in output
