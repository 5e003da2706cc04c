"""The disputed answers the tenant's own rules depend on: read from the emulator's run-time
configuration on each call (never pushed into the store), so a change applies at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class TenantChoices(Protocol):
    """What the store asks of the configuration in force (the emulator's RuntimeConfig)."""

    @property
    def unknown_lead_exception(self) -> str:
        """The envelope of a lead the tenant does not hold (`settings.CHOICES`)."""
        ...

    @property
    def lead_unset_value(self) -> str:
        """How an unset lead value reads: "null" or "-"."""
        ...


@dataclass(frozen=True)
class DefaultChoices:
    """The defaults, for a store used on its own (tests, seeds checked offline)."""

    unknown_lead_exception: str = "MXInvalidEntityException"
    lead_unset_value: str = "null"
