"""What verify compares (status, content type, ExceptionType, body shape, row results) and what
it leaves alone unless asked (ids, timestamps, messages); each difference names a ledger entry;
the comparison and suggestion logic never imports Flask."""

from __future__ import annotations

import ast
import importlib.util
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lsq_mock.calibrate.calls import IdMap
from lsq_mock.calibrate.cassette import Answer, Entry, Request
from lsq_mock.calibrate.compare import Replayed, compare
from lsq_mock.calibrate.ledger_ids import USED
from lsq_mock.catalogue.endpoints import ENDPOINTS, endpoint_at
from lsq_mock.catalogue.ledger import LEDGER
from lsq_mock.catalogue.traffic import Call
from support.paths import BULK_UPDATE, DETAILS, RETRIEVE, TYPES

JSON = (("Content-Type", "application/json; charset=utf-8"),)
EMULATOR_JSON = (("Content-Type", "application/json"),)


def entry(path: str, status: int, body: Any, headers: tuple[tuple[str, str], ...] = JSON) -> Entry:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Entry(
        kind="exchange",
        seq=1,
        at=datetime(2026, 12, 7, tzinfo=UTC),
        request=Request(headers=(), body=b"", method="POST", path=path),
        response=Answer(headers=headers, body=data, status=status),
    )


def replayed(status: int, body: Any, call: Call | None = None, headers=EMULATOR_JSON) -> Replayed:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Replayed(status, headers, data, call)


def journaled(path: str, status: int, rules: tuple[str, ...] = (), row: bool = False) -> Call:
    """The emulator's verdict on a call of `path`, as its verdict log would hold it."""
    endpoint = endpoint_at(path)
    return Call.from_verdict(
        {
            "endpoint": None if endpoint is None else endpoint.id,
            "status": status,
            "findings": [{"rule": rule, "row": 1 if row else None} for rule in rules],
        }
    )


def found(recorded: Entry, answer: Replayed, **kwargs: Any) -> list[tuple[str, str]]:
    return [(d.ledger, d.describe()) for d in compare(recorded, answer, **kwargs)]


def test_ids_timestamps_and_messages_are_not_compared_unless_asked() -> None:
    tenant = {
        "Status": "Success",
        "Message": {"Id": "a-generated-id", "When": "2026-12-07 10:00:00"},
    }
    ours = {
        "Status": "Success",
        "Message": {"Id": "another-id-0000", "When": "2027-01-01 00:00:00"},
    }
    assert found(entry("/v2/ProspectActivity.svc/Create", 200, tenant), replayed(200, ours)) == []
    asked = found(
        entry("/v2/ProspectActivity.svc/Create", 200, tenant),
        replayed(200, ours),
        asked=frozenset({"values"}),
    )
    assert [where for _, where in asked] == [
        'value at $.Message.Id: your tenant "a-generated-id", the emulator "another-id-0000"',
        'value at $.Message.When: your tenant "2026-12-07 10:00:00", '
        'the emulator "2027-01-01 00:00:00"',
    ]
    ids = IdMap()
    ids.learn(tenant, ours)
    translated = found(
        entry("/v2/ProspectActivity.svc/Create", 200, tenant),
        replayed(200, ours),
        translate=ids.value,
        asked=frozenset({"values"}),
    )
    assert [text for _, text in translated] == [asked[1][1]]


def test_the_media_type_is_compared_not_its_parameters() -> None:
    body = {"Status": "Error", "ExceptionType": "MXAPINotFoundException", "ExceptionMessage": "x"}
    assert found(entry("/v2/X", 404, body), replayed(404, body)) == []
    html = entry("/v2/X", 404, b"<html></html>", headers=(("Content-Type", "text/html"),))
    assert found(html, replayed(404, body, journaled("/v2/X", 404))) == [
        ("404", "Content-Type: your tenant text/html, the emulator application/json")
    ]


def test_an_envelope_s_exception_type_is_compared_and_its_message_only_when_asked() -> None:
    tenant = {
        "Status": "Error",
        "ExceptionType": "MXInvalidAccessDetailsException",
        "ExceptionMessage": "a",
    }
    ours = {
        "Status": "Error",
        "ExceptionType": "MXUnAuthorizedAccessException",
        "ExceptionMessage": "b",
    }
    recorded = entry(BULK_UPDATE, 401, tenant)
    assert found(recorded, replayed(401, ours, journaled(BULK_UPDATE, 401, ("auth",)))) == [
        (
            "401-body",
            "ExceptionType: your tenant MXInvalidAccessDetailsException, the emulator "
            "MXUnAuthorizedAccessException",
        )
    ]
    with_messages = found(recorded, replayed(401, ours), asked=frozenset({"messages"}))
    assert [ledger for ledger, _ in with_messages] == ["401-body", "401-body"]


def test_bulk_rows_are_compared_row_by_row() -> None:
    tenant = {
        "Response": [
            {"RowNumber": 1, "ActivityUpdated": True},
            {"RowNumber": 2, "ActivityUpdated": False, "ExceptionMessage": "gone"},
        ]
    }
    ours = {
        "Response": [
            {
                "RowNumber": 1,
                "ActivityUpdated": False,
                "ExceptionType": "MXInvalidEntityException",
                "ExceptionMessage": "?",
            },
            {
                "RowNumber": 2,
                "ActivityUpdated": False,
                "ExceptionType": "MXInvalidEntityException",
                "ExceptionMessage": "gone",
            },
        ]
    }
    call = journaled(BULK_UPDATE, 200, ("unknown-activity",), row=True)
    assert found(entry(BULK_UPDATE, 200, tenant), replayed(200, ours, call)) == [
        (
            "update-unknown",
            "ActivityUpdated at $.Response[0] (row 1): your tenant true, the emulator false",
        ),
        (
            "failed-row",
            "keys at $.Response[0] (row 1): your tenant without ExceptionMessage, ExceptionType, "
            "the emulator with ExceptionMessage, ExceptionType",
        ),
        (
            "failed-row",
            "keys at $.Response[1] (row 2): your tenant without ExceptionType, "
            "the emulator with ExceptionType",
        ),
    ]


def test_a_shape_is_keys_and_json_types_with_every_item_of_an_array_folded_in() -> None:
    tenant = [{"ID": "1", "Tags": "", "Extra": 1}, {"ID": "2", "Tags": None}]
    ours = [{"ID": "9", "Tags": "x"}]
    assert found(entry(TYPES, 200, tenant), replayed(200, ours, journaled(TYPES, 200))) == [
        ("types-shape", "keys at $[]: your tenant with Extra, the emulator without Extra")
    ]
    assert found(entry(TYPES, 200, [{"ID": 1}]), replayed(200, [{"ID": "1"}])) == [
        ("types-shape", "type at $[].ID: your tenant number, the emulator string")
    ]
    assert found(entry(DETAILS, 200, {"Fields": []}), replayed(200, {"Fields": [{"A": 1}]})) == []


def test_retrieve_s_count_and_rows_on_the_page_are_row_results() -> None:
    def page(count: int, *ids: str) -> dict[str, Any]:
        return {"RecordCount": count, "ProspectActivities": [{"Id": i} for i in ids]}

    recorded = entry(RETRIEVE, 200, page(3, "a", "b"))
    assert found(recorded, replayed(200, page(3, "a", "b"))) == []
    assert found(recorded, replayed(200, page(3, "b", "a"))) == [
        (
            "retrieve-order",
            "rows on the page at $.ProspectActivities: your tenant [a, b], the emulator [b, a]",
        )
    ]
    assert [ledger for ledger, _ in found(recorded, replayed(200, page(2, "b", "c")))] == [
        "retrieve-order",
        "retrieve-paging",
    ]


@pytest.mark.parametrize(
    ("status", "ours", "rules", "ledger"),
    [
        (500, 400, ("invalid-input:maxItems",), "max-rows"),
        (400, 500, ("unknown-activity",), "logical-500"),
        (403, 429, (), "limit-status"),
        (200, 413, ("payload-too-large",), "413"),
    ],
)
def test_a_status_difference_names_the_behaviour_behind_it(
    status: int, ours: int, rules: tuple[str, ...], ledger: str
) -> None:
    over = {
        "Status": "Error",
        "ExceptionType": "MXAPIRateLimitExceededException",
        "ExceptionMessage": "x",
    }
    body = (
        over
        if status == 403
        else {
            "Status": "Error",
            "ExceptionType": "MXInvalidInputException",
            "ExceptionMessage": "x",
        }
    )
    call = journaled(BULK_UPDATE, ours, rules)
    if status == 403:
        call = Call.from_verdict(
            {"endpoint": "bulk-update", "status": 429, "rate_limit": "account"}
        )
    (difference,) = compare(entry(BULK_UPDATE, status, body), replayed(ours, body, call))
    assert (difference.ledger, difference.aspect) == (ledger, "status")


def test_every_ledger_entry_a_difference_may_name_is_in_the_ledger() -> None:
    ids = {behaviour.id for behaviour in LEDGER}
    assert ids >= USED, USED - ids
    assert {endpoint.id for endpoint in ENDPOINTS} <= ids


FLASK_FREE = (
    "cassette",
    "redact",
    "target",
    "calls",
    "observed",
    "seeding",
    "shape",
    "compare",
    "ledger_ids",
    "suggest",
    "report",
    "evidence",
)
"""The calibrate modules that hold no HTTP: the cassette, redaction, seeding, comparison,
suggestions and reports."""


def _imports(name: str) -> set[str]:
    """The modules `name` imports at run time (not under `if TYPE_CHECKING:`), read, not run."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {module for module in found if importlib.util.find_spec(module.split(".")[0])}


def _reaches(name: str) -> set[str]:
    """Every module `name` imports, following lsq_mock's own modules (not the package's
    `__init__`, which exports the app factory for users)."""
    seen, todo = set(), [name]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        for imported in _imports(module):
            if imported.startswith("lsq_mock.") and _is_module(imported):
                todo.append(imported)
            else:
                seen.add(imported)
    return seen


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize("module", FLASK_FREE)
def test_the_comparison_and_suggestions_never_import_flask(module: str) -> None:
    reached = _reaches(f"lsq_mock.calibrate.{module}")
    assert not {m for m in reached if m.split(".")[0] in ("flask", "werkzeug")}
    assert not {m for m in reached if m.startswith(("lsq_mock.api", "lsq_mock.serving"))}


def test_the_import_check_sees_flask_where_it_is() -> None:
    assert "flask" in _reaches("lsq_mock.calibrate.replay")
