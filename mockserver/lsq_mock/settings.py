"""What an emulator starts with: keys, rate limit, seed and limits. One frozen dataclass, no
globals: what changes while an emulator runs lives in the emulator (`RuntimeConfig`), so one
Settings object can start any number of emulators, all alike."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, get_args

from lsq_mock.catalogue.regions import DEFAULT_REGION, REGION_API_HOSTS
from lsq_mock.ratelimit import ACCOUNT_LIMIT, BULK_LIMIT, PLAN_CALLS_PER_5_SECONDS, RateLimit

DEFAULT_ACCESS_KEY = "u$rlsqmock0000000000000000000000000"
DEFAULT_SECRET_KEY = "lsqmocksecret00000000000000000000000000000"
INVALID_ACCESS_DETAILS = "MXInvalidAccessDetailsException"
"""The 401 ExceptionType some live answers show (others show MXUnAuthorizedAccessException)."""
UnauthorizedStyle = Literal["MXUnAuthorizedAccessException", "MXInvalidAccessDetailsException"]
OffsetReading = Literal["page", "page-from-0", "rows"]
UnknownLeadStyle = Literal["MXInvalidEntityException", "MXInvalidEntityReferenceException"]
"""The envelope of an unknown lead: 'Lead does not exist in the system' (seen live), or
'Lead not found' (seen live for a deleted or merged lead)."""
LeadUnsetValue = Literal["null", "-"]
"""How an unset lead value reads: null (the vendor's samples), or "-" (one client's report)."""
CHOICES: dict[str, tuple[Any, ...]] = {
    "logical_error_status": (500, 400),
    "rate_limit_status": (429, 403, 200),
    "unauthorized_exception": get_args(UnauthorizedStyle),
    "retrieve_offset": get_args(OffsetReading),
    "unknown_lead_exception": get_args(UnknownLeadStyle),
    "unknown_activity_type_status": (500, 200),
    "capture_duplicate_status": (500, 200),
    "lead_unset_value": get_args(LeadUnsetValue),
    "is_mx_exception": (False, True),
}
"""The settings that pick between answers the evidence leaves open, and what each may be (the
first is the default; `schemas/admin-config.schema.json` lists the same, a test checks)."""
CHOICE_HELP: dict[str, str] = {
    "logical_error_status": "Status of a well-formed call that fails on the tenant's data (400: "
    "the old answer).",
    "rate_limit_status": "Status of the over-limit envelope (429 is usual; 403 and 200 were seen "
    "live).",
    "unauthorized_exception": "ExceptionType of the 401 (public sources show both).",
    "retrieve_offset": "Read Retrieve's Paging.Offset as the documented page number (0 and 1 both "
    "the first page), as a page number counted from 0, or as rows skipped.",
    "unknown_lead_exception": "ExceptionType of a lead the tenant does not hold: 'Lead does not "
    "exist in the system', or 'Lead not found' (both seen live).",
    "unknown_activity_type_status": "Create with an unknown or disabled activity type: 500 "
    "MXInvalidActivityException 'Event Code is invalid or empty', or 200 "
    '{"Status":"Failed","Message":{"Message":"Invalid event code"}} (both seen live).',
    "capture_duplicate_status": "Status of Lead.Capture's duplicate envelope: 500 like the other "
    'lead writes, or 200 with "Status":"Error" in the body (both seen live).',
    "lead_unset_value": "How an unset lead value reads: null (the vendor's samples) or - (one "
    "client's report).",
    "is_mx_exception": 'Add "IsMXException": true to every error envelope (seen in some '
    "clients' fixtures; the vendor's page and most answers lack it).",
}
"""Each disputed-answer setting's `lsq-mock serve` help, by name (the same names as CHOICES)."""


def choice_value(name: str, text: str) -> Any:
    """The value of the disputed-answer setting `name` whose text is `text` (as a command line
    gives it: `500`, `True`, `page-from-0`); ValueError for any other."""
    for allowed in CHOICES[name]:
        if str(allowed) == text:
            return allowed
    raise ValueError(f"{name} must be one of {CHOICES[name]}, not {text!r}")


ANSWER_SETTINGS = ("rate_limit", "plan", "bulk_rate_limit", *CHOICES, "max_body_bytes")
"""The settings that change what the emulator answers a call: the ones `lsq-mock verify` may
suggest, and the options `serve` and `verify` share."""
PLANS = tuple(PLAN_CALLS_PER_5_SECONDS)
"""The subscription plans whose account limit `plan` sets."""
ACCESS_KEY_ENV = "LSQ_MOCK_ACCESS_KEY"
SECRET_KEY_ENV = "LSQ_MOCK_SECRET_KEY"
ADMIN_TOKEN_ENV = "LSQ_MOCK_ADMIN_TOKEN"
URL_ENV = "LSQ_MOCK_URL"
INSPECT_URL_ENV = "LSQ_MOCK_INSPECT_URL"
"""Where reports link each request instead of the emulator's own inspector: a template in which
`{number}` is the request's number and `{url}` the emulator's base URL (e.g. a CI artifact)."""
"""The base URL of a running emulator, for lsq-mock's commands and a CI job's next steps."""
DEFAULT_JOURNAL_BYTES = 32 * 1024 * 1024


EMPTY_ADMIN_TOKEN = (
    "the admin token is empty or blank, which no client could send (header values are "
    "trimmed) or would leave the /_mock/ admin API open: give a token, "
    f"or set neither --admin-token nor {ADMIN_TOKEN_ENV} for an admin API without one"
)


@dataclass(frozen=True)
class Credential:
    """One access key / secret key pair of the tenant."""

    access_key: str
    secret_key: str


@dataclass(frozen=True)
class Settings:
    """The start configuration of an emulator; immutable, so no run can change it for another."""

    credentials: tuple[Credential, ...] = (Credential(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY),)
    rate_limit: RateLimit = ACCOUNT_LIMIT
    """The account limit, counted over every call (the endpoint page's 25 in 5 s)."""
    bulk_rate_limit: RateLimit = BULK_LIMIT
    """The bulk APIs' own limit, counted over bulk calls only (1 in 5 s on every plan)."""
    plan: str | None = None
    """A subscription plan (lite, pro, super, basic, standard, enterprise): the account limit is
    then the plan's, from the vendor's table, and `rate_limit` may not say otherwise."""
    seed: str | Path | Mapping[str, Any] | None = None
    """A seed file, "default" for the shipped tenant, or the seed's data; None: an empty store."""
    journal_limit: int = 10_000
    """Most entries the journal keeps, and the event log too (each)."""
    journal_bytes: int = DEFAULT_JOURNAL_BYTES
    """Most bytes the journal's entries hold, and the event log's (each): the oldest go first."""
    max_body_bytes: int = 2 * 1024 * 1024
    latency_seconds: float = 0.0
    webhook_url: str | None = None
    admin_token: str | None = None
    logical_error_status: int = 500
    """What a well-formed call that fails on the tenant's data answers: 500, as the live API is
    seen to, or 400 (the emulator's answer before it followed that evidence)."""
    unauthorized_exception: UnauthorizedStyle = "MXUnAuthorizedAccessException"
    """The 401's ExceptionType: public sources disagree; the other one answers the message
    'Invalid Access Details provided.'."""
    rate_limit_status: int = 429
    """The status of the over-limit envelope: 429 as usually seen; 403 and 200 were seen too."""
    retrieve_offset: OffsetReading = "page"
    """How Retrieve reads `Paging.Offset`: the page number the vendor documents (0 and 1 both the
    first page, as its two examples send), "page-from-0" (pages counted from 0: 0 the first, 1
    the second), or "rows" skipped (the emulator's old reading)."""
    unknown_lead_exception: UnknownLeadStyle = "MXInvalidEntityException"
    """The envelope of a lead the tenant does not hold (Create, bulk add rows, Retrieve): 'Lead
    does not exist in the system', or MXInvalidEntityReferenceException 'Lead not found'."""
    capture_duplicate_status: int = 500
    """The status of Lead.Capture's duplicate envelope: 500 as the other lead writes answer it,
    or 200 with `"Status":"Error"` in the body (also seen live)."""
    lead_unset_value: LeadUnsetValue = "null"
    """How an unset lead value reads: null, as the vendor's samples show, or "-" (one client
    reports it on some reads: unconfirmed)."""
    unknown_activity_type_status: int = 500
    """What Create answers for an activity type the tenant lacks or disabled: 500
    MXInvalidActivityException 'Event Code is invalid or empty', or 200
    `{"Status":"Failed","Message":{"Message":"Invalid event code"}}` (both in one client's
    fixtures, written after a live outage)."""
    is_mx_exception: bool = False
    """Whether every error envelope also carries `"IsMXException": true` (one client's fixtures
    show it and another reads it; the vendor's Error Handling page and most answers lack it)."""
    region: str = DEFAULT_REGION
    """The tenant's region: UserByAccessKey.Get names its API host when called through the proxy
    (one of `catalogue.regions.REGION_API_HOSTS`)."""
    allowed_hosts: tuple[str, ...] = ()
    """Names besides the bound address that /_mock/ answers in `Host` (e.g. a container's name)."""
    strict: bool | None = None
    """For the pytest plugin: fail a test whose client broke the contract. None leaves it to the
    `lsq_mock_strict` ini setting (default true); a `lsq_mock(strict=...)` marker beats both."""
    https: bool = False
    """Serve TLS with a certificate from the local CA (`lsq_mock.tls.ca`)."""
    ca_dir: Path | None = None
    """Where the local CA is kept; None: $LSQ_MOCK_CA_DIR, else the user's data directory."""
    trust_ca_dir: bool = False
    """Use the CA found in `ca_dir` even if lsq-mock would not have made it (no name constraints,
    a key others may read, a directory others may write)."""

    def __post_init__(self) -> None:
        # A list of pairs is taken, but kept as a tuple: nothing in a Settings can change.
        object.__setattr__(self, "credentials", tuple(self.credentials))
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, not {getattr(self, name)!r}")
        object.__setattr__(self, "allowed_hosts", tuple(self.allowed_hosts))
        if self.region not in REGION_API_HOSTS:
            raise ValueError(
                f"region must be one of {tuple(REGION_API_HOSTS)}, not {self.region!r}"
            )
        if self.plan is not None:
            limit = RateLimit.for_plan(self.plan)
            if self.rate_limit not in (ACCOUNT_LIMIT, limit):
                raise ValueError("give rate_limit or plan, not both")
            object.__setattr__(self, "plan", self.plan.lower())
            object.__setattr__(self, "rate_limit", limit)
        if self.admin_token is not None and not self.admin_token.strip():
            raise ValueError(EMPTY_ADMIN_TOKEN)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, **overrides: Any) -> Settings:
        """Settings with keys from LSQ_MOCK_ACCESS_KEY / LSQ_MOCK_SECRET_KEY when both are set."""
        access, secret = environ.get(ACCESS_KEY_ENV), environ.get(SECRET_KEY_ENV)
        if access and secret and "credentials" not in overrides:
            overrides["credentials"] = (Credential(access, secret),)
        return cls(**overrides)

    @property
    def primary(self) -> Credential:
        """The first key pair: the one printed at start and handed to test fixtures."""
        return self.credentials[0]
