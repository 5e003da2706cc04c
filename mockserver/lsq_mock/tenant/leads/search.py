"""Searching leads: Leads.Get's criteria (LookupName, SqlOperator, Sorting, Paging) and the quick
search. Pure functions over the stored leads; the store holds its lock around them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.errors import InvalidEntity
from lsq_mock.tenant.leads.records import PHONE_FIELDS, Lead
from lsq_mock.tenant.leads.schema import LeadSchema
from lsq_mock.tenant.paging import checked_page_size

OPERATORS = ("=", "LIKE", ">", "<", "<=", ">=", "<>", "IN")
"""Leads.Get's SqlOperator values: its page's list (one version of the page adds IN)."""
DEFAULT_PAGE_SIZE = 100
QUICK_SEARCH_FIELDS = ("FirstName", "LastName", "EmailAddress", "Company")
"""What the quick search matches text against (and Phone and Mobile, by their digits)."""
Key = tuple[int, Any]
"""A sort key that orders null first, then numbers or text."""


@dataclass(frozen=True)
class Criteria:
    """A Leads.Get body, read: the filter (None: every lead), sorting, paging, columns."""

    lookup_name: str | None = None
    lookup_value: Any = None
    operator: str = "="
    sort_by: str | None = None
    descending: bool = False
    page_index: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    columns: tuple[str, ...] | None = None


def read_criteria(body: Mapping[str, Any], schema: LeadSchema) -> Criteria:
    """The criteria of a Leads.Get body (checked for shape by its request schema)."""
    parameter = body.get("Parameter") or {}
    operator = str(parameter.get("SqlOperator") or "=").strip().upper()
    if operator not in OPERATORS:
        raise InvalidEntity(
            f"SqlOperator {parameter.get('SqlOperator')!r} is not supported: use one of "
            f"{', '.join(OPERATORS)}",
            path="$.Parameter.SqlOperator",
            rule=rules.SEARCH_OPERATOR,
        )
    paging = body.get("Paging") or {}
    page_size = checked_page_size(
        int(paging.get("PageSize") or DEFAULT_PAGE_SIZE), "$.Paging.PageSize"
    )
    sorting = body.get("Sorting") or {}
    csv = (body.get("Columns") or {}).get("Include_CSV")
    return Criteria(
        lookup_name=parameter.get("LookupName") or None,
        lookup_value=parameter.get("LookupValue"),
        operator=operator,
        sort_by=sorting.get("ColumnName") or None,
        descending=str(sorting.get("Direction", "0")).strip() == "1",
        page_index=max(1, int(paging.get("PageIndex") or 1)),
        page_size=max(1, page_size),
        columns=None if not csv else _columns(csv, schema),
    )


def _columns(csv: str, schema: LeadSchema) -> tuple[str, ...]:
    """The schema names Include_CSV asks for, in any letter case (the vendor's own samples write
    ProspectId and ProspectAutoID); names of no lead field are left out."""
    found = (schema.resolve(name.strip()) for name in csv.split(","))
    return tuple(dict.fromkeys(name for name in found if name is not None))


def search(leads: Iterable[Lead], criteria: Criteria, schema: LeadSchema) -> list[Lead]:
    """One page of the leads matching `criteria`, sorted as asked (else in the order added)."""
    matching = list(_filtered(leads, criteria, schema))
    if criteria.sort_by is not None and schema.field(criteria.sort_by) is not None:
        key = _sort_key(schema.field(criteria.sort_by) or {})
        name = criteria.sort_by
        matching.sort(key=lambda lead: key(lead.get(name)), reverse=criteria.descending)
    start = (criteria.page_index - 1) * criteria.page_size
    return matching[start : start + criteria.page_size]


def _filtered(leads: Iterable[Lead], criteria: Criteria, schema: LeadSchema) -> Iterable[Lead]:
    if criteria.lookup_name is None:
        return leads
    definition = schema.field(criteria.lookup_name)  # case-sensitive: a wrong case finds none
    if definition is None:
        return ()
    test = _test(criteria.operator, criteria.lookup_value, definition)
    name = criteria.lookup_name
    return (lead for lead in leads if lead.get(name) is not None and test(lead[name]))


def _test(operator: str, sent: Any, definition: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether a stored (non-null) value satisfies `operator` with `sent`, as SQL compares."""
    if operator == "LIKE":
        like = _like(str(sent or ""))
        return lambda value: like(str(value))
    key = _sort_key(definition)
    if operator == "IN":
        wanted = {key(part.strip()) for part in str(sent or "").split(",")}
        return lambda value: key(value) in wanted
    target = key(sent)
    compare: dict[str, Callable[[Key, Key], bool]] = {
        "=": lambda a, b: a == b,
        "<>": lambda a, b: a != b,
        ">": lambda a, b: a[0] == b[0] and a > b,
        "<": lambda a, b: a[0] == b[0] and a < b,
        ">=": lambda a, b: a[0] == b[0] and a >= b,
        "<=": lambda a, b: a[0] == b[0] and a <= b,
    }
    check = compare[operator]
    return lambda value: check(key(value), target)


def _like(sent: str) -> Callable[[str], bool]:
    """SQL LIKE: % any run, _ one character, case-insensitive (SQL Server's default collation).

    Not one regular expression (`%a%a%a...b` made it backtrack for seconds, holding the store's
    lock): the fixed-width pieces between the %s are placed leftmost, one after another, which
    finds a match whenever there is one, in time linear in the pieces."""
    texts = sent.split("%")
    first, *rest = [_piece(text) for text in texts]
    last_width = len(texts[-1])

    def matches(value: str) -> bool:
        if not rest:
            return first.fullmatch(value) is not None
        start = first.match(value)
        if start is None:
            return False
        position = start.end()
        *middle, last = rest
        for piece in middle:
            found = piece.search(value, position)
            if found is None:
                return False
            position = found.end()
        tail = len(value) - last_width
        return tail >= position and last.fullmatch(value, tail) is not None

    return matches


def _piece(text: str) -> re.Pattern[str]:
    """A fixed-width stretch of a LIKE pattern: `_` any one character, the rest as written."""
    return re.compile(
        "".join("." if c == "_" else re.escape(c) for c in text), re.IGNORECASE | re.DOTALL
    )


def _sort_key(definition: dict[str, Any]) -> Callable[[Any], Key]:
    """How values of a field compare: numbers as numbers, dates by their first 19 characters,
    text case-insensitively; null before anything."""
    data_type = definition.get("DataType")

    def key(value: Any) -> Key:
        if value is None:
            return (0, "")
        if data_type == "Number":
            try:
                return (1, float(value))
            except (TypeError, ValueError):
                return (2, str(value).casefold())
        if data_type in ("DateTime", "Date"):
            return (2, str(value)[:19])
        return (2, str(value).casefold())

    return key


def quick_search(leads: Iterable[Lead], key: str) -> list[Lead]:
    """The leads whose name, email or company holds `key` (case-insensitive), or whose Phone or
    Mobile holds its digits; none for an empty key."""
    text = key.strip().casefold()
    if not text:
        return []
    digits = _digits(key) or None
    return [lead for lead in leads if _quick_match(lead, text, digits)]


def _quick_match(lead: Lead, text: str, digits: str | None) -> bool:
    texts = [str(lead.get(name) or "").casefold() for name in QUICK_SEARCH_FIELDS]
    if any(text in found for found in (*texts, f"{texts[0]} {texts[1]}")):
        return True
    phones = (_digits(str(lead.get(name) or "")) for name in PHONE_FIELDS)
    return digits is not None and any(digits in phone for phone in phones)


def _digits(text: str) -> str:
    """The ASCII digits of `text`, in order (lsq_mock.digits: '٣' and '²' are none)."""
    return "".join(c for c in text if "0" <= c <= "9")
