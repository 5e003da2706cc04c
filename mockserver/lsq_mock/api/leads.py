"""The lead endpoints (LeadManagement.svc): the writes, the lookups, the search and the lead
fields. Each reads its call, asks the tenant's store, and answers the vendor's shape."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.body import checked_body, required_arg
from lsq_mock.api.call import Call
from lsq_mock.emulator import Emulator
from lsq_mock.errors import DuplicateLead, InvalidInput
from lsq_mock.tenant.leads.pairs import EMPTY_WRITE, NOT_A_LIST

LEAD_ID = "leadId"
UPDATE_BEHAVIOR = "LeadUpdateBehavior"
EXCLUDE_OPTIONS = "excludeOptionSets"


def _write_body(state: Emulator, call: Call) -> Any:
    """A lead write's body: a JSON array of {Attribute, Value}, held to the request schemas. An
    object or an empty array is refused in a lead write's words, not an activity batch's."""
    try:
        return checked_body(call, state.schemas, "lead-write-request")
    except InvalidInput as refused:
        if refused.path != "$" or not isinstance(call.body, dict | list):
            raise
        message = NOT_A_LIST if isinstance(call.body, dict) else EMPTY_WRITE
        raise InvalidInput(message, path="$", rule=refused.rule) from None


def _success(message: dict[str, Any]) -> dict[str, Any]:
    return {"Status": "Success", "Message": message}


def create_lead(state: Emulator, call: Call) -> dict[str, Any]:
    """Lead.Create: the new lead's id."""
    saved = state.store.create_lead(_write_body(state, call))
    call.note(saved.violations)
    return _success({"Id": saved.lead_id})


def update_lead(state: Emulator, call: Call) -> dict[str, Any]:
    """Lead.Update?leadId=: only the fields sent change."""
    body = _write_body(state, call)
    saved = state.store.update_lead(call.arg(LEAD_ID), body)
    call.note(saved.violations)
    return _success({"AffectedRows": 1})


def create_or_update_lead(state: Emulator, call: Call) -> dict[str, Any]:
    """Lead.CreateOrUpdate: the lead found (SearchBy, else email, else phone) or created."""
    saved = state.store.create_or_update_lead(_write_body(state, call))
    call.note(saved.violations)
    return _success({"Id": saved.lead_id, "AffectedRows": 1})


def capture_lead(state: Emulator, call: Call) -> dict[str, Any]:
    """Lead.Capture(?LeadUpdateBehavior=): the lead matched (ProspectId, email, phone) or
    created; a duplicate is the envelope, answered 200 under `capture_duplicate_status`."""
    body = _write_body(state, call)
    try:
        saved = state.store.capture_lead(body, update_behavior=call.arg(UPDATE_BEHAVIOR))
    except DuplicateLead as duplicate:
        if state.runtime.capture_duplicate_status != 200:
            raise
        call.error = duplicate  # answered 200, journaled as the finding it is
        return duplicate.to_dict()
    call.note(saved.violations)
    return _success({"Id": saved.lead_id, "RelatedId": None, "IsCreated": saved.created})


def lead_by_id(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """Leads.GetById?id=: [the lead], or []."""
    return state.store.lead_by_id(required_arg(call, "id", "getting a lead by id"))


def leads_by_email(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """Leads.GetByEmailaddress?emailaddress=: the leads with that email, or []."""
    email = required_arg(call, "emailaddress", "getting a lead by email address")
    return state.store.leads_by_email(email)


def lead_by_phone(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """RetrieveLeadByPhoneNumber?phone=: the lead with that Phone or Mobile, or []."""
    return state.store.leads_by_phone(required_arg(call, "phone", "getting a lead by phone"))


def quick_search_leads(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """Leads.GetByQuickSearch?key=: the leads whose name, email, company or phone holds it."""
    return state.store.quick_search_leads(required_arg(call, "key", "searching leads"))


def search_leads(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """Leads.Get: one page of the leads matching the body's criteria, with its columns."""
    body = checked_body(call, state.schemas, "lead-search-request")
    return state.store.search_leads(body)


def lead_metadata(state: Emulator, call: Call) -> list[dict[str, Any]]:
    """LeadsMetaData.Get(?schemaName=): every lead field's properties, or one field's;
    `excludeOptionSets=1` leaves out the dropdown values (the Get Metadata page)."""
    rows = state.store.lead_metadata(call.arg("schemaName") or None)
    if call.arg(EXCLUDE_OPTIONS) == "1":
        for row in rows:
            row.pop("Options", None)
    return rows
