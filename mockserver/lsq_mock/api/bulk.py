"""POST /v2/ProspectActivity.svc/Bulk/CustomActivity/Update: Update Activities in Bulk."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import checked_body, emulator, skips_dropdown_validation, violations

BULK_UPDATE_PATH = "/ProspectActivity.svc/Bulk/CustomActivity/Update"

bp = Blueprint("bulk", __name__)


@bp.post(BULK_UPDATE_PATH)
def bulk_update() -> dict[str, Any]:
    """Validate the batch against the schemas, then apply it row by row."""
    rows = checked_body("bulk-update-request")
    outcome = emulator().store.bulk_update(
        rows, skip_dropdown_validation=skips_dropdown_validation()
    )
    violations().extend(outcome.violations)
    return {"Response": outcome.results}
