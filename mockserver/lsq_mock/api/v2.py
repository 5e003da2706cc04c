"""The emulated LeadSquared API under /v2/: auth, rate limit and latency before every endpoint."""

from __future__ import annotations

import socket

from flask import Blueprint, Request, Response, g, request

from lsq_mock.api import activity_types, bulk, create_type, post, retrieve, update
from lsq_mock.api.context import emulator
from lsq_mock.emulator.faults import Fault
from lsq_mock.errors import RateLimited, ServerError, Unauthorized, error_for_status
from lsq_mock.journal.redact import SECRET_KEY_HEADER, SECRET_KEY_PARAM
from lsq_mock.settings import INVALID_ACCESS_DETAILS

ACCESS_KEY_HEADER = "x-LSQ-AccessKey"

bp = Blueprint("v2", __name__, url_prefix="/v2")
for child in (bulk, post, update, retrieve, activity_types, create_type):
    bp.register_blueprint(child.bp)
BULK_ENDPOINTS = frozenset(
    f"{bp.name}.{child.name}.{view.__name__}"
    for child, view in ((bulk.bp, bulk.bulk_update), (post.bp, post.bulk_add))
)
"""The bulk APIs among the emulated endpoints: their calls also count in the bulk limit."""


@bp.before_request
def admit() -> None:
    """Apply a queued fault; count the call; check the keys (401 first), then the limits (429)."""
    state = emulator()
    call = request._get_current_object()  # the request itself: each proxy lookup costs ~2 us
    fault = state.faults.take(call.path)
    if fault is not None:
        _apply_fault(fault)
    exceeded = state.limiter.try_acquire(bulk=call.endpoint in BULK_ENDPOINTS)
    access_key = _key(call, "accessKey", ACCESS_KEY_HEADER)
    secret_key = _key(call, SECRET_KEY_PARAM, SECRET_KEY_HEADER)
    if not state.authenticate(access_key, secret_key):
        raise _unauthorized(state.runtime.unauthorized_exception, access_key, secret_key)
    if exceeded is not None:
        g.rate_limited = exceeded.window  # journaled: the message alone may not tell which
        status = state.runtime.rate_limit_status
        raise RateLimited.for_limit(exceeded.limit.calls, exceeded.limit.seconds, status)
    latency = state.runtime.latency_seconds
    if latency > 0:
        state.sleep(latency)


def _unauthorized(style: str, access_key: str | None, secret_key: str | None) -> Unauthorized:
    """The 401 for missing or wrong keys, in the style the setting chose (sources disagree)."""
    if style == INVALID_ACCESS_DETAILS:
        return Unauthorized("Invalid Access Details provided.", exception_type=style)
    pairs = (("accessKey", access_key), ("secretKey", secret_key))
    missing = [name for name, value in pairs if not value]
    if missing:
        return Unauthorized(f"Missing {' and '.join(missing)}")
    return Unauthorized("Invalid accessKey or secretKey: check your AccessKey and SecretKey")


def _key(call: Request, parameter: str, header: str) -> str | None:
    """A key from the query string, else from its header (read only when needed)."""
    value = call.args.get(parameter)
    return call.headers.get(header) if value is None else value


def _apply_fault(fault: Fault) -> None:
    g.fault = fault
    if fault.kind == "status":
        default = f"Injected fault: status {fault.status}"
        raise error_for_status(fault.status, fault.message or default, fault.exception_type)
    if fault.kind == "latency":
        emulator().sleep(fault.latency_seconds)
    elif fault.kind == "drop" and request.environ.get("werkzeug.socket") is None:
        # Only werkzeug hands the app its socket; say so instead of answering as if unfaulted.
        raise ServerError(
            "Injected fault: drop needs the werkzeug server (this server hides its socket)"
        )


@bp.after_request
def truncate_if_faulted(response: Response) -> Response:
    """A `truncate` fault cuts the answer in half: malformed JSON, honest Content-Length."""
    fault = g.get("fault")
    if fault is not None and fault.kind == "truncate":
        data = response.get_data()
        response.set_data(data[: len(data) // 2])
    return response


@bp.teardown_request
def drop_if_faulted(error: BaseException | None) -> None:
    """A `drop` fault closes the connection once the call was processed and journaled, before
    a byte of the answer is written (werkzeug writes only after the request context is gone)."""
    fault = g.get("fault")
    if fault is not None and fault.kind == "drop":
        connection = request.environ.get("werkzeug.socket")
        if connection is not None:
            connection.shutdown(socket.SHUT_RDWR)
