"""Where an emulated behaviour comes from: the vendor's page, public evidence of live answers,
or the emulator's own choice (and the setting that changes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

PAGES = "https://apidocs.leadsquared.com"
BULK_UPDATE_PAGE = f"{PAGES}/bulk-update-activities/"
CREATE_PAGE = f"{PAGES}/post-an-activity-to-lead/"
CREATE_BY_EMAIL_PAGE = f"{PAGES}/post-activity-with-lead-email-address/"
UPDATE_PAGE = f"{PAGES}/update-activity/"
BULK_ADD_PAGE = f"{PAGES}/post-bulk-activities-on-leads/"
RETRIEVE_PAGE = f"{PAGES}/get-activities-of-a-lead/"
DETAILS_PAGE = f"{PAGES}/get-activity-details/"
CREATE_TYPE_PAGE = f"{PAGES}/create-new-activity-type-api/"
RATE_LIMITS_PAGE = f"{PAGES}/rate-limits/"
ERRORS_PAGE = f"{PAGES}/error-handling/"

LIVE_EXTRACTION = (
    "karthik-curelo/google_ads, docs/LSQ_EXTRACTION.md, verified against a live account "
    "(api-in21, 2026-09)"
)
CHATWOOT = "chatwoot/chatwoot, app/services/crm/leadsquared/ (a production integration)"
WEBINAR = "akshat4447/Webinar_campaign, lib/leadsquared.ts"
LIVE_CLIENTS = (
    "live client code found by the project (stored files 34207800668, a PHP client reading "
    "ActivityFields.mx_Custom_1; 63418286132, notes: ActivityFields absent on system events "
    "3001 and 3002, everything in Data[{Key, Value}])"
)
LIVE_PROBE = "a live probe script (stored files 66577721324, 66561925744)"
LIVE_RATE_LIMITS = (
    "429 in a TS app (stored file 69410463384), 403 in a TS client (56224167863), 200 in Java "
    "backfill notes (67286211645), each with the same envelope"
)


@dataclass(frozen=True)
class Documented:
    """The vendor's own page says so."""

    url: str
    standing: ClassVar[str] = "documented"


@dataclass(frozen=True)
class Observed:
    """Public code or threads whose authors ran against a live tenant show it."""

    evidence: str
    standing: ClassVar[str] = "observed"


@dataclass(frozen=True)
class Chosen:
    """Nobody public shows it: the emulator's choice, and the setting that changes it, if any."""

    why: str
    setting: str | None = None
    """A field of `Settings` (each has a `lsq-mock serve` option of the same name)."""
    standing: ClassVar[str] = "chosen"


@dataclass(frozen=True)
class NotEmulated:
    """Part of the real API that the emulator leaves out, and what it does instead."""

    why: str
    standing: ClassVar[str] = "not emulated"


Source = Documented | Observed | Chosen | NotEmulated
