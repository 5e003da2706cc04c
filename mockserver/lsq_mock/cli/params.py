"""What several commands share: parameter types and the options that point at an emulator."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lsq_mock.ratelimit import ACCOUNT_LIMIT, BULK_LIMIT, RateLimit
from lsq_mock.settings import (
    ADMIN_TOKEN_ENV,
    CHOICE_HELP,
    CHOICES,
    PLANS,
    URL_ENV,
    Settings,
    choice_value,
)
from lsq_mock.tls.trust import CA_DIR_ENV, TRUST_CA_DIR_OPTION

F = TypeVar("F", bound=Callable[..., Any])


class RateLimitType(click.ParamType):  # type: ignore[type-arg]
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


if TYPE_CHECKING:
    _TextChoice = click.Choice[str]
else:  # click 8.1, which pyproject allows, has no generic Choice
    _TextChoice = click.Choice


class AnyCaseChoice(_TextChoice):
    """A choice taken in any letter case, shown as it is spelled (click shows the casefolded
    form, so help read `[mxinvalidentityexception|...]` beside `[default: MXInvalidEntity...]`)."""

    def __init__(self, choices: Sequence[str]):
        super().__init__(choices, case_sensitive=False)

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        # `ctx` is click 8.2's; 8.1 passes `param` alone.
        return f"[{'|'.join(map(str, self.choices))}]"

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return f"{value!r} is not one of {', '.join(map(repr, self.choices))}."


def choice_of(setting: str) -> click.Choice[str]:
    """The choices of a disputed-answer setting (`settings.CHOICES`), as text."""
    return AnyCaseChoice([str(choice) for choice in CHOICES[setting]])


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


ANSWER_OPTIONS = (
    click.option(
        "--rate-limit",
        type=RateLimitType(),
        help="The account limit (every call counts), CALLS/SECONDS or 0. "
        f"[default: {ACCOUNT_LIMIT}]",
    ),
    click.option(
        "--plan",
        type=AnyCaseChoice(PLANS),
        help="Set the account limit from the vendor's plan table (instead of --rate-limit).",
    ),
    click.option(
        "--bulk-rate-limit",
        type=RateLimitType(),
        default=str(BULK_LIMIT),
        show_default=True,
        help="The bulk APIs' own limit (bulk update, bulk add), CALLS/SECONDS; 0: off.",
    ),
    *(setting_choice(setting) for setting in CHOICES),
    click.option(
        "--max-body-bytes",
        default=Settings().max_body_bytes,
        show_default=True,
        type=click.IntRange(1),
        help="Largest request body accepted; a larger one answers 413.",
    ),
)
"""The options of the settings that change what the emulator answers (`ANSWER_SETTINGS`, in
that order): `serve` and `verify` take the same ones, so what `verify` suggests is pasted into
either as it is."""


def answer_options(command: F) -> F:
    """Give `command` every option of ANSWER_OPTIONS, in that order."""
    for option in reversed(ANSWER_OPTIONS):
        command = option(command)
    return command


def answer_settings(values: dict[str, Any]) -> dict[str, Any]:
    """The `Settings` fields the ANSWER_OPTIONS of a command's parameters set (the others of
    `values` are left alone); a --plan beside a --rate-limit is refused."""
    if values.get("plan") is not None and values.get("rate_limit") is not None:
        raise click.UsageError("give --rate-limit or --plan, not both")
    return {
        "rate_limit": values.get("rate_limit") or ACCOUNT_LIMIT,
        "plan": values.get("plan"),
        "bulk_rate_limit": values["bulk_rate_limit"],
        "max_body_bytes": values["max_body_bytes"],
        **{name: choice_value(name, values[name]) for name in CHOICES},
    }


_BYTE_SIZE = re.compile(r"\s*(\d{1,18})\s*([kmg]ib)?\s*", re.IGNORECASE | re.ASCII)
_UNITS = {"": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3}


class ByteSizeType(click.ParamType):  # type: ignore[type-arg]
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

trust_ca_dir_option = click.option(
    TRUST_CA_DIR_OPTION,
    "trust_ca_dir",
    is_flag=True,
    help="Use the CA in --ca-dir even if lsq-mock would not have made it (no name constraints, a "
    "key others may read, a directory others may write); refused otherwise.",
)


host_option = click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default)."
)
"""The address a command that listens binds."""


def port_option(help_text: str) -> Callable[[F], F]:
    """The port a command that listens binds, 8080 by default, with its own help."""
    return click.option(
        "--port",
        default=8080,
        show_default=True,
        type=click.IntRange(0, 65535),
        help=help_text,
    )


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
