"""The `lsq-mock` command line: run the emulator, fake tenants, inspect and check clients,
calibrate to a tenant."""

from __future__ import annotations

import click

from lsq_mock.cli.calibrate import record, verify
from lsq_mock.cli.remote import check, coverage, reset, show_requests
from lsq_mock.cli.run import serve
from lsq_mock.cli.tools import ca, conform, fake
from lsq_mock.cli.wait import wait


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lsq-mock")
def main() -> None:
    """lsq-mock: a local emulator of the LeadSquared REST API."""


for command in (
    serve,
    wait,
    fake,
    ca,
    show_requests,
    reset,
    check,
    coverage,
    conform,
    record,
    verify,
):
    main.add_command(command)
