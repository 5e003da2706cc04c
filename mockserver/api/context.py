"""Per-request helpers shared by the blueprints: the app's emulator and the request's findings."""

from __future__ import annotations

import json
import math
from typing import Any

from flask import current_app, g, request

from lsq_mock.catalogue import rules
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidInput, MandatoryAttributeMissing
from lsq_mock.violations import Violation

EXTENSION_KEY = "lsq_mock"


def emulator() -> Emulator:
    """The emulator of the app handling this request."""
    return current_app.extensions[EXTENSION_KEY]


def violations() -> list[Violation]:
    """The contract violations found in this request so far (journaled with it)."""
    return g.setdefault("violations", [])


def json_body() -> Any:
    """The request body as JSON, or a 400 that says what is wrong with it (type, syntax, depth)."""
    if request.mimetype != "application/json":
        sent = request.headers.get("Content-Type")
        raise InvalidInput(
            "Invalid Input! Content-Type must be application/json; "
            + (f"got {sent!r}" if sent else "none was sent"),
            rule=rules.CONTENT_TYPE,
        )
    raw = request.get_data(cache=True)
    try:
        body = json.loads(raw, parse_constant=_reject_constant, parse_float=_finite_float)
    except (ValueError, RecursionError) as error:
        raise InvalidInput(
            f"Invalid Input! The body is not valid JSON: {_reason(error)}", rule=rules.NOT_JSON
        ) from None
    g.json_body = body
    return body


def checked_body(schema: str) -> Any:
    """The JSON body: 400 if it breaks `schema`; what breaks `schema`.strict is journaled."""
    state = emulator()
    body = json_body()
    if state.schemas.is_valid(f"{schema}.strict", body):
        return body  # each strict schema refers to its lenient one: a body passing it passes both
    problem = state.schemas.first_violation(schema, body, rules.REQUEST)
    if problem is not None:
        raise InvalidInput.from_violation(problem)
    violations().extend(state.schemas.violations(f"{schema}.strict", body, rules.CONTRACT))
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


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    # 1e400 would become inf: stored and journaled, it makes every later answer invalid JSON.
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _reason(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, UnicodeDecodeError):
        return "it is not UTF-8"
    return str(error)
