"""The lookups by id, email and phone: what they answer, and that none scans the tenant."""

from __future__ import annotations

import pytest

from lsq_mock.clock import Clock
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.tenant import TenantStore
from lsq_mock.tenant.choices import DefaultChoices
from lsq_mock.tenant.leads import Leads
from support.leads import ARJUN, PRIYA, ROHAN, UNKNOWN, pairs


def test_by_id_answers_the_lead_or_nothing(store: TenantStore) -> None:
    [lead] = store.lead_by_id(PRIYA)
    assert (lead["FirstName"], lead["mx_City"]) == ("Priya", "Pune")
    assert store.lead_by_id(UNKNOWN) == []


@pytest.mark.parametrize("email", ["priya.sharma@example.com", "PRIYA.Sharma@Example.com "])
def test_by_email_ignores_letter_case(store: TenantStore, email: str) -> None:
    assert [lead["ProspectID"] for lead in store.leads_by_email(email)] == [PRIYA]


def test_by_email_of_no_lead_is_empty(store: TenantStore) -> None:
    assert store.leads_by_email("nobody@example.com") == []
    assert store.leads_by_email("") == []


@pytest.mark.parametrize(
    ("phone", "found"),
    [
        ("9876543210", PRIYA),
        ("+919876543210", PRIYA),
        ("919876543210", PRIYA),
        ("+91-9876543210", PRIYA),
        ("9123456781", ARJUN),
    ],
)
def test_by_phone_matches_phone_or_mobile_with_or_without_country_code(
    store: TenantStore, phone: str, found: str
) -> None:
    assert [lead["ProspectID"] for lead in store.leads_by_phone(phone)] == [found]


def test_by_phone_of_no_lead_is_empty(store: TenantStore) -> None:
    assert store.leads_by_phone("9999999999") == []
    assert store.leads_by_phone("no digits") == []


def test_of_several_leads_with_a_phone_the_one_with_the_latest_activity_wins(
    store: TenantStore,
) -> None:
    # Rohan has no activity; Priya's latest is 2026-11-20. A mobile equal to Priya's phone:
    store.update_lead(ROHAN, pairs(Mobile="9876543210"))
    assert [lead["ProspectID"] for lead in store.leads_by_phone("9876543210")] == [PRIYA]

    store.create_activity(
        {
            "RelatedProspectId": ROHAN,
            "ActivityEvent": 203,
            "ActivityDateTime": "2026-12-31 10:00:00",
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "latest"}],
        }
    )
    assert [lead["ProspectID"] for lead in store.leads_by_phone("9876543210")] == [ROHAN]


def test_lookups_use_their_indexes_never_a_scan(
    store: TenantStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_scan(self: Leads) -> None:
        raise AssertionError("a lookup scanned every lead")

    monkeypatch.setattr(Leads, "values", no_scan)

    assert store.lead_by_id(PRIYA)[0]["ProspectID"] == PRIYA
    assert store.leads_by_email("arjun.mehta@example.com")[0]["ProspectID"] == ARJUN
    assert store.leads_by_phone("9123456780")[0]["ProspectID"] == ARJUN
    assert store.create_lead(pairs(EmailAddress="indexed@example.com", Phone="9000000004")).created


def test_indexes_follow_a_changed_email_and_phone(store: TenantStore) -> None:
    store.update_lead(PRIYA, pairs(EmailAddress="priya@new.example.com", Phone="9000000005"))

    assert store.leads_by_email("priya.sharma@example.com") == []
    assert store.leads_by_phone("9876543210") == []
    assert store.leads_by_email("priya@new.example.com")[0]["ProspectID"] == PRIYA
    assert store.leads_by_phone("9000000005")[0]["ProspectID"] == PRIYA
    # The old values are free again:
    assert store.create_lead(
        pairs(EmailAddress="priya.sharma@example.com", Phone="9876543210")
    ).created


def test_unset_values_read_as_a_dash_under_the_setting(clock: Clock) -> None:
    store = TenantStore(
        shipped_schemas(), clock, choices=lambda: DefaultChoices(lead_unset_value="-")
    )
    store.load(load_json(default_seed_path()))
    [lead] = store.lead_by_id(ROHAN)
    assert (lead["Company"], lead["mx_Budget"], lead["FirstName"]) == ("-", "-", "Rohan")
