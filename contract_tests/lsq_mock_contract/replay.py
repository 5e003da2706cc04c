"""The `lsq_mock_replay` fixture: a cassette of `lsq-mock record` as a regression test of the
session's settings (`lsq_mock_settings`) for the tenant it was recorded on.

    def test_the_emulator_answers_as_our_tenant(lsq_mock_replay):
        lsq_mock_replay("tests/cassettes/tenant.jsonl", accept=["max-rows"])

Each call is replayed on a fresh emulator of those settings (seeded from the cassette, or from
`seed=`); any difference not accepted fails the test with the report `lsq-mock verify` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lsq_mock import Settings
    from lsq_mock.calibrate.verify import Verification

Replay = Callable[..., "Verification"]


@pytest.fixture
def lsq_mock_replay(lsq_mock_settings: Settings) -> Replay:
    """`lsq_mock_replay(cassette, *, accept=(), seed=None, compare=())`: replay `cassette` on
    an emulator of the session's settings; fail the test on a difference not in `accept`
    (ledger ids); answer what `lsq-mock verify` found."""

    def replay(
        cassette: str | Path,
        *,
        accept: Iterable[str] = (),
        seed: str | Path | None = None,
        compare: Iterable[str] = (),
    ) -> Verification:
        from lsq_mock.calibrate.compare import COMPARABLE
        from lsq_mock.calibrate.report import report_lines
        from lsq_mock.calibrate.verify import verify
        from lsq_mock.catalogue.ledger import LEDGER
        from lsq_mock.journal.report import printable
        from lsq_mock.resources import seed_path

        accepted, asked = frozenset(accept), frozenset(compare)
        unknown = sorted(accepted - {behaviour.id for behaviour in LEDGER})
        if unknown:
            pytest.fail(f"lsq_mock_replay: accept={unknown} are not ledger ids", pytrace=False)
        if not asked <= set(COMPARABLE):
            pytest.fail(f"lsq_mock_replay: compare takes {COMPARABLE}", pytrace=False)
        found = verify(
            Path(cassette),
            lsq_mock_settings,
            seed=None if seed is None else seed_path(seed),
            asked=asked,
            accept=accepted,
        )
        if not found.passed:
            report = report_lines(found, str(cassette))
            pytest.fail("\n".join(printable(line) for line in report), pytrace=False)
        return found

    return replay
