"""The tenant's leads by ProspectID, with indexes by email, phone and each unique field, so a
lookup never scans the tenant. Not locked on its own: the store holds its lock around every call.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lsq_mock.digits import ascii_int
from lsq_mock.tenant.leads.schema import DEFAULT_VALUES, LeadSchema
from lsq_mock.tenant.leads.values import phone_key, unique_key

Lead = dict[str, Any]
"""A stored lead: schema name to value (text, or None), every key optional but ProspectID."""
PHONE_FIELDS = ("Phone", "Mobile")
"""The fields the phone lookup searches (the vendor's Get a Lead by Phone Number page)."""
DEFAULT_OWNER = "9f1b0c2e-5a4d-4e7b-8c6a-3d2e1f0a9b8c"
"""The user who owns a lead nobody assigned: the key owner of `tenant.user`'s default record."""


@dataclass(frozen=True)
class LeadsSnapshot:
    """Leads and their fields at one moment, never mutated: what `restore` goes back to."""

    leads: tuple[Lead, ...] = ()
    schema: LeadSchema = field(default_factory=LeadSchema)
    """The lead fields (a schema is never changed once made: a new one replaces it)."""


@dataclass
class _Index:
    """Keys to the ids of the leads holding them, in the order they were added."""

    ids: dict[str, dict[str, None]] = field(default_factory=dict)

    def add(self, key: str | None, lead_id: str) -> None:
        if key is not None:
            self.ids.setdefault(key, {})[lead_id] = None

    def remove(self, key: str | None, lead_id: str) -> None:
        holders = self.ids.get(key) if key is not None else None
        if holders is not None:
            holders.pop(lead_id, None)
            if not holders:
                del self.ids[key]  # type: ignore[arg-type]

    def find(self, key: str | None) -> list[str]:
        return list(self.ids.get(key, ())) if key is not None else []


class Leads:
    """Leads by ProspectID, indexed by email (case-insensitive), phone and unique field."""

    def __init__(self, stamp: Callable[[], str] | None = None) -> None:
        self._stamp = stamp or (lambda: "")
        self.owner_id = DEFAULT_OWNER
        """Who owns, creates and modifies a lead nobody else does: the key owner."""
        self.schema = LeadSchema()
        self._by_id: dict[str, Lead] = {}
        self._by_email = _Index()
        self._by_phone = _Index()
        self._unique: dict[str, _Index] = {}
        self._last_auto_id = 0
        self._reindex()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, prospect_id: object) -> bool:
        return prospect_id in self._by_id

    @property
    def emulated(self) -> bool:
        """Whether the tenant holds leads: only then are lead ids and emails checked."""
        return bool(self._by_id)

    def get(self, prospect_id: str) -> Lead | None:
        """The lead with this ProspectID (as stored, not a copy), or None."""
        return self._by_id.get(prospect_id)

    def values(self) -> Iterator[Lead]:
        """Every lead as stored, in the order added."""
        return iter(self._by_id.values())

    def by_email(self, email: str) -> list[Lead]:
        """The leads with this email address (case-insensitive), oldest first."""
        return [self._by_id[i] for i in self._by_email.find(email.strip().casefold() or None)]

    def by_phone(self, phone: str) -> list[Lead]:
        """The leads whose Phone or Mobile is this number (last ten digits), oldest first."""
        return [self._by_id[i] for i in self._by_phone.find(phone_key(phone))]

    def id_of_email(self, email: str) -> str | None:
        """The ProspectID of the (first) lead with this email address, or None."""
        found = self.by_email(email)
        return found[0]["ProspectID"] if found else None

    def holder(self, name: str, value: Any) -> str | None:
        """The id of the lead holding `value` in unique field `name`, or None."""
        definition = self.schema.field(name)
        index = self._unique.get(name)
        if definition is None or index is None:
            return None
        holders = index.find(unique_key(definition, value))
        return holders[0] if holders else None

    def copies(self) -> list[Lead]:
        """Every lead, in the order added, as copies the caller may keep."""
        return [copy.deepcopy(lead) for lead in self._by_id.values()]

    def completed(self, lead: Lead) -> Lead:
        """`lead` with what the tenant gives every lead it stores: an id, a number, an owner,
        stamps and the default values of a new lead, where `lead` has none."""
        now = self._stamp()
        filled: Lead = {**DEFAULT_VALUES, "OwnerId": self.owner_id}
        filled.update({key: value for key, value in lead.items() if value is not None})
        filled.setdefault("ProspectID", str(uuid.uuid4()))
        if "ProspectAutoId" not in filled:
            filled["ProspectAutoId"] = str(self._last_auto_id + 1)
        filled.setdefault("CreatedBy", filled["OwnerId"])
        filled.setdefault("ModifiedBy", filled["CreatedBy"])
        filled.setdefault("CreatedOn", now)
        filled.setdefault("ModifiedOn", filled["CreatedOn"])
        filled.setdefault("LeadLastModifiedOn", filled["ModifiedOn"])
        return filled

    def add(self, leads: Iterable[Lead]) -> None:
        """Add or replace leads (already checked), completed with what every lead holds."""
        for lead in leads:
            self.put(self.completed(lead))

    def put(self, lead: Lead) -> None:
        """Store `lead` (complete and checked) under its ProspectID, replacing any lead there."""
        previous = self._by_id.get(lead["ProspectID"])
        if previous is not None:
            self._unindex(previous)
        self._by_id[lead["ProspectID"]] = lead
        self._index(lead)
        auto_id = ascii_int(str(lead.get("ProspectAutoId") or ""))
        if auto_id is not None:
            self._last_auto_id = max(self._last_auto_id, auto_id)

    def define(self, schema: LeadSchema) -> None:
        """Use `schema` for the tenant's lead fields, re-indexing the unique ones."""
        self.schema = schema
        self._reindex()

    def _index(self, lead: Lead) -> None:
        lead_id = lead["ProspectID"]
        self._by_email.add(_email_key(lead), lead_id)
        for name in PHONE_FIELDS:
            self._by_phone.add(phone_key(lead.get(name)), lead_id)
        for name, index in self._unique.items():
            definition = self.schema.field(name)
            if definition is not None:
                index.add(unique_key(definition, lead.get(name)), lead_id)

    def _unindex(self, lead: Lead) -> None:
        lead_id = lead["ProspectID"]
        self._by_email.remove(_email_key(lead), lead_id)
        for name in PHONE_FIELDS:
            self._by_phone.remove(phone_key(lead.get(name)), lead_id)
        for name, index in self._unique.items():
            definition = self.schema.field(name)
            if definition is not None:
                index.remove(unique_key(definition, lead.get(name)), lead_id)

    def _reindex(self) -> None:
        self._by_email, self._by_phone = _Index(), _Index()
        self._unique = {name: _Index() for name in self.schema.unique_fields}
        for lead in self._by_id.values():
            self._index(lead)

    def snapshot(self) -> LeadsSnapshot:
        """The leads and lead fields now, copied, for `restore`."""
        return LeadsSnapshot(tuple(copy.deepcopy(list(self._by_id.values()))), self.schema)

    def restore(self, snapshot: LeadsSnapshot) -> None:
        """Go back to `snapshot` (shared: its leads are copied, never mutated here).

        A shallow copy of each lead is enough: a write replaces a lead's values, never changes
        one in place (they are scalars), and this runs on every reset."""
        self.schema = snapshot.schema
        self._by_id, self._last_auto_id = {}, 0
        self._reindex()
        for lead in snapshot.leads:
            self.put(dict(lead))


def _email_key(lead: Lead) -> str | None:
    email = lead.get("EmailAddress")
    return email.strip().casefold() or None if isinstance(email, str) else None
