"""Journal every request to the emulated API: what was sent, what was answered, what was wrong.

Each entry's size is bounded whatever the client sends: bodies are kept up to BODY_KEPT_BYTES
(then cut, with their length and SHA-256), texts up to TEXT_KEPT_CHARS, violations up to
MAX_VIOLATIONS (the rest counted); a call of an unknown path keeps no body at all.
"""

from __future__ import annotations

from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import HTTPException

from lsq_mock.api.context import emulator, violations, violations_not_described
from lsq_mock.contract.violations import MAX_VIOLATIONS, Violation, row_of
from lsq_mock.journal.exchange import (
    Cut,
    Exchange,
    clip,
    clip_pairs,
    clip_violation,
    cut_body,
    not_read,
)
from lsq_mock.journal.redact import SECRET_KEY_HEADER, redact_pairs

ADMIN_PREFIX = "/_mock/"
HEADERS_OF_INTEREST = (
    "Content-Type",
    "Content-Length",
    "User-Agent",
    "x-LSQ-AccessKey",
    SECRET_KEY_HEADER,
)


def record_exchange(response: Response) -> Response:
    """After each non-admin request: append the exchange and its contract verdict to the journal."""
    call = request._get_current_object()  # one proxy lookup, not a dozen (each costs ~2 us)
    if call.path.startswith(ADMIN_PREFIX):
        return response
    state = emulator()
    found: list[Violation] = list(violations())
    error, fault = g.get("lsq_error"), g.get("fault")
    injected = fault is not None and fault.kind == "status"
    if error is not None and error.client_fault and not injected:
        found.insert(
            0,
            Violation(
                error.path, error.rule, error.message, row=row_of(error.path), hint=error.hint
            ),
        )
    json_body, text_body, body_cut = _body_sent(call)
    answered, response_cut = cut_body(response.get_data()) if response.is_json else (None, None)
    state.journal.append(
        Exchange(
            timestamp=state.clock.utcnow(),
            method=clip(call.method),
            host=clip(call.host),
            path=clip(call.path),
            query=clip_pairs(redact_pairs(call.args.items(multi=True))),
            headers=clip_pairs(_headers_of_interest(call)),
            json_body=json_body,
            text_body=text_body,
            body_cut=body_cut,
            status=response.status_code,
            response=answered,
            response_cut=response_cut,
            contract=tuple(clip_violation(v) for v in found[:MAX_VIOLATIONS]),
            contract_omitted=max(len(found) - MAX_VIOLATIONS, 0) + violations_not_described(),
            contract_omitted_capped=g.get("violations_uncounted", False),
            fault=fault,
            rate_limit=g.get("rate_limited"),
        )
    )
    return response


def _body_sent(call: Request) -> tuple[bytes | None, str | None, Cut | None]:
    """(the JSON body kept whole, or the body as text, and what was cut) as the journal keeps
    them. A call of an unknown path is journaled without its body, which is never read."""
    if call.url_rule is None:
        return None, None, not_read(call.content_length)
    try:
        raw = call.get_data(cache=True)  # read already, unless the call failed before its body
    except HTTPException:  # over the size limit, or a malformed chunk: there is nothing to keep
        return None, None, not_read(call.content_length)
    kept, cut = cut_body(raw)
    if "json_body" in g and cut is None:
        return kept, None, None
    return None, kept.decode("utf-8", errors="replace") or None, cut


def _headers_of_interest(call: Request) -> tuple[tuple[str, str], ...]:
    headers = call.headers
    return redact_pairs((name, headers[name]) for name in HEADERS_OF_INTEREST if name in headers)


def register_journal(app: Flask) -> None:
    """Journal every exchange of `app` outside the admin prefix."""
    app.after_request(record_exchange)
