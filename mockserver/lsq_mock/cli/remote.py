"""Commands that read or reset a running emulator through its /_mock/ API."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lsq_mock.admin_client import AdminClient, AdminError
from lsq_mock.cli.params import token_option, trusted_ca_dir_option, url_option
from lsq_mock.coverage.scope import Scope


@click.command("requests")
@url_option
@token_option
@trusted_ca_dir_option
@click.option("--violations", is_flag=True, help="Only requests that broke the contract.")
@click.option("--json", "as_json", is_flag=True, help="Print the journal as JSON.")
def show_requests(
    url: str, admin_token: str | None, ca_dir: Path | None, violations: bool, as_json: bool
) -> None:
    """Print the journal of a running emulator: each request, its answer and what was wrong."""
    from lsq_mock.journal.report import printable

    journal = _admin(
        url, admin_token, ca_dir, lambda client: client.journal(violations_only=violations)
    )
    if as_json:
        click.echo(json.dumps(journal, indent=2))
        return
    for entry in journal["requests"]:
        head = f"#{entry['seq']} {entry['method']} {entry['path']} -> {entry['status']}"
        click.echo(printable(head))
        for violation in entry["contract"]:
            line = f"    {violation['path']}  [{violation['rule']}]  {violation['message']}"
            click.echo(printable(line))
            if violation.get("hint"):
                click.echo(printable(f"      hint: {violation['hint']}"))
        if entry.get("contract_omitted"):
            more = "more than " if entry.get("contract_omitted_capped") else ""
            click.echo(f"    ... and {more}{entry['contract_omitted']} more not described")
    if not journal["requests"]:
        click.echo(
            "no journaled request broke the contract" if violations else "no request journaled"
        )
    if journal["dropped"]:
        byte_limit = journal.get("byte_limit")
        limits = f"{journal['limit']} entries" + (
            f", {byte_limit / 1024**2:g} MiB" if byte_limit else ""
        )
        click.echo(f"({journal['dropped']} older requests dropped; limits {limits})")


@click.command()
@url_option
@token_option
@trusted_ca_dir_option
@click.option("--empty", is_flag=True, help="Empty the store instead of restoring the seed.")
@click.option(
    "--forget-verdicts",
    is_flag=True,
    help="Also forget the verdicts of every call so far, which `check` reads (kept otherwise).",
)
def reset(
    url: str, admin_token: str | None, ca_dir: Path | None, empty: bool, forget_verdicts: bool
) -> None:
    """Reset a running emulator: seed, journal, events, faults, rate limit, config, clock.

    The verdicts of the run's calls, which `check` reads, stay unless --forget-verdicts."""
    answer = _admin(
        url,
        admin_token,
        ca_dir,
        lambda client: client.reset(empty=empty, forget_verdicts=forget_verdicts),
    )
    click.echo(
        f"reset: {answer['ActivityTypes']} activity types, {answer['Activities']} activities"
    )


@click.command()
@url_option
@token_option
@trusted_ca_dir_option
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a JUnit XML report (one testcase per request) to this file.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["contract", "outcome", "all"]),
    default="contract",
    show_default=True,
    help="Which findings fail the run: contract (what the client sent is wrong whatever the "
    "tenant holds), outcome (also a valid request the tenant's data made fail), all (also calls "
    "of vendor APIs lsq-mock does not emulate).",
)
@click.option(
    "--expect",
    "expected",
    multiple=True,
    metavar="RULE",
    help="Accept findings of this rule (a rule id, a prefix of one, or an invalid-payload "
    "kind), as expect_violations does in pytest; repeatable.",
)
def check(
    url: str,
    admin_token: str | None,
    ca_dir: Path | None,
    junit: Path | None,
    fail_on: str,
    expected: tuple[str, ...],
) -> None:
    """Check the requests a running emulator received: print findings, exit 1 if any fails the run.

    Every request since the server started is checked, across resets (`reset
    --forget-verdicts` forgets them). Findings of other kinds than --fail-on's are listed."""
    from lsq_mock.catalogue.rules import resolve
    from lsq_mock.journal.junit import write_junit
    from lsq_mock.journal.report import (
        FAIL_ON,
        SERVED_LIMIT_HINT,
        failing,
        failing_dropped,
        format_dropped,
        format_findings,
        format_listed,
    )

    try:
        accepted = [resolve(name) for name in expected]
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--expect") from None
    answer = _admin(url, admin_token, ca_dir, lambda client: client.verdicts())
    verdicts = [_without(verdict, accepted) for verdict in answer["verdicts"]]
    kinds = FAIL_ON[fail_on]
    lost = failing_dropped(answer.get("dropped_findings", {}), kinds, accepted)
    if junit is not None:
        write_junit(verdicts, junit, kinds, base_url=url, lost=lost)
    if answer["dropped"]:
        click.echo(f"({answer['dropped']} older verdicts were dropped before this check)")
    found = failing(verdicts, kinds)
    listed = failing(verdicts, frozenset(FAIL_ON["all"] - kinds))
    if listed:
        click.echo(format_listed(listed, base_url=url))
    if found:
        click.echo(format_findings(found, len(verdicts), base_url=url))
    if lost:
        click.echo(format_dropped(lost, SERVED_LIMIT_HINT))
    if found or lost:
        raise SystemExit(1)
    click.echo(
        f"lsq-mock: {len(verdicts)} request(s), nothing that fails the run (--fail-on {fail_on})"
    )


def _without(verdict: dict[str, Any], accepted: list[str]) -> dict[str, Any]:
    """`verdict` less the findings of the accepted rules (each a rule id or prefix)."""
    kept = [
        finding
        for finding in verdict["findings"]
        if not any(
            finding["rule"] == rule or finding["rule"].startswith(f"{rule}:") for rule in accepted
        )
    ]
    return {**verdict, "findings": kept}


@click.command()
@url_option
@token_option
@trusted_ca_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the coverage as JSON.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write the report as one self-contained HTML file.",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Exit 1 if less than PCT percent of the behaviours in scope were exercised.",
)
@click.option(
    "--scope",
    type=click.Choice([scope.value for scope in Scope]),
    default=Scope.CALLED.value,
    show_default=True,
    help="Measure over the endpoints the traffic called, or the whole API.",
)
def coverage(
    url: str,
    admin_token: str | None,
    ca_dir: Path | None,
    as_json: bool,
    html_file: Path | None,
    fail_under: float | None,
    scope: str,
) -> None:
    """Print which API behaviours a running emulator's traffic exercised, and how to reach the rest.

    Run it after a client's tests ran against the emulator; it is measured over the endpoints
    they called (--scope api: the whole API), and each behaviour never exercised comes with how
    a test makes it happen."""
    from lsq_mock.coverage import Coverage
    from lsq_mock.coverage.html import render_html
    from lsq_mock.coverage.text import summary_lines, threshold_line

    answer = _admin(url, admin_token, ca_dir, lambda client: client.coverage(scope=scope))
    found = Coverage.from_dict(answer)
    if html_file is not None:
        html_file.write_text(render_html(found, source=url), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(answer, indent=2))
    else:
        for line in summary_lines(found, widen="--scope api"):
            click.echo(line)
    if fail_under is not None:
        click.echo(threshold_line(found, fail_under), err=as_json)
        if not found.reaches(fail_under):
            raise SystemExit(1)


def _admin(
    url: str, token: str | None, ca_dir: Path | None, action: Callable[[AdminClient], Any]
) -> Any:
    try:
        return action(AdminClient(url, token=token, ca_dir=ca_dir))
    except AdminError as error:
        raise click.ClickException(str(error)) from None
