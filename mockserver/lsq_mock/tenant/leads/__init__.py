"""The tenant's leads: one module per kind of record or rule.

`schema` (the lead fields: system, custom, unique), `values` (one value: checked, stored, keyed),
`records` (the leads and their indexes), `pairs` (a write's Attribute/Value body), `writer`
(create, update, create-or-update, capture), `search` (Leads.Get and the quick search) and
`answers` (what reads answer). No lock in any of them: the tenant's store holds its own.
"""

from lsq_mock.tenant.leads.records import Lead, Leads, LeadsSnapshot
from lsq_mock.tenant.leads.schema import LeadSchema
from lsq_mock.tenant.leads.writer import LeadSaved

__all__ = ["Lead", "LeadSaved", "LeadSchema", "Leads", "LeadsSnapshot"]
