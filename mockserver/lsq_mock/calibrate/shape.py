"""The shape of a JSON value, for comparing a tenant's answer with the emulator's: which keys
objects have and which JSON types values take, every item of an array folded into one shape.
Values themselves (ids, timestamps, texts) are not part of it. No HTTP here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

ITEMS = "[]"
"""How a path names the items of an array: `$.ProspectActivities[].Data[]`."""


@dataclass
class Shape:
    """The JSON types seen at one place, the keys of the objects there and their items' shape."""

    types: set[str] = field(default_factory=set)
    keys: dict[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    """The shape of every item of the arrays seen here (None: only empty arrays)."""

    def add(self, value: Any) -> Shape:
        """Fold `value` into this shape."""
        kind = json_type(value)
        self.types.add(kind)
        if kind == "object":
            for key, item in value.items():
                self.keys.setdefault(key, Shape()).add(item)
        elif kind == "array":
            for item in value:
                self.items = (self.items or Shape()).add(item)
        return self


def json_type(value: Any) -> str:
    """object, array, string, number, boolean or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def shape_of(value: Any) -> Shape:
    """The shape of one JSON value."""
    return Shape().add(value)


@dataclass(frozen=True)
class Mismatch:
    """One place where two shapes disagree: `kind` is `keys` or `type`."""

    path: str
    kind: str
    tenant: str
    emulator: str


def mismatches(
    tenant: Shape, emulator: Shape, path: str = "$", skip: frozenset[str] = frozenset()
) -> Iterator[Mismatch]:
    """Where `tenant` and `emulator` disagree: types that never meet, keys only one side has.
    Paths in `skip` are compared elsewhere (row results)."""
    if path in skip:
        return
    if not tenant.types & emulator.types:
        yield Mismatch(path, "type", _types(tenant), _types(emulator))
        return
    if "object" in tenant.types and "object" in emulator.types:
        only_tenant = sorted(tenant.keys.keys() - emulator.keys.keys())
        only_emulator = sorted(emulator.keys.keys() - tenant.keys.keys())
        if only_tenant or only_emulator:
            yield Mismatch(
                path, "keys", _keys(only_tenant, only_emulator), _keys(only_emulator, only_tenant)
            )
        for key in [name for name in tenant.keys if name in emulator.keys]:
            yield from mismatches(tenant.keys[key], emulator.keys[key], f"{path}.{key}", skip)
    if tenant.items is not None and emulator.items is not None:
        yield from mismatches(tenant.items, emulator.items, path + ITEMS, skip)


def _types(shape: Shape) -> str:
    return " or ".join(sorted(shape.types))


def _keys(own: list[str], others: list[str]) -> str:
    """`with A, B` (keys only this side has), else `without C` (keys only the other has)."""
    return f"with {', '.join(own)}" if own else f"without {', '.join(others)}"
