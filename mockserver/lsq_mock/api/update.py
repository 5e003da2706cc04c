"""POST /v2/ProspectActivity.svc/CustomActivity/Update: update one activity, by the bulk rules."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import checked_body, emulator, skips_dropdown_validation, violations

UPDATE_PATH = "/ProspectActivity.svc/CustomActivity/Update"

bp = Blueprint("update", __name__)


@bp.post(UPDATE_PATH)
def update_activity() -> dict[str, Any]:
    """Apply one bulk-update row alone; a refusal is the error envelope instead of a row result."""
    row = checked_body("activity-update-request", "updating an activity")
    saved = emulator().store.update_activity(
        row, skip_dropdown_validation=skips_dropdown_validation()
    )
    violations().extend(saved.violations)
    return {"Status": "Success", "Message": {"Id": saved.activity_id}}
