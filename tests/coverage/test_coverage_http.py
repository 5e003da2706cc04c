"""Contract coverage of a served emulator: GET /_mock/coverage over real HTTP, computed from the
journal and the trigger events, kept across resets, and the journal facts it reads."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.catalogue.behaviours import API_WIDE, BEHAVIOURS
from lsq_mock.catalogue.endpoints import ENDPOINTS
from lsq_mock.contract.fields import DATA_TYPES
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.emulator.faults import Fault
from lsq_mock.resources import default_seed_path
from support.calls import ADMIN_CLIENT, get, post, row
from support.envelope import assert_envelope
from support.paths import (
    BULK_ADD,
    BULK_UPDATE,
    CREATE,
    CREATE_TYPE,
    DETAILS,
    PREFIX,
    RETRIEVE,
    TYPES,
    UPDATE,
)
from support.running import Running, serving
from support.seeded import DEMO, LEAD, VISIT

BULK_ROWS = [row(DEMO, ("mx_Custom_2", "2024"))]
ONE = {"RelatedProspectId": LEAD, "ActivityEvent": 203}


@pytest.mark.parametrize(
    ("account", "bulk", "window"),
    [(RateLimit(1), RateLimit(0), "account"), (RateLimit(0), RateLimit(1), "bulk")],
    ids=["account", "bulk"],
)
def test_the_journal_says_which_limit_refused_a_call(
    account: RateLimit, bulk: RateLimit, window: str
) -> None:
    settings = Settings(seed=default_seed_path(), rate_limit=account, bulk_rate_limit=bulk)
    with serving(settings) as running:
        post(running, BULK_UPDATE, BULK_ROWS)
        refused = post(running, BULK_UPDATE, BULK_ROWS)
        assert refused.status_code == 429
        # Both limits are "1 in 5 second(s)": only the journal tells them apart.
        assert refused.json()["ExceptionMessage"].endswith("limit of 1 in 5 second(s)")
        entries = running.http.get(running.url + "/_mock/requests").json()["requests"]
        assert [entry["rate_limit"] for entry in entries] == [None, window]


def test_a_call_no_limit_refused_journals_none(running: Running) -> None:
    post(running, CREATE, ONE)
    forgot = running.http.delete(running.url + "/_mock/requests", headers=ADMIN_CLIENT)
    assert forgot.ok
    post(running, CREATE, ONE)

    [entry] = running.http.get(running.url + "/_mock/requests").json()["requests"]
    assert entry["rate_limit"] is None


def coverage(running: Running, **query: str) -> dict[str, Any]:
    answer = running.http.get(running.url + "/_mock/coverage", params=query)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert shipped_schemas().is_valid("coverage", body), body
    return body


def exercised(body: dict[str, Any]) -> dict[str, int]:
    return {b["id"]: b["count"] for b in body["behaviours"] if b["count"]}


def send_a_known_subset(running: Running) -> None:
    """Traffic that exercises exactly KNOWN_SUBSET."""
    post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_2", "1999"))])
    keys = running.keys
    running.http.post(
        running.url + BULK_UPDATE,
        headers={"x-LSQ-AccessKey": keys["accessKey"], "x-LSQ-SecretKey": keys["secretKey"]},
        json=[row(DEMO, ("mx_Custom_2", "2001")), row(DEMO, ("mx_Custom_22", "x"))],
    )
    get(running, DETAILS)
    running.emulator.faults.add(Fault(status=500, path=CREATE))
    post(running, CREATE, ONE)
    running.http.get(running.url + PREFIX + "/Nope", params=running.keys)
    running.http.post(
        running.url + UPDATE, params=running.keys, data="{}", headers={"Content-Type": "text/plain"}
    )


KNOWN_SUBSET = {
    "bulk-update/200": 1,
    "bulk-update/batch-1": 1,
    "bulk-update/batch-2-24": 1,
    "bulk-update/failed-row/unknown-field": 1,
    "keys/query": 3,
    "keys/headers": 1,
    "data-type/Number": 2,
    "details/500-logical/mandatory-missing": 1,
    "create/500-injected": 1,
    "404/unknown-path": 1,
    "update/400/invalid-input:content-type": 1,
}


CALLED = {"bulk-update": 2, "details": 1, "create": 1, "update": 1}
"""The endpoints send_a_known_subset calls (and one path that is none)."""
WRITING = {"bulk-update", "create", "update"}
"""Those of them that write values checked by their DataType."""


def test_coverage_is_over_the_endpoints_called_with_the_rest_counted(running: Running) -> None:
    send_a_known_subset(running)

    body = coverage(running)

    assert exercised(body) == KNOWN_SUBSET
    assert body["scope"] == "called"
    listed = {b["id"] for b in body["behaviours"]}
    own = {b.id for b in BEHAVIOURS if b.endpoint in CALLED}
    api_wide = {b["id"] for b in body["behaviours"] if b["endpoint"] == API_WIDE}
    assert listed - api_wide == own, "every behaviour of a called endpoint, and no other's"
    assert api_wide == {
        "keys/query",
        "keys/headers",
        "validate-dropdowns/query",
        "validate-dropdowns/row",
        *(f"data-type/{data_type}" for data_type in DATA_TYPES),
        "404/unknown-path",  # about no endpoint: in scope because the traffic exercised it
    }
    assert (body["exercised"], body["total"]) == (len(KNOWN_SUBSET), len(listed))
    assert body["percent"] == round(100 * len(KNOWN_SUBSET) / len(listed), 2)
    assert body["api"] == {
        "total": len(BEHAVIOURS),
        "exercised": len(KNOWN_SUBSET),
        "percent": round(100 * len(KNOWN_SUBSET) / len(BEHAVIOURS), 2),
    }
    assert body["outside"] == {
        "endpoints": len(ENDPOINTS) - len(CALLED),
        "behaviours": len(BEHAVIOURS) - len(listed),
    }
    groups = {group["id"]: group for group in body["groups"]}
    assert list(groups) == [e.id for e in ENDPOINTS if e.id in CALLED] + [API_WIDE]
    assert {g: groups[g]["calls"] for g in CALLED} == CALLED
    assert groups[API_WIDE]["calls"] is None
    assert sum(group["total"] for group in body["groups"]) == len(listed)
    assert (body["requests"], body["unread"]) == (6, 0)
    never = next(b for b in body["behaviours"] if b["id"] == "bulk-update/429-bulk")
    assert "set_bulk_rate_limit" in never["hint"]
    assert never["tests"] == []


def test_scope_api_is_over_the_whole_api(running: Running) -> None:
    send_a_known_subset(running)

    body = coverage(running, scope="api")

    assert body["scope"] == "api"
    assert exercised(body) == KNOWN_SUBSET
    assert [b["id"] for b in body["behaviours"]] == [b.id for b in BEHAVIOURS]
    assert (body["exercised"], body["total"]) == (len(KNOWN_SUBSET), len(BEHAVIOURS))
    assert body["api"] == {key: body[key] for key in ("total", "exercised", "percent")}
    assert body["outside"] == {"endpoints": len(ENDPOINTS) - len(CALLED), "behaviours": 0}
    assert [group["id"] for group in body["groups"]] == [*(e.id for e in ENDPOINTS), API_WIDE]


def test_a_reading_client_is_not_measured_on_writing_values(running: Running) -> None:
    assert get(running, TYPES).status_code == 200

    body = coverage(running)

    assert {b["endpoint"] for b in body["behaviours"]} == {"activity-types", API_WIDE}
    assert {b["id"] for b in body["behaviours"] if b["endpoint"] == API_WIDE} == {
        "keys/query",
        "keys/headers",
    }
    assert body["exercised"] == 2  # the call went through, with its keys in the query


def test_before_any_call_the_scope_is_empty_and_nothing_is_reached(running: Running) -> None:
    body = coverage(running)

    assert (body["total"], body["exercised"], body["percent"]) == (0, 0, 0)
    assert body["behaviours"] == [] and body["groups"] == []
    assert body["outside"] == {"endpoints": len(ENDPOINTS), "behaviours": len(BEHAVIOURS)}


@pytest.mark.parametrize("scope", ["API", "all", "", "x" * 500])
def test_an_unknown_scope_is_refused_with_the_choices(running: Running, scope: str) -> None:
    answer = running.http.get(running.url + "/_mock/coverage", params={"scope": scope})

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert message.startswith("Invalid Input! scope must be 'called' or 'api'; got ")
    assert len(message) < 120


def test_coverage_is_kept_across_resets_and_forgotten_on_delete(running: Running) -> None:
    post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_2", "1999"))])
    assert running.http.post(running.url + "/_mock/reset", json={}).ok
    post(running, CREATE, ONE)
    running.emulator.reset()

    assert set(exercised(coverage(running))) >= {"bulk-update/200", "create/200"}
    assert coverage(running)["requests"] == 2

    refused = running.http.delete(running.url + "/_mock/coverage")
    forgot = running.http.delete(running.url + "/_mock/coverage", headers=ADMIN_CLIENT)

    assert refused.status_code == 403  # a state change a cross-site form could make
    assert forgot.json() == {"status": "cleared"}
    assert exercised(coverage(running)) == {}
    post(running, CREATE, ONE)
    assert exercised(coverage(running)) == {"create/200": 1, "keys/query": 1}


def test_values_of_a_type_that_a_reset_removed_still_count(running: Running) -> None:
    created = post(
        running,
        CREATE_TYPE,
        {
            "ActivityEventName": "Coverage probe",
            "Fields": [{"SchemaName": "mx_Custom_1", "DisplayName": "On", "DataType": "Date"}],
        },
    )
    code = created.json()["Message"]["Id"]
    date = {"SchemaName": "mx_Custom_1", "Value": "2024-05-01"}
    body = {**ONE, "ActivityEvent": code, "Fields": [date]}
    assert post(running, CREATE, body).status_code == 200
    assert running.http.post(running.url + "/_mock/reset", json={}).ok

    assert exercised(coverage(running))["data-type/Date"] == 1


def test_requests_the_journal_dropped_before_coverage_read_them_are_counted_unread() -> None:
    settings = Settings(seed=default_seed_path(), journal_limit=2, bulk_rate_limit=RateLimit(0))
    with serving(settings) as running:
        for _ in range(5):
            post(running, CREATE, ONE)

        body = coverage(running)
        assert (body["requests"], body["unread"]) == (2, 3)
        assert exercised(body)["create/200"] == 2
        post(running, CREATE, ONE)
        assert (coverage(running)["requests"], coverage(running)["unread"]) == (3, 3)


def test_coverage_needs_the_admin_token_when_there_is_one() -> None:
    settings = Settings(seed=default_seed_path(), admin_token="s3cret")
    with serving(settings) as running:
        refused = running.http.get(running.url + "/_mock/coverage")
        allowed = running.http.get(
            running.url + "/_mock/coverage", headers={"X-LSQ-Mock-Token": "s3cret"}
        )

        assert_envelope(refused, 401, "MXUnAuthorizedAccessException")
        assert allowed.status_code == 200


def test_faults_limits_batches_and_options_are_told_apart() -> None:
    settings = Settings(seed=default_seed_path(), max_body_bytes=4096)
    with serving(settings) as running:
        state = running.emulator
        post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_1", "Demo"))] * 25)
        post(running, BULK_UPDATE, [row(DEMO, ("mx_Custom_1", "Demo"))])
        running.fake_time.now += 5
        post(running, BULK_ADD, [ONE], ValidateDropDownOptions="true")
        state.faults.add(Fault(kind="drop", path=UPDATE))
        with pytest.raises(requests.ConnectionError):
            post(running, UPDATE, row(DEMO, ("mx_Custom_1", "Dropped")))
        state.faults.add(Fault(kind="truncate", path=RETRIEVE))
        assert post(running, RETRIEVE, {}, leadId=LEAD).status_code == 200
        assert get(running, CREATE).status_code == 404
        running.http.get(running.url + TYPES, params={**running.keys, "secretKey": "wrong"})
        assert post(running, CREATE, {**ONE, "ActivityNote": "x" * 5000}).status_code == 413
        skip = row(VISIT, ("mx_Custom_6", "Postponed"), ValidateDropDownOptions=True)
        assert post(running, UPDATE, skip).status_code == 200
        state.configure({"rate_limit": {"calls": 1, "seconds": 5}})
        assert get(running, TYPES).status_code == 429

        assert set(exercised(coverage(running))) == {
            "bulk-update/200",
            "bulk-update/batch-25",
            "bulk-update/429-bulk",
            "bulk-add/200",
            "bulk-add/batch-1",
            "validate-dropdowns/query",
            "update/drop",
            "retrieve/truncate",
            "create/404",
            "activity-types/401",
            "create/413",
            "update/200",
            "validate-dropdowns/row",
            "activity-types/429-account",
            "keys/query",
            "data-type/String",
            "data-type/Dropdown",
        }
