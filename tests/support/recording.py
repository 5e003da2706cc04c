"""A recording made in-process: a stand-in tenant on loopback, the recording proxy in front of it,
and a client's traffic sent through the proxy's base URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsq_mock import Settings
from lsq_mock.calibrate.cassette import CassetteWriter, header_line
from lsq_mock.calibrate.record_server import RecordingServer
from lsq_mock.calibrate.recorder import Recorder
from lsq_mock.calibrate.target import checked_target
from support.standin import SETTINGS, serving_standin


def record(
    path: Path,
    traffic: Callable[[str], None],
    *,
    settings: Settings = SETTINGS,
    planted: bool = True,
    allow_writes: bool = True,
) -> Path:
    """Record `traffic(base_url)` against a stand-in of `settings` into the cassette `path`."""
    with serving_standin(settings, planted=planted) as standin:
        target = checked_target(standin.url)
        header = header_line(target.base_url, writes_forwarded=allow_writes, version="test")
        writer = CassetteWriter(path, header)
        recorder = Recorder(target, writer, allow_writes=allow_writes)
        try:
            with RecordingServer(recorder) as proxy:
                traffic(proxy.url)
        finally:
            recorder.close()
            writer.close()
    return path
