"""Compare a recorded answer with the emulator's answer to the same call: status, content type,
the envelope's ExceptionType, the body's shape (keys and JSON types), and row results (each bulk
row's outcome and keys, Retrieve's count and rows). Generated ids, timestamps and messages are
compared only when asked. Each difference names the fidelity ledger entry it is about. No HTTP.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lsq_mock.calibrate.cassette import Entry
from lsq_mock.calibrate.ledger_ids import Aspect, ledger_for
from lsq_mock.calibrate.shape import mismatches, shape_of
from lsq_mock.catalogue.traffic import Call

ROWS_KEY = "Response"
ROW_NUMBER = "RowNumber"
PAGE_KEY, COUNT_KEY, ROW_ID = "ProspectActivities", "RecordCount", "Id"
COMPARABLE = ("messages", "values")
"""What is compared only when asked: ExceptionMessage texts; every other value (ids translated,
timestamps as they are)."""


@dataclass(frozen=True)
class Replayed:
    """The emulator's answer to one recorded call, and its journal's verdict on the call."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    call: Call | None


@dataclass(frozen=True)
class Difference:
    """One way the emulator answered a recorded call unlike the tenant."""

    seq: int
    line: int
    method: str
    path: str
    ledger: str
    """The fidelity ledger entry of the behaviour that differs."""
    aspect: str
    where: str
    tenant: str
    emulator: str

    @property
    def call(self) -> str:
        """`#3 POST /v2/...`: the recorded call."""
        return f"#{self.seq} {self.method} {self.path}"

    def describe(self) -> str:
        """`status: your tenant 500, the emulator 400`."""
        where = f" at {self.where}" if self.where else ""
        tenant, emulator = _clipped(self.tenant), _clipped(self.emulator)
        return f"{self.aspect}{where}: your tenant {tenant}, the emulator {emulator}"


SHOWN_CHARS = 120


def _clipped(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def media_type(headers: tuple[tuple[str, str], ...]) -> str:
    """The Content-Type without its parameters, lower case; "" when none was sent."""
    value = next((v for n, v in headers if n.lower() == "content-type"), "")
    return value.split(";", 1)[0].strip().lower()


def parsed(body: bytes) -> tuple[bool, Any]:
    """(whether `body` is JSON, its value)."""
    try:
        return True, json.loads(body)
    except ValueError:
        return False, None


def compare(
    entry: Entry,
    replayed: Replayed,
    translate: Callable[[Any], Any] = lambda value: value,
    asked: frozenset[str] = frozenset(),
) -> list[Difference]:
    """How `replayed` differs from what `entry` recorded; `translate` maps a recorded id to the
    emulator's; `asked` holds what of COMPARABLE to compare too."""
    assert entry.response is not None
    found: list[Difference] = []

    def differ(aspect: Aspect, name: str, where: str, tenant: Any, emulator: Any) -> None:
        ledger = ledger_for(aspect, entry, replayed)
        found.append(
            Difference(
                entry.seq,
                entry.line,
                entry.request.method,
                entry.request.path,
                ledger,
                name,
                where,
                str(tenant),
                str(emulator),
            )
        )

    recorded = entry.response
    if recorded.status != replayed.status:
        differ(Aspect.STATUS, "status", "", recorded.status, replayed.status)
    tenant_type, emulator_type = media_type(recorded.headers), media_type(replayed.headers)
    if tenant_type != emulator_type:
        differ(
            Aspect.CONTENT_TYPE, "Content-Type", "", tenant_type or "none", emulator_type or "none"
        )
        return found
    tenant_json, tenant_value = parsed(recorded.body)
    emulator_json, emulator_value = parsed(replayed.body)
    if tenant_json != emulator_json:
        differ(Aspect.SHAPE, "body", "", _kind(tenant_json), _kind(emulator_json))
        return found
    if not tenant_json:
        return found
    _envelope(differ, tenant_value, emulator_value, asked)
    skip = frozenset(_rows(differ, tenant_value, emulator_value, translate, asked))
    for mismatch in mismatches(shape_of(tenant_value), shape_of(emulator_value), skip=skip):
        differ(Aspect.SHAPE, mismatch.kind, mismatch.path, mismatch.tenant, mismatch.emulator)
    if "values" in asked:
        for path, tenant, emulator in _values(translate(tenant_value), emulator_value, "$", skip):
            differ(Aspect.VALUE, "value", path, json.dumps(tenant), json.dumps(emulator))
    return found


Differ = Callable[[Aspect, str, str, Any, Any], None]


def _kind(is_json: bool) -> str:
    return "JSON" if is_json else "not JSON"


def _envelope(differ: Differ, tenant: Any, emulator: Any, asked: frozenset[str]) -> None:
    if not (isinstance(tenant, dict) and isinstance(emulator, dict)):
        return
    types = tenant.get("ExceptionType"), emulator.get("ExceptionType")
    if "ExceptionType" in tenant and "ExceptionType" in emulator and types[0] != types[1]:
        differ(
            Aspect.EXCEPTION_TYPE,
            "ExceptionType",
            "",
            tenant["ExceptionType"],
            emulator["ExceptionType"],
        )
    if "messages" in asked and tenant.get("ExceptionMessage") != emulator.get("ExceptionMessage"):
        differ(
            Aspect.MESSAGE,
            "ExceptionMessage",
            "",
            json.dumps(tenant.get("ExceptionMessage")),
            json.dumps(emulator.get("ExceptionMessage")),
        )


def _rows(
    differ: Differ,
    tenant: Any,
    emulator: Any,
    translate: Callable[[Any], Any],
    asked: frozenset[str],
) -> Iterator[str]:
    """Compare row results; yield the paths they cover, for the shape comparison to skip."""
    if not (isinstance(tenant, dict) and isinstance(emulator, dict)):
        return
    if _row_list(tenant.get(ROWS_KEY)) and _row_list(emulator.get(ROWS_KEY)):
        yield f"$.{ROWS_KEY}"
        _bulk_rows(differ, tenant[ROWS_KEY], emulator[ROWS_KEY], asked)
    if PAGE_KEY in tenant and PAGE_KEY in emulator:
        _page(differ, tenant, emulator, translate)


def _row_list(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(row, dict) and ROW_NUMBER in row for row in value
    )


def _bulk_rows(
    differ: Differ,
    tenant: list[dict[str, Any]],
    emulator: list[dict[str, Any]],
    asked: frozenset[str],
) -> None:
    if len(tenant) != len(emulator):
        differ(Aspect.ROW, "rows", f"$.{ROWS_KEY}", len(tenant), len(emulator))
    by_number = {row.get(ROW_NUMBER): row for row in emulator}
    for index, row in enumerate(tenant):
        other = by_number.get(row.get(ROW_NUMBER))
        if other is None:
            continue
        where = f"$.{ROWS_KEY}[{index}] (row {row.get(ROW_NUMBER)})"
        outcomes = [k for k in row.keys() & other.keys() if isinstance(row[k], bool)]
        for key in sorted(outcomes):
            if row[key] != other[key]:
                differ(Aspect.ROW_OUTCOME, key, where, json.dumps(row[key]), json.dumps(other[key]))
        types = row.get("ExceptionType"), other.get("ExceptionType")
        if "ExceptionType" in row and "ExceptionType" in other and types[0] != types[1]:
            differ(Aspect.ROW, "ExceptionType", where, row["ExceptionType"], other["ExceptionType"])
        for mismatch in mismatches(shape_of(row), shape_of(other)):
            differ(Aspect.ROW, mismatch.kind, where, mismatch.tenant, mismatch.emulator)
        if "messages" in asked and row.get("ExceptionMessage") != other.get("ExceptionMessage"):
            differ(
                Aspect.ROW,
                "ExceptionMessage",
                where,
                json.dumps(row.get("ExceptionMessage")),
                json.dumps(other.get("ExceptionMessage")),
            )


def _page(
    differ: Differ,
    tenant: dict[str, Any],
    emulator: dict[str, Any],
    translate: Callable[[Any], Any],
) -> None:
    """Retrieve: how many activities match, and which are on the page, in which order."""
    if tenant.get(COUNT_KEY) != emulator.get(COUNT_KEY):
        differ(Aspect.PAGE_COUNT, COUNT_KEY, "", tenant.get(COUNT_KEY), emulator.get(COUNT_KEY))
    rows, others = tenant.get(PAGE_KEY), emulator.get(PAGE_KEY)
    if not (isinstance(rows, list) and isinstance(others, list)):
        return
    ids = [translate(r.get(ROW_ID)) for r in rows if isinstance(r, dict)]
    other_ids = [r.get(ROW_ID) for r in others if isinstance(r, dict)]
    if ids != other_ids:
        aspect = (
            Aspect.PAGE_ORDER
            if sorted(map(str, ids)) == sorted(map(str, other_ids))
            else (Aspect.PAGE_ROWS)
        )
        differ(aspect, "rows on the page", f"$.{PAGE_KEY}", _ids(ids), _ids(other_ids))


def _ids(ids: list[Any]) -> str:
    shown = ", ".join(str(i) for i in ids[:5]) + (
        f", ... ({len(ids)} in all)" if len(ids) > 5 else ""
    )
    return f"[{shown}]"


def _values(
    tenant: Any, emulator: Any, path: str, skip: frozenset[str]
) -> Iterator[tuple[str, Any, Any]]:
    if path in skip:
        return
    if isinstance(tenant, dict) and isinstance(emulator, dict):
        for key in [k for k in tenant if k in emulator]:
            if key not in ("ExceptionMessage", "ExceptionType"):
                yield from _values(tenant[key], emulator[key], f"{path}.{key}", skip)
    elif isinstance(tenant, list) and isinstance(emulator, list):
        for index, (one, other) in enumerate(zip(tenant, emulator, strict=False)):
            yield from _values(one, other, f"{path}[{index}]", skip)
    elif not isinstance(tenant, dict | list) and tenant != emulator:
        yield path, tenant, emulator
