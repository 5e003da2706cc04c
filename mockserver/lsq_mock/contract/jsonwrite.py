"""The JSON text of every answer: the bytes `json` writes (compact, keys in insertion order,
ASCII with escapes), written by orjson, about ten times faster, wherever the two agree."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import orjson

_OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)
"""What orjson writes otherwise than `json` (or its caller's `default`) is handed back."""
_MAY_BE_A_FLOAT = re.compile(rb"[0-9][.eE]")
"""`json` and orjson write some floats apart (1e-05 and 0.00001): any text that may hold a float
is written by `json` (a digit before a dot in a string only costs the slower path)."""


def compact_json(value: Any, default: Callable[[Any], Any]) -> str:
    """`json.dumps(value, default=default, separators=(",", ":"))`, the same text exactly."""
    try:
        data = orjson.dumps(value, default=_refuse, option=_OPTIONS)
    except TypeError:  # a type only `default` knows, a non-string key, an integer over 64 bits
        data = None
    if (
        data is not None
        and data.isascii()  # `json` escapes the rest
        and b"\x7f" not in data  # and DEL, which orjson leaves as it is
        and _MAY_BE_A_FLOAT.search(data) is None
    ):
        return data.decode("ascii")
    return json.dumps(value, default=default, separators=(",", ":"))


def _refuse(value: Any) -> Any:
    raise TypeError(type(value).__name__)
