"""The tenant's leads: found by ProspectID or by email. Empty means "leads are not emulated".

Not locked on its own: the tenant's store holds its lock around every call.
"""

from __future__ import annotations

import copy
from typing import Any


class Leads:
    """Leads by ProspectID, and an index of their email addresses (case-insensitive)."""

    def __init__(self) -> None:
        self._by_id: dict[str, dict[str, Any]] = {}
        self._by_email: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def emulated(self) -> bool:
        """Whether the tenant holds leads: only then are lead ids and emails checked."""
        return bool(self._by_id)

    def ids(self) -> set[str]:
        """Every lead's ProspectID."""
        return set(self._by_id)

    def get(self, prospect_id: str) -> dict[str, Any] | None:
        """The lead with this ProspectID (as stored, not a copy), or None."""
        return self._by_id.get(prospect_id)

    def id_of_email(self, email: str) -> str | None:
        """The ProspectID of the lead with this email address, or None."""
        return self._by_email.get(email.casefold())

    def copies(self) -> list[dict[str, Any]]:
        """Every lead, in the order added, as copies the caller may keep."""
        return [copy.deepcopy(lead) for lead in self._by_id.values()]

    def add(self, leads: list[dict[str, Any]]) -> None:
        """Add or replace leads (already checked)."""
        for lead in leads:
            previous = self._by_id.get(lead["ProspectID"])
            if previous is not None and previous.get("EmailAddress"):
                self._by_email.pop(previous["EmailAddress"].casefold(), None)
            self._by_id[lead["ProspectID"]] = lead
            if lead.get("EmailAddress"):
                self._by_email[lead["EmailAddress"].casefold()] = lead["ProspectID"]

    def snapshot(self) -> list[dict[str, Any]]:
        """The leads now, copied, for `restore`."""
        return copy.deepcopy(list(self._by_id.values()))

    def restore(self, leads: list[dict[str, Any]]) -> None:
        """Go back to `leads` (a snapshot, shared: never mutated afterwards)."""
        self._by_id, self._by_email = {}, {}
        self.add(leads)
