"""Commands that need no running emulator: fake tenants, the local CA, the conformance kit."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from lsq_mock.cli.params import ca_dir_option, trust_ca_dir_option
from lsq_mock.factories import fake_tenant, seed_json
from lsq_mock.tls.trust import CAError, ca_environment, export_lines, proxy_environment


@click.command()
@click.option("--seed", "fake_seed", type=int, required=True, help="Seed of the generator.")
@click.option(
    "--types",
    "activity_types",
    type=click.IntRange(1),
    help="How many activity types the tenant has. [default: 6]",
)
@click.option(
    "--leads",
    type=click.IntRange(1),
    help="How many leads (unique emails and phones) the tenant has. [default: 100]",
)
@click.option(
    "--activities",
    type=click.IntRange(0),
    help="How many activities the tenant has, on its leads. [default: 250]",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (stdout if omitted).",
)
def fake(
    fake_seed: int,
    activity_types: int | None,
    leads: int | None,
    activities: int | None,
    out: Path | None,
) -> None:
    """Write a fake tenant as a seed file for `lsq-mock serve --seed` (same seed, same file).

    The knobs are those of the Python `fake_tenant`."""
    text = seed_json(
        fake_seed_data(fake_seed, activity_types=activity_types, leads=leads, activities=activities)
    )
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@click.command()
@ca_dir_option
@trust_ca_dir_option
@click.option(
    "--env",
    "as_env",
    is_flag=True,
    help="Print `export NAME=value` lines of the variables that make clients trust it instead.",
)
@click.option(
    "--proxy",
    "proxy_url",
    metavar="URL",
    help="With --env: also the variables that send clients to this proxy (serve --proxy-port), "
    "upper- and lowercase, and keep loopback off it.",
)
def ca(ca_dir: Path | None, trust_ca_dir: bool, as_env: bool, proxy_url: str | None) -> None:
    """Print the local CA certificate's path (making the CA if needed), for clients to trust."""
    from lsq_mock.tls.ca import local_ca

    if proxy_url is not None and not as_env:
        raise click.UsageError("--proxy goes with --env")
    try:
        bundle = local_ca(ca_dir, trust=trust_ca_dir).cert_path
    except CAError as error:
        raise click.ClickException(str(error)) from None
    if not as_env:
        click.echo(str(bundle))
        return
    variables = ca_environment(bundle) | (proxy_environment(proxy_url) if proxy_url else {})
    click.echo("\n".join(export_lines(variables)))


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("adapter")
@click.option(
    "--retries-on-5xx", is_flag=True, help="The client retries after a 500 or a dropped connection."
)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def conform(adapter: str, retries_on_5xx: bool, pytest_args: tuple[str, ...]) -> None:
    """Run the client conformance kit on ADAPTER (module:function); exit non-zero on failures.

    Arguments after ADAPTER go to pytest (e.g. -k 429 -x).
    """
    from lsq_mock_contract.conformance import run_conformance

    try:
        code = run_conformance(adapter, retries_on_5xx=retries_on_5xx, pytest_args=pytest_args)
    except (ImportError, AttributeError, ValueError, TypeError) as error:
        raise click.ClickException(f"cannot load the adapter {adapter}: {error}") from None
    raise SystemExit(code)


def fake_seed_data(
    seed: int,
    *,
    activity_types: int | None = None,
    leads: int | None = None,
    activities: int | None = None,
) -> Mapping[str, Any]:
    """The fake tenant of `seed`, with the factory's default for each count not given."""
    counts: dict[str, Any] = {
        "activity_types": activity_types,
        "leads": leads,
        "activities": activities,
    }
    return fake_tenant(seed, **{name: n for name, n in counts.items() if n is not None})
