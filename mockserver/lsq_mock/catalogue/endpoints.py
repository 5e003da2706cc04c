"""The emulated endpoints, each once: the ledger entry it is, its method and path, and what its
calls can go through (rows, the bulk limit, logical errors, refused bodies). The behaviour
catalogue is made from this list; a test holds it against the app's routes and request schemas.
"""

from __future__ import annotations

from dataclasses import dataclass

from lsq_mock.catalogue import rules

PREFIX = "/v2/ProspectActivity.svc"

_BODY_RULES = (rules.CONTENT_TYPE, rules.NOT_JSON)
"""What any endpoint that reads a JSON body refuses before its schema is looked at."""


def _schema(*keywords: str) -> tuple[str, ...]:
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
    read_only: bool = False
    """Whether its calls never change the tenant (a POST may only read: Retrieve)."""

    @property
    def bulk(self) -> bool:
        """Whether its calls take rows and also count in the bulk APIs' own limit."""
        return self.rows is not None


_WRITE_ROW = (rules.UNKNOWN_FIELD, rules.INVALID_VALUE, rules.MANDATORY_FIELD)
_UPDATE_ROW = (rules.UNKNOWN_ACTIVITY, rules.WRONG_ACTIVITY_TYPE, *_WRITE_ROW)
_POST_ROW = (rules.UNKNOWN_ACTIVITY_TYPE, rules.UNKNOWN_LEAD, *_WRITE_ROW)

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(
        "bulk-update",
        "Bulk update",
        "POST",
        f"{PREFIX}/Bulk/CustomActivity/Update",
        rows="updated",
        logical=_UPDATE_ROW,
        refused=(
            *_BODY_RULES,
            *_schema("type", "required", "minItems", "maxItems", "minLength", "pattern", "minimum"),
        ),
    ),
    Endpoint(
        "bulk-add",
        "Bulk add",
        "POST",
        f"{PREFIX}/Bulk/CustomActivity/Add/ByLeadId",
        rows="created",
        logical=_POST_ROW,
        refused=(
            *_BODY_RULES,
            *_schema("type", "required", "minItems", "maxItems", "minLength", "pattern", "minimum"),
        ),
    ),
    Endpoint(
        "create",
        "Create",
        "POST",
        f"{PREFIX}/Create",
        logical=(rules.MANDATORY_MISSING, *_POST_ROW),
        refused=(*_BODY_RULES, *_schema("type", "required", "minLength", "pattern", "minimum")),
    ),
    Endpoint(
        "update",
        "CustomActivity/Update",
        "POST",
        f"{PREFIX}/CustomActivity/Update",
        logical=(rules.MANDATORY_MISSING, *_UPDATE_ROW),
        refused=(*_BODY_RULES, *_schema("type", "required", "minLength", "pattern", "minimum")),
    ),
    Endpoint(
        "retrieve",
        "Retrieve",
        "POST",
        f"{PREFIX}/Retrieve",
        logical=(
            rules.MANDATORY_MISSING,
            rules.PAGE_SIZE,
            rules.UNKNOWN_LEAD,
            rules.UNKNOWN_ACTIVITY_TYPE,
        ),
        refused=(*_BODY_RULES, *_schema("type", "maxItems", "pattern", "minimum")),
        read_only=True,
    ),
    Endpoint(
        "details",
        "GetActivityDetails",
        "GET",
        f"{PREFIX}/GetActivityDetails",
        logical=(rules.MANDATORY_MISSING, rules.UNKNOWN_ACTIVITY),
        read_only=True,
    ),
    Endpoint(
        "activity-types", "ActivityTypes.Get", "GET", f"{PREFIX}/ActivityTypes.Get", read_only=True
    ),
    Endpoint(
        "create-type",
        "CreateType",
        "POST",
        f"{PREFIX}/CreateType",
        logical=(rules.MANDATORY_MISSING, rules.DUPLICATE_ENTRY, rules.INVALID_TYPE),
        refused=(
            *_BODY_RULES,
            *_schema(
                "type",
                "required",
                "maxItems",
                "minLength",
                "maxLength",
                "pattern",
                "minimum",
                "maximum",
                "enum",
            ),
        ),
    ),
)
"""Every emulated endpoint: the bulk ones, the single-activity writes, the reads, then types."""

_BY_PATH = {endpoint.path: endpoint for endpoint in ENDPOINTS}


def endpoint_at(path: str) -> Endpoint | None:
    """The endpoint served at `path` (any method), or None."""
    return _BY_PATH.get(path)
