"""The vendor's regions and each one's API host (the Authenticate a User page's table): where a
tenant's calls go, and what UserByAccessKey.Get names as its `api` host."""

from __future__ import annotations

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
