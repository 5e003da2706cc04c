"""The user lookup (Authentication.svc/UserByAccessKey.Get): the key owner's record, whose
service URLs lead back to the emulator, so a client that builds `https://{api}/v2/` from it
keeps talking to the emulator."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.call import Call
from lsq_mock.catalogue.regions import REGION_API_HOSTS, is_vendor_api_host
from lsq_mock.emulator import Emulator


def user_by_access_key(state: Emulator, call: Call) -> dict[str, Any]:
    """The key owner's record. Asked for under a vendor host (through the proxy), its hosts are
    the region's API host, which the proxy serves; asked for directly, the emulator's own
    host and port, as the client reached it."""
    host = call.request.host
    api = REGION_API_HOSTS[state.settings.region] if is_vendor_api_host(_name(host)) else host
    return state.store.user(api_host=api, app_host=api, tracking_host=api)


def _name(host: str) -> str:
    """The host name of a `Host` value, without its port (`[::1]:8080` is `::1`)."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host
