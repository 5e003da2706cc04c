"""Journal every request to the emulated API: what was sent, what was answered, what was wrong."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from mockserver.api.context import emulator, violations
from mockserver.api.v2 import SECRET_KEY_HEADER
from mockserver.boundedlog import EncodedJSON
from mockserver.violations import Violation, row_of

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
    if request.path.startswith(ADMIN_PREFIX):
        return response
    state = emulator()
    found: list[Violation] = list(violations())
    error, fault = g.get("lsq_error"), g.get("fault")
    injected = fault is not None and fault.kind == "status"
    if error is not None and error.client_fault and not injected:
        found.insert(0, Violation(error.path, error.rule, error.message, row=row_of(error.path)))
    state.journal.append(
        {
            "timestamp": state.clock.utcnow().isoformat(timespec="milliseconds") + "Z",
            "method": request.method,
            "path": request.path,
            "query": {
                key: (REDACTED if key.lower() == "secretkey" else value)
                for key, value in request.args.items(multi=True)
            },
            "headers": _headers_of_interest(),
            "body": _body_sent(),
            "status": response.status_code,
            "response": EncodedJSON(response.get_data()) if response.is_json else None,
            "contract": [violation.to_dict() for violation in found],
            "fault": fault.to_dict() if fault is not None else None,
        }
    )
    return response


def _headers_of_interest() -> dict[str, str]:
    kept = {}
    for name in HEADERS_OF_INTEREST:
        value = request.headers.get(name)
        if value is not None:
            kept[name] = REDACTED if name == SECRET_KEY_HEADER else value
    return kept


def _body_sent() -> Any:
    if "json_body" in g:
        return EncodedJSON(request.get_data(cache=True))
    kept = min(BODY_KEPT_BYTES, request.max_content_length or BODY_KEPT_BYTES)
    try:
        raw = (
            request.get_data(cache=True)
            if not request.content_length or request.content_length <= kept
            else b""
        )
    except RequestEntityTooLarge:
        raw = b""
    return raw[:BODY_KEPT_BYTES].decode("utf-8", errors="replace") or None


def register_journal(app: Flask) -> None:
    """Journal every exchange of `app` outside the admin prefix."""
    app.after_request(record_exchange)
