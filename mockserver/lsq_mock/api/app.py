"""The app factory: a fresh app with its own emulator state, so apps never share state.

The app is a Flask app (the control plane under /_mock/ and the inspector), whose WSGI entry is
the emulated API's gateway: every other path is answered there, without Flask.
"""

from __future__ import annotations

import threading

from flask import Flask

from lsq_mock.api import admin, inspector
from lsq_mock.api.context import EXTENSION_KEY
from lsq_mock.api.errorhandlers import register_error_handlers
from lsq_mock.api.gateway import ApiGateway
from lsq_mock.api.guard import register_guard
from lsq_mock.api.jsonprovider import CompactJSONProvider
from lsq_mock.api.request import BoundedFlaskRequest
from lsq_mock.emulator import Emulator
from lsq_mock.settings import Settings

_ROUTING_LOCK = threading.Lock()
"""werkzeug compiles each route with `ast.parse`, which CPython 3.11 does not make safe across
threads ("AST constructor recursion depth mismatch"): apps built in parallel threads take turns."""


def create_app(settings: Settings | None = None, *, emulator: Emulator | None = None) -> Flask:
    """Build an emulator app from `settings` (or around an existing `emulator`)."""
    state = emulator or Emulator(settings)
    app = Flask("lsq_mock", static_folder=None)  # no /static/ route: only the API is served
    app.request_class = BoundedFlaskRequest
    app.config["MAX_CONTENT_LENGTH"] = state.settings.max_body_bytes
    app.json = CompactJSONProvider(app)  # compact, keys in insertion order
    app.extensions[EXTENSION_KEY] = state
    # A `//` in a path is a 404 like any unknown path, not a 308 redirect (an HTML page that
    # Flask answers without the error handlers).
    app.url_map.merge_slashes = False
    with _ROUTING_LOCK:
        app.register_blueprint(admin.bp)
        app.register_blueprint(inspector.bp)
        gateway = ApiGateway(state, app.wsgi_app)
    register_guard(app)
    register_error_handlers(app)
    app.wsgi_app = gateway  # type: ignore[method-assign]
    return app


def emulator_of(app: Flask) -> Emulator:
    """The emulator state behind `app`."""
    emulator: Emulator = app.extensions[EXTENSION_KEY]
    return emulator
