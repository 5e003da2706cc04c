"""A recording made in-process: a stand-in tenant on loopback, the recording proxy in front of it,
and a client's traffic sent through the proxy's base URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import requests

from lsq_mock import Settings
from lsq_mock.calibrate.cassette import CassetteWriter, header_line
from lsq_mock.calibrate.record_server import RecordingServer
from lsq_mock.calibrate.recorder import Recorder
from lsq_mock.calibrate.target import checked_target
from support.paths import BULK_UPDATE, CREATE, DETAILS, RETRIEVE, TYPES
from support.seeded import DEMO, LEAD, VISIT
from support.standin import ACCESS_KEY, SECRET_KEY, SETTINGS, serving_standin

KEYS = {"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}
HEADERS = {"x-LSQ-AccessKey": ACCESS_KEY, "x-LSQ-SecretKey": SECRET_KEY}
UNKNOWN_ACTIVITY = "d4c3b2a1-0000-4000-8000-000000000000"


def record(
    path: Path,
    traffic: Callable[[str, Path], None],
    *,
    settings: Settings = SETTINGS,
    planted: bool = True,
    allow_writes: bool = True,
) -> Path:
    """Record `traffic(url, ca_bundle)` against a stand-in of `settings` into the cassette
    `path`: `url` is the proxy's, as a base URL and as HTTPS_PROXY."""
    with serving_standin(settings, planted=planted) as standin:
        target = checked_target(standin.url)
        header = header_line(target.base_url, writes_forwarded=allow_writes, version="test")
        writer = CassetteWriter(path, header)
        recorder = Recorder(target, writer, allow_writes=allow_writes)
        try:
            with RecordingServer(recorder) as proxy:
                assert proxy.ca_bundle is not None
                traffic(proxy.url, proxy.ca_bundle)
        finally:
            recorder.close()
            writer.close()
    return path


def planted_traffic(url: str, ca_bundle: Path) -> None:
    """A client's traffic to a recording proxy at `url` (the local CA in `ca_bundle`), as a base
    URL and as a proxy, with each planted difference of the stand-in in it: 9 calls."""
    base, http = url, requests.Session()
    # verify= on each call: a session's own is overridden by REQUESTS_CA_BUNDLE (requests#3829).
    through = {"proxies": {"https": url}, "verify": str(ca_bundle)}
    proxied = requests.Session()
    vendor = "https://api-in21.leadsquared.com"
    one_row = [
        {"ProspectActivityId": VISIT, "Fields": [{"SchemaName": "mx_Custom_2", "Value": "3"}]}
    ]
    assert http.get(base + TYPES, params=KEYS, timeout=10).status_code == 200
    details = {"activityId": DEMO}
    assert proxied.get(vendor + DETAILS, params=details, headers=HEADERS, timeout=10, **through).ok
    # The keys in a URL written by hand: `$`, `/` and `=` left literal.
    access = quote(ACCESS_KEY, safe="$/=")
    by_hand = f"{base}{BULK_UPDATE}?accessKey={access}&secretKey={quote(SECRET_KEY)}"
    assert http.post(by_hand, json=one_row, timeout=10).json()["Response"][0]["ActivityUpdated"]
    assert (
        http.post(base + BULK_UPDATE, params=KEYS, json=one_row * 26, timeout=10).status_code == 500
    )
    mixed = [
        *one_row,
        {
            "ProspectActivityId": UNKNOWN_ACTIVITY,
            "Fields": [{"SchemaName": "mx_Custom_1", "Value": "x"}],
        },
    ]
    failed = proxied.post(vendor + BULK_UPDATE, params=KEYS, json=mixed, timeout=10, **through)
    assert failed.status_code == 200
    failed = failed.json()
    assert "ExceptionType" not in failed["Response"][1]
    wrong = {**KEYS, "secretKey": "not-the-tenant-s-secret"}
    assert http.get(base + TYPES, params=wrong, timeout=10).status_code == 401
    assert (
        http.get(base + "/v2/ProspectActivity.svc/Nope", params=KEYS, timeout=10).status_code == 404
    )
    assert http.post(base + RETRIEVE, params={**KEYS, "leadId": LEAD}, json={}, timeout=10).ok
    posted = {
        "RelatedProspectId": LEAD,
        "ActivityEvent": 202,
        "Fields": [{"SchemaName": "mx_Custom_1", "Value": "12"}],
    }
    assert proxied.post(vendor + CREATE, headers=HEADERS, json=posted, timeout=10, **through).ok
