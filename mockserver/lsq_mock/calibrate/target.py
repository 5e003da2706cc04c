"""What `lsq-mock record` may forward to, and what it forwards only when writes are allowed.

A target is one of the vendor's API hosts over HTTPS on its port (`tls.vendor_hosts`), or a
loopback address (a stand-in tenant on this machine); nothing else, so a typo or a pasted URL can
never send a tenant's keys to a third party. No HTTP here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lsq_mock.catalogue.endpoints import endpoint_at
from lsq_mock.emulator.hosts import is_loopback_host
from lsq_mock.tls.vendor_hosts import HTTPS_PORT, VENDOR_HOST_PATTERN, is_vendor_api_host

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that read: every other one may change the tenant."""


class TargetRefused(ValueError):
    """The target is not one the recorder forwards to, and why."""


@dataclass(frozen=True)
class Target:
    """Where recorded calls go: `scheme://host:port`, checked."""

    scheme: str
    host: str
    port: int

    @property
    def base_url(self) -> str:
        """`https://api-in21.leadsquared.com` (the port shown only when not the scheme's own)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = {"https": HTTPS_PORT, "http": 80}[self.scheme]
        return f"{self.scheme}://{host}" + ("" if self.port == default else f":{self.port}")

    @property
    def loopback(self) -> bool:
        """Whether it is a stand-in on this machine rather than the vendor."""
        return is_loopback_host(self.host)


def checked_target(url: str) -> Target:
    """The target `url` names, or TargetRefused saying why it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise TargetRefused(f"{url!r} is not a URL: {error}") from None
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise TargetRefused(f"{url!r} is not an http:// or https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(f"{url!r} carries a user name or password: give the host only")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise TargetRefused(
            f"{url!r} has a path or query: give the host only (e.g. https://api.leadsquared.com); "
            "each call keeps its own path"
        )
    default = HTTPS_PORT if parts.scheme == "https" else 80
    target = Target(parts.scheme, host, port or default)
    if target.loopback:
        return target
    if not is_vendor_api_host(host):
        raise TargetRefused(
            f"{host} is not a LeadSquared API host ({VENDOR_HOST_PATTERN}) nor a loopback "
            "address: lsq-mock record forwards a tenant's keys to nothing else"
        )
    if parts.scheme != "https" or target.port != HTTPS_PORT:
        raise TargetRefused(f"the vendor's API is served over https on port {HTTPS_PORT} only")
    return target


def is_write(method: str, path: str) -> bool:
    """Whether a call may change the tenant: any method but a read, unless the endpoint table
    says the endpoint only reads (Retrieve is a POST); an unknown path counts as a write."""
    if method.upper() in READ_METHODS:
        return False
    endpoint = endpoint_at(path)
    return endpoint is None or endpoint.method != method.upper() or not endpoint.read_only
