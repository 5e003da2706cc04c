"""The recording proxy's WSGI app: forward each call to the target, write it to the cassette with
the keys replaced, and pass the target's answer back. A write is forwarded only when allowed;
otherwise the recorder answers it itself and the target never sees it.

Plain werkzeug (no Flask): it has no routes, only a path to pass on.
"""

from __future__ import annotations

import itertools
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import certifi
import urllib3
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Request, Response

from lsq_mock.calibrate.cassette import CassetteWriter, encode_body, timestamp
from lsq_mock.calibrate.redact import KeyLeak, KeyRedactor
from lsq_mock.calibrate.target import Target, is_write
from lsq_mock.errors import Forbidden, LSQError, PayloadTooLarge, ServerError

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)
"""Headers that belong to one connection, never passed on (RFC 9110, 7.6.1)."""
NOT_FORWARDED = HOP_BY_HOP | {"host", "content-length", "accept-encoding"}
NOT_RETURNED = HOP_BY_HOP | {"content-length", "content-encoding"}
MAX_BODY_BYTES = 32 * 1024 * 1024
"""The largest request body or answer the recorder holds (each): it keeps both in memory."""
TIMEOUT_SECONDS = 60.0
BAD_GATEWAY = 502


@dataclass
class Recorder:
    """Forwards to `target` and writes each call to `cassette`."""

    target: Target
    cassette: CassetteWriter
    allow_writes: bool = False
    timeout: float = TIMEOUT_SECONDS
    on_entry: Callable[[dict[str, Any]], None] | None = None
    """Told of each line written (the CLI prints one line per call)."""
    trusted_ca: Path | None = None
    """A CA trusted besides the public roots: the local CA, for a stand-in served over https."""
    redactor: KeyRedactor = field(default_factory=KeyRedactor)
    _numbers: Iterator[int] = field(init=False, default_factory=lambda: itertools.count(1))
    _numbers_lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        # The vendor's certificate is checked against the public roots (certifi's: the
        # environment may point SSL_CERT_FILE at lsq-mock's own CA, as its docs tell clients to).
        context = ssl.create_default_context(cafile=certifi.where())
        if self.trusted_ca is not None:
            context.load_verify_locations(self.trusted_ca)
        self._pool = urllib3.PoolManager(ssl_context=context, maxsize=8, block=False)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        request.max_content_length = MAX_BODY_BYTES
        return self.answer(request)(environ, start_response)

    def answer(self, request: Request) -> Response:
        """Forward `request` (or refuse it), write it down, and answer the client."""
        with self._numbers_lock:
            seq = next(self._numbers)
        arrived = datetime.now(UTC)
        path, query = _target_of(request.environ)
        try:
            body = request.get_data(cache=False)
        except RequestEntityTooLarge:
            return _envelope(PayloadTooLarge(MAX_BODY_BYTES))
        headers = [(name, value) for name, value in request.headers.items()]
        self.redactor.learn(query, headers)
        recorded = {
            "method": request.method,
            "host": self.redactor.scrub(request.host),
            "path": self.redactor.scrub(path),
            "query": self.redactor.query(query),
            "headers": self.redactor.headers(
                (n, v) for n, v in headers if n.lower() not in NOT_FORWARDED
            ),
            "body": _scrubbed_body(self.redactor, body),
        }
        line: dict[str, Any] = {"seq": seq, "at": timestamp(arrived), "request": recorded}
        if is_write(request.method, path) and not self.allow_writes:
            refusal = Forbidden(
                f"lsq-mock record: {request.method} {recorded['path']} may change the tenant, "
                "and writes are forwarded only with --allow-writes; nothing was sent to "
                f"{self.target.base_url}"
            )
            self._write({"kind": "refused", **line, "reason": refusal.message})
            return _envelope(refusal)
        started = time.perf_counter()
        try:
            upstream = self._forward(request.method, path, query, headers, body)
        except (urllib3.exceptions.HTTPError, OSError, ValueError) as error:
            failure = ServerError(
                # urllib3's message may quote the URL, keys and all
                f"lsq-mock record: {self.target.base_url} did not answer: "
                + self.redactor.scrub(str(error)),
                status=BAD_GATEWAY,
            )
            elapsed = round((time.perf_counter() - started) * 1000, 3)
            self._write(
                {"kind": "failed", **line, "elapsed_ms": elapsed, "reason": failure.message}
            )
            return _envelope(failure)
        elapsed = round((time.perf_counter() - started) * 1000, 3)
        status, reason, answer_headers, answer = upstream
        returned = [(n, v) for n, v in answer_headers if n.lower() not in NOT_RETURNED]
        self._write(
            {
                "kind": "exchange",
                **line,
                "elapsed_ms": elapsed,
                "response": {
                    "status": status,
                    "reason": reason,
                    "headers": self.redactor.headers(returned),
                    "body": _scrubbed_body(self.redactor, answer, json_text=True),
                },
            }
        )
        response = Response(answer, status=f"{status} {reason}".strip(), headers=returned)
        if not any(name.lower() == "content-type" for name, _ in returned):
            del response.headers["Content-Type"]  # werkzeug's default, which the target sent not
        return response

    def _forward(
        self, method: str, path: str, query: str, headers: Iterable[tuple[str, str]], body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        sent = {n: v for n, v in headers if n.lower() not in NOT_FORWARDED}
        sent["Accept-Encoding"] = "identity"
        url = self.target.base_url + path + (f"?{query}" if query else "")
        upstream = self._pool.urlopen(
            method,
            url,
            body=body or None,
            headers=sent,
            redirect=False,
            retries=False,
            preload_content=False,
            timeout=urllib3.Timeout(total=self.timeout),
        )
        try:
            answer = upstream.read(MAX_BODY_BYTES + 1, decode_content=True)
            if len(answer) > MAX_BODY_BYTES:
                raise ValueError(f"its answer is over {MAX_BODY_BYTES} bytes")
        finally:
            upstream.release_conn()
        return upstream.status, upstream.reason or "", list(upstream.headers.items()), answer

    def _write(self, line: dict[str, Any]) -> None:
        try:
            self.cassette.write(line, check=self.redactor.check_clean)
        except KeyLeak as leak:
            # Unreachable while every text is scrubbed first; the client still gets its answer.
            line = {"kind": "not-written", "seq": line["seq"], "reason": str(leak)}
        if self.on_entry is not None:
            self.on_entry(line)

    def close(self) -> None:
        """Close the connections to the target."""
        self._pool.clear()


def _target_of(environ: dict[str, Any]) -> tuple[str, str]:
    """The path and raw query string as the client sent them (an absolute-form target too)."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if not raw:
        raw = environ.get("PATH_INFO", "/")
        if environ.get("QUERY_STRING"):
            raw += "?" + environ["QUERY_STRING"]
    if not raw.startswith("/"):
        parts = urlsplit(raw)
        raw = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    path, _, query = raw.partition("?")
    return path, query


def _scrubbed_body(
    redactor: KeyRedactor, data: bytes, *, json_text: bool = False
) -> dict[str, str] | None:
    encoded = encode_body(data)
    if encoded is None:
        return None
    if "text" in encoded:
        text = encoded["text"]
        encoded["text"] = redactor.scrub_json_text(text) if json_text else redactor.scrub(text)
        return encoded
    # Not UTF-8: scrubbed byte for byte (keys are ASCII), then written as base64.
    return encode_body(redactor.scrub(data.decode("latin-1")).encode("latin-1"))


def _envelope(error: LSQError) -> Response:
    return Response(error.to_json(), status=error.status, content_type="application/json")
