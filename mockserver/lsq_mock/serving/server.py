"""A threaded HTTP server for an emulator app, bound in the caller's thread: errors show at once."""

from __future__ import annotations

import contextlib
import errno
import socket
import ssl
import threading
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast

from flask import Flask
from werkzeug.serving import (
    ThreadedWSGIServer,
    WSGIRequestHandler,
    get_sockaddr,
    select_address_family,
)

from lsq_mock.api.app import create_app, emulator_of
from lsq_mock.digits import ascii_int
from lsq_mock.emulator import Emulator
from lsq_mock.errors import transport_error
from lsq_mock.journal.redact import redact_text
from lsq_mock.serving.connections import (
    MAX_CONNECTIONS,
    ConnectionTable,
    busy_answer,
    connection_capacity,
    hang_up,
)
from lsq_mock.serving.request_body import NOTHING_MORE, CountedBody, FramingErrorStays
from lsq_mock.serving.request_host import request_host
from lsq_mock.settings import Settings

POLL_SECONDS = 0.01
"""How often the serving loop checks for shutdown: what `stop()` may wait."""
LISTEN_BACKLOG = 1024
"""Connections the system queues for the server to accept (werkzeug's 128 dropped a burst's
connects, which then waited seconds to retry)."""


class ServerStartError(RuntimeError):
    """The server could not bind its address (port in use, bad host)."""


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to `host:port` and listening, or ServerStartError saying why not.

    Bound here rather than by werkzeug, which prints its own advice to stderr and exits.
    """
    try:
        family = select_address_family(host, port)
        return socket.create_server(
            get_sockaddr(host, port, family), family=family, backlog=LISTEN_BACKLOG
        )
    except OSError as error:
        raise bind_error(host, port, error) from error


def bind_error(host: str, port: int, error: OSError) -> ServerStartError:
    """The one-line error of a server that could not bind `host:port`, whichever server."""
    reason = (
        "the port is already in use"
        if error.errno == errno.EADDRINUSE
        else error.strerror or str(error)
    )
    return ServerStartError(f"cannot listen on {host}:{port}: {reason}")


TRANSPORT_REASON_CHARS = 200
"""How much of the server's own reason (which may quote the request line) an envelope repeats."""


class EnvelopeRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, with three guarantees: connections are kept alive (HTTP/1.1) when
    the request's body was read whole; what it answers by itself, before the app (a malformed
    request line, headers or URI too long), is the JSON envelope, not an HTML page; and no
    line it logs shows the secret key."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    """Headers and body go out in two writes: without this, a kept-alive connection waits for
    the client's delayed ACK (40 ms) between them."""
    _body: CountedBody | None = None
    _answering = False

    def make_environ(self) -> dict[str, object]:
        environ = super().make_environ()
        # werkzeug takes an absolute-form target's authority over the Host header: the one rule
        # of every server (serving.request_host) takes the header.
        host = request_host(self.headers.get_all("Host") or (), self.path)
        if host is None:
            environ.pop("HTTP_HOST", None)
        else:
            environ["HTTP_HOST"] = host
        self._body = None
        length = environ.get("CONTENT_LENGTH")
        if length and not environ.get("wsgi.input_terminated"):
            size = ascii_int(str(length).strip(" \t"))
            if size is None:  # `-5`, `٣`, `abc`: a body of unknown length, nothing may follow it
                self.close_connection = True
            else:
                self._body = CountedBody(self.rfile, size)
                environ["wsgi.input"] = self._body
        elif environ.get("wsgi.input_terminated"):
            self.close_connection = True  # chunked: where its framing ends is not checked here
            environ["wsgi.input"] = FramingErrorStays(environ["wsgi.input"])
        return environ

    def handle_one_request(self) -> None:
        connections = getattr(self.server, "connections", None)
        if connections is not None:
            connections.waiting(self.connection)  # for a request line: hung up if room is needed
        super().handle_one_request()

    def run_wsgi(self) -> None:
        connections = getattr(self.server, "connections", None)
        if connections is not None:
            connections.busy(self.connection)
        self._answering, reader = True, self.rfile
        try:
            super().run_wsgi()
        finally:
            self._answering, self.rfile = False, reader

    def send_header(self, keyword: str, value: str) -> None:
        # werkzeug closes every connection ("Connection: close") because http.server cannot
        # skip a body the app left unread; this handler knows when none was left.
        if (
            self._answering
            and keyword == "Connection"
            and value == "close"
            and not self.close_connection
            and (self._body is None or self._body.left <= 0)
        ):
            # After answering, werkzeug reads whatever the client sent next and throws it
            # away (safe only on a connection about to close): here that is the next request,
            # so werkzeug is given nothing to read until `run_wsgi` ends.
            self.rfile = NOTHING_MORE
            return
        super().send_header(keyword, value)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.request_version == "HTTP/0.9":  # `GET /path` alone: no headers, no status line
            self.send_error(400, "HTTP/0.9 requests are not served")
            return False
        return True

    def body_limit(self) -> int:
        """The largest body served, which a 413 of the server's own names."""
        return emulator_of(cast(Flask, self.server.app)).settings.max_body_bytes

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        reason = redact_text(message or self.responses.get(code, ("",))[0])
        self.log_error("code %d, message %s", code, reason)
        body = transport_error(
            code, reason[:TRANSPORT_REASON_CHARS], limit_bytes=self.body_limit()
        ).to_json()
        if self.request_version == "HTTP/0.9":
            # A request line refused before its version was read: answered as HTTP/1.0, since
            # http.server writes neither status line nor headers for HTTP/0.9.
            self.request_version = "HTTP/1.0"
        self.send_response(code, reason)
        self.send_header("Connection", "close")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log(self, type: str, message: str, *args: object) -> None:
        super().log(type, "%s", redact_text(message % args if args else message))


class _QuietHandler(EnvelopeRequestHandler):
    """The envelope handler without a log line per request (tests and CI output stay readable)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class ClosingServer(ThreadedWSGIServer):
    """werkzeug's threaded server (a thread per connection) that can hang up on the
    connections still open when it stops: a kept-alive connection must not outlive it."""

    def close_connections(self) -> None:
        """Hang up on every open connection (a thread waiting for its next request ends)."""
        raise NotImplementedError


class _KeepAliveServer(ClosingServer):
    """The emulator's server, holding at most MAX_CONNECTIONS: past that a new connection takes
    the place of the one that has waited longest for its client, or is answered 503 when every
    one is busy (serving.connections); it hangs up on those still open when it stops."""

    def __init__(self, *args: Any, max_connections: int = MAX_CONNECTIONS, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.connections = ConnectionTable(connection_capacity(max_connections))

    def process_request(self, request: Any, client_address: Any) -> None:
        admitted, evicted = self.connections.admit(request)
        if evicted is not None:
            hang_up(evicted)
        if not admitted:
            if not isinstance(request, ssl.SSLSocket):  # TLS would need a handshake here first
                with contextlib.suppress(OSError):
                    request.settimeout(1.0)
                    request.sendall(busy_answer(self.connections.limit))
            super().shutdown_request(request)
            return
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.connections.forget(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Hang up on every open connection (a thread waiting for its next request ends)."""
        for connection in self.connections.held():
            hang_up(connection)


class ServingThread:
    """What every server of an app offers: its URL, `start()`, `stop()`, and `with` support."""

    app: Flask
    host: str
    scheme: str = "http"
    ca_bundle: Path | None = None
    """The local CA's certificate when this server serves TLS (itself, or in proxy tunnels)."""

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        raise NotImplementedError

    @property
    def url(self) -> str:
        """The base URL, e.g. `http://127.0.0.1:54321` (`https://` when serving TLS)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def url_for(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        return self.url + (path if path.startswith("/") else f"/{path}")

    def start(self) -> Self:
        """Serve on a daemon thread."""
        raise NotImplementedError

    def _announce_address(self) -> None:
        """Tell the app where it listens, once bound: /_mock/ answers only that `Host`."""
        emulator_of(self.app).hosts.bind(self.host, self.port)

    def stop(self) -> None:
        """Stop serving and close the socket."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class MockServer(ServingThread):
    """An emulator on a real socket, served by werkzeug's threaded server (TLS if `https`)."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        app: Flask | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        quiet: bool = True,
        max_connections: int = MAX_CONNECTIONS,
    ):
        self.app = app or create_app(settings)
        self.host = host
        self.max_connections = max_connections
        """Most connections held at once; past it, the one waiting longest makes way."""
        listener = listening_socket(host, port)
        try:
            # werkzeug serves a duplicate of the bound socket's descriptor.
            self._server = self._bind(listener, quiet)
        finally:
            listener.close()
        self._server.daemon_threads = True
        self._announce_address()
        self._thread: threading.Thread | None = None
        self._state_lock = threading.Lock()
        self._serving = False
        self._closed = False

    def _bind(self, listener: socket.socket, quiet: bool) -> ClosingServer:
        """Serve on `listener`: plain HTTP, or TLS when the emulator's settings ask for HTTPS."""
        settings = emulator_of(self.app).settings
        context = None
        if settings.https:
            # Here, not at the top: plain HTTP never loads cryptography (~20 ms of imports).
            from lsq_mock.tls.ca import local_ca
            from lsq_mock.tls.context import server_context

            ca = local_ca(settings.ca_dir, trust=settings.trust_ca_dir)
            context = server_context(ca)
            self.scheme, self.ca_bundle = "https", ca.cert_path
        server = _KeepAliveServer(
            self.host,
            listener.getsockname()[1],
            self.app,
            _QuietHandler if quiet else EnvelopeRequestHandler,
            fd=listener.fileno(),
            max_connections=self.max_connections,
        )
        if context is not None:
            from lsq_mock.tls.context import tls_listener

            server.socket = tls_listener(server.socket, context)
            server.ssl_context = context
        return server

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        return int(self._server.port)

    @property
    def emulator(self) -> Emulator:
        """The emulator state served."""
        return emulator_of(self.app)

    def start(self) -> MockServer:
        """Serve on a daemon thread; the socket is already listening, so this returns at once."""
        with self._state_lock:
            self._begin_serving()
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": POLL_SECONDS},
                name=f"lsq-mock:{self.port}",
                daemon=True,
            )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until `shutdown()` is called from another one."""
        with self._state_lock:
            self._begin_serving()
        self._server.serve_forever(poll_interval=POLL_SECONDS)

    def _begin_serving(self) -> None:
        if self._closed:
            raise RuntimeError("server stopped; make a new one")
        if self._serving:
            raise RuntimeError("server already started")
        self._serving = True

    def shutdown(self) -> None:
        """Stop accepting requests and close the socket; at once if never started, and only
        once however often it is called."""
        with self._state_lock:
            if self._closed:
                return
            self._closed = True
            serving = self._serving
        if serving:
            # Waits for the serving loop to end, which only a loop that was started can do.
            self._server.shutdown()
        self._server.server_close()
        self._server.close_connections()

    def join(self, timeout: float | None = 5.0) -> None:
        """Wait for the serving thread to end."""
        if self._thread is not None:
            self._thread.join(timeout)

    def stop(self) -> None:
        """`shutdown()` then `join()`; safe before `start()` and when already stopped."""
        self.shutdown()
        self.join()
