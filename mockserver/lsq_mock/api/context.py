"""Per-request helpers shared by the blueprints: the app's emulator and the request's findings."""

from __future__ import annotations

from typing import Any

from flask import current_app, g, request

from lsq_mock.catalogue import rules
from lsq_mock.contract.jsonread import read_json
from lsq_mock.contract.schemaset import missing_top_level_keys
from lsq_mock.contract.violations import Violation
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidInput, MandatoryAttributeMissing

EXTENSION_KEY = "lsq_mock"


def emulator() -> Emulator:
    """The emulator of the app handling this request."""
    return current_app.extensions[EXTENSION_KEY]


def violations() -> list[Violation]:
    """The contract violations found in this request so far (journaled with it)."""
    return g.setdefault("violations", [])


def violations_not_described() -> int:
    """How many more violations a check of this request found but did not describe."""
    return g.get("violations_not_described", 0)


def json_body() -> Any:
    """The request body as JSON, or a 400 that says what is wrong with it (type, syntax, depth)."""
    if request.mimetype != "application/json":
        sent = request.headers.get("Content-Type")
        raise InvalidInput(
            "Invalid Input! Content-Type must be application/json; "
            + (f"got {sent!r}" if sent else "none was sent"),
            rule=rules.CONTENT_TYPE,
        )
    body = read_json(request.get_data(cache=True))
    g.json_body = body
    return body


def checked_body(schema: str, mandatory_for: str | None = None) -> Any:
    """The JSON body: 400 if it breaks `schema`; what breaks `schema`.strict is journaled.

    With `mandatory_for` (what the call does, for the message), a body whose only fault is a
    missing key of its own is a well-formed call that lacks a mandatory attribute: the live 500
    MXMandatoryAttributeMissingException, as for a missing query parameter.
    """
    state = emulator()
    body = json_body()
    if state.schemas.is_valid(f"{schema}.strict", body):
        return body  # each strict schema refers to its lenient one: a body passing it passes both
    found = state.schemas.violations(schema, body, rules.REQUEST)
    if found:
        unreadable = [v for v in found if not (mandatory_for and missing_top_level_keys(v))]
        if unreadable:
            raise InvalidInput.from_violation(unreadable[0])
        keys = " or ".join(f"'{key}'" for key in missing_top_level_keys(found[0]))
        raise MandatoryAttributeMissing(
            f"{keys} is mandatory for {mandatory_for}",
            path=found[0].path,
            rule=rules.MANDATORY_MISSING,
        )
    found = state.schemas.check(f"{schema}.strict", body, rules.CONTRACT)
    violations().extend(found.violations)
    g.violations_not_described = violations_not_described() + found.more
    g.violations_uncounted = g.get("violations_uncounted", False) or found.more_uncounted
    return body


def skips_dropdown_validation() -> bool:
    """Whether the query string says `ValidateDropDownOptions=true` (skip dropdown validation)."""
    return request.args.get("ValidateDropDownOptions", "").lower() == "true"


def required_arg(name: str, purpose: str) -> str:
    """A query parameter the API cannot do without, or 500 MXMandatoryAttributeMissingException."""
    value = request.args.get(name, "")
    if not value:
        raise MandatoryAttributeMissing(f"'{name}' is mandatory for {purpose}", path=f"?{name}")
    return value
