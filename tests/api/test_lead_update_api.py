"""Lead.Update over HTTP, as the vendor's "Update a Lead" page and the live evidence show it:
only the fields sent change, the leadId parameter, an unknown lead, unique EmailAddress and Phone,
an unknown attribute refusing the whole write, and nothing half-written."""

from __future__ import annotations

import pytest

from lsq_mock import Settings
from support.envelope import assert_envelope
from support.leads import (
    ARJUN,
    DUPLICATE_EMAIL,
    DUPLICATE_PHONE,
    PRIYA,
    ROHAN,
    UNKNOWN,
    lead_by_id,
    leads_by_email,
    pairs,
    unlimited,
    write,
)
from support.paths import LEAD_UPDATE
from support.running import Running

VENDOR_UPDATE = pairs(Phone="9999999999", mx_City="London")
"""The request of the vendor's Update a Lead page."""


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def test_update_changes_only_the_fields_sent(running: Running) -> None:
    before = lead_by_id(running, PRIYA)
    running.fake_time.now += 60

    answer = write(running, LEAD_UPDATE, VENDOR_UPDATE, leadId=PRIYA)

    assert answer.status_code == 200, answer.text
    assert answer.json() == {"Status": "Success", "Message": {"AffectedRows": 1}}
    after = lead_by_id(running, PRIYA)
    assert before is not None and after is not None
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"Phone", "mx_City", "ModifiedOn", "LeadLastModifiedOn"}
    assert (after["Phone"], after["mx_City"]) == ("9999999999", "London")
    assert after["ModifiedOn"] == "2027-01-15 08:01:00.000"
    assert lead_by_id(running, ARJUN) is not None


@pytest.mark.parametrize("name", ["leadId", "leadid", "LeadId", "LEADID"])
def test_the_lead_id_parameter_is_read_in_any_case(running: Running, name: str) -> None:
    answer = write(running, LEAD_UPDATE, pairs(FirstName="Cased"), **{name: ROHAN})

    assert answer.status_code == 200, answer.text
    lead = lead_by_id(running, ROHAN)
    assert lead is not None and lead["FirstName"] == "Cased"


def test_an_unknown_lead_is_the_live_logical_500(running: Running) -> None:
    answer = write(running, LEAD_UPDATE, pairs(FirstName="Nobody"), leadId=UNKNOWN)

    message = assert_envelope(answer, 500, "MXInvalidEntityException")
    assert message == "Lead does not exist in the system"
    assert lead_by_id(running, UNKNOWN) is None


def test_update_without_a_lead_id_is_the_documented_mandatory_error(running: Running) -> None:
    answer = write(running, LEAD_UPDATE, pairs(FirstName="Nobody"))

    message = assert_envelope(answer, 500, "MXMandatoryAttributeMissingException")
    assert message == "'leadId' is mandatory for updating lead"


def test_an_unknown_attribute_in_an_update_changes_nothing(running: Running) -> None:
    before = lead_by_id(running, PRIYA)

    answer = write(running, LEAD_UPDATE, pairs(FirstName="Changed", mx_Nope="1"), leadId=PRIYA)

    assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert lead_by_id(running, PRIYA) == before


def test_an_update_to_another_leads_email_or_phone_is_a_duplicate(running: Running) -> None:
    before = lead_by_id(running, ARJUN)

    email = write(running, LEAD_UPDATE, pairs(EmailAddress="rohan.das@example.com"), leadId=ARJUN)
    phone = write(running, LEAD_UPDATE, pairs(Phone="9012345678"), leadId=ARJUN)

    assert assert_envelope(email, 500, "MXDuplicateEntryException") == DUPLICATE_EMAIL
    assert assert_envelope(phone, 500, "MXDuplicateEntryException") == DUPLICATE_PHONE
    assert lead_by_id(running, ARJUN) == before


def test_a_lead_may_be_sent_its_own_email_and_phone(running: Running) -> None:
    body = pairs(EmailAddress="PRIYA.SHARMA@example.com", Phone="+91-9876543210")

    answer = write(running, LEAD_UPDATE, body, leadId=PRIYA)

    assert answer.status_code == 200, answer.text


def test_an_empty_value_clears_a_field_to_null(running: Running) -> None:
    answer = write(running, LEAD_UPDATE, pairs(Company="", mx_City=None), leadId=PRIYA)

    assert answer.status_code == 200, answer.text
    lead = lead_by_id(running, PRIYA)
    assert lead is not None and (lead["Company"], lead["mx_City"]) == (None, None)


def test_a_freed_email_may_be_taken_by_another_lead(running: Running) -> None:
    write(running, LEAD_UPDATE, pairs(EmailAddress="rohan.new@example.com"), leadId=ROHAN)

    answer = write(running, LEAD_UPDATE, pairs(EmailAddress="rohan.das@example.com"), leadId=ARJUN)

    assert answer.status_code == 200, answer.text
    assert [lead["ProspectID"] for lead in leads_by_email(running, "rohan.das@example.com")] == [
        ARJUN
    ]


def test_an_update_body_that_is_an_object_is_a_400(running: Running) -> None:
    answer = write(running, LEAD_UPDATE, {"Attribute": "FirstName", "Value": "x"}, leadId=PRIYA)

    assert "Cannot deserialize" in assert_envelope(answer, 400, "MXInvalidInputException")
