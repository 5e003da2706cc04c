"""Raw HTTP for the provider suite: exact bytes out; status, type and body back, no client magic.

The standard library only (lsq-mock adds no runtime dependency), and no proxy for loopback hosts.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from lsq_mock_contract.target import is_loopback

BULK_PATH = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
"""The endpoint both contract suites exercise."""

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
_DEFAULT = urllib.request.build_opener()
UNPARSED = object()
"""The `json` of an answer whose body is not JSON."""


@dataclass(frozen=True)
class Answer:
    """What the server answered: status, Content-Type, raw body and the body as JSON if it is."""

    status: int
    content_type: str
    raw: bytes
    json: Any

    @property
    def mimetype(self) -> str:
        """The Content-Type without parameters (`application/json`)."""
        return self.content_type.split(";", 1)[0].strip().lower()

    def shown(self, limit: int = 600) -> str:
        """The body for a message: JSON compactly, anything else as (cut) text."""
        if self.json is not UNPARSED:
            text = json.dumps(self.json, separators=(",", ":"))
        else:
            text = repr(self.raw[:limit].decode("utf-8", errors="replace"))
        return text if len(text) <= limit else text[:limit] + "..."


def exchange(
    method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
) -> Answer:
    """Send one request and return the answer, whatever its status."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    opener = _DIRECT if is_loopback(url) else _DEFAULT
    try:
        with opener.open(request, timeout=30) as response:
            return _answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return _answer(error.code, error.headers, error.read())


def _answer(status: int, headers: Any, raw: bytes) -> Answer:
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = UNPARSED
    return Answer(status, headers.get("Content-Type", ""), raw, parsed)
