"""What the catalogue says of one endpoint, and what every service's table shares."""

from __future__ import annotations

from dataclasses import dataclass

from lsq_mock.catalogue import rules

V2 = "/v2"
BODY_RULES = (rules.CONTENT_TYPE, rules.NOT_JSON)
"""What any endpoint that reads a JSON body refuses before its schema is looked at."""


def schema_rules(*keywords: str) -> tuple[str, ...]:
    """The 400 rules of a request schema's keywords (`invalid-input:type`, ...)."""
    return tuple(f"{rules.REQUEST}:{keyword}" for keyword in keywords)


@dataclass(frozen=True)
class Endpoint:
    """One endpoint of the emulated API."""

    id: str
    """Its entry in the fidelity ledger (`lsq_mock.catalogue.ledger`)."""
    name: str
    method: str
    path: str
    rows: str | None = None
    """A bulk endpoint's verb for a row that went through (`updated`, `created`); else None."""
    logical: tuple[str, ...] = ()
    """The rules whose breach fails a row (bulk) or the whole call (500 with the envelope)."""
    refused: tuple[str, ...] = ()
    """The rules whose breach refuses the call with 400 (none for an endpoint without a body)."""
    reads: bool = False
    """Whether a POST to it only reads (Retrieve, Leads.Get): a GET always does."""

    @property
    def read_only(self) -> bool:
        """Whether its calls never change the tenant (what `lsq-mock record` forwards without
        --allow-writes)."""
        return self.method == "GET" or self.reads

    @property
    def bulk(self) -> bool:
        """Whether its calls take rows and also count in the bulk APIs' own limit."""
        return self.rows is not None
