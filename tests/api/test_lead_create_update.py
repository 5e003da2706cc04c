"""Lead.Create, Lead.Update and Lead.CreateOrUpdate over HTTP, as the vendor's pages ("Create a
Lead", "Update a Lead", "Create or Update a Lead") and the live evidence show them: the answer's
shape, unique EmailAddress and Phone, an unknown attribute refusing the whole write, values read
back as text, and nothing half-written."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import contract, post
from support.envelope import assert_envelope
from support.leads import (
    ARJUN,
    DUPLICATE_EMAIL,
    DUPLICATE_PHONE,
    GUID,
    PRIYA,
    ROHAN,
    UNKNOWN,
    every_lead,
    lead_by_id,
    leads_by_email,
    pairs,
    unlimited,
    write,
)
from support.paths import LEAD_CREATE, LEAD_UPDATE, LEAD_UPSERT
from support.running import Running
from support.seeded import FAKE_START_UTC

VENDOR_CREATE = pairs(
    # The request of the vendor's Create a Lead page, but its custom field set (mx_KYC), which
    # the shipped tenant does not define.
    EmailAddress="john.smith@example.com",
    FirstName="John",
    LastName="Smith",
    Phone="8888888888",
    mx_City="Bangalore",
)
VENDOR_UPDATE = pairs(Phone="9999999999", mx_City="London")
"""The request of the vendor's Update a Lead page."""


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _created(running: Running, body: Any) -> str:
    answer = write(running, LEAD_CREATE, body)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["Message"]["Id"])


# -- Lead.Create ---------------------------------------------------------------------------------


def test_create_answers_the_new_leads_id_as_the_page_shows(running: Running) -> None:
    answer = write(running, LEAD_CREATE, VENDOR_CREATE)

    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    body = answer.json()
    assert list(body) == ["Status", "Message"]
    assert body["Status"] == "Success"
    assert list(body["Message"]) == ["Id"]
    assert GUID.fullmatch(body["Message"]["Id"])
    assert contract(running) == []


def test_a_created_lead_reads_back_with_what_was_sent_and_the_defaults(running: Running) -> None:
    lead_id = _created(running, VENDOR_CREATE)

    lead = lead_by_id(running, lead_id)

    assert lead is not None
    assert {name: lead[name] for name in ("EmailAddress", "FirstName", "LastName", "Phone")} == {
        "EmailAddress": "john.smith@example.com",
        "FirstName": "John",
        "LastName": "Smith",
        "Phone": "8888888888",
    }
    assert lead["mx_City"] == "Bangalore"
    assert lead["ProspectID"] == lead_id
    assert lead["ProspectAutoId"] == "1005"  # the seed's highest is 1004
    assert lead["ProspectStage"] == "Prospect"
    assert (lead["DoNotEmail"], lead["DoNotCall"], lead["IsLead"]) == ("0", "0", "1")
    assert lead["CreatedOn"] == lead["ModifiedOn"] == f"{FAKE_START_UTC}.000"
    assert lead["Company"] is None and lead["mx_Budget"] is None
    user = running.http.get(
        running.url + "/v2/Authentication.svc/UserByAccessKey.Get", params=running.keys
    ).json()
    assert lead["OwnerId"] == lead["CreatedBy"] == lead["ModifiedBy"] == user["Id"]


@pytest.mark.parametrize(
    ("sent", "read"),
    [(2500000, "2500000"), (12.5, "12.5"), ("7", "7")],
    ids=["integer", "decimal", "text"],
)
def test_a_number_reads_back_as_text(running: Running, sent: Any, read: str) -> None:
    lead_id = _created(running, pairs(EmailAddress="numbers@example.com", mx_Budget=sent))

    lead = lead_by_id(running, lead_id)

    assert lead is not None and lead["mx_Budget"] == read


@pytest.mark.parametrize(
    ("sent", "read"), [(True, "1"), (False, "0"), ("true", "1"), ("1", "1"), ("0", "0")]
)
def test_a_flag_reads_back_as_1_or_0(running: Running, sent: Any, read: str) -> None:
    lead_id = _created(running, pairs(EmailAddress="flags@example.com", DoNotCall=sent))

    lead = lead_by_id(running, lead_id)

    assert lead is not None and lead["DoNotCall"] == read


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (pairs(EmailAddress="PRIYA.Sharma@Example.com"), DUPLICATE_EMAIL),
        (pairs(EmailAddress="new@example.com", Phone="+91-9876543210"), DUPLICATE_PHONE),
        (pairs(FirstName="New", Phone="9876543210"), DUPLICATE_PHONE),
        (pairs(FirstName="New", Phone="919876543210"), DUPLICATE_PHONE),
    ],
    ids=["email-in-another-case", "phone-as-stored", "phone-without-code", "phone-with-code"],
)
def test_a_value_another_lead_holds_in_a_unique_field_is_the_live_duplicate(
    running: Running, sent: list[dict[str, Any]], message: str
) -> None:
    before = every_lead(running)

    answer = write(running, LEAD_CREATE, sent)

    assert assert_envelope(answer, 500, "MXDuplicateEntryException") == message
    assert every_lead(running) == before


def test_mobile_is_not_unique(running: Running) -> None:
    lead_id = _created(running, pairs(FirstName="Shares", Mobile="+91-9876543210"))

    lead = lead_by_id(running, lead_id)

    assert lead is not None and lead["Mobile"] == "+91-9876543210"


def test_an_unknown_attribute_refuses_the_whole_write(running: Running) -> None:
    body = pairs(EmailAddress="half@example.com", FirstName="Half", mx_Cty="Pune")

    answer = write(running, LEAD_CREATE, body)

    message = assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert "mx_Cty" in message
    assert contract(running) == [("$[2].Attribute", "unknown-attribute")]
    assert leads_by_email(running, "half@example.com") == []


def test_every_unknown_attribute_is_named(running: Running) -> None:
    answer = write(running, LEAD_CREATE, pairs(FirstName="X", City="Pune", Pincode="411001"))

    message = assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert message == "Attribute(s) does not exist - City, Pincode."


@pytest.mark.parametrize(
    ("body", "path"),
    [
        (pairs(EmailAddress="x@example.com", mx_Budget="12,50,000"), "$[1].Value"),
        (pairs(EmailAddress="not-an-email"), "$[0].Value"),
        (pairs(EmailAddress="x@example.com", mx_Property_Type="Castle"), "$[1].Value"),
        (pairs(EmailAddress="x@example.com", mx_Site_Visit_Date="18/11/2026"), "$[1].Value"),
    ],
    ids=["number", "email", "select-option", "date"],
)
def test_a_value_its_field_refuses_is_a_logical_500_and_stores_nothing(
    running: Running, body: list[dict[str, Any]], path: str
) -> None:
    before = every_lead(running)

    answer = write(running, LEAD_CREATE, body)

    assert_envelope(answer, 500, "MXInvalidInputException")
    assert [at for at, _ in contract(running)] == [path]
    assert every_lead(running) == before


@pytest.mark.parametrize("field", ["ProspectAutoId", "CreatedOn", "Score"])
def test_a_field_leadsquared_keeps_is_refused(running: Running, field: str) -> None:
    answer = write(running, LEAD_CREATE, pairs(EmailAddress="kept@example.com", **{field: "1"}))

    assert_envelope(answer, 500, "MXInvalidInputException")
    assert leads_by_email(running, "kept@example.com") == []


def test_a_body_that_is_an_object_is_the_400_json_net_gives(running: Running) -> None:
    answer = write(running, LEAD_CREATE, {"Attribute": "FirstName", "Value": "Object"})

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert "Cannot deserialize the current JSON object" in message
    assert "List<LeadProperty>" in message


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("[]", "application/json"),
        ('[{"Attribute": "FirstName", "Value": "x"}', "application/json"),
        ('[{"Attribute": "FirstName", "Value": "x"}]', "text/plain"),
        ('[{"Value": "no attribute"}]', "application/json"),
        ('["FirstName"]', "application/json"),
    ],
    ids=["empty-array", "not-json", "not-json-content-type", "pair-without-attribute", "string"],
)
def test_a_body_off_the_pages_shape_is_a_400(
    running: Running, data: str, content_type: str
) -> None:
    before = every_lead(running)

    answer = running.http.post(
        running.url + LEAD_CREATE,
        params=running.keys,
        data=data.encode(),
        headers={"Content-Type": content_type},
    )

    message = assert_envelope(answer, 400, "MXInvalidInputException")
    assert "activities" not in message  # a lead write is no activity batch
    assert every_lead(running) == before


def test_wrong_keys_are_401_and_create_nothing(running: Running) -> None:
    answer = running.http.post(
        running.url + LEAD_CREATE,
        params={**running.keys, "secretKey": "wrong"},
        json=pairs(EmailAddress="intruder@example.com"),
    )

    assert_envelope(answer, 401, "MXUnAuthorizedAccessException")
    assert leads_by_email(running, "intruder@example.com") == []


def test_keys_in_the_headers_work_as_in_the_query(running: Running) -> None:
    keys = running.emulator.settings.primary
    answer = running.http.post(
        running.url + LEAD_CREATE,
        headers={"x-LSQ-AccessKey": keys.access_key, "x-LSQ-SecretKey": keys.secret_key},
        json=pairs(EmailAddress="headers@example.com"),
    )

    assert answer.status_code == 200, answer.text


# -- Lead.Update ---------------------------------------------------------------------------------


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


# -- Lead.CreateOrUpdate -------------------------------------------------------------------------


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


def test_a_seed_may_make_email_alone_unique(running: Running) -> None:
    seeded = post(running, "/_mock/seed", {"UniqueLeadFields": ["EmailAddress"]})
    assert seeded.status_code == 200, seeded.text

    answer = write(running, LEAD_CREATE, pairs(FirstName="Twin", Phone="+91-9876543210"))

    assert answer.status_code == 200, answer.text


def test_a_seeded_unique_custom_field_is_refused_by_its_display_name(running: Running) -> None:
    seed = {
        "LeadFields": [{"SchemaName": "mx_PAN", "DisplayName": "PAN Number", "DataType": "Text"}],
        "UniqueLeadFields": ["EmailAddress", "Phone", "mx_PAN"],
    }
    assert post(running, "/_mock/seed", seed).status_code == 200
    assert write(running, LEAD_UPDATE, pairs(mx_PAN="ABCDE1234F"), leadId=PRIYA).status_code == 200

    answer = write(running, LEAD_CREATE, pairs(FirstName="Copy", mx_PAN="abcde1234f"))

    message = assert_envelope(answer, 500, "MXDuplicateEntryException")
    assert message == "A Lead with same PAN Number already exists."
