"""Lead.Create and Lead.Update on the tenant itself: the values stored and read back, the write
refused whole (unknown attribute, read-only field, bad value, duplicate) and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.catalogue.sources import Chosen
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.errors import (
    NAMED_ATTRIBUTE_LENGTH,
    NAMED_ATTRIBUTES,
    DuplicateLead,
    InvalidData,
    InvalidEntity,
    InvalidInput,
    LSQError,
    MandatoryAttributeMissing,
    UnknownAttribute,
)
from lsq_mock.tenant import TenantStore
from lsq_mock.tenant.leads.pairs import HINTED_ATTRIBUTES
from support.leads import ARJUN, PRIYA, UNKNOWN, pairs

NOW = "2027-01-15 08:00:00"


def test_create_stores_the_values_sent_and_reads_them_back_as_text(store: TenantStore) -> None:
    saved = store.create_lead(
        pairs(
            FirstName="Meera",
            EmailAddress="meera@example.com",
            Phone="+91-9000011111",
            DoNotEmail=True,
            mx_Budget=4500000,
            mx_Property_Type="Villa",
        )
    )

    [lead] = store.lead_by_id(saved.lead_id)
    assert saved.created and saved.violations == []
    assert {k: lead[k] for k in ("FirstName", "EmailAddress", "Phone", "mx_Property_Type")} == {
        "FirstName": "Meera",
        "EmailAddress": "meera@example.com",
        "Phone": "+91-9000011111",
        "mx_Property_Type": "Villa",
    }
    assert (lead["DoNotEmail"], lead["DoNotCall"], lead["mx_Budget"]) == ("1", "0", "4500000")
    assert (lead["LastName"], lead["Company"], lead["mx_City"]) == (None, None, None)
    assert lead["ProspectAutoId"] == "1005"  # after the seed's 1001 to 1004
    assert lead["CreatedOn"] == lead["ModifiedOn"] == f"{NOW}.000"
    assert lead["ProspectStage"] == "Prospect"
    assert shipped_schemas().is_valid("leads-response", [lead])


def test_every_answer_lists_the_system_fields_then_the_custom_ones(store: TenantStore) -> None:
    [lead] = store.lead_by_id(PRIYA)

    names = list(lead)
    assert names[:6] == [
        "ProspectID",
        "ProspectAutoId",
        "FirstName",
        "LastName",
        "EmailAddress",
        "Company",
    ]
    assert names[-4:] == ["mx_City", "mx_Budget", "mx_Property_Type", "mx_Site_Visit_Date"]
    assert all(value is None or isinstance(value, str) for value in lead.values())


def test_an_unknown_attribute_refuses_the_whole_write_naming_each(store: TenantStore) -> None:
    before = store.counts()

    with pytest.raises(UnknownAttribute) as refused:
        store.create_lead(pairs(FirstName="Ok", mx_Nope="x", mx_Cty="Pune"))

    assert refused.value.to_dict() == {
        "Status": "Error",
        "ExceptionType": "MXUnknownAttributeException",
        "ExceptionMessage": "Attribute(s) does not exist - mx_Nope, mx_Cty.",
    }
    assert (refused.value.status, refused.value.path) == (500, "$[1].Attribute")
    assert refused.value.hint is not None and "mx_City" in refused.value.hint
    assert store.counts() == before


def test_near_misses_are_looked_for_among_the_first_unknown_attributes_only(
    store: TenantStore,
) -> None:
    unknown = [f"mx_Cty{n}" for n in range(3 * HINTED_ATTRIBUTES)]
    body = [{"Attribute": name, "Value": "x"} for name in unknown * 2]

    with pytest.raises(UnknownAttribute) as refused:
        store.create_lead(body)

    named = ", ".join(unknown[:NAMED_ATTRIBUTES])  # the answer names the first few
    more = 2 * len(unknown) - NAMED_ATTRIBUTES
    assert refused.value.message.endswith(f"{named} and {more} more.")
    hinted = [part.split(":")[0] for part in (refused.value.hint or "").split("; ")]
    assert hinted == unknown[:HINTED_ATTRIBUTES]


def test_attributes_match_their_field_in_any_letter_case(store: TenantStore) -> None:
    saved = store.create_lead(pairs(emailaddress="case@example.com", MX_CITY="Goa"))

    [lead] = store.lead_by_id(saved.lead_id)
    assert (lead["EmailAddress"], lead["mx_City"]) == ("case@example.com", "Goa")


@pytest.mark.parametrize("name", ["ProspectAutoId", "CreatedOn", "Score", "ProspectID"])
def test_a_field_the_tenant_keeps_cannot_be_written(store: TenantStore, name: str) -> None:
    with pytest.raises(InvalidData) as refused:
        store.update_lead(PRIYA, pairs(**{name: "1"}))

    assert refused.value.rule == "read-only-field"
    assert refused.value.path == "$[0].Attribute"


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"EmailAddress": "not-an-email"}, "invalid-value:Email"),
        ({"Phone": "call me"}, "invalid-value:Phone"),
        ({"mx_Budget": "12,50,000"}, "invalid-value:Number"),
        ({"mx_Property_Type": "villa"}, "invalid-value:Select"),
        ({"mx_Site_Visit_Date": "18/11/2026"}, "invalid-value:Date"),
        ({"DoNotEmail": "yes"}, "invalid-value:Boolean"),
        ({"OwnerId": "priya@example.com"}, "invalid-value:GUID"),
        ({"mx_City": "x" * 101}, "invalid-value:Text"),
    ],
)
def test_a_value_its_field_refuses_refuses_the_write(
    store: TenantStore, values: dict[str, Any], rule: str
) -> None:
    before = store.lead(PRIYA)

    with pytest.raises(InvalidData) as refused:
        store.update_lead(PRIYA, pairs(FirstName="Changed", **values))

    assert (refused.value.rule, refused.value.path) == (rule, "$[1].Value")
    assert refused.value.exception_type == "MXInvalidInputException"
    assert store.lead(PRIYA) == before


def test_a_date_field_takes_a_date_or_a_date_and_time(store: TenantStore) -> None:
    store.update_lead(PRIYA, pairs(mx_Site_Visit_Date="2026-12-01 10:30:00"))
    assert store.lead(PRIYA)["mx_Site_Visit_Date"] == "2026-12-01 10:30:00"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"EmailAddress": "PRIYA.Sharma@example.com"}, "A Lead with same Email already exists."),
        ({"Phone": "9876543210"}, "A Lead with same Phone Number already exists."),
        ({"Phone": "+919876543210"}, "A Lead with same Phone Number already exists."),
    ],
)
def test_a_unique_value_another_lead_holds_is_a_duplicate(
    store: TenantStore, values: dict[str, str], message: str
) -> None:
    before = store.counts()

    with pytest.raises(DuplicateLead) as refused:
        store.create_lead(pairs(FirstName="Copy", **values))

    assert refused.value.to_dict()["ExceptionType"] == "MXDuplicateEntryException"
    assert refused.value.message == message
    assert (refused.value.status, refused.value.rule) == (500, "duplicate-lead")
    assert store.counts() == before


def test_a_mobile_may_repeat_another_leads_phone(store: TenantStore) -> None:
    saved = store.create_lead(pairs(EmailAddress="m@example.com", Mobile="+91-9876543210"))
    assert store.lead(saved.lead_id)["Mobile"] == "+91-9876543210"


def test_update_changes_only_the_fields_sent(store: TenantStore, clock: Any) -> None:
    before = store.lead(ARJUN)
    clock.advance(60)

    saved = store.update_lead(ARJUN, pairs(mx_City="Thane", Company=""))

    after = store.lead(ARJUN)
    assert (saved.lead_id, saved.created) == (ARJUN, False)
    assert after["mx_City"] == "Thane" and after["Company"] is None
    assert after["ModifiedOn"] == "2027-01-15 08:01:00"
    unchanged = {k: v for k, v in before.items() if k not in ("mx_City", "Company")}
    assert {
        k: after[k]
        for k in unchanged
        if k not in ("ModifiedOn", "LeadLastModifiedOn", "ModifiedBy")
    } == {
        k: v
        for k, v in unchanged.items()
        if k not in ("ModifiedOn", "LeadLastModifiedOn", "ModifiedBy")
    }


def test_a_lead_may_keep_its_own_unique_values_on_update(store: TenantStore) -> None:
    store.update_lead(PRIYA, pairs(EmailAddress="priya.sharma@example.com", Phone="9876543210"))
    assert store.lead(PRIYA)["Phone"] == "9876543210"


def test_updating_an_unknown_lead_is_the_logical_error(store: TenantStore) -> None:
    with pytest.raises(InvalidEntity) as refused:
        store.update_lead(UNKNOWN, pairs(FirstName="Ghost"))

    assert refused.value.to_dict() == {
        "Status": "Error",
        "ExceptionType": "MXInvalidEntityException",
        "ExceptionMessage": "Lead does not exist in the system",
    }
    assert (refused.value.status, refused.value.path) == (500, "?leadId")


@pytest.mark.parametrize("lead_id", [None, ""])
def test_update_without_a_lead_id_says_it_is_mandatory(
    store: TenantStore, lead_id: str | None
) -> None:
    with pytest.raises(MandatoryAttributeMissing) as refused:
        store.update_lead(lead_id, pairs(FirstName="X"))
    assert refused.value.message == "'leadId' is mandatory for updating lead"


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"Attribute": "FirstName", "Value": "Object"}, "$"),
        ([{"Value": "no attribute"}], "$[0]"),
        ([{"Attribute": "mx_City", "Value": "x", "Fields": "no"}], "$[0].Fields"),
    ],
)
def test_a_body_of_the_wrong_shape_is_the_400(store: TenantStore, body: Any, path: str) -> None:
    with pytest.raises(LSQError) as refused:
        store.create_lead(body)
    assert isinstance(refused.value, InvalidInput | InvalidData)
    assert refused.value.path == path
    if path == "$":
        assert refused.value.status == 400
        assert "Cannot deserialize the current JSON object" in refused.value.message


def test_a_mandatory_custom_field_left_out_of_a_new_lead_is_refused(
    store: TenantStore,
) -> None:
    store.load({"LeadFields": [{"SchemaName": "mx_PAN", "DataType": "Text", "IsMandatory": True}]})

    with pytest.raises(MandatoryAttributeMissing):
        store.create_lead(pairs(EmailAddress="no-pan@example.com"))
    with pytest.raises(InvalidData) as emptied:
        store.update_lead(PRIYA, pairs(mx_PAN=""))
    assert emptied.value.rule == "mandatory-field:Text"
    assert store.create_lead(pairs(EmailAddress="pan@example.com", mx_PAN="ABCDE1234F")).created


def test_a_custom_field_set_keeps_its_nested_values(store: TenantStore) -> None:
    store.load({"LeadFields": [{"SchemaName": "mx_KYC", "DataType": "CustomObject"}]})
    nested = [
        {"Attribute": "Status", "Value": "Pending"},
        {"Attribute": "mx_CustomObject_1", "Value": "a.png"},
    ]

    saved = store.create_lead(
        [
            {"Attribute": "mx_KYC", "Value": "", "Fields": nested},
            *pairs(EmailAddress="k@example.com"),
        ]
    )

    assert store.lead(saved.lead_id)["mx_KYC.Fields"] == {
        "Status": "Pending",
        "mx_CustomObject_1": "a.png",
    }
    with pytest.raises(InvalidData):
        store.create_lead([{"Attribute": "mx_City", "Value": "x", "Fields": nested}])


def test_a_datetime_with_a_timezone_is_stored_in_utc_and_noted(store: TenantStore) -> None:
    store.load({"LeadFields": [{"SchemaName": "mx_Callback", "DataType": "DateTime"}]})

    saved = store.update_lead(PRIYA, pairs(mx_Callback="2026-11-20T10:00:00+05:30"))

    assert store.lead(PRIYA)["mx_Callback"] == "2026-11-20 04:30:00"
    assert [v.rule for v in saved.violations] == ["datetime-format"]
    assert store.lead_by_id(PRIYA)[0]["mx_Callback"] == "2026-11-20 04:30:00.000"


def test_the_same_attribute_twice_keeps_the_last_and_is_noted(store: TenantStore) -> None:
    saved = store.update_lead(PRIYA, pairs(mx_City="A") + pairs(mx_City="B"))
    assert store.lead(PRIYA)["mx_City"] == "B"
    assert [v.rule for v in saved.violations] == ["duplicate-field"]


@pytest.mark.parametrize("number", ["\u0663", "\u00b2", "1_0"])
def test_a_seeded_lead_number_is_ascii_digits(store: TenantStore, number: str) -> None:
    lead = {"ProspectID": "5f0c9f7e-1b7a-4c62-9d0e-3a1b2c3d4e5f", "ProspectAutoId": number}

    with pytest.raises(InvalidInput, match="ProspectAutoId"):
        store.load({"Leads": [lead]})

    saved = store.create_lead(pairs(FirstName="Next"))
    assert store.lead(saved.lead_id)["ProspectAutoId"] == "1005"  # after the seed's 1001 to 1004


def test_the_ledger_states_how_many_unknown_attributes_are_named() -> None:
    [entry] = [b for b in LEDGER if b.id == "lead-unknown-attribute"]
    said = " ".join(source.why for source in entry.sources if isinstance(source, Chosen))

    assert f"the first {NAMED_ATTRIBUTES} unknown attributes" in said
    assert f"cut at {NAMED_ATTRIBUTE_LENGTH} characters" in said
