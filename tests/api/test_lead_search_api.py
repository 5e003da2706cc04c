"""Leads.Get over HTTP, as the vendor's Search Leads by Criteria page and the live evidence show
it: Parameter (LookupName, LookupValue, SqlOperator), Columns.Include_CSV, Sorting and Paging."""

from __future__ import annotations

from typing import Any

import pytest

from lsq_mock import Settings
from support.calls import post
from support.envelope import assert_envelope
from support.leads import ARJUN, KAVYA, PRIYA, ROHAN, pairs, unlimited, write
from support.paths import LEAD_CREATE, LEAD_SEARCH
from support.running import Running

VENDOR_SEARCH = {
    # The request of the vendor's page, whole.
    "Parameter": {
        "LookupName": "CreatedOn",
        "LookupValue": "2015-01-01 14:36:59",
        "SqlOperator": ">",
    },
    "Columns": {"Include_CSV": "ProspectID, FirstName, LastName, EmailAddress"},
    "Sorting": {"ColumnName": "CreatedOn", "Direction": "1"},
    "Paging": {"PageIndex": 1, "PageSize": 100},
}
BY_CREATION = [PRIYA, ARJUN, KAVYA, ROHAN]
"""The seeded leads, oldest first (CreatedOn 2 Nov, 5 Nov, 8 Nov, 12 Nov 2026)."""


@pytest.fixture
def settings() -> Settings:
    return unlimited()


def _search(running: Running, body: Any) -> list[dict[str, Any]]:
    answer = post(running, LEAD_SEARCH, body)
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    assert isinstance(found, list)
    return found


def _ids(running: Running, name: str, value: Any, operator: str, **more: Any) -> list[str]:
    body = {
        "Parameter": {"LookupName": name, "LookupValue": value, "SqlOperator": operator},
        "Columns": {"Include_CSV": "ProspectID"},
        "Sorting": {"ColumnName": "CreatedOn", "Direction": "0"},
        **more,
    }
    return [lead["ProspectID"] for lead in _search(running, body)]


def test_the_vendor_s_sample_answers_the_columns_asked_newest_first(running: Running) -> None:
    found = _search(running, VENDOR_SEARCH)

    assert [lead["ProspectID"] for lead in found] == BY_CREATION[::-1]
    assert all(
        list(lead) == ["ProspectID", "FirstName", "LastName", "EmailAddress"] for lead in found
    )
    assert found[-1] == {
        "ProspectID": PRIYA,
        "FirstName": "Priya",
        "LastName": "Sharma",
        "EmailAddress": "priya.sharma@example.com",
    }


@pytest.mark.parametrize(
    ("name", "value", "operator", "found"),
    [
        ("ProspectStage", "Prospect", "=", [ARJUN, ROHAN]),
        ("ProspectStage", "prospect", "=", [ARJUN, ROHAN]),
        ("ProspectStage", "Prospect", "<>", [PRIYA, KAVYA]),
        ("EmailAddress", "%.iyer@%", "LIKE", [KAVYA]),
        ("FirstName", "_rjun", "LIKE", [ARJUN]),
        ("FirstName", "r%", "like", [ROHAN]),
        ("mx_Budget", "10000000", "<", [PRIYA, ARJUN]),
        ("mx_Budget", "2750000", "<=", [ARJUN]),
        ("mx_Budget", "2750000", ">", [PRIYA]),
        ("mx_Budget", "9500000", ">=", [PRIYA]),
        ("CreatedOn", "2026-11-05 11:30:00", "<=", [PRIYA, ARJUN]),
        ("CreatedOn", "2026-11-08 00:00:00", ">", [KAVYA, ROHAN]),
        ("mx_City", "Chennai", "=", [KAVYA]),
    ],
    ids=[
        "equal",
        "equal-any-case",
        "not-equal",
        "like-percent",
        "like-underscore",
        "like-lowercase-operator",
        "less-than-numbers-as-numbers",
        "at-most",
        "more-than",
        "at-least",
        "date-at-most",
        "date-after",
        "custom-field",
    ],
)
def test_each_operator_of_the_page(
    running: Running, name: str, value: str, operator: str, found: list[str]
) -> None:
    assert _ids(running, name, value, operator) == found


def test_a_lookup_name_in_another_case_finds_nothing(running: Running) -> None:
    """Observed live: LookupName is case-sensitive, and a wrong case silently answers []."""
    assert _ids(running, "firstname", "Priya", "=") == []
    assert _ids(running, "FirstName", "Priya", "=") == [PRIYA]


@pytest.mark.parametrize("operator", ["!=", "==", "BETWEEN", "contains"])
def test_an_operator_off_the_list_is_the_live_500(running: Running, operator: str) -> None:
    body = {"Parameter": {"LookupName": "FirstName", "LookupValue": "P", "SqlOperator": operator}}

    assert_envelope(post(running, LEAD_SEARCH, body), 500, "MXInvalidEntityException")


def test_a_query_wrapper_is_ignored_and_every_lead_answered(running: Running) -> None:
    """Observed live: a body whose criteria sit under `Query` gets unfiltered rows, no error."""
    body = {
        "Query": {
            "Parameter": {"LookupName": "FirstName", "LookupValue": "Priya", "SqlOperator": "="}
        },
        "Columns": {"Include_CSV": "ProspectID"},
    }

    assert [lead["ProspectID"] for lead in _search(running, body)] == BY_CREATION


def test_columns_are_matched_in_any_case_and_answered_by_their_schema_names(
    running: Running,
) -> None:
    body = {
        "Parameter": {"LookupName": "ProspectID", "LookupValue": KAVYA, "SqlOperator": "="},
        "Columns": {"Include_CSV": "ProspectId,ProspectAutoID, emailaddress ,mx_city"},
    }

    assert _search(running, body) == [
        {
            "ProspectID": KAVYA,
            "ProspectAutoId": "1003",
            "EmailAddress": "kavya.iyer@example.com",
            "mx_City": "Chennai",
        }
    ]


def test_without_columns_every_field_is_answered(running: Running) -> None:
    body = {"Parameter": {"LookupName": "FirstName", "LookupValue": "Rohan", "SqlOperator": "="}}

    [lead] = _search(running, body)

    assert {"ProspectID", "ProspectAutoId", "OwnerId", "CreatedOn", "mx_Budget"} <= set(lead)
    assert lead["mx_Budget"] is None and lead["CreatedOn"] == "2026-11-12 08:05:00.000"


@pytest.mark.parametrize(
    ("column", "direction", "order"),
    [
        ("CreatedOn", "0", BY_CREATION),
        ("CreatedOn", "1", BY_CREATION[::-1]),
        ("FirstName", "0", [ARJUN, KAVYA, PRIYA, ROHAN]),
        ("mx_Budget", "1", [PRIYA, ARJUN, KAVYA, ROHAN]),
        ("ProspectAutoId", 1, BY_CREATION[::-1]),
    ],
    ids=["oldest-first", "newest-first", "text", "numbers-descending", "integer-direction"],
)
def test_sorting_by_a_column_either_way(
    running: Running, column: str, direction: Any, order: list[str]
) -> None:
    body = {
        "Columns": {"Include_CSV": "ProspectID"},
        "Sorting": {"ColumnName": column, "Direction": direction},
    }

    found = [lead["ProspectID"] for lead in _search(running, body)]

    if column == "mx_Budget":  # two leads have no budget: they sort together, after the set ones
        assert found[:2] == order[:2] and set(found[2:]) == set(order[2:])
    else:
        assert found == order


@pytest.mark.parametrize(
    ("index", "size", "page"),
    [(1, 3, BY_CREATION[:3]), (2, 3, BY_CREATION[3:]), (2, 2, BY_CREATION[2:]), (3, 2, [])],
)
def test_paging_counts_pages_from_1(
    running: Running, index: int, size: int, page: list[str]
) -> None:
    body = {
        "Columns": {"Include_CSV": "ProspectID"},
        "Sorting": {"ColumnName": "CreatedOn", "Direction": "0"},
        "Paging": {"PageIndex": index, "PageSize": size},
    }

    assert [lead["ProspectID"] for lead in _search(running, body)] == page


def test_a_page_over_1000_leads_is_the_live_500(running: Running) -> None:
    body = {"Paging": {"PageIndex": 1, "PageSize": 1001}}

    message = assert_envelope(post(running, LEAD_SEARCH, body), 500, "MXInvalidInputException")
    assert message == "PageSize can not be more than 1000."


def test_a_search_that_matches_nothing_is_an_empty_array(running: Running) -> None:
    assert _ids(running, "mx_City", "Atlantis", "=") == []


@pytest.mark.parametrize(
    "data", ["[]", '"FirstName"', '{"Parameter": '], ids=["array", "string", "not-json"]
)
def test_a_body_that_is_no_search_is_a_400(running: Running, data: str) -> None:
    answer = running.http.post(
        running.url + LEAD_SEARCH,
        params=running.keys,
        data=data,
        headers={"Content-Type": "application/json"},
    )

    assert_envelope(answer, 400, "MXInvalidInputException")


def test_a_search_sees_a_lead_created_a_moment_before(running: Running) -> None:
    body = [{"Attribute": "EmailAddress", "Value": "late@example.com"}]
    assert post(running, "/v2/LeadManagement.svc/Lead.Create", body).status_code == 200

    found = _ids(running, "EmailAddress", "late@example.com", "=")

    assert len(found) == 1 and found[0] not in BY_CREATION


def test_a_like_of_many_percents_is_answered_at_once_and_right(running: Running) -> None:
    """`%a%a...%b` against forty a's: as one regular expression it backtracked for minutes,
    holding the store's lock (every other call waited); placed piece by piece, it answers."""
    created = write(running, LEAD_CREATE, pairs(FirstName="a" * 40, EmailAddress="a@example.com"))
    assert created.status_code == 200, created.text
    lead_id = created.json()["Message"]["Id"]

    assert _ids(running, "FirstName", "%a" * 30 + "%b", "LIKE") == []
    assert _ids(running, "FirstName", "%a" * 30 + "%", "LIKE") == [lead_id]
    assert _ids(running, "FirstName", "a%a_a%" + "_" * 30, "LIKE") == [lead_id]
