"""The routes an app serves: the control plane's (Flask) and the emulated API's (the gateway)."""

from __future__ import annotations

from collections.abc import Iterator

from flask import Flask
from werkzeug.routing import Rule

from lsq_mock.api.gateway import ApiGateway


def served_rules(app: Flask) -> Iterator[Rule]:
    """Every route `app` serves, the emulated API's and the control plane's."""
    gateway = app.wsgi_app
    assert isinstance(gateway, ApiGateway)
    yield from gateway.routes.iter_rules()
    yield from app.url_map.iter_rules()
