"""LeadSquared's errors as typed exceptions, and the one definition of their wire envelope.

Pure Python (no Flask), so the store and its rules can raise them; `api.errorhandlers` renders them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from lsq_mock.catalogue import rules

if TYPE_CHECKING:
    from lsq_mock.contract.violations import Violation


class LSQError(Exception):
    """An error the emulated API answers with `{"Status":"Error","ExceptionType":..,...}`."""

    status: int = 500
    """The HTTP status: the class's, or the one a setting or fault gives this error."""
    exception_type: str = "MXUnexpectedException"
    """The wire ExceptionType: the class's, or the one a setting or fault gives this error."""
    default_rule: ClassVar[str] = "server-error"
    client_fault: ClassVar[bool] = False
    """Whether the client caused it (a contract violation), rather than the server or its limits."""
    logical: ClassVar[bool] = False
    """A well-formed call that failed on the tenant's data: the live API answers 500, and
    retrying never helps (an emulator setting may answer these 400 instead)."""

    def __init__(
        self,
        message: str,
        *,
        path: str = "$",
        rule: str | None = None,
        status: int | None = None,
        exception_type: str | None = None,
        hint: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if exception_type is not None:
            self.exception_type = exception_type
        self.path = path
        self.rule = rule or self.default_rule
        self.hint = hint
        """A near miss for the journal (never in the envelope): what the client may have meant."""

    def to_dict(self) -> dict[str, Any]:
        """The envelope body, exactly as the API sends it."""
        return {
            "Status": "Error",
            "ExceptionType": self.exception_type,
            "ExceptionMessage": self.message,
        }

    def to_json(self) -> bytes:
        """The envelope as the bytes of a response body (for servers answering without Flask)."""
        return json.dumps(self.to_dict(), separators=(",", ":")).encode()


class InvalidInput(LSQError):
    """400: the body is not as per the API's specification."""

    status = 400
    exception_type = "MXInvalidInputException"
    default_rule = rules.REQUEST
    client_fault = True

    @classmethod
    def from_violation(cls, violation: Violation, prefix: str = "Invalid Input!") -> InvalidInput:
        """The 400 for a schema violation: its message, JSON path and rule."""
        return cls(f"{prefix} {violation.message}", path=violation.path, rule=violation.rule)


class PayloadTooLarge(InvalidInput):
    """413: a body larger than the emulator accepts, rejected before it is read."""

    status = 413
    default_rule = rules.PAYLOAD_TOO_LARGE

    def __init__(self, limit_bytes: int):
        super().__init__(f"Invalid Input! The request body exceeds {limit_bytes} bytes.")


class Unauthorized(LSQError):
    """401: missing or wrong access key / secret key."""

    status = 401
    exception_type = "MXUnAuthorizedAccessException"
    default_rule = rules.AUTH
    client_fault = True


class Forbidden(LSQError):
    """403 from the control plane: a call another site could have made through a browser."""

    status = 403
    exception_type = "MXForbiddenException"
    default_rule = "forbidden"


class NotFound(LSQError):
    """404: a path or method the API does not serve."""

    status = 404
    exception_type = "MXAPINotFoundException"
    default_rule = rules.UNKNOWN_API
    client_fault = True


class NotEmulated(NotFound):
    """404: a real API of the vendor's that lsq-mock does not emulate (not the client's fault:
    journaled as not emulated, which fails no run by default)."""

    default_rule = rules.NOT_EMULATED


class EntityNotFound(LSQError):
    """404 from the admin API: a named object (activity, type) that the store does not hold."""

    status = 404
    exception_type = "MXInvalidEntityException"
    default_rule = "unknown-entity"


class LogicalError(LSQError):
    """500: a well-formed call that the tenant's data refuses (observed live: see the ledger)."""

    client_fault = True
    logical = True


class InvalidData(LogicalError):
    """500: a value, field or activity type the tenant does not have or does not accept."""

    exception_type = "MXInvalidInputException"
    default_rule = rules.INVALID_VALUE


class MandatoryAttributeMissing(LogicalError):
    """500: a value the API needs (a query parameter, a mandatory field) was not sent."""

    exception_type = "MXMandatoryAttributeMissingException"
    default_rule = rules.MANDATORY_MISSING


class InvalidEntity(LogicalError):
    """500: the request names a lead or an activity the tenant does not hold."""

    exception_type = "MXInvalidEntityException"
    default_rule = "unknown-entity"


class InvalidEntityReference(LogicalError):
    """500: the request names a lead that is gone (seen live for a deleted or merged lead)."""

    exception_type = "MXInvalidEntityReferenceException"
    default_rule = rules.UNKNOWN_LEAD


UNKNOWN_LEAD_ANSWERS: dict[str, str] = {
    InvalidEntity.exception_type: "Lead does not exist in the system",
    InvalidEntityReference.exception_type: "Lead not found",
}
"""The two answers seen live for a lead the tenant does not hold (the second for a deleted or
merged lead), by ExceptionType: the `unknown_lead_exception` setting picks one."""


class UnknownActivity(LogicalError):
    """500 from GetActivityDetails: no activity has this id (the live message, verbatim)."""

    exception_type = "MXUnknownProspectActivityException"
    default_rule = rules.UNKNOWN_ACTIVITY

    def __init__(self, *, path: str, hint: str | None = None) -> None:
        super().__init__("Activity does not exist.", path=path, hint=hint)


class InvalidActivity(LogicalError):
    """500: an ActivityEvent that is no activity type of the tenant, or one it disabled (seen
    live, verbatim, in a client's fixtures written after an outage)."""

    exception_type = "MXInvalidActivityException"
    default_rule = rules.UNKNOWN_ACTIVITY_TYPE
    MESSAGE = "Event Code is invalid or empty"


class DuplicateEntry(LogicalError):
    """500: a name that must be unique (an activity type's) is taken."""

    exception_type = "MXDuplicateEntryException"
    default_rule = rules.DUPLICATE_ENTRY


NAMED_ATTRIBUTES = 10
NAMED_ATTRIBUTE_LENGTH = 100
"""How many unknown attributes a refusal names, and how much of each: the answer stays small
however many a body sends."""


class UnknownAttribute(LogicalError):
    """500: a lead write names an Attribute that is no lead field of the tenant; the whole write
    is refused (seen live)."""

    exception_type = "MXUnknownAttributeException"
    default_rule = rules.UNKNOWN_ATTRIBUTE

    @classmethod
    def naming(
        cls, attributes: list[str], *, path: str, hint: str | None = None
    ) -> UnknownAttribute:
        """The refusal of a write naming `attributes`, each no lead field: the first
        NAMED_ATTRIBUTES of them, each cut at NAMED_ATTRIBUTE_LENGTH characters."""
        named = [
            name if len(name) <= NAMED_ATTRIBUTE_LENGTH else name[:NAMED_ATTRIBUTE_LENGTH] + "..."
            for name in attributes[:NAMED_ATTRIBUTES]
        ]
        more = len(attributes) - len(named)
        listed = ", ".join(named) + (f" and {more} more" if more else "")
        return cls(f"Attribute(s) does not exist - {listed}.", path=path, hint=hint)


class DuplicateLead(DuplicateEntry):
    """500: a lead write would give a unique field (EmailAddress, Phone by default) a value
    another lead holds, with the vendor's message ("A Lead with same Email already exists.")."""

    default_rule = rules.DUPLICATE_LEAD


class RateLimited(LSQError):
    """429: the tenant's calls in the sliding window exceeded its limit."""

    status = 429
    exception_type = "MXAPIRateLimitExceededException"
    default_rule = "rate-limit"

    @classmethod
    def for_limit(cls, calls: int, seconds: float, status: int) -> RateLimited:
        """The vendor's message for a limit of `calls` in `seconds`, answered with `status`."""
        message = f"API calls exceeded the limit of {calls} in {seconds:g} second(s)"
        return cls(message, status=status)


class ServerError(LSQError):
    """500: anything unexpected, or a fault injected on purpose."""


STATUS_ERRORS: dict[int, type[LSQError]] = {
    400: InvalidInput,
    401: Unauthorized,
    404: NotFound,
    429: RateLimited,
    500: ServerError,
}
"""The API's own error for each status an injected fault may answer."""


def error_for_status(status: int, message: str, exception_type: str | None = None) -> LSQError:
    """An error of the API's own type for `status` (one of STATUS_ERRORS), or of
    `exception_type` (a fault that plays, say, a logical 500 MXInvalidInputException)."""
    return STATUS_ERRORS[status](message, exception_type=exception_type)


def transport_error(status: int, reason: str, *, limit_bytes: int) -> LSQError:
    """The envelope of an error the HTTP server answers itself, before the app sees the request
    (a malformed request line or chunk, headers too large, a body over `limit_bytes`)."""
    if status == PayloadTooLarge.status:
        return PayloadTooLarge(limit_bytes)
    if status >= 500 and status not in (501, 505):
        return ServerError("The API call failed.")
    # 501 and 505 (a transfer coding or HTTP version the server does not speak) are still the
    # client's doing: the envelope says so, under the server's own status.
    return InvalidInput(f"Invalid Input! {reason.strip() or 'The request could not be read.'}")
