"""The cassette: what `lsq-mock record` writes and `lsq-mock verify` reads. One JSON object a
line (JSON Lines), UTF-8: a header line, then one line per call as it finished.

    {"format": "lsq-mock-cassette", "version": 1, "target": ..., "recorded_at": ..., ...}
    {"kind": "exchange", "seq": 1, "at": ..., "elapsed_ms": ..., "request": {...},
     "response": {...}}
    {"kind": "refused", "seq": 2, "at": ..., "request": {...}, "reason": ...}
    {"kind": "failed", "seq": 3, "at": ..., "request": {...}, "reason": ...}

docs/calibrate.md describes every key; a reader refuses a version it does not know. No HTTP here.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

FORMAT = "lsq-mock-cassette"
VERSION = 1
KINDS = ("exchange", "refused", "failed")
"""An answered call; a write answered by the recorder itself (never sent); a call the target
never answered (unreachable, timed out)."""


class CassetteError(ValueError):
    """A file that is not a cassette this lsq-mock reads, and where."""


def timestamp(moment: datetime) -> str:
    """An instant as the cassette writes it: ISO 8601 UTC with microseconds and a Z."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_timestamp(text: str) -> datetime:
    """The instant a cassette timestamp names (aware, UTC)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def encode_body(data: bytes) -> dict[str, str] | None:
    """A body as a cassette holds it: `{"text": ...}` if UTF-8, else `{"base64": ...}`."""
    if not data:
        return None
    try:
        return {"text": data.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def decode_body(body: dict[str, str] | None) -> bytes:
    """The bytes of a body as `encode_body` wrote it."""
    if not body:
        return b""
    if "text" in body:
        return body["text"].encode("utf-8")
    return base64.b64decode(body["base64"])


@dataclass(frozen=True)
class Message:
    """A request or an answer as recorded: headers as pairs, body as `encode_body` made it."""

    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """The first value of header `name` (any case), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    @property
    def text(self) -> str:
        """The body as text (undecodable bytes replaced)."""
        return self.body.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Request(Message):
    """A recorded request: its method, path and raw query string (keys as placeholders)."""

    method: str = "GET"
    path: str = "/"
    query: str = ""
    host: str = ""


@dataclass(frozen=True)
class Answer(Message):
    """A recorded answer: status and reason."""

    status: int = 200
    reason: str = ""


@dataclass(frozen=True)
class Entry:
    """One line after the header: a call and what became of it."""

    kind: str
    seq: int
    at: datetime
    request: Request
    response: Answer | None = None
    elapsed_ms: float | None = None
    reason: str | None = None
    line: int = 0
    """Its line in the file, for messages."""


@dataclass(frozen=True)
class Cassette:
    """A cassette read whole: its header and its entries in the order the calls arrived."""

    header: dict[str, Any]
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    @property
    def exchanges(self) -> tuple[Entry, ...]:
        """The calls the target answered, in the order they arrived."""
        return tuple(entry for entry in self.entries if entry.kind == "exchange")

    @property
    def recorded_on(self) -> str:
        """The day the recording started (YYYY-MM-DD)."""
        return str(self.header.get("recorded_at", ""))[:10]


def header_line(target: str, *, writes_forwarded: bool, version: str) -> dict[str, Any]:
    """The cassette's first line."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "target": target,
        "recorded_at": timestamp(datetime.now(UTC)),
        "writes_forwarded": writes_forwarded,
        "lsq_mock": version,
    }


class CassetteWriter:
    """Appends lines to a cassette, one whole line at a time and flushed, from any thread: a
    recording stopped at any moment leaves every finished call readable."""

    def __init__(self, path: Path, header: dict[str, Any], *, append: bool = False):
        self.path = path
        self._lock = threading.Lock()
        if is_blank(path):
            self._file = _open_private(path, "w")  # an empty file made for it (a temp file)
            self._write(header)
        elif append and path.exists():
            read_cassette(path)  # only a cassette this version reads is added to
            self._file = _open_private(path, "a")
        else:
            self._file = _open_private(path, "x")
            self._write(header)

    def write(self, line: dict[str, Any], check: Callable[[str], None] | None = None) -> None:
        """Append one line; `check` sees its text first and may refuse it by raising."""
        with self._lock:
            self._write(line, check)

    def _write(self, line: dict[str, Any], check: Callable[[str], None] | None = None) -> None:
        text = json.dumps(line, ensure_ascii=False, separators=(",", ":"))
        if check is not None:
            check(text)
        self._file.write(text + "\n")
        self._file.flush()

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._file.close()


def is_blank(path: Path) -> bool:
    """Whether `path` is an empty file: written as a new cassette, not refused as one that
    exists."""
    return path.is_file() and path.stat().st_size == 0


_MODES = {"x": os.O_EXCL, "a": os.O_APPEND, "w": os.O_TRUNC}


def _open_private(path: Path, mode: str) -> IO[str]:
    """Open `path` readable by its owner only: a cassette holds the tenant's data."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | _MODES[mode], 0o600)
    os.fchmod(descriptor, 0o600)  # a file that existed keeps its mode otherwise
    return os.fdopen(descriptor, "w", encoding="utf-8")


def read_cassette(path: Path) -> Cassette:
    """The cassette at `path`, or CassetteError naming the line that is wrong."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CassetteError(f"{path}: cannot be read: {error}") from None
    if not lines:
        raise CassetteError(f"{path}: empty, not a cassette")
    header = _json_line(path, 1, lines[0])
    if header.get("format") != FORMAT:
        raise CassetteError(f'{path}:1: not an lsq-mock cassette (no "format": "{FORMAT}")')
    version = header.get("version")
    if version != VERSION:
        raise CassetteError(
            f"{path}:1: cassette version {version!r}; this lsq-mock reads version {VERSION}"
        )
    entries = [
        _entry(path, number, _json_line(path, number, text))
        for number, text in enumerate(lines[1:], start=2)
        if text.strip()
    ]
    entries.sort(key=lambda entry: (entry.at, entry.seq))
    return Cassette(header, tuple(entries))


def _json_line(path: Path, number: int, text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as error:
        raise CassetteError(f"{path}:{number}: not JSON: {error}") from None
    if not isinstance(value, dict):
        raise CassetteError(f"{path}:{number}: not a JSON object")
    return value


def _entry(path: Path, number: int, line: dict[str, Any]) -> Entry:
    try:
        kind = line["kind"]
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        raw_request, raw_response = line["request"], line.get("response")
        request = Request(
            headers=_pairs(raw_request.get("headers", [])),
            body=decode_body(raw_request.get("body")),
            method=str(raw_request["method"]),
            path=str(raw_request["path"]),
            query=str(raw_request.get("query", "")),
            host=str(raw_request.get("host", "")),
        )
        response = None
        if kind == "exchange" and raw_response is not None:
            response = Answer(
                headers=_pairs(raw_response.get("headers", [])),
                body=decode_body(raw_response.get("body")),
                status=int(raw_response["status"]),
                reason=str(raw_response.get("reason", "")),
            )
        return Entry(
            kind=kind,
            seq=int(line["seq"]),
            at=parse_timestamp(line["at"]),
            request=request,
            response=response,
            elapsed_ms=line.get("elapsed_ms"),
            reason=line.get("reason"),
            line=number,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CassetteError(f"{path}:{number}: not a cassette entry: {error!r}") from None


def _pairs(raw: list[Any]) -> tuple[tuple[str, str], ...]:
    return tuple((str(name), str(value)) for name, value in raw)
