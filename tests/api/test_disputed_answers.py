"""Where public evidence of the live API disagrees, the emulator answers one way by default and
the other way behind a setting: the 401's ExceptionType and the over-limit status."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.resources import default_seed_path
from support.calls import post
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE, CREATE
from support.running import Running, serving
from support.seeded import LEAD

ONE = {"RelatedProspectId": LEAD, "ActivityEvent": 203}


def _with(**settings: Any) -> Any:
    return serving(Settings(seed=default_seed_path(), **settings))


def test_the_default_401_is_mx_unauthorized_access(running: Running) -> None:
    answer = running.http.post(
        running.url + BULK_UPDATE, params={"accessKey": "x", "secretKey": "y"}, json=[]
    )
    message = assert_envelope(answer, 401, "MXUnAuthorizedAccessException")
    assert message == "Invalid accessKey or secretKey: check your AccessKey and SecretKey"


def test_the_other_401_seen_live_is_a_setting() -> None:
    with _with(unauthorized_exception="MXInvalidAccessDetailsException") as running:
        answer = running.http.post(running.url + CREATE, json=ONE)
        message = assert_envelope(answer, 401, "MXInvalidAccessDetailsException")
        assert message == "Invalid Access Details provided."
        assert running.emulator.journal.entries()[-1]["contract"][0]["rule"] == "auth"


@pytest.mark.parametrize("status", [403, 200])
def test_the_over_limit_envelope_may_come_with_403_or_200(status: int) -> None:
    with _with(rate_limit=RateLimit(1, 5), rate_limit_status=status) as running:
        assert post(running, CREATE, ONE).status_code == 200
        answer = post(running, CREATE, ONE)
        message = assert_envelope(answer, status, "MXAPIRateLimitExceededException")
        assert message == "API calls exceeded the limit of 1 in 5 second(s)"


def test_the_envelope_may_carry_is_mx_exception_as_seen_live() -> None:
    with _with(is_mx_exception=True) as running:
        answer = post(running, CREATE, {**ONE, "ActivityEvent": 999})
        assert answer.status_code == 500
        assert answer.json() == {
            "Status": "Error",
            "ExceptionType": "MXInvalidActivityException",
            "ExceptionMessage": "Event Code is invalid or empty",
            "IsMXException": True,
        }


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("rate_limit_status", 418),
        ("logical_error_status", 502),
        ("unauthorized_exception", "MXNopeException"),
        ("retrieve_offset", "pages"),
    ],
)
def test_a_setting_outside_its_choices_is_refused(name: str, value: Any) -> None:
    with pytest.raises(ValueError, match=f"{name} must be one of"):
        Settings(**{name: value})
