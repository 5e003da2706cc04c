"""The activity writes: Update Activities in Bulk, Post an Activity (one, or up to 25 in bulk),
and Update an Activity. Each reads its body, calls the store, and answers the vendor's shape."""

from __future__ import annotations

from typing import Any

from lsq_mock.api.body import checked_body
from lsq_mock.api.call import Call
from lsq_mock.emulator import Emulator
from lsq_mock.errors import InvalidActivity


def bulk_update(state: Emulator, call: Call) -> dict[str, Any]:
    """Validate the batch against the schemas, then apply it row by row."""
    rows = checked_body(call, state.schemas, "bulk-update-request")
    outcome = state.store.bulk_update(
        rows, skip_dropdown_validation=call.skips_dropdown_validation()
    )
    call.note(outcome.violations)
    return {"Response": outcome.results}


INVALID_EVENT_CODE = {"Status": "Failed", "Message": {"Message": "Invalid event code"}}
"""Create's other answer for an unknown or disabled type, with 200 (the
`unknown_activity_type_status` setting; seen in a client's fixtures beside the 500)."""


def create_activity(state: Emulator, call: Call) -> dict[str, Any]:
    """Post one activity; any refusal is the error envelope."""
    body = checked_body(call, state.schemas, "create-activity-request", "posting an activity")
    try:
        saved = state.store.create_activity(
            body, skip_dropdown_validation=call.skips_dropdown_validation()
        )
    except InvalidActivity as refused:
        if state.runtime.unknown_activity_type_status != 200:
            raise
        call.error = refused  # answered 200, journaled as the finding it is
        return INVALID_EVENT_CODE
    call.note(saved.violations)
    return {"Status": "Success", "Message": {"Id": saved.activity_id}}


def bulk_add(state: Emulator, call: Call) -> dict[str, Any]:
    """Post each row's activity; a refused row is reported in its result, not as an error."""
    rows = checked_body(call, state.schemas, "bulk-add-request")
    outcome = state.store.bulk_add(rows, skip_dropdown_validation=call.skips_dropdown_validation())
    call.note(outcome.violations)
    return {"Response": outcome.results}


def update_activity(state: Emulator, call: Call) -> dict[str, Any]:
    """Apply one bulk-update row alone; a refusal is the error envelope instead of a row result."""
    row = checked_body(call, state.schemas, "activity-update-request", "updating an activity")
    saved = state.store.update_activity(
        row, skip_dropdown_validation=call.skips_dropdown_validation()
    )
    call.note(saved.violations)
    return {"Status": "Success", "Message": {"Id": saved.activity_id}}
