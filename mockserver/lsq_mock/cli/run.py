"""`lsq-mock serve`: run the emulator (and its proxy) until Ctrl-C or SIGTERM."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import click
from flask import Flask

from lsq_mock.api.app import create_app, emulator_of
from lsq_mock.api.guard import ALLOWED_HOST_OPTION
from lsq_mock.api.inspector import UI_PATH
from lsq_mock.catalogue.regions import DEFAULT_REGION, REGION_API_HOSTS
from lsq_mock.cli.params import (
    ByteSizeType,
    answer_options,
    answer_settings,
    ca_dir_option,
    host_option,
    port_option,
    trust_ca_dir_option,
)
from lsq_mock.cli.tools import fake_seed_data
from lsq_mock.emulator.hosts import is_loopback_host
from lsq_mock.errors import LSQError
from lsq_mock.resources import DEFAULT_SEED, seed_path
from lsq_mock.serving.memory import release_large_blocks, set_aside_startup_objects
from lsq_mock.serving.ready import remove_ready_file, served_ready, write_ready_file
from lsq_mock.serving.server import ServerStartError, ServingThread
from lsq_mock.serving.wsgi_servers import SERVER_NAMES, make_wsgi_server
from lsq_mock.settings import (
    ACCESS_KEY_ENV,
    ADMIN_TOKEN_ENV,
    DEFAULT_ACCESS_KEY,
    DEFAULT_JOURNAL_BYTES,
    DEFAULT_SECRET_KEY,
    EMPTY_ADMIN_TOKEN,
    SECRET_KEY_ENV,
    Credential,
    Settings,
)
from lsq_mock.tls.trust import CAError, proxy_lines, trust_lines
from lsq_mock.tls.vendor_hosts import VENDOR_HOST_PATTERN


@click.command()
@host_option
@port_option("0 picks a free port.")
@click.option(
    "--seed",
    "seed",
    metavar=f"FILE|{DEFAULT_SEED}",
    help="Seed file of {ActivityTypes, Leads, Activities} (schemas/seed.schema.json); "
    f"'{DEFAULT_SEED}' loads the shipped tenant.",
)
@click.option(
    "--fake",
    "fake_seed",
    type=int,
    metavar="SEED",
    help="Start with a fake tenant generated from SEED (instead of --seed).",
)
@click.option(
    "--activities",
    type=click.IntRange(0),
    help="How many activities the --fake tenant has. [default: 250]",
)
@click.option(
    "--access-key",
    "access_keys",
    multiple=True,
    envvar=ACCESS_KEY_ENV,
    help=f"Accepted access key (repeat for several pairs). [default: {DEFAULT_ACCESS_KEY}]",
)
@click.option(
    "--secret-key",
    "secret_keys",
    multiple=True,
    envvar=SECRET_KEY_ENV,
    help=f"Secret key of the access key at the same position. [default: {DEFAULT_SECRET_KEY}]",
)
@answer_options
@click.option(
    "--region",
    type=click.Choice(tuple(REGION_API_HOSTS)),
    default=DEFAULT_REGION,
    show_default=True,
    help="The tenant's region: UserByAccessKey.Get names its API host through the proxy.",
)
@click.option(
    "--journal-limit",
    default=10_000,
    show_default=True,
    type=click.IntRange(1),
    help="Most journal entries and events kept.",
)
@click.option(
    "--journal-bytes",
    default=f"{DEFAULT_JOURNAL_BYTES // 2**20}MiB",
    show_default=True,
    type=ByteSizeType(),
    help="Most bytes the journal holds, and the event log (each); the oldest go first.",
)
@click.option(
    "--latency",
    default=0.0,
    show_default=True,
    type=click.FloatRange(0),
    help="Seconds added to every API answer.",
)
@click.option("--webhook-url", help="POST each Activity Update event to this URL.")
@click.option(
    "--admin-token",
    envvar=ADMIN_TOKEN_ENV,
    callback=lambda _ctx, _param, value: checked_admin_token(value),
    help="Require this token on /_mock/ calls (off by default; never empty).",
)
@click.option(
    ALLOWED_HOST_OPTION,
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer /_mock/ for this Host name (repeatable), e.g. a container's name.",
)
@click.option("--log-requests", is_flag=True, help="Log one line per request to stderr.")
@click.option(
    "--server",
    "server_name",
    type=click.Choice(SERVER_NAMES),
    default="werkzeug",
    show_default=True,
    help="WSGI server; waitress and granian need pip install 'lsq-mock[NAME]'.",
)
@click.option("--https", is_flag=True, help="Serve TLS with a certificate from the local CA.")
@click.option(
    "--proxy-port",
    type=click.IntRange(0, 65535),
    help=f"Also be an HTTPS proxy on this port for {VENDOR_HOST_PATTERN} only (0: a free port).",
)
@ca_dir_option
@trust_ca_dir_option
@click.option(
    "--ready-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Once listening, write the URL, PID, instance id and keys here (JSON, whole or not at "
    "all) for `lsq-mock wait`; removed on exit.",
)
def serve(
    host: str,
    port: int,
    seed: str | None,
    fake_seed: int | None,
    activities: int | None,
    access_keys: tuple[str, ...],
    secret_keys: tuple[str, ...],
    journal_limit: int,
    journal_bytes: int,
    latency: float,
    webhook_url: str | None,
    admin_token: str | None,
    allowed_hosts: tuple[str, ...],
    log_requests: bool,
    server_name: str,
    https: bool,
    proxy_port: int | None,
    ca_dir: Path | None,
    trust_ca_dir: bool,
    ready_file: Path | None,
    region: str,
    **answers: Any,
) -> None:
    """Run the emulator until Ctrl-C or SIGTERM."""
    if len(access_keys) != len(secret_keys):
        raise click.UsageError("give as many --secret-key as --access-key (they pair up in order)")
    if seed is not None and fake_seed is not None:
        raise click.UsageError("give --seed or --fake, not both")
    if activities is not None and fake_seed is None:
        raise click.UsageError("--activities needs --fake")
    credentials = tuple(Credential(a, s) for a, s in zip(access_keys, secret_keys, strict=True))
    settings = Settings(
        credentials=credentials or Settings().credentials,
        **answer_settings(answers),
        region=region,
        seed=_seed_path(seed)
        if fake_seed is None
        else fake_seed_data(fake_seed, activities=activities),
        journal_limit=journal_limit,
        journal_bytes=journal_bytes,
        latency_seconds=latency,
        webhook_url=webhook_url,
        admin_token=admin_token,
        allowed_hosts=allowed_hosts,
        https=https,
        ca_dir=ca_dir,
        trust_ca_dir=trust_ca_dir,
    )
    release_large_blocks()
    if log_requests and server_name != "werkzeug":
        click.echo(f"note: --log-requests only logs under werkzeug, not {server_name}", err=True)
    try:
        if ready_file is not None:
            ready_file.unlink(missing_ok=True)  # an earlier run's file must not pass for ours
        app = create_app(settings)
        server = make_wsgi_server(
            app, server=server_name, host=host, port=port, quiet=not log_requests
        )
        proxy = None if proxy_port is None else _proxy(app, server, proxy_port, log_requests)
    except (ServerStartError, CAError, LSQError, OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    set_aside_startup_objects()
    server.start()
    if proxy is not None:
        proxy.start()
    counts = emulator_of(app).store.counts()
    click.echo(f"lsq-mock listening on {server.url}")
    click.echo(f"  inspector {server.url_for(UI_PATH)}")
    for credential in settings.credentials:
        click.echo(f"  accessKey={credential.access_key}  secretKey={credential.secret_key}")
    for line in proxy_lines(proxy.url) if proxy is not None else ():
        click.echo(f"  {line}")
    ca_bundle = server.ca_bundle or (proxy.ca_bundle if proxy else None)
    for line in trust_lines(ca_bundle) if ca_bundle else ():
        click.echo(f"  {line}")
    click.echo(
        f"  rate limits {settings.rate_limit} (account), {settings.bulk_rate_limit} (bulk APIs); "
        f"{counts['ActivityTypes']} activity types, {counts['Leads']} leads, "
        f"{counts['Activities']} activities; Ctrl-C to stop"
    )
    if admin_token is None and not is_loopback_host(host):
        click.echo(
            f"warning: {host} is not loopback and the /_mock/ admin API has no token: anyone "
            "who reaches it can read the journal and reset the emulator (--admin-token)",
            err=True,
        )
    unwritten = None if ready_file is None else _write_ready(ready_file, app, server, proxy)
    if unwritten is None:
        stop.wait()
    if proxy is not None:
        proxy.stop()
    server.stop()
    if ready_file is not None:
        remove_ready_file(ready_file, emulator_of(app).instance_id)
    if unwritten is not None:
        raise click.ClickException(unwritten)
    click.echo("lsq-mock stopped")


def _write_ready(
    path: Path, app: Flask, server: ServingThread, proxy: ServingThread | None
) -> str | None:
    """Write the --ready-file of the servers now listening; None, or why it could not be."""
    try:
        write_ready_file(path, served_ready(app, server, proxy))
    except OSError as error:
        return f"cannot write the ready file {path}: {error.strerror or error}"
    return None


def _proxy(app: Flask, server: ServingThread, port: int, log_requests: bool) -> ServingThread:
    """The --proxy-port proxy for `app`; `server` is closed if the proxy cannot start."""
    from lsq_mock.tls.proxy import ProxyServer

    try:
        return ProxyServer(app, host=server.host, port=port, quiet=not log_requests)
    except BaseException:
        server.stop()
        raise


def checked_admin_token(value: str | None) -> str | None:
    """The token as given; an empty or blank one (option or variable) is refused, never read as
    none (click reads an empty variable as unset, so the environment is asked here)."""
    if (value is not None and not value.strip()) or (
        value is None and os.environ.get(ADMIN_TOKEN_ENV) == ""
    ):
        raise click.BadParameter(EMPTY_ADMIN_TOKEN, param_hint="--admin-token")
    return value


def _seed_path(seed: str | None) -> Path | None:
    if seed is None:
        return None
    path = seed_path(seed)
    if not path.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="--seed")
    return path
