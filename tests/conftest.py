"""Shared fixtures: a real emulator on a loopback port, with a clock tests can move."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from lsq_mock import Clock, Emulator, MockServer, Settings, create_app
from lsq_mock.resources import default_seed_path

BULK_UPDATE = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Update"
UNRELATED_PLUGINS = (
    *("-p", "no:hypothesispytest", "-p", "no:benchmark"),
    *("-p", "no:schemathesis", "-p", "no:cacheprovider"),
)
"""Plugins this machine has that inner pytest runs don't need: they cost ~1-2 s a run."""


class FakeTime:
    """A time source that only moves when told to."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


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
    fake_time = FakeTime()
    emulator = Emulator(settings, clock=Clock(fake_time))
    server = MockServer(app=create_app(emulator=emulator)).start()
    return server, emulator, fake_time


@pytest.fixture
def settings() -> Settings:
    """Override in a test module to start the server differently."""
    return Settings(seed=default_seed_path())


@pytest.fixture
def running(settings: Settings) -> Iterator[Running]:
    """A fresh emulator with the shipped seed, served over loopback HTTP, on a fake clock."""
    server, emulator, fake_time = start_server(settings)
    try:
        with requests.Session() as http:
            yield Running(server, emulator, fake_time, http)
    finally:
        server.stop()
