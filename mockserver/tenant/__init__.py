"""The tenant's state, outside HTTP: activity types, leads, activities and the rules for writing.

One module per kind of record (`types`, `leads`, `activities`), one for the write rules
(`rules`), one for checking seeds (`seed`), and `store`, which holds them under one lock.
"""

from lsq_mock.tenant.events import ActivityEvent, ActivityListener
from lsq_mock.tenant.store import (
    DEFAULT_ROW_COUNT,
    ActivityPage,
    BulkOutcome,
    Saved,
    TenantSnapshot,
    TenantStore,
)

__all__ = [
    "DEFAULT_ROW_COUNT",
    "ActivityEvent",
    "ActivityListener",
    "ActivityPage",
    "BulkOutcome",
    "Saved",
    "TenantSnapshot",
    "TenantStore",
]
