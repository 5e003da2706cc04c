"""Leads.Get (each SqlOperator, Columns, Sorting, Paging) and the quick search, on the tenant."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.errors import InvalidData, InvalidEntity
from lsq_mock.tenant import TenantStore
from support.leads import ARJUN, KAVYA, PRIYA, ROHAN

ALL = [PRIYA, ARJUN, KAVYA, ROHAN]
"""The seed's leads in the order added (CreatedOn and ProspectAutoId both rise in this order)."""


def _ids(store: TenantStore, body: dict[str, Any]) -> list[str]:
    return [lead["ProspectID"] for lead in store.search_leads(body)]


def _where(name: str, operator: str, value: Any) -> dict[str, Any]:
    return {"Parameter": {"LookupName": name, "LookupValue": value, "SqlOperator": operator}}


@pytest.mark.parametrize(
    ("name", "operator", "value", "found"),
    [
        ("LastName", "=", "sharma", [PRIYA]),
        ("mx_City", "<>", "Pune", [ARJUN, KAVYA, ROHAN]),
        ("EmailAddress", "LIKE", "%MEHTA%", [ARJUN]),
        ("FirstName", "like", "_avya", [KAVYA]),
        ("FirstName", "LIKE", "Kav", []),
        ("mx_Budget", ">", "3000000", [PRIYA]),
        ("mx_Budget", "<", "3000000", [ARJUN]),
        ("mx_Budget", ">=", "2750000", [PRIYA, ARJUN]),
        ("mx_Budget", "<=", "9500000.00", [PRIYA, ARJUN]),
        ("CreatedOn", ">", "2026-11-05 11:30:00", [KAVYA, ROHAN]),
        ("CreatedOn", ">=", "2026-11-05 11:30:00.000", [ARJUN, KAVYA, ROHAN]),
        ("ProspectStage", "IN", "Customer, Opportunity", [PRIYA, KAVYA]),
        ("mx_Site_Visit_Date", "=", "2026-11-18", [PRIYA]),
    ],
)
def test_each_operator_compares_as_sql_does(
    store: TenantStore, name: str, operator: str, value: Any, found: list[str]
) -> None:
    assert _ids(store, _where(name, operator, value)) == found


def test_an_unset_value_matches_no_operator(store: TenantStore) -> None:
    assert _ids(store, _where("Company", "<>", "Anything")) == [PRIYA, KAVYA]


def test_the_lookup_name_is_case_sensitive_a_wrong_case_finds_none(store: TenantStore) -> None:
    assert _ids(store, _where("lastname", "=", "Sharma")) == []
    assert _ids(store, _where("mx_Nope", "=", "x")) == []


@pytest.mark.parametrize("operator", ["!=", "CONTAINS", "=="])
def test_an_operator_off_the_list_is_the_logical_error(store: TenantStore, operator: str) -> None:
    with pytest.raises(InvalidEntity) as refused:
        store.search_leads(_where("LastName", operator, "Sharma"))
    assert refused.value.exception_type == "MXInvalidEntityException"
    assert (refused.value.rule, refused.value.path) == (
        "search-operator",
        "$.Parameter.SqlOperator",
    )


def test_without_a_parameter_every_lead_is_answered(store: TenantStore) -> None:
    assert _ids(store, {}) == ALL
    assert _ids(store, {"Query": {"LookupName": "LastName", "LookupValue": "Das"}}) == ALL


def test_columns_answer_only_the_fields_asked_for_in_any_case(store: TenantStore) -> None:
    body = {
        **_where("FirstName", "=", "Priya"),
        "Columns": {"Include_CSV": "ProspectId, mx_city,Nope, FirstName"},
    }

    assert store.search_leads(body) == [
        {"ProspectID": PRIYA, "mx_City": "Pune", "FirstName": "Priya"}
    ]


@pytest.mark.parametrize(
    ("column", "direction", "found"),
    [
        ("FirstName", "0", [ARJUN, KAVYA, PRIYA, ROHAN]),
        ("FirstName", "1", [ROHAN, PRIYA, KAVYA, ARJUN]),
        ("mx_Budget", 0, [KAVYA, ROHAN, ARJUN, PRIYA]),
        ("mx_Budget", "1", [PRIYA, ARJUN, KAVYA, ROHAN]),
        ("CreatedOn", "1", [ROHAN, KAVYA, ARJUN, PRIYA]),
        ("Nope", "1", ALL),
    ],
)
def test_sorting_orders_by_the_column(
    store: TenantStore, column: str, direction: Any, found: list[str]
) -> None:
    assert _ids(store, {"Sorting": {"ColumnName": column, "Direction": direction}}) == found


@pytest.mark.parametrize(
    ("index", "size", "found"),
    [(1, 3, ALL[:3]), (2, 3, ALL[3:]), ("3", "3", []), (0, 2, ALL[:2]), ("2", 2, ALL[2:])],
)
def test_paging_counts_pages_from_one(
    store: TenantStore, index: Any, size: Any, found: list[str]
) -> None:
    assert _ids(store, {"Paging": {"PageIndex": index, "PageSize": size}}) == found


def test_a_page_over_1000_leads_is_refused(store: TenantStore) -> None:
    with pytest.raises(InvalidData) as refused:
        store.search_leads({"Paging": {"PageIndex": 1, "PageSize": 1001}})
    assert refused.value.message == "PageSize can not be more than 1000."


def test_the_default_page_is_100_leads(store: TenantStore) -> None:
    for n in range(120):
        store.create_lead([{"Attribute": "EmailAddress", "Value": f"p{n}@example.com"}])
    assert len(store.search_leads({})) == 100
    assert len(store.search_leads({"Paging": {"PageIndex": 2}})) == 24


def test_search_answers_fit_the_shipped_schemas(store: TenantStore) -> None:
    schemas = shipped_schemas()
    body = {
        **_where("mx_City", "LIKE", "%"),
        "Sorting": {"ColumnName": "CreatedOn", "Direction": "1"},
    }
    assert schemas.is_valid("lead-search-request.strict", body)
    assert schemas.is_valid("leads-response", store.search_leads(body))


@pytest.mark.parametrize(
    ("key", "found"),
    [
        ("priya", [PRIYA]),
        ("MEHTA", [ARJUN]),
        ("Kavya Iyer", [KAVYA]),
        ("example.com", ALL),
        ("textiles", [PRIYA]),
        ("9123456781", [ARJUN]),
        ("+91-90123", [ROHAN]),
        ("nobody", []),
        ("  ", []),
        # a phone's digits are ASCII ones: other scripts' digits and superscripts are none
        ("\u0669\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0661", []),
        ("\u00b9", []),
    ],
)
def test_quick_search_finds_names_emails_companies_and_phones(
    store: TenantStore, key: str, found: list[str]
) -> None:
    assert [lead["ProspectID"] for lead in store.quick_search_leads(key)] == found
