"""Lead.Capture's matching (ProspectId, then email, then phone; SearchBy) and LeadUpdateBehavior,
and Lead.CreateOrUpdate's search, on the tenant itself."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.errors import DuplicateLead, InvalidData
from lsq_mock.tenant import TenantStore
from support.leads import ARJUN, KAVYA, PRIYA, UNKNOWN, pairs

PRIYA_EMAIL, PRIYA_PHONE = "priya.sharma@example.com", "+91-9876543210"
ARJUN_EMAIL, ARJUN_PHONE, ARJUN_MOBILE = "arjun.mehta@example.com", "9123456780", "9123456781"


@pytest.mark.parametrize(
    ("sent", "found"),
    [
        ({}, None),
        ({"ProspectID": PRIYA}, PRIYA),
        ({"ProspectID": PRIYA, "EmailAddress": PRIYA_EMAIL.upper()}, PRIYA),
        ({"ProspectID": PRIYA, "EmailAddress": "someone.new@example.com"}, None),
        ({"ProspectID": UNKNOWN, "EmailAddress": PRIYA_EMAIL}, PRIYA),
        ({"EmailAddress": PRIYA_EMAIL}, PRIYA),
        ({"Phone": "919876543210"}, PRIYA),
        ({"EmailAddress": "nobody@example.com", "Phone": ARJUN_PHONE}, ARJUN),
        ({"ProspectID": UNKNOWN}, None),
        ({"SearchBy": "Phone", "EmailAddress": "other@example.com", "Phone": ARJUN_PHONE}, ARJUN),
        ({"SearchBy": "Phone", "Mobile": ARJUN_MOBILE}, ARJUN),
        ({"SearchBy": "EmailAddress", "EmailAddress": ARJUN_EMAIL, "Phone": "9000000001"}, ARJUN),
        (
            {
                "SearchBy": "Phone",
                "ProspectID": PRIYA,
                "EmailAddress": PRIYA_EMAIL,
                "Phone": PRIYA_PHONE,
            },
            PRIYA,
        ),
    ],
    ids=[
        "no-keys-creates",
        "id-alone-updates",
        "id-and-its-email-update",
        "id-with-another-email-creates",
        "unknown-id-then-email",
        "email",
        "phone-with-country-code",
        "phone-when-the-email-is-new",
        "unknown-id-creates",
        "searchby-phone-before-email",
        "searchby-phone-finds-a-mobile",
        "searchby-email",
        "searchby-ignored-with-all-three",
    ],
)
def test_capture_finds_the_lead_as_its_page_says(
    store: TenantStore, sent: dict[str, Any], found: str | None
) -> None:
    leads_before = store.counts()["Leads"]
    body = pairs(**sent, FirstName="Captured")

    saved = store.capture_lead(body)

    if found is None:
        assert saved.created and saved.lead_id not in (PRIYA, ARJUN, UNKNOWN)
        assert store.counts()["Leads"] == leads_before + 1
    else:
        assert (saved.lead_id, saved.created) == (found, False)
        assert store.counts()["Leads"] == leads_before
    assert store.lead(saved.lead_id)["FirstName"] == "Captured"


@pytest.mark.parametrize(
    ("behavior", "first_name", "company", "phone"),
    [
        (None, "Priya R", "New Co", "9000000002"),
        ("DoNotUpdate", "Priya", "Sharma Textiles", PRIYA_PHONE),
        ("UpdateOnlyEmptyFields", "Priya", "Sharma Textiles", PRIYA_PHONE),
        ("donotupdateuniquefields", "Priya R", "New Co", PRIYA_PHONE),
    ],
)
def test_capture_updates_a_found_lead_by_its_update_behavior(
    store: TenantStore, behavior: str | None, first_name: str, company: str, phone: str
) -> None:
    body = pairs(
        EmailAddress=PRIYA_EMAIL,
        FirstName="Priya R",
        Company="New Co",
        Phone="9000000002",
        mx_Site_Visit_Date="2026-12-24",
    )

    saved = store.capture_lead(body, update_behavior=behavior)

    lead = store.lead(PRIYA)
    assert (saved.lead_id, saved.created) == (PRIYA, False)
    assert (lead["FirstName"], lead["Company"], lead["Phone"]) == (first_name, company, phone)


def test_update_only_empty_fields_fills_the_empty_ones(store: TenantStore) -> None:
    store.capture_lead(
        pairs(EmailAddress=ARJUN_EMAIL, Company="Mehta Homes", mx_City="Pune"),
        update_behavior="UpdateOnlyEmptyFields",
    )

    lead = store.lead(ARJUN)
    assert (lead["Company"], lead["mx_City"]) == ("Mehta Homes", "Mumbai")


def test_an_unknown_update_behavior_is_refused(store: TenantStore) -> None:
    with pytest.raises(InvalidData) as refused:
        store.capture_lead(pairs(EmailAddress=PRIYA_EMAIL), update_behavior="Overwrite")
    assert (refused.value.rule, refused.value.path) == ("update-behavior", "?LeadUpdateBehavior")


def test_a_capture_whose_phone_is_another_leads_is_a_duplicate(store: TenantStore) -> None:
    before = store.lead(PRIYA)

    with pytest.raises(DuplicateLead) as refused:
        store.capture_lead(pairs(EmailAddress=PRIYA_EMAIL, Phone=ARJUN_PHONE))

    assert refused.value.message == "A Lead with same Phone Number already exists."
    assert store.lead(PRIYA) == before


def test_searchby_comes_before_the_email_that_would_find_another_lead(
    store: TenantStore,
) -> None:
    with pytest.raises(DuplicateLead) as refused:
        store.capture_lead(pairs(SearchBy="Phone", EmailAddress=PRIYA_EMAIL, Phone=ARJUN_PHONE))
    assert refused.value.message == "A Lead with same Email already exists."


def test_a_searchby_of_no_findable_field_is_refused(store: TenantStore) -> None:
    with pytest.raises(InvalidData) as refused:
        store.capture_lead(pairs(SearchBy="mx_City", mx_City="Pune"))
    assert refused.value.rule == "search-by"


def test_searchby_finds_by_a_unique_custom_field(store: TenantStore) -> None:
    store.load(
        {
            "LeadFields": [{"SchemaName": "mx_PAN", "DataType": "Text"}],
            "UniqueLeadFields": ["EmailAddress", "Phone", "mx_PAN"],
        }
    )
    store.update_lead(KAVYA, pairs(mx_PAN="ABCDE1234F"))

    saved = store.capture_lead(pairs(SearchBy="mx_PAN", mx_PAN="abcde1234f", FirstName="K"))

    assert (saved.lead_id, store.lead(KAVYA)["FirstName"]) == (KAVYA, "K")


@pytest.mark.parametrize(
    ("sent", "found"),
    [
        ({"EmailAddress": ARJUN_EMAIL}, ARJUN),
        ({"Phone": ARJUN_PHONE}, ARJUN),
        ({"EmailAddress": "fresh@example.com", "Phone": "9000000003"}, None),
        ({"SearchBy": "Phone", "EmailAddress": "other@example.com", "Phone": ARJUN_PHONE}, ARJUN),
        ({"SearchBy": "ProspectID", "ProspectID": KAVYA}, KAVYA),
    ],
    ids=["email", "phone", "creates", "searchby-phone", "searchby-id"],
)
def test_create_or_update_searches_by_email_then_phone(
    store: TenantStore, sent: dict[str, Any], found: str | None
) -> None:
    saved = store.create_or_update_lead(pairs(**sent, LastName="Upserted"))

    assert saved.created is (found is None)
    if found is not None:
        assert saved.lead_id == found
    assert store.lead(saved.lead_id)["LastName"] == "Upserted"


def test_create_or_update_refuses_a_phone_its_search_missed(store: TenantStore) -> None:
    """chatwoot's most common LeadSquared error: the email finds no lead, the phone is taken."""
    with pytest.raises(DuplicateLead) as refused:
        store.create_or_update_lead(
            pairs(SearchBy="EmailAddress", EmailAddress="new@example.com", Phone=ARJUN_PHONE)
        )
    assert refused.value.message == "A Lead with same Phone Number already exists."

    retried = store.create_or_update_lead(
        pairs(SearchBy="Phone", EmailAddress="new@example.com", Phone=ARJUN_PHONE)
    )
    assert (retried.lead_id, store.lead(ARJUN)["EmailAddress"]) == (ARJUN, "new@example.com")


def test_the_default_search_misses_a_mobile_that_searchby_phone_finds(store: TenantStore) -> None:
    """chatwoot sends a contact's number as Mobile, and retries its CreateOrUpdate with SearchBy
    Phone on MXDuplicateEntryException: 'a duplicate mobile number match that the default search
    missed'. On a tenant where Mobile is unique, the emulator answers the same way."""
    store.load({"UniqueLeadFields": ["EmailAddress", "Phone", "Mobile"]})
    contact = pairs(FirstName="Arjun", EmailAddress="arjun@work.example.com", Mobile=ARJUN_MOBILE)

    with pytest.raises(DuplicateLead) as refused:
        store.create_or_update_lead(contact)
    retried = store.create_or_update_lead([*contact, *pairs(SearchBy="Phone")])

    assert refused.value.message == "A Lead with same Mobile Number already exists."
    assert (retried.lead_id, retried.created) == (ARJUN, False)
    assert store.lead(ARJUN)["EmailAddress"] == "arjun@work.example.com"


def test_capture_s_default_search_takes_the_phone_sent_not_a_mobile(store: TenantStore) -> None:
    """The Capture page matches 'on EmailAddress and then on Phone': a Mobile sent alone is no
    search key (it is stored on the new lead)."""
    saved = store.capture_lead(pairs(FirstName="New", Mobile=ARJUN_PHONE))

    assert saved.created and saved.lead_id != ARJUN
