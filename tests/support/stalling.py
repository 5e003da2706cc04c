"""A webhook receiver that never answers (or drips its answer a byte at a time), for the tests
and benchmarks/abuse.py: it notes when a sender connects and when it hangs up."""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class Stalling:
    """A receiver that accepts connections, reads what comes, and answers nothing (or drips one
    header byte every `drip` seconds); it notes when the sender hangs up."""

    def __init__(self, drip: float | None = None):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.drip = drip
        self.connected = threading.Event()
        self.hung_up = threading.Event()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/hook"

    def _accept(self) -> None:
        self.listener.settimeout(0.05)  # so that close() is seen at once
        with suppress(OSError):
            while not self._stop.is_set():
                try:
                    connection, _ = self.listener.accept()
                except TimeoutError:
                    continue
                thread = threading.Thread(target=self._hold, args=(connection,), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _hold(self, connection: socket.socket) -> None:
        self.connected.set()
        connection.settimeout(self.drip or 0.05)
        with connection, suppress(OSError):
            if self.drip is not None:
                connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not self._stop.is_set():
                try:
                    if not connection.recv(65536):
                        self.hung_up.set()
                        return
                except TimeoutError:
                    if self.drip is not None:
                        connection.sendall(b"X")
                except ConnectionResetError:
                    self.hung_up.set()
                    return

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(2)
        self.listener.close()
