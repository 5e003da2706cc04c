"""The vendor's regions and each one's API host (the Authenticate a User page's table): where a
tenant's calls go, and what UserByAccessKey.Get names as its `api` host."""

from __future__ import annotations

import re

REGION_API_HOSTS: dict[str, str] = {
    "singapore": "api.leadsquared.com",
    "us": "api-us11.leadsquared.com",
    "india-mumbai": "api-in21.leadsquared.com",
    "india-hyderabad": "api-in22.leadsquared.com",
    "ireland": "api-ir31.leadsquared.com",
    "canada": "api-ca12.leadsquared.com",
}
"""Each region's API host; Singapore's is the vendor's default host, the one its pages show."""
DEFAULT_REGION = "singapore"
VENDOR_DOMAIN = "leadsquared.com"
_VENDOR_API_HOST = re.compile(r"api(-[a-z0-9]+)?\.leadsquared\.com")


def is_vendor_api_host(host: str) -> bool:
    """Whether `host` (no port) is the vendor's API host or one of its regional `api-*` hosts."""
    return _VENDOR_API_HOST.fullmatch(host.lower()) is not None
