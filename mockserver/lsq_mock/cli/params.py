"""What several commands share: parameter types and the options that point at an emulator."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from lsq_mock.ratelimit import RateLimit
from lsq_mock.settings import ADMIN_TOKEN_ENV, CHOICE_HELP, CHOICES, URL_ENV
from lsq_mock.tls.trust import CA_DIR_ENV


class RateLimitType(click.ParamType):
    """`CALLS/SECONDS` (e.g. 25/5), `CALLS` (per 5 s) or 0: a RateLimit."""

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


def choice_of(setting: str) -> click.Choice:
    """The choices of a disputed-answer setting (`settings.CHOICES`), as text."""
    return click.Choice([str(choice) for choice in CHOICES[setting]])


def default_of(setting: str) -> str:
    """The default of a disputed-answer setting: its first choice, as text."""
    return str(CHOICES[setting][0])


def setting_choice(setting: str) -> Callable[[Any], Any]:
    """The `lsq-mock serve` option of a disputed-answer setting: `--name-with-dashes`, its
    choices, default and help from `settings.CHOICES` and `CHOICE_HELP`."""
    return click.option(
        f"--{setting.replace('_', '-')}",
        type=choice_of(setting),
        default=default_of(setting),
        show_default=True,
        help=CHOICE_HELP[setting],
    )


def setting_choices(command: Callable[..., Any]) -> Callable[..., Any]:
    """Every disputed-answer setting's option, in the order of `settings.CHOICES`."""
    for setting in reversed(CHOICES):
        command = setting_choice(setting)(command)
    return command


_BYTE_SIZE = re.compile(r"\s*(\d+)\s*([kmg]ib)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


class ByteSizeType(click.ParamType):
    """A positive number of bytes, plain or in binary units: `1048576`, `512KiB`, `64MiB`."""

    name = "BYTES"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        match = _BYTE_SIZE.fullmatch(str(value))
        size = int(match.group(1)) * _UNITS[(match.group(2) or "").lower()] if match else 0
        if size < 1:
            self.fail(f"{value!r} is not a size in bytes (e.g. 64MiB, 512KiB, 1048576)", param, ctx)
        return size


ca_dir_option = click.option(
    "--ca-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Where the local CA is kept (made there if missing). [default: ${CA_DIR_ENV}, else "
    "$XDG_DATA_HOME/lsq-mock/ca or ~/.local/share/lsq-mock/ca]",
)

trusted_ca_dir_option = click.option(
    "--ca-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="For an https --url: the local CA to trust, the --ca-dir `serve --https` was given. "
    f"[default: ${CA_DIR_ENV}, else $XDG_DATA_HOME/lsq-mock/ca or ~/.local/share/lsq-mock/ca]",
)
"""The CA directory of a command that calls a running emulator: read, never made."""

url_option = click.option(
    "--url",
    default="http://127.0.0.1:8080",
    show_default=True,
    envvar=URL_ENV,
    show_envvar=True,
    help="Base URL of a running emulator.",
)
token_option = click.option(
    "--admin-token",
    envvar=ADMIN_TOKEN_ENV,
    show_envvar=True,
    help="The admin token, if the server has one.",
)
