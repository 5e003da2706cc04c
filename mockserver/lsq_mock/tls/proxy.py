"""An HTTP proxy for unmodified clients: `HTTPS_PROXY=http://127.0.0.1:N` plus the local CA.

`CONNECT api.leadsquared.com:443` (or a regional `api-*` host) opens a tunnel whose TLS ends here,
with a certificate from the local CA, and whose requests the emulator's app answers in this
process. Nothing is forwarded: any other host or port is refused, the requested host is only
compared, never looked up, and the proxy opens no connection of its own. Requests in absolute form
(`GET https://api.leadsquared.com/...`, as axios 1.7 sends them) are answered the same way; any
other request is refused with the error envelope, saying why and what to do.

A client that does not trust the local CA ends its tunnel's TLS handshake with an alert, which
cannot carry an answer: the proxy logs a line naming the fix instead (whatever `quiet` says).
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import ssl
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask

from lsq_mock.api.app import emulator_of
from lsq_mock.errors import Forbidden
from lsq_mock.serving.server import ClosingServer, EnvelopeRequestHandler, MockServer
from lsq_mock.tls.ca import local_ca
from lsq_mock.tls.context import server_context
from lsq_mock.tls.vendor_hosts import HTTPS_PORT, VENDOR_HOST_PATTERN, is_vendor_api_host

MAX_TUNNELS = 64
"""Most connections open at once; the next is answered 503 and closed."""
IDLE_SECONDS = 30.0
"""A connection (or TLS handshake) silent this long is closed."""
STOP_WAIT_SECONDS = 5.0
"""How long `stop()` waits for cut connections' threads (one still in the app may take longer)."""
SHOWN_TARGET_CHARS = 200
_BUSY_BODY = b"lsq-mock proxy: too many open connections, try again\n"
BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(_BUSY_BODY), _BUSY_BODY)
)
"""The answer to a connection over MAX_TUNNELS, written before any thread is started for it."""


REFUSED_CERTIFICATE_ALERTS = frozenset(
    {
        "TLSV1_ALERT_UNKNOWN_CA",  # OpenSSL's clients: Python, curl, PHP, Ruby, Node
        "SSLV3_ALERT_BAD_CERTIFICATE",  # Go
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN",  # Java
    }
)
"""The alerts a client sends when it does not trust the certificate it was shown."""


def served_authority(authority: str) -> str | None:
    """The vendor host named by a CONNECT authority `host:443`, or None if the proxy refuses it."""
    try:
        parts = urlsplit(f"//{authority}")
        port = parts.port
    except ValueError:
        return None
    if parts.path or parts.query or parts.fragment or "@" in parts.netloc:
        return None
    host = parts.hostname or ""
    return host if port == HTTPS_PORT and is_vendor_api_host(host) else None


def served_url(target: str) -> str | None:
    """The vendor host of an absolute-form `https://host[:443]/...` target, or None."""
    parts = urlsplit(target)
    if parts.scheme != "https":
        return None
    try:
        explicit = parts.port is not None
    except ValueError:
        return None
    return served_authority(parts.netloc if explicit else f"{parts.netloc}:{HTTPS_PORT}")


class ProxyServer(MockServer):
    """A proxy port in front of an emulator app: same `start()`, `stop()` and `url` as a server.

    Its `url` (`http://127.0.0.1:PORT`) is the `HTTPS_PROXY` value; `ca_bundle` is the CA whose
    certificate the tunnels present. A subclass may serve another handler (`handler`): the
    recording proxy of `lsq_mock.calibrate` does.
    """

    handler: type[ProxyHandler] | None = None
    """The connection handler; None: `ProxyHandler`."""

    def __init__(
        self,
        app: Flask,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ca_dir: Path | None = None,
        trust_ca_dir: bool = False,
        max_tunnels: int = MAX_TUNNELS,
        idle_seconds: float = IDLE_SECONDS,
        quiet: bool = True,
    ):
        if ca_dir is None:  # the emulator's CA, as its settings say
            settings = emulator_of(app).settings
            ca_dir, trust_ca_dir = settings.ca_dir, settings.trust_ca_dir
        ca = local_ca(ca_dir, trust=trust_ca_dir)
        self.ca_bundle: Path = ca.cert_path
        self._context = server_context(ca)
        self._max_tunnels, self._idle_seconds = max_tunnels, idle_seconds
        super().__init__(app=app, host=host, port=port, quiet=quiet)

    def _bind(self, listener: socket.socket, quiet: bool) -> ClosingServer:
        """Serve proxy requests on `listener` (plain HTTP: TLS starts inside each tunnel)."""
        self._proxy = _ProxyWSGIServer(
            self.host,
            listener.getsockname()[1],
            self.app,
            fd=listener.fileno(),
            context=self._context,
            ca_bundle=self.ca_bundle,
            max_tunnels=self._max_tunnels,
            idle_seconds=self._idle_seconds,
            quiet=quiet,
            handler=self.handler or ProxyHandler,
        )
        return self._proxy

    def shutdown(self) -> None:
        """Stop accepting, cut every open tunnel, then close: no thread outlives the server."""
        self._proxy.shutdown()
        self._proxy.close_connections()
        self._proxy.server_close()
        self._proxy.join_handlers(STOP_WAIT_SECONDS)


class _ProxyWSGIServer(ClosingServer):
    """werkzeug's threaded server with a cap on open connections and a way to cut them all."""

    def __init__(
        self,
        host: str,
        port: int,
        app: Flask,
        *,
        fd: int,
        context: ssl.SSLContext,
        ca_bundle: Path,
        max_tunnels: int,
        idle_seconds: float,
        quiet: bool,
        handler: type[ProxyHandler],
    ):
        self.tls_context = context
        self.ca_bundle = ca_bundle
        self.idle_seconds = idle_seconds
        self.quiet = quiet
        self._slots = threading.BoundedSemaphore(max_tunnels)
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._handlers: set[threading.Thread] = set()
        self._closing = False
        super().__init__(host, port, app, handler=handler, fd=fd)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Serve on a new thread if a slot is free; otherwise answer 503 and close at once."""
        if not self._slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.settimeout(1.0)
                request.sendall(BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        """Serve one connection, then free its slot."""
        # Its thread is a daemon, which socketserver does not join: the proxy joins it on stop.
        with self._lock:
            self._handlers.add(threading.current_thread())
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._lock:
                self._handlers.discard(threading.current_thread())
            self._slots.release()

    def track(self, old: socket.socket | None, new: socket.socket | None) -> None:
        """Record that a connection's socket changed (opened, wrapped in TLS, or closed)."""
        with self._lock:
            self._open.discard(old)
            if new is not None:
                self._open.add(new)
            closing = self._closing
        if closing and new is not None:
            _cut(new)

    @property
    def closing(self) -> bool:
        """Whether the proxy is stopping (and cutting its connections)."""
        with self._lock:
            return self._closing

    def close_connections(self) -> None:
        """Cut every open connection: their threads see end-of-stream and finish."""
        with self._lock:
            self._closing = True
            connections = list(self._open)
        for connection in connections:
            _cut(connection)

    def join_handlers(self, timeout: float) -> None:
        """Wait up to `timeout` seconds in all for the connections' threads to end."""
        with self._lock:
            handlers = list(self._handlers)
        deadline = time.monotonic() + timeout
        for handler in handlers:
            handler.join(max(0.0, deadline - time.monotonic()))


def _cut(connection: socket.socket) -> None:
    # socket.socket's own shutdown: SSLSocket.shutdown would also drop its TLS state under the
    # feet of the thread reading it.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(connection, socket.SHUT_RDWR)


class ProxyHandler(EnvelopeRequestHandler):
    """One client connection: a CONNECT (then the tunnel's requests), or an absolute-form call."""

    server: _ProxyWSGIServer
    protocol_version = "HTTP/1.1"
    tunnel: str | None = None
    """The vendor host of the open tunnel, once TLS is up."""

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_seconds)
        self.server.track(None, self.connection)

    def do_CONNECT(self) -> None:
        """Open a TLS tunnel for a vendor API host, answered by the emulator; refuse any other."""
        host = served_authority(self.path)
        if host is None or self.tunnel is not None:
            self._refuse()
            return
        self.send_response_only(200, "Connection Established")
        self.end_headers()
        plain = self.connection
        tls = self.server.tls_context.wrap_socket(
            plain, server_side=True, do_handshake_on_connect=False
        )
        self.server.track(plain, tls)
        self.connection = self.request = tls
        self.rfile.close()
        self.rfile = tls.makefile("rb")
        self.wfile = socketserver._SocketWriter(tls)  # type: ignore[attr-defined]
        try:
            tls.do_handshake()
        except (ssl.SSLError, OSError) as error:
            self.close_connection = True
            self._handshake_failed(host, error)
            return
        self.tunnel = host
        self.close_connection = False

    def run_wsgi(self) -> None:
        """Hand a request inside a tunnel, or for an https:// vendor URL, to the emulator."""
        if not self.serves_request():
            self._refuse()
            return
        super().run_wsgi()

    def serves_request(self) -> bool:
        """Whether the request read is one for the app: inside a tunnel, or for a vendor URL."""
        return self.tunnel is not None or served_url(self.path) is not None

    def _handshake_failed(self, host: str, error: BaseException) -> None:
        """Say why a tunnel's TLS did not start; when the client refused our certificate, say
        so whatever `quiet` says: the client's own error names no fix."""
        reason = getattr(error, "reason", None)
        if reason in REFUSED_CERTIFICATE_ALERTS:
            what = f"refused the certificate for {host} ({reason.lower().replace('_', ' ')})"
            self.log_error("%s", untrusted_message(what, self.server.ca_bundle, sure=True))
        elif isinstance(error, (ssl.SSLEOFError, ConnectionError)) and not self.server.closing:
            what = f"closed the connection during the TLS handshake for {host}"
            self.log_error("%s", untrusted_message(what, self.server.ca_bundle, sure=False))
        else:
            self._log("TLS handshake for %s failed: %s", host, error)

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        environ["wsgi.url_scheme"] = "https"  # every request served here was sent for https
        if self.tunnel is None:
            # A proxy is asked for the target's host (RFC 9112), which run_wsgi has checked is
            # the vendor's: that one is journaled, whatever Host says.
            environ["HTTP_HOST"] = urlsplit(self.path).netloc
        return environ

    def handle(self) -> None:
        try:
            super().handle()
        except ssl.SSLError as error:  # werkzeug passes these on when its listener is plain
            self.connection_dropped(error)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, None)
            if isinstance(self.connection, ssl.SSLSocket):
                self.connection.close()  # the server closes only the socket it accepted

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if not self.server.quiet:
            super().log_request(code, size)

    def refusal(self) -> str:
        """Why the request read is refused: the envelope's message."""
        return refusal_message(self.command, self.path, self.server.ca_bundle)

    def _refuse(self) -> None:
        body = Forbidden(self.refusal()).to_json()
        self.send_response(Forbidden.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True

    def _log(self, message: str, *args: Any) -> None:
        if not self.server.quiet:
            self.log_error(message, *args)


def refusal_message(command: str, target: str, ca_bundle: Path) -> str:
    """Why the proxy refuses `command target`, and what the client should do instead."""
    shown = f"{command} {target[:SHOWN_TARGET_CHARS]}"
    host = _plain_http_host(target) if command != "CONNECT" else None
    if host is not None and is_vendor_api_host(host):
        return (
            f"lsq-mock proxy: refused {shown}: the vendor's API is HTTPS only, and so is this "
            f"proxy. Call https://{host}/... instead (the client then opens a CONNECT tunnel), "
            f"trusting lsq-mock's CA {ca_bundle} (`lsq-mock ca --env` prints the variables). "
            "Nothing is forwarded."
        )
    return (
        f"lsq-mock proxy: refused {shown}. Only CONNECT to {VENDOR_HOST_PATTERN} on port "
        f"{HTTPS_PORT} (or an https:// URL of those hosts) is served, by the local emulator. "
        "Nothing is forwarded."
    )


def _plain_http_host(target: str) -> str | None:
    """The host of an absolute-form `http://host/...` target, or None."""
    try:
        parts = urlsplit(target)
        return parts.hostname if parts.scheme == "http" else None
    except ValueError:
        return None


def untrusted_message(what: str, ca_bundle: Path, *, sure: bool) -> str:
    """The line logged when a client ended a tunnel's handshake (`what` it did), and the fix."""
    cause = "it does not trust" if sure else "most often, it does not trust"
    return (
        f"lsq-mock proxy: the client {what}: {cause} lsq-mock's CA. Make it trust {ca_bundle}: "
        '`eval "$(lsq-mock ca --env)"` sets the variables most clients read; docs/clients.md '
        "has each language's"
    )
