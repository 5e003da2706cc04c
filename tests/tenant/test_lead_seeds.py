"""Seeds of lead fields, unique fields, leads and the user record, checked whole; and a seed's
activities bringing the leads they name (issue 26: suites that seed their own lead ids)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from lsq_mock import Clock
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.errors import DuplicateLead, InvalidInput
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.tenant import TenantStore
from support.leads import PRIYA, pairs

SEED: dict[str, Any] = load_json(default_seed_path())
TYPES_ONLY = {"ActivityTypes": SEED["ActivityTypes"]}


def _own_activity(activity_id: str, lead_id: str) -> dict[str, Any]:
    return {"ProspectActivityId": activity_id, "ActivityEvent": 203, "RelatedProspectId": lead_id}


def _empty() -> TenantStore:
    return TenantStore(shipped_schemas(), Clock())


def test_a_seeds_activities_bring_the_leads_they_name(store: TenantStore) -> None:
    loaded = store.load(
        {
            "Activities": [
                _own_activity("a1", "mine-1"),
                _own_activity("a2", "mine-1"),
                _own_activity("a3", PRIYA),
            ]
        }
    )

    assert loaded == {"ActivityTypes": 0, "Leads": 0, "Activities": 3, "LeadsFromActivities": 1}
    assert store.lead_by_id("mine-1")[0]["ProspectStage"] == "Prospect"
    assert store.counts()["Leads"] == 5


def test_an_earlier_versions_suite_seeding_types_then_activities_keeps_working() -> None:
    store = _empty()
    store.load(copy.deepcopy(SEED))

    loaded = store.load({**TYPES_ONLY, "Activities": [_own_activity("x", "LEAD-1")]})

    assert loaded["LeadsFromActivities"] == 1
    assert store.activities(related_prospect_id="LEAD-1")[0]["ProspectActivityId"] == "x"


def test_a_tenant_without_leads_stays_without_them() -> None:
    store = _empty()
    store.load({**TYPES_ONLY, "Activities": [_own_activity("x", "any-lead")]})
    assert store.counts()["Leads"] == 0


def test_seeded_lead_fields_and_values_are_checked_as_writes_are() -> None:
    store = _empty()
    store.load(
        {
            "LeadFields": [{"SchemaName": "mx_Age", "DataType": "Number"}],
            "Leads": [
                {
                    "ProspectID": "L1",
                    "mx_Age": 31,
                    "DoNotCall": True,
                    "CreatedOn": "2026-01-02 03:04:05",
                }
            ],
        }
    )

    [lead] = store.lead_by_id("L1")
    assert (lead["mx_Age"], lead["DoNotCall"], lead["CreatedOn"]) == (
        "31",
        "1",
        "2026-01-02 03:04:05.000",
    )


@pytest.mark.parametrize(
    ("seed", "path"),
    [
        ({"Leads": [{"ProspectID": "L1", "mx_Age": "31"}]}, "$.Leads[0].mx_Age"),
        ({"Leads": [{"ProspectID": "L1", "EmailAddress": "no email"}]}, "$.Leads[0].EmailAddress"),
        ({"Leads": [{"ProspectID": "L1", "EngagementScore": "3"}]}, "$.Leads[0]"),
        (
            {"Leads": [{"ProspectID": "L1", "Phone": "1"}, {"ProspectID": "L2", "Phone": "+1"}]},
            "$.Leads[1].Phone",
        ),
        ({"UniqueLeadFields": ["EmailAddress", "mx_Nope"]}, "$.UniqueLeadFields[1]"),
        (
            {
                "LeadFields": [
                    {"SchemaName": "mx_A", "DataType": "Text"},
                    {"SchemaName": "mx_A", "DataType": "Number"},
                ]
            },
            "$.LeadFields[1]",
        ),
        ({"LeadFields": [{"SchemaName": "mx_City", "DataType": "Number"}]}, "$.LeadFields"),
        (
            {"LeadFields": [{"SchemaName": "City", "DataType": "Text"}]},
            "$.LeadFields[0].SchemaName",
        ),
        ({"LeadFields": [{"SchemaName": "mx_S", "DataType": "Select"}]}, "$.LeadFields[0].Options"),
        ({"User": {"LSQCommonServiceURLs": {}}}, "$.User"),
    ],
)
def test_a_seed_breaking_a_lead_rule_is_refused_whole(
    store: TenantStore, seed: dict[str, Any], path: str
) -> None:
    before = (store.counts(), store.lead(PRIYA), store.lead_metadata())

    with pytest.raises(InvalidInput) as refused:
        store.load(seed)

    assert refused.value.path == path
    assert refused.value.message.startswith("Invalid seed!")
    assert (store.counts(), store.lead(PRIYA), store.lead_metadata()) == before


def test_unique_fields_are_the_seeds_to_choose(store: TenantStore) -> None:
    store.load(
        {
            "LeadFields": [{"SchemaName": "mx_PAN", "DataType": "Text"}],
            "UniqueLeadFields": ["EmailAddress", "mx_PAN"],
        }
    )

    twin = store.create_lead(
        pairs(EmailAddress="twin@example.com", Phone="+91-9876543210", mx_PAN="P1")
    )
    assert store.lead(twin.lead_id)["Phone"] == "+91-9876543210"
    with pytest.raises(DuplicateLead) as refused:
        store.create_lead(pairs(EmailAddress="other@example.com", mx_PAN="p1"))
    assert refused.value.message == "A Lead with same mx_PAN already exists."


def test_new_unique_fields_must_fit_the_leads_already_held(store: TenantStore) -> None:
    store.update_lead(PRIYA, pairs(mx_City="Mumbai"))  # Arjun's city too
    with pytest.raises(InvalidInput) as refused:
        store.load({"UniqueLeadFields": ["mx_City"]})
    assert refused.value.path == "$.UniqueLeadFields"


def test_reset_goes_back_to_the_seeded_fields_leads_and_user(store: TenantStore) -> None:
    start = store.snapshot()
    store.load(
        {"LeadFields": [{"SchemaName": "mx_New", "DataType": "Text"}], "User": {"Name": "Changed"}}
    )
    store.create_lead(pairs(EmailAddress="temp@example.com", mx_New="x"))

    store.restore(start)

    assert store.leads_by_email("temp@example.com") == []
    assert all(row["SchemaName"] != "mx_New" for row in store.lead_metadata())
    assert store.user(api_host="a", app_host="b", tracking_host="c")["Name"] == "LSQ Mock Admin"
    assert store.create_lead(pairs(EmailAddress="next@example.com")).lead_id


def test_the_shipped_seeds_hold_unique_emails_and_phones_and_activities_on_them() -> None:
    for name in ("default", "large"):
        store = _empty()
        store.load(load_json(default_seed_path().with_name(f"seed-{name}.json")))
        leads = store.leads()
        assert len({lead["EmailAddress"].casefold() for lead in leads}) == len(leads)
        with_activities = {a["RelatedProspectId"] for a in store.activities()}
        assert with_activities <= {lead["ProspectID"] for lead in leads}
        assert with_activities
