"""The recording proxy's port: one port that clients reach both ways they reach the emulator.

- a base URL: `http://127.0.0.1:PORT/v2/...` (origin-form requests);
- a proxy with the local CA: `HTTPS_PROXY=http://127.0.0.1:PORT`, whose `CONNECT` to a vendor
  host opens a TLS tunnel ended here (`tls.proxy`), or an `https://` vendor URL in full.

Every request is handed to the `Recorder`, which forwards it to the one target it was given,
whatever host the client named.
"""

from __future__ import annotations

from pathlib import Path

from lsq_mock.calibrate.recorder import MAX_BODY_BYTES, Recorder
from lsq_mock.tls.proxy import SHOWN_TARGET_CHARS, ProxyHandler, ProxyServer
from lsq_mock.tls.trust import default_ca_dir
from lsq_mock.tls.vendor_hosts import HTTPS_PORT, VENDOR_HOST_PATTERN


class RecordingHandler(ProxyHandler):
    """The proxy's connection handler, which also serves plain requests on its own port."""

    def serves_request(self) -> bool:
        return self.path.startswith("/") or super().serves_request()

    def refusal(self) -> str:
        return (
            f"lsq-mock record: refused {self.command} {self.path[:SHOWN_TARGET_CHARS]}. Send "
            f"calls to this port as a base URL, or through it as a proxy for "
            f"{VENDOR_HOST_PATTERN} on port {HTTPS_PORT}; nothing else is forwarded."
        )

    def send_response(self, code: int, message: str | None = None) -> None:
        """The status line only: the target's own Server and Date headers are passed back, not
        a second pair of this server's."""
        self.log_request(code)
        self.send_response_only(code, message)

    def body_limit(self) -> int:
        """The recorder's body limit: what its own refusals (the envelope, as the emulator's
        servers answer them) name."""
        return MAX_BODY_BYTES


class RecordingServer(ProxyServer):
    """The recorder on a loopback port: `url` is both the base URL and the `HTTPS_PROXY` value;
    `ca_bundle` is the CA clients trust for the proxy's tunnels."""

    handler = RecordingHandler

    def __init__(
        self,
        recorder: Recorder,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        ca_dir: Path | None = None,
        trust_ca_dir: bool = False,
        quiet: bool = True,
    ):
        self.recorder = recorder
        super().__init__(
            recorder,  # type: ignore[arg-type]  # any WSGI app; the emulator's is a Flask one
            host=host,
            port=port,
            ca_dir=ca_dir or default_ca_dir(),
            trust_ca_dir=trust_ca_dir,
            quiet=quiet,
        )

    def _announce_address(self) -> None:
        """Nothing to tell: the recorder has no control plane to guard."""
