"""A stand-in tenant on loopback for the calibration tests: the emulator's own app, with four
planted differences from it, served by werkzeug on a free port.

- a 401 answers MXInvalidAccessDetailsException 'Invalid Access Details provided.' (the emulator
  answers MXUnAuthorizedAccessException);
- a bulk update of 26 rows answers 500 (the emulator: 400);
- a failed bulk row has no ExceptionType (the emulator's has one);
- an unknown path answers an HTML 404 page (the emulator: the JSON envelope).

It keeps every request it was sent, so a test can tell what reached it.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, quote_plus

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from lsq_mock import Credential, RateLimit, Settings, create_app
from lsq_mock.resources import default_seed_path
from support.paths import BULK_UPDATE

ACCESS_KEY = "u$rstandin+tenant/access=0000000000000"
SECRET_KEY = "standin secret/key+with&odd=chars~00000"
"""The stand-in's keys: `$`, `+`, `/`, `=`, `&`, `~` and a space, so every way a client may
encode them is exercised."""
SETTINGS = Settings(
    credentials=(Credential(ACCESS_KEY, SECRET_KEY),),
    seed=default_seed_path(),
    bulk_rate_limit=RateLimit(0),
)
"""The stand-in's tenant: the shipped seed, and no bulk limit (calls come back to back)."""
PLANTED = ("401-body", "max-rows", "failed-row", "404")
"""The ledger entries of the planted differences, as `lsq-mock verify` names them."""
INVALID_ACCESS_DETAILS = {
    "Status": "Error",
    "ExceptionType": "MXInvalidAccessDetailsException",
    "ExceptionMessage": "Invalid Access Details provided.",
}
NOT_FOUND_PAGE = (
    b"<!DOCTYPE html><html><body><h1>404 - File or directory not found.</h1></body></html>"
)


@dataclass
class StandIn:
    """The stand-in's WSGI app and what it was sent."""

    settings: Settings = SETTINGS
    planted: bool = True
    """False: the emulator's answers as they are (a tenant that differs only by its settings)."""
    seen: list[tuple[str, str]] = field(default_factory=list)
    """(method, path) of every request that reached it, in order."""

    def __post_init__(self) -> None:
        self.inner = create_app(self.settings)
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        body = request.get_data()
        with self._lock:
            self.seen.append((request.method, request.path))
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        answer = Response.from_app(self.inner, environ, buffered=True)
        if self.planted:
            answer = self._planted(request, body, answer)
        return answer(environ, start_response)

    def _planted(self, request: Request, body: bytes, answer: Response) -> Response:
        if answer.status_code == 401:
            return Response(json.dumps(INVALID_ACCESS_DETAILS), 401, mimetype="application/json")
        if answer.status_code == 404:
            return Response(NOT_FOUND_PAGE, 404, mimetype="text/html")
        if request.path == BULK_UPDATE and answer.status_code == 400 and _rows(body) > 25:
            answer.status_code = 500
            return answer
        if request.path == BULK_UPDATE and answer.status_code == 200:
            value = json.loads(answer.get_data())
            for row in value["Response"]:
                row.pop("ExceptionType", None)
            answer.set_data(json.dumps(value))
        return answer


def key_spellings(key: str) -> list[str]:
    """Every way a client, a log or a JSON encoder may write `key`."""
    every_byte = "".join(f"%{byte:02X}" for byte in key.encode())
    return [
        key,
        quote(key, safe=""),
        quote(key, safe="").lower(),
        quote(key),
        quote_plus(key),
        quote(quote(key, safe=""), safe=""),
        every_byte,
        every_byte.lower(),
        key.replace("$", "%24"),
        json.dumps(key)[1:-1],
        json.dumps(key, ensure_ascii=True).replace("/", "\\/")[1:-1],
        "".join(f"\\u{ord(c):04x}" for c in key),
    ]


def _rows(body: bytes) -> int:
    try:
        value = json.loads(body)
    except ValueError:
        return 0
    return len(value) if isinstance(value, list) else 0


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@dataclass
class ServedStandIn:
    """A stand-in on a loopback port."""

    app: StandIn
    server: BaseWSGIServer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"


@contextmanager
def serving_standin(
    settings: Settings = SETTINGS, *, planted: bool = True
) -> Iterator[ServedStandIn]:
    """A stand-in tenant served on a free loopback port until the block ends."""
    app = StandIn(settings, planted)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield ServedStandIn(app, server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
