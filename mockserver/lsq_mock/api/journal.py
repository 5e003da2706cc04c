"""Journal every call of the emulated API: what was sent, what was answered, what was wrong.

What is kept is bounded whatever the client sends: bodies are kept up to BODY_KEPT_BYTES
(then cut, with their length and SHA-256), texts up to TEXT_KEPT_CHARS, violations up to
MAX_VIOLATIONS (the rest counted); a call of an unknown path keeps no body at all.
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import HTTPException

from lsq_mock.api.call import NOT_READ, Call
from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.catalogue.names import (
    ACCESS_KEY_HEADER,
    ACCESS_KEY_PARAMETER,
    SECRET_KEY_HEADER,
    SKIP_DROPDOWNS,
)
from lsq_mock.contract.violations import MAX_VIOLATIONS, Violation, row_of
from lsq_mock.emulator import Emulator
from lsq_mock.journal.exchange import (
    Cut,
    Exchange,
    clip,
    clip_pairs,
    clip_violation,
    cut_body,
    not_read,
)
from lsq_mock.journal.redact import redact_pairs
from lsq_mock.journal.verdicts import Verdict

HEADERS_OF_INTEREST = (
    "Content-Type",
    "Content-Length",
    "User-Agent",
    ACCESS_KEY_HEADER,
    SECRET_KEY_HEADER,
)


def record(state: Emulator, call: Call) -> None:
    """Append the call and its answer to the journal, and its verdict to the run's verdicts."""
    found = _findings(call)
    kept = tuple(clip_violation(v) for v in found[:MAX_VIOLATIONS])
    omitted = max(len(found) - MAX_VIOLATIONS, 0) + call.findings_omitted
    request = call.request
    json_body, text_body, body_cut = _body_sent(call)
    answered, response_cut = cut_body(call.answer) if call.answer else (None, None)
    now, method, path = state.clock.utcnow(), clip(request.method), clip(request.path)
    number = state.journal.append(
        Exchange(
            timestamp=now,
            method=method,
            host=clip(request.host),
            path=path,
            query=clip_pairs(redact_pairs(request.args.items(multi=True))),
            headers=clip_pairs(_headers_of_interest(call)),
            json_body=json_body,
            text_body=text_body,
            body_cut=body_cut,
            status=call.status,
            response=answered,
            response_cut=response_cut,
            contract=kept,
            contract_omitted=omitted,
            fault=call.fault,
            rate_limit=call.rate_limited,
        )
    )
    fault = call.fault
    state.verdicts.append(
        Verdict(
            request=number,
            timestamp=now,
            method=method,
            path=path,
            endpoint=_endpoint_at(call),
            status=call.status,
            findings=kept,
            omitted=omitted,
            fault=None if fault is None else fault.kind,
            fault_status=fault.status if fault is not None and fault.kind == "status" else None,
            rate_limit=call.rate_limited,
            keys_in_query=call.arg(ACCESS_KEY_PARAMETER) is not None,
            keys_in_headers=ACCESS_KEY_HEADER in request.headers,
            skips_dropdowns_in_query=call.skips_dropdown_validation(),
            skips_dropdowns_on_a_row=_skips_dropdowns_on_a_row(call.body),
            rows=_rows(call),
        )
    )


def _endpoint_at(call: Call) -> str | None:
    """The id of the endpoint the call reached, or of the one at its path if its method was
    another (coverage counts that as the endpoint's own 404)."""
    if call.endpoint is not None:
        return call.endpoint.id
    found = endpoint_at(call.path)
    return None if found is None else found.id


def _skips_dropdowns_on_a_row(body: Any) -> bool:
    """Whether a row (or a single call's body) says `"ValidateDropDownOptions": true`."""
    rows = body if isinstance(body, list) else [body]
    return any(isinstance(row, dict) and row.get(SKIP_DROPDOWNS) is True for row in rows)


def _rows(call: Call) -> int | None:
    """How many rows a batch held: its answer's results, else its body's rows; None if neither."""
    result = call.result
    answered = result.get("Response") if isinstance(result, dict) else None
    if isinstance(answered, list):
        return len(answered)
    return len(call.body) if isinstance(call.body, list) else None


def _findings(call: Call) -> list[Violation]:
    """The call's violations: the error it was answered with first (when the client caused
    it and no fault stood in for the answer), then what was found along the way."""
    error, fault = call.error, call.fault
    injected = fault is not None and fault.kind == "status"
    if error is None or not error.client_fault or injected:
        return call.findings
    first = Violation(
        error.path, error.rule, error.message, row=row_of(error.path), hint=error.hint
    )
    return [first, *call.findings]


def _body_sent(call: Call) -> tuple[bytes | None, str | None, Cut | None]:
    """(the JSON body kept whole, or the body as text, and what was cut) as the journal keeps
    them. A call of an unknown path is journaled without its body, which is never read."""
    request = call.request
    if call.endpoint is None:
        return None, None, not_read(request.content_length)
    try:
        raw = request.get_data(cache=True)  # read already, unless the call failed before its body
    except HTTPException:  # over the size limit, or a malformed chunk: there is nothing to keep
        return None, None, not_read(request.content_length)
    kept, cut = cut_body(raw)
    if call.body is not NOT_READ and cut is None:
        return kept, None, None
    return None, kept.decode("utf-8", errors="replace") or None, cut


def _headers_of_interest(call: Call) -> tuple[tuple[str, str], ...]:
    headers = call.request.headers
    return redact_pairs((name, headers[name]) for name in HEADERS_OF_INTEREST if name in headers)
