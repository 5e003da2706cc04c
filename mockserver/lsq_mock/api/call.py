"""One call of the emulated API as a typed object: built once at entry, passed explicitly
through admission, the endpoint and the answer, and journaled as it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lsq_mock.api.request import BoundedRequest
from lsq_mock.catalogue.endpoints import Endpoint
from lsq_mock.catalogue.names import KEY_PLACES, SKIP_DROPDOWNS
from lsq_mock.contract.violations import Violation
from lsq_mock.emulator.faults import Fault
from lsq_mock.errors import LSQError

NOT_READ: Any = object()
"""`Call.body` before (or without) reading the body as JSON."""


@dataclass(eq=False, slots=True)
class Call:
    """A request to the emulated API and everything decided about it, in the order it happens:
    the endpoint it reached, the fault it took, the limit that refused it, the keys, the body as
    JSON, the contract findings, the error, and the answer."""

    request: BoundedRequest
    endpoint: Endpoint | None
    """The endpoint of the route table the method and path reached; None: no such endpoint."""
    fault: Fault | None = None
    rate_limited: str | None = None
    """Which limit refused the call (`account` or `bulk`), when one did."""
    body: Any = NOT_READ
    """The body as JSON, once an endpoint read it (NOT_READ until then)."""
    findings: list[Violation] = field(default_factory=list)
    """The contract violations found so far, in the order found."""
    findings_omitted: int = 0
    """How many more violations a check found than it described."""
    result: Any = None
    """The JSON value the endpoint answered with (None: it answered an error)."""
    error: LSQError | None = None
    """The error the call was answered with, if any."""
    status: int = 200
    answer: bytes = b""
    """The answer's body as sent (a truncate fault cuts it)."""
    _args: dict[str, str] | None = None

    @property
    def path(self) -> str:
        """The path the client called."""
        return self.request.path

    def arg(self, name: str) -> str | None:
        """One query parameter (the first, if repeated), its name in any letter case, as the
        live API (a WCF service) reads it: the vendor's own pages write `accesskey` and
        `leadId`, public clients `leadid`."""
        if self._args is None:
            self._args = {}
            for key, value in self.request.args.items(multi=True):
                self._args.setdefault(key.lower(), value)
        return self._args.get(name.lower())

    def keys(self) -> tuple[str | None, str | None]:
        """(access key, secret key): each from the query string, else from its header."""
        headers = self.request.headers
        found = []
        for parameter, header in KEY_PLACES:
            value = self.arg(parameter)
            found.append(headers.get(header) if value is None else value)
        return found[0], found[1]

    def skips_dropdown_validation(self) -> bool:
        """Whether the query string says `ValidateDropDownOptions=true`."""
        return (self.arg(SKIP_DROPDOWNS) or "").lower() == "true"

    def note(self, found: list[Violation], omitted: int = 0) -> None:
        """Add contract findings (and a count of those not described) to the call's verdict."""
        self.findings.extend(found)
        self.findings_omitted += omitted
