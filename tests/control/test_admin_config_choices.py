"""The disputed answers (`settings.CHOICES`) and the plan change at run time through
PATCH /_mock/config, GET shows them, a value outside the choices is the 400 naming its path, and
the schema's lists are the code's (one definition, checked here)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from lsq_mock import RateLimit, Settings
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.errors import UNKNOWN_LEAD_ANSWERS
from lsq_mock.settings import CHOICES, PLANS
from support.calls import post
from support.envelope import assert_envelope, refused_at
from support.paths import CREATE
from support.running import Running
from support.seeded import LEAD

ONE = {"RelatedProspectId": LEAD, "ActivityEvent": 203}


def config_url(running: Running) -> str:
    return running.url + "/_mock/config"


def patch(running: Running, body: dict[str, Any]) -> dict[str, Any]:
    answer = running.http.patch(config_url(running), json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_schema_lists_each_settings_choices_and_the_plans() -> None:
    properties = shipped_schemas().schema("admin-config")["properties"]
    assert {name: tuple(properties[name]["enum"]) for name in CHOICES} == CHOICES
    assert tuple(properties["plan"]["enum"]) == (*PLANS, None)


def test_the_unknown_lead_choices_are_the_answers_seen_live() -> None:
    assert CHOICES["unknown_lead_exception"] == tuple(UNKNOWN_LEAD_ANSWERS)


def test_each_setting_defaults_to_its_first_choice() -> None:
    defaults = {f.name: f.default for f in dataclasses.fields(Settings)}
    assert {name: defaults[name] for name in CHOICES} == {
        name: allowed[0] for name, allowed in CHOICES.items()
    }


def test_get_config_shows_the_disputed_answers_and_the_plan(running: Running) -> None:
    config = running.http.get(config_url(running)).json()

    assert {name: config[name] for name in CHOICES} == {
        name: allowed[0] for name, allowed in CHOICES.items()
    }
    assert config["plan"] is None


def test_the_over_limit_status_and_the_401_change_at_run_time(running: Running) -> None:
    patch(
        running,
        {
            "rate_limit": {"calls": 1, "seconds": 5},
            "rate_limit_status": 403,
            "unauthorized_exception": "MXInvalidAccessDetailsException",
        },
    )

    assert post(running, CREATE, ONE).status_code == 200
    assert_envelope(post(running, CREATE, ONE), 403, "MXAPIRateLimitExceededException")
    wrong_keys = running.http.post(
        running.url + CREATE, params={"accessKey": "x", "secretKey": "y"}, json=ONE
    )
    assert assert_envelope(wrong_keys, 401, "MXInvalidAccessDetailsException") == (
        "Invalid Access Details provided."
    )


def test_a_plan_sets_the_account_limit_from_the_vendors_table(running: Running) -> None:
    config = patch(running, {"plan": "lite"})

    assert (config["plan"], config["rate_limit"]) == ("lite", {"calls": 2, "seconds": 5.0})
    statuses = [post(running, CREATE, ONE).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert post(running, CREATE, ONE).json()["ExceptionMessage"] == (
        "API calls exceeded the limit of 2 in 5 second(s)"
    )


def test_a_limit_of_its_own_is_no_plans(running: Running) -> None:
    patch(running, {"plan": "pro"})

    config = patch(running, {"rate_limit": {"calls": 7, "seconds": 5}})

    assert (config["plan"], config["rate_limit"]["calls"]) == (None, 7)


def test_a_config_read_back_with_its_plan_patches_cleanly(running: Running) -> None:
    config = patch(running, {"plan": "standard"})

    assert patch(running, config) == config


@pytest.mark.parametrize(
    ("body", "path"),
    [
        *(({name: "nonsense"}, f"$.{name}") for name in CHOICES),
        ({"logical_error_status": 502}, "$.logical_error_status"),
        ({"plan": "gold"}, "$.plan"),
        ({"plan": "pro", "rate_limit": {"calls": 25, "seconds": 5}}, "$.plan"),
    ],
)
def test_a_value_outside_the_choices_is_refused_whole_with_its_path(
    running: Running, body: dict[str, Any], path: str
) -> None:
    before = running.http.get(config_url(running)).json()

    answer = running.http.patch(config_url(running), json={"latency_seconds": 1, **body})

    refused_at(answer, path)
    assert running.http.get(config_url(running)).json() == before


def test_settings_take_a_plan_for_the_account_limit() -> None:
    assert Settings(plan="Pro").rate_limit == RateLimit(5, 5.0)
    assert Settings(plan="Pro").plan == "pro"
    with pytest.raises(ValueError, match="give rate_limit or plan, not both"):
        Settings(plan="pro", rate_limit=RateLimit(3, 5))
    with pytest.raises(ValueError, match="unknown plan 'gold'"):
        Settings(plan="gold")
