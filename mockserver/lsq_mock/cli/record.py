"""`lsq-mock record`: a recording proxy in front of a real tenant, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import signal
import threading
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

import click

from lsq_mock.cli.params import ca_dir_option
from lsq_mock.emulator.hosts import is_loopback_host
from lsq_mock.tls.trust import CAError, trust_lines
from lsq_mock.tls.vendor_hosts import VENDOR_HOST_PATTERN


@click.command()
@click.option(
    "--target",
    required=True,
    metavar="URL",
    help=f"The tenant's API host, e.g. https://api-in21.leadsquared.com ({VENDOR_HOST_PATTERN} "
    "over https only), or a loopback address (a stand-in).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="CASSETTE",
    help="The cassette to write (JSON Lines); one that holds anything is refused, unless --append.",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="The base URL's port, which is also the proxy's; 0 picks a free port.",
)
@click.option(
    "--allow-writes",
    is_flag=True,
    help="Forward calls that may change the tenant (without it they are answered 403 here and "
    "never sent).",
)
@click.option("--append", is_flag=True, help="Add to an existing cassette.")
@click.option(
    "--timeout",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds to wait for the target's answer.",
)
@click.option("--quiet", is_flag=True, help="Do not print a line per call.")
@ca_dir_option
def record(
    target: str,
    out: Path,
    host: str,
    port: int,
    allow_writes: bool,
    append: bool,
    timeout: float,
    quiet: bool,
    ca_dir: Path | None,
) -> None:
    """Record a tenant's real traffic, keys removed, to a cassette for `lsq-mock verify`.

    Each call is forwarded to --target and its answer passed back unchanged. Point clients at it
    as at the emulator: its URL as the base URL, or as HTTPS_PROXY with the local CA trusted.
    The access and secret keys are never written, in any form.
    """
    from lsq_mock.calibrate.cassette import CassetteWriter, header_line, is_blank
    from lsq_mock.calibrate.record_server import RecordingServer
    from lsq_mock.calibrate.recorder import Recorder
    from lsq_mock.calibrate.target import TargetRefused, checked_target
    from lsq_mock.serving.server import ServerStartError
    from lsq_mock.tls.ca import local_ca

    try:
        checked = checked_target(target)
    except TargetRefused as error:
        raise click.BadParameter(str(error), param_hint="--target") from None
    if out.exists() and not append and not is_blank(out):
        raise click.BadParameter(
            f"{out} exists: give --append, or another file", param_hint="--out"
        )
    header = header_line(
        checked.base_url, writes_forwarded=allow_writes, version=version("lsq-mock")
    )
    try:
        writer = CassetteWriter(out, header, append=append)
    except (OSError, ValueError) as error:
        raise click.ClickException(f"cannot write {out}: {error}") from None
    counts = {"exchange": 0, "refused": 0, "failed": 0}
    lock = threading.Lock()

    def tell(line: dict[str, Any]) -> None:
        with lock:
            counts[line["kind"]] = counts.get(line["kind"], 0) + 1
        if not quiet:
            click.echo(_call_line(line))

    try:
        # A stand-in served over https (`lsq-mock serve --https`) shows the local CA's certificate.
        stand_in_tls = checked.loopback and checked.scheme == "https"
        recorder = Recorder(
            checked,
            writer,
            allow_writes=allow_writes,
            timeout=timeout,
            on_entry=tell,
            trusted_ca=local_ca(ca_dir).cert_path if stand_in_tls else None,
        )
        server = RecordingServer(recorder, host=host, port=port, ca_dir=ca_dir)
    except (ServerStartError, CAError, OSError) as error:
        writer.close()
        raise click.ClickException(str(error)) from error
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    click.echo(f"lsq-mock record listening on {server.url}")
    click.echo(f"  forwarding every call to {checked.base_url}; writing {out}")
    click.echo(f"  base URL {server.url}")
    click.echo(f"  proxy for {VENDOR_HOST_PATTERN}: export HTTPS_PROXY={server.url}")
    for line in trust_lines(server.ca_bundle) if server.ca_bundle else ():
        click.echo(f"  {line}")
    writes = (
        "writes are forwarded (--allow-writes): they change the tenant"
        if allow_writes
        else "writes are answered 403 here and never sent (--allow-writes forwards them)"
    )
    click.echo(f"  {writes}; Ctrl-C to stop")
    if not is_loopback_host(host):
        click.echo(
            f"warning: {host} is not loopback: anyone who reaches it can call the tenant "
            "through it with keys of their own",
            err=True,
        )
    stop.wait()
    server.stop()
    recorder.close()
    writer.close()
    click.echo(
        f"lsq-mock record stopped: {counts['exchange']} calls recorded, {counts['refused']} "
        f"writes refused, {counts['failed']} unanswered, in {out}"
    )


def _call_line(line: dict[str, Any]) -> str:
    """One line per call: `#3 POST /v2/... -> 200 (41 ms)`."""
    request = line.get("request", {})
    head = f"#{line['seq']} {request.get('method', '')} {request.get('path', '')}"
    if line["kind"] == "exchange":
        return f"{head} -> {line['response']['status']} ({line['elapsed_ms']:.0f} ms)"
    return f"{head} -> {line['kind']}: {line.get('reason', '')}"
