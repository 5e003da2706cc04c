"""One strict JSON reading for every body, /v2/ and /_mock/ alike: what Python's json lets through
(NaN, Infinity, 1e400, lone surrogates, deep nesting) is a 400 envelope, never stored, so no
value sent can make an endpoint answer invalid JSON or a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests

from lsq_mock import Emulator, Settings
from lsq_mock.contract.jsonread import MAX_NESTING, read_json
from lsq_mock.emulator import read_seed
from lsq_mock.errors import InvalidInput
from support.attacks import ADMIN_BODIES, ADMIN_ROUTES, NESTED_TOO_DEEP, SURROGATE_BODIES
from support.calls import JSON, post_raw
from support.envelope import assert_envelope
from support.paths import BULK_UPDATE
from support.running import Running
from support.seeded import DEMO


def strict_json(text: str) -> Any:
    """`text` read by a parser that takes only standard JSON (no NaN, no lone surrogates)."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} in an answer")

    value = json.loads(text, parse_constant=refuse)
    json.dumps(value, ensure_ascii=False).encode("utf-8")  # a lone surrogate cannot be encoded
    return value


def every_admin_answer(running: Running) -> dict[str, Any]:
    """What each reading admin endpoint answers, each checked to be strict JSON."""
    answers = {}
    for path in ("config", "faults", "requests", "events", "activities", "clock"):
        answer = running.http.get(f"{running.url}/_mock/{path}", timeout=5)
        assert answer.status_code == 200, answer.text
        answers[path] = strict_json(answer.text)
    return answers


@pytest.mark.parametrize(("method", "route"), ADMIN_ROUTES)
@pytest.mark.parametrize("attack", list(ADMIN_BODIES))
def test_admin_bodies_are_read_as_strictly_as_the_api_bodies(
    running: Running, method: str, route: str, attack: str
) -> None:
    body, reason = ADMIN_BODIES[attack]
    before = every_admin_answer(running)

    answer = running.http.request(method, running.url + route, data=body, headers=JSON)

    assert reason in assert_envelope(answer, 400, "MXInvalidInputException")
    after = every_admin_answer(running)
    assert after["config"] == before["config"]
    assert after["faults"] == before["faults"]
    assert after["activities"] == before["activities"]


@pytest.mark.parametrize("attack", list(SURROGATE_BODIES))
def test_lone_surrogates_on_v2_are_400_not_500(running: Running, attack: str) -> None:
    path, body = SURROGATE_BODIES[attack]
    before = running.emulator.store.activities()

    answer = running.http.post(running.url + path, params=running.keys, data=body, headers=JSON)

    assert "lone UTF-16 surrogate" in assert_envelope(answer, 400, "MXInvalidInputException")
    assert running.emulator.store.activities() == before
    assert every_admin_answer(running)["requests"]["requests"][-1]["status"] == 400


def test_a_surrogate_pair_is_one_character_and_accepted(running: Running) -> None:
    body = json.dumps([{"ProspectActivityId": DEMO, "ActivityNote": "\U0001f600"}])
    assert "\\ud83d\\ude00" in body  # sent as a pair of escaped surrogates

    answer = post_raw(running, body, JSON)

    assert answer.json() == {"Response": [{"RowNumber": 1, "ActivityUpdated": True}]}
    assert running.emulator.store.activity(DEMO)["ActivityNote"] == "\U0001f600"


def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_not() -> None:
    deepest = "[" * MAX_NESTING + "]" * MAX_NESTING
    inside_strings = '["' + "[" * 500 + '"]'

    assert read_json(deepest.encode()) is not None
    assert read_json(inside_strings.encode()) == ["[" * 500]
    with pytest.raises(InvalidInput, match="nested too deeply"):
        read_json(NESTED_TOO_DEEP.encode())


def test_a_deep_value_on_v2_is_refused_and_journaled_as_text(running: Running) -> None:
    body = '[{"ProspectActivityId": "' + DEMO + '", "Extra": ' + NESTED_TOO_DEEP + "}]"

    assert "nested too deeply" in assert_envelope(post_raw(running, body, JSON), 400)
    assert every_admin_answer(running)["requests"]["requests"][-1]["body"] == body


@pytest.mark.parametrize(
    "patch",
    [{"latency_seconds": float("nan")}, {"webhook_url": "http://\ud800"}],
    ids=["nan", "surrogate"],
)
def test_the_python_api_refuses_what_the_http_api_refuses(patch: dict[str, Any]) -> None:
    emulator = Emulator(Settings())

    with pytest.raises(InvalidInput):
        emulator.configure(patch)
    assert emulator.config() == Emulator(Settings()).config()


def test_a_seed_file_is_read_strictly(tmp_path: Path) -> None:
    seed = tmp_path / "seed.json"
    seed.write_text('{"ActivityTypes": [{"ActivityEvent": NaN}], "Activities": []}')

    with pytest.raises(ValueError, match="NaN is not JSON"):
        read_seed(seed)


def test_no_admin_value_makes_an_answer_invalid(running: Running) -> None:
    """The largest values the schemas allow are stored and answered as standard JSON."""
    for path, body in [
        ("/_mock/config", {"rate_limit": {"calls": 1_000_000, "seconds": 1.7e308}}),
        ("/_mock/config", {"latency_seconds": 0, "journal_limit": 10_000_000}),
        ("/_mock/faults", {"kind": "status", "status": 500, "message": "\U0001f600\x00\x1b"}),
    ]:
        method = "PATCH" if path.endswith("config") else "POST"
        answer = running.http.request(method, running.url + path, json=body, timeout=5)
        assert answer.status_code < 300, answer.text
    faulted = requests.post(running.url + BULK_UPDATE, params=running.keys, json=[], timeout=5)

    assert strict_json(faulted.text)["ExceptionMessage"] == "\U0001f600\x00\x1b"
    every_admin_answer(running)
