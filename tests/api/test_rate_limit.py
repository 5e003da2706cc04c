"""The rate limit over real HTTP, on the fake clock: never a sleep."""

from __future__ import annotations

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.calls import post_raw, row
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO

LIMITED = "MXAPIRateLimitExceededException"
ROWS = [row(DEMO, ("mx_Custom_1", "x"))]


def _fill(running: Running, calls: int) -> None:
    for _ in range(calls):
        assert running.bulk_update(ROWS).status_code == 200


def test_n_calls_pass_and_the_next_is_429(running: Running) -> None:
    _fill(running, 25)
    message = assert_envelope(running.bulk_update(ROWS), 429, LIMITED)
    assert message == "API calls exceeded the limit of 25 in 5 second(s)"


def test_429_does_not_change_the_store(running: Running) -> None:
    _fill(running, 25)
    before = running.emulator.store.activity(DEMO)
    events = len(running.emulator.events.entries())
    answer = running.bulk_update([row(DEMO, ("mx_Custom_1", "late"))])
    assert answer.status_code == 429
    assert running.emulator.store.activity(DEMO) == before
    assert len(running.emulator.events.entries()) == events


def test_calls_pass_again_after_the_window(running: Running) -> None:
    _fill(running, 25)
    assert running.bulk_update(ROWS).status_code == 429
    running.fake_time.now += 4.9
    assert running.bulk_update(ROWS).status_code == 429
    running.fake_time.now += 0.2
    _fill(running, 25)
    assert running.bulk_update(ROWS).status_code == 429


def test_window_slides(running: Running) -> None:
    """Calls leave the window one by one, at their own time plus the window length."""
    _fill(running, 10)
    running.fake_time.now += 3
    _fill(running, 15)
    assert running.bulk_update(ROWS).status_code == 429
    running.fake_time.now += 2.5  # the first 10 are out, the last 15 are in
    _fill(running, 10)
    assert running.bulk_update(ROWS).status_code == 429


def test_refused_calls_are_not_counted(running: Running) -> None:
    """Hammering while limited does not push the reopening further away."""
    _fill(running, 25)
    for _ in range(10):
        assert running.bulk_update(ROWS).status_code == 429
    running.fake_time.now += 5.01
    _fill(running, 25)


def test_400_and_401_count_against_the_limit(running: Running) -> None:
    for _ in range(10):
        assert post_raw(running, "[", {"Content-Type": "application/json"}).status_code == 400
    bad_keys = {"accessKey": "u$rwrong", "secretKey": "wrong"}
    for _ in range(10):
        answer = running.http.post(running.url + BULK_UPDATE, params=bad_keys, json=ROWS)
        assert answer.status_code == 401
    _fill(running, 5)
    assert_envelope(running.bulk_update(ROWS), 429, LIMITED)


def test_bad_keys_are_401_even_when_over_the_limit(running: Running) -> None:
    _fill(running, 25)
    answer = running.http.post(running.url + BULK_UPDATE, params={"accessKey": "x"}, json=ROWS)
    assert_envelope(answer, 401, "MXUnAuthorizedAccessException")


def test_unknown_paths_do_not_count(running: Running) -> None:
    for _ in range(30):
        answer = running.http.post(running.url + "/v2/nope", params=running.keys, json=ROWS)
        assert answer.status_code == 404
    _fill(running, 25)


def test_reset_empties_the_window(running: Running) -> None:
    _fill(running, 25)
    running.emulator.reset()
    _fill(running, 25)


class TestDisabled:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(
            seed=default_seed_path(), rate_limit=RateLimit(0), bulk_rate_limit=RateLimit(0)
        )

    def test_rate_limit_zero_never_refuses(self, running: Running) -> None:
        _fill(running, 60)


class TestCustomLimit:
    @pytest.fixture
    def settings(self) -> Settings:
        return Settings(
            seed=default_seed_path(),
            rate_limit=RateLimit.parse("3/2"),
            bulk_rate_limit=RateLimit(0),
        )

    def test_custom_limit_and_message(self, running: Running) -> None:
        _fill(running, 3)
        message = assert_envelope(running.bulk_update(ROWS), 429, LIMITED)
        assert message == "API calls exceeded the limit of 3 in 2 second(s)"
        running.fake_time.now += 2
        _fill(running, 3)
        assert running.bulk_update(ROWS).status_code == 429


SHORT_WINDOWS = {
    "2/0.5": "API calls exceeded the limit of 2 in 0.5 second(s)",
    "3/1": "API calls exceeded the limit of 3 in 1 second(s)",
}


class TestShortWindows:
    @pytest.fixture(params=list(SHORT_WINDOWS))
    def settings(self, request: pytest.FixtureRequest) -> Settings:
        return Settings(
            seed=default_seed_path(),
            rate_limit=RateLimit.parse(request.param),
            bulk_rate_limit=RateLimit(0),
        )

    def test_a_window_of_a_second_or_less_limits_and_reopens(self, running: Running) -> None:
        limit = running.emulator.limiter.limit
        _fill(running, limit.calls)
        message = assert_envelope(running.bulk_update(ROWS), 429, LIMITED)
        assert message == SHORT_WINDOWS[str(limit)]
        running.fake_time.now += limit.seconds
        _fill(running, limit.calls)


def test_runtime_limit_change(running: Running) -> None:
    running.emulator.limiter.set_limits(RateLimit(2, 5), RateLimit(0))
    _fill(running, 2)
    assert "limit of 2 in 5" in assert_envelope(running.bulk_update(ROWS), 429, LIMITED)


def test_a_limit_by_default_is_the_endpoint_pages_25_in_5_seconds() -> None:
    assert RateLimit() == RateLimit(25, 5.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/5", RateLimit(25, 5)),
        ("3/2", RateLimit(3, 2)),
        ("7/1", RateLimit(7, 1)),
        ("1/5", RateLimit(1, 5)),
        ("2/0.5", RateLimit(2, 0.5)),
        ("0", RateLimit(0)),
        ("7", RateLimit(7, 5)),
    ],
)
def test_parse_accepts(text: str, expected: RateLimit) -> None:
    assert RateLimit.parse(text) == expected


@pytest.mark.parametrize("text", ["5/0", "5/0.0", "5/00"])
def test_parse_refuses_a_window_of_no_time_saying_why(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        RateLimit.parse(text)
    assert str(refused.value) == f"rate limit {text!r}: seconds must be > 0"


@pytest.mark.parametrize(
    "text",
    ["-1/5", "5/-1", "5/nan", "5/inf", "-1", "1e3/5", "5/1e3", "1_0/5", "+5/5", "\u0663/5"],
)
def test_parse_refuses_what_is_not_ascii_digits_saying_how(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        RateLimit.parse(text)
    assert str(refused.value) == (
        f"rate limit {text!r}: CALLS/SECONDS in ASCII digits (25/5, 2/0.5)"
    )


@pytest.mark.parametrize("text", ["", "abc", "5/x", "2.5/5", "7/"])
def test_parse_refuses_what_is_not_a_limit(text: str) -> None:
    with pytest.raises(ValueError):
        RateLimit.parse(text)


@pytest.mark.parametrize(
    ("limit", "shown"),
    [
        (RateLimit(25, 5), "25/5"),
        (RateLimit(1, 5), "1/5"),
        (RateLimit(7, 1), "7/1"),
        (RateLimit(2, 0.5), "2/0.5"),
        (RateLimit(0), "off"),
        (RateLimit(0, 1), "off"),
    ],
)
def test_str_is_calls_per_seconds_and_off_only_for_zero(limit: RateLimit, shown: str) -> None:
    """What `serve` prints for each limit."""
    assert str(limit) == shown
