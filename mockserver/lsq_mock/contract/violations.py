"""A contract violation: what a client sent that breaks the API's contract, where, and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from lsq_mock.catalogue.rules import finding_kind_of
from lsq_mock.digits import ascii_int

MAX_VIOLATIONS = 100
"""Most violations described for one request (or one schema check); the rest are only counted,
so a body of 40,000 bad values costs neither 40,000 descriptions nor the memory to keep them."""
MAX_COUNTED = 1_000
"""Most violations a schema check counts past those it describes: then it says "more than N".
Each costs a detailed error (about 10 us); a 2 MiB body holds a million bad values."""


@dataclass(frozen=True)
class Violation:
    """One broken rule, at a JSON path of the request (`$[3].Fields[1].Value`)."""

    path: str
    rule: str
    message: str
    value: Any = None
    row: int | None = None
    hint: str | None = None
    """The valid neighbour of what was sent (a near miss), when there is one: for people only,
    never in the answer the API gives."""

    def to_dict(self) -> dict[str, Any]:
        """The journal's JSON form (`hint` only when there is one), with its finding's `kind`."""
        found = asdict(self)
        if self.hint is None:
            del found["hint"]
        found["kind"] = finding_kind_of(self.rule).value
        return found


def row_of(path: str) -> int | None:
    """The 1-based row number a path like `$[3].Fields[1]` points into, if any."""
    if not path.startswith("$["):
        return None
    index = ascii_int(path[2:].partition("]")[0])
    return None if index is None else index + 1
