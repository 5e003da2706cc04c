"""A real emulator on a loopback port, on a clock that moves only when a test says so."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import requests

from lsq_mock import Clock, Emulator, MockServer, Settings, create_app
from support.paths import BULK_UPDATE


class FakeTime:
    """A time source that only moves when told to, and a sleeper that only records."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        """Note a wait the emulator asked for (latency) instead of waiting."""
        self.slept.append(seconds)


@dataclass
class Running:
    """A started server with its emulator, keys and a requests session."""

    server: MockServer
    emulator: Emulator
    fake_time: FakeTime
    http: requests.Session = field(default_factory=requests.Session)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def keys(self) -> dict[str, str]:
        credential = self.emulator.settings.primary
        return {"accessKey": credential.access_key, "secretKey": credential.secret_key}

    def bulk_update(self, rows: Any, **kwargs: Any) -> requests.Response:
        """POST rows to the bulk endpoint with the query-string keys."""
        params = {**self.keys, **kwargs.pop("params", {})}
        return self.http.post(self.url + BULK_UPDATE, params=params, json=rows, **kwargs)


def start_server(settings: Settings) -> tuple[MockServer, Emulator, FakeTime]:
    """Serve a fresh emulator of `settings` on a free loopback port, on a FakeTime clock that
    also stands in for its sleep."""
    fake_time = FakeTime()
    emulator = Emulator(settings, clock=Clock(fake_time), sleep=fake_time.sleep)
    server = MockServer(app=create_app(emulator=emulator)).start()
    return server, emulator, fake_time


@contextmanager
def serving(settings: Settings) -> Iterator[Running]:
    """A fresh emulator of `settings` served on loopback for a `with` block (what `running` is
    for a test module's `settings`, for tests that need a second kind of server)."""
    server, emulator, fake_time = start_server(settings)
    try:
        with requests.Session() as http:
            yield Running(server, emulator, fake_time, http)
    finally:
        server.stop()
