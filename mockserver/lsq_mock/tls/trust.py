"""Where the local CA lives, and how clients are told to trust it and to use the proxy. No
cryptography here: plain-HTTP use of lsq-mock, its CLI and its pytest plugin never load it."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path

from lsq_mock.tls.vendor_hosts import VENDOR_HOST_PATTERN

CA_DIR_ENV = "LSQ_MOCK_CA_DIR"
CERT_FILE = "ca.pem"
"""The CA certificate's file in its directory: the bundle clients are told to trust."""
CA_ENV_VARS = ("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "CURL_CA_BUNDLE")
"""What makes common clients trust the CA: Python requests, OpenSSL-based clients (Python's ssl,
httpx, PHP streams, Ruby), Node.js (added to its own roots), curl."""


class CAError(RuntimeError):
    """The CA directory exists but does not hold a usable lsq-mock CA."""


def default_ca_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """$LSQ_MOCK_CA_DIR, else `$XDG_DATA_HOME/lsq-mock/ca`, else `~/.local/share/lsq-mock/ca`."""
    chosen = environ.get(CA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser()
    data_home = environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "lsq-mock" / "ca"


PROXY_ENV_VARS = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")
"""What makes common clients use a proxy, in both cases: Python, Go, .NET and libcurl read
HTTPS_PROXY or https_proxy for https URLs; Ruby's Net::HTTP (so HTTParty and Faraday) reads only
http_proxy, even for https; libcurl reads HTTP_PROXY only in lowercase."""
NO_PROXY_ENV_VARS = ("NO_PROXY", "no_proxy")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
"""Kept off the proxy: with HTTP_PROXY set, a plain-HTTP call to the emulator's own port (or
any loopback service) would otherwise go to the proxy, which serves only the vendor's hosts."""


def ca_environment(ca_bundle: Path) -> dict[str, str]:
    """The environment variables that make common clients trust `ca_bundle`."""
    return dict.fromkeys(CA_ENV_VARS, str(ca_bundle))


def proxy_environment(proxy_url: str) -> dict[str, str]:
    """The environment variables that send common clients' vendor calls to the proxy at
    `proxy_url`, and keep loopback calls off it."""
    return dict.fromkeys(PROXY_ENV_VARS, proxy_url) | dict.fromkeys(
        NO_PROXY_ENV_VARS, ",".join(LOOPBACK_NAMES)
    )


def export_lines(variables: dict[str, str]) -> list[str]:
    """`export NAME=value` lines for a POSIX shell, values quoted."""
    return [f"export {name}={shlex.quote(value)}" for name, value in variables.items()]


def trust_lines(ca_bundle: Path) -> list[str]:
    """What a banner says about the CA: its file, and the variables that make clients trust it."""
    return [f"CA certificate {ca_bundle}; clients trust it with:"] + [
        f"  {line}" for line in export_lines(ca_environment(ca_bundle))
    ]


def proxy_lines(proxy_url: str) -> list[str]:
    """What a banner says about the proxy: what it serves, and the variables that send clients
    to it."""
    return [f"proxy for {VENDOR_HOST_PATTERN}; clients use it with:"] + [
        f"  {line}" for line in export_lines(proxy_environment(proxy_url))
    ]
