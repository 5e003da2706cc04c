"""`lsq-mock verify`: replay a cassette against a fresh emulator and say where it differs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from lsq_mock.cli.params import answer_options, answer_settings
from lsq_mock.resources import DEFAULT_SEED, seed_path

DIFFERENCES_EXIT = 1
ERROR_EXIT = 2


class VerifyError(click.ClickException):
    """A cassette or seed that cannot be used: exit 2, apart from 1 (differences remain)."""

    exit_code = ERROR_EXIT


def _ledger_ids(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> frozenset[str]:
    from lsq_mock.catalogue.ledger import LEDGER

    known = {behaviour.id for behaviour in LEDGER}
    unknown = sorted(set(values) - known)
    if unknown:
        raise click.BadParameter(
            f"{', '.join(unknown)}: not a fidelity ledger id (docs/reference/fidelity.md)"
        )
    return frozenset(values)


@click.command()
@click.argument("cassette", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--seed",
    "seed",
    metavar=f"FILE|{DEFAULT_SEED}",
    help="Seed the emulator from this file instead of what the cassette's answers show.",
)
@answer_options
@click.option(
    "--compare",
    "asked",
    multiple=True,
    type=click.Choice(["messages", "values"]),
    help="Also compare ExceptionMessage texts (messages), or every value (values: ids "
    "translated, timestamps as they are). Repeatable.",
)
@click.option(
    "--accept",
    "accepted",
    multiple=True,
    metavar="LEDGER_ID",
    callback=_ledger_ids,
    help="Acknowledge the differences of this ledger entry (repeatable): listed, never failing.",
)
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write a JUnit XML report (one testcase per recorded call).",
)
@click.option(
    "--ledger-out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Write the tenant's answers as fidelity ledger evidence (JSON) to contribute back.",
)
def verify(
    cassette: Path,
    seed: str | None,
    asked: tuple[str, ...],
    accepted: frozenset[str],
    junit: Path | None,
    ledger_out: Path | None,
    **answers: Any,
) -> None:
    """Replay a cassette on a fresh emulator: each difference, and the settings that remove it.

    Each difference is printed with its fidelity ledger entry. Takes the same setting options as
    `lsq-mock serve`. Exits 0 when every difference is removed or accepted (--accept), 1 while
    any remains, 2 if the cassette or the seed cannot be read.
    """
    from lsq_mock.calibrate.cassette import CassetteError
    from lsq_mock.calibrate.evidence import ledger_evidence
    from lsq_mock.calibrate.report import report_lines, write_junit
    from lsq_mock.calibrate.verify import verify as run_verify
    from lsq_mock.errors import InvalidInput
    from lsq_mock.settings import Settings
    from lsq_mock_contract.report import printable

    settings = Settings(**answer_settings(answers))
    seed_file = None if seed is None else seed_path(seed)
    if seed_file is not None and not seed_file.is_file():
        raise click.BadParameter(f"no such file: {seed_file}", param_hint="--seed")
    try:
        found = run_verify(
            cassette, settings, seed=seed_file, asked=frozenset(asked), accept=accepted
        )
    except (CassetteError, InvalidInput, ValueError) as error:
        raise VerifyError(str(error)) from None
    for line in report_lines(found, str(cassette)):
        click.echo(printable(line))
    if junit is not None:
        write_junit(found, junit, printable)
    if ledger_out is not None:
        evidence = json.dumps(ledger_evidence(found), indent=2, ensure_ascii=False)
        ledger_out.write_text(evidence + "\n", encoding="utf-8")
        click.echo(f"ledger evidence written to {ledger_out}")
    if not found.passed:
        raise SystemExit(DIFFERENCES_EXIT)
