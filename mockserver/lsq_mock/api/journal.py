"""Journal every call of the emulated API: what was sent, what was answered, what was wrong.

What is kept is bounded whatever the client sends: bodies are kept up to BODY_KEPT_BYTES
(then cut, with their length and SHA-256), texts up to TEXT_KEPT_CHARS, violations up to
MAX_VIOLATIONS (the rest counted); a call of an unknown path keeps no body at all.
"""

from __future__ import annotations

from werkzeug.exceptions import HTTPException

from lsq_mock.api.call import NOT_READ, Call
from lsq_mock.catalogue.names import ACCESS_KEY_HEADER, SECRET_KEY_HEADER
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

HEADERS_OF_INTEREST = (
    "Content-Type",
    "Content-Length",
    "User-Agent",
    ACCESS_KEY_HEADER,
    SECRET_KEY_HEADER,
)


def record(state: Emulator, call: Call) -> None:
    """Append the call, its answer and its contract verdict to the emulator's journal."""
    found = _findings(call)
    request = call.request
    json_body, text_body, body_cut = _body_sent(call)
    answered, response_cut = cut_body(call.answer) if call.answer else (None, None)
    state.journal.append(
        Exchange(
            timestamp=state.clock.utcnow(),
            method=clip(request.method),
            host=clip(request.host),
            path=clip(request.path),
            query=clip_pairs(redact_pairs(request.args.items(multi=True))),
            headers=clip_pairs(_headers_of_interest(call)),
            json_body=json_body,
            text_body=text_body,
            body_cut=body_cut,
            status=call.status,
            response=answered,
            response_cut=response_cut,
            contract=tuple(clip_violation(v) for v in found[:MAX_VIOLATIONS]),
            contract_omitted=max(len(found) - MAX_VIOLATIONS, 0) + call.findings_omitted,
            fault=call.fault,
            rate_limit=call.rate_limited,
        )
    )


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
