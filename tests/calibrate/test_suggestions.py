"""verify finds the setting behind each disputed answer: a tenant that differs from the emulator
only by its settings is matched by the ones verify suggests, and re-running with them is clean."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import requests

from lsq_mock import RateLimit, Settings
from lsq_mock.calibrate.report import serve_command, settings_snippet
from lsq_mock.calibrate.verify import verify
from support.paths import CREATE, DETAILS, RETRIEVE, TYPES
from support.recording import record
from support.seeded import LEAD
from support.standin import ACCESS_KEY, SECRET_KEY, SETTINGS

KEYS = {"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}
UNKNOWN = "d4c3b2a1-0000-4000-8000-000000000000"


def unknown_activity(url: str, ca_bundle: Path) -> None:
    requests.get(url + DETAILS, params={**KEYS, "activityId": UNKNOWN}, timeout=10)


def unknown_lead(url: str, ca_bundle: Path) -> None:
    assert requests.post(url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10).ok
    requests.post(url + RETRIEVE, params={**KEYS, "leadId": UNKNOWN}, json={}, timeout=10)


def over_the_limit(url: str, ca_bundle: Path) -> None:
    statuses = [requests.get(url + TYPES, params=KEYS, timeout=10).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [403] * 2


def unknown_type(url: str, ca_bundle: Path) -> None:
    posted = {"RelatedProspectId": LEAD, "ActivityEvent": 999, "Fields": []}
    requests.post(url + CREATE, params=KEYS, json=posted, timeout=10)


def lead_by_id(url: str, ca_bundle: Path) -> None:
    lookup = "/v2/LeadManagement.svc/Leads.GetById"
    assert requests.get(url + lookup, params={**KEYS, "id": LEAD}, timeout=10).ok


def paging(url: str, ca_bundle: Path) -> None:
    for note in ("first", "second"):
        posted = {
            "RelatedProspectId": LEAD,
            "ActivityEvent": 202,
            "ActivityNote": note,
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "1"}],
        }
        assert requests.post(url + CREATE, params=KEYS, json=posted, timeout=10).ok
    everything = requests.post(url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10)
    assert everything.json()["RecordCount"] == 4
    page = {"Paging": {"Offset": "1", "RowCount": "2"}}
    assert requests.post(url + RETRIEVE, params={**KEYS, "leadId": LEAD}, json=page, timeout=10).ok


@pytest.mark.parametrize(
    ("tenant", "traffic", "ledger", "options"),
    [
        (
            {"logical_error_status": 400},
            unknown_activity,
            "logical-500",
            ["--logical-error-status 400"],
        ),
        (
            {"unknown_lead_exception": "MXInvalidEntityReferenceException"},
            unknown_lead,
            "unknown-lead",
            ["--unknown-lead-exception MXInvalidEntityReferenceException"],
        ),
        (
            {"plan": "pro", "rate_limit_status": 403},
            over_the_limit,
            "account-limit",
            ["--plan pro", "--rate-limit-status 403"],
        ),
        ({"retrieve_offset": "rows"}, paging, "retrieve-paging", ["--retrieve-offset rows"]),
        ({"is_mx_exception": True}, unknown_activity, "envelope", ["--is-mx-exception True"]),
        (
            {"unknown_activity_type_status": 200},
            unknown_type,
            "invalid-event-code",
            ["--unknown-activity-type-status 200"],
        ),
        ({"lead_unset_value": "-"}, lead_by_id, "lead-by-id", ["--lead-unset-value -"]),
    ],
    ids=[
        "logical-status",
        "unknown-lead",
        "plan-and-429-status",
        "retrieve-offset",
        "mx-exception-key",
        "unknown-type-status",
        "lead-unset-value",
    ],
)
def test_the_tenant_s_settings_are_found(
    tmp_path: Path, tenant: dict[str, object], traffic, ledger: str, options: list[str]
) -> None:
    path = record(
        tmp_path / "c.jsonl", traffic, settings=replace(SETTINGS, **tenant), planted=False
    )
    found = verify(path, Settings())
    assert found.differences and ledger in {d.ledger for d in found.differences}
    assert [s.option for s in found.suggestions] == options
    assert found.left_with_suggestions == ()
    assert serve_command(found) == " ".join(["lsq-mock serve", *options])
    again = verify(path, replace(Settings(), **tenant))
    assert again.passed and again.differences == (), [d.describe() for d in again.differences]
    assert (
        settings_snippet(again)
        == "Settings(" + ", ".join(s.keyword for s in found.suggestions) + ")"
    )
    pasted = eval(settings_snippet(found), {"Settings": Settings, "RateLimit": RateLimit})
    assert pasted == replace(Settings(), **tenant)


def test_limits_are_not_replayed_when_the_tenant_never_refused_a_call(tmp_path: Path) -> None:
    def many(url: str, ca_bundle: Path) -> None:
        for _ in range(3):
            assert requests.get(url + TYPES, params=KEYS, timeout=10).ok

    path = record(
        tmp_path / "c.jsonl",
        many,
        settings=replace(SETTINGS, rate_limit=RateLimit(100)),
        planted=False,
    )
    found = verify(path, Settings(rate_limit=RateLimit(1)))
    assert not found.limits_replayed and found.passed
