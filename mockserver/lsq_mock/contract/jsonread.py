"""The one strict JSON reader of every body the server takes, under /v2/ and /_mock/ alike.

Python's `json` lets through what no other parser should see and what would later make the
server answer invalid JSON or fail: NaN and Infinity, numbers that overflow to infinity, lone
UTF-16 surrogates (which cannot be encoded as UTF-8) and nesting deep enough to exhaust the
recursion limit of whatever reads the value next. Each is a 400 that says what is wrong.
"""

from __future__ import annotations

import json
import math
import re
import sys
from typing import Any

import orjson

from lsq_mock.catalogue import rules
from lsq_mock.errors import InvalidInput

MAX_NESTING = 64
"""Most arrays and objects one inside another (a LeadSquared body nests 4 deep)."""

_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")  # json.loads decodes these too
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_DIGITS_AS_NINES = bytes(57 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_NUMBER = b"9" * 19
"""orjson reads an integer beyond 64 bits as a float: a body with a run of 19 digits is read by
`json`, which keeps every integer exact."""
MANY_VALUES = 10_000
"""A body with more commas than this (a normal batch has a few hundred) is read by `json`: orjson
builds a long array at three times its final size before it hands it over (about 30 MiB, for
a 2 MiB body of a million numbers), `json` in place; and for so many values it is as fast."""


MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
"""The longest integer read: Python's own limit for turning text into an int (4,300 unless the
process set another; none set is taken as the default)."""


def read_json(raw: bytes) -> Any:
    """The JSON value of `raw`, or InvalidInput (400) saying why it is refused.

    orjson reads it (twice as fast as `json`) when it can only agree with `json`: anything
    orjson refuses, a long run of digits or very many values is read by `json`, which decides
    and says why."""
    if raw.count(b",") > MANY_VALUES or _LONG_NUMBER in raw.translate(_DIGITS_AS_NINES):
        value = _read_slowly(raw)
    else:
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError:
            value = _read_slowly(raw)
    if _may_hold_surrogate(raw) and _holds_lone_surrogate(value):
        raise _refused("it holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text")
    if _may_nest_deeper(raw, MAX_NESTING) and _nests_deeper(value, MAX_NESTING):
        raise _refused(f"it is nested too deeply (more than {MAX_NESTING} levels)")
    return value


def _read_slowly(raw: bytes) -> Any:
    """`raw` read by `json`, with NaN, Infinity and numbers out of range refused."""
    try:
        return json.loads(
            raw, parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_bounded_int
        )
    except RecursionError:
        raise _refused("it is nested too deeply") from None
    except UnicodeDecodeError:
        raise _refused("it is not UTF-8") from None
    except ValueError as error:
        raise _refused(str(error)) from None


def check_value(value: Any) -> None:
    """InvalidInput unless `value`, made in Python rather than read from a body, is one that
    `read_json` would read: what the Python API is given must obey the HTTP API's rules."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError) as error:
        raise InvalidInput(f"Invalid Input! The value cannot be JSON: {error}") from None
    read_json(text.encode("utf-8", "surrogatepass"))


def _refused(reason: str) -> InvalidInput:
    return InvalidInput(f"Invalid Input! The body is not valid JSON: {reason}", rule=rules.NOT_JSON)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite_float(text: str) -> float:
    # 1e400 would become inf: stored and journaled, it makes every later answer invalid JSON.
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _bounded_int(text: str) -> int:
    # Python's own refusal of a longer one advises sys.set_int_max_str_digits(): not the
    # client's business.
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(
            f"the number {text[:40]}... has {digits} digits (at most {MAX_INT_DIGITS})"
        )
    return int(text)


def _may_hold_surrogate(raw: bytes) -> bool:
    """Whether the raw body has an escaped or UTF-8-encoded surrogate: only then are strings
    searched. A one-byte test (memchr) comes first: most bodies have no backslash at all."""
    return bool(
        (b"\\" in raw and _ESCAPED_SURROGATE.search(raw))
        or (b"\xed" in raw and _ENCODED_SURROGATE.search(raw))
    )


def _holds_lone_surrogate(value: Any) -> bool:
    pending = [value]
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            if _SURROGATE.search(node):
                return True
        elif isinstance(node, dict):
            pending.extend(node)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return False


def _may_nest_deeper(raw: bytes, limit: int) -> bool:
    """A quick bound from the brackets alone (C-speed passes, no walk): False means the value
    surely nests at most `limit` deep. Brackets inside strings only make it say True more."""
    shape = raw.translate(None, _NOT_BRACKETS)
    for _ in range(limit):
        if not shape:
            return False
        shape = shape.replace(b"[]", b"").replace(b"{}", b"")
    return bool(shape)


def _nests_deeper(value: Any, limit: int) -> bool:
    pending = [(value, 1)] if isinstance(value, dict | list) else []
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
