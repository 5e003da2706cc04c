"""granian (a Rust HTTP server) serving an emulator app in this process, on its own threads.

granian runs a WSGI app in worker processes, or worker threads on free-threaded Python; neither
fits a test fixture, which needs the app in the caller's process and the port known before
`start()`. So this module drives granian's worker directly, as its thread mode does: the socket
is bound here (a busy port fails at once), granian's Rust runtime reads and writes HTTP, and
calls the app on a pool of Python threads. That worker API is granian's own, not a public one:
the extra pins the granian versions it was tested with (`pip install 'lsq-mock[granian]'`).

What it cannot do: serve TLS (`--https` needs werkzeug), hand the app its socket (the `drop`
fault answers 500 saying so), log requests, or answer transport errors with the envelope
(docs/transport-errors.md lists what it answers itself).
"""

# mypy: disable-error-code="call-arg, arg-type, attr-defined, no-untyped-call"
# (granian's stubs describe its public API; the worker API driven here is typed as it runs.)

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import threading
from typing import Any

from flask import Flask

from lsq_mock.api.app import emulator_of
from lsq_mock.serving.connections import connection_capacity
from lsq_mock.serving.server import (
    LISTEN_BACKLOG,
    ServerStartError,
    ServingThread,
    listening_socket,
)

GRANIAN_THREADS = 64
"""Most Python threads calling the app at once: enough that calls sleeping on latency faults
leave threads for the admin API (granian starts them as needed: 4 busy connections use 4)."""
GRANIAN_CONNECTIONS = 4096
"""Most connections granian holds at once (fewer if the open-files limit is lower and cannot be
raised). An idle one costs it no Python thread but 3 to 19 KiB (silent, answered and kept
alive, stopped mid-headers): 4,096 cost at most about 76 MiB. Past that, a new client waits in
the listen queue for room: granian accepts in Rust, where lsq-mock cannot make room as it does
under werkzeug and waitress (serving.connections), so granian closes idle ones sooner instead
(HEADER_SECONDS)."""
HEADER_SECONDS = 5
"""A connection that has not sent a whole request head this long after it opened or after its
last answer is closed (granian's default: 30 s; Node's keep-alive timeout is 5 s too): past
GRANIAN_CONNECTIONS, about how long a new client waits for room."""
BLOCKING_THREADS = 1024
"""granian's Rust threads for blocking I/O (its own default)."""
IDLE_THREAD_SECONDS = 30
STOP_WAIT_SECONDS = 10.0
"""How long `stop()` waits for calls still running (asleep on a latency fault, say): a process
that exits while one runs on granian's threads is aborted by Rust ("non-unwinding panic")."""


class GranianServer(ServingThread):
    """An app served by granian's Rust HTTP core on this process's threads; same surface as
    `MockServer`."""

    def __init__(
        self,
        app: Flask,
        *,
        host: str,
        port: int,
        threads: int = GRANIAN_THREADS,
        max_connections: int = GRANIAN_CONNECTIONS,
    ):
        if emulator_of(app).settings.https:
            raise ServerStartError(
                "HTTPS needs the werkzeug server (--server werkzeug); "
                "a --proxy-port proxy serves HTTPS in front of any server"
            )
        try:
            from granian._granian import SocketHolder
        except ImportError as error:
            raise ServerStartError(
                "the granian server is an optional extra: pip install 'lsq-mock[granian]'"
            ) from error
        self.app = app
        self.host = host
        self.threads = threads
        listener = listening_socket(host, port)
        try:
            # Inherited by every accepted connection: granian writes an answer's head and body
            # apart, and Nagle's algorithm would hold the body for the client's delayed ACK.
            listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._port = listener.getsockname()[1]
            # granian is handed a duplicate: it closes the descriptor it serves when it stops,
            # but not at once; this one stops the listening at once.
            self._fd = os.dup(listener.fileno())
        except BaseException:
            listener.close()
            raise
        self._listener = listener
        self._max_connections = connection_capacity(max_connections)
        self._holder = SocketHolder(self._fd, False, LISTEN_BACKLOG)
        self._announce_address()
        self._thread: threading.Thread | None = None
        self._signal: Any = None
        self._stopped = threading.Event()
        self._running_calls = 0
        self._calls_done = threading.Condition()

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        return int(self._port)

    def start(self) -> GranianServer:
        """Serve on a daemon thread; the socket is already listening, so this returns at once."""
        if self._thread is not None or self._stopped.is_set():
            raise RuntimeError("server already started")
        from granian._granian import WorkerSignal

        self._signal = WorkerSignal()
        started = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(started,), name=f"lsq-mock-granian:{self.port}", daemon=True
        )
        self._thread.start()
        started.wait(5)
        return self

    def _serve(self, started: threading.Event) -> None:
        from granian._futures import _new_cbscheduler
        from granian._granian import MetricsAggregator, WSGIWorker
        from granian.http import HTTP1Settings
        from granian.wsgi import _callback_wrapper

        loop = asyncio.new_event_loop()
        worker = WSGIWorker(
            1,  # worker id
            (None, self._holder),  # a listener spec, or an open socket
            None,  # no IPC: no parent process
            1,  # Rust runtime threads
            BLOCKING_THREADS,
            self.threads,  # Python threads calling the app
            IDLE_THREAD_SECONDS,
            self._max_connections,  # "backpressure": connections held at once
            "1",  # HTTP/1.1 only
            HTTP1Settings(header_read_timeout=HEADER_SECONDS * 1000),
            None,  # no HTTP/2
            None,  # no static files
            *(False, None, None, None, "tls1.3", None, [], False),  # no TLS
            (None, MetricsAggregator(1)),  # no metrics exported
        )
        scheduler = _new_cbscheduler(loop, _callback_wrapper(self._counted, {}, None), True)
        try:
            worker.serve_mtr(scheduler, loop, self._signal)  # returns once serving
        finally:
            started.set()
        self._stopped.wait()  # the worker lives as long as this frame
        loop.close()

    def _counted(self, environ: dict[str, Any], start_response: Any) -> Any:
        """The app, counting the calls running: `stop()` waits for them."""
        with self._calls_done:
            self._running_calls += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self._calls_done:
                self._running_calls -= 1
                self._calls_done.notify_all()

    def stop(self) -> None:
        """Stop serving and close the socket, once the calls running have ended (at most
        STOP_WAIT_SECONDS); safe before `start()` and when already stopped."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._thread is None:
            os.close(self._fd)
            self._listener.close()
            return
        with self._calls_done:
            self._calls_done.wait_for(lambda: self._running_calls == 0, STOP_WAIT_SECONDS)
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # a new connection is refused from now on
        self._signal.set()
        self._thread.join(5.0)
        self._listener.close()
