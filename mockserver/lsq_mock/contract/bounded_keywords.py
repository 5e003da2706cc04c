"""jsonschema keywords whose cost no longer grows with the value they describe.

jsonschema writes the whole value into an error's message (`[1, 1, 1, ... ] is too long`: 3 MB
for a 2 MiB body, though a violation shows 300 characters of it), lists every unexpected key,
sorted, and keeps every error of each branch of an anyOf or oneOf (a million, for a list of a
million bad faults). These are the same keywords, with the same verdicts and, for a value shown
in under SHOWN_CHARS characters, the same messages: only what no one reads is left out. (enum
and the length keywords still show their value whole: a string, or a value no schema bounds.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from lsq_mock.contract.violations import MAX_VIOLATIONS

SHOWN_CHARS = 300
"""The most of a value's repr an error's message shows (a violation shows as much)."""
SHOWN_KEYS = 20
"""The most unexpected keys an error's message names (each is a violation of its own)."""
BRANCH_ERRORS = MAX_VIOLATIONS + 1
"""The most errors kept of one branch of an anyOf or oneOf: enough to tell the branches apart
by how many each has, and more than a check describes."""

Keyword = Callable[[Draft202012Validator, Any, Any, Mapping[str, Any]], Iterator[ValidationError]]


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)`, or its first `limit` characters and an ellipsis, made without the rest."""
    made: list[str] = []
    size = 0
    for piece in _repr_pieces(value, limit):
        made.append(piece)
        size += len(piece)
        if size > limit:
            return "".join(made)[:limit] + "…"
    return "".join(made)


def _repr_pieces(value: Any, limit: int) -> Iterator[str]:
    if isinstance(value, list):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _repr_pieces(item, limit)
        yield "]"
    elif isinstance(value, dict):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            yield ", " if index else ""
            yield from _repr_pieces(key, limit)
            yield ": "
            yield from _repr_pieces(item, limit)
        yield "}"
    elif isinstance(value, str) and len(value) > limit:
        yield repr(value[: limit + 1])[:-1]  # the closing quote is past the limit anyway
    else:
        yield repr(value)


def _types(
    validator: Draft202012Validator, types: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    types = [types] if isinstance(types, str) else types
    if not any(validator.is_type(instance, kind) for kind in types):
        reprs = ", ".join(repr(kind) for kind in types)
        yield ValidationError(f"{shown(instance)} is not of type {reprs}")


def _min_items(
    validator: Draft202012Validator, least: int, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "array") and len(instance) < least:
        message = "should be non-empty" if least == 1 else "is too short"
        yield ValidationError(f"{shown(instance)} {message}")


def _max_items(
    validator: Draft202012Validator, most: int, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    if validator.is_type(instance, "array") and len(instance) > most:
        message = "is expected to be empty" if most == 0 else "is too long"
        yield ValidationError(f"{shown(instance)} {message}")


def _any_of(
    validator: Draft202012Validator, branches: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    found: list[ValidationError] = []
    for index, branch in enumerate(branches):
        errors = _first_errors(validator.descend(instance, branch, schema_path=index))
        if not errors:
            return
        found.extend(errors)
    yield ValidationError(
        f"{shown(instance)} is not valid under any of the given schemas", context=found
    )


def _one_of(
    validator: Draft202012Validator, branches: Any, instance: Any, schema: Any
) -> Iterator[ValidationError]:
    found: list[ValidationError] = []
    numbered = enumerate(branches)
    for index, branch in numbered:
        errors = _first_errors(validator.descend(instance, branch, schema_path=index))
        if not errors:
            valid = [branch]
            break
        found.extend(errors)
    else:
        yield ValidationError(
            f"{shown(instance)} is not valid under any of the given schemas", context=found
        )
        return
    valid += [each for _, each in numbered if validator.evolve(schema=each).is_valid(instance)]
    if len(valid) > 1:
        reprs = ", ".join(repr(each) for each in [*valid[1:], valid[0]])
        yield ValidationError(f"{shown(instance)} is valid under each of {reprs}")


def _first_errors(errors: Iterable[ValidationError]) -> list[ValidationError]:
    return list(islice(errors, BRANCH_ERRORS))


def _additional_properties(
    validator: Draft202012Validator, allowed: Any, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    extras = unexpected_keys(instance, schema)
    if validator.is_type(allowed, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], allowed, path=extra)
    elif not allowed and extras:
        named = ", ".join(repr(key) for key in sorted(extras[:SHOWN_KEYS], key=str))
        more = f" and {len(extras) - SHOWN_KEYS} more" if len(extras) > SHOWN_KEYS else ""
        verb = "was" if len(extras) == 1 else "were"
        if "patternProperties" in schema:
            patterns = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            match = "does" if len(extras) == 1 else "do"
            message = f"{named}{more} {match} not match any of the regexes: {patterns}"
        else:
            message = f"Additional properties are not allowed ({named}{more} {verb} unexpected)"
        yield ValidationError(message)


def unexpected_keys(instance: Mapping[str, Any], schema: Mapping[str, Any]) -> list[str]:
    """The keys of `instance` neither named in `properties` nor matched by `patternProperties`,
    in the order sent."""
    known = schema.get("properties", {})
    patterns = schema.get("patternProperties")
    if not patterns:
        return [key for key in instance if key not in known]
    return [
        key
        for key in instance
        if key not in known and not any(re.search(pattern, key) for pattern in patterns)
    ]


BOUNDED_KEYWORDS: dict[str, Keyword] = {
    "type": _types,
    "minItems": _min_items,
    "maxItems": _max_items,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "additionalProperties": _additional_properties,
}
"""jsonschema's keywords of the same names, bounded."""
