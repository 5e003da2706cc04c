"""Render every error of the control plane as the LeadSquared envelope: never HTML, never a
traceback. The emulated API renders its own in `api.gateway`, mapping werkzeug's errors here too."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge

from lsq_mock.errors import InvalidInput, LSQError, NotFound, PayloadTooLarge, ServerError
from lsq_mock.journal.exchange import clip


def envelope_response(error: LSQError, status: int | None = None) -> Response:
    """The HTTP response for `error`: its status (or `status`) and the envelope."""
    response = jsonify(error.to_dict())
    response.status_code = status or error.status
    return response


def http_error_as_lsq(
    error: HTTPException, max_body_bytes: int, not_found: Callable[[], LSQError]
) -> LSQError:
    """What werkzeug raised while routing or reading a body, as the API's own error; a 404 or
    405 becomes `not_found()` (the gateway's names the vendor API it is not)."""
    if isinstance(error, RequestEntityTooLarge):
        return PayloadTooLarge(max_body_bytes)
    if isinstance(error, ClientDisconnected):  # what werkzeug raises for a malformed chunk too
        return InvalidInput(
            "Invalid Input! The body could not be read: a chunk of it is malformed, "
            "or the client stopped sending it"
        )
    if error.code in (404, 405):
        return not_found()
    if error.code is not None and error.code < 500:
        return InvalidInput(f"Invalid Input! {error.description}")
    return ServerError("The API call failed.")


def _control_not_found() -> LSQError:
    return NotFound(
        "The API could not be found. Please check the API signature: "
        f"{clip(request.method)} {clip(request.path)}"
    )


def _handle_http_exception(error: HTTPException) -> Response:
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    return envelope_response(http_error_as_lsq(error, limit, _control_not_found))


def _handle_unexpected(error: Exception) -> Response:
    current_app.logger.exception("unexpected error answering %s %s", request.method, request.path)
    return envelope_response(ServerError(f"The API call failed: {type(error).__name__}"))


def register_error_handlers(app: Flask) -> None:
    """Route LSQError, werkzeug's HTTP errors and any other exception to the envelope."""
    app.register_error_handler(LSQError, envelope_response)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
