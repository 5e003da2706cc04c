"""waitress's server, holding at most so many connections by the rule of every server option
(serving.connections): past the limit a new connection takes the place of the one that has waited
longest for its client, or is answered 503 when every one has a call running. waitress's own
limit stopped accepting instead, so 1,000 idle clients locked everyone out for 130 s. Imported
only with the optional waitress server."""

from __future__ import annotations

import contextlib
import socket
import time
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from lsq_mock.serving.connections import busy_answer


class GatedServer(TcpWSGIServer):  # type: ignore[misc]
    """waitress's TCP server that never stops accepting: it makes room instead."""

    limit = 1000
    """Most connections held (set by the caller)."""
    next_channel_cleanup: float

    def readable(self) -> bool:
        # waitress's own, less the overflow that stopped accepting at its connection limit.
        now = time.time()
        if now >= self.next_channel_cleanup:
            self.next_channel_cleanup = now + self.adj.cleanup_interval
            self.maintenance(now)
        return bool(self.accepting)

    def handle_accept(self) -> None:
        try:
            accepted = self.accept()
            if accepted is None:
                return
            connection, address = accepted
            self.set_socket_options(connection)
        except OSError:  # the client left before it was accepted
            return
        if not self._room_made():
            _refuse(connection, self.limit)
            return
        self.channel_class(self, connection, self.fix_addr(address), self.adj, map=self._map)

    def _room_made(self) -> bool:
        """Whether a connection may be added: under the limit, or once the channel that has
        waited longest for its client (no request queued or running) is closed."""
        channels = [c for c in self._map.values() if isinstance(c, HTTPChannel)]
        if len(channels) < self.limit:
            return True
        waiting = [c for c in channels if not c.requests]
        if not waiting:
            return False
        min(waiting, key=lambda channel: channel.last_activity).handle_close()
        return True


def _refuse(connection: socket.socket, limit: int) -> None:
    with contextlib.suppress(OSError):
        connection.settimeout(1.0)
        connection.sendall(busy_answer(limit))
    connection.close()


def gated_server(
    app: Any, listener: socket.socket, limit: int, dispatcher: Any, **adjustments: Any
) -> Any:
    """A GatedServer of `app` on the bound `listener`, made as waitress's create_server makes
    its server for a socket it is given."""
    from waitress.adjustments import Adjustments

    adj = Adjustments(sockets=[listener], connection_limit=limit, **adjustments)
    sockinfo = (listener.family, listener.type, listener.proto, listener.getsockname())
    server = type("GatedServer", (GatedServer,), {"limit": limit})
    return server(
        app,
        {},
        True,
        listener,
        dispatcher=dispatcher,
        adj=adj,
        bind_socket=False,
        sockinfo=sockinfo,
    )
