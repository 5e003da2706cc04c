"""What an endpoint reads of its call: the body as JSON held to the request schemas, and the
query parameters it cannot do without. Each finding goes on the call."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.call import Call
from lsq_mock.catalogue import rules
from lsq_mock.contract.jsonread import read_json
from lsq_mock.contract.schemaset import SchemaSet, missing_top_level_keys
from lsq_mock.errors import InvalidInput, MandatoryAttributeMissing


def json_body(call: Call) -> Any:
    """The body as JSON, or a 400 that says what is wrong with it (type, syntax, depth)."""
    request = call.request
    if request.mimetype != "application/json":
        sent = request.headers.get("Content-Type")
        raise InvalidInput(
            "Invalid Input! Content-Type must be application/json; "
            + (f"got {sent!r}" if sent else "none was sent"),
            rule=rules.CONTENT_TYPE,
        )
    call.body = read_json(request.get_data(cache=True))
    return call.body


def checked_body(
    call: Call, schemas: SchemaSet, schema: str, mandatory_for: str | None = None
) -> Any:
    """The JSON body: 400 if it breaks `schema`; what breaks `schema`.strict goes on the call.

    With `mandatory_for` (what the call does, for the message), a body whose only fault is a
    missing key of its own is a well-formed call that lacks a mandatory attribute: the live 500
    MXMandatoryAttributeMissingException, as for a missing query parameter.
    """
    body = json_body(call)
    if schemas.is_valid(f"{schema}.strict", body):
        return body  # each strict schema refers to its lenient one: a body passing it passes both
    found = schemas.violations(schema, body, rules.REQUEST)
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
    tolerated = schemas.check(f"{schema}.strict", body, rules.CONTRACT)
    call.note(tolerated.violations, tolerated.more, tolerated.more_uncounted)
    return body


def required_arg(call: Call, name: str, purpose: str) -> str:
    """A query parameter the API cannot do without, or 500 MXMandatoryAttributeMissingException."""
    value = call.arg(name) or ""
    if not value:
        raise MandatoryAttributeMissing(f"'{name}' is mandatory for {purpose}", path=f"?{name}")
    return value
