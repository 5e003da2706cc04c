"""The store's lead operations (LeadManagement.svc and the user lookup), each under the store's
one lock and whole or not at all. A mixin of `TenantStore`, kept apart so each file stays small.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Mapping
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.errors import EntityNotFound, MandatoryAttributeMissing
from lsq_mock.tenant.activities import Activities
from lsq_mock.tenant.choices import TenantChoices
from lsq_mock.tenant.leads import Lead, Leads, LeadSaved
from lsq_mock.tenant.leads.answers import UNSET_VALUES, lead_answer, metadata_rows
from lsq_mock.tenant.leads.pairs import read_write
from lsq_mock.tenant.leads.search import quick_search, read_criteria, search
from lsq_mock.tenant.leads.writer import LeadWriter
from lsq_mock.tenant.user import user_record

MISSING_LEAD_ID = "'leadId' is mandatory for updating lead"
"""The vendor's message for Lead.Update without a lead id (seen in public code)."""


class LeadOperations:
    """Lead writes, lookups, search, metadata and the key owner's record, for `TenantStore`."""

    _lock: threading.RLock
    _leads: Leads
    _activities: Activities
    _lead_writer: LeadWriter
    _user: dict[str, Any]
    _choices: Callable[[], TenantChoices]

    # -- writes --------------------------------------------------------------------------------

    def create_lead(self, body: Any) -> LeadSaved:
        """Lead.Create: a new lead from `[{"Attribute", "Value"}]`; its id in `lead_id`."""
        with self._lock:
            return self._lead_writer.create(read_write(body, self._leads.schema))

    def update_lead(self, lead_id: str | None, body: Any) -> LeadSaved:
        """Lead.Update?leadId=: the lead's values from the body (only those sent change)."""
        if not lead_id:
            raise MandatoryAttributeMissing(
                MISSING_LEAD_ID, path="?leadId", rule=rules.MANDATORY_MISSING
            )
        with self._lock:
            return self._lead_writer.update(lead_id, read_write(body, self._leads.schema))

    def create_or_update_lead(self, body: Any) -> LeadSaved:
        """Lead.CreateOrUpdate: update the lead SearchBy (default: email, then phone) finds,
        else create one; `created` says which."""
        with self._lock:
            write = read_write(body, self._leads.schema, finds_lead=True)
            return self._lead_writer.create_or_update(write)

    def capture_lead(self, body: Any, *, update_behavior: str | None = None) -> LeadSaved:
        """Lead.Capture (`?LeadUpdateBehavior=`): update the lead it matches, else create one."""
        with self._lock:
            write = read_write(body, self._leads.schema, finds_lead=True)
            return self._lead_writer.capture(write, update_behavior)

    # -- reads ---------------------------------------------------------------------------------

    def lead_by_id(self, lead_id: str) -> list[dict[str, Any]]:
        """Leads.GetById: `[lead]`, or `[]` for an id the tenant does not hold."""
        with self._lock:
            found = self._leads.get(lead_id)
            return [] if found is None else [self._answer(found)]

    def leads_by_email(self, email: str) -> list[dict[str, Any]]:
        """Leads.GetByEmailaddress: the leads with this email (any letter case), or `[]`."""
        with self._lock:
            return [self._answer(lead) for lead in self._leads.by_email(email)]

    def leads_by_phone(self, phone: str) -> list[dict[str, Any]]:
        """RetrieveLeadByPhoneNumber: the lead whose Phone or Mobile is this number (with or
        without the country code); of several, the one with the most recent activity."""
        with self._lock:
            found = self._leads.by_phone(phone)
            if not found:
                return []
            return [self._answer(max(found, key=self._recency))]

    def quick_search_leads(self, key: str) -> list[dict[str, Any]]:
        """Leads.GetByQuickSearch?key=: leads whose name, email, company or phone holds `key`."""
        with self._lock:
            return [self._answer(lead) for lead in quick_search(self._leads.values(), key)]

    def search_leads(self, body: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Leads.Get: one page of the leads matching the body's Parameter, with its Columns."""
        with self._lock:
            schema = self._leads.schema
            criteria = read_criteria(body, schema)
            page = search(self._leads.values(), criteria, schema)
            return [self._answer(lead, criteria.columns) for lead in page]

    def lead_metadata(self, schema_name: str | None = None) -> list[dict[str, Any]]:
        """LeadsMetaData.Get: every lead field's properties, or one field's (`[]`: none)."""
        with self._lock:
            return metadata_rows(self._leads.schema, schema_name)

    def lead(self, lead_id: str) -> Lead:
        """One lead as stored (every value it holds), or EntityNotFound: for tests and admin."""
        with self._lock:
            found = self._leads.get(lead_id)
            if found is None:
                raise EntityNotFound(f"Lead {lead_id!r} does not exist in the system")
            return copy.deepcopy(found)

    def user(self, *, api_host: str, app_host: str, tracking_host: str) -> dict[str, Any]:
        """UserByAccessKey.Get: the key owner's record, its service URLs naming these hosts."""
        with self._lock:
            return user_record(
                self._user, api_host=api_host, app_host=app_host, tracking_host=tracking_host
            )

    def user_id(self) -> str:
        """The key owner's user id: who created and modified what the API wrote."""
        with self._lock:
            return str(self._user["Id"])

    def _answer(self, lead: Lead, columns: tuple[str, ...] | None = None) -> dict[str, Any]:
        unset = UNSET_VALUES[self._choices().lead_unset_value]
        return lead_answer(lead, self._leads.schema, columns, unset)

    def _recency(self, lead: Lead) -> tuple[str, str]:
        """When the lead's last activity happened, then when it was last modified."""
        activities = self._activities.of_lead(lead["ProspectID"])
        last = max((a["CreatedOn"] for a in activities), default="")
        return last, str(lead.get("ModifiedOn") or "")
