"""Which `Host` headers the control plane answers: a guard against DNS rebinding. No HTTP here.

A web page whose name was rebound to 127.0.0.1 reaches the emulator with its own name in `Host`.
The control plane answers only the address the server was bound to (its loopback names too, for a
loopback bind) and names allowed on purpose; an IP literal cannot be rebound, so a wildcard bind
answers any of them.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterable

from lsq_mock.digits import ascii_int

HTTP_DEFAULT_PORT = 80
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})


def is_loopback_host(host: str) -> bool:
    """Whether `host` (an address or `localhost`) is this machine only: 127.0.0.0/8 or ::1."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def split_host_header(value: str) -> tuple[str, int | None]:
    """(lower-case name, port or None) of a `Host` header: `Example:8080`, `[::1]:80`, `::1`.
    A port that is not ASCII digits (`²`, `٣`, 5,000 digits) is -1, which no server binds."""
    value = value.strip().lower()
    if value.startswith("["):
        name, _, rest = value[1:].partition("]")
        port_text = rest.removeprefix(":") if rest.startswith(":") else ""
    elif value.count(":") == 1:
        name, _, port_text = value.partition(":")
    else:
        name, port_text = value, ""
    if not port_text:
        return name, None
    port = ascii_int(port_text)
    return name, -1 if port is None else port


class HostPolicy:
    """The names a request's `Host` may carry: the bound addresses, and names allowed by option."""

    def __init__(self, allowed: Iterable[str] = ()):
        self.allowed = frozenset(name.strip().lower() for name in allowed if name.strip())
        self._bound: set[tuple[str, int]] = set()
        self._lock = threading.Lock()

    def bind(self, host: str, port: int) -> None:
        """Record that a server listens on `host`:`port` for this emulator (after binding)."""
        with self._lock:
            self._bound.add((host.strip("[]").lower(), port))

    @property
    def bound(self) -> frozenset[tuple[str, int]]:
        """The (host, port) pairs servers of this emulator listen on."""
        with self._lock:
            return frozenset(self._bound)

    def allows(self, host_header: str) -> bool:
        """Whether a request with this `Host` header is one for this server, not a rebound name.

        An allowed name matches at any port. Until a server binds (an app driven by Flask's test
        client, or by a WSGI server that does not say where it listens), only loopback names pass.
        """
        name, port = split_host_header(host_header)
        if name in self.allowed:
            return True
        bound = self.bound
        if not bound:
            return is_loopback_host(name)
        port = HTTP_DEFAULT_PORT if port is None else port
        return any(port == bound_port and _names_address(name, host) for host, bound_port in bound)


def _names_address(name: str, host: str) -> bool:
    """Whether `name` reaches a server bound to `host` without being a name an attacker controls."""
    if host in WILDCARD_HOSTS:
        return name == "localhost" or _is_ip_literal(name)
    if is_loopback_host(host):
        return is_loopback_host(name)
    return name == host
