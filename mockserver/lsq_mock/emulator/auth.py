"""The tenant's credentials: which key pairs are accepted, compared in constant time."""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from lsq_mock.settings import Credential


def keys_match(
    credentials: Iterable[Credential], access_key: str | None, secret_key: str | None
) -> bool:
    """Whether the pair is one of `credentials`; all pairs are compared, so timing tells nothing."""
    if access_key is None or secret_key is None:
        return False
    given_access, given_secret = access_key.encode(), secret_key.encode()
    matched = False
    for credential in credentials:
        access_ok = hmac.compare_digest(given_access, credential.access_key.encode())
        secret_ok = hmac.compare_digest(given_secret, credential.secret_key.encode())
        matched |= access_ok & secret_ok
    return matched
