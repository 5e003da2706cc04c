"""Lead.Create over HTTP, as the vendor's "Create a Lead" page and the live evidence show it: the
answer's shape, unique EmailAddress and Phone (and the unique fields a seed names), an unknown
attribute refusing the whole write, values read back as text, and nothing half-written."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import contract, last_exchange, post
from support.envelope import assert_envelope
from support.leads import (
    DUPLICATE_EMAIL,
    DUPLICATE_PHONE,
    GUID,
    PRIYA,
    every_lead,
    lead_by_id,
    leads_by_email,
    pairs,
    unlimited,
    write,
)
from support.paths import LEAD_CREATE, LEAD_UPDATE
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
    [
        (2500000, "2500000"),
        (12.5, "12.5"),
        ("7", "7"),
        (2500000.0, "2500000"),
        (2.0**53, "9007199254740992"),
        (1e308, "1e+308"),
    ],
    ids=["integer", "decimal", "text", "whole-float", "largest-exact", "past-exact"],
)
def test_a_number_reads_back_as_text(running: Running, sent: Any, read: str) -> None:
    lead_id = _created(running, pairs(EmailAddress="numbers@example.com", mx_Budget=sent))

    lead = lead_by_id(running, lead_id)

    assert lead is not None and lead["mx_Budget"] == read


def test_text_holds_to_its_max_length_as_stored(running: Running) -> None:
    """A JSON number in a Text field is stored as its text, within MaxLength (mx_City: 100): 1e100
    is "1e+100", not the 101 digits of the integer a double rounds it to."""
    lead_id = _created(running, pairs(EmailAddress="city@example.com", mx_City=1e100))

    lead = lead_by_id(running, lead_id)

    assert lead is not None and lead["mx_City"] == "1e+100"


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


def test_a_refusal_names_a_few_unknown_attributes_each_cut_short(running: Running) -> None:
    unknown = {f"x{index}_{'a' * 200}": "1" for index in range(50)}

    answer = write(running, LEAD_CREATE, pairs(FirstName="X", **unknown))

    message = assert_envelope(answer, 500, "MXUnknownAttributeException")
    named = ", ".join(f"x{index}_{'a' * 97}..." for index in range(10))
    assert message == f"Attribute(s) does not exist - {named} and 40 more."


def test_an_unknown_attribute_of_exactly_100_characters_is_named_whole(running: Running) -> None:
    name = "x" * 100

    answer = write(running, LEAD_CREATE, pairs(FirstName="X", **{name: "1"}))

    message = assert_envelope(answer, 500, "MXUnknownAttributeException")
    assert message == f"Attribute(s) does not exist - {name}."


def test_an_unknown_attribute_near_a_field_is_journaled_with_that_field(running: Running) -> None:
    write(running, LEAD_CREATE, pairs(FirstNam="X"))

    [violation] = last_exchange(running)["contract"]
    assert violation["rule"] == "unknown-attribute"
    assert violation["hint"].startswith("FirstNam: did you mean 'FirstName'")


@pytest.mark.parametrize(("name", "data_type"), [("EmailAddress", "Email"), ("Notes", "Text")])
def test_a_value_too_long_names_its_fields_own_data_type(
    running: Running, name: str, data_type: str
) -> None:
    value = "a" * 2001 + "@example.com"

    answer = write(running, LEAD_CREATE, pairs(**{name: value}))

    message = assert_envelope(answer, 500, "MXInvalidInputException")
    assert f"{name} ({data_type}) allows at most" in message


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


# -- Unique fields a seed names ------------------------------------------------------------------


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
