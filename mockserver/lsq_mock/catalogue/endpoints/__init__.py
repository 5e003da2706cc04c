"""The emulated endpoints, each once: the ledger entry it is, its method and path, and what its
calls can go through (rows, the bulk limit, logical errors, refused bodies). The route table is
registered from this list, the behaviour catalogue is made from it, and a test holds it against
the request schemas. One module per service."""

from __future__ import annotations

from lsq_mock.catalogue.endpoints.activities import ACTIVITY_ENDPOINTS
from lsq_mock.catalogue.endpoints.leads import LEAD_ENDPOINTS
from lsq_mock.catalogue.endpoints.model import Endpoint

__all__ = ["ENDPOINTS", "Endpoint", "endpoint_at"]

ENDPOINTS: tuple[Endpoint, ...] = (*ACTIVITY_ENDPOINTS, *LEAD_ENDPOINTS)
"""Every emulated endpoint: the activities', then the user lookup's and the leads'."""

_BY_PATH = {endpoint.path: endpoint for endpoint in ENDPOINTS}


def endpoint_at(path: str) -> Endpoint | None:
    """The endpoint served at `path` (any method), or None."""
    return _BY_PATH.get(path)
