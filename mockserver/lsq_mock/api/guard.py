"""Keep other web sites from driving or reading the control plane through a developer's browser.

A page on another site can make the browser send a form POST (no preflight) to 127.0.0.1, or
rebind its own name to 127.0.0.1 and read the answers. So, for every path under /_mock/ (the
inspector page included): the `Host` must be this server's address or an allowed name, a
browser's `Origin` must be that same host, a state change must say it is JSON (or carry
`X-LSQ-Mock-Client`), which a cross-site page can only do after a CORS preflight; and preflights
are refused. The emulated /v2/ API is left alone: real clients call it from anywhere.
"""

from __future__ import annotations

from flask import Flask, Request, request

from lsq_mock.api.context import emulator
from lsq_mock.api.routes import CONTROL_PREFIX
from lsq_mock.errors import Forbidden

CLIENT_HEADER = "X-LSQ-Mock-Client"
"""A header a cross-site page cannot send without a (refused) preflight: any value will do."""
SAFE_METHODS = frozenset({"GET", "HEAD"})
ALLOWED_HOST_OPTION = "--allowed-host"


def guard_control_plane() -> None:
    """Before each request under /_mock/: refuse foreign hosts, origins, preflights and forms."""
    call: Request = request._get_current_object()  # type: ignore[attr-defined]  # flask types the proxy as the request itself
    if not call.path.startswith(CONTROL_PREFIX):
        return
    host = call.headers.get("Host", "")
    if not emulator().hosts.allows(host):
        raise Forbidden(
            f"Host {host[:100]!r} is not this server's address: /_mock/ answers only the address "
            f"it listens on (start it with {ALLOWED_HOST_OPTION} NAME to allow another name)"
        )
    origin = call.headers.get("Origin")
    if origin is not None and origin.lower() != f"{call.scheme}://{host}".lower():
        raise Forbidden(f"Origin {origin[:100]!r} may not call /_mock/ (another site's page)")
    if call.method == "OPTIONS":
        raise Forbidden("/_mock/ answers no CORS preflight: other sites may not call it")
    if call.method in SAFE_METHODS or call.url_rule is None:
        return  # nothing to change: a read, or a route that will answer 404
    if not _says_it_is_not_a_form(call):
        raise Forbidden(
            f"{call.method} {call.path} needs Content-Type: application/json "
            f"(a body is optional where none is taken) or the {CLIENT_HEADER} header"
        )


def _says_it_is_not_a_form(call: Request) -> bool:
    # A form or a no-cors fetch can only send text/plain, urlencoded or multipart bodies.
    return call.mimetype == "application/json" or bool(call.headers.get(CLIENT_HEADER))


def register_guard(app: Flask) -> None:
    """Guard every /_mock/ path of `app`; app hooks run before any blueprint's (the token's)."""
    app.before_request(guard_control_plane)
