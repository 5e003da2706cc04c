"""A small client of a running emulator's /_mock/ API, for the CLI and for non-fixture use."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from lsq_mock.api.admin import ADMIN_TOKEN_HEADER
from lsq_mock.api.guard import CLIENT_HEADER
from lsq_mock.tls.trust import CA_DIR_ENV, CERT_FILE, default_ca_dir


class AdminError(RuntimeError):
    """The emulator answered an admin call with an error, or could not be reached."""


class AdminClient:
    """Calls `/_mock/...` on `base_url` (e.g. `http://127.0.0.1:8080`) with the standard library.

    An https URL is trusted with the system's roots plus the local CA of `ca_dir` (default:
    `default_ca_dir()`), the one `lsq-mock serve --https` signs with. Never through a proxy:
    the admin API is the emulator's own port, and the proxy variables exported for clients
    would send the call to lsq-mock's proxy, which serves only the vendor's hosts.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        timeout: float = 10.0,
        ca_dir: Path | None = None,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.ca_dir = ca_dir or default_ca_dir()
        self._tls = _trusting_local_ca(self.base_url, self.ca_dir / CERT_FILE)
        handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({})]
        if self._tls is not None:
            handlers.append(urllib.request.HTTPSHandler(context=self._tls))
        self._opener = urllib.request.build_opener(*handlers)

    def call(self, method: str, path: str, body: Any = None) -> Any:
        """One admin call; the decoded JSON answer, or AdminError with the envelope's message."""
        # The client header marks a call no cross-site form could make (needed by a body-less
        # POST or DELETE; the server refuses state changes without it or a JSON body).
        headers = {"Accept": "application/json", CLIENT_HEADER: "lsq-mock"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers[ADMIN_TOKEN_HEADER] = self.token
        url = f"{self.base_url}/_mock/{path.lstrip('/')}"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return json.loads(answer.read() or b"null")
        except urllib.error.HTTPError as error:
            raise AdminError(f"{method} {url}: {error.code} {_message(error.read())}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            if isinstance(reason, ssl.SSLCertVerificationError):
                raise AdminError(self._untrusted(reason)) from None
            raise AdminError(f"cannot reach the emulator at {self.base_url}: {error}") from None

    def _untrusted(self, error: ssl.SSLCertVerificationError) -> str:
        """What to do when the server's certificate is not from the CA trusted here."""
        ca_cert = self.ca_dir / CERT_FILE
        trusted = (
            f"the local CA in {self.ca_dir} did not sign it"
            if ca_cert.is_file()
            else f"there is no local CA in {self.ca_dir}"
        )
        return (
            f"cannot verify the certificate of {self.base_url} ({error.verify_message}): "
            f"{trusted}. Give the --ca-dir (or ${CA_DIR_ENV}) that `lsq-mock serve --https` "
            "was started with; its banner names the CA certificate, in that directory"
        )

    def health(self) -> dict[str, Any]:
        """`{"status": "ok"}` when the emulator is up."""
        answer: dict[str, Any] = self.call("GET", "health")
        return answer

    def reset(self, *, empty: bool = False, forget_verdicts: bool = False) -> dict[str, Any]:
        """Back to the start state, or an empty store; the run's verdicts stay unless
        `forget_verdicts`."""
        answer: dict[str, Any] = self.call(
            "POST", "reset", {"empty": empty, "forget_verdicts": forget_verdicts}
        )
        return answer

    def journal(self, *, violations_only: bool = False) -> dict[str, Any]:
        """The journal: `{"requests": [...], "dropped": n, "limit": n}`."""
        answer: dict[str, Any] = self.call(
            "GET", "requests?violations=true" if violations_only else "requests"
        )
        return answer

    def verdicts(self) -> dict[str, Any]:
        """Every call's verdict since the start (or since they were last forgotten):
        `{"verdicts": [...], "dropped": n, ...}` (`schemas/verdict.schema.json` each)."""
        answer: dict[str, Any] = self.call("GET", "verdicts")
        return answer

    def coverage(self, *, scope: str = "called") -> dict[str, Any]:
        """Which behaviours the traffic exercised (`schemas/coverage.schema.json`), over the
        endpoints it called or, with `scope="api"`, the whole API."""
        answer: dict[str, Any] = self.call("GET", f"coverage?scope={scope}")
        return answer


def _message(raw: bytes) -> str:
    try:
        return str(json.loads(raw)["ExceptionMessage"])
    except (ValueError, KeyError, TypeError):
        return raw[:200].decode("utf-8", errors="replace")


def _trusting_local_ca(url: str, ca_cert: Path) -> ssl.SSLContext | None:
    """For an https URL, the system's trust plus the local CA's certificate `ca_cert` when it
    exists (an emulator served with --https); never makes the CA. None for plain HTTP."""
    if not url.startswith("https:"):
        return None
    context = ssl.create_default_context()
    if ca_cert.is_file():
        context.load_verify_locations(cafile=ca_cert)
    return context
