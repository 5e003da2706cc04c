"""The fidelity ledger: every behaviour the emulator has, each with where it comes from. The one
definition: the docs page and the README's summary are generated from it (a test fails when they
drift), and the behaviour coverage report names its entries."""

from __future__ import annotations

from lsq_mock.catalogue.ledger import calls, data, leads, reads
from lsq_mock.catalogue.ledger.behaviour import Behaviour

LEDGER: tuple[Behaviour, ...] = (
    *calls.BEHAVIOURS,
    *data.BEHAVIOURS,
    *reads.BEHAVIOURS,
    *leads.BEHAVIOURS,
)
"""Every behaviour, grouped by area in the order a reader meets them."""

AREAS = tuple(dict.fromkeys(entry.area for entry in LEDGER))

__all__ = ["AREAS", "LEDGER", "Behaviour"]
