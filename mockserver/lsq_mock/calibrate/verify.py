"""`lsq-mock verify` as a function: read a cassette, seed a fresh emulator, replay, compare, find
the settings that remove differences, and set apart the differences the user accepted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lsq_mock.calibrate.cassette import Cassette, Entry, read_cassette
from lsq_mock.calibrate.compare import Difference, Replayed
from lsq_mock.calibrate.ledger_ids import is_over_limit
from lsq_mock.calibrate.replay import replay
from lsq_mock.calibrate.seeding import infer_seed, seed_counts
from lsq_mock.calibrate.suggest import Suggestion, suggest
from lsq_mock.emulator import read_seed
from lsq_mock.ratelimit import RateLimit
from lsq_mock.settings import Settings

NO_LIMIT = RateLimit(0)


@dataclass(frozen=True)
class Verification:
    """What a verify run found."""

    cassette: Cassette
    path: Path
    settings: Settings
    """The settings replayed (seed and limits as used)."""
    seed_origin: str
    """`--seed FILE`, or what was read from the cassette."""
    seed_counts: dict[str, int]
    requested: Settings
    """The settings asked for (their limits as given, before a replay without limits)."""
    answers: tuple[tuple[Entry, Replayed], ...]
    """Each recorded call, with the emulator's answer to it."""
    limits_replayed: bool
    """Whether rate limits were on: only when the cassette shows the tenant's over-limit answer."""
    differences: tuple[Difference, ...]
    accepted_ids: frozenset[str]
    suggestions: tuple[Suggestion, ...]
    left_with_suggestions: tuple[Difference, ...]
    """The differences still there once every suggested setting is applied."""

    @property
    def unaccepted(self) -> tuple[Difference, ...]:
        """The differences that fail the run."""
        return tuple(d for d in self.differences if d.ledger not in self.accepted_ids)

    @property
    def accepted(self) -> tuple[Difference, ...]:
        """The differences the user acknowledged (`--accept LEDGER_ID`)."""
        return tuple(d for d in self.differences if d.ledger in self.accepted_ids)

    @property
    def stale_accepts(self) -> tuple[str, ...]:
        """Accepted ledger ids no difference has any more."""
        seen = {d.ledger for d in self.differences}
        return tuple(sorted(self.accepted_ids - seen))

    @property
    def passed(self) -> bool:
        """True when every difference is accepted."""
        return not self.unaccepted


def shows_over_limit(cassette: Cassette) -> bool:
    """Whether the tenant answered any recorded call with its over-limit envelope."""
    return any(
        entry.response is not None and is_over_limit(entry.response.body)
        for entry in cassette.exchanges
    )


def verify(
    path: Path,
    settings: Settings,
    *,
    seed: Path | None = None,
    asked: frozenset[str] = frozenset(),
    accept: frozenset[str] = frozenset(),
) -> Verification:
    """Verify the emulator of `settings` against the cassette at `path`."""
    cassette = read_cassette(path)
    requested = settings
    data: Any
    if seed is not None:
        data, origin = read_seed(seed), f"--seed {seed}"
    else:
        data, origin = infer_seed(cassette), "read from the cassette"
    settings = replace(settings, seed=data)
    limits = shows_over_limit(cassette)
    if not limits:
        settings = replace(settings, rate_limit=NO_LIMIT, plan=None, bulk_rate_limit=NO_LIMIT)
    run = replay(cassette, settings, asked)

    def attempt(candidate: Settings) -> tuple[Difference, ...]:
        return replay(cassette, candidate, asked).differences

    suggestions, left = suggest(cassette, settings, run.differences, attempt)
    return Verification(
        cassette=cassette,
        path=path,
        settings=settings,
        seed_origin=origin,
        seed_counts=seed_counts(dict(data or {})),
        requested=requested,
        answers=run.answers,
        limits_replayed=limits,
        differences=run.differences,
        accepted_ids=accept,
        suggestions=suggestions,
        left_with_suggestions=left,
    )
