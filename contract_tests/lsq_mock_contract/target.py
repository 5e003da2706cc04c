"""What the provider suite runs against, and the guard that keeps it off a real host by accident."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lsq_mock.emulator.hosts import is_loopback_host
from lsq_mock.journal.report import redact

BASE_URL_ENV = "LSQ_BASE_URL"
ACCESS_KEY_ENV = "LSQ_ACCESS_KEY"
SECRET_KEY_ENV = "LSQ_SECRET_KEY"
ACTIVITY_ID_ENV = "LSQ_ACTIVITY_ID"


class TargetRefused(ValueError):
    """The options do not name a target the suite may touch (no keys for a remote host, no ids)."""


@dataclass(frozen=True)
class Target:
    """A server to check: base URL, keys, the activities it may update and the values to write.

    `fields` are values the suite may write to each of `activity_ids` (on a real tenant: the values
    they hold now, so every write puts back what was there). `datetime_field` and `dropdown_field`
    name one of `fields` of that data type; `unlisted_option` is a value outside the dropdown's
    options that the user allows the "skip validation" check to write (it is put back at once).
    """

    base_url: str
    access_key: str
    secret_key: str
    activity_ids: tuple[str, ...]
    fields: Mapping[str, str] = field(default_factory=dict)
    datetime_field: str | None = None
    dropdown_field: str | None = None
    unlisted_option: str | None = None
    lead_id: str | None = None
    """A lead the read-only checks may list the activities of and look up, by its id, email and
    phone (the suite writes to it only with `allow_writes`: a refused update)."""
    lead_email: str | None = None
    """The email address the write checks post an activity by (only with `allow_writes`)."""
    spend_quota: bool = False
    allow_writes: bool = False
    """Whether the suite may create records that stay (an activity by email, an activity type, a
    lead) and call the lead writes."""
    wait: Callable[[float], None] = time.sleep
    name: str = "the target"

    def __post_init__(self) -> None:
        if not self.activity_ids:
            raise TargetRefused("name at least one activity the suite may update")
        for role in ("datetime_field", "dropdown_field"):
            chosen = getattr(self, role)
            if chosen is not None and chosen not in self.fields:
                raise TargetRefused(f"{role} {chosen!r} needs a value among the fields to write")

    def redact(self, text: str) -> str:
        """`text` with both keys blanked out (plain or URL-encoded), for messages in CI logs."""
        return redact(text, self.secret_key, self.access_key)


@dataclass(frozen=True)
class TargetOptions:
    """The `--lsq-*` options as given (None: not given); environment variables fill the gaps."""

    base_url: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    activity_ids: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    datetime_field: str | None = None
    dropdown_field: str | None = None
    unlisted_option: str | None = None
    lead_id: str | None = None
    lead_email: str | None = None
    spend_quota: bool = False
    allow_writes: bool = False


def real_target(options: TargetOptions, environ: Mapping[str, str] = os.environ) -> Target | None:
    """The target the options name, or None for the emulator; TargetRefused if it is unsafe.

    Only an explicit base URL selects a real host, and a host off this machine also needs both
    keys and the activity ids: keys lying in the environment never send the suite anywhere.
    """
    base_url = options.base_url or environ.get(BASE_URL_ENV)
    if not base_url:
        return None
    access_key = options.access_key or environ.get(ACCESS_KEY_ENV)
    secret_key = options.secret_key or environ.get(SECRET_KEY_ENV)
    ids = options.activity_ids or _split(environ.get(ACTIVITY_ID_ENV, ""))
    if not (access_key and secret_key):
        if not is_loopback(base_url):
            raise TargetRefused(
                f"refusing to run the provider suite against {base_url}: give --lsq-access-key "
                f"and --lsq-secret-key (or {ACCESS_KEY_ENV} / {SECRET_KEY_ENV}) explicitly"
            )
        from lsq_mock.settings import DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY

        access_key, secret_key = DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY
    if not ids:
        raise TargetRefused(
            f"refusing to run the provider suite against {base_url}: name the activities it may "
            f"update with --lsq-activity-id (or {ACTIVITY_ID_ENV}, comma-separated)"
        )
    return Target(
        base_url=base_url.rstrip("/"),
        access_key=access_key,
        secret_key=secret_key,
        activity_ids=ids,
        fields=dict(_field_value(text) for text in options.fields),
        datetime_field=options.datetime_field,
        dropdown_field=options.dropdown_field,
        unlisted_option=options.unlisted_option,
        lead_id=options.lead_id,
        lead_email=options.lead_email,
        spend_quota=options.spend_quota,
        allow_writes=options.allow_writes,
        name=base_url,
    )


def is_loopback(url: str) -> bool:
    """Whether `url` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    return is_loopback_host(urlsplit(url).hostname or "")


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _field_value(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise TargetRefused(f"--lsq-field takes SCHEMA_NAME=VALUE, not {text!r}")
    return name, value
