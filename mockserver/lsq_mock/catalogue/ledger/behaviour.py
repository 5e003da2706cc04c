"""One entry of the fidelity ledger: a behaviour, and each source it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from lsq_mock.catalogue.sources import Source


@dataclass(frozen=True)
class Behaviour:
    """One behaviour: what the emulator does, and each source it rests on (strongest first)."""

    id: str
    area: str
    does: str
    sources: tuple[Source, ...]

    @property
    def standing(self) -> str:
        """documented, observed, chosen or not emulated: the standing of its first source."""
        return self.sources[0].standing


def behaviour(id: str, area: str, does: str, *sources: Source) -> Behaviour:
    """A ledger entry, written as one call."""
    return Behaviour(id, area, does, sources)
