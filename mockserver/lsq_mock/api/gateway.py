"""The emulated API as a WSGI app: one call from the socket to the journal, in plain steps.

Each request becomes a `Call`. Its method and path are matched against the route table; a call
that reaches an endpoint is admitted (fault, limits, keys) and answered by the endpoint's
function; any error becomes the LeadSquared envelope; the answer is cut or the connection
dropped when a fault says so; and the call is journaled with its verdict. Paths under /_mock/
go to the control plane (a Flask app) instead, untouched.

Flask is kept for the control plane, where its blueprints and hooks earn their cost; the API's
own calls skip its request context, hooks and `g`, a quarter of each call's time.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable
from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter
from werkzeug.wrappers import Response

from lsq_mock.api import journal
from lsq_mock.api.admission import admit
from lsq_mock.api.call import Call
from lsq_mock.api.errorhandlers import http_error_as_lsq
from lsq_mock.api.request import BoundedRequest
from lsq_mock.api.routes import CONTROL_PREFIX, ENDPOINTS_BY_ID, HANDLERS, route_map
from lsq_mock.catalogue.vendor_apis import nearest, vendor_api
from lsq_mock.contract.jsonwrite import compact_json
from lsq_mock.emulator import Emulator
from lsq_mock.errors import LSQError, NotEmulated, ServerError
from lsq_mock.errors import NotFound as ApiNotFound
from lsq_mock.journal.exchange import clip

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
JSON = "application/json"

logger = logging.getLogger("lsq_mock")


ROUTING_HOST = "lsq-mock"
"""The server name routes are matched under (none depends on it)."""


class ApiGateway:
    """Answers every path outside /_mock/ as the LeadSquared API does; hands /_mock/ on."""

    def __init__(self, state: Emulator, control_plane: WSGIApp):
        self.state = state
        self.control_plane = control_plane
        self.routes = route_map()
        """The emulated API's routes, made from the route table."""

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO", "").startswith(CONTROL_PREFIX):
            return self.control_plane(environ, start_response)
        call = self.receive(environ)
        self.answer(call)
        try:
            journal.record(self.state, call)
        except Exception:  # a defect of the journal: the client still gets its answer
            logger.exception("could not journal %s %s", call.request.method, call.path)
        response = Response(call.answer, status=call.status, mimetype=JSON)
        if call.fault is not None and call.fault.kind == "drop":
            _hang_up(environ)
        return response(environ, start_response)

    def receive(self, environ: dict[str, Any]) -> Call:
        """The call `environ` makes, matched against the route table."""
        # Not put in environ["werkzeug.request"]: that cycle (request, environ, request) held
        # each body until a full garbage collection.
        request = BoundedRequest(environ, populate_request=False)
        request.max_content_length = self.state.settings.max_body_bytes
        # Bound to a fixed name, not the Host header: no route depends on it, and werkzeug
        # refuses a Host it cannot encode (a label over 63 characters) before any handler runs.
        adapter: MapAdapter = self.routes.bind(
            ROUTING_HOST, path_info=request.path, default_method=request.method
        )
        try:
            endpoint_id, _ = adapter.match()
        except HTTPException:  # no such path, or not with this method: answered 404
            return Call(request, None)
        return Call(request, ENDPOINTS_BY_ID[str(endpoint_id)])

    def answer(self, call: Call) -> None:
        """Run the call through admission and its endpoint; set its status and answer."""
        try:
            if call.endpoint is None:
                raise self._not_found(call)
            admit(self.state, call, call.endpoint)
            call.result = HANDLERS[call.endpoint.id](self.state, call)
            call.answer = _json(call.result)
        except LSQError as error:
            self._fail(call, error)
        except HTTPException as error:
            limit = self.state.settings.max_body_bytes
            self._fail(call, http_error_as_lsq(error, limit, lambda: self._not_found(call)))
        except Exception as error:
            logger.exception("unexpected error answering %s %s", call.request.method, call.path)
            self._fail(call, ServerError(f"The API call failed: {type(error).__name__}"))
        if call.fault is not None and call.fault.kind == "truncate":
            call.answer = call.answer[: len(call.answer) // 2]  # malformed JSON, honest length

    def _fail(self, call: Call, error: LSQError) -> None:
        runtime = self.state.runtime
        # Kept without its traceback or the exceptions it arose from: their frames hold the call
        # (and its parsed body, megabytes for a hostile one) in a cycle that only a full garbage
        # collection frees, and RSS grew by a body a call until one ran.
        error.__traceback__ = error.__context__ = error.__cause__ = None
        call.error = error
        call.status = runtime.logical_error_status if error.logical else error.status
        envelope = error.to_dict()
        if runtime.is_mx_exception:
            envelope["IsMXException"] = True
        call.answer = _json(envelope)

    def _not_found(self, call: Call) -> LSQError:
        """The 404 of a call no endpoint answers: a vendor API lsq-mock does not emulate, or
        no API at all (with the nearest real one, if any, as the journal's hint)."""
        method, path = call.request.method, call.path
        called = f"{clip(method)} {clip(path)}"
        real = vendor_api(method, path)
        if real is not None:
            return NotEmulated(
                f"The API could not be found: lsq-mock does not emulate {called} "
                f"({real.title}) yet. It is a real LeadSquared API: see {real.source}"
            )
        near = nearest(path)
        hint = None if near is None else f"did you mean {near.method} {near.path}?"
        return ApiNotFound(
            f"The API could not be found. Please check the API signature: {called}", hint=hint
        )


def _json(value: Any) -> bytes:
    """An answer's bytes: compact JSON and a newline, as Flask's JSON answers were."""
    return (compact_json(value, _no_default) + "\n").encode()


def _no_default(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON")


def _hang_up(environ: dict[str, Any]) -> None:
    """A `drop` fault: close the connection once the call was processed and journaled, before a
    byte of the answer is written (werkzeug writes only after the app returns)."""
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        connection.shutdown(socket.SHUT_RDWR)
