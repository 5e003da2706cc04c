"""The vendor's API host names: which names the local CA's certificate covers and the proxy serves.

One definition for both, so a host the proxy accepts is always one the certificate is valid for.
"""

from __future__ import annotations

from lsq_mock.catalogue.regions import DEFAULT_REGION, REGION_API_HOSTS, VENDOR_DOMAIN
from lsq_mock.catalogue.regions import is_vendor_api_host as is_vendor_api_host

VENDOR_API_HOST = REGION_API_HOSTS[DEFAULT_REGION]
KNOWN_REGIONAL_HOSTS = tuple(host for host in REGION_API_HOSTS.values() if host != VENDOR_API_HOST)
"""The regional API hosts the vendor lists; others match the pattern too."""
VENDOR_HOST_PATTERN = "api.leadsquared.com and api-*.leadsquared.com"
"""How the served names read in messages and docs."""
HTTPS_PORT = 443


def certificate_names() -> tuple[str, ...]:
    """The DNS names of the emulator's certificate: loopback, the vendor's API hosts, a wildcard.

    The wildcard covers regional hosts not listed (a wildcard matches one label: `api-xx1`).
    """
    return ("localhost", VENDOR_API_HOST, *KNOWN_REGIONAL_HOSTS, f"*.{VENDOR_DOMAIN}")
