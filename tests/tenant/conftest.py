"""Fixtures only: the tenant's store itself (no HTTP), loaded with the shipped seed."""

from __future__ import annotations

import pytest

from lsq_mock import Clock
from lsq_mock.contract.schemaset import shipped_schemas
from lsq_mock.resources import default_seed_path, load_json
from lsq_mock.tenant import TenantStore


@pytest.fixture
def clock() -> Clock:
    """A clock standing at 2027-01-15 08:00:00 UTC until a test advances it."""
    return Clock(lambda: 1_800_000_000.0)


@pytest.fixture
def store(clock: Clock) -> TenantStore:
    """A store holding fixtures/seed-default.json: four leads, their fields and activities."""
    made = TenantStore(shipped_schemas(), clock)
    made.load(load_json(default_seed_path()))
    return made
