"""`lsq-mock record` and `lsq-mock verify`: calibrate the emulator to a tenant. record is a
recording proxy in front of the tenant (until Ctrl-C or SIGTERM); verify replays what it recorded
on a fresh emulator and says where it differs, and which settings remove the differences."""

from __future__ import annotations

import json
import signal
import threading
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

import click

from lsq_mock.cli.params import (
    answer_options,
    answer_settings,
    ca_dir_option,
    host_option,
    port_option,
    trust_ca_dir_option,
)
from lsq_mock.emulator.hosts import is_loopback_host
from lsq_mock.resources import DEFAULT_SEED, seed_path
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
@host_option
@port_option("The base URL's port, which is also the proxy's; 0 picks a free port.")
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
@trust_ca_dir_option
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
    trust_ca_dir: bool,
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
            trusted_ca=local_ca(ca_dir, trust=trust_ca_dir).cert_path if stand_in_tls else None,
        )
        server = RecordingServer(
            recorder, host=host, port=port, ca_dir=ca_dir, trust_ca_dir=trust_ca_dir
        )
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
    from lsq_mock.journal.report import printable
    from lsq_mock.settings import Settings

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
