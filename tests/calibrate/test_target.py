"""What `lsq-mock record` forwards to (the vendor's API hosts over https, or loopback) and what
it forwards only with --allow-writes."""

from __future__ import annotations

import pytest

from lsq_mock.calibrate.target import TargetRefused, checked_target, is_write
from lsq_mock.catalogue.endpoints import ENDPOINTS
from support.paths import BULK_ADD, BULK_UPDATE, CREATE, CREATE_TYPE, DETAILS, RETRIEVE, TYPES


@pytest.mark.parametrize(
    ("url", "base"),
    [
        ("https://api.leadsquared.com", "https://api.leadsquared.com"),
        ("https://API-IN21.leadsquared.com/", "https://api-in21.leadsquared.com"),
        ("https://api-xx9.leadsquared.com:443", "https://api-xx9.leadsquared.com"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://localhost:9", "http://localhost:9"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("http://127.0.0.2", "http://127.0.0.2"),
    ],
)
def test_vendor_hosts_and_loopback_are_targets(url: str, base: str) -> None:
    assert checked_target(url).base_url == base


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com",
        "https://api.leadsquared.com.evil.test",
        "https://leadsquared.com",
        "https://app.leadsquared.com",
        "http://api.leadsquared.com",
        "https://api.leadsquared.com:8443",
        "https://user:pass@api.leadsquared.com",
        "https://api.leadsquared.com/v2",
        "https://api.leadsquared.com/?x=1",
        "ftp://127.0.0.1",
        "127.0.0.1:8080",
        "http://10.0.0.1",
        "http://[::1",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    with pytest.raises(TargetRefused):
        checked_target(url)


@pytest.mark.parametrize(
    ("method", "path", "writes"),
    [
        ("GET", TYPES, False),
        ("GET", DETAILS, False),
        ("HEAD", "/v2/Anything", False),
        ("POST", RETRIEVE, False),
        ("POST", BULK_UPDATE, True),
        ("POST", BULK_ADD, True),
        ("POST", CREATE, True),
        ("POST", CREATE_TYPE, True),
        ("GET", "/v2/LeadManagement.svc/Leads.GetById", False),
        ("POST", "/v2/LeadManagement.svc/Lead.Update", True),
        ("DELETE", TYPES, True),
        ("PUT", RETRIEVE, True),
    ],
)
def test_a_write_is_any_call_but_a_read(method: str, path: str, writes: bool) -> None:
    assert is_write(method, path) is writes


def test_every_endpoint_that_only_reads_is_marked_so() -> None:
    posted_reads = {e.id for e in ENDPOINTS if e.method == "POST" and e.read_only}
    assert posted_reads == {
        "retrieve",
        "retrieve-by-event",
        "retrieve-recently-modified",
        "lead-search",
    }
    assert all(endpoint.read_only for endpoint in ENDPOINTS if endpoint.method == "GET")
