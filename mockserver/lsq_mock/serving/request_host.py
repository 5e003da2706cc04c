"""Which host a request is for, by one rule under every server: its `Host` header when it has one
(the control plane's guard and the journal read it); only a request without one is taken to be
for the authority of an absolute-form target (`GET http://127.0.0.1:8080/_mock/health HTTP/1.0`).

RFC 9112 has an origin server prefer the target's authority, and werkzeug did; waitress and
granian keep the header. granian hands the app only the target's path and query, never its
authority when a header was sent, so granian's rule is the one every server can keep.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

WSGIApp = Callable[[dict[str, Any], Any], Any]


def request_host(host_headers: Iterable[str], target: str) -> str | None:
    """The host a request is for: its `Host` header lines (joined with ',', as werkzeug and
    granian join them), else the authority of an absolute-form `target`, else None."""
    sent = list(host_headers)
    if sent:
        return ",".join(sent)
    parts = urlsplit(target)
    return parts.netloc if parts.scheme and parts.netloc else None


def host_from_target(app: WSGIApp) -> WSGIApp:
    """`app`, given the target's authority as its host when the request sent no `Host` header
    (for waitress, which keeps the request target in REQUEST_URI and drops its authority)."""

    def with_host(environ: dict[str, Any], start_response: Any) -> Any:
        if "HTTP_HOST" not in environ:
            host = request_host((), str(environ.get("REQUEST_URI", "")))
            if host is not None:
                environ["HTTP_HOST"] = host
        return app(environ, start_response)

    return with_host
