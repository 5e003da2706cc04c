"""One emulator instance's state, outside HTTP: the Python API the routes and fixtures share."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mockserver.auth import keys_match
from mockserver.boundedlog import BoundedLog
from mockserver.clock import Clock
from mockserver.faults import FaultQueue
from mockserver.ratelimit import SlidingWindowLimiter
from mockserver.resources import load_json
from mockserver.schemaset import SchemaSet, shipped_schemas
from mockserver.settings import Credential, Settings
from mockserver.store import ActivityStore


class Emulator:
    """Settings, clock, store, rate limiter, journal and events of one tenant."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        clock: Clock | None = None,
        schemas: SchemaSet | None = None,
    ):
        self.settings = settings or Settings.from_env()
        self.clock = clock or Clock()
        self.schemas = schemas or shipped_schemas()
        self.journal = BoundedLog(self.settings.journal_limit)
        self.events = BoundedLog(self.settings.journal_limit)
        self.store = ActivityStore(self.schemas, self.clock, on_event=self.record_event)
        self.limiter = SlidingWindowLimiter(self.settings.rate_limit, self.clock)
        self.faults = FaultQueue()
        self._credentials: tuple[Credential, ...] = tuple(self.settings.credentials)
        self._lock = threading.Lock()
        self._initial_seed = read_seed(self.settings.seed)
        if self._initial_seed is not None:
            self.store.load(self._initial_seed)

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """The key pairs accepted now."""
        return self._credentials

    def set_credentials(self, credentials: tuple[Credential, ...]) -> None:
        """Replace the accepted key pairs at run time."""
        if not credentials:
            raise ValueError("at least one key pair is needed")
        with self._lock:
            self._credentials = tuple(credentials)

    def authenticate(self, access_key: str | None, secret_key: str | None) -> bool:
        """Whether this key pair belongs to the tenant."""
        return keys_match(self._credentials, access_key, secret_key)

    def record_event(self, event: dict[str, Any]) -> None:
        """Keep an Activity Update trigger event, as rules and automations would receive it."""
        self.events.append(event)

    def reset(self, *, empty: bool = False) -> None:
        """Back to the state the emulator started with (its seed), or to nothing if `empty`."""
        self.store.clear()
        self.journal.clear()
        self.events.clear()
        self.limiter.reset()
        self.faults.clear()
        if self._initial_seed is not None and not empty:
            self.store.load(self._initial_seed)


def read_seed(seed: Path | Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The seed as data: a file path is read as JSON, a mapping is taken as it is."""
    if seed is None or isinstance(seed, Mapping):
        return seed
    return load_json(Path(seed))
