"""POST /v2/ProspectActivity.svc/Bulk/CustomActivity/Update: Update Activities in Bulk."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from mockserver.api.context import emulator, json_body, violations
from mockserver.errors import InvalidInput

BULK_UPDATE_PATH = "/ProspectActivity.svc/Bulk/CustomActivity/Update"

bp = Blueprint("bulk", __name__)


@bp.post(BULK_UPDATE_PATH)
def bulk_update() -> dict[str, Any]:
    """Validate the batch against the schemas, then apply it row by row."""
    state = emulator()
    rows = json_body()
    problem = state.schemas.first_violation("bulk-update-request", rows, "invalid-input")
    if problem is not None:
        raise InvalidInput(f"Invalid Input! {problem.message}", path=problem.path)
    violations().extend(state.schemas.violations("bulk-update-request.strict", rows, "contract"))
    skip = request.args.get("ValidateDropDownOptions", "").lower() == "true"
    outcome = state.store.bulk_update(rows, skip_dropdown_validation=skip)
    violations().extend(outcome.violations)
    return {"Response": outcome.results}
