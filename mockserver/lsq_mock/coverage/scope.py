"""What a coverage is measured over: by default the endpoints the traffic called (and the
API-wide behaviours about them), so a client that uses three endpoints is not measured against
the whole API; or, when asked, the whole API."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lsq_mock.catalogue.behaviours import Exercise


class Scope(StrEnum):
    """Which behaviours a coverage counts: the `called` endpoints' (the default) or the `api`'s."""

    CALLED = "called"
    API = "api"


SCOPE_PARAMETER = "scope"
"""The query parameter of `GET /_mock/coverage` that names the scope (`?scope=api`)."""


def scope_named(text: str | None) -> Scope:
    """The scope `text` names (None: the default); ValueError naming the choices if none."""
    if text is None:
        return Scope.CALLED
    try:
        return Scope(text)
    except ValueError:
        choices = " or ".join(repr(scope.value) for scope in Scope)
        raise ValueError(f"{SCOPE_PARAMETER} must be {choices}; got {text[:40]!r}") from None


def in_scope(
    behaviour: Exercise, scope: Scope, called: Collection[str], counts: Mapping[str, int]
) -> bool:
    """Whether `behaviour` counts: always over the whole API; over the called endpoints, when
    one of its endpoints was called, or when it was exercised all the same."""
    if scope is Scope.API or counts.get(behaviour.id, 0) > 0:
        return True
    return any(endpoint in called for endpoint in behaviour.endpoints)
