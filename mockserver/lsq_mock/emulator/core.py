"""One emulator instance's state, outside HTTP: the Python API the routes and fixtures share."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from lsq_mock.clock import Clock
from lsq_mock.contract.jsonread import check_value, read_json
from lsq_mock.contract.schemaset import SchemaSet, shipped_schemas
from lsq_mock.coverage.tally import CoverageTally
from lsq_mock.emulator.auth import keys_match
from lsq_mock.emulator.faults import FaultQueue
from lsq_mock.emulator.hosts import HostPolicy
from lsq_mock.emulator.runtime import RuntimeConfig, changes_of
from lsq_mock.emulator.webhook import WebhookSender
from lsq_mock.errors import InvalidInput
from lsq_mock.journal.exchange import Exchange
from lsq_mock.journal.log import BoundedLog
from lsq_mock.journal.verdicts import DroppedFindings, Verdict
from lsq_mock.ratelimit import TenantLimiter
from lsq_mock.resources import seed_path
from lsq_mock.settings import Credential, Settings
from lsq_mock.tenant import ActivityEvent, TenantStore
from lsq_mock.tenant.events import event_footprint


class Emulator:
    """Settings, clock, store, rate limiter, journal and events of one tenant.

    `settings` are what it started with and never change; what may change while it runs
    (`configure`, PATCH /_mock/config) is `runtime`, which `reset()` sets back to the settings.
    `sleep` is how latency (a setting or a fault) waits: tests inject one that only records.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        clock: Clock | None = None,
        schemas: SchemaSet | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.settings = settings or Settings.from_env()
        self.instance_id = secrets.token_hex(16)
        """Random, fixed for this emulator's life (resets keep it): what tells a CI job that the
        server answering is the one it started (`/_mock/health`, `serve --ready-file`)."""
        self.clock = clock or Clock()
        self.sleep = sleep
        self.schemas = schemas or shipped_schemas()
        self._lock = threading.RLock()
        self._runtime = RuntimeConfig.from_settings(self.settings)
        limits = self._runtime.journal_limit, self._runtime.journal_bytes
        self.journal = BoundedLog(limits[0], Exchange, byte_limit=limits[1])
        self.dropped_findings = DroppedFindings()
        """The rules broken by verdicts dropped for room, so no check misses them."""
        self.verdicts = BoundedLog(
            limits[0],
            Verdict,
            sequence_key="verdict",
            byte_limit=limits[1],
            on_drop=self.dropped_findings.note,
        )
        """Each call's verdict since the start: kept across resets (see `forget_verdicts`)."""
        self.events = BoundedLog(
            limits[0], ActivityEvent, byte_limit=limits[1], sizer=event_footprint
        )
        self.store = TenantStore(
            self.schemas, self.clock, on_event=self.record_events, choices=lambda: self._runtime
        )
        self.limiter = TenantLimiter(
            self._runtime.rate_limit, self._runtime.bulk_rate_limit, self.clock
        )
        self.faults = FaultQueue()
        self.coverage = CoverageTally(self.verdicts, self.events, self.store.field_data_types)
        """Which behaviours the traffic exercised since the start: kept across resets."""
        self.webhook: WebhookSender | None = _sender(self._runtime.webhook_url)
        self.hosts = HostPolicy(self.settings.allowed_hosts)
        initial_seed = read_seed(self.settings.seed)
        if initial_seed is not None:
            self.store.load(initial_seed)
        self._start_state = self.store.snapshot()

    @property
    def runtime(self) -> RuntimeConfig:
        """The run-time configuration in force now."""
        return self._runtime

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """The key pairs accepted now."""
        return self._runtime.credentials

    def set_credentials(self, credentials: tuple[Credential, ...]) -> None:
        """Replace the accepted key pairs at run time."""
        if not credentials:
            raise ValueError("at least one key pair is needed")
        self._change(lambda now: replace(now, credentials=tuple(credentials)))

    def authenticate(self, access_key: str | None, secret_key: str | None) -> bool:
        """Whether this key pair belongs to the tenant."""
        return keys_match(self._runtime.credentials, access_key, secret_key)

    def record_events(self, events: list[ActivityEvent]) -> None:
        """Keep one write's trigger events, as rules and automations would receive them."""
        first = self.events.extend(events)
        webhook = self.webhook
        if webhook is not None:
            for number, event in enumerate(events, first):
                webhook.send({**event.to_dict(), self.events.sequence_key: number})

    def set_webhook(self, url: str | None) -> None:
        """Deliver future events to `url` (None: keep them only in the event log)."""
        self._change(lambda now: replace(now, webhook_url=url))

    def config(self) -> dict[str, Any]:
        """The run-time configuration, in the shape of `schemas/admin-config.schema.json`."""
        return self._runtime.to_dict()

    def configure(self, patch: Mapping[str, Any]) -> dict[str, Any]:
        """Change any of the run-time settings of `config()`; the patch is checked whole first."""
        check_value(patch)
        problem = self.schemas.first_violation("admin-config", patch, "invalid-config")
        if problem is not None:
            raise InvalidInput.from_violation(problem, "Invalid config!")
        changes = changes_of(patch)
        return self._change(lambda now: replace(now, **changes)).to_dict()

    def _change(self, change: Callable[[RuntimeConfig], RuntimeConfig]) -> RuntimeConfig:
        """Put `change(runtime)` in force whole: the limiter, log limits and webhook follow it."""
        retired: WebhookSender | None = None
        with self._lock:
            before = self._runtime
            after = change(before)
            limits = (after.rate_limit, after.bulk_rate_limit)
            if limits != (before.rate_limit, before.bulk_rate_limit):
                self.limiter.set_limits(*limits)
            log_limits = after.journal_limit, after.journal_bytes
            if log_limits != (before.journal_limit, before.journal_bytes):
                self.journal.resize(*log_limits)
                self.verdicts.resize(*log_limits)
                self.events.resize(*log_limits)
            if after.webhook_url != before.webhook_url:
                retired, self.webhook = self.webhook, _sender(after.webhook_url)
            self._runtime = after
        if retired is not None:
            retired.close()
        return after

    def load(self, seed: Mapping[str, Any]) -> dict[str, int]:
        """Add a seed's types and activities (all or nothing); answer how many of each."""
        return self.store.load(seed)

    def reset(self, *, empty: bool = False, forget_verdicts: bool = False) -> None:
        """Back to the start: the seed (or empty), the settings' run-time values, real time,
        empty journal, events and faults (their numbering goes on, so no number is reused).
        The verdicts stay, unless `forget_verdicts`, and coverage too: both are about the run."""
        self.coverage.catch_up()
        if forget_verdicts:
            self.verdicts.clear()
            self.dropped_findings.clear()
        self._change(lambda _: RuntimeConfig.from_settings(self.settings))
        self.clock.reset()
        self.store.restore(None if empty else self._start_state)
        self.journal.clear()
        self.events.clear()
        self.limiter.reset()
        self.faults.clear()

    def clear_journal(self) -> None:
        """Forget the journal (the verdicts stay)."""
        self.journal.clear()

    def forget_verdicts(self) -> None:
        """Forget every call's verdict so far, once coverage has read them."""
        self.coverage.catch_up()
        self.verdicts.clear()
        self.dropped_findings.clear()


def _sender(url: str | None) -> WebhookSender | None:
    return WebhookSender(url) if url else None


def read_seed(seed: str | Path | Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The seed as data: a file ("default": the shipped one) is read as strict JSON (as the admin
    API reads a seed), a mapping as is."""
    if seed is None or isinstance(seed, Mapping):
        return seed
    path = seed_path(seed)
    try:
        data: Mapping[str, Any] = read_json(path.read_bytes())
        return data
    except InvalidInput as error:
        raise ValueError(f"seed file {path}: {error.message}") from None
