"""The calls public clients make to the lead endpoints, the user lookup and the activity reads
(support/client_traffic.py) replay against the emulator over HTTP: each reaches its endpoint and is
answered 200, never a 404, and none is journaled as an unknown or not-emulated API (issue 22)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import requests

from lsq_mock.catalogue.endpoints import endpoint_at
from support.client_traffic import TRAFFIC, Recorded
from support.leads import unlimited
from support.running import Running, serving

UNANSWERED_RULES = {"unknown-api", "not-emulated"}


@pytest.fixture(scope="module")
def replayed() -> Iterator[list[tuple[Recorded, requests.Response, dict]]]:
    """Every recorded call, in order, on one fresh shipped tenant: (call, answer, journal)."""
    with serving(unlimited()) as running:
        yield [(call, *_replay(running, call)) for call in TRAFFIC]


def _replay(running: Running, call: Recorded) -> tuple[requests.Response, dict]:
    keys = running.emulator.settings.primary
    url = f"{running.url}/v2/{call.path}"
    query = dict(call.query)
    headers = {"Content-Type": "application/json"} if call.body is not None else {}
    match call.keys:
        case "query":
            query = {"accessKey": keys.access_key, "secretKey": keys.secret_key, **query}
        case "query-lowercase":
            query = {"accesskey": keys.access_key, "secretkey": keys.secret_key, **query}
        case "query-literal":  # pasted into the URL unencoded, `$` and all
            url += f"?accessKey={keys.access_key}&secretKey={keys.secret_key}"
        case "headers":
            headers |= {"x-LSQ-AccessKey": keys.access_key, "x-LSQ-SecretKey": keys.secret_key}
    if query:
        url += ("&" if "?" in url else "?") + urlencode(query)
    answer = running.http.request(call.method, url, json=call.body, headers=headers, timeout=10)
    return answer, running.emulator.journal.entries()[-1]


def test_every_endpoint_of_issue_22_is_in_the_traffic() -> None:
    reached = {endpoint_at(f"/v2/{call.path.split('?')[0]}") for call in TRAFFIC}
    ids = {endpoint.id for endpoint in reached if endpoint is not None}
    assert ids >= {
        "user-record",
        "lead-create",
        "lead-update",
        "lead-create-or-update",
        "lead-capture",
        "lead-by-id",
        "lead-by-emailaddress",
        "lead-by-phone",
        "lead-quick-search",
        "lead-search",
        "lead-metadata",
        "retrieve-by-event",
        "retrieve-recently-modified",
        "activity-setting",
    }
    assert None not in reached


@pytest.mark.parametrize("index", range(len(TRAFFIC)), ids=[c.label for c in TRAFFIC])
def test_a_recorded_call_is_answered_by_its_endpoint(
    replayed: list[tuple[Recorded, requests.Response, dict]], index: int
) -> None:
    call, answer, entry = replayed[index]

    assert answer.status_code == 200, f"{call.client}: {answer.status_code} {answer.text}"
    assert answer.headers["Content-Type"] == "application/json"
    rules = {finding["rule"] for finding in entry["contract"]}
    assert not rules & UNANSWERED_RULES, entry["contract"]
    assert entry["path"] == f"/v2/{call.path.split('?')[0]}"
    if isinstance(answer.json(), dict) and "Status" in answer.json():
        assert answer.json()["Status"] == "Success", answer.text
