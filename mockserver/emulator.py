"""One emulator instance's state, outside HTTP: the Python API the routes and fixtures share."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lsq_mock.auth import keys_match
from lsq_mock.boundedlog import BoundedLog
from lsq_mock.clock import Clock
from lsq_mock.errors import InvalidInput
from lsq_mock.exchange import Exchange
from lsq_mock.faults import FaultQueue
from lsq_mock.hosts import HostPolicy
from lsq_mock.ratelimit import RateLimit, SlidingWindowLimiter
from lsq_mock.resources import load_json
from lsq_mock.schemaset import SchemaSet, shipped_schemas
from lsq_mock.settings import Credential, Settings
from lsq_mock.tenant import ActivityEvent, TenantStore
from lsq_mock.webhook import WebhookSender


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
        self.journal = BoundedLog(self.settings.journal_limit, Exchange)
        self.events = BoundedLog(self.settings.journal_limit, ActivityEvent)
        self.store = TenantStore(self.schemas, self.clock, on_event=self.record_events)
        self.limiter = SlidingWindowLimiter(self.settings.rate_limit, self.clock)
        self.faults = FaultQueue()
        self.hosts = HostPolicy(self.settings.allowed_hosts)
        self._credentials: tuple[Credential, ...] = tuple(self.settings.credentials)
        self._lock = threading.Lock()
        self.webhook: WebhookSender | None = None
        self.set_webhook(self.settings.webhook_url)
        initial_seed = read_seed(self.settings.seed)
        if initial_seed is not None:
            self.store.load(initial_seed)
        self._start_state = self.store.snapshot()
        self._start_config = self.config()

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

    def record_events(self, events: list[ActivityEvent]) -> None:
        """Keep one write's trigger events, as rules and automations would receive them."""
        first = self.events.extend(events)
        webhook = self.webhook
        if webhook is not None:
            for number, event in enumerate(events, first):
                webhook.send({**event.to_dict(), self.events.sequence_key: number})

    def set_webhook(self, url: str | None) -> None:
        """Deliver future events to `url` (None: keep them only in the event log)."""
        with self._lock:
            previous, self.webhook = self.webhook, WebhookSender(url) if url else None
            self.settings.webhook_url = url
        if previous is not None:
            previous.close()

    def config(self) -> dict[str, Any]:
        """The run-time configuration, in the shape of `schemas/admin-config.schema.json`."""
        limit = self.limiter.limit
        return {
            "rate_limit": {"calls": limit.calls, "seconds": limit.seconds},
            "credentials": [
                {"access_key": c.access_key, "secret_key": c.secret_key} for c in self._credentials
            ],
            "latency_seconds": self.settings.latency_seconds,
            "journal_limit": self.journal.limit,
            "webhook_url": self.settings.webhook_url,
        }

    def configure(self, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Change any of the run-time settings of `config()`; the patch is checked whole first."""
        problem = self.schemas.first_violation("admin-config", patch, "invalid-config")
        if problem is not None:
            raise InvalidInput.from_violation(problem, "Invalid config!")
        if "rate_limit" in patch:
            limit = patch["rate_limit"]
            self.limiter.set_limit(RateLimit(int(limit["calls"]), float(limit["seconds"])))
            self.settings.rate_limit = self.limiter.limit
        if "credentials" in patch:
            self.set_credentials(tuple(Credential(**pair) for pair in patch["credentials"]))
            self.settings.credentials = self._credentials
        if "latency_seconds" in patch:
            self.settings.latency_seconds = float(patch["latency_seconds"])
        if "journal_limit" in patch:
            journal_limit = int(patch["journal_limit"])  # JSON Schema counts 5.0 as an integer
            self.journal.resize(journal_limit)
            self.events.resize(journal_limit)
            self.settings.journal_limit = journal_limit
        if "webhook_url" in patch and patch["webhook_url"] != self.settings.webhook_url:
            self.set_webhook(patch["webhook_url"])
        return self.config()

    def load(self, seed: Mapping[str, Any]) -> dict[str, int]:
        """Add a seed's types and activities (all or nothing); answer how many of each."""
        return self.store.load(seed)

    def reset(self, *, empty: bool = False) -> None:
        """Back to the state the emulator started with (seed, config, real time), or empty."""
        self.configure(self._start_config)
        self.clock.reset()
        self.store.restore(None if empty else self._start_state)
        self.journal.clear()
        self.events.clear()
        self.limiter.reset()
        self.faults.clear()


def read_seed(seed: Path | Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The seed as data: a file path is read as JSON, a mapping is taken as it is."""
    if seed is None or isinstance(seed, Mapping):
        return seed
    return load_json(Path(seed))
