"""The behaviour catalogue: every API behaviour a client's test suite can exercise, what traffic
exercises it, and how a test makes it happen. The one definition: contract coverage counts these
entries, the docs page is generated from them.

Made from the endpoints, the rule catalogue and the fidelity ledger: per endpoint its success,
each failed-row and logical-error rule, each cause of a 400, 401, 404, 413, each limit's 429, an
injected 500, a dropped and a truncated answer, and the batch sizes; then the API-wide ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.data_types import DATA_TYPES
from lsq_mock.catalogue.endpoints import ENDPOINTS, Endpoint
from lsq_mock.catalogue.names import ACCESS_KEY_HEADER, ACCESS_KEY_PARAMETER, SKIP_DROPDOWNS
from lsq_mock.catalogue.traffic import Call, Written

API_WIDE = "API-wide"
"""The `endpoint` of the entries no one endpoint owns (where keys go, field types, ...)."""


@dataclass(frozen=True)
class Exercise:
    """One behaviour a client's tests can exercise, and the traffic that shows they did."""

    id: str
    endpoint: str
    """The endpoint's id (`bulk-update`), or API_WIDE."""
    title: str
    hint: str
    """How a test makes it happen: the fixture call, limit, seed or payload."""
    ledger: tuple[str, ...]
    """The fidelity ledger entries it rests on."""
    rule: str | None = None
    """The rule catalogue's rule it is about, if one."""
    in_call: Callable[[Call], bool] | None = None
    """Whether a journaled call exercised it."""
    in_write: Callable[[Written], bool] | None = None
    """Whether a value a write stored exercised it."""
    about: tuple[str, ...] = ()
    """An API-wide behaviour's endpoints: those whose calls can exercise it (coverage over the
    endpoints a run called counts it once one of them was called). An endpoint's own behaviours
    are about that endpoint alone."""

    @property
    def endpoints(self) -> tuple[str, ...]:
        """The endpoints whose calls can exercise it."""
        return self.about if self.endpoint == API_WIDE else (self.endpoint,)


_RULE_HINTS = {
    rules.UNKNOWN_ACTIVITY: "name an activity id no activity has",
    rules.WRONG_ACTIVITY_TYPE: "send an ActivityEvent other than the activity's own type",
    rules.UNKNOWN_FIELD: "send a SchemaName the activity's type does not have",
    rules.INVALID_VALUE: "send a Value its field's DataType refuses (e.g. 'abc' for a Number, "
    "an option the dropdown lacks)",
    rules.MANDATORY_FIELD: "send a mandatory field empty (or, posting, leave it out)",
    rules.UNKNOWN_ACTIVITY_TYPE: "send an ActivityEvent no activity type of the tenant has",
    rules.UNKNOWN_LEAD: "send a RelatedProspectId of no lead (the tenant must hold leads: the "
    "default seed does)",
    rules.MANDATORY_MISSING: "leave out a query parameter the call needs (leadId, activityId, "
    "id, emailaddress, phone, key, code), or a mandatory key of the body (ActivityEvent, "
    "RelatedProspectId and EmailAddress, ProspectActivityId, ActivityEventName; "
    "Parameter.ActivityEvent, FromDate, ToDate)",
    rules.PAGE_SIZE: 'ask for a page over 1000 rows: {"Paging": {"RowCount": 1001}}',
    rules.DUPLICATE_ENTRY: "create a type named like one the tenant has",
    rules.INVALID_TYPE: "define a field twice, or send an OptionSet that is not a JSON array",
    rules.UNKNOWN_ATTRIBUTE: "send an Attribute that is no lead field of the tenant",
    rules.DUPLICATE_LEAD: "give EmailAddress or Phone the value another lead holds",
    rules.READ_ONLY_FIELD: "write a field the tenant keeps itself (ProspectAutoId, CreatedOn)",
    rules.SEARCH_BY: 'send {"Attribute": "SearchBy", "Value": "Website"}',
    rules.UPDATE_BEHAVIOR: "send ?LeadUpdateBehavior=Sometimes",
    rules.SEARCH_OPERATOR: 'search with "SqlOperator": "!="',
}
"""How a test breaks each logical rule an endpoint checks."""
_BY_PARAMETER_EVENT = "send a Parameter.ActivityEvent no activity type of the tenant has"
_BY_LEAD_ID = "send a leadId of no lead (the tenant must hold leads: the default seed does)"
_RULE_HINTS_ON = {
    ("retrieve", rules.UNKNOWN_ACTIVITY_TYPE): _BY_PARAMETER_EVENT,
    ("retrieve-by-event", rules.UNKNOWN_ACTIVITY_TYPE): _BY_PARAMETER_EVENT,
    ("retrieve-recently-modified", rules.UNKNOWN_ACTIVITY_TYPE): _BY_PARAMETER_EVENT,
    ("activity-setting", rules.UNKNOWN_ACTIVITY_TYPE): "send a code no activity type of the "
    "tenant has",
    ("retrieve", rules.UNKNOWN_LEAD): _BY_LEAD_ID,
    ("lead-update", rules.UNKNOWN_LEAD): _BY_LEAD_ID,
}
"""Where an endpoint names the thing a rule is about otherwise: each hint names only its own
endpoint's keys, so a report on the endpoints a run called names no other."""


def _rule_hint(endpoint: Endpoint, rule_id: str) -> str:
    return _RULE_HINTS_ON.get((endpoint.id, rule_id)) or _RULE_HINTS[rule_id]


_LEDGER_OF_RULE = {
    rules.UNKNOWN_ACTIVITY: ("update-unknown",),
    rules.UNKNOWN_LEAD: ("unknown-lead",),
    rules.MANDATORY_FIELD: ("mandatory-on-create", "empty-clears"),
    rules.INVALID_VALUE: ("data-types", "options-exact"),
    rules.MANDATORY_MISSING: ("missing-parameter",),
    rules.PAGE_SIZE: ("retrieve-paging",),
    rules.DUPLICATE_ENTRY: ("duplicate-type",),
    rules.UNKNOWN_ACTIVITY_TYPE: ("invalid-event-code",),
    rules.UNKNOWN_ATTRIBUTE: ("lead-unknown-attribute",),
    rules.DUPLICATE_LEAD: ("lead-duplicate",),
    rules.READ_ONLY_FIELD: ("lead-read-only",),
    rules.SEARCH_OPERATOR: ("lead-search-operator",),
}
"""The fidelity ledger entries each logical rule rests on, besides its endpoint's."""
_LEDGER_OF_READ = {rules.UNKNOWN_ACTIVITY: ("details-unknown",)}
"""Where a reading endpoint's answer to a rule rests elsewhere."""


_PAYLOAD_ENDPOINT = "bulk-update"
"""The endpoint whose batches `lsq_mock.factories.invalid_payload` builds."""


def _kinds(endpoint: Endpoint, rule_id: str) -> str:
    rule = rules.rule_of(rule_id)
    kinds = () if rule is None or endpoint.id != _PAYLOAD_ENDPOINT else rule.kinds
    if not kinds:
        return ""
    listed = " or ".join(repr(kind) for kind in kinds[:3]) + (" ..." if len(kinds) > 3 else "")
    return f" (lsq_mock.factories.invalid_payload(faker, seed, {listed}))"


def _fault(kind: str, endpoint: Endpoint) -> str:
    return f'lsq_mock.fail_next({kind}, path="{endpoint.path}")'


def _on(endpoint: Endpoint, test: Callable[[Call], bool]) -> Callable[[Call], bool]:
    return lambda call: call.endpoint == endpoint.id and test(call)


def _success(endpoint: Endpoint) -> Exercise:
    if endpoint.bulk:
        title = f"200 with every row {endpoint.rows}"
        hint = "send rows that all name what the tenant holds, with valid values"
    else:
        title = "200: the call went through"
        hint = "a call with what the tenant holds (a seeded activity, lead or type), valid values"
    return Exercise(
        f"{endpoint.id}/200",
        endpoint.id,
        title,
        hint,
        (endpoint.id,),
        in_call=_on(endpoint, lambda c: c.answered and c.status == 200 and not c.failed),
    )


def _logical(endpoint: Endpoint, rule_id: str) -> Exercise:
    sources = _LEDGER_OF_RULE if endpoint.refused else {**_LEDGER_OF_RULE, **_LEDGER_OF_READ}
    ledger = (endpoint.id, *sources.get(rule_id, ()))
    if endpoint.bulk:
        return Exercise(
            f"{endpoint.id}/failed-row/{rule_id}",
            endpoint.id,
            f"200 with a failed row: {rule_id}",
            f"in one row, {_rule_hint(endpoint, rule_id)}{_kinds(endpoint, rule_id)}",
            (*ledger, "failed-row"),
            rule_id,
            in_call=_on(
                endpoint, lambda c: c.answered and c.status == 200 and rule_id in c.row_rules
            ),
        )
    return Exercise(
        f"{endpoint.id}/500-logical/{rule_id}",
        endpoint.id,
        f"logical 500: {rule_id}",
        _rule_hint(endpoint, rule_id),
        (*ledger, "logical-500"),
        rule_id,
        in_call=_on(endpoint, lambda c: c.answered and c.status != 200 and rule_id in c.rules),
    )


def _refused(endpoint: Endpoint, rule_id: str) -> Exercise:
    rule = rules.rule_of(rule_id)
    meaning = rule.meaning if rule is not None else rule_id
    return Exercise(
        f"{endpoint.id}/400/{rule_id}",
        endpoint.id,
        f"400: {rule_id}",
        f"a body that breaks it: {meaning}{_kinds(endpoint, rule_id)}",
        (endpoint.id, "400"),
        rule_id,
        in_call=_on(endpoint, lambda c: c.answered and c.status == 400 and rule_id in c.rules),
    )


def _errors(endpoint: Endpoint) -> Iterator[Exercise]:
    e = endpoint
    yield Exercise(
        f"{e.id}/401",
        e.id,
        "401: keys missing or wrong",
        f"a wrong secretKey, or {_fault('401', e)}",
        ("401", "401-body"),
        rules.AUTH,
        in_call=_on(e, lambda c: c.status == 401),
    )
    yield Exercise(
        f"{e.id}/404",
        e.id,
        "404 on this path",
        f"another method than {e.method}, or {_fault('404', e)}",
        ("404",),
        in_call=_on(e, lambda c: c.status == 404),
    )
    if e.refused:
        yield Exercise(
            f"{e.id}/413",
            e.id,
            "413: a body over the size limit",
            "a body over max_body_bytes (2 MiB; Settings(max_body_bytes=...) lowers it)",
            ("413",),
            rules.PAYLOAD_TOO_LARGE,
            in_call=_on(e, lambda c: c.status == 413),
        )
    yield Exercise(
        f"{e.id}/429-account",
        e.id,
        "429 from the account's limit",
        "lsq_mock.set_rate_limit(1), then two calls",
        ("account-limit", "limit-message", "limit-status"),
        in_call=_on(e, lambda c: c.rate_limit == "account"),
    )
    if e.bulk:
        yield Exercise(
            f"{e.id}/429-bulk",
            e.id,
            "429 from the bulk APIs' limit",
            "two calls within 5 s (the live 1 call in 5 s), or lsq_mock.set_bulk_rate_limit(1)",
            ("bulk-limit", "limit-message", "limit-status"),
            in_call=_on(e, lambda c: c.rate_limit == "bulk"),
        )
    yield Exercise(
        f"{e.id}/500-injected",
        e.id,
        "500 injected (a server fault)",
        _fault("500", e),
        (e.id, "envelope"),
        in_call=_on(e, lambda c: c.fault_status == 500),
    )
    for kind, title in (("drop", "the connection dropped"), ("truncate", "the answer cut short")):
        yield Exercise(
            f"{e.id}/{kind}",
            e.id,
            title,
            _fault(f'"{kind}"', e),
            (e.id,),
            in_call=_on(e, _fault_was(kind)),
        )


_BATCHES = (("1", 1, 1), ("2-24", 2, 24), ("25", 25, 25))


def _fault_was(kind: str) -> Callable[[Call], bool]:
    return lambda call: call.fault == kind


def _rows_within(low: int, high: int) -> Callable[[Call], bool]:
    return lambda c: c.answered and c.status == 200 and low <= (c.rows or 0) <= high


def _wrote(data_type: str) -> Callable[[Written], bool]:
    return lambda written: written.data_type == data_type


def _batches(endpoint: Endpoint) -> Iterator[Exercise]:
    for label, low, high in _BATCHES:
        yield Exercise(
            f"{endpoint.id}/batch-{label}",
            endpoint.id,
            f"a batch of {label} row{'' if high == 1 else 's'}, answered 200",
            f"send {label} row{'' if high == 1 else 's'} in one call",
            (endpoint.id, "max-rows"),
            in_call=_on(endpoint, _rows_within(low, high)),
        )


def _of_endpoint(endpoint: Endpoint) -> Iterator[Exercise]:
    yield _success(endpoint)
    for rule_id in endpoint.logical:
        yield _logical(endpoint, rule_id)
    for rule_id in endpoint.refused:
        yield _refused(endpoint, rule_id)
    yield from _errors(endpoint)
    if endpoint.bulk:
        yield from _batches(endpoint)


_WRITE_HINTS = {
    "Status": "write a new Status to an activity (every activity has one)",
    "Owner": "write a new Owner to an activity: a user's GUID",
}
"""How to write the system fields' values, which are no type's fields."""


def _let_in(call: Call) -> bool:
    """Whether the call's keys were checked and accepted (no fault stood in, no 401)."""
    return call.answered and call.status != 401


_EVERY_ENDPOINT = tuple(endpoint.id for endpoint in ENDPOINTS)
_VALUE_WRITES = tuple(e.id for e in ENDPOINTS if rules.UNKNOWN_FIELD in e.logical)
"""The endpoints that write an activity's field values: what the trigger events record, which
the DataType behaviours are measured from (a lead write records none)."""


def _api_wide() -> Iterator[Exercise]:
    yield Exercise(
        "keys/query",
        API_WIDE,
        "keys in the query string, accepted",
        f"?{ACCESS_KEY_PARAMETER}=...&secretKey=... on a call",
        ("keys-query-or-headers",),
        in_call=lambda c: c.endpoint is not None and c.keys_in_query and _let_in(c),
        about=_EVERY_ENDPOINT,
    )
    yield Exercise(
        "keys/headers",
        API_WIDE,
        "keys in the headers, accepted",
        f"the {ACCESS_KEY_HEADER} and x-LSQ-SecretKey headers on a call",
        ("keys-query-or-headers",),
        in_call=lambda c: c.endpoint is not None and c.keys_in_headers and _let_in(c),
        about=_EVERY_ENDPOINT,
    )
    yield Exercise(
        "validate-dropdowns/query",
        API_WIDE,
        f"{SKIP_DROPDOWNS}=true in the query string, answered 200",
        f"?{SKIP_DROPDOWNS}=true on a write",
        ("validate-dropdowns",),
        in_call=lambda c: c.skips_dropdowns_in_query and c.answered and c.status == 200,
        about=_VALUE_WRITES,
    )
    yield Exercise(
        "validate-dropdowns/row",
        API_WIDE,
        f'"{SKIP_DROPDOWNS}": true on a row, answered 200',
        f'"{SKIP_DROPDOWNS}": true in a row (or a single call\'s body)',
        ("validate-dropdowns",),
        in_call=lambda c: c.skips_dropdowns_on_a_row and c.answered and c.status == 200,
        about=_VALUE_WRITES,
    )
    yield Exercise(
        "404/unknown-path",
        API_WIDE,
        "404 on a path the API does not serve",
        "call a path that is not an endpoint, e.g. a typo in it",
        ("404", "other-apis"),
        rules.UNKNOWN_API,
        in_call=lambda c: c.endpoint is None and c.status == 404 and rules.UNKNOWN_API in c.rules,
    )
    for data_type in DATA_TYPES:
        yield Exercise(
            f"data-type/{data_type}",
            API_WIDE,
            f"{data_type} value written",
            _WRITE_HINTS.get(
                data_type,
                f"write a new, non-empty value to a {data_type} field (the default seed's "
                "Site Visit, 201, has one of each)",
            ),
            ("data-types",),
            in_write=_wrote(data_type),
            about=_VALUE_WRITES,
        )


BEHAVIOURS: tuple[Exercise, ...] = (
    *(exercise for endpoint in ENDPOINTS for exercise in _of_endpoint(endpoint)),
    *_api_wide(),
)
"""Every behaviour coverage counts: each endpoint's, in the endpoints' order, then API-wide."""

GROUPS = (*(endpoint.id for endpoint in ENDPOINTS), API_WIDE)
"""The `endpoint` values, in the order a report shows them."""

_GROUP_NAMES = {
    endpoint.id: f"{endpoint.name} ({endpoint.method} {endpoint.path})" for endpoint in ENDPOINTS
}


def group_name(group: str) -> str:
    """How a report names a group: `Bulk update (POST /v2/...)`, or `API-wide`."""
    return _GROUP_NAMES.get(group, API_WIDE)
