"""The JSON Schemas in `schemas/`, loaded once and compiled: the contract the server enforces.

Valid bodies are checked by jsonschema-rs (compiled, about a microsecond a body); only a body that
fails is re-read by jsonschema, whose errors carry the JSON paths and messages we report, and only
the parts of it that fail (`contract.detailed`). What a check costs is bounded by the body's size,
never by how many violations it holds: at most MAX_VIOLATIONS are described, and counting the rest
stops past MAX_COUNTED ("more than N").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema_rs
from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from lsq_mock.catalogue.rules import UNKNOWN_KEY
from lsq_mock.contract.bounded_keywords import unexpected_keys
from lsq_mock.contract.detailed import detailed_validators
from lsq_mock.contract.violations import MAX_COUNTED, MAX_VIOLATIONS, Violation, row_of
from lsq_mock.resources import data_dir, load_json

SCHEMA_BASE_URI = "https://lsq-mock.dev/schemas/"
_QUOTED = re.compile(r"'([^']+)'")
_QUOTED_OR_EMPTY = re.compile(r"'([^']*)'")
_MISSING_KEY = re.compile(r"\$\.(\w+) is required(?: \(or (\w+(?: or \w+)*)\))?")
"""The message `_to_violations` gives a key missing from the body itself: the key, and any
keys that would do instead."""


class Findings(NamedTuple):
    """What a schema check found: the violations described, and how many more there were."""

    violations: list[Violation]
    more: int
    more_uncounted: bool = False
    """Counting stopped past MAX_COUNTED: there were more than `more`."""


class SchemaSet:
    """Schemas by name: a folder's file names less `.schema.json` (e.g. `bulk-update-request`)."""

    def __init__(self, documents: Mapping[str, dict[str, Any]]):
        self.documents = dict(documents)
        rs_registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in self.documents.values()])
        self._fast = {
            name: jsonschema_rs.validator_for(doc, registry=rs_registry)
            for name, doc in self.documents.items()
        }
        self._detailed = detailed_validators(self.documents, rs_registry)

    @classmethod
    def from_folder(cls, folder: Path) -> SchemaSet:
        """The schemas of `folder`, each by its file name less `.schema.json`."""
        return cls(
            {
                path.name.removesuffix(".schema.json"): load_json(path)
                for path in sorted(folder.glob("*.schema.json"))
            }
        )

    def schema(self, name: str) -> dict[str, Any]:
        """The schema document `name`."""
        return self.documents[name]

    def is_valid(self, name: str, instance: Any) -> bool:
        """Whether `instance` conforms to schema `name` (the fast, compiled check)."""
        return self._fast[name].is_valid(instance)

    def first_violation(self, name: str, instance: Any, rule: str) -> Violation | None:
        """The violation of schema `name` that comes first in the document, or None."""
        found = self.violations(name, instance, rule)
        return found[0] if found else None

    def violations(self, name: str, instance: Any, rule: str) -> list[Violation]:
        """The violations of schema `name` (at most MAX_VIOLATIONS), once each, in document
        order of their paths; the rest are not counted."""
        return self.check(name, instance, rule, count=False).violations

    def check(
        self,
        name: str,
        instance: Any,
        rule: str,
        limit: int = MAX_VIOLATIONS,
        *,
        count: bool = True,
    ) -> Findings:
        """The first `limit` violations of schema `name` in document order, and (with `count`)
        how many more there were, counted up to MAX_COUNTED. Each violation costs a detailed
        error (tens of microseconds), so a body of a million bad values costs what 100 and the
        cap do, not a million errors (once 17 s and 2 GiB)."""
        if self.is_valid(name, instance):
            return Findings([], 0)
        unique: dict[tuple[str, str], tuple[tuple[str, ...], Violation]] = {}
        found = 0  # every violation met, described or not
        for error in self._detailed[name].iter_errors(instance):
            if len(unique) < limit:
                order = _document_order(error)
                for violation in _to_violations(error, rule):
                    unique.setdefault((violation.path, violation.message), (order, violation))
                    if len(unique) == limit:
                        break
            if not count and len(unique) == limit:
                break
            found += _weight(error)
            if found - limit > MAX_COUNTED:
                return Findings(_in_order(unique), MAX_COUNTED, more_uncounted=True)
        return Findings(_in_order(unique), max(found - limit, 0) if count else 0)


def _in_order(
    unique: dict[tuple[str, str], tuple[tuple[str, ...], Violation]],
) -> list[Violation]:
    return [violation for _, violation in sorted(unique.values(), key=lambda pair: pair[0])]


def _weight(error: ValidationError) -> int:
    """How many violations an error counts for: one per key for an error about unknown keys,
    as `_to_violations` says, else one."""
    if error.validator in ("unevaluatedProperties", "additionalProperties"):
        return len(_unknown_keys(error)) or 1
    return 1


def missing_top_level_keys(violation: Violation) -> tuple[str, ...]:
    """The key (and the keys that would do instead) a violation says the body itself lacks;
    () for any other violation, a missing key of a nested object among them."""
    found = _MISSING_KEY.fullmatch(violation.message)
    if found is None or not violation.rule.endswith(":required"):
        return ()
    alternatives = found.group(2)
    return (found.group(1), *(alternatives.split(" or ") if alternatives else ()))


@cache
def shipped_schemas() -> SchemaSet:
    """The schemas shipped with lsq-mock (compiled once per process: they never change)."""
    return SchemaSet.from_folder(data_dir("schemas"))


def _document_order(error: ValidationError) -> tuple[str, ...]:
    return tuple(f"{part:08d}" if isinstance(part, int) else str(part) for part in error.path)


def _to_violations(error: ValidationError, rule: str) -> Iterable[Violation]:
    """The violations one error stands for, made as they are read (an error about 100,000
    unknown keys is described by its first few)."""
    if error.context and not _is_alternative_keys(error):
        branch = _closest_branch(error)
        if branch is not None:
            return chain.from_iterable(_to_violations(inner, rule) for inner in branch)
        same_key = _every_branch_wants_another_value(error, rule)
        if same_key is not None:
            return [same_key]
        best = best_match([error])
        if best is not error:
            return _to_violations(best, rule)
    path = error.json_path
    kind = error.validator
    if kind in ("unevaluatedProperties", "additionalProperties"):
        return _unknown_key_violations(path, _unknown_keys(error), rule)
    if _is_alternative_keys(error):
        keys = [key for branch in error.context for key in _given(branch.validator_value)]
        message = f"{path}.{keys[0]} is required (or {' or '.join(keys[1:])})"
        return [_violation(f"{path}.{keys[0]}", rule, "required", message, None)]
    if kind == "required":
        named = _QUOTED.match(error.message)  # one error per missing key: "'X' is a required..."
        missing = (
            named.group(1)
            if named
            else next(
                (key for key in _given(error.validator_value) if key not in _given(error.instance)),
                "",
            )
        )
        return [_violation(f"{path}.{missing}", rule, kind, f"{path}.{missing} is required", None)]
    return [_violation(path, rule, str(kind), _message(error, path), error.instance)]


def _unknown_key_violations(path: str, keys: list[str], rule: str) -> Iterator[Violation]:
    for key in keys:
        yield _violation(
            f"{path}.{key}", rule, UNKNOWN_KEY, f"{path}.{key}: unknown key {key!r}", None
        )


def _unknown_keys(error: ValidationError) -> list[str]:
    """The keys an additional- or unevaluated-properties error refuses: from the object itself
    where the schema says which keys it knows (so an empty key is not lost), else as quoted."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        return unexpected_keys(error.instance, schema)
    return _QUOTED_OR_EMPTY.findall(error.message)


def _branches(error: ValidationError) -> dict[int, list[ValidationError]]:
    found: dict[int, list[ValidationError]] = {}
    for inner in error.context or ():
        found.setdefault(int(inner.relative_schema_path[0]), []).append(inner)
    return found


def _picks_another_branch(inner: ValidationError, parent: ValidationError) -> bool:
    """Whether `inner` says the value is another kind of thing than its branch describes: a
    constant or enum the branch is told apart by, or the wrong type for the value itself."""
    return inner.validator in ("const", "enum") or (
        inner.validator == "type" and inner.json_path == parent.json_path
    )


def _closest_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the alternative (oneOf, anyOf) the value was meant to be: the branch whose
    telling keys and type it matches, with the fewest errors; None if it matches no branch's.
    A failed row that lacks ExceptionType is reported as that, not as "True was expected"."""
    candidates = [
        inner
        for inner in _branches(error).values()
        if not any(_picks_another_branch(e, error) for e in inner)
    ]
    return min(candidates, key=len) if candidates else None


def _every_branch_wants_another_value(error: ValidationError, rule: str) -> Violation | None:
    """When every alternative wants another constant at the same place (`ActivityUpdated` is
    neither true nor false): one violation that names each value allowed."""
    wanted: list[ValidationError] = []
    for inner in _branches(error).values():
        telling = [e for e in inner if e.validator in ("const", "enum")]
        if len(telling) != 1:
            return None
        wanted.extend(telling)
    paths = {e.json_path for e in wanted}
    if len(paths) != 1:
        return None
    allowed = [
        value
        for e in wanted
        for value in (_given(e.validator_value) if e.validator == "enum" else [e.validator_value])
    ]
    path, sent = wanted[0].json_path, wanted[0].instance
    shown = " or ".join(json.dumps(value) for value in allowed)
    message = f"{path} must be {shown}, not {json.dumps(sent, default=str)[:100]}"
    return _violation(path, rule, "enum", message, sent)


def _is_alternative_keys(error: ValidationError) -> bool:
    """An anyOf whose every branch requires a key: "send this key, or that one"."""
    return (
        error.validator == "anyOf"
        and bool(error.context)
        and all(branch.validator == "required" for branch in error.context)
    )


def _violation(path: str, rule: str, kind: str, message: str, value: Any) -> Violation:
    scalar = None if isinstance(value, dict | list) else value
    return Violation(
        path=path, rule=f"{rule}:{kind}", message=message, value=scalar, row=row_of(path)
    )


def _given(value: Any) -> Any:
    """A value the schema library types as possibly unset, where the keyword gives it."""
    return value


def _message(error: ValidationError, path: str) -> str:
    value, limit = _given(error.instance), _given(error.validator_value)
    match error.validator:
        case "type":
            expected = " or ".join(limit) if isinstance(limit, list) else limit
            return f"{path} must be {expected}, not {_json_type(value)}"
        case "minItems" if path == "$":
            return "$ must be a non-empty array of activities"
        case "maxItems" if path == "$" and limit == 0:
            return "$ must be an empty array (or an object) here"
        case "maxItems" if path == "$":
            return f"$ has {len(value)} activities; the maximum limit is {limit} activities"
        case "minItems" | "maxItems" | "minLength" | "maxLength":
            return f"{path} has length {len(value)}; {error.validator} is {limit}"
        case _:
            return f"{path}: {error.message[:300]}"


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
