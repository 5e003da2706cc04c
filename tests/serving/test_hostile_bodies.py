"""The bodies that cost most to check (issue 24), each just under the size limit, under every
server: each is answered as a small body of its kind is, the 400 envelope naming the first fault
or a 200, and the journal says when it stopped counting violations. How long each takes is
benchmarks/abuse.py's to measure."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings, create_app
from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS
from lsq_mock.resources import default_seed_path
from lsq_mock.serving.server import ServingThread
from lsq_mock.serving.wsgi_servers import SERVER_NAMES
from support.calls import ADMIN_CLIENT, JSON
from support.envelope import assert_envelope
from support.hostile import HostileBody, hostile_bodies, url_path
from support.servers import serving_with

BODIES = {body.name: body for body in hostile_bodies()}


@pytest.fixture(scope="module", params=SERVER_NAMES)
def server(request: pytest.FixtureRequest) -> Iterator[ServingThread]:
    """Each server option, in this process, with the shipped seed and no rate limits."""
    with serving_with(request.param) as running:
        yield running


def send(server: ServingThread, body: HostileBody) -> requests.Response:
    requests.delete(server.url_for("/_mock/requests"), headers=ADMIN_CLIENT, timeout=10)
    return requests.post(server.url_for(url_path(body)), data=body.body, headers=JSON, timeout=60)


@pytest.mark.parametrize("name", list(BODIES))
def test_a_hostile_body_is_answered_as_a_small_one_of_its_kind(
    server: ServingThread, name: str
) -> None:
    body = BODIES[name]

    answer = send(server, body)

    if body.status >= 400:
        assert body.fragment in assert_envelope(answer, body.status, body.exception_type)
    else:
        assert answer.status_code == body.status, answer.text[:300]
        assert body.fragment in answer.text
    assert requests.get(server.url_for("/_mock/health"), timeout=10).status_code == 200


@pytest.mark.parametrize("name", ["fields-as-numbers", "row-of-unknown-keys"])
def test_the_journal_says_it_stopped_counting(server: ServingThread, name: str) -> None:
    send(server, BODIES[name])

    (entry,) = requests.get(server.url_for("/_mock/requests"), timeout=10).json()["requests"]
    assert len(entry["contract"]) == MAX_VIOLATIONS
    assert entry["contract_omitted"] >= MAX_COUNTED
    assert entry["contract_omitted_capped"] is True


@pytest.mark.parametrize("name", ["fields-of-numbers", "lead-of-numbers", "fields-as-numbers"])
def test_a_call_leaves_no_cycle_holding_its_body(name: str) -> None:
    """Freed as the call ends, not at the next full garbage collection: a request in its own
    environ, or an error's traceback holding the call, kept each body's megabytes until then."""
    body = BODIES[name]
    client = create_app(Settings(seed=default_seed_path(), rate_limit=RateLimit(0))).test_client()
    gc.collect()
    gc.disable()
    try:
        before = {id(o) for o in _large_containers()}  # other tests' parameters among them
        client.post(url_path(body), data=body.body, headers=JSON)
        held = [o for o in _large_containers() if id(o) not in before]
    finally:
        gc.enable()

    assert held == []


def _large_containers() -> list[Any]:
    return [o for o in gc.get_objects() if isinstance(o, list | dict) and len(o) > 10_000]
