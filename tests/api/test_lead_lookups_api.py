"""The lead lookups over HTTP (Leads.GetById, Leads.GetByEmailaddress, RetrieveLeadByPhoneNumber,
Leads.GetByQuickSearch) and LeadsMetaData.Get, as the vendor's pages ("Get a Lead by Email",
"Get a Lead by Phone Number", "Get Metadata", "Get a Lead Field's Properties") and the live
evidence show them: an array of leads, `200 []` when nothing is found, every value text or null
(or "-" under `lead_unset_value`)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from lsq_mock import Settings
from support.calls import get, post, schema_problems
from support.envelope import assert_envelope
from support.leads import (
    ARJUN,
    KAVYA,
    PRIYA,
    ROHAN,
    SAMPLE_KEYS,
    STAMP,
    UNKNOWN,
    lead_by_id,
    pairs,
    unlimited,
    write,
)
from support.paths import (
    CREATE,
    LEAD_BY_EMAIL,
    LEAD_BY_ID,
    LEAD_BY_PHONE,
    LEAD_CREATE,
    LEAD_METADATA,
    LEAD_QUICK_SEARCH,
)
from support.running import Running

LOOKUPS = [
    (LEAD_BY_ID, "id", PRIYA),
    (LEAD_BY_EMAIL, "emailaddress", "priya.sharma@example.com"),
    (LEAD_BY_PHONE, "phone", "9876543210"),
    (LEAD_QUICK_SEARCH, "key", "Priya"),
]
"""Each lookup, its query parameter and a value that finds Priya (and only her)."""
CUSTOM = ["mx_City", "mx_Budget", "mx_Property_Type", "mx_Site_Visit_Date"]
"""The shipped seed's custom lead fields, in its order."""


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _found(answer: requests.Response) -> list[dict[str, Any]]:
    assert answer.status_code == 200, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    found: list[dict[str, Any]] = answer.json()
    assert isinstance(found, list)
    return found


def _ids(answer: requests.Response) -> list[str]:
    return [lead["ProspectID"] for lead in _found(answer)]


@pytest.mark.parametrize(("path", "parameter", "value"), LOOKUPS)
def test_a_lookup_answers_an_array_of_the_whole_lead(
    running: Running, path: str, parameter: str, value: str
) -> None:
    [lead] = _found(get(running, path, **{parameter: value}))

    assert set(SAMPLE_KEYS) <= set(lead)
    assert list(lead)[-len(CUSTOM) :] == CUSTOM
    assert lead["ProspectID"] == PRIYA
    assert schema_problems("leads-response", [lead]) == []


def test_every_value_is_text_or_null(running: Running) -> None:
    [lead] = _found(get(running, LEAD_BY_ID, id=PRIYA))

    assert {type(value) for value in lead.values()} <= {str, type(None)}
    assert (lead["ProspectAutoId"], lead["mx_Budget"], lead["DoNotEmail"]) == (
        "1001",
        "9500000",
        "0",
    )
    assert STAMP.fullmatch(lead["CreatedOn"]) and lead["CreatedOn"] == "2026-11-02 09:15:00.000"
    assert lead["Mobile"] is None and lead["LeadConversionDate"] is None
    assert lead["mx_Site_Visit_Date"] == "2026-11-18"


@pytest.mark.parametrize(
    ("path", "parameter", "value"),
    [
        (LEAD_BY_ID, "id", UNKNOWN),
        (LEAD_BY_ID, "id", "priya.sharma@example.com"),
        (LEAD_BY_EMAIL, "emailaddress", "nobody@example.com"),
        (LEAD_BY_PHONE, "phone", "9000000000"),
        (LEAD_QUICK_SEARCH, "key", "Zebediah"),
    ],
    ids=["id", "email-as-id", "email", "phone", "quick-search"],
)
def test_nothing_found_is_200_and_an_empty_array(
    running: Running, path: str, parameter: str, value: str
) -> None:
    answer = get(running, path, **{parameter: value})

    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == []


@pytest.mark.parametrize(("path", "parameter", "_value"), LOOKUPS)
def test_a_lookup_without_its_parameter_is_a_logical_500_naming_it(
    running: Running, path: str, parameter: str, _value: str
) -> None:
    message = assert_envelope(get(running, path), 500, "MXMandatoryAttributeMissingException")

    assert f"'{parameter}'" in message


@pytest.mark.parametrize("name", ["emailaddress", "EmailAddress", "emailAddress"])
def test_the_email_parameter_is_read_in_any_case(running: Running, name: str) -> None:
    assert _ids(get(running, LEAD_BY_EMAIL, **{name: "rohan.das@example.com"})) == [ROHAN]


def test_an_email_is_found_in_any_letter_case(running: Running) -> None:
    assert _ids(get(running, LEAD_BY_EMAIL, emailaddress="Kavya.IYER@Example.COM")) == [KAVYA]


@pytest.mark.parametrize("phone", ["9012345678", "919012345678", "+919012345678"])
def test_a_phone_is_found_with_or_without_its_country_code(running: Running, phone: str) -> None:
    assert _ids(get(running, LEAD_BY_PHONE, phone=phone)) == [ROHAN]


def test_the_phone_lookup_searches_mobile_too(running: Running) -> None:
    assert _ids(get(running, LEAD_BY_PHONE, phone="9123456781")) == [ARJUN]


def test_of_two_leads_with_the_number_the_one_with_the_latest_activity_is_answered(
    running: Running,
) -> None:
    created = write(running, LEAD_CREATE, pairs(FirstName="Shares", Mobile="9876543210"))
    newcomer = created.json()["Message"]["Id"]
    assert _ids(get(running, LEAD_BY_PHONE, phone="9876543210")) == [PRIYA]

    activity = {"RelatedProspectId": newcomer, "ActivityEvent": 203, "ActivityNote": "called"}
    assert post(running, CREATE, activity).status_code == 200

    assert _ids(get(running, LEAD_BY_PHONE, phone="9876543210")) == [newcomer]


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("priya", [PRIYA]),
        ("Sharma Textiles", [PRIYA]),
        ("@example.com", [PRIYA, ARJUN, KAVYA, ROHAN]),
        ("kavya.iyer", [KAVYA]),
        ("9988776655", [KAVYA]),
        ("Arjun Mehta", [ARJUN]),
        ("IYER", [KAVYA]),
    ],
    ids=["first-name", "company", "email-domain", "email", "phone-digits", "full-name", "case"],
)
def test_quick_search_finds_by_name_email_company_or_phone(
    running: Running, key: str, found: list[str]
) -> None:
    assert _ids(get(running, LEAD_QUICK_SEARCH, key=key)) == found


def test_a_lead_created_over_the_api_is_found_by_every_lookup(running: Running) -> None:
    body = pairs(EmailAddress="meera.nair@example.com", FirstName="Meera", Phone="+91-9555512345")
    lead_id = write(running, LEAD_CREATE, body).json()["Message"]["Id"]

    assert _ids(get(running, LEAD_BY_ID, id=lead_id)) == [lead_id]
    assert _ids(get(running, LEAD_BY_EMAIL, emailaddress="meera.nair@example.com")) == [lead_id]
    assert _ids(get(running, LEAD_BY_PHONE, phone="9555512345")) == [lead_id]
    assert _ids(get(running, LEAD_QUICK_SEARCH, key="Meera")) == [lead_id]


def test_an_updated_email_and_phone_are_found_and_the_old_ones_are_not(running: Running) -> None:
    body = pairs(EmailAddress="rohan@newmail.example", Phone="9111111111")
    assert write(running, "/v2/LeadManagement.svc/Lead.Update", body, leadId=ROHAN).ok

    assert _ids(get(running, LEAD_BY_EMAIL, emailaddress="rohan@newmail.example")) == [ROHAN]
    assert _ids(get(running, LEAD_BY_PHONE, phone="9111111111")) == [ROHAN]
    assert _ids(get(running, LEAD_BY_EMAIL, emailaddress="rohan.das@example.com")) == []
    assert _ids(get(running, LEAD_BY_PHONE, phone="9012345678")) == []


def test_wrong_keys_are_401_on_every_lookup(running: Running) -> None:
    for path, parameter, value in LOOKUPS:
        answer = running.http.get(
            running.url + path, params={**running.keys, "secretKey": "wrong", parameter: value}
        )
        assert_envelope(answer, 401, "MXUnAuthorizedAccessException")


# -- lead_unset_value ----------------------------------------------------------------------------


def test_unset_values_read_as_null_by_default(running: Running) -> None:
    lead = lead_by_id(running, ROHAN)

    assert lead is not None and lead["Company"] is None and lead["mx_Budget"] is None


def test_the_setting_reads_unset_values_as_a_dash(running: Running) -> None:
    patched = running.http.patch(running.url + "/_mock/config", json={"lead_unset_value": "-"})
    assert patched.status_code == 200, patched.text

    lead = lead_by_id(running, ROHAN)

    assert lead is not None
    assert (lead["Company"], lead["mx_Budget"], lead["LeadConversionDate"]) == ("-", "-", "-")
    assert lead["FirstName"] == "Rohan" and lead["DoNotEmail"] == "0"
    assert schema_problems("leads-response", [lead]) == []


# -- LeadsMetaData.Get ---------------------------------------------------------------------------


def _metadata(running: Running, **params: str) -> list[dict[str, Any]]:
    answer = get(running, LEAD_METADATA, **params)
    rows = _found(answer)
    assert schema_problems("lead-metadata-response", rows) == []
    return rows


def test_metadata_has_a_row_per_lead_field_system_then_custom(running: Running) -> None:
    rows = _metadata(running)

    names = [row["SchemaName"] for row in rows]
    assert names[-len(CUSTOM) :] == CUSTOM
    assert {"ProspectID", "FirstName", "EmailAddress", "Phone", "Mobile", "OwnerId"} <= set(names)
    [lead] = _found(get(running, LEAD_BY_ID, id=PRIYA))
    assert names == list(lead)  # a lead answer carries every field the metadata lists


def test_a_metadata_row_has_the_vendor_s_properties(running: Running) -> None:
    rows = {row["SchemaName"]: row for row in _metadata(running)}

    phone, budget = rows["Phone"], rows["mx_Budget"]
    assert phone["Entity"] == "1" and phone["DataType"] == "Phone"
    assert phone["IsLeadIdentifier"] is True and rows["FirstName"]["IsLeadIdentifier"] is False
    assert phone["IsMandatory"] is False and isinstance(phone["MaxLength"], str)
    assert (budget["DisplayName"], budget["DataType"]) == ("Budget", "Number")
    assert rows["mx_Property_Type"]["Options"] == [
        {"Value": "Apartment"},
        {"Value": "Villa"},
        {"Value": "Plot"},
    ]
    assert "Options" not in rows["mx_City"]
    assert rows["mx_City"]["MaxLength"] == "100"


def test_schema_name_answers_that_field_s_row_alone(running: Running) -> None:
    rows = _metadata(running, schemaName="mx_Property_Type")

    assert [row["SchemaName"] for row in rows] == ["mx_Property_Type"]
    assert rows[0]["RenderTypeTextValue"] == "Dropdown"


def test_a_schema_name_of_no_field_answers_an_empty_array(running: Running) -> None:
    assert _metadata(running, schemaName="mx_Nope") == []


def test_exclude_option_sets_leaves_out_the_dropdown_values(running: Running) -> None:
    """The Get Metadata page: 'pass an optional parameter excludeOptionSets=1 in the API URL if
    you don't need to retrieve dropdown values'."""
    rows = {row["SchemaName"]: row for row in _metadata(running, excludeOptionSets="1")}

    assert "Options" not in rows["mx_Property_Type"]
    assert rows["mx_Property_Type"]["DataType"] == "Select"


def test_a_seeded_custom_field_appears_in_metadata_and_in_every_lead(running: Running) -> None:
    seed = {"LeadFields": [{"SchemaName": "mx_PAN", "DisplayName": "PAN", "DataType": "Text"}]}
    assert post(running, "/_mock/seed", seed).status_code == 200

    [row] = _metadata(running, schemaName="mx_PAN")
    lead = lead_by_id(running, PRIYA)

    assert (row["DisplayName"], row["DataType"]) == ("PAN", "Text")
    assert lead is not None and "mx_PAN" in lead and lead["mx_PAN"] is None
