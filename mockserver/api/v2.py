"""The emulated LeadSquared API under /v2/: auth, rate limit and latency before every endpoint."""

from __future__ import annotations

import time

from flask import Blueprint, request

from mockserver.api import bulk
from mockserver.api.context import emulator
from mockserver.errors import RateLimited, Unauthorized

ACCESS_KEY_HEADER = "x-LSQ-AccessKey"
SECRET_KEY_HEADER = "x-LSQ-SecretKey"

bp = Blueprint("v2", __name__, url_prefix="/v2")
bp.register_blueprint(bulk.bp)


@bp.before_request
def admit() -> None:
    """Count the call, then check the keys (401 first), then the rate limit (429)."""
    state = emulator()
    within_limit = state.limiter.try_acquire()
    access_key = request.args.get("accessKey", request.headers.get(ACCESS_KEY_HEADER))
    secret_key = request.args.get("secretKey", request.headers.get(SECRET_KEY_HEADER))
    if not state.authenticate(access_key, secret_key):
        missing = [
            name
            for name, value in (("accessKey", access_key), ("secretKey", secret_key))
            if not value
        ]
        raise Unauthorized(
            f"Missing {' and '.join(missing)}"
            if missing
            else "Invalid accessKey or secretKey: check your AccessKey and SecretKey"
        )
    if not within_limit:
        limit = state.limiter.limit
        raise RateLimited.for_limit(limit.calls, limit.seconds)
    if state.settings.latency_seconds > 0:
        time.sleep(state.settings.latency_seconds)
