"""Lead.CreateOrUpdate over HTTP, as the vendor's "Create or Update a Lead" page and the live
evidence show it: the lead its email (or SearchBy) finds is updated, else one is created; another
lead's phone is the duplicate chatwoot meets; an unknown attribute refuses the whole write."""

from __future__ import annotations

import pytest

from lsq_mock import Settings
from support.envelope import assert_envelope
from support.leads import (
    ARJUN,
    DUPLICATE_PHONE,
    ROHAN,
    every_lead,
    lead_by_id,
    leads_by_email,
    pairs,
    unlimited,
    write,
)
from support.paths import LEAD_UPSERT
from support.running import Running


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def test_create_or_update_creates_a_lead_no_email_or_phone_finds(running: Running) -> None:
    body = pairs(
        EmailAddress="john.smith@acmeconsulting.co",
        FirstName="John",
        Phone="+919845098450",
        SearchBy="EmailAddress",
    )

    answer = write(running, LEAD_UPSERT, body)

    assert answer.status_code == 200, answer.text
    message = answer.json()["Message"]
    assert answer.json()["Status"] == "Success"
    assert list(message) == ["Id", "AffectedRows"] and message["AffectedRows"] == 1
    lead = lead_by_id(running, message["Id"])
    assert lead is not None and lead["EmailAddress"] == "john.smith@acmeconsulting.co"


def test_create_or_update_updates_the_lead_its_email_finds(running: Running) -> None:
    count = len(every_lead(running))

    answer = write(
        running,
        LEAD_UPSERT,
        pairs(EmailAddress="Arjun.Mehta@example.com", Company="Mehta Builders"),
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["Message"] == {"Id": ARJUN, "AffectedRows": 1}
    lead = lead_by_id(running, ARJUN)
    assert lead is not None and lead["Company"] == "Mehta Builders"
    assert len(every_lead(running)) == count


@pytest.mark.parametrize("search_by", ["", "  "], ids=["empty", "blank"])
def test_an_empty_searchby_is_no_searchby(running: Running, search_by: str) -> None:
    """An empty SearchBy (a form's unset option) finds the lead by its email, as none would."""
    body = pairs(EmailAddress="Arjun.Mehta@example.com", Company="Mehta Homes", SearchBy=search_by)

    answer = write(running, LEAD_UPSERT, body)

    assert answer.status_code == 200, answer.text
    assert answer.json()["Message"] == {"Id": ARJUN, "AffectedRows": 1}


def test_without_searchby_a_phone_finds_the_lead_an_unknown_email_does_not(
    running: Running,
) -> None:
    body = pairs(EmailAddress="rohan.work@example.com", Phone="9012345678")

    answer = write(running, LEAD_UPSERT, body)

    assert answer.json()["Message"]["Id"] == ROHAN
    lead = lead_by_id(running, ROHAN)
    assert lead is not None and lead["EmailAddress"] == "rohan.work@example.com"


def test_searchby_email_with_another_leads_phone_is_the_duplicate_chatwoot_meets(
    running: Running,
) -> None:
    """chatwoot's most frequent LeadSquared error; it then retries with SearchBy Phone."""
    body = pairs(EmailAddress="new.contact@example.com", Phone="+91-9012345678")

    first = write(running, LEAD_UPSERT, [*body, *pairs(SearchBy="EmailAddress")])
    retried = write(running, LEAD_UPSERT, [*body, *pairs(SearchBy="Phone")])

    assert assert_envelope(first, 500, "MXDuplicateEntryException") == DUPLICATE_PHONE
    assert retried.status_code == 200, retried.text
    assert retried.json()["Message"]["Id"] == ROHAN


def test_searchby_a_field_no_lead_can_be_found_by_is_a_logical_500(running: Running) -> None:
    body = pairs(EmailAddress="x@example.com", mx_City="Pune", SearchBy="mx_City")

    answer = write(running, LEAD_UPSERT, body)

    assert_envelope(answer, 500, "MXInvalidInputException")
    assert leads_by_email(running, "x@example.com") == []


def test_create_or_update_refuses_an_unknown_attribute_whole(running: Running) -> None:
    before = lead_by_id(running, ARJUN)

    answer = write(
        running,
        LEAD_UPSERT,
        pairs(EmailAddress="arjun.mehta@example.com", FirstName="A", Nickname="Ajju"),
    )

    assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert lead_by_id(running, ARJUN) == before
