"""A threaded HTTP server for an emulator app, bound in the caller's thread: errors show at once."""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Self

from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from lsq_mock.app import create_app, emulator_of
from lsq_mock.emulator import Emulator
from lsq_mock.settings import Settings

POLL_SECONDS = 0.01
"""How often the serving loop checks for shutdown: what `stop()` may wait."""


class ServerStartError(RuntimeError):
    """The server could not bind its address (port in use, bad host)."""


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without a log line per request (tests and CI output stay readable)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


class ServingThread:
    """What every server of an app offers: its URL, `start()`, `stop()`, and `with` support."""

    app: Flask
    host: str

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        raise NotImplementedError

    @property
    def url(self) -> str:
        """The base URL, e.g. `http://127.0.0.1:54321`."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

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
    """An emulator on a real socket, served by werkzeug's threaded server."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        app: Flask | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        quiet: bool = True,
    ):
        self.app = app or create_app(settings)
        self.host = host
        try:
            self._server: BaseWSGIServer = make_server(
                host,
                port,
                self.app,
                threaded=True,
                request_handler=_QuietHandler if quiet else None,
            )
        except SystemExit as exit_:
            raise ServerStartError(
                f"cannot listen on {host}:{port} (is the port in use?)"
            ) from exit_
        except OSError as error:
            raise ServerStartError(f"cannot listen on {host}:{port}: {error}") from error
        self._server.daemon_threads = True
        self._announce_address()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port (the real one when started on port 0)."""
        return self._server.server_port

    @property
    def emulator(self) -> Emulator:
        """The emulator state served."""
        return emulator_of(self.app)

    def start(self) -> MockServer:
        """Serve on a daemon thread; the socket is already listening, so this returns at once."""
        if self._thread is not None:
            raise RuntimeError("server already started")
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
        self._server.serve_forever(poll_interval=POLL_SECONDS)

    def shutdown(self) -> None:
        """Stop accepting requests and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def join(self, timeout: float | None = 5.0) -> None:
        """Wait for the serving thread to end."""
        if self._thread is not None:
            self._thread.join(timeout)

    def stop(self) -> None:
        """`shutdown()` then `join()`."""
        if self._thread is not None:
            self.shutdown()
            self.join()
            self._thread = None
        else:
            self._server.server_close()
