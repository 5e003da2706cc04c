"""Render every error of the control plane as the LeadSquared envelope: never HTML, never a
traceback. (The emulated API renders its own, in `api.gateway`.)"""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import ClientDisconnected, HTTPException, RequestEntityTooLarge

from lsq_mock.errors import InvalidInput, LSQError, NotFound, PayloadTooLarge, ServerError
from lsq_mock.journal.exchange import clip


def envelope_response(error: LSQError, status: int | None = None) -> Response:
    """The HTTP response for `error`: its status (or `status`) and the envelope."""
    response = jsonify(error.to_dict())
    response.status_code = status or error.status
    return response


def _http_exception_as_lsq(error: HTTPException) -> LSQError:
    if isinstance(error, RequestEntityTooLarge):
        return PayloadTooLarge(current_app.config["MAX_CONTENT_LENGTH"])
    if isinstance(error, ClientDisconnected):  # what werkzeug raises for a malformed chunk too
        return InvalidInput(
            "Invalid Input! The body could not be read: a chunk of it is malformed, "
            "or the client stopped sending it"
        )
    if error.code in (404, 405):
        return NotFound(
            "The API could not be found. Please check the API signature: "
            f"{clip(request.method)} {clip(request.path)}"
        )
    if error.code is not None and error.code < 500:
        return InvalidInput(f"Invalid Input! {error.description}")
    return ServerError("The API call failed.")


def _answer(error: LSQError) -> Response:
    return envelope_response(error)


def _handle_http_exception(error: HTTPException) -> Response:
    return _answer(_http_exception_as_lsq(error))


def _handle_unexpected(error: Exception) -> Response:
    current_app.logger.exception("unexpected error answering %s %s", request.method, request.path)
    return _answer(ServerError(f"The API call failed: {type(error).__name__}"))


def register_error_handlers(app: Flask) -> None:
    """Route LSQError, werkzeug's HTTP errors and any other exception to the envelope."""
    app.register_error_handler(LSQError, _answer)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
