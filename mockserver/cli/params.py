"""What several commands share: parameter types and the options that point at an emulator."""

from __future__ import annotations

from pathlib import Path

import click

from lsq_mock.ratelimit import RateLimit
from lsq_mock.settings import ADMIN_TOKEN_ENV
from lsq_mock.trust import CA_DIR_ENV


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


ca_dir_option = click.option(
    "--ca-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Where the local CA is kept (made there if missing). [default: ${CA_DIR_ENV}, else "
    "$XDG_DATA_HOME/lsq-mock/ca or ~/.local/share/lsq-mock/ca]",
)


url_option = click.option(
    "--url",
    default="http://127.0.0.1:8080",
    show_default=True,
    envvar="LSQ_MOCK_URL",
    help="Base URL of a running emulator (env LSQ_MOCK_URL).",
)
token_option = click.option(
    "--admin-token", envvar=ADMIN_TOKEN_ENV, help="The admin token, if the server has one."
)
