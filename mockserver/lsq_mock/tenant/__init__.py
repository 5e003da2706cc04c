"""The tenant's state, outside HTTP: activity types, leads, activities and the rules for writing.

One module per kind of record (`types`, `leads`, `activities`), the write rules (`rules`, `rows`),
seed checks (`seed`), what operations answer (`results`), and `store`, which holds them under
one lock.
"""

from lsq_mock.tenant.events import ActivityEvent, ActivityListener
from lsq_mock.tenant.paging import DEFAULT_ROW_COUNT
from lsq_mock.tenant.results import ActivityPage, BulkOutcome, Saved, TenantSnapshot
from lsq_mock.tenant.store import TenantStore

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
