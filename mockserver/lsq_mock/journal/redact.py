"""Where the secret key may travel (a query parameter, a header) and how it is blanked out.

One rule for every output of the server: the journal, `--log-requests` lines, error messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote_plus

from lsq_mock.catalogue.names import SECRET_KEY_HEADER, SECRET_KEY_PARAMETER

REDACTED = "***"

_SECRET_NAMES = frozenset(name.lower() for name in (SECRET_KEY_PARAMETER, SECRET_KEY_HEADER))
_QUERY_PAIR = re.compile(r"(?<=[?&;])([^=&;#\s\"']*)=([^&;#\s\"']*)")
"""A `name=value` pair of a query string found in free text (a request line, a log message)."""


def is_secret(name: str) -> bool:
    """Whether a query parameter or header of this name carries the secret key (any case)."""
    return name.lower() in _SECRET_NAMES


def redact_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The (name, value) pairs of a query or headers, with each secret value blanked out."""
    return tuple((name, REDACTED if is_secret(name) else value) for name, value in pairs)


def redact_text(text: str) -> str:
    """`text` with the value of every secret query parameter in it blanked out (its name may be
    percent-encoded, as a client may send `secret%4Bey`)."""

    def blank(pair: re.Match[str]) -> str:
        name = pair.group(1)
        return f"{name}={REDACTED}" if is_secret(unquote_plus(name)) else pair.group(0)

    return _QUERY_PAIR.sub(blank, text)
