"""The validators that describe violations: jsonschema's, whose errors carry the JSON paths and
messages we report, made to skip every array item the compiled validator passes, to read patterns
as the compiled validator does, and to bound what an error holds (`bounded_keywords`).

jsonschema walks a body in Python, tens of microseconds a value: a 2 MiB batch of 100,000 valid
rows with one fault (or over its size limit) took seconds to describe. Here each item of an array
is first held against its `items` schema by jsonschema-rs (about a microsecond), and only the items
that fail are walked in Python. What is reported is unchanged: an item the compiled validator
passes has no violation to describe.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any
from urllib.parse import quote

import jsonschema_rs
from jsonschema import Draft202012Validator, ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import extend
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from lsq_mock.contract.bounded_keywords import BOUNDED_KEYWORDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_POINTER_SAFE = "/$~!&'()*+,;=:@-._"
_JSONSCHEMA_ITEMS = Draft202012Validator.VALIDATORS["items"]


class ItemChecks:
    """A compiled validator for every `items` schema in the documents, found by identity: the
    detailed validator walks the same dicts, so the one it meets is the one compiled here."""

    def __init__(self, documents: Mapping[str, dict[str, Any]], registry: jsonschema_rs.Registry):
        self._compiled: dict[int, tuple[Any, Any]] = {}
        for document in documents.values():
            self._collect(document, document["$id"], "", registry)

    def _collect(
        self, node: Any, base: str, pointer: str, registry: jsonschema_rs.Registry
    ) -> None:
        if isinstance(node, dict):
            items = node.get("items")
            if isinstance(items, dict):
                reference = f"{base}#{quote(pointer + '/items', safe=_POINTER_SAFE)}"
                compiled = jsonschema_rs.validator_for(
                    {"$schema": DRAFT, "$ref": reference}, registry=registry
                )
                self._compiled[id(items)] = (items, compiled)
            for key, value in node.items():
                escaped = str(key).replace("~", "~0").replace("/", "~1")
                self._collect(value, base, f"{pointer}/{escaped}", registry)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._collect(value, base, f"{pointer}/{index}", registry)

    def compiled(self, items: Any) -> Any | None:
        """The compiled validator of the `items` schema `items`, if it is one of the documents'."""
        found = self._compiled.get(id(items))
        return found[1] if found is not None and found[0] is items else None


def _pattern(
    validator: Validator, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """`pattern` as ECMA-262 reads it, as the compiled validator does: Python's `$` also matches
    before a final newline, so `"203\\n"` was refused by one and passed by the other (and then
    read as 203)."""
    if validator.is_type(instance, "string") and not _compiled_pattern(pattern).is_valid(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _compiled_pattern(pattern: str) -> Any:
    return jsonschema_rs.validator_for({"$schema": DRAFT, "pattern": pattern})


def detailed_validators(
    documents: Mapping[str, dict[str, Any]], rs_registry: jsonschema_rs.Registry
) -> dict[str, Validator]:
    """A describing validator for each document, by its name.

    The validators read the documents without their `$schema` (every one is 2020-12): where a
    `$ref` enters a document that names its dialect, jsonschema swaps in that dialect's own
    validator, without these keywords, and walked every item again.
    """
    undeclared = {
        name: {key: value for key, value in doc.items() if key != "$schema"}
        for name, doc in documents.items()
    }
    registry: Registry = Registry().with_resources(
        (doc["$id"], DRAFT202012.create_resource(doc)) for doc in undeclared.values()
    )
    checks = ItemChecks(undeclared, rs_registry)

    def items(
        validator: Draft202012Validator, items: Any, instance: Any, schema: Mapping[str, Any]
    ) -> Iterator[ValidationError]:
        compiled = checks.compiled(items)
        if compiled is None or not validator.is_type(instance, "array"):
            yield from _JSONSCHEMA_ITEMS(validator, items, instance, schema)
            return
        for index in range(len(schema.get("prefixItems", ())), len(instance)):
            item = instance[index]
            if not compiled.is_valid(item):
                yield from validator.descend(instance=item, schema=items, path=index)

    keywords = {**BOUNDED_KEYWORDS, "items": items, "pattern": _pattern}
    describing = extend(Draft202012Validator, keywords)  # type: ignore[no-untyped-call]
    return {name: describing(doc, registry=registry) for name, doc in undeclared.items()}
