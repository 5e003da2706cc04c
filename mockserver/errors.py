"""LeadSquared's errors as typed exceptions, and the one definition of their wire envelope.

Pure Python (no Flask), so the store and its rules can raise them; `api.errorhandlers` renders them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from lsq_mock.violations import Violation


class LSQError(Exception):
    """An error the emulated API answers with `{"Status":"Error","ExceptionType":..,...}`."""

    status: ClassVar[int] = 500
    exception_type: str = "MXUnexpectedException"
    """The wire ExceptionType: the class's, or an injected fault's own."""
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
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.path = path
        self.rule = rule or self.default_rule
        self.headers = headers or {}

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
    default_rule = "invalid-input"
    client_fault = True

    @classmethod
    def from_violation(cls, violation: Violation, prefix: str = "Invalid Input!") -> InvalidInput:
        """The 400 for a schema violation: its message, JSON path and rule."""
        return cls(f"{prefix} {violation.message}", path=violation.path, rule=violation.rule)


class PayloadTooLarge(InvalidInput):
    """413: a body larger than the emulator accepts, rejected before it is read."""

    status = 413
    default_rule = "payload-too-large"

    def __init__(self, limit_bytes: int):
        super().__init__(f"Invalid Input! The request body exceeds {limit_bytes} bytes.")


class Unauthorized(LSQError):
    """401: missing or wrong access key / secret key."""

    status = 401
    exception_type = "MXUnAuthorizedAccessException"
    default_rule = "auth"
    client_fault = True


class NotFound(LSQError):
    """404: a path or method the API does not serve."""

    status = 404
    exception_type = "MXAPINotFoundException"
    default_rule = "unknown-api"
    client_fault = True


class EntityNotFound(LSQError):
    """404 from the admin API: a named object (activity, type) that the store does not hold."""

    status = 404
    exception_type = "MXInvalidEntityException"
    default_rule = "unknown-entity"


class LogicalError(LSQError):
    """500: a well-formed call that the tenant's data refuses (observed live: see the ledger)."""

    status = 500
    client_fault = True
    logical = True


class InvalidData(LogicalError):
    """500: a value, field or activity type the tenant does not have or does not accept."""

    exception_type = "MXInvalidInputException"
    default_rule = "invalid-input"


class MandatoryAttributeMissing(LogicalError):
    """500: a value the API needs (a query parameter, a mandatory field) was not sent."""

    exception_type = "MXMandatoryAttributeMissingException"
    default_rule = "mandatory-missing"


class InvalidEntity(LogicalError):
    """500: the request names a lead or an activity the tenant does not hold."""

    exception_type = "MXInvalidEntityException"
    default_rule = "unknown-entity"


class UnknownActivity(LogicalError):
    """500 from GetActivityDetails: no activity has this id (the live message, verbatim)."""

    exception_type = "MXUnknownProspectActivityException"
    default_rule = "unknown-activity"

    def __init__(self, *, path: str = "$") -> None:
        super().__init__("Activity does not exist.", path=path)


class DuplicateEntry(LogicalError):
    """500: a name that must be unique (an activity type's) is taken."""

    exception_type = "MXDuplicateEntryException"
    default_rule = "duplicate-entry"


class RateLimited(LSQError):
    """429: the tenant's calls in the sliding window exceeded its limit."""

    status = 429
    exception_type = "MXAPIRateLimitExceededException"
    default_rule = "rate-limit"

    @classmethod
    def for_limit(cls, calls: int, seconds: float) -> RateLimited:
        """The vendor's message for a limit of `calls` in `seconds`."""
        return cls(f"API calls exceeded the limit of {calls} in {seconds:g} second(s)")


class ServerError(LSQError):
    """500: anything unexpected, or a fault injected on purpose."""


def error_for_status(status: int, message: str, exception_type: str | None = None) -> LSQError:
    """An error of the API's own type for `status` (used by injected faults), or of
    `exception_type` (a fault that plays, say, a logical 500 MXInvalidInputException)."""
    classes: dict[int, type[LSQError]] = {
        400: InvalidInput,
        401: Unauthorized,
        404: NotFound,
        429: RateLimited,
        500: ServerError,
    }
    error = classes.get(status, ServerError)(message)
    if exception_type is not None:
        error.exception_type = exception_type
    return error


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
