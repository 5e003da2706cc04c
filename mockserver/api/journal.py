"""Journal every request to the emulated API: what was sent, what was answered, what was wrong."""

from __future__ import annotations

from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from lsq_mock.api.context import emulator, violations
from lsq_mock.api.v2 import SECRET_KEY_HEADER
from lsq_mock.exchange import Exchange
from lsq_mock.violations import Violation, row_of

ADMIN_PREFIX = "/_mock/"
REDACTED = "***"
BODY_KEPT_BYTES = 64 * 1024
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
    read_as_json = "json_body" in g
    state.journal.append(
        Exchange(
            timestamp=state.clock.utcnow(),
            method=call.method,
            host=call.host,
            path=call.path,
            query=tuple(
                (key, REDACTED if key.lower() == "secretkey" else value)
                for key, value in call.args.items(multi=True)
            ),
            headers=_headers_of_interest(call),
            json_body=call.get_data(cache=True) if read_as_json else None,
            text_body=None if read_as_json else _text_sent(call),
            status=response.status_code,
            response=response.get_data() if response.is_json else None,
            contract=tuple(found),
            fault=fault,
            rate_limit=g.get("rate_limited"),
        )
    )
    return response


def _headers_of_interest(call: Request) -> tuple[tuple[str, str], ...]:
    kept = []
    for name in HEADERS_OF_INTEREST:
        value = call.headers.get(name)
        if value is not None:
            kept.append((name, REDACTED if name == SECRET_KEY_HEADER else value))
    return tuple(kept)


def _text_sent(call: Request) -> str | None:
    kept = min(BODY_KEPT_BYTES, call.max_content_length or BODY_KEPT_BYTES)
    try:
        raw = (
            call.get_data(cache=True)
            if not call.content_length or call.content_length <= kept
            else b""
        )
    except RequestEntityTooLarge:
        raw = b""
    return raw[:BODY_KEPT_BYTES].decode("utf-8", errors="replace") or None


def register_journal(app: Flask) -> None:
    """Journal every exchange of `app` outside the admin prefix."""
    app.after_request(record_exchange)
