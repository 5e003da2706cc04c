"""`lsq-mock wait`: a CI job's readiness step, which trusts the ready file, never just the port."""

from __future__ import annotations

from pathlib import Path

import click

from lsq_mock.serving.ready import NotReady, wait_until_ready
from lsq_mock.tls.trust import export_lines

DEFAULT_TIMEOUT = 30.0


@click.command()
@click.argument("ready_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--timeout",
    default=DEFAULT_TIMEOUT,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds to wait before failing.",
)
@click.option(
    "--pid",
    type=click.IntRange(1),
    help="The `serve` process started (`$!` in a shell): fail as soon as it exits, and accept "
    "only its ready file.",
)
@click.option(
    "--env",
    "as_env",
    is_flag=True,
    help="Print `export NAME=value` lines for the next commands instead of the URL: base URL, "
    "keys, and the CA and proxy variables when it serves TLS or a proxy.",
)
@click.option(
    "--dotenv",
    is_flag=True,
    help="The same as `NAME=value` lines, unquoted: for $GITHUB_ENV or `docker --env-file`.",
)
def wait(ready_file: Path, timeout: float, pid: int | None, as_env: bool, dotenv: bool) -> None:
    """Wait until the `lsq-mock serve --ready-file READY_FILE` just started is up; print its URL.

    Up means: the file is written, its process runs, and the server at its URL answers
    /_mock/health with the file's instance id, so another server on the same port, or a file
    left by an earlier run, is never taken for it. Exit 1 if not up within --timeout.
    """
    if as_env and dotenv:
        raise click.UsageError("give --env or --dotenv, not both")
    try:
        ready = wait_until_ready(ready_file, timeout=timeout, pid=pid)
    except NotReady as error:
        raise click.ClickException(str(error)) from None
    if as_env:
        click.echo("\n".join(export_lines(ready.environment())))
    elif dotenv:
        click.echo("\n".join(f"{name}={value}" for name, value in ready.environment().items()))
    else:
        click.echo(ready.url)
