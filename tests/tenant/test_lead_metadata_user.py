"""LeadsMetaData.Get's rows and the key owner's user record (UserByAccessKey.Get)."""

from __future__ import annotations

import pytest

from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.tenant import TenantStore
from lsq_mock.tenant.leads.schema import SYSTEM_NAMES
from support.leads import pairs


def test_metadata_has_a_row_per_field_system_then_custom(store: TenantStore) -> None:
    rows = store.lead_metadata()

    names = [row["SchemaName"] for row in rows]
    assert names == [
        *SYSTEM_NAMES,
        "mx_City",
        "mx_Budget",
        "mx_Property_Type",
        "mx_Site_Visit_Date",
    ]
    assert shipped_schemas().is_valid("lead-metadata-response", rows)
    by_name = {row["SchemaName"]: row for row in rows}
    assert by_name["Phone"]["IsLeadIdentifier"] and not by_name["Mobile"]["IsLeadIdentifier"]
    assert by_name["mx_Property_Type"]["Options"] == [
        {"Value": v} for v in ("Apartment", "Villa", "Plot")
    ]
    assert by_name["mx_City"]["MaxLength"] == "100"
    assert (
        by_name["ProspectID"]["EntityAttributeType"],
        by_name["mx_City"]["EntityAttributeType"],
    ) == (1, 2)


@pytest.mark.parametrize(
    ("asked", "found"), [("mx_City", ["mx_City"]), ("phone", ["Phone"]), ("mx_Nope", [])]
)
def test_metadata_of_one_schema_name(store: TenantStore, asked: str, found: list[str]) -> None:
    assert [row["SchemaName"] for row in store.lead_metadata(asked)] == found


def test_the_user_record_names_the_hosts_it_is_asked_through(store: TenantStore) -> None:
    record = store.user(
        api_host="127.0.0.1:8080", app_host="127.0.0.1:8080", tracking_host="127.0.0.1:8080"
    )

    assert record["LSQCommonServiceURLs"] == {
        "api": "127.0.0.1:8080",
        "app": "127.0.0.1:8080",
        "tracking": "127.0.0.1:8080",
    }
    assert shipped_schemas().is_valid("user", record)
    for key in ("Id", "Name", "PassPhrase", "Role", "TimeZone", "OrgShortCode"):
        assert record[key]


def test_the_user_is_the_owner_of_new_leads_and_a_seed_can_change_it(store: TenantStore) -> None:
    owner = "11111111-2222-4333-8444-555555555555"
    store.load({"User": {"Id": owner, "Name": "Asha", "TimeZone": "UTC"}})

    saved = store.create_lead(pairs(EmailAddress="owned@example.com"))

    lead = store.lead_by_id(saved.lead_id)[0]
    assert lead["OwnerId"] == lead["CreatedBy"] == owner
    record = store.user(
        api_host="api-in21.leadsquared.com", app_host="in21.leadsquared.com", tracking_host="t"
    )
    assert (record["Id"], record["Name"], record["TimeZone"]) == (owner, "Asha", "UTC")
