"""Faker-based factories for fake LeadSquared tenants and bulk-update payloads.

Pass any `faker.Faker` (in pytest, Faker's own seeded `faker` fixture); `fake_tenant(seed)` builds
a whole seed file's data from one integer.
"""

from __future__ import annotations

from lsq_mock.factories.batches import valid_batch, valid_row
from lsq_mock.factories.payloads import (
    INVALID_KINDS,
    Expected,
    InvalidPayload,
    invalid_payload,
    invalid_payloads,
)
from lsq_mock.factories.records import activity, fake_tenant, lead, seed_json
from lsq_mock.factories.types import (
    DATA_TYPES,
    activity_type,
    activity_types,
    field_definition,
    field_value,
)

__all__ = [
    "DATA_TYPES",
    "INVALID_KINDS",
    "Expected",
    "InvalidPayload",
    "activity",
    "activity_type",
    "activity_types",
    "fake_tenant",
    "field_definition",
    "field_value",
    "invalid_payload",
    "invalid_payloads",
    "lead",
    "seed_json",
    "valid_batch",
    "valid_row",
]
