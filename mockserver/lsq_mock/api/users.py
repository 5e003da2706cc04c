"""The user lookup (Authentication.svc/UserByAccessKey.Get): the key owner's record, whose
service URLs lead back to the emulator, so a client that builds `https://{api}/v2/` from it
keeps talking to the emulator."""

from __future__ import annotations

import re
from typing import Any

from lsq_mock.api.call import Call
from lsq_mock.catalogue.regions import REGION_API_HOSTS, is_vendor_api_host
from lsq_mock.emulator import Emulator

_HOST = re.compile(r"(\[[0-9a-f:.]{2,45}\]|[a-z0-9_]([a-z0-9_.-]{0,252})?)(:[0-9]{1,5})?", re.I)
"""A host name (`_` too, as Docker and GitLab service names have; a trailing dot), an IPv4 or
bracketed IPv6 address, and an optional port: what a Host may be."""
WILDCARD_ANSWERS = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}
"""What a wildcard bind's address is answered as: no client reaches `0.0.0.0`."""


def user_by_access_key(state: Emulator, call: Call) -> dict[str, Any]:
    """The key owner's record. Asked for under a vendor host (through the proxy), its hosts are
    the region's API host, which the proxy serves; asked for directly, the emulator's own
    host and port, as the client reached it."""
    host = _reached_as(call)
    api = REGION_API_HOSTS[state.settings.region] if is_vendor_api_host(_name(host)) else host
    return state.store.user(api_host=api, app_host=api, tracking_host=api)


def _reached_as(call: Call) -> str:
    """The `host[:port]` the client reached, as its Host header says when that is one; else the
    address the server listens on (a Host is the client's to write, and is echoed as a URL)."""
    environ = call.request.environ
    host = str(environ.get("HTTP_HOST", ""))  # as sent: werkzeug's `host` blanks a `_` in it
    if _HOST.fullmatch(host):
        return host
    name, port = str(environ.get("SERVER_NAME", "")), environ.get("SERVER_PORT")
    name = WILDCARD_ANSWERS.get(name, name)
    return f"[{name}]:{port}" if ":" in name else f"{name}:{port}"


def _name(host: str) -> str:
    """The host name of a `Host` value, without its port (`[::1]:8080` is `::1`)."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
