"""The lead write rules: create, update, create-or-update and capture, each whole or not at all.
No lock here: the tenant's store holds its lock around every call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lsq_mock.catalogue import rules
from lsq_mock.contract.fields import InvalidValue
from lsq_mock.contract.violations import Violation
from lsq_mock.errors import (
    DuplicateLead,
    InvalidData,
    InvalidEntity,
    MandatoryAttributeMissing,
)
from lsq_mock.tenant.leads.pairs import MATCH_KEY, LeadWrite
from lsq_mock.tenant.leads.records import Lead, Leads
from lsq_mock.tenant.leads.values import check_lead_value, unique_key

UPDATE_BEHAVIORS = ("DoNotUpdate", "UpdateOnlyEmptyFields", "DoNotUpdateUniqueFields")
"""Lead.Capture's LeadUpdateBehavior values (its page's list)."""
DUPLICATE_MESSAGES = {
    "EmailAddress": "A Lead with same Email already exists.",
    "Phone": "A Lead with same Phone Number already exists.",
}
"""The vendor's messages, seen live; another unique field is named by its display name."""
UNKNOWN_LEAD = "Lead does not exist in the system"
PHONES = ("Phone", "Mobile")
"""The fields a SearchBy of either finds a lead by (the phone lookup searches both)."""


@dataclass
class LeadSaved:
    """What a lead write did: the lead's id, whether it created it, and notes on tolerated
    values (journaled as contract violations)."""

    lead_id: str
    created: bool
    violations: list[Violation] = field(default_factory=list)


class LeadWriter:
    """Applies lead writes to the tenant's leads, by the rules the vendor's pages give."""

    def __init__(self, leads: Leads, stamp: Callable[[], str]):
        self._leads, self._stamp = leads, stamp

    def create(self, write: LeadWrite) -> LeadSaved:
        """A new lead with the write's values; a duplicate unique value refuses it."""
        self._check_mandatory(write)
        lead = self._leads.completed({**write.values, **_nested_values(write)})
        self._check_unique(lead, None)
        self._leads.put(lead)
        return LeadSaved(lead["ProspectID"], True, write.notes)

    def new_lead(self, values: Mapping[str, Any], path: str) -> Lead:
        """A lead of `values` (lead fields as sent, at `path` in the request), checked by the
        rules of a lead write but not stored: for an activity posted by an email no lead has,
        which creates that lead with the details sent beside it."""
        schema = self._leads.schema
        checked: dict[str, Any] = {}
        for name, value in values.items():
            definition = schema.field(name)
            assert definition is not None  # a caller passes system fields only
            try:
                checked[name] = check_lead_value(definition, value).value
            except InvalidValue as error:
                raise InvalidData(
                    str(error),
                    path=f"{path}.{name}",
                    rule=f"{error.rule}:{definition['DataType']}",
                    hint=error.hint,
                ) from None
        lead = self._leads.completed(checked)
        self._check_unique(lead, None, path)
        return lead

    def update(self, lead_id: str, write: LeadWrite, *, path: str = "?leadId") -> LeadSaved:
        """The lead `lead_id` with the write's values; the logical error if there is none."""
        lead = self._leads.get(lead_id)
        if lead is None:
            raise InvalidEntity(UNKNOWN_LEAD, path=path, rule=rules.UNKNOWN_LEAD)
        return self._apply(lead, write.values, write)

    def create_or_update(self, write: LeadWrite) -> LeadSaved:
        """Update the lead SearchBy (else the email, then the phone) finds, or create one."""
        found = self._found_by(write, write.search_by) if write.search_by else None
        if write.search_by is None:
            found = self._by_email(write) or self._by_phone(write)
        if found is None:
            return self.create(write)
        return self._apply(found, write.values, write)

    def capture(self, write: LeadWrite, behavior: str | None) -> LeadSaved:
        """Capture Leads' matching (ProspectId, then email, then phone; SearchBy first unless
        all three are sent) and its LeadUpdateBehavior for a lead it finds."""
        behavior = _update_behavior(behavior)
        found = self._captured(write)
        if found is None:
            return self.create(write)
        values = write.values
        if behavior == "DoNotUpdate":
            return LeadSaved(found["ProspectID"], False, write.notes)
        if behavior == "UpdateOnlyEmptyFields":
            values = {k: v for k, v in values.items() if found.get(k) in (None, "")}
        elif behavior == "DoNotUpdateUniqueFields":
            values = {k: v for k, v in values.items() if not self._leads.schema.is_unique(k)}
        if not values and not write.nested:
            return LeadSaved(found["ProspectID"], False, write.notes)
        return self._apply(found, values, write)

    def _captured(self, write: LeadWrite) -> Lead | None:
        sent = write.values
        all_keys = write.prospect_id and sent.get("EmailAddress") and sent.get("Phone")
        if write.search_by and not all_keys:
            return self._found_by(write, write.search_by)
        if write.prospect_id is not None:
            by_id = self._leads.get(write.prospect_id)
            if by_id is not None:
                email = sent.get("EmailAddress")
                if email is None or unique_key(_EMAIL, email) == unique_key(
                    _EMAIL, by_id.get("EmailAddress")
                ):
                    return by_id
                return None  # the id's lead has another email: the page creates a new lead
        return self._by_email(write) or self._by_phone(write)

    def _found_by(self, write: LeadWrite, search_by: str) -> Lead | None:
        """The lead whose field `search_by` holds the write's value of it, or None."""
        schema = self._leads.schema
        name = MATCH_KEY if search_by.casefold() == MATCH_KEY.casefold() else None
        name = name or schema.resolve(search_by)
        if name == MATCH_KEY:
            return self._leads.get(write.prospect_id) if write.prospect_id else None
        if name == "EmailAddress":
            return self._by_email(write)
        if name in PHONES:
            return self._by_phone(write, (name, *(other for other in PHONES if other != name)))
        if name is None or not schema.is_unique(name):
            raise InvalidData(
                f"SearchBy {search_by!r} names no field a lead can be found by: use "
                "EmailAddress, Phone, ProspectID or a unique field",
                path="$",
                rule=rules.SEARCH_BY,
            )
        holder = self._leads.holder(name, write.values.get(name))
        return self._leads.get(holder) if holder is not None else None

    def _by_email(self, write: LeadWrite) -> Lead | None:
        email = write.values.get("EmailAddress")
        found = self._leads.by_email(email) if email else []
        return found[0] if found else None

    def _by_phone(self, write: LeadWrite, sent: tuple[str, ...] = ("Phone",)) -> Lead | None:
        """The lead whose Phone or Mobile is the first number the write sends of `sent`: the
        default search takes the Phone sent, not a Mobile (chatwoot: "a duplicate mobile number
        match that the default search missed"); SearchBy Phone takes either."""
        phone = next((write.values[name] for name in sent if write.values.get(name)), None)
        found = self._leads.by_phone(phone) if phone else []
        return found[-1] if found else None

    def _apply(self, lead: Lead, values: dict[str, Any], write: LeadWrite) -> LeadSaved:
        updated = {**lead, **values, **_nested_values(write)}
        updated["ModifiedOn"] = updated["LeadLastModifiedOn"] = self._stamp()
        updated["ModifiedBy"] = self._leads.owner_id
        self._check_unique(updated, lead["ProspectID"])
        self._leads.put(updated)
        return LeadSaved(lead["ProspectID"], False, write.notes)

    def _check_mandatory(self, write: LeadWrite) -> None:
        for definition in self._leads.schema.custom:
            name = definition["SchemaName"]
            if definition.get("IsMandatory") and write.values.get(name) in (None, ""):
                raise MandatoryAttributeMissing(
                    f"{name} is mandatory for a new lead", path="$", rule=rules.MANDATORY_FIELD
                )

    def _check_unique(self, lead: Lead, lead_id: str | None, path: str = "$") -> None:
        """Refuse `lead` if a unique field's value is another lead's (the vendor's message)."""
        schema = self._leads.schema
        for name in schema.unique_fields:
            holder = self._leads.holder(name, lead.get(name))
            if holder is not None and holder != lead_id:
                definition = schema.field(name) or {}
                message = DUPLICATE_MESSAGES.get(
                    name, f"A Lead with same {definition.get('DisplayName', name)} already exists."
                )
                raise DuplicateLead(message, path=path, rule=rules.DUPLICATE_LEAD)


_EMAIL = {"DataType": "Email"}


def _nested_values(write: LeadWrite) -> dict[str, Any]:
    """A custom field set's nested values, kept beside the set's own value (`<set>.Fields`)."""
    return {f"{name}.Fields": values for name, values in write.nested.items()}


def _update_behavior(sent: str | None) -> str | None:
    if sent is None or sent == "":
        return None
    for behavior in UPDATE_BEHAVIORS:
        if sent.casefold() == behavior.casefold():
            return behavior
    raise InvalidData(
        f"LeadUpdateBehavior {sent!r} is not one of {', '.join(UPDATE_BEHAVIORS)}",
        path="?LeadUpdateBehavior",
        rule=rules.UPDATE_BEHAVIOR,
    )
