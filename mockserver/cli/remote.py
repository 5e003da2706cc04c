"""Commands that read or reset a running emulator through its /_mock/ API."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lsq_mock.admin_client import AdminClient, AdminError
from lsq_mock.cli.params import token_option, url_option


@click.command("requests")
@url_option
@token_option
@click.option("--violations", is_flag=True, help="Only requests that broke the contract.")
@click.option("--json", "as_json", is_flag=True, help="Print the journal as JSON.")
def show_requests(url: str, admin_token: str | None, violations: bool, as_json: bool) -> None:
    """Print the journal of a running emulator: each request, its answer and what was wrong."""
    from lsq_mock.contract_tests.report import printable

    journal = _admin(url, admin_token, lambda client: client.journal(violations_only=violations))
    if as_json:
        click.echo(json.dumps(journal, indent=2))
        return
    for entry in journal["requests"]:
        head = f"#{entry['seq']} {entry['method']} {entry['path']} -> {entry['status']}"
        click.echo(printable(head))
        for violation in entry["contract"]:
            line = f"    {violation['path']}  [{violation['rule']}]  {violation['message']}"
            click.echo(printable(line))
        if entry.get("contract_omitted"):
            click.echo(f"    ... and {entry['contract_omitted']} more not described")
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
@click.option("--empty", is_flag=True, help="Empty the store instead of restoring the seed.")
def reset(url: str, admin_token: str | None, empty: bool) -> None:
    """Reset a running emulator: seed, journal, events, faults, rate limit, config, clock."""
    answer = _admin(url, admin_token, lambda client: client.reset(empty=empty))
    click.echo(
        f"reset: {answer['ActivityTypes']} activity types, {answer['Activities']} activities"
    )


@click.command()
@url_option
@token_option
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write a JUnit XML report (one testcase per request) to this file.",
)
def check(url: str, admin_token: str | None, junit: Path | None) -> None:
    """Check the requests a running emulator received: print violations, exit 1 if any."""
    from lsq_mock.contract_tests.junit import write_junit
    from lsq_mock.contract_tests.report import format_violations, violating_entries

    journal = _admin(url, admin_token, lambda client: client.journal())
    entries = journal["requests"]
    if junit is not None:
        write_junit(entries, junit)
    if journal["dropped"]:
        click.echo(f"({journal['dropped']} older requests were dropped and not checked)")
    found = violating_entries(entries)
    if found:
        click.echo(format_violations(found, len(entries)))
        raise SystemExit(1)
    click.echo(f"lsq-mock: {len(entries)} request(s), no contract violations")


def _admin(url: str, token: str | None, action: Callable[[AdminClient], Any]) -> Any:
    try:
        return action(AdminClient(url, token=token))
    except AdminError as error:
        raise click.ClickException(str(error)) from None
