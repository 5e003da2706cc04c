"""Two limits, as the vendor's rate-limits page documents them: the account's (every call) and
the bulk APIs' own (1 call in 5 s on every plan), both over real HTTP on the fake clock."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from lsq_mock import Clock, RateLimit, Settings
from lsq_mock.ratelimit import PLAN_CALLS_PER_5_SECONDS, Exceeded, TenantLimiter
from lsq_mock.resources import default_seed_path
from support.calls import post, row
from support.envelope import assert_envelope
from support.paths import BULK_ADD, BULK_UPDATE, CREATE, TYPES
from support.running import Running, serving
from support.seeded import DEMO, LEAD

LIMITED = "MXAPIRateLimitExceededException"
BULK_ROWS = [row(DEMO, ("mx_Custom_1", "x"))]
ADD_ROWS = [{"RelatedProspectId": LEAD, "ActivityEvent": 203}]
ONE = {"RelatedProspectId": LEAD, "ActivityEvent": 203}


def _message(answer: requests.Response) -> str:
    return assert_envelope(answer, 429, LIMITED)


class TestTheLiveDefaults:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path())

    def test_a_second_bulk_call_within_5_s_is_429_naming_the_bulk_limit(
        self, running: Running
    ) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        message = _message(post(running, BULK_UPDATE, BULK_ROWS))
        assert message == "API calls exceeded the limit of 1 in 5 second(s)"

    def test_bulk_add_and_bulk_update_share_the_bulk_window(self, running: Running) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert "limit of 1 in 5" in _message(post(running, BULK_ADD, ADD_ROWS))

    def test_other_endpoints_are_not_held_by_the_bulk_limit(self, running: Running) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert post(running, CREATE, ONE).status_code == 200
        assert running.http.get(running.url + TYPES, params=running.keys).status_code == 200

    def test_the_next_bulk_call_passes_once_the_window_has_passed(self, running: Running) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        running.fake_time.now += 5.001
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200

    def test_the_account_limit_is_the_endpoint_pages_25_in_5_s(self, running: Running) -> None:
        for _ in range(25):
            assert post(running, CREATE, ONE).status_code == 200
        assert _message(post(running, CREATE, ONE)).endswith("limit of 25 in 5 second(s)")


class TestBothWindows:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(
            seed=default_seed_path(), rate_limit=RateLimit(2, 5), bulk_rate_limit=RateLimit(1, 5)
        )

    def test_a_bulk_call_counts_in_the_account_limit_too(self, running: Running) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert post(running, CREATE, ONE).status_code == 200
        assert _message(post(running, CREATE, ONE)).endswith("limit of 2 in 5 second(s)")

    def test_a_call_refused_by_the_bulk_limit_counts_in_neither(self, running: Running) -> None:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert "limit of 1 in 5" in _message(post(running, BULK_UPDATE, BULK_ROWS))
        assert post(running, CREATE, ONE).status_code == 200  # the account had room for one

    def test_the_journal_names_the_window_that_refused_each_call(self, running: Running) -> None:
        journaled = running.emulator.journal.entries
        post(running, BULK_UPDATE, BULK_ROWS)
        post(running, BULK_UPDATE, BULK_ROWS)
        by_bulk = journaled()[-1]["rate_limit"]
        post(running, CREATE, ONE)
        post(running, CREATE, ONE)

        assert (by_bulk, journaled()[-1]["rate_limit"]) == ("bulk", "account")
        assert [entry["rate_limit"] for entry in journaled()[:1]] == [None]

    def test_zero_turns_the_bulk_limit_off_at_run_time(self, running: Running) -> None:
        answer = running.http.patch(
            running.url + "/_mock/config", json={"bulk_rate_limit": {"calls": 0, "seconds": 5}}
        )
        assert answer.json()["bulk_rate_limit"] == {"calls": 0, "seconds": 5}
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        assert "limit of 2 in 5" in _message(post(running, BULK_UPDATE, BULK_ROWS))


class TestTheClockMovedBack:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(seed=default_seed_path(), rate_limit=RateLimit(1, 5))

    def test_calls_from_the_future_never_jam_the_window(self, running: Running) -> None:
        clock = running.emulator.clock
        assert post(running, CREATE, ONE).status_code == 200
        clock.advance(-3600)
        assert post(running, CREATE, ONE).status_code == 200
        assert post(running, CREATE, ONE).status_code == 429
        clock.advance(3600)
        assert post(running, CREATE, ONE).status_code == 200
        clock.advance(-10)
        assert post(running, CREATE, ONE).status_code == 200


@pytest.mark.parametrize(("plan", "calls"), sorted(PLAN_CALLS_PER_5_SECONDS.items()))
def test_each_plan_gives_the_vendors_account_limit(plan: str, calls: int) -> None:
    assert RateLimit.for_plan(plan) == RateLimit(calls, 5)
    assert RateLimit.for_plan(plan.upper()) == RateLimit(calls, 5)


def test_the_plan_table_is_the_vendors() -> None:
    expected: dict[str, Any] = {
        "lite": 2,
        "pro": 5,
        "super": 10,
        "basic": 10,
        "standard": 15,
        "enterprise": 25,
    }
    assert expected == PLAN_CALLS_PER_5_SECONDS


def test_an_unknown_plan_is_refused_naming_the_plans() -> None:
    with pytest.raises(ValueError) as refused:
        RateLimit.for_plan("gold")
    assert str(refused.value) == (
        "unknown plan 'gold'; plans: lite, pro, super, basic, standard, enterprise"
    )


def test_a_reset_empties_the_bulk_window_too() -> None:
    with serving(Settings(seed=default_seed_path())) as running:
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200
        running.emulator.reset()
        assert post(running, BULK_UPDATE, BULK_ROWS).status_code == 200


def test_the_limiter_says_its_limits_and_counts_a_plain_call_in_the_account_only() -> None:
    limiter = TenantLimiter(RateLimit(2, 5), RateLimit(1, 5), Clock(lambda: 1_800_000_000.0))
    limiter.set_limits(RateLimit(3, 5), RateLimit(1, 10))

    admitted = [limiter.try_acquire() for _ in range(3)]

    assert (limiter.limit, limiter.bulk_limit) == (RateLimit(3, 5), RateLimit(1, 10))
    assert admitted == [None, None, None]
    assert limiter.try_acquire() == Exceeded("account", RateLimit(3, 5))
