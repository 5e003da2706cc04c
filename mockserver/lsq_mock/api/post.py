"""Posting activities on leads: one (`Create`) or up to 25 (`Bulk/CustomActivity/Add/ByLeadId`)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from lsq_mock.api.context import checked_body, emulator, skips_dropdown_validation, violations

CREATE_PATH = "/ProspectActivity.svc/Create"
BULK_ADD_PATH = "/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId"

bp = Blueprint("post", __name__)


@bp.post(CREATE_PATH)
def create_activity() -> dict[str, Any]:
    """Post one activity; any refusal is the error envelope."""
    body = checked_body("create-activity-request", "posting an activity")
    saved = emulator().store.create_activity(
        body, skip_dropdown_validation=skips_dropdown_validation()
    )
    violations().extend(saved.violations)
    return {"Status": "Success", "Message": {"Id": saved.activity_id}}


@bp.post(BULK_ADD_PATH)
def bulk_add() -> dict[str, Any]:
    """Post each row's activity; a refused row is reported in its result, not as an error."""
    rows = checked_body("bulk-add-request")
    outcome = emulator().store.bulk_add(rows, skip_dropdown_validation=skips_dropdown_validation())
    violations().extend(outcome.violations)
    return {"Response": outcome.results}
