"""The one rule by which lsq-mock reads a number written in text (a query parameter, a header,
a JSON path, an option): ASCII digits 0-9 only.

`str.isdigit()` and `int()` take other scripts' digits too: `int('٣')` is 3, `'²'.isdigit()` is
true and `int('²')` fails, and `int()` also takes signs, spaces, underscores, and fails past
4,300 digits. The API the emulator stands in for reads ASCII digits; so does this.
"""

from __future__ import annotations

MAX_DIGITS = 18
"""The longest number read: more digits than any count, port or code needs (and under 2**63)."""


def ascii_int(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """`text` as a number when it is 1 to `max_digits` ASCII digits and nothing else; else None."""
    if 0 < len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
