"""GET /v2/ProspectActivity.svc/ActivityTypes.Get: the tenant's activity types and event codes."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import emulator
from lsq_mock.api.shapes import type_row

ACTIVITY_TYPES_PATH = "/ProspectActivity.svc/ActivityTypes.Get"

bp = Blueprint("activity_types", __name__)


@bp.get(ACTIVITY_TYPES_PATH)
def activity_types() -> list[dict[str, Any]]:
    """Every activity type by event code, so a client can find the code of the type it posts."""
    return [type_row(activity_type) for activity_type in emulator().store.activity_types()]
