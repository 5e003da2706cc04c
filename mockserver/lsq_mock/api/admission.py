"""What every call of an endpoint goes through before the endpoint sees it, in the live API's
order: a queued fault takes effect, the call is counted, the keys are checked (401 first), then
the limits (429), then any latency."""

from __future__ import annotations

from lsq_mock.api.call import Call
from lsq_mock.catalogue.endpoints import Endpoint
from lsq_mock.catalogue.names import ACCESS_KEY_PARAMETER, SECRET_KEY_PARAMETER
from lsq_mock.emulator import Emulator
from lsq_mock.emulator.faults import Fault
from lsq_mock.errors import RateLimited, ServerError, Unauthorized, error_for_status
from lsq_mock.settings import INVALID_ACCESS_DETAILS


def admit(state: Emulator, call: Call, endpoint: Endpoint) -> None:
    """Let `call` through to `endpoint`, or raise the error it is answered with."""
    fault = state.faults.take(call.path)
    if fault is not None:
        call.fault = fault
        _apply_fault(state, call, fault)
    exceeded = state.limiter.try_acquire(bulk=endpoint.bulk)
    access_key, secret_key = call.keys()
    if not state.authenticate(access_key, secret_key):
        refused = _unauthorized(state.runtime.unauthorized_exception, access_key, secret_key)
        refused.hint = _cut_at_dollar(state, access_key)
        if refused.hint is not None and refused.exception_type != INVALID_ACCESS_DETAILS:
            refused.message += f" ({refused.hint})"
        raise refused
    if exceeded is not None:
        call.rate_limited = exceeded.window  # journaled: the message alone may not tell which
        status = state.runtime.rate_limit_status
        raise RateLimited.for_limit(exceeded.limit.calls, exceeded.limit.seconds, status)
    latency = state.runtime.latency_seconds
    if latency > 0:
        state.sleep(latency)


def _unauthorized(style: str, access_key: str | None, secret_key: str | None) -> Unauthorized:
    """The 401 for missing or wrong keys, in the style the setting chose (sources disagree)."""
    if style == INVALID_ACCESS_DETAILS:
        return Unauthorized("Invalid Access Details provided.", exception_type=style)
    pairs = ((ACCESS_KEY_PARAMETER, access_key), (SECRET_KEY_PARAMETER, secret_key))
    missing = [name for name, value in pairs if not value]
    if missing:
        return Unauthorized(f"Missing {' and '.join(missing)}")
    return Unauthorized("Invalid accessKey or secretKey: check your AccessKey and SecretKey")


def _cut_at_dollar(state: Emulator, access_key: str | None) -> str | None:
    """What to say when the access key sent is a real key cut where its `$` begins: a shell
    expands `$r...` inside double quotes, so `export KEY="u$r..."` leaves only `u`."""
    if not access_key:
        return None
    for credential in state.credentials:
        real = credential.access_key
        if real.startswith(access_key) and real[len(access_key) : len(access_key) + 1] == "$":
            return (
                f"the access key sent, {access_key!r}, is the start of the tenant's key cut at "
                "its '$': a shell expands '$...' inside double quotes, so quote the key in "
                "single quotes (export LSQ_ACCESS_KEY='u$r...')"
            )
    return None


def _apply_fault(state: Emulator, call: Call, fault: Fault) -> None:
    """A status fault answers at once; latency waits; drop needs a socket to close."""
    if fault.kind == "status":
        default = f"Injected fault: status {fault.status}"
        raise error_for_status(fault.status, fault.message or default, fault.exception_type)
    if fault.kind == "latency":
        state.sleep(fault.latency_seconds)
    elif fault.kind == "drop" and call.request.environ.get("werkzeug.socket") is None:
        # Only werkzeug hands the app its socket; say so instead of answering as if unfaulted.
        raise ServerError(
            "Injected fault: drop needs the werkzeug server (this server hides its socket)"
        )
