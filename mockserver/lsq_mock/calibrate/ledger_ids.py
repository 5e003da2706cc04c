"""Which fidelity ledger entry a difference is about: from what differs (the aspect), the two
statuses, and the emulator journal's verdict on the replayed call (its rules, its limit). No HTTP.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import TYPE_CHECKING

from lsq_mock.catalogue import rules
from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.errors import RateLimited

if TYPE_CHECKING:
    from lsq_mock.calibrate.cassette import Entry
    from lsq_mock.calibrate.compare import Replayed


class Aspect(Enum):
    """What of an answer differs."""

    STATUS = "status"
    CONTENT_TYPE = "content type"
    EXCEPTION_TYPE = "ExceptionType"
    MESSAGE = "ExceptionMessage"
    SHAPE = "shape"
    VALUE = "value"
    ROW = "row"
    ROW_OUTCOME = "row outcome"
    PAGE_COUNT = "record count"
    PAGE_ORDER = "page order"
    PAGE_ROWS = "page rows"


_ENVELOPE_TEXT = (Aspect.EXCEPTION_TYPE, Aspect.MESSAGE)
_SHAPE_LEDGER = {
    "retrieve": "retrieve-rows",
    "details": "details-shape",
    "activity-types": "types-shape",
}
"""Where an endpoint's answer shape rests, when not on the endpoint's own entry."""
_LOGICAL_LEDGER = {
    rules.UNKNOWN_ACTIVITY_TYPE: "invalid-event-code",
    rules.UNKNOWN_LEAD: "unknown-lead",
    rules.MANDATORY_MISSING: "missing-parameter",
    rules.DUPLICATE_ENTRY: "duplicate-type",
    rules.PAGE_SIZE: "retrieve-paging",
}
"""The entry of a logical error's envelope, by the rule the emulator journaled."""
_STATUS_LEDGER = {
    ("create", rules.UNKNOWN_ACTIVITY_TYPE): "invalid-event-code",
    ("lead-capture", rules.DUPLICATE_LEAD): "lead-capture-duplicate",
}
"""The entry of a logical error's status where a setting of its own picks it, by endpoint and
rule (the others follow logical_error_status)."""
_ROW_LEDGER = {
    rules.UNKNOWN_ACTIVITY: "update-unknown",
    rules.UNKNOWN_LEAD: "unknown-lead",
    rules.INVALID_VALUE: "data-types",
    rules.MANDATORY_FIELD: "mandatory-on-create",
}
"""The entry of a row that went one way live and the other here, by the emulator's rule."""
_PAGE_LEDGER = {
    Aspect.PAGE_COUNT: "retrieve-order",
    Aspect.PAGE_ORDER: "retrieve-order",
    Aspect.PAGE_ROWS: "retrieve-paging",
}
LIMIT_ENTRIES = ("account-limit", "bulk-limit", "limit-status", "limit-message")
USED = frozenset(
    {
        "401",
        "401-body",
        "404",
        "413",
        "400",
        "max-rows",
        "failed-row",
        "logical-500",
        "details-unknown",
        "update-unknown",
        "envelope",
        "other-apis",
        *LIMIT_ENTRIES,
        *_SHAPE_LEDGER.values(),
        *_LOGICAL_LEDGER.values(),
        *_ROW_LEDGER.values(),
        *_PAGE_LEDGER.values(),
        *_STATUS_LEDGER.values(),
    }
)
"""Every entry `ledger_for` may name, besides the endpoints' own (a test holds them to the
ledger)."""


def _envelope(body: bytes) -> bool:
    try:
        value = json.loads(body)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("Status") == "Error"


def is_over_limit(body: bytes) -> bool:
    """Whether an answer's body is the over-limit envelope (whatever its status)."""
    try:
        value = json.loads(body)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("ExceptionType") == RateLimited.exception_type


def ledger_for(aspect: Aspect, entry: Entry, replayed: Replayed) -> str:
    """The ledger entry of the behaviour behind a difference in `aspect` of one call."""
    assert entry.response is not None
    statuses = {entry.response.status, replayed.status}
    call = replayed.call
    endpoint = endpoint_at(entry.request.path)
    own = endpoint.id if endpoint is not None else "other-apis"
    if aspect is Aspect.SHAPE and _envelope(entry.response.body) and _envelope(replayed.body):
        return "envelope"  # an envelope's own keys (IsMXException), whatever its status
    if 401 in statuses:
        return "401-body" if aspect in _ENVELOPE_TEXT else "401"
    limited = (call is not None and call.rate_limit) or None
    if limited or is_over_limit(entry.response.body):
        if aspect in _ENVELOPE_TEXT:
            return "limit-message"
        if limited and is_over_limit(entry.response.body):
            return "limit-status"
        bulk = limited == "bulk" or (limited is None and endpoint is not None and endpoint.bulk)
        return "bulk-limit" if bulk else "account-limit"
    if call is not None and call.endpoint is None and replayed.status == 404:
        return "404" if entry.response.status == 404 else "other-apis"
    if 404 in statuses:
        return "404"
    if 413 in statuses:
        return "413"
    if aspect in _PAGE_LEDGER:
        return _PAGE_LEDGER[aspect]
    if aspect is Aspect.ROW_OUTCOME:
        broken = sorted(call.row_rules) if call is not None else []
        return _ROW_LEDGER.get(broken[0], own) if len(broken) == 1 else own
    if aspect is Aspect.ROW:
        return "failed-row"
    if 400 in statuses and call is not None and not call.failed:
        if endpoint is not None and endpoint.bulk and f"{rules.REQUEST}:maxItems" in call.rules:
            return "max-rows"
        return "400"
    if call is not None and call.failed and statuses != {200}:
        if aspect is Aspect.STATUS:
            found = [_STATUS_LEDGER.get((own, rule)) for rule in sorted(call.rules)]
            return next((ledger for ledger in found if ledger), "logical-500")
        if aspect is not Aspect.EXCEPTION_TYPE:
            return "logical-500"
        for rule, ledger in _LOGICAL_LEDGER.items():
            if rule in call.rules:
                return ledger
        if rules.UNKNOWN_ACTIVITY in call.rules:
            return "details-unknown" if own == "details" else "update-unknown"
        return "logical-500"
    if aspect is Aspect.CONTENT_TYPE or max(statuses) >= 400:
        return "envelope"
    return _SHAPE_LEDGER.get(own, own)
