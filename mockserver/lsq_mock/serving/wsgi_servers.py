"""Choose the WSGI server that serves an emulator app: werkzeug (default), waitress or granian.

werkzeug ships with Flask and does everything (TLS, the `drop` fault, the envelope for every
transport error); with its connections kept alive it is also as fast as waitress. waitress
(`pip install 'lsq-mock[waitress]'`) is a pure-Python production server; granian
(`pip install 'lsq-mock[granian]'`) a Rust one, the fastest. All bind in the caller's thread, so
a busy port fails at once, and all stop with `stop()`. Only werkzeug serves HTTPS: waitress has
no TLS, and its non-blocking channels fail on a TLS-wrapped socket (`SSLWantReadError` on the
first read); granian's TLS would need the certificate as files.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask

from lsq_mock.api.app import emulator_of
from lsq_mock.serving.connections import MAX_CONNECTIONS, connection_capacity
from lsq_mock.serving.request_host import host_from_target
from lsq_mock.serving.server import MockServer, ServerStartError, ServingThread, listening_socket

SERVER_NAMES = ("werkzeug", "waitress", "granian")
WAITRESS_THREADS = 4
WAITRESS_ADMIN_THREADS = 2
"""Threads of the /_mock/ admin API's own pool (latency faults never hold them)."""
WAITRESS_BODY_MARGIN = 2
"""waitress itself refuses a body of this many times the app's limit (framing included)."""


class WaitressServer(ServingThread):
    """An app served by waitress on a daemon thread; same surface as `MockServer`."""

    def __init__(
        self,
        app: Flask,
        *,
        host: str,
        port: int,
        threads: int = WAITRESS_THREADS,
        max_connections: int = MAX_CONNECTIONS,
    ):
        if emulator_of(app).settings.https:
            raise ServerStartError(
                "HTTPS needs the werkzeug server (--server werkzeug): waitress has no TLS; "
                "a --proxy-port proxy serves HTTPS in front of either server"
            )
        try:
            from lsq_mock.serving.waitress_dispatch import AdminApartDispatcher
            from lsq_mock.serving.waitress_envelope import envelope_channel
            from lsq_mock.serving.waitress_gate import gated_server
        except ImportError as error:
            raise ServerStartError(
                "the waitress server is an optional extra: pip install 'lsq-mock[waitress]'"
            ) from error
        self.app = app
        self.host = host
        # waitress warns "Task queue depth is N" whenever all its threads are busy: for a test
        # emulator under load that is expected, not news.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        # Bound here, as MockServer does: a busy port fails before waitress makes its trigger
        # pipe and socket, which it would leave open.
        listener = listening_socket(host, port)
        limit = emulator_of(app).settings.max_body_bytes
        try:
            # clear_untrusted_proxy_headers: stated to keep waitress from warning at start.
            # max_request_body_size: waitress refuses a body far over the app's limit as it
            # arrives, instead of spooling up to 1 GiB to a file; the margin (waitress counts a
            # chunked body's framing too) leaves the app to refuse, and journal, the others.
            self._server: Any = gated_server(
                host_from_target(app),
                listener,
                connection_capacity(max_connections),
                AdminApartDispatcher(threads, WAITRESS_ADMIN_THREADS),
                threads=threads,
                asyncore_use_poll=True,
                clear_untrusted_proxy_headers=True,
                max_request_body_size=WAITRESS_BODY_MARGIN * limit,
            )
        except BaseException:
            listener.close()
            raise
        self._server.channel_class = envelope_channel(limit)
        self._announce_address()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        return int(self._server.effective_port)

    def start(self) -> WaitressServer:
        """Serve on a daemon thread; the socket is already listening, so this returns at once."""
        if self._thread is not None:
            raise RuntimeError("server already started")
        self._thread = threading.Thread(
            target=self._server.run, name=f"lsq-mock-waitress:{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close every socket, stop the worker threads and wait for the serving loop to end."""
        from waitress import wasyncore

        server = self._server
        server.task_dispatcher.shutdown(timeout=1)
        if self._thread is None:
            wasyncore.close_all(server._map)
            return
        # Closed from the serving loop's own thread (woken by the trigger), it ends at once.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        self._thread.join(5.0)
        self._thread = None


def make_wsgi_server(
    app: Flask,
    *,
    server: str = "werkzeug",
    host: str = "127.0.0.1",
    port: int = 0,
    quiet: bool = True,
    max_connections: int | None = None,
) -> ServingThread:
    """A bound, not yet started server of kind `server` for `app` (ServerStartError if it can't).

    `max_connections`: most connections held at once (default: the server's own, as
    docs/performance.md says); past it, werkzeug and waitress hang up on the connection that has
    waited longest for its client, and granian leaves new ones in the listen queue."""
    limits: dict[str, Any] = {} if max_connections is None else {"max_connections": max_connections}
    if server == "werkzeug":
        return MockServer(app=app, host=host, port=port, quiet=quiet, **limits)
    if server == "waitress":
        return WaitressServer(app, host=host, port=port, **limits)
    if server == "granian":
        from lsq_mock.serving.granian_server import GranianServer

        return GranianServer(app, host=host, port=port, **limits)
    raise ServerStartError(f"unknown server {server!r}; choose one of {', '.join(SERVER_NAMES)}")
