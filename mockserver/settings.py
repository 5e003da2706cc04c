"""What an emulator starts with: keys, rate limit, seed and limits. One dataclass, no globals."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsq_mock.ratelimit import RateLimit

DEFAULT_ACCESS_KEY = "u$rlsqmock0000000000000000000000000"
DEFAULT_SECRET_KEY = "lsqmocksecret00000000000000000000000000000"
ACCESS_KEY_ENV = "LSQ_MOCK_ACCESS_KEY"
SECRET_KEY_ENV = "LSQ_MOCK_SECRET_KEY"


@dataclass(frozen=True)
class Credential:
    """One access key / secret key pair of the tenant."""

    access_key: str
    secret_key: str


@dataclass
class Settings:
    """The configuration of one emulator instance."""

    credentials: tuple[Credential, ...] = (Credential(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY),)
    rate_limit: RateLimit = field(default_factory=RateLimit)
    seed: Path | Mapping[str, Any] | None = None
    journal_limit: int = 10_000
    max_body_bytes: int = 2 * 1024 * 1024
    latency_seconds: float = 0.0
    webhook_url: str | None = None
    admin_token: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    """Names besides the bound address that /_mock/ answers in `Host` (e.g. a container's name)."""
    strict: bool = True
    """For the pytest plugin: fail a test whose client broke the contract."""

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
