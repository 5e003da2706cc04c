"""The `lsq-mock` command line: run the emulator, fake tenants, inspect and check clients."""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType
from typing import Any

import click

from lsq_mock.admin_client import AdminClient, AdminError
from lsq_mock.api.guard import ALLOWED_HOST_OPTION
from lsq_mock.api.inspector import UI_PATH
from lsq_mock.app import create_app, emulator_of
from lsq_mock.errors import LSQError
from lsq_mock.factories import fake_tenant, seed_json
from lsq_mock.hosts import is_loopback_host
from lsq_mock.ratelimit import RateLimit
from lsq_mock.resources import default_seed_path
from lsq_mock.server import ServerStartError
from lsq_mock.settings import (
    ACCESS_KEY_ENV,
    DEFAULT_ACCESS_KEY,
    DEFAULT_SECRET_KEY,
    SECRET_KEY_ENV,
    Credential,
    Settings,
)
from lsq_mock.wsgi_servers import SERVER_NAMES, make_wsgi_server


class _RateLimitType(click.ParamType):
    name = "CALLS/SECONDS"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> RateLimit:
        if isinstance(value, RateLimit):
            return value
        try:
            return RateLimit.parse(str(value))
        except ValueError:
            self.fail(f"{value!r} is not CALLS/SECONDS (e.g. 25/5) or 0", param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lsq-mock")
def main() -> None:
    """lsq-mock: a local emulator of the LeadSquared REST API."""


@main.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="0 picks a free port.",
)
@click.option(
    "--seed",
    "seed",
    metavar="FILE|default",
    help="Seed file of {ActivityTypes, Activities}; 'default' loads the shipped tenant.",
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
@click.option(
    "--rate-limit",
    type=_RateLimitType(),
    default="25/5",
    show_default=True,
    help="CALLS/SECONDS, or 0 to disable.",
)
@click.option(
    "--journal-limit",
    default=10_000,
    show_default=True,
    type=click.IntRange(1),
    help="Most journal entries and events kept.",
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
    envvar="LSQ_MOCK_ADMIN_TOKEN",
    help="Require this token on /_mock/ calls (off by default).",
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
    help="WSGI server; waitress is faster and needs pip install 'lsq-mock[waitress]'.",
)
def serve(
    host: str,
    port: int,
    seed: str | None,
    fake_seed: int | None,
    activities: int | None,
    access_keys: tuple[str, ...],
    secret_keys: tuple[str, ...],
    rate_limit: RateLimit,
    journal_limit: int,
    latency: float,
    webhook_url: str | None,
    admin_token: str | None,
    allowed_hosts: tuple[str, ...],
    log_requests: bool,
    server_name: str,
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
        rate_limit=rate_limit,
        seed=_seed_path(seed) if fake_seed is None else _fake(fake_seed, activities),
        journal_limit=journal_limit,
        latency_seconds=latency,
        webhook_url=webhook_url,
        admin_token=admin_token,
        allowed_hosts=allowed_hosts,
    )
    if log_requests and server_name != "werkzeug":
        click.echo(f"note: --log-requests only logs under werkzeug, not {server_name}", err=True)
    try:
        app = create_app(settings)
        server = make_wsgi_server(
            app, server=server_name, host=host, port=port, quiet=not log_requests
        )
    except (ServerStartError, LSQError, OSError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    counts = emulator_of(app).store.counts()
    click.echo(f"lsq-mock listening on {server.url}")
    click.echo(f"  inspector {server.url_for(UI_PATH)}")
    for credential in settings.credentials:
        click.echo(f"  accessKey={credential.access_key}  secretKey={credential.secret_key}")
    click.echo(
        f"  rate limit {rate_limit}; {counts['ActivityTypes']} activity types, "
        f"{counts['Activities']} activities; Ctrl-C to stop"
    )
    if admin_token is None and not is_loopback_host(host):
        click.echo(
            f"warning: {host} is not loopback and the /_mock/ admin API has no token: anyone "
            "who reaches it can read the journal and reset the emulator (--admin-token)",
            err=True,
        )
    stop.wait()
    server.stop()
    click.echo("lsq-mock stopped")


@main.command()
@click.option("--seed", "fake_seed", type=int, required=True, help="Seed of the generator.")
@click.option(
    "--activities",
    type=click.IntRange(0),
    help="How many activities the tenant has. [default: 250]",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File to write (stdout if omitted).",
)
def fake(fake_seed: int, activities: int | None, out: Path | None) -> None:
    """Write a fake tenant as a seed file for `lsq-mock serve --seed` (same seed, same file)."""
    text = seed_json(_fake(fake_seed, activities))
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def _fake(seed: int, activities: int | None) -> Mapping[str, Any]:
    return fake_tenant(seed) if activities is None else fake_tenant(seed, activities=activities)


def _seed_path(seed: str | None) -> Path | None:
    if seed is None:
        return None
    path = default_seed_path() if seed == "default" else Path(seed)
    if not path.is_file():
        raise click.BadParameter(f"no such file: {path}", param_hint="--seed")
    return path


_url_option = click.option(
    "--url",
    default="http://127.0.0.1:8080",
    show_default=True,
    envvar="LSQ_MOCK_URL",
    help="Base URL of a running emulator (env LSQ_MOCK_URL).",
)
_token_option = click.option(
    "--admin-token", envvar="LSQ_MOCK_ADMIN_TOKEN", help="The admin token, if the server has one."
)


@main.command("requests")
@_url_option
@_token_option
@click.option("--violations", is_flag=True, help="Only requests that broke the contract.")
@click.option("--json", "as_json", is_flag=True, help="Print the journal as JSON.")
def show_requests(url: str, admin_token: str | None, violations: bool, as_json: bool) -> None:
    """Print the journal of a running emulator: each request, its answer and what was wrong."""
    journal = _admin(url, admin_token, lambda client: client.journal(violations_only=violations))
    if as_json:
        click.echo(json.dumps(journal, indent=2))
        return
    for entry in journal["requests"]:
        click.echo(f"#{entry['seq']} {entry['method']} {entry['path']} -> {entry['status']}")
        for violation in entry["contract"]:
            click.echo(f"    {violation['path']}  [{violation['rule']}]  {violation['message']}")
    if journal["dropped"]:
        click.echo(f"({journal['dropped']} older requests dropped; limit {journal['limit']})")


@main.command()
@_url_option
@_token_option
@click.option("--empty", is_flag=True, help="Empty the store instead of restoring the seed.")
def reset(url: str, admin_token: str | None, empty: bool) -> None:
    """Reset a running emulator: seed, journal, events, faults, rate limit, config, clock."""
    answer = _admin(url, admin_token, lambda client: client.reset(empty=empty))
    click.echo(
        f"reset: {answer['ActivityTypes']} activity types, {answer['Activities']} activities"
    )


@main.command()
@_url_option
@_token_option
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


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("adapter")
@click.option(
    "--retries-on-5xx", is_flag=True, help="The client retries after a 500 or a dropped connection."
)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def conform(adapter: str, retries_on_5xx: bool, pytest_args: tuple[str, ...]) -> None:
    """Run the client conformance kit on ADAPTER (module:function); exit non-zero on failures.

    Arguments after ADAPTER go to pytest (e.g. -k 429 -x).
    """
    from lsq_mock.contract_tests.conformance import run_conformance

    try:
        code = run_conformance(adapter, retries_on_5xx=retries_on_5xx, pytest_args=pytest_args)
    except (ImportError, AttributeError, ValueError, TypeError) as error:
        raise click.ClickException(f"cannot load the adapter {adapter}: {error}") from None
    raise SystemExit(code)


def _admin(url: str, token: str | None, action: Callable[[AdminClient], Any]) -> Any:
    try:
        return action(AdminClient(url, token=token))
    except AdminError as error:
        raise click.ClickException(str(error)) from None
